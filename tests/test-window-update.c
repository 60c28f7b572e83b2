/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of Update Prices: the dialog's providers, services, regions and credential,
 * and an update from a loopback server (libsoup's SoupServer) that stands in for DigitalOcean's
 * API, imported into the window's catalog; and one that fails and changes nothing. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "sky-update.h"
#include "sky-update-dialog.h"
#include "sky-window-test-util.h"

/* DigitalOcean's API as the server answers it: two sizes of droplets, in one region. */
#define SIZE(slug, hourly, monthly, vcpus, memory) \
  "{\"slug\": \"" slug "\", \"available\": true, \"description\": \"Basic\", \"disk\": 25," \
  " \"memory\": " memory ", \"vcpus\": " vcpus ", \"transfer\": 1, \"price_hourly\": " hourly \
  ", \"price_monthly\": " monthly ", \"regions\": [\"nyc3\"]}"

static const char sizes_page[] =
  "{\"sizes\": [" SIZE ("s-1vcpu-1gb", "0.00744", "5", "1", "1024") ", "
  SIZE ("s-2vcpu-4gb", "0.03571", "24", "2", "4096") "],"
  " \"links\": {}, \"meta\": {\"total\": 2}}";
static const char regions_page[] =
  "{\"regions\": [{\"slug\": \"nyc3\", \"name\": \"New York 3\", \"available\": true}],"
  " \"links\": {}, \"meta\": {\"total\": 1}}";

typedef struct
{
  SoupServer *soup;
  char       *url;
  gboolean    fail;      /* answers 500 to every request */
  gboolean    slow;      /* answers nothing: the request waits until it is cancelled */
  guint       requests;
} Server;

static void
handle_cb (SoupServer        *soup,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *body = NULL;

  server->requests++;
  if (server->slow)
    {
      soup_server_message_pause (message);
      return;
    }
  if (server->fail)
    {
      /* At once, every time: the update's retries do not wait. */
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "0");
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), "Bearer t") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  if (strcmp (path, "/v2/sizes") == 0)
    body = sizes_page;
  else if (strcmp (path, "/v2/regions") == 0)
    body = regions_page;
  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  /* Each list has an ETag: asked again with it, it is not modified. */
  if (g_strcmp0 (soup_message_headers_get_one (headers, "If-None-Match"), "\"v1\"") == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag",
                                "\"v1\"");
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static Server *
server_new (gboolean fail,
            gboolean slow)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->fail = fail;
  server->slow = slow;
  server->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->soup, NULL, handle_cb, server, NULL);
  soup_server_listen_local (server->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->soup);
  g_assert_nonnull (uris);
  server->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
server_free (Server *server)
{
  soup_server_disconnect (server->soup);
  g_object_unref (server->soup);
  g_free (server->url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

/* The dialog ------------------------------------------------------------------------------- */

static SkyUpdateDialog *
open_update_dialog (Fixture *f)
{
  SkyUpdateDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.update-prices",
                                             NULL));
  g_assert_nonnull (find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW));
  dialog = SKY_UPDATE_DIALOG (find_toplevel (SKY_TYPE_UPDATE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW));
  return dialog;
}

static GtkWidget *
dialog_child (SkyUpdateDialog *dialog,
              const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), SKY_TYPE_UPDATE_DIALOG,
                                                    name));
}

static void
choose_provider (SkyUpdateDialog *dialog,
                 const char      *id)
{
  for (guint i = 0; i < sky_update_n_providers (); i++)
    if (strcmp (sky_update_nth_provider (i)->id, id) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "provider_row")), i);
        return;
      }
  g_assert_not_reached ();
}

/* The titles of the rows with a check box under @widget, and the boxes. */
static void
collect_checks (GtkWidget *widget,
                GPtrArray *titles,
                GPtrArray *checks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child))
        {
          GtkWidget *row = gtk_widget_get_ancestor (child, ADW_TYPE_ACTION_ROW);

          g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (
                                     ADW_PREFERENCES_ROW (row)));
          g_ptr_array_add (checks, child);
        }
      collect_checks (child, titles, checks);
    }
}

static guint
count_checks (SkyUpdateDialog *dialog,
              const char      *group)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect_checks (dialog_child (dialog, group), titles, checks);
  return checks->len;
}

static gboolean
update_enabled (SkyUpdateDialog *dialog)
{
  return gtk_widget_get_sensitive (dialog_child (dialog, "update_button"));
}

static gboolean
is_idle (gpointer dialog)
{
  return !sky_update_dialog_get_busy (dialog);
}

/* Updates, and waits until the update has ended. */
static void
update_and_wait (SkyUpdateDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.update", NULL));
  g_assert_true (sky_update_dialog_get_busy (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (dialog_child (dialog, "stack"))),
                   ==, "progress");
  g_assert_true (wait_until (is_idle, dialog, 60));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (dialog_child (dialog, "stack"))),
                   ==, "result");
}

