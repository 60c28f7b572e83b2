/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Scenario page and its document in the window. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-gui-util.h"
#include "sky-vocabulary.h"
#include "sky-window-test-util.h"

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
  e = shown_estimate (page);
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
  e = shown_estimate (page);
  /* cpu-8 at 0.736: 730 × 0.736 = 537.28. */
  g_assert_cmpstr (money_of (e, 0, 5), ==, "537.28");
  g_object_get (document_of (page), "title", &title, NULL);
  g_assert_cmpstr (title, ==, "• web.skytally");

  /* Moving it up swaps it with the line above. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 5, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.move-up", NULL));
  wait_for_estimate (f);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (shown_scenario (page)->lines,
                                                           4))->label, ==, "Big server");

  /* Undo puts it back below, undo again takes it away; redo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (shown_scenario (page)->lines,
                                                           5))->label, ==, "Big server");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.redo", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 6);

  /* Removing the selected line prices again. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 5, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.remove-line", NULL));
  wait_for_estimate (f);
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 5);
}

static GtkWidget *
find_cell (GtkWidget *root,
           GType      type,
           guint      index,
           guint      nth)
{
  return find_cell_from (root, type, index, &nth);
}

/* Types @text into the @nth text cell of row 0 in @root, which shows @shown before (when not
 * NULL), and activates it. */
static void
enter_in_cell (GtkWidget  *root,
               guint       nth,
               const char *shown,
               const char *text)
{
  GtkWidget *cell = find_cell (root, GTK_TYPE_TEXT, 0, nth);

  g_assert_nonnull (cell);
  if (shown != NULL)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, shown);
  gtk_editable_set_text (GTK_EDITABLE (cell), text);
  g_signal_emit_by_name (cell, "activate");
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
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);

  /* The first text cell of row 0 is its quantity. */
  enter_in_cell (view, 0, "3", "4");
  wait_for_rows (f);
  /* 4 × 730 × 0.096 = 280.32. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "280.32");

  /* Not a number: the line keeps its quantity. */
  enter_in_cell (view, 0, NULL, "lots");
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  {
    g_autofree char *q = sky_decimal_to_string (line->quantity);
    g_assert_cmpstr (q, ==, "4");
  }

  /* Usage: 100 hours a month. */
  enter_in_cell (view, 1, "730 Hour", "100 hour");
  wait_for_rows (f);
  /* 4 × 100 × 0.096 = 38.40. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "38.40");

  /* Purchase option: spot, at 0.0288: 4 × 100 × 0.0288 = 11.52. */
  cell = find_cell (view, GTK_TYPE_DROP_DOWN, 0, 0);
  g_assert_nonnull (cell);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), 1);
  wait_for_rows (f);
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  g_assert_cmpstr (line->term, ==, "spot");
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "11.52");

  /* Each edit is one step of undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_rows (f);
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "38.40");

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
  /* The status counts lines and providers, each in its own plural. */
  {
    g_autofree char *counted = g_strdup_printf ("%u lines on 2 providers, in USD",
                                                shown_scenario (page)->lines->len);

    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (scenario_child (
                                       f, "status_label"))), counted));
  }
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

/* The number of lines of the recovery copy at @path; 0 when there is none. */
static guint
recovery_lines (const char *path)
{
  g_autoptr(SkyScenario) kept = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  kept = sky_recovery_read (path, NULL, NULL);
  return kept != NULL ? kept->lines->len : 0;
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

  /* The user's state folder is the process's: no copy an earlier test left. */
  g_unlink (recovery);
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, source);
  wait_for_estimate (f);

  line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  line->label = g_strdup ("Backups");
  line->unit = g_strdup ("gb");
  line->category = g_strdup ("network");
  sky_scenario_document_add_line (document_of (page), line);
  wait_for_estimate (f);

  /* Unsaved changes are kept in a recovery file a few seconds after the last edit (on a busy
   * machine an earlier edit's copy may come first: the last one is waited for). */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (recovery_lines (recovery) != 6 && g_get_monotonic_time () < deadline)
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
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 6);
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
    g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 6);
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
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "210.24");
  g_assert_cmpstr (sky_scenario_get_sheet_version (shown_scenario (page),
                                                   "examplecloud"), ==, "2026.1");
}

