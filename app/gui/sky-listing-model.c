/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-listing-model"

#include "config.h"

#include <string.h>

#include "sky-listing-item.h"
#include "sky-listing-model.h"
#include "sky-thread-task.h"

/* The result of a catalog search as a list, loaded a page at a time when a row is first asked
 * for. Counting and loading run in worker threads on a catalog connection of the model's own,
 * so that a catalog of a million offers opens and scrolls without the window waiting.
 *
 * A new search keeps the model's items: their contents change, and items-changed tells the
 * positions whose contents changed, the same items removed and added again, so that a list view binds the row
 * widgets it has again instead of destroying 200 rows and building as many. Only a change of
 * the count adds or removes items, at the end. */
#define PAGE_SIZE 200
/* Pages kept loaded; past this, the ones far from the last asked for are dropped. */
#define MAX_PAGES 64

struct _SkyListingModel
{
  GObject         parent_instance;

  SkyCatalog     *catalog;
  SkySearchQuery  query;
  guint           generation;
  GCancellable   *cancellable; /* the current query's; cancelled when another replaces it */
  guint           n_items;
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
         guint            page)
{
  Job *job = g_new0 (Job, 1);

  job->catalog = g_object_ref (self->catalog);
  query_copy (&self->query, &job->query);
  job->query.cancellable = g_object_ref (self->cancellable);
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

/* Tells that the items from @first on, @n of them, show something else now: the same items
 * removed and added again, within the count. */
static void
changed (SkyListingModel *self,
         guint            first,
         guint            n)
{
  if (first >= self->n_items)
    return;
  n = MIN (n, self->n_items - first);
  g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
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

static void
load_page (SkyListingModel *self,
           guint            page)
{
  sky_thread_task_run (self, NULL, load_page, job_new (self, page), (GDestroyNotify) job_free,
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
  guint before;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && job->generation == self->generation)
    g_warning ("Cannot count the catalog's rows: %s", error->message);
  if (job->generation != self->generation)
    return;

  before = self->n_items;
  self->n_items = error == NULL ? (guint) MIN (job->count, G_MAXUINT) : 0;
  self->counting = FALSE;
  /* The items both counts hold stay; only the end is added or removed. */
  if (self->n_items < before)
    {
      drop_pages_past (self, self->n_items);
      g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, before - self->n_items, 0);
    }
  else if (self->n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_items - before);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
start_count (SkyListingModel *self)
{
  self->count_due = FALSE;
  sky_thread_task_run (self, NULL, sky_listing_model_set_query, job_new (self, 0),
                       (GDestroyNotify) job_free, count_thread, counted_cb);
}

/**
 * sky_listing_model_set_query:
 *
 * Shows the prices @query finds. Every item loaded empties at once (and items-changed tells
 * so, a page at a time), its page loads again for @query, and the count, once counted, adds or
 * removes items at the end.
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

  /* The pages kept load again at once: the first page of a search does not wait for its
   * count. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        sky_listing_item_set_listing (g_ptr_array_index (items, i), NULL);
      /* A page at a time: GTK 4.8 asks for every item of a change whose items held a row it
       * tracks (the focus, the selection), so one change of them all would load them all. */
      changed (self, GPOINTER_TO_UINT (key) * PAGE_SIZE, PAGE_SIZE);
      load_page (self, GPOINTER_TO_UINT (key));
    }
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

guint
sky_listing_model_get_count (SkyListingModel *self)
{
  g_return_val_if_fail (SKY_IS_LISTING_MODEL (self), 0);
  return self->n_items;
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
      g_value_set_uint (value, self->n_items);
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
