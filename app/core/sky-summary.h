/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-estimate.h"
#include "sky-projection.h"

G_BEGIN_DECLS

/* Where a summary's term comes from. */
typedef enum
{
  SKY_SUMMARY_TERM_COMMITMENT,      /* the longest commitment among the lines: 12 or 36 */
  SKY_SUMMARY_TERM_PROJECTION,      /* no line commits: the scenario's projection months */
  SKY_SUMMARY_TERM_CHOSEN,          /* a number of months the caller chose */
} SkySummaryTerm;

/* One provider at a glance. Money is in the scenario's currency, exact. */
typedef struct
{
  char             *provider;
  char             *provider_name;
  char             *provider_short_name;
  SkyDecimal        monthly;          /* billed every month, as the estimate has it */
  SkyDecimal        upfront;          /* paid when commitments start */
  SkyDecimal        first_year;       /* months 1 to 12 of the projection, upfront included */
  SkyDecimal        term_total;       /* months 1 to term_months of the projection */
  gboolean          complete;         /* every line priced */
  guint             n_unpriced;
  SkyBudgetVerdict  verdict;          /* as the Budget page judges it */
  guint             first_month_over; /* 0 when the monthly cap is kept (or there is none) */
  SkyDecimal        monthly_excess;   /* that month's cash less the monthly cap */
  guint             first_year_over;  /* 0 when the yearly cap is kept (or there is none) */
  SkyDecimal        yearly_excess;    /* that year's cash less the yearly cap */
  guint             n_groups_over;    /* group caps exceeded in some month */
  guint             first_group_over; /* the first month a group cap is exceeded; 0: never */
  char             *prices_as_of;     /* YYYY-MM-DD, the oldest sheet's; NULL without one */
  int               prices_age_days;
  gboolean          stale;
  gboolean          cheapest;         /* complete and lowest by term total (ties all set) */
} SkySummaryProvider;

typedef struct
{
  char           *currency;
  guint           term_months;        /* 12 to 60 */
  SkySummaryTerm  term;
  guint           budget_months;      /* the months the budget is judged over */
  GPtrArray      *providers;          /* SkySummaryProvider, in the scenario's order */
  guint           n_cheapest;         /* 0: no provider is complete; more than 1: a tie */
} SkySummary;

guint       sky_summary_default_term (const SkyScenario  *scenario,
                                      SkySummaryTerm     *term);
SkySummary *sky_summary_new          (const SkyScenario  *scenario,
                                      const SkyEstimate  *estimate,
                                      const SkyProjection *budget_projection,
                                      const SkyProjection *term_projection,
                                      SkySummaryTerm      term,
                                      GError            **error);
SkySummary *sky_summary_for_estimate (SkyCatalog         *catalog,
                                      const SkyScenario  *scenario,
                                      const SkyEstimate  *estimate,
                                      const char * const *providers,
                                      gboolean            current_sheets,
                                      guint               term_months,
                                      GError            **error);
SkySummary *sky_summary_compute      (SkyCatalog         *catalog,
                                      const SkyScenario  *scenario,
                                      const char * const *providers,
                                      gboolean            current_sheets,
                                      guint               term_months,
                                      GError            **error);
void        sky_summary_free         (SkySummary         *summary);
void        sky_summary_set_freshness (SkySummary        *summary,
                                       const char        *today,
                                       guint              stale_after_days);
char       *sky_summary_verdict_text (const SkySummary         *summary,
                                      const SkySummaryProvider *provider);
char       *sky_summary_verdict_display (const SkySummary         *summary,
                                         const SkySummaryProvider *provider);
char       *sky_summary_verdict_calendar_text (const SkySummary         *summary,
                                               const SkySummaryProvider *provider,
                                               const SkyScenario        *scenario);
char       *sky_summary_verdict_calendar_display (const SkySummary         *summary,
                                                  const SkySummaryProvider *provider,
                                                  const SkyScenario        *scenario);
char       *sky_summary_term_text    (const SkySummary         *summary);
const char *sky_summary_verdict_id   (SkyBudgetVerdict          verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkySummary, sky_summary_free)

G_END_DECLS
