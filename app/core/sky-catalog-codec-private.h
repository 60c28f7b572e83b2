/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

/* An offer's prices as the offer's row keeps them (see sky-catalog-codec.c): written a price at
 * a time, each ended by its tiers or by _sky_catalog_append_no_tiers(), read back all at once.
 * Only the catalog's own files read or write this text. */
void        _sky_catalog_append_price      (GString            *out,
                                            gboolean            first,
                                            int                 term,
                                            int                 unit,
                                            gint64              amount,
                                            gboolean            has_fee,
                                            gint64              fee,
                                            const char         *free_quantity);
void        _sky_catalog_append_tier       (GString            *out,
                                            gboolean            first,
                                            const char         *from,
                                            const char         *to,
                                            gint64              amount);
void        _sky_catalog_append_no_tiers   (GString            *out);
/* After the tiers: a price's monthly cap and usage discount, when it has them. */
void        _sky_catalog_append_price_rules (GString           *out,
                                             gboolean           has_monthly_cap,
                                             gint64             monthly_cap,
                                             const char        *usage_discount);
/* Reads the bands of the usage discounts @prices (SkyOfferPrice of @offer_id) name. */
gboolean    _sky_catalog_load_usage_bands  (sqlite3            *db,
                                            gint64              offer_id,
                                            GPtrArray          *prices,
                                            GError            **error);
void        _sky_catalog_append_price_date (GString            *out,
                                            const char         *date);
/* Returns: (element-type SkyOfferPrice) (nullable): NULL when @text is not in that form. */
GPtrArray  *_sky_catalog_decode_prices     (const char         *text);
/* Sets @error to say that the prices of @offer_id cannot be read; returns FALSE. */
gboolean    _sky_catalog_unreadable_prices (GError            **error,
                                            gint64              offer_id);
/* The id of @vocabulary's entry stored as @code; NULL when there is none. */
const char *_sky_catalog_name_for_code     (SkyVocabulary       vocabulary,
                                            gint64              code);

G_END_DECLS
