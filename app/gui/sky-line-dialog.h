/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-scenario.h"

G_BEGIN_DECLS

#define SKY_TYPE_LINE_DIALOG (sky_line_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SkyLineDialog, sky_line_dialog, SKY, LINE_DIALOG, AdwWindow)

SkyLineDialog   *sky_line_dialog_new             (const SkyScenarioLine *line);
SkyScenarioLine *sky_line_dialog_get_line        (SkyLineDialog         *self);
void             sky_line_dialog_set_deployments (SkyLineDialog         *self,
                                                  const char * const    *kinds);

G_END_DECLS
