/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-decimal"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-decimal.h"

G_DEFINE_QUARK (sky-decimal-error-quark, sky_decimal_error)

/* 10^0 … 10^38 fit in a signed 128-bit integer. */
#define MAX_POW10 38

static __int128
pow10_i128 (guint n)
{
  __int128 r = 1;

  g_assert (n <= MAX_POW10);
  while (n-- > 0)
    r *= 10;
  return r;
}

/* Most figures fit in 64 bits, where dividing by a constant is a multiplication and a product
 * of two always fits in 128: the arithmetic below takes that way when it can, with the same
 * results, since a 128-bit division or checked product is a call several times slower. */
static const gint64 pow10_i64[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
  G_GINT64_CONSTANT (10000000000), G_GINT64_CONSTANT (100000000000),
  G_GINT64_CONSTANT (1000000000000), G_GINT64_CONSTANT (10000000000000),
  G_GINT64_CONSTANT (100000000000000), G_GINT64_CONSTANT (1000000000000000),
  G_GINT64_CONSTANT (10000000000000000), G_GINT64_CONSTANT (100000000000000000),
  G_GINT64_CONSTANT (1000000000000000000),
};

static inline gboolean
fits_i64 (__int128 value)
{
  return value >= G_MININT64 && value <= G_MAXINT64;
}

SkyDecimal
sky_decimal_from_int (gint64 value)
{
  return (SkyDecimal) { value, 0 };
}

SkyDecimal
sky_decimal_from_scaled (gint64 coef,
                         guint  scale)
{
  g_return_val_if_fail (scale <= SKY_DECIMAL_MAX_SCALE, sky_decimal_from_int (0));
  return (SkyDecimal) { coef, scale };
}

gboolean
sky_decimal_parse (const char  *text,
                   guint        max_scale,
                   gboolean     allow_negative,
                   SkyDecimal  *out,
                   GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean seen_digit = FALSE;
  gboolean seen_point = FALSE;
  __int128 coef = 0;
  guint scale = 0;
  guint digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (max_scale <= SKY_DECIMAL_MAX_SCALE, FALSE);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_point && seen_digit)
        {
          seen_point = TRUE;
          continue;
        }
      if (*p < '0' || *p > '9')
        {
          g_set_error (error, SKY_DECIMAL_ERROR, SKY_DECIMAL_ERROR_INVALID,
                       _("“%s” is not a decimal number (digits with an optional point, "
                         "no exponent or separators)"), text);
          return FALSE;
        }
      seen_digit = TRUE;
      if (seen_point)
        scale++;
      if (coef != 0 || *p != '0')
        digits++;
      if (digits > MAX_POW10 - 1)
        {
          g_set_error (error, SKY_DECIMAL_ERROR, SKY_DECIMAL_ERROR_OVERFLOW,
                       _("“%s” has too many digits"), text);
          return FALSE;
        }
      coef = coef * 10 + (*p - '0');
    }

  if (!seen_digit || (seen_point && scale == 0))
    {
      g_set_error (error, SKY_DECIMAL_ERROR, SKY_DECIMAL_ERROR_INVALID,
                   _("“%s” is not a decimal number"), text);
      return FALSE;
    }

  if (negative && !allow_negative && coef != 0)
    {
      g_set_error (error, SKY_DECIMAL_ERROR, SKY_DECIMAL_ERROR_NEGATIVE,
                   _("“%s” is negative"), text);
      return FALSE;
    }

  if (scale > max_scale)
    {
      g_set_error (error, SKY_DECIMAL_ERROR, SKY_DECIMAL_ERROR_TOO_PRECISE,
                   _("“%s” has %u fractional digits; at most %u are allowed"),
                   text, scale, max_scale);
      return FALSE;
    }

  out->coef = negative ? -coef : coef;
  out->scale = scale;
  return TRUE;
}

