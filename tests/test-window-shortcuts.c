/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shortcuts window against the accelerators the application sets: every accelerator is
 * listed there with its keys, and every key listed there does something. */
#include "config.h"

#include <adwaita.h>

#include "sky-export-dialog.h"
#include "sky-guide-window.h"
#include "sky-update-dialog.h"
#include "sky-window-test-util.h"

#define HELP_OVERLAY "/io/github/skytally/Skytally/help-overlay.ui"

/* The accelerator's canonical name, so that "<Primary>s" and "<Control>s" compare equal. */
static char *
canonical_accelerator (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &modifiers) || keyval == 0)
    return NULL;
  return gtk_accelerator_name (keyval, modifiers);
}

/* Adds to @keys (accelerator → what it does) the keys of each shortcut of @model that
 * activates a named action. */
static void
add_named_shortcuts (GListModel *model,
                     const char *owner,
                     GHashTable *keys)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (model, i);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (!GTK_IS_NAMED_ACTION (action))
        continue;
      /* Every binding of the application is a key with its modifiers. */
      g_assert_true (GTK_IS_KEYVAL_TRIGGER (trigger));
      g_hash_table_insert (keys,
                           gtk_accelerator_name (gtk_keyval_trigger_get_keyval (
                                                   GTK_KEYVAL_TRIGGER (trigger)),
                                                 gtk_keyval_trigger_get_modifiers (
                                                   GTK_KEYVAL_TRIGGER (trigger))),
                           g_strdup_printf ("%s: %s", owner,
                                            gtk_named_action_get_action_name (
                                              GTK_NAMED_ACTION (action))));
    }
}

/* The shortcuts of @widget's class (and so of its ancestors' classes), or NULL if there are
 * none. */
static GListModel *
class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller),
                     "gtk-widget-class-shortcuts") == 0)
        return G_LIST_MODEL (g_object_ref (controller));
    }
  return NULL;
}

static void
drop_widget (GtkWidget *widget)
{
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);
}

/* Adds the named-action bindings the class of @widget adds to those of the library class it
 * derives from. */
static void
add_class_bindings (GtkWidget  *widget,
                    GHashTable *keys)
{
  GType type = G_OBJECT_TYPE (widget);
  GType library_type = type;
  GtkWidget *library_widget;
  g_autoptr(GListModel) own = NULL;
  g_autoptr(GListModel) inherited = NULL;
  g_autoptr(GHashTable) own_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  g_autoptr(GHashTable) inherited_keys = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  while (g_str_has_prefix (g_type_name (library_type), "Sky"))
    library_type = g_type_parent (library_type);

  /* A class derived from GtkWidget itself, abstract, inherits no bindings to leave out. */
  library_widget = G_TYPE_IS_ABSTRACT (library_type)
                   ? NULL
                   : g_object_ref_sink (g_object_new (library_type, NULL));
  own = class_shortcuts (widget);
  inherited = library_widget != NULL ? class_shortcuts (library_widget) : NULL;
  /* A class without shortcuts gets no controller for them. */
  if (own != NULL)
    add_named_shortcuts (own, g_type_name (type), own_keys);
  if (inherited != NULL)
    add_named_shortcuts (inherited, g_type_name (library_type), inherited_keys);

  g_hash_table_iter_init (&iter, own_keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (inherited_keys, key))
      g_hash_table_insert (keys, g_strdup (key), g_strdup (value));

  if (library_widget != NULL)
    drop_widget (library_widget);
}

/* Adds the bindings of every widget class of the application under @widget, each class
 * once; @seen holds the types looked at. */
static void
add_tree_bindings (GtkWidget  *widget,
                   GHashTable *seen,
                   GHashTable *keys)
{
  GType type = G_OBJECT_TYPE (widget);

  if (g_str_has_prefix (g_type_name (type), "Sky") &&
      g_hash_table_add (seen, GSIZE_TO_POINTER (type)))
    add_class_bindings (widget, keys);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_tree_bindings (child, seen, keys);
}

/* The widget types of the application that this process has registered. */
static void
collect_types (GType      parent,
               GPtrArray *types)
{
  g_autofree GType *children = NULL;
  guint n_children = 0;

  children = g_type_children (parent, &n_children);
  for (guint i = 0; i < n_children; i++)
    {
      if (g_str_has_prefix (g_type_name (children[i]), "Sky") &&
          !G_TYPE_IS_ABSTRACT (children[i]))
        g_ptr_array_add (types, GSIZE_TO_POINTER (children[i]));
      collect_types (children[i], types);
    }
}

static const char *const pages[] = { "catalog", "scenario", "compare", "tradeoffs", "budget" };

/* Every accelerator the application sets, as accelerator → what it does: its application
 * accelerators and the key bindings of its widget classes, those of the window and of each
 * window it opens. */
