/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Export dialog. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-window-test-util.h"

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

static void
record_exported (SkyExportDialog *dialog,
                 const char      *message,
                 GFile           *file,
                 GFile          **exported)
{
  g_set_object (exported, file);
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
  g_autofree char *xlsx_path = g_build_filename (f->dir, "finance.xlsx", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "missing", "months.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) assumptions = g_file_new_for_path (assumptions_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
  g_autoptr(GFile) exported = NULL;
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

  /* The workbook for finance comes first, where this build writes it, with no CSV settings;
   * it is written whole. */
  dialog = open_export_dialog (f);
  if (sky_export_can_write (SKY_EXPORT_XLSX))
    {
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (export_child (dialog,
                                                                   "format_row"))), ==, 0);
      g_assert_false (gtk_widget_get_visible (export_child (dialog, "csv_group")));
      /* The window is told which file was written, for its Open and Show in Folder. */
      g_signal_connect (dialog, "exported", G_CALLBACK (record_exported), &exported);
      export_and_wait (dialog, xlsx, NULL);
      g_assert_nonnull (exported);
      g_assert_true (g_file_equal (exported, xlsx));
      g_file_get_contents (xlsx_path, &text, &length, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (text, "PK\003\004"));
      g_clear_pointer (&text, g_free);
      dialog = open_export_dialog (f);
    }

  /* CSV: two years, the first provider only, semicolons, a byte-order mark. */
  sky_export_dialog_select_format (dialog, SKY_EXPORT_CSV);
  g_assert_true (gtk_widget_get_visible (export_child (dialog, "csv_group")));
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
  /* 24 months, their total, then the line's own columns (SKU … not-priced reason). */
  g_assert_cmpstr (header[g_strv_length (header) - 7], ==, "M24");
  g_assert_cmpstr (header[g_strv_length (header) - 6], ==, "total");
  g_assert_cmpuint (rows->len, >, 2);
  for (guint r = 1; r < rows->len; r++)
    g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, r))[0], ==, "examplecloud");
  /* The months exported are those on the Budget page, to the cent. */
  {
    SkyBudgetPage *budget = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
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
  sky_export_dialog_select_format (dialog, SKY_EXPORT_PDF);
  g_assert_false (gtk_widget_get_visible (export_child (dialog, "csv_group")));
  export_and_wait (dialog, pdf, NULL);
  g_file_get_contents (pdf_path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_clear_pointer (&text, g_free);

  /* JSON, over the scenario's own months, on both providers. */
  dialog = open_export_dialog (f);
  sky_export_dialog_select_format (dialog, SKY_EXPORT_JSON);
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
    sky_export_dialog_select_format (dialog, SKY_EXPORT_JSON);
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

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "export-dialog", test_export_dialog, NULL);
}
