/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sky-download.h"
#include "sky-source.h"
#include "sky-test-util.h"
#include "sky-update-private.h"

/* Updating from the providers, against servers on the loopback interface only: a SoupServer
 * serving the project's own answers (and the real DigitalOcean sample, when it is there), and a
 * raw socket server for what a SoupServer will not send (a body cut short, a body that never
 * ends). The updates run in their thread (sky_update_fetch_async) while the servers answer in
 * the test's main context. */

/* Server ---------------------------------------------------------------------------------- */

typedef struct _Server Server;

typedef void (*Answer) (Server            *server,
                        SoupServerMessage *message,
                        const char        *path,
                        GHashTable        *query);

struct _Server
{
  SoupServer *soup;
  char       *url;
  Answer      answer;
  gpointer    data;
  GHashTable *hits;          /* path -> number of requests */
  GPtrArray  *if_none_match; /* (element-type utf8) each request's If-None-Match, or "" */
  GPtrArray  *filters;       /* (element-type utf8) each request's $filter, decoded, or "" */
  guint       requests;
};

static void
handle_cb (SoupServer        *soup,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *etag = soup_message_headers_get_one (headers, "If-None-Match");
  const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;
  guint hits = GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));

  server->requests++;
  g_hash_table_insert (server->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));
  g_ptr_array_add (server->if_none_match, g_strdup (etag != NULL ? etag : ""));
  g_ptr_array_add (server->filters, g_strdup (filter != NULL ? filter : ""));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "User-Agent"), ==,
                   "Skytally/" PACKAGE_VERSION);
  server->answer (server, message, path, query);
}

