/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog.h"
#include "sky-catalog-private.h"
#include "sky-freshness.h"

/* The catalog object: opening a catalog (converting one of an earlier schema), checking it, its
 * lock, and where catalogs and the bundled sheets are. Its other parts, each a file:
 *
 *   sky-catalog-schema.c         the schema and its migrations
 *   sky-catalog-codec.c          stored codes and the text of an offer's prices
 *   sky-catalog-import.c         an import's writer: one transaction per sheet
 *   sky-catalog-import-reader.c  an import's reading thread and its batches
 *   sky-sku-set.c                the SKUs an import has seen
 *   sky-run-merge.c              sorted runs of prices and their merge
 *   sky-catalog-sheets.c         the sheets as a whole: seeding, removing, listing
 *   sky-catalog-values.c         the values the prices hold in the columns a search names
 *   sky-catalog-search.c         search, count and an offer's details
 *   sky-catalog-match.c          offers that meet a requirement
 */

/* The page cache, in KiB (negative, as SQLite takes it). */
#define CACHE_KIB -16384

G_DEFINE_FINAL_TYPE (SkyCatalog, sky_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (sky-catalog-error-quark, sky_catalog_error)

/* SQLite's @message; when the catalog's files could not be written or read, also which and the
 * likely reason, which SQLite's message leaves out (the system's own reason is lost by then). */
static char *
db_message (sqlite3    *db,
            const char *message)
{
  const char *file = sqlite3_db_filename (db, "main");

  file = file != NULL && *file != '\0' ? file : _("the catalog");
  switch (sqlite3_extended_errcode (db))
    {
    case SQLITE_FULL:
      return g_strdup_printf (_("%s: no room is left to write %s"), message, file);
    case SQLITE_BUSY:
      return g_strdup_printf (_("%s: another program is writing to %s; try again when it has "
                                "finished"), message, file);
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
    case SQLITE_IOERR_TRUNCATE:
      return g_strdup_printf (_("%s: %s could not be written; the disk may be full"), message,
                              file);
    /* Reading a catalog in write-ahead-log mode takes a small file beside it, which the first
     * reader creates and sizes: on a full disk, it fails there. */
    case SQLITE_IOERR_SHMOPEN:
    case SQLITE_IOERR_SHMSIZE:
    case SQLITE_IOERR_SHMMAP:
      return g_strdup_printf (_("%s: %s-shm, which reading the catalog needs, could not be "
                                "written; the disk may be full"), message, file);
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
      return g_strdup_printf (_("%s: %s could not be read"), message, file);
    default:
      return g_strdup (message);
    }
}

gboolean
_sky_catalog_db_error (sqlite3     *db,
                       GError     **error,
                       const char  *what)
{
  g_autofree char *message = db != NULL ? db_message (db, sqlite3_errmsg (db)) : NULL;

  g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE, "%s: %s", what,
               message != NULL ? message : _("out of memory"));
  return FALSE;
}

