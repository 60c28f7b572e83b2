/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-resolve"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <glib/gi18n-lib.h>

#include "sky-catalog-match.h"
#include "sky-resolve.h"
#include "sky-sla.h"
#include "sky-vocabulary.h"

/* For each line: the offer (the one a line names, or the cheapest that meets its requirement,
 * on the sheet the scenario was priced against or the provider's current one), the price of
 * that offer for the line's unit and purchase option, the discount for the offer's service (its
 * own, else the provider's) and the exchange rate the scenario pins from the offer's currency.
 * A line that finds none of these says why. */

#define D(x) sky_decimal_from_int (x)

void
sky_resolved_line_free (SkyResolvedLine *line)
{
  if (line == NULL)
    return;
  g_free (line->reason);
  g_clear_pointer (&line->offer, sky_offer_details_free);
  sky_price_terms_clear (&line->terms);
  g_free (line);
}

void
sky_resolved_provider_free (SkyResolvedProvider *p)
{
  if (p == NULL)
    return;
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->provider_short_name);
  g_free (p->sheet_version);
  g_free (p->pinned_version);
  g_clear_pointer (&p->pinned_services, g_hash_table_unref);
  g_clear_pointer (&p->lines, g_ptr_array_unref);
  g_clear_pointer (&p->slots, g_hash_table_unref);
  g_clear_pointer (&p->resolved, g_hash_table_unref);
  g_clear_pointer (&p->scope, sky_match_scope_free);
  g_free (p);
}

