/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sky-availability-chart.h"
#include "sky-availability-report.h"
#include "sky-catalog.h"
#include "sky-chart.h"
#include "sky-estimate.h"
#include "sky-projection.h"
#include "sky-report-pdf.h"
#include "sky-scenario.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"
#include "sky-currency.h"
#include "sky-summary.h"

/* The projection chart's axes, its drawing, and the PDF report that holds it. */

typedef struct
{
  char          *dir;
  SkyCatalog    *catalog;
  SkyScenario   *scenario;
  SkyProjection *projection;
} Fixture;

/* The growth scenario: servers growing 10 % a month from 140.16 and egress of 891.00 against a
 * budget of 1100 a month, on valid-small.xml: month 1 is 1031.16, month 12 about 1290. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->catalog = sky_test_open_catalog (&f->dir, "valid-small.xml", NULL);
  f->scenario = sky_test_growth_scenario ();
  f->projection = sky_projection_compute (f->catalog, f->scenario, NULL, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_projection_free (f->projection);
  sky_scenario_free (f->scenario);
  sky_test_close_catalog (&f->dir, &f->catalog);
}

/* @text with each run of whitespace made one space: pdftotext wraps long paragraphs. */
static char *
single_spaced (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* The axis ---------------------------------------------------------------------------------- */

static void
assert_value_axis (double              highest,
                   guint               max_intervals,
                   double              step,
                   const char * const *labels)
{
  g_autoptr(SkyChartValueAxis) axis = sky_chart_value_axis_new (highest, max_intervals);
  g_autofree char *joined = g_strjoinv (" ", axis->labels);
  g_autofree char *expected = g_strjoinv (" ", (char **) labels);

  g_test_message ("highest %g, at most %u steps: %s", highest, max_intervals, joined);
  g_assert_cmpstr (joined, ==, expected);
  g_assert_cmpfloat_with_epsilon (axis->step, step, step * 1e-9);
  g_assert_cmpuint (axis->n_ticks, ==, g_strv_length ((char **) labels));
  g_assert_cmpfloat_with_epsilon (axis->top, step * (axis->n_ticks - 1), step * 1e-9);
  for (guint i = 0; i < axis->n_ticks; i++)
    g_assert_cmpfloat_with_epsilon (axis->values[i], i * step, step * 1e-9);
}

/* The money goes up in steps of 1, 2 or 5 times a power of ten, from 0 to the first tick at or
 * above the highest figure, labelled exactly with the locale's separators: none in C. */
static void
test_value_axis_round_steps (void)
{
  assert_value_axis (843.61, 5, 200,
                     (const char *[]) { "0", "200", "400", "600", "800", "1000", NULL });
  assert_value_axis (1000, 5, 200,
                     (const char *[]) { "0", "200", "400", "600", "800", "1000", NULL });
  assert_value_axis (12345, 5, 5000,
                     (const char *[]) { "0", "5000", "10000", "15000", NULL });
  assert_value_axis (1290.5, 6, 500,
                     (const char *[]) { "0", "500", "1000", "1500", NULL });
  assert_value_axis (2400000, 5, 500000,
                     (const char *[]) { "0", "500000", "1000000", "1500000", "2000000",
                                        "2500000", NULL });
  assert_value_axis (0.3, 4, 0.1, (const char *[]) { "0", "0.1", "0.2", "0.3", NULL });
  assert_value_axis (7, 8, 1,
                     (const char *[]) { "0", "1", "2", "3", "4", "5", "6", "7", NULL });
  assert_value_axis (1, 1, 1, (const char *[]) { "0", "1", NULL });
}

/* Nothing to show (no figures, or all zero) still gives an axis to draw: 0 to 1. */
static void
test_value_axis_nothing (void)
{
  assert_value_axis (0, 5, 0.2,
                     (const char *[]) { "0", "0.2", "0.4", "0.6", "0.8", "1", NULL });
  assert_value_axis (-5, 5, 0.2,
                     (const char *[]) { "0", "0.2", "0.4", "0.6", "0.8", "1", NULL });
  assert_value_axis (NAN, 5, 0.2,
                     (const char *[]) { "0", "0.2", "0.4", "0.6", "0.8", "1", NULL });
}

/* For any highest figure: at most the steps asked for, the top at or above it and less than
 * a step beyond, a round step, and labels that read back as the ticks. */
static void
test_value_axis_any (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint n = 0; n < 2000; n++)
    {
      double highest = pow (10, g_rand_double_range (rand, -3, 12));
      guint max_intervals = (guint) g_rand_int_range (rand, 1, 9);
      g_autoptr(SkyChartValueAxis) axis = sky_chart_value_axis_new (highest, max_intervals);
      double mantissa = axis->step / pow (10, floor (log10 (axis->step) + 1e-9));

      g_assert_cmpuint (axis->n_ticks - 1, <=, max_intervals);
      g_assert_cmpuint (axis->n_ticks, >=, 2);
      g_assert_cmpfloat (axis->top, >=, highest * (1 - 1e-9));
      g_assert_cmpfloat (axis->top - axis->step, <, highest);
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 5) < 1e-6);
      for (guint i = 0; i < axis->n_ticks; i++)
        {
          g_autoptr(GString) plain = g_string_new (axis->labels[i]);
          SkyDecimal d;

          g_string_replace (plain, ",", "", 0);
          g_assert_true (sky_decimal_parse (plain->str, SKY_DECIMAL_MAX_SCALE, FALSE, &d, NULL));
          g_assert_cmpfloat_with_epsilon (sky_decimal_to_double (d), axis->values[i],
                                          axis->step * 1e-6);
        }
    }
}

/* The scatter ------------------------------------------------------------------------------- */

