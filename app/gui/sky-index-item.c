/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-index-item.h"

/* A row of a table whose data lives elsewhere: its index there (a scenario's line, a
 * comparison's row). */
struct _SkyIndexItem
{
  GObject parent_instance;

  guint   index;
};

G_DEFINE_FINAL_TYPE (SkyIndexItem, sky_index_item, G_TYPE_OBJECT)

static void
sky_index_item_class_init (SkyIndexItemClass *klass)
{
}

static void
sky_index_item_init (SkyIndexItem *self)
{
}

SkyIndexItem *
sky_index_item_new (guint index)
{
  SkyIndexItem *self = g_object_new (SKY_TYPE_INDEX_ITEM, NULL);

  self->index = index;
  return self;
}

guint
sky_index_item_get_index (SkyIndexItem *self)
{
  g_return_val_if_fail (SKY_IS_INDEX_ITEM (self), 0);
  return self->index;
}
