/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Catalog page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-window-test-util.h"

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f,
                                                                                  "column_view")));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
test_catalog_page (Fixture       *f,
                   gconstpointer  data)
{
  SkyListingModel *model;
  g_autoptr(SkyListingItem) first = NULL;
  GtkSelectionModel *selection;
  GtkWidget *offer_view, *group;
  GtkStack *offer_stack;
  GListModel *candidates;
  GListModel *providers;
  GListModel *regions;
  GtkWidget *focus;
  g_autofree char *sort_column = NULL;
  gboolean descending;
  gint64 deadline;

  import_fixture (f, "valid-small.xml", NULL);

  /* On-demand prices, the default: std-2, mem-4, cpu-8, egress and two for functions. */
  wait_for_count (f, 6);

  /* What a row is and what it costs come first, so the price is in view beside the details
   * pane in the default window; the rows are cheapest first. */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f,
                                                                       "column_view")));
    static const char * const titles[] = { "Provider", "Name", "Unit Price" };

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      }
    g_object_get (catalog_page (f), "sort-column", &sort_column, NULL);
    g_assert_cmpstr (sort_column, ==, "price");
    g_clear_pointer (&sort_column, g_free);
  }

  /* The provider filter offers the providers of the current sheets. */
  providers = gtk_drop_down_get_model (GTK_DROP_DOWN (page_child (f, "provider_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (providers), 1), ==,
                   "Example Cloud");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "provider_dropdown")), 1);
  wait_for_count (f, 6);

  /* Regions of the current sheets, by name; and the operating system. */
  regions = gtk_drop_down_get_model (GTK_DROP_DOWN (page_child (f, "region_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (regions), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (regions), 2), ==,
                   "EU Central (Frankfurt) (eu-central)");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "region_dropdown")), 2);
  wait_for_count (f, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "region_dropdown")), 0);
  wait_for_count (f, 6);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "os_dropdown")), 2);
  wait_for_count (f, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "os_dropdown")), 0);
  wait_for_count (f, 6);

  /* Ctrl+F puts the keyboard in the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (page_child (f, "search_entry")) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (page_child (f, "search_entry"))));

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "mem-4");
  wait_for_count (f, 1);

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "std-2");
  wait_for_count (f, 1);
  /* Any purchase option: std-2 has six. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "term_dropdown")), 0);
  wait_for_count (f, 6);

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "term_dropdown")), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 4);
  wait_for_count (f, 2);

  /* Nothing matches: the page says so instead of an empty table. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 64);
  wait_for_count (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==,
                   "empty");

  /* Rows load when asked for: the first is the cheapest on-demand offer with >= 4 vCPU. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 4);
  wait_for_count (f, 2);
  model = sky_catalog_page_get_model (catalog_page (f));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (sky_listing_item_get_listing (first) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (sky_listing_item_get_listing (first));
  g_assert_cmpstr (sky_listing_item_get_listing (first)->sku, ==, "mem-4-eu");

  /* Selecting it shows its details, from every attribute to the sheet it comes from. */
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  offer_stack = GTK_STACK (gtk_widget_get_template_child (offer_view, SKY_TYPE_OFFER_VIEW,
                                                          "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (offer_stack), ==, "offer");
  group = gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_template_child (offer_view,
                                                                                 SKY_TYPE_OFFER_VIEW,
                                                                                 "groups")));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "mem-4");

  /* Add to Candidates keeps it, once. */
  candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.add-to-candidates", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.add-to-candidates", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (page_child (f,
                                                                           "candidates_button"))),
                   ==, "Candidates (1)");

  /* Nothing selected: the pane says so. */
  gtk_selection_model_unselect_all (selection);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (offer_stack), ==, "none");

  /* Sorting by vCPU, largest first, from the Sort menu, puts the 8-vCPU offer on top and
   * shows the order in the vCPU column's header. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.sort-column",
                                             "s", "vcpu"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.sort-descending", NULL));
  g_object_get (catalog_page (f), "sort-column", &sort_column, "sort-descending", &descending,
                NULL);
  g_assert_cmpstr (sort_column, ==, "vcpu");
  g_assert_true (descending);
  g_clear_pointer (&sort_column, g_free);
  g_assert_cmpstr (first_sku (f, model), ==, "cpu-8-ap-win");

  /* A click on a column's header sorts by it: the Name column, then again for Z to A. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (page_child (f, "column_view")),
                                  column_titled (f, "Name"), GTK_SORT_ASCENDING);
  g_object_get (catalog_page (f), "sort-column", &sort_column, "sort-descending", &descending,
                NULL);
  g_assert_cmpstr (sort_column, ==, "name");
  g_assert_false (descending);
  g_assert_cmpstr (first_sku (f, model), ==, "cpu-8-ap-win");
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (page_child (f, "column_view")),
                                  column_titled (f, "Name"), GTK_SORT_DESCENDING);
  g_object_get (catalog_page (f), "sort-descending", &descending, NULL);
  g_assert_true (descending);
  g_assert_cmpstr (first_sku (f, model), ==, "mem-4-eu");
}

/* With a newer sheet of its compute service only, a provider is offered once by the provider
 * filter, and the page lists the newer compute prices beside the older sheet's others. */
