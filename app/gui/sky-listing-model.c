/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-listing-model"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "sky-gui-util.h"
#include "sky-listing-item.h"
#include "sky-listing-model.h"
#include "sky-thread-task.h"

/* The result of a catalog search as a list, loaded a page at a time when a row is first asked
 * for. Counting and loading run in worker threads on a catalog connection of the model's own,
 * so that a catalog of a million offers opens and scrolls without the window waiting.
 *
 * A new search keeps the model's items: their contents change, and items-changed tells the
 * positions whose contents changed, the same items removed and added again, so that a list view
 * binds the row widgets it has again instead of destroying 200 rows and building as many. Only
 * a change of the count adds or removes items, at the end.
 *
 * GTK 4.8's list views keep about 200 rows built whatever the window shows, and binding and
 * laying out all of them at once holds the main loop for longer than a frame. So the rows are
 * told of a change a slice at a time, one slice a frame, the first rows first; an item's
 * contents themselves change at once. Emptied by a new search, a row is told only if its new
 * contents have not come within BLANK_DELAY_MS: a quick search changes each row once, from the
 * old result to the new, instead of twice.
 *
 * What a slice costs depends on the machine: the main thread's processor time from telling a
 * slice to the end of the frame that drew it is measured, and the next slice is as many rows
 * as that cost a row says fit FRAME_BUDGET_US, from MIN_SLICE to SLICE rows, growing by half
 * at most; it starts at FIRST_SLICE. Processor time, unlike the time on the clock, is not
 * stretched by other programs' load. A row built weighs more than a row told (ADDED_SLICE for
 * SLICE), and adding or removing a built row has GTK 4.8 measure every cell of every column
 * again, which a slice's cost includes. */
#define PAGE_SIZE 200
/* Pages kept loaded; past this, the ones far from the last asked for are dropped. */
#define MAX_PAGES 64
/* The most rows told of a change, or removed, in one frame; building a row costs more than
 * binding it again, so fewer are added: ADDED_SLICE for SLICE. */
#define SLICE 25
#define ADDED_SLICE 10
#define MIN_SLICE 4
#define FIRST_SLICE 12
#define FRAME_BUDGET_US 12000
/* Past this many rows from the top, a list view scrolled to the top has built no row: the
 * rows past it are added or removed at once. */
#define BUILT_ROWS 224
#define FRAME_MS 20
/* Without a frame drawn since the slice before (a hidden window draws none), the next slice is
 * told after this long. */
#define FRAMELESS_MS 100
#define BLANK_DELAY_MS 200

struct _SkyListingModel
{
  GObject         parent_instance;

  SkyCatalog     *catalog;
  SkySearchQuery  query;
  guint           generation;
  GCancellable   *cancellable; /* the current query's; cancelled when another replaces it */
  GCancellable   *counting_cancellable; /* its count's, also cancelled once a page tells it */
  guint           n_items;    /* the list's length, which follows the count a slice at a time */
  guint           count;      /* the search's count */
  GtkBitset      *pending;    /* the positions whose rows are to be told they changed */
  GtkBitset      *blanked;    /* emptied by a new search, told after BLANK_DELAY_MS */
  guint           tell_source;
  guint           blank_source;
  GdkFrameClock  *frame_clock; /* the list view's, which tells when a frame was drawn */
  gint64          told_frame;  /* the frame counter when the last slice was told */
  gint64          told_at;
  gint64          told_cpu;    /* the main thread's processor time then, until its frame ends */
  guint           told_rows;   /* the rows told then, a row built counting for more than one */
  guint           slice;       /* the rows told in a frame now, MIN_SLICE to SLICE */
  gboolean        counting;
  gboolean        held;       /* a query is counted only once released */
  gboolean        count_due;  /* the query set while held, to count on release */
  GHashTable     *pages;      /* page number → GPtrArray of SkyListingItem */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SkyListingModel, sky_listing_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_COUNT,
  PROP_COUNTING,
  PROP_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Queries ------------------------------------------------------------------------------------ */

static void
query_clear (SkySearchQuery *q)
{
  g_free ((char *) q->provider);
  g_free ((char *) q->region);
  g_free ((char *) q->geography);
  g_free ((char *) q->category);
  g_free ((char *) q->os);
  g_free ((char *) q->term);
  g_free ((char *) q->text);
  g_free ((char *) q->architecture);
  g_free ((char *) q->tenancy);
  g_free ((char *) q->licence);
  g_free ((char *) q->software);
  g_free ((char *) q->capacity);
  g_free ((char *) q->unit);
  memset (q, 0, sizeof *q);
}

static void
query_copy (const SkySearchQuery *src,
            SkySearchQuery       *dst)
{
  *dst = *src;
  dst->provider = g_strdup (src->provider);
  dst->region = g_strdup (src->region);
  dst->geography = g_strdup (src->geography);
  dst->category = g_strdup (src->category);
  dst->os = g_strdup (src->os);
  dst->term = g_strdup (src->term);
  dst->text = g_strdup (src->text);
  dst->architecture = g_strdup (src->architecture);
  dst->tenancy = g_strdup (src->tenancy);
  dst->licence = g_strdup (src->licence);
  dst->software = g_strdup (src->software);
  dst->capacity = g_strdup (src->capacity);
  dst->unit = g_strdup (src->unit);
  dst->cancellable = NULL;
}

typedef struct
{
  SkyCatalog    *catalog;
  SkySearchQuery query;
  guint          generation;
  guint          page;
  guint64        count;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_clear_object (&job->query.cancellable);
  query_clear (&job->query);
  g_free (job);
}

static Job *
job_new (SkyListingModel *self,
         guint            page,
         GCancellable    *cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->catalog = g_object_ref (self->catalog);
  query_copy (&self->query, &job->query);
  job->query.cancellable = g_object_ref (cancellable);
  job->generation = self->generation;
  job->page = page;
  return job;
}

/* Loading pages ------------------------------------------------------------------------------ */

static void
load_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *listings;

