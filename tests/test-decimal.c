/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "sky-currency.h"
#include "sky-decimal.h"

/* Macros rather than functions, so that a failure reports the line of the case that failed. */
#define assert_decimal_text(value, expected)                       \
  G_STMT_START                                                     \
    {                                                              \
      g_autofree char *text_ = sky_decimal_to_string (value);      \
      g_assert_cmpstr (text_, ==, (expected));                     \
    }                                                              \
  G_STMT_END

#define assert_parse_error(text, max_scale, allow_negative, code)                    \
  G_STMT_START                                                                       \
    {                                                                                \
      g_autoptr(GError) error_ = NULL;                                               \
      SkyDecimal value_ = { 0, 0 };                                                  \
      gboolean ok_ = sky_decimal_parse ((text), (max_scale), (allow_negative),       \
                                        &value_, &error_);                           \
      g_assert_error (error_, SKY_DECIMAL_ERROR, (code));                            \
      g_assert_false (ok_);                                                          \
    }                                                                                \
  G_STMT_END

/* Parses a number the test itself supplies; any scale the type holds, negatives allowed. */
static SkyDecimal
dec (const char *text)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal value = { 0, 0 };
  gboolean ok;

  ok = sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, TRUE, &value, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return value;
}

static SkyDecimal
mul (SkyDecimal a,
     SkyDecimal b)
{
  SkyDecimal r = { 0, 0 };

  g_assert_true (sky_decimal_mul (a, b, &r));
  return r;
}

static SkyDecimal
add (SkyDecimal a,
     SkyDecimal b)
{
  SkyDecimal r = { 0, 0 };

  g_assert_true (sky_decimal_add (a, b, &r));
  return r;
}

/* 99999999999999999999999999999999999990: close to the top of the 128-bit range (≈1.7 × 10^38),
 * built by multiplication because the parser accepts 37 significant digits at most. */
static SkyDecimal
huge (void)
{
  return mul (dec ("9999999999999999999999999999999999999"), sky_decimal_from_int (10));
}

static void
test_parse_valid (void)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal v = { 1, 1 };

  g_assert_true (sky_decimal_parse ("0", SKY_PRICE_SCALE, FALSE, &v, &error));
  g_assert_no_error (error);
  g_assert_true (v.coef == 0);
  g_assert_cmpuint (v.scale, ==, 0);

  g_assert_true (sky_decimal_parse ("0.0000166667", SKY_PRICE_SCALE, FALSE, &v, &error));
  g_assert_no_error (error);
  g_assert_true (v.coef == 166667);
  g_assert_cmpuint (v.scale, ==, 10);

  g_assert_true (sky_decimal_parse ("12.50", SKY_PRICE_SCALE, FALSE, &v, &error));
  g_assert_no_error (error);
  g_assert_true (v.coef == 1250);
  g_assert_cmpuint (v.scale, ==, 2);

  g_assert_true (sky_decimal_parse ("1234567.0123456789", SKY_PRICE_SCALE, FALSE, &v, &error));
  g_assert_no_error (error);
  g_assert_true (v.coef == 12345670123456789);
  g_assert_cmpuint (v.scale, ==, 10);
}

static void
test_to_string_canonical (void)
{
  assert_decimal_text (dec ("0"), "0");
  assert_decimal_text (dec ("0.0"), "0");
  assert_decimal_text (dec ("12.50"), "12.5");
  assert_decimal_text (dec ("1.000"), "1");
  assert_decimal_text (dec ("100"), "100");
  assert_decimal_text (dec ("0.0000166667"), "0.0000166667");
  assert_decimal_text (dec ("1234567.0123456789"), "1234567.0123456789");
  assert_decimal_text (dec ("-0.50"), "-0.5");

}

static void
test_to_string_round_trip (void)
{
  static const char * const inputs[] = {
    "0", "0.0000166667", "12.50", "1234567.0123456789", "-0.50", "100",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      SkyDecimal value = dec (inputs[i]);
      g_autofree char *text = sky_decimal_to_string (value);

      g_assert_cmpint (sky_decimal_compare (dec (text), value), ==, 0);
    }
}

