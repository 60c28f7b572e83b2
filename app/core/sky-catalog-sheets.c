/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <unistd.h>

#include <sqlite3.h>

#include <glib/gi18n-lib.h>

#include "sky-catalog-codec-private.h"
#include "sky-catalog-private.h"

/* The catalog's sheets as a whole: the sheet files of a folder, the bundled sheets (loading
 * them all at once, or recording that the user declined them), removing a sheet, and the list
 * of what the catalog holds. */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The price sheets (*.xml, and *.xml.gz compressed) in @directory, as paths in name order. */
GPtrArray *
sky_catalog_list_sheet_files (const char  *directory,
                              GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (directory != NULL, NULL);

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (files, g_build_filename (directory, name, NULL));
  g_ptr_array_sort (files, compare_paths);
  return g_steal_pointer (&files);
}

/**
 * sky_catalog_decline_bundled_sheets:
 *
 * Records that the user does not want the bundled price sheets, unless they were loaded
 * already: they are not loaded at the next start.
 */
gboolean
sky_catalog_decline_bundled_sheets (SkyCatalog  *self,
                                    GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  SkyBundledSheets state;
  gboolean ok;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);

  if (!_sky_catalog_check_writable (self, error))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  ok = _sky_catalog_exec (self->db, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = _sky_catalog_read_bundled_state (self, &state, error) &&
           (state != SKY_BUNDLED_SHEETS_PENDING ||
            _sky_catalog_write_bundled_state (self, SKY_BUNDLED_SHEETS_DECLINED, error)) &&
           _sky_catalog_exec (self->db, "COMMIT", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->wrote = self->wrote || ok;
    }
  return ok;
}

/* Reports a seeding's progress over all its sheets, a thousand steps per sheet. */
typedef struct
{
  SkyProgressFunc progress;
  gpointer        data;
  guint           index;
  guint           count;
} SeedProgress;

static void
seed_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  SeedProgress *p = user_data;

  if (total > 0)
    p->progress (p->index * 1000 + done * 1000 / total, p->count * 1000, p->data);
}

static GPtrArray *
seed (SkyCatalog      *self,
      const char      *directory,
      GCancellable    *cancellable,
      SkyProgressFunc  progress,
      gpointer         progress_data,
      GError         **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  SeedProgress seed_progress_data = { progress, progress_data, 0, 0 };
  SkyBundledSheets state;
  gboolean ok;

  if (!_sky_catalog_check_writable (self, error))
    return NULL;
  files = sky_catalog_list_sheet_files (directory, error);
  if (files == NULL)
    return NULL;
  seed_progress_data.count = files->len;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_import_result_free);
  locker = g_mutex_locker_new (&self->lock);
  if (!_sky_catalog_exec (self->db, "BEGIN IMMEDIATE", error))
    return NULL;
  /* Read under the write lock: another process may have seeded the catalog meanwhile. */
  ok = _sky_catalog_read_bundled_state (self, &state, error);
  for (guint i = 0; ok && state == SKY_BUNDLED_SHEETS_PENDING && i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      SkyImportResult *result = NULL;
      GError *local_error = NULL;
      int fd = sky_sheet_open (path, &local_error);

      seed_progress_data.index = i;
      if (fd >= 0)
        {
          result = _sky_catalog_import_locked (self, path, fd, SKY_IMPORT_FLAGS_NONE, TRUE,
                                               cancellable,
                                               progress != NULL ? seed_progress : NULL,
                                               &seed_progress_data, &local_error);
          close (fd);
        }
      /* The catalog's own sheet of that provider and version stands. */
      if (g_error_matches (local_error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT))
        {
          g_clear_error (&local_error);
          continue;
        }
      ok = result != NULL;
      if (ok)
        g_ptr_array_add (results, result);
      else
        g_propagate_error (error, local_error);
    }
  if (ok && state == SKY_BUNDLED_SHEETS_PENDING)
    ok = _sky_catalog_write_bundled_state (self, SKY_BUNDLED_SHEETS_LOADED, error) &&
         _sky_catalog_exec (self->db, "COMMIT", error);
  else if (ok)
    g_ptr_array_set_size (results, 0);
  if (!ok || state != SKY_BUNDLED_SHEETS_PENDING)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->wrote = self->wrote || (ok && results->len > 0);
  return ok ? g_steal_pointer (&results) : NULL;
}

