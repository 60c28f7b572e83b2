/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"
#include "sky-catalog-import-private.h"
#include "sky-run-merge-private.h"

/* The reading side of an import (see sky-catalog-import-private.h): a thread of its own reads
 * and checks the sheet, and hands what it read to the writer in batches. */

#define BATCH_SIZE 512
#define PIPE_CAPACITY 8

/* Prices wait here and go into the price table sorted by its key: inserted in the order the
 * sheet lists them, they would land all over the table's B-tree, and a large import would spend
 * most of its time moving pages in and out of the cache. A batch takes about 15 MB.
 *
 * The reading thread sorts runs of prices as they come; the writing thread merges a batch's runs
 * and, when the sheet has more than one batch, spills it to a temporary file as one sorted run
 * (see sky-run-merge.c). Once the sheet is read, the writer inserts the prices, the only batch or
 * every spilled one merged, in one pass. The queue between the threads holds only a few thousand
 * offers, and a longer stop of either thread leaves the other idle. */
#define PENDING_PRICES 262144
#define PRICE_RUN 16384

/* A word and its number (see queue_word()): the text is the words table's own. */
typedef struct
{
  const char *text;
  gint32      number;
} WordMemo;

struct _SkyImportPipe
{
  GMutex          lock;
  GCond           cond;
  GQueue          ready;            /* batches (GArray of SkyImportItem) for the writer */
  GQueue          done;             /* batches written, to be freed by the reader */
  gboolean        aborted;
  gboolean        reader_waiting;
  gboolean        writer_waiting;

  SkyImportBatch *filling;          /* the reader's batch in the making */
  gint64          next_offer_id;
  gint32          services;         /* how many the sheet has listed so far */
  GArray         *pending;          /* SkyPendingPrice */
  SkyRunSorter    sorter;
  guint           batch_prices;     /* in the runs sent since the last batch end */
  guint           batch_limit;      /* PENDING_PRICES, or less for tests */
  guint           run_limit;        /* PRICE_RUN, or less for tests */
  GHashTable     *words;            /* the texts numbered by queue_word(): number + 1 */
  WordMemo        memos[6];         /* the last word of each of an offer's fields */
  const char     *path;
  int             fd;             /* the sheet, opened before the catalog's lock was taken */
  GCancellable   *cancellable;
  SkyProgressFunc progress;
  gpointer        progress_data;
  char           *sha256;
  GError         *error;
  GThread        *reader;
};

static void
item_clear (SkyImportItem *item)
{
  switch (item->kind)
    {
    case SKY_IMPORT_ITEM_HEADER:
      g_strfreev (((SkyImportHeader *) item->data)->strings);
      g_free (item->data);
      break;
    case SKY_IMPORT_ITEM_REGION:
    case SKY_IMPORT_ITEM_SERVICE:
    case SKY_IMPORT_ITEM_USAGE_DISCOUNT:
      g_strfreev (item->data);
      break;
    case SKY_IMPORT_ITEM_WORD:
      g_free (item->data);
      break;
    case SKY_IMPORT_ITEM_PRICE_RUN:
      g_clear_pointer ((GArray **) &item->data, g_array_unref);
      break;
    case SKY_IMPORT_ITEM_OFFER:
    case SKY_IMPORT_ITEM_PRICE_BATCH_END:
    case SKY_IMPORT_ITEM_END:
    default:
      break;
    }
}

static SkyImportBatch *
batch_new (void)
{
  SkyImportBatch *batch = g_new0 (SkyImportBatch, 1);

  batch->items = g_array_sized_new (FALSE, FALSE, sizeof (SkyImportItem), BATCH_SIZE);
  g_array_set_clear_func (batch->items, (GDestroyNotify) item_clear);
  batch->offers = g_array_sized_new (FALSE, FALSE, sizeof (SkyQueuedOffer), BATCH_SIZE);
  batch->text = g_string_sized_new (BATCH_SIZE * 256);
  return batch;
}

static void
batch_free (SkyImportBatch *batch)
{
  g_array_unref (batch->items);
  g_array_unref (batch->offers);
  g_string_free (batch->text, TRUE);
  g_free (batch);
}

/* Hands the reader's batch to the writer and frees what it has written; FALSE once the writer
 * has stopped (the end marker still goes through: the writer waits for it). */