static void
test_format_min_scale (void)
{
  g_autofree char *twelve_fifty = sky_decimal_format (dec ("12.50"), 2);
  g_autofree char *twelve_five = sky_decimal_format (dec ("12.50"), 0);
  g_autofree char *seven = sky_decimal_format (dec ("7"), 2);
  g_autofree char *zero = sky_decimal_format (dec ("0"), 2);
  g_autofree char *minus_half = sky_decimal_format (dec ("-0.5"), 2);
  g_autofree char *longer = sky_decimal_format (dec ("12.345"), 2);
  g_autofree char *tiny = sky_decimal_format (dec ("0.0000166667"), 2);

  g_assert_cmpstr (twelve_fifty, ==, "12.50");
  g_assert_cmpstr (twelve_five, ==, "12.5");
  g_assert_cmpstr (seven, ==, "7.00");
  g_assert_cmpstr (zero, ==, "0.00");
  g_assert_cmpstr (minus_half, ==, "-0.50");
  /* A minimum, never a rounding. */
  g_assert_cmpstr (longer, ==, "12.345");
  g_assert_cmpstr (tiny, ==, "0.0000166667");
}

static void
test_parse_invalid (void)
{
  assert_parse_error ("", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error (".", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1.", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error (".5", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("abc", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1e5", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1E5", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1,000", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1,5", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("+1", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error (" 1", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1 ", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("1.2.3", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("-", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("--1", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("0x10", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
  assert_parse_error ("inf", SKY_PRICE_SCALE, TRUE, SKY_DECIMAL_ERROR_INVALID);
}

static void
test_parse_negative_refused (void)
{
  assert_parse_error ("-1", SKY_PRICE_SCALE, FALSE, SKY_DECIMAL_ERROR_NEGATIVE);
  assert_parse_error ("-0.0000166667", SKY_PRICE_SCALE, FALSE, SKY_DECIMAL_ERROR_NEGATIVE);
}

static void
test_parse_negative_allowed (void)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal v = { 0, 0 };

  g_assert_true (sky_decimal_parse ("-1", SKY_PRICE_SCALE, TRUE, &v, &error));
  g_assert_no_error (error);
  assert_decimal_text (v, "-1");

  g_assert_true (sky_decimal_parse ("-12.50", SKY_PRICE_SCALE, TRUE, &v, &error));
  g_assert_no_error (error);
  assert_decimal_text (v, "-12.5");
  g_assert_cmpint (sky_decimal_compare (v, sky_decimal_from_int (0)), <, 0);
}

static void
test_parse_too_precise (void)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal v = { 0, 0 };

  /* Eleven fractional digits: refused, not rounded. */
  assert_parse_error ("0.00000000001", SKY_PRICE_SCALE, FALSE, SKY_DECIMAL_ERROR_TOO_PRECISE);
  assert_parse_error ("1.12345678901", SKY_PRICE_SCALE, FALSE, SKY_DECIMAL_ERROR_TOO_PRECISE);
  assert_parse_error ("12.505", 2, FALSE, SKY_DECIMAL_ERROR_TOO_PRECISE);

  /* Ten is the limit and is accepted. */
  g_assert_true (sky_decimal_parse ("1.1234567890", SKY_PRICE_SCALE, FALSE, &v, &error));
  g_assert_no_error (error);
  assert_decimal_text (v, "1.123456789");
}

static void
test_parse_too_many_digits (void)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal v = { 0, 0 };

  /* 38 significant digits do not fit the parser's range; 37 do. */
  assert_parse_error ("10000000000000000000000000000000000000", SKY_PRICE_SCALE, FALSE,
                      SKY_DECIMAL_ERROR_OVERFLOW);
  g_assert_true (sky_decimal_parse ("1000000000000000000000000000000000000", SKY_PRICE_SCALE,
                                    FALSE, &v, &error));
  g_assert_no_error (error);
  assert_decimal_text (v, "1000000000000000000000000000000000000");
}

static void
test_add_exact (void)
{
  SkyDecimal sum = add (dec ("0.1"), dec ("0.2"));

  assert_decimal_text (sum, "0.3");
  g_assert_cmpint (sky_decimal_compare (sum, dec ("0.3")), ==, 0);

  assert_decimal_text (add (dec ("0.0000000001"), dec ("999999999.9999999999")), "1000000000");
  assert_decimal_text (add (dec ("-12.5"), dec ("12.50")), "0");
}

static void
test_sub_exact (void)
{
  SkyDecimal d = { 0, 0 };

  g_assert_true (sky_decimal_sub (dec ("0.3"), dec ("0.1"), &d));
  assert_decimal_text (d, "0.2");

  g_assert_true (sky_decimal_sub (dec ("1"), dec ("1.0000000001"), &d));
  assert_decimal_text (d, "-0.0000000001");

  g_assert_true (sky_decimal_sub (dec ("210.24"), dec ("210.240"), &d));
  g_assert_true (sky_decimal_is_zero (d));
}

static void
test_mul_exact (void)
{
  /* Three instances for 730 hours at 0.0960 an hour. */
  assert_decimal_text (mul (mul (sky_decimal_from_int (3), sky_decimal_from_int (730)),
                            dec ("0.0960")),
                       "210.24");

  /* 10^8 requests at 0.0000166667: 1666.67 exactly, where double gives 1666.6700031888. */
  assert_decimal_text (mul (sky_decimal_from_int (100000000), dec ("0.0000166667")), "1666.67");

  assert_decimal_text (mul (dec ("-2"), dec ("0.5")), "-1");
  assert_decimal_text (mul (dec ("0.1"), dec ("0.1")), "0.01");
}

static void
test_mul_overflow (void)
{
  SkyDecimal r = { 0, 0 };

  /* Two 30-digit numbers: the product has about 60 digits. */
  g_assert_false (sky_decimal_mul (dec ("123456789012345678901234567890"),
                                   dec ("987654321098765432109876543210"), &r));
  g_assert_false (sky_decimal_mul (huge (), sky_decimal_from_int (2), &r));
  g_assert_false (sky_decimal_mul (huge (), sky_decimal_from_int (-2), &r));
}

static void
test_add_overflow (void)
{
  SkyDecimal r = { 0, 0 };
  SkyDecimal minus_huge = mul (huge (), sky_decimal_from_int (-1));

  g_assert_false (sky_decimal_add (huge (), huge (), &r));
  g_assert_false (sky_decimal_add (minus_huge, minus_huge, &r));
  /* Aligning the scales overflows too: 99999999999999999999999999999999999990.5 does not fit. */
  g_assert_false (sky_decimal_add (huge (), dec ("0.5"), &r));
}

/* The arithmetic of a chain: each step's result while it fits; once one does not, 0 and the
 * flag set, and the flag stays set through steps that fit. */
static void
test_or_flag (void)
{
  gboolean overflow = FALSE;
  SkyDecimal r;

  r = sky_decimal_add_or_flag (dec ("1.25"), dec ("2.5"), &overflow);
  g_assert_false (overflow);
  assert_decimal_text (r, "3.75");
  r = sky_decimal_sub_or_flag (dec ("1.25"), dec ("2.5"), &overflow);
  g_assert_false (overflow);
  assert_decimal_text (r, "-1.25");
  r = sky_decimal_mul_or_flag (dec ("1.5"), dec ("0.20"), &overflow);
  g_assert_false (overflow);
  assert_decimal_text (r, "0.3");

  r = sky_decimal_mul_or_flag (huge (), dec ("10"), &overflow);
  g_assert_true (overflow);
  g_assert_cmpint (sky_decimal_compare (r, sky_decimal_from_int (0)), ==, 0);
  r = sky_decimal_add_or_flag (dec ("1"), dec ("1"), &overflow);
  g_assert_true (overflow);
  assert_decimal_text (r, "2");

  overflow = FALSE;
  r = sky_decimal_add_or_flag (huge (), huge (), &overflow);
  g_assert_true (overflow);
  g_assert_cmpint (sky_decimal_compare (r, sky_decimal_from_int (0)), ==, 0);
  overflow = FALSE;
  r = sky_decimal_sub_or_flag (mul (huge (), sky_decimal_from_int (-1)), huge (), &overflow);
  g_assert_true (overflow);
  g_assert_cmpint (sky_decimal_compare (r, sky_decimal_from_int (0)), ==, 0);
}

/* The text drops trailing zeros whatever the scale; a stored price reads back in its
 * fewest digits, down to the smallest step a price has. */
static void
test_to_string_shortest_and_price (void)
{
  SkyDecimal wide = sky_decimal_from_scaled (125000, 5);
  g_autofree char *wide_text = sky_decimal_to_string (wide);
  g_autofree char *whole = sky_decimal_to_string (sky_decimal_from_scaled (1200, 2));
  g_autofree char *zero = sky_decimal_to_string (sky_decimal_from_scaled (0, 4));
  g_autofree char *price = sky_decimal_to_string (sky_decimal_from_price (960000000));
  g_autofree char *smallest = sky_decimal_to_string (sky_decimal_from_price (1));
  SkyDecimal stored = sky_decimal_from_price (960000000);

  g_assert_cmpstr (wide_text, ==, "1.25");
  g_assert_cmpstr (whole, ==, "12");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (price, ==, "0.096");
  g_assert_cmpuint (stored.scale, ==, 3);
  g_assert_cmpstr (smallest, ==, "0.0000000001");
}

static void
test_sub_overflow (void)
{
  SkyDecimal r = { 0, 0 };
  SkyDecimal minus_huge = mul (huge (), sky_decimal_from_int (-1));

  g_assert_false (sky_decimal_sub (minus_huge, huge (), &r));
  g_assert_false (sky_decimal_sub (huge (), minus_huge, &r));
}

/* -2^127, the smallest value the type holds, reached by a legal multiplication. */
static SkyDecimal
int128_min (void)
{
  return mul (sky_decimal_from_int (G_MININT64), dec ("18446744073709551616"));
}

static void
test_sub_overflow_minimum (void)
{
  SkyDecimal min = int128_min ();
  SkyDecimal r = { 0, 0 };

  assert_decimal_text (min, "-170141183460469231731687303715884105728");
  /* 0 - (-2^127) = 2^127 does not fit: must be reported, not wrapped. */
  g_assert_false (sky_decimal_sub (sky_decimal_from_int (0), min, &r));
}

static void
test_compare (void)
{
  SkyDecimal minus_huge = mul (huge (), sky_decimal_from_int (-1));

  g_assert_cmpint (sky_decimal_compare (dec ("1.5"), dec ("1.50")), ==, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("0.1"), dec ("0.1000000000")), ==, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("1.49"), dec ("1.5")), <, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("1.5"), dec ("1.49")), >, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("-2"), dec ("1")), <, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("-1.5"), dec ("-1.4")), <, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("0.0000000001"), dec ("0")), >, 0);

  /* Where the difference itself overflows, the order must still be right. */
  g_assert_cmpint (sky_decimal_compare (huge (), dec ("0.5")), >, 0);
  g_assert_cmpint (sky_decimal_compare (dec ("0.5"), huge ()), <, 0);
  g_assert_cmpint (sky_decimal_compare (minus_huge, dec ("0.5")), <, 0);
  g_assert_cmpint (sky_decimal_compare (huge (), minus_huge), >, 0);
  g_assert_cmpint (sky_decimal_compare (minus_huge, huge ()), <, 0);
}

