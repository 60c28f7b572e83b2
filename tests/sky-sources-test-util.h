/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-sheet-reader.h"

G_BEGIN_DECLS

char *sky_sources_test_amount_text (gint64 amount);

char *sky_sources_test_thousandths (gint64 value);

char *sky_sources_test_features_text (const SkySheetOffer *offer);

void sky_sources_test_append_tiers (GString             *text,
                                    const SkySheetPrice *price);

char *sky_sources_test_fixture (const char *format,
                                const char *name);

char *sky_sources_test_price_key (const char *sku,
                                  const char *unit,
                                  const char *term);

const char *sky_sources_test_lookup (GHashTable *table,
                                     const char *sku,
                                     const char *unit,
                                     const char *term);

G_END_DECLS
