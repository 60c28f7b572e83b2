/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-availability"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-availability.h"
#include "sky-availability-private.h"
#include "sky-currency.h"
#include "sky-vocabulary.h"

/* The cheapest way to reach a required availability, provider by provider
 * (docs/scenario-format.md, "The cheapest way to reach an availability").
 *
 * Each line has candidates: how it is deployed as written, then single and every deployment
 * its service's SLA entries name, each in one region or two. Each candidate is priced once, in
 * an estimate of the scenario with that line changed and the others as written, and given the
 * SLA that covers it. A set of choices costs the sum of its lines' monthly figures (with upfront
 * fees spread) and has the availability of its parts. Every set is tried; the cheapest that
 * reaches the requirement wins, then the more available, then the one with fewer changes from
 * the scenario as written, then the one found first, trying the lines in their order and each
 * line's candidates in the order above. */

typedef struct
{
  char       *deployment;
  guint       regions;
  gboolean    valid;          /* priced, and its SLA known or its service publishing none */
  gboolean    as_written;
  SkyDecimal  monthly;
  char       *service;
  char       *service_name;
  gboolean    no_sla;         /* its service publishes no SLA: not a part */
  SkyDecimal  fraction;       /* the part's availability, over its regions, a fraction */
  char       *reason;         /* why it is not valid */
} Candidate;

typedef struct
{
  char      *label;
  GPtrArray *candidates;      /* Candidate; [0] as written */
  GArray    *valid;           /* guint: the indices of the valid ones */
} LineChoices;

static void
candidate_free (Candidate *c)
{
  g_free (c->deployment);
  g_free (c->service);
  g_free (c->service_name);
  g_free (c->reason);
  g_free (c);
}

static void
line_choices_free (LineChoices *l)
{
  g_free (l->label);
  g_ptr_array_unref (l->candidates);
  g_array_unref (l->valid);
  g_free (l);
}

static void
choice_free (SkyReachChoice *c)
{
  g_free (c->label);
  g_free (c->deployment);
  g_free (c);
}

static void
step_free (SkyReachStep *s)
{
  g_free (s->deployment);
  g_free (s->service_name);
  g_ptr_array_unref (s->lines);
  g_free (s);
}

static void
reach_provider_free (SkyReachProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->reason);
  g_ptr_array_unref (p->choices);
  g_ptr_array_unref (p->steps);
  g_free (p);
}

void
sky_reach_free (SkyReach *reach)
{
  if (reach == NULL)
    return;
  g_free (reach->currency);
  g_ptr_array_unref (reach->providers);
  g_free (reach);
}

/* Fills @c from line @index of @provider's estimate: its figure, its service and its SLA. */
static void
fill_candidate (Candidate                 *c,
                const SkyEstimateProvider *provider,
                guint                      index,
                SkySlaTable               *table)
{
  const SkyEstimateLine *el = g_ptr_array_index (provider->lines, index);
  g_autofree char *figure = NULL;
  SkyDecimal published;

  if (el->status != SKY_LINE_PRICED || el->offer == NULL)
    {
      c->reason = g_strdup (el->reason != NULL ? el->reason : _("not priced"));
      return;
    }
  c->monthly = el->effective_monthly;
  c->service = g_strdup (el->offer->service);
  c->service_name = g_strdup (el->offer->service_name);
  figure = sky_offer_sla_for (table, el->offer, c->deployment, NULL);
  if (figure == NULL && !_sky_availability_service_has_sla (table, el->offer))
    {
      c->no_sla = TRUE;
      c->valid = TRUE;
      return;
    }
  if (figure == NULL || !sky_decimal_parse (figure, 10, FALSE, &published, NULL))
    {
      c->reason = g_strdup_printf (_("%s publishes no SLA for “%s”"), el->offer->service_name,
                                   sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT,
                                                         c->deployment));
      return;
    }
  c->fraction = _sky_availability_fraction (published);
  if (c->regions > 1)
    c->fraction = _sky_availability_parallel (c->fraction, c->regions);
  c->valid = TRUE;
}

