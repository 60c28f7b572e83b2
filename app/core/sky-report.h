/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-csv.h"
#include "sky-projection.h"
#include "sky-score.h"

G_BEGIN_DECLS

char *sky_report_projection_csv  (const SkyScenario   *scenario,
                                  const SkyProjection *projection,
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
