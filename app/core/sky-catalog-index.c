/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <string.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"

/* The text index: the names and SKUs of the catalog's offers in SQLite's FTS5 table
 * offer_text, with the trigram tokenizer, so that a search for text of three characters or more
 * reads the offers that hold each three of them rather than every offer (see
 * sky-catalog-search.c). It reads its text from offer_row (an external-content table) and keeps
 * only which offers hold each trigram (detail=none): a search checks each offer it finds
 * against the text as a scan would, so the index only has to find at least those.
 *
 * The index is written here only: for the offers of each sheet imported, from its first offer
 * on, and for every offer when a migration builds it; a sheet's offers leave it with the sheet.
 * A catalog opened by an SQLite without FTS5 (or whose FTS5 has no trigram tokenizer) has no
 * such table, or cannot write it: then the setting "text-index" says "stale", searches scan, and
 * the next import by an SQLite that can write the index builds it anew. */

#define TEXT_INDEX_SETTING "text-index"
/* The trigrams of the offers being added wait in 16 MiB of memory rather than FTS5's default
 * 1 MiB before they go to the index as a segment: fewer segments to write and merge (with
 * 4 MiB, indexing a million offers took 1.9-2.0 s; with 16 MiB 1.5-1.7 s, and the index is
 * 3 MB smaller). */
#define TEXT_INDEX_HASH_BYTES 16777216

static gboolean text_index_disabled;

/* For tests: searches scan, whatever the catalog holds. */
void
_sky_catalog_set_text_index_disabled (gboolean disabled)
{
  text_index_disabled = disabled;
}

/* Whether the catalog has the table, whether this SQLite can read and write it, and whether it
 * holds every offer. */
typedef enum
{
  TEXT_INDEX_NONE,
  TEXT_INDEX_UNREADABLE,
  TEXT_INDEX_STALE,
  TEXT_INDEX_CURRENT,
} TextIndexState;

static TextIndexState
text_index_state (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 exists = 0, stale = 0;

  if (!_sky_catalog_query_int (db, "SELECT count(*) FROM sqlite_schema "
                                   "WHERE type = 'table' AND name = 'offer_text'", &exists, NULL))
    return TEXT_INDEX_UNREADABLE;
  if (exists == 0)
    return TEXT_INDEX_NONE;
  /* Without the module or its tokenizer, the table cannot even be named. */
  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM offer_text WHERE offer_text MATCH 'abc'", -1,
                          &stmt, NULL) != SQLITE_OK)
    return TEXT_INDEX_UNREADABLE;
  if (!_sky_catalog_query_int (db, "SELECT count(*) FROM setting "
                                   "WHERE key = '" TEXT_INDEX_SETTING "'", &stale, NULL))
    return TEXT_INDEX_UNREADABLE;
  return stale > 0 ? TEXT_INDEX_STALE : TEXT_INDEX_CURRENT;
}

/* Whether this SQLite has json_each (), through which a search reads the ids of the offers the
 * index found (sky-catalog-search.c); SQLite has it unless built without JSON. */
static gboolean
has_json_each (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, "SELECT value FROM json_each ('[]')", -1, &stmt,
                             NULL) == SQLITE_OK;
}

/* Whether a search may find offers by their text through the index. */
gboolean
_sky_catalog_text_index_usable (sqlite3 *db)
{
  return !text_index_disabled && text_index_state (db) == TEXT_INDEX_CURRENT &&
         has_json_each (db);
}

static gboolean
mark_stale (sqlite3  *db,
            GError  **error)
{
  return _sky_catalog_exec (db, "INSERT OR REPLACE INTO setting (key, value) "
                                "VALUES ('" TEXT_INDEX_SETTING "', 'stale')", error);
}

/* Sets the size of the memory the trigrams wait in. It is kept in the table: set before each
 * fill, a catalog made with another size has this one from its next import on. */
static gboolean
set_hash_size (sqlite3  *db,
               GError  **error)
{
  return _sky_catalog_exec (db, "INSERT INTO offer_text (offer_text, rank) "
                                "VALUES ('hashsize', " G_STRINGIFY (TEXT_INDEX_HASH_BYTES) ")",
                            error);
}

/* Runs @sql, which binds @id as ?1 and returns no rows; @message says what failed. */
static gboolean
run_with_id (sqlite3     *db,
             const char  *sql,
             gint64       id,
             const char  *message,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, message);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, message);
  return TRUE;
}

/* Adds the offers from @first_offer_id on (those of the sheet just imported, or all of them
 * from 0) to the text index. */