static void
test_current_per_service (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *providers;

  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  /* On demand: std-2 of 2026.3 and egress and two of functions of 2026.1; 2026.1's std-2,
   * mem-4 and cpu-8 are of its superseded compute. */
  wait_for_count (f, 4);
  providers = gtk_drop_down_get_model (GTK_DROP_DOWN (page_child (f, "provider_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (providers), 1), ==,
                   "Example Cloud");
}

/* The subtitles of the rows under @widget, one a line. */
static void
append_subtitles (GtkWidget *widget,
                  GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    append_subtitles (c, out);
}

/* What the details pane shows of the offer @sku, the only row the search for it finds. */
static char *
details_of (Fixture    *f,
            const char *sku)
{
  SkyListingModel *model;
  g_autoptr(SkyListingItem) first = NULL;
  GtkSelectionModel *selection;
  GtkWidget *offer_view;
  GString *out = g_string_new (NULL);
  gint64 deadline;

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), sku);
  wait_for_count (f, 1);
  model = sky_catalog_page_get_model (catalog_page (f));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (sky_listing_item_get_listing (first) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (sky_listing_item_get_listing (first));
  g_assert_cmpstr (sky_listing_item_get_listing (first)->sku, ==, sku);
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  append_subtitles (GTK_WIDGET (gtk_widget_get_template_child (offer_view, SKY_TYPE_OFFER_VIEW,
                                                               "groups")), out);
  gtk_selection_model_unselect_all (selection);
  return g_string_free (out, FALSE);
}

/* An offer's details name the date a price holds from when it is not the sheet's. */
static void
test_price_date (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *vm = NULL, *disk = NULL;

  import_fixture (f, "units-small.xml", NULL);
  wait_for_count (f, 4);

  vm = details_of (f, "vm-2");
  g_test_message ("%s", vm);
  g_assert_nonnull (strstr (vm, "0.0416 USD/Hour\nprice as of 2026-03-01\n"));
  /* The sheet's date, with how old its prices are. */
  g_assert_nonnull (strstr (vm, "\nPrices as of 2026-01-01 ("));
  /* A price dated as its sheet is: nothing more to say. */
  disk = details_of (f, "disk-gib");
  g_assert_nonnull (strstr (disk, "0.10 USD/GiB-month\n"));
  g_assert_null (strstr (disk, "price as of"));
}

/* The titles and subtitles of the rows of the offer view's first group, "title=subtitle;…". */
static char *
offer_rows (Fixture *f)
{
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkWidget *groups = GTK_WIDGET (gtk_widget_get_template_child (offer_view, SKY_TYPE_OFFER_VIEW,
                                                                 "groups"));
  GtkWidget *group = gtk_widget_get_first_child (groups);
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  /* Every action row under the group, wherever the group keeps them. */
  g_ptr_array_add (pending, group);
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, pending->len - 1);

      if (ADW_IS_ACTION_ROW (widget))
        {
          g_string_append_printf (text, "%s=%s;",
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                                  adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
           child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (pending, child);
    }
  return g_string_free (text, FALSE);
}

/* The catalog shows each offer's architecture in a column of its own and filters by it; the
 * details list an offer's attributes. The default rows only, as a requirement matches. */
static void
test_catalog_architecture (Fixture       *f,
                           gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  GtkSelectionModel *selection;
  g_autofree char *rows = NULL;
  g_autofree char *sort_column = NULL;

  import_fixture (f, "attributes.xml", NULL);
  /* m-4 and g-4 on demand: the other rows are not default ones. */
  wait_for_count (f, 2);
  g_assert_nonnull (column_titled (f, "Architecture"));

  /* Arm64 only: g-4. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "architecture_dropdown")), 2);
  wait_for_count (f, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "g-4");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "architecture_dropdown")), 1);
  wait_for_count (f, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "m-4");

  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  rows = offer_rows (f);
  g_test_message ("%s", rows);
  g_assert_nonnull (strstr (rows, "Architecture=x86-64;"));
  g_assert_nonnull (strstr (rows, "Tenancy=Shared;"));
  g_assert_nonnull (strstr (rows, "Licence=Licence included;"));
  g_assert_nonnull (strstr (rows, "Capacity=Used;"));
  /* No pre-installed software: no row for it. */
  g_assert_null (strstr (rows, "Pre-installed Software="));

  /* The Sort menu sorts by architecture too. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "architecture_dropdown")), 0);
  wait_for_count (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.sort-column",
                                             "s", "architecture"));
  g_object_get (catalog_page (f), "sort-column", &sort_column, NULL);
  g_assert_cmpstr (sort_column, ==, "architecture");
  g_assert_cmpstr (first_sku (f, model), ==, "m-4");
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "catalog-page", test_catalog_page,
                           "catalog-page-current-per-service", test_current_per_service,
                           "price-date", test_price_date, "catalog-architecture",
                           test_catalog_architecture, NULL);
}