/* Replaces *@field with a copy of @value. */
static void
replace_text (char       **field,
              const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* The providers to price @scenario on: @providers, or NULL for the scenario's own. */
GPtrArray *
sky_resolve_providers (const SkyScenario   *scenario,
                       const char * const  *providers,
                       GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (scenario != NULL, NULL);

  if (providers != NULL)
    for (guint i = 0; providers[i] != NULL; i++)
      g_ptr_array_add (list, (gpointer) providers[i]);
  else
    for (guint i = 0; i < scenario->providers->len; i++)
      g_ptr_array_add (list, g_ptr_array_index (scenario->providers, i));
  if (list->len == 0)
    {
      g_set_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_PROVIDER,
                   _("The scenario names no provider to price it on"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static SkyDecimal
parse_quantity (const char *text)
{
  SkyDecimal value = D (0);

  if (text != NULL)
    sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, FALSE, &value, NULL);
  return sky_decimal_normalize (value);
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

/* The price of @offer in @term for a line in @unit: the one per @unit, else the first one per
 * another unit of its dimension, into which the line's usage converts; NULL when there is
 * neither. */
static SkyOfferPrice *
find_line_price (SkyOfferDetails *offer,
                 const char      *unit,
                 const char      *term,
                 guint           *index)
{
  const SkyUnit *u = sky_unit_lookup (unit);
  SkyOfferPrice *price = find_price (offer, unit, term, index);

  for (guint i = 0; price == NULL && u != NULL && i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      const SkyUnit *pu = sky_unit_lookup (p->unit);

      if (g_strcmp0 (p->term, term) == 0 && pu != NULL && pu->dimension == u->dimension)
        {
          *index = i;
          price = p;
        }
    }
  return price;
}

/* The commitment of @offer in @term priced per month or year, for a line in a unit of time
 * that has no price in its own dimension: it bills every month of its term, a month being as
 * many hours as the scenario says. NULL when @term is no commitment or there is none. */
static SkyOfferPrice *
find_monthly_commitment (SkyOfferDetails *offer,
                         const char      *unit,
                         const char      *term,
                         guint           *index)
{
  const SkyUnit *u = sky_unit_lookup (unit);

  if (u == NULL || u->dimension != SKY_DIMENSION_TIME || sky_term_months (term) == 0)
    return NULL;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      const SkyUnit *pu = sky_unit_lookup (p->unit);

      if (g_strcmp0 (p->term, term) == 0 && pu != NULL && pu->dimension == SKY_DIMENSION_MONTHS)
        {
          *index = i;
          return p;
        }
    }
  return NULL;
}

/* The scenario's hours a month in millionths, at which commitments per month compete with
 * those per hour; 0 when it has more digits (it never has: the format allows 6). */
static gint64
month_hours_micro (const SkyScenario *s)
{
  gint64 micro = 0;

  if (!sky_decimal_to_scaled_int64 (s->hours_per_month, 6, &micro))
    return 0;
  return micro;
}

/* Why @offer has no price in @term for a line in @unit: the units it does have in @term. The
 * unit and the purchase option by their titles, as everywhere people read them. */
static char *
no_price_reason (const SkyOfferDetails *offer,
                 const char            *unit,
                 const char            *term)
{
  g_autoptr(GString) units = g_string_new (NULL);
  const char *unit_title = sky_vocabulary_title (SKY_VOCABULARY_UNIT, unit);
  const char *term_title = sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, term);

  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      if (g_strcmp0 (p->term, term) == 0)
        g_string_append_printf (units, "%s%s", units->len > 0 ? ", " : "",
                                sky_vocabulary_title (SKY_VOCABULARY_UNIT, p->unit));
    }
  if (units->len == 0)
    /* Translators: an offer's name and SKU, a unit and a purchase option, as in
     * "std-2 (std-2-us) has no price per Hour, Savings plan 3 yr, no upfront" */
    return g_strdup_printf (_("%s (%s) has no price per %s, %s"), offer->name, offer->sku,
                            unit_title, term_title);
  /* Translators: an offer's name and SKU, a unit, a purchase option, the same purchase option
   * and the units the offer is priced in, as in "disk (disk-gib) has no price per GB,
   * On demand, nor per another unit it converts into (its prices for On demand are per
   * GiB-month, which measure something else)" */
  return g_strdup_printf (_("%s (%s) has no price per %s, %s, nor per another unit it converts "
                            "into (its prices for %s are per %s, which measure something else)"),
                          offer->name, offer->sku, unit_title, term_title, term_title,
                          units->str);
}

/* What a requirement asks for, for a message: its words by their titles. */
static char *
describe_requirement (const SkyScenarioLine *line,
                      const char            *term)
{
  GString *s = g_string_new (sky_vocabulary_title (SKY_VOCABULARY_CATEGORY, line->category));

  if (line->min_vcpu_milli > 0)
    {
      g_autofree char *v =
          sky_decimal_to_string (sky_decimal_from_scaled (line->min_vcpu_milli, 3));
      g_string_append_printf (s, _(", ≥ %s vCPU"), v);
    }
  if (line->min_memory_mgib > 0)
    {
      g_autofree char *m =
          sky_decimal_to_string (sky_decimal_from_scaled (line->min_memory_mgib, 3));
      g_string_append_printf (s, _(", ≥ %s GiB"), m);
    }
  /* Translators: a region's code or a geography, as in ", in United States" */
  if (line->region != NULL)
    g_string_append_printf (s, _(", in %s"), line->region);
  if (line->geography != NULL)
    g_string_append_printf (s, _(", in %s"),
                            sky_vocabulary_title (SKY_VOCABULARY_GEOGRAPHY, line->geography));
  if (line->os != NULL)
    g_string_append_printf (s, ", %s",
                            sky_vocabulary_title (SKY_VOCABULARY_OPERATING_SYSTEM, line->os));
  if (line->storage_types != NULL && line->storage_types[0] != NULL)
    {
      g_autofree char *types =
          sky_vocabulary_join_titles (SKY_VOCABULARY_STORAGE_TYPE,
                                      (const char * const *) line->storage_types, _(" or "));
      g_string_append_printf (s, ", %s", types);
    }
  if (line->max_oversize_milli > 0)
    {
      g_autofree char *f =
          sky_decimal_to_string (sky_decimal_from_scaled (line->max_oversize_milli, 3));
      g_string_append_printf (s, _(", up to %s × that size"), f);
    }
  if (line->architecture != NULL)
    g_string_append_printf (s, ", %s",
                            sky_vocabulary_title (SKY_VOCABULARY_ARCHITECTURE,
                                                  line->architecture));
  if (line->engine != NULL)
    g_string_append_printf (s, ", %s",
                            sky_vocabulary_title (SKY_VOCABULARY_ENGINE, line->engine));
  /* Tenancy and licence titles say what they are ("Dedicated host", "Bring your own
   * licence"); a capacity's does not ("Unused reservation"). */
  if (line->tenancy != NULL)
    g_string_append_printf (s, ", %s",
                            sky_vocabulary_title (SKY_VOCABULARY_TENANCY, line->tenancy));
  if (line->licence != NULL)
    g_string_append_printf (s, ", %s",
                            sky_vocabulary_title (SKY_VOCABULARY_LICENCE, line->licence));
  /* Translators: pre-installed software, any identifier */
  if (line->software != NULL)
    g_string_append_printf (s, _(", with %s"), line->software);
  /* Translators: what capacity an offer's row bills, as in ", capacity: Unused reservation" */
  if (line->capacity != NULL)
    g_string_append_printf (s, _(", capacity: %s"),
                            sky_vocabulary_title (SKY_VOCABULARY_CAPACITY, line->capacity));
  /* Translators: a unit and a purchase option, as in ", priced per Hour, On demand" */
  g_string_append_printf (s, _(", priced per %s, %s"),
                          sky_vocabulary_title (SKY_VOCABULARY_UNIT, line->unit),
                          sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, term));
  return g_string_free (s, FALSE);
}

/* The provider's name and short name, from @sheets (SkySheetInfo: the catalog's); its id for
 * both when the catalog has no sheet of it. */
static void
provider_names (const GPtrArray  *sheets,
                const char       *provider,
                char            **name,
                char            **short_name)
{
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      if (g_strcmp0 (info->provider, provider) == 0)
        {
          *name = g_strdup (info->provider_name);
          *short_name = g_strdup (info->provider_short_name);
          return;
        }
    }
  *name = g_strdup (provider);
  *short_name = g_strdup (provider);
}