/**
 * sky_catalog_seed:
 *
 * Loads the price sheets in @directory, all in one transaction with the record that they are
 * loaded: an error, a full disk or a process killed midway leaves none of them, and the
 * catalog is still to be seeded. A catalog seeded already, or whose user declined the bundled
 * sheets, is left as it is: the result is then empty.
 */
GPtrArray *
sky_catalog_seed (SkyCatalog    *self,
                  const char    *directory,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  return seed (self, directory, cancellable, NULL, NULL, error);
}

/* As the import, the seeding writes through a connection of its own in a worker thread. */
static void
seed_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SkyCatalog *self = source_object;
  SkyImportTask *data = task_data;
  g_autoptr(SkyCatalog) writer = NULL;
  GError *error = NULL;
  GPtrArray *results = NULL;

  writer = sky_catalog_open (self->path, &error);
  if (writer != NULL)
    results = seed (writer, data->path, cancellable, data->progress, data->progress_data,
                    &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * sky_catalog_seed_async:
 * @progress: (nullable): called in the worker thread, over all the sheets
 *
 * Seeds the catalog as sky_catalog_seed() does, in a worker thread.
 */
void
sky_catalog_seed_async (SkyCatalog          *self,
                        const char          *directory,
                        SkyProgressFunc      progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SKY_IS_CATALOG (self));
  g_return_if_fail (directory != NULL);

  _sky_catalog_run_import_task (self, directory, progress, progress_data, cancellable, callback,
                                user_data, sky_catalog_seed_async, seed_thread);
}

/* Returns: (element-type SkyImportResult): as sky_catalog_seed(). */
GPtrArray *
sky_catalog_seed_finish (SkyCatalog    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sky_catalog_seed_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether @sha256 is the checksum of one of the bundled sheets' files. */
static gboolean
is_bundled (const char *sha256)
{
  g_autoptr(GPtrArray) files = sky_catalog_list_sheet_files (sky_catalog_bundled_sheets_dir (),
                                                             NULL);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *checksum = NULL;
      gsize length;

      if (!g_file_get_contents (g_ptr_array_index (files, i), &contents, &length, NULL))
        continue;
      checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                              length);
      if (g_strcmp0 (checksum, sha256) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Runs @sql with @id bound to ?1 and @text to ?2. */
static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            gint64       id,
            const char  *text,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot remove the sheet"));
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot remove the sheet"));
  return TRUE;
}

/**
 * sky_catalog_remove_sheet:
 *
 * Removes @provider's sheet @version with its regions, services, offers and prices, in one
 * transaction: the provider's current sheet is then its latest other one. Removing a bundled
 * sheet records that the user declined the bundled sheets, so that it is not loaded again.
 */
gboolean
sky_catalog_remove_sheet (SkyCatalog  *self,
                          const char  *provider,
                          const char  *version,
                          GError     **error)
{
  static const char * const deletions[] = {
    "DELETE FROM price WHERE sheet_id = ?1",
    "DELETE FROM offer_row WHERE sheet_id = ?1",
    "DELETE FROM service WHERE sheet_id = ?1",
    "DELETE FROM region WHERE sheet_id = ?1",
    "DELETE FROM usage_discount WHERE sheet_id = ?1",
    "DELETE FROM sheet WHERE id = ?1",
    "DELETE FROM provider WHERE id = ?2 AND NOT EXISTS "
    "  (SELECT 1 FROM sheet WHERE provider = ?2 AND id != ?1)",
  };
  g_autofree char *sha256 = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = -1;
  gboolean ok;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sky_catalog_check_writable (self, error))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!_sky_catalog_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = sqlite3_prepare_v2 (self->db,
                           "SELECT id, sha256 FROM sheet WHERE provider = ?1 AND version = ?2",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          sha256 = _sky_catalog_column_dup (stmt, 1);
        }
    }
  /* Done with before the sheet's rows go. */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!ok)
    _sky_catalog_db_error (self->db, error, _("Cannot remove the sheet"));
  else if (id < 0)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_SUCH_SHEET,
                   _("The catalog holds no sheet %s %s"), provider, version);
      ok = FALSE;
    }
  ok = ok && _sky_catalog_unindex_sheet (self->db, id, error);
  for (gsize i = 0; ok && i < G_N_ELEMENTS (deletions); i++)
    ok = exec_bound (self->db, deletions[i], id, provider, error);
  ok = ok && _sky_catalog_write_values (self->db, _("Cannot remove the sheet"), error);
  if (ok && is_bundled (sha256))
    ok = _sky_catalog_write_bundled_state (self, SKY_BUNDLED_SHEETS_DECLINED, error);
  if (ok)
    ok = _sky_catalog_exec (self->db, "COMMIT", error);
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->wrote = self->wrote || ok;
  return ok;
}

