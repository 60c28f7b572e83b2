/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-currency.h"
#include "sky-estimate.h"
#include "sky-freshness.h"
#include "sky-catalog-match.h"
#include "sky-json.h"
#include "sky-scenario.h"
#include "sky-summary.h"

/* skytally-cli estimate and validate: scenarios from the command line. */

static char *
line_offer (const SkyEstimateLine *l)
{
  return l->offer != NULL ? g_strdup (l->offer->sku) : NULL;
}

static char *
usage_text (const SkyEstimateLine *l)
{
  g_autofree char *usage = sky_decimal_to_string (l->usage);

  return g_strdup_printf ("%s %s", usage, l->unit);
}

/* One line under a provider's summary: how old its prices are, and whether that is stale. */
static void
print_freshness (const SkyEstimate         *e,
                 const SkyEstimateProvider *p)
{
  g_autofree char *fresh = sky_estimate_provider_freshness (e, p);

  if (fresh == NULL)
    return;
  if (p->stale)
    /* Translators: how old a provider's prices are ("Prices as of 2025-06-01 (18 months
     * old)"), then the threshold in days past which prices are stale. */
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: older than %u day\n",
                          "  %s: older than %u days\n", e->stale_after_days),
             fresh, e->stale_after_days);
  else
    g_print ("  %s\n", fresh);
}

