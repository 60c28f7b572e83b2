/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sky-application.h"
#include "sky-catalog.h"
#include "sky-catalog-page.h"
#include "sky-listing-item.h"
#include "sky-offer-view.h"
#include "sky-opening-window.h"
#include "sky-preferences-window.h"
#include "sky-price-sheets-window.h"
#include "sky-recovery.h"
#include "sky-line-dialog.h"
#include "sky-scenario-document.h"
#include "sky-scenario-page.h"
#include "sky-tradeoffs-page.h"
#include "sky-compare-page.h"
#include "sky-budget-page.h"
#include "sky-export-dialog.h"
#include <json-glib/json-glib.h>
#include "sky-test-util.h"
#include "sky-thread-task.h"
#include "sky-window.h"

typedef struct
{
  char           *dir;
  SkyApplication *app;
  SkyCatalog     *catalog;
  SkyWindow      *window;
} Fixture;

/* An application registered as a non-unique instance (no session bus in tests), with @flags. */
static SkyApplication *
new_app (GApplicationFlags flags)
{
  SkyApplication *app = sky_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | flags);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static void
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

  f->window = g_object_ref_sink (sky_window_new (f->app, f->catalog));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
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

static void
wait_until_idle (Fixture *f)
{
  while (sky_window_get_busy (f->window))
    g_main_context_iteration (NULL, TRUE);
}

static const char *
summary (Fixture *f)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                        SKY_TYPE_WINDOW,
                                                                        "status_page"));
  return adw_status_page_get_description (page);
}

static GtkWindow *
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
static gboolean
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

/* The scenario a Scenario page shows. */
static SkyScenarioDocument *
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

/* Runs the main loop until @result is set, at most 10 seconds. */
static void
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
}

/* Opens @file on @page as it is, asking nothing, and waits until it is read. */
static void
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
static gboolean
save_scenario (SkyScenarioPage  *page,
               GFile            *file,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sky_scenario_document_save_async (document_of (page), file, NULL, async_done_cb, &result);
  wait_for_result (&result);
  return sky_scenario_document_save_finish (document_of (page), result, error);
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

static gboolean
has_toplevel (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
lacks_toplevel (gpointer type)
{
  return !has_toplevel (type);
}

static void
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

/* GTK before 4.14 is told to draw with cairo where OpenGL could only be rendered in software. */
static void
test_renderer_choice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("skytally-dev-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "none", NULL);
  g_autofree char *node = g_build_filename (dir, "renderD128", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (sky_renderer_for_machine (8, dir), ==, "cairo");
  g_assert_cmpstr (sky_renderer_for_machine (8, missing), ==, "cairo");
  /* GTK 4.14 and later decide this themselves. */
  g_assert_null (sky_renderer_for_machine (14, dir));
  g_assert_null (sky_renderer_for_machine (16, missing));

  /* A graphics device: GTK's own choice. */
  g_assert_true (g_file_set_contents (node, "", 0, NULL));
  g_assert_null (sky_renderer_for_machine (8, dir));
  sky_test_remove_tree (dir);
}

static void
test_application_actions (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_DEFAULT_FLAGS);
  g_auto(GStrv) accels = NULL;

  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "quit"));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "about"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");
}

static void
test_empty_catalog (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Skytally");
  g_assert_false (sky_window_get_busy (f->window));
  g_assert_nonnull (strstr (summary (f), "No price sheets"));
  /* No progress bar while nothing is imported. */
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                 "progress_revealer"))));
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;

  import_fixture (f, "valid-small.xml", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (summary (f), "1 current price sheet from 1 provider, 5 offers"));

  /* The window's own connection sees what the worker's wrote. */
  sheets = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (sheets->len, ==, 1);
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  GtkWindow *dialog;
  const char *body;

  import_fixture (f, "valid-small.xml", NULL);
  before = g_strdup (summary (f));

  import_fixture (f, "bad/tiers-gap.xml", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "tiers-gap.xml:11:15: gap between tiers"));
  g_assert_cmpstr (summary (f), ==, before);
}

/* A sheet without offers, which would hide the provider's prices, is refused with the
 * catalog's message; the catalog is unchanged. */
static void
test_import_empty_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = sky_test_write_empty_sheet (f->dir, "2026.9", "2026-02-01");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = NULL;
  GtkWindow *dialog;

  import_fixture (f, "valid-small.xml", NULL);
  before = g_strdup (summary (f));

  g_ptr_array_add (files, g_file_new_for_path (path));
  sky_window_import_files (f->window, files);
  wait_until_idle (f);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "examplecloud 2026.9 has no offers"));
  g_assert_cmpstr (summary (f), ==, before);
  gtk_window_destroy (dialog);
}

static void
test_price_sheets_window (Fixture       *f,
                          gconstpointer  data)
{
  GtkWindow *sheets;
  GtkWidget *list, *row;

  import_fixture (f, "valid-small.xml", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.price-sheets", NULL));

  sheets = find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_assert_nonnull (sheets);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (sheets),
                                                    SKY_TYPE_PRICE_SHEETS_WINDOW, "list"));
  row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Effective 2026-01-01 · 5 offers"));
  g_assert_null (gtk_widget_get_next_sibling (row));
}

/* The button in @widget, or a widget inside it, whose action is @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_one_row (gpointer list)
{
  GtkWidget *first = gtk_widget_get_first_child (list);

  return first != NULL && gtk_widget_get_next_sibling (first) == NULL;
}

/* Each sheet of the Price Sheets window has a Remove button, which asks first; removing the
 * current sheet makes the previous one current, in the list and in the main window. */
static void
test_price_sheets_remove (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  GtkWindow *sheets, *dialog;
  GtkWidget *list, *row, *button;
  GVariant *target;

  import_fixture (f, "valid-small.xml", "valid-small-2026.2.xml", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.price-sheets", NULL));
  sheets = find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_assert_nonnull (sheets);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (sheets),
                                                    SKY_TYPE_PRICE_SHEETS_WINDOW, "list"));
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.2");
  button = find_action_button (row, "sheets.remove");
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE ("(ss)")));

  /* Cancelled, nothing changes. */
  g_signal_emit_by_name (button, "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Remove Example Cloud 2026.2?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  left = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (left->len, ==, 2);
  g_clear_pointer (&left, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheets), "sheets.remove", "(ss)",
                                             "examplecloud", "2026.2"));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  gtk_window_destroy (dialog);
  g_assert_true (wait_until (has_one_row, list, 10));

  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.1");
  left = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_true (((SkySheetInfo *) g_ptr_array_index (left, 0))->current);
  g_assert_nonnull (strstr (summary (f), "1 current price sheet from 1 provider"));
  gtk_window_destroy (sheets);
}

static gboolean
holds_one_sheet (gpointer data)
{
  g_autoptr(GPtrArray) sheets = sky_catalog_list_sheets (data, NULL);

  return sheets != NULL && sheets->len == 1;
}

/* The Price Sheets window closed while a sheet is being removed: the removal ends quietly. */
static void
test_price_sheets_closed_while_removing (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  GtkWindow *sheets, *dialog;

  import_fixture (f, "valid-small.xml", "valid-small-2026.2.xml", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.price-sheets", NULL));
  sheets = find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheets), "sheets.remove", "(ss)",
                                             "examplecloud", "2026.2"));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  gtk_window_destroy (dialog);
  gtk_window_destroy (sheets);

  g_assert_true (wait_until (holds_one_sheet, f->catalog, 10));
  left = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (left, 0))->version, ==, "2026.1");
  /* The removal's end is handled, with no message. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Whether @widget, or a widget inside it, is a label that shows @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A sheet dated after today is listed as upcoming, and the current one stays current. */
