/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-scenario-document"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sky-recovery.h"
#include "sky-scenario-document.h"
#include "sky-thread-task.h"

/* The scenario being worked on, apart from any view of it: the file it is saved in, whether
 * it has changes not saved, their undo and redo, the recovery copy kept while they are not
 * saved, and its estimate. Loading, saving, the recovery copy and pricing run in worker
 * threads, each on a copy of what it needs; pricing on a catalog connection of the
 * document's own. The window holds one; its pages show and edit it. */
struct _SkyScenarioDocument
{
  GObject      parent_instance;

  SkyCatalog  *catalog;
  GPtrArray   *sheets;       /* SkySheetInfo: the catalog's, listed when it changes */
  SkyScenario *scenario;
  GFile       *file;
  char        *title;
  gboolean     modified;
  gboolean     new_follows_catalog; /* a new scenario not yet edited: it takes the providers of
                                     * sheets imported later */
  guint        serial;            /* counts changes, so that a save knows what it saved */

  SkyEstimate *estimate;
  char        *estimate_error;
  guint        revision;          /* counts changes of what is priced: the scenario, the
                                   * catalog */
  GPtrArray   *projections;       /* Shared: of this revision, made or under way */
  guint        n_estimates;       /* pricings started, and projections: for tests */
  guint        n_projections;
  guint        generation;        /* of pricing: a result of an older one is dropped */
  gboolean     pricing;
  gboolean     held;              /* pricing waits while the catalog is being filled */
  gboolean     held_check_newer;  /* and what waits is to be checked against newer sheets */
  gboolean     held_waiting;      /* a pricing was asked for meanwhile */
  guint        loading;
  guint        saving;
  gboolean     busy;

  GPtrArray   *undo;              /* the scenario's text before each change, oldest first */
  GPtrArray   *redo;
  const char  *last_edit;         /* consecutive edits of this kind are undone together */
  gboolean     can_undo;
  gboolean     can_redo;

  guint        autosave_id;
  gboolean     autosaving;        /* a recovery copy is being written */
  gboolean     autosave_again;    /* and changes came meanwhile */
  guint        recovery_epoch;    /* a copy written for an older epoch is not wanted */
  gboolean     recovery_written;  /* the recovery file holds this document's changes */

  GPtrArray   *untitled_kept;     /* SkyKeptOffer: the catalog's candidates a scenario without a
                                   * file takes into the file it is first saved in */
};

G_DEFINE_FINAL_TYPE (SkyScenarioDocument, sky_scenario_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_ESTIMATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_LOADED,
  SIGNAL_NEWER_PRICES,
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define AUTOSAVE_SECONDS 3
#define MAX_UNDO 200

static void estimate_now (SkyScenarioDocument *self,
                          gboolean             check_newer);
static void touch        (SkyScenarioDocument *self);

/* State ------------------------------------------------------------------------------------ */

static void
update_busy (SkyScenarioDocument *self)
{
  gboolean busy = self->pricing || self->loading > 0 || self->saving > 0;

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The file's name, or the scenario's until it is saved; marked while changes are unsaved. */
static void
update_title (SkyScenarioDocument *self)
{
  g_autofree char *name = self->file != NULL ? g_file_get_basename (self->file) : NULL;
  g_autofree char *title = g_strdup_printf ("%s%s", self->modified ? "• " : "",
                                            name != NULL ? name : self->scenario->name);

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_estimate (SkyScenarioDocument *self,
              SkyEstimate         *estimate,
              const char          *error)
{
  if (estimate == NULL && self->estimate == NULL && g_strcmp0 (error, self->estimate_error) == 0)
    return;
  g_clear_pointer (&self->estimate, sky_estimate_free);
  self->estimate = estimate;
  g_free (self->estimate_error);
  self->estimate_error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATE]);
}

/* Recovery ------------------------------------------------------------------------------- */

/**
 * sky_scenario_document_recovery_path:
 *
 * Where unsaved changes are kept until they are saved or discarded, with the name of the file
 * they belong to: one file (see sky-recovery.c) in $XDG_STATE_HOME/skytally.
 */
char *
sky_scenario_document_recovery_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "skytally", "unsaved.skytally-recovery",
                           NULL);
}

/* Earlier versions kept them in two files: the scenario, and its file's name. */
static char *
legacy_recovery_path (const char *name)
{
  return g_build_filename (g_get_user_state_dir (), "skytally", name, NULL);
}

