/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

/* The import runs in two threads: one reads and checks the sheet, the calling one writes what
 * it has read to the catalog, in order. Items travel in batches, so that the threads meet once
 * per batch rather than once per offer, and every batch goes back to the reading thread to be
 * filled again or freed there. (The runs of prices, which the writer keeps until their batch of
 * prices is written, are freed by the writer.)
 *
 * sky-catalog-import-reader.c is the reading side: it turns what the sheet reader finds into
 * items, the offers' text as the catalog stores it and sorted runs of their prices. */

/* Text copied into a batch: where it starts in the batch's text, NUL-terminated there, and its
 * length; -1 for none. */
typedef struct
{
  guint32 start;
  gint32  len;
} SkyImportText;

/* An offer as the writing thread gets it: the reading thread has numbered it, copied its text
 * into the batch's and written its features and prices as the offer table stores them. */
typedef struct
{
  gint64         id;
  gint64         vcpu_milli;
  gint64         memory_mgib;
  gint64         gpu;
  long           line;
  int            nth;
  guint          n_prices;
  guint64        units;  /* its prices' units (SKY_UNIT_BIT()) */
  SkyImportText  sku, name, features, prices;
  gint32         family, region, storage_type, os, sla;  /* the sheet's words by number, or -1 */
  gint32         software;
  gint8          architecture;  /* the vocabulary's codes; architecture -1 when not stated */
  guint8         tenancy, licence, capacity;
} SkyQueuedOffer;

/* What travels between the threads: items, and the offers they name, whose text is all in one
 * string. A written batch goes back to the reader to be emptied and filled again. */
typedef struct
{
  GArray  *items;       /* SkyImportItem */
  GArray  *offers;      /* SkyQueuedOffer */
  GString *text;
} SkyImportBatch;

/* What an item is: its data is the header (a SkyImportHeader), a region's or a service's fields
 * (a GStrv), a word (text), an offer's index in the batch's offers, or a run of prices. */
typedef enum
{
  SKY_IMPORT_ITEM_HEADER,
  SKY_IMPORT_ITEM_REGION,
  SKY_IMPORT_ITEM_SERVICE,
  SKY_IMPORT_ITEM_WORD,            /* a text the catalog keeps as a number: the sheet's next
                                    * word */
  SKY_IMPORT_ITEM_OFFER,
  SKY_IMPORT_ITEM_PRICE_RUN,       /* a sorted GArray of SkyPendingPrice */
  SKY_IMPORT_ITEM_PRICE_BATCH_END, /* the runs since the last one make a batch; its data is
                                    * not NULL for the sheet's last batch */
  SKY_IMPORT_ITEM_END,
  SKY_IMPORT_ITEM_USAGE_DISCOUNT,  /* its id and its bands as text (a GStrv) */
} SkyImportItemKind;

typedef struct
{
  SkyImportItemKind kind;
  gpointer          data;  /* for an offer, its index in the batch's offers */
} SkyImportItem;

/* The sheet's header, copied with its strings. */
typedef struct
{
  SkySheetHeader header;
  GStrv          strings;
} SkyImportHeader;

/* The reading thread and the queue between it and the writer: the writer takes each batch in
 * turn with _sky_import_pipe_next() until the end marker, stops the reader on an error with
 * _sky_import_pipe_abort(), and ends with _sky_import_pipe_finish(). */
typedef struct _SkyImportPipe SkyImportPipe;

SkyImportPipe  *_sky_import_pipe_start  (const char       *path,
                                         int               fd,
                                         gint64            first_offer_id,
                                         GCancellable     *cancellable,
                                         SkyProgressFunc   progress,
                                         gpointer          progress_data);
SkyImportBatch *_sky_import_pipe_next   (SkyImportPipe    *pipe,
                                         SkyImportBatch   *written);
void            _sky_import_pipe_abort  (SkyImportPipe    *pipe);
char           *_sky_import_pipe_finish (SkyImportPipe    *pipe,
                                         SkyImportBatch   *last,
                                         GError          **error);

/* What an import counts of its offers as it writes them (sky-catalog-import-tally.c): the rows
 * of the table of names and of the record of which values the offers hold together, written
 * with the text index, in the import's transaction. */
typedef struct _SkyImportTally SkyImportTally;

SkyImportTally *_sky_import_tally_new   (void);
void            _sky_import_tally_free  (SkyImportTally   *tally);
void            _sky_import_tally_add   (SkyImportTally   *tally,
                                         gint64            service_id,
                                         gint64            os,
                                         gint64            vcpu,
                                         gint64            memory,
                                         gint64            arch,
                                         guint64           units,
                                         const char       *name,
                                         gsize             len);
void            _sky_import_tally_add_meet (SkyImportTally *tally,
                                            gint64          service_id,
                                            gint64          os,
                                            gint64          vcpu,
                                            gint64          memory,
                                            const char     *name,
                                            gsize           len);
gboolean        _sky_import_tally_write (SkyImportTally   *tally,
                                         sqlite3          *db,
                                         const char       *what,
                                         GError          **error);
gboolean        _sky_import_tally_write_meets (SkyImportTally  *tally,
                                               sqlite3         *db,
                                               const char      *what,
                                               GError         **error);
gboolean        _sky_import_tally_write_units (SkyImportTally  *tally,
                                               sqlite3         *db,
                                               const char      *what,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyImportTally, _sky_import_tally_free)

/* The bound of the imports' SKU set (see sky-sku-set-private.h), in slots; 0 for the default. */
void            _sky_catalog_set_import_sku_slots (gsize max_slots);
/* The prices of an import's batch (see sky-catalog-import-reader.c); 0 for the default. */
void            _sky_catalog_set_import_batch_prices (guint prices);

G_END_DECLS
