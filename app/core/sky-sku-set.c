/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <string.h>

#include "sky-sku-set-private.h"

/* The set of an import's SKUs (see sky-sku-set-private.h), and the keyed hash it keeps of
 * each. */

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND G_STMT_START { \
    v0 += v1; v1 = ROTL (v1, 13); v1 ^= v0; v0 = ROTL (v0, 32); \
    v2 += v3; v3 = ROTL (v3, 16); v3 ^= v2; \
    v0 += v3; v3 = ROTL (v3, 21); v3 ^= v0; \
    v2 += v1; v1 = ROTL (v1, 17); v1 ^= v2; v2 = ROTL (v2, 32); } G_STMT_END

/* SipHash-1-3 of a string. */
static guint64
sku_hash (const guint64  key[2],
          const char    *text)
{
  guint64 v0 = key[0] ^ G_GUINT64_CONSTANT (0x736f6d6570736575);
  guint64 v1 = key[1] ^ G_GUINT64_CONSTANT (0x646f72616e646f6d);
  guint64 v2 = key[0] ^ G_GUINT64_CONSTANT (0x6c7967656e657261);
  guint64 v3 = key[1] ^ G_GUINT64_CONSTANT (0x7465646279746573);
  gsize len = strlen (text);
  const guchar *p = (const guchar *) text;
  gsize left = len;
  guint64 m;

  for (; left >= 8; p += 8, left -= 8)
    {
      memcpy (&m, p, 8);
      m = GUINT64_FROM_LE (m);
      v3 ^= m;
      SIPROUND;
      v0 ^= m;
    }
  m = (guint64) len << 56;
  for (gsize i = 0; i < left; i++)
    m |= (guint64) p[i] << (8 * i);
  v3 ^= m;
  SIPROUND;
  v0 ^= m;
  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

#undef SIPROUND
#undef ROTL

void
_sky_sku_set_init (SkySkuSet *set)
{
  for (int i = 0; i < 2; i++)
    set->key[i] = (guint64) g_random_int () << 32 | g_random_int ();
  set->mask = 1024 - 1;
  set->slots = g_new0 (guint64, set->mask + 1);
  set->count = 0;
}

void
_sky_sku_set_clear (SkySkuSet *set)
{
  g_clear_pointer (&set->slots, g_free);
}

static inline gboolean
insert (SkySkuSet *set,
        guint64    hash)
{
  gsize i = hash & set->mask;

  while (set->slots[i] != 0)
    {
      if (set->slots[i] == hash)
        return FALSE;
      i = (i + 1) & set->mask;
    }
  set->slots[i] = hash;
  set->count++;
  return TRUE;
}

gboolean
_sky_sku_set_insert (SkySkuSet *set,
                     guint64    hash)
{
  return insert (set, hash);
}

/* Makes room for @n more hashes, so that the set stays at most half full. */
static void
reserve (SkySkuSet *set,
         gsize      n)
{
  while (set->count + n > (set->mask + 1) / 2)
    {
      guint64 *old = set->slots;
      gsize size = set->mask + 1;

      set->mask = size * 2 - 1;
      set->slots = g_new0 (guint64, size * 2);
      set->count = 0;
      for (gsize i = 0; i < size; i++)
        if (old[i] != 0)
          insert (set, old[i]);
      g_free (old);
    }
}

/* Adds the SKUs @skus[0 … @n - 1]; @seen[i] says whether the hash of @skus[i] was in the set
 * already. The slots are asked for all at once, before they are looked at: each is a read from
 * anywhere in a table of several megabytes, and the processor fetches them together. */
void
_sky_sku_set_add (SkySkuSet   *set,
                  const char **skus,
                  guint        n,
                  gboolean    *seen)
{
  guint64 hashes[SKY_SKU_SET_MAX_ADD];

  g_assert (n <= G_N_ELEMENTS (hashes));
  reserve (set, n);
  for (guint i = 0; i < n; i++)
    {
      hashes[i] = sku_hash (set->key, skus[i]);
      if (hashes[i] == 0)
        hashes[i] = 1;
      __builtin_prefetch (&set->slots[hashes[i] & set->mask]);
    }
  for (guint i = 0; i < n; i++)
    seen[i] = !insert (set, hashes[i]);
}
