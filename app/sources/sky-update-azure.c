/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update-azure"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "sky-download.h"
#include "sky-source-json.h"
#include "sky-update-private.h"

/* Azure's update: the Retail Prices API, one query per service name and region
 * ($filter=serviceName eq '…' and armRegionName eq '…'), each followed through its
 * NextPageLink until it is null; every page of every query converted together by
 * azure-retail-json into one sheet. */

#define API_PATH "/api/retail/prices"
#define API_VERSION "2023-01-01-preview"
#define SOURCE_URL "https://prices.azure.com" API_PATH
/* A next link that leads back, or an API that never stops, ends here. */
#define MAX_PAGES 10000

/* The serviceName each service's prices are listed under (docs/converters.md); one query of
 * Storage serves both the disks and the blobs. */
static const struct
{
  const char *service;
  const char *service_name;
} service_names[] = {
  { "virtual-machines", "Virtual Machines" },
  { "managed-disks", "Storage" },
  { "blob-storage", "Storage" },
  { "postgresql-flexible", "Azure Database for PostgreSQL" },
  { "postgresql-hyperscale", "Azure Database for PostgreSQL" },
  { "mysql-flexible", "Azure Database for MySQL" },
  { "sql-database", "SQL Database" },
  { "bandwidth", "Bandwidth" },
  { "functions", "Functions" },
};

static gboolean
malformed (const char  *url,
           const char  *what,
           GError     **error)
{
  g_autofree char *redacted = sky_download_redact_url (url);

  g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
               /* Translators: “URL: not a page of Azure's Retail Prices API (WHAT)” */
               _("%s: not a page of Azure's Retail Prices API (%s)"), redacted, what);
  return FALSE;
}

/* An OData string literal: quotes doubled. */
static char *
odata_string (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "'", -1);
  g_autofree char *doubled = g_strjoinv ("''", parts);

  return g_strconcat ("'", doubled, "'", NULL);
}

/* The path and query of the first page of one service name in one region. */
static char *
query_path (const char *service_name,
            const char *region)
{
  g_autofree char *service_literal = odata_string (service_name);
  g_autofree char *region_literal = odata_string (region);
  g_autofree char *filter = g_strdup_printf ("serviceName eq %s and armRegionName eq %s",
                                             service_literal, region_literal);
  g_autofree char *escaped = g_uri_escape_string (filter, NULL, FALSE);

  return g_strconcat (API_PATH "?api-version=" API_VERSION "&$filter=", escaped, NULL);
}

/* Every page of one query, appended to FILES. */
static gboolean
fetch_query (SkyUpdatePlanContext  *context,
             const char            *path,
             GPtrArray             *files,
             GError               **error)
{
  const char * const headers[] = { "Accept", "application/json", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = _sky_update_url (context->request->endpoint, path, error);

  if (url == NULL)
    return FALSE;
  for (guint pages = 0; url != NULL; pages++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autofree char *file = NULL;
      g_autofree char *next_url = NULL;
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root, *next;
      JsonObject *page;

      if (pages >= MAX_PAGES || g_hash_table_contains (seen, url))
        return malformed (url, _("its pages link in a circle"), error);
      g_hash_table_add (seen, g_strdup (url));

      file = context->fetch (context->fetcher, url, headers, context->cancellable, error);
      if (file == NULL)
        return FALSE;
      if (!json_parser_load_from_mapped_file (parser, file, &parse_error))
        return malformed (url, parse_error->message, error);
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
          _sky_json_array (json_node_get_object (root), "Items") == NULL)
        return malformed (url, _("no “Items” array"), error);
      page = json_node_get_object (root);
      next = json_object_get_member (page, "NextPageLink");
      if (next != NULL && !JSON_NODE_HOLDS_NULL (next) &&
          !(JSON_NODE_HOLDS_VALUE (next) && json_node_get_value_type (next) == G_TYPE_STRING))
        return malformed (url, _("NextPageLink is neither a link nor null"), error);
      g_ptr_array_add (files, g_steal_pointer (&file));

      if (next != NULL && JSON_NODE_HOLDS_VALUE (next) && *json_node_get_string (next) != '\0')
        {
          next_url = _sky_update_url (context->request->endpoint, json_node_get_string (next),
                                      error);
          if (next_url == NULL)
            return FALSE;
        }
      g_free (url);
      url = g_steal_pointer (&next_url);
    }
  return TRUE;
}

static gboolean
wanted (const SkyUpdateRequest *request,
        const char             *service)
{
  return request->services == NULL || request->services[0] == NULL ||
         g_strv_contains (request->services, service);
}

gboolean
_sky_update_plan_azure (SkyUpdatePlanContext  *context,
                        GError               **error)
{
  const SkyUpdateRequest *request = context->request;
  g_autoptr(SkyUpdateBatch) batch = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (request->regions != NULL && request->regions[0] != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (service_names); i++)
    {
      gboolean listed = FALSE;

      if (!wanted (request, service_names[i].service))
        continue;
      for (guint j = 0; j < names->len && !listed; j++)
        listed = strcmp (g_ptr_array_index (names, j), service_names[i].service_name) == 0;
      if (!listed)
        g_ptr_array_add (names, (gpointer) service_names[i].service_name);
    }

  /* The public address, also when a mirror was asked: the prices are Azure's. */
  batch = _sky_update_batch_new ("azure-retail-json", SOURCE_URL);
  for (guint i = 0; i < names->len; i++)
    for (guint j = 0; request->regions[j] != NULL; j++)
      {
        g_autofree char *path = query_path (g_ptr_array_index (names, i), request->regions[j]);

        if (!fetch_query (context, path, batch->files, error))
          return FALSE;
      }
  g_ptr_array_add (context->batches, g_steal_pointer (&batch));
  return TRUE;
}
