/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "sky-chart.h"
#include "sky-currency.h"

/* The axes are computed by the functions below, which the tests call; the drawing only places
 * what they say. */

#define PAD 4.0
#define TICK 3.0

/* The axis ------------------------------------------------------------------------------- */

/* Ticks on the first of 1, 2 or 5 times a power of ten that needs at most @max_intervals
 * steps to reach @highest, each labelled exactly (as a decimal, never through printf's
 * rounding) with the locale's separators, as sky_format_number() writes a number: "1,000" in
 * English, "1.000" in German, "1000" in C. Nothing to show (@highest 0 or less) gives 0 to
 * 1. */
SkyChartValueAxis *
sky_chart_value_axis_new (double highest,
                          guint  max_intervals)
{
  g_return_val_if_fail (max_intervals > 0, NULL);

  return sky_chart_value_axis_new_range (0, highest, max_intervals);
}

/* The same from the multiple of the step at or below @lowest (0 or more) to the one at or above
 * @highest, for an axis that need not start at 0: a scatter's costs. An empty range is widened
 * to the round value around it. */
SkyChartValueAxis *
sky_chart_value_axis_new_range (double lowest,
                                double highest,
                                guint  max_intervals)
{
  static const int multiples[] = { 1, 2, 5, 10 };
  SkyChartValueAxis *axis;
  double raw, power, span;
  int exponent, multiple = 10;
  gint64 first;
  guint n;

  g_return_val_if_fail (max_intervals > 0, NULL);

  if (!isfinite (lowest) || lowest < 0)
    lowest = 0;
  if (!isfinite (highest) || highest <= 0)
    highest = MAX (lowest, 1);
  lowest = MIN (lowest, highest);
  span = highest - lowest;
  if (span <= highest * 1e-9)
    span = lowest > 0 ? lowest : 1;
  raw = span / max_intervals;
  exponent = (int) floor (log10 (raw));
  /* Decimals hold 30 fractional digits and 38 whole ones. */
  exponent = CLAMP (exponent, -SKY_DECIMAL_MAX_SCALE + 1, 35);
  power = pow (10, exponent);
  for (gsize i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * power >= raw * (1 - 1e-9))
      {
        multiple = multiples[i];
        break;
      }
  if (multiple == 10)
    {
      multiple = 1;
      exponent++;
      power *= 10;
    }

  axis = g_new0 (SkyChartValueAxis, 1);
  /* Away from 0, the range may straddle one step more than its span: the next round step. */
  for (;;)
    {
      axis->step = multiple * power;
      first = (gint64) floor (lowest / axis->step * (1 + 1e-9));
      n = (guint) MAX (ceil (highest / axis->step * (1 - 1e-9)) - (double) first, 1);
      if (n <= max_intervals || exponent >= 35)
        break;
      multiple = multiple == 1 ? 2 : multiple == 2 ? 5 : 1;
      if (multiple == 1)
        {
          exponent++;
          power *= 10;
        }
    }
  axis->bottom = first * axis->step;
  axis->top = (first + n) * axis->step;
  axis->n_ticks = n + 1;
  axis->values = g_new0 (double, axis->n_ticks);
  axis->labels = g_new0 (char *, axis->n_ticks + 1);
  for (guint i = 0; i <= n; i++)
    {
      gint64 k = (first + (gint64) i) * multiple;
      SkyDecimal value;

      if (exponent >= 0)
        {
          __int128 coef = k;
          for (int e = 0; e < exponent; e++)
            coef *= 10;
          value = sky_decimal_from_int (0);
          value.coef = coef;
        }
      else
        value = sky_decimal_from_scaled (k, (guint) -exponent);
      axis->values[i] = (first + (gint64) i) * axis->step;
      axis->labels[i] = sky_format_number (value, 0);
    }
  return axis;
}

void
sky_chart_value_axis_free (SkyChartValueAxis *axis)
{
  if (axis == NULL)
    return;
  g_free (axis->values);
  g_strfreev (axis->labels);
  g_free (axis);
}

/* The least of 1, 2, 3, 6, 12 and 24 months between labels at which labels @label_width wide
 * (a gap included) fit side by side in @width. */
guint
sky_chart_month_step (guint  months,
                      double width,
                      double label_width)
{
  static const guint steps[] = { 1, 2, 3, 6, 12, 24 };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      guint labels = (months + steps[i] - 1) / steps[i];

      if (labels * label_width <= width)
        return steps[i];
    }
  return steps[G_N_ELEMENTS (steps) - 1];
}