/* The version of @provider's newest current sheet, as sky_catalog_current_version() gives it:
 * the first current one of the provider in @sheets (SkySheetInfo: the catalog's, by provider
 * and newest first) when the caller read them, else from the catalog. NULL when it has none. */
static char *
current_version (SkyCatalog       *catalog,
                 const GPtrArray  *sheets,
                 const char       *provider,
                 GError          **error)
{
  if (sheets == NULL)
    return sky_catalog_current_version (catalog, provider, error);
  for (guint i = 0; i < sheets->len; i++)
    {
      const SkySheetInfo *info = g_ptr_array_index (sheets, i);

      if (info->current && g_strcmp0 (info->provider, provider) == 0)
        return g_strdup (info->version);
    }
  return NULL;
}

/* The slot of @price_index of @offer_id: lines priced with the same price of the same offer
 * share the free allowance and the tiers. */
static guint
slot_of (SkyResolvedProvider *p,
         gint64               offer_id,
         guint                price_index)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", offer_id, price_index);
  guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (p->slots, key));

  if (slot == 0)
    {
      slot = g_hash_table_size (p->slots) + 1;
      g_hash_table_insert (p->slots, g_steal_pointer (&key), GUINT_TO_POINTER (slot));
    }
  return slot - 1;
}

/* The usage discount of @price, for @t; the sheet allows one on on-demand prices only. */
static void
copy_usage_bands (SkyPriceTerms       *t,
                  const SkyOfferPrice *price)
{
  if (price->usage_bands == NULL || price->usage_bands->len == 0)
    return;
  t->usage_discount = g_intern_string (price->usage_discount);
  t->usage_bands = g_array_sized_new (FALSE, TRUE, sizeof (SkyUsageBand),
                                      price->usage_bands->len);
  for (guint i = 0; i < price->usage_bands->len; i++)
    {
      const SkySheetBand *b = &g_array_index (price->usage_bands, SkySheetBand, i);
      SkyUsageBand band = { .from = b->from, .to = b->to, .percent = b->percent };

      g_array_append_val (t->usage_bands, band);
    }
}

/* The numbers of @price of @rl's offer, for the line's @term; FALSE, with the reason in @rl,
 * when the offer's currency cannot be turned into the scenario's. */
static gboolean
fill_terms (SkyResolvedProvider   *p,
            const SkyScenario     *s,
            const SkyScenarioLine *line,
            const char            *term,
            SkyResolvedLine       *rl,
            SkyOfferPrice         *price)
{
  SkyOfferDetails *offer = rl->offer;
  SkyPriceTerms *t = &rl->terms;

  rl->has_terms = TRUE;
  t->slot = slot_of (p, offer->offer_id, rl->price_index);
  t->unit = g_intern_string (price->unit);
  t->line_unit = g_strcmp0 (line->unit, price->unit) != 0 ? g_intern_string (line->unit) : NULL;
  t->currency = g_intern_string (offer->currency);
  t->price_date = price->effective_date != NULL &&
                  g_strcmp0 (price->effective_date, offer->effective_date) != 0
                  ? g_intern_string (price->effective_date) : NULL;
  t->amount = sky_decimal_from_price (price->amount);
  t->tiers = g_array_sized_new (FALSE, TRUE, sizeof (SkyPriceTier), price->tiers->len);
  for (guint i = 0; i < price->tiers->len; i++)
    {
      SkyOfferTier *ot = g_ptr_array_index (price->tiers, i);
      SkyPriceTier tier = {
        .from = parse_quantity (ot->from),
        .to = parse_quantity (ot->to),
        .has_to = ot->to != NULL,
        .amount = sky_decimal_from_price (ot->amount),
      };
      g_array_append_val (t->tiers, tier);
    }
  t->free_units = parse_quantity (price->free_quantity);
  t->has_monthly_cap = price->has_monthly_cap;
  t->monthly_cap = sky_decimal_from_price (price->monthly_cap);
  copy_usage_bands (t, price);
  t->has_upfront_fee = price->has_upfront_fee;
  t->upfront_fee = sky_decimal_from_price (price->upfront_fee);
  t->term_months = sky_term_months (term);
  /* An hourly commitment bills every hour, whatever unit of time the line counts in; one per
   * month bills every month. */
  t->monthly_commitment = t->term_months > 0 && sky_unit_lookup (price->unit) != NULL &&
                          sky_unit_lookup (price->unit)->dimension == SKY_DIMENSION_MONTHS &&
                          sky_unit_lookup (line->unit) != NULL &&
                          sky_unit_lookup (line->unit)->dimension == SKY_DIMENSION_TIME;
  t->committed = t->term_months > 0 && sky_unit_lookup (line->unit) != NULL &&
                 sky_unit_lookup (line->unit)->dimension == SKY_DIMENSION_TIME &&
                 (g_strcmp0 (price->unit, "hour") == 0 || t->monthly_commitment);
  t->discount = discount_for (s, p->provider, offer->service, &t->has_discount);
  if (t->committed)
    {
      SkyOfferPrice *od = find_price (offer, "hour", "on-demand", NULL);
      t->has_on_demand = od != NULL;
      t->on_demand = od != NULL ? sky_decimal_from_price (od->amount) : D (0);
    }

  if (g_strcmp0 (offer->currency, s->currency) != 0)
    {
      const SkyExchangeRate *rate = rate_for (s, offer->currency, s->currency);

      if (rate == NULL)
        {
          rl->status = SKY_LINE_NOT_PRICED;
          rl->reason = g_strdup_printf (_("the offer is priced in %s and the scenario pins no "
                                          "exchange rate from %s to %s"), offer->currency,
                                        offer->currency, s->currency);
          return FALSE;
        }
      t->has_rate = TRUE;
      t->rate = rate->rate;
      t->rate_date = g_intern_string (rate->date);
    }
  return TRUE;
}