static Server *
server_new (Answer      answer,
            gpointer    data,
            GTlsCertificate *certificate)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->soup = soup_server_new ("tls-certificate", certificate, NULL);
  server->answer = answer;
  server->data = data;
  server->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->if_none_match = g_ptr_array_new_with_free_func (g_free);
  server->filters = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (server->soup, NULL, handle_cb, server, NULL);
  soup_server_listen_local (server->soup, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->soup);
  g_assert_nonnull (uris);
  server->url = g_strdup_printf ("%s://127.0.0.1:%d", certificate != NULL ? "https" : "http",
                                 g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
server_free (Server *server)
{
  soup_server_disconnect (server->soup);
  g_object_unref (server->soup);
  g_hash_table_unref (server->hits);
  g_ptr_array_unref (server->if_none_match);
  g_ptr_array_unref (server->filters);
  g_free (server->url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static guint
server_hits (Server     *server,
             const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));
}

static void
answer_json (SoupServerMessage *message,
             const char        *body,
             const char        *etag)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  if (etag != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag",
                                  etag);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* Raw server: answers written byte for byte ---------------------------------------------- */

typedef struct
{
  GSocketService *service;
  char           *url;
  const char     *answer;      /* written whole after the request's head */
  gboolean        hold;        /* keep the connection open after the answer */
  GPtrArray      *held;        /* (element-type GSocketConnection) */
  guint           connections;
} RawServer;

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  RawServer *raw = user_data;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) head = g_string_new (NULL);
  char buffer[1024];

  raw->connections++;
  /* The request's head first, so that closing does not reset a connection with unread
   * bytes. */
  while (strstr (head->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (head, buffer, n);
    }
  g_output_stream_write_all (output, raw->answer, strlen (raw->answer), NULL, NULL, NULL);
  g_output_stream_flush (output, NULL, NULL);
  if (raw->hold)
    g_ptr_array_add (raw->held, g_object_ref (connection));
  else
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static RawServer *
raw_server_new (const char *answer,
                gboolean    hold)
{
  RawServer *raw = g_new0 (RawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  raw->service = g_socket_service_new ();
  raw->answer = answer;
  raw->hold = hold;
  raw->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  raw->url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (
                                G_INET_SOCKET_ADDRESS (effective)));
  g_signal_connect (raw->service, "incoming", G_CALLBACK (raw_incoming_cb), raw);
  g_socket_service_start (raw->service);
  return raw;
}

static void
raw_server_free (RawServer *raw)
{
  g_socket_service_stop (raw->service);
  g_socket_listener_close (G_SOCKET_LISTENER (raw->service));
  g_object_unref (raw->service);
  for (guint i = 0; i < raw->held->len; i++)
    g_io_stream_close (g_ptr_array_index (raw->held, i), NULL, NULL);
  g_ptr_array_unref (raw->held);
  g_free (raw->url);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawServer, raw_server_free)

/* Running an update -------------------------------------------------------------------- */

typedef struct
{
  GMutex  mutex;
  guint   calls;
  guint64 last_done;
  guint64 last_total;
} Progress;

static void
progress_cb (const char *what,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_nonnull (what);
  g_mutex_lock (&progress->mutex);
  progress->calls++;
  if (g_str_has_prefix (what, "Downloading"))
    {
      progress->last_done = done;
      progress->last_total = total;
    }
  g_mutex_unlock (&progress->mutex);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SkyUpdateResult *
run_update (const SkyUpdateRequest  *request,
            Progress                *progress,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sky_update_fetch_async (request, progress != NULL ? progress_cb : NULL, progress,
                          cancellable, fetched_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sky_update_fetch_finish (result, error);
}

/* The names in a folder, "" when it is empty or absent. */
static char *
cache_names (const char *dir)
{
  g_autofree char *names = sky_test_names_in (dir);

  return g_strdup (names != NULL ? names : "");
}

static char *
sheet_text (SkyUpdateResult *result,
            guint            index)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (result->sheets->len, >, index);
  g_file_get_contents (g_ptr_array_index (result->sheets, index), &text, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&text);
}

/* DigitalOcean's answers --------------------------------------------------------------- */

#define SIZE(slug, hourly, monthly) \
  "{\"slug\": \"" slug "\", \"available\": true, \"description\": \"Basic\", \"disk\": 25," \
  " \"memory\": 1024, \"vcpus\": 1, \"transfer\": 1, \"price_hourly\": " hourly "," \
  " \"price_monthly\": " monthly ", \"regions\": [\"nyc3\"]}"

static const char sizes_page_1[] =
  "{\"sizes\": [" SIZE ("s-1vcpu-1gb", "0.00893", "6") "],"
  " \"links\": {\"pages\": {\"next\":"
  " \"https://api.digitalocean.com/v2/sizes?page=2&per_page=200\"}}, \"meta\": {\"total\": 2}}";
static const char sizes_page_2[] =
  "{\"sizes\": [" SIZE ("s-1vcpu-2gb", "0.01786", "12") "],"
  " \"links\": {\"pages\": {\"prev\":"
  " \"https://api.digitalocean.com/v2/sizes?page=1&per_page=200\"}}, \"meta\": {\"total\": 2}}";
static const char sizes_changed[] =
  "{\"sizes\": [" SIZE ("s-1vcpu-1gb", "0.00744", "5") "], \"links\": {}, \"meta\": {\"total\": 1}}";
static const char regions_page[] =
  "{\"regions\": [{\"slug\": \"nyc3\", \"name\": \"New York 3\", \"available\": true}],"
  " \"links\": {}, \"meta\": {\"total\": 1}}";

typedef struct
{
  const char *sizes;         /* one page; NULL: the two pages above */
  const char *regions;       /* NULL: the page above */
  const char *etag;          /* of the sizes, NULL for none */
  guint       fail_first;    /* answers 429 to the first requests of /v2/sizes */
  gboolean    fail_always;   /* answers 500 to every request of /v2/sizes */
} Droplets;

static void
answer_digitalocean (Server            *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query)
{
  Droplets *droplets = server->data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;

  if (g_strcmp0 (soup_message_headers_get_one (request_headers, "Authorization"),
                 "Bearer t") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  if (strcmp (path, "/v2/regions") == 0)
    {
      if (g_strcmp0 (soup_message_headers_get_one (request_headers, "If-None-Match"),
                     "\"regions-1\"") == 0)
        soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        answer_json (message, droplets->regions != NULL ? droplets->regions : regions_page,
                     "\"regions-1\"");
      return;
    }
  if (strcmp (path, "/v2/sizes") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_assert_cmpstr (g_hash_table_lookup (query, "per_page"), ==, "200");
  if (droplets->fail_always)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  if (server_hits (server, path) <= droplets->fail_first)
    {
      soup_server_message_set_status (message, 429, "Too Many Requests");
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "0");
      return;
    }
  if (droplets->etag != NULL &&
      g_strcmp0 (soup_message_headers_get_one (request_headers, "If-None-Match"),
                 droplets->etag) == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  if (droplets->sizes != NULL)
    answer_json (message, droplets->sizes, droplets->etag);
  else
    answer_json (message, g_strcmp0 (page, "2") == 0 ? sizes_page_2 : sizes_page_1, NULL);
}

static SkyUpdateRequest
digitalocean_request (const char *endpoint,
                      const char *cache_dir)
{
  return (SkyUpdateRequest) {
    .provider = "digitalocean",
    .credential = "t",
    .endpoint = endpoint,
    .cache_dir = cache_dir,
    .retry_delay_ms = 1,
  };
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_providers (void)
{
  const SkyUpdateProvider *azure = sky_update_find_provider ("azure");
  const SkyUpdateProvider *digitalocean = sky_update_find_provider ("digitalocean");

  g_assert_nonnull (azure);
  g_assert_cmpstr (azure->name, ==, "Microsoft Azure");
  g_assert_true (azure->regional);
  g_assert_null (azure->credential);
  g_assert_true (g_strv_contains (azure->services, "virtual-machines"));
  g_assert_true (g_strv_contains (azure->services, "functions"));
  g_assert_nonnull (digitalocean);
  g_assert_cmpstr (digitalocean->name, ==, "DigitalOcean");
  g_assert_false (digitalocean->regional);
  g_assert_cmpstr (digitalocean->credential, ==, "token");
  g_assert_cmpstr (digitalocean->credential_env, ==, "DIGITALOCEAN_TOKEN");
  g_assert_true (g_strv_contains (digitalocean->services, "droplets"));
  g_assert_cmpstr (sky_update_find_provider ("aws")->name, ==, "Amazon Web Services");
  g_assert_true (sky_update_find_provider ("aws")->regional);
  g_assert_cmpstr (sky_update_find_provider ("gcp")->name, ==, "Google Cloud");
  g_assert_cmpstr (sky_update_find_provider ("gcp")->credential, ==, "API key");
  g_assert_cmpstr (sky_update_find_provider ("gcp")->credential_env, ==, "SKYTALLY_GCP_API_KEY");
  g_assert_false (sky_update_find_provider ("gcp")->regional);
  g_assert_cmpuint (sky_update_n_providers (), ==, 4);
  g_assert_null (sky_update_find_provider ("nimbus"));
  for (guint i = 0; i < sky_update_n_providers (); i++)
    g_assert_true (sky_update_find_provider (sky_update_nth_provider (i)->id) ==
                   sky_update_nth_provider (i));
}

static void
test_redact (void)
{
  g_autofree char *plain = sky_download_redact_url ("https://api.digitalocean.com/v2/sizes");
  g_autofree char *keyed = sky_download_redact_url (
    "https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?key=SECRET1&"
    "pageToken=abc&TOKEN=SECRET2#frag");

  g_assert_cmpstr (plain, ==, "https://api.digitalocean.com/v2/sizes");
  g_assert_cmpstr (keyed, ==,
                   "https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?key=…&"
                   "pageToken=abc&TOKEN=…#frag");
}

static void
test_request_checked (void)
{
  const char *services[] = { "spaces", NULL };
  const char *regions[] = { "eastus", NULL };
  const char *vm[] = { "virtual-machines", NULL };
  struct
  {
    SkyUpdateRequest request;
    SkyUpdateError   code;
    const char      *says[3];
  } cases[] = {
    { { .provider = "nimbus" }, SKY_UPDATE_ERROR_UNKNOWN_PROVIDER,
      { "nimbus", "azure", "digitalocean" } },
    { { .provider = "digitalocean", .credential = "t", .services = services },
      SKY_UPDATE_ERROR_UNKNOWN_SERVICE, { "spaces", "droplets" } },
    { { .provider = "azure", .services = vm }, SKY_UPDATE_ERROR_NO_REGION,
      { "Microsoft Azure", "region" } },
    { { .provider = "digitalocean" }, SKY_UPDATE_ERROR_NO_CREDENTIALS,
      { "--token", "DIGITALOCEAN_TOKEN" } },
    { { .provider = "azure", .regions = regions, .services = services },
      SKY_UPDATE_ERROR_UNKNOWN_SERVICE, { "spaces", "Microsoft Azure" } },
  };

  g_unsetenv ("DIGITALOCEAN_TOKEN");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyUpdateResult) result = NULL;

      g_assert_false (sky_update_fetch (&cases[i].request, NULL, NULL, &result, NULL, &error));
      g_assert_error (error, SKY_UPDATE_ERROR, (int) cases[i].code);
      g_assert_null (result);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].says) && cases[i].says[j] != NULL; j++)
        if (strstr (error->message, cases[i].says[j]) == NULL)
          g_error ("“%s” does not say “%s”", error->message, cases[i].says[j]);
    }
}