static void
test_price_sheets_upcoming (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *path = g_build_filename (f->dir, "future.xml", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *sheets;
  GtkWidget *list, *row;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  s = g_string_new (text);
  g_string_replace (s, "version=\"2026.1\" effective-date=\"2026-01-01\"",
                    "version=\"2099.1\" effective-date=\"2099-01-01\"", 1);
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);

  import_fixture (f, "valid-small.xml", NULL);
  g_ptr_array_add (files, g_file_new_for_path (path));
  sky_window_import_files (f->window, files);
  wait_until_idle (f);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.price-sheets", NULL));
  sheets = find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_assert_nonnull (sheets);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (sheets),
                                                    SKY_TYPE_PRICE_SHEETS_WINDOW, "list"));
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2099.1");
  g_assert_true (shows_label (row, "Upcoming"));
  row = gtk_widget_get_next_sibling (row);
  g_assert_true (shows_label (row, "Current"));
  gtk_window_destroy (sheets);
}

/* A window on a catalog opened read-only says so at the start, and loads no bundled sheets
 * into it. */
static void
test_read_only_catalog (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SkyCatalog) reader = NULL;
  g_autoptr(GError) error = NULL;
  SkyWindow *window;

  reader = sky_catalog_open_full (sky_catalog_get_path (f->catalog), SKY_CATALOG_OPEN_READ_ONLY,
                                  NULL, &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (sky_window_new (f->app, reader));
  gtk_window_present (GTK_WINDOW (window));
  sky_window_load_bundled_sheets (window);
  g_assert_false (sky_window_get_busy (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (shows_label (GTK_WIDGET (window),
                              "The catalog cannot be written: it is opened read-only"));
  g_assert_false (sky_catalog_has_sheets (f->catalog, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static SkyCatalogPage *
catalog_page (Fixture *f)
{
  return SKY_CATALOG_PAGE (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                          SKY_TYPE_WINDOW, "catalog_page"));
}

static GObject *
page_child (Fixture    *f,
            const char *name);

/* Preferences take effect at once: the style, the month of the monthly column, and the
 * details pane, which its button in the page also shows and hides. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *preferences;
  GtkSwitch *details_switch;
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkToggleButton *details_button = GTK_TOGGLE_BUTTON (page_child (f, "details_button"));
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f,
                                                                                  "column_view")));
  g_autoptr(GtkColumnViewColumn) monthly = g_list_model_get_item (columns, 3);
  g_autofree char *scheme = NULL;
  guint hours = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  preferences = find_toplevel (SKY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (f->window));

  /* The style row: Dark, then back to the system's. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (
                                GTK_WIDGET (preferences), SKY_TYPE_PREFERENCES_WINDOW,
                                "style_row")), 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* Hours per month: the spin button writes the setting, the page follows. */
  g_assert_cmpstr (gtk_column_view_column_get_title (monthly), ==, "Monthly (730 h)");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (
                               GTK_WIDGET (preferences), SKY_TYPE_PREFERENCES_WINDOW,
                               "hours_spin")), 720);
  g_assert_cmpint (g_settings_get_int (settings, "hours-per-month"), ==, 720);
  g_object_get (catalog_page (f), "hours-per-month", &hours, NULL);
  g_assert_cmpuint (hours, ==, 720);
  g_assert_cmpstr (gtk_column_view_column_get_title (monthly), ==, "Monthly (720 h)");
  g_settings_reset (settings, "hours-per-month");
  g_assert_cmpstr (gtk_column_view_column_get_title (monthly), ==, "Monthly (730 h)");

  /* The details pane: from Preferences, and from its button beside the table. */
  details_switch = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                              SKY_TYPE_PREFERENCES_WINDOW,
                                                              "details_switch"));
  g_assert_true (gtk_widget_get_visible (offer_view));
  gtk_switch_set_active (details_switch, FALSE);
  g_assert_false (gtk_widget_get_visible (offer_view));
  g_assert_false (gtk_toggle_button_get_active (details_button));
  gtk_toggle_button_set_active (details_button, TRUE);
  g_assert_true (gtk_widget_get_visible (offer_view));
  g_assert_true (g_settings_get_boolean (settings, "show-details"));
  g_assert_true (gtk_switch_get_active (details_switch));
}

static GObject *
page_child (Fixture    *f,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (catalog_page (f)), SKY_TYPE_CATALOG_PAGE,
                                        name);
}

/* Waits, for a few seconds at most, until the catalog page lists @expected prices. */
static void
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
static const char *
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

static void
test_bundled_sheets (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;

  sky_window_load_bundled_sheets (f->window);
  g_assert_true (sky_window_get_busy (f->window));
  wait_until_idle (f);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (summary (f), "4 current price sheets from 4 providers"));

  sheets = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (sheets->len, ==, 4);

  /* A catalog that has sheets is left alone. */
  sky_window_load_bundled_sheets (f->window);
  g_assert_false (sky_window_get_busy (f->window));
}

/* A catalog whose user declined the bundled sheets (skytally-cli --no-seed) stays without
 * them. */
static void
test_bundled_sheets_declined (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sky_catalog_decline_bundled_sheets (f->catalog, &error));
  g_assert_no_error (error);
  sky_window_load_bundled_sheets (f->window);
  g_assert_false (sky_window_get_busy (f->window));
  wait_until_idle (f);
  g_assert_false (sky_catalog_has_sheets (f->catalog, NULL));
}

/* A price sheet opened from the file manager is imported, after the bundled ones on a first
 * start. */
/* The Scenario page --------------------------------------------------------------------------- */

static SkyScenarioPage *
scenario_page (Fixture *f)
{
  return SKY_SCENARIO_PAGE (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                           SKY_TYPE_WINDOW, "scenario_page"));
}

static GObject *
scenario_child (Fixture    *f,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (scenario_page (f)), SKY_TYPE_SCENARIO_PAGE,
                                        name);
}