/* As the import, the removal writes through a connection of its own in a worker thread. */
static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SkyCatalog *self = source_object;
  GStrv sheet = task_data;
  g_autoptr(SkyCatalog) writer = NULL;
  GError *error = NULL;

  writer = sky_catalog_open (self->path, &error);
  if (writer != NULL && sky_catalog_remove_sheet (writer, sheet[0], sheet[1], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Removes a sheet as sky_catalog_remove_sheet() does, in a worker thread. */
void
sky_catalog_remove_sheet_async (SkyCatalog          *self,
                                const char          *provider,
                                const char          *version,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *sheet[] = { provider, version, NULL };

  g_return_if_fail (SKY_IS_CATALOG (self));
  g_return_if_fail (provider != NULL);
  g_return_if_fail (version != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_catalog_remove_sheet_async);
  g_task_set_task_data (task, g_strdupv ((GStrv) sheet), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, remove_thread);
}

gboolean
sky_catalog_remove_sheet_finish (SkyCatalog    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sky_catalog_remove_sheet_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Queries ---------------------------------------------------------------------------------- */

/* Each service of the sheets the statement reads: its sheet, its code, whether it is current,
 * and the version of the sheet current for it (none while its sheet is upcoming and no other
 * sheet is). WHERE limits it to some sheets. */
#define SHEET_SERVICES_SQL(WHERE) \
  "WITH now (id) AS (" SKY_CURRENT_SERVICES_SQL ") " \
  "SELECT sv.sheet_id, sv.code, sv.id IN now, " \
  "  (SELECT oh.version FROM service os " \
  "   JOIN sheet oh ON oh.id = os.sheet_id " \
  "   WHERE os.id IN now AND os.code = sv.code " \
  "     AND oh.provider = (SELECT provider FROM sheet WHERE id = sv.sheet_id)) " \
  "FROM service sv " WHERE " ORDER BY sv.id"

/* A sheet's services as SHEET_SERVICES_SQL reads them: those it is current for, the others,
 * and the version current for each of these. */
typedef struct
{
  GPtrArray *current;
  GPtrArray *superseded;
  GPtrArray *by;
} SheetServices;

static SheetServices *
sheet_services_new (void)
{
  SheetServices *services = g_new (SheetServices, 1);

  services->current = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  services->superseded = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  services->by = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  return services;
}

static void
sheet_services_free (SheetServices *services)
{
  g_ptr_array_unref (services->current);
  g_ptr_array_unref (services->superseded);
  g_ptr_array_unref (services->by);
  g_free (services);
}

/* Hands @services' lists on as NULL-terminated string arrays, leaving them empty. */
static void
sheet_services_steal (SheetServices *services,
                      GStrv         *current_services,
                      GStrv         *superseded_services,
                      GStrv         *superseded_by)
{
  *current_services = (GStrv) g_ptr_array_steal (services->current, NULL);
  *superseded_services = (GStrv) g_ptr_array_steal (services->superseded, NULL);
  *superseded_by = (GStrv) g_ptr_array_steal (services->by, NULL);
}

/* Runs @stmt (SHEET_SERVICES_SQL) and adds each service to its sheet's SheetServices in
 * @sheets (by a pointer to its gint64 id); services of other sheets are skipped. FALSE on a
 * database error. */
static gboolean
read_sheet_services (sqlite3_stmt *stmt,
                     GHashTable   *sheets)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 sheet = sqlite3_column_int64 (stmt, 0);
      SheetServices *services = g_hash_table_lookup (sheets, &sheet);

      if (services == NULL)
        continue;
      if (sqlite3_column_int (stmt, 2) != 0)
        g_ptr_array_add (services->current, _sky_catalog_column_dup (stmt, 1));
      else if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_ptr_array_add (services->superseded, _sky_catalog_column_dup (stmt, 1));
          g_ptr_array_add (services->by, _sky_catalog_column_dup (stmt, 3));
        }
    }
  return rc == SQLITE_DONE;
}

