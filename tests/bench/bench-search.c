/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sky-bench-search-util.h"
#include "sky-catalog.h"

/* The search benchmark: the engine's time for the first page (50 rows) of every filter the
 * command line and the window offer, and of every order the window sorts by, each way, on a
 * catalog of SKYTALLY_BENCH_OFFERS offers (1,000,000 unless told) written by gen-sheet; the
 * count of each search is timed apart, as the window starts it after the page.
 *
 * The anchor is the read of one offer's details by its id (sky_catalog_get_offer()): a few
 * B-tree look-ups and the decoding of one row, the least any search costs, and a cost that
 * does not grow with the catalog. Its ratio says how many such reads a search costs, whatever
 * the machine's load.
 *
 * Usage: bench-search [CATALOG]. A CATALOG that holds sheets is searched as it is; otherwise
 * the sheet SKYTALLY_BENCH_SHEET (or one SKYTALLY_BENCH_GEN_SHEET writes) is imported first,
 * and the import's time and the catalog's size printed. Without CATALOG a temporary one is
 * used and removed, unless SKYTALLY_BENCH_KEEP=1.
 *
 * Each figure is the wall-clock time and, beside it, the thread's CPU time: on a machine other
 * work loads, the CPU time is the engine's own. A digest of the page's rows follows, so that two
 * versions' pages can be compared row for row.
 *
 * SKYTALLY_BENCH_EVERY=1 times instead every filter without a text in every order, each way,
 * pages only; SKYTALLY_BENCH_ONLY=LABEL times only the case of that label, of either list.
 *
 * It measures; it does not judge. A page over its target is printed as MISSED and the exit
 * status is still 0. Only a failure to run makes it exit non-zero. */

#define DEFAULT_OFFERS 1000000
#define RUNS 3
#define PAGE 50

typedef struct
{
  const char     *label;
  SkySearchQuery  query;
} Case;

static double anchor_ms;
static double anchor_cpu_ms;
static double target_ms;

/* This thread's CPU time, in microseconds. */
static double
best_ms (const gint64 *usec,
         guint         n)
{
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    best = MIN (best, usec[i]);
  return best / 1000.0;
}

static gboolean
time_case (SkyCatalog  *catalog,
           const Case  *c,
           gboolean     with_count,
           GError     **error)
{
  gint64 usec[RUNS];
  gint64 cpu[RUNS];
  guint rows = 0;
  guint64 count = 0;
  gint64 count_usec, count_cpu;
  double page_ms, page_cpu_ms;
  g_autofree char *digest = NULL;
  const char *only = g_getenv ("SKYTALLY_BENCH_ONLY");

  if (only != NULL && strcmp (only, c->label) != 0)
    return TRUE;
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = sky_bench_cpu_usec ();
      g_autoptr(GPtrArray) listings = sky_catalog_search (catalog, &c->query, error);

      usec[i] = g_get_monotonic_time () - start;
      cpu[i] = sky_bench_cpu_usec () - cpu_start;
      if (listings == NULL)
        {
          g_prefix_error (error, "search (%s): ", c->label);
          return FALSE;
        }
      rows = listings->len;
      if (digest == NULL)
        digest = sky_bench_page_digest (listings);
    }
  page_ms = best_ms (usec, RUNS);
  page_cpu_ms = best_ms (cpu, RUNS);

  if (!with_count)
    {
      g_print ("page (%s): %.2f ms, cpu %.2f ms, %u rows, digest %.12s; target <= %.0f ms%s\n",
               c->label, page_ms, page_cpu_ms, rows, digest, target_ms,
               page_cpu_ms <= target_ms ? "" : " MISSED");
      return TRUE;
    }
  count_cpu = sky_bench_cpu_usec ();
  count_usec = g_get_monotonic_time ();
  if (!sky_catalog_count (catalog, &c->query, &count, error))
    {
      g_prefix_error (error, "count (%s): ", c->label);
      return FALSE;
    }
  count_usec = g_get_monotonic_time () - count_usec;
  count_cpu = sky_bench_cpu_usec () - count_cpu;

  g_print ("page (%s): %.2f ms (anchor: %.3f ms, ratio %.0f), cpu %.2f ms (anchor: %.3f ms, "
           "ratio %.0f), %u rows, digest %.12s; count %.1f ms, cpu %.1f ms, %" G_GUINT64_FORMAT
           " rows; target <= %.0f ms%s\n",
           c->label, page_ms, anchor_ms, page_ms / anchor_ms, page_cpu_ms, anchor_cpu_ms,
           page_cpu_ms / anchor_cpu_ms, rows, digest, count_usec / 1000.0, count_cpu / 1000.0,
           count, target_ms, page_cpu_ms <= target_ms ? "" : " MISSED");
  return TRUE;
}

