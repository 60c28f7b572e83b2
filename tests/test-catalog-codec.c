/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"
#include "sky-sheet-reader.h"

/* The catalog's stored codes and the text an offer's row keeps its prices in, on their own:
 * what is written reads back the same, the text keeps its layout, and text in another form is
 * refused rather than half read. */

static int
term (const char *name)
{
  int code = sky_vocabulary_code (SKY_VOCABULARY_PURCHASE_OPTION, name);

  g_assert_cmpint (code, >=, 0);
  return code;
}

static int
unit (const char *name)
{
  int code = sky_vocabulary_code (SKY_VOCABULARY_UNIT, name);

  g_assert_cmpint (code, >=, 0);
  return code;
}

/* A stored code reads back as its entry's id, for every entry of every table the catalog
 * stores; a code no entry has, or none, reads as no name. */
static void
test_codes (void)
{
  static const SkyVocabulary stored[] = {
    SKY_VOCABULARY_PURCHASE_OPTION, SKY_VOCABULARY_UNIT, SKY_VOCABULARY_GEOGRAPHY,
    SKY_VOCABULARY_CATEGORY,
  };

  for (gsize v = 0; v < G_N_ELEMENTS (stored); v++)
    {
      for (guint i = 0; i < sky_vocabulary_size (stored[v]); i++)
        {
          const SkyWord *word = sky_vocabulary_nth (stored[v], i);

          g_assert_cmpint (sky_vocabulary_code (stored[v], word->id), ==, word->code);
          g_assert_cmpstr (_sky_catalog_name_for_code (stored[v], word->code), ==, word->id);
        }
      g_assert_null (_sky_catalog_name_for_code (stored[v], -1));
      g_assert_null (_sky_catalog_name_for_code (stored[v], sky_vocabulary_code_limit (stored[v])));
      g_assert_null (_sky_catalog_name_for_code (stored[v], G_MAXINT64));
    }
  g_assert_cmpint (sky_vocabulary_code (SKY_VOCABULARY_PURCHASE_OPTION, "reserved-7y-no-upfront"),
                   ==, -1);
  g_assert_cmpint (sky_vocabulary_code (SKY_VOCABULARY_UNIT, "hour"), ==, HOUR_CODE);
}

/* Three prices: flat, with an upfront fee and a free quantity, and tiered with an open last
 * tier; the text has a line per price, six fields each, "-" for what a price lacks. */
static void
test_layout (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *expected = NULL;
  int od = term ("on-demand"), ri = term ("reserved-1y-partial-upfront");
  int hour = unit ("hour"), gb = unit ("gb-month");

  _sky_catalog_append_price (text, TRUE, od, hour, 96000000, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price (text, FALSE, ri, hour, 0, TRUE, 2590000000000, "1.5");
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price (text, FALSE, od, gb, 230000000, FALSE, 0, NULL);
  _sky_catalog_append_tier (text, TRUE, "0", "51200", 230000000);
  _sky_catalog_append_tier (text, FALSE, "51200", NULL, 220000000);

  expected = g_strdup_printf ("%d %d 96000000 - - -\n"
                              "%d %d 0 2590000000000 1.5 -\n"
                              "%d %d 230000000 - - 0:51200:230000000,51200::220000000",
                              od, hour, ri, hour, od, gb);
  g_assert_cmpstr (text->str, ==, expected);
}

/* What is written reads back field by field, down to the largest amount there is. */
static void
test_round_trip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) prices = NULL;
  const SkyOfferPrice *p;
  const SkyOfferTier *t;

  _sky_catalog_append_price (text, TRUE, term ("spot"), unit ("second"), G_MAXINT64, TRUE, 0,
                             NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price (text, FALSE, term ("savings-plan-3y-all-upfront"),
                             unit ("million-requests"), 7, FALSE, 0, "1000000");
  _sky_catalog_append_tier (text, TRUE, "0", "10", 7);
  _sky_catalog_append_tier (text, FALSE, "10", "20", 6);
  _sky_catalog_append_tier (text, FALSE, "20", NULL, 0);

  prices = _sky_catalog_decode_prices (text->str);
  g_assert_nonnull (prices);
  g_assert_cmpuint (prices->len, ==, 2);

  p = g_ptr_array_index (prices, 0);
  g_assert_cmpstr (p->term, ==, "spot");
  g_assert_cmpstr (p->unit, ==, "second");
  g_assert_cmpint (p->amount, ==, G_MAXINT64);
  g_assert_true (p->has_upfront_fee);
  g_assert_cmpint (p->upfront_fee, ==, 0);
  g_assert_null (p->free_quantity);
  g_assert_cmpuint (p->tiers->len, ==, 0);

  p = g_ptr_array_index (prices, 1);
  g_assert_cmpstr (p->term, ==, "savings-plan-3y-all-upfront");
  g_assert_cmpstr (p->unit, ==, "million-requests");
  g_assert_cmpint (p->amount, ==, 7);
  g_assert_false (p->has_upfront_fee);
  g_assert_cmpstr (p->free_quantity, ==, "1000000");
  g_assert_cmpuint (p->tiers->len, ==, 3);
  t = g_ptr_array_index (p->tiers, 1);
  g_assert_cmpstr (t->from, ==, "10");
  g_assert_cmpstr (t->to, ==, "20");
  g_assert_cmpint (t->amount, ==, 6);
  t = g_ptr_array_index (p->tiers, 2);
  g_assert_cmpstr (t->from, ==, "20");
  g_assert_null (t->to);
  g_assert_cmpint (t->amount, ==, 0);
}

