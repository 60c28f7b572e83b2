/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-azure"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sky-source-json.h"
#include "sky-source-private.h"

/* azure-retail-json: pages of Azure's Retail Prices API (an object with an "Items" array and a
 * "NextPageLink", or the Items of several pages as one bare array). Each item is one price of
 * one meter: its purchase option (type, and "Spot" in the SKU's name), its unit and its tier.
 * The items of one offer (the on-demand, dev/test, spot and reservation prices of a VM size, the
 * tiers of a meter) may be on different pages, so every item read is first put, as the price it
 * gives, in a private temporary SQLite database keyed by offer, unit, purchase option and tier;
 * only one page is held in memory at a time. The sheet is then written from that table in
 * order, one offer at a time. docs/converters.md has the whole mapping. */

#define PROVIDER "azure"

typedef struct
{
  const char *id;
  const char *name;
  const char *category;
} Service;

static const Service services[] = {
  { "virtual-machines", "Virtual Machines", "compute" },
  { "managed-disks", "Managed Disks", "storage" },
  { "blob-storage", "Blob Storage", "storage" },
  { "postgresql-flexible", "Azure Database for PostgreSQL flexible server", "database" },
  { "mysql-flexible", "Azure Database for MySQL flexible server", "database" },
  { "sql-database", "Azure SQL Database", "database" },
  { "bandwidth", "Bandwidth", "network" },
  { "functions", "Azure Functions", "serverless" },
  { "postgresql-hyperscale", "Azure Database for PostgreSQL Hyperscale (Citus)", "database" },
};

enum
{
  VIRTUAL_MACHINES,
  MANAGED_DISKS,
  BLOB_STORAGE,
  POSTGRESQL_FLEXIBLE,
  MYSQL_FLEXIBLE,
  SQL_DATABASE,
  BANDWIDTH,
  FUNCTIONS,
  POSTGRESQL_HYPERSCALE,
};

/* unitOfMeasure → a unit of the vocabulary; the price is per @per of them (divided exactly). */
typedef struct
{
  const char *azure;
  const char *unit;
  guint       per;
} Unit;

static const Unit units[] = {
  { "1 Hour", "hour", 1 },
  { "1/Hour", "hour", 1 },
  { "10 Hours", "hour", 10 },
  { "100 Hours", "hour", 100 },
  { "1 Second", "second", 1 },
  { "1 Minute", "minute", 1 },
  { "100 Seconds", "100-seconds", 1 },
  { "1 Day", "day", 1 },
  { "1/Day", "day", 1 },
  { "1/Month", "month", 1 },
  { "1 Month", "month", 1 },
  { "1/Year", "year", 1 },
  { "1 GB", "gb", 1 },
  { "1 GiB", "gib", 1 },
  { "1 TB", "tb", 1 },
  { "1 TiB", "tib", 1 },
  { "1 GB/Month", "gb-month", 1 },
  { "100 GB/Month", "gb-month", 100 },
  { "1 GiB/Month", "gib-month", 1 },
  { "1 TB/Month", "tb-month", 1 },
  { "1 TiB/Month", "tib-month", 1 },
  { "1 GB/Hour", "gb-hour", 1 },
  { "1 GiB/Hour", "gib-hour", 1 },
  { "1 GB Hour", "gb-hour", 1 },
  { "1 GiB Hour", "gib-hour", 1 },
  { "1 GB Second", "gb-second", 1 },
  { "1 GiB Second", "gib-second", 1 },
  { "1K", "1k-requests", 1 },
  { "10K", "10k-requests", 1 },
  { "25K", "1k-requests", 25 },
  { "100K", "10k-requests", 10 },
  { "1M", "million-requests", 1 },
  { "10M", "million-requests", 10 },
};

/* A bare count is what Azure Functions' execution meters are priced per ("10": the price of
 * ten executions, Azure's "Compute Requests (in 10s)"): requests, for those meters only. */
static const Unit execution_units[] = {
  { "1", "request", 1 },
  { "10", "request", 10 },
  { "100", "request", 100 },
  { "1000", "request", 1000 },
};

/* Units Azure uses that measure what the vocabulary has no word for: their items are skipped,
 * counted; any other unit is a bad row. */
static const char * const unpriced_units[] = {
  "1", "10", "100", "1000", "10K/Month", "1/Minute", "1 Count", "1 User", "1/User/Month",
};

/* The vCPUs and memory of the sizes of a few general-purpose, memory-optimised and
 * compute-optimised series, as Azure documents them (the API does not give them): size N of a
 * series is Standard_<letter>N<suffix>, with N vCPUs and N × gib_per_vcpu GiB, except the 96
 * vCPU E sizes, which have 672 GiB. Any other size is written without vCPUs or memory. */
typedef struct
{
  const char *letter;
  const char *suffix;
  guint       gib_per_vcpu;
  guint       sizes[11];      /* vCPUs, up to a 0 */
} Series;

#define D_V5_SIZES { 2, 4, 8, 16, 32, 48, 64, 96 }
#define D_V6_SIZES { 2, 4, 8, 16, 32, 48, 64, 96, 128, 192 }
#define E_V5_SIZES { 2, 4, 8, 16, 20, 32, 48, 64, 96 }

