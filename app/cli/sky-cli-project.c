/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#include "sky-currency.h"
#include "sky-projection.h"
#include "sky-export.h"
#include "sky-report.h"

/* skytally-cli project and export: a scenario over months, against its budget, for finance. */

static char *
money (const SkyProjection *projection,
       SkyDecimal           amount)
{
  return sky_currency_format (projection->currency, amount);
}

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
              g_autofree char *cap = money (projection, s->budget->monthly);
              g_autofree char *room = money (projection, p->headroom);
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
              g_autofree char *cap = money (projection, s->budget->yearly);
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
  static gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE };
  Table table = { 0 };

  table_init (&table, FORMAT_TABLE, headers, numeric, G_N_ELEMENTS (headers));
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      for (guint m = 0; m < projection->months; m++)
        {
          char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);
          row[0] = g_strdup (p->provider);
          row[1] = g_strdup_printf ("%u", m + 1);
          row[2] = money (projection, p->total_cash[m]);
          row[3] = money (projection, p->total_amortised[m]);
          row[4] = money (projection, p->low[m]);
          row[5] = money (projection, p->high[m]);
          row[6] = g_strdup (projection->currency);
          table_add_row (&table, row);
        }
    }
  table_print (&table);
  g_print ("\n");
  print_status (s, projection);
}

static SkyProjection *
load_and_project (const Globals       *globals,
                  const char          *path,
                  const char * const  *providers,
                  int                  months,
                  SkyScenario        **scenario_out,
                  GError             **error)
{
  g_autoptr(SkyScenario) scenario = sky_scenario_load (path, error);
  g_autoptr(SkyCatalog) catalog = NULL;
  SkyProjection *projection;

  if (scenario == NULL)
    return NULL;
  catalog = open_catalog (globals, error);
  if (catalog == NULL)
    return NULL;
  projection = sky_projection_compute (catalog, scenario, providers, (guint) months, error);
  if (projection != NULL)
    *scenario_out = g_steal_pointer (&scenario);
  return projection;
}

int
sky_cli_project (const Globals  *globals,
                 int             argc,
                 char          **argv)
{
  g_autoptr(GOptionContext) context =
    /* Translators: what “skytally-cli project” does. */
    g_option_context_new (N_("FILE.skytally — a scenario month by month, against its budget"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyProjection) projection = NULL;
  g_autofree char *format_text = NULL;
  int months = 0;
  Format format;
  int status = 0;
  GOptionEntry entries[] = {
    { "months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("How many months, 12 to 60 (default: the scenario's)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  if (!parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("project takes one scenario file"));
  if (months != 0 && (months < 12 || months > 60))
    return usage_error (_("--months must be 12 to 60"));
  if (!format_option (format_text, &format, &status))
    return status;

  projection = load_and_project (globals, argv[1], NULL, months, &scenario, &error);
  if (projection == NULL)
    return user_error (error);
  if (format == FORMAT_JSON)
    {
      g_autofree char *text = sky_export_projection_json (scenario, projection, NULL);

      g_print ("%s\n", text);
    }
  else if (format == FORMAT_CSV)
    {
      gsize length = 0;
      g_autofree char *csv = sky_report_projection_csv (scenario, projection, SKY_CSV_STANDARD,
                                                        FALSE, &length, &error);
      if (csv == NULL)
        return user_error (error);
      fwrite (csv, 1, length, stdout);
    }
  else
    print_projection_table (scenario, projection);
  return 0;
}

int
sky_cli_export (const Globals  *globals,
                int             argc,
                char          **argv)
{
  g_autoptr(GOptionContext) context =
    /* Translators: what “skytally-cli export” does. */
    g_option_context_new (N_("FILE.skytally — write a projection for finance"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autofree char *csv_path = NULL, *json_path = NULL, *pdf_path = NULL, *delimiter = NULL;
  SkyExportOptions options = { 0 };
  g_auto(GStrv) providers = NULL;
  gboolean bom = FALSE;
  int months = 0;
  int status = 0;
  SkyCsvDialect dialect = SKY_CSV_STANDARD;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write the months as CSV here, and the assumptions beside it"), "OUT.csv" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the months as JSON here"),
      "OUT.json" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path,
      N_("Write a report to read or print here"), "OUT.pdf" },
    { "months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("How many months, 12 to 60 (default: the scenario's)"), "N" },
    { "provider", 0, 0, G_OPTION_ARG_STRING_ARRAY, &providers,
      N_("Only this provider (again for more)"), "ID" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter,
      N_("Between CSV fields: , (default) or ;"), ",|;" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start the CSV with a byte-order mark, for Excel"), NULL },
    { NULL }
  };

  if (!parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("export takes one scenario file"));
  if (csv_path == NULL && json_path == NULL && pdf_path == NULL)
    return usage_error (_("export needs --csv, --pdf or --json"));
  if (months != 0 && (months < 12 || months > 60))
    return usage_error (_("--months must be 12 to 60"));
  if (delimiter != NULL && strcmp (delimiter, ";") == 0)
    dialect = SKY_CSV_SEMICOLON;
  else if (delimiter != NULL && strcmp (delimiter, ",") != 0)
    return usage_error (_("--delimiter is , or ;"));

  scenario = sky_scenario_load (argv[1], &error);
  if (scenario == NULL)
    return user_error (error);
  catalog = open_catalog (globals, &error);
  if (catalog == NULL)
    return user_error (error);
  struct { const char *path; SkyExportFormat format; } outputs[] = {
    { csv_path, SKY_EXPORT_CSV }, { pdf_path, SKY_EXPORT_PDF }, { json_path, SKY_EXPORT_JSON },
  };

  options.months = (guint) months;
  options.providers = (const char * const *) providers;
  options.dialect = dialect;
  options.bom = bom;
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      if (outputs[i].path == NULL)
        continue;
      options.format = outputs[i].format;
      if (!sky_export_write (catalog, scenario, &options, outputs[i].path, NULL, NULL,
                             &error))
        return user_error (error);
    }
  return 0;
}
