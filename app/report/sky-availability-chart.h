/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sky-chart.h"

G_BEGIN_DECLS

/* Cost against availability, drawn the same on the Trade-offs page and in the PDF report:
 * the monthly cost across, the availability up the side on a scale of nines (99 %, 99.9 %,
 * 99.99 % equally apart), a line per provider through the cheapest ways to reach each level,
 * the scenario as written ringed, the required level dashed across. */

typedef struct
{
  double   cost;          /* a month, in the scenario's currency */
  double   percent;       /* the availability, below 100 */
  gboolean written;       /* the scenario as it is written */
  gboolean chosen;        /* the cheapest way to reach the required level */
  gboolean front;         /* no other point of the provider costs less and reaches more: the
                           * line joins these */
} SkyAvailabilityPoint;

typedef struct
{
  const char                 *name;      /* the provider's, for the legend */
  const SkyAvailabilityPoint *points;    /* by cost, cheapest first */
  guint                       n_points;
} SkyAvailabilitySeries;

typedef struct
{
  const SkyAvailabilitySeries *series;
  guint                        n_series;
  gboolean                     has_required;
  double                       required;        /* in percent */
  const char                  *required_label;  /* the dashed line's entry in the legend */
  const char                  *written_label;   /* the ring's entry in the legend, or NULL */
  const char                  *chosen_label;    /* the chosen point's entry, or NULL */
  const char                  *cost_title;      /* under the costs, such as "USD a month" */
  const char                  *percent_title;   /* above the availabilities */
} SkyAvailabilityChartData;

/* Where a point was drawn, for its tooltip. */
typedef struct
{
  double x, y;
  guint  series;
  guint  point;
} SkyAvailabilityDrawn;

double  sky_availability_chart_nines (double                          percent);
GStrv   sky_availability_chart_ticks (double                          lowest,
                                      double                          highest,
                                      guint                           max_ticks);
void    sky_availability_chart_draw  (cairo_t                        *cr,
                                      PangoContext                   *context,
                                      double                          width,
                                      double                          height,
                                      const SkyChartStyle            *style,
                                      const SkyAvailabilityChartData *data,
                                      GArray                         *drawn);

G_END_DECLS
