/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-source.h"

/* skytally-cli convert, and import --from: a provider's own price list written as a price
 * sheet, or imported as one. The converters (with libyaml) are a library of their own, loaded
 * as a module by these commands and update only, so that a search or an estimate starts
 * without them. */

/* Places of skipped rows listed per reason in a summary; the counts are always whole. */
#define MAX_PLACES 10

/* What --help says after the options: the formats this build reads. */
static char *
describe_formats (const SkySourceApi *api,
                  const char         *intro)
{
  GString *text = g_string_new (intro);
  int width = 0;

  /* The titles in one column, two spaces after the longest id. */
  for (guint i = 0; i < api->n_formats (); i++)
    width = MAX (width, (int) strlen (api->nth_format (i)->id));
  g_string_append (text, _("Formats (--from):\n"));
  for (guint i = 0; i < api->n_formats (); i++)
    {
      const SkySourceFormat *format = api->nth_format (i);

      g_string_append_printf (text, "  %-*s  %s", width, format->id, _(format->title));
      if (!format->available)
        /* Translators: after a format's title; %s is a library's name (libyaml). */
        g_string_append_printf (text, _(" (not in this build: made without %s)"),
                                format->missing);
      g_string_append_c (text, '\n');
    }
  g_string_append (text,
    _("\nA bad row is reported with its file and line, and nothing is written, unless\n"
      "--skip-bad-rows is given: then it is counted and listed in the summary. A price of\n"
      "more than the 10 decimals a sheet keeps is such a row, unless --round-prices is\n"
      "given: then it is rounded half-up to 10 decimals, counted and listed. What each\n"
      "format's fields become is in docs/converters.md.\n"));
  return g_string_free (text, FALSE);
}

typedef struct
{
  char              *from;
  char              *output;
  gboolean           skip_bad_rows;
  gboolean           round_prices;
  char              *version;
  char              *effective_date;
  char              *retrieved;
  char              *source_url;
  char              *short_name;
} Request;

static void
request_clear (Request *request)
{
  g_free (request->from);
  g_free (request->output);
  g_free (request->version);
  g_free (request->effective_date);
  g_free (request->retrieved);
  g_free (request->source_url);
  g_free (request->short_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

/* Parses the options both commands share (and -o for convert); FALSE with *@status set when
 * the command ends here. */
static gboolean
parse_request (const char          *synopsis,
               const char          *intro,
               gboolean             with_output,
               Request             *request,
               int                 *argc,
               char              ***argv,
               int                 *status)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (synopsis);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const SkySourceApi *api;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &request->from,
      N_("The format of the files (listed below)"), "FORMAT" },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &request->skip_bad_rows,
      N_("Skip rows that cannot be read, and list them, instead of refusing"), NULL },
    { "round-prices", 0, 0, G_OPTION_ARG_NONE, &request->round_prices,
      N_("Round prices of more than 10 decimals half-up to 10, and list them, instead of "
         "refusing their rows"), NULL },
    { "version", 0, 0, G_OPTION_ARG_STRING, &request->version,
      N_("The sheet's version (default: the files' own, or the effective date)"), "VERSION" },
    { "effective-date", 0, 0, G_OPTION_ARG_STRING, &request->effective_date,
      N_("The date the prices apply from (default: the date the files give, or their "
         "modification date)"), "YYYY-MM-DD" },
    { "retrieved", 0, 0, G_OPTION_ARG_STRING, &request->retrieved,
      N_("The date the files were taken (default: the effective date)"), "YYYY-MM-DD" },
    { "source-url", 0, 0, G_OPTION_ARG_STRING, &request->source_url,
      N_("Where the files came from (default: the format's public address)"), "URL" },
    { "short-name", 0, 0, G_OPTION_ARG_STRING, &request->short_name,
      N_("The provider's short name (default: the format's)"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &request->output,
      N_("Write the price sheet here"), "SHEET" },
    { NULL }
  };

  if (!with_output)
    memset (&entries[G_N_ELEMENTS (entries) - 2], 0, sizeof entries[0]);
  api = sky_cli_load_sources (&error);
  description = api != NULL ? describe_formats (api, intro)
                            : g_strdup_printf ("%s%s\n", intro, error->message);
  g_option_context_set_description (context, description);
  return sky_cli_parse_options (context, entries, argc, argv, status);
}