/* Opens @file, priced against older sheets than the catalog's current ones, and returns the
 * dialog that offers to re-price it. */
static GtkWindow *
open_for_reprice (Fixture         *f,
                  SkyScenarioPage *page,
                  GFile           *file)
{
  GtkWindow *dialog;

  open_scenario (page, file);
  wait_for_estimate (f);
  /* Until the user chooses, the recorded prices stand. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "210.24");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* Keeps the recorded prices in @dialog and closes it. */
static void
keep_recorded (GtkWindow *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_destroy (dialog);
}

/* A newer sheet: opening offers to re-price, saying what changes and why, its money as the
 * window shows money: in the C locale, which has no convention for it, with the currency's
 * code; in English and German with its symbol and the locale's separators. */
static void
test_scenario_reprice (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pinned.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;
  const char *body;
  gboolean english, german;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  save_pinned (path, "2026.1");
  import_fixture (f, "valid-small-2026.2.xml", NULL);

  english = setlocale (LC_ALL, "en_US.UTF-8") != NULL;
  if (english)
    {
      dialog = open_for_reprice (f, page, file);
      body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
      g_test_message ("%s", body);
      g_assert_nonnull (strstr (body, "Example Cloud, API servers: $210.24 → $219.00 (std-2-us: "
                                      "On demand price went from $0.096/Hour to $0.10/Hour)"));
      g_assert_nonnull (strstr (body, "Example Cloud, Total: $4,925.66 → $4,934.42 ("));
      keep_recorded (dialog);
    }
  german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  if (german)
    {
      dialog = open_for_reprice (f, page, file);
      body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
      g_test_message ("%s", body);
      /* The figures; the words are the translation's. */
      g_assert_nonnull (strstr (body, ": 210,24 $ → 219,00 $ ("));
      g_assert_nonnull (strstr (body, " 0,096 $/"));
      g_assert_nonnull (strstr (body, " 0,10 $/"));
      g_assert_nonnull (strstr (body, ": 4.925,66 $ → 4.934,42 $ ("));
      keep_recorded (dialog);
    }
  setlocale (LC_ALL, "");

  dialog = open_for_reprice (f, page, file);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Example Cloud, API servers: 210.24 USD → 219.00 USD "
                                  "(std-2-us: On demand price went from 0.096 USD/Hour to "
                                  "0.10 USD/Hour)"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reprice");
  wait_for_estimate (f);
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "219.00");
  g_assert_cmpstr (sky_scenario_get_sheet_version (shown_scenario (page),
                                                   "examplecloud"), ==, "2026.2");
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));

  if (!english || !german)
    g_test_skip ("the locales en_US.UTF-8 and de_DE.UTF-8 are not both installed "
                 "(build-aux/setup-debian.sh generates them): their figures were not checked");
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
                   document_of (SKY_SCENARIO_PAGE (_sky_window_get_page (window, "scenario")))));
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

/* Saving is done in a thread; when it fails the window says so, and the changes stay unsaved
 * in the file they belong to. */
static void
test_scenario_save_fails (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "scenarios", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "moved", NULL);
  g_autofree char *path = g_build_filename (folder, "mine.skytally", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *original = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  GtkWindow *dialog;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  open_modified (f->window, page, file, original);
  wait_for_estimate (f);

  /* Its folder is now a file: nothing can be written in it, whoever runs the test. */
  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  g_assert_true (g_file_set_contents (folder, "", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-scenario",
                                             NULL));
  g_assert_true (sky_scenario_document_get_busy (document_of (page)));
  g_assert_true (wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Cannot Save the Scenario");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "mine.skytally"));
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document_of (page)), file));
  g_assert_false (sky_scenario_document_get_busy (document_of (page)));
  sky_scenario_document_discard_recovery (document_of (page));
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
  /* Said beside the quantity, not under the fields. */
  g_assert_false (gtk_widget_get_visible (error_label));
  {
    GtkWidget *row = GTK_WIDGET (FIELD ("quantity_row"));
    GtkLabel *beside = g_object_get_data (G_OBJECT (row), "sky-error-label");

    g_assert_true (gtk_widget_has_css_class (row, "error"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (beside)));
    g_assert_cmpstr (gtk_label_get_label (beside), !=, "");
  }
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 0);

  gtk_editable_set_text (FIELD ("quantity_row"), "2");
  gtk_editable_set_text (FIELD ("vcpu_row"), "4");