static gboolean
pipe_flush (SkyImportPipe *pipe)
{
  SkyImportBatch *batch = g_steal_pointer (&pipe->filling);
  gboolean end = g_array_index (batch->items, SkyImportItem, batch->items->len - 1).kind ==
                 SKY_IMPORT_ITEM_END;
  gboolean accepted = TRUE;
  GList *written;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&pipe->lock);

    while (pipe->ready.length >= PIPE_CAPACITY && !pipe->aborted)
      {
        pipe->reader_waiting = TRUE;
        g_cond_wait (&pipe->cond, &pipe->lock);
      }
    pipe->reader_waiting = FALSE;
    if (pipe->aborted && !end)
      accepted = FALSE;
    else
      {
        g_queue_push_tail (&pipe->ready, batch);
        if (pipe->writer_waiting)
          g_cond_signal (&pipe->cond);
      }
    written = pipe->done.head;
    g_queue_init (&pipe->done);
  }

  /* A written batch is emptied and filled again: a new one each time would be a large
   * allocation after many small frees, which makes malloc sort them all. */
  for (GList *l = written; l != NULL; l = l->next)
    {
      SkyImportBatch *done = l->data;

      if (pipe->filling == NULL)
        {
          g_array_set_size (done->items, 0);
          g_array_set_size (done->offers, 0);
          g_string_truncate (done->text, 0);
          pipe->filling = done;
        }
      else
        batch_free (done);
    }
  g_list_free (written);
  if (!accepted)
    batch_free (batch);
  if (pipe->filling == NULL)
    pipe->filling = batch_new ();
  return accepted;
}

static gboolean
pipe_push (SkyImportPipe    *pipe,
           SkyImportItemKind kind,
           gpointer          data,
           GError          **error)
{
  SkyImportItem item = { kind, data };

  g_array_append_val (pipe->filling->items, item);
  if (pipe->filling->items->len >= BATCH_SIZE && !pipe_flush (pipe))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import stopped"));
      return FALSE;
    }
  return TRUE;
}

/* Returns the batch written before (if any) and takes the next one. A waiting reader is woken
 * once the queue is half empty. */
SkyImportBatch *
_sky_import_pipe_next (SkyImportPipe  *pipe,
                       SkyImportBatch *written)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&pipe->lock);
  SkyImportBatch *batch;

  if (written != NULL)
    g_queue_push_tail (&pipe->done, written);
  while (pipe->ready.length == 0)
    {
      pipe->writer_waiting = TRUE;
      g_cond_wait (&pipe->cond, &pipe->lock);
    }
  pipe->writer_waiting = FALSE;
  batch = g_queue_pop_head (&pipe->ready);
  if (pipe->reader_waiting && pipe->ready.length <= PIPE_CAPACITY / 2)
    g_cond_signal (&pipe->cond);
  return batch;
}

/* Stops the reader: it reads no further, and hands the writer only its end marker. */
void
_sky_import_pipe_abort (SkyImportPipe *pipe)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&pipe->lock);

  pipe->aborted = TRUE;
  g_cond_broadcast (&pipe->cond);
}

static gboolean
queue_header (const SkySheetHeader  *header,
              gpointer               user_data,
              GError               **error)
{
  SkyImportHeader *copy = g_new0 (SkyImportHeader, 1);
  /* source_url may be NULL: it goes last, where a NULL ends the vector. */
  const char *fields[] = { header->provider_id, header->provider_name, header->version,
                           header->effective_date, header->currency, header->source,
                           header->retrieved, header->provider_short_name,
                           header->source_url, NULL };

  copy->strings = g_strdupv ((char **) fields);
  copy->header = (SkySheetHeader) {
    .provider_id = copy->strings[0],
    .provider_name = copy->strings[1],
    .version = copy->strings[2],
    .effective_date = copy->strings[3],
    .currency = copy->strings[4],
    .source = copy->strings[5],
    .retrieved = copy->strings[6],
    .provider_short_name = copy->strings[7],
    .source_url = copy->strings[8],
  };
  return pipe_push (user_data, SKY_IMPORT_ITEM_HEADER, copy, error);
}

static gboolean
queue_region (const SkySheetRegion  *region,
              gpointer               user_data,
              GError               **error)
{
  const char *fields[] = { region->code, region->name, region->geography, NULL };

  return pipe_push (user_data, SKY_IMPORT_ITEM_REGION, g_strdupv ((char **) fields), error);
}

