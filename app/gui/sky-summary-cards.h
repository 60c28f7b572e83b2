/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-scenario-document.h"
#include "sky-summary.h"

G_BEGIN_DECLS

#define SKY_TYPE_SUMMARY_CARDS (sky_summary_cards_get_type ())

G_DECLARE_FINAL_TYPE (SkySummaryCards, sky_summary_cards, SKY, SUMMARY_CARDS, AdwBin)

GtkWidget        *sky_summary_cards_new          (void);
const SkySummary *sky_summary_cards_get_summary  (SkySummaryCards *self);
gboolean          sky_summary_cards_get_busy     (SkySummaryCards *self);
GtkWidget        *sky_summary_cards_get_card     (SkySummaryCards *self,
                                                  guint            index);
void              sky_summary_cards_set_narrow   (SkySummaryCards *self,
                                                  gboolean         narrow);

G_END_DECLS
