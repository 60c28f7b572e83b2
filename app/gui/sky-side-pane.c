/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-side-pane.h"

/* A pane beside a table keeps its width when the window grows or shrinks, and the table takes
 * the rest; in a narrow window the pane takes at most two fifths, and below FOLD_BELOW it folds
 * away until asked for (sky_side_pane_fold()). Dragging the divider sets the width kept. */

/* Below this width the pane folds away, as the sidebars of GNOME's applications do: it would
 * leave the table three or four columns. */
#define FOLD_BELOW 900

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
  if (width >= FOLD_BELOW && position > 0 && position < width && end != NULL &&
      gtk_widget_get_visible (end))
    pane->width = width - position;
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

/* Whether the panes of one setting are folded: shared by every page, which are as wide as the
 * window. */
typedef struct
{
  gboolean folded;
  gboolean unfold_shown;     /* the pane was shown when it folded: it comes back when the
                              * window is wide again */
  guint    idle_id;
} Fold;

static void
free_fold (gpointer data)
{
  Fold *fold = data;

  g_clear_handle_id (&fold->idle_id, g_source_remove);
  g_free (fold);
}

static gboolean
apply_fold (gpointer user_data)
{
  GSettings *settings = user_data;
  const char *key = g_object_get_data (G_OBJECT (settings), "sky-side-pane-fold-pending");
  g_autofree char *data_key = g_strconcat ("sky-side-pane-fold-", key, NULL);
  Fold *fold = g_object_get_data (G_OBJECT (settings), data_key);

  fold->idle_id = 0;
  if (fold->folded)
    {
      fold->unfold_shown = fold->unfold_shown || g_settings_get_boolean (settings, key);
      g_settings_set_boolean (settings, key, FALSE);
    }
  else if (fold->unfold_shown)
    {
      fold->unfold_shown = FALSE;
      g_settings_set_boolean (settings, key, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
on_fold_resized (GtkPaned   *paned,
                 GParamSpec *pspec,
                 GSettings  *settings)
{
  const char *key = g_object_get_data (G_OBJECT (paned), "sky-side-pane-fold-key");
  g_autofree char *data_key = g_strconcat ("sky-side-pane-fold-", key, NULL);
  Fold *fold = g_object_get_data (G_OBJECT (settings), data_key);
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  gboolean folded = width > 0 && width < FOLD_BELOW;

  if (width <= 0 || folded == fold->folded)
    return;
  fold->folded = folded;
  /* Not while the window is being laid out: after. */
  if (fold->idle_id == 0)
    fold->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_fold, g_object_ref (settings),
                                     g_object_unref);
  g_object_set_data_full (G_OBJECT (settings), "sky-side-pane-fold-pending", g_strdup (key),
                          g_free);
}

/* A paned whose end child is hidden tells no change of its width: the window's size, and the
 * page shown again, are followed too, the width read once the frame is laid out. */
static void
on_after_paint (GdkFrameClock *clock,
                GtkPaned      *paned)
{
  GSettings *settings = g_object_get_data (G_OBJECT (paned), "sky-side-pane-fold-settings");

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, paned);
  g_object_set_data (G_OBJECT (paned), "sky-side-pane-fold-clock", NULL);
  if (settings != NULL)
    on_fold_resized (paned, NULL, settings);
}

static void
check_after_layout (GtkPaned *paned)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (paned));

  if (clock == NULL || g_object_get_data (G_OBJECT (paned), "sky-side-pane-fold-clock") != NULL)
    return;
  g_object_set_data (G_OBJECT (paned), "sky-side-pane-fold-clock", clock);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), paned, 0);
  gtk_widget_queue_resize (GTK_WIDGET (paned));
}

static void
on_paned_realized (GtkPaned *paned)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (paned));

  if (!GTK_IS_WINDOW (root) ||
      g_object_get_data (G_OBJECT (paned), "sky-side-pane-fold-window") == root)
    return;
  g_object_set_data (G_OBJECT (paned), "sky-side-pane-fold-window", root);
  g_signal_connect_object (root, "notify::default-width", G_CALLBACK (check_after_layout),
                           paned, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::maximized", G_CALLBACK (check_after_layout), paned,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (check_after_layout),
                           paned, G_CONNECT_SWAPPED);
}

/* In a window narrower than FOLD_BELOW, hides @paned's end child by turning the boolean @key
 * of @settings off, and turns it on again when the window is wide again; meanwhile the toggle
 * bound to @key shows the pane beside the table. Every pane of @key folds together. */
void
sky_side_pane_fold (GtkPaned   *paned,
                    GSettings  *settings,
                    const char *key)
{
  g_autofree char *data_key = NULL;

  g_return_if_fail (GTK_IS_PANED (paned));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);

  data_key = g_strconcat ("sky-side-pane-fold-", key, NULL);
  if (g_object_get_data (G_OBJECT (settings), data_key) == NULL)
    g_object_set_data_full (G_OBJECT (settings), data_key, g_new0 (Fold, 1), free_fold);
  g_object_set_data_full (G_OBJECT (paned), "sky-side-pane-fold-key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (paned), "sky-side-pane-fold-settings",
                          g_object_ref (settings), g_object_unref);
  g_signal_connect_object (paned, "notify::max-position", G_CALLBACK (on_fold_resized),
                           settings, 0);
  g_signal_connect (paned, "realize", G_CALLBACK (on_paned_realized), NULL);
  g_signal_connect (paned, "map", G_CALLBACK (check_after_layout), NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (paned)))
    on_paned_realized (paned);
  on_fold_resized (paned, NULL, settings);
}

/* Shows @paned's end child while the boolean @key of @settings is true: the details pane a
 * user hides or shows on every page at once. */
void
sky_side_pane_bind_shown (GtkPaned   *paned,
                          GSettings  *settings,
                          const char *key)
{
  GtkWidget *end;

  g_return_if_fail (GTK_IS_PANED (paned));
  g_return_if_fail (G_IS_SETTINGS (settings));

  end = gtk_paned_get_end_child (paned);
  g_return_if_fail (end != NULL);
  g_settings_bind (settings, key, end, "visible", G_SETTINGS_BIND_GET);
  g_signal_connect_object (end, "notify::visible", G_CALLBACK (on_end_child_visible), paned, 0);
  sky_side_pane_fold (paned, settings, key);
}
