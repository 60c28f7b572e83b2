/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-sku-set-private.h"

/* The set of an import's SKUs, on its own: a SKU is seen once it was added before, whatever
 * else shares its slot, and the set grows so that it stays at most half full. */

static gsize
size_of (const SkySkuSet *set)
{
  return set->mask + 1;
}

static void
add_one (SkySkuSet  *set,
         const char *sku,
         gboolean    expect_seen)
{
  gboolean seen = !expect_seen;

  _sky_sku_set_add (set, &sku, 1, &seen);
  g_assert_cmpint (seen, ==, expect_seen);
}

static void
test_new (void)
{
  SkySkuSet set;

  _sky_sku_set_init (&set);
  g_assert_cmpuint (set.count, ==, 0);
  g_assert_cmpuint (size_of (&set), ==, 1024);
  for (gsize i = 0; i < size_of (&set); i++)
    g_assert_cmpuint (set.slots[i], ==, 0);
  /* The hash's key is drawn at random for each set; all of it zero would mean it was not. */
  g_assert_true (set.key[0] != 0 || set.key[1] != 0);
  _sky_sku_set_clear (&set);
  g_assert_null (set.slots);
  /* Clearing twice is harmless. */
  _sky_sku_set_clear (&set);
}

/* A SKU is seen when it came before, in an earlier call or earlier in the same one; its text
 * counts, not where it is. */
static void
test_duplicates (void)
{
  const char *first[] = { "a", "b", "a", "c", "b" };
  gboolean seen[G_N_ELEMENTS (first)];
  g_autofree char *copy = g_strdup ("c");
  SkySkuSet set;

  _sky_sku_set_init (&set);
  _sky_sku_set_add (&set, first, G_N_ELEMENTS (first), seen);
  g_assert_false (seen[0]);
  g_assert_false (seen[1]);
  g_assert_true (seen[2]);
  g_assert_false (seen[3]);
  g_assert_true (seen[4]);
  g_assert_cmpuint (set.count, ==, 3);

  add_one (&set, copy, TRUE);
  add_one (&set, "d", FALSE);
  add_one (&set, "d", TRUE);
  /* Case, spaces and the empty SKU are SKUs of their own. */
  add_one (&set, "A", FALSE);
  add_one (&set, "a ", FALSE);
  add_one (&set, "", FALSE);
  add_one (&set, "", TRUE);
  g_assert_cmpuint (set.count, ==, 7);

  /* Nothing added: nothing changes. */
  _sky_sku_set_add (&set, NULL, 0, NULL);
  g_assert_cmpuint (set.count, ==, 7);
  _sky_sku_set_clear (&set);
}

/* SKUs that differ only past the 8-byte blocks the hash reads, or only in length, are told
 * apart. */
static void
test_lengths (void)
{
  g_autoptr(GString) sku = g_string_new (NULL);
  SkySkuSet set;

  _sky_sku_set_init (&set);
  for (guint len = 0; len <= 40; len++)
    {
      add_one (&set, sku->str, FALSE);
      g_string_append_c (sku, 'x');
    }
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *a = g_strdup_printf ("0123456789abcdef-%c", 'A' + i);

      add_one (&set, a, FALSE);
    }
  g_assert_cmpuint (set.count, ==, 41 + 64);
  _sky_sku_set_clear (&set);
}

/* Hashes that fall on the same slot take the next free ones, wrapping around at the end of the
 * table, and are each found there again. */
