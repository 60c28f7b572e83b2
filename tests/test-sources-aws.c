/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-scenario.h"
#include "sky-sheet-reader.h"
#include "sky-sheet-writer.h"
#include "sky-source.h"
#include "sky-sources-test-util.h"
#include "sky-test-util.h"

/* The AWS converters, on the project's own small offer file and on the real sample in
 * ../shared/realdata (skipped, saying so, when that folder is absent). Each converted sheet is
 * read back with the core's reader and its figures compared with the source rows. */

typedef struct
{
  GHashTable *headers;   /* "version", "effective-date", ... -> value */
  GHashTable *regions;   /* code -> "name|geography" */
  GHashTable *offers;    /* sku -> "name|region|family|vcpu-milli|memory-mgib|os|architecture|
                          *         tenancy|licence|software|capacity" */
  GHashTable *prices;    /* "sku unit term" -> "amount[+fee][@date]" or "from-to@amount,…",
                          * then " free N" for a free quantity */
  GHashTable *services;  /* id -> "name|category|sla" */
  GHashTable *details;   /* sku -> "service|storage-type|sla|key=value;…" */
  char       *service;   /* the service being read */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_hash_table_unref (sheet->headers);
  g_hash_table_unref (sheet->regions);
  g_hash_table_unref (sheet->offers);
  g_hash_table_unref (sheet->prices);
  g_hash_table_unref (sheet->services);
  g_hash_table_unref (sheet->details);
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

  g_hash_table_insert (sheet->headers, g_strdup ("provider"), g_strdup (header->provider_id));
  g_hash_table_insert (sheet->headers, g_strdup ("version"), g_strdup (header->version));
  g_hash_table_insert (sheet->headers, g_strdup ("effective-date"),
                       g_strdup (header->effective_date));
  g_hash_table_insert (sheet->headers, g_strdup ("retrieved"), g_strdup (header->retrieved));
  g_hash_table_insert (sheet->headers, g_strdup ("currency"), g_strdup (header->currency));
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

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

static gboolean
on_service (const SkySheetService  *service,
            gpointer                user_data,
            GError                **error)
{
  Sheet *sheet = user_data;

  g_hash_table_insert (sheet->services, g_strdup (service->id),
                       g_strdup_printf ("%s|%s|%s", service->name, service->category,
                                        or_dash (service->sla)));
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

  g_hash_table_insert (sheet->offers, g_strdup (offer->sku),
                       g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                        "|%s|%s|%s|%s|%s|%s", offer->name, offer->region,
                                        or_dash (offer->family), offer->vcpu_milli,
                                        offer->memory_mgib, or_dash (offer->os),
                                        or_dash (offer->architecture), offer->tenancy,
                                        offer->licence,
                                        offer->software != NULL ? offer->software : "none",
                                        offer->capacity));
  {
    g_autofree char *features = sky_sources_test_features_text (offer);

    g_hash_table_insert (sheet->details, g_strdup (offer->sku),
                         g_strdup_printf ("%s|%s|%s|%s", sheet->service,
                                          or_dash (offer->storage_type), or_dash (offer->sla),
                                          features));
  }
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);
      GString *text = g_string_new (NULL);

      if (price->tiers->len == 0)
        {
          g_autofree char *amount = sky_sources_test_amount_text (price->amount);

          g_string_append (text, amount);
          if (price->has_upfront_fee)
            {
              g_autofree char *fee = sky_sources_test_amount_text (price->upfront_fee);

              g_string_append_printf (text, "+%s", fee);
            }
        }
      else
        sky_sources_test_append_tiers (text, price);
      if (price->effective_date[0] != '\0')
        g_string_append_printf (text, "@%s", price->effective_date);
      if (price->free_quantity != NULL)
        g_string_append_printf (text, " free %s", price->free_quantity);
      g_hash_table_insert (sheet->prices,
                           sky_sources_test_price_key (offer->sku, price->unit, price->term),
                           g_string_free (text, FALSE));
    }
  return TRUE;
}

static Sheet *
sheet_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  Sheet *sheet = g_new0 (Sheet, 1);
  SkySheetSink sink = { .header = on_header, .region = on_region, .service = on_service,
                        .offer = on_offer };

  sheet->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_true (sky_sheet_read_file (path, &sink, sheet, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return sheet;
}

static const char *
price (Sheet      *sheet,
       const char *key)
{
  return g_hash_table_lookup (sheet->prices, key);
}

/* What a reservation costs over its whole term, to the cent: the upfront fee plus the hourly
 * rate × the term's hours (8,760 a year), both as the sheet gives them. */
static char *
term_cost (const char *pair,
           guint       years)
{
  g_auto(GStrv) parts = g_strsplit_set (pair, "+@", -1);
  SkyDecimal hourly, fee = { 0, 0 }, hours = sky_decimal_from_int (8760 * (gint64) years);
  SkyDecimal spent, total;
  gint64 cents;

  g_assert_true (sky_decimal_parse (parts[0], 10, FALSE, &hourly, NULL));
  if (strchr (pair, '+') != NULL)
    g_assert_true (sky_decimal_parse (parts[1], 10, FALSE, &fee, NULL));
  g_assert_true (sky_decimal_mul (hourly, hours, &spent));
  g_assert_true (sky_decimal_add (spent, fee, &total));
  g_assert_true (sky_decimal_to_scaled_int64 (sky_decimal_round (total, 2, SKY_ROUND_HALF_UP),
                                              2, &cents));
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, cents / 100, cents % 100);
}

/* The project's own offer file: a reservation's hourly rate and its upfront fee, rows apart,
 * make one price; a convertible reservation sits beside a standard one; a tiered row keeps its
 * tiers; the offer attributes are mapped; the storage row is skipped and counted. */
