/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-currency.h"
#include "sky-summary-cards.h"
#include "sky-window-test-util.h"

/* The summary cards at the top of the Scenario and Budget pages, on tests/data/summary-*.xml
 * (the figures are worked out in tests/test-summary.c): Alpha prices both lines at 166.00 a
 * month, Beta only the servers at 73.00. */

static const char scenario_text[] =
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Summary\" currency=\"USD\" "
  "hours-per-month=\"730\">\n"
  "  <providers>\n    <provider id=\"alpha\"/>\n    <provider id=\"beta\"/>\n  </providers>\n"
  "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\" term=\"on-demand\">\n"
  "    <requirement category=\"compute\"/>\n  </line>\n"
  "  <line label=\"Disks\" quantity=\"1\" usage=\"1000\" unit=\"gb-month\" term=\"on-demand\">\n"
  "    <requirement category=\"storage\"/>\n  </line>\n"
  "  <budget monthly=\"150\"/>\n"
  "</scenario>\n";

static const char *
card_text (SkySummaryCards *cards,
           guint            index,
           const char      *name)
{
  GtkWidget *card = sky_summary_cards_get_card (cards, index);
  GtkWidget *label;

  g_assert_nonnull (card);
  label = named (card, name);
  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static char *
money (const SkyEstimate *e,
       SkyDecimal         amount)
{
  g_autofree char *text = sky_currency_format (e->currency, amount);
  return g_strdup_printf ("%s %s", text, e->currency);
}

/* Each card shows the estimate's figures for its provider (no line commits and no growth: the
 * first year and the 12 months' term are the estimate's yearly and term totals); the cheapest
 * complete provider's card is marked, the incomplete one says how many lines it leaves out,
 * and the verdicts are the budget's. */
static void
assert_cards (SkySummaryCards   *cards,
              const SkyEstimate *e)
{
  g_assert_cmpuint (sky_summary_cards_get_summary (cards)->providers->len, ==,
                    e->providers->len);
  for (guint i = 0; i < e->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      g_autofree char *monthly = money (e, p->monthly);
      g_autofree char *upfront = money (e, p->upfront);
      g_autofree char *yearly = money (e, p->yearly);
      g_autofree char *term = money (e, p->term_total);

      g_assert_cmpstr (card_text (cards, i, "provider"), ==, p->provider_short_name);
      g_assert_cmpstr (card_text (cards, i, "monthly"), ==, monthly);
      g_assert_cmpstr (card_text (cards, i, "upfront"), ==, upfront);
      g_assert_cmpstr (card_text (cards, i, "first-year"), ==, yearly);
      g_assert_cmpstr (card_text (cards, i, "term-total"), ==, term);
    }
  g_assert_cmpstr (card_text (cards, 0, "monthly"), ==, "166.00 USD");
  g_assert_cmpstr (card_text (cards, 0, "cheapest"), ==, "★ Cheapest");
  g_assert_true (gtk_widget_has_css_class (sky_summary_cards_get_card (cards, 0), "cheapest"));
  g_assert_cmpstr (card_text (cards, 0, "complete"), ==, "Every line priced");
  g_assert_cmpstr (card_text (cards, 0, "verdict"), ==, "Over by 16.00 USD a month");
  g_assert_null (named (sky_summary_cards_get_card (cards, 1), "cheapest"));
  g_assert_false (gtk_widget_has_css_class (sky_summary_cards_get_card (cards, 1), "cheapest"));
  g_assert_cmpstr (card_text (cards, 1, "complete"), ==, "1 line not priced");
  g_assert_cmpstr (card_text (cards, 1, "verdict"), ==, "Cannot judge: lines not priced");
}

static void
test_summary_cards (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "summary.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  SkySummaryCards *cards = cards_in (GTK_WIDGET (page));
  SkyBudgetPage *budget = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  SkySummaryCards *budget_cards = cards_in (GTK_WIDGET (budget));
  GtkDropDown *term;

  g_assert_nonnull (cards);
  g_assert_nonnull (budget_cards);
  g_assert_true (cards != budget_cards);
  g_assert_null (sky_summary_cards_get_summary (cards));
  g_assert_true (g_file_set_contents (path, scenario_text, -1, NULL));
  import_fixture (f, "summary-alpha.xml", "summary-beta.xml", NULL);
  open_scenario (page, file);
  show_page (f, "scenario");
  wait_for_estimate (f);
  wait_for_cards (cards);
  assert_cards (cards, shown_estimate (page));

  /* The Budget page's cards are made when it is shown, and say the same. */
  g_assert_null (sky_summary_cards_get_summary (budget_cards));
  show_page (f, "budget");
  wait_for_cards (budget_cards);
  assert_cards (budget_cards, shown_estimate (page));
  show_page (f, "scenario");

  /* A term chosen: 36 months of 166.00. */
  term = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (cards),
                                                       SKY_TYPE_SUMMARY_CARDS,
                                                       "term_dropdown"));
  gtk_drop_down_set_selected (term, 3);
  wait_for_cards (cards);
  g_assert_cmpuint (sky_summary_cards_get_summary (cards)->term_months, ==, 36);
  g_assert_cmpstr (card_text (cards, 0, "term-total"), ==, "5976.00 USD");
  sky_scenario_document_discard_recovery (document_of (page));
}

/* Opening a scenario prices it once and projects it once: the Budget page and the summary
 * cards of both pages share the projection of the scenario as it is; a term of other months
 * is one projection more, made once too. */
