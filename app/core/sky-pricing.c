/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-pricing"

#include "config.h"

#include "sky-currency.h"
#include "sky-pricing.h"
#include "sky-vocabulary.h"

/* How a line is billed (docs/scenario-format.md says the same for users):
 *
 * - A line costs quantity × usage units a month at its price. Reserved and savings-plan prices
 *   per hour bill every hour of the month, whatever the usage: that is the commitment. Priced
 *   per month for a line counted in time (Google Cloud's committed use), they bill every month:
 *   the month's hours, the scenario's, are one month of the price.
 * - A price's free allowance and volume tiers count the month's total of every line priced
 *   with that same price of that same offer (one slot), in the order the lines are priced: the
 *   first line uses the free allowance and the first tier first. Tiers start after the free
 *   allowance.
 * - An upfront fee is per unit of quantity, for the whole commitment; shown as paid when the
 *   commitment starts (cash) and spread over its months (effective monthly).
 * - The discount comes off the price and the upfront fee; then the exchange rate; then each
 *   figure is rounded once, half up, to the currency's minor unit.
 *
 * Arithmetic that does not fit sets the overflow flag, which the caller turns into an error:
 * no figure is shown then. */

/* Units of a price's unit counted so far: numerator / denominator, exactly. */
typedef struct
{
  SkyDecimal numerator;
  guint64    denominator;
} SkyCount;

struct _SkyPricing
{
  const char *currency;
  SkyDecimal  hours_per_month;
  GArray     *consumed;           /* SkyCount per slot: units billed so far */
  gboolean    overflow;
};

#define D(x) sky_decimal_from_int (x)

SkyPricing *
sky_pricing_new (const char *currency,
                 SkyDecimal  hours_per_month)
{
  SkyPricing *self;

  g_return_val_if_fail (currency != NULL, NULL);

  self = g_new0 (SkyPricing, 1);
  self->currency = g_intern_string (currency);
  self->hours_per_month = hours_per_month;
  self->consumed = g_array_new (FALSE, TRUE, sizeof (SkyCount));
  return self;
}

void
sky_pricing_free (SkyPricing *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->consumed);
  g_free (self);
}

/* Forgets the units counted so far: for another provider, or another month. */
void
sky_pricing_reset (SkyPricing *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->consumed, 0);
}

/* Whether a figure priced since sky_pricing_new() did not fit. */
gboolean
sky_pricing_overflowed (const SkyPricing *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->overflow;
}

void
sky_price_terms_clear (SkyPriceTerms *terms)
{
  g_clear_pointer (&terms->tiers, g_array_unref);
  g_clear_pointer (&terms->usage_bands, g_array_unref);
}

/* An array for sky_pricing_price_line()'s steps. */
GArray *
sky_price_steps_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (SkyPriceStep));
}

static SkyDecimal
add (SkyPricing *self, SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_add_or_flag (a, b, &self->overflow);
}

static SkyDecimal
sub (SkyPricing *self, SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_sub_or_flag (a, b, &self->overflow);
}

static SkyDecimal
mul (SkyPricing *self, SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_mul_or_flag (a, b, &self->overflow);
}

static SkyDecimal
dmax (SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_compare (a, b) >= 0 ? a : b;
}

static SkyDecimal
dmin (SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_compare (a, b) <= 0 ? a : b;
}

static SkyPriceStep *
push (GArray           *steps,
      SkyPriceStepKind  kind)
{
  SkyPriceStep step = { .kind = kind };

  if (steps == NULL)
    return NULL;
  step.quantity = step.usage = step.price = step.factor = step.result = D (0);
  g_array_append_val (steps, step);
  return &g_array_index (steps, SkyPriceStep, steps->len - 1);
}

static SkyCount *
counter (SkyPricing *self,
         guint       slot)
{
  if (slot >= self->consumed->len)
    {
      guint old = self->consumed->len;

      g_array_set_size (self->consumed, slot + 1);
      for (guint i = old; i <= slot; i++)
        g_array_index (self->consumed, SkyCount, i) = (SkyCount) { D (0), 1 };
    }
  return &g_array_index (self->consumed, SkyCount, slot);
}

