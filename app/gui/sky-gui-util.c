/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-gui-util"

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "sky-gui-util.h"

/* Small pieces the windows and pages share: the error dialog, following an object whose
 * signals a widget listens to, a boolean property that notifies only on a change, and the
 * processor time a thread has spent, which budgets work a frame. */

/**
 * sky_gui_util_error_dialog_new:
 * @parent: (nullable): the window the dialog is transient for
 *
 * Returns: (transfer floating): a message dialog saying @heading and @body, with one response,
 *   Close; not yet presented.
 */
GtkWidget *
sky_gui_util_error_dialog_new (GtkWindow  *parent,
                               const char *heading,
                               const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

/**
 * sky_gui_util_show_error:
 *
 * Presents the dialog of sky_gui_util_error_dialog_new().
 */
void
sky_gui_util_show_error (GtkWindow  *parent,
                         const char *heading,
                         const char *body)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  gtk_window_present (GTK_WINDOW (sky_gui_util_error_dialog_new (parent, heading, body)));
}

/**
 * sky_gui_util_watch:
 * @slot: (inout): a `GObject *` field of @watcher holding a reference, or %NULL
 * @object: (nullable): the object to hold instead
 * @watcher: the object whose handlers are connected to the one held
 *
 * Makes @slot hold @object. The handlers @watcher connected to the object held before (those
 * with @watcher as their data) are disconnected from it first; connecting to @object is the
 * caller's, when this returns %TRUE. Setting %NULL lets the object go, as in a dispose.
 *
 * Returns: %FALSE when @slot held @object already, and nothing was done
 */
gboolean
sky_gui_util_watch (gpointer slot,
                    gpointer object,
                    gpointer watcher)
{
  GObject **held = slot;

  g_return_val_if_fail (held != NULL, FALSE);
  g_return_val_if_fail (object == NULL || G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (watcher), FALSE);

  if (*held == object)
    return FALSE;
  if (*held != NULL)
    g_signal_handlers_disconnect_by_data (*held, watcher);
  g_set_object (held, object);
  return TRUE;
}

/**
 * sky_gui_util_set_flag:
 * @flag: the field of @object that holds the property @pspec
 *
 * Sets a boolean property's field, and notifies @pspec when its value changed.
 *
 * Returns: whether the value changed
 */
gboolean
sky_gui_util_set_flag (GObject    *object,
                       gboolean   *flag,
                       gboolean    value,
                       GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  value = value != FALSE;
  if (*flag == value)
    return FALSE;
  *flag = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/**
 * sky_gui_util_column_header:
 * @view: a column view
 * @column: one of @view's columns
 *
 * GTK 4.8 gives a column's header no tooltip of its own: the header's widget is found among
 * the view's, in the order of its columns.
 *
 * Returns: (transfer none) (nullable): the widget showing @column's title in @view's header.
 */
GtkWidget *
sky_gui_util_column_header (GtkColumnView       *view,
                            GtkColumnViewColumn *column)
{
  GListModel *columns;
  GtkWidget *header = NULL;
  GtkWidget *title;
  guint position = 0;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), NULL);

  columns = gtk_column_view_get_columns (view);
  for (; position < g_list_model_get_n_items (columns); position++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, position);
      if (c == column)
        break;
    }
  if (position == g_list_model_get_n_items (columns))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "header") == 0)
      {
        header = child;
        break;
      }
  if (header == NULL)
    return NULL;

  title = gtk_widget_get_first_child (header);
  for (guint i = 0; title != NULL && i < position; i++)
    title = gtk_widget_get_next_sibling (title);
  return title;
}

/**
 * sky_gui_util_set_column_tooltip:
 * @view: a column view
 * @column: one of @view's columns
 * @tooltip: (nullable): the text its header shows on hover, such as the full name of what a
 *   short title names
 */
