/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window below 600 pixels, down to a phone's 360: the view switcher at the bottom, the
 * details pane a flap over the tables, nothing asking for more width; and the user's choice of
 * the details pane kept whatever the width. */
#include "config.h"

#include "sky-switcher-title.h"
#include "sky-window-test-util.h"

static const char *const pages[] = { "catalog", "scenario", "compare", "tradeoffs", "budget" };

static GtkWidget *
window_child (Fixture    *f,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                    name));
}

static AdwViewSwitcherBar *
switcher_bar (Fixture *f)
{
  GtkWidget *bar = gtk_widget_get_next_sibling (window_child (f, "view_stack"));

  g_assert_true (ADW_IS_VIEW_SWITCHER_BAR (bar));
  return ADW_VIEW_SWITCHER_BAR (bar);
}

static gboolean
is_hidden_bar (gpointer bar)
{
  return !adw_view_switcher_bar_get_reveal (bar);
}

static AdwFlap *
flap_of (GtkWidget *paned)
{
  return ADW_FLAP (gtk_widget_get_ancestor (paned, ADW_TYPE_FLAP));
}

typedef struct
{
  Fixture *f;
  int      width;
} Resize;

static gboolean
is_laid_out (gpointer data)
{
  Resize *resize = data;
  SkyLayout layout = sky_window_get_layout (resize->f->window);

  return gtk_widget_get_width (GTK_WIDGET (resize->f->window)) <= resize->width &&
         (layout == SKY_LAYOUT_NARROW) == (resize->width < 600) &&
         (layout == SKY_LAYOUT_WIDE) == (resize->width >= 900);
}

static void
run_a_moment (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Makes the window @width pixels wide as a user does, dragging its edge on: a window held at
 * the least width of its layout takes a narrower one and can then be made narrower. */
static void
resize (Fixture *f,
        int      width,
        int      height)
{
  Resize resize = { f, width };

  for (guint i = 0; i < 5 && !is_laid_out (&resize); i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
      wait_until (is_laid_out, &resize, 1);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, width);
  g_assert_true (is_laid_out (&resize));
  run_a_moment ();
}

/* The least width the window's content asks for on @page, and the page itself (which would
 * scroll rather than widen the window). */
static int
least_width (Fixture    *f,
             const char *page)
{
  int least = 0, page_least = 0;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window_child (f, "view_stack")), page);
  run_a_moment ();
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
  gtk_widget_measure (_sky_window_get_page (f->window, page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &page_least, NULL, NULL, NULL);
  return MAX (least, page_least);
}

/* Whether @widget is shown whole within the window's content, not scrolled out of it nor
 * below it. */
static gboolean
is_in_window (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  graphene_rect_t bounds, window;

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds) ||
      !gtk_widget_compute_bounds (content, GTK_WIDGET (f->window), &window))
    return FALSE;
  return bounds.size.width > 0 && bounds.size.height > 0 &&
         graphene_rect_contains_rect (&window, &bounds);
}

static gboolean
is_settled (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer);
}

static gboolean
is_flap_settled (gpointer flap)
{
  double progress = adw_flap_get_reveal_progress (flap);

  return progress == (adw_flap_get_reveal_flap (flap) ? 1.0 : 0.0);
}

/* The Catalog page shown, its filters and the details flap done moving. */
static void
settle_catalog (Fixture *f)
{
  GtkWidget *revealer = GTK_WIDGET (page_child (f, "filters_revealer"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (window_child (f, "view_stack")),
                                         "catalog");
  g_assert_true (wait_until (is_settled, revealer, 5));
  g_assert_true (wait_until (is_flap_settled, flap_of (GTK_WIDGET (page_child (f, "paned"))),
                             5));
  run_a_moment ();
}

static void
open_example (Fixture *f)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (scenario_page (f), file);
  wait_for_estimate (f);
}

