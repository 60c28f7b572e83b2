/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sky-run-merge-private.h"

/* The order in which an import writes prices (see sky-run-merge-private.h): runs of prices
 * sorted by the price table's key, then a batch of runs merged, so that the table's B-tree is
 * only ever appended to within a batch. A sheet of more than one batch has each batch merged
 * and spilled to a temporary file as one run, and the spilled runs merged at the end, read a
 * window at a time: the table is written in one pass, whatever the sheet's size.
 *
 * A spilled price is written as its difference from the one before it in its run, each number
 * a variable number of bytes (below): in the key's order, the purchase option, geography,
 * category and amount of the next price are mostly the same or close, and its other numbers
 * small. Some 20 bytes a price rather than the 56 of its struct: the file is written once and
 * read once, and its bytes count among the import's. */

/* The bytes of the spill file written at a time, and the most a price takes. */
#define SPILL_CHUNK 262144
#define MAX_ENCODED 72
/* The bytes read from the file at a time for each run merged from it. */
#define SPILL_READ 65536
G_STATIC_ASSERT (SPILL_READ > MAX_ENCODED);

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
  /* Spilled runs have a cursor each, made as the run is added. */
  if (m->cursors != NULL)
    for (guint i = 0; i < m->runs->len; i++)
      g_free (m->cursors[i].bytes);
  g_clear_pointer (&m->cursors, g_free);
  g_clear_pointer (&m->runs, g_ptr_array_unref);
  g_clear_pointer (&m->next, g_free);
  g_clear_pointer (&m->heap, g_free);
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

static inline guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

