/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sky-lazy-drop-down.h"
#include "sky-test-util.h"
#include "sky-window-test-util.h"

/* The filters' drop-down: a look-alike of a closed GtkDropDown until it is first used, then
 * the GtkDropDown itself, with the same model, choice and search. */

static const char *const choices[] = { "Any category", "Compute", "Storage", NULL };

static GtkWindow *
window_with (GtkWidget *first,
             GtkWidget *second)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), first);
  if (second != NULL)
    gtk_box_append (GTK_BOX (box), second);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, first, 10));
  return GTK_WINDOW (window);
}

static SkyLazyDropDown *
lazy_with_choices (guint selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (choices);
  SkyLazyDropDown *lazy = SKY_LAZY_DROP_DOWN (sky_lazy_drop_down_new ());

  sky_lazy_drop_down_set_model (lazy, G_LIST_MODEL (list));
  sky_lazy_drop_down_set_selected (lazy, selected);
  return lazy;
}

/* "name.class.class" of @widget's node (and a label's text, where it shows), its children's in
 * brackets, the visible ones only: shown, and not a stack's page that is not. */
static void
append_nodes (GString   *out,
              GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  g_string_append (out, gtk_widget_get_css_name (widget));
  for (guint i = 0; classes[i] != NULL; i++)
    g_string_append_printf (out, ".%s", classes[i]);
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "'%s'", gtk_label_get_label (GTK_LABEL (widget)));
  if (gtk_widget_get_first_child (widget) == NULL)
    return;
  g_string_append (out, "[");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child))
      {
        if (out->str[out->len - 1] != '[')
          g_string_append (out, " ");
        append_nodes (out, child);
      }
  g_string_append (out, "]");
}

static char *
nodes (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  append_nodes (out, widget);
  return g_string_free (out, FALSE);
}

static gboolean
has_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_stack (child))
      return TRUE;
  return FALSE;
}

/* Before it is used, it shows what a closed GtkDropDown with the same choice shows: the same
 * visible nodes, classes and text, the same sizes asked for at every width, and no popup. */
static void
test_looks_alike (void)
{
  const char *const *names = choices;
  SkyLazyDropDown *lazy = lazy_with_choices (1);
  GtkWidget *real = gtk_drop_down_new_from_strings (names);
  GtkWindow *window;
  g_autofree char *real_nodes = NULL;
  g_autofree char *lazy_nodes = NULL;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (real), 1);
  window = window_with (GTK_WIDGET (lazy), real);

  real_nodes = nodes (real);
  lazy_nodes = nodes (gtk_widget_get_first_child (GTK_WIDGET (lazy)));
  g_assert_cmpstr (lazy_nodes, ==, real_nodes);
  g_assert_nonnull (strstr (lazy_nodes, "'Compute'"));
  g_assert_null (sky_lazy_drop_down_peek_drop_down (lazy));
  /* Its "stack" is a box that holds the row alone: the page a GtkDropDown shows when nothing
   * is chosen is never shown by the look-alike. */
  g_assert_false (has_stack (GTK_WIDGET (lazy)));

  for (GtkOrientation o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
    for (int for_size = -1; for_size <= 200; for_size += 67)
      {
        int real_min, real_nat, lazy_min, lazy_nat;

        gtk_widget_measure (real, o, for_size, &real_min, &real_nat, NULL, NULL);
        gtk_widget_measure (GTK_WIDGET (lazy), o, for_size, &lazy_min, &lazy_nat, NULL, NULL);
        g_assert_cmpint (lazy_min, ==, real_min);
        g_assert_cmpint (lazy_nat, ==, real_nat);
      }

  /* Another choice shows as it does in a GtkDropDown. */
  sky_lazy_drop_down_set_selected (lazy, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (real), 2);
  g_clear_pointer (&real_nodes, g_free);
  g_clear_pointer (&lazy_nodes, g_free);
  real_nodes = nodes (real);
  lazy_nodes = nodes (gtk_widget_get_first_child (GTK_WIDGET (lazy)));
  g_assert_cmpstr (lazy_nodes, ==, real_nodes);
  g_assert_nonnull (strstr (lazy_nodes, "'Storage'"));
  g_assert_null (sky_lazy_drop_down_peek_drop_down (lazy));
  gtk_window_destroy (window);
}

