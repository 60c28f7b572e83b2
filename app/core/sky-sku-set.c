/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sky-sku-set-private.h"

/* The set of an import's SKUs (see sky-sku-set-private.h), the keyed hash it keeps of each,
 * and the spills that keep it within its bound. */

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

/* Hashes read from the spill file at a time, per spill, when they are merged. */
#define READ_SLOTS 1024

void
_sky_sku_set_init_bounded (SkySkuSet *set,
                           gsize      max_slots)
{
  g_assert (max_slots >= 2 * SKY_SKU_SET_MAX_ADD && (max_slots & (max_slots - 1)) == 0);
  for (int i = 0; i < 2; i++)
    set->key[i] = (guint64) g_random_int () << 32 | g_random_int ();
  set->max_slots = max_slots;
  set->mask = MIN (1024, max_slots) - 1;
  set->slots = g_new0 (SkySkuSlot, set->mask + 1);
  set->count = 0;
  set->spill_fd = -1;
  set->spills = g_array_new (FALSE, FALSE, sizeof (gsize));
}

void
_sky_sku_set_init (SkySkuSet *set)
{
  _sky_sku_set_init_bounded (set, SKY_SKU_SET_MAX_SLOTS);
}

void
_sky_sku_set_clear (SkySkuSet *set)
{
  g_clear_pointer (&set->slots, g_free);
  g_clear_pointer (&set->spills, g_array_unref);
  if (set->spill_fd >= 0)
    close (set->spill_fd);
  set->spill_fd = -1;
}

guint64
_sky_sku_set_hash (const SkySkuSet *set,
                   const char      *sku)
{
  guint64 hash = sku_hash (set->key, sku);

  return hash != 0 ? hash : 1;
}

/* Where an offer is, as a number that orders offers as the sheet lists them: its line (up to
 * 2^40) and how many offers ended on that line before it (up to 2^24). */
guint64
_sky_sku_set_place (long line,
                    int  nth)
{
  return (guint64) CLAMP (line, 0, (G_GINT64_CONSTANT (1) << 40) - 1) << 24 |
         (guint64) CLAMP (nth, 0, (1 << 24) - 1);
}

static inline gboolean
insert (SkySkuSet *set,
        guint64    hash,
        guint64    place)
{
  gsize i = hash & set->mask;

  while (set->slots[i].hash != 0)
    {
      if (set->slots[i].hash == hash)
        return FALSE;
      i = (i + 1) & set->mask;
    }
  set->slots[i] = (SkySkuSlot) { hash, place };
  set->count++;
  return TRUE;
}

gboolean
_sky_sku_set_insert (SkySkuSet *set,
                     guint64    hash)
{
  return insert (set, hash, 0);
}

static gboolean
io_error (GError     **error,
          gboolean     writing)
{
  int saved = errno;

  if (writing)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot write the temporary file of the sheet's SKUs: %s"),
                 g_strerror (saved));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot read the temporary file of the sheet's SKUs: %s"),
                 g_strerror (saved));
  return FALSE;
}