static guint64
gcd (guint64 a,
     guint64 b)
{
  while (b != 0)
    {
      guint64 r = a % b;

      a = b;
      b = r;
    }
  return a;
}

/* A line's units in @from are so many @to times @numerator / @denominator, in lowest terms.
 * Both units are of one dimension; their sizes are below 2^64, and so are the products
 * (checked), as the vocabulary's sizes are. */
static gboolean
unit_ratio (const char *from,
            const char *to,
            guint64    *numerator,
            guint64    *denominator)
{
  const SkyUnit *f = sky_unit_lookup (from), *t = sky_unit_lookup (to);
  guint64 n, d, g;

  if (f == NULL || t == NULL || f->dimension != t->dimension ||
      __builtin_mul_overflow (f->numerator, t->denominator, &n) ||
      __builtin_mul_overflow (f->denominator, t->numerator, &d) || n == 0 || d == 0)
    return FALSE;
  g = gcd (n, d);
  *numerator = n / g;
  *denominator = d / g;
  return TRUE;
}

/* @value / @divisor as a step shows it: exactly when it has at most SKY_DECIMAL_MAX_SCALE
 * digits and fits, otherwise to 10 digits, with *@approximate set. Never used for a figure. */
static SkyDecimal
shown (SkyDecimal  value,
       guint64     divisor,
       gboolean   *approximate)
{
  SkyDecimal q = D (0), back;

  if (divisor == 1)
    return sky_decimal_normalize (value);
  for (guint scale = SKY_DECIMAL_MAX_SCALE; scale >= 10; scale -= 4)
    if (sky_decimal_div (value, D ((gint64) divisor), scale, SKY_ROUND_HALF_UP, &q))
      {
        if (sky_decimal_mul (q, D ((gint64) divisor), &back) &&
            sky_decimal_compare (back, value) == 0)
          return sky_decimal_normalize (q);
        break;
      }
  *approximate = TRUE;
  if (!sky_decimal_div (value, D ((gint64) divisor), 10, SKY_ROUND_HALF_UP, &q))
    q = D (0);
  return sky_decimal_normalize (q);
}

/* @value / @divisor rounded once to the currency's minor unit. */
static SkyDecimal
round_money (SkyPricing *self,
             SkyDecimal  value,
             guint64     divisor)
{
  SkyDecimal out = D (0);
  guint minor = 2;

  if (divisor == 1)
    return sky_currency_round (self->currency, value);
  sky_currency_lookup (self->currency, &minor);
  if (!sky_decimal_div (value, D ((gint64) divisor), minor, SKY_ROUND_HALF_UP, &out))
    self->overflow = TRUE;
  return out;
}

/* The units @quantity instances of @usage each a month are billed at full price after @t's
 * usage discount: each instance's units split into the bands by their share of the month's
 * hours, each band's units less its percent. @usage and the result are in the price's unit
 * times @common (see sky_pricing_price_line()), so a line in another unit of time is split
 * exactly too. */
static SkyDecimal
discounted_units (SkyPricing          *self,
                  const SkyPriceTerms *t,
                  SkyDecimal           quantity,
                  SkyDecimal           usage,
                  guint64              common,
                  GArray              *steps)
{
  SkyDecimal hundredth = sky_decimal_from_scaled (1, 2);
  SkyDecimal month = mul (self, self->hours_per_month, D ((gint64) common));
  SkyDecimal each = D (0), total;
  SkyPriceStep *step;
  guint n = 0;

  for (guint i = 0; i < t->usage_bands->len; i++)
    {
      const SkyUsageBand *band = &g_array_index (t->usage_bands, SkyUsageBand, i);
      SkyDecimal lo = mul (self, mul (self, month, band->from), hundredth);
      SkyDecimal hi = mul (self, mul (self, month, band->to), hundredth);
      SkyDecimal in_band;

      /* Hours past the month's, if a line has them, fall in the last band. */
      if (i + 1 == t->usage_bands->len)
        hi = dmax (hi, usage);
      in_band = dmax (D (0), sub (self, dmin (usage, hi), lo));
      if (sky_decimal_is_zero (in_band))
        continue;
      each = add (self, each, mul (self, mul (self, in_band, sub (self, D (100), band->percent)),
                                   hundredth));
      if ((step = push (steps, SKY_PRICE_STEP_USAGE_BAND)) != NULL)
        {
          step->count = ++n;
          step->quantity = shown (in_band, common, &step->approximate);
          step->factor = sky_decimal_normalize (band->percent);
          step->unit = t->unit;
          step->name = t->usage_discount;
        }
    }
  total = mul (self, quantity, each);
  if ((step = push (steps, SKY_PRICE_STEP_DISCOUNTED)) != NULL)
    {
      step->quantity = shown (each, common, &step->approximate);
      step->usage = sky_decimal_normalize (quantity);
      step->result = shown (total, common, &step->approximate);
      step->unit = t->unit;
    }
  return total;
}

