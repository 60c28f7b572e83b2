/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a conversion did: offers and prices written, and the rows it skipped, by reason, each
 * with the place (file:line, and a path in the row where there is one) it was found; and
 * notes on rows written (a price rounded, ...), kept the same way. */
typedef struct _SkyConvertSummary SkyConvertSummary;

SkyConvertSummary *sky_convert_summary_new        (void);
void               sky_convert_summary_free       (SkyConvertSummary  *summary);
void               sky_convert_summary_add_offer  (SkyConvertSummary  *summary,
                                                   guint               n_prices);
void               sky_convert_summary_skip       (SkyConvertSummary  *summary,
                                                   const char         *reason,
                                                   const char         *where);
void               sky_convert_summary_note       (SkyConvertSummary  *summary,
                                                   const char         *reason,
                                                   const char         *where);
guint64            sky_convert_summary_noted      (const SkyConvertSummary *summary,
                                                   const char         *reason);
guint64            sky_convert_summary_offers     (const SkyConvertSummary *summary);
guint64            sky_convert_summary_prices     (const SkyConvertSummary *summary);
guint64            sky_convert_summary_skipped    (const SkyConvertSummary *summary,
                                                   const char         *reason);
guint              sky_convert_summary_n_reasons  (const SkyConvertSummary *summary);
char              *sky_convert_summary_format     (const SkyConvertSummary *summary,
                                                   guint               max_places);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyConvertSummary, sky_convert_summary_free)

G_END_DECLS
