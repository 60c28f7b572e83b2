/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-availability.h"
#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-currency.h"

/* skytally-cli availability: each provider's composite availability of a scenario, its
 * downtime and arithmetic, and the cheapest way to reach the required level. */

static char *
plain (SkyDecimal value)
{
  return sky_decimal_to_string (sky_decimal_normalize (value));
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static void
print_table (const SkyScenario     *scenario,
             const SkyAvailability *a,
             const SkyReach        *reach)
{
  static const char *headers[] = {
    /* Translators: column headings of “skytally-cli availability”. */
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "AVAILABILITY"),
    NC_("column heading", "DOWNTIME A MONTH"),
    NC_("column heading", "DOWNTIME A YEAR"),
    NC_("column heading", "COMPLETE"),
    NC_("column heading", "REQUIRED"),
  };
  static gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE, FALSE, FALSE };
  SkyCliTable table = { 0 };

  sky_cli_table_init (&table, SKY_CLI_FORMAT_TABLE, headers, numeric, G_N_ELEMENTS (headers));
  for (guint i = 0; i < a->providers->len; i++)
    {
      const SkyAvailabilityProvider *p = g_ptr_array_index (a->providers, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);
      g_autofree char *verdict = sky_availability_verdict (a, p, SKY_EXPLAIN_PLAIN);

      row[0] = g_strdup (p->provider_name);
      row[1] = p->parts->len > 0 ? sky_availability_format_percent (p->availability,
                                                                      SKY_EXPLAIN_PLAIN)
                                 : g_strdup ("—");
      row[2] = p->parts->len > 0 ? sky_availability_format_downtime (p->downtime_month,
                                                                       SKY_EXPLAIN_PLAIN)
                                 : g_strdup ("—");
      row[3] = p->parts->len > 0 ? sky_availability_format_downtime (p->downtime_year,
                                                                       SKY_EXPLAIN_PLAIN)
                                 : g_strdup ("—");
      row[4] = g_strdup (yes_no (p->complete));
      row[5] = g_strdup (verdict != NULL ? verdict : "—");
      sky_cli_table_add_row (&table, row);
    }
  sky_cli_table_print (&table);

  for (guint i = 0; i < a->providers->len; i++)
    {
      const SkyAvailabilityProvider *p = g_ptr_array_index (a->providers, i);
      g_autofree char *text = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);
      g_auto(GStrv) steps = g_strsplit (text, "\n", -1);

      g_print ("\n%s:\n", p->provider_name);
      for (guint k = 0; steps[k] != NULL; k++)
        if (*steps[k] != '\0')
          g_print ("  %s\n", steps[k]);
      if (p->implied)
        g_print ("  %s\n", _("A figure in several regions is implied by the SLAs, not published."));
    }

  if (reach == NULL)
    return;
  {
    g_autofree char *level = sky_availability_format_level (reach->required, SKY_EXPLAIN_PLAIN);

    g_print ("\n");
    /* Translators: a required availability, as in "The cheapest way to reach 99.99 %:" */
    g_print (_("The cheapest way to reach %s:\n"), level);
  }
  for (guint i = 0; i < reach->providers->len; i++)
    {
      const SkyReachProvider *p = g_ptr_array_index (reach->providers, i);
      g_autofree char *before = sky_currency_format (scenario->currency, p->monthly_before);

      if (!p->reached)
        {
          g_print ("  %s: %s\n", p->provider_name, p->reason);
          continue;
        }
      {
        g_autofree char *after = sky_currency_format (scenario->currency, p->monthly);
        g_autofree char *percent = sky_availability_format_percent (p->availability,
                                                                    SKY_EXPLAIN_PLAIN);

        /* Translators: a provider, its monthly cost as written and with the cheapest
         * deployments, the currency, and the availability reached, as in "Amazon Web Services:
         * 843.61 → 1015.96 USD a month, 99.99 %" */
        g_print (_("  %s: %s → %s %s a month, %s\n"), p->provider_name, before, after,
                 scenario->currency, percent);
      }
      if (p->steps->len == 0)
        g_print ("    %s\n", _("The scenario as written is the cheapest way."));
      for (guint k = 0; k < p->steps->len; k++)
        {
          g_autofree char *step = sky_reach_step_describe (reach, g_ptr_array_index (p->steps, k),
                                                           SKY_EXPLAIN_PLAIN);
          g_print ("    %s\n", step);
        }
    }
}

