/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-summary.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Summaries worked out by hand on tests/data/summary-*.xml, three providers in USD at 730 hours
 * a month: Alpha, a vm at 0.10 an hour on demand (0.05 reserved for a year with a fee of 300)
 * and disks at 0.02 a GB-month; Beta, a vm at 0.05 and no disks; Gamma, Alpha's prices again.
 * Two servers and 1000 GB of disk cost Alpha and Gamma 2 × 730 × 0.10 + 1000 × 0.02 = 166.00 a
 * month; Beta prices only the servers, 73.00. */

typedef struct
{
  char       *dir;
  SkyCatalog *catalog;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->catalog = sky_test_open_catalog (&f->dir, "summary-alpha.xml", "summary-beta.xml",
                                      "summary-gamma.xml", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_test_close_catalog (&f->dir, &f->catalog);
}

/* A scenario on @providers ("alpha beta"), servers on @term, disks, and @extra elements. */
static SkyScenario *
scenario_on (const char *providers,
             const char *term,
             const char *extra)
{
  g_auto(GStrv) ids = g_strsplit (providers, " ", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario;

  g_string_append (text, "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                         "name=\"Summary\" currency=\"USD\" hours-per-month=\"730\">\n"
                         "  <providers>\n");
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (text, "    <provider id=\"%s\"/>\n", ids[i]);
  g_string_append_printf (text,
                          "  </providers>\n"
                          "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\" term=\"%s\">\n"
                          "    <requirement category=\"compute\"/>\n  </line>\n"
                          "  <line label=\"Disks\" quantity=\"1\" usage=\"1000\" "
                          "unit=\"gb-month\" term=\"on-demand\">\n"
                          "    <requirement category=\"storage\"/>\n  </line>\n"
                          "%s</scenario>\n", term, extra);
  scenario = sky_scenario_parse (text->str, text->len, "summary", &error);
  g_assert_no_error (error);
  return scenario;
}

static SkySummary *
summarize (Fixture           *f,
           const SkyScenario *scenario,
           guint              term_months)
{
  g_autoptr(GError) error = NULL;
  SkySummary *summary = sky_summary_compute (f->catalog, scenario, NULL, FALSE, term_months,
                                             &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
assert_money (SkyDecimal  value,
              const char *expected)
{
  SkyDecimal want = sky_decimal_from_int (0);

  g_assert_true (sky_decimal_parse (expected, 10, TRUE, &want, NULL));
  if (sky_decimal_compare (value, want) != 0)
    {
      g_autofree char *text = sky_decimal_to_string (value);
      g_assert_cmpstr (text, ==, expected);
    }
}

static const SkySummaryProvider *
nth (const SkySummary *summary,
     guint             i)
{
  g_assert_cmpuint (i, <, summary->providers->len);
  return g_ptr_array_index (summary->providers, i);
}

/* On demand over the scenario's 24 projection months (no line commits): 166.00 a month, 1992.00
 * the first year, 3984.00 over the term; Beta, cheaper but missing the disks, is not called
 * cheapest. */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha beta", "on-demand",
                                          "  <projection months=\"24\"/>\n");
  g_autoptr(SkySummary) summary = summarize (f, s, 0);
  const SkySummaryProvider *alpha = nth (summary, 0), *beta = nth (summary, 1);

  g_assert_cmpstr (summary->currency, ==, "USD");
  g_assert_cmpuint (summary->term, ==, SKY_SUMMARY_TERM_PROJECTION);
  g_assert_cmpuint (summary->term_months, ==, 24);
  g_assert_cmpuint (summary->providers->len, ==, 2);

  g_assert_cmpstr (alpha->provider, ==, "alpha");
  g_assert_cmpstr (alpha->provider_short_name, ==, "Alpha");
  assert_money (alpha->monthly, "166.00");
  assert_money (alpha->upfront, "0.00");
  assert_money (alpha->first_year, "1992.00");
  assert_money (alpha->term_total, "3984.00");
  g_assert_true (alpha->complete);
  g_assert_cmpuint (alpha->n_unpriced, ==, 0);
  g_assert_cmpstr (alpha->prices_as_of, ==, "2026-06-01");

  /* Beta prices the servers only: 2 × 730 × 0.05. */
  assert_money (beta->monthly, "73.00");
  assert_money (beta->term_total, "1752.00");
  g_assert_false (beta->complete);
  g_assert_cmpuint (beta->n_unpriced, ==, 1);

  g_assert_true (alpha->cheapest);
  g_assert_false (beta->cheapest);
  g_assert_cmpuint (summary->n_cheapest, ==, 1);
}

/* A commitment of a year sets the term: 2 × 730 × 0.05 = 73.00 a month and 2 × 300 upfront;
 * the first year and the term are 12 × (73.00 + 20.00) + 600 = 1716.00. Chosen, 36 months renew
 * the reservation twice: 36 × 93.00 + 3 × 600 = 5148.00. */
static void
test_term (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha", "reserved-1y-partial-upfront",
                                          "  <projection months=\"24\"/>\n");
  g_autoptr(SkySummary) by_commitment = summarize (f, s, 0);
  g_autoptr(SkySummary) chosen = summarize (f, s, 36);
  g_autofree char *term_text = NULL;

  g_assert_cmpuint (sky_summary_default_term (s, NULL), ==, 12);
  g_assert_cmpuint (by_commitment->term, ==, SKY_SUMMARY_TERM_COMMITMENT);
  g_assert_cmpuint (by_commitment->term_months, ==, 12);
  assert_money (nth (by_commitment, 0)->monthly, "93.00");
  assert_money (nth (by_commitment, 0)->upfront, "600.00");
  assert_money (nth (by_commitment, 0)->first_year, "1716.00");
  assert_money (nth (by_commitment, 0)->term_total, "1716.00");
  term_text = sky_summary_term_text (by_commitment);
  g_assert_cmpstr (term_text, ==, "12 months (the longest commitment)");

  g_assert_cmpuint (chosen->term, ==, SKY_SUMMARY_TERM_CHOSEN);
  g_assert_cmpuint (chosen->term_months, ==, 36);
  assert_money (nth (chosen, 0)->first_year, "1716.00");
  assert_money (nth (chosen, 0)->term_total, "5148.00");
}

/* Alpha and Gamma cost the same: both are called cheapest, and the summary says they tie. */
static void
test_tie (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha beta gamma", "on-demand", "");
  g_autoptr(SkySummary) summary = summarize (f, s, 0);

  assert_money (nth (summary, 0)->term_total, "1992.00");
  assert_money (nth (summary, 2)->term_total, "1992.00");
  g_assert_true (nth (summary, 0)->cheapest);
  g_assert_false (nth (summary, 1)->cheapest);
  g_assert_true (nth (summary, 2)->cheapest);
  g_assert_cmpuint (summary->n_cheapest, ==, 2);
}

/* Without a complete provider, none is cheapest. */
static void
test_none_complete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("beta", "on-demand", "");
  g_autoptr(SkySummary) summary = summarize (f, s, 0);

  g_assert_false (nth (summary, 0)->complete);
  g_assert_false (nth (summary, 0)->cheapest);
  g_assert_cmpuint (summary->n_cheapest, ==, 0);
}

