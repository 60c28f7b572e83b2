/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-availability.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* An estimate made by hand: lines of one provider, each priced with an offer of a service of
 * tests/data/sla/small.xml (or not priced), deployed as the scenario's lines say. */
typedef struct
{
  SkyScenario         *scenario;
  SkyEstimate          estimate;
  SkyEstimateProvider  provider;
  SkyEstimateLine      lines[8];
  SkyOfferDetails      offers[8];
  guint                n;
  SkySlaTable         *table;
} Fixture;

static void
fixture_init (Fixture *f)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sla", "small.xml", NULL);
  g_autoptr(GError) error = NULL;

  memset (f, 0, sizeof *f);
  f->table = sky_sla_table_load (path, &error);
  g_assert_no_error (error);
  f->scenario = sky_scenario_new ("t", "USD");
  f->estimate.providers = g_ptr_array_new ();
  f->provider.provider = (char *) "examplecloud";
  f->provider.provider_name = (char *) "Example Cloud";
  f->provider.lines = g_ptr_array_new ();
  g_ptr_array_add (f->estimate.providers, &f->provider);
}

static void
fixture_clear (Fixture *f)
{
  g_ptr_array_unref (f->provider.lines);
  g_ptr_array_unref (f->estimate.providers);
  sky_scenario_free (f->scenario);
  sky_sla_table_unref (f->table);
}

/* A line of @service deployed as @deployment in @regions; @service NULL: not priced. */
static void
add (Fixture    *f,
     const char *label,
     const char *service,
     const char *deployment,
     guint       regions,
     const char *sheet_sla)
{
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  SkyEstimateLine *el = &f->lines[f->n];
  SkyOfferDetails *offer = &f->offers[f->n];

  line->label = g_strdup (label);
  sky_scenario_line_set_deployment (line, deployment);
  sky_scenario_line_set_regions (line, regions);
  g_ptr_array_add (f->scenario->lines, line);

  el->index = f->n;
  el->label = (char *) label;
  el->status = service != NULL ? SKY_LINE_PRICED : SKY_LINE_NO_MATCH;
  if (service != NULL)
    {
      offer->provider = (char *) "examplecloud";
      offer->sheet_version = (char *) "2026.1";
      offer->service = (char *) service;
      offer->service_name = (char *) service;
      offer->sla = (char *) sheet_sla;
      el->offer = offer;
    }
  g_ptr_array_add (f->provider.lines, el);
  f->n++;
}

static char *
shown (SkyDecimal percent)
{
  return sky_availability_format_percent (percent, SKY_EXPLAIN_PLAIN);
}

static void
assert_decimal (SkyDecimal  value,
                const char *expected)
{
  g_autofree char *text = sky_decimal_to_string (sky_decimal_normalize (value));

  g_assert_cmpstr (text, ==, expected);
}

/* Parts in series multiply: 99.99 % × 99.95 % = 99.940005 %, shown 99.94 %; its downtime at
 * 730 hours a month is 0.059995 % of 43,800 minutes = 26.27781 minutes, and 315.33372 a
 * year. */
static void
test_series (void)
{
  Fixture f;
  g_autoptr(SkyAvailability) a = NULL;
  const SkyAvailabilityProvider *p;
  g_autofree char *percent = NULL, *month = NULL, *year = NULL, *text = NULL;

  fixture_init (&f);
  add (&f, "API servers", "vm", "zones", 1, NULL);
  add (&f, "Database", "db", "standby-zone", 1, NULL);
  a = sky_availability_compute (&f.estimate, f.scenario, f.table);
  p = g_ptr_array_index (a->providers, 0);

  g_assert_cmpuint (p->parts->len, ==, 2);
  g_assert_true (p->complete);
  g_assert_false (p->implied);
  assert_decimal (p->availability, "99.940005");
  percent = shown (p->availability);
  g_assert_cmpstr (percent, ==, "99.94 %");
  assert_decimal (p->downtime_month, "26.27781");
  assert_decimal (p->downtime_year, "315.33372");
  month = sky_availability_format_downtime (p->downtime_month, SKY_EXPLAIN_PLAIN);
  year = sky_availability_format_downtime (p->downtime_year, SKY_EXPLAIN_PLAIN);
  g_assert_cmpstr (month, ==, "26.3 minutes");
  g_assert_cmpstr (year, ==, "5.3 hours");

  text = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "vm, Across zones (API servers): 99.99 %, Example SLA "
                                  "(https://example.com/sla), as of 2025-06-01: Two or more "
                                  "instances across zones\n"));
  g_assert_nonnull (strstr (text, "99.99 % × 99.95 % = 99.94 %\n"));
  g_assert_nonnull (strstr (text, "Downtime: 0.059995 % × 730 hours = 26.3 minutes a month, × 12 = "
                                  "5.3 hours a year"));
  fixture_clear (&f);
}