/* Runs the main loop until the page has priced the scenario. */
static void
wait_for_estimate (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A pricing is started at once; let it begin, then end. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (sky_scenario_document_get_busy (document_of (scenario_page (f))) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sky_scenario_document_get_busy (document_of (scenario_page (f))));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GFile *
data_gfile (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return g_file_new_for_path (path);
}

static const char *
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

static void
test_scenario_open_and_edit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  SkyScenarioPage *page = scenario_page (f);
  GtkColumnView *view = GTK_COLUMN_VIEW (scenario_child (f, "lines_view"));
  const SkyEstimate *e;
  SkyScenarioLine *line;
  g_autofree char *title = NULL;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);

  /* Opening a .skytally file shows it on the Scenario page, priced on both providers. */
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                    SKY_TYPE_WINDOW,
                                                                    "view_stack"))),
                   ==, "scenario");
  wait_for_estimate (f);
  e = sky_scenario_document_get_estimate (document_of (page));
  g_assert_nonnull (e);
  g_assert_cmpuint (e->providers->len, ==, 2);
  g_assert_cmpstr (money_of (e, 0, 0), ==, "210.24");
  /* Five columns, one per provider; five lines and three rows of totals. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 8);
  g_assert_false (sky_scenario_document_get_modified (document_of (page)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "web.skytally — Skytally");
  /* It is among the recent files, and in the primary menu. */
  {
    g_autofree char *uri = g_file_get_uri (file);
    GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                    SKY_TYPE_WINDOW,
                                                                    "primary_menu"));
    GMenuModel *recent = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    g_autofree char *label = NULL;

    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpint (g_menu_model_get_n_items (recent), >=, 1);
    g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    g_assert_cmpstr (label, ==, "web.skytally");
    g_object_unref (recent);
  }

  /* Selecting a line shows each provider's arithmetic. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  {
    GtkWidget *details = GTK_WIDGET (scenario_child (f, "details_box"));
    GtkWidget *heading = gtk_widget_get_first_child (details);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, "API servers");
    g_assert_true (ADW_IS_PREFERENCES_GROUP (gtk_widget_get_next_sibling (heading)));
  }

  /* A new line is priced, and marks the scenario changed. */
  line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  line->label = g_strdup ("Big server");
  line->unit = g_strdup ("hour");
  line->category = g_strdup ("compute");
  line->min_vcpu_milli = 8000;
  sky_scenario_document_add_line (document_of (page), line);
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));
  /* While it is priced, the page's spinner turns. */
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (scenario_child (f, "busy_spinner"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scenario_child (f, "busy_spinner"))));
  wait_for_estimate (f);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (scenario_child (f, "busy_spinner"))));
  e = sky_scenario_document_get_estimate (document_of (page));
  /* cpu-8 at 0.736: 730 × 0.736 = 537.28. */
  g_assert_cmpstr (money_of (e, 0, 5), ==, "537.28");
  g_object_get (document_of (page), "title", &title, NULL);
  g_assert_cmpstr (title, ==, "• web.skytally");

  /* Moving it up swaps it with the line above. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 5, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.move-up", NULL));
  wait_for_estimate (f);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines,
                                                           4))->label, ==, "Big server");

  /* Undo puts it back below, undo again takes it away; redo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines,
                                                           5))->label, ==, "Big server");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.redo", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 6);

  /* Removing the selected line prices again. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 5, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.remove-line", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 5);
}

/* Prices, then lets the table lay out its rows again. */
static void
wait_for_rows (Fixture *f)
{
  gint64 until;

  wait_for_estimate (f);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Finds the @nth widget of @type inside @root whose "list-item" shows row @index. */
static GtkWidget *
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

static GtkWidget *
find_cell (GtkWidget *root,
           GType      type,
           guint      index,
           guint      nth)
{
  return find_cell_from (root, type, index, &nth);
}

/* Quantity, usage and purchase option change in place; the cheapest total is marked. */
static void
test_scenario_edit_in_place (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  SkyScenarioLine *line;
  GtkWidget *cell;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, file);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "scenario");
  wait_for_rows (f);
  line = g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines, 0);

  /* The first text cell of row 0 is its quantity. */
  cell = find_cell (view, GTK_TYPE_TEXT, 0, 0);
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "3");
  gtk_editable_set_text (GTK_EDITABLE (cell), "4");
  g_signal_emit_by_name (cell, "activate");
  wait_for_rows (f);
  /* 4 × 730 × 0.096 = 280.32. */
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "280.32");

  /* Not a number: the line keeps its quantity. */
  cell = find_cell (view, GTK_TYPE_TEXT, 0, 0);
  g_assert_nonnull (cell);
  gtk_editable_set_text (GTK_EDITABLE (cell), "lots");
  g_signal_emit_by_name (cell, "activate");
  line = g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines, 0);
  {
    g_autofree char *q = sky_decimal_to_string (line->quantity);
    g_assert_cmpstr (q, ==, "4");
  }

  /* Usage: 100 hours a month. */
  cell = find_cell (view, GTK_TYPE_TEXT, 0, 1);
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "730 hour");
  gtk_editable_set_text (GTK_EDITABLE (cell), "100 hour");
  g_signal_emit_by_name (cell, "activate");
  wait_for_rows (f);
  /* 4 × 100 × 0.096 = 38.40. */
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "38.40");

  /* Purchase option: spot, at 0.0288: 4 × 100 × 0.0288 = 11.52. */
  cell = find_cell (view, GTK_TYPE_DROP_DOWN, 0, 0);
  g_assert_nonnull (cell);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), 1);
  wait_for_rows (f);
  line = g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines, 0);
  g_assert_cmpstr (line->term, ==, "spot");
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "11.52");

  /* Each edit is one step of undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_rows (f);
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "38.40");

  /* Only when both providers price every line is the cheapest total marked: without the
   * reserved worker and the jobs, Other Cloud's 79.20 (4 × 100 × 0.20 EUR − 10 % × 1.1) +
   * 1184.04 + 3168.00 = 4431.24 is below Example Cloud's 38.40 + 1317.70 + 3344.50. */
  cell = find_cell (view, GTK_TYPE_LABEL, 5, 2);
  g_assert_nonnull (cell);
  g_assert_false (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (cell)), "★"));
  /* Other Cloud's total, short of two lines, says it is incomplete. */
  cell = find_cell (view, GTK_TYPE_LABEL, 5, 3);
  g_assert_nonnull (cell);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (cell)), "⚠ "));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (scenario_child (f, "status_label"))),
                            "⚠ Other Cloud is incomplete: 2 lines not priced"));
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 4, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.remove-line", NULL));
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 3, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.remove-line", NULL));
  wait_for_rows (f);
  cell = find_cell (view, GTK_TYPE_LABEL, 3, 2);
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "4700.60 USD");
  cell = find_cell (view, GTK_TYPE_LABEL, 3, 3);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "★ 4431.24 USD");
}

static void
test_scenario_save_and_recover (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) source = data_gfile ("web.skytally");
  g_autofree char *saved_path = g_build_filename (f->dir, "saved.skytally", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autofree char *recovery = sky_scenario_document_recovery_path ();
  g_autoptr(SkyScenario) reread = NULL;
  g_autoptr(GError) error = NULL;
  SkyScenarioPage *page = scenario_page (f);
  SkyScenarioLine *line;
  GtkWindow *dialog;
  gint64 deadline;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, source);
  wait_for_estimate (f);

  line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  line->label = g_strdup ("Backups");
  line->unit = g_strdup ("gb");
  line->category = g_strdup ("network");
  sky_scenario_document_add_line (document_of (page), line);
  wait_for_estimate (f);

  /* Unsaved changes are kept in a recovery file a few seconds after the last edit. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_file_test (recovery, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (recovery, G_FILE_TEST_EXISTS));
  /* It is one file, only its owner may read it, and it names the file the changes belong
   * to: the two are never kept one without the other. */
  {
    g_autofree char *source_path = g_file_get_path (source);
    g_autofree char *origin = NULL;
    g_autofree char *dir = g_path_get_dirname (recovery);
    g_autofree char *beside = g_build_filename (dir, "recovery.origin", NULL);
    g_autoptr(SkyScenario) kept = NULL;
    GStatBuf st;

    g_assert_cmpint (g_stat (recovery, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
    kept = sky_recovery_read (recovery, &origin, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kept->lines->len, ==, 6);
    g_assert_cmpstr (origin, ==, source_path);
    g_assert_false (g_file_test (beside, G_FILE_TEST_EXISTS));
  }

  /* Saving writes the file, records the sheets it was priced against, and drops the copy. */
  g_assert_true (save_scenario (page, saved, &error));
  g_assert_no_error (error);
  g_assert_false (sky_scenario_document_get_modified (document_of (page)));
  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
  reread = sky_scenario_load (saved_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reread->lines->len, ==, 6);
  g_assert_cmpstr (sky_scenario_get_sheet_version (reread, "examplecloud"), ==, "2026.1");
  g_assert_cmpstr (sky_scenario_get_sheet_version (reread, "othercloud"), ==, "7");

  /* After a crash the recovery copy is offered back. */
  sky_scenario_document_new_scenario (document_of (page));
  wait_for_estimate (f);
  g_assert_true (sky_recovery_write (recovery, reread, saved_path, &error));
  sky_window_offer_recovery (f->window);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore Unsaved Changes?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_for_estimate (f);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 6);
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), saved));
  gtk_window_destroy (dialog);

  /* Changes an earlier version kept, in two files, are offered back too, and discarding them
   * removes both. */
  {
    g_autofree char *dir = g_path_get_dirname (recovery);
    g_autofree char *legacy = g_build_filename (dir, "recovery.skytally", NULL);
    g_autofree char *legacy_origin = g_build_filename (dir, "recovery.origin", NULL);

    sky_scenario_document_discard_recovery (document_of (page));
    sky_scenario_document_new_scenario (document_of (page));
    wait_for_estimate (f);
    g_assert_true (sky_scenario_save (reread, legacy, &error));
    g_assert_true (g_file_set_contents (legacy_origin, saved_path, -1, &error));
    g_assert_true (sky_window_offer_recovery (f->window));
    dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
    wait_for_estimate (f);
    g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 6);
    g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), saved));
    gtk_window_destroy (dialog);
    sky_scenario_document_discard_recovery (document_of (page));
    g_assert_false (g_file_test (legacy, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (legacy_origin, G_FILE_TEST_EXISTS));
  }
}

