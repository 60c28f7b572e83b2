/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-estimate.h"
#include "sky-explain.h"
#include "sky-scenario.h"
#include "sky-sla.h"

G_BEGIN_DECLS

/* Composite availability: what a provider's deployment of a scenario promises, from the
 * published SLA of each part (docs/scenario-format.md, "Availability"). Percentages are exact
 * decimals; a product keeps SKY_AVAILABILITY_SCALE decimals of the fraction (far below any
 * digit shown), and what people read is cut, never rounded up, to
 * SKY_AVAILABILITY_SHOWN_DECIMALS decimals of a percent. */
#define SKY_AVAILABILITY_SCALE 18
#define SKY_AVAILABILITY_SHOWN_DECIMALS 3

/* One part: the lines of one service deployed one way in as many regions. */
typedef struct
{
  char       *service;         /* the service's id */
  char       *service_name;
  char       *deployment;      /* an id of SKY_VOCABULARY_DEPLOYMENT */
  guint       regions;
  GPtrArray  *lines;           /* char *: the labels of its lines, in the scenario's order */
  SkyDecimal  published;       /* the SLA of one region, in percent, as published (the
                                * lowest of its lines' where they differ) */
  char       *source;          /* where the figure comes from, for people: the SLA page (and
                                * date), or the price sheet */
  char       *condition;       /* what the SLA asks, or NULL */
  SkyDecimal  availability;    /* the part's, in percent: @published, or over @regions
                                * 100 × (1 − (1 − a)^regions) */
  gboolean    implied;         /* @regions > 1: implied by the SLAs, not published */
} SkyAvailabilityPart;

/* A line that counts for nothing in the availability, and why. */
typedef struct
{
  char *label;
  char *reason;                /* for people */
} SkyAvailabilityLine;

typedef struct
{
  char       *provider;
  char       *provider_name;
  GPtrArray  *parts;           /* SkyAvailabilityPart, in order of first line */
  GPtrArray  *no_sla;          /* SkyAvailabilityLine: services that publish no SLA, left
                                * out */
  GPtrArray  *unknown;         /* SkyAvailabilityLine: not priced, or deployed in a way its
                                * service's SLA does not cover: the figure is incomplete */
  gboolean    complete;        /* @unknown is empty and there is a part */
  SkyDecimal  availability;    /* percent: the parts' product; 100 without a part */
  gboolean    implied;         /* a part is implied rather than published */
  SkyDecimal  downtime_month;  /* minutes: (1 − a) × the scenario's hours a month */
  SkyDecimal  downtime_year;   /* minutes: 12 months of it */
  gboolean    short_of_required; /* complete, the scenario requires an availability, and
                                  * this is below it */
} SkyAvailabilityProvider;

typedef struct
{
  gboolean    has_required;
  SkyDecimal  required;        /* percent */
  SkyDecimal  hours_per_month;
  GPtrArray  *providers;       /* SkyAvailabilityProvider, in the estimate's order */
} SkyAvailability;

SkyAvailability *sky_availability_compute         (const SkyEstimate      *estimate,
                                                   const SkyScenario      *scenario,
                                                   SkySlaTable            *table);
void             sky_availability_free            (SkyAvailability        *availability);
const SkyAvailabilityProvider *
                 sky_availability_find            (const SkyAvailability  *availability,
                                                   const char             *provider);
char            *sky_availability_format_percent  (SkyDecimal              percent,
                                                   SkyExplainStyle         style);
char            *sky_availability_format_level    (SkyDecimal              percent,
                                                   SkyExplainStyle         style);
char            *sky_availability_format_downtime (SkyDecimal              minutes,
                                                   SkyExplainStyle         style);
GPtrArray       *sky_availability_steps           (const SkyAvailability  *availability,
                                                   const SkyAvailabilityProvider *provider,
                                                   SkyExplainStyle         style);
char            *sky_availability_explain         (const SkyAvailability  *availability,
                                                   const SkyAvailabilityProvider *provider,
                                                   SkyExplainStyle         style);
char            *sky_availability_verdict         (const SkyAvailability  *availability,
                                                   const SkyAvailabilityProvider *provider,
                                                   SkyExplainStyle         style);
char            *sky_availability_part_title      (const SkyAvailabilityPart *part);

/* The cheapest way to reach a required availability (sky_availability_cheapest()). Each line's
 * candidates are the deployments its service's SLA entries name and single, each in 1 or 2
 * regions; each is priced once, with the other lines as written; the search tries every
 * combination of the lines that have more than one candidate, up to these limits. */
#define SKY_REACH_MAX_LINES 16
#define SKY_REACH_MAX_COMBINATIONS 1000000

/* How one line is deployed in the chosen set. */
typedef struct
{
  guint       line;            /* in the scenario's lines */
  char       *label;
  char       *deployment;
  guint       regions;
  SkyDecimal  monthly;         /* the line's monthly figure deployed so */
  gboolean    changed;         /* not as the scenario has it */
} SkyReachChoice;

/* One step from the scenario as written to the chosen set: the lines that become one part. */
typedef struct
{
  char       *deployment;
  guint       regions;
  char       *service_name;
  GPtrArray  *lines;           /* char *: labels */
  SkyDecimal  added;           /* a month, in the scenario's currency; negative when it saves */
  gboolean    has_before;      /* the availability before is known */
  SkyDecimal  before;          /* percent */
  gboolean    has_after;
  SkyDecimal  after;
} SkyReachStep;

typedef struct
{
  char       *provider;
  char       *provider_name;
  gboolean    reached;         /* a set of choices meets the requirement: @choices, @steps */
  char       *reason;          /* why not, for people, otherwise */
  gboolean    too_many;        /* the reason is the search's limit */
  SkyDecimal  monthly_before;  /* the scenario as written, a month */
  gboolean    has_availability_before;
  SkyDecimal  availability_before;
  SkyDecimal  monthly;         /* with the chosen set */
  SkyDecimal  availability;
  guint64     combinations;    /* how many were tried */
  GPtrArray  *choices;         /* SkyReachChoice, one per line, in order */
  GPtrArray  *steps;           /* SkyReachStep, in the order of their first line */
} SkyReachProvider;

typedef struct
{
  SkyDecimal  required;        /* percent */
  char       *currency;
  GPtrArray  *providers;       /* SkyReachProvider, in the scenario's order */
} SkyReach;

SkyReach        *sky_availability_cheapest        (SkyCatalog             *catalog,
                                                   const SkyScenario      *scenario,
                                                   const SkyDecimal       *required,
                                                   const char * const     *providers,
                                                   SkySlaTable            *table,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
void             sky_reach_free                   (SkyReach               *reach);
char            *sky_reach_step_describe          (const SkyReach         *reach,
                                                   const SkyReachStep     *step,
                                                   SkyExplainStyle         style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyAvailability, sky_availability_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyReach, sky_reach_free)

G_END_DECLS
