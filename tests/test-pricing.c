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


/* A usage discount's bands, in percent of the month: "from:to:percent" each. */
static GArray *
bands (const char * const *table)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (SkyUsageBand));

  for (guint i = 0; table[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (table[i], ":", 3);
      SkyUsageBand band = { dec (f[0]), dec (f[1]), dec (f[2]) };

      g_array_append_val (out, band);
    }
  return out;
}

/* Google Cloud's N2 table as its pricing.yml applies it, and its N1 table. */
static const char * const n2_table[] = { "0:25:0", "25:50:13.22", "50:75:26.7", "75:100:40", NULL };
static const char * const n1_table[] = { "0:25:0", "25:50:20", "50:75:40", "75:100:60", NULL };

/* A commitment priced per month (Google Cloud's committed use of e2-standard-4 in us-central1
 * for 3 years: 44.02649564 USD a month, 0.13402284 USD an hour on demand) for three servers
 * counted in hours: each of the scenario's months of 730 hours is one month of the commitment,
 * whatever the usage (100 hours asked for here). 3 × 44.02649564 = 132.07948692 ≈ 132.08 USD a
 * month, no upfront, 12 × 132.08 = 1584.96 a year, 36 × 132.08 = 4754.88 over the term;
 * break-even 44.02649564 / 0.13402284 = 328.4999455… ≈ 328.50 hours a month. */
static void
test_monthly_commitment (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(SkyPricing) seconds = sky_pricing_new ("USD", dec ("720"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("44.02649564", "month");
  SkyPricedLine out;
  SkyDecimal total;
  const SkyPriceStep *s;

  t.line_unit = g_intern_static_string ("hour");
  t.term_months = 36;
  t.committed = TRUE;
  t.monthly_commitment = TRUE;
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.13402284");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("100"), &out, steps);
  g_assert_false (sky_pricing_overflowed (pricing));
  ASSERT_DEC (out.usage, "730");
  ASSERT_MONEY (out.monthly, "132.08");
  ASSERT_MONEY (out.upfront, "0.00");
  ASSERT_MONEY (out.effective_monthly, "132.08");
  ASSERT_MONEY (out.yearly, "1584.96");
  g_assert_true (out.has_break_even);
  ASSERT_MONEY (out.break_even_hours, "328.50");

  /* 3 × 730 Hour, = 3 Month at 730 hours a month, × the price, the cost, rounded. */
  s = step (steps, 0);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_USAGE);
  ASSERT_DEC (s->usage, "730");
  g_assert_cmpstr (s->unit, ==, "hour");
  s = step (steps, 1);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_MONTHS);
  ASSERT_DEC (s->quantity, "2190");
  ASSERT_DEC (s->usage, "730");
  ASSERT_DEC (s->result, "3");
  g_assert_cmpstr (s->unit, ==, "month");
  g_assert_cmpstr (s->from_unit, ==, "hour");
  s = step (steps, 2);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_RATE);
  ASSERT_DEC (s->quantity, "3");
  ASSERT_DEC (s->price, "44.02649564");
  s = step (steps, 3);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_COST);
  ASSERT_DEC (s->result, "132.07948692");
  s = step (steps, steps->len - 1);
  g_assert_cmpint (s->kind, ==, SKY_PRICE_STEP_BREAK_EVEN);
  ASSERT_DEC (s->price, "0.13402284");

  total = sky_pricing_term_total (pricing, &out, 36, 36, steps);
  ASSERT_MONEY (total, "4754.88");

  /* Counted in seconds, on months of 720 hours: the month is still one month of the price,
   * and the usage is the month's 720 × 3600 seconds. */
  t.line_unit = g_intern_static_string ("second");
  sky_pricing_price_line (seconds, &t, dec ("3"), dec ("100"), &out, NULL);
  g_assert_false (sky_pricing_overflowed (seconds));
  ASSERT_DEC (out.usage, "2592000");
  ASSERT_MONEY (out.monthly, "132.08");
  ASSERT_MONEY (out.break_even_hours, "328.50");

  /* Priced per year (12 × 44.02649564 = 528.31794768): a month is a twelfth of it, exactly. */
  g_array_set_size (steps, 0);
  t = flat ("528.31794768", "year");
  t.line_unit = g_intern_static_string ("hour");
  t.term_months = 36;
  t.committed = TRUE;
  t.monthly_commitment = TRUE;
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.13402284");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  g_assert_false (sky_pricing_overflowed (pricing));
  ASSERT_MONEY (out.monthly, "132.08");
  ASSERT_MONEY (out.break_even_hours, "328.50");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_CONVERT);
  ASSERT_DEC (step (steps, 2)->result, "0.25");
}

