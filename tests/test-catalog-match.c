/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-catalog-match.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Requirement matching and no-match explanations, on valid-small.xml (Example Cloud) and
 * other-small.xml (Other Cloud). */

typedef SkyCatalogFixture Fixture;

static GPtrArray *
match (Fixture              *f,
       const SkyRequirement *req)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = sky_catalog_match (f->catalog, NULL, req, 730, 5, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  return results;
}

static SkyMatchResult *
result_of (GPtrArray  *results,
           const char *provider)
{
  for (guint i = 0; i < results->len; i++)
    if (strcmp (((SkyMatchResult *) g_ptr_array_index (results, i))->provider, provider) == 0)
      return g_ptr_array_index (results, i);
  g_assert_not_reached ();
}

static char *
text (SkyDecimal value)
{
  return sky_decimal_to_string (sky_decimal_normalize (value));
}

#define ASSERT_DECIMAL(value, expected) G_STMT_START { \
    g_autofree char *t_ = text (value);                \
    g_assert_cmpstr (t_, ==, (expected));              \
  } G_STMT_END

/* At least 4 vCPU in the EU: mem-4 at 0.252 USD and o-4 at 0.20 EUR, with their normalised
 * prices: 0.252 × 730 = 183.96 a month, 0.063 per vCPU-hour, 183.96 / 32 = 5.74875 per
 * GiB-month; o-4 also on a one-year reservation at 0.13. */
static void
test_match (Fixture       *f,
            gconstpointer  data)
{
  SkyRequirement req = { .category = "compute", .min_vcpu_milli = 4000, .geography = "EU" };
  g_autoptr(GPtrArray) results = match (f, &req);
  SkyMatchResult *example = result_of (results, "examplecloud");
  SkyMatchResult *other = result_of (results, "othercloud");
  SkyMatch *m;

  g_assert_cmpuint (example->matches->len, ==, 1);
  m = g_ptr_array_index (example->matches, 0);
  g_assert_cmpstr (m->offer->sku, ==, "mem-4-eu");
  ASSERT_DECIMAL (m->on_demand, "0.252");
  ASSERT_DECIMAL (m->monthly, "183.96");
  ASSERT_DECIMAL (m->per_vcpu_hour, "0.063");
  ASSERT_DECIMAL (m->per_gib_month, "5.74875");
  g_assert_false (m->has_one_year);
  g_assert_null (example->no_match);

  m = g_ptr_array_index (other->matches, 0);
  g_assert_cmpstr (m->offer->sku, ==, "o-4");
  g_assert_cmpstr (other->currency, ==, "EUR");
  g_assert_true (m->has_one_year);
  ASSERT_DECIMAL (m->one_year, "0.13");
  g_assert_cmpstr (m->one_year_term, ==, "reserved-1y-no-upfront");
  g_assert_false (m->has_spot);
}

/* Ranked per GiB: mem-4 (0.252 / 32) before std-2 (0.096 / 8) before cpu-8 (0.736 / 16);
 * per vCPU: std-2 (0.048), mem-4 (0.063), cpu-8 (0.092). */
static void
test_match_rank (Fixture       *f,
                 gconstpointer  data)
{
  SkyRequirement by_gib = { .category = "compute", .rank = SKY_RANK_PER_GIB };
  SkyRequirement by_vcpu = { .category = "compute", .rank = SKY_RANK_PER_VCPU };
  g_autoptr(GPtrArray) gib = match (f, &by_gib);
  g_autoptr(GPtrArray) vcpu = match (f, &by_vcpu);
  GPtrArray *m = result_of (gib, "examplecloud")->matches;

  g_assert_cmpuint (m->len, ==, 3);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (m, 0))->offer->sku, ==, "mem-4-eu");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (m, 1))->offer->sku, ==, "std-2-us");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (m, 2))->offer->sku, ==, "cpu-8-ap-win");
  m = result_of (vcpu, "examplecloud")->matches;
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (m, 0))->offer->sku, ==, "std-2-us");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (m, 1))->offer->sku, ==, "mem-4-eu");
}

/* std-2's partial-upfront reservation is effective at 0.0296 + 259 / (12 × 730) = 0.05916621,
 * cheaper than its no-upfront 0.0605; its spot price is 0.0288. */
static void
test_match_commitments (Fixture       *f,
                        gconstpointer  data)
{
  SkyRequirement req = { .category = "compute", .geography = "US" };
  g_autoptr(GPtrArray) results = match (f, &req);
  SkyMatch *m = g_ptr_array_index (result_of (results, "examplecloud")->matches, 0);

  g_assert_cmpstr (m->offer->sku, ==, "std-2-us");
  g_assert_cmpstr (m->one_year_term, ==, "reserved-1y-partial-upfront");
  ASSERT_DECIMAL (m->one_year, "0.05916621");
  /* All upfront for three years: 1060 / (36 × 730) = 0.0403348554. */
  g_assert_cmpstr (m->three_year_term, ==, "reserved-3y-all-upfront");
  ASSERT_DECIMAL (m->three_year, "0.0403348554");
  ASSERT_DECIMAL (m->spot, "0.0288");
}

/* Each constraint that excludes the nearest offer is named, with what the offer has. */
static void
test_no_match (Fixture       *f,
               gconstpointer  data)
{
  SkyRequirement by_place = { .category = "compute", .geography = "US" };
  SkyRequirement by_sla = { .category = "compute", .geography = "EU", .min_sla = "99.95" };
  const char *network[] = { "network", NULL };
  SkyRequirement by_feature = { .category = "compute", .features = network };
  SkyRequirement by_two = { .category = "compute", .geography = "APAC", .min_vcpu_milli = 16000 };
  SkyRequirement nothing = { .category = "database" };
  g_autoptr(GPtrArray) place = match (f, &by_place);
  g_autoptr(GPtrArray) sla = match (f, &by_sla);
  g_autoptr(GPtrArray) feature = match (f, &by_feature);
  g_autoptr(GPtrArray) two = match (f, &by_two);
  g_autoptr(GPtrArray) none = match (f, &nothing);

  g_assert_cmpstr (result_of (place, "othercloud")->no_match, ==,
                   "no offer of Other Cloud meets every constraint: o-4 (o-4) would match but "
                   "it is in eu-west (Europe), not United States");
  /* Left out one at a time, the geography lets std-2 through and the SLA mem-4 (its own SLA is
   * 99.9); o-4 has its service's 99.95. */
  g_assert_cmpstr (result_of (sla, "examplecloud")->no_match, ==,
                   "no offer of Example Cloud meets every constraint: std-2 (std-2-us) would "
                   "match but it is in us-east (United States), not Europe; mem-4 (mem-4-eu) "
                   "would match but "
                   "its SLA is 99.9 %, below 99.95 %");
  g_assert_cmpuint (result_of (sla, "othercloud")->matches->len, ==, 1);
  g_assert_cmpstr (result_of (feature, "othercloud")->no_match, ==,
                   "no offer of Other Cloud meets every constraint: o-4 (o-4) would match but "
                   "it lacks the feature network");
  g_assert_cmpuint (result_of (feature, "examplecloud")->matches->len, ==, 1);
  g_assert_cmpstr (result_of (two, "othercloud")->no_match, ==,
                   "every offer in Compute of Other Cloud misses two or more of the "
                   "constraints");
  g_assert_cmpstr (result_of (none, "examplecloud")->no_match, ==,
                   "Example Cloud has no offer in Database priced per Hour, On demand");
}

