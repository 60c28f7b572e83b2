/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gmodule.h>

#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-export.h"

/* skytally-cli export: a projection written for finance, through the report library. That
 * library draws with cairo and Pango, which no other command needs: it is a module, loaded
 * here and only here, so that a search or an estimate starts without them. */

#define EXPORT_MODULE "libskytally-cli-export." G_MODULE_SUFFIX

/* The module's functions, of the types their declarations give them. */
typedef __typeof__ (&sky_export_can_write) ExportCanWriteFunc;
typedef __typeof__ (&sky_export_compute) ExportComputeFunc;
typedef __typeof__ (&sky_export_write_computed) ExportWriteComputedFunc;

typedef struct
{
  ExportCanWriteFunc      can_write;
  ExportComputeFunc       compute;
  ExportWriteComputedFunc write_computed;
} ExportModule;

static gboolean
load_export (ExportModule  *module,
             GError       **error)
{
  /* Translators: what "Cannot load %s" did not load. */
  const char *what = _("the export");

  module->can_write = (ExportCanWriteFunc)
    sky_cli_load_module_symbol (EXPORT_MODULE, "sky_export_can_write", what, error);
  module->compute = module->can_write == NULL ? NULL : (ExportComputeFunc)
    sky_cli_load_module_symbol (EXPORT_MODULE, "sky_export_compute", what, error);
  module->write_computed = module->compute == NULL ? NULL : (ExportWriteComputedFunc)
    sky_cli_load_module_symbol (EXPORT_MODULE, "sky_export_write_computed", what, error);
  return module->write_computed != NULL;
}

typedef struct
{
  const char      *path;
  SkyExportFormat  format;
} ExportOutput;

/* Writes @scenario to each of @outputs (those with a path) in turn, from one projection and
 * one estimate for all of them; a format this build cannot write fails before anything is
 * worked out, as it would alone. */
