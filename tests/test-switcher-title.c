/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

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
  return ADW_IS_VIEW_SWITCHER (child)
         ? (int) adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (child))
         : -1;
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

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
