/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sky-catalog.h"
#include "sky-catalog-match.h"
#include "sky-catalog-import-private.h"
#include "sky-catalog-private.h"
#include "sky-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  SkyCatalog *catalog;
} Fixture;

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Writes a copy of valid-small.xml with its version, date and one price changed. */
static char *
write_variant (Fixture    *f,
               const char *version,
               const char *date,
               const char *std2_price)
{
  g_autofree char *source = fixture_file ("valid-small.xml");
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup_printf ("variant-%s.xml", version);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = NULL;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  s = g_string_new (text);
  g_string_replace (s, "version=\"2026.1\"", version, 1);
  g_string_replace (s, "effective-date=\"2026-01-01\"", date, 1);
  g_string_replace (s, "term=\"on-demand\" amount=\"0.0960\"", std2_price, 1);
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A variant of valid-small.xml in force from 2099-01-01, its standard-2 at 0.0500 an hour. */
static char *
write_future_variant (Fixture *f)
{
  return write_variant (f, "version=\"2099.1\"", "effective-date=\"2099-01-01\"",
                        "term=\"on-demand\" amount=\"0.0500\"");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sky_test_make_dir ();
  f->path = g_build_filename (f->dir, "catalog.db", NULL);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->catalog);
  sky_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static SkyImportResult *
import_ok (Fixture    *f,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  SkyImportResult *result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
import_fixture (Fixture *f)
{
  g_autofree char *path = fixture_file ("valid-small.xml");
  g_autoptr(SkyImportResult) result = import_ok (f, path);

  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
}

/* Every row @sql gives from @db, a line each, its columns as text. */
static void
append_rows (GString    *s,
             sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (s, '\n');
    }
  sqlite3_finalize (stmt);
}

/* Every row of every table, as text: two equal snapshots mean an unchanged catalog. */
static char *
snapshot (const char *path)
{
  static const char * const tables[] = { "provider", "sheet", "region", "service", "offer",
                                         "price", "word" };
  GString *s = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);

      g_string_append_printf (s, "[%s]\n", tables[t]);
      append_rows (s, db, sql);
    }
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

/* The first column of the first row @sql gives, read from the catalog at @path. */
static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
pragma (const char *path,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);

  return query_int (path, sql);
}

static void
test_new_catalog (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sky_catalog_has_sheets (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (pragma (f->path, "application_id"), ==, 0x536b7954);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = fixture_file ("valid-small.xml");
  g_autoptr(SkyImportResult) result = import_ok (f, path);
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  SkySheetInfo *info;

  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpstr (result->provider, ==, "examplecloud");
  g_assert_cmpstr (result->version, ==, "2026.1");
  g_assert_cmpuint (result->offers, ==, 5);
  g_assert_true (result->current);
  g_assert_null (result->superseded);

  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 1);
  info = g_ptr_array_index (sheets, 0);
  g_assert_cmpstr (info->provider_name, ==, "Example Cloud");
  g_assert_cmpstr (info->effective_date, ==, "2026-01-01");
  g_assert_cmpstr (info->currency, ==, "USD");
  g_assert_cmpuint (info->offers, ==, 5);
  g_assert_true (info->current);
  g_assert_true (sky_catalog_has_sheets (f->catalog, NULL));
}

static void
test_reimport_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_file ("valid-small.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SkyImportResult) result = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  result = import_ok (f, path);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_UNCHANGED);
  g_assert_cmpstr (result->version, ==, "2026.1");
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_same_version_other_content (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *variant = write_variant (f, "version=\"2026.1\"",
                                            "effective-date=\"2026-01-01\"",
                                            "term=\"on-demand\" amount=\"0.0970\"");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  SkyImportResult *result;

  import_fixture (f);
  before = snapshot (f->path);
  result = sky_catalog_import_file (f->catalog, variant, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT);
  g_assert_nonnull (strstr (error->message, "new version"));
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* valid-small.xml with each pair of @replacements (NULL-terminated) replaced, every time, in
 * the file @name of the fixture's folder. */
static char *
write_edited (Fixture            *f,
              const char         *name,
              const char * const *replacements)
{
  g_autofree char *source = fixture_file ("valid-small.xml");
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &text, NULL, &error));
  s = g_string_new (text);
  for (gsize i = 0; replacements[i] != NULL; i += 2)
    g_assert_cmpuint (g_string_replace (s, replacements[i], replacements[i + 1], 0), >, 0);
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));
  return path;
}

/* A sheet that differs from an imported one only in how it is written (blank space, quotes, a
 * comment) is the same sheet: importing it changes nothing and says so. One that differs in
 * anything stored is refused. */
static void
test_reimport_same_content (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const layout[] = {
    "<source retrieved=\"2026-01-02\" url=\"https://example.com/prices\">",
    "<source retrieved='2026-01-02' url='https://example.com/prices'>\n  <!-- here -->  ",
    "amount=\"0.0960\"", "amount='0.0960'",
    "/>", " />",
    "\" ", "\"\n        ",
    "\n", "\n\n  \t",
    NULL
  };
  static const char * const region[] = { "name=\"US East\"", "name=\"US-East\"", NULL };
  static const char * const service[] = { "sla=\"99.95\"", "sla=\"99.96\"", NULL };
  static const char * const source[] = { "by hand", "by hand,", NULL };
  static const char * const feature[] = { "Up to 10 Gbps", "Up to 25 Gbps", NULL };
  static const char * const price[] = {
    "\n      <price unit=\"gb-second\" term=\"on-demand\" free-quantity=\"400000\" "
    "amount=\"0.0000166667\"/>", "",
    NULL
  };
  static const char * const offer[] = {
    "\n  <service id=\"functions\" name=\"Functions\" category=\"serverless\" "
    "sla=\"99.95\">\n"
    "    <offer sku=\"fn-us\" name=\"Function invocations\" region=\"us-east\">\n"
    "      <price unit=\"million-requests\" term=\"on-demand\" free-quantity=\"1\" "
    "amount=\"0.20\"/>\n"
    "      <price unit=\"gb-second\" term=\"on-demand\" free-quantity=\"400000\" "
    "amount=\"0.0000166667\"/>\n"
    "    </offer>\n"
    "  </service>", "",
    NULL
  };
  static const char * const * const changes[] = { region, service, source, feature, price,
                                                  offer };
  g_autofree char *same = write_edited (f, "same.xml", layout);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SkyImportResult) result = NULL;

  import_fixture (f);
  before = snapshot (f->path);

  result = import_ok (f, same);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_UNCHANGED);
  g_assert_cmpuint (result->offers, ==, 5);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);

  for (gsize i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *name = g_strdup_printf ("changed-%" G_GSIZE_FORMAT ".xml", i);
      g_autofree char *changed = write_edited (f, name, changes[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;

      g_assert_null (sky_catalog_import_file (f->catalog, changed, NULL, NULL, NULL, &error));
      g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT);
      now = snapshot (f->path);
      g_assert_cmpstr (before, ==, now);
    }
}

static GPtrArray *
search (Fixture              *f,
        const SkySearchQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *listings = sky_catalog_search (f->catalog, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listings);
  return listings;
}

static gint64
std2_on_demand_price (Fixture *f)
{
  SkySearchQuery q = { .text = "std-2", .term = "on-demand" };
  g_autoptr(GPtrArray) rows = search (f, &q);

  g_assert_cmpuint (rows->len, ==, 1);
  return ((SkyListing *) g_ptr_array_index (rows, 0))->price;
}

static void
test_version_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *newer = write_variant (f, "version=\"2026.2\"", "effective-date=\"2026-02-01\"",
                                          "term=\"on-demand\" amount=\"0.0900\"");
  g_autofree char *older = write_variant (f, "version=\"2025.12\"",
                                          "effective-date=\"2025-12-01\"",
                                          "term=\"on-demand\" amount=\"0.1100\"");
  g_autoptr(SkyImportResult) r_newer = NULL;
  g_autoptr(SkyImportResult) r_older = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));

  r_newer = import_ok (f, newer);
  g_assert_cmpint (r_newer->status, ==, SKY_IMPORT_ADDED);
  g_assert_true (r_newer->current);
  g_assert_cmpstr (r_newer->superseded, ==, "2026.1");
  /* Searches use the current sheet only. */
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));

  /* An older sheet is kept, listed, and does not become current. */
  r_older = import_ok (f, older);
  g_assert_cmpint (r_older->status, ==, SKY_IMPORT_ADDED);
  g_assert_false (r_older->current);
  g_assert_null (r_older->superseded);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));

  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 3);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->version, ==, "2026.2");
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->current);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 1))->version, ==, "2026.1");
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 1))->current);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 2))->version, ==, "2025.12");
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 2))->current);
}

/* A sheet of @provider @version effective on @date, with a region and no offer. */
static char *
write_empty_sheet (Fixture    *f,
                   const char *version,
                   const char *date)
{
  return sky_test_write_empty_sheet (f->dir, version, date);
}

/* A sheet without offers would become current and hide the provider's prices: it is refused,
 * the catalog unchanged. */
static void
test_import_empty_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *empty = write_empty_sheet (f, "2026.9", "2026-02-01");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  result = sky_catalog_import_file (f->catalog, empty, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_OFFERS);
  g_assert_nonnull (strstr (error->message, "has no offers"));
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));

  /* Forced, it is imported; as it lists no service, it is current for none, and hides none of
   * the provider's prices. */
  g_clear_error (&error);
  result = sky_catalog_import_file_full (f->catalog, empty, SKY_IMPORT_FLAGS_FORCE, NULL, NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpuint (result->offers, ==, 0);
  g_assert_false (result->current);
  g_assert_false (result->upcoming);
  g_assert_null (result->superseded);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
}

/* A sheet is current from its effective date on, not before: of a provider's sheets, the one
 * with the latest effective date that is not after today. */
static void
test_current_from_effective_date (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *future = write_future_variant (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f);
  result = import_ok (f, future);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_false (result->current);
  g_assert_true (result->upcoming);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->version, ==, "2099.1");
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->current);
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->upcoming);
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (sheets, 1))->current);

  /* On its date, it is current. */
  g_setenv ("SKYTALLY_TODAY", "2099-01-01", TRUE);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (500000000));
  g_clear_pointer (&sheets, g_ptr_array_unref);
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->current);
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->upcoming);
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 1))->current);
  g_unsetenv ("SKYTALLY_TODAY");
}

/* Whether the catalog has a current sheet, without listing them: a sheet in force today, as
 * the list of the sheets says; a sheet only upcoming is not. */
static void
test_has_current_sheets (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *future = write_future_variant (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  g_assert_false (sky_catalog_has_current_sheets (f->catalog, &error));
  g_assert_no_error (error);

  result = import_ok (f, future);
  g_assert_true (result->upcoming);
  g_assert_true (sky_catalog_has_sheets (f->catalog, NULL));
  g_assert_false (sky_catalog_has_current_sheets (f->catalog, &error));
  g_assert_no_error (error);
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_false (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->current);

  /* On its date, it is current. */
  g_setenv ("SKYTALLY_TODAY", "2099-01-01", TRUE);
  g_assert_true (sky_catalog_has_current_sheets (f->catalog, NULL));

  /* Before it, a sheet in force is. */
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f);
  g_assert_true (sky_catalog_has_current_sheets (f->catalog, NULL));
  g_unsetenv ("SKYTALLY_TODAY");
}

/* The rows of the catalog's tables that name a sheet it no longer holds. */
static gint64
orphans (const char *path)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM price WHERE sheet_id NOT IN (SELECT id FROM sheet))"
    " + (SELECT count(*) FROM offer_row WHERE sheet_id NOT IN (SELECT id FROM sheet))"
    " + (SELECT count(*) FROM service WHERE sheet_id NOT IN (SELECT id FROM sheet))"
    " + (SELECT count(*) FROM region WHERE sheet_id NOT IN (SELECT id FROM sheet))"
    " + (SELECT count(*) FROM provider WHERE id NOT IN (SELECT provider FROM sheet))";

  return query_int (path, sql);
}

/* The columns whose values the catalog keeps (sky-catalog-values.c). */
static const char * const kept_columns[] = { "bucket", "unit", "vcpu", "memory", "arch",
                                             "region", "service_id" };

/* The values the catalog at @path keeps of each column, or, when @held, those its prices hold,
 * as text: "column: value value …" a line each. */
static char *
price_values (const char *path,
              gboolean    held)
{
  GString *s = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (gsize i = 0; i < G_N_ELEMENTS (kept_columns); i++)
    {
      const char *c = kept_columns[i];
      g_autofree char *sql = held
        ? g_strdup_printf ("SELECT group_concat (v, ' ') FROM (SELECT DISTINCT %s AS v "
                           "FROM price WHERE %s IS NOT NULL ORDER BY v)", c, c)
        : g_strdup_printf ("SELECT group_concat (value, ' ') FROM (SELECT value "
                           "FROM price_value WHERE name = '%s' ORDER BY value)", c);

      g_string_append_printf (s, "%s: ", c);
      append_rows (s, db, sql);
    }
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

/* The values the catalog at @path keeps are those its prices hold. */
static void
assert_values_kept (const char *path)
{
  g_autofree char *kept = price_values (path, FALSE);
  g_autofree char *held = price_values (path, TRUE);

  g_assert_cmpstr (kept, ==, held);
}

/* The values of the columns a search names value by value are kept as the prices change: an
 * import adds those of its sheet, a removal takes away those no other sheet has, and an import
 * that fails or changes nothing leaves them. */
static void
test_price_values (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other = fixture_file ("other-small.xml");
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-sku.xml",
                                                NULL);
  g_autofree char *empty = price_values (f->path, TRUE);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *again = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  assert_values_kept (f->path);
  import_fixture (f);
  assert_values_kept (f->path);
  one = price_values (f->path, FALSE);
  g_assert_cmpstr (one, !=, empty);

  result = import_ok (f, other);
  assert_values_kept (f->path);
  two = price_values (f->path, FALSE);
  g_assert_cmpstr (two, !=, one);
  /* The same sheet again changes nothing. */
  g_clear_pointer (&result, sky_import_result_free);
  result = import_ok (f, other);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_UNCHANGED);
  again = price_values (f->path, FALSE);
  g_assert_cmpstr (again, ==, two);
  /* A sheet refused part of the way through its offers. */
  g_clear_pointer (&result, sky_import_result_free);
  result = sky_catalog_import_file (f->catalog, bad, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&again, g_free);
  again = price_values (f->path, FALSE);
  g_assert_cmpstr (again, ==, two);

  g_assert_true (sky_catalog_remove_sheet (f->catalog, "othercloud", "7", &error));
  g_assert_no_error (error);
  assert_values_kept (f->path);
  g_clear_pointer (&again, g_free);
  again = price_values (f->path, FALSE);
  g_assert_cmpstr (again, ==, one);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, g_free);
  again = price_values (f->path, FALSE);
  g_assert_cmpstr (again, ==, empty);
}

/* Removing a sheet takes its offers and prices with it, and the provider's latest other sheet
 * is current again; a sheet the catalog does not hold is an error that changes nothing. */
static void
test_remove_sheet (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *newer = write_variant (f, "version=\"2026.2\"", "effective-date=\"2026-02-01\"",
                                          "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_fixture (f);
  result = import_ok (f, newer);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));

  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.2", &error));
  g_assert_no_error (error);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 1);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->version, ==, "2026.1");
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->current);
  g_assert_cmpint (orphans (f->path), ==, 0);
  g_assert_true (sky_catalog_check (f->catalog, &error));

  before = snapshot (f->path);
  g_assert_false (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.2", &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_SUCH_SHEET);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* The last one: the provider is gone too. */
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.1", &error));
  g_assert_no_error (error);
  g_assert_false (sky_catalog_has_sheets (f->catalog, NULL));
  g_assert_cmpint (orphans (f->path), ==, 0);

  /* It can be imported again. */
  g_clear_pointer (&result, sky_import_result_free);
  result = import_ok (f, newer);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));
}

/* A sheet of examplecloud @version, effective @date, that holds its compute service only: std-2
 * in us-east at @amount an hour on demand. */
static char *
write_compute_only (Fixture    *f,
                    const char *version,
                    const char *date,
                    const char *amount)
{
  g_autofree char *name = g_strdup_printf ("compute-%s.xml", version);
  g_autofree char *text = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
    "  <provider id=\"examplecloud\" name=\"Example Cloud\"/>\n"
    "  <sheet version=\"%s\" effective-date=\"%s\" currency=\"USD\"/>\n"
    "  <source retrieved=\"2026-01-02\">Compute only.</source>\n"
    "  <region code=\"us-east\" name=\"US East\" geography=\"US\"/>\n"
    "  <service id=\"vm\" name=\"Virtual Machines\" category=\"compute\">\n"
    "    <offer sku=\"std-2-us\" name=\"std-2\" region=\"us-east\" vcpu=\"2\" memory-gib=\"8\""
    "           os=\"linux\">\n"
    "      <price unit=\"hour\" term=\"on-demand\" amount=\"%s\"/>\n"
    "    </offer>\n"
    "  </service>\n"
    "</price-sheet>\n", version, date, amount);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The price of the egress offer in the current sheets, 0 when none is found. */
static gint64
egress_price (Fixture *f)
{
  SkySearchQuery q = { .text = "egress-us", .term = "on-demand" };
  g_autoptr(GPtrArray) rows = search (f, &q);

  g_assert_cmpuint (rows->len, <=, 1);
  return rows->len == 1 ? ((SkyListing *) g_ptr_array_index (rows, 0))->price : 0;
}

static SkySheetInfo *
sheet_info (GPtrArray  *sheets,
            const char *version)
{
  for (guint i = 0; i < sheets->len; i++)
    if (g_strcmp0 (((SkySheetInfo *) g_ptr_array_index (sheets, i))->version, version) == 0)
      return g_ptr_array_index (sheets, i);
  g_assert_not_reached ();
}

/* Which sheet is current is decided per service: a newer sheet of the provider's compute only
 * takes over its compute, and leaves the older sheet current for its network and serverless
 * services, which searches, look-ups by SKU and matching still find; the sheet list says which
 * sheet is current for what. */
static void
test_current_per_service (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *compute = write_compute_only (f, "2026.2", "2026-02-01", "0.0800");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *version = NULL;
  SkySheetInfo *old, *new;
  SkyRequirement network = { .category = "network", .unit = "gb", .term = "on-demand" };
  gint64 id;

  import_fixture (f);
  g_assert_cmpint (egress_price (f), >, 0);
  result = import_ok (f, compute);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_true (result->current);
  g_assert_cmpstr (result->superseded, ==, "2026.1");
  g_assert_cmpstrv (result->current_services, ((const char *[]) { "vm", NULL }));
  g_assert_null (sky_import_result_describe (result));

  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (800000000));
  g_assert_cmpint (egress_price (f), >, 0);
  id = sky_catalog_find_offer (f->catalog, "examplecloud", NULL, "egress-us", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  id = sky_catalog_cheapest_offer (f->catalog, "examplecloud", NULL, &network, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* The older sheet's std-2 is no longer current; its version still finds it. */
  g_assert_cmpint (sky_catalog_find_offer (f->catalog, "examplecloud", "2026.1", "std-2-us",
                                           &error), !=,
                   sky_catalog_find_offer (f->catalog, "examplecloud", NULL, "std-2-us",
                                           &error));
  g_assert_no_error (error);
  version = sky_catalog_current_version (f->catalog, "examplecloud", &error);
  g_assert_cmpstr (version, ==, "2026.2");

  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 2);
  new = sheet_info (sheets, "2026.2");
  old = sheet_info (sheets, "2026.1");
  g_assert_true (new->current);
  g_assert_true (old->current);
  g_assert_cmpstrv (new->current_services, ((const char *[]) { "vm", NULL }));
  g_assert_cmpuint (g_strv_length (new->superseded_services), ==, 0);
  g_assert_null (sky_sheet_info_describe (new));
  g_assert_cmpstrv (old->current_services, ((const char *[]) { "egress", "functions", NULL }));
  g_assert_cmpstrv (old->superseded_services, ((const char *[]) { "vm", NULL }));
  g_assert_cmpstrv (old->superseded_by, ((const char *[]) { "2026.2", NULL }));
  state = sky_sheet_info_describe (old);
  g_assert_cmpstr (state, ==, "current for egress, functions; superseded for vm by 2026.2");

  /* Matching looks in every current sheet of the provider, which it lists once. */
  {
    SkyRequirement servers_req = { .category = "compute", .min_vcpu_milli = 2000 };
    g_autoptr(GPtrArray) found = sky_catalog_match (f->catalog, NULL, &network, 730, 5, &error);
    g_autoptr(GPtrArray) servers = NULL;
    SkyMatchResult *r;

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    r = g_ptr_array_index (found, 0);
    g_assert_cmpuint (r->matches->len, ==, 1);
    g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sheet_version, ==,
                     "2026.1");
    servers = sky_catalog_match (f->catalog, NULL, &servers_req, 730, 5, &error);
    g_assert_no_error (error);
    r = g_ptr_array_index (servers, 0);
    g_assert_cmpuint (r->matches->len, >=, 1);
    for (guint i = 0; i < r->matches->len; i++)
      g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, i))->offer->sheet_version,
                       ==, "2026.2");
  }
}

/* An older sheet imported after a newer one of some of its services is current for the others
 * only, and replaces no sheet: the import says so. */
static void
test_current_per_service_older_later (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *compute = write_compute_only (f, "2026.2", "2026-02-01", "0.0800");
  g_autofree char *sheet = fixture_file ("valid-small.xml");
  g_autoptr(SkyImportResult) first = NULL;
  g_autoptr(SkyImportResult) older = NULL;
  g_autofree char *state = NULL;

  first = import_ok (f, compute);
  g_assert_true (first->current);
  g_assert_null (first->superseded);
  older = import_ok (f, sheet);
  g_assert_true (older->current);
  g_assert_false (older->upcoming);
  g_assert_null (older->superseded);
  g_assert_cmpstrv (older->current_services, ((const char *[]) { "egress", "functions", NULL }));
  g_assert_cmpstrv (older->superseded_by, ((const char *[]) { "2026.2", NULL }));
  state = sky_import_result_describe (older);
  g_assert_cmpstr (state, ==, "current for egress, functions; superseded for vm by 2026.2");
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (800000000));
  g_assert_cmpint (egress_price (f), >, 0);
}

/* Of two sheets of one service with the same effective date, the one imported last is
 * current for it. */
static void
test_current_per_service_tie (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *first = write_compute_only (f, "2026.1a", "2026-01-01", "0.0800");
  g_autofree char *second = write_compute_only (f, "2026.1b", "2026-01-01", "0.0700");
  g_autoptr(SkyImportResult) r1 = NULL;
  g_autoptr(SkyImportResult) r2 = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  r1 = import_ok (f, first);
  g_assert_true (r1->current);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (800000000));
  r2 = import_ok (f, second);
  g_assert_true (r2->current);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (700000000));
  g_assert_cmpint (egress_price (f), >, 0);

  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_false (sheet_info (sheets, "2026.1a")->current);
  g_assert_cmpstrv (sheet_info (sheets, "2026.1a")->superseded_by,
                    ((const char *[]) { "2026.1b", NULL }));
  g_assert_cmpstrv (sheet_info (sheets, "2026.1")->current_services,
                    ((const char *[]) { "egress", "functions", NULL }));
}

/* A sheet of one service effective later is upcoming for it: until its date the older sheet
 * stays current for every service, from then on for the others only. */
static void
test_current_per_service_upcoming (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *later = write_compute_only (f, "2099.1", "2099-01-01", "0.0500");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f);
  result = import_ok (f, later);
  g_assert_false (result->current);
  g_assert_true (result->upcoming);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (sheet_info (sheets, "2026.1")->current_services,
                    ((const char *[]) { "vm", "egress", "functions", NULL }));
  g_assert_cmpuint (g_strv_length (sheet_info (sheets, "2099.1")->current_services), ==, 0);
  g_assert_cmpuint (g_strv_length (sheet_info (sheets, "2099.1")->superseded_services), ==, 1);

  g_setenv ("SKYTALLY_TODAY", "2099-01-01", TRUE);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (500000000));
  g_assert_cmpint (egress_price (f), >, 0);
  g_clear_pointer (&sheets, g_ptr_array_unref);
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (sheet_info (sheets, "2099.1")->current_services,
                    ((const char *[]) { "vm", NULL }));
  g_assert_cmpstrv (sheet_info (sheets, "2026.1")->superseded_services,
                    ((const char *[]) { "vm", NULL }));
  g_unsetenv ("SKYTALLY_TODAY");
}

/* Removing the sheet current for a service makes the next one current for it. */
static void
test_current_per_service_remove (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *compute = write_compute_only (f, "2026.2", "2026-02-01", "0.0800");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  result = import_ok (f, compute);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (800000000));
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.2", &error));
  g_assert_no_error (error);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (sheet_info (sheets, "2026.1")->current_services,
                    ((const char *[]) { "vm", "egress", "functions", NULL }));
  g_assert_cmpint (orphans (f->path), ==, 0);

  /* And the other way round: without the older sheet, only compute is left. */
  g_clear_pointer (&result, sky_import_result_free);
  result = import_ok (f, compute);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.1", &error));
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (800000000));
  g_assert_cmpint (egress_price (f), ==, 0);
}

/* Removing a bundled sheet records that the user declined them: it is not loaded again. */
static void
test_remove_bundled_declines (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  SkyImportResult *aws = NULL;
  SkyBundledSheets state;

  seeded = sky_catalog_seed (f->catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < seeded->len; i++)
    if (g_strcmp0 (((SkyImportResult *) g_ptr_array_index (seeded, i))->provider, "aws") == 0)
      aws = g_ptr_array_index (seeded, i);
  g_assert_nonnull (aws);

  g_assert_true (sky_catalog_remove_sheet (f->catalog, "aws", aws->version, &error));
  g_assert_no_error (error);
  g_assert_true (sky_catalog_get_bundled_sheets (f->catalog, &state, &error));
  g_assert_cmpint (state, ==, SKY_BUNDLED_SHEETS_DECLINED);
  again = sky_catalog_seed (f->catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpint (orphans (f->path), ==, 0);
}

static void
test_bad_sheet_changes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *before = NULL;
  const char *name;
  guint tried = 0;

  import_fixture (f);
  before = snapshot (f->path);

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      SkyImportResult *result;

      result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, path));
      after = snapshot (f->path);
      g_assert_cmpstr (before, ==, after);
      tried++;
    }
  /* Every kind of bad sheet in tests/data/bad was tried. */
  g_assert_cmpuint (tried, >=, 22);
}

