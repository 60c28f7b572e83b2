/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-csv.h"
#include "sky-projection.h"
#include "sky-score.h"

G_BEGIN_DECLS

/* One assumption of an export: a key and its value, a plain number when @number. */
typedef struct
{
  char     *key;
  char     *value;
  gboolean  number;
} SkyReportPair;

void       sky_report_pair_free   (SkyReportPair       *pair);
GPtrArray *sky_report_assumptions (const SkyScenario   *scenario,
                                   const SkyProjection *projection,
                                   const SkyEstimate   *estimate);

char *sky_report_projection_csv  (const SkyScenario   *scenario,
                                  const SkyProjection *projection,
                                  const SkyEstimate   *estimate,
                                  SkyCsvDialect        dialect,
                                  gboolean             bom,
                                  gsize               *length,
                                  GError             **error);
char *sky_report_assumptions_csv (const SkyScenario   *scenario,
                                  const SkyProjection *projection,
                                  SkyCsvDialect        dialect,
                                  gboolean             bom,
                                  gsize               *length);
char *sky_report_assumptions_csv_full (const SkyScenario   *scenario,
                                       const SkyProjection *projection,
                                       const SkyEstimate   *estimate,
                                       SkyCsvDialect        dialect,
                                       gboolean             bom,
                                       gsize               *length);

G_END_DECLS
