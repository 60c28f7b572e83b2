/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-explain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-explain.h"
#include "sky-vocabulary.h"

/* The words of pricing: a line's steps (sky-pricing.h) as one line of arithmetic a person can
 * check, in the order they were taken. Every other place that shows how a figure was made
 * shows this text, in one of two styles (SkyExplainStyle): plain for the command line and
 * files, where numbers are written as files write them (a point, no separators) so that
 * scripts read them, and display for the window and the PDF, where they read as the rest of
 * the window's figures do. Units are named by their titles in both; the phrases are
 * translatable. */

/* A figure without a currency: every digit. */
static char *
num (SkyExplainStyle style,
     SkyDecimal      value)
{
  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_format_number (value, 0);
  return sky_decimal_to_string (value);
}

/* What people read for the unit @id. */
static const char *
unit_title (const char *id)
{
  return sky_vocabulary_title (SKY_VOCABULARY_UNIT, id);
}

/* An amount of money before rounding: every digit, and at least the currency's minor ones. */
static char *
money_exact (SkyExplainStyle  style,
             const char      *currency,
             SkyDecimal       value)
{
  g_autofree char *digits = NULL;
  guint minor = 2;

  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_currency_format_price_display (currency, value);
  sky_currency_lookup (currency, &minor);
  digits = sky_decimal_format (sky_decimal_normalize (value), minor);
  return g_strdup_printf ("%s %s", digits, currency);
}

/* A price as the sheet gives it: every digit; shown as money, at least the currency's minor
 * ones too. */
static char *
money_price (SkyExplainStyle  style,
             const char      *currency,
             SkyDecimal       value)
{
  g_autofree char *digits = NULL;

  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_currency_format_price_display (currency, value);
  digits = sky_decimal_to_string (value);
  return g_strdup_printf ("%s %s", digits, currency);
}

/* A figure rounded to the currency's minor unit. */
static char *
money_rounded (SkyExplainStyle  style,
               const char      *currency,
               SkyDecimal       value)
{
  g_autofree char *digits = NULL;

  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_currency_format_display (currency, value);
  digits = sky_currency_format (currency, value);
  return g_strdup_printf ("%s %s", digits, currency);
}

/* A price per unit: "0.096 USD/Hour", or as money "$0.096/Hour". */
static char *
per_unit (SkyExplainStyle  style,
          const char      *currency,
          SkyDecimal       value,
          const char      *unit)
{
  g_autofree char *price = money_price (style, currency, value);

  /* Translators: a price per unit, as in "$0.096/Hour" */
  return g_strdup_printf (_("%s/%s"), price, unit_title (unit));
}

/* Break-even hours as shown everywhere: two decimals. */
char *
sky_explain_hours (SkyDecimal      hours,
                   SkyExplainStyle style)
{
  SkyDecimal rounded = sky_decimal_round (hours, 2, SKY_ROUND_HALF_UP);

  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_format_number (rounded, 2);
  return sky_decimal_format (rounded, 2);
}

/* A line's explanation: the sheet its price came from, then its @arithmetic, so that the figure
 * can be checked by hand against that sheet: "From Example Cloud 2026.1: 3 × 730 Hour × …". */
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
size_text (SkyExplainStyle style,
           SkyDecimal      value)
{
  static const char * const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *digits = NULL;
  gint64 n, rest;
  guint tens = 0, twos = 0;
  GString *text;

  if (!sky_decimal_to_scaled_int64 (value, 0, &n) || n <= 0)
    return num (style, value);
  /* Thousands first (10³, 10⁶, …), then 1024s (2¹⁰, 2²⁰, …). */
  for (rest = n; rest % 1000 == 0; rest /= 1000)
    tens += 3;
  if (tens == 0)
    for (rest = n; rest % 1024 == 0; rest /= 1024)
      twos += 10;
  if (tens == 0 && twos == 0)
    return num (style, value);
  text = g_string_new (NULL);
  if (rest != 1)
    {
      g_autofree char *factor = num (style, sky_decimal_from_int (rest));
      g_string_append_printf (text, "%s × ", factor);
    }
  g_string_append (text, tens > 0 ? "10" : "2");
  digits = g_strdup_printf ("%u", tens > 0 ? tens : twos);
  for (const char *d = digits; *d != '\0'; d++)
    g_string_append (text, superscripts[*d - '0']);
  return g_string_free (text, FALSE);
}

