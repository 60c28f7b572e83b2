/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sky-catalog.h"
#include "sky-csv.h"
#include "sky-currency.h"
#include "sky-cli.h"
#include "sky-catalog-match.h"

#define DEFAULT_SEARCH_LIMIT 50

static const char usage_text[] =
  /* Translators: keep the command and option names (import, sheets, search, --catalog,
   * --no-seed, --read-only, --version, -h, --help) as they are; PATH, COMMAND, OPTIONS and
   * FILE may be translated. */
  N_("Usage:\n"
     "  skytally-cli [--catalog PATH] [--no-seed] [--read-only] COMMAND [OPTIONS…]\n"
     "\n"
     "Commands:\n"
     "  import FILE…   Load price sheets into the catalog\n"
     "  sheets         List the price sheets in the catalog (sheets remove: remove one)\n"
     "  search         Find offers in the current price sheets\n"
     "  estimate FILE  Price a scenario on each of its providers\n"
     "  validate FILE  Check a scenario file\n"
     "  match          Each provider's offers that meet a requirement\n"
     "  compare SKU…   Offers side by side\n"
     "  score FILE     Rank a scenario's candidates by its criteria\n"
     "  project FILE   A scenario month by month, against its budget\n"
     "  export FILE    Write a projection for finance (CSV, JSON)\n"
     "\n"
     "Options:\n"
     "  --catalog PATH   The catalog to use (default: $XDG_DATA_HOME/skytally/catalog.db)\n"
     "  --no-seed        Do not load the bundled price sheets into a new catalog, now or later\n"
     "  --read-only      Write nothing to the catalog\n"
     "  --version        Print the version\n"
     "  -h, --help       Show this help; COMMAND --help shows a command's options\n");

int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: %s is the command “skytally-cli --help”. */
  hint = g_strdup_printf (_("Try “%s”."), "skytally-cli --help");
  g_printerr ("skytally-cli: %s\n%s\n", message, hint);
  return EXIT_USAGE;
}

int
user_error (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("skytally-cli: %s\n", line);
  return EXIT_USER_ERROR;
}

gboolean
parse_format (const char *text,
              Format     *format)
{
  if (text == NULL || strcmp (text, "table") == 0)
    *format = FORMAT_TABLE;
  else if (strcmp (text, "csv") == 0)
    *format = FORMAT_CSV;
  else if (strcmp (text, "json") == 0)
    *format = FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

/* --format: FALSE, with the usage error's exit status in @status, when it is not one we have. */
gboolean
format_option (const char *text,
               Format     *format,
               int        *status)
{
  if (parse_format (text, format))
    return TRUE;
  /* Translators: keep table, csv and json as they are. */
  *status = usage_error (_("unknown format “%s”: use table, csv or json"), text);
  return FALSE;
}

gboolean
parse_options (GOptionContext  *context,
               GOptionEntry    *entries,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Opening the catalog ---------------------------------------------------------------------- */

SkyCatalog *
open_catalog (const Globals  *globals,
              GError        **error)
{
  g_autofree char *path = globals->catalog_path != NULL ? g_strdup (globals->catalog_path)
                                                         : sky_catalog_default_path ();
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autofree char *message = NULL;
  SkyBundledSheets state;
  const char *dir;

  catalog = sky_catalog_open_full (path, globals->read_only ? SKY_CATALOG_OPEN_READ_ONLY
                                                           : SKY_CATALOG_OPEN_DEFAULT,
                                   NULL, error);
  if (catalog == NULL)
    return NULL;
  /* A catalog that cannot be written is read as it is, and said to be so unless asked for. */
  if (sky_catalog_is_unchanging (catalog))
    /* Translators: %s is the catalog file. */
    g_printerr (_("skytally-cli: %s and its folder cannot be written: the catalog is opened as "
                  "unchanging (read-only)\n"), path);
  else if (sky_catalog_is_read_only (catalog) && !globals->read_only)
    /* Translators: %s is the catalog file. */
    g_printerr (_("skytally-cli: %s cannot be written: the catalog is opened read-only\n"),
                path);
  if (sky_catalog_is_read_only (catalog))
    return g_steal_pointer (&catalog);
  if (!sky_catalog_get_bundled_sheets (catalog, &state, error))
    return NULL;
  if (state != SKY_BUNDLED_SHEETS_PENDING)
    return g_steal_pointer (&catalog);
  if (globals->no_seed)
    return sky_catalog_decline_bundled_sheets (catalog, error) ? g_steal_pointer (&catalog)
                                                                : NULL;

  /* A new catalog, or one whose seeding was interrupted: the sheets go in all at once, and a
   * failure leaves the catalog to be seeded at the next start. */
  dir = sky_catalog_bundled_sheets_dir ();
  seeded = sky_catalog_seed (catalog, dir, NULL, error);
  if (seeded == NULL)
    {
      /* Translators: %s is a folder. Keep SKYTALLY_PRICESHEETS_DIR and --no-seed as they are. */
      g_prefix_error (error, _("Cannot load the bundled price sheets from %s "
                               "(SKYTALLY_PRICESHEETS_DIR names another folder; --no-seed skips "
                               "them): "), dir);
      return NULL;
    }
  if (seeded->len == 0)
    return g_steal_pointer (&catalog);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %u is the number of price sheets
                                           * loaded, %s the catalog file. */
                                          "Loaded %u bundled price sheet into %s.",
                                          "Loaded %u bundled price sheets into %s.", seeded->len),
                             seeded->len, path);
  g_printerr ("%s\n", message);
  return g_steal_pointer (&catalog);
}

