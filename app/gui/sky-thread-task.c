/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-thread-task"

#include "config.h"

#include "sky-thread-task.h"

/* A GTask run in a thread keeps a reference to itself until its function has returned, and
 * drops it in that thread, possibly after the main thread has dropped its own. A task whose
 * source object is a widget may so finalize the widget in the worker thread. These tasks have
 * no source object: the owner travels with the callback, whose reference is always dropped in
 * the main thread. */

typedef struct
{
  GObject             *owner;
  GAsyncReadyCallback  callback;
} Pending;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;

  pending->callback (pending->owner, result, NULL);
  g_object_unref (pending->owner);
  g_free (pending);
}

/**
 * sky_thread_task_run:
 * @owner: the object the work is for, passed to @callback as its source object
 * @thread_func: the work, run in a thread; its source object is %NULL, so it reads everything
 *   it needs from @task_data
 *
 * Runs @thread_func in a thread and then @callback in the thread-default main context of the
 * caller. @owner is kept alive until @callback has returned and is released there, never in
 * the worker thread; @task_data may be freed in either.
 */
void
sky_thread_task_run (gpointer             owner,
                     GCancellable        *cancellable,
                     gpointer             source_tag,
                     gpointer             task_data,
                     GDestroyNotify       task_data_destroy,
                     GTaskThreadFunc      thread_func,
                     GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;
  Pending *pending;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (thread_func != NULL && callback != NULL);

  pending = g_new0 (Pending, 1);
  pending->owner = g_object_ref (owner);
  pending->callback = callback;
  task = g_task_new (NULL, cancellable, done_cb, pending);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_destroy);
  g_task_run_in_thread (task, thread_func);
}
