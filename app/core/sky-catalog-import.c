/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"
#include "sky-catalog-import-private.h"
#include "sky-run-merge-private.h"
#include "sky-sku-set-private.h"

/* Importing a price sheet: one thread reads and checks it (sky-catalog-import-reader.c), and
 * the calling one, here, writes what it has read to the catalog in one transaction, or compares
 * it with the same sheet loaded already. */

enum {
  STMT_FIND_SHEET,
  STMT_PROVIDER,
  STMT_SHEET,
  STMT_REGION,
  STMT_SERVICE,
  STMT_OFFER,
  STMT_OFFERS,
  STMT_PRICE,
  STMT_PRICES,
  STMT_FIND_SKU,
  STMT_FIND_WORD,
  STMT_WORD,
  STMT_USAGE_DISCOUNT,
  N_STMTS
};

static const char * const import_sql[N_STMTS] = {
  [STMT_FIND_SHEET] = "SELECT id, sha256 FROM sheet WHERE provider = ?1 AND version = ?2",
  [STMT_PROVIDER] = "INSERT INTO provider (id, name, short_name) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    "  short_name = excluded.short_name",
  [STMT_SHEET] = "INSERT INTO sheet (provider, version, effective_date, currency, source, "
                 "source_url, retrieved, sha256, file_name, imported_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, "
                 "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))",
  [STMT_REGION] = "INSERT INTO region (sheet_id, code, name, geography) VALUES (?1, ?2, ?3, ?4)",
  [STMT_USAGE_DISCOUNT] = "INSERT INTO usage_discount (sheet_id, code, bands) "
                          "VALUES (?1, ?2, ?3)",
  [STMT_SERVICE] = "INSERT INTO service (sheet_id, code, name, category, sla) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)",
  /* OR FAIL: a row that fails stops its statement and leaves the rows before it, which the
   * import's rollback takes away. SQLite then keeps no statement journal (a copy of every page a
   * statement of several rows changes, so that it can undo only that statement). */
  [STMT_OFFER] = "INSERT OR FAIL INTO offer_row (sheet_id, service_id, sku, name, family, region, "
                 "vcpu, memory, gpu, storage_type, os, sla, features, prices, architecture, "
                 "tenancy, licence, software, capacity) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                 "?17, ?18, ?19)",
  /* INSERT_ROWS rows at a time: make_insert_sql() writes these. */
  [STMT_OFFERS] = NULL,
  [STMT_PRICE] = "INSERT OR FAIL INTO price (bucket, amount, offer_seq, sheet_id, region, os, "
                 "vcpu, memory, unit, variant, arch, service_id) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [STMT_PRICES] = NULL,
  /* No index: it only runs for a SKU whose hash was seen before in the sheet. */
  [STMT_FIND_SKU] = "SELECT 1 FROM offer_row WHERE sheet_id = ?1 AND sku = ?2 LIMIT 1",
  [STMT_FIND_WORD] = "SELECT id FROM word WHERE text = ?1",
  [STMT_WORD] = "INSERT INTO word (text) VALUES (?1)",
};

/* The page cache of the import's connection, in KiB (negative, as SQLite takes it): the import
 * appends offers, and prices in the price table's order, so a larger cache hardly spares any
 * work, and its memory goes to the batch of prices in the making instead (see
 * sky-catalog-import-reader.c). The connection's own comes back after. */
#define IMPORT_CACHE_KIB -8192

/* Offers and prices go in INSERT_ROWS to a statement while there are as many: each statement run
 * has a cost of its own, apart from its rows'. */
#define INSERT_ROWS 64
G_STATIC_ASSERT (INSERT_ROWS <= SKY_SKU_SET_MAX_ADD);
/* Prices read from each spilled batch at a time: 2,048 of them take 112 KiB, twice. */
#define SPILL_WINDOW 2048
G_STATIC_ASSERT (SPILL_WINDOW > INSERT_ROWS);
#define OFFER_COLUMNS 19
#define PRICE_COLUMNS 12

/* The single-row INSERT statement @single, with INSERT_ROWS rows of parameters. */
static char *
make_insert_sql (const char *single,
                 int         columns)
{
  GString *sql = g_string_new_len (single, strstr (single, "VALUES") - single);

  g_string_append (sql, "VALUES ");
  for (int r = 0; r < INSERT_ROWS; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (int c = 0; c < columns; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

typedef struct
{
  sqlite3         *db;
  sqlite3_stmt    *stmts[N_STMTS];
  gint64          *bound[N_STMTS];   /* see bind_int() */
  const char      *file;
  gint64           sheet_id;
  gint64           service_id;
  gint64           first_offer_id;   /* the sheet's first offer's; the others follow it */
  char            *existing_sha256;  /* set when this provider and version are loaded already */
  /* A sheet loaded already is compared with this one, which changes nothing: it is the same
   * sheet when what would be stored is the same, however the file is written. */
  gboolean         differs;
  sqlite3_stmt    *stored_offers;    /* the loaded sheet's offers, in the order it listed them */
  guint            regions;
  guint            services;
  guint            usage_discounts;
  guint64          offers;
  GPtrArray       *runs;             /* sorted runs of prices of the batch in the making */
  SkyRunMerge      merge;            /* the prices being written, at the end */
  SkyRunSpill      spill;            /* the batches of a sheet of more than one, each a run */
  SkySkuSet        skus;
  SkyImportTally  *tally;            /* the offers' names and values, counted as written */
  GArray          *words;            /* gint64: the word ids of the sheet's words, in order */
  GArray          *service_ids;      /* gint64: the ids of the sheet's services, in order */
  SkyImportFlags   flags;
  GCancellable    *cancellable;
  SkyImportResult *result;
  double           phase_cpu;        /* this thread's CPU time and the clock at the last phase */
  double           phase_wall;
} Import;

/* Says in a debug message (G_MESSAGES_DEBUG=sky-catalog) how much of this thread's CPU time,
 * and of the clock's, the import's phase @name took since the one before: where the writing
 * thread's time goes, which bench-import prints. NULL starts the count. */
static void
import_phase (Import     *import,
              const char *name)
{
  struct timespec cpu;
  double cpu_s, wall_s;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu) != 0)
    return;
  cpu_s = cpu.tv_sec + cpu.tv_nsec / 1e9;
  wall_s = g_get_monotonic_time () / (double) G_USEC_PER_SEC;
  if (name != NULL)
    g_debug ("import phase %s: cpu %.3f s, wall %.3f s", name, cpu_s - import->phase_cpu,
             wall_s - import->phase_wall);
  import->phase_cpu = cpu_s;
  import->phase_wall = wall_s;
}

/* What bind_int() binds as NULL, and what it finds for a parameter it has not bound. */
#define BIND_NULL G_MININT64
#define UNBOUND (G_MININT64 + 1)

/* Binds @value (NULL for BIND_NULL) to parameter @index of statement @which. A statement keeps
 * its parameters' values when it is reset, and binding one costs as much as SQLite's work for
 * a small value: a parameter already holding @value is left alone. Parameters bound here are
 * bound nowhere else. */
static inline void
bind_int (Import *import,
          int     which,
          int     index,
          gint64  value)
{
  gint64 *last = &import->bound[which][index];

  if (*last == value)
    return;
  *last = value;
  if (value != BIND_NULL)
    sqlite3_bind_int64 (import->stmts[which], index, value);
  else
    sqlite3_bind_null (import->stmts[which], index);
}

static inline gint64
optional (gint64 value)
{
  return value >= 0 ? value : BIND_NULL;
}

static gboolean
run (Import       *import,
     sqlite3_stmt *stmt,
     GError      **error)
{
  int rc = sqlite3_step (stmt);

  /* The bindings stay: every parameter of a statement run here is bound again before each
   * step, or keeps the value bind_int() knows it has. */
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
}

/* Whether column @column of @stmt's row is @text (NULL for none). */
static gboolean
same_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text,
           gssize        len)
{
  const char *stored = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || stored == NULL)
    return text == NULL && stored == NULL;
  if (len < 0)
    len = strlen (text);
  return sqlite3_column_bytes (stmt, column) == len && memcmp (stored, text, len) == 0;
}

