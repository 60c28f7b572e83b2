/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Catalog page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-catalog-page-private.h"
#include "sky-gui-util.h"
#include "sky-lazy-drop-down.h"
#include "sky-terms.h"
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

/* Any category and any unit: the tests below count the prices of every one, as the page
 * listed before it opened on compute by the hour. */
static void
every_category_and_unit (Fixture *f)
{
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "category_dropdown")), 0);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "unit_dropdown")), 0);
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
  every_category_and_unit (f);

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
  providers = sky_lazy_drop_down_get_model (SKY_LAZY_DROP_DOWN (page_child (f, "provider_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (providers), 1), ==,
                   "Example Cloud");
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "provider_dropdown")), 1);
  wait_for_count (f, 6);

  /* Regions of the current sheets, by name; and the operating system. */
  regions = sky_lazy_drop_down_get_model (SKY_LAZY_DROP_DOWN (page_child (f, "region_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (regions), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (regions), 2), ==,
                   "EU Central (Frankfurt) (eu-central)");
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "region_dropdown")), 2);
  wait_for_count (f, 1);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "region_dropdown")), 0);
  wait_for_count (f, 6);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "os_dropdown")), 2);
  wait_for_count (f, 1);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "os_dropdown")), 0);
  wait_for_count (f, 6);

  /* Ctrl+F puts the keyboard in the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (page_child (f, "search_entry")) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (page_child (f, "search_entry"))));

  set_search_text (f, "mem-4");
  wait_for_count (f, 1);

  set_search_text (f, "std-2");
  wait_for_count (f, 1);
  /* Any purchase option: std-2 has six. */
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "term_dropdown")), 0);
  wait_for_count (f, 6);

  set_search_text (f, "");
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "term_dropdown")), 1);
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
  group = gtk_widget_get_first_child (offer_groups (offer_view));
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
  every_category_and_unit (f);
  /* On demand: std-2 of 2026.3 and egress and two of functions of 2026.1; 2026.1's std-2,
   * mem-4 and cpu-8 are of its superseded compute. */
  wait_for_count (f, 4);
  providers = sky_lazy_drop_down_get_model (SKY_LAZY_DROP_DOWN (page_child (f, "provider_dropdown")));
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

  set_search_text (f, sku);
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
  append_subtitles (offer_groups (offer_view), out);
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
  every_category_and_unit (f);
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
  GtkWidget *groups = offer_groups (offer_view);
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
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "architecture_dropdown")), 2);
  wait_for_count (f, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "g-4");
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "architecture_dropdown")), 1);
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
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "architecture_dropdown")), 0);
  wait_for_count (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.sort-column",
                                             "s", "architecture"));
  g_object_get (catalog_page (f), "sort-column", &sort_column, NULL);
  g_assert_cmpstr (sort_column, ==, "architecture");
  g_assert_cmpstr (first_sku (f, model), ==, "m-4");
}

/* The text of every label in the table's rows on screen, "|" between them. */
static char *
table_text (Fixture *f)
{
  GString *text = g_string_new ("|");
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, page_child (f, "column_view"));
  while (pending->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (pending, 0);

      if (GTK_IS_LABEL (widget))
        g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (pending, child);
    }
  return g_string_free (text, FALSE);
}

/* Waits, for a few seconds at most, until the table shows @expected in a cell. */
static void
wait_for_cell (Fixture    *f,
               const char *expected)
{
  g_autofree char *pattern = g_strdup_printf ("|%s|", expected);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  for (;;)
    {
      g_clear_pointer (&text, g_free);
      text = table_text (f);
      if (strstr (text, pattern) != NULL || g_get_monotonic_time () >= deadline)
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, pattern));
}

static const char *
selected_title (Fixture    *f,
                const char *dropdown)
{
  SkyLazyDropDown *d = SKY_LAZY_DROP_DOWN (page_child (f, dropdown));

  return gtk_string_list_get_string (GTK_STRING_LIST (sky_lazy_drop_down_get_model (d)),
                                     sky_lazy_drop_down_get_selected (d));
}

/* The page opens on compute by the hour on demand, cheapest first; by unit price with every
 * unit, the prices of each unit stay together, the hourly ones first. */
static void
test_catalog_opens_on_compute (Fixture       *f,
                               gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  g_autofree char *sort_column = NULL;

  import_fixture (f, "catalog-page.xml", NULL);
  g_assert_cmpstr (selected_title (f, "category_dropdown"), ==, "Compute");
  g_assert_cmpstr (selected_title (f, "unit_dropdown"), ==, "Hour");
  g_assert_cmpstr (selected_title (f, "term_dropdown"), ==, "On demand");
  wait_for_count (f, 2);
  g_object_get (catalog_page (f), "sort-column", &sort_column, NULL);
  g_assert_cmpstr (sort_column, ==, "price");
  g_assert_cmpstr (first_sku (f, model), ==, "a-2");

  /* Every unit and category: the disk's 0.01 a GiB-month is the lowest figure, yet the hourly
   * prices come first. */
  every_category_and_unit (f);
  wait_for_count (f, 4);
  g_assert_cmpstr (first_sku (f, model), ==, "a-2");
}

static gboolean is_shown (gpointer widget);

/* The columns a user needs, up to the architecture. */
#define N_NEEDED_COLUMNS 7
#define NAME_COLUMN 1

/* Whether @label is a cell's: a label in a cell of a row of the view's list. */
static gboolean
is_cell_label (GtkWidget *label)
{
  GtkWidget *cell = gtk_widget_get_parent (label);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  return row != NULL && GTK_IS_LIST_VIEW (gtk_widget_get_parent (row));
}

static int
child_index (GtkWidget *widget)
{
  int index = 0;

  for (GtkWidget *w = gtk_widget_get_prev_sibling (widget); w != NULL;
       w = gtk_widget_get_prev_sibling (w))
    index++;
  return index;
}

/* Whether @label, @viewport_width wide, shows all of its text: inside the viewport, wide enough
 * for its shortest form, and not ellipsized. */
