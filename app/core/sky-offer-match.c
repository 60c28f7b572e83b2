/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-offer-match"

#include "config.h"

#include <string.h>

#include "sky-catalog-private.h"
#include "sky-offer-match.h"
#include "sky-sheet-reader.h"

/* Finding the offer a scenario's line is priced with, in one sheet of one provider: the
 * current one, or the version the scenario was priced against. */

/* The version of @provider's current sheet, or NULL (and no error) when it has none. */
char *
sky_catalog_current_version (SkyCatalog  *self,
                             const char  *provider,
                             GError     **error)
{
  sqlite3 *db = _sky_catalog_lock (self);
  sqlite3_stmt *stmt = NULL;
  char *version = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT version FROM sheet WHERE provider = ?1 AND is_current = 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, "Cannot read the price sheets");
      _sky_catalog_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _sky_catalog_db_error (db, error, "Cannot read the price sheets");
  sqlite3_finalize (stmt);
  _sky_catalog_unlock (self);
  return version;
}

/* The id of @provider's sheet @version, 0 when there is none, -1 on error. Locked. */
static gint64
sheet_id (sqlite3     *db,
          const char  *provider,
          const char  *version,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = -1;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM sheet WHERE provider = ?1 AND version = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, "Cannot read the price sheets");
      return -1;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    id = 0;
  else
    _sky_catalog_db_error (db, error, "Cannot read the price sheets");
  sqlite3_finalize (stmt);
  return id;
}

gboolean
sky_catalog_has_sheet (SkyCatalog  *self,
                       const char  *provider,
                       const char  *version,
                       GError     **error)
{
  sqlite3 *db = _sky_catalog_lock (self);
  gint64 id = sheet_id (db, provider, version, error);

  _sky_catalog_unlock (self);
  return id > 0;
}

/* The offer @sku of @provider's sheet @version (NULL: the current one); 0 when there is none,
 * -1 on error. */
gint64
sky_catalog_find_offer (SkyCatalog  *self,
                        const char  *provider,
                        const char  *version,
                        const char  *sku,
                        GError     **error)
{
  sqlite3 *db = _sky_catalog_lock (self);
  sqlite3_stmt *stmt = NULL;
  gint64 id = -1;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT o.id FROM offer o JOIN sheet s ON s.id = o.sheet_id "
                          "WHERE s.provider = ?1 AND o.sku = ?3 "
                          "  AND (?2 IS NULL AND s.is_current = 1 OR s.version = ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, "Cannot find the offer");
      _sky_catalog_unlock (self);
      return -1;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sku, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    id = 0;
  else
    _sky_catalog_db_error (db, error, "Cannot find the offer");
  sqlite3_finalize (stmt);
  _sky_catalog_unlock (self);
  return id;
}

/* The offer of @provider's sheet @version (NULL: the current one) whose price in the
 * requirement's unit and purchase option is lowest among those that meet it; ties go to the
 * offer listed first. 0 when none does, -1 on error. The search walks the price key in price
 * order and stops at the first offer that qualifies. */
gint64
sky_catalog_cheapest_offer (SkyCatalog            *self,
                            const char            *provider,
                            const char            *version,
                            const SkyRequirement  *req,
                            GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *current = NULL;
  const char * const *geographies = sky_geographies ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 sheet;
  gint64 id = -1;
  guint n_types = req->storage_types != NULL ? g_strv_length ((GStrv) req->storage_types) : 0;
  int rc;

  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, -1);

  if (version == NULL)
    {
      g_autoptr(GError) local = NULL;
      current = sky_catalog_current_version (self, provider, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
      if (current == NULL)
        return 0;
      version = current;
    }

  db = _sky_catalog_lock (self);
  sheet = sheet_id (db, provider, version, error);
  if (sheet <= 0)
    {
      _sky_catalog_unlock (self);
      return sheet;
    }

  g_string_append (sql, "SELECT p.offer_id FROM price p "
                        "JOIN offer_price op ON op.offer_id = p.offer_id AND op.seq = p.seq "
                        "JOIN offer o ON o.id = p.offer_id "
                        "WHERE p.term = :term AND p.category = :category AND p.sheet_id = :sheet "
                        "  AND op.unit = :unit");
  if (req->geography != NULL)
    g_string_append (sql, " AND p.geography = :geography");
  else
    {
      /* Every geography, listed, so that the price key still leads the search. */
      g_string_append (sql, " AND p.geography IN (");
      for (guint i = 0; geographies[i] != NULL; i++)
        g_string_append_printf (sql, "%s:g%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
  if (req->region != NULL)
    g_string_append (sql, " AND p.region = :region");
  if (req->os != NULL)
    g_string_append (sql, " AND p.os = :os");
  if (req->min_vcpu_milli > 0)
    g_string_append (sql, " AND p.vcpu >= :vcpu");
  if (req->min_memory_mgib > 0)
    g_string_append (sql, " AND p.memory >= :memory");
  if (n_types > 0)
    {
      g_string_append (sql, " AND o.storage_type IN (");
      for (guint i = 0; i < n_types; i++)
        g_string_append_printf (sql, "%s:s%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY p.amount, p.offer_id, p.seq LIMIT 1");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, "Cannot search the catalog");
      _sky_catalog_unlock (self);
      return -1;
    }

#define BIND(name, value) \
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, SQLITE_STATIC)
  BIND (":term", req->term);
  BIND (":category", req->category);
  BIND (":unit", req->unit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":sheet"), sheet);
  if (req->geography != NULL)
    BIND (":geography", req->geography);
  else
    for (guint i = 0; geographies[i] != NULL; i++)
      {
        g_autofree char *name = g_strdup_printf (":g%u", i);
        BIND (name, geographies[i]);
      }
  if (req->region != NULL)
    BIND (":region", req->region);
  if (req->os != NULL)
    BIND (":os", req->os);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *name = g_strdup_printf (":s%u", i);
      BIND (name, req->storage_types[i]);
    }
#undef BIND
  if (req->min_vcpu_milli > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":vcpu"), req->min_vcpu_milli);
  if (req->min_memory_mgib > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":memory"),
                        req->min_memory_mgib);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    id = 0;
  else
    _sky_catalog_db_error (db, error, "Cannot search the catalog");
  sqlite3_finalize (stmt);
  _sky_catalog_unlock (self);
  return id;
}