/* A part in two regions combines as 1 − (1 − a)²: 1 − 0.005² = 99.9975 %, shown cut to
 * 99.997 %, and is labelled as implied, not published. */
static void
test_parallel (void)
{
  Fixture f;
  g_autoptr(SkyAvailability) a = NULL;
  const SkyAvailabilityProvider *p;
  const SkyAvailabilityPart *part;
  g_autofree char *percent = NULL, *text = NULL;

  fixture_init (&f);
  add (&f, "API servers", "vm", "single", 2, NULL);
  a = sky_availability_compute (&f.estimate, f.scenario, f.table);
  p = g_ptr_array_index (a->providers, 0);
  part = g_ptr_array_index (p->parts, 0);

  g_assert_true (part->implied);
  g_assert_true (p->implied);
  assert_decimal (part->published, "99.5");
  assert_decimal (p->availability, "99.9975");
  percent = shown (p->availability);
  g_assert_cmpstr (percent, ==, "99.997 %");
  assert_decimal (p->downtime_month, "1.095");
  text = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "vm, Single instance, in 2 regions (API servers): 99.5 %"));
  g_assert_nonnull (strstr (text, "in 2 regions: 1 − (1 − 99.5 %)^2 = 99.997 % (implied by the "
                                  "SLAs, not published)"));
  fixture_clear (&f);
}

/* Series and parallel mixed: (1 − 0.0001²) × 0.999 = 99.899999001 %, shown 99.899 % (cut,
 * never rounded up to 99.9); two lines of one service deployed alike are one part; a service
 * with no SLA is left out and named. */
static void
test_mixed (void)
{
  Fixture f;
  g_autoptr(SkyAvailability) a = NULL;
  const SkyAvailabilityProvider *p;
  const SkyAvailabilityPart *part;
  const SkyAvailabilityLine *left_out;
  g_autofree char *percent = NULL, *text = NULL;

  fixture_init (&f);
  add (&f, "Web", "vm", "zones", 2, NULL);
  add (&f, "Workers", "vm", "zones", 2, NULL);
  add (&f, "Database", "db", "standby-same-zone", 1, NULL);
  add (&f, "Egress", "egress", "single", 1, NULL);
  a = sky_availability_compute (&f.estimate, f.scenario, f.table);
  p = g_ptr_array_index (a->providers, 0);

  g_assert_cmpuint (p->parts->len, ==, 2);
  part = g_ptr_array_index (p->parts, 0);
  g_assert_cmpuint (part->lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (part->lines, 1), ==, "Workers");
  assert_decimal (part->availability, "99.999999");
  assert_decimal (p->availability, "99.899999001");
  percent = shown (p->availability);
  g_assert_cmpstr (percent, ==, "99.899 %");
  g_assert_true (p->complete);
  g_assert_cmpuint (p->no_sla->len, ==, 1);
  left_out = g_ptr_array_index (p->no_sla, 0);
  g_assert_cmpstr (left_out->label, ==, "Egress");
  text = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "99.999 % × 99.9 % = 99.899 %"));
  g_assert_nonnull (strstr (text, "Egress is not counted: egress publishes no SLA"));
  fixture_clear (&f);
}

/* A line not priced, or deployed in a way its service's SLA does not cover, leaves the
 * availability incomplete: no verdict is given against a requirement. The sheet's figure is the
 * single deployment's where the table is silent. */
static void
test_incomplete (void)
{
  Fixture f;
  g_autoptr(SkyAvailability) a = NULL;
  const SkyAvailabilityProvider *p;
  g_autofree char *verdict = NULL;
  SkyDecimal required;

  fixture_init (&f);
  sky_decimal_parse ("99.9", 6, FALSE, &required, NULL);
  sky_scenario_set_required_availability (f.scenario, &required);
  add (&f, "Database", "db", "single", 1, NULL);
  add (&f, "Queue", NULL, "single", 1, NULL);
  add (&f, "Cache", "cache", "single", 1, "99.9");
  a = sky_availability_compute (&f.estimate, f.scenario, f.table);
  p = g_ptr_array_index (a->providers, 0);

  g_assert_false (p->complete);
  g_assert_false (p->short_of_required);
  g_assert_cmpuint (p->unknown->len, ==, 2);
  g_assert_cmpstr (((SkyAvailabilityLine *) g_ptr_array_index (p->unknown, 0))->reason, ==,
                   "db publishes no SLA for “Single instance”");
  g_assert_cmpuint (p->parts->len, ==, 1);
  g_assert_cmpstr (((SkyAvailabilityPart *) g_ptr_array_index (p->parts, 0))->source, ==,
                   "the price sheet examplecloud 2026.1");
  verdict = sky_availability_verdict (a, p, SKY_EXPLAIN_PLAIN);
  g_assert_cmpstr (verdict, ==,
                   "Not known whether it meets 99.9 %: the availability is incomplete");
  fixture_clear (&f);
}

