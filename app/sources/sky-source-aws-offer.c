/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-aws-offer"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <sqlite3.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sky-source-private.h"

/* aws-offer-csv: AWS Price List bulk offer files in CSV (five lines of metadata, a header row,
 * one row per price dimension), of several offer codes in one run: EC2's instances (on demand
 * and reserved) and EBS volumes, RDS for PostgreSQL and MySQL (instances, on demand and
 * reserved, and their storage), S3's storage classes and requests, Lambda, and data transfer
 * out to the internet (EC2's rows and the AWSDataTransfer file's); each into its service.
 * Savings Plans rate files add prices to the instances' offers. docs/converters.md has the
 * whole mapping.
 *
 * The files are read row by row with libcsv. The rows of one SKU may be anywhere in a file
 * (a reservation's hourly rate and its upfront fee are two rows), so each row taken is checked
 * and spilled into a table of a temporary SQLite database on disk; the table is then read back
 * sorted by SKU, and each SKU's rows (a few dozen at most) are held while its offer is written.
 * Memory stays bounded by SQLite's page cache and sorter, whatever the file's size. */

#define PROVIDER "aws"
#define N_METADATA 5

typedef struct
{
  const char *aws;
  const char *unit;
  guint       divisor;   /* the price is per this many of the unit */
} UnitMap;

/* The units of the offer files, exactly; "Quantity" is a reservation's upfront fee. EBS's
 * provisioned throughput is priced per GiB/s-month, that is per 1,024 MiB/s-month. */
static const UnitMap units[] = {
  { "Hrs", "hour", 1 },
  { "GB-Mo", "gb-month", 1 },
  { "GB", "gb", 1 },
  { "Requests", "request", 1 },
  { "Lambda-GB-Second", "gb-second", 1 },
  { "GB-Hours", "gb-hour", 1 },
  { "vCPU-Hours", "vcpu-hour", 1 },
  { "IOPS-Mo", "iops-month", 1 },
  { "GiBps-mo", "mibps-month", 1024 },
  { "Quantity", "quantity", 1 },
};

/* The offer codes converted. */
typedef enum
{
  CODE_EC2, CODE_RDS, CODE_S3, CODE_LAMBDA, CODE_DATA_TRANSFER, N_CODES
} OfferCode;

static const char *const code_names[N_CODES] = {
  "AmazonEC2", "AmazonRDS", "AmazonS3", "AWSLambda", "AWSDataTransfer",
};

/* The columns read, by name. */
enum
{
  COL_SKU, COL_TERM_CODE, COL_TERM_TYPE, COL_DESCRIPTION, COL_EFFECTIVE, COL_START, COL_END,
  COL_UNIT, COL_PRICE, COL_CURRENCY, COL_LEASE, COL_PURCHASE, COL_CLASS, COL_FAMILY_PRODUCT,
  COL_LOCATION, COL_REGION, COL_INSTANCE_TYPE, COL_INSTANCE_FAMILY, COL_VCPU, COL_MEMORY,
  COL_PROCESSOR, COL_NETWORK, COL_STORAGE, COL_TENANCY, COL_OS, COL_LICENSE, COL_SOFTWARE,
  COL_CAPACITY, COL_TRANSFER_TYPE, COL_FROM_LOCATION, COL_TO_LOCATION, COL_FROM_REGION,
  COL_LOCATION_TYPE, COL_VOLUME_API, COL_VOLUME_TYPE, COL_GROUP, COL_USAGE_TYPE, COL_ENGINE,
  COL_DEPLOYMENT, COL_ARCHITECTURE,
  N_COLUMNS
};

static const char *const column_names[N_COLUMNS] = {
  "SKU", "OfferTermCode", "TermType", "PriceDescription", "EffectiveDate", "StartingRange",
  "EndingRange", "Unit", "PricePerUnit", "Currency", "LeaseContractLength", "PurchaseOption",
  "OfferingClass", "Product Family", "Location", "Region Code", "Instance Type",
  "Instance Family", "vCPU", "Memory", "Physical Processor", "Network Performance", "Storage",
  "Tenancy", "Operating System", "License Model", "Pre Installed S/W", "CapacityStatus",
  "Transfer Type", "From Location", "To Location", "From Region Code", "Location Type",
  "Volume API Name", "Volume Type", "Group", "usageType", "Database Engine",
  "Deployment Option", "Processor Architecture",
};

/* Columns a file must have, among the first ones (up to Region Code); the others are read
 * where there. The terms of a reservation in EC2's files (elsewhere a reserved row without
 * them is a bad row); the region of a data transfer row is in From Region Code (and From
 * Location). */
static gboolean
column_required (OfferCode code,
                 guint     column)
{
  switch (column)
    {
    case COL_LEASE:
    case COL_PURCHASE:
    case COL_CLASS:
      return code == CODE_EC2;
    case COL_LOCATION:
    case COL_REGION:
      return code != CODE_DATA_TRANSFER;
    default:
      return column <= COL_REGION ||
             (code == CODE_DATA_TRANSFER && (column == COL_TRANSFER_TYPE ||
                                             column == COL_TO_LOCATION ||
                                             column == COL_FROM_REGION));
    }
}

/* The columns of a Savings Plans rate file, all required. */
enum
{
  SP_PLAN, SP_UNIT, SP_EFFECTIVE, SP_RATE, SP_CURRENCY, SP_SKU, SP_SERVICE, SP_PURCHASE,
  SP_LEASE, SP_LEASE_UNIT, SP_FAMILY, SP_REGION, N_SP_COLUMNS
};

static const char *const sp_column_names[N_SP_COLUMNS] = {
  "SKU", "Unit", "EffectiveDate", "DiscountedRate", "Currency", "DiscountedSKU",
  "DiscountedServiceCode", "PurchaseOption", "LeaseContractLength", "LeaseContractLengthUnit",
  "Product Family", "DiscountedRegionCode",
};

/* A Savings Plans rate is for an instance running all the time: the hours of a year. */
#define HOURS_A_YEAR 8760

typedef struct
{
  SkyConvertContext *context;
  char              *db_path;
  sqlite3           *db;
  sqlite3_stmt      *insert;
  GHashTable        *regions;        /* code -> location name */
  char              *currency;
  char              *version;
  char              *publication;    /* YYYY-MM-DD */
  GPtrArray         *codes;          /* the offer codes converted, in the order first met */
  gboolean           has_ec2;
  gboolean           has_transfer;   /* an AWSDataTransfer file is among the files */
  GPtrArray         *paths;
  gboolean           savings_plans;  /* aws-savings-plans-csv: rate files are taken */
  guint              n_rate_files;

  /* The file being read */
  guint              file_index;
  const char        *path;
  guint64            line;           /* the line being fed to the parser */
  guint64            row_line;       /* the line the current row began on */
  guint64            row_index;      /* rows ended so far */
  GPtrArray         *fields;
  int                column[N_COLUMNS];
  int                sp_column[N_SP_COLUMNS];
  gboolean           rate_file;      /* this file is a Savings Plans rate file */
  int                code;           /* this offer file's OfferCode; -1 before it */
  guint              n_header;
  gboolean           stop;
  GError            *error;
} Conversion;

static void
conversion_clear (Conversion *conversion)
{
  g_clear_pointer (&conversion->insert, sqlite3_finalize);
  g_clear_pointer (&conversion->db, sqlite3_close);
  if (conversion->db_path != NULL)
    g_unlink (conversion->db_path);
  g_free (conversion->db_path);
  g_clear_pointer (&conversion->regions, g_hash_table_unref);
  g_free (conversion->currency);
  g_free (conversion->version);
  g_free (conversion->publication);
  g_clear_pointer (&conversion->codes, g_ptr_array_unref);
  g_clear_pointer (&conversion->paths, g_ptr_array_unref);
  g_clear_pointer (&conversion->fields, g_ptr_array_unref);
  g_clear_error (&conversion->error);
}

static gboolean
db_failed (Conversion  *conversion,
           GError     **error)
{
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE,
               _("Cannot spill rows into %s: %s"), conversion->db_path,
               conversion->db != NULL ? sqlite3_errmsg (conversion->db) : "out of memory");
  return FALSE;
}

static gboolean
open_spill (Conversion  *conversion,
            GError     **error)
{
  int fd = g_file_open_tmp ("skytally-aws-XXXXXX.db", &conversion->db_path, error);

  if (fd < 0)
    return FALSE;
  close (fd);
  if (sqlite3_open (conversion->db_path, &conversion->db) != SQLITE_OK ||
      sqlite3_exec (conversion->db,
                    "PRAGMA journal_mode = OFF;"
                    "PRAGMA synchronous = OFF;"
                    "PRAGMA cache_size = -8192;"
                    "PRAGMA temp_store = FILE;"
                    "CREATE TABLE row ("
                    " file INTEGER NOT NULL, line INTEGER NOT NULL,"
                    " sku TEXT NOT NULL, term_code TEXT NOT NULL, term TEXT NOT NULL,"
                    " unit TEXT NOT NULL, amount TEXT NOT NULL,"
                    " start TEXT, start_order REAL, finish TEXT, effective TEXT,"
                    " years INTEGER, upfront TEXT, class TEXT,"
                    " region TEXT NOT NULL, name TEXT, family TEXT, vcpu TEXT, memory TEXT,"
                    " architecture TEXT, tenancy TEXT, licence TEXT, software TEXT,"
                    " capacity TEXT, os TEXT, network TEXT, processor TEXT, storage TEXT,"
                    " service TEXT NOT NULL, offer TEXT NOT NULL, term_key TEXT NOT NULL,"
                    " storage_type TEXT, sla TEXT, features TEXT, free TEXT);"
                    "BEGIN;", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (conversion->db,
                          "INSERT INTO row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1,
                          &conversion->insert, NULL) != SQLITE_OK)
    return db_failed (conversion, error);
  return TRUE;
}

/* Mappings ---------------------------------------------------------------------------------- */

static const char *
map_unit (const char *aws)
{
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].aws, aws) == 0)
      return units[i].unit;
  return NULL;
}