static const Series series[] = {
  { "D", "s_v5", 4, D_V5_SIZES },
  { "D", "ds_v5", 4, D_V5_SIZES },
  { "D", "as_v5", 4, D_V5_SIZES },
  { "D", "ads_v5", 4, D_V5_SIZES },
  { "D", "s_v6", 4, D_V6_SIZES },
  { "D", "ds_v6", 4, D_V6_SIZES },
  { "D", "as_v6", 4, D_V5_SIZES },
  { "D", "ads_v6", 4, D_V5_SIZES },
  { "E", "s_v5", 8, E_V5_SIZES },
  { "E", "ds_v5", 8, E_V5_SIZES },
  { "E", "as_v5", 8, E_V5_SIZES },
  { "E", "ads_v5", 8, E_V5_SIZES },
  { "F", "s_v2", 2, { 2, 4, 8, 16, 32, 48, 64, 72 } },
  /* Azure Cobalt 100 (arm64): Dpsv6, Dpdsv6, Dplsv6, Dpldsv6, Epsv6, Epdsv6. */
  { "D", "ps_v6", 4, D_V5_SIZES },
  { "D", "pds_v6", 4, D_V5_SIZES },
  { "D", "pls_v6", 2, D_V5_SIZES },
  { "D", "plds_v6", 2, D_V5_SIZES },
  { "E", "ps_v6", 8, D_V5_SIZES },
  { "E", "pds_v6", 8, D_V5_SIZES },
};

/* The vCPUs and GiB of @arm_sku, when the table has it. */
static gboolean
vm_size (const char *arm_sku,
         guint      *vcpu,
         guint      *gib)
{
  const char *rest;
  guint64 n;
  char *end;

  if (!g_str_has_prefix (arm_sku, "Standard_"))
    return FALSE;
  rest = arm_sku + strlen ("Standard_");
  for (gsize i = 0; i < G_N_ELEMENTS (series); i++)
    {
      if (!g_str_has_prefix (rest, series[i].letter))
        continue;
      n = g_ascii_strtoull (rest + strlen (series[i].letter), &end, 10);
      if (end == rest + strlen (series[i].letter) || strcmp (end, series[i].suffix) != 0)
        continue;
      for (gsize s = 0; s < G_N_ELEMENTS (series[i].sizes) && series[i].sizes[s] != 0; s++)
        if (series[i].sizes[s] == n)
          {
            *vcpu = (guint) n;
            *gib = strcmp (series[i].letter, "E") == 0 && n == 96 ? 672
                   : (guint) n * series[i].gib_per_vcpu;
            return TRUE;
          }
    }
  return FALSE;
}

/* The processor architecture of the size @arm_sku, by Azure's naming of VM sizes:
 * Standard_<family and subfamily, capitals><vCPUs>[-<constrained vCPUs>]<additive features,
 * small letters>[_<accelerator>][_<version>]. The feature "p" is an Arm processor (Ampere
 * Altra, Azure Cobalt: Standard_D16ps_v6, Standard_B2pls_v2); without it the size is x86-64
 * (Intel, or "a" for AMD). NULL for a name that does not follow the convention. */
static const char *
vm_architecture (const char *arm_sku)
{
  const char *c;

  if (g_str_has_prefix (arm_sku, "Standard_"))
    c = arm_sku + strlen ("Standard_");
  else if (g_str_has_prefix (arm_sku, "Basic_"))
    c = arm_sku + strlen ("Basic_");
  else
    return NULL;
  if (!g_ascii_isupper (*c))
    return NULL;
  while (g_ascii_isupper (*c))
    c++;
  if (!g_ascii_isdigit (*c))
    return NULL;
  while (g_ascii_isdigit (*c))
    c++;
  if (c[0] == '-' && g_ascii_isdigit (c[1]))
    for (c++; g_ascii_isdigit (*c); c++)
      ;
  for (; g_ascii_islower (*c); c++)
    if (*c == 'p')
      return "arm64";
  return *c == '\0' || *c == '_' || *c == '-' ? "x86-64" : NULL;
}

typedef struct
{
  SkyConvertContext *context;
  sqlite3           *db;
  sqlite3_stmt      *insert;
  sqlite3_stmt      *existing;
  sqlite3_stmt      *replace;
  char              *currency;
} Conversion;

static gboolean
malformed (const char  *path,
           GError     **error)
{
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
               /* Translators: %s is a file */
               _("%s: not a page of the Azure Retail Prices API (no Items array)"), path);
  return FALSE;
}

static gboolean
database_failed (Conversion  *conversion,
                 GError     **error)
{
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE,
               _("Temporary table of Azure prices: %s"), sqlite3_errmsg (conversion->db));
  return FALSE;
}

