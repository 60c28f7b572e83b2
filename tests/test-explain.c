/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "sky-explain.h"
#include "sky-test-util.h"
#include "sky-vocabulary.h"

/* The one formatter of pricing's steps: each kind of step in its words, and whole lines as the
 * estimate shows them, plain (the command line, files) and for display (the window, the PDF).
 * The tests run in the C locale, then in English and German where those are installed: the
 * words are the untranslated ones, units by their titles. */

static SkyDecimal
dec (const char *text)
{
  SkyDecimal d = sky_decimal_from_int (0);

  g_assert_true (sky_decimal_parse (text, 20, TRUE, &d, NULL));
  return sky_decimal_normalize (d);
}

static SkyPriceStep
make (SkyPriceStepKind kind)
{
  SkyPriceStep s = { .kind = kind };

  s.quantity = s.usage = s.price = s.factor = s.result = sky_decimal_from_int (0);
  s.currency = s.from_currency = g_intern_static_string ("USD");
  s.unit = g_intern_static_string ("gb");
  return s;
}

static char *
explain_one (const SkyPriceStep *s)
{
  g_autoptr(GArray) steps = sky_price_steps_new ();

  g_array_append_val (steps, *s);
  return sky_explain_steps (steps);
}

#define ASSERT_EXPLAINS(step, expected) G_STMT_START { \
    g_autofree char *t_ = explain_one (&(step));       \
    g_assert_cmpstr (t_, ==, (expected));              \
  } G_STMT_END

static void
test_each_step (void)
{
  SkyPriceStep s;

  s = make (SKY_PRICE_STEP_USAGE);
  s.quantity = dec ("3");
  s.usage = dec ("730");
  s.unit = g_intern_static_string ("hour");
  ASSERT_EXPLAINS (s, "3 × 730 Hour");
  s.committed = TRUE;
  ASSERT_EXPLAINS (s, "3 × 730 Hour (a commitment bills every hour)");

  s = make (SKY_PRICE_STEP_AFTER);
  s.quantity = dec ("15000");
  ASSERT_EXPLAINS (s, " after 15000 GB on lines above");

  s = make (SKY_PRICE_STEP_FREE);
  s.quantity = dec ("100");
  ASSERT_EXPLAINS (s, ", 100 GB a month free");

  s = make (SKY_PRICE_STEP_BILLABLE);
  s.quantity = dec ("600000");
  ASSERT_EXPLAINS (s, " = 600000 GB");

  s = make (SKY_PRICE_STEP_RATE);
  s.quantity = dec ("10240");
  s.price = dec ("0.09");
  ASSERT_EXPLAINS (s, " × 0.09 USD/GB");
  s.count = 1;
  ASSERT_EXPLAINS (s, " = 10240 GB × 0.09 USD/GB");
  s.count = 2;
  ASSERT_EXPLAINS (s, " + 10240 GB × 0.09 USD/GB");

  s = make (SKY_PRICE_STEP_NOTHING);
  ASSERT_EXPLAINS (s, ": nothing to bill");

  s = make (SKY_PRICE_STEP_PRICE_DATE);
  s.date = g_intern_static_string ("2026-03-01");
  ASSERT_EXPLAINS (s, " (price as of 2026-03-01)");

  /* Money before rounding keeps every digit, and at least the currency's minor ones. */
  s = make (SKY_PRICE_STEP_COST);
  s.result = dec ("10.00002");
  ASSERT_EXPLAINS (s, " = 10.00002 USD");
  s.result = dec ("1234");
  s.currency = g_intern_static_string ("JPY");
  ASSERT_EXPLAINS (s, " = 1234 JPY");

  s = make (SKY_PRICE_STEP_DISCOUNT);
  s.factor = dec ("10");
  s.result = dec ("394.2");
  s.currency = g_intern_static_string ("EUR");
  ASSERT_EXPLAINS (s, " − 10 % = 394.20 EUR");

  s = make (SKY_PRICE_STEP_EXCHANGE);
  s.factor = dec ("1.1");
  s.result = dec ("433.62");
  s.from_currency = g_intern_static_string ("EUR");
  s.date = g_intern_static_string ("2026-11-01");
  ASSERT_EXPLAINS (s, " × 1.1 USD/EUR (2026-11-01) = 433.62 USD");

  s = make (SKY_PRICE_STEP_ROUND);
  s.result = dec ("10");
  ASSERT_EXPLAINS (s, " ≈ 10.00 USD");

  s = make (SKY_PRICE_STEP_UPFRONT);
  s.quantity = dec ("2");
  s.price = dec ("259");
  s.result = dec ("518");
  s.months = 12;
  ASSERT_EXPLAINS (s, "; upfront 2 × 259 USD = 518.00 USD, over 12 months");
  s.months = 1;
  ASSERT_EXPLAINS (s, "; upfront 2 × 259 USD = 518.00 USD, over 1 month");

  /* "=" when the spread adds up exactly, "≈" when the figure is rounded. */
  s = make (SKY_PRICE_STEP_AMORTISED);
  s.price = dec ("10");
  s.factor = dec ("120");
  s.months = 12;
  s.result = dec ("20");
  ASSERT_EXPLAINS (s, "; amortised 10.00 USD + 120.00 USD / 12 = 20.00 USD a month");
  s.price = dec ("43.216");
  s.factor = dec ("518");
  s.result = dec ("86.38");
  ASSERT_EXPLAINS (s, "; amortised 43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month");

  s = make (SKY_PRICE_STEP_BREAK_EVEN);
  s.result = dec ("365");
  s.price = dec ("0.096");
  s.unit = g_intern_static_string ("hour");
  ASSERT_EXPLAINS (s, "; break-even at 365.00 hours a month against 0.096 USD/Hour on demand");

  s = make (SKY_PRICE_STEP_TERM_TOTAL);
  s.price = dec ("43.22");
  s.months = 36;
  s.factor = dec ("518");
  s.count = 3;
  s.result = dec ("3109.92");
  ASSERT_EXPLAINS (s, "; over the 36-month term, 43.22 USD × 36 + 518.00 USD × 3 = 3109.92 USD");
  /* A commitment without an upfront fee. */
  s.factor = dec ("0");
  s.result = dec ("1555.92");
  ASSERT_EXPLAINS (s, "; over the 36-month term, 43.22 USD × 36 = 1555.92 USD");
}