static void
assert_range_axis (double              lowest,
                   double              highest,
                   guint               max_intervals,
                   const char * const *labels)
{
  g_autoptr(SkyChartValueAxis) axis = sky_chart_value_axis_new_range (lowest, highest,
                                                                      max_intervals);
  g_autofree char *joined = g_strjoinv (" ", axis->labels);
  g_autofree char *expected = g_strjoinv (" ", (char **) labels);

  g_test_message ("%g to %g, at most %u steps: %s", lowest, highest, max_intervals, joined);
  g_assert_cmpstr (joined, ==, expected);
  g_assert_cmpfloat (axis->bottom, <=, lowest);
  g_assert_cmpfloat (axis->top, >=, highest);
  g_assert_cmpfloat (axis->values[0], ==, axis->bottom);
  g_assert_cmpuint (axis->n_ticks - 1, <=, max_intervals);
}

/* A range away from 0: round ticks from at or below the lowest to at or above the highest,
 * never more steps than asked, labelled with the locale's separators (none in C). */
static void
test_value_axis_range (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  assert_range_axis (120, 480, 5, (const char *[]) { "100", "200", "300", "400", "500", NULL });
  assert_range_axis (1400, 1520, 6,
                     (const char *[]) { "1400", "1420", "1440", "1460", "1480", "1500",
                                        "1520", NULL });
  assert_range_axis (0.5, 0.9, 4, (const char *[]) { "0.5", "0.6", "0.7", "0.8", "0.9", NULL });
  /* 1.5 to 6.5 by 1 would take 6 steps: by 2 instead. */
  assert_range_axis (1.5, 6.5, 5, (const char *[]) { "0", "2", "4", "6", "8", NULL });
  /* One value: the round steps around it. */
  assert_range_axis (150, 150, 5, (const char *[]) { "150", "200", NULL });
  assert_range_axis (0, 100, 5,
                     (const char *[]) { "0", "20", "40", "60", "80", "100", NULL });
  for (guint n = 0; n < 2000; n++)
    {
      double lowest = pow (10, g_rand_double_range (rand, -2, 9));
      double highest = lowest * g_rand_double_range (rand, 1, 50);
      guint max_intervals = (guint) g_rand_int_range (rand, 1, 9);
      g_autoptr(SkyChartValueAxis) axis = sky_chart_value_axis_new_range (lowest, highest,
                                                                          max_intervals);
      double mantissa = axis->step / pow (10, floor (log10 (axis->step) + 1e-9));

      g_assert_cmpuint (axis->n_ticks - 1, <=, max_intervals);
      g_assert_cmpfloat (axis->bottom, <=, lowest * (1 + 1e-9));
      g_assert_cmpfloat (axis->bottom + axis->step, >, lowest);
      g_assert_cmpfloat (axis->top, >=, highest * (1 - 1e-9));
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 5) < 1e-6);
    }
}

/* In English the axes' labels group thousands with commas; in German with points, before a
 * decimal comma: the projection's and the scatter's axes read as the window's money does. */
static void
test_value_axis_english (void)
{
  if (!sky_test_use_locale ("en_US.UTF-8"))
    return;
  assert_value_axis (843.61, 5, 200,
                     (const char *[]) { "0", "200", "400", "600", "800", "1,000", NULL });
  assert_value_axis (2400000, 5, 500000,
                     (const char *[]) { "0", "500,000", "1,000,000", "1,500,000", "2,000,000",
                                        "2,500,000", NULL });
  assert_value_axis (0.3, 4, 0.1, (const char *[]) { "0", "0.1", "0.2", "0.3", NULL });
  assert_range_axis (1400, 1520, 6,
                     (const char *[]) { "1,400", "1,420", "1,440", "1,460", "1,480", "1,500",
                                        "1,520", NULL });
  setlocale (LC_ALL, "");
}

static void
test_value_axis_german (void)
{
  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  assert_value_axis (843.61, 5, 200,
                     (const char *[]) { "0", "200", "400", "600", "800", "1.000", NULL });
  assert_value_axis (2400000, 5, 500000,
                     (const char *[]) { "0", "500.000", "1.000.000", "1.500.000", "2.000.000",
                                        "2.500.000", NULL });
  assert_value_axis (0.3, 4, 0.1, (const char *[]) { "0", "0,1", "0,2", "0,3", NULL });
  assert_range_axis (0.5, 0.9, 4, (const char *[]) { "0,5", "0,6", "0,7", "0,8", "0,9", NULL });
  setlocale (LC_ALL, "");
}

/* Labels placed never overlap each other or any point's mark, and stay inside the plot. */
static void
assert_placement (guint               n,
                  const double       *x,
                  const double       *y,
                  const double       *w,
                  const double       *h,
                  double              radius,
                  const SkyChartRect *bounds,
                  const SkyChartRect *placed,
                  const gboolean     *shown)
{
  for (guint i = 0; i < n; i++)
    {
      if (!shown[i])
        continue;
      g_assert_cmpfloat (placed[i].width, ==, w[i]);
      g_assert_cmpfloat (placed[i].height, ==, h[i]);
      g_assert_cmpfloat (placed[i].x, >=, bounds->x);
      g_assert_cmpfloat (placed[i].y, >=, bounds->y);
      g_assert_cmpfloat (placed[i].x + placed[i].width, <=, bounds->x + bounds->width);
      g_assert_cmpfloat (placed[i].y + placed[i].height, <=, bounds->y + bounds->height);
      for (guint j = 0; j < n; j++)
        {
          SkyChartRect mark = { x[j] - radius, y[j] - radius, 2 * radius, 2 * radius };

          g_assert_false (sky_chart_rects_overlap (&placed[i], &mark));
          if (j != i && shown[j])
            g_assert_false (sky_chart_rects_overlap (&placed[i], &placed[j]));
        }
    }
}

/* A few points apart: every label shown, beside its point; one at the right edge turns to the
 * left of it rather than being cut. */