/* SKYTALLY_BENCH_EVERY=1: the first page of each filter without text the command line and the
 * window offer, in every order the window sorts by, each way; pages only, as the counts do not
 * depend on the order. */
static gboolean
time_every_order (SkyCatalog  *catalog,
                  GError     **error)
{
  static const struct
  {
    SkySort     sort;
    const char *label;
  } sorts[] = {
    { SKY_SORT_UNIT_PRICE, "unit price" },
    { SKY_SORT_PRICE, "price" },
    { SKY_SORT_VCPU, "vCPU" },
    { SKY_SORT_MEMORY, "memory" },
    { SKY_SORT_PROVIDER, "provider" },
    { SKY_SORT_NAME, "name" },
    { SKY_SORT_REGION, "region" },
    { SKY_SORT_SERVICE, "service" },
    { SKY_SORT_TERM, "purchase option" },
    { SKY_SORT_PER_VCPU, "per vCPU-hour" },
    { SKY_SORT_PER_GIB, "per GiB-hour" },
    { SKY_SORT_ARCHITECTURE, "architecture" },
  };
  const Case filters[] = {
    { "no filter", { 0 } },
    { "provider benchcloud", { .provider = "benchcloud" } },
    { "region eu-central-1", { .region = "eu-central-1" } },
    { "os windows", { .os = "windows" } },
    { "os linux", { .os = "linux" } },
    { ">= 64 vCPU", { .min_vcpu_milli = 64000 } },
    { ">= 512 GiB", { .min_memory_mgib = 512000 } },
    { ">= 16 GiB", { .min_memory_mgib = 16000 } },
    { "geography EU", { .geography = "EU" } },
    { "category compute", { .category = "compute" } },
    { "category storage", { .category = "storage" } },
    { "unit hour", { .unit = "hour" } },
    { "unit gb-month", { .unit = "gb-month" } },
    { "architecture arm64", { .architecture = "arm64" } },
    { "architecture any", { .architecture = SKY_SEARCH_ANY } },
    { "every row", { .architecture = SKY_SEARCH_ANY, .tenancy = SKY_SEARCH_ANY,
                     .licence = SKY_SEARCH_ANY, .software = SKY_SEARCH_ANY,
                     .capacity = SKY_SEARCH_ANY } },
    { "purchase option spot", { .term = "spot" } },
    { "purchase option on-demand", { .term = "on-demand" } },
    { "at most 0.01", { .has_max_price = TRUE, .max_price = 100000000 } },
    { "window's first search", { .category = "compute", .unit = "hour", .term = "on-demand" } },
    { "typical", { .geography = "EU", .category = "compute", .min_vcpu_milli = 4000 } },
    { "os windows, region eu-central-1", { .os = "windows", .region = "eu-central-1" } },
    { "os windows, >= 64 vCPU", { .os = "windows", .min_vcpu_milli = 64000 } },
  };

  for (gsize f = 0; f < G_N_ELEMENTS (filters); f++)
    for (gsize s = 0; s < G_N_ELEMENTS (sorts) * 2; s++)
      {
        Case c = filters[f];
        g_autofree char *label = g_strdup_printf ("%s, by %s%s", c.label, sorts[s / 2].label,
                                                  s % 2 != 0 ? ", descending" : "");

        c.label = label;
        c.query.sort = sorts[s / 2].sort;
        c.query.descending = s % 2 != 0;
        c.query.limit = PAGE;
        if (!time_case (catalog, &c, FALSE, error))
          return FALSE;
      }
  return TRUE;
}