/* Output ----------------------------------------------------------------------------------- */


void
table_init (Table       *table,
            Format       format,
            const char **headers,
            gboolean    *numeric,
            guint        n_columns)
{
  table->format = format;
  table->headers = headers;
  table->numeric = numeric;
  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (format == FORMAT_CSV)
    {
      table->csv = sky_csv_writer_new (SKY_CSV_STANDARD);
      for (guint i = 0; i < n_columns; i++)
        sky_csv_writer_add_text (table->csv, headers[i]);
      sky_csv_writer_end_row (table->csv);
    }
}

/* Takes the values (NULL for an empty cell). */
void
table_add_row (Table  *table,
               char  **values)
{
  if (table->format == FORMAT_CSV)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          if (table->numeric[i])
            sky_csv_writer_add_number (table->csv, values[i]);
          else
            sky_csv_writer_add_text (table->csv, values[i]);
          g_free (values[i]);
        }
      sky_csv_writer_end_row (table->csv);
      g_free (values);
      return;
    }
  for (guint i = 0; i < table->n_columns; i++)
    if (values[i] == NULL)
      values[i] = g_strdup ("");
  g_ptr_array_add (table->rows, values);
}

void
table_print (Table *table)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);
  g_autofree const char **headers = g_new0 (const char *, table->n_columns);

  if (table->format == FORMAT_CSV)
    {
      gsize len;
      g_autofree char *text = sky_csv_writer_free (table->csv, &len);
      fwrite (text, 1, len, stdout);
      g_ptr_array_unref (table->rows);
      return;
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      headers[c] = g_dpgettext2 (GETTEXT_PACKAGE, "column heading", table->headers[c]);
      widths[c] = g_utf8_strlen (headers[c], -1);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r <= table->rows->len; r++)
    {
      const char * const *row = r == 0 ? headers : g_ptr_array_index (table->rows, r - 1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          gsize pad = widths[c] - g_utf8_strlen (row[c], -1);

          if (c > 0)
            g_string_append (line, "  ");
          if (table->numeric[c] && r > 0)
            {
              for (gsize i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
              g_string_append (line, row[c]);
            }
          else
            {
              g_string_append (line, row[c]);
              if (c + 1 < table->n_columns)
                for (gsize i = 0; i < pad; i++)
                  g_string_append_c (line, ' ');
            }
        }
      g_print ("%s\n", line->str);
    }
  g_ptr_array_unref (table->rows);
}

void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
scaled_to_string (gint64 value,
                  guint  scale)
{
  return value < 0 ? NULL : sky_decimal_to_string (sky_decimal_from_scaled (value, scale));
}

static void
json_add_scaled (JsonBuilder *builder,
                 const char  *member,
                 gint64       value,
                 guint        scale)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else if (value % (scale == 3 ? 1000 : 1) == 0)
    json_builder_add_int_value (builder, scale == 3 ? value / 1000 : value);
  else
    {
      /* A spec such as 0.25 vCPU; specs are not money, and three decimals print exactly. */
      g_autofree char *text = scaled_to_string (value, scale);
      json_builder_add_double_value (builder, g_ascii_strtod (text, NULL));
    }
}

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

