/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SKUs of the sheet being imported, as 64-bit hashes in an open-addressing table: 8 bytes
 * per slot where a set of strings would take some 60 per SKU. A SKU whose hash is there already
 * is checked against the catalog before it is stored; with a keyed hash, chosen at random for
 * each import, that happens only for real duplicates, or for one sheet in billions. */
typedef struct
{
  guint64 key[2];
  guint64 *slots;       /* 0 marks an empty slot */
  gsize    mask;
  gsize    count;
} SkySkuSet;

/* The most SKUs _sky_sku_set_add() takes at once. */
#define SKY_SKU_SET_MAX_ADD 64

void     _sky_sku_set_init   (SkySkuSet   *set);
void     _sky_sku_set_clear  (SkySkuSet   *set);
/* Adds @hash, which is not 0; FALSE when the set held it already. The set does not grow here:
 * _sky_sku_set_add() makes room first. */
gboolean _sky_sku_set_insert (SkySkuSet   *set,
                              guint64      hash);
void     _sky_sku_set_add    (SkySkuSet   *set,
                              const char **skus,
                              guint        n,
                              gboolean    *seen);

G_END_DECLS
