/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window tests share: an application and its window on a catalog of their
 * own, and running the main loop until what they wait for is done. */
#include "config.h"

#include <locale.h>

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-window-test-util.h"

/* An application registered as a non-unique instance (no session bus in tests), with @flags. */
SkyApplication *
new_app (GApplicationFlags flags)
{
  SkyApplication *app = sky_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | flags);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("skytally-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "catalog.db", NULL);
  f->catalog = sky_catalog_open (path, &error);
  g_assert_no_error (error);

  f->app = new_app (G_APPLICATION_DEFAULT_FLAGS);

  /* Each test starts without the offers an earlier one kept: the settings outlive a window. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_settings_reset (settings, "catalog-candidates");
  }

  f->window = g_object_ref_sink (sky_window_new (f->app, f->catalog));
  gtk_window_present (GTK_WINDOW (f->window));
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Close whatever the test opened besides the window. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);
      if (other != GTK_WINDOW (f->window))
        gtk_window_destroy (other);
    }

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_object (&f->catalog);
  g_clear_object (&f->app);
  sky_test_remove_tree (f->dir);
  g_free (f->dir);
}

void
wait_until_idle (Fixture *f)
{
  while (sky_window_get_busy (f->window))
    g_main_context_iteration (NULL, TRUE);
}

const char *
summary (Fixture *f)
{
  AdwBin *slot = ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                         "status_slot"));
  GtkWidget *page = adw_bin_get_child (slot);

  /* The status page, made once the catalog was seen empty, says the same. */
  if (page != NULL)
    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                     _sky_window_get_summary (f->window));
  return _sky_window_get_summary (f->window);
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done (of @data) is true, at most @seconds; the loop wakes every
 * 50 ms to look. */
gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done (data);
}

/* The box of groups of @offer_view's page that shows an offer, or NULL before it showed one. */
GtkWidget *
offer_groups (GtkWidget *offer_view)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (offer_view, SKY_TYPE_OFFER_VIEW,
                                                              "stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "offer");
  GtkWidget *viewport;

  if (page == NULL)
    return NULL;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page));
  return gtk_viewport_get_child (GTK_VIEWPORT (viewport));
}

/* The scenario a Scenario page shows. */
SkyScenarioDocument *
document_of (SkyScenarioPage *page)
{
  SkyScenarioDocument *document = sky_scenario_page_get_document (page);

  g_assert_nonnull (document);
  return document;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The scenario a Scenario page shows, and its estimate. */
const SkyScenario *
shown_scenario (SkyScenarioPage *page)
{
  return sky_scenario_document_get_scenario (document_of (page));
}

const SkyEstimate *
shown_estimate (SkyScenarioPage *page)
{
  return sky_scenario_document_get_estimate (document_of (page));
}

/* Runs the main loop until @result is set, at most 10 seconds. */
void
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
}

/* Opens @file on @page as it is, asking nothing, and waits until it is read. */
void
open_scenario (SkyScenarioPage *page,
               GFile           *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sky_scenario_document_load_async (document_of (page), file, NULL, async_done_cb, &result);
  wait_for_result (&result);
  g_assert_true (sky_scenario_document_load_finish (document_of (page), result, &error));
  g_assert_no_error (error);
}

/* Saves @page's scenario to @file and waits until it is written. */
gboolean
save_scenario (SkyScenarioPage  *page,
               GFile            *file,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sky_scenario_document_save_async (document_of (page), file, NULL, async_done_cb, &result);
  wait_for_result (&result);
  return sky_scenario_document_save_finish (document_of (page), result, error);
}

gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

/* @button opens @menu, its popover made when it is first opened, and the same one after. */
void
assert_menu_made_when_opened (GtkMenuButton *button,
                              GMenuModel    *menu)
{
  GtkPopover *popover;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_null (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) == menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);
  g_assert_true (wait_until (is_mapped, popover, 10));

  gtk_menu_button_popdown (button);
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  g_assert_true (wait_until (is_mapped, popover, 10));
  gtk_menu_button_popdown (button);
}

gboolean
has_toplevel (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
lacks_toplevel (gpointer type)
{
  return !has_toplevel (type);
}

void
import_fixture (Fixture    *f,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  va_end (args);

  sky_window_import_files (f->window, files);
  g_assert_true (sky_window_get_busy (f->window));
  wait_until_idle (f);
}

SkyCatalogPage *
catalog_page (Fixture *f)
{
  return SKY_CATALOG_PAGE (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                          SKY_TYPE_WINDOW, "catalog_page"));
}

GObject *
page_child (Fixture    *f,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (catalog_page (f)), SKY_TYPE_CATALOG_PAGE,
                                        name);
}

static void
search_told_cb (GtkSearchEntry *entry,
                gpointer        user_data)
{
  const char **text = user_data;

  if (*text != NULL && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), *text))
    *text = NULL;
}