static gboolean
write_at (int            fd,
          const void    *data,
          gsize          len,
          goffset        offset,
          GError       **error)
{
  const char *p = data;

  while (len > 0)
    {
      ssize_t n = pwrite (fd, p, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return io_error (error, TRUE);
        }
      p += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

static gboolean
read_at (int       fd,
         void     *data,
         gsize     len,
         goffset   offset,
         GError  **error)
{
  char *p = data;

  while (len > 0)
    {
      ssize_t n = pread (fd, p, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return io_error (error, FALSE);
        }
      p += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

/* Sorts @n slots by hash: a radix sort, a byte at a time from the lowest, through @tmp (room
 * for @n more). */
static void
sort_slots (SkySkuSlot *slots,
            SkySkuSlot *tmp,
            gsize       n)
{
  SkySkuSlot *src = slots, *dst = tmp, *swap;

  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize start[256] = { 0 };
      gsize sum = 0;

      for (gsize i = 0; i < n; i++)
        start[(src[i].hash >> shift) & 0xff]++;
      for (guint b = 0; b < 256; b++)
        {
          gsize c = start[b];
          start[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        dst[start[(src[i].hash >> shift) & 0xff]++] = src[i];
      swap = src;
      src = dst;
      dst = swap;
    }
  /* Eight passes: the sorted slots are back in @slots. */
  g_assert (src == slots);
}

/* Writes the table's hashes, sorted, at the end of the spill file, and empties the table. The
 * table is at most half full: its other half is room enough to sort in. */
static gboolean
spill (SkySkuSet  *set,
       GError    **error)
{
  gsize size = set->mask + 1, n = 0, written = 0;

  if (set->spill_fd < 0)
    {
      g_autofree char *name = NULL;

      set->spill_fd = g_file_open_tmp ("skytally-skus-XXXXXX", &name, error);
      if (set->spill_fd < 0)
        return FALSE;
      /* Nothing else needs its name, and a crash leaves nothing behind. */
      g_unlink (name);
    }
  for (gsize i = 0; i < size; i++)
    if (set->slots[i].hash != 0)
      set->slots[n++] = set->slots[i];
  g_assert (n == set->count && 2 * n <= size);
  sort_slots (set->slots, set->slots + n, n);

  for (guint i = 0; i < set->spills->len; i++)
    written += g_array_index (set->spills, gsize, i);
  if (!write_at (set->spill_fd, set->slots, n * sizeof (SkySkuSlot),
                 (goffset) written * sizeof (SkySkuSlot), error))
    return FALSE;
  g_array_append_val (set->spills, n);
  memset (set->slots, 0, size * sizeof (SkySkuSlot));
  set->count = 0;
  return TRUE;
}

/* Makes room for @n more hashes, so that the set stays at most half full: the table doubles up
 * to its bound, and is spilled there. */
static gboolean
reserve (SkySkuSet  *set,
         gsize       n,
         GError    **error)
{
  while (set->count + n > (set->mask + 1) / 2)
    {
      SkySkuSlot *old = set->slots;
      gsize size = set->mask + 1;

      if (size * 2 > set->max_slots)
        return spill (set, error);
      set->mask = size * 2 - 1;
      set->slots = g_new0 (SkySkuSlot, size * 2);
      set->count = 0;
      for (gsize i = 0; i < size; i++)
        if (old[i].hash != 0)
          insert (set, old[i].hash, old[i].place);
      g_free (old);
    }
  return TRUE;
}

/* Adds the SKUs @skus[0 … @n - 1], found in the sheet at @places (see _sky_sku_set_place(); NULL
 * for nowhere in particular); @seen[i] says whether the hash of @skus[i] was in the table already.
 * One spilled before is not seen here: _sky_sku_set_repeats() finds it. The slots are asked for
 * all at once, before they are looked at: each is a read from anywhere in a table of several
 * megabytes, and the processor fetches them together. FALSE with @error when the table could
 * not be spilled. */
gboolean
_sky_sku_set_add (SkySkuSet      *set,
                  const char    **skus,
                  const guint64  *places,
                  guint           n,
                  gboolean       *seen,
                  GError        **error)
{
  guint64 hashes[SKY_SKU_SET_MAX_ADD];

  g_assert (n <= G_N_ELEMENTS (hashes));
  if (!reserve (set, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      hashes[i] = _sky_sku_set_hash (set, skus[i]);
      __builtin_prefetch (&set->slots[hashes[i] & set->mask]);
    }
  for (guint i = 0; i < n; i++)
    seen[i] = !insert (set, hashes[i], places != NULL ? places[i] : 0);
  return TRUE;
}

/* How many times the table was spilled. */
guint
_sky_sku_set_spills (const SkySkuSet *set)
{
  return set->spills->len;
}

/* A spill being read back: its next hashes, in a buffer. */
typedef struct
{
  goffset     next;     /* in slots, in the file */
  goffset     end;
  SkySkuSlot *buf;
  guint       pos;
  guint       len;
} Cursor;

static inline gboolean
slot_less (const SkySkuSlot *a,
           const SkySkuSlot *b)
{
  return a->hash < b->hash || (a->hash == b->hash && a->place < b->place);
}

/* Makes the cursor's current slot readable; FALSE with @error on a read error. A cursor at the
 * end of its spill has len 0. */
static gboolean
cursor_fill (int      fd,
             Cursor  *c,
             GError **error)
{
  gsize n;

  if (c->pos < c->len)
    return TRUE;
  n = MIN (READ_SLOTS, c->end - c->next);
  c->pos = 0;
  c->len = n;
  if (n == 0)
    return TRUE;
  if (!read_at (fd, c->buf, n * sizeof (SkySkuSlot), c->next * sizeof (SkySkuSlot), error))
    return FALSE;
  c->next += n;
  return TRUE;
}

static void
heap_sift_down (Cursor *cursors,
                guint  *heap,
                guint   len,
                guint   i)
{
  for (;;)
    {
      guint smallest = i, l = 2 * i + 1, r = 2 * i + 2, tmp;

#define HEAD(k) (&cursors[heap[k]].buf[cursors[heap[k]].pos])
      if (l < len && slot_less (HEAD (l), HEAD (smallest)))
        smallest = l;
      if (r < len && slot_less (HEAD (r), HEAD (smallest)))
        smallest = r;
#undef HEAD
      if (smallest == i)
        return;
      tmp = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = tmp;
      i = smallest;
    }
}

/* Once the sheet is read: the hashes added more than once, which the table could not see as it
 * had spilled the first between. Returns the slots (SkySkuSlot) of every hash added more than
 * once, sorted by hash then place, for at most SKY_SKU_SET_MAX_REPEATS hashes; none when the
 * table never spilled. The set takes no more SKUs after this. */
GArray *
_sky_sku_set_repeats (SkySkuSet  *set,
                      GError    **error)
{
  g_autoptr(GArray) repeats = g_array_new (FALSE, FALSE, sizeof (SkySkuSlot));
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (SkySkuSlot));
  g_autofree Cursor *cursors = NULL;
  g_autofree guint *heap = NULL;
  g_autofree SkySkuSlot *buffers = NULL;
  guint k, heap_len = 0, distinct = 0;
  goffset offset = 0;

  if (set->spills->len == 0)
    return g_steal_pointer (&repeats);
  if (set->count > 0 && !spill (set, error))
    return NULL;
  /* The table is done with: its memory goes back before the spills' is taken. */
  g_clear_pointer (&set->slots, g_free);
  set->mask = 0;

  k = set->spills->len;
  cursors = g_new0 (Cursor, k);
  heap = g_new (guint, k);
  buffers = g_new (SkySkuSlot, (gsize) k * READ_SLOTS);
  for (guint i = 0; i < k; i++)
    {
      gsize n = g_array_index (set->spills, gsize, i);

      cursors[i] = (Cursor) { offset, offset + n, buffers + (gsize) i * READ_SLOTS, 0, 0 };
      offset += n;
      if (!cursor_fill (set->spill_fd, &cursors[i], error))
        return NULL;
      if (cursors[i].len > 0)
        heap[heap_len++] = i;
    }
  for (guint i = heap_len / 2; i-- > 0;)
    heap_sift_down (cursors, heap, heap_len, i);

  while (heap_len > 0 && distinct < SKY_SKU_SET_MAX_REPEATS)
    {
      Cursor *c = &cursors[heap[0]];
      SkySkuSlot slot = c->buf[c->pos++];

      if (group->len > 0 && g_array_index (group, SkySkuSlot, 0).hash != slot.hash)
        {
          if (group->len > 1)
            {
              g_array_append_vals (repeats, group->data, group->len);
              distinct++;
            }
          g_array_set_size (group, 0);
        }
      g_array_append_val (group, slot);

      if (!cursor_fill (set->spill_fd, c, error))
        return NULL;
      if (c->len == 0)
        heap[0] = heap[--heap_len];
      heap_sift_down (cursors, heap, heap_len, 0);
    }
  if (group->len > 1 && distinct < SKY_SKU_SET_MAX_REPEATS)
    g_array_append_vals (repeats, group->data, group->len);
  return g_steal_pointer (&repeats);
}