/* sky_pricing_price_line(), or with @whole FALSE sky_pricing_price_month(). */
static void
price_line (SkyPricing          *self,
            const SkyPriceTerms *t,
            SkyDecimal           quantity,
            SkyDecimal           usage,
            SkyPricedLine       *out,
            GArray              *steps,
            gboolean             whole)
{
  SkyCount *consumed;
  SkyDecimal units, scaled, start, end, b0, b1, free_units, cost = D (0), upfront = D (0);
  guint64 numerator = 1, denominator = 1, common;
  gboolean approximate = FALSE;
  guint n_pieces = 0;
  SkyPriceStep *step;

  if (t->has_components && (step = push (steps, SKY_PRICE_STEP_COMPONENTS)) != NULL)
    {
      step->quantity = sky_decimal_normalize (t->vcpus);
      step->price = t->vcpu_price;
      step->usage = sky_decimal_normalize (t->memory_gib);
      step->factor = t->gib_price;
      step->result = sky_decimal_normalize (t->amount);
      step->currency = t->currency;
    }
  if (t->committed)
    {
      /* The month's hours, in the price's unit (in hours for a price per month); the line's
       * usage in its own. */
      const char *hours_unit = t->monthly_commitment ? g_intern_static_string ("hour")
                                                     : t->unit;

      out->usage = self->hours_per_month;
      if (t->line_unit != NULL && t->line_unit != hours_unit &&
          !sky_unit_convert (self->hours_per_month, sky_unit_lookup (hours_unit),
                             sky_unit_lookup (t->line_unit), 10, SKY_ROUND_HALF_UP,
                             &out->usage))
        self->overflow = TRUE;
      out->usage = sky_decimal_normalize (out->usage);
      /* A month of hours is one month of the commitment, in the price's unit. */
      if (t->monthly_commitment && !unit_ratio ("month", t->unit, &numerator, &denominator))
        self->overflow = TRUE;
    }
  else
    {
      out->usage = usage;
      if (t->line_unit != NULL && t->line_unit != t->unit &&
          !unit_ratio (t->line_unit, t->unit, &numerator, &denominator))
        self->overflow = TRUE;
    }
  out->has_break_even = FALSE;
  out->break_even_hours = D (0);
  units = t->monthly_commitment ? quantity
                                : mul (self, quantity, t->committed ? self->hours_per_month
                                                                    : usage);

  /* The units counted so far and this line's, over one denominator: a divisor of the price
   * unit's size, as every line's denominator is. */
  consumed = counter (self, t->slot);
  common = consumed->denominator / gcd (consumed->denominator, denominator) * denominator;
  start = mul (self, consumed->numerator, D ((gint64) (common / consumed->denominator)));
  scaled = mul (self, mul (self, units, D ((gint64) numerator)),
                D ((gint64) (common / denominator)));
  end = add (self, start, scaled);
  consumed->numerator = end;
  consumed->denominator = common;
  free_units = mul (self, t->free_units, D ((gint64) common));

  if ((step = push (steps, SKY_PRICE_STEP_USAGE)) != NULL)
    {
      step->quantity = sky_decimal_normalize (quantity);
      step->usage = sky_decimal_normalize (t->committed ? self->hours_per_month : out->usage);
      step->result = units;
      step->unit = t->monthly_commitment ? g_intern_static_string ("hour")
                 : t->committed || numerator == denominator ? t->unit : t->line_unit;
      step->committed = t->committed && !t->monthly_commitment;
    }
  if (t->monthly_commitment && (step = push (steps, SKY_PRICE_STEP_MONTHS)) != NULL)
    {
      step->quantity = sky_decimal_normalize (mul (self, quantity, self->hours_per_month));
      step->usage = sky_decimal_normalize (self->hours_per_month);
      step->result = sky_decimal_normalize (quantity);
      step->unit = g_intern_static_string ("month");
      step->from_unit = g_intern_static_string ("hour");
    }
  if (numerator != denominator && (step = push (steps, SKY_PRICE_STEP_CONVERT)) != NULL)
    {
      const char *from_unit = t->monthly_commitment ? g_intern_static_string ("month")
                                                    : t->line_unit;
      const SkyUnit *from = sky_unit_lookup (from_unit), *to = sky_unit_lookup (t->unit);

      step->quantity = sky_decimal_normalize (units);
      step->result = shown (scaled, common, &step->approximate);
      step->factor = D ((gint64) (from->numerator * to->denominator));
      step->price = D ((gint64) (from->denominator * to->numerator));
      step->unit = t->unit;
      step->from_unit = from_unit;
    }
  if (sky_decimal_compare (start, D (0)) > 0 && (step = push (steps, SKY_PRICE_STEP_AFTER)))
    {
      step->quantity = shown (start, common, &step->approximate);
      step->unit = t->unit;
    }
  if (!sky_decimal_is_zero (t->free_units) && (step = push (steps, SKY_PRICE_STEP_FREE)))
    {
      step->quantity = t->free_units;
      step->unit = t->unit;
    }

  /* The units billed: what lies past the free allowance, through the tiers. */
  b0 = dmax (D (0), sub (self, start, free_units));
  b1 = dmax (D (0), sub (self, end, free_units));
  if (t->tiers == NULL || t->tiers->len == 0)
    {
      SkyDecimal len = sub (self, b1, b0);

      /* A usage discount bills each instance's month: never with a free allowance. */
      if (t->usage_bands != NULL && !t->committed && sky_decimal_is_zero (t->free_units))
        len = discounted_units (self, t, quantity,
                                mul (self, mul (self, usage, D ((gint64) numerator)),
                                     D ((gint64) (common / denominator))),
                                common, steps);
      else if (sky_decimal_compare (len, scaled) != 0 &&
               (step = push (steps, SKY_PRICE_STEP_BILLABLE)))
        {
          step->quantity = shown (len, common, &step->approximate);
          step->unit = t->unit;
        }
      cost = mul (self, len, t->amount);
      if ((step = push (steps, SKY_PRICE_STEP_RATE)) != NULL)
        {
          step->quantity = shown (len, common, &step->approximate);
          step->price = t->amount;
          step->unit = t->unit;
          step->currency = t->currency;
          step->dev_test = t->dev_test;
        }
    }
  else
    {
      for (guint i = 0; i < t->tiers->len; i++)
        {
          const SkyPriceTier *tier = &g_array_index (t->tiers, SkyPriceTier, i);
          SkyDecimal lo = dmax (b0, mul (self, tier->from, D ((gint64) common)));
          SkyDecimal hi = tier->has_to ? dmin (b1, mul (self, tier->to, D ((gint64) common))) : b1;
          SkyDecimal len;

          if (sky_decimal_compare (hi, lo) <= 0)
            continue;
          len = sub (self, hi, lo);
          cost = add (self, cost, mul (self, len, tier->amount));
          n_pieces++;
          if ((step = push (steps, SKY_PRICE_STEP_RATE)) != NULL)
            {
              step->quantity = shown (len, common, &step->approximate);
              step->price = tier->amount;
              step->count = n_pieces;
              step->unit = t->unit;
              step->currency = t->currency;
              step->dev_test = t->dev_test;
            }
        }
      if (n_pieces == 0)
        push (steps, SKY_PRICE_STEP_NOTHING);
    }
  if (t->price_date != NULL && (step = push (steps, SKY_PRICE_STEP_PRICE_DATE)) != NULL)
    step->date = t->price_date;
  if ((step = push (steps, SKY_PRICE_STEP_COST)) != NULL)
    {
      step->result = shown (cost, common, &step->approximate);
      step->currency = t->currency;
    }
  /* One instance's month costs at most the cap. */
  if (t->has_monthly_cap && !t->committed &&
      sky_decimal_compare (cost, mul (self, mul (self, quantity, t->monthly_cap),
                                      D ((gint64) common))) > 0)
    {
      cost = mul (self, mul (self, quantity, t->monthly_cap), D ((gint64) common));
      if ((step = push (steps, SKY_PRICE_STEP_CAP)) != NULL)
        {
          step->quantity = sky_decimal_normalize (quantity);
          step->price = sky_decimal_normalize (t->monthly_cap);
          step->result = shown (cost, common, &step->approximate);
          step->currency = t->currency;
        }
    }
  if (t->has_upfront_fee)
    upfront = mul (self, quantity, t->upfront_fee);

  if (t->has_discount && !sky_decimal_is_zero (t->discount))
    {
      SkyDecimal factor = mul (self, sub (self, D (100), t->discount),
                               sky_decimal_from_scaled (1, 2));

      cost = mul (self, cost, factor);
      upfront = mul (self, upfront, factor);
      if ((step = push (steps, SKY_PRICE_STEP_DISCOUNT)) != NULL)
        {
          step->factor = sky_decimal_normalize (t->discount);
          step->result = shown (cost, common, &step->approximate);
          step->currency = t->currency;
        }
    }
  if (t->has_rate)
    {
      cost = mul (self, cost, t->rate);
      upfront = mul (self, upfront, t->rate);
      if ((step = push (steps, SKY_PRICE_STEP_EXCHANGE)) != NULL)
        {
          step->factor = sky_decimal_normalize (t->rate);
          step->result = shown (cost, common, &step->approximate);
          step->currency = self->currency;
          step->from_currency = t->currency;
          step->date = t->rate_date;
        }
    }

  out->monthly = round_money (self, cost, common);
  out->upfront = sky_currency_round (self->currency, upfront);
  if (steps != NULL && sky_decimal_compare (shown (cost, common, &approximate), out->monthly) != 0 &&
      (step = push (steps, SKY_PRICE_STEP_ROUND)))
    {
      step->result = out->monthly;
      step->currency = self->currency;
    }
  if (!whole)
    {
      out->effective_monthly = out->monthly;
      out->yearly = D (0);
      return;
    }
  if (t->term_months > 0 && !sky_decimal_is_zero (upfront))
    {
      SkyDecimal spread = D (0);

      if (!sky_decimal_div (upfront, D (t->term_months), 10, SKY_ROUND_HALF_UP, &spread))
        self->overflow = TRUE;
      out->effective_monthly = round_money (self, add (self, cost,
                                                       mul (self, spread, D ((gint64) common))),
                                            common);
      if ((step = push (steps, SKY_PRICE_STEP_UPFRONT)) != NULL)
        {
          step->quantity = sky_decimal_normalize (quantity);
          step->price = t->upfront_fee;
          step->result = out->upfront;
          step->months = t->term_months;
          step->currency = self->currency;
          step->from_currency = t->currency;
        }
      if ((step = push (steps, SKY_PRICE_STEP_AMORTISED)) != NULL)
        {
          step->price = shown (cost, common, &step->approximate);
          step->factor = upfront;
          step->months = t->term_months;
          step->result = out->effective_monthly;
          step->currency = self->currency;
        }
    }
  else
    out->effective_monthly = out->monthly;
  out->yearly = add (self, mul (self, out->monthly, D (12)), out->upfront);

  /* Against the same offer on demand: the hours a month at which the commitment pays. */
  if (t->committed && t->has_on_demand && sky_decimal_compare (t->on_demand, D (0)) > 0)
    {
      SkyDecimal per_month = mul (self, t->amount, self->hours_per_month);
      SkyDecimal spread = D (0);

      /* A price per month (or year) is the month's already: its hours are the scenario's. */
      if (t->monthly_commitment &&
          !sky_decimal_div (mul (self, t->amount, D ((gint64) numerator)),
                            D ((gint64) denominator), 10, SKY_ROUND_HALF_UP, &per_month))
        self->overflow = TRUE;

      if (t->has_upfront_fee &&
          !sky_decimal_div (t->upfront_fee, D (t->term_months), 10, SKY_ROUND_HALF_UP, &spread))
        self->overflow = TRUE;
      out->has_break_even = sky_decimal_div (add (self, per_month, spread), t->on_demand, 2,
                                             SKY_ROUND_HALF_UP, &out->break_even_hours);
      if (out->has_break_even && (step = push (steps, SKY_PRICE_STEP_BREAK_EVEN)) != NULL)
        {
          step->result = out->break_even_hours;
          step->price = t->on_demand;
          step->currency = t->currency;
          step->unit = g_intern_static_string ("hour");
        }
    }
}

