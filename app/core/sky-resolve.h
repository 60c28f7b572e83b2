/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-catalog-match.h"
#include "sky-estimate.h"
#include "sky-pricing.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

/* Resolving: which offer and which of its prices each line of a scenario uses on a provider,
 * the catalog's part of pricing. What it finds is handed to pricing (sky-pricing.h) as numbers,
 * so that a line is resolved once and priced as often as needed. */

typedef struct
{
  SkyLineStatus    status;         /* SKY_LINE_PRICED: @terms is the price to use */
  char            *reason;         /* why not, otherwise */
  SkyOfferDetails *offer;          /* the offer found, if one was */
  guint            price_index;    /* in offer->prices */
  gboolean         has_terms;      /* the price was found (even if it cannot be used) */
  SkyPriceTerms    terms;
} SkyResolvedLine;

typedef struct
{
  char       *provider;
  char       *provider_name;
  char       *provider_short_name; /* for narrow places; the name when the sheet gave none */
  char       *sheet_version;       /* NULL when the catalog has no sheet of the provider; the
                                    * version every service was priced from when they were
                                    * priced from one, else the newest current one (each line's
                                    * offer says its own) */
  gboolean    current_sheets;
  char       *pinned_version;      /* the version the scenario pins every service to, or NULL */
  GHashTable *pinned_services;     /* service id → the version the scenario pins it to */
  GPtrArray  *lines;               /* SkyResolvedLine, in the scenario's order: lines that
                                    * ask the same share the one @resolved keeps */
  GHashTable *slots;               /* "offer id:price index" → slot + 1 */
  GHashTable *resolved;            /* what each distinct line resolved to, for the lines that
                                    * ask the same (sky-resolve.c) */
  SkyMatchScope *scope;            /* the services the pins choose, once a line needs them */
} SkyResolvedProvider;

GPtrArray           *sky_resolve_providers     (const SkyScenario   *scenario,
                                                const char * const  *providers,
                                                GError             **error);
SkyResolvedProvider *sky_resolve_provider      (SkyCatalog          *catalog,
                                                const SkyScenario   *scenario,
                                                const char          *provider,
                                                gboolean             current_sheets,
                                                GError             **error);
SkyResolvedProvider *sky_resolve_provider_with_sheets (SkyCatalog        *catalog,
                                                       const SkyScenario *scenario,
                                                       const char        *provider,
                                                       gboolean           current_sheets,
                                                       const GPtrArray   *sheets,
                                                       GError           **error);
SkyResolvedLine     *sky_resolve_line          (SkyCatalog          *catalog,
                                                const SkyScenario   *scenario,
                                                SkyResolvedProvider *resolved,
                                                const SkyScenarioLine *line,
                                                const char          *term,
                                                GError             **error);
const SkyResolvedLine *sky_resolve_line_kept   (SkyCatalog          *catalog,
                                                const SkyScenario   *scenario,
                                                SkyResolvedProvider *resolved,
                                                const SkyScenarioLine *line,
                                                const char          *term,
                                                GError             **error);
GPtrArray           *sky_resolved_provider_take_offers (SkyResolvedProvider *resolved);
void                 sky_resolved_line_free    (SkyResolvedLine     *line);
void                 sky_resolved_provider_free (SkyResolvedProvider *provider);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyResolvedLine, sky_resolved_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyResolvedProvider, sky_resolved_provider_free)

G_END_DECLS
