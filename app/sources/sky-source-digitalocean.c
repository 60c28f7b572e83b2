/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-digitalocean"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include "sky-source-json.h"
#include "sky-source-private.h"

/* digitalocean-json: the answers of DigitalOcean's API v2 to /v2/sizes and, optionally,
 * /v2/regions (for the regions' names). Each size becomes one offer in each region it lists,
 * priced by the hour up to its monthly price, the price's monthly cap. Droplets run on x86-64
 * processors. docs/converters.md has the whole mapping. The pages
 * are of bounded size (one answer each), read whole with json-glib; the sheet is streamed. */

#define PROVIDER "digitalocean"

typedef struct
{
  SkyConvertContext *context;
  GPtrArray         *pages;        /* SkySourcePage */
  GHashTable        *names;        /* region slug -> name, from /v2/regions */
  GHashTable        *used;         /* region slug -> TRUE, regions offers are written in */
  GHashTable        *slugs;        /* size slug -> its place, to refuse one listed twice */
} Conversion;

static gboolean
malformed (const char  *path,
           const char  *what,
           GError     **error)
{
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
               /* Translators: “FILE: not an answer of DigitalOcean's API (WHAT)” */
               _("%s: not an answer of DigitalOcean's API /v2/sizes or /v2/regions (%s)"),
               path, what);
  return FALSE;
}

/* Region names from a /v2/regions answer. */
static void
read_region_names (Conversion *conversion,
                   JsonArray  *regions)
{
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonNode *node = json_array_get_element (regions, i);
      const char *slug, *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      slug = _sky_json_string (json_node_get_object (node), "slug");
      name = _sky_json_string (json_node_get_object (node), "name");
      if (slug != NULL && name != NULL && *name != '\0')
        g_hash_table_insert (conversion->names, g_strdup (slug), g_strdup (name));
    }
}

/* What a size says, checked; FALSE when the size is a bad row (reported or skipped through
 * *@stop). */
typedef struct
{
  const char *slug;
  const char *description;
  SkyDecimal  hourly;
  SkyDecimal  monthly;
  SkyDecimal  vcpus;
  SkyDecimal  memory_gib;
  SkyDecimal  disk;
  SkyDecimal  transfer;
  gboolean    has_disk;
  gboolean    has_transfer;
  JsonArray  *regions;
} Size;

