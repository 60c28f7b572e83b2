/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-decimal.h"

G_BEGIN_DECLS

#define SKY_SCENARIO_FORMAT_VERSION 1
#define SKY_SCENARIO_NAMESPACE "urn:skytally:scenario:1"
#define SKY_SCENARIO_MAX_SIZE (16 * 1024 * 1024)
#define SKY_SCENARIO_MAX_LINES 20000
/* The most whole copies of a line a scenario runs in separate regions. */
#define SKY_SCENARIO_MAX_REGIONS 3

#define SKY_SCENARIO_ERROR (sky_scenario_error_quark ())

typedef enum
{
  SKY_SCENARIO_ERROR_IO,
  SKY_SCENARIO_ERROR_MALFORMED,      /* not well-formed XML, or forbidden constructs */
  SKY_SCENARIO_ERROR_NOT_A_SCENARIO, /* another root element or namespace */
  SKY_SCENARIO_ERROR_TOO_NEW,        /* a later format version */
  SKY_SCENARIO_ERROR_INVALID,        /* a missing, unknown or wrong element or attribute */
  SKY_SCENARIO_ERROR_TOO_LARGE,
} SkyScenarioError;

/* One unit of @from is worth @rate units of @to, as pinned on @date. */
typedef struct
{
  char       *from;
  char       *to;
  SkyDecimal  rate;
  char       *date;            /* YYYY-MM-DD */
} SkyExchangeRate;

/* A negotiated discount off a provider's list prices: every service, or one. */
typedef struct
{
  char       *provider;
  char       *service;         /* NULL for every service */
  SkyDecimal  percent;
} SkyDiscount;

/* Credits granted by a provider, in the scenario's currency, used up by the first bills. */
typedef struct
{
  char       *provider;
  SkyDecimal  amount;
  char       *note;
} SkyCredit;

typedef enum
{
  SKY_LINE_REQUIREMENT,        /* each provider's cheapest offer that meets it */
  SKY_LINE_OFFER,              /* one offer of one provider's sheet */
} SkyLineKind;

typedef struct
{
  char        *label;
  char        *group;          /* may be NULL */
  SkyDecimal   quantity;
  SkyDecimal   usage;          /* per unit of quantity per month, in @unit */
  gboolean     has_usage;      /* FALSE: the scenario's hours per month for hourly prices */
  char        *unit;           /* the price's unit: hour, gb-month, gb, million-requests, … */
  char        *term;           /* the purchase option */
  SkyLineKind  kind;

  /* SKY_LINE_OFFER */
  char        *provider;
  char        *sheet_version;  /* NULL: the provider's current sheet */
  char        *sku;

  /* SKY_LINE_REQUIREMENT */
  char        *category;
  gint64       min_vcpu_milli;   /* 0 for no minimum */
  gint64       min_memory_mgib;
  char        *region;         /* a provider's region code; NULL for any */
  char        *geography;      /* NULL for any */
  char        *os;             /* NULL for any */
  GStrv        storage_types;  /* any of these; NULL for any */
  gint64       max_oversize_milli; /* how far past its minima an offer may go; 0: 2 × */
  char        *architecture;   /* NULL for any */
  char        *tenancy;        /* the vocabulary's ids; NULL for the default row's: shared, */
  char        *licence;        /* licence included, used capacity */
  char        *capacity;
  char        *software;       /* pre-installed software; NULL for none */
  char        *engine;         /* a database engine (SKY_VOCABULARY_ENGINE); NULL for any */

  /* How the line is deployed, for its price and its availability: an id of
   * SKY_VOCABULARY_DEPLOYMENT (NULL: single), run in @regions whole copies in as many regions
   * (1 to SKY_SCENARIO_MAX_REGIONS; 0 reads as 1). Use the getters and setters. */
  char        *deployment;
  guint        regions;
} SkyScenarioLine;

/* The sheet a provider's prices of one service were taken from when the scenario was last
 * priced; without a service (as files of the earlier form say), the sheet of every service of
 * the provider. A service's own pin wins over its provider's. */
typedef struct
{
  char *provider;
  char *service;   /* NULL: every service of the provider */
  char *version;
} SkySheetRef;

/* An offer kept for comparing and scoring, or, without a SKU, a provider with the scenario
 * priced on it. */
