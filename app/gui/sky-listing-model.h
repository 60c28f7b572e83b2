/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>
#include <gio/gio.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_LISTING_MODEL (sky_listing_model_get_type ())

G_DECLARE_FINAL_TYPE (SkyListingModel, sky_listing_model, SKY, LISTING_MODEL, GObject)

SkyListingModel *sky_listing_model_new           (const char           *path,
                                                  GError              **error);
void             sky_listing_model_set_query     (SkyListingModel      *self,
                                                  const SkySearchQuery *query);
void             sky_listing_model_reload        (SkyListingModel      *self);
guint            sky_listing_model_get_count     (SkyListingModel      *self);
gboolean         sky_listing_model_get_counting  (SkyListingModel      *self);
void             sky_listing_model_hold          (SkyListingModel      *self);
void             sky_listing_model_release       (SkyListingModel      *self);
gboolean         sky_listing_model_get_held      (SkyListingModel      *self);
SkyCatalog      *sky_listing_model_get_catalog   (SkyListingModel      *self);
void             sky_listing_model_set_frame_clock (SkyListingModel    *self,
                                                    GdkFrameClock      *frame_clock);

G_END_DECLS
