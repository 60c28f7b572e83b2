/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-availability-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "sky-availability-chart.h"
#include "sky-currency.h"

#define PAD 8.0
#define TICK 4.0
#define RADIUS 4.5

/* The levels the availability axis may mark, lowest first; the whole nines are those without
 * a 5 at the end. */
static const char * const levels[] = {
  "0", "50", "90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.995", "99.999",
  "99.9995", "99.9999", NULL
};

/**
 * sky_availability_chart_nines:
 * @percent: an availability, below 100
 *
 * Returns: how many nines @percent has, as a real number: 2 for 99 %, 3 for 99.9 %, 3.3 for
 *   99.95 %; the availability axis is drawn on this scale
 */
double
sky_availability_chart_nines (double percent)
{
  double down = 1 - percent / 100;

  return down > 1e-9 ? -log10 (down) : 9;
}

static gboolean
whole_nines (const char *level)
{
  return !g_str_has_suffix (level, "5");
}

/**
 * sky_availability_chart_ticks:
 * @lowest: the lowest availability the chart shows, in percent
 * @highest: the highest
 * @max_ticks: how many ticks there is room for, at least 2
 *
 * Returns: (transfer full): the levels the availability axis marks, as decimal text ("99.9"),
 *   from the highest level at or below @lowest to the lowest at or above @highest; the levels
 *   between ending in 5 are left out when they would be more than @max_ticks
 */
GStrv
sky_availability_chart_ticks (double lowest,
                              double highest,
                              guint  max_ticks)
{
  g_autoptr(GStrvBuilder) ticks = g_strv_builder_new ();
  guint first = 0, last = 0, n;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      double level = g_ascii_strtod (levels[i], NULL);

      if (level <= lowest + 1e-9)
        first = i;
      if (last == 0 && level >= highest - 1e-9)
        last = i;
    }
  if (last == 0)
    last = g_strv_length ((GStrv) levels) - 1;
  if (last <= first)
    {
      if (levels[first + 1] != NULL)
        last = first + 1;
      else
        first = last - 1;
    }
  n = last - first + 1;
  for (guint i = first; i <= last; i++)
    if (n <= MAX (max_ticks, 2) || i == first || i == last || whole_nines (levels[i]))
      g_strv_builder_add (ticks, levels[i]);
  return g_strv_builder_end (ticks);
}

typedef struct
{
  cairo_t             *cr;
  PangoLayout         *layout;
  const SkyChartStyle *style;
} Pen;

