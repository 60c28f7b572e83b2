/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"

G_BEGIN_DECLS

/* What a workload needs of an offer; NULL or 0 leaves a field open. */
typedef struct
{
  const char         *category;
  const char         *unit;              /* the price's unit */
  const char         *term;              /* the purchase option */
  gint64              min_vcpu_milli;
  gint64              min_memory_mgib;
  const char         *region;
  const char         *geography;
  const char         *os;
  const char * const *storage_types;     /* any of these */
  gint64              min_gpu;
  const char         *min_sla;           /* a percentage, e.g. "99.95" */
  const char * const *features;          /* keys the offer must have */
} SkyRequirement;

char   *sky_catalog_current_version (SkyCatalog           *self,
                                     const char           *provider,
                                     GError              **error);
gboolean sky_catalog_has_sheet      (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     GError              **error);
gint64  sky_catalog_find_offer      (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     const char           *sku,
                                     GError              **error);
gint64  sky_catalog_cheapest_offer  (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     const SkyRequirement *requirement,
                                     GError              **error);

G_END_DECLS
