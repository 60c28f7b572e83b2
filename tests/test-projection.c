/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-projection.h"
#include "sky-scenario.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* Projections over months, worked out by hand on valid-small.xml (std-2 at 0.096 USD an hour on
 * demand, 0.0296 reserved for a year with 259 upfront; egress 100 GB free, then 0.09 up to
 * 10240 GB and 0.085 up to 51200 GB). */

typedef struct
{
  char        *dir;
  SkyCatalog  *catalog;
  SkyScenario *scenario;
} Fixture;

static SkyScenarioLine *
offer_line (const char *label,
            const char *group,
            const char *quantity,
            const char *unit,
            const char *usage,
            const char *term,
            const char *sku)
{
  SkyScenarioLine *l = sky_scenario_line_new (SKY_LINE_OFFER);

  l->label = g_strdup (label);
  l->group = g_strdup (group);
  sky_decimal_parse (quantity, 6, FALSE, &l->quantity, NULL);
  l->unit = g_strdup (unit);
  if (usage != NULL)
    {
      l->has_usage = TRUE;
      sky_decimal_parse (usage, 6, FALSE, &l->usage, NULL);
    }
  g_free (l->term);
  l->term = g_strdup (term);
  l->provider = g_strdup ("examplecloud");
  l->sku = g_strdup (sku);
  return l;
}

static SkyDecimal
dec (const char *text)
{
  SkyDecimal d = sky_decimal_from_int (0);

  g_assert_true (sky_decimal_parse (text, 10, TRUE, &d, NULL));
  return d;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  SkyScenario *s;
  SkyGrowth *growth, *step;
  SkyRange *range;
  SkyStart *start;

  f->catalog = sky_test_open_catalog (&f->dir, "valid-small.xml", NULL);

  s = f->scenario = sky_scenario_new ("Growing", "USD");
  g_ptr_array_add (s->providers, g_strdup ("examplecloud"));
  g_ptr_array_add (s->lines, offer_line ("Servers", "Compute", "2", "hour", NULL, "on-demand",
                                         "std-2-us"));
  g_ptr_array_add (s->lines, offer_line ("Worker", "Compute", "1", "hour", NULL,
                                         "reserved-1y-partial-upfront", "std-2-us"));
  g_ptr_array_add (s->lines, offer_line ("Egress", "Net", "1", "gb", "10000", "on-demand",
                                         "egress-us"));

  /* Servers grow 10 % a month; egress steps up 50 % in month 3; its range is −20 % to +30 %;
   * the worker's reservation starts in month 3. */
  growth = g_new0 (SkyGrowth, 1);
  growth->line = g_strdup ("Servers");
  growth->percent = dec ("10");
  growth->from_month = 1;
  g_ptr_array_add (s->growth, growth);
  step = g_new0 (SkyGrowth, 1);
  step->group = g_strdup ("Net");
  step->percent = dec ("50");
  step->from_month = 3;
  step->step = TRUE;
  g_ptr_array_add (s->growth, step);
  range = g_new0 (SkyRange, 1);
  range->group = g_strdup ("Net");
  range->low = dec ("-20");
  range->high = dec ("30");
  g_ptr_array_add (s->ranges, range);
  start = g_new0 (SkyStart, 1);
  start->line = g_strdup ("Worker");
  start->month = 3;
  g_ptr_array_add (s->starts, start);

  s->budget = sky_budget_new ();
  s->budget->has_monthly = TRUE;
  s->budget->monthly = dec ("1500");
  s->budget->has_yearly = TRUE;
  s->budget->yearly = dec ("15000");
  {
    SkyGroupCap *cap = g_new0 (SkyGroupCap, 1);
    cap->group = g_strdup ("Net");
    cap->monthly = dec ("1000");
    g_ptr_array_add (s->budget->group_caps, cap);
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_scenario_free (f->scenario);
  sky_test_close_catalog (&f->dir, &f->catalog);
}

#define ASSERT_MONEY(value, expected) G_STMT_START {          \
    g_autofree char *t_ = sky_decimal_format ((value), 2);     \
    g_assert_cmpstr (t_, ==, (expected));                      \
  } G_STMT_END