/* Whether column @column of @stmt's row is @value (BIND_NULL for none). */
static gboolean
same_int (sqlite3_stmt *stmt,
          int           column,
          gint64        value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return value == BIND_NULL;
  return value != BIND_NULL && sqlite3_column_int64 (stmt, column) == value;
}

/* Runs @sql with the loaded sheet's id and @key, and tells whether its one row holds @texts
 * (@n of them, NULL for none) from its column @first on; sets *@id_out to its column 0. */
static gboolean
stored_row_is (Import             *import,
               const char         *sql,
               const char         *key,
               const char * const *texts,
               int                 n,
               int                 first,
               gint64             *id_out,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean same = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (import->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error,
                                  _("Cannot compare the sheet with the catalog's"));
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  _sky_catalog_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      same = TRUE;
      for (int i = 0; i < n; i++)
        same = same && same_text (stmt, first + i, texts[i], -1);
      if (id_out != NULL)
        *id_out = sqlite3_column_int64 (stmt, 0);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sky_catalog_db_error (import->db, error,
                                  _("Cannot compare the sheet with the catalog's"));
  if (!same)
    import->differs = TRUE;
  return TRUE;
}

/* For a sheet loaded already: compares the header with the loaded one's, and starts reading its
 * offers to compare them too. */