static gboolean
label_readable (GtkWidget *label,
                GtkWidget *viewport,
                gboolean   may_ellipsize)
{
  graphene_rect_t bounds;
  int minimum;

  g_assert_true (gtk_widget_compute_bounds (label, viewport, &bounds));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (viewport))
    return FALSE;
  if (minimum > gtk_widget_get_width (label))
    return FALSE;
  return may_ellipsize || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* Checks every cell label of the needed columns under @widget (a row's cells are its children,
 * in the columns' order) and counts in @seen those with text, by column. */
static void
assert_cells_readable (GtkWidget *widget,
                       GtkWidget *viewport,
                       guint     *seen)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      *gtk_label_get_label (GTK_LABEL (widget)) != '\0' && is_cell_label (widget))
    {
      int column = child_index (gtk_widget_get_parent (widget));

      if (column < N_NEEDED_COLUMNS)
        {
          g_test_message ("column %d: %s", column, gtk_label_get_label (GTK_LABEL (widget)));
          g_assert_true (label_readable (widget, viewport, column == NAME_COLUMN));
          seen[column]++;
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_cells_readable (child, viewport, seen);
}

/* The cell's label of @text under @widget, or NULL. */
static GtkWidget *
cell_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
      is_cell_label (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cell_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header's label of @title under @widget, or NULL. */
static GtkWidget *
title_label (GtkWidget  *widget,
             const char *title)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), title) == 0 &&
      !is_cell_label (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = title_label (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The default size counts the window's frame too. */
static gboolean
is_default_width (gpointer window)
{
  return gtk_widget_get_width (window) > 1150 && gtk_widget_get_width (window) <= 1200;
}

/* The Monthly column shows a monthly price as it is, an hourly one for the month; the purchase
 * option, the upfront fee and the architecture are in columns of their own, in view: in the
 * default window (1200 × 760) beside the details pane, every column up to the architecture is
 * within the table's width, its title and figures whole, its purchase options whole on two
 * lines; only an offer's name may be cut. */
static void
test_catalog_columns (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f,
                                                                      "column_view")));
  static const char * const titles[] = {
    "Provider", "Name", "Unit Price", "Monthly (730 h)", "Purchase Option", "Upfront",
    "Architecture",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }

  import_fixture (f, "catalog-page.xml", NULL);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "unit_dropdown")), 0);
  wait_for_count (f, 3);
  wait_for_cell (f, "6.00 USD");
  wait_for_cell (f, "36.50 USD");
  wait_for_cell (f, "Arm64");

  /* Any purchase option: the reservation's fee. */
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "term_dropdown")), 0);
  wait_for_count (f, 4);
  wait_for_cell (f, "200.00 USD");

  /* In the default window, with the details pane. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    GtkWidget *view = GTK_WIDGET (page_child (f, "column_view"));
    GtkWidget *viewport = gtk_widget_get_parent (view);
    guint seen[N_NEEDED_COLUMNS] = { 0 };

    g_settings_set_boolean (settings, "show-details", TRUE);
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
    g_assert_true (wait_until (is_default_width, f->window, 10));
    g_assert_true (wait_until (is_shown, page_child (f, "offer_view"), 10));
    wait_for_cell (f, "Reserved 1 yr, partial upfront");
    /* Laid out at that size. */
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
    g_assert_true (GTK_IS_SCROLLED_WINDOW (viewport));
    g_test_message ("table %d px wide", gtk_widget_get_width (viewport));

    for (guint i = 0; i < N_NEEDED_COLUMNS; i++)
      {
        GtkWidget *label = title_label (view, titles[i]);

        g_assert_nonnull (label);
        g_assert_true (label_readable (label, viewport, FALSE));
      }
    assert_cells_readable (view, viewport, seen);
    /* A name, which may be cut, is whole in its tooltip. */
    {
      GtkWidget *name = cell_label (view, "x-2");

      g_assert_nonnull (name);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (name), ==, "x-2");
    }
    /* Each column had something to check: 4 rows, an upfront fee and 3 architectures. */
    for (guint i = 0; i < N_NEEDED_COLUMNS; i++)
      g_assert_cmpuint (seen[i], >=, i == 5 ? 1 : 3);
  }
}

static gboolean
explained (gpointer data)
{
  gboolean explaining = TRUE;

  g_object_get (data, "explaining", &explaining, NULL);
  return !explaining;
}

/* The status page of an empty result, once a search has found nothing, or NULL. */
static AdwStatusPage *
empty_page (Fixture *f)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (page_child (f, "stack")), "empty");

  return page != NULL ? ADW_STATUS_PAGE (page) : NULL;
}

/* The list of candidates in the Candidates button's popover, and its Update All button: made
 * when first asked for. */
static GtkListBox *
candidates_list (Fixture *f)
{
  return _sky_catalog_page_get_candidates_list (catalog_page (f));
}

static GtkWidget *
update_all_button (Fixture *f)
{
  return GTK_WIDGET (_sky_catalog_page_get_update_all_button (catalog_page (f)));
}

/* The empty result's explanation, once a worker thread has worked it out. */
static const char *
wait_for_explanation (Fixture *f)
{
  g_assert_true (wait_until (explained, catalog_page (f), 5));
  return adw_status_page_get_description (empty_page (f));
}

/* An empty result names the filter that removes every offer, and Clear Filters clears them. */
static void
test_catalog_empty_result (Fixture       *f,
                           gconstpointer  data)
{
  AdwStatusPage *empty;
  GListModel *regions;
  guint us_east = 0;

  import_fixture (f, "catalog-page.xml", NULL);
  wait_for_count (f, 2);

  /* Arm64 in US East: a-2 is in EU West only. */
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "architecture_dropdown")), 2);
  wait_for_count (f, 1);
  regions = sky_lazy_drop_down_get_model (SKY_LAZY_DROP_DOWN (page_child (f, "region_dropdown")));
  for (guint i = 1; i < g_list_model_get_n_items (regions); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (regions), i), "us-east") != NULL)
      us_east = i;
  g_assert_cmpuint (us_east, >, 0);
  sky_lazy_drop_down_set_selected (SKY_LAZY_DROP_DOWN (page_child (f, "region_dropdown")), us_east);
  wait_for_count (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==,
                   "empty");
  empty = empty_page (f);
  wait_for_explanation (f);
  g_test_message ("%s", adw_status_page_get_description (empty));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty),
                            "architecture Arm64, category Compute, unit Hour"));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty),
                            ": the region filter removes them all."));

  /* Two filters at fault: neither alone. While that search counts, the empty page stays,
   * without the explanation of the search before. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 64);
  g_assert_true (sky_listing_model_get_counting (sky_catalog_page_get_model (catalog_page (f))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==,
                   "empty");
  g_assert_cmpstr (adw_status_page_get_description (empty) != NULL
                     ? adw_status_page_get_description (empty) : "", ==, "");
  wait_for_count (f, 0);
  g_assert_nonnull (strstr (wait_for_explanation (f), "no single filter removes them all"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.clear-filters", NULL));
  /* Every price of every purchase option. */
  wait_for_count (f, 5);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (SKY_LAZY_DROP_DOWN (page_child (f,
                                                                         "region_dropdown"))),
                    ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (page_child (f,
                                                                                "vcpu_spin"))),
                   ==, 0);
}

/* Adding says what was added; a kept row is marked in the table; the popover names each
 * candidate's provider, region and price. */
