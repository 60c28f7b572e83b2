/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sky-catalog.h"
#include "sky-scenario.h"
#include "sky-score.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Scoring candidates (offers, or a scenario priced on each provider) on weighted criteria, on
 * valid-small.xml (Example Cloud, USD) and other-small.xml (Other Cloud, EUR). */

typedef SkyCatalogFixture Fixture;

static void
add_candidate (SkyScenario *s,
               const char  *provider,
               const char  *sku)
{
  SkyCandidate *c = g_new0 (SkyCandidate, 1);

  c->provider = g_strdup (provider);
  c->sku = g_strdup (sku);
  g_ptr_array_add (s->candidates, c);
}

/* Adds to @s the exchange rate of @rate @to for one @from, pinned on 2026-11-01. */
static void
add_rate (SkyScenario *s,
          const char  *from,
          const char  *to,
          const char  *rate)
{
  SkyExchangeRate *r = g_new0 (SkyExchangeRate, 1);

  r->from = g_strdup (from);
  r->to = g_strdup (to);
  r->date = g_strdup ("2026-11-01");
  g_assert_true (sky_decimal_parse (rate, 10, FALSE, &r->rate, NULL));
  g_ptr_array_add (s->rates, r);
}

typedef struct
{
  const char *target;
  int         value;
} Rating;

/* Adds to @s the rated criterion @id, named @name, of @weight, and @n_ratings @ratings of it;
 * returns the criterion, which @s holds. */
static SkyCriterion *
add_rated_criterion (SkyScenario  *s,
                     const char   *id,
                     const char   *name,
                     int           weight,
                     const Rating *ratings,
                     gsize         n_ratings)
{
  SkyCriterion *criterion = g_new0 (SkyCriterion, 1);

  criterion->id = g_strdup (id);
  criterion->name = g_strdup (name);
  criterion->kind = SKY_CRITERION_RATED;
  criterion->weight = sky_decimal_from_int (weight);
  g_ptr_array_add (s->criteria, criterion);
  for (gsize i = 0; i < n_ratings; i++)
    {
      SkyRating *r = g_new0 (SkyRating, 1);

      r->criterion = g_strdup (id);
      r->target = g_strdup (ratings[i].target);
      r->value = ratings[i].value;
      g_ptr_array_add (s->ratings, r);
    }
  return criterion;
}

/* Three candidates scored on five criteria, worked out by hand:
 *   std-2: 70.08 USD a month, 2 vCPU, 8 GiB, SLA 99.99, the feature "network", rated 2;
 *   mem-4: 183.96 USD, 4 vCPU, 32 GiB, SLA 99.9, no feature, rated 4 (itself);
 *   o-4: 146 EUR × 1.1 = 160.60 USD, 4 vCPU, 16 GiB, SLA 99.95, no feature, rated 5.
 * Normalised (best 1): cost 1, 0, 23.36 / 113.88; performance 0, 1, (1 + 1/3) / 2; SLA 1, 0,
 * 0.05 / 0.09; features 1, 0, 0; rating 0, 2/3, 1. Weights 40, 20, 20, 10, 10 give 70,
 * 26.67 and 42.65. The cost weight can fall to 4.4444 / 0.794872 = 5.5914 before o-4 wins. */
