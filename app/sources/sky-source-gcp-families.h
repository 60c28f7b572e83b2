/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-decimal.h"
#include "sky-sheet-writer.h"

G_BEGIN_DECLS

/* Google Cloud's machine families, as both Google Cloud converters (gcp-skus-json and
 * gcp-pricing-yml) need them: the processor architecture of a series and the sustained-use
 * discount tables, with the families each applies to. */

/* The discount tables, indexed from 0. */
#define SKY_GCP_N_DISCOUNTS 2

const char  *_sky_gcp_discount_id            (guint            table);
SkyDecimal   _sky_gcp_discount_full_hours    (guint            table);
int          _sky_gcp_family_discount        (const char      *family);
const char  *_sky_gcp_family_architecture    (const char      *family);
gboolean     _sky_gcp_write_discount         (SkySheetWriter  *writer,
                                              guint            table,
                                              GError         **error);

G_END_DECLS