static void
test_catalog_candidates_feedback (Fixture       *f,
                                  gconstpointer  data)
{
  GtkSelectionModel *selection;
  GtkLabel *feedback = GTK_LABEL (page_child (f, "feedback_label"));
  GtkWidget *list = GTK_WIDGET (candidates_list (f));
  GtkWidget *row;

  import_fixture (f, "catalog-page.xml", NULL);
  wait_for_count (f, 2);
  wait_for_cell (f, "a-2");
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpstr (first_sku (f, sky_catalog_page_get_model (catalog_page (f))), ==, "a-2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.add-to-candidates", NULL));
  g_assert_cmpstr (gtk_label_get_label (feedback), ==, "Added “a-2” to Candidates");
  wait_for_cell (f, "✓ a-2");
  /* The other row is not kept. */
  wait_for_cell (f, "x-2");

  gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.add-to-candidates", NULL);
  g_assert_cmpstr (gtk_label_get_label (feedback), ==, "Already in Candidates");

  row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "a-2");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Page Cloud · EU West (eu-west) · On demand");

  /* Removed from the candidates: the mark goes. */
  g_list_store_remove (G_LIST_STORE (sky_catalog_page_get_candidates (catalog_page (f))), 0);
  wait_for_cell (f, "a-2");
}

/* The widget named @name inside @widget, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of the list of candidates at @index. */
static GtkWidget *
candidate_row (Fixture *f,
               guint    index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (candidates_list (f), index));
}

static const SkyListing *
candidate (Fixture *f,
           guint    index)
{
  GListModel *candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_autoptr(SkyListingItem) item = g_list_model_get_item (candidates, index);

  return sky_listing_item_get_listing (item);
}

static guint
n_kept_in_settings (GSettings *settings)
{
  g_autoptr(GVariant) kept = g_settings_get_value (settings, "catalog-candidates");

  return g_variant_n_children (kept);
}

/* Candidates outside a scenario are kept in the settings and come back in a new window, each
 * at its own sheet's price: one kept from a sheet a newer one superseded says so and offers
 * the newer price ("Update All" takes every such price at once); one the catalog no longer
 * has says so and can be removed. Nothing is replaced without the user. */
static void
test_catalog_candidates_persist (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) kept = NULL;
  GListModel *candidates = sky_catalog_page_get_candidates (catalog_page (f));
  GtkWidget *update_all = update_all_button (f);
  GtkWidget *row;
  const char *sku = NULL, *version = NULL;

  /* Kept before: std-2 and mem-4 from sheet 2026.1, an offer no sheet has, and std-2 from a
   * sheet the catalog no longer has. */
  g_settings_set_value (settings, "catalog-candidates",
                        g_variant_new_parsed ("[('examplecloud', '2026.1', 'std-2-us', "
                                              "'us-east', 'on-demand', 'hour'), "
                                              "('examplecloud', '2026.1', 'mem-4-eu', "
                                              "'eu-central', 'on-demand', 'hour'), "
                                              "('examplecloud', '2026.1', 'gone-1', "
                                              "'us-east', 'on-demand', 'hour'), "
                                              "('examplecloud', '2025.9', 'std-2-us', "
                                              "'us-east', 'on-demand', 'hour')]"));
  /* The catalog of the next start holds sheet 2026.1 and 2026.3, which supersedes it for the
   * virtual machines and has std-2 only. */
  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  wait_for_count (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  g_assert_cmpstr (candidate (f, 0)->sku, ==, "std-2-us");
  g_assert_cmpstr (candidate (f, 0)->sheet_version, ==, "2026.1");
  g_assert_cmpint (candidate (f, 0)->price, ==, 960000000);
  g_assert_cmpstr (candidate (f, 1)->sku, ==, "mem-4-eu");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (page_child (f, "feedback_label"))), ==,
                   "No longer in the catalog: gone-1 (us-east), std-2-us (us-east)");

  row = candidate_row (f, 0);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "\nSuperseded by 2026.3"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find_named (row, "use-successor"))), ==,
                   "Use 2026.3");
  /* mem-4 has no successor; gone-1 has none either, and says it is gone. */
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (candidate_row (f, 1))),
                         "Superseded"));
  g_assert_null (find_named (candidate_row (f, 1), "use-successor"));
  row = candidate_row (f, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "gone-1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "No longer in the catalog (sheet 2026.1)"));
  g_assert_null (find_named (row, "use-successor"));
  /* The one of a sheet removed from the catalog offers the current price too. */
  g_assert_nonnull (find_named (candidate_row (f, 3), "use-successor"));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (page_child (f,
                                                                         "candidates_button"))),
                   ==, "Candidates (4)");

  /* Nothing was replaced: the settings hold what they held. */
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 4);
  kept = g_settings_get_value (settings, "catalog-candidates");
  g_variant_get_child (kept, 0, "(&s&s&s&s&s&s)", NULL, &version, &sku, NULL, NULL, NULL);
  g_assert_cmpstr (version, ==, "2026.1");
  g_clear_pointer (&kept, g_variant_unref);

  /* Two superseded: "Update All" takes both newer prices; std-2 is then kept once. */
  g_assert_true (gtk_widget_get_visible (update_all));
  g_signal_emit_by_name (update_all, "clicked");
  g_assert_false (gtk_widget_get_visible (update_all));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  g_assert_cmpstr (candidate (f, 0)->sku, ==, "std-2-us");
  g_assert_cmpstr (candidate (f, 0)->sheet_version, ==, "2026.3");
  g_assert_cmpint (candidate (f, 0)->price, ==, 800000000);
  g_assert_null (find_named (candidate_row (f, 0), "use-successor"));
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 3);
  kept = g_settings_get_value (settings, "catalog-candidates");
  g_variant_get_child (kept, 0, "(&s&s&s&s&s&s)", NULL, &version, &sku, NULL, NULL, NULL);
  g_assert_cmpstr (sku, ==, "std-2-us");
  g_assert_cmpstr (version, ==, "2026.3");
  g_clear_pointer (&kept, g_variant_unref);

  /* The one gone is removed with its button. */
  g_signal_emit_by_name (find_named (candidate_row (f, 2), "remove-candidate"), "clicked");
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 2);
  g_assert_null (candidate_row (f, 2));

  /* Removing one forgets it. */
  g_list_store_remove (G_LIST_STORE (candidates), 0);
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 1);
}

static SkyScenarioDocument *
document (Fixture *f)
{
  return document_of (scenario_page (f));
}

/* A scenario with a file keeps the candidates: a new one takes those shown into the file it is
 * saved in; adding one then is an edit of the scenario, undone in one step, and leaves the
 * settings alone; another file shows its own, a new scenario the settings' again; the file
 * saved shows them once more when opened again. */
