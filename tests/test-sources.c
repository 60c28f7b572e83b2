/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sky-catalog.h"
#include "sky-catalog-match.h"
#include "sky-estimate.h"
#include "sky-scenario.h"
#include "sky-sheet-reader.h"
#include "sky-sheet-writer.h"
#include "sky-source.h"
#include "sky-source-gcp-families.h"
#include "sky-source-private.h"
#ifdef HAVE_YAML
#include "sky-source-yaml.h"
#endif
#include "sky-sources-test-util.h"
#include "sky-test-util.h"
#include "sky-vocabulary.h"

/* The converters, on the project's own small files in each format and on the real samples in
 * ../shared/realdata (skipped, saying so, when that folder is absent). Each converted sheet is
 * read back with the core's reader, and its figures compared with the source rows. */

typedef struct
{
  SkySheetHeader  header;        /* its strings are owned by @strings */
  GPtrArray      *strings;
  GHashTable     *regions;       /* code -> "name|geography" */
  GHashTable     *offers;        /* sku -> "name|region|family|vcpu|memory|os" */
  GHashTable     *features;      /* sku -> "key=value;…" */
  GHashTable     *prices;        /* "sku unit term" -> amount, or "from-to@amount,…" */
  GHashTable     *services;      /* sku -> service id */
  GHashTable     *architectures; /* sku -> architecture, for offers that say */
  GHashTable     *storage_types; /* sku -> storage type, for offers that say */
  GHashTable     *price_rules;   /* "sku unit term" -> "monthly-cap=…" or "usage-discount=…" */
  GHashTable     *discounts;     /* usage-discount id -> "from-to@percent,…" */
  char           *service;
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_ptr_array_unref (sheet->strings);
  g_hash_table_unref (sheet->regions);
  g_hash_table_unref (sheet->offers);
  g_hash_table_unref (sheet->features);
  g_hash_table_unref (sheet->prices);
  g_hash_table_unref (sheet->services);
  g_hash_table_unref (sheet->architectures);
  g_hash_table_unref (sheet->storage_types);
  g_hash_table_unref (sheet->price_rules);
  g_hash_table_unref (sheet->discounts);
  g_free (sheet->service);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static const char *
keep (Sheet      *sheet,
      const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (sheet->strings, copy);
  return copy;
}

static gboolean
on_header (const SkySheetHeader  *header,
           gpointer               user_data,
           GError               **error)
{
  Sheet *sheet = user_data;

  sheet->header.provider_id = keep (sheet, header->provider_id);
  sheet->header.provider_name = keep (sheet, header->provider_name);
  sheet->header.provider_short_name = keep (sheet, header->provider_short_name);
  sheet->header.version = keep (sheet, header->version);
  sheet->header.effective_date = keep (sheet, header->effective_date);
  sheet->header.currency = keep (sheet, header->currency);
  sheet->header.source = keep (sheet, header->source);
  sheet->header.source_url = keep (sheet, header->source_url);
  sheet->header.retrieved = keep (sheet, header->retrieved);
  return TRUE;
}

static gboolean
on_region (const SkySheetRegion  *region,
           gpointer               user_data,
           GError               **error)
{
  Sheet *sheet = user_data;

  g_hash_table_insert (sheet->regions, g_strdup (region->code),
                       g_strdup_printf ("%s|%s", region->name, region->geography));
  return TRUE;
}

static gboolean
on_service (const SkySheetService  *service,
            gpointer                user_data,
            GError                **error)
{
  Sheet *sheet = user_data;

  g_free (sheet->service);
  sheet->service = g_strdup (service->id);
  return TRUE;
}

static gboolean
on_offer (const SkySheetOffer  *offer,
          gpointer              user_data,
          GError              **error)
{
  Sheet *sheet = user_data;
  g_autofree char *vcpu = sky_sources_test_thousandths (offer->vcpu_milli);
  g_autofree char *memory = sky_sources_test_thousandths (offer->memory_mgib);

  g_hash_table_insert (sheet->offers, g_strdup (offer->sku),
                       g_strdup_printf ("%s|%s|%s|%s|%s|%s", offer->name, offer->region,
                                        offer->family != NULL ? offer->family : "-", vcpu,
                                        memory, offer->os != NULL ? offer->os : "-"));
  g_hash_table_insert (sheet->services, g_strdup (offer->sku), g_strdup (sheet->service));
  if (offer->architecture != NULL)
    g_hash_table_insert (sheet->architectures, g_strdup (offer->sku),
                         g_strdup (offer->architecture));
  if (offer->storage_type != NULL)
    g_hash_table_insert (sheet->storage_types, g_strdup (offer->sku),
                         g_strdup (offer->storage_type));
  g_hash_table_insert (sheet->features, g_strdup (offer->sku),
                       sky_sources_test_features_text (offer));
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);
      char *key = sky_sources_test_price_key (offer->sku, price->unit, price->term);
      GString *value = g_string_new (NULL);
      GString *rules = g_string_new (NULL);

      if (price->tiers->len == 0)
        {
          g_autofree char *text = sky_sources_test_amount_text (price->amount);

          g_string_append (value, text);
        }
      sky_sources_test_append_tiers (value, price);
      if (price->has_monthly_cap)
        {
          g_autofree char *text = sky_sources_test_amount_text (price->monthly_cap);

          g_string_append_printf (rules, "monthly-cap=%s", text);
        }
      if (price->usage_discount != NULL)
        g_string_append_printf (rules, "%susage-discount=%s", rules->len > 0 ? ";" : "",
                                price->usage_discount);
      if (rules->len > 0)
        g_hash_table_insert (sheet->price_rules, g_strdup (key), g_string_free (rules, FALSE));
      else
        g_string_free (rules, TRUE);
      g_hash_table_insert (sheet->prices, key, g_string_free (value, FALSE));
    }
  return TRUE;
}

static gboolean
on_usage_discount (const SkySheetUsageDiscount  *discount,
                   gpointer                      user_data,
                   GError                      **error)
{
  Sheet *sheet = user_data;
  GString *bands = g_string_new (NULL);

  for (guint i = 0; i < discount->bands->len; i++)
    {
      const SkySheetBand *band = &g_array_index (discount->bands, SkySheetBand, i);
      g_autofree char *from = sky_decimal_to_string (sky_decimal_normalize (band->from));
      g_autofree char *to = sky_decimal_to_string (sky_decimal_normalize (band->to));
      g_autofree char *percent = sky_decimal_to_string (sky_decimal_normalize (band->percent));

      g_string_append_printf (bands, "%s%s-%s@%s", i > 0 ? "," : "", from, to, percent);
    }
  g_hash_table_insert (sheet->discounts, g_strdup (discount->id), g_string_free (bands, FALSE));
  return TRUE;
}

/* The sheet at @path, read with the core's reader, which must accept it. */
static Sheet *
read_sheet (const char *path)
{
  g_autoptr(GError) error = NULL;
  SkySheetSink sink = { on_header, on_region, on_service, on_offer, on_usage_discount };
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->strings = g_ptr_array_new_with_free_func (g_free);
  sheet->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->architectures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->storage_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->price_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->discounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sky_sheet_read_file (path, &sink, sheet, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return sheet;
}

/* What a price adds to its amount: "monthly-cap=…", "usage-discount=…", or NULL. */
static const char *
rules_of (Sheet      *sheet,
          const char *sku,
          const char *unit,
          const char *term)
{
  return sky_sources_test_lookup (sheet->price_rules, sku, unit, term);
}

static const char *
price_of (Sheet      *sheet,
          const char *sku,
          const char *unit,
          const char *term)
{
  return sky_sources_test_lookup (sheet->prices, sku, unit, term);
}

/* Converts @files and returns the sheet; @summary receives the counts. */
static Sheet *
convert_ok (const char              *format,
            const char * const      *files,
            const SkyConvertOptions *options,
            const char              *dir,
            SkyConvertSummary       *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);

  sky_source_convert (format, files, options, out, summary, NULL, &error);
  g_assert_no_error (error);
  return read_sheet (out);
}

/* Writer and shared rules --------------------------------------------------------------- */

static void
test_decimal_from_double (void)
{
  static const char * const cases[] = {
    "0.00595", "0.00893", "6", "4", "0.0000166667", "1234.5", "0.1", "0.000001",
    "99999999.9999999", "3.75",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkyDecimal value;
      g_autofree char *text = NULL;

      g_assert_true (_sky_convert_decimal_from_double (g_ascii_strtod (cases[i], NULL), &value));
      text = sky_decimal_to_string (value);
      g_assert_cmpstr (text, ==, cases[i]);
    }
  /* More digits than a double keeps: its text is lost, and the number is not taken. */
  {
    SkyDecimal value;

    g_assert_false (_sky_convert_decimal_from_double (0.1234567890123456789, &value));
    g_assert_false (_sky_convert_decimal_from_double (-1, &value));
  }
}

static void
test_writer_amounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL, *precise = NULL;

  plain = sky_sheet_writer_amount_text (sky_decimal_from_scaled (1500, 4), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "0.15");
  precise = sky_sheet_writer_amount_text (sky_decimal_from_scaled (1, 11), &error);
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  g_assert_null (precise);
}

/* Each region in the tables has a geography of the vocabulary; an unknown code has none. */
/* The writer declares usage-discount tables between the regions and the services, and
 * writes a price's monthly cap and usage discount; the core's reader reads them back. */