/* Against a required availability: below it is short, at or above it meets. */
static void
test_required (void)
{
  static const struct
  {
    const char *required;
    gboolean    is_short;
    const char *verdict;
  } cases[] = {
    { "99.99", TRUE, "Short of 99.99 %" },
    { "99.940005", FALSE, "Meets 99.940005 %" },
    { "99.9", FALSE, "Meets 99.9 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f;
      g_autoptr(SkyAvailability) a = NULL;
      const SkyAvailabilityProvider *p;
      g_autofree char *verdict = NULL, *text = NULL;
      SkyDecimal required;

      fixture_init (&f);
      sky_decimal_parse (cases[i].required, 6, FALSE, &required, NULL);
      sky_scenario_set_required_availability (f.scenario, &required);
      add (&f, "API servers", "vm", "zones", 1, NULL);
      add (&f, "Database", "db", "standby-zone", 1, NULL);
      a = sky_availability_compute (&f.estimate, f.scenario, f.table);
      p = g_ptr_array_index (a->providers, 0);
      g_assert_true (p->complete);
      g_assert_cmpint (p->short_of_required, ==, cases[i].is_short);
      verdict = sky_availability_verdict (a, p, SKY_EXPLAIN_PLAIN);
      g_assert_cmpstr (verdict, ==, cases[i].verdict);
      text = sky_availability_explain (a, p, SKY_EXPLAIN_PLAIN);
      g_assert_true (g_str_has_suffix (text, cases[i].verdict));
      fixture_clear (&f);
    }
}

/* Downtime in minutes under two hours, in hours from there, one decimal. */
static void
test_downtime_format (void)
{
  static const struct
  {
    const char *minutes;
    const char *shown;
  } cases[] = {
    { "0", "0 minutes" }, { "4.38", "4.4 minutes" }, { "119.94", "119.9 minutes" },
    { "120", "2 hours" }, { "219", "3.7 hours" }, { "315.33372", "5.3 hours" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkyDecimal minutes;
      g_autofree char *text = NULL;

      sky_decimal_parse (cases[i].minutes, 10, FALSE, &minutes, NULL);
      text = sky_availability_format_downtime (minutes, SKY_EXPLAIN_PLAIN);
      g_assert_cmpstr (text, ==, cases[i].shown);
    }
}

/* The reach fixture: tests/data/reach-small.xml priced by tests/data/sla/reach.xml (the SLA
 * table of this program, set in main()), with tests/data/reach.skytally. */
static SkyReach *
reach (const char  *required,
       char       **dir,
       SkyCatalog **catalog)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reach.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  SkyDecimal level;
  SkyReach *r;

  g_assert_no_error (error);
  *catalog = sky_test_open_catalog (dir, "reach-small.xml", NULL);
  sky_decimal_parse (required, 6, FALSE, &level, NULL);
  r = sky_availability_cheapest (*catalog, s, &level, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->providers->len, ==, 1);
  return r;
}

static void
assert_choice (const SkyReachProvider *p,
               guint                   line,
               const char             *deployment,
               guint                   regions)
{
  const SkyReachChoice *c = g_ptr_array_index (p->choices, line);

  g_assert_cmpstr (c->deployment, ==, deployment);
  g_assert_cmpuint (c->regions, ==, regions);
}

/* 99.999 %: a server alone reaches 99.5 % (99.9975 % in two regions, 99.99 % across zones),
 * the database 99.9 % (99.9999 % in two regions, 99.99 % with a standby): only servers across
 * zones in two regions (1 − 0.0001² = 99.999999 %) with the database in two regions (so
 * 99.99989900000099 %) reach it, at 292 + 292 + 5 USD. */
static void
test_cheapest_known (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyReach) r = reach ("99.999", &dir, &catalog);
  const SkyReachProvider *p = g_ptr_array_index (r->providers, 0);
  g_autofree char *first = NULL, *second = NULL;

  g_assert_true (p->reached);
  g_assert_null (p->reason);
  assert_decimal (p->monthly_before, "224");
  g_assert_true (p->has_availability_before);
  assert_decimal (p->availability_before, "99.4005");
  assert_choice (p, 0, "zones", 2);
  assert_choice (p, 1, "single", 2);
  assert_choice (p, 2, "single", 1);
  assert_decimal (p->monthly, "589");
  assert_decimal (p->availability, "99.999899000001");
  /* 4 × 4 sets: egress has one choice. */
  g_assert_cmpuint (p->combinations, ==, 16);
  g_assert_cmpuint (p->steps->len, ==, 2);
  first = sky_reach_step_describe (r, g_ptr_array_index (p->steps, 0), SKY_EXPLAIN_PLAIN);
  second = sky_reach_step_describe (r, g_ptr_array_index (p->steps, 1), SKY_EXPLAIN_PLAIN);
  g_assert_cmpstr (first, ==, "Across zones, in 2 regions for Web: +219.00 USD a month, "
                              "99.4 % → 99.899 %");
  g_assert_cmpstr (second, ==, "Single instance, in 2 regions for Database: +146.00 USD a "
                               "month, 99.899 % → 99.999 %");
  sky_test_close_catalog (&dir, &catalog);
}

