/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog-match"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-match.h"
#include "sky-sheet-reader.h"
#include "sky-vocabulary.h"

/* Finding the offer a scenario's line is priced with, among one provider's services: each in
 * its current sheet, or in the version the scenario was priced against. */

/* The version of @provider's newest current sheet (the latest effective date not after today,
 * the last imported on a tie), which is current for every service it lists; NULL (and no
 * error) when it has none. Other sheets may be current for services this one does not list. */
char *
sky_catalog_current_version (SkyCatalog  *self,
                             const char  *provider,
                             GError     **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = _sky_catalog_locker_new (self, &db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *version = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT version FROM sheet "
                              "WHERE provider = ?1 AND id IN (" SKY_CURRENT_SHEETS_SQL ") "
                              "ORDER BY effective_date DESC, id DESC LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
  return version;
}

/* The name of @provider as its sheets give it, for a message; NULL (and no error) when the
 * catalog has no sheet of it. */
char *
sky_catalog_provider_name (SkyCatalog  *self,
                           const char  *provider,
                           GError     **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *name = NULL;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  locker = _sky_catalog_locker_new (self, &db);
  if (sqlite3_prepare_v2 (db, "SELECT name FROM provider WHERE id = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, "Cannot read the providers");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = _sky_catalog_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sky_catalog_db_error (db, error, "Cannot read the providers");
  return name;
}

/* The version of the sheet current for @service of @provider, or NULL (and no error) when none
 * is. */
char *
sky_catalog_current_service_version (SkyCatalog  *self,
                                     const char  *provider,
                                     const char  *service,
                                     GError     **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *version = NULL;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (provider != NULL && service != NULL, NULL);

  locker = _sky_catalog_locker_new (self, &db);
  if (sqlite3_prepare_v2 (db, "SELECT h.version FROM service s JOIN sheet h ON h.id = s.sheet_id "
                              "WHERE h.provider = ?1 AND s.code = ?2 "
                              "  AND s.id IN (" SKY_CURRENT_SERVICES_SQL " WHERE cv.provider = ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
  return version;
}

/* The id that @stmt, a query of one row at most, reads; 0 when it reads none, -1 on error,
 * which is called @message. */
static gint64
step_id (sqlite3       *db,
         sqlite3_stmt  *stmt,
         const char    *message,
         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _sky_catalog_db_error (db, error, message);
  return -1;
}

/* The id of @provider's sheet @version, 0 when there is none, -1 on error. Locked. */
static gint64
sheet_id (sqlite3     *db,
          const char  *provider,
          const char  *version,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM sheet WHERE provider = ?1 AND version = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
      return -1;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  return step_id (db, stmt, _("Cannot read the price sheets"), error);
}

gboolean
sky_catalog_has_sheet (SkyCatalog  *self,
                       const char  *provider,
                       const char  *version,
                       GError     **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = _sky_catalog_locker_new (self, &db);

  return sheet_id (db, provider, version, error) > 0;
}

/* The ids (in the service table) of @provider's services that @pins (NULL: none) chooses: for
 * each service id the provider's sheets list, the one of the version pinned for it, else of
 * the version pinned for every service, else the current one. A service the pinned sheet does
 * not list has none. NULL on error. Locked. */
static GArray *
scope_services (sqlite3             *db,
                const char          *provider,
                const SkySheetPins  *pins,
                GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT ks.code, ks.id, kh.version, "
                          "  ks.id IN (" SKY_CURRENT_SERVICES_SQL " WHERE cv.provider = ?1) "
                          "FROM service ks JOIN sheet kh ON kh.id = ks.sheet_id "
                          "WHERE kh.provider = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *version = (const char *) sqlite3_column_text (stmt, 2);
      const char *pinned = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 1);

      if (pins != NULL && pins->services != NULL)
        pinned = g_hash_table_lookup (pins->services, code);
      if (pinned == NULL && pins != NULL)
        pinned = pins->version;
      if (pinned != NULL ? g_strcmp0 (pinned, version) == 0 : sqlite3_column_int (stmt, 3) != 0)
        g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* " AND @column IN (…)": the services of @ids, integers the catalog gave, as SQL text. */
static void
append_services (GString      *sql,
                 const char   *column,
                 const GArray *ids)
{
  if (ids->len == 0)
    {
      g_string_append (sql, " AND 0");
      return;
    }
  g_string_append_printf (sql, " AND %s IN (", column);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (sql, ')');
}

/* The units with a code below this have a bit in a mask of units, and a span of their own. */
#define N_SPAN_UNITS 64

/* Where the prices of some services in each unit are in the price table, by their offer_seq:
 * the least and the greatest, and how many there are. A unit they have no price in has n 0. */
typedef struct
{
  gint64 lo[N_SPAN_UNITS];
  gint64 hi[N_SPAN_UNITS];
  gint64 n[N_SPAN_UNITS];
} Spans;

/* What the prices of one service of a sheet are, read once (read_sheet_units()): the units
 * they are in, as a mask of their codes, and where they are. */
typedef struct
{
  guint64 mask;
  Spans   spans;
} ServiceUnits;

/* A search of services whose prices in its unit belong to at most this many offers, in one
 * span of the catalog's offers, reads those offers' prices rather than the price key: the
 * prices of a provider whose sheet is small among large ones. */
#define SPAN_MAX_OFFERS 4096
#define PRICE_OFFER_ID(offer_seq) ((offer_seq) >> 10)

struct _SkyMatchScope
{
  SkyCatalog *catalog;
  GArray     *services;     /* ids in the service table */
  gboolean    has_units;
  guint64     units;        /* the units their prices are in (scope_units()), once worked out */
  gboolean    has_spans;    /* FALSE when a service's spans are not known */
  Spans       spans;        /* where their prices are, by unit, worked out with the units */
};

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* The searches' statements keep at most this many shapes: a long session's many scenarios and
 * sheets do not keep every one they ever searched. */
#define MAX_STATEMENTS 512

/* The requirement searches' statements of @self's connection (SQL → statement), prepared once
 * and kept from one estimate to the next until the catalog closes (sky-catalog.c finalizes
 * them first). Locked. */
static GHashTable *
match_statements (SkyCatalog *self)
{
  if (self->match_statements == NULL)
    self->match_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    finalize_statement);
  else if (g_hash_table_size (self->match_statements) >= MAX_STATEMENTS)
    g_hash_table_remove_all (self->match_statements);
  return self->match_statements;
}

/* The services of @provider that @pins (NULL: each service's current sheet) chooses, for the
 * searches of many requirements, the lines of a scenario on one provider: worked out once, and
 * the units of their prices the first time a search needs them. NULL on error. */
SkyMatchScope *
sky_catalog_match_scope_new (SkyCatalog          *self,
                             const char          *provider,
                             const SkySheetPins  *pins,
                             GError             **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = NULL;
  SkyMatchScope *scope;
  GArray *services;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  locker = _sky_catalog_locker_new (self, &db);
  services = scope_services (db, provider, pins, error);
  if (services == NULL)
    return NULL;
  scope = g_new0 (SkyMatchScope, 1);
  scope->catalog = g_object_ref (self);
  scope->services = services;
  return scope;
}

void
sky_match_scope_free (SkyMatchScope *scope)
{
  if (scope == NULL)
    return;
  g_array_unref (scope->services);
  g_object_unref (scope->catalog);
  g_free (scope);
}

/* The offer @sku of the services @scope; 0 when there is none, -1 on error. */
gint64
sky_catalog_find_offer_in (SkyCatalog           *self,
                           const SkyMatchScope  *scope,
                           const char           *sku,
                           GError              **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM offer o WHERE o.sku = ?1");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), -1);
  g_return_val_if_fail (scope != NULL && sku != NULL, -1);

  locker = _sky_catalog_locker_new (self, &db);
  append_services (sql, "o.service_id", scope->services);
  g_string_append (sql, " LIMIT 1");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot find the offer"));
      return -1;
    }
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  return step_id (db, stmt, _("Cannot find the offer"), error);
}

/* The offer @sku of @provider's services that @pins chooses; 0 when there is none, -1 on
 * error. */
gint64
sky_catalog_find_offer_pinned (SkyCatalog          *self,
                               const char          *provider,
                               const SkySheetPins  *pins,
                               const char          *sku,
                               GError             **error)
{
  g_autoptr(SkyMatchScope) scope = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), -1);
  g_return_val_if_fail (provider != NULL && sku != NULL, -1);

  scope = sky_catalog_match_scope_new (self, provider, pins, error);
  if (scope == NULL)
    return -1;
  return sky_catalog_find_offer_in (self, scope, sku, error);
}

/* The offer @sku of @provider's sheet @version (NULL: of the current sheets, each for its
 * services); 0 when there is none, -1 on error. */
gint64
sky_catalog_find_offer (SkyCatalog  *self,
                        const char  *provider,
                        const char  *version,
                        const char  *sku,
                        GError     **error)
{
  SkySheetPins pins = { version, NULL };

  return sky_catalog_find_offer_pinned (self, provider, &pins, sku, error);
}

/* The constraints of a requirement, each of which a search can leave out to find the offer
 * nearest to meeting it. */
typedef enum
{
  KEEP_ALL = 0,
  OMIT_REGION = 1 << 0,
  OMIT_GEOGRAPHY = 1 << 1,
  OMIT_OS = 1 << 2,
  OMIT_VCPU = 1 << 3,
  OMIT_MEMORY = 1 << 4,
  OMIT_GPU = 1 << 5,
  OMIT_STORAGE = 1 << 6,
  OMIT_SLA = 1 << 7,
  OMIT_FEATURES = 1 << 8,
  OMIT_BAND = 1 << 9,         /* the upper bounds of vCPU, memory and GPUs */
  COMPONENTS = 1 << 10,       /* offers priced by components instead, by their vCPU-hour
                               * price, with no size to meet */
  OMIT_ARCHITECTURE = 1 << 11,
  OMIT_VARIANT = 1 << 12,     /* tenancy, licence, software and capacity */
  OMIT_ENGINE = 1 << 13,
} Omit;

/* The most of a size an offer may have: @minimum times the requirement's band. */
static gint64
band_limit (const SkyRequirement *req,
            gint64                minimum)
{
  gint64 factor = req->max_oversize_milli > 0 ? MAX (req->max_oversize_milli, 1000)
                                              : SKY_MAX_OVERSIZE_DEFAULT_MILLI;

  if (minimum > G_MAXINT64 / factor)
    return G_MAXINT64;
  return minimum * factor / 1000;
}

/* A price that find_rows() found: its offer, and what orders it. */
typedef struct
{
  gint64   offer_id;
  gint64   amount;
  gint64   offer_seq;
  gint64   per;           /* its vCPU or memory, for SKY_RANK_PER_VCPU or _PER_GIB; 0: none */
  guint64  unit_size;     /* its unit, in its dimension's base */
} Row;

/* " AND (…)": the offers of the services of @scope whose engine is @engine. A service the
 * vocabulary lists with an engine is in or out as a whole (sky_offer_engine()); the offers of
 * any other service are in when their "engine" feature names @engine, by id or by title.
 * Service ids are integers the catalog gave, the engine's words are bound as :engine_id and
 * :engine_title. Locked. */
static gboolean
append_engine (sqlite3       *db,
               GString       *sql,
               const GArray  *scope,
               const char    *engine,
               GError       **error)
{
  g_autoptr(GString) query = g_string_new ("SELECT ks.id, kh.provider, ks.code FROM service ks "
                                           "JOIN sheet kh ON kh.id = ks.sheet_id WHERE 1");
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) stated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  append_services (query, "ks.id", scope);
  if (sqlite3_prepare_v2 (db, query->str, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const SkyService *service = sky_service_lookup ((const char *) sqlite3_column_text (stmt, 1),
                                                      (const char *) sqlite3_column_text (stmt, 2));

      if (service == NULL || service->engine == NULL)
        g_array_append_val (stated, id);
      else if (strcmp (service->engine, engine) == 0)
        g_array_append_val (named, id);
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot search the catalog"));

  g_string_append (sql, " AND ((1");
  append_services (sql, "p.service_id", named);
  g_string_append (sql, ") OR (1");
  append_services (sql, "p.service_id", stated);
  g_string_append (sql, " AND (instr (char (10) || lower (COALESCE (o.features, '')) || char (10),"
                        " char (10) || 'engine=' || :engine_id || char (10)) > 0"
                        " OR instr (char (10) || lower (COALESCE (o.features, '')) || char (10),"
                        " char (10) || 'engine=' || :engine_title || char (10)) > 0)))");
  return TRUE;
}

/* The buckets of the price key that hold the prices of @req's purchase option and category in
 * @geography_code, in every geography (@all_geographies) or in none (neither): as
 * _sky_catalog_append_buckets() lists them. */
static GArray *
requirement_buckets (const SkyRequirement *req,
                     gboolean              all_geographies,
                     int                   geography_code)
{
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  const SkyWord *term = sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, req->term);
  const SkyWord *category = sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY, req->category);

  if (term == NULL || category == NULL)
    return buckets;
  if (!all_geographies)
    {
      if (geography_code >= 0)
        {
          gint64 bucket = PRICE_BUCKET (term->code, geography_code, category->code);
          g_array_append_val (buckets, bucket);
        }
      return buckets;
    }
  for (guint g = 0; g < sky_vocabulary_size (SKY_VOCABULARY_GEOGRAPHY); g++)
    {
      gint64 bucket = PRICE_BUCKET (term->code,
                                    sky_vocabulary_nth (SKY_VOCABULARY_GEOGRAPHY, g)->code,
                                    category->code);
      g_array_append_val (buckets, bucket);
    }
  return buckets;
}

