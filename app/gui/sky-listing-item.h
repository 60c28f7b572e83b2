/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_LISTING_ITEM (sky_listing_item_get_type ())

G_DECLARE_FINAL_TYPE (SkyListingItem, sky_listing_item, SKY, LISTING_ITEM, GObject)

SkyListingItem   *sky_listing_item_new           (SkyListing     *listing);
const SkyListing *sky_listing_item_get_listing   (SkyListingItem *self);
void              sky_listing_item_set_listing   (SkyListingItem *self,
                                                  SkyListing     *listing);
GPtrArray        *sky_listing_item_copy_listings (GListModel     *items);

G_END_DECLS