static void
test_writer_price_rules (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rules.xml", NULL);
  g_autoptr(SkySheetWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkySheetHeader header = { "examplecloud", "Example Cloud", NULL, "1", "2026-01-01", "USD",
                            "By hand.", NULL, "2026-01-01" };
  SkySheetRegion region = { "us-east", "US East", "US" };
  SkySheetService service = { "vm", "Virtual Machines", "compute", NULL };
  SkySheetBand bands[] = {
    { sky_decimal_from_int (0), sky_decimal_from_int (50), sky_decimal_from_int (0) },
    { sky_decimal_from_int (50), sky_decimal_from_int (100), sky_decimal_from_scaled (125, 1) },
  };
  SkyDecimal cap = sky_decimal_from_int (24);

  writer = sky_sheet_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (sky_sheet_writer_header (writer, &header, &error));
  g_assert_true (sky_sheet_writer_region (writer, &region, &error));
  g_assert_true (sky_sheet_writer_usage_discount (writer, "half", bands, G_N_ELEMENTS (bands),
                                                  &error));
  g_assert_true (sky_sheet_writer_begin_service (writer, &service, &error));
  g_assert_true (sky_sheet_writer_begin_offer (writer, "capped", "capped", "us-east", &error));
  g_assert_true (sky_sheet_writer_running_price (writer, "hour", "on-demand",
                                                 sky_decimal_from_scaled (3571, 5), &cap, NULL,
                                                 &error));
  g_assert_cmpuint (sky_sheet_writer_end_offer (writer, &error), ==, 1);
  g_assert_true (sky_sheet_writer_begin_offer (writer, "discounted", "discounted", "us-east",
                                               &error));
  g_assert_true (sky_sheet_writer_running_price (writer, "hour", "on-demand",
                                                 sky_decimal_from_scaled (2, 1), NULL, "half",
                                                 &error));
  g_assert_true (sky_sheet_writer_running_price (writer, "hour", "spot",
                                                 sky_decimal_from_scaled (1, 1), NULL, NULL,
                                                 &error));
  g_assert_cmpuint (sky_sheet_writer_end_offer (writer, &error), ==, 2);
  g_assert_true (sky_sheet_writer_end_service (writer, &error));
  g_assert_true (sky_sheet_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, sky_sheet_writer_free);

  sheet = read_sheet (path);
  g_assert_cmpstr (g_hash_table_lookup (sheet->discounts, "half"), ==, "0-50@0,50-100@12.5");
  g_assert_cmpstr (price_of (sheet, "capped", "hour", "on-demand"), ==, "0.03571");
  g_assert_cmpstr (rules_of (sheet, "capped", "hour", "on-demand"), ==, "monthly-cap=24");
  g_assert_cmpstr (rules_of (sheet, "discounted", "hour", "on-demand"), ==,
                   "usage-discount=half");
  g_assert_null (rules_of (sheet, "discounted", "hour", "spot"));
  sky_test_remove_tree (dir);
}

static void
test_region_tables (void)
{
  const char * const *geographies = sky_geographies ();

  g_assert_cmpuint (sky_source_region_count ("digitalocean"), ==, 15);
  g_assert_cmpuint (sky_source_region_count ("gcp"), ==, 43);
  for (const char * const *provider = (const char *[]) { "digitalocean", "gcp", NULL };
       *provider != NULL; provider++)
    {
      const SkySourceRegion *region = sky_source_region_lookup (*provider, "nowhere1");

      g_assert_null (region);
    }
  g_assert_cmpstr (sky_source_region_lookup ("gcp", "europe-west4")->geography, ==, "EU");
  g_assert_cmpstr (sky_source_region_lookup ("gcp", "northamerica-northeast1")->geography, ==,
                   "CA");
  g_assert_cmpstr (sky_source_region_lookup ("digitalocean", "sgp1")->geography, ==, "APAC");
  g_assert_true (g_strv_contains (geographies, "EU"));
}

static void
test_unknown_format (void)
{
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "out.xml", NULL);
  SkyConvertOptions options = { 0 };

  g_assert_false (sky_source_convert ("aws-price-list-xml", (const char *[]) { out, NULL },
                                      &options, out, summary, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  options.effective_date = "2026-02-30";
  g_assert_false (sky_source_convert ("digitalocean-json", (const char *[]) { out, NULL },
                                      &options, out, summary, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_INVALID_OPTION);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

static void
test_summary_format (void)
{
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) single = sky_convert_summary_new ();
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;

  sky_convert_summary_add_offer (single, 1);
  sky_convert_summary_skip (single, "size not available", "b.json:3: $.sizes[0]");
  sky_convert_summary_add_offer (summary, 2);
  sky_convert_summary_add_offer (summary, 1);
  sky_convert_summary_skip (summary, "size not available", "a.json:3: $.sizes[0]");
  sky_convert_summary_skip (summary, "unknown region “x”", "a.json:9: $.sizes[1]");
  sky_convert_summary_skip (summary, "size not available", "a.json:20: $.sizes[2]");
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 3);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 3);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "size not available"), ==, 2);
  g_assert_cmpuint (sky_convert_summary_n_reasons (summary), ==, 2);
  one = sky_convert_summary_format (single, 0);
  g_assert_cmpstr (one, ==, "1 offer and 1 price written, 1 row skipped\n"
                            "  1 × size not available\n"
                            "    b.json:3: $.sizes[0]\n");
  text = sky_convert_summary_format (summary, 1);
  g_assert_cmpstr (text, ==,
                   "2 offers and 3 prices written, 3 rows skipped\n"
                   "  2 × size not available\n"
                   "    a.json:3: $.sizes[0]\n"
                   "    … and 1 more\n"
                   "  1 × unknown region “x”\n"
                   "    a.json:9: $.sizes[1]\n");
  g_assert_cmpuint (sky_convert_summary_noted (summary, NULL), ==, 0);
}

/* Notes on rows written are counted and listed after the rows skipped, apart from them. */
static void
test_summary_notes (void)
{
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autofree char *text = NULL;

  sky_convert_summary_add_offer (summary, 2);
  sky_convert_summary_note (summary, "price rounded", "p.yml:3: a.hour: 0.12345678901 → "
                                                      "0.123456789");
  sky_convert_summary_note (summary, "price rounded", "p.yml:9: b.hour: 1.00000000005 → 1");
  sky_convert_summary_note (summary, "no discount", "p.yml:12: c");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 0);
  g_assert_cmpuint (sky_convert_summary_noted (summary, NULL), ==, 3);
  g_assert_cmpuint (sky_convert_summary_noted (summary, "price rounded"), ==, 2);
  g_assert_cmpuint (sky_convert_summary_noted (summary, "no discount"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_noted (summary, "other"), ==, 0);
  text = sky_convert_summary_format (summary, 1);
  g_assert_cmpstr (text, ==,
                   "1 offer and 2 prices written, 0 rows skipped\n"
                   "3 notes on what was written\n"
                   "  2 × price rounded\n"
                   "    p.yml:3: a.hour: 0.12345678901 → 0.123456789\n"
                   "    … and 1 more\n"
                   "  1 × no discount\n"
                   "    p.yml:12: c\n");
}

/* digitalocean-json --------------------------------------------------------------------- */

/* Each size in each region it lists is an offer: the hourly price exactly as written, capped
 * at the monthly price, the memory in GiB exactly, the architecture x86-64; sizes not
 * available or in no region are skipped and counted. */
static void
test_digitalocean_fixture (void)
{
  g_autofree char *sizes = sky_sources_test_fixture ("digitalocean", "sizes.json");
  g_autofree char *regions = sky_sources_test_fixture ("digitalocean", "regions.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { .effective_date = "2024-01-29" };
  g_autoptr(Sheet) sheet = convert_ok ("digitalocean-json",
                                       (const char *[]) { sizes, regions, NULL }, &options, dir,
                                       summary);

  g_assert_cmpstr (sheet->header.provider_id, ==, "digitalocean");
  g_assert_cmpstr (sheet->header.provider_short_name, ==, "DigitalOcean");
  g_assert_cmpstr (sheet->header.version, ==, "2024-01-29");
  g_assert_cmpstr (sheet->header.effective_date, ==, "2024-01-29");
  g_assert_cmpstr (sheet->header.retrieved, ==, "2024-01-29");
  g_assert_cmpstr (sheet->header.currency, ==, "USD");
  g_assert_cmpstr (sheet->header.source_url, ==, "https://api.digitalocean.com/v2/sizes");
  g_assert_nonnull (strstr (sheet->header.source, "sizes.json, regions.json"));

  g_assert_cmpuint (g_hash_table_size (sheet->regions), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "fra1"), ==, "Frankfurt (FRA1)|EU");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "nyc3"), ==, "New York 3|US");

  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 3);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 3);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "s-1vcpu-512mb-10gb.nyc3"), ==,
                   "s-1vcpu-512mb-10gb|nyc3|Basic|1|0.5|linux");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "g-2vcpu-8gb.fra1"), ==,
                   "g-2vcpu-8gb|fra1|General Purpose|2|8|linux");
  g_assert_cmpstr (price_of (sheet, "s-1vcpu-512mb-10gb.nyc3", "hour", "on-demand"), ==,
                   "0.00595");
  g_assert_cmpstr (price_of (sheet, "s-1vcpu-512mb-10gb.fra1", "hour", "on-demand"), ==,
                   "0.00595");
  g_assert_cmpstr (price_of (sheet, "g-2vcpu-8gb.fra1", "hour", "on-demand"), ==, "0.09375");
  g_assert_null (price_of (sheet, "g-2vcpu-8gb.fra1", "month", "on-demand"));
  g_assert_cmpstr (rules_of (sheet, "g-2vcpu-8gb.fra1", "hour", "on-demand"), ==,
                   "monthly-cap=63");
  g_assert_cmpstr (rules_of (sheet, "s-1vcpu-512mb-10gb.nyc3", "hour", "on-demand"), ==,
                   "monthly-cap=4");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "g-2vcpu-8gb.fra1"), ==,
                   "x86-64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "g-2vcpu-8gb.fra1"), ==,
                   "ssd-disk-gb=25;transfer-tb=4");
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "g-2vcpu-8gb.fra1"), ==, "droplets");

  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "size not available"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "size offered in no region"), ==, 1);
  sky_test_remove_tree (dir);
}

/* A bad row refuses the whole conversion, naming file, line and field, and leaves the sheet
 * as it was; with skip_bad_rows, the bad rows are counted and listed and the rest written. */