/* Appends to @rows the prices of the services @scope (ids in the service table) in @req's unit
 * and purchase option whose offers meet @req but what @omit leaves out, cheapest first, at
 * most @limit. Locked. With @span (the least and greatest offer_seq of the services' prices in
 * the unit) the search reads the prices of that span of offers, by offer, and sorts those that
 * meet @req; without, it walks the price key of each bucket (purchase option, geography and
 * category) in price order and stops at the limit, so that a bucket whose first prices meet
 * @req is not read to its end; find_ids() orders the buckets' rows together. Its statement is
 * taken from @statements (SQL → statement) and kept there, when it is not NULL; values are
 * bound, so searches of one shape share it. */
static gboolean
find_rows (sqlite3               *db,
           GHashTable            *statements,
           const GArray          *scope,
           const gint64          *span,
           const SkyRequirement  *req,
           Omit                   omit,
           guint                  limit,
           GArray                *rows,
           GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_types = req->storage_types != NULL && !(omit & OMIT_STORAGE)
                  ? g_strv_length ((GStrv) req->storage_types) : 0;
  guint n_features = req->features != NULL && !(omit & OMIT_FEATURES)
                     ? g_strv_length ((GStrv) req->features) : 0;
  gboolean geography = req->geography != NULL && !(omit & OMIT_GEOGRAPHY);
  gboolean region = req->region != NULL && !(omit & OMIT_REGION);
  gboolean os = req->os != NULL && !(omit & OMIT_OS);
  gboolean components = (omit & COMPONENTS) != 0;
  gboolean vcpu = req->min_vcpu_milli > 0 && !(omit & OMIT_VCPU) && !components;
  gboolean memory = req->min_memory_mgib > 0 && !(omit & OMIT_MEMORY) && !components;
  gboolean gpu = req->min_gpu > 0 && !(omit & OMIT_GPU);
  gboolean sla = req->min_sla != NULL && !(omit & OMIT_SLA);
  gboolean band = !(omit & OMIT_BAND);
  gboolean architecture = req->architecture != NULL && !(omit & OMIT_ARCHITECTURE) &&
                          strcmp (req->architecture, SKY_SEARCH_ANY) != 0;
  gboolean variant = !(omit & OMIT_VARIANT);
  gboolean engine = req->engine != NULL && !(omit & OMIT_ENGINE) &&
                    strcmp (req->engine, SKY_SEARCH_ANY) != 0;
  const SkyWord *engine_word = engine ? sky_vocabulary_lookup (SKY_VOCABULARY_ENGINE, req->engine)
                                      : NULL;
  g_autofree char *engine_id = NULL, *engine_title = NULL;
  gboolean software = variant && req->software != NULL &&
                      strcmp (req->software, SKY_SEARCH_ANY) != 0 &&
                      strcmp (req->software, SKY_SOFTWARE_NONE) != 0;
  int geography_code = geography ? sky_vocabulary_code (SKY_VOCABULARY_GEOGRAPHY, req->geography)
                                 : -1;
  g_autoptr(sqlite3_stmt) owned = NULL;
  sqlite3_stmt *stmt = NULL;
  const SkyUnit *unit = sky_unit_lookup (req->unit);
  /* Every unit is a whole number of its dimension's base. */
  guint64 size = unit != NULL ? unit->numerator / unit->denominator : 1;
  g_autoptr(GArray) buckets = NULL;
  int rc = SQLITE_DONE;

  g_string_append (sql, "SELECT " PRICE_OFFER_ID_SQL ", p.amount, p.offer_seq, p.vcpu, "
                        "p.memory FROM price p");
  if (span != NULL)
    g_string_append (sql, " INDEXED BY price_by_offer");
  g_string_append (sql, " JOIN offer o ON o.id = " PRICE_OFFER_ID_SQL " "
                        "JOIN service sv ON sv.id = o.service_id "
                        "WHERE p.unit = :unit");
  if (span != NULL)
    {
      g_string_append (sql, " AND p.offer_seq BETWEEN :span_lo AND :span_hi");
      /* The buckets of the purchase option and category in the geography, or in every one. */
      _sky_catalog_append_buckets (sql, req->term, &geography_code,
                                   !geography ? -1 : geography_code >= 0 ? 1 : 0, req->category);
    }
  else
    {
      /* One bucket at a time, so that the price key leads the search in price order. */
      buckets = requirement_buckets (req, !geography, geography_code);
      g_string_append (sql, " AND p.bucket = :bucket");
    }
  append_services (sql, "p.service_id", scope);
  if (components)
    g_string_append (sql, " AND p.vcpu IS NULL AND p.memory IS NULL");
  if (region)
    g_string_append (sql, " AND p.region = (SELECT id FROM word WHERE text = :region)");
  /* The default row unless the requirement asks for another; the price table holds both. */
  if (variant)
    _sky_catalog_append_variant (sql, req->tenancy, req->licence, req->software, req->capacity);
  if (architecture)
    g_string_append_printf (sql, " AND p.arch = %d",
                            sky_vocabulary_code (SKY_VOCABULARY_ARCHITECTURE, req->architecture));
  if (req->service != NULL)
    g_string_append (sql, " AND sv.code = :service");
  if (engine && !append_engine (db, sql, scope, req->engine, error))
    return FALSE;
  if (os)
    g_string_append (sql, " AND p.os = (SELECT id FROM word WHERE text = :os)");
  if (vcpu)
    g_string_append (sql, band ? " AND p.vcpu BETWEEN :vcpu AND :max_vcpu" : " AND p.vcpu >= :vcpu");
  if (memory)
    g_string_append (sql, band ? " AND p.memory BETWEEN :memory AND :max_memory"
                               : " AND p.memory >= :memory");
  if (gpu)
    g_string_append (sql, band ? " AND o.gpu BETWEEN :gpu AND :max_gpu" : " AND o.gpu >= :gpu");
  /* An SLA is a percentage compared as a number: a spec, not money. */
  if (sla)
    g_string_append (sql, " AND CAST (COALESCE (o.sla, sv.sla) AS REAL) >= CAST (:sla AS REAL)");
  if (n_types > 0)
    {
      g_string_append (sql, " AND o.storage_type IN (");
      for (guint i = 0; i < n_types; i++)
        g_string_append_printf (sql, "%s:s%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
  /* Features are "key=value" lines: a key is present when a line starts with it; "key=value"
   * asks for that whole line. */
  for (guint i = 0; i < n_features; i++)
    g_string_append_printf (sql, " AND instr (char (10) || COALESCE (o.features, '') || char (10),"
                                 " char (10) || :f%u || %s) > 0", i,
                            strchr (req->features[i], '=') != NULL ? "char (10)" : "'='");
  /* Prices per vCPU or GiB order the matches only: the quotient is never shown as money. */
  if (req->rank == SKY_RANK_PER_VCPU)
    g_string_append (sql, " ORDER BY CAST (p.amount AS REAL) / NULLIF (p.vcpu, 0) NULLS LAST,");
  else if (req->rank == SKY_RANK_PER_GIB)
    g_string_append (sql, " ORDER BY CAST (p.amount AS REAL) / NULLIF (p.memory, 0) NULLS LAST,");
  else
    g_string_append (sql, " ORDER BY");
  g_string_append (sql, " p.amount, p.offer_seq LIMIT :limit");

  if (statements != NULL)
    stmt = g_hash_table_lookup (statements, sql->str);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (db, sql->str, -1,
                              statements != NULL ? SQLITE_PREPARE_PERSISTENT : 0, &stmt,
                              NULL) != SQLITE_OK)
        return _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
      if (statements != NULL)
        g_hash_table_insert (statements, g_strdup (sql->str), stmt);
      else
        owned = stmt;
    }
  sqlite3_clear_bindings (stmt);

#define BIND(name, value) \
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, SQLITE_STATIC)
  _sky_catalog_bind_code (stmt, ":unit", SKY_VOCABULARY_UNIT,
                          components ? "vcpu-hour" : req->unit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  if (region)
    BIND (":region", req->region);
  if (req->service != NULL)
    BIND (":service", req->service);
  if (os)
    BIND (":os", req->os);
  if (software)
    BIND (":software", req->software);
  if (engine)
    {
      /* An engine the vocabulary does not know matches no stated feature but its own id. */
      engine_id = g_ascii_strdown (req->engine, -1);
      engine_title = g_ascii_strdown (engine_word != NULL ? engine_word->title : req->engine, -1);
      BIND (":engine_id", engine_id);
      BIND (":engine_title", engine_title);
    }
  if (sla)
    BIND (":sla", req->min_sla);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *name = g_strdup_printf (":s%u", i);
      BIND (name, req->storage_types[i]);
    }
  for (guint i = 0; i < n_features; i++)
    {
      g_autofree char *name = g_strdup_printf (":f%u", i);
      BIND (name, req->features[i]);
    }
