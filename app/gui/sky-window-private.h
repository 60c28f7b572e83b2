/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-window.h"

G_BEGIN_DECLS

GtkWidget  *_sky_window_get_page    (SkyWindow  *self,
                                     const char *name);
const char *_sky_window_get_summary (SkyWindow  *self);

G_END_DECLS
