/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "sky-application.h"
#include "sky-window.h"

static SkyApplication *
registered_application (void)
{
  SkyApplication *app = sky_application_new ();
  g_autoptr(GError) error = NULL;

  /* No session bus in tests: run as a non-unique instance. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static void
test_application_actions (void)
{
  g_autoptr(SkyApplication) app = registered_application ();
  g_auto(GStrv) accels = NULL;

  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "quit") != NULL);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "about") != NULL);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");
}

static void
test_window_template (void)
{
  g_autoptr(SkyApplication) app = registered_application ();
  SkyWindow *window = sky_window_new (app);
  GtkWidget *content;

  g_object_ref_sink (window);
  g_assert_true (SKY_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Skytally");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));

  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (GTK_IS_BOX (content));
  g_assert_true (ADW_IS_HEADER_BAR (gtk_widget_get_first_child (content)));
  g_assert_true (ADW_IS_STATUS_PAGE (gtk_widget_get_last_child (content)));

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/window/application-actions", test_application_actions);
  g_test_add_func ("/sky/window/template", test_window_template);

  return g_test_run ();
}
