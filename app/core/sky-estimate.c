/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-estimate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-estimate.h"
#include "sky-explain.h"
#include "sky-freshness.h"
#include "sky-resolve.h"
#include "sky-vocabulary.h"

/* The pricing engine: a scenario's lines on each provider, from the catalog's prices, in exact
 * decimals. Each provider's lines are resolved (sky-resolve.c: which offer and price), then
 * priced (sky-pricing.c: the arithmetic and its steps), then totalled here, and each line's
 * steps written out as its explanation (sky-explain.c). How it bills (docs/scenario-format.md
 * says the same for users):
 *
 * - A line costs quantity × usage units a month at its price. Reserved and savings-plan prices
 *   per hour bill every hour of the month, whatever the usage: that is the commitment.
 * - A price's free allowance and volume tiers count the month's total of every line priced
 *   with that same price of that same offer, in the order the lines are listed: the first line
 *   uses the free allowance and the first tier first. Tiers start after the free allowance.
 * - An upfront fee is per unit of quantity, for the whole commitment; shown as paid when the
 *   commitment starts (cash) and spread over its months (effective monthly).
 * - Discounts: a provider's discount for the offer's service, else its discount for every
 *   service, off the price and the upfront fee. Then the exchange rate the scenario pins, from
 *   the sheet's currency to the scenario's. Then each figure is rounded once, half up, to the
 *   currency's minor unit; totals are sums of the rounded lines.
 * - Credits are used up by the first bills: they lower the first year's and the term's totals,
 *   never below zero, and not the monthly figures. */

G_DEFINE_QUARK (sky-estimate-error-quark, sky_estimate_error)

#define D(x) sky_decimal_from_int (x)

static void
estimate_line_free (SkyEstimateLine *line)
{
  g_free (line->label);
  g_free (line->group);
  g_free (line->reason);
  g_free (line->unit);
  g_free (line->term);
  g_free (line->explanation);
  g_clear_pointer (&line->steps, g_array_unref);
  g_free (line);
}

static void
estimate_group_free (SkyEstimateGroup *group)
{
  g_free (group->name);
  g_free (group);
}

static void
estimate_sheet_free (SkyEstimateSheet *sheet)
{
  g_free (sheet->version);
  g_free (sheet->effective_date);
  g_free (sheet);
}

static void
estimate_provider_free (SkyEstimateProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->provider_short_name);
  g_free (p->sheet_version);
  g_ptr_array_unref (p->lines);
  g_ptr_array_unref (p->groups);
  g_ptr_array_unref (p->sheets);
  g_clear_pointer (&p->offers, g_ptr_array_unref);
  g_free (p->prices_as_of);
  g_free (p);
}

void
sky_estimate_free (SkyEstimate *estimate)
{
  if (estimate == NULL)
    return;
  g_free (estimate->currency);
  g_ptr_array_unref (estimate->providers);
  g_free (estimate->today);
  g_ptr_array_unref (estimate->notices);
  g_free (estimate);
}

char *
sky_estimate_money (const SkyEstimate *estimate,
                    SkyDecimal         amount)
{
  return sky_currency_format (estimate->currency, amount);
}

/* The same figure for people to read, in their locale and with the currency's symbol. */
char *
sky_estimate_money_display (const SkyEstimate *estimate,
                            SkyDecimal         amount)
{
  g_return_val_if_fail (estimate != NULL, NULL);

  return sky_currency_format_display (estimate->currency, amount);
}

/* Arithmetic that cannot fail within the range of real bills; an overflow is reported. */
typedef struct
{
  const SkyScenario *scenario;
  SkyCatalog        *catalog;
  SkyEstimate       *estimate;
  SkyPricing        *pricing;
  SkyExplainMemo    *words;      /* the steps' words, each written once */
  GPtrArray         *sheets;     /* SkySheetInfo: the catalog's, for their dates */
  gboolean           overflow;
} Ctx;

static SkyDecimal
add (Ctx *ctx, SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_add_or_flag (a, b, &ctx->overflow);
}

static SkyDecimal
sub (Ctx *ctx, SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_sub_or_flag (a, b, &ctx->overflow);
}

static SkyDecimal
dmin (SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_compare (a, b) <= 0 ? a : b;
}