/* Labels every @step months from the first: the month's number (1, 7, 13…), or, given the
 * first month (@start_month 1 to 12 of @start_year), the calendar month, with its year at
 * the first label and wherever the year has changed since the label before (“Nov 2027”,
 * “Feb 2028”, “May”). */
SkyChartMonthAxis *
sky_chart_month_axis_new (guint months,
                          guint step,
                          guint start_year,
                          guint start_month)
{
  SkyChartMonthAxis *axis;
  gboolean calendar = start_year > 0 && start_month >= 1 && start_month <= 12;

  g_return_val_if_fail (step > 0, NULL);

  axis = g_new0 (SkyChartMonthAxis, 1);
  axis->step = step;
  axis->n_labels = (months + step - 1) / step;
  axis->months = g_new0 (guint, MAX (axis->n_labels, 1));
  axis->labels = g_new0 (char *, axis->n_labels + 1);
  for (guint i = 0; i < axis->n_labels; i++)
    {
      guint m = i * step;

      axis->months[i] = m;
      if (calendar)
        {
          guint index = start_month - 1 + m;
          g_autoptr(GDateTime) date = g_date_time_new_utc ((int) (start_year + index / 12),
                                                           (int) (index % 12 + 1), 1, 0, 0, 0);
          gboolean new_year = i == 0 || index / 12 != (index - step) / 12;

          axis->labels[i] = date == NULL ? g_strdup_printf ("%u", m + 1)
                            : g_date_time_format (date, new_year ? "%b %Y" : "%b");
        }
      else
        axis->labels[i] = g_strdup_printf ("%u", m + 1);
    }
  return axis;
}

void
sky_chart_month_axis_free (SkyChartMonthAxis *axis)
{
  if (axis == NULL)
    return;
  g_free (axis->months);
  g_strfreev (axis->labels);
  g_free (axis);
}

/* The provider's groups in the order they first appear among its lines ("" for lines without
 * one): the order of the stacked bars and of their legend. The strings are the provider's. */
GPtrArray *
sky_chart_groups (const SkyProjectionProvider *provider)
{
  GPtrArray *groups = g_ptr_array_new ();

  g_return_val_if_fail (provider != NULL, groups);

  for (guint l = 0; l < provider->n_lines; l++)
    if (!g_ptr_array_find_with_equal_func (groups, g_ptr_array_index (provider->groups, l),
                                           g_str_equal, NULL))
      g_ptr_array_add (groups, g_ptr_array_index (provider->groups, l));
  return groups;
}

/* The plot ------------------------------------------------------------------------------- */

static double
to_double (SkyDecimal value)
{
  return sky_decimal_to_double (value);
}

/* The upfront fees @p pays in month @m, over its lines. */
static SkyDecimal
upfront_of (const SkyProjectionProvider *p,
            guint                        months,
            guint                        m)
{
  SkyDecimal total = sky_decimal_from_int (0);

  for (guint l = 0; l < p->n_lines; l++)
    if (!sky_decimal_add (total, p->upfront[l * months + m], &total))
      break;
  return total;
}

/* @p's month @m and its band in the view of @data, months apart (not yet summed). */
static void
provider_month (const SkyChartData          *data,
                const SkyProjectionProvider *p,
                guint                        months,
                guint                        m,
                double                      *value,
                double                      *low,
                double                      *high)
{
  double run = to_double (p->total_cash[m]) - to_double (upfront_of (p, months, m));
  double run_low = to_double (p->low[m]) - to_double (p->low_upfront[m]);
  double run_high = to_double (p->high[m]) - to_double (p->high_upfront[m]);

  if (data->amortised)
    {
      /* The band keeps its distance from the month's run rate. */
      *value = to_double (p->total_amortised[m]);
      *low = *value + run_low - run;
      *high = *value + run_high - run;
    }
  else if (data->cumulative)
    {
      *value = to_double (p->total_cash[m]);
      *low = to_double (p->low[m]);
      *high = to_double (p->high[m]);
    }
  else
    {
      *value = run;
      *low = run_low;
      *high = run_high;
    }
}

/* Running totals of @n rows of @months values each. */
static void
accumulate (double *values,
            guint   n,
            guint   months)
{
  for (guint i = 0; values != NULL && i < n; i++)
    for (guint m = 1; m < months; m++)
      values[i * months + m] += values[i * months + m - 1];
}