typedef struct
{
  char *provider;
  char *sku;                   /* NULL: the provider */
  char *sheet_version;         /* NULL: the provider's current sheet */
} SkyCandidate;

/* An offer kept in the catalog's candidates: one price of one sheet, named so that it can be
 * found again in the catalog (sky-kept-offer.h), as the settings also keep it. */
typedef struct
{
  char *provider;
  char *sheet_version;
  char *service;               /* NULL when not known */
  char *sku;
  char *region;
  char *term;                  /* the purchase option */
  char *unit;
} SkyKeptOffer;

typedef enum
{
  SKY_CRITERION_COST,          /* lower is better: a month on demand, or the unit price */
  SKY_CRITERION_SLA,
  SKY_CRITERION_PERFORMANCE,   /* vCPU and memory, each counting half */
  SKY_CRITERION_FEATURES,      /* how many of the features any candidate has */
  SKY_CRITERION_RATED,         /* rated 1 to 5 by the user */
} SkyCriterionKind;

typedef struct
{
  char             *id;
  char             *name;
  SkyCriterionKind  kind;
  SkyDecimal        weight;
} SkyCriterion;

/* A rating of 1 to 5 on a rated criterion, for a provider ("aws") or a candidate
 * ("aws:m7i.large.linux.us-east-1"). */
typedef struct
{
  char *criterion;
  char *target;
  int   value;
} SkyRating;

/* A cap on spending: a month's, a year's, and optionally a month's per group. */
typedef struct
{
  gboolean    has_monthly;
  SkyDecimal  monthly;
  gboolean    has_yearly;
  SkyDecimal  yearly;
  GPtrArray  *group_caps;      /* SkyGroupCap */
} SkyBudget;

typedef struct
{
  char       *group;
  SkyDecimal  monthly;
} SkyGroupCap;

/* How a line's or a group's quantity changes over the months of a projection: by a percentage
 * every month, compounding, from @from_month on; or, as a step, once at @from_month. */
typedef struct
{
  char       *line;            /* a line's label, or NULL */
  char       *group;           /* a group, or NULL; neither: every line */
  SkyDecimal  percent;         /* may be negative */
  guint       from_month;      /* 1 for from the start */
  gboolean    step;
} SkyGrowth;

/* The low and high estimates of a line's or group's quantity, in percent of the expected. */
typedef struct
{
  char       *line;
  char       *group;
  SkyDecimal  low;             /* e.g. -20 */
  SkyDecimal  high;            /* e.g. 30 */
} SkyRange;

/* A commitment line that starts in @month: before it, the same offer is billed on demand. */
typedef struct
{
  char  *line;
  guint  month;
} SkyStart;

/* What providers are compared by when the cheapest is named. */
typedef enum
{
  SKY_COMPARE_EFFECTIVE_MONTHLY,  /* a month, with upfront fees spread over their commitments */
  SKY_COMPARE_TERM_TOTAL,         /* the whole term, renewals and upfront fees in, credits out */
} SkyCompareBy;

typedef struct
{
  char       *name;
  char       *notes;           /* may be NULL */
  char       *currency;        /* the currency results are reported in */
  SkyDecimal  hours_per_month;
  SkyCompareBy compare_by;
  gboolean    dev_test;        /* on-demand lines priced at dev/test prices where offers have
                                * them */
  GPtrArray  *providers;       /* char *: the providers priced side by side, in order */
  GPtrArray  *lines;           /* SkyScenarioLine */
  GPtrArray  *rates;           /* SkyExchangeRate */
  GPtrArray  *discounts;       /* SkyDiscount */
  GPtrArray  *credits;         /* SkyCredit */
  GPtrArray  *priced_against;  /* SkySheetRef */
  GPtrArray  *candidates;      /* SkyCandidate */
  GPtrArray  *criteria;        /* SkyCriterion */
  GPtrArray  *ratings;         /* SkyRating */
  SkyBudget  *budget;          /* NULL without one */
  guint       projection_months; /* 12 to 60 */
  guint       start_year;      /* the calendar month of the projection's month 1, in
                                * <projection start-month>; 0: not known, months are numbered */
  guint       start_month;     /* 1 to 12 */
  GPtrArray  *growth;          /* SkyGrowth */
  GPtrArray  *ranges;          /* SkyRange */
  GPtrArray  *starts;          /* SkyStart */
  GPtrArray  *kept_offers;     /* SkyKeptOffer: the catalog's candidates kept with the scenario */
  gboolean    has_required_availability;
  SkyDecimal  required_availability; /* in percent, more than 0 and less than 100 */
} SkyScenario;

