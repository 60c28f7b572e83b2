/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-pricing.h"

/* Pricing without a catalog: the figures of a line from its price in numbers, and the steps
 * that made them. The prices are those of valid-small.xml, so the figures are the estimate's
 * (tests/test-estimate.c works them out by hand). */

static SkyDecimal
dec (const char *text)
{
  SkyDecimal d = sky_decimal_from_int (0);

  g_assert_true (sky_decimal_parse (text, 20, TRUE, &d, NULL));
  return sky_decimal_normalize (d);
}

#define ASSERT_DEC(value, expected) G_STMT_START {            \
    g_autofree char *t_ = sky_decimal_to_string ((value));     \
    g_assert_cmpstr (t_, ==, (expected));                      \
  } G_STMT_END

#define ASSERT_MONEY(value, expected) G_STMT_START {           \
    g_autofree char *t_ = sky_decimal_format ((value), 2);     \
    g_assert_cmpstr (t_, ==, (expected));                      \
  } G_STMT_END

static SkyPriceTerms
flat (const char *amount,
      const char *unit)
{
  SkyPriceTerms t = { 0 };

  t.unit = g_intern_string (unit);
  t.currency = g_intern_static_string ("USD");
  t.amount = dec (amount);
  t.free_units = t.discount = t.rate = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  return t;
}

/* Egress: 100 GB free, then 0.09 up to 10240, 0.085 up to 51200, 0.07 past it. */
static SkyPriceTerms
egress (void)
{
  SkyPriceTerms t = flat ("0.09", "gb");
  static const char *tiers[][3] = {
    { "0", "10240", "0.09" }, { "10240", "51200", "0.085" }, { "51200", NULL, "0.07" },
  };

  t.free_units = dec ("100");
  t.tiers = g_array_new (FALSE, TRUE, sizeof (SkyPriceTier));
  for (gsize i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      SkyPriceTier tier = {
        .from = dec (tiers[i][0]),
        .to = dec (tiers[i][1] != NULL ? tiers[i][1] : "0"),
        .has_to = tiers[i][1] != NULL,
        .amount = dec (tiers[i][2]),
      };
      g_array_append_val (t.tiers, tier);
    }
  return t;
}

static const SkyPriceStep *
step (GArray *steps,
      guint   i)
{
  g_assert_cmpuint (i, <, steps->len);
  return &g_array_index (steps, SkyPriceStep, i);
}

/* 3 × 730 hours × 0.096: three steps, no rounding. */
static void
test_flat (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.096", "hour");
  SkyPricedLine out;

  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  ASSERT_MONEY (out.monthly, "210.24");
  ASSERT_MONEY (out.effective_monthly, "210.24");
  ASSERT_MONEY (out.upfront, "0.00");
  ASSERT_MONEY (out.yearly, "2522.88");
  g_assert_false (out.has_break_even);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpint (step (steps, 0)->kind, ==, SKY_PRICE_STEP_USAGE);
  ASSERT_DEC (step (steps, 0)->result, "2190");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_RATE);
  g_assert_cmpuint (step (steps, 1)->count, ==, 0);
  ASSERT_DEC (step (steps, 1)->price, "0.096");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_COST);
  ASSERT_DEC (step (steps, 2)->result, "210.24");
  g_assert_false (sky_pricing_overflowed (pricing));
}

/* Lines of one slot share the free allowance and the tiers, in the order they are priced; a
 * line of another slot starts afresh, and so does the slot after a reset. */
static void
test_tiers_shared (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = egress ();
  SkyPriceTerms other = egress ();
  SkyPricedLine out;

  other.slot = 1;
  /* 15000 GB: 10240 × 0.09 + 4660 × 0.085. */
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("15000"), &out, steps);
  ASSERT_MONEY (out.monthly, "1317.70");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_FREE);
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_RATE);
  g_assert_cmpuint (step (steps, 2)->count, ==, 1);
  ASSERT_DEC (step (steps, 2)->quantity, "10240");
  g_assert_cmpuint (step (steps, 3)->count, ==, 2);
  ASSERT_DEC (step (steps, 3)->quantity, "4660");

  /* 40000 GB more, from 14900 billable: 36300 × 0.085 + 3700 × 0.07. */
  g_array_set_size (steps, 0);
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("40000"), &out, steps);
  ASSERT_MONEY (out.monthly, "3344.50");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_AFTER);
  ASSERT_DEC (step (steps, 1)->quantity, "15000");

  /* Another slot: 50 GB, all free. */
  g_array_set_size (steps, 0);
  sky_pricing_price_line (pricing, &other, dec ("1"), dec ("50"), &out, steps);
  ASSERT_MONEY (out.monthly, "0.00");
  g_assert_cmpint (step (steps, steps->len - 2)->kind, ==, SKY_PRICE_STEP_NOTHING);

  sky_pricing_reset (pricing);
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("15000"), &out, NULL);
  ASSERT_MONEY (out.monthly, "1317.70");

  sky_price_terms_clear (&t);
  sky_price_terms_clear (&other);
  g_assert_null (t.tiers);
}