static gboolean
exec (Conversion  *conversion,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (conversion->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return database_failed (conversion, error);
  return TRUE;
}

/* The service an item is priced under, or -1 with the reason it is not converted. */
static int
service_of (const char  *service,
            const char  *product,
            const char  *meter,
            char       **reason)
{
  if (strcmp (service, "Virtual Machines") == 0)
    {
      if (strstr (product, "Cloud Services") != NULL || strstr (product, "CloudServices") != NULL)
        {
          *reason = g_strdup (_("Cloud Services role (not a virtual machine)"));
          return -1;
        }
      return VIRTUAL_MACHINES;
    }
  if (strcmp (service, "Storage") == 0)
    {
      if (strstr (product, "Managed Disks") != NULL || g_str_has_prefix (product, "Ultra Disk"))
        return MANAGED_DISKS;
      if (strcmp (product, "Blob Storage") == 0 || strcmp (product, "General Block Blob") == 0 ||
          strcmp (product, "General Block Blob v2") == 0 ||
          strcmp (product, "Premium Block Blob") == 0)
        return BLOB_STORAGE;
      *reason = g_strdup_printf (_("Storage product not converted (%s)"), product);
      return -1;
    }
  if (strcmp (service, "Azure Database for PostgreSQL") == 0 ||
      strcmp (service, "Azure Database for MySQL") == 0)
    {
      if (strstr (product, "Flexible Server") != NULL || strstr (product, "Flex Server") != NULL)
        return strstr (service, "PostgreSQL") != NULL ? POSTGRESQL_FLEXIBLE : MYSQL_FLEXIBLE;
      /* Hyperscale (Citus), named Azure Cosmos DB for PostgreSQL since 2022. */
      if (strstr (service, "PostgreSQL") != NULL &&
          (strstr (product, "Hyperscale (Citus)") != NULL ||
           g_str_has_prefix (product, "Azure Cosmos DB for PostgreSQL")))
        return POSTGRESQL_HYPERSCALE;
      *reason = g_strdup_printf (_("database product not converted (%s)"), product);
      return -1;
    }
  if (strcmp (service, "SQL Database") == 0)
    return SQL_DATABASE;
  if (strcmp (service, "Bandwidth") == 0)
    {
      /* Transfer to the internet only: not between regions, zones or continents. */
      if (strstr (meter, "Data Transfer Out") != NULL && strstr (meter, "Inter") == NULL &&
          strstr (meter, "Intra") == NULL && strstr (product, "Inter") == NULL &&
          strstr (product, "Intra") == NULL)
        return BANDWIDTH;
      *reason = g_strdup_printf (_("Bandwidth meter not converted (%s)"), meter);
      return -1;
    }
  if (strcmp (service, "Functions") == 0)
    return FUNCTIONS;
  *reason = g_strdup_printf (_("service not converted (%s)"), service);
  return -1;
}

/* @value ÷ @divisor, exactly: FALSE when the quotient has no end in decimals or more than a
 * sheet keeps. */
static gboolean
divide_exactly (SkyDecimal  value,
                guint       divisor,
                SkyDecimal *out)
{
  SkyDecimal back;

  if (divisor == 1)
    {
      *out = value;
      return TRUE;
    }
  if (!sky_decimal_div (value, sky_decimal_from_int (divisor), SKY_DECIMAL_MAX_SCALE,
                        SKY_ROUND_HALF_UP, out) ||
      !sky_decimal_mul (*out, sky_decimal_from_int (divisor), &back) ||
      sky_decimal_compare (back, value) != 0)
    return FALSE;
  *out = sky_decimal_normalize (*out);
  return out->scale <= SKY_PRICE_SCALE;
}

/* Lowercase, with dashes for what is not a letter or digit: "Standard_D2s_v5" is
 * "standard-d2s-v5". */
static char *
slug (const char *text)
{
  char *lower = g_ascii_strdown (text, -1);

  for (char *c = lower; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '.')
      *c = '-';
  return lower;
}

/* @name without a " Spot" or " Low Priority" at its end. */
static char *
base_name (const char *name)
{
  if (g_str_has_suffix (name, " Spot"))
    return g_strndup (name, strlen (name) - strlen (" Spot"));
  if (g_str_has_suffix (name, " Low Priority"))
    return g_strndup (name, strlen (name) - strlen (" Low Priority"));
  return g_strdup (name);
}

typedef struct
{
  const char *term;     /* NULL: skipped */
  guint       years;
} Term;

/* What one item is and what it costs, into the table; FALSE when the conversion stops. */
static gboolean
read_item (Conversion           *conversion,
           const SkySourcePage  *page,
           JsonObject           *item,
           const char           *path,
           GError              **error)
{
  SkyConvertContext *context = conversion->context;
  g_autofree char *where = _sky_source_page_where (page, item, path);
  g_autofree char *reason = NULL;
  g_autofree char *sku = NULL, *name = NULL, *family = NULL, *effective = NULL;
  g_autofree char *amount_text = NULL, *from_text = NULL;
  const char *service_name = _sky_json_string (item, "serviceName");
  const char *product = _sky_json_string (item, "productName");
  const char *sku_name = _sky_json_string (item, "skuName");
  const char *meter = _sky_json_string (item, "meterName");
  const char *meter_id = _sky_json_string (item, "meterId");
  const char *arm_sku = _sky_json_string (item, "armSkuName");
  const char *region = _sky_json_string (item, "armRegionName");
  const char *measure = _sky_json_string (item, "unitOfMeasure");
  const char *type = _sky_json_string (item, "type");
  const char *currency = _sky_json_string (item, "currencyCode");
  const char *start = _sky_json_string (item, "effectiveStartDate");
  const char *reservation = _sky_json_string (item, "reservationTerm");
  const char *os = NULL, *storage_type = NULL;
  const Unit *unit = NULL;
  gboolean spot, low_priority;
  SkyDecimal price, from = sky_decimal_from_int (0);
  gint64 order;
  Term term = { NULL, 0 };
  int service;
  int rc;

  if (service_name == NULL || product == NULL || sku_name == NULL || meter == NULL ||
      meter_id == NULL || measure == NULL || type == NULL || region == NULL)
    return _sky_convert_bad_row (context, where, error,
                                 _("serviceName, productName, skuName, meterName, meterId, "
                                   "armRegionName, unitOfMeasure or type is missing"));
  service = service_of (service_name, product, meter, &reason);
  if (service < 0)
    {
      sky_convert_summary_skip (context->summary, reason, where);
      return TRUE;
    }

  /* How it is bought. */
  spot = g_str_has_suffix (sku_name, " Spot");
  low_priority = g_str_has_suffix (sku_name, " Low Priority");
  if (low_priority)
    {
      sky_convert_summary_skip (context->summary,
                                _("low-priority price (Azure Batch's; the spot price is "
                                  "converted)"), where);
      return TRUE;
    }
  if (strcmp (type, "Consumption") == 0)
    term = (Term) { spot ? "spot" : "on-demand", 0 };
  else if (strcmp (type, "DevTestConsumption") == 0 && spot)
    {
      sky_convert_summary_skip (context->summary,
                                _("dev/test price of a spot meter: not converted"), where);
      return TRUE;
    }
  else if (strcmp (type, "DevTestConsumption") == 0)
    term = (Term) { "dev-test", 0 };
  else if (strcmp (type, "Reservation") == 0 && g_strcmp0 (reservation, "1 Year") == 0)
    term = (Term) { "reserved", 1 };
  else if (strcmp (type, "Reservation") == 0 && g_strcmp0 (reservation, "3 Years") == 0)
    term = (Term) { "reserved", 3 };
  else
    {
      g_free (reason);
      reason = strcmp (type, "Reservation") == 0
               ? g_strdup_printf (_("reservation term not converted (%s)"),
                                  reservation != NULL ? reservation : "?")
               : g_strdup_printf (_("price type not converted (%s)"), type);
      sky_convert_summary_skip (context->summary, reason, where);
      return TRUE;
    }

  /* Where. A billing zone ("Zone 1") or a global meter is not a region. */
  if (*region == '\0' || strcmp (region, "Global") == 0 || strstr (region, "Zone ") != NULL)
    {
      sky_convert_summary_skip (context->summary,
                                _("billing zone or global meter (not a region)"), where);
      return TRUE;
    }
  if (sky_source_region_lookup (PROVIDER, region) == NULL)
    {
      g_autofree char *field = g_strdup_printf ("%s.armRegionName", path);
      g_autofree char *field_where = _sky_source_page_where (page, item, field);

      return _sky_convert_bad_row (context, field_where, error, _("unknown region “%s”"),
                                   region);
    }

  /* In what unit, at what price. */
  for (gsize i = 0; unit == NULL && i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].azure, measure) == 0)
      unit = &units[i];
  if (service == FUNCTIONS && strstr (meter, "Executions") != NULL)
    for (gsize i = 0; unit == NULL && i < G_N_ELEMENTS (execution_units); i++)
      if (strcmp (execution_units[i].azure, measure) == 0)
        unit = &execution_units[i];
  if (unit == NULL)
    {
      g_free (reason);
      for (gsize i = 0; i < G_N_ELEMENTS (unpriced_units); i++)
        if (strcmp (unpriced_units[i], measure) == 0)
          {
            reason = g_strdup_printf (_("unit not in the vocabulary (%s)"), measure);
            sky_convert_summary_skip (context->summary, reason, where);
            return TRUE;
          }
      {
        g_autofree char *field = g_strdup_printf ("%s.unitOfMeasure", path);
        g_autofree char *field_where = _sky_source_page_where (page, item, field);

        return _sky_convert_bad_row (context, field_where, error,
                                     _("unknown unitOfMeasure “%s”"), measure);
      }
    }
  if (!_sky_json_decimal (item, "retailPrice", &price))
    return _sky_convert_bad_row (context, where, error,
                                 _("retailPrice is missing, negative, not a number or has "
                                   "more digits than can be read exactly"));
  if (json_object_has_member (item, "tierMinimumUnits") &&
      !_sky_json_decimal (item, "tierMinimumUnits", &from))
    return _sky_convert_bad_row (context, where, error,
                                 _("tierMinimumUnits is negative or not a number"));
  if (currency == NULL ||
      (conversion->currency != NULL && strcmp (currency, conversion->currency) != 0))
    return _sky_convert_bad_row (context, where, error, _("currencyCode is %s, not %s"),
                                 currency != NULL ? currency : "missing",
                                 conversion->currency);
  if (conversion->currency == NULL)
    conversion->currency = g_strdup (currency);
  if (strcmp (term.term, "reserved") == 0 && (unit->per != 1 || !sky_decimal_is_zero (from)))
    {
      sky_convert_summary_skip (context->summary,
                                _("reservation per several units or in tiers: not converted"),
                                where);
      return TRUE;
    }
  /* A reservation's retailPrice is the whole term's, written as such (the upfront fee); any
   * other is per unit of measure, divided into the vocabulary's unit. */
  if (!divide_exactly (price, unit->per, &price))
    return _sky_convert_bad_row (context, where, error,
                                 _("retailPrice per %s is not a price of at most 10 decimals "
                                   "per %s"), measure, unit->unit);
  if (!sky_decimal_mul (from, sky_decimal_from_int (unit->per), &from) ||
      !sky_decimal_to_scaled_int64 (from, 6, &order) || price.scale > SKY_PRICE_SCALE)
    return _sky_convert_bad_row (context, where, error,
                                 _("tierMinimumUnits or retailPrice has more decimals than a "
                                   "sheet keeps"));
  if (start != NULL && strlen (start) >= 10)
    {
      effective = g_strndup (start, 10);
      if (!_sky_convert_check_date (effective, "effectiveStartDate", NULL))
        g_clear_pointer (&effective, g_free);
    }

  /* Which offer. */
  if (service == VIRTUAL_MACHINES)
    {
      g_autofree char *lower = NULL;

      if (arm_sku == NULL || *arm_sku == '\0' || strchr (arm_sku, ' ') != NULL)
        return _sky_convert_bad_row (context, where, error,
                                     _("armSkuName of a virtual machine is missing"));
      os = strstr (product, "Windows") != NULL ? "windows" : "linux";
      lower = slug (arm_sku);
      sku = g_strdup_printf ("%s.%s.%s", lower, os, region);
      name = base_name (sku_name);
      family = g_str_has_suffix (product, " Windows") || g_str_has_suffix (product, " Linux")
               ? g_strndup (product, strrchr (product, ' ') - product)
               : g_strdup (product);
    }
  else
    {
      g_autofree char *lower = slug (sku_name);

      sku = g_strdup_printf ("%s.%s.%s", meter_id, lower, region);
      /* "P10 LRS" and "P10 LRS Disk" → "P10 LRS Disk"; "1 vCore" and "vCore" → "1 vCore". */
      name = g_str_has_prefix (meter, sku_name) ? g_strdup (meter)
             : g_str_has_suffix (sku_name, meter) ? g_strdup (sku_name)
             : g_strdup_printf ("%s %s", sku_name, meter);
      family = g_strdup (product);
      if (service == MANAGED_DISKS)
        storage_type = strstr (product, "HDD") != NULL ? "hdd" : "ssd";
    }
  amount_text = _sky_convert_decimal_text (price);
  from_text = _sky_convert_decimal_text (from);

  sqlite3_reset (conversion->insert);
  sqlite3_bind_int (conversion->insert, 1, service);
  sqlite3_bind_text (conversion->insert, 2, sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 4, region, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 5, family, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 6, os, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 7, storage_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 8, service == VIRTUAL_MACHINES ? arm_sku : NULL, -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 9, unit->unit, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 10, term.term, -1, SQLITE_STATIC);
  sqlite3_bind_int (conversion->insert, 11, (int) term.years);
  sqlite3_bind_int64 (conversion->insert, 12, order);
  sqlite3_bind_text (conversion->insert, 13, from_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 14, amount_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 15, effective, -1, SQLITE_STATIC);
  sqlite3_bind_text (conversion->insert, 16, where, -1, SQLITE_STATIC);
  rc = sqlite3_step (conversion->insert);
  sqlite3_reset (conversion->insert);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_CONSTRAINT)
    return database_failed (conversion, error);

  /* The same offer, unit, purchase option and tier once more: the price with the later
   * effectiveStartDate is the one in force; the same price again is left out. */
  {
    sqlite3_stmt *existing = conversion->existing;
    g_autofree char *other_amount = NULL, *other_effective = NULL, *other_where = NULL;
    int later;

    sqlite3_reset (existing);
    sqlite3_bind_text (existing, 1, sku, -1, SQLITE_STATIC);
    sqlite3_bind_text (existing, 2, unit->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text (existing, 3, term.term, -1, SQLITE_STATIC);
    sqlite3_bind_int (existing, 4, (int) term.years);
    sqlite3_bind_int64 (existing, 5, order);
    sqlite3_bind_int (existing, 6, service);
    if (sqlite3_step (existing) != SQLITE_ROW)
      {
        sqlite3_reset (existing);
        return database_failed (conversion, error);
      }
    other_amount = g_strdup ((const char *) sqlite3_column_text (existing, 0));
    other_effective = g_strdup ((const char *) sqlite3_column_text (existing, 1));
    other_where = g_strdup ((const char *) sqlite3_column_text (existing, 2));
    sqlite3_reset (existing);
    later = g_strcmp0 (effective, other_effective);
    if (later == 0 && strcmp (amount_text, other_amount) == 0)
      {
        sky_convert_summary_skip (context->summary, _("the same price listed again"), where);
        return TRUE;
      }
    if (later == 0)
      return _sky_convert_bad_row (context, where, error,
                                   _("a second %s %s price of %s from the same date (the "
                                     "first at %s)"), unit->unit, term.term, sku, other_where);
    if (later < 0)
      {
        sky_convert_summary_skip (context->summary,
                                  _("price superseded by a later one of the same meter"),
                                  where);
        return TRUE;
      }
    sky_convert_summary_skip (context->summary,
                              _("price superseded by a later one of the same meter"),
                              other_where);
    sqlite3_reset (conversion->replace);
    sqlite3_bind_text (conversion->replace, 1, amount_text, -1, SQLITE_STATIC);
    sqlite3_bind_text (conversion->replace, 2, effective, -1, SQLITE_STATIC);
    sqlite3_bind_text (conversion->replace, 3, where, -1, SQLITE_STATIC);
    sqlite3_bind_text (conversion->replace, 4, sku, -1, SQLITE_STATIC);
    sqlite3_bind_text (conversion->replace, 5, unit->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text (conversion->replace, 6, term.term, -1, SQLITE_STATIC);
    sqlite3_bind_int (conversion->replace, 7, (int) term.years);
    sqlite3_bind_int64 (conversion->replace, 8, order);
    sqlite3_bind_int (conversion->replace, 9, service);
    rc = sqlite3_step (conversion->replace);
    sqlite3_reset (conversion->replace);
    return rc == SQLITE_DONE ? TRUE : database_failed (conversion, error);
  }
}

/* One page: an object with Items, or a bare array of items. */
static gboolean
read_page (Conversion  *conversion,
           const char  *file,
           GError     **error)
{
  g_autoptr(SkySourcePage) page = _sky_source_page_read (file, error);
  JsonNode *root;
  JsonArray *items = NULL;
  const char *prefix = "$.Items";

  if (page == NULL)
    return FALSE;
  root = _sky_source_page_root (page);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      items = json_node_get_array (root);
      prefix = "$";
    }
  else
    items = _sky_source_page_array (page, "Items");
  if (items == NULL)
    return malformed (file, error);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", prefix, i);

      if (_sky_convert_cancelled (conversion->context, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (file, error);
      if (!read_item (conversion, page, json_node_get_object (node), path, error))
        return FALSE;
    }
  return TRUE;
}

/* Writing ------------------------------------------------------------------------------------ */

typedef struct
{
  char       *from;
  char       *amount;
  char       *where;
} Tier;

typedef struct
{
  char       *unit;
  char       *term;
  guint       years;
  char       *effective;    /* the latest of its tiers' */
  GArray     *tiers;        /* Tier, by from */
} Price;

typedef struct
{
  int         service;
  char       *sku;
  char       *name;
  char       *region;
  char       *family;
  char       *os;
  char       *storage_type;
  char       *arm_sku;
  GPtrArray  *prices;       /* Price */
} Offer;

static void
tier_clear (gpointer data)
{
  Tier *tier = data;

  g_free (tier->from);
  g_free (tier->amount);
  g_free (tier->where);
}

static void
price_free (gpointer data)
{
  Price *price = data;

  g_free (price->unit);
  g_free (price->term);
  g_free (price->effective);
  g_array_unref (price->tiers);
  g_free (price);
}

static void
offer_clear (Offer *offer)
{
  g_clear_pointer (&offer->sku, g_free);
  g_clear_pointer (&offer->name, g_free);
  g_clear_pointer (&offer->region, g_free);
  g_clear_pointer (&offer->family, g_free);
  g_clear_pointer (&offer->os, g_free);
  g_clear_pointer (&offer->storage_type, g_free);
  g_clear_pointer (&offer->arm_sku, g_free);
  g_clear_pointer (&offer->prices, g_ptr_array_unref);
}

static char *
column (sqlite3_stmt *statement,
        int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (statement, index));
}

