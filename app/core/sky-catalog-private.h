/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sky-catalog.h"
#include "sky-vocabulary.h"

G_BEGIN_DECLS

struct _SkyCatalog
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  GMutex    lock;
  /* Whether this connection has written to the catalog: only then is there anything for it to
   * optimize or to move from the log into the catalog when it closes. */
  gboolean  wrote;
  gboolean  read_only;
  gboolean  unchanging;   /* read as a file nobody changes (SQLite's immutable) */
  /* The units each sheet's prices are in, as a mask of their codes, keyed by the sheet's id,
   * checksum and import time: worked out once, under the lock (sky-catalog-match.c). */
  GHashTable *sheet_units;
  /* The requirement searches' statements, by their SQL (sky-catalog-match.c). */
  GHashTable *match_statements;
  /* sky_catalog_get_offer()'s statement (sky-catalog-search.c). */
  sqlite3_stmt *offer_statement;
  /* The thread holding the lock for a read transaction (sky_catalog_begin_read()), how deep,
   * and whether it began one. */
  gpointer  reader;
  guint     read_depth;
  gboolean  read_began;
};

/* The vocabulary's code of the unit "hour" (checked in class_init), for SQL text. */
#define HOUR_CODE 0

/* The price table's key (see the catalog's schema 5): a price's purchase option, geography and
 * category in one number, its offer and its place among the offer's prices in another; the
 * vocabulary's codes (sky-vocabulary.h). The parts of both in SQL, for the price table as p. */
#define PRICE_BUCKET(term, geography, category) \
  ((gint64) (term) << 10 | (gint64) (geography) << 5 | (gint64) (category))
#define PRICE_BUCKET_TERM(bucket) ((bucket) >> 10)
#define PRICE_BUCKET_GEOGRAPHY(bucket) (((bucket) >> 5) & 31)
#define PRICE_BUCKET_CATEGORY(bucket) ((bucket) & 31)
#define PRICE_OFFER_SEQ(offer_id, seq) ((gint64) (offer_id) << 10 | (gint64) (seq))
#define PRICE_TERM_SQL "(p.bucket >> 10)"
/* A price's variant (see the catalog's schema 10): its offer's tenancy, licence and capacity
 * codes in four bits each, and its pre-installed software's word id above them (0 for none).
 * 0 is the row a requirement matches by default: shared, licence included, no software, used
 * capacity. */
#define PRICE_VARIANT(tenancy, licence, capacity, software) \
  ((gint64) (software) << 12 | (gint64) (capacity) << 8 | (gint64) (licence) << 4 | \
   (gint64) (tenancy))
#define PRICE_VARIANT_SOFTWARE_SHIFT 12
#define PRICE_OFFER_ID_SQL "(p.offer_seq >> 10)"
#define PRICE_SEQ_SQL "(p.offer_seq & 1023)"

/* Which sheet is current is decided per provider and service: of the sheets that list a
 * service (by its id, which the vocabulary gives the bundled providers), the one with the
 * latest effective date that is not after today (the SQL function sky_today()), the last
 * imported on a tie. A sheet may so be current for some of its services and superseded for
 * others.
 *
 * SKY_CURRENT_SERVICES_SQL is a subquery of the ids (in the service table, which the price
 * table's service_id names) of the current services, one row per provider and service id
 * (cv: provider, code); NULL for a service whose sheets all start later. A WHERE on cv.provider
 * may follow it. */
#define SKY_CURRENT_SERVICES_SQL \
  "SELECT (SELECT cs.id FROM service cs JOIN sheet ch ON ch.id = cs.sheet_id " \
  "  WHERE cs.code = cv.code AND ch.provider = cv.provider " \
  "    AND ch.effective_date <= sky_today () " \
  "  ORDER BY ch.effective_date DESC, ch.id DESC LIMIT 1) " \
  "FROM (SELECT DISTINCT kh.provider, ks.code FROM service ks " \
  "      JOIN sheet kh ON kh.id = ks.sheet_id) cv"

/* The ids of the sheets current for at least one of their services, as a subquery. */
#define SKY_CURRENT_SHEETS_SQL \
  "SELECT cw.sheet_id FROM service cw WHERE cw.id IN (" SKY_CURRENT_SERVICES_SQL ")"

/* The service ids sheet @sheet is current for, those it is not, and the version current for
 * each of these (sky-catalog-sheets.c). */
gboolean  _sky_catalog_sheet_services (sqlite3  *db,
                                       gint64    sheet,
                                       GStrv    *current_services,
                                       GStrv    *superseded_services,
                                       GStrv    *superseded_by);

/* A statement finalized when it goes out of scope: g_autoptr(sqlite3_stmt). Declare it after
 * anything it binds as static text, and after the lock it runs under, so that it goes first. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The catalog's connection, held for one caller until _sky_catalog_unlock(). */
