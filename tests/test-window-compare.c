/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Compare page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-gui-util.h"
#include "sky-window-test-util.h"

static void
wait_for_comparison (SkyComparePage *page)
{
  g_assert_false (run_while_busy (page, NULL));
}

/* The Compare page: a requirement found on every provider, and the kept candidates. */
static void
test_compare_page (Fixture       *f,
                   gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (_sky_window_get_page (f->window, "compare"));
  const SkyComparison *c;
  GtkWidget *status;

#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_COMPARE_PAGE, name)
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  status = GTK_WIDGET (CHILD ("status_label"));

  /* Compute (the first category), at least 4 vCPU, in Europe (after "Any" and US, CA, SA). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD ("category_dropdown")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (CHILD ("vcpu_spin")), 4);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD ("geography_dropdown")), 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.match", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->offers->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 0))->offer->sku, ==, "mem-4-eu");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer->sku, ==, "o-4");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (CHILD ("stack"))), ==, "matrix");
  /* An attribute column and one per offer. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                      GTK_COLUMN_VIEW (CHILD ("matrix")))), ==, 3);
  /* Headed by the provider's short name and the offer's; the provider's name on hover. */
  {
    GtkColumnView *matrix = GTK_COLUMN_VIEW (CHILD ("matrix"));
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (
                                              gtk_column_view_get_columns (matrix), 2);
    const SkyOfferDetails *o = ((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer;
    g_autofree char *title = g_strdup_printf ("Other · %s", o->name);
    g_autofree char *tooltip = g_strdup_printf ("Other Cloud · %s", o->name);

    g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, title);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (sky_gui_util_column_header (matrix, column)),
                     ==, tooltip);
  }

  /* A minimum SLA no offer meets in the EU on Example Cloud: said why. */
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("sla_entry")), "99.95");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.match", NULL));
  wait_for_comparison (page);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (status)),
                            "its SLA is 99.9 %, below 99.95 %"));

  /* The kept candidates. */
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "cpu-8");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_cmpuint (c->offers->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer->sku, ==,
                   "cpu-8-ap-win");
#undef CHILD
}

/* The controller of @widget named @name. */
static GtkEventController *
named_controller (GtkWidget  *widget,
                  const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

static gboolean
focus_is_in (GtkWidget *focus,
             GtkWidget *widget)
{
  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Tab, or Shift+Tab, from a row of the comparison leaves the table in one press, not for its
 * next row: the focus lands on a widget of the window outside it, and the table takes the
 * focus again afterwards. */
static void
test_compare_tab_leaves_matrix (Fixture       *f,
                                gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (_sky_window_get_page (f->window, "compare"));
  GtkWidget *matrix = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                 SKY_TYPE_COMPARE_PAGE,
                                                                 "matrix"));
  GtkEventController *keys = named_controller (matrix, "sky-tab-leaves");
  struct { guint keyval; GdkModifierType state; } presses[] = {
    { GDK_KEY_Tab, 0 }, { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK },
  };

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "compare");
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "cpu-8");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  wait_for_comparison (page);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (keys);
  g_assert_true (gtk_widget_get_mapped (matrix));

  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      GtkWidget *focus;
      gboolean handled = FALSE;

      /* Into the table, on one of its rows. */
      g_assert_true (gtk_widget_grab_focus (matrix));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus_is_in (focus, matrix));

      g_signal_emit_by_name (keys, "key-pressed", presses[i].keyval, 0, presses[i].state,
                             &handled);
      g_assert_true (handled);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_false (focus_is_in (focus, matrix));
      g_assert_true (gtk_widget_get_can_focus (matrix));
    }
}

static gboolean
can_scroll (gpointer data)
{
  GtkAdjustment *a = data;

  return gtk_adjustment_get_upper (a) - gtk_adjustment_get_page_size (a) > 40;
}

/* Keeps the first price of the offer @sku as a candidate, as Add to Candidates does. */
static void
keep_offer (Fixture    *f,
            const char *sku)
{
  SkySearchQuery query = { .text = sku };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sky_catalog_search (f->catalog, &query, &error);
  GListStore *candidates = G_LIST_STORE (sky_catalog_page_get_candidates (catalog_page (f)));

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (rows, i);

      if (g_strcmp0 (l->sku, sku) == 0)
        {
          g_autoptr(SkyListingItem) item = sky_listing_item_new (sky_listing_copy (l));

          g_list_store_append (candidates, item);
          return;
        }
    }
  g_assert_not_reached ();
}

/* More candidates than fit side by side: none is dropped without a word. The status says how
 * many are compared of how many kept, the list to choose from shows them all with the first
 * six ticked, the others cannot be ticked until one is unticked, and the comparison takes
 * those ticked. New results are shown from their start, wherever the last were scrolled to. */
static void
test_compare_candidates_choice (Fixture       *f,
                                gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (_sky_window_get_page (f->window, "compare"));
  static const char * const skus[] = { "std-2-us", "mem-4-eu", "cpu-8-ap-win", "egress-us",
                                       "fn-us", "o-4", "egress-eu" };
  GtkListBox *list;
  GtkWidget *rows[G_N_ELEMENTS (skus)];
  GtkAdjustment *vadjustment;
  const SkyComparison *c;
  guint n = 0;

#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_COMPARE_PAGE, name)
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (skus); i++)
    keep_offer (f, skus[i]);
  /* One kept twice is one candidate. */
  keep_offer (f, "o-4");

  list = GTK_LIST_BOX (CHILD ("choose_list"));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (skus));
      rows[n++] = row;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (skus));
  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_list_box_row_get_child (
                                GTK_LIST_BOX_ROW (rows[i])));

      g_assert_true (gtk_check_button_get_active (check) == (i < 6));
      g_assert_true (gtk_widget_get_sensitive (rows[i]) == (i < 6));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_cmpuint (c->offers->len, ==, 6);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (CHILD ("status_label"))),
                            "6 of 7 candidates are compared: choose which with Choose "
                            "Candidates."));

  /* Scrolled down, then compared again: from the start. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (
                                           GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                           "view_stack")),
                                         "compare");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 500);
  gtk_window_present (GTK_WINDOW (f->window));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (CHILD ("matrix")));
  g_assert_true (wait_until (can_scroll, vadjustment, 10));
  gtk_adjustment_set_value (vadjustment, 40);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  /* The first unticked, the last ticked in its place. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (
                                 GTK_LIST_BOX_ROW (rows[0]))), FALSE);
  g_assert_true (gtk_widget_get_sensitive (rows[6]));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (
                                 GTK_LIST_BOX_ROW (rows[6]))), TRUE);
  g_assert_false (gtk_widget_get_sensitive (rows[0]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_cmpuint (c->offers->len, ==, 6);
  for (guint i = 0; i < c->offers->len; i++)
    g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, i))->offer->sku, !=, "std-2-us");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==,
                     gtk_adjustment_get_lower (vadjustment));
#undef CHILD
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "compare-page", test_compare_page,
                           "compare-candidates-choice", test_compare_candidates_choice,
                           "compare-tab-leaves-matrix", test_compare_tab_leaves_matrix, NULL);
}
