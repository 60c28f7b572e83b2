/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-export"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sky-currency.h"
#include "sky-export.h"
#include "sky-file-writer.h"
#include "sky-report.h"
#include "sky-score.h"

/* A projection written out for finance or automation: CSV with its assumptions beside it,
 * a PDF report, or JSON. skytally-cli export and the Export dialog both write through here. */

/* Adds @member as a string, or as null when @value is NULL. */
void
sky_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_money (JsonBuilder         *builder,
            const SkyProjection *projection,
            SkyDecimal           amount)
{
  g_autofree char *text = sky_currency_format (projection->currency, amount);

  json_builder_add_string_value (builder, text);
}

static void
json_months (JsonBuilder         *builder,
             const char          *member,
             const SkyProjection *projection,
             const SkyDecimal    *months)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint m = 0; m < projection->months; m++)
    json_money (builder, projection, months[m]);
  json_builder_end_array (builder);
}

static JsonNode *
projection_json_node (const SkyScenario   *s,
                      const SkyProjection *projection)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sky_json_add_string (builder, "scenario", s->name);
  sky_json_add_string (builder, "currency", projection->currency);
  json_builder_set_member_name (builder, "months");
  json_builder_add_int_value (builder, projection->months);
  {
    int cheapest = sky_projection_cheapest_complete (projection);
    sky_json_add_string (builder, "cheapest_complete",
                         cheapest >= 0 ? ((const SkyProjectionProvider *)
                                          g_ptr_array_index (projection->providers,
                                                             cheapest))->provider
                                       : NULL);
  }
  json_builder_set_member_name (builder, "providers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "provider", p->provider);
      sky_json_add_string (builder, "provider_name", p->provider_name);
      sky_json_add_string (builder, "sheet_version", p->sheet_version);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, sky_projection_complete (p));
      json_builder_set_member_name (builder, "lines");
      json_builder_begin_array (builder);
      for (guint l = 0; l < p->n_lines; l++)
        {
          const char *group = g_ptr_array_index (p->groups, l);

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "label", g_ptr_array_index (p->labels, l));
          sky_json_add_string (builder, "group", *group != '\0' ? group : NULL);
          json_builder_set_member_name (builder, "priced");
          json_builder_add_boolean_value (builder, g_array_index (p->priced, gboolean, l));
          json_months (builder, "cash", projection, &p->cash[l * projection->months]);
          json_months (builder, "amortised", projection, &p->amortised[l * projection->months]);
          json_builder_set_member_name (builder, "break_even_month");
          if (p->break_even[l] > 0)
            json_builder_add_int_value (builder, p->break_even[l]);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_months (builder, "total_cash", projection, p->total_cash);
      json_months (builder, "total_amortised", projection, p->total_amortised);
      json_months (builder, "low", projection, p->low);
      json_months (builder, "high", projection, p->high);
      json_builder_set_member_name (builder, "budget");
      if (s->budget == NULL)
        json_builder_add_null_value (builder);
      else
        {
          static const char * const verdicts[] = {
            [SKY_BUDGET_NONE] = "none", [SKY_BUDGET_WITHIN] = "within",
            [SKY_BUDGET_OVER] = "over", [SKY_BUDGET_CANNOT_JUDGE] = "cannot-judge",
          };

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "verdict", verdicts[sky_projection_verdict (s, p)]);
          json_builder_set_member_name (builder, "first_month_over");
          if (p->first_month_over > 0)
            json_builder_add_int_value (builder, p->first_month_over);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "first_year_over");
          if (p->first_year_over > 0)
            json_builder_add_int_value (builder, p->first_year_over);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "headroom");
          if (s->budget->has_monthly)
            json_money (builder, projection, p->headroom);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The projection as JSON: per provider its lines' months (cash and amortised), the totals,
 * the low and high range, and the budget status; money as decimal strings. */
char *
sky_export_projection_json (const SkyScenario   *scenario,
                            const SkyProjection *projection,
                            gsize               *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = projection_json_node (scenario, projection);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
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

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (scenario != NULL && options != NULL && path != NULL, FALSE);

  projection = sky_projection_compute (catalog, scenario, options->providers, options->months,
                                       error);
  if (projection == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (options->format)
    {
    case SKY_EXPORT_CSV:
      {
        gsize length = 0, alength = 0;
        g_autofree char *csv = sky_report_projection_csv (scenario, projection, options->dialect,
                                                          options->bom, &length, error);
        g_autofree char *assumptions = NULL;

        if (csv == NULL)
          return FALSE;
        assumptions = sky_report_assumptions_csv (scenario, projection, options->dialect,
                                                  options->bom, &alength);
        if (options->no_assumptions)
          return sky_file_write_contents (path, csv, length, SKY_FILE_WRITE_DEFAULT, error);
        return write_csv_pair (path, csv, length, assumptions_path, assumptions, alength,
                               cancellable, error);
      }
    case SKY_EXPORT_PDF:
      {
        g_autoptr(SkyEstimate) estimate = NULL;
        g_autoptr(SkyScoring) scoring = NULL;

        estimate = sky_estimate_compute (catalog, scenario, options->providers, FALSE, error);
        if (estimate == NULL)
          return FALSE;
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
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        return sky_report_write_pdf (scenario, estimate, projection, scoring, path, error);
      }
    case SKY_EXPORT_JSON:
      {
        gsize length = 0;
        g_autofree char *text = sky_export_projection_json (scenario, projection, &length);

        return sky_file_write_contents (path, text, length, SKY_FILE_WRITE_DEFAULT, error);
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}