/* The quantity a deployment bills: at least its minimum, times its copies, times its regions;
 * @quantity itself for a single deployment in one region. */
static SkyDecimal
deployed_quantity (SkyPricing          *self,
                   const SkyPriceTerms *t,
                   SkyDecimal           quantity,
                   GArray              *steps)
{
  guint copies = MAX (t->copies, 1), regions = MAX (t->regions, 1);
  gboolean raised = t->min_quantity > 0 &&
                    sky_decimal_compare (quantity, D ((gint64) t->min_quantity)) < 0;
  SkyDecimal billed = raised ? D ((gint64) t->min_quantity) : quantity;
  SkyPriceStep *step;

  if (!raised && copies == 1 && regions == 1)
    return quantity;
  billed = mul (self, mul (self, billed, D ((gint64) copies)), D ((gint64) regions));
  if ((step = push (steps, SKY_PRICE_STEP_DEPLOYMENT)) != NULL)
    {
      step->quantity = sky_decimal_normalize (quantity);
      step->count = raised ? t->min_quantity : 0;
      step->factor = D ((gint64) copies);
      step->months = regions;
      step->name = t->deployment;
      step->result = sky_decimal_normalize (billed);
    }
  return billed;
}

/* Prices @quantity × @usage (per unit per month; an hourly commitment bills the month's hours
 * instead) with @terms, after the units the lines priced before it used of the same slot.
 * Appends the arithmetic to @steps (SkyPriceStep) unless it is NULL.
 *
 * A line in another unit than the price's (@terms' line_unit) is converted by folding the
 * ratio into the line's one rounding: its units are multiplied by the ratio's numerator, the
 * free quantity, the tiers and the units counted so far by its denominator (all exact), and
 * the cost is divided by that denominator only when it is rounded to the minor unit. The
 * quantities in the price's unit are worked out for the steps only. */
