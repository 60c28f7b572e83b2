/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the window itself: importing, price sheets, preferences, opening,
 * replacing and closing a scenario, recovery at start, opening the catalog. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-guide-window.h"
#include "sky-switcher-title.h"
#include "sky-window-test-util.h"

/* GTK before 4.14 is told to draw with cairo where OpenGL could only be rendered in software. */
static void
test_renderer_choice (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "none", NULL);
  g_autofree char *node = g_build_filename (dir, "renderD128", NULL);

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
assert_gdk_debug (guint       gtk_minor,
                  const char *renderer,
                  const char *gdk_debug,
                  const char *expected)
{
  g_autofree char *value = sky_gdk_debug_for_renderer (gtk_minor, renderer, gdk_debug);

  g_assert_cmpstr (value, ==, expected);
}

/* Drawn with cairo, GTK before 4.16 is told not to open OpenGL; the user's keys are kept. */
static void
test_gl_disable_choice (void)
{
  assert_gdk_debug (8, "cairo", NULL, "gl-disable");
  assert_gdk_debug (8, "cairo", "", "gl-disable");
  assert_gdk_debug (12, "cairo", "interactive", "interactive,gl-disable");
  assert_gdk_debug (8, "cairo", "events:misc", "events:misc,gl-disable");
  /* Said already, in any case, or by "all": unchanged. */
  assert_gdk_debug (8, "cairo", "misc,GL-Disable", NULL);
  assert_gdk_debug (8, "cairo", "all", NULL);
  /* A renderer of GTK's own choice or an OpenGL one needs OpenGL. */
  assert_gdk_debug (8, NULL, NULL, NULL);
  assert_gdk_debug (8, "gl", NULL, NULL);
  assert_gdk_debug (8, "ngl", "misc", NULL);
  /* Chosen by the user on newer GTK: cairo there too, but the key is gone from GDK_DEBUG. */
  assert_gdk_debug (14, "cairo", NULL, "gl-disable");
  assert_gdk_debug (16, "cairo", NULL, NULL);
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
  GtkWidget *status_slot = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                      SKY_TYPE_WINDOW,
                                                                      "status_slot"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Skytally");
  g_assert_false (sky_window_get_busy (f->window));
  g_assert_nonnull (strstr (summary (f), "No price sheets"));
  /* The status page says it, shown. */
  g_assert_nonnull (adw_bin_get_child (ADW_BIN (status_slot)));
  g_assert_true (gtk_widget_is_visible (status_slot));
  /* No progress bar while nothing is imported: none is even made until then. */
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                 "progress_revealer"))));
  g_assert_null (gtk_revealer_get_child (
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
  /* The progress was shown, in a bar made for it. */
  {
    GtkWidget *progress = gtk_revealer_get_child (
      GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "progress_revealer")));

    g_assert_nonnull (progress);
    g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (progress)));
    g_assert_true (GTK_IS_PROGRESS_BAR (gtk_widget_get_next_sibling (
                     gtk_widget_get_first_child (progress))));
  }

  /* The window's own connection sees what the worker's wrote. */
  sheets = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (sheets->len, ==, 1);
}

static gboolean
document_has_catalog (gpointer data)
{
  return sky_scenario_document_get_catalog (data) != NULL;
}

static const char *
shown_content (SkyWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (
    gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW, "content_stack")));
}

/* A window on a catalog with a current sheet shows the catalog's page in its first frame, and
 * only then lists the sheets for the scenario and says what the catalog holds; one on a
 * catalog with no current sheet (its only sheet upcoming) shows the status page, saying so, at
 * once. */