/* Adds the sheet @version of @p's provider dated @date, once. */
static void
add_sheet (SkyEstimateProvider *p,
           const char          *version,
           const char          *date)
{
  SkyEstimateSheet *sheet;

  if (version == NULL || date == NULL)
    return;
  for (guint i = 0; i < p->sheets->len; i++)
    if (g_strcmp0 (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, i))->version,
                   version) == 0)
      return;
  sheet = g_new0 (SkyEstimateSheet, 1);
  sheet->version = g_strdup (version);
  sheet->effective_date = g_strdup (date);
  g_ptr_array_add (p->sheets, sheet);
}

static int
compare_sheets (gconstpointer a,
                gconstpointer b)
{
  const SkyEstimateSheet *x = *(SkyEstimateSheet * const *) a;
  const SkyEstimateSheet *y = *(SkyEstimateSheet * const *) b;
  int by_date = g_strcmp0 (x->effective_date, y->effective_date);

  return by_date != 0 ? by_date : g_strcmp0 (x->version, y->version);
}

/* The sheets @p was priced from: the provider's, and that of every offer a line found. */
static void
collect_sheets (Ctx                 *ctx,
                SkyEstimateProvider *p)
{
  for (guint i = 0; i < ctx->sheets->len; i++)
    {
      const SkySheetInfo *info = g_ptr_array_index (ctx->sheets, i);

      if (g_strcmp0 (info->provider, p->provider) == 0 &&
          g_strcmp0 (info->version, p->sheet_version) == 0)
        add_sheet (p, info->version, info->effective_date);
    }
  for (guint i = 0; i < p->lines->len; i++)
    {
      const SkyEstimateLine *l = g_ptr_array_index (p->lines, i);

      if (l->offer != NULL)
        add_sheet (p, l->offer->sheet_version, l->offer->effective_date);
    }
  g_ptr_array_sort (p->sheets, compare_sheets);
}

static SkyEstimateGroup *
group_named (SkyEstimateProvider *p,
             const char          *name)
{
  SkyEstimateGroup *g;

  for (guint i = 0; i < p->groups->len; i++)
    {
      g = g_ptr_array_index (p->groups, i);
      if (strcmp (g->name, name) == 0)
        return g;
    }
  g = g_new0 (SkyEstimateGroup, 1);
  g->name = g_strdup (name);
  g->monthly = g->upfront = g->effective_monthly = g->yearly = g->term_total = D (0);
  g_ptr_array_add (p->groups, g);
  return g;
}

/* Resolves the scenario's lines on @provider, then prices them in order. */
static gboolean
price_provider (Ctx         *ctx,
                const char  *provider,
                gboolean     current_sheets,
                GError     **error)
{
  const SkyScenario *s = ctx->scenario;
  g_autoptr(SkyResolvedProvider) rp = sky_resolve_provider_with_sheets (ctx->catalog, s,
                                                                        provider,
                                                                        current_sheets,
                                                                        ctx->sheets, error);
  SkyEstimateProvider *p;

  if (rp == NULL)
    return FALSE;

  p = g_new0 (SkyEstimateProvider, 1);
  p->provider = g_strdup (provider);
  p->provider_name = g_steal_pointer (&rp->provider_name);
  p->provider_short_name = g_steal_pointer (&rp->provider_short_name);
  p->sheet_version = g_steal_pointer (&rp->sheet_version);
  p->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_line_free);
  p->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_group_free);
  p->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_sheet_free);
  g_ptr_array_add (ctx->estimate->providers, p);

  /* Each provider counts its own usage towards free allowances and tiers. */
  sky_pricing_reset (ctx->pricing);
  for (guint i = 0; i < s->lines->len; i++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (s->lines, i);
      SkyResolvedLine *rl = g_ptr_array_index (rp->lines, i);
      SkyEstimateLine *el = g_new0 (SkyEstimateLine, 1);

      el->index = i;
      el->label = g_strdup (line->label);
      el->group = g_strdup (line->group != NULL ? line->group : "");
      el->quantity = line->quantity;
      el->usage = sky_scenario_line_usage (s, line);
      el->unit = g_strdup (line->unit);
      el->term = g_strdup (line->term);
      el->monthly = el->upfront = el->effective_monthly = el->yearly = el->term_total = D (0);
      el->status = rl->status;
      el->reason = g_strdup (rl->reason);
      /* Lines that ask the same share one offer, which the provider keeps. */
      el->offer = rl->offer;
      el->price_index = rl->price_index;
      g_ptr_array_add (p->lines, el);

      if (rl->has_terms)
        {
          el->term_months = rl->terms.term_months;
          /* A commitment bills the month's hours, counted in the line's unit of time. */
          if (rl->terms.committed &&
              !sky_unit_convert (s->hours_per_month, sky_unit_lookup ("hour"),
                                 sky_unit_lookup (line->unit), 10, SKY_ROUND_HALF_UP,
                                 &el->usage))
            el->usage = s->hours_per_month;
          el->usage = sky_decimal_normalize (el->usage);
        }
      if (el->status == SKY_LINE_PRICED)
        {
          SkyPricedLine figures;

          el->steps = sky_price_steps_new ();
          sky_pricing_price_line (ctx->pricing, &rl->terms, el->quantity, el->usage, &figures,
                                  el->steps);
          el->usage = figures.usage;
          el->monthly = figures.monthly;
          el->upfront = figures.upfront;
          el->effective_monthly = figures.effective_monthly;
          el->yearly = figures.yearly;
          el->has_break_even = figures.has_break_even;
          el->break_even_hours = figures.break_even_hours;
        }

      if (el->status != SKY_LINE_PRICED)
        p->n_unpriced++;
      else if (el->term_months > ctx->estimate->term_months)
        ctx->estimate->term_months = el->term_months;
    }
  p->offers = sky_resolved_provider_take_offers (rp);
  collect_sheets (ctx, p);
  return TRUE;
}