static void
test_catalog_candidates_in_file (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GListModel *candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_autofree char *path = g_build_filename (f->dir, "kept.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = data_gfile ("web.skytally");
  g_autoptr(SkyScenario) written = NULL;
  g_autoptr(GError) error = NULL;
  SkyKeptOffer *k;

  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  wait_for_count (f, 1);

  /* A new scenario nobody edited: the settings keep them, the scenario is not changed. */
  keep_candidate (f, "std-2-us");
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 1);
  g_assert_false (sky_scenario_document_get_modified (document (f)));
  g_assert_false (sky_scenario_document_get_can_undo (document (f)));
  g_assert_cmpuint (sky_scenario_document_get_scenario (document (f))->kept_offers->len, ==, 0);

  /* Saved as a file: they go into it. */
  g_assert_true (save_scenario (scenario_page (f), file, &error));
  g_assert_no_error (error);
  written = sky_scenario_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->kept_offers->len, ==, 1);
  k = g_ptr_array_index (written->kept_offers, 0);
  g_assert_cmpstr (k->sku, ==, "std-2-us");
  g_assert_cmpstr (k->sheet_version, ==, "2026.3");
  g_assert_cmpstr (k->service, ==, "vm");
  g_assert_cmpstr (k->region, ==, "us-east");
  g_assert_cmpstr (k->term, ==, "on-demand");
  g_assert_cmpstr (k->unit, ==, "hour");
  g_assert_false (sky_scenario_document_get_modified (document (f)));

  /* Now an edit of the scenario, one step of undo; the settings stay as they were. */
  keep_candidate (f, "egress-us");
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  g_assert_true (sky_scenario_document_get_modified (document (f)));
  g_assert_true (sky_scenario_document_get_can_undo (document (f)));
  g_assert_cmpuint (sky_scenario_document_get_scenario (document (f))->kept_offers->len, ==, 2);
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 1);
  sky_scenario_document_undo (document (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  g_assert_cmpstr (candidate (f, 0)->sku, ==, "std-2-us");
  g_assert_false (sky_scenario_document_get_can_undo (document (f)));
  sky_scenario_document_redo (document (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  g_assert_cmpstr (candidate (f, 1)->sku, ==, "egress-us");
  g_assert_true (save_scenario (scenario_page (f), file, &error));
  g_assert_no_error (error);

  /* Another file shows its own: none. */
  open_scenario (scenario_page (f), other);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 0);
  g_assert_cmpuint (n_kept_in_settings (settings), ==, 1);

  /* The file saved shows them again. */
  open_scenario (scenario_page (f), file);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);
  g_assert_cmpstr (candidate (f, 0)->sku, ==, "std-2-us");
  g_assert_cmpstr (candidate (f, 1)->sku, ==, "egress-us");

  /* A new scenario: the settings' again. */
  sky_scenario_document_new_scenario (document (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  g_assert_cmpstr (candidate (f, 0)->sku, ==, "std-2-us");
}

/* A file's candidate from a superseded sheet stays at its price, marked; "Use 2026.3" takes
 * the newer price as one step of undo. */
static void
test_catalog_candidates_superseded_in_file (Fixture       *f,
                                            gconstpointer  data)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Kept\" currency=\"USD\">\n"
    "  <kept-offers>\n"
    "    <offer provider=\"examplecloud\" sheet-version=\"2026.1\" service=\"vm\" "
    "sku=\"std-2-us\" region=\"us-east\" term=\"on-demand\" unit=\"hour\"/>\n"
    "  </kept-offers>\n"
    "</scenario>\n";
  GListModel *candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_autofree char *path = g_build_filename (f->dir, "superseded.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  SkyKeptOffer *k;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  wait_for_count (f, 1);
  open_scenario (scenario_page (f), file);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  g_assert_cmpstr (candidate (f, 0)->sheet_version, ==, "2026.1");
  row = candidate_row (f, 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Superseded by 2026.3"));
  /* One alone: no "Update All". */
  g_assert_false (gtk_widget_get_visible (update_all_button (f)));
  g_assert_false (sky_scenario_document_get_modified (document (f)));

  g_signal_emit_by_name (find_named (row, "use-successor"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  g_assert_cmpstr (candidate (f, 0)->sheet_version, ==, "2026.3");
  g_assert_true (sky_scenario_document_get_modified (document (f)));
  k = g_ptr_array_index (sky_scenario_document_get_scenario (document (f))->kept_offers, 0);
  g_assert_cmpstr (k->sheet_version, ==, "2026.3");
  g_assert_null (find_named (candidate_row (f, 0), "use-successor"));

  sky_scenario_document_undo (document (f));
  g_assert_cmpstr (candidate (f, 0)->sheet_version, ==, "2026.1");
  g_assert_nonnull (find_named (candidate_row (f, 0), "use-successor"));
  g_assert_false (sky_scenario_document_get_can_undo (document (f)));
}

static gboolean
is_window_wide (gpointer widget)
{
  return gtk_widget_get_width (widget) >= 760;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthOf;

static gboolean
is_as_wide (gpointer data)
{
  WidthOf *w = data;

  return gtk_widget_get_width (w->widget) == w->width;
}

static gboolean
is_shown (gpointer widget)
{
  return gtk_widget_get_visible (GTK_WIDGET (widget)) && gtk_widget_get_width (widget) > 0;
}

/* In a window of 800 pixels the details pane folds away and the table takes the width, the
 * setting kept as the user chose it; the toggle shows it beside the table all the same, for the
 * while only; wide again, the pane is back as it was. */
static void
test_catalog_narrow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *details = GTK_WIDGET (page_child (f, "offer_view"));
  GtkWidget *table = GTK_WIDGET (page_child (f, "stack"));
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (page_child (f, "details_button"));
  WidthOf wide = { details, 0 };

  g_settings_set_boolean (settings, "show-details", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  g_assert_true (wait_until (is_shown, details, 10));
  wide.width = gtk_widget_get_width (details);
  g_assert_cmpint (wide.width, >=, 300);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 720);
  g_assert_true (wait_until (is_hidden, details, 10));
  g_assert_true (g_settings_get_boolean (settings, "show-details"));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  /* The table has the window's width, not what a pane leaves it. */
  g_assert_true (wait_until (is_window_wide, table, 10));

  /* Asked for, the pane is shown beside the table, narrower than it. */
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (wait_until (is_shown, details, 10));
  g_assert_cmpint (gtk_widget_get_width (details), <, gtk_widget_get_width (table));
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_true (wait_until (is_hidden, details, 10));
  g_assert_true (g_settings_get_boolean (settings, "show-details"));

  /* Wide again: it is back, as it was before the window narrowed, as wide as it was. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  g_assert_true (wait_until (is_shown, details, 10));
  g_assert_true (g_settings_get_boolean (settings, "show-details"));
  g_assert_true (wait_until (is_as_wide, &wide, 10));
}

/* An explanation still being worked out when the filters change again is dropped: the page
 * never shows one of an earlier search. */
static void
test_catalog_stale_explanation (Fixture       *f,
                                gconstpointer  data)
{
  AdwStatusPage *empty;
  const char *description;
  gint64 deadline;

  import_fixture (f, "valid-small.xml", NULL);
  every_category_and_unit (f);
  wait_for_count (f, 6);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 64);
  wait_for_count (f, 0);
  empty = empty_page (f);
  /* Counted, not yet explained: the explanation runs in a worker, its answer comes after. */
  g_assert_false (explained (catalog_page (f)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 4);
  g_assert_true (explained (catalog_page (f)));
  wait_for_count (f, 2);
  /* Long enough for the dropped worker's answer to have come back. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  description = adw_status_page_get_description (empty);
  g_assert_true (description == NULL || *description == '\0');

  /* Empty again: explained again. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (f, "vcpu_spin")), 64);
  wait_for_count (f, 0);
  g_assert_nonnull (strstr (wait_for_explanation (f), "the vCPU filter removes them all"));
}

static void
count_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Typed fast, the search entry's text searches once it rests, and a search replaced before
 * its count came is never shown. */
static void
test_catalog_typing_fast (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const typed[] = { "s", "st", "std", "std-", "std-2" };
  GtkEditable *entry = GTK_EDITABLE (page_child (f, "search_entry"));
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  guint notified = 0;
  gulong handler;

  import_fixture (f, "valid-small.xml", NULL);
  every_category_and_unit (f);
  wait_for_count (f, 6);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gtk_editable_set_text (entry, typed[i]);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_for_count (f, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "std-2-us");

  /* Two searches in a row: only the second's count arrives. */
  handler = g_signal_connect (model, "notify::count", G_CALLBACK (count_notified_cb), &notified);
  sky_listing_model_set_query (model, &(SkySearchQuery) { .text = "mem-4" });
  sky_listing_model_set_query (model, &(SkySearchQuery) { .text = "std-2" });
  g_assert_cmpstr (first_sku (f, model), ==, "std-2-us");
  g_assert_cmpuint (sky_listing_model_get_count (model), ==, 6);
  g_assert_cmpuint (notified, ==, 1);
  g_signal_handler_disconnect (model, handler);
}

static void
count_seen_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  guint count = sky_listing_model_get_count (SKY_LISTING_MODEL (object));

  g_array_append_val (user_data, count);
}

/* Waits, for a few seconds at most, for the @n-th count seen by count_seen_cb() and returns it. */
static guint
wait_for_nth_count (GArray *counts,
                    guint   n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (counts->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (counts->len, ==, n);
  return g_array_index (counts, guint, n - 1);
}

/* Text put in place of the search entry's text (pasted or typed over a selection, or set),
 * which empties the entry on its way, is searched without the whole catalog being searched in
 * between; emptying the entry for good searches it. */
static void
test_catalog_search_replaced (Fixture       *f,
                              gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (page_child (f, "search_entry"));
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  gulong handler;
  int position = 0;

  import_fixture (f, "valid-small.xml", NULL);
  every_category_and_unit (f);
  wait_for_count (f, 6);
  handler = g_signal_connect (model, "notify::count", G_CALLBACK (count_seen_cb), counts);

  gtk_editable_set_text (entry, "mem-4");
  g_assert_cmpuint (wait_for_nth_count (counts, 1), ==, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "mem-4-eu");

  gtk_editable_select_region (entry, 0, -1);
  gtk_editable_delete_selection (entry);
  gtk_editable_insert_text (entry, "std-2", -1, &position);
  g_assert_cmpuint (wait_for_nth_count (counts, 2), ==, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "std-2-us");

  gtk_editable_set_text (entry, "");
  g_assert_cmpuint (wait_for_nth_count (counts, 3), ==, 6);
  g_signal_handler_disconnect (model, handler);
}

static gboolean
released (gpointer data)
{
  return !sky_listing_model_get_held (data);
}

/* The rows are counted once the window has drawn its first frame; until then the page says it
 * is searching. */
static void
test_catalog_count_after_first_frame (Fixture       *f,
                                      gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  g_autofree char *path = g_build_filename (f->dir, "catalog.db", NULL);
  g_autoptr(SkyListingModel) own = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  g_assert_true (sky_listing_model_get_held (model));
  g_assert_true (sky_listing_model_get_counting (model));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (page_child (f, "count_label"))), ==,
                   "Searching…");
  /* The status page of an empty result is not part of the first frame: made when a search
   * first finds nothing. */
  g_assert_null (empty_page (f));
  /* Nor is the Candidates button's popover, made when first opened. */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (page_child (f,
                                                                          "candidates_button"))));
  g_assert_true (wait_until (released, model, 5));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  wait_for_count (f, 0);
  g_assert_nonnull (empty_page (f));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (empty_page (f))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==,
                   "empty");

  /* A model held counts nothing until released, then the query set last. */
  import_fixture (f, "valid-small.xml", NULL);
  own = sky_listing_model_new (path, &error);
  g_assert_no_error (error);
  sky_listing_model_hold (own);
  sky_listing_model_set_query (own, &(SkySearchQuery) { .text = "mem-4" });
  sky_listing_model_set_query (own, &(SkySearchQuery) { .text = "std-2" });
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (sky_listing_model_get_counting (own));
  g_assert_cmpuint (sky_listing_model_get_count (own), ==, 0);
  sky_listing_model_release (own);
  g_assert_false (sky_listing_model_get_held (own));
  g_assert_cmpstr (first_sku (f, own), ==, "std-2-us");
  g_assert_cmpuint (sky_listing_model_get_count (own), ==, 6);
}

typedef struct
{
  guint emitted;
  guint largest;   /* the most rows one emission told */
  guint changed;   /* the emissions that told rows of new contents, not only removed rows */
} Told;

static void
rows_told_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              Told       *told)
{
  told->emitted++;
  told->largest = MAX (told->largest, MAX (removed, added));
  if (added > 0)
    told->changed++;
}

static gboolean
has_items (gpointer data)
{
  SkyListingModel *model = data;

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == sky_listing_model_get_count (model);
}

static gboolean
first_loaded (gpointer data)
{
  g_autoptr(SkyListingItem) first = g_list_model_get_item (data, 0);

  return sky_listing_item_get_listing (first) != NULL;
}

static gboolean
told_some (gpointer data)
{
  return ((Told *) data)->emitted > 0;
}

/* The table's rows are told of a change a slice at a time: the count is whole at once, the
 * list grows to it a few rows a frame, and a new search changes the rows it keeps, never all
 * of them in one emission, and not before its rows have loaded; an empty result, known from
 * its first page, removes them a slice a frame too. */
static void
test_catalog_rows_in_slices (Fixture       *f,
                             gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  Told told = { 0 };
  gulong handler;

  import_fixture (f, "sixty-rows.xml", NULL);
  wait_for_count (f, 60);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, 60);
  g_assert_true (wait_until (has_items, model, 10));
  g_assert_cmpstr (first_sku (f, model), ==, "row-01");

  handler = g_signal_connect (model, "items-changed", G_CALLBACK (rows_told_cb), &told);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.sort-descending", NULL));
  /* The items empty at once; their rows are told later. */
  g_assert_true (sky_listing_model_get_counting (model));
  g_assert_cmpuint (told.emitted, ==, 0);
  g_assert_true (wait_until (first_loaded, model, 10));
  g_assert_true (wait_until (told_some, &told, 10));
  wait_for_count (f, 60);
  g_assert_cmpstr (first_sku (f, model), ==, "row-60");
  g_assert_cmpuint (told.largest, >, 0);
  g_assert_cmpuint (told.largest, <, 60);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 60);
  g_signal_handler_disconnect (model, handler);

  /* The last slices told first, until the rows rest for longer than a frame without one
   * (FRAMELESS_MS). */
  told = (Told) { 0 };
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (rows_told_cb), &told);
  for (guint before = G_MAXUINT; before != told.emitted;)
    {
      gint64 rest = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

      before = told.emitted;
      while (g_get_monotonic_time () < rest)
        g_main_context_iteration (NULL, FALSE);
    }
  told = (Told) { 0 };
  set_search_text (f, "no-such-row");
  wait_for_count (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==,
                   "empty");
  g_assert_true (wait_until (has_items, model, 10));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (told.emitted, >, 1);
  g_assert_cmpuint (told.largest, <, 60);
  g_signal_handler_disconnect (model, handler);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.clear-filters",
                                             NULL));
  wait_for_count (f, 60);
  g_assert_true (wait_until (has_items, model, 10));
  /* From 60 rows to 9: the list shrinks a slice a frame to them, and no further. */
  set_search_text (f, "row-0");
  wait_for_count (f, 9);
  g_assert_true (wait_until (has_items, model, 10));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 9);
}