sqlite3  *_sky_catalog_lock    (SkyCatalog  *self);
void      _sky_catalog_unlock  (SkyCatalog  *self);

/* The catalog's lock held for a scope, for the core's files that query the catalog:
 *
 *   g_autoptr(SkyCatalogLocker) locker = _sky_catalog_locker_new (self, &db);
 *
 * takes it and sets @db to the connection; leaving the scope releases it. */
typedef struct _SkyCatalogLocker SkyCatalogLocker;

SkyCatalogLocker *_sky_catalog_locker_new  (SkyCatalog        *self,
                                            sqlite3          **db);
void              _sky_catalog_locker_free (SkyCatalogLocker  *locker);
/* The same, for a caller that uses self->db. */
SkyCatalogLocker *_sky_catalog_hold        (SkyCatalog        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyCatalogLocker, _sky_catalog_locker_free)

/* Sets @error to SQLite's last error on @db, said of @what; returns FALSE. */
gboolean  _sky_catalog_db_error (sqlite3    *db,
                                 GError    **error,
                                 const char *what);
/* Runs @sql, which returns no rows. */
gboolean  _sky_catalog_exec      (sqlite3     *db,
                                  const char  *sql,
                                  GError     **error);
/* The one integer @sql returns. */
gboolean  _sky_catalog_query_int (sqlite3     *db,
                                  const char  *sql,
                                  gint64      *out,
                                  GError     **error);
void      _sky_catalog_watch_cancellable (sqlite3      *db,
                                          GCancellable *cancellable);
char     *_sky_catalog_column_dup        (sqlite3_stmt *stmt,
                                          int           column);
/* Binds @text, or NULL, as a static string. */
void      _sky_catalog_bind_text         (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);
/* The "bundled-sheets" setting (sky-catalog.c); the caller holds the lock, and writes in the
 * transaction under way. */
gboolean  _sky_catalog_read_bundled_state  (SkyCatalog        *self,
                                            SkyBundledSheets  *state,
                                            GError           **error);
gboolean  _sky_catalog_write_bundled_state (SkyCatalog        *self,
                                            SkyBundledSheets   state,
                                            GError           **error);
gboolean  _sky_catalog_check_writable    (SkyCatalog  *self,
                                          GError     **error);

/* The schema (sky-catalog-schema.c). _sky_catalog_check_readable() reads the catalog's
 * version and refuses a file this version cannot bring to its schema, writing nothing;
 * _sky_catalog_migrate() brings it there, all or nothing, and says whether it converted one
 * of an earlier schema. */
gboolean  _sky_catalog_check_readable (SkyCatalog    *self,
                                       gint64        *version,
                                       GError       **error);
gboolean  _sky_catalog_migrate        (SkyCatalog    *self,
                                       GCancellable  *cancellable,
                                       gboolean      *converted,
                                       GError       **error);

/* An import or a seeding in a worker thread (sky-catalog-import.c): the sheet or the folder,
 * and the progress callback. */
typedef struct
{
  char            *path;
  SkyProgressFunc  progress;
  gpointer         progress_data;
} SkyImportTask;

/* Imports the sheet open as @fd in one transaction, or in a savepoint of the transaction under
 * way when @nested; the caller holds the catalog's lock. */
SkyImportResult *_sky_catalog_import_locked   (SkyCatalog          *self,
                                               const char          *path,
                                               int                  fd,
                                               SkyImportFlags       flags,
                                               gboolean             nested,
                                               GCancellable        *cancellable,
                                               SkyProgressFunc      progress,
                                               gpointer             progress_data,
                                               GError             **error);
/* Runs @thread on a task for @self, tagged @source_tag, with a SkyImportTask of @path and the
 * progress callback as its data. */
void             _sky_catalog_run_import_task (SkyCatalog          *self,
                                               const char          *path,
                                               SkyProgressFunc      progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data,
                                               gpointer             source_tag,
                                               GTaskThreadFunc      thread);

/* The price table's buckets of a purchase option, geographies and a category, as SQL
 * (sky-catalog-search.c); binding a vocabulary entry's code to a statement's parameter
 * (sky-catalog-codec.c). */
void      _sky_catalog_append_buckets (GString    *sql,
                                       const char *term,
                                       const int  *geographies,
                                       int         n_geographies,
                                       const char *category);
/* The rows of offers a search or a match keeps by their tenancy, licence, software and
 * capacity, as SQL for the price table as p (sky-catalog-search.c): NULL for the default
 * row's, SKY_SEARCH_ANY for any; software as an identifier is bound as :software. And the
 * check of such a value, called @what. */
void      _sky_catalog_append_variant (GString    *sql,
                                       const char *tenancy,
                                       const char *licence,
                                       const char *software,
                                       const char *capacity);
