/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

gint64   sky_bench_cpu_usec      (void);
int      sky_bench_compare_int64 (gconstpointer   a,
                                  gconstpointer   b);
gboolean sky_bench_time_anchor   (SkyCatalog     *catalog,
                                  double         *anchor_ms,
                                  double         *anchor_cpu_ms,
                                  GError        **error);
gboolean sky_bench_fill_catalog  (SkyCatalog     *catalog,
                                  const char     *catalog_path,
                                  const char     *dir,
                                  guint           offers,
                                  GError        **error);
guint    sky_bench_offers         (guint           default_offers);
SkyCatalog *sky_bench_open_catalog (const char  *catalog_path,
                                    const char  *dir,
                                    guint        offers,
                                    double      *target_ms,
                                    GError     **error);
double   sky_bench_target_ms      (guint           offers);
void     sky_bench_remove_catalog (const char     *path);
char    *sky_bench_page_digest    (GPtrArray      *listings);

G_END_DECLS
