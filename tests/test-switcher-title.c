/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "sky-switcher-button.h"
#include "sky-switcher-title.h"
#include "skytally-resources.h"
#include "sky-test-util.h"
#include "sky-window-test-util.h"

/* The header bar's view switcher: the form libadwaita's AdwViewSwitcherTitle shows at every
 * width, with its narrow form made only once a width needs it. */

static AdwViewStack *
stack_new (void)
{
  static const char *const titles[] = { "_Catalog", "_Scenario", "C_ompare", "_Trade-offs",
                                        "_Budget" };
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      AdwViewStackPage *page = adw_view_stack_add_titled (stack, gtk_label_new (titles[i]), NULL,
                                                          titles[i]);

      adw_view_stack_page_set_use_underline (page, TRUE);
      adw_view_stack_page_set_icon_name (page, "system-search-symbolic");
    }
  return stack;
}

/* What a squeezer of view switchers shows: a switcher's policy, or -1 for the title. */
static int
shown_form (GtkWidget *title_widget)
{
  GtkWidget *child = adw_squeezer_get_visible_child (ADW_SQUEEZER (
                                                     gtk_widget_get_first_child (title_widget)));

  g_assert_nonnull (child);
  if (ADW_IS_VIEW_SWITCHER (child))
    return (int) adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (child));
  /* Our wide form is a box of lighter buttons, with the nodes of libadwaita's. */
  if (g_str_equal (gtk_widget_get_css_name (child), "viewswitcher") &&
      gtk_widget_has_css_class (child, "wide"))
    return ADW_VIEW_SWITCHER_POLICY_WIDE;
  return -1;
}