/* The changes kept, and in @origin the file they belong to (NULL for a scenario never saved). */
static SkyScenario *
read_recovery (char   **origin,
               GError **error)
{
  g_autofree char *path = sky_scenario_document_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");
  g_autofree char *legacy_origin = legacy_recovery_path ("recovery.origin");
  g_autofree char *text = NULL;
  SkyScenario *scenario;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return sky_recovery_read (path, origin, error);
  scenario = sky_scenario_load (legacy, error);
  *origin = NULL;
  if (scenario != NULL && g_file_get_contents (legacy_origin, &text, NULL, NULL) &&
      *text != '\0')
    *origin = g_steal_pointer (&text);
  return scenario;
}

/* Whether changes kept before a crash (or by an earlier version) wait to be offered back. */
gboolean
sky_scenario_document_has_recovery (SkyScenarioDocument *self)
{
  g_autofree char *path = sky_scenario_document_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");

  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
         g_file_test (legacy, G_FILE_TEST_IS_REGULAR);
}

/* Removes the changes kept, whoever kept them; a copy being written is removed when done. */
void
sky_scenario_document_discard_recovery (SkyScenarioDocument *self)
{
  g_autofree char *path = sky_scenario_document_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");
  g_autofree char *legacy_origin = legacy_recovery_path ("recovery.origin");

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->recovery_epoch++;
  self->autosave_again = FALSE;
  g_unlink (path);
  g_unlink (legacy);
  g_unlink (legacy_origin);
  self->recovery_written = FALSE;
}

/* The scenario was saved or replaced: the changes this document kept go. A recovery file it
 * did not write (a crash's, not yet offered back or answered) stays. */
static void
forget_recovery (SkyScenarioDocument *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_again = FALSE;
  if (self->recovery_written || self->autosaving)
    sky_scenario_document_discard_recovery (self);
}

typedef struct
{
  SkyScenario *scenario;
  char        *origin;
  guint        epoch;
  gboolean     written;
  GError      *error;
} Autosave;

static void
autosave_free (Autosave *job)
{
  sky_scenario_free (job->scenario);
  g_free (job->origin);
  g_clear_error (&job->error);
  g_free (job);
}

static void
autosave_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Autosave *job = task_data;
  g_autofree char *path = sky_scenario_document_recovery_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  /* The scenario and its file's name in one file, put in place whole, private. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (&job->error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s",
                   dir, g_strerror (saved_errno));
    }
  else
    job->written = sky_recovery_write (path, job->scenario, job->origin, &job->error);
  g_task_return_boolean (task, TRUE);
}

static gboolean autosave_cb (gpointer user_data);

static void
autosaved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyScenarioDocument *self = SKY_SCENARIO_DOCUMENT (object);
  Autosave *job = g_task_get_task_data (G_TASK (result));

  self->autosaving = FALSE;
  if (job->epoch != self->recovery_epoch)
    {
      /* Saved, replaced or discarded meanwhile: the copy is not wanted. */
      g_autofree char *path = sky_scenario_document_recovery_path ();

      if (job->written)
        g_unlink (path);
      return;
    }
  if (!job->written)
    g_warning ("Cannot keep a recovery copy of the scenario: %s", job->error->message);
  else
    self->recovery_written = TRUE;
  if (self->autosave_again)
    {
      self->autosave_again = FALSE;
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_idle_add (autosave_cb, self);
    }
}

