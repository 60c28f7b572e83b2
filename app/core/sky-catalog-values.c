/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "sky-catalog-private.h"
#include "sky-catalog-import-private.h"

/* The values the catalog's prices hold in the columns a search names value by value: the
 * buckets (PRICE_BUCKET()) that hold prices, the units, sizes, architectures, regions and
 * services. A search names only the buckets that hold prices, and a search at least a size or
 * sorted by a column names each value there is (see sky-catalog-search.c); learning them from
 * the price table takes a look-up in an index for each value, each in a page of its own: some
 * sixty look-ups, the larger part of an empty search's time, for the buckets alone.
 *
 * So they are kept in the table price_value, one row per column and value, written here
 * whenever the prices change: in the transaction of each import and each removal of a sheet
 * (and by the migration that made the table), so that it never disagrees with the prices, and
 * a search reads them in its own read transaction, in one statement per column. Writing them
 * takes those look-ups once per import instead of once per search. */

/* The columns kept, each with the index whose first column it is (NULL: the price key's). */
static const struct
{
  const char *column;
  const char *index;
} kept_columns[] = {
  { "bucket", NULL },
  { "unit", "price_by_unit" },
  { "vcpu", "price_by_vcpu" },
  { "memory", "price_by_memory" },
  { "arch", "price_by_arch" },
  { "region", "price_by_region" },
  { "service_id", "price_by_service" },
};

/* The values of @column in the price table above @above, in order, by a look-up each in
 * @index, whose first column it is: NULL when there are more than @most. NULLs are not
 * values. */
static GArray *
probe_values (sqlite3    *db,
              const char *column,
              const char *index,
              gint64      above,
              guint       most)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT min (%s) FROM price%s%s WHERE %s > ?1",
                                          column, index != NULL ? " INDEXED BY " : "",
                                          index != NULL ? index : "", column);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  for (;;)
    {
      sqlite3_bind_int64 (stmt, 1, above);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_INTEGER)
        break;
      above = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (values->len == most)
        return NULL;
      g_array_append_val (values, above);
    }
  return g_steal_pointer (&values);
}

/* Writes the values of the kept columns anew from the price table, in the transaction under
 * way (price_value only: see _sky_catalog_write_values()). A failure is said as @what, the
 * caller's message. */
gboolean
_sky_catalog_write_kept_values (sqlite3     *db,
                                const char  *what,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!_sky_catalog_exec (db, "DELETE FROM price_value", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT INTO price_value (name, value) VALUES (?1, ?2)", -1,
                          &insert, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, what);
  for (gsize i = 0; i < G_N_ELEMENTS (kept_columns); i++)
    {
      g_autoptr(GArray) values = probe_values (db, kept_columns[i].column,
                                               kept_columns[i].index, G_MININT64, G_MAXUINT);

      if (values == NULL)
        return _sky_catalog_db_error (db, error, what);
      sqlite3_bind_text (insert, 1, kept_columns[i].column, -1, SQLITE_STATIC);
      for (guint k = 0; k < values->len; k++)
        {
          sqlite3_bind_int64 (insert, 2, g_array_index (values, gint64, k));
          if (sqlite3_step (insert) != SQLITE_DONE)
            return _sky_catalog_db_error (db, error, what);
          sqlite3_reset (insert);
        }
    }
  return TRUE;
}

/* Which services, operating systems and sizes the offers hold together, in price_meet: a row
 * for each (service, OS, vCPU count, memory) some offers hold, with how many, and the least
 * and greatest of their names. Each price holds its offer's, so that a search of a least size
 * or an OS sorted by a size or a service learns from them which of the sort's values none of
 * its prices holds, and leaves out their parts, each of which it would read whole for none (at
 * 1,000,000 offers, at least 64 vCPUs by memory: every price of the memory sizes below 128
 * GiB), and which index reads a service's part in the fewest prices; a search by name starts
 * its walk of the names at the first its offers may have. Written whole from every offer, in
 * the table's order (SQLite's GROUP BY would sort them), by the migration that made the table;
 * an import counts its own offers the same way as it writes them. */
gboolean
_sky_catalog_write_meets (sqlite3     *db,
                          const char  *what,
                          GError     **error)
{
  g_autoptr(SkyImportTally) tally = _sky_import_tally_new ();
  g_autoptr(sqlite3_stmt) read = NULL;
  int rc;

  if (!_sky_catalog_exec (db, "DELETE FROM price_meet", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT service_id, os, vcpu, memory, name FROM offer_row", -1,
                          &read, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, what);
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      gint64 value[4];

      for (int i = 0; i < 4; i++)
        value[i] = sqlite3_column_type (read, i) == SQLITE_NULL
                   ? -1 : sqlite3_column_int64 (read, i);
      _sky_import_tally_add_meet (tally, value[0], value[1], value[2], value[3],
                                  (const char *) sqlite3_column_text (read, 4),
                                  sqlite3_column_bytes (read, 4));
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, what);
  return _sky_import_tally_write_meets (tally, db, what, error);
}

