/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-availability"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-availability.h"
#include "sky-availability-private.h"
#include "sky-currency.h"
#include "sky-vocabulary.h"

/* Arithmetic ------------------------------------------------------------------------------ */

static SkyDecimal
keep (SkyDecimal value)
{
  if (value.scale > SKY_AVAILABILITY_SCALE)
    value = sky_decimal_round (value, SKY_AVAILABILITY_SCALE, SKY_ROUND_HALF_EVEN);
  return value;
}

/* @percent as a fraction of 1. */
SkyDecimal
_sky_availability_fraction (SkyDecimal percent)
{
  SkyDecimal out;

  if (!sky_decimal_div (percent, sky_decimal_from_int (100), percent.scale + 2, SKY_ROUND_HALF_EVEN,
                        &out))
    return sky_decimal_from_int (0);
  return keep (sky_decimal_normalize (out));
}

SkyDecimal
_sky_availability_percent (SkyDecimal fraction)
{
  SkyDecimal out;

  if (!sky_decimal_mul (fraction, sky_decimal_from_int (100), &out))
    return sky_decimal_from_int (0);
  return sky_decimal_normalize (out);
}

/* a × b, fractions of 1. */
SkyDecimal
_sky_availability_series (SkyDecimal a,
                          SkyDecimal b)
{
  SkyDecimal out;

  if (!sky_decimal_mul (keep (a), keep (b), &out))
    return sky_decimal_from_int (0);
  return keep (out);
}

/* 1 − (1 − a)^n: @n whole copies, any one of which is enough. */
SkyDecimal
_sky_availability_parallel (SkyDecimal a,
                            guint      n)
{
  SkyDecimal one = sky_decimal_from_int (1), down, all_down = sky_decimal_from_int (1), out;

  if (!sky_decimal_sub (one, a, &down))
    return a;
  for (guint i = 0; i < n; i++)
    all_down = _sky_availability_series (all_down, down);
  if (!sky_decimal_sub (one, all_down, &out))
    return a;
  return keep (out);
}

/* Minutes of downtime a month that @fraction allows, at @hours a month. */
SkyDecimal
_sky_availability_downtime (SkyDecimal fraction,
                            SkyDecimal hours)
{
  SkyDecimal down, out;
  gboolean overflow = FALSE;

  if (!sky_decimal_sub (sky_decimal_from_int (1), fraction, &down))
    return sky_decimal_from_int (0);
  out = sky_decimal_mul_or_flag (down, hours, &overflow);
  out = sky_decimal_mul_or_flag (out, sky_decimal_from_int (60), &overflow);
  return overflow ? sky_decimal_from_int (0) : sky_decimal_normalize (keep (out));
}

/* Formatting ------------------------------------------------------------------------------ */

static SkyDecimal
cut (SkyDecimal value,
     guint      decimals)
{
  while (value.scale > decimals)
    {
      value.coef /= 10;
      value.scale--;
    }
  return sky_decimal_normalize (value);
}

static char *
number (SkyDecimal      value,
        SkyExplainStyle style)
{
  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_format_number (value, 0);
  return sky_decimal_to_string (value);
}

/* "99.94 %": at most SKY_AVAILABILITY_SHOWN_DECIMALS decimals, cut rather than rounded, so
 * that a figure is never shown above what it is. */
char *
sky_availability_format_percent (SkyDecimal      percent,
                                 SkyExplainStyle style)
{
  g_autofree char *digits = number (cut (percent, SKY_AVAILABILITY_SHOWN_DECIMALS), style);

  /* Translators: a percentage, as in "99.95 %" */
  return g_strdup_printf (_("%s %%"), digits);
}

/* A level as it was written (a required availability, a published SLA): every digit. */
char *
sky_availability_format_level (SkyDecimal      percent,
                               SkyExplainStyle style)
{
  g_autofree char *digits = number (sky_decimal_normalize (percent), style);

  return g_strdup_printf (_("%s %%"), digits);
}