#undef FIELD
  /* A line's purchase options: convertible reservations, not dev/test, which is the scenario's
   * choice as a whole. */
  {
    GListModel *terms = adw_combo_row_get_model (ADW_COMBO_ROW (gtk_widget_get_template_child (
      GTK_WIDGET (dialog), SKY_TYPE_LINE_DIALOG, "term_row")));
    gboolean convertible = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (terms); i++)
      {
        const char *title = gtk_string_list_get_string (GTK_STRING_LIST (terms), i);

        g_assert_cmpstr (title, !=, "Dev/test");
        convertible |= g_strcmp0 (title, "Reserved convertible 1 yr, no upfront") == 0;
      }
    g_assert_true (convertible);
  }
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL);
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 1);
  {
    SkyScenarioLine *line = g_ptr_array_index (shown_scenario (page)->lines, 0);
    g_assert_cmpstr (line->label, ==, "Workers");
    g_assert_cmpint (line->min_vcpu_milli, ==, 4000);
    g_assert_cmpstr (line->category, ==, "compute");
    g_assert_cmpstr (line->unit, ==, "hour");
  }
  /* mem-4 is the cheapest with 4 vCPU: 2 × 730 × 0.252 = 367.92. */
  wait_for_estimate (f);
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "367.92");
}

/* Offers kept in the catalog become lines priced with those very offers. */
static void
test_scenario_candidates (Fixture       *f,
                          gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  GListModel *candidates;
  SkyScenarioLine *line;
  g_autofree char *sku = NULL;

  import_fixture (f, "valid-small.xml", NULL);
  /* The catalog opens on compute by the hour on demand: std-2, mem-4, cpu-8. */
  wait_for_count (f, 3);
  sku = g_strdup (first_sku (f, sky_catalog_page_get_model (catalog_page (f))));
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view"))),
                                   0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (catalog_page (f)),
                                             "page.add-to-candidates", NULL));
  candidates = sky_catalog_page_get_candidates (catalog_page (f));
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);

  sky_scenario_document_new_scenario (document_of (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-candidates", NULL));
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 1);
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  g_assert_cmpint (line->kind, ==, SKY_LINE_OFFER);
  g_assert_cmpstr (line->provider, ==, "examplecloud");
  g_assert_cmpstr (line->sku, ==, sku);
  g_assert_cmpstr (line->sheet_version, ==, "2026.1");
  wait_for_estimate (f);
  g_assert_cmpint (((SkyEstimateLine *) g_ptr_array_index (
                      ((SkyEstimateProvider *) g_ptr_array_index (
                         shown_estimate (page)->providers, 0))->lines, 0))->status,
                   ==, SKY_LINE_PRICED);
}

/* The text of the first label in @widget's tree. */
static const char *
label_in (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = label_in (child);
      if (text != NULL)
        return text;
    }
  return NULL;
}

/* A provider's column is headed by its short name ("AWS" for the bundled sheet, where
 * "Amazon Web Services" would be cut), and its header's tooltip says its name; a provider
 * whose sheet gives none is headed by its name. */
static void
test_scenario_short_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *aws = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), "aws.xml",
                                           NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml",
                                                    NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "other-small.xml", NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SkyScenario) scenario = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkColumnView *view = GTK_COLUMN_VIEW (scenario_child (f, "lines_view"));
  GListModel *columns = gtk_column_view_get_columns (view);
  static const char * const titles[] = { "AWS", "Example Cloud", "Other" };
  static const char * const names[] = { "Amazon Web Services", "Example Cloud", "Other Cloud" };

  g_ptr_array_add (sheets, g_file_new_for_path (aws));
  g_ptr_array_add (sheets, g_file_new_for_path (example));
  g_ptr_array_add (sheets, g_file_new_for_path (other));
  sky_window_import_files (f->window, sheets);
  wait_until_idle (f);

  /* web.skytally priced on the three providers. */
  {
    g_autoptr(GFile) web = data_gfile ("web.skytally");
    g_autofree char *web_path = g_file_get_path (web);
    scenario = sky_scenario_load (web_path, &error);
    g_assert_no_error (error);
    g_ptr_array_set_size (scenario->providers, 0);
    g_ptr_array_add (scenario->providers, g_strdup ("aws"));
    g_ptr_array_add (scenario->providers, g_strdup ("examplecloud"));
    g_ptr_array_add (scenario->providers, g_strdup ("othercloud"));
    path = g_build_filename (f->dir, "three.skytally", NULL);
    g_assert_true (sky_scenario_save (scenario, path, &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (files, g_file_new_for_path (path));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  g_assert_cmpuint (shown_estimate (scenario_page (f))->providers->len, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 2 + i);
      GtkWidget *header = sky_gui_util_column_header (view, column);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      g_assert_nonnull (header);
      g_assert_cmpstr (label_in (header), ==, titles[i]);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (header), ==, names[i]);
    }
}