static gboolean
index_text (sqlite3  *db,
            gint64    first_offer_id,
            GError  **error)
{
  switch (text_index_state (db))
    {
    case TEXT_INDEX_NONE:
      return TRUE;
    case TEXT_INDEX_UNREADABLE:
      return mark_stale (db, error);
    case TEXT_INDEX_STALE:
      /* Every offer again, from the offer table. */
      return set_hash_size (db, error) &&
             _sky_catalog_exec (db, "INSERT INTO offer_text (offer_text) VALUES ('rebuild'); "
                                      "DELETE FROM setting WHERE key = '" TEXT_INDEX_SETTING "'",
                                error);
    case TEXT_INDEX_CURRENT:
    default:
      break;
    }
  return set_hash_size (db, error) &&
         run_with_id (db, "INSERT INTO offer_text (rowid, name, sku) "
                          "SELECT id, name, sku FROM offer_row WHERE id >= ?1",
                      first_offer_id, _("Cannot index the sheet's offers"), error);
}

/* A kind as one key: its service, OS and region. */
static guint
kind_hash (gconstpointer key)
{
  const gint64 *k = key;
  guint64 h = (guint64) k[0] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  h = (h ^ (guint64) k[1]) * G_GUINT64_CONSTANT (0x100000001b3);
  h = (h ^ (guint64) k[2]) * G_GUINT64_CONSTANT (0x100000001b3);
  return (guint) (h ^ (h >> 32));
}

static gboolean
kind_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, 3 * sizeof (gint64)) == 0;
}

/* Writes the record of the kind of each offer from @first_offer_id on (see the catalog's schemas
 * 26 and 27), read back from their rows in the order of their ids: a new kind for each service,
 * OS and region not yet recorded together, and each row of OFFER_KIND_CHUNK offers' kinds written whole,
 * with those of the offers before @first_offer_id that it holds as they were. An offer of a
 * kind whose id does not fit in two bytes is recorded as 0, which a search takes as unknown. */
gboolean
_sky_catalog_write_offer_kinds (sqlite3  *db,
                                gint64    first_offer_id,
                                GError  **error)
{
  const char *message = _("Cannot record the kinds of the sheet's offers");
  const gint64 per_chunk = OFFER_KIND_CHUNK;
  g_autoptr(sqlite3_stmt) offers = NULL;
  g_autoptr(sqlite3_stmt) known = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(sqlite3_stmt) old_row = NULL;
  g_autoptr(sqlite3_stmt) put = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (kind_hash, kind_equal, g_free, NULL);
  g_autofree guint8 *codes = g_new0 (guint8, 2 * per_chunk);
  gint64 chunk = -1, last[3] = { G_MININT64, G_MININT64, G_MININT64 }, code = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, service_id, ifnull (os, -1), region FROM offer_row "
                              "WHERE id >= ?1 ORDER BY id", -1, &offers, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, service_id, os, region FROM kind", -1, &known,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO kind (service_id, os, region) VALUES (?1, ?2, ?3)",
                          -1, &add, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT kinds FROM offer_kind WHERE chunk = ?1", -1, &old_row,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO offer_kind (chunk, kinds) VALUES (?1, ?2)",
                          -1, &put, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, message);
  while ((rc = sqlite3_step (known)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 3);

      for (int c = 0; c < 3; c++)
        key[c] = sqlite3_column_int64 (known, 1 + c);
      g_hash_table_insert (kinds, key,
                           GUINT_TO_POINTER (MIN (sqlite3_column_int64 (known, 0),
                                                  G_MAXUINT16 + 1)));
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, message);
  sqlite3_bind_int64 (offers, 1, first_offer_id);
  for (;;)
    {
      gint64 id = 0, key[3] = { 0, 0, 0 }, place;

      rc = sqlite3_step (offers);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _sky_catalog_db_error (db, error, message);
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (offers, 0);
          for (int c = 0; c < 3; c++)
            key[c] = sqlite3_column_int64 (offers, 1 + c);
        }
      /* The row before written whole; the next one's offers before these kept. */
      if (chunk >= 0 && (rc == SQLITE_DONE || id / per_chunk != chunk))
        {
          sqlite3_bind_int64 (put, 1, chunk);
          sqlite3_bind_blob (put, 2, codes, 2 * per_chunk, SQLITE_STATIC);
          if (sqlite3_step (put) != SQLITE_DONE)
            return _sky_catalog_db_error (db, error, message);
          sqlite3_reset (put);
        }
      if (rc == SQLITE_DONE)
        break;
      if (id / per_chunk != chunk)
        {
          chunk = id / per_chunk;
          memset (codes, 0, 2 * per_chunk);
          sqlite3_bind_int64 (old_row, 1, chunk);
          rc = sqlite3_step (old_row);
          if (rc == SQLITE_ROW && sqlite3_column_bytes (old_row, 0) == 2 * per_chunk)
            memcpy (codes, sqlite3_column_blob (old_row, 0), 2 * per_chunk);
          else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return _sky_catalog_db_error (db, error, message);
          sqlite3_reset (old_row);
        }
      if (memcmp (key, last, sizeof key) != 0)
        {
          gpointer found = NULL;

          if (!g_hash_table_lookup_extended (kinds, key, NULL, &found))
            {
              for (int c = 0; c < 3; c++)
                sqlite3_bind_int64 (add, 1 + c, key[c]);
              if (sqlite3_step (add) != SQLITE_DONE)
                return _sky_catalog_db_error (db, error, message);
              sqlite3_reset (add);
              found = GUINT_TO_POINTER (MIN (sqlite3_last_insert_rowid (db), G_MAXUINT16 + 1));
              g_hash_table_insert (kinds, g_memdup2 (key, sizeof key), found);
            }
          code = GPOINTER_TO_UINT (found);
          if (code > G_MAXUINT16)
            code = 0;
          memcpy (last, key, sizeof key);
        }
      place = id % per_chunk;
      codes[2 * place] = (guint8) (code & 0xff);
      codes[2 * place + 1] = (guint8) (code >> 8);
    }
  return TRUE;
}

