/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-scenario.h"
#include "sky-sheet-reader.h"
#include "sky-source.h"
#include "sky-source-regions.h"
#include "sky-sources-test-util.h"
#include "sky-test-util.h"

/* azure-retail-json, on the project's own pages and on the real samples in
 * ../shared/realdata/az-retail-prices (skipped, saying so, when that folder is absent). Each
 * converted sheet is read back with the core's reader and its figures compared with the items
 * they came from, to the cent and beyond. */

typedef struct
{
  char       *effective_date;
  char       *currency;
  GHashTable *regions;    /* code -> "name|geography" */
  GHashTable *offers;     /* sku -> "service|name|region|family|os|storage-type" */
  GHashTable *sizes;      /* sku -> "vcpu|memory-gib" ("-" for either not given) */
  GHashTable *features;   /* sku -> "key=value;…" */
  GHashTable *prices;     /* "sku unit term" -> "amount", "fee F", or "from-to@amount,…" */
  GHashTable *dates;      /* "sku unit term" -> the price's effective-date */
  GHashTable *architectures; /* sku -> architecture, for offers that say */
  char       *service;
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->effective_date);
  g_free (sheet->currency);
  g_hash_table_unref (sheet->regions);
  g_hash_table_unref (sheet->offers);
  g_hash_table_unref (sheet->sizes);
  g_hash_table_unref (sheet->features);
  g_hash_table_unref (sheet->prices);
  g_hash_table_unref (sheet->dates);
  g_hash_table_unref (sheet->architectures);
  g_free (sheet->service);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static gboolean
on_header (const SkySheetHeader  *header,
           gpointer               user_data,
           GError               **error)
{
  Sheet *sheet = user_data;

  sheet->effective_date = g_strdup (header->effective_date);
  sheet->currency = g_strdup (header->currency);
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
                       g_strdup_printf ("%s|%s|%s|%s|%s|%s", sheet->service, offer->name,
                                        offer->region, offer->family != NULL ? offer->family
                                                                             : "-",
                                        offer->os != NULL ? offer->os : "-",
                                        offer->storage_type != NULL ? offer->storage_type
                                                                    : "-"));
  g_hash_table_insert (sheet->sizes, g_strdup (offer->sku),
                       g_strdup_printf ("%s|%s", vcpu, memory));
  g_hash_table_insert (sheet->features, g_strdup (offer->sku),
                       sky_sources_test_features_text (offer));
  if (offer->architecture != NULL)
    g_hash_table_insert (sheet->architectures, g_strdup (offer->sku),
                         g_strdup (offer->architecture));
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);
      char *key = sky_sources_test_price_key (offer->sku, price->unit, price->term);
      GString *value = g_string_new (NULL);

      if (price->has_upfront_fee)
        {
          g_autofree char *fee = sky_sources_test_amount_text (price->upfront_fee);
          g_autofree char *hourly = sky_sources_test_amount_text (price->amount);

          g_string_append_printf (value, "fee %s + %s", fee, hourly);
        }
      else if (price->tiers->len == 0)
        {
          g_autofree char *text = sky_sources_test_amount_text (price->amount);

          g_string_append (value, text);
        }
      sky_sources_test_append_tiers (value, price);
      g_hash_table_insert (sheet->dates, g_strdup (key), g_strdup (price->effective_date));
      g_hash_table_insert (sheet->prices, key, g_string_free (value, FALSE));
    }
  return TRUE;
}

static Sheet *
read_sheet (const char *path)
{
  g_autoptr(GError) error = NULL;
  SkySheetSink sink = { on_header, on_region, on_service, on_offer };
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->architectures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sky_sheet_read_file (path, &sink, sheet, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return sheet;
}

static const char *
price_of (Sheet      *sheet,
          const char *sku,
          const char *unit,
          const char *term)
{
  return sky_sources_test_lookup (sheet->prices, sku, unit, term);
}

static const char *
date_of (Sheet      *sheet,
         const char *sku,
         const char *unit,
         const char *term)
{
  return sky_sources_test_lookup (sheet->dates, sku, unit, term);
}

static char *
fixture (const char *name)
{
  return sky_sources_test_fixture ("azure-retail-json", name);
}

static Sheet *
convert_ok (const char * const      *files,
            const SkyConvertOptions *options,
            const char              *dir,
            SkyConvertSummary       *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);

  sky_source_convert ("azure-retail-json", files, options, out, summary, NULL, &error);
  g_assert_no_error (error);
  return read_sheet (out);
}

#define VM_LINUX "standard-d2s-v5.linux.eastus"
#define VM_WINDOWS "standard-d2s-v5.windows.eastus"
#define BLOB_HOT "22222222-0000-0000-0000-000000000001.hot-lrs.eastus"
#define DISK_P10 "33333333-0000-0000-0000-000000000001.p10-lrs.eastus"
#define SQL_S0 "55555555-0000-0000-0000-000000000001.s0.westeurope"

