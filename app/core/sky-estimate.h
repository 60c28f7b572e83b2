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
  SkyOfferDetails *offer;          /* the offer priced, when one matched; the provider's
                                    * (lines priced alike share one) */
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

/* A sheet an estimate's provider was priced from, and how old its prices are. */
typedef struct
{
  char       *version;
  char       *effective_date;      /* YYYY-MM-DD: "prices as of" */
  int         age_days;            /* negative when upcoming */
  gboolean    stale;               /* older than the estimate's stale_after_days */
} SkyEstimateSheet;

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
  GPtrArray  *sheets;              /* SkyEstimateSheet priced from, oldest first; empty if none */
  char       *prices_as_of;        /* the oldest sheet's date; NULL when there is no sheet */
  int         prices_age_days;
  gboolean    stale;               /* the oldest sheet is stale */
  GPtrArray  *offers;              /* SkyOfferDetails: owns its lines' offers */
} SkyEstimateProvider;

typedef struct
{
  char       *currency;
  guint       term_months;         /* the longest commitment of a priced line; at least 12 */
  SkyCompareBy compare_by;         /* the scenario's: what the cheapest is named by */
  GPtrArray  *providers;           /* SkyEstimateProvider */
  char       *today;               /* the day prices are aged to */
  guint       stale_after_days;
  GPtrArray  *notices;             /* char *: stale prices, providers' prices far apart */
} SkyEstimate;

/* A figure that re-pricing changes, and why. */
typedef struct
{
  char *provider_name;
  char *label;               /* the line's, or "Total" (translated) */
  char *before;              /* monthly, in the currency, or "—" when not priced; as the
                              * style of sky_estimate_changes() writes money */
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
                                       const SkyEstimate  *after,
                                       SkyExplainStyle     style);
void         sky_estimate_change_free (SkyEstimateChange  *change);
void         sky_estimate_record_sheets (const SkyEstimate *estimate,
                                         SkyScenario       *scenario);
gboolean     sky_estimate_provider_complete (const SkyEstimateProvider *provider);
char        *sky_estimate_provider_sheets (const SkyEstimateProvider *provider);
int          sky_estimate_cheapest_complete (const SkyEstimate *estimate);
char        *sky_estimate_money_display (const SkyEstimate *estimate,
                                        SkyDecimal         amount);
char        *sky_estimate_money       (const SkyEstimate  *estimate,
                                       SkyDecimal          amount);
void         sky_estimate_set_freshness (SkyEstimate   *estimate,
                                         const char    *today,
                                         guint          stale_after_days);
GPtrArray   *sky_estimate_freshness_notices (const SkyEstimate *estimate,
                                             guint              stale_after_days);
char        *sky_estimate_provider_freshness (const SkyEstimate         *estimate,
                                              const SkyEstimateProvider *provider);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyEstimate, sky_estimate_free)

G_END_DECLS
