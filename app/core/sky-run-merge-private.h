/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A price on its way into the price table: an import sorts them in runs as it reads them, and
 * writes a batch of runs merged, in the order of the table's key (see sky-run-merge.c). */
typedef struct
{
  guint8      term;         /* the vocabulary's codes, in the order of the price table's */
  guint8      geography;    /* key */
  guint8      category;
  guint8      unit;
  gint32      seq;
  gint64      amount;
  gint64      offer_id;
  gint32      region;       /* the sheet's words by number (see queue_word()); os -1 for */
  gint32      os;           /* none */
  gint32      vcpu_milli;   /* the reader keeps specs within G_MAXINT32; -1 when unknown */
  gint32      memory_mgib;
  gint32      service;      /* the sheet's services by number: the first it lists is 0 */
  gint32      software;     /* the sheet's word by number, -1 for none; with the three codes */
  guint8      tenancy;      /* after it, the price's variant (PRICE_VARIANT()) */
  guint8      licence;
  guint8      capacity;
  gint8       architecture; /* the vocabulary's code; -1 when the offer states none */
} SkyPendingPrice;

/* A pending price's place in the price table's key as two numbers, compared high first:
 * purchase option, geography, category and the amount's top 48 bits, then the amount's lower 12
 * bits and a position that orders prices equal in all that by offer id and sequence: within a
 * run, the price's index; among runs, the run's. */
typedef struct
{
  guint64 hi;
  guint64 lo;
} SkySortKey;

/* Sorts runs, reusing the room it takes for their keys from one run to the next. */
typedef struct
{
  SkySortKey *keys;         /* two arrays of size, for _sky_run_sort() */
  guint       size;
  guint       min_size;     /* the least it makes room for: about a run's size */
} SkyRunSorter;

/* Where the merge of a spilled run is in its bytes: what was read of the file and not decoded
 * yet, and the price decoded last, from which the next one is written as a difference (see
 * sky-run-merge.c). */
typedef struct
{
  guint8          *bytes;
  gsize            pos;     /* the next price's first byte */
  gsize            len;     /* the bytes read */
  guint64          offset;  /* where the run's next bytes start in the file */
  guint64          end;     /* where the run ends in the file */
  SkyPendingPrice  last;
} SkySpillCursor;

/* The sorted runs of a batch of prices, merged as they are inserted. Runs hold the prices of
 * consecutive offers, in the order they came: among prices of equal purchase option, geography,
 * category and amount, the one of the earlier run comes first. */
typedef struct
{
  GPtrArray  *runs;         /* GArray of SkyPendingPrice, each sorted */
  guint      *next;         /* per run: the first price not written yet */
  SkySortKey *heap;         /* the key of each run's next price, its position the run's index: */
  guint       heap_len;     /* a heap of the runs with prices left, smallest first */
  /* For runs spilled to a file (see _sky_run_merge_start_spilled()): the file, and per run the
   * rest of it there and a second window, which the run's first one is read into while the
   * prices taken last from it are still in use. NULL for runs in memory. */
  int             fd;
  guint           window;   /* prices read at a time */
  SkySpillCursor *cursors;  /* per run: its bytes in the file */
  guint64        *left;     /* how many of its prices are still in the file */
  GPtrArray  *spares;
  GError     *error;        /* a read that failed ended the merge */
} SkyRunMerge;

/* A file of spilled runs: each written whole by _sky_run_spill(), one after the other. */
typedef struct
{
  int     fd;               /* -1 until the first run is spilled */
  guint64 size;
  GArray *counts;           /* guint64: how many prices each run holds, in the file's order */
  GArray *sizes;            /* guint64: how many bytes each run takes, in the file's order */
} SkyRunSpill;

void      _sky_run_sorter_init  (SkyRunSorter           *sorter,
                                 guint                   min_size);
void      _sky_run_sorter_clear (SkyRunSorter           *sorter);
GArray   *_sky_run_sort         (SkyRunSorter           *sorter,
                                 GArray                 *run);

void      _sky_run_merge_start  (SkyRunMerge            *m,
                                 GPtrArray              *runs);
guint     _sky_run_merge_take   (SkyRunMerge            *m,
                                 const SkyPendingPrice **out,
                                 guint                   n);
gboolean  _sky_run_merge_is_done (SkyRunMerge          *m);
void      _sky_run_merge_clear  (SkyRunMerge            *m);

void      _sky_run_spill_init   (SkyRunSpill            *spill);
void      _sky_run_spill_clear  (SkyRunSpill            *spill);
gboolean  _sky_run_spill        (SkyRunSpill            *spill,
                                 SkyRunMerge            *m,
                                 GError                **error);
gboolean  _sky_run_merge_start_spilled (SkyRunMerge     *m,
                                        SkyRunSpill     *spill,
                                        guint            window,
                                        GError         **error);
gboolean  _sky_run_merge_failed (SkyRunMerge            *m,
                                 GError                **error);

G_END_DECLS
