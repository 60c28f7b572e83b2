/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-window"

#include "config.h"

#include "sky-window.h"

struct _SkyWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (SkyWindow, sky_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sky_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SKY_TYPE_WINDOW);

  G_OBJECT_CLASS (sky_window_parent_class)->dispose (object);
}

static void
sky_window_class_init (SkyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/skytally/Skytally/sky-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, status_page);
}

static void
sky_window_init (SkyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SkyWindow *
sky_window_new (SkyApplication *application)
{
  return g_object_new (SKY_TYPE_WINDOW, "application", application, NULL);
}
