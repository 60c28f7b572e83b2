/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally"

#include "config.h"

#include <fcntl.h>

#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sky-file-reveal.h"

/* A file just written, opened with its default application or shown in its folder. Outside a
 * sandbox, GIO opens it and the file manager's org.freedesktop.FileManager1 shows it; in the
 * Flatpak sandbox, GIO goes through the OpenURI portal, and its OpenDirectory shows the folder
 * with the file selected. A session without a file manager service gets the folder opened. */

#define PORTAL_BUS "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_OPEN_URI "org.freedesktop.portal.OpenURI"
#define FILE_MANAGER_BUS "org.freedesktop.FileManager1"
#define FILE_MANAGER_PATH "/org/freedesktop/FileManager1"

static GAppLaunchContext *
launch_context (GtkWindow *parent)
{
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                       : gdk_display_get_default ();

  return display != NULL ? G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display))
                         : NULL;
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Opens @file with the application the desktop has for its type. */
void
sky_file_open_default (GtkWindow           *parent,
                       GFile               *file,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GAppLaunchContext) context = launch_context (parent);
  g_autofree char *uri = g_file_get_uri (file);
  GTask *task = g_task_new (parent, NULL, callback, user_data);

  g_task_set_source_tag (task, sky_file_open_default);
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched_cb, task);
}

gboolean
sky_file_open_default_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
sandboxed (void)
{
  const char *override = g_getenv ("SKYTALLY_TEST_SANDBOXED");

  if (override != NULL)
    return g_strcmp0 (override, "1") == 0;
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* No file manager answered: the folder, opened as any folder is. */
static void
open_folder (GTask *task)
{
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = folder != NULL ? g_file_get_uri (folder) : g_file_get_uri (file);
  g_autoptr(GAppLaunchContext) context = launch_context (g_task_get_source_object (task));

  g_app_info_launch_default_for_uri_async (uri, context, NULL, folder_opened_cb, task);
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL,
                                                           result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_debug ("Showing the file in its folder failed (%s); opening the folder", error->message);
  open_folder (g_steal_pointer (&task));
}

static void
bus_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("No session bus (%s); opening the folder", error->message);
      open_folder (g_steal_pointer (&task));
      return;
    }
  if (sandboxed ())
    {
      /* The portal takes the file as an open descriptor: the sandbox's path means nothing
       * outside it. */
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
      int fd = path != NULL ? g_open (path, O_RDONLY | O_CLOEXEC, 0) : -1;
      int handle;

      if (fd < 0 || (handle = g_unix_fd_list_append (fds, fd, &error)) < 0)
        {
          if (fd >= 0)
            g_close (fd, NULL);
          open_folder (g_steal_pointer (&task));
          return;
        }
      g_close (fd, NULL);
      g_dbus_connection_call_with_unix_fd_list (
        bus, PORTAL_BUS, PORTAL_PATH, PORTAL_OPEN_URI, "OpenDirectory",
        g_variant_new ("(sha{sv})", "", handle, NULL), NULL, G_DBUS_CALL_FLAGS_NONE, -1, fds,
        NULL, shown_cb, g_steal_pointer (&task));
      return;
    }
  {
    g_autofree char *uri = g_file_get_uri (file);
    const char *uris[] = { uri, NULL };

    g_dbus_connection_call_with_unix_fd_list (
      bus, FILE_MANAGER_BUS, FILE_MANAGER_PATH, FILE_MANAGER_BUS, "ShowItems",
      g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL,
      shown_cb, g_steal_pointer (&task));
  }
}

/* Shows @file in its folder, selected, in the file manager. */
void
sky_file_show_in_folder (GtkWindow           *parent,
                         GFile               *file,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (parent, NULL, callback, user_data);

  g_task_set_source_tag (task, sky_file_show_in_folder);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_cb, task);
}

gboolean
sky_file_show_in_folder_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
