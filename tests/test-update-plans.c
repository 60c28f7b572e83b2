/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-source.h"
#include "sky-test-util.h"
#include "sky-update-private.h"

/* How an update finds AWS's and Google Cloud's lists: each plan runs against a fetch function
 * that serves the project's own fixtures (tests/data/update) and the real samples in
 * ../shared/realdata from a table of URLs, and records every URL and header asked for. No
 * test leaves the machine. */

/* A mirror with a path of its own: every URL asked for must be under it. */
#define ENDPOINT "http://mirror.test/prices"
#define AWS_SOURCE_URL "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json"
#define GCP_SOURCE_URL "https://cloudbilling.googleapis.com/v1/services"

#define AWS_OFFER_INDEX "/offers/v1.0/aws/index.json"
#define AWS_SP_INDEX "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json"
#define GCP_SKUS "/v1/services/%s/skus?currencyCode=USD&pageSize=5000"
#define COMPUTE_ENGINE "6F81-5844-456A"
#define CLOUD_STORAGE "95FF-2EF5-5EA1"
#define API_KEY "AIzaTestKey-0123456789"

typedef struct
{
  GHashTable *files;     /* URL -> the file served */
  GPtrArray  *urls;      /* every URL asked for, in order */
  GPtrArray  *headers;   /* for each, its headers as "Name: value; …" ("" for none) */
} Fetcher;

static Fetcher *
fetcher_new (void)
{
  Fetcher *fetcher = g_new0 (Fetcher, 1);

  fetcher->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fetcher->urls = g_ptr_array_new_with_free_func (g_free);
  fetcher->headers = g_ptr_array_new_with_free_func (g_free);
  return fetcher;
}

static void
fetcher_free (Fetcher *fetcher)
{
  g_hash_table_unref (fetcher->files);
  g_ptr_array_unref (fetcher->urls);
  g_ptr_array_unref (fetcher->headers);
  g_free (fetcher);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetcher, fetcher_free)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "update", name, NULL);
}

/* Serves FILE (a path) at the endpoint's PATH. */
static void
serve_file (Fetcher    *fetcher,
            const char *path,
            const char *file)
{
  g_hash_table_insert (fetcher->files, g_strconcat (ENDPOINT, path, NULL), g_strdup (file));
}

/* Serves the fixture NAME of tests/data/update at the endpoint's PATH. */
static void
serve (Fetcher    *fetcher,
       const char *path,
       const char *name)
{
  g_autofree char *file = fixture (name);

  serve_file (fetcher, path, file);
}

static char *
fake_fetch (gpointer             user_data,
            const char          *url,
            const char * const  *headers,
            GCancellable        *cancellable,
            GError             **error)
{
  Fetcher *fetcher = user_data;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *file;

  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    {
      g_assert_nonnull (headers[i + 1]);
      g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", headers[i], headers[i + 1]);
    }
  g_ptr_array_add (fetcher->urls, g_strdup (url));
  g_ptr_array_add (fetcher->headers, g_string_free (g_steal_pointer (&text), FALSE));

  file = g_hash_table_lookup (fetcher->files, url);
  if (file == NULL)
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP, "%s: 404 Not Found", url);
      return NULL;
    }
  return g_strdup (file);
}

static gboolean
run_plan (SkyUpdatePlanFunc    plan,
          Fetcher             *fetcher,
          const char * const  *services,
          const char * const  *regions,
          const char          *credential,
          GPtrArray           *batches,
          GError             **error)
{
  SkyUpdateRequest request = { 0 };
  SkyUpdatePlanContext context = { 0 };

  request.services = services;
  request.regions = regions;
  request.credential = credential;
  request.endpoint = ENDPOINT;
  context.request = &request;
  context.credential = credential;
  context.fetch = fake_fetch;
  context.fetcher = fetcher;
  context.batches = batches;
  return plan (&context, error);
}

static GPtrArray *
batches_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _sky_update_batch_free);
}