/* The units of the prices of each row's offers in the table of names (schema 27), written by
 * the migration that made the column: the offers in the order of their ids, each with the units
 * of its prices, read beside them in the same order from the index of prices by offer (a read
 * of each table once, rather than a look-up of each offer's prices), counted as an import
 * counts its own. */
gboolean
_sky_catalog_write_name_units (sqlite3     *db,
                               const char  *what,
                               GError     **error)
{
  g_autoptr(SkyImportTally) tally = _sky_import_tally_new ();
  g_autoptr(sqlite3_stmt) offers = NULL;
  g_autoptr(sqlite3_stmt) prices = NULL;
  gint64 price_offer = -1, price_unit = 0;
  int rc, price_rc = SQLITE_ROW;

  if (sqlite3_prepare_v2 (db, "SELECT id, service_id, ifnull (vcpu, -1), ifnull (memory, -1), "
                              "ifnull (architecture, -1), name FROM offer_row ORDER BY id", -1,
                          &offers, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT offer_seq >> 10, unit FROM price INDEXED BY price_by_offer "
                              "ORDER BY offer_seq, variant", -1, &prices, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, what);
  while ((rc = sqlite3_step (offers)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (offers, 0);
      guint64 units = 0;

      /* The prices of the offers before it (none, but of a removed offer's) passed over. */
      while (price_rc == SQLITE_ROW && price_offer <= id)
        {
          if (price_offer == id)
            units |= SKY_UNIT_BIT (price_unit);
          price_rc = sqlite3_step (prices);
          if (price_rc == SQLITE_ROW)
            {
              price_offer = sqlite3_column_int64 (prices, 0);
              price_unit = sqlite3_column_type (prices, 1) == SQLITE_INTEGER
                           ? sqlite3_column_int64 (prices, 1) : -1;
            }
        }
      _sky_import_tally_add (tally, sqlite3_column_int64 (offers, 1), -1,
                             sqlite3_column_int64 (offers, 2), sqlite3_column_int64 (offers, 3),
                             sqlite3_column_int64 (offers, 4), units,
                             (const char *) sqlite3_column_text (offers, 5),
                             sqlite3_column_bytes (offers, 5));
    }
  if (rc != SQLITE_DONE || (price_rc != SQLITE_ROW && price_rc != SQLITE_DONE))
    return _sky_catalog_db_error (db, error, what);
  return _sky_import_tally_write_units (tally, db, what, error);
}

/* Writes the values the prices hold anew from the price table, in the transaction under way:
 * called after an import or a removal has changed the prices, before it commits. A failure is
 * said as @what, the caller's message. Which values they hold together (price_meet), whose rows
 * are each of one service, is not written anew from every offer: an import adds its services'
 * rows, counted as it wrote its offers (sky-catalog-import-tally.c; at 1,000,000 offers the
 * whole record took 360 ms of processor time), and a removal takes its services' rows out with
 * them (_sky_catalog_unindex_sheet()). */
gboolean
_sky_catalog_write_values (sqlite3     *db,
                           const char  *what,
                           GError     **error)
{
  return _sky_catalog_write_kept_values (db, what, error);
}

/* The values the prices hold in @column above @above, in order, as the catalog keeps them
 * (one of the kept columns), or else as the price table's @index finds them: NULL when there
 * are more than @most, or they cannot be read. Read in the caller's read transaction, they are
 * those of the prices it reads. */
GArray *
_sky_catalog_read_values (sqlite3    *db,
                          const char *column,
                          const char *index,
                          gint64      above,
                          guint       most)
{
  g_autoptr(GArray) values = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean kept = FALSE;
  int rc;

  for (gsize i = 0; i < G_N_ELEMENTS (kept_columns); i++)
    kept = kept || g_strcmp0 (kept_columns[i].column, column) == 0;
  if (!kept)
    return probe_values (db, column, index, above, most);

  if (sqlite3_prepare_v2 (db, "SELECT value FROM price_value WHERE name = ?1 AND value > ?2 "
                              "ORDER BY value LIMIT ?3", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, above);
  /* One more than @most: enough to tell that there are too many. */
  sqlite3_bind_int64 (stmt, 3, most < G_MAXUINT ? (gint64) most + 1 : -1);
  values = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      if (values->len == most)
        return NULL;
      g_array_append_val (values, value);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&values) : NULL;
}
