/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sky-run-merge-private.h"

/* The order in which an import writes prices (see sky-run-merge-private.h): runs of prices
 * sorted by the price table's key, then a batch of runs merged, so that the table's B-tree is
 * only ever appended to within a batch. A sheet of more than one batch has each batch merged
 * and spilled to a temporary file as one run, and the spilled runs merged at the end, read a
 * window at a time: the table is written in one pass, whatever the sheet's size. */

/* Prices written to the spill file at a time. */
#define SPILL_CHUNK 4096

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
  g_clear_pointer (&m->offsets, g_free);
  g_clear_pointer (&m->left, g_free);
  g_clear_pointer (&m->spares, g_ptr_array_unref);
  g_clear_error (&m->error);
  m->heap_len = 0;
  m->window = 0;
}

static gboolean
spill_error (GError   **error,
             gboolean   writing)
{
  int saved = errno;

  if (writing)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot write the temporary file of the sheet's prices: %s"),
                 g_strerror (saved));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot read the temporary file of the sheet's prices: %s"),
                 g_strerror (saved));
  return FALSE;
}

/* Reads the next window of spilled run @run into its spare array, which becomes the run's: the
 * prices taken last from the run stay where they were, in the array that becomes the spare. */
static gboolean
read_window (SkyRunMerge  *m,
             guint         run,
             GError      **error)
{
  GArray *window = g_ptr_array_index (m->spares, run);
  guint n = MIN (m->left[run], m->window);
  gsize len = (gsize) n * sizeof (SkyPendingPrice);
  char *p;

  g_array_set_size (window, n);
  p = window->data;
  while (len > 0)
    {
      ssize_t got = pread (m->fd, p, len, m->offsets[run]);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          if (got == 0)
            errno = EIO;
          return spill_error (error, FALSE);
        }
      p += got;
      len -= got;
      m->offsets[run] += got;
    }
  m->left[run] -= n;
  m->spares->pdata[run] = m->runs->pdata[run];
  m->runs->pdata[run] = window;
  m->next[run] = 0;
  return TRUE;
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

  /* A spilled run's window is read again only once all of it was taken. */
  g_assert (m->left == NULL || n < m->window);
  for (; taken < n && m->heap_len > 0; taken++)
    {
      guint head = m->heap[0].lo & POSITION_MASK;

      out[taken] = merge_head (m, head);
      if (++m->next[head] < ((GArray *) g_ptr_array_index (m->runs, head))->len)
        m->heap[0] = price_key (merge_head (m, head), head);
      else if (m->left != NULL && m->left[head] > 0)
        {
          /* A read that fails ends the merge; _sky_run_merge_failed() says why. */
          if (!read_window (m, head, &m->error))
            {
              m->heap_len = 0;
              return taken + 1;
            }
          m->heap[0] = price_key (merge_head (m, head), head);
        }
      else
        m->heap[0] = m->heap[--m->heap_len];
      merge_sift_down (m, 0);
    }
  return taken;
}

/* Whether a merge of spilled runs ended because a read failed, with the error. */
gboolean
_sky_run_merge_failed (SkyRunMerge  *m,
                       GError      **error)
{
  if (m->error == NULL)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&m->error));
  return TRUE;
}

void
_sky_run_spill_init (SkyRunSpill *spill)
{
  *spill = (SkyRunSpill) { .fd = -1, .counts = g_array_new (FALSE, FALSE, sizeof (guint64)) };
}

void
_sky_run_spill_clear (SkyRunSpill *spill)
{
  if (spill->fd >= 0)
    close (spill->fd);
  spill->fd = -1;
  spill->size = 0;
  g_clear_pointer (&spill->counts, g_array_unref);
}

static gboolean
write_chunk (SkyRunSpill  *spill,
             const void   *data,
             gsize         len,
             GError      **error)
{
  const char *p = data;

  while (len > 0)
    {
      ssize_t n = pwrite (spill->fd, p, len, spill->size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return spill_error (error, TRUE);
        }
      p += n;
      len -= n;
      spill->size += n;
    }
  return TRUE;
}

/* Takes every price of @m, in order, to the end of @spill's file as one run, and clears @m.
 * The file is made at the first run, and unlinked at once: it goes with the import. */
gboolean
_sky_run_spill (SkyRunSpill  *spill,
                SkyRunMerge  *m,
                GError      **error)
{
  g_autofree SkyPendingPrice *chunk = NULL;
  const SkyPendingPrice *out[64];
  guint64 count = 0;
  guint len = 0, n;

  if (spill->fd < 0)
    {
      g_autofree char *name = NULL;

      spill->fd = g_file_open_tmp ("skytally-prices-XXXXXX", &name, error);
      if (spill->fd < 0)
        return FALSE;
      g_unlink (name);
    }
  chunk = g_new (SkyPendingPrice, SPILL_CHUNK);
  do
    {
      n = _sky_run_merge_take (m, out, MIN (G_N_ELEMENTS (out), SPILL_CHUNK - len));
      for (guint i = 0; i < n; i++)
        chunk[len++] = *out[i];
      count += n;
      if ((len == SPILL_CHUNK || n == 0) && len > 0)
        {
          if (!write_chunk (spill, chunk, len * sizeof (SkyPendingPrice), error))
            {
              _sky_run_merge_clear (m);
              return FALSE;
            }
          len = 0;
        }
    }
  while (n > 0);
  _sky_run_merge_clear (m);
  if (count > 0)
    g_array_append_val (spill->counts, count);
  return TRUE;
}

/* Starts merging the runs of @spill, after clearing what @m held; each is read @window prices
 * at a time, so that no more than @window may be taken at once. */
gboolean
_sky_run_merge_start_spilled (SkyRunMerge  *m,
                              SkyRunSpill  *spill,
                              guint         window,
                              GError      **error)
{
  guint n = spill->counts->len;
  guint64 offset = 0;

  g_assert (window > 0);
  _sky_run_merge_clear (m);
  m->fd = spill->fd;
  m->window = window;
  m->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  m->spares = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  m->next = g_new0 (guint, n);
  m->heap = g_new0 (SkySortKey, n);
  m->offsets = g_new0 (guint64, n);
  m->left = g_new0 (guint64, n);
  for (guint i = 0; i < n; i++)
    {
      m->offsets[i] = offset;
      m->left[i] = g_array_index (spill->counts, guint64, i);
      offset += m->left[i] * sizeof (SkyPendingPrice);
      g_ptr_array_add (m->runs, g_array_sized_new (FALSE, FALSE, sizeof (SkyPendingPrice),
                                                   window));
      g_ptr_array_add (m->spares, g_array_sized_new (FALSE, FALSE, sizeof (SkyPendingPrice),
                                                     window));
      if (!read_window (m, i, error))
        {
          _sky_run_merge_clear (m);
          return FALSE;
        }
      if (((GArray *) g_ptr_array_index (m->runs, i))->len > 0)
        m->heap[m->heap_len++] = price_key (merge_head (m, i), i);
    }
  for (guint i = m->heap_len / 2; i-- > 0;)
    merge_sift_down (m, i);
  return TRUE;
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