static SkyProjection *
project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SkyProjection *p = sky_projection_compute (f->catalog, f->scenario, NULL, 24, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project (f);
  SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  guint M = projection->months;

  g_assert_cmpuint (M, ==, 24);
  /* Servers: 2 × 730 × 0.096 = 140.16; 2.2 servers in month 2: 154.176; 2.42 in month 3:
   * 169.5936. */
  ASSERT_MONEY (p->cash[0 * M + 0], "140.16");
  ASSERT_MONEY (p->cash[0 * M + 1], "154.18");
  ASSERT_MONEY (p->cash[0 * M + 2], "169.59");
  /* Worker: on demand until its reservation starts in month 3: 70.08; then 730 × 0.0296 =
   * 21.608 a month, and the 259 upfront in month 3 and again in month 15. */
  ASSERT_MONEY (p->cash[1 * M + 1], "70.08");
  ASSERT_MONEY (p->cash[1 * M + 2], "280.61");
  ASSERT_MONEY (p->cash[1 * M + 3], "21.61");
  ASSERT_MONEY (p->cash[1 * M + 14], "280.61");
  /* Amortised: 21.608 + 259 / 12 = 43.19. */
  ASSERT_MONEY (p->amortised[1 * M + 2], "43.19");
  ASSERT_MONEY (p->amortised[1 * M + 3], "43.19");
  /* Egress: 9900 × 0.09 = 891; from month 3, 15000 GB: 10240 × 0.09 + 4660 × 0.085. */
  ASSERT_MONEY (p->cash[2 * M + 1], "891.00");
  ASSERT_MONEY (p->cash[2 * M + 2], "1317.70");

  /* Totals are the sums of the lines. */
  ASSERT_MONEY (p->total_cash[0], "1101.24");
  ASSERT_MONEY (p->total_cash[2], "1767.90");
  ASSERT_MONEY (p->total_amortised[2], "1530.48");
  {
    SkyDecimal year = sky_decimal_from_int (0), year1;
    for (guint m = 0; m < 12; m++)
      sky_decimal_add (year, p->total_cash[m], &year);
    g_assert_true (sky_projection_year (p, M, 1, &year1));
    g_assert_cmpint (sky_decimal_compare (year, year1), ==, 0);
  }

  /* The range: egress at 8000 GB (7900 × 0.09 = 711) and 13000 GB (921.6 + 2660 × 0.085). */
  ASSERT_MONEY (p->low[0], "921.24");
  ASSERT_MONEY (p->high[0], "1357.94");

  /* Break-even: the reservation's cash so far (140.16 + 280.61 + 21.61 a month) is at or
   * below on demand's (70.08 a month) first in month 8: 528.82 against 560.64. */
  g_assert_cmpint (p->break_even[1], ==, 8);
  g_assert_cmpint (p->break_even[0], ==, -1);
}

static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project (f);
  SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);

  /* Over 1500 first in month 3 (1767.90); 1500 − 1101.24 to spare in month 1; Net over its
   * 1000 from month 3; the first year over 15000. */
  g_assert_cmpuint (p->first_month_over, ==, 3);
  ASSERT_MONEY (p->headroom, "398.76");
  g_assert_cmpuint (g_array_index (p->group_first_over, guint, 0), ==, 3);
  g_assert_cmpuint (p->first_year_over, ==, 1);

  /* With room enough, nothing is over. */
  f->scenario->budget->monthly = dec ("100000");
  f->scenario->budget->yearly = dec ("1000000");
  g_clear_pointer (&projection, sky_projection_free);
  projection = project (f);
  p = g_ptr_array_index (projection->providers, 0);
  g_assert_cmpuint (p->first_month_over, ==, 0);
  g_assert_cmpuint (p->first_year_over, ==, 0);
}

static SkyDecimal
sum_of (const SkyDecimal *values,
        guint             n)
{
  SkyDecimal total = sky_decimal_from_int (0);

  for (guint i = 0; i < n; i++)
    g_assert_true (sky_decimal_add (total, values[i], &total));
  return total;
}

/* Amortised months add up to what is paid: over a commitment, the upfront fee's shares are the
 * fee divided by the months, cut to the cent, and the last month takes the remainder. A
 * three-year reservation paid 1060.00 upfront: 29.44 for 35 months and 29.60 in the 36th; the
 * one-year worker's 259.00 from month 3: 21.58 for 11 months and 21.62 in the 12th. */