/* Saves the web fixture at @path, priced against Example Cloud's sheet @version. */
static void
save_pinned (const char *path,
             const char *version)
{
  g_autoptr(GFile) source = data_gfile ("web.skytally");
  g_autofree char *source_path = g_file_get_path (source);
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(GError) error = NULL;

  s = sky_scenario_load (source_path, &error);
  g_assert_no_error (error);
  sky_scenario_set_sheet_version (s, "examplecloud", version);
  g_assert_true (sky_scenario_save (s, path, &error));
}

/* A scenario priced against a sheet that was removed from the catalog says so when it is
 * opened, and offers to re-price it against the current sheets. */
static void
test_scenario_sheet_removed (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pinned.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;
  const char *body;

  import_fixture (f, "valid-small.xml", "other-small.xml", "valid-small-2026.2.xml", NULL);
  save_pinned (path, "2026.2");
  g_assert_true (sky_catalog_remove_sheet (f->catalog, "examplecloud", "2026.2", &error));
  g_assert_no_error (error);

  open_scenario (page, file);
  wait_for_estimate (f);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Example Cloud 2026.2, which is not in the catalog (it was "
                                  "removed or never imported here)"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reprice");
  gtk_window_destroy (dialog);
  wait_for_estimate (f);
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "210.24");
  g_assert_cmpstr (sky_scenario_get_sheet_version (sky_scenario_document_get_scenario (document_of (page)),
                                                   "examplecloud"), ==, "2026.1");
}

/* A newer sheet: opening offers to re-price, saying what changes and why. */
static void
test_scenario_reprice (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pinned.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;
  const char *body;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  save_pinned (path, "2026.1");
  import_fixture (f, "valid-small-2026.2.xml", NULL);

  open_scenario (page, file);
  wait_for_estimate (f);
  /* Until the user chooses, the recorded prices stand. */
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "210.24");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Example Cloud, API servers: 210.24 → 219.00 USD (std-2-us: "
                                  "on-demand price went from 0.096 to 0.1 USD/hour)"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reprice");
  wait_for_estimate (f);
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "219.00");
  g_assert_cmpstr (sky_scenario_get_sheet_version (sky_scenario_document_get_scenario (document_of (page)),
                                                   "examplecloud"), ==, "2026.2");
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));
}

/* Opens @file as the window does (it is read in a thread) and runs the main loop until it is
 * read or refused. */
static void
open_in_window (SkyWindow *window,
                GFile     *file)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (window, files);
  g_assert_true (sky_scenario_document_get_busy (
                   document_of (SKY_SCENARIO_PAGE (gtk_widget_get_template_child (
                     GTK_WIDGET (window), SKY_TYPE_WINDOW, "scenario_page")))));
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10));
}

/* A file that is not a scenario is reported, with its line and column, and nothing changes. */
static void
test_scenario_open_bad (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *after = NULL;
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;

  g_file_set_contents (path, "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"9\" "
                             "name=\"x\" currency=\"USD\"/>\n", -1, NULL);
  open_in_window (f->window, file);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "bad.skytally:1:43: this scenario is in format 9, newer than"));
  g_assert_null (sky_scenario_document_get_file (document_of (page)));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_nonnull (strstr (after, "format=\"9\""));
}

/* A FIFO opened as a scenario is refused at once, by name, in a dialog: it blocked the main
 * loop for ever, waiting for a writer. */
static void
test_scenario_open_fifo (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.skytally", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: not a regular file", path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  open_in_window (f->window, file);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   expected));
  g_assert_null (sky_scenario_document_get_file (document_of (page)));
}

/* The line dialog makes a requirement line, and says what is wrong with a field. */
static void
test_line_dialog (Fixture       *f,
                  gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  SkyLineDialog *dialog;
  GtkWidget *error_label;

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-line", NULL));
  dialog = SKY_LINE_DIALOG (find_toplevel (SKY_TYPE_LINE_DIALOG));
  g_assert_nonnull (dialog);

#define FIELD(name) GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), \
                                                                 SKY_TYPE_LINE_DIALOG, name))
  error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                           SKY_TYPE_LINE_DIALOG, "error_label"));
  gtk_editable_set_text (FIELD ("quantity_row"), "two");
  gtk_editable_set_text (FIELD ("label_row"), "Workers");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), "Quantity: "));
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 0);

  gtk_editable_set_text (FIELD ("quantity_row"), "2");
  gtk_editable_set_text (FIELD ("vcpu_row"), "4");
#undef FIELD
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 1);
  {
    SkyScenarioLine *line = g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines, 0);
    g_assert_cmpstr (line->label, ==, "Workers");
    g_assert_cmpint (line->min_vcpu_milli, ==, 4000);
    g_assert_cmpstr (line->category, ==, "compute");
    g_assert_cmpstr (line->unit, ==, "hour");
  }
  /* mem-4 is the cheapest with 4 vCPU: 2 × 730 × 0.252 = 367.92. */
  wait_for_estimate (f);
  g_assert_cmpstr (money_of (sky_scenario_document_get_estimate (document_of (page)), 0, 0), ==, "367.92");
}

/* Offers kept in the catalog become lines priced with those very offers. */
static void
test_scenario_candidates (Fixture       *f,
                          gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  GListModel *candidates;
  SkyScenarioLine *line;

  import_fixture (f, "valid-small.xml", NULL);
  wait_for_count (f, 6);
  first_sku (f, sky_catalog_page_get_model (catalog_page (f)));
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view"))),
                                   0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.add-to-candidates", NULL));
  candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);

  sky_scenario_document_new_scenario (document_of (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-candidates", NULL));
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 1);
  line = g_ptr_array_index (sky_scenario_document_get_scenario (document_of (page))->lines, 0);
  g_assert_cmpint (line->kind, ==, SKY_LINE_OFFER);
  g_assert_cmpstr (line->provider, ==, "examplecloud");
  g_assert_cmpstr (line->sheet_version, ==, "2026.1");
  wait_for_estimate (f);
  g_assert_cmpint (((SkyEstimateLine *) g_ptr_array_index (
                      ((SkyEstimateProvider *) g_ptr_array_index (
                         sky_scenario_document_get_estimate (document_of (page))->providers, 0))->lines, 0))->status,
                   ==, SKY_LINE_PRICED);
}

static void
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