/* Term totals, groups and provider totals, once the scenario's term is known; then each line's
 * explanation, which ends with its term total. */
static void
total_provider (Ctx                 *ctx,
                SkyEstimateProvider *p)
{
  const SkyScenario *s = ctx->scenario;
  guint term = ctx->estimate->term_months;
  SkyDecimal credits = D (0);

  p->monthly = p->upfront = p->effective_monthly = p->yearly = p->term_total = D (0);
  for (guint i = 0; i < p->lines->len; i++)
    {
      SkyEstimateLine *el = g_ptr_array_index (p->lines, i);
      SkyPricedLine figures = { .monthly = el->monthly, .upfront = el->upfront };
      SkyEstimateGroup *g;
      g_autofree char *arithmetic = NULL;

      if (el->status != SKY_LINE_PRICED)
        continue;
      el->term_total = sky_pricing_term_total (ctx->pricing, &figures, el->term_months, term,
                                               el->steps);
      arithmetic = sky_explain_memo_format (ctx->words, el->steps);
      el->explanation = sky_explain_source (p->provider_name,
                                            el->offer != NULL ? el->offer->sheet_version : NULL,
                                            arithmetic);

      g = group_named (p, el->group);
#define SUM(field) \
      g->field = add (ctx, g->field, el->field); \
      p->field = add (ctx, p->field, el->field)
      SUM (monthly);
      SUM (upfront);
      SUM (effective_monthly);
      SUM (yearly);
      SUM (term_total);
#undef SUM
    }

  for (guint i = 0; i < s->credits->len; i++)
    {
      const SkyCredit *c = g_ptr_array_index (s->credits, i);
      if (g_strcmp0 (c->provider, p->provider) == 0)
        credits = add (ctx, credits, c->amount);
    }
  credits = sky_currency_round (s->currency, credits);
  p->credits = dmin (credits, p->yearly);
  p->yearly_net = sub (ctx, p->yearly, p->credits);
  p->term_net = sub (ctx, p->term_total, dmin (credits, p->term_total));
}

static SkyEstimate *compute (SkyCatalog          *catalog,
                              const SkyScenario   *scenario,
                              const char * const  *providers,
                              gboolean             current_sheets,
                              GError             **error);

/* Prices @scenario on @providers (NULL: the scenario's own), against the sheets it was priced
 * against, or with @current_sheets against each provider's current sheet; in one read
 * transaction, so that every line is priced from the same state of the catalog. */
SkyEstimate *
sky_estimate_compute (SkyCatalog          *catalog,
                      const SkyScenario   *scenario,
                      const char * const  *providers,
                      gboolean             current_sheets,
                      GError             **error)
{
  SkyEstimate *estimate;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  if (!sky_catalog_begin_read (catalog, error))
    return NULL;
  estimate = compute (catalog, scenario, providers, current_sheets, error);
  sky_catalog_end_read (catalog);
  return estimate;
}