static gboolean
compare_header (const SkySheetHeader  *header,
                Import                *import,
                GError               **error)
{
  const char *texts[] = {
    header->effective_date, header->currency, header->source, header->source_url,
    header->retrieved, header->provider_name,
  };

  if (!stored_row_is (import,
                      "SELECT s.id, s.effective_date, s.currency, s.source, s.source_url, "
                      "  s.retrieved, p.name "
                      "FROM sheet s JOIN provider p ON p.id = s.provider "
                      "WHERE s.id = ?1 AND s.version = ?2",
                      header->version, texts, G_N_ELEMENTS (texts), 1, NULL, error))
    return FALSE;
  if (sqlite3_prepare_v2 (import->db,
                          "SELECT service_id, sku, name, family, region, vcpu, memory, gpu, "
                          "  storage_type, os, sla, features, prices, architecture, tenancy, "
                          "  licence, software, capacity "
                          "FROM offer_row WHERE sheet_id = ?1 ORDER BY id",
                          -1, &import->stored_offers, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error,
                                  _("Cannot compare the sheet with the catalog's"));
  sqlite3_bind_int64 (import->stored_offers, 1, import->sheet_id);
  return TRUE;
}

static gboolean
import_header (const SkySheetHeader  *header,
               gpointer               user_data,
               GError               **error)
{
  Import *import = user_data;
  sqlite3_stmt *stmt = import->stmts[STMT_FIND_SHEET];
  g_autofree char *basename = g_path_get_basename (import->file);

  import->result->provider = g_strdup (header->provider_id);
  import->result->provider_name = g_strdup (header->provider_name);
  import->result->version = g_strdup (header->version);
  import->result->effective_date = g_strdup (header->effective_date);

  _sky_catalog_bind_text (stmt, 1, header->provider_id);
  _sky_catalog_bind_text (stmt, 2, header->version);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      import->sheet_id = sqlite3_column_int64 (stmt, 0);
      import->existing_sha256 = _sky_catalog_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  /* The sheet is still read to the end, and compared with the loaded one, to tell a re-import
   * of the same sheet (the same file, or written otherwise) from a different sheet that reuses
   * the version. */
  if (import->existing_sha256 != NULL)
    return compare_header (header, import, error);

  stmt = import->stmts[STMT_PROVIDER];
  _sky_catalog_bind_text (stmt, 1, header->provider_id);
  _sky_catalog_bind_text (stmt, 2, header->provider_name);
  _sky_catalog_bind_text (stmt, 3, header->provider_short_name);
  if (!run (import, stmt, error))
    return FALSE;

  stmt = import->stmts[STMT_SHEET];
  _sky_catalog_bind_text (stmt, 1, header->provider_id);
  _sky_catalog_bind_text (stmt, 2, header->version);
  _sky_catalog_bind_text (stmt, 3, header->effective_date);
  _sky_catalog_bind_text (stmt, 4, header->currency);
  _sky_catalog_bind_text (stmt, 5, header->source);
  _sky_catalog_bind_text (stmt, 6, header->source_url);
  _sky_catalog_bind_text (stmt, 7, header->retrieved);
  _sky_catalog_bind_text (stmt, 8, basename);
  if (!run (import, stmt, error))
    return FALSE;
  import->sheet_id = sqlite3_last_insert_rowid (import->db);
  return TRUE;
}

static gboolean
import_region (const SkySheetRegion  *region,
               gpointer               user_data,
               GError               **error)
{
  Import *import = user_data;
  sqlite3_stmt *stmt = import->stmts[STMT_REGION];

  if (import->existing_sha256 != NULL)
    {
      const char *texts[] = { region->name, region->geography };

      import->regions++;
      return stored_row_is (import,
                            "SELECT 0, name, geography FROM region "
                            "WHERE sheet_id = ?1 AND code = ?2",
                            region->code, texts, G_N_ELEMENTS (texts), 1, NULL, error);
    }
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  _sky_catalog_bind_text (stmt, 2, region->code);
  _sky_catalog_bind_text (stmt, 3, region->name);
  _sky_catalog_bind_text (stmt, 4, region->geography);
  return run (import, stmt, error);
}

static gboolean
import_usage_discount (const char  *code,
                       const char  *bands,
                       Import      *import,
                       GError     **error)
{
  sqlite3_stmt *stmt = import->stmts[STMT_USAGE_DISCOUNT];

  if (import->existing_sha256 != NULL)
    {
      const char *texts[] = { bands };

      import->usage_discounts++;
      return stored_row_is (import,
                            "SELECT 0, bands FROM usage_discount "
                            "WHERE sheet_id = ?1 AND code = ?2",
                            code, texts, G_N_ELEMENTS (texts), 1, NULL, error);
    }
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  _sky_catalog_bind_text (stmt, 2, code);
  _sky_catalog_bind_text (stmt, 3, bands);
  return run (import, stmt, error);
}

static gboolean
import_service (const SkySheetService  *service,
                gpointer                user_data,
                GError                **error)
{
  Import *import = user_data;
  sqlite3_stmt *stmt = import->stmts[STMT_SERVICE];

  if (import->existing_sha256 != NULL)
    {
      const char *texts[] = { service->name, service->category, service->sla };

      /* Its offers are compared with the loaded ones, which name the loaded service. */
      import->services++;
      import->service_id = -1;
      if (!stored_row_is (import,
                          "SELECT id, name, category, sla FROM service "
                          "WHERE sheet_id = ?1 AND code = ?2",
                          service->id, texts, G_N_ELEMENTS (texts), 1, &import->service_id,
                          error))
        return FALSE;
      g_array_append_val (import->service_ids, import->service_id);
      return TRUE;
    }
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  _sky_catalog_bind_text (stmt, 2, service->id);
  _sky_catalog_bind_text (stmt, 3, service->name);
  _sky_catalog_bind_text (stmt, 4, service->category);
  _sky_catalog_bind_text (stmt, 5, service->sla);
  if (!run (import, stmt, error))
    return FALSE;
  import->service_id = sqlite3_last_insert_rowid (import->db);
  g_array_append_val (import->service_ids, import->service_id);
  return TRUE;
}

/* Gives @text the next number of the sheet's words: the id of @text in the word table, which
 * takes it if it is new there. */
static gboolean
import_word (const char  *text,
             Import      *import,
             GError     **error)
{
  sqlite3_stmt *stmt = import->stmts[STMT_FIND_WORD];
  gint64 id;
  int rc;

  _sky_catalog_bind_text (stmt, 1, text);
  rc = sqlite3_step (stmt);
  id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
  /* A sheet loaded already is only compared with: a word not in the catalog is one of no
   * stored offer. */
  if (id < 0 && import->existing_sha256 != NULL)
    import->differs = TRUE;
  else if (id < 0)
    {
      stmt = import->stmts[STMT_WORD];
      _sky_catalog_bind_text (stmt, 1, text);
      if (!run (import, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (import->db);
    }
  g_array_append_val (import->words, id);
  return TRUE;
}

/* The catalog's id of the sheet's word @number (see import_word()); BIND_NULL for -1. */
static inline gint64
word_id (const Import *import,
         gint32        number)
{
  return number >= 0 ? g_array_index (import->words, gint64, number) : BIND_NULL;
}

/* Binds @p as the row that starts at parameter @first of statement @which. */
static void
bind_price (Import                *import,
            int                    which,
            int                    first,
            const SkyPendingPrice *p)
{
  bind_int (import, which, first, PRICE_BUCKET (p->term, p->geography, p->category));
  bind_int (import, which, first + 1, p->amount);
  bind_int (import, which, first + 2, PRICE_OFFER_SEQ (p->offer_id, p->seq));
  bind_int (import, which, first + 3, import->sheet_id);
  bind_int (import, which, first + 4, word_id (import, p->region));
  bind_int (import, which, first + 5, word_id (import, p->os));
  bind_int (import, which, first + 6, optional (p->vcpu_milli));
  bind_int (import, which, first + 7, optional (p->memory_mgib));
  bind_int (import, which, first + 8, p->unit);
  bind_int (import, which, first + 9,
            PRICE_VARIANT (p->tenancy, p->licence, p->capacity,
                           p->software >= 0 ? word_id (import, p->software) : 0));
  bind_int (import, which, first + 10, optional (p->architecture));
  bind_int (import, which, first + 11, g_array_index (import->service_ids, gint64, p->service));
}

/* Writes up to @max prices of the merge, in key order (all of them for G_MAXUINT): INSERT_ROWS
 * to a statement while there are as many, the rest one by one. */
static gboolean
import_prices (Import      *import,
               SkyRunMerge *m,
               guint        max,
               GError     **error)
{
  const SkyPendingPrice *rows[INSERT_ROWS];
  guint n_rows = INSERT_ROWS;

  for (guint n = 0; n < max && n_rows == INSERT_ROWS; n += n_rows)
    {
      n_rows = _sky_run_merge_take (m, rows, MIN (max - n, INSERT_ROWS));
      if (n_rows == INSERT_ROWS)
        {
          for (guint i = 0; i < n_rows; i++)
            bind_price (import, STMT_PRICES, 1 + i * PRICE_COLUMNS, rows[i]);
          if (!run (import, import->stmts[STMT_PRICES], error))
            return FALSE;
          continue;
        }
      for (guint i = 0; i < n_rows; i++)
        {
          bind_price (import, STMT_PRICE, 1, rows[i]);
          if (!run (import, import->stmts[STMT_PRICE], error))
            return FALSE;
        }
    }
  if (_sky_run_merge_is_done (m))
    _sky_run_merge_clear (m);
  return TRUE;
}

static void
bind_batch_text (sqlite3_stmt  *stmt,
                 int            index,
                 const GString *text,
                 SkyImportText  t)
{
  if (t.len >= 0)
    sqlite3_bind_text (stmt, index, text->str + t.start, t.len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* Refuses an offer whose SKU the sheet listed before: one whose SKU's hash came before. */
static gboolean
check_sku (const SkyQueuedOffer *queued,
           const GString        *text,
           Import               *import,
           GError              **error)
{
  sqlite3_stmt *find = import->stmts[STMT_FIND_SKU];
  int rc;

  sqlite3_bind_int64 (find, 1, import->sheet_id);
  bind_batch_text (find, 2, text, queued->sku);
  rc = sqlite3_step (find);
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *where = sky_sheet_locate (import->file, queued->line, queued->nth,
                                                 "sku");
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_DUPLICATE,
                   _("%s: SKU “%s” appears twice in the sheet"), where,
                   text->str + queued->sku.start);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
  return TRUE;
}

/* Binds @queued as the row that starts at parameter @first of statement @which. */
static void
bind_offer (Import               *import,
            int                   which,
            int                   first,
            const SkyQueuedOffer *queued,
            const GString        *text)
{
  sqlite3_stmt *stmt = import->stmts[which];

  bind_int (import, which, first, import->sheet_id);
  bind_int (import, which, first + 1, import->service_id);
  bind_batch_text (stmt, first + 2, text, queued->sku);
  bind_batch_text (stmt, first + 3, text, queued->name);
  bind_int (import, which, first + 4, word_id (import, queued->family));
  bind_int (import, which, first + 5, word_id (import, queued->region));
  bind_int (import, which, first + 6, optional (queued->vcpu_milli));
  bind_int (import, which, first + 7, optional (queued->memory_mgib));
  bind_int (import, which, first + 8, optional (queued->gpu));
  bind_int (import, which, first + 9, word_id (import, queued->storage_type));
  bind_int (import, which, first + 10, word_id (import, queued->os));
  bind_int (import, which, first + 11, word_id (import, queued->sla));
  bind_batch_text (stmt, first + 12, text, queued->features);
  bind_batch_text (stmt, first + 13, text, queued->prices);
  bind_int (import, which, first + 14, optional (queued->architecture));
  bind_int (import, which, first + 15, queued->tenancy);
  bind_int (import, which, first + 16, queued->licence);
  bind_int (import, which, first + 17, word_id (import, queued->software));
  bind_int (import, which, first + 18, queued->capacity);
}

/* Runs @stmt, which stores offers up to @last. The reading thread numbered the offers from the
 * next free id on, which is the id SQLite gives each new row (the largest one's, plus one): the
 * offer table's ids are not written, which spares a look-up per row. */
static gboolean
run_offers (Import               *import,
            sqlite3_stmt         *stmt,
            const SkyQueuedOffer *last,
            GError              **error)
{
  if (!run (import, stmt, error))
    return FALSE;
  if (sqlite3_last_insert_rowid (import->db) != last->id)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE,
                   _("Cannot store the sheet in the catalog: offer %lld was stored as %lld"),
                   (long long) last->id, (long long) sqlite3_last_insert_rowid (import->db));
      return FALSE;
    }
  return TRUE;
}

/* Writes @n offers of @batch from @first on, all in one statement when @n is INSERT_ROWS and no
 * SKU among them needs a look at the offers written before. */
static gboolean
import_offers (Import               *import,
               const SkyImportBatch *batch,
               guint                 first,
               guint                 n,
               GError              **error)
{
  const SkyQueuedOffer *queued = &g_array_index (batch->offers, SkyQueuedOffer, first);
  const char *skus[INSERT_ROWS];
  guint64 places[INSERT_ROWS];
  gboolean seen[INSERT_ROWS];
  gboolean together = n == INSERT_ROWS;

  g_assert (n <= INSERT_ROWS);
  for (guint i = 0; i < n; i++)
    {
      skus[i] = batch->text->str + queued[i].sku.start;
      places[i] = _sky_sku_set_place (queued[i].line, queued[i].nth);
    }
  if (!_sky_sku_set_add (&import->skus, skus, places, n, seen, error))
    {
      g_prefix_error (error, _("%s: not imported (the catalog is unchanged): "), import->file);
      return FALSE;
    }
  for (guint i = 0; i < n && together; i++)
    together = !seen[i];
  if (together)
    {
      for (guint i = 0; i < n; i++)
        bind_offer (import, STMT_OFFERS, 1 + i * OFFER_COLUMNS, &queued[i], batch->text);
      return run_offers (import, import->stmts[STMT_OFFERS], &queued[n - 1], error);
    }
  for (guint i = 0; i < n; i++)
    {
      if (seen[i] && !check_sku (&queued[i], batch->text, import, error))
        return FALSE;
      bind_offer (import, STMT_OFFER, 1, &queued[i], batch->text);
      if (!run_offers (import, import->stmts[STMT_OFFER], &queued[i], error))
        return FALSE;
    }
  return TRUE;
}

/* Compares @n offers of @batch from @first on with the next ones of the sheet loaded already,
 * as they would be stored. */
static gboolean
compare_offers (Import               *import,
                const SkyImportBatch *batch,
                guint                 first,
                guint                 n,
                GError              **error)
{
  sqlite3_stmt *stmt = import->stored_offers;
  const char *text = batch->text->str;

  for (guint i = first; i < first + n && !import->differs; i++)
    {
      const SkyQueuedOffer *q = &g_array_index (batch->offers, SkyQueuedOffer, i);
      int rc = sqlite3_step (stmt);

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _sky_catalog_db_error (import->db, error,
                                      _("Cannot compare the sheet with the catalog's"));
      import->differs =
        rc != SQLITE_ROW ||
        !same_int (stmt, 0, import->service_id) ||
        !same_text (stmt, 1, text + q->sku.start, q->sku.len) ||
        !same_text (stmt, 2, text + q->name.start, q->name.len) ||
        !same_int (stmt, 3, word_id (import, q->family)) ||
        !same_int (stmt, 4, word_id (import, q->region)) ||
        !same_int (stmt, 5, optional (q->vcpu_milli)) ||
        !same_int (stmt, 6, optional (q->memory_mgib)) ||
        !same_int (stmt, 7, optional (q->gpu)) ||
        !same_int (stmt, 8, word_id (import, q->storage_type)) ||
        !same_int (stmt, 9, word_id (import, q->os)) ||
        !same_int (stmt, 10, word_id (import, q->sla)) ||
        !same_text (stmt, 11, q->features.len >= 0 ? text + q->features.start : NULL,
                    q->features.len) ||
        !same_text (stmt, 12, q->prices.len >= 0 ? text + q->prices.start : NULL,
                    q->prices.len) ||
        !same_int (stmt, 13, optional (q->architecture)) ||
        !same_int (stmt, 14, q->tenancy) ||
        !same_int (stmt, 15, q->licence) ||
        !same_int (stmt, 16, word_id (import, q->software)) ||
        !same_int (stmt, 17, q->capacity);
    }
  return TRUE;
}

/* Counts @n offers of @batch from @first on, and writes them, or compares them with the sheet
 * in the catalog already. */
static gboolean
write_offers (Import               *import,
              const SkyImportBatch *batch,
              guint                 first,
              guint                 n,
              GError              **error)
{
  const SkyQueuedOffer *queued = &g_array_index (batch->offers, SkyQueuedOffer, first);

  import->offers += n;
  if (import->existing_sha256 != NULL)
    return compare_offers (import, batch, first, n, error);
  for (guint i = 0; i < n; i++)
    _sky_import_tally_add (import->tally, import->service_id,
                           word_id (import, queued[i].os),
                           queued[i].vcpu_milli, queued[i].memory_mgib, queued[i].architecture,
                           queued[i].units,
                           batch->text->str + queued[i].name.start, queued[i].name.len);
  return import_offers (import, batch, first, n, error);
}

static gboolean
write_item (Import         *import,
            SkyImportBatch *batch,
            SkyImportItem  *item,
            GError        **error)
{
  char **fields = item->data;

  switch (item->kind)
    {
    case SKY_IMPORT_ITEM_HEADER:
      return import_header (&((SkyImportHeader *) item->data)->header, import, error);
    case SKY_IMPORT_ITEM_REGION:
      return import_region (&(SkySheetRegion) { fields[0], fields[1], fields[2] }, import,
                            error);
    case SKY_IMPORT_ITEM_SERVICE:
      return import_service (&(SkySheetService) { fields[0], fields[1], fields[2], fields[3] },
                             import, error);
    case SKY_IMPORT_ITEM_WORD:
      return import_word (item->data, import, error);
    case SKY_IMPORT_ITEM_USAGE_DISCOUNT:
      return import_usage_discount (fields[0], fields[1], import, error);
    case SKY_IMPORT_ITEM_OFFER:
      return write_offers (import, batch, GPOINTER_TO_UINT (item->data), 1, error);
    case SKY_IMPORT_ITEM_PRICE_RUN:
      /* The writer keeps the run until it has merged it, and frees it then. */
      if (import->existing_sha256 == NULL)
        g_ptr_array_add (import->runs, g_steal_pointer (&item->data));
      return TRUE;
    case SKY_IMPORT_ITEM_PRICE_BATCH_END:
      /* The batch is merged: kept so when it is the sheet's only one, spilled otherwise. */
      _sky_run_merge_start (&import->merge, g_steal_pointer (&import->runs));
      import->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      if (import->existing_sha256 != NULL ||
          (item->data != NULL && import->spill.counts->len == 0))
        return TRUE;
      return _sky_run_spill (&import->spill, &import->merge, error);
    case SKY_IMPORT_ITEM_END:
    default:
      g_assert_not_reached ();
    }
}

/* The SQL that made the index of prices by offer, as the catalog keeps it; NULL with no such
 * index. */
static char *
price_by_offer_sql (Import  *import,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *sql = NULL;
  int rc;

  if (sqlite3_prepare_v2 (import->db, "SELECT sql FROM sqlite_schema "
                                      "WHERE type = 'index' AND name = 'price_by_offer'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sql = _sky_catalog_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
  return sql;
}

/* Writes the sheet's prices in the price table's order: the batch kept, or the spilled ones
 * merged. The price table and its index by unit are then only appended to (or, with other
 * sheets' prices in them, each passed over once); the index of prices by offer, which they
 * would reach in no order, is made again after them, from the whole table, sorted: for a
 * million offers some 1 s of work rather than 15 s of pages moved in and out of the cache. A
 * sheet of one batch, which needs no spilling, is written with the index in place. */
static gboolean
write_prices (Import  *import,
              GError **error)
{
  g_autofree char *index_sql = NULL;
  GError *local_error = NULL;
  gboolean ok;

  if (import->spill.counts->len > 0)
    {
      index_sql = price_by_offer_sql (import, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (!_sky_run_merge_start_spilled (&import->merge, &import->spill, SPILL_WINDOW, error) ||
          (index_sql != NULL &&
           !_sky_catalog_exec (import->db, "DROP INDEX price_by_offer", error)))
        return FALSE;
    }
  /* The sheet is read by now, and no longer checks the cancellable: the statements do. */
  _sky_catalog_watch_cancellable (import->db, import->cancellable);
  ok = import_prices (import, &import->merge, G_MAXUINT, &local_error) &&
       !_sky_run_merge_failed (&import->merge, &local_error);
  import_phase (import, "prices");
  if (ok && index_sql != NULL)
    {
      ok = _sky_catalog_exec (import->db, index_sql, &local_error);
      import_phase (import, "price_by_offer");
    }
  _sky_catalog_watch_cancellable (import->db, NULL);
  if (!ok && g_cancellable_is_cancelled (import->cancellable))
    {
      g_clear_error (&local_error);
      g_cancellable_set_error_if_cancelled (import->cancellable, &local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return ok;
}

/* Reads the sheet in a second thread while this one writes it; returns its checksum. */
static char *
read_and_write (Import          *import,
                int              fd,
                gint64           first_offer_id,
                GCancellable    *cancellable,
                SkyProgressFunc  progress,
                gpointer         progress_data,
                GError         **error)
{
  SkyImportPipe *pipe;
  GError *write_error = NULL;
  GError *read_error = NULL;
  SkyImportBatch *batch = NULL;
  gboolean done = FALSE;
  g_autofree char *sha256 = NULL;

  import->cancellable = cancellable;
  pipe = _sky_import_pipe_start (import->file, fd, first_offer_id, cancellable, progress,
                                 progress_data);

  while (!done)
    {
      batch = _sky_import_pipe_next (pipe, batch);
      for (guint i = 0; i < batch->items->len; i++)
        {
          SkyImportItem *item = &g_array_index (batch->items, SkyImportItem, i);
          SkyImportItem *last = i + INSERT_ROWS <= batch->items->len
                                ? &g_array_index (batch->items, SkyImportItem,
                                                  i + INSERT_ROWS - 1)
                                : NULL;

          /* INSERT_ROWS offers in a row are written together. */
          if (item->kind == SKY_IMPORT_ITEM_OFFER && last != NULL &&
              last->kind == SKY_IMPORT_ITEM_OFFER &&
              GPOINTER_TO_UINT (last->data) == GPOINTER_TO_UINT (item->data) + INSERT_ROWS - 1)
            {
              if (write_error == NULL &&
                  !write_offers (import, batch, GPOINTER_TO_UINT (item->data), INSERT_ROWS,
                                 &write_error))
                _sky_import_pipe_abort (pipe);
              i += INSERT_ROWS - 1;
              continue;
            }
          if (item->kind == SKY_IMPORT_ITEM_END)
            done = TRUE;
          else if (write_error == NULL && !write_item (import, batch, item, &write_error))
            _sky_import_pipe_abort (pipe);
        }
    }
  sha256 = _sky_import_pipe_finish (pipe, batch, &read_error);
  import_phase (import, "offers");

  /* The prices, in one pass: the only batch, or every spilled one merged. */
  if (write_error == NULL && read_error == NULL && import->existing_sha256 == NULL)
    write_prices (import, &write_error);
  _sky_run_merge_clear (&import->merge);

  /* The writer's error comes first: the reader then only says that it was stopped. */
  if (write_error != NULL)
    {
      g_propagate_error (error, write_error);
      g_clear_error (&read_error);
      return NULL;
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return NULL;
    }
  return g_steal_pointer (&sha256);
}

/* Tells whether the new sheet is current, or is to be from its effective date on, and which
 * sheet was current before it. */
static gboolean
find_current (Import  *import,
              GError **error)
{
  SkyImportResult *result = import->result;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (import->db,
                          /* Of the services the sheet is current for, the sheet that was
                           * current for one before it. */
                          "SELECT (SELECT oh.version FROM service os "
                          "        JOIN sheet oh ON oh.id = os.sheet_id "
                          "        WHERE os.code = sv.code AND oh.provider = ?1 AND oh.id != ?2 "
                          "          AND oh.effective_date <= sky_today () "
                          "        ORDER BY oh.effective_date DESC, oh.id DESC LIMIT 1) AS before "
                          "FROM service sv WHERE sv.sheet_id = ?2 "
                          "  AND sv.id IN (" SKY_CURRENT_SERVICES_SQL ") AND before IS NOT NULL "
                          "ORDER BY sv.id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error, _("Cannot find the current sheet"));
  _sky_catalog_bind_text (stmt, 1, result->provider);
  sqlite3_bind_int64 (stmt, 2, import->sheet_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result->superseded = _sky_catalog_column_dup (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sky_catalog_db_error (import->db, error, _("Cannot find the current sheet"));

  if (sqlite3_prepare_v2 (import->db,
                          "SELECT id IN (" SKY_CURRENT_SHEETS_SQL "), "
                          "  effective_date > sky_today () FROM sheet WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error, _("Cannot find the current sheet"));
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  rc = sqlite3_step (stmt);
  result->current = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  result->upcoming = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_ROW)
    return _sky_catalog_db_error (import->db, error, _("Cannot find the current sheet"));
  if (!result->current || g_strcmp0 (result->superseded, result->version) == 0)
    g_clear_pointer (&result->superseded, g_free);
  if (!_sky_catalog_sheet_services (import->db, import->sheet_id, &result->current_services,
                                    &result->superseded_services, &result->superseded_by))
    return _sky_catalog_db_error (import->db, error, _("Cannot find the current sheet"));
  return TRUE;
}

/* The SKUs of one hash that the SKU set saw more than once: where they are in the sheet, and
 * those of the stored offers read so far. */
typedef struct
{
  const SkySkuSlot *places;   /* in the sheet's order */
  guint             n_places;
  GPtrArray        *skus;
} Repeat;

static void
repeat_free (Repeat *repeat)
{
  g_ptr_array_unref (repeat->skus);
  g_free (repeat);
}

/* Refuses a sheet with a SKU that repeats one the SKU set had spilled before it: the set names
 * the hashes it saw more than once, and the sheet's offers, read back in order, tell which are
 * the same SKU and where the repetition is. Reading them takes a while, but only for a sheet
 * that is refused, or for one in billions. */
static gboolean
check_repeated_skus (Import  *import,
                     GError **error)
{
  g_autoptr(GArray) repeats = _sky_sku_set_repeats (&import->skus, error);
  g_autoptr(GHashTable) by_hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (repeats == NULL)
    {
      g_prefix_error (error, _("%s: not imported (the catalog is unchanged): "), import->file);
      return FALSE;
    }
  if (repeats->len == 0)
    return TRUE;

  by_hash = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                   (GDestroyNotify) repeat_free);
  for (guint i = 0; i < repeats->len;)
    {
      const SkySkuSlot *first = &g_array_index (repeats, SkySkuSlot, i);
      Repeat *repeat = g_new0 (Repeat, 1);

      repeat->places = first;
      while (i < repeats->len && g_array_index (repeats, SkySkuSlot, i).hash == first->hash)
        {
          repeat->n_places++;
          i++;
        }
      repeat->skus = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (by_hash, (gpointer) &first->hash, repeat);
    }

  if (sqlite3_prepare_v2 (import->db, "SELECT sku FROM offer_row WHERE id >= ?1 ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
  sqlite3_bind_int64 (stmt, 1, import->first_offer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (stmt, 0);
      guint64 hash = _sky_sku_set_hash (&import->skus, sku);
      Repeat *repeat = g_hash_table_lookup (by_hash, &hash);

      if (repeat == NULL)
        continue;
      for (guint i = 0; i < repeat->skus->len; i++)
        if (strcmp (g_ptr_array_index (repeat->skus, i), sku) == 0)
          {
            /* The offers of this hash come in the sheet's order, as their places do. */
            guint64 place = repeat->places[MIN (repeat->skus->len,
                                                repeat->n_places - 1)].place;
            g_autofree char *where = sky_sheet_locate (import->file, place >> 24,
                                                       place & 0xffffff, "sku");

            g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_DUPLICATE,
                         _("%s: SKU “%s” appears twice in the sheet"), where, sku);
            return FALSE;
          }
      g_ptr_array_add (repeat->skus, g_strdup (sku));
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (import->db, error, _("Cannot store the sheet in the catalog"));
  return TRUE;
}

/* Whether the sheet, compared with the one loaded already as it was read, is the same: nothing
 * differed, and it has no fewer offers, regions or services. */
static gboolean
same_as_stored (Import  *import,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean same;
  int rc;

  if (import->differs)
    return FALSE;
  rc = sqlite3_step (import->stored_offers);
  if (rc == SQLITE_ROW)
    return FALSE;
  if (rc != SQLITE_DONE ||
      sqlite3_prepare_v2 (import->db,
                          "SELECT (SELECT count(*) FROM region WHERE sheet_id = ?1), "
                          "  (SELECT count(*) FROM service WHERE sheet_id = ?1), "
                          "  (SELECT count(*) FROM usage_discount WHERE sheet_id = ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error,
                                  _("Cannot compare the sheet with the catalog's"));
  sqlite3_bind_int64 (stmt, 1, import->sheet_id);
  rc = sqlite3_step (stmt);
  same = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == import->regions &&
         sqlite3_column_int64 (stmt, 1) == import->services &&
         sqlite3_column_int64 (stmt, 2) == import->usage_discounts;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_ROW)
    return _sky_catalog_db_error (import->db, error,
                                  _("Cannot compare the sheet with the catalog's"));
  return same;
}

static gboolean
finish_import (Import      *import,
               const char  *sha256,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (import->existing_sha256 != NULL)
    {
      if (strcmp (import->existing_sha256, sha256) != 0 &&
          !same_as_stored (import, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT,
                       _("%s: the catalog already holds %s version %s with different content. "
                         "Give the changed sheet a new version to import it"), import->file,
                       import->result->provider, import->result->version);
          return FALSE;
        }
      import->result->status = SKY_IMPORT_UNCHANGED;
      import->result->offers = import->offers;
      return TRUE;
    }

  if (!check_repeated_skus (import, error))
    return FALSE;

  /* Current from its date on, a sheet without offers would hide every price the provider's
   * other sheets hold: only asked for explicitly. */
  if (import->offers == 0 && !(import->flags & SKY_IMPORT_FLAGS_FORCE))
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_OFFERS,
                   _("%s: %s %s has no offers, and as the current sheet it would hide every price "
                     "of %s; not imported"), import->file, import->result->provider,
                   import->result->version, import->result->provider_name);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (import->db,
                          "UPDATE sheet SET sha256 = ?1, offer_count = ?2 WHERE id = ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (import->db, error, _("Cannot finish the import"));
  _sky_catalog_bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, import->offers);
  sqlite3_bind_int64 (stmt, 3, import->sheet_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!ok)
    return _sky_catalog_db_error (import->db, error, _("Cannot finish the import"));

  import->result->status = SKY_IMPORT_ADDED;
  import->result->offers = import->offers;
  return find_current (import, error);
}

static void
import_clear (Import *import)
{
  for (int i = 0; i < N_STMTS; i++)
    {
      g_clear_pointer (&import->stmts[i], sqlite3_finalize);
      g_clear_pointer (&import->bound[i], g_free);
    }
  g_clear_pointer (&import->existing_sha256, g_free);
  g_clear_pointer (&import->stored_offers, sqlite3_finalize);
  g_clear_pointer (&import->runs, g_ptr_array_unref);
  _sky_run_merge_clear (&import->merge);
  if (import->spill.counts != NULL)
    _sky_run_spill_clear (&import->spill);
  _sky_sku_set_clear (&import->skus);
  g_clear_pointer (&import->tally, _sky_import_tally_free);
  g_clear_pointer (&import->words, g_array_unref);
  g_clear_pointer (&import->service_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* Prepares the import's statements, @sql, each with no value bound yet. */
static gboolean
prepare_statements (Import      *import,
                    const char  *sql[N_STMTS],
                    GError     **error)
{
  for (int i = 0; i < N_STMTS; i++)
    {
      int n;

      if (sqlite3_prepare_v3 (import->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                              &import->stmts[i], NULL) != SQLITE_OK)
        return _sky_catalog_db_error (import->db, error, _("Cannot prepare the import"));
      n = sqlite3_bind_parameter_count (import->stmts[i]);
      import->bound[i] = g_new (gint64, n + 1);
      for (int k = 0; k <= n; k++)
        import->bound[i][k] = UNBOUND;
    }
  return TRUE;
}

/* Reads the sheet open as @fd and writes it in one transaction, or in a savepoint of the one
 * under way when @nested: any error, or a sheet that changes nothing, leaves the catalog exactly
 * as it was. */
static gboolean
import_in_transaction (SkyCatalog      *self,
                       Import          *import,
                       int              fd,
                       gboolean         nested,
                       GCancellable    *cancellable,
                       SkyProgressFunc  progress,
                       gpointer         progress_data,
                       GError         **error)
{
  const char *rollback = nested ? "ROLLBACK TO sheet; RELEASE sheet" : "ROLLBACK";
  g_autofree char *sha256 = NULL;
  gint64 first_offer_id = 0;
  gboolean ok;

  if (!_sky_catalog_exec (self->db, nested ? "SAVEPOINT sheet" : "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Offers are numbered as they are read, from the next free id on: the transaction keeps
   * anyone else from taking one. */
  if (!_sky_catalog_query_int (self->db, "SELECT coalesce (max (id), 0) + 1 FROM offer_row",
                               &first_offer_id, error))
    {
      sqlite3_exec (self->db, rollback, NULL, NULL, NULL);
      return FALSE;
    }
  import->first_offer_id = first_offer_id;
  import_phase (import, NULL);
  sha256 = read_and_write (import, fd, first_offer_id, cancellable, progress, progress_data,
                           error);
  ok = sha256 != NULL && finish_import (import, sha256, error);
  if (ok && import->result->status == SKY_IMPORT_ADDED)
    {
      import_phase (import, "finish");
      ok = _sky_catalog_index_sheet (self->db, first_offer_id, error);
      import_phase (import, "text index");
      ok = ok && _sky_catalog_write_offer_kinds (self->db, first_offer_id, error);
      import_phase (import, "offer kinds");
      ok = ok && _sky_import_tally_write (import->tally, self->db,
                                          _("Cannot store the sheet in the catalog"), error) &&
           _sky_catalog_write_values (self->db, _("Cannot store the sheet in the catalog"),
                                      error);
      import_phase (import, "price values");
    }

  if (ok && import->result->status == SKY_IMPORT_ADDED)
    {
      /* With the log copied into the catalog, when the commit makes it long enough. */
      ok = _sky_catalog_exec (self->db, nested ? "RELEASE sheet" : "COMMIT", error);
      self->wrote = self->wrote || (ok && !nested);
      import_phase (import, "commit");
    }
  if (!ok || import->result->status == SKY_IMPORT_UNCHANGED)
    sqlite3_exec (self->db, rollback, NULL, NULL, NULL);
  return ok;
}

/* Imports the sheet open as @fd in one transaction, or in a savepoint of the transaction under
 * way when @nested; the caller holds the catalog's lock. */
/* The SKU set's bound for the imports that follow; 0 for the default. For tests, which make it
 * small enough to spill. */
static gsize sku_set_max_slots;

void
_sky_catalog_set_import_sku_slots (gsize max_slots)
{
  sku_set_max_slots = max_slots;
}

SkyImportResult *
_sky_catalog_import_locked (SkyCatalog     *self,
                            const char     *path,
                            int             fd,
                            SkyImportFlags  flags,
                            gboolean        nested,
                            GCancellable   *cancellable,
                            SkyProgressFunc progress,
                            gpointer        progress_data,
                            GError        **error)
{
  g_auto(Import) import = { 0 };
  g_autoptr(SkyImportResult) result = g_new0 (SkyImportResult, 1);
  g_autofree char *offers_sql = make_insert_sql (import_sql[STMT_OFFER], OFFER_COLUMNS);
  g_autofree char *prices_sql = make_insert_sql (import_sql[STMT_PRICE], PRICE_COLUMNS);
  g_autoptr(GError) local_error = NULL;
  const char *sql[N_STMTS];
  gint64 cache_size = 0;
  gboolean ok;

  result->file = g_strdup (path);
  import.runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  _sky_run_spill_init (&import.spill);
  import.db = self->db;
  import.file = path;
  import.result = result;
  import.flags = flags;
  _sky_sku_set_init_bounded (&import.skus,
                             sku_set_max_slots > 0 ? sku_set_max_slots : SKY_SKU_SET_MAX_SLOTS);
  import.tally = _sky_import_tally_new ();
  import.words = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.service_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  memcpy (sql, import_sql, sizeof sql);
  sql[STMT_OFFERS] = offers_sql;
  sql[STMT_PRICES] = prices_sql;
  ok = prepare_statements (&import, sql, &local_error) &&
       _sky_catalog_query_int (self->db, "PRAGMA cache_size", &cache_size, &local_error) &&
       _sky_catalog_exec (self->db, "PRAGMA cache_size = " G_STRINGIFY (IMPORT_CACHE_KIB),
                          &local_error);
  ok = ok && import_in_transaction (self, &import, fd, nested, cancellable, progress,
                                    progress_data, &local_error);
  if (cache_size != 0)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                                  cache_size);
      sqlite3_exec (self->db, restore, NULL, NULL, NULL);
    }
  if (!ok)
    {
      /* The sheet's own errors name it with their line; the catalog's are said of it too. */
      if (g_error_matches (local_error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE))
        g_prefix_error (&local_error, _("%s: not imported (the catalog is unchanged): "), path);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&result);
}

SkyImportResult *
sky_catalog_import_file (SkyCatalog       *self,
                         const char       *path,
                         GCancellable     *cancellable,
                         SkyProgressFunc   progress,
                         gpointer          progress_data,
                         GError          **error)
{
  return sky_catalog_import_file_full (self, path, SKY_IMPORT_FLAGS_NONE, cancellable, progress,
                                       progress_data, error);
}

/**
 * sky_catalog_import_file_full:
 * @flags: %SKY_IMPORT_FLAGS_FORCE imports a sheet without offers, which is refused otherwise
 *
 * Imports a price sheet as sky_catalog_import_file() does.
 */
SkyImportResult *
sky_catalog_import_file_full (SkyCatalog     *self,
                              const char     *path,
                              SkyImportFlags  flags,
                              GCancellable   *cancellable,
                              SkyProgressFunc progress,
                              gpointer        progress_data,
                              GError        **error)
{
  SkyImportResult *result;
  int fd;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sky_catalog_check_writable (self, error))
    return NULL;
  /* The sheet is opened before any lock is taken: a file that cannot be read, or is not a
   * file at all (a named pipe, a device), is refused at once and holds nothing up. */
  fd = sky_sheet_open (path, error);
  if (fd < 0)
    return NULL;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

    result = _sky_catalog_import_locked (self, path, fd, flags, FALSE, cancellable, progress,
                                         progress_data, error);
  }
  close (fd);
  return result;
}

static void
import_task_free (SkyImportTask *data)
{
  g_free (data->path);
  g_free (data);
}

/* The worker writes through a connection of its own, so that this catalog object stays free
 * for the readers of the main thread meanwhile (WAL lets them read the catalog as it was). */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SkyCatalog *self = source_object;
  SkyImportTask *data = task_data;
  g_autoptr(SkyCatalog) writer = NULL;
  GError *error = NULL;
  SkyImportResult *result = NULL;

  writer = sky_catalog_open (self->path, &error);
  if (writer != NULL)
    result = sky_catalog_import_file (writer, data->path, cancellable, data->progress,
                                      data->progress_data, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) sky_import_result_free);
}

/* Runs @thread on a task for @self, tagged @source_tag, with @path and the progress callback
 * as its data: an import or a seeding in a worker thread. */
void
_sky_catalog_run_import_task (SkyCatalog          *self,
                              const char          *path,
                              SkyProgressFunc      progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data,
                              gpointer             source_tag,
                              GTaskThreadFunc      thread)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SkyImportTask *data = g_new0 (SkyImportTask, 1);

  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, thread);
}

/* @progress, if given, is called in the worker thread. */
void
sky_catalog_import_file_async (SkyCatalog          *self,
                               const char          *path,
                               SkyProgressFunc      progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SKY_IS_CATALOG (self));
  g_return_if_fail (path != NULL);

  _sky_catalog_run_import_task (self, path, progress, progress_data, cancellable, callback,
                                user_data, sky_catalog_import_file_async, import_thread);
}

SkyImportResult *
sky_catalog_import_file_finish (SkyCatalog    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sky_catalog_import_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sky_import_result_free (SkyImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->file);
  g_free (result->provider);
  g_free (result->provider_name);
  g_free (result->version);
  g_free (result->effective_date);
  g_free (result->superseded);
  g_strfreev (result->current_services);
  g_strfreev (result->superseded_services);
  g_strfreev (result->superseded_by);
  g_free (result);
}