static void
wait_for_scoring (SkyTradeoffsPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (sky_tradeoffs_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (sky_tradeoffs_page_get_busy (page));
}

/* The Trade-offs page ranks the kept offers, follows its weights, and takes rated criteria;
 * all of it lands in the scenario. */
static void
test_tradeoffs_page (Fixture       *f,
                     gconstpointer  data)
{
  SkyTradeoffsPage *page = SKY_TRADEOFFS_PAGE (gtk_widget_get_template_child (
                             GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "tradeoffs_page"));
  SkyScenarioPage *scenario = scenario_page (f);
  const SkyScenario *s;
  const SkyScoring *scoring;
  SkyScoredOption *top;
  GtkWidget *entry, *chart;
  g_autofree char *xml = NULL;
  double before;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  /* Nothing kept in the catalog: nothing to use. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (scenario))->candidates->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (page)))),
                   ==, "empty");

  keep_candidate (f, "std-2-us");
  keep_candidate (f, "mem-4-eu");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL));
  s = sky_scenario_document_get_scenario (document_of (scenario));
  g_assert_cmpuint (s->candidates->len, ==, 2);
  g_assert_cmpuint (s->criteria->len, ==, 4);
  g_assert_true (sky_scenario_document_get_modified (document_of (scenario)));
  wait_for_scoring (page);
  scoring = sky_tradeoffs_page_get_scoring (page);
  g_assert_nonnull (scoring);
  g_assert_cmpuint (scoring->options->len, ==, 2);

  /* A rated criterion added by name, then rated. */
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE,
                                                     "criterion_entry"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Support");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-criterion", NULL));
  wait_for_scoring (page);
  s = sky_scenario_document_get_scenario (document_of (scenario));
  g_assert_cmpuint (s->criteria->len, ==, 5);
  g_assert_cmpstr (((SkyCriterion *) g_ptr_array_index (s->criteria, 4))->id, ==, "support");
  g_assert_cmpint (((SkyCriterion *) g_ptr_array_index (s->criteria, 4))->kind, ==,
                   SKY_CRITERION_RATED);

  /* The ranking, and the chart described for screen readers. */
  scoring = sky_tradeoffs_page_get_scoring (page);
  top = g_ptr_array_index (scoring->options, g_array_index (scoring->order, guint, 0));
  before = top->score;
  chart = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE,
                                                     "chart"));
  g_assert_true (GTK_IS_DRAWING_AREA (chart));

  /* A weight moved in the scenario re-ranks. */
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario), NULL);
    ((SkyCriterion *) g_ptr_array_index (edit->criteria, 0))->weight = sky_decimal_from_int (0);
    sky_scenario_document_edited (document_of (scenario));
  }
  wait_for_scoring (page);
  scoring = sky_tradeoffs_page_get_scoring (page);
  top = g_ptr_array_index (scoring->options, g_array_index (scoring->order, guint, 0));
  g_assert_cmpfloat (top->score, !=, before);

  xml = sky_scenario_to_xml (sky_scenario_document_get_scenario (document_of (scenario)));
  g_assert_nonnull (strstr (xml, "<candidate provider=\"examplecloud\" sku=\"std-2-us\"/>"));
  /* o-4 is priced in euros and the scenario pins no rate: the page says so. */
  keep_candidate (f, "o-4");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL));
  wait_for_scoring (page);
  g_assert_null (sky_tradeoffs_page_get_scoring (page));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
                                                   GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE,
                                                   "status_label"))),
                            "pins no exchange rate from EUR to USD"));
  g_assert_nonnull (strstr (xml, "<criterion id=\"support\" name=\"Support\" kind=\"rated\" "
                                 "weight=\"10\"/>"));
  sky_scenario_document_discard_recovery (document_of (scenario));
}

static void
wait_for_comparison (SkyComparePage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (sky_compare_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sky_compare_page_get_busy (page));
}

/* The Compare page: a requirement found on every provider, and the kept candidates. */
static void
test_compare_page (Fixture       *f,
                   gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (gtk_widget_get_template_child (
                           GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "compare_page"));
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

/* Closing with unsaved changes asks first. */
static void
wait_for_projection (SkyBudgetPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (sky_budget_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (sky_budget_page_get_busy (page));
}

static GtkWidget *
budget_child (SkyBudgetPage *page,
              const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_BUDGET_PAGE,
                                                    name));
}

/* The Budget page shows the scenario month by month, says plainly whether and when the budget
 * is exceeded, and its budget and months land in the scenario. */
static void
test_budget_page (Fixture       *f,
                  gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (gtk_widget_get_template_child (
                          GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "budget_page"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkLabel *status = GTK_LABEL (budget_child (page, "status_label"));
  GtkColumnView *view = GTK_COLUMN_VIEW (budget_child (page, "months_view"));
  GtkEditable *monthly = GTK_EDITABLE (budget_child (page, "monthly_entry"));
  GtkEditable *yearly = GTK_EDITABLE (budget_child (page, "yearly_entry"));
  const SkyProjection *projection;
  const SkyProjectionProvider *p;
  const SkyScenario *s;
  g_autofree char *cap = NULL;

  /* Nothing to project yet. */
  g_assert_null (sky_budget_page_get_projection (page));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "Add lines and providers"));

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  wait_for_projection (page);
  projection = sky_budget_page_get_projection (page);
  g_assert_nonnull (projection);
  g_assert_cmpuint (projection->months, ==, 12);
  g_assert_cmpuint (projection->providers->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 12);
  g_assert_nonnull (strstr (gtk_label_get_label (status), "No budget is set"));
  /* Other Cloud's figures leave out two lines: said even without a budget. */
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "\nOther Cloud cannot price 2 lines: its figures leave them out."));
  g_assert_null (strstr (gtk_label_get_label (status), "Example Cloud cannot"));

  /* A cap under month 1's total: over from month 1. */
  p = g_ptr_array_index (projection->providers, 0);
  g_assert_cmpint (sky_decimal_compare (p->total_cash[0], sky_decimal_from_int (1)), >, 0);
  gtk_editable_set_text (monthly, "1");
  s = sky_scenario_document_get_scenario (document_of (scenario_page (f)));
  g_assert_nonnull (s->budget);
  g_assert_true (s->budget->has_monthly);
  g_assert_false (s->budget->has_yearly);
  g_assert_true (sky_scenario_document_get_modified (document_of (scenario_page (f))));
  wait_for_projection (page);
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "Example Cloud goes over the monthly budget in month 1."));
  /* Other Cloud cannot price two of the lines: its figures leave them out, and it says so. */
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "Other Cloud goes over the monthly budget in month 1 (leaving out 2 "
                            "lines it cannot price)."));

  /* A group's own cap, set in the scenario, is followed too. */
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario_page (f)), NULL);
    SkyGroupCap *network = g_new0 (SkyGroupCap, 1);

    network->group = g_strdup ("Network");
    network->monthly = sky_decimal_from_int (1);
    g_ptr_array_add (edit->budget->group_caps, network);
    sky_scenario_document_edited (document_of (scenario_page (f)));
  }
  wait_for_projection (page);
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "; Network goes over its cap in month 1"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  wait_for_projection (page);
  g_assert_null (strstr (gtk_label_get_label (status), "Network"));

  /* Typing on is one edit; a cap above every month: within it. */
  gtk_editable_set_text (monthly, "1000000.50");
  gtk_editable_set_text (yearly, "abc");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (yearly), "error"));
  gtk_editable_set_text (yearly, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (yearly), "error"));
  wait_for_projection (page);
  /* What was typed stays as typed. */
  g_assert_cmpstr (gtk_editable_get_text (monthly), ==, "1000000.50");
  s = sky_scenario_document_get_scenario (document_of (scenario_page (f)));
  cap = sky_decimal_to_string (sky_decimal_normalize (s->budget->monthly));
  g_assert_cmpstr (cap, ==, "1000000.5");
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "Example Cloud stays within the monthly budget every month"));
  /* Other Cloud, short of two lines, is under the cap with the rest: it cannot be judged, and
   * the status is not shown as a success. */
  g_assert_nonnull (strstr (gtk_label_get_label (status),
                            "Other Cloud cannot be judged against the monthly budget: not every "
                            "line is priced"));
  g_assert_null (strstr (gtk_label_get_label (status), "Other Cloud stays within"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "success"));
  /* One undo takes back the whole run of typing, to the cap of 1 before it; one more, the cap. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  wait_for_projection (page);
  s = sky_scenario_document_get_scenario (document_of (scenario_page (f)));
  g_assert_nonnull (s->budget);
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (1)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (monthly), ==, "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  wait_for_projection (page);
  s = sky_scenario_document_get_scenario (document_of (scenario_page (f)));
  g_assert_null (s->budget);
  g_assert_cmpstr (gtk_editable_get_text (monthly), ==, "");

  /* Two years. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (budget_child (page, "months_spin")), 24);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (scenario_page (f)))->projection_months, ==, 24);
  wait_for_projection (page);
  g_assert_cmpuint (sky_budget_page_get_projection (page)->months, ==, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 24);

  /* All providers side by side at first: a column of each one's cash; then one provider with
   * its cash, amortised, low and high figures. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (budget_child (page,
                                                                              "provider_dropdown"))),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 3);
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (
                                              gtk_column_view_get_columns (view), 2);
    g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Other Cloud");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (budget_child (page, "provider_dropdown")), 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 24);
  g_assert_true (GTK_IS_DRAWING_AREA (budget_child (page, "chart")));

  /* A projection under way when the last line goes: the page is not left busy, and the late
   * result does not come back. */
  gtk_editable_set_text (monthly, "5");
  g_assert_true (sky_budget_page_get_busy (page));
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario_page (f)), NULL);
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    g_ptr_array_set_size (edit->lines, 0);
    sky_scenario_document_edited (document_of (scenario_page (f)));
    g_assert_false (sky_budget_page_get_busy (page));
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_false (sky_budget_page_get_busy (page));
  g_assert_null (sky_budget_page_get_projection (page));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "Add lines and providers"));

  /* The same on the Scenario page: pricing under way when the last provider goes. */
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario_page (f)), NULL);
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    edit->hours_per_month = sky_decimal_from_int (700);
    sky_scenario_document_edited (document_of (scenario_page (f)));
    g_assert_true (sky_scenario_document_get_busy (document_of (scenario_page (f))));
    edit = sky_scenario_document_edit (document_of (scenario_page (f)), NULL);
    g_ptr_array_set_size (edit->providers, 0);
    sky_scenario_document_edited (document_of (scenario_page (f)));
    g_assert_false (sky_scenario_document_get_busy (document_of (scenario_page (f))));
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_false (sky_scenario_document_get_busy (document_of (scenario_page (f))));
    g_assert_null (sky_scenario_document_get_estimate (document_of (scenario_page (f))));
  }
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child))
        g_ptr_array_add (checks, child);
      collect_checks (child, checks);
    }
}

