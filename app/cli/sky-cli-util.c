/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli-util.h"

/* What every command of skytally-cli uses; this file calls none of them. */

/* The command being run, as its --help and its usage errors name it: its name, the arguments
 * after its options (untranslated; NULL for none), its one line of help and what its help says
 * of standard input and output (NULL for nothing). */
static struct
{
  const char *name;
  const char *synopsis;
  const char *summary;
  const char *note;
} command;

/* Names the command being run: from now on its --help and its usage errors begin with
 * “skytally-cli NAME [OPTION…] SYNOPSIS”. */
void
sky_cli_set_command (const char *name,
                     const char *synopsis,
                     const char *summary,
                     const char *note)
{
  g_autofree char *prgname = NULL;

  g_return_if_fail (name != NULL);

  command.name = name;
  command.synopsis = synopsis;
  command.summary = summary;
  command.note = note;
  /* GOption begins a command's help with the program's name. */
  prgname = g_strdup_printf ("skytally-cli %s", name);
  g_set_prgname (prgname);
}

/* The option context of the command being run, its usage line ending in @synopsis (NULL for
 * the command's own). */
GOptionContext *
sky_cli_context_new (const char *synopsis)
{
  GOptionContext *context;
  g_autofree char *summary = NULL;

  if (synopsis != NULL)
    command.synopsis = synopsis;
  context = g_option_context_new (command.synopsis);
  if (command.summary != NULL)
    summary = command.note != NULL ? g_strdup_printf ("%s\n\n%s", _(command.summary),
                                                      _(command.note))
                                   : g_strdup (_(command.summary));
  g_option_context_set_summary (context, summary);
  return context;
}

int
sky_cli_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help = NULL;
  g_autofree char *hint = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  help = command.name != NULL ? g_strdup_printf ("skytally-cli %s --help", command.name)
                              : g_strdup ("skytally-cli --help");
  /* Translators: %s is a command, “skytally-cli --help” or “skytally-cli export --help”. */
  hint = g_strdup_printf (_("Try “%s”."), help);
  if (command.name != NULL)
    {
      /* The usage line as the command's --help begins with it, in GLib's words. */
      g_autofree char *usage = g_strdup_printf ("%s skytally-cli %s %s%s%s",
                                                g_dgettext ("glib20", "Usage:"), command.name,
                                                g_dgettext ("glib20", "[OPTION…]"),
                                                command.synopsis != NULL ? " " : "",
                                                command.synopsis != NULL ? _(command.synopsis)
                                                                         : "");

      g_printerr ("skytally-cli: %s\n%s\n%s\n", message, usage, hint);
    }
  else
    g_printerr ("skytally-cli: %s\n%s\n", message, hint);
  return SKY_CLI_EXIT_USAGE;
}

int
sky_cli_user_error (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("skytally-cli: %s\n", line);
  return SKY_CLI_EXIT_USER_ERROR;
}

/* The place of @text among @choices, which are NULL-terminated and listed in the order of the
 * enumeration they name; no text is the first choice. -1 when @text is none of them. */
int
sky_cli_parse_choice (const char         *text,
                      const char * const *choices)
{
  g_return_val_if_fail (choices != NULL && choices[0] != NULL, -1);

  if (text == NULL)
    return 0;
  for (int i = 0; choices[i] != NULL; i++)
    if (strcmp (text, choices[i]) == 0)
      return i;
  return -1;
}

gboolean
sky_cli_parse_format (const char   *text,
                      SkyCliFormat *format)
{
  static const char * const formats[] = { "table", "csv", "json", NULL };
  int i = sky_cli_parse_choice (text, formats);

  if (i < 0)
    return FALSE;
  *format = (SkyCliFormat) i;
  return TRUE;
}

/* --format: FALSE, with the usage error's exit status in @status, when it is not one we have. */
gboolean
sky_cli_format_option (const char   *text,
                       SkyCliFormat *format,
                       int          *status)
{
  if (sky_cli_parse_format (text, format))
    return TRUE;
  /* Translators: keep table, csv and json as they are. */
  *status = sky_cli_usage_error (_("unknown format “%s”: use table, csv or json"), text);
  return FALSE;
}

