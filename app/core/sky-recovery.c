/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-recovery"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-file-writer.h"
#include "sky-recovery.h"

/* A recovery file: a scenario's unsaved changes and the file they belong to, kept until they
 * are saved or discarded. Both are in one file, written through the safe writer as one unit
 * (readable by the user only), so neither is ever kept without the other. It is a key file:
 *
 *   [Recovery]
 *   Origin=/home/me/web.skytally      (absent for a scenario never saved)
 *   Scenario=<scenario …>…            (the scenario file's text, escaped)
 */

#define GROUP "Recovery"
/* Far more than any scenario (a scenario file is refused past a few MiB). */
#define MAX_SIZE (64 << 20)

gboolean
sky_recovery_write (const char         *path,
                    const SkyScenario  *scenario,
                    const char         *origin,
                    GError            **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *xml = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL && scenario != NULL, FALSE);

  xml = sky_scenario_to_xml (scenario);
  if (origin != NULL)
    g_key_file_set_string (keys, GROUP, "Origin", origin);
  g_key_file_set_string (keys, GROUP, "Scenario", xml);
  text = g_key_file_to_data (keys, &length, NULL);
  return sky_file_write_contents (path, text, length, SKY_FILE_WRITE_PRIVATE, error);
}

/* The scenario kept in the recovery file @path, and in @origin the file it belongs to (NULL
 * for one never saved). */
SkyScenario *
sky_recovery_read (const char  *path,
                   char       **origin,
                   GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *xml = NULL;
  SkyScenario *scenario;

  g_return_val_if_fail (path != NULL, NULL);

  if (origin != NULL)
    *origin = NULL;
  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped != NULL && g_mapped_file_get_length (mapped) > MAX_SIZE)
    g_set_error (&local, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                 _("larger than %d MiB"), MAX_SIZE >> 20);
  else if (mapped != NULL)
    g_key_file_load_from_data (keys, g_mapped_file_get_contents (mapped),
                               g_mapped_file_get_length (mapped), G_KEY_FILE_NONE, &local);
  if (local == NULL)
    xml = g_key_file_get_string (keys, GROUP, "Scenario", &local);
  if (xml == NULL)
    {
      g_set_error (error, SKY_SCENARIO_ERROR,
                   local->domain == G_FILE_ERROR ? SKY_SCENARIO_ERROR_IO
                   : local->domain == SKY_SCENARIO_ERROR ? local->code
                   : SKY_SCENARIO_ERROR_MALFORMED,
                   _("Cannot read the recovery file %s: %s"), path, local->message);
      return NULL;
    }
  scenario = sky_scenario_parse (xml, strlen (xml), path, error);
  if (scenario != NULL && origin != NULL)
    {
      *origin = g_key_file_get_string (keys, GROUP, "Origin", NULL);
      if (*origin != NULL && **origin == '\0')
        g_clear_pointer (origin, g_free);
    }
  return scenario;
}
