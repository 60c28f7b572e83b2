/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-score"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-estimate.h"
#include "sky-catalog-match.h"
#include "sky-score.h"

/* Weighted trade-offs between candidates: each criterion's values normalised across them,
 * weighted and summed into a score of 0 to 100; the ranking; how far each weight can move
 * before the top choice changes; and the candidates no other beats on both cost and score.
 * Scores are judgements, not money: they are computed in floating point, from costs that are
 * exact. */

G_DEFINE_QUARK (sky-score-error-quark, sky_score_error)

static void
option_free (SkyScoredOption *o)
{
  g_free (o->label);
  g_free (o->provider);
  g_free (o->name);
  g_free (o->sla);
  g_clear_pointer (&o->offer, sky_offer_details_free);
  g_free (o->cost_unit);
  g_array_unref (o->normalised);
  g_ptr_array_unref (o->raw);
  g_free (o);
}

void
sky_scoring_free (SkyScoring *scoring)
{
  if (scoring == NULL)
    return;
  g_free (scoring->currency);
  g_clear_pointer (&scoring->options, g_ptr_array_unref);
  g_clear_pointer (&scoring->order, g_array_unref);
  g_clear_pointer (&scoring->sensitivity, g_array_unref);
  g_free (scoring);
}

/* Cost, performance, SLA and features, as a scenario starts with. */
void
sky_scenario_add_default_criteria (SkyScenario *scenario)
{
  static const struct { const char *id, *name; SkyCriterionKind kind; int weight; } defaults[] = {
    { "cost", N_("Cost"), SKY_CRITERION_COST, 40 },
    { "performance", N_("Performance"), SKY_CRITERION_PERFORMANCE, 20 },
    { "sla", N_("SLA"), SKY_CRITERION_SLA, 20 },
    { "features", N_("Features"), SKY_CRITERION_FEATURES, 20 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      SkyCriterion *c = g_new0 (SkyCriterion, 1);
      c->id = g_strdup (defaults[i].id);
      c->name = g_strdup (_(defaults[i].name));
      c->kind = defaults[i].kind;
      c->weight = sky_decimal_from_int (defaults[i].weight);
      g_ptr_array_add (scenario->criteria, c);
    }
}

static gboolean
overflow_error (GError **error)
{
  g_set_error_literal (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_OVERFLOW,
                       SKY_ESTIMATE_OVERFLOW_MESSAGE);
  return FALSE;
}

/* What a month of the offer costs on demand, or its on-demand unit price for other units, in
 * the scenario's currency. */
static gboolean
option_cost (const SkyScenario *s,
             SkyScoredOption   *o,
             GError           **error)
{
  SkyOfferPrice *on_demand = NULL;
  SkyDecimal cost;

  for (guint i = 0; i < o->offer->prices->len && on_demand == NULL; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (o->offer->prices, i);
      if (strcmp (p->term, "on-demand") == 0)
        on_demand = p;
    }
  if (on_demand == NULL)
    {
      g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CANDIDATE,
                   _("%s has no on-demand price to compare"), o->label);
      return FALSE;
    }
  cost = sky_decimal_from_scaled (on_demand->amount, SKY_PRICE_SCALE);
  if (strcmp (on_demand->unit, "hour") == 0)
    {
      if (!sky_decimal_mul (cost, s->hours_per_month, &cost))
        return overflow_error (error);
      o->cost_unit = g_strdup ("month");
    }
  else
    o->cost_unit = g_strdup (on_demand->unit);

  if (strcmp (o->offer->currency, s->currency) != 0)
    {
      const SkyExchangeRate *rate = NULL;
      for (guint i = 0; i < s->rates->len && rate == NULL; i++)
        {
          const SkyExchangeRate *r = g_ptr_array_index (s->rates, i);
          if (strcmp (r->from, o->offer->currency) == 0 && strcmp (r->to, s->currency) == 0)
            rate = r;
        }
      if (rate == NULL)
        {
          g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CURRENCY,
                       _("%s is priced in %s and the scenario pins no exchange rate from %s to %s"),
                       o->label, o->offer->currency, o->offer->currency, s->currency);
          return FALSE;
        }
      if (!sky_decimal_mul (cost, rate->rate, &cost))
        return overflow_error (error);
    }
  o->cost = sky_currency_round (s->currency, cost);
  return TRUE;
}

/* An offer's SLA; for a provider's whole scenario, the lowest of the offers it was priced with:
 * a workload is as available as its least available part. */
static const char *
option_sla (const SkyScoredOption *o)
{
  return o->offer != NULL ? o->offer->sla : o->sla;
}

