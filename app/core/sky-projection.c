/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-projection"

#include "config.h"

#include <string.h>

#include "sky-projection.h"

/* A scenario over 12 to 60 months: each month is the scenario priced again with every line's
 * quantity grown as its growth says, commitments started in their month, on the sheets the
 * scenario records; so tiers and free allowances count each month's real totals. Low and high
 * estimates price the same months with each range's quantities. Cash pays an upfront fee in the
 * month its commitment starts (and at each renewal); the amortised view spreads it. Money stays
 * exact: every month's figures are the engine's, rounded once per line. */

#define FACTOR_SCALE 10

static void
provider_free (SkyProjectionProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->sheet_version);
  g_ptr_array_unref (p->labels);
  g_ptr_array_unref (p->groups);
  g_array_unref (p->priced);
  g_free (p->cash);
  g_free (p->amortised);
  g_free (p->total_cash);
  g_free (p->total_amortised);
  g_free (p->low);
  g_free (p->high);
  g_free (p->break_even);
  g_clear_pointer (&p->group_first_over, g_array_unref);
  g_free (p);
}

void
sky_projection_free (SkyProjection *projection)
{
  if (projection == NULL)
    return;
  g_free (projection->currency);
  g_clear_pointer (&projection->providers, g_ptr_array_unref);
  g_free (projection);
}

static gboolean
targets (const char            *line,
         const char            *group,
         const SkyScenarioLine *l)
{
  if (line != NULL)
    return g_strcmp0 (line, l->label) == 0;
  if (group != NULL)
    return g_strcmp0 (group, l->group) == 0;
  return TRUE;
}

/* The arithmetic below sets *@overflow when a result does not fit, and then returns 0: the
 * projection fails rather than show it. */

/* 1 + @percent / 100. */
static SkyDecimal
one_plus (SkyDecimal  percent,
          gboolean   *overflow)
{
  SkyDecimal fraction = sky_decimal_from_int (0), out = sky_decimal_from_int (0);

  if (!sky_decimal_div (percent, sky_decimal_from_int (100), FACTOR_SCALE, SKY_ROUND_HALF_UP,
                        &fraction) ||
      !sky_decimal_add (sky_decimal_from_int (1), fraction, &out))
    {
      *overflow = TRUE;
      return sky_decimal_from_int (0);
    }
  return out;
}

static SkyDecimal
times (SkyDecimal  a,
       SkyDecimal  b,
       gboolean   *overflow)
{
  SkyDecimal out = sky_decimal_from_int (0);

  if (!sky_decimal_mul (a, b, &out))
    {
      *overflow = TRUE;
      return sky_decimal_from_int (0);
    }
  return sky_decimal_round (out, FACTOR_SCALE, SKY_ROUND_HALF_UP);
}

/* How many times a line's quantity month @month (from 1) has, by its growth. */
static SkyDecimal
growth_factor (const SkyScenario     *s,
               const SkyScenarioLine *l,
               guint                  month,
               gboolean              *overflow)
{
  SkyDecimal f = sky_decimal_from_int (1);

  for (guint i = 0; i < s->growth->len && !*overflow; i++)
    {
      const SkyGrowth *g = g_ptr_array_index (s->growth, i);
      SkyDecimal rate;

      if (!targets (g->line, g->group, l) || month < g->from_month)
        continue;
      rate = one_plus (g->percent, overflow);
      if (g->step)
        f = times (f, rate, overflow);
      else
        /* Compounding every month after the one it starts from. */
        for (guint k = g->from_month; k < month && !*overflow; k++)
          f = times (f, rate, overflow);
    }
  return f;
}

/* The low (@which -1) or high (1) estimate's factor of a line; 1 for the expected. */
static SkyDecimal
range_factor (const SkyScenario     *s,
              const SkyScenarioLine *l,
              int                    which,
              gboolean              *overflow)
{
  SkyDecimal f = sky_decimal_from_int (1);

  for (guint i = 0; which != 0 && i < s->ranges->len; i++)
    {
      const SkyRange *r = g_ptr_array_index (s->ranges, i);
      if (targets (r->line, r->group, l))
        f = times (f, one_plus (which < 0 ? r->low : r->high, overflow), overflow);
    }
  return f;
}

static guint
start_month (const SkyScenario     *s,
             const SkyScenarioLine *l)
{
  for (guint i = 0; i < s->starts->len; i++)
    {
      const SkyStart *st = g_ptr_array_index (s->starts, i);
      if (g_strcmp0 (st->line, l->label) == 0)
        return st->month;
    }
  return 1;
}

/* The scenario as month @month has it: @which selects the low, expected or high quantities;
 * @on_demand bills every commitment on demand instead. */