static void
test_amortised_adds_up (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(GError) error = NULL;
  SkyProjectionProvider *p;
  guint M;

  g_ptr_array_add (f->scenario->lines, offer_line ("Three-year", "Compute", "1", "hour", NULL,
                                                   "reserved-3y-all-upfront", "std-2-us"));
  projection = sky_projection_compute (f->catalog, f->scenario, NULL, 60, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (projection->providers, 0);
  M = projection->months;
  g_assert_cmpuint (M, ==, 60);

  /* All upfront: the cash is the fee in months 1 and 37, the amortised months share it. */
  ASSERT_MONEY (p->cash[3 * M + 0], "1060.00");
  ASSERT_MONEY (p->cash[3 * M + 1], "0.00");
  ASSERT_MONEY (p->cash[3 * M + 36], "1060.00");
  ASSERT_MONEY (p->amortised[3 * M + 0], "29.44");
  ASSERT_MONEY (p->amortised[3 * M + 34], "29.44");
  ASSERT_MONEY (p->amortised[3 * M + 35], "29.60");
  ASSERT_MONEY (p->amortised[3 * M + 36], "29.44");
  ASSERT_MONEY (sum_of (&p->amortised[3 * M], 36), "1060.00");
  g_assert_cmpint (sky_decimal_compare (sum_of (&p->amortised[3 * M], 36),
                                        sum_of (&p->cash[3 * M], 36)), ==, 0);

  /* The worker: 21.61 a month and 259.00 in month 3 (index 2), again in month 15. */
  ASSERT_MONEY (p->amortised[1 * M + 12], "43.19");
  ASSERT_MONEY (p->amortised[1 * M + 13], "43.23");
  ASSERT_MONEY (p->amortised[1 * M + 14], "43.19");
  g_assert_cmpint (sky_decimal_compare (sum_of (&p->amortised[1 * M + 2], 12),
                                        sum_of (&p->cash[1 * M + 2], 12)), ==, 0);
  /* Before its reservation starts, the worker is on demand: nothing to spread. */
  ASSERT_MONEY (p->amortised[1 * M + 1], "70.08");
}

/* The upfront fees within the cash, apart: the fee in the month it is paid (and renewed),
 * nothing otherwise, the cash less it the month's run rate; the low and high totals carry their
 * own. */
static void
test_upfront_apart (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project (f);
  SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  guint M = projection->months;
  SkyDecimal run;

  /* The worker's 259 in month 3 and month 15; its cash less that is 21.61 as in month 4. */
  ASSERT_MONEY (p->upfront[1 * M + 1], "0.00");
  ASSERT_MONEY (p->upfront[1 * M + 2], "259.00");
  ASSERT_MONEY (p->upfront[1 * M + 3], "0.00");
  ASSERT_MONEY (p->upfront[1 * M + 14], "259.00");
  g_assert_true (sky_decimal_sub (p->cash[1 * M + 2], p->upfront[1 * M + 2], &run));
  g_assert_cmpint (sky_decimal_compare (run, p->cash[1 * M + 3]), ==, 0);
  /* Lines on demand pay nothing upfront. */
  for (guint m = 0; m < M; m++)
    {
      g_assert_true (sky_decimal_is_zero (p->upfront[0 * M + m]));
      g_assert_true (sky_decimal_is_zero (p->upfront[2 * M + m]));
    }
  /* The range is on egress only: the low and high months pay the same fee. */
  ASSERT_MONEY (p->low_upfront[2], "259.00");
  ASSERT_MONEY (p->high_upfront[2], "259.00");
  ASSERT_MONEY (p->low_upfront[3], "0.00");
  ASSERT_MONEY (p->high_upfront[14], "259.00");
}

/* A scenario without lines projects to zero every month, on each of its providers; one without
 * providers is the estimate's error. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(SkyProjection) none = NULL;
  g_autoptr(GError) error = NULL;
  SkyProjectionProvider *p;

  g_ptr_array_set_size (f->scenario->lines, 0);
  projection = sky_projection_compute (f->catalog, f->scenario, NULL, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projection->providers->len, ==, 1);
  p = g_ptr_array_index (projection->providers, 0);
  g_assert_cmpuint (p->n_lines, ==, 0);
  for (guint m = 0; m < projection->months; m++)
    {
      ASSERT_MONEY (p->total_cash[m], "0.00");
      ASSERT_MONEY (p->total_amortised[m], "0.00");
      ASSERT_MONEY (p->low[m], "0.00");
      ASSERT_MONEY (p->high[m], "0.00");
    }
  g_assert_true (sky_projection_complete (p));

  g_ptr_array_set_size (f->scenario->providers, 0);
  none = sky_projection_compute (f->catalog, f->scenario, NULL, 12, &error);
  g_assert_null (none);
  g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_PROVIDER);
}

/* A line whose label has a tab keeps its growth: each month was once a copy of the scenario by
 * way of its file, where the tab became a space and no longer matched the rule's. */
static void
test_label_with_tab (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = NULL;
  SkyScenarioLine *servers = g_ptr_array_index (f->scenario->lines, 0);
  SkyGrowth *growth = g_ptr_array_index (f->scenario->growth, 0);
  SkyProjectionProvider *p;

  g_free (servers->label);
  servers->label = g_strdup ("API\tservers");
  g_free (growth->line);
  growth->line = g_strdup ("API\tservers");
  projection = project (f);
  p = g_ptr_array_index (projection->providers, 0);
  ASSERT_MONEY (p->cash[0 * projection->months + 0], "140.16");
  ASSERT_MONEY (p->cash[0 * projection->months + 1], "154.18");
}

/* A figure that does not fit stops the projection with an error, never a wrong figure: a
 * growth whose product overflows (it gave 0 from month 6), one too large to turn into a factor
 * (it gave no growth at all), and a range too large. */
static void
test_overflow (Fixture       *f,
               gconstpointer  data)
{
  static const char * const growths[] = { "10000000000", "123456789012345678901234567890" };
  SkyGrowth *growth = g_ptr_array_index (f->scenario->growth, 0);
  SkyRange *range = g_ptr_array_index (f->scenario->ranges, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (growths) + 1; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyProjection) projection = NULL;

      if (i < G_N_ELEMENTS (growths))
        growth->percent = dec (growths[i]);
      else
        {
          growth->percent = dec ("10");
          range->high = dec ("1234567890123456789012345678901234567");
        }
      projection = sky_projection_compute (f->catalog, f->scenario, NULL, 12, &error);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error != NULL ? error->message : "");
      g_assert_null (projection);
      g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_OVERFLOW);
      g_assert_nonnull (strstr (error->message, "too large to compute exactly"));
    }
}

