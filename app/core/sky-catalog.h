/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-decimal.h"
#include "sky-sheet-reader.h"

G_BEGIN_DECLS

#define SKY_CATALOG_SCHEMA_VERSION 27
#define SKY_HOURS_PER_MONTH 730

#define SKY_CATALOG_ERROR (sky_catalog_error_quark ())

typedef enum
{
  SKY_CATALOG_ERROR_OPEN,
  SKY_CATALOG_ERROR_NOT_A_CATALOG,
  SKY_CATALOG_ERROR_TOO_NEW,
  SKY_CATALOG_ERROR_CORRUPT,
  SKY_CATALOG_ERROR_VERSION_CONFLICT,
  SKY_CATALOG_ERROR_DATABASE,
  SKY_CATALOG_ERROR_INVALID_QUERY,
  SKY_CATALOG_ERROR_NO_OFFERS,
  SKY_CATALOG_ERROR_NO_SUCH_SHEET,
  SKY_CATALOG_ERROR_READ_ONLY,
} SkyCatalogError;

typedef enum
{
  SKY_CATALOG_OPEN_DEFAULT = 0,
  SKY_CATALOG_OPEN_READ_ONLY = 1 << 0,   /* write nothing, even where the catalog could be */
} SkyCatalogOpenFlags;

typedef enum
{
  SKY_IMPORT_FLAGS_NONE = 0,
  SKY_IMPORT_FLAGS_FORCE = 1 << 0,   /* import a sheet without offers too */
} SkyImportFlags;

typedef enum
{
  SKY_IMPORT_ADDED,
  SKY_IMPORT_UNCHANGED,
} SkyImportStatus;

/* Whether the bundled price sheets are in the catalog. */
typedef enum
{
  SKY_BUNDLED_SHEETS_PENDING,   /* never all loaded: the next start loads them */
  SKY_BUNDLED_SHEETS_LOADED,
  SKY_BUNDLED_SHEETS_DECLINED,  /* the user did not want them, or removed one */
} SkyBundledSheets;

typedef struct
{
  SkyImportStatus status;
  char           *file;
  char           *provider;
  char           *provider_name;
  char           *version;
  char           *effective_date;
  guint64         offers;
  gboolean        current;
  gboolean        upcoming;      /* effective after today: current from that date on */
  char           *superseded;    /* the version that was current before for a service this one
                                 * is current for now, if it replaced one */
  /* As in SkySheetInfo, after the import: the services it is current for, and the others with
   * the version current for each. NULL when the sheet was not added. */
  GStrv           current_services;
  GStrv           superseded_services;
  GStrv           superseded_by;
} SkyImportResult;

typedef struct
{
  char     *provider;
  char     *provider_name;
  char     *provider_short_name;  /* for narrow places; the name when the sheet gave none */
  char     *version;
  char     *effective_date;
  char     *currency;
  char     *source;
  char     *retrieved;
  char     *imported_at;
  guint64   offers;
  gboolean  current;        /* current for at least one of its services */
  gboolean  upcoming;       /* effective after today: current from that date on */
  /* Which sheet is current is decided per service: the ids of the services this sheet is
   * current for, and of those another sheet is current for, with that sheet's version at the
   * same index of superseded_by; in the order the sheet lists them. Never NULL. */
  GStrv     current_services;
  GStrv     superseded_services;
  GStrv     superseded_by;
} SkySheetInfo;

typedef enum
{
  SKY_SORT_PRICE,
  SKY_SORT_VCPU,
  SKY_SORT_MEMORY,
  SKY_SORT_PROVIDER,         /* by the provider's display name */
  SKY_SORT_NAME,             /* by the offer's name */
  SKY_SORT_REGION,           /* by region code */
  SKY_SORT_SERVICE,          /* by the service's display name */
  SKY_SORT_TERM,             /* by purchase option */
  SKY_SORT_PER_VCPU,         /* hourly price per vCPU; other prices last */
  SKY_SORT_PER_GIB,          /* hourly price per GiB of memory; other prices last */
  SKY_SORT_ARCHITECTURE,     /* by processor architecture; offers that state none last */
  SKY_SORT_UNIT_PRICE,       /* by unit in the vocabulary's order, then by price: prices in
                              * unlike units never mix; by price when the search names a unit */
} SkySort;

/* A search's attribute that takes every value. */
#define SKY_SEARCH_ANY "any"

typedef struct
{
  const char *provider;
  const char *region;
  const char *geography;
  const char *category;
  const char *os;
  const char *term;
  const char *text;            /* matched in name, SKU and service name */
  /* Which rows of offers: NULL for the default row (shared tenancy, licence included, no
   * pre-installed software, used capacity), an id for that one, SKY_SEARCH_ANY for every one.
   * The architecture is any when NULL. */
  const char *architecture;
  const char *tenancy;
  const char *licence;
  const char *software;        /* an identifier, or "none" */
  const char *capacity;
  const char *unit;            /* the unit of the prices kept; NULL for every unit */
  gint64      min_vcpu_milli;  /* 0 for no minimum */
  gint64      min_memory_mgib;
  gboolean    has_max_price;
  gint64      max_price;       /* 10^-SKY_PRICE_SCALE units */
  SkySort     sort;
  gboolean    descending;      /* largest first */
  guint       limit;           /* 0 for no limit */
  guint       offset;
  GCancellable *cancellable;   /* stops a search or count under way; NULL for none */
} SkySearchQuery;

