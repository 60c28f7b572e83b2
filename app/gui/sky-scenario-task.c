/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-scenario-task"

#include "config.h"

#include "sky-scenario-task.h"
#include "sky-thread-task.h"

/* A page that shows what is computed from its scenario (a projection, a scoring) does the work
 * in a worker thread on a copy of the scenario, and counts its requests: a result that comes
 * back after a newer request, or after the page has gone, is of an older scenario and is
 * dropped. */

typedef struct
{
  SkyCatalog          *catalog;
  SkyScenario         *scenario;
  guint                generation;
  SkyScenarioTaskFunc  func;
  gpointer             result;
  GDestroyNotify       result_free;
  GError              *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_clear_pointer (&job->scenario, sky_scenario_free);
  if (job->result != NULL)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_free (job);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;

  job->result = job->func (job->catalog, job->scenario, &job->error);
  g_task_return_boolean (task, TRUE);
}

/**
 * sky_scenario_task_run:
 * @owner: the object the work is for, passed to @callback as its source object
 * @document: a document with a catalog; its scenario is copied, so that the work reads it while
 *   the document is edited
 * @generation: the owner's count of requests, when this one is made
 * @func: the work, run in a thread with the document's catalog and the copy of its scenario
 * @result_free: frees a result of @func that the callback did not take
 *
 * Runs @func in a worker thread, then @callback in the main thread (see sky_thread_task_run()).
 * The callback first asks sky_scenario_task_is_stale(), then takes the result with
 * sky_scenario_task_finish().
 */
void
sky_scenario_task_run (gpointer             owner,
                       SkyScenarioDocument *document,
                       guint                generation,
                       SkyScenarioTaskFunc  func,
                       GDestroyNotify       result_free,
                       GAsyncReadyCallback  callback)
{
  Job *job;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (document));
  g_return_if_fail (sky_scenario_document_get_catalog (document) != NULL);
  g_return_if_fail (func != NULL && result_free != NULL && callback != NULL);

  job = g_new0 (Job, 1);
  job->scenario = sky_scenario_copy (sky_scenario_document_get_scenario (document));
  job->catalog = g_object_ref (sky_scenario_document_get_catalog (document));
  job->generation = generation;
  job->func = func;
  job->result_free = result_free;
  sky_thread_task_run (owner, NULL, sky_scenario_task_run, job, (GDestroyNotify) job_free,
                       work_thread, callback);
}

/* A projection the document shares, answered to @owner's callback as a task: the owner is
 * kept until its callback has returned. */
typedef struct
{
  GObject             *owner;
  GAsyncReadyCallback  callback;
} Pending;

static void
pending_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;

  pending->callback (pending->owner, result, NULL);
  g_object_unref (pending->owner);
  g_free (pending);
}

static void
shared_projection_cb (const SkyScenario *scenario,
                      SkyProjection     *projection,
                      const GError      *error,
                      gpointer           user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);

  job->scenario = sky_scenario_copy (scenario);
  job->result = projection != NULL ? sky_projection_ref (projection) : NULL;
  job->error = error != NULL ? g_error_copy (error) : NULL;
  g_task_return_boolean (task, TRUE);
}

/**
 * sky_scenario_task_project:
 * @months: 12 to 60, or 0 for the scenario's own
 *
 * As sky_scenario_task_run() with a projection of the scenario over @months for its work:
 * the one the document makes for every page that asks for it at this revision of the scenario
 * (sky_scenario_document_project()). sky_scenario_task_finish() gives a reference to it, freed
 * with sky_projection_free().
 */
void
sky_scenario_task_project (gpointer             owner,
                           SkyScenarioDocument *document,
                           guint                generation,
                           guint                months,
                           GAsyncReadyCallback  callback)
{
  Pending *pending;
  GTask *task;
  Job *job;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (document));
  g_return_if_fail (sky_scenario_document_get_catalog (document) != NULL);
  g_return_if_fail (callback != NULL);

  job = g_new0 (Job, 1);
  job->generation = generation;
  job->result_free = (GDestroyNotify) sky_projection_free;
  pending = g_new0 (Pending, 1);
  pending->owner = g_object_ref (owner);
  pending->callback = callback;
  task = g_task_new (NULL, NULL, pending_done_cb, pending);
  g_task_set_source_tag (task, sky_scenario_task_project);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  sky_scenario_document_project (document, months, shared_projection_cb, task);
}

/**
 * sky_scenario_task_is_stale:
 * @generation: the owner's count of requests now
 *
 * Returns: whether a newer request was made since the one @result answers
 */
gboolean
sky_scenario_task_is_stale (GAsyncResult *result,
                            guint         generation)
{
  Job *job;

  g_return_val_if_fail (G_IS_TASK (result), TRUE);

  job = g_task_get_task_data (G_TASK (result));
  return job->generation != generation;
}

/**
 * sky_scenario_task_finish:
 * @scenario: (out) (optional) (transfer full): the copy of the scenario the work read
 *
 * Returns: (transfer full): the result of the work, or %NULL with @error set where the work
 *   set it
 */
gpointer
sky_scenario_task_finish (GAsyncResult  *result,
                          SkyScenario  **scenario,
                          GError       **error)
{
  Job *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (scenario != NULL)
    *scenario = g_steal_pointer (&job->scenario);
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  return g_steal_pointer (&job->result);
}