/* Budget and projection are saved and read back. */
static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *xml = sky_scenario_to_xml (f->scenario);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) again = sky_scenario_parse (xml, strlen (xml), "again", &error);
  g_autofree char *xml2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "  <budget monthly=\"1500\" yearly=\"15000\">\n"
                                 "    <cap group=\"Net\" monthly=\"1000\"/>\n  </budget>\n"));
  g_assert_nonnull (strstr (xml, "    <growth group=\"Net\" percent=\"50\" from-month=\"3\" "
                                 "step=\"true\"/>\n"));
  g_assert_nonnull (strstr (xml, "    <range group=\"Net\" low=\"-20\" high=\"30\"/>\n"));
  g_assert_cmpuint (again->growth->len, ==, 2);
  g_assert_cmpuint (again->starts->len, ==, 1);
  xml2 = sky_scenario_to_xml (again);
  g_assert_cmpstr (xml, ==, xml2);
}

/* Lines that repeat another: a server repeated, growing alike, comes to its figures every
 * month; egress repeated counts after the first, in the later tiers, so it costs less, and
 * its low estimate too. */
static void
test_repeated_lines (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = NULL;
  SkyProjectionProvider *p;
  guint M;

  /* The repeats take the growth, range and start of the lines they repeat, by group. */
  g_ptr_array_add (f->scenario->lines, offer_line ("Egress again", "Net", "1", "gb", "10000",
                                                   "on-demand", "egress-us"));
  g_ptr_array_add (f->scenario->lines, offer_line ("Servers again", "Compute", "2", "hour", NULL,
                                                   "on-demand", "std-2-us"));
  {
    SkyGrowth *growth = g_new0 (SkyGrowth, 1);

    growth->line = g_strdup ("Servers again");
    growth->percent = dec ("10");
    growth->from_month = 1;
    g_ptr_array_add (f->scenario->growth, growth);
  }
  projection = project (f);
  p = g_ptr_array_index (projection->providers, 0);
  M = projection->months;

  for (guint m = 0; m < M; m++)
    {
      g_assert_cmpint (sky_decimal_compare (p->cash[4 * M + m], p->cash[0 * M + m]), ==, 0);
      g_assert_cmpint (sky_decimal_compare (p->amortised[4 * M + m], p->amortised[0 * M + m]),
                       ==, 0);
    }
  ASSERT_MONEY (p->cash[4 * M + 2], "169.59");
  /* Egress again: billed after the first's 9900 (100 of its 10000 GB free): 340 GB at 0.09
   * and 9660 at 0.085 = 851.70; from month 3, 15000 GB after 14900: all at 0.085 = 1275. */
  ASSERT_MONEY (p->cash[3 * M + 1], "851.70");
  ASSERT_MONEY (p->cash[3 * M + 2], "1275.00");
  /* The totals add the repeats: month 1 is 1101.24 + 851.70 + 140.16. */
  ASSERT_MONEY (p->total_cash[0], "2093.10");
  /* Low: both egress lines at 8000 GB, the second 2340 GB at 0.09 and 5660 at 0.085 =
   * 691.70: 921.24 + 691.70 + 140.16. */
  ASSERT_MONEY (p->low[0], "1753.10");
}

