/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-compare.h"
#include "sky-catalog-match.h"
#include "sky-score.h"
#include "sky-scenario.h"

#include <math.h>
#include "sky-test-util.h"

/* Equivalent services, comparisons and scores, on valid-small.xml (Example Cloud) and
 * other-small.xml (Other Cloud); matching has test-catalog-match.c. */

typedef struct
{
  char       *dir;
  SkyCatalog *catalog;
} Fixture;

static void
import (Fixture    *f,
        const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = sky_catalog_import_file (f->catalog, path, NULL, NULL,
                                                               NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("skytally-compare-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "catalog.db", NULL);
  f->catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  import (f, "valid-small.xml");
  import (f, "other-small.xml");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->catalog);
  sky_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
sku (Fixture    *f,
     const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sky_catalog_find_sku (f->catalog, reference, &error);

  g_assert_no_error (error);
  return id;
}

/* The EU server of Other Cloud is matched at Example Cloud by mem-4: a virtual machine in the
 * EU with at least 4 vCPU and 16 GiB, Linux. */
static void
test_equivalents (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "equivalents.ini", NULL);
  g_autoptr(SkyEquivalents) eq = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  SkyMatchResult *r;

  g_file_set_contents (path, "[virtual-machines]\nName=Virtual machines\nCategory=compute\n"
                             "examplecloud=vm\nothercloud=servers\n", -1, &error);
  eq = sky_equivalents_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sky_equivalents_kind (eq, "othercloud", "servers"), ==, "virtual-machines");
  g_assert_null (sky_equivalents_kind (eq, "othercloud", "traffic"));

  found = sky_catalog_equivalent_offers (f->catalog, eq, sku (f, "o-4"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  r = g_ptr_array_index (found, 0);
  g_assert_cmpstr (r->provider, ==, "examplecloud");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sku, ==,
                   "mem-4-eu");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* std-2 is in the US, where Other Cloud has no server: said so. */
  found = sky_catalog_equivalent_offers (f->catalog, eq, sku (f, "std-2-us"), &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (found, 0);
  g_assert_cmpuint (r->matches->len, ==, 0);
  g_assert_nonnull (strstr (r->no_match, "not US"));
}

/* Every service the shipped equivalents name is in its provider's bundled sheet. */
static void
test_equivalents_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  g_key_file_load_from_file (file, g_getenv ("SKYTALLY_EQUIVALENTS"), G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  groups = g_key_file_get_groups (file, NULL);
  g_assert_cmpuint (g_strv_length (groups), >=, 6);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (file, groups[i], NULL, &error);
      guint providers = 0;

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *service = NULL, *sheet = NULL, *name = NULL, *needle = NULL;

          if (g_ascii_isupper (keys[k][0]))
            continue;
          service = g_key_file_get_string (file, groups[i], keys[k], NULL);
          name = g_strdup_printf ("%s.xml", keys[k]);
          sheet = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), name, NULL);
          g_free (name);
          g_file_get_contents (sheet, &name, NULL, &error);
          g_assert_no_error (error);
          needle = g_strdup_printf ("<service id=\"%s\"", service);
          g_test_message ("%s: %s %s", groups[i], keys[k], service);
          g_assert_nonnull (strstr (name, needle));
          providers++;
        }
      g_assert_cmpuint (providers, ==, 4);
    }
}