/* The geography of an AWS region, by its code's prefix. */
static const char *
region_geography (const char *code)
{
  static const struct { const char *prefix; const char *geography; } prefixes[] = {
    { "us-", "US" }, { "ca-", "CA" }, { "sa-", "SA" }, { "mx-", "SA" }, { "eu-", "EU" },
    { "me-", "ME" }, { "il-", "ME" }, { "af-", "AF" }, { "ap-", "APAC" }, { "cn-", "APAC" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (code, prefixes[i].prefix) && code[strlen (prefixes[i].prefix)] != '\0')
      return prefixes[i].geography;
  return NULL;
}

static const char *
map_word (const char          *value,
          const char * const  *pairs)
{
  for (gsize i = 0; pairs[i] != NULL; i += 2)
    if (strcmp (pairs[i], value) == 0)
      return pairs[i + 1];
  return NULL;
}

static const char * const tenancies[] = {
  "Shared", "shared", "Dedicated", "dedicated", "Host", "host", NULL
};
static const char * const licences[] = {
  "No License required", "included", "No license required", "included",
  "License Included", "included",
  "Bring your own license", "byol", NULL
};
static const char * const softwares[] = {
  "NA", "none", "SQL Web", "sql-web", "SQL Std", "sql-standard", "SQL Ent", "sql-enterprise",
  NULL
};
static const char * const capacities[] = {
  "Used", "used", "UnusedCapacityReservation", "unused-reservation",
  "AllocatedCapacityReservation", "allocated-reservation", "AllocatedHost", "allocated-host",
  NULL
};
static const char * const systems[] = {
  "Linux", "linux", "Windows", "windows", "RHEL", "rhel", "SUSE", "sles",
  "Red Hat Enterprise Linux with HA", "rhel-ha", "Ubuntu Pro", "ubuntu-pro", NULL
};
static const char * const purchases[] = {
  "No Upfront", "none", "Partial Upfront", "partial", "All Upfront", "all", NULL
};

/* "4 GiB" -> "4"; NULL when it is not a number of GiB with at most 3 decimals. */
static char *
memory_gib (const char *memory)
{
  g_autofree char *number = NULL;
  SkyDecimal value;

  if (!g_str_has_suffix (memory, " GiB"))
    return NULL;
  number = g_strndup (memory, strlen (memory) - 4);
  /* "1,024 GiB": the thousands separator goes. */
  {
    char *to = number;

    for (const char *from = number; *from != '\0'; from++)
      if (*from != ',')
        *to++ = *from;
    *to = '\0';
  }
  if (!sky_decimal_parse (number, 3, FALSE, &value, NULL))
    return NULL;
  return _sky_convert_decimal_text (value);
}

/* Reading rows ------------------------------------------------------------------------------ */

static const char *
field (Conversion *conversion,
       int         column)
{
  int index = conversion->column[column];

  const char *value;

  if (index < 0 || (guint) index >= conversion->fields->len)
    return "";
  value = g_ptr_array_index (conversion->fields, index);
  return value != NULL ? value : "";
}

/* An optional text column: NULL when absent, empty or "NA". */
static const char *
optional (Conversion *conversion,
          int         column)
{
  const char *value = field (conversion, column);

  return *value == '\0' || strcmp (value, "NA") == 0 ? NULL : value;
}

static char *
where (Conversion *conversion)
{
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, conversion->path, conversion->row_line);
}