static void
test_aws_offer_fixture (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ec2.xml", NULL);
  g_autofree char *file = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
  const char *files[] = { file, NULL };
  SkyConvertOptions options = { 0 };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *standard = NULL, *convertible = NULL, *all = NULL, *none = NULL;

  g_assert_true (sky_source_convert ("aws-offer-csv", files, &options, out, summary, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 3);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 7);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  /* An EBS row of a file without the Volume API Name column: its volume type is unknown. */
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "EBS volume type not converted (—)"),
                    ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "data transfer other than out to the "
                                                 "internet: not converted"), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "provider"), ==, "aws");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "version"), ==, "20260302100000");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "effective-date"), ==, "2026-03-02");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "retrieved"), ==, "2026-03-02");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "currency"), ==, "USD");
  g_assert_cmpuint (g_hash_table_size (sheet->regions), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "us-east-1"), ==,
                   "US East (N. Virginia)|US");
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "eu-west-1"), ==, "EU (Ireland)|EU");

  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "AAAA1111BBBB2222"), ==,
                   "m7i.large|us-east-1|General purpose|4000|8000|linux|x86-64|shared|included|"
                   "none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "CCCC3333DDDD4444"), ==,
                   "m7g.large|eu-west-1|General purpose|2000|8000|windows|arm64|dedicated|byol|"
                   "none|used");

  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour on-demand"), ==, "0.1008@2026-03-01");
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-partial-upfront"), ==,
                   "0.04+350@2026-03-02");
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-convertible-1y-partial-upfront"),
                   ==, "0.048+420@2026-03-02");
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-3y-all-upfront"), ==,
                   "0+1500@2026-03-02");
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-no-upfront"), ==,
                   "0.063@2026-03-02");
  g_assert_cmpstr (price (sheet, "CCCC3333DDDD4444 hour on-demand"), ==,
                   "0-100@0.0918,100-@0.085@2026-03-01");
  /* Lines 18–21, out of order in the file: data transfer out to the internet, per GB. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "DTOUT00000USE1XX"), ==,
                   "Data transfer out to the internet|us-east-1|-|-1|-1|-|-|"
                   "shared|included|none|used");
  g_assert_cmpstr (price (sheet, "DTOUT00000USE1XX gb on-demand"), ==,
                   "0-10240@0.09,10240-51200@0.085,51200-153600@0.07,153600-@0.05@2026-03-01");

  /* To the cent: 350 + 0.04 × 8,760 = 700.40; 420 + 0.048 × 8,760 = 840.48;
   * 1,500 + 0 × 26,280 = 1,500.00; 0.063 × 8,760 = 551.88. */
  standard = term_cost (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-partial-upfront"), 1);
  convertible = term_cost (price (sheet, "AAAA1111BBBB2222 hour "
                                  "reserved-convertible-1y-partial-upfront"), 1);
  all = term_cost (price (sheet, "AAAA1111BBBB2222 hour reserved-3y-all-upfront"), 3);
  none = term_cost (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-no-upfront"), 1);
  g_assert_cmpstr (standard, ==, "700.40");
  g_assert_cmpstr (convertible, ==, "840.48");
  g_assert_cmpstr (all, ==, "1500.00");
  g_assert_cmpstr (none, ==, "551.88");

  sky_test_remove_tree (dir);
}

/* A row of an unknown unit refuses the conversion with its file and line, and leaves the
 * sheet's place as it was; with skip_bad_rows it is counted and listed and the rest written. */
static void
test_aws_offer_bad_row (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ec2.xml", NULL);
  g_autofree char *file = sky_sources_test_fixture ("aws-offer-csv", "bad-unit.csv");
  g_autofree char *message = g_strdup_printf ("%s:10: unknown unit “Furlongs” "
                                              "(--skip-bad-rows skips such rows and lists them)",
                                              file);
  g_autofree char *place = g_strdup_printf ("%s:10", file);
  g_autofree char *listed = NULL;
  const char *files[] = { file, NULL };
  SkyConvertOptions options = { 0 };
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;

  g_assert_false (sky_source_convert ("aws-offer-csv", files, &options, out, refused, NULL,
                                      &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.skip_bad_rows = TRUE;
  g_assert_true (sky_source_convert ("aws-offer-csv", files, &options, out, summary, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 1);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 2);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "unknown unit “Furlongs”"), ==, 1);
  listed = sky_convert_summary_format (summary, 10);
  g_assert_nonnull (strstr (listed, place));
  sheet = sheet_read (out);
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-partial-upfront"), ==,
                   "0.04+350@2026-03-02");
  g_assert_null (g_hash_table_lookup (sheet->offers, "EEEE5555FFFF6666"));

  /* Tiers with one missing (the first, line 19 of ec2.csv, replaced by a row that is skipped
   * anyway): refused at the lowest tier there is (line 21, from 10240). */
  {
    g_autofree char *source = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
    g_autofree char *text = NULL;
    g_autofree char *gap_path = g_build_filename (dir, "gap.csv", NULL);
    g_autofree char *joined = NULL;
    g_autofree char *gap_where = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(SkyConvertSummary) gap_summary = sky_convert_summary_new ();
    const char *gap_files[] = { gap_path, NULL };

    g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    g_assert_true (strstr (lines[18], "\"0\",\"10240\"") != NULL);
    g_free (lines[18]);
    lines[18] = g_strdup (lines[21]);   /* the row skipped anyway takes its place */
    joined = g_strjoinv ("\n", lines);
    g_assert_true (g_file_set_contents (gap_path, joined, -1, NULL));
    options.skip_bad_rows = FALSE;
    g_assert_false (sky_source_convert ("aws-offer-csv", gap_files, &options, out, gap_summary,
                                        NULL, &error));
    g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
    gap_where = g_strdup_printf ("%s:21: tiers (offer term JRTCKXETXF) that do not follow each "
                                 "other from 0 to an open end (--skip-bad-rows skips such rows "
                                 "and lists them)", gap_path);
    g_assert_cmpstr (error->message, ==, gap_where);
    g_clear_error (&error);
  }

  /* The same file with CRLF line ends: the same line. */
  {
    g_autofree char *text = NULL;
    g_autofree char *crlf_path = g_build_filename (dir, "bad-unit-crlf.csv", NULL);
    g_autofree char *crlf_message = g_strdup_printf ("%s:10: unknown unit “Furlongs” "
                                                     "(--skip-bad-rows skips such rows and "
                                                     "lists them)", crlf_path);
    g_auto(GStrv) lines = NULL;
    g_autofree char *joined = NULL;
    g_autoptr(SkyConvertSummary) crlf_summary = sky_convert_summary_new ();
    const char *crlf_files[] = { crlf_path, NULL };

    g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    joined = g_strjoinv ("\r\n", lines);
    g_assert_true (g_file_set_contents (crlf_path, joined, -1, NULL));
    options.skip_bad_rows = FALSE;
    g_assert_false (sky_source_convert ("aws-offer-csv", crlf_files, &options, out,
                                        crlf_summary, NULL, &error));
    g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
    g_assert_cmpstr (error->message, ==, crlf_message);
  }
  sky_test_remove_tree (dir);
}

/* The real EC2 sample: an excerpt whose last reservation lost its upfront fee row, which is
 * refused with its line, then skipped; the rest to the cent against the rows. */
static void
test_aws_offer_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("aws-price-list");
  g_autofree char *dir = NULL, *out = NULL, *file = NULL, *message = NULL;
  g_autofree char *standard = NULL, *convertible = NULL;
  SkyConvertOptions options = { 0 };
  g_autoptr(SkyConvertSummary) refused = sky_convert_summary_new ();
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  const char *files[2] = { NULL, NULL };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  out = g_build_filename (dir, "ec2.xml", NULL);
  file = g_build_filename (folder, "3-global-pricing-file-sample.csv", NULL);
  files[0] = file;

  g_assert_false (sky_source_convert ("aws-offer-csv", files, &options, out, refused, NULL,
                                      &error));
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  message = g_strdup_printf ("%s:50: ", file);
  g_assert_true (g_str_has_prefix (error->message, message));
  g_assert_nonnull (strstr (error->message, "HU7G6KETJZ"));
  g_clear_error (&error);

  options.skip_bad_rows = TRUE;
  g_assert_true (sky_source_convert ("aws-offer-csv", files, &options, out, summary, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 15);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 32);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "version"), ==, "20250912225308");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "effective-date"), ==, "2025-09-12");
  g_assert_cmpuint (g_hash_table_size (sheet->regions), ==, 15);
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "ap-northeast-1"), ==,
                   "Asia Pacific (Tokyo)|APAC");
  /* Lines 18, 7–8, 13, 14–15, 17 (fee), 12: c6i.large, Windows with SQL Web, dedicated. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "2223B6PCG6QAUYY6"), ==,
                   "c6i.large|ap-northeast-1|Compute optimized|2000|4000|windows|x86-64|"
                   "dedicated|included|sql-web|used");
  g_assert_cmpstr (price (sheet, "2223B6PCG6QAUYY6 hour on-demand"), ==, "0.2773@2025-09-01");
  g_assert_cmpstr (price (sheet, "2223B6PCG6QAUYY6 hour reserved-3y-partial-upfront"), ==,
                   "0.10463+2750@2025-09-12");
  g_assert_cmpstr (price (sheet, "2223B6PCG6QAUYY6 hour reserved-1y-partial-upfront"), ==,
                   "0.11676+1023@2025-09-12");
  g_assert_cmpstr (price (sheet, "2223B6PCG6QAUYY6 hour reserved-convertible-1y-partial-upfront"),
                   ==, "0.12235+1072@2025-09-12");
  g_assert_cmpstr (price (sheet, "2223B6PCG6QAUYY6 hour reserved-3y-all-upfront"), ==,
                   "0+5421@2025-09-12");
  /* 1,023 + 0.11676 × 8,760 = 2,045.8176 → 2,045.82; 1,072 + 0.12235 × 8,760 = 2,143.786
   * → 2,143.79. */
  standard = term_cost (price (sheet, "2223B6PCG6QAUYY6 hour reserved-1y-partial-upfront"), 1);
  convertible = term_cost (price (sheet, "2223B6PCG6QAUYY6 hour "
                                  "reserved-convertible-1y-partial-upfront"), 1);
  g_assert_cmpstr (standard, ==, "2045.82");
  g_assert_cmpstr (convertible, ==, "2143.79");
  /* Graviton on a dedicated host (line 37). */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "2227U2PX8M4F95R6"), ==,
                   "c6g.4xlarge|us-west-2|Compute optimized|16000|32000|linux|arm64|host|"
                   "included|none|used");
  sky_test_remove_tree (dir);
}