static void
test_digitalocean_bad_rows (void)
{
  g_autofree char *bad = sky_sources_test_fixture ("digitalocean", "bad-rows.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *expected = NULL;
  SkyConvertOptions options = { .effective_date = "2024-01-29" };

  g_assert_true (g_file_set_contents (out, "before", -1, NULL));
  g_assert_false (sky_source_convert ("digitalocean-json", (const char *[]) { bad, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  expected = g_strdup_printf ("%s:15: $.sizes[1].regions[1]: unknown region “atlantis1” "
                              "(--skip-bad-rows skips such rows and lists them)", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");

  options.skip_bad_rows = TRUE;
  sheet = convert_ok ("digitalocean-json", (const char *[]) { bad, NULL }, &options, dir,
                      summary);
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 1);
  g_assert_cmpstr (price_of (sheet, "s-1vcpu-1gb.nyc3", "hour", "on-demand"), ==, "0.00893");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  text = sky_convert_summary_format (summary, 0);
  g_assert_nonnull (strstr (text, "1 × unknown region “atlantis1”\n"));
  g_assert_nonnull (strstr (text, "1 × price_hourly is missing or not a plain positive "
                                  "number\n"));
  g_free (expected);
  expected = g_strdup_printf ("    %s:28: $.sizes[2]\n", bad);
  g_assert_nonnull (strstr (text, expected));
  sky_test_remove_tree (dir);
}

static void
test_digitalocean_cancelled (void)
{
  g_autofree char *sizes = sky_sources_test_fixture ("digitalocean", "sizes.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { .effective_date = "2024-01-29" };

  g_cancellable_cancel (cancellable);
  g_assert_false (sky_source_convert ("digitalocean-json", (const char *[]) { sizes, NULL },
                                      &options, out, summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

static void
converted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The conversion in a thread gives the same sheet and summary, and is cancelled as the
 * conversion is. */
static void
test_convert_async (void)
{
  g_autofree char *sizes = sky_sources_test_fixture ("digitalocean", "sizes.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SkyConvertSummary) summary = NULL;
  g_autoptr(SkyConvertSummary) cancelled_summary = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  char *effective = g_strdup ("2024-01-29");
  SkyConvertOptions options = { .effective_date = effective };

  sky_source_convert_async ("digitalocean-json", (const char *[]) { sizes, NULL }, &options,
                            out, NULL, converted_cb, &result);
  /* The options were copied. */
  memset (effective, 'x', strlen (effective));
  g_free (effective);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sky_source_convert_finish (result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 3);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  sheet = read_sheet (out);
  g_assert_cmpstr (sheet->header.effective_date, ==, "2024-01-29");
  g_assert_cmpstr (price_of (sheet, "g-2vcpu-8gb.fra1", "hour", "on-demand"), ==, "0.09375");
  g_assert_true (g_unlink (out) == 0);

  g_cancellable_cancel (cancellable);
  options.effective_date = "2024-01-29";
  sky_source_convert_async ("digitalocean-json", (const char *[]) { sizes, NULL }, &options,
                            out, cancellable, converted_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sky_source_convert_finish (cancelled, &cancelled_summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (cancelled_summary);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

/* The real answers of January 2024 (107 sizes in 11 regions) and October 2024 (29 sizes,
 * newer schema): every size in every region, its hourly price to the cent and beyond as the
 * API gave it. */
static void
test_digitalocean_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("digitalocean-api");
  g_autofree char *dir = NULL, *sizes = NULL, *regions = NULL, *october = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) later = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(Sheet) newer = NULL;
  SkyConvertOptions options = { .effective_date = "2024-01-29" };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  sizes = g_build_filename (folder, "v2-sizes-2024-01-29.json", NULL);
  regions = g_build_filename (folder, "v2-regions-2024-01-29.json", NULL);
  october = g_build_filename (folder, "v2-sizes-2024-10-18.json", NULL);
  sheet = convert_ok ("digitalocean-json", (const char *[]) { sizes, regions, NULL }, &options,
                      dir, summary);
  /* 107 sizes, each in the regions it lists: 1086 offers, one price each. */
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 1086);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 1086);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 0);
  g_assert_cmpuint (g_hash_table_size (sheet->regions), ==, 11);
  /* "price_hourly": 0.00893, "price_monthly": 6, "memory": 1024 */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "s-1vcpu-1gb.nyc3"), ==,
                   "s-1vcpu-1gb|nyc3|Basic|1|1|linux");
  g_assert_cmpstr (price_of (sheet, "s-1vcpu-1gb.nyc3", "hour", "on-demand"), ==, "0.00893");
  g_assert_cmpstr (rules_of (sheet, "s-1vcpu-1gb.nyc3", "hour", "on-demand"), ==,
                   "monthly-cap=6");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "s-1vcpu-1gb.nyc3"), ==,
                   "ssd-disk-gb=25;transfer-tb=1");
  /* "price_hourly": 0.03571, "price_monthly": 24 */
  g_assert_cmpstr (price_of (sheet, "s-2vcpu-4gb.fra1", "hour", "on-demand"), ==, "0.03571");
  g_assert_cmpstr (rules_of (sheet, "s-2vcpu-4gb.fra1", "hour", "on-demand"), ==,
                   "monthly-cap=24");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "s-2vcpu-4gb.fra1"), ==,
                   "x86-64");
  /* "price_hourly": 0.00595, "price_monthly": 4, "memory": 512 */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "s-1vcpu-512mb-10gb.syd1"), ==,
                   "s-1vcpu-512mb-10gb|syd1|Basic|1|0.5|linux");
  g_assert_cmpstr (price_of (sheet, "s-1vcpu-512mb-10gb.syd1", "hour", "on-demand"), ==,
                   "0.00595");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "blr1"), ==, "Bangalore 1|APAC");

  options.effective_date = "2024-10-18";
  newer = convert_ok ("digitalocean-json", (const char *[]) { october, NULL }, &options, dir,
                      later);
  g_assert_cmpuint (sky_convert_summary_offers (later), ==, g_hash_table_size (newer->offers));
  g_assert_cmpstr (price_of (newer, "s-1vcpu-512mb-10gb.ams3", "hour", "on-demand"), ==,
                   "0.00595");
  sky_test_remove_tree (dir);
}

/* gcp-pricing-yml ----------------------------------------------------------------------- */

/* gcp-skus-json ------------------------------------------------------------------------- */

/* Whether this build writes prices per @unit, or skips them. */
static gboolean
unit_priced (const char *id)
{
  const SkyUnit *unit = sky_unit_lookup (id);

  return unit != NULL && unit->priced;
}

/* Core and RAM SKUs of a family and region are one offer priced per vCPU-hour and GiB-hour,
 * on demand, spot and committed, across pages; units and nanos are read exactly; a tiered
 * egress SKU keeps its tiers; what is not converted is skipped and counted. */
static void
test_gcp_skus_fixture (void)
{
  g_autofree char *page1 = sky_sources_test_fixture ("gcp-skus-json", "skus-page1.json");
  g_autofree char *page2 = sky_sources_test_fixture ("gcp-skus-json", "skus-page2.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { 0 };
  g_autoptr(Sheet) sheet = convert_ok ("gcp-skus-json", (const char *[]) { page1, page2, NULL },
                                       &options, dir, summary);
  gboolean gib = unit_priced ("gib");
  gboolean gib_month = unit_priced ("gib-month");

  /* The latest effectiveTime of the SKUs: 2026-03-05T08:00:00Z. */
  g_assert_cmpstr (sheet->header.effective_date, ==, "2026-03-05");
  g_assert_cmpstr (sheet->header.provider_id, ==, "gcp");
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==,
                    3 + (gib ? 2 : 0) + (gib_month ? 1 : 0));

  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "n2.components.europe-west4"), ==,
                   "N2 (per vCPU and GiB)|europe-west4|N2|-|-|-");
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "n2.components.europe-west4"), ==,
                   "compute-engine");
  /* "units": "0", "nanos": 34957000 and 4686000 */
  g_assert_cmpstr (price_of (sheet, "n2.components.europe-west4", "vcpu-hour", "on-demand"), ==,
                   "0.034957");
  g_assert_cmpstr (price_of (sheet, "n2.components.europe-west4", "gib-hour", "on-demand"), ==,
                   "0.004686");
  g_assert_cmpstr (price_of (sheet, "n2.components.europe-west4", "vcpu-hour", "spot"), ==,
                   "0.008436");
  g_assert_cmpstr (price_of (sheet, "n2.components.europe-west4", "vcpu-hour",
                             "reserved-1y-no-upfront"), ==, "0.022023");
  g_assert_cmpstr (price_of (sheet, "n2.components.europe-west4", "gib-hour",
                             "reserved-3y-no-upfront"), ==, "0.002109");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "n2.components.europe-west4"), ==,
                   "pricing=per vCPU-hour and GiB-hour");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "n2.components.europe-west4"), ==,
                   "x86-64");
  /* N2's on-demand prices name N2's sustained-use discount; its spot and committed ones, and
   * C4A's, none. */
  g_assert_cmpstr (rules_of (sheet, "n2.components.europe-west4", "vcpu-hour", "on-demand"), ==,
                   "usage-discount=n2");
  g_assert_cmpstr (rules_of (sheet, "n2.components.europe-west4", "gib-hour", "on-demand"), ==,
                   "usage-discount=n2");
  g_assert_null (rules_of (sheet, "n2.components.europe-west4", "vcpu-hour", "spot"));
  g_assert_null (rules_of (sheet, "n2.components.europe-west4", "vcpu-hour",
                           "reserved-1y-no-upfront"));
  g_assert_null (rules_of (sheet, "c4a.components.us-central1", "vcpu-hour", "on-demand"));
  g_assert_cmpuint (g_hash_table_size (sheet->discounts), ==, 1);
  /* One SKU in two regions: an offer in each. "units": "1", "nanos": 4000000 */
  g_assert_cmpstr (price_of (sheet, "c4a.components.us-east1", "gib-hour", "on-demand"), ==,
                   "1.004");
  g_assert_cmpstr (price_of (sheet, "c4a.components.us-central1", "vcpu-hour", "on-demand"), ==,
                   "0.03555");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "c4a.components.us-central1"), ==,
                   "pricing=per vCPU-hour and GiB-hour");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "c4a.components.us-central1"), ==,
                   "arm64");

  g_assert_cmpuint (sky_convert_summary_skipped (summary, "sole-tenancy premium: charged on top "
                                                          "of an instance"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "SKU not converted (Compute, "
                                                          "Kubernetes)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "purchase option not converted "
                                                          "(Reserved)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unit not yet supported (GiBy)"), ==,
                    gib ? 0 : 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unit not yet supported (GiBy.mo)"),
                    ==, gib_month ? 0 : 1);
  if (gib)
    /* startUsageAmount 0, 1024, 10240; nanos 120000000, 110000000, 80000000 */
    g_assert_cmpstr (price_of (sheet, "02EE-77CE-ACCD.us-central1", "gib", "on-demand"), ==,
                     "0-1024@0.12,1024-10240@0.11,10240-@0.08");
  sky_test_remove_tree (dir);
}