void
sky_pricing_price_line (SkyPricing          *self,
                        const SkyPriceTerms *t,
                        SkyDecimal           quantity,
                        SkyDecimal           usage,
                        SkyPricedLine       *out,
                        GArray              *steps)
{
  g_return_if_fail (self != NULL && t != NULL && out != NULL);

  quantity = deployed_quantity (self, t, quantity, steps);
  price_line (self, t, quantity, usage, out, steps, TRUE);
}

/* As sky_pricing_price_line(), with no steps, for a month of a projection: only the monthly
 * figure and the upfront fee (and the usage), which are exactly the ones
 * sky_pricing_price_line() gives; the effective monthly figure is the monthly one, the yearly
 * one zero and there is no break-even. */
void
sky_pricing_price_month (SkyPricing          *self,
                         const SkyPriceTerms *t,
                         SkyDecimal           quantity,
                         SkyDecimal           usage,
                         SkyPricedLine       *out)
{
  g_return_if_fail (self != NULL && t != NULL && out != NULL);

  quantity = deployed_quantity (self, t, quantity, NULL);
  price_line (self, t, quantity, usage, out, NULL, FALSE);
}

/* The same number written the same way: then every figure made of it is the same. */
static inline gboolean
same (SkyDecimal a,
      SkyDecimal b)
{
  return a.coef == b.coef && a.scale == b.scale;
}

