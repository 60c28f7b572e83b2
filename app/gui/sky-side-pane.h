/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sky_side_pane_attach     (GtkPaned   *paned,
                               int         width);
void sky_side_pane_fold       (GtkPaned   *paned,
                               GSettings  *settings,
                               const char *key);
void sky_side_pane_bind_shown (GtkPaned   *paned,
                               GSettings  *settings,
                               const char *key);

G_END_DECLS
