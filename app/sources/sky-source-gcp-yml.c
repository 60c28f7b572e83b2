/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-gcp-yml"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-source-gcp-families.h"
#include "sky-source-private.h"
#include "sky-source-yaml.h"

/* gcp-pricing-yml: the pricing.yml that Cyclenerd's Google Cloud pricing calculator publishes
 * (generated from the Cloud Billing Catalog API). It is read twice, as a stream of libyaml
 * events, so that memory stays flat whatever its size: the first pass finds its date and the
 * regions the offers will be in (a sheet declares its regions first), the second writes the
 * offers. Only one machine type's prices are held at a time. A region's month tells the
 * sustained-use discount of its on-demand price; prices of more than 10 decimals are rounded
 * only when asked to. docs/converters.md has the whole mapping. */

#define PROVIDER "gcp"

/* A machine type's (or a disk's, a bucket's) prices in a region, as the file writes them, each
 * with its line; a disk's month and month_spot are kept in hour and hour_spot. */
typedef struct
{
  char  *region;
  char  *hour, *hour_spot, *month_1y, *month_3y, *month;
  gulong hour_line, hour_spot_line, month_1y_line, month_3y_line;
  gulong line;
} RegionPrices;

#define HOURS_A_MONTH 730

typedef struct _Conversion Conversion;

struct _Conversion
{
  SkyConvertContext *context;
  const char        *path;
  gboolean           writing;      /* the second pass */
  GHashTable        *regions;      /* first pass: region codes used -> TRUE */
  GHashTable        *locations;    /* multi- and dual-region locations the file lists */
  char              *timestamp;
  char              *generated;
  char              *url;

  /* The machine type being read. */
  char              *machine;
  gulong             machine_line;
  char              *cpu, *ram;
  guint64            gpus;
  char              *gpu_model;
  char              *local_ssd;
  GPtrArray         *machine_prices;   /* RegionPrices */

  gulong             region_line;      /* of the region's key being read */

  SkyDecimal         full_hours[SKY_GCP_N_DISCOUNTS];  /* of a month of 730, under each */
  gboolean           discount_used[SKY_GCP_N_DISCOUNTS];

  /* The disk or bucket class being read. */
  char              *product;
  gulong             product_line;
  char              *product_type;
  GPtrArray         *product_prices;   /* RegionPrices: month in hour, month_spot in hour_spot */

  /* The service open in the sheet, if any, and the section it is for. */
  const char        *service;
  const char        *gib_month;      /* the unit GiB-months are written in; NULL: none yet */
  const char        *gib;            /* likewise for GiB transferred */

  /* Internet egress, by destination and region, until its section ends. */
  GPtrArray         *egress;         /* Egress */
  GHashTable        *egress_by_key;  /* "destination region" -> Egress, borrowed */
};

static void
region_prices_free (gpointer data)
{
  RegionPrices *prices = data;

  g_free (prices->region);
  g_free (prices->hour);
  g_free (prices->hour_spot);
  g_free (prices->month_1y);
  g_free (prices->month_3y);
  g_free (prices->month);
  g_free (prices);
}

static char *
place (Conversion *conversion,
       gulong      line,
       const char *what)
{
  return g_strdup_printf ("%s:%lu: %s", conversion->path, line, what);
}

/* Services ---------------------------------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *name;
  const char *category;
} Service;

static const Service compute_engine = { "compute-engine", "Compute Engine", "compute" };
static const Service persistent_disk = { "persistent-disk", "Persistent Disk", "storage" };
static const Service cloud_storage = { "cloud-storage", "Cloud Storage", "storage" };
static const Service internet_egress = { "internet-egress", "Internet Egress", "network" };

/* Opens @service in the sheet unless it is the one open; services follow the file's sections,
 * each contiguous. */
static gboolean
enter_service (Conversion     *conversion,
               const Service  *service,
               GError        **error)
{
  SkySheetService sheet_service = { service->id, service->name, service->category, NULL };

  if (conversion->service == service->id)
    return TRUE;
  if (conversion->service != NULL &&
      !sky_sheet_writer_end_service (conversion->context->writer, error))
    return FALSE;
  conversion->service = service->id;
  return sky_sheet_writer_begin_service (conversion->context->writer, &sheet_service, error);
}

/* Machine types ----------------------------------------------------------------------------- */

static void
machine_clear (Conversion *conversion)
{
  g_clear_pointer (&conversion->machine, g_free);
  g_clear_pointer (&conversion->cpu, g_free);
  g_clear_pointer (&conversion->ram, g_free);
  g_clear_pointer (&conversion->gpu_model, g_free);
  g_clear_pointer (&conversion->local_ssd, g_free);
  conversion->gpus = 0;
  g_ptr_array_set_size (conversion->machine_prices, 0);
}

/* A number of vCPUs or GiB as the sheet writes it (3 decimals at most), or NULL. */
static char *
size_text (const char *text)
{
  SkyDecimal value;

  if (!_sky_convert_parse_amount (text, &value) || value.scale > 3)
    return NULL;
  return _sky_convert_decimal_text (value);
}

/* A price field of a row, read. */
typedef struct
{
  const char *field;       /* its key in the file */
  const char *text;        /* NULL when the file has none */
  gulong      line;
  SkyDecimal  value;
  gboolean    rounded;     /* --round-prices rounded it to a sheet's 10 decimals */
} Field;