static void
test_labels_apart (void)
{
  const double x[] = { 50, 200, 395 }, y[] = { 100, 150, 50 };
  const double w[] = { 60, 60, 60 }, h[] = { 14, 14, 14 };
  const SkyChartRect bounds = { 0, 0, 400, 200 };
  SkyChartRect placed[3];
  gboolean shown[3];

  g_assert_cmpuint (sky_chart_place_labels (3, x, y, w, h, 6, &bounds, 0, NULL, NULL, placed,
                                            shown), ==, 3);
  assert_placement (3, x, y, w, h, 6, &bounds, placed, shown);
  g_assert_cmpfloat (placed[0].x, >, x[0]);
  g_assert_cmpfloat (placed[2].x + placed[2].width, <, x[2]);
}

/* Crowded: forty points in a small plot, long labels. Whatever is shown neither overlaps nor
 * leaves the plot; the first (the most important) is shown where it has room; some have to
 * go. */
static void
test_labels_crowded (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  const SkyChartRect bounds = { 10, 10, 300, 160 };
  double x[40], y[40], w[40], h[40];
  SkyChartRect placed[40];
  gboolean shown[40];
  guint count;

  /* The first point has room to its right; the others crowd everywhere else. */
  for (guint i = 0; i < 40; i++)
    {
      do
        {
          x[i] = g_rand_double_range (rand, 10, 310);
          y[i] = g_rand_double_range (rand, 10, 170);
        }
      while (x[i] > 100 && x[i] < 240 && y[i] > 70 && y[i] < 110);
      w[i] = g_rand_double_range (rand, 30, 140);
      h[i] = 15;
    }
  x[0] = 150;
  y[0] = 90;
  w[0] = 60;
  count = sky_chart_place_labels (40, x, y, w, h, 6, &bounds, 0, NULL, NULL, placed, shown);
  g_assert_cmpuint (count, >, 0);
  g_assert_cmpuint (count, <, 40);
  g_assert_true (shown[0]);
  assert_placement (40, x, y, w, h, 6, &bounds, placed, shown);
  /* Two points on top of each other: the second's label finds another side. */
  {
    const double sx[] = { 100, 100 }, sy[] = { 80, 80 }, sw[] = { 50, 50 }, sh[] = { 14, 14 };
    SkyChartRect two[2];
    gboolean two_shown[2];

    g_assert_cmpuint (sky_chart_place_labels (2, sx, sy, sw, sh, 6, &bounds, 0, NULL, NULL,
                                              two, two_shown), ==, 2);
    assert_placement (2, sx, sy, sw, sh, 6, &bounds, two, two_shown);
  }
}

/* A label keeps off the line through the points where it can: beside a point on a level line
 * it goes above or below; with no room off it, across it rather than not at all. */
static void
test_labels_off_line (void)
{
  const double x[] = { 100, 200, 300 }, y[] = { 50, 50, 50 };
  const double w[] = { 40, 40, 40 }, h[] = { 14, 14, 14 };
  const double line_x[] = { 0, 100, 200, 300, 400 }, line_y[] = { 50, 50, 50, 50, 50 };
  const SkyChartRect bounds = { 0, 0, 400, 100 }, flat = { 0, 40, 400, 20 };
  SkyChartRect placed[3];
  gboolean shown[3];

  g_assert_cmpuint (sky_chart_place_labels (3, x, y, w, h, 6, &bounds, 5, line_x, line_y,
                                            placed, shown),
                    ==, 3);
  assert_placement (3, x, y, w, h, 6, &bounds, placed, shown);
  for (guint i = 0; i < 3; i++)
    g_assert_true (placed[i].y + placed[i].height <= 50 || placed[i].y >= 50);
  /* No room above or below the line: beside the point, across it. */
  g_assert_cmpuint (sky_chart_place_labels (3, x, y, w, h, 6, &flat, 5, line_x, line_y,
                                            placed, shown),
                    ==, 3);
  assert_placement (3, x, y, w, h, 6, &flat, placed, shown);
}

/* The front: only points no other eligible one beats on both cost and score. */
static void
test_front (void)
{
  const double cost[] = { 100, 150, 120, 90, 200 };
  const double score[] = { 60, 80, 50, 40, 95 };
  const gboolean eligible[] = { TRUE, TRUE, TRUE, TRUE, FALSE };
  gboolean front[5];

  sky_chart_front (5, cost, score, NULL, front);
  g_assert_true (front[0]);
  g_assert_true (front[1]);
  g_assert_false (front[2]);   /* 100 scores more and costs less */
  g_assert_true (front[3]);
  g_assert_true (front[4]);
  sky_chart_front (5, cost, score, eligible, front);
  g_assert_true (front[1]);
  g_assert_false (front[4]);
}

/* The availability axis counts nines: 99 % is 2, 99.9 % is 3, 99.99 % is 4, and 99.95 % lies
 * between 99.9 % and 99.99 % a little under a third of the way (log10 2 = 0.301). */
