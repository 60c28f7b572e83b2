/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update-gcp"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sky-update-private.h"

/* Google's Cloud Billing Catalog API: each catalog service's SKUs, page after page
 * (services/SERVICE/skus, following nextPageToken until it is empty). The API key goes in a
 * header, never in a URL, since URLs are shown in messages and progress. Every page of every
 * service makes one batch, one sheet. */

#define SOURCE_URL "https://cloudbilling.googleapis.com/v1/services"

typedef struct
{
  const char *service;      /* the vocabulary's id */
  const char *catalog_id;   /* the Billing Catalog's service whose SKUs the converter reads */
} ServiceCatalog;

/* Only the services gcp-skus-json writes; in the order they are fetched. */
static const ServiceCatalog service_catalogs[] = {
  { "compute-engine", "6F81-5844-456A" },    /* Compute Engine: cores and RAM */
  { "persistent-disk", "6F81-5844-456A" },   /* its Storage SKUs */
  { "internet-egress", "6F81-5844-456A" },   /* its Network egress SKUs */
  { "cloud-storage", "95FF-2EF5-5EA1" },     /* Cloud Storage */
};

static gboolean
service_requested (const char * const *services,
                   const char         *service)
{
  return services == NULL || services[0] == NULL || g_strv_contains (services, service);
}

static char *
page_url (const char  *endpoint,
          const char  *catalog_id,
          const char  *page_token,
          GError     **error)
{
  g_autofree char *path = NULL;

  if (page_token == NULL)
    path = g_strdup_printf ("/v1/services/%s/skus?currencyCode=USD&pageSize=5000", catalog_id);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (page_token, NULL, FALSE);

      path = g_strdup_printf ("/v1/services/%s/skus?currencyCode=USD&pageSize=5000"
                              "&pageToken=%s", catalog_id, escaped);
    }
  return _sky_update_url (endpoint, path, error);
}

/* Reads a page's nextPageToken (NULL when it is the last page), checking it has its SKUs. */
static gboolean
read_page (const char  *url,
           const char  *path,
           char       **next_page_token,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *skus, *token;
  JsonObject *page;

  *next_page_token = NULL;
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      /* Translators: %s is a URL, the second %s why its answer could not be read. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The page at %s is not JSON: %s"), url, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  page = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  skus = page != NULL ? json_object_get_member (page, "skus") : NULL;
  if (skus == NULL || !JSON_NODE_HOLDS_ARRAY (skus))
    {
      /* Translators: %s is a URL; "skus" is a field's name, not to be translated. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The page at %s has no “skus”"), url);
      return FALSE;
    }

  token = json_object_get_member (page, "nextPageToken");
  if (token == NULL || JSON_NODE_HOLDS_NULL (token))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (token) || json_node_get_value_type (token) != G_TYPE_STRING)
    {
      /* Translators: %s is a URL; "nextPageToken" is a field's name, not to be translated. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The page at %s has a “nextPageToken” that is not text"), url);
      return FALSE;
    }
  if (*json_node_get_string (token) != '\0')
    *next_page_token = g_strdup (json_node_get_string (token));
  return TRUE;
}

/* Every page of one catalog service, in order. */
static gboolean
fetch_service (SkyUpdatePlanContext  *context,
               const char            *catalog_id,
               const char * const    *headers,
               SkyUpdateBatch        *batch,
               GError               **error)
{
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *page_token = NULL;

  do
    {
      g_autofree char *url = NULL;
      g_autofree char *path = NULL;
      g_autofree char *next = NULL;

      url = page_url (context->request->endpoint, catalog_id, page_token, error);
      if (url == NULL)
        return FALSE;
      path = context->fetch (context->fetcher, url, headers, context->cancellable, error);
      if (path == NULL || !read_page (url, path, &next, error))
        return FALSE;
      g_ptr_array_add (batch->files, g_steal_pointer (&path));

      /* A token given twice would lead round the same pages for ever. */
      if (next != NULL && !g_hash_table_add (tokens, g_strdup (next)))
        {
          /* Translators: %s is a URL. */
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                       _("The page at %s links back to a page already read"), url);
          return FALSE;
        }
      g_free (page_token);
      page_token = g_steal_pointer (&next);
    }
  while (page_token != NULL);
  return TRUE;
}

gboolean
_sky_update_plan_gcp (SkyUpdatePlanContext  *context,
                      GError               **error)
{
  const SkyUpdateRequest *request;
  g_autoptr(SkyUpdateBatch) batch = NULL;
  g_autoptr(GPtrArray) catalog_ids = g_ptr_array_new ();
  const char *headers[3] = { "X-Goog-Api-Key", NULL, NULL };

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (context->request != NULL && context->request->endpoint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  request = context->request;

  if (context->credential == NULL || *context->credential == '\0')
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS,
                   _("Google’s Cloud Billing Catalog API needs an API key"));
      return FALSE;
    }
  headers[1] = context->credential;

  for (guint i = 0; request->services != NULL && request->services[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (service_catalogs); s++)
        known |= strcmp (request->services[i], service_catalogs[s].service) == 0;
      if (!known)
        {
          /* Translators: %s is a service id (cloud-sql-mysql). */
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_SERVICE,
                       _("Google Cloud’s price list is not read for the service “%s”"),
                       request->services[i]);
          return FALSE;
        }
    }
  /* Several services share a catalog service, whose pages are fetched once. */
  for (guint s = 0; s < G_N_ELEMENTS (service_catalogs); s++)
    if (service_requested (request->services, service_catalogs[s].service) &&
        !g_ptr_array_find_with_equal_func (catalog_ids, service_catalogs[s].catalog_id,
                                           g_str_equal, NULL))
      g_ptr_array_add (catalog_ids, (gpointer) service_catalogs[s].catalog_id);

  batch = _sky_update_batch_new ("gcp-skus-json", SOURCE_URL);
  for (guint i = 0; i < catalog_ids->len; i++)
    if (!fetch_service (context, g_ptr_array_index (catalog_ids, i), headers, batch, error))
      return FALSE;

  g_ptr_array_add (context->batches, g_steal_pointer (&batch));
  return TRUE;
}
