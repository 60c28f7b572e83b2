/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_OFFER_VIEW (sky_offer_view_get_type ())

G_DECLARE_FINAL_TYPE (SkyOfferView, sky_offer_view, SKY, OFFER_VIEW, AdwBin)

void  sky_offer_view_show          (SkyOfferView          *self,
                                   const SkyOfferDetails *details);
char *sky_offer_view_describe_slas (const SkyOfferDetails *details);

G_END_DECLS