  job->query.limit = PAGE_SIZE;
  job->query.offset = job->page * PAGE_SIZE;
  listings = sky_catalog_search (job->catalog, &job->query, &error);
  if (listings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, listings, (GDestroyNotify) g_ptr_array_unref);
}

/* Telling the rows ------------------------------------------------------------------------ */

/* The frame that drew the last slice has ended: the next slices are as many rows as that one's
 * cost a row says fit the budget, growing by half at most. */
static void
on_after_paint (GdkFrameClock   *frame_clock,
                SkyListingModel *self)
{
  gint64 cost, fits;

  if (self->told_cpu == 0 || self->told_rows == 0)
    return;
  cost = MAX (1, sky_gui_util_thread_cpu_time () - self->told_cpu);
  fits = FRAME_BUDGET_US * (gint64) self->told_rows / cost;
  self->told_cpu = 0;
  self->slice = CLAMP (MIN (fits, self->slice + self->slice / 2 + 1), MIN_SLICE, SLICE);
}

/* Tells up to @budget rows below @end that their items show something else now: the same items
 * removed and added again. Returns how many it told. */
static guint
tell_pending (SkyListingModel *self,
              guint            end,
              guint            budget)
{
  guint told = 0;

  while (told < budget && !gtk_bitset_is_empty (self->pending))
    {
      guint first = gtk_bitset_get_minimum (self->pending);
      guint n = 1;

      if (first >= end)
        break;
      while (told + n < budget && first + n < end &&
             gtk_bitset_contains (self->pending, first + n))
        n++;
      gtk_bitset_remove_range (self->pending, first, n);
      g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
      told += n;
    }
  return told;
}

/* Drops the pages that hold no item before @n. */
static void
drop_pages_past (SkyListingModel *self,
                 guint            n)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if ((guint64) GPOINTER_TO_UINT (key) * PAGE_SIZE >= n)
      g_hash_table_iter_remove (&iter);
}

/* Brings the list's length a step closer to the count: a slice at a time among the rows a list
 * view at the top has built, the rest at once. Returns what the built rows it added or removed
 * weigh in rows told of a change. */
static guint
resize_step (SkyListingModel *self)
{
  guint before = self->n_items;
  guint after;

  if (before < self->count)
    {
      after = MIN (self->count, before + MAX (2, self->slice * ADDED_SLICE / SLICE));
      if (after >= BUILT_ROWS)
        after = self->count;
    }
  else if (before > self->count)
    {
      /* Destroying a built row costs about as much as binding it again, so they go a slice a
       * frame even when the result is empty and its list hidden; a search that comes before
       * they are gone binds them again instead. */
      after = MIN (before, BUILT_ROWS);
      if (self->count >= BUILT_ROWS || after <= self->count + self->slice)
        after = self->count;
      else
        after -= self->slice;
    }
  else
    return 0;

  self->n_items = after;
  if (after > before)
    {
      /* A row added is bound as its item is now. */
      gtk_bitset_remove_range (self->pending, before, after - before);
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
      return (MIN (after, BUILT_ROWS) - MIN (before, BUILT_ROWS)) * SLICE / ADDED_SLICE;
    }
  gtk_bitset_remove_range_closed (self->pending, after, G_MAXUINT);
  drop_pages_past (self, after);
  g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
  return MIN (before, BUILT_ROWS) - MIN (after, BUILT_ROWS);
}