/* Whole lines, from the steps pricing takes: the texts the estimate shows. */
static void
test_lines (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;
  g_autofree char *flat = NULL, *committed = NULL;

  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("EUR");
  t.amount = dec ("0.2");
  t.free_units = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  t.has_discount = TRUE;
  t.discount = dec ("10");
  t.has_rate = TRUE;
  t.rate = dec ("1.1");
  t.rate_date = g_intern_static_string ("2026-11-01");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  flat = sky_explain_steps (steps);
  g_assert_cmpstr (flat, ==, "3 × 730 Hour × 0.2 EUR/Hour = 438.00 EUR − 10 % = 394.20 EUR × "
                             "1.1 USD/EUR (2026-11-01) = 433.62 USD");

  g_array_set_size (steps, 0);
  t = (SkyPriceTerms) { 0 };
  t.slot = 1;
  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.0296");
  t.free_units = t.discount = t.rate = sky_decimal_from_int (0);
  t.term_months = 12;
  t.committed = TRUE;
  t.has_upfront_fee = TRUE;
  t.upfront_fee = dec ("259");
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.096");
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("730"), &out, steps);
  sky_pricing_term_total (pricing, &out, 12, 12, steps);
  committed = sky_explain_steps (steps);
  g_assert_cmpstr (committed, ==,
                   "2 × 730 Hour (a commitment bills every hour) × 0.0296 USD/Hour = 43.216 USD "
                   "≈ 43.22 USD; upfront 2 × 259 USD = 518.00 USD, over 12 months; amortised "
                   "43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month; break-even at 449.91 hours "
                   "a month against 0.096 USD/Hour on demand; over the 12-month term, 43.22 USD "
                   "× 12 + 518.00 USD × 1 = 1036.64 USD");
}

