/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-catalog.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

/* The type the settings keep the catalog's candidates in: provider, sheet version, SKU,
 * region, purchase option and unit of each. */
#define SKY_KEPT_OFFERS_VARIANT_TYPE "a(ssssss)"

SkyKeptOffer *sky_kept_offer_new_for_listing (const SkyListing   *listing);
gboolean      sky_kept_offer_names           (const SkyKeptOffer *kept,
                                              const SkyListing   *listing);
gboolean      sky_kept_offer_find            (SkyCatalog         *catalog,
                                              const SkyKeptOffer *kept,
                                              SkyListing        **listing,
                                              SkyListing        **successor,
                                              GError            **error);

GVariant     *sky_kept_offers_to_variant     (GPtrArray          *kept);
GPtrArray    *sky_kept_offers_from_variant   (GVariant           *variant);

G_END_DECLS