/* At 360 and 599 pixels: every page fits, the switcher is at the bottom, the import button is
 * in the menu only, the pane folded; the toggle reveals it over the table and hides it, a swipe
 * or Escape closes it, and the setting stays the user's. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (window_child (f, "details_toggle"));
  GtkToggleButton *catalog_button = GTK_TOGGLE_BUTTON (page_child (f, "details_button"));
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkWidget *catalog_paned = GTK_WIDGET (page_child (f, "paned"));
  GtkWidget *scenario_paned = GTK_WIDGET (scenario_child (f, "paned"));
  GtkWidget *scenario_pane = gtk_paned_get_end_child (GTK_PANED (scenario_paned));
  GtkWidget *filters_button = GTK_WIDGET (page_child (f, "filters_button"));
  GtkRevealer *filters_revealer = GTK_REVEALER (page_child (f, "filters_revealer"));
  GtkWidget *search_entry = GTK_WIDGET (page_child (f, "search_entry"));
  GtkWidget *column_view = GTK_WIDGET (page_child (f, "column_view"));
  const int widths[] = { 360, 599 };

  g_settings_set_boolean (settings, "show-details", TRUE);
  open_example (f);
  /* The view switcher at the bottom is made when the window is first narrow, and so is the
   * narrow form of the one in the header bar. */
  g_assert_null (gtk_widget_get_next_sibling (window_child (f, "view_stack")));
  g_assert_false (sky_switcher_title_get_narrow_made (
                    SKY_SWITCHER_TITLE (window_child (f, "switcher_title"))));

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      resize (f, widths[w], 640);
      g_assert_cmpint (sky_window_get_layout (f->window), ==, SKY_LAYOUT_NARROW);
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          int least = least_width (f, pages[i]);

          if (least > 360)
            g_error ("the %s page asks for %d pixels at %d", pages[i], least, widths[w]);
        }
      g_assert_true (adw_view_switcher_bar_get_reveal (switcher_bar (f)));
      g_assert_true (sky_switcher_title_get_narrow_made (
                       SKY_SWITCHER_TITLE (window_child (f, "switcher_title"))));
      g_assert_false (gtk_widget_get_visible (window_child (f, "import_button")));
      /* The catalog's own button is the header bar's toggle's double. */
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (catalog_button)));

      /* The catalog's filters folded behind their button: the search and the list in view. */
      settle_catalog (f);
      g_assert_true (gtk_widget_get_visible (filters_button));
      g_assert_false (gtk_revealer_get_child_revealed (filters_revealer));
      g_assert_true (is_in_window (f, search_entry));
      g_assert_true (is_in_window (f, filters_button));
      g_assert_true (is_in_window (f, column_view));

      /* Folded: the panes are flaps, hidden; the user's choice is kept. */
      g_assert_true (adw_flap_get_flap (flap_of (catalog_paned)) == offer_view);
      g_assert_true (adw_flap_get_flap (flap_of (scenario_paned)) == scenario_pane);
      g_assert_null (gtk_paned_get_end_child (GTK_PANED (catalog_paned)));
      g_assert_false (adw_flap_get_reveal_flap (flap_of (catalog_paned)));
      g_assert_false (adw_flap_get_reveal_flap (flap_of (scenario_paned)));
      g_assert_false (gtk_toggle_button_get_active (toggle));
      g_assert_true (g_settings_get_boolean (settings, "show-details"));

      /* The toggle reveals the flap over the table, on both pages, and hides it. */
      gtk_toggle_button_set_active (toggle, TRUE);
      g_assert_true (adw_flap_get_reveal_flap (flap_of (catalog_paned)));
      g_assert_true (adw_flap_get_reveal_flap (flap_of (scenario_paned)));
      g_assert_true (gtk_toggle_button_get_active (catalog_button));
      g_assert_true (adw_flap_get_folded (flap_of (catalog_paned)));
      /* The details open in view, over the list. */
      settle_catalog (f);
      g_assert_true (is_in_window (f, offer_view));
      gtk_toggle_button_set_active (toggle, FALSE);
      g_assert_false (adw_flap_get_reveal_flap (flap_of (catalog_paned)));
      g_assert_false (adw_flap_get_reveal_flap (flap_of (scenario_paned)));
      g_assert_true (g_settings_get_boolean (settings, "show-details"));

      /* Closed by a swipe or Escape, as the flap does itself: the toggles follow. */
      gtk_toggle_button_set_active (toggle, TRUE);
      g_assert_true (gtk_toggle_button_get_active (catalog_button));
      adw_flap_set_reveal_flap (flap_of (catalog_paned), FALSE);
      g_assert_false (gtk_toggle_button_get_active (toggle));
      g_assert_false (gtk_toggle_button_get_active (catalog_button));
      g_assert_false (adw_flap_get_reveal_flap (flap_of (scenario_paned)));
      g_assert_true (g_settings_get_boolean (settings, "show-details"));
    }

  /* Wide again: the original layout, the pane beside the tables as the user chose. */
  resize (f, 1200, 760);
  g_assert_cmpint (sky_window_get_layout (f->window), ==, SKY_LAYOUT_WIDE);
  g_assert_true (wait_until (is_hidden_bar, switcher_bar (f), 5));
  g_assert_true (gtk_widget_get_visible (window_child (f, "import_button")));
  g_assert_cmpint (adw_header_bar_get_centering_policy (ADW_HEADER_BAR (window_child (f,
                                                                          "header_bar"))),
                   ==, ADW_CENTERING_POLICY_STRICT);
  g_assert_true (gtk_paned_get_end_child (GTK_PANED (catalog_paned)) == offer_view);
  g_assert_true (gtk_paned_get_end_child (GTK_PANED (scenario_paned)) == scenario_pane);
  g_assert_null (adw_flap_get_flap (flap_of (catalog_paned)));
  g_assert_true (gtk_widget_get_visible (offer_view));
  g_assert_true (gtk_widget_get_visible (scenario_pane));
  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (catalog_button)));
  /* The filters in view, no button to fold them. */
  g_assert_false (gtk_widget_get_visible (filters_button));
  g_assert_true (gtk_revealer_get_reveal_child (filters_revealer));
}

