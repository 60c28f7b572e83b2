/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Budget page. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-currency.h"
#include "sky-summary-cards.h"
#include "sky-window-test-util.h"

/* The Budget page shows the scenario month by month, says plainly whether and when the budget
 * is exceeded, and its budget and months land in the scenario. */
static void
test_budget_page (Fixture       *f,
                  gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
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
  s = shown_scenario (scenario_page (f));
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
  s = shown_scenario (scenario_page (f));
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
  s = shown_scenario (scenario_page (f));
  g_assert_nonnull (s->budget);
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (1)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (monthly), ==, "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  wait_for_projection (page);
  s = shown_scenario (scenario_page (f));
  g_assert_null (s->budget);
  g_assert_cmpstr (gtk_editable_get_text (monthly), ==, "");

  /* Two years. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (budget_child (page, "months_spin")), 24);
  g_assert_cmpuint (shown_scenario (scenario_page (f))->projection_months, ==, 24);
  wait_for_projection (page);
  g_assert_cmpuint (sky_budget_page_get_projection (page)->months, ==, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, 24);

  /* All providers side by side at first: a column of each one's cash, headed by its short
   * name; then one provider with its cash, amortised, low and high figures. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (budget_child (page,
                                                                              "provider_dropdown"))),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 3);
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (
                                              gtk_column_view_get_columns (view), 2);
    g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Other");
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
    g_assert_null (shown_estimate (scenario_page (f)));
  }
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

/* Adds to @found every label under @widget whose text contains @text. */
static void
find_labels (GtkWidget  *widget,
             const char *text,
             GPtrArray  *found)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_labels (child, text, found);
}

/* How old each provider's prices are is said once on the page, on its summary card, and one
 * notice says which are older than the preference: Example Cloud's prices are as of
 * 2026-01-01, Other Cloud's as of 2026-03-01, 151 and 92 days before 2026-06-01. */
static void
test_budget_freshness (Fixture       *f,
                       gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SkySummaryCards *cards = NULL;
  GtkLabel *notice = GTK_LABEL (budget_child (page, "notice_label"));
  GtkWidget *notice_box = GTK_WIDGET (budget_child (page, "notice_box"));
  g_autoptr(GPtrArray) ages = g_ptr_array_new ();
  static const char * const expected[] = { "Prices as of 2026-01-01 (5 months old)",
                                           "Prices as of 2026-03-01 (3 months old)" };

  cards = cards_in (GTK_WIDGET (page));
  g_assert_nonnull (cards);
  g_assert_false (gtk_widget_get_visible (notice_box));
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "budget");
  wait_for_estimate (f);
  wait_for_projection (page);
  g_assert_false (run_while_busy (cards, NULL));
  g_assert_nonnull (sky_summary_cards_get_summary (cards));

  /* The page says each provider's age once: on its card, and nowhere else. */
  find_labels (GTK_WIDGET (page), "Prices as of", ages);
  g_assert_cmpuint (ages->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *card = sky_summary_cards_get_card (cards, i);
      GtkWidget *age = g_ptr_array_index (ages, i);

      g_assert_nonnull (card);
      g_assert_true (gtk_widget_is_ancestor (age, card));
      g_assert_cmpstr (gtk_widget_get_name (age), ==, "prices-as-of");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (age)), ==, expected[i]);
      g_assert_true (gtk_widget_get_visible (age));
    }
  g_assert_null (sky_summary_cards_get_card (cards, G_N_ELEMENTS (expected)));
  g_ptr_array_set_size (ages, 0);
  find_labels (GTK_WIDGET (page), "months old", ages);
  g_assert_cmpuint (ages->len, ==, G_N_ELEMENTS (expected));

  /* The notice names the stale ones, by the preference. */
  g_assert_true (gtk_widget_get_visible (notice_box));
  g_assert_cmpstr (gtk_label_get_label (notice), ==,
                   "Prices more than 90 days old: Example Cloud (2026-01-01), Other Cloud "
                   "(2026-03-01)");
  g_settings_set_int (settings, "stale-after-days", 365);
  g_assert_false (gtk_widget_get_visible (notice_box));
  g_settings_reset (settings, "stale-after-days");
  g_assert_true (gtk_widget_get_visible (notice_box));
  g_unsetenv ("SKYTALLY_TODAY");
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

/* What Enter in @entry's text does. */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
}

/* Enter in a budget field applies the cap and ends the run of typing: each cap entered so is
 * undone on its own. Text that is no cap stays marked and changes nothing. */