static gboolean
queue_service (const SkySheetService  *service,
               gpointer                user_data,
               GError                **error)
{
  /* sla may be NULL: it goes last. */
  const char *fields[] = { service->id, service->name, service->category, service->sla, NULL };
  SkyImportPipe *pipe = user_data;

  pipe->services++;

  return pipe_push (user_data, SKY_IMPORT_ITEM_SERVICE, g_strdupv ((char **) fields), error);
}

static gboolean
queue_usage_discount (const SkySheetUsageDiscount  *discount,
                      gpointer                      user_data,
                      GError                      **error)
{
  char **fields = g_new0 (char *, 3);

  fields[0] = g_strdup (discount->id);
  fields[1] = sky_sheet_bands_to_string (discount->bands);
  return pipe_push (user_data, SKY_IMPORT_ITEM_USAGE_DISCOUNT, fields, error);
}

/* The number of @text among the sheet's words, which the writer turns into the catalog's id
 * of the text (see import_word()): the first word the sheet uses is 0, the next new one 1, … */
static gboolean
queue_word (SkyImportPipe *pipe,
            WordMemo      *memo,
            const char    *text,
            gint32        *number,
            GError       **error)
{
  gpointer key, value;

  if (text == NULL)
    {
      *number = -1;
      return TRUE;
    }
  /* Offers in a row often share a field's value: the last one is compared first. */
  if (memo->text != NULL && strcmp (memo->text, text) == 0)
    {
      *number = memo->number;
      return TRUE;
    }
  if (g_hash_table_lookup_extended (pipe->words, text, &key, &value))
    {
      *memo = (WordMemo) { key, GPOINTER_TO_UINT (value) - 1 };
      *number = memo->number;
      return TRUE;
    }
  key = g_strdup (text);
  *number = g_hash_table_size (pipe->words);
  g_hash_table_insert (pipe->words, key, GUINT_TO_POINTER (*number + 1));
  *memo = (WordMemo) { key, *number };
  return pipe_push (pipe, SKY_IMPORT_ITEM_WORD, g_strdup (text), error);
}

/* Sorts the prices collected since the last run and hands them to the writer; at the end of a
 * batch, or when @last, says that the batch is complete. */
static gboolean
queue_prices (SkyImportPipe *pipe,
              gboolean       last,
              GError       **error)
{
  pipe->batch_prices += pipe->pending->len;
  if (pipe->pending->len > 0)
    {
      GArray *run = _sky_run_sort (&pipe->sorter, pipe->pending);

      g_array_set_size (pipe->pending, 0);
      if (!pipe_push (pipe, SKY_IMPORT_ITEM_PRICE_RUN, run, error))
        return FALSE;
    }
  if (last || pipe->batch_prices >= pipe->batch_limit)
    {
      pipe->batch_prices = 0;
      return pipe_push (pipe, SKY_IMPORT_ITEM_PRICE_BATCH_END, last ? pipe : NULL, error);
    }
  return TRUE;
}

/* A text that starts at the end of the batch's; batch_end_text() ends it. */
static SkyImportText
batch_start_text (const SkyImportBatch *batch)
{
  return (SkyImportText) { batch->text->len, -1 };
}

/* Where @field of @offer is in a batch whose text has @offer's strings from @strings on. */
static SkyImportText
offer_text (const SkySheetOffer *offer,
            guint32              strings,
            const char          *field)
{
  SkyImportText t = { strings, -1 };

  if (field != NULL)
    {
      g_assert (field >= offer->strings && field < offer->strings + offer->strings_len);
      t.start = strings + (field - offer->strings);
      t.len = strlen (field);
    }
  return t;
}

/* Ends a text that was written into the batch from @t.start on. */
static SkyImportText
batch_end_text (SkyImportBatch *batch,
                SkyImportText   t)
{
  t.len = batch->text->len - t.start;
  g_string_append_c (batch->text, '\0');
  return t;
}