static SkyEstimate *
compute (SkyCatalog          *catalog,
         const SkyScenario   *scenario,
         const char * const  *providers,
         gboolean             current_sheets,
         GError             **error)
{
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(SkyPricing) pricing = NULL;
  g_autoptr(SkyExplainMemo) words = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  Ctx ctx = { 0 };

  estimate = g_new0 (SkyEstimate, 1);
  estimate->currency = g_strdup (scenario->currency);
  estimate->compare_by = scenario->compare_by;
  estimate->term_months = 12;
  estimate->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_provider_free);
  estimate->notices = g_ptr_array_new_with_free_func (g_free);

  list = sky_resolve_providers (scenario, providers, error);
  if (list == NULL)
    return NULL;
  sheets = sky_catalog_list_sheets (catalog, error);
  if (sheets == NULL)
    return NULL;

  pricing = sky_pricing_new (scenario->currency, scenario->hours_per_month);
  /* Explanations are written as sky_explain_steps() writes them. */
  words = sky_explain_memo_new (SKY_EXPLAIN_PLAIN);
  ctx = (Ctx) { scenario, catalog, estimate, pricing, words, sheets, FALSE };
  for (guint i = 0; i < list->len; i++)
    if (!price_provider (&ctx, g_ptr_array_index (list, i), current_sheets, error))
      return NULL;
  for (guint i = 0; i < estimate->providers->len; i++)
    total_provider (&ctx, g_ptr_array_index (estimate->providers, i));

  if (ctx.overflow || sky_pricing_overflowed (pricing))
    {
      g_set_error_literal (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_OVERFLOW,
                           SKY_ESTIMATE_OVERFLOW_MESSAGE);
      return NULL;
    }
  sky_estimate_set_freshness (estimate, NULL, SKY_FRESHNESS_STALE_AFTER_DEFAULT);
  return g_steal_pointer (&estimate);
}

/* Freshness -------------------------------------------------------------------------------- */

/* Ages @estimate's prices to @today (NULL: sky_freshness_today()): each sheet's age and whether
 * it is more than @stale_after_days old, each provider's oldest, and the notices beside the
 * estimate: the providers with stale prices, and compared providers' prices more than
 * SKY_FRESHNESS_APART_MONTHS months apart. */
void
sky_estimate_set_freshness (SkyEstimate *estimate,
                            const char  *today,
                            guint        stale_after_days)
{
  g_autoptr(GPtrArray) notices = NULL;

  g_return_if_fail (estimate != NULL);

  g_free (estimate->today);
  estimate->today = today != NULL ? g_strdup (today) : sky_freshness_today ();
  estimate->stale_after_days = stale_after_days;

  for (guint i = 0; i < estimate->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);

      g_clear_pointer (&p->prices_as_of, g_free);
      p->prices_age_days = 0;
      p->stale = FALSE;
      for (guint j = 0; j < p->sheets->len; j++)
        {
          SkyEstimateSheet *sheet = g_ptr_array_index (p->sheets, j);

          if (!sky_freshness_age (sheet->effective_date, estimate->today, &sheet->age_days))
            sheet->age_days = 0;
          sheet->stale = sky_freshness_is_stale (sheet->effective_date, estimate->today,
                                                 stale_after_days);
        }
      if (p->sheets->len > 0)
        {
          SkyEstimateSheet *first = g_ptr_array_index (p->sheets, 0);

          p->prices_as_of = g_strdup (first->effective_date);
          p->prices_age_days = first->age_days;
          p->stale = first->stale;
        }
    }

  notices = sky_estimate_freshness_notices (estimate, stale_after_days);
  g_ptr_array_set_size (estimate->notices, 0);
  for (guint i = 0; i < notices->len; i++)
    g_ptr_array_add (estimate->notices, g_strdup (g_ptr_array_index (notices, i)));
}

/* The notices beside @estimate, aged to its today with a threshold of @stale_after_days (a
 * window's preference may differ from the estimate's own): the providers whose prices are
 * stale, and compared providers' prices more than SKY_FRESHNESS_APART_MONTHS months apart.
 * char *, possibly none. */