static double
rating_of (const SkyScenario     *s,
           const SkyCriterion    *c,
           const SkyScoredOption *o)
{
  const SkyRating *by_provider = NULL;

  for (guint i = 0; i < s->ratings->len; i++)
    {
      const SkyRating *r = g_ptr_array_index (s->ratings, i);
      if (strcmp (r->criterion, c->id) != 0)
        continue;
      if (strcmp (r->target, o->label) == 0)
        return r->value;
      if (strcmp (r->target, o->provider) == 0)
        by_provider = r;
    }
  /* Unrated: the middle of the scale. */
  return by_provider != NULL ? by_provider->value : 3;
}

static gboolean
has_feature (const SkyOfferDetails *offer,
             const char            *key)
{
  for (guint i = 0; i + 1 < offer->features->len; i += 2)
    if (strcmp (g_ptr_array_index (offer->features, i), key) == 0)
      return TRUE;
  return FALSE;
}

/* Scales @values (one per option) to 0 … 1, the best 1: all 1 when they are equal. */
static void
normalise (double   *values,
           guint     n,
           gboolean  higher_is_better)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      if (hi - lo < 1e-12)
        values[i] = 1;
      else if (higher_is_better)
        values[i] = (values[i] - lo) / (hi - lo);
      else
        values[i] = (hi - values[i]) / (hi - lo);
    }
}

static char *
spec (gint64 milli)
{
  return milli < 0 ? g_strdup ("—")
                 : sky_decimal_to_string (sky_decimal_from_scaled (milli, 3));
}

static void
score_criterion (const SkyScenario  *s,
                 const SkyCriterion *c,
                 GPtrArray          *options,
                 GPtrArray          *feature_keys)
{
  guint n = options->len;
  g_autofree double *v = g_new0 (double, n);

  switch (c->kind)
    {
    case SKY_CRITERION_COST:
      for (guint i = 0; i < n; i++)
        {
          SkyScoredOption *o = g_ptr_array_index (options, i);
          v[i] = sky_decimal_to_double (o->cost);
          g_ptr_array_add (o->raw, sky_currency_format (s->currency, o->cost));
        }
      normalise (v, n, FALSE);
      break;
    case SKY_CRITERION_SLA:
      for (guint i = 0; i < n; i++)
        {
          SkyScoredOption *o = g_ptr_array_index (options, i);
          const char *sla = option_sla (o);
          v[i] = sla != NULL ? g_ascii_strtod (sla, NULL) : 0;
          g_ptr_array_add (o->raw, g_strdup (sla != NULL ? sla : "—"));
        }
      normalise (v, n, TRUE);
      break;
    case SKY_CRITERION_PERFORMANCE:
      {
        g_autofree double *mem = g_new0 (double, n);

        for (guint i = 0; i < n; i++)
          {
            SkyScoredOption *o = g_ptr_array_index (options, i);
            g_autofree char *cpu = NULL, *gib = NULL;

            /* A whole scenario on a provider meets the same requirements everywhere. */
            if (o->offer == NULL)
              {
                g_ptr_array_add (o->raw, g_strdup ("—"));
                continue;
              }
            cpu = spec (o->offer->vcpu_milli);
            gib = spec (o->offer->memory_mgib);
            v[i] = MAX (o->offer->vcpu_milli, 0);
            mem[i] = MAX (o->offer->memory_mgib, 0);
            g_ptr_array_add (o->raw, g_strdup_printf ("%s vCPU, %s GiB", cpu, gib));
          }
        normalise (v, n, TRUE);
        normalise (mem, n, TRUE);
        for (guint i = 0; i < n; i++)
          v[i] = (v[i] + mem[i]) / 2;
      }
      break;
    case SKY_CRITERION_FEATURES:
      for (guint i = 0; i < n; i++)
        {
          SkyScoredOption *o = g_ptr_array_index (options, i);
          guint have = 0;

          if (o->offer == NULL)
            {
              v[i] = 1;
              g_ptr_array_add (o->raw, g_strdup ("—"));
              continue;
            }
          for (guint k = 0; k < feature_keys->len; k++)
            have += has_feature (o->offer, g_ptr_array_index (feature_keys, k));
          v[i] = feature_keys->len > 0 ? (double) have / feature_keys->len : 1;
          g_ptr_array_add (o->raw, g_strdup_printf ("%u/%u", have, feature_keys->len));
        }
      normalise (v, n, TRUE);
      break;
    case SKY_CRITERION_RATED:
    default:
      for (guint i = 0; i < n; i++)
        {
          SkyScoredOption *o = g_ptr_array_index (options, i);
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          v[i] = rating_of (s, c, o);
          /* Written by score's JSON and CSV as well: a point in any locale. */
          g_ptr_array_add (o->raw, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g",
                                                              v[i])));
        }
      normalise (v, n, TRUE);
      break;
    }
  for (guint i = 0; i < n; i++)
    g_array_append_val (((SkyScoredOption *) g_ptr_array_index (options, i))->normalised, v[i]);
}