static gboolean
autosave_cb (gpointer user_data)
{
  SkyScenarioDocument *self = user_data;
  Autosave *job;

  self->autosave_id = 0;
  /* One copy is written at a time; the latest changes follow when it is done. */
  if (self->autosaving)
    {
      self->autosave_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  job = g_new0 (Autosave, 1);
  job->scenario = sky_scenario_copy (self->scenario);
  job->origin = self->file != NULL ? g_file_get_path (self->file) : NULL;
  job->epoch = self->recovery_epoch;
  self->autosaving = TRUE;
  sky_thread_task_run (self, NULL, autosave_cb, job, (GDestroyNotify) autosave_free,
                       autosave_thread, autosaved_cb);
  return G_SOURCE_REMOVE;
}

static void
set_modified (SkyScenarioDocument *self,
              gboolean             modified)
{
  if (modified)
    {
      /* A recovery copy a few seconds after the edits stop. */
      self->serial++;
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_cb, self);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  update_title (self);
}

/* Something the user changed: price again, keep a recovery copy, tell the views. */
static void
changed (SkyScenarioDocument *self)
{
  touch (self);
  set_modified (self, TRUE);
  estimate_now (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Undo ------------------------------------------------------------------------------------- */

static void
update_undo_state (SkyScenarioDocument *self)
{
  gboolean can_undo = self->undo->len > 0;
  gboolean can_redo = self->redo->len > 0;

  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

/* Keeps the scenario as it is before a change, for undo. Edits of one @kind in a row (typing
 * a name) are one step; NULL always starts a new one. */
static void
remember (SkyScenarioDocument *self,
          const char          *kind)
{
  self->new_follows_catalog = FALSE;
  if (kind != NULL && kind == self->last_edit)
    return;
  self->last_edit = kind;
  g_ptr_array_add (self->undo, sky_scenario_to_xml (self->scenario));
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_state (self);
}

static void
forget_undo (SkyScenarioDocument *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit = NULL;
  update_undo_state (self);
}

/* Puts back the scenario @xml holds, keeping the file it is saved in. */
static void
restore (SkyScenarioDocument *self,
         const char          *xml)
{
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_parse (xml, strlen (xml), self->scenario->name, &error);

  if (scenario == NULL)
    {
      g_critical ("A scenario kept for undo does not read back: %s", error->message);
      return;
    }
  sky_scenario_free (self->scenario);
  self->scenario = scenario;
  changed (self);
}

/* Moves the scenario's text from the top of @from to the document, and its own onto @to. */
static void
step (SkyScenarioDocument *self,
      GPtrArray           *from,
      GPtrArray           *to)
{
  g_autofree char *xml = NULL;

  if (from->len == 0)
    return;
  xml = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, sky_scenario_to_xml (self->scenario));
  self->last_edit = NULL;
  restore (self, xml);
  update_undo_state (self);
}

void
sky_scenario_document_undo (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  step (self, self->undo, self->redo);
}

void
sky_scenario_document_redo (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  step (self, self->redo, self->undo);
}

/* Edits ------------------------------------------------------------------------------------ */

/**
 * sky_scenario_document_edit:
 * @kind: (nullable): consecutive edits of one kind are undone together
 *
 * For a view that changes the scenario in place: this before the change keeps the scenario
 * for undo, and sky_scenario_document_edited() after it marks it changed and prices it again.
 *
 * Returns: (transfer none): the scenario, to change
 */
SkyScenario *
sky_scenario_document_edit (SkyScenarioDocument *self,
                            const char          *kind)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  remember (self, kind != NULL ? g_intern_string (kind) : NULL);
  return self->scenario;
}

void
sky_scenario_document_edited (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  changed (self);
}

/* A new name changes no figure: it is kept, and nothing is priced again. */
void
sky_scenario_document_set_name (SkyScenarioDocument *self,
                                const char          *name)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (name != NULL);

  if (*name == '\0' || g_strcmp0 (name, self->scenario->name) == 0)
    return;
  remember (self, g_intern_static_string ("name"));
  g_free (self->scenario->name);
  self->scenario->name = g_strdup (name);
  set_modified (self, TRUE);
}

/* Takes @line and prices the scenario again. */
void
sky_scenario_document_add_line (SkyScenarioDocument *self,
                                SkyScenarioLine     *line)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (line != NULL);

  remember (self, NULL);
  g_ptr_array_add (self->scenario->lines, line);
  changed (self);
}

/* The catalog's candidates kept with the scenario (SkyKeptOffer, copied): one step of undo;
 * they change no figure, so nothing is priced again. */
void
sky_scenario_document_set_kept_offers (SkyScenarioDocument *self,
                                       GPtrArray           *kept)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (kept != NULL);

  remember (self, NULL);
  g_ptr_array_set_size (self->scenario->kept_offers, 0);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (self->scenario->kept_offers,
                     sky_kept_offer_copy (g_ptr_array_index (kept, i)));
  set_modified (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The candidates (SkyKeptOffer, copied) a scenario not yet saved takes into its file when it
 * is: until then they are kept elsewhere, not in the scenario. */
void
sky_scenario_document_set_untitled_kept_offers (SkyScenarioDocument *self,
                                                GPtrArray           *kept)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (kept != NULL);

  g_ptr_array_set_size (self->untitled_kept, 0);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (self->untitled_kept, sky_kept_offer_copy (g_ptr_array_index (kept, i)));
}

/* Forgets the sheet versions recorded: the next pricing takes the current sheets and records
 * them. */
void
sky_scenario_document_reprice (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  remember (self, NULL);
  g_ptr_array_set_size (self->scenario->priced_against, 0);
  changed (self);
}

/* Pricing ---------------------------------------------------------------------------------- */