static void
test_cancel_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *newer = write_variant (f, "version=\"2026.2\"", "effective-date=\"2026-02-01\"",
                                          "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  g_cancellable_cancel (cancellable);
  g_assert_null (sky_catalog_import_file (f->catalog, newer, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* A sheet with @n offers, several MiB long, written here. */
static char *
write_long_sheet (Fixture *f,
                  guint    n)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "long.xml", NULL);

  sky_test_append_sheet_start (s, "longcloud", "Long Cloud");
  g_string_append (s,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s,
                            "    <offer sku=\"vm-%u\" name=\"vm %u\" region=\"eu\" "
                            "vcpu=\"%u\" memory-gib=\"%u\" os=\"linux\">\n"
                            "      <feature key=\"note\" value=\"a fairly long feature value "
                            "to make the sheet longer\"/>\n"
                            "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.%04u\"/>\n"
                            "      <price unit=\"hour\" term=\"spot\" amount=\"0.%04u\"/>\n"
                            "    </offer>\n", i, i, 1 + i % 64, 4 * (1 + i % 64), i % 10000,
                            i % 5000);
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
cancel_on_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  /* Cancel once some of the sheet has been read, and so written. */
  if (done > total / 3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_midway_changes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *sheet = write_long_sheet (f, 40000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SkyImportResult) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  g_assert_null (sky_catalog_import_file (f->catalog, sheet, cancellable, cancel_on_progress,
                                          cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);

  /* The same sheet, not cancelled, goes in whole. */
  g_clear_error (&error);
  result = sky_catalog_import_file (f->catalog, sheet, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->offers, ==, 40000);
}

static void
cancel_at_end (guint64  done,
               guint64  total,
               gpointer user_data)
{
  /* Once the whole sheet is read: its prices are still to be written. */
  if (done == total)
    g_cancellable_cancel (user_data);
}

/* An import cancelled once its sheet is read, while the prices of its spilled batches are
 * written, stops and leaves the catalog as it was. */
static void
test_cancel_writing_prices (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sheet = write_long_sheet (f, 20000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  _sky_catalog_set_import_batch_prices (1000);
  g_assert_null (sky_catalog_import_file (f->catalog, sheet, cancellable, cancel_at_end,
                                          cancellable, &error));
  _sky_catalog_set_import_batch_prices (0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE type = 'index' AND name = 'price_by_offer'"), ==, 1);
}

/* A disk that fills up during an import: the import fails and says so, and the catalog is left
 * as it was. The child process may write no file beyond 1 MiB, as on a full disk; the sheet
 * needs several. */
static void
test_import_full_disk (void)
{
  Fixture f = { NULL, NULL, NULL };
  g_autofree char *sheet = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(SkyCatalog) catalog = sky_catalog_open (g_getenv ("SKYTALLY_TEST_CATALOG"),
                                                        &error);
      struct rlimit limit = { 1 << 20, 1 << 20 };

      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_null (sky_catalog_import_file (catalog, g_getenv ("SKYTALLY_TEST_SHEET"), NULL,
                                              NULL, NULL, &error));
      g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE);
      g_printerr ("%s\n", error->message);
      return;
    }

  fixture_setup (&f, NULL);
  import_fixture (&f);
  sheet = write_long_sheet (&f, 40000);
  g_clear_object (&f.catalog);
  before = snapshot (f.path);

  g_setenv ("SKYTALLY_TEST_CATALOG", f.path, TRUE);
  g_setenv ("SKYTALLY_TEST_SHEET", sheet, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*long.xml: not imported (the catalog is unchanged): *"
                             "catalog.db could not be written; the disk may be full*");

  after = snapshot (f.path);
  g_assert_cmpstr (before, ==, after);
  f.catalog = sky_catalog_open (f.path, &error);
  g_assert_no_error (error);
  g_assert_true (sky_catalog_check (f.catalog, &error));
  g_assert_no_error (error);
  result = import_ok (&f, sheet);
  g_assert_cmpuint (result->offers, ==, 40000);
  fixture_teardown (&f, NULL);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SkyImportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sky_catalog_import_file_finish (SKY_CATALOG (object), result, &error);
  g_assert_no_error (error);
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_file ("valid-small.xml");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) sheets = NULL;

  sky_catalog_import_file_async (f->catalog, path, NULL, NULL, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpuint (result->offers, ==, 5);

  /* The worker wrote through a connection of its own; this one sees the sheet too. */
  sheets = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (sheets->len, ==, 1);
}
/* Offers each with a family, storage type and operating system of its own, and a region of
 * seven: the catalog keeps such texts as numbers, and a new one comes at every point of an
 * import's batches. */
static void
test_many_words (Fixture       *f,
                 gconstpointer  data)
{
  const guint n = 1500;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "words.xml", NULL);
  g_autoptr(SkyImportResult) result = NULL;

  sky_test_append_sheet_start (s, "wordcloud", "Word Cloud");
  for (guint r = 0; r < 7; r++)
    g_string_append_printf (s, "  <region code=\"r%u\" name=\"Region %u\" geography=\"EU\"/>\n",
                            r, r);
  g_string_append (s, "  <service id=\"vm\" name=\"VMs\" category=\"compute\" sla=\"99.9\">\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s,
                            "    <offer sku=\"vm-%u\" name=\"vm %u\" region=\"r%u\" "
                            "family=\"family %u\" storage-type=\"disk-%u\" os=\"os-%u\">\n"
                            "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.%04u\"/>\n"
                            "    </offer>\n", i, i, i % 7, i, i, i, i + 1);
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  result = import_ok (f, path);
  g_assert_cmpuint (result->offers, ==, n);

  for (guint i = 0; i < n; i += 149)
    {
      g_autofree char *os = g_strdup_printf ("os-%u", i);
      g_autofree char *region = g_strdup_printf ("r%u", i % 7);
      g_autofree char *sku = g_strdup_printf ("vm-%u", i);
      g_autofree char *family = g_strdup_printf ("family %u", i);
      g_autofree char *storage = g_strdup_printf ("disk-%u", i);
      g_autoptr(GPtrArray) rows = search (f, &(SkySearchQuery) { .os = os, .region = region });
      const SkyListing *l;
      g_autoptr(SkyOfferDetails) details = NULL;

      g_assert_cmpuint (rows->len, ==, 1);
      l = g_ptr_array_index (rows, 0);
      g_assert_cmpstr (l->sku, ==, sku);
      g_assert_cmpstr (l->os, ==, os);
      g_assert_cmpstr (l->region, ==, region);
      g_assert_cmpstr (l->family, ==, family);
      g_assert_cmpstr (l->storage_type, ==, storage);
      g_assert_cmpstr (l->sla, ==, "99.9");
      details = sky_catalog_get_offer (f->catalog, l->offer_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (details->sku, ==, sku);
      g_assert_cmpstr (details->family, ==, family);
      g_assert_cmpstr (details->os, ==, os);
      g_assert_cmpstr (details->region, ==, region);
    }
}

/* A sheet of @n offers, vm-0 … vm-(n - 1), three lines each; the offer at @dup_at (if it is
 * below @n) takes the SKU of offer @dup_of instead, and *@dup_line says on which line. */
static char *
write_sheet_with_repeat (Fixture *f,
                         guint    n,
                         guint    dup_at,
                         guint    dup_of,
                         long    *dup_line)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "long.xml", NULL);

  sky_test_append_sheet_start (s, "longcloud", "Long Cloud");
  g_string_append (s, "  <region code=\"r0\" name=\"Region 0\" geography=\"EU\"/>\n"
                      "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  for (guint i = 0; i < n; i++)
    {
      if (i == dup_at)
        {
          *dup_line = 1;
          for (const char *p = s->str; *p != '\0'; p++)
            *dup_line += *p == '\n';
        }
      g_string_append_printf (s,
                              "    <offer sku=\"vm-%u\" name=\"vm %u\" region=\"r0\">\n"
                              "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.%04u\"/>\n"
                              "    </offer>\n", i == dup_at ? dup_of : i, i, i % 9999 + 1);
    }
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* With an SKU set bounded small enough to spill many times, a SKU that repeats one of long
 * before is still refused, named where it repeats, and the catalog is left as it was; a sheet
 * without repeats imports whole. */
static void
test_duplicate_across_spills (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  long line = 0;

  import_fixture (f);
  before = snapshot (f->path);
  _sky_catalog_set_import_sku_slots (256);

  path = write_sheet_with_repeat (f, 3000, 2500, 7, &line);
  g_assert_cmpint (line, >, 7000);
  result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_DUPLICATE);
  expected = g_strdup_printf ("%s:%ld:12: SKU “vm-7” appears twice in the sheet", path, line);
  g_assert_cmpstr (error->message, ==, expected);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  g_clear_pointer (&path, g_free);
  path = write_sheet_with_repeat (f, 3000, G_MAXUINT, 0, &line);
  result = import_ok (f, path);
  g_assert_cmpuint (result->offers, ==, 3000);
  g_assert_cmpint (query_int (f->path, "SELECT count(DISTINCT sku) FROM offer_row "
                                       "WHERE sku LIKE 'vm-%'"), ==, 3000);
  _sky_catalog_set_import_sku_slots (0);
}

/* The price table's rows, in its order, as text. */
static char *
dump_prices (const char *path)
{
  GString *s = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  append_rows (s, db, "SELECT * FROM price ORDER BY bucket, amount, offer_seq");
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

/* A sheet whose prices are written in several batches, each spilled to a temporary file and all
 * merged at the end, is stored exactly as one written in a single batch: the same price rows,
 * among them many equal in all but their offer. */
static void
test_import_spilled_prices (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "tied.xml", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *spilled = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(SkyCatalog) other = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sky_test_append_sheet_start (s, "tiedcloud", "Tied Cloud");
  g_string_append (s, "  <region code=\"r0\" name=\"Region 0\" geography=\"EU\"/>\n"
                      "  <region code=\"r1\" name=\"Region 1\" geography=\"US\"/>\n"
                      "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (s,
                            "    <offer sku=\"vm-%u\" name=\"vm %u\" region=\"r%u\">\n"
                            "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.%u\"/>\n"
                            "      <price unit=\"hour\" term=\"spot\" amount=\"0.0%u\"/>\n"
                            "      <price unit=\"month\" term=\"on-demand\" amount=\"%u\"/>\n"
                            "    </offer>\n", i, i % 13, i % 2, i % 7 + 1, i % 5 + 1,
                            i % 3 + 1);
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_file_set_contents (sheet, s->str, s->len, &error);
  g_assert_no_error (error);

  _sky_catalog_set_import_batch_prices (700);
  result = import_ok (f, sheet);
  _sky_catalog_set_import_batch_prices (0);
  g_assert_cmpuint (result->offers, ==, 2000);
  spilled = dump_prices (f->path);
  g_clear_pointer (&result, sky_import_result_free);

  other = sky_catalog_open (other_path, &error);
  g_assert_no_error (error);
  result = sky_catalog_import_file (other, sheet, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_clear_object (&other);
  whole = dump_prices (other_path);

  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price"), ==, 6000);
  g_assert_cmpstr (spilled, ==, whole);
  /* The index of prices by offer, made again after the prices, holds every one. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE type = 'index' AND name = 'price_by_offer'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price INDEXED BY price_by_offer "
                                       "WHERE offer_seq >= 0"), ==, 6000);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
}

/* When the SKU set cannot spill (its temporary folder is missing), the import fails, names the
 * sheet and leaves the catalog as it was. */
static void
test_sku_spill_fails (void)
{
  Fixture f = { NULL, NULL, NULL };
  g_autofree char *sheet = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  long line = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(SkyCatalog) catalog = sky_catalog_open (g_getenv ("SKYTALLY_TEST_CATALOG"),
                                                        &error);

      g_assert_no_error (error);
      _sky_catalog_set_import_sku_slots (256);
      g_assert_null (sky_catalog_import_file (catalog, g_getenv ("SKYTALLY_TEST_SHEET"), NULL,
                                              NULL, NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      return;
    }

  fixture_setup (&f, NULL);
  import_fixture (&f);
  sheet = write_sheet_with_repeat (&f, 3000, G_MAXUINT, 0, &line);
  g_clear_object (&f.catalog);
  before = snapshot (f.path);

  g_setenv ("SKYTALLY_TEST_CATALOG", f.path, TRUE);
  g_setenv ("SKYTALLY_TEST_SHEET", sheet, TRUE);
  g_setenv ("TMPDIR", "/nonexistent/skytally-test", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("TMPDIR");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*long.xml: not imported (the catalog is unchanged): *"
                             "/nonexistent/skytally-test/skytally-skus-*");

  after = snapshot (f.path);
  g_assert_cmpstr (before, ==, after);
  fixture_teardown (&f, NULL);
}

/* The SKUs of the rows, in order, joined with spaces; each SKU once. */
static char *
skus (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const char *sku = ((SkyListing *) g_ptr_array_index (rows, i))->sku;
      if (last != NULL && strcmp (last, sku) == 0)
        continue;
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", sku);
      last = sku;
    }
  return g_string_free (s, FALSE);
}

#define ASSERT_SKUS(query, expected) G_STMT_START {        \
    g_autoptr(GPtrArray) rows_ = search (f, (query));      \
    g_autofree char *got_ = skus (rows_);                  \
    g_assert_cmpstr (got_, ==, (expected));                \
  } G_STMT_END

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  import_fixture (f);

  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .category = "compute" }),
               "std-2-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .provider = "nosuchcloud" }), "");
  ASSERT_SKUS ((&(SkySearchQuery) { .category = "nosuchcategory" }), "");
  ASSERT_SKUS ((&(SkySearchQuery) { .geography = "XX" }), "");
  ASSERT_SKUS ((&(SkySearchQuery) { .region = "nosuchregion" }), "");
  ASSERT_SKUS ((&(SkySearchQuery) { .region = "eu-central", .geography = "US" }), "");
  ASSERT_SKUS ((&(SkySearchQuery) { .provider = "examplecloud", .region = "eu-central" }),
               "mem-4-eu");
  ASSERT_SKUS ((&(SkySearchQuery) { .geography = "APAC" }), "cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .category = "serverless" }), "fn-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .category = "network" }), "egress-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .min_vcpu_milli = 4000 }), "mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .min_memory_mgib = 16000 }), "mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .min_memory_mgib = 16000, .sort = SKY_SORT_MEMORY }),
               "cpu-8-ap-win mem-4-eu");
  ASSERT_SKUS ((&(SkySearchQuery) { .os = "windows" }), "cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "spot" }), "std-2-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "reserved-1y-partial-upfront" }), "std-2-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .category = "compute", .term = "on-demand",
                                    .has_max_price = TRUE,
                                    .max_price = G_GINT64_CONSTANT (2520000000) }),
               "std-2-us mem-4-eu");
  ASSERT_SKUS ((&(SkySearchQuery) { .text = "invocation" }), "fn-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .text = "100%" }), "");
}

static void
test_search_sort_and_limit (Fixture       *f,
                            gconstpointer  data)
{
  SkySearchQuery by_price = { .term = "on-demand", .category = "compute" };
  SkySearchQuery by_vcpu = { .term = "on-demand", .category = "compute", .sort = SKY_SORT_VCPU };
  SkySearchQuery by_memory = { .term = "on-demand", .category = "compute",
                               .sort = SKY_SORT_MEMORY };
  SkySearchQuery page = { .term = "on-demand", .category = "compute", .limit = 1, .offset = 1 };
  g_autoptr(GPtrArray) rows = NULL;

  import_fixture (f);
  ASSERT_SKUS (&by_price, "std-2-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS (&by_vcpu, "std-2-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS (&by_memory, "std-2-us cpu-8-ap-win mem-4-eu");
  ASSERT_SKUS (&page, "mem-4-eu");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .category = "compute",
                                    .descending = TRUE }),
               "cpu-8-ap-win mem-4-eu std-2-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .category = "compute",
                                    .sort = SKY_SORT_MEMORY, .descending = TRUE }),
               "mem-4-eu cpu-8-ap-win std-2-us");

  rows = search (f, &by_price);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (((SkyListing *) g_ptr_array_index (rows, i - 1))->price, <=,
                     ((SkyListing *) g_ptr_array_index (rows, i))->price);
}

/* By unit price: the prices of each unit together, in the vocabulary's order of units (hour,
 * GB, GB-second, million requests), each unit's cheapest first; a unit filter keeps one. */
static void
test_search_sort_by_unit_price (Fixture       *f,
                                gconstpointer  data)
{
  SkySearchQuery by_unit = { .term = "on-demand", .sort = SKY_SORT_UNIT_PRICE };
  g_autoptr(GPtrArray) rows = NULL;

  import_fixture (f);
  ASSERT_SKUS (&by_unit, "std-2-us mem-4-eu cpu-8-ap-win egress-us fn-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .sort = SKY_SORT_UNIT_PRICE,
                                    .descending = TRUE }),
               "cpu-8-ap-win mem-4-eu std-2-us egress-us fn-us");
  /* By price alone, as before: the GB-second price first. */
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand" }),
               "fn-us egress-us std-2-us fn-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .unit = "hour",
                                    .sort = SKY_SORT_UNIT_PRICE }),
               "std-2-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .unit = "gb-second" }), "fn-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .unit = SKY_SEARCH_ANY,
                                    .sort = SKY_SORT_UNIT_PRICE }),
               "std-2-us mem-4-eu cpu-8-ap-win egress-us fn-us");

  rows = search (f, &by_unit);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpstr (((SkyListing *) g_ptr_array_index (rows, 4))->unit, ==, "gb-second");
  g_assert_cmpstr (((SkyListing *) g_ptr_array_index (rows, 5))->unit, ==, "million-requests");
}

/* A unit that is not in the vocabulary is refused, naming the units. */
static void
test_search_rejects_unknown_unit (Fixture       *f,
                                  gconstpointer  data)
{
  SkySearchQuery query = { .unit = "fortnight" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  import_fixture (f);
  rows = sky_catalog_search (f->catalog, &query, &error);
  g_assert_null (rows);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "fortnight"));
}

static int
term_position (const char *term)
{
  const char * const *terms = sky_terms ();

  for (int i = 0; terms[i] != NULL; i++)
    if (strcmp (terms[i], term) == 0)
      return i;
  g_assert_not_reached ();
}

/* The orders a table's columns give: by name, place, service, purchase option, and hourly
 * price per vCPU or GiB (0.048, 0.063, 0.092 per vCPU; 0.0120, 0.0079, 0.0460 per GiB). */
static void
test_search_sort_by_column (Fixture       *f,
                            gconstpointer  data)
{
  SkySearchQuery by_term = { .region = "us-east", .category = "compute", .sort = SKY_SORT_TERM };
  SkySearchQuery by_provider = { .sort = SKY_SORT_PROVIDER };
  g_autoptr(GPtrArray) rows = NULL;

  import_fixture (f);
#define COMPUTE(...) (&(SkySearchQuery) { .term = "on-demand", .category = "compute", __VA_ARGS__ })
  ASSERT_SKUS (COMPUTE (.sort = SKY_SORT_PER_VCPU), "std-2-us mem-4-eu cpu-8-ap-win");
  ASSERT_SKUS (COMPUTE (.sort = SKY_SORT_PER_VCPU, .descending = TRUE),
               "cpu-8-ap-win mem-4-eu std-2-us");
  ASSERT_SKUS (COMPUTE (.sort = SKY_SORT_PER_GIB), "mem-4-eu std-2-us cpu-8-ap-win");
  ASSERT_SKUS (COMPUTE (.sort = SKY_SORT_REGION), "cpu-8-ap-win mem-4-eu std-2-us");
  ASSERT_SKUS (COMPUTE (.sort = SKY_SORT_REGION, .descending = TRUE),
               "std-2-us mem-4-eu cpu-8-ap-win");
#undef COMPUTE
  /* Names without regard to case: "cpu-8", "Data transfer…", "Function…", "mem-4", "std-2". */
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .sort = SKY_SORT_NAME }),
               "cpu-8-ap-win egress-us fn-us mem-4-eu std-2-us");
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .sort = SKY_SORT_NAME,
                                    .descending = TRUE }),
               "std-2-us mem-4-eu fn-us egress-us cpu-8-ap-win");
  /* Functions, Internet Egress, Virtual Machines; within a service, by price. */
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .sort = SKY_SORT_SERVICE }),
               "fn-us egress-us std-2-us mem-4-eu cpu-8-ap-win");
  /* Prices that are not hourly, or offers without vCPU, come last either way, by price:
   * 0.0000166667 per GB-second, egress's first tier, 0.20 per million requests. */
  ASSERT_SKUS ((&(SkySearchQuery) { .term = "on-demand", .sort = SKY_SORT_PER_VCPU,
                                    .descending = TRUE }),
               "cpu-8-ap-win mem-4-eu std-2-us fn-us egress-us fn-us");

  /* Purchase options in the order sky_terms() lists them: on-demand, spot, reserved 1 year
   * with no, partial and all upfront, …, savings plans. */
  rows = search (f, &by_term);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (term_position (((SkyListing *) g_ptr_array_index (rows, i - 1))->term), <,
                     term_position (((SkyListing *) g_ptr_array_index (rows, i))->term));
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = search (f, &by_provider);
  g_assert_cmpuint (rows->len, ==, 11);
}

/* @unit's place in the vocabulary's order. */
static int
unit_place (const char *unit)
{
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
    if (g_strcmp0 (sky_vocabulary_nth (SKY_VOCABULARY_UNIT, i)->id, unit) == 0)
      return (int) i;
  return -1;
}

/* A search's listings as "offer:term:unit:price" lines, in their order. */
static char *
listing_keys (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (rows, i);

      g_string_append_printf (s, "%" G_GINT64_FORMAT ":%s:%s:%" G_GINT64_FORMAT "\n",
                              l->offer_id, l->term, l->unit, l->price);
    }
  return g_string_free (s, FALSE);
}

static char *
search_keys (Fixture              *f,
             const SkySearchQuery *query)
{
  g_autoptr(GPtrArray) rows = search (f, query);

  return listing_keys (rows);
}

/* The listings of @query as a scan of every offer finds them, without the text index: what
 * each way through the index must list. */
static char *
scanned_keys (Fixture              *f,
              const SkySearchQuery *query)
{
  char *keys;

  _sky_catalog_set_text_index_disabled (TRUE);
  keys = search_keys (f, query);
  _sky_catalog_set_text_index_disabled (FALSE);
  return keys;
}

/* @query's @n listings, read a page of three at a time, are @whole (search_keys()). */
static void
assert_pages_of_three (Fixture              *f,
                       const SkySearchQuery *query,
                       guint                 n,
                       const char           *whole)
{
  g_autoptr(GString) pages = g_string_new (NULL);

  for (guint offset = 0; offset < n; offset += 3)
    {
      SkySearchQuery page = *query;
      g_autofree char *keys = NULL;

      page.limit = 3;
      page.offset = offset;
      keys = search_keys (f, &page);
      g_string_append (pages, keys);
    }
  g_assert_cmpstr (pages->str, ==, whole);
}

static guint64
count_of (Fixture              *f,
          const SkySearchQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  g_assert_true (sky_catalog_count (f->catalog, query, &count, &error));
  g_assert_no_error (error);
  return count;
}

/* The listings of @query through the text index, however many offers it finds, as if they were
 * many: checked price by price in the search's order on the first @probe prices (0: none), then,
 * if these do not fill the page, read through the index: from every price of the offers it
 * finds when they are at most @read_all, else in the search's order. */
static char *
search_keys_probed (Fixture              *f,
                    const SkySearchQuery *query,
                    gint64                probe,
                    gint64                read_all)
{
  char *keys;

  _sky_catalog_set_few_offers (0);
  _sky_catalog_set_text_probe_rows (probe);
  _sky_catalog_set_text_read_all (read_all);
  keys = search_keys (f, query);
  _sky_catalog_set_text_read_all (-1);
  _sky_catalog_set_text_probe_rows (-1);
  _sky_catalog_set_few_offers (-1);
  return keys;
}

/* The rows @offset to @offset + @limit of @keys (search_keys()). */
static char *
keys_page (const char *keys,
           guint       offset,
           guint       limit)
{
  g_auto(GStrv) lines = g_strsplit (keys, "\n", -1);
  GString *expected = g_string_new (NULL);

  /* An empty list splits into no lines at all; another ends with an empty one. */
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0' && i < offset + limit; i++)
    if (i >= offset)
      g_string_append_printf (expected, "%s\n", lines[i]);
  return g_string_free (expected, FALSE);
}

/* @query lists the prices, and counts as many, through the text index as if it found many
 * offers (their set checked first, every price in the search's order, no price checked
 * before), and page by page, as reading every offer does. */
static void
assert_text_set_as_scan (Fixture              *f,
                         const SkySearchQuery *query)
{
  SkySearchQuery page = *query;
  g_autofree char *scanned = NULL;
  g_autofree char *found = NULL;
  g_autofree char *paged = NULL;
  g_autofree char *expected = NULL;
  guint64 scan_count;

  _sky_catalog_set_text_index_disabled (TRUE);
  scanned = search_keys (f, query);
  scan_count = count_of (f, query);
  _sky_catalog_set_text_index_disabled (FALSE);
  found = search_keys_probed (f, query, 0, 0);
  g_assert_cmpstr (found, ==, scanned);
  _sky_catalog_set_few_offers (0);
  g_assert_cmpuint (count_of (f, query), ==, scan_count);
  _sky_catalog_set_few_offers (-1);
  page.limit = 2;
  page.offset = 1;
  paged = search_keys_probed (f, &page, 0, 0);
  expected = keys_page (scanned, 1, 2);
  g_assert_cmpstr (paged, ==, expected);

  /* The search's order walked first: not at all, for as few prices as leave the page to the
   * index (with what they held), stopped early for holding too few, or to the end; each run
   * read a price at a time or a few; the first three rows, and the page of two from the
   * second. */
  for (guint i = 0; i < 12; i++)
    {
      const gint64 budgets[] = { 0, 1, 2, 3, 5, 8, 13, 40, -1, -1, 200, 200 };
      const gint64 firsts[] = { -1, -1, -1, -1, 2, 3, 4, 8, 1, -1, 8, -1 };
      SkySearchQuery first = *query;
      g_autofree char *walked = NULL;
      g_autofree char *walked_page = NULL;
      g_autofree char *expected_first = keys_page (scanned, 0, 3);

      first.limit = 3;
      _sky_catalog_set_text_walk_budget (budgets[i], firsts[i], i % 2 == 0 ? 1 : -1);
      /* The offers of the names that hold the text known exactly, walked as far (or not at
       * all, or as far as they go). */
      _sky_catalog_set_text_named_walk (i % 3 == 0 ? -1 : i % 3 == 1 ? 0 : budgets[i],
                                        firsts[i]);
      /* Without the probes, by name: the names' index walked (NAME_WALK_SHARE). */
      walked = search_keys_probed (f, &first, i < 2 ? 0 : -1, -1);
      walked_page = search_keys_probed (f, &page, i < 2 ? 0 : -1, -1);
      _sky_catalog_set_text_named_walk (-1, -1);
      _sky_catalog_set_text_walk_budget (-1, -1, -1);
      g_assert_cmpstr (walked, ==, expected_first);
      g_assert_cmpstr (walked_page, ==, expected);
    }
}

/* A text search through the text index lists the prices, in the order and the number, that
 * reading every offer does: for the few offers it finds, for many (each price checked, or the
 * first prices in the search's order checked against the text, whether they fill the page or
 * not), and for a count; text of any case, in a SKU, in a service's name, with LIKE's own
 * characters, whose every three characters an offer holds but not in that order, or not
 * there at all; in every order, each way, with other filters and page by
 * page. */
static void
test_search_text_index (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const texts[] = {
    "std", "STD-2", "mem-4-eu", "-us", "cpu-8-AP-WIN", "Data transfer out", "FUNCTION",
    "Virtual", "machines", "egress", "nothing-such", "d-2", "ion invocations", "%-u",
    "_-2", "a\"b", "éte", "t-2-u", "-4-mem",
  };
  const SkySort sorts[] = {
    SKY_SORT_UNIT_PRICE, SKY_SORT_PRICE, SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY,
    SKY_SORT_PROVIDER, SKY_SORT_REGION, SKY_SORT_SERVICE, SKY_SORT_TERM, SKY_SORT_PER_VCPU,
    SKY_SORT_PER_GIB, SKY_SORT_ARCHITECTURE,
  };
  /* Texts many offers hold, few, a service's and none, with other filters. */
  static const char * const filtered_texts[] = { "-us", "std-2", "Virtual", "nothing-such" };
  const SkySearchQuery filters[] = {
    { .term = "on-demand" },
    { .category = "compute", .min_vcpu_milli = 2000 },
    { .os = "windows", .unit = "hour" },
    { .geography = "EU", .has_max_price = TRUE, .max_price = 1000000000 },
  };
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) second = NULL;

  import_fixture (f);
  /* Every service current: the set of offers found is checked on the prices' key alone. */
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        assert_text_set_as_scan (f, &(SkySearchQuery) { .text = texts[t], .sort = sorts[k],
                                                        .descending = descending });
  second = import_ok (f, variant);
  /* Every offer of both sheets is in the index. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"'"), ==, 2);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"EGR\"'"), ==, 2);

  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = { .text = texts[t], .sort = sorts[k],
                                   .descending = descending };
          SkySearchQuery page = query;
          g_autofree char *scanned = NULL;
          g_autofree char *few = NULL;
          g_autofree char *each = NULL;
          g_autofree char *paged = NULL;
          guint64 scan_count, few_count, set_count;

          _sky_catalog_set_text_index_disabled (TRUE);
          scanned = search_keys (f, &query);
          scan_count = count_of (f, &query);
          _sky_catalog_set_text_index_disabled (FALSE);
          few = search_keys (f, &query);
          few_count = count_of (f, &query);
          /* However few offers the index finds, as if they were many. */
          _sky_catalog_set_few_offers (0);
          each = search_keys (f, &query);
          set_count = count_of (f, &query);
          page.limit = 2;
          page.offset = 1;
          _sky_catalog_set_text_probe_rows (0);
          paged = search_keys (f, &page);
          _sky_catalog_set_text_probe_rows (-1);
          _sky_catalog_set_few_offers (-1);

          g_assert_cmpstr (few, ==, scanned);
          g_assert_cmpstr (each, ==, scanned);
          g_assert_cmpuint (few_count, ==, scan_count);
          g_assert_cmpuint (set_count, ==, scan_count);
          /* The first prices in the search's order checked against the text: all of them, or
           * as many as the page's last row's place, which may leave it to the index, or one,
           * then more if it held a row; the first three rows, and the page of two from the
           * second row, either way. */
          for (guint i = 0; i < 10; i++)
            {
              gint64 probe = i % 2 == 0 ? 3 : i < 4 ? -1 : 1;
              /* The index's offers, for a page the first prices did not fill: all of their
               * prices sorted, or the prices in the search's order; or, when the first prices
               * held some of the page's rows, the prices in the search's order by their key
               * first, as many as those rows say the page takes, as many as the page has rows
               * (which may not fill it), or all of them, then all of the offers' prices
               * sorted. */
              gint64 read_all = i < 2 || i >= 4 ? G_MAXINT64 : 0;
              gint64 walk_margin = i < 4 ? -1 : i < 6 ? 2 : i < 8 ? 0 : 100;
              SkySearchQuery first = query;
              g_autofree char *probed = NULL;
              g_autofree char *probed_page = NULL;
              g_autofree char *expected = NULL;

              first.limit = 3;
              _sky_catalog_set_text_walk (i < 4 ? -1 : 1000000, walk_margin);
              probed = search_keys_probed (f, &first, probe, read_all);
              expected = keys_page (scanned, 0, 3);
              g_assert_cmpstr (probed, ==, expected);
              probed_page = search_keys_probed (f, &page, probe, read_all);
              _sky_catalog_set_text_walk (-1, -1);
              g_clear_pointer (&expected, g_free);
              expected = keys_page (scanned, 1, 2);
              g_assert_cmpstr (probed_page, ==, expected);
            }
          /* The few offers found, their prices sorted and checked in that order: the same
           * page. */
          {
            g_autofree char *few_page = search_keys (f, &page);
            g_autofree char *expected = keys_page (scanned, 1, 2);

            g_assert_cmpstr (few_page, ==, expected);
          }
          /* The second and third rows of the whole list. */
          {
            g_auto(GStrv) lines = g_strsplit (scanned, "\n", -1);
            g_autoptr(GString) expected = g_string_new (NULL);

            /* An empty list splits into no lines at all. */
            for (guint i = 0; i < 3 && lines[i] != NULL && *lines[i] != '\0'; i++)
              if (i > 0)
                g_string_append_printf (expected, "%s\n", lines[i]);
            g_assert_cmpstr (paged, ==, expected->str);
          }
        }

  for (gsize t = 0; t < G_N_ELEMENTS (filtered_texts); t++)
    for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
      for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
        for (guint limit = 1; limit <= 3; limit += 2)
          {
            SkySearchQuery query = filters[q];
            g_autofree char *scanned = NULL;
            g_autofree char *expected = NULL;

            query.text = filtered_texts[t];
            query.sort = sorts[k];
            query.descending = limit == 3;
            scanned = scanned_keys (f, &query);
            query.limit = limit;
            expected = keys_page (scanned, 0, limit);
            /* The few offers found; as many as they are, through the index alone; as many
             * prices checked first as the page has rows; every price checked. */
            {
              g_autofree char *few = search_keys (f, &query);

              g_assert_cmpstr (few, ==, expected);
            }
            for (guint p = 0; p < 3; p++)
              {
                const gint64 probes[] = { 0, limit, -1 };
                g_autofree char *probed = search_keys_probed (f, &query, probes[p], -1);

                g_assert_cmpstr (probed, ==, expected);
              }
          }

  /* Found in any case, through the index. */
  g_assert_cmpuint (count_of (f, &(SkySearchQuery) { .text = "STD-2-US" }), >, 0);
  g_assert_cmpuint (count_of (f, &(SkySearchQuery) { .text = "nothing-such" }), ==, 0);
}