static GtkWidget *
details_group (Fixture *f)
{
  GtkWidget *groups = offer_groups (GTK_WIDGET (page_child (f, "offer_view")));

  return groups != NULL ? gtk_widget_get_first_child (groups) : NULL;
}

static gboolean
details_are_mem_4 (gpointer data)
{
  GtkWidget *group = details_group (data);

  return group != NULL &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), "mem-4") == 0;
}

/* The details of the selected row are built once for its price: a search whose rows still
 * hold it keeps them, another price builds them anew. */
static void
test_catalog_details_kept (Fixture       *f,
                           gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  GtkSelectionModel *selection;
  GtkWidget *group;

  import_fixture (f, "valid-small.xml", NULL);
  every_category_and_unit (f);
  wait_for_count (f, 6);
  g_assert_cmpstr (first_sku (f, model), ==, "std-2-us");
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  group = details_group (f);
  g_assert_nonnull (group);

  /* The same first row, found again by its name. */
  set_search_text (f, "std-2");
  wait_for_count (f, 1);
  g_assert_cmpstr (first_sku (f, model), ==, "std-2-us");
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (details_group (f) == group);

  /* Another price in the selected row: its details. */
  set_search_text (f, "mem-4");
  g_assert_true (wait_until (details_are_mem_4, f, 10));
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (details_group (f) != group);
}