/* The URLs asked for, one a line, without the endpoint (which each must start with). */
static char *
urls_text (Fetcher *fetcher)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < fetcher->urls->len; i++)
    {
      const char *url = g_ptr_array_index (fetcher->urls, i);

      g_assert_true (g_str_has_prefix (url, ENDPOINT "/"));
      g_string_append_printf (text, "%s\n", url + strlen (ENDPOINT));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A batch's files, one a line, by their base names. */
static char *
files_text (SkyUpdateBatch *batch)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < batch->files->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (batch->files, i));

      g_string_append_printf (text, "%s\n", name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_no_headers (Fetcher *fetcher)
{
  for (guint i = 0; i < fetcher->headers->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fetcher->headers, i), ==, "");
}

/* AWS: the offer index, the region index of each offer taken and its files, and EC2's Savings
 * Plans index and rate files, each at the paths the fixtures give (one region index gives
 * absolute links, as AWS's may). */
static void
serve_aws (Fetcher *fetcher)
{
  static const char *offers[] = {
    "AmazonEC2", "AmazonRDS", "AmazonS3", "AWSLambda", "AWSDataTransfer",
  };

  serve (fetcher, AWS_OFFER_INDEX, "aws-offer-index.json");
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/offers/v1.0/aws/%s/current/region_index.json",
                                               offers[i]);
      g_autofree char *name = g_strdup_printf ("aws-%s-region-index.json", offers[i]);

      serve (fetcher, path, name);
    }
  serve (fetcher, "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv",
         "aws-AmazonEC2-us-east-1.csv");
  serve (fetcher, "/offers/v1.0/aws/AmazonEC2/20260302100000/eu-west-1/index.csv",
         "aws-AmazonEC2-eu-west-1.csv");
  serve (fetcher, "/offers/v1.0/aws/AmazonRDS/20260301090000/us-east-1/index.csv",
         "aws-AmazonRDS-us-east-1.csv");
  serve (fetcher, "/offers/v1.0/aws/AmazonS3/20260227120000/us-east-1/index.csv",
         "aws-AmazonS3-us-east-1.csv");
  serve (fetcher, "/offers/v1.0/aws/AWSLambda/20260225110000/us-east-1/index.csv",
         "aws-AWSLambda-us-east-1.csv");
  serve (fetcher, "/offers/v1.0/aws/AWSDataTransfer/20260228100000/us-east-1/index.csv",
         "aws-AWSDataTransfer-us-east-1.csv");
  serve (fetcher, AWS_SP_INDEX, "aws-savings-plans-index.json");
  serve (fetcher, "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260301080000/us-east-1/index.csv",
         "aws-savings-plans-us-east-1.csv");
}

/* EC2 in two regions: the offer index, EC2's region index and the Savings Plans index, then
 * each region's offer file in CSV and the rate file of the one region the Savings Plans index
 * has; one batch of the savings-plans format, offer files first. */
static void
test_aws_ec2 (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  serve_aws (fetcher);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                           (const char *[]) { "us-east-1", "eu-west-1", NULL }, NULL, batches,
                           &error));
  g_assert_no_error (error);

  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/eu-west-1/index.csv\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260301080000/us-east-1/"
                   "index.csv\n");
  assert_no_headers (fetcher);

  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "aws-savings-plans-csv");
  files = files_text (batch);
  g_assert_cmpstr (files, ==,
                   "aws-AmazonEC2-us-east-1.csv\n"
                   "aws-AmazonEC2-eu-west-1.csv\n"
                   "aws-savings-plans-us-east-1.csv\n");
  g_assert_cmpstr (batch->source_url, ==, AWS_SOURCE_URL);
  g_assert_null (batch->version);
}

/* Every service (none named): each offer code once, in the plan's order, every index before
 * any file; the absolute links of RDS's and S3's indexes are asked of the mirror. */