static void
test_budget_enter_applies (Fixture       *f,
                           gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *monthly = budget_child (page, "monthly_entry");
  GtkWidget *yearly = budget_child (page, "yearly_entry");
  const SkyScenario *s;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  wait_for_projection (page);

  gtk_editable_set_text (GTK_EDITABLE (monthly), "900");
  press_enter (monthly);
  s = shown_scenario (scenario_page (f));
  g_assert_nonnull (s->budget);
  g_assert_true (s->budget->has_monthly);
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (900)), ==, 0);
  wait_for_projection (page);

  gtk_editable_set_text (GTK_EDITABLE (monthly), "800");
  press_enter (monthly);
  gtk_editable_set_text (GTK_EDITABLE (yearly), "9000");
  press_enter (yearly);
  s = shown_scenario (scenario_page (f));
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (800)), ==, 0);
  g_assert_true (s->budget->has_yearly);
  wait_for_projection (page);

  /* Each cap entered is an undo step of its own: the yearly cap, then 800, then 900. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  s = shown_scenario (scenario_page (f));
  g_assert_false (s->budget->has_yearly);
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (800)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  s = shown_scenario (scenario_page (f));
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (900)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (monthly)), ==, "900");
  wait_for_projection (page);

  /* Not a cap: Enter leaves it marked, and applies nothing. */
  gtk_editable_set_text (GTK_EDITABLE (monthly), "lots");
  press_enter (monthly);
  g_assert_true (gtk_widget_has_css_class (monthly, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (monthly)), ==, "lots");
  gtk_editable_set_text (GTK_EDITABLE (monthly), "700");
  press_enter (monthly);
  g_assert_false (gtk_widget_has_css_class (monthly, "error"));
  s = shown_scenario (scenario_page (f));
  g_assert_cmpint (sky_decimal_compare (s->budget->monthly, sky_decimal_from_int (700)), ==, 0);
  wait_for_projection (page);
}

/* The chart's toggles change what it draws: monthly cash with the reserved worker's upfront
 * fee as a mark apart, then the months' running totals, then the fee spread over its year. */