static void
test_compare_minimum (void)
{
  SkyDecimal min = int128_min ();

  g_assert_cmpint (sky_decimal_compare (sky_decimal_from_int (0), min), >, 0);
  g_assert_cmpint (sky_decimal_compare (min, sky_decimal_from_int (0)), <, 0);
}

static void
test_round_half_up (void)
{
  assert_decimal_text (sky_decimal_round (dec ("2.345"), 2, SKY_ROUND_HALF_UP), "2.35");
  assert_decimal_text (sky_decimal_round (dec ("-2.345"), 2, SKY_ROUND_HALF_UP), "-2.35");
  /* printf ("%.2f", 1.005) prints 1.00. */
  assert_decimal_text (sky_decimal_round (dec ("1.005"), 2, SKY_ROUND_HALF_UP), "1.01");
  assert_decimal_text (sky_decimal_round (dec ("2.3449999999"), 2, SKY_ROUND_HALF_UP), "2.34");
  assert_decimal_text (sky_decimal_round (dec ("0.5"), 0, SKY_ROUND_HALF_UP), "1");
  assert_decimal_text (sky_decimal_round (dec ("-0.5"), 0, SKY_ROUND_HALF_UP), "-1");
  assert_decimal_text (sky_decimal_round (dec ("-0.4"), 0, SKY_ROUND_HALF_UP), "0");
  /* Already coarser than asked: unchanged. */
  assert_decimal_text (sky_decimal_round (dec ("2.3"), 2, SKY_ROUND_HALF_UP), "2.3");
}