/* The exact figures of a price built from components, over the ones fill_terms() took from the
 * price per hour added to the offer (rounded to 10 decimals); the on-demand price per hour of
 * the same size, for a commitment's break-even. */
static void
fill_components (SkyPriceTerms           *t,
                 SkyOfferDetails         *offer,
                 const SkyScenarioLine   *line,
                 const SkyComponentPrice *cp)
{
  t->has_components = TRUE;
  t->amount = cp->amount;
  t->upfront_fee = cp->upfront_fee;
  t->vcpus = cp->vcpus;
  t->vcpu_price = cp->vcpu_price;
  t->memory_gib = cp->memory_gib;
  t->gib_price = cp->gib_price;
  if (t->committed)
    {
      SkyComponentPrice od;

      t->has_on_demand = sky_offer_add_component_price (offer, "on-demand", line->min_vcpu_milli,
                                                        line->min_memory_mgib, &od);
      t->on_demand = t->has_on_demand ? od.amount : D (0);
    }
}

/* Lines that ask the same --------------------------------------------------------------------
 *
 * A scenario's lines often repeat a requirement (many servers of one size, in groups). Each
 * distinct one is searched for once per provider; the lines after it get a copy of what it
 * found, the same as a search of their own would find in the same catalog. */

static gpointer
text_copy (gconstpointer text,
           gpointer      unused)
{
  return g_strdup (text);
}

static gpointer
tier_copy (gconstpointer data,
           gpointer      unused)
{
  const SkyOfferTier *tier = data;
  SkyOfferTier *copy = g_memdup2 (tier, sizeof *tier);

  copy->from = g_strdup (tier->from);
  copy->to = g_strdup (tier->to);
  return copy;
}

static gpointer
price_copy (gconstpointer data,
            gpointer      unused)
{
  const SkyOfferPrice *price = data;
  SkyOfferPrice *copy = g_memdup2 (price, sizeof *price);

  copy->term = g_strdup (price->term);
  copy->unit = g_strdup (price->unit);
  copy->free_quantity = g_strdup (price->free_quantity);
  copy->tiers = g_ptr_array_copy (price->tiers, tier_copy, NULL);
  copy->usage_discount = g_strdup (price->usage_discount);
  copy->usage_bands = price->usage_bands != NULL ? g_array_copy (price->usage_bands) : NULL;
  copy->effective_date = g_strdup (price->effective_date);
  return copy;
}

/* A copy of @offer, every field of it. The sizes below are those of the structures this copies
 * field by field: a field added to one of them must be copied here too. */
#if GLIB_SIZEOF_VOID_P == 8
G_STATIC_ASSERT (sizeof (SkyOfferDetails) == 31 * 8);
G_STATIC_ASSERT (sizeof (SkyOfferPrice) == 12 * 8);
G_STATIC_ASSERT (sizeof (SkyOfferTier) == 3 * 8);
#endif

static SkyOfferDetails *
offer_copy (const SkyOfferDetails *offer)
{
  SkyOfferDetails *copy = g_memdup2 (offer, sizeof *offer);

  copy->provider = g_strdup (offer->provider);
  copy->provider_name = g_strdup (offer->provider_name);
  copy->provider_short_name = g_strdup (offer->provider_short_name);
  copy->sheet_version = g_strdup (offer->sheet_version);
  copy->effective_date = g_strdup (offer->effective_date);
  copy->currency = g_strdup (offer->currency);
  copy->source = g_strdup (offer->source);
  copy->retrieved = g_strdup (offer->retrieved);
  copy->service = g_strdup (offer->service);
  copy->service_name = g_strdup (offer->service_name);
  copy->category = g_strdup (offer->category);
  copy->sku = g_strdup (offer->sku);
  copy->name = g_strdup (offer->name);
  copy->family = g_strdup (offer->family);
  copy->region = g_strdup (offer->region);
  copy->region_name = g_strdup (offer->region_name);
  copy->geography = g_strdup (offer->geography);
  copy->os = g_strdup (offer->os);
  copy->storage_type = g_strdup (offer->storage_type);
  copy->sla = g_strdup (offer->sla);
  copy->features = offer->features != NULL
                   ? g_ptr_array_copy (offer->features, text_copy, NULL) : NULL;
  copy->prices = offer->prices != NULL
                 ? g_ptr_array_copy (offer->prices, price_copy, NULL) : NULL;
  copy->architecture = g_strdup (offer->architecture);
  copy->tenancy = g_strdup (offer->tenancy);
  copy->licence = g_strdup (offer->licence);
  copy->software = g_strdup (offer->software);
  copy->capacity = g_strdup (offer->capacity);
  return copy;
}