/* Text this converter wrote into the table itself. */
static gboolean
parse (const char  *text,
       SkyDecimal  *out,
       GError     **error)
{
  if (_sky_convert_parse_amount (text, out))
    return TRUE;
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE, _("Unreadable amount “%s”"), text);
  return FALSE;
}

/* Writes @offer, once all its rows are read; a price whose tiers do not start at 0 is a bad
 * row (left out with --skip-bad-rows). */
static gboolean
write_offer (Conversion  *conversion,
             Offer       *offer,
             gboolean    *service_open,
             GError     **error)
{
  SkyConvertContext *context = conversion->context;
  SkySheetWriter *writer = context->writer;
  g_autofree char *vcpu_text = NULL, *gib_text = NULL;
  guint written = 0, vcpu, gib;

  for (guint p = 0; p < offer->prices->len; p++)
    {
      Price *price = g_ptr_array_index (offer->prices, p);
      const Tier *first = &g_array_index (price->tiers, Tier, 0);

      if (strcmp (first->from, "0") != 0)
        {
          if (!_sky_convert_bad_row (context, first->where, error,
                                     _("the tiers of this meter start at %s, not 0"),
                                     first->from))
            return FALSE;
          g_ptr_array_remove_index (offer->prices, p--);
        }
    }
  if (offer->prices->len == 0)
    return TRUE;

  if (!*service_open)
    {
      const Service *service = &services[offer->service];
      SkySheetService element = { service->id, service->name, service->category, NULL };

      if (!sky_sheet_writer_begin_service (writer, &element, error))
        return FALSE;
      *service_open = TRUE;
    }
  if (offer->arm_sku != NULL && vm_size (offer->arm_sku, &vcpu, &gib))
    {
      vcpu_text = g_strdup_printf ("%u", vcpu);
      gib_text = g_strdup_printf ("%u", gib);
    }
  if (!sky_sheet_writer_begin_offer (writer, offer->sku, offer->name, offer->region, error) ||
      !sky_sheet_writer_offer_attribute (writer, "family", offer->family, error) ||
      !sky_sheet_writer_offer_attribute (writer, "vcpu", vcpu_text, error) ||
      !sky_sheet_writer_offer_attribute (writer, "memory-gib", gib_text, error) ||
      !sky_sheet_writer_offer_attribute (writer, "storage-type", offer->storage_type, error) ||
      !sky_sheet_writer_offer_attribute (writer, "os", offer->os, error) ||
      (offer->arm_sku != NULL &&
       !sky_sheet_writer_offer_attribute (writer, "architecture",
                                          vm_architecture (offer->arm_sku), error)) ||
      (offer->arm_sku != NULL &&
       !sky_sheet_writer_feature (writer, "arm-sku", offer->arm_sku, error)))
    return FALSE;
  for (guint p = 0; p < offer->prices->len; p++)
    {
      Price *price = g_ptr_array_index (offer->prices, p);
      SkyDecimal amount;

      if (strcmp (price->term, "reserved") == 0)
        {
          /* The whole term's price, paid once: Azure's retailPrice of a reservation. */
          if (!sky_sheet_writer_begin_price (writer, price->unit, price->term, price->years,
                                             error) ||
              !sky_sheet_writer_price_attribute (writer, "upfront", "all", error) ||
              !sky_sheet_writer_price_attribute (writer, "upfront-fee",
                                                 g_array_index (price->tiers, Tier, 0).amount,
                                                 error) ||
              !sky_sheet_writer_price_attribute (writer, "effective-date", price->effective,
                                                 error) ||
              !sky_sheet_writer_end_price (writer, sky_decimal_from_int (0), error))
            return FALSE;
        }
      else if (price->tiers->len == 1)
        {
          if (!parse (g_array_index (price->tiers, Tier, 0).amount, &amount, error) ||
              !sky_sheet_writer_begin_price (writer, price->unit, price->term, 0, error) ||
              !sky_sheet_writer_price_attribute (writer, "effective-date", price->effective,
                                                 error) ||
              !sky_sheet_writer_end_price (writer, amount, error))
            return FALSE;
        }
      else
        {
          if (!sky_sheet_writer_begin_tiers (writer, price->unit, price->term, 0, error) ||
              !sky_sheet_writer_price_attribute (writer, "effective-date", price->effective,
                                                 error))
            return FALSE;
          for (guint t = 0; t < price->tiers->len; t++)
            {
              const Tier *tier = &g_array_index (price->tiers, Tier, t);
              const Tier *next = t + 1 < price->tiers->len ? tier + 1 : NULL;
              SkyDecimal from, to;

              if (!parse (tier->from, &from, error) || !parse (tier->amount, &amount, error) ||
                  (next != NULL && !parse (next->from, &to, error)) ||
                  !sky_sheet_writer_tier (writer, from, next != NULL ? &to : NULL, amount,
                                          error))
                return FALSE;
            }
          if (!sky_sheet_writer_end_tiers (writer, error))
            return FALSE;
        }
      written++;
    }
  return written > 0 ? _sky_convert_end_offer (context, error) : TRUE;
}

