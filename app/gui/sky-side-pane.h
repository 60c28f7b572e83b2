/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Below this width the window folds the pane away, as the sidebars of GNOME's applications do:
 * beside it the table would keep three or four columns. */
#define SKY_SIDE_PANE_FOLD_BELOW 900

void sky_side_pane_attach (GtkPaned *paned,
                           int       width);

G_END_DECLS