/* Each constraint on its own: who meets it, and what the other's nearest offer has. */
static void
test_each_constraint (Fixture       *f,
                      gconstpointer  data)
{
  const char *ssd[] = { "ssd", NULL };
  static const struct
  {
    SkyRequirement req;
    const char    *example_sku;       /* NULL: no match */
    const char    *why;               /* a part of the explanation of the one with none */
  } cases[] = {
    { { .category = "compute", .region = "eu-central" }, "mem-4-eu", "it is in eu-west, not eu-central" },
    { { .category = "compute", .os = "windows" }, "cpu-8-ap-win",
      "its operating system is Linux, not Windows" },
    { { .category = "compute", .min_memory_mgib = 32000 }, "mem-4-eu", "it has 16 GiB of memory, less than 32" },
    { { .category = "compute", .min_vcpu_milli = 8000 }, "cpu-8-ap-win", "it has 4 vCPU, fewer than 8" },
    { { .category = "compute", .min_gpu = 1 }, NULL, "it has 0 GPU, fewer than 1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) results = match (f, &cases[i].req);
      SkyMatchResult *example = result_of (results, "examplecloud");
      SkyMatchResult *other = result_of (results, "othercloud");

      g_test_message ("case %" G_GSIZE_FORMAT ": %s / %s", i,
                      example->no_match != NULL ? example->no_match : "",
                      other->no_match != NULL ? other->no_match : "");
      if (cases[i].example_sku != NULL)
        {
          g_assert_cmpuint (example->matches->len, ==, 1);
          g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (example->matches, 0))->offer->sku, ==,
                           cases[i].example_sku);
          g_assert_nonnull (strstr (other->no_match, cases[i].why));
        }
      else
        {
          g_assert_cmpuint (example->matches->len, ==, 0);
          g_assert_nonnull (strstr (example->no_match, cases[i].why));
        }
    }

  /* A storage type: std-2 is on SSD; o-4 says none. */
  {
    SkyRequirement req = { .category = "compute", .storage_types = ssd };
    g_autoptr(GPtrArray) results = match (f, &req);
    g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (result_of (results, "examplecloud")->matches,
                                                      0))->offer->sku, ==, "std-2-us");
    g_assert_nonnull (strstr (result_of (results, "othercloud")->no_match,
                              "its storage type is unstated, not SSD"));
  }
}

/* Band Cloud: a 4 vCPU / 16 GiB offer on demand only, and a 32 vCPU / 128 GiB one that is
 * cheaper on demand and has a three-year reservation. */