#undef BIND
#define BIND_INT(name, value) \
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, name), value)
  if (vcpu)
    BIND_INT (":vcpu", req->min_vcpu_milli);
  if (memory)
    BIND_INT (":memory", req->min_memory_mgib);
  if (gpu)
    BIND_INT (":gpu", req->min_gpu);
  if (vcpu && band)
    BIND_INT (":max_vcpu", band_limit (req, req->min_vcpu_milli));
  if (memory && band)
    BIND_INT (":max_memory", band_limit (req, req->min_memory_mgib));
  if (gpu && band)
    BIND_INT (":max_gpu", band_limit (req, req->min_gpu));

  if (span != NULL)
    {
      BIND_INT (":span_lo", span[0]);
      BIND_INT (":span_hi", span[1]);
    }
#undef BIND_INT

  for (guint b = 0; span != NULL ? b < 1 : b < buckets->len; b++)
    {
      if (span == NULL)
        sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":bucket"),
                            g_array_index (buckets, gint64, b));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Row row = {
            .offer_id = sqlite3_column_int64 (stmt, 0),
            .amount = sqlite3_column_int64 (stmt, 1),
            .offer_seq = sqlite3_column_int64 (stmt, 2),
            .per = req->rank == SKY_RANK_PER_VCPU ? sqlite3_column_int64 (stmt, 3)
                 : req->rank == SKY_RANK_PER_GIB ? sqlite3_column_int64 (stmt, 4) : 0,
            .unit_size = size,
          };
          g_array_append_val (rows, row);
        }
      if (rc != SQLITE_DONE)
        _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
      /* A statement kept for the next search ends its read here. */
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

/* Cheapest first, as the search orders one unit's prices, across units: by the price per
 * vCPU or GiB when the requirement ranks so (a quotient that orders only), then by the price
 * of one base unit of the dimension, compared exactly, then by the offer's place. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const Row *x = a, *y = b;
  const SkyRequirement *req = data;
  unsigned __int128 left, right;

  if (req->rank != SKY_RANK_PRICE && (x->per > 0) != (y->per > 0))
    return x->per > 0 ? -1 : 1;
  if (req->rank != SKY_RANK_PRICE && x->per > 0)
    {
      double qx = (double) x->amount / (double) x->unit_size / (double) x->per;
      double qy = (double) y->amount / (double) y->unit_size / (double) y->per;

      if (qx != qy)
        return qx < qy ? -1 : 1;
    }
  left = (unsigned __int128) MAX (x->amount, 0) * y->unit_size;
  right = (unsigned __int128) MAX (y->amount, 0) * x->unit_size;
  if (left != right)
    return left < right ? -1 : 1;
  return x->offer_seq < y->offer_seq ? -1 : x->offer_seq > y->offer_seq;
}

/* The key under which the mask of the units of service @service's prices is kept: its sheet's
 * id, checksum and import time (a sheet's prices never change; a sheet imported again has
 * another checksum or import time) and its own id. */
static char *
units_key (gint64      sheet,
           const char *sha256,
           const char *imported_at,
           gint64      service)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT, sheet, sha256,
                          imported_at, service);
}

/* Reads the units of the prices of each service of sheet @sheet and where they are
 * (ServiceUnits), with a look at every price of the sheet, and keeps them. Locked. */
static gboolean
read_sheet_units (SkyCatalog  *self,
                  sqlite3     *db,
                  gint64       sheet,
                  const char  *sha256,
                  const char  *imported_at,
                  GError     **error)
{
  g_autoptr(GHashTable) masks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_free);
  g_autoptr(sqlite3_stmt) services = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer id, mask;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM service WHERE sheet_id = ?1", -1, &services,
                          NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
  sqlite3_bind_int64 (services, 1, sheet);
  while ((rc = sqlite3_step (services)) == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (services, 0);

      g_hash_table_insert (masks, g_memdup2 (&service, sizeof service), g_new0 (ServiceUnits, 1));
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));

  if (sqlite3_prepare_v2 (db, "SELECT service_id, unit, min (offer_seq), max (offer_seq), "
                              "count (*) FROM price WHERE sheet_id = ?1 GROUP BY service_id, unit",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
  sqlite3_bind_int64 (stmt, 1, sheet);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (stmt, 0);
      gint64 code = sqlite3_column_int64 (stmt, 1);
      ServiceUnits *of_service = g_hash_table_lookup (masks, &service);

      if (of_service == NULL)
        continue;
      /* A code past the mask's bits counts as every unit: searched, never left out. */
      if (code < 0 || code >= N_SPAN_UNITS)
        {
          of_service->mask = G_MAXUINT64;
          continue;
        }
      of_service->mask |= G_GUINT64_CONSTANT (1) << code;
      of_service->spans.lo[code] = sqlite3_column_int64 (stmt, 2);
      of_service->spans.hi[code] = sqlite3_column_int64 (stmt, 3);
      of_service->spans.n[code] = sqlite3_column_int64 (stmt, 4);
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot search the catalog"));

  if (self->sheet_units == NULL)
    self->sheet_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, masks);
  while (g_hash_table_iter_next (&iter, &id, &mask))
    {
      g_hash_table_insert (self->sheet_units,
                           units_key (sheet, sha256, imported_at, *(gint64 *) id),
                           mask);
      g_hash_table_iter_steal (&iter);
      g_free (id);
    }
  return TRUE;
}

/* The units the prices of the services of @scope are in, as a mask of their codes, and where
 * those prices are: each sheet's read once per service, then kept. Locked. */
static gboolean
scope_units (SkyCatalog     *self,
             sqlite3        *db,
             SkyMatchScope  *scope,
             GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT s.id, h.id, h.sha256, h.imported_at "
                                         "FROM service s JOIN sheet h ON h.id = s.sheet_id "
                                         "WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 mask = 0;
  int rc;

  G_STATIC_ASSERT (sizeof mask * 8 >= N_SPAN_UNITS);
  memset (&scope->spans, 0, sizeof scope->spans);
  scope->has_spans = TRUE;
  append_services (sql, "s.id", scope->services);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (stmt, 0);
      gint64 sheet = sqlite3_column_int64 (stmt, 1);
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 2);
      const char *imported_at = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *key = units_key (sheet, sha256, imported_at, service);
      const ServiceUnits *cached = self->sheet_units != NULL
                                   ? g_hash_table_lookup (self->sheet_units, key) : NULL;

      if (cached == NULL)
        {
          if (!read_sheet_units (self, db, sheet, sha256, imported_at, error))
            return FALSE;
          cached = g_hash_table_lookup (self->sheet_units, key);
        }
      /* A service the sheet no longer lists is searched in every unit, never left out, and
       * by the price key. */
      if (cached == NULL)
        {
          mask = G_MAXUINT64;
          scope->has_spans = FALSE;
          continue;
        }
      mask |= cached->mask;
      for (guint u = 0; u < N_SPAN_UNITS; u++)
        {
          Spans *spans = &scope->spans;
          const Spans *its = &cached->spans;

          if (its->n[u] == 0)
            continue;
          spans->lo[u] = spans->n[u] == 0 ? its->lo[u] : MIN (spans->lo[u], its->lo[u]);
          spans->hi[u] = spans->n[u] == 0 ? its->hi[u] : MAX (spans->hi[u], its->hi[u]);
          spans->n[u] += its->n[u];
        }
    }
  if (rc != SQLITE_DONE)
    return _sky_catalog_db_error (db, error, _("Cannot read the price sheets"));
  scope->units = mask;
  return TRUE;
}

/* Whether @req's commitment prices per month or year compete with those of its unit of time:
 * a month is as many hours as the scenario says (Google Cloud's committed use is priced per
 * month). Only in the search itself: not in the vCPU-hour search of prices built from
 * components, nor in those that say why nothing matched (each constraint left out in turn),
 * where each would read the purchase option's buckets once more (an estimate of 1,000 lines
 * took 70 % longer with them). */
