/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_SWITCHER_BUTTON (sky_switcher_button_get_type ())

G_DECLARE_FINAL_TYPE (SkySwitcherButton, sky_switcher_button, SKY, SWITCHER_BUTTON,
                      GtkToggleButton)

GtkWidget  *sky_switcher_button_new           (void);
void        sky_switcher_button_set_page      (SkySwitcherButton *self,
                                               const char        *title,
                                               const char        *icon_name,
                                               gboolean           use_underline);
GtkLabel   *sky_switcher_button_get_label     (SkySwitcherButton *self);

G_END_DECLS