/* Minutes of downtime for people: "4.4 minutes" under two hours, else "3.7 hours". */
char *
sky_availability_format_downtime (SkyDecimal      minutes,
                                  SkyExplainStyle style)
{
  g_autofree char *digits = NULL;
  SkyDecimal hours;

  if (sky_decimal_compare (minutes, sky_decimal_from_int (120)) < 0)
    {
      digits = number (sky_decimal_normalize (sky_decimal_round (minutes, 1, SKY_ROUND_HALF_UP)),
                       style);
      /* Translators: a duration in minutes with one decimal, as in "4.4 minutes" */
      return g_strdup_printf (_("%s minutes"), digits);
    }
  sky_decimal_div (minutes, sky_decimal_from_int (60), 1, SKY_ROUND_HALF_UP, &hours);
  digits = number (sky_decimal_normalize (hours), style);
  /* Translators: a duration in hours with one decimal, as in "3.7 hours" */
  return g_strdup_printf (_("%s hours"), digits);
}

/* "Amazon EC2, Across zones" or "Amazon EC2, Across zones, in 2 regions". */
char *
sky_availability_part_title (const SkyAvailabilityPart *part)
{
  const char *kind;

  g_return_val_if_fail (part != NULL, NULL);

  kind = sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT, part->deployment);
  if (part->regions > 1)
    /* Translators: a service, how it is deployed (a title), and a number of regions, as in
     * "Amazon EC2, Across zones, in 2 regions" */
    return g_strdup_printf (_("%s, %s, in %u regions"), part->service_name, kind, part->regions);
  /* Translators: a service and how it is deployed (a title), as in "Amazon EC2, Across
   * zones" */
  return g_strdup_printf (_("%s, %s"), part->service_name, kind);
}

/* Computing ------------------------------------------------------------------------------- */

static void
part_free (SkyAvailabilityPart *part)
{
  g_free (part->service);
  g_free (part->service_name);
  g_free (part->deployment);
  g_ptr_array_unref (part->lines);
  g_free (part->source);
  g_free (part->condition);
  g_free (part);
}

static void
line_free (SkyAvailabilityLine *line)
{
  g_free (line->label);
  g_free (line->reason);
  g_free (line);
}

static void
provider_free (SkyAvailabilityProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_ptr_array_unref (p->parts);
  g_ptr_array_unref (p->no_sla);
  g_ptr_array_unref (p->unknown);
  g_free (p);
}

void
sky_availability_free (SkyAvailability *availability)
{
  if (availability == NULL)
    return;
  g_ptr_array_unref (availability->providers);
  g_free (availability);
}

static void
add_line (GPtrArray  *lines,
          const char *label,
          char       *reason)
{
  SkyAvailabilityLine *line = g_new0 (SkyAvailabilityLine, 1);

  line->label = g_strdup (label);
  line->reason = reason;
  g_ptr_array_add (lines, line);
}

/* Whether the service of @offer publishes any SLA: in the table, or in its sheet. */
gboolean
_sky_availability_service_has_sla (SkySlaTable           *table,
                                   const SkyOfferDetails *offer)
{
  g_autoptr(GPtrArray) entries = sky_sla_table_for_service (table, offer->provider,
                                                            offer->service);

  return entries->len > 0 || (offer->sla != NULL && *offer->sla != '\0');
}

static char *
describe_source (const SkySla          *entry,
                 const SkyOfferDetails *offer)
{
  if (entry != NULL)
    return sky_sla_describe_source (entry);
  /* Translators: where an SLA figure comes from when the curated table does not give it: the
   * provider's price sheet and its version, as in "the price sheet aws 2025.06.1" */
  return g_strdup_printf (_("the price sheet %s %s"), offer->provider,
                          offer->sheet_version != NULL ? offer->sheet_version : "");
}