static SkyResolvedLine *
resolved_line_copy (const SkyResolvedLine *line)
{
  SkyResolvedLine *copy = g_memdup2 (line, sizeof *line);

  copy->reason = g_strdup (line->reason);
  copy->offer = line->offer != NULL ? offer_copy (line->offer) : NULL;
  if (line->terms.tiers != NULL)
    copy->terms.tiers = g_array_copy (line->terms.tiers);
  if (line->terms.usage_bands != NULL)
    copy->terms.usage_bands = g_array_copy (line->terms.usage_bands);
  return copy;
}

static void
key_add_text (GString    *key,
              const char *text)
{
  /* Text in a scenario is XML character data: it holds no control character but tab, line
   * feed and carriage return, so 0x1e marks an absent value and 0x1f ends each. */
  if (text == NULL)
    g_string_append_c (key, '\x1e');
  else
    g_string_append (key, text);
  g_string_append_c (key, '\x1f');
}

/* The key of @line resolved in @term: every field of a line that resolving it reads. Two lines
 * with one key resolve alike on a provider (its pins, the scenario's discounts, rates and
 * dev/test choice are the same for both). */
static char *
line_key (const SkyScenarioLine *line,
          const char            *term)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%d\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%"
                          G_GINT64_FORMAT "\x1f", (int) line->kind, line->min_vcpu_milli,
                          line->min_memory_mgib, line->max_oversize_milli);
  key_add_text (key, term);
  key_add_text (key, line->unit);
  key_add_text (key, line->provider);
  key_add_text (key, line->sheet_version);
  key_add_text (key, line->sku);
  key_add_text (key, line->category);
  key_add_text (key, line->region);
  key_add_text (key, line->geography);
  key_add_text (key, line->os);
  for (guint i = 0; line->storage_types != NULL && line->storage_types[i] != NULL; i++)
    {
      g_string_append_c (key, '\x1d');
      key_add_text (key, line->storage_types[i]);
    }
  key_add_text (key, line->storage_types != NULL ? "" : NULL);
  key_add_text (key, line->architecture);
  key_add_text (key, line->tenancy);
  key_add_text (key, line->licence);
  key_add_text (key, line->capacity);
  key_add_text (key, line->software);
  key_add_text (key, line->engine);
  key_add_text (key, sky_scenario_line_get_deployment (line));
  g_string_append_printf (key, "%u\x1f", sky_scenario_line_get_regions (line));
  return g_string_free (key, FALSE);
}

/* The services of @p's provider that its pins choose, worked out for its first line that
 * searches them; NULL on error. */
static SkyMatchScope *
provider_scope (SkyCatalog           *catalog,
                SkyResolvedProvider  *p,
                GError              **error)
{
  if (p->scope == NULL)
    {
      SkySheetPins pins = { p->pinned_version, p->pinned_services };

      p->scope = sky_catalog_match_scope_new (catalog, p->provider, &pins, error);
    }
  return p->scope;
}

/* Why a line that names an offer of another provider is not priced on this one: that
 * provider by its name, its id when the catalog has no sheet of it. */
static char *
names_other_offer (SkyCatalog             *catalog,
                   const SkyScenarioLine  *line,
                   GError                **error)
{
  g_autofree char *name = sky_catalog_provider_name (catalog, line->provider, error);

  /* Translators: a provider's name and an offer's SKU */
  return g_strdup_printf (_("the line names an offer of %s (%s)"),
                          name != NULL ? name : line->provider, line->sku);
}

/* The curated SLA entry of @offer deployed as @line says, when the line is not deployed
 * single; NULL otherwise or when the table does not speak of it. */
static const SkySla *
deployment_entry (const SkyScenarioLine *line,
                  const SkyOfferDetails *offer)
{
  const char *deployment = sky_scenario_line_get_deployment (line);

  if (offer == NULL || strcmp (deployment, SKY_DEPLOYMENT_DEFAULT) == 0)
    return NULL;
  return sky_sla_table_for_offer (sky_sla_table_get_default (), offer, deployment);
}

/* Whether @offer is one of the offers @sla's deployment is billed by. */
static gboolean
offer_deployed_so (const SkyOfferDetails *offer,
                   const SkySla          *sla)
{
  for (guint i = 0; offer->features != NULL && i + 1 < offer->features->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (offer->features, i), sla->feature_key) == 0 &&
        g_strcmp0 (g_ptr_array_index (offer->features, i + 1), sla->feature_value) == 0)
      return TRUE;
  return FALSE;
}

/* How @line's quantity is billed as it is deployed (sky-pricing.h): at least two instances
 * across zones or fault domains (for a line counted in time: instances), the copies the table
 * bills, and the regions. */