static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Choice", "USD");
  g_autoptr(SkyScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;
  static const Rating ratings[] = {
    { "examplecloud", 2 }, { "examplecloud:mem-4-eu", 4 }, { "othercloud", 5 },
  };
  SkyScoredOption *std2, *mem4, *o4;
  SkySensitivity *cost;

  add_rate (s, "EUR", "USD", "1.1");
  add_candidate (s, "examplecloud", "std-2-us");
  add_candidate (s, "examplecloud", "mem-4-eu");
  add_candidate (s, "othercloud", "o-4");
  sky_scenario_add_default_criteria (s);
  /* Cost 40, performance 20, SLA 20, features 10, lock-in 10. */
  ((SkyCriterion *) g_ptr_array_index (s->criteria, 3))->weight = sky_decimal_from_int (10);
  add_rated_criterion (s, "lock-in", "Lock-in risk", 10, ratings, G_N_ELEMENTS (ratings));

  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  std2 = g_ptr_array_index (scoring->options, 0);
  mem4 = g_ptr_array_index (scoring->options, 1);
  o4 = g_ptr_array_index (scoring->options, 2);
  {
    g_autofree char *c = sky_decimal_format (o4->cost, 2);
    g_assert_cmpstr (c, ==, "160.60");
  }
  g_assert_cmpfloat_with_epsilon (std2->score, 70.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (mem4->score, 80.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (o4->score, 40 * (23.36 / 113.88) + 20 * (2.0 / 3) +
                                              20 * (0.05 / 0.09) + 10, 1e-6);
  g_assert_cmpuint (std2->rank, ==, 1);
  g_assert_cmpuint (o4->rank, ==, 2);
  g_assert_cmpuint (mem4->rank, ==, 3);
  /* std-2 costs least and scores most: it alone is on the front. */
  g_assert_true (std2->pareto);
  g_assert_false (mem4->pareto);
  g_assert_false (o4->pareto);

  cost = &g_array_index (scoring->sensitivity, SkySensitivity, 0);
  g_assert_cmpfloat_with_epsilon (cost->low, (34.0 + 4.0 / 9 - 30) / (1 - 23.36 / 113.88),
                                  1e-6);
  g_assert_true (isinf (cost->high));
  g_assert_cmpint (cost->below, ==, 2);

  /* Written and read back, the criteria, ratings and candidates are the same. */
  {
    g_autofree char *xml = sky_scenario_to_xml (s);
    g_autoptr(SkyScenario) again = sky_scenario_parse (xml, strlen (xml), "again", &error);
    g_autofree char *xml2 = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (again->criteria->len, ==, 5);
    g_assert_cmpuint (again->ratings->len, ==, 3);
    g_assert_cmpuint (again->candidates->len, ==, 3);
    xml2 = sky_scenario_to_xml (again);
    g_assert_cmpstr (xml, ==, xml2);
  }
}

/* A cost that does not fit once converted stops the scoring with an error (it was left in
 * dollars and shown as euros). */
static void
test_score_overflow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Huge rate", "EUR");
  g_autoptr(SkyScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;

  add_rate (s, "USD", "EUR", "99999999999999999999999999.9999999999");
  add_candidate (s, "examplecloud", "std-2-us");
  sky_scenario_add_default_criteria (s);

  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_null (scoring);
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "too large to compute exactly"));
}

/* Providers as the options: the scenario priced on each, its effective monthly total the cost
 * (Example Cloud 4968.82, Other Cloud 4785.66 with two lines it cannot price), and its SLA the
 * lowest of the offers it was priced with (99.95 for both: equal, so 1 for both). */
static void
test_score_providers (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  g_autoptr(SkyScoring) scoring = NULL;
  SkyScoredOption *example, *other;

  g_assert_no_error (error);
  add_candidate (s, "examplecloud", NULL);
  add_candidate (s, "othercloud", NULL);
  sky_scenario_add_default_criteria (s);
  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->options->len, ==, 2);
  g_assert_cmpuint (scoring->sensitivity->len, ==, s->criteria->len);
  example = g_ptr_array_index (scoring->options, 0);
  other = g_ptr_array_index (scoring->options, 1);
  g_assert_null (example->offer);
  g_assert_cmpstr (example->name, ==, "Example Cloud");
  {
    g_autofree char *a = sky_decimal_format (example->cost, 2);
    g_autofree char *b = sky_decimal_format (other->cost, 2);
    g_assert_cmpstr (a, ==, "4968.82");
    g_assert_cmpstr (b, ==, "4785.66");
  }
  g_assert_cmpstr (other->cost_unit, ==, "month, 2 not priced");
  g_assert_cmpstr (example->sla, ==, "99.95");
  /* Cost 40 to Other Cloud; performance, SLA and features equal: 100 and 60. */
  g_assert_cmpfloat_with_epsilon (other->score, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (example->score, 60, 1e-9);
  /* But Other Cloud cannot price two lines: its cost leaves them out, so it is incomplete,
   * ranks after the complete Example Cloud and is not on the front. */
  g_assert_true (other->incomplete);
  g_assert_false (example->incomplete);
  g_assert_cmpuint (example->rank, ==, 1);
  g_assert_cmpuint (other->rank, ==, 2);
  g_assert_true (example->pareto);
  g_assert_false (other->pareto);
  for (guint k = 0; k < scoring->sensitivity->len; k++)
    {
      SkySensitivity *sens = &g_array_index (scoring->sensitivity, SkySensitivity, k);
      g_assert_cmpint (sens->below, !=, 1);
      g_assert_cmpint (sens->above, !=, 1);
    }
}

