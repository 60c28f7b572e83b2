/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-gcp-skus"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-source-gcp-families.h"
#include "sky-source-json.h"
#include "sky-source-private.h"

/* gcp-skus-json: pages of Google's Cloud Billing Catalog API
 * (services/SERVICE/skus: a "skus" array, and a "nextPageToken" that each next file answers).
 * A SKU's category says what it is and how it is bought; its tiered rates, in units and
 * nanos, are exact. Core and RAM SKUs of a machine family are the vCPU-hour and GiB-hour
 * prices of one component-priced offer per family and region; network egress and storage
 * SKUs are offers of their own. The Billing Catalog gives no sustained-use discount: the
 * on-demand component prices of a family that has one name its table, as gcp-pricing-yml's do.
 * docs/converters.md has the whole mapping. The pages are of bounded size and read whole with
 * json-glib; the sheet is streamed. */

#define PROVIDER "gcp"

typedef struct
{
  const char *id;
  const char *name;
  const char *category;
} Service;

static const Service services[] = {
  { "compute-engine", "Compute Engine", "compute" },
  { "persistent-disk", "Persistent Disk", "storage" },
  { "cloud-storage", "Cloud Storage", "storage" },
  { "internet-egress", "Internet Egress", "network" },
};

enum { COMPUTE_ENGINE, PERSISTENT_DISK, CLOUD_STORAGE, INTERNET_EGRESS };

typedef struct
{
  SkyDecimal from;
  SkyDecimal amount;
} Tier;

typedef struct
{
  const char *unit;
  const char *term;
  guint       years;
  GArray     *tiers;      /* Tier, from 0 up */
  char       *where;
} Price;

typedef struct
{
  guint       service;
  char       *sku;
  char       *name;
  char       *region;
  char       *family;
  const char *architecture;   /* components only */
  int         discount;       /* components only: the family's usage discount table, or -1 */
  GPtrArray  *prices;         /* Price */
} Offer;

typedef struct
{
  SkyConvertContext *context;
  GPtrArray         *offers;     /* Offer, in the order first met */
  GHashTable        *by_sku;     /* sku -> Offer */
  GHashTable        *regions;    /* region code -> TRUE */
  char              *currency;
  char              *latest;     /* the latest effectiveTime's date */
  const char        *gib;        /* units this build prices, or NULL */
  const char        *gib_month;
} Conversion;

static void
price_free (gpointer data)
{
  Price *price = data;

  g_array_unref (price->tiers);
  g_free (price->where);
  g_free (price);
}

static void
offer_free (gpointer data)
{
  Offer *offer = data;

  g_free (offer->sku);
  g_free (offer->name);
  g_free (offer->region);
  g_free (offer->family);
  g_ptr_array_unref (offer->prices);
  g_free (offer);
}

static gboolean
malformed (const char  *path,
           GError     **error)
{
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
               /* Translators: %s is a file */
               _("%s: not a page of the Cloud Billing Catalog API (no skus array)"), path);
  return FALSE;
}

/* units + nanos / 10⁹, exactly: a Money of the API. */
static gboolean
money (JsonObject *price,
       SkyDecimal *out)
{
  const char *units = _sky_json_string (price, "units");
  JsonNode *nanos_node = json_object_get_member (price, "nanos");
  gint64 nanos = 0;
  guint64 whole = 0;

  if (units != NULL && !g_ascii_string_to_unsigned (units, 10, 0, G_MAXINT64 / 1000000000,
                                                    &whole, NULL))
    return FALSE;
  if (nanos_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (nanos_node) ||
          json_node_get_value_type (nanos_node) != G_TYPE_INT64)
        return FALSE;
      nanos = json_node_get_int (nanos_node);
      if (nanos < 0 || nanos > 999999999)
        return FALSE;
    }
  *out = sky_decimal_normalize (sky_decimal_from_scaled ((gint64) whole * 1000000000 + nanos,
                                                         9));
  return TRUE;
}

/* The machine family a core or RAM SKU's description names: "N4A Instance Core running in
 * Iowa" and "Spot Preemptible N4A Instance Core ..." are N4A, "N4A Custom Instance Ram ..." is
 * N4A Custom. NULL when it names none. */