/* A bad row: FALSE when the conversion stops. */
static gboolean bad_row (Conversion *conversion, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_row (Conversion *conversion,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *place = where (conversion);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (!_sky_convert_bad_row (conversion->context, place, &conversion->error, "%s", message))
    conversion->stop = TRUE;
  return !conversion->stop;
}

static void
skip_row (Conversion *conversion,
          const char *reason)
{
  g_autofree char *place = where (conversion);

  sky_convert_summary_skip (conversion->context->summary, reason, place);
}

static gboolean
malformed (Conversion *conversion,
           const char *what)
{
  g_set_error (&conversion->error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
               /* Translators: “FILE:LINE: not an AWS Price List offer file in CSV (WHAT)” */
               _("%s:%llu: not an AWS Price List offer file in CSV (%s)"),
               conversion->path, (unsigned long long) conversion->row_line, what);
  conversion->stop = TRUE;
  return FALSE;
}

static void
replace (char       **place,
         const char  *value)
{
  g_free (*place);
  *place = g_strdup (value);
}

/* "FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode": the newest file's
 * version and date are the sheet's. */
static void
metadata_row (Conversion *conversion)
{
  const char *key, *value;

  if (conversion->fields->len != 2)
    {
      malformed (conversion, _("five lines of metadata first, each a name and a value"));
      return;
    }
  key = g_ptr_array_index (conversion->fields, 0);
  value = g_ptr_array_index (conversion->fields, 1);
  if (conversion->row_index == 0 && strcmp (key, "FormatVersion") != 0)
    malformed (conversion, _("no FormatVersion on the first line"));
  else if (strcmp (key, "Publication Date") == 0)
    {
      g_autofree char *day = g_strndup (value, 10);

      if (!_sky_convert_check_date (day, "Publication Date", NULL))
        malformed (conversion, _("the publication date is not a date"));
      else if (conversion->publication == NULL || strcmp (day, conversion->publication) >= 0)
        replace (&conversion->publication, day);
    }
  else if (strcmp (key, "Version") == 0)
    {
      if (conversion->version == NULL || strcmp (value, conversion->version) > 0)
        replace (&conversion->version, value);
    }
  else if (strcmp (key, "OfferCode") == 0)
    {
      if (strstr (value, "SavingsPlan") != NULL && conversion->savings_plans)
        {
          conversion->rate_file = TRUE;
          conversion->n_rate_files++;
        }
      else if (strstr (value, "SavingsPlan") != NULL)
        malformed (conversion, _("a Savings Plans rate file: convert it with --from "
                                 "aws-savings-plans-csv, together with the EC2 offer files"));
      else
        {
          for (guint i = 0; i < N_CODES; i++)
            if (strcmp (value, code_names[i]) == 0)
              conversion->code = (int) i;
          if (conversion->code < 0)
            {
              g_autofree char *what = g_strdup_printf (_("offer code “%s” is not converted: "
                                                         "AmazonEC2, AmazonRDS, AmazonS3, "
                                                         "AWSLambda and AWSDataTransfer are"),
                                                       value);
              malformed (conversion, what);
              return;
            }
          if (!g_ptr_array_find_with_equal_func (conversion->codes, code_names[conversion->code],
                                                 g_str_equal, NULL))
            g_ptr_array_add (conversion->codes, (char *) code_names[conversion->code]);
          if (conversion->code == CODE_EC2)
            conversion->has_ec2 = TRUE;
        }
    }
}

static void
rate_header_row (Conversion *conversion)
{
  for (guint c = 0; c < N_SP_COLUMNS; c++)
    {
      conversion->sp_column[c] = -1;
      for (guint i = 0; i < conversion->fields->len && conversion->sp_column[c] < 0; i++)
        if (strcmp (g_ptr_array_index (conversion->fields, i), sp_column_names[c]) == 0)
          conversion->sp_column[c] = (int) i;
      if (conversion->sp_column[c] < 0)
        {
          g_autofree char *what = g_strdup_printf (_("no column “%s”"), sp_column_names[c]);

          malformed (conversion, what);
          return;
        }
    }
  conversion->n_header = conversion->fields->len;
}

static void
header_row (Conversion *conversion)
{
  if (conversion->rate_file)
    {
      rate_header_row (conversion);
      return;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    conversion->column[c] = -1;
  for (guint i = 0; i < conversion->fields->len; i++)
    for (guint c = 0; c < N_COLUMNS; c++)
      if (conversion->column[c] < 0 &&
          strcmp (g_ptr_array_index (conversion->fields, i), column_names[c]) == 0)
        conversion->column[c] = (int) i;
  if (conversion->code < 0)
    {
      malformed (conversion, _("no OfferCode in the metadata"));
      return;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (conversion->column[c] < 0 && column_required (conversion->code, c))
      {
        g_autofree char *what = g_strdup_printf (_("no column “%s”"), column_names[c]);

        malformed (conversion, what);
        return;
      }
  conversion->n_header = conversion->fields->len;
}

static gboolean
bind_texts (Conversion          *conversion,
            const char * const  *texts,
            guint                n)
{
  for (guint i = 0; i < n; i++)
    if (sqlite3_bind_text (conversion->insert, (int) i + 3, texts[i], -1,
                           SQLITE_TRANSIENT) != SQLITE_OK)
      return FALSE;
  return TRUE;
}

/* What a row becomes besides its price: its service, the offer it is a price of, which of the
 * offer's prices it is part of, and what the offer says beyond the instance columns. */
typedef struct
{
  const char *service;
  const char *second_service;  /* an RDS storage row of any engine: written in both */
  char       *offer;           /* the offer's sku; NULL: the row's SKU */
  const char *kind;            /* which of the offer's prices; NULL: the offer term's own */
  char       *name;            /* NULL: the Instance Type */
  const char *family;          /* NULL: the Instance Family, for an instance */
  const char *storage_type;
  const char *sla;
  GString    *features;        /* key US value RS …, after the instance's own */
  const char *free;            /* the price's free quantity, for a row of one open range */
  const char *start;           /* the row's tier, where its usage type says it */
  const char *finish;
  const char *architecture;
  gboolean    instance;        /* vCPU, memory, processor, OS, … are read */
} Taken;

static void
taken_clear (Taken *taken)
{
  g_free (taken->offer);
  g_free (taken->name);
  if (taken->features != NULL)
    g_string_free (taken->features, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Taken, taken_clear)

static void
add_feature (Taken      *taken,
             const char *key,
             const char *value)
{
  if (taken->features == NULL)
    taken->features = g_string_new (NULL);
  g_string_append_printf (taken->features, "%s\x1f%s\x1e", key, value);
}

/* A skip with the value the row was skipped for: "REASON (VALUE)". */
static gboolean
skip_for (Conversion *conversion,
          const char *reason,
          const char *value)
{
  g_autofree char *text = g_strdup_printf ("%s (%s)", reason, *value != '\0' ? value : "—");

  skip_row (conversion, text);
  return FALSE;
}

typedef struct
{
  const char *api;
  const char *storage_type;
  const char *title;
} VolumeMap;

static const VolumeMap volumes[] = {
  { "gp2", "ssd", "General Purpose SSD (gp2)" },
  { "gp3", "ssd", "General Purpose SSD (gp3)" },
  { "io1", "ssd", "Provisioned IOPS SSD (io1)" },
  { "io2", "ssd", "Provisioned IOPS SSD (io2)" },
  { "st1", "hdd", "Throughput Optimized HDD (st1)" },
  { "sc1", "hdd", "Cold HDD (sc1)" },
  { "standard", "hdd", "Magnetic (standard)" },
};

/* EBS: a volume type's storage (Storage), provisioned IOPS (System Operation) and throughput
 * (Provisioned Throughput) rows are prices of one offer per volume type and region. */
static gboolean
take_ebs (Conversion *conversion,
          const char *product,
          Taken      *taken)
{
  const char *api = field (conversion, COL_VOLUME_API);
  const char *place = optional (conversion, COL_LOCATION_TYPE);
  const char *usage = field (conversion, COL_USAGE_TYPE);
  const char *unit = field (conversion, COL_UNIT);
  const VolumeMap *volume = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (volumes); i++)
    if (strcmp (volumes[i].api, api) == 0)
      volume = &volumes[i];
  if (volume == NULL)
    return skip_for (conversion, _("EBS volume type not converted"), api);
  if (place != NULL && strcmp (place, "AWS Region") != 0 && strcmp (place, "AWS Local Zone") != 0)
    return skip_for (conversion, _("EBS outside AWS Regions and Local Zones"), place);

  if (strcmp (product, "Storage") == 0)
    taken->kind = "1-storage";
  else if (strcmp (product, "System Operation") == 0 && strcmp (unit, "IOPS-Mo") == 0 &&
           (strcmp (api, "gp3") == 0 || strcmp (api, "io1") == 0 || strcmp (api, "io2") == 0))
    {
      taken->kind = "2-iops";
      if (strcmp (api, "gp3") == 0)
        taken->free = "3000";
      /* io2's IOPS are three SKUs, one per tier of the IOPS a volume provisions. */
      else if (strcmp (api, "io2") == 0)
        {
          gboolean tier2 = g_str_has_suffix (usage, ".tier2");
          gboolean tier3 = g_str_has_suffix (usage, ".tier3");

          taken->start = tier3 ? "64000" : tier2 ? "32000" : "0";
          taken->finish = tier3 ? "" : tier2 ? "64000" : "32000";
        }
    }
  else if (strcmp (product, "Provisioned Throughput") == 0 && strcmp (api, "gp3") == 0 &&
           strcmp (unit, "GiBps-mo") == 0)
    {
      taken->kind = "3-throughput";
      taken->free = "125";
    }
  else
    return skip_for (conversion, _("EBS operation not converted"),
                     *usage != '\0' ? usage : product);

  taken->service = "ebs";
  taken->offer = g_strdup_printf ("ebs-%s.%s", api, field (conversion, COL_REGION));
  taken->name = g_strdup_printf ("EBS %s volume", api);
  taken->family = "Block storage";
  taken->storage_type = volume->storage_type;
  add_feature (taken, "volume-type", volume->title);
  return TRUE;
}

/* RDS's Deployment Option: Single-AZ and Multi-AZ are offers of their own, named so, with the
 * SLA AWS gives each (Multi-AZ's is the service's). */
static gboolean
take_deployment (Conversion *conversion,
                 Taken      *taken,
                 const char *before,
                 const char *after)
{
  const char *deployment = field (conversion, COL_DEPLOYMENT);

  if (strcmp (deployment, "Single-AZ") == 0)
    {
      taken->sla = "99.5";
      add_feature (taken, "deployment", "Single-AZ");
    }
  else if (strcmp (deployment, "Multi-AZ") == 0)
    add_feature (taken, "deployment", "Multi-AZ (one standby)");
  else
    return skip_for (conversion, _("deployment option not converted"), deployment);
  taken->name = g_strconcat (before, deployment, after, NULL);
  return TRUE;
}

static const char *
rds_service (const char *engine)
{
  if (strcmp (engine, "PostgreSQL") == 0)
    return "rds-postgres";
  if (strcmp (engine, "MySQL") == 0)
    return "rds-mysql";
  return NULL;
}

static gboolean
take_rds (Conversion *conversion,
          const char *product,
          Taken      *taken)
{
  const char *engine = field (conversion, COL_ENGINE);

  if (strcmp (product, "Database Instance") == 0)
    {
      g_autofree char *before = NULL;

      taken->service = rds_service (engine);
      if (taken->service == NULL)
        return skip_for (conversion, _("database engine not converted"), engine);
      before = g_strconcat (field (conversion, COL_INSTANCE_TYPE), " ", NULL);
      if (!take_deployment (conversion, taken, before, ""))
        return FALSE;
      taken->instance = TRUE;
      add_feature (taken, "engine", engine);
      return TRUE;
    }
  if (strcmp (product, "Database Storage") == 0)
    {
      static const char *const types[] = {
        "General Purpose", "gp2", "General Purpose-GP3", "gp3", "Provisioned IOPS", "io1", NULL
      };
      const char *type = map_word (field (conversion, COL_VOLUME_TYPE), types);
      g_autofree char *before = NULL;

      if (type == NULL)
        return skip_for (conversion, _("database storage type not converted"),
                         field (conversion, COL_VOLUME_TYPE));
      /* Storage of any engine is a price of both services. */
      if (*engine == '\0' || strcmp (engine, "Any") == 0)
        {
          taken->service = "rds-postgres";
          taken->second_service = "rds-mysql";
        }
      else if ((taken->service = rds_service (engine)) == NULL)
        return skip_for (conversion, _("database engine not converted"), engine);
      before = g_strdup_printf ("RDS %s storage, ", type);
      if (!take_deployment (conversion, taken, before, ""))
        return FALSE;
      taken->family = "Database storage";
      taken->storage_type = "ssd";
      return TRUE;
    }
  return skip_for (conversion, _("product family not converted"), product);
}

typedef struct
{
  const char *volume_type;
  const char *key;
  const char *title;
  const char *storage_type;
} StorageClass;

static const StorageClass storage_classes[] = {
  { "Standard", "standard", "Standard", "object-standard" },
  { "Standard - Infrequent Access", "standard-ia", "Standard-IA", "object-standard-ia" },
  { "One Zone - Infrequent Access", "one-zone-ia", "One Zone-IA", "object-one-zone-ia" },
  { "Glacier Instant Retrieval", "glacier-instant", "Glacier Instant Retrieval",
    "object-glacier-instant" },
  { "Amazon Glacier", "glacier-flexible", "Glacier Flexible Retrieval",
    "object-glacier-flexible" },
  { "Glacier Flexible Retrieval", "glacier-flexible", "Glacier Flexible Retrieval",
    "object-glacier-flexible" },
  { "Glacier Deep Archive", "glacier-deep-archive", "Glacier Deep Archive",
    "object-glacier-deep-archive" },
  { "Intelligent-Tiering Frequent Access", "intelligent-tiering",
    "Intelligent-Tiering (frequent access tier)", "object-intelligent-tiering" },
};

/* The storage classes of S3's request groups: S3-API-Tier1, S3-API-SIA-Tier2, … */
static const char * const request_classes[] = {
  "", "Standard", "SIA-", "Standard-IA", "ZIA-", "One Zone-IA", "GIR-",
  "Glacier Instant Retrieval", "GDA-", "Glacier Deep Archive", "INT-",
  "Intelligent-Tiering", NULL
};

static gboolean
take_s3 (Conversion *conversion,
         const char *product,
         Taken      *taken)
{
  if (strcmp (product, "Storage") == 0)
    {
      const char *volume_type = field (conversion, COL_VOLUME_TYPE);
      const StorageClass *class = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (storage_classes); i++)
        if (strcmp (storage_classes[i].volume_type, volume_type) == 0)
          class = &storage_classes[i];
      if (class == NULL)
        return skip_for (conversion, _("S3 storage class not converted"), volume_type);
      taken->name = g_strdup_printf ("S3 %s storage", class->title);
      taken->family = "Object storage";
      taken->storage_type = class->storage_type;
      add_feature (taken, "storage-class", class->title);
    }
  else if (strcmp (product, "API Request") == 0)
    {
      const char *group = field (conversion, COL_GROUP);
      g_autofree char *middle = NULL;
      const char *title = NULL;
      gboolean put;

      if (g_str_has_prefix (group, "S3-API-") && g_str_has_suffix (group, "Tier1"))
        put = TRUE;
      else if (g_str_has_prefix (group, "S3-API-") && g_str_has_suffix (group, "Tier2"))
        put = FALSE;
      else
        return skip_for (conversion, _("S3 request group not converted"), group);
      middle = g_strndup (group + strlen ("S3-API-"), strlen (group) - strlen ("S3-API-Tier1"));
      title = map_word (middle, request_classes);
      if (title == NULL)
        return skip_for (conversion, _("S3 request group not converted"), group);
      taken->name = g_strdup_printf (put ? "S3 %s PUT/COPY/POST/LIST requests"
                                         : "S3 %s GET/SELECT requests", title);
      taken->family = "Object storage requests";
      add_feature (taken, "requests", put ? "PUT, COPY, POST and LIST requests"
                                          : "GET, SELECT and all other requests");
    }
  else
    return skip_for (conversion, _("product family not converted"), product);
  taken->service = "s3";
  return TRUE;
}

/* Lambda: requests and duration, of each architecture, are prices of one offer per
 * architecture and region. */
static gboolean
take_lambda (Conversion *conversion,
             const char *product,
             Taken      *taken)
{
  const char *usage = field (conversion, COL_USAGE_TYPE);
  const char *group = field (conversion, COL_GROUP);
  const char *unit = field (conversion, COL_UNIT);
  g_autofree char *processor = g_ascii_strdown (field (conversion, COL_ARCHITECTURE), -1);
  gboolean arm = strstr (processor, "arm") != NULL || strstr (usage, "ARM") != NULL;

  if (strcmp (product, "Serverless") != 0)
    return skip_for (conversion, _("product family not converted"), product);
  if (strstr (usage, "Provisioned") != NULL || strstr (group, "Provisioned") != NULL)
    {
      skip_row (conversion, _("Lambda provisioned concurrency: not converted"));
      return FALSE;
    }
  if (strstr (usage, "Edge") != NULL || strstr (group, "Edge") != NULL)
    {
      skip_row (conversion, _("Lambda@Edge: not converted"));
      return FALSE;
    }
  if (strcmp (unit, "Requests") == 0)
    taken->kind = "1-requests";
  else if (strcmp (unit, "Lambda-GB-Second") == 0 && strstr (usage, "Storage") == NULL)
    taken->kind = "2-duration";
  else
    return skip_for (conversion, _("Lambda price not converted"),
                     *usage != '\0' ? usage : unit);
  taken->service = "lambda";
  taken->architecture = arm ? "arm64" : "x86-64";
  taken->offer = g_strdup_printf ("lambda.%s.%s", taken->architecture,
                                  field (conversion, COL_REGION));
  taken->name = g_strdup_printf ("Lambda functions (%s)", arm ? "arm64" : "x86_64");
  add_feature (taken, "architecture", arm ? "arm64" : "x86_64");
  return TRUE;
}

static gboolean
take_transfer (Conversion *conversion,
               Taken      *taken)
{
  if (strcmp (field (conversion, COL_TRANSFER_TYPE), "AWS Outbound") != 0 ||
      strcmp (field (conversion, COL_TO_LOCATION), "External") != 0)
    {
      skip_row (conversion, _("data transfer other than out to the internet: not converted"));
      return FALSE;
    }
  taken->service = "data-transfer-out";
  taken->name = g_strdup ("Data transfer out to the internet");
  return TRUE;
}

/* What the row is, by its offer file and Product Family; FALSE when it is skipped (counted). */
static gboolean
take (Conversion *conversion,
      Taken      *taken)
{
  const char *product = field (conversion, COL_FAMILY_PRODUCT);

  if (strcmp (product, "Data Transfer") == 0)
    {
      if (conversion->code == CODE_EC2 && conversion->has_transfer)
        {
          skip_row (conversion, _("data transfer of the AmazonEC2 file: the AWSDataTransfer "
                                  "file's is converted"));
          return FALSE;
        }
      if (conversion->code == CODE_EC2 || conversion->code == CODE_DATA_TRANSFER)
        return take_transfer (conversion, taken);
      skip_row (conversion, _("data transfer of an offer file other than AmazonEC2 and "
                              "AWSDataTransfer: not converted"));
      return FALSE;
    }
  switch ((OfferCode) conversion->code)
    {
    case CODE_EC2:
      if (strcmp (product, "Compute Instance") == 0 ||
          strcmp (product, "Compute Instance (bare metal)") == 0)
        {
          taken->service = "ec2";
          taken->instance = TRUE;
          return TRUE;
        }
      if (strcmp (product, "Storage Snapshot") == 0)
        {
          skip_row (conversion, _("EBS snapshots: not converted"));
          return FALSE;
        }
      if (strcmp (product, "Storage") == 0 || strcmp (product, "System Operation") == 0 ||
          strcmp (product, "Provisioned Throughput") == 0)
        return take_ebs (conversion, product, taken);
      break;
    case CODE_RDS:
      return take_rds (conversion, product, taken);
    case CODE_S3:
      return take_s3 (conversion, product, taken);
    case CODE_LAMBDA:
      return take_lambda (conversion, product, taken);
    case CODE_DATA_TRANSFER:
    case N_CODES:
    default:
      break;
    }
  return skip_for (conversion, _("product family not converted"), product);
}

/* One price row: checked, then spilled. */
static void
data_row (Conversion *conversion)
{
  const char *term_type, *aws_unit, *unit, *price, *currency, *region, *location;
  const char *effective, *start, *finish, *term;
  const char *tenancy, *licence, *software, *capacity, *os = NULL, *processor = NULL;
  const char *upfront = NULL, *class = NULL, *name, *architecture;
  g_autofree char *amount = NULL, *memory = NULL, *start_text = NULL, *finish_text = NULL;
  g_autofree char *day = NULL, *term_key = NULL, *features = NULL;
  g_auto(Taken) taken = { 0 };
  SkyDecimal value, start_value = { 0 };
  const UnitMap *unit_map = NULL;
  gboolean open_range;
  guint years = 0;

  if (conversion->fields->len != conversion->n_header)
    {
      bad_row (conversion, _("%u fields where the header has %u"), conversion->fields->len,
               conversion->n_header);
      return;
    }
  if (!take (conversion, &taken))
    return;
  term_type = field (conversion, COL_TERM_TYPE);
  if (strcmp (term_type, "OnDemand") == 0)
    term = "on-demand";
  else if (strcmp (term_type, "Reserved") == 0)
    term = "reserved";
  else
    {
      bad_row (conversion, _("unknown TermType “%s”"), term_type);
      return;
    }

  aws_unit = field (conversion, COL_UNIT);
  for (gsize i = 0; i < G_N_ELEMENTS (units) && unit_map == NULL; i++)
    if (strcmp (units[i].aws, aws_unit) == 0)
      unit_map = &units[i];
  if (unit_map == NULL)
    {
      bad_row (conversion, _("unknown unit “%s”"), aws_unit);
      return;
    }
  unit = unit_map->unit;
  price = field (conversion, COL_PRICE);
  if (!_sky_convert_parse_amount (price, &value) ||
      (unit_map->divisor > 1 &&
       !sky_decimal_div (value, sky_decimal_from_int (unit_map->divisor),
                         SKY_DECIMAL_MAX_SCALE, SKY_ROUND_HALF_UP, &value)) ||
      (amount = sky_sheet_writer_amount_text (sky_decimal_normalize (value), NULL)) == NULL)
    {
      if (unit_map->divisor > 1)
        bad_row (conversion, _("PricePerUnit “%s” per %s is not a plain positive number of at "
                               "most ten decimals per %s"), price, aws_unit, unit);
      else
        bad_row (conversion, _("PricePerUnit “%s” is not a plain positive number of at most "
                               "ten decimals"), price);
      return;
    }
  currency = field (conversion, COL_CURRENCY);
  if (conversion->currency == NULL && *currency != '\0')
    conversion->currency = g_strdup (currency);
  if (g_strcmp0 (currency, conversion->currency) != 0)
    {
      bad_row (conversion, _("currency “%s” where the rows before are in %s"), currency,
               conversion->currency);
      return;
    }
  region = field (conversion, COL_REGION);
  location = field (conversion, COL_LOCATION);
  if (strcmp (taken.service, "data-transfer-out") == 0)
    {
      region = field (conversion, COL_FROM_REGION);
      location = field (conversion, COL_FROM_LOCATION);
    }
  if (region_geography (region) == NULL)
    {
      bad_row (conversion, _("unknown region “%s”"), region);
      return;
    }
  if (*location == '\0')
    location = region;
  effective = field (conversion, COL_EFFECTIVE);
  if (*effective != '\0')
    {
      day = g_strndup (effective, 10);
      if (!_sky_convert_check_date (day, "EffectiveDate", NULL))
        {
          bad_row (conversion, _("EffectiveDate “%s” is not a date"), effective);
          return;
        }
    }

  start = field (conversion, COL_START);
  finish = field (conversion, COL_END);
  open_range = (*start == '\0' || strcmp (start, "0") == 0) &&
               (*finish == '\0' || strcmp (finish, "Inf") == 0);
  /* A tier the usage type tells, for a row of one open range. */
  if (taken.start != NULL && open_range)
    {
      start = taken.start;
      finish = taken.finish;
    }
  if (*start != '\0')
    {
      if (!_sky_convert_parse_amount (start, &start_value))
        {
          bad_row (conversion, _("StartingRange “%s” is not a number"), start);
          return;
        }
      start_text = _sky_convert_decimal_text (start_value);
    }
  if (*finish != '\0' && strcmp (finish, "Inf") != 0)
    {
      SkyDecimal finish_value;

      if (!_sky_convert_parse_amount (finish, &finish_value) ||
          sky_decimal_compare (finish_value, start_value) <= 0)
        {
          bad_row (conversion, _("EndingRange “%s” is not a number above StartingRange"),
                   finish);
          return;
        }
      finish_text = _sky_convert_decimal_text (finish_value);
    }

  if (strcmp (term, "reserved") == 0)
    {
      const char *lease = field (conversion, COL_LEASE);
      const char *purchase = field (conversion, COL_PURCHASE);
      const char *offering = field (conversion, COL_CLASS);

      if (strcmp (lease, "1yr") == 0)
        years = 1;
      else if (strcmp (lease, "3yr") == 0)
        years = 3;
      else
        {
          bad_row (conversion, _("LeaseContractLength “%s” is neither 1yr nor 3yr"), lease);
          return;
        }
      upfront = map_word (purchase, purchases);
      if (upfront == NULL)
        {
          bad_row (conversion, _("unknown PurchaseOption “%s”"), purchase);
          return;
        }
      if (strcmp (offering, "standard") == 0 || *offering == '\0')
        class = "standard";
      else if (strcmp (offering, "convertible") == 0)
        class = "convertible";
      else
        {
          bad_row (conversion, _("unknown OfferingClass “%s”"), offering);
          return;
        }
    }
  else if (strcmp (unit, "quantity") == 0)
    {
      bad_row (conversion, _("an on-demand price per “Quantity”"));
      return;
    }

  tenancy = map_word (optional (conversion, COL_TENANCY) ?: "Shared", tenancies);
  licence = map_word (optional (conversion, COL_LICENSE) ?: "No License required", licences);
  software = map_word (optional (conversion, COL_SOFTWARE) ?: "NA", softwares);
  capacity = map_word (optional (conversion, COL_CAPACITY) ?: "Used", capacities);
  if (tenancy == NULL || licence == NULL || software == NULL || capacity == NULL)
    {
      bad_row (conversion, _("unknown tenancy, licence model, pre-installed software or "
                             "capacity status (%s, %s, %s, %s)"),
               field (conversion, COL_TENANCY), field (conversion, COL_LICENSE),
               field (conversion, COL_SOFTWARE), field (conversion, COL_CAPACITY));
      return;
    }
  architecture = taken.architecture;
  name = taken.name;
  if (taken.instance)
    {
      if (optional (conversion, COL_OS) != NULL)
        {
          os = map_word (optional (conversion, COL_OS), systems);
          if (os == NULL)
            {
              bad_row (conversion, _("unknown operating system “%s”"),
                       field (conversion, COL_OS));
              return;
            }
        }
      if (optional (conversion, COL_MEMORY) != NULL &&
          (memory = memory_gib (optional (conversion, COL_MEMORY))) == NULL)
        {
          bad_row (conversion, _("Memory “%s” is not a number of GiB"),
                   field (conversion, COL_MEMORY));
          return;
        }
      processor = optional (conversion, COL_PROCESSOR);
      if (optional (conversion, COL_INSTANCE_TYPE) == NULL)
        {
          bad_row (conversion, _("an instance row without an Instance Type"));
          return;
        }
      if (name == NULL)
        name = optional (conversion, COL_INSTANCE_TYPE);
      architecture = processor != NULL && (strstr (processor, "Graviton") != NULL ||
                                           g_str_has_prefix (processor, "Apple"))
                     ? "arm64" : "x86-64";
    }

  if (!g_hash_table_contains (conversion->regions, region))
    g_hash_table_insert (conversion->regions, g_strdup (region), g_strdup (location));

  term_key = taken.kind != NULL
             ? g_strdup_printf ("%s|%s", taken.kind, field (conversion, COL_TERM_CODE))
             : g_strdup (field (conversion, COL_TERM_CODE));
  features = taken.features != NULL ? g_string_free (g_steal_pointer (&taken.features), FALSE)
                                    : NULL;
  for (guint i = 0; i < 2; i++)
    {
      const char *service = i == 0 ? taken.service : taken.second_service;
      g_autofree char *offer = NULL;

      if (service == NULL)
        break;
      offer = taken.second_service != NULL
              ? g_strdup_printf ("%s.%s", field (conversion, COL_SKU), service)
              : g_strdup (taken.offer != NULL ? taken.offer : field (conversion, COL_SKU));
      {
        const char *texts[] = {
          field (conversion, COL_SKU), field (conversion, COL_TERM_CODE), term, unit, amount,
          start_text, NULL /* start_order */, finish_text, day, NULL /* years */, upfront,
          class, region, name,
          taken.instance ? optional (conversion, COL_INSTANCE_FAMILY) : taken.family,
          taken.instance ? optional (conversion, COL_VCPU) : NULL, memory, architecture,
          tenancy, licence, software, capacity, os,
          taken.instance ? optional (conversion, COL_NETWORK) : NULL, processor,
          taken.instance ? optional (conversion, COL_STORAGE) : NULL, service,
          offer, term_key, taken.storage_type, taken.sla, features,
          open_range ? taken.free : NULL,
        };

        if (*texts[0] == '\0' || strchr (texts[0], ' ') != NULL || *texts[1] == '\0')
          {
            bad_row (conversion, _("a row without a SKU or an OfferTermCode"));
            return;
          }
        sqlite3_reset (conversion->insert);
        if (sqlite3_bind_int (conversion->insert, 1, (int) conversion->file_index) != SQLITE_OK ||
            sqlite3_bind_int64 (conversion->insert, 2,
                                (gint64) conversion->row_line) != SQLITE_OK ||
            !bind_texts (conversion, texts, G_N_ELEMENTS (texts)) ||
            sqlite3_bind_double (conversion->insert, 9,
                                 sky_decimal_to_double (start_value)) != SQLITE_OK ||
            (years > 0 && sqlite3_bind_int (conversion->insert, 12, (int) years) != SQLITE_OK) ||
            sqlite3_step (conversion->insert) != SQLITE_DONE)
          {
            db_failed (conversion, &conversion->error);
            conversion->stop = TRUE;
            return;
          }
      }
    }
}

/* One rate of a Savings Plans rate file: spilled beside the rows of the instance it discounts
 * (DiscountedSKU), as a price of that offer. */
static void
rate_row (Conversion *conversion)
{
  const char *fields[N_SP_COLUMNS];
  const char *unit, *upfront;
  g_autofree char *amount = NULL, *day = NULL, *reason = NULL;
  SkyDecimal value;
  guint years;

  if (conversion->fields->len != conversion->n_header)
    {
      bad_row (conversion, _("%u fields where the header has %u"), conversion->fields->len,
               conversion->n_header);
      return;
    }
  for (guint c = 0; c < N_SP_COLUMNS; c++)
    fields[c] = g_ptr_array_index (conversion->fields, conversion->sp_column[c]);
  if (strcmp (fields[SP_SERVICE], "AmazonEC2") != 0)
    {
      reason = g_strdup_printf (_("savings plan rate for another service (%s)"),
                                fields[SP_SERVICE]);
      skip_row (conversion, reason);
      return;
    }
  if (strcmp (fields[SP_FAMILY], "EC2InstanceSavingsPlans") != 0)
    {
      reason = g_strdup_printf (_("savings plan not converted (%s): EC2 Instance Savings Plans "
                                  "are"), fields[SP_FAMILY]);
      skip_row (conversion, reason);
      return;
    }
  unit = map_unit (fields[SP_UNIT]);
  if (unit == NULL || strcmp (unit, "quantity") == 0)
    {
      bad_row (conversion, _("unknown unit “%s”"), fields[SP_UNIT]);
      return;
    }
  if (!_sky_convert_parse_amount (fields[SP_RATE], &value) ||
      (amount = sky_sheet_writer_amount_text (value, NULL)) == NULL)
    {
      bad_row (conversion, _("DiscountedRate “%s” is not a plain positive number of at most "
                             "ten decimals"), fields[SP_RATE]);
      return;
    }
  if (conversion->currency == NULL)
    conversion->currency = g_strdup (fields[SP_CURRENCY]);
  if (strcmp (fields[SP_CURRENCY], conversion->currency) != 0)
    {
      bad_row (conversion, _("currency “%s” where the rows before are in %s"),
               fields[SP_CURRENCY], conversion->currency);
      return;
    }
  if (strcmp (fields[SP_LEASE_UNIT], "year") != 0 ||
      (strcmp (fields[SP_LEASE], "1") != 0 && strcmp (fields[SP_LEASE], "3") != 0))
    {
      bad_row (conversion, _("LeaseContractLength “%s %s” is neither 1 nor 3 years"),
               fields[SP_LEASE], fields[SP_LEASE_UNIT]);
      return;
    }
  years = fields[SP_LEASE][0] == '1' ? 1 : 3;
  upfront = map_word (fields[SP_PURCHASE], purchases);
  if (upfront == NULL)
    {
      bad_row (conversion, _("unknown PurchaseOption “%s”"), fields[SP_PURCHASE]);
      return;
    }
  day = g_strndup (fields[SP_EFFECTIVE], 10);
  if (!_sky_convert_check_date (day, "EffectiveDate", NULL))
    {
      bad_row (conversion, _("EffectiveDate “%s” is not a date"), fields[SP_EFFECTIVE]);
      return;
    }
  if (*fields[SP_SKU] == '\0' || *fields[SP_PLAN] == '\0')
    {
      bad_row (conversion, _("a rate without a SKU or a DiscountedSKU"));
      return;
    }

  sqlite3_reset (conversion->insert);
  sqlite3_clear_bindings (conversion->insert);
  if (sqlite3_bind_int (conversion->insert, 1, (int) conversion->file_index) != SQLITE_OK ||
      sqlite3_bind_int64 (conversion->insert, 2, (gint64) conversion->row_line) != SQLITE_OK ||
      sqlite3_bind_text (conversion->insert, 3, fields[SP_SKU], -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_text (conversion->insert, 4, fields[SP_PLAN], -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_text (conversion->insert, 5, "savings-plan", -1, SQLITE_STATIC) ||
      sqlite3_bind_text (conversion->insert, 6, unit, -1, SQLITE_STATIC) ||
      sqlite3_bind_text (conversion->insert, 7, amount, -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_text (conversion->insert, 11, day, -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_int (conversion->insert, 12, (int) years) ||
      sqlite3_bind_text (conversion->insert, 13, upfront, -1, SQLITE_STATIC) ||
      sqlite3_bind_text (conversion->insert, 15, fields[SP_REGION], -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_text (conversion->insert, 29, "ec2", -1, SQLITE_STATIC) ||
      sqlite3_bind_text (conversion->insert, 30, fields[SP_SKU], -1, SQLITE_TRANSIENT) ||
      sqlite3_bind_text (conversion->insert, 31, fields[SP_PLAN], -1, SQLITE_TRANSIENT) ||
      sqlite3_step (conversion->insert) != SQLITE_DONE)
    {
      db_failed (conversion, &conversion->error);
      conversion->stop = TRUE;
    }
}

static void
field_cb (void   *text,
          size_t  length,
          void   *user_data)
{
  Conversion *conversion = user_data;

  g_ptr_array_add (conversion->fields, g_strndup (text != NULL ? text : "", length));
}

static void
row_cb (int   terminator,
        void *user_data)
{
  Conversion *conversion = user_data;

  if (!conversion->stop)
    {
      if (conversion->row_index < N_METADATA)
        metadata_row (conversion);
      else if (conversion->row_index == N_METADATA)
        header_row (conversion);
      else if (!(conversion->fields->len == 1 &&
                 *(char *) g_ptr_array_index (conversion->fields, 0) == '\0'))
        {
          if (conversion->rate_file)
            rate_row (conversion);
          else
            data_row (conversion);
        }
    }
  conversion->row_index++;
  g_ptr_array_set_size (conversion->fields, 0);
  conversion->row_line = conversion->line + (terminator == '\n' || terminator == '\r' ? 1 : 0);
}

static gboolean
read_file (Conversion  *conversion,
           const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  struct csv_parser parser;
  gboolean ok = TRUE;

  stream = g_file_read (file, conversion->context->cancellable, error);
  if (stream == NULL)
    return FALSE;
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    g_error ("libcsv: out of memory");
  conversion->path = path;
  conversion->line = 1;
  conversion->row_line = 1;
  conversion->row_index = 0;
  conversion->n_header = 0;
  conversion->rate_file = FALSE;
  conversion->code = -1;
  g_ptr_array_set_size (conversion->fields, 0);

  while (ok && !conversion->stop)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      text = g_data_input_stream_read_line (lines, &length, conversion->context->cancellable,
                                            &read_error);
      if (text == NULL)
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              ok = FALSE;
            }
          break;
        }
      if ((conversion->line & 0xfff) == 0 && _sky_convert_cancelled (conversion->context, error))
        {
          ok = FALSE;
          break;
        }
      /* The line, and the newline the stream took off it. */
      if (csv_parse (&parser, text, length, field_cb, row_cb, conversion) != length ||
          csv_parse (&parser, "\n", 1, field_cb, row_cb, conversion) != 1)
        {
          conversion->row_line = conversion->line;
          malformed (conversion, csv_strerror (csv_error (&parser)));
        }
      conversion->line++;
    }
  if (ok && !conversion->stop &&
      csv_fini (&parser, field_cb, row_cb, conversion) != 0)
    malformed (conversion, csv_strerror (csv_error (&parser)));
  csv_free (&parser);
  if (ok && !conversion->stop && conversion->n_header == 0)
    malformed (conversion, _("no header row"));
  if (conversion->stop)
    {
      g_propagate_error (error, g_steal_pointer (&conversion->error));
      return FALSE;
    }
  return ok;
}

/* Writing offers ---------------------------------------------------------------------------- */

enum
{
  R_FILE, R_LINE, R_SKU, R_TERM_CODE, R_TERM, R_UNIT, R_AMOUNT, R_START, R_START_ORDER,
  R_FINISH, R_EFFECTIVE, R_YEARS, R_UPFRONT, R_CLASS, R_REGION, R_NAME, R_FAMILY, R_VCPU,
  R_MEMORY, R_ARCHITECTURE, R_TENANCY, R_LICENCE, R_SOFTWARE, R_CAPACITY, R_OS, R_NETWORK,
  R_PROCESSOR, R_STORAGE, R_SERVICE, R_OFFER, R_TERM_KEY, R_STORAGE_TYPE, R_SLA, R_FEATURES,
  R_FREE, N_R
};

/* One spilled row, read back. */
typedef struct
{
  char *text[N_R];
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_R; i++)
    g_free (row->text[i]);
  g_free (row);
}

static Row *
row_read (sqlite3_stmt *select)
{
  Row *row = g_new0 (Row, 1);

  for (guint i = 0; i < N_R; i++)
    row->text[i] = g_strdup ((const char *) sqlite3_column_text (select, (int) i));
  return row;
}

static char *
row_where (Conversion *conversion,
           const Row  *row)
{
  guint file = (guint) g_ascii_strtoull (row->text[R_FILE], NULL, 10);

  return g_strdup_printf ("%s:%s", (const char *) g_ptr_array_index (conversion->paths, file),
                          row->text[R_LINE]);
}

static SkyDecimal
row_decimal (const char *text)
{
  SkyDecimal value = { 0 };

  if (text != NULL)
    _sky_convert_parse_amount (text, &value);
  return value;
}

/* A price of the offer, from the rows of one offer term (@first to @last, sorted by kind and
 * range): written, or a bad row (FALSE with *@stop when the conversion stops). */
typedef struct
{
  GPtrArray *rows;    /* Row */
  guint      first;
  guint      last;    /* past the end */
} Term;

static gboolean
check_term (Conversion  *conversion,
            const Term  *term,
            gboolean    *stop,
            GError     **error)
{
  Row *head = g_ptr_array_index (term->rows, term->first);
  g_autofree char *place = row_where (conversion, head);
  guint rates = 0, fees = 0;

  for (guint i = term->first; i < term->last; i++)
    {
      Row *row = g_ptr_array_index (term->rows, i);

      if (strcmp (row->text[R_UNIT], "quantity") == 0)
        fees++;
      else
        rates++;
    }
  *stop = FALSE;
  if (strcmp (head->text[R_TERM], "savings-plan") == 0 && term->last - term->first != 1)
    {
      *stop = !_sky_convert_bad_row (conversion->context, place, error,
                                     _("two rates of savings plan %s for one instance"),
                                     head->text[R_TERM_CODE]);
      return FALSE;
    }
  if (strcmp (head->text[R_TERM], "on-demand") == 0 &&
      (rates > 1 || head->text[R_FINISH] != NULL))
    {
      /* Tiers: from 0, each from where the one before ends, the last one open. */
      const char *end = "0";

      for (guint i = term->first; i < term->last; i++)
        {
          Row *row = g_ptr_array_index (term->rows, i);

          if (g_strcmp0 (row->text[R_START], end) != 0 ||
              strcmp (row->text[R_UNIT], head->text[R_UNIT]) != 0 ||
              (row->text[R_FINISH] == NULL) != (i + 1 == term->last))
            {
              *stop = !_sky_convert_bad_row (conversion->context, place, error,
                                             _("tiers (offer term %s) that do not follow each "
                                               "other from 0 to an open end"),
                                             head->text[R_TERM_CODE]);
              return FALSE;
            }
          end = row->text[R_FINISH];
        }
    }
  if (strcmp (head->text[R_TERM], "reserved") == 0)
    {
      gboolean paid = strcmp (head->text[R_UPFRONT], "none") != 0;

      if (rates != 1 || fees > 1 || (paid && fees != 1))
        {
          *stop = !_sky_convert_bad_row (conversion->context, place, error,
                                         _("a reservation (offer term %s) without exactly one "
                                           "hourly rate and, when paid upfront, one “Upfront "
                                           "Fee” row"), head->text[R_TERM_CODE]);
          return FALSE;
        }
      if (!paid && fees == 1 &&
          !sky_decimal_is_zero (row_decimal (((Row *) g_ptr_array_index (
                                  term->rows, term->last - 1))->text[R_AMOUNT])))
        {
          *stop = !_sky_convert_bad_row (conversion->context, place, error,
                                         _("an upfront fee on a No Upfront reservation "
                                           "(offer term %s)"), head->text[R_TERM_CODE]);
          return FALSE;
        }
    }
  return TRUE;
}

/* A Savings Plans rate is the effective hourly rate of the instance under the plan. Paid All
 * Upfront, the whole term's hours at that rate are the upfront fee, and the hourly amount 0;
 * Partial Upfront, half of it is paid upfront (AWS asks for at least half) and the other half
 * by the hour; No Upfront, the rate by the hour. An always-on instance costs the rate × the
 * term's hours either way, exactly. */
static gboolean
write_savings_plan (Conversion  *conversion,
                    const Row   *rate,
                    GError     **error)
{
  SkySheetWriter *writer = conversion->context->writer;
  guint years = (guint) g_ascii_strtoull (rate->text[R_YEARS], NULL, 10);
  const char *upfront = rate->text[R_UPFRONT];
  SkyDecimal hourly = row_decimal (rate->text[R_AMOUNT]);
  SkyDecimal hours = sky_decimal_from_int ((gint64) HOURS_A_YEAR * years);
  SkyDecimal fee = { 0, 0 }, amount = hourly, whole;
  g_autofree char *fee_text = NULL;

  if (strcmp (upfront, "none") != 0)
    {
      if (!sky_decimal_mul (hourly, hours, &whole))
        {
          g_autofree char *place = row_where (conversion, rate);

          g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW,
                       /* Translators: “FILE:LINE: savings plan rate too large” */
                       _("%s: savings plan rate too large"), place);
          return FALSE;
        }
      if (strcmp (upfront, "all") == 0)
        {
          fee = whole;
          amount = sky_decimal_from_int (0);
        }
      else if (!sky_decimal_div (whole, sky_decimal_from_int (2), SKY_PRICE_SCALE,
                                 SKY_ROUND_HALF_UP, &fee) ||
               !sky_decimal_div (hourly, sky_decimal_from_int (2), SKY_PRICE_SCALE,
                                 SKY_ROUND_HALF_UP, &amount))
        {
          g_autofree char *place = row_where (conversion, rate);

          g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW,
                       /* Translators: “FILE:LINE: savings plan rate too large” */
                       _("%s: savings plan rate too large"), place);
          return FALSE;
        }
      fee_text = sky_sheet_writer_amount_text (fee, error);
      if (fee_text == NULL)
        return FALSE;
    }
  return sky_sheet_writer_begin_price (writer, rate->text[R_UNIT], "savings-plan", years,
                                       error) &&
         sky_sheet_writer_price_attribute (writer, "upfront",
                                           fee_text != NULL ? upfront : NULL, error) &&
         sky_sheet_writer_price_attribute (writer, "upfront-fee", fee_text, error) &&
         sky_sheet_writer_price_attribute (writer, "effective-date", rate->text[R_EFFECTIVE],
                                           error) &&
         sky_sheet_writer_end_price (writer, amount, error);
}

static gboolean
write_term (Conversion  *conversion,
            const Term  *term,
            GError     **error)
{
  SkySheetWriter *writer = conversion->context->writer;
  Row *rate = g_ptr_array_index (term->rows, term->first);
  Row *fee = NULL;

  if (strcmp (rate->text[R_TERM], "reserved") == 0)
    {
      guint years = (guint) g_ascii_strtoull (rate->text[R_YEARS], NULL, 10);

      for (guint i = term->first; i < term->last; i++)
        {
          Row *row = g_ptr_array_index (term->rows, i);

          if (strcmp (row->text[R_UNIT], "quantity") == 0)
            fee = row;
          else
            rate = row;
        }
      return sky_sheet_writer_begin_price (writer, rate->text[R_UNIT], "reserved", years,
                                           error) &&
             sky_sheet_writer_price_attribute (writer, "offering-class",
                                               strcmp (rate->text[R_CLASS], "convertible") == 0
                                               ? "convertible" : NULL, error) &&
             sky_sheet_writer_price_attribute (writer, "upfront",
                                               strcmp (rate->text[R_UPFRONT], "none") != 0
                                               ? rate->text[R_UPFRONT] : NULL, error) &&
             sky_sheet_writer_price_attribute (writer, "upfront-fee",
                                               strcmp (rate->text[R_UPFRONT], "none") != 0
                                               ? fee->text[R_AMOUNT] : NULL, error) &&
             sky_sheet_writer_price_attribute (writer, "effective-date",
                                               rate->text[R_EFFECTIVE], error) &&
             sky_sheet_writer_end_price (writer, row_decimal (rate->text[R_AMOUNT]), error);
    }

  if (strcmp (rate->text[R_TERM], "savings-plan") == 0)
    return write_savings_plan (conversion, rate, error);

  if (term->last - term->first == 1 && rate->text[R_FINISH] == NULL)
    return sky_sheet_writer_begin_price (writer, rate->text[R_UNIT], "on-demand", 0, error) &&
           sky_sheet_writer_price_attribute (writer, "free-quantity", rate->text[R_FREE],
                                             error) &&
           sky_sheet_writer_price_attribute (writer, "effective-date", rate->text[R_EFFECTIVE],
                                             error) &&
           sky_sheet_writer_end_price (writer, row_decimal (rate->text[R_AMOUNT]), error);

  if (!sky_sheet_writer_begin_tiers (writer, rate->text[R_UNIT], "on-demand", 0, error) ||
      !sky_sheet_writer_price_attribute (writer, "effective-date", rate->text[R_EFFECTIVE],
                                         error))
    return FALSE;
  for (guint i = term->first; i < term->last; i++)
    {
      Row *row = g_ptr_array_index (term->rows, i);
      SkyDecimal to = row_decimal (row->text[R_FINISH]);

      if (!sky_sheet_writer_tier (writer, row_decimal (row->text[R_START]),
                                  row->text[R_FINISH] != NULL ? &to : NULL,
                                  row_decimal (row->text[R_AMOUNT]), error))
        return FALSE;
    }
  return sky_sheet_writer_end_tiers (writer, error);
}

/* The offer of one SKU, from its rows (sorted by offer term). */
static gboolean
write_offer (Conversion  *conversion,
             GPtrArray   *rows,
             GError     **error)
{
  SkyConvertContext *context = conversion->context;
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (Term));
  Row *head = g_ptr_array_index (rows, 0);
  struct { const char *key; guint column; } features[] = {
    { "network", R_NETWORK }, { "processor", R_PROCESSOR }, { "storage", R_STORAGE },
  };
  struct { const char *name; guint column; } attributes[] = {
    { "family", R_FAMILY }, { "vcpu", R_VCPU }, { "memory-gib", R_MEMORY }, { "os", R_OS },
    { "architecture", R_ARCHITECTURE }, { "storage-type", R_STORAGE_TYPE }, { "sla", R_SLA },
  };

  if (strcmp (head->text[R_TERM], "savings-plan") == 0)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          g_autofree char *place = row_where (conversion, g_ptr_array_index (rows, i));

          sky_convert_summary_skip (context->summary, _("savings plan rate of an instance not "
                                                        "in the offer files"), place);
        }
      return TRUE;
    }

  for (guint i = 0; i < rows->len; )
    {
      Row *row = g_ptr_array_index (rows, i);
      Term term = { rows, i, i + 1 };
      gboolean stop;

      while (term.last < rows->len &&
             strcmp (((Row *) g_ptr_array_index (rows, term.last))->text[R_TERM_KEY],
                     row->text[R_TERM_KEY]) == 0)
        term.last++;
      if (check_term (conversion, &term, &stop, error))
        g_array_append_val (terms, term);
      else if (stop)
        return FALSE;
      i = term.last;
    }
  if (terms->len == 0)
    return TRUE;

  if (!sky_sheet_writer_begin_offer (context->writer, head->text[R_OFFER], head->text[R_NAME],
                                     head->text[R_REGION], error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    if (!sky_sheet_writer_offer_attribute (context->writer, attributes[i].name,
                                           head->text[attributes[i].column], error))
      return FALSE;
  /* The defaults are not written: a sheet without them means the same. */
  if ((strcmp (head->text[R_TENANCY], "shared") != 0 &&
       !sky_sheet_writer_offer_attribute (context->writer, "tenancy", head->text[R_TENANCY],
                                          error)) ||
      (strcmp (head->text[R_LICENCE], "included") != 0 &&
       !sky_sheet_writer_offer_attribute (context->writer, "licence", head->text[R_LICENCE],
                                          error)) ||
      (strcmp (head->text[R_SOFTWARE], "none") != 0 &&
       !sky_sheet_writer_offer_attribute (context->writer, "software", head->text[R_SOFTWARE],
                                          error)) ||
      (strcmp (head->text[R_CAPACITY], "used") != 0 &&
       !sky_sheet_writer_offer_attribute (context->writer, "capacity", head->text[R_CAPACITY],
                                          error)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (head->text[features[i].column] != NULL &&
        !sky_sheet_writer_feature (context->writer, features[i].key,
                                   head->text[features[i].column], error))
      return FALSE;
  if (head->text[R_FEATURES] != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (head->text[R_FEATURES], "\x1e", -1);

      for (guint i = 0; pairs[i] != NULL && pairs[i][0] != '\0'; i++)
        {
          g_auto(GStrv) pair = g_strsplit (pairs[i], "\x1f", 2);

          if (!sky_sheet_writer_feature (context->writer, pair[0], pair[1], error))
            return FALSE;
        }
    }
  for (guint i = 0; i < terms->len; i++)
    if (!write_term (conversion, &g_array_index (terms, Term, i), error))
      return FALSE;
  return _sky_convert_end_offer (context, error);
}

/* RDS's SLA is AWS's for Multi-AZ instances; Single-AZ offers carry their own. */
static const SkySheetService services[] = {
  { "ec2", "Amazon EC2", "compute", NULL },
  { "ebs", "Amazon EBS", "storage", NULL },
  { "s3", "Amazon S3", "storage", NULL },
  { "rds-postgres", "Amazon RDS for PostgreSQL", "database", "99.95" },
  { "rds-mysql", "Amazon RDS for MySQL", "database", "99.95" },
  { "lambda", "AWS Lambda", "serverless", NULL },
  { "data-transfer-out", "Data Transfer Out", "network", NULL },
};

static const SkySheetService *
service_of (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (services); i++)
    if (strcmp (services[i].id, id) == 0)
      return &services[i];
  g_assert_not_reached ();
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
write_sheet (Conversion  *conversion,
             GError     **error)
{
  SkyConvertContext *context = conversion->context;
  const SkyConvertOptions *options = context->options;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *codes_text = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GString) order = NULL;
  sqlite3_stmt *select = NULL;
  SkySheetHeader header = {
    .provider_id = PROVIDER,
    .provider_name = "Amazon Web Services",
    .provider_short_name = options->short_name != NULL ? options->short_name : "AWS",
    .version = options->version != NULL ? options->version : conversion->version,
    .effective_date = options->effective_date != NULL ? options->effective_date
                                                      : conversion->publication,
    .currency = conversion->currency != NULL ? conversion->currency : "USD",
    .source_url = options->source_url,
    .retrieved = options->retrieved,
  };
  const char *service = NULL;
  gboolean ok;
  int step;

  GHashTableIter iter;
  gpointer code_key;

  g_ptr_array_add (conversion->codes, NULL);
  codes_text = g_strjoinv (", ", (GStrv) conversion->codes->pdata);
  g_ptr_array_set_size (conversion->codes, conversion->codes->len - 1);
  source = g_strdup_printf ("AWS Price List offer %s %s (CSV), version %s%s",
                            conversion->codes->len > 1 ? "files" : "file", codes_text,
                            conversion->version, conversion->n_rate_files > 0
                            ? ", with Savings Plans rates" : "");
  header.source = source;

  g_hash_table_iter_init (&iter, conversion->regions);
  while (g_hash_table_iter_next (&iter, &code_key, NULL))
    g_ptr_array_add (codes, code_key);
  if (header.version == NULL || header.effective_date == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("The offer files give no Version or Publication Date: give --version "
                     "and --effective-date"));
      return FALSE;
    }
  /* Taken the day it was published, unless told otherwise. */
  if (header.retrieved == NULL)
    header.retrieved = header.effective_date;
  if (!sky_sheet_writer_header (context->writer, &header, error))
    return FALSE;
  g_ptr_array_sort (codes, compare_strings);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      SkySheetRegion region = { code, g_hash_table_lookup (conversion->regions, code),
                                region_geography (code) };

      if (!sky_sheet_writer_region (context->writer, &region, error))
        return FALSE;
    }
  if (codes->len == 0)
    return TRUE;

  /* The services in the order of the table, so that of equal prices in two services (RDS
   * storage of any engine) PostgreSQL's comes first, as on the hand-written sheet. */
  order = g_string_new ("SELECT * FROM row ORDER BY CASE service");
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    g_string_append_printf (order, " WHEN '%s' THEN %u", services[i].id, i);
  g_string_append (order, " END, offer, term, term_key, unit = 'quantity', start_order, file,"
                          " line");
  if (sqlite3_exec (conversion->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (conversion->db, order->str, -1, &select, NULL) != SQLITE_OK)
    return db_failed (conversion, error);
  ok = TRUE;
  while (ok && (step = sqlite3_step (select)) == SQLITE_ROW)
    {
      Row *row = row_read (select);
      Row *head = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;

      if (head != NULL && strcmp (head->text[R_OFFER], row->text[R_OFFER]) != 0)
        {
          ok = write_offer (conversion, rows, error) &&
               !_sky_convert_cancelled (context, error);
          g_ptr_array_set_size (rows, 0);
        }
      if (ok && g_strcmp0 (service, row->text[R_SERVICE]) != 0)
        {
          ok = (service == NULL || sky_sheet_writer_end_service (context->writer, error)) &&
               sky_sheet_writer_begin_service (context->writer,
                                               service_of (row->text[R_SERVICE]), error);
          service = service_of (row->text[R_SERVICE])->id;
        }
      g_ptr_array_add (rows, row);
    }
  if (ok && step != SQLITE_DONE)
    ok = db_failed (conversion, error);
  sqlite3_finalize (select);
  if (ok && rows->len > 0)
    ok = write_offer (conversion, rows, error);
  return ok && (service == NULL || sky_sheet_writer_end_service (context->writer, error));
}

/* Whether @path's metadata says it is the AWSDataTransfer offer file: looked at before the
 * files are read, so that EC2's rows of data transfer give way to that file's, the same
 * prices under the offer code AWS now publishes them in. A file that cannot be read is
 * reported when it is read. */
static gboolean
is_transfer_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) lines = NULL;

  if (stream == NULL)
    return FALSE;
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  for (guint i = 0; i < N_METADATA; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, NULL);

      if (line == NULL)
        return FALSE;
      g_strchomp (line);
      if (strcmp (line, "\"OfferCode\",\"AWSDataTransfer\"") == 0 ||
          strcmp (line, "OfferCode,AWSDataTransfer") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
convert (SkyConvertContext   *context,
         const char * const  *files,
         gboolean             savings_plans,
         GError             **error)
{
  Conversion conversion = { 0 };
  gboolean ok;

  conversion.context = context;
  conversion.savings_plans = savings_plans;
  conversion.regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conversion.fields = g_ptr_array_new_with_free_func (g_free);
  conversion.paths = g_ptr_array_new ();
  conversion.codes = g_ptr_array_new ();
  for (guint i = 0; files[i] != NULL && !conversion.has_transfer; i++)
    conversion.has_transfer = is_transfer_file (files[i]);
  ok = open_spill (&conversion, error);
  for (guint i = 0; ok && files[i] != NULL; i++)
    {
      conversion.file_index = i;
      g_ptr_array_add (conversion.paths, (char *) files[i]);
      ok = read_file (&conversion, files[i], error);
    }
  if (ok && savings_plans && !conversion.has_ec2)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("Savings Plans rates are prices of EC2 offers: give the EC2 offer files "
                     "(OfferCode AmazonEC2) too"));
      ok = FALSE;
    }
  if (ok && savings_plans && conversion.n_rate_files == 0)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_MALFORMED,
                   _("No Savings Plans rate file among the files (use --from aws-offer-csv "
                     "for offer files alone)"));
      ok = FALSE;
    }
  ok = ok && write_sheet (&conversion, error);
  conversion_clear (&conversion);
  return ok;
}

gboolean
_sky_convert_aws_offer_csv (SkyConvertContext   *context,
                            const char * const  *files,
                            GError             **error)
{
  return convert (context, files, FALSE, error);
}

gboolean
_sky_convert_aws_savings_plans_csv (SkyConvertContext   *context,
                                    const char * const  *files,
                                    GError             **error)
{
  return convert (context, files, TRUE, error);
}