static void
test_round_half_even (void)
{
  assert_decimal_text (sky_decimal_round (dec ("2.345"), 2, SKY_ROUND_HALF_EVEN), "2.34");
  assert_decimal_text (sky_decimal_round (dec ("2.355"), 2, SKY_ROUND_HALF_EVEN), "2.36");
  assert_decimal_text (sky_decimal_round (dec ("-2.345"), 2, SKY_ROUND_HALF_EVEN), "-2.34");
  assert_decimal_text (sky_decimal_round (dec ("-2.355"), 2, SKY_ROUND_HALF_EVEN), "-2.36");
  assert_decimal_text (sky_decimal_round (dec ("1.005"), 2, SKY_ROUND_HALF_EVEN), "1");
  /* Only an exact half goes to even; above half still rounds up. */
  assert_decimal_text (sky_decimal_round (dec ("2.3450000001"), 2, SKY_ROUND_HALF_EVEN), "2.35");
  assert_decimal_text (sky_decimal_round (dec ("0.5"), 0, SKY_ROUND_HALF_EVEN), "0");
  assert_decimal_text (sky_decimal_round (dec ("1.5"), 0, SKY_ROUND_HALF_EVEN), "2");
}

static void
test_currency_lookup (void)
{
  guint minor = 99;

  g_assert_true (sky_currency_lookup ("USD", &minor));
  g_assert_cmpuint (minor, ==, 2);
  g_assert_true (sky_currency_lookup ("JPY", &minor));
  g_assert_cmpuint (minor, ==, 0);
  g_assert_true (sky_currency_lookup ("KWD", &minor));
  g_assert_cmpuint (minor, ==, 3);

  minor = 99;
  g_assert_false (sky_currency_lookup ("XYZ", &minor));
  g_assert_false (sky_currency_lookup ("usd", &minor));
  g_assert_false (sky_currency_lookup ("", &minor));
  g_assert_false (sky_currency_lookup ("USDX", &minor));
  g_assert_cmpuint (minor, ==, 99);
}