/* Savings Plans rates become savings-plan prices of the EC2 offers they discount: to the cent
 * against the rate rows, what is not converted counted by reason. */
static void
test_aws_savings_plans_fixture (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ec2.xml", NULL);
  g_autofree char *offers = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
  g_autofree char *rates = sky_sources_test_fixture ("aws-offer-csv", "savings-plans.csv");
  g_autofree char *all = NULL, *partial = NULL, *none = NULL;
  const char *files[] = { rates, offers, NULL };
  SkyConvertOptions options = { 0 };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;

  g_assert_true (sky_source_convert ("aws-savings-plans-csv", files, &options, out, summary,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 3);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 10);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 5);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "savings plan not converted "
                                                 "(ComputeSavingsPlans): EC2 Instance Savings "
                                                 "Plans are"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "savings plan rate for another "
                                                 "service (AmazonECS)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "savings plan rate of an instance not "
                                                 "in the offer files"), ==, 1);

  sheet = sheet_read (out);
  /* The newest file's version: the offer file's. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "version"), ==, "20260302100000");
  /* Line 7: 0.059 an hour, no upfront. */
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour savings-plan-1y-no-upfront"), ==,
                   "0.059@2026-02-01");
  /* Line 8: 0.039 × 26,280 hours = 1,024.92 upfront, nothing by the hour. */
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour savings-plan-3y-all-upfront"), ==,
                   "0+1024.92@2026-02-01");
  /* Line 10: 0.042 × 26,280 = 1,103.76, half upfront (551.88), half by the hour (0.021). */
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour savings-plan-3y-partial-upfront"), ==,
                   "0.021+551.88@2026-02-01");
  /* The reservations are still there beside them. */
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-partial-upfront"), ==,
                   "0.04+350@2026-03-02");
  /* Always on over the term, each costs the rate × the hours, to the cent. */
  none = term_cost (price (sheet, "AAAA1111BBBB2222 hour savings-plan-1y-no-upfront"), 1);
  all = term_cost (price (sheet, "AAAA1111BBBB2222 hour savings-plan-3y-all-upfront"), 3);
  partial = term_cost (price (sheet, "AAAA1111BBBB2222 hour savings-plan-3y-partial-upfront"),
                       3);
  g_assert_cmpstr (none, ==, "516.84");
  g_assert_cmpstr (all, ==, "1024.92");
  g_assert_cmpstr (partial, ==, "1103.76");
  sky_test_remove_tree (dir);
}

/* A figure rounded to the cent, as text. */
static char *
cents_text (SkyDecimal value)
{
  gint64 cents;

  g_assert_true (sky_decimal_to_scaled_int64 (sky_decimal_round (value, 2, SKY_ROUND_HALF_UP),
                                              2, &cents));
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, cents / 100, cents % 100);
}

static SkyDecimal
decimal (const char *text)
{
  SkyDecimal value;

  g_assert_true (sky_decimal_parse (text, 10, FALSE, &value, NULL));
  return value;
}

/* What @quantity costs by a price of the sheet ("amount[@date][ free N]" or
 * "from-to@amount,…[@date][ free N]"), to the cent: each tier's part of the quantity at its
 * amount, less the free quantity first. */
static char *
usage_cost (const char *price_text,
            const char *quantity)
{
  g_auto(GStrv) words = g_strsplit (price_text, " free ", 2);
  g_auto(GStrv) tiers = g_strsplit (words[0], ",", -1);
  SkyDecimal left = decimal (quantity), total = { 0, 0 };

  if (words[1] != NULL)
    {
      SkyDecimal free = decimal (words[1]);

      if (sky_decimal_compare (left, free) <= 0)
        return g_strdup ("0.00");
      g_assert_true (sky_decimal_sub (left, free, &left));
    }
  if (strcspn (tiers[0], "-") > strcspn (tiers[0], "@"))
    {
      g_auto(GStrv) parts = g_strsplit (tiers[0], "@", -1);
      SkyDecimal spent;

      g_assert_true (sky_decimal_mul (left, decimal (parts[0]), &spent));
      return cents_text (spent);
    }
  for (guint i = 0; tiers[i] != NULL && !sky_decimal_is_zero (left); i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (tiers[i], "-@", -1);
      SkyDecimal width, part, spent;

      part = left;
      if (parts[1][0] != '\0')
        {
          g_assert_true (sky_decimal_sub (decimal (parts[1]), decimal (parts[0]), &width));
          if (sky_decimal_compare (width, left) < 0)
            part = width;
        }
      g_assert_true (sky_decimal_mul (part, decimal (parts[2]), &spent));
      g_assert_true (sky_decimal_add (total, spent, &total));
      g_assert_true (sky_decimal_sub (left, part, &left));
    }
  return cents_text (total);
}

static void
convert_fixtures (const char * const  *names,
                  const char          *out,
                  SkyConvertSummary   *summary)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  SkyConvertOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (files, sky_sources_test_fixture ("aws-offer-csv", names[i]));
  g_ptr_array_add (files, NULL);
  g_assert_true (sky_source_convert ("aws-offer-csv", (const char * const *) files->pdata,
                                     &options, out, summary, NULL, &error));
  g_assert_no_error (error);
}

/* EBS (the AmazonEC2 file's Storage, System Operation and Provisioned Throughput rows): one
 * offer per volume type and region, its storage, IOPS and throughput prices side by side, the
 * throughput price per GiB/s-month made one per MiB/s-month, io2's three IOPS SKUs one tiered
 * price; a snapshot and magnetic I/O skipped. */
static void
test_aws_offer_ebs (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ebs.xml", NULL);
  const char *names[] = { "ebs.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *storage = NULL, *iops = NULL, *throughput = NULL, *io2 = NULL;

  convert_fixtures (names, out, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 4);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 7);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "EBS snapshots: not converted"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "EBS operation not converted "
                                                 "(EBS:VolumeIOUsage)"), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "ebs"), ==, "Amazon EBS|storage|-");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "ebs-gp3.us-east-1"), ==,
                   "EBS gp3 volume|us-east-1|Block storage|-1|-1|-|-|shared|included|none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "ebs-gp3.us-east-1"), ==,
                   "ebs|ssd|-|volume-type=General Purpose SSD (gp3)");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "ebs-st1.us-east-1"), ==,
                   "ebs|hdd|-|volume-type=Throughput Optimized HDD (st1)");
  /* Lines 7, 8 and 9: 0.08 per GB-Mo; 0.005 per IOPS-Mo over the 3,000 a gp3 volume has;
   * 40.96 per GiBps-mo over 125 MiB/s, that is 40.96 / 1,024 = 0.04 per MiB/s-month. */
  g_assert_cmpstr (price (sheet, "ebs-gp3.us-east-1 gb-month on-demand"), ==,
                   "0.08@2026-03-01");
  g_assert_cmpstr (price (sheet, "ebs-gp3.us-east-1 iops-month on-demand"), ==,
                   "0.005@2026-03-01 free 3000");
  g_assert_cmpstr (price (sheet, "ebs-gp3.us-east-1 mibps-month on-demand"), ==,
                   "0.04@2026-03-01 free 125");
  /* Lines 10, 12 and 13, one SKU per tier of the IOPS of a volume. */
  g_assert_cmpstr (price (sheet, "ebs-io2.us-east-1 iops-month on-demand"), ==,
                   "0-32000@0.065,32000-64000@0.0455,64000-@0.03185@2026-03-01");
  g_assert_cmpstr (price (sheet, "ebs-gp2.eu-west-1 gb-month on-demand"), ==,
                   "0.11@2026-03-01");

  /* To the cent: a 500 GB gp3 volume of 6,000 IOPS and 250 MiB/s, a month: 500 × 0.08 = 40;
   * 3,000 × 0.005 = 15; 125 × 0.04 = 5. An io2 volume of 40,000 IOPS: 32,000 × 0.065 +
   * 8,000 × 0.0455 = 2,080 + 364. */
  storage = usage_cost (price (sheet, "ebs-gp3.us-east-1 gb-month on-demand"), "500");
  iops = usage_cost (price (sheet, "ebs-gp3.us-east-1 iops-month on-demand"), "6000");
  throughput = usage_cost (price (sheet, "ebs-gp3.us-east-1 mibps-month on-demand"), "250");
  io2 = usage_cost (price (sheet, "ebs-io2.us-east-1 iops-month on-demand"), "40000");
  g_assert_cmpstr (storage, ==, "40.00");
  g_assert_cmpstr (iops, ==, "15.00");
  g_assert_cmpstr (throughput, ==, "5.00");
  g_assert_cmpstr (io2, ==, "2444.00");
  sky_test_remove_tree (dir);
}