static void
test_availability_nines (void)
{
  g_assert_cmpfloat_with_epsilon (sky_availability_chart_nines (99), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (sky_availability_chart_nines (99.9), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (sky_availability_chart_nines (99.99), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (sky_availability_chart_nines (99.95), 3 + log10 (2), 1e-9);
}

static char *
ticks_text (double lowest,
            double highest,
            guint  max_ticks)
{
  g_auto(GStrv) ticks = sky_availability_chart_ticks (lowest, highest, max_ticks);

  return g_strjoinv (" ", ticks);
}

/* The axis runs from the level at or below the lowest to the level at or above the highest;
 * with little room only the whole nines between are marked; one figure alone is given the
 * level above it. */
static void
test_availability_ticks (void)
{
  g_autofree char *roomy = ticks_text (99.5, 99.99, 10);
  g_autofree char *between = ticks_text (99.94, 99.99, 10);
  g_autofree char *crowded = ticks_text (99, 99.999, 3);
  g_autofree char *alone = ticks_text (99.95, 99.95, 10);

  g_assert_cmpstr (roomy, ==, "99.5 99.9 99.95 99.99");
  g_assert_cmpstr (between, ==, "99.9 99.95 99.99");
  g_assert_cmpstr (crowded, ==, "99 99.9 99.99 99.999");
  g_assert_cmpstr (alone, ==, "99.95 99.99");
}

/* Each point is drawn where its cost and availability put it, left to right by cost and
 * upwards by availability, and every point is told where it went. */
static void
test_availability_draw (void)
{
  const SkyAvailabilityPoint alpha[] = {
    { 100, 99.5, TRUE, FALSE }, { 150, 99.95, FALSE, FALSE }, { 230, 99.99, FALSE, TRUE },
  };
  const SkyAvailabilityPoint beta[] = { { 120, 99.9, TRUE, FALSE } };
  const SkyAvailabilitySeries series[] = { { "Alpha", alpha, 3 }, { "Beta", beta, 1 } };
  SkyAvailabilityChartData data = {
    .series = series, .n_series = 2, .has_required = TRUE, .required = 99.99,
    .required_label = "Required: 99.99 %", .written_label = "As written",
    .chosen_label = "Cheapest", .cost_title = "USD a month", .percent_title = "Availability",
  };
  const SkyChartStyle style = { .foreground = { 0, 0, 0, 1 }, .grid = { 0.8, 0.8, 0.8, 1 },
                                .budget = { 0.8, 0.1, 0.1, 1 }, .line_width = 2 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (SkyAvailabilityDrawn));
  const SkyAvailabilityDrawn *d;

  sky_availability_chart_draw (cr, context, 600, 300, &style, &data, drawn);
  g_assert_cmpuint (drawn->len, ==, 4);
  d = (const SkyAvailabilityDrawn *) drawn->data;
  g_assert_cmpuint (d[0].series, ==, 0);
  g_assert_cmpuint (d[3].series, ==, 1);
  g_assert_cmpuint (d[2].point, ==, 2);
  g_assert_cmpfloat (d[0].x, <, d[3].x);     /* 100 before 120 */
  g_assert_cmpfloat (d[3].x, <, d[1].x);     /* 120 before 150 */
  g_assert_cmpfloat (d[0].y, >, d[3].y);     /* 99.5 % under 99.9 % */
  g_assert_cmpfloat (d[3].y, >, d[1].y);
  g_assert_cmpfloat (d[1].y, >, d[2].y);
  for (guint i = 0; i < drawn->len; i++)
    {
      g_assert_cmpfloat (d[i].x, >, 0);
      g_assert_cmpfloat (d[i].x, <, 600);
      g_assert_cmpfloat (d[i].y, >, 0);
      g_assert_cmpfloat (d[i].y, <, 300);
    }
  /* Nothing to draw: nothing drawn, nothing told. */
  data.n_series = 0;
  sky_availability_chart_draw (cr, context, 600, 300, &style, &data, drawn);
  g_assert_cmpuint (drawn->len, ==, 0);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static char *
month_labels (guint months,
              guint step,
              guint start_year,
              guint start_month)
{
  g_autoptr(SkyChartMonthAxis) axis = sky_chart_month_axis_new (months, step, start_year,
                                                                start_month);

  g_assert_cmpuint (axis->n_labels, ==, (months + step - 1) / step);
  for (guint i = 0; i < axis->n_labels; i++)
    g_assert_cmpuint (axis->months[i], ==, i * step);
  return g_strjoinv (" ", axis->labels);
}

/* Without a first month, months are numbered from 1, every step from the first. */
static void
test_month_axis_numbers (void)
{
  g_autofree char *twelve = month_labels (12, 1, 0, 0);
  g_autofree char *sixty = month_labels (60, 6, 0, 0);
  g_autofree char *odd = month_labels (13, 3, 0, 0);

  g_assert_cmpstr (twelve, ==, "1 2 3 4 5 6 7 8 9 10 11 12");
  g_assert_cmpstr (sixty, ==, "1 7 13 19 25 31 37 43 49 55");
  g_assert_cmpstr (odd, ==, "1 4 7 10 13");
}

/* With a first month, the calendar months, the year given at the first label and wherever it
 * has changed since the label before. */
static void
test_month_axis_calendar (void)
{
  g_autofree char *quarters = month_labels (24, 3, 2027, 3);
  g_autofree char *monthly = month_labels (14, 1, 2026, 11);
  g_autofree char *yearly = month_labels (36, 12, 2027, 1);

  g_assert_cmpstr (quarters, ==, "Mar 2027 Jun Sep Dec Mar 2028 Jun Sep Dec");
  g_assert_cmpstr (monthly, ==, "Nov 2026 Dec Jan 2027 Feb Mar Apr May Jun Jul Aug Sep Oct Nov "
                                "Dec");
  g_assert_cmpstr (yearly, ==, "Jan 2027 Jan 2028 Jan 2029");
}

/* Labels are thinned to the least of 1, 2, 3, 6, 12 or 24 months apart at which they fit. */
static void
test_month_step_thinning (void)
{
  g_assert_cmpuint (sky_chart_month_step (12, 500, 20), ==, 1);
  g_assert_cmpuint (sky_chart_month_step (24, 300, 20), ==, 2);
  g_assert_cmpuint (sky_chart_month_step (60, 500, 20), ==, 3);
  g_assert_cmpuint (sky_chart_month_step (60, 200, 20), ==, 6);
  g_assert_cmpuint (sky_chart_month_step (60, 100, 20), ==, 12);
  /* Whatever the room, never sparser than every two years. */
  g_assert_cmpuint (sky_chart_month_step (60, 10, 40), ==, 24);
}

/* The groups of a provider's stacked bars, in the order they first appear. */
static void
test_groups_in_order (Fixture       *f,
                      gconstpointer  data)
{
  const SkyProjectionProvider *p = g_ptr_array_index (f->projection->providers, 0);
  g_autoptr(GPtrArray) groups = sky_chart_groups (p);

  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (groups, 0), ==, "API");
  g_assert_cmpstr (g_ptr_array_index (groups, 1), ==, "Net");
}

/* The drawing ------------------------------------------------------------------------------- */

static const SkyChartColour series[] = { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } };

/* Counts the pixels of the image close to @red, @green, @blue. */
static guint
count_colour (cairo_surface_t *surface,
              double           red,
              double           green,
              double           blue)
{
  guchar *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(guint32 *) (pixels + y * stride + x * 4);
        double r = ((px >> 16) & 0xff) / 255.0, g = ((px >> 8) & 0xff) / 255.0,
               b = (px & 0xff) / 255.0;

        if (fabs (r - red) < 0.1 && fabs (g - green) < 0.1 && fabs (b - blue) < 0.1)
          n++;
      }
  return n;
}

static cairo_surface_t *
draw (const SkyChartData *data)
{
  static const SkyChartStyle style = {
    .foreground = { 0, 0, 0, 1 },
    .grid = { 0.8, 0.8, 0.8, 1 },
    .budget = { 1, 0, 0, 1 },
    .series = series,
    .n_series = G_N_ELEMENTS (series),
    .line_width = 2,
    .font = "Sans 8",
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 280);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sky_chart_draw (cr, context, 480, 280, &style, data);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_object_unref (context);
  cairo_destroy (cr);
  return surface;
}

/* Every provider as a line over its band, the budget dashed across in its colour when there
 * is one and not otherwise. */
static void
test_draw_lines (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const names[] = { "Example Cloud", NULL };
  SkyChartData chart = {
    .projection = f->projection,
    .has_budget = TRUE,
    .budget = f->scenario->budget->monthly,
    .names = names,
    .budget_label = "Monthly budget",
    .value_title = "USD",
    .month_title = "Month",
  };
  cairo_surface_t *with_budget = draw (&chart);
  cairo_surface_t *without;

  chart.has_budget = FALSE;
  without = draw (&chart);
  g_assert_cmpuint (count_colour (with_budget, 0, 0, 1), >, 100);
  g_assert_cmpuint (count_colour (with_budget, 1, 0, 0), >, 100);
  g_assert_cmpuint (count_colour (without, 0, 0, 1), >, 100);
  g_assert_cmpuint (count_colour (without, 1, 0, 0), ==, 0);
  cairo_surface_destroy (with_budget);
  cairo_surface_destroy (without);
}

/* One provider's months stacked by group: both groups' colours are drawn. */
static void
test_draw_stacked (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const names[] = { "API", "Net", NULL };
  SkyChartData chart = {
    .projection = f->projection,
    .provider = g_ptr_array_index (f->projection->providers, 0),
    .names = names,
    .start_year = 2027,
    .start_month = 3,
  };
  cairo_surface_t *surface = draw (&chart);

  g_assert_cmpuint (count_colour (surface, 0, 0, 1), >, 500);
  g_assert_cmpuint (count_colour (surface, 0, 1, 0), >, 500);
  cairo_surface_destroy (surface);
}

/* Too small to hold a plot, nothing is drawn and nothing fails. */
static void
test_draw_tiny (Fixture       *f,
                gconstpointer  data)
{
  static const SkyChartStyle style = { .foreground = { 0, 0, 0, 1 } };
  SkyChartData chart = { .projection = f->projection };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 4, 4);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);

  sky_chart_draw (cr, context, 4, 4, &style, &chart);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The plot ---------------------------------------------------------------------------------- */

