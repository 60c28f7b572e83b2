/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#ifndef SKY_CLI_FULL
#include <dlfcn.h>
#endif

#include <glib/gi18n.h>

#include "sky-cli-json.h"

/* The commands' JSON output, through JSON-GLib's functions as sky_cli_json_load() gives them.
 *
 * skytally-cli-full links JSON-GLib. skytally-cli, whose only command that writes JSON is a
 * search asked for --format json, loads it then and only then: JSON-GLib needs GIO, and GIO
 * brings GModule, zlib, libmount, libblkid and libselinux, which made up a third of the
 * program's start-up. */

#ifdef SKY_CLI_FULL

#define SKY_CLI_JSON_LINKED(name) .name = name,

static const SkyCliJson linked = { SKY_CLI_JSON_FUNCTIONS (SKY_CLI_JSON_LINKED) };

const SkyCliJson *
sky_cli_json_load (GError **error)
{
  return &linked;
}

#else

/* JSON-GLib's soname, as its pkg-config file links it. */
#define JSON_GLIB_LIBRARY "libjson-glib-1.0.so.0"

static SkyCliJson loaded;
static gboolean is_loaded;

/* Loads JSON-GLib for good, the first time it is asked for. */
const SkyCliJson *
sky_cli_json_load (GError **error)
{
  void *library;
  const char *missing = NULL;

  if (is_loaded)
    return &loaded;
  library = dlopen (JSON_GLIB_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL)
    missing = dlerror ();
#define SKY_CLI_JSON_LOADED(name) \
  if (missing == NULL && \
      (loaded.name = (typeof (name) *) dlsym (library, #name)) == NULL) \
    missing = #name;
  SKY_CLI_JSON_FUNCTIONS (SKY_CLI_JSON_LOADED)
#undef SKY_CLI_JSON_LOADED
  if (missing != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: the first %s is what did not load (here a library's
                    * file), the second the reason. */
                   _("Cannot load %s: %s"), JSON_GLIB_LIBRARY, missing);
      if (library != NULL)
        dlclose (library);
      return NULL;
    }
  is_loaded = TRUE;
  return &loaded;
}

#endif

/* Prints @root indented, as sky_json_to_data() writes it, with a newline after it. (That
 * function's file holds the reports' JSON, which skytally-cli, for a search, does not link.)
 * JSON-GLib has been loaded (sky_cli_json_load()). */
void
sky_cli_print_json (JsonNode *root)
{
  const SkyCliJson *json = sky_cli_json_load (NULL);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (json != NULL);

  generator = json->json_generator_new ();
  json->json_generator_set_pretty (generator, TRUE);
  json->json_generator_set_root (generator, root);
  text = json->json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Prints what @builder built, as sky_cli_print_json(). */
void
sky_cli_print_json_builder (JsonBuilder *builder)
{
  const SkyCliJson *json = sky_cli_json_load (NULL);
  JsonNode *root;

  g_return_if_fail (json != NULL);

  root = json->json_builder_get_root (builder);
  sky_cli_print_json (root);
  json->json_node_unref (root);
}