static void schedule_telling (SkyListingModel *self);

static gboolean
tell_cb (gpointer user_data)
{
  SkyListingModel *self = SKY_LISTING_MODEL (user_data);
  guint staying = MIN (self->n_items, self->count);
  gboolean removing = self->n_items > self->count &&
                      (gtk_bitset_is_empty (self->pending) ||
                       gtk_bitset_get_minimum (self->pending) >= staying);

  self->tell_source = 0;
  /* The frame that lays out the slice before comes first, even when the main loop runs late
   * and a frame's time has passed already. Rows removed from the end leave nothing to lay
   * out, and an empty result's list is not even shown: they go without waiting for one. */
  if (!removing && self->frame_clock != NULL &&
      gdk_frame_clock_get_frame_counter (self->frame_clock) == self->told_frame &&
      g_get_monotonic_time () - self->told_at < FRAMELESS_MS * 1000)
    {
      schedule_telling (self);
      return G_SOURCE_REMOVE;
    }
  /* The rows that stay first; a row the count removes is not told. */
  self->told_cpu = sky_gui_util_thread_cpu_time ();
  self->told_rows = tell_pending (self, staying, self->slice);
  if (self->told_rows == 0)
    self->told_rows = resize_step (self);
  if (self->frame_clock != NULL)
    self->told_frame = gdk_frame_clock_get_frame_counter (self->frame_clock);
  self->told_at = g_get_monotonic_time ();
  schedule_telling (self);
  return G_SOURCE_REMOVE;
}

/* The next slice is told a frame's time after this one, once a frame has been drawn. */
static void
schedule_telling (SkyListingModel *self)
{
  guint staying = MIN (self->n_items, self->count);

  if (self->tell_source != 0 ||
      (self->n_items == self->count &&
       (gtk_bitset_is_empty (self->pending) || gtk_bitset_get_minimum (self->pending) >= staying)))
    return;
  self->tell_source = g_timeout_add (FRAME_MS, tell_cb, self);
}

/* Tells that the items from @first on, @n of them, show something else now, a slice a frame. */
static void
changed (SkyListingModel *self,
         guint            first,
         guint            n)
{
  gtk_bitset_remove_range (self->blanked, first, n);
  gtk_bitset_add_range (self->pending, first, n);
  schedule_telling (self);
}

static gboolean
blank_cb (gpointer user_data)
{
  SkyListingModel *self = SKY_LISTING_MODEL (user_data);

  self->blank_source = 0;
  gtk_bitset_union (self->pending, self->blanked);
  gtk_bitset_remove_all (self->blanked);
  schedule_telling (self);
  return G_SOURCE_REMOVE;
}

/* The search's count is known. The items both counts hold stay; only the end is added or
 * removed: the first slice now, so that the first rows are there once the count is, the rest a
 * slice a frame. */
static void
take_count (SkyListingModel *self,
            guint            count)
{
  self->count = count;
  self->counting = FALSE;
  resize_step (self);
  schedule_telling (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SkyListingModel *self = SKY_LISTING_MODEL (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  listings = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (listings == NULL)
    {
      g_warning ("Cannot load the catalog's rows: %s", error->message);
      return;
    }

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page));
  if (items == NULL)
    return;
  /* Past the result's end, an item of the search before is emptied; the count removes it. */
  for (guint i = 0; i < items->len; i++)
    sky_listing_item_set_listing (g_ptr_array_index (items, i),
                                  i < listings->len
                                    ? g_steal_pointer (&g_ptr_array_index (listings, i))
                                    : NULL);
  changed (self, job->page * PAGE_SIZE, items->len);
  /* A page the result does not fill tells its count: a search of fewer rows than a page, an
   * empty one above all, does not wait for the count, which is no longer wanted. */
  if (self->counting && !self->held && listings->len < PAGE_SIZE &&
      (listings->len > 0 || job->page == 0))
    {
      g_cancellable_cancel (self->counting_cancellable);
      take_count (self, job->page * PAGE_SIZE + listings->len);
    }
}

