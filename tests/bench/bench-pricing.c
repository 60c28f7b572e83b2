/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-json.h"
#include "sky-projection.h"
#include "sky-scenario.h"

/* The engine's time to price big scenarios, beside anchors measured in the same run:
 *
 *   bench-pricing [LINES]
 *   bench-pricing --json [LINES]
 *
 * imports the bundled price sheets (SKYTALLY_PRICESHEETS_DIR) into a new catalog, makes
 * scenarios of LINES lines (SKYTALLY_BENCH_LINES; by default 1,000 then 10,000) on the four
 * providers, with growth, a range and a commitment that starts late, and times in this process,
 * each the best of three:
 *
 * - one estimate, against the anchor of reading as many offers (one per line and provider) by
 *   their id with one prepared statement, the least a search per line could cost; the targets
 *   are 50 ms at 1,000 lines and 0.5 s at 10,000;
 * - one 60-month projection, against the estimate of the same scenario: at most 3 estimates.
 *
 * Each figure is given in the process's processor time (steadier on a shared machine) and in
 * elapsed time. Figures only: nothing here fails on time.
 *
 * With --json it times nothing: it prints the estimate of the scenario of LINES lines (1,000
 * by default) and its 60-month projection as JSON, so that a change of the engine can be shown
 * to leave every figure, reason and explanation as it was. */

typedef struct
{
  const char *category;
  const char *unit;
  const char *term;
  const char *vcpu;      /* NULL: no minimum */
  const char *memory;
  const char *quantity;
  const char *usage;     /* NULL: the scenario's hours per month */
  const char *group;
} Pattern;

/* A mix of what scenarios price: servers of several sizes on demand and committed, databases,
 * storage, traffic and functions. */
static const Pattern patterns[] = {
  { "compute", "hour", "on-demand", "2", "4", "3", NULL, "Web" },
  { "compute", "hour", "on-demand", "4", "16", "2", NULL, "Web" },
  { "compute", "hour", "on-demand", "8", "32", "1", NULL, "Batch" },
  { "compute", "hour", "reserved-1y-no-upfront", "2", "8", "2", NULL, "Web" },
  { "compute", "hour", "reserved-3y-no-upfront", "4", "16", "1", NULL, "Batch" },
  { "compute", "hour", "reserved-1y-all-upfront", "2", "8", "1", NULL, "Web" },
  { "compute", "hour", "spot", "2", "4", "4", NULL, "Batch" },
  { "database", "hour", "on-demand", "2", "8", "1", NULL, "Data" },
  { "storage", "gb-month", "on-demand", NULL, NULL, "1", "500", "Data" },
  { "storage", "gb", "on-demand", NULL, NULL, "1", "2000", "Net" },
  { "serverless", "million-requests", "on-demand", NULL, NULL, "1", "3", "Functions" },
  { "serverless", "gb-second", "on-demand", NULL, NULL, "1", "800000", "Functions" },
};

static SkyDecimal
dec (const char *text)
{
  SkyDecimal d = sky_decimal_from_int (0);

  if (!sky_decimal_parse (text, 10, TRUE, &d, NULL))
    g_error ("not a number: %s", text);
  return d;
}

/* The processor time this process has used, in seconds. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static SkyScenario *
make_scenario (guint n_lines)
{
  static const char * const providers[] = { "aws", "azure", "gcp", "digitalocean" };
  SkyScenario *s = sky_scenario_new ("Benchmark", "USD");
  SkyGrowth *growth = g_new0 (SkyGrowth, 1);
  SkyRange *range = g_new0 (SkyRange, 1);
  SkyStart *start = g_new0 (SkyStart, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
    g_ptr_array_add (s->providers, g_strdup (providers[i]));

  for (guint i = 0; i < n_lines; i++)
    {
      const Pattern *p = &patterns[i % G_N_ELEMENTS (patterns)];
      SkyScenarioLine *l = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

      l->label = g_strdup_printf ("Line %u", i + 1);
      l->group = g_strdup (p->group);
      l->quantity = dec (p->quantity);
      l->unit = g_strdup (p->unit);
      g_free (l->term);
      l->term = g_strdup (p->term);
      if (p->usage != NULL)
        {
          l->has_usage = TRUE;
          l->usage = dec (p->usage);
        }
      l->category = g_strdup (p->category);
      if (p->vcpu != NULL)
        l->min_vcpu_milli = 1000 * strtol (p->vcpu, NULL, 10);
      if (p->memory != NULL)
        l->min_memory_mgib = 1000 * strtol (p->memory, NULL, 10);
      if (g_strcmp0 (p->category, "compute") == 0 || g_strcmp0 (p->category, "database") == 0)
        l->os = g_strdup ("linux");
      g_ptr_array_add (s->lines, l);
    }

  /* Web grows 2 % a month; the data's range is −20 % to +30 %; the fourth line's commitment
   * starts in month 4. */
  growth->group = g_strdup ("Web");
  growth->percent = dec ("2");
  growth->from_month = 1;
  g_ptr_array_add (s->growth, growth);
  range->group = g_strdup ("Data");
  range->low = dec ("-20");
  range->high = dec ("30");
  g_ptr_array_add (s->ranges, range);
  start->line = g_strdup ("Line 4");
  start->month = 4;
  g_ptr_array_add (s->starts, start);
  s->projection_months = 60;
  return s;
}