/* The projection of the fixture's scenario with @k lines of a reserved server in their own
 * group, which ranges from −10 % to +20 %. */
static SkyProjection *
project_with_pool (Fixture *f,
                   guint    k)
{
  g_autoptr(SkyScenario) s = sky_scenario_copy (f->scenario);
  g_autoptr(GError) error = NULL;
  SkyRange *range = g_new0 (SkyRange, 1);
  SkyProjection *projection;

  for (guint i = 0; i < k; i++)
    {
      g_autofree char *label = g_strdup_printf ("Pool %u", i + 1);

      g_ptr_array_add (s->lines, offer_line (label, "Pool", "1", "hour", NULL,
                                             "reserved-1y-partial-upfront", "std-2-us"));
    }
  range->group = g_strdup ("Pool");
  range->low = dec ("-10");
  range->high = dec ("20");
  g_ptr_array_add (s->ranges, range);
  projection = sky_projection_compute (f->catalog, s, NULL, 24, &error);
  g_assert_no_error (error);
  return projection;
}

#define ASSERT_SAME(a, b) g_assert_cmpint (sky_decimal_compare ((a), (b)), ==, 0)

/* Lines that repeat another line exactly come to its figures every month, and each counts in
 * every total: four of them add four times what one adds, to the cash, the amortised figures,
 * the upfront fees and the low and high estimates. */