static int
cancel_handler (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* Makes a statement on @db stop soon after @cancellable is cancelled; NULL stops watching. */
void
_sky_catalog_watch_cancellable (sqlite3      *db,
                                GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, cancel_handler, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

gboolean
_sky_catalog_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_autofree char *text = db_message (db, message != NULL ? message : sqlite3_errmsg (db));

      g_set_error_literal (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE, text);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sky_catalog_query_int (sqlite3     *db,
                        const char  *sql,
                        gint64      *out,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return _sky_catalog_db_error (db, error, sql);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* SKYTALLY_TRACE_SQL=FILE: each statement the catalog runs, its values in place, appended to
 * FILE as a script (a statement of a trigger, which SQLite shows as a comment, left out). The
 * CLI benchmark runs the same script with sqlite3 as its anchor. */
static int
trace_statement (unsigned  event,
                 void     *file,
                 void     *statement,
                 void     *sql)
{
  char *expanded;

  if (g_str_has_prefix (sql, "--"))
    return 0;
  expanded = sqlite3_expanded_sql (statement);
  if (expanded != NULL)
    sql = expanded;
  fprintf (file, "%s%s\n", (const char *) sql, g_str_has_suffix (sql, ";") ? "" : ";");
  fflush (file);
  sqlite3_free (expanded);
  return 0;
}

static void
trace_if_asked (sqlite3 *db)
{
  static FILE *file;
  const char *path = g_getenv ("SKYTALLY_TRACE_SQL");

  if (path == NULL || *path == '\0')
    return;
  if (file == NULL)
    file = fopen (path, "a");
  if (file != NULL)
    sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_statement, file);
}

/* sky_today(), in SQL: sky_freshness_today(), which tests can set. */
static void
today_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  sqlite3_result_text (context, sky_freshness_today (), -1, g_free);
}

char *
_sky_catalog_column_dup (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
_sky_catalog_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* The bundled sheets' setting --------------------------------------------------------------- */

/* Here rather than in sky-catalog-sheets.c, as _sky_catalog_bind_text() is: skytally-cli links
 * only the core's files a search reaches, and the sheets' file reaches the sheet reader
 * (libxml2). */

static const char * const bundled_states[] = {
  [SKY_BUNDLED_SHEETS_PENDING] = "pending",
  [SKY_BUNDLED_SHEETS_LOADED] = "loaded",
  [SKY_BUNDLED_SHEETS_DECLINED] = "declined",
};

/* The catalog's "bundled-sheets" setting; the caller holds the lock. */
gboolean
_sky_catalog_read_bundled_state (SkyCatalog        *self,
                                 SkyBundledSheets  *state,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *state = SKY_BUNDLED_SHEETS_PENDING;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM setting WHERE key = 'bundled-sheets'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (self->db, error, _("Cannot read the catalog's settings"));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      for (gsize i = 0; i < G_N_ELEMENTS (bundled_states); i++)
        if (g_strcmp0 (value, bundled_states[i]) == 0)
          *state = i;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sky_catalog_db_error (self->db, error, _("Cannot read the catalog's settings"));
  return TRUE;
}

/* Sets the "bundled-sheets" setting, in the transaction under way; the caller holds the
 * lock. */
gboolean
_sky_catalog_write_bundled_state (SkyCatalog        *self,
                                  SkyBundledSheets   state,
                                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO setting (key, value) VALUES ('bundled-sheets', ?1) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (self->db, error, _("Cannot write the catalog's settings"));
  sqlite3_bind_text (stmt, 1, bundled_states[state], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _sky_catalog_db_error (self->db, error, _("Cannot write the catalog's settings"));
  return TRUE;
}

/**
 * sky_catalog_get_bundled_sheets:
 *
 * Whether the bundled price sheets were all loaded into the catalog, declined by the user, or
 * neither (a new catalog, or one whose loading was interrupted): then they are to be loaded.
 */
gboolean
sky_catalog_get_bundled_sheets (SkyCatalog        *self,
                                SkyBundledSheets  *state,
                                GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return _sky_catalog_read_bundled_state (self, state, error);
}

static void
sky_catalog_finalize (GObject *object)
{
  SkyCatalog *self = (SkyCatalog *) object;

  /* Statements kept open would keep the connection from closing. */
  g_clear_pointer (&self->match_statements, g_hash_table_unref);
  g_clear_pointer (&self->offer_statement, sqlite3_finalize);
  if (self->db != NULL)
    {
      /* A bounded analysis: optimize may otherwise read every row of a large catalog. Both
       * wait for the write lock, which another program's import may hold for long: a
       * connection that only read skips them. One set to be only read after it wrote (a
       * search that first seeded the catalog) still does them. */
      if (self->wrote)
        sqlite3_exec (self->db, "PRAGMA query_only = OFF; "
                      "PRAGMA analysis_limit = 1000; PRAGMA optimize; "
                      "PRAGMA wal_checkpoint(TRUNCATE);",
                      NULL, NULL, NULL);
      sqlite3_close (self->db);
    }
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_clear_pointer (&self->sheet_units, g_hash_table_unref);

  G_OBJECT_CLASS (sky_catalog_parent_class)->finalize (object);
}

static void
sky_catalog_class_init (SkyCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sky_catalog_finalize;
  g_assert (sky_vocabulary_code (SKY_VOCABULARY_UNIT, "hour") == HOUR_CODE);
  /* What PRICE_BUCKET() and PRICE_OFFER_SEQ() leave room for: an offer has one price per
   * purchase option and unit at most. */
  g_assert (sky_vocabulary_code_limit (SKY_VOCABULARY_GEOGRAPHY) <= 32 &&
            sky_vocabulary_code_limit (SKY_VOCABULARY_CATEGORY) <= 32 &&
            sky_vocabulary_code_limit (SKY_VOCABULARY_PURCHASE_OPTION) *
            sky_vocabulary_code_limit (SKY_VOCABULARY_UNIT) <= 1024);
}

static void
sky_catalog_init (SkyCatalog *self)
{
  g_mutex_init (&self->lock);
}

SkyCatalog *
sky_catalog_open (const char  *path,
                  GError     **error)
{
  return sky_catalog_open_cancellable (path, NULL, error);
}

/**
 * sky_catalog_open_cancellable:
 *
 * Opens @path as sky_catalog_open() does. A catalog written by an older version is converted
 * first, which takes seconds for a large one: cancelling @cancellable stops that, leaves the
 * file as it was and fails with %G_IO_ERROR_CANCELLED.
 */
SkyCatalog *
sky_catalog_open_cancellable (const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return sky_catalog_open_full (path, SKY_CATALOG_OPEN_DEFAULT, cancellable, error);
}

/* Whether the catalog at @path, opened read-only, is to be read as unchanging: SQLite keeps a
 * small file beside a catalog in write-ahead-log mode (@path-shm), which its folder cannot
 * hold, and nothing waits in the log (@path-wal), which would be missed. No one can write to
 * the catalog then: it does not change while it is read. */
static gboolean
read_as_unchanging (const char *path,
                    const char *dir)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (g_file_test (shm, G_FILE_TEST_IS_REGULAR) || access (dir, W_OK) == 0)
    return FALSE;
  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/**
 * sky_catalog_open_full:
 * @flags: %SKY_CATALOG_OPEN_READ_ONLY to write nothing to the catalog
 *
 * Opens @path as sky_catalog_open_cancellable() does. A catalog the user may not write is
 * opened read-only, as with %SKY_CATALOG_OPEN_READ_ONLY: it can be searched and used to price,
 * but not converted, imported into or seeded. When its folder cannot hold the file SQLite
 * keeps beside it either, it is read as unchanging (see sky_catalog_is_unchanging()).
 */
SkyCatalog *
sky_catalog_open_full (const char           *path,
                       SkyCatalogOpenFlags   flags,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(SkyCatalog) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean converted = FALSE;
  gint64 version = 0;
  int open_flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SKY_TYPE_CATALOG, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & SKY_CATALOG_OPEN_READ_ONLY) != 0 ||
                    (g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0);

  dir = g_path_get_dirname (path);
  if (!self->read_only && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  if (self->read_only && read_as_unchanging (path, dir))
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      self->unchanging = TRUE;
      open_flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else if (self->read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, open_flags, NULL);
  /* SQLite opens a file it may not write read-only by itself. */
  if (rc == SQLITE_OK && sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_OPEN, _("Cannot open %s: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  trace_if_asked (self->db);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_create_function_v2 (self->db, "sky_today", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                              today_function, NULL, NULL, NULL);
  _sky_catalog_add_search_functions (self->db);

  /* Reading the header is enough to refuse a file that is not a database; a full
   * integrity check is sky_catalog_check()'s job, as it reads every page. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA schema_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (self->db) == SQLITE_NOTADB)
        g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG,
                     _("%s is not a Skytally catalog (%s)"), path, sqlite3_errmsg (self->db));
      else
        {
          g_autofree char *message = db_message (self->db, sqlite3_errmsg (self->db));

          g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT,
                       _("%s cannot be read as a catalog: %s"), path, message);
        }
      return NULL;
    }
  /* Done with before the pragmas below, which need no statement under way. */
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Another application's database, or one this version cannot read, is refused before a
   * pragma that writes to the file (journal_mode) is run: it is left as it was. The hardening
   * pragmas only change this connection. */
  if (!_sky_catalog_exec (self->db, "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON;",
                          error) ||
      !_sky_catalog_check_readable (self, &version, error))
    return NULL;

  if (!_sky_catalog_exec (self->db, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  /* A catalog read-only is read as it is: one of an earlier schema cannot be converted. */
  if (self->read_only)
    {
      if (version == SKY_CATALOG_SCHEMA_VERSION &&
          _sky_catalog_exec (self->db, "PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB) ";", error))
        return g_steal_pointer (&self);
      if (version == SKY_CATALOG_SCHEMA_VERSION)
        return NULL;
      if (version == 0)
        g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY,
                     _("%s is empty and read-only: it cannot be made a catalog"), path);
      else
        g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY,
                   _("%s was written by an earlier version of Skytally and is read-only: it "
                     "cannot be converted to this version's catalog"), path);
      return NULL;
    }

  /* 16 KiB pages (taken by a new catalog only): a price row is small, and bigger pages make an
   * import of a large sheet write and split fewer of them. The cache's size is set after the
   * page size and the journal mode: set before them, importing a sheet of a million offers
   * peaked at 130 MB instead of 80 MB. */
  if (!_sky_catalog_exec (self->db,
                          "PRAGMA page_size = 16384;"
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = NORMAL;"
                          "PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB) ";", error) ||
      /* One of this version, just read, needs no conversion. */
      (version != SKY_CATALOG_SCHEMA_VERSION &&
       !_sky_catalog_migrate (self, cancellable, &converted, error)))
    return NULL;

  /* A conversion rewrites tables and leaves the old ones' pages free in the file: give them
   * back (for a catalog of a million offers, about half of the file). The catalog is whole
   * either way, so only a cancellation counts as a failure here. */
  if (converted)
    {
      _sky_catalog_watch_cancellable (self->db, cancellable);
      sqlite3_exec (self->db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
      _sky_catalog_watch_cancellable (self->db, NULL);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
sky_catalog_check (SkyCatalog  *self,
                   GError     **error)
{
  g_autofree char *result = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      result = _sky_catalog_column_dup (stmt, 0);
    else
      result = g_strdup (sqlite3_errmsg (self->db));
  }

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT,
                   _("%s is damaged (%s). Move it away and Skytally will create a new catalog"),
                   self->path, result);
      return FALSE;
    }
  return TRUE;
}

/* Whether the catalog was opened read-only: asked for, or a file its user may not write. */
gboolean
sky_catalog_is_read_only (SkyCatalog *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  return self->read_only;
}

/* The page cache of a catalog only read from, in KiB: a search reads an index's inner pages
 * and a page of rows. At a million offers, a search with the import's 16 MiB took a third more
 * time than with 1 MiB, allocating cache pages it never read again. */
#define QUERY_CACHE_KIB -1024

/**
 * sky_catalog_set_query_only:
 *
 * Readies @self to be only read from now on, a statement at a time, as by a search: nothing can
 * be written to it any more (it is read-only, and SQLite's query_only refuses a write), and its
 * page cache is sized for reading rather than for an import.
 */
gboolean
sky_catalog_set_query_only (SkyCatalog  *self,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_sky_catalog_exec (self->db, "PRAGMA query_only = ON; "
                          "PRAGMA cache_size = " G_STRINGIFY (QUERY_CACHE_KIB) ";", error))
    return FALSE;
  self->read_only = TRUE;
  return TRUE;
}

/* Whether the catalog is read as a file nobody changes: it is read-only, and so is its folder,
 * which cannot hold the file SQLite otherwise keeps beside it to see other programs' changes. */
gboolean
sky_catalog_is_unchanging (SkyCatalog *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  return self->unchanging;
}

/* Refuses to write to a catalog opened read-only. */
gboolean
_sky_catalog_check_writable (SkyCatalog  *self,
                             GError     **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY,
               _("%s is opened read-only: nothing can be written to it"), self->path);
  return FALSE;
}

const char *
sky_catalog_get_path (SkyCatalog *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  return self->path;
}

gboolean
sky_catalog_has_sheets (SkyCatalog  *self,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 count = 0;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return _sky_catalog_query_int (self->db, "SELECT count(*) FROM sheet", &count, error) &&
         count > 0;
}

/* For the other parts of the core that query the catalog ---------------------------------- */

/* Whether this thread holds the lock for a read transaction: then what it reads needs no
 * more. */
static gboolean
reading_here (SkyCatalog *self)
{
  return g_atomic_pointer_get (&self->reader) == (gpointer) g_thread_self ();
}

sqlite3 *
_sky_catalog_lock (SkyCatalog *self)
{
  if (!reading_here (self))
    g_mutex_lock (&self->lock);
  return self->db;
}

void
_sky_catalog_unlock (SkyCatalog *self)
{
  if (!reading_here (self))
    g_mutex_unlock (&self->lock);
}

SkyCatalogLocker *
_sky_catalog_hold (SkyCatalog *self)
{
  _sky_catalog_lock (self);
  return (SkyCatalogLocker *) self;
}

/**
 * sky_catalog_begin_read:
 *
 * Holds the catalog's connection for this thread, in one read transaction, until
 * sky_catalog_end_read(): what it reads meanwhile is of one state of the catalog (an import
 * by another program commits, or not, for all of it), and each query neither takes the lock
 * nor starts a transaction of its own. Other threads that use the connection wait. Calls nest.
 */
gboolean
sky_catalog_begin_read (SkyCatalog  *self,
                        GError     **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);

  if (reading_here (self))
    {
      self->read_depth++;
      return TRUE;
    }
  g_mutex_lock (&self->lock);
  /* Within a transaction already under way, there is nothing to begin. */
  self->read_began = sqlite3_get_autocommit (self->db) != 0;
  if (self->read_began && !_sky_catalog_exec (self->db, "BEGIN", error))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->read_depth = 1;
  g_atomic_pointer_set (&self->reader, g_thread_self ());
  return TRUE;
}

/* Ends what sky_catalog_begin_read() began, and lets other threads use the connection. */
void
sky_catalog_end_read (SkyCatalog *self)
{
  g_return_if_fail (SKY_IS_CATALOG (self));
  g_return_if_fail (reading_here (self));

  if (--self->read_depth > 0)
    return;
  /* A read transaction has nothing to keep: ending it cannot fail in a way that matters. */
  if (self->read_began)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  g_atomic_pointer_set (&self->reader, NULL);
  g_mutex_unlock (&self->lock);
}

/* The locker is the catalog itself, under another name: it holds no reference. */
SkyCatalogLocker *
_sky_catalog_locker_new (SkyCatalog  *self,
                         sqlite3    **db)
{
  *db = _sky_catalog_lock (self);
  return (SkyCatalogLocker *) self;
}

void
_sky_catalog_locker_free (SkyCatalogLocker *locker)
{
  _sky_catalog_unlock ((SkyCatalog *) locker);
}

/* Locations -------------------------------------------------------------------------------- */

const char *
sky_catalog_bundled_sheets_dir (void)
{
  const char *dir = g_getenv ("SKYTALLY_PRICESHEETS_DIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR "/pricesheets";
}

char *
sky_catalog_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "skytally", "catalog.db", NULL);
}

/* Boxed records ---------------------------------------------------------------------------- */
