/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include "sky-run-merge-private.h"

/* The order in which an import writes prices (see sky-run-merge-private.h): runs of prices
 * sorted by the price table's key, then a batch of runs merged, so that the table's B-tree is
 * only ever appended to within a batch. */

#define POSITION_MASK ((G_GUINT64_CONSTANT (1) << 52) - 1)

static inline gboolean
key_less (const SkySortKey *a,
          const SkySortKey *b)
{
  return a->hi < b->hi || (a->hi == b->hi && a->lo < b->lo);
}

/* @p's key, with @position for its place among prices equal in the rest. */
static inline SkySortKey
price_key (const SkyPendingPrice *p,
           guint64                position)
{
  /* Room for 64 purchase options, 32 geographies and categories; the reader keeps amounts below
   * 10^18 < 2^60. */
  g_assert (p->term < 64 && p->geography < 32 && p->category < 32 &&
            p->amount >= 0 && p->amount < G_GINT64_CONSTANT (1) << 60);
  return (SkySortKey) {
    .hi = (guint64) p->term << 58 | (guint64) p->geography << 53 |
          (guint64) p->category << 48 | (guint64) p->amount >> 12,
    .lo = ((guint64) p->amount & 0xfff) << 52 | position,
  };
}

static const SkyPendingPrice *
merge_head (const SkyRunMerge *m,
            guint              run)
{
  return &g_array_index ((GArray *) g_ptr_array_index (m->runs, run), SkyPendingPrice,
                         m->next[run]);
}

static void
merge_sift_down (SkyRunMerge *m,
                 guint        i)
{
  for (;;)
    {
      guint smallest = i, l = 2 * i + 1, r = 2 * i + 2;
      SkySortKey tmp;

      if (l < m->heap_len && key_less (&m->heap[l], &m->heap[smallest]))
        smallest = l;
      if (r < m->heap_len && key_less (&m->heap[r], &m->heap[smallest]))
        smallest = r;
      if (smallest == i)
        return;
      tmp = m->heap[i];
      m->heap[i] = m->heap[smallest];
      m->heap[smallest] = tmp;
      i = smallest;
    }
}

void
_sky_run_merge_clear (SkyRunMerge *m)
{
  g_clear_pointer (&m->runs, g_ptr_array_unref);
  g_clear_pointer (&m->next, g_free);
  g_clear_pointer (&m->heap, g_free);
  m->heap_len = 0;
}

/* Starts merging @runs (GArray of SkyPendingPrice, each sorted by _sky_run_sort()), which it
 * takes, after clearing what @m held. */
void
_sky_run_merge_start (SkyRunMerge *m,
                      GPtrArray   *runs)
{
  _sky_run_merge_clear (m);
  m->runs = runs;
  m->next = g_new0 (guint, runs->len);
  m->heap = g_new0 (SkySortKey, runs->len);
  for (guint i = 0; i < runs->len; i++)
    if (((GArray *) g_ptr_array_index (runs, i))->len > 0)
      m->heap[m->heap_len++] = price_key (merge_head (m, i), i);
  for (guint i = m->heap_len / 2; i-- > 0;)
    merge_sift_down (m, i);
}

/* Writes up to @n prices of the merge into @out, in key order, and returns how many: fewer only
 * once the merge is done. They stay where they are, in the runs, until the merge is cleared or
 * started again. */
guint
_sky_run_merge_take (SkyRunMerge            *m,
                     const SkyPendingPrice **out,
                     guint                   n)
{
  guint taken = 0;

  for (; taken < n && m->heap_len > 0; taken++)
    {
      guint head = m->heap[0].lo & POSITION_MASK;

      out[taken] = merge_head (m, head);
      if (++m->next[head] == ((GArray *) g_ptr_array_index (m->runs, head))->len)
        m->heap[0] = m->heap[--m->heap_len];
      else
        m->heap[0] = price_key (merge_head (m, head), head);
      merge_sift_down (m, 0);
    }
  return taken;
}

/* Whether every price of the merge was taken (or none was started). */
gboolean
_sky_run_merge_is_done (SkyRunMerge *m)
{
  return m->heap_len == 0;
}

/* @min_size: the number of prices the sorter makes room for at least, when it first does */
void
_sky_run_sorter_init (SkyRunSorter *sorter,
                      guint         min_size)
{
  *sorter = (SkyRunSorter) { .min_size = min_size };
}

void
_sky_run_sorter_clear (SkyRunSorter *sorter)
{
  g_clear_pointer (&sorter->keys, g_free);
  sorter->size = 0;
}

/* Returns @run's prices in key order, in a new array. A merge sort of keys: no comparison
 * through a function pointer, nothing but the keys moved until the end, and no input that makes
 * it slow. */
GArray *
_sky_run_sort (SkyRunSorter *sorter,
               GArray       *run)
{
  guint n = run->len;
  SkySortKey *src, *dst;
  GArray *sorted;

  if (sorter->size < n)
    {
      g_free (sorter->keys);
      sorter->size = MAX (n, sorter->min_size);
      sorter->keys = g_new (SkySortKey, 2 * sorter->size);
    }
  src = sorter->keys;
  dst = src + sorter->size;

  for (guint i = 0; i < n; i++)
    src[i] = price_key (&g_array_index (run, SkyPendingPrice, i), i);

  for (guint width = 1; width < n; width *= 2)
    {
      SkySortKey *swap;

      for (guint lo = 0; lo < n; lo += 2 * width)
        {
          guint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          guint a = lo, b = mid, out = lo;

          while (a < mid && b < hi)
            dst[out++] = key_less (&src[b], &src[a]) ? src[b++] : src[a++];
          while (a < mid)
            dst[out++] = src[a++];
          while (b < hi)
            dst[out++] = src[b++];
        }
      swap = src;
      src = dst;
      dst = swap;
    }

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (SkyPendingPrice), n);
  g_array_set_size (sorted, n);
  for (guint i = 0; i < n; i++)
    g_array_index (sorted, SkyPendingPrice, i) =
      g_array_index (run, SkyPendingPrice, src[i].lo & POSITION_MASK);
  return sorted;
}

