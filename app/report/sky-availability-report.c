/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-availability-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-availability.h"
#include "sky-availability-report.h"
#include "sky-currency.h"
#include "sky-sla.h"

static void
provider_free (SkyAvailabilityReportProvider *p)
{
  g_free (p->provider);
  g_free (p->name);
  g_free (p->percent);
  g_free (p->downtime);
  g_free (p->monthly);
  g_free (p->summary);
  g_free (p->explanation);
  g_free (p->verdict_text);
  g_free (p->reach);
  g_ptr_array_unref (p->steps);
  g_array_unref (p->points);
  g_ptr_array_unref (p->point_texts);
  g_free (p);
}

void
sky_availability_report_free (SkyAvailabilityReport *report)
{
  if (report == NULL)
    return;
  g_free (report->currency);
  g_free (report->required_text);
  g_free (report->status);
  g_free (report->description);
  g_ptr_array_unref (report->providers);
  g_free (report);
}

static double
percent_value (SkyDecimal percent)
{
  return sky_decimal_to_double (percent);
}

/* A point of the chart and its tooltip: "99.99 % for 1,363.94 $ a month", then what it
 * changes. */
static void
add_point (SkyAvailabilityReportProvider *p,
           const char                    *currency,
           SkyDecimal                     cost,
           SkyDecimal                     percent,
           gboolean                       written,
           gboolean                       chosen,
           const char                    *changes)
{
  SkyAvailabilityPoint point = { sky_decimal_to_double (cost), percent_value (percent),
                                 written, chosen };
  g_autofree char *money = sky_currency_format_display (currency, cost);
  g_autofree char *shown = sky_availability_format_percent (percent, SKY_EXPLAIN_DISPLAY);
  GString *text = g_string_new (p->name);

  /* Translators: a point of the availability chart: an availability, then a monthly cost. */
  g_string_append_printf (text, _("\n%s for %s a month"), shown, money);
  if (written)
    g_string_append (text, _("\nThe scenario as written"));
  if (changes != NULL)
    g_string_append_printf (text, "\n%s", changes);
  g_array_append_val (p->points, point);
  g_ptr_array_add (p->point_texts, g_string_free (text, FALSE));
}

static SkyAvailabilityReportProvider *
provider_new (const SkyAvailability         *availability,
              const SkyAvailabilityProvider *a,
              const SkyEstimateProvider     *ep,
              const char                    *currency)
{
  SkyAvailabilityReportProvider *p = g_new0 (SkyAvailabilityReportProvider, 1);

  p->provider = g_strdup (a->provider);
  p->name = g_strdup (a->provider_name);
  p->steps = g_ptr_array_new_with_free_func (g_free);
  p->points = g_array_new (FALSE, FALSE, sizeof (SkyAvailabilityPoint));
  p->point_texts = g_ptr_array_new_with_free_func (g_free);
  p->monthly = sky_currency_format_display (currency, ep->monthly);
  p->explanation = sky_availability_explain (availability, a, SKY_EXPLAIN_DISPLAY);
  p->verdict_text = sky_availability_verdict (availability, a, SKY_EXPLAIN_DISPLAY);
  if (a->complete)
    {
      g_autofree char *month = sky_availability_format_downtime (a->downtime_month,
                                                                 SKY_EXPLAIN_DISPLAY);
      g_autofree char *year = sky_availability_format_downtime (a->downtime_year,
                                                                SKY_EXPLAIN_DISPLAY);

      p->percent = sky_availability_format_percent (a->availability, SKY_EXPLAIN_DISPLAY);
      /* Translators: expected downtime a month, then a year, as in "about 26.3 minutes down a
       * month, 5.3 hours a year". */
      p->downtime = g_strdup_printf (_("about %s down a month, %s a year"), month, year);
      /* Translators: a provider's availability, its downtime, and what the scenario costs it a
       * month, as in "99.94 % · about 26.3 minutes down a month, 5.3 hours a year · 1,234.56 $
       * a month". */
      p->summary = g_strdup_printf (_("%s · %s · %s a month"), p->percent, p->downtime,
                                    p->monthly);
    }
  else if (a->parts->len == 0)
    p->summary = g_strdup (_("Availability not known: no line's service publishes an SLA"));
  else
    {
      const SkyAvailabilityLine *first = g_ptr_array_index (a->unknown, 0);

      /* Translators: why a provider's availability cannot be judged: a line and its reason. */
      p->summary = g_strdup_printf (_("Availability not known: %s: %s"), first->label,
                                    first->reason);
    }
  if (!availability->has_required)
    p->verdict = SKY_AVAILABILITY_VERDICT_NONE;
  else if (!a->complete)
    p->verdict = SKY_AVAILABILITY_VERDICT_UNKNOWN;
  else
    p->verdict = a->short_of_required ? SKY_AVAILABILITY_VERDICT_SHORT
                                      : SKY_AVAILABILITY_VERDICT_MEETS;
  if (a->complete)
    add_point (p, currency, ep->monthly, a->availability, TRUE,
               p->verdict == SKY_AVAILABILITY_VERDICT_MEETS, NULL);
  return p;
}

