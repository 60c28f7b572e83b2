/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-currency.h"
#include "sky-projection.h"
#include "sky-json.h"
#include "sky-report.h"

/* skytally-cli project: a scenario over months, against its budget. */

/* One line per provider: whether and when the budget is exceeded, plainly. */
static void
print_status (const SkyScenario   *s,
              const SkyProjection *projection)
{
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      g_autoptr(GString) line = g_string_new (p->provider_name);

      if (s->budget == NULL)
        g_string_append (line, _(": no budget set"));
      else
        {
          if (s->budget->has_monthly)
            {
              g_autofree char *cap = sky_currency_format (projection->currency, s->budget->monthly);
              g_autofree char *room = sky_currency_format (projection->currency, p->headroom);
              if (p->first_month_over > 0)
                /* Translators: the monthly cap, the first month over it, the currency. */
                g_string_append_printf (line, _(": over the %s monthly budget from month %u "
                                                "(%s)"), cap, p->first_month_over,
                                        projection->currency);
              else if (!sky_projection_complete (p))
                /* Translators: a provider that cannot price every line, under the cap with
                 * the lines it prices: whether the rest would keep it there is not known. */
                g_string_append_printf (line, _(": cannot be judged against the %s monthly "
                                                "budget (%s), some lines not being priced"),
                                        cap, projection->currency);
              else
                g_string_append_printf (line, _(": within the %s monthly budget in every month "
                                                "(%s)"), cap, projection->currency);
              /* Translators: the money left under the monthly cap in month 1. */
              g_string_append_printf (line, _("; %s to spare in month 1"), room);
            }
          if (s->budget->has_yearly)
            {
              g_autofree char *cap = sky_currency_format (projection->currency, s->budget->yearly);
              if (p->first_year_over > 0)
                g_string_append_printf (line, _("; year %u is over the %s yearly budget"),
                                        p->first_year_over, cap);
              else if (!sky_projection_complete (p))
                g_string_append_printf (line, _("; cannot be judged against the %s yearly "
                                                "budget"), cap);
              else
                g_string_append_printf (line, _("; every year is within the %s yearly budget"),
                                        cap);
            }
          for (guint c = 0; c < s->budget->group_caps->len; c++)
            {
              const SkyGroupCap *cap = g_ptr_array_index (s->budget->group_caps, c);
              guint first = g_array_index (p->group_first_over, guint, c);
              if (first > 0)
                g_string_append_printf (line, _("; %s over its cap from month %u"), cap->group,
                                        first);
            }
        }
      {
        guint unpriced = sky_projection_unpriced (p);

        if (unpriced > 0)
          /* Translators: lines of the scenario a provider has no matching offer for. */
          g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE,
                                                     "; leaves out %u line it cannot price",
                                                     "; leaves out %u lines it cannot price",
                                                     unpriced), unpriced);
      }
      g_print ("%s\n", line->str);
      for (guint l = 0; l < p->n_lines; l++)
        if (p->break_even[l] > 0)
          g_print (_("  %s: the commitment has cost no more than on demand from month %d\n"),
                   (const char *) g_ptr_array_index (p->labels, l), p->break_even[l]);
        else if (p->break_even[l] == 0)
          g_print (_("  %s: the commitment does not pay for itself within %u months\n"),
                   (const char *) g_ptr_array_index (p->labels, l), projection->months);
    }
}