/* No budget: no verdict. */
static void
test_no_budget (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha", "on-demand", "");
  g_autoptr(SkySummary) summary = summarize (f, s, 0);
  g_autofree char *text = sky_summary_verdict_text (summary, nth (summary, 0));

  g_assert_cmpuint (nth (summary, 0)->verdict, ==, SKY_BUDGET_NONE);
  g_assert_cmpstr (text, ==, "No budget");
}

/* Against 150 a month and 1800 a year, Alpha's 166.00 is over by 16.00 a month from month 1, and
 * its 1992.00 by 192.00 in year 1; Beta's 73.00 keeps the caps but leaves the disks out, so it
 * cannot be judged; against 200 a month Alpha is within. */
static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SkyScenario) over = scenario_on ("alpha beta", "on-demand",
                                             "  <budget monthly=\"150\" yearly=\"1800\"/>\n");
  g_autoptr(SkyScenario) yearly = scenario_on ("alpha", "on-demand",
                                               "  <budget yearly=\"1800\"/>\n");
  g_autoptr(SkyScenario) within = scenario_on ("alpha", "on-demand",
                                               "  <budget monthly=\"200\"/>\n");
  g_autoptr(SkySummary) s_over = summarize (f, over, 0);
  g_autoptr(SkySummary) s_yearly = summarize (f, yearly, 0);
  g_autoptr(SkySummary) s_within = summarize (f, within, 0);
  const SkySummaryProvider *alpha = nth (s_over, 0);
  g_autofree char *over_text = sky_summary_verdict_text (s_over, alpha);
  g_autofree char *beta_text = sky_summary_verdict_text (s_over, nth (s_over, 1));
  g_autofree char *yearly_text = sky_summary_verdict_text (s_yearly, nth (s_yearly, 0));
  g_autofree char *within_text = sky_summary_verdict_text (s_within, nth (s_within, 0));

  g_assert_cmpuint (alpha->verdict, ==, SKY_BUDGET_OVER);
  g_assert_cmpuint (alpha->first_month_over, ==, 1);
  assert_money (alpha->monthly_excess, "16.00");
  g_assert_cmpuint (alpha->first_year_over, ==, 1);
  assert_money (alpha->yearly_excess, "192.00");
  g_assert_cmpstr (over_text, ==, "Over by 16.00 USD a month");

  g_assert_cmpuint (nth (s_over, 1)->verdict, ==, SKY_BUDGET_CANNOT_JUDGE);
  g_assert_cmpstr (beta_text, ==, "Cannot judge: lines not priced");

  g_assert_cmpstr (yearly_text, ==, "Over by 192.00 USD a year");

  g_assert_cmpuint (nth (s_within, 0)->verdict, ==, SKY_BUDGET_WITHIN);
  g_assert_cmpstr (within_text, ==, "Within budget");
}

