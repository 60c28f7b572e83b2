/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_SWITCHER_TITLE (sky_switcher_title_get_type ())

G_DECLARE_FINAL_TYPE (SkySwitcherTitle, sky_switcher_title, SKY, SWITCHER_TITLE, GtkWidget)

GtkWidget    *sky_switcher_title_new               (void);
AdwViewStack *sky_switcher_title_get_stack         (SkySwitcherTitle *self);
void          sky_switcher_title_set_stack         (SkySwitcherTitle *self,
                                                    AdwViewStack     *stack);
const char   *sky_switcher_title_get_title         (SkySwitcherTitle *self);
void          sky_switcher_title_set_title         (SkySwitcherTitle *self,
                                                    const char       *title);
gboolean      sky_switcher_title_get_title_visible (SkySwitcherTitle *self);
gboolean      sky_switcher_title_get_narrow_made   (SkySwitcherTitle *self);

G_END_DECLS