static void
drop_far_pages (SkyListingModel *self,
                guint            near)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->pages) < MAX_PAGES)
    return;
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);
      if (page + MAX_PAGES / 4 < near || page > near + MAX_PAGES / 4)
        g_hash_table_iter_remove (&iter);
    }
}

static void
load_page (SkyListingModel *self,
           guint            page)
{
  sky_thread_task_run (self, NULL, load_page, job_new (self, page, self->cancellable),
                       (GDestroyNotify) job_free,
                       load_page_thread, page_loaded_cb);
}

static GPtrArray *
ensure_page (SkyListingModel *self,
             guint            page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    return items;

  drop_far_pages (self, page);
  /* A whole page, even the last: its items serve the next search's longer count too. */
  items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_ptr_array_add (items, sky_listing_item_new (NULL));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  load_page (self, page);
  return items;
}

/* Counting ---------------------------------------------------------------------------------- */

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (sky_catalog_count (job->catalog, &job->query, &job->count, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SkyListingModel *self = SKY_LISTING_MODEL (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Another search since, or its first page told the count already. */
  if (job->generation != self->generation || !self->counting)
    return;
  if (!ok)
    g_warning ("Cannot count the catalog's rows: %s", error->message);
  take_count (self, ok ? (guint) MIN (job->count, G_MAXUINT) : 0);
}

static void
start_count (SkyListingModel *self)
{
  self->count_due = FALSE;
  sky_thread_task_run (self, NULL, sky_listing_model_set_query,
                       job_new (self, 0, self->counting_cancellable), (GDestroyNotify) job_free,
                       count_thread, counted_cb);
}

/**
 * sky_listing_model_set_query:
 *
 * Shows the prices @query finds. Every item loaded empties at once, its page loads again for
 * @query, and the count, once counted, adds or removes items at the end. items-changed tells
 * the rows of the items whose contents changed a slice a frame, once their page has loaded
 * again or, if that takes long, once they have been empty for a while.
 */
void
sky_listing_model_set_query (SkyListingModel      *self,
                             const SkySearchQuery *query)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (SKY_IS_LISTING_MODEL (self));
  g_return_if_fail (query != NULL);

  query_clear (&self->query);
  query_copy (query, &self->query);
  self->query.limit = 0;
  self->query.offset = 0;
  self->generation++;
  /* Counts and pages of the query replaced, queued or under way, are no longer wanted. */
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->counting_cancellable);
  g_object_unref (self->counting_cancellable);
  self->counting_cancellable = g_cancellable_new ();

  /* The pages kept load again at once: the first page of a search does not wait for its
   * count. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        sky_listing_item_set_listing (g_ptr_array_index (items, i), NULL);
      /* Its rows keep showing the search before until the page loads again, for a while. Told
       * in slices also because GTK 4.8 asks for every item of a change whose items held a row
       * it tracks (the focus, the selection), so one change of them all would load them all. */
      gtk_bitset_remove_range (self->pending, GPOINTER_TO_UINT (key) * PAGE_SIZE, PAGE_SIZE);
      gtk_bitset_add_range (self->blanked, GPOINTER_TO_UINT (key) * PAGE_SIZE, PAGE_SIZE);
      load_page (self, GPOINTER_TO_UINT (key));
    }
  g_clear_handle_id (&self->blank_source, g_source_remove);
  if (!gtk_bitset_is_empty (self->blanked))
    self->blank_source = g_timeout_add (BLANK_DELAY_MS, blank_cb, self);
  if (!self->counting)
    {
      self->counting = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
    }

  if (self->held)
    self->count_due = TRUE;
  else
    start_count (self);
}

/**
 * sky_listing_model_hold:
 *
 * Until sky_listing_model_release(), a query set is shown as being counted, but its count does
 * not start: a window holds its model until it has drawn its first frame, so that the count
 * does not compete with it.
 */
void
sky_listing_model_hold (SkyListingModel *self)
{
  g_return_if_fail (SKY_IS_LISTING_MODEL (self));

  if (self->held)
    return;
  self->held = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
}

/* Counts the query set while held, if any, and from now on every query when it is set. */
void
sky_listing_model_release (SkyListingModel *self)
{
  g_return_if_fail (SKY_IS_LISTING_MODEL (self));

  if (!self->held)
    return;
  self->held = FALSE;
  if (self->count_due)
    start_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
}