static void
test_currency_round (void)
{
  assert_decimal_text (sky_currency_round ("USD", dec ("70.075")), "70.08");
  assert_decimal_text (sky_currency_round ("USD", dec ("70.0849999999")), "70.08");
  assert_decimal_text (sky_currency_round ("USD", dec ("-70.075")), "-70.08");
  assert_decimal_text (sky_currency_round ("JPY", dec ("1234.5")), "1235");
  assert_decimal_text (sky_currency_round ("JPY", dec ("1234.4999")), "1234");
  assert_decimal_text (sky_currency_round ("KWD", dec ("12.3455")), "12.346");
  assert_decimal_text (sky_currency_round ("KWD", dec ("12.3454")), "12.345");
}

static void
test_currency_format (void)
{
  g_autofree char *usd = sky_currency_format ("USD", dec ("70.1"));
  g_autofree char *usd_rounded = sky_currency_format ("USD", dec ("70.0950000001"));
  g_autofree char *usd_negative = sky_currency_format ("USD", dec ("-3"));
  g_autofree char *jpy = sky_currency_format ("JPY", dec ("1234.5"));
  g_autofree char *kwd = sky_currency_format ("KWD", dec ("5"));
  g_autofree char *kwd_rounded = sky_currency_format ("KWD", dec ("12.3455"));

  g_assert_cmpstr (usd, ==, "70.10");
  g_assert_cmpstr (usd_rounded, ==, "70.10");
  g_assert_cmpstr (usd_negative, ==, "-3.00");
  g_assert_cmpstr (jpy, ==, "1235");
  g_assert_cmpstr (kwd, ==, "5.000");
  g_assert_cmpstr (kwd_rounded, ==, "12.346");
}