/* A sheet of @offers offers from gen-sheet, in @dir. */
static gboolean
run (const char  *catalog_path,
     const char  *dir,
     guint        offers,
     GError     **error)
{
  g_autoptr(SkyCatalog) catalog = sky_bench_open_catalog (catalog_path, dir, offers, &target_ms,
                                                          error);

  if (catalog == NULL)
    return FALSE;

  {
    /* Every filter the window and the command line offer, in the window's order (by unit
     * price, any unit), then every order the window sorts by, each way, then the typical
     * requirement search and the text searches in other orders. */
    const Case cases[] = {
      { "no filter, by unit price", { .sort = SKY_SORT_UNIT_PRICE } },
      { "text \"x7.32\" (a name)", { .text = "x7.32", .sort = SKY_SORT_UNIT_PRICE } },
      { "text \"DB.R5\" (other case)", { .text = "DB.R5", .sort = SKY_SORT_UNIT_PRICE } },
      { "text \"-54321\" (a SKU)", { .text = "-54321", .sort = SKY_SORT_UNIT_PRICE } },
      { "text \"nothing-such\"", { .text = "nothing-such", .sort = SKY_SORT_UNIT_PRICE } },
      { "text \"SQL\" (a service)", { .text = "SQL", .sort = SKY_SORT_UNIT_PRICE } },
      { "provider benchcloud", { .provider = "benchcloud", .sort = SKY_SORT_UNIT_PRICE } },
      { "region eu-central-1", { .region = "eu-central-1", .sort = SKY_SORT_UNIT_PRICE } },
      { "os windows", { .os = "windows", .sort = SKY_SORT_UNIT_PRICE } },
      { ">= 64 vCPU", { .min_vcpu_milli = 64000, .sort = SKY_SORT_UNIT_PRICE } },
      { ">= 512 GiB", { .min_memory_mgib = 512000, .sort = SKY_SORT_UNIT_PRICE } },
      { "geography EU", { .geography = "EU", .sort = SKY_SORT_UNIT_PRICE } },
      { "category storage", { .category = "storage", .sort = SKY_SORT_UNIT_PRICE } },
      { "unit gb-month", { .unit = "gb-month", .sort = SKY_SORT_UNIT_PRICE } },
      { "architecture arm64", { .architecture = "arm64", .sort = SKY_SORT_UNIT_PRICE } },
      { "purchase option spot", { .term = "spot", .sort = SKY_SORT_UNIT_PRICE } },
      { "window's first search (compute, hour, on-demand)",
        { .category = "compute", .unit = "hour", .term = "on-demand",
          .sort = SKY_SORT_UNIT_PRICE } },
      { "by unit price, descending", { .sort = SKY_SORT_UNIT_PRICE, .descending = TRUE } },
      { "by price", { .sort = SKY_SORT_PRICE } },
      { "by price, descending", { .sort = SKY_SORT_PRICE, .descending = TRUE } },
      { "by provider", { .sort = SKY_SORT_PROVIDER } },
      { "by provider, descending", { .sort = SKY_SORT_PROVIDER, .descending = TRUE } },
      { "by name", { .sort = SKY_SORT_NAME } },
      { "by name, descending", { .sort = SKY_SORT_NAME, .descending = TRUE } },
      { "by purchase option", { .sort = SKY_SORT_TERM } },
      { "by purchase option, descending", { .sort = SKY_SORT_TERM, .descending = TRUE } },
      { "by architecture", { .sort = SKY_SORT_ARCHITECTURE } },
      { "by architecture, descending", { .sort = SKY_SORT_ARCHITECTURE, .descending = TRUE } },
      { "by region", { .sort = SKY_SORT_REGION } },
      { "by region, descending", { .sort = SKY_SORT_REGION, .descending = TRUE } },
      { "by vCPU", { .sort = SKY_SORT_VCPU } },
      { "by vCPU, descending", { .sort = SKY_SORT_VCPU, .descending = TRUE } },
      { "by memory", { .sort = SKY_SORT_MEMORY } },
      { "by memory, descending", { .sort = SKY_SORT_MEMORY, .descending = TRUE } },
      { "by per vCPU-hour", { .sort = SKY_SORT_PER_VCPU } },
      { "by per vCPU-hour, descending", { .sort = SKY_SORT_PER_VCPU, .descending = TRUE } },
      { "by per GiB-hour", { .sort = SKY_SORT_PER_GIB } },
      { "by per GiB-hour, descending", { .sort = SKY_SORT_PER_GIB, .descending = TRUE } },
      { "by service", { .sort = SKY_SORT_SERVICE } },
      { "by service, descending", { .sort = SKY_SORT_SERVICE, .descending = TRUE } },
      { "typical: EU, compute, >= 4 vCPU, by price",
        { .geography = "EU", .category = "compute", .min_vcpu_milli = 4000,
          .sort = SKY_SORT_PRICE } },
      { "text \"x7.32\", by name", { .text = "x7.32", .sort = SKY_SORT_NAME } },
      { "region eu-central-1, by name", { .region = "eu-central-1", .sort = SKY_SORT_NAME } },
      { "text \"-54321\", by price", { .text = "-54321", .sort = SKY_SORT_PRICE } },
      { ">= 16 GiB, by price", { .min_memory_mgib = 16000, .sort = SKY_SORT_PRICE } },
      { "typical, by per vCPU-hour",
        { .geography = "EU", .category = "compute", .min_vcpu_milli = 4000,
          .sort = SKY_SORT_PER_VCPU } },
      { "region eu-central-1, by per GiB-hour, descending",
        { .region = "eu-central-1", .sort = SKY_SORT_PER_GIB, .descending = TRUE } },
      { "typical, by per vCPU-hour, descending",
        { .geography = "EU", .category = "compute", .min_vcpu_milli = 4000,
          .sort = SKY_SORT_PER_VCPU, .descending = TRUE } },
      { ">= 64 vCPU, by per vCPU-hour", { .min_vcpu_milli = 64000, .sort = SKY_SORT_PER_VCPU } },
      { ">= 512 GiB, by per GiB-hour, descending",
        { .min_memory_mgib = 512000, .sort = SKY_SORT_PER_GIB, .descending = TRUE } },
      { "os windows, by per GiB-hour", { .os = "windows", .sort = SKY_SORT_PER_GIB } },
      { "purchase option spot, by per vCPU-hour, descending",
        { .term = "spot", .sort = SKY_SORT_PER_VCPU, .descending = TRUE } },
      { "window's first search, by per vCPU-hour",
        { .category = "compute", .unit = "hour", .term = "on-demand",
          .sort = SKY_SORT_PER_VCPU } },
      { "unit gb-month, by per GiB-hour", { .unit = "gb-month", .sort = SKY_SORT_PER_GIB } },
      { "text \"x7.32\", by per vCPU-hour", { .text = "x7.32", .sort = SKY_SORT_PER_VCPU } },
      { "os linux, by price", { .os = "linux", .sort = SKY_SORT_PRICE } },
      { "os linux, by vCPU, descending",
        { .os = "linux", .sort = SKY_SORT_VCPU, .descending = TRUE } },
      { ">= 64 vCPU, by vCPU", { .min_vcpu_milli = 64000, .sort = SKY_SORT_VCPU } },
      { ">= 512 GiB, by provider", { .min_memory_mgib = 512000, .sort = SKY_SORT_PROVIDER } },
      { "architecture arm64, by name", { .architecture = "arm64", .sort = SKY_SORT_NAME } },
    };

    if (!sky_bench_time_anchor (catalog, &anchor_ms, &anchor_cpu_ms, error))
      return FALSE;
    if (g_strcmp0 (g_getenv ("SKYTALLY_BENCH_EVERY"), "1") == 0)
      return time_every_order (catalog, error);
    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        Case c = cases[i];

        c.query.limit = PAGE;
        if (!time_case (catalog, &c, TRUE, error))
          return FALSE;
      }
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *catalog_path = NULL;
  gboolean keep = g_strcmp0 (g_getenv ("SKYTALLY_BENCH_KEEP"), "1") == 0;
  guint offers = sky_bench_offers (DEFAULT_OFFERS);
  gboolean ok;

  dir = g_dir_make_tmp ("skytally-bench-search-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  catalog_path = argc > 1 ? g_strdup (argv[1]) : g_build_filename (dir, "catalog.db", NULL);
  g_print ("bench-search: catalog %s (filled with %u offers if it holds no sheet)\n",
           catalog_path, offers);
  ok = run (catalog_path, dir, offers, &error);
  if (argc <= 1 && !keep)
    {
      sky_bench_remove_catalog (catalog_path);
      g_rmdir (dir);
    }
  else if (keep && argc <= 1)
    g_print ("kept %s\n", catalog_path);
  else
    g_rmdir (dir);
  if (!ok)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  return 0;
}
