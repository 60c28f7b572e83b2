/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-availability-chart.h"
#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

/* Cost against availability as the Trade-offs page and the PDF report show it, in words and
 * points for the chart: per provider the scenario's availability as written, its downtime, its
 * verdict against the required availability with the arithmetic, and the cheapest ways to
 * reach higher levels with the steps to the requirement. Made in a worker thread; everything
 * in it is text for people (the reader's locale) or figures for the chart. */

typedef enum
{
  SKY_AVAILABILITY_VERDICT_NONE,     /* no requirement */
  SKY_AVAILABILITY_VERDICT_MEETS,
  SKY_AVAILABILITY_VERDICT_SHORT,
  SKY_AVAILABILITY_VERDICT_UNKNOWN,  /* the availability is incomplete */
} SkyAvailabilityVerdict;

typedef struct
{
  char                   *provider;
  char                   *name;
  char                   *percent;       /* "99.94 %", or NULL when it cannot be told */
  char                   *downtime;      /* "about 26.3 minutes down a month, 5.3 hours a year" */
  char                   *monthly;       /* what the scenario as written costs a month */
  char                   *summary;       /* the three in one line */
  char                   *explanation;   /* the arithmetic, a step a line */
  SkyAvailabilityVerdict  verdict;
  char                   *verdict_text;  /* "Short of 99.99 %", or NULL without a requirement */
  char                   *reach;         /* the cheapest way to reach the requirement in a
                                          * sentence, or why there is none; NULL without a
                                          * requirement */
  GPtrArray              *steps;         /* char *: each step to the requirement, in words */
  GArray                 *points;        /* SkyAvailabilityPoint: for the chart, cheapest first */
  GPtrArray              *point_texts;   /* char *: each point's figures, for its tooltip */
} SkyAvailabilityReportProvider;

typedef struct
{
  char       *currency;
  gboolean    has_required;
  double      required;                  /* percent, for the chart */
  char       *required_text;             /* "99.99 %" */
  char       *status;                    /* a line above the chart */
  char       *description;               /* the chart in words, for screen readers */
  GPtrArray  *providers;                 /* SkyAvailabilityReportProvider, the estimate's order */
} SkyAvailabilityReport;

SkyAvailabilityReport *sky_availability_report_new  (SkyCatalog             *catalog,
                                                     const SkyScenario      *scenario,
                                                     const SkyEstimate      *estimate,
                                                     GError                **error);
void                   sky_availability_report_free (SkyAvailabilityReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyAvailabilityReport, sky_availability_report_free)

G_END_DECLS