static void
deploy_terms (SkyPriceTerms         *t,
              const SkyScenarioLine *line,
              const SkyOfferDetails *offer)
{
  const char *deployment = sky_scenario_line_get_deployment (line);
  const SkySla *sla = deployment_entry (line, offer);
  const SkyUnit *unit = sky_unit_lookup (line->unit);

  t->deployment = strcmp (deployment, SKY_DEPLOYMENT_DEFAULT) != 0
                  ? g_intern_string (deployment) : NULL;
  t->min_quantity = (strcmp (deployment, "zones") == 0 ||
                     strcmp (deployment, "fault-domains") == 0) &&
                    unit != NULL && unit->dimension == SKY_DIMENSION_TIME ? 2 : 0;
  t->copies = sla != NULL && sla->billing == SKY_SLA_BILLED_COPIES ? sla->copies : 1;
  t->regions = sky_scenario_line_get_regions (line);
}

/* Resolves @line on @p's provider in @term, with a search of its own. */
static SkyResolvedLine *
resolve_line (SkyCatalog            *catalog,
              const SkyScenario     *s,
              SkyResolvedProvider   *p,
              const SkyScenarioLine *line,
              const char            *term,
              GError               **error)
{
  g_autoptr(SkyResolvedLine) rl = g_new0 (SkyResolvedLine, 1);
  const char *provider;
  GError *local = NULL;
  gint64 id = 0;
  SkyRequirement req = { 0 };
  SkyMatchScope *requirement_scope = NULL;

  provider = p->provider;
  rl->status = SKY_LINE_NO_MATCH;

  if (p->sheet_version == NULL)
    rl->reason = g_strdup_printf (_("the catalog has no price sheet of %s"), p->provider_name);
  else if (line->kind == SKY_LINE_OFFER && g_strcmp0 (line->provider, provider) != 0)
    rl->reason = names_other_offer (catalog, line, &local);
  else if (line->kind == SKY_LINE_OFFER)
    {
      /* The line's own version, else the one pinned for the offer's service, else that
       * service's current sheet. */
      if (line->sheet_version != NULL && !p->current_sheets)
        {
          id = sky_catalog_find_offer (catalog, provider, line->sheet_version, line->sku,
                                       &local);
          if (id == 0)
            /* Translators: a provider's name, its sheet's version, an offer's SKU. */
            rl->reason = g_strdup_printf (_("%s %s has no offer %s"), p->provider_name,
                                          line->sheet_version, line->sku);
        }
      else
        {
          SkyMatchScope *scope = provider_scope (catalog, p, &local);

          id = scope != NULL ? sky_catalog_find_offer_in (catalog, scope, line->sku, &local) : -1;
          if (id == 0)
            /* Translators: a provider's name, its sheet's version, an offer's SKU. */
            rl->reason = g_strdup_printf (_("%s %s has no offer %s"), p->provider_name,
                                          p->sheet_version, line->sku);
        }
    }
  else
    {
      req = (SkyRequirement) {
        .category = line->category,
        .unit = line->unit,
        .term = term,
        .min_vcpu_milli = line->min_vcpu_milli,
        .min_memory_mgib = line->min_memory_mgib,
        .region = line->region,
        .geography = line->geography,
        .os = line->os,
        .storage_types = (const char * const *) line->storage_types,
        .max_oversize_milli = line->max_oversize_milli,
        .architecture = line->architecture,
        .tenancy = line->tenancy,
        .licence = line->licence,
        .software = line->software,
        .capacity = line->capacity,
        .engine = line->engine,
        .month_hours_micro = month_hours_micro (s),
      };
      SkyMatchScope *scope = provider_scope (catalog, p, &local);

      requirement_scope = scope;
      id = scope != NULL ? sky_catalog_cheapest_offer_in (catalog, scope, &req, &local) : -1;
      if (id == 0)
        {
          g_autofree char *what = describe_requirement (line, term);
          g_autofree char *why = sky_catalog_explain_no_match_in (catalog, scope,
                                                                  p->provider_name, &req,
                                                                  &local);
          if (why != NULL)
            /* Translators: a provider's name, its sheet's version, what the line asks for
             * ("compute, ≥ 4 vCPU, in us-east-1…"), then why no offer meets it. */
            rl->reason = g_strdup_printf (_("no offer of %s %s meets the requirement (%s): %s"),
                                          p->provider_name, p->sheet_version, what, why);
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  if (id > 0)
    {
      SkyOfferPrice *price;

      const SkySla *sla;

      rl->offer = sky_catalog_get_offer (catalog, id, error);
      if (rl->offer == NULL)
        return NULL;
      /* A deployment billed by other offers (a database with a standby) is priced with the
       * cheapest of those that meets the line. */
      sla = deployment_entry (line, rl->offer);
      if (sla != NULL && sla->billing == SKY_SLA_BILLED_OFFERS && !offer_deployed_so (rl->offer, sla))
        {
          g_autofree char *feature = g_strdup_printf ("%s=%s", sla->feature_key,
                                                      sla->feature_value);
          const char *features[] = { feature, NULL };
          const char *kind = sky_vocabulary_title (SKY_VOCABULARY_DEPLOYMENT, sla->deployment);

          if (line->kind == SKY_LINE_OFFER)
            {
              rl->status = SKY_LINE_NOT_PRICED;
              /* Translators: an offer's SKU, a deployment (a title), a feature's key and
               * value, as in "db.m5.large is not an offer for “With a standby in another
               * zone”: name an offer whose deployment is “Multi-AZ (one standby)”" */
              rl->reason = g_strdup_printf (_("%s is not an offer for “%s”: name an offer whose "
                                              "%s is “%s”"), rl->offer->sku, kind,
                                            sla->feature_key, sla->feature_value);
              return g_steal_pointer (&rl);
            }
          req.features = features;
          req.service = rl->offer->service;
          id = sky_catalog_cheapest_offer_in (catalog, requirement_scope, &req, error);
          if (id < 0)
            return NULL;
          if (id == 0)
            {
              g_autofree char *what = describe_requirement (line, term);

              /* Translators: a provider's name, a deployment (a title), a feature's key and
               * value, and what the line asks for */
              rl->reason = g_strdup_printf (_("no offer of %s for “%s” (%s “%s”) meets the "
                                              "requirement (%s)"), p->provider_name, kind,
                                            sla->feature_key, sla->feature_value, what);
              g_clear_pointer (&rl->offer, sky_offer_details_free);
              return g_steal_pointer (&rl);
            }
          sky_offer_details_free (rl->offer);
          rl->offer = sky_catalog_get_offer (catalog, id, error);
          if (rl->offer == NULL)
            return NULL;
        }
      price = find_line_price (rl->offer, line->unit, term, &rl->price_index);
      if (price == NULL)
        price = find_monthly_commitment (rl->offer, line->unit, term, &rl->price_index);
      /* A scenario that opts in prices on-demand lines at the offer's dev/test price where it
       * has one. */
      if (s->dev_test && g_strcmp0 (term, "on-demand") == 0)
        {
          guint dev_index;
          SkyOfferPrice *dev = find_line_price (rl->offer, line->unit, "dev-test",
                                                &dev_index);

          if (dev != NULL)
            {
              price = dev;
              rl->price_index = dev_index;
              rl->terms.dev_test = TRUE;
            }
        }
      if (price == NULL && line->kind != SKY_LINE_OFFER)
        {
          SkyComponentPrice cp;

          if (sky_offer_add_component_price (rl->offer, term, line->min_vcpu_milli,
                                             line->min_memory_mgib, &cp))
            {
              rl->price_index = cp.price_index;
              if (fill_terms (p, s, line, term, rl, g_ptr_array_index (rl->offer->prices,
                                                                       cp.price_index)))
                rl->status = SKY_LINE_PRICED;
              fill_components (&rl->terms, rl->offer, line, &cp);
              return g_steal_pointer (&rl);
            }
        }
      if (price == NULL && line->kind == SKY_LINE_OFFER &&
          g_strcmp0 (line->unit, "hour") == 0 && sky_offer_is_sized_by_components (rl->offer))
        {
          rl->status = SKY_LINE_NOT_PRICED;
          rl->reason = g_strdup_printf (_("%s is priced per vCPU-hour and per GiB-hour: ask for "
                                          "its size with a requirement (min-vcpu and "
                                          "min-memory-gib) to price it per Hour"),
                                        rl->offer->sku);
        }
      else if (price == NULL)
        {
          rl->status = SKY_LINE_NOT_PRICED;
          rl->reason = no_price_reason (rl->offer, line->unit, term);
        }
      else if (fill_terms (p, s, line, term, rl, price))
        rl->status = SKY_LINE_PRICED;
    }
  return g_steal_pointer (&rl);
}

/* Resolves @line of @scenario on @resolved's provider as if its purchase option were @term
 * (NULL: its own): a copy of what an earlier line that asks the same found, else a search of
 * its own. */
SkyResolvedLine *
sky_resolve_line (SkyCatalog            *catalog,
                  const SkyScenario     *s,
                  SkyResolvedProvider   *p,
                  const SkyScenarioLine *line,
                  const char            *term,
                  GError               **error)
{
  const SkyResolvedLine *kept = sky_resolve_line_kept (catalog, s, p, line, term, error);

  return kept != NULL ? resolved_line_copy (kept) : NULL;
}

/* As sky_resolve_line(), without a copy: the line @p keeps for what @line asks, valid while
 * @p is; NULL with @error set when resolving fails. Its terms bill the line's deployment. */
const SkyResolvedLine *
sky_resolve_line_kept (SkyCatalog            *catalog,
                       const SkyScenario     *s,
                       SkyResolvedProvider   *p,
                       const SkyScenarioLine *line,
                       const char            *term,
                       GError               **error)
{
  g_autofree char *key = NULL;
  SkyResolvedLine *found;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (s != NULL && p != NULL && line != NULL, NULL);

  if (term == NULL)
    term = line->term;
  key = line_key (line, term);
  if (p->resolved == NULL)
    p->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) sky_resolved_line_free);
  found = g_hash_table_lookup (p->resolved, key);
  if (found == NULL)
    {
      found = resolve_line (catalog, s, p, line, term, error);
      if (found == NULL)
        return NULL;
      if (found->has_terms)
        deploy_terms (&found->terms, line, found->offer);
      g_hash_table_insert (p->resolved, g_steal_pointer (&key), found);
    }
  return found;
}