typedef struct
{
  SkyCatalog  *catalog;
  SkyScenario *scenario;
  guint        generation;
  gboolean     check_newer;
  SkyEstimate *recorded;
  SkyEstimate *current;
  GPtrArray   *changes;     /* what pricing against the current sheets changes */
  GError      *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  sky_scenario_free (job->scenario);
  g_clear_pointer (&job->recorded, sky_estimate_free);
  g_clear_pointer (&job->current, sky_estimate_free);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;

  job->recorded = sky_estimate_compute (job->catalog, job->scenario, NULL, FALSE, &job->error);
  if (job->check_newer && (job->recorded != NULL ||
                           g_error_matches (job->error, SKY_ESTIMATE_ERROR,
                                            SKY_ESTIMATE_ERROR_NO_SHEET)))
    job->current = sky_estimate_compute (job->catalog, job->scenario, NULL, TRUE, NULL);
  if (job->recorded != NULL && job->current != NULL)
    job->changes = sky_estimate_changes (job->recorded, job->current, SKY_EXPLAIN_DISPLAY);
  g_task_return_boolean (task, TRUE);
}

static void
estimated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyScenarioDocument *self = SKY_SCENARIO_DOCUMENT (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->generation != self->generation)
    return;
  self->pricing = FALSE;
  if (job->recorded != NULL)
    {
      /* Saving records the sheets these figures come from. */
      sky_estimate_record_sheets (job->recorded, self->scenario);
      set_estimate (self, g_steal_pointer (&job->recorded), NULL);
    }
  else
    set_estimate (self, NULL, job->error->message);
  update_busy (self);
  /* Pricing against the current sheets would change the figures, or is all that works. */
  if (job->check_newer && job->current != NULL &&
      (job->changes == NULL || job->changes->len > 0))
    g_signal_emit (self, signals[SIGNAL_NEWER_PRICES], 0, job->changes, job->current,
                   job->changes == NULL ? job->error->message : NULL);
}

static void
estimate_now (SkyScenarioDocument *self,
              gboolean             check_newer)
{
  Job *job;

  /* Pricing under way is of an older scenario: its result will be dropped. */
  self->generation++;
  if (self->catalog == NULL || self->scenario->providers->len == 0)
    {
      self->pricing = FALSE;
      set_estimate (self, NULL, NULL);
      update_busy (self);
      return;
    }

  /* The catalog is being filled: priced once, when it is (see
   * sky_scenario_document_release_pricing()), not now and again then. */
  if (self->held)
    {
      self->held_waiting = TRUE;
      self->held_check_newer |= check_newer;
      self->pricing = TRUE;
      update_busy (self);
      return;
    }

  job = g_new0 (Job, 1);
  job->catalog = g_object_ref (self->catalog);
  job->scenario = sky_scenario_copy (self->scenario);
  job->generation = self->generation;
  job->check_newer = check_newer;
  self->n_estimates++;
  g_debug ("Pricing %u lines (revision %u)", self->scenario->lines->len, self->revision);
  self->pricing = TRUE;
  update_busy (self);

  sky_thread_task_run (self, NULL, estimate_now, job, (GDestroyNotify) job_free, estimate_thread,
                       estimated_cb);
}

/* Projections ------------------------------------------------------------------------------ */

/* One projection of a revision of the scenario, over some months, that the pages share: the
 * Budget page and the summary cards ask for the same one. */
typedef struct
{
  SkyScenarioDocumentProjected callback;
  gpointer                     user_data;
} Waiter;

typedef struct
{
  guint          months;
  SkyCatalog    *catalog;
  SkyScenario   *scenario;         /* the copy projected */
  SkyProjection *projection;
  GError        *error;
  gboolean       done;
  GArray        *waiting;          /* Waiter: answered once it is done */
} Shared;

static void
shared_clear (Shared *shared)
{
  g_clear_object (&shared->catalog);
  g_clear_pointer (&shared->scenario, sky_scenario_free);
  g_clear_pointer (&shared->projection, sky_projection_free);
  g_clear_error (&shared->error);
  g_clear_pointer (&shared->waiting, g_array_unref);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, (GDestroyNotify) shared_clear);
}

/* What is priced changed: projections made before are of an older scenario. Those under way
 * still answer who asked for them. */
static void
touch (SkyScenarioDocument *self)
{
  self->revision++;
  if (self->projections != NULL)
    g_ptr_array_set_size (self->projections, 0);
}

static void
answer (Shared *shared)
{
  g_autoptr(GArray) waiting = g_steal_pointer (&shared->waiting);

  shared->waiting = g_array_new (FALSE, FALSE, sizeof (Waiter));
  for (guint i = 0; i < waiting->len; i++)
    {
      Waiter *w = &g_array_index (waiting, Waiter, i);

      w->callback (shared->scenario, shared->projection, shared->error, w->user_data);
    }
}