/* Two pages, the items of one VM and of one tiered meter on both. */
static void
test_fixture (void)
{
  g_autofree char *page1 = fixture ("page-1.json");
  g_autofree char *page2 = fixture ("page-2.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  sheet = convert_ok ((const char *[]) { page1, page2, NULL }, &options, dir, summary);

  /* The latest effectiveStartDate of the items converted. */
  g_assert_cmpstr (sheet->effective_date, ==, "2026-03-01");
  g_assert_cmpstr (sheet->currency, ==, "USD");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "eastus"), ==, "East US|US");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "westeurope"), ==, "West Europe|EU");
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 7);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 7);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 11);

  /* A VM size: on demand, spot (its "D2s v5 Spot" SKU), and the reservations of page 2. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, VM_LINUX), ==,
                   "virtual-machines|D2s v5|eastus|Virtual Machines Dsv5 Series|linux|-");
  g_assert_cmpstr (g_hash_table_lookup (sheet->features, VM_LINUX), ==,
                   "arm-sku=Standard_D2s_v5");
  /* From the table of sizes: the API does not say. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, VM_LINUX), ==, "2|8");
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, DISK_P10), ==, "-|-");
  /* The 96-vCPU E sizes have 672 GiB, not 8 × 96; a size not in the table has neither. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-e96s-v5.linux.eastus"), ==,
                   "96|672");
  g_assert_cmpstr (price_of (sheet, "standard-e96s-v5.linux.eastus", "hour", "on-demand"), ==,
                   "6.048");
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-e3s-v5.linux.eastus"), ==,
                   "-|-");
  g_assert_cmpstr (price_of (sheet, VM_LINUX, "hour", "on-demand"), ==, "0.096");
  g_assert_cmpstr (price_of (sheet, VM_LINUX, "hour", "spot"), ==, "0.0192");
  /* "retailPrice": 519 and 997 with "unitOfMeasure": "1 Hour": the whole term's price. */
  g_assert_cmpstr (price_of (sheet, VM_LINUX, "hour", "reserved-1y-all-upfront"), ==,
                   "fee 519 + 0");
  g_assert_cmpstr (price_of (sheet, VM_LINUX, "hour", "reserved-3y-all-upfront"), ==,
                   "fee 997 + 0");
  g_assert_cmpstr (date_of (sheet, VM_LINUX, "hour", "reserved-3y-all-upfront"), ==,
                   "2025-06-01");

  /* Windows: a product of its own; its dev/test price is without the licence. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, VM_WINDOWS), ==,
                   "virtual-machines|D2s v5|eastus|Virtual Machines Dsv5 Series|windows|-");
  g_assert_cmpstr (price_of (sheet, VM_WINDOWS, "hour", "on-demand"), ==, "0.188");
  g_assert_cmpstr (price_of (sheet, VM_WINDOWS, "hour", "dev-test"), ==, "0.096");

  /* tierMinimumUnits 0, 51200 (page 1) and 512000 (page 2): one tiered price. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, BLOB_HOT), ==,
                   "blob-storage|Hot LRS Data Stored|eastus|General Block Blob v2|-|-");
  g_assert_cmpstr (price_of (sheet, BLOB_HOT, "gb-month", "on-demand"), ==,
                   "0-51200@0.0184,51200-512000@0.0177,512000-@0.0166");

  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, DISK_P10), ==,
                   "managed-disks|P10 LRS Disk|eastus|Premium SSD Managed Disks|-|ssd");
  g_assert_cmpstr (price_of (sheet, DISK_P10, "month", "on-demand"), ==, "19.71");

  /* "100 Hours" at 2.0166: 0.020166 an hour, exactly. */
  g_assert_cmpstr (price_of (sheet, SQL_S0, "hour", "on-demand"), ==, "0.020166");
  g_assert_cmpstr (date_of (sheet, SQL_S0, "hour", "on-demand"), ==, "2026-03-01");

  g_assert_cmpuint (sky_convert_summary_skipped (summary, "low-priority price (Azure Batch's; "
                                                          "the spot price is converted)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "service not converted (Azure App "
                                                          "Service)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "Storage product not converted "
                                                          "(Storage Reserved Capacity)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 3);
  sky_test_remove_tree (dir);
}

#define ASSERT_MONEY(e, value, expected) G_STMT_START {      \
    g_autofree char *text_ = sky_estimate_money ((e), (value)); \
    g_assert_cmpstr (text_, ==, (expected));                  \
  } G_STMT_END

/* The converted pages imported and priced: the reservation's total, the dev/test price and
 * the tiered meter, to the cent. */
static void
test_priced (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Azure\" currency=\"USD\"\n"
    "          hours-per-month=\"730\" dev-test=\"true\">\n"
    "  <providers>\n    <provider id=\"azure\"/>\n  </providers>\n"
    "  <line label=\"Reserved\" quantity=\"3\" unit=\"hour\" term=\"reserved-3y-all-upfront\">\n"
    "    <offer provider=\"azure\" sku=\"" VM_LINUX "\"/>\n  </line>\n"
    "  <line label=\"Windows\" quantity=\"1\" unit=\"hour\" term=\"on-demand\">\n"
    "    <offer provider=\"azure\" sku=\"" VM_WINDOWS "\"/>\n  </line>\n"
    "  <line label=\"Blob\" usage=\"600000\" unit=\"gb-month\" term=\"on-demand\">\n"
    "    <offer provider=\"azure\" sku=\"" BLOB_HOT "\"/>\n  </line>\n"
    "</scenario>\n";
  g_autofree char *page1 = fixture ("page-1.json");
  g_autofree char *page2 = fixture ("page-2.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  SkyEstimateProvider *provider;
  SkyEstimateLine *line;
  SkyEstimate *estimate;
  SkyConvertOptions options = { 0 };

  sky_source_convert ("azure-retail-json", (const char *[]) { page1, page2, NULL }, &options,
                      out, summary, NULL, &error);
  g_assert_no_error (error);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scenario = sky_scenario_parse (text, strlen (text), "azure", &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  provider = g_ptr_array_index (estimate->providers, 0);

  /* 3 × 997 USD paid once for three years ("retailPrice": 997, "3 Years"); 2991 / 36 =
   * 83.0833… a month. */
  line = g_ptr_array_index (provider->lines, 0);
  g_assert_cmpint (line->status, ==, SKY_LINE_PRICED);
  ASSERT_MONEY (estimate, line->upfront, "2991.00");
  ASSERT_MONEY (estimate, line->monthly, "0.00");
  ASSERT_MONEY (estimate, line->effective_monthly, "83.08");
  /* The dev/test price of the Windows size: 730 × 0.096 = 70.08 (0.188 on demand). */
  line = g_ptr_array_index (provider->lines, 1);
  ASSERT_MONEY (estimate, line->monthly, "70.08");
  /* 51200 × 0.0184 + 460800 × 0.0177 + 88000 × 0.0166 = 942.08 + 8156.16 + 1460.8. */
  line = g_ptr_array_index (provider->lines, 2);
  ASSERT_MONEY (estimate, line->monthly, "10559.04");
  sky_estimate_free (estimate);
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* --effective-date names the sheet's date; each price keeps its own. */
static void
test_effective_date_option (void)
{
  g_autofree char *page1 = fixture ("page-1.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { .effective_date = "2026-08-01" };

  sheet = convert_ok ((const char *[]) { page1, NULL }, &options, dir, summary);
  g_assert_cmpstr (sheet->effective_date, ==, "2026-08-01");
  g_assert_cmpstr (date_of (sheet, VM_LINUX, "hour", "on-demand"), ==, "2025-06-01");
  /* The 512000 tier is on the other page. */
  g_assert_cmpstr (price_of (sheet, BLOB_HOT, "gb-month", "on-demand"), ==,
                   "0-51200@0.0184,51200-@0.0177");
  sky_test_remove_tree (dir);
}

/* An unknown region refuses the conversion, naming file, line and JSON path; with
 * skip_bad_rows the unknown unit and the tiers that do not start at 0 are listed too. */
static void
test_bad_rows (void)
{
  g_autofree char *bad = fixture ("bad-rows.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_false (sky_source_convert ("azure-retail-json", (const char *[]) { bad, NULL },
                                      &options, out, refused, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  expected = g_strdup_printf ("%s:2: $[0].armRegionName: unknown region “atlantis” "
                              "(--skip-bad-rows skips such rows and lists them)", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  options.skip_bad_rows = TRUE;
  sheet = convert_ok ((const char *[]) { bad, NULL }, &options, dir, summary);
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 1);
  g_assert_cmpstr (price_of (sheet, VM_LINUX, "hour", "on-demand"), ==, "0.096");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unknown region “atlantis”"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unknown unitOfMeasure “1 Furlong”"),
                    ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "the tiers of this meter start at "
                                                          "51200, not 0"), ==, 1);
  sky_test_remove_tree (dir);
}

/* Egress to the internet, in tiers from a free first 100 GB; transfer between regions is not
 * egress. */
static void
test_bandwidth (void)
{
  g_autofree char *page = fixture ("bandwidth.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };
  const char *sku = "88888888-0000-0000-0000-000000000001.standard.westeurope";

  sheet = convert_ok ((const char *[]) { page, NULL }, &options, dir, summary);
  g_assert_cmpuint (g_hash_table_size (sheet->offers), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, sku), ==,
                   "bandwidth|Standard Data Transfer Out|westeurope|Rtn Preference: MGN|-|-");
  g_assert_cmpstr (price_of (sheet, sku, "gb", "on-demand"), ==,
                   "0-100@0,100-10340@0.087,10340-@0.083");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "Bandwidth meter not converted "
                                                          "(Inter-Region Data Transfer Out)"),
                    ==, 1);
  sky_test_remove_tree (dir);
}

#define EXECUTIONS "99999999-0000-0000-0000-000000000001.standard.eastus"
#define EXECUTION_TIME "99999999-0000-0000-0000-000000000002.standard.eastus"

/* Azure Functions' consumption plan: executions priced per 10 ("unitOfMeasure": "10") are
 * priced per request, the free grant a first tier at 0 (tierMinimumUnits 100000 tens of
 * executions: the first million requests); execution time per GB-second, free up to 400,000. */
static void
test_functions (void)
{
  g_autofree char *page = fixture ("functions.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  sheet = convert_ok ((const char *[]) { page, NULL }, &options, dir, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, EXECUTIONS), ==,
                   "functions|Standard Total Executions|eastus|Functions|-|-");
  /* "retailPrice": 0.000002 per "10": 0.0000002 a request, from 100000 × 10. */
  g_assert_cmpstr (price_of (sheet, EXECUTIONS, "request", "on-demand"), ==,
                   "0-1000000@0,1000000-@0.0000002");
  /* "retailPrice": 0.000016 per "1 GB Second" from 400000; the tiers on the page out of
   * order. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, EXECUTION_TIME), ==,
                   "functions|Standard Execution Time|eastus|Functions|-|-");
  g_assert_cmpstr (price_of (sheet, EXECUTION_TIME, "gb-second", "on-demand"), ==,
                   "0-400000@0,400000-@0.000016");
  g_assert_cmpstr (price_of (sheet, "99999999-0000-0000-0000-000000000003.premium.eastus",
                             "hour", "on-demand"), ==, "0.173");
  g_assert_cmpstr (price_of (sheet, "99999999-0000-0000-0000-000000000006.premium.eastus",
                             "gb-hour", "on-demand"), ==, "0.0123");
  g_assert_cmpstr (price_of (sheet, "99999999-0000-0000-0000-000000000005.flex-consumption."
                             "eastus", "million-requests", "on-demand"), ==, "0.4");
  /* A bare count is a count of requests for execution meters only. */
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unit not in the vocabulary (10)"), ==,
                    1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 1);
  sky_test_remove_tree (dir);
}