static void
test_aws_every_service (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  serve_aws (fetcher);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, NULL,
                           (const char *[]) { "us-east-1", NULL }, NULL, batches, &error));
  g_assert_no_error (error);

  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonRDS/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonS3/current/region_index.json\n"
                   "/offers/v1.0/aws/AWSLambda/current/region_index.json\n"
                   "/offers/v1.0/aws/AWSDataTransfer/current/region_index.json\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AmazonRDS/20260301090000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AmazonS3/20260227120000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AWSLambda/20260225110000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AWSDataTransfer/20260228100000/us-east-1/index.csv\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260301080000/us-east-1/"
                   "index.csv\n");

  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "aws-savings-plans-csv");
  files = files_text (batch);
  g_assert_cmpstr (files, ==,
                   "aws-AmazonEC2-us-east-1.csv\n"
                   "aws-AmazonRDS-us-east-1.csv\n"
                   "aws-AmazonS3-us-east-1.csv\n"
                   "aws-AWSLambda-us-east-1.csv\n"
                   "aws-AWSDataTransfer-us-east-1.csv\n"
                   "aws-savings-plans-us-east-1.csv\n");
  g_assert_cmpstr (batch->source_url, ==, AWS_SOURCE_URL);
  g_assert_null (batch->version);
}

/* EC2 and EBS are both in AmazonEC2, RDS's engines both in AmazonRDS: each offer's index and
 * each file is asked for once, and a region named twice is fetched once. */
static void
test_aws_offer_once (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;

  serve_aws (fetcher);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher,
                           (const char *[]) { "rds-mysql", "ebs", "rds-postgres", "ec2", NULL },
                           (const char *[]) { "us-east-1", "us-east-1", NULL }, NULL, batches,
                           &error));
  g_assert_no_error (error);

  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonRDS/current/region_index.json\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv\n"
                   "/offers/v1.0/aws/AmazonRDS/20260301090000/us-east-1/index.csv\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260301080000/us-east-1/"
                   "index.csv\n");
  g_assert_cmpuint (batches->len, ==, 1);
  files = files_text (g_ptr_array_index (batches, 0));
  g_assert_cmpstr (files, ==,
                   "aws-AmazonEC2-us-east-1.csv\n"
                   "aws-AmazonRDS-us-east-1.csv\n"
                   "aws-savings-plans-us-east-1.csv\n");
}

/* Without EC2 the Savings Plans index is not asked for; with EC2 in a region the index lacks,
 * it is, and no rate file is: either way, the batch is of the offer format. */
static void
test_aws_without_savings_plans (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  serve_aws (fetcher);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ebs", NULL },
                           (const char *[]) { "us-east-1", NULL }, NULL, batches, &error));
  g_assert_no_error (error);
  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv\n");
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "aws-offer-csv");
  files = files_text (batch);
  g_assert_cmpstr (files, ==, "aws-AmazonEC2-us-east-1.csv\n");

  g_ptr_array_set_size (fetcher->urls, 0);
  g_ptr_array_set_size (batches, 0);
  g_clear_pointer (&urls, g_free);
  g_clear_pointer (&files, g_free);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                           (const char *[]) { "eu-west-1", NULL }, NULL, batches, &error));
  g_assert_no_error (error);
  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/eu-west-1/index.csv\n");
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "aws-offer-csv");
  files = files_text (batch);
  g_assert_cmpstr (files, ==, "aws-AmazonEC2-eu-west-1.csv\n");
}

/* A region the offer's index lacks (RDS in eu-central-1, which EC2 has): refused, naming the
 * offer and the region, before any offer file is asked for, and no batch is given. */
static void
test_aws_region_missing (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;

  serve_aws (fetcher);
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher,
                            (const char *[]) { "ec2", "rds-postgres", NULL },
                            (const char *[]) { "eu-central-1", NULL }, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION);
  g_assert_cmpstr (error->message, ==,
                   "AWS publishes no prices of AmazonRDS in the region “eu-central-1”");
  g_assert_cmpuint (batches->len, ==, 0);
  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonRDS/current/region_index.json\n");
}

/* Refused before anything is fetched: no region (AWS's lists are per region), a service whose
 * prices are in no offer file the converter reads. */
static void
test_aws_refused (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;

  serve_aws (fetcher);
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                            NULL, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION);
  g_clear_error (&error);
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                            (const char *[]) { NULL }, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION);
  g_clear_error (&error);

  g_assert_false (run_plan (_sky_update_plan_aws, fetcher,
                            (const char *[]) { "ec2", "fargate", NULL },
                            (const char *[]) { "us-east-1", NULL }, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_SERVICE);
  g_assert_nonnull (strstr (error->message, "“fargate”"));

  g_assert_cmpuint (fetcher->urls->len, ==, 0);
  g_assert_cmpuint (batches->len, ==, 0);
}

