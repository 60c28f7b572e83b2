/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sky-projection.h"

G_BEGIN_DECLS

/* The projection chart, drawn the same on the Budget page and in the PDF report: the months
 * along the bottom, the money up the side on round steps, the monthly budget dashed across. */

typedef struct
{
  double red, green, blue, alpha;
} SkyChartColour;

typedef struct
{
  SkyChartColour        foreground;   /* text and axes */
  SkyChartColour        grid;         /* the lines across at each value tick */
  SkyChartColour        budget;
  const SkyChartColour *series;       /* a provider's or a group's colour, in turn; none:
                                       * the chart's own */
  guint                 n_series;
  double                line_width;   /* of a provider's line */
  const char           *font;         /* a Pango font description; NULL for the context's */
} SkyChartStyle;

typedef struct
{
  const SkyProjection         *projection;
  const SkyProjectionProvider *provider;     /* NULL: a line per provider over its low-high
                                              * band; else its months in bars stacked by
                                              * group, each with its low-high range */
  gboolean                     has_budget;
  SkyDecimal                   budget;       /* the monthly budget */
  guint                        start_year;   /* the first month's; 0: months are numbered */
  guint                        start_month;  /* 1 to 12 */
  const char * const          *names;        /* the legend, one per provider or group (as
                                              * sky_chart_groups() lists them); NULL for none */
  const char                  *budget_label; /* the budget's entry in the legend, or NULL */
  const char                  *value_title;  /* above the money, such as the currency */
  const char                  *month_title;  /* under the months, or NULL */
  gboolean                     cumulative;   /* each month the total of the months so far */
  gboolean                     amortised;    /* upfront fees spread over their commitments;
                                              * else the cash paid each month */
  const char                  *upfront_label; /* the upfront fees' entry in the legend, or
                                               * NULL */
} SkyChartData;

/* What the chart plots of its data, in its view (monthly or cumulative, cash or amortised).
 * Monthly cash draws the upfront fees apart, each a mark of its own above its month, so that
 * the money axis scales to the months' run rate; cumulative cash includes them and marks where
 * they were paid; amortised spreads them and marks nothing. */
typedef struct
{
  guint       months;
  guint       n_series;     /* providers (a line each) or groups (bars) */
  gboolean    bars;
  double     *values;       /* [series × months + month]: the line, or the group's part of
                             * the bar */
  double     *low;          /* lines: [series × months + month]; bars: [month] */
  double     *high;
  SkyDecimal *upfront;      /* as low and high: the upfront fees marked, zero without */
  double     *budget;       /* [month]: the budget line, or NULL without one */
  double      highest;      /* what the money axis reaches: the lines, bars, bands and the
                             * budget; never an upfront fee drawn apart */
} SkyChartPlot;

/* The money axis: ticks from @bottom (0 unless asked otherwise) to @top, every @step. */
typedef struct
{
  double   step;
  double   top;          /* the last tick: the highest value or just above it */
  double   bottom;       /* the first tick: the lowest value or just below it */
  guint    n_ticks;
  double  *values;
  char   **labels;       /* with thousands separators; NULL-terminated */
} SkyChartValueAxis;

/* The month axis: the months (from 0) that are labelled, every @step. */
typedef struct
{
  guint    step;
  guint    n_labels;
  guint   *months;
  char   **labels;       /* NULL-terminated */
} SkyChartMonthAxis;

/* A rectangle of the drawing: its top left corner and its size. */
typedef struct
{
  double x, y, width, height;
} SkyChartRect;

SkyChartValueAxis *sky_chart_value_axis_new  (double               highest,
                                              guint                max_intervals);
SkyChartValueAxis *sky_chart_value_axis_new_range (double          lowest,
                                                   double          highest,
                                                   guint           max_intervals);
void               sky_chart_value_axis_free (SkyChartValueAxis   *axis);
guint              sky_chart_month_step      (guint                months,
                                              double               width,
                                              double               label_width);
SkyChartMonthAxis *sky_chart_month_axis_new  (guint                months,
                                              guint                step,
                                              guint                start_year,
                                              guint                start_month);
void               sky_chart_month_axis_free (SkyChartMonthAxis   *axis);
GPtrArray         *sky_chart_groups          (const SkyProjectionProvider *provider);
SkyChartPlot      *sky_chart_plot_new        (const SkyChartData  *data);
void               sky_chart_plot_free       (SkyChartPlot        *plot);
gboolean           sky_chart_plot_has_upfront (const SkyChartPlot *plot);
double             sky_chart_plot_top        (const SkyChartPlot  *plot,
                                              guint                series,
                                              guint                month);
void               sky_chart_draw            (cairo_t             *cr,
                                              PangoContext        *context,
                                              double               width,
                                              double               height,
                                              const SkyChartStyle *style,
                                              const SkyChartData  *data);

const SkyChartColour *sky_chart_series_colour (const SkyChartStyle *style,
                                              guint                i);

/* The scatter of cost against score: where its labels go, and which points no other beats. */
gboolean           sky_chart_rects_overlap   (const SkyChartRect  *a,
                                              const SkyChartRect  *b);
guint              sky_chart_place_labels    (guint                n,
                                              const double        *x,
                                              const double        *y,
                                              const double        *widths,
                                              const double        *heights,
                                              double               radius,
                                              const SkyChartRect  *bounds,
                                              guint                n_path,
                                              const double        *path_x,
                                              const double        *path_y,
                                              SkyChartRect        *placed,
                                              gboolean            *shown);
void               sky_chart_front           (guint                n,
                                              const double        *cost,
                                              const double        *score,
                                              const gboolean      *eligible,
                                              gboolean            *front);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyChartValueAxis, sky_chart_value_axis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyChartMonthAxis, sky_chart_month_axis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyChartPlot, sky_chart_plot_free)

G_END_DECLS