/* A flat price with a free allowance bills what is past it, and says how much that is. */
static void
test_free_flat (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.0000166667", "gb-second");
  SkyPricedLine out;

  t.free_units = dec ("400000");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("1000000"), &out, steps);
  /* 600000 × 0.0000166667 = 10.00002, rounded once. */
  ASSERT_MONEY (out.monthly, "10.00");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_BILLABLE);
  ASSERT_DEC (step (steps, 2)->quantity, "600000");
  g_assert_cmpint (step (steps, steps->len - 1)->kind, ==, SKY_PRICE_STEP_ROUND);
  ASSERT_DEC (step (steps, steps->len - 2)->result, "10.00002");
}

/* The discount, then the exchange rate, off the price and the upfront fee alike: 3 × 730 ×
 * 0.20 EUR = 438, less 10 % = 394.20, × 1.1 = 433.62 USD; a 100 EUR fee becomes 297 USD. */
static void
test_discount_and_rate (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.2", "hour");
  SkyPricedLine out;

  t.currency = g_intern_static_string ("EUR");
  t.has_discount = TRUE;
  t.discount = dec ("10");
  t.has_rate = TRUE;
  t.rate = dec ("1.1");
  t.rate_date = g_intern_static_string ("2026-11-01");
  t.has_upfront_fee = TRUE;
  t.upfront_fee = dec ("100");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  ASSERT_MONEY (out.monthly, "433.62");
  ASSERT_MONEY (out.upfront, "297.00");
  /* Without a commitment, an upfront fee is not spread. */
  ASSERT_MONEY (out.effective_monthly, "433.62");
  g_assert_cmpint (step (steps, 3)->kind, ==, SKY_PRICE_STEP_DISCOUNT);
  ASSERT_DEC (step (steps, 3)->result, "394.2");
  g_assert_cmpint (step (steps, 4)->kind, ==, SKY_PRICE_STEP_EXCHANGE);
  g_assert_cmpstr (step (steps, 4)->from_currency, ==, "EUR");
  g_assert_cmpstr (step (steps, 4)->currency, ==, "USD");
  g_assert_cmpstr (step (steps, 4)->date, ==, "2026-11-01");
}

/* A one-year reservation, partly upfront: every hour billed whatever the usage (2 × 730 ×
 * 0.0296 = 43.216), 2 × 259 upfront, effective 43.216 + 518 / 12 = 86.38, break-even
 * (0.0296 × 730 + 259 / 12) / 0.096 = 449.9097… ≈ 449.91 hours, two decimals; over a 36-month
 * term it renews three times. */