/* The services of sheet @sheet: those it is current for, and the others, each with the version
 * of the sheet current for it (none while @sheet is upcoming and no other sheet is). FALSE on a
 * database error. */
gboolean
_sky_catalog_sheet_services (sqlite3  *db,
                             gint64    sheet,
                             GStrv    *current_services,
                             GStrv    *superseded_services,
                             GStrv    *superseded_by)
{
  g_autoptr(GHashTable) sheets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) sheet_services_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SheetServices *services = sheet_services_new ();

  g_hash_table_insert (sheets, &sheet, services);
  if (sqlite3_prepare_v2 (db, SHEET_SERVICES_SQL ("WHERE sv.sheet_id = ?1"), -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sheet);
  if (!read_sheet_services (stmt, sheets))
    return FALSE;
  sheet_services_steal (services, current_services, superseded_services, superseded_by);
  return TRUE;
}

/* How a sheet stands when it is current for some of its services (@current_services) and
 * superseded for others (@superseded_services, by the versions at the same index of
 * @superseded_by): "current for ec2, s3; superseded for rds-postgres by 2026.01"; NULL when it
 * is current for all of them, or for none. */
static char *
describe_services (GStrv current_services,
                   GStrv superseded_services,
                   GStrv superseded_by)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *current = NULL;

  if (current_services == NULL || current_services[0] == NULL ||
      superseded_services == NULL || superseded_services[0] == NULL)
    return NULL;
  current = g_strjoinv (", ", current_services);
  text = g_string_new (NULL);
  /* Translators: %s is a list of service ids, "ec2, s3". */
  g_string_append_printf (text, _("current for %s"), current);
  for (guint i = 0; superseded_services[i] != NULL; i++)
    {
      const char *version = superseded_by[i];
      g_autoptr(GString) services = NULL;
      gboolean named = FALSE;

      /* Services superseded by the same version are named together, where it first comes. */
      for (guint j = 0; j < i && !named; j++)
        named = g_strcmp0 (superseded_by[j], version) == 0;
      if (named)
        continue;
      services = g_string_new (superseded_services[i]);
      for (guint j = i + 1; superseded_services[j] != NULL; j++)
        if (g_strcmp0 (superseded_by[j], version) == 0)
          g_string_append_printf (services, ", %s", superseded_services[j]);
      /* Translators: the first %s is a list of service ids, the second a sheet's version. */
      g_string_append (text, "; ");
      g_string_append_printf (text, _("superseded for %s by %s"), services->str, version);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* How @info's sheet stands when it is current for some of its services and superseded for
 * others (see describe_services()); NULL when it is current for all of them, or for none. */
char *
sky_sheet_info_describe (const SkySheetInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return describe_services (info->current_services, info->superseded_services,
                            info->superseded_by);
}

/* The same of an imported sheet, as it stands after the import. */
char *
sky_import_result_describe (const SkyImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return describe_services (result->current_services, result->superseded_services,
                            result->superseded_by);
}

/* Whether a sheet is current for one of its services: one that is in force today and holds a
 * service, as a service's newest such sheet is current for it. Cheaper than listing the
 * sheets, which works out every service's current sheet. */
gboolean
sky_catalog_has_current_sheets (SkyCatalog  *self,
                                GError     **error)
{
  g_autoptr(SkyCatalogLocker) locker = NULL;
  gint64 found = 0;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);

  locker = _sky_catalog_hold (self);
  return _sky_catalog_query_int (self->db,
                                 "SELECT EXISTS (SELECT 1 FROM sheet s "
                                 "  JOIN service v ON v.sheet_id = s.id "
                                 "  WHERE s.effective_date <= sky_today ())",
                                 &found, error) &&
         found != 0;
}

