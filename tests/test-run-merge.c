/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-run-merge-private.h"

/* Sorting runs of pending prices and merging them, on their own: the result is in the order of
 * the price table's key (purchase option, geography, category, amount, then offer and the
 * price's place in it), whatever the runs hold. */

static SkyPendingPrice
price (guint8 term,
       guint8 geography,
       guint8 category,
       gint64 amount,
       gint64 offer_id,
       gint32 seq)
{
  return (SkyPendingPrice) {
    .term = term, .geography = geography, .category = category, .amount = amount,
    .offer_id = offer_id, .seq = seq, .region = -1, .os = -1, .vcpu_milli = -1,
    .memory_mgib = -1,
  };
}

/* -1, 0 or 1 as @a comes before @b in the price table's key. */
static int
compare_keys (const SkyPendingPrice *a,
              const SkyPendingPrice *b)
{
#define CMP(field) if (a->field != b->field) return a->field < b->field ? -1 : 1
  CMP (term);
  CMP (geography);
  CMP (category);
  CMP (amount);
  CMP (offer_id);
  CMP (seq);
#undef CMP
  return 0;
}

/* A price with a key drawn from few values, so that many are equal in all but the offer. */
static SkyPendingPrice
random_price (gint64 offer_id,
              gint32 seq)
{
  static const gint64 amounts[] = {
    0, 1, 4095, 4096, 4097, 123456789, G_GINT64_CONSTANT (1) << 59,
    (G_GINT64_CONSTANT (1) << 59) + 1, (G_GINT64_CONSTANT (1) << 60) - 1,
  };

  return price (g_test_rand_int_range (0, 3) * 20, g_test_rand_int_range (0, 2) * 31,
                g_test_rand_int_range (0, 3) * 15,
                amounts[g_test_rand_int_range (0, G_N_ELEMENTS (amounts))], offer_id, seq);
}

/* A run of @n prices of consecutive offers from *@offer_id on, a few prices each, in the order
 * an import reads them. */
static GArray *
random_run (guint   n,
            gint64 *offer_id)
{
  GArray *run = g_array_sized_new (FALSE, FALSE, sizeof (SkyPendingPrice), n);
  gint32 seq = 0;

  for (guint i = 0; i < n; i++)
    {
      SkyPendingPrice p;

      if (seq > 0 && g_test_rand_int_range (0, 3) == 0)
        {
          ++*offer_id;
          seq = 0;
        }
      p = random_price (*offer_id, seq++);
      g_array_append_val (run, p);
    }
  ++*offer_id;
  return run;
}

static void
assert_sorted (const SkyPendingPrice * const *prices,
               guint                          n)
{
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (compare_keys (prices[i - 1], prices[i]), <, 0);
}

/* A run comes back sorted, with every price it had; the run itself is left as it was. */
static void
test_sort (void)
{
  SkyRunSorter sorter;
  gint64 offer_id = 1;
  g_autoptr(GArray) run = random_run (1000, &offer_id);
  g_autoptr(GArray) before = g_array_copy (run);
  g_autoptr(GArray) sorted = NULL;
  g_autofree const SkyPendingPrice **order = NULL;
  gint64 sum_before = 0, sum_after = 0;

  _sky_run_sorter_init (&sorter, 16);
  sorted = _sky_run_sort (&sorter, run);
  g_assert_cmpuint (sorted->len, ==, run->len);
  g_assert_cmpmem (run->data, run->len * sizeof (SkyPendingPrice),
                   before->data, before->len * sizeof (SkyPendingPrice));

  order = g_new (const SkyPendingPrice *, sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      order[i] = &g_array_index (sorted, SkyPendingPrice, i);
      sum_before += g_array_index (run, SkyPendingPrice, i).offer_id * 1024 +
                    g_array_index (run, SkyPendingPrice, i).seq;
      sum_after += order[i]->offer_id * 1024 + order[i]->seq;
    }
  /* The order of the key: as the offers and their prices are unique, every pair is strictly
   * ordered, and prices equal in all but those keep the order they came in. */
  assert_sorted (order, sorted->len);
  g_assert_cmpint (sum_before, ==, sum_after);
  _sky_run_sorter_clear (&sorter);
}

/* Runs of no price, one price, two and more; the sorter makes room for its least size at
 * first, grows for a run larger than it made room for, and does not shrink for a smaller one. */