static char *
machine_family (const char *description)
{
  static const char * const prefixes[] = { "Spot Preemptible ", "Preemptible ",
                                           "Commitment v1: ", "Commitment: " };
  static const char * const ends[] = { " Instance Core", " Instance Ram", " Core running",
                                       " Ram running", " Cpu in ", " Ram in " };
  const char *start = description;
  const char *end = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (start, prefixes[i]))
      start += strlen (prefixes[i]);
  for (gsize i = 0; end == NULL && i < G_N_ELEMENTS (ends); i++)
    end = strstr (start, ends[i]);
  if (end == NULL || end == start)
    return NULL;
  return g_strndup (start, end - start);
}

/* The sku of a family's component offer: its name lowercase, with dashes. */
static char *
family_sku (const char *family,
            const char *region)
{
  g_autofree char *lower = g_ascii_strdown (family, -1);

  g_strdelimit (lower, " ", '-');
  return g_strdup_printf ("%s.components.%s", lower, region);
}

/* The offer @sku, made on first use. */
static Offer *
offer_for (Conversion  *conversion,
           guint        service,
           const char  *sku,
           const char  *name,
           const char  *region,
           const char  *family)
{
  Offer *offer = g_hash_table_lookup (conversion->by_sku, sku);

  if (offer != NULL)
    return offer;
  offer = g_new0 (Offer, 1);
  offer->service = service;
  offer->sku = g_strdup (sku);
  offer->name = g_strdup (name);
  offer->region = g_strdup (region);
  offer->family = g_strdup (family);
  offer->discount = -1;
  offer->prices = g_ptr_array_new_with_free_func (price_free);
  g_ptr_array_add (conversion->offers, offer);
  g_hash_table_insert (conversion->by_sku, offer->sku, offer);
  return offer;
}

typedef struct
{
  const char *term;
  guint       years;
} Term;