static void
print_estimate_table (const SkyScenario *s,
                      const SkyEstimate *e,
                      SkyCliFormat       format,
                      gboolean           explain)
{
  static const char *headers[] = {
    /* Translators: the column headings of “skytally-cli estimate”; CSV output keeps them in
     * English. */
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "LINE"),
    NC_("column heading", "GROUP"),
    NC_("column heading", "OFFER"),
    NC_("column heading", "QUANTITY"),
    NC_("column heading", "USAGE"),
    NC_("column heading", "MONTHLY"),
    NC_("column heading", "UPFRONT"),
    NC_("column heading", "YEARLY"),
    NC_("column heading", "CURRENCY"),
    NC_("column heading", "COMPLETE"),
    NC_("column heading", "EXPLANATION"),
  };
  static gboolean numeric[] = { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE,
                                FALSE, FALSE, FALSE };
  /* A table leaves the last three out: the summary says which providers are complete, and
   * --explain prints the explanations under the table. */
  guint n_columns = format == SKY_CLI_FORMAT_CSV ? G_N_ELEMENTS (headers)
                                                 : G_N_ELEMENTS (headers) - 3;
  int cheapest = sky_estimate_cheapest_complete (e);
  SkyCliTable table = { 0 };
  g_autoptr(GString) notes = g_string_new (NULL);

  sky_cli_table_init (&table, format, headers, numeric, n_columns);
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);

      for (guint j = 0; j < p->lines->len; j++)
        {
          SkyEstimateLine *l = g_ptr_array_index (p->lines, j);
          gboolean priced = l->status == SKY_LINE_PRICED;
          char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

          row[0] = g_strdup (p->provider);
          row[1] = g_strdup (l->label);
          row[2] = g_strdup (l->group);
          row[3] = line_offer (l);
          row[4] = sky_decimal_to_string (l->quantity);
          row[5] = usage_text (l);
          row[6] = priced ? sky_currency_format (e->currency, l->monthly)
                          : g_strdup (format == SKY_CLI_FORMAT_CSV ? NULL : "—");
          row[7] = priced ? sky_currency_format (e->currency, l->upfront) : NULL;
          row[8] = priced ? sky_currency_format (e->currency, l->yearly) : NULL;
          if (format == SKY_CLI_FORMAT_CSV)
            {
              row[9] = g_strdup (e->currency);
              row[10] = g_strdup (sky_estimate_provider_complete (p) ? "yes" : "no");
              row[11] = g_strdup (priced ? l->explanation : l->reason);
            }
          sky_cli_table_add_row (&table, row);

          if (format == SKY_CLI_FORMAT_TABLE && (!priced || explain))
            g_string_append_printf (notes, "%s, %s: %s\n", p->provider, l->label,
                                    priced ? l->explanation : l->reason);
        }
      {
        char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

        row[0] = g_strdup (p->provider);
        /* Translators: the row of a provider's totals in “skytally-cli estimate”; the second
         * is that of a provider that cannot price every line, whose totals leave some out. */
        row[1] = g_strdup (format == SKY_CLI_FORMAT_CSV ? "TOTAL"
                           : sky_estimate_provider_complete (p) ? _("Total")
                           : _("Total (incomplete)"));
        row[6] = sky_currency_format (e->currency, p->monthly);
        row[7] = sky_currency_format (e->currency, p->upfront);
        row[8] = sky_currency_format (e->currency, p->yearly);
        if (format == SKY_CLI_FORMAT_CSV)
          {
            row[9] = g_strdup (e->currency);
            row[10] = g_strdup (sky_estimate_provider_complete (p) ? "yes" : "no");
          }
        sky_cli_table_add_row (&table, row);
      }
    }
  sky_cli_table_print (&table);

  if (format != SKY_CLI_FORMAT_TABLE)
    return;
  g_print ("\n");
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      g_autofree char *monthly = sky_currency_format (e->currency, p->monthly);
      g_autofree char *effective = sky_currency_format (e->currency, p->effective_monthly);
      g_autofree char *term = sky_currency_format (e->currency, p->term_total);
      g_autofree char *net = sky_currency_format (e->currency, p->term_net);
      g_autofree char *months = g_strdup_printf ("%u", e->term_months);
      /* The sheets its lines were priced from: each service has its own current one. */
      g_autofree char *sheets = sky_estimate_provider_sheets (p);

      if (sky_estimate_provider_complete (p))
        /* Translators: a provider's summary: name, sheet version, monthly total, the monthly
         * total with upfront fees spread over their commitments, the term in months, its
         * total and that total less credits; then the currency. */
        g_print (_("%s (%s): %s a month, %s with upfront fees spread; %s months: %s, %s after "
                   "credits (%s)%s\n"), p->provider_name,
                 sheets != NULL ? sheets : "—", monthly, effective, months,
                 term, net, e->currency, (int) i == cheapest ? " ★" : "");
      else
        {
          g_autofree char *n = g_strdup_printf ("%u", p->n_unpriced);
          /* Translators: as above, for a provider that cannot price every line: its figures
           * are those of the lines it prices, and it is not compared with the others. */
          g_print (_("%s (%s): INCOMPLETE, not compared: %s a month, %s with upfront fees "
                     "spread; %s months: %s, %s after credits (%s), for the lines it prices\n"),
                   p->provider_name, sheets != NULL ? sheets : "—", monthly,
                   effective, months, term, net, e->currency);
          g_print (g_dngettext (GETTEXT_PACKAGE, "  %s line is not priced on %s: see below\n",
                                "  %s lines are not priced on %s: see below\n", p->n_unpriced),
                   n, p->provider_name);
        }
      print_freshness (e, p);
    }
  if (cheapest >= 0 && e->compare_by == SKY_COMPARE_TERM_TOTAL)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, cheapest);
      g_autofree char *net = sky_currency_format (e->currency, p->term_net);

      /* Translators: the provider marked ★, the term in months and its total less credits. */
      g_print (_("★ Cheapest of the providers that price every line over the term: %s, %s %s "
                 "over %u months, less credits\n"), p->provider_name, net, e->currency,
               e->term_months);
    }
  else if (cheapest >= 0)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, cheapest);
      g_autofree char *effective = sky_currency_format (e->currency, p->effective_monthly);

      /* Translators: the provider marked ★, and its monthly total with upfront fees spread. */
      g_print (_("★ Cheapest of the providers that price every line: %s, %s %s a month with "
                 "upfront fees spread\n"), p->provider_name, effective, e->currency);
    }
  else if (e->providers->len > 0)
    g_print (_("No provider prices every line, so none is called the cheapest.\n"));
  for (guint i = 0; i < e->notices->len; i++)
    /* Translators: a notice of the estimate, such as that its prices are old. */
    g_print (_("Notice: %s\n"), (const char *) g_ptr_array_index (e->notices, i));
  if (notes->len > 0)
    g_print ("\n%s", notes->str);
}

/* The answer at a glance, before the lines: per provider its monthly, upfront, first-year and
 * term totals, whether it prices every line, its budget verdict, and ★ for the cheapest. */
