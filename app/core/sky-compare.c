/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-compare"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-compare.h"
#include "sky-currency.h"

/* Offers side by side: every attribute, feature and price in rows, where they differ, and the
 * best of each row; and, for an offer, the offers of the services that do the same job at the
 * other providers. */

G_DEFINE_QUARK (sky-compare-error-quark, sky_compare_error)

/* Equivalents -------------------------------------------------------------------------------- */

struct _SkyEquivalents
{
  GKeyFile *file;
};

const char *
sky_equivalents_default_path (void)
{
  const char *path = g_getenv ("SKYTALLY_EQUIVALENTS");

  return path != NULL && *path != '\0' ? path : PKGDATADIR "/equivalents.ini";
}

SkyEquivalents *
sky_equivalents_load (const char  *path,
                      GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  SkyEquivalents *self;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_EQUIVALENTS,
                   _("Cannot read the equivalent services from %s: %s"), path, local->message);
      return NULL;
    }
  self = g_new0 (SkyEquivalents, 1);
  self->file = g_steal_pointer (&file);
  return self;
}

void
sky_equivalents_free (SkyEquivalents *self)
{
  if (self == NULL)
    return;
  g_key_file_unref (self->file);
  g_free (self);
}

/* The kind of service @service of @provider is, or NULL. */
const char *
sky_equivalents_kind (SkyEquivalents *self,
                      const char     *provider,
                      const char     *service)
{
  g_auto(GStrv) groups = g_key_file_get_groups (self->file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (self->file, groups[i], provider, NULL);
      if (g_strcmp0 (value, service) == 0)
        return g_intern_string (groups[i]);
    }
  return NULL;
}

char *
sky_equivalents_kind_name (SkyEquivalents *self,
                           const char     *kind)
{
  return g_key_file_get_string (self->file, kind, "Name", NULL);
}

char *
sky_equivalents_service (SkyEquivalents *self,
                         const char     *kind,
                         const char     *provider)
{
  return g_key_file_get_string (self->file, kind, provider, NULL);
}

static const char *
first_on_demand_unit (const SkyOfferDetails *offer)
{
  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkyOfferPrice *p = g_ptr_array_index (offer->prices, i);
      if (strcmp (p->term, "on-demand") == 0)
        return p->unit;
    }
  return NULL;
}

/* For each other provider with a current sheet, its cheapest offer on demand of the service
 * that does the job of @offer_id's, in the same geography, with at least its vCPU and memory,
 * the same operating system, and a storage type that stands for its: SkyMatchResult. */
GPtrArray *
sky_catalog_equivalent_offers (SkyCatalog      *catalog,
                               SkyEquivalents  *equivalents,
                               gint64           offer_id,
                               GError         **error)
{
  g_autoptr(SkyOfferDetails) offer = sky_catalog_get_offer (catalog, offer_id, error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) providers = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_auto(GStrv) types = NULL;
  const char *done;
  const char *kind;
  const char *unit;
  const char *one_type[2] = { NULL, NULL };

  if (offer == NULL)
    return NULL;
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_match_result_free);
  kind = sky_equivalents_kind (equivalents, offer->provider, offer->service);
  unit = first_on_demand_unit (offer);
  if (kind == NULL || unit == NULL)
    return g_steal_pointer (&results);

  types = g_key_file_get_string_list (equivalents->file, kind, "StorageTypes", NULL, NULL);
  if (types != NULL && offer->storage_type != NULL &&
      !g_strv_contains ((const char * const *) types, offer->storage_type))
    {
      /* Another class (archive, say): only that class stands for it. */
      g_strfreev (types);
      types = NULL;
      one_type[0] = offer->storage_type;
    }
  else if (types == NULL && offer->storage_type != NULL && offer->vcpu_milli < 0)
    one_type[0] = offer->storage_type;

  sheets = sky_catalog_list_sheets (catalog, error);
  if (sheets == NULL)
    return NULL;
  done = NULL;
  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      g_autofree char *service = NULL;
      g_autoptr(GPtrArray) found = NULL;
      const char *only[2] = { info->provider, NULL };
      SkyRequirement req = { 0 };

      /* Sheets come by provider: a provider with several current sheets is matched once, on
       * all of them. */
      if (!info->current || strcmp (info->provider, offer->provider) == 0 ||
          (done != NULL && strcmp (info->provider, done) == 0))
        continue;
      done = info->provider;
      service = sky_equivalents_service (equivalents, kind, info->provider);
      if (service == NULL)
        continue;
      req.category = offer->category;
      req.unit = unit;
      req.service = service;
      req.geography = offer->geography;
      req.os = offer->os;
      req.min_vcpu_milli = MAX (offer->vcpu_milli, 0);
      req.min_memory_mgib = MAX (offer->memory_mgib, 0);
      req.storage_types = types != NULL ? (const char * const *) types
                          : one_type[0] != NULL ? one_type : NULL;
      found = sky_catalog_match (catalog, only, &req, SKY_HOURS_PER_MONTH, 1, error);
      if (found == NULL)
        return NULL;
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (results, g_steal_pointer (&g_ptr_array_index (found, j)));
      g_ptr_array_set_size (found, 0);
    }
  return g_steal_pointer (&results);
}

