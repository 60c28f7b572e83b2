/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_TYPE_SCENARIO_PAGE (sky_scenario_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyScenarioPage, sky_scenario_page, SKY, SCENARIO_PAGE, AdwBin)

gboolean           sky_scenario_page_set_catalog_path (SkyScenarioPage  *self,
                                                       const char       *path,
                                                       GError          **error);
void               sky_scenario_page_set_candidates   (SkyScenarioPage  *self,
                                                       GListModel       *candidates);
void               sky_scenario_page_refresh          (SkyScenarioPage  *self);

void               sky_scenario_page_new_scenario     (SkyScenarioPage  *self);
void               sky_scenario_page_open             (SkyScenarioPage  *self,
                                                       GFile            *file);
gboolean           sky_scenario_page_save_to          (SkyScenarioPage  *self,
                                                       GFile            *file,
                                                       GError          **error);
void               sky_scenario_page_save             (SkyScenarioPage  *self);
void               sky_scenario_page_save_as          (SkyScenarioPage  *self);
void               sky_scenario_page_save_as_async    (SkyScenarioPage     *self,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           sky_scenario_page_save_as_finish   (SkyScenarioPage     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean           sky_scenario_page_offer_recovery   (SkyScenarioPage  *self);
void               sky_scenario_page_discard_recovery (SkyScenarioPage  *self);

const SkyScenario *sky_scenario_page_get_scenario     (SkyScenarioPage  *self);
const SkyEstimate *sky_scenario_page_get_estimate     (SkyScenarioPage  *self);
GFile             *sky_scenario_page_get_file         (SkyScenarioPage  *self);
gboolean           sky_scenario_page_get_modified     (SkyScenarioPage  *self);
gboolean           sky_scenario_page_get_busy         (SkyScenarioPage  *self);
void               sky_scenario_page_add_line         (SkyScenarioPage  *self,
                                                       SkyScenarioLine  *line);
char              *sky_scenario_page_recovery_path    (void);
SkyScenario       *sky_scenario_page_edit             (SkyScenarioPage  *self,
                                                       const char       *kind);
void               sky_scenario_page_edited           (SkyScenarioPage  *self);
SkyCatalog        *sky_scenario_page_get_catalog      (SkyScenarioPage  *self);

G_END_DECLS