static SkyAvailabilityProvider *
compute_provider (const SkyEstimateProvider *ep,
                  const SkyScenario         *scenario,
                  SkySlaTable               *table,
                  const SkyAvailability     *out)
{
  SkyAvailabilityProvider *p = g_new0 (SkyAvailabilityProvider, 1);
  SkyDecimal product = sky_decimal_from_int (1);

  p->provider = g_strdup (ep->provider);
  p->provider_name = g_strdup (ep->provider_name);
  p->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  p->no_sla = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  p->unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);

  for (guint i = 0; i < ep->lines->len; i++)
    {
      const SkyEstimateLine *el = g_ptr_array_index (ep->lines, i);
      const SkyScenarioLine *line = el->index < scenario->lines->len
                                    ? g_ptr_array_index (scenario->lines, el->index) : NULL;
      const char *deployment = line != NULL ? sky_scenario_line_get_deployment (line)
                                            : SKY_DEPLOYMENT_DEFAULT;
      guint regions = line != NULL ? sky_scenario_line_get_regions (line) : 1;
      const SkySla *entry = NULL;
      g_autofree char *figure = NULL;
      SkyAvailabilityPart *part = NULL;
      SkyDecimal published;

      if (el->status != SKY_LINE_PRICED || el->offer == NULL)
        {
          add_line (p->unknown, el->label, g_strdup (_("not priced, so its SLA is not known")));
          continue;
        }
      figure = sky_offer_sla_for (table, el->offer, deployment, &entry);
      if (figure == NULL && !_sky_availability_service_has_sla (table, el->offer))
        {
          add_line (p->no_sla, el->label,
                    /* Translators: a service, as in "Amazon EC2 publishes no SLA" */
                    g_strdup_printf (_("%s publishes no SLA"), el->offer->service_name));
          continue;
        }
      if (figure == NULL || !sky_decimal_parse (figure, 10, FALSE, &published, NULL))
        {
          const char *kind = sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT, deployment);

          add_line (p->unknown, el->label,
                    /* Translators: a service and a deployment (a title), as in "Cloud SQL for
                     * PostgreSQL publishes no SLA for “Single instance”" */
                    g_strdup_printf (_("%s publishes no SLA for “%s”"), el->offer->service_name,
                                     kind));
          continue;
        }

      for (guint k = 0; k < p->parts->len && part == NULL; k++)
        {
          SkyAvailabilityPart *other = g_ptr_array_index (p->parts, k);

          if (strcmp (other->service, el->offer->service) == 0 &&
              strcmp (other->deployment, deployment) == 0 && other->regions == regions)
            part = other;
        }
      if (part == NULL)
        {
          part = g_new0 (SkyAvailabilityPart, 1);
          part->service = g_strdup (el->offer->service);
          part->service_name = g_strdup (el->offer->service_name);
          part->deployment = g_strdup (deployment);
          part->regions = regions;
          part->lines = g_ptr_array_new_with_free_func (g_free);
          part->published = published;
          part->source = describe_source (entry, el->offer);
          part->condition = entry != NULL ? g_strdup (entry->condition) : NULL;
          g_ptr_array_add (p->parts, part);
        }
      else if (sky_decimal_compare (published, part->published) < 0)
        {
          /* Lines of one part whose offers promise different figures: the lowest holds. */
          part->published = published;
          g_free (part->source);
          part->source = describe_source (entry, el->offer);
          g_free (part->condition);
          part->condition = entry != NULL ? g_strdup (entry->condition) : NULL;
        }
      g_ptr_array_add (part->lines, g_strdup (el->label));
    }

  for (guint k = 0; k < p->parts->len; k++)
    {
      SkyAvailabilityPart *part = g_ptr_array_index (p->parts, k);
      SkyDecimal a = _sky_availability_fraction (part->published);

      part->implied = part->regions > 1;
      if (part->implied)
        a = _sky_availability_parallel (a, part->regions);
      part->availability = _sky_availability_percent (a);
      p->implied |= part->implied;
      product = _sky_availability_series (product, a);
    }
  p->availability = _sky_availability_percent (product);
  p->complete = p->unknown->len == 0 && p->parts->len > 0;
  p->downtime_month = _sky_availability_downtime (product, out->hours_per_month);
  p->downtime_year = sky_decimal_normalize (
    sky_decimal_mul_or_flag (p->downtime_month, sky_decimal_from_int (12), &(gboolean) { FALSE }));
  p->short_of_required = p->complete && out->has_required &&
                         sky_decimal_compare (p->availability, out->required) < 0;
  return p;
}

