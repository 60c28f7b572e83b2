/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the window is used from the keyboard and heard through a screen reader: one Tab stop
 * per control, drop-downs that say what they choose, tables that Tab leaves at once. */
#define G_LOG_DOMAIN "sky-keyboard"

#include "config.h"

#include "sky-keyboard.h"
#include "sky-lazy-drop-down.h"

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

/* @text without its mnemonic marks: "_Export…" is "Export…", "a__b" is "a_b". */
static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* Names a button after its label as shown, once: GTK 4.8 names a button with a mnemonic label
 * "_Export… Export…" (its label, then the label inside that names it for the mnemonic), and a
 * menu button with a label after its type. */
static void
name_after_label (GtkWidget *button)
{
  const char *label = GTK_IS_MENU_BUTTON (button)
                      ? gtk_menu_button_get_label (GTK_MENU_BUTTON (button))
                      : GTK_IS_CHECK_BUTTON (button)
                      ? gtk_check_button_get_label (GTK_CHECK_BUTTON (button))
                      : gtk_button_get_label (GTK_BUTTON (button));
  g_autofree char *plain = NULL;

  if (label == NULL || *label == '\0')
    return;
  plain = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
  /* The mnemonic label inside would add its text to the name a second time. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A button whose label has a mnemonic, or a menu button with a label: named after its label
 * now and whenever the label changes ("Providers (3)"). */
static void
name_button (GtkWidget *button)
{
  gboolean underlined;

  if (GTK_IS_MENU_BUTTON (button))
    underlined = TRUE;
  else if (GTK_IS_CHECK_BUTTON (button))
    underlined = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (button));
  else
    underlined = gtk_button_get_use_underline (GTK_BUTTON (button));
  if (!underlined || g_object_get_data (G_OBJECT (button), "sky-named-after-label") != NULL)
    return;
  g_object_set_data (G_OBJECT (button), "sky-named-after-label", GINT_TO_POINTER (1));
  name_after_label (button);
  g_signal_connect (button, "notify::label", G_CALLBACK (name_after_label), NULL);
}

/**
 * sky_keyboard_setup:
 * @root: a widget whose descendants are set up
 *
 * Applies the keyboard rules to everything under @root that is there now: a flow box of
 * filters gives each filter one Tab stop (its children hold the focus, not the cells around
 * them), the button of each drop-down is named after it, each button with a mnemonic or a
 * menu button with a label is named after its label as shown, and Tab leaves each list or
 * column view in one press.
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
      else if (SKY_IS_LAZY_DROP_DOWN (child))
        /* Named by itself, and its drop-down once made. */
        continue;
      else if (GTK_IS_DROP_DOWN (child))
        sky_keyboard_name_drop_down (GTK_DROP_DOWN (child), NULL);
      else if (GTK_IS_BUTTON (child) || GTK_IS_CHECK_BUTTON (child) || GTK_IS_MENU_BUTTON (child))
        name_button (child);
      else if (GTK_IS_COLUMN_VIEW (child) || GTK_IS_LIST_VIEW (child))
        {
          sky_keyboard_tab_leaves (child);
          /* The column view's own list view is set up with the column view. */
          continue;
        }
      sky_keyboard_setup (child);
    }
}