char *
sky_decimal_format (SkyDecimal value,
                    guint      min_scale)
{
  char digits[64];
  GString *s;
  unsigned __int128 mag;
  guint n = 0;
  guint scale;

  value = sky_decimal_normalize (value);
  scale = value.scale;

  mag = value.coef < 0 ? -(unsigned __int128) value.coef : (unsigned __int128) value.coef;
  do
    {
      digits[n++] = '0' + (char) (mag % 10);
      mag /= 10;
    }
  while (mag != 0);
  while (n <= scale)
    digits[n++] = '0';

  s = g_string_sized_new (n + min_scale + 2);
  if (value.coef < 0)
    g_string_append_c (s, '-');
  for (guint i = n; i > 0; i--)
    {
      if (i == scale && scale > 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, digits[i - 1]);
    }
  /* Padding to min_scale is written as text, so it works for any value the type holds. */
  if (scale < min_scale)
    {
      if (scale == 0)
        g_string_append_c (s, '.');
      for (guint i = scale; i < min_scale; i++)
        g_string_append_c (s, '0');
    }
  return g_string_free (s, FALSE);
}

char *
sky_decimal_to_string (SkyDecimal value)
{
  return sky_decimal_format (value, 0);
}

/* A price's amount as the catalog stores it, in units of 10^-SKY_PRICE_SCALE, in its fewest
 * digits. */
SkyDecimal
sky_decimal_from_price (gint64 amount)
{
  return sky_decimal_normalize (sky_decimal_from_scaled (amount, SKY_PRICE_SCALE));
}

SkyDecimal
sky_decimal_normalize (SkyDecimal value)
{
  if (fits_i64 (value.coef))
    {
      gint64 coef = (gint64) value.coef;
      guint scale = value.scale;

      while (scale > 0 && coef % 10 == 0)
        {
          coef /= 10;
          scale--;
        }
      if (coef == 0)
        scale = 0;
      return (SkyDecimal) { coef, scale };
    }
  while (value.scale > 0 && value.coef % 10 == 0)
    {
      value.coef /= 10;
      value.scale--;
    }
  if (value.coef == 0)
    value.scale = 0;
  return value;
}

gboolean
sky_decimal_rescale (SkyDecimal  value,
                     guint       scale,
                     SkyDecimal *out)
{
  __int128 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (scale < value.scale)
    {
      /* Only exact rescaling here; rounding is sky_decimal_round()'s job. */
      __int128 div = pow10_i128 (value.scale - scale);
      if (value.coef % div != 0)
        return FALSE;
      out->coef = value.coef / div;
      out->scale = scale;
      return TRUE;
    }
  if (scale - value.scale > MAX_POW10)
    return FALSE;
  if (scale - value.scale < G_N_ELEMENTS (pow10_i64) && fits_i64 (value.coef))
    {
      out->coef = (__int128) (gint64) value.coef * pow10_i64[scale - value.scale];
      out->scale = scale;
      return TRUE;
    }
  if (__builtin_mul_overflow (value.coef, pow10_i128 (scale - value.scale), &result))
    return FALSE;
  out->coef = result;
  out->scale = scale;
  return TRUE;
}

static gboolean
align (SkyDecimal *a,
       SkyDecimal *b)
{
  guint scale = MAX (a->scale, b->scale);

  return sky_decimal_rescale (*a, scale, a) && sky_decimal_rescale (*b, scale, b);
}

static gboolean
add_or_subtract (SkyDecimal  a,
                 SkyDecimal  b,
                 gboolean    subtract,
                 SkyDecimal *out)
{
  gboolean overflow;

  a = sky_decimal_normalize (a);
  b = sky_decimal_normalize (b);
  if (!align (&a, &b))
    return FALSE;
  /* Subtracting directly, rather than adding -b, stays right for the most negative value. */
  overflow = subtract ? __builtin_sub_overflow (a.coef, b.coef, &out->coef)
                      : __builtin_add_overflow (a.coef, b.coef, &out->coef);
  out->scale = a.scale;
  return !overflow;
}

gboolean
sky_decimal_add (SkyDecimal  a,
                 SkyDecimal  b,
                 SkyDecimal *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  return add_or_subtract (a, b, FALSE, out);
}

gboolean
sky_decimal_sub (SkyDecimal  a,
                 SkyDecimal  b,
                 SkyDecimal *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  return add_or_subtract (a, b, TRUE, out);
}