static gboolean
monthly_commitments_compete (const SkyRequirement *req,
                             Omit                  omit)
{
  const SkyUnit *unit = sky_unit_lookup (req->unit);

  return req->month_hours_micro > 0 && omit == KEEP_ALL && unit != NULL &&
         unit->dimension == SKY_DIMENSION_TIME && sky_term_months (req->term) > 0;
}

/* Appends to @ids the offers of the services of @scope that meet @req but what @omit leaves
 * out, cheapest first in the requirement's purchase option, at most @limit: those priced in the
 * requirement's unit and in every other unit of its dimension the services have prices in
 * (scope_units()), into which a line's usage converts, compared by the price of the same
 * quantity. A unit the services have no price in is not searched; one whose prices belong to
 * few offers is searched in their span (find_rows()). Locked. */
static gboolean
find_ids (sqlite3               *db,
          const SkyMatchScope   *scope,
          const SkyRequirement  *req,
          Omit                   omit,
          guint                  limit,
          GArray                *ids,
          GError               **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  const SkyUnit *unit = sky_unit_lookup (req->unit);
  gboolean months = monthly_commitments_compete (req, omit);

  /* No price is in a unit the vocabulary lacks. */
  if (unit == NULL)
    return TRUE;
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
    {
      const SkyUnit *other = sky_unit_nth (i);
      SkyRequirement in_other = *req;
      guint first = rows->len;
      /* A search of prices by components reads their vCPU-hour prices (find_rows()). */
      const SkyUnit *searched = (omit & COMPONENTS) ? sky_unit_lookup ("vcpu-hour") : other;
      gint64 span[2];
      gboolean in_span = FALSE;

      if (!other->priced || (other->dimension != unit->dimension &&
                             !(months && other->dimension == SKY_DIMENSION_MONTHS)))
        continue;
      /* Each unit's search reads its buckets to the end when the services have no price in
       * it. */
      if (other != unit && other->word.code < 64 &&
          !(scope->units & G_GUINT64_CONSTANT (1) << other->word.code))
        continue;
      if (scope->has_spans && searched != NULL && searched->word.code < N_SPAN_UNITS)
        {
          const Spans *spans = &scope->spans;
          guint code = searched->word.code;

          if (spans->n[code] == 0)
            continue;
          span[0] = spans->lo[code];
          span[1] = spans->hi[code];
          in_span = PRICE_OFFER_ID (span[1]) - PRICE_OFFER_ID (span[0]) < SPAN_MAX_OFFERS;
        }
      in_other.unit = other->word.id;
      if (!find_rows (db, match_statements (scope->catalog), scope->services,
                      in_span ? span : NULL, &in_other, omit, limit, rows, error))
        return FALSE;
      /* Time in millionths of a second, months in the same: the hours of a month of them. */
      for (guint k = first; months && k < rows->len; k++)
        g_array_index (rows, Row, k).unit_size *=
            other->dimension == SKY_DIMENSION_MONTHS ? (guint64) req->month_hours_micro * 3600
                                                     : G_GUINT64_CONSTANT (1000000);
    }
  g_array_sort_with_data (rows, compare_rows, (gpointer) req);
  for (guint i = 0; i < rows->len && ids->len < limit; i++)
    {
      gint64 id = g_array_index (rows, Row, i).offer_id;
      gboolean seen = FALSE;

      /* An offer with several prices in the dimension is listed once. */
      for (guint k = 0; k < ids->len && !seen; k++)
        seen = g_array_index (ids, gint64, k) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return TRUE;
}

/* find_ids() in the services of @scope, under the catalog's lock. */
static gboolean
find_ids_locked (SkyCatalog            *self,
                 SkyMatchScope         *scope,
                 const SkyRequirement  *req,
                 Omit                   omit,
                 guint                  limit,
                 GArray                *ids,
                 GError               **error)
{
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = _sky_catalog_locker_new (self, &db);

  if (!scope->has_units)
    {
      scope->units = G_MAXUINT64;
      if (!scope_units (self, db, scope, error))
        return FALSE;
      scope->has_units = TRUE;
    }
  return find_ids (db, scope, req, omit, limit, ids, error);
}

/* Prices built from components ------------------------------------------------------------ */

/* @offer's price per @unit in @term, when it is flat (no tiers, no free quantity). */
static const SkyOfferPrice *
flat_price (const SkyOfferDetails *offer,
            const char            *unit,
            const char            *term)
{
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);

      if (g_strcmp0 (p->unit, unit) == 0 && g_strcmp0 (p->term, term) == 0)
        return p->tiers->len == 0 && p->free_quantity == NULL ? p : NULL;
    }
  return NULL;
}

/* @offer's price per @unit in @term (the first tier's amount for a tiered one), or NULL. */
static const SkyOfferPrice *
flat_or_first_price (const SkyOfferDetails *offer,
                     const char            *unit,
                     const char            *term)
{
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);

      if (g_strcmp0 (p->unit, unit) == 0 && g_strcmp0 (p->term, term) == 0)
        return p;
    }
  return NULL;
}

/* Whether @offer has no size of its own and a vCPU-hour and a GiB-hour price of one purchase
 * option: a requirement gives it its size. */
gboolean
sky_offer_is_sized_by_components (const SkyOfferDetails *offer)
{
  g_return_val_if_fail (offer != NULL, FALSE);

  if (offer->vcpu_milli >= 0 || offer->memory_mgib >= 0)
    return FALSE;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);

      if (g_strcmp0 (p->unit, "vcpu-hour") == 0 && flat_price (offer, "vcpu-hour", p->term) &&
          flat_price (offer, "gib-hour", p->term) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The price per hour in @term of @offer, priced by components, sized @vcpu_milli vCPU and
 * @memory_mgib GiB: worked out exactly in @out, and added to the offer's prices (rounded to the
 * catalog's 10 decimals, for showing) so that the offer can be shown and priced as one of that
 * size. FALSE when the offer is not priced by components in @term. */
gboolean
sky_offer_add_component_price (SkyOfferDetails   *offer,
                               const char        *term,
                               gint64             vcpu_milli,
                               gint64             memory_mgib,
                               SkyComponentPrice *out)
{
  const SkyOfferPrice *v, *g;
  SkyOfferPrice *hour;
  gboolean overflow = FALSE;
  SkyDecimal fee_v, fee_g;
  gint64 amount, fee = 0;

  g_return_val_if_fail (offer != NULL && term != NULL && out != NULL, FALSE);

  if (offer->vcpu_milli >= 0 || offer->memory_mgib >= 0 || vcpu_milli <= 0 || memory_mgib <= 0)
    return FALSE;
  v = flat_price (offer, "vcpu-hour", term);
  g = flat_price (offer, "gib-hour", term);
  if (v == NULL || g == NULL)
    return FALSE;

  out->vcpus = sky_decimal_normalize (sky_decimal_from_scaled (vcpu_milli, 3));
  out->memory_gib = sky_decimal_normalize (sky_decimal_from_scaled (memory_mgib, 3));
  out->vcpu_price = sky_decimal_from_price (v->amount);
  out->gib_price = sky_decimal_from_price (g->amount);
  out->amount = sky_decimal_add_or_flag (
      sky_decimal_mul_or_flag (out->vcpus, out->vcpu_price, &overflow),
      sky_decimal_mul_or_flag (out->memory_gib, out->gib_price, &overflow), &overflow);
  out->has_upfront_fee = v->has_upfront_fee || g->has_upfront_fee;
  fee_v = sky_decimal_from_price (v->has_upfront_fee ? v->upfront_fee : 0);
  fee_g = sky_decimal_from_price (g->has_upfront_fee ? g->upfront_fee : 0);
  out->upfront_fee = sky_decimal_add_or_flag (
      sky_decimal_mul_or_flag (out->vcpus, fee_v, &overflow),
      sky_decimal_mul_or_flag (out->memory_gib, fee_g, &overflow), &overflow);
  if (overflow ||
      !sky_decimal_to_scaled_int64 (sky_decimal_round (out->amount, SKY_PRICE_SCALE,
                                                       SKY_ROUND_HALF_UP),
                                    SKY_PRICE_SCALE, &amount) ||
      !sky_decimal_to_scaled_int64 (sky_decimal_round (out->upfront_fee, SKY_PRICE_SCALE,
                                                       SKY_ROUND_HALF_UP),
                                    SKY_PRICE_SCALE, &fee))
    return FALSE;

  hour = g_new0 (SkyOfferPrice, 1);
  hour->term = g_strdup (term);
  hour->unit = g_strdup ("hour");
  hour->amount = amount;
  hour->has_upfront_fee = out->has_upfront_fee;
  hour->upfront_fee = fee;
  hour->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_tier_free);
  hour->usage_discount = g_strdup (v->usage_discount);
  hour->usage_bands = v->usage_bands != NULL ? g_array_copy (v->usage_bands) : NULL;
  out->price_index = offer->prices->len;
  g_ptr_array_add (offer->prices, hour);
  return TRUE;
}

/* Whether offers priced by components can meet @req: a size of both vCPU and memory, priced
 * per hour, of compute or a database. */
static gboolean
components_apply (const SkyRequirement *req)
{
  return g_strcmp0 (req->unit, "hour") == 0 && req->min_vcpu_milli > 0 &&
         req->min_memory_mgib > 0 &&
         (g_strcmp0 (req->category, "compute") == 0 ||
          g_strcmp0 (req->category, "database") == 0);
}

/* The offers of the services @scope priced by components that meet @req in its purchase
 * option, each with its price per hour for @req's size added; cheapest first, ties in the
 * catalog's order. SkyOfferDetails; NULL on error. */
static GPtrArray *
component_offers (SkyCatalog            *self,
                  SkyMatchScope         *scope,
                  const SkyRequirement  *req,
                  GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) offers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_details_free);
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (SkyDecimal));

  if (!components_apply (req))
    return g_steal_pointer (&offers);
  if (!find_ids_locked (self, scope, req, COMPONENTS, G_MAXINT32, ids, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SkyOfferDetails) offer = sky_catalog_get_offer (self, id, error);
      SkyComponentPrice cp;
      guint at = 0;

      if (offer == NULL)
        return NULL;
      if (!sky_offer_add_component_price (offer, req->term, req->min_vcpu_milli,
                                          req->min_memory_mgib, &cp))
        continue;
      while (at < amounts->len &&
             sky_decimal_compare (g_array_index (amounts, SkyDecimal, at), cp.amount) <= 0)
        at++;
      g_array_insert_val (amounts, at, cp.amount);
      g_ptr_array_insert (offers, at, g_steal_pointer (&offer));
    }
  return g_steal_pointer (&offers);
}