/* A missing token is asked for by its option and variable, and no request is made. */
static void
test_digitalocean_no_token (void)
{
  Droplets droplets = { 0 };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  request.credential = NULL;
  g_unsetenv ("DIGITALOCEAN_TOKEN");
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "--token"));
  g_assert_nonnull (strstr (error->message, "DIGITALOCEAN_TOKEN"));
  g_assert_cmpuint (server->requests, ==, 0);

  /* From the environment, it is used. */
  g_clear_error (&error);
  g_setenv ("DIGITALOCEAN_TOKEN", "t", TRUE);
  result = run_update (&request, NULL, NULL, &error);
  g_unsetenv ("DIGITALOCEAN_TOKEN");
  g_assert_no_error (error);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  sky_test_remove_tree (cache);
}

/* Both pages of the sizes (the second by the API's absolute link, asked of the endpoint) and
 * the regions, converted into one sheet; the bytes counted and reported; the temporary bodies
 * a killed update left long ago removed. */
static void
test_digitalocean_pages (void)
{
  Droplets droplets = { 0 };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  Progress progress = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *stale = g_build_filename (cache, "0123-sizes.part-AbCdEf", NULL);
  g_autofree char *fresh = g_build_filename (cache, "4567-sizes.part-GhIjKl", NULL);

  /* What a killed download left a day ago goes; one under way now stays. */
  g_file_set_contents (stale, "{\"si", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (stale, &(struct utimbuf) { 0, time (NULL) - 2 * 24 * 3600 }), ==, 0);
  g_file_set_contents (fresh, "{\"si", -1, &error);
  g_assert_no_error (error);

  result = run_update (&request, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (result->unchanged);
  g_assert_cmpuint (server_hits (server, "/v2/sizes"), ==, 2);
  g_assert_cmpuint (server_hits (server, "/v2/regions"), ==, 1);
  g_assert_cmpuint (result->requests, ==, 3);
  g_assert_cmpuint (result->retries, ==, 0);
  g_assert_cmpuint (result->not_modified, ==, 0);
  g_assert_cmpuint (result->bytes, ==,
                    strlen (sizes_page_1) + strlen (sizes_page_2) + strlen (regions_page));
  g_assert_cmpuint (sky_convert_summary_offers (result->summary), ==, 2);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (result->sheets, 0), "1-digitalocean.xml"));
  text = sheet_text (result, 0);
  g_assert_nonnull (strstr (text, "s-1vcpu-1gb.nyc3"));
  g_assert_nonnull (strstr (text, "s-1vcpu-2gb.nyc3"));
  g_assert_nonnull (strstr (text, "New York 3"));
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (progress.last_done, ==, strlen (regions_page));
  g_assert_cmpuint (progress.last_total, ==, strlen (regions_page));

  /* The result takes its folder away with it. */
  temp_dir = g_strdup (result->temp_dir);
  g_clear_pointer (&result, sky_update_result_free);
  g_assert_false (g_file_test (temp_dir, G_FILE_TEST_EXISTS));
  sky_test_remove_tree (cache);
}

