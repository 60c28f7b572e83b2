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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyAvailability, sky_availability_free)

G_END_DECLS