static int
cmd_import (const Globals  *globals,
            int             argc,
            char          **argv)
{
  /* Translators: the arguments of “skytally-cli import” and what it does. */
  g_autoptr(GOptionContext) context = g_option_context_new (N_("FILE… — load price sheets"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  gboolean force = FALSE;
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
       "date. A sheet without offers is refused unless --force is given.\n"));
  if (!parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (_("import needs at least one FILE"));

  catalog = open_catalog (globals, &error);
  if (catalog == NULL)
    return user_error (error);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SkyImportResult) result = NULL;
      g_autofree char *line = NULL;

      g_clear_error (&error);
      /* Progress only for a person watching: never in a pipe or a log. */
      result = sky_catalog_import_file_full (catalog, argv[i],
                                             force ? SKY_IMPORT_FLAGS_FORCE
                                                   : SKY_IMPORT_FLAGS_NONE,
                                             NULL, isatty (STDERR_FILENO) ? show_progress : NULL,
                                             argv[i], &error);
      if (isatty (STDERR_FILENO))
        g_printerr ("\r\033[K");
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
          status = user_error (error);
          continue;
        }
      if (result->status == SKY_IMPORT_UNCHANGED)
        /* Translators: “FILE: PROVIDER VERSION is already…” */
        line = g_strdup_printf (_("%s: %s %s is already in the catalog; nothing changed"),
                                argv[i], result->provider, result->version);
      else
        {
          g_autofree char *offers = g_strdup_printf ("%" G_GUINT64_FORMAT, result->offers);

          if (result->upcoming)
            line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: “FILE: added PROVIDER VERSION
                                                  * (effective DATE), N offers; …” */
                                                 "%s: added %s %s (effective %s), %s offer; "
                                                 "current from %s on",
                                                 "%s: added %s %s (effective %s), %s offers; "
                                                 "current from %s on",
                                                 result->offers),
                                    argv[i], result->provider, result->version,
                                    result->effective_date, offers, result->effective_date);
          else if (!result->current)
            line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: “FILE: added PROVIDER VERSION
                                                  * (effective DATE), N offers; …” */
                                                 "%s: added %s %s (effective %s), %s offer; "
                                                 "kept as an older version",
                                                 "%s: added %s %s (effective %s), %s offers; "
                                                 "kept as an older version",
                                                 result->offers),
                                    argv[i], result->provider, result->version,
                                    result->effective_date, offers);
          else if (result->superseded == NULL)
            line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: “FILE: added PROVIDER VERSION
                                                  * (effective DATE), N offers; …” */
                                                 "%s: added %s %s (effective %s), %s offer; "
                                                 "now current",
                                                 "%s: added %s %s (effective %s), %s offers; "
                                                 "now current",
                                                 result->offers),
                                    argv[i], result->provider, result->version,
                                    result->effective_date, offers);
          else
            line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: “FILE: added PROVIDER VERSION
                                                  * (effective DATE), N offers; …” */
                                                 "%s: added %s %s (effective %s), %s offer; "
                                                 "now current, replacing %s",
                                                 "%s: added %s %s (effective %s), %s offers; "
                                                 "now current, replacing %s",
                                                 result->offers),
                                    argv[i], result->provider, result->version,
                                    result->effective_date, offers, result->superseded);
        }
      g_print ("%s\n", line);
    }
  return status;
}

/* sheets ----------------------------------------------------------------------------------- */

/* sheets remove PROVIDER VERSION */
static int
remove_sheet (const Globals  *globals,
              const char     *provider,
              const char     *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autofree char *current = NULL;

  catalog = open_catalog (globals, &error);
  if (catalog == NULL || !sky_catalog_remove_sheet (catalog, provider, version, &error))
    return user_error (error);
  current = sky_catalog_current_version (catalog, provider, &error);
  if (error != NULL)
    return user_error (error);
  if (current != NULL)
    /* Translators: “removed PROVIDER VERSION; PROVIDER VERSION is current”. */
    g_print (_("removed %s %s; %s %s is current\n"), provider, version, provider, current);
  else
    /* Translators: “removed PROVIDER VERSION; PROVIDER has no current sheet”. */
    g_print (_("removed %s %s; %s has no current sheet\n"), provider, version, provider);
  return 0;
}