static gboolean
told_six_times (gpointer data)
{
  return ((Told *) data)->changed >= 6;
}

/* Each frame laid out takes 30 ms of the main thread's processor time, as on a slow machine. */
static void
on_slow_layout (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 until = sky_gui_util_thread_cpu_time () + 30000;

  while (sky_gui_util_thread_cpu_time () < until)
    ;
}

/* Where a frame with a slice of rows takes long, the slices shrink: a new search tells its 60
 * rows in more, smaller slices than the 25 rows a frame a fast machine gets at most. */
static void
test_catalog_slices_shrink (Fixture       *f,
                            gconstpointer  data)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  GdkFrameClock *clock;
  Told told = { 0 };
  gulong handler, slow;

  import_fixture (f, "sixty-rows.xml", NULL);
  wait_for_count (f, 60);
  g_assert_true (wait_until (has_items, model, 10));
  g_assert_cmpstr (first_sku (f, model), ==, "row-01");

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  slow = g_signal_connect (clock, "layout", G_CALLBACK (on_slow_layout), NULL);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (rows_told_cb), &told);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.sort-descending", NULL));
  wait_for_count (f, 60);
  g_assert_true (wait_until (first_loaded, model, 10));
  g_assert_cmpstr (first_sku (f, model), ==, "row-60");
  /* Each of the 60 rows told once: 12, then 4 a frame; fixed slices of 25 would tell them in
   * 3. */
  g_assert_true (wait_until (told_six_times, &told, 10));
  g_signal_handler_disconnect (model, handler);
  g_signal_handler_disconnect (clock, slow);
}

/* The texts of the labels in @widget and below, in order. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                                                                  : find_child (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
is_made (gpointer dropdown)
{
  return sky_lazy_drop_down_peek_drop_down (dropdown) != NULL;
}

/* A filter shows its choice before its popup first opens, with no drop-down made: pressing its
 * button makes the drop-down in its place and opens its popup, whose list
 * holds every choice, by its text; a choice made there is the filter's. */
static void
test_catalog_filter_popup (Fixture       *f,
                           gconstpointer  data)
{
  SkyLazyDropDown *dropdown = SKY_LAZY_DROP_DOWN (page_child (f, "term_dropdown"));
  GListModel *model = sky_lazy_drop_down_get_model (dropdown);
  GtkWidget *button = find_child (GTK_WIDGET (dropdown), GTK_TYPE_TOGGLE_BUTTON);
  GtkDropDown *made;
  GtkWidget *popover;
  GtkWidget *list;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint changes = 0;

  g_assert_nonnull (button);
  g_assert_null (find_child (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER));
  g_assert_null (sky_lazy_drop_down_peek_drop_down (dropdown));

  import_fixture (f, "valid-small.xml", NULL);
  g_assert_true (wait_until (is_mapped, dropdown, 10));
  collect_labels (button, shown);
  g_assert_true (g_ptr_array_find_with_equal_func (
    shown, gtk_string_list_get_string (GTK_STRING_LIST (model),
                                       sky_lazy_drop_down_get_selected (dropdown)),
    g_str_equal, NULL));

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (count_cb), &changes);
  /* As Space or Enter does. */
  gtk_widget_activate (button);
  g_assert_true (wait_until (is_made, dropdown, 10));
  made = sky_lazy_drop_down_peek_drop_down (dropdown);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (made)) == GTK_WIDGET (dropdown));
  g_assert_true (gtk_drop_down_get_model (made) == model);
  g_assert_cmpuint (gtk_drop_down_get_selected (made), ==,
                    sky_lazy_drop_down_get_selected (dropdown));
  popover = find_child (GTK_WIDGET (made), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  list = find_child (popover, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  g_assert_true (wait_until (is_mapped, list, 10));
  /* The look-alike no longer shows. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_assert_true (child == GTK_WIDGET (made) || !gtk_widget_get_visible (child));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    g_strv_length ((GStrv) sky_term_titles ()) + 1);
  collect_labels (list, rows);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index (rows, i), ==,
                     gtk_string_list_get_string (GTK_STRING_LIST (model), i));

  /* Chosen in the popup, the filter's choice. */
  gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), 0, TRUE);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_cmpuint (sky_lazy_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (wait_until (is_hidden, popover, 10));
  g_signal_handlers_disconnect_by_func (dropdown, count_cb, &changes);
}