/* A search sorted by a column other than the price key's, read in parts by the column's
 * values, and a search of a least size, which names the sizes there are, list the prices, in
 * the order, that one sort of every price they keep lists: each sort, each way, whatever the
 * filters, whole and page by page. */
static void
test_search_parts (Fixture       *f,
                   gconstpointer  data)
{
  const SkySort sorts[] = {
    SKY_SORT_UNIT_PRICE, SKY_SORT_PRICE, SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_PROVIDER,
    SKY_SORT_NAME, SKY_SORT_REGION, SKY_SORT_SERVICE, SKY_SORT_TERM, SKY_SORT_PER_VCPU,
    SKY_SORT_PER_GIB, SKY_SORT_ARCHITECTURE,
  };
  const SkySearchQuery filters[] = {
    { 0 },
    { .os = "windows", .min_memory_mgib = 8000 },
    { .min_vcpu_milli = 3000, .architecture = "arm64" },
    { .term = "spot", .region = "us-east" },
    { .text = "Virtual" },
    { .provider = "examplecloud", .category = "compute", .min_vcpu_milli = 1000 },
    { .unit = "hour", .min_vcpu_milli = 2000, .geography = "US" },
    { .min_vcpu_milli = 1000000 },
    { .min_memory_mgib = 2000, .region = "nowhere" },
    /* One value of a column an index starts with: its runs read in price order. */
    { .os = "linux" },
    { .region = "us-east", .geography = "US" },
    /* A least size, in parts through the index of the size. */
    { .min_vcpu_milli = 2000 },
    { .min_memory_mgib = 4000, .term = "on-demand" },
    /* An architecture no price states. */
    { .architecture = "arm64" },
    /* By service, provider or region, only the buckets and units its values' prices hold. */
    { .os = "windows" },
    { .os = "linux", .region = "us-east", .min_memory_mgib = 4000 },
    /* A region alone, by a size smallest first: each size's part through the size's index. */
    { .region = "us-east" },
  };
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) second = NULL;

  import_fixture (f);
  second = import_ok (f, variant);

  for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = filters[q];
          g_autofree char *whole = NULL;
          g_autofree char *parts = NULL;
          g_auto(GStrv) lines = NULL;
          guint n;

          query.sort = sorts[k];
          query.descending = descending;
          _sky_catalog_set_search_parts_disabled (TRUE);
          whole = search_keys (f, &query);
          _sky_catalog_set_search_parts_disabled (FALSE);
          parts = search_keys (f, &query);
          g_assert_cmpstr (parts, ==, whole);

          /* Every page of one row and of two without a filter; with one, the second page of
           * two rows. */
          lines = g_strsplit (whole, "\n", -1);
          /* An empty list splits into no lines at all; another ends with an empty one. */
          n = *whole == '\0' ? 0 : g_strv_length (lines) - 1;
          for (guint offset = q == 0 ? 0 : 2; offset <= (q == 0 ? n : 2); offset++)
            for (guint limit = q == 0 ? 1 : 2; limit <= 2; limit++)
              {
                SkySearchQuery page = query;
                g_autoptr(GString) expected = g_string_new (NULL);
                g_autofree char *paged = NULL;

                page.limit = limit;
                page.offset = offset;
                paged = search_keys (f, &page);
                for (guint i = offset; i < MIN (n, offset + limit); i++)
                  g_string_append_printf (expected, "%s\n", lines[i]);
                g_assert_cmpstr (paged, ==, expected->str);
              }
        }
}

/* Ends the sheet @s and writes it to the file @name in the test's folder, whose path it
 * returns. */
static char *
save_sheet (Fixture    *f,
            GString    *s,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_string_append (s, "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A sheet whose hourly prices per vCPU and per GiB often tie, across sizes, regions,
 * purchase options and services; with free prices, prices of another unit and offers without
 * a size. */
static char *
write_per_size_sheet (Fixture *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  sky_test_append_sheet_start (s, "sizecloud", "Size Cloud");
  g_string_append (s,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <region code=\"us\" name=\"America\" geography=\"US\"/>\n");
  for (guint service = 0; service < 2; service++)
    {
      g_string_append_printf (s, "  <service id=\"vm%u\" name=\"VMs %u\" "
                                 "category=\"compute\">\n", service, service);
      for (guint i = 0; i < 24; i++)
        {
          guint vcpu = 1 << (i % 4);
          guint memory = 2 << (i % 3);

          g_string_append_printf (s, "    <offer sku=\"vm%u-%u\" name=\"vm %u\" "
                                     "region=\"%s\"",
                                  service, i, i, i % 5 < 3 ? "eu" : "us");
          /* Every seventh offer states no size. */
          if (i % 7 != 3)
            g_string_append_printf (s, " vcpu=\"%u\" memory-gib=\"%u\"", vcpu, memory);
          g_string_append_printf (s, ">\n"
                                     "      <price unit=\"hour\" term=\"on-demand\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "      <price unit=\"hour\" term=\"spot\" "
                                     "amount=\"0.%03u\"/>\n",
                                  (1 + i % 3) * vcpu * 4, (1 + (i + service) % 2) * memory * 3);
          if (i % 4 == 1)
            g_string_append (s, "      <price unit=\"gb-month\" term=\"on-demand\" "
                                "amount=\"0.002\"/>\n");
          /* Free prices, of several sizes and none: more than a small page holds. */
          if (i % 5 == 0)
            g_string_append (s, "      <price unit=\"hour\" term=\"dev-test\" "
                                "amount=\"0\"/>\n");
          g_string_append (s, "    </offer>\n");
        }
      g_string_append (s, "  </service>\n");
    }
  return save_sheet (f, s, "per-size.xml");
}

/* Whether the table of names holds each name of the catalog's offers once for each service,
 * size and architecture of its offers, and nothing else. */
static void
assert_names_kept (const char *path)
{
  /* Names compared in any case, as the table holds them. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM ("
                                    "SELECT name COLLATE NOCASE, service_id, ifnull (vcpu, -1), "
                                    "  ifnull (memory, -1), ifnull (architecture, -1) "
                                    "FROM offer_row EXCEPT "
                                    "SELECT name, service_id, vcpu, memory, arch "
                                    "FROM offer_name)"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM ("
                                    "SELECT name, service_id, vcpu, memory, arch "
                                    "FROM offer_name EXCEPT "
                                    "SELECT name, service_id, ifnull (vcpu, -1), "
                                    "  ifnull (memory, -1), ifnull (architecture, -1) "
                                    "FROM offer_row)"), ==, 0);
  /* Each row with how many offers it stands for. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM offer_name n WHERE offers != "
                                    "(SELECT count(*) FROM offer_row o "
                                    " WHERE o.name = n.name COLLATE NOCASE "
                                    " AND o.service_id = n.service_id "
                                    " AND ifnull (o.vcpu, -1) = n.vcpu "
                                    " AND ifnull (o.memory, -1) = n.memory "
                                    " AND ifnull (o.architecture, -1) = n.arch)"), ==, 0);
}

/* A text only services' names hold lists, by name, a size, the architecture and a price per
 * vCPU or GiB, each way, whole and a page from the second row, the prices a scan lists. */
static void
assert_services_text_as_scan (Fixture    *f,
                              const char *text)
{
  const SkySort sorts[] = {
    SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_ARCHITECTURE, SKY_SORT_PER_VCPU,
    SKY_SORT_PER_GIB,
  };

  for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = { .text = text, .sort = sorts[k], .descending = descending };
        SkySearchQuery page = query;
        g_autofree char *scanned = NULL;
        g_autofree char *found = NULL;
        g_autofree char *paged = NULL;
        g_autofree char *expected = NULL;

        scanned = scanned_keys (f, &query);
        found = search_keys (f, &query);
        g_assert_cmpstr (found, ==, scanned);
        page.offset = 1;
        page.limit = 2;
        paged = search_keys (f, &page);
        expected = keys_page (scanned, 1, 2);
        g_assert_cmpstr (paged, ==, expected);
      }
}

/* Every order the window sorts by, for the text tests of each way a text is found. */
static const SkySort text_sorts[] = {
  SKY_SORT_UNIT_PRICE, SKY_SORT_PRICE, SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY,
  SKY_SORT_PROVIDER, SKY_SORT_REGION, SKY_SORT_SERVICE, SKY_SORT_TERM, SKY_SORT_PER_VCPU,
  SKY_SORT_PER_GIB, SKY_SORT_ARCHITECTURE,
};

/* A sheet whose offers' names hold the texts of test_search_named_text(): a name alone
 * (twice, in two cases), one whose trigrams other names hold apart, one whose trigrams two
 * other names hold each, one an offer's SKU alone holds too; of sizes and none; in two
 * regions of one geography and one of another. */
static char *
write_named_sheet (Fixture *f)
{
  static const char * const offers[] = {
    /* sku, name */
    "n1", "ghijkl", "n2", "GHIJKL", "n3", "abcdef", "n4", "abc def", "n5", "klmnop",
    "n6", "klmxyz", "n7", "xyznop", "n8", "rstuvw", "n9-rstuvw-us", "other",
    "n10", "ghijkl", "n11", "plain",
  };
  g_autoptr(GString) s = g_string_new (NULL);

  sky_test_append_sheet_start (s, "namecloud", "Name Cloud");
  g_string_append (s,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <region code=\"eu-2\" name=\"Europe 2\" geography=\"EU\"/>\n"
                   "  <region code=\"us\" name=\"America\" geography=\"US\"/>\n");
  for (guint service = 0; service < 2; service++)
    {
      g_string_append_printf (s, "  <service id=\"s%u\" name=\"Kind %u\" "
                                 "category=\"%s\">\n", service, service,
                              service == 0 ? "compute" : "storage");
      for (guint i = 0; i < G_N_ELEMENTS (offers); i += 2)
        {
          guint n = i / 2 + service;

          g_string_append_printf (s, "    <offer sku=\"%s-%u\" name=\"%s\" region=\"%s\"",
                                  offers[i], service, offers[i + 1],
                                  n % 3 == 0 ? "us" : n % 2 == 0 ? "eu-2" : "eu");
          /* Every third offer of compute states no size. */
          if (service == 0 && n % 3 != 1)
            g_string_append_printf (s, " vcpu=\"%u\" memory-gib=\"%u\"", 1 << (n % 3),
                                    2 << (n % 4));
          g_string_append_printf (s, ">\n"
                                     "      <price unit=\"hour\" term=\"on-demand\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "      <price unit=\"hour\" term=\"spot\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "      <price unit=\"gb-month\" term=\"on-demand\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "    </offer>\n",
                                  (n * 7) % 13 + 1, (n * 5) % 11 + 1, (n * 3) % 7 + 1);
        }
      g_string_append (s, "  </service>\n");
    }
  return save_sheet (f, s, "named.xml");
}

/* A text offers' names hold, their offers known exactly (from the table of names and the text
 * index), lists in every order, each way, whole and page by page, what a scan lists: a name
 * alone, in any case; one whose trigrams are in other offers, the text in none of them; one
 * whose trigrams each other names hold but not together; one another offer's SKU alone holds;
 * one several names hold; with the walk of those offers whole, cut short, or not made, its reads
 * keeping every other offer's price, one in two or one in many; with a purchase option,
 * geography, category, unit or region. */
static void
test_search_named_text (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const texts[] = {
    "ghijkl", "GHIJ", "abcdef", "klmnop", "rstuvw", "hij", "nothing", "plain", "klm", "xyz",
    "def",
  };
  const SkySearchQuery filters[] = {
    { .term = "spot" },
    { .geography = "EU" },
    { .category = "storage" },
    { .unit = "gb-month" },
    { .unit = "hour", .term = "on-demand", .geography = "US" },
    { .region = "eu" },
    { .region = "eu-2", .term = "spot" },
    { .region = "nowhere" },
  };
  g_autofree char *named = write_named_sheet (f);
  g_autoptr(SkyImportResult) result = NULL;

  import_fixture (f);
  result = import_ok (f, named);
  assert_names_kept (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT offers FROM offer_name WHERE name = 'ghijkl' "
                                       "AND vcpu = -1 AND service_id = (SELECT id FROM service "
                                       "WHERE name = 'Kind 1')"), ==, 3);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (text_sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = { .text = texts[t], .sort = text_sorts[k],
                                   .descending = descending };
          g_autofree char *scanned = NULL;

          scanned = scanned_keys (f, &query);
          for (guint w = 0; w < 4; w++)
            for (guint offset = 0; offset < 3; offset++)
              {
                const gint64 budgets[] = { -1, 0, 1, 5 };
                const gint64 passes[] = { -1, 1, 2 };
                SkySearchQuery page = query;
                g_autofree char *few = NULL;
                g_autofree char *paged = NULL;
                g_autofree char *expected = keys_page (scanned, offset, 3);

                page.offset = offset;
                page.limit = 3;
                _sky_catalog_set_text_named_walk (budgets[w], w == 3 ? 2 : -1);
                _sky_catalog_set_text_walk_pass (passes[(w + offset) % 3]);
                /* As few as they are, and as if they were many. */
                few = search_keys (f, &page);
                paged = search_keys_probed (f, &page, -1, -1);
                _sky_catalog_set_text_walk_pass (-1);
                _sky_catalog_set_text_named_walk (-1, -1);
                g_assert_cmpstr (few, ==, expected);
                g_assert_cmpstr (paged, ==, expected);
              }
        }

  /* Of a purchase option, geography, category or unit: in the buckets and units they keep. */
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
      for (gsize k = 0; k < G_N_ELEMENTS (text_sorts); k++)
        for (guint offset = 0; offset < 2; offset++)
          {
            SkySearchQuery query = filters[q];
            g_autofree char *scanned = NULL;
            g_autofree char *few = NULL;
            g_autofree char *paged = NULL;
            g_autofree char *expected = NULL;

            query.text = texts[t];
            query.sort = text_sorts[k];
            query.descending = offset == 1;
            scanned = scanned_keys (f, &query);
            expected = keys_page (scanned, offset, 3);
            query.offset = offset;
            query.limit = 3;
            few = search_keys (f, &query);
            paged = search_keys_probed (f, &query, -1, -1);
            g_assert_cmpstr (few, ==, expected);
            g_assert_cmpstr (paged, ==, expected);
          }
}

/* A sheet whose offers' SKUs hold parts no name holds: the region's code ("-west-") and an
 * OS ("-win-", machines only), with other SKUs that hold some of those parts' trigrams but
 * not the parts ("-wes", "est-", "-wi", "in-"); the west's prices the dearest, of sizes whose
 * prices per vCPU or GiB are not in price order; a service ("Disks") before the machines by
 * name, without sizes. A few offers of every region hold "-west-x", and so "-west-", too. */
static char *
write_sku_sheet (Fixture *f)
{
  static const char * const regions[] = { "north", "south", "west" };
  g_autoptr(GString) s = g_string_new (NULL);

  sky_test_append_sheet_start (s, "skucloud", "SKU Cloud");
  g_string_append (s,
                   "  <region code=\"north\" name=\"North\" geography=\"EU\"/>\n"
                   "  <region code=\"south\" name=\"South\" geography=\"EU\"/>\n"
                   "  <region code=\"west\" name=\"West\" geography=\"US\"/>\n");
  for (guint service = 0; service < 2; service++)
    {
      g_string_append_printf (s, "  <service id=\"k%u\" name=\"%s\" category=\"%s\">\n",
                              service, service == 0 ? "Machines" : "Disks",
                              service == 0 ? "compute" : "storage");
      for (guint i = 0; i < 48; i++)
        {
          guint r = (i / 2) % 3;
          guint vcpu = 1 << (i % 4);
          guint memory = 2 << ((i / 4) % 3);
          guint mult = r + 1 + (r == 2 ? 3 : 0);
          const char *os = service == 0 && i % 4 == 1 ? "-win-" : i % 5 == 0 ? "-wi-nx" : "-";
          const char *noise = i % 7 == 2 ? "-wes" : i % 7 == 5 ? "est-" : "";

          g_string_append_printf (s, "    <offer sku=\"k%u%s-%s%s%u%s%s\" name=\"size %u\" "
                                     "region=\"%s\"", service, noise, regions[r], os, i,
                                  i % 6 == 4 ? "in-" : "", i % 16 == 13 ? "-west-x" : "",
                                  i % 6, regions[r]);
          /* The machines state a size, but every ninth. */
          if (service == 0 && i % 9 != 4)
            g_string_append_printf (s, " vcpu=\"%u\" memory-gib=\"%u\"", vcpu, memory);
          g_string_append_printf (s, ">\n"
                                     "      <price unit=\"%s\" term=\"on-demand\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "      <price unit=\"hour\" term=\"spot\" "
                                     "amount=\"0.%03u\"/>\n"
                                     "    </offer>\n",
                                  service == 0 ? "hour" : "gb-month",
                                  ((i * 7) % 11 + 1) * mult * 3, ((i * 5) % 13 + 2) * mult);
        }
      g_string_append (s, "  </service>\n");
    }
  return save_sheet (f, s, "sku.xml");
}

/* A text SKUs alone hold (no name, no service), which the index finds in many offers, lists in
 * every order, each way, page by page, what a scan lists: early in an order or late, the index's
 * trigrams in other offers too; with the walk of the search's order, each price's offer read or
 * first checked against one trigram's offers, whole, cut short or not made, and by region,
 * service or provider of the values those offers' prices have alone, when they are found; by
 * name, each name's offers of that trigram alone, from the first name, as told, or never. */
static void
test_search_sku_text (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const texts[] = {
    "-west-", "-win-", "west", "-wi", "st-", "in-", "k1-", "4in-", "-47", "-west-x",
  };
  g_autofree char *sheet = write_sku_sheet (f);
  g_autoptr(SkyImportResult) result = NULL;

  import_fixture (f);
  result = import_ok (f, sheet);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (text_sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = { .text = texts[t], .sort = text_sorts[k],
                                   .descending = descending };
          g_autofree char *scanned = NULL;

          scanned = scanned_keys (f, &query);
          for (guint w = 0; w < 12; w++)
            for (guint offset = 0; offset < 3; offset += 2)
              for (guint v = 0; v < 2; v++)
                {
                  const gint64 budgets[] = { -1, 0, 1, 7, 40, 16 };
                  const gint64 firsts[] = { -1, -1, -1, 2, 5, 100 };
                  /* On against one trigram's offers: as far as it goes, not at all, a price,
                   * a few, stopped early. */
                  const gint64 trigram_budgets[] = { -1, 0, 1, 6, 30, 3 };
                  const gint64 trigram_firsts[] = { -1, -1, -1, 2, 3, 1 };
                  /* By region, service or provider, the values of those offers' prices found
                   * first: as told, not at all, at any cost, too costly. */
                  const gint64 values_walks[] = { -1, 0, 1000, 1 };
                  /* On so at once, after the prices that would have held one of the text's
                   * offers, spread, held none: as told, never, after the first few prices. */
                  const gint64 spreads[] = { -1, 0, 1 };
                  /* By name, on so before the first name, as told, never. */
                  const gint64 name_trigrams[] = { G_MAXINT32, -1, 0 };
                  SkySearchQuery page = query;
                  g_autofree char *few = NULL;
                  g_autofree char *paged = NULL;
                  g_autofree char *expected = keys_page (scanned, offset, 4);

                  page.offset = offset;
                  page.limit = 4;
                  _sky_catalog_set_text_walk_budget (budgets[w % 6], firsts[w % 6],
                                                     w % 2 == 0 ? 1 : -1);
                  _sky_catalog_set_text_trigram_walk (trigram_budgets[w / 2],
                                                      trigram_firsts[w / 2],
                                                      spreads[(w + v + offset / 2) % 3]);
                  _sky_catalog_set_text_values_walk (values_walks[2 * v + w % 2]);
                  _sky_catalog_set_text_name_trigram (name_trigrams[(w + v) % 3]);
                  /* As few as they are, and as if they were many. */
                  few = search_keys (f, &page);
                  paged = search_keys_probed (f, &page, -1, -1);
                  _sky_catalog_set_text_name_trigram (-1);
                  _sky_catalog_set_text_values_walk (-1);
                  _sky_catalog_set_text_trigram_walk (-1, -1, -1);
                  _sky_catalog_set_text_walk_budget (-1, -1, -1);
                  g_assert_cmpstr (few, ==, expected);
                  g_assert_cmpstr (paged, ==, expected);
                }
        }
}

static void take_back (Fixture    *f,
                       const char *sql);
static void change_file (Fixture    *f,
                         const char *sql);

/* A sheet of machines of two OS and, after them, more disks (no OS, first by name), whose SKUs
 * say so ("-lin-", "-win-", and "d-twin-" of a disk in ten, whose "win-" no OS has): every
 * on-demand price of the Windows machines dearer than all the others' (295 of them), their spot
 * prices the cheapest of the machines'; "zz-" in the SKUs of some offers of each kind, their
 * on-demand prices the dearest but the Windows machines', the machines' first by id. A sheet
 * of each @version, with the same offers. */
static char *
write_os_sheet (Fixture    *f,
                const char *version)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("os-%s.xml", version);

  g_string_append_printf (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
                             "  <provider id=\"oscloud\" name=\"OS Cloud\"/>\n"
                             "  <sheet version=\"%s\" effective-date=\"2026-03-01\" "
                             "currency=\"EUR\"/>\n"
                             "  <source retrieved=\"2026-03-01\">Written by the test.</source>\n"
                             "  <region code=\"north\" name=\"North\" geography=\"EU\"/>\n"
                             "  <region code=\"south\" name=\"South\" geography=\"EU\"/>\n",
                          version);
  g_string_append (s, "  <service id=\"vm\" name=\"Machines\" category=\"compute\">\n");
  for (guint i = 0; i < 140; i++)
    {
      gboolean win = i % 7 == 3;

      gboolean marked = win ? i % 2 == 1 : i % 20 == 1;

      g_string_append_printf (s, "    <offer sku=\"m-%s-%s%u\" name=\"%s\" region=\"%s\" "
                                 "vcpu=\"%u\" memory-gib=\"%u\" os=\"%s\">\n"
                                 "      <price unit=\"hour\" term=\"on-demand\" "
                                 "amount=\"0.%03u\"/>\n"
                                 "      <price unit=\"hour\" term=\"spot\" amount=\"0.%03u\"/>\n"
                                 "    </offer>\n",
                              win ? "win" : "lin", marked ? "zz-" : "", i, win ? "w" : "a",
                              i % 3 == 0 ? "north" : "south", 1 << (i % 3), 2 << (i % 3),
                              win ? "windows" : "linux",
                              win ? 200 + i : marked ? 150 + i / 20 : (i * 13) % 120 + 1,
                              win ? i / 7 + 1 : (i * 17) % 100 + 30);
    }
  g_string_append (s, "  </service>\n"
                      "  <service id=\"disk\" name=\"Disks\" category=\"storage\">\n");
  for (guint i = 0; i < 160; i++)
    g_string_append_printf (s, "    <offer sku=\"d-%s%u\" name=\"a\" region=\"%s\">\n"
                               "      <price unit=\"gb-month\" term=\"on-demand\" "
                               "amount=\"0.%03u\"/>\n"
                               "      <price unit=\"gb-month\" term=\"spot\" amount=\"0.%03u\"/>\n"
                               "    </offer>\n",
                            i % 10 == 3 ? "twin-" : i % 20 == 5 ? "zz-" : "", i,
                            i % 2 == 0 ? "north" : "south",
                            i % 20 == 5 ? 170 + i / 20 : (i * 7) % 60 + 1, (i * 11) % 60 + 2);
  g_string_append (s, "  </service>\n");
  return save_sheet (f, s, name);
}

/* Whether the record of offers' kinds holds each offer's service, OS and region. */
static void
assert_offer_kinds (Fixture *f)
{
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_row o "
                                       "JOIN offer_kind c ON c.chunk = o.id / 8000 "
                                       "JOIN kind k ON k.service_id = o.service_id "
                                       "  AND k.os = ifnull (o.os, -1) AND k.region = o.region "
                                       "WHERE hex (substr (c.kinds, 2 * (o.id % 8000) + 1, 2)) "
                                       "  = printf ('%02X%02X', k.id & 255, k.id >> 8)"), ==,
                   query_int (f->path, "SELECT count(*) FROM offer_row"));
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM kind"), ==,
                   query_int (f->path, "SELECT count(*) FROM (SELECT DISTINCT service_id, "
                                       "  ifnull (os, -1), region FROM offer_row)"));
}

/* A text of many offers (as if) lists what a scan lists, in every order, each way, page by page,
 * however the walk goes on against one trigram's offers: the Windows machines' ("-win-") by
 * purchase option through the runs of their OS alone, past the 200 cheaper on-demand prices of
 * the others; by service the services their kinds name, the disks' prices not walked; the disks'
 * by price through their service's runs; none so for a text of an OS-less offer and an OS
 * ("win-"), or of most offers, or of every kind ("zz-", whose kinds are found without all its
 * offers', the disks' last). The record of kinds holds every offer's, after a sheet is imported beside another,
 * one removed, and one imported again in its offers' ids. */
static void
test_search_os_text (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const texts[] = {
    "-win-", "win-", "-lin-", "m-", "d-", "-wi", "twin", "in-", "zz-",
  };
  g_autofree char *sheet = write_os_sheet (f, "1");
  g_autofree char *second = write_os_sheet (f, "2");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyImportResult) other = NULL;
  g_autoptr(SkyImportResult) again = NULL;
  g_autoptr(GError) error = NULL;

  result = import_ok (f, sheet);
  assert_offer_kinds (f);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (text_sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = { .text = texts[t], .sort = text_sorts[k],
                                   .descending = descending };
          g_autofree char *scanned = NULL;

          scanned = scanned_keys (f, &query);
          for (guint w = 0; w < 4; w++)
            for (guint offset = 0; offset < 5; offset += 4)
              {
                SkySearchQuery page = query;
                g_autofree char *paged = NULL;
                g_autofree char *expected = keys_page (scanned, offset, 4);

                page.offset = offset;
                page.limit = 4;
                /* On against the trigram's offers after the first prices, or as told; the
                 * values of a region's or service's found at the cost told, or one price an
                 * offer. */
                _sky_catalog_set_text_trigram_walk (-1, -1, w % 2 == 0 ? 1 : -1);
                _sky_catalog_set_text_values_walk (w < 2 ? -1 : 1);
                paged = search_keys_probed (f, &page, -1, -1);
                _sky_catalog_set_text_values_walk (-1);
                _sky_catalog_set_text_trigram_walk (-1, -1, -1);
                g_assert_cmpstr (paged, ==, expected);
              }
        }

  /* The Windows machines' first on-demand prices, and their service's part, found within the
   * prices of the first look and a few more; past the others' when the record of kinds holds
   * none of their offers' (0), as without it. */
  for (guint k = 0; k < 4; k++)
    {
      SkySearchQuery query = { .text = "-win-", .limit = 4,
                               .sort = k % 2 == 0 ? SKY_SORT_TERM : SKY_SORT_SERVICE };
      g_autofree char *scanned = NULL;
      g_autofree char *paged = NULL;
      g_autofree char *expected = NULL;

      scanned = scanned_keys (f, &query);
      expected = keys_page (scanned, 0, 4);
      _sky_catalog_set_text_trigram_walk (-1, -1, 1);
      paged = search_keys_probed (f, &query, -1, -1);
      _sky_catalog_set_text_trigram_walk (-1, -1, -1);
      g_assert_cmpstr (paged, ==, expected);
      if (k < 2)
        g_assert_cmpint (_sky_catalog_text_checked (), <, 100);
      else
        g_assert_cmpint (_sky_catalog_text_checked (), >, 100);
      if (k == 1)
        {
          change_file (f, "CREATE TABLE kept AS SELECT * FROM offer_kind; "
                          "UPDATE offer_kind SET kinds = zeroblob (length (kinds))");
        }
    }

  change_file (f, "DELETE FROM offer_kind; INSERT INTO offer_kind SELECT * FROM kept; "
                  "DROP TABLE kept");
  other = import_ok (f, second);
  assert_offer_kinds (f);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "oscloud", "2", &error));
  g_assert_no_error (error);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "oscloud", "1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM kind k JOIN service s "
                                       "ON s.id = k.service_id"), ==,
                   query_int (f->path, "SELECT count(*) FROM kind"));
  again = import_ok (f, sheet);
  assert_offer_kinds (f);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM kind"), ==, 6);
}

/* A sheet of three regions of 150 machines each, in the order of their names, one price each;
 * "-zq-" in the SKUs of every tenth machine of the last region, the cheapest of its prices,
 * and in no other: the text's 15 offers a tenth of their region's. */
static char *
write_region_sheet (Fixture *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  sky_test_append_sheet_start (s, "regioncloud", "Region Cloud");
  g_string_append (s,
                   "  <region code=\"ra\" name=\"Region A\" geography=\"EU\"/>\n"
                   "  <region code=\"rb\" name=\"Region B\" geography=\"EU\"/>\n"
                   "  <region code=\"rc\" name=\"Region C\" geography=\"EU\"/>\n"
                   "  <service id=\"vm\" name=\"Machines\" category=\"compute\">\n");
  for (guint i = 0; i < 450; i++)
    {
      gboolean held = i >= 300 && i % 10 == 0;

      g_string_append_printf (s, "    <offer sku=\"m-%s%u\" name=\"n%u\" region=\"r%c\">\n"
                                 "      <price unit=\"hour\" term=\"on-demand\" "
                                 "amount=\"0.%03u\"/>\n"
                                 "    </offer>\n",
                              held ? "zq-" : "", i, i % 40, 'a' + i / 150,
                              held ? i / 10 - 29 : 100 + (i * 7) % 800);
    }
  g_string_append (s, "  </service>\n");
  return save_sheet (f, s, "region.xml");
}

