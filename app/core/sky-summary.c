/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-freshness.h"
#include "sky-summary.h"
#include "sky-vocabulary.h"

/* The answer at a glance: per provider, what it costs a month, upfront, in the first year and
 * over a term; whether it prices every line; whether it keeps the budget; and which complete
 * provider is cheapest. Nothing is computed again here: the figures are the estimate's and the
 * projection's, the verdict the projection's. */

static void
summary_provider_free (SkySummaryProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->provider_short_name);
  g_free (p->prices_as_of);
  g_free (p);
}

void
sky_summary_free (SkySummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->currency);
  g_clear_pointer (&summary->providers, g_ptr_array_unref);
  g_free (summary);
}

/* The term a summary takes unless one is chosen: the longest commitment among the scenario's
 * lines, or, when no line commits, the scenario's projection months; in 12 to 60 months, the
 * months a projection can span. */
guint
sky_summary_default_term (const SkyScenario *scenario,
                          SkySummaryTerm    *term)
{
  guint longest = 0;

  g_return_val_if_fail (scenario != NULL, 12);

  for (guint i = 0; i < scenario->lines->len; i++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (scenario->lines, i);
      longest = MAX (longest, sky_term_months (line->term));
    }
  if (term != NULL)
    *term = longest > 0 ? SKY_SUMMARY_TERM_COMMITMENT : SKY_SUMMARY_TERM_PROJECTION;
  return CLAMP (longest > 0 ? longest : scenario->projection_months, 12, 60);
}

static const SkyProjectionProvider *
projected (const SkyProjection *projection,
           const char          *provider)
{
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      if (g_strcmp0 (p->provider, provider) == 0)
        return p;
    }
  return NULL;
}

/* The cash of months 1 to @months. */
static gboolean
cash_total (const SkyProjectionProvider *p,
            guint                        months,
            SkyDecimal                  *total)
{
  gboolean overflow = FALSE;

  *total = sky_decimal_from_int (0);
  for (guint m = 0; m < months; m++)
    *total = sky_decimal_add_or_flag (*total, p->total_cash[m], &overflow);
  return !overflow;
}

/* What the budget projection says of @sp against @scenario's budget: the verdict, and by how
 * much the first month and the first year over go over their caps. */
static gboolean
judge (const SkyScenario           *scenario,
       const SkyProjection         *budget,
       const SkyProjectionProvider *bp,
       SkySummaryProvider          *sp)
{
  const SkyBudget *b = scenario->budget;

  sp->verdict = sky_projection_verdict (scenario, bp);
  sp->monthly_excess = sp->yearly_excess = sky_decimal_from_int (0);
  if (sp->verdict == SKY_BUDGET_NONE)
    return TRUE;
  if (b->has_monthly && bp->first_month_over > 0)
    {
      sp->first_month_over = bp->first_month_over;
      if (!sky_decimal_sub (bp->total_cash[bp->first_month_over - 1], b->monthly,
                            &sp->monthly_excess))
        return FALSE;
    }
  if (b->has_yearly && bp->first_year_over > 0)
    {
      SkyDecimal year;

      sp->first_year_over = bp->first_year_over;
      if (!sky_projection_year (bp, budget->months, bp->first_year_over, &year) ||
          !sky_decimal_sub (year, b->yearly, &sp->yearly_excess))
        return FALSE;
    }
  for (guint c = 0; c < bp->group_first_over->len; c++)
    {
      guint first = g_array_index (bp->group_first_over, guint, c);

      if (first == 0)
        continue;
      sp->n_groups_over++;
      if (sp->first_group_over == 0 || first < sp->first_group_over)
        sp->first_group_over = first;
    }
  return TRUE;
}

/* Marks the complete providers whose term total is lowest: all of them when they tie. */
static void
mark_cheapest (SkySummary *summary)
{
  const SkySummaryProvider *best = NULL;

  for (guint i = 0; i < summary->providers->len; i++)
    {
      const SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);

      if (p->complete &&
          (best == NULL || sky_decimal_compare (p->term_total, best->term_total) < 0))
        best = p;
    }
  summary->n_cheapest = 0;
  for (guint i = 0; i < summary->providers->len && best != NULL; i++)
    {
      SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);

      p->cheapest = p->complete && sky_decimal_compare (p->term_total, best->term_total) == 0;
      if (p->cheapest)
        summary->n_cheapest++;
    }
}