typedef struct
{
  char     *provider;
  char     *provider_name;
  char     *provider_short_name;  /* for narrow places; the name when the sheet gave none */
  char     *sheet_version;
  char     *currency;
  char     *region;
  char     *region_name;
  char     *geography;
  char     *service;
  char     *service_name;
  char     *category;
  char     *sku;
  char     *name;
  char     *family;
  char     *os;
  char     *storage_type;
  char     *sla;
  gint64    vcpu_milli;     /* -1 when the offer has none */
  gint64    memory_mgib;
  gint64    gpu;
  char     *term;
  char     *unit;
  gint64    price;          /* 10^-SKY_PRICE_SCALE units; the first tier's for tiered prices */
  gboolean  tiered;
  gboolean  has_upfront_fee;
  gint64    upfront_fee;
  char     *free_quantity;
  char     *effective_date; /* the price's own, YYYY-MM-DD; NULL: the sheet's */
  gint64    offer_id;       /* for sky_catalog_get_offer() */
  char     *architecture;   /* NULL when the sheet does not say */
  char     *tenancy;        /* the vocabulary's ids */
  char     *licence;
  char     *software;       /* NULL for none */
  char     *capacity;
  gboolean  has_monthly_cap;
  gint64    monthly_cap;    /* 10^-SKY_PRICE_SCALE units: a month of the hourly price costs at
                             * most this */
} SkyListing;

typedef struct
{
  char   *from;             /* exact decimal text, in the price's unit */
  char   *to;               /* NULL for the last, open-ended tier */
  gint64  amount;           /* 10^-SKY_PRICE_SCALE units */
} SkyOfferTier;

typedef struct
{
  char      *term;
  char      *unit;
  gint64     amount;        /* the first tier's for tiered prices */
  gboolean   has_upfront_fee;
  gint64     upfront_fee;
  char      *free_quantity;
  GPtrArray *tiers;         /* SkyOfferTier; empty for a flat price */
  gboolean   has_monthly_cap;
  gint64     monthly_cap;   /* what one unit of quantity costs a month at most */
  char      *usage_discount; /* the id of the sheet's usage discount, or NULL */
  GArray    *usage_bands;   /* its SkySheetBand, from 0 to 100; NULL without one */
  char      *effective_date; /* YYYY-MM-DD, the price's own when its source gave one; NULL:
                              * the sheet's */
} SkyOfferPrice;

typedef struct
{
  gint64     offer_id;
  char      *provider;
  char      *provider_name;
  char      *provider_short_name;  /* for narrow places; the name when the sheet gave none */
  char      *sheet_version;
  char      *effective_date;
  char      *currency;
  char      *source;
  char      *retrieved;
  char      *service;
  char      *service_name;
  char      *category;
  char      *sku;
  char      *name;
  char      *family;
  char      *region;
  char      *region_name;
  char      *geography;
  char      *os;
  char      *storage_type;
  char      *sla;
  gint64     vcpu_milli;
  gint64     memory_mgib;
  gint64     gpu;
  GPtrArray *features;      /* key, value, key, value, ... */
  GPtrArray *prices;        /* SkyOfferPrice, in the sheet's order */
  char      *architecture;  /* NULL when the sheet does not say */
  char      *tenancy;       /* the vocabulary's ids */
  char      *licence;
  char      *software;      /* NULL for none */
  char      *capacity;
} SkyOfferDetails;

/* What changed between two sheets of one provider (sky_catalog_diff_sheets()). Offers are told
 * apart by SKU and region; a price by its offer's SKU and region, its purchase option, unit and
 * the offer's row (tenancy, licence, pre-installed software, capacity status). */
typedef struct
{
  guint64 offers_added;
  guint64 offers_removed;
  guint64 prices_lower;      /* of the prices in both: compared by amount, then upfront fee */
  guint64 prices_higher;
  guint64 prices_unchanged;
  guint64 prices_new;        /* in the new sheet only */
  guint64 prices_gone;       /* in the old sheet only */
} SkySheetDiff;

#define SKY_TYPE_CATALOG (sky_catalog_get_type ())

G_DECLARE_FINAL_TYPE (SkyCatalog, sky_catalog, SKY, CATALOG, GObject)

GQuark            sky_catalog_error_quark      (void);

SkyCatalog       *sky_catalog_open             (const char          *path,
                                                GError             **error);
SkyCatalog       *sky_catalog_open_cancellable (const char          *path,
                                                GCancellable        *cancellable,
                                                GError             **error);
