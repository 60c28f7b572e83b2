/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-export.h"
#include "sky-file-writer.h"
#include "sky-freshness.h"
#include "sky-json.h"
#include "sky-report.h"
#include "sky-report-pdf.h"
#ifdef HAVE_XLSX
#include "sky-report-xlsx.h"
#endif
#include "sky-score.h"

/* A projection written out for finance or automation: CSV with its assumptions beside it,
 * a PDF report, or JSON. skytally-cli export and the Export dialog both write through here. */

/* Whether this build writes @format: XLSX needs libxlsxwriter. */
gboolean
sky_export_can_write (SkyExportFormat format)
{
#ifdef HAVE_XLSX
  return TRUE;
#else
  return format != SKY_EXPORT_XLSX;
#endif
}

/* OUT.csv's assumptions go to OUT.assumptions.csv. */
char *
sky_export_assumptions_path (const char *csv_path)
{
  g_autofree char *stem = g_str_has_suffix (csv_path, ".csv")
                          ? g_strndup (csv_path, strlen (csv_path) - 4) : g_strdup (csv_path);

  return g_strconcat (stem, ".assumptions.csv", NULL);
}

/* Writes the CSV and its assumptions: both are put in place, or neither. A CSV written
 * directly (standard output, a device, a pipe) has no folder to put its assumptions beside,
 * so they go only where @assumptions_path says. */