static void
import_band_cloud (Fixture *f)
{
  g_autoptr(GString) sheet = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "band.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;

  sky_test_append_sheet_start (sheet, "bandcloud", "Band Cloud");
  g_string_append (sheet,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                   "    <offer sku=\"small-4\" name=\"small\" region=\"eu\" vcpu=\"4\" "
                   "memory-gib=\"16\" os=\"linux\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.20\"/>\n"
                   "    </offer>\n"
                   "    <offer sku=\"big-32\" name=\"big\" region=\"eu\" vcpu=\"32\" "
                   "memory-gib=\"128\" os=\"linux\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.10\"/>\n"
                   "      <price unit=\"hour\" term=\"reserved\" years=\"3\" amount=\"0.05\"/>\n"
                   "    </offer>\n"
                   "  </service>\n"
                   "</price-sheet>\n");
  g_assert_true (g_file_set_contents (path, sheet->str, -1, NULL));
  result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A match stays within twice the size asked for, whatever is cheaper past it, unless the
 * requirement widens the band; for a purchase option only a far larger offer has, there is no
 * match, and the reason names the same size on demand and the offer past the band. */
static void
test_match_size_band (Fixture       *f,
                      gconstpointer  data)
{
  const char *only[] = { "bandcloud", NULL };
  SkyRequirement req = { .category = "compute", .min_vcpu_milli = 4000,
                         .min_memory_mgib = 16000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *why = NULL;
  SkyMatchResult *r;

  import_band_cloud (f);
  results = sky_catalog_match (f->catalog, only, &req, 730, 5, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 1);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sku, ==, "small-4");

  req.max_oversize_milli = 8000;
  g_clear_pointer (&results, g_ptr_array_unref);
  results = sky_catalog_match (f->catalog, only, &req, 730, 5, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sku, ==, "big-32");

  req.max_oversize_milli = 0;
  req.unit = "hour";
  req.term = "reserved-3y-no-upfront";
  g_assert_cmpint (sky_catalog_cheapest_offer (f->catalog, "bandcloud", NULL, &req, &error), ==,
                   0);
  g_assert_no_error (error);
  why = sky_catalog_explain_no_match (f->catalog, "bandcloud", NULL, "Band Cloud", &req, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (why, ==,
                   "none within 2 × the size asked for (4 vCPU, 16 GiB) is priced per Hour, "
                   "Reserved 3 yr, no upfront; that size is on offer on demand: small (small-4, "
                   "4 vCPU, 16 GiB) at 0.2 EUR per Hour; the cheapest offer past the band "
                   "(Reserved 3 yr, no upfront) is big (big-32, 32 vCPU, 128 GiB) at 0.05 EUR "
                   "per Hour (max-oversize widens the band)");

  req.max_oversize_milli = 8000;
  g_assert_cmpint (sky_catalog_cheapest_offer (f->catalog, "bandcloud", NULL, &req, &error), >,
                   0);
  g_assert_no_error (error);
}


/* Parts Cloud: a database priced by components (0.04 per vCPU-hour and 0.005 per GiB-hour on
 * demand, 0.025 and 0.003 on a one-year reservation with fees of 100 and 10 per unit), a fixed
 * 4 vCPU / 16 GiB one at 0.20 an hour, and storage priced per GB-month. */
static void
import_parts_cloud (Fixture *f)
{
  g_autoptr(GString) sheet = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "parts.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;

  sky_test_append_sheet_start (sheet, "partscloud", "Parts Cloud");
  g_string_append (sheet,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <service id=\"db\" name=\"Databases\" category=\"database\">\n"
                   "    <offer sku=\"db-fixed-4\" name=\"fixed\" region=\"eu\" vcpu=\"4\" "
                   "memory-gib=\"16\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.20\"/>\n"
                   "    </offer>\n"
                   "    <offer sku=\"db-parts\" name=\"parts\" region=\"eu\">\n"
                   "      <price unit=\"vcpu-hour\" term=\"on-demand\" amount=\"0.04\"/>\n"
                   "      <price unit=\"gib-hour\" term=\"on-demand\" amount=\"0.005\"/>\n"
                   "      <price unit=\"vcpu-hour\" term=\"reserved\" years=\"1\" "
                   "upfront=\"partial\" upfront-fee=\"100\" amount=\"0.025\"/>\n"
                   "      <price unit=\"gib-hour\" term=\"reserved\" years=\"1\" "
                   "upfront=\"partial\" upfront-fee=\"10\" amount=\"0.003\"/>\n"
                   "    </offer>\n"
                   "    <offer sku=\"db-storage\" name=\"storage\" region=\"eu\">\n"
                   "      <price unit=\"gb-month\" term=\"on-demand\" amount=\"0.1\"/>\n"
                   "    </offer>\n"
                   "  </service>\n"
                   "</price-sheet>\n");
  g_assert_true (g_file_set_contents (path, sheet->str, -1, NULL));
  result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static const char *
cheapest_sku (Fixture              *f,
              const SkyRequirement *req)
{
  static char sku[64];
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyOfferDetails) offer = NULL;
  gint64 id = sky_catalog_cheapest_offer (f->catalog, "partscloud", NULL, req, &error);

  g_assert_no_error (error);
  if (id == 0)
    return "none";
  offer = sky_catalog_get_offer (f->catalog, id, &error);
  g_assert_no_error (error);
  g_strlcpy (sku, offer->sku, sizeof sku);
  return sku;
}

/* An offer priced by components meets a requirement of N vCPU and M GiB per hour at N × its
 * vCPU-hour price + M × its GiB-hour price, and is chosen when that is cheaper than every
 * fixed-size offer; only with both a vCPU and a memory size, per hour. */
static void
test_components (Fixture       *f,
                 gconstpointer  data)
{
  const char *only[] = { "partscloud", NULL };
  SkyRequirement req = { .category = "database", .unit = "hour", .term = "on-demand",
                         .min_vcpu_milli = 4000, .min_memory_mgib = 16000 };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  SkyMatchResult *r;
  SkyMatch *m;

  import_parts_cloud (f);

  /* 4 × 0.04 + 16 × 0.005 = 0.24, dearer than the fixed offer's 0.20. */
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "db-fixed-4");
  /* 2 × 0.04 + 16 × 0.005 = 0.16, cheaper than the fixed offer (within twice 2 vCPU). */
  req.min_vcpu_milli = 2000;
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "db-parts");
  /* 3 × 0.04 + 16 × 0.005 = 0.20, a tie, which goes to the fixed offer. */
  req.min_vcpu_milli = 3000;
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "db-fixed-4");
  /* 4 vCPU and 40 GiB: no fixed offer that size; the parts at 0.16 + 0.2 = 0.36. */
  req.min_vcpu_milli = 4000;
  req.min_memory_mgib = 40000;
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "db-parts");

  /* Without a memory size, or of another category: no parts. */
  req.min_memory_mgib = 0;
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "db-fixed-4");
  req.min_vcpu_milli = 8000;
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "none");
  req.min_memory_mgib = 40000;
  req.category = "compute";
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "none");
  req.category = "database";
  req.unit = "gb-month";
  g_assert_cmpstr (cheapest_sku (f, &req), ==, "none");

  /* Matching ranks them by the price for the size: the parts first, sized as asked. */
  req.unit = "hour";
  req.min_vcpu_milli = 2000;
  req.min_memory_mgib = 16000;
  results = sky_catalog_match (f->catalog, only, &req, 730, 5, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_null (r->no_match);
  g_assert_cmpuint (r->matches->len, ==, 2);
  m = g_ptr_array_index (r->matches, 0);
  g_assert_cmpstr (m->offer->sku, ==, "db-parts");
  g_assert_cmpint (m->offer->vcpu_milli, ==, 2000);
  g_assert_cmpint (m->offer->memory_mgib, ==, 16000);
  ASSERT_DECIMAL (m->on_demand, "0.16");
  /* 0.16 × 730 = 116.8 a month; 0.16 / 2 = 0.08 per vCPU-hour. */
  ASSERT_DECIMAL (m->monthly, "116.8");
  ASSERT_DECIMAL (m->per_vcpu_hour, "0.08");
  /* One year: 2 × 0.025 + 16 × 0.003 = 0.098 an hour, with 2 × 100 + 16 × 10 = 360 upfront
   * spread over 12 × 730 hours: 0.098 + 0.0410958904 = 0.1390958904. */
  g_assert_true (m->has_one_year);
  ASSERT_DECIMAL (m->one_year, "0.1390958904");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 1))->offer->sku, ==,
                   "db-fixed-4");

  /* With 4 vCPU, the fixed offer at 0.20 comes first, the parts at 0.24 after it. */
  g_clear_pointer (&results, g_ptr_array_unref);
  req.min_vcpu_milli = 4000;
  results = sky_catalog_match (f->catalog, only, &req, 730, 5, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sku, ==,
                   "db-fixed-4");
  m = g_ptr_array_index (r->matches, 1);
  g_assert_cmpstr (m->offer->sku, ==, "db-parts");
  ASSERT_DECIMAL (m->on_demand, "0.24");

  /* The same size: the offer's details as the catalog keeps them have no size. */
  {
    g_autoptr(SkyOfferDetails) parts = sky_catalog_get_offer (f->catalog, m->offer->offer_id,
                                                              &error);
    SkyComponentPrice cp;

    g_assert_no_error (error);
    g_assert_true (sky_offer_is_sized_by_components (parts));
    g_assert_cmpint (parts->vcpu_milli, ==, -1);
    g_assert_false (sky_offer_add_component_price (parts, "spot", 4000, 16000, &cp));
    g_assert_false (sky_offer_add_component_price (parts, "on-demand", 0, 16000, &cp));
    g_assert_true (sky_offer_add_component_price (parts, "on-demand", 2500, 7500, &cp));
    /* 2.5 × 0.04 + 7.5 × 0.005 = 0.1375. */
    ASSERT_DECIMAL (cp.amount, "0.1375");
    g_assert_cmpuint (cp.price_index, ==, 4);
    g_assert_cmpuint (parts->prices->len, ==, 5);
  }
}