/* Adds the offers from @first_offer_id on (those of the sheet just imported) to the text index;
 * called in the import's transaction, after its offers are written, before the record of their
 * kinds (_sky_catalog_write_offer_kinds()). The import writes the sheet's rows of the table of
 * names itself, from what it counted of its offers as it wrote them
 * (sky-catalog-import-tally.c); the B-tree indexes on the price and offer tables SQLite keeps
 * itself. */
gboolean
_sky_catalog_index_sheet (sqlite3  *db,
                          gint64    first_offer_id,
                          GError  **error)
{
  return index_text (db, first_offer_id, error);
}

/* Takes the offers of sheet @sheet_id out of the text index, and its services' rows out of the
 * table of names, the record of which values the offers hold together (price_meet) and the
 * kinds of offers (the record of each offer's kind keeps the removed offers' ids, which no
 * offer found then has, until an import takes them again), whose rows are each of one service;
 * called before they are deleted, as the index reads what to take out from their rows. */
gboolean
_sky_catalog_unindex_sheet (sqlite3  *db,
                            gint64    sheet_id,
                            GError  **error)
{
  const char *message = _("Cannot remove the sheet's offers from the index");

  /* The names and values of the sheet's services go with them (a service is one sheet's). */
  if (!run_with_id (db, "DELETE FROM kind WHERE service_id IN "
                        "(SELECT id FROM service WHERE sheet_id = ?1)",
                    sheet_id, message, error) ||
      !run_with_id (db, "DELETE FROM offer_name WHERE service_id IN "
                        "(SELECT id FROM service WHERE sheet_id = ?1)",
                    sheet_id, message, error) ||
      !run_with_id (db, "DELETE FROM price_meet WHERE service_id IN "
                        "(SELECT id FROM service WHERE sheet_id = ?1)",
                    sheet_id, message, error))
    return FALSE;

  switch (text_index_state (db))
    {
    case TEXT_INDEX_NONE:
    case TEXT_INDEX_STALE:
      return TRUE;
    case TEXT_INDEX_UNREADABLE:
      return mark_stale (db, error);
    case TEXT_INDEX_CURRENT:
    default:
      break;
    }
  return run_with_id (db, "INSERT INTO offer_text (offer_text, rowid, name, sku) "
                          "SELECT 'delete', id, name, sku FROM offer_row WHERE sheet_id = ?1",
                      sheet_id, message, error);
}

/* The migration's step that builds the text index of a catalog's offers, when this SQLite has
 * FTS5 with the trigram tokenizer; without them the catalog has none, and searches scan. */
gboolean
_sky_catalog_build_text_index (sqlite3  *db,
                               GError  **error)
{
  /* columnsize=0: no table of each offer's count of trigrams, which only ranking reads. */
  if (sqlite3_exec (db, "CREATE VIRTUAL TABLE offer_text USING fts5 ("
                        "  name, sku, content = 'offer_row', content_rowid = 'id',"
                        "  tokenize = 'trigram', detail = 'none', columnsize = 0)",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("No text index: %s", sqlite3_errmsg (db));
      return TRUE;
    }
  return index_text (db, 0, error);
}

/* The migration's step that builds the text index again without its table of sizes (schema 12
 * wrote one), when this SQLite can drop and build it; otherwise the index stays as it is. */
gboolean
_sky_catalog_rebuild_text_index_unsized (sqlite3  *db,
                                         GError  **error)
{
  gint64 sized = 0;

  if (!_sky_catalog_query_int (db, "SELECT count(*) FROM sqlite_schema "
                                   "WHERE type = 'table' AND name = 'offer_text_docsize'",
                               &sized, error))
    return FALSE;
  if (sized == 0 || text_index_state (db) == TEXT_INDEX_UNREADABLE)
    return TRUE;
  return _sky_catalog_exec (db, "DROP TABLE offer_text", error) &&
         _sky_catalog_build_text_index (db, error);
}