/* The growth scenario with a three-year reservation paid 1060.00 upfront in month 1. */
static SkyProjection *
project_with_upfront (Fixture *f)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Upfront\" currency=\"USD\">\n"
    "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
    "  <line label=\"Servers\" group=\"API\" quantity=\"2\" unit=\"hour\">\n"
    "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
    "  <line label=\"Reserved\" group=\"API\" quantity=\"1\" unit=\"hour\" "
    "term=\"reserved-3y-all-upfront\">\n"
    "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
    "  <line label=\"Egress\" group=\"Net\" usage=\"10000\" unit=\"gb\">\n"
    "    <offer provider=\"examplecloud\" sku=\"egress-us\"/>\n  </line>\n"
    "  <budget monthly=\"1100\"/>\n"
    "  <projection months=\"12\">\n"
    "    <range group=\"Net\" low=\"-20\" high=\"30\"/>\n"
    "  </projection>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) scenario = sky_scenario_parse (text, strlen (text), "upfront", &error);
  SkyProjection *projection;

  g_assert_no_error (error);
  projection = sky_projection_compute (f->catalog, scenario, NULL, 0, &error);
  g_assert_no_error (error);
  return projection;
}

static double
dbl (SkyDecimal value)
{
  return sky_decimal_to_double (value);
}

/* Monthly cash: the upfront fee is a mark apart in its month, the line the run rate, and the
 * money axis reaches the highest run rate, band or budget, never the fee. */
static void
test_plot_upfront_apart (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project_with_upfront (f);
  const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  SkyChartData chart = {
    .projection = projection,
    .has_budget = TRUE,
    .budget = sky_decimal_from_int (1100),
  };
  g_autoptr(SkyChartPlot) plot = sky_chart_plot_new (&chart);
  g_autofree char *fee = sky_decimal_format (plot->upfront[0], 2);
  guint M = projection->months;
  double expected = 1100;

  g_assert_cmpuint (M, ==, 12);
  g_assert_false (plot->bars);
  g_assert_cmpuint (plot->n_series, ==, 1);
  g_assert_cmpstr (fee, ==, "1060.00");
  g_assert_true (sky_chart_plot_has_upfront (plot));
  for (guint m = 1; m < M; m++)
    g_assert_true (sky_decimal_is_zero (plot->upfront[m]));
  /* Month 1's line is its cash less the fee: the run rate of the months after. */
  g_assert_cmpfloat_with_epsilon (plot->values[0], dbl (p->total_cash[0]) - 1060, 1e-6);
  g_assert_cmpfloat_with_epsilon (plot->values[0], dbl (p->total_cash[1]), 1e-6);
  for (guint m = 0; m < M; m++)
    {
      g_assert_cmpfloat (plot->low[m], <=, plot->values[m]);
      g_assert_cmpfloat (plot->high[m], >=, plot->values[m]);
      expected = MAX (expected, dbl (p->high[m]) - dbl (p->high_upfront[m]));
      g_assert_cmpfloat (plot->budget[m], ==, 1100);
    }
  g_assert_cmpfloat_with_epsilon (plot->highest, expected, 1e-6);
  g_assert_cmpfloat (plot->highest, <, dbl (p->total_cash[0]));
}