/* The figures @data plots, computed without drawing. */
SkyChartPlot *
sky_chart_plot_new (const SkyChartData *data)
{
  const SkyProjection *projection;
  SkyChartPlot *plot;
  guint M, rows;

  g_return_val_if_fail (data != NULL && data->projection != NULL, NULL);

  projection = data->projection;
  M = projection->months;
  plot = g_new0 (SkyChartPlot, 1);
  plot->months = M;
  plot->bars = data->provider != NULL;
  if (plot->bars)
    {
      const SkyProjectionProvider *p = data->provider;
      g_autoptr(GPtrArray) groups = sky_chart_groups (p);

      plot->n_series = groups->len;
      rows = 1;
      plot->values = g_new0 (double, (gsize) MAX (groups->len, 1) * MAX (M, 1));
      for (guint g = 0; g < groups->len; g++)
        for (guint l = 0; l < p->n_lines; l++)
          {
            if (strcmp (g_ptr_array_index (p->groups, l), g_ptr_array_index (groups, g)) != 0)
              continue;
            for (guint m = 0; m < M; m++)
              {
                double v;

                if (data->amortised)
                  v = to_double (p->amortised[l * M + m]);
                else if (data->cumulative)
                  v = to_double (p->cash[l * M + m]);
                else
                  v = to_double (p->cash[l * M + m]) - to_double (p->upfront[l * M + m]);
                plot->values[g * M + m] += v;
              }
          }
    }
  else
    {
      plot->n_series = rows = projection->providers->len;
      plot->values = g_new0 (double, (gsize) MAX (rows, 1) * MAX (M, 1));
    }
  plot->low = g_new0 (double, (gsize) MAX (rows, 1) * MAX (M, 1));
  plot->high = g_new0 (double, (gsize) MAX (rows, 1) * MAX (M, 1));
  plot->upfront = g_new0 (SkyDecimal, (gsize) MAX (rows, 1) * MAX (M, 1));
  for (guint i = 0; i < rows; i++)
    {
      const SkyProjectionProvider *p = plot->bars ? data->provider
                                                  : g_ptr_array_index (projection->providers, i);

      for (guint m = 0; m < M; m++)
        {
          double value;

          provider_month (data, p, M, m, &value, &plot->low[i * M + m], &plot->high[i * M + m]);
          if (!plot->bars)
            plot->values[i * M + m] = value;
          plot->upfront[i * M + m] = data->amortised ? sky_decimal_from_int (0)
                                                     : upfront_of (p, M, m);
        }
    }
  if (data->has_budget)
    {
      plot->budget = g_new0 (double, MAX (M, 1));
      for (guint m = 0; m < M; m++)
        plot->budget[m] = to_double (data->budget) * (data->cumulative ? m + 1 : 1);
    }
  if (data->cumulative)
    {
      accumulate (plot->values, plot->n_series, M);
      accumulate (plot->low, rows, M);
      accumulate (plot->high, rows, M);
    }

  for (guint m = 0; m < M; m++)
    {
      for (guint i = 0; i < rows; i++)
        plot->highest = MAX (plot->highest, MAX (plot->high[i * M + m],
                                                 sky_chart_plot_top (plot, i, m)));
      if (plot->budget != NULL)
        plot->highest = MAX (plot->highest, plot->budget[m]);
    }
  return plot;
}

void
sky_chart_plot_free (SkyChartPlot *plot)
{
  if (plot == NULL)
    return;
  g_free (plot->values);
  g_free (plot->low);
  g_free (plot->high);
  g_free (plot->upfront);
  g_free (plot->budget);
  g_free (plot);
}

/* Whether any upfront fee is marked. */
gboolean
sky_chart_plot_has_upfront (const SkyChartPlot *plot)
{
  g_return_val_if_fail (plot != NULL, FALSE);

  for (gsize k = 0; k < (gsize) (plot->bars ? 1 : plot->n_series) * plot->months; k++)
    if (!sky_decimal_is_zero (plot->upfront[k]))
      return TRUE;
  return FALSE;
}

/* The top of the line of @series in @month, or of the month's stacked bar (@series ignored):
 * where an upfront fee's mark stands on. */
double
sky_chart_plot_top (const SkyChartPlot *plot,
                    guint               series,
                    guint               month)
{
  double top = 0;

  g_return_val_if_fail (plot != NULL && month < plot->months, 0);

  if (!plot->bars)
    return series < plot->n_series ? plot->values[series * plot->months + month] : 0;
  for (guint g = 0; g < plot->n_series; g++)
    top += plot->values[g * plot->months + month];
  return top;
}