static gboolean
answer_cb (gpointer user_data)
{
  answer (user_data);
  return G_SOURCE_REMOVE;
}

static void
project_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Shared *shared = task_data;

  shared->projection = sky_projection_compute (shared->catalog, shared->scenario, NULL,
                                               shared->months, &shared->error);
  g_task_return_boolean (task, TRUE);
}

static void
projected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Shared *shared = g_task_get_task_data (G_TASK (result));

  shared->done = TRUE;
  answer (shared);
}

/**
 * sky_scenario_document_project:
 * @months: 12 to 60, or 0 for the scenario's own
 * @callback: called in the main thread, never before this returns, with the projection (the
 *   callback takes a reference if it keeps it) and the copy of the scenario it was made from
 *
 * Projects the scenario as it is now in a worker thread, once per change of it (or of the
 * catalog) and number of months, however many pages ask.
 */
void
sky_scenario_document_project (SkyScenarioDocument          *self,
                               guint                         months,
                               SkyScenarioDocumentProjected  callback,
                               gpointer                      user_data)
{
  Shared *shared = NULL;
  Waiter waiter = { callback, user_data };

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (self->catalog != NULL && callback != NULL);

  months = CLAMP (months == 0 ? self->scenario->projection_months : months, 12, 60);
  if (self->projections == NULL)
    self->projections = g_ptr_array_new_with_free_func ((GDestroyNotify) shared_unref);
  for (guint i = 0; i < self->projections->len && shared == NULL; i++)
    if (((Shared *) g_ptr_array_index (self->projections, i))->months == months)
      shared = g_ptr_array_index (self->projections, i);

  if (shared == NULL)
    {
      shared = g_atomic_rc_box_new0 (Shared);
      shared->months = months;
      shared->catalog = g_object_ref (self->catalog);
      shared->scenario = sky_scenario_copy (self->scenario);
      shared->waiting = g_array_new (FALSE, FALSE, sizeof (Waiter));
      g_ptr_array_add (self->projections, shared);
      self->n_projections++;
      g_debug ("Projecting %u lines over %u months (revision %u)",
               self->scenario->lines->len, months, self->revision);
      sky_thread_task_run (self, NULL, sky_scenario_document_project,
                           g_atomic_rc_box_acquire (shared), (GDestroyNotify) shared_unref,
                           project_thread, projected_cb);
    }
  g_array_append_val (shared->waiting, waiter);
  if (shared->done)
    g_idle_add_full (G_PRIORITY_DEFAULT, answer_cb, g_atomic_rc_box_acquire (shared),
                     (GDestroyNotify) shared_unref);
}

/* How many pricings of the scenario were started, and how many projections. */
guint
sky_scenario_document_get_n_estimates (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), 0);

  return self->n_estimates;
}

guint
sky_scenario_document_get_n_projections (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), 0);

  return self->n_projections;
}

/* Scenarios -------------------------------------------------------------------------------- */

static void
set_scenario (SkyScenarioDocument *self,
              SkyScenario         *scenario,
              GFile               *file,
              gboolean             modified)
{
  sky_scenario_free (self->scenario);
  self->scenario = scenario;
  self->new_follows_catalog = FALSE;
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  forget_undo (self);
  touch (self);
  /* Pricing under way is of the scenario replaced. */
  self->generation++;
  self->pricing = FALSE;
  set_estimate (self, NULL, NULL);
  set_modified (self, modified);
  if (!modified)
    g_clear_handle_id (&self->autosave_id, g_source_remove);
  update_title (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Adds to @scenario the providers of the catalog's current sheets it lacks, in the catalog's
 * order. */
static void
add_current_providers (SkyScenarioDocument *self,
                       SkyScenario         *scenario)
{
  GPtrArray *sheets = self->sheets;

  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      /* A provider may have several current sheets, each for some of its services. */
      if (info->current &&
          !g_ptr_array_find_with_equal_func (scenario->providers, info->provider, g_str_equal,
                                             NULL))
        g_ptr_array_add (scenario->providers, g_strdup (info->provider));
    }
}

/* Whether the scenario is a new one nobody has touched: no file, no edit, no line. */
static gboolean
is_untouched_new (SkyScenarioDocument *self)
{
  return self->new_follows_catalog && self->file == NULL && !self->modified &&
         self->scenario->lines->len == 0;
}

void
sky_scenario_document_new_scenario (SkyScenarioDocument *self)
{
  SkyScenario *scenario = sky_scenario_new (_("Untitled Scenario"), "USD");

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  /* Priced on every provider of the catalog until the user picks; a catalog still empty gives
   * its providers when its first sheets come (sky_scenario_document_catalog_changed()). */
  add_current_providers (self, scenario);
  forget_recovery (self);
  set_scenario (self, scenario, NULL, FALSE);
  self->new_follows_catalog = TRUE;
  estimate_now (self, FALSE);
}

/* Shows @scenario (taken) as a new scenario of no file: a copy to start from, such as the
 * example, which Save asks where to put. */
void
sky_scenario_document_new_from (SkyScenarioDocument *self,
                                SkyScenario         *scenario)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (scenario != NULL);

  forget_recovery (self);
  set_scenario (self, scenario, NULL, FALSE);
  estimate_now (self, FALSE);
}