/* The summary of @estimate's providers: monthly and upfront from @estimate; the first year and
 * the term total from @term_projection, over its months; the verdict from @budget_projection,
 * which spans the months the budget is judged over (the scenario's projection months), as the
 * Budget page judges it. The projections are of the same scenario and providers, on the sheets
 * the estimate was priced from; a provider of the estimate they lack is left out. */
SkySummary *
sky_summary_new (const SkyScenario   *scenario,
                 const SkyEstimate   *estimate,
                 const SkyProjection *budget_projection,
                 const SkyProjection *term_projection,
                 SkySummaryTerm       term,
                 GError             **error)
{
  g_autoptr(SkySummary) summary = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (estimate != NULL, NULL);
  g_return_val_if_fail (budget_projection != NULL, NULL);
  g_return_val_if_fail (term_projection != NULL, NULL);

  summary = g_new0 (SkySummary, 1);
  summary->currency = g_strdup (estimate->currency);
  summary->term = term;
  summary->term_months = term_projection->months;
  summary->budget_months = budget_projection->months;
  summary->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_provider_free);

  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *ep = g_ptr_array_index (estimate->providers, i);
      const SkyProjectionProvider *tp = projected (term_projection, ep->provider);
      const SkyProjectionProvider *bp = projected (budget_projection, ep->provider);
      SkySummaryProvider *sp;

      /* Projections of other providers than the estimate's have nothing to say of it. */
      if (tp == NULL || bp == NULL)
        continue;

      sp = g_new0 (SkySummaryProvider, 1);
      g_ptr_array_add (summary->providers, sp);
      sp->provider = g_strdup (ep->provider);
      sp->provider_name = g_strdup (ep->provider_name);
      sp->provider_short_name = g_strdup (ep->provider_short_name);
      sp->monthly = ep->monthly;
      sp->upfront = ep->upfront;
      sp->complete = sky_estimate_provider_complete (ep);
      sp->n_unpriced = ep->n_unpriced;
      sp->prices_as_of = g_strdup (ep->prices_as_of);
      sp->prices_age_days = ep->prices_age_days;
      sp->stale = ep->stale;
      if (!sky_projection_year (tp, term_projection->months, 1, &sp->first_year) ||
          !cash_total (tp, term_projection->months, &sp->term_total) ||
          !judge (scenario, budget_projection, bp, sp))
        {
          sky_projection_set_overflow_error (error);
          return NULL;
        }
    }
  mark_cheapest (summary);
  return g_steal_pointer (&summary);
}

/* Sums up @estimate of @scenario on @providers (NULL: its own), priced on the sheets the
 * scenario records or with @current_sheets on the current ones, over @term_months (0: the
 * default term, sky_summary_default_term(); otherwise in 12 to 60). */
SkySummary *
sky_summary_for_estimate (SkyCatalog          *catalog,
                          const SkyScenario   *scenario,
                          const SkyEstimate   *estimate,
                          const char * const  *providers,
                          gboolean             current_sheets,
                          guint                term_months,
                          GError             **error)
{
  g_autoptr(SkyScenario) priced = NULL;
  g_autoptr(SkyProjection) budget = NULL;
  g_autoptr(SkyProjection) term_projection = NULL;
  SkySummaryTerm term = SKY_SUMMARY_TERM_CHOSEN;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL && estimate != NULL, NULL);

  /* The projections price what the scenario records: record the sheets the estimate took. */
  priced = sky_scenario_copy (scenario);
  if (current_sheets)
    sky_estimate_record_sheets (estimate, priced);

  if (term_months == 0)
    term_months = sky_summary_default_term (priced, &term);
  term_months = CLAMP (term_months, 12, 60);

  budget = sky_projection_compute (catalog, priced, providers, 0, error);
  if (budget == NULL)
    return NULL;
  if (term_months != budget->months)
    {
      term_projection = sky_projection_compute (catalog, priced, providers, term_months, error);
      if (term_projection == NULL)
        return NULL;
    }
  return sky_summary_new (priced, estimate, budget,
                          term_projection != NULL ? term_projection : budget, term, error);
}

