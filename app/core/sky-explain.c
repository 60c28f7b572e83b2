/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-explain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-explain.h"

/* The words of pricing: a line's steps (sky-pricing.h) as one line of arithmetic a person can
 * check, in the order they were taken. Every other place that shows how a figure was made
 * shows this text. The phrases are translatable; numbers are written plainly (a point, no
 * separators) so that the arithmetic reads the same in every language. */

static char *
num (SkyDecimal value)
{
  return sky_decimal_to_string (value);
}

/* An amount of money before rounding: every digit, and at least the currency's minor ones. */
static char *
amount_text (SkyDecimal  value,
             const char *currency)
{
  guint minor = 2;

  sky_currency_lookup (currency, &minor);
  return sky_decimal_format (sky_decimal_normalize (value), minor);
}

/* Break-even hours as shown everywhere: two decimals. */
char *
sky_explain_hours (SkyDecimal hours)
{
  return sky_decimal_format (sky_decimal_round (hours, 2, SKY_ROUND_HALF_UP), 2);
}

/* A line's explanation: the sheet its price came from, then its @arithmetic, so that the figure
 * can be checked by hand against that sheet: "From Example Cloud 2026.1: 3 × 730 hour × …". */
char *
sky_explain_source (const char *provider_name,
                    const char *sheet_version,
                    const char *arithmetic)
{
  g_return_val_if_fail (arithmetic != NULL, NULL);

  if (provider_name == NULL || sheet_version == NULL)
    return g_strdup (arithmetic);
  /* Translators: a provider's name, its price sheet's version, then how a line's figure is
   * worked out. */
  return g_strdup_printf (_("From %s %s: %s"), provider_name, sheet_version, arithmetic);
}

/* "=" for a figure shown exactly, "≈" for one rounded to be shown. */
static const char *
equals (const SkyPriceStep *s)
{
  return s->approximate ? "≈" : "=";
}

/* A unit's size as a ratio shows it: the decimal and binary prefixes' powers as such ("10⁹",
 * "2³⁰"), with what multiplies them ("3600 × 2³⁰"); other numbers plainly. */
static char *
size_text (SkyDecimal value)
{
  static const char * const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *digits = NULL;
  gint64 n, rest;
  guint tens = 0, twos = 0;
  GString *text;

  if (!sky_decimal_to_scaled_int64 (value, 0, &n) || n <= 0)
    return num (value);
  /* Thousands first (10³, 10⁶, …), then 1024s (2¹⁰, 2²⁰, …). */
  for (rest = n; rest % 1000 == 0; rest /= 1000)
    tens += 3;
  if (tens == 0)
    for (rest = n; rest % 1024 == 0; rest /= 1024)
      twos += 10;
  if (tens == 0 && twos == 0)
    return num (value);
  text = g_string_new (NULL);
  if (rest != 1)
    g_string_append_printf (text, "%" G_GINT64_FORMAT " × ", rest);
  g_string_append (text, tens > 0 ? "10" : "2");
  digits = g_strdup_printf ("%u", tens > 0 ? tens : twos);
  for (const char *d = digits; *d != '\0'; d++)
    g_string_append (text, superscripts[*d - '0']);
  return g_string_free (text, FALSE);
}