/* Whether @widget, or a widget inside it, is a label that shows @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* With a newer sheet of the compute service only, the page says which sheet each figure came
 * from: both sheets beside the provider's totals, and each line's own in its details and its
 * arithmetic. */
static void
test_scenario_sheet_per_line (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkColumnView *view = GTK_COLUMN_VIEW (scenario_child (f, "lines_view"));
  GtkWidget *details = GTK_WIDGET (scenario_child (f, "details_box"));

  import_fixture (f, "valid-small.xml", "compute-only-2026.3.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  g_assert_true (has_label (details, "Price sheets 2026.3, 2026.1"));

  /* The API servers come from 2026.3, egress from 2026.1. */
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  g_assert_true (has_label (details, "Price sheet 2026.3"));
  g_assert_false (has_label (details, "Price sheet 2026.1"));
  g_assert_true (has_label (details, "From Example Cloud 2026.3: 3 × 730 Hour × 0.08 USD/Hour = "
                                     "175.20 USD"));
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 1, TRUE);
  g_assert_true (has_label (details, "Price sheet 2026.1"));
  g_assert_false (has_label (details, "Price sheet 2026.3"));
}

/* The scenario's dev/test setting is a check button: ticked, on-demand lines are priced at
 * dev/test prices where the offer has one; undone, at on-demand prices again. */
static void
test_scenario_dev_test (Fixture       *f,
                        gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  GtkCheckButton *check = GTK_CHECK_BUTTON (scenario_child (f, "dev_test_check"));
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

  import_fixture (f, "attributes.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  line->label = g_strdup ("VM");
  line->unit = g_strdup ("hour");
  line->category = g_strdup ("compute");
  line->architecture = g_strdup ("x86-64");
  line->quantity = sky_decimal_from_int (3);
  sky_scenario_document_add_line (document_of (page), line);
  wait_for_estimate (f);
  g_assert_false (gtk_check_button_get_active (check));
  /* m-4: 3 × 730 × 0.20 on demand. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "438.00");

  gtk_check_button_set_active (check, TRUE);
  wait_for_estimate (f);
  g_assert_true (shown_scenario (page)->dev_test);
  /* 3 × 730 × 0.1234 = 270.246. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "270.25");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_estimate (f);
  g_assert_false (shown_scenario (page)->dev_test);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "438.00");
}

/* The subtitles of the rows titled @title under @widget, joined by "|". */
static void
collect_rows (GtkWidget  *widget,
              const char *title,
              GString    *out)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, title, out);
}

/* Beside each provider's totals, one line says how old its prices are; above the lines, one
 * notice says which are older than the preference (90 days, then 100). Example Cloud's prices
 * are as of 2026-01-01, Other Cloud's as of 2026-03-01: on 2026-06-01, 151 and 92 days old. */