/* Whether @offer's price per month or year in @req's purchase option, where its price per hour
 * would be, costs at most @hour_amount (10 decimals) an hour at @req's hours a month. */
static gboolean
monthly_price_not_above (const SkyOfferDetails *offer,
                         const SkyRequirement  *req,
                         gint64                 hour_amount)
{
  if (!monthly_commitments_compete (req, KEEP_ALL) || g_strcmp0 (req->unit, "hour") != 0)
    return FALSE;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      const SkyUnit *u = sky_unit_lookup (p->unit);

      if (u != NULL && u->dimension == SKY_DIMENSION_MONTHS &&
          g_strcmp0 (p->term, req->term) == 0)
        /* amount / (months × hours) ≤ hour_amount, in millionths of an hour. */
        return (__int128) MAX (p->amount, 0) * 1000000 <=
               (__int128) hour_amount * req->month_hours_micro *
               (gint64) (u->numerator / u->denominator);
    }
  return FALSE;
}

/* How many offers of a purchase option with an upfront fee are weighed by their cost over the
 * term: those with the lowest price per unit, in the catalog's order. */
#define FEE_CANDIDATES 128

/* Whether @req's purchase option has an upfront fee, which its price per unit leaves out. */
static gboolean
has_upfront_fee (const SkyRequirement *req)
{
  const SkyPurchaseOption *option = sky_purchase_option_lookup (req->term);

  return option != NULL && option->months > 0 && option->upfront != SKY_UPFRONT_NONE;
}

/* What one unit of quantity of @offer costs over @req's commitment, always on, in its price of
 * @req's purchase option for a line in a unit of time: the price for the term's hours (the
 * requirement's hours a month, else 730) or months, plus the upfront fee. FALSE when it has no
 * such price. Exact: it ranks offers, the line is priced apart. */
static gboolean
cost_over_term (const SkyOfferDetails *offer,
                const SkyRequirement  *req,
                SkyDecimal            *out)
{
  guint months = sky_term_months (req->term);
  SkyDecimal hours = req->month_hours_micro > 0
                     ? sky_decimal_from_scaled (req->month_hours_micro, 6)
                     : sky_decimal_from_int (730);
  const SkyUnit *hour = sky_unit_lookup ("hour");

  if (!sky_decimal_mul (hours, sky_decimal_from_int (months), &hours))
    return FALSE;
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      const SkyUnit *u = sky_unit_lookup (p->unit);
      SkyDecimal units;

      if (g_strcmp0 (p->term, req->term) != 0 || u == NULL || p->tiers->len > 0)
        continue;
      if (u->dimension == SKY_DIMENSION_MONTHS)
        {
          if (!sky_decimal_div (sky_decimal_from_int (months),
                                sky_decimal_from_int ((gint64) (u->numerator / u->denominator)),
                                10, SKY_ROUND_HALF_UP, &units))
            continue;
        }
      else if (u->dimension != SKY_DIMENSION_TIME ||
               !sky_unit_convert (hours, hour, u, 10, SKY_ROUND_HALF_UP, &units))
        continue;
      return sky_decimal_mul (units, sky_decimal_from_price (p->amount), &units) &&
             sky_decimal_add (units, sky_decimal_from_price (p->has_upfront_fee ? p->upfront_fee
                                                                                 : 0), out);
    }
  return FALSE;
}

/* Of @ids (cheapest first by their price per unit), the one that costs least over @req's
 * commitment with its upfront fee, for a requirement in a unit of time; the first on a tie, and
 * for any other unit. -1 on error. */
static gint64
least_over_term (SkyCatalog            *self,
                 GArray                *ids,
                 const SkyRequirement  *req,
                 GError               **error)
{
  const SkyUnit *unit = sky_unit_lookup (req->unit);
  gint64 best = g_array_index (ids, gint64, 0);
  gboolean has_least = FALSE;
  SkyDecimal least = sky_decimal_from_int (0);

  if (unit == NULL || unit->dimension != SKY_DIMENSION_TIME)
    return best;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SkyOfferDetails) offer = sky_catalog_get_offer (self, id, error);
      SkyDecimal cost;

      if (offer == NULL)
        return -1;
      if (!cost_over_term (offer, req, &cost) ||
          (has_least && sky_decimal_compare (cost, least) >= 0))
        continue;
      has_least = TRUE;
      least = cost;
      best = offer->offer_id;
    }
  return best;
}

/* The offer of the services @scope whose price in the requirement's unit and purchase option is
 * lowest among those that meet it (for a purchase option with an upfront fee, whose cost over
 * the term with the fee is lowest among the FEE_CANDIDATES cheapest per unit); ties go to the
 * offer listed first. An offer priced by components takes part at its price
 * for the size asked for, and wins only when it is cheaper. 0 when none does, -1 on error. */
gint64
sky_catalog_cheapest_offer_in (SkyCatalog            *self,
                               SkyMatchScope         *scope,
                               const SkyRequirement  *req,
                               GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) components = NULL;
  gint64 best;

  g_return_val_if_fail (SKY_IS_CATALOG (self), -1);
  g_return_val_if_fail (scope != NULL, -1);
  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, -1);

  if (scope->services->len == 0)
    return 0;
  if (!find_ids_locked (self, scope, req, KEEP_ALL, has_upfront_fee (req) ? FEE_CANDIDATES : 1,
                        ids, error))
    return -1;
  best = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  if (ids->len > 1 && (best = least_over_term (self, ids, req, error)) < 0)
    return -1;

  components = component_offers (self, scope, req, error);
  if (components == NULL)
    return -1;
  if (components->len > 0)
    {
      SkyOfferDetails *sized = g_ptr_array_index (components, 0);
      const SkyOfferPrice *hour = g_ptr_array_index (sized->prices, sized->prices->len - 1);

      if (best > 0)
        {
          g_autoptr(SkyOfferDetails) fixed = sky_catalog_get_offer (self, best, error);
          const SkyOfferPrice *p;

          if (fixed == NULL)
            return -1;
          p = flat_or_first_price (fixed, req->unit, req->term);
          if (p != NULL && p->amount <= hour->amount)
            return best;
          if (p == NULL && monthly_price_not_above (fixed, req, hour->amount))
            return best;
        }
      /* Compared at the catalog's 10 decimals; the line is priced exactly. */
      best = sized->offer_id;
    }
  return best;
}

/* The offer of @provider's services that @pins chooses (NULL: each service's current sheet)
 * whose price in the requirement's unit and purchase option is lowest among those that meet
 * it: sky_catalog_cheapest_offer_in(). 0 when none does, -1 on error. */
gint64
sky_catalog_cheapest_offer_pinned (SkyCatalog            *self,
                                   const char            *provider,
                                   const SkySheetPins    *pins,
                                   const SkyRequirement  *req,
                                   GError               **error)
{
  g_autoptr(SkyMatchScope) scope = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), -1);
  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, -1);

  scope = sky_catalog_match_scope_new (self, provider, pins, error);
  if (scope == NULL)
    return -1;
  return sky_catalog_cheapest_offer_in (self, scope, req, error);
}

/* As sky_catalog_cheapest_offer_pinned(), in @provider's sheet @version, or (NULL) in each
 * service's current sheet. */
gint64
sky_catalog_cheapest_offer (SkyCatalog            *self,
                            const char            *provider,
                            const char            *version,
                            const SkyRequirement  *req,
                            GError               **error)
{
  SkySheetPins pins = { version, NULL };

  return sky_catalog_cheapest_offer_pinned (self, provider, &pins, req, error);
}

/* Matching on every provider ------------------------------------------------------------- */

void
sky_match_free (SkyMatch *match)
{
  if (match == NULL)
    return;
  g_clear_pointer (&match->offer, sky_offer_details_free);
  g_free (match->unit);
  g_free (match->one_year_term);
  g_free (match->three_year_term);
  g_free (match);
}

void
sky_match_result_free (SkyMatchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->provider);
  g_free (result->provider_name);
  g_free (result->provider_short_name);
  g_free (result->sheet_version);
  g_free (result->currency);
  g_ptr_array_unref (result->matches);
  g_free (result->no_match);
  g_free (result);
}

/* A commitment's price per unit with its upfront fee spread over the term's hours. */
static gboolean
effective_price (const SkyOfferPrice *p,
                 guint                months,
                 guint                hours_per_month,
                 SkyDecimal          *out)
{
  SkyDecimal spread = sky_decimal_from_int (0);

  if (p->has_upfront_fee &&
      !sky_decimal_div (sky_decimal_from_price (p->upfront_fee),
                        sky_decimal_from_int ((gint64) months * hours_per_month), 10,
                        SKY_ROUND_HALF_UP, &spread))
    return FALSE;
  return sky_decimal_add (sky_decimal_from_price (p->amount), spread, out);
}

/* Keeps @value, the price of @term, as the best of a commitment when there is none yet or it
 * is cheaper. */
static void
keep_cheaper (gboolean    *has_best,
              SkyDecimal  *best,
              char       **best_term,
              SkyDecimal   value,
              const char  *term)
{
  if (*has_best && sky_decimal_compare (value, *best) >= 0)
    return;
  *has_best = TRUE;
  *best = value;
  g_free (*best_term);
  *best_term = g_strdup (term);
}

/* A month of @hours_per_month on demand at @p: every hour at the price, less the usage
 * discount's bands (an instance that runs all month has every band's share of the hours), and
 * at most the monthly cap. */
