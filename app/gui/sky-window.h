/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-application.h"
#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_WINDOW (sky_window_get_type ())

G_DECLARE_FINAL_TYPE (SkyWindow, sky_window, SKY, WINDOW, AdwApplicationWindow)

/* How the window is laid out for its width. */
typedef enum
{
  SKY_LAYOUT_WIDE,     /* the details pane beside the tables, as the user chose */
  SKY_LAYOUT_FOLDED,   /* below 900 pixels: the pane beside the tables only while asked for */
  SKY_LAYOUT_NARROW,   /* below 600 pixels: the pane a flap over the tables, the view switcher
                        * at the bottom */
} SkyLayout;

SkyWindow *sky_window_new                  (SkyApplication *application,
                                            SkyCatalog     *catalog);
void       sky_window_import_files         (SkyWindow      *self,
                                            GPtrArray      *files);
void       sky_window_open_files           (SkyWindow      *self,
                                            GPtrArray      *files);
void       sky_window_load_bundled_sheets  (SkyWindow      *self);
gboolean   sky_window_offer_recovery       (SkyWindow      *self);
gboolean   sky_window_get_busy             (SkyWindow      *self);
SkyLayout  sky_window_get_layout           (SkyWindow      *self);

G_END_DECLS