/* An unknown region, or a price that is not units and nanos, refuses the conversion naming
 * file, line and path; with skip_bad_rows the rest is written. */
static void
test_gcp_skus_bad_rows (void)
{
  g_autofree char *bad = sky_sources_test_fixture ("gcp-skus-json", "bad-rows.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_false (sky_source_convert ("gcp-skus-json", (const char *[]) { bad, NULL }, &options,
                                      out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  expected = g_strdup_printf ("%s:3: $.skus[0].serviceRegions[0]: unknown region “atlantis1” "
                              "(--skip-bad-rows skips such rows and lists them)", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  options.skip_bad_rows = TRUE;
  sheet = convert_ok ("gcp-skus-json", (const char *[]) { bad, NULL }, &options, dir, summary);
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 1);
  g_assert_cmpstr (price_of (sheet, "n2.components.us-central1", "vcpu-hour", "on-demand"), ==,
                   "0.031611");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "tieredRates[0].unitPrice is not "
                                                          "units and nanos"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unknown region “atlantis1”"), ==, 1);
  sky_test_remove_tree (dir);
}

/* The real pages: Compute Engine's N4A cores and RAM in us-central1 (September 2026), to the
 * nano; Kubernetes Engine's SKUs (August 2025), none of which is converted yet. */
static void
test_gcp_skus_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("gcp-billing-catalog");
  g_autofree char *dir = NULL, *n4a = NULL, *gke = NULL, *out = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) nothing = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  n4a = g_build_filename (folder, "compute-engine-n4a-us-central1-skus-2026-09-22.json", NULL);
  gke = g_build_filename (folder, "kubernetes-engine-asia-southeast2-skus-2025-08-08.json",
                          NULL);
  sheet = convert_ok ("gcp-skus-json", (const char *[]) { n4a, NULL }, &options, dir, summary);
  g_assert_cmpstr (sheet->header.effective_date, ==, "2026-09-22");
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 6);
  /* 36AC-06EF-9B3D "N4A Instance Core running in Iowa": nanos 26460000; 2F59-FB4B-2285 RAM:
   * nanos 3010000; Spot: 10550000 and 1201000; Custom: 27783000 and 3161000. */
  g_assert_cmpstr (price_of (sheet, "n4a.components.us-central1", "vcpu-hour", "on-demand"), ==,
                   "0.02646");
  g_assert_cmpstr (price_of (sheet, "n4a.components.us-central1", "gib-hour", "on-demand"), ==,
                   "0.00301");
  g_assert_cmpstr (price_of (sheet, "n4a.components.us-central1", "vcpu-hour", "spot"), ==,
                   "0.01055");
  g_assert_cmpstr (price_of (sheet, "n4a.components.us-central1", "gib-hour", "spot"), ==,
                   "0.001201");
  g_assert_cmpstr (price_of (sheet, "n4a-custom.components.us-central1", "vcpu-hour",
                             "on-demand"), ==, "0.027783");
  g_assert_cmpstr (price_of (sheet, "n4a-custom.components.us-central1", "gib-hour",
                             "on-demand"), ==, "0.003161");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "n4a.components.us-central1"), ==,
                   "pricing=per vCPU-hour and GiB-hour");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "n4a.components.us-central1"), ==,
                   "arm64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures,
                                        "n4a-custom.components.us-central1"), ==, "arm64");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "sole-tenancy premium: charged on top "
                                                          "of an instance"), ==, 2);
  /* N4A has no sustained-use discount: no table is declared. */
  g_assert_cmpuint (g_hash_table_size (sheet->discounts), ==, 0);
  g_assert_null (rules_of (sheet, "n4a.components.us-central1", "vcpu-hour", "on-demand"));

  out = g_build_filename (dir, "gke.xml", NULL);
  g_assert_false (sky_source_convert ("gcp-skus-json", (const char *[]) { gke, NULL }, &options,
                                      out, nothing, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_NOTHING);
  g_assert_cmpuint (sky_convert_summary_skipped (nothing, "SKU not converted (Compute, "
                                                          "Kubernetes)"), ==, 35);
  sky_test_remove_tree (dir);
}

/* The Billing Catalog's SKUs carry no sustained-use discount: the on-demand core and RAM prices
 * of the families Google discounts name the tables gcp-pricing-yml declares (N1's for N1,
 * custom N1 and M1; N2's for N2, N2D and C2), and no other price names one. */
static void
test_gcp_skus_sustained_use (void)
{
  g_autofree char *n2 = sky_sources_test_fixture ("gcp-skus-json", "sustained-n2.json");
  g_autofree char *n1 = sky_sources_test_fixture ("gcp-skus-json", "sustained-n1.json");
  g_autofree char *others = sky_sources_test_fixture ("gcp-skus-json", "sustained-others.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { 0 };
  g_autoptr(Sheet) sheet = convert_ok ("gcp-skus-json",
                                       (const char *[]) { n2, n1, others, NULL }, &options, dir,
                                       summary);
  static const char * const discounted[][2] = {
    { "n2.components.us-central1", "usage-discount=n2" },
    { "n2d-amd.components.us-central1", "usage-discount=n2" },
    { "compute-optimized.components.us-central1", "usage-discount=n2" },
    { "n1-predefined.components.us-central1", "usage-discount=n1" },
    { "custom.components.us-central1", "usage-discount=n1" },
  };

  g_assert_cmpuint (g_hash_table_size (sheet->discounts), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (sheet->discounts, "n1"), ==,
                   "0-25@0,25-50@20,50-75@40,75-100@60");
  g_assert_cmpstr (g_hash_table_lookup (sheet->discounts, "n2"), ==,
                   "0-25@0,25-50@13.22,50-75@26.7,75-100@40");
  for (gsize i = 0; i < G_N_ELEMENTS (discounted); i++)
    {
      g_assert_cmpstr (rules_of (sheet, discounted[i][0], "vcpu-hour", "on-demand"), ==,
                       discounted[i][1]);
      g_assert_cmpstr (rules_of (sheet, discounted[i][0], "gib-hour", "on-demand"), ==,
                       discounted[i][1]);
    }
  /* "Memory-optimized Instance Core": M1's, with N1's table. */
  g_assert_cmpstr (rules_of (sheet, "memory-optimized.components.us-central1", "vcpu-hour",
                             "on-demand"), ==, "usage-discount=n1");
  /* "units": "0", "nanos": 31611000 and 4237000 */
  g_assert_cmpstr (price_of (sheet, "n2.components.us-central1", "vcpu-hour", "on-demand"), ==,
                   "0.031611");
  g_assert_cmpstr (price_of (sheet, "n2.components.us-central1", "gib-hour", "on-demand"), ==,
                   "0.004237");
  /* Neither spot prices nor commitments have one, nor E2 and C2D. */
  g_assert_nonnull (price_of (sheet, "n2.components.us-central1", "vcpu-hour", "spot"));
  g_assert_null (rules_of (sheet, "n2.components.us-central1", "vcpu-hour", "spot"));
  g_assert_nonnull (price_of (sheet, "n2.components.us-central1", "vcpu-hour",
                              "reserved-1y-no-upfront"));
  g_assert_null (rules_of (sheet, "n2.components.us-central1", "vcpu-hour",
                           "reserved-1y-no-upfront"));
  g_assert_nonnull (price_of (sheet, "e2.components.us-central1", "vcpu-hour", "on-demand"));
  g_assert_null (rules_of (sheet, "e2.components.us-central1", "vcpu-hour", "on-demand"));
  g_assert_null (rules_of (sheet, "e2.components.us-central1", "gib-hour", "on-demand"));
  g_assert_null (rules_of (sheet, "c2d-amd.components.us-central1", "vcpu-hour", "on-demand"));
  sky_test_remove_tree (dir);
}

/* The family table, one for both converters: by the names pricing.yml's machine types start
 * with and those the Billing Catalog's core and RAM SKUs use. */
static void
test_gcp_families (void)
{
  static const struct
  {
    const char *family;
    const char *discount;
    const char *architecture;
  } families[] = {
    { "n1-standard-4", "n1", "x86-64" },
    { "N1 Predefined", "n1", "x86-64" },
    { "custom-2-4096", "n1", "x86-64" },
    { "Custom Extended", "n1", "x86-64" },
    { "m1-megamem-96", "n1", "x86-64" },
    { "m2-ultramem-208", "n1", "x86-64" },
    { "Memory-optimized", "n1", "x86-64" },
    { "f1-micro", "n1", "x86-64" },
    { "g1-small", "n1", "x86-64" },
    { "n2-standard-4", "n2", "x86-64" },
    { "N2 Custom", "n2", "x86-64" },
    { "n2d-standard-2", "n2", "x86-64" },
    { "N2D AMD", "n2", "x86-64" },
    { "c2-standard-4", "n2", "x86-64" },
    { "Compute optimized", "n2", "x86-64" },
    { "c2d-standard-2", NULL, "x86-64" },
    { "C2D AMD", NULL, "x86-64" },
    { "e2-standard-2", NULL, "x86-64" },
    { "n4-standard-2", NULL, "x86-64" },
    { "m3-megamem-64", NULL, "x86-64" },
    { "N1X", NULL, "x86-64" },
    { "t2a-standard-1", NULL, "arm64" },
    { "c4a-standard-4", NULL, "arm64" },
    { "N4A", NULL, "arm64" },
    { "N4A Custom", NULL, "arm64" },
    { "T2D", NULL, "x86-64" },
  };
  SkyDecimal n1 = _sky_gcp_discount_full_hours (0);
  SkyDecimal n2 = _sky_gcp_discount_full_hours (1);
  g_autofree char *n1_text = sky_decimal_to_string (n1);
  g_autofree char *n2_text = sky_decimal_to_string (n2);

  for (gsize i = 0; i < G_N_ELEMENTS (families); i++)
    {
      int table = _sky_gcp_family_discount (families[i].family);

      g_assert_cmpstr (table >= 0 ? _sky_gcp_discount_id ((guint) table) : NULL, ==,
                       families[i].discount);
      g_assert_cmpstr (_sky_gcp_family_architecture (families[i].family), ==,
                       families[i].architecture);
    }
  /* An always-on month of 730 hours bills 511 hours at full price under N1's table, 584.146
   * under N2's. */
  g_assert_cmpstr (_sky_gcp_discount_id (0), ==, "n1");
  g_assert_cmpstr (n1_text, ==, "511");
  g_assert_cmpstr (_sky_gcp_discount_id (1), ==, "n2");
  g_assert_cmpstr (n2_text, ==, "584.146");
}

/* What the first line of @scenario_text costs a month, priced on the catalog of @sheets. */
static char *
monthly_of (const char * const *sheets,
            const char         *scenario_text,
            char              **explanation)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  SkyEstimateProvider *provider;
  SkyEstimateLine *line;
  SkyEstimate *estimate;
  char *text;

  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; sheets[i] != NULL; i++)
    {
      g_autoptr(SkyImportResult) result = sky_catalog_import_file (catalog, sheets[i], NULL,
                                                                   NULL, NULL, &error);

      g_assert_no_error (error);
    }
  scenario = sky_scenario_parse (scenario_text, strlen (scenario_text), "gcp", &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  provider = g_ptr_array_index (estimate->providers, 0);
  line = g_ptr_array_index (provider->lines, 0);
  g_assert_cmpint (line->status, ==, SKY_LINE_PRICED);
  text = sky_estimate_money (estimate, line->monthly);
  if (explanation != NULL)
    *explanation = g_strdup (line->explanation);
  sky_estimate_free (estimate);
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
  return text;
}