static SkyExportDialog *
open_export_dialog (Fixture *f)
{
  SkyExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dialog = SKY_EXPORT_DIALOG (find_toplevel (SKY_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
export_child (SkyExportDialog *dialog,
              const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SKY_TYPE_EXPORT_DIALOG,
                                                    name));
}

/* Exports until the dialog has closed, which it does when the files are written. */
static void
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

/* The Export dialog writes what it is set to: the CSV for finance with its period, providers,
 * delimiter and byte-order mark, its assumptions in the second file, the PDF report and the
 * JSON; a file that cannot be written is said so, and the dialog stays. */
static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) scenario = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *csv_path = g_build_filename (f->dir, "months.csv", NULL);
  g_autofree char *assumptions_path = g_build_filename (f->dir, "months.assumptions.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "months.json", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "missing", "months.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) assumptions = g_file_new_for_path (assumptions_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  SkyExportDialog *dialog;
  JsonObject *root;
  GStrv header;
  gsize length;

  /* Nothing to export in an empty scenario: the window says so instead. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_null (find_toplevel (SKY_TYPE_EXPORT_DIALOG));

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (scenario));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);

  /* CSV: two years, the first provider only, semicolons, a byte-order mark. */
  dialog = open_export_dialog (f);
  g_assert_true (gtk_widget_get_visible (export_child (dialog, "csv_group")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "format_row")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (export_child (dialog, "months_spin")), 24);
  collect_checks (export_child (dialog, "providers_group"), checks);
  g_assert_cmpuint (checks->len, ==, 2);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), FALSE);
  /* No provider: nothing to export. */
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  g_assert_false (gtk_widget_get_sensitive (export_child (dialog, "export_button")));
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_true (gtk_widget_get_sensitive (export_child (dialog, "export_button")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "delimiter_row")), 1);
  gtk_switch_set_active (GTK_SWITCH (export_child (dialog, "bom_switch")), TRUE);
  export_and_wait (dialog, csv, assumptions);

  g_file_get_contents (csv_path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  rows = sky_test_parse_csv (text + 3, ';', &error);
  g_assert_no_error (error);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "provider");
  g_assert_cmpstr (header[g_strv_length (header) - 2], ==, "M24");
  g_assert_cmpuint (rows->len, >, 2);
  for (guint r = 1; r < rows->len; r++)
    g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, r))[0], ==, "examplecloud");
  /* The months exported are those on the Budget page, to the cent. */
  {
    SkyBudgetPage *budget = SKY_BUDGET_PAGE (gtk_widget_get_template_child (
                              GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "budget_page"));
    const SkyProjectionProvider *shown;
    gboolean found = FALSE;

    wait_for_projection (budget);
    shown = g_ptr_array_index (sky_budget_page_get_projection (budget)->providers, 0);
    for (guint r = 1; r < rows->len; r++)
      {
        GStrv row = g_ptr_array_index (rows, r);
        if (g_strcmp0 (row[4], "total") != 0)
          continue;
        for (guint m = 0; m < 12; m++)
          {
            g_autofree char *on_screen = sky_decimal_to_string (shown->total_cash[m]);
            g_assert_cmpstr (row[8 + m], ==, on_screen);
          }
        found = TRUE;
      }
    g_assert_true (found);
  }
  g_clear_pointer (&text, g_free);
  g_file_get_contents (assumptions_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "hours_per_month"));
  g_clear_pointer (&text, g_free);

  /* The PDF report, without a CSV group to set. */
  dialog = open_export_dialog (f);
  adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "format_row")), 1);
  g_assert_false (gtk_widget_get_visible (export_child (dialog, "csv_group")));
  export_and_wait (dialog, pdf, NULL);
  g_file_get_contents (pdf_path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_clear_pointer (&text, g_free);

  /* JSON, over the scenario's own months, on both providers. */
  dialog = open_export_dialog (f);
  adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "format_row")), 2);
  export_and_wait (dialog, json, NULL);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "months"), ==, 12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "providers")),
                    ==, 2);

  /* Closed while writing: the export is cancelled or already done, never half-written, and
   * the late result finds no dialog to update. */
  {
    g_autofree char *late_path = g_build_filename (f->dir, "late.json", NULL);
    g_autoptr(GFile) late = g_file_new_for_path (late_path);
    g_autoptr(JsonParser) late_parser = json_parser_new ();
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    dialog = open_export_dialog (f);
    adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "format_row")), 2);
    sky_export_dialog_export_to (dialog, late, NULL);
    gtk_window_close (GTK_WINDOW (dialog));
    g_assert_null (find_toplevel (SKY_TYPE_EXPORT_DIALOG));
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    if (g_file_test (late_path, G_FILE_TEST_EXISTS))
      {
        json_parser_load_from_file (late_parser, late_path, &error);
        g_assert_no_error (error);
      }
  }

  /* A folder that is not there: said, and the dialog stays open to try elsewhere. */
  dialog = open_export_dialog (f);
  sky_export_dialog_export_to (dialog, bad, NULL);
  while (sky_export_dialog_get_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (find_toplevel (SKY_TYPE_EXPORT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

static void
test_scenario_close_asks (Fixture       *f,
                          gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  GtkWindow *dialog;

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  line->label = g_strdup ("Server");
  line->unit = g_strdup ("hour");
  line->category = g_strdup ("compute");
  sky_scenario_document_add_line (document_of (page), line);
  wait_for_estimate (f);

  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save Changes?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  sky_scenario_document_discard_recovery (document_of (page));
}

static void
test_open_file (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_HANDLES_OPEN);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *catalog_path = sky_catalog_default_path ();
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  SkyWindow *window;

  g_application_open (G_APPLICATION (app), &file, 1, "");

  /* The catalog is opened in a thread; the window comes when it is open. */
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (SKY_TYPE_WINDOW), 20));
  window = SKY_WINDOW (find_toplevel (SKY_TYPE_WINDOW));
  g_object_ref (window);
  while (sky_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);

  catalog = sky_catalog_open (catalog_path, &error);
  g_assert_no_error (error);
  sheets = sky_catalog_list_sheets (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Runs the main loop until no pricing is under way on @window's Scenario page. */
static void
wait_for_page (SkyWindow *window)
{
  SkyScenarioPage *page = SKY_SCENARIO_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            SKY_TYPE_WINDOW,
                                                                            "scenario_page"));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while ((sky_scenario_document_get_busy (document_of (page)) || sky_window_get_busy (window)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sky_scenario_document_get_busy (document_of (page)));
}

/* After a crash, starting by opening a file (a double-click) opens it and offers the changes
 * kept back; the recovery file stays until they are restored or discarded. */
static void
test_recovery_on_open_start (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_HANDLES_OPEN);
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autofree char *recovery = sky_scenario_document_recovery_path ();
  g_autofree char *dir = g_path_get_dirname (recovery);
  g_autoptr(SkyScenario) kept = sky_scenario_new ("Kept after a crash", "USD");
  g_autoptr(GError) error = NULL;
  SkyScenarioPage *page;
  SkyWindow *window;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (sky_recovery_write (recovery, kept, NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (SKY_TYPE_WINDOW), 20));
  window = g_object_ref (SKY_WINDOW (find_toplevel (SKY_TYPE_WINDOW)));
  page = SKY_SCENARIO_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW,
                                                           "scenario_page"));
  wait_for_page (window);
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), file));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore Unsaved Changes?");
  g_assert_true (g_file_test (recovery, G_FILE_TEST_EXISTS));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_for_page (window);
  g_assert_cmpstr (sky_scenario_document_get_scenario (document_of (page))->name, ==, "Kept after a crash");
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));
  g_assert_null (sky_scenario_document_get_file (document_of (page)));

  gtk_window_destroy (dialog);
  sky_scenario_document_discard_recovery (document_of (page));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* What replaces the open scenario: New, Open (the file chooser, a drop), a recent file, the
 * application's open (the command line, a second launch). @other is what is opened. */
