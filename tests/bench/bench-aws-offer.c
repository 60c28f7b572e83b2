/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

/* The AWS offer file benchmark: generates an AWS Price List offer file in CSV (the 91 columns
 * of AmazonEC2's, five lines of metadata) of SKYTALLY_BENCH_ROWS price rows (1,000,000 unless
 * told), ten rows per SKU: on demand, and five reservations, four of them paid upfront, whose
 * "Upfront Fee" rows all come after every hourly row, as far from their pair as they can be.
 * Then, each in a child process (so that the peak RSS is its own), it times
 * `sqlite3 :memory: '.import --csv --skip 5 FILE t'` as the yardstick (the same file, its
 * metadata lines skipped), `skytally-cli convert --from aws-offer-csv`, and `skytally-cli
 * import --from aws-offer-csv` into a new catalog, and prints the figures. It measures; it does
 * not judge: only a program that cannot run or fails makes it exit non-zero.
 *
 * Environment: SKYTALLY_CLI (skytally-cli's path), SKYTALLY_BENCH_SQLITE3 (default: sqlite3
 * from PATH), SKYTALLY_BENCH_ROWS (or else SKYTALLY_BENCH_OFFERS, which sizes every benchmark),
 * SKYTALLY_BENCH_KEEP=1 to keep the files. */

#define DEFAULT_ROWS 1000000
#define ROWS_PER_SKU 10

static const char *const header[] = {
  "SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate",
  "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo",
  "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family", "serviceCode",
  "Location", "Location Type", "Instance Type", "Current Generation", "Instance Family", "vCPU",
  "Physical Processor", "Clock Speed", "Memory", "Storage", "Network Performance",
  "Processor Architecture", "Storage Media", "Volume Type", "Max Volume Size", "Max IOPS/volume",
  "Max IOPS Burst Performance", "Max throughput/volume", "Provisioned", "Tenancy",
  "EBS Optimized", "Operating System", "License Model", "Group", "Group Description",
  "Transfer Type", "From Location", "From Location Type", "To Location", "To Location Type",
  "usageType", "operation", "AvailabilityZone", "CapacityStatus", "ClassicNetworkingSupport",
  "Dedicated EBS Throughput", "ECU", "Elastic Graphics Type", "Enhanced Networking Supported",
  "From Region Code", "GPU", "GPU Memory", "Instance", "Instance Capacity - 10xlarge",
  "Instance Capacity - 12xlarge", "Instance Capacity - 16xlarge", "Instance Capacity - 18xlarge",
  "Instance Capacity - 24xlarge", "Instance Capacity - 2xlarge", "Instance Capacity - 32xlarge",
  "Instance Capacity - 4xlarge", "Instance Capacity - 8xlarge", "Instance Capacity - 9xlarge",
  "Instance Capacity - large", "Instance Capacity - medium", "Instance Capacity - metal",
  "Instance Capacity - xlarge", "instanceSKU", "Intel AVX2 Available", "Intel AVX Available",
  "Intel Turbo Available", "MarketOption", "Normalization Size Factor", "Physical Cores",
  "Pre Installed S/W", "Processor Features", "Product Type", "Region Code", "Resource Type",
  "serviceName", "SnapshotArchiveFeeType", "To Region Code", "Volume API Name",
  "VPCNetworkingSupport",
};

/* A real row of the sample (c6i.large, Tokyo, dedicated Windows with SQL Web), whose price
 * columns each row replaces. */
static const char *const model[] = {
  "2223B6PCG6QAUYY6", "38NPMPTW36", "2223B6PCG6QAUYY6.38NPMPTW36.6YS6EN2CT7", "Reserved",
  "Windows with SQL Server Web (Amazon VPC), c6i.large reserved instance applied", "2025-09-12",
  "0", "Inf", "Hrs", "0.1046300000", "USD", "", "3yr", "Partial Upfront", "standard",
  "Compute Instance", "AmazonEC2", "Asia Pacific (Tokyo)", "AWS Region", "c6i.large", "Yes",
  "Compute optimized", "2", "Intel Xeon 8375C (Ice Lake)", "3.5 GHz", "4 GiB", "EBS only",
  "Up to 12500 Megabit", "64-bit", "", "", "", "", "", "", "", "Dedicated", "", "Windows",
  "No License required", "", "", "", "", "", "", "", "APN1-DedicatedUsage:c6i.large",
  "RunInstances:0202", "NA", "Used", "false", "Up to 10000 Mbps", "NA", "", "Yes", "", "", "NA",
  "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "Yes", "Yes", "Yes",
  "OnDemand", "4", "", "SQL Web", "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo", "",
  "ap-northeast-1", "", "Amazon Elastic Compute Cloud", "", "", "", "true",
};