/* Whether @a and @b are the same price for a line, number for number: then a line priced with
 * either comes to the same figures after the same units of its slot. */
gboolean
sky_price_terms_equal (const SkyPriceTerms *a,
                       const SkyPriceTerms *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

#define SAME(field) (a->field == b->field)
#define SAME_DEC(field) (same (a->field, b->field))
  if (!(SAME (slot) && SAME (unit) && SAME (line_unit) && SAME (currency) && SAME (price_date) &&
        SAME_DEC (amount) && SAME_DEC (free_units) && SAME (has_upfront_fee) &&
        SAME_DEC (upfront_fee) && SAME (term_months) && SAME (committed) &&
        SAME (monthly_commitment) && SAME (has_discount) && SAME_DEC (discount) &&
        SAME (has_rate) && SAME_DEC (rate) && SAME (rate_date) && SAME (has_on_demand) &&
        SAME_DEC (on_demand) && SAME (has_monthly_cap) && SAME_DEC (monthly_cap) &&
        SAME (usage_discount) && SAME (has_components) && SAME_DEC (vcpus) &&
        SAME_DEC (vcpu_price) && SAME_DEC (memory_gib) && SAME_DEC (gib_price) &&
        SAME (dev_test) && SAME (min_quantity) && SAME (copies) && SAME (regions) &&
        g_strcmp0 (a->deployment, b->deployment) == 0))
    return FALSE;
#undef SAME
#undef SAME_DEC
  if ((a->tiers != NULL ? a->tiers->len : 0) != (b->tiers != NULL ? b->tiers->len : 0) ||
      (a->usage_bands != NULL) != (b->usage_bands != NULL) ||
      (a->usage_bands != NULL && a->usage_bands->len != b->usage_bands->len))
    return FALSE;
  for (guint i = 0; a->tiers != NULL && i < a->tiers->len; i++)
    {
      const SkyPriceTier *x = &g_array_index (a->tiers, SkyPriceTier, i);
      const SkyPriceTier *y = &g_array_index (b->tiers, SkyPriceTier, i);

      if (!same (x->from, y->from) || !same (x->to, y->to) || x->has_to != y->has_to ||
          !same (x->amount, y->amount))
        return FALSE;
    }
  for (guint i = 0; a->usage_bands != NULL && i < a->usage_bands->len; i++)
    {
      const SkyUsageBand *x = &g_array_index (a->usage_bands, SkyUsageBand, i);
      const SkyUsageBand *y = &g_array_index (b->usage_bands, SkyUsageBand, i);

      if (!same (x->from, y->from) || !same (x->to, y->to) || !same (x->percent, y->percent))
        return FALSE;
    }
  return TRUE;
}

