/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the window is used from the keyboard and heard through a screen reader: one Tab stop
 * per control, drop-downs that say what they choose, tables that Tab leaves at once. */
#define G_LOG_DOMAIN "sky-keyboard"

#include "config.h"

#include "sky-keyboard.h"

static gboolean
on_view_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     gpointer               user_data)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkDirectionType direction;
  GtkRoot *root = gtk_widget_get_root (view);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab ||
      ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) && (state & GDK_SHIFT_MASK) != 0))
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else
    return FALSE;

  /* Moved on from the root with the view unable to take the focus, the focus goes to the
   * widget before or after the view instead of its next row or cell. */
  gtk_widget_set_can_focus (view, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (view, TRUE);
  return TRUE;
}

/**
 * sky_keyboard_tab_leaves:
 * @view: a list or column view
 *
 * Makes Tab (and Shift+Tab) from anywhere in @view move the focus out of it in one press,
 * instead of through each of its rows; the arrow keys still move between rows. GTK 4.8 has
 * no property for this.
 */
void
sky_keyboard_tab_leaves (GtkWidget *view)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (view));

  if (g_object_get_data (G_OBJECT (view), "sky-tab-leaves") != NULL)
    return;
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "sky-tab-leaves");
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_view_key_pressed), NULL);
  gtk_widget_add_controller (view, controller);
  g_object_set_data (G_OBJECT (view), "sky-tab-leaves", controller);
}

/* The button inside a drop-down, which is what takes the focus. */
static GtkWidget *
drop_down_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button;

      if (GTK_IS_TOGGLE_BUTTON (child))
        return child;
      if ((button = drop_down_button (child)) != NULL)
        return button;
    }
  return NULL;
}

/**
 * sky_keyboard_name_drop_down:
 * @drop_down: a drop-down
 * @label: (nullable): what it chooses, or %NULL to keep its own name (set in its template
 *   or by a mnemonic label)
 *
 * Names @drop_down for assistive technologies, and the button inside it, which is what takes
 * the focus, after it.
 */
void
sky_keyboard_name_drop_down (GtkDropDown *drop_down,
                             const char  *label)
{
  GtkWidget *button;
  g_autoptr(GList) labels = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  button = drop_down_button (GTK_WIDGET (drop_down));
  if (button == NULL)
    return;
  /* A name does not pass through two labelled-by relations: a drop-down named by its
   * mnemonic label lends the label itself. */
  labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (drop_down));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label == NULL && labels != NULL ? labels->data : drop_down,
                                  NULL, -1);
}

/**
 * sky_keyboard_setup:
 * @root: a widget whose descendants are set up
 *
 * Applies the keyboard rules to everything under @root that is there now: a flow box of
 * filters gives each filter one Tab stop (its children hold the focus, not the cells around
 * them), the button of each drop-down is named after it, and Tab leaves each list or column
 * view in one press.
 */
void
sky_keyboard_setup (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_FLOW_BOX_CHILD (child))
        gtk_widget_set_focusable (child, FALSE);
      else if (GTK_IS_DROP_DOWN (child))
        sky_keyboard_name_drop_down (GTK_DROP_DOWN (child), NULL);
      else if (GTK_IS_COLUMN_VIEW (child) || GTK_IS_LIST_VIEW (child))
        {
          sky_keyboard_tab_leaves (child);
          /* The column view's own list view is set up with the column view. */
          continue;
        }
      sky_keyboard_setup (child);
    }
}