#define GCP_SCENARIO(line)                                                                \
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"GCP\" currency=\"USD\"\n" \
  "          hours-per-month=\"730\">\n"                                                    \
  "  <providers>\n    <provider id=\"gcp\"/>\n  </providers>\n" line "</scenario>\n"

#define GCP_REQUIREMENT(usage, vcpu, gib)                                                 \
  GCP_SCENARIO ("  <line label=\"VM\" quantity=\"1\" " usage "unit=\"hour\" "               \
                "term=\"on-demand\">\n"                                                     \
                "    <requirement category=\"compute\" region=\"us-central1\" min-vcpu=\""  \
                vcpu "\" min-memory-gib=\"" gib "\" max-oversize=\"1\"/>\n  </line>\n")

#define GCP_OFFER(usage, sku)                                                             \
  GCP_SCENARIO ("  <line label=\"VM\" quantity=\"1\" " usage "unit=\"hour\" "               \
                "term=\"on-demand\">\n"                                                     \
                "    <offer provider=\"gcp\" sku=\"" sku "\"/>\n  </line>\n")

/* An always-on n2-standard-4 in us-central1 costs the same a month from a sheet converted from
 * the Billing Catalog's N2 core and RAM SKUs (4 × 0.031611 + 16 × 0.004237 = 0.194236 an hour)
 * as from pricing.yml's (hour 0.194236, month 113.462182456): 584.146 hours at full price,
 * 113.46 USD; likewise n1-standard-4 (4 × 0.031611 + 15 × 0.004237 = 0.189999, 511 hours,
 * 97.09 USD) and half a month of each. */