static gboolean
write_outputs (const ExportModule *module,
               SkyCatalog         *catalog,
               const SkyScenario  *scenario,
               SkyExportOptions   *options,
               const ExportOutput *outputs,
               guint               n_outputs,
               const char         *assumptions_path,
               GError            **error)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;

  for (guint i = 0; i < n_outputs; i++)
    {
      if (outputs[i].path == NULL)
        continue;
      options->format = outputs[i].format;
      if (!module->can_write (outputs[i].format))
        return module->write_computed (catalog, scenario, NULL, NULL, options, outputs[i].path,
                                       NULL, NULL, error);
      if (projection == NULL &&
          !module->compute (catalog, scenario, options, &projection, &estimate, error))
        return FALSE;
      if (!module->write_computed (catalog, scenario, projection, estimate, options,
                                   outputs[i].path,
                                   outputs[i].format == SKY_EXPORT_CSV ? assumptions_path : NULL,
                                   NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Where the output goes is a terminal: no place for a PDF or a workbook. */
static gboolean
to_terminal (const char *path)
{
  return (strcmp (path, "-") == 0 || strcmp (path, "/dev/stdout") == 0) &&
         isatty (STDOUT_FILENO);
}

int
sky_cli_export (const SkyCliGlobals *globals,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autofree char *csv_path = NULL, *json_path = NULL, *pdf_path = NULL, *delimiter = NULL;
  g_autofree char *xlsx_path = NULL, *assumptions_path = NULL;
  g_autofree char *format_text = NULL, *output = NULL;
  SkyExportOptions options = { 0 };
  g_auto(GStrv) providers = NULL;
  gboolean bom = FALSE;
  int months = 0;
  int status = 0;
  SkyCsvDialect dialect = SKY_CSV_STANDARD;
  ExportModule module;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("What to write: the months as CSV or JSON, a report (PDF), a workbook for finance "
         "(XLSX)"), "csv|json|pdf|xlsx" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write it here (default: standard output)"), "FILE" },
    { "assumptions", 0, 0, G_OPTION_ARG_FILENAME, &assumptions_path,
      N_("Write the CSV's assumptions here rather than beside it (to standard output, only "
         "here)"), "FILE" },
    { "months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("How many months, 12 to 60 (default: the scenario's)"), "N" },
    { "provider", 0, 0, G_OPTION_ARG_STRING_ARRAY, &providers,
      N_("Only this provider (again for more)"), "ID" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter,
      N_("Between CSV fields: , (default) or ;"), ",|;" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start the CSV with a byte-order mark, for Excel"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("The same as --format csv -o OUT.csv (may be given with the three below)"),
      "OUT.csv" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path,
      N_("The same as --format json -o OUT.json"), "OUT.json" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path,
      N_("The same as --format pdf -o OUT.pdf"), "OUT.pdf" },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_path,
      N_("The same as --format xlsx -o OUT.xlsx"), "OUT.xlsx" },
    { NULL }
  };
  static const char * const formats[] = { "csv", "json", "pdf", "xlsx", NULL };
  gboolean aliases;

  g_option_context_set_description (context,
    /* Translators: keep the option names as they are. */
    N_("A CSV written to a file has its assumptions beside it (OUT.assumptions.csv), or where\n"
       "--assumptions says; written to standard output, only where --assumptions says.\n"
       "--csv, --json, --pdf and --xlsx are the older way to say --format and -o, kept as\n"
       "they were: several of them write several files in one run.\n"));
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("export takes one scenario file"));
  aliases = csv_path != NULL || json_path != NULL || pdf_path != NULL || xlsx_path != NULL;
  if (format_text != NULL && aliases)
    /* Translators: keep the option names as they are. */
    return sky_cli_usage_error (_("--format goes without --csv, --json, --pdf and --xlsx"));
  if (output != NULL && format_text == NULL)
    return sky_cli_usage_error (_("-o goes with --format"));
  if (format_text == NULL && !aliases)
    return sky_cli_usage_error (_("export needs --format csv|json|pdf|xlsx"));
  if (format_text != NULL)
    {
      char **paths[] = { &csv_path, &json_path, &pdf_path, &xlsx_path };
      int i = sky_cli_parse_choice (format_text, formats);

      if (i < 0)
        /* Translators: keep csv, json, pdf and xlsx as they are. */
        return sky_cli_usage_error (_("unknown format “%s”: use csv, json, pdf or xlsx"),
                                    format_text);
      *paths[i] = g_strdup (output != NULL ? output : "-");
    }
  if (assumptions_path != NULL && csv_path == NULL)
    return sky_cli_usage_error (_("--assumptions goes with --csv or --format csv"));
  if (months != 0 && (months < 12 || months > 60))
    return sky_cli_usage_error (_("--months must be 12 to 60"));
  if (delimiter != NULL && strcmp (delimiter, ";") == 0)
    dialect = SKY_CSV_SEMICOLON;
  else if (delimiter != NULL && strcmp (delimiter, ",") != 0)
    return sky_cli_usage_error (_("--delimiter is , or ;"));
  if ((pdf_path != NULL && to_terminal (pdf_path)) ||
      (xlsx_path != NULL && to_terminal (xlsx_path)))
    /* Translators: keep -o as it is. */
    return sky_cli_usage_error (_("a PDF or an XLSX workbook is not written to a terminal: "
                                  "give -o FILE, or send standard output to a file or a pipe"));

  scenario = sky_cli_load_scenario (argv[1], &error);
  if (scenario == NULL)
    return sky_cli_user_error (error);
  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  if (!load_export (&module, &error))
    return sky_cli_user_error (error);
  ExportOutput outputs[] = {
    { csv_path, SKY_EXPORT_CSV }, { xlsx_path, SKY_EXPORT_XLSX }, { pdf_path, SKY_EXPORT_PDF },
    { json_path, SKY_EXPORT_JSON },
  };

  options.months = (guint) months;
  options.providers = (const char * const *) providers;
  options.dialect = dialect;
  options.bom = bom;
  if (!write_outputs (&module, catalog, scenario, &options, outputs, G_N_ELEMENTS (outputs),
                      assumptions_path, &error))
    return sky_cli_user_error (error);
  return 0;
}
