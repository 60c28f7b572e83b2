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

/* The constraints of a requirement, each of which a search can leave out to find the offer
 * nearest to meeting it. */
typedef enum
{
  KEEP_ALL = 0,
  OMIT_REGION = 1 << 0,
  OMIT_GEOGRAPHY = 1 << 1,
  OMIT_OS = 1 << 2,
  OMIT_VCPU = 1 << 3,
  OMIT_MEMORY = 1 << 4,
  OMIT_GPU = 1 << 5,
  OMIT_STORAGE = 1 << 6,
  OMIT_SLA = 1 << 7,
  OMIT_FEATURES = 1 << 8,
} Omit;

/* Appends to @ids the offers of sheet @sheet that meet @req but what @omit leaves out, cheapest
 * first in the requirement's unit and purchase option, at most @limit. Locked. The search walks
 * the price key in price order and stops at the limit. */
static gboolean
find_ids (sqlite3               *db,
          gint64                 sheet,
          const SkyRequirement  *req,
          Omit                   omit,
          guint                  limit,
          GArray                *ids,
          GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char * const *geographies = sky_geographies ();
  guint n_types = req->storage_types != NULL && !(omit & OMIT_STORAGE)
                  ? g_strv_length ((GStrv) req->storage_types) : 0;
  guint n_features = req->features != NULL && !(omit & OMIT_FEATURES)
                     ? g_strv_length ((GStrv) req->features) : 0;
  gboolean geography = req->geography != NULL && !(omit & OMIT_GEOGRAPHY);
  gboolean region = req->region != NULL && !(omit & OMIT_REGION);
  gboolean os = req->os != NULL && !(omit & OMIT_OS);
  gboolean vcpu = req->min_vcpu_milli > 0 && !(omit & OMIT_VCPU);
  gboolean memory = req->min_memory_mgib > 0 && !(omit & OMIT_MEMORY);
  gboolean gpu = req->min_gpu > 0 && !(omit & OMIT_GPU);
  gboolean sla = req->min_sla != NULL && !(omit & OMIT_SLA);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql, "SELECT p.offer_id FROM price p "
                        "JOIN offer_price op ON op.offer_id = p.offer_id AND op.seq = p.seq "
                        "JOIN offer o ON o.id = p.offer_id "
                        "JOIN service sv ON sv.id = o.service_id "
                        "WHERE p.term = :term AND p.category = :category AND p.sheet_id = :sheet "
                        "  AND op.unit = :unit");
  if (geography)
    g_string_append (sql, " AND p.geography = :geography");
  else
    {
      /* Every geography, listed, so that the price key still leads the search. */
      g_string_append (sql, " AND p.geography IN (");
      for (guint i = 0; geographies[i] != NULL; i++)
        g_string_append_printf (sql, "%s:g%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
  if (region)
    g_string_append (sql, " AND p.region = :region");
  if (os)
    g_string_append (sql, " AND p.os = :os");
  if (vcpu)
    g_string_append (sql, " AND p.vcpu >= :vcpu");
  if (memory)
    g_string_append (sql, " AND p.memory >= :memory");
  if (gpu)
    g_string_append (sql, " AND o.gpu >= :gpu");
  /* An SLA is a percentage compared as a number: a spec, not money. */
  if (sla)
    g_string_append (sql, " AND CAST (COALESCE (o.sla, sv.sla) AS REAL) >= CAST (:sla AS REAL)");
  if (n_types > 0)
    {
      g_string_append (sql, " AND o.storage_type IN (");
      for (guint i = 0; i < n_types; i++)
        g_string_append_printf (sql, "%s:s%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
  /* Features are "key=value" lines: a key is present when a line starts with it. */
  for (guint i = 0; i < n_features; i++)
    g_string_append_printf (sql, " AND instr (char (10) || COALESCE (o.features, '') || char (10),"
                                 " char (10) || :f%u || '=') > 0", i);
  g_string_append (sql, " ORDER BY p.amount, p.offer_id, p.seq LIMIT :limit");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, "Cannot search the catalog");

#define BIND(name, value) \
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, SQLITE_STATIC)
  BIND (":term", req->term);
  BIND (":category", req->category);
  BIND (":unit", req->unit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":sheet"), sheet);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  if (geography)
    BIND (":geography", req->geography);
  else
    for (guint i = 0; geographies[i] != NULL; i++)
      {
        g_autofree char *name = g_strdup_printf (":g%u", i);
        BIND (name, geographies[i]);
      }
  if (region)
    BIND (":region", req->region);
  if (os)
    BIND (":os", req->os);
  if (sla)
    BIND (":sla", req->min_sla);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *name = g_strdup_printf (":s%u", i);
      BIND (name, req->storage_types[i]);
    }
  for (guint i = 0; i < n_features; i++)
    {
      g_autofree char *name = g_strdup_printf (":f%u", i);
      BIND (name, req->features[i]);
    }
#undef BIND
  if (vcpu)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":vcpu"), req->min_vcpu_milli);
  if (memory)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":memory"),
                        req->min_memory_mgib);
  if (gpu)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":gpu"), req->min_gpu);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      /* An offer with several prices in the unit is listed once. */
      if (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != id)
        g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, "Cannot search the catalog");
  return TRUE;
}

/* The id of @provider's sheet @version, or of its current one when @version is NULL; 0 when
 * there is none, -1 on error. */
static gint64
resolve_sheet (SkyCatalog  *self,
               const char  *provider,
               const char  *version,
               GError     **error)
{
  g_autofree char *current = NULL;
  sqlite3 *db;
  gint64 sheet;

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
  _sky_catalog_unlock (self);
  return sheet;
}

/* The offer of @provider's sheet @version (NULL: the current one) whose price in the
 * requirement's unit and purchase option is lowest among those that meet it; ties go to the
 * offer listed first. 0 when none does, -1 on error. */
gint64
sky_catalog_cheapest_offer (SkyCatalog            *self,
                            const char            *provider,
                            const char            *version,
                            const SkyRequirement  *req,
                            GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 sheet;
  gboolean ok;

  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, -1);

  sheet = resolve_sheet (self, provider, version, error);
  if (sheet <= 0)
    return sheet;
  ok = find_ids (_sky_catalog_lock (self), sheet, req, KEEP_ALL, 1, ids, error);
  _sky_catalog_unlock (self);
  if (!ok)
    return -1;
  return ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}