/* The text the look-alike shows: the label in its row. */
static const char *
face_text (SkyLazyDropDown *lazy)
{
  GtkWidget *widget = gtk_widget_get_first_child (GTK_WIDGET (lazy));

  while (widget != NULL && !GTK_IS_LABEL (widget))
    widget = gtk_widget_get_first_child (widget);
  g_assert_nonnull (widget);
  return gtk_label_get_label (GTK_LABEL (widget));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Its choice follows its model as a GtkDropDown's does: a new model chooses its first item, a
 * position past the items none, items added or removed before the chosen one keep it, and the
 * chosen one removed chooses the one in its place. */
static void
test_choice_follows_model (void)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (choices);
  g_autoptr(SkyLazyDropDown) lazy = g_object_ref_sink (SKY_LAZY_DROP_DOWN (
                                                         sky_lazy_drop_down_new ()));
  guint told = 0;

  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (lazy, "notify::selected", G_CALLBACK (count_cb), &told);
  sky_lazy_drop_down_set_model (lazy, G_LIST_MODEL (list));
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, 0);
  g_assert_cmpuint (told, ==, 1);
  sky_lazy_drop_down_set_selected (lazy, 2);
  g_assert_cmpuint (told, ==, 2);
  g_assert_cmpstr (face_text (lazy), ==, "Storage");
  sky_lazy_drop_down_set_selected (lazy, 2);
  g_assert_cmpuint (told, ==, 2);

  gtk_string_list_splice (list, 0, 1, (const char *const[]) { "Any", "Anything", NULL });
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, 3);
  gtk_string_list_append (list, "Network");
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, 3);
  g_assert_cmpuint (told, ==, 3);
  /* The chosen item removed, the one in its place is chosen, and shown. */
  gtk_string_list_remove (list, 3);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, 3);
  g_assert_cmpstr (face_text (lazy), ==, "Network");

  sky_lazy_drop_down_set_selected (lazy, 99);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, GTK_INVALID_LIST_POSITION);
  sky_lazy_drop_down_set_model (lazy, NULL);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (sky_lazy_drop_down_peek_drop_down (lazy));
  g_signal_handlers_disconnect_by_func (lazy, count_cb, &told);
}

static gboolean
is_made_alone (gpointer lazy)
{
  GtkWidget *made = GTK_WIDGET (sky_lazy_drop_down_peek_drop_down (lazy));

  return gtk_widget_get_first_child (lazy) == made && gtk_widget_get_next_sibling (made) == NULL;
}

/* Pressed, it makes the GtkDropDown in its place, with its model, choice, expression and
 * search, and opens its popup; the look-alike goes, and from then on the choice is the
 * GtkDropDown's, told as before. */
