/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

/* The catalog's connection, held for one caller until _sky_catalog_unlock(). */
sqlite3  *_sky_catalog_lock    (SkyCatalog  *self);
void      _sky_catalog_unlock  (SkyCatalog  *self);
gboolean  _sky_catalog_db_error (sqlite3    *db,
                                 GError    **error,
                                 const char *what);
int       _sky_catalog_code     (const char * const *names,
                                 const char         *name);
void      _sky_catalog_append_codes (GString            *sql,
                                     const char         *column,
                                     const char * const *names);
void      _sky_catalog_bind_code    (sqlite3_stmt       *stmt,
                                     const char         *parameter,
                                     const char * const *names,
                                     const char         *name);

G_END_DECLS