/* Reads the price @fields of a row: the first that is not a plain decimal, or that has more
 * than a sheet's 10 decimals when they are not rounded, is returned (*@too_precise telling
 * which of the two); NULL when every field given is good. */
static Field *
read_fields (Conversion *conversion,
             Field      *fields,
             guint       n_fields,
             gboolean   *too_precise)
{
  *too_precise = FALSE;
  for (guint f = 0; f < n_fields; f++)
    {
      if (fields[f].text == NULL)
        continue;
      if (!_sky_convert_parse_amount (fields[f].text, &fields[f].value))
        return &fields[f];
      if (!_sky_convert_fit_price (conversion->context, &fields[f].value, &fields[f].rounded))
        {
          *too_precise = TRUE;
          return &fields[f];
        }
    }
  return NULL;
}

/* Notes each rounded field of a row written, @path being the row's path in the file. */
static void
note_rounded (Conversion  *conversion,
              const char  *path,
              const Field *fields,
              guint        n_fields)
{
  for (guint f = 0; f < n_fields; f++)
    if (fields[f].text != NULL && fields[f].rounded)
      {
        g_autofree char *where = g_strdup_printf ("%s:%lu: %s.%s", conversion->path,
                                                  fields[f].line, path, fields[f].field);

        _sky_convert_note_rounded (conversion->context, where, fields[f].text, fields[f].value);
      }
}

/* The hours billed at full price for an always-on month of 730 hours under each table. */
static void
compute_full_hours (Conversion *conversion)
{
  for (guint t = 0; t < SKY_GCP_N_DISCOUNTS; t++)
    conversion->full_hours[t] = _sky_gcp_discount_full_hours (t);
}

/* The usage discount of an on-demand price, told by the region's always-on month: *@table is
 * the index of the table under which 730 hours at @hour_text cost @month_text, or -1 for
 * none. Returns NULL, or the reason the month matches neither 730 hours nor a table (then no
 * discount is written, and the row is noted). The file's own figures are compared, exactly. */
static const char *
usage_discount_of (Conversion *conversion,
                   const char *hour_text,
                   const char *month_text,
                   int        *table)
{
  SkyDecimal hour, month, full;

  *table = -1;
  if (hour_text == NULL || month_text == NULL ||
      !_sky_convert_parse_amount (hour_text, &hour) ||
      !_sky_convert_parse_amount (month_text, &month) ||
      !sky_decimal_mul (hour, sky_decimal_from_int (HOURS_A_MONTH), &full))
    return NULL;
  if (sky_decimal_compare (full, month) == 0)
    return NULL;
  for (guint t = 0; t < SKY_GCP_N_DISCOUNTS; t++)
    {
      SkyDecimal discounted;

      if (sky_decimal_mul (hour, conversion->full_hours[t], &discounted) &&
          sky_decimal_compare (discounted, month) == 0)
        {
          *table = (int) t;
          return NULL;
        }
    }
  /* An hourly price of more than 10 decimals is the month divided by 730, cut short. */
  if (hour.scale > SKY_PRICE_SCALE &&
      sky_decimal_compare (sky_decimal_round (full, month.scale, SKY_ROUND_HALF_UP), month) == 0)
    return _("month is hour × 730 only once rounded to its own decimals (hour is month ÷ 730, "
             "cut short): no usage discount");
  return _("month is neither hour × 730 nor hour under a known sustained-use discount: no "
           "usage discount");
}

static gboolean
write_price (Conversion  *conversion,
             const char  *unit,
             const char  *term,
             guint        years,
             SkyDecimal   amount,
             GError     **error)
{
  return sky_sheet_writer_price (conversion->context->writer, unit, term, years, amount, error);
}