static void
test_gcp_skus_sustained_use_priced (void)
{
  g_autofree char *n2 = sky_sources_test_fixture ("gcp-skus-json", "sustained-n2.json");
  g_autofree char *n1 = sky_sources_test_fixture ("gcp-skus-json", "sustained-n1.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *n2_sheet = g_build_filename (dir, "n2.xml", NULL);
  g_autofree char *n1_sheet = g_build_filename (dir, "n1.xml", NULL);
  g_autofree char *n2_month = NULL, *n2_half = NULL, *n1_month = NULL, *n1_half = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) n1_summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_true (sky_source_convert ("gcp-skus-json", (const char *[]) { n2, NULL }, &options,
                                     n2_sheet, summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sky_source_convert ("gcp-skus-json", (const char *[]) { n1, NULL }, &options,
                                     n1_sheet, n1_summary, NULL, &error));
  g_assert_no_error (error);

  n2_month = monthly_of ((const char *[]) { n2_sheet, NULL }, GCP_REQUIREMENT ("", "4", "16"),
                         &explanation);
  g_assert_cmpstr (n2_month, ==, "113.46");
  g_assert_nonnull (strstr (explanation, "usage discount n2"));
  g_assert_nonnull (strstr (explanation, "584.146 Hour at full price"));
  /* 182.5 + 182.5 × 0.8678 = 340.8735 hours × 0.194236 = 66.209905146 */
  n2_half = monthly_of ((const char *[]) { n2_sheet, NULL },
                        GCP_REQUIREMENT ("usage=\"365\" ", "4", "16"), NULL);
  g_assert_cmpstr (n2_half, ==, "66.21");
  /* 0.189999 × 511 = 97.089489 */
  n1_month = monthly_of ((const char *[]) { n1_sheet, NULL }, GCP_REQUIREMENT ("", "4", "15"),
                         NULL);
  g_assert_cmpstr (n1_month, ==, "97.09");
  /* 182.5 + 182.5 × 0.8 = 328.5 hours × 0.189999 = 62.4146715 */
  n1_half = monthly_of ((const char *[]) { n1_sheet, NULL },
                        GCP_REQUIREMENT ("usage=\"365\" ", "4", "15"), NULL);
  g_assert_cmpstr (n1_half, ==, "62.41");

#ifdef HAVE_YAML
  {
    g_autofree char *yml = sky_sources_test_fixture ("gcp-pricing-yml", "discounts.yml");
    g_autofree char *yml_sheet = g_build_filename (dir, "pricing.xml", NULL);
    SkyConvertOptions round = { .round_prices = TRUE };
    g_autoptr(SkyConvertSummary) yml_summary = sky_convert_summary_new ();
    g_autofree char *month = NULL, *half = NULL;

    g_assert_true (sky_source_convert ("gcp-pricing-yml", (const char *[]) { yml, NULL }, &round,
                                       yml_sheet, yml_summary, NULL, &error));
    g_assert_no_error (error);
    month = monthly_of ((const char *[]) { yml_sheet, NULL },
                        GCP_OFFER ("", "n2-standard-4.linux.us-central1"), NULL);
    g_assert_cmpstr (month, ==, n2_month);
    half = monthly_of ((const char *[]) { yml_sheet, NULL },
                       GCP_OFFER ("usage=\"365\" ", "n2-standard-4.linux.us-central1"), NULL);
    g_assert_cmpstr (half, ==, n2_half);
    g_clear_pointer (&month, g_free);
    g_clear_pointer (&half, g_free);
    month = monthly_of ((const char *[]) { yml_sheet, NULL },
                        GCP_OFFER ("", "n1-standard-4.linux.us-central1"), NULL);
    g_assert_cmpstr (month, ==, n1_month);
    half = monthly_of ((const char *[]) { yml_sheet, NULL },
                       GCP_OFFER ("usage=\"365\" ", "n1-standard-4.linux.us-central1"), NULL);
    g_assert_cmpstr (half, ==, n1_half);
  }
#endif
  sky_test_remove_tree (dir);
}

/* Half-up means a 5 in the 11th decimal goes up. */
static void
test_round_prices_half_up (void)
{
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions round = { .round_prices = TRUE };
  SkyConvertOptions keep = { 0 };
  SkyConvertContext context = { &round, summary, NULL, NULL };
  SkyDecimal value;
  gboolean rounded;
  g_autofree char *text = NULL;

  g_assert_true (_sky_convert_parse_amount ("0.00000000005", &value));
  g_assert_true (_sky_convert_fit_price (&context, &value, &rounded));
  g_assert_true (rounded);
  text = _sky_convert_decimal_text (value);
  g_assert_cmpstr (text, ==, "0.0000000001");
  g_assert_true (_sky_convert_parse_amount ("1.1234567891", &value));
  g_assert_true (_sky_convert_fit_price (&context, &value, &rounded));
  g_assert_false (rounded);
  context.options = &keep;
  g_assert_true (_sky_convert_parse_amount ("1.12345678911", &value));
  g_assert_false (_sky_convert_fit_price (&context, &value, &rounded));
}

#ifdef HAVE_YAML
static gboolean
walked_mapping_start (const SkyYamlPath  *path,
                      gulong              line,
                      gpointer            user_data,
                      GError            **error)
{
  g_string_append_printf (user_data, "{%s@%lu ", path->keys[path->depth - 1], line);
  return TRUE;
}

static gboolean
walked_mapping_end (const SkyYamlPath  *path,
                    gpointer            user_data,
                    GError            **error)
{
  g_string_append (user_data, "} ");
  return TRUE;
}

static gboolean
walked_value (const SkyYamlPath  *path,
              const char         *value,
              gulong              line,
              gpointer            user_data,
              GError            **error)
{
  g_string_append_printf (user_data, "%s=%s@%lu ", path->keys[path->depth - 1], value, line);
  return TRUE;
}

/* The walk tells each mapping with its key's line and each value with the keys it is at,
 * skips the items of lists, and refuses aliases and nesting deeper than it keeps. */
static void
test_yaml_walk (void)
{
  static const SkyYamlSink sink = { walked_mapping_start, walked_mapping_end, walked_value };
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *good = g_build_filename (dir, "good.yml", NULL);
  g_autofree char *alias = g_build_filename (dir, "alias.yml", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.yml", NULL);
  g_autoptr(GString) told = g_string_new (NULL);
  g_autoptr(GString) deep_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (good, "a:\n  b: 1\n  list:\n  - x: 2\n  - 3\n  c: 4\n",
                                      -1, NULL));
  g_assert_true (_sky_yaml_walk (good, &sink, told, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (told->str, ==, "{a@1 b=1@2 c=4@6 } ");

  g_assert_true (g_file_set_contents (alias, "a: &x\n  b: 1\nc: *x\n", -1, NULL));
  g_assert_false (_sky_yaml_walk (alias, &sink, told, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
  g_assert_true (g_str_has_suffix (error->message, ":3: YAML aliases are not read"));
  g_clear_error (&error);

  for (guint i = 0; i <= SKY_YAML_MAX_DEPTH; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (deep_text, "  ");
      g_string_append_printf (deep_text, "k%u:\n", i);
    }
  g_string_append (deep_text, "  end\n");
  g_assert_true (g_file_set_contents (deep, deep_text->str, -1, NULL));
  g_assert_false (_sky_yaml_walk (deep, &sink, told, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
  sky_test_remove_tree (dir);
}

/* Whether this build writes GiB-month prices (disks, buckets), or skips them. */
static gboolean
gib_month_priced (void)
{
  const SkyUnit *unit = sky_unit_lookup ("gib-month");

  return unit != NULL && unit->priced;
}

/* Every machine type in every region it has an hourly (or spot) price in is an offer: the
 * on-demand and spot hourly prices and the 1- and 3-year commitments per month, exactly as
 * the file writes them; Arm series are marked so; licences, IP addresses and machine types
 * without prices are skipped and counted. */
static void
test_gcp_yml_fixture (void)
{
  g_autofree char *file = sky_sources_test_fixture ("gcp-pricing-yml", "pricing.yml");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { 0 };
  g_autoptr(Sheet) sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL },
                                       &options, dir, summary);
  guint disks = gib_month_priced () ? 5 : 0;
  guint disk_prices = gib_month_priced () ? 8 : 0;
  guint egress = unit_priced ("gib") ? 3 : 0;

  /* about.timestamp 1782885600 is 2026-07-01 06:00 UTC; about.url is the source's. */
  g_assert_cmpstr (sheet->header.provider_id, ==, "gcp");
  g_assert_cmpstr (sheet->header.provider_short_name, ==, "Google Cloud");
  g_assert_cmpstr (sheet->header.effective_date, ==, "2026-07-01");
  g_assert_cmpstr (sheet->header.version, ==, "2026-07-01");
  g_assert_cmpstr (sheet->header.source_url, ==, "https://example.com/pricing-calculator");
  g_assert_nonnull (strstr (sheet->header.source, "generated Wed Jul 1 06:00:00 2026"));

  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 5 + disks + egress);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 13 + disk_prices + egress);
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "europe-west4"), ==,
                   "Netherlands (europe-west4)|EU");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "northamerica-south1"), ==,
                   "Mexico (northamerica-south1)|SA");

  /* n2-standard-4 in europe-west4: hour 0.213832, hour_spot 0.077736, month_1y 98.33684,
   * month_3y 70.24644, cpu 4, ram 16. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "n2-standard-4.linux.europe-west4"), ==,
                   "n2-standard-4|europe-west4|n2|4|16|linux");
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "n2-standard-4.linux.europe-west4"),
                   ==, "compute-engine");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "hour", "on-demand"),
                   ==, "0.213832");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "hour", "spot"), ==,
                   "0.077736");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "month",
                             "reserved-1y-no-upfront"), ==, "98.33684");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "month",
                             "reserved-3y-no-upfront"), ==, "70.24644");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "n2-standard-4.linux.europe-west4"),
                   ==, "");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures,
                                        "n2-standard-4.linux.europe-west4"), ==, "x86-64");
  /* Spot only in that region: an offer with its spot price alone. */
  g_assert_null (price_of (sheet, "n2-standard-4.linux.northamerica-south1", "hour",
                           "on-demand"));
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.northamerica-south1", "hour", "spot"),
                   ==, "0.13676448");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures,
                                        "c4a-standard-1.linux.europe-west4"), ==, "arm64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "a2-highgpu-1g.linux.us-central1"), ==,
                   "a2-highgpu-1g|us-central1|a2|12|85|linux");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "a2-highgpu-1g.linux.us-central1"), ==,
                   "gpu-model=a100");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "a2-highgpu-1g.linux.us-central1"),
                   ==, "x86-64");

  g_assert_cmpuint (sky_convert_summary_skipped (summary, "machine type without prices"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary,
                                                 "no on-demand or spot price in this region"),
                    ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "licence: charged on top of a machine "
                                                          "type, not an offer of its own"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "IP address, Cloud NAT or VPN: not "
                                                          "converted"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "multi- or dual-region location (not "
                                                          "a region)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "dual- and multi-region bucket (its "
                                                          "location is not a region)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unit not yet supported (GiB-month)"),
                    ==, 5 - disks);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "no price in this region"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unit not yet supported (GiB)"), ==,
                    3 - egress);
  if (egress > 0)
    {
      /* Tiers of 0-1, 1-10 and 10 TiB and more a month, priced per GiB. */
      g_assert_cmpstr (price_of (sheet, "egress-internet.europe-west4", "gib", "on-demand"), ==,
                       "0-1024@0.12,1024-10240@0.11,10240-@0.08");
      g_assert_cmpstr (price_of (sheet, "egress-internet-china.us-central1", "gib", "on-demand"),
                       ==, "0-1024@0.23,1024-10240@0.22,10240-@0.2");
      g_assert_cmpstr (g_hash_table_lookup (sheet->services, "egress-internet.us-central1"), ==,
                       "internet-egress");
    }
  if (disks > 0)
    {
      g_assert_cmpstr (price_of (sheet, "disk-balanced.europe-west4", "gib-month", "on-demand"),
                       ==, "0.11");
      g_assert_cmpstr (price_of (sheet, "disk-local.us-central1", "gib-month", "spot"), ==,
                       "0.032");
      g_assert_cmpstr (price_of (sheet, "disk-local.us-central1", "gib-month",
                                 "reserved-3y-no-upfront"), ==, "0.048");
      g_assert_cmpstr (g_hash_table_lookup (sheet->services, "gcs-standard.europe-west4"), ==,
                       "cloud-storage");
      g_assert_cmpstr (g_hash_table_lookup (sheet->storage_types, "gcs-standard.europe-west4"),
                       ==, "object-standard");
    }
  sky_test_remove_tree (dir);
}

/* An unknown region and an hourly price with more decimals than a sheet keeps are bad rows,
 * named by file, line and path; a file that is not YAML is refused with its line and
 * column. */