/* Prices @scenario and sums it up: sky_estimate_compute(), then sky_summary_for_estimate(). */
SkySummary *
sky_summary_compute (SkyCatalog          *catalog,
                     const SkyScenario   *scenario,
                     const char * const  *providers,
                     gboolean             current_sheets,
                     guint                term_months,
                     GError             **error)
{
  g_autoptr(SkyEstimate) estimate = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  estimate = sky_estimate_compute (catalog, scenario, providers, current_sheets, error);
  if (estimate == NULL)
    return NULL;
  return sky_summary_for_estimate (catalog, scenario, estimate, providers, current_sheets,
                                   term_months, error);
}

/* Ages the providers' prices to @today (NULL: today) with @stale_after_days. */
void
sky_summary_set_freshness (SkySummary *summary,
                           const char *today,
                           guint       stale_after_days)
{
  g_autofree char *now = NULL;

  g_return_if_fail (summary != NULL);

  now = today != NULL ? g_strdup (today) : sky_freshness_today ();
  for (guint i = 0; i < summary->providers->len; i++)
    {
      SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);

      if (p->prices_as_of == NULL)
        continue;
      if (!sky_freshness_age (p->prices_as_of, now, &p->prices_age_days))
        p->prices_age_days = 0;
      p->stale = sky_freshness_is_stale (p->prices_as_of, now, stale_after_days);
    }
}

static char *
money (const SkySummary *summary,
       SkyDecimal        amount,
       gboolean          display)
{
  g_autofree char *text = NULL;

  if (display)
    return sky_currency_format_display (summary->currency, amount);
  text = sky_currency_format (summary->currency, amount);
  return g_strdup_printf ("%s %s", text, summary->currency);
}

/* The calendar month that month @month of @scenario's projection is, as a reader names it
 * ("September 2028"); NULL without a scenario or a start month. */
static char *
month_name (const SkyScenario *scenario,
            guint              month)
{
  g_autoptr(GDateTime) date = NULL;

  if (scenario == NULL || month == 0 || !sky_scenario_has_calendar (scenario))
    return NULL;
  date = sky_scenario_month_date (scenario, month);
  return date != NULL ? g_date_time_format (date, "%B %Y") : NULL;
}

/* The verdict in a few words, the first breach told: "Within budget", "Over by 120.00 USD a
 * month" (from the first month), "Over in month 8, by 7.15 USD", "A group over its cap in
 * month 1", "Over by 192.00 USD a year", "No budget". With @calendar's start month, a month
 * named is its calendar month: "Over from September 2028, by 7.15 USD". */
