/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_SCORE_ERROR (sky_score_error_quark ())

typedef enum
{
  SKY_SCORE_ERROR_NO_CANDIDATES,
  SKY_SCORE_ERROR_NO_CRITERIA,
  SKY_SCORE_ERROR_CANDIDATE,        /* a candidate is not in the catalog */
  SKY_SCORE_ERROR_CURRENCY,         /* no rate to the scenario's currency */
  SKY_SCORE_ERROR_OVERFLOW,         /* a figure too large to compute exactly */
} SkyScoreError;

/* One candidate, scored. Scores are 0 to 100; each criterion's value is normalised to 0 to 1
 * across the candidates, the best 1 and the worst 0 (all 1 when they are equal). */
typedef struct
{
  char            *label;           /* provider:SKU, or the provider for a whole scenario */
  char            *provider;
  char            *name;            /* the offer's name, or the provider's */
  SkyOfferDetails *offer;           /* NULL for a provider: the scenario priced on it */
  SkyDecimal       cost;            /* in the scenario's currency */
  char            *cost_unit;       /* "month" for hourly offers, else the price's unit */
  char            *sla;             /* a provider's: the lowest of its priced offers' */
  GArray          *normalised;      /* double per criterion */
  GPtrArray       *raw;             /* char * per criterion: the value before normalising */
  double           score;
  guint            rank;            /* 1 for the best */
  gboolean         pareto;          /* no other candidate costs less and scores higher */
  gboolean         incomplete;      /* a provider that cannot price every line: its cost
                                     * leaves lines out, so it ranks after every complete
                                     * option and is never on the front */
} SkyScoredOption;

/* How far a criterion's weight can move, the others kept, before the top choice changes. */
typedef struct
{
  double  weight;
  double  low;                      /* the top stays from low … */
  double  high;                     /* … to high; INFINITY when no weight unseats it */
  int     below;                    /* the option on top under low, or -1 */
  int     above;                    /* the option on top over high, or -1 */
} SkySensitivity;

typedef struct
{
  char      *currency;
  GPtrArray *options;               /* SkyScoredOption, in the candidates' order */
  GArray    *order;                 /* guint: option indexes, best first */
  GArray    *sensitivity;           /* SkySensitivity per criterion */
} SkyScoring;

GQuark      sky_score_error_quark (void);
SkyScoring *sky_score_scenario    (SkyCatalog        *catalog,
                                   const SkyScenario *scenario,
                                   GError           **error);
void        sky_scoring_free      (SkyScoring        *scoring);
void        sky_scenario_add_default_criteria (SkyScenario *scenario);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyScoring, sky_scoring_free)

G_END_DECLS