/* A group's cap broken before the monthly budget is the breach told: the servers' 146.00 is
 * over a cap of 100 from month 1, while the 166.00 total keeps 200 a month. */
static void
test_group_cap (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha", "on-demand",
                                          "  <budget monthly=\"200\">\n"
                                          "    <cap group=\"Compute\" monthly=\"100\"/>\n"
                                          "  </budget>\n");
  g_autoptr(SkySummary) summary = NULL;
  g_autofree char *text = NULL;
  SkyScenarioLine *servers = g_ptr_array_index (s->lines, 0);

  g_free (servers->group);
  servers->group = g_strdup ("Compute");
  summary = summarize (f, s, 0);
  text = sky_summary_verdict_text (summary, nth (summary, 0));
  g_assert_cmpuint (nth (summary, 0)->verdict, ==, SKY_BUDGET_OVER);
  g_assert_cmpuint (nth (summary, 0)->first_month_over, ==, 0);
  g_assert_cmpuint (nth (summary, 0)->first_group_over, ==, 1);
  g_assert_cmpuint (nth (summary, 0)->n_groups_over, ==, 1);
  g_assert_cmpstr (text, ==, "A group over its cap in month 1");
}

/* Prices dated 2026-06-01 are 30 days old on 2026-07-01: fresh within 90 days, stale after 20. */
static void
test_freshness (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SkyScenario) s = scenario_on ("alpha", "on-demand", "");
  g_autoptr(SkySummary) summary = summarize (f, s, 0);

  sky_summary_set_freshness (summary, "2026-07-01", 90);
  g_assert_cmpint (nth (summary, 0)->prices_age_days, ==, 30);
  g_assert_false (nth (summary, 0)->stale);
  sky_summary_set_freshness (summary, "2026-07-01", 20);
  g_assert_true (nth (summary, 0)->stale);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sky/summary/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("figures", test_figures);
  ADD ("term", test_term);
  ADD ("tie", test_tie);
  ADD ("none-complete", test_none_complete);
  ADD ("no-budget", test_no_budget);
  ADD ("budget", test_budget);
  ADD ("group-cap", test_group_cap);
  ADD ("freshness", test_freshness);
#undef ADD

  return g_test_run ();
}