static Candidate *
candidate_new (const char *deployment,
               guint       regions)
{
  Candidate *c = g_new0 (Candidate, 1);

  c->deployment = g_strdup (deployment);
  c->regions = regions;
  return c;
}

static gboolean
has_candidate (GPtrArray  *candidates,
               const char *deployment,
               guint       regions)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = g_ptr_array_index (candidates, i);

      if (strcmp (c->deployment, deployment) == 0 && c->regions == regions)
        return TRUE;
    }
  return FALSE;
}

/* The availability of the set @pick (a candidate index per line), a fraction; FALSE when a
 * line's is not known, or no line's service publishes an SLA. */
static gboolean
availability_of (GPtrArray   *lines,
                 const guint *pick,
                 SkyDecimal  *out)
{
  g_autofree const Candidate **parts = g_new0 (const Candidate *, lines->len);
  g_autofree SkyDecimal *fractions = g_new0 (SkyDecimal, lines->len);
  SkyDecimal product = sky_decimal_from_int (1);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const LineChoices *l = g_ptr_array_index (lines, i);
      const Candidate *c = g_ptr_array_index (l->candidates, pick[i]);
      guint k;

      if (!c->valid)
        return FALSE;
      if (c->no_sla)
        continue;
      for (k = 0; k < n; k++)
        if (strcmp (parts[k]->service, c->service) == 0 &&
            strcmp (parts[k]->deployment, c->deployment) == 0 && parts[k]->regions == c->regions)
          break;
      if (k == n)
        {
          parts[n] = c;
          fractions[n++] = c->fraction;
        }
      else if (sky_decimal_compare (c->fraction, fractions[k]) < 0)
        fractions[k] = c->fraction;
    }
  /* Without a part, no SLA speaks of the set at all. */
  if (n == 0)
    return FALSE;
  for (guint k = 0; k < n; k++)
    product = _sky_availability_series (product, fractions[k]);
  *out = product;
  return TRUE;
}

static SkyDecimal
cost_of (GPtrArray   *lines,
         const guint *pick)
{
  SkyDecimal total = sky_decimal_from_int (0);
  gboolean overflow = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const LineChoices *l = g_ptr_array_index (lines, i);
      const Candidate *c = g_ptr_array_index (l->candidates, pick[i]);

      total = sky_decimal_add_or_flag (total, c->monthly, &overflow);
    }
  return total;
}

static guint
changes_of (GPtrArray   *lines,
            const guint *pick)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    n += pick[i] != 0;
  return n;
}

/* The steps from the scenario as written (every pick 0) to @best: the changed lines that
 * become one part, one step each, in the order of their first line. */
static void
make_steps (SkyReachProvider *p,
            GPtrArray        *lines,
            const guint      *best)
{
  g_autofree guint *now = g_new0 (guint, lines->len);
  g_autofree gboolean *done = g_new0 (gboolean, lines->len);

  for (guint i = 0; i < lines->len; i++)
    {
      const LineChoices *l = g_ptr_array_index (lines, i);
      const Candidate *target = g_ptr_array_index (l->candidates, best[i]);
      SkyReachStep *step;
      SkyDecimal before;
      gboolean overflow = FALSE;

      if (best[i] == 0 || done[i])
        continue;
      step = g_new0 (SkyReachStep, 1);
      step->deployment = g_strdup (target->deployment);
      step->regions = target->regions;
      step->service_name = g_strdup (target->service_name);
      step->lines = g_ptr_array_new_with_free_func (g_free);
      step->added = sky_decimal_from_int (0);
      step->has_before = availability_of (lines, now, &before);
      if (step->has_before)
        step->before = _sky_availability_percent (before);
      for (guint j = i; j < lines->len; j++)
        {
          const LineChoices *other = g_ptr_array_index (lines, j);
          const Candidate *c = g_ptr_array_index (other->candidates, best[j]);
          const Candidate *was = g_ptr_array_index (other->candidates, 0);
          SkyDecimal added;

          if (best[j] == 0 || done[j] || c->service == NULL || target->service == NULL ||
              strcmp (c->service, target->service) != 0 ||
              strcmp (c->deployment, target->deployment) != 0 || c->regions != target->regions)
            continue;
          done[j] = TRUE;
          now[j] = best[j];
          g_ptr_array_add (step->lines, g_strdup (other->label));
          added = sky_decimal_sub_or_flag (c->monthly, was->monthly, &overflow);
          step->added = sky_decimal_add_or_flag (step->added, added, &overflow);
        }
      step->has_after = availability_of (lines, now, &before);
      if (step->has_after)
        step->after = _sky_availability_percent (before);
      g_ptr_array_add (p->steps, step);
    }
}

