/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-decimal.h"

G_BEGIN_DECLS

/* The closed word lists Skytally interprets: purchase options, units, geographies, categories,
 * operating systems, and the parts a price sheet writes a purchase option with. Each kind is
 * one table; every reader, the catalog, the pricing, the window and the command line go
 * through it.
 *
 * An entry has
 * - an id: the string price sheets, scenarios and the command line write;
 * - a title for people, marked with N_() and translated by whoever shows it;
 * - a code: how the catalog stores it. A code is given once and never changes nor is reused;
 *   a new entry takes a new code, wherever it goes in its table. The existing entries kept
 *   their places in the lists the catalog used to store, so no stored price was rewritten.
 *
 * The tables' order is the order in which lists are shown. */
typedef enum
{
  SKY_VOCABULARY_PURCHASE_OPTION,
  SKY_VOCABULARY_UNIT,
  SKY_VOCABULARY_GEOGRAPHY,
  SKY_VOCABULARY_CATEGORY,
  SKY_VOCABULARY_OPERATING_SYSTEM,
  SKY_VOCABULARY_PURCHASE_CLASS,   /* a price sheet's term attribute */
  SKY_VOCABULARY_UPFRONT,          /* a price sheet's upfront attribute */
  SKY_VOCABULARY_ARCHITECTURE,     /* an offer's processor architecture */
  SKY_VOCABULARY_TENANCY,          /* whose hardware an offer runs on */
  SKY_VOCABULARY_LICENCE,          /* whether an offer's price includes its licences */
  SKY_VOCABULARY_CAPACITY,         /* what capacity an offer's row bills */
  SKY_VOCABULARY_ENGINE,           /* a database offer's engine */
  SKY_VOCABULARY_STORAGE_TYPE,     /* the storage types lists offer by title; any identifier
                                    * is one */
  SKY_VOCABULARY_DEPLOYMENT,       /* how a scenario's line is deployed for availability */
  SKY_N_VOCABULARIES
} SkyVocabulary;

typedef struct
{
  const char *id;
  const char *title;   /* untranslated: pass it through gettext to show it */
  guint       code;
} SkyWord;

/* The ids of SKY_VOCABULARY_PURCHASE_CLASS are on-demand, spot, reserved, savings-plan and
 * dev-test; the codes are these values. A dev/test price is billed as on demand is, with no
 * commitment, and is used only where a scenario opts in. */
typedef enum
{
  SKY_PURCHASE_ON_DEMAND,
  SKY_PURCHASE_SPOT,
  SKY_PURCHASE_RESERVATION,
  SKY_PURCHASE_SAVINGS_PLAN,
  SKY_PURCHASE_DEV_TEST,
} SkyPurchaseClass;

/* The ids of SKY_VOCABULARY_UPFRONT are none, partial and all; the codes are these values. */
typedef enum
{
  SKY_UPFRONT_NONE,
  SKY_UPFRONT_PARTIAL,
  SKY_UPFRONT_ALL,
} SkyUpfront;

/* The ids of SKY_VOCABULARY_ARCHITECTURE, x86-64 and arm64, have these codes. An offer that
 * states none has none. */
typedef enum
{
  SKY_ARCHITECTURE_X86_64,
  SKY_ARCHITECTURE_ARM64,
} SkyArchitecture;

/* The ids of SKY_VOCABULARY_TENANCY are shared, dedicated and host; of SKY_VOCABULARY_LICENCE
 * included and byol; of SKY_VOCABULARY_CAPACITY used, unused-reservation,
 * allocated-reservation and allocated-host. The codes are these values; the first of each is
 * what an offer that does not say has, and what a requirement matches unless it asks for
 * another. */
typedef enum
{
  SKY_TENANCY_SHARED,
  SKY_TENANCY_DEDICATED,
  SKY_TENANCY_HOST,
} SkyTenancy;

typedef enum
{
  SKY_LICENCE_INCLUDED,
  SKY_LICENCE_BYOL,
} SkyLicence;

typedef enum
{
  SKY_CAPACITY_USED,
  SKY_CAPACITY_UNUSED_RESERVATION,
  SKY_CAPACITY_ALLOCATED_RESERVATION,
  SKY_CAPACITY_ALLOCATED_HOST,
} SkyCapacity;

/* The ids of SKY_VOCABULARY_DEPLOYMENT are single, fault-domains, zones, standby-same-zone
 * and standby-zone; the codes are these values. A second region is not a deployment but a
 * count of whole copies (a scenario line's regions). */
typedef enum
{
  SKY_DEPLOYMENT_SINGLE,
  SKY_DEPLOYMENT_FAULT_DOMAINS,
  SKY_DEPLOYMENT_ZONES,
  SKY_DEPLOYMENT_STANDBY_SAME_ZONE,
  SKY_DEPLOYMENT_STANDBY_ZONE,
} SkyDeployment;

#define SKY_DEPLOYMENT_DEFAULT "single"

/* The pre-installed software an offer without any has: its software is any identifier. */
#define SKY_SOFTWARE_NONE "none"

typedef struct
{
  SkyWord          word;
  SkyPurchaseClass purchase_class;
  guint            months;    /* the commitment; 0 for on-demand, spot and dev-test */
  SkyUpfront       upfront;   /* SKY_UPFRONT_NONE for on-demand, spot and dev-test */
  gboolean         convertible;  /* a reservation that can be exchanged for another (AWS's
                                  * Convertible); FALSE for a standard one and all others */
} SkyPurchaseOption;

