/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"
#include "sky-export.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_TYPE_EXPORT_DIALOG (sky_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SkyExportDialog, sky_export_dialog, SKY, EXPORT_DIALOG, AdwWindow)

SkyExportDialog *sky_export_dialog_new       (SkyCatalog        *catalog,
                                              const SkyScenario *scenario,
                                              GFile             *scenario_file);
void             sky_export_dialog_export_to (SkyExportDialog   *self,
                                              GFile             *file,
                                              GFile             *assumptions);
gboolean         sky_export_dialog_get_busy  (SkyExportDialog   *self);
void             sky_export_dialog_select_format (SkyExportDialog *self,
                                                  SkyExportFormat  format);

G_END_DECLS
