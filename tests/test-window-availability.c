/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of availability: a line's deployment, the scenario's required availability,
 * each provider's availability on the summary cards and the cheapest way to reach the
 * requirement on the Trade-offs page. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sky-availability-view.h"
#include "sky-summary-cards.h"
#include "sky-window-test-util.h"

/* Example Cloud's servers (valid-small.xml: the sheet's SLA of Virtual Machines, 99.99 %, a
 * single instance's) and its egress, which publishes no SLA. */
static const char scenario_text[] =
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Available\" "
  "currency=\"USD\" hours-per-month=\"730\">\n"
  "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
  "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\">\n"
  "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
  "  <line label=\"Egress\" usage=\"1000\" unit=\"gb\">\n"
  "    <offer provider=\"examplecloud\" sku=\"egress-us\"/>\n  </line>\n"
  "  <availability required=\"99.995\"/>\n"
  "</scenario>\n";

static void
open_text (Fixture    *f,
           const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, "available.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  open_scenario (scenario_page (f), file);
  wait_for_estimate (f);
}

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

/* The card says the provider's availability and downtime a month (99.99 % of 730 hours: 4.4
 * minutes), short of the 99.995 % required and marked as an incomplete price is, the
 * arithmetic in its tooltip; without a requirement, the figures alone. */
static void
test_cards_availability (Fixture       *f,
                         gconstpointer  data)
{
  SkyScenarioPage *page = scenario_page (f);
  SkySummaryCards *cards = cards_in (GTK_WIDGET (page));
  GtkWidget *label, *line;
  const char *tooltip;

  import_fixture (f, "valid-small.xml", NULL);
  open_text (f, scenario_text);
  show_page (f, "scenario");
  wait_for_cards (cards);
  label = named (sky_summary_cards_get_card (cards, 0), "availability");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Short of 99.995 %: 99.99 % · about 4.4 minutes down a month");
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  line = gtk_widget_get_parent (label);
  tooltip = gtk_widget_get_tooltip_text (line);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "99.99 %"));
  g_assert_nonnull (strstr (tooltip, "Egress is not counted"));

  /* Without a requirement: the figures alone, in no state's colour. */
  gtk_editable_set_text (GTK_EDITABLE (scenario_child (f, "availability_entry")), "");
  wait_for_estimate (f);
  wait_for_cards (cards);
  label = named (sky_summary_cards_get_card (cards, 0), "availability");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "99.99 % · about 4.4 minutes down a month");
  g_assert_false (gtk_widget_has_css_class (label, "warning"));
  sky_scenario_document_discard_recovery (document_of (page));
}

/* The example that requires 99.99 % (data/scenarios/highly-available-web.skytally) on the
 * bundled sheets: every provider's card gives its verdict against it, short of it marked as
 * an incomplete price is, or says why its availability is not known; the Trade-offs view
 * lists each provider's way to it. */
static void
test_example_requirement (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SKYTALLY_SCENARIOS_DIR"),
                                            "highly-available-web.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  SkySummaryCards *cards = cards_in (GTK_WIDGET (page));
  guint n;

  sky_window_load_bundled_sheets (f->window);
  wait_until_idle (f);
  open_scenario (page, file);
  wait_for_estimate (f);
  show_page (f, "scenario");
  wait_for_cards (cards);
  n = sky_summary_cards_get_summary (cards)->providers->len;
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *label = named (sky_summary_cards_get_card (cards, i), "availability");
      const char *text;

      g_assert_nonnull (label);
      text = gtk_label_get_label (GTK_LABEL (label));
      g_test_message ("%s", text);
      if (g_str_has_prefix (text, "Short of 99.99 %: "))
        g_assert_true (gtk_widget_has_css_class (label, "warning"));
      else if (g_str_has_prefix (text, "Meets 99.99 %: "))
        g_assert_true (gtk_widget_has_css_class (label, "success"));
      else
        g_assert_true (g_str_has_prefix (text, "Availability not known: "));
      g_assert_nonnull (strstr (text, "down a month") != NULL ? text
                                                               : strstr (text, "not known"));
    }
  /* The example is short of its requirement somewhere: that is what it shows. */
  {
    gboolean short_somewhere = FALSE;

    for (guint i = 0; i < n; i++)
      short_somewhere |= g_str_has_prefix (gtk_label_get_label (GTK_LABEL (named (
                           sky_summary_cards_get_card (cards, i), "availability"))),
                           "Short of 99.99 %");
    g_assert_true (short_somewhere);
  }
  sky_scenario_document_discard_recovery (document_of (page));
}

static void
wait_for_view (SkyAvailabilityView *view)
{
  run_while_busy (view, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (sky_availability_view_get_busy (view));
}

/* The Trade-offs page's view of cost against availability: the provider's figures as written,
 * the verdict, the cheapest way to reach the requirement step by step, and the chart's
 * description for screen readers (with the level the second region reaches). */
static void
test_tradeoffs_availability (Fixture       *f,
                             gconstpointer  data)
{
  SkyTradeoffsPage *tradeoffs = SKY_TRADEOFFS_PAGE (_sky_window_get_page (f->window, "tradeoffs"));
  SkyAvailabilityView *view = sky_tradeoffs_page_get_availability_view (tradeoffs);
  g_autofree char *text = NULL;
  const char *description;

  import_fixture (f, "valid-small.xml", NULL);
  open_text (f, scenario_text);
  show_page (f, "tradeoffs");
  sky_tradeoffs_page_show_view (tradeoffs, "availability");
  wait_for_view (view);
  text = sky_availability_view_dup_text (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Example Cloud\n99.99 % · about 4.4 minutes down a month"));
  g_assert_nonnull (strstr (text, "Short of 99.995 %"));
  /* The servers in a second region: 1 − (1 − 99.99 %)^2 reaches it, for 2 × 730 × 0.096 =
   * 140.16 more a month; egress publishes no SLA and has no choice. */
  g_assert_nonnull (strstr (text, "The cheapest way to reach 99.995 %: 361.32 USD a month, "
                                  "99.999 %, in 1 step\n"
                                  "Single instance, in 2 regions for Servers: +140.16 USD a "
                                  "month, 99.99 % → 99.999 %\n"));
  g_assert_nonnull (named (GTK_WIDGET (view), "step"));
  description = sky_availability_view_get_chart_description (view);
  g_assert_true (g_str_has_prefix (description, "Cost against availability. Example Cloud: "
                                                "99.99 % as written for "));
  g_assert_nonnull (strstr (description, "Required: 99.995 %."));
  g_assert_nonnull (strstr (description, "other level reachable"));
  g_assert_nonnull (named (GTK_WIDGET (view), "verdict"));
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "line-deployment", test_line_deployment,
                           "required-availability", test_required_availability,
                           "cards-availability", test_cards_availability,
                           "tradeoffs-availability", test_tradeoffs_availability,
                           "example-requirement", test_example_requirement,
                           NULL);
}