/* RDS: PostgreSQL and MySQL instances into their services, Single-AZ and Multi-AZ offers of
 * their own named by their deployment, a reservation's hourly rate and upfront fee (rows
 * apart) one price; storage of any engine in both services; other engines and deployments
 * skipped, counted by what they are. */
static void
test_aws_offer_rds (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "rds.xml", NULL);
  const char *names[] = { "rds.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *partial = NULL, *all = NULL, *storage = NULL;

  convert_fixtures (names, out, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 6);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 8);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 4);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "database engine not converted "
                                                 "(Oracle)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "deployment option not converted "
                                                 "(Multi-AZ (readable standbys))"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "database storage type not converted "
                                                 "(Magnetic)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "product family not converted "
                                                 "(Storage Snapshot)"), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "version"), ==, "20260306090000");
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "rds-postgres"), ==,
                   "Amazon RDS for PostgreSQL|database|99.95");
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "rds-mysql"), ==,
                   "Amazon RDS for MySQL|database|99.95");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "RDSPGM5LSINGLE01"), ==,
                   "db.m5.large Single-AZ|us-east-1|General purpose|2000|8000|-|x86-64|shared|"
                   "included|none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "RDSPGM5LSINGLE01"), ==,
                   "rds-postgres|-|99.5|network=Up to 10 Gigabit;"
                   "processor=Intel Xeon Platinum 8175;storage=EBS Only;deployment=Single-AZ;"
                   "engine=PostgreSQL");
  /* Multi-AZ: an offer of its own, with the service's SLA. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "RDSPGM5LMULTI001"), ==,
                   "rds-postgres|-|99.95|network=Up to 10 Gigabit;"
                   "processor=Intel Xeon Platinum 8175;storage=EBS Only;"
                   "deployment=Multi-AZ (one standby);engine=PostgreSQL");
  g_assert_cmpstr (price (sheet, "RDSPGM5LMULTI001 hour on-demand"), ==, "0.356@2026-03-01");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "RDSMYT4GMSINGLE1"), ==,
                   "db.t4g.medium Single-AZ|us-east-1|Burstable performance|2000|4000|-|arm64|"
                   "shared|included|none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "RDSMYT4GMSINGLE1"), ==,
                   "rds-mysql|-|99.5|network=Up to 10 Gigabit;processor=AWS Graviton2;"
                   "storage=EBS Only;deployment=Single-AZ;engine=MySQL");

  /* Lines 7, 8 and 14: on demand 0.178; 1 yr Partial Upfront 0.054 an hour and 473 upfront;
   * lines 10 and 19: 3 yr All Upfront 0 an hour and 1,206. */
  g_assert_cmpstr (price (sheet, "RDSPGM5LSINGLE01 hour on-demand"), ==, "0.178@2026-03-01");
  g_assert_cmpstr (price (sheet, "RDSPGM5LSINGLE01 hour reserved-1y-partial-upfront"), ==,
                   "0.054+473@2026-03-06");
  g_assert_cmpstr (price (sheet, "RDSPGM5LSINGLE01 hour reserved-3y-all-upfront"), ==,
                   "0+1206@2026-03-06");
  /* To the cent: 473 + 0.054 × 8,760 = 946.04; 1,206 + 0 × 26,280 = 1,206.00. */
  partial = term_cost (price (sheet, "RDSPGM5LSINGLE01 hour reserved-1y-partial-upfront"), 1);
  all = term_cost (price (sheet, "RDSPGM5LSINGLE01 hour reserved-3y-all-upfront"), 3);
  g_assert_cmpstr (partial, ==, "946.04");
  g_assert_cmpstr (all, ==, "1206.00");

  /* Line 15: gp3 storage of any engine, Single-AZ, in both services. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "RDSGP3SINGLEANY1.rds-postgres"), ==,
                   "RDS gp3 storage, Single-AZ|us-east-1|Database storage|-1|-1|-|-|shared|"
                   "included|none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "RDSGP3SINGLEANY1.rds-mysql"), ==,
                   "rds-mysql|ssd|99.5|deployment=Single-AZ");
  g_assert_cmpstr (price (sheet, "RDSGP3SINGLEANY1.rds-mysql gb-month on-demand"), ==,
                   "0.115@2026-03-01");
  /* Line 16: PostgreSQL's own gp2 storage, Multi-AZ: 100 GB a month, 100 × 0.23. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "RDSGP2MULTIPG001"), ==,
                   "rds-postgres|ssd|99.95|deployment=Multi-AZ (one standby)");
  g_assert_null (g_hash_table_lookup (sheet->offers, "RDSGP2MULTIPG001.rds-mysql"));
  storage = usage_cost (price (sheet, "RDSGP2MULTIPG001 gb-month on-demand"), "100");
  g_assert_cmpstr (storage, ==, "23.00");
  sky_test_remove_tree (dir);
}

/* S3: each storage class's storage, tiered per GB-month where its rows are; PUT and GET
 * requests as offers of their own; Intelligent-Tiering's other tiers, a request group of no
 * known class and the file's data transfer skipped. */
