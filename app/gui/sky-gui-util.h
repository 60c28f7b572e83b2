/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *sky_gui_util_error_dialog_new (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);
void       sky_gui_util_show_error       (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);

G_END_DECLS