/* The table, in order of service, offer, unit, purchase option and tier, as offers. */
static gboolean
write_offers (Conversion  *conversion,
              GError     **error)
{
  sqlite3_stmt *select = NULL;
  Offer offer = { -1 };
  Price *price = NULL;
  gboolean service_open = FALSE;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (conversion->db,
                          "SELECT service, sku, name, region, family, os, storage_type, "
                          "arm_sku, unit, term, years, tier_from, amount, effective, place "
                          "FROM item ORDER BY service, sku, unit, term, years, tier_order",
                          -1, &select, NULL) != SQLITE_OK)
    return database_failed (conversion, error);
  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      int service = sqlite3_column_int (select, 0);
      const char *sku = (const char *) sqlite3_column_text (select, 1);
      const char *unit = (const char *) sqlite3_column_text (select, 8);
      const char *term = (const char *) sqlite3_column_text (select, 9);
      guint years = (guint) sqlite3_column_int (select, 10);
      const char *effective = (const char *) sqlite3_column_text (select, 13);
      Tier tier;

      if (_sky_convert_cancelled (conversion->context, error))
        {
          ok = FALSE;
          break;
        }
      if (offer.sku == NULL || offer.service != service || strcmp (offer.sku, sku) != 0)
        {
          if (offer.sku != NULL)
            ok = write_offer (conversion, &offer, &service_open, error);
          if (ok && service_open && offer.service != service)
            {
              ok = sky_sheet_writer_end_service (conversion->context->writer, error);
              service_open = FALSE;
            }
          offer_clear (&offer);
          offer.service = service;
          offer.sku = g_strdup (sku);
          offer.name = column (select, 2);
          offer.region = column (select, 3);
          offer.family = column (select, 4);
          offer.os = column (select, 5);
          offer.storage_type = column (select, 6);
          offer.arm_sku = column (select, 7);
          offer.prices = g_ptr_array_new_with_free_func (price_free);
          price = NULL;
        }
      if (price == NULL || strcmp (price->unit, unit) != 0 || strcmp (price->term, term) != 0 ||
          price->years != years)
        {
          price = g_new0 (Price, 1);
          price->unit = g_strdup (unit);
          price->term = g_strdup (term);
          price->years = years;
          price->tiers = g_array_new (FALSE, FALSE, sizeof (Tier));
          g_array_set_clear_func (price->tiers, tier_clear);
          g_ptr_array_add (offer.prices, price);
        }
      if (effective != NULL && g_strcmp0 (effective, price->effective) > 0)
        {
          g_free (price->effective);
          price->effective = g_strdup (effective);
        }
      tier.from = column (select, 11);
      tier.amount = column (select, 12);
      tier.where = column (select, 14);
      g_array_append_val (price->tiers, tier);
    }
  if (ok && rc != SQLITE_DONE)
    ok = database_failed (conversion, error);
  sqlite3_finalize (select);
  if (ok && offer.sku != NULL)
    ok = write_offer (conversion, &offer, &service_open, error);
  if (ok && service_open)
    ok = sky_sheet_writer_end_service (conversion->context->writer, error);
  offer_clear (&offer);
  return ok;
}