static void
test_budget_chart_views (Fixture       *f,
                         gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkToggleButton *cumulative = GTK_TOGGLE_BUTTON (budget_child (page, "cumulative_toggle"));
  GtkToggleButton *amortised = GTK_TOGGLE_BUTTON (budget_child (page, "amortised_toggle"));
  g_autoptr(SkyChartPlot) monthly = NULL;
  g_autoptr(SkyChartPlot) running = NULL;
  g_autoptr(SkyChartPlot) spread = NULL;
  g_autoptr(SkyChartPlot) one = NULL;
  const SkyProjectionProvider *p;
  guint M;
  double total = 0;

  g_assert_null (sky_budget_page_dup_chart_plot (page));
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  wait_for_projection (page);
  p = g_ptr_array_index (sky_budget_page_get_projection (page)->providers, 0);
  M = sky_budget_page_get_projection (page)->months;

  /* Monthly cash at first: a line per provider, the upfront fee apart. */
  g_assert_false (gtk_toggle_button_get_active (cumulative));
  g_assert_false (gtk_toggle_button_get_active (amortised));
  monthly = sky_budget_page_dup_chart_plot (page);
  g_assert_nonnull (monthly);
  g_assert_false (monthly->bars);
  g_assert_cmpuint (monthly->n_series, ==, 2);
  g_assert_true (sky_chart_plot_has_upfront (monthly));
  g_assert_cmpfloat (monthly->highest, <, sky_decimal_to_double (p->total_cash[0]));

  /* Cumulative: the running totals. */
  gtk_toggle_button_set_active (cumulative, TRUE);
  running = sky_budget_page_dup_chart_plot (page);
  for (guint m = 0; m < M; m++)
    total += sky_decimal_to_double (p->total_cash[m]);
  g_assert_cmpfloat_with_epsilon (running->values[M - 1], total, 1e-6);
  g_assert_cmpfloat (running->highest, >, monthly->highest);

  /* Monthly again, amortised: the fee spread, nothing marked. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (budget_child (page, "monthly_toggle")), TRUE);
  g_assert_false (gtk_toggle_button_get_active (cumulative));
  gtk_toggle_button_set_active (amortised, TRUE);
  spread = sky_budget_page_dup_chart_plot (page);
  g_assert_false (sky_chart_plot_has_upfront (spread));
  for (guint m = 0; m < M; m++)
    g_assert_cmpfloat_with_epsilon (spread->values[m],
                                    sky_decimal_to_double (p->total_amortised[m]), 1e-6);

  /* One provider: its groups in bars. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (budget_child (page, "provider_dropdown")), 1);
  one = sky_budget_page_dup_chart_plot (page);
  g_assert_true (one->bars);
  g_assert_cmpuint (one->n_series, >, 1);
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

/* A provider's cash over all the months, in the window's form of money. */
static char *
cumulative_cash (const SkyProjection         *projection,
                 const SkyProjectionProvider *p)
{
  SkyDecimal total = sky_decimal_from_int (0);

  for (guint m = 0; m < projection->months; m++)
    g_assert_true (sky_decimal_add (total, p->total_cash[m], &total));
  return sky_currency_format_display (projection->currency, total);
}

/* The chart tells a screen reader what it draws now: each toggle, the provider chosen and the
 * budget change its description, which names the view and gives the figures drawn, in the
 * locale's form. */
static void
test_budget_chart_description (Fixture       *f,
                               gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkToggleButton *monthly = GTK_TOGGLE_BUTTON (budget_child (page, "monthly_toggle"));
  GtkToggleButton *cumulative = GTK_TOGGLE_BUTTON (budget_child (page, "cumulative_toggle"));
  GtkToggleButton *cash = GTK_TOGGLE_BUTTON (budget_child (page, "cash_toggle"));
  GtkToggleButton *amortised = GTK_TOGGLE_BUTTON (budget_child (page, "amortised_toggle"));
  g_autofree char *monthly_cash = NULL;
  g_autofree char *cumulative_text = NULL;
  g_autofree char *amortised_text = NULL;
  g_autofree char *total = NULL;
  g_autofree char *expected = NULL;
  const SkyProjection *projection;
  const SkyProjectionProvider *p;
  const char *text;

  g_assert_cmpstr (sky_budget_page_get_chart_description (page), ==, "");
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  wait_for_projection (page);
  projection = sky_budget_page_get_projection (page);
  p = g_ptr_array_index (projection->providers, 0);

  /* Monthly cash: each provider's run rate, the reserved worker's upfront fee apart. */
  text = sky_budget_page_get_chart_description (page);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Monthly cash cost over 12 months: Example Cloud "));
  g_assert_nonnull (strstr (text, "upfront fees "));
  g_assert_nonnull (strstr (text, " in month 1"));
  g_assert_nonnull (strstr (text, "Other Cloud (incomplete) "));
  g_assert_null (strstr (text, "budget"));
  monthly_cash = g_strdup (text);

  /* Cumulative cash: what each has cost by the last month, the fee included. */
  gtk_toggle_button_set_active (cumulative, TRUE);
  text = sky_budget_page_get_chart_description (page);
  g_test_message ("%s", text);
  total = cumulative_cash (projection, p);
  expected = g_strdup_printf ("Cumulative cash cost over 12 months: Example Cloud %s by month "
                              "12; upfront fees ", total);
  g_assert_true (g_str_has_prefix (text, expected));
  g_assert_cmpstr (text, !=, monthly_cash);
  cumulative_text = g_strdup (text);

  /* Cumulative amortised: the fee spread, so no fee is told apart. */
  gtk_toggle_button_set_active (amortised, TRUE);
  text = sky_budget_page_get_chart_description (page);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Cumulative amortised cost over 12 months: "));
  g_assert_null (strstr (text, "upfront"));
  g_assert_cmpstr (text, !=, cumulative_text);
  amortised_text = g_strdup (text);

  /* Monthly amortised. */
  gtk_toggle_button_set_active (monthly, TRUE);
  text = sky_budget_page_get_chart_description (page);
  g_assert_true (g_str_has_prefix (text, "Monthly amortised cost over 12 months: "));
  g_assert_cmpstr (text, !=, amortised_text);

  /* Back to monthly cash: the first description again. */
  gtk_toggle_button_set_active (cash, TRUE);
  g_assert_cmpstr (sky_budget_page_get_chart_description (page), ==, monthly_cash);

  /* A budget under month 1: its line, and who goes over it when. */
  gtk_editable_set_text (GTK_EDITABLE (budget_child (page, "monthly_entry")), "1");
  wait_for_projection (page);
  text = sky_budget_page_get_chart_description (page);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, " Monthly budget "));
  g_assert_nonnull (strstr (text, ": over it, Example Cloud from month 1, Other Cloud from "
                                  "month 1."));
  gtk_toggle_button_set_active (cumulative, TRUE);
  text = sky_budget_page_get_chart_description (page);
  g_assert_nonnull (strstr (text, " Budget "));
  g_assert_nonnull (strstr (text, " by month 12 ("));
  gtk_toggle_button_set_active (monthly, TRUE);

  /* One provider: its months stacked by group, each group told. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (budget_child (page, "provider_dropdown")), 1);
  text = sky_budget_page_get_chart_description (page);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Monthly cash cost of Example Cloud over 12 months, "
                                         "stacked by group. In all "));
  g_assert_nonnull (strstr (text, "; Network "));
  g_assert_nonnull (strstr (text, ": over it, Example Cloud from month 1."));

  /* In German, the figures read as the rest of the window gives them. */
  if (sky_test_use_locale ("de_DE.UTF-8"))
    {
      g_autofree char *german = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (budget_child (page, "provider_dropdown")), 0);
      gtk_toggle_button_set_active (cumulative, TRUE);
      /* The projection of the budget typed above. */
      projection = sky_budget_page_get_projection (page);
      german = cumulative_cash (projection, g_ptr_array_index (projection->providers, 0));
      g_assert_true (g_str_has_suffix (german, " $"));
      g_assert_nonnull (strchr (german, ','));
      g_free (expected);
      expected = g_strdup_printf ("Example Cloud %s by month 12", german);
      g_assert_nonnull (strstr (sky_budget_page_get_chart_description (page), expected));
      setlocale (LC_ALL, "");
    }
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

