/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sky_keyboard_tab_leaves     (GtkWidget   *view);
void sky_keyboard_name_drop_down (GtkDropDown *drop_down,
                                  const char  *label);
void sky_keyboard_setup          (GtkWidget   *root);

G_END_DECLS
