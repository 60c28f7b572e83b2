/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "sky-catalog.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* What changed between two sheets of one provider: tests/data/diff-old.xml and diff-new.xml,
 * whose comments say what differs; the counts below are worked out by hand from them. */

#define ASSERT_DIFF(d, added, removed, lower, higher, unchanged, new_, gone) G_STMT_START { \
    g_assert_cmpuint ((d).offers_added, ==, (added));                                       \
    g_assert_cmpuint ((d).offers_removed, ==, (removed));                                   \
    g_assert_cmpuint ((d).prices_lower, ==, (lower));                                       \
    g_assert_cmpuint ((d).prices_higher, ==, (higher));                                     \
    g_assert_cmpuint ((d).prices_unchanged, ==, (unchanged));                               \
    g_assert_cmpuint ((d).prices_new, ==, (new_));                                          \
    g_assert_cmpuint ((d).prices_gone, ==, (gone));                                         \
  } G_STMT_END

/* Offers added: d-16, and e-2 in its new region; removed: b-4, and e-2 in its old region (the
 * disks, which the new sheet does not hold, are not compared). Prices lower: a-2 on demand
 * (0.1000 → 0.0900), a-2's partial-upfront reservation (its fee 259 → 250, the hourly amount
 * the same), the egress's tiers (0.085 → 0.080 past the first); higher: a-2-eu's reservation
 * (0.05 → 0.055); unchanged: a-2's no-upfront reservation, a-2-eu on demand (0.12 written
 * 0.1200), egress-eu; new: a-2's savings plan, c-8's dedicated row, d-16's two, e-2 in eu-west;
 * gone: a-2's spot price, b-4's, c-8's shared row, e-2 in us-east. */
static void
test_diff (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "diff-old.xml", "diff-new.xml",
                                                        NULL);
  g_autoptr(GError) error = NULL;
  SkySheetDiff diff;

  g_assert_true (sky_catalog_diff_sheets (catalog, "diffcloud", "2026.1", "2026.2", &diff,
                                          &error));
  g_assert_no_error (error);
  ASSERT_DIFF (diff, 2, 2, 3, 1, 3, 5, 4);

  /* The other way round, the disks are compared too: all removed with their price. What was
   * lower is higher, new is gone. */
  g_assert_true (sky_catalog_diff_sheets (catalog, "diffcloud", "2026.2", "2026.1", &diff,
                                          &error));
  g_assert_no_error (error);
  ASSERT_DIFF (diff, 3, 2, 1, 3, 3, 5, 5);

  sky_test_close_catalog (&dir, &catalog);
}

/* A sheet compared with itself: every price unchanged, nothing added or removed. */
static void
test_diff_same (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "diff-old.xml", NULL);
  g_autoptr(GError) error = NULL;
  SkySheetDiff diff;

  g_assert_true (sky_catalog_diff_sheets (catalog, "diffcloud", "2026.1", "2026.1", &diff,
                                          &error));
  g_assert_no_error (error);
  ASSERT_DIFF (diff, 0, 0, 0, 0, 12, 0, 0);
  sky_test_close_catalog (&dir, &catalog);
}

/* A version the catalog does not hold, or a version of another provider's, is refused. */
static void
test_diff_no_such_sheet (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "diff-new.xml",
                                                        "valid-small.xml", NULL);
  g_autoptr(GError) error = NULL;
  SkySheetDiff diff = { 0 };

  g_assert_false (sky_catalog_diff_sheets (catalog, "diffcloud", "2026.1", "2026.2", &diff,
                                           &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_SUCH_SHEET);
  g_clear_error (&error);
  g_assert_false (sky_catalog_diff_sheets (catalog, "examplecloud", "2026.1", "2026.2", &diff,
                                           &error));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NO_SUCH_SHEET);
  sky_test_close_catalog (&dir, &catalog);
}

/* The counts in words, the offers only when some were added or removed. */
static void
test_describe (void)
{
  SkySheetDiff diff = { .prices_lower = 312, .prices_higher = 45, .prices_new = 1020,
                        .prices_gone = 7, .prices_unchanged = 9800 };
  g_autofree char *text = sky_sheet_diff_describe (&diff);
  g_autofree char *with_offers = NULL;
  g_autofree char *one = NULL;

  g_assert_cmpstr (text, ==, "312 prices lower, 45 higher, 1020 new, 7 gone, 9800 unchanged");
  diff.offers_added = 80;
  diff.offers_removed = 2;
  with_offers = sky_sheet_diff_describe (&diff);
  g_assert_cmpstr (with_offers, ==, "312 prices lower, 45 higher, 1020 new, 7 gone, "
                                    "9800 unchanged; 80 offers added, 2 removed");
  diff = (SkySheetDiff) { .prices_lower = 1, .offers_added = 1 };
  one = sky_sheet_diff_describe (&diff);
  g_assert_cmpstr (one, ==, "1 price lower, 0 higher, 0 new, 0 gone, 0 unchanged; "
                            "1 offer added, 0 removed");
}

/* The regions of one provider's current sheets, by name, each once; not another provider's. */
static void
test_provider_regions (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "diff-old.xml", "diff-new.xml",
                                                        "valid-small.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) regions = sky_catalog_list_provider_regions (catalog, "diffcloud",
                                                                    &error);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (regions->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (regions, 0), ==, "eu-west");
  g_assert_cmpstr (g_ptr_array_index (regions, 1), ==, "EU West");
  g_assert_cmpstr (g_ptr_array_index (regions, 2), ==, "us-east");
  g_assert_cmpstr (g_ptr_array_index (regions, 3), ==, "US East");
  none = sky_catalog_list_provider_regions (catalog, "nocloud", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  sky_test_close_catalog (&dir, &catalog);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sky/catalog-diff/diff", test_diff);
  g_test_add_func ("/sky/catalog-diff/same", test_diff_same);
  g_test_add_func ("/sky/catalog-diff/no-such-sheet", test_diff_no_such_sheet);
  g_test_add_func ("/sky/catalog-diff/describe", test_describe);
  g_test_add_func ("/sky/catalog-diff/provider-regions", test_provider_regions);
  return g_test_run ();
}