/* At 360 × 640 the Catalog page's filters fold behind a button that counts the filters
 * chosen (the search aside); pressed, it shows them, and again folds them; a row activated
 * opens its details over the list; whatever a narrow window shows, the filters are all there
 * in a wider one, where a row activated changes nothing of the pane. */
static void
test_narrow_filters (Fixture       *f,
                     gconstpointer  data)
{
  GtkToggleButton *filters_button = GTK_TOGGLE_BUTTON (page_child (f, "filters_button"));
  GtkRevealer *filters_revealer = GTK_REVEALER (page_child (f, "filters_revealer"));
  GtkWidget *provider = GTK_WIDGET (page_child (f, "provider_dropdown"));
  GtkWidget *memory = GTK_WIDGET (page_child (f, "memory_spin"));
  GtkWidget *column_view = GTK_WIDGET (page_child (f, "column_view"));
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkWidget *paned = GTK_WIDGET (page_child (f, "paned"));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  open_example (f);
  resize (f, 360, 640);
  settle_catalog (f);
  /* On demand, compute, by the hour: the page's own start. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (filters_button)), ==, "_Filters (3)");
  g_assert_false (gtk_revealer_get_child_revealed (filters_revealer));
  g_assert_true (is_in_window (f, column_view));

  /* Each filter chosen or cleared is counted; the search is not. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (memory), 8);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (filters_button)), ==, "_Filters (4)");
  set_search_text (f, "micro");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (filters_button)), ==, "_Filters (4)");
  gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.clear-filters", NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (filters_button)), ==, "_Filters");

  /* Pressed: the filters show, in view; pressed again, folded. */
  gtk_toggle_button_set_active (filters_button, TRUE);
  settle_catalog (f);
  g_assert_true (gtk_revealer_get_child_revealed (filters_revealer));
  g_assert_true (is_in_window (f, provider));
  gtk_toggle_button_set_active (filters_button, FALSE);
  settle_catalog (f);
  g_assert_false (gtk_revealer_get_child_revealed (filters_revealer));
  g_assert_true (is_in_window (f, column_view));

  /* A row activated opens its details over the list, in view. */
  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_true (adw_flap_get_reveal_flap (flap_of (paned)));
  settle_catalog (f);
  g_assert_true (is_in_window (f, offer_view));
  adw_flap_set_reveal_flap (flap_of (paned), FALSE);
  settle_catalog (f);

  /* Shown in a narrow window, then wide, then narrow again: folded first each time. */
  gtk_toggle_button_set_active (filters_button, TRUE);
  resize (f, 1200, 760);
  settle_catalog (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (filters_button)));
  g_assert_true (gtk_revealer_get_child_revealed (filters_revealer));
  g_assert_true (is_in_window (f, provider));
  /* There a row activated leaves the pane as the user chose it. */
  g_settings_set_boolean (settings, "show-details", FALSE);
  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_false (gtk_widget_get_visible (offer_view));
  g_assert_false (g_settings_get_boolean (settings, "show-details"));
  g_settings_reset (settings, "show-details");
  resize (f, 360, 640);
  settle_catalog (f);
  g_assert_false (gtk_toggle_button_get_active (filters_button));
  g_assert_false (gtk_revealer_get_child_revealed (filters_revealer));
  g_assert_true (is_in_window (f, column_view));
}

/* A pane the user hid stays hidden however the window is resized, and one shown for a while in
 * a narrow window is not shown by widening it. */
static void
test_narrow_keeps_choice (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (window_child (f, "details_toggle"));
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkWidget *catalog_paned = GTK_WIDGET (page_child (f, "paned"));

  open_example (f);
  resize (f, 1200, 760);
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-details"));
  g_assert_false (gtk_widget_get_visible (offer_view));

  resize (f, 360, 640);
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (adw_flap_get_reveal_flap (flap_of (catalog_paned)));
  g_assert_true (gtk_widget_get_visible (offer_view));
  g_assert_false (g_settings_get_boolean (settings, "show-details"));

  resize (f, 1200, 760);
  /* The flap folds away in its own time, the slower the busier the machine. */
  wait_until (is_hidden, offer_view, 5);
  g_assert_false (gtk_widget_get_visible (offer_view));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  g_assert_false (g_settings_get_boolean (settings, "show-details"));
  g_settings_reset (settings, "show-details");
  g_assert_true (gtk_widget_get_visible (offer_view));
  g_assert_true (gtk_toggle_button_get_active (toggle));
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "narrow", test_narrow,
                           "narrow-keeps-choice", test_narrow_keeps_choice,
                           "narrow-filters", test_narrow_filters,
                           NULL);
}