/* The chart in words: each provider's availability as written and at what cost, the
 * requirement, and who reaches it for how much. */
static char *
describe (const SkyAvailabilityReport *report)
{
  GString *text = g_string_new (_("Cost against availability."));

  for (guint i = 0; i < report->providers->len; i++)
    {
      const SkyAvailabilityReportProvider *p = g_ptr_array_index (report->providers, i);

      if (p->percent != NULL)
        /* Translators: in the chart's description: a provider, its availability as written
         * and its monthly cost. */
        g_string_append_printf (text, _(" %s: %s as written for %s a month"), p->name,
                                p->percent, p->monthly);
      else
        g_string_append_printf (text, " %s: %s", p->name, p->summary);
      if (p->points->len > 1)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   ", %u other level reachable",
                                                   ", %u other levels reachable",
                                                   p->points->len - 1), p->points->len - 1);
      if (p->reach != NULL)
        g_string_append_printf (text, "; %s", p->reach);
      g_string_append_c (text, '.');
    }
  if (report->has_required)
    /* Translators: the required availability, drawn as a dashed line. */
    g_string_append_printf (text, _(" Required: %s."), report->required_text);
  return g_string_free (text, FALSE);
}

/**
 * sky_availability_report_new:
 * @estimate: (nullable): @scenario priced on @catalog, or %NULL to price it here
 *
 * Returns: (transfer full): cost against availability for @scenario's providers, or %NULL
 *   with @error set when the scenario cannot be priced
 */
SkyAvailabilityReport *
sky_availability_report_new (SkyCatalog         *catalog,
                             const SkyScenario  *scenario,
                             const SkyEstimate  *estimate,
                             GError            **error)
{
  g_autoptr(SkyEstimate) own = NULL;
  g_autoptr(SkyAvailability) availability = NULL;
  SkyAvailabilityReport *report;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  if (estimate == NULL)
    {
      own = sky_estimate_compute (catalog, scenario, NULL, FALSE, error);
      if (own == NULL)
        return NULL;
      estimate = own;
    }
  availability = sky_availability_compute (estimate, scenario, sky_sla_table_get_default ());
  report = g_new0 (SkyAvailabilityReport, 1);
  report->currency = g_strdup (estimate->currency);
  report->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);
  report->has_required = availability->has_required;
  if (availability->has_required)
    {
      report->required = percent_value (availability->required);
      report->required_text = sky_availability_format_percent (availability->required,
                                                               SKY_EXPLAIN_DISPLAY);
    }
  for (guint i = 0; i < availability->providers->len && i < estimate->providers->len; i++)
    g_ptr_array_add (report->providers,
                     provider_new (availability, g_ptr_array_index (availability->providers, i),
                                   g_ptr_array_index (estimate->providers, i),
                                   estimate->currency));
  report->status = availability->has_required
                   /* Translators: above the availability chart: the required availability. */
                   ? g_strdup_printf (_("The scenario requires %s; each provider's cheapest "
                                        "way to reach it is listed under the chart."),
                                      report->required_text)
                   : g_strdup (_("The scenario requires no availability: set one beside its "
                                 "hours a month on the Scenario page to find the cheapest way "
                                 "to reach it."));
  report->description = describe (report);
  return report;
}
