/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-projection.h"
#include "sky-scenario.h"

/* The cost of a projection against the cost of one estimate of the same scenario:
 *
 *   bench-pricing [LINES]
 *
 * imports the bundled price sheets (SKYTALLY_PRICESHEETS_DIR) into a new catalog, makes a
 * scenario of LINES lines (1,000 by default) on the four providers, with growth, a range and a
 * commitment that starts late, then times one estimate and one 60-month projection in this
 * process and prints both and their ratio, in elapsed time and in the process's processor time
 * (steadier on a shared machine). The target is a projection that costs at most three
 * estimates. Figures only: nothing here fails on time. */

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

int
main (int    argc,
      char **argv)
{
  static const char * const sheets[] = { "aws.xml", "azure.xml", "gcp-handwritten.xml",
                                          "gcp-pricing-yml-2026-07-30.xml.gz",
                                          "digitalocean.xml" };
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("SKYTALLY_PRICESHEETS_DIR");
  guint n_lines = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyEstimate) warm = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(SkyProjection) projection = NULL;
  gint64 t0, t1, t2;
  double c0, c1, c2;
  guint priced = 0;

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

  scenario = make_scenario (n_lines);

  /* Once untimed, so that both timed runs find the catalog's pages in memory. */
  warm = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  c1 = cpu_seconds ();
  projection = sky_projection_compute (catalog, scenario, NULL, 60, &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  c2 = cpu_seconds ();

  for (guint i = 0; i < estimate->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
      priced += p->lines->len - p->n_unpriced;
    }
  g_print ("scenario: %u lines on %u providers, %u line prices found\n", n_lines,
           estimate->providers->len, priced);
  /* Figures of a scenario nothing prices would measure nothing. */
  if (priced == 0)
    {
      g_printerr ("bench-pricing: no line of the scenario was priced\n");
      return 1;
    }
  g_print ("estimate: %.3f s elapsed, %.3f s processor\n", (t1 - t0) / 1e6, c1 - c0);
  g_print ("projection (%u months): %.3f s elapsed, %.3f s processor\n", projection->months,
           (t2 - t1) / 1e6, c2 - c1);
  g_print ("projection / estimate: %.1f elapsed, %.1f processor (target: at most 3)\n",
           (double) (t2 - t1) / (double) MAX (t1 - t0, 1), (c2 - c1) / MAX (c1 - c0, 1e-6));

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