/* Whether the catalog holds @provider's sheet @version; FALSE with @error set when it does
 * not, or cannot say. */
static gboolean
check_pinned (SkyCatalog   *catalog,
              const char   *provider,
              const char   *provider_name,
              const char   *version,
              GError      **error)
{
  GError *local = NULL;

  if (sky_catalog_has_sheet (catalog, provider, version, &local))
    return TRUE;
  if (local != NULL)
    g_propagate_error (error, local);
  else
    g_set_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_SHEET,
                 _("The scenario was priced against %s %s, which is not in the catalog (it "
                   "was removed or never imported here): import that sheet, or price the "
                   "scenario against the current sheets"),
                 provider_name, version);
  return FALSE;
}

/* Resolves every line of @scenario on @provider, each against the sheet the scenario was
 * priced against for the line's service (or for every service of the provider, as files of
 * the earlier form say), else against that service's current sheet; with @current_sheets,
 * every line against its service's current sheet. */
SkyResolvedProvider *
sky_resolve_provider (SkyCatalog         *catalog,
                      const SkyScenario  *s,
                      const char         *provider,
                      gboolean            current_sheets,
                      GError            **error)
{
  g_autoptr(GPtrArray) sheets = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);

  sheets = sky_catalog_list_sheets (catalog, NULL);
  return sky_resolve_provider_with_sheets (catalog, s, provider, current_sheets, sheets, error);
}

