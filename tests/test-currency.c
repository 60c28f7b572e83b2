/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib.h>

#include "sky-currency.h"
#include "sky-decimal.h"
#include "sky-test-util.h"

static SkyDecimal
dec (const char *text)
{
  g_autoptr(GError) error = NULL;
  SkyDecimal value = { 0, 0 };

  g_assert_true (sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, TRUE, &value, &error));
  g_assert_no_error (error);
  return value;
}

#define assert_display(code, amount, expected)                                   \
  G_STMT_START                                                                   \
    {                                                                            \
      g_autofree char *text_ = sky_currency_format_display ((code), dec (amount)); \
      g_assert_cmpstr (text_, ==, (expected));                                   \
    }                                                                            \
  G_STMT_END

#define assert_text(call, expected)                                              \
  G_STMT_START                                                                   \
    {                                                                            \
      g_autofree char *text_ = (call);                                           \
      g_assert_cmpstr (text_, ==, (expected));                                   \
    }                                                                            \
  G_STMT_END

static void
test_symbols (void)
{
  g_assert_cmpstr (sky_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (sky_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (sky_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (sky_currency_symbol ("JPY"), ==, "¥");
  g_assert_cmpstr (sky_currency_symbol ("CNY"), ==, "CN¥");
  g_assert_cmpstr (sky_currency_symbol ("CAD"), ==, "CA$");
  g_assert_cmpstr (sky_currency_symbol ("AUD"), ==, "A$");
  g_assert_cmpstr (sky_currency_symbol ("INR"), ==, "₹");
  g_assert_cmpstr (sky_currency_symbol ("BRL"), ==, "R$");
  /* Without a symbol read everywhere, and unknown: the code. */
  g_assert_cmpstr (sky_currency_symbol ("CHF"), ==, "CHF");
  g_assert_cmpstr (sky_currency_symbol ("XTS"), ==, "XTS");
}

/* The C locale has no monetary convention: plain figures, the code after them. */
static void
test_display_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C"));

  assert_display ("USD", "1022.32", "1022.32 USD");
  assert_display ("USD", "1022.325", "1022.33 USD");
  assert_display ("JPY", "1234567.5", "1234568 JPY");
  assert_display ("USD", "-5", "-5.00 USD");
  assert_text (sky_currency_format_price_display ("USD", dec ("0.0416")), "0.0416 USD");
  assert_text (sky_format_count (1234567), "1234567");
  assert_text (sky_format_number (dec ("1234.5"), 0), "1234.5");

  setlocale (LC_ALL, "");
}

static void
test_display_english (void)
{
  if (!sky_test_use_locale ("en_US.UTF-8"))
    return;

  assert_display ("USD", "1022.32", "$1,022.32");
  assert_display ("USD", "0.004", "$0.00");
  assert_display ("USD", "999.999", "$1,000.00");
  assert_display ("USD", "1234567890123.45", "$1,234,567,890,123.45");
  assert_display ("USD", "-1022.32", "-$1,022.32");
  assert_display ("EUR", "1022.32", "€1,022.32");
  assert_display ("JPY", "1234567.5", "¥1,234,568");
  assert_display ("KWD", "1.2345", "KWD 1.235");
  assert_display ("CHF", "1022.32", "CHF 1,022.32");
  /* A unit price keeps every digit it has. */
  assert_text (sky_currency_format_price_display ("USD", dec ("1234.0000000416")),
               "$1,234.0000000416");
  assert_text (sky_currency_format_price_display ("USD", dec ("0.1")), "$0.10");
  assert_text (sky_format_count (1000), "1,000");
  assert_text (sky_format_count (999), "999");
  assert_text (sky_format_count (-1234567), "-1,234,567");
  assert_text (sky_format_number (dec ("2048.25"), 0), "2,048.25");

  setlocale (LC_ALL, "");
}

/* A German reader sees a foreign currency placed as the German one is: after the figure. */
static void
test_display_german (void)
{
  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;

  assert_display ("USD", "1022.32", "1.022,32 $");
  assert_display ("EUR", "1022.32", "1.022,32 €");
  assert_display ("EUR", "1234567.891", "1.234.567,89 €");
  assert_display ("USD", "0.5", "0,50 $");
  assert_display ("USD", "-1022.32", "-1.022,32 $");
  assert_display ("JPY", "1022", "1.022 ¥");
  assert_display ("CHF", "12", "12,00 CHF");
  assert_text (sky_currency_format_price_display ("USD", dec ("0.0416")), "0,0416 $");
  assert_text (sky_format_count (1000), "1.000");
  assert_text (sky_format_number (dec ("2048.25"), 0), "2.048,25");

  setlocale (LC_ALL, "");
}

/* What files and the command line write does not follow the locale. */
static void
test_plain_ignores_locale (void)
{
  g_autofree char *plain = NULL;

  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;

  plain = sky_currency_format ("USD", dec ("1022.32"));
  g_assert_cmpstr (plain, ==, "1022.32");

  setlocale (LC_ALL, "");
}

/* Every currency of the table is found, with its minor units, whatever its place; codes that are
 * not in it, before, between and after its codes, are not. */
static void
test_lookup (void)
{
  static const struct
  {
    const char *code;
    guint       minor_units;
  } known[] = {
    { "AED", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "BHD", 3 }, { "BRL", 2 }, { "CAD", 2 },
    { "CHF", 2 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 }, { "CZK", 2 }, { "DKK", 2 },
    { "EGP", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "HKD", 2 }, { "HUF", 2 }, { "IDR", 2 },
    { "ILS", 2 }, { "INR", 2 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KRW", 0 },
    { "KWD", 3 }, { "MXN", 2 }, { "MYR", 2 }, { "NGN", 2 }, { "NOK", 2 }, { "NZD", 2 },
    { "OMR", 3 }, { "PHP", 2 }, { "PLN", 2 }, { "QAR", 2 }, { "RON", 2 }, { "SAR", 2 },
    { "SEK", 2 }, { "SGD", 2 }, { "THB", 2 }, { "TRY", 2 }, { "TWD", 2 }, { "UAH", 2 },
    { "USD", 2 }, { "VND", 0 }, { "ZAR", 2 },
  };
  static const char * const unknown[] = { "AAA", "ABC", "EUS", "USE", "ZZZ", "usd", "", "US" };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      guint minor = 99;

      g_assert_true (sky_currency_lookup (known[i].code, &minor));
      g_assert_cmpuint (minor, ==, known[i].minor_units);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_false (sky_currency_lookup (unknown[i], NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/currency/lookup", test_lookup);
  g_test_add_func ("/sky/currency/symbols", test_symbols);
  g_test_add_func ("/sky/currency/display-c", test_display_c);
  g_test_add_func ("/sky/currency/display-english", test_display_english);
  g_test_add_func ("/sky/currency/display-german", test_display_german);
  g_test_add_func ("/sky/currency/plain-ignores-locale", test_plain_ignores_locale);

  return g_test_run ();
}