/* The month of one scenario of the single line @line, priced on @catalog; its explanation
 * into @explanation. */
static char *
price_line (SkyCatalog  *catalog,
            const char  *line_xml,
            char       **explanation,
            char       **sku)
{
  g_autofree char *text = g_strdup_printf (
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Functions\" "
    "currency=\"USD\" hours-per-month=\"730\">\n"
    "  <providers>\n    <provider id=\"azure\"/>\n  </providers>\n%s</scenario>\n", line_xml);
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  SkyEstimateProvider *provider;
  SkyEstimateLine *line;
  SkyEstimate *estimate;
  char *money;

  scenario = sky_scenario_parse (text, strlen (text), "functions", &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  provider = g_ptr_array_index (estimate->providers, 0);
  line = g_ptr_array_index (provider->lines, 0);
  g_assert_cmpint (line->status, ==, SKY_LINE_PRICED);
  money = sky_estimate_money (estimate, line->monthly);
  if (explanation != NULL)
    *explanation = g_strdup (line->explanation);
  if (sku != NULL)
    *sku = g_strdup (line->offer->sku);
  sky_estimate_free (estimate);
  return money;
}

#define FUNCTIONS_LINE(usage, unit, sku)                                                 \
  "  <line label=\"Functions\" usage=\"" usage "\" unit=\"" unit "\">\n"                  \
  "    <offer provider=\"azure\" sku=\"" sku "\"/>\n  </line>\n"

/* The converted Functions meters imported, and lines priced per request, per million requests
 * (converted exactly) and per GB-second against them, through the free tier, to the cent. */
static void
test_functions_priced (void)
{
  static const struct
  {
    const char *line;
    const char *monthly;
  } cases[] = {
    /* (30,000,000 - 1,000,000) × 0.0000002 */
    { FUNCTIONS_LINE ("30000000", "request", EXECUTIONS), "5.80" },
    /* 30 million requests are 30,000,000 requests */
    { FUNCTIONS_LINE ("30", "million-requests", EXECUTIONS), "5.80" },
    /* 2.5 million: 1,500,000 × 0.0000002 = 0.30 */
    { FUNCTIONS_LINE ("2500", "1k-requests", EXECUTIONS), "0.30" },
    /* within the free million */
    { FUNCTIONS_LINE ("999999", "request", EXECUTIONS), "0.00" },
    /* (2,500,000 - 400,000) × 0.000016 */
    { FUNCTIONS_LINE ("2500000", "gb-second", EXECUTION_TIME), "33.60" },
    /* within the free 400,000 GB-seconds */
    { FUNCTIONS_LINE ("350000", "gb-second", EXECUTION_TIME), "0.00" },
    /* 1,000,000 GiB-seconds are 1,073,741,824 / 1,000 GB-seconds: (1,073,741.824 - 400,000)
     * × 0.000016 = 10.779869184 */
    { FUNCTIONS_LINE ("1000000", "gib-second", EXECUTION_TIME), "10.78" },
  };
  g_autofree char *page = fixture ("functions.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *explanation = NULL;
  g_autofree char *monthly = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { 0 };

  sky_source_convert ("azure-retail-json", (const char *[]) { page, NULL }, &options, out,
                      summary, NULL, &error);
  g_assert_no_error (error);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = price_line (catalog, cases[i].line, NULL, NULL);

      g_assert_cmpstr (text, ==, cases[i].monthly);
    }
  /* The explanation shows the free tier and the conversion. */
  monthly = price_line (catalog, FUNCTIONS_LINE ("30", "million-requests", EXECUTIONS),
                        &explanation, NULL);
  g_assert_nonnull (strstr (explanation, "30 Million requests = 30000000 Request"));
  g_assert_nonnull (strstr (explanation, "1000000 Request × 0 USD/Request + 29000000 Request "
                                         "× 0.0000002 USD/Request = 5.80 USD"));
  /* A requirement finds the offers too: of the request meters, the consumption plan's (5.80)
   * is cheaper than Flex Consumption's 0.4 per million (12.00). */
  {
    g_autofree char *requirement = NULL, *sku = NULL;

    requirement = price_line (catalog,
                              "  <line label=\"Requests\" usage=\"30\" unit=\"million-requests\">\n"
                              "    <requirement category=\"serverless\" region=\"eastus\"/>\n"
                              "  </line>\n", NULL, &sku);
    g_assert_cmpstr (requirement, ==, "5.80");
    g_assert_cmpstr (sku, ==, EXECUTIONS);
    g_clear_pointer (&requirement, g_free);
    g_clear_pointer (&sku, g_free);
    requirement = price_line (catalog,
                              "  <line label=\"Compute\" usage=\"2500000\" unit=\"gb-second\">\n"
                              "    <requirement category=\"serverless\" region=\"eastus\"/>\n"
                              "  </line>\n", NULL, &sku);
    g_assert_cmpstr (requirement, ==, "33.60");
    g_assert_cmpstr (sku, ==, EXECUTION_TIME);
  }
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* A "p" among a size's additive features (the small letters after its vCPUs) is an Arm
 * processor; a name that does not follow Azure's naming says no architecture. */
static void
test_architectures (void)
{
  static const char * const expected[][2] = {
    { "Standard_D2ps_v5", "arm64" },
    { "Standard_D16pds_v6", "arm64" },
    { "Standard_D4plds_v5", "arm64" },
    { "Standard_E2pds_v5", "arm64" },
    { "Standard_B2pts_v2", "arm64" },
    { "Standard_D4s_v5", "x86-64" },
    { "Standard_D2as_v5", "x86-64" },
    { "Standard_E16-4ds_v4", "x86-64" },
    { "Standard_NC24ads_A100_v4", "x86-64" },
    { "Standard_HB120rs_v3", "x86-64" },
    { "Standard_D1", "x86-64" },
    { "Standard_DSv3-Type1", NULL },
  };
  g_autofree char *page = fixture ("architectures.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  sheet = convert_ok ((const char *[]) { page, NULL }, &options, dir, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *lower = g_ascii_strdown (expected[i][0], -1);
      g_autofree char *sku = NULL;

      g_strdelimit (lower, "_", '-');
      sku = g_strdup_printf ("%s.linux.eastus", lower);
      g_assert_nonnull (g_hash_table_lookup (sheet->offers, sku));
      g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, sku), ==, expected[i][1]);
    }
  /* Azure Cobalt 100's Dpdsv6 sizes have 4 GiB per vCPU. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-d16pds-v6.linux.eastus"), ==,
                   "16|64");

  /* A requirement asks for an architecture: the Arm size of 16 vCPUs and 64 GiB, 730 × 0.7296
   * = 532.608; x86-64 at 4 vCPUs and 16 GiB, D4s v5, 730 × 0.192 = 140.16. */
  {
    g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
    g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
    g_autofree char *arm = NULL, *x86 = NULL, *arm_sku = NULL, *x86_sku = NULL;
    g_autoptr(SkyCatalog) catalog = NULL;
    g_autoptr(SkyImportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    catalog = sky_catalog_open (db, &error);
    g_assert_no_error (error);
    result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    arm = price_line (catalog,
                      "  <line label=\"Arm\" unit=\"hour\">\n"
                      "    <requirement category=\"compute\" region=\"eastus\" min-vcpu=\"16\" "
                      "min-memory-gib=\"64\" architecture=\"arm64\"/>\n  </line>\n",
                      NULL, &arm_sku);
    g_assert_cmpstr (arm, ==, "532.61");
    g_assert_cmpstr (arm_sku, ==, "standard-d16pds-v6.linux.eastus");
    x86 = price_line (catalog,
                      "  <line label=\"x86\" unit=\"hour\">\n"
                      "    <requirement category=\"compute\" region=\"eastus\" min-vcpu=\"4\" "
                      "min-memory-gib=\"16\" architecture=\"x86-64\"/>\n  </line>\n",
                      NULL, &x86_sku);
    g_assert_cmpstr (x86, ==, "140.16");
    g_assert_cmpstr (x86_sku, ==, "standard-d4s-v5.linux.eastus");
    g_clear_object (&catalog);
  }
  sky_test_remove_tree (dir);
}

/* Hyperscale (Citus), under its old name or as Azure Cosmos DB for PostgreSQL, is service
 * postgresql-hyperscale; Single Server is still not converted. */
static void
test_hyperscale (void)
{
  g_autofree char *page = fixture ("hyperscale.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };
  const char *compute = "77777777-0000-0000-0000-000000000001.4-vcore.westeurope";
  const char *storage = "77777777-0000-0000-0000-000000000002.high-performance.westeurope";

  sheet = convert_ok ((const char *[]) { page, NULL }, &options, dir, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, compute), ==,
                   "postgresql-hyperscale|4 vCore|westeurope|Azure Cosmos DB for PostgreSQL "
                   "Compute - General Purpose|-|-");
  g_assert_cmpstr (price_of (sheet, compute, "hour", "on-demand"), ==, "0.44");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, storage), ==,
                   "postgresql-hyperscale|High Performance Data Stored|westeurope|Azure Database "
                   "for PostgreSQL Hyperscale (Citus) High Performance Storage|-|-");
  g_assert_cmpstr (price_of (sheet, storage, "gib-month", "on-demand"), ==, "0.138");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "database product not converted "
                                                          "(Azure Database for PostgreSQL Single "
                                                          "Server General Purpose - Compute "
                                                          "Gen5)"), ==, 1);
  sky_test_remove_tree (dir);
}