static GPtrArray *
sheet_names (SkyCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sheets = sky_catalog_list_sheets (catalog, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);

      g_ptr_array_add (names, g_strdup_printf ("%s %s", info->provider, info->version));
    }
  return names;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The bundled sheet of @name, imported into the window's catalog. */
static void
import_bundled (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyImportResult) result = sky_catalog_import_file (f->catalog, path, NULL, NULL,
                                                               NULL, &error);

  g_assert_no_error (error);
}

/* The dialog offers the four providers; each one's services by their titles, all checked;
 * DigitalOcean asks for its token (from DIGITALOCEAN_TOKEN, which the dialog names, saying the
 * token is not stored) and has no regions to choose,
 * Azure has the regions the catalog holds of it, checked, and takes a region code typed in. */
static void
test_update_dialog_providers (Fixture       *f,
                              gconstpointer  data)
{
  GListModel *providers;
  SkyUpdateDialog *dialog;
  GtkWidget *credential;
  const SkyUpdateProvider *digitalocean = sky_update_find_provider ("digitalocean");
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) azure_regions = NULL;
  g_autoptr(GError) error = NULL;

  import_bundled (f, "azure.xml");
  g_setenv ("DIGITALOCEAN_TOKEN", "from-the-environment", TRUE);
  dialog = open_update_dialog (f);
  providers = adw_combo_row_get_model (ADW_COMBO_ROW (dialog_child (dialog, "provider_row")));
  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 4);
  {
    static const char * const names[] = {
      "Amazon Web Services", "Microsoft Azure", "Google Cloud", "DigitalOcean"
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (providers, i);

        g_assert_cmpstr (gtk_string_object_get_string (item), ==, names[i]);
      }
  }

  choose_provider (dialog, "digitalocean");
  credential = dialog_child (dialog, "credential_row");
  g_assert_true (gtk_widget_get_visible (credential));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (credential)), ==,
                   "DigitalOcean token");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (credential)), ==,
                   "from-the-environment");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (dialog_child (dialog, "intro_group"))),
                            "Your token is used for this update only and never stored; "
                            "DIGITALOCEAN_TOKEN fills it in."));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "regions_group")));
  collect_checks (dialog_child (dialog, "services_group"), titles, checks);
  g_assert_cmpuint (titles->len, ==, g_strv_length ((GStrv) digitalocean->services));
  for (guint i = 0; i < titles->len; i++)
    {
      const SkyService *service = sky_service_lookup ("digitalocean",
                                                      digitalocean->services[i]);

      g_assert_nonnull (service);
      g_assert_cmpstr (g_ptr_array_index (titles, i), ==, service->word.title);
      g_assert_cmpstr (g_ptr_array_index (titles, i), !=, digitalocean->services[i]);
      g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, i)));
    }
  g_assert_true (update_enabled (dialog));
  /* No token, or no service: nothing to update. */
  gtk_editable_set_text (GTK_EDITABLE (credential), "");
  g_assert_false (update_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (credential), "t");
  g_assert_true (update_enabled (dialog));
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
  g_assert_false (update_enabled (dialog));

  choose_provider (dialog, "azure");
  g_assert_false (gtk_widget_get_visible (credential));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "regions_group")));
  g_assert_null (strstr (adw_preferences_group_get_description (
                           ADW_PREFERENCES_GROUP (dialog_child (dialog, "intro_group"))),
                         "never stored"));
  azure_regions = sky_catalog_list_provider_regions (f->catalog, "azure", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (azure_regions->len, >, 0);
  g_ptr_array_set_size (titles, 0);
  g_ptr_array_set_size (checks, 0);
  collect_checks (dialog_child (dialog, "regions_group"), titles, checks);
  g_assert_cmpuint (checks->len, ==, azure_regions->len / 2);
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (titles, i), ==,
                       g_ptr_array_index (azure_regions, 2 * i + 1));
      g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, i)));
    }
  g_assert_true (update_enabled (dialog));
  /* No region: nothing to update; one typed in is added, checked. */
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
  g_assert_false (update_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "region_entry")), "norwayeast");
  g_signal_emit_by_name (dialog_child (dialog, "region_entry"), "apply");
  g_assert_cmpuint (count_checks (dialog, "regions_group"), ==, checks->len + 1);
  g_assert_true (update_enabled (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "region_entry"))),
                   ==, "");
  g_unsetenv ("DIGITALOCEAN_TOKEN");
}

/* Update imports DigitalOcean's sheet from the server into the window's catalog, after the
 * bundled one it replaces for droplets; the dialog says what changed, with the services'
 * titles, and the Price Sheets window lists the new sheet. Updated again, the lists are not
 * modified, and the dialog says the prices are unchanged. */
