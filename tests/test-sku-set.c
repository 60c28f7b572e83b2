/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-sku-set-private.h"

/* The set of an import's SKUs, on its own: a SKU is seen once it was added before, whatever
 * else shares its slot, and the set grows so that it stays at most half full, up to its bound,
 * where it spills; a SKU repeating one spilled is found among the repeats at the end. */

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

  g_assert_true (_sky_sku_set_add (set, &sku, NULL, 1, &seen, NULL));
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
    g_assert_cmpuint (set.slots[i].hash, ==, 0);
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
  g_assert_true (_sky_sku_set_add (&set, first, NULL, G_N_ELEMENTS (first), seen, NULL));
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
  g_assert_true (_sky_sku_set_add (&set, NULL, NULL, 0, NULL, NULL));
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
    g_assert_cmpuint (set.slots[5 + i].hash, ==, same_slot[i]);
  /* Slot 6 is taken now: its own hash goes on past the ones that collided. */
  g_assert_true (_sky_sku_set_insert (&set, 6));
  g_assert_cmpuint (set.slots[5 + G_N_ELEMENTS (same_slot)].hash, ==, 6);

  for (gsize i = 0; i < G_N_ELEMENTS (last_slot); i++)
    g_assert_true (_sky_sku_set_insert (&set, last_slot[i]));
  g_assert_cmpuint (set.slots[1023].hash, ==, last_slot[0]);
  g_assert_cmpuint (set.slots[0].hash, ==, last_slot[1]);
  g_assert_cmpuint (set.slots[1].hash, ==, last_slot[2]);

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

      g_assert_true (_sky_sku_set_add (&set, (const char **) skus->pdata + i, NULL, k, seen,
                                       NULL));
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

      g_assert_true (_sky_sku_set_add (&set, (const char **) skus->pdata + (n - i - k), NULL, k,
                                       seen, NULL));
      for (guint j = 0; j < k; j++)
        g_assert_true (seen[j]);
    }
  g_assert_cmpuint (set.count, ==, n);
  g_assert_cmpuint (size_of (&set), ==, last_size);
  _sky_sku_set_clear (&set);
}

/* Adds sku-@from … sku-(@to - 1), each at the place of its number, and checks that none was
 * seen in the table. */
static void
add_range (SkySkuSet *set,
           guint      from,
           guint      to)
{
  for (guint i = from; i < to; i += SKY_SKU_SET_MAX_ADD)
    {
      guint k = MIN (SKY_SKU_SET_MAX_ADD, to - i);
      g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
      guint64 places[SKY_SKU_SET_MAX_ADD];
      gboolean seen[SKY_SKU_SET_MAX_ADD];

      for (guint j = 0; j < k; j++)
        {
          g_ptr_array_add (skus, g_strdup_printf ("sku-%u", i + j));
          places[j] = i + j;
        }
      g_assert_true (_sky_sku_set_add (set, (const char **) skus->pdata, places, k, seen, NULL));
      for (guint j = 0; j < k; j++)
        g_assert_false (seen[j]);
    }
}

/* Adds @sku at @place; returns whether the table saw it. */
static gboolean
add_at (SkySkuSet  *set,
        const char *sku,
        guint64     place)
{
  gboolean seen = FALSE;

  g_assert_true (_sky_sku_set_add (set, &sku, &place, 1, &seen, NULL));
  return seen;
}

/* A bounded set never holds more than its bound: it spills instead of growing, and SKUs all
 * different are no repeats, however many spills they took. */
static void
test_bounded (void)
{
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GError) error = NULL;
  SkySkuSet set;

  _sky_sku_set_init_bounded (&set, 256);
  g_assert_cmpuint (set.mask + 1, ==, 256);
  for (guint i = 0; i < 10000; i += 100)
    {
      add_range (&set, i, i + 100);
      g_assert_cmpuint (set.mask + 1, ==, 256);
      g_assert_cmpuint (set.count, <=, 128);
    }
  /* 10,000 SKUs, at most 128 a time. */
  g_assert_cmpuint (_sky_sku_set_spills (&set), >=, 10000 / 128);

  repeats = _sky_sku_set_repeats (&set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (repeats->len, ==, 0);
  _sky_sku_set_clear (&set);
  g_assert_null (set.slots);
  _sky_sku_set_clear (&set);
}

/* The repeats of @sku in @repeats: their places, in order, as text ("3 1000 1002"). */
static char *
places_of (const SkySkuSet *set,
           GArray          *repeats,
           const char      *sku)
{
  guint64 hash = _sky_sku_set_hash (set, sku);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < repeats->len; i++)
    {
      const SkySkuSlot *slot = &g_array_index (repeats, SkySkuSlot, i);

      if (slot->hash == hash)
        g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, s->len > 0 ? " " : "", slot->place);
      /* Sorted by hash, then by place. */
      if (i > 0)
        {
          const SkySkuSlot *before = slot - 1;
          g_assert_true (before->hash < slot->hash ||
                         (before->hash == slot->hash && before->place < slot->place));
        }
    }
  return g_string_free (s, FALSE);
}