/* Ends a run of edits of one kind: the next edit of that kind is undone on its own. */
void
sky_scenario_document_end_edit_run (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  self->last_edit = NULL;
}

/* Loading ---------------------------------------------------------------------------------- */

typedef struct
{
  char        *path;        /* NULL: the recovery copy */
  SkyScenario *scenario;
  char        *origin;      /* of the recovery copy */
  GError      *error;
} Load;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_clear_pointer (&load->scenario, sky_scenario_free);
  g_free (load->origin);
  g_clear_error (&load->error);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;

  if (load->path != NULL)
    load->scenario = sky_scenario_load (load->path, &load->error);
  else
    load->scenario = read_recovery (&load->origin, &load->error);
  g_task_return_boolean (task, TRUE);
}

/* @object is the task of sky_scenario_document_load_async() or _restore_recovery_async(). */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = G_TASK (object);
  SkyScenarioDocument *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (G_TASK (result));
  gboolean recovery = load->path == NULL;
  g_autoptr(GFile) file = NULL;

  self->loading--;
  if (load->scenario == NULL)
    {
      update_busy (self);
      g_task_return_error (task, g_steal_pointer (&load->error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      update_busy (self);
      return;
    }
  if (recovery)
    {
      file = load->origin != NULL ? g_file_new_for_path (load->origin) : NULL;
      /* The changes kept are this document's now: saving or replacing them removes them. */
      self->recovery_epoch++;
      self->recovery_written = TRUE;
      set_scenario (self, g_steal_pointer (&load->scenario), file, TRUE);
      estimate_now (self, FALSE);
    }
  else
    {
      forget_recovery (self);
      set_scenario (self, g_steal_pointer (&load->scenario), g_task_get_task_data (task), FALSE);
      estimate_now (self, TRUE);
    }
  update_busy (self);
  g_task_return_boolean (task, TRUE);
}

static void
start_load (SkyScenarioDocument *self,
            GTask               *task,
            char                *path)
{
  Load *load = g_new0 (Load, 1);

  load->path = path;
  self->loading++;
  update_busy (self);
  /* The outer task travels as the owner: it and the document are let go in this thread. */
  sky_thread_task_run (task, g_task_get_cancellable (task), g_task_get_source_tag (task), load,
                       (GDestroyNotify) load_free, load_thread, loaded_cb);
}

/**
 * sky_scenario_document_load_async:
 * @file: a local scenario file
 *
 * Reads @file in a worker thread and, when it reads, makes it the document's scenario, not
 * modified, and prices it, offering to re-price it when newer sheets change its figures
 * (#SkyScenarioDocument::newer-prices). A file that cannot be read leaves the document as
 * it is, and sky_scenario_document_load_finish() says why.
 */
void
sky_scenario_document_load_async (SkyScenarioDocument *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_scenario_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Only local files can be opened."));
      return;
    }
  start_load (self, task, path);
}

gboolean
sky_scenario_document_load_finish (SkyScenarioDocument  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sky_scenario_document_load_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sky_scenario_document_restore_recovery_async:
 *
 * Reads the changes kept before a crash in a worker thread and makes them the document's
 * scenario, modified, with the file they belong to.
 */
void
sky_scenario_document_restore_recovery_async (SkyScenarioDocument *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_scenario_document_restore_recovery_async);
  start_load (self, task, NULL);
}