/* Cumulative: the months' running totals, the fee included and marked where it was paid, the
 * budget adding up month by month. */
static void
test_plot_cumulative (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project_with_upfront (f);
  const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  SkyChartData chart = {
    .projection = projection,
    .has_budget = TRUE,
    .budget = sky_decimal_from_int (1100),
    .cumulative = TRUE,
  };
  g_autoptr(SkyChartPlot) plot = sky_chart_plot_new (&chart);
  guint M = projection->months;
  double total = 0;

  for (guint m = 0; m < M; m++)
    {
      total += dbl (p->total_cash[m]);
      g_assert_cmpfloat_with_epsilon (plot->values[m], total, 1e-6);
      g_assert_cmpfloat (plot->budget[m], ==, 1100.0 * (m + 1));
    }
  g_assert_true (sky_chart_plot_has_upfront (plot));
  g_assert_false (sky_decimal_is_zero (plot->upfront[0]));
  g_assert_cmpfloat (plot->highest, >=, total);
  g_assert_cmpfloat (plot->highest, >=, 1100.0 * M);
}

/* Amortised: the fee spread over the commitment's months, nothing marked. */
static void
test_plot_amortised (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project_with_upfront (f);
  const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  SkyChartData chart = { .projection = projection, .amortised = TRUE };
  g_autoptr(SkyChartPlot) plot = sky_chart_plot_new (&chart);

  g_assert_false (sky_chart_plot_has_upfront (plot));
  g_assert_null (plot->budget);
  for (guint m = 0; m < projection->months; m++)
    {
      g_assert_cmpfloat_with_epsilon (plot->values[m], dbl (p->total_amortised[m]), 1e-6);
      g_assert_cmpfloat (plot->high[m], >=, plot->values[m]);
    }
  /* 1060 over 36 months: 29.44 a month on top of the run rate. */
  g_assert_cmpfloat_with_epsilon (plot->values[0] - dbl (p->total_cash[1]), 29.44, 1e-6);
}

/* One provider in bars: the groups' parts add up to the month's run rate, the fee marked above
 * the stack. */
static void
test_plot_bars (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = project_with_upfront (f);
  const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, 0);
  SkyChartData chart = { .projection = projection, .provider = p };
  g_autoptr(SkyChartPlot) plot = sky_chart_plot_new (&chart);
  guint M = projection->months;

  g_assert_true (plot->bars);
  g_assert_cmpuint (plot->n_series, ==, 2);
  g_assert_cmpfloat_with_epsilon (sky_chart_plot_top (plot, 0, 0),
                                  dbl (p->total_cash[0]) - 1060, 1e-6);
  g_assert_cmpfloat_with_epsilon (plot->values[0 * M + 0] + plot->values[1 * M + 0],
                                  sky_chart_plot_top (plot, 0, 0), 1e-9);
  g_assert_true (sky_chart_plot_has_upfront (plot));
  g_assert_cmpfloat (plot->highest, <, dbl (p->total_cash[0]));
}

/* Each view draws, its upfront mark in the legend. */
static void
test_draw_views (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const names[] = { "Example Cloud", NULL };
  g_autoptr(SkyProjection) projection = project_with_upfront (f);

  for (guint view = 0; view < 4; view++)
    {
      SkyChartData chart = {
        .projection = projection,
        .has_budget = TRUE,
        .budget = sky_decimal_from_int (1100),
        .names = names,
        .budget_label = "Monthly budget",
        .upfront_label = "Upfront fee",
        .cumulative = view & 1,
        .amortised = (view & 2) != 0,
      };
      cairo_surface_t *surface = draw (&chart);

      g_assert_cmpuint (count_colour (surface, 0, 0, 1), >, 100);
      g_assert_cmpuint (count_colour (surface, 1, 0, 0), >, 100);
      cairo_surface_destroy (surface);
    }
}

/* The PDF ----------------------------------------------------------------------------------- */

/* The report is written and read back: its chart has the months and money on its axes, the
 * money with thousands separators, and the legend says when the budget is first exceeded. */
static void
test_pdf_read_back (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) thousands = NULL;
  g_autofree char *head = NULL;
  g_autofree char *out = NULL;

  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sky_report_write_pdf (f->scenario, estimate, f->projection, NULL, pdf,
                                       &error));
  g_assert_no_error (error);
  g_file_get_contents (pdf, &head, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "The projection"));
  g_assert_nonnull (strstr (out, "Month"));
  /* Month 1 is 1031.16 and the budget 1100: the money's axis passes 1000 (in the C locale,
   * without a separator). */
  thousands = g_regex_new ("(^|\\s)1[0-9]00(\\s|$)", G_REGEX_MULTILINE, 0, NULL);
  g_assert_true (g_regex_match (thousands, out, 0, NULL));
  g_assert_nonnull (strstr (out, "over the monthly budget from month 6"));
  /* Each line's figure worked out, as the window's line details show it: units by their
   * titles. */
  {
    g_autofree char *text = single_spaced (out);
    const char *section = strstr (text, "How each figure is worked out Example Cloud");

    g_assert_nonnull (section);
    g_assert_nonnull (strstr (section, "Servers: From Example Cloud 2026.1: 2 × 730 Hour × "
                                       "0.096 USD/Hour = 140.16 USD"));
    g_assert_nonnull (strstr (section, "Egress: From Example Cloud 2026.1: 1 × 10000 GB, 100 GB "
                                       "a month free = 9900 GB × 0.09 USD/GB = 891.00 USD"));
  }
}