static void
set_colour (cairo_t              *cr,
            const SkyChartColour *c,
            double                alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static double
text_size (Pen        *pen,
           const char *text,
           double     *height)
{
  int w, h;

  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_get_size (pen->layout, &w, &h);
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
  return (double) w / PANGO_SCALE;
}

/* @text with its left edge at @x less @align times its width, its top at @y. */
static void
show_text (Pen        *pen,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  double w = text_size (pen, text, NULL);

  set_colour (pen->cr, &pen->style->foreground, 1);
  cairo_move_to (pen->cr, round (x - align * w), round (y));
  pango_cairo_show_layout (pen->cr, pen->layout);
}

/* A level as people read it: "99.95 %" in the locale's digits. */
static char *
level_label (const char *level)
{
  SkyDecimal value;
  g_autofree char *number = NULL;

  if (!sky_decimal_parse (level, 6, FALSE, &value, NULL))
    return g_strdup (level);
  number = sky_format_number (value, 0);
  return g_strdup_printf ("%s %%", number);
}

static void
point_mark (Pen                  *pen,
            double                x,
            double                y,
            const SkyChartColour *colour,
            const SkyAvailabilityPoint *p)
{
  cairo_t *cr = pen->cr;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, RADIUS, 0, 2 * G_PI);
  set_colour (cr, colour, 1);
  cairo_fill (cr);
  if (p->written)
    {
      /* The scenario as written: a ring around its point. */
      cairo_arc (cr, x, y, RADIUS + 3, 0, 2 * G_PI);
      set_colour (cr, colour, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (p->chosen)
    {
      /* The cheapest way to reach the requirement: a square around its point. */
      cairo_rectangle (cr, x - RADIUS - 3.5, y - RADIUS - 3.5, 2 * RADIUS + 7, 2 * RADIUS + 7);
      set_colour (cr, &pen->style->foreground, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The legend under the chart: a swatch and a name per provider, the marks, the dashed
 * requirement; returns its height at @width, drawing it when @draw. */
static double
legend (Pen                            *pen,
        const SkyAvailabilityChartData *data,
        double                          width,
        double                          y,
        gboolean                        draw)
{
  double x = 0, line, rows = 0;
  guint n = data->n_series + 3;

  text_size (pen, "Mg", &line);
  line += 4;
  for (guint i = 0; i < n; i++)
    {
      const char *name = i < data->n_series ? data->series[i].name
                         : i == data->n_series ? data->written_label
                         : i == data->n_series + 1 ? data->chosen_label
                         : data->has_required ? data->required_label : NULL;
      double w, mid;

      if (name == NULL)
        continue;
      w = text_size (pen, name, NULL);
      if (x > 0 && x + 24 + w > width)
        {
          x = 0;
          rows++;
        }
      mid = y + rows * line + (line - 4) / 2;
      if (draw)
        {
          cairo_t *cr = pen->cr;

          cairo_save (cr);
          if (i < data->n_series)
            {
              set_colour (cr, sky_chart_series_colour (pen->style, i), 1);
              cairo_rectangle (cr, x + 5, mid - 4.5, 9, 9);
              cairo_fill (cr);
            }
          else if (i == data->n_series || i == data->n_series + 1)
            {
              SkyAvailabilityPoint mark = { 0, 0, i == data->n_series, i != data->n_series };

              point_mark (pen, x + 9.5, mid, &pen->style->foreground, &mark);
            }
          else
            {
              double dash[] = { 5, 3 };

              cairo_set_dash (cr, dash, 2, 0);
              set_colour (cr, &pen->style->budget, 1);
              cairo_set_line_width (cr, 2);
              cairo_move_to (cr, x, mid);
              cairo_line_to (cr, x + 19, mid);
              cairo_stroke (cr);
            }
          cairo_restore (cr);
          show_text (pen, name, x + 24, y + rows * line, 0);
        }
      x += 24 + w + 14;
    }
  return (rows + 1) * line;
}

/**
 * sky_availability_chart_draw:
 * @style: the colours (the requirement is drawn in the budget's) and the font
 * @drawn: (nullable): SkyAvailabilityDrawn: where each point was drawn, filled in
 *
 * Draws @data into the rectangle from (0, 0) to (@width, @height) of @cr.
 */
void
sky_availability_chart_draw (cairo_t                        *cr,
                             PangoContext                   *context,
                             double                          width,
                             double                          height,
                             const SkyChartStyle            *style,
                             const SkyAvailabilityChartData *data,
                             GArray                         *drawn)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(SkyChartValueAxis) costs = NULL;
  g_auto(GStrv) ticks = NULL;
  Pen pen;
  double lo = INFINITY, hi = -INFINITY, low = 100, high = 0;
  double line, widest = 0, left, right, top, bottom, bottom_n, top_n, legend_height;
  guint n_points = 0;

  g_return_if_fail (cr != NULL && PANGO_IS_CONTEXT (context));
  g_return_if_fail (style != NULL && data != NULL);

  if (drawn != NULL)
    g_array_set_size (drawn, 0);
  for (guint s = 0; s < data->n_series; s++)
    for (guint k = 0; k < data->series[s].n_points; k++)
      {
        const SkyAvailabilityPoint *p = &data->series[s].points[k];

        lo = MIN (lo, p->cost);
        hi = MAX (hi, p->cost);
        low = MIN (low, p->percent);
        high = MAX (high, p->percent);
        n_points++;
      }
  if (n_points == 0)
    return;
  if (data->has_required)
    {
      low = MIN (low, data->required);
      high = MAX (high, data->required);
    }

  layout = pango_layout_new (context);
  if (style->font != NULL)
    {
      PangoFontDescription *desc = pango_font_description_from_string (style->font);

      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
    }
  pen.cr = cr;
  pen.layout = layout;
  pen.style = style;
  text_size (&pen, "Mg", &line);

  legend_height = legend (&pen, data, width - 2 * PAD, 0, FALSE);
  top = PAD + line + 6;
  bottom = height - PAD - legend_height - 6 - 2 * line - TICK - 6;
  ticks = sky_availability_chart_ticks (low, high,
                                        (guint) MAX ((bottom - top) / (line * 1.6), 2));
  for (guint i = 0; ticks[i] != NULL; i++)
    {
      g_autofree char *label = level_label (ticks[i]);

      widest = MAX (widest, text_size (&pen, label, NULL));
    }
  left = PAD + widest + TICK + 4;
  /* A margin either side of the costs, so that no point sits on an axis. */
  {
    double margin = hi > lo ? (hi - lo) * 0.08 : MAX (lo * 0.1, 1);

    lo = MAX (lo - margin, 0);
    hi = hi + margin;
  }
  costs = sky_chart_value_axis_new_range (lo, hi, 8);
  {
    double label = 0;
    guint steps;

    for (guint i = 0; i < costs->n_ticks; i++)
      label = MAX (label, text_size (&pen, costs->labels[i], NULL));
    right = width - PAD - label / 2;
    steps = (guint) CLAMP ((right - left) / (label + 2 * line), 1, 8);
    if (steps + 1 < costs->n_ticks)
      {
        g_clear_pointer (&costs, sky_chart_value_axis_free);
        costs = sky_chart_value_axis_new_range (lo, hi, steps);
      }
  }
  if (right - left < 20 || bottom - top < 20)
    return;
  bottom_n = sky_availability_chart_nines (g_ascii_strtod (ticks[0], NULL));
  top_n = sky_availability_chart_nines (g_ascii_strtod (ticks[g_strv_length (ticks) - 1],
                                                        NULL));

#define X(c) (left + ((c) - costs->bottom) / (costs->top - costs->bottom) * (right - left))
#define Y(a) (bottom - (sky_availability_chart_nines (a) - bottom_n) / (top_n - bottom_n) * \
              (bottom - top))
  /* The grid, the axes and their ticks. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  set_colour (cr, &style->grid, 1);
  for (guint i = 1; ticks[i] != NULL; i++)
    {
      double y = round (Y (g_ascii_strtod (ticks[i], NULL))) + 0.5;

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  for (guint i = 1; i < costs->n_ticks; i++)
    {
      cairo_move_to (cr, round (X (costs->values[i])) + 0.5, top);
      cairo_line_to (cr, round (X (costs->values[i])) + 0.5, bottom);
    }
  cairo_stroke (cr);
  set_colour (cr, &style->foreground, 0.6);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  for (guint i = 0; i < costs->n_ticks; i++)
    {
      cairo_move_to (cr, round (X (costs->values[i])) + 0.5, bottom);
      cairo_line_to (cr, round (X (costs->values[i])) + 0.5, bottom + TICK);
    }
  for (guint i = 0; ticks[i] != NULL; i++)
    {
      cairo_move_to (cr, left - TICK, round (Y (g_ascii_strtod (ticks[i], NULL))) + 0.5);
      cairo_line_to (cr, left, round (Y (g_ascii_strtod (ticks[i], NULL))) + 0.5);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint i = 0; i < costs->n_ticks; i++)
    show_text (&pen, costs->labels[i], X (costs->values[i]), bottom + TICK + 2, 0.5);
  for (guint i = 0; ticks[i] != NULL; i++)
    {
      g_autofree char *label = level_label (ticks[i]);

      show_text (&pen, label, left - TICK - 3, Y (g_ascii_strtod (ticks[i], NULL)) - line / 2,
                 1);
    }
  if (data->cost_title != NULL)
    show_text (&pen, data->cost_title, (left + right) / 2, bottom + TICK + 4 + line, 0.5);
  if (data->percent_title != NULL)
    show_text (&pen, data->percent_title, PAD, PAD, 0);

  /* The requirement, dashed across. */
  if (data->has_required)
    {
      double dash[] = { 6, 4 };
      double y = Y (data->required);

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      set_colour (cr, &style->budget, 1);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Each provider's cheapest ways to each level, joined: reaching higher costs more. */
  for (guint s = 0; s < data->n_series; s++)
    {
      const SkyAvailabilitySeries *series = &data->series[s];
      const SkyChartColour *colour = sky_chart_series_colour (style, s);

      cairo_save (cr);
      set_colour (cr, colour, 0.8);
      cairo_set_line_width (cr, style->line_width > 0 ? style->line_width : 1.5);
      for (guint k = 0; k < series->n_points; k++)
        {
          double x = X (series->points[k].cost), y = Y (series->points[k].percent);

          if (!series->points[k].front)
            continue;
          if (!cairo_has_current_point (cr))
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  for (guint s = 0; s < data->n_series; s++)
    for (guint k = 0; k < data->series[s].n_points; k++)
      {
        const SkyAvailabilityPoint *p = &data->series[s].points[k];
        SkyAvailabilityDrawn d = { X (p->cost), Y (p->percent), s, k };

        point_mark (&pen, d.x, d.y, sky_chart_series_colour (style, s), p);
        if (drawn != NULL)
          g_array_append_val (drawn, d);
      }
#undef X
#undef Y
  legend (&pen, data, width - 2 * PAD, height - PAD - legend_height, TRUE);
}