static void
test_gcp_yml_bad_rows (void)
{
  g_autofree char *bad = sky_sources_test_fixture ("gcp-pricing-yml", "bad-rows.yml");
  g_autofree char *broken = sky_sources_test_fixture ("gcp-pricing-yml", "not-yaml.yml");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_false (sky_source_convert ("gcp-pricing-yml", (const char *[]) { bad, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  expected = g_strdup_printf ("%s:10: compute.instance.e2-small.cost.atlantis1: unknown region "
                              "“atlantis1” (--skip-bad-rows skips such rows and lists them)",
                              bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (sky_source_convert ("gcp-pricing-yml", (const char *[]) { broken, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
  g_free (expected);
  expected = g_strdup_printf ("%s:3:1: ", broken);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  options.skip_bad_rows = TRUE;
  sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { bad, NULL }, &options, dir,
                      summary);
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 2);
  g_assert_cmpstr (price_of (sheet, "e2-micro.linux.us-central1", "hour", "on-demand"), ==,
                   "0.00837708");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "e2-micro.linux.us-central1"), ==,
                   "e2-micro|us-central1|e2|0.25|1|linux");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unknown region “atlantis1”"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "hour has more than 10 decimals (a "
                                                          "sheet keeps 10; it is not rounded)"),
                    ==, 1);
  sky_test_remove_tree (dir);
}

#define ROUNDED_REASON "price rounded half-up to 10 decimals (--round-prices)"
#define CUT_SHORT_REASON "month is hour × 730 only once rounded to its own decimals (hour is " \
                         "month ÷ 730, cut short): no usage discount"
#define MISMATCH_REASON "month is neither hour × 730 nor hour under a known sustained-use " \
                        "discount: no usage discount"

/* A machine type's month tells its sustained-use discount: 511 hours at the hourly price
 * (N1's table), 584.146 hours (N2's), or 730 (none); the sheet declares the tables used and
 * the on-demand price names its own. A month that tells none is noted, and no discount is
 * written. */
static void
test_gcp_yml_discounts (void)
{
  g_autofree char *file = sky_sources_test_fixture ("gcp-pricing-yml", "discounts.yml");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { .round_prices = TRUE };
  g_autoptr(Sheet) sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL },
                                       &options, dir, summary);

  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 5);
  g_assert_cmpuint (g_hash_table_size (sheet->discounts), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (sheet->discounts, "n1"), ==,
                   "0-25@0,25-50@20,50-75@40,75-100@60");
  g_assert_cmpstr (g_hash_table_lookup (sheet->discounts, "n2"), ==,
                   "0-25@0,25-50@13.22,50-75@26.7,75-100@40");
  /* 0.189999 × 511 = 97.089489; 0.194236 × 584.146 = 113.462182456 */
  g_assert_cmpstr (rules_of (sheet, "n1-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "usage-discount=n1");
  g_assert_cmpstr (rules_of (sheet, "n2-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "usage-discount=n2");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "0.194236");
  /* 0.067011 × 730 = 48.91803 */
  g_assert_null (rules_of (sheet, "e2-standard-2.linux.us-central1", "hour", "on-demand"));
  g_assert_null (rules_of (sheet, "n2d-standard-2.linux.us-central1", "hour", "on-demand"));
  g_assert_null (rules_of (sheet, "c3-standard-4-lssd.linux.us-central1", "hour", "on-demand"));

  /* 0.1 × 730 = 73, not 60, and no table gives 600 hours. */
  g_assert_cmpuint (sky_convert_summary_noted (summary, MISMATCH_REASON), ==, 1);
  /* 0.263085890410959 × 730 = 192.05270000000007: 192.0527 once rounded. */
  g_assert_cmpuint (sky_convert_summary_noted (summary, CUT_SHORT_REASON), ==, 1);
  text = sky_convert_summary_format (summary, 0);
  expected = g_strdup_printf ("    %s:37: compute.instance.n2d-standard-2.cost.us-central1: "
                              "month 60, hour 0.1\n", file);
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("    %s:8: compute.instance.c3-standard-4-lssd.cost.us-central1: "
                              "month 192.0527, hour 0.263085890410959\n", file);
  g_assert_nonnull (strstr (text, expected));
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 0);
  sky_test_remove_tree (dir);
}

/* With round_prices, a price of more than 10 decimals is rounded half-up to 10 and written,
 * each one counted and listed with its file, line, path and figures before and after;
 * without it, its row stays a bad row. */
static void
test_gcp_yml_round_prices (void)
{
  g_autofree char *file = sky_sources_test_fixture ("gcp-pricing-yml", "discounts.yml");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "refused.xml", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) skipped = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) rounded = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) without = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_false (sky_source_convert ("gcp-pricing-yml", (const char *[]) { file, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  expected = g_strdup_printf ("%s:8: compute.instance.c3-standard-4-lssd.cost.us-central1: hour "
                              "has more than 10 decimals (a sheet keeps 10; it is not rounded) "
                              "(--skip-bad-rows skips such rows and lists them)", file);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  options.skip_bad_rows = TRUE;
  without = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL }, &options, dir,
                        skipped);
  g_assert_cmpuint (sky_convert_summary_offers (skipped), ==, 4);
  g_assert_null (g_hash_table_lookup (without->offers, "c3-standard-4-lssd.linux.us-central1"));
  g_assert_cmpuint (sky_convert_summary_skipped (skipped, "hour has more than 10 decimals (a "
                                                          "sheet keeps 10; it is not rounded)"),
                    ==, 1);
  g_assert_cmpuint (sky_convert_summary_noted (skipped, ROUNDED_REASON), ==, 0);
  g_assert_cmpuint (sky_convert_summary_noted (skipped, MISMATCH_REASON), ==, 1);

  options.skip_bad_rows = FALSE;
  options.round_prices = TRUE;
  sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL }, &options, dir,
                      rounded);
  g_assert_cmpuint (sky_convert_summary_offers (rounded), ==, 5);
  g_assert_cmpuint (sky_convert_summary_skipped (rounded, NULL), ==, 0);
  /* 0.263085890410959 → 0.2630858904 (the 11th decimal is 1); 0.0123456789015 →
   * 0.0123456789 (…0|15 rounds down), half-up either way. */
  g_assert_cmpstr (price_of (sheet, "c3-standard-4-lssd.linux.us-central1", "hour",
                             "on-demand"), ==, "0.2630858904");
  g_assert_cmpstr (price_of (sheet, "c3-standard-4-lssd.linux.us-central1", "hour", "spot"), ==,
                   "0.0123456789");
  g_assert_cmpuint (sky_convert_summary_noted (rounded, ROUNDED_REASON), ==, 2);
  text = sky_convert_summary_format (rounded, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("  2 × " ROUNDED_REASON "\n"
                              "    %s:9: compute.instance.c3-standard-4-lssd.cost.us-central1."
                              "hour: 0.263085890410959 → 0.2630858904\n"
                              "    %s:10: compute.instance.c3-standard-4-lssd.cost.us-central1."
                              "hour_spot: 0.0123456789015 → 0.0123456789\n", file, file);
  g_assert_nonnull (strstr (text, expected));
  sky_test_remove_tree (dir);
}

/* A cancelled conversion stops with G_IO_ERROR_CANCELLED and writes nothing. */
static void
test_gcp_yml_cancelled (void)
{
  g_autofree char *file = sky_sources_test_fixture ("gcp-pricing-yml", "pricing.yml");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { 0 };

  g_cancellable_cancel (cancellable);
  g_assert_false (sky_source_convert ("gcp-pricing-yml", (const char *[]) { file, NULL },
                                      &options, out, summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

/* The real pricing.yml of July 2026 (3.9 MB): every machine type and region it prices within
 * a sheet's ten decimals, checked against the file's rows. */
static void
test_gcp_yml_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("google-cloud-pricing-cost-calculator");
  g_autofree char *dir = NULL, *file = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *out = NULL;
  SkyConvertOptions options = { 0 };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  file = g_build_filename (folder, "pricing.yml", NULL);
  out = g_build_filename (dir, "refused.xml", NULL);
  /* Hourly prices of 11 to 14 decimals (a monthly price divided by 730) are refused. */
  g_assert_false (sky_source_convert ("gcp-pricing-yml", (const char *[]) { file, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  g_assert_nonnull (strstr (error->message, "pricing.yml:1416: "
                                            "compute.instance.a2-ultragpu-1g.cost.africa-south1: "
                                            "hour has more than 10 decimals"));

  options.skip_bad_rows = TRUE;
  sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL }, &options, dir,
                      summary);
  g_assert_cmpstr (sheet->header.effective_date, ==, "2026-07-30");
  /* 17,720 machine types × regions: 14,495 written, 3,223 with a price of more than ten
   * decimals, 2 with commitments only. */
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==,
                    14495 + (gib_month_priced () ? 730 : 0) + (unit_priced ("gib") ? 129 : 0));
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "hour has more than 10 decimals (a "
                                                          "sheet keeps 10; it is not rounded)"),
                    ==, 3150);
  g_assert_cmpuint (sky_convert_summary_skipped (summary,
                                                 "no on-demand or spot price in this region"),
                    ==, 2);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "machine type without prices"), ==, 8);
  /* n2-standard-4 in europe-west4 and us-central1, as the file gives them. */
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "hour", "on-demand"),
                   ==, "0.213832");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "hour", "spot"), ==,
                   "0.077736");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.europe-west4", "month",
                             "reserved-1y-no-upfront"), ==, "98.33684");
  g_assert_cmpstr (price_of (sheet, "n2-standard-4.linux.us-central1", "month",
                             "reserved-3y-no-upfront"), ==, "63.81076");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "n2-standard-4.linux.us-central1"), ==,
                   "n2-standard-4|us-central1|n2|4|16|linux");
  g_assert_cmpstr (price_of (sheet, "a2-highgpu-1g.linux.africa-south1", "hour", "on-demand"),
                   ==, "4.80478794");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, "a2-highgpu-1g.linux.africa-south1"),
                   ==, "gpu-model=a100");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures,
                                        "a2-highgpu-1g.linux.africa-south1"), ==, "x86-64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "t2a-standard-1.linux.us-central1"),
                   ==, "arm64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "n4a-standard-2.linux.us-central1"),
                   ==, "arm64");
  g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, "c4-standard-4.linux.us-central1"),
                   ==, "x86-64");
  g_assert_cmpuint (g_hash_table_size (sheet->regions), ==, 43);

  /* Sustained-use discounts: n2-standard-4's month is 584.146 hours of its hourly price
   * (113.462182456 = 0.194236 × 584.146 in us-central1), n1-standard-4's 511 (97.089489 =
   * 0.189999 × 511), e2's 730; 1,425 prices name N1's table (the 1,426th, n1-standard-1 in
   * me-central1, has an hourly price of 11 decimals and is left out) and 2,605 N2's. */
  g_assert_cmpuint (g_hash_table_size (sheet->discounts), ==, 2);
  g_assert_cmpstr (rules_of (sheet, "n2-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "usage-discount=n2");
  g_assert_cmpstr (rules_of (sheet, "n2-standard-4.linux.europe-west4", "hour", "on-demand"), ==,
                   "usage-discount=n2");
  g_assert_cmpstr (rules_of (sheet, "n1-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "usage-discount=n1");
  g_assert_null (rules_of (sheet, "n2-standard-4.linux.us-central1", "hour", "spot"));
  g_assert_null (rules_of (sheet, "e2-standard-4.linux.us-central1", "hour", "on-demand"));
  g_assert_null (rules_of (sheet, "c4-standard-4.linux.us-central1", "hour", "on-demand"));
  {
    GHashTableIter iter;
    gpointer value;
    guint n1 = 0, n2 = 0;

    g_hash_table_iter_init (&iter, sheet->price_rules);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        n1 += g_strcmp0 (value, "usage-discount=n1") == 0;
        n2 += g_strcmp0 (value, "usage-discount=n2") == 0;
      }
    g_assert_cmpuint (n1, ==, 1425);
    g_assert_cmpuint (n2, ==, 2605);
  }
  g_assert_cmpuint (sky_convert_summary_noted (summary, MISMATCH_REASON), ==, 0);
  sky_test_remove_tree (dir);
}

/* The real pricing.yml with round_prices: its 3,223 machine types × regions with prices of
 * 11 to 14 decimals are written, their 6,354 such prices rounded and listed; their months
 * are their hourly prices × 730 once rounded, noted so; no month is a mismatch. */
static void
test_gcp_yml_realdata_rounded (void)
{
  g_autofree char *folder = sky_test_realdata ("google-cloud-pricing-cost-calculator");
  g_autofree char *dir = NULL, *file = NULL, *text = NULL, *expected = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { .round_prices = TRUE };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  file = g_build_filename (folder, "pricing.yml", NULL);
  sheet = convert_ok ("gcp-pricing-yml", (const char *[]) { file, NULL }, &options, dir,
                      summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==,
                    14495 + 3223 + (gib_month_priced () ? 730 : 0) +
                    (unit_priced ("gib") ? 129 : 0));
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "hour has more than 10 decimals (a "
                                                          "sheet keeps 10; it is not rounded)"),
                    ==, 0);
  /* 3,150 hour, 3,203 hour_spot, 1 month_3y */
  g_assert_cmpuint (sky_convert_summary_noted (summary, ROUNDED_REASON), ==, 6354);
  g_assert_cmpuint (sky_convert_summary_noted (summary, CUT_SHORT_REASON), ==, 3147);
  g_assert_cmpuint (sky_convert_summary_noted (summary, MISMATCH_REASON), ==, 0);
  /* hour: 6.61733049041096 (month 4830.651258 ÷ 730) */
  g_assert_cmpstr (price_of (sheet, "a2-ultragpu-1g.linux.africa-south1", "hour", "on-demand"),
                   ==, "6.6173304904");
  g_assert_null (rules_of (sheet, "a2-ultragpu-1g.linux.africa-south1", "hour", "on-demand"));
  text = sky_convert_summary_format (summary, 1);
  expected = g_strdup_printf ("  6354 × " ROUNDED_REASON "\n"
                              "    %s:1417: compute.instance.a2-ultragpu-1g.cost.africa-south1."
                              "hour: 6.61733049041096 → 6.6173304904\n"
                              "    … and 6353 more\n", file);
  g_assert_nonnull (strstr (text, expected));
  g_assert_cmpstr (rules_of (sheet, "n2-standard-4.linux.us-central1", "hour", "on-demand"), ==,
                   "usage-discount=n2");
  /* hour: 0.05771220125, month: 29.49093483875 = hour × 511, the file's own figures: N1's
   * table, on the hourly price rounded to 0.0577122013. */
  g_assert_cmpstr (price_of (sheet, "n1-standard-1.linux.me-central1", "hour", "on-demand"), ==,
                   "0.0577122013");
  g_assert_cmpstr (rules_of (sheet, "n1-standard-1.linux.me-central1", "hour", "on-demand"), ==,
                   "usage-discount=n1");
  /* The family table gcp-skus-json names tables by agrees with the file's figures: every
   * machine type's on-demand price names its family's table, and only those do. */
  {
    GHashTableIter iter;
    gpointer sku, offer;
    guint checked = 0;

    g_hash_table_iter_init (&iter, sheet->offers);
    while (g_hash_table_iter_next (&iter, &sku, &offer))
      {
        g_autofree char *name = g_strndup (offer, strcspn (offer, "|"));
        g_autofree char *rule = NULL;
        int table;

        if (price_of (sheet, sku, "hour", "on-demand") == NULL)
          continue;
        table = _sky_gcp_family_discount (name);
        if (table >= 0)
          rule = g_strdup_printf ("usage-discount=%s", _sky_gcp_discount_id ((guint) table));
        g_assert_cmpstr (rules_of (sheet, sku, "hour", "on-demand"), ==, rule);
        checked++;
      }
    g_assert_cmpuint (checked, >, 17000);
  }
  /* Each bucket class is a storage type of its own: a requirement for Standard storage is not
   * met by Archive. */
  if (gib_month_priced ())
    {
      static const char * const classes[][2] = {
        { "gcs-standard.europe-west4", "object-standard" },
        { "gcs-nearline.europe-west4", "object-nearline" },
        { "gcs-coldline.europe-west4", "object-coldline" },
        { "gcs-archiv.europe-west4", "object-archive" },
        { "gcs-dra.us-central1", "object-dra" },
      };

      for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
        g_assert_cmpstr (g_hash_table_lookup (sheet->storage_types, classes[i][0]), ==,
                         classes[i][1]);
    }
  sky_test_remove_tree (dir);
}
#endif