/* The machine type read, one offer per region it has an hourly price in. */
static gboolean
write_machine (Conversion  *conversion,
               GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;
  g_autofree char *vcpu = NULL, *memory = NULL, *gpus = NULL, *family = NULL;
  g_autofree char *machine_place = place (conversion, conversion->machine_line,
                                          conversion->machine);
  const char *dash;

  if (conversion->machine_prices->len == 0)
    {
      if (conversion->writing)
        sky_convert_summary_skip (context->summary, _("machine type without prices"),
                                  machine_place);
      return TRUE;
    }
  vcpu = size_text (conversion->cpu);
  memory = size_text (conversion->ram);
  if (vcpu == NULL || memory == NULL)
    return !conversion->writing ||
           _sky_convert_bad_row (context, machine_place, error,
                                 _("cpu or ram is missing or not a number of at most 3 "
                                   "decimals"));
  gpus = conversion->gpus > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT, conversion->gpus) : NULL;
  dash = strchr (conversion->machine, '-');
  family = dash != NULL ? g_strndup (conversion->machine, dash - conversion->machine)
                        : g_strdup (conversion->machine);

  for (guint i = 0; i < conversion->machine_prices->len; i++)
    {
      RegionPrices *prices = g_ptr_array_index (conversion->machine_prices, i);
      g_autofree char *path = g_strdup_printf ("compute.instance.%s.cost.%s",
                                               conversion->machine, prices->region);
      g_autofree char *where = NULL;
      g_autofree char *sku = NULL;
      Field fields[] = {
        { "hour", prices->hour, prices->hour_line },
        { "hour_spot", prices->hour_spot, prices->hour_spot_line },
        { "month_1y", prices->month_1y, prices->month_1y_line },
        { "month_3y", prices->month_3y, prices->month_3y_line },
      };
      const Field *bad;
      const char *wrong = NULL;
      const char *mismatch;
      gboolean too_precise = FALSE;
      gboolean runnable;
      gboolean known = sky_source_region_lookup (PROVIDER, prices->region) != NULL;
      int table;

      bad = read_fields (conversion, fields, G_N_ELEMENTS (fields), &too_precise);
      wrong = bad != NULL ? bad->field : NULL;
      mismatch = usage_discount_of (conversion, prices->hour, prices->month, &table);
      /* A region with commitments only is not an offer one can run. */
      runnable = prices->hour != NULL || prices->hour_spot != NULL;
      if (!conversion->writing)
        {
          if (known && wrong == NULL && runnable)
            {
              g_hash_table_add (conversion->regions, g_strdup (prices->region));
              if (table >= 0)
                conversion->discount_used[table] = TRUE;
            }
          continue;
        }
      where = g_strdup_printf ("%s:%lu: %s", conversion->path, prices->line, path);
      if (!runnable)
        {
          sky_convert_summary_skip (context->summary,
                                    _("no on-demand or spot price in this region"), where);
          continue;
        }
      if (!known)
        {
          if (!_sky_convert_bad_row (context, where, error, _("unknown region “%s”"),
                                     prices->region))
            return FALSE;
          continue;
        }
      if (too_precise)
        {
          if (!_sky_convert_bad_row (context, where, error,
                                     /* Translators: %s is a field's name (hour, month_1y) */
                                     _("%s has more than 10 decimals (a sheet keeps 10; it "
                                       "is not rounded)"), wrong))
            return FALSE;
          continue;
        }
      if (wrong != NULL)
        {
          if (!_sky_convert_bad_row (context, where, error,
                                     /* Translators: %s is a field's name (hour, month_1y) */
                                     _("%s is missing or not a plain decimal"), wrong))
            return FALSE;
          continue;
        }
      sku = g_strdup_printf ("%s.linux.%s", conversion->machine, prices->region);
      if (!enter_service (conversion, &compute_engine, error) ||
          !sky_sheet_writer_begin_offer (writer, sku, conversion->machine, prices->region,
                                         error) ||
          !sky_sheet_writer_offer_attribute (writer, "family", family, error) ||
          !sky_sheet_writer_offer_attribute (writer, "vcpu", vcpu, error) ||
          !sky_sheet_writer_offer_attribute (writer, "memory-gib", memory, error) ||
          !sky_sheet_writer_offer_attribute (writer, "gpu", gpus, error) ||
          !sky_sheet_writer_offer_attribute (writer, "os", "linux", error) ||
          !sky_sheet_writer_offer_attribute (writer, "architecture",
                                             _sky_gcp_family_architecture (conversion->machine),
                                             error) ||
          (conversion->gpu_model != NULL &&
           !sky_sheet_writer_feature (writer, "gpu-model", conversion->gpu_model, error)) ||
          (conversion->local_ssd != NULL && strcmp (conversion->local_ssd, "0") != 0 &&
           !sky_sheet_writer_feature (writer, "local-ssd-gib", conversion->local_ssd, error)) ||
          (prices->hour != NULL &&
           !sky_sheet_writer_running_price (writer, "hour", "on-demand", fields[0].value, NULL,
                                            table >= 0 ? _sky_gcp_discount_id (table) : NULL,
                                            error)) ||
          (prices->hour_spot != NULL &&
           !write_price (conversion, "hour", "spot", 0, fields[1].value, error)) ||
          (prices->month_1y != NULL &&
           !write_price (conversion, "month", "reserved", 1, fields[2].value, error)) ||
          (prices->month_3y != NULL &&
           !write_price (conversion, "month", "reserved", 3, fields[3].value, error)) ||
          !_sky_convert_end_offer (context, error))
        return FALSE;
      note_rounded (conversion, path, fields, G_N_ELEMENTS (fields));
      if (mismatch != NULL)
        {
          g_autofree char *noted = g_strdup_printf ("%s: month %s, hour %s", where,
                                                    prices->month, prices->hour);

          sky_convert_summary_note (context->summary, mismatch, noted);
        }
    }
  return TRUE;
}

static void
machine_field (Conversion *conversion,
               const char *field,
               const char *value)
{
  guint64 count;

  if (strcmp (field, "cpu") == 0)
    {
      g_free (conversion->cpu);
      conversion->cpu = g_strdup (value);
    }
  else if (strcmp (field, "ram") == 0)
    {
      g_free (conversion->ram);
      conversion->ram = g_strdup (value);
    }
  else if (strcmp (field, "local-ssd") == 0)
    {
      g_free (conversion->local_ssd);
      conversion->local_ssd = g_strdup (value);
    }
  else if (strcmp (field, "type") != 0 &&
           g_ascii_string_to_unsigned (value, 10, 1, 1024, &count, NULL))
    {
      /* Any other count is the machine's accelerators, named by their model (a100, l4). */
      conversion->gpus += count;
      g_free (conversion->gpu_model);
      conversion->gpu_model = g_strdup (field);
    }
}

/* The prices of @region in @list: its last entry when it is that region's (a region's
 * fields come together), else a new entry for it, begun at @line. */