/* A 429 is tried again (after the Retry-After it gives), and the update succeeds. */
static void
test_retry_after_429 (void)
{
  Droplets droplets = { .fail_first = 1 };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  request.retry_delay_ms = 60000;  /* were the Retry-After: 0 not followed, this would hang */
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (server, "/v2/sizes"), ==, 3);
  g_assert_cmpuint (result->requests, ==, 4);
  g_assert_cmpuint (result->retries, ==, 1);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  sky_test_remove_tree (cache);
}

/* A 500 on every try: as many requests as tries, then an error naming the URL and the
 * status; nothing written, nothing cached. */
static void
test_error_500 (void)
{
  Droplets droplets = { .fail_always = TRUE };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *names = NULL;

  request.max_tries = 3;
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP);
  g_assert_null (result);
  g_assert_cmpuint (server_hits (server, "/v2/sizes"), ==, 3);
  expected = g_strdup_printf ("%s/v2/sizes?per_page=200 answered 500 Internal Server Error "
                              "after 3 tries", server->url);
  g_assert_cmpstr (error->message, ==, expected);
  names = cache_names (cache);
  g_assert_cmpstr (names, ==, "");

  /* The default is five tries. */
  g_clear_error (&error);
  request.max_tries = 0;
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP);
  g_assert_cmpuint (server_hits (server, "/v2/sizes"), ==, 3 + 5);
  g_assert_nonnull (strstr (error->message, "after 5 tries"));
  sky_test_remove_tree (cache);
}

/* A status no retry can mend is reported at once. */
static void
test_error_401 (void)
{
  Droplets droplets = { 0 };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *expected = NULL;

  request.credential = "wrong";
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP);
  expected = g_strdup_printf ("%s/v2/sizes?per_page=200 answered 401 Unauthorized",
                              server->url);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (strstr (error->message, "wrong"));
  g_assert_cmpuint (server->requests, ==, 1);
  sky_test_remove_tree (cache);
}

/* A body shorter than its Content-Length is refused (after its tries), and not cached. */
static void
test_truncated (void)
{
  g_autoptr(RawServer) raw = raw_server_new (
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n"
    "Connection: close\r\n\r\n{\"sizes\": [", FALSE);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (raw->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *names = NULL;

  request.max_tries = 2;
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TRUNCATED);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "/v2/sizes"));
  g_assert_cmpuint (raw->connections, ==, 2);
  names = cache_names (cache);
  g_assert_cmpstr (names, ==, "");
  sky_test_remove_tree (cache);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A server that starts an answer and never ends it: cancelled while it sends, the update ends
 * with G_IO_ERROR_CANCELLED, no sheet and nothing in the cache. */