/* Each instance's hours fall into the bands by their share of the month's 730 hours (182.5 a
 * quarter), each band's hours less its percent; rounded once. */
static void
test_usage_discount (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.194236", "hour");
  SkyPricedLine out;

  t.usage_discount = g_intern_static_string ("n2");
  t.usage_bands = bands (n2_table);

  /* Always on: 182.5 × (1 + 0.8678 + 0.733 + 0.6) = 584.146 hours at full price;
   * × 0.194236 = 113.462182456, pricing.yml's month for n2-standard-4 in us-central1. */
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, steps);
  ASSERT_MONEY (out.monthly, "113.46");
  g_assert_cmpuint (steps->len, ==, 9);
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_USAGE_BAND);
  g_assert_cmpuint (step (steps, 1)->count, ==, 1);
  ASSERT_DEC (step (steps, 1)->quantity, "182.5");
  ASSERT_DEC (step (steps, 1)->factor, "0");
  g_assert_cmpstr (step (steps, 1)->name, ==, "n2");
  ASSERT_DEC (step (steps, 4)->factor, "40");
  g_assert_cmpint (step (steps, 5)->kind, ==, SKY_PRICE_STEP_DISCOUNTED);
  ASSERT_DEC (step (steps, 5)->quantity, "584.146");
  ASSERT_DEC (step (steps, 5)->result, "584.146");
  g_assert_cmpint (step (steps, 6)->kind, ==, SKY_PRICE_STEP_RATE);
  ASSERT_DEC (step (steps, 7)->result, "113.462182456");
  g_assert_cmpint (step (steps, 8)->kind, ==, SKY_PRICE_STEP_ROUND);

  /* Three instances half the month: 182.5 + 182.5 × 0.8678 = 340.8735 hours each, × 3 =
   * 1022.6205 × 0.194236 = 198.629715438. */
  g_array_set_size (steps, 0);
  sky_pricing_reset (pricing);
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("365"), &out, steps);
  ASSERT_MONEY (out.monthly, "198.63");
  ASSERT_DEC (step (steps, 3)->quantity, "340.8735");
  ASSERT_DEC (step (steps, 3)->result, "1022.6205");

  /* 100 hours lie in the first band: no discount, 19.4236. */
  g_array_set_size (steps, 0);
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("100"), &out, steps);
  ASSERT_MONEY (out.monthly, "19.42");

  /* The N1 table, always on: 182.5 × 2.8 = 511 hours × 0.189999 = 97.089489, pricing.yml's
   * month for n1-standard-4 in us-central1. */
  g_clear_pointer (&t.usage_bands, g_array_unref);
  t.usage_bands = bands (n1_table);
  t.amount = dec ("0.189999");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, NULL);
  ASSERT_MONEY (out.monthly, "97.09");

  /* Bands are shares of the scenario's month: of 720 hours, 180 a quarter; always on is
   * 180 × 2.8 = 504 hours × 0.189999 = 95.759496. */
  {
    g_autoptr(SkyPricing) short_month = sky_pricing_new ("USD", dec ("720"));

    sky_pricing_price_line (short_month, &t, dec ("1"), dec ("720"), &out, NULL);
    ASSERT_MONEY (out.monthly, "95.76");
  }

  /* A commitment bills every hour at its price: no usage discount. 730 × 0.189999. */
  t.committed = TRUE;
  t.term_months = 12;
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, NULL);
  ASSERT_MONEY (out.monthly, "138.70");
  g_assert_false (sky_pricing_overflowed (pricing));
  sky_price_terms_clear (&t);
}