SkyCatalog       *sky_catalog_open_full        (const char          *path,
                                                SkyCatalogOpenFlags  flags,
                                                GCancellable        *cancellable,
                                                GError             **error);
gboolean          sky_catalog_is_read_only     (SkyCatalog          *self);
gboolean          sky_catalog_is_unchanging    (SkyCatalog          *self);
gboolean          sky_catalog_set_query_only   (SkyCatalog          *self,
                                                GError             **error);
const char       *sky_catalog_get_path         (SkyCatalog          *self);
gboolean          sky_catalog_begin_read       (SkyCatalog          *self,
                                                GError             **error);
void              sky_catalog_end_read         (SkyCatalog          *self);
gboolean          sky_catalog_check            (SkyCatalog          *self,
                                                GError             **error);
gboolean          sky_catalog_has_sheets       (SkyCatalog          *self,
                                                GError             **error);
gboolean          sky_catalog_has_current_sheets (SkyCatalog        *self,
                                                  GError           **error);
SkyImportResult  *sky_catalog_import_file      (SkyCatalog          *self,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                SkyProgressFunc      progress,
                                                gpointer             progress_data,
                                                GError             **error);
SkyImportResult  *sky_catalog_import_file_full (SkyCatalog          *self,
                                                const char          *path,
                                                SkyImportFlags       flags,
                                                GCancellable        *cancellable,
                                                SkyProgressFunc      progress,
                                                gpointer             progress_data,
                                                GError             **error);
void              sky_catalog_import_file_async  (SkyCatalog          *self,
                                                  const char          *path,
                                                  SkyProgressFunc      progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SkyImportResult  *sky_catalog_import_file_finish (SkyCatalog          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
GPtrArray        *sky_catalog_list_sheet_files (const char          *directory,
                                                GError             **error);
GPtrArray        *sky_catalog_seed             (SkyCatalog          *self,
                                                const char          *directory,
                                                GCancellable        *cancellable,
                                                GError             **error);
void              sky_catalog_seed_async       (SkyCatalog          *self,
                                                const char          *directory,
                                                SkyProgressFunc      progress,
                                                gpointer             progress_data,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray        *sky_catalog_seed_finish      (SkyCatalog          *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean          sky_catalog_remove_sheet     (SkyCatalog          *self,
                                                const char          *provider,
                                                const char          *version,
                                                GError             **error);
void              sky_catalog_remove_sheet_async  (SkyCatalog          *self,
                                                   const char          *provider,
                                                   const char          *version,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          sky_catalog_remove_sheet_finish (SkyCatalog          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean          sky_catalog_get_bundled_sheets (SkyCatalog        *self,
                                                  SkyBundledSheets  *state,
                                                  GError           **error);
gboolean          sky_catalog_decline_bundled_sheets (SkyCatalog     *self,
                                                      GError        **error);
GPtrArray        *sky_catalog_list_sheets      (SkyCatalog          *self,
                                                GError             **error);
GPtrArray        *sky_catalog_list_regions     (SkyCatalog          *self,
                                                GError             **error);
GPtrArray        *sky_catalog_list_provider_regions (SkyCatalog     *self,
                                                     const char     *provider,
                                                     GError        **error);
GPtrArray        *sky_catalog_search           (SkyCatalog          *self,
                                                const SkySearchQuery *query,
                                                GError             **error);
gboolean          sky_catalog_count            (SkyCatalog          *self,
                                                const SkySearchQuery *query,
                                                guint64             *count,
                                                GError             **error);

const char       *sky_catalog_bundled_sheets_dir (void);
char             *sky_catalog_default_path       (void);

gboolean          sky_catalog_diff_sheets      (SkyCatalog          *self,
                                                const char          *provider,
                                                const char          *old_version,
                                                const char          *new_version,
                                                SkySheetDiff        *diff,
                                                GError             **error);
char             *sky_sheet_diff_describe      (const SkySheetDiff  *diff);

gboolean          sky_listing_monthly          (const SkyListing    *listing,
                                                SkyDecimal          *monthly);
gboolean          sky_listing_monthly_hours    (const SkyListing    *listing,
                                                guint                hours,
                                                SkyDecimal          *monthly);
SkyOfferDetails  *sky_catalog_get_offer        (SkyCatalog          *self,
                                                gint64               offer_id,
                                                GError             **error);
void              sky_offer_details_free       (SkyOfferDetails     *details);
void              sky_offer_price_free         (SkyOfferPrice       *price);
void              sky_offer_tier_free          (SkyOfferTier        *tier);

void              sky_import_result_free       (SkyImportResult     *result);
void              sky_sheet_info_free          (SkySheetInfo        *info);
char             *sky_sheet_info_describe      (const SkySheetInfo  *info);
char             *sky_import_result_describe   (const SkyImportResult *result);
SkyListing       *sky_listing_copy             (const SkyListing    *listing);
void              sky_listing_free             (SkyListing          *listing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyImportResult, sky_import_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkySheetInfo, sky_sheet_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyListing, sky_listing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyOfferDetails, sky_offer_details_free)

G_END_DECLS
