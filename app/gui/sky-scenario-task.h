/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-scenario-document.h"

G_BEGIN_DECLS

/* Work on a scenario against a catalog, run in a worker thread: its result, or NULL with
 * @error set. */
typedef gpointer (*SkyScenarioTaskFunc) (SkyCatalog         *catalog,
                                         const SkyScenario  *scenario,
                                         GError            **error);

void     sky_scenario_task_run      (gpointer              owner,
                                     SkyScenarioDocument  *document,
                                     guint                 generation,
                                     SkyScenarioTaskFunc   func,
                                     GDestroyNotify        result_free,
                                     GAsyncReadyCallback   callback);
void     sky_scenario_task_project  (gpointer              owner,
                                     SkyScenarioDocument  *document,
                                     guint                 generation,
                                     guint                 months,
                                     GAsyncReadyCallback   callback);
gboolean sky_scenario_task_is_stale (GAsyncResult         *result,
                                     guint                 generation);
gpointer sky_scenario_task_finish   (GAsyncResult         *result,
                                     SkyScenario         **scenario,
                                     GError              **error);

G_END_DECLS