static void
test_cancel_slow (void)
{
  g_autoptr(RawServer) raw = raw_server_new (
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    "{\"sizes\": [", TRUE);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (raw->url, cache);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *names = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  result = run_update (&request, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (raw->connections, ==, 1);
  names = cache_names (cache);
  g_assert_cmpstr (names, ==, "");
  sky_test_remove_tree (cache);
}

/* A wait before a retry is cancelled too. */
static void
test_cancel_wait (void)
{
  Droplets droplets = { .fail_always = TRUE };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  request.retry_delay_ms = 600000;
  g_timeout_add (100, cancel_cb, cancellable);
  result = run_update (&request, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server_hits (server, "/v2/sizes"), ==, 1);
  sky_test_remove_tree (cache);
}

/* An unchanged list is asked for with its ETag and not fetched again: the result says so and
 * writes no sheet. Once the list changes, it is fetched and converted; --force asks without
 * the ETag. */
static void
test_changed_unchanged (void)
{
  Droplets droplets = { .sizes = sizes_page_2, .etag = "\"sizes-1\"" };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *text = NULL;

  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->unchanged);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 0), ==, "");
  g_clear_pointer (&result, sky_update_result_free);

  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->unchanged);
  g_assert_cmpuint (result->not_modified, ==, 2);
  g_assert_cmpuint (result->requests, ==, 2);
  g_assert_cmpuint (result->bytes, ==, 0);
  g_assert_cmpuint (result->sheets->len, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 2), ==, "\"sizes-1\"");
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 3), ==, "\"regions-1\"");
  g_clear_pointer (&result, sky_update_result_free);

  droplets.sizes = sizes_changed;
  droplets.etag = "\"sizes-2\"";
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->unchanged);
  g_assert_cmpuint (result->not_modified, ==, 1);  /* the regions: from the cache */
  g_assert_cmpuint (result->sheets->len, ==, 1);
  text = sheet_text (result, 0);
  g_assert_nonnull (strstr (text, "0.00744"));
  g_assert_nonnull (strstr (text, "New York 3"));
  g_assert_null (strstr (text, "s-1vcpu-2gb"));
  g_clear_pointer (&result, sky_update_result_free);

  request.force = TRUE;
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->unchanged);
  g_assert_cmpuint (result->not_modified, ==, 0);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 6), ==, "");
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 7), ==, "");
  sky_test_remove_tree (cache);
}

static const char sizes_bad[] =
  "{\"sizes\": [" SIZE ("s-1vcpu-1gb", "\"free\"", "6") "], \"links\": {},"
  " \"meta\": {\"total\": 1}}";

/* Lists fetched but not made into a sheet (a conversion refused), or whose sheet was not
 * imported (sky_update_forget), are not "unchanged" to the next update: it asks for them
 * without their ETag and converts them. */
static void
test_forget (void)
{
  Droplets droplets = { .sizes = sizes_bad, .etag = "\"sizes-1\"" };
  g_autoptr(Server) server = server_new (answer_digitalocean, &droplets, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  SkyUpdateRequest request = digitalocean_request (server->url, cache);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  /* The sizes are fetched, but their conversion is refused. */
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW);
  g_assert_null (result);
  g_clear_error (&error);

  /* Mended on the server under the same ETag: asked for whole, converted. */
  droplets.sizes = sizes_page_2;
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 2), ==, "");
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 3), ==, "");
  g_assert_false (result->unchanged);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpuint (result->cache_entries->len, ==, 2);

  /* Its import failed, say: forgotten, the next update converts the lists again. */
  sky_update_forget (result);
  g_clear_pointer (&result, sky_update_result_free);
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 4), ==, "");
  g_assert_cmpstr (g_ptr_array_index (server->if_none_match, 5), ==, "");
  g_assert_false (result->unchanged);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_clear_pointer (&result, sky_update_result_free);

  /* Imported: the next update finds them unchanged. */
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->unchanged);
  sky_test_remove_tree (cache);
}

/* A certificate nothing trusts is refused, naming the host. */
static void
test_tls_refused (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "update", "tls-cert.pem",
                                                 NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "update", "tls-key.pem",
                                                NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(Server) server = NULL;
  g_autofree char *cache = NULL;
  SkyUpdateRequest request;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  Droplets droplets = { 0 };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GIO has no TLS backend here (glib-networking)");
      return;
    }
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server = server_new (answer_digitalocean, &droplets, certificate);
  cache = sky_test_make_dir ();
  request = digitalocean_request (server->url, cache);
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (result);
  g_assert_cmpuint (server->requests, ==, 0);
  sky_test_remove_tree (cache);
}