/* An index that does not say what it should is malformed, named by its URL; a fetch that fails
 * fails the plan with the fetcher's error; neither gives a batch. */
static void
test_aws_malformed (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  const char * const ec2[] = { "ec2", NULL };
  const char * const us_east_1[] = { "us-east-1", NULL };

  /* An index without "offers". */
  serve (fetcher, AWS_OFFER_INDEX, "gcp-no-skus.json");
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, ec2, us_east_1, NULL, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==,
                   "The offer index at " ENDPOINT AWS_OFFER_INDEX " has no “offers”");
  g_clear_error (&error);

  /* Not JSON at all. */
  serve (fetcher, AWS_OFFER_INDEX, "aws-AmazonEC2-us-east-1.csv");
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, ec2, us_east_1, NULL, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The index at " ENDPOINT AWS_OFFER_INDEX " is not JSON: "));
  g_clear_error (&error);

  /* A region index without "regions". */
  serve_aws (fetcher);
  serve (fetcher, "/offers/v1.0/aws/AmazonEC2/current/region_index.json", "gcp-no-skus.json");
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, ec2, us_east_1, NULL, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==,
                   "The region index at " ENDPOINT
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json has no “regions”");
  g_clear_error (&error);

  /* The rate file is not there: the fetcher's error. */
  serve_aws (fetcher);
  g_hash_table_remove (fetcher->files, ENDPOINT "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/"
                       "20260301080000/us-east-1/index.csv");
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, ec2, us_east_1, NULL, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP);

  g_assert_cmpuint (batches->len, ==, 0);
}

/* AWS's real offer index and Savings Plans index (September 2025): every offer code the plan
 * reads is in the offer index, with its region index; EC2 in ap-east-2 takes the rate file the
 * real Savings Plans index names, in CSV (served by the real offer and rate samples). The
 * region index is the project's own (no real one is at hand), at the path the real offer index
 * gives. */
static void
test_aws_real_indexes (void)
{
  g_autofree char *dir = sky_test_realdata ("aws-price-list");
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *offer_index = NULL;
  g_autofree char *sp_index = NULL;
  g_autofree char *offer_file = NULL;
  g_autofree char *rate_file = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  if (dir == NULL)
    return;
  offer_index = g_build_filename (dir, "1-global-service-index.json", NULL);
  sp_index = g_build_filename (dir, "4-currentSavingsPlanIndexUrl-list.json", NULL);
  offer_file = g_build_filename (dir, "3-global-pricing-file-sample.csv", NULL);
  rate_file = g_build_filename (dir, "5-ap-east-2-savingsplan-pricing.csv", NULL);

  /* Every service in us-east-1: the five offer codes are found in the real index. */
  serve_aws (fetcher);
  serve_file (fetcher, AWS_OFFER_INDEX, offer_index);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, NULL,
                           (const char *[]) { "us-east-1", NULL }, NULL, batches, &error));
  g_assert_no_error (error);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpuint (batch->files->len, ==, 6);

  /* EC2 in ap-east-2, with the real Savings Plans index. */
  g_ptr_array_set_size (fetcher->urls, 0);
  g_ptr_array_set_size (batches, 0);
  serve_file (fetcher, AWS_SP_INDEX, sp_index);
  serve_file (fetcher, "/offers/v1.0/aws/AmazonEC2/20260302100000/ap-east-2/index.csv",
              offer_file);
  serve_file (fetcher, "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20250911184447/ap-east-2/"
              "index.csv", rate_file);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                           (const char *[]) { "ap-east-2", NULL }, NULL, batches, &error));
  g_assert_no_error (error);
  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/offers/v1.0/aws/index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/current/region_index.json\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json\n"
                   "/offers/v1.0/aws/AmazonEC2/20260302100000/ap-east-2/index.csv\n"
                   "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20250911184447/ap-east-2/"
                   "index.csv\n");
  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "aws-savings-plans-csv");
  files = files_text (batch);
  g_assert_cmpstr (files, ==,
                   "3-global-pricing-file-sample.csv\n"
                   "5-ap-east-2-savingsplan-pricing.csv\n");

  /* A region neither index has. */
  g_ptr_array_set_size (batches, 0);
  g_assert_false (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "s3", NULL },
                            (const char *[]) { "ap-east-2", NULL }, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION);
  g_assert_cmpstr (error->message, ==,
                   "AWS publishes no prices of AmazonS3 in the region “ap-east-2”");
}

