/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void sky_thread_task_run (gpointer             owner,
                          GCancellable        *cancellable,
                          gpointer             source_tag,
                          gpointer             task_data,
                          GDestroyNotify       task_data_destroy,
                          GTaskThreadFunc      thread_func,
                          GAsyncReadyCallback  callback);

G_END_DECLS