GPtrArray *
sky_catalog_list_sheets (SkyCatalog  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SkyCatalogLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);

  locker = _sky_catalog_hold (self);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT s.provider, p.name, s.version, s.effective_date, s.currency, "
                          "       s.source, s.retrieved, s.imported_at, s.offer_count, "
                          "       s.id IN (" SKY_CURRENT_SHEETS_SQL "), "
                          "       s.effective_date > sky_today (), "
                          "       coalesce (p.short_name, p.name), s.id "
                          "FROM sheet s JOIN provider p ON p.id = s.provider "
                          "ORDER BY s.provider, s.effective_date DESC, s.id DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot list the price sheets"));
      return NULL;
    }

  sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_sheet_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SkySheetInfo *info = g_new0 (SkySheetInfo, 1);
      gint64 id = sqlite3_column_int64 (stmt, 12);

      info->provider = _sky_catalog_column_dup (stmt, 0);
      info->provider_name = _sky_catalog_column_dup (stmt, 1);
      info->version = _sky_catalog_column_dup (stmt, 2);
      info->effective_date = _sky_catalog_column_dup (stmt, 3);
      info->currency = _sky_catalog_column_dup (stmt, 4);
      info->source = _sky_catalog_column_dup (stmt, 5);
      info->retrieved = _sky_catalog_column_dup (stmt, 6);
      info->imported_at = _sky_catalog_column_dup (stmt, 7);
      info->offers = sqlite3_column_int64 (stmt, 8);
      info->current = sqlite3_column_int (stmt, 9) != 0;
      info->upcoming = sqlite3_column_int (stmt, 10) != 0;
      info->provider_short_name = _sky_catalog_column_dup (stmt, 11);
      g_ptr_array_add (sheets, info);
      g_array_append_val (ids, id);
    }
  /* Every sheet's services in one statement, which works out the current ones once. */
  if (rc == SQLITE_DONE)
    {
      g_autoptr(GHashTable) services = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              NULL,
                                                              (GDestroyNotify) sheet_services_free);
      g_autoptr(sqlite3_stmt) services_stmt = NULL;

      for (guint i = 0; i < ids->len; i++)
        g_hash_table_insert (services, &g_array_index (ids, gint64, i), sheet_services_new ());
      if (sqlite3_prepare_v2 (self->db, SHEET_SERVICES_SQL (""), -1, &services_stmt,
                              NULL) != SQLITE_OK ||
          !read_sheet_services (services_stmt, services))
        rc = SQLITE_ERROR;
      for (guint i = 0; rc == SQLITE_DONE && i < sheets->len; i++)
        {
          SkySheetInfo *info = g_ptr_array_index (sheets, i);

          sheet_services_steal (g_hash_table_lookup (services, &g_array_index (ids, gint64, i)),
                                &info->current_services, &info->superseded_services,
                                &info->superseded_by);
        }
    }
  if (rc != SQLITE_DONE)
    g_clear_pointer (&sheets, g_ptr_array_unref);
  if (sheets == NULL)
    _sky_catalog_db_error (self->db, error, _("Cannot list the price sheets"));
  return g_steal_pointer (&sheets);
}

/* The regions of @provider's current sheets, code then name, sorted by name; one entry per
 * code. */
GPtrArray *
sky_catalog_list_provider_regions (SkyCatalog  *self,
                                   const char  *provider,
                                   GError     **error)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT code, min (name) FROM region "
                          "WHERE sheet_id IN (" SKY_CURRENT_SHEETS_SQL ") "
                          "  AND sheet_id IN (SELECT id FROM sheet WHERE provider = ?1) "
                          "GROUP BY code ORDER BY min (name), code",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot list the regions"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (regions, _sky_catalog_column_dup (stmt, 0));
      g_ptr_array_add (regions, _sky_catalog_column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot list the regions"));
      return NULL;
    }
  return g_steal_pointer (&regions);
}

void
sky_sheet_info_free (SkySheetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->provider);
  g_free (info->provider_name);
  g_free (info->provider_short_name);
  g_free (info->version);
  g_free (info->effective_date);
  g_free (info->currency);
  g_free (info->source);
  g_free (info->retrieved);
  g_free (info->imported_at);
  g_strfreev (info->current_services);
  g_strfreev (info->superseded_services);
  g_strfreev (info->superseded_by);
  g_free (info);
}

/* What changed between two sheets ----------------------------------------------------------- */

/* One side of the comparison: a sheet's offers in SKU and region order. */
typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      done;
} DiffSide;

static gboolean
diff_step (sqlite3     *db,
           DiffSide    *side,
           GError     **error)
{
  int rc = sqlite3_step (side->stmt);

  side->done = rc != SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot compare the price sheets"));
  return TRUE;
}

