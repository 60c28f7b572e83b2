/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-csv.h"
#include "sky-estimate.h"
#include "sky-projection.h"

G_BEGIN_DECLS

/* What a projection is exported as. */
typedef enum
{
  SKY_EXPORT_CSV,    /* the months for a spreadsheet, with the assumptions in a second file */
  SKY_EXPORT_PDF,    /* a report to read or print */
  SKY_EXPORT_JSON,   /* the months for automation */
  SKY_EXPORT_XLSX,   /* a workbook for finance: summary, months, lines and assumptions */
} SkyExportFormat;

typedef struct
{
  SkyExportFormat     format;
  guint               months;       /* 12 to 60; 0 for the scenario's own */
  const char * const *providers;    /* NULL for the scenario's */
  SkyCsvDialect       dialect;
  gboolean            bom;
  gboolean            no_assumptions; /* a CSV without its assumptions file */
  guint               stale_after_days; /* prices older are noted; 0 for the default, 90 */
} SkyExportOptions;

gboolean  sky_export_can_write        (SkyExportFormat         format);
char     *sky_export_assumptions_path (const char             *csv_path);
gboolean  sky_export_write            (SkyCatalog             *catalog,
                                       const SkyScenario      *scenario,
                                       const SkyExportOptions *options,
                                       const char             *path,
                                       const char             *assumptions_path,
                                       GCancellable           *cancellable,
                                       GError                **error);
gboolean  sky_export_compute          (SkyCatalog             *catalog,
                                       const SkyScenario      *scenario,
                                       const SkyExportOptions *options,
                                       SkyProjection         **projection,
                                       SkyEstimate           **estimate,
                                       GError                **error);
gboolean  sky_export_write_computed   (SkyCatalog             *catalog,
                                       const SkyScenario      *scenario,
                                       const SkyProjection    *projection,
                                       const SkyEstimate      *estimate,
                                       const SkyExportOptions *options,
                                       const char             *path,
                                       const char             *assumptions_path,
                                       GCancellable           *cancellable,
                                       GError                **error);

G_END_DECLS