#ifdef HAVE_CSV
/* The batch converts as it is given: EC2's offer files of two regions and the rate file, in
 * the savings-plans format, make one sheet with both instances and the rate. */
static void
test_aws_batch_converts (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *sheet = g_build_filename (dir, "aws.xml", NULL);
  SkyUpdateBatch *batch;

  serve_aws (fetcher);
  g_assert_true (run_plan (_sky_update_plan_aws, fetcher, (const char *[]) { "ec2", NULL },
                           (const char *[]) { "us-east-1", "eu-west-1", NULL }, NULL, batches,
                           &error));
  g_assert_no_error (error);
  batch = g_ptr_array_index (batches, 0);
  g_ptr_array_add (batch->files, NULL);
  sky_source_convert (batch->format, (const char * const *) batch->files->pdata,
                      &(SkyConvertOptions) { .source_url = batch->source_url }, sheet, summary,
                      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  /* Two on demand, and the savings plan of the instance in us-east-1. */
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 3);
  sky_test_remove_tree (dir);
}
#endif

/* Google Cloud: the pages of each catalog service, at the mirror. */
static void
serve_gcp (Fetcher *fetcher)
{
  g_autofree char *compute = g_strdup_printf (GCP_SKUS, COMPUTE_ENGINE);
  g_autofree char *compute_2 = g_strconcat (compute, "&pageToken=CgsI%2Bpage%2F2%3D%3D", NULL);
  g_autofree char *storage = g_strdup_printf (GCP_SKUS, CLOUD_STORAGE);

  serve (fetcher, compute, "gcp-compute-engine-1.json");
  serve (fetcher, compute_2, "gcp-compute-engine-2.json");
  serve (fetcher, storage, "gcp-cloud-storage.json");
}

/* Compute Engine: its first page, then the page its nextPageToken names (the token escaped in
 * the URL), until a page's token is empty; the API key in a header of every request and in no
 * URL; one batch with every page, in order. */
static void
test_gcp_pages (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  serve_gcp (fetcher);
  g_assert_true (run_plan (_sky_update_plan_gcp, fetcher,
                           (const char *[]) { "compute-engine", NULL }, NULL, API_KEY, batches,
                           &error));
  g_assert_no_error (error);

  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000\n"
                   "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000"
                   "&pageToken=CgsI%2Bpage%2F2%3D%3D\n");
  for (guint i = 0; i < fetcher->urls->len; i++)
    {
      g_assert_null (strstr (g_ptr_array_index (fetcher->urls, i), API_KEY));
      g_assert_cmpstr (g_ptr_array_index (fetcher->headers, i), ==, "X-Goog-Api-Key: " API_KEY);
    }

  g_assert_cmpuint (batches->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  g_assert_cmpstr (batch->format, ==, "gcp-skus-json");
  files = files_text (batch);
  g_assert_cmpstr (files, ==, "gcp-compute-engine-1.json\ngcp-compute-engine-2.json\n");
  g_assert_cmpstr (batch->source_url, ==, GCP_SOURCE_URL);
  g_assert_null (batch->version);
}

/* Compute Engine's SKUs are those of three services, fetched once whether they are named
 * together or no service is named (every service); Cloud Storage's follow. */
static void
test_gcp_service_once (void)
{
  const char * const *requests[] = {
    (const char *[]) { "cloud-storage", "internet-egress", "persistent-disk", "compute-engine",
                       NULL },
    NULL,
    (const char *[]) { NULL },
  };

  for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
    {
      g_autoptr(Fetcher) fetcher = fetcher_new ();
      g_autoptr(GPtrArray) batches = batches_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *urls = NULL;
      g_autofree char *files = NULL;

      serve_gcp (fetcher);
      g_assert_true (run_plan (_sky_update_plan_gcp, fetcher, requests[r], NULL, API_KEY,
                               batches, &error));
      g_assert_no_error (error);
      urls = urls_text (fetcher);
      g_assert_cmpstr (urls, ==,
                       "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000\n"
                       "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000"
                       "&pageToken=CgsI%2Bpage%2F2%3D%3D\n"
                       "/v1/services/95FF-2EF5-5EA1/skus?currencyCode=USD&pageSize=5000\n");
      g_assert_cmpuint (batches->len, ==, 1);
      files = files_text (g_ptr_array_index (batches, 0));
      g_assert_cmpstr (files, ==,
                       "gcp-compute-engine-1.json\n"
                       "gcp-compute-engine-2.json\n"
                       "gcp-cloud-storage.json\n");
    }
}