static void
test_scenario_freshness (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GString) rows = g_string_new (NULL);
  GtkWidget *notice_box = GTK_WIDGET (scenario_child (f, "notice_box"));
  GtkLabel *notice = GTK_LABEL (scenario_child (f, "notice_label"));
  guint days = 0;

  g_assert_cmpint (g_settings_get_int (settings, "stale-after-days"), ==, 90);
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);

  collect_rows (GTK_WIDGET (scenario_child (f, "details_box")), "Prices", rows);
  g_assert_cmpstr (rows->str, ==, "Prices as of 2026-01-01 (5 months old)|"
                                  "Prices as of 2026-03-01 (3 months old)");
  g_assert_true (gtk_widget_get_visible (notice_box));
  g_assert_cmpstr (gtk_label_get_label (notice), ==,
                   "Prices more than 90 days old: Example Cloud (2026-01-01), Other Cloud "
                   "(2026-03-01)");

  /* The preference takes effect at once. */
  g_settings_set_int (settings, "stale-after-days", 100);
  g_object_get (scenario_page (f), "stale-after-days", &days, NULL);
  g_assert_cmpuint (days, ==, 100);
  g_assert_cmpstr (gtk_label_get_label (notice), ==,
                   "Prices more than 100 days old: Example Cloud (2026-01-01)");
  g_settings_set_int (settings, "stale-after-days", 200);
  g_assert_false (gtk_widget_get_visible (notice_box));
  g_settings_reset (settings, "stale-after-days");
  g_assert_true (gtk_widget_get_visible (notice_box));
  g_unsetenv ("SKYTALLY_TODAY");
}

/* The line dialog of a new line, on a new scenario of valid-small.xml. */
static SkyLineDialog *
open_new_line_dialog (Fixture *f)
{
  SkyScenarioPage *page = scenario_page (f);
  SkyLineDialog *dialog;

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-line", NULL));
  dialog = SKY_LINE_DIALOG (find_toplevel (SKY_TYPE_LINE_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
dialog_child (SkyLineDialog *dialog,
              const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SKY_TYPE_LINE_DIALOG,
                                                    name));
}

/* Selects @id of @ids in @row, a drop-down without "Any" when @has_any is FALSE. */
static void
choose (SkyLineDialog      *dialog,
        const char         *row,
        gboolean            has_any,
        const char * const *ids,
        const char         *id)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, row)),
                                    i + (has_any ? 1 : 0));
        return;
      }
  g_assert_not_reached ();
}

/* An error is shown beside the field it concerns, inside its row, styled as an error, and goes
 * when the field is edited; the label under the fields stays hidden. */
static void
test_line_dialog_error_beside_field (Fixture       *f,
                                     gconstpointer  data)
{
  SkyLineDialog *dialog = open_new_line_dialog (f);
  GtkWidget *label_row = dialog_child (dialog, "label_row");
  GtkWidget *vcpu_row = dialog_child (dialog, "vcpu_row");
  GtkWidget *bottom = dialog_child (dialog, "error_label");
  GtkWidget *beside;

  /* No label: said beside the label. */
  g_assert_null (sky_line_dialog_get_line (dialog));
  beside = g_object_get_data (G_OBJECT (label_row), "sky-error-label");
  g_assert_true (gtk_widget_get_visible (beside));
  g_assert_true (gtk_widget_is_ancestor (beside, label_row));
  g_assert_true (gtk_widget_has_css_class (beside, "error"));
  g_assert_true (gtk_widget_has_css_class (label_row, "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (beside)), ==,
                   "Give the line a label, such as “API servers”.");
  g_assert_false (gtk_widget_get_visible (bottom));

  /* Fixed, then a minimum that is no number: the error moves to it. */
  gtk_editable_set_text (GTK_EDITABLE (label_row), "Workers");
  g_assert_false (gtk_widget_has_css_class (label_row, "error"));
  g_assert_false (gtk_widget_get_visible (beside));
  gtk_editable_set_text (GTK_EDITABLE (vcpu_row), "four");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL);
  beside = g_object_get_data (G_OBJECT (vcpu_row), "sky-error-label");
  g_assert_true (gtk_widget_get_visible (beside));
  g_assert_true (gtk_widget_is_ancestor (beside, vcpu_row));
  g_assert_true (gtk_widget_has_css_class (vcpu_row, "error"));
  g_assert_false (gtk_widget_has_css_class (label_row, "error"));
  g_assert_cmpuint (shown_scenario (scenario_page (f))->lines->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (vcpu_row), "4");
  g_assert_false (gtk_widget_get_visible (beside));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL);
  g_assert_cmpuint (shown_scenario (scenario_page (f))->lines->len, ==, 1);
}

/* Usage in a larger unit of the same measure is taken in the line's unit, exactly: 2 TB of
 * storage for a line per GB-month is 2000, 1 TiB of egress per GB 1099.511627776. */
