/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

/* The curated SLAs of services by how they are deployed (data/sla.xml, docs/sla-format.md):
 * what price sheets do not carry. The sheet's own `sla` stays the figure of a single deployment
 * where the table is silent, and what `match --min-sla` compares. */

#define SKY_SLA_NAMESPACE "urn:skytally:sla:1"
#define SKY_SLA_MAX_SIZE (1024 * 1024)

#define SKY_SLA_ERROR (sky_sla_error_quark ())

typedef enum
{
  SKY_SLA_ERROR_IO,
  SKY_SLA_ERROR_MALFORMED,   /* not well-formed XML, or a document type */
  SKY_SLA_ERROR_INVALID,     /* a missing, unknown or wrong element or attribute */
} SkySlaError;

/* How a deployment is billed, which price lists do not say. */
typedef enum
{
  SKY_SLA_BILLED_SINGLE,     /* what the single deployment costs: instances across zones cost
                              * what the instances cost */
  SKY_SLA_BILLED_OFFERS,     /* the offers whose feature @feature_key is @feature_value */
  SKY_SLA_BILLED_COPIES,     /* @copies times what the single deployment costs (a standby
                              * billed like the primary) */
} SkySlaBilling;

typedef struct
{
  char          *provider;
  char          *service;         /* as the provider's sheets write it */
  char          *deployment;      /* an id of SKY_VOCABULARY_DEPLOYMENT */
  char          *percent;         /* decimal text, e.g. "99.95" */
  char          *condition;       /* what the SLA asks, in words; NULL when it asks nothing */
  GStrv          storage_types;   /* the offers' storage types it covers; NULL: every offer */
  char          *source;          /* the title of the provider's SLA page */
  char          *url;
  char          *date;            /* YYYY-MM-DD: as the page was known then */
  char          *note;            /* how the figure was taken; NULL for none */
  SkySlaBilling  billing;
  char          *feature_key;     /* SKY_SLA_BILLED_OFFERS */
  char          *feature_value;
  guint          copies;          /* SKY_SLA_BILLED_COPIES: 2 or 3; 1 otherwise */
} SkySla;

typedef struct _SkySlaTable SkySlaTable;

GQuark         sky_sla_error_quark       (void);

SkySlaTable   *sky_sla_table_load        (const char   *path,
                                          GError      **error);
SkySlaTable   *sky_sla_table_parse       (const char   *data,
                                          gsize         length,
                                          const char   *name_for_errors,
                                          GError      **error);
const char    *sky_sla_table_default_path (void);
SkySlaTable   *sky_sla_table_get_default (void);
SkySlaTable   *sky_sla_table_ref         (SkySlaTable  *table);
void           sky_sla_table_unref       (SkySlaTable  *table);
guint          sky_sla_table_size        (SkySlaTable  *table);
const SkySla  *sky_sla_table_nth         (SkySlaTable  *table,
                                          guint         index);
const SkySla  *sky_sla_table_lookup      (SkySlaTable  *table,
                                          const char   *provider,
                                          const char   *service,
                                          const char   *deployment);
GPtrArray     *sky_sla_table_for_service (SkySlaTable  *table,
                                          const char   *provider,
                                          const char   *service);
const SkySla  *sky_sla_table_for_offer   (SkySlaTable           *table,
                                          const SkyOfferDetails *offer,
                                          const char            *deployment);
char          *sky_offer_sla_for         (SkySlaTable           *table,
                                          const SkyOfferDetails *offer,
                                          const char            *deployment,
                                          const SkySla         **entry_out);
char          *sky_sla_describe_source   (const SkySla          *sla);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkySlaTable, sky_sla_table_unref)

G_END_DECLS