static RegionPrices *
region_prices (GPtrArray  *list,
               const char *region,
               gulong      line)
{
  RegionPrices *prices;

  if (list->len > 0)
    {
      prices = g_ptr_array_index (list, list->len - 1);
      if (strcmp (prices->region, region) == 0)
        return prices;
    }
  prices = g_new0 (RegionPrices, 1);
  prices->region = g_strdup (region);
  prices->line = line;
  g_ptr_array_add (list, prices);
  return prices;
}

static void
machine_price (Conversion *conversion,
               const char *region,
               const char *field,
               const char *value,
               gulong      line)
{
  RegionPrices *prices = region_prices (conversion->machine_prices, region,
                                         conversion->region_line);
  char **slot = NULL;

  if (strcmp (field, "hour") == 0)
    {
      slot = &prices->hour;
      prices->hour_line = line;
    }
  else if (strcmp (field, "hour_spot") == 0)
    {
      slot = &prices->hour_spot;
      prices->hour_spot_line = line;
    }
  else if (strcmp (field, "month_1y") == 0)
    {
      slot = &prices->month_1y;
      prices->month_1y_line = line;
    }
  else if (strcmp (field, "month_3y") == 0)
    {
      slot = &prices->month_3y;
      prices->month_3y_line = line;
    }
  else if (strcmp (field, "month") == 0)
    slot = &prices->month;
  if (slot != NULL)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

/* Disks and buckets ------------------------------------------------------------------------- */

static void
product_clear (Conversion *conversion)
{
  g_clear_pointer (&conversion->product, g_free);
  g_clear_pointer (&conversion->product_type, g_free);
  g_ptr_array_set_size (conversion->product_prices, 0);
}

/* A disk's or bucket's @field (month, month_spot, month_1y, month_3y) in @region; a NULL
 * @field only notes the region, which may have no price. */
static void
product_price (Conversion *conversion,
               const char *region,
               const char *field,
               const char *value,
               gulong      line)
{
  RegionPrices *prices = region_prices (conversion->product_prices, region,
                                         conversion->region_line);
  char **slot = NULL;

  /* The fields are a machine's, each a price per GiB-month here. */
  if (field == NULL)
    return;
  if (strcmp (field, "month") == 0)
    {
      slot = &prices->hour;
      prices->hour_line = line;
    }
  else if (strcmp (field, "month_spot") == 0)
    {
      slot = &prices->hour_spot;
      prices->hour_spot_line = line;
    }
  else if (strcmp (field, "month_1y") == 0)
    {
      slot = &prices->month_1y;
      prices->month_1y_line = line;
    }
  else if (strcmp (field, "month_3y") == 0)
    {
      slot = &prices->month_3y;
      prices->month_3y_line = line;
    }
  if (slot != NULL)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

/* What a disk of pricing.yml's compute.storage is stored on. */
static const char *
disk_storage_type (const char *type)
{
  if (type == NULL)
    return NULL;
  if (strcmp (type, "pd-standard") == 0)
    return "hdd";
  if (strcmp (type, "pd-snapshot") == 0)
    return "snapshot";
  return "ssd";
}

/* The disk (compute.storage) or bucket class (storage.bucket) read, one offer per region, per
 * GiB-month. Dual- and multi-region buckets are priced per location that is not a region. */
static gboolean
write_product (Conversion  *conversion,
               gboolean     bucket,
               GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;
  const char *section = bucket ? "storage.bucket" : "compute.storage";
  g_autofree char *product_place = g_strdup_printf ("%s:%lu: %s.%s", conversion->path,
                                                    conversion->product_line, section,
                                                    conversion->product);
  g_autofree char *name = NULL;
  g_autofree char *family = NULL;
  g_autofree char *storage_type = NULL;

  if (bucket && (g_str_has_suffix (conversion->product, "-dual") ||
                 g_str_has_suffix (conversion->product, "-multi")))
    {
      if (conversion->writing)
        sky_convert_summary_skip (context->summary,
                                  _("dual- and multi-region bucket (its location is not a "
                                    "region)"), product_place);
      return TRUE;
    }
  if (bucket)
    {
      /* The class, its title and its storage type: a requirement for object-standard storage
       * must not be met by Archive. */
      static const char * const classes[][3] = {
        { "standard", "Standard", "object-standard" },
        { "nearline", "Nearline", "object-nearline" },
        { "coldline", "Coldline", "object-coldline" },
        { "archiv", "Archive", "object-archive" },
        { "dra", "Durable Reduced Availability", "object-dra" },
      };
      const char *title = conversion->product;
      const char *type = "object-standard";

      for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
        if (strcmp (conversion->product, classes[i][0]) == 0)
          {
            title = classes[i][1];
            type = classes[i][2];
          }
      name = g_strdup_printf ("Cloud Storage %s", title);
      family = g_strdup (title);
      storage_type = g_strdup (type);
    }
  else
    {
      const char *type = conversion->product_type != NULL ? conversion->product_type
                                                          : conversion->product;

      name = g_str_has_suffix (conversion->product, "-replicated")
             ? g_strdup_printf ("%s (regional)", type) : g_strdup (type);
      family = g_strdup (type);
      storage_type = g_strdup (disk_storage_type (conversion->product_type));
    }

  for (guint i = 0; i < conversion->product_prices->len; i++)
    {
      RegionPrices *prices = g_ptr_array_index (conversion->product_prices, i);
      g_autofree char *path = g_strdup_printf ("%s.%s.cost.%s", section, conversion->product,
                                               prices->region);
      g_autofree char *where = NULL;
      g_autofree char *sku = NULL;
      Field fields[] = {
        { "month", prices->hour, prices->hour_line },
        { "month_spot", prices->hour_spot, prices->hour_spot_line },
        { "month_1y", prices->month_1y, prices->month_1y_line },
        { "month_3y", prices->month_3y, prices->month_3y_line },
      };
      const Field *bad;
      const char *wrong;
      gboolean too_precise;
      gboolean known = sky_source_region_lookup (PROVIDER, prices->region) != NULL;
      gboolean priced = prices->hour != NULL || prices->hour_spot != NULL;

      bad = read_fields (conversion, fields, G_N_ELEMENTS (fields), &too_precise);
      wrong = bad != NULL ? bad->field : NULL;
      if (!conversion->writing)
        {
          if (known && priced && wrong == NULL && conversion->gib_month != NULL)
            g_hash_table_add (conversion->regions, g_strdup (prices->region));
          continue;
        }
      where = g_strdup_printf ("%s:%lu: %s", conversion->path, prices->line, path);
      if (!known && g_hash_table_contains (conversion->locations, prices->region))
        {
          sky_convert_summary_skip (context->summary,
                                    _("multi- or dual-region location (not a region)"), where);
          continue;
        }
      if (!known)
        {
          if (!_sky_convert_bad_row (context, where, error, _("unknown region “%s”"),
                                     prices->region))
            return FALSE;
          continue;
        }
      if (!priced)
        {
          sky_convert_summary_skip (context->summary, _("no price in this region"), where);
          continue;
        }
      if (wrong != NULL)
        {
          if (!_sky_convert_bad_row (context, where, error,
                                     _("%s is not a plain decimal of at most 10 decimals"),
                                     wrong))
            return FALSE;
          continue;
        }
      if (conversion->gib_month == NULL)
        {
          sky_convert_summary_skip (context->summary,
                                    _("unit not yet supported (GiB-month)"), where);
          continue;
        }
      sku = g_strdup_printf ("%s-%s.%s", bucket ? "gcs" : "disk", conversion->product,
                             prices->region);
      if (!enter_service (conversion, bucket ? &cloud_storage : &persistent_disk, error) ||
          !sky_sheet_writer_begin_offer (writer, sku, name, prices->region, error) ||
          !sky_sheet_writer_offer_attribute (writer, "family", family, error) ||
          !sky_sheet_writer_offer_attribute (writer, "storage-type", storage_type, error) ||
          (!bucket && conversion->product_type != NULL &&
           !sky_sheet_writer_feature (writer, "disk-type", conversion->product_type, error)) ||
          (prices->hour != NULL &&
           !write_price (conversion, conversion->gib_month, "on-demand", 0, fields[0].value,
                         error)) ||
          (prices->hour_spot != NULL &&
           !write_price (conversion, conversion->gib_month, "spot", 0, fields[1].value,
                         error)) ||
          (prices->month_1y != NULL &&
           !write_price (conversion, conversion->gib_month, "reserved", 1, fields[2].value,
                         error)) ||
          (prices->month_3y != NULL &&
           !write_price (conversion, conversion->gib_month, "reserved", 3, fields[3].value,
                         error)) ||
          !_sky_convert_end_offer (context, error))
        return FALSE;
      note_rounded (conversion, path, fields, G_N_ELEMENTS (fields));
    }
  return TRUE;
}

/* Internet egress ---------------------------------------------------------------------------- */

typedef struct
{
  char   *label;      /* "0-1", "1-10", "10n": TiB a month */
  char   *amount;     /* per GiB */
  gulong  line;
} EgressTier;

typedef struct
{
  char      *destination;   /* NULL for the worldwide prices */
  char      *region;
  gulong     line;
  GPtrArray *tiers;         /* EgressTier, in the file's order */
} Egress;

static void
egress_tier_free (gpointer data)
{
  EgressTier *tier = data;

  g_free (tier->label);
  g_free (tier->amount);
  g_free (tier);
}

static void
egress_free (gpointer data)
{
  Egress *egress = data;

  g_free (egress->destination);
  g_free (egress->region);
  g_ptr_array_unref (egress->tiers);
  g_free (egress);
}

static void
egress_price (Conversion *conversion,
              const char *destination,
              const char *label,
              const char *region,
              const char *value,
              gulong      line)
{
  g_autofree char *key = g_strdup_printf ("%s %s", destination != NULL ? destination : "",
                                          region);
  Egress *egress = g_hash_table_lookup (conversion->egress_by_key, key);
  EgressTier *tier = g_new0 (EgressTier, 1);

  if (egress == NULL)
    {
      egress = g_new0 (Egress, 1);
      egress->destination = g_strdup (destination);
      egress->region = g_strdup (region);
      egress->line = line;
      egress->tiers = g_ptr_array_new_with_free_func (egress_tier_free);
      g_ptr_array_add (conversion->egress, egress);
      g_hash_table_insert (conversion->egress_by_key, g_steal_pointer (&key), egress);
    }
  tier->label = g_strdup (label);
  tier->amount = g_strdup (value);
  tier->line = line;
  g_ptr_array_add (egress->tiers, tier);
}

/* A tier's label, "A-B" or "An" (A and up), in TiB a month, as GiB: FALSE when it is
 * neither. */
static gboolean
egress_bounds (const char *label,
               SkyDecimal *from,
               SkyDecimal *to,
               gboolean   *open)
{
  g_auto(GStrv) parts = NULL;
  guint64 start, end;

  *open = g_str_has_suffix (label, "n");
  if (*open)
    {
      g_autofree char *number = g_strndup (label, strlen (label) - 1);

      if (!g_ascii_string_to_unsigned (number, 10, 0, 1000000, &start, NULL))
        return FALSE;
      *from = sky_decimal_from_int ((gint64) start * 1024);
      return TRUE;
    }
  parts = g_strsplit (label, "-", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 1000000, &start, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 1000000, &end, NULL) || end <= start)
    return FALSE;
  *from = sky_decimal_from_int ((gint64) start * 1024);
  *to = sky_decimal_from_int ((gint64) end * 1024);
  return TRUE;
}

/* Each destination and region of the egress read: one offer priced per GiB in tiers. */
static gboolean
write_egress (Conversion  *conversion,
              GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;

  for (guint i = 0; i < conversion->egress->len; i++)
    {
      Egress *egress = g_ptr_array_index (conversion->egress, i);
      g_autofree char *where = NULL;
      g_autofree char *sku = NULL;
      g_autofree char *name = NULL;
      const char *wrong = NULL;
      gboolean known = sky_source_region_lookup (PROVIDER, egress->region) != NULL;
      SkyDecimal previous_end = sky_decimal_from_int (0);
      gboolean ended = FALSE;

      for (guint t = 0; wrong == NULL && t < egress->tiers->len; t++)
        {
          EgressTier *tier = g_ptr_array_index (egress->tiers, t);
          SkyDecimal from, to, amount;
          gboolean open;

          if (!egress_bounds (tier->label, &from, &to, &open) ||
              sky_decimal_compare (from, previous_end) != 0 || ended)
            wrong = _("the tiers do not follow each other from 0");
          else if (!_sky_convert_parse_amount (tier->amount, &amount) ||
                   amount.scale > SKY_PRICE_SCALE)
            wrong = _("a tier's month is not a plain decimal of at most 10 decimals");
          previous_end = to;
          ended = open;
        }
      if (wrong == NULL && !ended)
        wrong = _("the last tier has an end");
      if (!conversion->writing)
        {
          if (known && wrong == NULL && conversion->gib != NULL)
            g_hash_table_add (conversion->regions, g_strdup (egress->region));
          continue;
        }
      where = g_strdup_printf ("%s:%lu: compute.network.traffic.egress.internet%s%s.cost.*.%s",
                               conversion->path, egress->line,
                               egress->destination != NULL ? "." : "",
                               egress->destination != NULL ? egress->destination : "",
                               egress->region);
      if (!known)
        {
          if (!_sky_convert_bad_row (context, where, error, _("unknown region “%s”"),
                                     egress->region))
            return FALSE;
          continue;
        }
      if (wrong != NULL)
        {
          if (!_sky_convert_bad_row (context, where, error, "%s", wrong))
            return FALSE;
          continue;
        }
      if (conversion->gib == NULL)
        {
          sky_convert_summary_skip (context->summary, _("unit not yet supported (GiB)"), where);
          continue;
        }
      sku = g_strdup_printf ("egress-internet%s%s.%s",
                             egress->destination != NULL ? "-" : "",
                             egress->destination != NULL ? egress->destination : "",
                             egress->region);
      name = egress->destination != NULL
             ? g_strdup_printf ("Internet egress to %s", egress->destination)
             : g_strdup ("Internet egress (worldwide, except China and Australia)");
      if (!enter_service (conversion, &internet_egress, error) ||
          !sky_sheet_writer_begin_offer (writer, sku, name, egress->region, error) ||
          !sky_sheet_writer_offer_attribute (writer, "family", "Premium Tier", error) ||
          !sky_sheet_writer_begin_tiers (writer, conversion->gib, "on-demand", 0, error))
        return FALSE;
      for (guint t = 0; t < egress->tiers->len; t++)
        {
          EgressTier *tier = g_ptr_array_index (egress->tiers, t);
          SkyDecimal from, to, amount;
          gboolean open;

          egress_bounds (tier->label, &from, &to, &open);
          _sky_convert_parse_amount (tier->amount, &amount);
          if (!sky_sheet_writer_tier (writer, from, open ? NULL : &to, amount, error))
            return FALSE;
        }
      if (!sky_sheet_writer_end_tiers (writer, error) || !_sky_convert_end_offer (context, error))
        return FALSE;
    }
  return TRUE;
}

/* The walk ---------------------------------------------------------------------------------- */

/* Whether the keys of @walk are @n_keys long and begin with @prefix (NULL-terminated, "*"
 * for any key). */
static gboolean
at (const SkyYamlPath  *walk,
    guint               n_keys,
    const char * const *prefix)
{
  if (walk->depth != n_keys)
    return FALSE;
  for (guint i = 0; prefix[i] != NULL; i++)
    if (i >= walk->depth ||
        (strcmp (prefix[i], "*") != 0 && strcmp (prefix[i], walk->keys[i]) != 0))
      return FALSE;
  return TRUE;
}

#define AT(walk, n, ...) at ((walk), (n), (const char * const[]) { __VA_ARGS__, NULL })

/* A mapping begins at @walk's keys. */
static gboolean
on_mapping_start (const SkyYamlPath  *walk,
                  gulong              line,
                  gpointer            user_data,
                  GError            **error)
{
  Conversion *conversion = user_data;
  SkyConvertContext *context = conversion->context;

  if (!conversion->writing &&
      (AT (walk, 2, "multi-region", "*") || AT (walk, 2, "dual-region", "*")))
    g_hash_table_add (conversion->locations, g_strdup (walk->keys[1]));
  if (AT (walk, 5, "*", "*", "*", "cost", "*"))
    conversion->region_line = line;
  if (AT (walk, 5, "compute", "storage", "*", "cost", "*") ||
      AT (walk, 5, "storage", "bucket", "*", "cost", "*"))
    product_price (conversion, walk->keys[4], NULL, NULL, line);
  if (AT (walk, 3, "compute", "instance", "*"))
    {
      machine_clear (conversion);
      conversion->machine = g_strdup (walk->keys[2]);
      conversion->machine_line = line;
    }
  else if (AT (walk, 3, "compute", "storage", "*") || AT (walk, 3, "storage", "bucket", "*"))
    {
      product_clear (conversion);
      conversion->product = g_strdup (walk->keys[2]);
      conversion->product_line = line;
    }
  else if (conversion->writing)
    {
      g_autofree char *where = NULL;
      const char *reason = NULL;

      if (AT (walk, 5, "compute", "license", "*", "cost", "*"))
        reason = _("licence: charged on top of a machine type, not an offer of its own");
      else if (AT (walk, 5, "compute", "network", "traffic", "egress", "*") &&
               strcmp (walk->keys[4], "internet") != 0)
        reason = _("egress other than to the internet: not converted");
      else if (AT (walk, 4, "compute", "network", "*", "*") &&
               strcmp (walk->keys[2], "traffic") != 0)
        reason = _("IP address, Cloud NAT or VPN: not converted");
      else if (AT (walk, 3, "storage", "retrieval", "*"))
        reason = _("data retrieval fee: not converted");
      else if (AT (walk, 2, "monitoring", "*"))
        reason = _("Cloud Monitoring: not converted");
      if (reason != NULL)
        {
          g_autoptr(GString) keys = g_string_new (NULL);

          for (guint i = 0; i < walk->depth; i++)
            g_string_append_printf (keys, "%s%s", i > 0 ? "." : "", walk->keys[i]);
          where = place (conversion, line, keys->str);
          sky_convert_summary_skip (context->summary, reason, where);
        }
    }
  return TRUE;
}

static gboolean
on_mapping_end (const SkyYamlPath  *walk,
                gpointer            user_data,
                GError            **error)
{
  Conversion *conversion = user_data;
  if (AT (walk, 3, "compute", "instance", "*"))
    {
      gboolean ok = write_machine (conversion, error);

      machine_clear (conversion);
      return ok;
    }
  if (AT (walk, 5, "compute", "network", "traffic", "egress", "internet"))
    {
      gboolean ok = write_egress (conversion, error);

      g_ptr_array_set_size (conversion->egress, 0);
      g_hash_table_remove_all (conversion->egress_by_key);
      return ok;
    }
  if (AT (walk, 3, "compute", "storage", "*") || AT (walk, 3, "storage", "bucket", "*"))
    {
      gboolean ok = write_product (conversion, strcmp (walk->keys[0], "storage") == 0, error);

      product_clear (conversion);
      return ok;
    }
  return TRUE;
}

/* A scalar value, of the key last in @walk's keys. */
static gboolean
on_value (const SkyYamlPath  *walk,
          const char         *value,
          gulong              line,
          gpointer            user_data,
          GError            **error)
{
  Conversion *conversion = user_data;
  if (AT (walk, 2, "about", "timestamp"))
    {
      g_free (conversion->timestamp);
      conversion->timestamp = g_strdup (value);
    }
  else if (AT (walk, 2, "about", "url"))
    {
      g_free (conversion->url);
      conversion->url = g_strdup (value);
    }
  else if (AT (walk, 2, "about", "generated"))
    {
      g_free (conversion->generated);
      conversion->generated = g_strdup (value);
    }
  else if (AT (walk, 4, "compute", "instance", "*", "*"))
    machine_field (conversion, walk->keys[3], value);
  else if (AT (walk, 6, "compute", "instance", "*", "cost", "*", "*"))
    machine_price (conversion, walk->keys[4], walk->keys[5], value, line);
  else if (AT (walk, 9, "compute", "network", "traffic", "egress", "internet", "cost", "*", "*",
               "month"))
    egress_price (conversion, NULL, walk->keys[6], walk->keys[7], value, line);
  else if (AT (walk, 10, "compute", "network", "traffic", "egress", "internet", "*", "cost", "*",
               "*", "month"))
    egress_price (conversion, walk->keys[5], walk->keys[7], walk->keys[8], value, line);
  else if (AT (walk, 4, "compute", "storage", "*", "type"))
    {
      g_free (conversion->product_type);
      conversion->product_type = g_strdup (value);
    }
  else if (AT (walk, 6, "compute", "storage", "*", "cost", "*", "*") ||
           AT (walk, 6, "storage", "bucket", "*", "cost", "*", "*"))
    product_price (conversion, walk->keys[4], walk->keys[5], value, line);
  else if (AT (walk, 5, "compute", "storage", "*", "cost", "*") ||
           AT (walk, 5, "storage", "bucket", "*", "cost", "*"))
    {
      /* A region without prices: "region:" with nothing. */
      conversion->region_line = line;
      product_price (conversion, walk->keys[4], NULL, NULL, line);
    }
  return TRUE;
}

/* One pass over the file, event by event. */
static gboolean
read_pass (Conversion  *conversion,
           GError     **error)
{
  static const SkyYamlSink sink = { on_mapping_start, on_mapping_end, on_value };

  return _sky_yaml_walk (conversion->path, &sink, conversion, conversion->context->cancellable,
                         error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The file's date: its generation time (about.timestamp, seconds since 1970), in UTC. */
static char *
timestamp_date (const char *timestamp)
{
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;

  if (timestamp == NULL ||
      !g_ascii_string_to_unsigned (timestamp, 10, 0, G_MAXINT64 / 2, &seconds, NULL))
    return NULL;
  when = g_date_time_new_from_unix_utc ((gint64) seconds);
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : NULL;
}

static gboolean
write_header (Conversion  *conversion,
              GError     **error)
{
  const SkyConvertOptions *options = conversion->context->options;
  g_autofree char *stamp_date = timestamp_date (conversion->timestamp);
  g_autofree char *file_date = _sky_convert_file_date (conversion->path);
  g_autofree char *base = g_path_get_basename (conversion->path);
  g_autofree char *source = NULL;
  const char *effective = options->effective_date != NULL ? options->effective_date
                          : stamp_date != NULL ? stamp_date : file_date;
  SkySheetHeader header = { 0 };

  if (effective == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("%s: no date (--effective-date gives one)"), conversion->path);
      return FALSE;
    }
  source = g_strdup_printf ("Converted from %s (the pricing.yml of Cyclenerd's Google Cloud "
                            "pricing calculator%s%s, made from the Cloud Billing Catalog "
                            "API). Machine types on Linux, without licences; committed-use "
                            "prices (month_1y, month_3y) are the file's monthly prices; an "
                            "on-demand price whose month is 730 hours under a sustained-use "
                            "discount table names that table.",
                            base,
                            conversion->generated != NULL ? ", generated " : "",
                            conversion->generated != NULL ? conversion->generated : "");
  header.provider_id = PROVIDER;
  header.provider_name = "Google Cloud";
  header.provider_short_name = options->short_name != NULL ? options->short_name
                                                           : "Google Cloud";
  header.version = options->version != NULL ? options->version : effective;
  header.effective_date = effective;
  header.currency = "USD";
  header.source = source;
  header.source_url = options->source_url != NULL ? options->source_url
                      : conversion->url != NULL ? conversion->url
                      : "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator";
  header.retrieved = options->retrieved != NULL ? options->retrieved : effective;
  return sky_sheet_writer_header (conversion->context->writer, &header, error);
}

gboolean
_sky_convert_gcp_pricing_yml (SkyConvertContext   *context,
                              const char * const  *files,
                              GError             **error)
{
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GPtrArray) machine_prices = g_ptr_array_new_with_free_func (region_prices_free);
  g_autoptr(GPtrArray) product_prices = g_ptr_array_new_with_free_func (region_prices_free);
  g_autofree const char **codes = NULL;
  const SkyUnit *gib_month = sky_unit_lookup ("gib-month");
  const SkyUnit *gib = sky_unit_lookup ("gib");
  g_autoptr(GPtrArray) egress = g_ptr_array_new_with_free_func (egress_free);
  g_autoptr(GHashTable) egress_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  Conversion conversion = { 0 };
  gboolean ok;
  guint n_codes;

  if (files[1] != NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_INVALID_OPTION,
                   _("gcp-pricing-yml converts one pricing.yml at a time"));
      return FALSE;
    }
  conversion.context = context;
  conversion.path = files[0];
  conversion.regions = regions;
  conversion.locations = locations;
  conversion.machine_prices = machine_prices;
  conversion.product_prices = product_prices;
  /* Disks and buckets are priced per GiB-month: written once the catalog has that unit. */
  conversion.gib_month = gib_month != NULL && gib_month->priced ? "gib-month" : NULL;
  conversion.gib = gib != NULL && gib->priced ? "gib" : NULL;
  conversion.egress = egress;
  conversion.egress_by_key = egress_by_key;
  compute_full_hours (&conversion);

  /* First pass: the date, and the regions the offers are in. */
  ok = read_pass (&conversion, error);
  if (ok)
    {
      codes = (const char **) g_hash_table_get_keys_as_array (regions, &n_codes);
      qsort (codes, n_codes, sizeof *codes, compare_strings);
      ok = write_header (&conversion, error);
      for (guint i = 0; ok && i < n_codes; i++)
        {
          const SkySourceRegion *known = sky_source_region_lookup (PROVIDER, codes[i]);
          SkySheetRegion region = { codes[i], known->name, known->geography };

          ok = sky_sheet_writer_region (context->writer, &region, error);
        }
      for (guint t = 0; ok && t < SKY_GCP_N_DISCOUNTS; t++)
        if (conversion.discount_used[t])
          ok = _sky_gcp_write_discount (context->writer, t, error);
    }
  /* Second pass: the offers, and every row skipped or bad. */
  if (ok)
    {
      conversion.writing = TRUE;
      ok = read_pass (&conversion, error) &&
           (conversion.service == NULL ||
            sky_sheet_writer_end_service (context->writer, error));
    }
  machine_clear (&conversion);
  product_clear (&conversion);
  g_free (conversion.timestamp);
  g_free (conversion.generated);
  g_free (conversion.url);
  return ok;
}