void
sky_gui_util_set_column_tooltip (GtkColumnView       *view,
                                 GtkColumnViewColumn *column,
                                 const char          *tooltip)
{
  GtkWidget *header = sky_gui_util_column_header (view, column);

  if (header != NULL)
    gtk_widget_set_tooltip_text (header, tooltip);
}

/**
 * sky_gui_util_redraw_chart:
 * @chart: a drawing area
 * @told: where the description last told is kept
 * @description: (transfer full): what the chart now shows, in words
 *
 * Draws @chart again and tells its new @description to assistive technologies, only when it
 * differs from the one told before.
 */
void
sky_gui_util_redraw_chart (GtkWidget  *chart,
                           char      **told,
                           char       *description)
{
  g_autofree char *text = description;

  g_return_if_fail (GTK_IS_WIDGET (chart));
  g_return_if_fail (told != NULL);

  if (g_strcmp0 (text, *told) != 0)
    {
      g_free (*told);
      *told = g_steal_pointer (&text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chart),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, *told, -1);
    }
  gtk_widget_queue_draw (chart);
}

/**
 * sky_gui_util_thread_cpu_time:
 *
 * Returns: the processor time the calling thread has spent, in microseconds; unlike the time
 *   on the clock, others' load on the machine does not stretch it. 0 where it cannot be read.
 */
gint64
sky_gui_util_thread_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A status page's boxes ------------------------------------------------------------------- */

/* GTK 4.8 measures a box's width for the height it is given whenever it allocates one aligned
 * other than to fill, and GtkViewport measures its child's so too; a vertical box shares that
 * height out among its children, and a wrapped label given a height searches for the narrowest
 * width that fits it, a layout of its whole text at each step. AdwStatusPage's two boxes are
 * both (a viewport's child centred, and a centred box in a clamp): its title and description
 * are laid out some thirty times each for one size of the page, most of what a first frame
 * with one spends on text. The page scrolls, so its content is as wide at any height: these
 * boxes measure their width once, for any height, with their own GtkBoxLayout. */

#define BOX_LAYOUT_KEY "sky-box-layout"

static GtkSizeRequestMode
width_once_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
width_once_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  GtkLayoutManager *box_layout = g_object_get_data (G_OBJECT (widget), BOX_LAYOUT_KEY);

  gtk_layout_manager_measure (box_layout, widget, orientation,
                              orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                              minimum, natural, minimum_baseline, natural_baseline);
}

static void
width_once_allocate (GtkWidget *widget,
                     int        width,
                     int        height,
                     int        baseline)
{
  GtkLayoutManager *box_layout = g_object_get_data (G_OBJECT (widget), BOX_LAYOUT_KEY);

  gtk_layout_manager_allocate (box_layout, widget, width, height, baseline);
}

static void
measure_width_once (GtkWidget *widget)
{
  GtkLayoutManager *box_layout;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    measure_width_once (child);
  if (!GTK_IS_BOX (widget) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) != GTK_ORIENTATION_VERTICAL)
    return;
  box_layout = gtk_widget_get_layout_manager (widget);
  if (!GTK_IS_BOX_LAYOUT (box_layout))
    return;
  g_object_set_data_full (G_OBJECT (widget), BOX_LAYOUT_KEY, g_object_ref (box_layout),
                          g_object_unref);
  gtk_widget_set_layout_manager (widget, gtk_custom_layout_new (width_once_request_mode,
                                                                width_once_measure,
                                                                width_once_allocate));
}

/**
 * sky_gui_util_measure_status_page_width_once:
 * @page: a status page with a title or description, and no child
 *
 * Has the boxes of @page measure their width once for any height (see above): the same sizes
 * and the same pixels, without laying out its text again for each height. For a page whose
 * content does not change its boxes afterwards.
 */
void
sky_gui_util_measure_status_page_width_once (AdwStatusPage *page)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));
  g_return_if_fail (adw_status_page_get_child (page) == NULL);

  measure_width_once (GTK_WIDGET (page));
}