/* With a start month, the report's chart names its months by the calendar ("Mar 2027") and the
 * legend says which calendar month the budget is first exceeded in. */
static void
test_pdf_calendar_months (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->scenario->start_year = 2027;
  f->scenario->start_month = 3;
  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sky_report_write_pdf (f->scenario, estimate, f->projection, NULL, pdf,
                                       &error));
  g_assert_no_error (error);
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Mar 2027"));
  /* Month 6 is August 2027. */
  {
    g_autofree char *text = single_spaced (out);

    g_assert_nonnull (strstr (text, "over the monthly budget from month 6 (Aug 2027)"));
  }
}

/* The report says how old each provider's prices are, and gives the notice: Example Cloud's
 * prices are as of 2026-01-01, 151 days before 2026-06-01. */
static void
test_pdf_freshness (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  sky_estimate_set_freshness (estimate, "2026-06-01", 90);
  g_assert_true (sky_report_write_pdf (f->scenario, estimate, f->projection, NULL, pdf,
                                       &error));
  g_assert_no_error (error);
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  g_assert_nonnull (strstr (out, "Example Cloud: Prices as of 2026-01-01 (5 months old), older "
                                 "than 90 days"));
  g_assert_nonnull (strstr (out, "Notice: Prices more than 90 days old: Example Cloud "
                                 "(2026-01-01)"));
}

/* The report's figures read as the reader's locale writes money: in German, month 1's total of
 * 1031.16 is "1.031,16 $"; the chart's axis and the lines' worked-out figures too. */
static void
test_pdf_german (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sky_report_write_pdf (f->scenario, estimate, f->projection, NULL, pdf,
                                       &error));
  g_assert_no_error (error);
  setlocale (LC_ALL, "");
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "1.031,16 $"));
  g_assert_nonnull (strstr (out, "891,00 $"));
  g_assert_null (strstr (out, "1031.16"));
  /* The money's axis groups its thousands with a point. */
  {
    g_autoptr(GRegex) thousands = g_regex_new ("(^|\\s)1\\.[0-9]00(\\s|$)", G_REGEX_MULTILINE,
                                               0, NULL);
    g_autoptr(GRegex) plain = g_regex_new ("(^|\\s)1[0-9]00(\\s|$)", G_REGEX_MULTILINE, 0,
                                           NULL);

    g_assert_true (g_regex_match (thousands, out, 0, NULL));
    g_assert_false (g_regex_match (plain, out, 0, NULL));
  }
  /* The lines' figures worked out with German figures, a dollar's symbol after them. */
  {
    g_autofree char *text = single_spaced (out);

    g_assert_nonnull (strstr (text, "Servers: From Example Cloud 2026.1: 2 × 730 Hour × "
                                    "0,096 $/Hour = 140,16 $"));
    g_assert_nonnull (strstr (text, "Egress: From Example Cloud 2026.1: 1 × 10.000 GB, 100 GB a "
                                    "month free = 9.900 GB × 0,09 $/GB = 891,00 $"));
  }
}

/* The PDF report of @f's scenario with its summary, as pdftotext reads it: the text from the
 * summary's heading to the next section, its whitespace made single spaces (pdftotext reads the
 * table's columns as blocks, and a cell may wrap); NULL without pdftotext. @summary: the
 * summary reported. */
static char *
pdf_summary_text (Fixture     *f,
                  SkySummary **summary)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *out = NULL;
  g_autofree char *block = NULL;
  const char *head, *side;

  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  *summary = sky_summary_for_estimate (f->catalog, f->scenario, estimate, NULL, FALSE, 0,
                                       &error);
  g_assert_no_error (error);
  g_assert_true (sky_report_write_pdf_with_summary (f->scenario, estimate, f->projection,
                                                    *summary, NULL, pdf, &error));
  g_assert_no_error (error);
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return NULL;
  g_test_message ("%s", out);
  head = strstr (out, "Summary over 12 months (the projection), in USD");
  side = strstr (out, "The providers side by side");
  g_assert_nonnull (head);
  g_assert_nonnull (side);
  g_assert_true (head < side);
  block = g_strndup (head, side - head);
  return g_regex_replace_literal (spaces, block, -1, 0, " ", 0, NULL);
}

/* The report opens with the summary: per provider monthly (2 × 730 × 0.096 + 9900 × 0.09 =
 * 1031.16), upfront, first year and term (the growing projection's 12 months), complete, the
 * budget verdict (month 6 is the first over 1100) and ★ for the cheapest; the summary comes
 * before the providers side by side. */
static void
test_pdf_summary (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SkySummary) summary = NULL;
  g_autofree char *row = pdf_summary_text (f, &summary);
  g_autofree char *first_year = NULL;
  g_autofree char *verdict = NULL;
  const SkySummaryProvider *p = g_ptr_array_index (summary->providers, 0);

  g_assert_cmpuint (p->first_month_over, ==, 6);
  g_assert_true (p->cheapest);
  verdict = sky_summary_verdict_text (summary, p);
  g_assert_true (g_str_has_prefix (verdict, "Over in month 6, by "));
  if (row == NULL)
    return;
  first_year = sky_currency_format ("USD", p->first_year);
  g_assert_nonnull (strstr (row, "Example Cloud ★"));
  g_assert_nonnull (strstr (row, "Monthly"));
  g_assert_nonnull (strstr (row, "First year"));
  g_assert_nonnull (strstr (row, "Term total"));
  g_assert_nonnull (strstr (row, "1031.16"));
  g_assert_nonnull (strstr (row, first_year));
  g_assert_nonnull (strstr (row, "yes"));
  g_assert_nonnull (strstr (row, verdict));
  g_assert_nonnull (strstr (row, "★ marks the cheapest of the providers that price every line, "
                                 "over the term"));
}