static void
test_aws_offer_s3 (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "s3.xml", NULL);
  const char *names[] = { "s3.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *first = NULL, *two_tiers = NULL, *puts = NULL;

  convert_fixtures (names, out, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 10);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 10);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 3);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "S3 storage class not converted "
                                                 "(Intelligent-Tiering Infrequent Access)"),
                    ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "S3 request group not converted "
                                                 "(S3-API-Tier3)"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "data transfer of an offer file other "
                                                 "than AmazonEC2 and AWSDataTransfer: not "
                                                 "converted"), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "S3STANDARDSTOR01"), ==,
                   "S3 Standard storage|us-east-1|Object storage|-1|-1|-|-|shared|included|"
                   "none|used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3STANDARDSTOR01"), ==,
                   "s3|object-standard|-|storage-class=Standard");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3STANDARDIASTO1"), ==,
                   "s3|object-standard-ia|-|storage-class=Standard-IA");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3ONEZONEIASTOR1"), ==,
                   "s3|object-one-zone-ia|-|storage-class=One Zone-IA");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3GLACIERIRSTOR1"), ==,
                   "s3|object-glacier-instant|-|storage-class=Glacier Instant Retrieval");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3GLACIERSTORAG1"), ==,
                   "s3|object-glacier-flexible|-|storage-class=Glacier Flexible Retrieval");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3DEEPARCHIVEST1"), ==,
                   "s3|object-glacier-deep-archive|-|storage-class=Glacier Deep Archive");
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "S3INTTIERFREQST1"), ==,
                   "s3|object-intelligent-tiering|-|"
                   "storage-class=Intelligent-Tiering (frequent access tier)");
  /* Lines 7–9, out of order in the file. */
  g_assert_cmpstr (price (sheet, "S3STANDARDSTOR01 gb-month on-demand"), ==,
                   "0-51200@0.023,51200-512000@0.022,512000-@0.021@2026-03-01");
  g_assert_cmpstr (price (sheet, "S3DEEPARCHIVEST1 gb-month on-demand"), ==,
                   "0.00099@2026-03-01");
  /* Lines 19 and 20: per request. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "S3APITIER1000001"), ==,
                   "S3 Standard PUT/COPY/POST/LIST requests|us-east-1|Object storage requests|"
                   "-1|-1|-|-|shared|included|none|used");
  g_assert_cmpstr (price (sheet, "S3APITIER1000001 request on-demand"), ==,
                   "0.000005@2026-03-01");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "S3APITIER2000001"), ==,
                   "S3 Standard GET/SELECT requests|us-east-1|Object storage requests|"
                   "-1|-1|-|-|shared|included|none|used");
  g_assert_cmpstr (price (sheet, "S3APITIER2000001 request on-demand"), ==,
                   "0.0000004@2026-03-01");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "S3APISIATIER1001"), ==,
                   "S3 Standard-IA PUT/COPY/POST/LIST requests|us-east-1|"
                   "Object storage requests|-1|-1|-|-|shared|included|none|used");

  /* To the cent: 2,000 GB-months, 2,000 × 0.023 = 46; 60,000 GB-months, 51,200 × 0.023 +
   * 8,800 × 0.022 = 1,177.60 + 193.60; a million PUT requests, 1,000,000 × 0.000005. */
  first = usage_cost (price (sheet, "S3STANDARDSTOR01 gb-month on-demand"), "2000");
  two_tiers = usage_cost (price (sheet, "S3STANDARDSTOR01 gb-month on-demand"), "60000");
  puts = usage_cost (price (sheet, "S3APITIER1000001 request on-demand"), "1000000");
  g_assert_cmpstr (first, ==, "46.00");
  g_assert_cmpstr (two_tiers, ==, "1371.20");
  g_assert_cmpstr (puts, ==, "5.00");
  sky_test_remove_tree (dir);
}

/* Lambda: requests and tiered duration, x86 and Arm (by the usage type), one offer per
 * architecture and region with its architecture; provisioned concurrency and Lambda@Edge
 * skipped. */
static void
test_aws_offer_lambda (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "lambda.xml", NULL);
  const char *names[] = { "lambda.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *x86 = NULL, *arm = NULL, *past = NULL, *requests = NULL;

  convert_fixtures (names, out, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 4);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 2);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "Lambda provisioned concurrency: not "
                                                 "converted"), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "Lambda@Edge: not converted"), ==, 1);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->services, "lambda"), ==,
                   "AWS Lambda|serverless|-");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "lambda.x86-64.us-east-1"), ==,
                   "Lambda functions (x86_64)|us-east-1|-|-1|-1|-|x86-64|shared|included|none|"
                   "used");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "lambda.arm64.us-east-1"), ==,
                   "Lambda functions (arm64)|us-east-1|-|-1|-1|-|arm64|shared|included|none|"
                   "used");
  /* Line 7, and lines 8–10 out of order. */
  g_assert_cmpstr (price (sheet, "lambda.x86-64.us-east-1 request on-demand"), ==,
                   "0.0000002@2026-03-01");
  g_assert_cmpstr (price (sheet, "lambda.x86-64.us-east-1 gb-second on-demand"), ==,
                   "0-6000000000@0.0000166667,6000000000-15000000000@0.000015,"
                   "15000000000-@0.0000133334@2026-03-01");
  g_assert_cmpstr (price (sheet, "lambda.arm64.us-east-1 gb-second on-demand"), ==,
                   "0-7500000000@0.0000133334,7500000000-18750000000@0.0000120001,"
                   "18750000000-@0.0000106667@2026-03-01");

  /* To the cent: 3,000,000 GB-s × 0.0000166667 = 50.0001; on Arm × 0.0000133334 = 40.0002;
   * 7 billion GB-s, 6e9 × 0.0000166667 + 1e9 × 0.000015 = 100,000.20 + 15,000; ten million
   * requests × 0.0000002. */
  x86 = usage_cost (price (sheet, "lambda.x86-64.us-east-1 gb-second on-demand"), "3000000");
  arm = usage_cost (price (sheet, "lambda.arm64.us-east-1 gb-second on-demand"), "3000000");
  past = usage_cost (price (sheet, "lambda.x86-64.us-east-1 gb-second on-demand"),
                     "7000000000");
  requests = usage_cost (price (sheet, "lambda.x86-64.us-east-1 request on-demand"),
                         "10000000");
  g_assert_cmpstr (x86, ==, "50.00");
  g_assert_cmpstr (arm, ==, "40.00");
  g_assert_cmpstr (past, ==, "115000.20");
  g_assert_cmpstr (requests, ==, "2.00");
  sky_test_remove_tree (dir);
}

/* The AWSDataTransfer offer file: its rows out to the internet are tiered offers of
 * data-transfer-out, as the EC2 file's are; a transfer to another region is skipped; given
 * with an EC2 file, the EC2 file's data transfer gives way to it. */
static void
test_aws_offer_data_transfer (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "transfer.xml", NULL);
  const char *names[] = { "data-transfer.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *cost = NULL;

  convert_fixtures (names, out, summary);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 1);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 1);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "data transfer other than out to the "
                                                 "internet: not converted"), ==, 1);
  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->regions, "eu-west-1"), ==, "EU (Ireland)|EU");
  g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "DTEUW1INTERNET01"), ==,
                   "Data transfer out to the internet|eu-west-1|-|-1|-1|-|-|"
                   "shared|included|none|used");
  g_assert_cmpstr (price (sheet, "DTEUW1INTERNET01 gb on-demand"), ==,
                   "0-10240@0.09,10240-51200@0.085,51200-153600@0.07,153600-@0.05@2026-03-01");
  /* 20,000 GB: 10,240 × 0.09 + 9,760 × 0.085 = 921.60 + 829.60. */
  cost = usage_cost (price (sheet, "DTEUW1INTERNET01 gb on-demand"), "20000");
  g_assert_cmpstr (cost, ==, "1751.20");

  /* Given with an EC2 file (after it), the AWSDataTransfer file's rows are the service's: the
   * EC2 file's data transfer rows (lines 18–22) give way to them. */
  {
    const char *both[] = { "ec2.csv", "data-transfer.csv", NULL };
    g_autoptr(SkyConvertSummary) together = sky_convert_summary_new ();
    g_autoptr(Sheet) joined = NULL;

    convert_fixtures (both, out, together);
    g_assert_cmpuint (sky_convert_summary_skipped (together, "data transfer of the AmazonEC2 "
                                                   "file: the AWSDataTransfer file's is "
                                                   "converted"), ==, 5);
    joined = sheet_read (out);
    g_assert_null (g_hash_table_lookup (joined->offers, "DTOUT00000USE1XX"));
    g_assert_nonnull (g_hash_table_lookup (joined->offers, "DTEUW1INTERNET01"));
    g_assert_nonnull (g_hash_table_lookup (joined->offers, "AAAA1111BBBB2222"));
  }
  sky_test_remove_tree (dir);
}

/* Files of several offer codes in one run: one sheet, each offer code's rows in their
 * services, the version and date those of the newest file, the source naming every code; and
 * so with Savings Plans rates too. */
