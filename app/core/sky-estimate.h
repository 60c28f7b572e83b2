/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-explain.h"
#include "sky-pricing.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_ESTIMATE_ERROR (sky_estimate_error_quark ())

/* What every computation of the scenario's figures says of one that does not fit. */
#define SKY_ESTIMATE_OVERFLOW_MESSAGE "A figure of the scenario is too large to compute exactly"

typedef enum
{
  SKY_ESTIMATE_ERROR_NO_PROVIDER,   /* nothing to price on */
  SKY_ESTIMATE_ERROR_NO_SHEET,      /* a sheet the scenario names is not in the catalog */
  SKY_ESTIMATE_ERROR_OVERFLOW,
} SkyEstimateError;

typedef enum
{
  SKY_LINE_PRICED,
  SKY_LINE_NO_MATCH,                /* no offer of this provider meets the line */
  SKY_LINE_NOT_PRICED,              /* an offer matched but cannot be priced: see reason */
} SkyLineStatus;

/* One line of a scenario on one provider. Money is in the scenario's currency, rounded once to
 * its minor unit; sums of lines are the totals shown. */
typedef struct
{
  guint            index;          /* in the scenario's lines */
  char            *label;
  char            *group;          /* never NULL: "" when the line has none */
  SkyLineStatus    status;
  char            *reason;         /* why it is not priced */
  SkyOfferDetails *offer;          /* the offer priced, when one matched */
  guint            price_index;    /* in offer->prices */
  SkyDecimal       quantity;
  SkyDecimal       usage;          /* per unit of quantity per month, as billed */
  char            *unit;
  char            *term;
  guint            term_months;    /* the commitment: 12, 36, or 0 */
  SkyDecimal       monthly;        /* billed every month */
  SkyDecimal       upfront;        /* paid when the commitment starts */
  SkyDecimal       effective_monthly; /* monthly plus the upfront spread over the commitment */
  SkyDecimal       yearly;         /* the first year's cash: 12 months and any upfront */
  SkyDecimal       term_total;     /* over the scenario's term, renewing shorter commitments */
  gboolean         has_break_even;
  SkyDecimal       break_even_hours; /* below this many hours a month, on-demand costs less */
  char            *explanation;    /* one line of arithmetic, written from @steps */
  GArray          *steps;          /* SkyPriceStep: how the figures were made; NULL unless
                                    * priced */
} SkyEstimateLine;

typedef struct
{
  char       *name;                /* "" for lines without a group */
  SkyDecimal  monthly;
  SkyDecimal  upfront;
  SkyDecimal  effective_monthly;
  SkyDecimal  yearly;
  SkyDecimal  term_total;
} SkyEstimateGroup;

typedef struct
{
  char       *provider;
  char       *provider_name;
  char       *provider_short_name; /* for narrow places; the name when the sheet gave none */
  char       *sheet_version;       /* the sheet requirements were resolved in; NULL if none */
  GPtrArray  *lines;               /* SkyEstimateLine, in the scenario's order */
  GPtrArray  *groups;              /* SkyEstimateGroup, in order of first appearance */
  guint       n_unpriced;
  SkyDecimal  monthly;
  SkyDecimal  upfront;
  SkyDecimal  effective_monthly;
  SkyDecimal  yearly;
  SkyDecimal  term_total;
  SkyDecimal  credits;             /* credits used, at most the first year's total */
  SkyDecimal  yearly_net;          /* yearly less credits */
  SkyDecimal  term_net;            /* term total less credits */
} SkyEstimateProvider;

typedef struct
{
  char       *currency;
  guint       term_months;         /* the longest commitment of a priced line; at least 12 */
  SkyCompareBy compare_by;         /* the scenario's: what the cheapest is named by */
  GPtrArray  *providers;           /* SkyEstimateProvider */
} SkyEstimate;

/* A figure that re-pricing changes, and why. */
typedef struct
{
  char *provider_name;
  char *label;               /* the line's, or "Total" */
  char *before;              /* monthly, in the currency, or "—" when not priced */
  char *after;
  char *why;
} SkyEstimateChange;

GQuark       sky_estimate_error_quark (void);

SkyEstimate *sky_estimate_compute     (SkyCatalog         *catalog,
                                       const SkyScenario  *scenario,
                                       const char * const *providers,
                                       gboolean            current_sheets,
                                       GError            **error);
void         sky_estimate_free        (SkyEstimate        *estimate);
GPtrArray   *sky_estimate_changes     (const SkyEstimate  *before,
                                       const SkyEstimate  *after);
void         sky_estimate_change_free (SkyEstimateChange  *change);
void         sky_estimate_record_sheets (const SkyEstimate *estimate,
                                         SkyScenario       *scenario);
gboolean     sky_estimate_provider_complete (const SkyEstimateProvider *provider);
char        *sky_estimate_provider_sheets (const SkyEstimateProvider *provider);
int          sky_estimate_cheapest_complete (const SkyEstimate *estimate);
char        *sky_estimate_money       (const SkyEstimate  *estimate,
                                       SkyDecimal          amount);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyEstimate, sky_estimate_free)

G_END_DECLS