/* The catalog page of another window than the fixture's, and a child of its template. */
static SkyCatalogPage *
page_of (SkyWindow *window)
{
  return SKY_CATALOG_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW,
                                                          "catalog_page"));
}

static GtkWidget *
child_of (SkyCatalogPage *page,
          const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_CATALOG_PAGE,
                                                    name));
}

static guint
n_choices (SkyCatalogPage *page,
           const char     *name)
{
  SkyLazyDropDown *dropdown = SKY_LAZY_DROP_DOWN (child_of (page, name));

  g_assert_cmpuint (sky_lazy_drop_down_get_selected (dropdown), ==, 0);
  return g_list_model_get_n_items (sky_lazy_drop_down_get_model (dropdown));
}

static gboolean
has_providers (gpointer page)
{
  return n_choices (page, "provider_dropdown") > 1;
}

/* A window opened on a catalog with sheets reads its providers and regions once it has drawn
 * its first frame, showing "Any" until then; or when one of their popups first opens, if that
 * comes first. */
static void
test_catalog_choices_after_first_frame (Fixture       *f,
                                        gconstpointer  data)
{
  import_fixture (f, "valid-small.xml", NULL);
  g_assert_cmpuint (n_choices (catalog_page (f), "provider_dropdown"), ==, 2);
  g_assert_cmpuint (n_choices (catalog_page (f), "region_dropdown"), ==, 4);

  for (guint opened = 0; opened < 2; opened++)
    {
      SkyWindow *other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
      SkyCatalogPage *page = page_of (other);
      GtkWidget *region = child_of (page, "region_dropdown");

      g_assert_cmpuint (n_choices (page, "provider_dropdown"), ==, 1);
      g_assert_cmpuint (n_choices (page, "region_dropdown"), ==, 1);
      gtk_window_present (GTK_WINDOW (other));
      if (opened)
        {
          /* Realized, not yet drawn: the popup opens on every region. */
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (region,
                                                                      GTK_TYPE_TOGGLE_BUTTON)),
                                        TRUE);
          g_assert_cmpuint (n_choices (page, "provider_dropdown"), ==, 2);
          g_assert_cmpuint (n_choices (page, "region_dropdown"), ==, 4);
        }
      g_assert_true (wait_until (has_providers, page, 10));
      g_assert_cmpuint (n_choices (page, "region_dropdown"), ==, 4);
      gtk_window_destroy (GTK_WINDOW (other));
      g_assert_finalize_object (other);
    }
}

/* What the static filters hold: each's choices and the one chosen, "title/of n". */
static char *
static_choices (SkyCatalogPage *page)
{
  static const char *const names[] = { "term_dropdown", "geography_dropdown", "os_dropdown",
                                       "architecture_dropdown", "category_dropdown",
                                       "unit_dropdown" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      SkyLazyDropDown *dropdown = SKY_LAZY_DROP_DOWN (child_of (page, names[i]));
      GListModel *model = sky_lazy_drop_down_get_model (dropdown);

      g_string_append_printf (out, "%s/of %u ",
                              gtk_string_list_get_string (GTK_STRING_LIST (model),
                                                          sky_lazy_drop_down_get_selected (dropdown)),
                              g_list_model_get_n_items (model));
    }
  return g_string_free (out, FALSE);
}

static guint
title_index (SkyVocabulary  vocabulary,
             const char    *title)
{
  const char * const *titles = sky_word_titles (vocabulary);

  for (guint i = 0; titles[i] != NULL; i++)
    if (g_str_equal (titles[i], title))
      return i;
  g_assert_not_reached ();
}

static gboolean
has_all_static_choices (gpointer page)
{
  return g_list_model_get_n_items (sky_lazy_drop_down_get_model (SKY_LAZY_DROP_DOWN (
           child_of (page, "os_dropdown")))) > 1;
}

static void
on_filter_notified (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The other filters hold their choices up to the one each shows until the first frame is
 * drawn, and all of them after it, or once one of their popups first opens: the same choices
 * chosen and shown throughout, and none told as changed. */
static void
test_catalog_static_choices_after_first_frame (Fixture       *f,
                                               gconstpointer  data)
{
  g_autofree char *whole = g_strdup_printf (
    "On demand/of %u Any geography/of %u Any OS/of %u Any architecture/of %u "
    "Compute/of %u Hour/of %u ",
    g_strv_length ((GStrv) sky_term_titles ()) + 1,
    g_strv_length ((GStrv) sky_word_titles (SKY_VOCABULARY_GEOGRAPHY)) + 1,
    g_strv_length ((GStrv) sky_word_titles (SKY_VOCABULARY_OPERATING_SYSTEM)) + 1,
    g_strv_length ((GStrv) sky_word_titles (SKY_VOCABULARY_ARCHITECTURE)) + 1,
    g_strv_length ((GStrv) sky_word_titles (SKY_VOCABULARY_CATEGORY)) + 1,
    g_strv_length ((GStrv) sky_word_titles (SKY_VOCABULARY_UNIT)) + 1);

  import_fixture (f, "valid-small.xml", NULL);
  g_assert_true (wait_until (has_all_static_choices, catalog_page (f), 10));
  {
    g_autofree char *shown = static_choices (catalog_page (f));

    g_assert_cmpstr (shown, ==, whole);
  }

  for (guint opened = 0; opened < 2; opened++)
    {
      SkyWindow *other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
      SkyCatalogPage *page = page_of (other);
      GtkWidget *os = child_of (page, "os_dropdown");
      g_autofree char *before = static_choices (page);
      g_autofree char *up_to_chosen = NULL;
      g_autofree char *after = NULL;
      guint told = 0;

      /* Each up to its choice: "Any" and the categories and units up to compute and the hour. */
      up_to_chosen = g_strdup_printf ("On demand/of 2 Any geography/of 1 Any OS/of 1 "
                                      "Any architecture/of 1 Compute/of %u Hour/of %u ",
                                      title_index (SKY_VOCABULARY_CATEGORY, "Compute") + 2,
                                      title_index (SKY_VOCABULARY_UNIT, "Hour") + 2);
      g_assert_cmpstr (before, ==, up_to_chosen);
      for (const char *const *name = (const char *const[]) { "term_dropdown",
                                                             "category_dropdown",
                                                             "unit_dropdown", "os_dropdown",
                                                             NULL };
           *name != NULL; name++)
        g_signal_connect (child_of (page, *name), "notify::selected",
                          G_CALLBACK (on_filter_notified), &told);
      gtk_window_present (GTK_WINDOW (other));
      if (opened)
        {
          /* Realized, not yet drawn: the popup opens on every choice. */
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_child (os,
                                                                      GTK_TYPE_TOGGLE_BUTTON)),
                                        TRUE);
          g_assert_true (has_all_static_choices (page));
        }
      g_assert_true (wait_until (has_all_static_choices, page, 10));
      after = static_choices (page);
      g_assert_cmpstr (after, ==, whole);
      g_assert_cmpuint (told, ==, 0);
      gtk_window_destroy (GTK_WINDOW (other));
      g_assert_finalize_object (other);
    }
}