static void
test_aws_offer_mixed (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "aws.xml", NULL);
  const char *names[] = { "ec2.csv", "rds.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  convert_fixtures (names, out, summary);
  /* ec2.csv's 3 offers and 7 prices, rds.csv's 6 and 8; their skips. */
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 9);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 15);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 6);

  sheet = sheet_read (out);
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "version"), ==, "20260306090000");
  g_assert_cmpstr (g_hash_table_lookup (sheet->headers, "effective-date"), ==, "2026-03-06");
  g_assert_cmpuint (g_hash_table_size (sheet->services), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (sheet->details, "AAAA1111BBBB2222"), ==,
                   "ec2|-|-|network=Up to 12500 Megabit;"
                   "processor=Intel Xeon Scalable (Sapphire Rapids);storage=EBS only");
  g_assert_cmpstr (price (sheet, "AAAA1111BBBB2222 hour reserved-1y-partial-upfront"), ==,
                   "0.04+350@2026-03-02");
  g_assert_nonnull (g_hash_table_lookup (sheet->details, "DTOUT00000USE1XX"));
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (sheet->details, "DTOUT00000USE1XX"),
                                   "data-transfer-out|"));
  g_assert_cmpstr (price (sheet, "RDSPGM5LSINGLE01 hour reserved-1y-partial-upfront"), ==,
                   "0.054+473@2026-03-06");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (sheet->details, "RDSMYT4GMSINGLE1"),
                                   "rds-mysql|"));
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "AWS Price List offer files AmazonEC2, AmazonRDS (CSV), "
                                  "version 20260306090000"));

  /* With a Savings Plans rate file, the same run adds the rates to the EC2 offers: 3 prices
   * more than the 15. */
  {
    g_autofree char *ec2 = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
    g_autofree char *rds = sky_sources_test_fixture ("aws-offer-csv", "rds.csv");
    g_autofree char *rates = sky_sources_test_fixture ("aws-offer-csv", "savings-plans.csv");
    const char *files[] = { rates, ec2, rds, NULL };
    SkyConvertOptions options = { 0 };
    g_autoptr(SkyConvertSummary) planned = sky_convert_summary_new ();
    g_autoptr(Sheet) with_plans = NULL;

    g_assert_true (sky_source_convert ("aws-savings-plans-csv", files, &options, out, planned,
                                       NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sky_convert_summary_offers (planned), ==, 9);
    g_assert_cmpuint (sky_convert_summary_prices (planned), ==, 18);
    with_plans = sheet_read (out);
    g_assert_cmpstr (price (with_plans, "AAAA1111BBBB2222 hour savings-plan-1y-no-upfront"), ==,
                     "0.059@2026-02-01");
    g_assert_cmpstr (price (with_plans, "RDSPGM5LSINGLE01 hour reserved-1y-partial-upfront"),
                     ==, "0.054+473@2026-03-06");
  }
  sky_test_remove_tree (dir);
}

/* Writes @name's fixture with @from replaced by @to into @dir, and returns its path. */
static char *
fixture_edited (const char *dir,
                const char *name,
                const char *from,
                const char *to)
{
  g_autofree char *source = sky_sources_test_fixture ("aws-offer-csv", name);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, from));
  parts = g_strsplit (text, from, 2);
  edited = g_strjoin (to, parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  return path;
}

/* A file of an offer code not converted is refused whole, naming the codes that are; a file
 * without a column its offer code needs is refused naming it, and one without columns it does
 * not need converts; an EBS throughput price that is no whole number of 10^-10 per MiB/s is a
 * bad row. */