static void
test_document_after_first_frame (Fixture       *f,
                                 gconstpointer  data)
{
  import_fixture (f, "valid-small.xml", NULL);

  for (guint upcoming = 0; upcoming < 2; upcoming++)
    {
      SkyWindow *other;
      SkyScenarioDocument *document;

      /* The sheet takes effect on 2026-01-01. */
      if (upcoming)
        g_setenv ("SKYTALLY_TODAY", "2025-06-01", TRUE);
      other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
      g_object_get (other, "document", &document, NULL);
      g_object_unref (document);
      if (upcoming)
        {
          g_assert_cmpstr (shown_content (other), ==, "empty");
          g_assert_nonnull (sky_scenario_document_get_catalog (document));
          g_assert_nonnull (strstr (_sky_window_get_summary (other), "No price sheets"));
          g_unsetenv ("SKYTALLY_TODAY");
        }
      else
        {
          g_assert_cmpstr (shown_content (other), ==, "catalog");
          g_assert_null (sky_scenario_document_get_catalog (document));
          g_assert_null (sky_scenario_document_get_sheets (document));
          gtk_window_present (GTK_WINDOW (other));
          g_assert_true (wait_until (document_has_catalog, document, 10));
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (other)));
          g_assert_cmpstr (shown_content (other), ==, "catalog");
          g_assert_cmpuint (sky_scenario_document_get_sheets (document)->len, ==, 1);
          g_assert_cmpstr (_sky_window_get_summary (other), ==,
                           "1 current price sheet from 1 provider, 5 offers");
        }
      gtk_window_destroy (GTK_WINDOW (other));
      g_assert_finalize_object (other);
    }
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

/* The image showing @icon_name in @widget, or a widget inside it. */
static GtkWidget *
find_icon (GtkWidget  *widget,
           const char *icon_name)
{
  if (GTK_IS_IMAGE (widget) &&
      g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the Price sheets window (@sheets) from the main window; returns its list of sheets. */
static GtkWidget *
open_price_sheets (Fixture    *f,
                   GtkWindow **sheets)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.price-sheets", NULL));
  *sheets = find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_assert_nonnull (*sheets);
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (*sheets),
                                                    SKY_TYPE_PRICE_SHEETS_WINDOW, "list"));
}

static void
test_price_sheets_window (Fixture       *f,
                          gconstpointer  data)
{
  GtkWindow *sheets;
  GtkWidget *list, *row;

  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *icon;

  /* Example Cloud's prices are as of 2026-01-01: 151 days old on 2026-06-01. */
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f, "valid-small.xml", NULL);
  list = open_price_sheets (f, &sheets);
  row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Prices as of 2026-01-01 (5 months old) · 5 offers · USD");
  g_assert_null (gtk_widget_get_next_sibling (row));
  /* Older than 90 days: marked with an icon whose tooltip says so, no dialog. */
  icon = find_icon (row, "dialog-warning-symbolic");
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                   "Older than 90 days: look for a newer price sheet");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (sheets);

  /* Under a threshold of 200 days it is not marked. */
  g_settings_set_int (settings, "stale-after-days", 200);
  list = open_price_sheets (f, &sheets);
  g_assert_null (find_icon (gtk_widget_get_first_child (list), "dialog-warning-symbolic"));
  g_settings_reset (settings, "stale-after-days");
  g_unsetenv ("SKYTALLY_TODAY");
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
  list = open_price_sheets (f, &sheets);
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

  list = open_price_sheets (f, &sheets);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2099.1");
  g_assert_true (shows_label (row, "Upcoming"));
  row = gtk_widget_get_next_sibling (row);
  g_assert_true (shows_label (row, "Current"));
  gtk_window_destroy (sheets);
}

/* A sheet current for some of its services only says which, and which sheet is current for
 * the others; the newer sheet of one service is current. */