static void
print_csv (const SkyScenario     *scenario,
           const SkyAvailability *a,
           const SkyReach        *reach)
{
  static const char *headers[] = {
    "PROVIDER", "AVAILABILITY", "COMPLETE", "IMPLIED", "DOWNTIME_MONTH_MINUTES",
    "DOWNTIME_YEAR_MINUTES", "REQUIRED", "MEETS_REQUIRED", "CHEAPEST_REACHED",
    "CHEAPEST_MONTHLY", "CHEAPEST_AVAILABILITY", "MONTHLY", "CURRENCY",
  };
  static gboolean numeric[] = { FALSE, TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE,
                                TRUE, TRUE, FALSE };
  SkyCliTable table = { 0 };

  sky_cli_table_init (&table, SKY_CLI_FORMAT_CSV, headers, numeric, G_N_ELEMENTS (headers));
  for (guint i = 0; i < a->providers->len; i++)
    {
      const SkyAvailabilityProvider *p = g_ptr_array_index (a->providers, i);
      const SkyReachProvider *r = reach != NULL ? g_ptr_array_index (reach->providers, i) : NULL;
      char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);
      guint c = 0;

      row[c++] = g_strdup (p->provider);
      row[c++] = p->parts->len > 0 ? plain (p->availability) : g_strdup ("");
      row[c++] = g_strdup (p->complete ? "true" : "false");
      row[c++] = g_strdup (p->implied ? "true" : "false");
      row[c++] = p->parts->len > 0 ? plain (p->downtime_month) : g_strdup ("");
      row[c++] = p->parts->len > 0 ? plain (p->downtime_year) : g_strdup ("");
      row[c++] = a->has_required ? plain (a->required) : g_strdup ("");
      row[c++] = g_strdup (!a->has_required || !p->complete ? ""
                           : p->short_of_required ? "false" : "true");
      row[c++] = g_strdup (r == NULL ? "" : r->reached ? "true" : "false");
      row[c++] = r != NULL && r->reached ? plain (r->monthly) : g_strdup ("");
      row[c++] = r != NULL && r->reached ? plain (r->availability) : g_strdup ("");
      row[c++] = r != NULL ? plain (r->monthly_before) : g_strdup ("");
      row[c++] = g_strdup (scenario->currency);
      sky_cli_table_add_row (&table, row);
    }
  sky_cli_table_print (&table);
}

static void
add_decimal (JsonBuilder *b,
             const char  *name,
             SkyDecimal   value)
{
  g_autofree char *text = plain (value);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
add_labels (JsonBuilder *b,
            const char  *name,
            GPtrArray   *labels)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (labels, i));
  json_builder_end_array (b);
}

