/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-estimate"

#include "config.h"

#include <string.h>

#include "sky-currency.h"
#include "sky-estimate.h"
#include "sky-catalog-match.h"
#include "sky-sheet-reader.h"

/* The pricing engine: a scenario's lines on each provider, from the catalog's prices, in exact
 * decimals. How it bills (docs/scenario-format.md says the same for users):
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

/* Twelve or thirty-six months for a commitment's purchase option, else 0. */
guint
sky_term_months (const char *term)
{
  if (term == NULL || (!g_str_has_prefix (term, "reserved-") &&
                       !g_str_has_prefix (term, "savings-plan-")))
    return 0;
  if (strstr (term, "-3y") != NULL)
    return 36;
  if (strstr (term, "-1y") != NULL)
    return 12;
  return 0;
}

static void
estimate_line_free (SkyEstimateLine *line)
{
  g_free (line->label);
  g_free (line->group);
  g_free (line->reason);
  g_clear_pointer (&line->offer, sky_offer_details_free);
  g_free (line->unit);
  g_free (line->term);
  g_free (line->explanation);
  g_free (line);
}

static void
estimate_group_free (SkyEstimateGroup *group)
{
  g_free (group->name);
  g_free (group);
}

static void
estimate_provider_free (SkyEstimateProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->sheet_version);
  g_ptr_array_unref (p->lines);
  g_ptr_array_unref (p->groups);
  g_free (p);
}

void
sky_estimate_free (SkyEstimate *estimate)
{
  if (estimate == NULL)
    return;
  g_free (estimate->currency);
  g_ptr_array_unref (estimate->providers);
  g_free (estimate);
}

char *
sky_estimate_money (const SkyEstimate *estimate,
                    SkyDecimal         amount)
{
  return sky_currency_format (estimate->currency, amount);
}

/* Arithmetic that cannot fail within the range of real bills; an overflow is reported. */
typedef struct
{
  const SkyScenario *scenario;
  SkyCatalog        *catalog;
  SkyEstimate       *estimate;
  GHashTable        *consumed;   /* "offer_id:seq" → SkyDecimal *: units billed so far */
  gboolean           overflow;
} Ctx;

static SkyDecimal
add (Ctx *ctx, SkyDecimal a, SkyDecimal b)
{
  SkyDecimal r = D (0);
  if (!sky_decimal_add (a, b, &r))
    ctx->overflow = TRUE;
  return r;
}

static SkyDecimal
sub (Ctx *ctx, SkyDecimal a, SkyDecimal b)
{
  SkyDecimal r = D (0);
  if (!sky_decimal_sub (a, b, &r))
    ctx->overflow = TRUE;
  return r;
}

static SkyDecimal
mul (Ctx *ctx, SkyDecimal a, SkyDecimal b)
{
  SkyDecimal r = D (0);
  if (!sky_decimal_mul (a, b, &r))
    ctx->overflow = TRUE;
  return sky_decimal_normalize (r);
}

static SkyDecimal
dmax (SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_compare (a, b) >= 0 ? a : b;
}

static SkyDecimal
dmin (SkyDecimal a, SkyDecimal b)
{
  return sky_decimal_compare (a, b) <= 0 ? a : b;
}

static char *
num (SkyDecimal value)
{
  return sky_decimal_to_string (sky_decimal_normalize (value));
}

/* An amount of money before rounding: every digit, and at least the currency's minor ones. */
static char *
amount_text (SkyDecimal  value,
             const char *currency)
{
  guint minor = 2;

  sky_currency_lookup (currency, &minor);
  return sky_decimal_format (sky_decimal_normalize (value), minor);
}

static SkyDecimal
price_amount (gint64 amount)
{
  return sky_decimal_normalize (sky_decimal_from_scaled (amount, SKY_PRICE_SCALE));
}

static SkyDecimal
parse_quantity (const char *text)
{
  SkyDecimal value = D (0);

  if (text != NULL)
    sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, FALSE, &value, NULL);
  return value;
}

