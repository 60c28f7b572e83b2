/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-availability-view.h"
#include "sky-scenario-document.h"
#include "sky-score.h"

G_BEGIN_DECLS

#define SKY_TYPE_TRADEOFFS_PAGE (sky_tradeoffs_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyTradeoffsPage, sky_tradeoffs_page, SKY, TRADEOFFS_PAGE, AdwBin)

const SkyScoring    *sky_tradeoffs_page_get_scoring           (SkyTradeoffsPage *self);
gboolean             sky_tradeoffs_page_get_busy              (SkyTradeoffsPage *self);
GArray              *sky_tradeoffs_page_dup_shown_options     (SkyTradeoffsPage *self);
const char          *sky_tradeoffs_page_get_chart_description (SkyTradeoffsPage *self);
SkyAvailabilityView *sky_tradeoffs_page_get_availability_view (SkyTradeoffsPage *self);
void                 sky_tradeoffs_page_show_view             (SkyTradeoffsPage *self,
                                                               const char       *name);

G_END_DECLS