static void
test_line_dialog_usage_units (Fixture       *f,
                              gconstpointer  data)
{
  SkyLineDialog *dialog = open_new_line_dialog (f);
  GtkEditable *usage = GTK_EDITABLE (dialog_child (dialog, "usage_row"));
  GtkWidget *beside = g_object_get_data (G_OBJECT (usage), "sky-error-label");
  const struct
  {
    const char *unit, *text, *usage;
  } cases[] = {
    { "gb-month", "2 TB", "2000" },
    { "gb-month", "2tb", "2000" },
    { "gb-month", "1.5 TiB", "1649.267441664" },
    { "gb", "1 TiB", "1099.511627776" },
    { "gb", "5 TB", "5000" },
    { "gib-month", "1 TiB", "1024" },
    { "gb-month", "100", "100" },
    { "hour", "2 Day", "48" },
  };

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "label_row")), "Objects");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SkyScenarioLine) line = NULL;
      g_autofree char *text = NULL;

      choose (dialog, "unit_row", FALSE, sky_units (), cases[i].unit);
      gtk_editable_set_text (usage, cases[i].text);
      line = sky_line_dialog_get_line (dialog);
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_nonnull (line);
      g_assert_true (line->has_usage);
      g_assert_cmpstr (line->unit, ==, cases[i].unit);
      text = sky_decimal_to_string (sky_decimal_normalize (line->usage));
      g_assert_cmpstr (text, ==, cases[i].usage);
    }

  /* A unit of another measure, or none, is said beside the usage. */
  choose (dialog, "unit_row", FALSE, sky_units (), "gb-month");
  gtk_editable_set_text (usage, "2 hours");
  g_assert_null (sky_line_dialog_get_line (dialog));
  g_assert_true (gtk_widget_get_visible (beside));
  gtk_editable_set_text (usage, "2 Hour");
  g_assert_null (sky_line_dialog_get_line (dialog));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (beside)), ==,
                   "Hour cannot be counted in GB-month");
}

/* A database requirement asks for an engine chosen by its title; the field is for databases
 * only. */
static void
test_line_dialog_engine (Fixture       *f,
                         gconstpointer  data)
{
  SkyLineDialog *dialog = open_new_line_dialog (f);
  GtkWidget *engine = dialog_child (dialog, "engine_row");
  GListModel *titles = adw_combo_row_get_model (ADW_COMBO_ROW (engine));
  g_autoptr(SkyScenarioLine) line = NULL;
  g_autoptr(SkyScenarioLine) compute = NULL;

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "label_row")), "PostgreSQL server");
  g_assert_false (gtk_widget_get_visible (engine));
  choose (dialog, "category_row", FALSE, sky_categories (), "database");
  g_assert_true (gtk_widget_get_visible (engine));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (titles), 0), ==, "Any");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (titles), 1), ==, "PostgreSQL");
  choose (dialog, "engine_row", TRUE, sky_vocabulary_ids (SKY_VOCABULARY_ENGINE), "postgresql");
  line = sky_line_dialog_get_line (dialog);
  g_assert_cmpstr (line->category, ==, "database");
  g_assert_cmpstr (line->engine, ==, "postgresql");

  choose (dialog, "category_row", FALSE, sky_categories (), "compute");
  g_assert_false (gtk_widget_get_visible (engine));
  compute = sky_line_dialog_get_line (dialog);
  g_assert_null (compute->engine);
}

/* A new scenario made before the catalog had sheets starts with the providers of the first ones
 * imported; a scenario that was edited keeps its own. */