static void
test_sort_sizes (void)
{
  SkyRunSorter sorter;
  gint64 offer_id = 1;

  _sky_run_sorter_init (&sorter, 4);
  g_assert_null (sorter.keys);
  for (guint n = 0; n <= 40; n++)
    {
      g_autoptr(GArray) run = random_run (n, &offer_id);
      g_autoptr(GArray) sorted = _sky_run_sort (&sorter, run);
      g_autofree const SkyPendingPrice **order = g_new (const SkyPendingPrice *, n + 1);

      g_assert_cmpuint (sorted->len, ==, n);
      if (n > 0)
        g_assert_cmpuint (sorter.size, >=, MAX (n, 4));
      for (guint i = 0; i < n; i++)
        order[i] = &g_array_index (sorted, SkyPendingPrice, i);
      assert_sorted (order, n);
    }
  {
    g_autoptr(GArray) run = random_run (2, &offer_id);
    g_autoptr(GArray) sorted = _sky_run_sort (&sorter, run);

    g_assert_cmpuint (sorted->len, ==, 2);
    g_assert_cmpuint (sorter.size, >=, 40);
  }
  _sky_run_sorter_clear (&sorter);
  g_assert_null (sorter.keys);
}

/* Sorted runs of consecutive offers, some empty, merged. */
static GPtrArray *
sorted_runs (guint   n_runs,
             guint   max_len,
             guint  *total)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  SkyRunSorter sorter;
  gint64 offer_id = 1;

  _sky_run_sorter_init (&sorter, 64);
  *total = 0;
  for (guint r = 0; r < n_runs; r++)
    {
      /* Every fourth run empty. */
      g_autoptr(GArray) run = random_run (r % 4 == 3 ? 0 : g_test_rand_int_range (1, max_len + 1),
                                          &offer_id);

      *total += run->len;
      g_ptr_array_add (runs, _sky_run_sort (&sorter, run));
    }
  _sky_run_sorter_clear (&sorter);
  return runs;
}

/* Takes everything from @m, @slice at a time. */
static GPtrArray *
take_all (SkyRunMerge *m,
          guint        slice)
{
  GPtrArray *all = g_ptr_array_new ();
  const SkyPendingPrice *out[64];
  guint n;

  g_assert (slice <= G_N_ELEMENTS (out));
  do
    {
      n = _sky_run_merge_take (m, out, slice);
      g_assert_cmpuint (n, <=, slice);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (all, (gpointer) out[i]);
      /* Fewer than asked for only at the end. */
      g_assert_true (n == slice || _sky_run_merge_is_done (m));
    }
  while (n == slice);
  g_assert_true (_sky_run_merge_is_done (m));
  g_assert_cmpuint (_sky_run_merge_take (m, out, slice), ==, 0);
  return all;
}

/* Many runs, merged: every price once, in the key's order, in whatever slices they are
 * taken. */
static void
test_merge_order (void)
{
  static const guint slices[] = { 1, 7, 64 };
  g_autoptr(GPtrArray) first = NULL;

  for (gsize s = 0; s < G_N_ELEMENTS (slices); s++)
    {
      SkyRunMerge m = { 0 };
      guint total;
      g_autoptr(GPtrArray) all = NULL;

      _sky_run_merge_start (&m, sorted_runs (300, 50, &total));
      g_assert_cmpuint (total, >, 1000);
      g_assert_false (_sky_run_merge_is_done (&m));
      all = take_all (&m, slices[s]);
      g_assert_cmpuint (all->len, ==, total);
      assert_sorted ((const SkyPendingPrice * const *) all->pdata, all->len);
      g_test_message ("%u prices in slices of %u", all->len, slices[s]);
      _sky_run_merge_clear (&m);
    }
}

/* Equal in all but their offer, prices come out in the order of their runs, which hold
 * consecutive offers: the import's order. */
static void
test_merge_ties (void)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const SkyPendingPrice *out[64];
  SkyRunMerge m = { 0 };
  guint n;

  for (gint64 r = 0; r < 10; r++)
    {
      GArray *run = g_array_new (FALSE, FALSE, sizeof (SkyPendingPrice));

      for (gint32 seq = 0; seq < 3; seq++)
        {
          SkyPendingPrice p = price (2, 3, 4, 100, r + 1, seq);

          g_array_append_val (run, p);
        }
      g_ptr_array_add (runs, run);
    }
  /* Taken by the merge as they are: each run is in order already. */
  _sky_run_merge_start (&m, runs);
  n = _sky_run_merge_take (&m, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n, ==, 30);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (out[i]->offer_id, ==, i / 3 + 1);
      g_assert_cmpint (out[i]->seq, ==, i % 3);
    }
  g_assert_true (_sky_run_merge_is_done (&m));
  _sky_run_merge_clear (&m);
}

/* Takes everything from @m, @slice at a time, copying each price as it comes: those of spilled
 * runs stay where they were only until their window is read again. */
static GArray *
take_all_copies (SkyRunMerge *m,
                 guint        slice)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (SkyPendingPrice));
  const SkyPendingPrice *out[64];
  guint n;

  do
    {
      n = _sky_run_merge_take (m, out, slice);
      for (guint i = 0; i < n; i++)
        g_array_append_val (all, *out[i]);
      g_assert_true (n == slice || _sky_run_merge_is_done (m));
    }
  while (n == slice);
  return all;
}