/* What one SKU is and what it costs; FALSE when the conversion stops. */
static gboolean
read_sku (Conversion           *conversion,
          const SkySourcePage  *page,
          JsonObject           *sku,
          guint                 index,
          GError              **error)
{
  SkyConvertContext *context = conversion->context;
  g_autofree char *path = g_strdup_printf ("$.skus[%u]", index);
  g_autofree char *where = _sky_source_page_where (page, sku, path);
  g_autofree char *family = NULL;
  g_autofree char *effective = NULL;
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (Tier));
  JsonObject *category = _sky_json_object (sku, "category");
  JsonArray *regions = _sky_json_array (sku, "serviceRegions");
  JsonArray *pricing = _sky_json_array (sku, "pricingInfo");
  JsonObject *info = NULL, *expression = NULL;
  JsonArray *rates = NULL;
  const char *description = _sky_json_string (sku, "description");
  const char *sku_id = _sky_json_string (sku, "skuId");
  const char *resource_family, *group, *usage, *usage_unit, *service_name, *when;
  const char *unit = NULL;
  gboolean components = FALSE;
  guint service = COMPUTE_ENGINE;
  Term term = { NULL, 0 };

  if (category == NULL || regions == NULL || pricing == NULL || description == NULL ||
      sku_id == NULL || strchr (sku_id, ' ') != NULL)
    return _sky_convert_bad_row (context, where, error,
                                 _("skuId, description, category, serviceRegions or "
                                   "pricingInfo is missing"));
  resource_family = _sky_json_string (category, "resourceFamily");
  group = _sky_json_string (category, "resourceGroup");
  usage = _sky_json_string (category, "usageType");
  service_name = _sky_json_string (category, "serviceDisplayName");
  if (resource_family == NULL || group == NULL || usage == NULL)
    return _sky_convert_bad_row (context, where, error,
                                 _("category lacks resourceFamily, resourceGroup or "
                                   "usageType"));

  if (strcmp (usage, "OnDemand") == 0)
    term = (Term) { "on-demand", 0 };
  else if (strcmp (usage, "Preemptible") == 0)
    term = (Term) { "spot", 0 };
  else if (strcmp (usage, "Commit1Yr") == 0)
    term = (Term) { "reserved", 1 };
  else if (strcmp (usage, "Commit3Yr") == 0)
    term = (Term) { "reserved", 3 };
  else
    {
      g_autofree char *reason = g_strdup_printf (_("purchase option not converted (%s)"),
                                                 usage);

      sky_convert_summary_skip (context->summary, reason, where);
      return TRUE;
    }

  /* What it is: a machine family's cores or memory, egress, or storage. */
  if (strcmp (resource_family, "Compute") == 0 &&
      (strcmp (group, "CPU") == 0 || strcmp (group, "RAM") == 0))
    {
      if (strstr (description, "Sole Tenancy") != NULL)
        {
          sky_convert_summary_skip (context->summary,
                                    _("sole-tenancy premium: charged on top of an instance"),
                                    where);
          return TRUE;
        }
      family = machine_family (description);
      if (family == NULL)
        {
          sky_convert_summary_skip (context->summary,
                                    _("core or RAM SKU that names no machine family"), where);
          return TRUE;
        }
      components = TRUE;
      unit = strcmp (group, "CPU") == 0 ? "vcpu-hour" : "gib-hour";
    }
  else if (strcmp (resource_family, "Network") == 0 && strstr (group, "Egress") != NULL)
    service = INTERNET_EGRESS;
  else if (strcmp (resource_family, "Storage") == 0 && service_name != NULL &&
           strcmp (service_name, "Cloud Storage") == 0)
    service = CLOUD_STORAGE;
  else if (strcmp (resource_family, "Storage") == 0 && service_name != NULL &&
           strcmp (service_name, "Compute Engine") == 0)
    service = PERSISTENT_DISK;
  else
    {
      g_autofree char *reason = g_strdup_printf (_("SKU not converted (%s, %s)"),
                                                 resource_family, group);

      sky_convert_summary_skip (context->summary, reason, where);
      return TRUE;
    }

  /* How it is priced: the first pricing (the one in force), its unit and tiers. */
  if (json_array_get_length (pricing) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (pricing, 0)))
    info = json_array_get_object_element (pricing, 0);
  if (info != NULL)
    expression = _sky_json_object (info, "pricingExpression");
  if (expression != NULL)
    rates = _sky_json_array (expression, "tieredRates");
  usage_unit = expression != NULL ? _sky_json_string (expression, "usageUnit") : NULL;
  if (rates == NULL || json_array_get_length (rates) == 0 || usage_unit == NULL)
    return _sky_convert_bad_row (context, where, error,
                                 _("pricingInfo[0] has no usageUnit or no tieredRates"));
  if (components)
    {
      const char *expected = strcmp (unit, "vcpu-hour") == 0 ? "h" : "GiBy.h";

      if (strcmp (usage_unit, expected) != 0)
        return _sky_convert_bad_row (context, where, error,
                                     /* Translators: “usageUnit GiBy where h was expected” */
                                     _("usageUnit %s where %s was expected"), usage_unit,
                                     expected);
    }
  else if (strcmp (usage_unit, "h") == 0)
    unit = "hour";
  else if (strcmp (usage_unit, "GiBy.h") == 0)
    unit = "gib-hour";
  else if (strcmp (usage_unit, "GiBy.mo") == 0 || strcmp (usage_unit, "GiBy") == 0)
    {
      gboolean month = strcmp (usage_unit, "GiBy.mo") == 0;

      unit = month ? conversion->gib_month : conversion->gib;
      if (unit == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("unit not yet supported (%s)"),
                                                     usage_unit);

          sky_convert_summary_skip (context->summary, reason, where);
          return TRUE;
        }
    }
  else
    {
      g_autofree char *reason = g_strdup_printf (_("unit not converted (%s)"), usage_unit);

      sky_convert_summary_skip (context->summary, reason, where);
      return TRUE;
    }

  for (guint t = 0; t < json_array_get_length (rates); t++)
    {
      JsonNode *node = json_array_get_element (rates, t);
      JsonObject *rate = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *price = rate != NULL ? _sky_json_object (rate, "unitPrice") : NULL;
      const char *currency = price != NULL ? _sky_json_string (price, "currencyCode") : NULL;
      Tier tier;

      if (price == NULL || !_sky_json_decimal (rate, "startUsageAmount", &tier.from))
        {
          /* A first tier may leave its start out (it is 0 then). */
          if (price == NULL || t > 0 || json_object_has_member (rate, "startUsageAmount"))
            return _sky_convert_bad_row (context, where, error,
                                         _("tieredRates[%u] has no unitPrice or an unreadable "
                                           "startUsageAmount"), t);
          tier.from = sky_decimal_from_int (0);
        }
      if (!money (price, &tier.amount))
        return _sky_convert_bad_row (context, where, error,
                                     _("tieredRates[%u].unitPrice is not units and nanos"), t);
      if (currency == NULL ||
          (conversion->currency != NULL && strcmp (currency, conversion->currency) != 0))
        return _sky_convert_bad_row (context, where, error,
                                     _("tieredRates[%u] is in %s, not %s"), t,
                                     currency != NULL ? currency : "?",
                                     conversion->currency);
      if (conversion->currency == NULL)
        conversion->currency = g_strdup (currency);
      if ((t == 0 && !sky_decimal_is_zero (tier.from)) ||
          (t > 0 && sky_decimal_compare (tier.from,
                                         g_array_index (tiers, Tier, t - 1).from) <= 0))
        return _sky_convert_bad_row (context, where, error,
                                     _("tieredRates do not start at 0 and rise"));
      g_array_append_val (tiers, tier);
    }

  when = _sky_json_string (info, "effectiveTime");
  if (when != NULL && strlen (when) >= 10)
    {
      effective = g_strndup (when, 10);
      if (_sky_convert_check_date (effective, "effectiveTime", NULL) &&
          (conversion->latest == NULL || strcmp (effective, conversion->latest) > 0))
        {
          g_free (conversion->latest);
          conversion->latest = g_strdup (effective);
        }
    }

  for (guint r = 0; r < json_array_get_length (regions); r++)
    {
      JsonNode *node = json_array_get_element (regions, r);
      const char *region = JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;
      g_autofree char *offer_sku = NULL;
      g_autofree char *name = NULL;
      Offer *offer;
      Price *price;

      if (region == NULL || sky_source_region_lookup (PROVIDER, region) == NULL)
        {
          g_autofree char *region_path = g_strdup_printf ("$.skus[%u].serviceRegions[%u]",
                                                          index, r);
          g_autofree char *region_where = _sky_source_page_where (page, sku, region_path);

          if (!_sky_convert_bad_row (context, region_where, error, _("unknown region “%s”"),
                                     region != NULL ? region : "?"))
            return FALSE;
          continue;
        }
      if (components)
        {
          offer_sku = family_sku (family, region);
          name = g_strdup_printf ("%s (per vCPU and GiB)", family);
          offer = offer_for (conversion, COMPUTE_ENGINE, offer_sku, name, region, family);
          offer->architecture = _sky_gcp_family_architecture (family);
          offer->discount = _sky_gcp_family_discount (family);
        }
      else
        {
          offer_sku = g_strdup_printf ("%s.%s", sku_id, region);
          offer = offer_for (conversion, service, offer_sku, description, region, group);
        }
      for (guint p = 0; p < offer->prices->len; p++)
        {
          Price *other = g_ptr_array_index (offer->prices, p);

          if (strcmp (other->unit, unit) == 0 && strcmp (other->term, term.term) == 0 &&
              other->years == term.years)
            {
              if (!_sky_convert_bad_row (context, where, error,
                                         _("a second %s %s price of %s (the first at %s)"),
                                         unit, usage, offer_sku, other->where))
                return FALSE;
              offer = NULL;
              break;
            }
        }
      if (offer == NULL)
        continue;
      price = g_new0 (Price, 1);
      price->unit = unit;
      price->term = term.term;
      price->years = term.years;
      price->tiers = g_array_ref (tiers);
      price->where = g_strdup (where);
      g_ptr_array_add (offer->prices, price);
      g_hash_table_add (conversion->regions, g_strdup (region));
    }
  return TRUE;
}

