/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-decimal.h"
#include "sky-sheet-reader.h"

G_BEGIN_DECLS

/* A price sheet written as it is made, element by element, never held whole: see
 * sky-sheet-writer.c for the order the calls must come in. */
typedef struct _SkySheetWriter SkySheetWriter;

SkySheetWriter *sky_sheet_writer_new            (const char            *path,
                                                 GError               **error);
gboolean        sky_sheet_writer_header         (SkySheetWriter        *writer,
                                                 const SkySheetHeader  *header,
                                                 GError               **error);
gboolean        sky_sheet_writer_region         (SkySheetWriter        *writer,
                                                 const SkySheetRegion  *region,
                                                 GError               **error);
gboolean        sky_sheet_writer_usage_discount (SkySheetWriter        *writer,
                                                 const char            *id,
                                                 const SkySheetBand    *bands,
                                                 guint                  n_bands,
                                                 GError               **error);
gboolean        sky_sheet_writer_begin_service  (SkySheetWriter        *writer,
                                                 const SkySheetService *service,
                                                 GError               **error);
gboolean        sky_sheet_writer_begin_offer    (SkySheetWriter        *writer,
                                                 const char            *sku,
                                                 const char            *name,
                                                 const char            *region,
                                                 GError               **error);
gboolean        sky_sheet_writer_offer_attribute (SkySheetWriter       *writer,
                                                  const char           *name,
                                                  const char           *value,
                                                  GError              **error);
gboolean        sky_sheet_writer_feature        (SkySheetWriter        *writer,
                                                 const char            *key,
                                                 const char            *value,
                                                 GError               **error);
gboolean        sky_sheet_writer_price          (SkySheetWriter        *writer,
                                                 const char            *unit,
                                                 const char            *term,
                                                 guint                  years,
                                                 SkyDecimal             amount,
                                                 GError               **error);
gboolean        sky_sheet_writer_running_price  (SkySheetWriter        *writer,
                                                 const char            *unit,
                                                 const char            *term,
                                                 SkyDecimal             amount,
                                                 const SkyDecimal      *monthly_cap,
                                                 const char            *usage_discount,
                                                 GError               **error);
gboolean        sky_sheet_writer_begin_tiers    (SkySheetWriter        *writer,
                                                 const char            *unit,
                                                 const char            *term,
                                                 guint                  years,
                                                 GError               **error);
gboolean        sky_sheet_writer_tier           (SkySheetWriter        *writer,
                                                 SkyDecimal             from,
                                                 const SkyDecimal      *to,
                                                 SkyDecimal             amount,
                                                 GError               **error);
gboolean        sky_sheet_writer_end_tiers      (SkySheetWriter        *writer,
                                                 GError               **error);
gboolean        sky_sheet_writer_begin_price    (SkySheetWriter        *writer,
                                                 const char            *unit,
                                                 const char            *term,
                                                 guint                  years,
                                                 GError               **error);
gboolean        sky_sheet_writer_price_attribute (SkySheetWriter       *writer,
                                                  const char           *name,
                                                  const char           *value,
                                                  GError              **error);
gboolean        sky_sheet_writer_end_price      (SkySheetWriter        *writer,
                                                 SkyDecimal             amount,
                                                 GError               **error);
guint           sky_sheet_writer_end_offer      (SkySheetWriter        *writer,
                                                 GError               **error);
gboolean        sky_sheet_writer_end_service    (SkySheetWriter        *writer,
                                                 GError               **error);
gboolean        sky_sheet_writer_finish         (SkySheetWriter        *writer,
                                                 GError               **error);
guint64         sky_sheet_writer_get_offers     (SkySheetWriter        *writer);
void            sky_sheet_writer_free           (SkySheetWriter        *writer);

char           *sky_sheet_writer_amount_text    (SkyDecimal             amount,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkySheetWriter, sky_sheet_writer_free)

G_END_DECLS