/* A line in another unit than its price's shows its units converted, with the ratio of the
 * units' sizes, "=" when exact and "≈" when shown rounded; the figures after it too. */
static void
test_conversion (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;
  g_autofree char *gib = NULL, *hours = NULL;
  SkyPriceStep s;

  s = make (SKY_PRICE_STEP_CONVERT);
  s.quantity = dec ("2000");
  s.result = dec ("1862.64514923095703125");
  s.factor = dec ("1000000000");
  s.price = dec ("1073741824");
  s.from_unit = g_intern_static_string ("gb");
  s.unit = g_intern_static_string ("gib");
  ASSERT_EXPLAINS (s, " = 2000 GB = 1862.64514923095703125 GiB (× 10⁹ / 2³⁰)");
  s.approximate = TRUE;
  s.factor = dec ("3865470566400");
  s.price = dec ("1000000000");
  ASSERT_EXPLAINS (s, " = 2000 GB ≈ 1862.64514923095703125 GiB (× 3600 × 2³⁰ / 10⁹)");
  s.factor = dec ("1");
  s.price = dec ("3600");
  ASSERT_EXPLAINS (s, " = 2000 GB ≈ 1862.64514923095703125 GiB (× 1 / 3600)");

  t.unit = g_intern_static_string ("gib");
  t.line_unit = g_intern_static_string ("gb");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.10");
  t.free_units = t.discount = t.rate = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("2000"), &out, steps);
  gib = sky_explain_steps (steps);
  g_assert_cmpstr (gib, ==, "1 × 2000 GB = 2000 GB = 1862.64514923095703125 GiB (× 10⁹ / 2³⁰) × "
                            "0.1 USD/GiB = 186.264514923095703125 USD ≈ 186.26 USD");

  g_array_set_size (steps, 0);
  t.slot = 1;
  t.unit = g_intern_static_string ("hour");
  t.line_unit = g_intern_static_string ("second");
  t.amount = dec ("0.0416");
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("50000"), &out, steps);
  hours = sky_explain_steps (steps);
  g_assert_cmpstr (hours, ==, "2 × 50000 Second = 100000 Second ≈ 27.7777777778 Hour (× 1 / 3600) "
                              "× 0.0416 USD/Hour ≈ 1.1555555556 USD ≈ 1.16 USD");
}

/* Break-even hours are always shown with two decimals, rounded half up. */
static void
test_hours (void)
{
  static const char *cases[][2] = {
    { "449.9097", "449.91" }, { "365", "365.00" }, { "0.5", "0.50" }, { "2.005", "2.01" },
    { "0", "0.00" }, { "730", "730.00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sky_explain_hours (dec (cases[i][0]), SKY_EXPLAIN_PLAIN);
      g_assert_cmpstr (text, ==, cases[i][1]);
    }
}


/* A usage discount shows each band's hours and what is left at full price; a monthly cap
 * shows the uncapped month and the cap; a price from components shows its parts. */
static void
test_rules (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;
  static const char *n2[][3] = {
    { "0", "25", "0" }, { "25", "50", "13.22" }, { "50", "75", "26.7" }, { "75", "100", "40" },
  };
  g_autofree char *discounted = NULL, *capped = NULL, *components = NULL;

  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.194236");
  t.free_units = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  t.usage_discount = g_intern_static_string ("n2");
  t.usage_bands = g_array_new (FALSE, TRUE, sizeof (SkyUsageBand));
  for (gsize i = 0; i < G_N_ELEMENTS (n2); i++)
    {
      SkyUsageBand band = { dec (n2[i][0]), dec (n2[i][1]), dec (n2[i][2]) };
      g_array_append_val (t.usage_bands, band);
    }
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("730"), &out, steps);
  discounted = sky_explain_steps (steps);
  g_assert_cmpstr (discounted, ==,
                   "2 × 730 Hour; usage discount n2, each: 182.5 Hour at 0 % off + 182.5 Hour at "
                   "13.22 % off + 182.5 Hour at 26.7 % off + 182.5 Hour at 40 % off = 584.146 "
                   "Hour at full price, × 2 = 1168.292 Hour × 0.194236 USD/Hour = "
                   "226.924364912 USD ≈ 226.92 USD");
  sky_price_terms_clear (&t);

  g_array_set_size (steps, 0);
  sky_pricing_reset (pricing);
  t = (SkyPriceTerms) { 0 };
  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.03571");
  t.free_units = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  t.has_monthly_cap = TRUE;
  t.monthly_cap = dec ("24");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, steps);
  capped = sky_explain_steps (steps);
  g_assert_cmpstr (capped, ==, "1 × 730 Hour × 0.03571 USD/Hour = 26.0683 USD; capped at 24 "
                               "USD a month each: 1 × 24 = 24.00 USD");

  g_array_set_size (steps, 0);
  sky_pricing_reset (pricing);
  t = (SkyPriceTerms) { 0 };
  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.2772");
  t.free_units = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  t.has_components = TRUE;
  t.vcpus = dec ("4");
  t.vcpu_price = dec ("0.0413");
  t.memory_gib = dec ("16");
  t.gib_price = dec ("0.007");
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("730"), &out, steps);
  components = sky_explain_steps (steps);
  g_assert_cmpstr (components, ==,
                   "(4 vCPU × 0.0413 USD/vCPU-hour + 16 GiB × 0.007 USD/GiB-hour = 0.2772 "
                   "USD/Hour) 1 × 730 Hour × 0.2772 USD/Hour = 202.356 USD ≈ 202.36 USD");
}