static gboolean
always_on_month (const SkyOfferPrice *p,
                 guint                hours_per_month,
                 SkyDecimal          *out)
{
  SkyDecimal hours = sky_decimal_from_int (hours_per_month);
  gboolean overflow = FALSE;

  if (p->usage_bands != NULL && p->usage_bands->len > 0)
    {
      /* Σ (to − from) × (100 − percent), in ten-thousandths of the month's hours. */
      SkyDecimal share = sky_decimal_from_int (0);

      for (guint i = 0; i < p->usage_bands->len; i++)
        {
          const SkySheetBand *b = &g_array_index (p->usage_bands, SkySheetBand, i);
          SkyDecimal width = sky_decimal_sub_or_flag (b->to, b->from, &overflow);
          SkyDecimal paid = sky_decimal_sub_or_flag (sky_decimal_from_int (100), b->percent,
                                                     &overflow);

          share = sky_decimal_add_or_flag (share, sky_decimal_mul_or_flag (width, paid,
                                                                           &overflow),
                                           &overflow);
        }
      hours = sky_decimal_mul_or_flag (sky_decimal_mul_or_flag (hours, share, &overflow),
                                       sky_decimal_from_scaled (1, 4), &overflow);
    }
  *out = sky_decimal_mul_or_flag (sky_decimal_from_price (p->amount), hours, &overflow);
  if (p->has_monthly_cap &&
      sky_decimal_compare (*out, sky_decimal_from_price (p->monthly_cap)) > 0)
    *out = sky_decimal_from_price (p->monthly_cap);
  *out = sky_decimal_normalize (*out);
  return !overflow;
}

/* The unit @offer is priced in for a requirement in @unit: @unit itself when it has a price
 * in it, else the first of its units of @unit's dimension; @unit when it has neither. */
static const char *
offer_unit (const SkyOfferDetails *offer,
            const char            *unit)
{
  const SkyUnit *u = sky_unit_lookup (unit);

  for (guint i = 0; i < offer->prices->len; i++)
    if (g_strcmp0 (((SkyOfferPrice *) g_ptr_array_index (offer->prices, i))->unit, unit) == 0)
      return unit;
  for (guint i = 0; u != NULL && i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      const SkyUnit *pu = sky_unit_lookup (p->unit);

      if (pu != NULL && pu->dimension == u->dimension)
        return pu->word.id;
    }
  return unit;
}

/* The price per hour of @p, a price per month or year, for a match in hours (@unit): over
 * @hours_per_month hours a month, to 10 decimals. FALSE for any other. */
static gboolean
per_month_for_hour (const SkyOfferPrice *p,
                    const char          *unit,
                    guint                hours_per_month,
                    SkyDecimal          *out)
{
  const SkyUnit *u = sky_unit_lookup (p->unit);

  if (strcmp (unit, "hour") != 0 || u == NULL || u->dimension != SKY_DIMENSION_MONTHS ||
      hours_per_month == 0)
    return FALSE;
  return sky_decimal_div (sky_decimal_from_price (p->amount),
                          sky_decimal_from_int ((gint64) hours_per_month *
                                                (gint64) (u->numerator / u->denominator)),
                          10, SKY_ROUND_HALF_UP, out);
}

/* Takes @offer; its prices in @unit (or the unit of its dimension it is priced in), by
 * purchase option; commitments priced per month or year too, per hour, for a match in hours. */
SkyMatch *
sky_match_new (SkyOfferDetails *offer,
               const char      *unit,
               guint            hours_per_month)
{
  SkyMatch *m = g_new0 (SkyMatch, 1);
  const SkyOfferPrice *on_demand = NULL;

  m->offer = offer;
  unit = offer_unit (offer, unit);
  m->unit = g_strdup (unit);
  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      guint months = sky_term_months (p->term);
      SkyDecimal value;

      if (g_strcmp0 (p->unit, unit) != 0 &&
          !(months > 0 && per_month_for_hour (p, unit, hours_per_month, &value)))
        continue;
      if (g_strcmp0 (p->unit, unit) != 0)
        {
          /* A commitment per month, shown per hour: its month over the month's hours. */
          SkyDecimal spread = sky_decimal_from_int (0);

          if (p->has_upfront_fee &&
              !sky_decimal_div (sky_decimal_from_price (p->upfront_fee),
                                sky_decimal_from_int ((gint64) months * hours_per_month), 10,
                                SKY_ROUND_HALF_UP, &spread))
            continue;
          if (!sky_decimal_add (value, spread, &value))
            continue;
          if (months == 12)
            keep_cheaper (&m->has_one_year, &m->one_year, &m->one_year_term, value, p->term);
          else if (months == 36)
            keep_cheaper (&m->has_three_year, &m->three_year, &m->three_year_term, value,
                          p->term);
          continue;
        }
      if (strcmp (p->term, "on-demand") == 0 && !m->has_on_demand)
        {
          m->has_on_demand = TRUE;
          m->on_demand = sky_decimal_from_price (p->amount);
          on_demand = p;
        }
      else if (strcmp (p->term, "spot") == 0 && !m->has_spot)
        {
          m->has_spot = TRUE;
          m->spot = sky_decimal_from_price (p->amount);
        }
      else if (months == 12 && effective_price (p, months, hours_per_month, &value))
        keep_cheaper (&m->has_one_year, &m->one_year, &m->one_year_term, value, p->term);
      else if (months == 36 && effective_price (p, months, hours_per_month, &value))
        keep_cheaper (&m->has_three_year, &m->three_year, &m->three_year_term, value, p->term);
    }

  if (m->has_on_demand && strcmp (unit, "hour") == 0)
    {
      m->has_monthly = always_on_month (on_demand, hours_per_month, &m->monthly);
      if (offer->vcpu_milli > 0)
        m->has_per_vcpu = sky_decimal_div (m->on_demand,
                                           sky_decimal_from_scaled (offer->vcpu_milli, 3), 10,
                                           SKY_ROUND_HALF_UP, &m->per_vcpu_hour);
      if (offer->memory_mgib > 0 && m->has_monthly)
        m->has_per_gib = sky_decimal_div (m->monthly,
                                          sky_decimal_from_scaled (offer->memory_mgib, 3), 10,
                                          SKY_ROUND_HALF_UP, &m->per_gib_month);
    }
  return m;
}

static char *
spec_text (gint64 milli)
{
  return milli < 0 ? g_strdup ("none")
                 : sky_decimal_to_string (sky_decimal_from_scaled (milli, 3));
}

/* @value, or the default @fallback, as a requirement or an offer states it. */
static const char *
or_default (const char *value,
            const char *fallback)
{
  return value != NULL ? value : fallback;
}

/* What people read for @id of @vocabulary: its title; @id itself when the table lacks it
 * (operating systems, storage types and engines may be any identifier), "unstated" for none. */
static const char *
title_of (SkyVocabulary  vocabulary,
          const char    *id)
{
  return id != NULL ? sky_vocabulary_title (vocabulary, id) : _("unstated");
}

/* Pre-installed software is any identifier; none is said in words. */
static const char *
software_title (const char *software)
{
  return strcmp (software, SKY_SOFTWARE_NONE) == 0 ? _("none") : software;
}

/* The row attributes describe_variant_miss() tells, in its order. */
typedef enum
{
  VARIANT_TENANCY,
  VARIANT_LICENCE,
  VARIANT_SOFTWARE,
  VARIANT_CAPACITY,
} Variant;

/* "its tenancy is Dedicated instance, not Shared": one sentence per attribute, so that each
 * is translated whole. */
static char *
variant_sentence (Variant     variant,
                  const char *has,
                  const char *wants)
{
  switch (variant)
    {
    case VARIANT_TENANCY:
      /* Translators: what the offer has, then what was asked for, by their titles */
      return g_strdup_printf (_("its tenancy is %s, not %s"), has, wants);
    case VARIANT_LICENCE:
      return g_strdup_printf (_("its licence is %s, not %s"), has, wants);
    case VARIANT_SOFTWARE:
      return g_strdup_printf (_("its pre-installed software is %s, not %s"), has, wants);
    case VARIANT_CAPACITY:
    default:
      return g_strdup_printf (_("its capacity is %s, not %s"), has, wants);
    }
}

/* Which of @offer's tenancy, licence, software and capacity differ from what @req asks for,
 * by their titles: "its tenancy is Dedicated instance, not Shared". */
