/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-opening-window"

#include "config.h"

#include "sky-opening-window.h"

/* Shown while the catalog is opened, when that takes a while: a catalog saved by an earlier
 * version is converted first. Closing it (or Cancel) is the application's cue to stop. */
struct _SkyOpeningWindow
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (SkyOpeningWindow, sky_opening_window, ADW_TYPE_WINDOW)

SkyOpeningWindow *
sky_opening_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SKY_TYPE_OPENING_WINDOW, "application", application, NULL);
}

static void
sky_opening_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SKY_TYPE_OPENING_WINDOW);

  G_OBJECT_CLASS (sky_opening_window_parent_class)->dispose (object);
}

static void
sky_opening_window_class_init (SkyOpeningWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_opening_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-opening-window.ui");
}

static void
sky_opening_window_init (SkyOpeningWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