static SkyScenario *
month_scenario (const SkyScenario *base,
                guint              month,
                int                which,
                gboolean           on_demand,
                gboolean          *overflow)
{
  SkyScenario *s = sky_scenario_copy (base);

  for (guint i = 0; i < s->lines->len; i++)
    {
      SkyScenarioLine *l = g_ptr_array_index (s->lines, i);
      SkyDecimal f = times (growth_factor (base, l, month, overflow),
                            range_factor (base, l, which, overflow), overflow);

      l->quantity = times (l->quantity, f, overflow);
      if (sky_term_months (l->term) > 0 && (on_demand || month < start_month (base, l)))
        {
          g_free (l->term);
          l->term = g_strdup ("on-demand");
        }
    }
  return s;
}

static SkyEstimate *
price_month (SkyCatalog         *catalog,
             const SkyScenario  *base,
             const char * const *providers,
             guint               month,
             int                 which,
             gboolean            on_demand,
             GError            **error)
{
  gboolean overflow = FALSE;
  g_autoptr(SkyScenario) s = month_scenario (base, month, which, on_demand, &overflow);

  if (overflow)
    {
      sky_projection_set_overflow_error (error);
      return NULL;
    }
  return sky_estimate_compute (catalog, s, providers, FALSE, error);
}

static SkyDecimal
sum (SkyDecimal  a,
     SkyDecimal  b,
     gboolean   *overflow)
{
  SkyDecimal out = sky_decimal_from_int (0);

  if (!sky_decimal_add (a, b, &out))
    {
      *overflow = TRUE;
      return sky_decimal_from_int (0);
    }
  return out;
}

/* The error of a figure that does not fit, in the words the estimate uses. */
void
sky_projection_set_overflow_error (GError **error)
{
  g_set_error_literal (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_OVERFLOW,
                       SKY_ESTIMATE_OVERFLOW_MESSAGE);
}

/* The cash total of months 12 × (@year − 1) + 1 to 12 × @year, in @total; FALSE when it is too
 * large. */
gboolean
sky_projection_year (const SkyProjectionProvider *p,
                     guint                        months,
                     guint                        year,
                     SkyDecimal                  *total)
{
  gboolean overflow = FALSE;

  g_return_val_if_fail (p != NULL && total != NULL, FALSE);

  *total = sky_decimal_from_int (0);
  for (guint m = (year - 1) * 12; m < year * 12 && m < months && !overflow; m++)
    *total = sum (*total, p->total_cash[m], &overflow);
  return !overflow;
}

static gboolean
check_budget (const SkyScenario     *s,
              SkyProjectionProvider *p,
              guint                  months,
              GError               **error)
{
  const SkyBudget *b = s->budget;
  gboolean overflow = FALSE;

  p->group_first_over = g_array_new (FALSE, TRUE, sizeof (guint));
  if (b == NULL)
    return TRUE;
  if (b->has_monthly)
    {
      if (!sky_decimal_sub (b->monthly, p->total_cash[0], &p->headroom))
        overflow = TRUE;
      for (guint m = 0; m < months && p->first_month_over == 0; m++)
        if (sky_decimal_compare (p->total_cash[m], b->monthly) > 0)
          p->first_month_over = m + 1;
    }
  if (b->has_yearly)
    for (guint y = 1; (y - 1) * 12 < months && p->first_year_over == 0 && !overflow; y++)
      {
        SkyDecimal year;

        if (!sky_projection_year (p, months, y, &year))
          overflow = TRUE;
        else if (sky_decimal_compare (year, b->yearly) > 0)
          p->first_year_over = y;
      }
  for (guint c = 0; c < b->group_caps->len && !overflow; c++)
    {
      const SkyGroupCap *cap = g_ptr_array_index (b->group_caps, c);
      guint first = 0;

      for (guint m = 0; m < months && first == 0 && !overflow; m++)
        {
          SkyDecimal total = sky_decimal_from_int (0);
          for (guint l = 0; l < p->n_lines; l++)
            if (g_strcmp0 (g_ptr_array_index (p->groups, l), cap->group) == 0)
              total = sum (total, p->cash[l * months + m], &overflow);
          if (!overflow && sky_decimal_compare (total, cap->monthly) > 0)
            first = m + 1;
        }
      g_array_append_val (p->group_first_over, first);
    }
  if (overflow)
    {
      sky_projection_set_overflow_error (error);
      return FALSE;
    }
  return TRUE;
}