/* The columns of an offer: 0 id, 1 SKU, 2 region (a word id), 3 its row's variant, 4 prices. */
static int
diff_compare_offers (sqlite3_stmt *a,
                     sqlite3_stmt *b)
{
  int c = g_strcmp0 ((const char *) sqlite3_column_text (a, 1),
                     (const char *) sqlite3_column_text (b, 1));
  gint64 ra, rb;

  if (c != 0)
    return c;
  ra = sqlite3_column_int64 (a, 2);
  rb = sqlite3_column_int64 (b, 2);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

static GPtrArray *
diff_prices (sqlite3_stmt  *stmt,
             GError       **error)
{
  GPtrArray *prices = _sky_catalog_decode_prices ((const char *) sqlite3_column_text (stmt, 4));

  if (prices == NULL)
    _sky_catalog_unreadable_prices (error, sqlite3_column_int64 (stmt, 0));
  return prices;
}

/* How @b's price stands to @a's: by amount, then upfront fee (none is 0), then the tiers'
 * amounts in order; exact, as integers of the smallest unit. */
static int
diff_compare_price (const SkyOfferPrice *a,
                    const SkyOfferPrice *b)
{
  gint64 fa = a->has_upfront_fee ? a->upfront_fee : 0;
  gint64 fb = b->has_upfront_fee ? b->upfront_fee : 0;

  if (a->amount != b->amount)
    return b->amount < a->amount ? -1 : 1;
  if (fa != fb)
    return fb < fa ? -1 : 1;
  for (guint i = 0; i < a->tiers->len && i < b->tiers->len; i++)
    {
      const SkyOfferTier *ta = g_ptr_array_index (a->tiers, i);
      const SkyOfferTier *tb = g_ptr_array_index (b->tiers, i);

      if (ta->amount != tb->amount)
        return tb->amount < ta->amount ? -1 : 1;
    }
  return 0;
}

/* The prices of one offer in both sheets, matched by purchase option and unit (in their order
 * where an offer has two of the same); an offer whose row changed has new prices only. */
static void
diff_offer_prices (GPtrArray    *old_prices,
                   GPtrArray    *new_prices,
                   gboolean      same_row,
                   SkySheetDiff *diff)
{
  g_autofree gboolean *matched = g_new0 (gboolean, new_prices->len + 1);

  for (guint i = 0; i < old_prices->len; i++)
    {
      const SkyOfferPrice *a = g_ptr_array_index (old_prices, i);
      const SkyOfferPrice *b = NULL;

      for (guint j = 0; same_row && b == NULL && j < new_prices->len; j++)
        {
          const SkyOfferPrice *candidate = g_ptr_array_index (new_prices, j);

          if (!matched[j] && g_strcmp0 (a->term, candidate->term) == 0 &&
              g_strcmp0 (a->unit, candidate->unit) == 0)
            {
              matched[j] = TRUE;
              b = candidate;
            }
        }
      if (b == NULL)
        diff->prices_gone++;
      else
        {
          int c = diff_compare_price (a, b);

          if (c < 0)
            diff->prices_lower++;
          else if (c > 0)
            diff->prices_higher++;
          else
            diff->prices_unchanged++;
        }
    }
  for (guint j = 0; j < new_prices->len; j++)
    if (!matched[j])
      diff->prices_new++;
}

static gboolean
find_sheet (sqlite3     *db,
            const char  *provider,
            const char  *version,
            gint64      *id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM sheet WHERE provider = ?1 AND version = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot compare the price sheets"));
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot compare the price sheets"));
  g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_SUCH_SHEET,
               _("The catalog holds no sheet %s %s"), provider, version);
  return FALSE;
}

/**
 * sky_catalog_diff_sheets:
 *
 * Counts what changed from @provider's sheet @old_version to its sheet @new_version: offers
 * added and removed, and prices lower, higher, unchanged, new and gone (see SkySheetDiff). Only
 * the services the new sheet holds are compared, so that a sheet of some services of a
 * provider does not count the others' offers as removed. The offers are read in SKU order from
 * both sheets at once, one at a time.
 */