gboolean  _sky_catalog_check_attribute (SkyVocabulary   vocabulary,
                                        const char     *what,
                                        const char     *value,
                                        GError        **error);
void      _sky_catalog_bind_code    (sqlite3_stmt       *stmt,
                                     const char         *parameter,
                                     SkyVocabulary       vocabulary,
                                     const char         *name);

/* The indexes searches read beside the price table (sky-catalog-index.c): the offers of a sheet
 * added to them after its import (from its first offer's id on; 0 for all), taken out before
 * its removal, and the text index built by a migration; whether a search may read it. */
gboolean  _sky_catalog_index_sheet       (sqlite3   *db,
                                          gint64     first_offer_id,
                                          GError   **error);
gboolean  _sky_catalog_unindex_sheet     (sqlite3   *db,
                                          gint64     sheet_id,
                                          GError   **error);
gboolean  _sky_catalog_build_text_index  (sqlite3   *db,
                                          GError   **error);
gboolean  _sky_catalog_rebuild_text_index_unsized (sqlite3  *db,
                                                  GError  **error);
gboolean  _sky_catalog_text_index_usable (sqlite3   *db);
/* The record of each offer's kind (its service, OS and region, see the catalog's schemas 26
 * and 27): the kinds of the offers from @first_offer_id on (0 for all) written, each offer's
 * two bytes in the row of its id / OFFER_KIND_CHUNK: 16,000 bytes, a row to a page of the
 * catalog's 16 KiB (one of 8 KiB took a page of its own). */
#define OFFER_KIND_CHUNK 8000
/* A unit's bit in the units of a row of the table of names (the catalog's schema 27): a unit
 * whose code is 63 or more sets every bit, as does a row whose units are not known (-1). */
#define SKY_UNIT_BIT(code) \
  ((code) >= 0 && (code) < 63 ? G_GUINT64_CONSTANT (1) << (code) : G_MAXUINT64)
gboolean  _sky_catalog_write_offer_kinds (sqlite3   *db,
                                          gint64     first_offer_id,
                                          GError   **error);
/* The values the prices hold in the columns a search names value by value
 * (sky-catalog-values.c): written anew in each transaction that changes the prices, and read
 * by a search, in order, above @above, NULL when more than @most. */
gboolean  _sky_catalog_write_values      (sqlite3    *db,
                                          const char *what,
                                          GError    **error);
gboolean  _sky_catalog_write_kept_values (sqlite3    *db,
                                          const char *what,
                                          GError    **error);
gboolean  _sky_catalog_write_meets       (sqlite3    *db,
                                          const char *what,
                                          GError    **error);
gboolean  _sky_catalog_write_name_units  (sqlite3    *db,
                                          const char *what,
                                          GError    **error);
GArray   *_sky_catalog_read_values       (sqlite3    *db,
                                          const char *column,
                                          const char *index,
                                          gint64      above,
                                          guint       most);
void      _sky_catalog_add_search_functions (sqlite3 *db);
/* For tests: searches that scan whatever the catalog holds, and how many offers the text index
 * finds are few (see sky-catalog-search.c; -1 for the default). */
void      _sky_catalog_set_text_index_disabled (gboolean disabled);
void      _sky_catalog_set_few_offers          (gint64   few);
/* For tests: how many prices a search checks in its order against a text the index finds in
 * many offers (see sky-catalog-search.c; 0 for none, -1 for the default). */
void      _sky_catalog_set_text_probe_rows     (gint64   rows);
void      _sky_catalog_set_text_read_all       (gint64   most);
void      _sky_catalog_set_text_walk_budget    (gint64   prices,
                                                gint64   first,
                                                gint64   chunk);
void      _sky_catalog_set_text_named_walk     (gint64   prices,
                                                gint64   first);
void      _sky_catalog_set_text_walk_pass      (gint64   pass);
void      _sky_catalog_set_text_trigram_walk   (gint64   prices,
                                                gint64   first,
                                                gint64   spread);
void      _sky_catalog_set_text_values_walk    (gint64   prices_per_offer);
void      _sky_catalog_set_text_name_trigram   (gint64   offers_an_offer);
gint64    _sky_catalog_text_checked            (void);
void      _sky_catalog_set_text_walk           (gint64   rows_per_offer,
                                                gint64   margin);
/* For tests: searches read as one sort of every price they keep, not in parts by the sort's
 * values, and name every bucket and size (sky-catalog-search.c). */
void      _sky_catalog_set_search_parts_disabled (gboolean disabled);
/* For tests: how many prices per offer of the first name a search by name of a category or
 * unit alone reads through the runs of its services (sky-catalog-search.c; 0 for none, -1 for
 * the default). */
void      _sky_catalog_set_name_runs             (gint64   prices_per_offer);

G_END_DECLS