/* A month on demand of a match is what an instance that runs all month costs: at most its
 * monthly cap, less its usage discount. Droplet-like: 0.03571 an hour, at most 24 a month;
 * n2-like: 0.194236 an hour less 0, 13.22, 26.7 and 40 % a quarter of the month. */
static void
test_match_month_rules (Fixture       *f,
                        gconstpointer  data)
{
  const char *only[] = { "rulescloud", NULL };
  SkyRequirement req = { .category = "compute", .min_vcpu_milli = 2000 };
  g_autoptr(GString) sheet = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "rules.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  SkyMatchResult *r;
  SkyMatch *m;

  sky_test_append_sheet_start (sheet, "rulescloud", "Rules Cloud");
  g_string_append (sheet,
                   "  <region code=\"us\" name=\"US\" geography=\"US\"/>\n"
                   "  <usage-discount id=\"n2\">\n"
                   "    <band from=\"0\" to=\"25\" percent=\"0\"/>\n"
                   "    <band from=\"25\" to=\"50\" percent=\"13.22\"/>\n"
                   "    <band from=\"50\" to=\"75\" percent=\"26.7\"/>\n"
                   "    <band from=\"75\" to=\"100\" percent=\"40\"/>\n"
                   "  </usage-discount>\n"
                   "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                   "    <offer sku=\"droplet\" name=\"droplet\" region=\"us\" vcpu=\"2\" "
                   "memory-gib=\"4\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.03571\" "
                   "monthly-cap=\"24\"/>\n"
                   "    </offer>\n"
                   "    <offer sku=\"n2\" name=\"n2\" region=\"us\" vcpu=\"4\" memory-gib=\"16\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.194236\" "
                   "usage-discount=\"n2\"/>\n"
                   "    </offer>\n"
                   "  </service>\n"
                   "</price-sheet>\n");
  g_assert_true (g_file_set_contents (path, sheet->str, -1, NULL));
  result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  results = sky_catalog_match (f->catalog, only, &req, 730, 5, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 2);
  /* 730 × 0.03571 = 26.0683, capped: 24; per GiB-month 24 / 4 = 6. */
  m = g_ptr_array_index (r->matches, 0);
  g_assert_cmpstr (m->offer->sku, ==, "droplet");
  ASSERT_DECIMAL (m->on_demand, "0.03571");
  ASSERT_DECIMAL (m->monthly, "24");
  ASSERT_DECIMAL (m->per_gib_month, "6");
  /* 730 × (25 × 100 + 25 × 86.78 + 25 × 73.3 + 25 × 60) / 10000 = 584.146 hours × 0.194236 =
   * 113.462182456, pricing.yml's month for n2-standard-4. */
  m = g_ptr_array_index (r->matches, 1);
  g_assert_cmpstr (m->offer->sku, ==, "n2");
  ASSERT_DECIMAL (m->monthly, "113.462182456");
}

/* Offers priced in other units of the requirement's dimension match too, ranked by the price of
 * the same quantity, each with its price in its own unit: per GB-month, disk-gib's 0.10 USD
 * per GiB-month is 0.10 × 10⁹ / 2³⁰ = 0.0931…, below disk-gb's 0.095, though its amount is the
 * larger; per GiB-month, disk-gb's is 0.095 × 2³⁰ / 10⁹ = 0.102…, still the dearer. */