/* The discount in percent for @service of @provider: its own, else the provider's. */
static SkyDecimal
discount_for (const SkyScenario *s,
              const char        *provider,
              const char        *service,
              gboolean          *found)
{
  const SkyDiscount *general = NULL;

  for (guint i = 0; i < s->discounts->len; i++)
    {
      const SkyDiscount *d = g_ptr_array_index (s->discounts, i);
      if (g_strcmp0 (d->provider, provider) != 0)
        continue;
      if (d->service != NULL && g_strcmp0 (d->service, service) == 0)
        {
          *found = TRUE;
          return d->percent;
        }
      if (d->service == NULL && general == NULL)
        general = d;
    }
  *found = general != NULL;
  return general != NULL ? general->percent : D (0);
}

static const SkyExchangeRate *
rate_for (const SkyScenario *s,
          const char        *from,
          const char        *to)
{
  for (guint i = 0; i < s->rates->len; i++)
    {
      const SkyExchangeRate *r = g_ptr_array_index (s->rates, i);
      if (g_strcmp0 (r->from, from) == 0 && g_strcmp0 (r->to, to) == 0)
        return r;
    }
  return NULL;
}

static SkyOfferPrice *
find_price (SkyOfferDetails *offer,
            const char      *unit,
            const char      *term,
            guint           *index)
{
  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      if (g_strcmp0 (p->unit, unit) == 0 && g_strcmp0 (p->term, term) == 0)
        {
          if (index != NULL)
            *index = i;
          return p;
        }
    }
  return NULL;
}

/* What a requirement asks for, for a message. */
static char *
describe_requirement (const SkyScenarioLine *line)
{
  GString *s = g_string_new (line->category);

  if (line->min_vcpu_milli > 0)
    {
      g_autofree char *v = num (sky_decimal_from_scaled (line->min_vcpu_milli, 3));
      g_string_append_printf (s, ", ≥ %s vCPU", v);
    }
  if (line->min_memory_mgib > 0)
    {
      g_autofree char *m = num (sky_decimal_from_scaled (line->min_memory_mgib, 3));
      g_string_append_printf (s, ", ≥ %s GiB", m);
    }
  if (line->region != NULL)
    g_string_append_printf (s, ", in %s", line->region);
  if (line->geography != NULL)
    g_string_append_printf (s, ", in %s", line->geography);
  if (line->os != NULL)
    g_string_append_printf (s, ", %s", line->os);
  if (line->storage_types != NULL && line->storage_types[0] != NULL)
    {
      g_autofree char *types = g_strjoinv (" or ", line->storage_types);
      g_string_append_printf (s, ", %s", types);
    }
  if (line->max_oversize_milli > 0)
    {
      g_autofree char *f = num (sky_decimal_from_scaled (line->max_oversize_milli, 3));
      g_string_append_printf (s, ", up to %s × that size", f);
    }
  g_string_append_printf (s, ", priced per %s %s", line->unit, line->term);
  return g_string_free (s, FALSE);
}

