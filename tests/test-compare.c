/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-compare.h"
#include "sky-catalog-match.h"
#include "sky-scenario.h"
#include "sky-sheet-reader.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Equivalent services and comparisons, on valid-small.xml (Example Cloud) and
 * other-small.xml (Other Cloud); matching has test-catalog-match.c. */

typedef SkyCatalogFixture Fixture;

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
  g_assert_nonnull (strstr (r->no_match, "not United States"));
}

/* The services of the sheets read, as "provider:service". */
typedef struct
{
  char       *provider;   /* of the sheet being read */
  GHashTable *services;
} Services;

static gboolean
note_provider (const SkySheetHeader  *header,
               gpointer               user_data,
               GError               **error)
{
  Services *seen = user_data;

  g_free (seen->provider);
  seen->provider = g_strdup (header->provider_id);
  return TRUE;
}

static gboolean
note_service (const SkySheetService  *service,
              gpointer                user_data,
              GError                **error)
{
  Services *seen = user_data;

  g_hash_table_add (seen->services, g_strdup_printf ("%s:%s", seen->provider, service->id));
  return TRUE;
}

/* Every service the shipped equivalents name is in one of its provider's bundled sheets
 * (Google Cloud's are in two, one of them compressed). */
static void
test_equivalents_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GHashTable) services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          NULL);
  Services seen = { NULL, services };
  g_autoptr(GPtrArray) sheets = NULL;
  SkySheetSink sink = { .header = note_provider, .service = note_service };
  g_auto(GStrv) groups = NULL;

  sheets = sky_catalog_list_sheet_files (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 5);
  for (guint i = 0; i < sheets->len; i++)
    {
      g_assert_true (sky_sheet_read_file (g_ptr_array_index (sheets, i), &sink, &seen, NULL,
                                          NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

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
          g_autofree char *service = NULL, *key = NULL;

          if (g_ascii_isupper (keys[k][0]))
            continue;
          service = g_key_file_get_string (file, groups[i], keys[k], NULL);
          key = g_strdup_printf ("%s:%s", keys[k], service);
          g_test_message ("%s: %s %s", groups[i], keys[k], service);
          g_assert_true (g_hash_table_contains (services, key));
          providers++;
        }
      g_assert_cmpuint (providers, ==, 4);
    }
  g_free (seen.provider);
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
  g_test_add ("/sky/compare/" name, Fixture, NULL, sky_catalog_fixture_setup, func, \
              sky_catalog_fixture_teardown)
  ADD ("equivalents", test_equivalents);
  ADD ("compare", test_compare);
#undef ADD
  g_test_add_func ("/sky/compare/equivalents-data", test_equivalents_data);
  g_test_add_func ("/sky/compare/rating-errors", test_rating_errors);

  return g_test_run ();
}