static void
test_repeats_count_in_totals (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SkyProjection) none = project_with_pool (f, 0);
  g_autoptr(SkyProjection) one = project_with_pool (f, 1);
  g_autoptr(SkyProjection) four = project_with_pool (f, 4);
  SkyProjectionProvider *p0 = g_ptr_array_index (none->providers, 0);
  SkyProjectionProvider *p1 = g_ptr_array_index (one->providers, 0);
  SkyProjectionProvider *p4 = g_ptr_array_index (four->providers, 0);
  guint M = four->months, first = p0->n_lines;

  g_assert_cmpuint (p4->n_lines, ==, first + 4);
  for (guint l = first + 1; l < first + 4; l++)
    {
      g_assert_cmpint (p4->break_even[l], ==, p4->break_even[first]);
      g_assert_true (g_array_index (p4->priced, gboolean, l));
      for (guint m = 0; m < M; m++)
        {
          ASSERT_SAME (p4->cash[l * M + m], p4->cash[first * M + m]);
          ASSERT_SAME (p4->upfront[l * M + m], p4->upfront[first * M + m]);
          ASSERT_SAME (p4->amortised[l * M + m], p4->amortised[first * M + m]);
        }
    }
  for (guint m = 0; m < M; m++)
    {
      SkyDecimal *figures[][3] = {
        { p0->total_cash, p1->total_cash, p4->total_cash },
        { p0->total_amortised, p1->total_amortised, p4->total_amortised },
        { p0->low, p1->low, p4->low },
        { p0->high, p1->high, p4->high },
        { p0->low_upfront, p1->low_upfront, p4->low_upfront },
        { p0->high_upfront, p1->high_upfront, p4->high_upfront },
      };
      SkyDecimal sum = sky_decimal_from_int (0);

      for (gsize k = 0; k < G_N_ELEMENTS (figures); k++)
        {
          SkyDecimal each, four_times, added;

          g_assert_true (sky_decimal_sub (figures[k][1][m], figures[k][0][m], &each));
          g_assert_true (sky_decimal_mul (each, sky_decimal_from_int (4), &four_times));
          g_assert_true (sky_decimal_sub (figures[k][2][m], figures[k][0][m], &added));
          ASSERT_SAME (added, four_times);
        }
      /* The months' totals are the sums of the lines' months. */
      for (guint l = 0; l < p4->n_lines; l++)
        g_assert_true (sky_decimal_add (sum, p4->cash[l * M + m], &sum));
      ASSERT_SAME (sum, p4->total_cash[m]);
    }
  /* The reservation's fee is in the first month's cash: 4 × 259 more than none. */
  {
    SkyDecimal added;

    g_assert_true (sky_decimal_sub (p4->total_cash[0], p0->total_cash[0], &added));
    g_assert_cmpint (sky_decimal_compare (added, sky_decimal_from_int (4 * 259)), >, 0);
  }
}

/* A projection whose figures fill megabytes (500 lines over 60 months: their cash, amortised
 * and upfront figures are kept in one block of 2.9 MB) holds every line's every month. */
static void
test_many_lines (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Many", "USD");
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(GError) error = NULL;
  SkyProjectionProvider *p;
  guint M;

  g_ptr_array_add (s->providers, g_strdup ("examplecloud"));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *label = g_strdup_printf ("Worker %u", i + 1);

      g_ptr_array_add (s->lines, offer_line (label, "Workers", i % 2 == 0 ? "1" : "2", "hour",
                                             NULL, "reserved-1y-partial-upfront", "std-2-us"));
    }
  projection = sky_projection_compute (f->catalog, s, NULL, 60, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (projection->providers, 0);
  M = projection->months;
  g_assert_cmpuint (M, ==, 60);
  g_assert_cmpuint (p->n_lines, ==, 500);
  for (guint l = 0; l < 500; l++)
    for (guint m = 0; m < M; m++)
      {
        guint like = l % 2;

        ASSERT_SAME (p->cash[l * M + m], p->cash[like * M + m]);
        ASSERT_SAME (p->amortised[l * M + m], p->amortised[like * M + m]);
        ASSERT_SAME (p->upfront[l * M + m], p->upfront[like * M + m]);
      }
  /* One worker: 259 upfront and 0.0296 × 730 = 21.608, so 21.61 a month; two: 518 and
   * 43.216, so 43.22. 250 of each: 250 × (21.61 + 43.22) = 16207.50 a month, and
   * 250 × (259 + 518) = 194250 upfront in months 1, 13, 25, 37 and 49. */
  ASSERT_MONEY (p->cash[0], "280.61");
  ASSERT_MONEY (p->cash[M], "561.22");
  ASSERT_MONEY (p->total_cash[1], "16207.50");
  ASSERT_MONEY (p->total_cash[12], "210457.50");
  ASSERT_MONEY (p->upfront[M + 48], "518.00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/projection/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("months", test_months);
  ADD ("budget", test_budget);
  ADD ("file", test_file);
  ADD ("overflow", test_overflow);
  ADD ("label-with-tab", test_label_with_tab);
  ADD ("amortised-adds-up", test_amortised_adds_up);
  ADD ("upfront-apart", test_upfront_apart);
  ADD ("empty", test_empty);
  ADD ("repeated-lines", test_repeated_lines);
  ADD ("repeats-count-in-totals", test_repeats_count_in_totals);
  ADD ("many-lines", test_many_lines);
#undef ADD

  return g_test_run ();
}