static void
test_collisions (void)
{
  SkySkuSet set;
  gsize size;
  guint64 same_slot[] = { 5, 5 + 1024, 5 + 2048, G_GUINT64_CONSTANT (5) << 40 | 5 };
  guint64 last_slot[] = { 1023, 1023 + 1024, 1023 + 4096 };

  _sky_sku_set_init (&set);
  size = size_of (&set);
  g_assert_cmpuint (size, ==, 1024);
  for (gsize i = 0; i < G_N_ELEMENTS (same_slot); i++)
    g_assert_true (_sky_sku_set_insert (&set, same_slot[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (same_slot); i++)
    g_assert_cmpuint (set.slots[5 + i], ==, same_slot[i]);
  /* Slot 6 is taken now: its own hash goes on past the ones that collided. */
  g_assert_true (_sky_sku_set_insert (&set, 6));
  g_assert_cmpuint (set.slots[5 + G_N_ELEMENTS (same_slot)], ==, 6);

  for (gsize i = 0; i < G_N_ELEMENTS (last_slot); i++)
    g_assert_true (_sky_sku_set_insert (&set, last_slot[i]));
  g_assert_cmpuint (set.slots[1023], ==, last_slot[0]);
  g_assert_cmpuint (set.slots[0], ==, last_slot[1]);
  g_assert_cmpuint (set.slots[1], ==, last_slot[2]);

  /* Each is found again, wherever it went. */
  for (gsize i = 0; i < G_N_ELEMENTS (same_slot); i++)
    g_assert_false (_sky_sku_set_insert (&set, same_slot[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (last_slot); i++)
    g_assert_false (_sky_sku_set_insert (&set, last_slot[i]));
  g_assert_false (_sky_sku_set_insert (&set, 6));
  g_assert_cmpuint (set.count, ==, G_N_ELEMENTS (same_slot) + 1 + G_N_ELEMENTS (last_slot));
  g_assert_cmpuint (size_of (&set), ==, size);
  _sky_sku_set_clear (&set);
}

/* Many SKUs, added as an import adds them: the table doubles as it fills, stays at most half
 * full, and keeps every SKU it had. */
static void
test_growth (void)
{
  const guint n = 100000;
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  gboolean seen[SKY_SKU_SET_MAX_ADD];
  gsize last_size;
  guint grew = 0;
  SkySkuSet set;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (skus, g_strdup_printf ("sku-%u", i));

  _sky_sku_set_init (&set);
  last_size = size_of (&set);
  for (guint i = 0; i < n; i += SKY_SKU_SET_MAX_ADD)
    {
      guint k = MIN (SKY_SKU_SET_MAX_ADD, n - i);

      _sky_sku_set_add (&set, (const char **) skus->pdata + i, k, seen);
      for (guint j = 0; j < k; j++)
        g_assert_false (seen[j]);
      g_assert_cmpuint (set.count, ==, i + k);
      g_assert_cmpuint (set.count, <=, size_of (&set) / 2);
      /* A power of two, as the mask needs. */
      g_assert_cmpuint (size_of (&set) & set.mask, ==, 0);
      if (size_of (&set) != last_size)
        {
          g_assert_cmpuint (size_of (&set), >, last_size);
          last_size = size_of (&set);
          grew++;
        }
    }
  g_assert_cmpuint (grew, >=, 8);
  g_assert_cmpuint (set.count, ==, n);

  /* Every one is still there, and nothing grows any more. */
  for (guint i = 0; i < n; i += SKY_SKU_SET_MAX_ADD)
    {
      guint k = MIN (SKY_SKU_SET_MAX_ADD, n - i);

      _sky_sku_set_add (&set, (const char **) skus->pdata + (n - i - k), k, seen);
      for (guint j = 0; j < k; j++)
        g_assert_true (seen[j]);
    }
  g_assert_cmpuint (set.count, ==, n);
  g_assert_cmpuint (size_of (&set), ==, last_size);
  _sky_sku_set_clear (&set);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/sku-set/new", test_new);
  g_test_add_func ("/sky/sku-set/duplicates", test_duplicates);
  g_test_add_func ("/sky/sku-set/lengths", test_lengths);
  g_test_add_func ("/sky/sku-set/collisions", test_collisions);
  g_test_add_func ("/sky/sku-set/growth", test_growth);

  return g_test_run ();
}