/* Batches of runs, each merged and spilled to a file as one run, then merged from the file a
 * small window at a time: every price once, in the key's order, as one merge of all the runs
 * in memory gives them, ties in the order of the batches. */
static void
test_merge_spilled (void)
{
  static const guint windows[] = { 65, 100, 4096 };
  g_autoptr(GPtrArray) expected = NULL;
  GPtrArray *batches[7];
  GPtrArray *all_runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  SkyRunMerge whole = { 0 };
  SkyRunSorter sorter;
  gint64 offer_id = 1;
  guint total = 0;

  /* Runs of consecutive offers, in batches of a few, the third batch empty. */
  _sky_run_sorter_init (&sorter, 64);
  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      batches[b] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint r = 0; b != 2 && r < 5; r++)
        {
          g_autoptr(GArray) run = random_run (g_test_rand_int_range (1, 200), &offer_id);
          GArray *sorted = _sky_run_sort (&sorter, run);

          total += sorted->len;
          g_ptr_array_add (batches[b], sorted);
          g_ptr_array_add (all_runs, g_array_ref (sorted));
        }
    }
  _sky_run_sorter_clear (&sorter);
  _sky_run_merge_start (&whole, all_runs);
  expected = take_all (&whole, 64);
  g_assert_cmpuint (expected->len, ==, total);

  for (gsize w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) all = NULL;
      SkyRunSpill spill;
      SkyRunMerge m = { 0 };

      _sky_run_spill_init (&spill);
      for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
        {
          _sky_run_merge_start (&m, g_ptr_array_ref (batches[b]));
          g_assert_true (_sky_run_spill (&spill, &m, &error));
          g_assert_no_error (error);
          g_assert_null (m.runs);
        }
      /* The empty batch spills no run. */
      g_assert_cmpuint (spill.counts->len, ==, G_N_ELEMENTS (batches) - 1);
      /* Each price written as its difference from the one before: fewer bytes than its
       * struct takes. */
      g_assert_cmpuint (spill.size, <, total * sizeof (SkyPendingPrice) / 2);

      g_assert_true (_sky_run_merge_start_spilled (&m, &spill, windows[w], &error));
      g_assert_no_error (error);
      all = take_all_copies (&m, 64);
      g_assert_false (_sky_run_merge_failed (&m, &error));
      g_assert_cmpuint (all->len, ==, total);
      for (guint i = 0; i < total; i++)
        {
          const SkyPendingPrice *a = &g_array_index (all, SkyPendingPrice, i);
          const SkyPendingPrice *e = g_ptr_array_index (expected, i);

          g_assert_cmpint (compare_keys (a, e), ==, 0);
          g_assert_cmpint (a->region, ==, e->region);
          g_assert_cmpint (a->vcpu_milli, ==, e->vcpu_milli);
        }
      _sky_run_merge_clear (&m);
      _sky_run_spill_clear (&spill);
      g_assert_cmpint (spill.fd, ==, -1);
    }
  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    g_ptr_array_unref (batches[b]);
  _sky_run_merge_clear (&whole);
}

/* A spilled price comes back from the file with every field as it was, at the ends of each
 * field's range too. */
