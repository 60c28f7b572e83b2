/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_GUIDE_WINDOW (sky_guide_window_get_type ())

G_DECLARE_FINAL_TYPE (SkyGuideWindow, sky_guide_window, SKY, GUIDE_WINDOW, AdwWindow)

SkyGuideWindow *sky_guide_window_new (GtkWindow *parent);

G_END_DECLS