/* A provider as an option: the scenario's lines priced on it, its effective monthly total the
 * cost. The scenario is priced once for every such option. */
static gboolean
provider_option (SkyCatalog         *catalog,
                 const SkyScenario  *s,
                 SkyScoredOption    *o,
                 SkyEstimate       **estimate,
                 GError            **error)
{
  SkyEstimateProvider *p = NULL;

  if (*estimate == NULL)
    {
      g_autoptr(GPtrArray) providers = g_ptr_array_new ();
      for (guint i = 0; i < s->candidates->len; i++)
        {
          SkyCandidate *c = g_ptr_array_index (s->candidates, i);
          if (c->sku == NULL)
            g_ptr_array_add (providers, c->provider);
        }
      g_ptr_array_add (providers, NULL);
      *estimate = sky_estimate_compute (catalog, s, (const char * const *) providers->pdata, FALSE,
                                        error);
      if (*estimate == NULL)
        return FALSE;
    }
  for (guint i = 0; i < (*estimate)->providers->len && p == NULL; i++)
    if (strcmp (((SkyEstimateProvider *) g_ptr_array_index ((*estimate)->providers, i))->provider,
                o->provider) == 0)
      p = g_ptr_array_index ((*estimate)->providers, i);
  g_assert (p != NULL);

  o->name = g_strdup (p->provider_name);
  o->cost = p->effective_monthly;
  /* Lines a provider cannot price leave its total short: said beside the cost. */
  o->cost_unit = p->n_unpriced > 0 ? g_strdup_printf ("month, %u not priced", p->n_unpriced)
                                   : g_strdup ("month");
  o->incomplete = !sky_estimate_provider_complete (p);
  for (guint i = 0; i < p->lines->len; i++)
    {
      SkyEstimateLine *l = g_ptr_array_index (p->lines, i);
      const char *sla = l->offer != NULL ? l->offer->sla : NULL;

      if (l->status != SKY_LINE_PRICED || sla == NULL)
        continue;
      if (o->sla == NULL || g_ascii_strtod (sla, NULL) < g_ascii_strtod (o->sla, NULL))
        {
          g_free (o->sla);
          o->sla = g_strdup (sla);
        }
    }
  return TRUE;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GPtrArray *options = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  SkyScoredOption *x = g_ptr_array_index (options, i);
  SkyScoredOption *y = g_ptr_array_index (options, j);
  int cost;

  /* An incomplete provider's cost is short of the scenario's: never ahead of a complete one. */
  if (x->incomplete != y->incomplete)
    return x->incomplete ? 1 : -1;
  if (fabs (x->score - y->score) > 1e-9)
    return x->score > y->score ? -1 : 1;
  cost = sky_decimal_compare (x->cost, y->cost);
  if (cost != 0)
    return cost;
  return i < j ? -1 : i > j;
}