/* The scatter ---------------------------------------------------------------------------- */

/* Whether @a and @b share any area (touching edges do not). */
gboolean
sky_chart_rects_overlap (const SkyChartRect *a,
                         const SkyChartRect *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether the segment from (@x0, @y0) to (@x1, @y1) passes through @r (Liang-Barsky). */
static gboolean
segment_crosses (const SkyChartRect *r,
                 double              x0,
                 double              y0,
                 double              x1,
                 double              y1)
{
  const double p[] = { -(x1 - x0), x1 - x0, -(y1 - y0), y1 - y0 };
  const double q[] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };
  double t0 = 0, t1 = 1;

  for (guint k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] <= 0)
            return FALSE;
          continue;
        }
      if (p[k] < 0)
        t0 = MAX (t0, q[k] / p[k]);
      else
        t1 = MIN (t1, q[k] / p[k]);
      if (t0 >= t1)
        return FALSE;
    }
  return TRUE;
}

static gboolean
inside (const SkyChartRect *r,
        const SkyChartRect *bounds)
{
  return r->x >= bounds->x && r->y >= bounds->y &&
         r->x + r->width <= bounds->x + bounds->width &&
         r->y + r->height <= bounds->y + bounds->height;
}

/* Places the labels of @n points at (@x, @y), each @widths by @heights, in turn (the first
 * first: the most important): beside its point (right, left, above, below, then the corners),
 * clear of every point's mark (a square of @radius around it) and of the labels placed before,
 * and inside @bounds; off the line through the @n_path points @path_x, @path_y where a place
 * allows, across it where none does. A label with no such place is not shown (@shown FALSE):
 * its point says what it is some other way, such as a tooltip. Returns how many are shown. */
guint
sky_chart_place_labels (guint               n,
                        const double       *x,
                        const double       *y,
                        const double       *widths,
                        const double       *heights,
                        double              radius,
                        const SkyChartRect *bounds,
                        guint               n_path,
                        const double       *path_x,
                        const double       *path_y,
                        SkyChartRect       *placed,
                        gboolean           *shown)
{
  const double gap = 3;
  guint count = 0;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL && widths != NULL &&
                                   heights != NULL && placed != NULL && shown != NULL), 0);
  g_return_val_if_fail (bounds != NULL, 0);
  g_return_val_if_fail (n_path == 0 || (path_x != NULL && path_y != NULL), 0);

  for (guint i = 0; i < n; i++)
    {
      double w = widths[i], h = heights[i], r = radius + gap;
      const SkyChartRect candidates[] = {
        { x[i] + r, y[i] - h / 2, w, h },
        { x[i] - r - w, y[i] - h / 2, w, h },
        { x[i] - w / 2, y[i] - r - h, w, h },
        { x[i] - w / 2, y[i] + r, w, h },
        { x[i] + r, y[i] - r - h, w, h },
        { x[i] + r, y[i] + r, w, h },
        { x[i] - r - w, y[i] - r - h, w, h },
        { x[i] - r - w, y[i] + r, w, h },
      };

      shown[i] = FALSE;
      /* Off the line first; across it only when nothing else is left. */
      for (gsize c = 0; c < 2 * G_N_ELEMENTS (candidates) && !shown[i]; c++)
        {
          const SkyChartRect *cand = &candidates[c % G_N_ELEMENTS (candidates)];
          gboolean clear = inside (cand, bounds);

          for (guint k = 1; k < n_path && clear && c < G_N_ELEMENTS (candidates); k++)
            clear = !segment_crosses (cand, path_x[k - 1], path_y[k - 1], path_x[k], path_y[k]);

          for (guint j = 0; j < n && clear; j++)
            {
              SkyChartRect mark = { x[j] - radius, y[j] - radius, 2 * radius, 2 * radius };
              clear = !sky_chart_rects_overlap (cand, &mark);
            }
          for (guint j = 0; j < i && clear; j++)
            clear = !shown[j] || !sky_chart_rects_overlap (cand, &placed[j]);
          if (clear)
            {
              placed[i] = *cand;
              shown[i] = TRUE;
              count++;
            }
        }
      if (!shown[i])
        placed[i] = (SkyChartRect) { x[i], y[i], 0, 0 };
    }
  return count;
}

