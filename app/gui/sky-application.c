/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-catalog.h"
#include "skytally-resources.h"
#include "sky-application.h"
#include "sky-gui-util.h"
#include "sky-opening-window.h"
#include "sky-thread-task.h"
#include "sky-window.h"

/* How long opening the catalog may take before a window says what is going on. */
#define OPENING_NOTICE_MS 400

struct _SkyApplication
{
  AdwApplication  parent_instance;

  SkyCatalog     *catalog;
  GSettings      *settings;

  /* While the catalog is opened in a thread (a catalog of an earlier version is converted
   * first): what was asked for meanwhile is done when it is open. */
  GCancellable   *opening;
  guint           opening_notice;
  GtkWindow      *opening_window;
  GPtrArray      *files;
};

G_DEFINE_FINAL_TYPE (SkyApplication, sky_application, ADW_TYPE_APPLICATION)

static SkyWindow *
find_window (SkyApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SKY_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Shows the main window on the open catalog and does what was asked for. */
static void
show_window (SkyApplication *self)
{
  SkyWindow *window = find_window (self);
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->files);
  gboolean started = window == NULL;

  if (started)
    {
      window = sky_window_new (self, self->catalog);
      /* On the first start (or after one that was interrupted), load the bundled sheets, with
       * progress. */
      sky_window_load_bundled_sheets (window);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (files != NULL)
    sky_window_open_files (window, files);
  /* After a crash, the changes a scenario had not saved are offered back at every start, also
   * one that opened a file; opening it left them where they were. */
  if (started)
    sky_window_offer_recovery (window);
}

static void
show_open_error (SkyApplication *self,
                 const GError   *error)
{
  GtkWidget *dialog = sky_gui_util_error_dialog_new (NULL, _("Could Not Open the Catalog"),
                                                     error->message);

  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closing the notice cancels the opening; it stays, inactive, until the catalog is as it was. */
static gboolean
opening_window_close_request_cb (GtkWindow      *window,
                                 SkyApplication *self)
{
  if (self->opening == NULL)
    return FALSE;
  g_cancellable_cancel (self->opening);
  gtk_widget_set_sensitive (GTK_WIDGET (window), FALSE);
  return TRUE;
}

static gboolean
opening_notice_cb (gpointer user_data)
{
  SkyApplication *self = user_data;

  self->opening_notice = 0;
  self->opening_window = GTK_WINDOW (sky_opening_window_new (GTK_APPLICATION (self)));
  g_object_add_weak_pointer (G_OBJECT (self->opening_window),
                             (gpointer *) &self->opening_window);
  g_signal_connect (self->opening_window, "close-request",
                    G_CALLBACK (opening_window_close_request_cb), self);
  gtk_window_present (self->opening_window);
  return G_SOURCE_REMOVE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SkyCatalog *catalog = sky_catalog_open_cancellable (task_data, cancellable, &error);

  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, g_object_unref);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SkyApplication *self = SKY_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean cancelled = g_cancellable_is_cancelled (self->opening);

  g_clear_object (&self->opening);
  g_clear_handle_id (&self->opening_notice, g_source_remove);

  if (catalog != NULL && !cancelled)
    {
      self->catalog = g_steal_pointer (&catalog);
      show_window (self);
    }
  else
    {
      /* Cancelled, the catalog is as it was (or converted, if that had just finished), and
       * what was asked for is dropped with it. */
      g_clear_pointer (&self->files, g_ptr_array_unref);
      if (!cancelled)
        show_open_error (self, error);
    }
  if (self->opening_window != NULL)
    gtk_window_destroy (self->opening_window);
  g_application_release (G_APPLICATION (self));
}

/* Shows the main window, once the catalog is open: it is opened in a thread on first use. */
static void
ensure_window (SkyApplication *self)
{
  g_autofree char *path = NULL;

  if (self->catalog != NULL)
    {
      show_window (self);
      return;
    }
  if (self->opening != NULL)
    {
      if (self->opening_window != NULL)
        gtk_window_present (self->opening_window);
      return;
    }

  path = sky_catalog_default_path ();
  self->opening = g_cancellable_new ();
  self->opening_notice = g_timeout_add (OPENING_NOTICE_MS, opening_notice_cb, self);
  g_application_hold (G_APPLICATION (self));
  sky_thread_task_run (self, self->opening, ensure_window, g_steal_pointer (&path), g_free,
                       open_thread, opened_cb);
}

static void
sky_application_activate (GApplication *app)
{
  ensure_window (SKY_APPLICATION (app));
}

/* Price sheets opened from the file manager or the command line are imported; scenarios are
 * opened. */
static void
sky_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  SkyApplication *self = SKY_APPLICATION (app);

  if (self->files == NULL)
    self->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->files, g_object_ref (files[i]));
  ensure_window (self);
}