static void
test_aws_offer_refused (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "aws.xml", NULL);
  g_autofree char *dynamo = fixture_edited (dir, "rds.csv", "\"AmazonRDS\"",
                                            "\"AmazonDynamoDB\"");
  g_autofree char *transfer = fixture_edited (dir, "data-transfer.csv", "\"From Region Code\"",
                                              "\"From Region\"");
  g_autofree char *ebs = fixture_edited (dir, "ebs.csv", "\"40.9600000000\"",
                                         "\"40.9600000001\"");
  g_autofree char *dynamo_message = g_strdup_printf ("%s:5: not an AWS Price List offer file in "
                                                     "CSV (offer code “AmazonDynamoDB” is not "
                                                     "converted: AmazonEC2, AmazonRDS, AmazonS3, "
                                                     "AWSLambda and AWSDataTransfer are)",
                                                     dynamo);
  g_autofree char *transfer_message = g_strdup_printf ("%s:6: not an AWS Price List offer file "
                                                       "in CSV (no column “From Region Code”)",
                                                       transfer);
  g_autofree char *ebs_message = g_strdup_printf ("%s:9: PricePerUnit “40.9600000001” per "
                                                  "GiBps-mo is not a plain positive number of at "
                                                  "most ten decimals per mibps-month "
                                                  "(--skip-bad-rows skips such rows and lists "
                                                  "them)", ebs);
  struct { const char *file, *message; GQuark domain; int code; } cases[] = {
    { dynamo, dynamo_message, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED },
    { transfer, transfer_message, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED },
    { ebs, ebs_message, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW },
  };

  /* An RDS file without the columns of a reservation converts its rows on demand; only a
   * reserved row would need them (EC2's files must have them). */
  {
    g_autofree char *path = g_build_filename (dir, "rds-on-demand.csv", NULL);
    const char *files[] = { path, NULL };
    SkyConvertOptions options = { 0 };
    g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(Sheet) sheet = NULL;

    g_assert_true (g_file_set_contents (path,
      "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"Made for Skytally's tests\"\n"
      "\"Publication Date\",\"2026-03-06T09:00:00Z\"\n\"Version\",\"20260306090000\"\n"
      "\"OfferCode\",\"AmazonRDS\"\n"
      "\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\","
      "\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\","
      "\"Currency\",\"Product Family\",\"Location\",\"Region Code\",\"Instance Type\","
      "\"Database Engine\",\"Deployment Option\"\n"
      "\"RDSPGM5LSINGLE02\",\"JRTCKXETXF\",\"RDSPGM5LSINGLE02.JRTCKXETXF.6YS6EN2CT7\","
      "\"OnDemand\",\"$0.168 per hour\",\"2026-03-01\",\"0\",\"Inf\",\"Hrs\","
      "\"0.1680000000\",\"USD\",\"Database Instance\",\"US East (N. Virginia)\","
      "\"us-east-1\",\"db.m5.large\",\"PostgreSQL\",\"Single-AZ\"\n", -1, NULL));
    g_assert_true (sky_source_convert ("aws-offer-csv", files, &options, out, summary, NULL,
                                       &error));
    g_assert_no_error (error);
    sheet = sheet_read (out);
    g_assert_cmpstr (price (sheet, "RDSPGM5LSINGLE02 hour on-demand"), ==, "0.168@2026-03-01");
    g_assert_cmpstr (g_hash_table_lookup (sheet->offers, "RDSPGM5LSINGLE02"), ==,
                     "db.m5.large Single-AZ|us-east-1|-|-1|-1|-|x86-64|shared|included|none|"
                     "used");
    g_unlink (out);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *files[] = { cases[i].file, NULL };
      SkyConvertOptions options = { 0 };
      g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (sky_source_convert ("aws-offer-csv", files, &options, out, summary, NULL,
                                          &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  sky_test_remove_tree (dir);
}

static SkyEstimateLine *
estimate_line (SkyEstimate *estimate,
               guint        index)
{
  SkyEstimateProvider *provider = g_ptr_array_index (estimate->providers, 0);

  return g_ptr_array_index (provider->lines, index);
}

#define ASSERT_MONTHLY(estimate, index, expected) G_STMT_START {                         \
    SkyEstimateLine *line_ = estimate_line ((estimate), (index));                         \
    g_autofree char *text_ = sky_estimate_money ((estimate), line_->monthly);              \
    if (line_->status != SKY_LINE_PRICED)                                                 \
      g_error ("line %u not priced: %s", (guint) (index), line_->reason);                 \
    g_assert_cmpstr (text_, ==, (expected));                                              \
  } G_STMT_END

/* A sheet of every offer file converted in one run imports, and a scenario with a line of each
 * service, asked as the example scenarios ask, is priced against it with the offers meant. */
static void
test_aws_offer_estimate (void)
{
  static const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"AWS\" currency=\"USD\" "
    "hours-per-month=\"730\">\n"
    "  <providers><provider id=\"aws\"/></providers>\n"
    "  <line label=\"API servers\" unit=\"hour\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"2\" min-memory-gib=\"8\" geography=\"US\" "
    "os=\"linux\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL server\" unit=\"hour\">\n"
    "    <requirement category=\"database\" min-vcpu=\"2\" min-memory-gib=\"8\" "
    "geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL reserved\" unit=\"hour\" term=\"reserved-1y-partial-upfront\">\n"
    "    <requirement category=\"database\" min-vcpu=\"2\" min-memory-gib=\"8\" "
    "geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL storage\" usage=\"100\" unit=\"gb-month\">\n"
    "    <requirement category=\"database\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Volumes\" usage=\"500\" unit=\"gb-month\">\n"
    "    <requirement category=\"storage\" geography=\"US\" storage-types=\"ssd\"/>\n"
    "  </line>\n"
    "  <line label=\"Volume IOPS\" usage=\"6000\" unit=\"iops-month\">\n"
    "    <requirement category=\"storage\" geography=\"US\" storage-types=\"ssd\"/>\n"
    "  </line>\n"
    "  <line label=\"Object storage\" usage=\"2000\" unit=\"gb-month\">\n"
    "    <requirement category=\"storage\" geography=\"US\" "
    "storage-types=\"object-standard object-hot\"/>\n"
    "  </line>\n"
    "  <line label=\"Object requests\" usage=\"1000\" unit=\"1k-requests\">\n"
    "    <requirement category=\"storage\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Internet egress\" usage=\"20000\" unit=\"gb\">\n"
    "    <requirement category=\"network\" geography=\"EU\"/>\n"
    "  </line>\n"
    "  <line label=\"Job compute\" usage=\"3000000\" unit=\"gb-second\">\n"
    "    <requirement category=\"serverless\" geography=\"US\" architecture=\"x86-64\"/>\n"
    "  </line>\n"
    "  <line label=\"Job invocations\" usage=\"10\" unit=\"million-requests\">\n"
    "    <requirement category=\"serverless\" geography=\"US\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "aws.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  const char *names[] = { "ec2.csv", "ebs.csv", "rds.csv", "s3.csv", "lambda.csv",
                          "data-transfer.csv", NULL };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autofree char *upfront = NULL;

  convert_fixtures (names, out, summary);
  /* ec2.csv's 3 offers (its data transfer gives way to data-transfer.csv's), ebs.csv's 4,
   * rds.csv's 6, s3.csv's 10, lambda.csv's 2, data-transfer.csv's 1. */
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 25);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  scenario = sky_scenario_parse (xml, strlen (xml), "aws.skytally", &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (estimate->providers->len, ==, 1);

  /* m7i.large, 730 × 0.1008 = 73.584. */
  ASSERT_MONTHLY (estimate, 0, "73.58");
  g_assert_cmpstr (estimate_line (estimate, 0)->offer->sku, ==, "AAAA1111BBBB2222");
  /* db.m5.large PostgreSQL Single-AZ, the cheaper deployment (as on the hand-written sheet):
   * 730 × 0.178 = 129.94; reserved, 730 × 0.054 = 39.42 a month and 473 upfront. */
  ASSERT_MONTHLY (estimate, 1, "129.94");
  g_assert_cmpstr (estimate_line (estimate, 1)->offer->sku, ==, "RDSPGM5LSINGLE01");
  ASSERT_MONTHLY (estimate, 2, "39.42");
  upfront = sky_estimate_money (estimate, estimate_line (estimate, 2)->upfront);
  g_assert_cmpstr (upfront, ==, "473.00");
  /* gp3 Single-AZ database storage, 100 × 0.115. */
  ASSERT_MONTHLY (estimate, 3, "11.50");
  /* EBS gp3: 500 × 0.08; 3,000 IOPS over the 3,000 free × 0.005. */
  ASSERT_MONTHLY (estimate, 4, "40.00");
  g_assert_cmpstr (estimate_line (estimate, 4)->offer->sku, ==, "ebs-gp3.us-east-1");
  ASSERT_MONTHLY (estimate, 5, "15.00");
  /* S3 Standard, 2,000 × 0.023; a million PUT requests at 0.000005 each (the cheapest
   * requests of the region are GET's: 0.0000004 × 1,000,000). */
  ASSERT_MONTHLY (estimate, 6, "46.00");
  g_assert_cmpstr (estimate_line (estimate, 6)->offer->sku, ==, "S3STANDARDSTOR01");
  ASSERT_MONTHLY (estimate, 7, "0.40");
  /* The AWSDataTransfer file's tiers: 10,240 × 0.09 + 9,760 × 0.085. */
  ASSERT_MONTHLY (estimate, 8, "1751.20");
  /* Lambda x86: 3,000,000 × 0.0000166667 = 50.0001; 10 million requests × 0.0000002. */
  ASSERT_MONTHLY (estimate, 9, "50.00");
  g_assert_cmpstr (estimate_line (estimate, 9)->offer->sku, ==, "lambda.x86-64.us-east-1");
  ASSERT_MONTHLY (estimate, 10, "2.00");

  /* The example scenario's database lines are priced with the offers and figures they have on
   * the hand-written sheet (db.m5.large PostgreSQL Single-AZ 0.178 an hour, gp3 Single-AZ
   * storage 0.115 a GB-month): the deployment and the engine's copy of any-engine storage. */
  {
    g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                      "web-product.skytally", NULL);
    const char *aws[] = { "aws", NULL };
    g_autoptr(SkyScenario) web = sky_scenario_load (example, &error);
    g_autoptr(SkyEstimate) priced = NULL;

    g_assert_no_error (error);
    priced = sky_estimate_compute (catalog, web, aws, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (estimate_line (priced, 1)->label, ==, "PostgreSQL server");
    ASSERT_MONTHLY (priced, 1, "129.94");
    g_assert_cmpstr (estimate_line (priced, 1)->offer->sku, ==, "RDSPGM5LSINGLE01");
    g_assert_cmpstr (estimate_line (priced, 2)->label, ==, "PostgreSQL storage");
    ASSERT_MONTHLY (priced, 2, "11.50");
    g_assert_cmpstr (estimate_line (priced, 2)->offer->sku, ==,
                     "RDSGP3SINGLEANY1.rds-postgres");
  }

  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* A rate file needs its format and the offer files; an offer file alone is not a rate file. */
static void
test_aws_savings_plans_refused (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ec2.xml", NULL);
  g_autofree char *offers = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
  g_autofree char *rates = sky_sources_test_fixture ("aws-offer-csv", "savings-plans.csv");
  const char *both[] = { offers, rates, NULL };
  const char *rates_only[] = { rates, NULL };
  const char *offers_only[] = { offers, NULL };
  SkyConvertOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();

    g_assert_false (sky_source_convert ("aws-offer-csv", both, &options, out, summary, NULL,
                                        &error));
    g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "--from aws-savings-plans-csv"));
    g_clear_error (&error);
  }
  {
    g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();

    g_assert_false (sky_source_convert ("aws-savings-plans-csv", rates_only, &options, out,
                                        summary, NULL, &error));
    g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "EC2 offer files"));
    g_clear_error (&error);
  }
  {
    g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();

    g_assert_false (sky_source_convert ("aws-savings-plans-csv", offers_only, &options, out,
                                        summary, NULL, &error));
    g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "No Savings Plans rate file"));
    g_clear_error (&error);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (dir);
}

