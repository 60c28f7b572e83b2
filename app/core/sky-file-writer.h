/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SKY_FILE_WRITE_DEFAULT = 0,
  SKY_FILE_WRITE_PRIVATE = 1 << 0,  /* readable by the user only (0600), as a recovery file */
} SkyFileWriteFlags;

/* One file being written: see sky-file-writer.c. */
typedef struct _SkyFileWrite SkyFileWrite;

SkyFileWrite *sky_file_write_begin      (const char         *path,
                                         SkyFileWriteFlags   flags,
                                         GError            **error);
gboolean      sky_file_write_append     (SkyFileWrite       *write,
                                         const void         *data,
                                         gsize               length,
                                         GError            **error);
gboolean      sky_file_write_is_direct  (const SkyFileWrite *write);
const char   *sky_file_write_get_path   (const SkyFileWrite *write);
gboolean      sky_file_write_commit     (SkyFileWrite       *write,
                                         GError            **error);
gboolean      sky_file_write_commit_all (SkyFileWrite      **writes,
                                         guint               n_writes,
                                         GError            **error);
void          sky_file_write_free       (SkyFileWrite       *write);

gboolean      sky_file_write_contents   (const char         *path,
                                         const char         *data,
                                         gssize              length,
                                         SkyFileWriteFlags   flags,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyFileWrite, sky_file_write_free)

G_END_DECLS