/* One instance's month costs at most the cap; below it, the hours at the price. */
static void
test_monthly_cap (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.03571", "hour");
  SkyPricedLine out;

  t.has_monthly_cap = TRUE;
  t.monthly_cap = dec ("24");

  /* 730 × 0.03571 = 26.0683, over the cap: 24.00. */
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, steps);
  ASSERT_MONEY (out.monthly, "24.00");
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_COST);
  ASSERT_DEC (step (steps, 2)->result, "26.0683");
  g_assert_cmpint (step (steps, 3)->kind, ==, SKY_PRICE_STEP_CAP);
  ASSERT_DEC (step (steps, 3)->price, "24");
  ASSERT_DEC (step (steps, 3)->quantity, "1");
  ASSERT_DEC (step (steps, 3)->result, "24");

  /* Two droplets 100 hours each: 200 × 0.03571 = 7.142, under the cap of 48. */
  g_array_set_size (steps, 0);
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("100"), &out, steps);
  ASSERT_MONEY (out.monthly, "7.14");
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpint (step (steps, i)->kind, !=, SKY_PRICE_STEP_CAP);

  /* 672.1 hours: 24.000691, just over; 672 hours: 23.99712, just under. */
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("672.1"), &out, NULL);
  ASSERT_MONEY (out.monthly, "24.00");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("672"), &out, NULL);
  ASSERT_MONEY (out.monthly, "24.00");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("600"), &out, NULL);
  ASSERT_MONEY (out.monthly, "21.43");

  /* The scenario's discount comes off the capped month: 3 × 24 = 72, less 10 % = 64.80. */
  t.has_discount = TRUE;
  t.discount = dec ("10");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, NULL);
  ASSERT_MONEY (out.monthly, "64.80");
  g_assert_false (sky_pricing_overflowed (pricing));
}

/* A price built from components bills like an hourly one: its steps start with its parts. */
static void
test_components (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.2772", "hour");
  SkyPricedLine out;

  /* 4 × 0.0413 + 16 × 0.007 = 0.1652 + 0.112 = 0.2772 an hour; × 730 × 2 = 404.712. */
  t.has_components = TRUE;
  t.vcpus = dec ("4");
  t.vcpu_price = dec ("0.0413");
  t.memory_gib = dec ("16");
  t.gib_price = dec ("0.007");
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("730"), &out, steps);
  ASSERT_MONEY (out.monthly, "404.71");
  g_assert_cmpint (step (steps, 0)->kind, ==, SKY_PRICE_STEP_COMPONENTS);
  ASSERT_DEC (step (steps, 0)->quantity, "4");
  ASSERT_DEC (step (steps, 0)->usage, "16");
  ASSERT_DEC (step (steps, 0)->result, "0.2772");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_USAGE);
}

/* A line in GB priced per GiB: 2000 GB is 2000 × 10⁹ / 2³⁰ = 1862.64514923095703125 GiB, at
 * 0.10 USD = 186.264514923095703125 ≈ 186.26 USD. The ratio is folded into the one rounding:
 * the converted quantity rounded first to cents of a GiB (1862.65) would have made 186.27. */
static void
test_convert_gb_to_gib (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.10", "gib");
  SkyPricedLine out;

  t.line_unit = g_intern_static_string ("gb");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("2000"), &out, steps);
  ASSERT_MONEY (out.monthly, "186.26");
  ASSERT_MONEY (out.yearly, "2235.12");
  ASSERT_DEC (out.usage, "2000");
  g_assert_cmpuint (steps->len, ==, 5);
  g_assert_cmpint (step (steps, 0)->kind, ==, SKY_PRICE_STEP_USAGE);
  g_assert_cmpstr (step (steps, 0)->unit, ==, "gb");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_CONVERT);
  ASSERT_DEC (step (steps, 1)->quantity, "2000");
  ASSERT_DEC (step (steps, 1)->result, "1862.64514923095703125");
  g_assert_false (step (steps, 1)->approximate);
  ASSERT_DEC (step (steps, 1)->factor, "1000000000");
  ASSERT_DEC (step (steps, 1)->price, "1073741824");
  g_assert_cmpstr (step (steps, 1)->from_unit, ==, "gb");
  g_assert_cmpstr (step (steps, 1)->unit, ==, "gib");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_RATE);
  g_assert_cmpint (step (steps, 3)->kind, ==, SKY_PRICE_STEP_COST);
  ASSERT_DEC (step (steps, 3)->result, "186.264514923095703125");
  g_assert_cmpint (step (steps, 4)->kind, ==, SKY_PRICE_STEP_ROUND);
  g_assert_false (sky_pricing_overflowed (pricing));
}

/* A line in TB priced by tiers per GB: 15 TB is 15000 GB, 100 free, 10240 × 0.09 + 4660 ×
 * 0.085 = 1317.70, as the same usage in GB. A line in GiB of the same price then counts on from
 * there: 10000 GiB = 10737.41824 GB, billable from 14900 on, all in the second tier: × 0.085 =
 * 912.6805504 ≈ 912.68. */