static void
print_summary_table (const SkySummary *summary)
{
  static const char *headers[] = {
    /* Translators: the column headings of the summary “skytally-cli estimate” begins with. */
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "MONTHLY"),
    NC_("column heading", "UPFRONT"),
    NC_("column heading", "FIRST YEAR"),
    NC_("column heading", "TERM TOTAL"),
    NC_("column heading", "COMPLETE"),
    NC_("column heading", "BUDGET"),
  };
  static gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };
  g_autofree char *term = sky_summary_term_text (summary);
  SkyCliTable table = { 0 };

  /* Translators: the summary's heading: its term ("36 months (the projection)") and currency. */
  g_print (_("Summary over %s, in %s:\n"), term, summary->currency);
  sky_cli_table_init (&table, SKY_CLI_FORMAT_TABLE, headers, numeric, G_N_ELEMENTS (headers));
  for (guint i = 0; i < summary->providers->len; i++)
    {
      const SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

      row[0] = p->cheapest ? g_strdup_printf ("%s ★", p->provider_name)
                           : g_strdup (p->provider_name);
      row[1] = sky_currency_format (summary->currency, p->monthly);
      row[2] = sky_currency_format (summary->currency, p->upfront);
      row[3] = sky_currency_format (summary->currency, p->first_year);
      row[4] = sky_currency_format (summary->currency, p->term_total);
      row[5] = p->complete ? g_strdup (_("yes"))
                           /* Translators: how many lines a provider cannot price. */
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "no: %u line not priced",
                                                           "no: %u lines not priced",
                                                           p->n_unpriced), p->n_unpriced);
      row[6] = sky_summary_verdict_text (summary, p);
      sky_cli_table_add_row (&table, row);
    }
  sky_cli_table_print (&table);
  if (summary->n_cheapest > 1)
    /* Translators: several providers cost the same over the term. */
    g_print (g_dngettext (GETTEXT_PACKAGE, "★ %u providers tie as the cheapest over the term\n",
                          "★ %u providers tie as the cheapest over the term\n",
                          summary->n_cheapest), summary->n_cheapest);
  g_print ("\n");
}

/* The services of @p's lines whose current sheet is not the one they were priced from, as
 * "vm (2026.1, now 2026.3)", and whether one version is current for all of them (@one, set to
 * it). "" when there are none. */
static char *
moved_services (SkyCatalog                *catalog,
                const SkyEstimateProvider *p,
                char                     **one)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *text = g_string_new (NULL);
  gboolean same = TRUE;

  for (guint k = 0; k < p->lines->len; k++)
    {
      const SkyEstimateLine *l = g_ptr_array_index (p->lines, k);
      g_autofree char *current = NULL;

      if (l->offer == NULL || !g_hash_table_add (seen, l->offer->service))
        continue;
      current = sky_catalog_current_service_version (catalog, p->provider, l->offer->service,
                                                     NULL);
      if (current == NULL || strcmp (current, l->offer->sheet_version) == 0)
        continue;
      /* Translators: a service id, the version it was priced with and the current one. */
      g_string_append_printf (text, "%s", text->len > 0 ? ", " : "");
      g_string_append_printf (text, _("%s (%s, now %s)"), l->offer->service,
                              l->offer->sheet_version, current);
      same = same && (*one == NULL || strcmp (*one, current) == 0);
      if (*one == NULL)
        *one = g_steal_pointer (&current);
    }
  if (!same)
    g_clear_pointer (one, g_free);
  return g_string_free (text, FALSE);
}

/* Tells on stderr which providers have a newer current sheet than the one priced against, for
 * a service of the scenario's lines. */
static void
note_newer_sheets (SkyCatalog        *catalog,
                   const SkyEstimate *e)
{
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      g_autofree char *current = NULL;
      g_autofree char *sheets = sky_estimate_provider_sheets (p);
      g_autofree char *moved = moved_services (catalog, p, &current);

      if (*moved == '\0')
        continue;
      if (current == NULL || sheets == NULL || strchr (sheets, ',') != NULL)
        {
          /* Translators: a provider, then its services with the versions they were priced
           * with and the current ones, "vm (2026.1, now 2026.3)"; then an option. */
          g_autofree char *line = g_strdup_printf (_("%s: priced against the sheets the scenario "
                                                     "records; newer sheets are current for %s "
                                                     "(--current prices against them)"),
                                                   p->provider_name, moved);
          g_printerr ("skytally-cli: %s\n", line);
        }
      else
        {
          /* Translators: %s are a provider, two sheet versions and an option. */
          g_autofree char *line = g_strdup_printf (_("%s: priced against %s, as the scenario "
                                                     "records; %s is current (--current prices "
                                                     "against it)"),
                                                   p->provider_name, sheets, current);
          g_printerr ("skytally-cli: %s\n", line);
        }
    }
}