/* Which of the table's columns are shown, "1" or "0" each, in order. */
static char *
columns_shown (SkyCatalogPage *page)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (child_of (page,
                                                                                "column_view")));
  GString *shown = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_string_append_c (shown, gtk_column_view_column_get_visible (column) ? '1' : '0');
    }
  return g_string_free (shown, FALSE);
}

typedef struct
{
  SkyCatalogPage *page;
  char           *painted;       /* the columns shown as the first frame was painted */
  int             table_width;   /* the table's width then */
  int             first_hidden;  /* the left of the first column hidden then, or -1 */
  int             last_shown;    /* the left of the last column shown then */
} FirstPaint;

static void
on_first_paint (GdkFrameClock *clock,
                FirstPaint    *paint)
{
  GtkWidget *view = child_of (paint->page, "column_view");
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  int left = 0;

  g_signal_handlers_disconnect_by_func (clock, on_first_paint, paint);
  paint->painted = columns_shown (paint->page);
  paint->table_width = gtk_widget_get_width (gtk_widget_get_parent (view));
  paint->first_hidden = -1;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        {
          if (paint->first_hidden < 0)
            paint->first_hidden = left;
        }
      else
        paint->last_shown = left;
      left += gtk_column_view_column_get_fixed_width (column);
    }
}

static void
on_window_realized (GtkWidget  *window,
                    FirstPaint *paint)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "paint", G_CALLBACK (on_first_paint),
                    paint);
}

static gboolean
all_columns_shown (gpointer page)
{
  g_autofree char *shown = columns_shown (page);

  return strchr (shown, '0') == NULL;
}

/* The columns out of view in the first frame wait until it is drawn: in the default window
 * those past the table's width are hidden as it is painted, and each shown once it is drawn;
 * in a wider window, the columns that come into view are in its first frame. Hidden, a column
 * is always out of view; in view, always shown. */
static void
test_catalog_columns_after_first_frame (Fixture       *f,
                                        gconstpointer  data)
{
  static const struct
  {
    int         width;
    gboolean    details;
    const char *painted;
  } windows[] = {
    { 1200, TRUE, "1111111100000" },
    /* Without the details pane, the table takes the screen's 1280 pixels: the columns up to
     * the per GiB-hour's, which starts at 1265. */
    { 1280, FALSE, "1111111111110" },
  };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  import_fixture (f, "valid-small.xml", NULL);
  for (gsize w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      SkyWindow *other;

      g_settings_set_boolean (settings, "show-details", windows[w].details);
      other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
      FirstPaint paint = { page_of (other), NULL, 0, -1, 0 };
      g_autofree char *before = columns_shown (paint.page);

      g_test_message ("a window %d pixels wide", windows[w].width);
      g_assert_cmpstr (before, ==, "1111111100000");
      gtk_window_set_default_size (GTK_WINDOW (other), windows[w].width, 760);
      g_signal_connect (other, "realize", G_CALLBACK (on_window_realized), &paint);
      gtk_window_present (GTK_WINDOW (other));
      g_assert_true (wait_until (all_columns_shown, paint.page, 10));
      g_assert_nonnull (paint.painted);
      g_test_message ("table %d pixels wide, columns %s, first hidden at %d", paint.table_width,
                      paint.painted, paint.first_hidden);
      g_assert_cmpstr (paint.painted, ==, windows[w].painted);
      /* Hidden, each was out of view; each before the last shown was shown. */
      if (paint.first_hidden >= 0)
        {
          g_assert_cmpint (paint.first_hidden, >=, paint.table_width);
          g_assert_cmpint (paint.first_hidden, >, paint.last_shown);
        }
      g_free (paint.painted);
      gtk_window_destroy (GTK_WINDOW (other));
      g_assert_finalize_object (other);
    }
  g_settings_reset (settings, "show-details");
}

/* The Sort menu opens with its items: its popover is made when it is first opened, once. */
static void
test_catalog_sort_menu (Fixture       *f,
                        gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (page_child (f, "sort_button"));
  GMenuModel *menu = G_MENU_MODEL (page_child (f, "sort_menu"));

  import_fixture (f, "valid-small.xml", NULL);
  assert_menu_made_when_opened (button, menu);

  /* Its items sort the table. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)), "page.sort-column",
                                             "s", "region"));
  {
    g_autofree char *column = NULL;

    g_object_get (catalog_page (f), "sort-column", &column, NULL);
    g_assert_cmpstr (column, ==, "region");
  }
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "catalog-page", test_catalog_page,
                           "catalog-page-current-per-service", test_current_per_service,
                           "price-date", test_price_date, "catalog-architecture",
                           test_catalog_architecture,
                           "catalog-opens-on-compute", test_catalog_opens_on_compute,
                           "catalog-columns", test_catalog_columns,
                           "catalog-empty-result", test_catalog_empty_result,
                           "catalog-candidates-feedback", test_catalog_candidates_feedback,
                           "catalog-candidates-persist", test_catalog_candidates_persist,
                           "catalog-candidates-in-file", test_catalog_candidates_in_file,
                           "catalog-candidates-superseded-in-file",
                           test_catalog_candidates_superseded_in_file,
                           "catalog-rows-in-slices", test_catalog_rows_in_slices,
                           "catalog-slices-shrink", test_catalog_slices_shrink,
                           "catalog-details-kept", test_catalog_details_kept,
                           "catalog-narrow", test_catalog_narrow,
                           "catalog-stale-explanation", test_catalog_stale_explanation,
                           "catalog-typing-fast", test_catalog_typing_fast,
                           "catalog-search-replaced", test_catalog_search_replaced,
                           "catalog-count-after-first-frame",
                           test_catalog_count_after_first_frame,
                           "catalog-filter-popup", test_catalog_filter_popup,
                           "catalog-sort-menu", test_catalog_sort_menu,
                           "catalog-choices-after-first-frame",
                           test_catalog_choices_after_first_frame,
                           "catalog-static-choices-after-first-frame",
                           test_catalog_static_choices_after_first_frame,
                           "catalog-columns-after-first-frame",
                           test_catalog_columns_after_first_frame,
                           NULL);
}