/* What a unit measures. Units of one dimension convert into each other; a month is as many
 * hours as a scenario says, so the units that count months are dimensions of their own. */
typedef enum
{
  SKY_DIMENSION_TIME,               /* base: one second */
  SKY_DIMENSION_MONTHS,             /* base: one month */
  SKY_DIMENSION_DATA,               /* base: one byte */
  SKY_DIMENSION_DATA_TIME,          /* base: one byte for one second */
  SKY_DIMENSION_DATA_MONTHS,        /* base: one byte for one month */
  SKY_DIMENSION_VCPU_TIME,          /* base: one vCPU for one second */
  SKY_DIMENSION_REQUESTS,           /* base: one request */
  SKY_DIMENSION_IOPS_MONTHS,        /* base: one provisioned IOPS for one month */
  SKY_DIMENSION_THROUGHPUT_MONTHS,  /* base: one byte per second provisioned for one month */
} SkyDimension;

typedef struct
{
  SkyWord      word;
  SkyDimension dimension;
  guint64      numerator;     /* one unit is numerator / denominator of its dimension's base, */
  guint64      denominator;   /* exactly */
  gboolean     priced;        /* prices and scenario lines may be per it; the others are known
                               * for conversions only */
} SkyUnit;

typedef struct
{
  SkyWord     word;
  const char *default_unit;   /* the unit its offers are usually compared by */
} SkyCategory;

/* A service of a provider whose service ids are closed: the id its sheets write (hand-written
 * or converted, so that two sheets of one service always name it alike), and the category its
 * offers are in. Ids are unique within a provider, codes across the table. */
typedef struct
{
  SkyWord     word;
  const char *provider;   /* the provider's id */
  const char *category;   /* an id of SKY_VOCABULARY_CATEGORY */
  const char *engine;     /* an id of SKY_VOCABULARY_ENGINE for a database service; NULL for
                           * the others */
} SkyService;

/* Any table, by entry. */
guint               sky_vocabulary_size        (SkyVocabulary       vocabulary);
const SkyWord      *sky_vocabulary_nth         (SkyVocabulary       vocabulary,
                                                guint               index);
const SkyWord      *sky_vocabulary_lookup      (SkyVocabulary       vocabulary,
                                                const char         *id);
const SkyWord      *sky_vocabulary_lookup_code (SkyVocabulary       vocabulary,
                                                gint64              code);
const char         *sky_vocabulary_title       (SkyVocabulary       vocabulary,
                                                const char         *id);
char               *sky_vocabulary_join_titles (SkyVocabulary       vocabulary,
                                                const char * const *ids,
                                                const char         *separator);
int                 sky_vocabulary_code        (SkyVocabulary       vocabulary,
                                                const char         *id);
guint               sky_vocabulary_code_limit  (SkyVocabulary       vocabulary);
char               *sky_vocabulary_describe    (SkyVocabulary       vocabulary);

/* Purchase options. */
const SkyPurchaseOption *sky_purchase_option_nth    (guint              index);
const SkyPurchaseOption *sky_purchase_option_lookup (const char        *id);
const SkyPurchaseOption *sky_purchase_option_find   (SkyPurchaseClass   purchase_class,
                                                     guint              months,
                                                     SkyUpfront         upfront);
const SkyPurchaseOption *sky_purchase_option_find_full (SkyPurchaseClass purchase_class,
                                                        guint            months,
                                                        SkyUpfront       upfront,
                                                        gboolean         convertible);
guint               sky_term_months            (const char         *id);
char               *sky_purchase_class_years   (SkyPurchaseClass    purchase_class);

/* Units. */
const SkyUnit      *sky_unit_nth               (guint               index);
const SkyUnit      *sky_unit_lookup            (const char         *id);
/* Converts @value in @from into @to, of the same dimension, by one rule: multiply by the
 * numerators (@from's numerator, @to's denominator), divide once at the end by the
 * denominators (@from's denominator, @to's numerator), round once, to @scale digits by
 * @rounding. Exact whenever @scale holds the digits. FALSE when the dimensions differ or the
 * figure does not fit 128 bits (the value's digits, the factors and @scale together). */
gboolean            sky_unit_convert           (SkyDecimal          value,
                                                const SkyUnit      *from,
                                                const SkyUnit      *to,
                                                guint               scale,
                                                SkyRounding         rounding,
                                                SkyDecimal         *out);

/* Categories. */
const char         *sky_category_default_unit  (const char         *category);

/* Services, of the providers whose sheets may use only the ids listed: a provider not listed
 * writes any service id. */
guint               sky_service_count          (void);
const SkyService   *sky_service_nth            (guint               index);
const SkyService   *sky_service_lookup         (const char         *provider,
                                                const char         *id);
const SkyService   *sky_service_lookup_code    (gint64              code);
gboolean            sky_service_provider_is_listed (const char     *provider);
const char         *sky_offer_engine           (const char         *provider,
                                                const char         *service,
                                                const char         *feature);
char               *sky_service_describe       (const char         *provider);

/* The ids of a table, in its order and NULL-terminated: for lists shown to people and for
 * membership. Never a position to store: store codes. Units are those that are priced. */
const char * const *sky_vocabulary_ids         (SkyVocabulary       vocabulary);
const char * const *sky_terms                  (void);
const char * const *sky_units                  (void);
const char * const *sky_geographies            (void);
const char * const *sky_categories             (void);
const char * const *sky_operating_systems      (void);
gboolean            sky_term_is_known          (const char         *term);
gboolean            sky_unit_is_known          (const char         *unit);

G_END_DECLS