static void
test_update_dialog_digitalocean (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Server) server = server_new (FALSE, FALSE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  SkyUpdateDialog *dialog;
  GtkWidget *result_list;
  GtkWidget *row;
  const char *title;
  const char *subtitle;
  GtkWidget *sheets_list;

  import_bundled (f, "digitalocean.xml");
  before = sheet_names (f->catalog);
  dialog = open_update_dialog (f);
  g_assert_null (sky_update_dialog_get_endpoint (dialog));
  g_object_set (dialog, "endpoint", server->url, NULL);
  choose_provider (dialog, "digitalocean");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "credential_row")), "t");
  update_and_wait (dialog);
  g_assert_cmpuint (server->requests, >, 0);

  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (dialog_child (dialog,
                                                                             "result_page"))),
                   ==, "Prices Updated");
  after = sheet_names (f->catalog);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  result_list = dialog_child (dialog, "result_list");
  g_assert_true (gtk_widget_get_visible (result_list));
  g_assert_cmpuint (count_children (result_list), ==, 1);
  row = gtk_widget_get_first_child (result_list);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("%s\n%s", title, subtitle);
  g_assert_true (g_str_has_prefix (title, "Added DigitalOcean "));
  g_assert_true (g_str_has_suffix (title, ": 2 offers"));
  /* It took droplets over from the bundled sheet, named by its title; the two sizes are
   * compared with the bundled ones. */
  sheets = sky_catalog_list_sheets (f->catalog, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      g_autofree char *name = g_strdup_printf ("%s %s", info->provider, info->version);
      gboolean was_there = FALSE;

      for (guint k = 0; k < before->len; k++)
        was_there = was_there || strcmp (g_ptr_array_index (before, k), name) == 0;
      if (was_there)
        {
          const SkyService *droplets = sky_service_lookup ("digitalocean", "droplets");
          g_autofree char *replaces = g_strdup_printf ("Replaces %s for %s", info->version,
                                                       droplets->word.title);

          g_autofree char *since = g_strdup_printf ("\nSince %s: 1 price lower, 0 higher, 0 new, ",
                                                    info->version);

          g_assert_nonnull (strstr (subtitle, replaces));
          g_assert_nonnull (strstr (subtitle, since));
        }
      else
        g_assert_nonnull (strstr (title, info->version));
    }
  /* Of the bundled sheet's droplets, s-1vcpu-1gb in nyc3 is cheaper by the hour here
   * (0.00893 → 0.00744), s-2vcpu-4gb as dear (0.03571); their monthly prices, which the API's
   * sheet does not repeat, and the other sizes and regions are gone. */
  g_assert_nonnull (strstr (subtitle, " gone, 1 unchanged; 0 offers added, "));

  /* The Price Sheets window lists it. */
  sheets_list = GTK_WIDGET (gtk_widget_get_template_child (
                  GTK_WIDGET (find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW)),
                  SKY_TYPE_PRICE_SHEETS_WINDOW, "list"));
  g_assert_cmpuint (count_children (sheets_list), ==, after->len);

  /* Close. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  g_assert_null (find_toplevel (SKY_TYPE_UPDATE_DIALOG));
  gtk_window_destroy (find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW));

  /* Again: the server says its lists have not changed since, and the dialog says so. */
  dialog = open_update_dialog (f);
  sky_update_dialog_set_endpoint (dialog, server->url);
  choose_provider (dialog, "digitalocean");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "credential_row")), "t");
  update_and_wait (dialog);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (dialog_child (dialog,
                                                                             "result_page"))),
                   ==, "Prices Unchanged");
  g_assert_cmpstr (adw_status_page_get_description (
                     ADW_STATUS_PAGE (dialog_child (dialog, "result_page"))),
                   ==, "Prices unchanged since the last update");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "result_list")));
  g_clear_pointer (&before, g_ptr_array_unref);
  before = sheet_names (f->catalog);
  g_assert_cmpuint (before->len, ==, after->len);
}

/* A server that answers 500: the dialog says why, and that the catalog was not changed; its
 * sheets are those it had. */
static void
test_update_dialog_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Server) server = server_new (TRUE, FALSE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SkyUpdateDialog *dialog;
  AdwStatusPage *page;

  import_bundled (f, "digitalocean.xml");
  before = sheet_names (f->catalog);
  dialog = open_update_dialog (f);
  sky_update_dialog_set_endpoint (dialog, server->url);
  choose_provider (dialog, "digitalocean");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "credential_row")), "t");
  update_and_wait (dialog);
  g_assert_cmpuint (server->requests, >, 0);

  page = ADW_STATUS_PAGE (dialog_child (dialog, "result_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could Not Update the Prices");
  g_test_message ("%s", adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "500"));
  g_assert_true (g_str_has_suffix (adw_status_page_get_description (page),
                                   "The catalog was not changed."));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "result_list")));
  after = sheet_names (f->catalog);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
}

