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

/* The text search benchmark: the engine's time for the first page (50 rows) of a search by name
 * or SKU text, for texts that match many offers, few, one, none, a service's name, or many SKUs
 * but no name, each in every order the window sorts by, and with other filters, on a catalog of
 * SKYTALLY_BENCH_OFFERS offers (1,000,000 unless told) written by gen-sheet. The count is
 * bench-search's.
 *
 * The anchor is bench-search's: the read of one offer's details by its id. Each figure is the
 * best of three runs, wall-clock and the thread's CPU time (the engine's own on a loaded
 * machine), and beside it a digest of the page's rows (offer, purchase option, unit and price,
 * in order), so that two runs of two versions can be compared row for row.
 *
 * Usage: bench-search-text [CATALOG [TEXT…]], as bench-search: a CATALOG without sheets is
 * filled from SKYTALLY_BENCH_SHEET (or a sheet SKYTALLY_BENCH_GEN_SHEET writes); without CATALOG
 * a temporary one is used and removed. TEXTs, if given, are searched instead of the usual ones,
 * in every order, without other filters; SKYTALLY_BENCH_ONLY=END times only the cases whose
 * label ends with END (e.g. "\"-win-\", by service"). It measures; it does not judge: the exit
 * status is 0 unless it cannot run. */

#define DEFAULT_OFFERS 1000000
#define RUNS 3
#define PAGE 50

static double anchor_ms;
static double anchor_cpu_ms;
static double target_ms;

static gboolean
time_case (SkyCatalog            *catalog,
           const char            *label,
           const SkySearchQuery  *query,
           GError               **error)
{
  gint64 usec = G_MAXINT64, cpu = G_MAXINT64;
  g_autofree char *digest = NULL;
  const char *only = g_getenv ("SKYTALLY_BENCH_ONLY");
  guint rows = 0;

  if (only != NULL && !g_str_has_suffix (label, only))
    return TRUE;
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = sky_bench_cpu_usec ();
      g_autoptr(GPtrArray) listings = sky_catalog_search (catalog, query, error);

      usec = MIN (usec, g_get_monotonic_time () - start);
      cpu = MIN (cpu, sky_bench_cpu_usec () - cpu_start);
      if (listings == NULL)
        {
          g_prefix_error (error, "search (%s): ", label);
          return FALSE;
        }
      rows = listings->len;
      if (digest == NULL)
        digest = sky_bench_page_digest (listings);
    }
  g_print ("page (%s): %.2f ms (anchor: %.3f ms, ratio %.0f), cpu %.2f ms (anchor: %.3f ms, "
           "ratio %.0f), %u rows, digest %.12s; target <= %.0f ms%s\n",
           label, usec / 1000.0, anchor_ms, usec / 1000.0 / anchor_ms, cpu / 1000.0,
           anchor_cpu_ms, cpu / 1000.0 / anchor_cpu_ms, rows, digest, target_ms,
           cpu / 1000.0 <= target_ms ? "" : " MISSED");
  return TRUE;
}

static gboolean
run (const char          *catalog_path,
     const char          *dir,
     guint                offers,
     const char * const  *own_texts,
     GError             **error)
{
  /* Many offers, few, one name's, a few SKUs, none, a service's name, many SKUs of no name, a
   * word many names share. */
  static const char * const usual_texts[] = {
    "DB.R5", "x7.32", "m8.16", "-54321", "nothing-such", "SQL", "-us-east-1-", "-win-",
    "standard", NULL,
  };
  const char * const *texts = own_texts != NULL && own_texts[0] != NULL ? own_texts
                                                                         : usual_texts;
  const struct
  {
    const char *label;
    SkySort     sort;
    gboolean    descending;
  } sorts[] = {
    { "by unit price", SKY_SORT_UNIT_PRICE, FALSE },
    { "by unit price, descending", SKY_SORT_UNIT_PRICE, TRUE },
    { "by price", SKY_SORT_PRICE, FALSE },
    { "by price, descending", SKY_SORT_PRICE, TRUE },
    { "by name", SKY_SORT_NAME, FALSE },
    { "by provider", SKY_SORT_PROVIDER, FALSE },
    { "by purchase option", SKY_SORT_TERM, FALSE },
    { "by architecture", SKY_SORT_ARCHITECTURE, FALSE },
    { "by region", SKY_SORT_REGION, FALSE },
    { "by vCPU, descending", SKY_SORT_VCPU, TRUE },
    { "by memory", SKY_SORT_MEMORY, FALSE },
    { "by per vCPU-hour", SKY_SORT_PER_VCPU, FALSE },
    { "by per GiB-hour", SKY_SORT_PER_GIB, FALSE },
    { "by service", SKY_SORT_SERVICE, FALSE },
  };
  const struct
  {
    const char     *label;
    SkySearchQuery  query;
  } filtered[] = {
    { "text \"DB.R5\", region eu-central-1",
      { .text = "DB.R5", .region = "eu-central-1", .sort = SKY_SORT_UNIT_PRICE } },
    { "text \"x7.32\", compute, on-demand, hour",
      { .text = "x7.32", .category = "compute", .term = "on-demand", .unit = "hour",
        .sort = SKY_SORT_UNIT_PRICE } },
    { "text \"-win-\", >= 16 vCPU, by price",
      { .text = "-win-", .min_vcpu_milli = 16000, .sort = SKY_SORT_PRICE } },
    { "text \"standard\", geography EU, spot",
      { .text = "standard", .geography = "EU", .term = "spot", .sort = SKY_SORT_UNIT_PRICE } },
  };
  g_autoptr(SkyCatalog) catalog = sky_bench_open_catalog (catalog_path, dir, offers, &target_ms,
                                                          error);

  if (catalog == NULL)
    return FALSE;
  if (!sky_bench_time_anchor (catalog, &anchor_ms, &anchor_cpu_ms, error))
    return FALSE;

  for (gsize t = 0; texts[t] != NULL; t++)
    for (gsize s = 0; s < G_N_ELEMENTS (sorts); s++)
      {
        SkySearchQuery query = { .text = texts[t], .sort = sorts[s].sort,
                                 .descending = sorts[s].descending, .limit = PAGE };
        g_autofree char *label = g_strdup_printf ("text \"%s\", %s", texts[t], sorts[s].label);

        if (!time_case (catalog, label, &query, error))
          return FALSE;
      }
  for (gsize f = 0; texts == usual_texts && f < G_N_ELEMENTS (filtered); f++)
    {
      SkySearchQuery query = filtered[f].query;

      query.limit = PAGE;
      if (!time_case (catalog, filtered[f].label, &query, error))
        return FALSE;
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
  guint offers = sky_bench_offers (DEFAULT_OFFERS);
  gboolean ok;

  dir = g_dir_make_tmp ("skytally-bench-search-text-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-search-text: %s\n", error->message);
      return 1;
    }
  catalog_path = argc > 1 ? g_strdup (argv[1]) : g_build_filename (dir, "catalog.db", NULL);
  g_print ("bench-search-text: catalog %s (filled with %u offers if it holds no sheet)\n",
           catalog_path, offers);
  ok = run (catalog_path, dir, offers, argc > 2 ? (const char * const *) argv + 2 : NULL,
            &error);
  if (argc <= 1)
    sky_bench_remove_catalog (catalog_path);
  g_rmdir (dir);
  if (!ok)
    {
      g_printerr ("bench-search-text: %s\n", error->message);
      return 1;
    }
  return 0;
}