/* Tries every set of choices of @lines; fills @p with the best that reaches @required. */
static void
search (SkyReachProvider *p,
        GPtrArray        *lines,
        SkyDecimal        required,
        GCancellable     *cancellable)
{
  g_autofree guint *slot = g_new0 (guint, lines->len);   /* into each line's valid indices */
  g_autofree guint *pick = g_new0 (guint, lines->len);
  g_autofree guint *best = NULL;
  SkyDecimal best_cost = { 0 }, best_availability = { 0 }, target;
  guint best_changes = 0, with_choices = 0;
  guint64 combinations = 1;

  target = _sky_availability_fraction (required);
  for (guint i = 0; i < lines->len; i++)
    {
      const LineChoices *l = g_ptr_array_index (lines, i);

      if (l->valid->len == 0)
        {
          const Candidate *c = g_ptr_array_index (l->candidates, 0);

          /* Translators: a line's label and why it cannot be counted, as in "“Database” can
           * be deployed in no way whose SLA is known: Cloud SQL publishes no SLA for …" */
          p->reason = g_strdup_printf (_("“%s” can be deployed in no way whose SLA is known: %s"),
                                       l->label, c->reason != NULL ? c->reason : "");
          return;
        }
      if (l->valid->len > 1)
        with_choices++;
      combinations *= l->valid->len;
      if (with_choices > SKY_REACH_MAX_LINES || combinations > SKY_REACH_MAX_COMBINATIONS)
        {
          p->too_many = TRUE;
          p->reason = g_strdup_printf (_("Too many choices to try every one: at most %u lines "
                                         "with more than one deployment and %u combinations; "
                                         "fix how some lines are deployed (one deployment "
                                         "kind, one region) and search again"),
                                       SKY_REACH_MAX_LINES, SKY_REACH_MAX_COMBINATIONS);
          return;
        }
    }

  for (guint64 n = 0; n < combinations; n++)
    {
      SkyDecimal cost, fraction;
      guint changes;
      int by_cost;

      if (n % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        return;
      /* The next set: the last line's choice turns fastest. */
      if (n > 0)
        for (guint i = lines->len; i-- > 0;)
          {
            const LineChoices *l = g_ptr_array_index (lines, i);

            if (++slot[i] < l->valid->len)
              break;
            slot[i] = 0;
          }
      for (guint i = 0; i < lines->len; i++)
        pick[i] = g_array_index (((LineChoices *) g_ptr_array_index (lines, i))->valid, guint,
                                 slot[i]);
      p->combinations++;

      cost = cost_of (lines, pick);
      by_cost = best != NULL ? sky_decimal_compare (cost, best_cost) : -1;
      if (by_cost > 0)
        continue;
      if (!availability_of (lines, pick, &fraction) || sky_decimal_compare (fraction, target) < 0)
        continue;
      changes = changes_of (lines, pick);
      if (best != NULL && by_cost == 0)
        {
          int by_availability = sky_decimal_compare (fraction, best_availability);

          if (by_availability < 0 || (by_availability == 0 && changes >= best_changes))
            continue;
        }
      if (best == NULL)
        best = g_new0 (guint, lines->len);
      memcpy (best, pick, lines->len * sizeof (guint));
      best_cost = cost;
      best_availability = fraction;
      best_changes = changes;
    }

  if (best == NULL)
    {
      g_autofree char *percent = sky_availability_format_level (required, SKY_EXPLAIN_PLAIN);

      /* Translators: a required availability, as in "No deployment of these lines reaches
       * 99.999 %" */
      p->reason = g_strdup_printf (_("No deployment of these lines reaches %s"), percent);
      return;
    }
  p->reached = TRUE;
  p->monthly = best_cost;
  p->availability = _sky_availability_percent (best_availability);
  for (guint i = 0; i < lines->len; i++)
    {
      const LineChoices *l = g_ptr_array_index (lines, i);
      const Candidate *c = g_ptr_array_index (l->candidates, best[i]);
      SkyReachChoice *choice = g_new0 (SkyReachChoice, 1);

      choice->line = i;
      choice->label = g_strdup (l->label);
      choice->deployment = g_strdup (c->deployment);
      choice->regions = c->regions;
      choice->monthly = c->monthly;
      choice->changed = best[i] != 0;
      g_ptr_array_add (p->choices, choice);
    }
  make_steps (p, lines, best);
}

/* The candidates of every line of @scenario on provider @index of @base, each priced. */
static GPtrArray *
line_choices (SkyCatalog         *catalog,
              const SkyScenario  *scenario,
              const SkyEstimate  *base,
              guint               index,
              SkySlaTable        *table,
              GCancellable       *cancellable,
              GError            **error)
{
  const SkyEstimateProvider *bp = g_ptr_array_index (base->providers, index);
  const char *only[] = { bp->provider, NULL };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_choices_free);

  for (guint i = 0; i < scenario->lines->len; i++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (scenario->lines, i);
      const SkyEstimateLine *el = g_ptr_array_index (bp->lines, i);
      LineChoices *l = g_new0 (LineChoices, 1);
      Candidate *written = candidate_new (sky_scenario_line_get_deployment (line),
                                          sky_scenario_line_get_regions (line));

      l->label = g_strdup (line->label);
      l->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
      l->valid = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (lines, l);
      written->as_written = TRUE;
      fill_candidate (written, bp, i, table);
      g_ptr_array_add (l->candidates, written);

      /* A line not priced, or of a service that publishes no SLA, is left as it is. */
      if (el->status == SKY_LINE_PRICED && el->offer != NULL && !written->no_sla)
        {
          g_autoptr(GPtrArray) entries = sky_sla_table_for_service (table, el->offer->provider,
                                                                    el->offer->service);
          g_autoptr(GPtrArray) kinds = g_ptr_array_new ();

          g_ptr_array_add (kinds, (gpointer) SKY_DEPLOYMENT_DEFAULT);
          for (guint k = 0; k < entries->len; k++)
            {
              const SkySla *sla = g_ptr_array_index (entries, k);

              if (!g_ptr_array_find_with_equal_func (kinds, sla->deployment, g_str_equal, NULL))
                g_ptr_array_add (kinds, sla->deployment);
            }
          for (guint k = 0; k < kinds->len; k++)
            for (guint regions = 1; regions <= 2; regions++)
              {
                const char *kind = g_ptr_array_index (kinds, k);
                g_autoptr(SkyScenario) changed = NULL;
                g_autoptr(SkyEstimate) e = NULL;
                Candidate *c;

                if (has_candidate (l->candidates, kind, regions))
                  continue;
                if (g_cancellable_set_error_if_cancelled (cancellable, error))
                  return NULL;
                changed = sky_scenario_copy (scenario);
                sky_scenario_line_set_deployment (g_ptr_array_index (changed->lines, i), kind);
                sky_scenario_line_set_regions (g_ptr_array_index (changed->lines, i), regions);
                e = sky_estimate_compute (catalog, changed, only, FALSE, error);
                if (e == NULL)
                  return NULL;
                c = candidate_new (kind, regions);
                fill_candidate (c, g_ptr_array_index (e->providers, 0), i, table);
                g_ptr_array_add (l->candidates, c);
              }
        }
      for (guint k = 0; k < l->candidates->len; k++)
        if (((Candidate *) g_ptr_array_index (l->candidates, k))->valid)
          g_array_append_val (l->valid, k);
    }
  return g_steal_pointer (&lines);
}

