/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-listing-item"

#include "config.h"

#include "sky-listing-item.h"

/* One row of the catalog list: a price of an offer, or nothing yet while its page loads. */
struct _SkyListingItem
{
  GObject     parent_instance;

  SkyListing *listing;
};

G_DEFINE_FINAL_TYPE (SkyListingItem, sky_listing_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sky_listing_item_finalize (GObject *object)
{
  SkyListingItem *self = SKY_LISTING_ITEM (object);

  g_clear_pointer (&self->listing, sky_listing_free);

  G_OBJECT_CLASS (sky_listing_item_parent_class)->finalize (object);
}

static void
sky_listing_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SkyListingItem *self = SKY_LISTING_ITEM (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->listing != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_listing_item_class_init (SkyListingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sky_listing_item_finalize;
  object_class->get_property = sky_listing_item_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sky_listing_item_init (SkyListingItem *self)
{
}

/* Takes @listing, which may be NULL for a row still loading. */
SkyListingItem *
sky_listing_item_new (SkyListing *listing)
{
  SkyListingItem *self = g_object_new (SKY_TYPE_LISTING_ITEM, NULL);

  self->listing = listing;
  return self;
}

const SkyListing *
sky_listing_item_get_listing (SkyListingItem *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_ITEM (self), NULL);
  return self->listing;
}

/* Takes @listing. */
void
sky_listing_item_set_listing (SkyListingItem *self,
                              SkyListing     *listing)
{
  g_return_if_fail (SKY_IS_LISTING_ITEM (self));

  if (self->listing == listing)
    return;
  g_clear_pointer (&self->listing, sky_listing_free);
  self->listing = listing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * sky_listing_item_copy_listings:
 * @items: (nullable): a model of #SkyListingItem whose listings are all loaded, such as the
 *   catalog's kept offers
 *
 * Returns: (transfer full) (element-type SkyListing): copies of the listings of @items, in
 *   their order; empty for %NULL
 */
GPtrArray *
sky_listing_item_copy_listings (GListModel *items)
{
  guint n;
  GPtrArray *listings;

  g_return_val_if_fail (items == NULL || G_IS_LIST_MODEL (items), NULL);

  n = items != NULL ? g_list_model_get_n_items (items) : 0;
  listings = g_ptr_array_new_full (n, (GDestroyNotify) sky_listing_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (items, i);

      g_ptr_array_add (listings, sky_listing_copy (sky_listing_item_get_listing (item)));
    }
  return listings;
}