/* Three lines priced as the estimate prices them: in euros with a discount and an exchange
 * rate; committed with an upfront fee, in the thousands over its term; in GB against a price per
 * GiB. */
static GArray *
exchange_steps (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  GArray *steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;

  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("EUR");
  t.amount = dec ("0.2");
  t.free_units = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  t.has_discount = TRUE;
  t.discount = dec ("10");
  t.has_rate = TRUE;
  t.rate = dec ("1.1");
  t.rate_date = g_intern_static_string ("2026-11-01");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  return steps;
}

static GArray *
committed_steps (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  GArray *steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;

  t.unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.0296");
  t.free_units = t.discount = t.rate = sky_decimal_from_int (0);
  t.term_months = 12;
  t.committed = TRUE;
  t.has_upfront_fee = TRUE;
  t.upfront_fee = dec ("259");
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.096");
  sky_pricing_price_line (pricing, &t, dec ("2"), dec ("730"), &out, steps);
  sky_pricing_term_total (pricing, &out, 12, 12, steps);
  return steps;
}

static GArray *
conversion_steps (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  GArray *steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;

  t.unit = g_intern_static_string ("gib");
  t.line_unit = g_intern_static_string ("gb");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("0.10");
  t.free_units = t.discount = t.rate = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
  sky_pricing_price_line (pricing, &t, dec ("1"), dec ("2000"), &out, steps);
  return steps;
}

static const char exchange_plain[] =
  "3 × 730 Hour × 0.2 EUR/Hour = 438.00 EUR − 10 % = 394.20 EUR × 1.1 USD/EUR (2026-11-01) = "
  "433.62 USD";
static const char committed_plain[] =
  "2 × 730 Hour (a commitment bills every hour) × 0.0296 USD/Hour = 43.216 USD ≈ 43.22 USD; "
  "upfront 2 × 259 USD = 518.00 USD, over 12 months; amortised 43.216 USD + 518.00 USD / 12 ≈ "
  "86.38 USD a month; break-even at 449.91 hours a month against 0.096 USD/Hour on demand; "
  "over the 12-month term, 43.22 USD × 12 + 518.00 USD × 1 = 1036.64 USD";
static const char conversion_plain[] =
  "1 × 2000 GB = 2000 GB = 1862.64514923095703125 GiB (× 10⁹ / 2³⁰) × 0.1 USD/GiB = "
  "186.264514923095703125 USD ≈ 186.26 USD";

/* The three lines in @style, against what is expected; and the whole explanation, its sheet
 * first. */
