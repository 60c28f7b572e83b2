/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Trade-offs page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

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
  g_assert_cmpuint (shown_scenario (scenario)->candidates->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (page)))),
                   ==, "empty");

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
  SkyTradeoffsPage *page = SKY_TRADEOFFS_PAGE (gtk_widget_get_template_child (
                             GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "tradeoffs_page"));
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

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "tradeoffs-page", test_tradeoffs_page,
                           "tradeoffs-kinds", test_tradeoffs_kinds, NULL);
}