static void
test_new_scenario_current_providers (Fixture       *f,
                                     gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  const SkyScenario *s;

  sky_scenario_document_new_scenario (document_of (page));
  g_assert_cmpuint (shown_scenario (page)->providers->len, ==, 0);
  import_fixture (f, "valid-small.xml", NULL);
  s = shown_scenario (page);
  g_assert_cmpuint (s->providers->len, ==, 1);
  g_assert_cmpstr (s->providers->pdata[0], ==, "examplecloud");
  g_assert_false (sky_scenario_document_get_modified (document_of (page)));

  /* Made now: the current providers at once. */
  sky_scenario_document_new_scenario (document_of (page));
  g_assert_cmpuint (shown_scenario (page)->providers->len, ==, 1);

  /* Edited (its providers removed): the next sheets do not come into it. */
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (page), NULL);

    g_ptr_array_set_size (edit->providers, 0);
    sky_scenario_document_edited (document_of (page));
  }
  import_fixture (f, "other-small.xml", NULL);
  g_assert_cmpuint (shown_scenario (page)->providers->len, ==, 0);
  wait_for_estimate (f);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Storage types are chosen from a list by their titles, ticked as the field holds them; what
 * is ticked goes into the field beside any other identifier typed, and into the line. */
static void
test_line_dialog_storage_types (Fixture       *f,
                                gconstpointer  data)
{
  SkyLineDialog *dialog = open_new_line_dialog (f);
  GtkWidget *row = dialog_child (dialog, "storage_row");
  GtkMenuButton *button = GTK_MENU_BUTTON (find_descendant (row, GTK_TYPE_MENU_BUTTON));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkCheckButton *checks[2] = { NULL, NULL };
  g_autoptr(SkyScenarioLine) line = NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (popover)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (c));

      if (g_strcmp0 (label, "Object storage, standard") == 0)
        checks[0] = GTK_CHECK_BUTTON (c);
      else if (g_strcmp0 (label, "Object storage, hot") == 0)
        checks[1] = GTK_CHECK_BUTTON (c);
    }
  g_assert_nonnull (checks[0]);
  g_assert_nonnull (checks[1]);

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "label_row")), "Objects");
  choose (dialog, "category_row", FALSE, sky_categories (), "storage");
  gtk_editable_set_text (GTK_EDITABLE (row), "premium-blob");
  gtk_check_button_set_active (checks[0], TRUE);
  gtk_check_button_set_active (checks[1], TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "premium-blob object-standard object-hot");
  gtk_check_button_set_active (checks[0], FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "premium-blob object-hot");
  line = sky_line_dialog_get_line (dialog);
  g_assert_cmpuint (g_strv_length (line->storage_types), ==, 2);
  g_assert_cmpstr (line->storage_types[1], ==, "object-hot");

  /* Opened, the list ticks what the field holds. */
  gtk_editable_set_text (GTK_EDITABLE (row), "object-standard");
  gtk_widget_set_visible (popover, TRUE);
  g_assert_true (gtk_check_button_get_active (checks[0]));
  g_assert_false (gtk_check_button_get_active (checks[1]));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "object-standard");
  gtk_widget_set_visible (popover, FALSE);
}

/* A line's controls from the keyboard, past the one Tab stop its row is: the selected line's
 * menu (Menu or Shift+F10) opens where the focus is, chooses its purchase option as the
 * drop-down in the row does, as one step of undo, and gives the focus back on closing. */
static void
test_scenario_line_menu (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  GtkSelectionModel *rows;
  const SkyScenarioLine *line;
  GtkWidget *cell;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, file);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "scenario");
  wait_for_rows (f);
  rows = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  g_assert_cmpstr (line->term, ==, "on-demand");
  g_assert_false (sky_scenario_page_get_line_menu_shown (page));

  /* No line selected: no menu. */
  gtk_selection_model_unselect_all (rows);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.line-menu", NULL);
  g_assert_false (sky_scenario_page_get_line_menu_shown (page));

  /* The first line, the focus on its purchase option. */
  gtk_selection_model_select_item (rows, 0, TRUE);
  cell = find_cell (view, GTK_TYPE_DROP_DOWN, 0, 0);
  g_assert_nonnull (cell);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (cell)), ==, 0);
  g_assert_true (gtk_widget_grab_focus (cell));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.line-menu", NULL));
  g_assert_true (sky_scenario_page_get_line_menu_shown (page));

  /* Spot, chosen in the menu: the line's, shown in its row, one step of undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "line.term", "s", "spot"));
  wait_for_rows (f);
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  g_assert_cmpstr (line->term, ==, "spot");
  /* 3 × 730 × 0.0288 = 63.072. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "63.07");
  cell = find_cell (view, GTK_TYPE_DROP_DOWN, 0, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (cell)), ==, 1);
  g_assert_true (sky_scenario_document_get_modified (document_of (page)));

  /* Closed, the focus is where it was. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      gtk_popover_popdown (GTK_POPOVER (child));
  g_assert_false (sky_scenario_page_get_line_menu_shown (page));
  g_assert_true (gtk_widget_has_focus (cell) || gtk_widget_is_ancestor (
                   gtk_root_get_focus (GTK_ROOT (f->window)), cell));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  wait_for_rows (f);
  line = g_ptr_array_index (shown_scenario (page)->lines, 0);
  g_assert_cmpstr (line->term, ==, "on-demand");
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "210.24");

  /* Menu, typing in the second line's quantity with no line selected: that line's menu, not
   * the text's own. */
  gtk_selection_model_unselect_all (rows);
  cell = find_cell (view, GTK_TYPE_TEXT, 1, 0);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_grab_focus (cell));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
    GtkEventController *keys = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (g_strcmp0 (gtk_event_controller_get_name (c), "sky-line-menu-keys") == 0)
          keys = c;
      }
    g_assert_nonnull (keys);
    g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Menu, 0, 0, &handled);
    g_assert_true (handled);
  }
  g_assert_true (gtk_selection_model_is_selected (rows, 1));
  g_assert_true (sky_scenario_page_get_line_menu_shown (page));
  sky_scenario_document_discard_recovery (document_of (page));
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