/* What cannot be scored is an error that says why: no candidates, no criteria, an offer the
 * catalog does not have (in any sheet, or in the sheet named), one with no on-demand price, and
 * one in another currency without a pinned rate. */
static void
test_score_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Errors", "USD");
  g_autoptr(GError) error = NULL;
  SkyCandidate *c;

  g_assert_null (sky_score_scenario (f->catalog, s, &error));
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_NO_CANDIDATES);
  g_clear_error (&error);

  add_candidate (s, "examplecloud", "std-2-us");
  g_assert_null (sky_score_scenario (f->catalog, s, &error));
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_NO_CRITERIA);
  g_clear_error (&error);

  sky_scenario_add_default_criteria (s);
  add_candidate (s, "examplecloud", "nope");
  g_assert_null (sky_score_scenario (f->catalog, s, &error));
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CANDIDATE);
  g_assert_cmpstr (error->message, ==, "The catalog has no offer examplecloud:nope");
  g_clear_error (&error);

  c = g_ptr_array_index (s->candidates, 1);
  g_free (c->sku);
  c->sku = g_strdup ("mem-4-eu");
  c->sheet_version = g_strdup ("1999.1");
  g_assert_null (sky_score_scenario (f->catalog, s, &error));
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CANDIDATE);
  g_assert_cmpstr (error->message, ==,
                   "The catalog has no offer examplecloud:mem-4-eu in sheet 1999.1");
  g_clear_error (&error);

  g_ptr_array_remove_index (s->candidates, 1);
  add_candidate (s, "othercloud", "o-4");
  g_assert_null (sky_score_scenario (f->catalog, s, &error));
  g_assert_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==, "othercloud:o-4 is priced in EUR and the scenario pins "
                                       "no exchange rate from EUR to USD");
}

/* An offer priced per another unit than the hour is compared by its on-demand unit price
 * (egress: its first tier's, 0.09 USD per GB), and says so. */
static void
test_score_other_unit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Units", "USD");
  g_autoptr(SkyScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;
  SkyScoredOption *egress, *fn;

  add_candidate (s, "examplecloud", "egress-us");
  add_candidate (s, "examplecloud", "fn-us");
  sky_scenario_add_default_criteria (s);
  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  egress = g_ptr_array_index (scoring->options, 0);
  fn = g_ptr_array_index (scoring->options, 1);
  {
    g_autofree char *a = sky_decimal_format (egress->cost, 2);
    g_autofree char *b = sky_decimal_format (fn->cost, 2);
    g_assert_cmpstr (a, ==, "0.09");
    g_assert_cmpstr (egress->cost_unit, ==, "gb");
    /* The first on-demand price of the functions is per million requests: 0.20. */
    g_assert_cmpstr (b, ==, "0.20");
    g_assert_cmpstr (fn->cost_unit, ==, "million-requests");
  }
  g_assert_cmpstr (g_ptr_array_index (egress->raw, 0), ==, "0.09");
}