static void
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size,
         int            *minimum,
         int            *natural)
{
  gtk_widget_measure (widget, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Beside an AdwViewSwitcherTitle on the same pages, in boxes of the same window: the same
 * sizes asked for, and at each width from the title's least to past the wide switcher's
 * natural width, the same form shown. The narrow form is made only at the first width the
 * wide one does not fit, and shown at that very allocation, never the title first. (Until
 * then the height asked for is the wide form's, less than libadwaita's, which counts the
 * narrow form's too: in a header bar, taller than both, that shows nowhere.) */
static void
test_same_forms (void)
{
  g_autoptr(AdwViewStack) stack = g_object_ref_sink (stack_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *ours = sky_switcher_title_new ();
  GtkWidget *theirs = adw_view_switcher_title_new ();
  SkySwitcherTitle *title = SKY_SWITCHER_TITLE (ours);
  int ours_min, ours_nat, theirs_min, theirs_nat, height = 0;
  gboolean narrow_seen = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), ours);
  gtk_box_append (GTK_BOX (box), theirs);
  sky_switcher_title_set_stack (title, stack);
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (theirs), stack);
  sky_switcher_title_set_title (title, "Skytally");
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (theirs), "Skytally");
  g_assert_cmpstr (sky_switcher_title_get_title (title), ==, "Skytally");
  g_assert_true (sky_switcher_title_get_stack (title) == stack);

  measure (ours, GTK_ORIENTATION_HORIZONTAL, -1, &ours_min, &ours_nat);
  measure (theirs, GTK_ORIENTATION_HORIZONTAL, -1, &theirs_min, &theirs_nat);
  g_assert_cmpint (ours_min, ==, theirs_min);
  g_assert_cmpint (ours_nat, ==, theirs_nat);
  g_assert_cmpint (ours_nat, >, 100);

  /* Wide enough for the wide switcher: no narrow form is made. */
  for (int width = ours_nat + 40; width >= ours_nat; width--)
    {
      measure (ours, GTK_ORIENTATION_VERTICAL, width, NULL, &height);
      gtk_widget_allocate (ours, width, height, -1, NULL);
      gtk_widget_allocate (theirs, width, height, -1, NULL);
      g_assert_cmpint (shown_form (ours), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
      g_assert_cmpint (shown_form (theirs), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
    }
  g_assert_false (sky_switcher_title_get_narrow_made (title));
  g_assert_false (sky_switcher_title_get_title_visible (title));

  for (int width = ours_nat - 1; width >= ours_min; width -= 3)
    {
      int ours_h, theirs_h;

      measure (theirs, GTK_ORIENTATION_VERTICAL, width, NULL, &theirs_h);
      gtk_widget_allocate (ours, width, theirs_h, -1, NULL);
      gtk_widget_allocate (theirs, width, theirs_h, -1, NULL);
      g_assert_true (sky_switcher_title_get_narrow_made (title));
      /* Once made, the narrow form's height counts too, as in libadwaita's. */
      measure (ours, GTK_ORIENTATION_VERTICAL, width, NULL, &ours_h);
      g_assert_cmpint (ours_h, ==, theirs_h);
      g_assert_cmpint (shown_form (ours), ==, shown_form (theirs));
      g_assert_cmpint (sky_switcher_title_get_title_visible (title), ==,
                       adw_view_switcher_title_get_title_visible (
                         ADW_VIEW_SWITCHER_TITLE (theirs)));
      narrow_seen |= shown_form (ours) == ADW_VIEW_SWITCHER_POLICY_NARROW;
    }
  /* Both forms between the wide one and the title were met on the way down. */
  g_assert_true (narrow_seen);
  g_assert_true (sky_switcher_title_get_title_visible (title));

  /* Wide again: the wide form, the narrow one kept for the next time. */
  gtk_widget_allocate (ours, ours_nat, height, -1, NULL);
  g_assert_cmpint (shown_form (ours), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
  g_assert_false (sky_switcher_title_get_title_visible (title));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The title's visibility is told as it changes, as AdwViewSwitcherTitle tells it: the window
 * shows its switcher bar then. */
static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_title_visible_told (void)
{
  g_autoptr(AdwViewStack) stack = g_object_ref_sink (stack_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *ours = sky_switcher_title_new ();
  int told = 0, nat;

  gtk_window_set_child (GTK_WINDOW (window), ours);
  sky_switcher_title_set_stack (SKY_SWITCHER_TITLE (ours), stack);
  g_signal_connect (ours, "notify::title-visible", G_CALLBACK (on_notify), &told);
  measure (ours, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat);
  gtk_widget_allocate (ours, nat, 46, -1, NULL);
  told = 0;
  gtk_widget_allocate (ours, 40, 46, -1, NULL);
  g_assert_true (sky_switcher_title_get_title_visible (SKY_SWITCHER_TITLE (ours)));
  g_assert_cmpint (told, >=, 1);
  told = 0;
  gtk_widget_allocate (ours, nat, 46, -1, NULL);
  g_assert_false (sky_switcher_title_get_title_visible (SKY_SWITCHER_TITLE (ours)));
  g_assert_cmpint (told, >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A widget's nodes, depth first: each node's name and style classes, and its children's. */
static void
describe_nodes (GtkWidget *widget,
                GString   *out)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);

  g_string_append_printf (out, "%s%s%s", gtk_widget_get_css_name (widget),
                          classes[0] != NULL ? "." : "", joined);
  if (gtk_widget_get_first_child (widget) == NULL)
    return;
  g_string_append (out, " [");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* What libadwaita makes beside what it shows: the narrow form's box, hidden in its
       * stack, and an indicator bin's badge and mask, drawn only for a badge or attention. */
      if (!gtk_widget_get_child_visible (child) ||
          g_str_equal (gtk_widget_get_css_name (child), "indicator") ||
          g_str_equal (gtk_widget_get_css_name (child), "mask"))
        continue;
      describe_nodes (child, out);
      g_string_append (out, " ");
    }
  g_string_append (out, "]");
}

static GtkWidget *
wide_form (GtkWidget *title_widget)
{
  return gtk_widget_get_first_child (gtk_widget_get_first_child (title_widget));
}

/* The wide form beside libadwaita's AdwViewSwitcher of the same policy: the same nodes and
 * style classes as far as they show, the same role for each button, and the same sizes asked
 * for, so the same pixels. */
static void
test_wide_form_nodes (void)
{
  g_autoptr(AdwViewStack) stack = g_object_ref_sink (stack_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *ours = sky_switcher_title_new ();
  GtkWidget *theirs = adw_view_switcher_new ();
  g_autoptr(GString) ours_nodes = g_string_new (NULL);
  g_autoptr(GString) theirs_nodes = g_string_new (NULL);
  GtkWidget *wide, *button, *their_button;

  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (theirs), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), ours);
  gtk_box_append (GTK_BOX (box), theirs);
  sky_switcher_title_set_stack (SKY_SWITCHER_TITLE (ours), stack);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (theirs), stack);
  gtk_window_present (GTK_WINDOW (window));
  wide = wide_form (ours);

  describe_nodes (wide, ours_nodes);
  describe_nodes (theirs, theirs_nodes);
  g_assert_cmpstr (ours_nodes->str, ==, theirs_nodes->str);
  g_assert_true (strstr (ours_nodes->str, "button.flat.horizontal.toggle [stack "
                                          "[box.horizontal.wide [indicatorbin [image ] label")
                 != NULL);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (wide)), ==,
                   GTK_ACCESSIBLE_ROLE_TAB_LIST);

  for (button = gtk_widget_get_first_child (wide),
       their_button = gtk_widget_get_first_child (theirs);
       button != NULL;
       button = gtk_widget_get_next_sibling (button),
       their_button = gtk_widget_get_next_sibling (their_button))
    {
      int ours_min, ours_nat, theirs_min, theirs_nat;

      g_assert_nonnull (their_button);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==,
                       gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (their_button)));
      g_assert_cmpint (gtk_widget_get_focus_on_click (button), ==,
                       gtk_widget_get_focus_on_click (their_button));
      for (int o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
        {
          measure (button, o, -1, &ours_min, &ours_nat);
          measure (their_button, o, -1, &theirs_min, &theirs_nat);
          g_assert_cmpint (ours_min, ==, theirs_min);
          g_assert_cmpint (ours_nat, ==, theirs_nat);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The wide form's buttons follow the stack: a page's title, icon and visibility, the page
 * shown pressed, a button pressed (or its mnemonic) showing its page, a pressed button staying
 * pressed, and pages added or removed. */
static void
test_wide_form_follows_pages (void)
{
  g_autoptr(AdwViewStack) stack = g_object_ref_sink (stack_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *ours = sky_switcher_title_new ();
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  g_autoptr(AdwViewStackPage) compare = g_list_model_get_item (G_LIST_MODEL (pages), 2);
  GtkWidget *wide, *buttons[5], *extra;
  guint i = 0;

  gtk_window_set_child (GTK_WINDOW (window), ours);
  sky_switcher_title_set_stack (SKY_SWITCHER_TITLE (ours), stack);
  gtk_window_present (GTK_WINDOW (window));
  wide = wide_form (ours);
  for (GtkWidget *b = gtk_widget_get_first_child (wide); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (buttons));
      buttons[i++] = b;
    }
  g_assert_cmpuint (i, ==, 5);
  g_assert_cmpstr (gtk_label_get_label (sky_switcher_button_get_label (
                     SKY_SWITCHER_BUTTON (buttons[2]))), ==, "C_ompare");
  g_assert_true (gtk_label_get_use_underline (sky_switcher_button_get_label (
                   SKY_SWITCHER_BUTTON (buttons[2]))));
  g_assert_true (gtk_label_get_mnemonic_widget (sky_switcher_button_get_label (
                   SKY_SWITCHER_BUTTON (buttons[2]))) == buttons[2]);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[2])));

  /* Pressed, or by its mnemonic: its page is shown, the others' buttons raised. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (buttons[2]), TRUE);
  g_assert_true (gtk_selection_model_is_selected (pages, 2));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));
  g_assert_true (gtk_widget_mnemonic_activate (buttons[3], FALSE));
  /* A button activated by a key is clicked once it has shown itself pressed. */
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !gtk_selection_model_is_selected (pages, 3) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_selection_model_is_selected (pages, 3));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[2])));
  /* The shown page's button cannot be raised: a second press keeps it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (buttons[3]), FALSE);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[3])));
  /* The page shown from elsewhere presses its button. */
  gtk_selection_model_select_item (pages, 4, TRUE);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[4])));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[3])));

  /* A page's title and visibility. */
  adw_view_stack_page_set_title (compare, "_Versus");
  g_assert_cmpstr (gtk_label_get_label (sky_switcher_button_get_label (
                     SKY_SWITCHER_BUTTON (buttons[2]))), ==, "_Versus");
  adw_view_stack_page_set_visible (compare, FALSE);
  g_assert_false (gtk_widget_get_visible (buttons[2]));
  adw_view_stack_page_set_visible (compare, TRUE);
  g_assert_true (gtk_widget_get_visible (buttons[2]));

  /* A page added, then removed: a button more, then as many as before. */
  extra = gtk_label_new ("extra");
  adw_view_stack_add_titled (stack, extra, "extra", "_Extra");
  i = 0;
  for (GtkWidget *b = gtk_widget_get_first_child (wide); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    i++;
  g_assert_cmpuint (i, ==, 6);
  g_assert_cmpstr (gtk_label_get_label (sky_switcher_button_get_label (
                     SKY_SWITCHER_BUTTON (gtk_widget_get_last_child (wide)))), ==, "_Extra");
  adw_view_stack_remove (stack, extra);
  i = 0;
  for (GtkWidget *b = gtk_widget_get_first_child (wide); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    i++;
  g_assert_cmpuint (i, ==, 5);

  /* Without a stack, no buttons. */
  sky_switcher_title_set_stack (SKY_SWITCHER_TITLE (ours), NULL);
  g_assert_null (gtk_widget_get_first_child (wide));
  gtk_window_destroy (GTK_WINDOW (window));
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
  skytally_register_resource ();

  g_test_add_func ("/sky/switcher-title/same-forms", test_same_forms);
  g_test_add_func ("/sky/switcher-title/title-visible-told", test_title_visible_told);
  g_test_add_func ("/sky/switcher-title/wide-form-nodes", test_wide_form_nodes);
  g_test_add_func ("/sky/switcher-title/wide-form-follows-pages", test_wide_form_follows_pages);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