static void
test_to_scaled_int64 (void)
{
  gint64 v = 0;

  g_assert_true (sky_decimal_to_scaled_int64 (dec ("0.0000166667"), SKY_PRICE_SCALE, &v));
  g_assert_cmpint (v, ==, 166667);
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("12.50"), SKY_PRICE_SCALE, &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (125000000000));
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("-1"), SKY_PRICE_SCALE, &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (-10000000000));
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("0"), SKY_PRICE_SCALE, &v));
  g_assert_cmpint (v, ==, 0);
  /* Trailing zeros beyond the scale are not digits that matter. */
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("1.000000000000"), SKY_PRICE_SCALE, &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (10000000000));
  /* The ends of the int64 range are reachable. */
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("922337203.6854775807"), SKY_PRICE_SCALE,
                                              &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_true (sky_decimal_to_scaled_int64 (dec ("-922337203.6854775808"), SKY_PRICE_SCALE,
                                              &v));
  g_assert_cmpint (v, ==, G_MININT64);
}

/* The short path from text to a scaled count gives what the long one gives, or leaves the text to
 * it. */
static void
test_parse_plain_scaled (void)
{
  static const struct
  {
    const char *text;
    guint       scale;
    gboolean    taken;
    gint64      value;
  } cases[] = {
    { "0", 10, TRUE, 0 },
    { "0.0000166667", 10, TRUE, 166667 },
    { "12.50", 10, TRUE, G_GINT64_CONSTANT (125000000000) },
    { "007.5", 3, TRUE, 7500 },
    { "99999999.9999999999", 10, TRUE, G_GINT64_CONSTANT (999999999999999999) },
    { "64", 3, TRUE, 64000 },
    { "3", 0, TRUE, 3 },
    { "123456789", 10, FALSE, 0 },      /* 19 digits once scaled: the long path decides */
    /* More digits than a 64-bit count holds, read without overflowing on the way. */
    { "99999999999999999999999999", 0, FALSE, 0 },
    { "0.00000000001", 10, FALSE, 0 },  /* more fractional digits than the scale */
    { "1.5", 0, FALSE, 0 },
    { "1.", 10, FALSE, 0 },
    { ".5", 10, FALSE, 0 },
    { "-1", 10, FALSE, 0 },
    { "-0", 10, FALSE, 0 },
    { "", 10, FALSE, 0 },
    { "1e5", 10, FALSE, 0 },
    { "1.2.3", 10, FALSE, 0 },
    { " 1", 10, FALSE, 0 },
  };
  static const char alphabet[] = "0123456789.-";
  static const guint scales[] = { 0, 3, 10 };
  GRand *rand = g_rand_new_with_seed (20261122);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 v = -1;

      g_assert_cmpint (sky_decimal_parse_plain_scaled (cases[i].text, cases[i].scale, &v), ==,
                       cases[i].taken);
      if (cases[i].taken)
        g_assert_cmpint (v, ==, cases[i].value);
    }

  /* Whatever it takes, the long path reads the same way. */
  for (int n = 0; n < 100000; n++)
    {
      char text[24];
      int len = g_rand_int_range (rand, 1, sizeof text);
      guint scale = scales[g_rand_int_range (rand, 0, G_N_ELEMENTS (scales))];
      gint64 quick = 0, slow = 0;
      SkyDecimal d;

      for (int k = 0; k < len; k++)
        text[k] = alphabet[g_rand_int_range (rand, 0, k == 0 ? 10 : sizeof alphabet - 1)];
      text[len] = '\0';
      if (!sky_decimal_parse_plain_scaled (text, scale, &quick))
        continue;
      g_assert_true (sky_decimal_parse (text, scale, FALSE, &d, NULL));
      g_assert_true (sky_decimal_to_scaled_int64 (d, scale, &slow));
      g_assert_cmpint (quick, ==, slow);
    }
  g_rand_free (rand);
}

static void
test_to_scaled_int64_refused (void)
{
  gint64 v = 0;

  /* More fractional digits than the scale: refused rather than rounded. */
  g_assert_false (sky_decimal_to_scaled_int64 (dec ("0.00000000001"), SKY_PRICE_SCALE, &v));
  g_assert_false (sky_decimal_to_scaled_int64 (dec ("12.505"), 2, &v));
  /* Beyond int64 once scaled. */
  g_assert_false (sky_decimal_to_scaled_int64 (dec ("922337203.6854775808"), SKY_PRICE_SCALE,
                                               &v));
  g_assert_false (sky_decimal_to_scaled_int64 (dec ("-922337203.6854775809"), SKY_PRICE_SCALE,
                                               &v));
  g_assert_false (sky_decimal_to_scaled_int64 (dec ("1000000000"), SKY_PRICE_SCALE, &v));
}