static gboolean
queue_offer (const SkySheetOffer  *offer,
             gpointer              user_data,
             GError              **error)
{
  SkyImportPipe *pipe = user_data;
  gint32 family, region, storage_type, os, sla, software;
  SkyImportBatch *batch;
  guint index;
  SkyQueuedOffer *queued;
  guint32 strings;
  guint8 geography, category;

  /* Words first: a new one goes into the batch as an item of its own, which may hand the batch
   * to the writer. */
  if (!queue_word (pipe, &pipe->memos[0], offer->family, &family, error) ||
      !queue_word (pipe, &pipe->memos[1], offer->region, &region, error) ||
      !queue_word (pipe, &pipe->memos[2], offer->storage_type, &storage_type, error) ||
      !queue_word (pipe, &pipe->memos[3], offer->os, &os, error) ||
      !queue_word (pipe, &pipe->memos[4], offer->sla, &sla, error) ||
      !queue_word (pipe, &pipe->memos[5], offer->software, &software, error))
    return FALSE;

  batch = pipe->filling;
  index = batch->offers->len;
  g_array_set_size (batch->offers, index + 1);
  queued = &g_array_index (batch->offers, SkyQueuedOffer, index);
  queued->id = pipe->next_offer_id++;
  queued->vcpu_milli = offer->vcpu_milli;
  queued->memory_mgib = offer->memory_mgib;
  queued->gpu = offer->gpu;
  queued->line = offer->line;
  queued->nth = offer->nth;
  queued->n_prices = offer->prices->len;
  /* The offer's text fields, which are all in its block of strings, copied at once. */
  strings = batch->text->len;
  g_string_append_len (batch->text, offer->strings, offer->strings_len);
  queued->sku = offer_text (offer, strings, offer->sku);
  queued->name = offer_text (offer, strings, offer->name);
  queued->family = family;
  queued->region = region;
  queued->storage_type = storage_type;
  queued->os = os;
  queued->sla = sla;
  queued->software = software;
  /* The sheet reader lets only the vocabulary's names through. */
  queued->architecture = offer->architecture != NULL
                         ? sky_vocabulary_code (SKY_VOCABULARY_ARCHITECTURE, offer->architecture)
                         : -1;
  queued->tenancy = sky_vocabulary_code (SKY_VOCABULARY_TENANCY, offer->tenancy);
  queued->licence = sky_vocabulary_code (SKY_VOCABULARY_LICENCE, offer->licence);
  queued->capacity = sky_vocabulary_code (SKY_VOCABULARY_CAPACITY, offer->capacity);

  queued->features = batch_start_text (batch);
  if (offer->features->len > 0)
    {
      for (guint i = 0; i + 1 < offer->features->len; i += 2)
        {
          if (i > 0)
            g_string_append_c (batch->text, '\n');
          g_string_append (batch->text, g_ptr_array_index (offer->features, i));
          g_string_append_c (batch->text, '=');
          g_string_append (batch->text, g_ptr_array_index (offer->features, i + 1));
        }
      queued->features = batch_end_text (batch, queued->features);
    }

  /* The offer's prices, as the offer table keeps them and as rows of the price table. The sheet
   * reader lets only known names through. */
  geography = sky_vocabulary_code (SKY_VOCABULARY_GEOGRAPHY, offer->geography);
  category = sky_vocabulary_code (SKY_VOCABULARY_CATEGORY, offer->category);
  queued->prices = batch_start_text (batch);
  queued->units = 0;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);
      int term = sky_vocabulary_code (SKY_VOCABULARY_PURCHASE_OPTION, price->term);
      int unit = sky_vocabulary_code (SKY_VOCABULARY_UNIT, price->unit);
      SkyPendingPrice pending = {
        .term = term,
        .unit = unit,
        .geography = geography,
        .category = category,
        .seq = i,
        .amount = price->amount,
        .offer_id = queued->id,
        .region = region,
        .os = os,
        .vcpu_milli = offer->vcpu_milli,
        .memory_mgib = offer->memory_mgib,
        .software = software,
        .tenancy = queued->tenancy,
        .licence = queued->licence,
        .capacity = queued->capacity,
        .architecture = queued->architecture,
        .service = pipe->services - 1,
      };

      queued->units |= SKY_UNIT_BIT (unit);
      _sky_catalog_append_price (batch->text, i == 0, term, unit, price->amount,
                                 price->has_upfront_fee, price->upfront_fee,
                                 price->free_quantity);
      if (price->tiers->len == 0)
        _sky_catalog_append_no_tiers (batch->text);
      for (guint t = 0; t < price->tiers->len; t++)
        {
          const SkySheetTier *tier = &g_array_index (price->tiers, SkySheetTier, t);

          _sky_catalog_append_tier (batch->text, t == 0, tier->from, tier->to, tier->amount);
        }
      _sky_catalog_append_price_rules (batch->text, price->has_monthly_cap, price->monthly_cap,
                                       price->usage_discount);
      _sky_catalog_append_price_date (batch->text, price->effective_date);
      g_array_append_val (pipe->pending, pending);
    }
  queued->prices = batch_end_text (batch, queued->prices);

  if (!pipe_push (pipe, SKY_IMPORT_ITEM_OFFER, GUINT_TO_POINTER (index), error))
    return FALSE;
  if (pipe->pending->len >= pipe->run_limit)
    return queue_prices (pipe, FALSE, error);
  return TRUE;
}