/* A time, in seconds of processor and elapsed. */
typedef struct
{
  double cpu;
  double wall;
} Time;

typedef void (*Work) (gpointer data);

/* The best of three runs of @work. */
static Time
best_of_three (Work     work,
               gpointer data)
{
  Time best = { G_MAXDOUBLE, G_MAXDOUBLE };

  for (guint i = 0; i < 3; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();

      work (data);
      best.cpu = MIN (best.cpu, cpu_seconds () - c0);
      best.wall = MIN (best.wall, (g_get_monotonic_time () - t0) / 1e6);
    }
  return best;
}

typedef struct
{
  SkyCatalog  *catalog;
  SkyScenario *scenario;
  guint        n_reads;
} Run;

static void
estimate_once (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyEstimate) estimate = sky_estimate_compute (run->catalog, run->scenario, NULL,
                                                          FALSE, &error);

  g_assert_no_error (error);
}

static void
project_once (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyProjection) projection = sky_projection_compute (run->catalog, run->scenario,
                                                                NULL, 60, &error);

  g_assert_no_error (error);
}

/* The anchor: @n_reads offers read by id, in turn, with one prepared statement, on a
 * connection of its own opened before the clock starts. */
static sqlite3 *anchor_db;
static sqlite3_stmt *anchor_stmt;
static gint64 anchor_offers;

static void
read_offers (gpointer data)
{
  Run *run = data;
  gint64 sum = 0;

  for (guint i = 0; i < run->n_reads; i++)
    {
      sqlite3_bind_int64 (anchor_stmt, 1, 1 + i % anchor_offers);
      if (sqlite3_step (anchor_stmt) == SQLITE_ROW)
        sum += sqlite3_column_bytes (anchor_stmt, 0);
      sqlite3_reset (anchor_stmt);
    }
  g_assert_cmpint (sum, >, 0);
}

