/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sky-bench-search-util.h"

/* What the search benchmarks share: the thread's CPU time, the anchor (one offer's details read
 * by its id) and a catalog filled from a generated sheet. */

gint64
sky_bench_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
sky_bench_compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The page's rows (offer, purchase option, unit and price, in order), as a short digest, so that
 * two runs of two versions can be compared row for row. */
char *
sky_bench_page_digest (GPtrArray *listings)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < listings->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (listings, i);

      g_string_append_printf (keys, "%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT "\n",
                              l->offer_id, l->term, l->unit, l->price);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, keys->str, keys->len);
}

/* Times the anchor, best of 25, and says it; its wall-clock and CPU milliseconds in @anchor_ms and
 * @anchor_cpu_ms. */
gboolean
sky_bench_time_anchor (SkyCatalog  *catalog,
                       double      *anchor_ms,
                       double      *anchor_cpu_ms,
                       GError     **error)
{
  gint64 usec[25];
  gint64 cpu[G_N_ELEMENTS (usec)];
  gint64 ids[G_N_ELEMENTS (usec)];
  SkySearchQuery query = { .limit = G_N_ELEMENTS (usec), .sort = SKY_SORT_PRICE,
                           .term = "on-demand", .category = "compute", .geography = "EU" };
  g_autoptr(GPtrArray) listings = sky_catalog_search (catalog, &query, error);

  if (listings == NULL || listings->len == 0)
    {
      if (listings != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the catalog has no EU compute offer");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = ((SkyListing *) g_ptr_array_index (listings, i % listings->len))->offer_id;
  for (guint i = 0; i < G_N_ELEMENTS (usec); i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = sky_bench_cpu_usec ();
      SkyOfferDetails *details = sky_catalog_get_offer (catalog, ids[i], error);

      if (details == NULL)
        return FALSE;
      sky_offer_details_free (details);
      usec[i] = g_get_monotonic_time () - start;
      cpu[i] = sky_bench_cpu_usec () - cpu_start;
    }
  qsort (usec, G_N_ELEMENTS (usec), sizeof usec[0], sky_bench_compare_int64);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof cpu[0], sky_bench_compare_int64);
  *anchor_ms = MAX (usec[0] / 1000.0, 0.001);
  *anchor_cpu_ms = MAX (cpu[0] / 1000.0, 0.001);
  g_print ("anchor (one offer's details by id): %.3f ms, cpu %.3f ms, best of %u\n",
           *anchor_ms, *anchor_cpu_ms, (guint) G_N_ELEMENTS (usec));
  return TRUE;
}

static char *
generate_sheet (const char  *dir,
                guint        offers,
                GError     **error)
{
  const char *gen = g_getenv ("SKYTALLY_BENCH_GEN_SHEET");
  g_autofree char *path = g_build_filename (dir, "sheet.xml", NULL);
  g_autofree char *count = g_strdup_printf ("%u", offers);
  const char *argv[] = { gen, path, count, NULL };
  int status = 0;

  if (gen == NULL || *gen == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "SKYTALLY_BENCH_GEN_SHEET is not set; run the benchmark with "
                   "`meson test --benchmark`, or set SKYTALLY_BENCH_SHEET");
      return NULL;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Fills @catalog (at @catalog_path) from SKYTALLY_BENCH_SHEET, or from a sheet of @offers offers
 * SKYTALLY_BENCH_GEN_SHEET writes in @dir, and says how long it took and the catalog's size. */
gboolean
sky_bench_fill_catalog (SkyCatalog  *catalog,
                        const char  *catalog_path,
                        const char  *dir,
                        guint        offers,
                        GError     **error)
{
  const char *sheet = g_getenv ("SKYTALLY_BENCH_SHEET");
  g_autofree char *generated = NULL;
  g_autoptr(SkyImportResult) result = NULL;
  GStatBuf st;
  gint64 start, cpu;

  if (sheet == NULL || *sheet == '\0')
    {
      generated = generate_sheet (dir, offers, error);
      if (generated == NULL)
        return FALSE;
      sheet = generated;
    }
  start = g_get_monotonic_time ();
  cpu = sky_bench_cpu_usec ();
  result = sky_catalog_import_file (catalog, sheet, NULL, NULL, NULL, error);
  if (result == NULL)
    return FALSE;
  g_print ("import of %s: %.1f s, cpu of this thread %.1f s\n", sheet,
           (g_get_monotonic_time () - start) / 1e6, (sky_bench_cpu_usec () - cpu) / 1e6);
  if (generated != NULL)
    g_unlink (generated);
  if (g_stat (catalog_path, &st) == 0)
    g_print ("catalog size: %.1f MB\n", st.st_size / 1e6);
  return TRUE;
}

/* SKYTALLY_BENCH_OFFERS, or @default_offers when it is unset or not a count. */
guint
sky_bench_offers (guint default_offers)
{
  const char *env = g_getenv ("SKYTALLY_BENCH_OFFERS");
  guint offers = env != NULL && *env != '\0' ? (guint) g_ascii_strtoull (env, NULL, 10) : 0;

  return offers != 0 ? offers : default_offers;
}

/* The engine's first-page target for a catalog of @offers: 20 ms at 1,000,000 offers and
 * 40 ms at 3,000,000; smaller catalogs as the first. */
double
sky_bench_target_ms (guint offers)
{
  return offers > 1000000 ? 40.0 : 20.0;
}

/* How many offers @catalog's current sheets hold: the size a search reads, whatever
 * SKYTALLY_BENCH_OFFERS says when a catalog is given. */
static gboolean
catalog_offers (SkyCatalog  *catalog,
                guint       *offers,
                GError     **error)
{
  g_autoptr(GPtrArray) sheets = sky_catalog_list_sheets (catalog, error);

  if (sheets == NULL)
    return FALSE;
  *offers = 0;
  for (guint i = 0; i < sheets->len; i++)
    {
      const SkySheetInfo *info = g_ptr_array_index (sheets, i);

      if (info->current)
        *offers += (guint) info->offers;
    }
  return TRUE;
}

/* The catalog at @catalog_path, filled as sky_bench_fill_catalog() does when it holds no
 * sheet, saying how long its opening took (a catalog of an earlier schema is converted then:
 * the indexes' cost for it), its size and its offers, then made query-only, with the page cache
 * of the window's and the CLI's searches (sky_catalog_set_query_only()); @target_ms is the
 * first-page target for those offers, which a catalog given may not share with
 * SKYTALLY_BENCH_OFFERS. */
SkyCatalog *
sky_bench_open_catalog (const char  *catalog_path,
                        const char  *dir,
                        guint        offers,
                        double      *target_ms,
                        GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = sky_bench_cpu_usec ();
  g_autoptr(SkyCatalog) catalog = sky_catalog_open (catalog_path, error);
  gboolean has_sheets;
  GStatBuf st;

  if (catalog == NULL)
    return NULL;
  g_print ("open: %.1f ms, cpu %.1f ms\n", (g_get_monotonic_time () - start) / 1e3,
           (sky_bench_cpu_usec () - cpu) / 1e3);
  has_sheets = sky_catalog_has_sheets (catalog, error);
  if (!has_sheets && error != NULL && *error != NULL)
    return NULL;
  if (!has_sheets && !sky_bench_fill_catalog (catalog, catalog_path, dir, offers, error))
    return NULL;
  if (has_sheets && g_stat (catalog_path, &st) == 0)
    g_print ("catalog size: %.1f MB\n", st.st_size / 1e6);
  if (!catalog_offers (catalog, &offers, error))
    return NULL;
  /* Read as the window and the CLI read it. */
  if (!sky_catalog_set_query_only (catalog, error))
    return NULL;
  *target_ms = sky_bench_target_ms (offers);
  g_print ("catalog: %u offers in its current sheets\n", offers);
  return g_steal_pointer (&catalog);
}

/* Removes the catalog at @path with its log files. */
void
sky_bench_remove_catalog (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}