/* @v, signed, with its sign in the lowest bit: small negative numbers take few bytes too. */
static inline guint8 *
put_signed (guint8 *p,
            gint64  v)
{
  return put_varint (p, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

/* @a - @b, wrapping as unsigned numbers do: get_delta() undoes it exactly. */
static inline gint64
delta (gint64 a,
       gint64 b)
{
  return (gint64) ((guint64) a - (guint64) b);
}

/* Writes @p after @last at @out; returns the end of what it wrote, at most MAX_ENCODED bytes. */
static guint8 *
encode_price (guint8                *out,
              const SkyPendingPrice *p,
              const SkyPendingPrice *last)
{
  gint64 key = (gint64) p->term << 16 | p->geography << 8 | p->category;
  gint64 last_key = (gint64) last->term << 16 | last->geography << 8 | last->category;

  out = put_signed (out, key - last_key);
  out = put_signed (out, delta (p->amount, last->amount));
  out = put_signed (out, delta (p->offer_id, last->offer_id));
  out = put_signed (out, p->seq);
  out = put_signed (out, p->region);
  out = put_signed (out, p->os);
  out = put_signed (out, p->vcpu_milli);
  out = put_signed (out, p->memory_mgib);
  out = put_signed (out, p->service);
  out = put_signed (out, p->software);
  *out++ = p->unit;
  *out++ = p->tenancy;
  *out++ = p->licence;
  *out++ = p->capacity;
  *out++ = (guint8) p->architecture;
  return out;
}

/* Reads a number that put_varint() wrote at *@p, before @end; FALSE if it does not end there. */
static inline gboolean
get_varint (const guint8 **p,
            const guint8  *end,
            guint64       *v)
{
  guint64 value = 0;

  for (guint shift = 0; *p < end && shift < 64; shift += 7)
    {
      guint8 b = *(*p)++;

      value |= (guint64) (b & 0x7f) << shift;
      if (b < 0x80)
        {
          *v = value;
          return TRUE;
        }
    }
  return FALSE;
}

static inline gboolean
get_signed (const guint8 **p,
            const guint8  *end,
            gint64        *v)
{
  guint64 u;

  if (!get_varint (p, end, &u))
    return FALSE;
  *v = (gint64) (u >> 1) ^ -(gint64) (u & 1);
  return TRUE;
}

/* Reads the price encode_price() wrote at *@p after @last, before @end, into @out. */
static gboolean
decode_price (const guint8          **p,
              const guint8           *end,
              const SkyPendingPrice  *last,
              SkyPendingPrice        *out)
{
  gint64 v[10];

  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    if (!get_signed (p, end, &v[i]))
      return FALSE;
  if (end - *p < 5)
    return FALSE;
  v[0] += (gint64) last->term << 16 | last->geography << 8 | last->category;
  *out = (SkyPendingPrice) {
    .term = v[0] >> 16, .geography = v[0] >> 8, .category = v[0],
    .amount = (gint64) ((guint64) last->amount + (guint64) v[1]),
    .offer_id = (gint64) ((guint64) last->offer_id + (guint64) v[2]),
    .seq = v[3], .region = v[4], .os = v[5], .vcpu_milli = v[6], .memory_mgib = v[7],
    .service = v[8], .software = v[9],
    .unit = (*p)[0], .tenancy = (*p)[1], .licence = (*p)[2], .capacity = (*p)[3],
    .architecture = (gint8) (*p)[4],
  };
  *p += 5;
  return TRUE;
}

/* Reads more of spilled run @run's bytes, after those not decoded yet. */
static gboolean
read_bytes (SkyRunMerge  *m,
            guint         run,
            GError      **error)
{
  SkySpillCursor *c = &m->cursors[run];
  gsize len;

  memmove (c->bytes, c->bytes + c->pos, c->len - c->pos);
  c->len -= c->pos;
  c->pos = 0;
  len = MIN (SPILL_READ - c->len, c->end - c->offset);
  while (len > 0)
    {
      ssize_t got = pread (m->fd, c->bytes + c->len, len, c->offset);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          if (got == 0)
            errno = EIO;
          return spill_error (error, FALSE);
        }
      c->len += got;
      len -= got;
      c->offset += got;
    }
  return TRUE;
}

/* Reads the next window of spilled run @run into its spare array, which becomes the run's: the
 * prices taken last from the run stay where they were, in the array that becomes the spare. */
static gboolean
read_window (SkyRunMerge  *m,
             guint         run,
             GError      **error)
{
  GArray *window = g_ptr_array_index (m->spares, run);
  SkySpillCursor *c = &m->cursors[run];
  guint n = MIN (m->left[run], m->window);

  g_array_set_size (window, n);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *p;
      SkyPendingPrice *out = &g_array_index (window, SkyPendingPrice, i);

      if (c->len - c->pos < MAX_ENCODED && c->offset < c->end && !read_bytes (m, run, error))
        return FALSE;
      p = c->bytes + c->pos;
      if (!decode_price (&p, c->bytes + c->len, &c->last, out))
        {
          errno = EIO;
          return spill_error (error, FALSE);
        }
      c->pos = p - c->bytes;
      c->last = *out;
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
  *spill = (SkyRunSpill) {
    .fd = -1,
    .counts = g_array_new (FALSE, FALSE, sizeof (guint64)),
    .sizes = g_array_new (FALSE, FALSE, sizeof (guint64)),
  };
}

void
_sky_run_spill_clear (SkyRunSpill *spill)
{
  if (spill->fd >= 0)
    close (spill->fd);
  spill->fd = -1;
  spill->size = 0;
  g_clear_pointer (&spill->counts, g_array_unref);
  g_clear_pointer (&spill->sizes, g_array_unref);
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
  g_autofree guint8 *chunk = NULL;
  const SkyPendingPrice *out[64];
  SkyPendingPrice last = { 0 };
  guint64 count = 0, start = spill->size;
  gsize len = 0;
  guint n;

  if (spill->fd < 0)
    {
      g_autofree char *name = NULL;

      spill->fd = g_file_open_tmp ("skytally-prices-XXXXXX", &name, error);
      if (spill->fd < 0)
        return FALSE;
      g_unlink (name);
    }
  chunk = g_new (guint8, SPILL_CHUNK);
  do
    {
      n = _sky_run_merge_take (m, out, G_N_ELEMENTS (out));
      for (guint i = 0; i < n; i++)
        {
          len = encode_price (chunk + len, out[i], &last) - chunk;
          last = *out[i];
        }
      count += n;
      if ((len > SPILL_CHUNK - G_N_ELEMENTS (out) * MAX_ENCODED || n == 0) && len > 0)
        {
          if (!write_chunk (spill, chunk, len, error))
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
    {
      guint64 size = spill->size - start;

      g_array_append_val (spill->counts, count);
      g_array_append_val (spill->sizes, size);
    }
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
  m->cursors = g_new0 (SkySpillCursor, n);
  m->left = g_new0 (guint64, n);
  for (guint i = 0; i < n; i++)
    {
      m->cursors[i].bytes = g_new (guint8, SPILL_READ);
      m->cursors[i].offset = offset;
      offset += g_array_index (spill->sizes, guint64, i);
      m->cursors[i].end = offset;
      m->left[i] = g_array_index (spill->counts, guint64, i);
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