/* By region, a text whose offers lie in the last region alone, too few of its offers for the
 * read of the region's to tell that none of the others holds them (two an offer), walks that
 * region alone, as the record of kinds says: its first page found within the first prices
 * looked at and a few more; past the other regions' prices when the record holds none of
 * their offers' kinds, as without it. The page, each way, is what a scan lists. */
static void
test_search_region_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *sheet = write_region_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  assert_offer_kinds (f);
  for (guint k = 0; k < 4; k++)
    {
      SkySearchQuery query = { .text = "-zq-", .limit = 4, .sort = SKY_SORT_REGION,
                               .descending = k % 2 == 1 };
      g_autofree char *scanned = NULL;
      g_autofree char *paged = NULL;
      g_autofree char *expected = NULL;

      scanned = scanned_keys (f, &query);
      expected = keys_page (scanned, 0, 4);
      _sky_catalog_set_text_trigram_walk (-1, -1, 1);
      paged = search_keys_probed (f, &query, -1, -1);
      _sky_catalog_set_text_trigram_walk (-1, -1, -1);
      g_assert_cmpstr (paged, ==, expected);
      if (query.descending)
        ;
      else if (k < 2)
        g_assert_cmpint (_sky_catalog_text_checked (), <, 100);
      else
        g_assert_cmpint (_sky_catalog_text_checked (), >, 200);
      if (k == 1)
        {
          change_file (f, "UPDATE offer_kind SET kinds = zeroblob (length (kinds))");
        }
    }
}

/* Whether each row of the table of names records the units of its offers' prices, a bit each. */
static void
assert_name_units (Fixture *f)
{
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name n WHERE n.units IS NOT "
                                       "(SELECT sum (DISTINCT 1 << p.unit) FROM offer_row o "
                                       "  JOIN price p ON p.offer_seq >> 10 = o.id "
                                       "  WHERE o.name = n.name COLLATE NOCASE "
                                       "  AND o.service_id = n.service_id "
                                       "  AND ifnull (o.vcpu, -1) = n.vcpu "
                                       "  AND ifnull (o.memory, -1) = n.memory "
                                       "  AND ifnull (o.architecture, -1) = n.arch)"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name"), >, 0);
}

/* A sheet of disks: 20 "hdd-std" of gb-month prices, and 200 "hdd-prov" of gb-month prices
 * dearer than those and IOPS prices cheaper than every one, in the same service; and 2
 * "tiny-one", the dearest. */
static char *
write_units_sheet (Fixture *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  sky_test_append_sheet_start (s, "unitcloud", "Unit Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <service id=\"block\" name=\"Block\" category=\"storage\">\n");
  for (guint i = 0; i < 220; i++)
    {
      gboolean std = i % 11 == 4;

      g_string_append_printf (s, "    <offer sku=\"b-%u\" name=\"%s\" region=\"eu\">\n"
                                 "      <price unit=\"gb-month\" term=\"on-demand\" "
                                 "amount=\"0.%03u\"/>\n",
                              i, std ? "hdd-std" : "hdd-prov", std ? 100 + i % 37 : 300 + i);
      if (!std)
        g_string_append_printf (s, "      <price unit=\"iops-month\" term=\"on-demand\" "
                                   "amount=\"0.%03u\"/>\n", 1 + i % 50);
      g_string_append (s, "    </offer>\n");
    }
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (s, "    <offer sku=\"t-%u\" name=\"tiny-one\" region=\"eu\">\n"
                               "      <price unit=\"gb-month\" term=\"on-demand\" "
                               "amount=\"0.9%02u\"/>\n"
                               "    </offer>\n", i, i);
  g_string_append (s, "  </service>\n");
  return save_sheet (f, s, "units.xml");
}

/* By name, the walk of a name's offers reads the runs of the units of their prices alone, as the
 * table of names records them: "std" (the 20 offers of "hdd-std", of gb-month prices) finds its
 * page without the 200 cheaper IOPS prices of its service, few offers or many; with every
 * unit recorded, as a catalog that did not know them, it reads those too. The page, each way,
 * is what a scan lists. */
static void
test_search_name_units (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *sheet = write_units_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  assert_name_units (f);
  for (guint k = 0; k < 8; k++)
    {
      SkySearchQuery query = { .text = "std", .limit = 4, .sort = SKY_SORT_NAME,
                               .descending = k % 2 == 1 };
      g_autofree char *scanned = NULL;
      g_autofree char *paged = NULL;
      g_autofree char *expected = NULL;

      scanned = scanned_keys (f, &query);
      expected = keys_page (scanned, 0, 4);
      _sky_catalog_set_few_offers (k % 4 < 2 ? -1 : 0);
      _sky_catalog_set_text_walk_pass (1);
      paged = search_keys_probed (f, &query, -1, -1);
      _sky_catalog_set_text_walk_pass (-1);
      _sky_catalog_set_few_offers (-1);
      g_assert_cmpstr (paged, ==, expected);
      if (k < 4)
        g_assert_cmpint (_sky_catalog_text_checked (), <, 50);
      else
        g_assert_cmpint (_sky_catalog_text_checked (), >, 200);
      if (k == 3)
        {
          change_file (f, "UPDATE offer_name SET units = -1");
        }
    }
}

/* The table of names holds the names of the offers of every sheet imported, and loses those of
 * a sheet removed; a text only services' names hold, read through it, lists what a scan lists
 * before and after: of one service or two, whose offers' names the other's offers have too or
 * not, some offers without a size. */
static void
test_search_offer_names (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *other = fixture_file ("other-small.xml");
  g_autofree char *sizes = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyImportResult) sized = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const texts[] = {
    "Servers", "Virtual", "machines", "Traffic", "VMs 1", "VMs",
  };

  import_fixture (f);
  assert_names_kept (f->path);
  result = import_ok (f, other);
  assert_names_kept (f->path);
  sizes = write_per_size_sheet (f);
  sized = import_ok (f, sizes);
  assert_names_kept (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name WHERE name = 'o-4'"),
                   ==, 1);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    assert_services_text_as_scan (f, texts[t]);

  g_assert_true (sky_catalog_remove_sheet (f->catalog, "othercloud", "7", &error));
  g_assert_no_error (error);
  assert_names_kept (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name WHERE name = 'o-4'"),
                   ==, 0);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    assert_services_text_as_scan (f, texts[t]);
}

/* A price's hourly price per vCPU (or per GiB) against another's, as exact fractions; those
 * without one after those with one. */
static int
compare_per_size (const SkyListing *a,
                  const SkyListing *b,
                  gboolean          per_vcpu)
{
  gint64 sa = per_vcpu ? a->vcpu_milli : a->memory_mgib;
  gint64 sb = per_vcpu ? b->vcpu_milli : b->memory_mgib;
  gboolean ha = sa > 0 && g_strcmp0 (a->unit, "hour") == 0;
  gboolean hb = sb > 0 && g_strcmp0 (b->unit, "hour") == 0;

  if (!ha || !hb)
    return ha == hb ? 0 : ha ? -1 : 1;
  return (a->price * sb > b->price * sa) - (a->price * sb < b->price * sa);
}

/* @query's listings, which are those of the single statement (the search read in no parts),
 * whole and a page of three at a time. */
static GPtrArray *
search_as_single (Fixture              *f,
                  const SkySearchQuery *query)
{
  g_autofree char *single = NULL;
  g_autofree char *whole = NULL;
  GPtrArray *all;

  _sky_catalog_set_search_parts_disabled (TRUE);
  single = search_keys (f, query);
  _sky_catalog_set_search_parts_disabled (FALSE);
  all = search (f, query);
  whole = listing_keys (all);
  g_assert_cmpstr (whole, ==, single);
  assert_pages_of_three (f, query, all->len, whole);
  return all;
}

/* The searches by the hourly price per vCPU and per GiB test: without filters and with some. */
static const SkySearchQuery per_size_filters[] = {
  { 0 },
  { .geography = "EU", .min_vcpu_milli = 2000 },
  { .term = "spot", .min_memory_mgib = 4000, .unit = "hour" },
  { .region = "us", .category = "compute" },
  { .text = "vm 1", .has_max_price = TRUE, .max_price = G_GINT64_CONSTANT (500000000) },
  /* A text only a service's name holds. */
  { .text = "VMs 1", .geography = "US" },
  /* A price asked for above the page's last of some sizes, below it of others, or free. */
  { .has_max_price = TRUE, .max_price = G_GINT64_CONSTANT (500000000) },
  { .term = "on-demand", .has_max_price = TRUE, .max_price = G_GINT64_CONSTANT (310000000) },
  { .has_max_price = TRUE, .max_price = 0 },
};

/* The @n-th search of the per-size filters, each by the price per vCPU and per GiB, each way;
 * @limit and @offset for a page of it. */
static SkySearchQuery
per_size_query (guint n,
                guint limit,
                guint offset)
{
  SkySearchQuery query = per_size_filters[n / 4];

  query.sort = n % 4 < 2 ? SKY_SORT_PER_GIB : SKY_SORT_PER_VCPU;
  query.descending = n % 2;
  query.limit = limit;
  query.offset = offset;
  return query;
}

/* By the hourly price per vCPU and per GiB, each way, with and without filters: the parts read
 * for each size are the single statement's, every page of them too; equal quotients in price
 * order whichever way, the prices without one last. */
static void
test_search_per_size (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sheet = write_per_size_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  guint ties = 0;

  for (guint n = 0; n < 4 * G_N_ELEMENTS (per_size_filters); n++)
    {
      SkySearchQuery query = per_size_query (n, 0, 0);
      gboolean per_vcpu = query.sort == SKY_SORT_PER_VCPU;
      gboolean descending = query.descending;
      g_autoptr(GPtrArray) all = search_as_single (f, &query);

      g_assert_cmpuint (all->len, ==, count_of (f, &query));
      if (n < 4)
        g_assert_cmpuint (all->len, >, 50);

      for (guint i = 1; i < all->len; i++)
        {
          const SkyListing *a = g_ptr_array_index (all, i - 1);
          const SkyListing *b = g_ptr_array_index (all, i);
          int c = compare_per_size (a, b, per_vcpu);
          gboolean ha = (per_vcpu ? a->vcpu_milli : a->memory_mgib) > 0 &&
                        strcmp (a->unit, "hour") == 0;
          gboolean hb = (per_vcpu ? b->vcpu_milli : b->memory_mgib) > 0 &&
                        strcmp (b->unit, "hour") == 0;

          /* Those without a quotient last, whichever way. */
          g_assert_true (ha || !hb);
          if (ha && hb && c != 0)
            g_assert_cmpint (descending ? -c : c, <, 0);
          else if (ha == hb)
            {
              /* A tie, or the prices without a quotient: in price order. */
              g_assert_cmpint (a->price, <=, b->price);
              ties += ha;
            }
        }
    }
  /* The sheet makes quotients tie across sizes. */
  g_assert_cmpuint (ties, >, 20);
}

/* Hourly prices so large that prices of one size a unit apart have the same quotient (the
 * quotient a double): a search by the price per vCPU, each way, lists them as the single
 * statement does, in price order among equal quotients, whole and a page of three at a
 * time, with the prices of other sizes between them. */
static void
test_search_per_size_large_prices (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "large.xml", NULL);
  g_autoptr(SkyImportResult) result = NULL;
  guint ties = 0;

  sky_test_append_sheet_start (s, "bigcloud", "Big Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  /* 2^55 units of 10^-10 and a few more, for one and for two vCPUs. */
  for (guint i = 0; i < 24; i++)
    g_string_append_printf (s, "    <offer sku=\"big-%u\" name=\"big %u\" region=\"eu\" "
                               "vcpu=\"%u\" memory-gib=\"4\">\n"
                               "      <price unit=\"hour\" term=\"on-demand\" "
                               "amount=\"%" G_GINT64_FORMAT ".%010" G_GINT64_FORMAT "\"/>\n"
                               "    </offer>\n",
                            i, i, 1 + i % 2,
                            (G_GINT64_CONSTANT (36028797018963968) * (1 + i % 2) + (i * 7) % 11) /
                              G_GINT64_CONSTANT (10000000000),
                            (G_GINT64_CONSTANT (36028797018963968) * (1 + i % 2) + (i * 7) % 11) %
                              G_GINT64_CONSTANT (10000000000));
  g_string_append (s, "  </service>\n");
  g_string_append (s, "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  result = import_ok (f, path);

  /* Without a text, each size's prices up to a bound of the page's quotients; with one (the
   * offers the text index finds, however few), up to the page's last price of each size. */
  _sky_catalog_set_few_offers (0);
  for (int q = 0; q < 4; q++)
    {
      SkySearchQuery query = { .sort = SKY_SORT_PER_VCPU, .descending = q % 2,
                               .text = q < 2 ? NULL : "big" };
      g_autoptr(GPtrArray) all = search_as_single (f, &query);

      g_assert_cmpuint (all->len, ==, 24);
      for (guint i = 1; i < all->len; i++)
        {
          const SkyListing *a = g_ptr_array_index (all, i - 1);
          const SkyListing *b = g_ptr_array_index (all, i);

          if (a->vcpu_milli == b->vcpu_milli && a->price != b->price &&
              (double) a->price / (double) a->vcpu_milli ==
              (double) b->price / (double) b->vcpu_milli)
            {
              g_assert_cmpint (a->price, <, b->price);
              ties++;
            }
        }
    }
  _sky_catalog_set_few_offers (-1);
  g_assert_cmpuint (ties, >, 8);
}

/* A removed sheet's offers leave the text index; an index another SQLite could not write is
 * set aside (searches scan) and built anew by the next import. */
static void
test_search_text_index_upkeep (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autofree char *third = write_variant (f, "version=\"2026.3\"",
                                          "effective-date=\"2026-03-01\"",
                                          "term=\"on-demand\" amount=\"0.0800\"");
  g_autoptr(SkyImportResult) second = NULL;
  g_autoptr(SkyImportResult) last = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  second = import_ok (f, variant);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"'"), ==, 2);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"' AND rowid NOT IN (SELECT id FROM offer_row)"),
                   ==, 0);
  g_assert_cmpuint (count_of (f, &(SkySearchQuery) { .text = "std-2", .term = "on-demand" }),
                    ==, 1);

  /* As an SQLite without FTS5 leaves it after an import. */
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO setting (key, value) "
                                     "VALUES ('text-index', 'stale');"
                                     "INSERT INTO offer_text (offer_text) VALUES ('delete-all')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  /* Found by a scan, not in the emptied index. */
  g_assert_cmpuint (count_of (f, &(SkySearchQuery) { .text = "std-2", .term = "on-demand" }),
                    ==, 1);
  last = import_ok (f, third);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM setting WHERE key = 'text-index'"),
                   ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"'"), ==, 2);
  /* The latest sheet's, through the index. */
  g_assert_cmpuint (count_of (f, &(SkySearchQuery) { .text = "std-2", .term = "on-demand" }),
                    ==, 1);
}

/* Each import fills the text index with its own size of memory for the trigrams, whatever
 * size the catalog's index was made with. */
static void
test_import_text_index_hash_size (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *size_sql = "SELECT v FROM offer_text_config WHERE k = 'hashsize'";
  sqlite3 *db = NULL;

  import_fixture (f);
  g_assert_cmpint (query_int (f->path, size_sql), ==, 16777216);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO offer_text (offer_text, rank) "
                                     "VALUES ('hashsize', 1048576)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, size_sql), ==, 1048576);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  second = import_ok (f, variant);
  g_assert_cmpint (query_int (f->path, size_sql), ==, 16777216);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"std\"'"), ==, 2);
}

/* By unit price over every unit, and by name, each way: the listings of a page are those of
 * the whole list at its place, the units in the vocabulary's order, each unit's prices in
 * price order (names without regard to case, then by price). */
static void
test_search_sort_pages (Fixture       *f,
                        gconstpointer  data)
{
  const SkySort sorts[] = { SKY_SORT_UNIT_PRICE, SKY_SORT_NAME };
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) second = NULL;

  import_fixture (f);
  second = import_ok (f, variant);
  for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = { .sort = sorts[k], .descending = descending };
        g_autoptr(GPtrArray) all = search (f, &query);
        g_autofree char *whole = listing_keys (all);

        g_assert_cmpuint (all->len, ==, count_of (f, &query));
        assert_pages_of_three (f, &query, all->len, whole);

        for (guint i = 1; i < all->len; i++)
          {
            const SkyListing *a = g_ptr_array_index (all, i - 1);
            const SkyListing *b = g_ptr_array_index (all, i);

            if (sorts[k] == SKY_SORT_UNIT_PRICE)
              {
                int ua = unit_place (a->unit);
                int ub = unit_place (b->unit);

                g_assert_cmpint (ua, <=, ub);
                if (ua == ub)
                  g_assert_true (descending ? a->price >= b->price : a->price <= b->price);
              }
            else
              {
                int c = g_ascii_strcasecmp (a->name, b->name);

                g_assert_true (descending ? c >= 0 : c <= 0);
                if (c == 0)
                  g_assert_cmpint (a->price, <=, b->price);
              }
          }
      }
}