static void
test_made_on_first_use (void)
{
  SkyLazyDropDown *lazy = lazy_with_choices (1);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                      NULL, "string");
  GtkWidget *face = gtk_widget_get_first_child (GTK_WIDGET (lazy));
  GtkWidget *button = gtk_widget_get_first_child (face);
  GtkWindow *window;
  GtkDropDown *made;
  guint told = 0, made_told = 0;

  sky_lazy_drop_down_set_expression (lazy, expression);
  g_object_set (lazy, "enable-search", TRUE, "title", "Category", NULL);
  window = window_with (GTK_WIDGET (lazy), NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (lazy)), ==, "Category");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_signal_connect_swapped (lazy, "notify::selected", G_CALLBACK (count_cb), &told);
  g_signal_connect_swapped (lazy, "notify::drop-down", G_CALLBACK (count_cb), &made_told);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  made = sky_lazy_drop_down_peek_drop_down (lazy);
  g_assert_nonnull (made);
  g_assert_cmpuint (made_told, ==, 1);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (made)) == GTK_WIDGET (lazy));
  g_assert_true (gtk_drop_down_get_model (made) == sky_lazy_drop_down_get_model (lazy));
  g_assert_cmpuint (gtk_drop_down_get_selected (made), ==, 1);
  g_assert_true (gtk_drop_down_get_expression (made) == expression);
  g_assert_true (gtk_drop_down_get_enable_search (made));
  g_assert_false (gtk_widget_get_visible (face));
  g_assert_cmpuint (told, ==, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (made)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_assert_true (wait_until (is_mapped, child, 10));
  /* The look-alike leaves once the press is over. */
  g_assert_true (wait_until (is_made_alone, lazy, 10));

  gtk_drop_down_set_selected (made, 2);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (lazy), ==, 2);
  g_assert_cmpuint (told, ==, 1);
  sky_lazy_drop_down_set_selected (lazy, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (made), ==, 0);
  g_assert_cmpuint (told, ==, 2);
  g_assert_true (sky_lazy_drop_down_get_drop_down (lazy) == made);
  g_assert_cmpuint (made_told, ==, 1);
  gtk_window_destroy (window);
}

/* With no item to show, it shows GTK's own drop-down, which says so in GTK's words. */
static void
test_nothing_chosen (void)
{
  SkyLazyDropDown *lazy = lazy_with_choices (0);
  GtkWindow *window;

  sky_lazy_drop_down_set_selected (lazy, GTK_INVALID_LIST_POSITION);
  g_assert_null (sky_lazy_drop_down_peek_drop_down (lazy));
  window = window_with (GTK_WIDGET (lazy), NULL);
  g_assert_nonnull (sky_lazy_drop_down_peek_drop_down (lazy));
  g_assert_cmpuint (gtk_drop_down_get_selected (sky_lazy_drop_down_peek_drop_down (lazy)), ==,
                    GTK_INVALID_LIST_POSITION);
  gtk_window_destroy (window);

  /* Shown with an item, it makes the drop-down once it has none. */
  lazy = lazy_with_choices (1);
  window = window_with (GTK_WIDGET (lazy), NULL);
  g_assert_null (sky_lazy_drop_down_peek_drop_down (lazy));
  sky_lazy_drop_down_set_model (lazy, NULL);
  g_assert_nonnull (sky_lazy_drop_down_peek_drop_down (lazy));
  gtk_window_destroy (window);
}

/* Made while its button has the focus (as Space or Enter on it does), the GtkDropDown's
 * button takes it. */
static void
test_focus_passes_on (void)
{
  SkyLazyDropDown *lazy = lazy_with_choices (1);
  GtkWindow *window = window_with (GTK_WIDGET (lazy), gtk_button_new_with_label ("Other"));
  GtkWidget *button;

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (lazy)));
  button = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (gtk_widget_is_ancestor (button, GTK_WIDGET (lazy)));
  button = gtk_widget_get_first_child (GTK_WIDGET (sky_lazy_drop_down_get_drop_down (lazy)));
  g_assert_true (gtk_widget_is_focus (button));
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = window_test_init (&argc, &argv);
  int status;

  if (data_home == NULL)
    return 0;
  adw_init ();

  g_test_add_func ("/sky/lazy-drop-down/looks-alike", test_looks_alike);
  g_test_add_func ("/sky/lazy-drop-down/choice-follows-model", test_choice_follows_model);
  g_test_add_func ("/sky/lazy-drop-down/made-on-first-use", test_made_on_first_use);
  g_test_add_func ("/sky/lazy-drop-down/nothing-chosen", test_nothing_chosen);
  g_test_add_func ("/sky/lazy-drop-down/focus-passes-on", test_focus_passes_on);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
