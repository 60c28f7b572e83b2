/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sky_test_make_dir (void);

void sky_test_remove_tree (const char *dir);

gboolean sky_test_set_writable (const char *file,
                                const char *dir,
                                gboolean    writable);

void sky_test_append_sheet_start (GString    *sheet,
                                  const char *provider_id,
                                  const char *provider_name);

GPtrArray *sky_test_parse_csv (const char *text,
                               char        delimiter,
                               GError    **error);

char *sky_test_write_empty_sheet (const char *dir,
                                  const char *version,
                                  const char *date);

char *sky_test_names_in (const char *dir);

GThread *sky_test_read_fifo (const char *path);
char *sky_test_fifo_text (GThread    *reader,
                          const char *path);

char *sky_test_pdf_text (const char *pdf);

char *sky_test_contents_of (const char *path,
                            gsize      *length);

char *sky_test_realdata (const char *folder);

gboolean sky_test_use_locale (const char *locale);

G_END_DECLS
