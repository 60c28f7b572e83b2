/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-decimal.h"

G_BEGIN_DECLS

/* Pricing: the arithmetic of a line's figures from the price resolving chose for it, with no
 * catalog and no scenario file. It returns the figures and, when asked, the steps that made
 * them, from which the explanation is written (sky-explain.h). */

typedef struct
{
  SkyDecimal from;
  SkyDecimal to;
  gboolean   has_to;              /* FALSE for the last, open-ended tier */
  SkyDecimal amount;              /* per unit */
} SkyPriceTier;

/* A band of a usage discount: the hours between @from and @to percent of the month's hours
 * cost @percent less. */
typedef struct
{
  SkyDecimal from;
  SkyDecimal to;
  SkyDecimal percent;
} SkyUsageBand;

/* The price a line uses, in numbers. Strings are interned (g_intern_string). */
typedef struct
{
  guint        slot;              /* lines of a provider with the same slot (the same price of
                                   * the same offer) count their units together */
  const char  *unit;              /* the price's */
  const char  *line_unit;         /* the line's, when it is another unit of the price's
                                   * dimension: its usage is converted; NULL otherwise */
  const char  *currency;          /* the offer's */
  const char  *price_date;        /* the price's own effective date when it is not its
                                   * sheet's; NULL otherwise */
  SkyDecimal   amount;            /* per unit, for a flat price */
  GArray      *tiers;             /* SkyPriceTier; empty for a flat price */
  SkyDecimal   free_units;        /* a month, before the first tier */
  gboolean     has_upfront_fee;
  SkyDecimal   upfront_fee;       /* per unit of quantity, for the whole commitment */
  guint        term_months;       /* the commitment's; 0 without one */
  gboolean     committed;         /* an hourly commitment bills every hour of the month */
  gboolean     monthly_commitment; /* committed, priced per month (or year) for a line in a
                                   * unit of time: it bills every month, the month's hours
                                   * (the scenario's) being one month */
  gboolean     has_discount;
  SkyDecimal   discount;          /* in percent, off the price and the upfront fee */
  gboolean     has_rate;          /* the offer's currency is not the scenario's */
  SkyDecimal   rate;              /* scenario currency per offer currency */
  const char  *rate_date;
  gboolean     has_on_demand;
  SkyDecimal   on_demand;         /* the same offer's hourly on-demand price: for break-even */
  gboolean     has_monthly_cap;
  SkyDecimal   monthly_cap;       /* a unit of quantity costs at most this a month */
  const char  *usage_discount;    /* the usage discount's id, or NULL */
  GArray      *usage_bands;       /* SkyUsageBand of it, from 0 to 100; NULL without one */
  gboolean     has_components;    /* amount is vcpus × vcpu_price + memory_gib × gib_price */
  SkyDecimal   vcpus;
  SkyDecimal   vcpu_price;
  SkyDecimal   memory_gib;
  SkyDecimal   gib_price;
  gboolean     dev_test;          /* a dev/test price, in place of the on-demand one */
  /* How the line is deployed (sky-sla.h): its quantity is billed at least @min_quantity times
   * (instances across zones), then @copies times (a standby billed like the primary), in
   * @regions regions. 0 reads as none, 1, 1. */
  const char  *deployment;        /* an id of SKY_VOCABULARY_DEPLOYMENT; NULL: single */
  guint        min_quantity;
  guint        copies;
  guint        regions;
} SkyPriceTerms;

/* A line's figures, in the scenario's currency, each rounded once to its minor unit. */
typedef struct
{
  SkyDecimal usage;               /* per unit of quantity per month, as billed */
  SkyDecimal monthly;
  SkyDecimal upfront;
  SkyDecimal effective_monthly;   /* monthly plus the upfront spread over the commitment */
  SkyDecimal yearly;              /* twelve months and the upfront */
  gboolean   has_break_even;
  SkyDecimal break_even_hours;    /* two decimals */
} SkyPricedLine;

