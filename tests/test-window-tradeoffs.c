/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Trade-offs page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-currency.h"
#include "sky-window-test-util.h"

static void
wait_for_scoring (SkyTradeoffsPage *page)
{
  run_while_busy (page, NULL);
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
  SkyTradeoffsPage *page = SKY_TRADEOFFS_PAGE (_sky_window_get_page (f->window, "tradeoffs"));
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
  g_assert_cmpuint (shown_scenario (scenario)->candidates->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
                     GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE, "stack"))), ==, "empty");

  keep_candidate (f, "std-2-us");
  keep_candidate (f, "mem-4-eu");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL));
  s = shown_scenario (scenario);
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
  s = shown_scenario (scenario);
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

  xml = sky_scenario_to_xml (shown_scenario (scenario));
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

/* The chart compares one kind of offer at a time: two servers (compute, a month) and egress
 * (network, per GB) are two kinds, each shown alone, the choice kept across scoring. */
static void
test_tradeoffs_kinds (Fixture       *f,
                      gconstpointer  data)
{
  SkyTradeoffsPage *page = SKY_TRADEOFFS_PAGE (_sky_window_get_page (f->window, "tradeoffs"));
  SkyScenarioPage *scenario = scenario_page (f);
  GtkDropDown *kinds = GTK_DROP_DOWN (gtk_widget_get_template_child (
                                        GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE,
                                        "kind_dropdown"));
  const SkyScoring *scoring;
  guint total = 0, n_kinds;

  import_fixture (f, "valid-small.xml", NULL);
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "mem-4-eu");
  keep_candidate (f, "egress-us");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL));
  wait_for_scoring (page);
  scoring = sky_tradeoffs_page_get_scoring (page);
  g_assert_nonnull (scoring);
  g_assert_cmpuint (scoring->options->len, ==, 3);

  n_kinds = g_list_model_get_n_items (gtk_drop_down_get_model (kinds));
  g_assert_cmpuint (n_kinds, ==, 2);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (kinds)));
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr(GArray) shown = NULL;
      const char *category = NULL;

      gtk_drop_down_set_selected (kinds, k);
      shown = sky_tradeoffs_page_dup_shown_options (page);
      g_assert_cmpuint (shown->len, >, 0);
      for (guint i = 0; i < shown->len; i++)
        {
          const SkyScoredOption *o = g_ptr_array_index (scoring->options,
                                                        g_array_index (shown, guint, i));

          g_assert_nonnull (o->offer);
          if (category == NULL)
            category = o->offer->category;
          g_assert_cmpstr (o->offer->category, ==, category);
        }
      if (g_strcmp0 (category, "compute") == 0)
        {
          g_autoptr(GtkStringObject) title = g_list_model_get_item (gtk_drop_down_get_model (kinds),
                                                                    k);

          g_assert_cmpuint (shown->len, ==, 2);
          g_assert_cmpstr (gtk_string_object_get_string (title), ==, "Compute, per month");
        }
      total += shown->len;
    }
  g_assert_cmpuint (total, ==, 3);

  /* Scored again (a weight moved), the kind chosen stays. */
  {
    g_autoptr(GArray) before = sky_tradeoffs_page_dup_shown_options (page);
    g_autoptr(GArray) after = NULL;
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario), NULL);

    ((SkyCriterion *) g_ptr_array_index (edit->criteria, 0))->weight = sky_decimal_from_int (1);
    sky_scenario_document_edited (document_of (scenario));
    wait_for_scoring (page);
    after = sky_tradeoffs_page_dup_shown_options (page);
    g_assert_cmpuint (after->len, ==, before->len);
    for (guint i = 0; i < before->len; i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < after->len; j++)
          found |= g_array_index (after, guint, j) == g_array_index (before, guint, i);
        g_assert_true (found);
      }
  }
  sky_scenario_document_discard_recovery (document_of (scenario));
}

/* The scatter tells a screen reader what it shows now: the kind of offer chosen, how many
 * options, the cheapest and the best scored with their figures in the window's form; another
 * kind, or scoring again, tells it again. */