/* A bill as the engine computes it: unit prices from the catalog (int64 at scale 10) times
 * quantities, summed exactly, rounded once at the end. */
static void
test_reconcile_total (void)
{
  static const struct
  {
    gint64      price;     /* units of 10^-10 */
    const char *quantity;
  } lines[] = {
    { 960000000, "2190" },          /* 0.0960 × 3 instances × 730 h = 210.24 */
    { 166667, "100000000" },        /* 0.0000166667 × 10^8 requests = 1666.67 */
    { 230000000, "1234.567" },      /* 0.023 × 1234.567 GB-month = 28.395041 */
  };
  SkyDecimal total = sky_decimal_from_int (0);
  SkyDecimal rounded_lines = sky_decimal_from_int (0);
  g_autofree char *shown = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      SkyDecimal price = sky_decimal_from_scaled (lines[i].price, SKY_PRICE_SCALE);
      total = add (total, mul (price, dec (lines[i].quantity)));
    }
  /* A thousand small lines of 0.0049 each: 0.00 when each is rounded, 4.90 together. */
  for (guint i = 0; i < 1000; i++)
    {
      SkyDecimal line = mul (sky_decimal_from_scaled (49000000, SKY_PRICE_SCALE), dec ("1"));
      total = add (total, line);
      rounded_lines = add (rounded_lines, sky_currency_round ("USD", line));
    }

  /* 210.24 + 1666.67 + 28.395041 + 4.9, by hand. */
  assert_decimal_text (total, "1910.205041");
  assert_decimal_text (sky_currency_round ("USD", total), "1910.21");
  shown = sky_currency_format ("USD", total);
  g_assert_cmpstr (shown, ==, "1910.21");
  /* Rounding each line first would have lost the 4.90. */
  assert_decimal_text (rounded_lines, "0");
}

