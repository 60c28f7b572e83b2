/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update-digitalocean"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "sky-download.h"
#include "sky-source-json.h"
#include "sky-update-private.h"

/* DigitalOcean's update: the API's /v2/sizes (the droplets' sizes and prices) and /v2/regions
 * (the regions' names), each read page by page (links.pages.next) with the token as a bearer,
 * all converted together by digitalocean-json into one sheet. */

/* A next link that leads back, or an API that never stops, ends here. */
#define MAX_PAGES 1000
#define SOURCE_URL "https://api.digitalocean.com/v2/sizes"

static gboolean
malformed (const char  *url,
           const char  *what,
           GError     **error)
{
  g_autofree char *redacted = sky_download_redact_url (url);

  g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
               /* Translators: “URL: not an answer of DigitalOcean's API (WHAT)” */
               _("%s: not an answer of DigitalOcean's API (%s)"), redacted, what);
  return FALSE;
}

/* Every page of a listing, from PATH on, appended to FILES. */
static gboolean
fetch_listing (SkyUpdatePlanContext  *context,
               const char            *path,
               const char            *member,
               GPtrArray             *files,
               GError               **error)
{
  g_autofree char *authorization = g_strconcat ("Bearer ", context->credential, NULL);
  const char * const headers[] = {
    "Authorization", authorization, "Accept", "application/json", NULL
  };
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
      JsonNode *root;
      JsonObject *links, *pages_object;
      const char *next;

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
          _sky_json_array (json_node_get_object (root), member) == NULL)
        {
          /* Translators: %s is the name of the array an answer should have (sizes). */
          g_autofree char *what = g_strdup_printf (_("no “%s” array"), member);

          return malformed (url, what, error);
        }
      g_ptr_array_add (files, g_steal_pointer (&file));

      links = _sky_json_object (json_node_get_object (root), "links");
      pages_object = links != NULL ? _sky_json_object (links, "pages") : NULL;
      next = pages_object != NULL ? _sky_json_string (pages_object, "next") : NULL;
      if (next != NULL && *next != '\0')
        {
          next_url = _sky_update_url (context->request->endpoint, next, error);
          if (next_url == NULL)
            return FALSE;
        }
      g_free (url);
      url = g_steal_pointer (&next_url);
    }
  return TRUE;
}

gboolean
_sky_update_plan_digitalocean (SkyUpdatePlanContext  *context,
                               GError               **error)
{
  /* The public address, also when a mirror was asked: the prices are DigitalOcean's. */
  g_autoptr(SkyUpdateBatch) batch = _sky_update_batch_new ("digitalocean-json", SOURCE_URL);

  if (!fetch_listing (context, "/v2/sizes?per_page=200", "sizes", batch->files, error) ||
      !fetch_listing (context, "/v2/regions?per_page=200", "regions", batch->files, error))
    return FALSE;
  g_ptr_array_add (context->batches, g_steal_pointer (&batch));
  return TRUE;
}