/* Scores the scenario's candidates on its criteria. */
SkyScoring *
sky_score_scenario (SkyCatalog         *catalog,
                    const SkyScenario  *s,
                    GError            **error)
{
  g_autoptr(SkyScoring) scoring = g_new0 (SkyScoring, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autofree double *weights = NULL;
  double total = 0;
  guint n, nc = s->criteria->len;

  if (s->candidates->len == 0)
    {
      g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_NO_CANDIDATES,
                   _("The scenario has no candidates to score"));
      return NULL;
    }
  if (nc == 0)
    {
      g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_NO_CRITERIA,
                   _("The scenario has no criteria to score by"));
      return NULL;
    }

  scoring->currency = g_strdup (s->currency);
  scoring->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  for (guint i = 0; i < s->candidates->len; i++)
    {
      SkyCandidate *c = g_ptr_array_index (s->candidates, i);
      SkyScoredOption *o = g_new0 (SkyScoredOption, 1);
      gint64 id;

      o->provider = g_strdup (c->provider);
      o->label = c->sku != NULL ? g_strdup_printf ("%s:%s", c->provider, c->sku)
                                : g_strdup (c->provider);
      o->normalised = g_array_new (FALSE, FALSE, sizeof (double));
      o->raw = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (scoring->options, o);
      if (c->sku == NULL)
        {
          if (!provider_option (catalog, s, o, &estimate, error))
            return NULL;
          continue;
        }
      id = sky_catalog_find_offer (catalog, c->provider, c->sheet_version, c->sku, error);
      if (id < 0)
        return NULL;
      if (id == 0)
        {
          if (c->sheet_version != NULL)
            /* Translators: an offer (PROVIDER:SKU), then a price sheet's version. */
            g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CANDIDATE,
                         _("The catalog has no offer %s in sheet %s"), o->label,
                         c->sheet_version);
          else
            g_set_error (error, SKY_SCORE_ERROR, SKY_SCORE_ERROR_CANDIDATE,
                         _("The catalog has no offer %s"), o->label);
          return NULL;
        }
      o->offer = sky_catalog_get_offer (catalog, id, error);
      if (o->offer == NULL || !option_cost (s, o, error))
        return NULL;
      o->name = g_strdup (o->offer->name);
      for (guint k = 0; o->offer != NULL && k + 1 < o->offer->features->len; k += 2)
        if (!g_ptr_array_find_with_equal_func (keys, g_ptr_array_index (o->offer->features, k),
                                               g_str_equal, NULL))
          g_ptr_array_add (keys, g_ptr_array_index (o->offer->features, k));
    }
  n = scoring->options->len;

  weights = g_new0 (double, nc);
  for (guint k = 0; k < nc; k++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
      weights[k] = sky_decimal_to_double (c->weight);
      total += weights[k];
      score_criterion (s, c, scoring->options, keys);
    }
  for (guint i = 0; i < n; i++)
    {
      SkyScoredOption *o = g_ptr_array_index (scoring->options, i);
      double sum = 0;
      for (guint k = 0; k < nc; k++)
        sum += weights[k] * g_array_index (o->normalised, double, k);
      o->score = total > 0 ? 100 * sum / total : 0;
    }

  scoring->order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (scoring->order, i);
  g_array_sort_with_data (scoring->order, compare_rank, scoring->options);
  for (guint r = 0; r < n; r++)
    ((SkyScoredOption *) g_ptr_array_index (scoring->options,
                                            g_array_index (scoring->order, guint, r)))->rank = r + 1;

  /* The Pareto front: lower cost and higher score are both better. */
  for (guint i = 0; i < n; i++)
    {
      SkyScoredOption *a = g_ptr_array_index (scoring->options, i);
      a->pareto = !a->incomplete;
      for (guint j = 0; j < n && a->pareto; j++)
        {
          SkyScoredOption *b = g_ptr_array_index (scoring->options, j);
          int cost = sky_decimal_compare (b->cost, a->cost);
          if (i != j && !b->incomplete && cost <= 0 && b->score >= a->score - 1e-9 &&
              (cost < 0 || b->score > a->score + 1e-9))
            a->pareto = FALSE;
        }
    }

  /* Sensitivity: with the other weights kept, every score's numerator is linear in this
   * weight and the denominator is common, so the top choice t stays while, for every other j,
   * w × (n_t − n_j) ≥ A_j − A_t, where A is the weighted sum of the other criteria. */
  scoring->sensitivity = g_array_sized_new (FALSE, TRUE, sizeof (SkySensitivity), nc);
  for (guint k = 0; k < nc; k++)
    {
      guint t = g_array_index (scoring->order, guint, 0);
      SkySensitivity sens = { weights[k], 0, INFINITY, -1, -1 };
      double at = 0;
      SkyScoredOption *top = g_ptr_array_index (scoring->options, t);

      for (guint m = 0; m < nc; m++)
        if (m != k)
          at += weights[m] * g_array_index (top->normalised, double, m);
      for (guint j = 0; j < n; j++)
        {
          SkyScoredOption *o = g_ptr_array_index (scoring->options, j);
          double aj = 0, d, c, w;

          /* An incomplete option never takes the top from a complete one. */
          if (j == t || (o->incomplete && !top->incomplete))
            continue;
          for (guint m = 0; m < nc; m++)
            if (m != k)
              aj += weights[m] * g_array_index (o->normalised, double, m);
          d = g_array_index (top->normalised, double, k) - g_array_index (o->normalised, double, k);
          c = aj - at;
          if (fabs (d) < 1e-12)
            continue;
          w = c / d;
          if (d > 0 && w > sens.low)
            {
              sens.low = w;
              sens.below = (int) j;
            }
          else if (d < 0 && w < sens.high)
            {
              sens.high = w;
              sens.above = (int) j;
            }
        }
      g_array_append_val (scoring->sensitivity, sens);
    }
  return g_steal_pointer (&scoring);
}
