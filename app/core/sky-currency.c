/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-currency"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "sky-currency.h"

/* ISO 4217 codes with their minor units and the symbol people read: the currencies providers
 * bill in and the ones finance teams report in. A symbol shared by several currencies is kept
 * by the one most often meant ("$", "¥"); the others get a prefixed form ("CA$", "CN¥"). A
 * currency without a symbol that is read everywhere shows its code. In order of code (see
 * find_currency()). */
static const struct
{
  char        code[4];
  guint       minor_units;
  const char *symbol;
} currencies[] = {
  { "AED", 2, NULL }, { "ARS", 2, NULL }, { "AUD", 2, "A$" }, { "BHD", 3, NULL },
  { "BRL", 2, "R$" }, { "CAD", 2, "CA$" }, { "CHF", 2, NULL }, { "CLP", 0, NULL },
  { "CNY", 2, "CN¥" }, { "COP", 2, NULL }, { "CZK", 2, "Kč" }, { "DKK", 2, NULL },
  { "EGP", 2, NULL }, { "EUR", 2, "€" }, { "GBP", 2, "£" }, { "HKD", 2, "HK$" },
  { "HUF", 2, "Ft" }, { "IDR", 2, "Rp" }, { "ILS", 2, "₪" }, { "INR", 2, "₹" },
  { "ISK", 0, NULL }, { "JOD", 3, NULL }, { "JPY", 0, "¥" }, { "KRW", 0, "₩" },
  { "KWD", 3, NULL }, { "MXN", 2, "MX$" }, { "MYR", 2, "RM" }, { "NGN", 2, "₦" },
  { "NOK", 2, NULL }, { "NZD", 2, "NZ$" }, { "OMR", 3, NULL }, { "PHP", 2, "₱" },
  { "PLN", 2, "zł" }, { "QAR", 2, NULL }, { "RON", 2, NULL }, { "SAR", 2, NULL },
  { "SEK", 2, NULL }, { "SGD", 2, "S$" }, { "THB", 2, "฿" }, { "TRY", 2, "₺" },
  { "TWD", 2, "NT$" }, { "UAH", 2, "₴" }, { "USD", 2, "$" }, { "VND", 0, "₫" },
  { "ZAR", 2, "R" },
};

/* The table is in order of code: a currency is found by halves, in six comparisons rather than
 * up to 45 (every figure an explanation writes looks its currency up). */