/* Prices @el with @price of @offer. */
static void
price_line (Ctx                   *ctx,
            const char            *provider,
            const SkyScenarioLine *line,
            SkyEstimateLine       *el,
            SkyOfferPrice         *price)
{
  const SkyScenario *s = ctx->scenario;
  SkyOfferDetails *offer = el->offer;
  const char *currency = s->currency;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", offer->offer_id,
                                          el->price_index);
  SkyDecimal *consumed = g_hash_table_lookup (ctx->consumed, key);
  SkyDecimal units, start, end, free_units, b0, b1, cost = D (0), upfront = D (0);
  gboolean committed, has_discount;
  SkyDecimal percent;
  guint n_pieces = 0;
  g_autoptr(GString) pieces = g_string_new (NULL);

  el->term_months = sky_term_months (line->term);
  committed = el->term_months > 0 && g_strcmp0 (line->unit, "hour") == 0;
  el->usage = committed ? s->hours_per_month : sky_scenario_line_usage (s, line);
  units = mul (ctx, el->quantity, el->usage);

  if (consumed == NULL)
    {
      consumed = g_new0 (SkyDecimal, 1);
      *consumed = D (0);
      g_hash_table_insert (ctx->consumed, g_steal_pointer (&key), consumed);
    }
  start = *consumed;
  end = add (ctx, start, units);
  *consumed = end;

  /* The units billed: what lies past the free allowance, through the tiers. */
  free_units = parse_quantity (price->free_quantity);
  b0 = dmax (D (0), sub (ctx, start, free_units));
  b1 = dmax (D (0), sub (ctx, end, free_units));
  if (price->tiers->len == 0)
    {
      SkyDecimal len = sub (ctx, b1, b0);
      g_autofree char *a = num (price_amount (price->amount));
      cost = mul (ctx, len, price_amount (price->amount));
      g_string_append_printf (pieces, "%s %s/%s", a, offer->currency, price->unit);
      n_pieces = 1;
    }
  else
    for (guint i = 0; i < price->tiers->len; i++)
      {
        SkyOfferTier *t = g_ptr_array_index (price->tiers, i);
        SkyDecimal from = parse_quantity (t->from);
        SkyDecimal lo = dmax (b0, from);
        SkyDecimal hi = t->to != NULL ? dmin (b1, parse_quantity (t->to)) : b1;
        SkyDecimal len;
        g_autofree char *l = NULL, *a = NULL;

        if (sky_decimal_compare (hi, lo) <= 0)
          continue;
        len = sub (ctx, hi, lo);
        cost = add (ctx, cost, mul (ctx, len, price_amount (t->amount)));
        l = num (len);
        a = num (price_amount (t->amount));
        g_string_append_printf (pieces, "%s%s %s × %s %s/%s", n_pieces > 0 ? " + " : "", l,
                                price->unit, a, offer->currency, price->unit);
        n_pieces++;
      }
  if (price->has_upfront_fee)
    upfront = mul (ctx, el->quantity, price_amount (price->upfront_fee));

  /* The arithmetic, as a person would check it. */
  {
    g_autofree char *q = num (el->quantity), *u = num (el->usage);
    g_autofree char *c = amount_text (cost, offer->currency);
    g_string_append_printf (why, "%s × %s %s", q, u, price->unit);
    if (committed)
      g_string_append (why, " (a commitment bills every hour)");
    if (sky_decimal_compare (start, D (0)) > 0)
      {
        g_autofree char *st = num (start);
        g_string_append_printf (why, " after %s %s on lines above", st, price->unit);
      }
    if (!sky_decimal_is_zero (free_units))
      {
        g_autofree char *f = num (free_units);
        g_string_append_printf (why, ", %s %s a month free", f, price->unit);
      }
    if (n_pieces == 0)
      g_string_append (why, ": nothing to bill");
    else if (n_pieces == 1 && price->tiers->len == 0)
      {
        g_autofree char *billable = num (sub (ctx, b1, b0));
        if (sky_decimal_compare (sub (ctx, b1, b0), units) != 0)
          g_string_append_printf (why, " = %s %s", billable, price->unit);
        g_string_append_printf (why, " × %s", pieces->str);
      }
    else
      g_string_append_printf (why, " = %s", pieces->str);
    g_string_append_printf (why, " = %s %s", c, offer->currency);
  }

  percent = discount_for (s, provider, offer->service, &has_discount);
  if (has_discount && !sky_decimal_is_zero (percent))
    {
      SkyDecimal factor = mul (ctx, sub (ctx, D (100), percent), sky_decimal_from_scaled (1, 2));
      g_autofree char *p = num (percent), *c = NULL;

      cost = mul (ctx, cost, factor);
      upfront = mul (ctx, upfront, factor);
      c = amount_text (cost, offer->currency);
      g_string_append_printf (why, " − %s %% = %s %s", p, c, offer->currency);
    }

  if (g_strcmp0 (offer->currency, currency) != 0)
    {
      const SkyExchangeRate *rate = rate_for (s, offer->currency, currency);
      g_autofree char *r = NULL, *c = NULL;

      if (rate == NULL)
        {
          el->status = SKY_LINE_NOT_PRICED;
          el->reason = g_strdup_printf ("the offer is priced in %s and the scenario pins no "
                                        "exchange rate from %s to %s", offer->currency,
                                        offer->currency, currency);
          return;
        }
      cost = mul (ctx, cost, rate->rate);
      upfront = mul (ctx, upfront, rate->rate);
      r = num (rate->rate);
      c = amount_text (cost, currency);
      g_string_append_printf (why, " × %s %s/%s (%s) = %s %s", r, currency, offer->currency,
                              rate->date, c, currency);
    }

  el->monthly = sky_currency_round (currency, cost);
  el->upfront = sky_currency_round (currency, upfront);
  if (sky_decimal_compare (cost, el->monthly) != 0)
    {
      g_autofree char *rounded = sky_currency_format (currency, el->monthly);
      g_string_append_printf (why, " ≈ %s %s", rounded, currency);
    }
  if (el->term_months > 0 && !sky_decimal_is_zero (upfront))
    {
      SkyDecimal spread = D (0);
      g_autofree char *q = num (el->quantity), *fee = num (price_amount (price->upfront_fee));
      g_autofree char *total = sky_currency_format (currency, el->upfront);

      if (!sky_decimal_div (upfront, D (el->term_months), 10, SKY_ROUND_HALF_UP, &spread))
        ctx->overflow = TRUE;
      el->effective_monthly = sky_currency_round (currency, add (ctx, cost, spread));
      g_string_append_printf (why, "; upfront %s × %s %s = %s %s, over %u months", q, fee,
                              offer->currency, total, currency, el->term_months);
    }
  else
    el->effective_monthly = el->monthly;
  el->yearly = add (ctx, mul (ctx, el->monthly, D (12)), el->upfront);

  /* Against the same offer on demand: the hours a month at which the commitment pays. */
  if (committed)
    {
      SkyOfferPrice *od = find_price (offer, "hour", "on-demand", NULL);
      if (od != NULL && od->amount > 0)
        {
          SkyDecimal per_month = mul (ctx, price_amount (price->amount), s->hours_per_month);
          SkyDecimal spread = D (0);

          if (price->has_upfront_fee)
            sky_decimal_div (price_amount (price->upfront_fee), D (el->term_months), 10,
                             SKY_ROUND_HALF_UP, &spread);
          el->has_break_even =
            sky_decimal_div (add (ctx, per_month, spread), price_amount (od->amount), 1,
                             SKY_ROUND_HALF_UP, &el->break_even_hours);
        }
    }

  el->explanation = g_strdup (why->str);
  el->status = SKY_LINE_PRICED;
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