static void
print_projection_table (const SkyScenario   *s,
                        const SkyProjection *projection)
{
  /* The calendar month's column is there when the scenario has a start month. */
  static const char *headers[] = {
    /* Translators: column headings of “skytally-cli project”. */
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "MONTH"),
    NC_("column heading", "CASH"),
    NC_("column heading", "AMORTISED"),
    NC_("column heading", "LOW"),
    NC_("column heading", "HIGH"),
    NC_("column heading", "CURRENCY"),
  };
  static const char *calendar_headers[] = {
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "MONTH"),
    /* Translators: a column heading of “skytally-cli project”: the month's name and year. */
    NC_("column heading", "CALENDAR MONTH"),
    NC_("column heading", "CASH"),
    NC_("column heading", "AMORTISED"),
    NC_("column heading", "LOW"),
    NC_("column heading", "HIGH"),
    NC_("column heading", "CURRENCY"),
  };
  static gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE };
  static gboolean calendar_numeric[] = { FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE };
  gboolean calendar = sky_scenario_has_calendar (s);
  guint n_columns = calendar ? G_N_ELEMENTS (calendar_headers) : G_N_ELEMENTS (headers);
  SkyCliTable table = { 0 };

  sky_cli_table_init (&table, SKY_CLI_FORMAT_TABLE, calendar ? calendar_headers : headers,
                      calendar ? calendar_numeric : numeric, n_columns);
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      for (guint m = 0; m < projection->months; m++)
        {
          char **row = g_new0 (char *, n_columns + 1);
          guint c = 0;

          row[c++] = g_strdup (p->provider);
          row[c++] = g_strdup_printf ("%u", m + 1);
          if (calendar)
            {
              g_autoptr(GDateTime) date = sky_scenario_month_date (s, m + 1);

              /* The month in the locale's words, "Jan 2027". */
              row[c++] = date != NULL ? g_date_time_format (date, "%b %Y") : NULL;
            }
          row[c++] = sky_currency_format (projection->currency, p->total_cash[m]);
          row[c++] = sky_currency_format (projection->currency, p->total_amortised[m]);
          row[c++] = sky_currency_format (projection->currency, p->low[m]);
          row[c++] = sky_currency_format (projection->currency, p->high[m]);
          row[c++] = g_strdup (projection->currency);
          sky_cli_table_add_row (&table, row);
        }
    }
  sky_cli_table_print (&table);
  g_print ("\n");
  print_status (s, projection);
}

static SkyProjection *
load_and_project (const SkyCliGlobals *globals,
                  const char          *path,
                  const char * const  *providers,
                  int                  months,
                  SkyScenario        **scenario_out,
                  SkyEstimate        **estimate_out,
                  GError             **error)
{
  g_autoptr(SkyScenario) scenario = sky_cli_load_scenario (path, error);
  g_autoptr(SkyCatalog) catalog = NULL;
  SkyProjection *projection;

  if (scenario == NULL)
    return NULL;
  catalog = sky_cli_open_catalog (globals, error);
  if (catalog == NULL)
    return NULL;
  projection = sky_projection_compute (catalog, scenario, providers, (guint) months, error);
  /* What each line was priced with, for the CSV's line columns. */
  if (projection != NULL && estimate_out != NULL)
    {
      *estimate_out = sky_estimate_compute (catalog, scenario, providers, FALSE, error);
      if (*estimate_out == NULL)
        g_clear_pointer (&projection, sky_projection_free);
    }
  if (projection != NULL)
    *scenario_out = g_steal_pointer (&scenario);
  return projection;
}

int
sky_cli_project (const SkyCliGlobals *globals,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autofree char *format_text = NULL;
  int months = 0;
  SkyCliFormat format;
  int status = 0;
  GOptionEntry entries[] = {
    { "months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("How many months, 12 to 60 (default: the scenario's)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("project takes one scenario file"));
  if (months != 0 && (months < 12 || months > 60))
    return sky_cli_usage_error (_("--months must be 12 to 60"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;

  projection = load_and_project (globals, argv[1], NULL, months, &scenario,
                                 format == SKY_CLI_FORMAT_CSV ? &estimate : NULL, &error);
  if (projection == NULL)
    return sky_cli_user_error (error);
  if (format == SKY_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = sky_json_projection (scenario, projection);

      sky_cli_print_json (root);
    }
  else if (format == SKY_CLI_FORMAT_CSV)
    {
      gsize length = 0;
      g_autofree char *csv = sky_report_projection_csv (scenario, projection, estimate,
                                                        SKY_CSV_STANDARD, FALSE, &length,
                                                        &error);
      if (csv == NULL)
        return sky_cli_user_error (error);
      fwrite (csv, 1, length, stdout);
    }
  else
    print_projection_table (scenario, projection);
  return 0;
}