static void
assert_styled (SkyExplainStyle  style,
               const char      *exchange,
               const char      *committed,
               const char      *conversion)
{
  g_autoptr(GArray) e = exchange_steps ();
  g_autoptr(GArray) c = committed_steps ();
  g_autoptr(GArray) v = conversion_steps ();
  g_autofree char *e_text = sky_explain_format (e, style);
  g_autofree char *c_text = sky_explain_format (c, style);
  g_autofree char *v_text = sky_explain_format (v, style);
  g_autofree char *line = sky_explain_line ("Example Cloud", "2026.1", e, style);
  g_autofree char *expected_line = g_strdup_printf ("From Example Cloud 2026.1: %s", exchange);
  g_autofree char *no_sheet = sky_explain_line ("Example Cloud", NULL, e, style);

  g_assert_cmpstr (e_text, ==, exchange);
  g_assert_cmpstr (c_text, ==, committed);
  g_assert_cmpstr (v_text, ==, conversion);
  g_assert_cmpstr (line, ==, expected_line);
  g_assert_cmpstr (no_sheet, ==, exchange);
}

/* Plain is what sky_explain_steps() writes, in any locale: a point, no separators, money with
 * its code after it, so that scripts read the figures. */
static void
test_plain (void)
{
  g_autoptr(GArray) e = exchange_steps ();
  g_autofree char *steps = sky_explain_steps (e);

  g_assert_cmpstr (steps, ==, exchange_plain);
  assert_styled (SKY_EXPLAIN_PLAIN, exchange_plain, committed_plain, conversion_plain);
  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  assert_styled (SKY_EXPLAIN_PLAIN, exchange_plain, committed_plain, conversion_plain);
  {
    g_autofree char *hours = sky_explain_hours (dec ("1449.9097"), SKY_EXPLAIN_PLAIN);
    g_assert_cmpstr (hours, ==, "1449.91");
  }
  setlocale (LC_ALL, "");
}

/* For display in the C locale, which has no convention for money: figures as plain, money
 * with its currency's minor digits and its code after it, as the rest of the window shows it
 * there. */
static void
test_display_c (void)
{
  g_autofree char *hours = sky_explain_hours (dec ("1449.9097"), SKY_EXPLAIN_DISPLAY);

  assert_styled (SKY_EXPLAIN_DISPLAY,
                 "3 × 730 Hour × 0.20 EUR/Hour = 438.00 EUR − 10 % = 394.20 EUR × 1.1 USD/EUR "
                 "(2026-11-01) = 433.62 USD",
                 "2 × 730 Hour (a commitment bills every hour) × 0.0296 USD/Hour = 43.216 USD ≈ "
                 "43.22 USD; upfront 2 × 259.00 USD = 518.00 USD, over 12 months; amortised "
                 "43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month; break-even at 449.91 hours a "
                 "month against 0.096 USD/Hour on demand; over the 12-month term, 43.22 USD × 12 "
                 "+ 518.00 USD × 1 = 1036.64 USD",
                 "1 × 2000 GB = 2000 GB = 1862.64514923095703125 GiB (× 10⁹ / 2³⁰) × 0.10 "
                 "USD/GiB = 186.264514923095703125 USD ≈ 186.26 USD");
  g_assert_cmpstr (hours, ==, "1449.91");
}

/* In English: the dollar's and the euro's symbols before the figures, commas between thousands,
 * an exact quotient with every digit. */