/* For each provider of @scenario (or of @providers), the cheapest set of deployment choices of
 * its lines whose availability reaches @required (NULL: the scenario's), with its monthly cost
 * and the steps from the scenario as written. Prices many variants of the scenario: run it in
 * a worker thread. A provider that cannot reach it says why; @error is for the catalog's
 * failures and cancelling. */
SkyReach *
sky_availability_cheapest (SkyCatalog          *catalog,
                           const SkyScenario   *scenario,
                           const SkyDecimal    *required,
                           const char * const  *providers,
                           SkySlaTable         *table,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(SkyReach) reach = NULL;
  g_autoptr(SkyEstimate) base = NULL;
  g_autoptr(SkyAvailability) written = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  if (table == NULL)
    table = sky_sla_table_get_default ();
  reach = g_new0 (SkyReach, 1);
  reach->currency = g_strdup (scenario->currency);
  reach->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) reach_provider_free);
  if (required != NULL)
    reach->required = *required;
  else if (!sky_scenario_get_required_availability (scenario, &reach->required))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The scenario requires no availability: give one to reach"));
      return NULL;
    }

  base = sky_estimate_compute (catalog, scenario, providers, FALSE, error);
  if (base == NULL)
    return NULL;
  written = sky_availability_compute (base, scenario, table);
  for (guint i = 0; i < base->providers->len; i++)
    {
      const SkyEstimateProvider *bp = g_ptr_array_index (base->providers, i);
      const SkyAvailabilityProvider *ap = g_ptr_array_index (written->providers, i);
      SkyReachProvider *p = g_new0 (SkyReachProvider, 1);
      g_autoptr(GPtrArray) lines = NULL;

      p->provider = g_strdup (bp->provider);
      p->provider_name = g_strdup (bp->provider_name);
      p->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
      p->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
      p->monthly_before = bp->effective_monthly;
      p->has_availability_before = ap->complete;
      p->availability_before = ap->availability;
      g_ptr_array_add (reach->providers, p);

      lines = line_choices (catalog, scenario, base, i, table, cancellable, error);
      if (lines == NULL)
        return NULL;
      search (p, lines, reach->required, cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&reach);
}