static void
test_match_other_units (void)
{
  static const char * const units[] = { "gb-month", "gib-month", "tb-month", "tib-month" };
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "units-small.xml", NULL);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      SkyRequirement req = { .category = "storage", .unit = units[i], .term = "on-demand" };
      g_autoptr(GPtrArray) results = sky_catalog_match (catalog, NULL, &req, 730, 5, &error);
      SkyMatchResult *r;
      SkyMatch *m;
      gint64 cheapest;

      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 1);
      r = g_ptr_array_index (results, 0);
      g_assert_cmpuint (r->matches->len, ==, 2);
      m = g_ptr_array_index (r->matches, 0);
      g_assert_cmpstr (m->offer->sku, ==, "disk-gib");
      g_assert_cmpstr (m->unit, ==, "gib-month");
      ASSERT_DECIMAL (m->on_demand, "0.1");
      cheapest = m->offer->offer_id;
      m = g_ptr_array_index (r->matches, 1);
      g_assert_cmpstr (m->offer->sku, ==, "disk-gb");
      g_assert_cmpstr (m->unit, ==, "gb-month");
      ASSERT_DECIMAL (m->on_demand, "0.095");
      g_assert_cmpint (sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &req, &error), ==,
                       cheapest);
      g_assert_no_error (error);
    }

  /* Units of another dimension do not: data stored is not data transferred. */
  {
    SkyRequirement req = { .category = "storage", .unit = "gb", .term = "on-demand" };
    g_autoptr(GPtrArray) results = sky_catalog_match (catalog, NULL, &req, 730, 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (((SkyMatchResult *) g_ptr_array_index (results, 0))->matches->len, ==, 0);
    g_assert_cmpint (sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &req, &error), ==,
                     0);
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

/* The units a sheet's prices are in are kept per sheet as imported: a sheet removed and
 * imported again with its prices in other units (taking the same id) is searched in those. */
static void
test_match_units_of_sheet_imported_again (void)
{
  SkyRequirement req = { .category = "storage", .unit = "gb-month", .term = "on-demand" };
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "units-small.xml", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "units-small.xml", NULL);
  g_autofree char *variant = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  gint64 first, again;

  first = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);

  /* disk-gib per TiB-month now: 0.10 × 1024 = 102.4 USD per TiB-month is the same price. */
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "unit=\"gib-month\" term=\"on-demand\" "
                                      "amount=\"0.10\"", "unit=\"tib-month\" "
                                      "term=\"on-demand\" amount=\"102.4\"", 1), ==, 1);
  variant = g_build_filename (dir, "units-tib.xml", NULL);
  g_assert_true (g_file_set_contents (variant, edited->str, edited->len, NULL));
  g_assert_true (sky_catalog_remove_sheet (catalog, "unitcloud", "2026.1", &error));
  g_assert_no_error (error);
  result = sky_catalog_import_file (catalog, variant, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  again = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &req, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SkyOfferDetails) offer = sky_catalog_get_offer (catalog, again, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (offer->sku, ==, "disk-gib");
    g_assert_cmpstr (((SkyOfferPrice *) g_ptr_array_index (offer->prices, 0))->unit, ==,
                     "tib-month");
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

/* The units the prices are in are kept per service: with a newer sheet of unitcloud's machines
 * only, priced per hour, its disks are still those of 2026.1, and a search per GB-month still
 * looks in their GiB-months. */
static void
test_match_units_of_services (void)
{
  SkyRequirement req = { .category = "storage", .unit = "gb-month", .term = "on-demand" };
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "units-small.xml", NULL);
  g_autofree char *machines = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GString *sheet = g_string_new (NULL);
  SkyMatchResult *r;
  gint64 id;

  g_string_append (sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
                          "  <provider id=\"unitcloud\" name=\"Unit Cloud\"/>\n"
                          "  <sheet version=\"2026.2\" effective-date=\"2026-02-01\" "
                          "currency=\"USD\"/>\n"
                          "  <source retrieved=\"2026-02-01\">Written by the test.</source>\n"
                          "  <region code=\"us-east\" name=\"US East\" geography=\"US\"/>\n"
                          "  <service id=\"vm\" name=\"Machines\" category=\"compute\">\n"
                          "    <offer sku=\"vm-4\" name=\"vm-4\" region=\"us-east\" "
                          "vcpu=\"4\" memory-gib=\"8\">\n"
                          "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.08\"/>\n"
                          "    </offer>\n"
                          "  </service>\n"
                          "</price-sheet>\n");
  machines = g_build_filename (dir, "machines.xml", NULL);
  g_assert_true (g_file_set_contents (machines, sheet->str, sheet->len, NULL));
  g_string_free (sheet, TRUE);
  result = sky_catalog_import_file (catalog, machines, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->current);
  g_assert_cmpstr (result->superseded, ==, "2026.1");

  results = sky_catalog_match (catalog, NULL, &req, 730, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->sku, ==, "disk-gib");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 0))->unit, ==, "gib-month");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, 1))->offer->sku, ==, "disk-gb");

  id = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==,
                   ((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->offer_id);

  /* The machines are 2026.2's: vm-2 of 2026.1 is of a superseded service. */
  {
    SkyRequirement vm = { .category = "compute", .unit = "hour", .term = "on-demand" };
    g_autoptr(SkyOfferDetails) offer = NULL;

    id = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &vm, &error);
    g_assert_no_error (error);
    offer = sky_catalog_get_offer (catalog, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (offer->sku, ==, "vm-4");
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

/* The SKU of the cheapest offer of attributes.xml on demand that meets @req, or "" when none
 * does. */
static char *
cheapest_attrcloud_sku (SkyCatalog     *catalog,
                        SkyRequirement  req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyOfferDetails) d = NULL;
  gint64 id;

  req.category = "compute";
  req.unit = "hour";
  req.term = req.term != NULL ? req.term : "on-demand";
  id = sky_catalog_cheapest_offer (catalog, "attrcloud", NULL, &req, &error);
  g_assert_no_error (error);
  if (id == 0)
    return g_strdup ("");
  d = sky_catalog_get_offer (catalog, id, &error);
  g_assert_no_error (error);
  return g_strdup (d->sku);
}

/* A requirement matches the default row (shared tenancy, licence included, no pre-installed
 * software, used capacity) of any architecture, though the other rows are cheaper; it matches
 * another when it asks for it, and asks for an architecture. */
static void
test_match_defaults (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "attributes.xml", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  SkyRequirement any = { .category = "compute", .min_vcpu_milli = 4000 };
  SkyMatchResult *r;
  const struct
  {
    SkyRequirement  req;
    const char     *sku;
  } cases[] = {
    /* g-4 (arm64, 0.16) is cheaper than m-4 (0.20); the other rows cheaper still. */
    { { .min_vcpu_milli = 4000 }, "g-4" },
    { { .architecture = "x86-64" }, "m-4" },
    { { .architecture = "arm64" }, "g-4" },
    { { .tenancy = "dedicated" }, "m-4-dedicated" },
    { { .tenancy = "host" }, "m-4-host" },
    { { .licence = "byol" }, "m-4-byol" },
    { { .software = "sql-web" }, "m-4-sql" },
    { { .software = "sql-enterprise" }, "" },
    { { .software = "none", .architecture = "x86-64" }, "m-4" },
    { { .capacity = "unused-reservation" }, "m-4-unused" },
    { { .tenancy = "dedicated", .architecture = "arm64" }, "" },
    /* Any row: the cheapest of all. */
    { { .tenancy = SKY_SEARCH_ANY, .licence = SKY_SEARCH_ANY, .software = SKY_SEARCH_ANY,
        .capacity = SKY_SEARCH_ANY }, "m-4-host" },
    /* A convertible reservation is a purchase option of its own. */
    { { .term = "reserved-convertible-1y-no-upfront" }, "m-4" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sku = cheapest_attrcloud_sku (catalog, cases[i].req);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, sku);
      g_assert_cmpstr (sku, ==, cases[i].sku);
    }

  /* Matching on every provider: the default rows, cheapest first. */
  results = sky_catalog_match (catalog, NULL, &any, 730, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->matches->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) r->matches->pdata[0])->offer->sku, ==, "g-4");
  g_assert_cmpstr (((SkyMatch *) r->matches->pdata[1])->offer->sku, ==, "m-4");
  g_clear_pointer (&results, g_ptr_array_unref);

  /* When only another row would do, the reason says which attribute keeps it out. */
  {
    g_autofree char *why = sky_catalog_explain_no_match (catalog, "attrcloud", NULL,
                                                         "Attribute Cloud",
                                                         &(SkyRequirement) {
                                                           .category = "compute",
                                                           .unit = "hour",
                                                           .term = "on-demand",
                                                           .tenancy = "dedicated",
                                                           .architecture = "arm64" },
                                                         &error);
    g_assert_no_error (error);
    g_test_message ("%s", why);
    g_assert_nonnull (strstr (why, "g-4 (g-4) would match but its tenancy is Shared, not "
                                   "Dedicated instance"));
    g_assert_nonnull (strstr (why, "m-4 (m-4-dedicated) would match but its architecture is "
                                   "x86-64, not Arm64"));
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

/* The SKU of @provider's cheapest database offer on demand of at least 2 vCPU in @engine (NULL:
 * any), or "" when none is. */
static char *
cheapest_database_sku (SkyCatalog *catalog,
                       const char *provider,
                       const char *engine)
{
  SkyRequirement req = { .category = "database", .unit = "hour", .term = "on-demand",
                         .min_vcpu_milli = 2000, .engine = engine };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyOfferDetails) d = NULL;
  gint64 id = sky_catalog_cheapest_offer (catalog, provider, NULL, &req, &error);

  g_assert_no_error (error);
  if (id == 0)
    return g_strdup ("");
  d = sky_catalog_get_offer (catalog, id, &error);
  g_assert_no_error (error);
  return g_strdup (d->sku);
}

