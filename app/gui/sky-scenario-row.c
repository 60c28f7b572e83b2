/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-scenario-row.h"

/* A row of the scenario page's table: the index of a line in the scenario, whose figures the
 * page's estimate holds. */
struct _SkyScenarioRow
{
  GObject parent_instance;

  guint   index;
};

G_DEFINE_FINAL_TYPE (SkyScenarioRow, sky_scenario_row, G_TYPE_OBJECT)

static void
sky_scenario_row_class_init (SkyScenarioRowClass *klass)
{
}

static void
sky_scenario_row_init (SkyScenarioRow *self)
{
}

SkyScenarioRow *
sky_scenario_row_new (guint index)
{
  SkyScenarioRow *self = g_object_new (SKY_TYPE_SCENARIO_ROW, NULL);

  self->index = index;
  return self;
}

guint
sky_scenario_row_get_index (SkyScenarioRow *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_ROW (self), 0);
  return self->index;
}