/* A search or count whose cancellable is cancelled stops with G_IO_ERROR_CANCELLED. */
static void
test_search_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SkySearchQuery query = { .cancellable = cancellable };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  import_fixture (f);
  rows = sky_catalog_search (f->catalog, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  rows = sky_catalog_search (f->catalog, &query, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rows);
  g_clear_error (&error);
  g_assert_false (sky_catalog_count (f->catalog, &query, &count, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is left as it was: the next search without one runs. */
  query.cancellable = NULL;
  g_assert_true (sky_catalog_count (f->catalog, &query, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, >, 0);
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  const SkySearchQuery queries[] = {
    { 0 },
    { .term = "on-demand" },
    { .category = "compute", .min_vcpu_milli = 4000 },
    { .region = "us-east" },
    { .text = "std" },
    { .provider = "nosuchcloud" },
  };

  import_fixture (f);
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) rows = search (f, &queries[i]);
      g_autoptr(GError) error = NULL;
      guint64 count = G_MAXUINT64;

      g_assert_true (sky_catalog_count (f->catalog, &queries[i], &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, rows->len);
    }
  {
    SkySearchQuery all = { 0 };
    g_autoptr(GPtrArray) rows = search (f, &all);
    /* 6 prices of std-2, 1 each of mem-4 and cpu-8, 1 egress, 2 functions. */
    g_assert_cmpuint (rows->len, ==, 11);
  }
}

static void
test_offer_details (Fixture       *f,
                    gconstpointer  data)
{
  SkySearchQuery std2 = { .text = "std-2", .term = "on-demand" };
  SkySearchQuery egress = { .category = "network" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) egress_rows = NULL;
  g_autoptr(SkyOfferDetails) d = NULL;
  g_autoptr(SkyOfferDetails) e = NULL;
  g_autoptr(GError) error = NULL;
  SkyOfferPrice *price;
  SkyOfferTier *tier;

  import_fixture (f);
  rows = search (f, &std2);
  d = sky_catalog_get_offer (f->catalog, ((SkyListing *) g_ptr_array_index (rows, 0))->offer_id,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->sku, ==, "std-2-us");
  g_assert_cmpstr (d->provider_name, ==, "Example Cloud");
  g_assert_cmpstr (d->sheet_version, ==, "2026.1");
  g_assert_cmpstr (d->effective_date, ==, "2026-01-01");
  g_assert_cmpstr (d->source, ==, "Written by hand for tests.");
  g_assert_cmpstr (d->region_name, ==, "US East");
  g_assert_cmpstr (d->storage_type, ==, "ssd");
  g_assert_cmpint (d->vcpu_milli, ==, 2000);
  g_assert_cmpuint (d->features->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (d->features, 0), ==, "network");
  g_assert_cmpstr (g_ptr_array_index (d->features, 1), ==, "Up to 10 Gbps");
  /* Every price, in the sheet's order. */
  g_assert_cmpuint (d->prices->len, ==, 6);
  price = g_ptr_array_index (d->prices, 3);
  g_assert_cmpstr (price->term, ==, "reserved-1y-partial-upfront");
  g_assert_true (price->has_upfront_fee);
  g_assert_cmpint (price->upfront_fee, ==, G_GINT64_CONSTANT (2590000000000));
  g_assert_cmpint (price->amount, ==, 296000000);

  egress_rows = search (f, &egress);
  e = sky_catalog_get_offer (f->catalog,
                             ((SkyListing *) g_ptr_array_index (egress_rows, 0))->offer_id, &error);
  g_assert_no_error (error);
  price = g_ptr_array_index (e->prices, 0);
  g_assert_cmpstr (price->free_quantity, ==, "100");
  g_assert_cmpuint (price->tiers->len, ==, 3);
  tier = g_ptr_array_index (price->tiers, 1);
  g_assert_cmpstr (tier->from, ==, "10240");
  g_assert_cmpstr (tier->to, ==, "51200");
  g_assert_cmpint (tier->amount, ==, 850000000);
  tier = g_ptr_array_index (price->tiers, 2);
  g_assert_null (tier->to);

  g_assert_null (sky_catalog_get_offer (f->catalog, 999999, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY);
}

static void
test_search_rejects_unknown_term (Fixture       *f,
                                  gconstpointer  data)
{
  SkySearchQuery q = { .term = "lease" };
  g_autoptr(GError) error = NULL;

  g_assert_null (sky_catalog_search (f->catalog, &q, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY);
}

static void
test_listing_fields (Fixture       *f,
                     gconstpointer  data)
{
  SkySearchQuery q = { .text = "std-2", .term = "reserved-1y-partial-upfront" };
  SkySearchQuery egress = { .category = "network" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) egress_rows = NULL;
  g_autofree char *monthly_text = NULL;
  SkyListing *l;
  SkyDecimal monthly;

  import_fixture (f);
  rows = search (f, &q);
  g_assert_cmpuint (rows->len, ==, 1);
  l = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (l->provider, ==, "examplecloud");
  g_assert_cmpstr (l->sheet_version, ==, "2026.1");
  g_assert_cmpstr (l->region_name, ==, "US East");
  g_assert_cmpstr (l->service_name, ==, "Virtual Machines");
  g_assert_cmpstr (l->family, ==, "General purpose");
  g_assert_cmpint (l->vcpu_milli, ==, 2000);
  g_assert_cmpint (l->memory_mgib, ==, 8000);
  g_assert_cmpint (l->gpu, ==, 0);
  g_assert_cmpstr (l->unit, ==, "hour");
  g_assert_true (l->has_upfront_fee);
  g_assert_cmpint (l->upfront_fee, ==, G_GINT64_CONSTANT (2590000000000));
  /* 730 h × 0.0296 = 21.608, rounded once to cents. */
  g_assert_true (sky_listing_monthly (l, &monthly));
  monthly_text = sky_decimal_format (monthly, 2);
  g_assert_cmpstr (monthly_text, ==, "21.61");
  /* 720 h × 0.0296 = 21.312. */
  g_assert_true (sky_listing_monthly_hours (l, 720, &monthly));
  g_clear_pointer (&monthly_text, g_free);
  monthly_text = sky_decimal_format (monthly, 2);
  g_assert_cmpstr (monthly_text, ==, "21.31");

  egress_rows = search (f, &egress);
  g_assert_cmpuint (egress_rows->len, ==, 1);
  l = g_ptr_array_index (egress_rows, 0);
  g_assert_true (l->tiered);
  g_assert_cmpint (l->price, ==, G_GINT64_CONSTANT (900000000));
  g_assert_cmpstr (l->free_quantity, ==, "100");
  g_assert_cmpint (l->vcpu_milli, ==, -1);
  g_assert_false (sky_listing_monthly (l, &monthly));
}

static void
test_open_rejects (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *future = g_build_filename (dir, "future.db", NULL);
  g_autofree char *filler = g_strnfill (8192, 'x');
  SkyCatalog *catalog;
  sqlite3 *db = NULL;

  g_file_set_contents (garbage, filler, -1, &error);
  g_assert_no_error (error);
  catalog = sky_catalog_open (garbage, &error);
  g_assert_null (catalog);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  catalog = sky_catalog_open (foreign, &error);
  g_assert_null (catalog);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG);
  g_clear_error (&error);

  catalog = sky_catalog_open (future, &error);
  g_assert_no_error (error);
  g_object_unref (catalog);
  g_assert_cmpint (sqlite3_open (future, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  catalog = sky_catalog_open (future, &error);
  g_assert_null (catalog);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_TOO_NEW);
  /* The newer catalog is left as it was. */
  g_assert_cmpint (pragma (future, "user_version"), ==, 99);

  sky_test_remove_tree (dir);
}

/* A named pipe or a device given as a price sheet is refused at once, before the catalog's write
 * lock is asked for: here another connection holds that lock, which an import waits five
 * seconds for before it says so. */
static void
test_import_special_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.xml", NULL);
  g_autofree char *zero = g_build_filename (f->dir, "zero.xml", NULL);
  const char *paths[] = { fifo, zero };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *writer = NULL;

  import_fixture (f);
  before = snapshot (f->path);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Were the pipe opened for reading as it is, the import would wait for a writer for ever. */
  alarm (20);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *prefix = g_strconcat (paths[i], ": ", NULL);
      gint64 start = g_get_monotonic_time ();

      g_assert_null (sky_catalog_import_file (f->catalog, paths[i], NULL, NULL, NULL, &error));
      g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      /* Refused without waiting for the lock the other connection holds. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
      g_clear_error (&error);
    }
  alarm (0);

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Opening @path is refused as not a catalog, with a message naming the file and saying
 * @reason, and the file is left byte for byte as it was. */
static void
assert_refused_unchanged (const char *path,
                          const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;

  g_file_get_contents (path, &before, &before_len, &error);
  g_assert_no_error (error);
  g_assert_null (sky_catalog_open (path, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, reason));
  g_clear_error (&error);
  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* A catalog whose schema version no migration knows, and a database without tables that claims
 * a version, are refused as catalogs this version cannot read, and left as they were. */
static void
test_open_unknown_version (void)
{
  static const char * const setups[] = {
    "PRAGMA user_version = -1",
    "PRAGMA user_version = -2147483648",
    "PRAGMA user_version = 3",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%" G_GSIZE_FORMAT ".db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      sqlite3 *db = NULL;

      if (i < 2)
        {
          /* A real catalog, its version then changed. */
          g_autoptr(SkyCatalog) catalog = sky_catalog_open (path, &error);

          g_assert_no_error (error);
        }
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, setups[i], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                       SQLITE_OK);
      sqlite3_close (db);
      assert_refused_unchanged (path, "not a catalog this version of Skytally can read");
    }
  sky_test_remove_tree (dir);
}

/* Another application's database, with tables or still empty but marked as its own, is refused
 * before anything is written to it: it stays in its own journal mode, byte for byte as it was,
 * with no write-ahead log beside it. */
static void
test_open_foreign_unchanged (void)
{
  static const char * const setups[] = {
    "PRAGMA application_id = 42; PRAGMA user_version = 7;"
    "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);"
    "INSERT INTO note (text) VALUES ('keep me');",
    "PRAGMA application_id = 42;",
  };
  g_autofree char *dir = sky_test_make_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autofree char *name = g_strdup_printf ("other-%" G_GSIZE_FORMAT ".db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, setups[i], NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      assert_refused_unchanged (path, "not a Skytally catalog");
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
      g_assert_cmpint (pragma (path, "application_id"), ==, 42);
    }

  sky_test_remove_tree (dir);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize page;

  import_fixture (f);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);

  /* Scribble over the pages after the first two, where the tables' rows are. The page size is
   * in the file's header, big-endian at offset 16. */
  g_clear_object (&f->catalog);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  page = (guchar) contents[16] << 8 | (guchar) contents[17];
  g_assert_cmpuint (page, ==, 16384);
  g_assert_cmpuint (length, >, 4 * page);
  memset (contents + 2 * page, 0x5a, length - 2 * page);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (sky_catalog_check (f->catalog, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
}

/* An offer whose prices cannot be read makes its details and a search that lists it fail with
 * an error naming the offer, rather than show it without them. */
static void
test_unreadable_prices (Fixture       *f,
                        gconstpointer  data)
{
  SkySearchQuery everything = { .sort = SKY_SORT_PRICE };
  g_autoptr(SkyOfferDetails) details = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE offer_row SET prices = '0 0 12' WHERE id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);

  details = sky_catalog_get_offer (f->catalog, 1, &error);
  g_assert_null (details);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "offer 1 "));
  g_clear_error (&error);

  rows = sky_catalog_search (f->catalog, &everything, &error);
  g_assert_null (rows);
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT);
}

/* Everything a search lists of every price, and everything the details of every offer say,
 * as text, with the offers that searches by region and by operating system find and the order
 * of a search by region: two equal ones mean catalogs that answer alike. */
static char *
answers (SkyCatalog *catalog)
{
  SkySearchQuery everything = { .sort = SKY_SORT_PRICE };
  const SkySearchQuery narrower[] = {
    { .region = "eu-central" },
    { .region = "us-east", .category = "network" },
    { .os = "windows" },
    { .os = "linux", .sort = SKY_SORT_REGION },
    { .sort = SKY_SORT_REGION, .descending = TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sky_catalog_search (catalog, &everything, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint q = 0; q < G_N_ELEMENTS (narrower); q++)
    {
      g_autoptr(GPtrArray) found = sky_catalog_search (catalog, &narrower[q], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, >, 0);
      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? " " : "",
                                ((SkyListing *) g_ptr_array_index (found, i))->sku);
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (rows, i);
      g_autoptr(SkyOfferDetails) d = sky_catalog_get_offer (catalog, l->offer_id, &error);

      g_assert_no_error (error);
      g_string_append_printf (s, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%"
                              G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                              "|%s|%s|%" G_GINT64_FORMAT "|%d|%d|%" G_GINT64_FORMAT "|%s|%"
                              G_GINT64_FORMAT "\n",
                              l->provider, l->provider_name, l->sheet_version, l->currency,
                              l->region, l->region_name, l->geography, l->service,
                              l->service_name, l->category, l->sku, l->name, l->family, l->os,
                              l->storage_type, l->sla, l->vcpu_milli, l->memory_mgib, l->gpu,
                              l->term, l->unit, l->price, l->tiered, l->has_upfront_fee,
                              l->upfront_fee, l->free_quantity, l->offer_id);
      g_string_append_printf (s, "  %s %s %s features=%u\n", d->sku, d->effective_date,
                              d->region_name, d->features->len);
      for (guint p = 0; p < d->prices->len; p++)
        {
          const SkyOfferPrice *price = g_ptr_array_index (d->prices, p);

          g_string_append_printf (s, "  %s %s %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %s",
                                  price->term, price->unit, price->amount,
                                  price->has_upfront_fee, price->upfront_fee,
                                  price->free_quantity);
          for (guint t = 0; t < price->tiers->len; t++)
            {
              const SkyOfferTier *tier = g_ptr_array_index (price->tiers, t);

              g_string_append_printf (s, " [%s-%s@%" G_GINT64_FORMAT "]", tier->from,
                                      tier->to, tier->amount);
            }
          g_string_append_c (s, '\n');
        }
    }
  return g_string_free (s, FALSE);
}

/* A copy of tests/data/catalog-2.db in the fixture's folder: valid-small.xml imported by the
 * Skytally of catalog schema 2 (purchase options, geographies and categories as text; a row per
 * offer price and per tier). */
static char *
copy_catalog_2 (Fixture *f)
{
  g_autofree char *fixture = fixture_file ("catalog-2.db");
  char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (pragma (path, "user_version"), ==, 2);
  return path;
}

/* Opens the copy of catalog-2.db at @old_path, which converts it, and checks that it answers
 * every search and offer's details as a catalog that imports the same sheet afresh, and that
 * the file keeps no pages the conversion freed. */
static void
assert_converts (Fixture    *f,
                 const char *old_path)
{
  g_autofree char *expected = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(SkyCatalog) old = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  expected = answers (f->catalog);

  old = sky_catalog_open (old_path, &error);
  g_assert_no_error (error);
  converted = answers (old);
  g_assert_cmpstr (converted, ==, expected);
  g_assert_true (sky_catalog_check (old, &error));
  g_assert_no_error (error);
  g_clear_object (&old);
  g_assert_cmpint (pragma (old_path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (pragma (old_path, "freelist_count"), ==, 0);
}

static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *old_path = copy_catalog_2 (f);

  assert_converts (f, old_path);
}

/* A current catalog opens, and is read, while another connection writes to it (as an import in
 * another process does): opening it takes no write lock. */
static void
test_open_while_written (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SkyCatalog) second = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; DELETE FROM price", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  second = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  sheets = sky_catalog_list_sheets (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 1);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* An import into a catalog that another program is writing waits a few seconds for it, then
 * gives up and says so, the catalog unchanged. */
static void
test_import_while_written (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *sheet = fixture_file ("valid-small.xml");
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (sky_catalog_import_file (f->catalog, sheet, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE);
  expected = g_strdup_printf ("%s: not imported (the catalog is unchanged): database is locked: "
                              "another program is writing to %s; try again when it has "
                              "finished", sheet, f->path);
  g_assert_cmpstr (error->message, ==, expected);
  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  const char   *path;
  GCancellable *cancellable;
  SkyCatalog   *catalog;
  GError       *error;
} OpenJob;

static gpointer
open_thread (gpointer data)
{
  OpenJob *job = data;

  job->catalog = sky_catalog_open_cancellable (job->path, job->cancellable, &job->error);
  return NULL;
}

/* Cancelling the conversion of an older catalog leaves the file as it was, and the next
 * opening converts it. The conversion is held at its start by another connection's write
 * lock, and cancelled while it waits. */
static void
test_migrate_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *old_path = copy_catalog_2 (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  OpenJob job = { old_path, cancellable, NULL, NULL };
  sqlite3 *db = NULL;
  GThread *thread;

  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  thread = g_thread_new ("open", open_thread, &job);
  g_usleep (G_USEC_PER_SEC / 5);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_thread_join (thread);
  sqlite3_close (db);
  g_assert_null (job.catalog);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  g_assert_cmpint (pragma (old_path, "user_version"), ==, 2);

  assert_converts (f, old_path);
}

/* Seeding a catalog with the bundled sheets is all or nothing: when the disk fills up midway
 * (files limited in a child process, as on a full disk), the catalog holds none of them and
 * knows it is still to be seeded; seeding it again loads them all, and once only. */
static void
test_seed_full_disk (void)
{
  Fixture f = { NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  SkyBundledSheets state;

  if (g_test_subprocess ())
    {
      g_autoptr(SkyCatalog) catalog = sky_catalog_open (g_getenv ("SKYTALLY_TEST_CATALOG"),
                                                        &error);
      struct rlimit limit = { 300 << 10, 300 << 10 };

      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      seeded = sky_catalog_seed (catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
      g_assert_null (seeded);
      g_printerr ("%s\n", error->message);
      return;
    }

  fixture_setup (&f, NULL);
  g_clear_object (&f.catalog);
  g_setenv ("SKYTALLY_TEST_CATALOG", f.path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*the disk may be full*");

  f.catalog = sky_catalog_open (f.path, &error);
  g_assert_no_error (error);
  g_assert_false (sky_catalog_has_sheets (f.catalog, &error));
  g_assert_no_error (error);
  g_assert_true (sky_catalog_get_bundled_sheets (f.catalog, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, SKY_BUNDLED_SHEETS_PENDING);

  seeded = sky_catalog_seed (f.catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeded->len, ==, 5);
  g_clear_object (&f.catalog);
  f.catalog = sky_catalog_open (f.path, &error);
  g_assert_no_error (error);
  sheets = sky_catalog_list_sheets (f.catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 5);
  g_assert_true (sky_catalog_get_bundled_sheets (f.catalog, &state, &error));
  g_assert_cmpint (state, ==, SKY_BUNDLED_SHEETS_LOADED);
  g_clear_pointer (&seeded, g_ptr_array_unref);
  seeded = sky_catalog_seed (f.catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeded->len, ==, 0);
  fixture_teardown (&f, NULL);
}

/* A catalog still to be seeded that holds its own sheet of a bundled provider and version
 * (other prices) is seeded with the other bundled sheets, and keeps its own. */
static void
test_seed_keeps_own_version (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *bundled = g_build_filename (sky_catalog_bundled_sheets_dir (), "aws.xml",
                                               NULL);
  g_autofree char *own = g_build_filename (f->dir, "own-aws.xml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  SkyBundledSheets state;

  g_file_get_contents (bundled, &text, NULL, &error);
  g_assert_no_error (error);
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "term=\"on-demand\" amount=\"0.096\"",
                                      "term=\"on-demand\" amount=\"0.095\"", 1), ==, 1);
  g_file_set_contents (own, s->str, s->len, &error);
  g_assert_no_error (error);
  result = import_ok (f, own);

  seeded = sky_catalog_seed (f->catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  /* The five bundled sheets but aws.xml (Google Cloud's are two). */
  g_assert_cmpuint (seeded->len, ==, 4);
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_cmpuint (sheets->len, ==, 5);
  g_assert_true (sky_catalog_get_bundled_sheets (f->catalog, &state, &error));
  g_assert_cmpint (state, ==, SKY_BUNDLED_SHEETS_LOADED);
}

/* Declining the bundled sheets is remembered; it changes nothing once they are loaded. */
static void
test_decline_bundled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GError) error = NULL;
  SkyBundledSheets state;

  g_assert_true (sky_catalog_decline_bundled_sheets (f->catalog, &error));
  g_assert_no_error (error);
  g_clear_object (&f->catalog);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (sky_catalog_get_bundled_sheets (f->catalog, &state, &error));
  g_assert_cmpint (state, ==, SKY_BUNDLED_SHEETS_DECLINED);
  seeded = sky_catalog_seed (f->catalog, sky_catalog_bundled_sheets_dir (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeded->len, ==, 0);
  g_assert_false (sky_catalog_has_sheets (f->catalog, NULL));
}

/* SQL that takes a catalog of schema 10 back to schema 9: the offers' attributes and the price
 * table's variant and architecture go, and the view of offers is schema 5's again. */
#define UNDO_SCHEMA_10 \
  "DROP VIEW offer; " \
  "ALTER TABLE offer_row DROP COLUMN architecture; " \
  "ALTER TABLE offer_row DROP COLUMN tenancy; " \
  "ALTER TABLE offer_row DROP COLUMN licence; " \
  "ALTER TABLE offer_row DROP COLUMN software; " \
  "ALTER TABLE offer_row DROP COLUMN capacity; " \
  "ALTER TABLE price DROP COLUMN variant; " \
  "ALTER TABLE price DROP COLUMN arch; " \
  "CREATE VIEW offer AS SELECT r.id, r.sheet_id, r.service_id, r.sku, r.name," \
  "  (SELECT w.text FROM word w WHERE w.id = r.family) AS family," \
  "  (SELECT w.text FROM word w WHERE w.id = r.region) AS region," \
  "  r.vcpu, r.memory, r.gpu," \
  "  (SELECT w.text FROM word w WHERE w.id = r.storage_type) AS storage_type," \
  "  (SELECT w.text FROM word w WHERE w.id = r.os) AS os," \
  "  (SELECT w.text FROM word w WHERE w.id = r.sla) AS sla," \
  "  r.features, r.prices FROM offer_row r; "

/* SQL that takes a catalog of schema 11 back to schema 10: the price rows no longer name their
 * service. */
#define UNDO_SCHEMA_11 \
  "DROP INDEX service_by_code; " \
  "ALTER TABLE price DROP COLUMN service_id; "
#define UNDO_SCHEMA_12 \
  "DROP TABLE offer_text; " \
  "DROP INDEX price_by_offer; " \
  "DROP INDEX price_by_unit; " \
  "DROP INDEX offer_by_name; "
/* SQL that takes a catalog of schema 23 back to schema 22: the table of names no longer counts
 * the offers of each row. */
#define UNDO_SCHEMA_23 \
  "ALTER TABLE offer_name DROP COLUMN offers; "
/* SQL that takes a catalog of schema 24 back to schema 23: no index of offers by region and
 * name. */
#define UNDO_SCHEMA_24 "DROP INDEX offer_by_region_name; "
/* SQL that takes a catalog of schema 25 back to schema 24: no index of prices by OS and
 * memory. */
#define UNDO_SCHEMA_25 "DROP INDEX price_by_os_memory; "
/* SQL that takes a catalog of schema 26 back to schema 25: no record of the offers' kinds. */
#define UNDO_SCHEMA_26 "DROP TABLE kind; DROP TABLE offer_kind; "
/* SQL that takes a catalog of schema 27 back to schema 26: a kind is a service and an OS, the
 * record of each offer's kind as a catalog of schema 26 holds it, and the table of names does
 * not know its rows' units. */
#define UNDO_SCHEMA_27 \
  "ALTER TABLE offer_name DROP COLUMN units; " \
  "DELETE FROM offer_kind; DELETE FROM kind; " \
  "CREATE TABLE old_kind (id INTEGER PRIMARY KEY, service_id INTEGER NOT NULL, " \
  "  os INTEGER NOT NULL, UNIQUE (service_id, os)); " \
  "DROP TABLE kind; ALTER TABLE old_kind RENAME TO kind; "
/* SQL that takes a catalog of schema 22 back to schema 21: the index of prices by OS and vCPU
 * count goes. */
#define UNDO_SCHEMA_22 \
  "DROP INDEX price_by_os_vcpu; "
/* SQL that takes a catalog of schema 21 back to schema 20: the table of names goes. */
#define UNDO_SCHEMA_21 \
  "DROP TABLE offer_name; "
/* SQL that takes a catalog of schema 20 back to schema 19: no record of the values the prices
 * hold together. */
#define UNDO_SCHEMA_20 "DROP TABLE price_meet; "
/* SQL that takes a catalog of schema 19 back to schema 18: the index of prices by offer, of
 * the offer alone. */
#define UNDO_SCHEMA_19 \
  "DROP INDEX price_by_offer; CREATE INDEX price_by_offer ON price (offer_seq); "
/* SQL that takes a catalog of schema 18 back to schema 17: the indexes of hourly prices per
 * vCPU and per GiB. */
#define UNDO_SCHEMA_18 \
  "CREATE INDEX price_by_per_vcpu ON price (bucket, (CAST (amount AS REAL) / vcpu), amount, " \
  "  offer_seq, variant) WHERE vcpu > 0 AND unit = 0; " \
  "CREATE INDEX price_by_per_gib ON price (bucket, (CAST (amount AS REAL) / memory), amount, " \
  "  offer_seq, variant) WHERE memory > 0 AND unit = 0; "
/* SQL that takes a catalog of schema 27 back to schema 17. */
#define UNDO_SCHEMAS_18_27 \
  UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24 UNDO_SCHEMA_23 UNDO_SCHEMA_22 \
  UNDO_SCHEMA_21 UNDO_SCHEMA_20 UNDO_SCHEMA_19 UNDO_SCHEMA_18
#define UNDO_SCHEMA_17 \
  "DROP INDEX price_by_unit; DROP INDEX price_by_vcpu; DROP INDEX price_by_memory; " \
  "DROP INDEX price_by_os; DROP INDEX price_by_arch; DROP INDEX price_by_region; " \
  "DROP INDEX price_by_service; DROP INDEX price_by_per_vcpu; DROP INDEX price_by_per_gib; " \
  "CREATE INDEX price_by_unit ON price (unit, bucket, amount, offer_seq); " \
  "CREATE INDEX price_by_vcpu ON price (vcpu, unit, bucket, amount, offer_seq) " \
  "  WHERE vcpu IS NOT NULL; " \
  "CREATE INDEX price_by_memory ON price (memory, unit, bucket, amount, offer_seq) " \
  "  WHERE memory IS NOT NULL; " \
  "CREATE INDEX price_by_os ON price (os, unit, bucket, amount, offer_seq) " \
  "  WHERE os IS NOT NULL; " \
  "CREATE INDEX price_by_arch ON price (arch, unit, bucket, amount, offer_seq) " \
  "  WHERE arch IS NOT NULL; " \
  "CREATE INDEX price_by_region ON price (region, unit, bucket, amount, offer_seq); " \
  "CREATE INDEX price_by_service ON price (service_id, unit, bucket, amount, offer_seq); " \
  "CREATE INDEX price_by_per_vcpu ON price (bucket, (CAST (amount AS REAL) / vcpu), amount, " \
  "  offer_seq) WHERE vcpu > 0 AND unit = 0; " \
  "CREATE INDEX price_by_per_gib ON price (bucket, (CAST (amount AS REAL) / memory), amount, " \
  "  offer_seq) WHERE memory > 0 AND unit = 0; "
#define UNDO_SCHEMA_16 \
  "DROP TABLE price_value; "
#define UNDO_SCHEMA_15 \
  "DROP INDEX price_by_per_vcpu; " \
  "DROP INDEX price_by_per_gib; "
#define UNDO_SCHEMA_14 \
  "DROP INDEX price_by_vcpu; " \
  "DROP INDEX price_by_memory; " \
  "DROP INDEX price_by_os; " \
  "DROP INDEX price_by_arch; " \
  "DROP INDEX price_by_region; " \
  "DROP INDEX price_by_service; "

/* A catalog of schema 5 (the one before the catalog remembered its bundled sheets, and kept
 * which sheet is current) that holds sheets is taken as seeded; an empty one is still to be
 * seeded. Its current sheet stays current. */
static void
test_migrate_from_5 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SkyBundledSheets state;
  sqlite3 *db = NULL;

  for (int with_sheet = 0; with_sheet < 2; with_sheet++)
    {
      if (with_sheet)
        import_fixture (f);
      g_clear_object (&f->catalog);
      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db,
                                     "DROP TABLE setting; ALTER TABLE sheet ADD COLUMN "
                                     "is_current INTEGER NOT NULL DEFAULT 0 "
                                     "CHECK (is_current IN (0, 1)); "
                                     "UPDATE sheet SET is_current = 1; "
                                     "ALTER TABLE provider DROP COLUMN short_name; "
                                     UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     UNDO_SCHEMA_12 UNDO_SCHEMA_11 UNDO_SCHEMA_10
                                     "DROP TABLE usage_discount; "
                                     "PRAGMA user_version = 5",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      f->catalog = sky_catalog_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
      g_assert_true (sky_catalog_get_bundled_sheets (f->catalog, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state, ==, with_sheet ? SKY_BUNDLED_SHEETS_LOADED
                                             : SKY_BUNDLED_SHEETS_PENDING);
      if (with_sheet)
        g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
    }
}

/* A copy of valid-small.xml of version 2026.2 whose provider has the short name "Example". */
static char *
write_short_named (Fixture *f)
{
  g_autofree char *variant = write_variant (f, "version=\"2026.2\"",
                                            "effective-date=\"2026-02-01\"",
                                            "term=\"on-demand\" amount=\"0.0900\"");
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;

  g_assert_true (g_file_get_contents (variant, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "name=\"Example Cloud\"/>",
                                      "name=\"Example Cloud\" short-name=\"Example\"/>", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (variant, s->str, s->len, NULL));
  return g_steal_pointer (&variant);
}

/* The provider's short names in the list of sheets, a search and an offer's details, with its
 * names beside them. */
static void
assert_short_names (Fixture    *f,
                    const char *expected)
{
  SkySearchQuery std2 = { .text = "std-2", .term = "on-demand" };
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SkyOfferDetails) d = NULL;
  g_autoptr(GError) error = NULL;
  SkyListing *l;

  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, >, 0);
  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      g_assert_cmpstr (info->provider_name, ==, "Example Cloud");
      g_assert_cmpstr (info->provider_short_name, ==, expected);
    }
  rows = search (f, &std2);
  g_assert_cmpuint (rows->len, ==, 1);
  l = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (l->provider_name, ==, "Example Cloud");
  g_assert_cmpstr (l->provider_short_name, ==, expected);
  {
    g_autoptr(SkyListing) copy = sky_listing_copy (l);
    g_assert_cmpstr (copy->provider_short_name, ==, expected);
  }
  d = sky_catalog_get_offer (f->catalog, l->offer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->provider_name, ==, "Example Cloud");
  g_assert_cmpstr (d->provider_short_name, ==, expected);
}

/* Without a short name in its sheet, a provider's short name is its name; a sheet imported
 * with one sets it for the provider. */
static void
test_short_name (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *named = write_short_named (f);
  g_autoptr(SkyImportResult) result = NULL;

  import_fixture (f);
  assert_short_names (f, "Example Cloud");
  result = import_ok (f, named);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  assert_short_names (f, "Example");
  g_assert_cmpint (query_int (f->path,
                              "SELECT count(*) FROM provider WHERE short_name = 'Example'"),
                   ==, 1);
}

/* A catalog of schema 7 (the one before providers had short names), as that version wrote it,
 * converts keeping its sheets and prices; its providers' short names are their names until a
 * sheet with one is imported. */
static void
test_migrate_from_7 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *named = write_short_named (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "ALTER TABLE provider DROP COLUMN short_name; "
                                 UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                 UNDO_SCHEMA_12 UNDO_SCHEMA_11 UNDO_SCHEMA_10
                                 "DROP TABLE usage_discount; "
                                 "PRAGMA user_version = 7",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('provider') "
                                       "WHERE name = 'short_name'"), ==, 0);
  before = snapshot (f->path);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM provider WHERE short_name IS NULL"),
                   ==, 1);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  assert_short_names (f, "Example Cloud");

  result = import_ok (f, named);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  assert_short_names (f, "Example");
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));
}


/* A sheet with a usage discount, a price that names it and one with a monthly cap; @percent is
 * the discount's second band. */
static char *
write_rules_sheet (Fixture    *f,
                   const char *name,
                   const char *percent)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *path = g_build_filename (f->dir, name, NULL);

  sky_test_append_sheet_start (s, "rulescloud", "Rules Cloud");
  g_string_append_printf (s,
                          "  <region code=\"r1\" name=\"R1\" geography=\"US\"/>\n"
                          "  <usage-discount id=\"n2\">\n"
                          "    <band from=\"0\" to=\"50\" percent=\"0\"/>\n"
                          "    <band from=\"50\" to=\"100\" percent=\"%s\"/>\n"
                          "  </usage-discount>\n"
                          "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                          "    <offer sku=\"n2-4\" name=\"n2-4\" region=\"r1\" vcpu=\"4\" "
                          "memory-gib=\"16\">\n"
                          "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.2\" "
                          "usage-discount=\"n2\"/>\n"
                          "      <price unit=\"hour\" term=\"spot\" amount=\"0.05\" "
                          "monthly-cap=\"30\"/>\n"
                          "    </offer>\n"
                          "  </service>\n"
                          "</price-sheet>\n", percent);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  return path;
}

/* The offer n2-4 of the rules sheet as the catalog gives it. */
static SkyOfferDetails *
rules_offer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sky_catalog_find_offer (f->catalog, "rulescloud", NULL, "n2-4", &error);
  SkyOfferDetails *offer;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  offer = sky_catalog_get_offer (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer);
  return offer;
}

/* A listing carries its price's monthly cap, and its month of hours costs at most the cap:
 * 730 h × 0.05 = 36.50 is capped at 30, 500 h × 0.05 = 25 is not; a price without a cap is
 * not. */
static void
test_listing_monthly_cap (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sheet = write_rules_sheet (f, "rules.xml", "20");
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  SkySearchQuery spot_query = { .provider = "rulescloud", .term = "spot" };
  SkySearchQuery on_demand_query = { .provider = "rulescloud", .term = "on-demand" };
  g_autoptr(GPtrArray) spot = search (f, &spot_query);
  g_autoptr(GPtrArray) on_demand = search (f, &on_demand_query);
  const SkyListing *l;
  SkyDecimal monthly;
  g_autofree char *capped = NULL;
  g_autofree char *under = NULL;
  g_autofree char *uncapped = NULL;

  g_assert_cmpuint (spot->len, ==, 1);
  l = g_ptr_array_index (spot, 0);
  g_assert_true (l->has_monthly_cap);
  g_assert_cmpint (l->monthly_cap, ==, 30 * G_GINT64_CONSTANT (10000000000));
  g_assert_true (sky_listing_monthly (l, &monthly));
  capped = sky_decimal_format (monthly, 2);
  g_assert_cmpstr (capped, ==, "30.00");
  g_assert_true (sky_listing_monthly_hours (l, 500, &monthly));
  under = sky_decimal_format (monthly, 2);
  g_assert_cmpstr (under, ==, "25.00");

  g_assert_cmpuint (on_demand->len, ==, 1);
  l = g_ptr_array_index (on_demand, 0);
  g_assert_false (l->has_monthly_cap);
  g_assert_true (sky_listing_monthly (l, &monthly));
  uncapped = sky_decimal_format (monthly, 2);
  g_assert_cmpstr (uncapped, ==, "146.00");
}

/* An offer's details give each price's monthly cap and the bands of its usage discount; the
 * same sheet again changes nothing, one whose bands differ is refused, and removing the sheet
 * takes its usage discounts with it. */
static void
test_usage_discount_and_cap (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *sheet = write_rules_sheet (f, "rules.xml", "20");
  g_autofree char *changed = write_rules_sheet (f, "rules-changed.xml", "25");
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(SkyImportResult) again = NULL;
  g_autoptr(SkyOfferDetails) offer = rules_offer (f);
  g_autoptr(GError) error = NULL;
  SkyOfferPrice *on_demand, *spot;
  g_autofree char *bands = NULL;

  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpuint (offer->prices->len, ==, 2);
  on_demand = g_ptr_array_index (offer->prices, 0);
  spot = g_ptr_array_index (offer->prices, 1);
  g_assert_cmpstr (on_demand->usage_discount, ==, "n2");
  g_assert_false (on_demand->has_monthly_cap);
  g_assert_nonnull (on_demand->usage_bands);
  bands = sky_sheet_bands_to_string (on_demand->usage_bands);
  g_assert_cmpstr (bands, ==, "0:50:0,50:100:20");
  g_assert_null (spot->usage_discount);
  g_assert_null (spot->usage_bands);
  g_assert_true (spot->has_monthly_cap);
  g_assert_cmpint (spot->monthly_cap, ==, G_GINT64_CONSTANT (300000000000));

  again = import_ok (f, sheet);
  g_assert_cmpint (again->status, ==, SKY_IMPORT_UNCHANGED);

  g_assert_null (sky_catalog_import_file (f->catalog, changed, NULL, NULL, NULL, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT);
  g_clear_error (&error);

  g_assert_true (sky_catalog_remove_sheet (f->catalog, "rulescloud", "1", &error));
  g_assert_no_error (error);
  g_clear_object (&f->catalog);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM usage_discount"), ==, 0);
}

/* A catalog of schema 8 gains the table of usage discounts, empty; its prices read as before,
 * and a sheet with a usage discount imports into it. */
static void
test_migrate_from_8 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sheet = write_rules_sheet (f, "rules.xml", "20");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyOfferDetails) offer = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     UNDO_SCHEMA_12 UNDO_SCHEMA_11 UNDO_SCHEMA_10
                                     "DROP TABLE usage_discount; "
                                     "PRAGMA user_version = 8",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'usage_discount'"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM usage_discount"), ==, 0);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));

  result = import_ok (f, sheet);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  offer = rules_offer (f);
  g_assert_nonnull (((SkyOfferPrice *) g_ptr_array_index (offer->prices, 0))->usage_bands);
}

/* The SKUs of @rows, in order, joined by spaces. */
static char *
skus_of (GPtrArray *rows)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            ((SkyListing *) g_ptr_array_index (rows, i))->sku);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The SKUs a search for on-demand prices of attributes.xml lists, cheapest first, and its
 * count. */
static char *
search_rows (Fixture        *f,
             SkySearchQuery *query)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  query->term = "on-demand";
  rows = search (f, query);
  g_assert_true (sky_catalog_count (f->catalog, query, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, rows->len);
  return skus_of (rows);
}

/* An offer's attributes and its standard, convertible and dev/test prices are stored, read
 * back, and compared on a re-import; a search shows default rows unless asked for others. */
static void
test_attributes_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sheet = fixture_file ("attributes.xml");
  g_autoptr(SkyImportResult) first = import_ok (f, sheet);
  g_autoptr(SkyImportResult) again = NULL;
  SkySearchQuery all = { .tenancy = SKY_SEARCH_ANY, .licence = SKY_SEARCH_ANY,
                         .software = SKY_SEARCH_ANY, .capacity = SKY_SEARCH_ANY };
  SkySearchQuery q = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[][6] = {
    /* sku, architecture, tenancy, licence, software, capacity */
    { "m-4", "x86-64", "shared", "included", NULL, "used" },
    { "m-4-dedicated", "x86-64", "dedicated", "included", NULL, "used" },
    { "m-4-host", "x86-64", "host", "included", NULL, "used" },
    { "m-4-byol", "x86-64", "shared", "byol", NULL, "used" },
    { "m-4-sql", "x86-64", "shared", "included", "sql-web", "used" },
    { "m-4-unused", "x86-64", "shared", "included", NULL, "unused-reservation" },
    { "g-4", "arm64", "shared", "included", NULL, "used" },
  };
  char *skus;

  g_assert_cmpint (first->status, ==, SKY_IMPORT_ADDED);
  g_assert_cmpuint (first->offers, ==, 7);

  /* By default, the default rows only: of any architecture. */
  skus = search_rows (f, &q);
  g_assert_cmpstr (skus, ==, "g-4 m-4");
  g_free (skus);
  rows = search (f, &(SkySearchQuery) { .text = "m-4", .term = "on-demand" });
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((SkyListing *) rows->pdata[0])->architecture, ==, "x86-64");
  g_assert_cmpstr (((SkyListing *) rows->pdata[0])->tenancy, ==, "shared");
  g_assert_cmpstr (((SkyListing *) rows->pdata[0])->licence, ==, "included");
  g_assert_null (((SkyListing *) rows->pdata[0])->software);
  g_assert_cmpstr (((SkyListing *) rows->pdata[0])->capacity, ==, "used");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Every row, each with its attributes, in the search and in the offer's details. */
  skus = search_rows (f, &all);
  g_assert_cmpstr (skus, ==, "m-4-host m-4-unused m-4-sql m-4-byol m-4-dedicated g-4 m-4");
  g_free (skus);
  all.term = "on-demand";
  rows = search (f, &all);
  for (guint i = 0; i < rows->len; i++)
    {
      SkyListing *l = g_ptr_array_index (rows, i);
      g_autoptr(SkyOfferDetails) d = sky_catalog_get_offer (f->catalog, l->offer_id, &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (gsize e = 0; e < G_N_ELEMENTS (expected); e++)
        {
          if (g_strcmp0 (expected[e][0], l->sku) != 0)
            continue;
          found = TRUE;
          g_assert_cmpstr (l->architecture, ==, expected[e][1]);
          g_assert_cmpstr (d->architecture, ==, expected[e][1]);
          g_assert_cmpstr (l->tenancy, ==, expected[e][2]);
          g_assert_cmpstr (d->tenancy, ==, expected[e][2]);
          g_assert_cmpstr (l->licence, ==, expected[e][3]);
          g_assert_cmpstr (d->licence, ==, expected[e][3]);
          g_assert_cmpstr (l->software, ==, expected[e][4]);
          g_assert_cmpstr (d->software, ==, expected[e][4]);
          g_assert_cmpstr (l->capacity, ==, expected[e][5]);
          g_assert_cmpstr (d->capacity, ==, expected[e][5]);
        }
      g_assert_true (found);
      /* Standard, convertible and dev/test prices side by side. */
      if (strcmp (l->sku, "m-4") == 0)
        {
          g_assert_cmpuint (d->prices->len, ==, 4);
          g_assert_cmpstr (((SkyOfferPrice *) d->prices->pdata[1])->term, ==, "dev-test");
          g_assert_cmpint (((SkyOfferPrice *) d->prices->pdata[1])->amount, ==, 1234000000);
          g_assert_cmpstr (((SkyOfferPrice *) d->prices->pdata[2])->term, ==,
                           "reserved-1y-no-upfront");
          g_assert_cmpstr (((SkyOfferPrice *) d->prices->pdata[3])->term, ==,
                           "reserved-convertible-1y-no-upfront");
          g_assert_cmpint (((SkyOfferPrice *) d->prices->pdata[3])->amount, ==, 1500000000);
        }
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One attribute asked for, the others the default row's; or any. */
#define ROWS(expected_skus, ...) G_STMT_START { \
    SkySearchQuery query = { __VA_ARGS__ }; \
    g_autofree char *got = search_rows (f, &query); \
    g_assert_cmpstr (got, ==, expected_skus); \
  } G_STMT_END
  ROWS ("m-4-dedicated", .tenancy = "dedicated");
  ROWS ("m-4-host", .tenancy = "host");
  ROWS ("m-4-host m-4-dedicated g-4 m-4", .tenancy = SKY_SEARCH_ANY);
  ROWS ("m-4-byol", .licence = "byol");
  ROWS ("m-4-sql", .software = "sql-web");
  ROWS ("", .software = "sql-enterprise");
  ROWS ("m-4-sql g-4 m-4", .software = SKY_SEARCH_ANY);
  ROWS ("g-4 m-4", .software = "none");
  ROWS ("m-4-unused", .capacity = "unused-reservation");
  ROWS ("g-4", .architecture = "arm64");
  ROWS ("m-4", .architecture = "x86-64");
  ROWS ("m-4-sql m-4-byol m-4", .architecture = "x86-64", .licence = SKY_SEARCH_ANY,
        .software = SKY_SEARCH_ANY);
#undef ROWS

  /* The convertible price is a purchase option to search by. */
  rows = search (f, &(SkySearchQuery) { .term = "reserved-convertible-1y-no-upfront" });
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((SkyListing *) rows->pdata[0])->price, ==, 1500000000);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A value no row can have is refused. */
  g_assert_null (sky_catalog_search (f->catalog, &(SkySearchQuery) { .tenancy = "private" },
                                     &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "Unknown tenancy “private”"));
  g_clear_error (&error);

  /* The same sheet again changes nothing: its attributes are compared too. */
  again = import_ok (f, sheet);
  g_assert_cmpint (again->status, ==, SKY_IMPORT_UNCHANGED);
}

