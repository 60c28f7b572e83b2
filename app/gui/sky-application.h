/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SKY_TYPE_APPLICATION (sky_application_get_type ())

G_DECLARE_FINAL_TYPE (SkyApplication, sky_application, SKY, APPLICATION, AdwApplication)

SkyApplication *sky_application_new             (void);
const char     *sky_renderer_for_machine        (guint       gtk_minor,
                                                 const char *device_dir);
char           *sky_gdk_debug_for_renderer      (guint       gtk_minor,
                                                 const char *renderer,
                                                 const char *gdk_debug);
void            sky_application_choose_renderer (void);

G_END_DECLS