static char *
signed_money (const char      *currency,
              SkyDecimal       amount,
              SkyExplainStyle  style)
{
  gboolean negative = amount.coef < 0;
  g_autofree char *digits = NULL;

  if (negative)
    amount.coef = -amount.coef;
  if (style == SKY_EXPLAIN_DISPLAY)
    digits = sky_currency_format_display (currency, amount);
  else
    {
      g_autofree char *plain = sky_currency_format (currency, amount);
      digits = g_strdup_printf ("%s %s", plain, currency);
    }
  return g_strdup_printf ("%s%s", negative ? "−" : "+", digits);
}

/* One step for people: "With a standby in another zone for PostgreSQL server, PostgreSQL
 * storage: +129.94 USD a month, 99.95 % → 99.99 %". */
char *
sky_reach_step_describe (const SkyReach     *reach,
                         const SkyReachStep *step,
                         SkyExplainStyle     style)
{
  g_autofree char *money = NULL, *before = NULL, *after = NULL, *labels = NULL, *how = NULL;
  const char *kind;

  g_return_val_if_fail (reach != NULL && step != NULL, NULL);

  kind = sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT, step->deployment);
  how = step->regions > 1
        /* Translators: a deployment and a number of regions, as in "Across zones, in 2
         * regions" */
        ? g_strdup_printf (_("%s, in %u regions"), kind, step->regions)
        : g_strdup (kind);
  g_ptr_array_add (step->lines, NULL);
  labels = g_strjoinv (", ", (char **) step->lines->pdata);
  g_ptr_array_remove_index (step->lines, step->lines->len - 1);
  money = signed_money (reach->currency, step->added, style);
  before = step->has_before ? sky_availability_format_percent (step->before, style)
                            : g_strdup (_("not known"));
  after = step->has_after ? sky_availability_format_percent (step->after, style)
                          : g_strdup (_("not known"));
  /* Translators: a deployment, the lines it is for, what it adds a month, and the availability
   * before and after, as in "With a standby in another zone for PostgreSQL server: +129.94 USD
   * a month, 99.95 % → 99.99 %" */
  return g_strdup_printf (_("%s for %s: %s a month, %s → %s"), how, labels, money, before, after);
}
