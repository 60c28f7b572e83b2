/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update-aws"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sky-update-private.h"

/* AWS's bulk price list: the offer index names each offer's region index, which names each
 * region's offer file; EC2's entry also names the Savings Plans index, which names each
 * region's rate file. Every index is JSON; the files taken are the CSV forms AWS publishes
 * beside them. All the offer files (and rate files) requested make one batch, one sheet. */

#define OFFER_INDEX_PATH "/offers/v1.0/aws/index.json"
#define OFFER_INDEX_URL "https://pricing.us-east-1.amazonaws.com" OFFER_INDEX_PATH

typedef struct
{
  const char *service;     /* the vocabulary's id */
  const char *offer_code;  /* the offer file whose rows the converter reads for it */
} ServiceOffer;

/* In the order the offer files are fetched and converted. */
static const ServiceOffer service_offers[] = {
  { "ec2", "AmazonEC2" },
  { "ebs", "AmazonEC2" },
  { "rds-postgres", "AmazonRDS" },
  { "rds-mysql", "AmazonRDS" },
  { "s3", "AmazonS3" },
  { "lambda", "AWSLambda" },
  { "data-transfer-out", "AWSDataTransfer" },
};

static gboolean
service_requested (const char * const *services,
                   const char         *service)
{
  return services == NULL || services[0] == NULL || g_strv_contains (services, service);
}