GPtrArray *
sky_estimate_freshness_notices (const SkyEstimate *estimate,
                                guint              stale_after_days)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) stale = g_string_new (NULL);
  const char *oldest = NULL, *newest = NULL;
  guint n_dated = 0;

  g_return_val_if_fail (estimate != NULL, notices);

  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);

      if (p->prices_as_of == NULL)
        continue;
      if (sky_freshness_is_stale (p->prices_as_of, estimate->today, stale_after_days))
        g_string_append_printf (stale, "%s%s (%s)", stale->len > 0 ? ", " : "",
                                p->provider_name, p->prices_as_of);
      if (oldest == NULL || strcmp (p->prices_as_of, oldest) < 0)
        oldest = p->prices_as_of;
      if (newest == NULL || strcmp (p->prices_as_of, newest) > 0)
        newest = p->prices_as_of;
      n_dated++;
    }

  if (stale->len > 0)
    /* Translators: the threshold in days, then providers with the date of their prices, e.g.
     * "Amazon Web Services (2025-06-01), Microsoft Azure (2025-05-01)". */
    g_ptr_array_add (notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Prices more than %u day old: %s",
                                                   "Prices more than %u days old: %s",
                                                   stale_after_days),
                                      stale_after_days, stale->str));
  if (n_dated > 1 && sky_freshness_apart (oldest, newest))
    /* Translators: the number of months (6), then the oldest and the newest providers' dates. */
    g_ptr_array_add (notices,
                     g_strdup_printf (_("The providers' prices are more than %d months apart "
                                        "(%s and %s): they may not compare like for like"),
                                      SKY_FRESHNESS_APART_MONTHS, oldest, newest));
  return notices;
}

/* The line shown beside @provider's totals: "Prices as of 2025-06-01 (18 months old)", with
 * the other sheets it was priced from after it; NULL when it has no sheet. */
char *
sky_estimate_provider_freshness (const SkyEstimate         *estimate,
                                 const SkyEstimateProvider *provider)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (estimate != NULL && provider != NULL, NULL);

  if (provider->prices_as_of == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < provider->sheets->len; i++)
    {
      const SkyEstimateSheet *sheet = g_ptr_array_index (provider->sheets, i);
      g_autofree char *words = sky_freshness_describe (sheet->effective_date, estimate->today);

      if (words == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, words);
      if (provider->sheets->len > 1)
        g_string_append_printf (text, ", %s", sheet->version);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Changes ---------------------------------------------------------------------------------- */

void
sky_estimate_change_free (SkyEstimateChange *change)
{
  if (change == NULL)
    return;
  g_free (change->provider_name);
  g_free (change->label);
  g_free (change->before);
  g_free (change->after);
  g_free (change->why);
  g_free (change);
}

/* A figure of @e in @style: plain as files write it, or for people to read. */
static char *
change_money (const SkyEstimate *e,
              SkyDecimal         amount,
              SkyExplainStyle    style)
{
  if (style == SKY_EXPLAIN_DISPLAY)
    return sky_estimate_money_display (e, amount);
  return sky_estimate_money (e, amount);
}

static char *
line_figure (const SkyEstimate     *e,
             const SkyEstimateLine *l,
             SkyExplainStyle        style)
{
  return l->status == SKY_LINE_PRICED ? change_money (e, l->monthly, style) : g_strdup ("—");
}

/* A sheet's price in @style: "0.096 USD/Hour", or for people "$0.096/Hour". */
static char *
change_price (const char      *currency,
              gint64           amount,
              const char      *unit,
              SkyExplainStyle  style)
{
  SkyDecimal value = sky_decimal_from_price (amount);
  g_autofree char *figure = NULL;

  if (style == SKY_EXPLAIN_DISPLAY)
    figure = sky_currency_format_price_display (currency, value);
  else
    {
      g_autofree char *digits = sky_decimal_to_string (value);
      figure = g_strdup_printf ("%s %s", digits, currency);
    }
  if (unit == NULL)
    return g_steal_pointer (&figure);
  return g_strdup_printf ("%s/%s", figure, sky_vocabulary_title (SKY_VOCABULARY_UNIT, unit));
}

/* Why a line's monthly figure differs between two estimates of the same scenario. */
static char *
line_change_reason (const SkyEstimateLine *a,
                    const SkyEstimateLine *b,
                    SkyExplainStyle        style)
{
  SkyOfferPrice *pa, *pb;

  if (a->status != SKY_LINE_PRICED && b->status == SKY_LINE_PRICED)
    return g_strdup_printf (_("now priced with %s"), b->offer->sku);
  if (b->status != SKY_LINE_PRICED)
    return g_strdup (b->reason);
  if (g_strcmp0 (a->offer->sku, b->offer->sku) != 0)
    /* Translators: the SKUs of the offer now and before. */
    return g_strdup_printf (_("now priced with %s instead of %s"), b->offer->sku,
                            a->offer->sku);

  pa = g_ptr_array_index (a->offer->prices, a->price_index);
  pb = g_ptr_array_index (b->offer->prices, b->price_index);
  if (pa->amount != pb->amount || pa->tiers->len != pb->tiers->len)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = change_price (b->offer->currency, pb->amount, pb->unit, style);
      const char *term = sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, pb->term);

      /* The purchase option and the unit by their titles: "On demand price … USD/Hour"; the
       * old price without its currency in plain text, where the new one's follows it. */
      if (style == SKY_EXPLAIN_DISPLAY)
        x = change_price (a->offer->currency, pa->amount, pa->unit, style);
      else
        x = sky_decimal_to_string (sky_decimal_from_price (pa->amount));
      if (pb->tiers->len > 0)
        /* Translators: an offer's SKU, a purchase option ("On demand"), the old and the new
         * price ("0.096 to 0.10 USD/Hour"). */
        return g_strdup_printf (_("%s: %s first-tier price went from %s to %s"), b->offer->sku,
                                term, x, y);
      /* Translators: an offer's SKU, a purchase option ("On demand"), the old and the new
       * price ("0.096 to 0.10 USD/Hour"). */
      return g_strdup_printf (_("%s: %s price went from %s to %s"), b->offer->sku, term, x, y);
    }
  if (pa->upfront_fee != pb->upfront_fee)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = change_price (b->offer->currency, pb->upfront_fee, NULL, style);

      if (style == SKY_EXPLAIN_DISPLAY)
        x = change_price (a->offer->currency, pa->upfront_fee, NULL, style);
      else
        x = sky_decimal_to_string (sky_decimal_from_price (pa->upfront_fee));
      /* Translators: an offer's SKU, the old and the new fee ("100 to 120 USD"). */
      return g_strdup_printf (_("%s: the upfront fee went from %s to %s"), b->offer->sku, x, y);
    }
  if (g_strcmp0 (pa->free_quantity, pb->free_quantity) != 0)
    return g_strdup_printf (_("%s: the free allowance changed"), b->offer->sku);
  return g_strdup_printf (_("%s: its tiers changed"), b->offer->sku);
}

