/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-sources-test-util.h"

/* What the tests of the converters share when they read a converted sheet back. */

/* A price's amount (its 10^-10 units) as a plain decimal. */
char *
sky_sources_test_amount_text (gint64 amount)
{
  return sky_decimal_to_string (sky_decimal_normalize (sky_decimal_from_price (amount)));
}

/* A size in thousandths (vCPU, GiB) as a plain decimal, or "-" when the offer gives none. */
char *
sky_sources_test_thousandths (gint64 value)
{
  if (value < 0)
    return g_strdup ("-");
  return sky_decimal_to_string (sky_decimal_normalize (sky_decimal_from_scaled (value, 3)));
}

/* An offer's features as "key=value;…", in the sheet's order. */
char *
sky_sources_test_features_text (const SkySheetOffer *offer)
{
  GString *features = g_string_new (NULL);

  for (guint i = 0; i + 1 < offer->features->len; i += 2)
    g_string_append_printf (features, "%s%s=%s", i > 0 ? ";" : "",
                            (const char *) g_ptr_array_index (offer->features, i),
                            (const char *) g_ptr_array_index (offer->features, i + 1));
  return g_string_free (features, FALSE);
}

/* Appends a price's tiers to @text as "from-to@amount,…" ("to" empty for the last). */
void
sky_sources_test_append_tiers (GString             *text,
                               const SkySheetPrice *price)
{
  for (guint t = 0; t < price->tiers->len; t++)
    {
      const SkySheetTier *tier = &g_array_index (price->tiers, SkySheetTier, t);
      g_autofree char *amount = sky_sources_test_amount_text (tier->amount);

      g_string_append_printf (text, "%s%s-%s@%s", t > 0 ? "," : "", tier->from,
                              tier->to != NULL ? tier->to : "", amount);
    }
}

/* The project's own sample @name of @format, in tests/data/sources/FORMAT/. */
char *
sky_sources_test_fixture (const char *format,
                          const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sources", format, name, NULL);
}

/* A price's key in the tests' tables: "SKU UNIT TERM". */
char *
sky_sources_test_price_key (const char *sku,
                            const char *unit,
                            const char *term)
{
  return g_strdup_printf ("%s %s %s", sku, unit, term);
}

/* What @table holds for the price of @sku by @unit and @term, or NULL. */
const char *
sky_sources_test_lookup (GHashTable *table,
                         const char *sku,
                         const char *unit,
                         const char *term)
{
  g_autofree char *key = sky_sources_test_price_key (sku, unit, term);

  return g_hash_table_lookup (table, key);
}
