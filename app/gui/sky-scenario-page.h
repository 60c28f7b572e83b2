/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-scenario-document.h"

G_BEGIN_DECLS

#define SKY_TYPE_SCENARIO_PAGE (sky_scenario_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyScenarioPage, sky_scenario_page, SKY, SCENARIO_PAGE, AdwBin)

SkyScenarioDocument *sky_scenario_page_get_document (SkyScenarioPage *self);
gboolean             sky_scenario_page_get_line_menu_shown (SkyScenarioPage *self);

G_END_DECLS