G_STATIC_ASSERT (G_N_ELEMENTS (header) == G_N_ELEMENTS (model));

enum { C_SKU, C_TERM_CODE, C_RATE_CODE, C_TERM_TYPE, C_DESCRIPTION, C_EFFECTIVE, C_START,
       C_END, C_UNIT, C_PRICE, C_CURRENCY, C_RELATED, C_LEASE, C_PURCHASE, C_CLASS };

typedef struct
{
  const char *code;
  const char *type;
  const char *lease;
  const char *purchase;
  const char *class;
  gboolean    fee;     /* paid upfront: a fee row too */
} Term;

static const Term terms[] = {
  { "JRTCKXETXF", "OnDemand", "", "", "", FALSE },
  { "4NA7Y494T4", "Reserved", "1yr", "No Upfront", "standard", FALSE },
  { "HU7G6KETJZ", "Reserved", "1yr", "Partial Upfront", "standard", TRUE },
  { "6QCMYABX3D", "Reserved", "1yr", "All Upfront", "standard", TRUE },
  { "R5XV2EPZQZ", "Reserved", "3yr", "Partial Upfront", "convertible", TRUE },
  { "NQ3QZPMQV9", "Reserved", "3yr", "All Upfront", "standard", TRUE },
};

static void
write_field (FILE       *out,
             const char *value,
             gboolean    last)
{
  if (*value != '\0')
    fprintf (out, "\"%s\"", value);
  fputc (last ? '\n' : ',', out);
}

static void
write_row (FILE       *out,
           guint64     sku,
           const Term *term,
           gboolean    fee)
{
  char sku_text[32], rate[64], price[32], instance[32];

  g_snprintf (sku_text, sizeof sku_text, "BENCH%011" G_GUINT64_FORMAT, sku);
  g_snprintf (rate, sizeof rate, "%s.%s.%s", sku_text, term->code, fee ? "2TG2D8R56U"
                                                                        : "6YS6EN2CT7");
  if (fee)
    g_snprintf (price, sizeof price, "%" G_GUINT64_FORMAT, 1000 + sku % 997);
  else if (strcmp (term->purchase, "All Upfront") == 0)
    g_snprintf (price, sizeof price, "0.0000000000");
  else
    g_snprintf (price, sizeof price, "0.%04" G_GUINT64_FORMAT "000000", 1000 + sku % 8999);
  g_snprintf (instance, sizeof instance, "c6i.bench%" G_GUINT64_FORMAT, sku);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    {
      const char *value = model[c];

      switch (c)
        {
        case C_SKU: value = sku_text; break;
        case C_TERM_CODE: value = term->code; break;
        case C_RATE_CODE: value = rate; break;
        case C_TERM_TYPE: value = term->type; break;
        case C_DESCRIPTION: value = fee ? "Upfront Fee" : "A generated row"; break;
        case C_START: value = fee ? "" : "0"; break;
        case C_END: value = fee ? "" : "Inf"; break;
        case C_UNIT: value = fee ? "Quantity" : "Hrs"; break;
        case C_PRICE: value = price; break;
        case C_LEASE: value = term->lease; break;
        case C_PURCHASE: value = term->purchase; break;
        case C_CLASS: value = term->class; break;
        default:
          if (strcmp (header[c], "Instance Type") == 0)
            value = instance;
          break;
        }
      write_field (out, value, c + 1 == G_N_ELEMENTS (header));
    }
}

/* @rows price rows, ten per SKU; the fee rows after all the others. */
static gboolean
generate (const char *path,
          guint64     rows)
{
  guint64 skus = rows / ROWS_PER_SKU;
  FILE *out = fopen (path, "w");

  if (out == NULL)
    return FALSE;
  fputs ("\"FormatVersion\",\"v1.0\"\n"
         "\"Disclaimer\",\"Generated for Skytally's benchmark.\"\n"
         "\"Publication Date\",\"2025-09-12T22:53:08Z\"\n"
         "\"Version\",\"20250912225308\"\n"
         "\"OfferCode\",\"AmazonEC2\"\n", out);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    write_field (out, header[c], c + 1 == G_N_ELEMENTS (header));
  for (guint64 s = 0; s < skus; s++)
    for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
      write_row (out, s, &terms[t], FALSE);
  for (guint64 s = 0; s < skus; s++)
    for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
      if (terms[t].fee)
        write_row (out, s, &terms[t], TRUE);
  return fclose (out) == 0;
}

