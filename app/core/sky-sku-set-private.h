/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SKUs of the sheet being imported, as 64-bit hashes in an open-addressing table: 16 bytes
 * per slot (the hash and where the SKU is in the sheet) where a set of strings would take some
 * 70 per SKU. A SKU whose hash is there already is checked against the catalog before it is
 * stored; with a keyed hash, chosen at random for each import, that happens only for real
 * duplicates, or for one sheet in billions.
 *
 * The table does not grow past a bound: once full, it is sorted and spilled to a temporary file,
 * and starts again empty. A SKU that repeats one spilled before is then found at the end only,
 * by _sky_sku_set_repeats(), which merges what was spilled. */
typedef struct
{
  guint64 hash;         /* 0 marks an empty slot */
  guint64 place;        /* where the SKU is in the sheet: see _sky_sku_set_place() */
} SkySkuSlot;

typedef struct
{
  guint64     key[2];
  SkySkuSlot *slots;
  gsize       mask;
  gsize       count;
  gsize       max_slots;  /* the table's bound, a power of two */
  int         spill_fd;   /* the spilled hashes, or -1 before the first spill */
  GArray     *spills;     /* gsize: how many hashes each spill wrote, in the file's order */
} SkySkuSet;

/* The most SKUs _sky_sku_set_add() takes at once. */
#define SKY_SKU_SET_MAX_ADD 64
/* The table's default bound: 4 MiB, which holds 131,072 SKUs before it spills. */
#define SKY_SKU_SET_MAX_SLOTS ((gsize) 1 << 18)
/* The most repeated hashes _sky_sku_set_repeats() returns. */
#define SKY_SKU_SET_MAX_REPEATS 256

void       _sky_sku_set_init         (SkySkuSet    *set);
void       _sky_sku_set_init_bounded (SkySkuSet    *set,
                                      gsize         max_slots);
void       _sky_sku_set_clear        (SkySkuSet    *set);
guint64    _sky_sku_set_hash         (const SkySkuSet *set,
                                      const char   *sku);
guint64    _sky_sku_set_place        (long          line,
                                      int           nth);
/* Adds @hash, which is not 0; FALSE when the set held it already. The set does not grow here:
 * _sky_sku_set_add() makes room first. */
gboolean   _sky_sku_set_insert       (SkySkuSet    *set,
                                      guint64       hash);
gboolean   _sky_sku_set_add          (SkySkuSet    *set,
                                      const char  **skus,
                                      const guint64 *places,
                                      guint         n,
                                      gboolean     *seen,
                                      GError      **error);
guint      _sky_sku_set_spills       (const SkySkuSet *set);
GArray    *_sky_sku_set_repeats      (SkySkuSet    *set,
                                      GError      **error);

G_END_DECLS