gboolean
sky_scenario_document_restore_recovery_finish (SkyScenarioDocument  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sky_scenario_document_restore_recovery_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving ----------------------------------------------------------------------------------- */

typedef struct
{
  SkyScenario *scenario;
  char        *path;
  GFile       *file;
  guint        serial;      /* of the changes saved */
  gboolean     first;       /* the scenario had no file: it took the untitled candidates */
  gboolean     saved;
  GError      *error;
} Save;

static void
save_free (Save *save)
{
  sky_scenario_free (save->scenario);
  g_free (save->path);
  g_clear_object (&save->file);
  g_clear_error (&save->error);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Save *save = task_data;

  save->saved = sky_scenario_save (save->scenario, save->path, &save->error);
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = G_TASK (object);
  SkyScenarioDocument *self = g_task_get_source_object (task);
  Save *save = g_task_get_task_data (G_TASK (result));

  self->saving--;
  if (!save->saved)
    {
      update_busy (self);
      g_task_return_error (task, g_steal_pointer (&save->error));
      return;
    }
  /* The candidates written into the file are the scenario's from now on. */
  if (save->first && self->file == NULL)
    {
      g_ptr_array_set_size (self->scenario->kept_offers, 0);
      for (guint i = 0; i < save->scenario->kept_offers->len; i++)
        g_ptr_array_add (self->scenario->kept_offers,
                         sky_kept_offer_copy (g_ptr_array_index (save->scenario->kept_offers,
                                                                 i)));
    }
  if (g_set_object (&self->file, save->file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  /* Changes made while it was being written are still to be saved. */
  if (save->serial == self->serial)
    {
      forget_recovery (self);
      set_modified (self, FALSE);
    }
  update_title (self);
  update_busy (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  g_task_return_boolean (task, TRUE);
}

/**
 * sky_scenario_document_save_async:
 * @file: where to save the scenario, a local file; it becomes the document's file
 *
 * Writes the scenario as it is now to @file in a worker thread, durably (temporary file,
 * fsync, rename), recording the sheets it was priced against. The document is no longer
 * modified once it is saved, unless it changed meanwhile; when saving fails it stays
 * modified and sky_scenario_document_save_finish() says why.
 */
void
sky_scenario_document_save_async (SkyScenarioDocument *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Save *save;

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_scenario_document_save_async);
  save = g_new0 (Save, 1);
  save->path = g_file_get_path (file);
  if (save->path == NULL)
    {
      save_free (save);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Scenarios can be saved to local files only"));
      return;
    }
  save->scenario = sky_scenario_copy (self->scenario);
  /* Saved for the first time (Save As of a new scenario): the candidates shown go with it. */
  if (self->file == NULL)
    {
      save->first = TRUE;
      g_ptr_array_set_size (save->scenario->kept_offers, 0);
      for (guint i = 0; i < self->untitled_kept->len; i++)
        g_ptr_array_add (save->scenario->kept_offers,
                         sky_kept_offer_copy (g_ptr_array_index (self->untitled_kept, i)));
    }
  save->file = g_object_ref (file);
  save->serial = self->serial;
  self->saving++;
  update_busy (self);
  sky_thread_task_run (task, cancellable, sky_scenario_document_save_async, save,
                       (GDestroyNotify) save_free, save_thread, saved_cb);
}

gboolean
sky_scenario_document_save_finish (SkyScenarioDocument  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sky_scenario_document_save_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The catalog ------------------------------------------------------------------------------ */

/* Opens a catalog connection of the document's own at @path, for pricing in a worker thread. */
gboolean
sky_scenario_document_set_catalog_path (SkyScenarioDocument  *self,
                                        const char           *path,
                                        GError              **error)
{
  SkyCatalog *catalog;

  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  catalog = sky_catalog_open (path, error);
  if (catalog == NULL)
    return FALSE;
  g_clear_object (&self->catalog);
  self->catalog = catalog;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  sky_scenario_document_catalog_changed (self);
  return TRUE;
}

/* The catalog's sheets changed: price again, and tell the views. */
void
sky_scenario_document_catalog_changed (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  /* Listed once here, not by every view at every edit: on the main thread, the listing would
   * wait for a pricing under way on the same connection. */
  touch (self);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  if (self->catalog != NULL)
    self->sheets = sky_catalog_list_sheets (self->catalog, NULL);
  /* A new scenario made before the catalog had sheets (the first start) starts with the
   * providers that came, as if it had been made now. */
  if (is_untouched_new (self))
    add_current_providers (self, self->scenario);
  estimate_now (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * sky_scenario_document_hold_pricing:
 *
 * The catalog is being filled (the bundled sheets, at the first start): the scenario is not
 * priced until sky_scenario_document_release_pricing(), which prices it once if it was asked
 * for meanwhile. Until then the document is busy pricing.
 */
void
sky_scenario_document_hold_pricing (SkyScenarioDocument *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));
  self->held = TRUE;
}

/**
 * sky_scenario_document_release_pricing:
 *
 * Ends sky_scenario_document_hold_pricing(): the pricing asked for meanwhile, if any, starts.
 */
void
sky_scenario_document_release_pricing (SkyScenarioDocument *self)
{
  gboolean waiting, check_newer;

  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (self));

  if (!self->held)
    return;
  waiting = self->held_waiting;
  check_newer = self->held_check_newer;
  self->held = FALSE;
  self->held_waiting = FALSE;
  self->held_check_newer = FALSE;
  if (waiting)
    estimate_now (self, check_newer);
}

SkyCatalog *
sky_scenario_document_get_catalog (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->catalog;
}

/**
 * sky_scenario_document_get_sheets:
 *
 * Returns: (transfer none) (nullable): the catalog's price sheets (SkySheetInfo) as they were
 *   at its last change (sky_scenario_document_catalog_changed()); %NULL without a catalog
 */
GPtrArray *
sky_scenario_document_get_sheets (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->sheets;
}

/* Getters ---------------------------------------------------------------------------------- */

const SkyScenario *
sky_scenario_document_get_scenario (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->scenario;
}

const SkyEstimate *
sky_scenario_document_get_estimate (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->estimate;
}

/* Why the scenario could not be priced, or NULL. */
const char *
sky_scenario_document_get_estimate_error (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->estimate_error;
}

GFile *
sky_scenario_document_get_file (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->file;
}

const char *
sky_scenario_document_get_title (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->title;
}

gboolean
sky_scenario_document_get_modified (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->modified;
}

/* Pricing, loading or saving is under way. */
gboolean
sky_scenario_document_get_busy (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->busy;
}

gboolean
sky_scenario_document_get_can_undo (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->can_undo;
}

gboolean
sky_scenario_document_get_can_redo (SkyScenarioDocument *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->can_redo;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
sky_scenario_document_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SkyScenarioDocument *self = SKY_SCENARIO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_ESTIMATE:
      g_value_set_pointer (value, self->estimate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_scenario_document_dispose (GObject *object)
{
  SkyScenarioDocument *self = SKY_SCENARIO_DOCUMENT (object);

  /* Pricing under way finds a newer generation and drops its result. */
  self->generation++;
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  G_OBJECT_CLASS (sky_scenario_document_parent_class)->dispose (object);
}

static void
sky_scenario_document_finalize (GObject *object)
{
  SkyScenarioDocument *self = SKY_SCENARIO_DOCUMENT (object);

  g_clear_pointer (&self->scenario, sky_scenario_free);
  g_clear_pointer (&self->estimate, sky_estimate_free);
  g_clear_pointer (&self->estimate_error, g_free);
  g_clear_pointer (&self->projections, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->untitled_kept, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_scenario_document_parent_class)->finalize (object);
}

static void
sky_scenario_document_class_init (SkyScenarioDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sky_scenario_document_get_property;
  object_class->dispose = sky_scenario_document_dispose;
  object_class->finalize = sky_scenario_document_finalize;

  /* The catalog connection the scenario is priced on. */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SKY_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The file the scenario is saved in; NULL until it is. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The file's name or the scenario's, marked while it has unsaved changes. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Pricing, loading or saving is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The SkyEstimate of the scenario as it was last priced, or NULL (then perhaps an error);
   * told when either changes. */
  properties[PROP_ESTIMATE] =
    g_param_spec_pointer ("estimate", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SkyScenarioDocument::changed:
   *
   * The scenario changed, another replaced it, or the catalog it is priced from changed:
   * what shows it should show it again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /**
   * SkyScenarioDocument::loaded:
   *
   * Another scenario replaced the one shown (new, opened, restored); ::changed follows.
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /**
   * SkyScenarioDocument::newer-prices:
   * @changes: (nullable): the SkyEstimateChange list re-pricing makes, or NULL when the
   *   sheets recorded cannot price it
   * @current: the SkyEstimate against the current sheets
   * @error: (nullable): why the sheets recorded cannot price it
   *
   * A scenario just opened was priced against older sheets than the current ones;
   * sky_scenario_document_reprice() takes the current ones.
   */
  signals[SIGNAL_NEWER_PRICES] = g_signal_new ("newer-prices", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_POINTER,
                                               G_TYPE_STRING);
  /**
   * SkyScenarioDocument::saved:
   *
   * The scenario was written to its file, which may be the one it was in before.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
sky_scenario_document_init (SkyScenarioDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  self->untitled_kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  self->scenario = sky_scenario_new (_("Untitled Scenario"), "USD");
  update_title (self);
}

SkyScenarioDocument *
sky_scenario_document_new (void)
{
  return g_object_new (SKY_TYPE_SCENARIO_DOCUMENT, NULL);
}
