/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-scenario-document.h"

G_BEGIN_DECLS

#define SKY_TYPE_AVAILABILITY_VIEW (sky_availability_view_get_type ())

G_DECLARE_FINAL_TYPE (SkyAvailabilityView, sky_availability_view, SKY, AVAILABILITY_VIEW,
                      AdwBin)

gboolean    sky_availability_view_get_busy              (SkyAvailabilityView *self);
const char *sky_availability_view_get_chart_description (SkyAvailabilityView *self);
char       *sky_availability_view_dup_text              (SkyAvailabilityView *self);

G_END_DECLS