static void
test_price_sheets_current_per_service (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWindow *sheets;
  GtkWidget *list, *row;

  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  list = open_price_sheets (f, &sheets);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.3");
  g_assert_true (shows_label (row, "Current"));
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Example Cloud 2026.1");
  g_assert_true (shows_label (row, "current for egress, functions; superseded for vm by 2026.3"));
  g_assert_false (shows_label (row, "Superseded"));
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

  /* Prices are old after 90 days unless set otherwise; the Scenario page follows. */
  {
    GtkSpinButton *stale_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (
                                  GTK_WIDGET (preferences), SKY_TYPE_PREFERENCES_WINDOW,
                                  "stale_spin"));
    guint days = 0;

    g_assert_cmpint (g_settings_get_int (settings, "stale-after-days"), ==, 90);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (stale_spin), ==, 90);
    gtk_spin_button_set_value (stale_spin, 30);
    g_assert_cmpint (g_settings_get_int (settings, "stale-after-days"), ==, 30);
    g_object_get (_sky_window_get_page (f->window, "scenario"),
                  "stale-after-days", &days, NULL);
    g_assert_cmpuint (days, ==, 30);
    g_settings_reset (settings, "stale-after-days");
  }
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
  /* Google Cloud's are two: converted from pricing.yml, and hand-written. */
  g_assert_nonnull (strstr (summary (f), "5 current price sheets from 4 providers"));

  sheets = sky_catalog_list_sheets (f->catalog, NULL);
  g_assert_cmpuint (sheets->len, ==, 5);

  /* A catalog that has sheets is left alone. */
  sky_window_load_bundled_sheets (f->window);
  g_assert_false (sky_window_get_busy (f->window));
}

/* At the first start, a scenario opened while the bundled sheets load (with the application,
 * or recovered) is priced once, on the sheets loaded, not on the empty catalog before. */
static void
test_bundled_sheets_price_once (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SKYTALLY_SCENARIOS_DIR"),
                                            "web-product.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  SkyScenarioDocument *document = document_of (page);
  guint estimates = sky_scenario_document_get_n_estimates (document);

  sky_window_load_bundled_sheets (f->window);
  g_assert_true (sky_window_get_busy (f->window));
  open_scenario (page, file);
  /* Waiting for the sheets, it is said to be pricing. */
  g_assert_true (sky_scenario_document_get_busy (document));
  wait_until_idle (f);
  wait_for_estimate (f);
  g_assert_cmpuint (sky_scenario_document_get_n_estimates (document), ==, estimates + 1);
  g_assert_nonnull (sky_scenario_document_get_estimate (document));
  g_assert_cmpuint (sky_scenario_document_get_estimate (document)->providers->len, ==, 3);
  g_assert_false (sky_scenario_document_get_busy (document));
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

/* F1 opens the guide beside the window, once; its button shows the example scenario as a new
 * scenario of no file, priced, so that Save asks where to keep it. */
static void
test_guide (Fixture       *f,
            gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  SkyScenarioDocument *document = document_of (page);
  GtkWindow *guide;
  GtkWidget *button;

  import_fixture (f, "valid-small.xml", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.guide", NULL));
  guide = find_toplevel (SKY_TYPE_GUIDE_WINDOW);
  g_assert_nonnull (guide);
  g_assert_true (gtk_window_get_transient_for (guide) == GTK_WINDOW (f->window));
  /* Asked again, the same guide comes forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.guide", NULL));
  g_assert_true (find_toplevel (SKY_TYPE_GUIDE_WINDOW) == guide);

  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (guide),
                                                     SKY_TYPE_GUIDE_WINDOW, "example_button"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  wait_for_estimate (f);
  g_assert_null (sky_scenario_document_get_file (document));
  g_assert_false (sky_scenario_document_get_modified (document));
  g_assert_cmpstr (sky_scenario_document_get_scenario (document)->name, ==,
                   "Web product in the US");
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 7);
  g_assert_nonnull (sky_scenario_document_get_estimate (document));
  gtk_window_destroy (guide);
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
  /* The five bundled sheets and the one opened. */
  g_assert_cmpuint (sheets->len, ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
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
  page = SKY_SCENARIO_PAGE (_sky_window_get_page (window, "scenario"));
  wait_for_page (window);
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), file));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore Unsaved Changes?");
  g_assert_true (g_file_test (recovery, G_FILE_TEST_EXISTS));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_for_page (window);
  g_assert_cmpstr (shown_scenario (page)->name, ==, "Kept after a crash");
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
  SkyScenarioPage *page = SKY_SCENARIO_PAGE (_sky_window_get_page (window, "scenario"));
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *mine_path = g_build_filename (dir, "mine.skytally", NULL);
  g_autoptr(GFile) mine = g_file_new_for_path (mine_path);
  g_autofree char *original = NULL;

  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(SkyScenario) on_disk = NULL;
      g_autoptr(GError) error = NULL;
      GtkWindow *dialog;

      g_test_message ("answering %s", answers[i]);
      open_modified (window, page, mine, original);
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
          g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 6);
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
        SKY_SCENARIO_PAGE (_sky_window_get_page (window, "scenario"));
      g_autoptr(SkyScenario) on_disk = NULL;
      g_autoptr(GError) error = NULL;
      GtkWindow *dialog;

      gtk_window_present (GTK_WINDOW (window));
      open_modified (window, page, mine, original);

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
  g_autofree char *dir = sky_test_make_dir ();
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