typedef void (*ReplaceFunc) (SkyWindow *window,
                             GFile     *other);

static void
replace_by_new (SkyWindow *window,
                GFile     *other)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL));
}

static void
replace_by_open (SkyWindow *window,
                 GFile     *other)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, g_object_ref (other));
  sky_window_open_files (window, files);
}

static void
replace_by_recent (SkyWindow *window,
                   GFile     *other)
{
  g_autofree char *uri = g_file_get_uri (other);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
}

static void
replace_by_application (SkyWindow *window,
                        GFile     *other)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_application_open (app, &other, 1, "");
}

/* Edits a copy of web.skytally in @dir on @window, then replaces it by @replace three times,
 * answering the question Cancel (the edit stays), Discard (@other replaces it, or a new
 * scenario when @other is NULL) and Save (the edit is written first). */
static void
check_replace_asks (SkyWindow   *window,
                    const char  *dir,
                    ReplaceFunc  replace,
                    GFile       *other)
{
  static const char * const answers[] = { "cancel", "discard", "save" };
  SkyScenarioPage *page = SKY_SCENARIO_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            SKY_TYPE_WINDOW,
                                                                            "scenario_page"));
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *mine_path = g_build_filename (dir, "mine.skytally", NULL);
  g_autoptr(GFile) mine = g_file_new_for_path (mine_path);
  g_autofree char *original = NULL;

  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(SkyScenario) on_disk = NULL;
      g_autoptr(GError) error = NULL;
      SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
      GtkWindow *dialog;

      g_test_message ("answering %s", answers[i]);
      g_assert_true (g_file_set_contents (mine_path, original, -1, NULL));
      open_scenario (page, mine);
      wait_for_page (window);
      line->label = g_strdup ("Added");
      line->unit = g_strdup ("hour");
      line->category = g_strdup ("compute");
      sky_scenario_document_add_line (document_of (page), line);
      wait_for_page (window);
      g_assert_true (sky_scenario_document_get_modified (document_of (page)));
      g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

      replace (window, other);
      dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                       "Save Changes?");
      /* Nothing is replaced until it is answered. */
      g_assert_true (sky_scenario_document_get_modified (document_of (page)));
      g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), mine));
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), answers[i]);
      if (dialog != NULL)
        gtk_window_destroy (dialog);
      wait_for_page (window);

      on_disk = sky_scenario_load (mine_path, &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_assert_true (sky_scenario_document_get_modified (document_of (page)));
          g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), mine));
          g_assert_cmpuint (sky_scenario_document_get_scenario (document_of (page))->lines->len, ==, 6);
        }
      else
        {
          GFile *shown = sky_scenario_document_get_file (document_of (page));

          g_assert_false (sky_scenario_document_get_modified (document_of (page)));
          if (other == NULL)
            g_assert_null (shown);
          else
            g_assert_true (shown != NULL && g_file_equal (shown, other));
        }
      g_assert_cmpuint (on_disk->lines->len, ==, i == 2 ? 6 : 5);
    }
  sky_scenario_document_discard_recovery (document_of (page));
}

/* Closing with unsaved changes: Discard closes and leaves the file as it was, Save writes it
 * and closes. */
static void
test_scenario_close_answers (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const answers[] = { "discard", "save" };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *mine_path = g_build_filename (f->dir, "mine.skytally", NULL);
  g_autoptr(GFile) mine = g_file_new_for_path (mine_path);
  g_autofree char *original = NULL;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      SkyWindow *window = g_object_ref_sink (sky_window_new (f->app, f->catalog));
      SkyScenarioPage *page =
        SKY_SCENARIO_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW,
                                                          "scenario_page"));
      SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
      g_autoptr(SkyScenario) on_disk = NULL;
      g_autoptr(GError) error = NULL;
      GtkWindow *dialog;

      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (g_file_set_contents (mine_path, original, -1, NULL));
      open_scenario (page, mine);
      wait_for_page (window);
      line->label = g_strdup ("Added");
      line->unit = g_strdup ("hour");
      line->category = g_strdup ("compute");
      sky_scenario_document_add_line (document_of (page), line);
      wait_for_page (window);

      gtk_window_close (GTK_WINDOW (window));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), answers[i]);
      if (dialog != NULL)
        gtk_window_destroy (dialog);
      /* Saving is done in a thread: the window closes once the file is written. */
      g_assert_true (wait_until (is_hidden, window, 10));
      on_disk = sky_scenario_load (mine_path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (on_disk->lines->len, ==, i == 1 ? 6 : 5);

      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_finalize_object (window);
    }
}

/* New, Open and a recent file ask before they replace a scenario with unsaved changes. */
static void
test_replace_asks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) other = data_gfile ("web.skytally");

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  check_replace_asks (f->window, f->dir, replace_by_new, NULL);
  check_replace_asks (f->window, f->dir, replace_by_open, other);
  check_replace_asks (f->window, f->dir, replace_by_recent, other);
}

/* A scenario opened from the command line or by a second launch while one with unsaved
 * changes is open asks first too. */