/* A label showing @text inside @root, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->root, wait->text) != NULL;
}

/* The start month is chosen beside the months (its button says it): the table, the chart and
 * the budget's status then name the calendar months, the scenario keeps it, and undo takes it
 * back to numbered months. */
static void
test_budget_start_month (Fixture       *f,
                         gconstpointer  data)
{
  SkyBudgetPage *page = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *view = budget_child (page, "months_view");
  GtkDropDown *month = GTK_DROP_DOWN (budget_child (page, "start_month_dropdown"));
  GtkSpinButton *year = GTK_SPIN_BUTTON (budget_child (page, "start_year_spin"));
  GtkMenuButton *button = GTK_MENU_BUTTON (budget_child (page, "start_button"));
  LabelWait november = { view, "Nov 2026" };
  LabelWait january = { view, "Jan 2027" };
  LabelWait numbered = { view, "1" };
  const SkyScenario *s;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  g_ptr_array_add (files, g_object_ref (file));
  sky_window_open_files (f->window, files);
  wait_for_estimate (f);
  wait_for_projection (page);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "budget");

  /* None at first: the months are numbered, and the year waits for a month. */
  g_assert_cmpuint (gtk_drop_down_get_selected (month), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (year)));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "None");
  g_assert_true (wait_until (label_shown, &numbered, 10));
  g_assert_null (strstr (sky_budget_page_get_chart_description (page), "The months run"));

  /* The year alone changes nothing; November of it sets the start. */
  gtk_spin_button_set_value (year, 2026);
  g_assert_false (sky_scenario_has_calendar (shown_scenario (scenario_page (f))));
  g_assert_false (sky_scenario_document_get_modified (document_of (scenario_page (f))));
  gtk_drop_down_set_selected (month, 11);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (year)));
  s = shown_scenario (scenario_page (f));
  g_assert_cmpuint (s->start_year, ==, 2026);
  g_assert_cmpuint (s->start_month, ==, 11);
  g_assert_true (sky_scenario_document_get_modified (document_of (scenario_page (f))));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Nov 2026");
  wait_for_projection (page);
  g_assert_true (wait_until (label_shown, &november, 10));
  g_assert_true (wait_until (label_shown, &january, 10));
  g_assert_nonnull (strstr (sky_budget_page_get_chart_description (page),
                            " The months run from Nov 2026 to Oct 2027."));

  /* Undone: numbered months again, and none chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.undo", NULL));
  wait_for_projection (page);
  g_assert_false (sky_scenario_has_calendar (shown_scenario (scenario_page (f))));
  g_assert_cmpuint (gtk_drop_down_get_selected (month), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (year)));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "None");
  g_assert_true (wait_until (label_shown, &numbered, 10));
  g_assert_null (find_label (view, "Nov 2026"));
  g_assert_null (strstr (sky_budget_page_get_chart_description (page), "The months run"));

  /* Redone, then cleared by choosing none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scenario_page (f)), "page.redo", NULL));
  wait_for_projection (page);
  g_assert_cmpuint (shown_scenario (scenario_page (f))->start_month, ==, 11);
  g_assert_cmpuint (gtk_drop_down_get_selected (month), ==, 11);
  /* The status says the calendar month the budget is first exceeded in. */
  gtk_editable_set_text (GTK_EDITABLE (budget_child (page, "monthly_entry")), "1");
  wait_for_projection (page);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (budget_child (page, "status_label"))),
                            "Example Cloud goes over the monthly budget in month 1 (Nov 2026)"));
  gtk_drop_down_set_selected (month, 0);
  g_assert_false (sky_scenario_has_calendar (shown_scenario (scenario_page (f))));
  wait_for_projection (page);
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "budget-page", test_budget_page,
                           "budget-freshness", test_budget_freshness,
                           "budget-enter-applies", test_budget_enter_applies,
                           "budget-chart-views", test_budget_chart_views,
                           "budget-chart-description", test_budget_chart_description,
                           "budget-start-month", test_budget_start_month, NULL);
}