static void
test_commitment (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.0296", "hour");
  SkyPricedLine out;
  SkyDecimal total;
  const SkyPriceStep *s;

  t.term_months = 12;
  t.committed = TRUE;
  t.has_upfront_fee = TRUE;
  t.upfront_fee = dec ("259");
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.096");
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("100"), &out, steps);
  ASSERT_DEC (out.usage, "730");
  ASSERT_MONEY (out.monthly, "43.22");
  ASSERT_MONEY (out.upfront, "518.00");
  ASSERT_MONEY (out.effective_monthly, "86.38");
  ASSERT_MONEY (out.yearly, "1036.64");
  g_assert_true (out.has_break_even);
  ASSERT_DEC (out.break_even_hours, "449.91");
  g_assert_true (step (steps, 0)->committed);
  s = step (steps, steps->len - 3);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_UPFRONT);
  g_assert_cmpuint (s->months, ==, 12);
  s = step (steps, steps->len - 2);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_AMORTISED);
  ASSERT_DEC (s->result, "86.38");
  s = step (steps, steps->len - 1);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_BREAK_EVEN);
  ASSERT_DEC (s->price, "0.096");

  total = sky_pricing_term_total (pricing, &out, 12, 36, steps);
  ASSERT_MONEY (total, "3109.92");
  s = step (steps, steps->len - 1);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_TERM_TOTAL);
  g_assert_cmpuint (s->count, ==, 3);
  g_assert_cmpuint (s->months, ==, 36);

  /* A line without a commitment has a term total but no step for it. */
  g_array_set_size (steps, 0);
  total = sky_pricing_term_total (pricing, &out, 0, 36, steps);
  ASSERT_MONEY (total, "1555.92");
  g_assert_cmpuint (steps->len, ==, 0);

  /* Hours are rounded to two decimals, half up: (0.0001 × 730) / 0.096 = 0.76041… ≈ 0.76, and
   * (0.0003 × 730) / 0.096 = 2.28125 ≈ 2.28; (0.048 × 730) / 0.096 = 365 exactly. */
  t.has_upfront_fee = FALSE;
  t.amount = dec ("0.0001");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, NULL);
  ASSERT_DEC (out.break_even_hours, "0.76");
  t.amount = dec ("0.0003");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, NULL);
  ASSERT_DEC (out.break_even_hours, "2.28");
  t.amount = dec ("0.048");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, NULL);
  ASSERT_DEC (out.break_even_hours, "365");
}

/* A figure that does not fit is flagged, never wrapped. */
static void
test_overflow (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  SkyPriceTerms t = flat ("1234567890.5", "gb");
  SkyPricedLine out;

  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("1"), &out, NULL);
  g_assert_false (sky_pricing_overflowed (pricing));
  sky_pricing_price_line (pricing, &t, dec ("99999999999999999999"),
                          dec ("99999999999999999999"), &out, NULL);
  g_assert_true (sky_pricing_overflowed (pricing));
}

/* An upfront fee's months add up to it exactly: the fee divided by the months, cut to the minor
 * unit, the last month the remainder (1000.00 over 36: 27.77 × 35 + 28.05). */
static void
test_amortised_share (void)
{
  static const struct
  {
    const char *currency;
    const char *upfront;
    guint       months;
    const char *each;
    const char *last;
  } cases[] = {
    { "USD", "1000.00", 36, "27.77", "28.05" },
    { "USD", "259.00", 12, "21.58", "21.62" },
    { "USD", "1060.00", 36, "29.44", "29.6" },
    { "USD", "0.02", 36, "0", "0.02" },
    { "USD", "100.00", 12, "8.33", "8.37" },
    { "USD", "99999.99", 36, "2777.77", "2778.04" },
    { "USD", "120.00", 12, "10", "10" },
    { "JPY", "1000", 36, "27", "55" },
    { "KWD", "1000.000", 36, "27.777", "27.805" },
    { "USD", "0", 12, "0", "0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkyDecimal upfront = dec (cases[i].upfront);
      SkyDecimal total = sky_decimal_from_int (0);

      for (guint m = 0; m < cases[i].months; m++)
        {
          SkyDecimal share;
          g_autofree char *text = NULL;

          g_assert_true (sky_pricing_amortised_share (cases[i].currency, upfront,
                                                      cases[i].months, m, &share));
          g_assert_cmpint (sky_decimal_compare (share, sky_decimal_from_int (0)), >=, 0);
          text = sky_decimal_to_string (sky_decimal_normalize (share));
          g_assert_cmpstr (text, ==, m + 1 < cases[i].months ? cases[i].each : cases[i].last);
          g_assert_true (sky_decimal_add (total, share, &total));
        }
      g_assert_cmpint (sky_decimal_compare (total, upfront), ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/pricing/flat", test_flat);
  g_test_add_func ("/sky/pricing/tiers-shared", test_tiers_shared);
  g_test_add_func ("/sky/pricing/free-flat", test_free_flat);
  g_test_add_func ("/sky/pricing/discount-and-rate", test_discount_and_rate);
  g_test_add_func ("/sky/pricing/commitment", test_commitment);
  g_test_add_func ("/sky/pricing/overflow", test_overflow);
  g_test_add_func ("/sky/pricing/amortised-share", test_amortised_share);

  return g_test_run ();
}