static void
test_tradeoffs_chart_description (Fixture       *f,
                                  gconstpointer  data)
{
  SkyTradeoffsPage *page = SKY_TRADEOFFS_PAGE (_sky_window_get_page (f->window, "tradeoffs"));
  SkyScenarioPage *scenario = scenario_page (f);
  GtkDropDown *kinds = GTK_DROP_DOWN (gtk_widget_get_template_child (
                                        GTK_WIDGET (page), SKY_TYPE_TRADEOFFS_PAGE,
                                        "kind_dropdown"));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *compute_text = NULL;
  const SkyScoring *scoring;
  guint compute = G_MAXUINT;

  g_assert_cmpstr (sky_tradeoffs_page_get_chart_description (page), ==, "");
  import_fixture (f, "valid-small.xml", NULL);
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "mem-4-eu");
  keep_candidate (f, "egress-us");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.use-candidates", NULL));
  wait_for_scoring (page);
  scoring = sky_tradeoffs_page_get_scoring (page);

  for (guint k = 0; k < g_list_model_get_n_items (gtk_drop_down_get_model (kinds)); k++)
    {
      g_autoptr(GtkStringObject) title = g_list_model_get_item (gtk_drop_down_get_model (kinds),
                                                                k);
      g_autoptr(GArray) shown = NULL;
      g_autofree char *head = NULL;
      const char *text;

      gtk_drop_down_set_selected (kinds, k);
      shown = sky_tradeoffs_page_dup_shown_options (page);
      text = sky_tradeoffs_page_get_chart_description (page);
      g_test_message ("%s", text);
      head = g_strdup_printf ("Cost against score, %s: %u %s. ",
                              gtk_string_object_get_string (title), shown->len,
                              shown->len == 1 ? "option" : "options");
      g_assert_true (g_str_has_prefix (text, head));
      for (guint i = 0; i < texts->len; i++)
        g_assert_cmpstr (text, !=, g_ptr_array_index (texts, i));
      g_ptr_array_add (texts, g_strdup (text));
      if (strcmp (gtk_string_object_get_string (title), "Compute, per month") == 0)
        compute = k;
    }
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_cmpuint (compute, !=, G_MAXUINT);

  /* The two servers: the cheaper and the better scored, each with its cost and score. */
  gtk_drop_down_set_selected (kinds, compute);
  {
    g_autoptr(GArray) shown = sky_tradeoffs_page_dup_shown_options (page);
    const SkyScoredOption *a = g_ptr_array_index (scoring->options,
                                                  g_array_index (shown, guint, 0));
    const SkyScoredOption *b = g_ptr_array_index (scoring->options,
                                                  g_array_index (shown, guint, 1));
    const SkyScoredOption *cheapest = sky_decimal_compare (a->cost, b->cost) <= 0 ? a : b;
    const SkyScoredOption *best = a->score >= b->score ? a : b;
    g_autofree char *cost = sky_currency_format_display (scoring->currency, cheapest->cost);
    g_autofree char *expected = g_strdup_printf ("Cheapest: %s, %s a month, scoring ",
                                                 cheapest->name, cost);
    g_autofree char *best_text = NULL;
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    g_free (cost);
    cost = sky_currency_format_display (scoring->currency, best->cost);
    best_text = g_strdup_printf ("Best scored: %s, %s a month, scoring %s.", best->name, cost,
                                 g_ascii_formatd (buffer, sizeof buffer, "%.1f", best->score));
    compute_text = g_strdup (sky_tradeoffs_page_get_chart_description (page));
    g_assert_nonnull (strstr (compute_text, expected));
    g_assert_nonnull (strstr (compute_text, best_text));
  }

  /* Scored again with other weights: the scores told follow. */
  {
    SkyScenario *edit = sky_scenario_document_edit (document_of (scenario), NULL);

    for (guint i = 0; i < edit->criteria->len; i++)
      ((SkyCriterion *) g_ptr_array_index (edit->criteria, i))->weight =
        sky_decimal_from_int (i == 0 ? 1 : 50);
    sky_scenario_document_edited (document_of (scenario));
    wait_for_scoring (page);
    g_assert_cmpuint (gtk_drop_down_get_selected (kinds), ==, compute);
    g_assert_true (g_str_has_prefix (sky_tradeoffs_page_get_chart_description (page),
                                     "Cost against score, Compute, per month: 2 options. "));
    g_assert_cmpstr (sky_tradeoffs_page_get_chart_description (page), !=, compute_text);
  }
  sky_scenario_document_discard_recovery (document_of (scenario));
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "tradeoffs-page", test_tradeoffs_page,
                           "tradeoffs-kinds", test_tradeoffs_kinds,
                           "tradeoffs-chart-description", test_tradeoffs_chart_description,
                           NULL);
}