/* A SKU that repeats one spilled before is not seen when added, and is among the repeats at the
 * end with every place it was added at; one that repeats a SKU still in the table is seen at
 * once, as without a bound. */
static void
test_repeats_across_spills (void)
{
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku3 = NULL;
  g_autofree char *sku500 = NULL;
  g_autofree char *sku998 = NULL;
  g_autofree char *sku10 = NULL;
  SkySkuSet set;

  _sky_sku_set_init_bounded (&set, 256);
  add_range (&set, 0, 1000);
  g_assert_cmpuint (_sky_sku_set_spills (&set), >, 0);
  g_assert_false (add_at (&set, "sku-3", 1000));
  /* Added last: still in the table. */
  g_assert_true (add_at (&set, "sku-998", 1001));
  g_assert_false (add_at (&set, "sku-500", 1002));
  add_range (&set, 2000, 2500);
  g_assert_false (add_at (&set, "sku-3", 2500));

  repeats = _sky_sku_set_repeats (&set, &error);
  g_assert_no_error (error);
  sku3 = places_of (&set, repeats, "sku-3");
  sku500 = places_of (&set, repeats, "sku-500");
  sku998 = places_of (&set, repeats, "sku-998");
  sku10 = places_of (&set, repeats, "sku-10");
  g_assert_cmpstr (sku3, ==, "3 1000 2500");
  g_assert_cmpstr (sku500, ==, "500 1002");
  /* Seen in the table, so not kept twice; and a SKU added once is no repeat. */
  g_assert_cmpstr (sku998, ==, "");
  g_assert_cmpstr (sku10, ==, "");
  g_assert_cmpuint (repeats->len, ==, 5);
  _sky_sku_set_clear (&set);
}

/* A set that never spilled has no repeats to find: the table saw them all. */
static void
test_repeats_without_spill (void)
{
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GError) error = NULL;
  SkySkuSet set;

  _sky_sku_set_init (&set);
  add_range (&set, 0, 1000);
  g_assert_true (add_at (&set, "sku-3", 1000));
  g_assert_cmpuint (_sky_sku_set_spills (&set), ==, 0);
  repeats = _sky_sku_set_repeats (&set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (repeats->len, ==, 0);
  _sky_sku_set_clear (&set);
}

/* However many SKUs repeat, the repeats returned are bounded: SKY_SKU_SET_MAX_REPEATS hashes,
 * each with both its places. */
static void
test_repeats_bounded (void)
{
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GError) error = NULL;
  SkySkuSet set;

  _sky_sku_set_init_bounded (&set, 256);
  add_range (&set, 0, 2000);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *sku = g_strdup_printf ("sku-%u", i);
      g_assert_false (add_at (&set, sku, 2000 + i));
    }
  repeats = _sky_sku_set_repeats (&set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (repeats->len, ==, 2 * SKY_SKU_SET_MAX_REPEATS);
  for (guint i = 0; i < repeats->len; i += 2)
    {
      const SkySkuSlot *a = &g_array_index (repeats, SkySkuSlot, i);
      g_assert_cmpuint (a[0].hash, ==, a[1].hash);
      g_assert_cmpuint (a[1].place, ==, a[0].place + 2000);
    }
  _sky_sku_set_clear (&set);
}

/* A place orders offers as the sheet lists them: by line, then by their order on the line. */
static void
test_places (void)
{
  g_assert_cmpuint (_sky_sku_set_place (2, 0), <, _sky_sku_set_place (2, 1));
  g_assert_cmpuint (_sky_sku_set_place (2, 100000), <, _sky_sku_set_place (3, 0));
  g_assert_cmpuint (_sky_sku_set_place (123456789, 7) >> 24, ==, 123456789);
  g_assert_cmpuint (_sky_sku_set_place (123456789, 7) & 0xffffff, ==, 7);
  /* Past what they can hold, the line and the order stay at their largest. */
  g_assert_cmpuint (_sky_sku_set_place (5, G_MAXINT) & 0xffffff, ==, 0xffffff);
  g_assert_cmpuint (_sky_sku_set_place (5, G_MAXINT), <, _sky_sku_set_place (6, 0));
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
  g_test_add_func ("/sky/sku-set/bounded", test_bounded);
  g_test_add_func ("/sky/sku-set/repeats-across-spills", test_repeats_across_spills);
  g_test_add_func ("/sky/sku-set/repeats-without-spill", test_repeats_without_spill);
  g_test_add_func ("/sky/sku-set/repeats-bounded", test_repeats_bounded);
  g_test_add_func ("/sky/sku-set/places", test_places);

  return g_test_run ();
}