/* Puts @text (another than the search entry's) in the search entry, as a paste would, and waits
 * until its search is under way: the entry tells of a text after a delay, as typed, and the
 * page searches an empty text after a turn of the main loop. */
void
set_search_text (Fixture    *f,
                 const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (page_child (f, "search_entry"));
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  const char *awaited = text;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_told_cb),
                                     &awaited);

  g_assert_cmpstr (gtk_editable_get_text (entry), !=, text);
  gtk_editable_set_text (entry, text);
  while (awaited != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (entry, handler);
  g_assert_null (awaited);
  while (!sky_listing_model_get_counting (model) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (sky_listing_model_get_counting (model));
}

/* Waits, for a few seconds at most, until the catalog page lists @expected prices. */
void
wait_for_count (Fixture *f,
                guint    expected)
{
  SkyListingModel *model = sky_catalog_page_get_model (catalog_page (f));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autofree char *label = g_strdup_printf ("%u matching price", expected);

  while (g_get_monotonic_time () < deadline &&
         (sky_listing_model_get_counting (model) ||
          sky_listing_model_get_count (model) != expected))
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (sky_listing_model_get_counting (model));
  g_assert_cmpuint (sky_listing_model_get_count (model), ==, expected);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (page_child (f,
                                                                               "count_label"))),
                                   label));
}

