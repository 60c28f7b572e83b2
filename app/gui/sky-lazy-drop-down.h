/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_LAZY_DROP_DOWN (sky_lazy_drop_down_get_type ())

G_DECLARE_FINAL_TYPE (SkyLazyDropDown, sky_lazy_drop_down, SKY, LAZY_DROP_DOWN, GtkWidget)

GtkWidget   *sky_lazy_drop_down_new            (void);
GListModel  *sky_lazy_drop_down_get_model      (SkyLazyDropDown *self);
void         sky_lazy_drop_down_set_model      (SkyLazyDropDown *self,
                                                GListModel      *model);
guint        sky_lazy_drop_down_get_selected   (SkyLazyDropDown *self);
void         sky_lazy_drop_down_set_selected   (SkyLazyDropDown *self,
                                                guint            position);
void         sky_lazy_drop_down_set_expression (SkyLazyDropDown *self,
                                                GtkExpression   *expression);
GtkDropDown *sky_lazy_drop_down_get_drop_down  (SkyLazyDropDown *self);
GtkDropDown *sky_lazy_drop_down_peek_drop_down (SkyLazyDropDown *self);

G_END_DECLS