static void
add_left_out (JsonBuilder *b,
              const char  *name,
              GPtrArray   *lines)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    {
      const SkyAvailabilityLine *l = g_ptr_array_index (lines, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_string_value (b, l->label);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, l->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_reach (JsonBuilder            *b,
           const SkyReach         *reach,
           const SkyReachProvider *r)
{
  json_builder_set_member_name (b, "cheapest");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reached");
  json_builder_add_boolean_value (b, r->reached);
  if (r->reason != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, r->reason);
    }
  add_decimal (b, "monthly_before", r->monthly_before);
  json_builder_set_member_name (b, "combinations");
  json_builder_add_int_value (b, (gint64) r->combinations);
  if (r->reached)
    {
      add_decimal (b, "monthly", r->monthly);
      add_decimal (b, "availability", r->availability);
      json_builder_set_member_name (b, "choices");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->choices->len; k++)
        {
          const SkyReachChoice *c = g_ptr_array_index (r->choices, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "line");
          json_builder_add_string_value (b, c->label);
          json_builder_set_member_name (b, "deployment");
          json_builder_add_string_value (b, c->deployment);
          json_builder_set_member_name (b, "regions");
          json_builder_add_int_value (b, c->regions);
          add_decimal (b, "monthly", c->monthly);
          json_builder_set_member_name (b, "changed");
          json_builder_add_boolean_value (b, c->changed);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->steps->len; k++)
        {
          const SkyReachStep *s = g_ptr_array_index (r->steps, k);
          g_autofree char *text = sky_reach_step_describe (reach, s, SKY_EXPLAIN_PLAIN);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "deployment");
          json_builder_add_string_value (b, s->deployment);
          json_builder_set_member_name (b, "regions");
          json_builder_add_int_value (b, s->regions);
          add_labels (b, "lines", s->lines);
          add_decimal (b, "added", s->added);
          if (s->has_before)
            add_decimal (b, "before", s->before);
          if (s->has_after)
            add_decimal (b, "after", s->after);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
print_json (const SkyScenario     *scenario,
            const SkyAvailability *a,
            const SkyReach        *reach)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, scenario->name);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, scenario->currency);
  add_decimal (b, "hours_per_month", a->hours_per_month);
  json_builder_set_member_name (b, "required");
  if (a->has_required)
    {
      g_autofree char *text = plain (a->required);
      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "providers");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->providers->len; i++)
    {
      const SkyAvailabilityProvider *p = g_ptr_array_index (a->providers, i);
      g_autofree char *explanation = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "provider");
      json_builder_add_string_value (b, p->provider);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->provider_name);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, p->complete);
      json_builder_set_member_name (b, "implied");
      json_builder_add_boolean_value (b, p->implied);
      add_decimal (b, "availability", p->availability);
      add_decimal (b, "downtime_month_minutes", p->downtime_month);
      add_decimal (b, "downtime_year_minutes", p->downtime_year);
      json_builder_set_member_name (b, "meets_required");
      if (a->has_required && p->complete)
        json_builder_add_boolean_value (b, !p->short_of_required);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "parts");
      json_builder_begin_array (b);
      for (guint k = 0; k < p->parts->len; k++)
        {
          const SkyAvailabilityPart *part = g_ptr_array_index (p->parts, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "service");
          json_builder_add_string_value (b, part->service);
          json_builder_set_member_name (b, "deployment");
          json_builder_add_string_value (b, part->deployment);
          json_builder_set_member_name (b, "regions");
          json_builder_add_int_value (b, part->regions);
          add_decimal (b, "published", part->published);
          add_decimal (b, "availability", part->availability);
          json_builder_set_member_name (b, "implied");
          json_builder_add_boolean_value (b, part->implied);
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, part->source);
          add_labels (b, "lines", part->lines);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      add_left_out (b, "no_sla", p->no_sla);
      add_left_out (b, "unknown", p->unknown);
      json_builder_set_member_name (b, "explanation");
      json_builder_add_string_value (b, explanation);
      if (reach != NULL)
        add_reach (b, reach, g_ptr_array_index (reach->providers, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sky_cli_print_json_builder (b);
}

int
sky_cli_availability (const SkyCliGlobals *globals,
                      int                  argc,
                      char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(SkyAvailability) availability = NULL;
  g_autoptr(SkyReach) reach = NULL;
  g_autofree char *format_text = NULL, *required_text = NULL;
  g_auto(GStrv) providers = NULL;
  gboolean json = FALSE, csv = FALSE, no_search = FALSE;
  SkyCliFormat format;
  SkyDecimal required;
  int status = 0;
  GOptionEntry entries[] = {
    { "required", 0, 0, G_OPTION_ARG_STRING, &required_text,
      N_("The availability to reach, in percent (default: the scenario's)"), "PERCENT" },
    { "provider", 0, 0, G_OPTION_ARG_STRING_ARRAY, &providers,
      N_("On this provider (again for more; default: the scenario's)"), "ID" },
    { "no-search", 0, 0, G_OPTION_ARG_NONE, &no_search,
      N_("Do not search for the cheapest way to reach the required availability"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("The same as --format=json"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("The same as --format=csv"), NULL },
    { NULL }
  };

  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("availability takes one scenario file"));
  if (json && csv)
    return sky_cli_usage_error (_("--json and --csv cannot be given together"));
  if (!sky_cli_format_option (json ? "json" : csv ? "csv" : format_text, &format, &status))
    return status;
  if (required_text != NULL &&
      (!sky_decimal_parse (required_text, 6, FALSE, &required, NULL) ||
       sky_decimal_is_zero (required) ||
       sky_decimal_compare (required, sky_decimal_from_int (100)) >= 0))
    return sky_cli_usage_error (_("--required is a percentage above 0 and below 100 with at "
                                  "most 6 decimals, such as 99.99, not “%s”"), required_text);

  scenario = sky_cli_load_scenario (argv[1], &error);
  if (scenario == NULL)
    return sky_cli_user_error (error);
  if (required_text != NULL)
    sky_scenario_set_required_availability (scenario, &required);
  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  estimate = sky_estimate_compute (catalog, scenario, (const char * const *) providers, FALSE,
                                   &error);
  if (estimate == NULL)
    return sky_cli_user_error (error);
  availability = sky_availability_compute (estimate, scenario, NULL);
  if (availability->has_required && !no_search)
    {
      reach = sky_availability_cheapest (catalog, scenario, NULL,
                                         (const char * const *) providers, NULL, NULL, &error);
      if (reach == NULL)
        return sky_cli_user_error (error);
    }

  if (format == SKY_CLI_FORMAT_JSON)
    print_json (scenario, availability, reach);
  else if (format == SKY_CLI_FORMAT_CSV)
    print_csv (scenario, availability, reach);
  else
    print_table (scenario, availability, reach);
  return 0;
}