static char *
describe_variant_miss (const SkyOfferDetails *offer,
                       const SkyRequirement  *req)
{
  const struct
  {
    Variant        variant;
    SkyVocabulary  vocabulary;
    const char    *has;
    const char    *wants;
  } parts[] = {
    { VARIANT_TENANCY, SKY_VOCABULARY_TENANCY, or_default (offer->tenancy, "shared"),
      or_default (req->tenancy, "shared") },
    { VARIANT_LICENCE, SKY_VOCABULARY_LICENCE, or_default (offer->licence, "included"),
      or_default (req->licence, "included") },
    { VARIANT_SOFTWARE, SKY_N_VOCABULARIES, or_default (offer->software, SKY_SOFTWARE_NONE),
      or_default (req->software, SKY_SOFTWARE_NONE) },
    { VARIANT_CAPACITY, SKY_VOCABULARY_CAPACITY, or_default (offer->capacity, "used"),
      or_default (req->capacity, "used") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gboolean software = parts[i].vocabulary == SKY_N_VOCABULARIES;
      const char *has, *wants;
      g_autofree char *sentence = NULL;

      if (strcmp (parts[i].wants, SKY_SEARCH_ANY) == 0 ||
          strcmp (parts[i].has, parts[i].wants) == 0)
        continue;
      has = software ? software_title (parts[i].has) : title_of (parts[i].vocabulary, parts[i].has);
      wants = software ? software_title (parts[i].wants)
                       : title_of (parts[i].vocabulary, parts[i].wants);
      if (text->len > 0)
        g_string_append (text, _(", and "));
      sentence = variant_sentence (parts[i].variant, has, wants);
      g_string_append (text, sentence);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What @offer has where @omit's constraint asked for something else. */
static char *
describe_miss (const SkyOfferDetails *offer,
               const SkyRequirement  *req,
               Omit                   omit)
{
  switch (omit)
    {
    case OMIT_REGION:
      /* Translators: regions by their providers' codes, as in "it is in eu-west, not us-east" */
      return g_strdup_printf (_("it is in %s, not %s"), offer->region, req->region);
    case OMIT_GEOGRAPHY:
      /* Translators: a region's code and its geography, then the geography asked for, as in
       * "it is in eu-west (Europe), not United States" */
      return g_strdup_printf (_("it is in %s (%s), not %s"), offer->region,
                              title_of (SKY_VOCABULARY_GEOGRAPHY, offer->geography),
                              title_of (SKY_VOCABULARY_GEOGRAPHY, req->geography));
    case OMIT_OS:
      return g_strdup_printf (_("its operating system is %s, not %s"),
                              title_of (SKY_VOCABULARY_OPERATING_SYSTEM, offer->os),
                              title_of (SKY_VOCABULARY_OPERATING_SYSTEM, req->os));
    case OMIT_VCPU:
      {
        g_autofree char *has = spec_text (offer->vcpu_milli), *want = spec_text (req->min_vcpu_milli);
        return g_strdup_printf (_("it has %s vCPU, fewer than %s"), has, want);
      }
    case OMIT_MEMORY:
      {
        g_autofree char *has = spec_text (offer->memory_mgib);
        g_autofree char *want = spec_text (req->min_memory_mgib);
        return g_strdup_printf (_("it has %s GiB of memory, less than %s"), has, want);
      }
    case OMIT_GPU:
      {
        g_autofree char *has = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (offer->gpu, 0));
        g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, req->min_gpu);
        return g_strdup_printf (_("it has %s GPU, fewer than %s"), has, want);
      }
    case OMIT_STORAGE:
      {
        g_autofree char *want = sky_vocabulary_join_titles (SKY_VOCABULARY_STORAGE_TYPE,
                                                            req->storage_types, _(" or "));
        return g_strdup_printf (_("its storage type is %s, not %s"),
                                title_of (SKY_VOCABULARY_STORAGE_TYPE, offer->storage_type),
                                want);
      }
    case OMIT_SLA:
      return g_strdup_printf (_("its SLA is %s %%, below %s %%"),
                              offer->sla != NULL ? offer->sla : _("unstated"), req->min_sla);
    case OMIT_ARCHITECTURE:
      return g_strdup_printf (_("its architecture is %s, not %s"),
                              title_of (SKY_VOCABULARY_ARCHITECTURE, offer->architecture),
                              title_of (SKY_VOCABULARY_ARCHITECTURE, req->architecture));
    case OMIT_VARIANT:
      return describe_variant_miss (offer, req);
    case OMIT_ENGINE:
      {
        const char *feature = NULL, *engine;

        for (guint j = 0; j + 1 < offer->features->len; j += 2)
          if (g_strcmp0 (g_ptr_array_index (offer->features, j), "engine") == 0)
            feature = g_ptr_array_index (offer->features, j + 1);
        engine = sky_offer_engine (offer->provider, offer->service, feature);
        return g_strdup_printf (_("its database engine is %s, not %s"),
                                title_of (SKY_VOCABULARY_ENGINE,
                                          engine != NULL ? engine : feature),
                                title_of (SKY_VOCABULARY_ENGINE, req->engine));
      }
    case OMIT_FEATURES:
      {
        g_autoptr(GString) missing = g_string_new (NULL);
        for (guint i = 0; req->features[i] != NULL; i++)
          {
            gboolean has = FALSE;
            for (guint j = 0; j + 1 < offer->features->len; j += 2)
              has = has || g_strcmp0 (g_ptr_array_index (offer->features, j), req->features[i]) == 0;
            if (!has)
              g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                                      req->features[i]);
          }
        return g_strdup_printf (_("it lacks the feature %s"), missing->str);
      }
    case KEEP_ALL:
    default:
      return g_strdup ("");
    }
}

/* The size a requirement asks for, or an offer has, in words: "4 vCPU, 16 GiB, 1 GPU". */
static char *
size_text (gint64 vcpu_milli,
           gint64 memory_mgib,
           gint64 gpu)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (vcpu_milli > 0)
    {
      g_autofree char *n = spec_text (vcpu_milli);
      g_string_append_printf (text, "%s vCPU", n);
    }
  if (memory_mgib > 0)
    {
      g_autofree char *n = spec_text (memory_mgib);
      g_string_append_printf (text, "%s%s GiB", text->len > 0 ? ", " : "", n);
    }
  if (gpu > 0)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT " GPU", text->len > 0 ? ", " : "", gpu);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "m6i.xlarge (m6i.xlarge.linux.us-east-1, 4 vCPU, 16 GiB) at 0.192 USD per hour": @offer with
 * its size as @req counts it and its price per @req's unit in @term. */
static char *
offer_at_price (const SkyOfferDetails *offer,
                const SkyRequirement  *req,
                const char            *term)
{
  g_autofree char *size = size_text (req->min_vcpu_milli > 0 ? offer->vcpu_milli : 0,
                                     req->min_memory_mgib > 0 ? offer->memory_mgib : 0,
                                     req->min_gpu > 0 ? offer->gpu : 0);

  const char *unit = offer_unit (offer, req->unit);

  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      g_autofree char *price = NULL;

      if (g_strcmp0 (p->term, term) != 0 || g_strcmp0 (p->unit, unit) != 0)
        continue;
      price = sky_decimal_to_string (sky_decimal_from_price (p->amount));
      /* Translators: an offer's name, SKU and size, its price, currency and unit, as in
       * "big (big-32, 32 vCPU, 128 GiB) at 0.05 EUR per Hour" */
      return g_strdup_printf (p->has_upfront_fee ? _("%s (%s, %s) at %s %s per %s and an "
                                                     "upfront fee")
                                                 : _("%s (%s, %s) at %s %s per %s"),
                              offer->name, offer->sku, size, price, offer->currency,
                              sky_vocabulary_title (SKY_VOCABULARY_UNIT, p->unit));
    }
  return g_strdup_printf ("%s (%s, %s)", offer->name, offer->sku, size);
}

/* The first offer of the services @scope that meets @req but what @omit leaves out, or NULL; FALSE on
 * error. */
static gboolean
nearest_offer (SkyCatalog            *self,
               SkyMatchScope         *scope,
               const SkyRequirement  *req,
               Omit                   omit,
               SkyOfferDetails      **out,
               GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = find_ids_locked (self, scope, req, omit, 1, ids, error);

  *out = NULL;
  if (!ok)
    return FALSE;
  if (ids->len > 0)
    *out = sky_catalog_get_offer (self, g_array_index (ids, gint64, 0), error);
  return ids->len == 0 || *out != NULL;
}

/* When the band of sizes is what keeps every offer out: the cheapest offer past it, and, for a
 * commitment, the same size on demand. "" when the band is not the cause; NULL on error. */
static char *
explain_band (SkyCatalog           *self,
              SkyMatchScope        *scope,
              const SkyRequirement *req,
              GError              **error)
{
  g_autoptr(SkyOfferDetails) past = NULL;
  g_autoptr(SkyOfferDetails) on_demand = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *size = size_text (req->min_vcpu_milli, req->min_memory_mgib, req->min_gpu);
  g_autofree char *factor = spec_text (req->max_oversize_milli > 0
                                       ? MAX (req->max_oversize_milli, 1000)
                                       : SKY_MAX_OVERSIZE_DEFAULT_MILLI);
  g_autofree char *past_text = NULL;

  if (*size == '\0')
    return g_strdup ("");
  if (!nearest_offer (self, scope, req, OMIT_BAND, &past, error))
    return NULL;
  if (past == NULL)
    return g_strdup ("");

  /* Translators: the band's factor, the size asked for, a unit and a purchase option, as in
   * "none within 2 × the size asked for (4 vCPU, 16 GiB) is priced per Hour, Reserved 3 yr,
   * no upfront" */
  g_string_append_printf (why, _("none within %s × the size asked for (%s) is priced per %s, %s"),
                          factor, size, sky_vocabulary_title (SKY_VOCABULARY_UNIT, req->unit),
                          sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, req->term));
  if (g_strcmp0 (req->term, "on-demand") != 0)
    {
      SkyRequirement same_size = *req;

      same_size.term = "on-demand";
      if (!nearest_offer (self, scope, &same_size, KEEP_ALL, &on_demand, error))
        return NULL;
      if (on_demand != NULL)
        {
          g_autofree char *text = offer_at_price (on_demand, req, "on-demand");
          g_string_append_printf (why, _("; that size is on offer on demand: %s"), text);
        }
    }
  past_text = offer_at_price (past, req, req->term);
  /* Translators: a purchase option, then an offer with its price; max-oversize is the
   * scenario file's attribute and stays as it is */
  g_string_append_printf (why, _("; the cheapest offer past the band (%s) is %s (max-oversize "
                                 "widens the band)"),
                          sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, req->term),
                          past_text);
  return g_string_free (g_steal_pointer (&why), FALSE);
}

/* Why no offer of a sheet meets @req: when the band of sizes is the cause, the nearest offers
 * on either side of it; otherwise, for each constraint that, left out, lets an offer through,
 * the cheapest such offer and what it has instead (@is_list is then TRUE); otherwise a
 * sentence of its own. */