typedef enum
{
  SKY_PRICE_STEP_USAGE,           /* quantity × usage = result units; committed */
  SKY_PRICE_STEP_CONVERT,         /* quantity from_unit = result unit (× factor / price): the
                                   * line's units in the price's; approximate when the result
                                   * has more digits than shown */
  SKY_PRICE_STEP_AFTER,           /* quantity units already used by lines above */
  SKY_PRICE_STEP_FREE,            /* quantity units a month free */
  SKY_PRICE_STEP_BILLABLE,        /* quantity units left to bill at a flat price */
  SKY_PRICE_STEP_RATE,            /* quantity units × price; count: 0 flat, else the piece */
  SKY_PRICE_STEP_NOTHING,         /* no unit to bill */
  SKY_PRICE_STEP_PRICE_DATE,      /* the price holds from date, not from its sheet's date */
  SKY_PRICE_STEP_COST,            /* result, in currency */
  SKY_PRICE_STEP_DISCOUNT,        /* less factor percent = result */
  SKY_PRICE_STEP_EXCHANGE,        /* × factor currency per from_currency (date) = result */
  SKY_PRICE_STEP_ROUND,           /* ≈ result, rounded to the currency's minor unit */
  SKY_PRICE_STEP_UPFRONT,         /* quantity × price = result, over months */
  SKY_PRICE_STEP_AMORTISED,       /* price (the month) + factor (the upfront) / months =
                                   * result a month */
  SKY_PRICE_STEP_BREAK_EVEN,      /* result hours a month against price on demand */
  SKY_PRICE_STEP_TERM_TOTAL,      /* price × months + factor × count = result */
  SKY_PRICE_STEP_COMPONENTS,      /* quantity vCPU × price + usage GiB × factor = result per
                                   * hour */
  SKY_PRICE_STEP_USAGE_BAND,      /* band count of usage discount name: quantity units of one
                                   * instance's month at factor percent off */
  SKY_PRICE_STEP_DISCOUNTED,      /* = quantity units at full price, × usage instances =
                                   * result units */
  SKY_PRICE_STEP_CAP,             /* over the monthly cap price each: quantity × price =
                                   * result */
  SKY_PRICE_STEP_MONTHS,          /* quantity from_unit = result unit, usage from_unit a
                                   * month: a commitment per month bills every month */
  SKY_PRICE_STEP_DEPLOYMENT,      /* quantity (at least count when count > 0) × factor copies
                                   * of deployment name × months regions = result billed */
} SkyPriceStepKind;

/* One step of a line's arithmetic. Which fields a kind uses is said beside it above; strings
 * are interned. */
typedef struct
{
  SkyPriceStepKind  kind;
  SkyDecimal        quantity;
  SkyDecimal        usage;
  SkyDecimal        price;
  SkyDecimal        factor;
  SkyDecimal        result;
  guint             months;
  guint             count;
  gboolean          committed;
  gboolean          approximate;  /* quantity or result was rounded to be shown: "≈" */
  gboolean          dev_test;     /* RATE: the price is a dev/test price */
  const char       *unit;
  const char       *from_unit;
  const char       *currency;
  const char       *from_currency;
  const char       *date;
  const char       *name;
} SkyPriceStep;

typedef struct _SkyPricing SkyPricing;

SkyPricing *sky_pricing_new            (const char          *currency,
                                        SkyDecimal           hours_per_month);
void        sky_pricing_free           (SkyPricing          *self);
void        sky_pricing_reset          (SkyPricing          *self);
gboolean    sky_pricing_overflowed     (const SkyPricing    *self);
void        sky_pricing_price_line     (SkyPricing          *self,
                                        const SkyPriceTerms *terms,
                                        SkyDecimal           quantity,
                                        SkyDecimal           usage,
                                        SkyPricedLine       *out,
                                        GArray              *steps);
void        sky_pricing_price_month    (SkyPricing          *self,
                                        const SkyPriceTerms *terms,
                                        SkyDecimal           quantity,
                                        SkyDecimal           usage,
                                        SkyPricedLine       *out);
SkyDecimal  sky_pricing_term_total     (SkyPricing          *self,
                                        const SkyPricedLine *line,
                                        guint                line_months,
                                        guint                term_months,
                                        GArray              *steps);
gboolean    sky_pricing_amortised_share (const char         *currency,
                                         SkyDecimal          upfront,
                                         guint               months,
                                         guint               month,
                                         SkyDecimal         *share);
void        sky_price_terms_clear      (SkyPriceTerms       *terms);
GArray     *sky_price_steps_new        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyPricing, sky_pricing_free)

G_END_DECLS