static void
test_spill_fields (void)
{
  static const gint32 ints[] = { -1, 0, 1, 127, 128, 4000, G_MAXINT32, G_MININT32 };
  static const gint64 amounts[] = { 0, 1, 127, 128, (G_GINT64_CONSTANT (1) << 60) - 1 };
  static const gint64 offer_ids[] = { 1, 2, 1000000, G_GINT64_CONSTANT (1) << 53 };
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (SkyPendingPrice));
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  SkyRunSorter sorter;
  SkyRunMerge m = { 0 };
  SkyRunSpill spill;
  GPtrArray *runs;
  GArray *sorted;

  for (guint i = 0; i < 400; i++)
    {
      SkyPendingPrice p = price (i % 64, (i / 3) % 32, (i / 5) % 32,
                                 amounts[i % G_N_ELEMENTS (amounts)],
                                 offer_ids[(i / 7) % G_N_ELEMENTS (offer_ids)], i);

      p.unit = 255 - i % 3;
      p.region = ints[i % G_N_ELEMENTS (ints)];
      p.os = ints[(i + 1) % G_N_ELEMENTS (ints)];
      p.vcpu_milli = ints[(i + 2) % G_N_ELEMENTS (ints)];
      p.memory_mgib = ints[(i + 3) % G_N_ELEMENTS (ints)];
      p.service = ints[(i + 4) % G_N_ELEMENTS (ints)];
      p.software = ints[(i + 5) % G_N_ELEMENTS (ints)];
      p.tenancy = i % 256;
      p.licence = 255 - i % 256;
      p.capacity = i % 7;
      p.architecture = i % 2 == 0 ? -1 : 127;
      g_array_append_val (run, p);
    }
  _sky_run_sorter_init (&sorter, 64);
  sorted = _sky_run_sort (&sorter, run);
  _sky_run_sorter_clear (&sorter);

  _sky_run_spill_init (&spill);
  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (runs, g_array_ref (sorted));
  _sky_run_merge_start (&m, runs);
  g_assert_true (_sky_run_spill (&spill, &m, &error));
  g_assert_no_error (error);
  g_assert_true (_sky_run_merge_start_spilled (&m, &spill, 65, &error));
  g_assert_no_error (error);
  all = take_all_copies (&m, 64);
  g_assert_false (_sky_run_merge_failed (&m, &error));
  g_assert_cmpuint (all->len, ==, sorted->len);
  for (guint i = 0; i < all->len; i++)
    {
      const SkyPendingPrice *a = &g_array_index (all, SkyPendingPrice, i);
      const SkyPendingPrice *e = &g_array_index (sorted, SkyPendingPrice, i);

      g_assert_cmpint (compare_keys (a, e), ==, 0);
      g_assert_cmpint (a->unit, ==, e->unit);
      g_assert_cmpint (a->region, ==, e->region);
      g_assert_cmpint (a->os, ==, e->os);
      g_assert_cmpint (a->vcpu_milli, ==, e->vcpu_milli);
      g_assert_cmpint (a->memory_mgib, ==, e->memory_mgib);
      g_assert_cmpint (a->service, ==, e->service);
      g_assert_cmpint (a->software, ==, e->software);
      g_assert_cmpint (a->tenancy, ==, e->tenancy);
      g_assert_cmpint (a->licence, ==, e->licence);
      g_assert_cmpint (a->capacity, ==, e->capacity);
      g_assert_cmpint (a->architecture, ==, e->architecture);
    }
  _sky_run_merge_clear (&m);
  _sky_run_spill_clear (&spill);
  g_array_unref (sorted);
}

/* Nothing spilled: the merge of the spill is done from the start. */
static void
test_merge_spilled_empty (void)
{
  g_autoptr(GError) error = NULL;
  const SkyPendingPrice *out[4];
  SkyRunSpill spill;
  SkyRunMerge m = { 0 };

  _sky_run_spill_init (&spill);
  _sky_run_merge_start (&m, g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref));
  g_assert_true (_sky_run_spill (&spill, &m, &error));
  g_assert_cmpuint (spill.counts->len, ==, 0);
  g_assert_true (_sky_run_merge_start_spilled (&m, &spill, 128, &error));
  g_assert_no_error (error);
  g_assert_true (_sky_run_merge_is_done (&m));
  g_assert_cmpuint (_sky_run_merge_take (&m, out, G_N_ELEMENTS (out)), ==, 0);
  _sky_run_merge_clear (&m);
  _sky_run_spill_clear (&spill);
}

/* No runs, or only empty ones: the merge is done from the start; clearing it twice, or
 * starting it again without clearing it, is fine. */
static void
test_merge_empty (void)
{
  const SkyPendingPrice *out[4];
  SkyRunMerge m = { 0 };
  GPtrArray *runs;

  g_assert_true (_sky_run_merge_is_done (&m));
  _sky_run_merge_start (&m, g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref));
  g_assert_true (_sky_run_merge_is_done (&m));
  g_assert_cmpuint (_sky_run_merge_take (&m, out, G_N_ELEMENTS (out)), ==, 0);

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (runs, g_array_new (FALSE, FALSE, sizeof (SkyPendingPrice)));
  _sky_run_merge_start (&m, runs);
  g_assert_true (_sky_run_merge_is_done (&m));
  g_assert_cmpuint (_sky_run_merge_take (&m, out, G_N_ELEMENTS (out)), ==, 0);
  _sky_run_merge_clear (&m);
  _sky_run_merge_clear (&m);
  g_assert_null (m.runs);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/run-merge/sort", test_sort);
  g_test_add_func ("/sky/run-merge/sort-sizes", test_sort_sizes);
  g_test_add_func ("/sky/run-merge/merge-order", test_merge_order);
  g_test_add_func ("/sky/run-merge/merge-ties", test_merge_ties);
  g_test_add_func ("/sky/run-merge/merge-empty", test_merge_empty);
  g_test_add_func ("/sky/run-merge/merge-spilled", test_merge_spilled);
  g_test_add_func ("/sky/run-merge/merge-spilled-empty", test_merge_spilled_empty);
  g_test_add_func ("/sky/run-merge/spill-fields", test_spill_fields);

  return g_test_run ();
}