static void
test_application_open_asks (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_HANDLES_OPEN);
  g_autoptr(GFile) other = data_gfile ("web.skytally");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("skytally-window-XXXXXX", &error);
  SkyWindow *window;

  g_application_open (G_APPLICATION (app), &other, 1, "");
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (SKY_TYPE_WINDOW), 20));
  window = g_object_ref (SKY_WINDOW (find_toplevel (SKY_TYPE_WINDOW)));
  wait_for_page (window);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  check_replace_asks (window, dir, replace_by_application, other);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  sky_test_remove_tree (dir);
}

static gint64
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* Puts @contents where the application looks for its catalog, in place of what is there. */
static char *
put_catalog (const char *contents,
             gsize       length)
{
  char *path = sky_catalog_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* Puts a catalog of schema 2 (an earlier version's) where the application looks for its own. */
static char *
put_older_catalog (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "catalog-2.db", NULL);
  g_autofree char *contents = NULL;
  char *path;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  path = put_catalog (contents, length);
  g_assert_cmpint (user_version (path), ==, 2);
  return path;
}

/* A file in the catalog's place that is not a catalog: a dialog says so, and no window opens
 * on it; the file is left alone. */
static void
test_open_unreadable_catalog (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_DEFAULT_FLAGS);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *path = put_catalog (garbage, 8192);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 20));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Catalog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_null (find_toplevel (SKY_TYPE_WINDOW));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A catalog saved by an earlier version is converted in a thread: the application's activation
 * returns at once, and the window comes on the converted catalog. */
static void
test_open_older_catalog (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_DEFAULT_FLAGS);
  g_autofree char *path = put_older_catalog ();
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  SkyWindow *window;

  g_application_activate (G_APPLICATION (app));
  g_assert_null (find_toplevel (SKY_TYPE_WINDOW));

  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (SKY_TYPE_WINDOW), 20));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = g_object_ref (SKY_WINDOW (find_toplevel (SKY_TYPE_WINDOW)));
  g_assert_cmpint (user_version (path), ==, SKY_CATALOG_SCHEMA_VERSION);
  catalog = sky_catalog_open (path, &error);
  g_assert_no_error (error);
  sheets = sky_catalog_list_sheets (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* When opening takes a while a window says so; closing it stops the conversion, leaves the
 * catalog as it was, and no main window comes. Another connection's write lock holds the
 * conversion at its start until the notice has been closed. */
static void
test_open_cancelled (void)
{
  g_autoptr(SkyApplication) app = new_app (G_APPLICATION_DEFAULT_FLAGS);
  g_autofree char *path = put_older_catalog ();
  sqlite3 *db = NULL;
  GtkWindow *notice;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_application_activate (G_APPLICATION (app));
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (SKY_TYPE_OPENING_WINDOW), 4));
  notice = find_toplevel (SKY_TYPE_OPENING_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (notice), "window.close", NULL));
  /* It stays until the opening has stopped. */
  g_assert_true (find_toplevel (SKY_TYPE_OPENING_WINDOW) == notice);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (notice)));

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (wait_until (lacks_toplevel, GSIZE_TO_POINTER (SKY_TYPE_OPENING_WINDOW), 20));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_toplevel (SKY_TYPE_WINDOW));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (user_version (path), ==, 2);
}

/* Work run in a thread for a widget ------------------------------------------------------------ */

static void
owner_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  g_atomic_pointer_set ((GThread **) data, g_thread_self ());
}

static void
no_work_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_assert_null (source_object);
  g_assert_cmpstr (task_data, ==, "job");
  g_task_return_boolean (task, TRUE);
}

static void
no_work_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *called = g_object_get_data (object, "called");

  g_assert_true (GTK_IS_LABEL (object));
  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  (*called)++;
  /* Drops every reference but the task's, as a dialog that closes itself when done. */
  g_object_unref (object);
}

/* The widget a thread works for gets its result in the main thread, and when that drops the
 * last of its own references the widget is finalized there, never in the worker thread (which
 * holds its task a moment longer). Repeated, as the worker's timing varies. */
static void
test_thread_task_owner (void)
{
  GThread *main_thread = g_thread_self ();

  for (guint i = 0; i < 3000; i++)
    {
      GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
      GThread *finalized_in = NULL;
      guint called = 0;
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      g_object_set_data (G_OBJECT (label), "called", &called);
      g_object_weak_ref (G_OBJECT (label), owner_finalized, &finalized_in);
      sky_thread_task_run (label, NULL, test_thread_task_owner, (gpointer) "job", NULL,
                           no_work_thread, no_work_done_cb);
      while (g_atomic_pointer_get (&finalized_in) == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (called, ==, 1);
      g_assert_true (g_atomic_pointer_get (&finalized_in) == main_thread);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* Without a display (a build sandbox, say) there is no window to test: the whole program
   * is reported as skipped, and why. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: the window tests run under a display server "
               "(build-aux/run-tests.sh runs them under xvfb-run)\n");
      return 0;
    }

  /* The application's own catalog goes to a fresh data folder, never the user's. */
  data_home = g_dir_make_tmp ("skytally-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_STATE_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/window/renderer-choice", test_renderer_choice);
  g_test_add_func ("/sky/window/application-actions", test_application_actions);
#define ADD(name, func) \
  g_test_add ("/sky/window/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("empty-catalog", test_empty_catalog);
  ADD ("import-good", test_import_good);
  ADD ("import-bad", test_import_bad);
  ADD ("import-empty-refused", test_import_empty_refused);
  ADD ("price-sheets-window", test_price_sheets_window);
  ADD ("price-sheets-remove", test_price_sheets_remove);
  ADD ("price-sheets-upcoming", test_price_sheets_upcoming);
  ADD ("price-sheets-closed-while-removing", test_price_sheets_closed_while_removing);
  ADD ("bundled-sheets", test_bundled_sheets);
  ADD ("bundled-sheets-declined", test_bundled_sheets_declined);
  ADD ("read-only-catalog", test_read_only_catalog);
  ADD ("catalog-page", test_catalog_page);
  ADD ("preferences", test_preferences);
  ADD ("scenario-open-and-edit", test_scenario_open_and_edit);
  ADD ("scenario-edit-in-place", test_scenario_edit_in_place);
  ADD ("scenario-save-and-recover", test_scenario_save_and_recover);
  ADD ("scenario-reprice", test_scenario_reprice);
  ADD ("scenario-sheet-removed", test_scenario_sheet_removed);
  ADD ("scenario-open-bad", test_scenario_open_bad);
  ADD ("scenario-open-fifo", test_scenario_open_fifo);
  ADD ("line-dialog", test_line_dialog);
  ADD ("scenario-candidates", test_scenario_candidates);
  ADD ("scenario-close-asks", test_scenario_close_asks);
  ADD ("scenario-close-answers", test_scenario_close_answers);
  ADD ("replace-asks", test_replace_asks);
  ADD ("tradeoffs-page", test_tradeoffs_page);
  ADD ("compare-page", test_compare_page);
  ADD ("budget-page", test_budget_page);
  ADD ("export-dialog", test_export_dialog);
#undef ADD
  g_test_add_func ("/sky/window/open-file", test_open_file);
  g_test_add_func ("/sky/window/recovery-on-open-start", test_recovery_on_open_start);
  g_test_add_func ("/sky/window/application-open-asks", test_application_open_asks);
  g_test_add_func ("/sky/window/open-older-catalog", test_open_older_catalog);
  g_test_add_func ("/sky/window/open-cancelled", test_open_cancelled);
  g_test_add_func ("/sky/window/open-unreadable-catalog", test_open_unreadable_catalog);
  g_test_add_func ("/sky/window/thread-task-owner", test_thread_task_owner);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