static gboolean
has_requests (gpointer server)
{
  return ((Server *) server)->requests > 0;
}

/* Cancel stops an update whose server does not answer, while the dialog goes on answering: it
 * says so, and the catalog was not changed. */
static void
test_update_dialog_cancel (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Server) server = server_new (FALSE, TRUE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SkyUpdateDialog *dialog;
  AdwStatusPage *page;

  import_bundled (f, "digitalocean.xml");
  before = sheet_names (f->catalog);
  dialog = open_update_dialog (f);
  sky_update_dialog_set_endpoint (dialog, server->url);
  choose_provider (dialog, "digitalocean");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "credential_row")), "t");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.update", NULL));
  g_assert_true (wait_until (has_requests, server, 30));
  g_assert_true (sky_update_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "update_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  g_assert_true (wait_until (is_idle, dialog, 30));

  page = ADW_STATUS_PAGE (dialog_child (dialog, "result_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Update Cancelled");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "The catalog was not changed.");
  after = sheet_names (f->catalog);
  g_assert_cmpuint (after->len, ==, before->len);
  /* Still open, to be closed. */
  g_assert_nonnull (find_toplevel (SKY_TYPE_UPDATE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  g_assert_null (find_toplevel (SKY_TYPE_UPDATE_DIALOG));
}

/* Sheets imported as an update's are, all or none: when the third cannot be read, the two
 * imported before it are removed again, and the dialog says why and that the catalog was not
 * changed. Then two that can be read are added, and what changed from the first to the
 * second is said. */
static void
test_update_dialog_all_or_none (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *old = g_test_build_filename (G_TEST_DIST, "data", "diff-old.xml", NULL);
  g_autofree char *new = g_test_build_filename (G_TEST_DIST, "data", "diff-new.xml", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad",
                                                "negative-price.xml", NULL);
  const char *failing[] = { old, new, bad, NULL };
  const char *good[] = { old, new, NULL };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SkyUpdateDialog *dialog;
  AdwStatusPage *page;
  GtkWidget *list;
  GtkWidget *row;

  import_fixture (f, "valid-small.xml", NULL);
  before = sheet_names (f->catalog);
  dialog = open_update_dialog (f);
  sky_update_dialog_import_files (dialog, failing);
  g_assert_true (sky_update_dialog_get_busy (dialog));
  g_assert_true (wait_until (is_idle, dialog, 60));
  page = ADW_STATUS_PAGE (dialog_child (dialog, "result_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could Not Update the Prices");
  g_test_message ("%s", adw_status_page_get_description (page));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "negative-price.xml"));
  g_assert_true (g_str_has_suffix (adw_status_page_get_description (page),
                                   "The catalog was not changed."));
  after = sheet_names (f->catalog);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (find_toplevel (SKY_TYPE_PRICE_SHEETS_WINDOW));

  dialog = open_update_dialog (f);
  sky_update_dialog_import_files (dialog, good);
  g_assert_true (wait_until (is_idle, dialog, 60));
  page = ADW_STATUS_PAGE (dialog_child (dialog, "result_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Prices Updated");
  list = dialog_child (dialog, "result_list");
  g_assert_cmpuint (count_children (list), ==, 2);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Added Diff Cloud 2026.1: 8 offers");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "The first price sheet of its services");
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Added Diff Cloud 2026.2: 7 offers");
  /* The counts of tests/test-catalog-diff.c; services outside the vocabulary go by their
   * ids. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Replaces 2026.1 for vm, egress\n"
                   "Since 2026.1: 3 prices lower, 1 higher, 5 new, 4 gone, 3 unchanged; "
                   "2 offers added, 2 removed");
  after = (g_ptr_array_unref (after), sheet_names (f->catalog));
  g_assert_cmpuint (after->len, ==, before->len + 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_dir_make_tmp ("skytally-cache-XXXXXX", &error);
  int status;

  g_assert_no_error (error);
  /* The price lists downloaded are kept in a cache of the tests' own. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_unsetenv ("DIGITALOCEAN_TOKEN");
  status = window_test_main (argc, argv,
                             "update-dialog-providers", test_update_dialog_providers,
                             "update-dialog-digitalocean", test_update_dialog_digitalocean,
                             "update-dialog-error", test_update_dialog_error,
                             "update-dialog-cancel", test_update_dialog_cancel,
                             "update-dialog-all-or-none", test_update_dialog_all_or_none,
                             NULL);
  sky_test_remove_tree (cache);
  return status;
}