/* The composite availability of each provider of @estimate, a pricing of @scenario, from the
 * SLAs of @table (NULL: the bundled one). */
SkyAvailability *
sky_availability_compute (const SkyEstimate *estimate,
                          const SkyScenario *scenario,
                          SkySlaTable       *table)
{
  SkyAvailability *out;

  g_return_val_if_fail (estimate != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  if (table == NULL)
    table = sky_sla_table_get_default ();
  out = g_new0 (SkyAvailability, 1);
  out->has_required = sky_scenario_get_required_availability (scenario, &out->required);
  out->hours_per_month = scenario->hours_per_month;
  out->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);
  for (guint i = 0; i < estimate->providers->len; i++)
    g_ptr_array_add (out->providers,
                     compute_provider (g_ptr_array_index (estimate->providers, i), scenario,
                                       table, out));
  return out;
}

const SkyAvailabilityProvider *
sky_availability_find (const SkyAvailability *availability,
                       const char            *provider)
{
  g_return_val_if_fail (availability != NULL, NULL);

  for (guint i = 0; i < availability->providers->len; i++)
    {
      const SkyAvailabilityProvider *p = g_ptr_array_index (availability->providers, i);

      if (g_strcmp0 (p->provider, provider) == 0)
        return p;
    }
  return NULL;
}

/* Explaining ------------------------------------------------------------------------------ */

static char *
join_labels (GPtrArray *labels)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (labels, i));
  return g_string_free (text, FALSE);
}

/* How the availability of @provider was made, one sentence per step: each part's figure and
 * where it comes from, a part in several regions combined, the product, the lines left out,
 * the downtime, and the verdict against the requirement. */