/* Every line whose monthly figure differs between @before and @after (the same scenario priced
 * against other sheets), and each provider's total: SkyEstimateChange, its money written in
 * @style. */
GPtrArray *
sky_estimate_changes (const SkyEstimate *before,
                      const SkyEstimate *after,
                      SkyExplainStyle    style)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_estimate_change_free);

  for (guint i = 0; i < after->providers->len; i++)
    {
      SkyEstimateProvider *pb = g_ptr_array_index (after->providers, i);
      SkyEstimateProvider *pa = NULL;

      for (guint j = 0; j < before->providers->len && pa == NULL; j++)
        if (g_strcmp0 (((SkyEstimateProvider *) g_ptr_array_index (before->providers, j))->provider,
                       pb->provider) == 0)
          pa = g_ptr_array_index (before->providers, j);
      if (pa == NULL || pa->lines->len != pb->lines->len)
        continue;

      for (guint k = 0; k < pb->lines->len; k++)
        {
          SkyEstimateLine *a = g_ptr_array_index (pa->lines, k);
          SkyEstimateLine *b = g_ptr_array_index (pb->lines, k);
          SkyEstimateChange *c;

          if (a->status == b->status &&
              (a->status != SKY_LINE_PRICED ||
               (sky_decimal_compare (a->monthly, b->monthly) == 0 &&
                sky_decimal_compare (a->upfront, b->upfront) == 0)))
            continue;
          c = g_new0 (SkyEstimateChange, 1);
          c->provider_name = g_strdup (pb->provider_name);
          c->label = g_strdup (b->label);
          c->before = line_figure (before, a, style);
          c->after = line_figure (after, b, style);
          c->why = line_change_reason (a, b, style);
          g_ptr_array_add (changes, c);
        }
      if (sky_decimal_compare (pa->monthly, pb->monthly) != 0)
        {
          SkyEstimateChange *c = g_new0 (SkyEstimateChange, 1);
          /* The sheets of the lines: a provider's lines may come from several. */
          g_autofree char *sheets_a = sky_estimate_provider_sheets (pa);
          g_autofree char *sheets_b = sky_estimate_provider_sheets (pb);

          c->provider_name = g_strdup (pb->provider_name);
          c->label = g_strdup (_("Total"));
          c->before = change_money (before, pa->monthly, style);
          c->after = change_money (after, pb->monthly, style);
          /* Translators: a provider's name, then the versions of its price sheets now and
           * before: "Example Cloud 2026.2 instead of 2026.1". */
          c->why = g_strdup_printf (_("%s %s instead of %s"), pb->provider_name,
                                    sheets_b != NULL ? sheets_b : "—",
                                    sheets_a != NULL ? sheets_a : "—");
          g_ptr_array_add (changes, c);
        }
    }
  return changes;
}