static int
cmd_sheets (const Globals  *globals,
            int             argc,
            char          **argv)
{
  /* Translators: what “skytally-cli sheets” does. */
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— list the price sheets"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autofree char *format_text = NULL;
  Format format;
  int status = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  g_option_context_set_description (context,
    /* Translators: keep “sheets remove” as it is. */
    N_("“sheets remove PROVIDER VERSION” removes a sheet, its offers and prices; the provider's\n"
       "previous sheet is current again. A bundled sheet removed is not loaded again.\n"));
  if (!parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc > 1 && strcmp (argv[1], "remove") == 0)
    {
      if (argc != 4)
        /* Translators: keep “sheets remove” as it is. */
        return usage_error (_("sheets remove needs a PROVIDER and a VERSION"));
      return remove_sheet (globals, argv[2], argv[3]);
    }
  if (argc > 1)
    return usage_error (_("sheets takes no arguments but “remove PROVIDER VERSION”"));
  if (!format_option (format_text, &format, &status))
    return status;

  catalog = open_catalog (globals, &error);
  if (catalog == NULL)
    return user_error (error);
  sheets = sky_catalog_list_sheets (catalog, &error);
  if (sheets == NULL)
    return user_error (error);

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < sheets->len; i++)
        {
          SkySheetInfo *info = g_ptr_array_index (sheets, i);

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "provider", info->provider);
          sky_json_add_string (builder, "provider_name", info->provider_name);
          sky_json_add_string (builder, "version", info->version);
          sky_json_add_string (builder, "effective_date", info->effective_date);
          sky_json_add_string (builder, "currency", info->currency);
          json_builder_set_member_name (builder, "offers");
          json_builder_add_int_value (builder, info->offers);
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, info->current);
          json_builder_set_member_name (builder, "upcoming");
          json_builder_add_boolean_value (builder, info->upcoming);
          sky_json_add_string (builder, "retrieved", info->retrieved);
          sky_json_add_string (builder, "imported_at", info->imported_at);
          sky_json_add_string (builder, "source", info->source);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
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
    Table table = { 0 };

    table_init (&table, format, headers, numeric, G_N_ELEMENTS (headers));
    for (guint i = 0; i < sheets->len; i++)
      {
        SkySheetInfo *info = g_ptr_array_index (sheets, i);
        char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

        row[0] = g_strdup (info->provider);
        row[1] = g_strdup (info->version);
        row[2] = g_strdup (info->effective_date);
        row[3] = g_strdup (info->currency);
        row[4] = g_strdup_printf ("%" G_GUINT64_FORMAT, info->offers);
        row[5] = g_strdup (format == FORMAT_CSV ? (info->current ? "true" : "false")
                           : info->current ? C_("sheet state", "current")
                           : info->upcoming ? C_("sheet state", "upcoming")
                                            : C_("sheet state", "superseded"));
        row[6] = g_strdup (info->retrieved);
        table_add_row (&table, row);
      }
    table_print (&table);
  }
  return 0;
}

/* search ----------------------------------------------------------------------------------- */

