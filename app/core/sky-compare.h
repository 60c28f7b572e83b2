/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-catalog-match.h"

G_BEGIN_DECLS

#define SKY_COMPARE_ERROR (sky_compare_error_quark ())

typedef enum
{
  SKY_COMPARE_ERROR_COUNT,        /* not two to six offers */
  SKY_COMPARE_ERROR_NOT_FOUND,
  SKY_COMPARE_ERROR_AMBIGUOUS,
  SKY_COMPARE_ERROR_EQUIVALENTS,  /* the equivalents file cannot be read */
} SkyCompareError;

#define SKY_COMPARE_MAX 6

/* Services that do the same job at each provider: data/equivalents.ini. */
typedef struct _SkyEquivalents SkyEquivalents;

SkyEquivalents *sky_equivalents_load         (const char      *path,
                                              GError         **error);
const char     *sky_equivalents_default_path (void);
void            sky_equivalents_free         (SkyEquivalents  *equivalents);
const char     *sky_equivalents_kind         (SkyEquivalents  *equivalents,
                                              const char      *provider,
                                              const char      *service);
char           *sky_equivalents_kind_name    (SkyEquivalents  *equivalents,
                                              const char      *kind);
char           *sky_equivalents_service      (SkyEquivalents  *equivalents,
                                              const char      *kind,
                                              const char      *provider);

GPtrArray      *sky_catalog_equivalent_offers (SkyCatalog      *catalog,
                                               SkyEquivalents  *equivalents,
                                               gint64           offer_id,
                                               GError         **error);

typedef enum
{
  SKY_BETTER_NONE,                /* text: no best */
  SKY_BETTER_HIGHER,
  SKY_BETTER_LOWER,
} SkyBetter;

/* One row of a comparison: a value per offer (NULL where an offer has none). */
typedef struct
{
  char      *label;               /* untranslated (marked N_()): pass it through gettext to
                                   * show it; a feature row's is the feature's name */
  GPtrArray *values;              /* char *, one per offer */
  gboolean   differs;             /* not every offer has the same value */
  GArray    *best;                /* gboolean per offer: the best value of the row */
  gboolean   is_feature;
  gboolean   is_price;
} SkyComparisonRow;

typedef struct
{
  GPtrArray *offers;              /* SkyMatch, in the order asked */
  GPtrArray *rows;                /* SkyComparisonRow */
} SkyComparison;

GQuark          sky_compare_error_quark     (void);
gint64          sky_catalog_find_sku        (SkyCatalog          *catalog,
                                             const char          *reference,
                                             GError             **error);
SkyComparison  *sky_catalog_compare         (SkyCatalog          *catalog,
                                             const gint64        *offer_ids,
                                             guint                n_offers,
                                             guint                hours_per_month,
                                             GError             **error);
void            sky_comparison_free         (SkyComparison       *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyComparison, sky_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyEquivalents, sky_equivalents_free)

G_END_DECLS