/* Finding offers -------------------------------------------------------------------------- */

/* The offer of the current sheets that @reference names: its SKU, or "provider:SKU" where
 * providers share a SKU. 0 with an error when there is none or more than one. */
gint64
sky_catalog_find_sku (SkyCatalog  *catalog,
                      const char  *reference,
                      GError     **error)
{
  const char *colon = strchr (reference, ':');
  g_autofree char *provider = colon != NULL ? g_strndup (reference, colon - reference) : NULL;
  const char *sku = colon != NULL ? colon + 1 : reference;
  sqlite3 *db;
  g_autoptr(SkyCatalogLocker) locker = _sky_catalog_locker_new (catalog, &db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT o.id FROM offer o JOIN sheet s ON s.id = o.sheet_id "
                          "WHERE o.service_id IN (" SKY_CURRENT_SERVICES_SQL ") AND o.sku = ?1 "
                          "  AND (?2 IS NULL OR s.provider = ?2) LIMIT 2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot find the offer"));
      return 0;
    }
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, provider, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&locker, _sky_catalog_locker_free);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_DATABASE,
                   _("Cannot find the offer"));
      return 0;
    }
  if (n == 0)
    {
      g_set_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_NOT_FOUND,
                   _("No current price sheet has an offer “%s”"), reference);
      return 0;
    }
  if (n > 1)
    {
      g_set_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_AMBIGUOUS,
                   _("More than one provider has an offer “%s”: write PROVIDER:%s"), reference,
                   reference);
      return 0;
    }
  return id;
}

/* Comparing ------------------------------------------------------------------------------- */

static void
row_free (SkyComparisonRow *row)
{
  g_free (row->label);
  g_ptr_array_unref (row->values);
  g_array_unref (row->best);
  g_free (row);
}

void
sky_comparison_free (SkyComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->offers, g_ptr_array_unref);
  g_clear_pointer (&comparison->rows, g_ptr_array_unref);
  g_free (comparison);
}

static char *
spec (gint64 milli)
{
  return milli < 0 ? NULL : sky_decimal_to_string (sky_decimal_from_scaled (milli, 3));
}

static char *
price (gboolean    has,
       SkyDecimal  value)
{
  return has ? sky_decimal_to_string (value) : NULL;
}

/* Adds a row from @values (taken), marking where they differ and, by @better, the best: among
 * numbers only, and for prices only among offers with the same unit and currency as the best
 * one. */