/* Converted sheets in the catalog ---------------------------------------------------------- */

/* Converts @files of @format, dated after the bundled sheet @bundled of the same provider, and
 * imports both into a new catalog, the bundled one first: the converted sheet names its
 * services by the vocabulary's ids, so it is current for exactly those, and the bundled one
 * stays current for the provider's other services. */
static void
assert_converted_imports (const char         *format,
                          const char * const *files,
                          const char         *bundled)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *bundled_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                         "pricesheets", bundled, NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  SkyConvertOptions options = { .version = "converted", .effective_date = "2026-11-01" };
  g_autoptr(GHashTable) services = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) before = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer service;

  g_assert_true (sky_source_convert (format, files, &options, out, summary, NULL, &error));
  g_assert_no_error (error);
  sheet = read_sheet (out);
  g_hash_table_iter_init (&iter, sheet->services);
  while (g_hash_table_iter_next (&iter, NULL, &service))
    {
      g_assert_nonnull (sky_service_lookup (sheet->header.provider_id, service));
      g_hash_table_add (services, service);
    }
  g_assert_cmpuint (g_hash_table_size (services), >, 0);

  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  before = sky_catalog_import_file (catalog, bundled_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before->provider, ==, sheet->header.provider_id);
  result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->status, ==, SKY_IMPORT_ADDED);
  g_assert_true (result->current);
  g_assert_cmpuint (g_strv_length (result->current_services), ==,
                    g_hash_table_size (services));
  for (guint i = 0; result->current_services[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (services, result->current_services[i]));
  g_assert_cmpstr (result->superseded, ==, before->version);

  /* Each service's current sheet: the converted one for its services, the bundled one for
   * the rest it lists. */
  for (guint i = 0; i < sky_service_count (); i++)
    {
      const SkyService *s = sky_service_nth (i);
      g_autofree char *current = NULL;

      if (strcmp (s->provider, sheet->header.provider_id) != 0)
        continue;
      current = sky_catalog_current_service_version (catalog, s->provider, s->word.id, &error);
      g_assert_no_error (error);
      if (g_hash_table_contains (services, s->word.id))
        g_assert_cmpstr (current, ==, "converted");
      else if (current != NULL)
        g_assert_cmpstr (current, ==, before->version);
    }
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* What each converter writes imports beside the bundled sheet of its provider, current for
 * the services it converted only. */
static void
test_converted_sheets_import (void)
{
  g_autofree char *sizes = sky_sources_test_fixture ("digitalocean", "sizes.json");
  g_autofree char *regions = sky_sources_test_fixture ("digitalocean", "regions.json");
  g_autofree char *page1 = sky_sources_test_fixture ("gcp-skus-json", "skus-page1.json");
  g_autofree char *page2 = sky_sources_test_fixture ("gcp-skus-json", "skus-page2.json");

  g_setenv ("SKYTALLY_TODAY", "2026-12-01", TRUE);
  assert_converted_imports ("digitalocean-json", (const char *[]) { sizes, regions, NULL },
                            "digitalocean.xml");
  assert_converted_imports ("gcp-skus-json", (const char *[]) { page1, page2, NULL },
                            "gcp-pricing-yml-2026-07-30.xml.gz");
#ifdef HAVE_YAML
  {
    g_autofree char *yml = sky_sources_test_fixture ("gcp-pricing-yml", "pricing.yml");

    assert_converted_imports ("gcp-pricing-yml", (const char *[]) { yml, NULL },
                              "gcp-pricing-yml-2026-07-30.xml.gz");
  }
#endif
  g_unsetenv ("SKYTALLY_TODAY");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sky_sheet_reader_init ();

  g_test_add_func ("/sky/sources/decimal-from-double", test_decimal_from_double);
  g_test_add_func ("/sky/sources/writer-amounts", test_writer_amounts);
  g_test_add_func ("/sky/sources/writer-price-rules", test_writer_price_rules);
  g_test_add_func ("/sky/sources/region-tables", test_region_tables);
  g_test_add_func ("/sky/sources/unknown-format", test_unknown_format);
  g_test_add_func ("/sky/sources/summary-format", test_summary_format);
  g_test_add_func ("/sky/sources/summary-notes", test_summary_notes);
  g_test_add_func ("/sky/sources/round-prices-half-up", test_round_prices_half_up);
  g_test_add_func ("/sky/sources/digitalocean/fixture", test_digitalocean_fixture);
  g_test_add_func ("/sky/sources/digitalocean/bad-rows", test_digitalocean_bad_rows);
  g_test_add_func ("/sky/sources/digitalocean/cancelled", test_digitalocean_cancelled);
  g_test_add_func ("/sky/sources/convert-async", test_convert_async);
  g_test_add_func ("/sky/sources/digitalocean/realdata", test_digitalocean_realdata);
  g_test_add_func ("/sky/sources/gcp-skus-json/fixture", test_gcp_skus_fixture);
  g_test_add_func ("/sky/sources/gcp-skus-json/bad-rows", test_gcp_skus_bad_rows);
  g_test_add_func ("/sky/sources/gcp-skus-json/realdata", test_gcp_skus_realdata);
  g_test_add_func ("/sky/sources/gcp-skus-json/sustained-use", test_gcp_skus_sustained_use);
  g_test_add_func ("/sky/sources/gcp-skus-json/sustained-use-priced",
                   test_gcp_skus_sustained_use_priced);
  g_test_add_func ("/sky/sources/gcp-families", test_gcp_families);
#ifdef HAVE_YAML
  g_test_add_func ("/sky/sources/yaml-walk", test_yaml_walk);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/fixture", test_gcp_yml_fixture);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/bad-rows", test_gcp_yml_bad_rows);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/cancelled", test_gcp_yml_cancelled);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/discounts", test_gcp_yml_discounts);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/round-prices", test_gcp_yml_round_prices);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/realdata", test_gcp_yml_realdata);
  g_test_add_func ("/sky/sources/gcp-pricing-yml/realdata-rounded",
                   test_gcp_yml_realdata_rounded);
#endif
  g_test_add_func ("/sky/sources/converted-sheets-import", test_converted_sheets_import);
  return g_test_run ();
}
