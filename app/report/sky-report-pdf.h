/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-projection.h"
#include "sky-score.h"

G_BEGIN_DECLS

gboolean sky_report_write_pdf (const SkyScenario   *scenario,
                               const SkyEstimate   *estimate,
                               const SkyProjection *projection,
                               const SkyScoring    *scoring,
                               const char          *path,
                               GError             **error);

G_END_DECLS