/* std-2 against mem-4: where they differ, what is best, what is missing. */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  gint64 ids[] = { sku (f, "std-2-us"), sku (f, "examplecloud:mem-4-eu") };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyComparison) c = sky_catalog_compare (f->catalog, ids, 2, 730, &error);
  gboolean seen_vcpu = FALSE, seen_price = FALSE, seen_network = FALSE, seen_family = FALSE;

  g_assert_no_error (error);
  for (guint r = 0; r < c->rows->len; r++)
    {
      SkyComparisonRow *row = g_ptr_array_index (c->rows, r);
      const char *a = g_ptr_array_index (row->values, 0);
      const char *b = g_ptr_array_index (row->values, 1);
      gboolean best_a = g_array_index (row->best, gboolean, 0);
      gboolean best_b = g_array_index (row->best, gboolean, 1);

      if (strcmp (row->label, "vCPU") == 0)
        {
          seen_vcpu = TRUE;
          g_assert_cmpstr (a, ==, "2");
          g_assert_cmpstr (b, ==, "4");
          g_assert_true (row->differs);
          g_assert_false (best_a);
          g_assert_true (best_b);
        }
      else if (strcmp (row->label, "On demand") == 0)
        {
          seen_price = TRUE;
          g_assert_true (row->is_price);
          g_assert_true (best_a);
          g_assert_false (best_b);
        }
      else if (strcmp (row->label, "network") == 0)
        {
          seen_network = TRUE;
          g_assert_true (row->is_feature);
          g_assert_cmpstr (a, ==, "Up to 10 Gbps");
          g_assert_null (b);
        }
      else if (strcmp (row->label, "Provider") == 0)
        {
          seen_family = TRUE;
          g_assert_false (row->differs);
          g_assert_false (best_a || best_b);
        }
    }
  g_assert_true (seen_vcpu && seen_price && seen_network && seen_family);

  /* One is not a comparison; an unknown SKU is named. */
  g_assert_null (sky_catalog_compare (f->catalog, ids, 1, 730, &error));
  g_assert_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_COUNT);
  g_clear_error (&error);
  g_assert_cmpint (sky_catalog_find_sku (f->catalog, "nope", &error), ==, 0);
  g_assert_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_NOT_FOUND);
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
  static const char *candidates[][2] = {
    { "examplecloud", "std-2-us" }, { "examplecloud", "mem-4-eu" }, { "othercloud", "o-4" },
  };
  static const struct { const char *target; int value; } ratings[] = {
    { "examplecloud", 2 }, { "examplecloud:mem-4-eu", 4 }, { "othercloud", 5 },
  };
  SkyExchangeRate *rate = g_new0 (SkyExchangeRate, 1);
  SkyCriterion *lock_in = g_new0 (SkyCriterion, 1);
  SkyScoredOption *std2, *mem4, *o4;
  SkySensitivity *cost;

  rate->from = g_strdup ("EUR");
  rate->to = g_strdup ("USD");
  rate->date = g_strdup ("2026-11-01");
  sky_decimal_parse ("1.1", 10, FALSE, &rate->rate, NULL);
  g_ptr_array_add (s->rates, rate);
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      SkyCandidate *c = g_new0 (SkyCandidate, 1);
      c->provider = g_strdup (candidates[i][0]);
      c->sku = g_strdup (candidates[i][1]);
      g_ptr_array_add (s->candidates, c);
    }
  sky_scenario_add_default_criteria (s);
  /* Cost 40, performance 20, SLA 20, features 10, lock-in 10. */
  ((SkyCriterion *) g_ptr_array_index (s->criteria, 3))->weight = sky_decimal_from_int (10);
  lock_in->id = g_strdup ("lock-in");
  lock_in->name = g_strdup ("Lock-in risk");
  lock_in->kind = SKY_CRITERION_RATED;
  lock_in->weight = sky_decimal_from_int (10);
  g_ptr_array_add (s->criteria, lock_in);
  for (gsize i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      SkyRating *r = g_new0 (SkyRating, 1);
      r->criterion = g_strdup ("lock-in");
      r->target = g_strdup (ratings[i].target);
      r->value = ratings[i].value;
      g_ptr_array_add (s->ratings, r);
    }

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
  SkyExchangeRate *rate = g_new0 (SkyExchangeRate, 1);
  SkyCandidate *c = g_new0 (SkyCandidate, 1);

  rate->from = g_strdup ("USD");
  rate->to = g_strdup ("EUR");
  rate->date = g_strdup ("2026-11-01");
  g_assert_true (sky_decimal_parse ("99999999999999999999999999.9999999999", 10, FALSE,
                                    &rate->rate, NULL));
  g_ptr_array_add (s->rates, rate);
  c->provider = g_strdup ("examplecloud");
  c->sku = g_strdup ("std-2-us");
  g_ptr_array_add (s->candidates, c);
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
  static const char *providers[] = { "examplecloud", "othercloud" };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      SkyCandidate *c = g_new0 (SkyCandidate, 1);
      c->provider = g_strdup (providers[i]);
      g_ptr_array_add (s->candidates, c);
    }
  sky_scenario_add_default_criteria (s);
  scoring = sky_score_scenario (f->catalog, s, &error);
  g_assert_no_error (error);
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

/* A rating must name a rated criterion given before it. */
static void
test_rating_errors (void)
{
  const char *text = "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" "
                     "currency=\"USD\">\n  <criteria>\n    <criterion id=\"cost\" kind=\"cost\"/>\n"
                     "  </criteria>\n  <rating criterion=\"cost\" target=\"aws\" value=\"3\"/>\n"
                     "</scenario>\n";
  const char *bad_value = "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                          "name=\"a\" currency=\"USD\">\n  <criteria>\n"
                          "    <criterion id=\"x\" kind=\"rated\"/>\n  </criteria>\n"
                          "  <rating criterion=\"x\" target=\"aws\" value=\"9\"/>\n</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);

  g_assert_null (s);
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t:5:11: “cost” is not a rated criterion"));
  g_clear_error (&error);
  s = sky_scenario_parse (bad_value, strlen (bad_value), "t", &error);
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t:5:38: a rating is a whole number"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/compare/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("equivalents", test_equivalents);
  ADD ("compare", test_compare);
  ADD ("score", test_score);
  ADD ("score-providers", test_score_providers);
  ADD ("score-overflow", test_score_overflow);
#undef ADD
  g_test_add_func ("/sky/compare/equivalents-data", test_equivalents_data);
  g_test_add_func ("/sky/compare/rating-errors", test_rating_errors);

  return g_test_run ();
}