static void
test_display_english (void)
{
  SkyPriceStep s;

  if (!sky_test_use_locale ("en_US.UTF-8"))
    return;
  assert_styled (SKY_EXPLAIN_DISPLAY,
                 "3 × 730 Hour × €0.20/Hour = €438.00 − 10 % = €394.20 × 1.1 USD/EUR "
                 "(2026-11-01) = $433.62",
                 "2 × 730 Hour (a commitment bills every hour) × $0.0296/Hour = $43.216 ≈ $43.22; "
                 "upfront 2 × $259.00 = $518.00, over 12 months; amortised $43.216 + $518.00 / 12 "
                 "≈ $86.38 a month; break-even at 449.91 hours a month against $0.096/Hour on "
                 "demand; over the 12-month term, $43.22 × 12 + $518.00 × 1 = $1,036.64",
                 "1 × 2,000 GB = 2,000 GB = 1,862.64514923095703125 GiB (× 10⁹ / 2³⁰) × "
                 "$0.10/GiB = $186.264514923095703125 ≈ $186.26");
  /* A ratio's factor is a number too. */
  s = make (SKY_PRICE_STEP_CONVERT);
  s.quantity = dec ("2000");
  s.result = dec ("1862.64514923095703125");
  s.factor = dec ("3865470566400");
  s.price = dec ("1000000000");
  s.from_unit = g_intern_static_string ("gb-hour");
  s.unit = g_intern_static_string ("gib-second");
  s.approximate = TRUE;
  {
    g_autoptr(GArray) steps = sky_price_steps_new ();
    g_autofree char *text = NULL;

    g_array_append_val (steps, s);
    text = sky_explain_format (steps, SKY_EXPLAIN_DISPLAY);
    g_assert_cmpstr (text, ==, " = 2,000 GB-hour ≈ 1,862.64514923095703125 GiB-second "
                               "(× 3,600 × 2³⁰ / 10⁹)");
  }
  setlocale (LC_ALL, "");
}

/* In German: a comma before the decimals, points between thousands, the symbols after the
 * figures; the exact quotient keeps every digit. */
static void
test_display_german (void)
{
  g_autofree char *hours = NULL;

  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  assert_styled (SKY_EXPLAIN_DISPLAY,
                 "3 × 730 Hour × 0,20 €/Hour = 438,00 € − 10 % = 394,20 € × 1,1 USD/EUR "
                 "(2026-11-01) = 433,62 $",
                 "2 × 730 Hour (a commitment bills every hour) × 0,0296 $/Hour = 43,216 $ ≈ "
                 "43,22 $; upfront 2 × 259,00 $ = 518,00 $, over 12 months; amortised 43,216 $ + "
                 "518,00 $ / 12 ≈ 86,38 $ a month; break-even at 449,91 hours a month against "
                 "0,096 $/Hour on demand; over the 12-month term, 43,22 $ × 12 + 518,00 $ × 1 = "
                 "1.036,64 $",
                 "1 × 2.000 GB = 2.000 GB = 1.862,64514923095703125 GiB (× 10⁹ / 2³⁰) × "
                 "0,10 $/GiB = 186,264514923095703125 $ ≈ 186,26 $");
  hours = sky_explain_hours (dec ("1449.9097"), SKY_EXPLAIN_DISPLAY);
  g_assert_cmpstr (hours, ==, "1.449,91");
  setlocale (LC_ALL, "");
}

/* Every unit a price can be per is named by its title, never by the id files write. */
static void
test_unit_titles (void)
{
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
    {
      const SkyUnit *unit = sky_unit_nth (i);
      SkyPriceStep s = make (SKY_PRICE_STEP_RATE);
      g_autofree char *expected = NULL;

      s.price = dec ("0.5");
      s.unit = g_intern_string (unit->word.id);
      expected = g_strdup_printf (" × 0.5 USD/%s", unit->word.title);
      ASSERT_EXPLAINS (s, expected);
    }
}

/* A commitment priced per month for a line counted in hours shows the hours as months: the
 * scenario's hours a month are one month of the price. */
static void
test_monthly_commitment (void)
{
  g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
  g_autoptr(GArray) steps = sky_price_steps_new ();
  SkyPriceTerms t = { 0 };
  SkyPricedLine out;
  g_autofree char *text = NULL;
  SkyPriceStep s;

  t.unit = g_intern_static_string ("month");
  t.line_unit = g_intern_static_string ("hour");
  t.currency = g_intern_static_string ("USD");
  t.amount = dec ("44.02649564");
  t.free_units = t.discount = t.rate = t.upfront_fee = sky_decimal_from_int (0);
  t.term_months = 36;
  t.committed = TRUE;
  t.monthly_commitment = TRUE;
  t.has_on_demand = TRUE;
  t.on_demand = dec ("0.13402284");
  sky_pricing_price_line (pricing, &t, dec ("3"), dec ("730"), &out, steps);
  sky_pricing_term_total (pricing, &out, 36, 36, steps);
  text = sky_explain_steps (steps);
  g_assert_cmpstr (text, ==,
                   "3 × 730 Hour = 3 Month (730 Hour a month; a commitment bills every month) × "
                   "44.02649564 USD/Month = 132.07948692 USD ≈ 132.08 USD; break-even at 328.50 "
                   "hours a month against 0.13402284 USD/Hour on demand; over the 36-month term, "
                   "132.08 USD × 36 = 4754.88 USD");

  s = make (SKY_PRICE_STEP_MONTHS);
  s.quantity = dec ("1440");
  s.usage = dec ("720");
  s.result = dec ("2");
  s.unit = g_intern_static_string ("month");
  s.from_unit = g_intern_static_string ("hour");
  ASSERT_EXPLAINS (s, " = 2 Month (720 Hour a month; a commitment bills every month)");
}