typedef struct
{
  gint64        usec;
  struct rusage usage;   /* ru_maxrss in KiB */
} Run;

/* Runs @argv to its end, timed; FALSE when it cannot start or fails. */
static gboolean
run (const char * const *argv,
     Run                *result)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t done;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH |
                      G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  do
    done = wait4 (pid, &status, 0, &result->usage);
  while (done < 0 && errno == EINTR);
  result->usec = g_get_monotonic_time () - start;
  g_spawn_close_pid (pid);
  if (done < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed\n", argv[0]);
      return FALSE;
    }
  return TRUE;
}

static void
print_run (const char *label,
           const Run  *result)
{
  g_print ("%-44s %8.2f s  peak RSS %7.1f MB\n", label, result->usec / 1e6,
           result->usage.ru_maxrss / 1024.0);
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("SKYTALLY_CLI");
  const char *sqlite3 = g_getenv ("SKYTALLY_BENCH_SQLITE3");
  const char *rows_text = g_getenv ("SKYTALLY_BENCH_ROWS");
  guint64 rows;
  g_autofree char *dir = g_dir_make_tmp ("skytally-bench-aws-XXXXXX", NULL);
  g_autofree char *csv = NULL, *sheet = NULL, *catalog = NULL, *import_command = NULL;
  Run yardstick, convert, import;
  GStatBuf st;
  gboolean ok;

  if (rows_text == NULL)
    rows_text = g_getenv ("SKYTALLY_BENCH_OFFERS");
  rows = rows_text != NULL ? g_ascii_strtoull (rows_text, NULL, 10) : DEFAULT_ROWS;
  if (cli == NULL || dir == NULL)
    {
      g_printerr ("SKYTALLY_CLI is not set, or no temporary folder\n");
      return 1;
    }
  if (sqlite3 == NULL)
    sqlite3 = "sqlite3";
  if (rows < ROWS_PER_SKU)
    rows = ROWS_PER_SKU;
  csv = g_build_filename (dir, "AmazonEC2-bench.csv", NULL);
  sheet = g_build_filename (dir, "aws-ec2.xml", NULL);
  catalog = g_build_filename (dir, "catalog.db", NULL);
  if (!generate (csv, rows))
    {
      g_printerr ("cannot write %s\n", csv);
      return 1;
    }
  g_stat (csv, &st);
  g_print ("AWS offer CSV: %" G_GUINT64_FORMAT " price rows (%" G_GUINT64_FORMAT " SKUs), "
           "%.1f MB\n", rows / ROWS_PER_SKU * ROWS_PER_SKU, rows / ROWS_PER_SKU,
           st.st_size / 1e6);

  import_command = g_strdup_printf (".import --csv --skip 5 %s t", csv);
  {
    const char *yardstick_argv[] = { sqlite3, ":memory:", import_command, NULL };
    const char *convert_argv[] = { cli, "--no-seed", "convert", "--from", "aws-offer-csv", csv,
                                   "-o", sheet, NULL };
    const char *import_argv[] = { cli, "--no-seed", "--catalog", catalog, "import", "--from",
                                  "aws-offer-csv", csv, NULL };

    ok = run (yardstick_argv, &yardstick) && run (convert_argv, &convert) &&
         run (import_argv, &import);
  }
  if (ok)
    {
      print_run ("sqlite3 :memory: .import --csv (yardstick)", &yardstick);
      print_run ("skytally-cli convert --from aws-offer-csv", &convert);
      print_run ("skytally-cli import --from aws-offer-csv", &import);
      g_print ("convert / yardstick: %.2f x   import --from / yardstick: %.2f x\n",
               (double) convert.usec / (double) yardstick.usec,
               (double) import.usec / (double) yardstick.usec);
    }
  if (g_strcmp0 (g_getenv ("SKYTALLY_BENCH_KEEP"), "1") == 0)
    g_print ("Kept in %s\n", dir);
  else
    {
      g_unlink (csv);
      g_unlink (sheet);
      g_unlink (catalog);
      g_rmdir (dir);
    }
  return ok ? 0 : 1;
}