static gboolean
parse_spec_option (const char  *name,
                   const char  *text,
                   gint64      *out,
                   int         *status)
{
  SkyDecimal d;
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!sky_decimal_parse (text, 3, FALSE, &d, &error) ||
      !sky_decimal_to_scaled_int64 (d, 3, out))
    {
      *status = usage_error ("--%s: %s", name,
                             error != NULL ? error->message : _("the number is too large"));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_search (const Globals  *globals,
            int             argc,
            char          **argv)
{
  g_autoptr(GOptionContext) context =
    /* Translators: what “skytally-cli search” does. */
    g_option_context_new (N_("— find offers in the current price sheets"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *region = NULL;
  g_autofree char *geo = NULL;
  g_autofree char *category = NULL;
  g_autofree char *os = NULL;
  g_autofree char *term = NULL;
  g_autofree char *max_price = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *min_vcpu = NULL;
  g_autofree char *min_memory = NULL;
  g_autofree char *text = NULL;
  int limit = DEFAULT_SEARCH_LIMIT;
  SkySearchQuery query = { 0 };
  Format format;
  int status = 0;
  GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, N_("Only this provider"), "ID" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Only this region"), "CODE" },
    { "geo", 0, 0, G_OPTION_ARG_STRING, &geo, N_("Only this geography"),
      "US|CA|SA|EU|ME|AF|APAC|GLOBAL" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only this category"), "CAT" },
    { "min-vcpu", 0, 0, G_OPTION_ARG_STRING, &min_vcpu, N_("At least this many vCPUs"), "N" },
    { "min-memory", 0, 0, G_OPTION_ARG_STRING, &min_memory, N_("At least this much memory"),
      "GIB" },
    { "os", 0, 0, G_OPTION_ARG_STRING, &os, N_("Only this operating system"), "OS" },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only this purchase option"), "TERM" },
    { "max-price", 0, 0, G_OPTION_ARG_STRING, &max_price, N_("Unit price at most"), "AMOUNT" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Name, SKU or service containing"), "TEXT" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Order (default: price)"), "price|vcpu|memory" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N results (0: all; default 50)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  g_option_context_set_description (context,
    /* Translators: keep the purchase options (on-demand, spot, …) and the categories (compute,
     * storage, …) as they are: they are the values the options take. */
    N_("Prices are unit prices in the sheet's currency; “monthly” is 730 hours of an hourly "
       "price.\n"
       "TERM is on-demand, spot, reserved-1y-no-upfront, reserved-1y-partial-upfront,\n"
       "reserved-1y-all-upfront, reserved-3y-…, savings-plan-1y-no-upfront, savings-plan-3y-….\n"
       "Categories: compute, storage, database, network, serverless, containers, analytics, ai,\n"
       "other.\n"));
  if (!parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("search takes options only, not “%s”"), argv[1]);
  if (!format_option (format_text, &format, &status))
    return status;
  if (limit < 0)
    /* Translators: keep --limit as it is. */
    return usage_error (_("--limit must be 0 or more"));
  if (!parse_spec_option ("min-vcpu", min_vcpu, &query.min_vcpu_milli, &status) ||
      !parse_spec_option ("min-memory", min_memory, &query.min_memory_mgib, &status))
    return status;
  if (term != NULL && !sky_term_is_known (term))
    return usage_error (_("unknown purchase option “%s” (see %s)"), term,
                        "skytally-cli search --help");
  if (max_price != NULL)
    {
      SkyDecimal d;
      g_autoptr(GError) parse_error = NULL;

      if (!sky_decimal_parse (max_price, SKY_PRICE_SCALE, FALSE, &d, &parse_error) ||
          !sky_decimal_to_scaled_int64 (d, SKY_PRICE_SCALE, &query.max_price))
        return usage_error ("--max-price: %s",
                            parse_error != NULL ? parse_error->message : _("too large"));
      query.has_max_price = TRUE;
    }
  if (sort == NULL || strcmp (sort, "price") == 0)
    query.sort = SKY_SORT_PRICE;
  else if (strcmp (sort, "vcpu") == 0)
    query.sort = SKY_SORT_VCPU;
  else if (strcmp (sort, "memory") == 0)
    query.sort = SKY_SORT_MEMORY;
  else
    /* Translators: keep price, vcpu and memory as they are. */
    return usage_error (_("unknown sort “%s”: use price, vcpu or memory"), sort);

  query.provider = provider;
  query.region = region;
  query.geography = geo;
  query.category = category;
  query.os = os;
  query.term = term;
  query.text = text;
  query.limit = limit;

  catalog = open_catalog (globals, &error);
  if (catalog == NULL)
    return user_error (error);
  listings = sky_catalog_search (catalog, &query, &error);
  if (listings == NULL)
    return user_error (error);

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < listings->len; i++)
        {
          SkyListing *l = g_ptr_array_index (listings, i);
          g_autofree char *price = scaled_to_string (l->price, SKY_PRICE_SCALE);
          g_autofree char *fee = l->has_upfront_fee
                                 ? scaled_to_string (l->upfront_fee, SKY_PRICE_SCALE) : NULL;
          g_autofree char *monthly = NULL;
          SkyDecimal m;

          if (sky_listing_monthly (l, &m))
            monthly = sky_currency_format (l->currency, m);

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "provider", l->provider);
          sky_json_add_string (builder, "sheet_version", l->sheet_version);
          sky_json_add_string (builder, "region", l->region);
          sky_json_add_string (builder, "geography", l->geography);
          sky_json_add_string (builder, "service", l->service);
          sky_json_add_string (builder, "sku", l->sku);
          sky_json_add_string (builder, "name", l->name);
          sky_json_add_string (builder, "family", l->family);
          sky_json_add_string (builder, "category", l->category);
          json_add_scaled (builder, "vcpu", l->vcpu_milli, 3);
          json_add_scaled (builder, "memory_gib", l->memory_mgib, 3);
          json_add_scaled (builder, "gpu", l->gpu, 0);
          sky_json_add_string (builder, "os", l->os);
          sky_json_add_string (builder, "sla", l->sla);
          sky_json_add_string (builder, "term", l->term);
          sky_json_add_string (builder, "price", price);
          json_builder_set_member_name (builder, "tiered");
          json_builder_add_boolean_value (builder, l->tiered);
          sky_json_add_string (builder, "unit", l->unit);
          sky_json_add_string (builder, "currency", l->currency);
          sky_json_add_string (builder, "monthly", monthly);
          sky_json_add_string (builder, "upfront_fee", fee);
          sky_json_add_string (builder, "free_quantity", l->free_quantity);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }

  {
    static const char *headers[] = {
      /* Translators: the column headings of “skytally-cli search”; CSV output keeps them in
       * English. */
      NC_("column heading", "PROVIDER"),
      NC_("column heading", "REGION"),
      NC_("column heading", "SKU"),
      NC_("column heading", "NAME"),
      NC_("column heading", "VCPU"),
      NC_("column heading", "MEMORY_GIB"),
      NC_("column heading", "TERM"),
      NC_("column heading", "PRICE"),
      NC_("column heading", "UNIT"),
      NC_("column heading", "CURRENCY"),
      NC_("column heading", "MONTHLY"),
      NC_("column heading", "UPFRONT_FEE"),
    };
    static gboolean numeric[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE,
                                  FALSE, TRUE, TRUE };
    Table table = { 0 };

    table_init (&table, format, headers, numeric, G_N_ELEMENTS (headers));
    for (guint i = 0; i < listings->len; i++)
      {
        SkyListing *l = g_ptr_array_index (listings, i);
        char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);
        SkyDecimal m;

        row[0] = g_strdup (l->provider);
        row[1] = g_strdup (l->region);
        row[2] = g_strdup (l->sku);
        row[3] = g_strdup (l->name);
        row[4] = scaled_to_string (l->vcpu_milli, 3);
        row[5] = scaled_to_string (l->memory_mgib, 3);
        row[6] = g_strdup (l->term);
        row[7] = scaled_to_string (l->price, SKY_PRICE_SCALE);
        /* Translators: %s is a price unit such as “hour”; tiered prices depend on the quantity. */
        row[8] = l->tiered && format == FORMAT_TABLE ? g_strdup_printf (_("%s (tiered)"), l->unit)
                                                     : g_strdup (l->unit);
        row[9] = g_strdup (l->currency);
        row[10] = sky_listing_monthly (l, &m) ? sky_currency_format (l->currency, m) : NULL;
        row[11] = l->has_upfront_fee ? scaled_to_string (l->upfront_fee, SKY_PRICE_SCALE) : NULL;
        table_add_row (&table, row);
      }
    table_print (&table);
    if (format == FORMAT_TABLE && listings->len == 0)
      g_printerr ("%s\n", _("No offer matches. Remove a filter or lower a minimum to see more."));
  }
  return 0;
}

/* main ------------------------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  Globals globals = { 0 };
  int status;
  int i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("skytally-cli");
  sky_sheet_reader_init ();
  /* Past a file size limit, a write fails and is reported (the import rolled back) rather
   * than the process being killed. */
  signal (SIGXFSZ, SIG_IGN);

  /* Global options come before the command. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          g_print ("%s", _(usage_text));
          return 0;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          g_print ("skytally-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (strcmp (argv[i], "--no-seed") == 0)
        globals.no_seed = TRUE;
      else if (strcmp (argv[i], "--read-only") == 0)
        globals.read_only = TRUE;
      else if (strcmp (argv[i], "--catalog") == 0 && i + 1 < argc)
        globals.catalog_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--catalog="))
        globals.catalog_path = argv[i] + strlen ("--catalog=");
      else
        return usage_error (_("unknown option “%s”"), argv[i]);
    }

  if (i >= argc)
    return usage_error (_("no command given"));

  if (strcmp (argv[i], "import") == 0)
    status = cmd_import (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "sheets") == 0)
    status = cmd_sheets (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "search") == 0)
    status = cmd_search (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "estimate") == 0)
    status = sky_cli_estimate (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "validate") == 0)
    status = sky_cli_validate (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "match") == 0)
    status = sky_cli_match (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "compare") == 0)
    status = sky_cli_compare (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "score") == 0)
    status = sky_cli_score (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "project") == 0)
    status = sky_cli_project (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "export") == 0)
    status = sky_cli_export (&globals, argc - i, argv + i);
  else if (strcmp (argv[i], "help") == 0)
    {
      g_print ("%s", _(usage_text));
      status = 0;
    }
  else
    status = usage_error (_("unknown command “%s”"), argv[i]);

  return status;
}