static void
test_not_a_page (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *page = g_build_filename (dir, "page.json", NULL);
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { 0 };

  g_assert_true (g_file_set_contents (page, "{\"skus\": []}", -1, NULL));
  g_assert_false (sky_source_convert ("azure-retail-json", (const char *[]) { page, NULL },
                                      &options, out, summary, NULL, &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
  sky_test_remove_tree (dir);
}

#define COSMOS_2026 "00186115-acda-57ac-bf8b-0dde4389fd7f.2m-vcore.canadacentral"
#define HYPERSCALE_2022 "0013f4c3-6dad-4bed-affe-349302fbc795.high-performance.northeurope"

/* The real samples: the first page of 2022 (envelope) and 485 items of 2026 (a bare array). */
static void
test_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("az-retail-prices");
  g_autofree char *dir = NULL, *page0 = NULL, *items = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) old = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(Sheet) sheet_2022 = NULL;
  SkyConvertOptions options = { 0 };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  page0 = g_build_filename (folder, "page0-2022-06-06-selected.json", NULL);
  items = g_build_filename (folder, "items-2026-08-22-selected.json", NULL);

  sheet = convert_ok ((const char *[]) { items, NULL }, &options, dir, summary);
  /* skuId DZH318Z0BPVW/00QZ, D14 Spot in southindia, Windows: "retailPrice": 0.497297. */
  g_assert_cmpstr (price_of (sheet, "standard-d14.windows.southindia", "hour", "spot"), ==,
                   "0.497297");
  /* Standard_D192s_v6 in canadaeast: "retailPrice": 58584.0 ("1 Year") and 110554.0
   * ("3 Years"), "unitOfMeasure": "1 Hour": the whole term's price, paid once. */
  g_assert_cmpstr (price_of (sheet, "standard-d192s-v6.linux.canadaeast", "hour",
                             "reserved-1y-all-upfront"), ==, "fee 58584 + 0");
  g_assert_cmpstr (price_of (sheet, "standard-d192s-v6.linux.canadaeast", "hour",
                             "reserved-3y-all-upfront"), ==, "fee 110554 + 0");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "standard-d192s-v6.linux.canadaeast"),
                   ==, "virtual-machines|D192s v6|canadaeast|Virtual Machines Dsv6 Series|"
                       "linux|-");
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 167);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 236);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 249);
  /* skuId DZH318Z0JX31/003R, "Azure Cosmos DB for PostgreSQL Compute- Burstable": Hyperscale
   * (Citus) under its name since 2022, "retailPrice": 0.184 per "1 Hour". */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, COSMOS_2026), ==,
                   "postgresql-hyperscale|2m vCore|canadacentral|Azure Cosmos DB for PostgreSQL "
                   "Compute- Burstable|-|-");
  g_assert_cmpstr (price_of (sheet, COSMOS_2026, "hour", "on-demand"), ==, "0.184");
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-d192s-v6.linux.canadaeast"),
                   ==, "192|768");
  /* "E48s v5 Spot", "retailPrice": 0.3624: 48 vCPUs, 384 GiB from the table. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-e48s-v5.linux.australiacentral2"),
                   ==, "48|384");
  g_assert_cmpstr (price_of (sheet, "standard-e48s-v5.linux.australiacentral2", "hour", "spot"),
                   ==, "0.3624");
  /* A size the table does not have. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-d14.windows.southindia"), ==,
                   "-|-");
  /* The processor architecture, from the size's name: "p" among its features is Arm. */
  {
    static const char * const expected[][2] = {
      { "standard-d16pds-v6.linux.italynorth", "arm64" },
      { "standard-d32plds-v6.linux.northeurope", "arm64" },
      { "standard-e16ps-v6.linux.indonesiacentral", "arm64" },
      { "standard-b2pls-v2.windows.westus", "arm64" },
      { "standard-d192s-v6.linux.canadaeast", "x86-64" },
      { "standard-fx48-12mds-v2.linux.germanynorth", "x86-64" },
      { "standard-a3.windows.japaneast", "x86-64" },
      { "standard-h8m-promo.windows.northcentralus", "x86-64" },
      { "standard-ec4ads-cc-v5.windows.uksouth", "x86-64" },
      { "standard-m416s-208-6-v3.windows.northeurope", "x86-64" },
      { "standard-d14.windows.southindia", "x86-64" },
    };
    GHashTableIter iter;
    gpointer sku, offer;
    guint arm = 0, x86 = 0, vms = 0;

    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (g_hash_table_lookup (sheet->architectures, expected[i][0]), ==,
                       expected[i][1]);
    /* Azure Cobalt 100 sizes: 4 GiB per vCPU (Dpdsv6), 2 (Dpldsv6), 8 (Epsv6). */
    g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-d16pds-v6.linux.italynorth"),
                     ==, "16|64");
    g_assert_cmpstr (g_hash_table_lookup (sheet->sizes, "standard-d32plds-v6.linux.northeurope"),
                     ==, "32|64");
    g_assert_cmpstr (g_hash_table_lookup (sheet->sizes,
                                          "standard-e16ps-v6.linux.indonesiacentral"),
                     ==, "16|128");
    /* Every size of the sample follows the naming. */
    g_hash_table_iter_init (&iter, sheet->offers);
    while (g_hash_table_iter_next (&iter, &sku, &offer))
      {
        const char *architecture = g_hash_table_lookup (sheet->architectures, sku);

        if (!g_str_has_prefix (offer, "virtual-machines|"))
          {
            g_assert_null (architecture);
            continue;
          }
        vms++;
        g_assert_nonnull (architecture);
        arm += strcmp (architecture, "arm64") == 0;
        x86 += strcmp (architecture, "x86-64") == 0;
      }
    g_test_message ("2026-08-22 sample: %u VM offers, %u arm64, %u x86-64", vms, arm, x86);
    g_assert_cmpuint (arm + x86, ==, vms);
    g_assert_cmpuint (arm, >=, 4);
  }
  {
    g_autofree char *text = sky_convert_summary_format (summary, 2);

    g_test_message ("2026-08-22 sample: %s", text);
  }

  sheet_2022 = convert_ok ((const char *[]) { page0, NULL }, &options, dir, old);
  /* The same meter in 2022: 0.40365 on demand (spot), 0.1955 dev/test (not converted: spot). */
  g_assert_cmpstr (price_of (sheet_2022, "standard-d14.windows.southindia", "hour", "spot"), ==,
                   "0.40365");
  g_assert_cmpuint (sky_convert_summary_skipped (old, "dev/test price of a spot meter: not "
                                                      "converted"), >=, 1);
  /* "Azure Database for PostgreSQL Hyperscale (Citus) High Performance Storage": 0.073 per
   * "1 GiB/Month". */
  g_assert_cmpstr (g_hash_table_lookup (sheet_2022->offers, HYPERSCALE_2022), ==,
                   "postgresql-hyperscale|High Performance Data Stored|northeurope|Azure Database "
                   "for PostgreSQL Hyperscale (Citus) High Performance Storage|-|-");
  g_assert_cmpstr (price_of (sheet_2022, HYPERSCALE_2022, "gib-month", "on-demand"), ==, "0.073");
  sky_test_remove_tree (dir);
}

