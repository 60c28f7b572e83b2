/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tests of the engine share: a catalog of their own with price sheets of tests/data
 * imported, and the scenarios they price on it. */
#include "config.h"

#include <string.h>

#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Imports tests/data/@name into @catalog. */
void
sky_test_import (SkyCatalog *catalog,
                 const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = sky_catalog_import_file (catalog, path, NULL, NULL, NULL,
                                                               &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

/* A catalog in a new folder (@dir, to remove with sky_test_close_catalog()) holding the price
 * sheets of tests/data named, ended by NULL. */
SkyCatalog *
sky_test_open_catalog (char       **dir,
                       const char  *first_sheet,
                       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  SkyCatalog *catalog;
  va_list args;

  *dir = g_dir_make_tmp ("skytally-test-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (*dir, "catalog.db", NULL);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);

  va_start (args, first_sheet);
  for (const char *name = first_sheet; name != NULL; name = va_arg (args, const char *))
    sky_test_import (catalog, name);
  va_end (args);
  return catalog;
}

void
sky_test_close_catalog (char       **dir,
                        SkyCatalog **catalog)
{
  g_clear_object (catalog);
  sky_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

/* Servers (std-2 on valid-small.xml) growing 10 % a month and egress of 10000 GB ranging from
 * −20 % to +30 %, against a budget of 1100 a month, over 12 months. */
SkyScenario *
sky_test_growth_scenario (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Growth\" currency=\"USD\">\n"
    "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
    "  <line label=\"Servers\" group=\"API\" quantity=\"2\" unit=\"hour\">\n"
    "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
    "  <line label=\"Egress\" group=\"Net\" usage=\"10000\" unit=\"gb\">\n"
    "    <offer provider=\"examplecloud\" sku=\"egress-us\"/>\n  </line>\n"
    "  <budget monthly=\"1100\"/>\n"
    "  <projection months=\"12\">\n"
    "    <growth line=\"Servers\" percent=\"10\"/>\n"
    "    <range group=\"Net\" low=\"-20\" high=\"30\"/>\n"
    "  </projection>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_parse (text, strlen (text), "growth", &error);

  g_assert_no_error (error);
  return scenario;
}

/* valid-small.xml (Example Cloud, USD) and other-small.xml (Other Cloud, EUR), no scenario. */
void
sky_catalog_fixture_setup (SkyCatalogFixture *f,
                           gconstpointer      data)
{
  f->catalog = sky_test_open_catalog (&f->dir, "valid-small.xml", "other-small.xml", NULL);
  f->scenario = NULL;
}

/* The same, and the scenario of tests/data/web.skytally. */
void
sky_catalog_fixture_setup_web (SkyCatalogFixture *f,
                               gconstpointer      data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autoptr(GError) error = NULL;

  sky_catalog_fixture_setup (f, data);
  f->scenario = sky_scenario_load (path, &error);
  g_assert_no_error (error);
}

void
sky_catalog_fixture_teardown (SkyCatalogFixture *f,
                              gconstpointer      data)
{
  g_clear_pointer (&f->scenario, sky_scenario_free);
  sky_test_close_catalog (&f->dir, &f->catalog);
}