int
sky_cli_estimate (const SkyCliGlobals *globals,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;
  g_auto(GStrv) providers = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *compare_by = NULL;
  gboolean explain = FALSE;
  gboolean current = FALSE;
  int stale_after = SKY_FRESHNESS_STALE_AFTER_DEFAULT;
  int term_months = 0;
  g_autoptr(SkySummary) summary = NULL;
  SkyCliFormat format;
  int status = 0;
  GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING_ARRAY, &providers,
      N_("Price on this provider (again for more; default: the scenario's)"), "ID" },
    { "compare-by", 0, 0, G_OPTION_ARG_STRING, &compare_by,
      N_("Name the cheapest by the monthly total with upfront fees spread, or by the term total "
         "less credits (default: the scenario's, else effective-monthly)"),
      "effective-monthly|term-total" },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain,
      N_("Show the arithmetic of every figure"), NULL },
    { "current", 0, 0, G_OPTION_ARG_NONE, &current,
      N_("Price against the current sheets, not those the scenario records"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { "stale-after", 0, 0, G_OPTION_ARG_INT, &stale_after,
      N_("Give a notice for prices older than this many days (default: 90)"), "DAYS" },
    { "term", 0, 0, G_OPTION_ARG_INT, &term_months,
      N_("Sum the summary up over this many months, 12 to 60 (default: the longest commitment, "
         "else the scenario's projection)"), "MONTHS" },
    { NULL }
  };

  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("estimate takes one scenario file"));
  if (stale_after < 0)
    return sky_cli_usage_error (_("--stale-after takes a number of days, 0 or more"));
  if (term_months != 0 && (term_months < 12 || term_months > 60))
    return sky_cli_usage_error (_("--term takes a number of months from 12 to 60"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;

  if (compare_by != NULL && strcmp (compare_by, "effective-monthly") != 0 &&
      strcmp (compare_by, "term-total") != 0)
    return sky_cli_usage_error (_("unknown --compare-by “%s”: use effective-monthly or "
                                  "term-total"), compare_by);

  scenario = sky_cli_load_scenario (argv[1], &error);
  if (scenario == NULL)
    return sky_cli_user_error (error);
  if (compare_by != NULL)
    scenario->compare_by = strcmp (compare_by, "term-total") == 0 ? SKY_COMPARE_TERM_TOTAL
                                                                  : SKY_COMPARE_EFFECTIVE_MONTHLY;
  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  estimate = sky_estimate_compute (catalog, scenario, (const char * const *) providers, current,
                                   &error);
  if (estimate == NULL)
    return sky_cli_user_error (error);
  sky_estimate_set_freshness (estimate, NULL, (guint) stale_after);
  if (!current)
    note_newer_sheets (catalog, estimate);

  /* CSV stays one record per line, as documented: the summary is the table's and JSON's. */
  if (format != SKY_CLI_FORMAT_CSV)
    {
      summary = sky_summary_for_estimate (catalog, scenario, estimate,
                                          (const char * const *) providers, current,
                                          (guint) term_months, &error);
      if (summary == NULL)
        return sky_cli_user_error (error);
    }

  if (format == SKY_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = sky_json_estimate (scenario, estimate);

      sky_json_add_summary (root, summary);
      sky_cli_print_json (root);
    }
  else
    {
      if (format == SKY_CLI_FORMAT_TABLE)
        print_summary_table (summary);
      print_estimate_table (scenario, estimate, format, explain);
    }
  return 0;
}

int
sky_cli_validate (const SkyCliGlobals *globals,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *message = NULL;
  int status = 0;

  if (!sky_cli_parse_options (context, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("validate takes one scenario file"));

  scenario = sky_cli_load_scenario (argv[1], &error);
  if (scenario == NULL)
    return sky_cli_user_error (error);
  lines = g_strdup_printf ("%u", scenario->lines->len);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %s are the file, the scenario's
                                           * name and its number of lines. */
                                          "%s: a valid scenario, “%s”, with %s line",
                                          "%s: a valid scenario, “%s”, with %s lines",
                                          scenario->lines->len),
                             sky_cli_is_stdin (argv[1]) ? sky_cli_stdin_name () : argv[1],
                             scenario->name, lines);
  g_print ("%s\n", message);
  return 0;
}