/* The usage discount table @price names: its family's, for a flat on-demand price of a
 * component-priced offer (Google applies none to spot prices or commitments); else -1. */
static int
discounted (const Offer *offer,
            const Price *price)
{
  if (offer->discount < 0 || strcmp (price->term, "on-demand") != 0 || price->tiers->len != 1)
    return -1;
  return offer->discount;
}

static gboolean
write_offer (Conversion  *conversion,
             Offer       *offer,
             GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;

  if (!sky_sheet_writer_begin_offer (writer, offer->sku, offer->name, offer->region, error) ||
      !sky_sheet_writer_offer_attribute (writer, "family", offer->family, error) ||
      !sky_sheet_writer_offer_attribute (writer, "architecture", offer->architecture, error) ||
      (offer->architecture != NULL &&
       !sky_sheet_writer_feature (writer, "pricing", "per vCPU-hour and GiB-hour", error)))
    return FALSE;
  for (guint p = 0; p < offer->prices->len; p++)
    {
      Price *price = g_ptr_array_index (offer->prices, p);
      int discount = discounted (offer, price);

      if (discount >= 0)
        {
          if (!sky_sheet_writer_running_price (writer, price->unit, price->term,
                                               g_array_index (price->tiers, Tier, 0).amount,
                                               NULL, _sky_gcp_discount_id (discount), error))
            return FALSE;
          continue;
        }
      if (price->tiers->len == 1)
        {
          if (!sky_sheet_writer_price (writer, price->unit, price->term, price->years,
                                       g_array_index (price->tiers, Tier, 0).amount, error))
            return FALSE;
          continue;
        }
      if (!sky_sheet_writer_begin_tiers (writer, price->unit, price->term, price->years, error))
        return FALSE;
      for (guint t = 0; t < price->tiers->len; t++)
        {
          const Tier *tier = &g_array_index (price->tiers, Tier, t);
          const Tier *next = t + 1 < price->tiers->len ? tier + 1 : NULL;

          if (!sky_sheet_writer_tier (writer, tier->from, next != NULL ? &next->from : NULL,
                                      tier->amount, error))
            return FALSE;
        }
      if (!sky_sheet_writer_end_tiers (writer, error))
        return FALSE;
    }
  return _sky_convert_end_offer (context, error);
}

