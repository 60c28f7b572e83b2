/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-kept-offer"

#include "config.h"

#include "sky-catalog-match.h"
#include "sky-kept-offer.h"

/* The catalog's candidates, kept in a scenario or in the settings, each named by its price:
 * provider, sheet version, SKU, region, purchase option and unit (and the service, where it
 * is known). A SKU names one offer of a sheet, so a kept offer is found again in its own
 * sheet, and a newer sheet that took over its service is asked for the same SKU, region,
 * purchase option and unit. */

/* Names the price @listing shows. */
SkyKeptOffer *
sky_kept_offer_new_for_listing (const SkyListing *listing)
{
  SkyKeptOffer *kept;

  g_return_val_if_fail (listing != NULL, NULL);

  kept = g_new0 (SkyKeptOffer, 1);
  kept->provider = g_strdup (listing->provider);
  kept->sheet_version = g_strdup (listing->sheet_version);
  kept->service = g_strdup (listing->service);
  kept->sku = g_strdup (listing->sku);
  kept->region = g_strdup (listing->region);
  kept->term = g_strdup (listing->term);
  kept->unit = g_strdup (listing->unit);
  return kept;
}

/* Whether @kept names the price @listing shows. */
gboolean
sky_kept_offer_names (const SkyKeptOffer *kept,
                      const SkyListing   *listing)
{
  g_autoptr(SkyKeptOffer) other = NULL;

  g_return_val_if_fail (kept != NULL && listing != NULL, FALSE);

  other = sky_kept_offer_new_for_listing (listing);
  return sky_kept_offer_equal (kept, other);
}

/* The price of @offer that @kept names, as a row of the catalog's search; NULL when the offer
 * has no such price or is in another region. */
static SkyListing *
listing_of (const SkyOfferDetails *offer,
            const SkyKeptOffer    *kept)
{
  if (g_strcmp0 (offer->region, kept->region) != 0)
    return NULL;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *price = g_ptr_array_index (offer->prices, i);
      SkyListing *l;

      if (g_strcmp0 (price->term, kept->term) != 0 || g_strcmp0 (price->unit, kept->unit) != 0)
        continue;
      l = g_new0 (SkyListing, 1);
      l->provider = g_strdup (offer->provider);
      l->provider_name = g_strdup (offer->provider_name);
      l->provider_short_name = g_strdup (offer->provider_short_name);
      l->sheet_version = g_strdup (offer->sheet_version);
      l->currency = g_strdup (offer->currency);
      l->region = g_strdup (offer->region);
      l->region_name = g_strdup (offer->region_name);
      l->geography = g_strdup (offer->geography);
      l->service = g_strdup (offer->service);
      l->service_name = g_strdup (offer->service_name);
      l->category = g_strdup (offer->category);
      l->sku = g_strdup (offer->sku);
      l->name = g_strdup (offer->name);
      l->family = g_strdup (offer->family);
      l->os = g_strdup (offer->os);
      l->storage_type = g_strdup (offer->storage_type);
      l->sla = g_strdup (offer->sla);
      l->vcpu_milli = offer->vcpu_milli;
      l->memory_mgib = offer->memory_mgib;
      l->gpu = offer->gpu;
      l->term = g_strdup (price->term);
      l->unit = g_strdup (price->unit);
      l->price = price->amount;
      l->tiered = price->tiers != NULL && price->tiers->len > 0;
      l->has_upfront_fee = price->has_upfront_fee;
      l->upfront_fee = price->upfront_fee;
      l->free_quantity = g_strdup (price->free_quantity);
      l->effective_date = g_strdup (price->effective_date);
      l->offer_id = offer->offer_id;
      l->architecture = g_strdup (offer->architecture);
      l->tenancy = g_strdup (offer->tenancy);
      l->licence = g_strdup (offer->licence);
      l->software = g_strdup (offer->software);
      l->capacity = g_strdup (offer->capacity);
      l->has_monthly_cap = price->has_monthly_cap;
      l->monthly_cap = price->monthly_cap;
      return l;
    }
  return NULL;
}