static GtkWidget *
window_child (Fixture    *f,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                    name));
}

/* The header bar shows the scenario's file name, with the dot while it has unsaved changes:
 * beside the view switcher in a wide window (without its extension, all of it on hover), as
 * its title in a narrow one. */
static void
test_header_bar_title (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  SkyScenarioPage *page = scenario_page (f);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (window_child (f, "document_title"));
  SkySwitcherTitle *switcher = SKY_SWITCHER_TITLE (window_child (f, "switcher_title"));

  /* Nothing begun: the application's name only. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (title)));
  g_assert_cmpstr (sky_switcher_title_get_title (switcher), ==, "Skytally");

  import_fixture (f, "valid-small.xml", NULL);
  open_scenario (page, file);
  wait_for_estimate (f);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "web");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, "web.skytally");
  g_assert_cmpstr (sky_switcher_title_get_title (switcher), ==, "web.skytally");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (title)) !=
                 sky_switcher_title_get_title_visible (switcher));

  sky_scenario_document_set_name (document_of (page), "Renamed");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "• web");
  g_assert_cmpstr (sky_switcher_title_get_title (switcher), ==, "• web.skytally");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• web.skytally — Skytally");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
}

/* The details pane is hidden and shown from the header bar on every page: the catalog's offer
 * details and the scenario's line details at once, and the catalog's own button follows. */
static void
test_details_pane_hidden (Fixture       *f,
                          gconstpointer  data)
{
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (window_child (f, "details_toggle"));
  GtkPaned *scenario_paned = GTK_PANED (scenario_child (f, "paned"));
  GtkWidget *scenario_pane = gtk_paned_get_end_child (scenario_paned);
  GtkWidget *offer_view = GTK_WIDGET (page_child (f, "offer_view"));
  GtkToggleButton *catalog_button = GTK_TOGGLE_BUTTON (page_child (f, "details_button"));

  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_visible (scenario_pane));
  g_assert_true (gtk_widget_get_visible (offer_view));

  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (gtk_widget_get_visible (scenario_pane));
  g_assert_false (gtk_widget_get_visible (offer_view));
  g_assert_false (gtk_toggle_button_get_active (catalog_button));

  gtk_toggle_button_set_active (catalog_button, TRUE);
  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_visible (scenario_pane));
  g_assert_true (gtk_widget_get_visible (offer_view));
}

static GtkWidget *
slot_of (Fixture    *f,
         const char *name)
{
  g_autofree char *id = g_strconcat (name, "_slot", NULL);

  return window_child (f, id);
}

/* The pages other than the catalog's are built when first shown, not with the window: each
 * then in its place in the view stack, showing the window's scenario, its details pane hidden
 * if it was hidden before the page was built, and shown with the others. */