/* A price with more decimals than a sheet keeps is a bad row of its SKU: its offers are left
 * out whole with --skip-bad-rows. */
static gboolean
check_precision (Conversion  *conversion,
                 GError     **error)
{
  for (guint o = 0; o < conversion->offers->len; o++)
    {
      Offer *offer = g_ptr_array_index (conversion->offers, o);

      for (guint p = 0; p < offer->prices->len; p++)
        {
          Price *price = g_ptr_array_index (offer->prices, p);

          for (guint t = 0; t < price->tiers->len; t++)
            {
              const Tier *tier = &g_array_index (price->tiers, Tier, t);

              if (tier->amount.scale > SKY_PRICE_SCALE || tier->from.scale > SKY_PRICE_SCALE)
                {
                  if (!_sky_convert_bad_row (conversion->context, price->where, error,
                                             _("a price or tier with more than 10 decimals")))
                    return FALSE;
                  g_ptr_array_remove_index (conversion->offers, o--);
                  goto next_offer;
                }
            }
        }
next_offer:
      ;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
_sky_convert_gcp_skus_json (SkyConvertContext   *context,
                            const char * const  *files,
                            GError             **error)
{
  const SkyConvertOptions *options = context->options;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (
    (GDestroyNotify) _sky_source_page_free);
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (offer_free);
  g_autoptr(GHashTable) by_sku = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) source = g_string_new (NULL);
  g_autofree const char **codes = NULL;
  g_autofree char *file_date = NULL;
  const SkyUnit *gib = sky_unit_lookup ("gib");
  const SkyUnit *gib_month = sky_unit_lookup ("gib-month");
  gboolean discount_used[SKY_GCP_N_DISCOUNTS] = { FALSE };
  Conversion conversion = { context, offers, by_sku, regions, NULL, NULL, NULL, NULL };
  SkySheetHeader header = { 0 };
  const char *effective;
  gboolean ok = TRUE;
  guint n_codes;

  /* Prices per GiB and GiB-month are written once the catalog has those units. */
  conversion.gib = gib != NULL && gib->priced ? "gib" : NULL;
  conversion.gib_month = gib_month != NULL && gib_month->priced ? "gib-month" : NULL;

  for (guint i = 0; ok && files[i] != NULL; i++)
    {
      SkySourcePage *page = _sky_source_page_read (files[i], error);
      JsonArray *skus;

      if (page == NULL)
        {
          ok = FALSE;
          break;
        }
      g_ptr_array_add (pages, page);
      skus = _sky_source_page_array (page, "skus");
      if (skus == NULL)
        {
          ok = malformed (files[i], error);
          break;
        }
      for (guint s = 0; ok && s < json_array_get_length (skus); s++)
        {
          JsonNode *node = json_array_get_element (skus, s);

          if (_sky_convert_cancelled (context, error))
            ok = FALSE;
          else if (!JSON_NODE_HOLDS_OBJECT (node))
            ok = malformed (files[i], error);
          else
            ok = read_sku (&conversion, page, json_node_get_object (node), s, error);
        }
    }
  ok = ok && check_precision (&conversion, error);
  if (!ok)
    {
      g_free (conversion.currency);
      g_free (conversion.latest);
      return FALSE;
    }

  file_date = _sky_convert_file_date (files[0]);
  effective = options->effective_date != NULL ? options->effective_date
              : conversion.latest != NULL ? conversion.latest : file_date;
  g_string_append (source, "Converted from Cloud Billing Catalog API pages (");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (files[i]);

      g_string_append_printf (source, "%s%s", i > 0 ? ", " : "", base);
    }
  g_string_append (source, "). Core and RAM SKUs are priced per vCPU-hour and GiB-hour, one "
                           "offer per machine family and region; the on-demand prices of "
                           "the families Google gives a sustained-use discount name its table.");
  header.provider_id = PROVIDER;
  header.provider_name = "Google Cloud";
  header.provider_short_name = options->short_name != NULL ? options->short_name
                                                           : "Google Cloud";
  header.version = options->version != NULL ? options->version : effective;
  header.effective_date = effective;
  header.currency = conversion.currency != NULL ? conversion.currency : "USD";
  header.source = source->str;
  header.source_url = options->source_url != NULL
                      ? options->source_url
                      : "https://cloudbilling.googleapis.com/v1/services";
  header.retrieved = options->retrieved != NULL ? options->retrieved : effective;
  if (effective == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("%s: no date (--effective-date gives one)"), files[0]);
      ok = FALSE;
    }
  ok = ok && sky_sheet_writer_header (context->writer, &header, error);

  codes = (const char **) g_hash_table_get_keys_as_array (regions, &n_codes);
  qsort (codes, n_codes, sizeof *codes, compare_strings);
  for (guint i = 0; ok && i < n_codes; i++)
    {
      const SkySourceRegion *known = sky_source_region_lookup (PROVIDER, codes[i]);
      SkySheetRegion region = { codes[i], known->name, known->geography };

      ok = sky_sheet_writer_region (context->writer, &region, error);
    }
  /* The tables the prices name, declared before the services. */
  for (guint o = 0; o < offers->len; o++)
    {
      Offer *offer = g_ptr_array_index (offers, o);

      for (guint p = 0; p < offer->prices->len; p++)
        {
          int discount = discounted (offer, g_ptr_array_index (offer->prices, p));

          if (discount >= 0)
            discount_used[discount] = TRUE;
        }
    }
  for (guint t = 0; ok && t < SKY_GCP_N_DISCOUNTS; t++)
    if (discount_used[t])
      ok = _sky_gcp_write_discount (context->writer, t, error);
  for (guint s = 0; ok && s < G_N_ELEMENTS (services); s++)
    {
      SkySheetService service = { services[s].id, services[s].name, services[s].category,
                                  NULL };
      gboolean open = FALSE;

      for (guint o = 0; ok && o < offers->len; o++)
        {
          Offer *offer = g_ptr_array_index (offers, o);

          if (offer->service != s)
            continue;
          if (!open)
            ok = open = sky_sheet_writer_begin_service (context->writer, &service, error);
          ok = ok && write_offer (&conversion, offer, error);
        }
      if (ok && open)
        ok = sky_sheet_writer_end_service (context->writer, error);
    }
  g_free (conversion.currency);
  g_free (conversion.latest);
  return ok;
}