/* Both samples in one conversion: of the same meter's prices, the later effectiveStartDate's
 * is the one written, and the earlier one is counted as superseded. */
static void
test_realdata_superseded (void)
{
  g_autofree char *folder = sky_test_realdata ("az-retail-prices");
  g_autofree char *dir = NULL, *page0 = NULL, *items = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  SkyConvertOptions options = { 0 };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  page0 = g_build_filename (folder, "page0-2022-06-06-selected.json", NULL);
  items = g_build_filename (folder, "items-2026-08-22-selected.json", NULL);
  sheet = convert_ok ((const char *[]) { page0, items, NULL }, &options, dir, summary);
  /* 0.40365 from 2022-05-01, then 0.497297 from 2025-10-01. */
  g_assert_cmpstr (price_of (sheet, "standard-d14.windows.southindia", "hour", "spot"), ==,
                   "0.497297");
  g_assert_cmpstr (date_of (sheet, "standard-d14.windows.southindia", "hour", "spot"), ==,
                   "2025-10-01");
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "price superseded by a later one of "
                                                          "the same meter"), >=, 1);
  g_assert_cmpstr (sheet->effective_date, ==, "2026-08-01");
  sky_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *page1 = fixture ("page-1.json");
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "converted.xml", NULL);
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SkyConvertOptions options = { 0 };

  g_cancellable_cancel (cancellable);
  g_assert_false (sky_source_convert ("azure-retail-json", (const char *[]) { page1, NULL },
                                      &options, out, summary, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

/* The format is in the table, and each Azure region has a geography of the vocabulary. */
static void
test_format_and_regions (void)
{
  const SkySourceFormat *format = sky_source_find_format ("azure-retail-json");
  const char * const *geographies = sky_geographies ();
  const char * const codes[] = { "eastus", "westeurope", "southindia", "canadacentral",
                                 "brazilsouth", "uaenorth", "southafricanorth", "japaneast" };
  const char * const expected[] = { "US", "EU", "APAC", "CA", "SA", "ME", "AF", "APAC" };

  g_assert_nonnull (format);
  g_assert_true (format->available);
  g_assert_cmpuint (sky_source_region_count ("azure"), ==, 66);
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const SkySourceRegion *region = sky_source_region_lookup ("azure", codes[i]);

      g_assert_nonnull (region);
      g_assert_cmpstr (region->geography, ==, expected[i]);
      g_assert_true (g_strv_contains (geographies, region->geography));
    }
  g_assert_null (sky_source_region_lookup ("azure", "Zone 1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sky_sheet_reader_init ();

  g_test_add_func ("/sky/sources/azure-retail-json/format-and-regions",
                   test_format_and_regions);
  g_test_add_func ("/sky/sources/azure-retail-json/fixture", test_fixture);
  g_test_add_func ("/sky/sources/azure-retail-json/priced", test_priced);
  g_test_add_func ("/sky/sources/azure-retail-json/effective-date-option",
                   test_effective_date_option);
  g_test_add_func ("/sky/sources/azure-retail-json/bad-rows", test_bad_rows);
  g_test_add_func ("/sky/sources/azure-retail-json/bandwidth", test_bandwidth);
  g_test_add_func ("/sky/sources/azure-retail-json/functions", test_functions);
  g_test_add_func ("/sky/sources/azure-retail-json/functions-priced", test_functions_priced);
  g_test_add_func ("/sky/sources/azure-retail-json/architectures", test_architectures);
  g_test_add_func ("/sky/sources/azure-retail-json/hyperscale", test_hyperscale);
  g_test_add_func ("/sky/sources/azure-retail-json/not-a-page", test_not_a_page);
  g_test_add_func ("/sky/sources/azure-retail-json/cancelled", test_cancelled);
  g_test_add_func ("/sky/sources/azure-retail-json/realdata", test_realdata);
  g_test_add_func ("/sky/sources/azure-retail-json/realdata-superseded",
                   test_realdata_superseded);
  return g_test_run ();
}