/* The same sheet with one offer's attribute changed is another sheet. */
static void
test_attributes_compared (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sheet = fixture_file ("attributes.xml");
  g_autofree char *changed = g_build_filename (f->dir, "attributes-changed.xml", NULL);
  g_autoptr(SkyImportResult) first = import_ok (f, sheet);
  static const char * const edits[][2] = {
    { "architecture=\"arm64\"", "architecture=\"x86-64\"" },
    { "tenancy=\"host\"", "tenancy=\"dedicated\"" },
    { "licence=\"byol\"", "licence=\"included\"" },
    { "software=\"sql-web\"", "software=\"sql-standard\"" },
    { "capacity=\"unused-reservation\"", "capacity=\"allocated-host\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GString) s = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyImportResult) result = NULL;

      g_assert_true (g_file_get_contents (sheet, &text, NULL, NULL));
      s = g_string_new (text);
      g_assert_cmpuint (g_string_replace (s, edits[i][0], edits[i][1], 1), ==, 1);
      g_assert_true (g_file_set_contents (changed, s->str, s->len, NULL));
      result = sky_catalog_import_file (f->catalog, changed, NULL, NULL, NULL, &error);
      g_test_message ("%s", edits[i][0]);
      g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_VERSION_CONFLICT);
      g_assert_null (result);
    }
}

/* A catalog of schema 9, before offers had attributes: its rows are default rows of no stated
 * architecture, found by a search as before; a sheet with attributes goes in after it. */
static void
test_migrate_from_9 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *attributes = fixture_file ("attributes.xml");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SkyOfferDetails) d = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *skus;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     UNDO_SCHEMA_12 UNDO_SCHEMA_11 UNDO_SCHEMA_10
                                     "PRAGMA user_version = 9",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('price') "
                                       "WHERE name = 'variant'"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  /* No row was rewritten: each has the columns' defaults. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price WHERE variant = 0 "
                                       "AND arch IS NULL"), ==,
                   query_int (f->path, "SELECT count(*) FROM price"));
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  rows = search (f, &(SkySearchQuery) { .text = "std-2", .term = "on-demand" });
  d = sky_catalog_get_offer (f->catalog, ((SkyListing *) rows->pdata[0])->offer_id, &error);
  g_assert_no_error (error);
  g_assert_null (d->architecture);
  g_assert_cmpstr (d->tenancy, ==, "shared");
  g_assert_cmpstr (d->licence, ==, "included");
  g_assert_null (d->software);
  g_assert_cmpstr (d->capacity, ==, "used");

  result = import_ok (f, attributes);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  skus = search_rows (f, &(SkySearchQuery) { .provider = "attrcloud", .tenancy = "host" });
  g_assert_cmpstr (skus, ==, "m-4-host");
  g_free (skus);
}

/* The on-demand price per hour of std-2-us in the current sheet, from the offer's details. */
static SkyOfferPrice *
std2_details_price (Fixture          *f,
                    SkyOfferDetails **details)
{
  SkySearchQuery q = { .text = "std-2", .term = "on-demand" };
  g_autoptr(GPtrArray) rows = search (f, &q);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpuint (rows->len, ==, 1);
  id = ((SkyListing *) g_ptr_array_index (rows, 0))->offer_id;
  *details = sky_catalog_get_offer (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*details);
  for (guint i = 0; i < (*details)->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index ((*details)->prices, i);
      if (g_strcmp0 (p->term, "on-demand") == 0 && g_strcmp0 (p->unit, "hour") == 0)
        return p;
    }
  g_assert_not_reached ();
}

/* Every offer's prices text, in the order of the offers. */
static char *
offer_prices (const char *path)
{
  GString *s = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, prices FROM offer_row ORDER BY id", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%s|%s\n", (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

/* A catalog of version 8, whose prices have no dates of their own, opens as the current
 * version without an offer's prices rewritten; its prices read as before, with none; a sheet
 * imported then keeps the dates its prices give. */
static void
test_migrate_from_8_dates (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dated = write_variant (f, "version=\"2026.2\"", "effective-date=\"2026-02-01\"",
                                          "term=\"on-demand\" amount=\"0.0900\" "
                                          "effective-date=\"2026-03-01\"");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyOfferDetails) before = NULL;
  g_autoptr(SkyOfferDetails) after = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autoptr(GError) error = NULL;
  SkyOfferPrice *price;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                 UNDO_SCHEMA_12 UNDO_SCHEMA_11 UNDO_SCHEMA_10
                                 "DROP TABLE usage_discount; "
                                 "PRAGMA user_version = 8",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  rows_before = offer_prices (f->path);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  rows_after = offer_prices (f->path);
  g_assert_cmpstr (rows_before, ==, rows_after);
  price = std2_details_price (f, &before);
  g_assert_cmpint (price->amount, ==, G_GINT64_CONSTANT (960000000));
  g_assert_null (price->effective_date);

  result = import_ok (f, dated);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  price = std2_details_price (f, &after);
  g_assert_cmpint (price->amount, ==, G_GINT64_CONSTANT (900000000));
  g_assert_cmpstr (price->effective_date, ==, "2026-03-01");
  g_assert_cmpstr (after->effective_date, ==, "2026-02-01");
  /* The offer's other prices give none. */
  for (guint i = 0; i < after->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (after->prices, i);
      if (p != price)
        g_assert_null (p->effective_date);
    }
}

/* A catalog of schema 10, whose price rows do not name their service, gains the column filled
 * from the offers: each price names its offer's service, and searches find the prices of the
 * current services as before. */
static void
test_migrate_from_10_services (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *newer = write_variant (f, "version=\"2026.2\"",
                                          "effective-date=\"2026-02-01\"",
                                          "term=\"on-demand\" amount=\"0.0900\"");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     UNDO_SCHEMA_12 UNDO_SCHEMA_11 "PRAGMA user_version = 10",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('price') "
                                       "WHERE name = 'service_id'"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price"), >, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price p WHERE p.service_id IS NOT "
                                       "(SELECT o.service_id FROM offer_row o "
                                       " WHERE o.id = p.offer_seq >> 10)"), ==, 0);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));

  /* A sheet imported after the conversion takes over its services. */
  result = import_ok (f, newer);
  g_assert_true (result->current);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (900000000));
}

/* A catalog of schema 11 gains the indexes of searches and the text index of its offers'
 * names and SKUs, which finds them as a scan does. */
static void
test_migrate_from_11 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                 UNDO_SCHEMA_12 "PRAGMA user_version = 11",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name IN ('offer_text', 'price_by_offer', "
                                       "'price_by_unit', 'offer_by_name')"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name IN ('offer_text', 'price_by_offer', "
                                       "'price_by_unit', 'offer_by_name')"), ==, 4);
  /* Every offer is in the text index. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"-us\"'"), ==, 3);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  ASSERT_SKUS ((&(SkySearchQuery) { .text = "MEM-4", .term = "on-demand" }), "mem-4-eu");
}

/* A catalog of schema 12, whose text index kept each offer's count of trigrams, gets the index
 * built again without them; it finds the offers it found before. */
static void
test_migrate_from_12 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     "DROP TABLE offer_text; "
                                     "CREATE VIRTUAL TABLE offer_text USING fts5 ("
                                     "  name, sku, content = 'offer_row', content_rowid = 'id',"
                                     "  tokenize = 'trigram', detail = 'none'); "
                                     "INSERT INTO offer_text (offer_text) VALUES ('rebuild'); "
                                     "PRAGMA user_version = 12",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'offer_text_docsize'"), ==, 1);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'offer_text_docsize'"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'offer_text'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_text WHERE offer_text MATCH "
                                       "'\"-us\"'"), ==, 3);
  ASSERT_SKUS ((&(SkySearchQuery) { .text = "MEM-4", .term = "on-demand" }), "mem-4-eu");
}

/* A catalog of schema 13 gains the indexes of prices by size, operating system,
 * architecture, region and service, and its searches in every order keep the same prices. */
static void
test_migrate_from_13 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  const char *indexes = "SELECT count(*) FROM sqlite_schema WHERE name IN ('price_by_vcpu', "
                        "'price_by_memory', 'price_by_os', 'price_by_arch', "
                        "'price_by_region', 'price_by_service')";

  import_fixture (f);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 UNDO_SCHEMA_14
                                     "PRAGMA user_version = 13",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, indexes), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, indexes), ==, 6);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  ASSERT_SKUS ((&(SkySearchQuery) { .text = "MEM-4", .term = "on-demand" }), "mem-4-eu");
}

/* Closes the fixture's catalog and takes its file back to an earlier schema with @sql (which
 * sets the version). */
static void
take_back (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;

  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Closes the fixture's catalog, changes its file with @sql and opens it again. */
static void
change_file (Fixture    *f,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  take_back (f, sql);
  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
}

/* Opens the fixture's catalog again, which brings it to the current schema. */
static void
open_converted (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
}

/* A catalog of schema 14 is brought to the current schema, which has no index of hourly prices
 * per vCPU or per GiB (schema 15 made them, schema 18 dropped them), and its searches in those
 * orders keep the same prices, each way. */
static void
test_migrate_from_14 (Fixture       *f,
                      gconstpointer  data)
{
  const char *indexes = "SELECT count(*) FROM sqlite_schema "
                        "WHERE name IN ('price_by_per_vcpu', 'price_by_per_gib')";
  SkySearchQuery queries[] = {
    { .sort = SKY_SORT_PER_VCPU, .descending = TRUE },
    { .sort = SKY_SORT_PER_GIB },
  };
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  import_fixture (f);
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    g_ptr_array_add (before, search_keys (f, &queries[i]));
  take_back (f, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 UNDO_SCHEMA_15 "PRAGMA user_version = 14");
  g_assert_cmpint (query_int (f->path, indexes), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, indexes), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *after = search_keys (f, &queries[i]);

      g_assert_cmpstr (after, ==, before->pdata[i]);
    }
}

/* A catalog of schema 15 gains the values of the columns a search names value by value, those
 * its prices hold, and its searches keep the same prices. */
static void
test_migrate_from_15 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = fixture_file ("other-small.xml");
  g_autoptr(SkyImportResult) result = NULL;
  sqlite3 *db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *least_before = NULL;
  g_autofree char *least_after = NULL;
  SkySearchQuery query = { .sort = SKY_SORT_VCPU };
  SkySearchQuery least = { .min_memory_mgib = 8000 };

  import_fixture (f);
  result = import_ok (f, other);
  before = search_keys (f, &query);
  least_before = search_keys (f, &least);
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_16 "PRAGMA user_version = 15",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'price_value'"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_value "
                                       "WHERE name = 'bucket'"), >, 0);
  assert_values_kept (f->path);
  after = search_keys (f, &query);
  g_assert_cmpstr (after, ==, before);
  least_after = search_keys (f, &least);
  g_assert_cmpstr (least_after, ==, least_before);
}

/* Schema 21: the table of the offers' names is made and filled from the offers of every sheet,
 * and a text only services' names hold lists, in the orders that read it, what it listed
 * before. */
static void
test_migrate_from_20 (Fixture       *f,
                      gconstpointer  data)
{
  const SkySort sorts[] = {
    SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_ARCHITECTURE, SKY_SORT_PER_VCPU,
    SKY_SORT_PER_GIB,
  };
  g_autofree char *other = fixture_file ("other-small.xml");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  import_fixture (f);
  result = import_ok (f, other);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery text = { .sort = sorts[i], .text = "Virtual", .descending = descending };

        g_ptr_array_add (before, search_keys (f, &text));
      }
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24 UNDO_SCHEMA_23
             UNDO_SCHEMA_22 UNDO_SCHEMA_21 "PRAGMA user_version = 20");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'offer_name'"), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name"), >, 0);
  assert_names_kept (f->path);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery text = { .sort = sorts[i], .text = "Virtual", .descending = descending };
        g_autofree char *after = search_keys (f, &text);

        g_assert_cmpstr (after, ==, before->pdata[2 * i + descending]);
      }
}

/* Schema 23: each row of the table of names says how many offers it stands for; the pages of
 * a text names hold, each way, are as before. */
static void
test_migrate_from_22 (Fixture       *f,
                      gconstpointer  data)
{
  const SkySort sorts[] = {
    SKY_SORT_NAME, SKY_SORT_PRICE, SKY_SORT_UNIT_PRICE, SKY_SORT_VCPU, SKY_SORT_REGION,
    SKY_SORT_PER_GIB,
  };
  g_autofree char *named = write_named_sheet (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  import_fixture (f);
  result = import_ok (f, named);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery text = { .sort = sorts[i], .text = "ghij", .descending = descending };

        g_ptr_array_add (before, search_keys (f, &text));
      }
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24 UNDO_SCHEMA_23
             "PRAGMA user_version = 22");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('offer_name') "
                                       "WHERE name = 'offers'"), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, "SELECT sum (offers) FROM offer_name"), ==,
                   query_int (f->path, "SELECT count(*) FROM offer_row"));
  assert_names_kept (f->path);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery text = { .sort = sorts[i], .text = "ghij", .descending = descending };
        g_autofree char *after = search_keys (f, &text);

        g_assert_cmpstr (after, ==, before->pdata[2 * i + descending]);
      }
}

/* Schema 19: the index of prices by offer holds, after the offer, the columns a search of the
 * window checks or sorts by; the pages of a text's offers sorted are as before. */
static void
test_migrate_from_18 (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const columns[] = {
    "offer_seq", "variant", "unit", "region", "service_id", "vcpu", "memory", "arch",
  };
  const SkySort sorts[] = {
    SKY_SORT_UNIT_PRICE, SKY_SORT_PRICE, SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY,
    SKY_SORT_REGION, SKY_SORT_SERVICE, SKY_SORT_PROVIDER, SKY_SORT_ARCHITECTURE,
    SKY_SORT_TERM, SKY_SORT_PER_VCPU, SKY_SORT_PER_GIB,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;

  import_fixture (f);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      SkySearchQuery text = { .sort = sorts[i], .text = "-us" };

      g_ptr_array_add (before, search_keys (f, &text));
    }
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24
                                 UNDO_SCHEMA_23 UNDO_SCHEMA_22 UNDO_SCHEMA_21 UNDO_SCHEMA_20
                                 UNDO_SCHEMA_19 "PRAGMA user_version = 18", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_index_info "
                                       "('price_by_offer')"), ==, 1);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_index_info "
                                       "('price_by_offer')"), ==, G_N_ELEMENTS (columns));
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT seqno FROM pragma_index_info "
                                              "('price_by_offer') WHERE name = '%s'",
                                              columns[i]);

      g_assert_cmpint (query_int (f->path, sql), ==, i);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      SkySearchQuery text = { .sort = sorts[i], .text = "-us" };
      g_autofree char *after = search_keys (f, &text);

      g_assert_cmpstr (after, ==, before->pdata[i]);
    }
}

/* A catalog of schema 16 gains each price's variant in every index of prices by a column, which
 * a search of the default rows through one of them then reads rather than the price's row, and
 * its searches keep the same prices, with and without a text. */
static void
test_migrate_from_16 (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const indexes[] = {
    "price_by_unit", "price_by_vcpu", "price_by_memory", "price_by_os", "price_by_arch",
    "price_by_region", "price_by_service",
  };
  const SkySort sorts[] = {
    SKY_SORT_UNIT_PRICE, SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_REGION, SKY_SORT_SERVICE,
    SKY_SORT_ARCHITECTURE, SKY_SORT_PER_VCPU, SKY_SORT_PER_GIB,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;

  import_fixture (f);
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      SkySearchQuery query = { .sort = sorts[i] };
      SkySearchQuery text = { .sort = sorts[i], .text = "-us", .limit = 2 };

      g_ptr_array_add (before, search_keys (f, &query));
      _sky_catalog_set_few_offers (0);
      g_ptr_array_add (before, search_keys (f, &text));
      _sky_catalog_set_few_offers (-1);
    }
  g_clear_object (&f->catalog);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, UNDO_SCHEMAS_18_27 UNDO_SCHEMA_17 "PRAGMA user_version = 16",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_index_xinfo ('price_by_unit') "
                                       "WHERE name = 'variant' AND key"), ==, 0);

  f->catalog = sky_catalog_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (f->path, "user_version"), ==, SKY_CATALOG_SCHEMA_VERSION);
  g_assert_true (sky_catalog_check (f->catalog, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_index_xinfo ('%s') "
                                              "WHERE name = 'variant' AND key", indexes[i]);

      g_assert_cmpint (query_int (f->path, sql), ==, 1);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      SkySearchQuery query = { .sort = sorts[i] };
      SkySearchQuery text = { .sort = sorts[i], .text = "-us", .limit = 2 };
      g_autofree char *after = search_keys (f, &query);
      g_autofree char *text_after = NULL;

      _sky_catalog_set_few_offers (0);
      text_after = search_keys (f, &text);
      _sky_catalog_set_few_offers (-1);
      g_assert_cmpstr (after, ==, before->pdata[2 * i]);
      g_assert_cmpstr (text_after, ==, before->pdata[2 * i + 1]);
    }
}

/* A catalog of schema 17 loses the indexes of hourly prices per vCPU and per GiB, and its
 * searches in those orders, each way, with and without filters and a text, keep the same
 * prices, every page of them. */
static void
test_migrate_from_17 (Fixture       *f,
                      gconstpointer  data)
{
  const char *indexes = "SELECT count(*) FROM sqlite_schema "
                        "WHERE name IN ('price_by_per_vcpu', 'price_by_per_gib')";
  g_autofree char *sheet = write_per_size_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  guint n_queries = 4 * G_N_ELEMENTS (per_size_filters);

  /* Each search whole, then a page of it. */
  for (guint n = 0; n < 2 * n_queries; n++)
    {
      SkySearchQuery query = per_size_query (n % n_queries, n < n_queries ? 0 : 3, 2);

      g_ptr_array_add (before, search_keys (f, &query));
    }
  take_back (f, UNDO_SCHEMAS_18_27 "PRAGMA user_version = 17");
  g_assert_cmpint (query_int (f->path, indexes), ==, 2);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, indexes), ==, 0);
  for (guint n = 0; n < 2 * n_queries; n++)
    {
      SkySearchQuery query = per_size_query (n % n_queries, n < n_queries ? 0 : 3, 2);
      g_autofree char *after = search_keys (f, &query);

      g_assert_cmpstr (after, ==, before->pdata[n]);
      /* The sheet has prices for each. */
      g_assert_cmpstr (after, !=, "");
    }
}

/* A sheet of @provider whose services, operating systems and sizes seldom meet: a service of
 * many offers, mostly Linux, whose memory grows with the vCPUs; a service of a few large Linux
 * offers; one of two small Windows offers; one of storage without sizes. With @odd, an offer
 * of 64 vCPUs and 8 GiB too, which no other size meets. */
static char *
write_meet_sheet (Fixture    *f,
                  const char *provider,
                  gboolean    odd)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (provider, ".xml", NULL);
  char *path = g_build_filename (f->dir, name, NULL);

  sky_test_append_sheet_start (s, provider, provider);
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <service id=\"big\" name=\"Big VMs\" category=\"compute\">\n");
  for (guint i = 0; i < 36; i++)
    {
      guint vcpu = 1 << (i % 6);

      g_string_append_printf (s, "    <offer sku=\"big-%u\" name=\"big %02u\" region=\"eu\" "
                                 "vcpu=\"%u\" memory-gib=\"%u\" os=\"%s\">\n"
                                 "      <price unit=\"hour\" term=\"on-demand\" "
                                 "amount=\"0.%03u\"/>\n"
                                 "      <price unit=\"hour\" term=\"spot\" amount=\"0.%03u\"/>\n"
                                 "    </offer>\n",
                              i, i, vcpu, vcpu * 4, i % 4 == 0 ? "windows" : "linux",
                              vcpu * 10 + i % 7, vcpu * 3 + i % 5);
    }
  if (odd)
    g_string_append (s, "    <offer sku=\"odd\" name=\"odd\" region=\"eu\" vcpu=\"64\" "
                        "memory-gib=\"8\" os=\"windows\">\n"
                        "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.200\"/>\n"
                        "    </offer>\n");
  g_string_append (s, "  </service>\n"
                      "  <service id=\"gpu\" name=\"GPUs\" category=\"compute\">\n");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (s, "    <offer sku=\"gpu-%u\" name=\"gpu %u\" region=\"eu\" "
                               "vcpu=\"32\" memory-gib=\"256\" os=\"linux\">\n"
                               "      <price unit=\"hour\" term=\"on-demand\" "
                               "amount=\"0.%03u\"/>\n"
                               "    </offer>\n", i, i, 400 + i);
  g_string_append (s, "  </service>\n"
                      "  <service id=\"db\" name=\"Tiny DB\" category=\"database\">\n");
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (s, "    <offer sku=\"db-%u\" name=\"db %u\" region=\"eu\" "
                               "vcpu=\"1\" memory-gib=\"2\" os=\"windows\">\n"
                               "      <price unit=\"hour\" term=\"on-demand\" "
                               "amount=\"0.%03u\"/>\n"
                               "    </offer>\n", i, i, 5 + i);
  /* A Windows licence of no size. */
  g_string_append (s, "    <offer sku=\"db-licence\" name=\"db licence\" region=\"eu\" "
                      "os=\"windows\">\n"
                      "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.004\"/>\n"
                      "    </offer>\n");
  g_string_append (s, "  </service>\n"
                      "  <service id=\"archive\" name=\"Archive\" category=\"storage\">\n"
                      "    <offer sku=\"cold\" name=\"cold\" region=\"eu\">\n"
                      "      <price unit=\"gb-month\" term=\"on-demand\" amount=\"0.001\"/>\n"
                      "    </offer>\n"
                      "  </service>\n"
                      "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The searches of an OS or a least size sorted by a size or a service that search/meets
 * compares with the single statement (of a least size by the other size, a part through the
 * other's index); of an OS and a least vCPU count, read through the index of prices by both,
 * in every order. */
static const SkySearchQuery meet_filters[] = {
  { .os = "windows" },
  { .os = "linux" },
  { .min_vcpu_milli = 16000 },
  { .min_vcpu_milli = 64000 },
  { .min_memory_mgib = 64000 },
  { .os = "windows", .min_vcpu_milli = 2000 },
  { .os = "linux", .min_memory_mgib = 8000, .term = "spot" },
  /* By name, from the first name of the services of a category or unit. */
  { .category = "storage" },
  { .unit = "gb-month" },
  { .category = "database", .os = "windows" },
  { .geography = "EU", .category = "compute", .min_vcpu_milli = 4000 },
  /* Of an OS and a least vCPU count: parts by memory or service of the vCPU counts each holds
   * with the OS (the odd offer's 64 vCPUs are its only ones of 8 GiB). */
  { .os = "windows", .min_vcpu_milli = 4000 },
  { .os = "linux", .min_vcpu_milli = 8000, .term = "spot" },
  { .os = "windows", .min_vcpu_milli = 16000, .min_memory_mgib = 8000 },
  /* Of an OS and a least memory, by the price per GiB through the index of prices by both. */
  { .os = "linux", .min_memory_mgib = 16000 },
  { .os = "windows", .min_memory_mgib = 4000, .term = "on-demand" },
  /* An OS no price has; sizes no price has together. */
  { .os = "plan9" },
  { .min_vcpu_milli = 32000, .min_memory_mgib = 512000 },
};

/* Each of meet_filters, in every order, each way, lists the prices the single statement
 * lists, every page of three too. */
static void
assert_meets_as_single (Fixture *f)
{
  const SkySort sorts[] = {
    SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_PER_VCPU, SKY_SORT_PER_GIB, SKY_SORT_SERVICE,
    SKY_SORT_PROVIDER, SKY_SORT_NAME, SKY_SORT_PRICE, SKY_SORT_UNIT_PRICE, SKY_SORT_TERM,
    SKY_SORT_ARCHITECTURE, SKY_SORT_REGION,
  };

  for (gsize q = 0; q < G_N_ELEMENTS (meet_filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = meet_filters[q];
          g_autoptr(GPtrArray) all = NULL;

          query.sort = sorts[k];
          query.descending = descending;
          all = search_as_single (f, &query);
          /* The last filters meet no price; the first some, whatever the sheets. */
          if (q >= G_N_ELEMENTS (meet_filters) - 2)
            g_assert_cmpuint (all->len, ==, 0);
          else if (q < 3)
            g_assert_cmpuint (all->len, >, 0);
        }
}

/* The catalog's record of which values the offers hold together, as text, in the order of its
 * values. */
static char *
meets_text (sqlite3 *db)
{
  GString *s = g_string_new (NULL);

  append_rows (s, db, "SELECT service_id, os, vcpu, memory, offers, least_name, greatest_name "
                      "FROM price_meet ORDER BY service_id, os, vcpu, memory");
  return g_string_free (s, FALSE);
}

/* Whether the record of which values the offers hold together is the one written whole from
 * every offer of the catalog (as the migration that made it does): the rows an import adds of
 * its own offers, and those a removal leaves, are those. */
static void
assert_meets_whole (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *whole = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  kept = meets_text (db);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (_sky_catalog_write_meets (db, "write", &error));
  g_assert_no_error (error);
  whole = meets_text (db);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpstr (kept, ==, whole);
  g_assert_cmpstr (kept, !=, "");
}

/* A search of an OS or a least size sorted by a size or a service leaves out the parts of the
 * values the catalog's record of which values the offers hold together says none of its prices
 * holds, and reads a service's part through the index of its OS or size, or the service's; by
 * name, it starts at the first name of its offers the record gives: the same prices as the
 * single statement, whatever the sheets, the record written anew by each import and
 * removal. */
static void
test_search_meets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = write_meet_sheet (f, "meetcloud", FALSE);
  g_autofree char *other = write_meet_sheet (f, "oddcloud", TRUE);
  g_autoptr(SkyImportResult) first = import_ok (f, sheet);
  g_autoptr(SkyImportResult) second = NULL;
  const char *counted = "SELECT (SELECT count(*) FROM offer_row) - "
                        "(SELECT sum (offers) FROM price_meet)";

  assert_meets_as_single (f);
  g_assert_cmpint (query_int (f->path, counted), ==, 0);
  assert_meets_whole (f->path);
  /* The sizes the odd offer holds together, which no other price does. */
  second = import_ok (f, other);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_meet "
                                       "WHERE vcpu = 64000 AND memory = 8000"), ==, 1);
  g_assert_cmpint (query_int (f->path, counted), ==, 0);
  assert_meets_whole (f->path);
  assert_meets_as_single (f);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "oddcloud", "1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_meet "
                                       "WHERE vcpu = 64000 AND memory = 8000"), ==, 0);
  g_assert_cmpint (query_int (f->path, counted), ==, 0);
  assert_meets_whole (f->path);
  assert_meets_as_single (f);
}

/* A sheet whose offers share names, each name of one pair of sizes, several offers of a name
 * in two regions and two OSes, so that a name holds more prices than a page of three: the
 * first names of a least size, of sizes many other offers hold ("a.large", "A.Large" as
 * NOCASE compares them, and "d.large", of 64 vCPUs and 256 GiB, beside "b.large" of 64 vCPUs
 * and 512 GiB and "e.wide" of 32 vCPUs and 256 GiB), or few ("z.huge", largest first, and
 * "y.huge" alone of theirs, whose prices come between its own); some prices of equal
 * amounts. */
