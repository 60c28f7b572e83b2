/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_OPENING_WINDOW (sky_opening_window_get_type ())

G_DECLARE_FINAL_TYPE (SkyOpeningWindow, sky_opening_window, SKY, OPENING_WINDOW, AdwWindow)

SkyOpeningWindow *sky_opening_window_new (GtkApplication *application);

G_END_DECLS
