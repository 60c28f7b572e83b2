/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SKY_TYPE_SCENARIO_ROW (sky_scenario_row_get_type ())

G_DECLARE_FINAL_TYPE (SkyScenarioRow, sky_scenario_row, SKY, SCENARIO_ROW, GObject)

SkyScenarioRow *sky_scenario_row_new       (guint           index);
guint           sky_scenario_row_get_index (SkyScenarioRow *self);

G_END_DECLS