/* With a start month the summary table names the calendar month the budget is first exceeded,
 * as the cards do: month 6 from March 2027 is August 2027. */
static void
test_pdf_summary_calendar (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SkySummary) summary = NULL;
  g_autofree char *row = NULL;
  g_autofree char *verdict = NULL;

  f->scenario->start_year = 2027;
  f->scenario->start_month = 3;
  row = pdf_summary_text (f, &summary);
  verdict = sky_summary_verdict_calendar_text (summary, g_ptr_array_index (summary->providers, 0),
                                               f->scenario);
  g_assert_true (g_str_has_prefix (verdict, "Over from August 2027, by "));
  if (row == NULL)
    return;
  g_assert_nonnull (strstr (row, verdict));
  g_assert_null (strstr (row, "in month 6"));
}

/* The report's availability section: Example Cloud's servers are 99.99 % as the sheet says
 * for a single instance, its egress publishes no SLA and is not counted, so the scenario is
 * 99.99 %, 4.4 minutes down a month (0.01 % of 730 hours); required 99.995 %, it falls short,
 * and the section says so with the arithmetic, the cheapest way to reach it and the chart. */
static void
test_pdf_availability (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(SkyAvailabilityReport) availability = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  const SkyAvailabilityReportProvider *p;
  SkyDecimal required = sky_decimal_from_scaled (99995, 3);
  const char *section;

  sky_scenario_set_required_availability (f->scenario, &required);
  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  availability = sky_availability_report_new (f->catalog, f->scenario, estimate, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (availability->providers->len, ==, 1);
  p = g_ptr_array_index (availability->providers, 0);
  g_assert_cmpstr (p->percent, ==, "99.99 %");
  g_assert_cmpint (p->verdict, ==, SKY_AVAILABILITY_VERDICT_SHORT);
  g_assert_cmpstr (p->verdict_text, ==, "Short of 99.995 %");
  g_assert_true (g_str_has_prefix (p->downtime, "about 4.4 minutes down a month"));
  /* As written, and the second region for the servers, chosen. */
  g_assert_cmpuint (p->points->len, ==, 2);
  g_assert_true (g_array_index (p->points, SkyAvailabilityPoint, 0).written);
  g_assert_true (g_array_index (p->points, SkyAvailabilityPoint, 1).chosen);
  g_assert_cmpuint (p->steps->len, ==, 1);

  g_assert_true (sky_report_write_pdf_full (f->scenario, estimate, f->projection, NULL, NULL,
                                            availability, pdf, &error));
  g_assert_no_error (error);
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  text = single_spaced (out);
  g_test_message ("%s", text);
  section = strstr (text, "Availability The scenario requires 99.995 %.");
  g_assert_nonnull (section);
  g_assert_nonnull (strstr (section, "Example Cloud: 99.99 % · about 4.4 minutes down a month"));
  g_assert_nonnull (strstr (section, "Short of 99.995 %"));
  g_assert_nonnull (strstr (section, "Egress is not counted"));
  /* The cheapest way to reach it: the servers in a second region, 2 × 730 × 0.096 more than
   * the 1031.16 as written. */
  g_assert_nonnull (strstr (section, "The cheapest way to reach 99.995 %: 1171.32 USD a month, "
                                     "99.999 %, in 1 step"));
  g_assert_nonnull (strstr (section, "• Single instance, in 2 regions for Servers: +140.16 USD "
                                     "a month, 99.99 % → 99.999 %"));
  g_assert_nonnull (strstr (section, "Cost against availability"));
  g_assert_nonnull (strstr (section, "How each figure is worked out"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/report/value-axis-round-steps", test_value_axis_round_steps);
  g_test_add_func ("/sky/report/value-axis-nothing", test_value_axis_nothing);
  g_test_add_func ("/sky/report/value-axis-any", test_value_axis_any);
  g_test_add_func ("/sky/report/value-axis-range", test_value_axis_range);
  g_test_add_func ("/sky/report/value-axis-english", test_value_axis_english);
  g_test_add_func ("/sky/report/value-axis-german", test_value_axis_german);
  g_test_add_func ("/sky/report/labels-apart", test_labels_apart);
  g_test_add_func ("/sky/report/labels-crowded", test_labels_crowded);
  g_test_add_func ("/sky/report/labels-off-line", test_labels_off_line);
  g_test_add_func ("/sky/report/front", test_front);
  g_test_add_func ("/sky/report/month-axis-numbers", test_month_axis_numbers);
  g_test_add_func ("/sky/report/month-axis-calendar", test_month_axis_calendar);
  g_test_add_func ("/sky/report/month-step-thinning", test_month_step_thinning);
  g_test_add_func ("/sky/report/availability-nines", test_availability_nines);
  g_test_add_func ("/sky/report/availability-ticks", test_availability_ticks);
  g_test_add_func ("/sky/report/availability-draw", test_availability_draw);
#define ADD(name, func) \
  g_test_add ("/sky/report/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("groups-in-order", test_groups_in_order);
  ADD ("draw-lines", test_draw_lines);
  ADD ("draw-stacked", test_draw_stacked);
  ADD ("draw-tiny", test_draw_tiny);
  ADD ("plot-upfront-apart", test_plot_upfront_apart);
  ADD ("plot-cumulative", test_plot_cumulative);
  ADD ("plot-amortised", test_plot_amortised);
  ADD ("plot-bars", test_plot_bars);
  ADD ("draw-views", test_draw_views);
  ADD ("pdf-read-back", test_pdf_read_back);
  ADD ("pdf-freshness", test_pdf_freshness);
  ADD ("pdf-calendar-months", test_pdf_calendar_months);
  ADD ("pdf-german", test_pdf_german);
  ADD ("pdf-summary", test_pdf_summary);
  ADD ("pdf-summary-calendar", test_pdf_summary_calendar);
  ADD ("pdf-availability", test_pdf_availability);
#undef ADD

  return g_test_run ();
}
