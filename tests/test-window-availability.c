/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of availability: a line's deployment, the scenario's required availability,
 * each provider's availability on the summary cards and the cheapest way to reach the
 * requirement on the Trade-offs page. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sky-window-test-util.h"

static GtkWidget *
dialog_child (SkyLineDialog *dialog,
              const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SKY_TYPE_LINE_DIALOG,
                                                    name));
}

/* The titles the combo row @name of @dialog offers, joined by "|". */
static char *
combo_titles (SkyLineDialog *dialog,
              const char    *name)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (dialog_child (dialog, name)));
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (titles, "%s%s", i > 0 ? "|" : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* Selects the entry titled @title of the combo row @name. */
static void
choose_title (SkyLineDialog *dialog,
              const char    *name,
              const char    *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (dialog_child (dialog, name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), title) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_assert_not_reached ();
}

static const SkyScenarioLine *
line_of (SkyScenarioPage *page,
         guint            index)
{
  g_assert_cmpuint (shown_scenario (page)->lines->len, >, index);
  return g_ptr_array_index (shown_scenario (page)->lines, index);
}

/* The line dialog offers the deployments of the line's category, sets the one chosen and a
 * second region; editing them again is one step of undo. */
static void
test_line_deployment (Fixture       *f,
                      gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  SkyLineDialog *dialog;
  g_autofree char *compute = NULL;
  g_autofree char *database = NULL;

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.add-line", NULL));
  dialog = SKY_LINE_DIALOG (find_toplevel (SKY_TYPE_LINE_DIALOG));
  g_assert_nonnull (dialog);

  /* A server spreads over fault domains or zones; a database keeps a standby. */
  compute = combo_titles (dialog, "deployment_row");
  g_assert_cmpstr (compute, ==, "Single instance|Across fault domains|Across zones");
  choose_title (dialog, "category_row", "Database");
  database = combo_titles (dialog, "deployment_row");
  g_assert_cmpstr (database, ==, "Single instance|With a standby in the same zone|"
                                 "With a standby in another zone");
  choose_title (dialog, "category_row", "Compute");

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "label_row")), "Web servers");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "quantity_row")), "2");
  choose_title (dialog, "deployment_row", "Across zones");
  gtk_switch_set_active (GTK_SWITCH (dialog_child (dialog, "regions_switch")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL));
  g_assert_cmpuint (shown_scenario (page)->lines->len, ==, 1);
  g_assert_cmpstr (sky_scenario_line_get_deployment (line_of (page, 0)), ==, "zones");
  g_assert_cmpuint (sky_scenario_line_get_regions (line_of (page, 0)), ==, 2);
  wait_for_estimate (f);

  /* Edited back to a single instance in one region, then undone. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (scenario_child (f, "lines_view")))), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.edit-line", NULL));
  dialog = SKY_LINE_DIALOG (find_toplevel (SKY_TYPE_LINE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dialog_child (dialog,
                                                                             "deployment_row"))),
                    ==, 2);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "regions_switch"))));
  choose_title (dialog, "deployment_row", "Single instance");
  gtk_switch_set_active (GTK_SWITCH (dialog_child (dialog, "regions_switch")), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.done", NULL));
  g_assert_cmpstr (sky_scenario_line_get_deployment (line_of (page, 0)), ==, "single");
  g_assert_cmpuint (sky_scenario_line_get_regions (line_of (page, 0)), ==, 1);
  wait_for_estimate (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  g_assert_cmpstr (sky_scenario_line_get_deployment (line_of (page, 0)), ==, "zones");
  g_assert_cmpuint (sky_scenario_line_get_regions (line_of (page, 0)), ==, 2);
  wait_for_estimate (f);
}

/* The required availability is typed beside the scenario's other settings: a percentage
 * below 100 sets it, anything else is marked and changes nothing, empty clears it; each is a
 * step of undo. */
static void
test_required_availability (Fixture       *f,
                            gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *entry;
  SkyDecimal required;

  import_fixture (f, "valid-small.xml", NULL);
  sky_scenario_document_new_scenario (document_of (page));
  entry = GTK_WIDGET (scenario_child (f, "availability_entry"));
  g_assert_false (sky_scenario_get_required_availability (shown_scenario (page), NULL));

  gtk_editable_set_text (GTK_EDITABLE (entry), "99.99");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (sky_scenario_get_required_availability (shown_scenario (page), &required));
  g_assert_cmpint (sky_decimal_compare (required, sky_decimal_from_scaled (9999, 2)), ==, 0);

  /* Typed on into what is not a percentage: marked, and the scenario keeps its figure. */
  {
    int end = -1;

    gtk_editable_insert_text (GTK_EDITABLE (entry), "x", 1, &end);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "99.99x");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (sky_scenario_get_required_availability (shown_scenario (page), &required));
  g_assert_cmpint (sky_decimal_compare (required, sky_decimal_from_scaled (9999, 2)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "99.95 %");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (sky_scenario_get_required_availability (shown_scenario (page), &required));
  g_assert_cmpint (sky_decimal_compare (required, sky_decimal_from_scaled (9995, 2)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (sky_scenario_get_required_availability (shown_scenario (page), NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  g_assert_true (sky_scenario_get_required_availability (shown_scenario (page), &required));
  g_assert_cmpint (sky_decimal_compare (required, sky_decimal_from_scaled (9995, 2)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "99.95");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  g_assert_true (sky_scenario_get_required_availability (shown_scenario (page), &required));
  g_assert_cmpint (sky_decimal_compare (required, sky_decimal_from_scaled (9999, 2)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  g_assert_false (sky_scenario_get_required_availability (shown_scenario (page), NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "line-deployment", test_line_deployment,
                           "required-availability", test_required_availability,
                           NULL);
}