static void
test_pages_built_when_shown (Fixture       *f,
                             gconstpointer  data)
{
  static const char *const names[] = { "scenario", "compare", "tradeoffs", "budget" };
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (window_child (f, "details_toggle"));
  g_autoptr(SkyScenarioDocument) document = NULL;
  g_autoptr(SkyScenarioDocument) tradeoffs_document = NULL;
  g_autoptr(SkyScenarioDocument) budget_document = NULL;
  GtkWidget *scenario_pane;

  g_object_get (f->window, "document", &document, NULL);
  import_fixture (f, "valid-small.xml", NULL);
  g_assert_true (wait_until (is_mapped, page_child (f, "search_entry"), 10));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_null (adw_bin_get_child (ADW_BIN (slot_of (f, names[i]))));

  gtk_toggle_button_set_active (toggle, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page;

      show_page (f, names[i]);
      g_assert_nonnull (adw_bin_get_child (ADW_BIN (slot_of (f, names[i]))));
      page = _sky_window_get_page (f->window, names[i]);
      g_assert_true (gtk_widget_is_ancestor (page, slot_of (f, names[i])));
      g_assert_true (wait_until (is_mapped, page, 10));
      /* Shown again, the same page. */
      show_page (f, "catalog");
      show_page (f, names[i]);
      g_assert_true (_sky_window_get_page (f->window, names[i]) == page);
      for (guint j = i + 1; j < G_N_ELEMENTS (names); j++)
        g_assert_null (adw_bin_get_child (ADW_BIN (slot_of (f, names[j]))));
    }

  g_assert_true (document_of (scenario_page (f)) == document);
  g_object_get (_sky_window_get_page (f->window, "tradeoffs"), "document", &tradeoffs_document,
                NULL);
  g_assert_true (tradeoffs_document == document);
  g_object_get (_sky_window_get_page (f->window, "budget"), "document", &budget_document, NULL);
  g_assert_true (budget_document == document);

  scenario_pane = gtk_paned_get_end_child (GTK_PANED (scenario_child (f, "paned")));
  g_assert_false (gtk_widget_get_visible (scenario_pane));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (gtk_widget_get_visible (scenario_pane));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "offer_view"))));

  /* A window opened on a catalog with sheets makes no status page, and says what it holds. */
  {
    SkyWindow *other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
    GtkWidget *slot = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (other),
                                                                 SKY_TYPE_WINDOW,
                                                                 "status_slot"));

    g_assert_null (adw_bin_get_child (ADW_BIN (slot)));
    g_assert_cmpstr (_sky_window_get_summary (other), ==, summary (f));
    gtk_window_destroy (GTK_WINDOW (other));
    g_assert_finalize_object (other);
  }
}

static gboolean
has_two_items (gpointer data)
{
  return g_menu_model_get_n_items (data) == 2;
}

/* The primary menu opens with its items: its popover is made when it is first opened, once. */
static void
test_primary_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (window_child (f, "primary_menu_button"));
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                  SKY_TYPE_WINDOW,
                                                                  "primary_menu"));

  g_assert_true (gtk_menu_button_get_primary (button));
  assert_menu_made_when_opened (button, menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 4);
}

/* The recent scenarios are read when the primary menu first opens, not when the window is
 * made, and followed from then on. */