/* With RDS for PostgreSQL and for MySQL on one sheet, a requirement of an engine keeps only its
 * offers: a listed service's engine is the table's, whatever its offer states; another
 * provider's offers are of the engine their feature names (by id or title), and one that
 * states none is of no engine. The reason when none is says which engine the nearest has. */
static void
test_match_engine (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "engines-aws.xml",
                                                         "engines-other.xml", NULL);
  g_autoptr(GError) error = NULL;
  const struct
  {
    const char *provider, *engine, *sku;
  } cases[] = {
    /* Without an engine the cheapest database of either engine: MySQL. */
    { "aws", NULL, "my.t3.large" },
    { "aws", "mysql", "my.t3.large" },
    /* my.t3.large states PostgreSQL, but it is an offer of RDS for MySQL. */
    { "aws", "postgresql", "pg.m5.large" },
    { "aws", "sql-server", "" },
    { "dbcloud", NULL, "db-2-none" },
    { "dbcloud", "mysql", "db-2-mysql" },
    { "dbcloud", "postgresql", "db-2-pg" },
    { "dbcloud", "mariadb", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sku = cheapest_database_sku (catalog, cases[i].provider, cases[i].engine);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, sku);
      g_assert_cmpstr (sku, ==, cases[i].sku);
    }

  {
    g_autofree char *why = sky_catalog_explain_no_match (catalog, "aws", NULL,
                                                         "Amazon Web Services",
                                                         &(SkyRequirement) {
                                                           .category = "database",
                                                           .unit = "hour",
                                                           .term = "on-demand",
                                                           .engine = "sql-server" },
                                                         &error);
    g_assert_no_error (error);
    g_test_message ("%s", why);
    g_assert_nonnull (strstr (why, "db.t3.large MySQL (my.t3.large) would match but its "
                                   "database engine is MySQL, not SQL Server"));
  }
  {
    g_autofree char *why = sky_catalog_explain_no_match (catalog, "dbcloud", NULL,
                                                         "Database Cloud",
                                                         &(SkyRequirement) {
                                                           .category = "database",
                                                           .unit = "hour",
                                                           .term = "on-demand",
                                                           .engine = "mariadb" },
                                                         &error);
    g_assert_no_error (error);
    g_test_message ("%s", why);
    g_assert_nonnull (strstr (why, "db-2 (engine unstated) (db-2-none) would match but its "
                                   "database engine is unstated, not MariaDB"));
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

/* One scope serves the searches of many requirements: each finds, or explains the lack of, what
 * a search of its own in the same services finds. */
static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  static const char * const providers[] = { "examplecloud", "othercloud" };
  const SkyRequirement reqs[] = {
    { .category = "compute", .unit = "hour", .term = "on-demand", .min_vcpu_milli = 4000 },
    { .category = "compute", .unit = "hour", .term = "on-demand", .geography = "US" },
    { .category = "compute", .unit = "hour", .term = "on-demand", .os = "windows" },
    { .category = "compute", .unit = "hour", .term = "on-demand", .min_vcpu_milli = 16000,
      .geography = "APAC" },
    { .category = "database", .unit = "hour", .term = "on-demand" },
    { .category = "compute", .unit = "hour", .term = "on-demand", .min_vcpu_milli = 4000 },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (providers); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyMatchScope) scope = sky_catalog_match_scope_new (f->catalog, providers[k],
                                                                    NULL, &error);
      guint found = 0, explained = 0;

      g_assert_no_error (error);
      g_assert_nonnull (scope);
      for (gsize i = 0; i < G_N_ELEMENTS (reqs); i++)
        {
          gint64 in = sky_catalog_cheapest_offer_in (f->catalog, scope, &reqs[i], &error);
          gint64 own;

          g_assert_no_error (error);
          own = sky_catalog_cheapest_offer (f->catalog, providers[k], NULL, &reqs[i], &error);
          g_assert_no_error (error);
          g_assert_cmpint (in, ==, own);
          if (in > 0)
            found++;
          else
            {
              g_autofree char *why_in = sky_catalog_explain_no_match_in (f->catalog, scope,
                                                                         "Name", &reqs[i],
                                                                         &error);
              g_autofree char *why_own = NULL;

              g_assert_no_error (error);
              why_own = sky_catalog_explain_no_match (f->catalog, providers[k], NULL, "Name",
                                                      &reqs[i], &error);
              g_assert_no_error (error);
              g_assert_nonnull (why_in);
              g_assert_cmpstr (why_in, ==, why_own);
              explained++;
            }
        }
      /* Both kinds were asked of each provider. */
      g_assert_cmpuint (found, >, 0);
      g_assert_cmpuint (explained, >, 0);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SkyMatchScope) scope = sky_catalog_match_scope_new (f->catalog, "examplecloud",
                                                                  NULL, &error);
    g_autoptr(SkyMatchScope) none = sky_catalog_match_scope_new (f->catalog, "nocloud", NULL,
                                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpint (sky_catalog_find_offer_in (f->catalog, scope, "std-2-us", &error), ==,
                     sky_catalog_find_offer (f->catalog, "examplecloud", NULL, "std-2-us",
                                             &error));
    g_assert_cmpint (sky_catalog_find_offer_in (f->catalog, scope, "std-2-us", &error), >, 0);
    g_assert_cmpint (sky_catalog_find_offer_in (f->catalog, scope, "o-4", &error), ==, 0);
    /* A provider the catalog has no sheet of has no service to search. */
    g_assert_cmpint (sky_catalog_find_offer_in (f->catalog, none, "std-2-us", &error), ==, 0);
    g_assert_cmpint (sky_catalog_cheapest_offer_in (f->catalog, none, &reqs[0], &error), ==, 0);
    g_assert_null (sky_catalog_explain_no_match_in (f->catalog, none, "Name", &reqs[0], &error));
    g_assert_no_error (error);
  }
}