gboolean
sky_cli_parse_options (GOptionContext *context,
                       GOptionEntry   *entries,
                       int            *argc,
                       char         ***argv,
                       int            *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = sky_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Opening the catalog ---------------------------------------------------------------------- */

SkyCatalog *
sky_cli_open_catalog (const SkyCliGlobals *globals,
                      GError             **error)
{
  g_autofree char *path = globals->catalog_path != NULL ? g_strdup (globals->catalog_path)
                                                         : sky_catalog_default_path ();
  g_autoptr(SkyCatalog) catalog = NULL;
  SkyBundledSheets state;

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
  return sky_cli_seed_catalog (globals, g_steal_pointer (&catalog), path, error);
}

/* Output ----------------------------------------------------------------------------------- */


void
sky_cli_table_init (SkyCliTable *table,
                    SkyCliFormat format,
                    const char **headers,
                    gboolean    *numeric,
                    guint        n_columns)
{
  table->format = format;
  table->headers = headers;
  table->numeric = numeric;
  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (format == SKY_CLI_FORMAT_CSV)
    {
      table->csv = sky_csv_writer_new (SKY_CSV_STANDARD);
      for (guint i = 0; i < n_columns; i++)
        sky_csv_writer_add_text (table->csv, headers[i]);
      sky_csv_writer_end_row (table->csv);
    }
}

/* Takes the values (NULL for an empty cell). */
void
sky_cli_table_add_row (SkyCliTable *table,
                       char       **values)
{
  if (table->format == SKY_CLI_FORMAT_CSV)
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
sky_cli_table_print (SkyCliTable *table)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);
  g_autofree const char **headers = g_new0 (const char *, table->n_columns);

  if (table->format == SKY_CLI_FORMAT_CSV)
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

/* Rows of offers ----------------------------------------------------------------------------- */

/* Checks the values of the row options, and turns --all-rows into "any" for each attribute not
 * given; FALSE with a usage error in @status for a value no row has. */
gboolean
sky_cli_rows_check (SkyCliRows *rows,
                    int        *status)
{
  const struct
  {
    const char    *option;
    SkyVocabulary  vocabulary;
    char         **value;
    gboolean       any;
  } options[] = {
    { "arch", SKY_VOCABULARY_ARCHITECTURE, &rows->architecture, FALSE },
    { "tenancy", SKY_VOCABULARY_TENANCY, &rows->tenancy, TRUE },
    { "licence", SKY_VOCABULARY_LICENCE, &rows->licence, TRUE },
    { "capacity", SKY_VOCABULARY_CAPACITY, &rows->capacity, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const char *value = *options[i].value;
      g_autofree char *ids = NULL;

      if (value == NULL && rows->all_rows && options[i].any)
        *options[i].value = g_strdup (SKY_SEARCH_ANY);
      if (value == NULL || sky_vocabulary_lookup (options[i].vocabulary, value) != NULL ||
          (options[i].any && strcmp (value, SKY_SEARCH_ANY) == 0))
        continue;
      ids = sky_vocabulary_describe (options[i].vocabulary);
      /* Translators: an option's name, the value given, and the values it takes. */
      *status = sky_cli_usage_error (_("--%s: unknown value “%s”: use %s%s"), options[i].option,
                                     value, ids, options[i].any ? ", or any" : "");
      return FALSE;
    }
  if (rows->software == NULL && rows->all_rows)
    rows->software = g_strdup (SKY_SEARCH_ANY);
  return TRUE;
}

void
sky_cli_rows_clear (SkyCliRows *rows)
{
  g_clear_pointer (&rows->architecture, g_free);
  g_clear_pointer (&rows->tenancy, g_free);
  g_clear_pointer (&rows->licence, g_free);
  g_clear_pointer (&rows->software, g_free);
  g_clear_pointer (&rows->capacity, g_free);
}

/* What sets a row apart from the default one, "dedicated, byol": its tenancy, licence,
 * software and capacity where they are not the default row's; NULL for the default row. */
char *
sky_cli_row_text (const char *tenancy,
                  const char *licence,
                  const char *software,
                  const char *capacity)
{
  const char *parts[] = {
    g_strcmp0 (tenancy, "shared") != 0 ? tenancy : NULL,
    g_strcmp0 (licence, "included") != 0 ? licence : NULL,
    software,
    g_strcmp0 (capacity, "used") != 0 ? capacity : NULL,
  };
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", parts[i]);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}
