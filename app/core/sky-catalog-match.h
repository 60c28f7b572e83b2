/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  SKY_RANK_PRICE,                        /* the unit price, so a month of it too */
  SKY_RANK_PER_VCPU,                     /* the price per vCPU */
  SKY_RANK_PER_GIB,                      /* the price per GiB of memory */
} SkyRank;

/* How far past each minimum of vCPU, memory and GPUs a matching offer may go, in thousandths:
 * by default twice the size asked for. */
#define SKY_MAX_OVERSIZE_DEFAULT_MILLI 2000

/* What a workload needs of an offer; NULL or 0 leaves a field open. An offer matches only
 * within the band of the size asked for: at most max_oversize_milli / 1000 times each minimum
 * that is set. Of an offer's rows, only the default one matches (shared tenancy, licence
 * included, no pre-installed software, used capacity) unless tenancy, licence, software or
 * capacity asks for another (SKY_SEARCH_ANY: any). */
typedef struct
{
  const char         *category;
  const char         *unit;              /* the price's unit */
  const char         *term;              /* the purchase option */
  gint64              min_vcpu_milli;
  gint64              min_memory_mgib;
  const char         *region;
  const char         *geography;
  const char         *os;
  const char * const *storage_types;     /* any of these */
  gint64              min_gpu;
  const char         *min_sla;           /* a percentage, e.g. "99.95" */
  const char * const *features;          /* keys the offer must have; "key=value": that
                                          * value of the key */
  const char         *service;           /* only this service's offers (its id) */
  SkyRank             rank;              /* how matches are ordered, cheapest first */
  gint64              max_oversize_milli; /* 0 for SKY_MAX_OVERSIZE_DEFAULT_MILLI */
  const char         *architecture;      /* NULL for any */
  const char         *tenancy;           /* NULL for shared */
  const char         *licence;           /* NULL for included */
  const char         *software;          /* NULL or "none" for none */
  const char         *capacity;          /* NULL for used */
  const char         *engine;            /* a database engine (SKY_VOCABULARY_ENGINE); NULL
                                          * for any */
  gint64              month_hours_micro; /* > 0, for a commitment in a unit of time: the hours
                                          * of a month in millionths, at which the term's
                                          * prices per month or year compete too */
} SkyRequirement;

/* One offer that meets a requirement, with its prices per purchase option in the sheet's
 * currency. A commitment's price is effective: its upfront fee spread over the hours of its
 * term. */
typedef struct
{
  SkyOfferDetails *offer;
  char            *unit;
  gboolean         has_on_demand;
  SkyDecimal       on_demand;
  gboolean         has_one_year;
  SkyDecimal       one_year;
  char            *one_year_term;
  gboolean         has_three_year;
  SkyDecimal       three_year;
  char            *three_year_term;
  gboolean         has_spot;
  SkyDecimal       spot;
  gboolean         has_monthly;      /* on demand, for a month of hourly use: with the usage
                                      * discount and the monthly cap of the price, if it has
                                      * them */
  SkyDecimal       monthly;
  gboolean         has_per_vcpu;     /* hourly on-demand price per vCPU */
  SkyDecimal       per_vcpu_hour;
  gboolean         has_per_gib;      /* a month on demand per GiB of memory */
  SkyDecimal       per_gib_month;
} SkyMatch;

/* A provider's offers that meet a requirement, cheapest on demand first, or why none does. */
typedef struct
{
  char      *provider;
  char      *provider_name;
  char      *provider_short_name;  /* for narrow places; the name when the sheet gave none */
  char      *sheet_version;
  char      *currency;
  GPtrArray *matches;              /* SkyMatch */
  char      *no_match;             /* when there are none: what excluded the nearest offer */
} SkyMatchResult;

/* Which sheets a provider's offers are found in: @version pins every service to that version of
 * the provider's sheets (what a scenario of the earlier form recorded), @services (service id →
 * version) pins some services, and wins over @version; the others are found in their current
 * sheets. NULL, or both NULL: every service's current sheet. */
typedef struct
{
  const char *version;
  GHashTable *services;
} SkySheetPins;

