/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_LISTING_ITEM (sky_listing_item_get_type ())

G_DECLARE_FINAL_TYPE (SkyListingItem, sky_listing_item, SKY, LISTING_ITEM, GObject)

SkyListingItem   *sky_listing_item_new          (SkyListing     *listing);
const SkyListing *sky_listing_item_get_listing  (SkyListingItem *self);
void              sky_listing_item_set_listing  (SkyListingItem *self,
                                                 SkyListing     *listing);

G_END_DECLS