static gboolean
write_csv_pair (const char    *path,
                const char    *csv,
                gsize          length,
                const char    *assumptions_path,
                const char    *assumptions,
                gsize          alength,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(SkyFileWrite) main = sky_file_write_begin (path, SKY_FILE_WRITE_DEFAULT, error);
  g_autoptr(SkyFileWrite) beside = NULL;
  g_autofree char *apath = NULL;

  if (main == NULL)
    return FALSE;
  if (assumptions_path != NULL)
    apath = g_strdup (assumptions_path);
  else if (!sky_file_write_is_direct (main))
    apath = sky_export_assumptions_path (path);
  if (apath != NULL)
    {
      beside = sky_file_write_begin (apath, SKY_FILE_WRITE_DEFAULT, error);
      if (beside == NULL || !sky_file_write_append (beside, assumptions, alength, error))
        return FALSE;
    }
  if (!sky_file_write_append (main, csv, length, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (beside == NULL)
    return sky_file_write_commit (main, error);
  return sky_file_write_commit_all ((SkyFileWrite *[]) { beside, main }, 2, error);
}

/* Projects @scenario and writes it to @path as @options say. A CSV's assumptions go to
 * @assumptions_path, or beside it when that is NULL. Each file is written through the safe
 * writer (sky-file-writer.c): replaced whole or not at all, a CSV and its assumptions
 * together; once @cancellable is cancelled no further file is written. */
gboolean
sky_export_write (SkyCatalog             *catalog,
                  const SkyScenario      *scenario,
                  const SkyExportOptions *options,
                  const char             *path,
                  const char             *assumptions_path,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(SkyEstimate) estimate = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (scenario != NULL && options != NULL && path != NULL, FALSE);

  if (!sky_export_can_write (options->format))
    return sky_export_write_computed (catalog, scenario, NULL, NULL, options, path,
                                      assumptions_path, cancellable, error);
  if (!sky_export_compute (catalog, scenario, options, &projection, &estimate, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return sky_export_write_computed (catalog, scenario, projection, estimate, options, path,
                                    assumptions_path, cancellable, error);
}

/* What sky_export_write() writes from, worked out once for several files of one scenario
 * and @options (but their format): its projection and its estimate, aged as @options say. */
gboolean
sky_export_compute (SkyCatalog              *catalog,
                    const SkyScenario       *scenario,
                    const SkyExportOptions  *options,
                    SkyProjection          **projection,
                    SkyEstimate            **estimate,
                    GError                 **error)
{
  g_autoptr(SkyProjection) p = NULL;
  SkyEstimate *e;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (scenario != NULL && options != NULL, FALSE);
  g_return_val_if_fail (projection != NULL && estimate != NULL, FALSE);

  p = sky_projection_compute (catalog, scenario, options->providers, options->months, error);
  if (p == NULL)
    return FALSE;
  /* Every format says how old the prices are, as the estimate of the same sheets has it. */
  e = sky_estimate_compute (catalog, scenario, options->providers, FALSE, error);
  if (e == NULL)
    return FALSE;
  sky_estimate_set_freshness (e, NULL,
                              options->stale_after_days > 0 ? options->stale_after_days
                                                            : SKY_FRESHNESS_STALE_AFTER_DEFAULT);
  *projection = g_steal_pointer (&p);
  *estimate = e;
  return TRUE;
}

/* Writes @scenario's @projection and @estimate (sky_export_compute() with the same @options)
 * to @path as sky_export_write() does. */
gboolean
sky_export_write_computed (SkyCatalog             *catalog,
                           const SkyScenario      *scenario,
                           const SkyProjection    *projection,
                           const SkyEstimate      *estimate,
                           const SkyExportOptions *options,
                           const char             *path,
                           const char             *assumptions_path,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_return_val_if_fail (SKY_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (scenario != NULL && options != NULL && path != NULL, FALSE);

  if (!sky_export_can_write (options->format))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build cannot write XLSX workbooks: it was made without "
                             "libxlsxwriter"));
      return FALSE;
    }
  g_return_val_if_fail (projection != NULL && estimate != NULL, FALSE);

  switch (options->format)
    {
    case SKY_EXPORT_CSV:
      {
        gsize length = 0, alength = 0;
        g_autofree char *csv = sky_report_projection_csv (scenario, projection, estimate,
                                                          options->dialect,
                                                          options->bom, &length, error);
        g_autofree char *assumptions = NULL;

        if (csv == NULL)
          return FALSE;
        if (options->no_assumptions)
          return sky_file_write_contents (path, csv, length, SKY_FILE_WRITE_DEFAULT, error);
        assumptions = sky_report_assumptions_csv_full (scenario, projection, estimate,
                                                       options->dialect, options->bom, &alength);
        return write_csv_pair (path, csv, length, assumptions_path, assumptions, alength,
                               cancellable, error);
      }
    case SKY_EXPORT_PDF:
      {
        g_autoptr(SkyScoring) scoring = NULL;
        g_autoptr(SkySummary) summary = NULL;
        g_autoptr(SkyAvailabilityReport) availability = NULL;

        if (scenario->candidates->len > 0 && scenario->criteria->len > 0)
          {
            g_autoptr(GError) local = NULL;

            /* Without a ranking the report still has everything else, but never a wrong
             * figure. */
            scoring = sky_score_scenario (catalog, scenario, &local);
            if (g_error_matches (local, SKY_SCORE_ERROR, SKY_SCORE_ERROR_OVERFLOW))
              {
                g_propagate_error (error, g_steal_pointer (&local));
                return FALSE;
              }
            if (scoring == NULL)
              g_debug ("The report leaves out the ranking: %s", local->message);
          }
        /* The report opens with the summary, over the scenario's default term. */
        summary = sky_summary_for_estimate (catalog, scenario, estimate, options->providers,
                                            FALSE, 0, error);
        if (summary == NULL)
          return FALSE;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        /* The availability is said whenever the scenario has providers to judge. */
        if (estimate->providers->len > 0)
          {
            g_autoptr(GError) local = NULL;

            availability = sky_availability_report_new (catalog, scenario, estimate, &local);
            if (availability == NULL)
              g_debug ("The report leaves out the availability: %s", local->message);
          }
        return sky_report_write_pdf_full (scenario, estimate, projection, summary, scoring,
                                          availability, path, error);
      }
    case SKY_EXPORT_XLSX:
#ifdef HAVE_XLSX
      {
        g_autoptr(SkySummary) summary = NULL;

        summary = sky_summary_for_estimate (catalog, scenario, estimate, options->providers,
                                            FALSE, 0, error);
        if (summary == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        return sky_report_write_xlsx (scenario, estimate, projection, summary, path, error);
      }
#else
      g_return_val_if_reached (FALSE);
#endif
    case SKY_EXPORT_JSON:
      {
        g_autoptr(JsonNode) root = sky_json_projection (scenario, projection);
        gsize length = 0;
        g_autofree char *text = NULL;

        sky_json_add_freshness (root, estimate);
        text = sky_json_to_data (root, &length);

        return sky_file_write_contents (path, text, length, SKY_FILE_WRITE_DEFAULT, error);
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}