static void
test_primary_menu_recent (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "recent.skytally", NULL);
  g_autofree char *later_path = g_build_filename (f->dir, "later.skytally", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *later_uri = g_filename_to_uri (later_path, NULL, NULL);
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkRecentData recent = {
    .mime_type = (char *) "application/x-skytally-scenario",
    .app_name = (char *) "Skytally",
    .app_exec = (char *) "skytally %u",
  };
  SkyWindow *other;
  GtkMenuButton *button;
  GMenuModel *menu, *section;
  g_autofree char *label = NULL;

  /* The recent scenarios of the tests before are forgotten. */
  {
    GList *items = gtk_recent_manager_get_items (manager);

    for (GList *l = items; l != NULL; l = l->next)
      if (g_strcmp0 (gtk_recent_info_get_mime_type (l->data), recent.mime_type) == 0)
        gtk_recent_manager_remove_item (manager, gtk_recent_info_get_uri (l->data), NULL);
    g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  }
  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  g_assert_true (g_file_set_contents (later_path, "", -1, NULL));
  g_assert_true (gtk_recent_manager_add_full (manager, uri, &recent));

  other = g_object_ref_sink (sky_window_new (f->app, f->catalog));
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (other), SKY_TYPE_WINDOW,
                                                           "primary_menu_button"));
  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (other), SKY_TYPE_WINDOW,
                                                      "primary_menu"));
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  gtk_window_present (GTK_WINDOW (other));
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 0);

  gtk_menu_button_popup (button);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1);
  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "recent.skytally");
  gtk_menu_button_popdown (button);

  /* Followed once read: a scenario another window opens comes in. */
  g_assert_true (gtk_recent_manager_add_full (manager, later_uri, &recent));
  g_assert_true (wait_until (has_two_items, section, 10));

  g_object_unref (section);
  gtk_recent_manager_remove_item (manager, uri, NULL);
  gtk_recent_manager_remove_item (manager, later_uri, NULL);
  gtk_window_destroy (GTK_WINDOW (other));
  g_assert_finalize_object (other);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = window_test_init (&argc, &argv);
  int status;

  if (data_home == NULL)
    return 0;

  g_test_add_func ("/sky/window/renderer-choice", test_renderer_choice);
  g_test_add_func ("/sky/window/gl-disable-choice", test_gl_disable_choice);
  g_test_add_func ("/sky/window/application-actions", test_application_actions);
  ADD ("empty-catalog", test_empty_catalog);
  ADD ("guide", test_guide);
  ADD ("import-good", test_import_good);
  ADD ("document-after-first-frame", test_document_after_first_frame);
  ADD ("import-bad", test_import_bad);
  ADD ("import-empty-refused", test_import_empty_refused);
  ADD ("price-sheets-window", test_price_sheets_window);
  ADD ("price-sheets-remove", test_price_sheets_remove);
  ADD ("price-sheets-closed-while-removing", test_price_sheets_closed_while_removing);
  ADD ("price-sheets-upcoming", test_price_sheets_upcoming);
  ADD ("price-sheets-current-per-service", test_price_sheets_current_per_service);
  ADD ("read-only-catalog", test_read_only_catalog);
  ADD ("preferences", test_preferences);
  ADD ("bundled-sheets", test_bundled_sheets);
  ADD ("bundled-sheets-declined", test_bundled_sheets_declined);
  ADD ("bundled-sheets-price-once", test_bundled_sheets_price_once);
  ADD ("scenario-close-asks", test_scenario_close_asks);
  g_test_add_func ("/sky/window/open-file", test_open_file);
  g_test_add_func ("/sky/window/recovery-on-open-start", test_recovery_on_open_start);
  ADD ("scenario-close-answers", test_scenario_close_answers);
  ADD ("replace-asks", test_replace_asks);
  g_test_add_func ("/sky/window/application-open-asks", test_application_open_asks);
  g_test_add_func ("/sky/window/open-unreadable-catalog", test_open_unreadable_catalog);
  g_test_add_func ("/sky/window/open-older-catalog", test_open_older_catalog);
  g_test_add_func ("/sky/window/open-cancelled", test_open_cancelled);
  g_test_add_func ("/sky/window/thread-task-owner", test_thread_task_owner);
  ADD ("header-bar-title", test_header_bar_title);
  ADD ("details-pane-hidden", test_details_pane_hidden);
  ADD ("pages-built-when-shown", test_pages_built_when_shown);
  ADD ("primary-menu", test_primary_menu);
  ADD ("primary-menu-recent", test_primary_menu_recent);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