/* The SKU of the first row, once the list has been counted and the row loaded. */
const char *
first_sku (Fixture         *f,
           SkyListingModel *model)
{
  g_autoptr(SkyListingItem) first = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (sky_listing_model_get_counting (model) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (sky_listing_model_get_count (model), >, 0);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  while (sky_listing_item_get_listing (first) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (sky_listing_item_get_listing (first));
  /* The model keeps the item while its page is loaded. */
  return sky_listing_item_get_listing (first)->sku;
}

/* The Scenario page --------------------------------------------------------------------------- */

SkyScenarioPage *
scenario_page (Fixture *f)
{
  return SKY_SCENARIO_PAGE (_sky_window_get_page (f->window, "scenario"));
}

GObject *
scenario_child (Fixture    *f,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (scenario_page (f)), SKY_TYPE_SCENARIO_PAGE,
                                        name);
}

static gboolean
any_busy (GPtrArray *objects)
{
  for (guint i = 0; i < objects->len; i++)
    {
      gboolean busy = FALSE;

      g_object_get (g_ptr_array_index (objects, i), "busy", &busy, NULL);
      if (busy)
        return TRUE;
    }
  return FALSE;
}

/* Runs the main loop while any of the objects given, ended by NULL, is busy (their "busy"
 * property), for 10 seconds at most. What is pending runs first: work started just before
 * begins. Returns whether one of them is still busy. */
gboolean
run_while_busy (gpointer first,
                ...)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  va_list args;

  va_start (args, first);
  for (gpointer object = first; object != NULL; object = va_arg (args, gpointer))
    g_ptr_array_add (objects, object);
  va_end (args);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (any_busy (objects) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return any_busy (objects);
}

/* Runs the main loop until the page has priced the scenario. */
void
wait_for_estimate (Fixture *f)
{
  /* A pricing is started at once; let it begin, then end. */
  g_assert_false (run_while_busy (document_of (scenario_page (f)), NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* @widget or the first of its descendants, depth first, that @matches with @data, or NULL. */
GtkWidget *
first_matching (GtkWidget      *widget,
                 WidgetMatches   matches,
                 gconstpointer   data)
{
  if (matches (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_matching (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The descendant of @widget named @name (gtk_widget_set_name()), or NULL. */
GtkWidget *
named (GtkWidget  *widget,
       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

SkySummaryCards *
cards_in (GtkWidget *widget)
{
  if (SKY_IS_SUMMARY_CARDS (widget))
    return SKY_SUMMARY_CARDS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SkySummaryCards *found = cards_in (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows the window's page @name. */
void
show_page (Fixture    *f,
           const char *name)
{
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), name);
}

/* Runs the main loop until @cards have summed up the scenario. They sum up only while they
 * are shown, so they are first given the time to be mapped, which a loaded machine may take
 * several frames to do, and the scenario the time to be priced. */
void
wait_for_cards (SkySummaryCards *cards)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!gtk_widget_get_mapped (GTK_WIDGET (cards)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  run_while_busy (cards, NULL);
  /* A scenario just opened may be priced only now, once its file is read; the cards then sum
   * it up. */
  while (sky_summary_cards_get_summary (cards) == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      run_while_busy (cards, NULL);
    }
  g_source_remove (tick);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (sky_summary_cards_get_busy (cards));
  g_assert_nonnull (sky_summary_cards_get_summary (cards));
}

GFile *
data_gfile (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return g_file_new_for_path (path);
}

const char *
money_of (const SkyEstimate *e,
          guint              provider,
          guint              line)
{
  static char text[64];
  SkyEstimateProvider *p = g_ptr_array_index (e->providers, provider);
  SkyEstimateLine *l = g_ptr_array_index (p->lines, line);
  g_autofree char *money = sky_estimate_money (e, l->monthly);

  g_strlcpy (text, money, sizeof text);
  return text;
}

void
keep_candidate (Fixture    *f,
                const char *sku)
{
  SkySearchQuery query = { .text = sku, .term = "on-demand" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sky_catalog_search (f->catalog, &query, &error);
  GListStore *candidates = G_LIST_STORE (sky_catalog_page_get_candidates (catalog_page (f)));
  g_autoptr(SkyListingItem) item = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  item = sky_listing_item_new (sky_listing_copy (g_ptr_array_index (rows, 0)));
  g_list_store_append (candidates, item);
}

/* Runs the main loop until the Budget page has projected the scenario. */
void
wait_for_projection (SkyBudgetPage *page)
{
  run_while_busy (page, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (sky_budget_page_get_busy (page));
}

GtkWidget *
budget_child (SkyBudgetPage *page,
              const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_BUDGET_PAGE,
                                                    name));
}

/* Runs the main loop until no pricing is under way on @window's Scenario page. */
void
wait_for_page (SkyWindow *window)
{
  SkyScenarioPage *page = SKY_SCENARIO_PAGE (_sky_window_get_page (window, "scenario"));

  run_while_busy (document_of (page), window, NULL);
  g_assert_false (sky_scenario_document_get_busy (document_of (page)));
}

/* Opens @file on @window's Scenario @page, holding @original again, and adds a line to it:
 * it has unsaved changes. */
void
open_modified (SkyWindow       *window,
               SkyScenarioPage *page,
               GFile           *file,
               const char      *original)
{
  g_autofree char *path = g_file_get_path (file);
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  open_scenario (page, file);
  wait_for_page (window);
  line->label = g_strdup ("Added");
  line->unit = g_strdup ("hour");
  line->category = g_strdup ("compute");
  sky_scenario_document_add_line (document_of (page), line);
  wait_for_page (window);
}

/* Sets up a window test program; returns the data folder to remove when it is done, or NULL
 * when there is no display to test on (then the program is reported as skipped). */
char *
window_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  char *data_home;

  /* Without a display (a build sandbox, say) there is no window to test: the whole program
   * is reported as skipped, and why. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: the window tests run under a display server "
               "(build-aux/run-tests.sh runs them under xvfb-run)\n");
      return NULL;
    }

  /* The application's own catalog goes to a fresh data folder, never the user's. */
  data_home = g_dir_make_tmp ("skytally-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_STATE_HOME", data_home, TRUE);
  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init() switches to en_US.UTF-8 where it is installed: the tests read figures in
   * the environment's locale (C.UTF-8) on every machine, and switch to another themselves. */
  setlocale (LC_ALL, "");
  return data_home;
}

/* The whole main () of a window test program: the tests given as pairs of a name (under
 * /sky/window/) and a function taking a Fixture, ended by NULL, are run on a display with a
 * data folder of their own, removed when they are done. */
int
window_test_main (int          argc,
                  char       **argv,
                  const char  *first_name,
                  ...)
{
  g_autofree char *data_home = window_test_init (&argc, &argv);
  va_list args;
  int status;

  if (data_home == NULL)
    return 0;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_strconcat ("/sky/window/", name, NULL);
      WindowTestFunc func = va_arg (args, WindowTestFunc);

      g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
    }
  va_end (args);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}

/* Prices, then lets the table lay out its rows again. */
void
wait_for_rows (Fixture *f)
{
  gint64 until;

  wait_for_estimate (f);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The @nth widget of @type inside @root whose "list-item" shows row @index (counting down
 * @nth). */
GtkWidget *
find_cell_from (GtkWidget *root,
                GType      type,
                guint      index,
                guint     *nth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (child), "list-item");
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && item != NULL &&
          gtk_list_item_get_position (item) == index)
        {
          if (*nth == 0)
            return child;
          (*nth)--;
        }
      found = find_cell_from (child, type, index, nth);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Export dialog, opened as the window's Export… opens it. */
SkyExportDialog *
open_export_dialog (Fixture *f)
{
  SkyExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dialog = SKY_EXPORT_DIALOG (find_toplevel (SKY_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

GtkWidget *
export_child (SkyExportDialog *dialog,
              const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SKY_TYPE_EXPORT_DIALOG,
                                                    name));
}

/* Exports until the dialog has closed, which it does when the files are written; it is busy
 * meanwhile. */
void
export_and_wait (SkyExportDialog *dialog,
                 GFile           *file,
                 GFile           *assumptions)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  sky_export_dialog_export_to (dialog, file, assumptions);
  g_assert_true (sky_export_dialog_get_busy (dialog));
  while (dialog != NULL && sky_export_dialog_get_busy (dialog) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
}
