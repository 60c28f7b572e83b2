/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-chart.h"
#include "sky-projection.h"
#include "sky-scenario-document.h"

G_BEGIN_DECLS

#define SKY_TYPE_BUDGET_PAGE (sky_budget_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyBudgetPage, sky_budget_page, SKY, BUDGET_PAGE, AdwBin)

const SkyProjection *sky_budget_page_get_projection    (SkyBudgetPage   *self);
gboolean             sky_budget_page_get_busy          (SkyBudgetPage   *self);
SkyChartPlot        *sky_budget_page_dup_chart_plot    (SkyBudgetPage   *self);
const char          *sky_budget_page_get_chart_description (SkyBudgetPage *self);

G_END_DECLS