/* A commitment priced per month competes with one per hour for a requirement in hours at the
 * scenario's hours a month, compared exactly: 48 USD a month is 0.0657534… an hour at 730 hours
 * (cheaper than 0.066) and 0.0666… at 720 (dearer); 0.066 × 727.2727… = 48 is the turn. Without
 * hours a month (a search), and on demand, only prices in units of time compete. */
static void
test_monthly_commitment (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) sheet = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "months.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  SkyRequirement req = { .category = "compute", .unit = "hour", .term = "reserved-3y-no-upfront",
                         .min_vcpu_milli = 4000, .min_memory_mgib = 16000 };
  gint64 id;

  sky_test_append_sheet_start (sheet, "monthcloud", "Month Cloud");
  g_string_append (sheet,
                   "  <region code=\"us\" name=\"US\" geography=\"US\"/>\n"
                   "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                   "    <offer sku=\"hourly\" name=\"hourly\" region=\"us\" vcpu=\"4\" "
                   "memory-gib=\"16\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.10\"/>\n"
                   "      <price unit=\"hour\" term=\"reserved\" years=\"3\" amount=\"0.066\"/>\n"
                   "    </offer>\n"
                   "    <offer sku=\"monthly\" name=\"monthly\" region=\"us\" vcpu=\"4\" "
                   "memory-gib=\"16\">\n"
                   "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.11\"/>\n"
                   "      <price unit=\"month\" term=\"reserved\" years=\"3\" amount=\"48\"/>\n"
                   "    </offer>\n"
                   "  </service>\n"
                   "</price-sheet>\n");
  g_assert_true (g_file_set_contents (path, sheet->str, -1, NULL));
  result = sky_catalog_import_file (f->catalog, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

#define CHEAPEST_SKU(expected) G_STMT_START {                                              \
    g_autoptr(SkyOfferDetails) o_ = NULL;                                                  \
    id = sky_catalog_cheapest_offer (f->catalog, "monthcloud", NULL, &req, &error);        \
    g_assert_no_error (error);                                                             \
    g_assert_cmpint (id, >, 0);                                                            \
    o_ = sky_catalog_get_offer (f->catalog, id, &error);                                   \
    g_assert_no_error (error);                                                             \
    g_assert_cmpstr (o_->sku, ==, (expected));                                             \
  } G_STMT_END

  CHEAPEST_SKU ("hourly");
  req.month_hours_micro = 730000000;
  CHEAPEST_SKU ("monthly");
  req.month_hours_micro = 720000000;
  CHEAPEST_SKU ("hourly");
  /* 727.272728 hours: 48 / 727.272728 = 0.06599999… is below 0.066. */
  req.month_hours_micro = 727272728;
  CHEAPEST_SKU ("monthly");
  req.month_hours_micro = 727272727;
  CHEAPEST_SKU ("hourly");
  /* On demand, the monthly offer's hourly price competes as it always did. */
  req.term = "on-demand";
  req.month_hours_micro = 730000000;
  CHEAPEST_SKU ("hourly");
  /* A line in seconds at 730 hours a month: the same as in hours. */
  req.term = "reserved-3y-no-upfront";
  req.unit = "second";
  CHEAPEST_SKU ("monthly");
#undef CHEAPEST_SKU

  /* Matched in hours, its three-year price is the month's over the hours: 48 / 730 =
   * 0.06575342465… ≈ 0.0657534247. */
  {
    g_autoptr(SkyOfferDetails) offer = sky_catalog_get_offer (f->catalog, id, &error);
    SkyMatch *m;
    g_autofree char *three = NULL;

    g_assert_no_error (error);
    m = sky_match_new (g_steal_pointer (&offer), "hour", 730);
    g_assert_true (m->has_three_year);
    three = sky_decimal_to_string (m->three_year);
    g_assert_cmpstr (three, ==, "0.0657534247");
    g_assert_cmpstr (m->three_year_term, ==, "reserved-3y-no-upfront");
    g_assert_false (m->has_one_year);
    sky_match_free (m);
  }
}

/* A large sheet's offers: more than a search reads by offer (sky-catalog-match.c), in two
 * geographies, each offer's price distinct. */
#define LARGE_OFFERS 4200

static gint64
large_vcpu (guint i)
{
  return 2 << (i % 3);
}

/* In ten-thousandths of a dollar. */
static gint64
large_amount (guint i)
{
  return 5000 + (gint64) i * 37 % 4201;
}