static gboolean
read_size (Conversion  *conversion,
           const SkySourcePage  *page,
           JsonObject  *size_object,
           guint        index,
           Size        *size,
           gboolean    *stop,
           GError     **error)
{
  SkyConvertContext *context = conversion->context;
  g_autofree char *path = g_strdup_printf ("$.sizes[%u]", index);
  g_autofree char *place = _sky_source_page_where (page, size_object, path);
  JsonNode *regions;
  SkyDecimal memory_mib;
  const char *numbers[] = { "price_hourly", "price_monthly", "vcpus", "memory" };
  SkyDecimal *values[] = { &size->hourly, &size->monthly, &size->vcpus, &memory_mib };

  *stop = FALSE;
  size->slug = _sky_json_string (size_object, "slug");
  if (size->slug == NULL || *size->slug == '\0' || strchr (size->slug, ' ') != NULL)
    {
      *stop = !_sky_convert_bad_row (context, place, error,
                                     _("a size without a slug (or with a space in it)"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!_sky_json_decimal (size_object, numbers[i], values[i]))
      {
        *stop = !_sky_convert_bad_row (context, place, error,
                                       /* Translators: %s is a field's name (price_hourly) */
                                       _("%s is missing or not a plain positive number"),
                                       numbers[i]);
        return FALSE;
      }
  /* MiB to GiB, exactly: a sheet's memory has at most 3 decimals. */
  if (!sky_decimal_div (memory_mib, sky_decimal_from_int (1024), 3, SKY_ROUND_HALF_UP,
                        &size->memory_gib) ||
      !sky_decimal_mul (size->memory_gib, sky_decimal_from_int (1024), &memory_mib) ||
      sky_decimal_compare (memory_mib, values[3][0]) != 0)
    {
      *stop = !_sky_convert_bad_row (context, place, error,
                                     _("memory is not a whole number of thousandths of a GiB"));
      return FALSE;
    }
  if (sky_decimal_normalize (size->vcpus).scale > 3)
    {
      *stop = !_sky_convert_bad_row (context, place, error,
                                     _("vcpus has more than 3 decimals"));
      return FALSE;
    }
  size->has_disk = _sky_json_decimal (size_object, "disk", &size->disk);
  size->has_transfer = _sky_json_decimal (size_object, "transfer", &size->transfer);
  size->description = _sky_json_string (size_object, "description");
  if (size->description != NULL && (*size->description == '\0' ||
                                    g_utf8_strlen (size->description, -1) > 500))
    size->description = NULL;
  regions = json_object_get_member (size_object, "regions");
  if (regions == NULL || !JSON_NODE_HOLDS_ARRAY (regions))
    {
      *stop = !_sky_convert_bad_row (context, place, error, _("regions is missing"));
      return FALSE;
    }
  size->regions = json_node_get_array (regions);
  return TRUE;
}

/* The regions of a size that can be written; an unknown one is a bad row. */
static gboolean
check_regions (Conversion  *conversion,
               const SkySourcePage  *page,
               JsonObject  *size_object,
               guint        index,
               const Size  *size,
               gboolean    *stop,
               GError     **error)
{
  for (guint r = 0; r < json_array_get_length (size->regions); r++)
    {
      JsonNode *node = json_array_get_element (size->regions, r);
      const char *code = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (code == NULL || sky_source_region_lookup (PROVIDER, code) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("$.sizes[%u].regions[%u]", index, r);
          g_autofree char *place = _sky_source_page_where (page, size_object, path);

          *stop = !_sky_convert_bad_row (conversion->context, place, error,
                                         /* Translators: %s is a region's code */
                                         _("unknown region “%s”"),
                                         code != NULL ? code : "?");
          return FALSE;
        }
    }
  return TRUE;
}

typedef gboolean (*SizeFunc) (Conversion  *conversion,
                              const Size  *size,
                              GError     **error);

/* Calls @func on each size that is not skipped, in the order of the files. */
static gboolean
each_size (Conversion  *conversion,
           gboolean     count_skips,
           SizeFunc     func,
           GError     **error)
{
  SkyConvertContext *context = conversion->context;

  g_hash_table_remove_all (conversion->slugs);
  for (guint p = 0; p < conversion->pages->len; p++)
    {
      const SkySourcePage *page = g_ptr_array_index (conversion->pages, p);
      JsonArray *sizes = _sky_source_page_array (page, "sizes");

      for (guint i = 0; sizes != NULL && i < json_array_get_length (sizes); i++)
        {
          JsonNode *node = json_array_get_element (sizes, i);
          JsonObject *object;
          Size size = { 0 };
          gboolean stop = FALSE;
          SkyConvertContext quiet;
          SkyConvertOptions skip_all;

          if (_sky_convert_cancelled (context, error))
            return FALSE;
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return malformed (_sky_source_page_path (page),
                              _("$.sizes holds something else than objects"), error);
          object = json_node_get_object (node);
          /* The first pass only finds the regions: bad rows are reported by the second. */
          if (!count_skips)
            {
              skip_all = *context->options;
              skip_all.skip_bad_rows = TRUE;
              quiet = *context;
              quiet.options = &skip_all;
              quiet.summary = sky_convert_summary_new ();
              conversion->context = &quiet;
            }
          if (read_size (conversion, page, object, i, &size, &stop, error) &&
              check_regions (conversion, page, object, i, &size, &stop, error))
            {
              g_autofree char *path = g_strdup_printf ("$.sizes[%u]", i);
              g_autofree char *place = _sky_source_page_where (page, object, path);
              const char *first = g_hash_table_lookup (conversion->slugs, size.slug);

              if (first != NULL)
                stop = !_sky_convert_bad_row (conversion->context, place, error,
                                              /* Translators: “size SLUG listed twice (first
                                               * at FILE:LINE)” */
                                              _("size %s listed twice (first at %s)"),
                                              size.slug, first);
              else
                {
                  g_hash_table_insert (conversion->slugs, g_strdup (size.slug),
                                       g_steal_pointer (&place));
                  if (!_sky_json_boolean (object, "available", TRUE))
                    {
                      if (count_skips)
                        sky_convert_summary_skip (context->summary, _("size not available"),
                                                  g_hash_table_lookup (conversion->slugs,
                                                                       size.slug));
                    }
                  else if (json_array_get_length (size.regions) == 0)
                    {
                      if (count_skips)
                        sky_convert_summary_skip (context->summary,
                                                  _("size offered in no region"),
                                                  g_hash_table_lookup (conversion->slugs,
                                                                       size.slug));
                    }
                  else if (!func (conversion, &size, error))
                    stop = TRUE;
                }
            }
          if (!count_skips)
            {
              sky_convert_summary_free (quiet.summary);
              conversion->context = context;
            }
          if (stop)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
note_regions (Conversion  *conversion,
              const Size  *size,
              GError     **error)
{
  for (guint r = 0; r < json_array_get_length (size->regions); r++)
    g_hash_table_add (conversion->used,
                      g_strdup (json_array_get_string_element (size->regions, r)));
  return TRUE;
}

static gboolean
write_size (Conversion  *conversion,
            const Size  *size,
            GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;
  g_autofree char *vcpus = _sky_convert_decimal_text (size->vcpus);
  g_autofree char *memory = _sky_convert_decimal_text (size->memory_gib);
  g_autofree char *disk = size->has_disk ? _sky_convert_decimal_text (size->disk) : NULL;
  g_autofree char *transfer = size->has_transfer ? _sky_convert_decimal_text (size->transfer)
                                                 : NULL;

  for (guint r = 0; r < json_array_get_length (size->regions); r++)
    {
      const char *region = json_array_get_string_element (size->regions, r);
      g_autofree char *sku = g_strdup_printf ("%s.%s", size->slug, region);

      if (!sky_sheet_writer_begin_offer (writer, sku, size->slug, region, error) ||
          !sky_sheet_writer_offer_attribute (writer, "family", size->description, error) ||
          !sky_sheet_writer_offer_attribute (writer, "vcpu", vcpus, error) ||
          !sky_sheet_writer_offer_attribute (writer, "memory-gib", memory, error) ||
          !sky_sheet_writer_offer_attribute (writer, "storage-type", "ssd", error) ||
          !sky_sheet_writer_offer_attribute (writer, "os", "linux", error) ||
          !sky_sheet_writer_offer_attribute (writer, "architecture", "x86-64", error) ||
          (disk != NULL && !sky_sheet_writer_feature (writer, "ssd-disk-gb", disk, error)) ||
          (transfer != NULL &&
           !sky_sheet_writer_feature (writer, "transfer-tb", transfer, error)) ||
          !sky_sheet_writer_running_price (writer, "hour", "on-demand", size->hourly,
                                           &size->monthly, NULL, error) ||
          !_sky_convert_end_offer (context, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
write_header (Conversion          *conversion,
              const char * const  *files,
              const char          *sizes_file,
              GError             **error)
{
  const SkyConvertOptions *options = conversion->context->options;
  g_autofree char *file_date = _sky_convert_file_date (sizes_file);
  const char *effective = options->effective_date != NULL ? options->effective_date : file_date;
  g_autoptr(GString) source = g_string_new (NULL);
  SkySheetHeader header = { 0 };

  if (effective == NULL)
    return malformed (sizes_file, _("no date"), error);
  g_string_append (source, "Converted from DigitalOcean API v2 answers (");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (files[i]);

      g_string_append_printf (source, "%s%s", i > 0 ? ", " : "", base);
    }
  g_string_append (source, "). Droplets are billed by the hour up to their monthly price, "
                           "each hourly price's monthly-cap.");
  header.provider_id = PROVIDER;
  header.provider_name = "DigitalOcean";
  header.provider_short_name = options->short_name != NULL ? options->short_name
                                                           : "DigitalOcean";
  header.version = options->version != NULL ? options->version : effective;
  header.effective_date = effective;
  header.currency = "USD";
  header.source = source->str;
  header.source_url = options->source_url != NULL ? options->source_url
                                                  : "https://api.digitalocean.com/v2/sizes";
  header.retrieved = options->retrieved != NULL ? options->retrieved : effective;
  return sky_sheet_writer_header (conversion->context->writer, &header, error);
}

gboolean
_sky_convert_digitalocean_json (SkyConvertContext   *context,
                                const char * const  *files,
                                GError             **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (
    (GDestroyNotify) _sky_source_page_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **codes = NULL;
  Conversion conversion = { context, pages, names, used, slugs };
  SkySheetService service = { "droplets", "Droplets", "compute", NULL };
  const char *sizes_file = NULL;
  guint n_codes;

  for (guint i = 0; files[i] != NULL; i++)
    {
      SkySourcePage *page = _sky_source_page_read (files[i], error);
      JsonArray *regions;

      if (page == NULL)
        return FALSE;
      g_ptr_array_add (pages, page);
      regions = _sky_source_page_array (page, "regions");
      if (_sky_source_page_array (page, "sizes") != NULL)
        sizes_file = sizes_file != NULL ? sizes_file : files[i];
      else if (regions != NULL)
        read_region_names (&conversion, regions);
      else
        return malformed (files[i], _("no sizes or regions array"), error);
    }
  if (sizes_file == NULL)
    return malformed (files[0], _("no /v2/sizes answer among the files"), error);

  /* Regions come before the offers in a sheet: find those the offers are in first. */
  if (!each_size (&conversion, FALSE, note_regions, error) ||
      !write_header (&conversion, files, sizes_file, error))
    return FALSE;
  codes = (const char **) g_hash_table_get_keys_as_array (used, &n_codes);
  qsort (codes, n_codes, sizeof *codes, compare_strings);
  for (guint i = 0; i < n_codes; i++)
    {
      const SkySourceRegion *known = sky_source_region_lookup (PROVIDER, codes[i]);
      const char *name = g_hash_table_lookup (names, codes[i]);
      SkySheetRegion region = { codes[i], name != NULL ? name : known->name, known->geography };

      if (!sky_sheet_writer_region (context->writer, &region, error))
        return FALSE;
    }
  if (n_codes == 0)
    return each_size (&conversion, TRUE, note_regions, error);
  return sky_sheet_writer_begin_service (context->writer, &service, error) &&
         each_size (&conversion, TRUE, write_size, error) &&
         sky_sheet_writer_end_service (context->writer, error);
}
