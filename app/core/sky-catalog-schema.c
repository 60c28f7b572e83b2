/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"

/* The catalog's schema: the migrations that build it, one version after the other, and the
 * checks that a file is a catalog this version can read and bring to its schema. */

/* "SkyT": marks a database file as a Skytally catalog. */
#define CATALOG_APPLICATION_ID 0x536b7954

/* Each entry moves the schema from version i to i + 1, in one transaction with user_version. */
static const char * const migrations[] = {
  "CREATE TABLE provider ("
  "  id   TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE sheet ("
  "  id             INTEGER PRIMARY KEY,"
  "  provider       TEXT NOT NULL REFERENCES provider (id),"
  "  version        TEXT NOT NULL,"
  "  effective_date TEXT NOT NULL,"
  "  currency       TEXT NOT NULL CHECK (length (currency) = 3),"
  "  source         TEXT NOT NULL,"
  "  source_url     TEXT,"
  "  retrieved      TEXT NOT NULL,"
  "  sha256         TEXT NOT NULL,"
  "  file_name      TEXT,"
  "  imported_at    TEXT NOT NULL,"
  "  offer_count    INTEGER NOT NULL DEFAULT 0,"
  "  is_current     INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),"
  "  UNIQUE (provider, version)"
  ");"
  "CREATE TABLE region ("
  "  sheet_id  INTEGER NOT NULL REFERENCES sheet (id) ON DELETE CASCADE,"
  "  code      TEXT NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  geography TEXT NOT NULL,"
  "  PRIMARY KEY (sheet_id, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE service ("
  "  id       INTEGER PRIMARY KEY,"
  "  sheet_id INTEGER NOT NULL REFERENCES sheet (id) ON DELETE CASCADE,"
  "  code     TEXT NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  sla      TEXT,"
  "  UNIQUE (sheet_id, code)"
  ");"
  /* vcpu in thousandths of a vCPU, memory in thousandths of a GiB. features holds
   * "key=value" lines (keys are identifiers; attribute values hold no newline).
   * The tables with a row per offer, price or tier declare no foreign keys: checking them
   * costs a lookup per row on every import, and rows only ever come in through the importer,
   * which takes their keys from the rows it has just written. */
  "CREATE TABLE offer ("
  "  id           INTEGER PRIMARY KEY,"
  "  sheet_id     INTEGER NOT NULL,"
  "  service_id   INTEGER NOT NULL,"
  "  sku          TEXT NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  family       TEXT,"
  "  region       TEXT NOT NULL,"
  "  vcpu         INTEGER CHECK (vcpu >= 0),"
  "  memory       INTEGER CHECK (memory >= 0),"
  "  gpu          INTEGER CHECK (gpu >= 0),"
  "  storage_type TEXT,"
  "  os           TEXT,"
  "  sla          TEXT,"
  "  features     TEXT,"
  "  UNIQUE (sheet_id, sku)"
  ");"
  /* Every price of an offer, in the order the sheet lists them: what an offer's details and a
   * scenario read. Amounts are integers in units of 10^-10 of the sheet's currency; quantities
   * are exact decimal text. */
  "CREATE TABLE offer_price ("
  "  offer_id      INTEGER NOT NULL,"
  "  seq           INTEGER NOT NULL,"
  "  term          TEXT NOT NULL,"
  "  unit          TEXT NOT NULL,"
  "  amount        INTEGER NOT NULL CHECK (amount >= 0),"
  "  upfront_fee   INTEGER CHECK (upfront_fee >= 0),"
  "  free_quantity TEXT,"
  "  tiered        INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (offer_id, seq)"
  ") WITHOUT ROWID;"
  /* The same prices again, stored in the order searches read them: purchase option, geography,
   * category, then price. The columns a search filters on repeat the offer's, so a search walks
   * this one B-tree in price order and stops at its limit. */
  "CREATE TABLE price ("
  "  term          TEXT NOT NULL,"
  "  geography     TEXT NOT NULL,"
  "  category      TEXT NOT NULL,"
  "  amount        INTEGER NOT NULL,"
  "  offer_id      INTEGER NOT NULL,"
  "  seq           INTEGER NOT NULL,"
  "  sheet_id      INTEGER NOT NULL,"
  "  region        TEXT NOT NULL,"
  "  os            TEXT,"
  "  vcpu          INTEGER,"
  "  memory        INTEGER,"
  "  PRIMARY KEY (term, geography, category, amount, offer_id, seq)"
  ") WITHOUT ROWID;"
  "CREATE TABLE tier ("
  "  offer_id  INTEGER NOT NULL,"
  "  price_seq INTEGER NOT NULL,"
  "  seq       INTEGER NOT NULL,"
  "  begin     TEXT NOT NULL,"
  "  end       TEXT,"
  "  amount    INTEGER NOT NULL CHECK (amount >= 0),"
  "  PRIMARY KEY (offer_id, price_seq, seq)"
  ") WITHOUT ROWID;",

  /* The offer table without its unique index on (sheet_id, sku): the index took a random
   * insertion per offer, the slowest part of an import, and nothing reads offers by SKU. The
   * importer refuses a SKU that appears twice in a sheet itself. */
  "CREATE TABLE offer_2 ("
  "  id           INTEGER PRIMARY KEY,"
  "  sheet_id     INTEGER NOT NULL,"
  "  service_id   INTEGER NOT NULL,"
  "  sku          TEXT NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  family       TEXT,"
  "  region       TEXT NOT NULL,"
  "  vcpu         INTEGER CHECK (vcpu >= 0),"
  "  memory       INTEGER CHECK (memory >= 0),"
  "  gpu          INTEGER CHECK (gpu >= 0),"
  "  storage_type TEXT,"
  "  os           TEXT,"
  "  sla          TEXT,"
  "  features     TEXT"
  ");"
  "INSERT INTO offer_2 SELECT id, sheet_id, service_id, sku, name, family, region, vcpu, memory,"
  "  gpu, storage_type, os, sla, features FROM offer;"
  "DROP TABLE offer;"
  "ALTER TABLE offer_2 RENAME TO offer;",

  /* The price table's purchase option, geography and category as integers: their codes in the
   * vocabulary (sky-vocabulary.c), which were their positions in the lists of the time. The
   * key is some 20 bytes shorter and compares as numbers. */
  "CREATE TABLE price_3 ("
  "  term          INTEGER NOT NULL,"
  "  geography     INTEGER NOT NULL,"
  "  category      INTEGER NOT NULL,"
  "  amount        INTEGER NOT NULL,"
  "  offer_id      INTEGER NOT NULL,"
  "  seq           INTEGER NOT NULL,"
  "  sheet_id      INTEGER NOT NULL,"
  "  region        TEXT NOT NULL,"
  "  os            TEXT,"
  "  vcpu          INTEGER,"
  "  memory        INTEGER,"
  "  PRIMARY KEY (term, geography, category, amount, offer_id, seq)"
  ") WITHOUT ROWID;"
  "INSERT INTO price_3 SELECT"
  "  CASE term WHEN 'on-demand' THEN 0 WHEN 'spot' THEN 1"
  "    WHEN 'reserved-1y-no-upfront' THEN 2 WHEN 'reserved-1y-partial-upfront' THEN 3"
  "    WHEN 'reserved-1y-all-upfront' THEN 4 WHEN 'reserved-3y-no-upfront' THEN 5"
  "    WHEN 'reserved-3y-partial-upfront' THEN 6 WHEN 'reserved-3y-all-upfront' THEN 7"
  "    WHEN 'savings-plan-1y-no-upfront' THEN 8 WHEN 'savings-plan-1y-partial-upfront' THEN 9"
  "    WHEN 'savings-plan-1y-all-upfront' THEN 10 WHEN 'savings-plan-3y-no-upfront' THEN 11"
  "    WHEN 'savings-plan-3y-partial-upfront' THEN 12 WHEN 'savings-plan-3y-all-upfront' THEN 13"
  "  END,"
  "  CASE geography WHEN 'US' THEN 0 WHEN 'CA' THEN 1 WHEN 'SA' THEN 2 WHEN 'EU' THEN 3"
  "    WHEN 'ME' THEN 4 WHEN 'AF' THEN 5 WHEN 'APAC' THEN 6 WHEN 'GLOBAL' THEN 7 END,"
  "  CASE category WHEN 'compute' THEN 0 WHEN 'storage' THEN 1 WHEN 'database' THEN 2"
  "    WHEN 'network' THEN 3 WHEN 'serverless' THEN 4 WHEN 'containers' THEN 5"
  "    WHEN 'analytics' THEN 6 WHEN 'ai' THEN 7 WHEN 'other' THEN 8 END,"
  "  amount, offer_id, seq, sheet_id, region, os, vcpu, memory FROM price;"
  "DROP TABLE price;"
  "ALTER TABLE price_3 RENAME TO price;",

  /* An offer's prices move into the offer's row (see _sky_catalog_append_price()), and the price
   * table gains the unit, as its code in the vocabulary; the tables with a row per price and
   * per tier go once move_prices_into_offers() has filled the new column. An import writes a
   * row less per price, and an offer's details are one row. */
  "ALTER TABLE offer ADD COLUMN prices TEXT;"
  "CREATE TABLE price_4 ("
  "  term          INTEGER NOT NULL,"
  "  geography     INTEGER NOT NULL,"
  "  category      INTEGER NOT NULL,"
  "  amount        INTEGER NOT NULL,"
  "  offer_id      INTEGER NOT NULL,"
  "  seq           INTEGER NOT NULL,"
  "  sheet_id      INTEGER NOT NULL,"
  "  region        TEXT NOT NULL,"
  "  os            TEXT,"
  "  vcpu          INTEGER,"
  "  memory        INTEGER,"
  "  unit          INTEGER NOT NULL,"
  "  PRIMARY KEY (term, geography, category, amount, offer_id, seq)"
  ") WITHOUT ROWID;"
  /* Read and written in the key's order, the new table is only ever appended to. */
  "INSERT INTO price_4 SELECT p.term, p.geography, p.category, p.amount, p.offer_id, p.seq,"
  "  p.sheet_id, p.region, p.os, p.vcpu, p.memory,"
  "  CASE op.unit WHEN 'hour' THEN 0 WHEN 'second' THEN 1 WHEN 'month' THEN 2 WHEN 'gb' THEN 3"
  "    WHEN 'gb-month' THEN 4 WHEN 'gb-second' THEN 5 WHEN 'gib-hour' THEN 6"
  "    WHEN 'vcpu-hour' THEN 7 WHEN 'request' THEN 8 WHEN '1k-requests' THEN 9"
  "    WHEN '10k-requests' THEN 10 WHEN 'million-requests' THEN 11 WHEN 'iops-month' THEN 12"
  "    WHEN 'mibps-month' THEN 13 END"
  "  FROM price p JOIN offer_price op ON op.offer_id = p.offer_id AND op.seq = p.seq"
  "  ORDER BY p.term, p.geography, p.category, p.amount, p.offer_id, p.seq;"
  "DROP TABLE price;"
  "ALTER TABLE price_4 RENAME TO price;",

  /* Region, family, storage type, operating system and SLA, which most offers share with many
   * others, as numbers: the ids of their text in the word table, which holds each such text
   * once for the whole catalog. Offers are stored in offer_row, and read through the view
   * offer, which shows them as text. A price row is some 16 bytes shorter and an offer's some
   * 40, so an import writes and moves fewer pages, and a search by region compares numbers. */
  "CREATE TABLE word ("
  "  id   INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL UNIQUE"
  ");"
  "INSERT INTO word (text) SELECT w FROM (SELECT region AS w FROM offer"
  "  UNION SELECT family FROM offer UNION SELECT storage_type FROM offer"
  "  UNION SELECT os FROM offer UNION SELECT sla FROM offer) WHERE w IS NOT NULL;"
  "CREATE TABLE offer_row ("
  "  id           INTEGER PRIMARY KEY,"
  "  sheet_id     INTEGER NOT NULL,"
  "  service_id   INTEGER NOT NULL,"
  "  sku          TEXT NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  family       INTEGER,"
  "  region       INTEGER NOT NULL,"
  "  vcpu         INTEGER CHECK (vcpu >= 0),"
  "  memory       INTEGER CHECK (memory >= 0),"
  "  gpu          INTEGER CHECK (gpu >= 0),"
  "  storage_type INTEGER,"
  "  os           INTEGER,"
  "  sla          INTEGER,"
  "  features     TEXT,"
  "  prices       TEXT"
  ");"
  "INSERT INTO offer_row SELECT o.id, o.sheet_id, o.service_id, o.sku, o.name,"
  "  (SELECT id FROM word WHERE text = o.family), (SELECT id FROM word WHERE text = o.region),"
  "  o.vcpu, o.memory, o.gpu, (SELECT id FROM word WHERE text = o.storage_type),"
  "  (SELECT id FROM word WHERE text = o.os), (SELECT id FROM word WHERE text = o.sla),"
  "  o.features, o.prices FROM offer o ORDER BY o.id;"
  "DROP TABLE offer;"
  "CREATE VIEW offer AS SELECT r.id, r.sheet_id, r.service_id, r.sku, r.name,"
  "  (SELECT w.text FROM word w WHERE w.id = r.family) AS family,"
  "  (SELECT w.text FROM word w WHERE w.id = r.region) AS region,"
  "  r.vcpu, r.memory, r.gpu,"
  "  (SELECT w.text FROM word w WHERE w.id = r.storage_type) AS storage_type,"
  "  (SELECT w.text FROM word w WHERE w.id = r.os) AS os,"
  "  (SELECT w.text FROM word w WHERE w.id = r.sla) AS sla,"
  "  r.features, r.prices FROM offer_row r;"
  /* The price table's key in three numbers rather than six: bucket is the purchase option,
   * geography and category as term * 1024 + geography * 32 + category (PRICE_BUCKET()), and
   * offer_seq the offer and the price's place in it as offer_id * 1024 + seq
   * (PRICE_OFFER_SEQ()). Both keep the order of what they hold; SQLite compares half as many
   * values on each of the import's B-tree insertions. Every column holds an integer, and all
   * but os, vcpu and memory always one; they declare neither, as the importer, their only
   * writer, binds integers, and SQLite would otherwise check and convert each value of each
   * row. */
  "CREATE TABLE price_5 ("
  "  bucket,"
  "  amount,"
  "  offer_seq,"
  "  sheet_id,"
  "  region,"
  "  os,"
  "  vcpu,"
  "  memory,"
  "  unit,"
  "  PRIMARY KEY (bucket, amount, offer_seq)"
  ") WITHOUT ROWID;"
  "INSERT INTO price_5 SELECT p.term * 1024 + p.geography * 32 + p.category, p.amount,"
  "  p.offer_id * 1024 + p.seq, p.sheet_id, (SELECT id FROM word WHERE text = p.region),"
  "  (SELECT id FROM word WHERE text = p.os), p.vcpu, p.memory, p.unit"
  "  FROM price p"
  "  ORDER BY p.term, p.geography, p.category, p.amount, p.offer_id, p.seq;"
  "DROP TABLE price;"
  "ALTER TABLE price_5 RENAME TO price;",
  /* What the catalog remembers of itself, as text keyed by name. "bundled-sheets" is "loaded"
   * once the bundled price sheets are all in, "declined" when the user did not want them (or
   * removed one); without it, the next start loads them. A catalog of an earlier version that
   * holds sheets had its bundled sheets loaded, or its user declined them: it keeps what it
   * has. */
  "CREATE TABLE setting ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO setting (key, value) SELECT 'bundled-sheets', 'loaded' "
  "  WHERE EXISTS (SELECT 1 FROM sheet);",
  /* A sheet is current from its effective date on, which depends on the day: which sheet is
   * current is worked out when asked (SKY_CURRENT_SHEETS_SQL), not kept. */
  "ALTER TABLE sheet DROP COLUMN is_current;",
  /* The provider's name for narrow places, from the sheet imported last; NULL (the name is
   * shown) until a sheet that gives one is imported. */
  "ALTER TABLE provider ADD COLUMN short_name TEXT;",
  /* A sheet's usage discounts: the bands of each, as "FROM:TO:PERCENT" separated by commas
   * (sky_sheet_bands_to_string()); a price names one by its code (see the prices' text).
   * Schema 9 also marks the catalogs whose prices' text may hold a monthly cap, a usage
   * discount or a price's own effective date (see sky-catalog-codec.c), so that an earlier
   * Skytally says it is too old rather than that the prices are unreadable. */
  "CREATE TABLE usage_discount ("
  "  sheet_id INTEGER NOT NULL REFERENCES sheet (id) ON DELETE CASCADE,"
  "  code     TEXT NOT NULL,"
  "  bands    TEXT NOT NULL,"
  "  PRIMARY KEY (sheet_id, code)"
  ") WITHOUT ROWID;",
  /* The attributes that tell an offer's rows apart: its processor architecture, tenancy,
   * licence and capacity status as codes in the vocabulary (architecture NULL when the sheet
   * does not say), its pre-installed software as a word id (NULL for none). The price table
   * repeats the architecture and, as its variant (PRICE_VARIANT()), the rest, so that a search
   * or a match filters on them without a join; 0 is the default row. Every row stored before
   * is a default row of no stated architecture: the columns' defaults, so that no row is
   * rewritten. The view shows the new columns too. */
  "ALTER TABLE offer_row ADD COLUMN architecture INTEGER;"
  "ALTER TABLE offer_row ADD COLUMN tenancy INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE offer_row ADD COLUMN licence INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE offer_row ADD COLUMN software INTEGER;"
  "ALTER TABLE offer_row ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE price ADD COLUMN variant DEFAULT 0;"
  "ALTER TABLE price ADD COLUMN arch;"
  "DROP VIEW offer;"
  "CREATE VIEW offer AS SELECT r.id, r.sheet_id, r.service_id, r.sku, r.name,"
  "  (SELECT w.text FROM word w WHERE w.id = r.family) AS family,"
  "  (SELECT w.text FROM word w WHERE w.id = r.region) AS region,"
  "  r.vcpu, r.memory, r.gpu,"
  "  (SELECT w.text FROM word w WHERE w.id = r.storage_type) AS storage_type,"
  "  (SELECT w.text FROM word w WHERE w.id = r.os) AS os,"
  "  (SELECT w.text FROM word w WHERE w.id = r.sla) AS sla,"
  "  r.features, r.prices, r.architecture, r.tenancy, r.licence,"
  "  (SELECT w.text FROM word w WHERE w.id = r.software) AS software,"
  "  r.capacity FROM offer_row r;",
  /* Which sheet is current is decided per provider and service (SKY_CURRENT_SERVICES_SQL): each
   * price row names its offer's service (the service table's id), so that a search keeps the
   * prices of the current services by an integer of the row, as it kept those of the current
   * sheets. Filled from the offers once; the importer writes it from then on. */
  "ALTER TABLE price ADD COLUMN service_id;"
  "UPDATE price SET service_id = (SELECT o.service_id FROM offer_row o "
  "  WHERE o.id = price.offer_seq >> 10);"
  "CREATE INDEX service_by_code ON service (code, sheet_id);",
  /* What a search reads to stop at its limit in the orders the price key does not give, and
   * to find the prices of a few offers: the prices by offer, by unit, bucket and price (a
   * search by unit price reads one unit after the other, each in price order within each
   * bucket as the price key does), and the offers by name.
   * The text index of names and SKUs follows (_sky_catalog_build_text_index()), when this
   * SQLite has FTS5 with the trigram tokenizer. */
  "CREATE INDEX price_by_offer ON price (offer_seq);"
  "CREATE INDEX price_by_unit ON price (unit, bucket, amount, offer_seq);"
  "CREATE INDEX offer_by_name ON offer_row (name COLLATE NOCASE);",
  /* The text index without its table of each offer's count of trigrams (FTS5's columnsize=0),
   * which only ranking reads: an import writes a row less per offer, and the catalog is some 4%
   * smaller. Built again by _sky_catalog_rebuild_text_index_unsized(), as no SQL alone drops a
   * table that an SQLite without FTS5 cannot read. */
  "",
  /* What a search reads to stop at its limit when it sorts by, or keeps only some values of, a
   * column the price key does not start with: for each such column, its prices by the
   * column's value, then as the index of prices by unit has them. A value's prices are so read
   * in price order, a bucket after the other, however rare the value or wherever its prices
   * lie in the price order. A size, operating system or architecture is missing from many
   * prices, which a search finds by the other indexes: their indexes leave those out. Prices
   * by service serve the sorts by service and by provider. */
  "CREATE INDEX price_by_vcpu ON price (vcpu, unit, bucket, amount, offer_seq) "
  "  WHERE vcpu IS NOT NULL;"
  "CREATE INDEX price_by_memory ON price (memory, unit, bucket, amount, offer_seq) "
  "  WHERE memory IS NOT NULL;"
  "CREATE INDEX price_by_os ON price (os, unit, bucket, amount, offer_seq) "
  "  WHERE os IS NOT NULL;"
  "CREATE INDEX price_by_arch ON price (arch, unit, bucket, amount, offer_seq) "
  "  WHERE arch IS NOT NULL;"
  "CREATE INDEX price_by_region ON price (region, unit, bucket, amount, offer_seq);"
  "CREATE INDEX price_by_service ON price (service_id, unit, bucket, amount, offer_seq);",
  /* What a search sorted by the hourly price per vCPU or per GiB of memory reads to stop at its
   * limit: the hourly prices of each bucket in the order of that quotient, then of price. The
   * quotient is the very expression the search sorts by (a double, from the integer amount and
   * size), so the index holds the order the search gives, ties included. Prices without the
   * size, or of another unit, are left out: the search reads them by the price key, after. */
  "CREATE INDEX price_by_per_vcpu ON price (bucket, (CAST (amount AS REAL) / vcpu), amount, "
  "  offer_seq) WHERE vcpu > 0 AND unit = " G_STRINGIFY (HOUR_CODE) ";"
  "CREATE INDEX price_by_per_gib ON price (bucket, (CAST (amount AS REAL) / memory), amount, "
  "  offer_seq) WHERE memory > 0 AND unit = " G_STRINGIFY (HOUR_CODE) ";",
  /* The values the prices hold in each column a search names value by value (the buckets,
   * units, sizes, architectures, regions and services), which a search would otherwise learn
   * by a look-up in an index per value: written from the prices by the migration's step, and
   * anew in every transaction that changes the prices (see sky-catalog-values.c). */
  "CREATE TABLE price_value ("
  "  name  TEXT NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  PRIMARY KEY (name, value)"
  ") WITHOUT ROWID;",
  /* The indexes of prices by a column with each price's variant last, after the price's key:
   * every search of the window keeps the default rows only (p.variant = 0), which a walk
   * through an index then checks, with the offers a text found, from the index's entries
   * alone, rather than reading every price's row as it passes. A byte more per entry; the
   * order of the entries is the same. */
  "DROP INDEX price_by_unit;"
  "DROP INDEX price_by_vcpu;"
  "DROP INDEX price_by_memory;"
  "DROP INDEX price_by_os;"
  "DROP INDEX price_by_arch;"
  "DROP INDEX price_by_region;"
  "DROP INDEX price_by_service;"
  "DROP INDEX price_by_per_vcpu;"
  "DROP INDEX price_by_per_gib;"
  "CREATE INDEX price_by_unit ON price (unit, bucket, amount, offer_seq, variant);"
  "CREATE INDEX price_by_vcpu ON price (vcpu, unit, bucket, amount, offer_seq, variant) "
  "  WHERE vcpu IS NOT NULL;"
  "CREATE INDEX price_by_memory ON price (memory, unit, bucket, amount, offer_seq, variant) "
  "  WHERE memory IS NOT NULL;"
  "CREATE INDEX price_by_os ON price (os, unit, bucket, amount, offer_seq, variant) "
  "  WHERE os IS NOT NULL;"
  "CREATE INDEX price_by_arch ON price (arch, unit, bucket, amount, offer_seq, variant) "
  "  WHERE arch IS NOT NULL;"
  "CREATE INDEX price_by_region ON price (region, unit, bucket, amount, offer_seq, variant);"
  "CREATE INDEX price_by_service ON price (service_id, unit, bucket, amount, offer_seq, "
  "  variant);"
  "CREATE INDEX price_by_per_vcpu ON price (bucket, (CAST (amount AS REAL) / vcpu), amount, "
  "  offer_seq, variant) WHERE vcpu > 0 AND unit = " G_STRINGIFY (HOUR_CODE) ";"
  "CREATE INDEX price_by_per_gib ON price (bucket, (CAST (amount AS REAL) / memory), amount, "
  "  offer_seq, variant) WHERE memory > 0 AND unit = " G_STRINGIFY (HOUR_CODE) ";",
  /* Without the indexes of hourly prices per vCPU and per GiB: a search in those orders reads
   * each size's prices through the index of prices by the size, where they are in the order of
   * the quotient, and merges the sizes. Every price went into the two indexes in no order
   * within its bucket, the costliest of an import's B-trees. */
  "DROP INDEX price_by_per_vcpu;"
  "DROP INDEX price_by_per_gib;",
  /* The index of prices by offer with, after the offer, every column a search of the window
   * checks or sorts by (the default row's variant, the unit, region, service, sizes and
   * architecture): a search that sorts every price of the offers its text found reads them
   * from the index's entries alone, and reads the rows of the page's prices only, rather than
   * the row of every price of those offers (a text of 34,000 offers of a million: some 110 ms
   * before, 30 ms after). */
  "DROP INDEX price_by_offer;"
  "CREATE INDEX price_by_offer ON price (offer_seq, variant, unit, region, service_id, vcpu, "
  "  memory, arch);",
  /* Which services, operating systems and sizes the offers (and so their prices) hold
   * together: a row for each (service, OS, vCPU count, memory) some offers have, NULL where
   * they have none, with how many and the least and greatest of their names. A search of a
   * least size or an OS sorted by a size or a service leaves out the parts of the values none
   * of its prices holds, rather than reading each whole for none, and reads a service's part
   * through the index with the fewest; a search by name starts at the first name its offers
   * may have. Written from the offers by the migration's step, and anew in every transaction
   * that changes the prices (see sky-catalog-values.c). */
  "CREATE TABLE price_meet ("
  "  service_id    INTEGER,"
  "  os            INTEGER,"
  "  vcpu          INTEGER,"
  "  memory        INTEGER,"
  "  offers        INTEGER NOT NULL,"
  "  least_name    TEXT,"
  "  greatest_name TEXT"
  ");",
  /* The offers' names, each once for each service, size and architecture of its offers (-1
   * for none), in the order of a search by name: a search of a text only services' names
   * hold reads, by name, the names' index from the first name of those services' offers to
   * the last, rather than from the first name of the catalog (at 1,000,000 offers some 430 ms
   * before), and by a size or architecture only the values their offers have. A price has its
   * offer's sizes and architecture. */
  "CREATE TABLE offer_name ("
  "  name       TEXT NOT NULL COLLATE NOCASE,"
  "  service_id INTEGER NOT NULL,"
  "  vcpu       INTEGER NOT NULL,"
  "  memory     INTEGER NOT NULL,"
  "  arch       INTEGER NOT NULL,"
  "  PRIMARY KEY (name, service_id, vcpu, memory, arch)) WITHOUT ROWID;"
  "INSERT OR IGNORE INTO offer_name (name, service_id, vcpu, memory, arch) "
  "  SELECT DISTINCT name, service_id, ifnull (vcpu, -1), ifnull (memory, -1), "
  "    ifnull (architecture, -1) FROM offer_row;",
  /* The prices of each operating system by vCPU count, then as price_by_unit orders them: a
   * search of an OS and a least vCPU count reads its OS's runs of each of its sizes, unit and
   * bucket in price order, rather than the OS's or the size's, of which some one in seven
   * prices is of both, and those of the large sizes last (at 1,000,000 offers, Windows with at
   * least 64 vCPUs by memory: some 110 ms). A price of an OS without a vCPU count is not in it. */
  "CREATE INDEX price_by_os_vcpu ON price (os, vcpu, unit, bucket, amount, offer_seq, variant) "
  "  WHERE os IS NOT NULL AND vcpu IS NOT NULL;",
  /* How many offers each row of the table of names stands for: a text some names hold is
   * then in those names' offers alone when one of its trigrams is in no more offers than
   * that, which the text index says from that trigram's offers alone (some 4 ms for 86,000
   * offers of a million, rather than 15 for all the text's trigrams, or 10 to list the
   * offers of those names from the names' index). */
  "ALTER TABLE offer_name ADD COLUMN offers INTEGER NOT NULL DEFAULT 0;"
  "DELETE FROM offer_name;"
  "INSERT INTO offer_name (name, service_id, vcpu, memory, arch, offers) "
  "  SELECT name, service_id, ifnull (vcpu, -1), ifnull (memory, -1), "
  "    ifnull (architecture, -1), count (*) FROM offer_row "
  "  GROUP BY name COLLATE NOCASE, service_id, ifnull (vcpu, -1), ifnull (memory, -1), "
  "    ifnull (architecture, -1);",
  /* The offers of each region in the order of their names, with their OS: a search of a region
   * by name walks its offers alone from the first name, each checked against the search's OS in
   * the index, and reads the prices of those it keeps only, rather than those of every offer
   * of each name, in every region (at 1,000,000 offers, Windows in eu-central-1 by name: 4,213
   * offers, some 240 passed for each listed, 24-61 ms before, 2.6 after; eu-central-1 alone
   * 12 ms before, 2.2 after). An index of offers: one entry for an offer, not for each price. */
  "CREATE INDEX offer_by_region_name ON offer_row (region, name COLLATE NOCASE, os);",
  /* The prices of each operating system by memory, then as price_by_unit orders them, as
   * price_by_os_vcpu by vCPU count: a search of an OS by the hourly price per GiB reads each
   * memory size's runs of that OS alone, rather than the size's, whose dearest prices may be
   * another OS's (at 1,000,000 offers, Linux by price per GiB, largest first: of the prices of
   * 0.5 GiB above the page's last quotient, 91 of 5,947 are Linux; 19-21 ms before, 8.5
   * after). A price of an OS without a memory size is not in it. */
  "CREATE INDEX price_by_os_memory ON price (os, memory, unit, bucket, amount, offer_seq, "
  "  variant) WHERE os IS NOT NULL AND memory IS NOT NULL;",
  /* The kind of each offer, its service and OS (-1 for none), which its prices have too: a
   * kind per pair some offers have, and the offers' kinds packed by id, 8,000 offers a row
   * (OFFER_KIND_CHUNK), two bytes each (the kind's id, little-endian; 0 for an id no offer
   * has, or not recorded). A search that found many offers of its text learns which services
   * and operating systems they have from the bits of their ids alone (some 1 ms for 124,000
   * offers of a million), rather than a look-up of each offer (1.6 µs) or a read of every price
   * of a service, and walks those alone. Written by the migration's step and each import
   * (_sky_catalog_write_offer_kinds()); a removed sheet's kinds go with its services. */
  "CREATE TABLE kind ("
  "  id         INTEGER PRIMARY KEY,"
  "  service_id INTEGER NOT NULL,"
  "  os         INTEGER NOT NULL,"
  "  UNIQUE (service_id, os));"
  "CREATE TABLE offer_kind ("
  "  chunk INTEGER PRIMARY KEY,"
  "  kinds BLOB NOT NULL);",
  /* A kind is its offers' region too (a word id), which their prices have: a search by region
   * that found many offers of its text learns which regions hold them from the record (some
   * 1.5 ms for 200,000 offers of 3,000,000), rather than by reading every offer of each region
   * that holds some through offer_by_region_name (16 ms for two regions' 200,000 offers) to
   * know that no other does. Written anew by the migration's step. */
  "DROP TABLE kind;"
  "DELETE FROM offer_kind;"
  "CREATE TABLE kind ("
  "  id         INTEGER PRIMARY KEY,"
  "  service_id INTEGER NOT NULL,"
  "  os         INTEGER NOT NULL,"
  "  region     INTEGER NOT NULL,"
  "  UNIQUE (service_id, os, region));"
  /* The units of the prices of each row's offers, a bit each (SKY_UNIT_BIT(); -1: every
   * unit): a walk of a name's offers reads the runs of their units alone, rather than every
   * unit of their services (at 3,000,000 offers, "hdd-standard" by name read the 90,000
   * provisioned disks' IOPS prices of its service, cheaper than every price per GB, for none).
   * Written by the migration's step, and by each import as it counts its offers. */
  "ALTER TABLE offer_name ADD COLUMN units INTEGER NOT NULL DEFAULT -1;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SKY_CATALOG_SCHEMA_VERSION);

/* Writes every offer's prices into its row from the tables of schema 3 (see migrations[3]). */
static gboolean
move_prices_into_offers (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) prices = NULL;
  g_autoptr(sqlite3_stmt) tiers = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  gint64 offer = -1;
  gboolean ok = FALSE;
  int rc, term, unit;

  if (sqlite3_prepare_v2 (db, "SELECT offer_id, seq, term, unit, amount, upfront_fee, "
                              "free_quantity, tiered FROM offer_price ORDER BY offer_id, seq",
                          -1, &prices, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT begin, end, amount FROM tier "
                              "WHERE offer_id = ?1 AND price_seq = ?2 ORDER BY seq",
                          -1, &tiers, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE offer SET prices = ?2 WHERE id = ?1",
                          -1, &update, NULL) != SQLITE_OK)
    goto out;

  for (;;)
    {
      rc = sqlite3_step (prices);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto out;
      if (offer >= 0 && (rc == SQLITE_DONE || sqlite3_column_int64 (prices, 0) != offer))
        {
          sqlite3_bind_int64 (update, 1, offer);
          sqlite3_bind_text (update, 2, text->str, text->len, SQLITE_STATIC);
          if (sqlite3_step (update) != SQLITE_DONE)
            goto out;
          sqlite3_reset (update);
          g_string_truncate (text, 0);
        }
      if (rc == SQLITE_DONE)
        break;

      offer = sqlite3_column_int64 (prices, 0);
      term = sky_vocabulary_code (SKY_VOCABULARY_PURCHASE_OPTION,
                                  (const char *) sqlite3_column_text (prices, 2));
      unit = sky_vocabulary_code (SKY_VOCABULARY_UNIT,
                                  (const char *) sqlite3_column_text (prices, 3));
      if (term < 0 || unit < 0)
        {
          g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT,
                       _("Cannot convert the catalog: offer %lld has a price of an unknown "
                         "purchase option or unit"), (long long) offer);
          goto out;
        }
      _sky_catalog_append_price (text, text->len == 0, term, unit,
                                 sqlite3_column_int64 (prices, 4),
                                 sqlite3_column_type (prices, 5) != SQLITE_NULL,
                                 sqlite3_column_int64 (prices, 5),
                                 (const char *) sqlite3_column_text (prices, 6));
      if (sqlite3_column_int (prices, 7) == 0)
        _sky_catalog_append_no_tiers (text);
      else
        {
          gboolean first = TRUE;

          sqlite3_bind_int64 (tiers, 1, offer);
          sqlite3_bind_int64 (tiers, 2, sqlite3_column_int64 (prices, 1));
          while ((rc = sqlite3_step (tiers)) == SQLITE_ROW)
            {
              _sky_catalog_append_tier (text, first, (const char *) sqlite3_column_text (tiers, 0),
                                        (const char *) sqlite3_column_text (tiers, 1),
                                        sqlite3_column_int64 (tiers, 2));
              first = FALSE;
            }
          sqlite3_reset (tiers);
          if (rc != SQLITE_DONE)
            goto out;
          if (first)
            _sky_catalog_append_no_tiers (text);
        }
    }
  ok = _sky_catalog_exec (db, "DROP TABLE offer_price; DROP TABLE tier;", error);