/* Text in another form is refused whole. */
static void
test_refused (void)
{
  g_autofree char *flat = g_strdup_printf ("%d %d 5 - - -", term ("on-demand"), unit ("hour"));
  const char *bad[] = {
    "",
    "0 0 5 - -",                   /* five fields */
    "0 0 5 - - - x",               /* seven */
    "999 0 5 - - -",               /* no such purchase option */
    "0 999 5 - - -",               /* no such unit */
    "-1 0 5 - - -",
    "0 0 -5 - - -",                /* a negative amount */
    "0 0 5x - - -",
    "0 0 99999999999999999999 - - -",
    "0 0 5 fee - -",
    "0 0 5 - - 0:10",              /* a tier of two parts */
    "0 0 5 - - :10:5",             /* a tier from nowhere */
    "0 0 5 - - 0:10:x",
    "0 0 5 - - - date=2026-13-01",  /* not a date */
    "0 0 5 - - - date=",
    "0 0 5 - - - date=2026-1-01x",
    "0 0 5 - - - date=2026-01-01 date=2026-01-02", /* two */
    "0 0 5 - - - dated=2026-01-01",
  };
  g_autofree char *two_lines_one_bad = g_strconcat (flat, "\n0 0 5 - -", NULL);

  g_assert_null (_sky_catalog_decode_prices (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("“%s”", bad[i]);
      g_assert_null (_sky_catalog_decode_prices (bad[i]));
    }
  g_assert_null (_sky_catalog_decode_prices (two_lines_one_bad));
  /* The same line, well formed, is read. */
  {
    g_autoptr(GPtrArray) prices = _sky_catalog_decode_prices (flat);

    g_assert_nonnull (prices);
    g_assert_cmpuint (prices->len, ==, 1);
  }
}

/* A price's own effective date follows its tiers, only when it has one: a price without it is
 * written as before, and a price written before reads with none. */
static void
test_price_date (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) prices = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *expected = NULL;
  int od = term ("on-demand"), hour = unit ("hour"), gb = unit ("gb");
  const SkyOfferPrice *p;

  _sky_catalog_append_price (text, TRUE, od, hour, 96000000, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_date (text, "2026-03-01");
  _sky_catalog_append_price (text, FALSE, od, gb, 900000000, FALSE, 0, "100");
  _sky_catalog_append_tier (text, TRUE, "0", "10240", 900000000);
  _sky_catalog_append_tier (text, FALSE, "10240", NULL, 850000000);
  _sky_catalog_append_price_date (text, "2025-12-15");
  _sky_catalog_append_price (text, FALSE, term ("spot"), hour, 28800000, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_date (text, "");
  _sky_catalog_append_price_date (text, NULL);

  expected = g_strdup_printf ("%d %d 96000000 - - - date=2026-03-01\n"
                              "%d %d 900000000 - 100 0:10240:900000000,10240::850000000 "
                              "date=2025-12-15\n"
                              "%d %d 28800000 - - -",
                              od, hour, od, gb, term ("spot"), hour);
  g_assert_cmpstr (text->str, ==, expected);

  prices = _sky_catalog_decode_prices (text->str);
  g_assert_nonnull (prices);
  g_assert_cmpuint (prices->len, ==, 3);
  p = g_ptr_array_index (prices, 0);
  g_assert_cmpstr (p->effective_date, ==, "2026-03-01");
  g_assert_cmpint (p->amount, ==, 96000000);
  p = g_ptr_array_index (prices, 1);
  g_assert_cmpstr (p->effective_date, ==, "2025-12-15");
  g_assert_cmpuint (p->tiers->len, ==, 2);
  g_assert_null (((SkyOfferTier *) g_ptr_array_index (p->tiers, 1))->to);
  p = g_ptr_array_index (prices, 2);
  g_assert_null (p->effective_date);
  g_assert_cmpstr (p->term, ==, "spot");

  /* Text as catalogs wrote it before prices had dates. */
  before = _sky_catalog_decode_prices ("0 0 96000000 - - -\n0 3 900000000 - 100 0::9");
  g_assert_nonnull (before);
  g_assert_cmpuint (before->len, ==, 2);
  for (guint i = 0; i < before->len; i++)
    g_assert_null (((SkyOfferPrice *) g_ptr_array_index (before, i))->effective_date);
}

/* The error that says an offer's prices cannot be read names it. */
static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (_sky_catalog_unreadable_prices (&error, 42));
  g_assert_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, "The prices of offer 42 cannot be read from the catalog");
}