/* Projects @scenario over @months (0: the scenario's own) on @providers (NULL: its own). */
SkyProjection *
sky_projection_compute (SkyCatalog          *catalog,
                        const SkyScenario   *scenario,
                        const char * const  *providers,
                        guint                months,
                        GError             **error)
{
  g_autoptr(SkyProjection) projection = g_new0 (SkyProjection, 1);
  gboolean ranges = scenario->ranges->len > 0;
  guint n = scenario->lines->len;
  g_autofree SkyDecimal *od_cum = NULL;
  g_autofree SkyDecimal *commit_cum = NULL;
  gboolean overflow = FALSE;

  if (months == 0)
    months = scenario->projection_months;
  months = CLAMP (months, 12, 60);
  projection->currency = g_strdup (scenario->currency);
  projection->months = months;
  projection->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);

  for (guint m = 1; m <= months; m++)
    {
      g_autoptr(SkyEstimate) expected = price_month (catalog, scenario, providers, m, 0, FALSE,
                                                     error);
      g_autoptr(SkyEstimate) low = NULL, high = NULL, on_demand = NULL;

      if (expected == NULL)
        return NULL;
      if (ranges)
        {
          low = price_month (catalog, scenario, providers, m, -1, FALSE, error);
          high = low != NULL ? price_month (catalog, scenario, providers, m, 1, FALSE, error)
                             : NULL;
          if (high == NULL)
            return NULL;
        }
      on_demand = price_month (catalog, scenario, providers, m, 0, TRUE, error);
      if (on_demand == NULL)
        return NULL;

      if (m == 1)
        {
          od_cum = g_new0 (SkyDecimal, (gsize) expected->providers->len * MAX (n, 1));
          commit_cum = g_new0 (SkyDecimal, (gsize) expected->providers->len * MAX (n, 1));
          for (guint i = 0; i < expected->providers->len; i++)
            {
              SkyEstimateProvider *ep = g_ptr_array_index (expected->providers, i);
              SkyProjectionProvider *p = g_new0 (SkyProjectionProvider, 1);

              p->provider = g_strdup (ep->provider);
              p->provider_name = g_strdup (ep->provider_name);
              p->sheet_version = g_strdup (ep->sheet_version);
              p->n_lines = n;
              p->labels = g_ptr_array_new_with_free_func (g_free);
              p->groups = g_ptr_array_new_with_free_func (g_free);
              p->priced = g_array_new (FALSE, TRUE, sizeof (gboolean));
              for (guint l = 0; l < n; l++)
                {
                  SkyEstimateLine *el = g_ptr_array_index (ep->lines, l);
                  gboolean yes = TRUE;
                  g_ptr_array_add (p->labels, g_strdup (el->label));
                  g_ptr_array_add (p->groups, g_strdup (el->group));
                  g_array_append_val (p->priced, yes);
                }
              p->cash = g_new0 (SkyDecimal, (gsize) n * months + 1);
              p->amortised = g_new0 (SkyDecimal, (gsize) n * months + 1);
              p->total_cash = g_new0 (SkyDecimal, months);
              p->total_amortised = g_new0 (SkyDecimal, months);
              p->low = g_new0 (SkyDecimal, months);
              p->high = g_new0 (SkyDecimal, months);
              p->break_even = g_new0 (int, MAX (n, 1));
              for (guint l = 0; l < n; l++)
                {
                  const SkyScenarioLine *sl = g_ptr_array_index (scenario->lines, l);
                  p->break_even[l] = sky_term_months (sl->term) > 0 ? 0 : -1;
                  od_cum[i * n + l] = commit_cum[i * n + l] = sky_decimal_from_int (0);
                }
              for (guint k = 0; k < months; k++)
                p->total_cash[k] = p->total_amortised[k] = p->low[k] = p->high[k] =
                  sky_decimal_from_int (0);
              g_ptr_array_add (projection->providers, p);
            }
        }

      for (guint i = 0; i < projection->providers->len; i++)
        {
          SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
          SkyEstimateProvider *ep = g_ptr_array_index (expected->providers, i);
          SkyEstimateProvider *od = g_ptr_array_index (on_demand->providers, i);

          for (guint l = 0; l < n; l++)
            {
              const SkyScenarioLine *sl = g_ptr_array_index (scenario->lines, l);
              SkyEstimateLine *el = g_ptr_array_index (ep->lines, l);
              SkyEstimateLine *ol = g_ptr_array_index (od->lines, l);
              guint start = start_month (scenario, sl);
              SkyDecimal cash = sky_decimal_from_int (0), amortised = cash;

              if (el->status == SKY_LINE_PRICED)
                {
                  cash = el->monthly;
                  amortised = el->effective_monthly;
                  /* An upfront fee falls due when the commitment starts, and again at each
                   * renewal. */
                  if (el->term_months > 0 && m >= start && (m - start) % el->term_months == 0)
                    cash = sum (cash, el->upfront, &overflow);
                }
              else
                g_array_index (p->priced, gboolean, l) = FALSE;
              p->cash[l * months + (m - 1)] = cash;
              p->amortised[l * months + (m - 1)] = amortised;
              p->total_cash[m - 1] = sum (p->total_cash[m - 1], cash, &overflow);
              p->total_amortised[m - 1] = sum (p->total_amortised[m - 1], amortised, &overflow);

              /* Break-even: the commitment's cash so far against on demand's. */
              if (p->break_even[l] == 0 && el->status == SKY_LINE_PRICED &&
                  ol->status == SKY_LINE_PRICED)
                {
                  od_cum[i * n + l] = sum (od_cum[i * n + l], ol->monthly, &overflow);
                  commit_cum[i * n + l] = sum (commit_cum[i * n + l], cash, &overflow);
                  if (m >= start && sky_decimal_compare (commit_cum[i * n + l],
                                                         od_cum[i * n + l]) <= 0)
                    p->break_even[l] = (int) m;
                }
            }
          if (ranges)
            {
              SkyEstimateProvider *lp = g_ptr_array_index (low->providers, i);
              SkyEstimateProvider *hp = g_ptr_array_index (high->providers, i);
              SkyDecimal lo = sky_decimal_from_int (0), hi = lo;

              for (guint l = 0; l < n; l++)
                {
                  SkyEstimateLine *a = g_ptr_array_index (lp->lines, l);
                  SkyEstimateLine *b = g_ptr_array_index (hp->lines, l);
                  const SkyScenarioLine *sl = g_ptr_array_index (scenario->lines, l);
                  guint start = start_month (scenario, sl);

                  if (a->status == SKY_LINE_PRICED)
                    {
                      lo = sum (lo, a->monthly, &overflow);
                      if (a->term_months > 0 && m >= start && (m - start) % a->term_months == 0)
                        lo = sum (lo, a->upfront, &overflow);
                    }
                  if (b->status == SKY_LINE_PRICED)
                    {
                      hi = sum (hi, b->monthly, &overflow);
                      if (b->term_months > 0 && m >= start && (m - start) % b->term_months == 0)
                        hi = sum (hi, b->upfront, &overflow);
                    }
                }
              p->low[m - 1] = lo;
              p->high[m - 1] = hi;
            }
          else
            p->low[m - 1] = p->high[m - 1] = p->total_cash[m - 1];
        }
      if (overflow)
        {
          sky_projection_set_overflow_error (error);
          return NULL;
        }
    }

  for (guint i = 0; i < projection->providers->len; i++)
    if (!check_budget (scenario, g_ptr_array_index (projection->providers, i), months, error))
      return NULL;
  return g_steal_pointer (&projection);
}