static const SkySheetSink queue_sink = {
  .header = queue_header,
  .region = queue_region,
  .service = queue_service,
  .offer = queue_offer,
  .usage_discount = queue_usage_discount,
};

static gpointer
read_sheet_thread (gpointer data)
{
  SkyImportPipe *pipe = data;
  SkyImportItem end = { SKY_IMPORT_ITEM_END, NULL };

  if (sky_sheet_read_fd (pipe->fd, pipe->path, &queue_sink, pipe, &pipe->sha256,
                         pipe->cancellable, pipe->progress, pipe->progress_data, &pipe->error) &&
      !queue_prices (pipe, TRUE, &pipe->error))
    g_clear_pointer (&pipe->sha256, g_free);
  g_array_append_val (pipe->filling->items, end);
  pipe_flush (pipe);
  return NULL;
}

/* The prices of a batch for the imports that follow; 0 for the default. For tests, which make
 * it small enough that a small sheet has several. */
static guint batch_prices_limit;

void
_sky_catalog_set_import_batch_prices (guint prices)
{
  batch_prices_limit = prices;
}

/* Starts reading the sheet open as @fd in a thread of its own; its offers are numbered from
 * @first_offer_id on. @progress, if given, is called in that thread. */
SkyImportPipe *
_sky_import_pipe_start (const char       *path,
                        int               fd,
                        gint64            first_offer_id,
                        GCancellable     *cancellable,
                        SkyProgressFunc   progress,
                        gpointer          progress_data)
{
  SkyImportPipe *pipe = g_new0 (SkyImportPipe, 1);

  g_mutex_init (&pipe->lock);
  g_cond_init (&pipe->cond);
  g_queue_init (&pipe->ready);
  g_queue_init (&pipe->done);
  pipe->filling = batch_new ();
  pipe->path = path;
  pipe->fd = fd;
  pipe->cancellable = cancellable;
  pipe->progress = progress;
  pipe->progress_data = progress_data;
  pipe->next_offer_id = first_offer_id;
  pipe->batch_limit = batch_prices_limit > 0 ? batch_prices_limit : PENDING_PRICES;
  pipe->run_limit = MIN (pipe->batch_limit, PRICE_RUN);
  _sky_run_sorter_init (&pipe->sorter, PRICE_RUN + PRICE_RUN / 8);
  pipe->pending = g_array_sized_new (FALSE, FALSE, sizeof (SkyPendingPrice), PRICE_RUN);
  pipe->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  pipe->reader = g_thread_new ("sky-sheet-reader", read_sheet_thread, pipe);
  return pipe;
}

/* Waits for the reader to end, once the writer has taken the end marker, and frees the pipe
 * with @last, the batch the writer took last. Returns the sheet's checksum, or NULL with the
 * reader's error. */
char *
_sky_import_pipe_finish (SkyImportPipe  *pipe,
                         SkyImportBatch *last,
                         GError        **error)
{
  char *sha256 = NULL;

  g_thread_join (pipe->reader);
  batch_free (last);

  if (pipe->error != NULL)
    g_propagate_error (error, pipe->error);
  else
    sha256 = g_steal_pointer (&pipe->sha256);

  g_free (pipe->sha256);
  g_array_unref (pipe->pending);
  _sky_run_sorter_clear (&pipe->sorter);
  if (pipe->filling != NULL)
    batch_free (pipe->filling);
  g_queue_clear_full (&pipe->ready, (GDestroyNotify) batch_free);
  g_queue_clear_full (&pipe->done, (GDestroyNotify) batch_free);
  g_hash_table_unref (pipe->words);
  g_cond_clear (&pipe->cond);
  g_mutex_clear (&pipe->lock);
  g_free (pipe);
  return sha256;
}