static void
add_row (SkyComparison *c,
         const char    *label,
         char         **values,
         SkyBetter      better,
         gboolean       is_price,
         gboolean       is_feature)
{
  SkyComparisonRow *row = g_new0 (SkyComparisonRow, 1);
  guint n = c->offers->len;
  gboolean have_best = FALSE;
  SkyDecimal best = sky_decimal_from_int (0);
  const char *best_key = NULL;

  row->label = g_strdup (label);
  row->values = g_ptr_array_new_with_free_func (g_free);
  row->best = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), n);
  row->is_price = is_price;
  row->is_feature = is_feature;
  g_array_set_size (row->best, n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (row->values, values[i]);
      if (i > 0 && g_strcmp0 (values[i], values[0]) != 0)
        row->differs = TRUE;
    }
  g_free (values);

  /* Where every offer has the same value, none is better. */
  if (better == SKY_BETTER_NONE || n < 2 || !row->differs)
    {
      g_ptr_array_add (c->rows, row);
      return;
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        SkyMatch *m = g_ptr_array_index (c->offers, i);
        g_autofree char *key = g_strdup_printf ("%s/%s", m->offer->currency, m->unit);
        const char *text = g_ptr_array_index (row->values, i);
        SkyDecimal v;

        if (text == NULL || !sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, FALSE, &v, NULL))
          continue;
        if (is_price && best_key != NULL && strcmp (key, best_key) != 0)
          continue;
        if (pass == 0)
          {
            int cmp = have_best ? sky_decimal_compare (v, best) : 0;
            if (!have_best || (better == SKY_BETTER_HIGHER ? cmp > 0 : cmp < 0))
              {
                best = v;
                have_best = TRUE;
                if (is_price && best_key == NULL)
                  best_key = g_intern_string (key);
              }
          }
        else if (sky_decimal_compare (v, best) == 0)
          g_array_index (row->best, gboolean, i) = TRUE;
      }
  g_ptr_array_add (c->rows, row);
}

typedef char *(*Cell) (SkyMatch *m);

static char *cell_provider (SkyMatch *m) { return g_strdup (m->offer->provider_name); }
static char *cell_name (SkyMatch *m) { return g_strdup (m->offer->name); }
static char *cell_service (SkyMatch *m) { return g_strdup (m->offer->service_name); }
static char *cell_region (SkyMatch *m) { return g_strdup (m->offer->region); }
static char *cell_geography (SkyMatch *m) { return g_strdup (m->offer->geography); }
static char *cell_family (SkyMatch *m) { return g_strdup (m->offer->family); }
static char *cell_vcpu (SkyMatch *m) { return spec (m->offer->vcpu_milli); }
static char *cell_memory (SkyMatch *m) { return spec (m->offer->memory_mgib); }
static char *cell_storage (SkyMatch *m) { return g_strdup (m->offer->storage_type); }
static char *cell_os (SkyMatch *m) { return g_strdup (m->offer->os); }
static char *cell_sla (SkyMatch *m) { return g_strdup (m->offer->sla); }
static char *cell_architecture (SkyMatch *m) { return g_strdup (m->offer->architecture); }
static char *cell_tenancy (SkyMatch *m) { return g_strdup (m->offer->tenancy); }
static char *cell_licence (SkyMatch *m) { return g_strdup (m->offer->licence); }
static char *cell_software (SkyMatch *m) { return g_strdup (m->offer->software); }
static char *cell_capacity (SkyMatch *m) { return g_strdup (m->offer->capacity); }
static char *cell_unit (SkyMatch *m)
{
  return g_strdup_printf ("%s/%s", m->offer->currency, m->unit);
}
static char *
cell_gpu (SkyMatch *m)
{
  return m->offer->gpu < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, m->offer->gpu);
}
static char *cell_on_demand (SkyMatch *m) { return price (m->has_on_demand, m->on_demand); }
static char *cell_one_year (SkyMatch *m) { return price (m->has_one_year, m->one_year); }
static char *cell_three_year (SkyMatch *m) { return price (m->has_three_year, m->three_year); }
static char *cell_spot (SkyMatch *m) { return price (m->has_spot, m->spot); }
static char *
cell_monthly (SkyMatch *m)
{
  return m->has_monthly ? sky_currency_format (m->offer->currency, m->monthly) : NULL;
}

static void
add_cells (SkyComparison *c,
           const char    *label,
           Cell           cell,
           SkyBetter      better,
           gboolean       is_price)
{
  char **values = g_new0 (char *, c->offers->len + 1);

  for (guint i = 0; i < c->offers->len; i++)
    values[i] = cell (g_ptr_array_index (c->offers, i));
  add_row (c, label, values, better, is_price, FALSE);
}

