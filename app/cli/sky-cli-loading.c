/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "sky-cli-util.h"
#include "sky-sheet-reader.h"

/* What the commands that load price sheets share: seeding a new catalog with the bundled
 * sheets, the converters' module, and the line an import prints. Only the program with every
 * command has them (see skytally-cli.c). */

/* Loads the bundled sheets into @catalog, which is new or was being seeded, or records that
 * the user does not want them (--no-seed). */
SkyCatalog *
sky_cli_seed_catalog (const SkyCliGlobals  *globals,
                      SkyCatalog           *catalog,
                      const char           *path,
                      GError              **error)
{
  g_autoptr(SkyCatalog) owned = catalog;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autofree char *message = NULL;
  const char *dir;

  if (globals->no_seed)
    return sky_catalog_decline_bundled_sheets (catalog, error) ? g_steal_pointer (&owned)
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
    return g_steal_pointer (&owned);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %u is the number of price sheets
                                           * loaded, %s the catalog file. */
                                          "Loaded %u bundled price sheet into %s.",
                                          "Loaded %u bundled price sheets into %s.", seeded->len),
                             seeded->len, path);
  g_printerr ("%s\n", message);
  return g_steal_pointer (&owned);
}

/* The converters' module, which convert, import --from and update load. */
#define SOURCES_MODULE "libskytally-cli-sources." G_MODULE_SUFFIX

typedef __typeof__ (&sky_source_api) SourceApiFunc;

/* The symbol @name of the module @file, loaded for good: the module beside the program (where
 * it is built) or else where it is installed. NULL, with an error that @what (the module's
 * work, translated) names, when it does not load. */
gpointer
sky_cli_load_module_symbol (const char  *file,
                            const char  *name,
                            const char  *what,
                            GError     **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = g_build_filename (SKY_CLI_MODULEDIR, file, NULL);
  g_autofree char *beside = NULL;
  const char *path = installed;
  GModule *module;
  gpointer symbol = NULL;

  if (program != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (program);

      beside = g_build_filename (dir, file, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        path = beside;
    }
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, name, &symbol))
    {
      /* Translators: the first %s is what did not load ("the converters", "the export"), the
       * second the reason. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Cannot load %s: %s"), what,
                   g_module_error ());
      g_clear_pointer (&module, g_module_close);
      return NULL;
    }
  g_module_make_resident (module);
  return symbol;
}

const SkySourceApi *
sky_cli_load_sources (GError **error)
{
  /* Translators: what "Cannot load %s" did not load. */
  SourceApiFunc api = (SourceApiFunc) sky_cli_load_module_symbol (SOURCES_MODULE,
                                                                  "sky_source_api",
                                                                  _("the converters"), error);

  return api != NULL ? api () : NULL;
}

/* What importing a sheet did, as import prints it for FILE (what it supersedes, or which of
 * its services it is current for). */
char *
sky_cli_import_line (const char            *file,
                     const SkyImportResult *result)
{
  char *line;

  if (result->status == SKY_IMPORT_UNCHANGED)
    /* Translators: “FILE: PROVIDER VERSION is already…” */
    line = g_strdup_printf (_("%s: %s %s is already in the catalog; nothing changed"),
                            file, result->provider, result->version);
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
                                file, result->provider, result->version,
                                result->effective_date, offers, result->effective_date);
      else if (!result->current && result->offers == 0)
        /* Translators: “FILE: added PROVIDER VERSION (effective DATE) …” */
        line = g_strdup_printf (_("%s: added %s %s (effective %s) without offers; it is "
                                  "current for no service"),
                                file, result->provider, result->version,
                                result->effective_date);
      else if (!result->current)
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: “FILE: added PROVIDER VERSION
                                              * (effective DATE), N offers; …” */
                                             "%s: added %s %s (effective %s), %s offer; "
                                             "kept as an older version",
                                             "%s: added %s %s (effective %s), %s offers; "
                                             "kept as an older version",
                                             result->offers),
                                file, result->provider, result->version,
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
                                file, result->provider, result->version,
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
                                file, result->provider, result->version,
                                result->effective_date, offers, result->superseded);
      /* A sheet current for some of its services only says which. */
      if (result->current)
        {
          g_autofree char *partly = sky_import_result_describe (result);

          if (partly != NULL)
            {
              char *longer = g_strdup_printf ("%s (%s)", line, partly);
              g_free (line);
              line = longer;
            }
        }
    }
  return line;
}