static gssize
find_currency (const char *code)
{
  gsize low = 0, high = G_N_ELEMENTS (currencies);

  while (low < high)
    {
      gsize middle = low + (high - low) / 2;
      int order = strcmp (currencies[middle].code, code);

      if (order == 0)
        return (gssize) middle;
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return -1;
}

gboolean
sky_currency_lookup (const char *code,
                     guint      *minor_units)
{
  gssize i;

  g_return_val_if_fail (code != NULL, FALSE);

  i = find_currency (code);
  if (i < 0)
    return FALSE;
  if (minor_units != NULL)
    *minor_units = currencies[i].minor_units;
  return TRUE;
}

/* The symbol people read for @code: "$", "€", "CA$"; the code itself for a currency without
 * one. */
const char *
sky_currency_symbol (const char *code)
{
  gssize i;

  g_return_val_if_fail (code != NULL, NULL);

  i = find_currency (code);
  if (i < 0 || currencies[i].symbol == NULL)
    return code;
  return currencies[i].symbol;
}

/* The one rounding of a money figure: to the currency's minor unit, half away from zero. */
SkyDecimal
sky_currency_round (const char *code,
                    SkyDecimal  amount)
{
  guint minor = 2;

  g_return_val_if_fail (code != NULL, amount);

  sky_currency_lookup (code, &minor);
  return sky_decimal_round (amount, minor, SKY_ROUND_HALF_UP);
}

/* Formats a figure already rounded, with exactly the currency's minor digits ("70.10"). */
char *
sky_currency_format (const char *code,
                     SkyDecimal  amount)
{
  guint minor = 2;

  g_return_val_if_fail (code != NULL, NULL);

  sky_currency_lookup (code, &minor);
  return sky_decimal_format (sky_decimal_round (amount, minor, SKY_ROUND_HALF_UP), minor);
}

/* The digits of @plain ("-1022.32", as sky_decimal_format writes them) with the locale's
 * separators: @grouping as localeconv() gives it (each byte a group's size from the right, the
 * last one repeated, CHAR_MAX or none for no more grouping). An empty @point is the C
 * locale's: a point. */
static GString *
localize_digits (const char *plain,
                 const char *point,
                 const char *separator,
                 const char *grouping)
{
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *fraction = strchr (digits, '.');
  gsize whole = fraction != NULL ? (gsize) (fraction - digits) : strlen (digits);
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  GString *s = g_string_sized_new (strlen (plain) * 2);
  guint b;

  if (separator != NULL && separator[0] != '\0' && grouping != NULL)
    {
      gsize from_right = 0;
      const char *g = grouping;
      int size = 0;

      /* Where separators go, counted in digits from the right. */
      for (;;)
        {
          if (*g != '\0')
            size = (unsigned char) *g++;
          if (size <= 0 || size == CHAR_MAX)
            break;
          from_right += (gsize) size;
          if (from_right >= whole)
            break;
          g_array_append_val (breaks, from_right);
        }
    }

  if (digits != plain)
    g_string_append_c (s, '-');
  b = breaks->len;
  for (gsize i = 0; i < whole; i++)
    {
      if (b > 0 && whole - i == g_array_index (breaks, gsize, b - 1))
        {
          g_string_append (s, separator);
          b--;
        }
      g_string_append_c (s, digits[i]);
    }
  if (fraction != NULL)
    {
      g_string_append (s, point != NULL && point[0] != '\0' ? point : ".");
      g_string_append (s, fraction + 1);
    }
  return s;
}

/* An amount with the symbol placed and spaced as the locale places its own currency's, the
 * digits separated as it separates money. The C locale has no such convention: there the
 * figure is plain, with the code after it ("1022.32 USD"), as in files. */
static char *
display_money (const char *code,
               const char *plain)
{
  const struct lconv *lc = localeconv ();
  gboolean negative = plain[0] == '-';
  gboolean precedes = negative ? lc->n_cs_precedes : lc->p_cs_precedes;
  char sep_by_space = negative ? lc->n_sep_by_space : lc->p_sep_by_space;
  const char *symbol = sky_currency_symbol (code);
  gboolean is_code = symbol == code;
  g_autoptr(GString) number = NULL;
  const char *space;

  if (lc->mon_decimal_point[0] == '\0' || lc->p_cs_precedes == CHAR_MAX)
    return g_strdup_printf ("%s %s", plain, code);

  /* The locale's own currency under the symbol it gives it ("$" for CAD in Canada). */
  if (strncmp (lc->int_curr_symbol, code, 3) == 0 && lc->currency_symbol[0] != '\0')
    {
      symbol = lc->currency_symbol;
      is_code = FALSE;
    }

  number = localize_digits (negative ? plain + 1 : plain, lc->mon_decimal_point,
                            lc->mon_thousands_sep, lc->mon_grouping);
  /* A code is a word: it never touches the digits. */
  space = sep_by_space != 0 || is_code ? " " : "";
  if (precedes)
    return g_strdup_printf ("%s%s%s%s", negative ? "-" : "", symbol, space, number->str);
  return g_strdup_printf ("%s%s%s%s", negative ? "-" : "", number->str, space, symbol);
}

/* A money figure for people to read: rounded to the currency's minor unit, with the locale's
 * separators and the currency's symbol ("$1,022.32" in English, "1.022,32 $" in German).
 * Files, the command line's tables and exports keep sky_currency_format(). */
char *
sky_currency_format_display (const char *code,
                             SkyDecimal  amount)
{
  g_autofree char *plain = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  plain = sky_currency_format (code, amount);
  return display_money (code, plain);
}

/* A unit price for people to read: every digit it has, at least the currency's minor ones, in
 * the same form as sky_currency_format_display(). */
char *
sky_currency_format_price_display (const char *code,
                                   SkyDecimal  amount)
{
  g_autofree char *plain = NULL;
  guint minor = 2;

  g_return_val_if_fail (code != NULL, NULL);

  sky_currency_lookup (code, &minor);
  plain = sky_decimal_format (sky_decimal_normalize (amount), minor);
  return display_money (code, plain);
}

/* A figure without a currency, with the locale's separators as a number (LC_NUMERIC): every
 * digit, at least @min_scale of them after the point. */
char *
sky_format_number (SkyDecimal value,
                   guint      min_scale)
{
  const struct lconv *lc = localeconv ();
  g_autofree char *plain = sky_decimal_format (sky_decimal_normalize (value), min_scale);

  return g_string_free (localize_digits (plain, lc->decimal_point, lc->thousands_sep,
                                         lc->grouping), FALSE);
}

/* A count for people to read: "1,000" in English, "1.000" in German, "1000" in C. */
char *
sky_format_count (gint64 count)
{
  return sky_format_number (sky_decimal_from_int (count), 0);
}
