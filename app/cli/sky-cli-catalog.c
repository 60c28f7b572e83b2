/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sky-catalog.h"
#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-currency.h"
#include "sky-json.h"
#include "sky-catalog-match.h"
#include "sky-sheet-reader.h"
#include "sky-vocabulary.h"

/* skytally-cli import and sheets: the catalog's price sheets. */

/* import ----------------------------------------------------------------------------------- */

static void
show_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  const char *file = user_data;

  if (total > 0)
    {
      /* Translators: a progress line; %s is the file, %3u%% the percentage done. */
      g_autofree char *line = g_strdup_printf (_("Importing %s… %3u%%"), file,
                                               (guint) (done * 100 / total));
      g_printerr ("\r%s", line);
    }
}

int
sky_cli_import (const SkyCliGlobals *globals,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  gboolean force = FALSE;
  int from_stdin = -1;
  int status = 0;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Import a sheet without offers too (it hides the provider's prices)"), NULL },
    { NULL }
  };

  g_option_context_set_description (context,
    N_("Each sheet is imported whole or not at all. Importing a sheet that is already in the\n"
       "catalog changes nothing. Of a provider's sheets, the one with the latest effective date\n"
       "that is not after today is current; older ones stay listed, later ones wait for their\n"
       "date. A sheet without offers is refused unless --force is given.\n"
       "\n"
       "import --from FORMAT FILE… converts a provider's own price list and imports it in one\n"
       "step (import --from FORMAT --help and convert --help say more).\n"));
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return sky_cli_usage_error (_("import needs at least one FILE"));
  if (!sky_cli_find_stdin (argc - 1, argv + 1, &from_stdin, &status))
    return status;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SkyImportResult) result = NULL;
      g_autofree char *line = NULL;
      g_auto(SkyCliStdin) in = { 0 };
      const char *name = argv[i];
      const char *path = argv[i];

      g_clear_error (&error);
      if (i == from_stdin + 1)
        {
          name = sky_cli_stdin_name ();
          if (!sky_cli_stdin_open (&in, &error))
            {
              status = sky_cli_user_error (error);
              continue;
            }
          path = in.path;
        }
      /* Progress only for a person watching: never in a pipe or a log. */
      result = sky_catalog_import_file_full (catalog, path,
                                             force ? SKY_IMPORT_FLAGS_FORCE
                                                   : SKY_IMPORT_FLAGS_NONE,
                                             NULL, isatty (STDERR_FILENO) ? show_progress : NULL,
                                             (gpointer) name, &error);
      if (isatty (STDERR_FILENO))
        g_printerr ("\r\033[K");
      sky_cli_stdin_rename_error (&in, error);
      if (g_error_matches (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_OFFERS))
        {
          /* Translators: %s is the message that a sheet has no offers; keep --force as it
           * is. */
          char *hinted = g_strdup_printf (_("%s (--force imports it)"), error->message);

          g_free (error->message);
          error->message = hinted;
        }
      if (result == NULL)
        {
          status = sky_cli_user_error (error);
          continue;
        }
      line = sky_cli_import_line (name, result);
      g_print ("%s\n", line);
    }
  return status;
}

/* sheets ----------------------------------------------------------------------------------- */

/* sheets remove PROVIDER VERSION */
static int
remove_sheet (const SkyCliGlobals *globals,
              const char          *provider,
              const char          *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autofree char *current = NULL;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL || !sky_catalog_remove_sheet (catalog, provider, version, &error))
    return sky_cli_user_error (error);
  current = sky_catalog_current_version (catalog, provider, &error);
  if (error != NULL)
    return sky_cli_user_error (error);
  if (current != NULL)
    /* Translators: “removed PROVIDER VERSION; PROVIDER VERSION is current”. */
    g_print (_("removed %s %s; %s %s is current\n"), provider, version, provider, current);
  else
    /* Translators: “removed PROVIDER VERSION; PROVIDER has no current sheet”. */
    g_print (_("removed %s %s; %s has no current sheet\n"), provider, version, provider);
  return 0;
}

/* sheets diff PROVIDER OLD NEW */
static int
diff_sheets (const SkyCliGlobals *globals,
             char               **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autofree char *text = NULL;
  SkySheetDiff diff;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL ||
      !sky_catalog_diff_sheets (catalog, argv[0], argv[1], argv[2], &diff, &error))
    return sky_cli_user_error (error);
  text = sky_sheet_diff_describe (&diff);
  g_print ("%s\n", text);
  return 0;
}