static char *
provider_name (SkyCatalog *catalog,
               const char *provider)
{
  g_autoptr(GPtrArray) sheets = sky_catalog_list_sheets (catalog, NULL);

  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      if (g_strcmp0 (info->provider, provider) == 0)
        return g_strdup (info->provider_name);
    }
  return g_strdup (provider);
}

static gboolean
price_provider (Ctx         *ctx,
                const char  *provider,
                gboolean     current_sheets,
                GError     **error)
{
  const SkyScenario *s = ctx->scenario;
  SkyEstimateProvider *p = g_new0 (SkyEstimateProvider, 1);
  g_autofree char *current = NULL;
  const char *recorded = current_sheets ? NULL : sky_scenario_get_sheet_version (s, provider);
  GError *local = NULL;

  p->provider = g_strdup (provider);
  p->provider_name = provider_name (ctx->catalog, provider);
  p->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_line_free);
  p->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_group_free);
  g_ptr_array_add (ctx->estimate->providers, p);

  if (recorded != NULL)
    {
      if (!sky_catalog_has_sheet (ctx->catalog, provider, recorded, &local))
        {
          if (local != NULL)
            g_propagate_error (error, local);
          else
            g_set_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_SHEET,
                         "The scenario was priced against %s %s, which is not in the catalog (it "
                         "was removed or never imported here): import that sheet, or price the "
                         "scenario against the current sheets",
                         p->provider_name, recorded);
          return FALSE;
        }
      p->sheet_version = g_strdup (recorded);
    }
  else
    {
      p->sheet_version = sky_catalog_current_version (ctx->catalog, provider, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
    }

  for (guint i = 0; i < s->lines->len; i++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (s->lines, i);
      SkyEstimateLine *el = g_new0 (SkyEstimateLine, 1);
      gint64 id = 0;

      el->index = i;
      el->label = g_strdup (line->label);
      el->group = g_strdup (line->group != NULL ? line->group : "");
      el->quantity = line->quantity;
      el->usage = sky_scenario_line_usage (s, line);
      el->unit = g_strdup (line->unit);
      el->term = g_strdup (line->term);
      el->monthly = el->upfront = el->effective_monthly = el->yearly = el->term_total = D (0);
      el->status = SKY_LINE_NO_MATCH;
      g_ptr_array_add (p->lines, el);

      if (p->sheet_version == NULL)
        el->reason = g_strdup_printf ("the catalog has no price sheet of %s", p->provider_name);
      else if (line->kind == SKY_LINE_OFFER && g_strcmp0 (line->provider, provider) != 0)
        el->reason = g_strdup_printf ("the line names an offer of %s (%s)", line->provider,
                                      line->sku);
      else if (line->kind == SKY_LINE_OFFER)
        {
          const char *version = line->sheet_version != NULL && !current_sheets
                                ? line->sheet_version : p->sheet_version;
          id = sky_catalog_find_offer (ctx->catalog, provider, version, line->sku, &local);
          if (id == 0)
            el->reason = g_strdup_printf ("%s %s has no offer %s", p->provider_name, version,
                                          line->sku);
        }
      else
        {
          SkyRequirement req = {
            .category = line->category,
            .unit = line->unit,
            .term = line->term,
            .min_vcpu_milli = line->min_vcpu_milli,
            .min_memory_mgib = line->min_memory_mgib,
            .region = line->region,
            .geography = line->geography,
            .os = line->os,
            .storage_types = (const char * const *) line->storage_types,
            .max_oversize_milli = line->max_oversize_milli,
          };
          id = sky_catalog_cheapest_offer (ctx->catalog, provider, p->sheet_version, &req,
                                           &local);
          if (id == 0)
            {
              g_autofree char *what = describe_requirement (line);
              g_autofree char *why = sky_catalog_explain_no_match (ctx->catalog, provider,
                                                                   p->sheet_version,
                                                                   p->provider_name, &req,
                                                                   &local);
              if (why != NULL)
                el->reason = g_strdup_printf ("no offer of %s %s meets the requirement (%s): %s",
                                              p->provider_name, p->sheet_version, what, why);
            }
        }
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }

      if (id > 0)
        {
          SkyOfferPrice *price;

          el->offer = sky_catalog_get_offer (ctx->catalog, id, error);
          if (el->offer == NULL)
            return FALSE;
          price = find_price (el->offer, line->unit, line->term, &el->price_index);
          if (price == NULL)
            {
              el->status = SKY_LINE_NOT_PRICED;
              el->reason = g_strdup_printf ("%s has no %s price per %s", el->offer->sku,
                                            line->term, line->unit);
            }
          else
            price_line (ctx, provider, line, el, price);
        }
      if (el->status != SKY_LINE_PRICED)
        p->n_unpriced++;
      else if (el->term_months > ctx->estimate->term_months)
        ctx->estimate->term_months = el->term_months;
    }
  return TRUE;
}