GQuark           sky_scenario_error_quark (void);

SkyScenario     *sky_scenario_new         (const char         *name,
                                           const char         *currency);
void             sky_scenario_free        (SkyScenario        *scenario);
SkyScenario     *sky_scenario_copy        (const SkyScenario  *scenario);
SkyScenarioLine *sky_scenario_line_new    (SkyLineKind         kind);
void             sky_scenario_line_free   (SkyScenarioLine    *line);
SkyScenarioLine *sky_scenario_line_copy   (const SkyScenarioLine *line);
void             sky_exchange_rate_free   (SkyExchangeRate    *rate);
void             sky_discount_free        (SkyDiscount        *discount);
void             sky_credit_free          (SkyCredit          *credit);
void             sky_sheet_ref_free       (SkySheetRef        *ref);
void             sky_candidate_free       (SkyCandidate       *candidate);
void             sky_kept_offer_free      (SkyKeptOffer       *kept);
SkyKeptOffer    *sky_kept_offer_copy      (const SkyKeptOffer *kept);
gboolean         sky_kept_offer_equal     (const SkyKeptOffer *a,
                                           const SkyKeptOffer *b);
void             sky_criterion_free       (SkyCriterion       *criterion);
void             sky_rating_free          (SkyRating          *rating);
SkyBudget       *sky_budget_new           (void);
void             sky_budget_free          (SkyBudget          *budget);
void             sky_growth_free          (SkyGrowth          *growth);
void             sky_range_free           (SkyRange           *range);
void             sky_start_free           (SkyStart           *start);
const char      *sky_criterion_kind_name  (SkyCriterionKind    kind);

SkyScenario     *sky_scenario_load        (const char         *path,
                                           GError            **error);
SkyScenario     *sky_scenario_parse       (const char         *data,
                                           gsize               length,
                                           const char         *name_for_errors,
                                           GError            **error);
char            *sky_scenario_to_xml      (const SkyScenario  *scenario);
gboolean         sky_scenario_save        (const SkyScenario  *scenario,
                                           const char         *path,
                                           GError            **error);

const char      *sky_scenario_get_sheet_version (const SkyScenario *scenario,
                                                 const char        *provider);
void             sky_scenario_set_sheet_version (SkyScenario       *scenario,
                                                 const char        *provider,
                                                 const char        *version);
const char      *sky_scenario_get_service_version (const SkyScenario *scenario,
                                                   const char        *provider,
                                                   const char        *service);
void             sky_scenario_set_service_version (SkyScenario       *scenario,
                                                   const char        *provider,
                                                   const char        *service,
                                                   const char        *version);
SkyDecimal       sky_scenario_line_usage        (const SkyScenario     *scenario,
                                                 const SkyScenarioLine *line);

const char      *sky_scenario_line_get_deployment (const SkyScenarioLine *line);
void             sky_scenario_line_set_deployment (SkyScenarioLine       *line,
                                                   const char            *deployment);
guint            sky_scenario_line_get_regions    (const SkyScenarioLine *line);
void             sky_scenario_line_set_regions    (SkyScenarioLine       *line,
                                                   guint                  regions);
gboolean         sky_scenario_get_required_availability (const SkyScenario *scenario,
                                                         SkyDecimal        *percent);
void             sky_scenario_set_required_availability (SkyScenario       *scenario,
                                                         const SkyDecimal  *percent);

gboolean         sky_calendar_month_parse       (const char            *text,
                                                 guint                 *year,
                                                 guint                 *month);
gboolean         sky_scenario_has_calendar      (const SkyScenario     *scenario);
char            *sky_scenario_calendar_month    (const SkyScenario     *scenario,
                                                 guint                  month);
GDateTime       *sky_scenario_month_date        (const SkyScenario     *scenario,
                                                 guint                  month);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyScenario, sky_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyScenarioLine, sky_scenario_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyKeptOffer, sky_kept_offer_free)

G_END_DECLS