static void
test_convert_tiers (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = egress ();
  SkyPricedLine out;

  t.line_unit = g_intern_static_string ("tb");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("15"), &out, steps);
  ASSERT_MONEY (out.monthly, "1317.70");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_CONVERT);
  ASSERT_DEC (step (steps, 1)->result, "15000");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_FREE);
  ASSERT_DEC (step (steps, 3)->quantity, "10240");
  ASSERT_DEC (step (steps, 4)->quantity, "4660");

  g_array_set_size (steps, 0);
  t.line_unit = g_intern_static_string ("gib");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("10000"), &out, steps);
  ASSERT_MONEY (out.monthly, "912.68");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_CONVERT);
  ASSERT_DEC (step (steps, 1)->result, "10737.41824");
  g_assert_cmpint (step (steps, 2)->kind, ==, SKY_PRICE_STEP_AFTER);
  ASSERT_DEC (step (steps, 2)->quantity, "15000");
  g_assert_cmpint (step (steps, 4)->kind, ==, SKY_PRICE_STEP_RATE);
  g_assert_cmpuint (step (steps, 4)->count, ==, 1);
  ASSERT_DEC (step (steps, 4)->quantity, "10737.41824");
  ASSERT_DEC (step (steps, 4)->price, "0.085");

  /* And a line in GB after both: from 25637.41824 on, 100 GB more = 8.50. */
  g_array_set_size (steps, 0);
  t.line_unit = NULL;
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("100"), &out, steps);
  ASSERT_MONEY (out.monthly, "8.50");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_AFTER);
  ASSERT_DEC (step (steps, 1)->quantity, "25737.41824");
  sky_price_terms_clear (&t);
}

/* A line in seconds priced per hour: 100000 s at 0.0416 USD/hour is 100000 × 0.0416 / 3600 =
 * 1.1555… ≈ 1.16; the hours, 27.7…, are shown to 10 digits and said to be rounded. With 10
 * free hours, (100000 − 36000) × 0.0416 / 3600 = 0.7395… ≈ 0.74. */
static void
test_convert_seconds_to_hours (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = flat ("0.0416", "hour");
  SkyPricedLine out;

  t.line_unit = g_intern_static_string ("second");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("100000"), &out, steps);
  ASSERT_MONEY (out.monthly, "1.16");
  g_assert_cmpint (step (steps, 1)->kind, ==, SKY_PRICE_STEP_CONVERT);
  ASSERT_DEC (step (steps, 1)->result, "27.7777777778");
  g_assert_true (step (steps, 1)->approximate);
  ASSERT_DEC (step (steps, 1)->price, "3600");
  g_assert_cmpint (step (steps, 3)->kind, ==, SKY_PRICE_STEP_COST);
  g_assert_true (step (steps, 3)->approximate);

  t.slot = 1;
  t.free_units = dec ("10");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("100000"), &out, NULL);
  ASSERT_MONEY (out.monthly, "0.74");

  /* A commitment per hour bills every hour of the month, whatever unit the line counts in: 2 ×
   * 730 × 0.0416 = 60.736; the usage is the month in seconds. */
  t.slot = 2;
  t.free_units = dec ("0");
  t.committed = TRUE;
  t.term_months = 12;
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("5"), &out, NULL);
  ASSERT_MONEY (out.monthly, "60.74");
  ASSERT_DEC (out.usage, "2628000");
  g_assert_false (sky_pricing_overflowed (pricing));
}

/* Units of other dimensions do not convert: the figure is refused as one that cannot be
 * computed, never made up. */
static void
test_convert_other_dimension (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  SkyPriceTerms t = flat ("0.10", "gb-month");
  SkyPricedLine out;

  t.line_unit = g_intern_static_string ("gb");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("2000"), &out, NULL);
  g_assert_true (sky_pricing_overflowed (pricing));
}

/* A projection's month: the same monthly figure and upfront fee as the whole line, through
 * shared tiers and a commitment with its fee, counting the slot's units alike. */