out:
  if (!ok && (error == NULL || *error == NULL))
    _sky_catalog_db_error (db, error, _("Cannot convert the catalog"));
  return ok;
}

/* Writes the values the prices hold (see migrations[15]). */
static gboolean
write_price_values (sqlite3  *db,
                    GError  **error)
{
  return _sky_catalog_write_kept_values (db, _("Cannot convert the catalog"), error);
}

/* Writes which values the prices hold together (see migrations[19]). */
static gboolean
write_price_meets (sqlite3  *db,
                   GError  **error)
{
  return _sky_catalog_write_meets (db, _("Cannot convert the catalog"), error);
}

/* Writes the kind of every offer, and the units of each row of the table of names (see
 * migrations[26]). */
static gboolean
write_offer_kinds (sqlite3  *db,
                   GError  **error)
{
  return _sky_catalog_write_offer_kinds (db, 0, error) &&
         _sky_catalog_write_name_units (db, _("Cannot convert the catalog"), error);
}

/* What a migration does after its SQL, where SQL alone will not do. */
typedef gboolean (*MigrationStep) (sqlite3  *db,
                                   GError  **error);

static const MigrationStep migration_steps[G_N_ELEMENTS (migrations)] = {
  [3] = move_prices_into_offers,
  [11] = _sky_catalog_build_text_index,
  [12] = _sky_catalog_rebuild_text_index_unsized,
  [15] = write_price_values,
  [19] = write_price_meets,
  [26] = write_offer_kinds,
};

