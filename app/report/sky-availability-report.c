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
static gboolean
add_point (SkyAvailabilityReportProvider *p,
           const char                    *currency,
           SkyDecimal                     cost,
           SkyDecimal                     percent,
           gboolean                       written,
           gboolean                       chosen,
           const char                    *changes)
{
  SkyAvailabilityPoint point = { sky_decimal_to_double (cost), percent_value (percent),
                                 written, chosen, FALSE };
  g_autofree char *money = NULL;
  g_autofree char *shown = NULL;
  GString *text;

  /* The same cost and availability reached another way is the same point. */
  for (guint i = 0; i < p->points->len; i++)
    {
      SkyAvailabilityPoint *q = &g_array_index (p->points, SkyAvailabilityPoint, i);

      if (q->cost == point.cost && q->percent == point.percent)
        {
          q->chosen |= chosen;
          q->written |= written;
          return FALSE;
        }
    }
  money = sky_currency_format_display (currency, cost);
  shown = sky_availability_format_percent (percent, SKY_EXPLAIN_DISPLAY);
  text = g_string_new (p->name);

  /* Translators: a point of the availability chart: an availability, then a monthly cost. */
  g_string_append_printf (text, _("\n%s for %s a month"), shown, money);
  if (written)
    g_string_append (text, _("\nThe scenario as written"));
  if (changes != NULL)
    g_string_append_printf (text, "\n%s", changes);
  g_array_append_val (p->points, point);
  g_ptr_array_add (p->point_texts, g_string_free (text, FALSE));
  return TRUE;
}

/* The points by cost, cheapest first (their texts with them), each marked when no other
 * costs less and reaches more. */
static void
sort_points (SkyAvailabilityReportProvider *p)
{
  guint n = p->points->len;

  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0; j--)
      {
        SkyAvailabilityPoint *a = &g_array_index (p->points, SkyAvailabilityPoint, j - 1);
        SkyAvailabilityPoint *b = &g_array_index (p->points, SkyAvailabilityPoint, j);
        SkyAvailabilityPoint t;
        gpointer text;

        if (a->cost < b->cost || (a->cost == b->cost && a->percent <= b->percent))
          break;
        t = *a;
        *a = *b;
        *b = t;
        text = p->point_texts->pdata[j - 1];
        p->point_texts->pdata[j - 1] = p->point_texts->pdata[j];
        p->point_texts->pdata[j] = text;
      }
  for (guint i = 0; i < n; i++)
    {
      SkyAvailabilityPoint *a = &g_array_index (p->points, SkyAvailabilityPoint, i);

      a->front = TRUE;
      for (guint j = 0; j < n && a->front; j++)
        {
          const SkyAvailabilityPoint *b = &g_array_index (p->points, SkyAvailabilityPoint, j);

          if (j != i && b->cost <= a->cost && b->percent >= a->percent &&
              (b->cost < a->cost || b->percent > a->percent))
            a->front = FALSE;
        }
    }
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
    add_point (p, currency, ep->monthly, a->availability, TRUE, FALSE, NULL);
  return p;
}

/* The levels whose cheapest ways make each provider's line on the chart. */
static const char * const levels[] = {
  "99", "99.5", "99.9", "99.95", "99.99", "99.995", "99.999", NULL
};

static const SkyReachProvider *
reach_of (const SkyReach *reach,
          const char     *provider)
{
  for (guint i = 0; reach != NULL && i < reach->providers->len; i++)
    {
      const SkyReachProvider *r = g_ptr_array_index (reach->providers, i);

      if (g_strcmp0 (r->provider, provider) == 0)
        return r;
    }
  return NULL;
}

/* The steps of @r in words, a line each, into @steps when not NULL. */
static char *
describe_steps (const SkyReach         *reach,
                const SkyReachProvider *r,
                GPtrArray              *steps)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < r->steps->len; k++)
    {
      char *step = sky_reach_step_describe (reach, g_ptr_array_index (r->steps, k),
                                            SKY_EXPLAIN_DISPLAY);

      g_string_append_printf (text, "%s%s", k > 0 ? "\n" : "", step);
      if (steps != NULL)
        g_ptr_array_add (steps, step);
      else
        g_free (step);
    }
  return g_string_free (text, FALSE);
}

