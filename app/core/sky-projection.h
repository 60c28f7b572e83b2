/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-estimate.h"

G_BEGIN_DECLS

/* One provider's months. Figures are indexed [line × months + month], months from 0. */
typedef struct
{
  char       *provider;
  char       *provider_name;
  char       *provider_short_name; /* for narrow places; the name when the sheet gave none */
  char       *sheet_version;
  guint       n_lines;
  GPtrArray  *labels;             /* char *, per line */
  GPtrArray  *groups;             /* char *, per line; "" without one */
  GPtrArray  *sheet_versions;     /* char *, per line: the sheet its offer came from; NULL
                                   * without an offer */
  GArray     *priced;             /* gboolean per line: priced in every month */
  SkyDecimal *cash;               /* what is paid that month: upfront fees in their month */
  SkyDecimal *amortised;          /* upfront fees spread over their commitments, whose months
                                   * add up to the fee paid (the last takes the remainder) */
  SkyDecimal *total_cash;         /* per month, the sum of the lines */
  SkyDecimal *total_amortised;
  SkyDecimal *upfront;            /* the upfront fees within cash: in the months they are paid */
  SkyDecimal *low;                /* per month: the cash total with every low estimate */
  SkyDecimal *high;               /* … and with every high one */
  SkyDecimal *low_upfront;        /* per month: the upfront fees within low … */
  SkyDecimal *high_upfront;       /* … and within high */
  int        *break_even;         /* per line: the month (from 1) a commitment has cost no
                                   * more than on demand would have, since month 1; 0 if
                                   * never within the projection; -1 for no commitment */
  /* Against the budget, when there is one (0: never exceeded): */
  guint       first_month_over;   /* the first month whose cash total is over the monthly cap */
  guint       first_year_over;    /* the first twelve months (1, 2, …) over the yearly cap */
  SkyDecimal  headroom;           /* the monthly cap less the first month's cash total */
  GArray     *group_first_over;   /* guint per budget group cap */
} SkyProjectionProvider;

typedef struct
{
  char      *currency;
  guint      months;
  GPtrArray *providers;           /* SkyProjectionProvider */
} SkyProjection;

/* A provider's standing against the scenario's budget. */
typedef enum
{
  SKY_BUDGET_NONE,                /* no budget is set */
  SKY_BUDGET_WITHIN,              /* every cap is kept, every month */
  SKY_BUDGET_OVER,                /* some cap is exceeded, even with lines left out */
  SKY_BUDGET_CANNOT_JUDGE,        /* caps are kept, but lines are not priced */
} SkyBudgetVerdict;

SkyProjection *sky_projection_compute (SkyCatalog         *catalog,
                                       const SkyScenario  *scenario,
                                       const char * const *providers,
                                       guint               months,
                                       GError            **error);
SkyProjection *sky_projection_ref     (SkyProjection      *projection);
void           sky_projection_free    (SkyProjection      *projection);
guint          sky_projection_unpriced (const SkyProjectionProvider *provider);
gboolean       sky_projection_complete (const SkyProjectionProvider *provider);
int            sky_projection_cheapest_complete (const SkyProjection *projection);
SkyBudgetVerdict sky_projection_verdict (const SkyScenario           *scenario,
                                         const SkyProjectionProvider *provider);
gboolean       sky_projection_year    (const SkyProjectionProvider *provider,
                                       guint               months,
                                       guint               year,
                                       SkyDecimal         *total);
void           sky_projection_set_overflow_error (GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyProjection, sky_projection_free)

G_END_DECLS