/* Records in @scenario the sheet each service of each provider of @estimate was priced
 * against: the sheet of each line's offer, for the offer's service. A provider none of whose
 * lines found an offer keeps its sheet for every service. */
void
sky_estimate_record_sheets (const SkyEstimate *estimate,
                            SkyScenario       *scenario)
{
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
      gboolean any = FALSE;

      if (p->sheet_version == NULL)
        continue;
      sky_scenario_set_sheet_version (scenario, p->provider, NULL);
      for (guint k = 0; k < p->lines->len; k++)
        {
          const SkyEstimateLine *line = g_ptr_array_index (p->lines, k);

          if (line->offer == NULL)
            continue;
          sky_scenario_set_service_version (scenario, p->provider, line->offer->service,
                                            line->offer->sheet_version);
          any = TRUE;
        }
      if (!any)
        sky_scenario_set_sheet_version (scenario, p->provider, p->sheet_version);
    }
}

/* The versions of the sheets @provider's lines were priced from, each once, in the order of the
 * lines: "2026.3, 2026.1" (each service has its own current sheet); the provider's version
 * when no line found an offer; NULL when it has none. */
char *
sky_estimate_provider_sheets (const SkyEstimateProvider *provider)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_null_terminated (2, NULL, TRUE);

  g_return_val_if_fail (provider != NULL, NULL);

  for (guint i = 0; i < provider->lines->len; i++)
    {
      const SkyEstimateLine *l = g_ptr_array_index (provider->lines, i);
      gboolean seen = FALSE;

      if (l->offer == NULL)
        continue;
      for (guint k = 0; k < versions->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (versions, k), l->offer->sheet_version) == 0;
      if (!seen)
        g_ptr_array_add (versions, l->offer->sheet_version);
    }
  if (versions->len == 0)
    return g_strdup (provider->sheet_version);
  return g_strjoinv (", ", (GStrv) versions->pdata);
}

/* Whether @provider prices every line of the scenario: only then are its totals the scenario's
 * cost, to be ranked, starred or judged against a budget. */
gboolean
sky_estimate_provider_complete (const SkyEstimateProvider *provider)
{
  g_return_val_if_fail (provider != NULL, FALSE);

  return provider->sheet_version != NULL && provider->n_unpriced == 0;
}

/* What @p is compared by: its monthly total with upfront fees spread over their commitments,
 * or its total over the term less credits, as the scenario chose. */
static SkyDecimal
compared_figure (const SkyEstimate         *estimate,
                 const SkyEstimateProvider *p)
{
  return estimate->compare_by == SKY_COMPARE_TERM_TOTAL ? p->term_net : p->effective_monthly;
}

/* The index of the complete provider whose figure is lowest (the first of equals), by the
 * scenario's choice (compared_figure()), or -1 when none is complete. */
int
sky_estimate_cheapest_complete (const SkyEstimate *estimate)
{
  int best = -1;

  g_return_val_if_fail (estimate != NULL, -1);

  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);

      if (!sky_estimate_provider_complete (p))
        continue;
      if (best < 0 ||
          sky_decimal_compare (compared_figure (estimate, p),
                               compared_figure (estimate,
                                                g_ptr_array_index (estimate->providers,
                                                                   best))) < 0)
        best = (int) i;
    }
  return best;
}