/* The catalog's schema version and the application id that marks it as Skytally's. */
static gboolean
read_version (sqlite3  *db,
              gint64   *version,
              gint64   *app_id,
              GError  **error)
{
  return _sky_catalog_query_int (db, "PRAGMA user_version", version, error) &&
         _sky_catalog_query_int (db, "PRAGMA application_id", app_id, error);
}

/* Reads the catalog's schema version and application id, and refuses a database that is not
 * a catalog this version can bring to its schema: another application's, one of a newer
 * Skytally, or one whose version no migration starts from (negative, or claimed by a database
 * without tables). Nothing is written. */
gboolean
_sky_catalog_check_readable (SkyCatalog  *self,
                             gint64      *version,
                             GError     **error)
{
  gint64 app_id = 0, objects = 0;

  if (!read_version (self->db, version, &app_id, error) ||
      !_sky_catalog_query_int (self->db, "SELECT count(*) FROM sqlite_schema", &objects, error))
    return FALSE;

  /* A database with tables, or one another application has marked as its own. */
  if ((objects > 0 || app_id != 0) && app_id != CATALOG_APPLICATION_ID)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG,
                   _("%s is a database, but not a Skytally catalog"), self->path);
      return FALSE;
    }
  if (*version > SKY_CATALOG_SCHEMA_VERSION)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Skytally (catalog version %lld; "
                     "this one reads up to %d). Update Skytally to use it"),
                   self->path, (long long) *version, SKY_CATALOG_SCHEMA_VERSION);
      return FALSE;
    }
  /* Version 0 is a new, empty file; any other version is a schema with tables. */
  if (*version < 0 || (*version == 0) != (objects == 0))
    {
      if (objects == 0)
        g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG,
                     _("%s is not a catalog this version of Skytally can read (catalog version "
                       "%lld, with no tables)"), self->path, (long long) *version);
      else
        g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_NOT_A_CATALOG,
                     _("%s is not a catalog this version of Skytally can read (catalog version "
                       "%lld)"), self->path, (long long) *version);
      return FALSE;
    }
  return TRUE;
}