/* The cheapest way to the scenario's requirement, per provider: its cost and availability, the
 * steps to it, and its point on the chart. */
static void
add_required_reach (SkyAvailabilityReport *report,
                    const SkyReach        *reach)
{
  for (guint i = 0; i < report->providers->len; i++)
    {
      SkyAvailabilityReportProvider *p = g_ptr_array_index (report->providers, i);
      const SkyReachProvider *r = reach_of (reach, p->provider);
      g_autofree char *money = NULL, *percent = NULL, *changes = NULL;

      if (r == NULL)
        continue;
      if (!r->reached)
        {
          /* Translators: the required availability, then why no deployment reaches it. */
          p->reach = g_strdup_printf (_("No way to reach %s: %s"), report->required_text,
                                      r->reason);
          continue;
        }
      money = sky_currency_format_display (report->currency, r->monthly);
      percent = sky_availability_format_percent (r->availability, SKY_EXPLAIN_DISPLAY);
      changes = describe_steps (reach, r, p->steps);
      if (r->steps->len == 0)
        /* Translators: the required availability, then a monthly cost and the availability
         * as written. */
        p->reach = g_strdup_printf (_("The scenario as written is the cheapest way to reach "
                                      "%s: %s a month, %s"), report->required_text, money,
                                    percent);
      else
        p->reach = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The cheapest way to reach %s: %s a month, "
                                                 "%s, in %u step",
                                                 "The cheapest way to reach %s: %s a month, "
                                                 "%s, in %u steps", r->steps->len),
                                    report->required_text, money, percent, r->steps->len);
      add_point (p, report->currency, r->monthly, r->availability, FALSE, TRUE,
                 r->steps->len > 0 ? changes : NULL);
    }
}

/* Each provider's cheapest way to each of the levels: the line the chart draws. */
static void
add_levels (SkyAvailabilityReport *report,
            SkyCatalog            *catalog,
            const SkyScenario     *scenario)
{
  for (guint l = 0; levels[l] != NULL; l++)
    {
      g_autoptr(SkyReach) reach = NULL;
      g_autoptr(GError) error = NULL;
      SkyDecimal level;

      if (!sky_decimal_parse (levels[l], 6, FALSE, &level, NULL))
        continue;
      reach = sky_availability_cheapest (catalog, scenario, &level, NULL,
                                         sky_sla_table_get_default (), NULL, &error);
      if (reach == NULL)
        {
          g_debug ("No cheapest way to %s %%: %s", levels[l], error->message);
          continue;
        }
      for (guint i = 0; i < report->providers->len; i++)
        {
          SkyAvailabilityReportProvider *p = g_ptr_array_index (report->providers, i);
          const SkyReachProvider *r = reach_of (reach, p->provider);
          g_autofree char *changes = NULL;

          if (r == NULL || !r->reached)
            continue;
          changes = describe_steps (reach, r, NULL);
          add_point (p, report->currency, r->monthly, r->availability, FALSE, FALSE,
                     r->steps->len > 0 ? changes : NULL);
        }
    }
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
  if (availability->has_required)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(SkyReach) reach = sky_availability_cheapest (catalog, scenario,
                                                             &availability->required, NULL,
                                                             sky_sla_table_get_default (),
                                                             NULL, &local);

      if (reach != NULL)
        add_required_reach (report, reach);
      else
        for (guint i = 0; i < report->providers->len; i++)
          {
            SkyAvailabilityReportProvider *p = g_ptr_array_index (report->providers, i);

            /* Translators: the required availability, then why it cannot be searched for. */
            p->reach = g_strdup_printf (_("No way to reach %s found: %s"),
                                        report->required_text, local->message);
          }
    }
  add_levels (report, catalog, scenario);
  for (guint i = 0; i < report->providers->len; i++)
    sort_points (g_ptr_array_index (report->providers, i));
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