/* @offer_ids side by side, two to six of them. */
SkyComparison *
sky_catalog_compare (SkyCatalog    *catalog,
                     const gint64  *offer_ids,
                     guint          n_offers,
                     guint          hours_per_month,
                     GError       **error)
{
  g_autoptr(SkyComparison) c = g_new0 (SkyComparison, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  if (n_offers < 2 || n_offers > SKY_COMPARE_MAX)
    {
      g_set_error (error, SKY_COMPARE_ERROR, SKY_COMPARE_ERROR_COUNT,
                   _("Compare two to %d offers, not %u"), SKY_COMPARE_MAX, n_offers);
      return NULL;
    }
  c->offers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_match_free);
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < n_offers; i++)
    {
      SkyOfferDetails *offer = sky_catalog_get_offer (catalog, offer_ids[i], error);
      const char *unit;

      if (offer == NULL)
        return NULL;
      unit = first_on_demand_unit (offer);
      if (unit == NULL && offer->prices->len > 0)
        unit = ((SkyOfferPrice *) g_ptr_array_index (offer->prices, 0))->unit;
      g_ptr_array_add (c->offers, sky_match_new (offer, unit != NULL ? unit : "hour",
                                                 hours_per_month));
    }

  add_cells (c, N_("Provider"), cell_provider, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Name"), cell_name, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Service"), cell_service, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Region"), cell_region, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Geography"), cell_geography, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Family"), cell_family, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("vCPU"), cell_vcpu, SKY_BETTER_HIGHER, FALSE);
  add_cells (c, N_("Memory (GiB)"), cell_memory, SKY_BETTER_HIGHER, FALSE);
  add_cells (c, N_("GPU"), cell_gpu, SKY_BETTER_HIGHER, FALSE);
  add_cells (c, N_("Storage type"), cell_storage, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Operating system"), cell_os, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Architecture"), cell_architecture, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Tenancy"), cell_tenancy, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Licence"), cell_licence, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Pre-installed software"), cell_software, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("Capacity"), cell_capacity, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("SLA (%)"), cell_sla, SKY_BETTER_HIGHER, FALSE);
  add_cells (c, N_("Priced per"), cell_unit, SKY_BETTER_NONE, FALSE);
  add_cells (c, N_("On demand"), cell_on_demand, SKY_BETTER_LOWER, TRUE);
  add_cells (c, N_("1 year, effective"), cell_one_year, SKY_BETTER_LOWER, TRUE);
  add_cells (c, N_("3 years, effective"), cell_three_year, SKY_BETTER_LOWER, TRUE);
  add_cells (c, N_("Spot"), cell_spot, SKY_BETTER_LOWER, TRUE);
  add_cells (c, N_("A month on demand"), cell_monthly, SKY_BETTER_LOWER, TRUE);

  /* Every feature any of them has, in order of first appearance; missing ones are NULL. */
  for (guint i = 0; i < n_offers; i++)
    {
      SkyOfferDetails *offer = ((SkyMatch *) g_ptr_array_index (c->offers, i))->offer;
      for (guint j = 0; j + 1 < offer->features->len; j += 2)
        if (!g_ptr_array_find_with_equal_func (keys, g_ptr_array_index (offer->features, j),
                                               g_str_equal, NULL))
          g_ptr_array_add (keys, g_ptr_array_index (offer->features, j));
    }
  for (guint k = 0; k < keys->len; k++)
    {
      char **values = g_new0 (char *, n_offers + 1);

      for (guint i = 0; i < n_offers; i++)
        {
          SkyOfferDetails *offer = ((SkyMatch *) g_ptr_array_index (c->offers, i))->offer;
          for (guint j = 0; j + 1 < offer->features->len && values[i] == NULL; j += 2)
            if (strcmp (g_ptr_array_index (offer->features, j), g_ptr_array_index (keys, k)) == 0)
              values[i] = g_strdup (g_ptr_array_index (offer->features, j + 1));
        }
      add_row (c, g_ptr_array_index (keys, k), values, SKY_BETTER_NONE, FALSE, TRUE);
    }
  return g_steal_pointer (&c);
}