gboolean
sky_catalog_diff_sheets (SkyCatalog    *self,
                         const char    *provider,
                         const char    *old_version,
                         const char    *new_version,
                         SkySheetDiff  *diff,
                         GError       **error)
{
  /* The variant packs the row's attributes as the price table does (PRICE_VARIANT()). */
  static const char sql[] =
    "SELECT o.id, o.sku, o.region, "
    "  coalesce (o.software, 0) << 12 | o.capacity << 8 | o.licence << 4 | o.tenancy, "
    "  o.prices "
    "FROM offer_row o JOIN service sv ON sv.id = o.service_id "
    "WHERE o.sheet_id = ?1 AND sv.code IN (SELECT code FROM service WHERE sheet_id = ?2) "
    "ORDER BY o.sku, o.region";
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) old_stmt = NULL;
  g_autoptr(sqlite3_stmt) new_stmt = NULL;
  DiffSide old_side = { NULL, FALSE }, new_side = { NULL, FALSE };
  SkySheetDiff counts = { 0 };
  gint64 old_id = -1, new_id = -1;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);
  g_return_val_if_fail (old_version != NULL, FALSE);
  g_return_val_if_fail (new_version != NULL, FALSE);
  g_return_val_if_fail (diff != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!find_sheet (self->db, provider, old_version, &old_id, error) ||
      !find_sheet (self->db, provider, new_version, &new_id, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &old_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, sql, -1, &new_stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (self->db, error, _("Cannot compare the price sheets"));
  sqlite3_bind_int64 (old_stmt, 1, old_id);
  sqlite3_bind_int64 (old_stmt, 2, new_id);
  sqlite3_bind_int64 (new_stmt, 1, new_id);
  sqlite3_bind_int64 (new_stmt, 2, new_id);
  old_side.stmt = old_stmt;
  new_side.stmt = new_stmt;

  if (!diff_step (self->db, &old_side, error) || !diff_step (self->db, &new_side, error))
    return FALSE;
  while (!old_side.done || !new_side.done)
    {
      int c = old_side.done ? 1 : new_side.done ? -1
              : diff_compare_offers (old_stmt, new_stmt);
      g_autoptr(GPtrArray) old_prices = NULL;
      g_autoptr(GPtrArray) new_prices = NULL;

      if (c <= 0 && (old_prices = diff_prices (old_stmt, error)) == NULL)
        return FALSE;
      if (c >= 0 && (new_prices = diff_prices (new_stmt, error)) == NULL)
        return FALSE;
      if (c < 0)
        {
          counts.offers_removed++;
          counts.prices_gone += old_prices->len;
        }
      else if (c > 0)
        {
          counts.offers_added++;
          counts.prices_new += new_prices->len;
        }
      else
        diff_offer_prices (old_prices, new_prices,
                           sqlite3_column_int64 (old_stmt, 3) ==
                           sqlite3_column_int64 (new_stmt, 3), &counts);
      if ((c <= 0 && !diff_step (self->db, &old_side, error)) ||
          (c >= 0 && !diff_step (self->db, &new_side, error)))
        return FALSE;
    }
  *diff = counts;
  return TRUE;
}

/* A number with the locale's thousands separator: "1,020". */
static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/**
 * sky_sheet_diff_describe:
 *
 * What changed, in words: "312 prices lower, 45 higher, 1,020 new, 7 gone, 9,800 unchanged;
 * 80 offers added, 2 removed" (the offers when any were added or removed).
 */
char *
sky_sheet_diff_describe (const SkySheetDiff *diff)
{
  g_autofree char *lower = NULL;
  g_autofree char *higher = NULL;
  g_autofree char *added = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *unchanged = NULL;
  GString *text;

  g_return_val_if_fail (diff != NULL, NULL);

  lower = format_count (diff->prices_lower);
  higher = format_count (diff->prices_higher);
  added = format_count (diff->prices_new);
  gone = format_count (diff->prices_gone);
  unchanged = format_count (diff->prices_unchanged);
  text = g_string_new (NULL);
  /* Translators: counts of prices: "312 prices lower, 45 higher, 1,020 new, 7 gone, 9,800
   * unchanged"; the plural form follows the first. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%s price lower, %s higher, %s new, %s gone, "
                                             "%s unchanged",
                                             "%s prices lower, %s higher, %s new, %s gone, "
                                             "%s unchanged", diff->prices_lower),
                          lower, higher, added, gone, unchanged);
  if (diff->offers_added > 0 || diff->offers_removed > 0)
    {
      g_autofree char *offers_added = format_count (diff->offers_added);
      g_autofree char *offers_removed = format_count (diff->offers_removed);

      g_string_append (text, "; ");
      /* Translators: counts of offers: "80 offers added, 2 removed"; the plural form follows
       * the first. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s offer added, %s removed",
                                                 "%s offers added, %s removed",
                                                 diff->offers_added),
                              offers_added, offers_removed);
    }
  return g_string_free (text, FALSE);
}