/* The real answers of DigitalOcean's API, served and converted. */
static void
test_digitalocean_realdata (void)
{
  g_autofree char *folder = sky_test_realdata ("digitalocean-api");
  g_autofree char *sizes = NULL;
  g_autofree char *regions = NULL;
  g_autofree char *sizes_text = NULL;
  g_autofree char *regions_text = NULL;
  g_autoptr(Server) server = NULL;
  g_autofree char *cache = NULL;
  SkyUpdateRequest request;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *text = NULL;
  Droplets droplets = { 0 };

  if (folder == NULL)
    return;
  sizes = g_build_filename (folder, "v2-sizes-2024-01-29.json", NULL);
  regions = g_build_filename (folder, "v2-regions-2024-01-29.json", NULL);
  g_file_get_contents (sizes, &sizes_text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (regions, &regions_text, NULL, &error);
  g_assert_no_error (error);
  droplets.sizes = sizes_text;
  droplets.regions = regions_text;
  server = server_new (answer_digitalocean, &droplets, NULL);
  cache = sky_test_make_dir ();
  request = digitalocean_request (server->url, cache);
  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  /* docs/converters.md: the whole answer of January 2024 (107 sizes) gives 1086 offers. */
  g_assert_cmpuint (sky_convert_summary_offers (result->summary), ==, 1086);
  text = sheet_text (result, 0);
  g_assert_nonnull (strstr (text, "s-1vcpu-1gb.nyc3"));
  sky_test_remove_tree (cache);
}

/* Azure's answers ---------------------------------------------------------------------- */

#define AZURE_ITEM(sku, arm, price, region) \
  "{\"currencyCode\": \"USD\", \"tierMinimumUnits\": 0, \"retailPrice\": " price "," \
  " \"unitPrice\": " price ", \"armRegionName\": \"" region "\", \"location\": \"L\"," \
  " \"effectiveStartDate\": \"2026-06-01T00:00:00Z\", \"meterId\": \"m-" sku "\"," \
  " \"meterName\": \"" sku "\", \"productId\": \"P\", \"skuId\": \"P/1\"," \
  " \"productName\": \"Virtual Machines Dsv5 Series\", \"skuName\": \"" sku "\"," \
  " \"serviceName\": \"Virtual Machines\", \"serviceId\": \"S\", \"serviceFamily\": \"Compute\"," \
  " \"unitOfMeasure\": \"1 Hour\", \"type\": \"Consumption\", \"isPrimaryMeterRegion\": true," \
  " \"armSkuName\": \"" arm "\"}"

typedef struct
{
  gboolean malformed;   /* the second page is not a page of the API */
} Azure;

static void
answer_azure (Server            *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query)
{
  Azure *azure = server->data;
  const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;
  const char *skip = query != NULL ? g_hash_table_lookup (query, "$skip") : NULL;
  gboolean west;
  g_autofree char *body = NULL;

  g_assert_cmpstr (path, ==, "/api/retail/prices");
  g_assert_cmpstr (g_hash_table_lookup (query, "api-version"), ==, "2023-01-01-preview");
  g_assert_nonnull (filter);
  west = strstr (filter, "'westeurope'") != NULL;
  if (skip == NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (filter, NULL, FALSE);

      /* The next page's link as Azure gives it: absolute, on its own host and port. */
      body = g_strdup_printf (
        "{\"BillingCurrency\": \"USD\", \"Items\": [%s], \"Count\": 1,"
        " \"NextPageLink\": \"https://prices.azure.com:443/api/retail/prices?"
        "api-version=2023-01-01-preview&$filter=%s&$skip=1\"}",
        west ? AZURE_ITEM ("D2s v5", "Standard_D2s_v5", "0.11", "westeurope")
             : AZURE_ITEM ("D2s v5", "Standard_D2s_v5", "0.096", "eastus"),
        escaped);
    }
  else if (azure->malformed)
    body = g_strdup ("{\"error\": \"no such page\"}");
  else
    body = g_strdup_printf (
      "{\"BillingCurrency\": \"USD\", \"Items\": [%s], \"Count\": 1, \"NextPageLink\": null}",
      west ? AZURE_ITEM ("D4s v5", "Standard_D4s_v5", "0.22", "westeurope")
           : AZURE_ITEM ("D4s v5", "Standard_D4s_v5", "0.192", "eastus"));
  answer_json (message, body, NULL);
}

/* One query per service name and region, each followed through its NextPageLink on the
 * endpoint; every page of every query in one sheet. */
static void
test_azure_pages (void)
{
  Azure azure = { 0 };
  g_autoptr(Server) server = server_new (answer_azure, &azure, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  const char *services[] = { "virtual-machines", NULL };
  const char *regions[] = { "eastus", "westeurope", NULL };
  SkyUpdateRequest request = {
    .provider = "azure",
    .services = services,
    .regions = regions,
    .endpoint = server->url,
    .cache_dir = cache,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *text = NULL;

  result = run_update (&request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server->requests, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (server->filters, 0), ==,
                   "serviceName eq 'Virtual Machines' and armRegionName eq 'eastus'");
  g_assert_cmpstr (g_ptr_array_index (server->filters, 2), ==,
                   "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope'");
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpuint (sky_convert_summary_offers (result->summary), ==, 4);
  text = sheet_text (result, 0);
  g_assert_nonnull (strstr (text, "standard-d2s-v5.linux.eastus"));
  g_assert_nonnull (strstr (text, "standard-d4s-v5.linux.eastus"));
  g_assert_nonnull (strstr (text, "standard-d2s-v5.linux.westeurope"));
  g_assert_nonnull (strstr (text, "standard-d4s-v5.linux.westeurope"));
  sky_test_remove_tree (cache);
}

/* Disks and blobs are listed under one service name: asked for once. */
static void
test_azure_service_names (void)
{
  Azure azure = { 0 };
  g_autoptr(Server) server = server_new (answer_azure, &azure, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  const char *services[] = { "managed-disks", "blob-storage", "sql-database", NULL };
  const char *regions[] = { "eastus", NULL };
  SkyUpdateRequest request = {
    .provider = "azure",
    .services = services,
    .regions = regions,
    .endpoint = server->url,
    .cache_dir = cache,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  result = run_update (&request, NULL, NULL, &error);
  /* The fixture's items are virtual machines: what matters here is what was asked. */
  g_clear_error (&error);
  g_assert_cmpuint (server->requests, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (server->filters, 0), ==,
                   "serviceName eq 'Storage' and armRegionName eq 'eastus'");
  g_assert_cmpstr (g_ptr_array_index (server->filters, 2), ==,
                   "serviceName eq 'SQL Database' and armRegionName eq 'eastus'");
  sky_test_remove_tree (cache);
}

/* A page that is not one of the API is refused, naming its URL. */
static void
test_azure_malformed (void)
{
  Azure azure = { .malformed = TRUE };
  g_autoptr(Server) server = server_new (answer_azure, &azure, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  const char *regions[] = { "eastus", NULL };
  SkyUpdateRequest request = {
    .provider = "azure",
    .regions = regions,
    .endpoint = server->url,
    .cache_dir = cache,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *url = NULL;

  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED);
  g_assert_null (result);
  url = g_strdup_printf ("%s/api/retail/prices?", server->url);
  g_assert_true (g_str_has_prefix (error->message, url));
  g_assert_nonnull (strstr (error->message, "$skip=1"));
  g_assert_nonnull (strstr (error->message, "Items"));
  sky_test_remove_tree (cache);
}

/* AWS and Google Cloud, end to end: the plans' fixtures served by path ---------------- */

typedef struct
{
  GHashTable *files;      /* path?query as asked -> fixture in tests/data/update */
  const char *api_key;    /* the X-Goog-Api-Key every request must carry, or NULL */
} Files;

static void
answer_files (Server            *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query)
{
  Files *files = server->data;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autofree char *key = raw_query != NULL ? g_strconcat (path, "?", raw_query, NULL)
                                           : g_strdup (path);
  const char *name = g_hash_table_lookup (files->files, key);
  g_autofree char *fixture = NULL;
  g_autofree char *body = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (files->api_key != NULL)
    g_assert_cmpstr (soup_message_headers_get_one (
                       soup_server_message_get_request_headers (message), "X-Goog-Api-Key"),
                     ==, files->api_key);
  if (name == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  fixture = g_test_build_filename (G_TEST_DIST, "data", "update", name, NULL);
  g_file_get_contents (fixture, &body, &length, &error);
  g_assert_no_error (error);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message,
                                    g_str_has_suffix (name, ".csv") ? "text/csv"
                                                                    : "application/json",
                                    SOUP_MEMORY_COPY, body, length);
}

static void
files_add (Files      *files,
           const char *path,
           const char *name)
{
  g_hash_table_insert (files->files, g_strdup (path), g_strdup (name));
}

/* EC2 in two regions: the offer index, EC2's region index, the Savings Plans index, each
 * region's offer file and the rate file, converted into one sheet. */
static void
test_aws_loopback (void)
{
  Files files = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  g_autoptr(Server) server = server_new (answer_files, &files, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  const char *services[] = { "ec2", NULL };
  const char *regions[] = { "us-east-1", "eu-west-1", NULL };
  SkyUpdateRequest request = {
    .provider = "aws",
    .services = services,
    .regions = regions,
    .endpoint = server->url,
    .cache_dir = cache,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autofree char *text = NULL;

  if (!sky_source_find_format ("aws-savings-plans-csv")->available)
    {
      g_test_skip ("this build reads no CSV (libcsv)");
      g_hash_table_unref (files.files);
      return;
    }
  files_add (&files, "/offers/v1.0/aws/index.json", "aws-offer-index.json");
  files_add (&files, "/offers/v1.0/aws/AmazonEC2/current/region_index.json",
             "aws-AmazonEC2-region-index.json");
  files_add (&files, "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json",
             "aws-savings-plans-index.json");
  files_add (&files, "/offers/v1.0/aws/AmazonEC2/20260302100000/us-east-1/index.csv",
             "aws-AmazonEC2-us-east-1.csv");
  files_add (&files, "/offers/v1.0/aws/AmazonEC2/20260302100000/eu-west-1/index.csv",
             "aws-AmazonEC2-eu-west-1.csv");
  files_add (&files,
             "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260301080000/us-east-1/index.csv",
             "aws-savings-plans-us-east-1.csv");

  result = run_update (&request, NULL, NULL, &error);
  g_hash_table_unref (files.files);
  g_assert_no_error (error);
  g_assert_cmpuint (server->requests, ==, 6);
  g_assert_cmpuint (result->requests, ==, 6);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpuint (sky_convert_summary_offers (result->summary), >, 0);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (result->sheets, 0), "1-aws.xml"));
  text = sheet_text (result, 0);
  g_assert_nonnull (strstr (text, "us-east-1"));
  g_assert_nonnull (strstr (text, "eu-west-1"));
  sky_test_remove_tree (cache);
}

/* Compute Engine's two pages, the key in a header of each request and in no URL or message. */
static void
test_gcp_loopback (void)
{
  Files files = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), "AIzaTestKey-42"
  };
  g_autoptr(Server) server = server_new (answer_files, &files, NULL);
  g_autofree char *cache = sky_test_make_dir ();
  const char *services[] = { "compute-engine", NULL };
  SkyUpdateRequest request = {
    .provider = "gcp",
    .services = services,
    .credential = "AIzaTestKey-42",
    .endpoint = server->url,
    .cache_dir = cache,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyUpdateResult) result = NULL;

  files_add (&files, "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000",
             "gcp-compute-engine-1.json");
  files_add (&files, "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000"
                     "&pageToken=CgsI%2Bpage%2F2%3D%3D", "gcp-compute-engine-2.json");

  result = run_update (&request, NULL, NULL, &error);
  g_hash_table_unref (files.files);
  g_assert_no_error (error);
  g_assert_cmpuint (server->requests, ==, 2);
  g_assert_cmpuint (result->sheets->len, ==, 1);
  g_assert_cmpuint (sky_convert_summary_offers (result->summary), >, 0);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (result->sheets, 0), "1-gcp.xml"));
  sky_test_remove_tree (cache);

  /* Without a key: refused before any request, naming the option and the variable. */
  g_clear_pointer (&result, sky_update_result_free);
  request.credential = NULL;
  g_unsetenv ("SKYTALLY_GCP_API_KEY");
  result = run_update (&request, NULL, NULL, &error);
  g_assert_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "--api-key"));
  g_assert_nonnull (strstr (error->message, "SKYTALLY_GCP_API_KEY"));
  g_assert_cmpuint (server->requests, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Loopback only: no proxy is asked, whatever the environment says. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/update/providers", test_providers);
  g_test_add_func ("/sky/update/redact", test_redact);
  g_test_add_func ("/sky/update/request-checked", test_request_checked);
  g_test_add_func ("/sky/update/digitalocean/no-token", test_digitalocean_no_token);
  g_test_add_func ("/sky/update/digitalocean/pages", test_digitalocean_pages);
  g_test_add_func ("/sky/update/digitalocean/realdata", test_digitalocean_realdata);
  g_test_add_func ("/sky/update/retry-after-429", test_retry_after_429);
  g_test_add_func ("/sky/update/error-500", test_error_500);
  g_test_add_func ("/sky/update/error-401", test_error_401);
  g_test_add_func ("/sky/update/truncated", test_truncated);
  g_test_add_func ("/sky/update/cancel-slow", test_cancel_slow);
  g_test_add_func ("/sky/update/cancel-wait", test_cancel_wait);
  g_test_add_func ("/sky/update/changed-unchanged", test_changed_unchanged);
  g_test_add_func ("/sky/update/forget", test_forget);
  g_test_add_func ("/sky/update/tls-refused", test_tls_refused);
  g_test_add_func ("/sky/update/azure/pages", test_azure_pages);
  g_test_add_func ("/sky/update/azure/service-names", test_azure_service_names);
  g_test_add_func ("/sky/update/azure/malformed", test_azure_malformed);
  g_test_add_func ("/sky/update/aws/loopback", test_aws_loopback);
  g_test_add_func ("/sky/update/gcp/loopback", test_gcp_loopback);

  return g_test_run ();
}