/* Equal candidates: every criterion normalises to 1 for both, both score 100, the first ranks
 * first, neither pushes the other off the front, and no weight unseats the top. */
static void
test_score_ties (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Twins", "USD");
  g_autoptr(SkyScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;

  add_candidate (s, "examplecloud", "std-2-us");
  add_candidate (s, "examplecloud", "std-2-us");
  sky_scenario_add_default_criteria (s);
  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->options->len, ==, 2);
  g_assert_cmpuint (scoring->sensitivity->len, ==, s->criteria->len);
  for (guint i = 0; i < 2; i++)
    {
      SkyScoredOption *o = g_ptr_array_index (scoring->options, i);

      g_assert_cmpfloat_with_epsilon (o->score, 100, 1e-9);
      g_assert_cmpuint (o->rank, ==, i + 1);
      g_assert_true (o->pareto);
      g_assert_cmpuint (o->normalised->len, ==, s->criteria->len);
      for (guint k = 0; k < o->normalised->len; k++)
        g_assert_cmpfloat (g_array_index (o->normalised, double, k), ==, 1);
    }
  g_assert_cmpuint (g_array_index (scoring->order, guint, 0), ==, 0);
  for (guint k = 0; k < scoring->sensitivity->len; k++)
    {
      SkySensitivity *sens = &g_array_index (scoring->sensitivity, SkySensitivity, k);

      g_assert_cmpfloat (sens->low, ==, 0);
      g_assert_true (isinf (sens->high));
      g_assert_cmpint (sens->below, ==, -1);
      g_assert_cmpint (sens->above, ==, -1);
    }
}

/* A rated criterion alone: an offer's own rating wins over its provider's, and an option rated
 * by neither sits in the middle of the scale (3): ratings 5, 3 and 1 score 100, 50 and 0. The
 * weights' total is what scores are out of; with every weight 0, every score is 0. */
static void
test_score_ratings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Rated", "USD");
  g_autoptr(SkyScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;
  static const Rating ratings[] = {
    { "examplecloud", 1 }, { "examplecloud:mem-4-eu", 5 },
  };
  SkyCriterion *support;

  add_rate (s, "EUR", "USD", "1.1");
  add_candidate (s, "examplecloud", "std-2-us");
  add_candidate (s, "examplecloud", "mem-4-eu");
  add_candidate (s, "othercloud", "o-4");
  support = add_rated_criterion (s, "support", "Support", 7, ratings, G_N_ELEMENTS (ratings));

  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (((SkyScoredOption *) g_ptr_array_index (scoring->options,
                                                                          0))->score, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (((SkyScoredOption *) g_ptr_array_index (scoring->options,
                                                                          1))->score, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (((SkyScoredOption *) g_ptr_array_index (scoring->options,
                                                                          2))->score, 50, 1e-9);
  g_assert_cmpstr (g_ptr_array_index (((SkyScoredOption *) g_ptr_array_index (scoring->options,
                                                                              2))->raw, 0),
                   ==, "3");
  g_assert_cmpuint (g_array_index (scoring->order, guint, 0), ==, 1);

  support->weight = sky_decimal_from_int (0);
  g_clear_pointer (&scoring, sky_scoring_free);
  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->options->len, ==, 3);
  for (guint i = 0; i < scoring->options->len; i++)
    g_assert_cmpfloat (((SkyScoredOption *) g_ptr_array_index (scoring->options, i))->score, ==,
                       0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/score/" name, Fixture, NULL, sky_catalog_fixture_setup, func, \
              sky_catalog_fixture_teardown)
  ADD ("criteria", test_score);
  ADD ("providers", test_score_providers);
  ADD ("overflow", test_score_overflow);
  ADD ("errors", test_score_errors);
  ADD ("other-unit", test_score_other_unit);
  ADD ("ties", test_score_ties);
  ADD ("ratings", test_score_ratings);
#undef ADD

  return g_test_run ();
}