static void
explain_step (GString            *why,
              const SkyPriceStep *s,
              SkyExplainStyle     style)
{
  switch (s->kind)
    {
    case SKY_PRICE_STEP_USAGE:
      {
        g_autofree char *q = num (style, s->quantity), *u = num (style, s->usage);
        /* Translators: quantity × usage and unit, as in "3 × 730 Hour" */
        g_string_append_printf (why, _("%s × %s %s"), q, u, unit_title (s->unit));
        if (s->committed)
          g_string_append (why, _(" (a commitment bills every hour)"));
      }
      break;
    case SKY_PRICE_STEP_CONVERT:
      {
        g_autofree char *q = num (style, s->quantity), *r = num (style, s->result);
        g_autofree char *n = size_text (style, s->factor), *d = size_text (style, s->price);
        /* Translators: a line's units in the price's unit, as in
         * " = 2000 GB = 1862.64514923095703125 GiB (× 10⁹ / 2³⁰)" */
        g_string_append_printf (why, _(" = %s %s %s %s %s (× %s / %s)"), q,
                                unit_title (s->from_unit), equals (s), r, unit_title (s->unit),
                                n, d);
      }
      break;
    case SKY_PRICE_STEP_AFTER:
      {
        g_autofree char *q = num (style, s->quantity);
        /* Translators: units other lines of the same price used first, as in
         * " after 15000 GB on lines above" */
        g_string_append_printf (why, _(" after %s%s %s on lines above"),
                                s->approximate ? "≈ " : "", q, unit_title (s->unit));
      }
      break;
    case SKY_PRICE_STEP_FREE:
      {
        g_autofree char *q = num (style, s->quantity);
        g_string_append_printf (why, _(", %s %s a month free"), q, unit_title (s->unit));
      }
      break;
    case SKY_PRICE_STEP_BILLABLE:
      {
        g_autofree char *q = num (style, s->quantity);
        g_string_append_printf (why, " %s %s %s", equals (s), q, unit_title (s->unit));
      }
      break;
    case SKY_PRICE_STEP_RATE:
      {
        g_autofree char *q = num (style, s->quantity);
        g_autofree char *a = per_unit (style, s->currency, s->price, s->unit);
        if (s->count == 0)
          /* Translators: times a unit price, as in " × 0.096 USD/Hour" */
          g_string_append_printf (why, _(" × %s"), a);
        else
          /* Translators: one tier's units at its price, as in "10240 GB × 0.09 USD/GB" */
          g_string_append_printf (why, _("%s%s%s %s × %s"),
                                  s->count > 1 ? " + " : s->approximate ? " ≈ " : " = ",
                                  s->count > 1 && s->approximate ? "≈ " : "", q,
                                  unit_title (s->unit), a);
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
        g_autofree char *c = money_exact (style, s->currency, s->result);
        g_string_append_printf (why, " %s %s", equals (s), c);
      }
      break;
    case SKY_PRICE_STEP_DISCOUNT:
      {
        g_autofree char *p = num (style, s->factor);
        g_autofree char *c = money_exact (style, s->currency, s->result);
        /* Translators: less a discount in percent, as in " − 10 % = 394.20 EUR" */
        g_string_append_printf (why, _(" − %s %% %s %s"), p, equals (s), c);
      }
      break;
    case SKY_PRICE_STEP_EXCHANGE:
      {
        g_autofree char *r = num (style, s->factor);
        g_autofree char *c = money_exact (style, s->currency, s->result);
        /* Translators: an exchange rate and its date, as in
         * " × 1.1 USD/EUR (2026-11-01) = 433.62 USD" */
        g_string_append_printf (why, _(" × %s %s/%s (%s) %s %s"), r, s->currency,
                                s->from_currency, s->date, equals (s), c);
      }
      break;
    case SKY_PRICE_STEP_ROUND:
      {
        g_autofree char *c = money_rounded (style, s->currency, s->result);
        g_string_append_printf (why, " ≈ %s", c);
      }
      break;
    case SKY_PRICE_STEP_UPFRONT:
      {
        g_autofree char *q = num (style, s->quantity);
        g_autofree char *fee = money_price (style, s->from_currency, s->price);
        g_autofree char *total = money_rounded (style, s->currency, s->result);
        g_string_append_printf (why,
                                /* Translators: quantity × upfront fee = the fee paid, and the
                                 * commitment's months */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "; upfront %s × %s = %s, over %u month",
                                             "; upfront %s × %s = %s, over %u months",
                                             s->months),
                                q, fee, total, s->months);
      }
      break;
    case SKY_PRICE_STEP_AMORTISED:
      {
        SkyDecimal sum = s->price;
        g_autofree char *m = money_exact (style, s->currency, s->price);
        g_autofree char *u = money_exact (style, s->currency, s->factor);
        g_autofree char *e = money_rounded (style, s->currency, s->result);
        SkyDecimal spread = sky_decimal_from_int (0);
        gboolean exact = sky_decimal_div (s->factor, sky_decimal_from_int (s->months), 10,
                                          SKY_ROUND_HALF_UP, &spread) &&
                         sky_decimal_add (s->price, spread, &sum) &&
                         sky_decimal_compare (sum, s->result) == 0;
        /* Translators: the month's cost plus the upfront fee spread over the commitment's
         * months, as in "; amortised 43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month" */
        g_string_append_printf (why, _("; amortised %s + %s / %u %s %s a month"), m, u,
                                s->months, exact ? "=" : "≈", e);
      }
      break;
    case SKY_PRICE_STEP_BREAK_EVEN:
      {
        g_autofree char *h = sky_explain_hours (s->result, style);
        g_autofree char *od = per_unit (style, s->currency, s->price, s->unit);
        /* Translators: below this many hours a month the same offer on demand costs less, as
         * in "; break-even at 449.91 hours a month against 0.096 USD/Hour on demand" */
        g_string_append_printf (why, _("; break-even at %s hours a month against %s on demand"),
                                h, od);
      }
      break;
    case SKY_PRICE_STEP_TERM_TOTAL:
      {
        g_autofree char *m = money_rounded (style, s->currency, s->price);
        g_autofree char *t = money_rounded (style, s->currency, s->result);
        /* Translators: over the scenario's term, as in "; over the 12-month term, 43.22 USD × 12"
         * (followed by any upfront fee times the commitments, then the total) */
        g_string_append_printf (why, _("; over the %u-month term, %s × %u"), s->months, m,
                                s->months);
        if (s->count > 0 && !sky_decimal_is_zero (s->factor))
          {
            g_autofree char *u = money_rounded (style, s->currency, s->factor);
            g_string_append_printf (why, " + %s × %u", u, s->count);
          }
        g_string_append_printf (why, " = %s", t);
      }
      break;
    case SKY_PRICE_STEP_COMPONENTS:
      {
        g_autofree char *v = num (style, s->quantity), *m = num (style, s->usage);
        g_autofree char *vp = per_unit (style, s->currency, s->price, "vcpu-hour");
        g_autofree char *mp = per_unit (style, s->currency, s->factor, "gib-hour");
        g_autofree char *r = per_unit (style, s->currency, s->result, "hour");
        /* Translators: an hourly price made of a price per vCPU and one per GiB of memory,
         * as in
         * "(4 vCPU × 0.0413 USD/vCPU-hour + 16 GiB × 0.007 USD/GiB-hour = 0.2772 USD/Hour) " */
        g_string_append_printf (why, _("(%s vCPU × %s + %s GiB × %s = %s) "), v, vp, m, mp, r);
      }
      break;
    case SKY_PRICE_STEP_USAGE_BAND:
      {
        g_autofree char *q = num (style, s->quantity), *p = num (style, s->factor);
        if (s->count == 1)
          /* Translators: the usage discount by its id, then each band's share of one
           * instance's month, as in "; usage discount n2, each: 182.5 Hour at 0 % off" */
          g_string_append_printf (why, _("; usage discount %s, each: "), s->name);
        else
          g_string_append (why, " + ");
        g_string_append_printf (why, _("%s %s at %s %% off"), q, unit_title (s->unit), p);
      }
      break;
    case SKY_PRICE_STEP_DISCOUNTED:
      {
        g_autofree char *q = num (style, s->quantity), *n = num (style, s->usage);
        g_autofree char *r = num (style, s->result);
        const char *unit = unit_title (s->unit);
        /* Translators: what a usage discount leaves to bill at full price, per instance and
         * for all of them, as in " = 584.146 Hour at full price, × 3 = 1752.438 Hour" */
        g_string_append_printf (why, _(" = %s %s at full price, × %s = %s %s"), q, unit, n, r,
                                unit);
      }
      break;
    case SKY_PRICE_STEP_CAP:
      {
        g_autofree char *q = num (style, s->quantity), *cap = num (style, s->price);
        g_autofree char *cap_money = money_price (style, s->currency, s->price);
        g_autofree char *c = money_exact (style, s->currency, s->result);
        /* Translators: a monthly cap per instance, as in
         * "; capped at 24 USD a month each: 1 × 24 = 24.00 USD" */
        g_string_append_printf (why, _("; capped at %s a month each: %s × %s = %s"), cap_money,
                                q, cap, c);
      }
      break;
    case SKY_PRICE_STEP_MONTHS:
      {
        g_autofree char *r = num (style, s->result), *u = num (style, s->usage);
        /* Translators: the hours of a line billed by a commitment priced per month, in months,
         * as in " = 3 Month (730 Hour a month; a commitment bills every month)" */
        g_string_append_printf (why, _(" = %s %s (%s %s a month; a commitment bills every "
                                       "month)"), r, unit_title (s->unit), u,
                                unit_title (s->from_unit));
      }
      break;
    case SKY_PRICE_STEP_DEPLOYMENT:
      {
        g_autofree char *q = num (style, s->quantity), *r = num (style, s->result);
        g_autofree char *c = num (style, s->factor);
        gboolean more = sky_decimal_compare (s->factor, sky_decimal_from_int (1)) > 0 ||
                        s->months > 1;

        /* Translators: how a line is deployed and its quantity, as in "Across zones: 1" */
        g_string_append_printf (why, _("%s: %s"),
                                sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT,
                                                      s->name != NULL ? s->name : "single"), q);
        if (s->count > 0)
          /* Translators: a quantity raised to the least a deployment runs, as in ", priced as
           * 2 (instances across zones or fault domains are at least 2)" */
          g_string_append_printf (why, _(", priced as %u (instances across zones or fault "
                                         "domains are at least %u)"), s->count, s->count);
        if (sky_decimal_compare (s->factor, sky_decimal_from_int (1)) > 0)
          /* Translators: copies of a deployment, as in " × 2 copies (a standby billed like the
           * primary)" */
          g_string_append_printf (why, _(" × %s copies (a standby billed like the primary)"), c);
        if (s->months > 1)
          /* Translators: whole copies of a line in as many regions, as in " × 2 regions" */
          g_string_append_printf (why, _(" × %u regions"), s->months);
        if (more)
          g_string_append_printf (why, " = %s", r);
        g_string_append (why, "; ");
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* @steps (SkyPriceStep), as the one line of arithmetic shown for a priced line, its figures
 * in @style. */
char *
sky_explain_format (const GArray    *steps,
                    SkyExplainStyle  style)
{
  GString *why;

  g_return_val_if_fail (steps != NULL, NULL);

  why = g_string_new (NULL);
  for (guint i = 0; i < steps->len; i++)
    explain_step (why, &g_array_index (steps, SkyPriceStep, i), style);
  return g_string_free (why, FALSE);
}

/* @steps as the command line and files write them. */
char *
sky_explain_steps (const GArray *steps)
{
  return sky_explain_format (steps, SKY_EXPLAIN_PLAIN);
}

/* A priced line's whole explanation in @style: the sheet its price came from (when
 * @provider_name and @sheet_version are given), then its arithmetic. */
char *
sky_explain_line (const char      *provider_name,
                  const char      *sheet_version,
                  const GArray    *steps,
                  SkyExplainStyle  style)
{
  g_autofree char *arithmetic = NULL;

  g_return_val_if_fail (steps != NULL, NULL);

  arithmetic = sky_explain_format (steps, style);
  return sky_explain_source (provider_name, sheet_version, arithmetic);
}

/* Memos ------------------------------------------------------------------------------------ */

/* The lines of an estimate repeat the same steps (the same price, usage and rounding on many
 * lines): a memo keeps each distinct step's words, written once, for the lines after it. A
 * step's words depend on nothing but the step and the style. */

struct _SkyExplainMemo
{
  SkyExplainStyle  style;
  GHashTable      *texts;         /* SkyPriceStep (a copy) → its words */
};

static inline guint
decimal_hash (SkyDecimal value)
{
  guint64 low = (guint64) value.coef, high = (guint64) ((unsigned __int128) value.coef >> 64);

  return (guint) (low ^ (low >> 32) ^ high ^ (high >> 32)) * 31 + value.scale;
}

static guint
step_hash (gconstpointer key)
{
  const SkyPriceStep *s = key;
  guint h = s->kind;

  h = h * 31 + decimal_hash (s->quantity);
  h = h * 31 + decimal_hash (s->usage);
  h = h * 31 + decimal_hash (s->price);
  h = h * 31 + decimal_hash (s->factor);
  h = h * 31 + decimal_hash (s->result);
  h = h * 31 + s->months;
  h = h * 31 + s->count;
  return h;
}

static inline gboolean
same_decimal (SkyDecimal a,
              SkyDecimal b)
{
  return a.coef == b.coef && a.scale == b.scale;
}

/* The same step, written the same way: every field the words are made of. */
static gboolean
step_equal (gconstpointer a,
            gconstpointer b)
{
  const SkyPriceStep *x = a, *y = b;

  return x->kind == y->kind && same_decimal (x->quantity, y->quantity) &&
         same_decimal (x->usage, y->usage) && same_decimal (x->price, y->price) &&
         same_decimal (x->factor, y->factor) && same_decimal (x->result, y->result) &&
         x->months == y->months && x->count == y->count && x->committed == y->committed &&
         x->approximate == y->approximate && x->dev_test == y->dev_test &&
         g_strcmp0 (x->unit, y->unit) == 0 && g_strcmp0 (x->from_unit, y->from_unit) == 0 &&
         g_strcmp0 (x->currency, y->currency) == 0 &&
         g_strcmp0 (x->from_currency, y->from_currency) == 0 &&
         g_strcmp0 (x->date, y->date) == 0 && g_strcmp0 (x->name, y->name) == 0;
}

/* A memo of steps' words in @style, for the lines of one estimate. */
SkyExplainMemo *
sky_explain_memo_new (SkyExplainStyle style)
{
  SkyExplainMemo *memo = g_new0 (SkyExplainMemo, 1);

  memo->style = style;
  memo->texts = g_hash_table_new_full (step_hash, step_equal, g_free, g_free);
  return memo;
}

void
sky_explain_memo_free (SkyExplainMemo *memo)
{
  if (memo == NULL)
    return;
  g_hash_table_unref (memo->texts);
  g_free (memo);
}

/* As sky_explain_format() in @memo's style: the same text, each distinct step's words written
 * once. The units used by lines above differ from line to line: those are written each time. */
char *
sky_explain_memo_format (SkyExplainMemo *memo,
                         const GArray   *steps)
{
  GString *why;

  g_return_val_if_fail (memo != NULL && steps != NULL, NULL);

  why = g_string_new (NULL);
  for (guint i = 0; i < steps->len; i++)
    {
      const SkyPriceStep *s = &g_array_index (steps, SkyPriceStep, i);
      const char *text;

      if (s->kind == SKY_PRICE_STEP_AFTER)
        {
          explain_step (why, s, memo->style);
          continue;
        }
      text = g_hash_table_lookup (memo->texts, s);
      if (text == NULL)
        {
          GString *words = g_string_new (NULL);

          explain_step (words, s, memo->style);
          text = words->str;
          g_hash_table_insert (memo->texts, g_memdup2 (s, sizeof *s),
                               g_string_free (words, FALSE));
        }
      g_string_append (why, text);
    }
  return g_string_free (why, FALSE);
}