static char *
write_names_sheet (Fixture *f)
{
  static const struct
  {
    const char *name;
    guint       vcpu, memory, offers;
  } names[] = {
    { "a.large", 64, 256, 4 }, { "A.Large", 64, 256, 1 }, { "b.large", 64, 512, 12 },
    { "c.small", 2, 8, 5 }, { "d.large", 64, 256, 3 }, { "e.wide", 32, 256, 10 },
    { "m.mid", 16, 64, 4 }, { "y.huge", 128, 2048, 3 }, { "z.huge", 128, 2048, 4 },
  };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "names.xml", NULL);
  guint n = 0;

  sky_test_append_sheet_start (s, "namecloud", "Name Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <region code=\"us\" name=\"US East\" geography=\"US\"/>\n"
                      "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint o = 0; o < names[i].offers; o++, n++)
      g_string_append_printf (s, "    <offer sku=\"vm-%u\" name=\"%s\" region=\"%s\" "
                                 "vcpu=\"%u\" memory-gib=\"%u\" os=\"%s\">\n"
                                 "      <price unit=\"hour\" term=\"on-demand\" "
                                 "amount=\"%u.%03u\"/>\n"
                                 "      <price unit=\"hour\" term=\"spot\" "
                                 "amount=\"0.%03u\"/>\n"
                                 "    </offer>\n",
                              n, names[i].name, o % 2 == 0 ? "eu" : "us", names[i].vcpu,
                              names[i].memory, o % 3 == 1 ? "windows" : "linux",
                              names[i].vcpu / 64, 100 + (n * 37) % 50, 10 + (n * 11) % 7);
  /* The first name each way has an offer whose prices equal another's of it (vm-0's, vm-46's),
   * so that their order is the tie's. */
  g_string_append (s, "    <offer sku=\"vm-tie-a\" name=\"a.large\" region=\"us\" vcpu=\"64\" "
                      "memory-gib=\"256\" os=\"linux\">\n"
                      "      <price unit=\"hour\" term=\"on-demand\" amount=\"1.100\"/>\n"
                      "      <price unit=\"hour\" term=\"spot\" amount=\"0.010\"/>\n"
                      "    </offer>\n"
                      "    <offer sku=\"vm-tie-z\" name=\"z.huge\" region=\"eu\" vcpu=\"128\" "
                      "memory-gib=\"2048\" os=\"linux\">\n"
                      "      <price unit=\"hour\" term=\"on-demand\" amount=\"2.102\"/>\n"
                      "      <price unit=\"hour\" term=\"spot\" amount=\"0.012\"/>\n"
                      "    </offer>\n");
  g_string_append (s, "  </service>\n"
                      "  <service id=\"db\" name=\"DBs\" category=\"database\">\n"
                      "    <offer sku=\"db-1\" name=\"b.large\" region=\"eu\" vcpu=\"64\" "
                      "memory-gib=\"512\" os=\"linux\">\n"
                      "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.120\"/>\n"
                      "    </offer>\n"
                      "  </service>\n"
                      "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* An import counts its own offers into the table of names and the record of which values they
 * hold together, and a removal takes out its services' rows: both are as written whole from
 * every offer, names that NOCASE finds equal one row under the first offer's name, the least
 * and greatest names of a record's row the first of equal ones. */
static void
test_import_names_and_meets (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *names = write_names_sheet (f);
  g_autofree char *sizes = write_per_size_sheet (f);
  g_autoptr(SkyImportResult) first = import_ok (f, names);
  g_autoptr(SkyImportResult) second = NULL;
  g_autoptr(GError) error = NULL;

  assert_names_kept (f->path);
  assert_meets_whole (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT offers FROM offer_name "
                                       "WHERE name = 'a.large' COLLATE BINARY"), ==, 6);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_meet "
                                       "WHERE least_name = 'a.large' COLLATE BINARY"), >, 0);
  second = import_ok (f, sizes);
  import_fixture (f);
  assert_names_kept (f->path);
  assert_meets_whole (f->path);
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "namecloud", "1", &error));
  g_assert_no_error (error);
  assert_names_kept (f->path);
  assert_meets_whole (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM offer_name WHERE name = 'a.large'"),
                   ==, 0);
}

/* A search by name of a least size reads the first name's prices alone first, through an
 * index of its sizes or by the walk of that name only, and so does one of a category or unit
 * (by the walk of the name, in price order), and walks the names from it when they do not
 * fill the page: the prices the single statement lists, every page of three too (the
 * first pages of the first name's prices, the later ones across names), each way. */
static void
test_search_first_name (Fixture       *f,
                        gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .min_vcpu_milli = 64000 },
    { .min_vcpu_milli = 16000 },
    { .min_vcpu_milli = 2000 },
    { .min_memory_mgib = 256000 },
    { .min_memory_mgib = 1024000 },
    { .os = "windows", .min_vcpu_milli = 64000 },
    { .os = "linux", .min_memory_mgib = 64000 },
    { .os = "linux", .min_vcpu_milli = 64000, .min_memory_mgib = 512000 },
    /* The first name's prices fewer than a page: the walk after all. */
    { .region = "us", .min_vcpu_milli = 64000 },
    { .term = "spot", .os = "windows", .min_memory_mgib = 8000 },
    { .category = "database", .min_vcpu_milli = 64000 },
    { .min_vcpu_milli = 64000, .has_max_price = TRUE,
      .max_price = G_GINT64_CONSTANT (500000000) },
    /* Of a category or unit alone, the walk of the first name ("a.large" and "A.Large", or
     * "z.huge") in price order; of the database's one price, the walk after all. */
    { .category = "compute" },
    { .unit = "hour" },
    { .category = "compute", .term = "spot" },
    { .category = "database" },
  };
  g_autofree char *sheet = write_names_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = filters[q];
        g_autoptr(GPtrArray) all = NULL;

        query.sort = SKY_SORT_NAME;
        query.descending = descending;
        all = search_as_single (f, &query);
        /* Of the database's one offer, one price; of the others, more than a page. */
        g_assert_cmpuint (all->len, >, q == 10 || q == G_N_ELEMENTS (filters) - 1 ? 0 : 3);
      }
}

/* A sheet of storage whose names' gb-month prices lie among each other's in each run of a
 * service, unit and bucket (two regions of two geographies, two purchase options): "hdd-std"
 * the cheapest and most, "ssd-std" (and one "SSD-Std", as NOCASE compares them) the greatest
 * name, between "ssd-iops" (of an IOPS price too) and "nvme-std", many of equal amounts, and
 * "aaa-tiny" the least, of two offers; an object store's cheaper prices beside, of another
 * unit too; and virtual machines of Linux and Windows, of one vCPU count, their hourly prices
 * among each other's, two of them named "ssd-std" with a gb-month price of their own, among the
 * cheapest of the name. */
static char *
write_storage_names_sheet (Fixture *f)
{
  static const struct
  {
    const char *service;
    const char *name;
    guint       offers, base;
  } names[] = {
    { "block", "hdd-std", 24, 45 }, { "block", "ssd-iops", 5, 80 },
    { "block", "ssd-std", 7, 80 }, { "block", "SSD-Std", 1, 81 },
    { "block", "nvme-std", 6, 125 }, { "block", "aaa-tiny", 2, 60 },
    { "objects", "objects-a", 6, 23 },
    { "vm", "c.small", 5, 0 }, { "vm", "d.small", 6, 0 }, { "vm", "ssd-std", 2, 79 },
  };
  static const char *const services[][2] = {
    { "block", "storage" }, { "objects", "storage" }, { "vm", "compute" },
  };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "storage-names.xml", NULL);
  guint n = 0;

  sky_test_append_sheet_start (s, "diskcloud", "Disk Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <region code=\"us\" name=\"US East\" geography=\"US\"/>\n");
  for (gsize v = 0; v < G_N_ELEMENTS (services); v++)
    {
      g_string_append_printf (s, "  <service id=\"%s\" name=\"%s\" category=\"%s\">\n",
                              services[v][0], services[v][0], services[v][1]);
      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        for (guint o = 0; o < names[i].offers; o++, n++)
          {
            gboolean vm = strcmp (names[i].service, "vm") == 0;

            if (strcmp (names[i].service, services[v][0]) != 0)
              continue;
            g_string_append_printf (s, "    <offer sku=\"disk-%u\" name=\"%s\" region=\"%s\"",
                                    n, names[i].name, o % 2 == 0 ? "eu" : "us");
            if (vm)
              g_string_append_printf (s, " vcpu=\"2\" memory-gib=\"4\" os=\"%s\">\n"
                                         "      <price unit=\"hour\" term=\"on-demand\" "
                                         "amount=\"0.%03u\"/>\n",
                                      o % 3 == 1 ? "windows" : "linux", 20 + (n * 7) % 4);
            else
              g_string_append (s, ">\n");
            if (names[i].base > 0)
              g_string_append_printf (s, "      <price unit=\"gb-month\" term=\"on-demand\" "
                                         "amount=\"0.%03u\"/>\n",
                                      names[i].base + (n * 7) % 3);
            /* Every other offer of storage at a spot price too, in another bucket. */
            if (names[i].base > 0 && !vm && o % 2 == 1)
              g_string_append_printf (s, "      <price unit=\"gb-month\" "
                                         "term=\"spot\" amount=\"0.%03u\"/>\n",
                                      names[i].base - 1 + (n * 5) % 3);
            if (strcmp (names[i].name, "ssd-iops") == 0)
              g_string_append (s, "      <price unit=\"iops-month\" term=\"on-demand\" "
                                  "amount=\"0.005\"/>\n");
            if (strcmp (names[i].name, "objects-a") == 0)
              g_string_append (s, "      <price unit=\"10k-requests\" term=\"on-demand\" "
                                  "amount=\"0.004\"/>\n");
            g_string_append (s, "    </offer>\n");
          }
      g_string_append (s, "  </service>\n");
    }
  g_string_append (s, "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

static int
statement_traced (unsigned int  type,
                  void         *data,
                  void         *stmt,
                  void         *sql)
{
  g_ptr_array_add (data, g_strdup (sqlite3_sql (stmt)));
  return 0;
}

/* Whether the runs of the first page of three by name of @filter, largest first when
 * @descending, are read in the unit @unit: the units of the statement that reads them. */
static gboolean
name_runs_read_unit (Fixture              *f,
                     const SkySearchQuery *filter,
                     gboolean              descending,
                     const char           *unit)
{
  SkySearchQuery query = *filter;
  g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *code = g_strdup_printf ("%d", sky_vocabulary_code (SKY_VOCABULARY_UNIT, unit));
  gboolean runs = FALSE, read = FALSE;

  query.sort = SKY_SORT_NAME;
  query.descending = descending;
  query.limit = 3;
  sqlite3_trace_v2 (f->catalog->db, SQLITE_TRACE_STMT, statement_traced, traced);
  rows = search (f, &query);
  sqlite3_trace_v2 (f->catalog->db, 0, NULL, NULL);
  for (guint i = 0; i < traced->len; i++)
    {
      const char *sql = traced->pdata[i];
      const char *in = strstr (sql, "p.unit IN (");
      g_autofree char *list = NULL;
      g_auto(GStrv) codes = NULL;

      if (strstr (sql, "sky_found_within") == NULL || in == NULL)
        continue;
      runs = TRUE;
      in += strlen ("p.unit IN (");
      list = g_strndup (in, strcspn (in, ")"));
      codes = g_strsplit (list, ", ", -1);
      read = read || g_strv_contains ((const char * const *) codes, code);
    }
  g_assert_true (runs);
  return read;
}

/* The first page of three by name of @filter (of @first, its first name, largest first when
 * @descending), the first name's prices read through the runs up to @budget prices per offer
 * of it, reads the runs when @runs says so, and walks the names when @walk does, as the
 * statements it runs show. */
static void
assert_name_path (Fixture              *f,
                  const SkySearchQuery *filter,
                  gboolean              descending,
                  const char           *first,
                  gint64                budget,
                  gboolean              runs,
                  gboolean              walk)
{
  SkySearchQuery query = *filter;
  g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  gboolean read_runs = FALSE, walked = FALSE;

  g_test_message ("the first page by name of %s, budget %" G_GINT64_FORMAT, first, budget);
  query.sort = SKY_SORT_NAME;
  query.descending = descending;
  query.limit = 3;
  _sky_catalog_set_name_runs (budget);
  sqlite3_trace_v2 (f->catalog->db, SQLITE_TRACE_STMT, statement_traced, traced);
  rows = search (f, &query);
  sqlite3_trace_v2 (f->catalog->db, 0, NULL, NULL);
  _sky_catalog_set_name_runs (-1);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (g_ascii_strcasecmp (((SkyListing *) rows->pdata[0])->name, first), ==, 0);
  for (guint i = 0; i < traced->len; i++)
    {
      const char *sql = traced->pdata[i];

      read_runs = read_runs || strstr (sql, "sky_found_within") != NULL;
      walked = walked || strstr (sql, "n.name COLLATE NOCASE") != NULL;
    }
  g_assert_cmpint (read_runs, ==, runs);
  g_assert_cmpint (walked, ==, walk);
}

/* The record of kinds of a text's offers is read no further than its first offers looked at
 * when those show every service and OS of the catalog (by price, largest first, "-zq-" of the
 * one service and no OS: the runs of its services), though not every region; by region,
 * whose walk needs its offers' every region, to the last of them. The page is what a scan
 * lists. */
static void
test_search_region_kinds (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sheet = write_region_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  for (guint k = 0; k < 2; k++)
    {
      SkySearchQuery query = { .text = "-zq-", .limit = 4,
                               .sort = k == 0 ? SKY_SORT_PRICE : SKY_SORT_REGION,
                               .descending = k == 0 };
      g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *scanned = scanned_keys (f, &query);
      g_autofree char *expected = keys_page (scanned, 0, 4);
      g_autofree char *paged = NULL;
      gboolean sampled = FALSE, read = FALSE;

      _sky_catalog_set_text_trigram_walk (-1, -1, 1);
      sqlite3_trace_v2 (f->catalog->db, SQLITE_TRACE_STMT, statement_traced, traced);
      paged = search_keys_probed (f, &query, -1, -1);
      sqlite3_trace_v2 (f->catalog->db, 0, NULL, NULL);
      _sky_catalog_set_text_trigram_walk (-1, -1, -1);
      g_assert_cmpstr (paged, ==, expected);
      for (guint i = 0; i < traced->len; i++)
        {
          const char *sql = traced->pdata[i];

          sampled = sampled || strstr (sql, "FROM offer_kind WHERE chunk = ?1") != NULL;
          read = read || strstr (sql, "FROM offer_kind WHERE chunk >= ?1") != NULL;
        }
      g_assert_true (sampled);
      g_assert_cmpint (read, ==, k == 1);
    }
}

/* The cases of test_search_name_counted(), each way, on @f's catalog as it is. */
static void
assert_names_counted (Fixture *f)
{
  static const struct
  {
    const char *text;
    SkySort     sort;
    gboolean    counted;
  } cases[] = {
    { "std", SKY_SORT_NAME, TRUE }, { "HDD-S", SKY_SORT_NAME, TRUE },
    { "hdd-", SKY_SORT_NAME, TRUE }, { "std", SKY_SORT_PRICE, FALSE },
    { "tiny", SKY_SORT_NAME, FALSE },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = { .text = cases[c].text, .sort = cases[c].sort,
                                 .descending = descending };
        g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *scanned = scanned_keys (f, &query);
        g_autofree char *expected = keys_page (scanned, 0, 4);
        g_autofree char *paged = NULL;
        gboolean terms = FALSE, filled = FALSE;

        query.limit = 4;
        _sky_catalog_set_few_offers (0);
        sqlite3_trace_v2 (f->catalog->db, SQLITE_TRACE_STMT, statement_traced, traced);
        paged = search_keys (f, &query);
        sqlite3_trace_v2 (f->catalog->db, 0, NULL, NULL);
        _sky_catalog_set_few_offers (-1);
        g_assert_cmpstr (paged, ==, expected);
        for (guint i = 0; i < traced->len; i++)
          {
            const char *sql = traced->pdata[i];

            terms = terms || strstr (sql, "offer_text_terms") != NULL;
            filled = filled || strstr (sql, "sky_found_add (?2, rowid, ?3) LIMIT 1") != NULL;
          }
        g_assert_cmpint (terms, ==, cases[c].counted);
        g_assert_cmpint (filled, ==, !cases[c].counted);
      }
}

/* By name, a text only names hold is known to be in those names' offers alone from the text
 * index's record of its terms, how many offers hold one of its trigrams (in any case), rather
 * than a bit set for each of them; by price, whose walk checks each price's offer against the
 * text's, and of names of fewer than a 64th of the offers, by name too, the offers are read
 * from the index. The page, each way, is what a scan lists; and so on a query-only connection,
 * as the window's and the CLI's searches are, which must make the record of terms all the same. */
static void
test_search_name_counted (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sheet = write_units_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(GError) error = NULL;

  assert_names_counted (f);
  g_assert_cmpint (sqlite3_exec (f->catalog->db, "DROP TABLE temp.offer_text_terms", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_true (sky_catalog_set_query_only (f->catalog, &error));
  g_assert_no_error (error);
  assert_names_counted (f);
}

/* The first page of three by name of @filter (of @first, its first name, largest first when
 * @descending) reads the first name's prices through the runs of @index, as the statements it
 * runs show. */
static void
assert_name_runs_index (Fixture              *f,
                        const SkySearchQuery *filter,
                        gboolean              descending,
                        const char           *first,
                        const char           *index)
{
  SkySearchQuery query = *filter;
  g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *indexed = g_strdup_printf ("INDEXED BY %s ", index);
  gboolean read_runs = FALSE;

  query.sort = SKY_SORT_NAME;
  query.descending = descending;
  query.limit = 3;
  sqlite3_trace_v2 (f->catalog->db, SQLITE_TRACE_STMT, statement_traced, traced);
  rows = search (f, &query);
  sqlite3_trace_v2 (f->catalog->db, 0, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (g_ascii_strcasecmp (((SkyListing *) rows->pdata[0])->name, first), ==, 0);
  for (guint i = 0; i < traced->len; i++)
    {
      const char *sql = traced->pdata[i];

      read_runs = read_runs || (strstr (sql, "sky_found_within") != NULL &&
                                strstr (sql, indexed) != NULL);
    }
  g_assert_true (read_runs);
}

/* Each of @filters by name, each way, at each of a few budgets of the name runs, lists what the
 * single statement lists, whole and a page of three at a time (search_as_single()): more than
 * three prices, or, when @version is given, only prices of that version of the sheet. */
static void
assert_names_as_single (Fixture              *f,
                        const SkySearchQuery *filters,
                        gsize                 n_filters,
                        const char           *version)
{
  static const gint64 budgets[] = { -1, 1000, 1, 0 };

  for (gsize b = 0; b < G_N_ELEMENTS (budgets); b++)
    for (gsize q = 0; q < n_filters; q++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = filters[q];
          g_autoptr(GPtrArray) all = NULL;

          query.sort = SKY_SORT_NAME;
          query.descending = descending;
          _sky_catalog_set_name_runs (budgets[b]);
          all = search_as_single (f, &query);
          _sky_catalog_set_name_runs (-1);
          if (version == NULL)
            g_assert_cmpuint (all->len, >, 3);
          for (guint i = 0; version != NULL && i < all->len; i++)
            g_assert_cmpstr (((SkyListing *) all->pdata[i])->sheet_version, ==, version);
        }
}

/* Imports @sheet again as its version 2, effective a month later, written as @name. */
static SkyImportResult *
import_version_2 (Fixture    *f,
                  const char *sheet,
                  const char *name)
{
  g_autoptr(GString) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = NULL;

  g_file_get_contents (sheet, &text, NULL, &error);
  g_assert_no_error (error);
  later = g_string_new (text);
  g_assert_cmpuint (g_string_replace (later,
                                      "<sheet version=\"1\" effective-date=\"2026-03-01\"",
                                      "<sheet version=\"2\" effective-date=\"2026-04-01\"",
                                      1), ==, 1);
  g_file_set_contents (path, later->str, later->len, &error);
  g_assert_no_error (error);
  return import_ok (f, path);
}

/* A search by name of a category or unit alone reads the first name's prices through the runs
 * of its services, and one of an OS alone through the runs of the OS and the name's vCPU
 * counts, each price checked against the name's offers, up to a budget of prices per offer of
 * the name; past it, or allowed none, or of a name of few of the runs' offers, or of an OS and
 * a name some offers of which have no vCPU count, by the walk of the name: the prices the
 * single statement lists whatever the budget, every page of three too, each way (the first
 * name's prices of several services and buckets, some of other units, or none of the unit
 * asked for, or fewer than a page of the OS). */
static void
test_search_name_runs (Fixture       *f,
                       gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .category = "storage" },
    { .unit = "gb-month" },
    { .category = "storage", .term = "spot" },
    { .unit = "gb-month", .geography = "EU" },
    { .category = "storage", .provider = "diskcloud" },
    { .category = "storage", .has_max_price = TRUE,
      .max_price = G_GINT64_CONSTANT (81000000) },
    { .unit = "iops-month" },
    { .category = "compute" },
    { .os = "linux" },
    { .os = "windows" },
    { .os = "linux", .term = "on-demand" },
    { .os = "windows", .category = "compute", .provider = "diskcloud" },
  };
  static const SkySearchQuery storage = { .category = "storage" };
  static const SkySearchQuery linux_os = { .os = "linux" };
  g_autofree char *sheet = write_storage_names_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(SkyImportResult) second = NULL;

  assert_names_as_single (f, filters, G_N_ELEMENTS (filters), NULL);
  /* Allowed enough prices, the runs fill the page, without the walk of the name; too few
   * (the cheaper "hdd-std" prices before the name's are more than its offers), the walk after
   * them; none, the walk alone. */
  assert_name_path (f, &storage, TRUE, "ssd-std", 1000, TRUE, FALSE);
  /* Of its prices' units alone: block storage's IOPS prices are "ssd-iops"'s. */
  g_assert_true (name_runs_read_unit (f, &storage, TRUE, "gb-month"));
  g_assert_false (name_runs_read_unit (f, &storage, TRUE, "iops-month"));
  assert_name_path (f, &storage, TRUE, "ssd-std", 1, TRUE, TRUE);
  assert_name_path (f, &storage, TRUE, "ssd-std", 0, FALSE, TRUE);
  /* "aaa-tiny", two of the block storage's 45 offers: the walk alone. */
  assert_name_path (f, &storage, FALSE, "aaa-tiny", 1000, FALSE, TRUE);
  /* Of Linux, "c.small" through the runs of Linux and 2 vCPUs; largest first, "ssd-std", of
   * block storage offers without a vCPU count too, by the walk. */
  assert_name_path (f, &linux_os, FALSE, "c.small", 1000, TRUE, FALSE);
  assert_name_path (f, &linux_os, TRUE, "ssd-std", 1000, FALSE, TRUE);

  /* A later version of the sheet: the first one's services no longer current, their prices
   * left out whichever way. */
  second = import_version_2 (f, sheet, "storage-names-2.xml");
  assert_names_as_single (f, filters, G_N_ELEMENTS (filters), "2");
}

/* A sheet of virtual machines of two services, each name of one or two vCPU counts, their hourly
 * prices (on demand, every other offer at a spot price too, two regions of two geographies,
 * Linux and Windows) among each other's: "a.small" the least name, of a block storage offer
 * without a vCPU count too, "z.large" the greatest, of 4 and 8 vCPUs, the runs of 4 vCPUs
 * holding "m.medium" too; "n.eight", of two offers, and "p.eight" of the other service, of seven,
 * of 8 vCPUs. */
static char *
write_vcpu_names_sheet (Fixture *f)
{
  static const struct
  {
    const char *service;
    const char *name;
    guint       offers, vcpu;
  } names[] = {
    { "vm", "a.small", 4, 1 }, { "vm", "m.medium", 6, 2 }, { "vm", "z.large", 6, 4 },
    { "vm", "z.large", 3, 8 }, { "vm2", "m.medium", 3, 4 }, { "vm2", "z.large", 2, 4 },
    { "disk", "a.small", 1, 0 }, { "disk", "d.disk", 4, 0 }, { "vm", "n.eight", 2, 8 },
    { "vm2", "p.eight", 7, 8 },
  };
  static const char *const services[][2] = {
    { "vm", "compute" }, { "vm2", "compute" }, { "disk", "storage" },
  };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "vcpu-names.xml", NULL);
  guint n = 0;

  sky_test_append_sheet_start (s, "vmcloud", "VM Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <region code=\"us\" name=\"US East\" geography=\"US\"/>\n");
  for (gsize v = 0; v < G_N_ELEMENTS (services); v++)
    {
      g_string_append_printf (s, "  <service id=\"%s\" name=\"%s\" category=\"%s\">\n",
                              services[v][0], services[v][0], services[v][1]);
      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        for (guint o = 0; o < names[i].offers; o++, n++)
          {
            if (strcmp (names[i].service, services[v][0]) != 0)
              continue;
            g_string_append_printf (s, "    <offer sku=\"vm-%u\" name=\"%s\" region=\"%s\"",
                                    n, names[i].name, o % 2 == 0 ? "eu" : "us");
            if (names[i].vcpu == 0)
              {
                g_string_append_printf (s, ">\n      <price unit=\"gb-month\" "
                                           "term=\"on-demand\" amount=\"0.%03u\"/>\n",
                                        1 + n % 5);
                g_string_append (s, "    </offer>\n");
                continue;
              }
            g_string_append_printf (s, " vcpu=\"%u\" memory-gib=\"%u\" os=\"%s\">\n"
                                       "      <price unit=\"hour\" term=\"on-demand\" "
                                       "amount=\"0.%03u\"/>\n",
                                    names[i].vcpu, names[i].vcpu * 2,
                                    o % 3 == 1 ? "windows" : "linux", 10 + (n * 7) % 13);
            if (o % 2 == 1)
              g_string_append_printf (s, "      <price unit=\"hour\" term=\"spot\" "
                                         "amount=\"0.%03u\"/>\n",
                                      5 + (n * 5) % 7);
            g_string_append (s, "    </offer>\n");
          }
      g_string_append (s, "  </service>\n");
    }
  g_string_append (s, "</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A search by name of no category, unit, OS, least size, region or architecture (of every
 * offer, a provider, a purchase option, a geography or a highest price) reads the first name's
 * prices through the runs of the name's vCPU counts, each price checked against the name's
 * offers, up to a budget of prices per offer of the name; of a name some offers of which have
 * no vCPU count, or past the budget, or allowed none, by the walk of the name: the prices the
 * single statement lists whatever the budget, every page of three too, each way; after a later
 * version of the sheet, its prices alone. */
static void
test_search_name_vcpu_runs (Fixture       *f,
                            gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { 0 },
    { .provider = "vmcloud" },
    { .term = "on-demand" },
    { .term = "spot" },
    { .geography = "EU" },
    { .geography = "US", .term = "spot" },
    { .has_max_price = TRUE, .max_price = G_GINT64_CONSTANT (150000000) },
    { .min_vcpu_milli = 4000 },
    { .min_vcpu_milli = 8000 },
    { .min_memory_mgib = 8000 },
    { .min_vcpu_milli = 4000, .term = "spot" },
    { .min_vcpu_milli = 4000, .os = "linux" },
    { .category = "compute" },
    { .category = "compute", .term = "spot" },
    { .unit = "hour" },
  };
  static const SkySearchQuery none = { 0 };
  static const SkySearchQuery eu = { .geography = "EU" };
  static const SkySearchQuery least_4 = { .min_vcpu_milli = 4000 };
  static const SkySearchQuery least_8 = { .min_vcpu_milli = 8000 };
  static const SkySearchQuery linux_least_8_gib = { .os = "linux", .min_memory_mgib = 8000 };
  static const SkySearchQuery compute = { .category = "compute" };
  static const SkySearchQuery hour = { .unit = "hour" };
  g_autofree char *sheet = write_vcpu_names_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(SkyImportResult) second = NULL;

  assert_names_as_single (f, filters, G_N_ELEMENTS (filters), NULL);
  /* "z.large" through the runs of 4 and 8 vCPUs, of every offer or of a geography; "a.small",
   * of a block storage offer without a vCPU count too, by the walk. */
  assert_name_path (f, &none, TRUE, "z.large", 1000, TRUE, FALSE);
  assert_name_path (f, &eu, TRUE, "z.large", 1000, TRUE, FALSE);
  assert_name_path (f, &none, TRUE, "z.large", 0, FALSE, TRUE);
  assert_name_path (f, &none, FALSE, "a.small", 1000, FALSE, TRUE);
  /* Of a least size, a name every offer of which has it through the runs too: of an OS first
   * ("z.large", of Linux and at least 8 GiB); else when the index of its sizes holds too many
   * other offers ("n.eight", two of the twelve of 8 vCPUs), rather than by the walk, which it
   * takes allowed none. "z.large" of at least 4 vCPUs, of more than half the offers of its
   * sizes, through their index as before; of at least 8 (some of its offers have 4), and
   * "m.medium" of at least 4 (some of its offers have 2), by the walk. */
  assert_name_path (f, &least_8, FALSE, "n.eight", 1000, TRUE, FALSE);
  assert_name_path (f, &linux_least_8_gib, TRUE, "z.large", 1000, TRUE, FALSE);
  assert_name_path (f, &least_8, FALSE, "n.eight", 0, FALSE, TRUE);
  assert_name_path (f, &least_4, TRUE, "z.large", 1000, FALSE, FALSE);
  assert_name_path (f, &least_8, TRUE, "z.large", 1000, FALSE, TRUE);
  assert_name_path (f, &least_4, FALSE, "m.medium", 1000, FALSE, TRUE);
  /* Of a category or unit, "z.large" through the runs of its vCPU counts too; "a.small", of a
   * block storage offer without a vCPU count, through the runs of its services. */
  assert_name_runs_index (f, &compute, TRUE, "z.large", "price_by_vcpu");
  assert_name_runs_index (f, &hour, TRUE, "z.large", "price_by_vcpu");
  assert_name_runs_index (f, &compute, FALSE, "a.small", "price_by_service");

  /* A later version of the sheet: the first one's services no longer current, their prices
   * left out whichever way. */
  second = import_version_2 (f, sheet, "vcpu-names-2.xml");
  assert_names_as_single (f, filters, G_N_ELEMENTS (filters), "2");
}

/* A search of a region by name walks the region's offers through the index of offers by
 * region and name, each checked against the search's OS there: the prices the single
 * statement lists, every page of three too, each way; of an OS the region has no offer of,
 * or no price, none; the index is the walk's. */
static void
test_search_region_names (Fixture       *f,
                          gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .region = "eu" },
    { .region = "us" },
    { .region = "us", .os = "windows" },
    { .region = "eu", .os = "linux" },
    { .region = "eu", .os = "windows", .term = "spot" },
    { .region = "us", .os = "linux", .category = "compute" },
    { .region = "eu", .unit = "hour" },
    { .region = "eu", .os = "linux", .has_max_price = TRUE,
      .max_price = G_GINT64_CONSTANT (1120000000) },
    /* The first name's prices of a least size fewer than a page: the walk after all. */
    { .region = "us", .os = "windows", .min_vcpu_milli = 64000 },
    /* No offer of this OS, none of this region: empty. */
    { .region = "us", .os = "rhel" },
    { .region = "ap", .os = "linux" },
  };
  g_autofree char *sheet = write_names_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = filters[q];
        g_autoptr(GPtrArray) all = NULL;

        query.sort = SKY_SORT_NAME;
        query.descending = descending;
        all = search_as_single (f, &query);
        if (q + 2 >= G_N_ELEMENTS (filters))
          g_assert_cmpuint (all->len, ==, 0);
        else
          g_assert_cmpuint (all->len, >, 3);
        for (guint i = 0; i < all->len; i++)
          {
            const SkyListing *l = all->pdata[i];

            g_assert_cmpstr (l->region, ==, query.region);
            if (query.os != NULL)
              g_assert_cmpstr (l->os, ==, query.os);
          }
      }
  /* The index leads the walk from the region and the first name, and holds the OS. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT n.id FROM offer_row n "
                                           "INDEXED BY offer_by_region_name WHERE n.region = 1 "
                                           "AND n.name COLLATE NOCASE >= 'a' AND n.os = 2 "
                                           "ORDER BY n.name COLLATE NOCASE", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append (plan, (const char *) sqlite3_column_text (stmt, 3));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  g_assert_nonnull (strstr (plan->str, "COVERING INDEX offer_by_region_name (region=? AND "
                                       "name>?)"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));
}

/* A search of an OS by the hourly price per GiB reads each memory size's prices of that OS
 * through the index of prices by both, and by the price per vCPU each vCPU count's through
 * that of prices by OS and vCPU count: the prices the single statement lists, every page of
 * three too, each way; 256 GiB is of 64 vCPUs and of 32, which a least vCPU count tells
 * apart on the price's row. */