static char *
explain_detail (SkyCatalog           *self,
                SkyMatchScope        *scope,
                const SkyRequirement *req,
                const char           *provider_name,
                gboolean             *is_list,
                GError              **error)
{
  static const Omit constraints[] = { OMIT_REGION, OMIT_GEOGRAPHY, OMIT_OS, OMIT_VCPU,
                                      OMIT_MEMORY, OMIT_GPU, OMIT_STORAGE, OMIT_SLA,
                                      OMIT_FEATURES, OMIT_ARCHITECTURE, OMIT_VARIANT,
                                      OMIT_ENGINE };
  const gboolean present[] = {
    req->region != NULL, req->geography != NULL, req->os != NULL, req->min_vcpu_milli > 0,
    req->min_memory_mgib > 0, req->min_gpu > 0,
    req->storage_types != NULL && req->storage_types[0] != NULL, req->min_sla != NULL,
    req->features != NULL && req->features[0] != NULL,
    req->architecture != NULL && strcmp (req->architecture, SKY_SEARCH_ANY) != 0,
    /* Every requirement asks for a row: the default one unless it says otherwise. */
    TRUE,
    req->engine != NULL && strcmp (req->engine, SKY_SEARCH_ANY) != 0,
  };
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GArray) any = g_array_new (FALSE, FALSE, sizeof (gint64));
  Omit everything = OMIT_BAND;

  /* Every search below leaves out less than this one: when it finds nothing, neither do they,
   * and none of them is made (each may read every price of the requirement's buckets). */
  for (gsize i = 0; i < G_N_ELEMENTS (constraints); i++)
    if (present[i])
      everything |= constraints[i];
  if (!find_ids_locked (self, scope, req, everything, 1, any, error))
    return NULL;

  *is_list = TRUE;
  if (any->len > 0)
    {
      g_autofree char *band = explain_band (self, scope, req, error);

      if (band == NULL)
        return NULL;
      if (*band != '\0')
        return g_steal_pointer (&band);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (constraints) && any->len > 0; i++)
    {
      g_autoptr(SkyOfferDetails) nearest = NULL;
      g_autofree char *miss = NULL;

      if (!present[i])
        continue;
      if (!nearest_offer (self, scope, req, constraints[i], &nearest, error))
        return NULL;
      if (nearest == NULL)
        continue;
      miss = describe_miss (nearest, req, constraints[i]);
      if (why->len > 0)
        g_string_append (why, "; ");
      /* Translators: an offer's name and SKU, then what keeps it out */
      g_string_append_printf (why, _("%s (%s) would match but %s"), nearest->name, nearest->sku,
                              miss);
    }
  if (why->len > 0)
    return g_string_free (g_steal_pointer (&why), FALSE);

  *is_list = FALSE;
  {
    /* Translators: a provider, a category, a unit and a purchase option, as in
     * "Example Cloud has no offer in Database priced per Hour, On demand" */
    if (any->len == 0)
      return g_strdup_printf (_("%s has no offer in %s priced per %s, %s"), provider_name,
                              sky_vocabulary_title (SKY_VOCABULARY_CATEGORY, req->category),
                              sky_vocabulary_title (SKY_VOCABULARY_UNIT, req->unit),
                              sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, req->term));
    /* Translators: a category and a provider, as in "every offer in Compute of Other Cloud
     * misses two or more of the constraints" */
    return g_strdup_printf (_("every offer in %s of %s misses two or more of the constraints"),
                            sky_vocabulary_title (SKY_VOCABULARY_CATEGORY, req->category),
                            provider_name);
  }
}

/* Why no offer of a sheet meets @req, as a sentence. */
static char *
explain_no_match (SkyCatalog           *self,
                  SkyMatchScope        *scope,
                  const SkyRequirement *req,
                  const char           *provider_name,
                  GError              **error)
{
  gboolean is_list;
  g_autofree char *detail = explain_detail (self, scope, req, provider_name, &is_list, error);

  if (detail == NULL)
    return NULL;
  if (!is_list)
    return g_steal_pointer (&detail);
  /* Translators: a provider, then the nearest offers and what keeps each out */
  return g_strdup_printf (_("no offer of %s meets every constraint: %s"), provider_name, detail);
}

/* Why no offer of the services @scope meets @req: the nearest offers and what keeps each out.
 * NULL on error, or when @scope holds no service. */
char *
sky_catalog_explain_no_match_in (SkyCatalog            *self,
                                 SkyMatchScope         *scope,
                                 const char            *provider_name,
                                 const SkyRequirement  *req,
                                 GError               **error)
{
  gboolean is_list;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, NULL);

  if (scope->services->len == 0)
    return NULL;
  return explain_detail (self, scope, req, provider_name, &is_list, error);
}

/* Why no offer of @provider's services that @pins chooses (NULL: each service's current
 * sheet) meets @req: sky_catalog_explain_no_match_in(). NULL on error, or when no sheet holds
 * any of them. */
char *
sky_catalog_explain_no_match_pinned (SkyCatalog            *self,
                                     const char            *provider,
                                     const SkySheetPins    *pins,
                                     const char            *provider_name,
                                     const SkyRequirement  *req,
                                     GError               **error)
{
  g_autoptr(SkyMatchScope) scope = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (req->category != NULL && req->unit != NULL && req->term != NULL, NULL);

  scope = sky_catalog_match_scope_new (self, provider, pins, error);
  if (scope == NULL)
    return NULL;
  return sky_catalog_explain_no_match_in (self, scope, provider_name, req, error);
}

/* As sky_catalog_explain_no_match_pinned(), in @provider's sheet @version, or (NULL) in each
 * service's current sheet. */
char *
sky_catalog_explain_no_match (SkyCatalog            *self,
                              const char            *provider,
                              const char            *version,
                              const char            *provider_name,
                              const SkyRequirement  *req,
                              GError               **error)
{
  SkySheetPins pins = { version, NULL };

  return sky_catalog_explain_no_match_pinned (self, provider, &pins, provider_name, req, error);
}

/* Adds to @matches (SkyMatch, cheapest on demand first) the offers of the services @scope
 * priced by components that meet @req on demand, each sized as @req asks and with its prices per hour in
 * every purchase option it has both components of, in their place by price; keeps @limit. */
static gboolean
add_component_matches (SkyCatalog            *self,
                       SkyMatchScope         *scope,
                       const SkyRequirement  *req,
                       guint                  hours_per_month,
                       guint                  limit,
                       GPtrArray             *matches,
                       GError               **error)
{
  g_autoptr(GPtrArray) offers = component_offers (self, scope, req, error);

  if (offers == NULL)
    return FALSE;
  while (offers->len > 0)
    {
      SkyOfferDetails *offer = g_ptr_array_index (offers, 0);
      g_auto(GStrv) terms = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      SkyMatch *m;
      guint at = 0;

      /* The other purchase options of the two components. */
      for (guint j = 0; j < offer->prices->len; j++)
        {
          const SkyOfferPrice *p = g_ptr_array_index (offer->prices, j);
          if (g_strcmp0 (p->unit, "vcpu-hour") == 0 && g_strcmp0 (p->term, req->term) != 0)
            g_strv_builder_add (builder, p->term);
        }
      terms = g_strv_builder_end (builder);
      for (guint j = 0; terms[j] != NULL; j++)
        {
          SkyComponentPrice cp;
          sky_offer_add_component_price (offer, terms[j], req->min_vcpu_milli,
                                         req->min_memory_mgib, &cp);
        }
      offer->vcpu_milli = req->min_vcpu_milli;
      offer->memory_mgib = req->min_memory_mgib;
      m = sky_match_new (g_ptr_array_steal_index (offers, 0), "hour", hours_per_month);
      while (at < matches->len &&
             sky_decimal_compare (((SkyMatch *) g_ptr_array_index (matches, at))->on_demand,
                                  m->on_demand) <= 0)
        at++;
      g_ptr_array_insert (matches, at, m);
    }
  if (matches->len > limit)
    g_ptr_array_set_size (matches, limit);
  return TRUE;
}

/* For each provider with a current sheet (or those of @providers), its offers that meet @req
 * in each service's current sheet,
 * cheapest on demand first, at most @limit; or why none does. @req's purchase option is
 * ignored: on-demand prices rank, and every option is reported. SkyMatchResult. */
GPtrArray *
sky_catalog_match (SkyCatalog            *self,
                   const char * const    *providers,
                   const SkyRequirement  *req,
                   guint                  hours_per_month,
                   guint                  limit,
                   GError               **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_match_result_free);
  g_autoptr(GPtrArray) sheets = NULL;
  SkyRequirement on_demand = *req;
  const char *done = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (req->category != NULL, NULL);

  on_demand.term = "on-demand";
  if (on_demand.unit == NULL)
    on_demand.unit = sky_category_default_unit (req->category);

  sheets = sky_catalog_list_sheets (self, error);
  if (sheets == NULL)
    return NULL;
  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      SkyMatchResult *r;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(SkyMatchScope) scope = NULL;
      gboolean ok;

      /* Sheets come by provider, the newest first: the first current one of a provider stands
       * for it, and its offers are looked for in every current sheet of the provider. */
      if (!info->current || (providers != NULL && !g_strv_contains (providers, info->provider)) ||
          (done != NULL && strcmp (done, info->provider) == 0))
        continue;
      done = info->provider;
      r = g_new0 (SkyMatchResult, 1);
      r->provider = g_strdup (info->provider);
      r->provider_name = g_strdup (info->provider_name);
      r->provider_short_name = g_strdup (info->provider_short_name);
      r->sheet_version = g_strdup (info->version);
      r->currency = g_strdup (info->currency);
      r->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_match_free);
      g_ptr_array_add (results, r);

      scope = sky_catalog_match_scope_new (self, info->provider, NULL, error);
      if (scope == NULL)
        return NULL;
      ok = find_ids_locked (self, scope, &on_demand, KEEP_ALL, limit > 0 ? limit : 10, ids,
                            error);
      if (!ok)
        return NULL;
      for (guint j = 0; j < ids->len; j++)
        {
          SkyOfferDetails *offer = sky_catalog_get_offer (self, g_array_index (ids, gint64, j),
                                                          error);
          if (offer == NULL)
            return NULL;
          g_ptr_array_add (r->matches, sky_match_new (offer, on_demand.unit, hours_per_month));
        }
      if (!add_component_matches (self, scope, &on_demand, hours_per_month,
                                  limit > 0 ? limit : 10, r->matches, error))
        return NULL;
      if (r->matches->len == 0)
        {
          r->no_match = explain_no_match (self, scope, &on_demand, info->provider_name, error);
          if (r->no_match == NULL)
            return NULL;
        }
    }

  /* Providers asked for that have no current sheet say so. */
  for (guint i = 0; providers != NULL && providers[i] != NULL; i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < results->len && !found; j++)
        found = g_strcmp0 (((SkyMatchResult *) g_ptr_array_index (results, j))->provider,
                           providers[i]) == 0;
      if (!found)
        {
          SkyMatchResult *r = g_new0 (SkyMatchResult, 1);
          r->provider = g_strdup (providers[i]);
          r->provider_name = g_strdup (providers[i]);
          r->provider_short_name = g_strdup (providers[i]);
          r->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_match_free);
          r->no_match = g_strdup_printf (_("the catalog has no current price sheet of %s"),
                                         providers[i]);
          g_ptr_array_add (results, r);
        }
    }
  return g_steal_pointer (&results);
}