static char *
query_text (Conversion *conversion,
            const char *sql)
{
  sqlite3_stmt *statement = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (conversion->db, sql, -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    text = column (statement, 0);
  sqlite3_finalize (statement);
  return text;
}

static gboolean
write_regions (Conversion  *conversion,
               GError     **error)
{
  sqlite3_stmt *statement = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (conversion->db, "SELECT DISTINCT region FROM item ORDER BY region",
                          -1, &statement, NULL) != SQLITE_OK)
    return database_failed (conversion, error);
  while (ok && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (statement, 0);
      const SkySourceRegion *known = sky_source_region_lookup (PROVIDER, code);
      SkySheetRegion region = { code, known->name, known->geography };

      ok = sky_sheet_writer_region (conversion->context->writer, &region, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = database_failed (conversion, error);
  sqlite3_finalize (statement);
  return ok;
}

static gboolean
open_table (Conversion  *conversion,
            GError     **error)
{
  /* "" is a private temporary database on disk, removed when it is closed: the prices of a
   * whole price list do not have to fit in memory. */
  if (sqlite3_open_v2 ("", &conversion->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    return database_failed (conversion, error);
  if (!exec (conversion,
             "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
             "PRAGMA cache_size = -8192; PRAGMA temp_store = FILE; "
             "CREATE TABLE item (service INTEGER NOT NULL, sku TEXT NOT NULL, "
             "name TEXT NOT NULL, region TEXT NOT NULL, family TEXT NOT NULL, os TEXT, "
             "storage_type TEXT, arm_sku TEXT, unit TEXT NOT NULL, term TEXT NOT NULL, "
             "years INTEGER NOT NULL, tier_order INTEGER NOT NULL, tier_from TEXT NOT NULL, "
             "amount TEXT NOT NULL, effective TEXT, place TEXT NOT NULL, "
             "PRIMARY KEY (service, sku, unit, term, years, tier_order)) WITHOUT ROWID; "
             "BEGIN", error))
    return FALSE;
  if (sqlite3_prepare_v2 (conversion->db,
                          "INSERT INTO item (service, sku, name, region, family, os, "
                          "storage_type, arm_sku, unit, term, years, tier_order, tier_from, "
                          "amount, effective, place) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &conversion->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (conversion->db,
                          "SELECT amount, effective, place FROM item WHERE sku = ? AND "
                          "unit = ? AND term = ? AND years = ? AND tier_order = ? AND "
                          "service = ?",
                          -1, &conversion->existing, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (conversion->db,
                          "UPDATE item SET amount = ?, effective = ?, place = ? WHERE sku = ? "
                          "AND unit = ? AND term = ? AND years = ? AND tier_order = ? AND "
                          "service = ?",
                          -1, &conversion->replace, NULL) != SQLITE_OK)
    return database_failed (conversion, error);
  return TRUE;
}

static void
close_table (Conversion *conversion)
{
  sqlite3_finalize (conversion->insert);
  sqlite3_finalize (conversion->existing);
  sqlite3_finalize (conversion->replace);
  sqlite3_close (conversion->db);
  conversion->insert = conversion->existing = conversion->replace = NULL;
  conversion->db = NULL;
  g_clear_pointer (&conversion->currency, g_free);
}

gboolean
_sky_convert_azure_retail_json (SkyConvertContext   *context,
                                const char * const  *files,
                                GError             **error)
{
  const SkyConvertOptions *options = context->options;
  g_autoptr(GString) source = g_string_new (NULL);
  g_autofree char *latest = NULL, *file_date = NULL;
  Conversion conversion = { context };
  SkySheetHeader header = { 0 };
  const char *effective;
  gboolean ok;

  ok = open_table (&conversion, error);
  for (guint i = 0; ok && files[i] != NULL; i++)
    ok = read_page (&conversion, files[i], error);
  if (!ok)
    {
      close_table (&conversion);
      return FALSE;
    }

  latest = query_text (&conversion, "SELECT max(effective) FROM item");
  file_date = _sky_convert_file_date (files[0]);
  effective = options->effective_date != NULL ? options->effective_date
              : latest != NULL ? latest : file_date;
  g_string_append (source, "Converted from Azure Retail Prices API pages (");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (files[i]);

      g_string_append_printf (source, "%s%s", i > 0 ? ", " : "", base);
    }
  g_string_append (source, "). Retail prices; a reservation's price is the whole term's, "
                           "paid up front; Dev/Test prices are dev-test.");
  header.provider_id = PROVIDER;
  header.provider_name = "Microsoft Azure";
  header.provider_short_name = options->short_name != NULL ? options->short_name : "Azure";
  header.version = options->version != NULL ? options->version : effective;
  header.effective_date = effective;
  header.currency = conversion.currency != NULL ? conversion.currency : "USD";
  header.source = source->str;
  header.source_url = options->source_url != NULL
                      ? options->source_url
                      : "https://prices.azure.com/api/retail/prices";
  header.retrieved = options->retrieved != NULL ? options->retrieved : effective;
  if (effective == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("%s: no date (--effective-date gives one)"), files[0]);
      ok = FALSE;
    }
  ok = ok && sky_sheet_writer_header (context->writer, &header, error) &&
       write_regions (&conversion, error) && write_offers (&conversion, error);
  close_table (&conversion);
  return ok;
}