/* Term totals, groups and provider totals, once the scenario's term is known. */
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
      SkyEstimateGroup *g;
      guint renewals;

      if (el->status != SKY_LINE_PRICED)
        continue;
      renewals = el->term_months > 0 ? (term + el->term_months - 1) / el->term_months : 1;
      el->term_total = add (ctx, mul (ctx, el->monthly, D (term)),
                            el->term_months > 0 ? mul (ctx, el->upfront, D (renewals)) : D (0));

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

/* Prices @scenario on @providers (NULL: the scenario's own), against the sheets it was priced
 * against, or with @current_sheets against each provider's current sheet. */
SkyEstimate *
sky_estimate_compute (SkyCatalog          *catalog,
                      const SkyScenario   *scenario,
                      const char * const  *providers,
                      gboolean             current_sheets,
                      GError             **error)
{
  g_autoptr(SkyEstimate) estimate = g_new0 (SkyEstimate, 1);
  g_autoptr(GHashTable) consumed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  Ctx ctx = { scenario, catalog, estimate, consumed, FALSE };
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  estimate->currency = g_strdup (scenario->currency);
  estimate->compare_by = scenario->compare_by;
  estimate->term_months = 12;
  estimate->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) estimate_provider_free);

  if (providers != NULL)
    for (guint i = 0; providers[i] != NULL; i++)
      g_ptr_array_add (list, (gpointer) providers[i]);
  else
    for (guint i = 0; i < scenario->providers->len; i++)
      g_ptr_array_add (list, g_ptr_array_index (scenario->providers, i));
  if (list->len == 0)
    {
      g_set_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_PROVIDER,
                   "The scenario names no provider to price it on");
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    {
      /* Each provider counts its own usage towards free allowances and tiers. */
      g_hash_table_remove_all (consumed);
      if (!price_provider (&ctx, g_ptr_array_index (list, i), current_sheets, error))
        return NULL;
    }
  for (guint i = 0; i < estimate->providers->len; i++)
    total_provider (&ctx, g_ptr_array_index (estimate->providers, i));

  if (ctx.overflow)
    {
      g_set_error_literal (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_OVERFLOW,
                           SKY_ESTIMATE_OVERFLOW_MESSAGE);
      return NULL;
    }
  return g_steal_pointer (&estimate);
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