/* Tab, or Shift+Tab, typing in a line's cell leaves the lines in one press, not for the next
 * cell or line. */
static void
test_scenario_tab_leaves_lines (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  GtkEventController *keys = named_controller (view, "sky-tab-leaves");
  struct { guint keyval; GdkModifierType state; } presses[] = {
    { GDK_KEY_Tab, 0 }, { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK },
  };

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, file);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "scenario");
  wait_for_rows (f);
  g_assert_nonnull (keys);
  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      GtkWidget *cell = find_cell (view, GTK_TYPE_TEXT, 1, 0);
      GtkWidget *focus;
      gboolean handled = FALSE;

      g_assert_true (gtk_widget_grab_focus (cell));
      g_signal_emit_by_name (keys, "key-pressed", presses[i].keyval, 0, presses[i].state,
                             &handled);
      g_assert_true (handled);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_false (focus == view || gtk_widget_is_ancestor (focus, view));
      /* The view takes the focus again afterwards. */
      g_assert_true (gtk_widget_get_can_focus (view));
    }
  sky_scenario_document_discard_recovery (document_of (page));
}

/* The status counts lines and providers each in its own plural: a new scenario on the one
 * provider of the catalog has "0 lines on 1 provider". */
static void
test_scenario_status_counts (Fixture       *f,
                             gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  wait_for_rows (f);
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 0);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (scenario_child (
                                     f, "status_label"))), "0 lines on 1 provider, in "));
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "scenario-open-and-edit", test_scenario_open_and_edit,
                           "scenario-edit-in-place", test_scenario_edit_in_place,
                           "scenario-status-counts", test_scenario_status_counts,
                           "scenario-save-and-recover", test_scenario_save_and_recover,
                           "scenario-sheet-removed", test_scenario_sheet_removed,
                           "scenario-reprice", test_scenario_reprice,
                           "scenario-open-bad", test_scenario_open_bad,
                           "scenario-open-fifo", test_scenario_open_fifo,
                           "scenario-save-fails", test_scenario_save_fails,
                           "line-dialog", test_line_dialog,
                           "scenario-candidates", test_scenario_candidates,
                           "scenario-short-names", test_scenario_short_names,
                           "scenario-sheet-per-line", test_scenario_sheet_per_line,
                           "scenario-dev-test", test_scenario_dev_test,
                           "scenario-freshness", test_scenario_freshness,
                           "line-dialog-error-beside-field", test_line_dialog_error_beside_field,
                           "line-dialog-usage-units", test_line_dialog_usage_units,
                           "line-dialog-engine", test_line_dialog_engine,
                           "new-scenario-current-providers", test_new_scenario_current_providers,
                           "line-dialog-storage-types", test_line_dialog_storage_types,
                           "scenario-line-menu", test_scenario_line_menu,
                           "scenario-tab-leaves-lines", test_scenario_tab_leaves_lines,
                           NULL);
}