/**
 * sky_listing_model_set_frame_clock:
 * @frame_clock: (nullable): the frame clock of the list view that shows the model
 *
 * The rows are told of a change a slice a frame: with @frame_clock, the next slice waits for
 * the frame that lays out the slice before; without, only for a frame's time.
 */
void
sky_listing_model_set_frame_clock (SkyListingModel *self,
                                   GdkFrameClock   *frame_clock)
{
  g_return_if_fail (SKY_IS_LISTING_MODEL (self));
  g_return_if_fail (frame_clock == NULL || GDK_IS_FRAME_CLOCK (frame_clock));

  if (self->frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->frame_clock, on_after_paint, self);
  g_set_object (&self->frame_clock, frame_clock);
  if (frame_clock != NULL)
    g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), self);
  self->told_cpu = 0;
  self->told_frame = frame_clock != NULL ? gdk_frame_clock_get_frame_counter (frame_clock) - 1 : 0;
}

/* The model's own connection to the catalog, for work in worker threads about its searches. */
SkyCatalog *
sky_listing_model_get_catalog (SkyListingModel *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_MODEL (self), NULL);
  return self->catalog;
}

gboolean
sky_listing_model_get_held (SkyListingModel *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_MODEL (self), FALSE);
  return self->held;
}

/* Runs the same query again, for a catalog that has changed. */
void
sky_listing_model_reload (SkyListingModel *self)
{
  SkySearchQuery query;

  g_return_if_fail (SKY_IS_LISTING_MODEL (self));

  query_copy (&self->query, &query);
  sky_listing_model_set_query (self, &query);
  query_clear (&query);
}

/* The search's count; the list's length follows it a slice a frame. */
guint
sky_listing_model_get_count (SkyListingModel *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_MODEL (self), 0);
  return self->count;
}

gboolean
sky_listing_model_get_counting (SkyListingModel *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_MODEL (self), FALSE);
  return self->counting;
}

/* GListModel --------------------------------------------------------------------------------- */

static GType
sky_listing_model_get_item_type (GListModel *model)
{
  return SKY_TYPE_LISTING_ITEM;
}

static guint
sky_listing_model_get_n_items (GListModel *model)
{
  return SKY_LISTING_MODEL (model)->n_items;
}

static gpointer
sky_listing_model_get_item (GListModel *model,
                            guint       position)
{
  SkyListingModel *self = SKY_LISTING_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = ensure_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sky_listing_model_get_item_type;
  iface->get_n_items = sky_listing_model_get_n_items;
  iface->get_item = sky_listing_model_get_item;
}

/* GObject ----------------------------------------------------------------------------------- */

static void
sky_listing_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SkyListingModel *self = SKY_LISTING_MODEL (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;
    case PROP_HELD:
      g_value_set_boolean (value, self->held);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_listing_model_finalize (GObject *object)
{
  SkyListingModel *self = SKY_LISTING_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->counting_cancellable);
  g_clear_object (&self->counting_cancellable);
  g_clear_handle_id (&self->tell_source, g_source_remove);
  g_clear_handle_id (&self->blank_source, g_source_remove);
  if (self->frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->frame_clock, on_after_paint, self);
  g_clear_object (&self->frame_clock);
  g_clear_pointer (&self->pending, gtk_bitset_unref);
  g_clear_pointer (&self->blanked, gtk_bitset_unref);
  query_clear (&self->query);
  g_hash_table_unref (self->pages);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_listing_model_parent_class)->finalize (object);
}

static void
sky_listing_model_class_init (SkyListingModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sky_listing_model_get_property;
  object_class->finalize = sky_listing_model_finalize;

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether counting waits for sky_listing_model_release(). */
  properties[PROP_HELD] =
    g_param_spec_boolean ("held", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sky_listing_model_init (SkyListingModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
  self->counting_cancellable = g_cancellable_new ();
  self->slice = FIRST_SLICE;
  self->pending = gtk_bitset_new_empty ();
  self->blanked = gtk_bitset_new_empty ();
}

/* Opens a connection of its own to the catalog at @path. */
SkyListingModel *
sky_listing_model_new (const char  *path,
                       GError     **error)
{
  g_autoptr(SkyListingModel) self = g_object_new (SKY_TYPE_LISTING_MODEL, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->catalog = sky_catalog_open (path, error);
  if (self->catalog == NULL)
    return NULL;
  return g_steal_pointer (&self);
}