GPtrArray *
sky_availability_steps (const SkyAvailability         *availability,
                        const SkyAvailabilityProvider *p,
                        SkyExplainStyle                style)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);
  GString *product = g_string_new (NULL);
  g_autofree char *total = NULL, *month = NULL, *year = NULL, *down = NULL, *hours = NULL;
  SkyDecimal down_percent;

  g_return_val_if_fail (availability != NULL && p != NULL, steps);

  for (guint k = 0; k < p->parts->len; k++)
    {
      const SkyAvailabilityPart *part = g_ptr_array_index (p->parts, k);
      g_autofree char *title = sky_availability_part_title (part);
      g_autofree char *labels = join_labels (part->lines);
      g_autofree char *published = sky_availability_format_level (part->published, style);
      g_autofree char *combined = sky_availability_format_percent (part->availability, style);

      if (part->condition != NULL)
        /* Translators: a part (service and deployment), its lines, its published SLA, where
         * that comes from and what the SLA asks, as in "Amazon EC2, across zones (API servers):
         * 99.99 %, Amazon Compute Service Level Agreement (https://…), as of 2025-06-01: two
         * or more instances across zones" */
        g_ptr_array_add (steps, g_strdup_printf (_("%s (%s): %s, %s: %s"), title, labels,
                                                 published, part->source, part->condition));
      else
        /* Translators: as above, without a condition */
        g_ptr_array_add (steps, g_strdup_printf (_("%s (%s): %s, %s"), title, labels, published,
                                                 part->source));
      if (part->implied)
        /* Translators: a part in N regions: 1 − (1 − a)^N, as in "in 2 regions: 1 − (1 −
         * 99.5 %)^2 = 99.997 % (implied by the SLAs, not published)" */
        g_ptr_array_add (steps, g_strdup_printf (_("in %u regions: 1 − (1 − %s)^%u = %s "
                                                   "(implied by the SLAs, not published)"),
                                                 part->regions, published, part->regions,
                                                 combined));
      g_string_append_printf (product, "%s%s", k > 0 ? " × " : "", combined);
    }
  total = sky_availability_format_percent (p->availability, style);
  if (p->parts->len > 1)
    g_ptr_array_add (steps, g_strdup_printf ("%s = %s", product->str, total));
  g_string_free (product, TRUE);

  for (guint i = 0; i < p->no_sla->len; i++)
    {
      const SkyAvailabilityLine *line = g_ptr_array_index (p->no_sla, i);

      /* Translators: a line left out of the availability and why, as in "Internet egress is
       * not counted: AWS Data Transfer Out publishes no SLA" */
      g_ptr_array_add (steps, g_strdup_printf (_("%s is not counted: %s"), line->label,
                                               line->reason));
    }
  for (guint i = 0; i < p->unknown->len; i++)
    {
      const SkyAvailabilityLine *line = g_ptr_array_index (p->unknown, i);

      /* Translators: a line whose SLA is not known, so the availability is incomplete */
      g_ptr_array_add (steps, g_strdup_printf (_("%s: %s; the availability is incomplete"),
                                               line->label, line->reason));
    }
  if (p->parts->len == 0)
    return steps;

  sky_decimal_sub (sky_decimal_from_int (100), p->availability, &down_percent);
  /* Every digit of the share down, so that the downtime can be checked by hand. */
  down = sky_availability_format_level (down_percent, style);
  hours = number (availability->hours_per_month, style);
  month = sky_availability_format_downtime (p->downtime_month, style);
  year = sky_availability_format_downtime (p->downtime_year, style);
  /* Translators: the downtime the availability allows: the unavailable share times the hours
   * of a month, then 12 months, as in "Downtime: 0.06 % × 730 hours = 26.3 minutes a month,
   * × 12 = 5.3 hours a year" */
  g_ptr_array_add (steps, g_strdup_printf (_("Downtime: %s × %s hours = %s a month, × 12 = %s a "
                                             "year"), down, hours, month, year));
  if (p->complete && availability->has_required)
    {
      g_autofree char *verdict = sky_availability_verdict (availability, p, style);
      g_ptr_array_add (steps, g_steal_pointer (&verdict));
    }
  return steps;
}

/* The steps as one text, a step a line. */
char *
sky_availability_explain (const SkyAvailability         *availability,
                          const SkyAvailabilityProvider *provider,
                          SkyExplainStyle                style)
{
  g_autoptr(GPtrArray) steps = sky_availability_steps (availability, provider, style);

  g_ptr_array_add (steps, NULL);
  return g_strjoinv ("\n", (char **) steps->pdata);
}

/* "Meets 99.99 %", "Short of 99.99 %", or "Incomplete" against the required availability;
 * NULL when the scenario requires none. */
char *
sky_availability_verdict (const SkyAvailability         *availability,
                          const SkyAvailabilityProvider *provider,
                          SkyExplainStyle                style)
{
  g_autofree char *required = NULL;

  g_return_val_if_fail (availability != NULL && provider != NULL, NULL);

  if (!availability->has_required)
    return NULL;
  required = sky_availability_format_level (availability->required, style);
  if (!provider->complete)
    /* Translators: a required availability, as in "Not known whether it meets 99.99 %: the
     * availability is incomplete" */
    return g_strdup_printf (_("Not known whether it meets %s: the availability is incomplete"),
                            required);
  if (provider->short_of_required)
    /* Translators: a required availability, as in "Short of 99.99 %" */
    return g_strdup_printf (_("Short of %s"), required);
  /* Translators: a required availability, as in "Meets 99.99 %" */
  return g_strdup_printf (_("Meets %s"), required);
}