/* Whether a line priced with @t comes to figures that depend on the units the lines before it
 * counted in its slot: a free allowance or tiers. Without them, lines priced alike come to the
 * same figures wherever they stand. */
gboolean
sky_price_terms_counts_units (const SkyPriceTerms *t)
{
  g_return_val_if_fail (t != NULL, TRUE);

  return (t->tiers != NULL && t->tiers->len > 0) || !sky_decimal_is_zero (t->free_units);
}

/* Memos ------------------------------------------------------------------------------------ */

/* A projection prices every line again each month, and most lines with what they had the month
 * before: the same price, quantity and usage, after the same units of their slot. What a line
 * was last priced with and came to is kept, a few times over (the months price each line for
 * the expected, low and high quantities, and commitments on demand too), so that pricing it
 * alike takes its figures again instead of working them out: the same figures, since they
 * depend on nothing else. */

#define MEMO_WAYS 4

typedef struct
{
  const SkyPriceTerms *terms;     /* NULL: nothing kept */
  SkyDecimal           quantity;
  SkyDecimal           usage;
  SkyCount             before;    /* the slot's units before the line */
  SkyCount             after;
  SkyPricedLine        out;
} MemoEntry;

struct _SkyPricingMemo
{
  guint      n_lines;
  MemoEntry *entries;             /* MEMO_WAYS per line */
  guint8    *next;                /* per line: the entry to replace next */
};

SkyPricingMemo *
sky_pricing_memo_new (guint n_lines)
{
  SkyPricingMemo *memo = g_new0 (SkyPricingMemo, 1);

  memo->n_lines = n_lines;
  memo->entries = g_new0 (MemoEntry, (gsize) MAX (n_lines, 1) * MEMO_WAYS);
  memo->next = g_new0 (guint8, MAX (n_lines, 1));
  return memo;
}