/* The price @kept names in @provider's sheet @version (NULL: the current sheets), into
 * @listing; TRUE with NULL when there is none. */
static gboolean
find_in (SkyCatalog          *catalog,
         const SkyKeptOffer  *kept,
         const char          *version,
         SkyListing         **listing,
         GError             **error)
{
  g_autoptr(SkyOfferDetails) offer = NULL;
  gint64 id = sky_catalog_find_offer (catalog, kept->provider, version, kept->sku, error);

  *listing = NULL;
  if (id < 0)
    return FALSE;
  if (id == 0)
    return TRUE;
  offer = sky_catalog_get_offer (catalog, id, error);
  if (offer == NULL)
    return FALSE;
  *listing = listing_of (offer, kept);
  return TRUE;
}

/**
 * sky_kept_offer_find:
 * @listing: (out) (transfer full) (optional): the price @kept names, in its own sheet; NULL
 *   when the catalog no longer has it
 * @successor: (out) (transfer full) (optional): the same SKU, region, purchase option and
 *   unit in the sheet current now for the offer's service, when that is another sheet; NULL
 *   otherwise
 *
 * Finds a kept offer again. Its own sheet superseded, it is still found there: a candidate
 * keeps its price until the user takes its successor's.
 *
 * Returns: FALSE with @error when the catalog cannot be read
 */
gboolean
sky_kept_offer_find (SkyCatalog          *catalog,
                     const SkyKeptOffer  *kept,
                     SkyListing         **listing,
                     SkyListing         **successor,
                     GError             **error)
{
  g_autoptr(SkyListing) own = NULL;
  g_autoptr(SkyListing) current = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (kept != NULL && kept->provider != NULL && kept->sku != NULL, FALSE);

  if (!find_in (catalog, kept, kept->sheet_version, &own, error) ||
      !find_in (catalog, kept, NULL, &current, error))
    return FALSE;
  if (current != NULL && g_strcmp0 (current->sheet_version, kept->sheet_version) == 0)
    g_clear_pointer (&current, sky_listing_free);
  if (listing != NULL)
    *listing = g_steal_pointer (&own);
  if (successor != NULL)
    *successor = g_steal_pointer (&current);
  return TRUE;
}

/* The kept offers (SkyKeptOffer) as the settings keep them. */
GVariant *
sky_kept_offers_to_variant (GPtrArray *kept)
{
  GVariantBuilder builder;

  g_return_val_if_fail (kept != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE (SKY_KEPT_OFFERS_VARIANT_TYPE));
  for (guint i = 0; i < kept->len; i++)
    {
      const SkyKeptOffer *k = g_ptr_array_index (kept, i);

      g_variant_builder_add (&builder, "(ssssss)", k->provider, k->sheet_version, k->sku,
                             k->region, k->term, k->unit);
    }
  return g_variant_builder_end (&builder);
}

/* The kept offers (SkyKeptOffer) the settings hold in @variant, of SKY_KEPT_OFFERS_VARIANT_TYPE;
 * their services are not known. */
GPtrArray *
sky_kept_offers_from_variant (GVariant *variant)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  GVariantIter iter;
  const char *provider, *version, *sku, *region, *term, *unit;

  g_return_val_if_fail (variant != NULL, kept);
  g_return_val_if_fail (g_variant_is_of_type (variant,
                                              G_VARIANT_TYPE (SKY_KEPT_OFFERS_VARIANT_TYPE)),
                        kept);

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&s&s)", &provider, &version, &sku, &region,
                              &term, &unit))
    {
      SkyKeptOffer *k = g_new0 (SkyKeptOffer, 1);

      k->provider = g_strdup (provider);
      k->sheet_version = g_strdup (version);
      k->sku = g_strdup (sku);
      k->region = g_strdup (region);
      k->term = g_strdup (term);
      k->unit = g_strdup (unit);
      g_ptr_array_add (kept, k);
    }
  return kept;
}