/* The price per hour of an offer priced by components (docs/price-sheet-format.md), for a
 * size, in the sheet's currency, exact. */
typedef struct
{
  SkyDecimal vcpus;
  SkyDecimal vcpu_price;      /* per vCPU-hour */
  SkyDecimal memory_gib;
  SkyDecimal gib_price;       /* per GiB-hour */
  SkyDecimal amount;          /* vcpus × vcpu_price + memory_gib × gib_price */
  gboolean   has_upfront_fee;
  SkyDecimal upfront_fee;     /* the same sum of the two prices' fees */
  guint      price_index;     /* of the price per hour it added to the offer */
} SkyComponentPrice;

/* The services of one provider that pins choose, for the searches of many requirements
 * (sky_catalog_match_scope_new()). */
typedef struct _SkyMatchScope SkyMatchScope;

gboolean sky_offer_is_sized_by_components (const SkyOfferDetails *offer);
gboolean sky_offer_add_component_price (SkyOfferDetails      *offer,
                                        const char           *term,
                                        gint64                vcpu_milli,
                                        gint64                memory_mgib,
                                        SkyComponentPrice    *out);

char   *sky_catalog_current_version (SkyCatalog           *self,
                                     const char           *provider,
                                     GError              **error);
char   *sky_catalog_provider_name   (SkyCatalog           *self,
                                     const char           *provider,
                                     GError              **error);
char   *sky_catalog_current_service_version (SkyCatalog  *self,
                                             const char  *provider,
                                             const char  *service,
                                             GError     **error);
gboolean sky_catalog_has_sheet      (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     GError              **error);
gint64  sky_catalog_find_offer      (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     const char           *sku,
                                     GError              **error);
gint64  sky_catalog_cheapest_offer  (SkyCatalog           *self,
                                     const char           *provider,
                                     const char           *version,
                                     const SkyRequirement *requirement,
                                     GError              **error);
char   *sky_catalog_explain_no_match (SkyCatalog           *self,
                                      const char           *provider,
                                      const char           *version,
                                      const char           *provider_name,
                                      const SkyRequirement *requirement,
                                      GError              **error);

gint64  sky_catalog_find_offer_pinned     (SkyCatalog           *self,
                                          const char           *provider,
                                          const SkySheetPins   *pins,
                                          const char           *sku,
                                          GError              **error);
gint64  sky_catalog_cheapest_offer_pinned (SkyCatalog           *self,
                                           const char           *provider,
                                           const SkySheetPins   *pins,
                                           const SkyRequirement *requirement,
                                           GError              **error);
char   *sky_catalog_explain_no_match_pinned (SkyCatalog           *self,
                                             const char           *provider,
                                             const SkySheetPins   *pins,
                                             const char           *provider_name,
                                             const SkyRequirement *requirement,
                                             GError              **error);

SkyMatchScope *sky_catalog_match_scope_new     (SkyCatalog           *self,
                                               const char           *provider,
                                               const SkySheetPins   *pins,
                                               GError              **error);
void           sky_match_scope_free            (SkyMatchScope        *scope);
gint64         sky_catalog_find_offer_in       (SkyCatalog           *self,
                                               const SkyMatchScope  *scope,
                                               const char           *sku,
                                               GError              **error);
gint64         sky_catalog_cheapest_offer_in   (SkyCatalog           *self,
                                               SkyMatchScope        *scope,
                                               const SkyRequirement *requirement,
                                               GError              **error);
char          *sky_catalog_explain_no_match_in (SkyCatalog           *self,
                                               SkyMatchScope        *scope,
                                               const char           *provider_name,
                                               const SkyRequirement *requirement,
                                               GError              **error);

GPtrArray  *sky_catalog_match          (SkyCatalog           *self,
                                        const char * const   *providers,
                                        const SkyRequirement *requirement,
                                        guint                 hours_per_month,
                                        guint                 limit,
                                        GError              **error);
SkyMatch   *sky_match_new              (SkyOfferDetails      *offer,
                                        const char           *unit,
                                        guint                 hours_per_month);
void        sky_match_free             (SkyMatch             *match);
void        sky_match_result_free      (SkyMatchResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyMatchScope, sky_match_scope_free)

G_END_DECLS