static GHashTable *
registered_accelerators (Fixture *f)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (f->app));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(SkyScenario) scenario = sky_scenario_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func ((GDestroyNotify) drop_widget);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          char *name = canonical_accelerator (accels[j]);

          g_assert_nonnull (name);
          g_hash_table_insert (keys, name, g_strdup (actions[i]));
        }
    }

  /* The window's pages are built when first shown: all of them, here. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_nonnull (_sky_window_get_page (f->window, pages[i]));
  add_tree_bindings (GTK_WIDGET (f->window), seen, keys);
  g_ptr_array_add (windows, g_object_ref_sink (sky_line_dialog_new (NULL)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_export_dialog_new (f->catalog, scenario,
                                                                      NULL)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_price_sheets_window_new (f->catalog)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_update_dialog_new (f->catalog)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_preferences_window_new (settings)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_guide_window_new (NULL)));
  g_ptr_array_add (windows, g_object_ref_sink (sky_opening_window_new (GTK_APPLICATION (
                                                                         f->app))));
  for (guint i = 0; i < windows->len; i++)
    add_tree_bindings (windows->pdata[i], seen, keys);

  /* A widget class this test never looked at could set keys it does not know of. */
  collect_types (GTK_TYPE_WIDGET, types);
  for (guint i = 0; i < types->len; i++)
    if (!g_hash_table_contains (seen, types->pdata[i]))
      g_error ("no %s was looked at: open one above",
               g_type_name ((GType) GPOINTER_TO_SIZE (types->pdata[i])));
  g_assert_cmpuint (g_hash_table_size (seen), >=, 10);
  return keys;
}

/* The shortcuts the help overlay lists, as accelerator → title. */
static GHashTable *
listed_accelerators (void)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (HELP_OVERLAY);
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (overlay);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action_name,
                    "title", &title, NULL);
      /* An action-name would make the window show the application's accelerators for it,
       * and most of the keys here are class bindings, which it does not know: empty keys. */
      g_assert_null (action_name);
      g_assert_nonnull (accelerator);
      accels = g_strsplit (accelerator, " ", -1);
      g_assert_nonnull (accels[0]);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          char *name = canonical_accelerator (accels[i]);

          if (name == NULL)
            g_error ("“%s” lists “%s”, which is no accelerator", title, accels[i]);
          g_hash_table_insert (keys, name, g_strdup (title));
        }
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
  return keys;
}

static gboolean
lists (GHashTable *listed,
       const char *accelerator)
{
  g_autofree char *name = canonical_accelerator (accelerator);

  return g_hash_table_contains (listed, name);
}

/* Each accelerator the application sets is in the shortcuts window with its keys, and each
 * listed there is set. */
static void
test_shortcuts_listed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) registered = registered_accelerators (f);
  g_autoptr(GHashTable) listed = listed_accelerators ();
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) unset = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, registered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (listed, key))
      g_string_append_printf (missing, " %s (%s)", (char *) key, (char *) value);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (registered, key))
      g_string_append_printf (unset, " %s (%s)", (char *) key, (char *) value);
  if (missing->len > 0)
    g_test_message ("set but not in help-overlay.ui:%s", missing->str);
  if (unset->len > 0)
    g_test_message ("in help-overlay.ui but set nowhere:%s", unset->str);
  g_assert_cmpstr (missing->str, ==, "");
  g_assert_cmpstr (unset->str, ==, "");

  /* The keys the issue found missing. */
  g_assert_true (lists (listed, "<Control>z"));
  g_assert_true (lists (listed, "<Control><Shift>z"));
  g_assert_true (lists (listed, "<Alt>Up"));
  g_assert_true (lists (listed, "<Alt>Down"));
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        g_ptr_array_add (shortcuts, child);
      collect_shortcuts (child, shortcuts);
    }
}

/* The window's Keyboard Shortcuts shows every shortcut with keys, Undo and Redo among them. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  gboolean undo = FALSE, redo = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  wait_until_idle (f);

  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 14);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (shortcuts->pdata[i], "accelerator", &accelerator, "title", &title, NULL);
      g_test_message ("%s: %s", title, accelerator);
      g_assert_nonnull (accelerator);
      g_assert_cmpstr (accelerator, !=, "");
      undo = undo || g_strcmp0 (title, "Undo") == 0;
      redo = redo || g_strcmp0 (title, "Redo") == 0;
    }
  g_assert_true (undo);
  g_assert_true (redo);
}

int
main (int   argc,
      char *argv[])
{
  return window_test_main (argc, argv,
                           "shortcuts/listed", test_shortcuts_listed,
                           "shortcuts/window", test_shortcuts_window,
                           NULL);
}