static void
explain_step (GString            *why,
              const SkyPriceStep *s)
{
  switch (s->kind)
    {
    case SKY_PRICE_STEP_USAGE:
      {
        g_autofree char *q = num (s->quantity), *u = num (s->usage);
        /* Translators: quantity × usage and unit, as in "3 × 730 hour" */
        g_string_append_printf (why, _("%s × %s %s"), q, u, s->unit);
        if (s->committed)
          g_string_append (why, _(" (a commitment bills every hour)"));
      }
      break;
    case SKY_PRICE_STEP_CONVERT:
      {
        g_autofree char *q = num (s->quantity), *r = num (s->result);
        g_autofree char *n = size_text (s->factor), *d = size_text (s->price);
        /* Translators: a line's units in the price's unit, as in
         * " = 2000 gb = 1862.645149230957031250 gib (× 10⁹ / 2³⁰)" */
        g_string_append_printf (why, _(" = %s %s %s %s %s (× %s / %s)"), q, s->from_unit,
                                equals (s), r, s->unit, n, d);
      }
      break;
    case SKY_PRICE_STEP_AFTER:
      {
        g_autofree char *q = num (s->quantity);
        g_string_append_printf (why, _(" after %s%s %s on lines above"),
                                s->approximate ? "≈ " : "", q, s->unit);
      }
      break;
    case SKY_PRICE_STEP_FREE:
      {
        g_autofree char *q = num (s->quantity);
        g_string_append_printf (why, _(", %s %s a month free"), q, s->unit);
      }
      break;
    case SKY_PRICE_STEP_BILLABLE:
      {
        g_autofree char *q = num (s->quantity);
        g_string_append_printf (why, " %s %s %s", equals (s), q, s->unit);
      }
      break;
    case SKY_PRICE_STEP_RATE:
      {
        g_autofree char *q = num (s->quantity), *a = num (s->price);
        if (s->count == 0)
          /* Translators: times a unit price, as in " × 0.096 USD/hour" */
          g_string_append_printf (why, _(" × %s %s/%s"), a, s->currency, s->unit);
        else
          /* Translators: one tier's units at its price, as in "10240 gb × 0.09 USD/gb" */
          g_string_append_printf (why, _("%s%s%s %s × %s %s/%s"),
                                  s->count > 1 ? " + " : s->approximate ? " ≈ " : " = ",
                                  s->count > 1 && s->approximate ? "≈ " : "", q, s->unit, a,
                                  s->currency, s->unit);
        if (s->dev_test)
          /* Translators: after a unit price the scenario's dev/test setting chose */
          g_string_append (why, _(" (dev/test price)"));
      }
      break;
    case SKY_PRICE_STEP_NOTHING:
      g_string_append (why, _(": nothing to bill"));
      break;
    case SKY_PRICE_STEP_PRICE_DATE:
      /* Translators: the date a price holds from, when it is not its price sheet's, as in
       * " (price as of 2026-03-01)" */
      g_string_append_printf (why, _(" (price as of %s)"), s->date);
      break;
    case SKY_PRICE_STEP_COST:
      {
        g_autofree char *c = amount_text (s->result, s->currency);
        g_string_append_printf (why, " %s %s %s", equals (s), c, s->currency);
      }
      break;
    case SKY_PRICE_STEP_DISCOUNT:
      {
        g_autofree char *p = num (s->factor), *c = amount_text (s->result, s->currency);
        /* Translators: less a discount in percent, as in " − 10 % = 394.20 EUR" */
        g_string_append_printf (why, _(" − %s %% %s %s %s"), p, equals (s), c, s->currency);
      }
      break;
    case SKY_PRICE_STEP_EXCHANGE:
      {
        g_autofree char *r = num (s->factor), *c = amount_text (s->result, s->currency);
        /* Translators: an exchange rate and its date, as in
         * " × 1.1 USD/EUR (2026-11-01) = 433.62 USD" */
        g_string_append_printf (why, _(" × %s %s/%s (%s) %s %s %s"), r, s->currency,
                                s->from_currency, s->date, equals (s), c, s->currency);
      }
      break;
    case SKY_PRICE_STEP_ROUND:
      {
        g_autofree char *c = sky_currency_format (s->currency, s->result);
        g_string_append_printf (why, " ≈ %s %s", c, s->currency);
      }
      break;
    case SKY_PRICE_STEP_UPFRONT:
      {
        g_autofree char *q = num (s->quantity), *fee = num (s->price);
        g_autofree char *total = sky_currency_format (s->currency, s->result);
        g_string_append_printf (why,
                                /* Translators: quantity × upfront fee = the fee paid, and the
                                 * commitment's months */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "; upfront %s × %s %s = %s %s, over %u month",
                                             "; upfront %s × %s %s = %s %s, over %u months",
                                             s->months),
                                q, fee, s->from_currency, total, s->currency, s->months);
      }
      break;
    case SKY_PRICE_STEP_AMORTISED:
      {
        SkyDecimal sum = s->price;
        g_autofree char *m = amount_text (s->price, s->currency);
        g_autofree char *u = amount_text (s->factor, s->currency);
        g_autofree char *e = sky_currency_format (s->currency, s->result);
        SkyDecimal spread = sky_decimal_from_int (0);
        gboolean exact = sky_decimal_div (s->factor, sky_decimal_from_int (s->months), 10,
                                          SKY_ROUND_HALF_UP, &spread) &&
                         sky_decimal_add (s->price, spread, &sum) &&
                         sky_decimal_compare (sum, s->result) == 0;
        /* Translators: the month's cost plus the upfront fee spread over the commitment's
         * months, as in "; amortised 43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month" */
        g_string_append_printf (why, _("; amortised %s %s + %s %s / %u %s %s %s a month"),
                                m, s->currency, u, s->currency, s->months, exact ? "=" : "≈", e,
                                s->currency);
      }
      break;
    case SKY_PRICE_STEP_BREAK_EVEN:
      {
        g_autofree char *h = sky_explain_hours (s->result), *od = num (s->price);
        /* Translators: below this many hours a month the same offer on demand costs less */
        g_string_append_printf (why, _("; break-even at %s hours a month against %s %s/%s on "
                                       "demand"), h, od, s->currency, s->unit);
      }
      break;
    case SKY_PRICE_STEP_TERM_TOTAL:
      {
        g_autofree char *m = sky_currency_format (s->currency, s->price);
        g_autofree char *t = sky_currency_format (s->currency, s->result);
        /* Translators: over the scenario's term, as in "; over the 12-month term, 43.22 USD × 12"
         * (followed by any upfront fee times the commitments, then the total) */
        g_string_append_printf (why, _("; over the %u-month term, %s %s × %u"), s->months, m,
                                s->currency, s->months);
        if (s->count > 0 && !sky_decimal_is_zero (s->factor))
          {
            g_autofree char *u = sky_currency_format (s->currency, s->factor);
            g_string_append_printf (why, " + %s %s × %u", u, s->currency, s->count);
          }
        g_string_append_printf (why, " = %s %s", t, s->currency);
      }
      break;
    case SKY_PRICE_STEP_COMPONENTS:
      {
        g_autofree char *v = num (s->quantity), *vp = num (s->price);
        g_autofree char *m = num (s->usage), *mp = num (s->factor), *r = num (s->result);
        /* Translators: an hourly price made of a price per vCPU and one per GiB of memory,
         * as in
         * "(4 vCPU × 0.0413 USD/vcpu-hour + 16 GiB × 0.007 USD/gib-hour = 0.2772 USD/hour) " */
        g_string_append_printf (why, _("(%s vCPU × %s %s/vcpu-hour + %s GiB × %s %s/gib-hour = "
                                       "%s %s/hour) "), v, vp, s->currency, m, mp, s->currency,
                                r, s->currency);
      }
      break;
    case SKY_PRICE_STEP_USAGE_BAND:
      {
        g_autofree char *q = num (s->quantity), *p = num (s->factor);
        if (s->count == 1)
          /* Translators: the usage discount by its id, then each band's share of one
           * instance's month, as in "; usage discount n2, each: 182.5 hour at 0 % off" */
          g_string_append_printf (why, _("; usage discount %s, each: "), s->name);
        else
          g_string_append (why, " + ");
        g_string_append_printf (why, _("%s %s at %s %% off"), q, s->unit, p);
      }
      break;
    case SKY_PRICE_STEP_DISCOUNTED:
      {
        g_autofree char *q = num (s->quantity), *n = num (s->usage), *r = num (s->result);
        /* Translators: what a usage discount leaves to bill at full price, per instance and
         * for all of them, as in " = 584.146 hour at full price, × 3 = 1752.438 hour" */
        g_string_append_printf (why, _(" = %s %s at full price, × %s = %s %s"), q, s->unit, n,
                                r, s->unit);
      }
      break;
    case SKY_PRICE_STEP_CAP:
      {
        g_autofree char *q = num (s->quantity), *cap = num (s->price);
        g_autofree char *c = amount_text (s->result, s->currency);
        /* Translators: a monthly cap per instance, as in
         * "; capped at 24 USD a month each: 1 × 24 = 24.00 USD" */
        g_string_append_printf (why, _("; capped at %s %s a month each: %s × %s = %s %s"), cap,
                                s->currency, q, cap, c, s->currency);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* @steps (SkyPriceStep), as the one line of arithmetic shown for a priced line. */
char *
sky_explain_steps (const GArray *steps)
{
  GString *why;

  g_return_val_if_fail (steps != NULL, NULL);

  why = g_string_new (NULL);
  for (guint i = 0; i < steps->len; i++)
    explain_step (why, &g_array_index (steps, SkyPriceStep, i));
  return g_string_free (why, FALSE);
}
