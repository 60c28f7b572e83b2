/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-side-pane.h"

/* A pane beside a table keeps its width when the window grows or shrinks, and the table takes
 * the rest; in a narrow window the pane takes at most two fifths, and below
 * SKY_SIDE_PANE_FOLD_BELOW the window folds it away until asked for. Dragging the divider sets
 * the width kept. */

typedef struct
{
  int width;
} SidePane;

static void on_paned_moved (GtkPaned *paned,
                            GParamSpec *pspec,
                            SidePane *pane);

static void
on_paned_resized (GtkPaned   *paned,
                  GParamSpec *pspec,
                  SidePane   *pane)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width <= 0)
    return;
  g_signal_handlers_block_by_func (paned, on_paned_moved, pane);
  gtk_paned_set_position (paned, width - MIN (pane->width, width * 2 / 5));
  g_signal_handlers_unblock_by_func (paned, on_paned_moved, pane);
}

static void
on_paned_moved (GtkPaned   *paned,
                GParamSpec *pspec,
                SidePane   *pane)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  int position = gtk_paned_get_position (paned);
  GtkWidget *end = gtk_paned_get_end_child (paned);

  /* What a folded window leaves the pane is not the width the user chose. */
  if (width >= SKY_SIDE_PANE_FOLD_BELOW && position > 0 && position < width && end != NULL &&
      gtk_widget_get_visible (end))
    pane->width = width - position;
}

/* Shown again, the pane takes back the width it kept. */
static void
on_end_child_visible (GtkWidget  *end,
                      GParamSpec *pspec,
                      GtkPaned   *paned)
{
  SidePane *pane = g_object_get_data (G_OBJECT (paned), "sky-side-pane");

  if (pane != NULL && gtk_widget_get_visible (end))
    on_paned_resized (paned, NULL, pane);
}

/* Keeps @paned's end child @width pixels wide, as above. */
void
sky_side_pane_attach (GtkPaned *paned,
                      int       width)
{
  SidePane *pane = g_new0 (SidePane, 1);

  pane->width = width;
  g_object_set_data_full (G_OBJECT (paned), "sky-side-pane", pane, g_free);
  g_signal_connect (paned, "notify::max-position", G_CALLBACK (on_paned_resized), pane);
  g_signal_connect (paned, "notify::position", G_CALLBACK (on_paned_moved), pane);
  if (gtk_paned_get_end_child (paned) != NULL)
    g_signal_connect_object (gtk_paned_get_end_child (paned), "notify::visible",
                             G_CALLBACK (on_end_child_visible), paned, 0);
}