gboolean
sky_decimal_mul (SkyDecimal  a,
                 SkyDecimal  b,
                 SkyDecimal *out)
{
  SkyDecimal r;

  g_return_val_if_fail (out != NULL, FALSE);

  a = sky_decimal_normalize (a);
  b = sky_decimal_normalize (b);
  if (a.scale + b.scale > SKY_DECIMAL_MAX_SCALE)
    return FALSE;
  if (fits_i64 (a.coef) && fits_i64 (b.coef))
    r.coef = (__int128) (gint64) a.coef * (gint64) b.coef;
  else if (__builtin_mul_overflow (a.coef, b.coef, &r.coef))
    return FALSE;
  r.scale = a.scale + b.scale;
  *out = sky_decimal_normalize (r);
  return TRUE;
}

static SkyDecimal
or_flag (gboolean  (*op) (SkyDecimal, SkyDecimal, SkyDecimal *),
         SkyDecimal  a,
         SkyDecimal  b,
         gboolean   *overflow)
{
  SkyDecimal r;

  g_return_val_if_fail (overflow != NULL, sky_decimal_from_int (0));
  if (!op (a, b, &r))
    {
      *overflow = TRUE;
      return sky_decimal_from_int (0);
    }
  return r;
}

SkyDecimal
sky_decimal_add_or_flag (SkyDecimal  a,
                         SkyDecimal  b,
                         gboolean   *overflow)
{
  return or_flag (sky_decimal_add, a, b, overflow);
}

SkyDecimal
sky_decimal_sub_or_flag (SkyDecimal  a,
                         SkyDecimal  b,
                         gboolean   *overflow)
{
  return or_flag (sky_decimal_sub, a, b, overflow);
}

SkyDecimal
sky_decimal_mul_or_flag (SkyDecimal  a,
                         SkyDecimal  b,
                         gboolean   *overflow)
{
  return or_flag (sky_decimal_mul, a, b, overflow);
}

/* a / b, rounded once to @scale fractional digits. FALSE when b is zero or the result does not
 * fit. Used for normalised prices (per vCPU-hour, per GiB), never for a total. */
gboolean
sky_decimal_div (SkyDecimal   a,
                 SkyDecimal   b,
                 guint        scale,
                 SkyRounding  rounding,
                 SkyDecimal  *out)
{
  __int128 n, d, q, r;
  int e;
  gboolean negative;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (scale <= SKY_DECIMAL_MAX_SCALE, FALSE);

  a = sky_decimal_normalize (a);
  b = sky_decimal_normalize (b);
  if (b.coef == 0)
    return FALSE;

  e = (int) b.scale - (int) a.scale + (int) scale;
  n = a.coef;
  d = b.coef;
  if (e > MAX_POW10 || -e > MAX_POW10)
    return FALSE;
  if (e >= 0 && __builtin_mul_overflow (n, pow10_i128 (e), &n))
    return FALSE;
  if (e < 0 && __builtin_mul_overflow (d, pow10_i128 (-e), &d))
    return FALSE;

  negative = (n < 0) != (d < 0);
  if (n < 0)
    n = -n;
  if (d < 0)
    d = -d;
  q = n / d;
  r = n % d;
  if (2 * r > d || (2 * r == d && (rounding == SKY_ROUND_HALF_UP || q % 2 != 0)))
    q++;
  out->coef = negative ? -q : q;
  out->scale = scale;
  return TRUE;
}

SkyDecimal
sky_decimal_round (SkyDecimal  value,
                   guint       scale,
                   SkyRounding rounding)
{
  __int128 div, q, r, half;
  gboolean negative;

  value = sky_decimal_normalize (value);
  if (value.scale <= scale)
    return value;

  if (value.scale - scale < G_N_ELEMENTS (pow10_i64) && fits_i64 (value.coef))
    {
      gint64 d = pow10_i64[value.scale - scale];
      gint64 q64 = (gint64) value.coef / d, r64 = (gint64) value.coef % d;

      if (r64 < 0)
        r64 = -r64;
      if (r64 > d / 2 ||
          (r64 == d / 2 && (rounding == SKY_ROUND_HALF_UP || (q64 % 2) != 0)))
        q64 += value.coef < 0 ? -1 : 1;
      return (SkyDecimal) { q64, scale };
    }

  div = pow10_i128 (value.scale - scale);
  q = value.coef / div;
  r = value.coef % div;
  negative = value.coef < 0;
  if (r < 0)
    r = -r;
  half = div / 2;

  if (r > half ||
      (r == half && (rounding == SKY_ROUND_HALF_UP || (q % 2) != 0)))
    q += negative ? -1 : 1;

  return (SkyDecimal) { q, scale };
}