/* As sky_resolve_provider(), with the catalog's sheets (SkySheetInfo) read by the caller, once
 * for all the providers it resolves. */
SkyResolvedProvider *
sky_resolve_provider_with_sheets (SkyCatalog         *catalog,
                                  const SkyScenario  *s,
                                  const char         *provider,
                                  gboolean            current_sheets,
                                  const GPtrArray    *sheets,
                                  GError            **error)
{
  g_autoptr(SkyResolvedProvider) p = g_new0 (SkyResolvedProvider, 1);
  const char *recorded = current_sheets ? NULL : sky_scenario_get_sheet_version (s, provider);
  GError *local = NULL;
  const char *shared = NULL;
  gboolean one_version = TRUE;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (s != NULL && provider != NULL, NULL);

  p->provider = g_strdup (provider);
  provider_names (sheets, provider, &p->provider_name, &p->provider_short_name);
  p->current_sheets = current_sheets;
  p->lines = g_ptr_array_new ();
  p->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->pinned_services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; !current_sheets && i < s->priced_against->len; i++)
    {
      const SkySheetRef *ref = g_ptr_array_index (s->priced_against, i);

      if (g_strcmp0 (ref->provider, provider) != 0)
        continue;
      if (!check_pinned (catalog, provider, p->provider_name, ref->version, error))
        return NULL;
      if (ref->service == NULL)
        replace_text (&p->pinned_version, ref->version);
      else
        g_hash_table_replace (p->pinned_services, g_strdup (ref->service),
                              g_strdup (ref->version));
    }

  if (recorded != NULL)
    p->sheet_version = g_strdup (recorded);
  else
    {
      p->sheet_version = current_version (catalog, sheets, provider, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }

  for (guint i = 0; i < s->lines->len; i++)
    {
      const SkyResolvedLine *rl = sky_resolve_line_kept (catalog, s, p,
                                                         g_ptr_array_index (s->lines, i), NULL,
                                                         error);
      if (rl == NULL)
        return NULL;
      g_ptr_array_add (p->lines, (gpointer) rl);
      if (rl->offer != NULL)
        {
          one_version &= shared == NULL || strcmp (shared, rl->offer->sheet_version) == 0;
          shared = rl->offer->sheet_version;
        }
    }
  /* Lines priced from one sheet name the provider's version; lines of several sheets each say
   * their own. */
  if (one_version && shared != NULL && g_strcmp0 (p->sheet_version, shared) != 0)
    {
      g_free (p->sheet_version);
      p->sheet_version = g_strdup (shared);
    }
  return g_steal_pointer (&p);
}

/* The offers @p's lines found, each once, for the caller to keep (SkyOfferDetails): the lines
 * that asked the same point to one of them. @p's lines have no offer afterwards. */
GPtrArray *
sky_resolved_provider_take_offers (SkyResolvedProvider *p)
{
  GPtrArray *offers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_details_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (p != NULL, offers);

  if (p->resolved == NULL)
    return offers;
  g_hash_table_iter_init (&iter, p->resolved);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SkyResolvedLine *line = value;

      if (line->offer != NULL)
        g_ptr_array_add (offers, g_steal_pointer (&line->offer));
    }
  return offers;
}