static char *
verdict_text (const SkySummary         *summary,
              const SkySummaryProvider *provider,
              const SkyScenario        *calendar,
              gboolean                  display)
{
  g_autofree char *amount = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (summary != NULL && provider != NULL, NULL);

  switch (provider->verdict)
    {
    case SKY_BUDGET_NONE:
      return g_strdup (_("No budget"));
    case SKY_BUDGET_WITHIN:
      return g_strdup (_("Within budget"));
    case SKY_BUDGET_CANNOT_JUDGE:
      return g_strdup (_("Cannot judge: lines not priced"));
    case SKY_BUDGET_OVER:
    default:
      break;
    }
  /* The first breach is told: a group's cap before the monthly budget is what to fix first. */
  if (provider->first_group_over > 0 &&
      (provider->first_month_over == 0 ||
       provider->first_group_over < provider->first_month_over))
    {
      when = month_name (calendar, provider->first_group_over);
      if (when != NULL)
        /* Translators: the calendar month ("September 2028") a group of lines first goes
         * over its own cap. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A group over its cap in %s",
                                             "Groups over their caps from %s",
                                             provider->n_groups_over),
                                when);
      /* Translators: the first month a group of lines goes over its own cap. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A group over its cap in month %u",
                                         "Groups over their caps from month %u",
                                         provider->n_groups_over),
                            provider->first_group_over);
    }
  if (provider->first_month_over > 0)
    {
      amount = money (summary, provider->monthly_excess, display);
      if (provider->first_month_over == 1)
        /* Translators: how much the first month exceeds the monthly budget. */
        return g_strdup_printf (_("Over by %s a month"), amount);
      when = month_name (calendar, provider->first_month_over);
      if (when != NULL)
        /* Translators: the calendar month ("September 2028") a growing scenario first goes
         * over the monthly budget in, and by how much. */
        return g_strdup_printf (_("Over from %s, by %s"), when, amount);
      /* Translators: the first month over the monthly budget (a growing scenario), and by
       * how much. */
      return g_strdup_printf (_("Over in month %u, by %s"), provider->first_month_over,
                              amount);
    }
  if (provider->first_year_over > 0)
    {
      amount = money (summary, provider->yearly_excess, display);
      /* Translators: how much the first year over the yearly budget exceeds it. */
      return g_strdup_printf (_("Over by %s a year"), amount);
    }
  return g_strdup (_("Over budget"));
}

/* What the term is: "36 months (the longest commitment)". */
char *
sky_summary_term_text (const SkySummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  switch (summary->term)
    {
    case SKY_SUMMARY_TERM_COMMITMENT:
      return g_strdup_printf (_("%u months (the longest commitment)"), summary->term_months);
    case SKY_SUMMARY_TERM_PROJECTION:
      return g_strdup_printf (_("%u months (the projection)"), summary->term_months);
    case SKY_SUMMARY_TERM_CHOSEN:
    default:
      return g_strdup_printf (_("%u months"), summary->term_months);
    }
}

/* The verdict's word in records (JSON): "none", "within", "over", "cannot-judge". */
const char *
sky_summary_verdict_id (SkyBudgetVerdict verdict)
{
  static const char * const ids[] = {
    [SKY_BUDGET_NONE] = "none", [SKY_BUDGET_WITHIN] = "within",
    [SKY_BUDGET_OVER] = "over", [SKY_BUDGET_CANNOT_JUDGE] = "cannot-judge",
  };

  g_return_val_if_fail ((guint) verdict < G_N_ELEMENTS (ids), NULL);
  return ids[verdict];
}

char *
sky_summary_verdict_text (const SkySummary         *summary,
                          const SkySummaryProvider *provider)
{
  g_return_val_if_fail (summary != NULL && provider != NULL, NULL);

  return verdict_text (summary, provider, NULL, FALSE);
}

/* As sky_summary_verdict_text(), its money as the reader's locale writes it, for the window and
 * the PDF. */
char *
sky_summary_verdict_display (const SkySummary         *summary,
                             const SkySummaryProvider *provider)
{
  g_return_val_if_fail (summary != NULL && provider != NULL, NULL);

  return verdict_text (summary, provider, NULL, TRUE);
}

/* As sky_summary_verdict_text(), a month it names said as the calendar month it is when
 * @scenario has a start month ("Over from September 2028, by 7.15 USD"), as the Budget page
 * names it; for the XLSX Summary sheet. */
char *
sky_summary_verdict_calendar_text (const SkySummary         *summary,
                                   const SkySummaryProvider *provider,
                                   const SkyScenario        *scenario)
{
  g_return_val_if_fail (summary != NULL && provider != NULL && scenario != NULL, NULL);

  return verdict_text (summary, provider, scenario, FALSE);
}

/* As sky_summary_verdict_calendar_text(), its money as the reader's locale writes it, for the
 * summary cards. */
char *
sky_summary_verdict_calendar_display (const SkySummary         *summary,
                                      const SkySummaryProvider *provider,
                                      const SkyScenario        *scenario)
{
  g_return_val_if_fail (summary != NULL && provider != NULL && scenario != NULL, NULL);

  return verdict_text (summary, provider, scenario, TRUE);
}
