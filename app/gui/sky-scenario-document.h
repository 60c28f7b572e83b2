/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-projection.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_TYPE_SCENARIO_DOCUMENT (sky_scenario_document_get_type ())

G_DECLARE_FINAL_TYPE (SkyScenarioDocument, sky_scenario_document, SKY, SCENARIO_DOCUMENT,
                      GObject)

SkyScenarioDocument *sky_scenario_document_new                (void);

gboolean             sky_scenario_document_set_catalog_path   (SkyScenarioDocument  *self,
                                                               const char           *path,
                                                               GError              **error);
SkyCatalog          *sky_scenario_document_get_catalog        (SkyScenarioDocument  *self);
void                 sky_scenario_document_catalog_changed    (SkyScenarioDocument  *self);
void                 sky_scenario_document_hold_pricing       (SkyScenarioDocument  *self);
void                 sky_scenario_document_release_pricing    (SkyScenarioDocument  *self);
GPtrArray           *sky_scenario_document_get_sheets         (SkyScenarioDocument  *self);

/* A projection of the document's scenario (@projection and the copy it was made from, or NULL
 * and @error), for sky_scenario_document_project(). */
typedef void (*SkyScenarioDocumentProjected) (const SkyScenario *scenario,
                                              SkyProjection     *projection,
                                              const GError      *error,
                                              gpointer           user_data);

const SkyScenario   *sky_scenario_document_get_scenario       (SkyScenarioDocument  *self);
void                 sky_scenario_document_project            (SkyScenarioDocument  *self,
                                                               guint                 months,
                                                               SkyScenarioDocumentProjected
                                                                                     callback,
                                                               gpointer              user_data);
guint                sky_scenario_document_get_n_estimates    (SkyScenarioDocument  *self);
guint                sky_scenario_document_get_n_projections  (SkyScenarioDocument  *self);
const SkyEstimate   *sky_scenario_document_get_estimate       (SkyScenarioDocument  *self);
const char          *sky_scenario_document_get_estimate_error (SkyScenarioDocument  *self);
GFile               *sky_scenario_document_get_file           (SkyScenarioDocument  *self);
const char          *sky_scenario_document_get_title          (SkyScenarioDocument  *self);
gboolean             sky_scenario_document_get_modified       (SkyScenarioDocument  *self);
gboolean             sky_scenario_document_get_busy           (SkyScenarioDocument  *self);
gboolean             sky_scenario_document_get_can_undo       (SkyScenarioDocument  *self);
gboolean             sky_scenario_document_get_can_redo       (SkyScenarioDocument  *self);

SkyScenario         *sky_scenario_document_edit               (SkyScenarioDocument  *self,
                                                               const char           *kind);
void                 sky_scenario_document_edited             (SkyScenarioDocument  *self);
void                 sky_scenario_document_set_name           (SkyScenarioDocument  *self,
                                                               const char           *name);
void                 sky_scenario_document_add_line           (SkyScenarioDocument  *self,
                                                               SkyScenarioLine      *line);
void                 sky_scenario_document_set_kept_offers    (SkyScenarioDocument  *self,
                                                               GPtrArray            *kept);
void                 sky_scenario_document_set_untitled_kept_offers
                                                              (SkyScenarioDocument  *self,
                                                               GPtrArray            *kept);
void                 sky_scenario_document_reprice            (SkyScenarioDocument  *self);
void                 sky_scenario_document_undo               (SkyScenarioDocument  *self);
void                 sky_scenario_document_redo               (SkyScenarioDocument  *self);

void                 sky_scenario_document_new_scenario       (SkyScenarioDocument  *self);
void                 sky_scenario_document_new_from           (SkyScenarioDocument  *self,
                                                               SkyScenario          *scenario);
void                 sky_scenario_document_end_edit_run       (SkyScenarioDocument  *self);
void                 sky_scenario_document_load_async         (SkyScenarioDocument  *self,
                                                               GFile                *file,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             sky_scenario_document_load_finish        (SkyScenarioDocument  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
void                 sky_scenario_document_save_async         (SkyScenarioDocument  *self,
                                                               GFile                *file,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             sky_scenario_document_save_finish        (SkyScenarioDocument  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

char                *sky_scenario_document_recovery_path      (void);
gboolean             sky_scenario_document_has_recovery       (SkyScenarioDocument  *self);
void                 sky_scenario_document_restore_recovery_async
                                                              (SkyScenarioDocument  *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             sky_scenario_document_restore_recovery_finish
                                                              (SkyScenarioDocument  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
void                 sky_scenario_document_discard_recovery   (SkyScenarioDocument  *self);

G_END_DECLS