static void
test_month_figures (void)
{
  g_autoptr(SkyPricing) whole = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(SkyPricing) month = sky_pricing_new ("USD", dec ("730"));
  SkyPriceTerms tiered = egress ();
  SkyPriceTerms committed = flat ("0.0296", "hour");
  const char *usages[] = { "15000", "40000", "50", "100000" };

  committed.slot = 1;
  committed.term_months = 12;
  committed.committed = TRUE;
  committed.has_upfront_fee = TRUE;
  committed.upfront_fee = dec ("259");
  committed.has_on_demand = TRUE;
  committed.on_demand = dec ("0.096");
  for (gsize i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      SkyPricedLine a, b;

      sky_pricing_price_line (whole, &tiered, dec ("1"), dec (usages[i]), &a, NULL);
      sky_pricing_price_month (month, &tiered, dec ("1"), dec (usages[i]), &b);
      g_assert_cmpint (sky_decimal_compare (a.monthly, b.monthly), ==, 0);
      g_assert_cmpint (sky_decimal_compare (a.upfront, b.upfront), ==, 0);

      sky_pricing_price_line (whole, &committed, dec ("2"), dec ("100"), &a, NULL);
      sky_pricing_price_month (month, &committed, dec ("2"), dec ("100"), &b);
      g_assert_cmpint (sky_decimal_compare (a.monthly, b.monthly), ==, 0);
      g_assert_cmpint (sky_decimal_compare (a.upfront, b.upfront), ==, 0);
      g_assert_cmpint (sky_decimal_compare (a.usage, b.usage), ==, 0);
      ASSERT_MONEY (b.upfront, "518.00");
      /* What a month does not need is left out. */
      g_assert_true (a.has_break_even);
      g_assert_false (b.has_break_even);
      g_assert_cmpint (sky_decimal_compare (b.effective_monthly, b.monthly), ==, 0);
    }
  g_assert_false (sky_pricing_overflowed (month));
  g_array_unref (tiered.tiers);
}

/* Months of a projection priced through a memo: the same figures as priced afresh, month after
 * month, when lines sharing a tiered slot keep or change their usage, and after a line of the
 * slot above them changed, which moves where their units fall in the tiers. */
static void
test_memo_same_figures (void)
{
  g_autoptr(SkyPricing) fresh = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(SkyPricing) kept = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(SkyPricingMemo) memo = sky_pricing_memo_new (3);
  SkyPriceTerms tiered = egress ();
  SkyPriceTerms server = flat ("0.096", "hour");
  /* Per month: the first egress line's usage, then the second's; the server keeps its own. */
  const char *months[][2] = {
    { "15000", "40000" }, { "15000", "40000" }, { "20000", "40000" }, { "20000", "40000" },
    { "15000", "40000" }, { "15000", "45000" }, { "50", "45000" }, { "50", "45000" },
  };

  server.slot = 1;
  for (gsize m = 0; m < G_N_ELEMENTS (months); m++)
    {
      sky_pricing_reset (fresh);
      sky_pricing_reset (kept);
      for (guint l = 0; l < 3; l++)
        {
          const SkyPriceTerms *t = l == 1 ? &server : &tiered;
          SkyDecimal usage = dec (l == 1 ? "730" : months[m][l / 2]);
          SkyPricedLine a, b;

          sky_pricing_price_month (fresh, t, dec ("2"), usage, &a);
          sky_pricing_price_month_memo (kept, memo, l, t, dec ("2"), usage, &b);
          g_assert_true (a.monthly.coef == b.monthly.coef && a.monthly.scale == b.monthly.scale);
          g_assert_cmpint (sky_decimal_compare (a.upfront, b.upfront), ==, 0);
          g_assert_cmpint (sky_decimal_compare (a.usage, b.usage), ==, 0);
        }
    }
  g_assert_false (sky_pricing_overflowed (kept));
  g_array_unref (tiered.tiers);
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
  g_test_add_func ("/sky/pricing/monthly-commitment", test_monthly_commitment);
  g_test_add_func ("/sky/pricing/usage-discount", test_usage_discount);
  g_test_add_func ("/sky/pricing/monthly-cap", test_monthly_cap);
  g_test_add_func ("/sky/pricing/components", test_components);
  g_test_add_func ("/sky/pricing/overflow", test_overflow);
  g_test_add_func ("/sky/pricing/amortised-share", test_amortised_share);
  g_test_add_func ("/sky/pricing/convert-gb-to-gib", test_convert_gb_to_gib);
  g_test_add_func ("/sky/pricing/convert-tiers", test_convert_tiers);
  g_test_add_func ("/sky/pricing/convert-seconds-to-hours", test_convert_seconds_to_hours);
  g_test_add_func ("/sky/pricing/convert-other-dimension", test_convert_other_dimension);
  g_test_add_func ("/sky/pricing/month-figures", test_month_figures);
  g_test_add_func ("/sky/pricing/memo-same-figures", test_memo_same_figures);

  return g_test_run ();
}