/* The points no other eligible point beats: none costs no more and scores no less, and is
 * better on one of them. A point not @eligible (NULL: all are) is never on the front nor beats
 * one. */
void
sky_chart_front (guint           n,
                 const double   *cost,
                 const double   *score,
                 const gboolean *eligible,
                 gboolean       *front)
{
  g_return_if_fail (n == 0 || (cost != NULL && score != NULL && front != NULL));

  for (guint i = 0; i < n; i++)
    {
      front[i] = eligible == NULL || eligible[i];
      for (guint j = 0; j < n && front[i]; j++)
        if (j != i && (eligible == NULL || eligible[j]) && cost[j] <= cost[i] &&
            score[j] >= score[i] - 1e-9 && (cost[j] < cost[i] || score[j] > score[i] + 1e-9))
          front[i] = FALSE;
    }
}

/* The drawing ------------------------------------------------------------------------------- */

typedef struct
{
  cairo_t             *cr;
  PangoLayout         *layout;
  const SkyChartStyle *style;
  const SkyChartData  *data;
  const SkyChartPlot  *plot;
  guint                months;
  double               left, right, top, bottom;   /* the plot */
  double               top_value;
  gboolean             bars;
} Chart;

static void
set_colour (cairo_t              *cr,
            const SkyChartColour *c,
            double                alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* The providers' or groups' colours in turn, when the style names none: distinct from each
 * other and from the budget's red, on a light or a dark background. */
static const SkyChartColour series_colours[] = {
  { 0.21, 0.52, 0.89, 1 }, { 0.90, 0.38, 0.00, 1 }, { 0.18, 0.76, 0.49, 1 },
  { 0.57, 0.25, 0.67, 1 }, { 0.96, 0.76, 0.07, 1 }, { 0.39, 0.27, 0.18, 1 },
};

/* The colour of the @i-th provider or group in @style: its own in turn, or the chart's. */
const SkyChartColour *
sky_chart_series_colour (const SkyChartStyle *style,
                         guint                i)
{
  g_return_val_if_fail (style != NULL, &series_colours[0]);

  if (style->n_series == 0)
    return &series_colours[i % G_N_ELEMENTS (series_colours)];
  return &style->series[i % style->n_series];
}

static const SkyChartColour *
series_colour (const Chart *chart,
               guint        i)
{
  return sky_chart_series_colour (chart->style, i);
}

static void
text_size (Chart      *chart,
           const char *text,
           double     *width,
           double     *height)
{
  int w, h;

  pango_layout_set_text (chart->layout, text, -1);
  pango_layout_get_size (chart->layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

/* Shows @text with its left edge at @x plus @align times its width (0 left, 0.5 centred,
 * 1 right-aligned at @x) and its top at @y. */
static void
show_text (Chart      *chart,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  double w;

  text_size (chart, text, &w, NULL);
  set_colour (chart->cr, &chart->style->foreground, 1);
  cairo_move_to (chart->cr, x - align * w, y);
  pango_cairo_show_layout (chart->cr, chart->layout);
}

static double
x_of (const Chart *chart,
      double       m)
{
  double width = chart->right - chart->left;

  if (chart->bars)
    return chart->left + (m + 0.5) * width / chart->months;
  if (chart->months <= 1)
    return chart->left + width / 2;
  return chart->left + m * width / (chart->months - 1);
}

static double
y_of (const Chart *chart,
      double       value)
{
  return chart->bottom - value / chart->top_value * (chart->bottom - chart->top);
}

/* An upfront fee's mark: a diamond centred on (@x, @y), outlined in the foreground. */
static void
upfront_mark (Chart                *chart,
              double                x,
              double                y,
              const SkyChartColour *fill)
{
  cairo_t *cr = chart->cr;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x, y - 5.5);
  cairo_line_to (cr, x + 5.5, y);
  cairo_line_to (cr, x, y + 5.5);
  cairo_line_to (cr, x - 5.5, y);
  cairo_close_path (cr);
  set_colour (cr, fill, 1);
  cairo_fill_preserve (cr);
  set_colour (cr, &chart->style->foreground, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The legend's height at @width: a swatch and a name per entry, then the budget, in rows. */
static double
legend (Chart   *chart,
        double   width,
        double   y,
        gboolean draw)
{
  const SkyChartData *data = chart->data;
  double x = 0, line, rows = 0;

  if (data->names == NULL && data->budget_label == NULL)
    return 0;
  text_size (chart, "Mg", NULL, &line);
  line += 4;
  for (guint i = 0; data->names != NULL && data->names[i] != NULL; i++)
    {
      double w;

      text_size (chart, data->names[i], &w, NULL);
      if (x > 0 && x + 14 + w > width)
        {
          x = 0;
          rows++;
        }
      if (draw)
        {
          const SkyChartColour *c = series_colour (chart, i);

          set_colour (chart->cr, c, 1);
          cairo_rectangle (chart->cr, x, y + rows * line + (line - 4) / 2 - 4, 9, 9);
          cairo_fill (chart->cr);
          show_text (chart, data->names[i], x + 14, y + rows * line, 0);
        }
      x += 14 + w + 14;
    }
  if (data->upfront_label != NULL && sky_chart_plot_has_upfront (chart->plot))
    {
      double w;

      text_size (chart, data->upfront_label, &w, NULL);
      if (x > 0 && x + 14 + w > width)
        {
          x = 0;
          rows++;
        }
      if (draw)
        {
          upfront_mark (chart, x + 4.5, y + rows * line + (line - 4) / 2 + 0.5,
                        &chart->style->foreground);
          show_text (chart, data->upfront_label, x + 14, y + rows * line, 0);
        }
      x += 14 + w + 14;
    }
  if (data->has_budget && data->budget_label != NULL)
    {
      double w, mid, dash[] = { 5, 3 };

      text_size (chart, data->budget_label, &w, NULL);
      if (x > 0 && x + 24 + w > width)
        {
          x = 0;
          rows++;
        }
      mid = y + rows * line + (line - 4) / 2;
      if (draw)
        {
          cairo_save (chart->cr);
          cairo_set_dash (chart->cr, dash, 2, 0);
          set_colour (chart->cr, &chart->style->budget, 1);
          cairo_set_line_width (chart->cr, 2);
          cairo_move_to (chart->cr, x, mid);
          cairo_line_to (chart->cr, x + 18, mid);
          cairo_stroke (chart->cr);
          cairo_restore (chart->cr);
          show_text (chart, data->budget_label, x + 24, y + rows * line, 0);
        }
    }
  return (rows + 1) * line;
}

static void
draw_value_axis (Chart                   *chart,
                 const SkyChartValueAxis *axis,
                 double                   text_height)
{
  cairo_t *cr = chart->cr;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  set_colour (cr, &chart->style->grid, 1);
  for (guint i = 1; i < axis->n_ticks; i++)
    {
      double y = round (y_of (chart, axis->values[i])) + 0.5;

      cairo_move_to (cr, chart->left, y);
      cairo_line_to (cr, chart->right, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < axis->n_ticks; i++)
    show_text (chart, axis->labels[i], chart->left - TICK - 2,
               y_of (chart, axis->values[i]) - text_height / 2, 1);
  cairo_restore (cr);
}

static void
draw_month_axis (Chart                   *chart,
                 const SkyChartMonthAxis *axis)
{
  cairo_t *cr = chart->cr;

  cairo_save (cr);
  set_colour (cr, &chart->style->foreground, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, chart->left + 0.5, chart->top);
  cairo_line_to (cr, chart->left + 0.5, chart->bottom + 0.5);
  cairo_line_to (cr, chart->right, chart->bottom + 0.5);
  for (guint i = 0; i < axis->n_labels; i++)
    {
      double x = round (x_of (chart, axis->months[i])) + 0.5;

      cairo_move_to (cr, x, chart->bottom);
      cairo_line_to (cr, x, chart->bottom + TICK);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < axis->n_labels; i++)
    show_text (chart, axis->labels[i], x_of (chart, axis->months[i]),
               chart->bottom + TICK + 1, 0.5);
  cairo_restore (cr);
}

/* Each provider: a line of its months over a band from its low to its high figures. */
static void
draw_lines (Chart *chart)
{
  const SkyChartPlot *plot = chart->plot;
  cairo_t *cr = chart->cr;
  guint M = chart->months;

  for (guint i = 0; i < plot->n_series; i++)
    {
      const SkyChartColour *c = series_colour (chart, i);

      cairo_new_path (cr);
      for (guint m = 0; m < M; m++)
        cairo_line_to (cr, x_of (chart, m), y_of (chart, plot->high[i * M + m]));
      for (guint m = M; m > 0; m--)
        cairo_line_to (cr, x_of (chart, m - 1), y_of (chart, plot->low[i * M + m - 1]));
      cairo_close_path (cr);
      set_colour (cr, c, 0.15);
      cairo_fill (cr);

      cairo_new_path (cr);
      for (guint m = 0; m < M; m++)
        cairo_line_to (cr, x_of (chart, m), y_of (chart, plot->values[i * M + m]));
      set_colour (cr, c, 1);
      cairo_set_line_width (cr, chart->style->line_width > 0 ? chart->style->line_width : 2);
      cairo_stroke (cr);
    }
}

/* One provider: a bar a month stacked by group, a line over each bar from its low to its high
 * figure. */
static void
draw_bars (Chart *chart)
{
  const SkyChartPlot *plot = chart->plot;
  g_autofree double *base = g_new0 (double, chart->months);
  double bar = (chart->right - chart->left) / chart->months;
  cairo_t *cr = chart->cr;
  guint M = chart->months;

  for (guint g = 0; g < plot->n_series; g++)
    {
      cairo_new_path (cr);
      for (guint m = 0; m < M; m++)
        {
          double v = plot->values[g * M + m], x = x_of (chart, m) - bar / 2;

          cairo_rectangle (cr, x + 1, y_of (chart, base[m] + v), MAX (bar - 2, 1),
                           y_of (chart, base[m]) - y_of (chart, base[m] + v));
          base[m] += v;
        }
      set_colour (cr, series_colour (chart, g), 1);
      cairo_fill (cr);
    }
  cairo_new_path (cr);
  for (guint m = 0; m < M; m++)
    {
      cairo_move_to (cr, x_of (chart, m), y_of (chart, plot->low[m]));
      cairo_line_to (cr, x_of (chart, m), y_of (chart, plot->high[m]));
    }
  set_colour (cr, &chart->style->foreground, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* The upfront fees: on the line where it includes them (cumulative); else each above its
 * month's run rate, a dotted stem up to it, and, when it is above the axis's top, at the top
 * with its amount beside it. */
static void
draw_upfront (Chart *chart)
{
  const SkyChartPlot *plot = chart->plot;
  cairo_t *cr = chart->cr;
  guint M = chart->months, rows = plot->bars ? 1 : plot->n_series;
  double dots[] = { 1, 2 };

  for (guint i = 0; i < rows; i++)
    for (guint m = 0; m < M; m++)
      {
        const SkyChartColour *c = plot->bars ? &chart->style->foreground
                                             : series_colour (chart, i);
        SkyDecimal fee = plot->upfront[i * M + m];
        double base = sky_chart_plot_top (plot, i, m), x = x_of (chart, m), value, y;

        if (sky_decimal_is_zero (fee))
          continue;
        if (chart->data->cumulative)
          {
            upfront_mark (chart, x, y_of (chart, base), c);
            continue;
          }
        value = base + to_double (fee);
        y = value > chart->top_value ? chart->top + 6 : y_of (chart, value);
        cairo_save (cr);
        cairo_set_dash (cr, dots, 2, 0);
        set_colour (cr, c, 1);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, round (x) + 0.5, y_of (chart, base));
        cairo_line_to (cr, round (x) + 0.5, y);
        cairo_stroke (cr);
        cairo_restore (cr);
        upfront_mark (chart, x, y, c);
        if (value > chart->top_value)
          {
            g_autofree char *amount = sky_format_number (fee, 2);
            double w, h;

            text_size (chart, amount, &w, &h);
            show_text (chart, amount, x + 8 + w > chart->right ? x - 8 : x + 8, y - h / 2,
                       x + 8 + w > chart->right ? 1 : 0);
          }
      }
}

static void
draw_budget (Chart *chart)
{
  double dash[] = { 6, 4 };
  const double *budget = chart->plot->budget;

  cairo_save (chart->cr);
  cairo_set_dash (chart->cr, dash, 2, 0);
  set_colour (chart->cr, &chart->style->budget, 1);
  cairo_set_line_width (chart->cr, 1.5);
  cairo_new_path (chart->cr);
  if (chart->data->cumulative)
    /* So much a month adds up: a line from the first month's budget rising to the last's. */
    for (guint m = 0; m < chart->months; m++)
      cairo_line_to (chart->cr, x_of (chart, m), y_of (chart, budget[m]));
  else
    {
      cairo_move_to (chart->cr, chart->left, y_of (chart, budget[0]));
      cairo_line_to (chart->cr, chart->right, y_of (chart, budget[0]));
    }
  cairo_stroke (chart->cr);
  cairo_restore (chart->cr);
}

/* Draws the chart of @data in the rectangle from (0, 0) to (@width, @height) of @cr, its text
 * set in @context. */
void
sky_chart_draw (cairo_t             *cr,
                PangoContext        *context,
                double               width,
                double               height,
                const SkyChartStyle *style,
                const SkyChartData  *data)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(SkyChartValueAxis) values = NULL;
  g_autoptr(SkyChartMonthAxis) months = NULL;
  g_autoptr(SkyChartPlot) plot = NULL;
  Chart chart = { 0 };
  double text_height, widest = 0, legend_height, caption = 0, reach;

  g_return_if_fail (cr != NULL && PANGO_IS_CONTEXT (context));
  g_return_if_fail (style != NULL && data != NULL && data->projection != NULL);

  if (data->projection->months == 0 || data->projection->providers->len == 0)
    return;

  layout = pango_layout_new (context);
  if (style->font != NULL)
    {
      PangoFontDescription *desc = pango_font_description_from_string (style->font);

      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
    }
  chart.cr = cr;
  chart.layout = layout;
  chart.style = style;
  chart.data = data;
  plot = sky_chart_plot_new (data);
  chart.plot = plot;
  chart.months = data->projection->months;
  chart.bars = data->provider != NULL;

  cairo_save (cr);
  text_size (&chart, "Mg", NULL, &text_height);

  /* From the outside in: the legend and the months' labels take the bottom, the money's
   * labels the left. */
  legend_height = legend (&chart, width - 2 * PAD, 0, FALSE);
  if (data->value_title != NULL)
    caption = text_height + 2;
  chart.top = PAD + caption + text_height / 2;
  chart.bottom = height - PAD - legend_height - (legend_height > 0 ? 4 : 0) - TICK - 1 -
                 text_height - (data->month_title != NULL ? text_height : 0);
  /* Upfront fees above the axis stand in a row of their own over the highest month. */
  reach = plot->highest;
  for (guint i = 0; !data->cumulative && i < (plot->bars ? 1 : plot->n_series); i++)
    for (guint m = 0; m < chart.months; m++)
      if (sky_chart_plot_top (plot, i, m) + to_double (plot->upfront[i * chart.months + m]) >
          plot->highest)
        reach = plot->highest * 1.12;
  /* Room for about a label every 1.5 lines of text, at most 8 steps. */
  values = sky_chart_value_axis_new (reach,
                                     CLAMP ((guint) ((chart.bottom - chart.top) /
                                                     (text_height * 1.5)), 1, 8));
  chart.top_value = values->top;
  for (guint i = 0; i < values->n_ticks; i++)
    {
      double w;

      text_size (&chart, values->labels[i], &w, NULL);
      widest = MAX (widest, w);
    }
  chart.left = PAD + widest + TICK + 2;

  /* The months: labels as wide as the widest of them all, thinned until they fit. */
  {
    g_autoptr(SkyChartMonthAxis) every = sky_chart_month_axis_new (chart.months, 1,
                                                                   data->start_year,
                                                                   data->start_month);
    double label = 0, last;

    for (guint i = 0; i < every->n_labels; i++)
      {
        double w;

        text_size (&chart, every->labels[i], &w, NULL);
        label = MAX (label, w);
      }
    last = chart.bars ? 0 : label / 2;
    chart.right = width - PAD - last;
    months = sky_chart_month_axis_new (chart.months,
                                       sky_chart_month_step (chart.months,
                                                             chart.right - chart.left,
                                                             label + text_height),
                                       data->start_year, data->start_month);
  }
  if (chart.right - chart.left < 1 || chart.bottom - chart.top < 1)
    {
      cairo_restore (cr);
      return;
    }

  if (data->value_title != NULL)
    show_text (&chart, data->value_title, PAD, PAD, 0);
  draw_value_axis (&chart, values, text_height);
  if (chart.bars)
    draw_bars (&chart);
  else
    draw_lines (&chart);
  if (data->has_budget)
    draw_budget (&chart);
  draw_upfront (&chart);
  draw_month_axis (&chart, months);
  if (data->month_title != NULL)
    show_text (&chart, data->month_title, (chart.left + chart.right) / 2,
               chart.bottom + TICK + 1 + text_height, 0.5);
  cairo_translate (cr, PAD, 0);
  legend (&chart, width - 2 * PAD, height - PAD - legend_height, TRUE);
  cairo_restore (cr);
}