/* How many of the provider's lines it has no matching offer for: lines its figures leave out. */
guint
sky_projection_unpriced (const SkyProjectionProvider *provider)
{
  guint unpriced = 0;

  g_return_val_if_fail (provider != NULL, 0);

  for (guint l = 0; l < provider->n_lines; l++)
    if (!g_array_index (provider->priced, gboolean, l))
      unpriced++;
  return unpriced;
}

/* Whether the provider prices every line: only then are its figures the scenario's cost. */
gboolean
sky_projection_complete (const SkyProjectionProvider *provider)
{
  g_return_val_if_fail (provider != NULL, FALSE);

  return provider->sheet_version != NULL && sky_projection_unpriced (provider) == 0;
}

/* The index of the complete provider whose amortised total over the projection is lowest (the
 * first of equals), or -1 when none is complete. */
int
sky_projection_cheapest_complete (const SkyProjection *projection)
{
  int best = -1;
  SkyDecimal best_total = sky_decimal_from_int (0);

  g_return_val_if_fail (projection != NULL, -1);

  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      SkyDecimal total = sky_decimal_from_int (0);
      gboolean ok = TRUE;

      if (!sky_projection_complete (p))
        continue;
      for (guint m = 0; m < projection->months && ok; m++)
        ok = sky_decimal_add (total, p->total_amortised[m], &total);
      if (ok && (best < 0 || sky_decimal_compare (total, best_total) < 0))
        {
          best = (int) i;
          best_total = total;
        }
    }
  return best;
}

/* Whether the provider keeps the scenario's budget. A provider that cannot price every line
 * is over when its figures, which leave those lines out, already are; otherwise it cannot be
 * judged. */
SkyBudgetVerdict
sky_projection_verdict (const SkyScenario           *scenario,
                        const SkyProjectionProvider *provider)
{
  const SkyBudget *b = scenario->budget;
  gboolean over;

  if (b == NULL || (!b->has_monthly && !b->has_yearly && b->group_caps->len == 0))
    return SKY_BUDGET_NONE;
  over = (b->has_monthly && provider->first_month_over > 0) ||
         (b->has_yearly && provider->first_year_over > 0);
  for (guint c = 0; c < b->group_caps->len && c < provider->group_first_over->len; c++)
    over = over || g_array_index (provider->group_first_over, guint, c) > 0;
  if (over)
    return SKY_BUDGET_OVER;
  return sky_projection_complete (provider) ? SKY_BUDGET_WITHIN : SKY_BUDGET_CANNOT_JUDGE;
}