/* A memo writes each line as sky_explain_format() does, in either style, whether its steps
 * were seen before or not: lines priced alike, lines after others of the same price (their
 * units used above differ), and steps that differ in a single field. */
static void
test_memo (void)
{
  static const char * const quantities[] = { "3", "3", "2", "3", "5", "2" };
  SkyExplainStyle styles[] = { SKY_EXPLAIN_PLAIN, SKY_EXPLAIN_DISPLAY };

  for (gsize k = 0; k < G_N_ELEMENTS (styles); k++)
    {
      g_autoptr(SkyPricing) pricing = sky_pricing_new ("USD", dec ("730"));
      g_autoptr(SkyExplainMemo) memo = sky_explain_memo_new (styles[k]);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      SkyPriceTerms t = { 0 };

      t.unit = g_intern_static_string ("gb");
      t.currency = g_intern_static_string ("USD");
      t.amount = dec ("0.09");
      t.free_units = dec ("100");
      t.discount = t.rate = t.upfront_fee = t.on_demand = sky_decimal_from_int (0);
      for (gsize i = 0; i < G_N_ELEMENTS (quantities); i++)
        {
          GArray *steps = sky_price_steps_new ();
          SkyPricedLine out;

          /* Every other line in a slot of its own: those after the first count units above. */
          t.slot = i % 2;
          sky_pricing_price_line (pricing, &t, dec (quantities[i]), dec ("1000"), &out, steps);
          sky_pricing_term_total (pricing, &out, 12, 12, steps);
          g_ptr_array_add (lines, steps);
        }
      {
        GArray *steps = sky_price_steps_new ();
        SkyPriceStep a = make (SKY_PRICE_STEP_COST), b = make (SKY_PRICE_STEP_COST);

        a.result = b.result = dec ("12.5");
        b.approximate = TRUE;
        g_array_append_val (steps, a);
        g_array_append_val (steps, b);
        b.currency = g_intern_static_string ("EUR");
        g_array_append_val (steps, b);
        g_ptr_array_add (lines, steps);
      }

      for (guint round = 0; round < 2; round++)
        for (guint i = 0; i < lines->len; i++)
          {
            GArray *steps = g_ptr_array_index (lines, i);
            g_autofree char *expected = sky_explain_format (steps, styles[k]);
            g_autofree char *text = sky_explain_memo_format (memo, steps);

            g_assert_cmpstr (text, ==, expected);
          }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/explain/each-step", test_each_step);
  g_test_add_func ("/sky/explain/lines", test_lines);
  g_test_add_func ("/sky/explain/monthly-commitment", test_monthly_commitment);
  g_test_add_func ("/sky/explain/conversion", test_conversion);
  g_test_add_func ("/sky/explain/hours", test_hours);
  g_test_add_func ("/sky/explain/rules", test_rules);
  g_test_add_func ("/sky/explain/plain", test_plain);
  g_test_add_func ("/sky/explain/display-c", test_display_c);
  g_test_add_func ("/sky/explain/display-english", test_display_english);
  g_test_add_func ("/sky/explain/display-german", test_display_german);
  g_test_add_func ("/sky/explain/unit-titles", test_unit_titles);
  g_test_add_func ("/sky/explain/memo", test_memo);

  return g_test_run ();
}