/* Cloud Storage alone: its one page, without Compute Engine's. */
static void
test_gcp_one_service (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *urls = NULL;

  serve_gcp (fetcher);
  g_assert_true (run_plan (_sky_update_plan_gcp, fetcher,
                           (const char *[]) { "cloud-storage", NULL }, NULL, API_KEY, batches,
                           &error));
  g_assert_no_error (error);
  urls = urls_text (fetcher);
  g_assert_cmpstr (urls, ==,
                   "/v1/services/95FF-2EF5-5EA1/skus?currencyCode=USD&pageSize=5000\n");
  g_assert_cmpuint (batches->len, ==, 1);
}

/* A page without "skus" is malformed, named by its URL (which has no key in it); no batch. */
static void
test_gcp_no_skus (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;

  serve_gcp (fetcher);
  serve (fetcher, "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000"
         "&pageToken=CgsI%2Bpage%2F2%3D%3D", "gcp-no-skus.json");
  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher, NULL, NULL, API_KEY, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==,
                   "The page at " ENDPOINT "/v1/services/6F81-5844-456A/skus?currencyCode=USD"
                   "&pageSize=5000&pageToken=CgsI%2Bpage%2F2%3D%3D has no “skus”");
  g_assert_cmpuint (fetcher->urls->len, ==, 2);
  g_assert_cmpuint (batches->len, ==, 0);
}

/* A page the fetcher cannot give fails the plan with the fetcher's error, and no batch is given
 * of the pages before it. */
static void
test_gcp_fetch_fails (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;

  serve_gcp (fetcher);
  g_hash_table_remove (fetcher->files, ENDPOINT "/v1/services/6F81-5844-456A/skus?"
                       "currencyCode=USD&pageSize=5000&pageToken=CgsI%2Bpage%2F2%3D%3D");
  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher,
                            (const char *[]) { "compute-engine", NULL }, NULL, API_KEY, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP);
  g_assert_cmpuint (fetcher->urls->len, ==, 2);
  g_assert_cmpuint (batches->len, ==, 0);
}

/* A page whose nextPageToken leads back to a page already read is malformed: the plan does not
 * go round for ever. */
static void
test_gcp_page_loop (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;

  serve_gcp (fetcher);
  serve (fetcher, "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000"
         "&pageToken=CgsI%2Bpage%2F2%3D%3D", "gcp-compute-engine-1.json");
  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher,
                            (const char *[]) { "compute-engine", NULL }, NULL, API_KEY, batches,
                            &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_cmpuint (fetcher->urls->len, ==, 2);
  g_assert_cmpuint (batches->len, ==, 0);
}

/* Without an API key (none, or empty), or for a service the converter does not read, the plan
 * asks for nothing. */
static void
test_gcp_refused (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;

  serve_gcp (fetcher);
  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher, NULL, NULL, NULL, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);
  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher, NULL, NULL, "", batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  g_assert_false (run_plan (_sky_update_plan_gcp, fetcher,
                            (const char *[]) { "compute-engine", "cloud-sql-postgres", NULL },
                            NULL, API_KEY, batches, &error));
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_SERVICE);
  g_assert_nonnull (strstr (error->message, "“cloud-sql-postgres”"));

  g_assert_cmpuint (fetcher->urls->len, ==, 0);
  g_assert_cmpuint (batches->len, ==, 0);
}

/* The real Compute Engine page (N4A in us-central1, September 2026; its answer has no
 * nextPageToken: the last page) is read as one, and the batch converts. */