/* Brings the catalog to the current schema, all or nothing; @cancellable stops it, leaving the
 * file as it was. @converted says whether a catalog of an earlier schema was converted. */
gboolean
_sky_catalog_migrate (SkyCatalog    *self,
                      GCancellable  *cancellable,
                      gboolean      *converted,
                      GError       **error)
{
  gint64 version = 0, app_id = 0;

  /* A current catalog needs no write lock: opening it does not wait for an import that another
   * process is writing. */
  if (read_version (self->db, &version, &app_id, NULL) &&
      version == SKY_CATALOG_SCHEMA_VERSION && app_id == CATALOG_APPLICATION_ID)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_sky_catalog_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Checked again under the lock: another process may have converted the catalog meanwhile. */
  if (!_sky_catalog_check_readable (self, &version, error))
    goto fail;

  *converted = version > 0 && version < SKY_CATALOG_SCHEMA_VERSION;
  _sky_catalog_watch_cancellable (self->db, cancellable);
  for (; version < SKY_CATALOG_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_sky_catalog_exec (self->db, migrations[version], error) ||
          (migration_steps[version] != NULL && !migration_steps[version] (self->db, error)))
        goto fail;
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT "; "
                                     "PRAGMA application_id = %d;",
                                     version + 1, CATALOG_APPLICATION_ID);
      if (!_sky_catalog_exec (self->db, set_version, error))
        goto fail;
    }
  _sky_catalog_watch_cancellable (self->db, NULL);

  self->wrote = TRUE;
  return _sky_catalog_exec (self->db, "COMMIT", error);

fail:
  _sky_catalog_watch_cancellable (self->db, NULL);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return FALSE;
}
