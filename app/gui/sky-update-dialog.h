/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_UPDATE_DIALOG (sky_update_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SkyUpdateDialog, sky_update_dialog, SKY, UPDATE_DIALOG, AdwWindow)

SkyUpdateDialog *sky_update_dialog_new          (SkyCatalog         *catalog);
const char      *sky_update_dialog_get_endpoint (SkyUpdateDialog    *self);
void             sky_update_dialog_set_endpoint (SkyUpdateDialog    *self,
                                                 const char         *endpoint);
gboolean         sky_update_dialog_get_busy     (SkyUpdateDialog    *self);
void             sky_update_dialog_import_files (SkyUpdateDialog    *self,
                                                 const char * const *files);

G_END_DECLS