static void
test_projected_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "summary.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  SkyScenarioDocument *document = document_of (page);
  SkySummaryCards *cards = cards_in (GTK_WIDGET (page));
  SkyBudgetPage *budget = SKY_BUDGET_PAGE (_sky_window_get_page (f->window, "budget"));
  SkySummaryCards *budget_cards = cards_in (GTK_WIDGET (budget));
  guint estimates, projections;

  g_assert_true (g_file_set_contents (path, scenario_text, -1, NULL));
  import_fixture (f, "summary-alpha.xml", "summary-beta.xml", NULL);
  wait_for_estimate (f);
  estimates = sky_scenario_document_get_n_estimates (document);
  projections = sky_scenario_document_get_n_projections (document);

  open_scenario (page, file);
  show_page (f, "scenario");
  wait_for_estimate (f);
  wait_for_cards (cards);
  wait_for_projection (budget);
  show_page (f, "budget");
  wait_for_cards (budget_cards);
  g_assert_cmpuint (sky_scenario_document_get_n_estimates (document), ==, estimates + 1);
  g_assert_cmpuint (sky_scenario_document_get_n_projections (document), ==, projections + 1);
  g_assert_cmpuint (sky_budget_page_get_projection (budget)->months, ==,
                    sky_summary_cards_get_summary (cards)->budget_months);

  /* 36 months on both pages' cards: one more projection. */
  show_page (f, "scenario");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                                GTK_WIDGET (cards), SKY_TYPE_SUMMARY_CARDS, "term_dropdown")),
                              3);
  wait_for_cards (cards);
  show_page (f, "budget");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                                GTK_WIDGET (budget_cards), SKY_TYPE_SUMMARY_CARDS,
                                "term_dropdown")),
                              3);
  wait_for_cards (budget_cards);
  g_assert_cmpuint (sky_summary_cards_get_summary (budget_cards)->term_months, ==, 36);
  g_assert_cmpuint (sky_scenario_document_get_n_estimates (document), ==, estimates + 1);
  g_assert_cmpuint (sky_scenario_document_get_n_projections (document), ==, projections + 2);
  sky_scenario_document_discard_recovery (document);
}

/* The scenario above growing 10 % a month against 180 a month, its projection starting in
 * December 2027: Alpha's 166.00 is 182.60 in month 2, January 2028. */
static const char growing_text[] =
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Growing\" currency=\"USD\" "
  "hours-per-month=\"730\">\n"
  "  <providers>\n    <provider id=\"alpha\"/>\n    <provider id=\"beta\"/>\n  </providers>\n"
  "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\" term=\"on-demand\">\n"
  "    <requirement category=\"compute\"/>\n  </line>\n"
  "  <line label=\"Disks\" quantity=\"1\" usage=\"1000\" unit=\"gb-month\" term=\"on-demand\">\n"
  "    <requirement category=\"storage\"/>\n  </line>\n"
  "  <budget monthly=\"180\"/>\n"
  "  <projection months=\"12\"%s>\n    <growth percent=\"10\"/>\n  </projection>\n"
  "</scenario>\n";

static const char *
opened_verdict (Fixture    *f,
                const char *start)
{
  g_autofree char *path = g_build_filename (f->dir, "growing.skytally", NULL);
  g_autofree char *text = g_strdup_printf (growing_text, start);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SkyScenarioPage *page = scenario_page (f);
  SkySummaryCards *cards = cards_in (GTK_WIDGET (page));

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  open_scenario (page, file);
  show_page (f, "scenario");
  wait_for_estimate (f);
  wait_for_cards (cards);
  g_assert_cmpuint (sky_summary_cards_get_summary (cards)->providers->len, ==, 2);
  g_assert_cmpuint (((SkySummaryProvider *) g_ptr_array_index (
                       sky_summary_cards_get_summary (cards)->providers, 0))->first_month_over,
                    ==, 2);
  return card_text (cards, 0, "verdict");
}

/* A card's verdict names the first month over the budget by its number, and as its calendar
 * month when the scenario has a start month, as the Budget page does, by the same excess; a
 * start month changed names the month again. */
static void
test_summary_cards_calendar (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *numbered = NULL;
  const char *dated;

  import_fixture (f, "summary-alpha.xml", "summary-beta.xml", NULL);
  numbered = g_strdup (opened_verdict (f, ""));
  g_assert_cmpstr (numbered, ==, "Over in month 2, by 2.60 USD");
  sky_scenario_document_discard_recovery (document_of (scenario_page (f)));
  dated = opened_verdict (f, " start-month=\"2027-12\"");
  g_assert_cmpstr (dated, ==, "Over from January 2028, by 2.60 USD");

  /* The start month changed (as on the Budget page): the cards follow. */
  {
    SkyScenarioDocument *document = document_of (scenario_page (f));
    SkySummaryCards *cards = cards_in (GTK_WIDGET (scenario_page (f)));
    SkyScenario *s = sky_scenario_document_edit (document, "start-month");

    s->start_year = 2028;
    s->start_month = 8;
    sky_scenario_document_edited (document);
    wait_for_estimate (f);
    wait_for_cards (cards);
    g_assert_cmpstr (card_text (cards, 0, "verdict"), ==,
                     "Over from September 2028, by 2.60 USD");
    sky_scenario_document_discard_recovery (document);
  }
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "summary-cards", test_summary_cards,
                           "summary-cards-calendar", test_summary_cards_calendar,
                           "projected-once", test_projected_once,
                           NULL);
}