static void
sky_application_dispose (GObject *object)
{
  SkyApplication *self = SKY_APPLICATION (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_handle_id (&self->opening_notice, g_source_remove);

  G_OBJECT_CLASS (sky_application_parent_class)->dispose (object);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Skytally developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Skytally"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Compare cloud services and know what they will cost"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

/* The style the user chose in Preferences, or the system's. */
static void
apply_color_scheme (SkyApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
sky_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  SkyApplication *self = SKY_APPLICATION (app);

  G_APPLICATION_CLASS (sky_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_swapped (self->settings, "changed::color-scheme",
                            G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
sky_application_class_init (SkyApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sky_application_dispose;

  /* Registered here, not by a constructor, so that linking the static library keeps it. */
  skytally_register_resource ();

  app_class->activate = sky_application_activate;
  app_class->open = sky_application_open;
  app_class->startup = sky_application_startup;
}

static void
sky_application_init (SkyApplication *self)
{
}

/* The renderer GTK should draw with on this machine, or NULL for GTK's own choice.
 *
 * From 4.14 on, GTK draws with cairo when OpenGL would be rendered in software (llvmpipe): on
 * the processor, cairo is faster and takes less memory. Older GTK renders OpenGL in software.
 * Without a graphics device in @device_dir (/dev/dri) OpenGL can only be rendered in software,
 * so there older GTK is told to use cairo as newer GTK would. */
const char *
sky_renderer_for_machine (guint       gtk_minor,
                          const char *device_dir)
{
  g_autoptr(GDir) dir = NULL;

  if (gtk_minor >= 14)
    return NULL;
  dir = g_dir_open (device_dir, 0, NULL);
  if (dir != NULL && g_dir_read_name (dir) != NULL)
    return NULL;
  return "cairo";
}

/* The value GDK_DEBUG should have when GTK draws with @renderer (GSK_RENDERER's value, or
 * NULL for GTK's own choice), given its value @gdk_debug now; NULL when it needs no change.
 *
 * GTK before 4.14 opens an OpenGL context when it opens the display, whatever the renderer:
 * in software (llvmpipe) that loads Mesa and costs some 60 MB that a window drawn with cairo
 * never uses. Its "gl-disable" debug key skips that; GTK 4.16 took the key out of GDK_DEBUG,
 * so it is only added before. The user's own keys are kept. */
char *
sky_gdk_debug_for_renderer (guint       gtk_minor,
                            const char *renderer,
                            const char *gdk_debug)
{
  g_auto(GStrv) keys = NULL;

  if (gtk_minor >= 16 || g_strcmp0 (renderer, "cairo") != 0)
    return NULL;
  if (gdk_debug == NULL || *gdk_debug == '\0')
    return g_strdup ("gl-disable");
  /* GDK reads keys separated by any of these. */
  keys = g_strsplit_set (gdk_debug, ":;, \t", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (keys[i], "gl-disable") == 0 ||
        g_ascii_strcasecmp (keys[i], "all") == 0)
      return NULL;
  return g_strconcat (gdk_debug, ",gl-disable", NULL);
}

/* Call first in main(), before any thread starts and before GTK opens the display: it may set
 * GSK_RENDERER, unless the user has set it already, and then GDK_DEBUG, so that GTK does not
 * load OpenGL for a window it draws with cairo. */
void
sky_application_choose_renderer (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  g_autofree char *gdk_debug = NULL;

  if (renderer == NULL)
    {
      renderer = sky_renderer_for_machine (gtk_get_minor_version (), "/dev/dri");
      if (renderer != NULL)
        g_setenv ("GSK_RENDERER", renderer, TRUE);
    }
  gdk_debug = sky_gdk_debug_for_renderer (gtk_get_minor_version (), renderer,
                                          g_getenv ("GDK_DEBUG"));
  if (gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
}

SkyApplication *
sky_application_new (void)
{
  return g_object_new (SKY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/skytally/Skytally",
                       NULL);
}
