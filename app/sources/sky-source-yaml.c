/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-yaml"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <yaml.h>

#include "sky-source-yaml.h"
#include "sky-source.h"

/* Where the walk is: the keys of the mappings it is in, and the key waiting for its value. */
typedef struct
{
  SkyYamlPath  path;
  gboolean     want_key;          /* the next scalar of the innermost mapping is a key */
  char        *key;               /* the key read, until its value starts */
  gulong       key_line;
  guint        sequences;         /* sequences open (their items are not told) */
} Walk;

static void
walk_clear (Walk *walk)
{
  for (guint i = 0; i < walk->path.depth; i++)
    g_free (walk->path.keys[i]);
  g_free (walk->key);
  memset (walk, 0, sizeof *walk);
}

/* Reads @path from start to end, telling @sink each mapping and scalar value met, with the
 * keys it is at. Items of sequences are not told. A YAML error, an alias (never expanded) or
 * nesting deeper than SKY_YAML_MAX_DEPTH ends the walk with file:line. */
gboolean
_sky_yaml_walk (const char         *path,
                const SkyYamlSink  *sink,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  yaml_parser_t parser;
  Walk walk = { 0 };
  gboolean done = FALSE;
  gboolean ok = TRUE;
  guint64 events = 0;
  FILE *file;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_file (&parser, file);
  while (ok && !done)
    {
      yaml_event_t event;
      gulong line;

      if ((events++ & 0xfff) == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          ok = FALSE;
          break;
        }
      if (!yaml_parser_parse (&parser, &event))
        {
          g_set_error (&local_error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                       "%s:%lu:%lu: %s", path,
                       (gulong) parser.problem_mark.line + 1,
                       (gulong) parser.problem_mark.column + 1,
                       parser.problem != NULL ? parser.problem : "not YAML");
          ok = FALSE;
          break;
        }
      line = (gulong) event.start_mark.line + 1;
      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
          if (walk.sequences > 0)
            {
              walk.sequences++;   /* a mapping in a list: not used */
              break;
            }
          if (walk.path.depth > 0 || walk.key != NULL)
            {
              if (walk.key == NULL || walk.path.depth >= SKY_YAML_MAX_DEPTH)
                {
                  g_set_error (&local_error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                               "%s:%lu: %s", path, line,
                               _("a mapping where none was expected, or nested too deep"));
                  ok = FALSE;
                  break;
                }
              walk.path.keys[walk.path.depth++] = g_steal_pointer (&walk.key);
              ok = sink->mapping_start (&walk.path, walk.key_line, user_data, &local_error);
            }
          else
            walk.path.depth = 0;
          walk.want_key = TRUE;
          break;

        case YAML_MAPPING_END_EVENT:
          if (walk.sequences > 0)
            {
              walk.sequences--;
              break;
            }
          if (walk.path.depth > 0)
            {
              ok = sink->mapping_end (&walk.path, user_data, &local_error);
              g_free (walk.path.keys[--walk.path.depth]);
            }
          walk.want_key = TRUE;
          break;

        case YAML_SEQUENCE_START_EVENT:
          walk.sequences++;
          break;

        case YAML_SEQUENCE_END_EVENT:
          if (walk.sequences > 0)
            walk.sequences--;
          if (walk.sequences == 0)
            {
              g_clear_pointer (&walk.key, g_free);
              walk.want_key = TRUE;
            }
          break;

        case YAML_SCALAR_EVENT:
          if (walk.sequences > 0)
            break;
          if (walk.want_key)
            {
              g_free (walk.key);
              walk.key = g_strdup ((const char *) event.data.scalar.value);
              walk.key_line = line;
              walk.want_key = FALSE;
            }
          else
            {
              if (walk.path.depth < SKY_YAML_MAX_DEPTH && walk.key != NULL)
                {
                  walk.path.keys[walk.path.depth++] = g_steal_pointer (&walk.key);
                  ok = sink->value (&walk.path, (const char *) event.data.scalar.value, line,
                                    user_data, &local_error);
                  g_free (walk.path.keys[--walk.path.depth]);
                }
              g_clear_pointer (&walk.key, g_free);
              walk.want_key = TRUE;
            }
          break;

        case YAML_ALIAS_EVENT:
          g_set_error (&local_error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                       "%s:%lu: %s", path, line,
                       _("YAML aliases are not read"));
          ok = FALSE;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }
      yaml_event_delete (&event);
    }
  walk_clear (&walk);
  yaml_parser_delete (&parser);
  fclose (file);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