static void
test_search_os_per_size (Fixture       *f,
                         gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .os = "linux" },
    { .os = "windows" },
    { .os = "linux", .min_vcpu_milli = 64000 },
    { .os = "windows", .min_memory_mgib = 256000 },
    { .os = "linux", .min_vcpu_milli = 32000, .min_memory_mgib = 256000, .term = "spot" },
    { .os = "windows", .region = "us" },
    { .os = "plan9" },
  };
  const SkySort sorts[] = { SKY_SORT_PER_GIB, SKY_SORT_PER_VCPU };
  g_autofree char *sheet = write_names_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = filters[q];
          g_autoptr(GPtrArray) all = NULL;

          query.sort = sorts[k];
          query.descending = descending;
          all = search_as_single (f, &query);
          if (q + 1 == G_N_ELEMENTS (filters))
            g_assert_cmpuint (all->len, ==, 0);
          else
            g_assert_cmpuint (all->len, >, 3);
        }
}

/* The keys of the listings of each of @queries, each way: two for each, ascending first. */
static GPtrArray *
keys_each_way (Fixture              *f,
               const SkySearchQuery *queries,
               gsize                 n)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < n; i++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = queries[i];

        query.descending = descending;
        g_ptr_array_add (keys, search_keys (f, &query));
      }
  return keys;
}

/* Schema 24: the index of offers by region and name, with their OS; the pages of a region's
 * search by name are as before, each way. */
static void
test_migrate_from_23 (Fixture       *f,
                      gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .region = "us", .sort = SKY_SORT_NAME },
    { .region = "eu", .os = "windows", .sort = SKY_SORT_NAME },
    { .region = "us", .os = "linux", .term = "spot", .sort = SKY_SORT_NAME },
  };
  const char *columns = "SELECT count(*) FROM pragma_index_info ('offer_by_region_name') "
                        "WHERE (seqno = 0 AND name = 'region') OR (seqno = 1 AND name = 'name') "
                        "  OR (seqno = 2 AND name = 'os')";
  g_autofree char *named = write_names_sheet (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  import_fixture (f);
  result = import_ok (f, named);
  before = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24
             "PRAGMA user_version = 23");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'offer_by_region_name'"), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, columns), ==, 3);
  after = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
}

/* Schema 25: the index of prices by OS and memory, of the prices of both; the pages of an
 * OS's search by the price per GiB are as before, each way. */
static void
test_migrate_from_24 (Fixture       *f,
                      gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .os = "windows", .sort = SKY_SORT_PER_GIB },
    { .os = "linux", .min_memory_mgib = 256000, .sort = SKY_SORT_PER_GIB },
    { .os = "linux", .min_vcpu_milli = 64000, .sort = SKY_SORT_PER_GIB },
  };
  const char *rows = "SELECT count(*) FROM price INDEXED BY price_by_os_memory "
                     "WHERE os IS NOT NULL AND memory IS NOT NULL";
  g_autofree char *named = write_names_sheet (f);
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  import_fixture (f);
  result = import_ok (f, named);
  before = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 "PRAGMA user_version = 24");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'price_by_os_memory'"), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_index_info "
                                       "('price_by_os_memory')"), ==, 7);
  g_assert_cmpint (query_int (f->path, rows), ==,
                   query_int (f->path, "SELECT count(*) FROM price "
                                       "WHERE os IS NOT NULL AND memory IS NOT NULL"));
  g_assert_cmpint (query_int (f->path, rows), >, 0);
  after = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  for (guint i = 0; i < before->len; i++)
    {
      g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
      g_assert_cmpstr (after->pdata[i], !=, "");
    }
}

/* Schema 26: the record of each offer's kind, its service and OS; the pages of a text of many
 * offers by service and by purchase option, which read it, are as before, each way. */
static void
test_migrate_from_25 (Fixture       *f,
                      gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .text = "-win-", .sort = SKY_SORT_SERVICE },
    { .text = "-win-", .sort = SKY_SORT_TERM },
    { .text = "d-", .sort = SKY_SORT_PRICE },
  };
  g_autofree char *sheet = write_os_sheet (f, "1");
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  import_fixture (f);
  result = import_ok (f, sheet);
  _sky_catalog_set_few_offers (0);
  before = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  _sky_catalog_set_few_offers (-1);
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 "PRAGMA user_version = 25");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name IN ('kind', 'offer_kind')"), ==, 0);

  open_converted (f);
  assert_offer_kinds (f);
  _sky_catalog_set_few_offers (0);
  after = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  _sky_catalog_set_few_offers (-1);
  for (guint i = 0; i < before->len; i++)
    {
      g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
      g_assert_cmpstr (after->pdata[i], !=, "");
    }
}

/* Schema 27: a kind is its offers' region too, and the table of names records its rows' units;
 * the pages of a text of many offers by region, service and purchase option, which read the
 * record, and of a name's text by name, which reads the units, are as before, each way. */
static void
test_migrate_from_26 (Fixture       *f,
                      gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    { .text = "-zq-", .sort = SKY_SORT_REGION, .limit = 4 },
    { .text = "-win-", .sort = SKY_SORT_SERVICE },
    { .text = "-win-", .sort = SKY_SORT_TERM },
    { .text = "d-", .sort = SKY_SORT_PRICE },
    { .text = "std", .sort = SKY_SORT_NAME, .limit = 4 },
  };
  g_autofree char *os_sheet = write_os_sheet (f, "1");
  g_autofree char *region_sheet = write_region_sheet (f);
  g_autofree char *units_sheet = write_units_sheet (f);
  g_autoptr(SkyImportResult) os = NULL;
  g_autoptr(SkyImportResult) region = NULL;
  g_autoptr(SkyImportResult) units = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  os = import_ok (f, os_sheet);
  region = import_ok (f, region_sheet);
  units = import_ok (f, units_sheet);
  assert_name_units (f);
  _sky_catalog_set_few_offers (0);
  _sky_catalog_set_text_trigram_walk (-1, -1, 1);
  before = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  take_back (f, UNDO_SCHEMA_27 "PRAGMA user_version = 26");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('kind') "
                                       "WHERE name = 'region'"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info ('offer_name') "
                                       "WHERE name = 'units'"), ==, 0);

  open_converted (f);
  assert_offer_kinds (f);
  assert_name_units (f);
  after = keys_each_way (f, filters, G_N_ELEMENTS (filters));
  _sky_catalog_set_text_trigram_walk (-1, -1, -1);
  _sky_catalog_set_few_offers (-1);
  for (guint i = 0; i < before->len; i++)
    {
      g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
      g_assert_cmpstr (after->pdata[i], !=, "");
    }
}

/* A sheet whose parts of a size or service hold a few of the prices of the runs they would
 * read, the dearest there: of 1 vCPU, 21 offers, 6 of 16 GiB ("x.1" and "X.1", as NOCASE
 * compares them, of the VMs, "x.db" of the databases, a name of an offer of 4 vCPUs too),
 * among others of 16 GiB ("m.4", "m.db"); of 96 vCPUs, the GPUs' 3 ("g.big", "G.Big") among
 * the VMs' 16 ("v.96", and "g.big" too), a name a database offer of 2 vCPUs and the
 * catalog's cheapest price holds as well. Each offer has an on-demand and a spot price, in
 * three regions of two geographies, one of which ("eu-b") has no offer of 96 vCPUs. */
static char *
write_few_sheet (Fixture *f)
{
  static const struct
  {
    const char *service, *name;
    guint       vcpu, memory, offers, cents;
  } offers[] = {
    { "vm", "t.1", 1, 2, 15, 10 }, { "vm", "x.1", 1, 16, 3, 60 }, { "vm", "X.1", 1, 16, 1, 61 },
    { "vm", "m.4", 4, 16, 10, 30 }, { "vm", "v.96", 96, 768, 14, 200 },
    { "vm", "g.big", 96, 768, 2, 210 },
    { "gpu", "g.8", 8, 32, 20, 100 }, { "gpu", "g.big", 96, 768, 2, 500 },
    { "gpu", "G.Big", 96, 768, 1, 501 },
    { "db", "x.db", 1, 16, 2, 70 }, { "db", "x.db", 4, 16, 1, 20 }, { "db", "m.db", 4, 16, 5, 40 },
    { "db", "g.big", 2, 8, 1, 0 },
  };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "few.xml", NULL);
  const char *service = NULL;
  guint n = 0;

  sky_test_append_sheet_start (s, "fewcloud", "Few Cloud");
  g_string_append (s, "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                      "  <region code=\"eu-b\" name=\"Europe B\" geography=\"EU\"/>\n"
                      "  <region code=\"us\" name=\"US East\" geography=\"US\"/>\n");
  for (gsize i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      if (g_strcmp0 (service, offers[i].service) != 0)
        g_string_append_printf (s, "%s  <service id=\"%s\" name=\"%s\" category=\"%s\">\n",
                                service != NULL ? "  </service>\n" : "", offers[i].service,
                                offers[i].service,
                                strcmp (offers[i].service, "db") == 0 ? "database" : "compute");
      service = offers[i].service;
      for (guint o = 0; o < offers[i].offers; o++, n++)
        g_string_append_printf (s, "    <offer sku=\"few-%u\" name=\"%s\" region=\"%s\" "
                                   "vcpu=\"%u\" memory-gib=\"%u\" os=\"linux\">\n"
                                   "      <price unit=\"hour\" term=\"on-demand\" "
                                   "amount=\"%u.%02u%u\"/>\n"
                                   "      <price unit=\"hour\" term=\"spot\" "
                                   "amount=\"%u.%02u%u\"/>\n"
                                   "    </offer>\n",
                                n, offers[i].name,
                                offers[i].vcpu >= 64 ? (o % 2 == 0 ? "eu" : "us")
                                : o % 3 == 0 ? "eu" : o % 3 == 1 ? "eu-b" : "us", offers[i].vcpu,
                                offers[i].memory, offers[i].cents / 100, offers[i].cents % 100,
                                (n * 7) % 10, offers[i].cents / 300,
                                (offers[i].cents / 3) % 100, (n * 3) % 10);
    }
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A part of a sort by a size or service whose prices are a few of its runs', the dearest
 * there, reads them another way: of a size, of a least size of the other, through the other's
 * index, in the buckets of its services only; else, through the offers of its names, their
 * prices sorted by key. By region, a region's part of a least size goes through the size's
 * index, in the buckets of the region's geography; by the price per vCPU or GiB, a size's
 * in those of its services' categories. The prices the single statement lists,
 * every page of three too, each way, and those of the filters whose parts are read as
 * before. */
static void
test_search_few_of_part (Fixture       *f,
                         gconstpointer  data)
{
  static const SkySearchQuery filters[] = {
    /* 1 vCPU through the index of memory, in the VMs' and databases' buckets. */
    { .min_memory_mgib = 16000 },
    { .min_memory_mgib = 8000, .term = "spot" },
    /* Through the names' offers: the GPUs of 96 vCPUs; 1 vCPU and 16 GiB by vCPU. */
    { .min_vcpu_milli = 64000 },
    { .min_vcpu_milli = 64000, .region = "us" },
    { .min_vcpu_milli = 1000, .min_memory_mgib = 16000 },
    { .min_vcpu_milli = 64000, .has_max_price = TRUE,
      .max_price = G_GINT64_CONSTANT (30000000000) },
    /* By region through the index of prices by OS and vCPU count. */
    { .os = "linux", .min_vcpu_milli = 64000, .term = "spot" },
    /* Parts of many of their runs' prices, or of a geography: as before. */
    { .geography = "EU", .min_vcpu_milli = 64000 },
    { .min_memory_mgib = 2000 },
    { .min_vcpu_milli = 8000 },
    { .min_vcpu_milli = 2000, .category = "compute" },
  };
  const SkySort sorts[] = {
    SKY_SORT_VCPU, SKY_SORT_MEMORY, SKY_SORT_SERVICE, SKY_SORT_REGION, SKY_SORT_PER_GIB,
  };
  g_autofree char *sheet = write_few_sheet (f);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);

  for (gsize q = 0; q < G_N_ELEMENTS (filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      for (int descending = 0; descending < 2; descending++)
        {
          SkySearchQuery query = filters[q];
          g_autoptr(GPtrArray) all = NULL;

          query.sort = sorts[k];
          query.descending = descending;
          all = search_as_single (f, &query);
          g_assert_cmpuint (all->len, >, 3);
        }
}

/* A catalog of schema 19 has no record of the values its offers hold together: the migration
 * writes it from the offers, a row for each service, OS and sizes with their offers' count and
 * least and greatest names, and the searches that read it list what they listed before. */
static void
test_migrate_from_19 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sheet = write_meet_sheet (f, "meetcloud", TRUE);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  const SkySort sorts[] = { SKY_SORT_MEMORY, SKY_SORT_SERVICE, SKY_SORT_PER_VCPU, SKY_SORT_NAME };

  for (gsize q = 0; q < G_N_ELEMENTS (meet_filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
      {
        SkySearchQuery query = meet_filters[q];

        query.sort = sorts[k];
        g_ptr_array_add (before, search_keys (f, &query));
      }
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24 UNDO_SCHEMA_23
             UNDO_SCHEMA_22 UNDO_SCHEMA_21 UNDO_SCHEMA_20 "PRAGMA user_version = 19");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'price_meet'"), ==, 0);

  open_converted (f);
  /* Big VMs: 6 sizes of Linux and 3 of Windows, and the odd one; GPUs and Archive one each;
   * Tiny DB a size and the licence of none. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_meet"), ==, 14);
  g_assert_cmpint (query_int (f->path, "SELECT (SELECT count(*) FROM offer_row) - "
                                       "(SELECT sum (offers) FROM price_meet)"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT sum (offers) FROM price_meet "
                                       "WHERE vcpu IS NULL"), ==, 2);
  g_assert_cmpint (query_int (f->path, "SELECT offers FROM price_meet WHERE vcpu = 64000"), ==,
                   1);
  /* Big VMs of 16 vCPUs: i = 4, 10, …, 34, of which 4, 16 and 28 Windows. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price_meet WHERE vcpu = 16000 "
                                       "AND least_name = 'big 04' AND greatest_name = 'big 28' "
                                       "AND offers = 3"), ==, 1);
  for (gsize q = 0, n = 0; q < G_N_ELEMENTS (meet_filters); q++)
    for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++, n++)
      {
        SkySearchQuery query = meet_filters[q];
        g_autofree char *after = NULL;

        query.sort = sorts[k];
        after = search_keys (f, &query);
        g_assert_cmpstr (after, ==, before->pdata[n]);
      }
}

/* A catalog of schema 21 has no index of prices by OS and vCPU count: the migration makes it
 * from the prices, and the searches of an OS and a least vCPU count, which read it, list in
 * every order what they listed before, and what the single statement lists. */
static void
test_migrate_from_21 (Fixture       *f,
                      gconstpointer  data)
{
  const SkySort sorts[] = {
    SKY_SORT_UNIT_PRICE, SKY_SORT_PRICE, SKY_SORT_NAME, SKY_SORT_VCPU, SKY_SORT_MEMORY,
    SKY_SORT_REGION, SKY_SORT_SERVICE, SKY_SORT_PROVIDER, SKY_SORT_ARCHITECTURE,
    SKY_SORT_TERM, SKY_SORT_PER_VCPU, SKY_SORT_PER_GIB,
  };
  const char *indexed = "SELECT count(*) FROM sqlite_schema WHERE name = 'price_by_os_vcpu'";
  g_autofree char *sheet = write_meet_sheet (f, "meetcloud", TRUE);
  g_autoptr(SkyImportResult) result = import_ok (f, sheet);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

  for (gsize k = 0; k < G_N_ELEMENTS (sorts); k++)
    for (int descending = 0; descending < 2; descending++)
      {
        SkySearchQuery query = { .os = "windows", .min_vcpu_milli = 4000, .sort = sorts[k],
                                 .descending = descending };

        g_ptr_array_add (before, search_keys (f, &query));
      }
  take_back (f, UNDO_SCHEMA_27 UNDO_SCHEMA_26 UNDO_SCHEMA_25 UNDO_SCHEMA_24 UNDO_SCHEMA_23
             UNDO_SCHEMA_22 "PRAGMA user_version = 21");
  g_assert_cmpint (query_int (f->path, indexed), ==, 0);

  open_converted (f);
  g_assert_cmpint (query_int (f->path, indexed), ==, 1);
  /* Every price that has an OS and a vCPU count. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM price INDEXED BY price_by_os_vcpu "
                                       "WHERE os IS NOT NULL AND vcpu IS NOT NULL"), ==,
                   query_int (f->path, "SELECT count(*) FROM price NOT INDEXED "
                                       "WHERE os IS NOT NULL AND vcpu IS NOT NULL"));
  for (gsize k = 0, n = 0; k < G_N_ELEMENTS (sorts); k++)
    for (int descending = 0; descending < 2; descending++, n++)
      {
        SkySearchQuery query = { .os = "windows", .min_vcpu_milli = 4000, .sort = sorts[k],
                                 .descending = descending };
        g_autofree char *after = search_keys (f, &query);
        g_autoptr(GPtrArray) single = NULL;

        g_assert_cmpstr (after, ==, before->pdata[n]);
        g_assert_cmpstr (after, !=, "");
        single = search_as_single (f, &query);
      }
}

/* Opened read-only, a catalog is searched as usual and nothing is written to it: an import is
 * refused at once, saying why. */
static void
test_open_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sheet = fixture_file ("valid-small.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SkyCatalog) reader = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  g_clear_object (&f->catalog);
  before = snapshot (f->path);

  reader = sky_catalog_open_full (f->path, SKY_CATALOG_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sky_catalog_is_read_only (reader));
  g_assert_false (sky_catalog_is_unchanging (reader));
  f->catalog = g_object_ref (reader);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  g_assert_null (sky_catalog_import_file (reader, sheet, NULL, NULL, NULL, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sky_catalog_remove_sheet (reader, "examplecloud", "2026.1", &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY);
  g_clear_object (&f->catalog);
  g_clear_object (&reader);

  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Set to be only read, a catalog opened to be written is searched as usual and nothing more is
 * written to it: an import and a removal are refused, saying why. */
static void
test_set_query_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sheet = fixture_file ("valid-small.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (f);
  g_assert_false (sky_catalog_is_read_only (f->catalog));
  g_assert_true (sky_catalog_set_query_only (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_true (sky_catalog_is_read_only (f->catalog));
  before = snapshot (f->path);
  g_assert_cmpint (std2_on_demand_price (f), ==, G_GINT64_CONSTANT (960000000));
  g_assert_null (sky_catalog_import_file (f->catalog, sheet, NULL, NULL, NULL, &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.1", &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_READ_ONLY);
  g_clear_object (&f->catalog);

  after = snapshot (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Removes the files SQLite keeps beside the catalog at @path. */
static void
remove_beside (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_unlink (shm);
  g_unlink (wal);
}

/* A catalog its user may not write, in a folder they may not write (for root, made immutable;
 * skipped where chattr cannot do that): it is opened by default as unchanging, and searched.
 * The checks run in a child process, so that the files are made writable again whatever
 * happens. */
static void
test_open_unwritable (void)
{
  Fixture f = { NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean locked;

  if (g_test_subprocess ())
    {
      g_autoptr(SkyCatalog) catalog = sky_catalog_open (g_getenv ("SKYTALLY_TEST_CATALOG"),
                                                        &error);
      SkySearchQuery q = { .text = "std-2", .term = "on-demand" };
      g_autoptr(GPtrArray) rows = NULL;

      g_assert_no_error (error);
      g_assert_true (sky_catalog_is_read_only (catalog));
      g_assert_true (sky_catalog_is_unchanging (catalog));
      rows = sky_catalog_search (catalog, &q, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      return;
    }

  fixture_setup (&f, NULL);
  import_fixture (&f);
  g_clear_object (&f.catalog);
  before = snapshot (f.path);
  /* As the last program to close it leaves it: the files beside it gone (the snapshot's
   * read-only connection left them, empty). */
  remove_beside (f.path);
  locked = sky_test_set_writable (f.path, f.dir, FALSE);
  if (locked)
    {
      g_setenv ("SKYTALLY_TEST_CATALOG", f.path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    }
  sky_test_set_writable (f.path, f.dir, TRUE);
  if (!locked)
    {
      g_test_skip ("the catalog cannot be made unwritable here (chattr +i failed)");
      fixture_teardown (&f, NULL);
      return;
    }
  g_test_trap_assert_passed ();
  after = snapshot (f.path);
  g_assert_cmpstr (before, ==, after);
  fixture_teardown (&f, NULL);
}

/* A read transaction sees one state of the catalog: a sheet another connection imports
 * meanwhile shows only once it has ended (nested ones end with the outermost); the reads in it
 * take no lock of their own. */
static void
test_read_transaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SkyCatalog) writer = sky_catalog_open (f->path, NULL);
  g_autofree char *other = fixture_file ("other-small.xml");
  g_autoptr(SkyImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) after = NULL;

  import_fixture (f);
  g_assert_nonnull (writer);
  g_assert_true (sky_catalog_begin_read (f->catalog, &error));
  g_assert_no_error (error);
  before = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_true (sky_catalog_begin_read (f->catalog, &error));

  imported = sky_catalog_import_file (writer, other, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  sky_catalog_end_read (f->catalog);
  during = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (during->len, ==, before->len);
  sky_catalog_end_read (f->catalog);

  after = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sky_sheet_reader_init ();

#define ADD(name, func) \
  g_test_add ("/sky/catalog/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("new", test_new_catalog);
  ADD ("import", test_import);
  ADD ("import-async", test_import_async);
  ADD ("reimport-unchanged", test_reimport_unchanged);
  ADD ("same-version-other-content", test_same_version_other_content);
  ADD ("reimport-same-content", test_reimport_same_content);
  ADD ("version-history", test_version_history);
  ADD ("remove-sheet", test_remove_sheet);
  ADD ("price-values", test_price_values);
  ADD ("remove-bundled-declines", test_remove_bundled_declines);
  ADD ("import-empty-refused", test_import_empty_refused);
  ADD ("current-from-effective-date", test_current_from_effective_date);
  ADD ("has-current-sheets", test_has_current_sheets);
  ADD ("bad-sheet-changes-nothing", test_bad_sheet_changes_nothing);
  ADD ("cancel-changes-nothing", test_cancel_changes_nothing);
  ADD ("cancel-midway-changes-nothing", test_cancel_midway_changes_nothing);
  ADD ("many-words", test_many_words);
  ADD ("duplicate-across-spills", test_duplicate_across_spills);
  ADD ("search/filters", test_search_filters);
  ADD ("search/sort-and-limit", test_search_sort_and_limit);
  ADD ("search/sort-by-column", test_search_sort_by_column);
  ADD ("search/sort-by-unit-price", test_search_sort_by_unit_price);
  ADD ("search/unknown-unit", test_search_rejects_unknown_unit);
  ADD ("search/cancelled", test_search_cancelled);
  ADD ("search/unknown-term", test_search_rejects_unknown_term);
  ADD ("search/count", test_count);
  ADD ("search/text-index", test_search_text_index);
  ADD ("search/offer-names", test_search_offer_names);
  ADD ("search/named-text", test_search_named_text);
  ADD ("search/sku-text", test_search_sku_text);
  ADD ("search/os-text", test_search_os_text);
  ADD ("search/region-text", test_search_region_text);
  ADD ("search/name-units", test_search_name_units);
  ADD ("search/name-counted", test_search_name_counted);
  ADD ("search/region-kinds", test_search_region_kinds);
  ADD ("search/parts", test_search_parts);
  ADD ("search/per-size", test_search_per_size);
  ADD ("search/meets", test_search_meets);
  ADD ("search/first-name", test_search_first_name);
  ADD ("search/name-runs", test_search_name_runs);
  ADD ("search/name-vcpu-runs", test_search_name_vcpu_runs);
  ADD ("search/few-of-part", test_search_few_of_part);
  ADD ("search/region-names", test_search_region_names);
  ADD ("search/os-per-size", test_search_os_per_size);
  ADD ("import/names-and-meets", test_import_names_and_meets);
  ADD ("search/per-size-large-prices", test_search_per_size_large_prices);
  ADD ("search/text-index-upkeep", test_search_text_index_upkeep);
  ADD ("import/text-index-hash-size", test_import_text_index_hash_size);
  ADD ("search/sort-pages", test_search_sort_pages);
  ADD ("offer-details", test_offer_details);
  ADD ("search/listing-fields", test_listing_fields);
  ADD ("check", test_check);
  ADD ("migrate-from-2", test_migrate_from_2);
  ADD ("migrate-cancelled", test_migrate_cancelled);
  ADD ("migrate-from-5", test_migrate_from_5);
  ADD ("migrate-from-7", test_migrate_from_7);
  ADD ("migrate-from-8", test_migrate_from_8);
  ADD ("migrate-from-8-dates", test_migrate_from_8_dates);
  ADD ("usage-discount-and-cap", test_usage_discount_and_cap);
  ADD ("listing-monthly-cap", test_listing_monthly_cap);
  ADD ("migrate-from-9", test_migrate_from_9);
  ADD ("attributes/round-trip", test_attributes_round_trip);
  ADD ("attributes/compared", test_attributes_compared);
  ADD ("migrate-from-10-services", test_migrate_from_10_services);
  ADD ("migrate-from-11", test_migrate_from_11);
  ADD ("migrate-from-12", test_migrate_from_12);
  ADD ("migrate-from-13", test_migrate_from_13);
  ADD ("migrate-from-14", test_migrate_from_14);
  ADD ("migrate-from-15", test_migrate_from_15);
  ADD ("migrate-from-16", test_migrate_from_16);
  ADD ("migrate-from-17", test_migrate_from_17);
  ADD ("migrate-from-18", test_migrate_from_18);
  ADD ("migrate-from-19", test_migrate_from_19);
  ADD ("migrate-from-20", test_migrate_from_20);
  ADD ("migrate-from-21", test_migrate_from_21);
  ADD ("migrate-from-22", test_migrate_from_22);
  ADD ("migrate-from-23", test_migrate_from_23);
  ADD ("migrate-from-24", test_migrate_from_24);
  ADD ("migrate-from-25", test_migrate_from_25);
  ADD ("migrate-from-26", test_migrate_from_26);
  ADD ("import/spilled-prices", test_import_spilled_prices);
  ADD ("import/cancel-writing-prices", test_cancel_writing_prices);
  ADD ("current-per-service", test_current_per_service);
  ADD ("current-per-service-tie", test_current_per_service_tie);
  ADD ("current-per-service-upcoming", test_current_per_service_upcoming);
  ADD ("current-per-service-remove", test_current_per_service_remove);
  ADD ("current-per-service-older-later", test_current_per_service_older_later);
  ADD ("short-name", test_short_name);
  ADD ("decline-bundled", test_decline_bundled);
  ADD ("seed-keeps-own-version", test_seed_keeps_own_version);
  ADD ("open-while-written", test_open_while_written);
  ADD ("import-while-written", test_import_while_written);
  ADD ("unreadable-prices", test_unreadable_prices);
  ADD ("import-special-file", test_import_special_file);
  ADD ("open-read-only", test_open_read_only);
  ADD ("set-query-only", test_set_query_only);
  ADD ("read-transaction", test_read_transaction);
#undef ADD
  g_test_add_func ("/sky/catalog/open-rejects", test_open_rejects);
  g_test_add_func ("/sky/catalog/import-full-disk", test_import_full_disk);
  g_test_add_func ("/sky/catalog/sku-spill-fails", test_sku_spill_fails);
  g_test_add_func ("/sky/catalog/seed-full-disk", test_seed_full_disk);
  g_test_add_func ("/sky/catalog/open-unwritable", test_open_unwritable);
  g_test_add_func ("/sky/catalog/open-unknown-version", test_open_unknown_version);
  g_test_add_func ("/sky/catalog/open-foreign-unchanged", test_open_foreign_unchanged);

  return g_test_run ();
}