static char *
line_figure (const SkyEstimate     *e,
             const SkyEstimateLine *l)
{
  return l->status == SKY_LINE_PRICED ? sky_estimate_money (e, l->monthly) : g_strdup ("—");
}

/* Why a line's monthly figure differs between two estimates of the same scenario. */
static char *
line_change_reason (const SkyEstimateLine *a,
                    const SkyEstimateLine *b)
{
  SkyOfferPrice *pa, *pb;

  if (a->status != SKY_LINE_PRICED && b->status == SKY_LINE_PRICED)
    return g_strdup_printf ("now priced with %s", b->offer->sku);
  if (b->status != SKY_LINE_PRICED)
    return g_strdup (b->reason);
  if (g_strcmp0 (a->offer->sku, b->offer->sku) != 0)
    return g_strdup_printf ("now priced with %s instead of %s", b->offer->sku, a->offer->sku);

  pa = g_ptr_array_index (a->offer->prices, a->price_index);
  pb = g_ptr_array_index (b->offer->prices, b->price_index);
  if (pa->amount != pb->amount || pa->tiers->len != pb->tiers->len)
    {
      g_autofree char *x = num (price_amount (pa->amount));
      g_autofree char *y = num (price_amount (pb->amount));
      return g_strdup_printf ("%s: %s %s went from %s to %s %s/%s", b->offer->sku, pb->term,
                              pb->tiers->len > 0 ? "first-tier price" : "price", x, y,
                              b->offer->currency, pb->unit);
    }
  if (pa->upfront_fee != pb->upfront_fee)
    {
      g_autofree char *x = num (price_amount (pa->upfront_fee));
      g_autofree char *y = num (price_amount (pb->upfront_fee));
      return g_strdup_printf ("%s: the upfront fee went from %s to %s %s", b->offer->sku, x, y,
                              b->offer->currency);
    }
  if (g_strcmp0 (pa->free_quantity, pb->free_quantity) != 0)
    return g_strdup_printf ("%s: the free allowance changed", b->offer->sku);
  return g_strdup_printf ("%s: its tiers changed", b->offer->sku);
}

/* Every line whose monthly figure differs between @before and @after (the same scenario priced
 * against other sheets), and each provider's total: SkyEstimateChange. */
GPtrArray *
sky_estimate_changes (const SkyEstimate *before,
                      const SkyEstimate *after)
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
          c->before = line_figure (before, a);
          c->after = line_figure (after, b);
          c->why = line_change_reason (a, b);
          g_ptr_array_add (changes, c);
        }
      if (sky_decimal_compare (pa->monthly, pb->monthly) != 0)
        {
          SkyEstimateChange *c = g_new0 (SkyEstimateChange, 1);
          c->provider_name = g_strdup (pb->provider_name);
          c->label = g_strdup ("Total");
          c->before = sky_estimate_money (before, pa->monthly);
          c->after = sky_estimate_money (after, pb->monthly);
          c->why = g_strdup_printf ("%s %s instead of %s", pb->provider_name,
                                    pb->sheet_version != NULL ? pb->sheet_version : "—",
                                    pa->sheet_version != NULL ? pa->sheet_version : "—");
          g_ptr_array_add (changes, c);
        }
    }
  return changes;
}

/* Records in @scenario the sheet each provider of @estimate was priced against. */
void
sky_estimate_record_sheets (const SkyEstimate *estimate,
                            SkyScenario       *scenario)
{
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
      if (p->sheet_version != NULL)
        sky_scenario_set_sheet_version (scenario, p->provider, p->sheet_version);
    }
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
