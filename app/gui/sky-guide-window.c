/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally"

#include "config.h"

#include "sky-guide-window.h"

/* The guide (F1): a real question walked through from the example scenario, which its button
 * opens in the window it was opened from. It stays open beside the window while the user
 * follows it. */

struct _SkyGuideWindow
{
  AdwWindow  parent_instance;

  GtkWidget *example_button;
};

G_DEFINE_FINAL_TYPE (SkyGuideWindow, sky_guide_window, ADW_TYPE_WINDOW)

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-example", NULL);
}

static void
sky_guide_window_class_init (SkyGuideWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-guide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyGuideWindow, example_button);
  gtk_widget_class_install_action (widget_class, "guide.open-example", NULL,
                                   open_example_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sky_guide_window_init (SkyGuideWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The guide, beside @parent, whose scenario its button replaces with the example. */
SkyGuideWindow *
sky_guide_window_new (GtkWindow *parent)
{
  return g_object_new (SKY_TYPE_GUIDE_WINDOW, "transient-for", parent, "destroy-with-parent",
                       TRUE, NULL);
}