void
sky_pricing_memo_free (SkyPricingMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->entries);
  g_free (memo->next);
  g_free (memo);
}

static inline gboolean
same_count (const SkyCount *a,
            const SkyCount *b)
{
  return a->denominator == b->denominator && same (a->numerator, b->numerator);
}

/* As sky_pricing_price_month(), for line @line of @memo's: its figures as they were when it was
 * last priced alike, else worked out and kept. A memo is for the terms of one resolving: the
 * terms it keeps must outlive it. */
void
sky_pricing_price_month_memo (SkyPricing          *self,
                              SkyPricingMemo      *memo,
                              guint                line,
                              const SkyPriceTerms *t,
                              SkyDecimal           quantity,
                              SkyDecimal           usage,
                              SkyPricedLine       *out)
{
  MemoEntry *entries, *e;
  SkyCount *consumed;

  g_return_if_fail (self != NULL && memo != NULL && t != NULL && out != NULL);
  g_return_if_fail (line < memo->n_lines);

  quantity = deployed_quantity (self, t, quantity, NULL);
  entries = &memo->entries[(gsize) line * MEMO_WAYS];
  consumed = counter (self, t->slot);
  for (guint i = 0; i < MEMO_WAYS; i++)
    {
      e = &entries[i];
      if (e->terms == t && same (e->quantity, quantity) && same (e->usage, usage) &&
          same_count (&e->before, consumed))
        {
          *consumed = e->after;
          *out = e->out;
          return;
        }
    }

  e = &entries[memo->next[line]];
  memo->next[line] = (memo->next[line] + 1) % MEMO_WAYS;
  e->terms = t;
  e->quantity = quantity;
  e->usage = usage;
  e->before = *consumed;
  price_line (self, t, quantity, usage, out, NULL, FALSE);
  /* Pricing may have grown the counters: the slot's is looked up again. */
  e->after = *counter (self, t->slot);
  e->out = *out;
}

/* What @line costs over @term_months (the scenario's term): its monthly figure every month and,
 * for a commitment of @line_months, its upfront fee at every renewal. */
SkyDecimal
sky_pricing_term_total (SkyPricing          *self,
                        const SkyPricedLine *line,
                        guint                line_months,
                        guint                term_months,
                        GArray              *steps)
{
  guint renewals = line_months > 0 ? (term_months + line_months - 1) / line_months : 0;
  SkyDecimal total;
  SkyPriceStep *step;

  g_return_val_if_fail (self != NULL && line != NULL, D (0));

  total = add (self, mul (self, line->monthly, D (term_months)),
               renewals > 0 ? mul (self, line->upfront, D (renewals)) : D (0));
  if (line_months > 0 && (step = push (steps, SKY_PRICE_STEP_TERM_TOTAL)) != NULL)
    {
      step->price = line->monthly;
      step->months = term_months;
      step->factor = line->upfront;
      step->count = renewals;
      step->result = total;
      step->currency = self->currency;
    }
  return total;
}

/* The share of an @upfront fee (already rounded to @currency's minor unit) that month @month
 * (from 0) of a commitment of @months carries: the fee divided by the months, cut to the minor
 * unit, and the last month the remainder, so that the months add up to the fee exactly. FALSE
 * when the fee does not fit. */
gboolean
sky_pricing_amortised_share (const char *currency,
                             SkyDecimal  upfront,
                             guint       months,
                             guint       month,
                             SkyDecimal *share)
{
  guint minor = 2;
  gint64 total, each;

  g_return_val_if_fail (share != NULL, FALSE);
  g_return_val_if_fail (months > 0 && month < months, FALSE);

  sky_currency_lookup (currency, &minor);
  if (!sky_decimal_to_scaled_int64 (upfront, minor, &total))
    return FALSE;
  each = total / (gint64) months;
  *share = sky_decimal_from_scaled (month + 1 < months ? each
                                                       : total - each * (gint64) (months - 1),
                                    minor);
  return TRUE;
}