/* Fetches URL and reads it as a JSON object; the parser owning it is handed back. */
static JsonObject *
fetch_index (SkyUpdatePlanContext  *context,
             const char            *url,
             JsonParser           **parser_out,
             GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  path = context->fetch (context->fetcher, url, NULL, context->cancellable, error);
  if (path == NULL)
    return NULL;
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      /* Translators: %s is a URL, the second %s why its answer could not be read. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The index at %s is not JSON: %s"), url, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The index at %s is not a JSON object"), url);
      return NULL;
    }
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A region index's link for REGION (NULL in *link when the index lacks the region): AWS's
 * region_index.json has "regions" as an object keyed by region code, the Savings Plans index as
 * an array; each entry names its "regionCode". */
static gboolean
region_link (JsonObject  *index,
             const char  *url,
             const char  *region,
             const char  *member,
             const char **link,
             GError     **error)
{
  JsonNode *regions = json_object_get_member (index, "regions");
  g_autoptr(GList) entries = NULL;
  JsonObject *found = NULL;

  *link = NULL;
  if (regions != NULL && JSON_NODE_HOLDS_OBJECT (regions))
    {
      JsonNode *keyed = json_object_get_member (json_node_get_object (regions), region);

      if (keyed != NULL && JSON_NODE_HOLDS_OBJECT (keyed))
        found = json_node_get_object (keyed);
      entries = json_object_get_values (json_node_get_object (regions));
    }
  else if (regions != NULL && JSON_NODE_HOLDS_ARRAY (regions))
    entries = json_array_get_elements (json_node_get_array (regions));
  else
    {
      /* Translators: %s is a URL; "regions" is a field's name, not to be translated. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The region index at %s has no “regions”"), url);
      return FALSE;
    }

  for (GList *l = entries; found == NULL && l != NULL; l = l->next)
    {
      JsonNode *node = l->data;
      const char *code;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = string_member (json_node_get_object (node), "regionCode");
      if (code != NULL && strcmp (code, region) == 0)
        found = json_node_get_object (node);
    }
  if (found == NULL)
    return TRUE;

  *link = string_member (found, member);
  if (*link == NULL)
    {
      /* Translators: the first %s is a field's name, the second a region code, the third a
       * URL. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("No “%s” for the region “%s” in the region index at %s"), member, region,
                   url);
      return FALSE;
    }
  return TRUE;
}

/* The CSV form of a JSON file AWS links to: the same path ending in .csv instead of .json. */
static char *
csv_url (const char  *endpoint,
         const char  *link,
         const char  *index_url,
         GError     **error)
{
  g_autofree char *csv = NULL;

  if (!g_str_has_suffix (link, ".json"))
    {
      /* Translators: the first %s is a link, the second the URL of the index giving it. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("Not a link to a JSON price list: %s (in %s)"), link, index_url);
      return NULL;
    }
  csv = g_strdup (link);
  strcpy (csv + strlen (csv) - strlen (".json"), ".csv");
  return _sky_update_url (endpoint, csv, error);
}

/* The URLs of each requested region's offer file of one offer, added to URLS. */
static gboolean
resolve_offer (SkyUpdatePlanContext  *context,
               const char            *offer_index_url,
               JsonObject            *offers,
               const char            *offer_code,
               GPtrArray             *regions,
               GPtrArray             *urls,
               GError               **error)
{
  const char *endpoint = context->request->endpoint;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *index_url = NULL;
  JsonObject *offer = NULL;
  JsonObject *index;
  const char *link = NULL;

  if (json_object_has_member (offers, offer_code) &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (offers, offer_code)))
    {
      offer = json_object_get_object_member (offers, offer_code);
      link = string_member (offer, "currentRegionIndexUrl");
    }
  if (link == NULL)
    {
      /* Translators: the first %s is a URL, the second an offer code (AmazonEC2). */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The offer index at %s gives no region index of the offer %s"),
                   offer_index_url, offer_code);
      return FALSE;
    }
  index_url = _sky_update_url (endpoint, link, error);
  if (index_url == NULL)
    return FALSE;
  index = fetch_index (context, index_url, &parser, error);
  if (index == NULL)
    return FALSE;

  for (guint i = 0; i < regions->len; i++)
    {
      const char *region = g_ptr_array_index (regions, i);
      g_autofree char *url = NULL;

      if (!region_link (index, index_url, region, "currentVersionUrl", &link, error))
        return FALSE;
      if (link == NULL)
        {
          /* Translators: the first %s is an offer code (AmazonRDS), the second a region code
           * as the user typed it. */
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION,
                       _("AWS publishes no prices of %s in the region “%s”"), offer_code,
                       region);
          return FALSE;
        }
      url = csv_url (endpoint, link, index_url, error);
      if (url == NULL)
        return FALSE;
      g_ptr_array_add (urls, g_steal_pointer (&url));
    }
  return TRUE;
}

/* The URLs of the rate files of EC2's Savings Plans in the requested regions, added to URLS; a
 * region without Savings Plans has no rate file, and its instances are converted without
 * them. */
static gboolean
resolve_savings_plans (SkyUpdatePlanContext  *context,
                       JsonObject            *offers,
                       GPtrArray             *regions,
                       GPtrArray             *urls,
                       GError               **error)
{
  const char *endpoint = context->request->endpoint;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *index_url = NULL;
  JsonObject *ec2 = json_object_get_object_member (offers, "AmazonEC2");
  JsonObject *index;
  const char *link = string_member (ec2, "currentSavingsPlanIndexUrl");

  if (link == NULL)
    return TRUE;
  index_url = _sky_update_url (endpoint, link, error);
  if (index_url == NULL)
    return FALSE;
  index = fetch_index (context, index_url, &parser, error);
  if (index == NULL)
    return FALSE;

  for (guint i = 0; i < regions->len; i++)
    {
      const char *region = g_ptr_array_index (regions, i);
      g_autofree char *url = NULL;

      if (!region_link (index, index_url, region, "versionUrl", &link, error))
        return FALSE;
      if (link == NULL)
        continue;
      url = csv_url (endpoint, link, index_url, error);
      if (url == NULL)
        return FALSE;
      g_ptr_array_add (urls, g_steal_pointer (&url));
    }
  return TRUE;
}

gboolean
_sky_update_plan_aws (SkyUpdatePlanContext  *context,
                      GError               **error)
{
  const SkyUpdateRequest *request;
  g_autoptr(SkyUpdateBatch) batch = NULL;
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GPtrArray) offer_codes = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) offer_urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rate_urls = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *offer_index_url = NULL;
  JsonObject *index;
  JsonNode *offers;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (context->request != NULL && context->request->endpoint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  request = context->request;

  for (guint i = 0; request->services != NULL && request->services[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (service_offers); s++)
        known |= strcmp (request->services[i], service_offers[s].service) == 0;
      if (!known)
        {
          /* Translators: %s is a service id (fargate). */
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_SERVICE,
                       _("AWS’s price list is not read for the service “%s”"),
                       request->services[i]);
          return FALSE;
        }
    }
  for (guint s = 0; s < G_N_ELEMENTS (service_offers); s++)
    if (service_requested (request->services, service_offers[s].service) &&
        !g_ptr_array_find_with_equal_func (offer_codes, service_offers[s].offer_code,
                                           g_str_equal, NULL))
      g_ptr_array_add (offer_codes, (gpointer) service_offers[s].offer_code);

  for (guint i = 0; request->regions != NULL && request->regions[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (regions, request->regions[i], g_str_equal, NULL))
      g_ptr_array_add (regions, (gpointer) request->regions[i]);
  if (regions->len == 0)
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION,
                   _("AWS publishes its prices per region: name at least one region"));
      return FALSE;
    }

  offer_index_url = _sky_update_url (request->endpoint, OFFER_INDEX_PATH, error);
  if (offer_index_url == NULL)
    return FALSE;
  index = fetch_index (context, offer_index_url, &parser, error);
  if (index == NULL)
    return FALSE;
  offers = json_object_get_member (index, "offers");
  if (offers == NULL || !JSON_NODE_HOLDS_OBJECT (offers))
    {
      /* Translators: %s is a URL; "offers" is a field's name, not to be translated. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                   _("The offer index at %s has no “offers”"), offer_index_url);
      return FALSE;
    }

  /* Every index first, so that a region an offer lacks is refused before any (large) offer
   * file is downloaded. */
  for (guint i = 0; i < offer_codes->len; i++)
    if (!resolve_offer (context, offer_index_url, json_node_get_object (offers),
                        g_ptr_array_index (offer_codes, i), regions, offer_urls, error))
      return FALSE;
  if (service_requested (request->services, "ec2") &&
      !resolve_savings_plans (context, json_node_get_object (offers), regions, rate_urls, error))
    return FALSE;

  /* The rates discount the offer files' instances: the savings-plans format reads both. */
  batch = _sky_update_batch_new (rate_urls->len > 0 ? "aws-savings-plans-csv" : "aws-offer-csv",
                                 OFFER_INDEX_URL);
  g_ptr_array_extend_and_steal (offer_urls, g_steal_pointer (&rate_urls));
  for (guint i = 0; i < offer_urls->len; i++)
    {
      char *path = context->fetch (context->fetcher, g_ptr_array_index (offer_urls, i), NULL,
                                   context->cancellable, error);

      if (path == NULL)
        return FALSE;
      g_ptr_array_add (batch->files, path);
    }

  g_ptr_array_add (context->batches, g_steal_pointer (&batch));
  return TRUE;
}
