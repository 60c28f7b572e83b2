/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "sky-catalog.h"
#include "sky-catalog-test-util.h"
#include "sky-kept-offer.h"
#include "sky-test-util.h"

/* The catalog's candidates found again by what names them: in their own sheet while the
 * catalog has it, with the successor a newer sheet of their service holds. */

static SkyKeptOffer *
kept (const char *version,
      const char *sku,
      const char *region,
      const char *term)
{
  SkyKeptOffer *k = g_new0 (SkyKeptOffer, 1);

  k->provider = g_strdup ("examplecloud");
  k->sheet_version = g_strdup (version);
  k->sku = g_strdup (sku);
  k->region = g_strdup (region);
  k->term = g_strdup (term);
  k->unit = g_strdup ("hour");
  return k;
}

/* std-2-us of sheet 2026.1, which 2026.3 superseded for its service (vm): found at its own
 * price, with 2026.3's as its successor. mem-4-eu, which 2026.3 lacks: found, no successor. An
 * offer of 2026.1's egress, which 2026.1 is still current for: no successor. */
static void
test_find_superseded (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "valid-small.xml",
                                                        "compute-only-2026.3.xml", NULL);
  g_autoptr(SkyKeptOffer) std = kept ("2026.1", "std-2-us", "us-east", "on-demand");
  g_autoptr(SkyKeptOffer) mem = kept ("2026.1", "mem-4-eu", "eu-central", "on-demand");
  g_autoptr(SkyKeptOffer) egress = kept ("2026.1", "egress-us", "us-east", "on-demand");
  g_autoptr(SkyListing) listing = NULL;
  g_autoptr(SkyListing) successor = NULL;
  g_autoptr(SkyKeptOffer) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sky_kept_offer_find (catalog, std, &listing, &successor, &error));
  g_assert_no_error (error);
  g_assert_nonnull (listing);
  g_assert_cmpstr (listing->sheet_version, ==, "2026.1");
  g_assert_cmpstr (listing->service, ==, "vm");
  g_assert_cmpint (listing->price, ==, 960000000);
  g_assert_nonnull (successor);
  g_assert_cmpstr (successor->sheet_version, ==, "2026.3");
  g_assert_cmpstr (successor->sku, ==, "std-2-us");
  g_assert_cmpint (successor->price, ==, 800000000);
  /* The listing names itself: a kept offer made from it is the one asked for. */
  g_assert_true (sky_kept_offer_names (std, listing));
  g_assert_false (sky_kept_offer_names (std, successor));
  again = sky_kept_offer_new_for_listing (listing);
  g_assert_cmpstr (again->service, ==, "vm");
  g_assert_true (sky_kept_offer_equal (again, std));
  g_clear_pointer (&listing, sky_listing_free);
  g_clear_pointer (&successor, sky_listing_free);

  g_assert_true (sky_kept_offer_find (catalog, mem, &listing, &successor, &error));
  g_assert_nonnull (listing);
  g_assert_cmpstr (listing->sku, ==, "mem-4-eu");
  g_assert_null (successor);
  g_clear_pointer (&listing, sky_listing_free);

  egress->unit = (g_free (egress->unit), g_strdup ("gb"));
  g_assert_true (sky_kept_offer_find (catalog, egress, &listing, &successor, &error));
  g_assert_nonnull (listing);
  g_assert_cmpstr (listing->sheet_version, ==, "2026.1");
  g_assert_null (successor);
  g_clear_pointer (&listing, sky_listing_free);

  sky_test_close_catalog (&dir, &catalog);
}

/* Another purchase option, region or unit than the offer has is not found; nor a sheet the
 * catalog lacks, whose offer the current sheet may still hold. */
static void
test_find_gone (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "compute-only-2026.3.xml", NULL);
  g_autoptr(SkyKeptOffer) removed = kept ("2026.1", "std-2-us", "us-east", "on-demand");
  g_autoptr(SkyKeptOffer) spot = kept ("2026.3", "std-2-us", "us-east", "spot");
  g_autoptr(SkyKeptOffer) moved = kept ("2026.3", "std-2-us", "eu-central", "on-demand");
  g_autoptr(SkyKeptOffer) none = kept ("2026.1", "gone-1", "us-east", "on-demand");
  g_autoptr(SkyListing) listing = NULL;
  g_autoptr(SkyListing) successor = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sky_kept_offer_find (catalog, removed, &listing, &successor, &error));
  g_assert_no_error (error);
  g_assert_null (listing);
  g_assert_nonnull (successor);
  g_assert_cmpstr (successor->sheet_version, ==, "2026.3");
  g_clear_pointer (&successor, sky_listing_free);

  for (SkyKeptOffer **k = (SkyKeptOffer *[]) { spot, moved, none, NULL }; *k != NULL; k++)
    {
      g_assert_true (sky_kept_offer_find (catalog, *k, &listing, &successor, &error));
      g_assert_null (listing);
      g_assert_null (successor);
    }

  sky_test_close_catalog (&dir, &catalog);
}

/* The settings keep each as provider, version, SKU, region, purchase option and unit, and
 * give them back in their order, their services not known. */
static void
test_variant (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              sky_kept_offer_free);
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *text = NULL;
  SkyKeptOffer *k;

  g_ptr_array_add (list, kept ("2026.1", "std-2-us", "us-east", "on-demand"));
  g_ptr_array_add (list, kept ("2026.3", "mem-4-eu", "eu-central", "spot"));
  k = g_ptr_array_index (list, 0);
  k->service = g_strdup ("vm");
  variant = g_variant_ref_sink (sky_kept_offers_to_variant (list));
  text = g_variant_print (variant, FALSE);
  g_assert_cmpstr (text, ==, "[('examplecloud', '2026.1', 'std-2-us', 'us-east', 'on-demand', "
                             "'hour'), ('examplecloud', '2026.3', 'mem-4-eu', 'eu-central', "
                             "'spot', 'hour')]");
  back = sky_kept_offers_from_variant (variant);
  g_assert_cmpuint (back->len, ==, 2);
  k = g_ptr_array_index (back, 0);
  g_assert_null (k->service);
  g_assert_true (sky_kept_offer_equal (k, g_ptr_array_index (list, 0)));
  g_assert_true (sky_kept_offer_equal (g_ptr_array_index (back, 1),
                                       g_ptr_array_index (list, 1)));
  g_assert_false (sky_kept_offer_equal (g_ptr_array_index (back, 1),
                                        g_ptr_array_index (list, 0)));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sky/kept-offer/find-superseded", test_find_superseded);
  g_test_add_func ("/sky/kept-offer/find-gone", test_find_gone);
  g_test_add_func ("/sky/kept-offer/variant", test_variant);
  return g_test_run ();
}
