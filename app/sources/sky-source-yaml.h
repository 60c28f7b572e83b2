/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A YAML file read as a stream of libyaml events, told to a sink as the path of mapping keys
 * each mapping and scalar value is at: memory stays flat whatever the file's size. */

#define SKY_YAML_MAX_DEPTH 16

typedef struct
{
  char  *keys[SKY_YAML_MAX_DEPTH];
  guint  depth;
} SkyYamlPath;

typedef struct
{
  /* A mapping begins as the value of the last key of @path, on @line (the key's). */
  gboolean (*mapping_start) (const SkyYamlPath  *path,
                             gulong              line,
                             gpointer            user_data,
                             GError            **error);
  gboolean (*mapping_end)   (const SkyYamlPath  *path,
                             gpointer            user_data,
                             GError            **error);
  /* A scalar @value of the last key of @path, on @line. */
  gboolean (*value)         (const SkyYamlPath  *path,
                             const char         *value,
                             gulong              line,
                             gpointer            user_data,
                             GError            **error);
} SkyYamlSink;

gboolean _sky_yaml_walk (const char         *path,
                         const SkyYamlSink  *sink,
                         gpointer            user_data,
                         GCancellable       *cancellable,
                         GError            **error);

G_END_DECLS