gboolean
sky_decimal_to_scaled_int64 (SkyDecimal  value,
                             guint       scale,
                             gint64     *out)
{
  SkyDecimal r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!sky_decimal_rescale (sky_decimal_normalize (value), scale, &r))
    return FALSE;
  if (r.coef > G_MAXINT64 || r.coef < G_MININT64)
    return FALSE;
  *out = (gint64) r.coef;
  return TRUE;
}

/* The short way from text to a count of 10^-@scale, for the plain decimals price sheets are
 * made of: digits, then optionally a point and at most @scale digits, with no more than 18 digits
 * before the point and @scale after it together, so that the count is below 10^18. Returns FALSE
 * for any other text, valid or not, which sky_decimal_parse() and sky_decimal_to_scaled_int64()
 * then decide; where it returns TRUE, they give the same count. */
gboolean
sky_decimal_parse_plain_scaled (const char *text,
                                guint       scale,
                                gint64     *out)
{
  const char *p = text;
  gint64 value = 0;
  guint whole = 0, fraction = 0;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  /* Stops at the digit that would make the count 19 digits long, before it could overflow. */
  for (; *p >= '0' && *p <= '9'; p++, whole++)
    {
      if (whole + scale >= 18)
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  if (whole == 0)
    return FALSE;
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++, fraction++)
      {
        if (fraction == scale)
          return FALSE;
        value = value * 10 + (*p - '0');
      }
  if (*p != '\0' || (p[-1] == '.'))
    return FALSE;
  for (; fraction < scale; fraction++)
    value *= 10;
  *out = value;
  return TRUE;
}

int
sky_decimal_compare (SkyDecimal a,
                     SkyDecimal b)
{
  SkyDecimal d;

  if (!sky_decimal_sub (a, b, &d))
    {
      /* Only values at the edge of the range get here; compare signs, then whole parts. */
      if ((a.coef < 0) != (b.coef < 0))
        return a.coef < 0 ? -1 : 1;
      a = sky_decimal_round (a, 0, SKY_ROUND_HALF_UP);
      b = sky_decimal_round (b, 0, SKY_ROUND_HALF_UP);
      return a.coef < b.coef ? -1 : a.coef > b.coef;
    }
  return d.coef < 0 ? -1 : d.coef > 0;
}

gboolean
sky_decimal_is_zero (SkyDecimal value)
{
  return value.coef == 0;
}

/* As sky_decimal_format(), with @separator between each group of three digits of the whole
 * part (1,234,567.50): for figures people read, never for files programs read back. */
char *
sky_decimal_format_grouped (SkyDecimal  value,
                            guint       min_scale,
                            const char *separator)
{
  g_autofree char *plain = sky_decimal_format (value, min_scale);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *point = strchr (digits, '.');
  gsize whole = point != NULL ? (gsize) (point - digits) : strlen (digits);
  GString *s;

  g_return_val_if_fail (separator != NULL, NULL);

  s = g_string_sized_new (strlen (plain) + whole / 3 * strlen (separator));
  if (digits != plain)
    g_string_append_c (s, '-');
  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append (s, separator);
      g_string_append_c (s, digits[i]);
    }
  if (point != NULL)
    g_string_append (s, point);
  return g_string_free (s, FALSE);
}

/* The nearest double, for drawing and scoring: never for money arithmetic, which stays
 * exact. */
double
sky_decimal_to_double (SkyDecimal value)
{
  g_autofree char *text = sky_decimal_to_string (value);

  return g_ascii_strtod (text, NULL);
}