static void
write_large_sheet (const char *path)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
                        "  <provider id=\"largecloud\" name=\"Large Cloud\"/>\n"
                        "  <sheet version=\"2026.1\" effective-date=\"2026-01-01\" "
                        "currency=\"USD\"/>\n"
                        "  <source retrieved=\"2026-01-02\">Made by the test.</source>\n"
                        "  <region code=\"us-east\" name=\"US East\" geography=\"US\"/>\n"
                        "  <region code=\"eu-west\" name=\"EU West\" geography=\"EU\"/>\n"
                        "  <service id=\"vm\" name=\"Machines\" category=\"compute\">\n");
  for (guint i = 0; i < LARGE_OFFERS; i++)
    g_string_append_printf (xml, "    <offer sku=\"vm-%u\" name=\"vm-%u\" region=\"%s\" "
                                 "vcpu=\"%" G_GINT64_FORMAT "\" memory-gib=\"%" G_GINT64_FORMAT
                                 "\" os=\"linux\">\n"
                                 "      <price unit=\"hour\" term=\"on-demand\" "
                                 "amount=\"%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT "\"/>\n"
                                 "    </offer>\n",
                            i, i, i % 2 != 0 ? "eu-west" : "us-east", large_vcpu (i),
                            4 * large_vcpu (i), large_amount (i) / 10000,
                            large_amount (i) % 10000);
  g_string_append (xml, "  </service>\n</price-sheet>\n");
  g_file_set_contents (path, xml->str, xml->len, &error);
  g_assert_no_error (error);
}

/* A search finds the same offers whether it reads a small sheet's offers (unitcloud's, beside
 * a large one) or a large sheet's price key bucket by bucket (largecloud's, in two
 * geographies): the cheapest that meet the requirement, across the geographies, in price
 * order. */
static void
test_small_and_large_sheets (void)
{
  SkyRequirement req = { .category = "compute", .unit = "hour", .term = "on-demand",
                         .min_vcpu_milli = 4000, .min_memory_mgib = 16000, .os = "linux" };
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "units-small.xml", NULL);
  g_autofree char *large = g_build_filename (dir, "large.xml", NULL);
  g_autoptr(SkyImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  const char * const only_large[] = { "largecloud", NULL };
  const char * const only_small[] = { "unitcloud", NULL };
  guint expected[3] = { 0 };
  guint n_expected = 0;

  write_large_sheet (large);
  imported = sky_catalog_import_file (catalog, large, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The three cheapest within the band, 4 to 8 vCPU and 16 to 32 GiB, worked out here. */
  while (n_expected < G_N_ELEMENTS (expected))
    {
      gboolean found = FALSE;
      guint best = 0;

      for (guint i = 0; i < LARGE_OFFERS; i++)
        {
          gboolean taken = FALSE;

          for (guint k = 0; k < n_expected; k++)
            taken = taken || expected[k] == i;
          if (large_vcpu (i) < 4 || taken)
            continue;
          if (!found || large_amount (i) < large_amount (best))
            best = i;
          found = TRUE;
        }
      expected[n_expected++] = best;
    }
  /* In both geographies. */
  g_assert_true (expected[0] % 2 != expected[1] % 2 || expected[0] % 2 != expected[2] % 2);

  {
    g_autoptr(GPtrArray) results = sky_catalog_match (catalog, only_large, &req, 730, 3,
                                                      &error);
    SkyMatchResult *r;

    g_assert_no_error (error);
    r = g_ptr_array_index (results, 0);
    g_assert_cmpuint (r->matches->len, ==, 3);
    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *sku = g_strdup_printf ("vm-%u", expected[k]);

        g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (r->matches, k))->offer->sku, ==, sku);
      }
  }
  {
    gint64 id = sky_catalog_cheapest_offer (catalog, "largecloud", NULL, &req, &error);
    g_autoptr(SkyOfferDetails) offer = NULL;
    g_autofree char *sku = g_strdup_printf ("vm-%u", expected[0]);

    g_assert_no_error (error);
    offer = sky_catalog_get_offer (catalog, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (offer->sku, ==, sku);
  }

  /* unitcloud's one machine has 2 vCPU and 4 GiB; its disks are found per GB-month among its
   * GiB-month prices. */
  {
    SkyRequirement four = req;
    g_autoptr(GPtrArray) results = NULL;
    SkyMatchResult *r;

    four.min_memory_mgib = 4000;
    results = sky_catalog_match (catalog, only_small, &four, 730, 3, &error);
    g_assert_no_error (error);
    r = g_ptr_array_index (results, 0);
    g_assert_cmpuint (r->matches->len, ==, 0);
    g_assert_nonnull (strstr (r->no_match, "vm-2 (vm-2) would match but it has 2 vCPU, fewer "
                                           "than 4"));
  }
  {
    SkyRequirement two = req;
    SkyRequirement disk = { .category = "storage", .unit = "gb-month", .term = "on-demand" };
    g_autoptr(SkyOfferDetails) offer = NULL;
    gint64 id;

    two.min_vcpu_milli = 2000;
    two.min_memory_mgib = 4000;
    id = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &two, &error);
    g_assert_no_error (error);
    offer = sky_catalog_get_offer (catalog, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (offer->sku, ==, "vm-2");
    g_clear_pointer (&offer, sky_offer_details_free);
    id = sky_catalog_cheapest_offer (catalog, "unitcloud", NULL, &disk, &error);
    g_assert_no_error (error);
    offer = sky_catalog_get_offer (catalog, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (offer->sku, ==, "disk-gib");
  }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/catalog-match/" name, Fixture, NULL, sky_catalog_fixture_setup, func, \
              sky_catalog_fixture_teardown)
  ADD ("match", test_match);
  ADD ("match-commitments", test_match_commitments);
  ADD ("monthly-commitment", test_monthly_commitment);
  ADD ("match-rank", test_match_rank);
  ADD ("no-match", test_no_match);
  ADD ("each-constraint", test_each_constraint);
  ADD ("match-size-band", test_match_size_band);
  ADD ("components", test_components);
  ADD ("match-month-rules", test_match_month_rules);
  ADD ("scope", test_scope);
#undef ADD
  g_test_add_func ("/sky/catalog-match/match-other-units", test_match_other_units);
  g_test_add_func ("/sky/catalog-match/match-units-of-sheet-imported-again",
                   test_match_units_of_sheet_imported_again);
  g_test_add_func ("/sky/catalog-match/match-units-of-services", test_match_units_of_services);
  g_test_add_func ("/sky/catalog-match/match-defaults", test_match_defaults);
  g_test_add_func ("/sky/catalog-match/match-engine", test_match_engine);
  g_test_add_func ("/sky/catalog-match/small-and-large-sheets", test_small_and_large_sheets);

  return g_test_run ();
}