/* 99.9 %: two sets cost 438 + 5 USD (servers in two regions, or across zones, each with the
 * database in two regions); the tie goes to the more available (99.9974000025 % against
 * 99.98990001 %). */
static void
test_cheapest_tie (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyReach) r = reach ("99.9", &dir, &catalog);
  const SkyReachProvider *p = g_ptr_array_index (r->providers, 0);

  g_assert_true (p->reached);
  assert_choice (p, 0, "single", 2);
  assert_choice (p, 1, "single", 2);
  assert_decimal (p->monthly, "443");
  assert_decimal (p->availability, "99.9974000025");
  sky_test_close_catalog (&dir, &catalog);
}

/* Beyond what any set reaches (at most 99.99999800000001 %, across zones and with a standby in two regions each), the provider says so. */
static void
test_cheapest_unreachable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyReach) r = reach ("99.999999", &dir, &catalog);
  const SkyReachProvider *p = g_ptr_array_index (r->providers, 0);

  g_assert_false (p->reached);
  g_assert_false (p->too_many);
  g_assert_cmpstr (p->reason, ==, "No deployment of these lines reaches 99.999999 %");
  g_assert_cmpuint (p->choices->len, ==, 0);
  sky_test_close_catalog (&dir, &catalog);
}

/* More lines with choices than the search tries every set of: a clear message, no answer. */
static void
test_cheapest_too_many (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reach.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "reach-small.xml", NULL);
  g_autoptr(SkyReach) r = NULL;
  const SkyReachProvider *p;

  g_assert_no_error (error);
  for (guint i = 0; i < SKY_REACH_MAX_LINES; i++)
    {
      SkyScenarioLine *line = sky_scenario_line_copy (g_ptr_array_index (s->lines, 0));

      g_free (line->label);
      line->label = g_strdup_printf ("Web %u", i + 2);
      g_ptr_array_add (s->lines, line);
    }
  r = sky_availability_cheapest (catalog, s, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (r->providers, 0);
  g_assert_false (p->reached);
  g_assert_true (p->too_many);
  g_assert_true (g_str_has_prefix (p->reason, "Too many choices to try every one: at most 16 "
                                              "lines"));
  sky_test_close_catalog (&dir, &catalog);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sla = NULL;

  g_test_init (&argc, &argv, NULL);
  /* What the search prices with (sky_sla_table_get_default()) is the reach fixture's table. */
  sla = g_test_build_filename (G_TEST_DIST, "data", "sla", "reach.xml", NULL);
  g_setenv ("SKYTALLY_SLA_FILE", sla, TRUE);

  g_test_add_func ("/sky/availability/series", test_series);
  g_test_add_func ("/sky/availability/parallel", test_parallel);
  g_test_add_func ("/sky/availability/mixed", test_mixed);
  g_test_add_func ("/sky/availability/incomplete", test_incomplete);
  g_test_add_func ("/sky/availability/required", test_required);
  g_test_add_func ("/sky/availability/downtime-format", test_downtime_format);
  g_test_add_func ("/sky/availability/cheapest-known", test_cheapest_known);
  g_test_add_func ("/sky/availability/cheapest-tie", test_cheapest_tie);
  g_test_add_func ("/sky/availability/cheapest-unreachable", test_cheapest_unreachable);
  g_test_add_func ("/sky/availability/cheapest-too-many", test_cheapest_too_many);

  return g_test_run ();
}