int
sky_cli_sheets (const SkyCliGlobals *globals,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autofree char *format_text = NULL;
  SkyCliFormat format;
  int status = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  g_option_context_set_description (context,
    /* Translators: keep “sheets remove” as it is. */
    N_("“sheets remove PROVIDER VERSION” removes a sheet, its offers and prices; the provider's\n"
       "previous sheet is current again. A bundled sheet removed is not loaded again.\n"
       "“sheets diff PROVIDER OLD NEW” counts the offers added and removed and the prices\n"
       "lower, higher, unchanged, new and gone from version OLD to NEW, in NEW's services.\n"));
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc > 1 && strcmp (argv[1], "remove") == 0)
    {
      if (argc != 4)
        /* Translators: keep “sheets remove” as it is. */
        return sky_cli_usage_error (_("sheets remove needs a PROVIDER and a VERSION"));
      return remove_sheet (globals, argv[2], argv[3]);
    }
  if (argc > 1 && strcmp (argv[1], "diff") == 0)
    {
      if (argc != 5)
        /* Translators: keep “sheets diff” as it is. */
        return sky_cli_usage_error (_("sheets diff needs a PROVIDER and two VERSIONs"));
      return diff_sheets (globals, argv + 2);
    }
  if (argc > 1)
    return sky_cli_usage_error (_("sheets takes no arguments but “remove PROVIDER VERSION” or "
                                  "“diff PROVIDER OLD NEW”"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  sheets = sky_catalog_list_sheets (catalog, &error);
  if (sheets == NULL)
    return sky_cli_user_error (error);

  if (format == SKY_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < sheets->len; i++)
        {
          SkySheetInfo *info = g_ptr_array_index (sheets, i);

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "provider", info->provider);
          sky_json_add_string (builder, "provider_name", info->provider_name);
          sky_json_add_string (builder, "provider_short_name", info->provider_short_name);
          sky_json_add_string (builder, "version", info->version);
          sky_json_add_string (builder, "effective_date", info->effective_date);
          sky_json_add_string (builder, "currency", info->currency);
          json_builder_set_member_name (builder, "offers");
          json_builder_add_int_value (builder, info->offers);
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, info->current);
          json_builder_set_member_name (builder, "upcoming");
          json_builder_add_boolean_value (builder, info->upcoming);
          json_builder_set_member_name (builder, "current_services");
          json_builder_begin_array (builder);
          for (guint k = 0; info->current_services[k] != NULL; k++)
            json_builder_add_string_value (builder, info->current_services[k]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "superseded_services");
          json_builder_begin_array (builder);
          for (guint k = 0; info->superseded_services[k] != NULL; k++)
            {
              json_builder_begin_object (builder);
              sky_json_add_string (builder, "service", info->superseded_services[k]);
              sky_json_add_string (builder, "by", info->superseded_by[k]);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          sky_json_add_string (builder, "retrieved", info->retrieved);
          sky_json_add_string (builder, "imported_at", info->imported_at);
          sky_json_add_string (builder, "source", info->source);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      sky_cli_print_json_builder (builder);
      return 0;
    }

  {
    static const char *headers[] = {
      /* Translators: the column headings of “skytally-cli sheets”; CSV output keeps them in
       * English. */
      NC_("column heading", "PROVIDER"),
      NC_("column heading", "VERSION"),
      NC_("column heading", "EFFECTIVE"),
      NC_("column heading", "CURRENCY"),
      NC_("column heading", "OFFERS"),
      NC_("column heading", "CURRENT"),
      NC_("column heading", "RETRIEVED"),
    };
    static gboolean numeric[] = { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE };
    SkyCliTable table = { 0 };

    sky_cli_table_init (&table, format, headers, numeric, G_N_ELEMENTS (headers));
    for (guint i = 0; i < sheets->len; i++)
      {
        SkySheetInfo *info = g_ptr_array_index (sheets, i);
        char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);
        g_autofree char *partly = sky_sheet_info_describe (info);

        row[0] = g_strdup (info->provider);
        row[1] = g_strdup (info->version);
        row[2] = g_strdup (info->effective_date);
        row[3] = g_strdup (info->currency);
        row[4] = g_strdup_printf ("%" G_GUINT64_FORMAT, info->offers);
        /* A sheet current for some of its services only says which. */
        row[5] = g_strdup (format == SKY_CLI_FORMAT_CSV ? (info->current ? "true" : "false")
                           : partly != NULL ? partly
                           : info->current ? C_("sheet state", "current")
                           : info->upcoming ? C_("sheet state", "upcoming")
                                            : C_("sheet state", "superseded"));
        row[6] = g_strdup (info->retrieved);
        sky_cli_table_add_row (&table, row);
      }
    sky_cli_table_print (&table);
  }
  return 0;
}
