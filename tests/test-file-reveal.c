/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>

#include <gio/gunixfdlist.h>
#include <glib/gstdio.h>

#include "sky-file-reveal.h"
#include "sky-test-util.h"

/* Show in Folder, on a private session bus: outside a sandbox it asks the file manager
 * (org.freedesktop.FileManager1) to show the file's URI; in the Flatpak sandbox it gives the
 * OpenURI portal the file itself, as an open descriptor. Stand-ins for both services record
 * what they were asked. */

static const char introspection[] =
  "<node>"
  "  <interface name='org.freedesktop.FileManager1'>"
  "    <method name='ShowItems'>"
  "      <arg type='as' name='uris' direction='in'/>"
  "      <arg type='s' name='startup_id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.freedesktop.portal.OpenURI'>"
  "    <method name='OpenDirectory'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='h' name='fd' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char    *shown_uri;       /* what ShowItems was given */
  ino_t    portal_inode;    /* the file OpenDirectory was given */
  gboolean portal_called;
  gboolean done;
  gboolean result;
} Calls;

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  Calls *calls = user_data;

  if (g_strcmp0 (method, "ShowItems") == 0)
    {
      g_autofree const char **uris = NULL;
      const char *startup = NULL;

      g_variant_get (parameters, "(^a&s&s)", &uris, &startup);
      g_assert_cmpuint (g_strv_length ((char **) uris), ==, 1);
      calls->shown_uri = g_strdup (uris[0]);
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }
  if (g_strcmp0 (method, "OpenDirectory") == 0)
    {
      GUnixFDList *fds = g_dbus_message_get_unix_fd_list (
        g_dbus_method_invocation_get_message (invocation));
      g_autoptr(GError) error = NULL;
      gint32 handle = -1;
      struct stat st;
      int fd;

      g_variant_get (parameters, "(&sha{sv})", NULL, &handle, NULL);
      g_assert_nonnull (fds);
      fd = g_unix_fd_list_get (fds, handle, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fstat (fd, &st), ==, 0);
      calls->portal_inode = st.st_ino;
      calls->portal_called = TRUE;
      g_close (fd, NULL);
      g_dbus_method_invocation_return_value (invocation,
        g_variant_new ("(o)", "/org/freedesktop/portal/desktop/request/1_1/t"));
      return;
    }
  g_assert_not_reached ();
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Calls *calls = user_data;
  g_autoptr(GError) error = NULL;

  calls->result = sky_file_show_in_folder_finish (result, &error);
  g_assert_no_error (error);
  calls->done = TRUE;
}

/* Serves @interface at @path under @name on the test bus, for @calls. */
static guint
serve (GDBusConnection *bus,
       const char      *name,
       const char      *path,
       const char      *interface,
       Calls           *calls)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint id;

  id = g_dbus_connection_register_object (bus, path,
                                          g_dbus_node_info_lookup_interface (info, interface),
                                          &vtable, calls, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static char *
written_file (char **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = sky_test_make_dir ();
  path = g_build_filename (*dir, "finance.xlsx", NULL);
  g_file_set_contents (path, "PK", 2, &error);
  g_assert_no_error (error);
  return path;
}

/* Outside a sandbox: the file manager is asked to show the file's URI. */
static void
test_file_manager (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = written_file (&dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  Calls calls = { 0 };
  guint id;

  g_assert_nonnull (bus);
  g_setenv ("SKYTALLY_TEST_SANDBOXED", "0", TRUE);
  id = serve (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
              "org.freedesktop.FileManager1", &calls);
  sky_file_show_in_folder (NULL, file, shown_cb, &calls);
  while (!calls.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (calls.result);
  g_assert_cmpstr (calls.shown_uri, ==, uri);
  g_assert_false (calls.portal_called);
  g_dbus_connection_unregister_object (bus, id);
  g_free (calls.shown_uri);
  sky_test_remove_tree (dir);
}

/* In the sandbox: the portal is given the file itself, not a path that means nothing outside. */
static void
test_portal (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = written_file (&dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Calls calls = { 0 };
  struct stat st;
  guint id;

  g_assert_nonnull (bus);
  g_setenv ("SKYTALLY_TEST_SANDBOXED", "1", TRUE);
  id = serve (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
              "org.freedesktop.portal.OpenURI", &calls);
  sky_file_show_in_folder (NULL, file, shown_cb, &calls);
  while (!calls.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (calls.result);
  g_assert_true (calls.portal_called);
  g_assert_null (calls.shown_uri);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (calls.portal_inode, ==, st.st_ino);
  g_dbus_connection_unregister_object (bus, id);
  sky_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GTestDBus) dbus = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A private session bus, before anything connects to one. */
  dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (dbus);

  g_test_add_func ("/sky/file-reveal/file-manager", test_file_manager);
  g_test_add_func ("/sky/file-reveal/portal", test_portal);
  status = g_test_run ();
  g_test_dbus_down (dbus);
  return status;
}
