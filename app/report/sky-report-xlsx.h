/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-projection.h"
#include "sky-summary.h"

G_BEGIN_DECLS

gboolean sky_report_write_xlsx (const SkyScenario   *scenario,
                                const SkyEstimate   *estimate,
                                const SkyProjection *projection,
                                const SkySummary    *summary,
                                const char          *path,
                                GError             **error);

G_END_DECLS