static void
test_gcp_real_page (void)
{
  g_autofree char *dir = sky_test_realdata ("gcp-billing-catalog");
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autofree char *page = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *files = NULL;
  SkyUpdateBatch *batch;

  if (dir == NULL)
    return;
  page = g_build_filename (dir, "compute-engine-n4a-us-central1-skus-2026-09-22.json", NULL);
  serve_file (fetcher, "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000",
              page);
  g_assert_true (run_plan (_sky_update_plan_gcp, fetcher,
                           (const char *[]) { "compute-engine", NULL }, NULL, API_KEY, batches,
                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fetcher->urls->len, ==, 1);
  batch = g_ptr_array_index (batches, 0);
  files = files_text (batch);
  g_assert_cmpstr (files, ==, "compute-engine-n4a-us-central1-skus-2026-09-22.json\n");

  out = sky_test_make_dir ();
  sheet = g_build_filename (out, "gcp.xml", NULL);
  g_ptr_array_add (batch->files, NULL);
  sky_source_convert (batch->format, (const char * const *) batch->files->pdata,
                      &(SkyConvertOptions) { .source_url = batch->source_url }, sheet, summary,
                      NULL, &error);
  g_assert_no_error (error);
  /* N4A in us-central1 (cores and RAM, on demand and spot) and N4A Custom (on demand). */
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 2);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 6);
  sky_test_remove_tree (out);
}

/* The project's own pages convert as the plan gives them: Compute Engine's two pages are the
 * N2 cores and RAM of one offer. */
static void
test_gcp_batch_converts (void)
{
  g_autoptr(Fetcher) fetcher = fetcher_new ();
  g_autoptr(GPtrArray) batches = batches_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyConvertSummary) summary = sky_convert_summary_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *sheet = g_build_filename (dir, "gcp.xml", NULL);
  SkyUpdateBatch *batch;

  serve_gcp (fetcher);
  g_assert_true (run_plan (_sky_update_plan_gcp, fetcher,
                           (const char *[]) { "compute-engine", NULL }, NULL, API_KEY, batches,
                           &error));
  g_assert_no_error (error);
  batch = g_ptr_array_index (batches, 0);
  g_ptr_array_add (batch->files, NULL);
  sky_source_convert (batch->format, (const char * const *) batch->files->pdata,
                      &(SkyConvertOptions) { .source_url = batch->source_url }, sheet, summary,
                      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sky_convert_summary_offers (summary), ==, 1);
  g_assert_cmpuint (sky_convert_summary_prices (summary), ==, 2);
  sky_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/update-plans/aws/ec2", test_aws_ec2);
  g_test_add_func ("/sky/update-plans/aws/every-service", test_aws_every_service);
  g_test_add_func ("/sky/update-plans/aws/offer-once", test_aws_offer_once);
  g_test_add_func ("/sky/update-plans/aws/without-savings-plans",
                   test_aws_without_savings_plans);
  g_test_add_func ("/sky/update-plans/aws/region-missing", test_aws_region_missing);
  g_test_add_func ("/sky/update-plans/aws/refused", test_aws_refused);
  g_test_add_func ("/sky/update-plans/aws/malformed", test_aws_malformed);
  g_test_add_func ("/sky/update-plans/aws/real-indexes", test_aws_real_indexes);
#ifdef HAVE_CSV
  g_test_add_func ("/sky/update-plans/aws/batch-converts", test_aws_batch_converts);
#endif
  g_test_add_func ("/sky/update-plans/gcp/pages", test_gcp_pages);
  g_test_add_func ("/sky/update-plans/gcp/service-once", test_gcp_service_once);
  g_test_add_func ("/sky/update-plans/gcp/one-service", test_gcp_one_service);
  g_test_add_func ("/sky/update-plans/gcp/no-skus", test_gcp_no_skus);
  g_test_add_func ("/sky/update-plans/gcp/fetch-fails", test_gcp_fetch_fails);
  g_test_add_func ("/sky/update-plans/gcp/page-loop", test_gcp_page_loop);
  g_test_add_func ("/sky/update-plans/gcp/refused", test_gcp_refused);
  g_test_add_func ("/sky/update-plans/gcp/real-page", test_gcp_real_page);
  g_test_add_func ("/sky/update-plans/gcp/batch-converts", test_gcp_batch_converts);

  return g_test_run ();
}