static void
open_anchor (const char *db)
{
  sqlite3_stmt *count = NULL;

  if (sqlite3_open_v2 (db, &anchor_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (anchor_db, "SELECT count (*) FROM offer", -1, &count, NULL) != SQLITE_OK ||
      sqlite3_step (count) != SQLITE_ROW ||
      sqlite3_prepare_v2 (anchor_db, "SELECT sku, name, prices FROM offer WHERE id = ?1", -1,
                          &anchor_stmt, NULL) != SQLITE_OK)
    g_error ("cannot read the catalog: %s", sqlite3_errmsg (anchor_db));
  anchor_offers = MAX (sqlite3_column_int64 (count, 0), 1);
  sqlite3_finalize (count);
}

/* "name: value unit (anchor: value unit, ratio R)", in milliseconds. */
static void
print_figure (const char *name,
              double      value,
              const char *anchor,
              double      anchor_value,
              const char *target)
{
  g_print ("%s: %.1f ms (%s: %.1f ms, ratio %.2f)%s\n", name, value * 1e3, anchor,
           anchor_value * 1e3, value / MAX (anchor_value, 1e-9), target);
}

static void
bench (SkyCatalog *catalog,
       guint       n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = make_scenario (n_lines);
  g_autoptr(SkyEstimate) estimate = NULL;
  Run run = { catalog, scenario, 0 };
  Time reads, est, proj;
  guint priced = 0;
  g_autofree char *target = NULL;

  /* Once untimed, so that every timed run finds the catalog's pages in memory. */
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
      priced += p->lines->len - p->n_unpriced;
    }
  g_print ("scenario: %u lines on %u providers, %u line prices found\n", n_lines,
           estimate->providers->len, priced);
  /* Figures of a scenario nothing prices would measure nothing. */
  if (priced == 0)
    g_error ("no line of the scenario was priced");

  run.n_reads = n_lines * estimate->providers->len;
  reads = best_of_three (read_offers, &run);
  est = best_of_three (estimate_once, &run);
  proj = best_of_three (project_once, &run);

  target = g_strdup_printf (" (target: at most %s)", n_lines <= 1000 ? "50 ms" : "0.5 s");
  {
    g_autofree char *name = g_strdup_printf ("estimate, %u lines, processor", n_lines);
    g_autofree char *anchor = g_strdup_printf ("%u offers read by id, one statement",
                                               run.n_reads);
    print_figure (name, est.cpu, anchor, reads.cpu,
                  n_lines == 1000 || n_lines == 10000 ? target : "");
  }
  {
    g_autofree char *name = g_strdup_printf ("estimate, %u lines, elapsed", n_lines);
    g_autofree char *anchor = g_strdup_printf ("%u offers read by id, one statement",
                                               run.n_reads);
    print_figure (name, est.wall, anchor, reads.wall, "");
  }
  {
    g_autofree char *name = g_strdup_printf ("projection (60 months), %u lines, processor",
                                             n_lines);
    print_figure (name, proj.cpu, "its estimate", est.cpu, " (target: at most 3 estimates)");
  }
  {
    g_autofree char *name = g_strdup_printf ("projection (60 months), %u lines, elapsed",
                                             n_lines);
    print_figure (name, proj.wall, "its estimate", est.wall, "");
  }
}

/* The estimate and the 60-month projection of the scenario of @n_lines lines, as JSON. */
static void
print_json (SkyCatalog *catalog,
            guint       n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = make_scenario (n_lines);
  g_autoptr(SkyEstimate) estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE,
                                                          &error);
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(JsonNode) estimate_json = NULL;
  g_autoptr(JsonNode) projection_json = NULL;
  g_autofree char *estimate_text = NULL;
  g_autofree char *projection_text = NULL;

  g_assert_no_error (error);
  projection = sky_projection_compute (catalog, scenario, NULL, 60, &error);
  g_assert_no_error (error);
  estimate_json = sky_json_estimate (scenario, estimate);
  projection_json = sky_json_projection (scenario, projection);
  estimate_text = sky_json_to_data (estimate_json, NULL);
  projection_text = sky_json_to_data (projection_json, NULL);
  g_print ("%s\n%s\n", estimate_text, projection_text);
}

int
main (int    argc,
      char **argv)
{
  static const char * const sheets[] = { "aws.xml", "azure.xml", "gcp-handwritten.xml",
                                          "gcp-pricing-yml-2026-07-30.xml.gz",
                                          "digitalocean.xml" };
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("SKYTALLY_PRICESHEETS_DIR");
  gboolean json = argc > 1 && g_strcmp0 (argv[1], "--json") == 0;
  const char *lines = argc > 1 + json ? argv[1 + json] : g_getenv ("SKYTALLY_BENCH_LINES");
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;

  /* The JSON's text in the locale's characters, as the CLI writes it. */
  setlocale (LC_ALL, "");
  if (dir == NULL)
    {
      g_printerr ("SKYTALLY_PRICESHEETS_DIR names no folder of price sheets\n");
      return 1;
    }
  tmp = g_dir_make_tmp ("skytally-bench-pricing-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp, "catalog.db", NULL);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *path = g_build_filename (dir, sheets[i], NULL);
      g_autoptr(SkyImportResult) imported = sky_catalog_import_file (catalog, path, NULL, NULL,
                                                                     NULL, &error);
      g_assert_no_error (error);
    }
  open_anchor (db);

  if (json)
    print_json (catalog, lines != NULL ? (guint) strtoul (lines, NULL, 10) : 1000);
  else if (lines != NULL)
    bench (catalog, (guint) strtoul (lines, NULL, 10));
  else
    {
      bench (catalog, 1000);
      bench (catalog, 10000);
    }

  sqlite3_finalize (anchor_stmt);
  sqlite3_close (anchor_db);
  g_clear_object (&catalog);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (tmp);
  }
  return 0;
}