/* A monthly cap and a usage discount follow a price's six fields, each only when it has one,
 * and read back; the text of a price without them is as before. */
static void
test_price_rules (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) prices = NULL;
  g_autofree char *expected = NULL;
  int od = term ("on-demand"), hour = unit ("hour");
  SkyOfferPrice *p;

  _sky_catalog_append_price (text, TRUE, od, hour, 357100000, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_rules (text, TRUE, 240000000000, NULL);
  _sky_catalog_append_price (text, FALSE, od, hour, 1942360000, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_rules (text, FALSE, 0, "n2");
  _sky_catalog_append_price (text, FALSE, od, hour, 1, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_rules (text, TRUE, 5, "n1");
  _sky_catalog_append_price (text, FALSE, od, hour, 2, FALSE, 0, NULL);
  _sky_catalog_append_no_tiers (text);
  _sky_catalog_append_price_rules (text, FALSE, 0, NULL);

  expected = g_strdup_printf ("%d %d 357100000 - - - c=240000000000\n"
                              "%d %d 1942360000 - - - u=n2\n"
                              "%d %d 1 - - - c=5 u=n1\n"
                              "%d %d 2 - - -", od, hour, od, hour, od, hour, od, hour);
  g_assert_cmpstr (text->str, ==, expected);

  prices = _sky_catalog_decode_prices (text->str);
  g_assert_nonnull (prices);
  g_assert_cmpuint (prices->len, ==, 4);
  p = g_ptr_array_index (prices, 0);
  g_assert_true (p->has_monthly_cap);
  g_assert_cmpint (p->monthly_cap, ==, G_GINT64_CONSTANT (240000000000));
  g_assert_null (p->usage_discount);
  p = g_ptr_array_index (prices, 1);
  g_assert_false (p->has_monthly_cap);
  g_assert_cmpstr (p->usage_discount, ==, "n2");
  p = g_ptr_array_index (prices, 2);
  g_assert_cmpint (p->monthly_cap, ==, 5);
  g_assert_cmpstr (p->usage_discount, ==, "n1");
  p = g_ptr_array_index (prices, 3);
  g_assert_false (p->has_monthly_cap);
  g_assert_null (p->usage_discount);

  /* A field of another name, a cap that is no count, a field twice: refused. */
  {
    const char *bad[] = { "0 0 1 - - - x=1", "0 0 1 - - - c=", "0 0 1 - - - c=-", "0 0 1 - - - u=",
                          "0 0 1 - - - c=1 c=2", "0 0 1 - - - u=a u=b", "0 0 1 - - - c=1.5" };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      g_assert_null (_sky_catalog_decode_prices (bad[i]));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/catalog-codec/codes", test_codes);
  g_test_add_func ("/sky/catalog-codec/layout", test_layout);
  g_test_add_func ("/sky/catalog-codec/round-trip", test_round_trip);
  g_test_add_func ("/sky/catalog-codec/refused", test_refused);
  g_test_add_func ("/sky/catalog-codec/price-date", test_price_date);
  g_test_add_func ("/sky/catalog-codec/unreadable", test_unreadable);
  g_test_add_func ("/sky/catalog-codec/price-rules", test_price_rules);

  return g_test_run ();
}
