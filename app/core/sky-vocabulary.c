/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-vocabulary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-vocabulary.h"

/* Each table in the order lists show it. A new entry takes the next free code of its table,
 * wherever it goes: the catalog stores codes (tests/test-vocabulary.c pins every one).
 *
 * A new purchase option, unit, geography or category is its entry here, its pinned code in
 * tests/test-vocabulary.c, its word in the schemas data/price-sheet-1.rng and
 * data/scenario-1.rng, and a line in docs/price-sheet-format.md (and docs/scenario-format.md);
 * test-vocabulary checks that the schemas and the documents agree with the tables. */

static const SkyPurchaseOption purchase_options[] = {
  { { "on-demand", N_("On demand"), 0 }, SKY_PURCHASE_ON_DEMAND, 0, SKY_UPFRONT_NONE, FALSE },
  { { "spot", N_("Spot"), 1 }, SKY_PURCHASE_SPOT, 0, SKY_UPFRONT_NONE, FALSE },
  { { "dev-test", N_("Dev/test"), 20 }, SKY_PURCHASE_DEV_TEST, 0, SKY_UPFRONT_NONE, FALSE },
  { { "reserved-1y-no-upfront", N_("Reserved 1 yr, no upfront"), 2 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_NONE, FALSE },
  { { "reserved-1y-partial-upfront", N_("Reserved 1 yr, partial upfront"), 3 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_PARTIAL, FALSE },
  { { "reserved-1y-all-upfront", N_("Reserved 1 yr, all upfront"), 4 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_ALL, FALSE },
  { { "reserved-3y-no-upfront", N_("Reserved 3 yr, no upfront"), 5 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_NONE, FALSE },
  { { "reserved-3y-partial-upfront", N_("Reserved 3 yr, partial upfront"), 6 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_PARTIAL, FALSE },
  { { "reserved-3y-all-upfront", N_("Reserved 3 yr, all upfront"), 7 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_ALL, FALSE },
  { { "reserved-convertible-1y-no-upfront", N_("Reserved convertible 1 yr, no upfront"), 14 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_NONE, TRUE },
  { { "reserved-convertible-1y-partial-upfront",
      N_("Reserved convertible 1 yr, partial upfront"), 15 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_PARTIAL, TRUE },
  { { "reserved-convertible-1y-all-upfront", N_("Reserved convertible 1 yr, all upfront"), 16 },
    SKY_PURCHASE_RESERVATION, 12, SKY_UPFRONT_ALL, TRUE },
  { { "reserved-convertible-3y-no-upfront", N_("Reserved convertible 3 yr, no upfront"), 17 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_NONE, TRUE },
  { { "reserved-convertible-3y-partial-upfront",
      N_("Reserved convertible 3 yr, partial upfront"), 18 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_PARTIAL, TRUE },
  { { "reserved-convertible-3y-all-upfront", N_("Reserved convertible 3 yr, all upfront"), 19 },
    SKY_PURCHASE_RESERVATION, 36, SKY_UPFRONT_ALL, TRUE },
  { { "savings-plan-1y-no-upfront", N_("Savings plan 1 yr, no upfront"), 8 },
    SKY_PURCHASE_SAVINGS_PLAN, 12, SKY_UPFRONT_NONE, FALSE },
  { { "savings-plan-1y-partial-upfront", N_("Savings plan 1 yr, partial upfront"), 9 },
    SKY_PURCHASE_SAVINGS_PLAN, 12, SKY_UPFRONT_PARTIAL, FALSE },
  { { "savings-plan-1y-all-upfront", N_("Savings plan 1 yr, all upfront"), 10 },
    SKY_PURCHASE_SAVINGS_PLAN, 12, SKY_UPFRONT_ALL, FALSE },
  { { "savings-plan-3y-no-upfront", N_("Savings plan 3 yr, no upfront"), 11 },
    SKY_PURCHASE_SAVINGS_PLAN, 36, SKY_UPFRONT_NONE, FALSE },
  { { "savings-plan-3y-partial-upfront", N_("Savings plan 3 yr, partial upfront"), 12 },
    SKY_PURCHASE_SAVINGS_PLAN, 36, SKY_UPFRONT_PARTIAL, FALSE },
  { { "savings-plan-3y-all-upfront", N_("Savings plan 3 yr, all upfront"), 13 },
    SKY_PURCHASE_SAVINGS_PLAN, 36, SKY_UPFRONT_ALL, FALSE },
};

#define GB G_GUINT64_CONSTANT (1000000000)
#define GIB (G_GUINT64_CONSTANT (1) << 30)
#define MIB (G_GUINT64_CONSTANT (1) << 20)

static const SkyUnit units[] = {
  { { "hour", N_("Hour"), 0 }, SKY_DIMENSION_TIME, 3600, 1, TRUE },
  { { "second", N_("Second"), 1 }, SKY_DIMENSION_TIME, 1, 1, TRUE },
  { { "minute", N_("Minute"), 17 }, SKY_DIMENSION_TIME, 60, 1, TRUE },
  { { "100-seconds", N_("100 seconds"), 25 }, SKY_DIMENSION_TIME, 100, 1, TRUE },
  { { "day", N_("Day"), 18 }, SKY_DIMENSION_TIME, 24 * 3600, 1, TRUE },
  { { "month", N_("Month"), 2 }, SKY_DIMENSION_MONTHS, 1, 1, TRUE },
  { { "year", N_("Year"), 26 }, SKY_DIMENSION_MONTHS, 12, 1, TRUE },
  { { "gb", N_("GB"), 3 }, SKY_DIMENSION_DATA, GB, 1, TRUE },
  { { "gib", N_("GiB"), 14 }, SKY_DIMENSION_DATA, GIB, 1, TRUE },
  { { "tb", N_("TB"), 15 }, SKY_DIMENSION_DATA, 1000 * GB, 1, TRUE },
  { { "tib", N_("TiB"), 16 }, SKY_DIMENSION_DATA, 1024 * GIB, 1, TRUE },
  { { "gb-month", N_("GB-month"), 4 }, SKY_DIMENSION_DATA_MONTHS, GB, 1, TRUE },
  { { "gib-month", N_("GiB-month"), 19 }, SKY_DIMENSION_DATA_MONTHS, GIB, 1, TRUE },
  { { "tb-month", N_("TB-month"), 20 }, SKY_DIMENSION_DATA_MONTHS, 1000 * GB, 1, TRUE },
  { { "tib-month", N_("TiB-month"), 21 }, SKY_DIMENSION_DATA_MONTHS, 1024 * GIB, 1, TRUE },
  { { "gb-second", N_("GB-second"), 5 }, SKY_DIMENSION_DATA_TIME, GB, 1, TRUE },
  { { "gib-second", N_("GiB-second"), 22 }, SKY_DIMENSION_DATA_TIME, GIB, 1, TRUE },
  { { "gb-hour", N_("GB-hour"), 24 }, SKY_DIMENSION_DATA_TIME, GB * 3600, 1, TRUE },
  { { "gib-hour", N_("GiB-hour"), 6 }, SKY_DIMENSION_DATA_TIME, GIB * 3600, 1, TRUE },
  { { "vcpu-second", N_("vCPU-second"), 23 }, SKY_DIMENSION_VCPU_TIME, 1, 1, TRUE },
  { { "vcpu-hour", N_("vCPU-hour"), 7 }, SKY_DIMENSION_VCPU_TIME, 3600, 1, TRUE },
  { { "request", N_("Request"), 8 }, SKY_DIMENSION_REQUESTS, 1, 1, TRUE },
  { { "1k-requests", N_("1,000 requests"), 9 }, SKY_DIMENSION_REQUESTS, 1000, 1, TRUE },
  { { "10k-requests", N_("10,000 requests"), 10 }, SKY_DIMENSION_REQUESTS, 10000, 1, TRUE },
  { { "million-requests", N_("Million requests"), 11 }, SKY_DIMENSION_REQUESTS, 1000000, 1,
    TRUE },
  { { "iops-month", N_("IOPS-month"), 12 }, SKY_DIMENSION_IOPS_MONTHS, 1, 1, TRUE },
  { { "mibps-month", N_("MiB/s-month"), 13 }, SKY_DIMENSION_THROUGHPUT_MONTHS, MIB, 1, TRUE },
};

static const SkyWord geographies[] = {
  { "US", N_("United States"), 0 },
  { "CA", N_("Canada"), 1 },
  { "SA", N_("South America"), 2 },
  { "EU", N_("Europe"), 3 },
  { "ME", N_("Middle East"), 4 },
  { "AF", N_("Africa"), 5 },
  { "APAC", N_("Asia-Pacific"), 6 },
  { "GLOBAL", N_("Global"), 7 },
};

static const SkyCategory categories[] = {
  { { "compute", N_("Compute"), 0 }, "hour" },
  { { "storage", N_("Storage"), 1 }, "gb-month" },
  { { "database", N_("Database"), 2 }, "hour" },
  { { "network", N_("Network"), 3 }, "gb" },
  { { "serverless", N_("Serverless"), 4 }, "gb-second" },
  { { "containers", N_("Containers"), 5 }, "hour" },
  { { "analytics", N_("Analytics"), 6 }, "hour" },
  { { "ai", N_("AI"), 7 }, "hour" },
  { { "other", N_("Other"), 8 }, "hour" },
};

/* The services of the bundled providers, by provider, under the ids their sheets use; a
 * provider listed here has no other service ids. Codes as in the other tables: given once,
 * never reused (tests/test-vocabulary.c pins them). */
static const SkyService services[] = {
  { { "ec2", N_("Amazon EC2"), 0 }, "aws", "compute" },
  { { "ebs", N_("Amazon EBS"), 1 }, "aws", "storage" },
  { { "s3", N_("Amazon S3"), 2 }, "aws", "storage" },
  { { "rds-postgres", N_("Amazon RDS for PostgreSQL"), 3 }, "aws", "database",
    "postgresql" },
  { { "rds-mysql", N_("Amazon RDS for MySQL"), 4 }, "aws", "database",
    "mysql" },
  { { "data-transfer-out", N_("AWS Data Transfer Out"), 5 }, "aws", "network" },
  { { "lambda", N_("AWS Lambda"), 6 }, "aws", "serverless" },
  { { "fargate", N_("AWS Fargate"), 7 }, "aws", "containers" },
  { { "virtual-machines", N_("Azure Virtual Machines"), 8 }, "azure", "compute" },
  { { "managed-disks", N_("Azure Managed Disks"), 9 }, "azure", "storage" },
  { { "blob-storage", N_("Azure Blob Storage"), 10 }, "azure", "storage" },
  { { "postgresql-flexible", N_("Azure Database for PostgreSQL flexible server"), 11 },
    "azure", "database",
    "postgresql" },
  { { "postgresql-hyperscale", N_("Azure Database for PostgreSQL Hyperscale (Citus)"), 12 },
    "azure", "database",
    "postgresql" },
  { { "mysql-flexible", N_("Azure Database for MySQL flexible server"), 13 },
    "azure", "database",
    "mysql" },
  { { "sql-database", N_("Azure SQL Database"), 14 }, "azure", "database",
    "sql-server" },
  { { "bandwidth", N_("Azure Bandwidth"), 15 }, "azure", "network" },
  { { "functions", N_("Azure Functions"), 16 }, "azure", "serverless" },
  { { "compute-engine", N_("Compute Engine"), 17 }, "gcp", "compute" },
  { { "persistent-disk", N_("Persistent Disk"), 18 }, "gcp", "storage" },
  { { "cloud-storage", N_("Cloud Storage"), 19 }, "gcp", "storage" },
  { { "cloud-sql-postgres", N_("Cloud SQL for PostgreSQL"), 20 }, "gcp", "database",
    "postgresql" },
  { { "cloud-sql-mysql", N_("Cloud SQL for MySQL"), 21 }, "gcp", "database",
    "mysql" },
  { { "internet-egress", N_("Google Cloud internet egress"), 22 }, "gcp", "network" },
  { { "cloud-run-functions", N_("Cloud Run functions"), 23 }, "gcp", "serverless" },
  { { "kubernetes-engine", N_("Google Kubernetes Engine"), 24 }, "gcp", "containers" },
  { { "droplets", N_("DigitalOcean Droplets"), 25 }, "digitalocean", "compute" },
  { { "volumes", N_("DigitalOcean Volumes"), 26 }, "digitalocean", "storage" },
  { { "spaces", N_("DigitalOcean Spaces"), 27 }, "digitalocean", "storage" },
  { { "managed-postgresql", N_("DigitalOcean Managed PostgreSQL"), 28 }, "digitalocean",
    "database",
    "postgresql" },
  { { "managed-mysql", N_("DigitalOcean Managed MySQL"), 29 }, "digitalocean", "database",
    "mysql" },
  { { "bandwidth", N_("DigitalOcean outbound data transfer"), 30 }, "digitalocean", "network" },
  { { "functions", N_("DigitalOcean Functions"), 31 }, "digitalocean", "serverless" },
  { { "kubernetes", N_("DigitalOcean Kubernetes"), 32 }, "digitalocean", "containers" },
};

/* The engines of database offers: a listed service names its own (services[]), an offer of
 * another provider says it with an "engine" feature. */
static const SkyWord engines[] = {
  { "postgresql", N_("PostgreSQL"), 0 },
  { "mysql", N_("MySQL"), 1 },
  { "mariadb", N_("MariaDB"), 2 },
  { "sql-server", N_("SQL Server"), 3 },
  { "oracle", N_("Oracle Database"), 4 },
};

/* An offer's storage type is any identifier; these are the ones the bundled sheets use, which
 * lists offer by their titles. */
static const SkyWord storage_types[] = {
  { "ssd", N_("SSD"), 0 },
  { "nvme", N_("NVMe SSD"), 1 },
  { "hdd", N_("Hard disk"), 2 },
  { "snapshot", N_("Snapshot"), 3 },
  { "object-standard", N_("Object storage, standard"), 4 },
  { "object-hot", N_("Object storage, hot"), 5 },
  { "object-standard-ia", N_("Object storage, infrequent access"), 6 },
  { "object-cool", N_("Object storage, cool"), 7 },
  { "object-nearline", N_("Object storage, nearline"), 8 },
  { "object-cold", N_("Object storage, cold"), 9 },
  { "object-coldline", N_("Object storage, coldline"), 10 },
  { "object-dra", N_("Object storage, durable reduced availability"), 11 },
  { "object-glacier-flexible", N_("Object storage, Glacier flexible retrieval"), 12 },
  { "object-archive", N_("Object storage, archive"), 13 },
  { "object-glacier-deep-archive", N_("Object storage, Glacier deep archive"), 14 },
};

/* An offer's os is any identifier; these are the ones lists offer and name. */
static const SkyWord operating_systems[] = {
  { "linux", N_("Linux"), 0 },
  { "windows", N_("Windows"), 1 },
  { "rhel", N_("Red Hat Enterprise Linux"), 2 },
  { "sles", N_("SUSE Linux Enterprise"), 3 },
};

static const SkyWord purchase_classes[] = {
  { "on-demand", N_("On demand"), SKY_PURCHASE_ON_DEMAND },
  { "spot", N_("Spot"), SKY_PURCHASE_SPOT },
  { "reserved", N_("Reservation"), SKY_PURCHASE_RESERVATION },
  { "savings-plan", N_("Savings plan"), SKY_PURCHASE_SAVINGS_PLAN },
  { "dev-test", N_("Dev/test"), SKY_PURCHASE_DEV_TEST },
};

static const SkyWord upfronts[] = {
  { "none", N_("No upfront"), SKY_UPFRONT_NONE },
  { "partial", N_("Partial upfront"), SKY_UPFRONT_PARTIAL },
  { "all", N_("All upfront"), SKY_UPFRONT_ALL },
};

/* An offer's attributes. The catalog keeps tenancy, licence and capacity in four bits each of
 * a price's variant (PRICE_VARIANT()): their codes stay below 16. */
static const SkyWord architectures[] = {
  { "x86-64", N_("x86-64"), SKY_ARCHITECTURE_X86_64 },
  { "arm64", N_("Arm64"), SKY_ARCHITECTURE_ARM64 },
};

static const SkyWord tenancies[] = {
  { "shared", N_("Shared"), SKY_TENANCY_SHARED },
  { "dedicated", N_("Dedicated instance"), SKY_TENANCY_DEDICATED },
  { "host", N_("Dedicated host"), SKY_TENANCY_HOST },
};

static const SkyWord licences[] = {
  { "included", N_("Licence included"), SKY_LICENCE_INCLUDED },
  { "byol", N_("Bring your own licence"), SKY_LICENCE_BYOL },
};

static const SkyWord capacities[] = {
  { "used", N_("Used"), SKY_CAPACITY_USED },
  { "unused-reservation", N_("Unused reservation"), SKY_CAPACITY_UNUSED_RESERVATION },
  { "allocated-reservation", N_("Allocated reservation"), SKY_CAPACITY_ALLOCATED_RESERVATION },
  { "allocated-host", N_("Allocated host"), SKY_CAPACITY_ALLOCATED_HOST },
};

/* How a line is deployed: what the curated SLAs (data/sla.xml) speak of. */
static const SkyWord deployments[] = {
  { "single", N_("Single instance"), SKY_DEPLOYMENT_SINGLE },
  { "fault-domains", N_("Across fault domains"), SKY_DEPLOYMENT_FAULT_DOMAINS },
  { "zones", N_("Across zones"), SKY_DEPLOYMENT_ZONES },
  { "standby-same-zone", N_("With a standby in the same zone"),
    SKY_DEPLOYMENT_STANDBY_SAME_ZONE },
  { "standby-zone", N_("With a standby in another zone"), SKY_DEPLOYMENT_STANDBY_ZONE },
};

typedef struct
{
  const void *entries;
  gsize       stride;
  guint       n;
} Table;

#define TABLE(array) { array, sizeof (array[0]), G_N_ELEMENTS (array) }

/* Every entry starts with its SkyWord. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (SkyPurchaseOption, word) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (SkyUnit, word) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (SkyCategory, word) == 0);

static const Table tables[SKY_N_VOCABULARIES] = {
  [SKY_VOCABULARY_PURCHASE_OPTION] = TABLE (purchase_options),
  [SKY_VOCABULARY_UNIT] = TABLE (units),
  [SKY_VOCABULARY_GEOGRAPHY] = TABLE (geographies),
  [SKY_VOCABULARY_CATEGORY] = TABLE (categories),
  [SKY_VOCABULARY_OPERATING_SYSTEM] = TABLE (operating_systems),
  [SKY_VOCABULARY_PURCHASE_CLASS] = TABLE (purchase_classes),
  [SKY_VOCABULARY_UPFRONT] = TABLE (upfronts),
  [SKY_VOCABULARY_ARCHITECTURE] = TABLE (architectures),
  [SKY_VOCABULARY_TENANCY] = TABLE (tenancies),
  [SKY_VOCABULARY_LICENCE] = TABLE (licences),
  [SKY_VOCABULARY_CAPACITY] = TABLE (capacities),
  [SKY_VOCABULARY_ENGINE] = TABLE (engines),
  [SKY_VOCABULARY_STORAGE_TYPE] = TABLE (storage_types),
  [SKY_VOCABULARY_DEPLOYMENT] = TABLE (deployments),
};

static inline const SkyWord *
entry (const Table *table,
       guint        index)
{
  return (const SkyWord *) ((const char *) table->entries + (gsize) index * table->stride);
}

guint
sky_vocabulary_size (SkyVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, 0);
  return tables[vocabulary].n;
}

/* The entry at @index in the table's order; NULL past its end. */
const SkyWord *
sky_vocabulary_nth (SkyVocabulary vocabulary,
                    guint         index)
{
  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  return index < tables[vocabulary].n ? entry (&tables[vocabulary], index) : NULL;
}

/* The entry whose id is @id; NULL when there is none. The ids the entries hold themselves (as
 * the readers hand them on) are found without comparing text. */
const SkyWord *
sky_vocabulary_lookup (SkyVocabulary  vocabulary,
                       const char    *id)
{
  const Table *table;

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  if (id == NULL)
    return NULL;
  table = &tables[vocabulary];
  for (guint i = 0; i < table->n; i++)
    if (entry (table, i)->id == id)
      return entry (table, i);
  for (guint i = 0; i < table->n; i++)
    if (strcmp (entry (table, i)->id, id) == 0)
      return entry (table, i);
  return NULL;
}

/* The entry stored as @code; NULL when there is none. */
const SkyWord *
sky_vocabulary_lookup_code (SkyVocabulary vocabulary,
                            gint64        code)
{
  const Table *table;

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  table = &tables[vocabulary];
  for (guint i = 0; i < table->n; i++)
    if (entry (table, i)->code == code)
      return entry (table, i);
  return NULL;
}

/* What people read for @id: its title, translated; @id itself when the table does not have it
 * (an operating system or a unit a sheet names freely), "" for none. */
const char *
sky_vocabulary_title (SkyVocabulary  vocabulary,
                      const char    *id)
{
  const SkyWord *word;

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, id);

  word = sky_vocabulary_lookup (vocabulary, id);
  if (word == NULL)
    return id != NULL ? id : "";
  return g_dgettext (GETTEXT_PACKAGE, word->title);
}

/* The titles of @ids (NULL-terminated) for a sentence: "SSD or Hard disk". An id the table
 * lacks (an offer's storage type or operating system may be any identifier) is shown as it
 * is. */
char *
sky_vocabulary_join_titles (SkyVocabulary       vocabulary,
                            const char * const *ids,
                            const char         *separator)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? separator : "",
                            sky_vocabulary_title (vocabulary, ids[i]));
  return g_string_free (text, FALSE);
}

/* The code of @id, or -1 when it is not in the table. */
int
sky_vocabulary_code (SkyVocabulary  vocabulary,
                     const char    *id)
{
  const SkyWord *word = sky_vocabulary_lookup (vocabulary, id);

  return word != NULL ? (int) word->code : -1;
}

/* One more than the largest code in the table: what a key that packs codes must leave room
 * for. */
guint
sky_vocabulary_code_limit (SkyVocabulary vocabulary)
{
  const Table *table;
  guint limit = 0;

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, 0);
  table = &tables[vocabulary];
  for (guint i = 0; i < table->n; i++)
    limit = MAX (limit, entry (table, i)->code + 1);
  return limit;
}

static gboolean
listed (SkyVocabulary  vocabulary,
        const SkyWord *word)
{
  return vocabulary != SKY_VOCABULARY_UNIT || ((const SkyUnit *) word)->priced;
}

/* The ids a message offers, in the table's order: "a, b, c or d". Units are those that are
 * priced. */
char *
sky_vocabulary_describe (SkyVocabulary vocabulary)
{
  const Table *table;
  GString *text = g_string_new (NULL);
  const char *last = NULL;

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  table = &tables[vocabulary];
  for (guint i = 0; i < table->n; i++)
    {
      if (!listed (vocabulary, entry (table, i)))
        continue;
      if (last != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", last);
      last = entry (table, i)->id;
    }
  if (last != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " or " : "", last);
  return g_string_free (text, FALSE);
}

/* Purchase options ----------------------------------------------------------------------- */

const SkyPurchaseOption *
sky_purchase_option_nth (guint index)
{
  return (const SkyPurchaseOption *) sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, index);
}

const SkyPurchaseOption *
sky_purchase_option_lookup (const char *id)
{
  return (const SkyPurchaseOption *) sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, id);
}

/* The purchase option of @purchase_class committed for @months with @upfront paid; NULL when
 * there is none. A reservation found so is a standard one. */
const SkyPurchaseOption *
sky_purchase_option_find (SkyPurchaseClass purchase_class,
                          guint            months,
                          SkyUpfront       upfront)
{
  return sky_purchase_option_find_full (purchase_class, months, upfront, FALSE);
}

/* As sky_purchase_option_find(), for a convertible reservation when @convertible. */
const SkyPurchaseOption *
sky_purchase_option_find_full (SkyPurchaseClass purchase_class,
                               guint            months,
                               SkyUpfront       upfront,
                               gboolean         convertible)
{
  for (guint i = 0; i < G_N_ELEMENTS (purchase_options); i++)
    {
      const SkyPurchaseOption *o = &purchase_options[i];

      if (o->purchase_class == purchase_class && o->months == months &&
          o->upfront == upfront && o->convertible == !!convertible)
        return o;
    }
  return NULL;
}

/* The months @id commits to: 0 for on-demand, spot and ids that are not purchase options. */
guint
sky_term_months (const char *id)
{
  const SkyPurchaseOption *o = sky_purchase_option_lookup (id);

  return o != NULL ? o->months : 0;
}

/* The whole years @purchase_class can commit to, as a message offers them: "1 or 3"; "" when
 * it commits to none. */
char *
sky_purchase_class_years (SkyPurchaseClass purchase_class)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (purchase_options); i++)
    {
      const SkyPurchaseOption *o = &purchase_options[i];
      guint y = o->months / 12;
      gboolean seen = FALSE;

      if (o->purchase_class != purchase_class || o->months == 0 || o->months % 12 != 0)
        continue;
      for (guint k = 0; k < years->len; k++)
        seen |= g_array_index (years, guint, k) == y;
      if (!seen)
        g_array_append_val (years, y);
    }
  for (guint k = 0; k < years->len; k++)
    g_string_append_printf (text, "%s%u",
                            k == 0 ? "" : k + 1 == years->len ? " or " : ", ",
                            g_array_index (years, guint, k));
  return g_string_free (text, FALSE);
}

/* Units ---------------------------------------------------------------------------------- */

const SkyUnit *
sky_unit_nth (guint index)
{
  return (const SkyUnit *) sky_vocabulary_nth (SKY_VOCABULARY_UNIT, index);
}

const SkyUnit *
sky_unit_lookup (const char *id)
{
  return (const SkyUnit *) sky_vocabulary_lookup (SKY_VOCABULARY_UNIT, id);
}

/* @value in @from as so many @to, which must be of the same dimension: @value is multiplied
 * by @from's numerator and @to's denominator, divided once at the end by @from's denominator
 * and @to's numerator, and rounded once, to @scale digits by @rounding. FALSE when the units'
 * dimensions differ or the figure does not fit. */
gboolean
sky_unit_convert (SkyDecimal     value,
                  const SkyUnit *from,
                  const SkyUnit *to,
                  guint          scale,
                  SkyRounding    rounding,
                  SkyDecimal    *out)
{
  SkyDecimal numerator = { 0, 0 }, denominator = { 0, 0 }, product;

  g_return_val_if_fail (from != NULL && to != NULL && out != NULL, FALSE);
  g_return_val_if_fail (scale <= SKY_DECIMAL_MAX_SCALE, FALSE);

  if (from->dimension != to->dimension)
    return FALSE;
  /* Factors are below 2^64: their products fit in the 128 bits of a coefficient. */
  numerator.coef = (__int128) from->numerator * to->denominator;
  denominator.coef = (__int128) from->denominator * to->numerator;
  return sky_decimal_mul (value, numerator, &product) &&
         sky_decimal_div (product, denominator, scale, rounding, out);
}

/* Categories ----------------------------------------------------------------------------- */

/* The unit @category's offers are usually compared by; hour for a category it does not
 * know. */
const char *
sky_category_default_unit (const char *category)
{
  const SkyCategory *c;

  c = (const SkyCategory *) sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY, category);
  return c != NULL ? c->default_unit : "hour";
}

/* Services ------------------------------------------------------------------------------- */

guint
sky_service_count (void)
{
  return G_N_ELEMENTS (services);
}

/* The service at @index in the table's order (by provider); NULL past its end. */
const SkyService *
sky_service_nth (guint index)
{
  return index < G_N_ELEMENTS (services) ? &services[index] : NULL;
}

/* @provider's service @id; NULL when the table has none (as for every provider it does not
 * list). */
const SkyService *
sky_service_lookup (const char *provider,
                    const char *id)
{
  if (provider == NULL || id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (strcmp (services[i].provider, provider) == 0 && strcmp (services[i].word.id, id) == 0)
      return &services[i];
  return NULL;
}

const SkyService *
sky_service_lookup_code (gint64 code)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (services[i].word.code == code)
      return &services[i];
  return NULL;
}

/* Whether @provider's service ids are those of the table only. */
gboolean
sky_service_provider_is_listed (const char *provider)
{
  g_return_val_if_fail (provider != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (strcmp (services[i].provider, provider) == 0)
      return TRUE;
  return FALSE;
}

/* The engine (an id of SKY_VOCABULARY_ENGINE) of an offer of @provider's service @service
 * whose "engine" feature is @feature (NULL when it has none); NULL when it has none or an
 * unknown one. The service table decides for the services it lists: a sheet of Amazon RDS for
 * MySQL cannot offer PostgreSQL. Otherwise the feature, as an id or a title in any case
 * ("postgresql", "PostgreSQL", as the AWS converter writes it). */
const char *
sky_offer_engine (const char *provider,
                  const char *service,
                  const char *feature)
{
  const SkyService *listed_service = sky_service_lookup (provider, service);

  if (listed_service != NULL && listed_service->engine != NULL)
    return listed_service->engine;
  if (feature == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (engines); i++)
    if (g_ascii_strcasecmp (engines[i].id, feature) == 0 ||
        g_ascii_strcasecmp (engines[i].title, feature) == 0)
      return engines[i].id;
  return NULL;
}

/* @provider's service ids, as a message offers them: "a, b or c"; "" for a provider not
 * listed. */
char *
sky_service_describe (const char *provider)
{
  GString *text = g_string_new (NULL);
  const char *last = NULL;

  g_return_val_if_fail (provider != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      if (strcmp (services[i].provider, provider) != 0)
        continue;
      if (last != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", last);
      last = services[i].word.id;
    }
  if (last != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " or " : "", last);
  return g_string_free (text, FALSE);
}

/* Lists of ids --------------------------------------------------------------------------- */

/* Built once each, on first use. */
static const char **id_lists[SKY_N_VOCABULARIES];

static const char * const *
ids (SkyVocabulary vocabulary)
{
  const char **list = g_atomic_pointer_get (&id_lists[vocabulary]);

  if (list == NULL)
    {
      const Table *table = &tables[vocabulary];
      guint n = 0;

      list = g_new0 (const char *, table->n + 1);
      for (guint i = 0; i < table->n; i++)
        if (listed (vocabulary, entry (table, i)))
          list[n++] = entry (table, i)->id;
      if (!g_atomic_pointer_compare_and_exchange (&id_lists[vocabulary], NULL, list))
        {
          g_free (list);
          list = g_atomic_pointer_get (&id_lists[vocabulary]);
        }
    }
  return list;
}

const char * const *
sky_vocabulary_ids (SkyVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  return ids (vocabulary);
}

const char * const *
sky_terms (void)
{
  return ids (SKY_VOCABULARY_PURCHASE_OPTION);
}

const char * const *
sky_units (void)
{
  return ids (SKY_VOCABULARY_UNIT);
}

const char * const *
sky_geographies (void)
{
  return ids (SKY_VOCABULARY_GEOGRAPHY);
}

const char * const *
sky_categories (void)
{
  return ids (SKY_VOCABULARY_CATEGORY);
}

const char * const *
sky_operating_systems (void)
{
  return ids (SKY_VOCABULARY_OPERATING_SYSTEM);
}

gboolean
sky_term_is_known (const char *term)
{
  g_return_val_if_fail (term != NULL, FALSE);
  return sky_purchase_option_lookup (term) != NULL;
}

/* Whether prices and scenario lines may be per @unit. */
gboolean
sky_unit_is_known (const char *unit)
{
  const SkyUnit *u;

  g_return_val_if_fail (unit != NULL, FALSE);
  u = sky_unit_lookup (unit);
  return u != NULL && u->priced;
}