/* The real rate file (ap-east-2, EC2 Instance Savings Plans 3 yr Partial Upfront) is read
 * whole; its instances are not in the real EC2 excerpt, so each rate is counted as such. */
static void
test_aws_savings_plans_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("aws-price-list");
  g_autofree char *dir = NULL, *out = NULL, *offers = NULL, *rates = NULL;
  SkyConvertOptions options = { .skip_bad_rows = TRUE };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  const char *files[3] = { NULL, NULL, NULL };

  if (folder == NULL)
    return;
  dir = sky_test_make_dir ();
  out = g_build_filename (dir, "ec2.xml", NULL);
  offers = g_build_filename (folder, "3-global-pricing-file-sample.csv", NULL);
  rates = g_build_filename (folder, "5-ap-east-2-savingsplan-pricing.csv", NULL);
  files[0] = offers;
  files[1] = rates;
  g_assert_true (sky_source_convert ("aws-savings-plans-csv", files, &options, out, summary,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 15);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 32);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, "savings plan rate of an instance not "
                                                 "in the offer files"), ==, 44);
  g_assert_cmpuint (sky_convert_summary_skipped (summary, NULL), ==, 45);
  sky_test_remove_tree (dir);
}

/* The sheet writer's prices with more than a unit, a term and years: a price's own attributes,
 * and an attribute of tiers before their first tier, read back as written. */
static void
test_writer_price_attributes (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sheet.xml", NULL);
  g_autoptr(SkySheetWriter) writer = sky_sheet_writer_new (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Sheet) sheet = NULL;
  SkySheetHeader header = { "aws", "Amazon Web Services", "AWS", "1", "2026-03-02", "USD",
                            "test", NULL, "2026-03-02" };
  SkySheetRegion region = { "us-east-1", "US East (N. Virginia)", "US" };
  SkySheetService service = { "ec2", "Amazon EC2", "compute", NULL };
  SkyDecimal hundred = sky_decimal_from_int (100);

  g_assert_nonnull (writer);
  g_assert_true (sky_sheet_writer_header (writer, &header, &error) &&
                 sky_sheet_writer_region (writer, &region, &error) &&
                 sky_sheet_writer_begin_service (writer, &service, &error) &&
                 sky_sheet_writer_begin_offer (writer, "S1", "m7i.large", "us-east-1", &error) &&
                 sky_sheet_writer_begin_price (writer, "hour", "reserved", 3, &error) &&
                 sky_sheet_writer_price_attribute (writer, "offering-class", "convertible",
                                                   &error) &&
                 sky_sheet_writer_price_attribute (writer, "upfront", "partial", &error) &&
                 sky_sheet_writer_price_attribute (writer, "upfront-fee", "2843", &error) &&
                 sky_sheet_writer_price_attribute (writer, "effective-date", NULL, &error) &&
                 sky_sheet_writer_end_price (writer, sky_decimal_from_scaled (10817, 6),
                                             &error) &&
                 sky_sheet_writer_begin_tiers (writer, "hour", "on-demand", 0, &error) &&
                 sky_sheet_writer_price_attribute (writer, "effective-date", "2026-03-01",
                                                   &error) &&
                 sky_sheet_writer_tier (writer, sky_decimal_from_int (0), &hundred,
                                        sky_decimal_from_scaled (2, 1), &error) &&
                 sky_sheet_writer_tier (writer, hundred, NULL, sky_decimal_from_scaled (1, 1),
                                        &error) &&
                 sky_sheet_writer_end_tiers (writer, &error));
  g_assert_cmpuint (sky_sheet_writer_end_offer (writer, &error), ==, 2);
  g_assert_true (sky_sheet_writer_end_service (writer, &error) &&
                 sky_sheet_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, sky_sheet_writer_free);

  sheet = sheet_read (path);
  g_assert_cmpstr (price (sheet, "S1 hour reserved-convertible-3y-partial-upfront"), ==,
                   "0.010817+2843");
  g_assert_cmpstr (price (sheet, "S1 hour on-demand"), ==, "0-100@0.2,100-@0.1@2026-03-01");
  sky_test_remove_tree (dir);
}

/* A converted sheet with reservations and Savings Plans imports into a catalog, where the
 * standard and the convertible reservation of one length and payment are two purchase options
 * of the offer, side by side, each with its upfront fee. */
static void
test_aws_catalog_import (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "ec2.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *offers = sky_sources_test_fixture ("aws-offer-csv", "ec2.csv");
  g_autofree char *rates = sky_sources_test_fixture ("aws-offer-csv", "savings-plans.csv");
  const char *files[] = { offers, rates, NULL };
  SkyConvertOptions options = { 0 };
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SkySearchQuery query = { .text = "AAAA1111BBBB2222" };

  g_assert_true (sky_source_convert ("aws-savings-plans-csv", files, &options, out, summary,
                                     NULL, &error));
  g_assert_no_error (error);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  result = sky_catalog_import_file (catalog, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  listings = sky_catalog_search (catalog, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (listings);
  for (guint i = 0; i < listings->len; i++)
    {
      const SkyListing *listing = g_ptr_array_index (listings, i);
      g_autofree char *amount = sky_sources_test_amount_text (listing->price);
      g_autofree char *fee = sky_sources_test_amount_text (listing->upfront_fee);

      g_assert_cmpstr (listing->provider, ==, "aws");
      g_assert_cmpstr (listing->service, ==, "ec2");
      g_hash_table_insert (terms, g_strdup (listing->term),
                           listing->has_upfront_fee ? g_strdup_printf ("%s+%s", amount, fee)
                                                    : g_strdup (amount));
    }
  g_assert_cmpuint (listings->len, ==, 8);
  g_assert_cmpstr (g_hash_table_lookup (terms, "on-demand"), ==, "0.1008");
  g_assert_cmpstr (g_hash_table_lookup (terms, "reserved-1y-partial-upfront"), ==, "0.04+350");
  g_assert_cmpstr (g_hash_table_lookup (terms, "reserved-convertible-1y-partial-upfront"), ==,
                   "0.048+420");
  g_assert_cmpstr (g_hash_table_lookup (terms, "savings-plan-3y-partial-upfront"), ==,
                   "0.021+551.88");
  sky_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/sources-aws/writer-price-attributes", test_writer_price_attributes);
  g_test_add_func ("/sky/sources-aws/aws-offer/fixture", test_aws_offer_fixture);
  g_test_add_func ("/sky/sources-aws/aws-offer/bad-row", test_aws_offer_bad_row);
  g_test_add_func ("/sky/sources-aws/aws-offer/realdata", test_aws_offer_realdata);
  g_test_add_func ("/sky/sources-aws/aws-offer/ebs", test_aws_offer_ebs);
  g_test_add_func ("/sky/sources-aws/aws-offer/rds", test_aws_offer_rds);
  g_test_add_func ("/sky/sources-aws/aws-offer/s3", test_aws_offer_s3);
  g_test_add_func ("/sky/sources-aws/aws-offer/lambda", test_aws_offer_lambda);
  g_test_add_func ("/sky/sources-aws/aws-offer/data-transfer", test_aws_offer_data_transfer);
  g_test_add_func ("/sky/sources-aws/aws-offer/mixed", test_aws_offer_mixed);
  g_test_add_func ("/sky/sources-aws/aws-offer/refused", test_aws_offer_refused);
  g_test_add_func ("/sky/sources-aws/aws-offer/estimate", test_aws_offer_estimate);
  g_test_add_func ("/sky/sources-aws/aws-savings-plans/fixture", test_aws_savings_plans_fixture);
  g_test_add_func ("/sky/sources-aws/aws-savings-plans/refused", test_aws_savings_plans_refused);
  g_test_add_func ("/sky/sources-aws/catalog-import", test_aws_catalog_import);
  g_test_add_func ("/sky/sources-aws/aws-savings-plans/realdata", test_aws_savings_plans_realdata);
  return g_test_run ();
}
