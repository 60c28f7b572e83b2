/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-decimal.h"
#include "sky-sla.h"

G_BEGIN_DECLS

/* The arithmetic the availability and the search for the cheapest way to reach one share:
 * fractions of 1, kept to SKY_AVAILABILITY_SCALE decimals. */
SkyDecimal _sky_availability_fraction  (SkyDecimal percent);
SkyDecimal _sky_availability_percent   (SkyDecimal fraction);
SkyDecimal _sky_availability_series    (SkyDecimal a,
                                        SkyDecimal b);
SkyDecimal _sky_availability_parallel  (SkyDecimal a,
                                        guint      n);
SkyDecimal _sky_availability_downtime  (SkyDecimal fraction,
                                        SkyDecimal hours);
gboolean   _sky_availability_service_has_sla (SkySlaTable           *table,
                                              const SkyOfferDetails *offer);

G_END_DECLS