static gboolean
convert_files (const Request  *request,
               int             argc,
               char          **argv,
               int             from_stdin,
               const char     *sheet,
               GError        **error)
{
  const SkySourceApi *api = sky_cli_load_sources (error);
  g_auto(SkyCliStdin) in = { 0 };
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  SkyConvertSummary *summary;
  SkyConvertOptions options = {
    .skip_bad_rows = request->skip_bad_rows,
    .round_prices = request->round_prices,
    .version = request->version,
    .effective_date = request->effective_date,
    .retrieved = request->retrieved,
    .source_url = request->source_url,
    .short_name = request->short_name,
  };
  g_autofree char *text = NULL;
  gboolean ok;

  if (api == NULL)
    return FALSE;
  /* Standard input is read through a path, as the files are; messages name it as such. */
  if (from_stdin >= 0 && !sky_cli_stdin_open (&in, error))
    return FALSE;
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, i == from_stdin + 1 ? in.path : argv[i]);
  g_ptr_array_add (files, NULL);
  summary = api->summary_new ();
  ok = api->convert (request->from, (const char * const *) files->pdata, &options, sheet,
                     summary, NULL, error);
  if (!ok)
    sky_cli_stdin_rename_error (&in, *error);
  {
    g_autofree char *listed = api->summary_format (summary, MAX_PLACES);

    text = sky_cli_stdin_rename (&in, listed);
  }
  /* The sheet may be going to standard output: the summary is not part of it. A conversion
   * refused shows what it skipped before, on standard error, when it skipped anything. */
  if (ok && strcmp (sheet, "-") != 0)
    g_print ("%s", text);
  else if (ok || api->summary_skipped (summary) > 0)
    g_printerr ("%s", text);
  api->summary_free (summary);
  return ok;
}

int
sky_cli_convert (const SkyCliGlobals *globals,
                 int                  argc,
                 char               **argv)
{
  g_auto(Request) request = { 0 };
  g_autoptr(GError) error = NULL;
  int from_stdin = -1;
  int status = 0;

  if (!parse_request (NULL,
                      _("The sheet is written whole, checked by reading it back, and only then\n"
                        "replaces SHEET.\n\n"),
                      TRUE, &request, &argc, &argv, &status))
    return status;
  if (request.from == NULL)
    return sky_cli_usage_error (_("convert needs --from FORMAT"));
  if (request.output == NULL)
    return sky_cli_usage_error (_("convert needs -o SHEET"));
  if (argc < 2)
    return sky_cli_usage_error (_("convert needs at least one FILE"));
  if (!sky_cli_find_stdin (argc - 1, argv + 1, &from_stdin, &status))
    return status;
  if (!convert_files (&request, argc, argv, from_stdin, request.output, &error))
    return sky_cli_user_error (error);
  return 0;
}

/* import --from FORMAT FILE…: converted into a sheet of a private folder, imported whole,
 * removed. The catalog changes only if both steps succeed. */
int
sky_cli_import_converted (const SkyCliGlobals *globals,
                          int                  argc,
                          char               **argv)
{
  g_auto(Request) request = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autofree char *dir = NULL, *sheet = NULL;
  int from_stdin = -1;
  int status = 0;

  if (!parse_request (/* Translators: the arguments of “skytally-cli import --from”. */
                      N_("--from FORMAT FILE…"),
                      _("The files are converted into one price sheet, which is imported whole;\n"
                        "if either step fails, the catalog does not change.\n\n"),
                      FALSE, &request, &argc, &argv, &status))
    return status;
  if (request.from == NULL)
    return sky_cli_usage_error (_("import --from needs a FORMAT"));
  if (argc < 2)
    return sky_cli_usage_error (_("import needs at least one FILE"));
  if (!sky_cli_find_stdin (argc - 1, argv + 1, &from_stdin, &status))
    return status;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  dir = g_dir_make_tmp ("skytally-import-XXXXXX", &error);
  if (dir == NULL)
    return sky_cli_user_error (error);
  sheet = g_build_filename (dir, "converted.xml", NULL);
  if (convert_files (&request, argc, argv, from_stdin, sheet, &error))
    result = sky_catalog_import_file_full (catalog, sheet, SKY_IMPORT_FLAGS_NONE, NULL, NULL,
                                           NULL, &error);
  g_unlink (sheet);
  g_rmdir (dir);
  if (result == NULL)
    return sky_cli_user_error (error);
  if (result->status == SKY_IMPORT_UNCHANGED)
    /* Translators: “PROVIDER VERSION is already…” */
    g_print (_("%s %s is already in the catalog; nothing changed\n"), result->provider,
             result->version);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: “added PROVIDER VERSION (effective DATE), N offers” */
                          "added %s %s (effective %s), %llu offer%s\n",
                          "added %s %s (effective %s), %llu offers%s\n",
                          result->offers),
             result->provider, result->version, result->effective_date,
             (unsigned long long) result->offers,
             result->current ? _("; now current") : "");
  return 0;
}
