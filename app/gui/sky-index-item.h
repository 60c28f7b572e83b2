/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SKY_TYPE_INDEX_ITEM (sky_index_item_get_type ())

G_DECLARE_FINAL_TYPE (SkyIndexItem, sky_index_item, SKY, INDEX_ITEM, GObject)

SkyIndexItem *sky_index_item_new       (guint           index);
guint           sky_index_item_get_index (SkyIndexItem *self);

G_END_DECLS