static void
assert_div (const char  *a,
            const char  *b,
            guint        scale,
            SkyRounding  rounding,
            const char  *expected)
{
  SkyDecimal x, y, q;
  g_autofree char *text = NULL;

  g_assert_true (sky_decimal_parse (a, 10, TRUE, &x, NULL));
  g_assert_true (sky_decimal_parse (b, 10, TRUE, &y, NULL));
  g_assert_true (sky_decimal_div (x, y, scale, rounding, &q));
  text = sky_decimal_format (q, scale);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_div (void)
{
  SkyDecimal q;

  assert_div ("0.096", "2", 6, SKY_ROUND_HALF_UP, "0.048000");
  assert_div ("1", "3", 6, SKY_ROUND_HALF_UP, "0.333333");
  assert_div ("2", "3", 2, SKY_ROUND_HALF_UP, "0.67");
  assert_div ("-2", "3", 2, SKY_ROUND_HALF_UP, "-0.67");
  assert_div ("0.2520", "32", 6, SKY_ROUND_HALF_UP, "0.007875");
  /* Exactly half: away from zero, or to the even neighbour. */
  assert_div ("1", "8", 2, SKY_ROUND_HALF_UP, "0.13");
  assert_div ("1", "8", 2, SKY_ROUND_HALF_EVEN, "0.12");
  assert_div ("1.5", "0.25", 0, SKY_ROUND_HALF_UP, "6");
  g_assert_false (sky_decimal_div (sky_decimal_from_int (1), sky_decimal_from_int (0), 2,
                                   SKY_ROUND_HALF_UP, &q));
}

/* Thousands separators in the whole part only, after the sign, and none below 1,000. */
static void
test_format_grouped (void)
{
  static const struct { const char *value; guint min_scale; const char *expected; } cases[] = {
    { "0", 0, "0" },
    { "999", 0, "999" },
    { "1000", 0, "1,000" },
    { "12345", 2, "12,345.00" },
    { "123456.5", 2, "123,456.50" },
    { "1234567.125", 0, "1,234,567.125" },
    { "-1234.5", 2, "-1,234.50" },
    { "-999", 0, "-999" },
    { "0.0005", 0, "0.0005" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkyDecimal d;
      g_autofree char *text = NULL;

      g_assert_true (sky_decimal_parse (cases[i].value, 10, TRUE, &d, NULL));
      text = sky_decimal_format_grouped (d, cases[i].min_scale, ",");
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  {
    g_autofree char *text = sky_decimal_format_grouped (dec ("1234567"), 0, "\u202f");
    g_assert_cmpstr (text, ==, "1\u202f234\u202f567");
  }
}

/* The nearest double, whatever the scale. */
static void
test_to_double (void)
{
  g_assert_cmpfloat (sky_decimal_to_double (dec ("0")), ==, 0.0);
  g_assert_cmpfloat (sky_decimal_to_double (dec ("843.61")), ==, 843.61);
  g_assert_cmpfloat (sky_decimal_to_double (dec ("0.0000000001")), ==, 1e-10);
  g_assert_cmpfloat (sky_decimal_to_double (sky_decimal_from_scaled (-125, 2)), ==, -1.25);
  g_assert_cmpfloat (sky_decimal_to_double (sky_decimal_from_int (G_GINT64_CONSTANT (1) << 53)),
                     ==, 9007199254740992.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/decimal/parse-valid", test_parse_valid);
  g_test_add_func ("/sky/decimal/to-string-canonical", test_to_string_canonical);
  g_test_add_func ("/sky/decimal/to-string-round-trip", test_to_string_round_trip);
  g_test_add_func ("/sky/decimal/format-min-scale", test_format_min_scale);
  g_test_add_func ("/sky/decimal/format-grouped", test_format_grouped);
  g_test_add_func ("/sky/decimal/to-double", test_to_double);
  g_test_add_func ("/sky/decimal/parse-invalid", test_parse_invalid);
  g_test_add_func ("/sky/decimal/parse-negative-refused", test_parse_negative_refused);
  g_test_add_func ("/sky/decimal/parse-negative-allowed", test_parse_negative_allowed);
  g_test_add_func ("/sky/decimal/parse-too-precise", test_parse_too_precise);
  g_test_add_func ("/sky/decimal/parse-too-many-digits", test_parse_too_many_digits);
  g_test_add_func ("/sky/decimal/add-exact", test_add_exact);
  g_test_add_func ("/sky/decimal/sub-exact", test_sub_exact);
  g_test_add_func ("/sky/decimal/mul-exact", test_mul_exact);
  g_test_add_func ("/sky/decimal/mul-overflow", test_mul_overflow);
  g_test_add_func ("/sky/decimal/add-overflow", test_add_overflow);
  g_test_add_func ("/sky/decimal/sub-overflow", test_sub_overflow);
  g_test_add_func ("/sky/decimal/or-flag", test_or_flag);
  g_test_add_func ("/sky/decimal/to-string-shortest-and-price", test_to_string_shortest_and_price);
  g_test_add_func ("/sky/decimal/compare", test_compare);
  g_test_add_func ("/sky/decimal/round-half-up", test_round_half_up);
  g_test_add_func ("/sky/decimal/round-half-even", test_round_half_even);
  g_test_add_func ("/sky/decimal/currency-lookup", test_currency_lookup);
  g_test_add_func ("/sky/decimal/currency-round", test_currency_round);
  g_test_add_func ("/sky/decimal/currency-format", test_currency_format);
  g_test_add_func ("/sky/decimal/to-scaled-int64", test_to_scaled_int64);
  g_test_add_func ("/sky/decimal/to-scaled-int64-refused", test_to_scaled_int64_refused);
  g_test_add_func ("/sky/decimal/parse-plain-scaled", test_parse_plain_scaled);
  g_test_add_func ("/sky/decimal/reconcile-total", test_reconcile_total);
  /* Last: these fail on a known bug (negating -2^127), and a failure ends the program. */
  g_test_add_func ("/sky/decimal/sub-overflow-minimum", test_sub_overflow_minimum);
  g_test_add_func ("/sky/decimal/compare-minimum", test_compare_minimum);

  g_test_add_func ("/sky/decimal/div", test_div);

  return g_test_run ();
}
