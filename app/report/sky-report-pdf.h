/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-availability-report.h"
#include "sky-projection.h"
#include "sky-score.h"
#include "sky-summary.h"

G_BEGIN_DECLS

gboolean sky_report_write_pdf (const SkyScenario   *scenario,
                               const SkyEstimate   *estimate,
                               const SkyProjection *projection,
                               const SkyScoring    *scoring,
                               const char          *path,
                               GError             **error);
gboolean sky_report_write_pdf_with_summary (const SkyScenario   *scenario,
                                            const SkyEstimate   *estimate,
                                            const SkyProjection *projection,
                                            const SkySummary    *summary,
                                            const SkyScoring    *scoring,
                                            const char          *path,
                                            GError             **error);
gboolean sky_report_write_pdf_full (const SkyScenario           *scenario,
                                    const SkyEstimate           *estimate,
                                    const SkyProjection         *projection,
                                    const SkySummary            *summary,
                                    const SkyScoring            *scoring,
                                    const SkyAvailabilityReport *availability,
                                    const char                  *path,
                                    GError                     **error);

G_END_DECLS
