/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-scenario"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-file-writer.h"
#include "sky-scenario.h"
#include "sky-sheet-reader.h"
#include "sky-xml-private.h"

/* A scenario: a workload described once, priced on several providers. Its file is XML in the
 * namespace urn:skytally:scenario:1, read whole (files are small) with the same safe options as
 * price sheets, and written in one fixed order so that two versions diff line by line. */

G_DEFINE_QUARK (sky-scenario-error-quark, sky_scenario_error)

/* Model ------------------------------------------------------------------------------------ */

SkyScenario *
sky_scenario_new (const char *name,
                  const char *currency)
{
  SkyScenario *s = g_new0 (SkyScenario, 1);

  /* A name is required in the file: a new scenario has one until the user gives another. */
  s->name = g_strdup (name != NULL && *name != '\0' ? name : _("Untitled Scenario"));
  s->currency = g_strdup (currency != NULL ? currency : "USD");
  s->hours_per_month = sky_decimal_from_int (730);
  s->providers = g_ptr_array_new_with_free_func (g_free);
  s->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_scenario_line_free);
  s->rates = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_exchange_rate_free);
  s->discounts = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_discount_free);
  s->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_credit_free);
  s->priced_against = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_sheet_ref_free);
  s->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_candidate_free);
  s->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_criterion_free);
  s->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_rating_free);
  s->projection_months = 12;
  s->growth = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_growth_free);
  s->ranges = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_range_free);
  s->starts = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_start_free);
  s->kept_offers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  return s;
}

void
sky_scenario_free (SkyScenario *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->notes);
  g_free (s->currency);
  g_ptr_array_unref (s->providers);
  g_ptr_array_unref (s->lines);
  g_ptr_array_unref (s->rates);
  g_ptr_array_unref (s->discounts);
  g_ptr_array_unref (s->credits);
  g_ptr_array_unref (s->priced_against);
  g_ptr_array_unref (s->candidates);
  g_ptr_array_unref (s->criteria);
  g_ptr_array_unref (s->ratings);
  g_clear_pointer (&s->budget, sky_budget_free);
  g_ptr_array_unref (s->growth);
  g_ptr_array_unref (s->ranges);
  g_ptr_array_unref (s->starts);
  g_ptr_array_unref (s->kept_offers);
  g_free (s);
}

SkyScenarioLine *
sky_scenario_line_new (SkyLineKind kind)
{
  SkyScenarioLine *line = g_new0 (SkyScenarioLine, 1);

  line->kind = kind;
  line->quantity = sky_decimal_from_int (1);
  line->term = g_strdup ("on-demand");
  line->regions = 1;
  return line;
}

void
sky_scenario_line_free (SkyScenarioLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line->group);
  g_free (line->unit);
  g_free (line->term);
  g_free (line->provider);
  g_free (line->sheet_version);
  g_free (line->sku);
  g_free (line->category);
  g_free (line->region);
  g_free (line->geography);
  g_free (line->os);
  g_strfreev (line->storage_types);
  g_free (line->architecture);
  g_free (line->tenancy);
  g_free (line->licence);
  g_free (line->capacity);
  g_free (line->software);
  g_free (line->engine);
  g_free (line->deployment);
  g_free (line);
}

SkyScenarioLine *
sky_scenario_line_copy (const SkyScenarioLine *line)
{
  SkyScenarioLine *copy = g_memdup2 (line, sizeof *line);

  copy->label = g_strdup (line->label);
  copy->group = g_strdup (line->group);
  copy->unit = g_strdup (line->unit);
  copy->term = g_strdup (line->term);
  copy->provider = g_strdup (line->provider);
  copy->sheet_version = g_strdup (line->sheet_version);
  copy->sku = g_strdup (line->sku);
  copy->category = g_strdup (line->category);
  copy->region = g_strdup (line->region);
  copy->geography = g_strdup (line->geography);
  copy->os = g_strdup (line->os);
  copy->storage_types = g_strdupv (line->storage_types);
  copy->architecture = g_strdup (line->architecture);
  copy->tenancy = g_strdup (line->tenancy);
  copy->licence = g_strdup (line->licence);
  copy->capacity = g_strdup (line->capacity);
  copy->software = g_strdup (line->software);
  copy->engine = g_strdup (line->engine);
  copy->deployment = g_strdup (line->deployment);
  return copy;
}

void
sky_exchange_rate_free (SkyExchangeRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->from);
  g_free (rate->to);
  g_free (rate->date);
  g_free (rate);
}

void
sky_discount_free (SkyDiscount *discount)
{
  if (discount == NULL)
    return;
  g_free (discount->provider);
  g_free (discount->service);
  g_free (discount);
}

void
sky_credit_free (SkyCredit *credit)
{
  if (credit == NULL)
    return;
  g_free (credit->provider);
  g_free (credit->note);
  g_free (credit);
}

void
sky_sheet_ref_free (SkySheetRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->provider);
  g_free (ref->service);
  g_free (ref->version);
  g_free (ref);
}

void
sky_kept_offer_free (SkyKeptOffer *kept)
{
  if (kept == NULL)
    return;
  g_free (kept->provider);
  g_free (kept->sheet_version);
  g_free (kept->service);
  g_free (kept->sku);
  g_free (kept->region);
  g_free (kept->term);
  g_free (kept->unit);
  g_free (kept);
}

SkyKeptOffer *
sky_kept_offer_copy (const SkyKeptOffer *kept)
{
  SkyKeptOffer *copy;

  g_return_val_if_fail (kept != NULL, NULL);

  copy = g_new0 (SkyKeptOffer, 1);
  copy->provider = g_strdup (kept->provider);
  copy->sheet_version = g_strdup (kept->sheet_version);
  copy->service = g_strdup (kept->service);
  copy->sku = g_strdup (kept->sku);
  copy->region = g_strdup (kept->region);
  copy->term = g_strdup (kept->term);
  copy->unit = g_strdup (kept->unit);
  return copy;
}

/* Whether @a and @b name the same price; a service not known matches any. */
gboolean
sky_kept_offer_equal (const SkyKeptOffer *a,
                      const SkyKeptOffer *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->provider, b->provider) == 0 &&
         g_strcmp0 (a->sheet_version, b->sheet_version) == 0 &&
         (a->service == NULL || b->service == NULL || g_strcmp0 (a->service, b->service) == 0) &&
         g_strcmp0 (a->sku, b->sku) == 0 && g_strcmp0 (a->region, b->region) == 0 &&
         g_strcmp0 (a->term, b->term) == 0 && g_strcmp0 (a->unit, b->unit) == 0;
}

void
sky_candidate_free (SkyCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->provider);
  g_free (candidate->sku);
  g_free (candidate->sheet_version);
  g_free (candidate);
}

void
sky_criterion_free (SkyCriterion *criterion)
{
  if (criterion == NULL)
    return;
  g_free (criterion->id);
  g_free (criterion->name);
  g_free (criterion);
}

void
sky_rating_free (SkyRating *rating)
{
  if (rating == NULL)
    return;
  g_free (rating->criterion);
  g_free (rating->target);
  g_free (rating);
}

static void
group_cap_free (SkyGroupCap *cap)
{
  g_free (cap->group);
  g_free (cap);
}

/* A budget with no caps yet. */
SkyBudget *
sky_budget_new (void)
{
  SkyBudget *budget = g_new0 (SkyBudget, 1);

  budget->group_caps = g_ptr_array_new_with_free_func ((GDestroyNotify) group_cap_free);
  return budget;
}

void
sky_budget_free (SkyBudget *budget)
{
  if (budget == NULL)
    return;
  g_ptr_array_unref (budget->group_caps);
  g_free (budget);
}

void
sky_growth_free (SkyGrowth *growth)
{
  if (growth == NULL)
    return;
  g_free (growth->line);
  g_free (growth->group);
  g_free (growth);
}

void
sky_range_free (SkyRange *range)
{
  if (range == NULL)
    return;
  g_free (range->line);
  g_free (range->group);
  g_free (range);
}

void
sky_start_free (SkyStart *start)
{
  if (start == NULL)
    return;
  g_free (start->line);
  g_free (start);
}

static const char * const criterion_kinds[] = {
  "cost", "sla", "performance", "features", "rated", NULL
};

const char *
sky_criterion_kind_name (SkyCriterionKind kind)
{
  return kind < G_N_ELEMENTS (criterion_kinds) - 1 ? criterion_kinds[kind] : NULL;
}

/* The sheet version @provider was last priced against: the one pinned for every service of
 * it, or the one all its services' pins name; NULL when there is none, or the services were
 * priced against different versions (see sky_scenario_get_service_version()). */
const char *
sky_scenario_get_sheet_version (const SkyScenario *s,
                                const char        *provider)
{
  const char *shared = NULL;

  for (guint i = 0; i < s->priced_against->len; i++)
    {
      SkySheetRef *ref = g_ptr_array_index (s->priced_against, i);

      if (g_strcmp0 (ref->provider, provider) != 0)
        continue;
      if (ref->service == NULL)
        return ref->version;
      if (shared != NULL && strcmp (shared, ref->version) != 0)
        return NULL;
      shared = ref->version;
    }
  return shared;
}

/* The sheet version @service of @provider was last priced against: its own pin, else the
 * provider's; NULL when neither is recorded. */
const char *
sky_scenario_get_service_version (const SkyScenario *s,
                                  const char        *provider,
                                  const char        *service)
{
  const char *general = NULL;

  for (guint i = 0; i < s->priced_against->len; i++)
    {
      SkySheetRef *ref = g_ptr_array_index (s->priced_against, i);

      if (g_strcmp0 (ref->provider, provider) != 0)
        continue;
      if (ref->service == NULL)
        general = ref->version;
      else if (service != NULL && strcmp (ref->service, service) == 0)
        return ref->version;
    }
  return general;
}

/* Pins @service of @provider (NULL: every service) to sheet @version, replacing what was
 * pinned for it. */
static void
put_ref (SkyScenario *s,
         const char  *provider,
         const char  *service,
         const char  *version)
{
  SkySheetRef *ref;

  for (guint i = 0; i < s->priced_against->len; i++)
    {
      ref = g_ptr_array_index (s->priced_against, i);
      if (g_strcmp0 (ref->provider, provider) == 0 && g_strcmp0 (ref->service, service) == 0)
        {
          g_free (ref->version);
          ref->version = g_strdup (version);
          return;
        }
    }
  ref = g_new0 (SkySheetRef, 1);
  ref->provider = g_strdup (provider);
  ref->service = g_strdup (service);
  ref->version = g_strdup (version);
  g_ptr_array_add (s->priced_against, ref);
}

/* Pins every service of @provider to sheet @version, in place of what was pinned for any of
 * them; NULL pins none. */
void
sky_scenario_set_sheet_version (SkyScenario *s,
                                const char  *provider,
                                const char  *version)
{
  g_return_if_fail (s != NULL && provider != NULL);

  for (guint i = s->priced_against->len; i > 0; i--)
    if (g_strcmp0 (((SkySheetRef *) g_ptr_array_index (s->priced_against, i - 1))->provider,
                   provider) == 0)
      g_ptr_array_remove_index (s->priced_against, i - 1);
  if (version != NULL)
    put_ref (s, provider, NULL, version);
}

/* Pins @service of @provider to sheet @version, which wins over a version pinned for every
 * service of the provider. */
void
sky_scenario_set_service_version (SkyScenario *s,
                                  const char  *provider,
                                  const char  *service,
                                  const char  *version)
{
  g_return_if_fail (s != NULL && provider != NULL && service != NULL && version != NULL);

  put_ref (s, provider, service, version);
}

/* A line's usage per unit of quantity: as given, or every hour of the month for an hourly
 * price. */
SkyDecimal
sky_scenario_line_usage (const SkyScenario     *s,
                         const SkyScenarioLine *line)
{
  if (line->has_usage)
    return line->usage;
  if (g_strcmp0 (line->unit, "hour") == 0)
    return s->hours_per_month;
  return sky_decimal_from_int (0);
}

/* Reading -------------------------------------------------------------------------------- */

typedef struct
{
  const char  *name;     /* the file, for messages */
  const char  *text;     /* NUL-terminated */
  xmlNode     *root;
  GError      *error;
} Reader;

static gboolean
fail (Reader     *r,
      xmlNode    *node,
      const char *attr,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (Reader     *r,
      xmlNode    *node,
      const char *attr,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;
  long line;
  int column;

  if (r->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _sky_xml_locate_node (r->text, r->root, node, attr, &line, &column);
  g_set_error (&r->error, SKY_SCENARIO_ERROR, code, "%s:%ld:%d: %s", r->name, line, column,
               message);
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* Every attribute of @node is one of @known; namespaced attributes from other vocabularies are
 * left alone. */
static gboolean
check_attributes (Reader             *r,
                  xmlNode            *node,
                  const char * const *known)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      if (a->ns != NULL)
        continue;
      if (!g_strv_contains (known, (const char *) a->name))
        return fail (r, node, (const char *) a->name, SKY_SCENARIO_ERROR_INVALID,
                     _("unknown attribute “%s” in <%s>"), a->name, node->name);
    }
  return TRUE;
}

/* The attribute's value, or NULL; an empty value counts as missing. */
static char *
get (xmlNode    *node,
     const char *attr)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) attr);
  char *copy = NULL;

  if (value != NULL && *value != '\0')
    copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* FALSE, with the error, when @node lacks @attr or gives it no value. */
static gboolean
need (Reader     *r,
      xmlNode    *node,
      const char *attr)
{
  g_autofree char *value = NULL;

  if (!xmlHasProp (node, (const xmlChar *) attr))
    return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("<%s> needs the attribute “%s”"),
                 node->name, attr);
  value = get (node, attr);
  if (value == NULL)
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID,
                 _("the attribute “%s” of <%s> is empty"),
                 attr, node->name);
  return TRUE;
}

static char *
require (Reader     *r,
         xmlNode    *node,
         const char *attr)
{
  return need (r, node, attr) ? get (node, attr) : NULL;
}

/* A non-negative decimal with at most @max_scale decimals; @positive refuses zero. */
static gboolean
decimal_attr (Reader     *r,
              xmlNode    *node,
              const char *attr,
              guint       max_scale,
              gboolean    positive,
              SkyDecimal *out)
{
  g_autofree char *value = get (node, attr);
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return TRUE;
  if (!sky_decimal_parse (value, max_scale, FALSE, out, &error))
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID, _("%s “%s” of <%s>: %s"), attr, value,
                 node->name, error->message);
  if (positive && sky_decimal_is_zero (*out))
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID, _("%s of <%s> must be more than 0"),
                 attr, node->name);
  return TRUE;
}

/* decimal_attr for an attribute that must be there. */
static gboolean
needed_decimal_attr (Reader     *r,
                     xmlNode    *node,
                     const char *attr,
                     guint       max_scale,
                     gboolean    positive,
                     SkyDecimal *out)
{
  return need (r, node, attr) && decimal_attr (r, node, attr, max_scale, positive, out);
}

static gboolean
currency_attr (Reader     *r,
               xmlNode    *node,
               const char *attr,
               char      **out)
{
  *out = require (r, node, attr);
  if (*out == NULL)
    return FALSE;
  if (!sky_currency_lookup (*out, NULL))
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID,
                 _("unknown currency “%s” in <%s>: use an ISO 4217 code such as USD or EUR"),
                 *out, node->name);
  return TRUE;
}

static gboolean
choice_attr (Reader             *r,
             xmlNode            *node,
             const char         *attr,
             const char * const *choices,
             char              **out)
{
  if (*out == NULL || g_strv_contains (choices, *out))
    return TRUE;
  return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID, _("unknown %s “%s” in <%s>"), attr, *out,
               node->name);
}

/* An identifier as sheets write one: lowercase letters, digits, ".", "_" and "-", starting
 * with a letter or digit, at most 64 characters. */
static gboolean
is_identifier (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 64 || !(g_ascii_islower (value[0]) || g_ascii_isdigit (value[0])))
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
read_requirement (Reader          *r,
                  xmlNode         *node,
                  SkyScenarioLine *line)
{
  static const char * const known[] = { "category", "min-vcpu", "min-memory-gib", "region",
                                        "geography", "os", "storage-types", "max-oversize",
                                        "architecture", "tenancy", "licence", "software",
                                        "capacity", "engine", NULL };
  SkyDecimal vcpu = sky_decimal_from_int (0), memory = sky_decimal_from_int (0);
  SkyDecimal oversize = sky_decimal_from_int (0);
  g_autofree char *storage = NULL;

  if (!check_attributes (r, node, known))
    return FALSE;
  line->category = require (r, node, "category");
  if (line->category == NULL ||
      !choice_attr (r, node, "category", sky_categories (), &line->category))
    return FALSE;
  if (!decimal_attr (r, node, "min-vcpu", 3, FALSE, &vcpu) ||
      !decimal_attr (r, node, "min-memory-gib", 3, FALSE, &memory))
    return FALSE;
  if (!sky_decimal_to_scaled_int64 (vcpu, 3, &line->min_vcpu_milli) ||
      !sky_decimal_to_scaled_int64 (memory, 3, &line->min_memory_mgib))
    return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("a minimum of <%s> is too large"),
                 node->name);
  if (!decimal_attr (r, node, "max-oversize", 3, FALSE, &oversize))
    return FALSE;
  if (!sky_decimal_to_scaled_int64 (oversize, 3, &line->max_oversize_milli))
    return fail (r, node, "max-oversize", SKY_SCENARIO_ERROR_INVALID,
                 _("max-oversize of <%s> is too large"), node->name);
  if (line->max_oversize_milli != 0 && line->max_oversize_milli < 1000)
    return fail (r, node, "max-oversize", SKY_SCENARIO_ERROR_INVALID,
                 _("max-oversize of <%s> must be at least 1 (the size asked for)"), node->name);
  line->region = get (node, "region");
  line->geography = get (node, "geography");
  line->os = get (node, "os");
  if (!choice_attr (r, node, "geography", sky_geographies (), &line->geography))
    return FALSE;
  storage = get (node, "storage-types");
  if (storage != NULL)
    line->storage_types = g_strsplit_set (g_strstrip (storage), " \t\n", -1);

  /* Which rows of offers: any architecture, and the default row's tenancy, licence, software
   * and capacity unless the requirement asks for others. */
  line->architecture = get (node, "architecture");
  line->tenancy = get (node, "tenancy");
  line->licence = get (node, "licence");
  line->capacity = get (node, "capacity");
  line->software = get (node, "software");
  if (!choice_attr (r, node, "architecture", sky_vocabulary_ids (SKY_VOCABULARY_ARCHITECTURE),
                    &line->architecture) ||
      !choice_attr (r, node, "tenancy", sky_vocabulary_ids (SKY_VOCABULARY_TENANCY),
                    &line->tenancy) ||
      !choice_attr (r, node, "licence", sky_vocabulary_ids (SKY_VOCABULARY_LICENCE),
                    &line->licence) ||
      !choice_attr (r, node, "capacity", sky_vocabulary_ids (SKY_VOCABULARY_CAPACITY),
                    &line->capacity))
    return FALSE;
  if (line->software != NULL && !is_identifier (line->software))
    return fail (r, node, "software", SKY_SCENARIO_ERROR_INVALID,
                 _("software “%s” of <%s> is not an identifier (lowercase letters, digits, “.”, "
                   "“_”, “-”; at most 64)"), line->software, node->name);
  if (g_strcmp0 (line->software, SKY_SOFTWARE_NONE) == 0)
    g_clear_pointer (&line->software, g_free);

  /* A database engine; offers of any engine match without one. */
  line->engine = get (node, "engine");
  if (!choice_attr (r, node, "engine", sky_vocabulary_ids (SKY_VOCABULARY_ENGINE), &line->engine))
    return FALSE;
  if (line->engine != NULL && strcmp (line->category, "database") != 0)
    return fail (r, node, "engine", SKY_SCENARIO_ERROR_INVALID,
                 _("engine of <%s> is for a requirement of category database, not %s"),
                 node->name, line->category);
  return TRUE;
}

static gboolean
read_offer (Reader          *r,
            xmlNode         *node,
            SkyScenarioLine *line)
{
  static const char * const known[] = { "provider", "sheet-version", "sku", NULL };

  if (!check_attributes (r, node, known))
    return FALSE;
  line->provider = require (r, node, "provider");
  line->sku = line->provider != NULL ? require (r, node, "sku") : NULL;
  line->sheet_version = get (node, "sheet-version");
  return line->sku != NULL;
}

/* deployment="KIND" and regions="N" of a <line>. */
static gboolean
read_deployment (Reader          *r,
                 xmlNode         *node,
                 SkyScenarioLine *line)
{
  g_autofree char *deployment = get (node, "deployment");
  g_autofree char *regions = get (node, "regions");
  guint64 n = 1;

  if (deployment != NULL && sky_vocabulary_lookup (SKY_VOCABULARY_DEPLOYMENT, deployment) == NULL)
    {
      g_autofree char *kinds = sky_vocabulary_describe (SKY_VOCABULARY_DEPLOYMENT);

      return fail (r, node, "deployment", SKY_SCENARIO_ERROR_INVALID,
                   _("unknown deployment “%s” in <line>: use %s"), deployment, kinds);
    }
  sky_scenario_line_set_deployment (line, deployment);
  if (xmlHasProp (node, (const xmlChar *) "regions") &&
      (regions == NULL ||
       !g_ascii_string_to_unsigned (regions, 10, 1, SKY_SCENARIO_MAX_REGIONS, &n, NULL)))
    return fail (r, node, "regions", SKY_SCENARIO_ERROR_INVALID,
                 _("regions of <line> is a number of regions from 1 to %u, not “%s”"),
                 SKY_SCENARIO_MAX_REGIONS, regions != NULL ? regions : "");
  line->regions = (guint) n;
  return TRUE;
}

/* <availability required="99.99"/>: the availability the scenario asks of each provider. */
static gboolean
read_availability (Reader      *r,
                   xmlNode     *node,
                   SkyScenario *s)
{
  static const char * const known[] = { "required", NULL };
  SkyDecimal required;

  if (s->has_required_availability)
    return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("<availability> is given twice"));
  if (!check_attributes (r, node, known) ||
      !needed_decimal_attr (r, node, "required", 6, TRUE, &required))
    return FALSE;
  if (sky_decimal_compare (required, sky_decimal_from_int (100)) >= 0)
    return fail (r, node, "required", SKY_SCENARIO_ERROR_INVALID,
                 _("required of <availability> is a percentage below 100 (no service promises "
                   "more)"));
  sky_scenario_set_required_availability (s, &required);
  return TRUE;
}

static gboolean
read_line (Reader      *r,
           xmlNode     *node,
           SkyScenario *s)
{
  static const char * const known[] = { "label", "group", "quantity", "usage", "unit", "term",
                                        "deployment", "regions", NULL };
  g_autoptr(SkyScenarioLine) line = NULL;
  xmlNode *what = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (what != NULL)
        return fail (r, child, NULL, SKY_SCENARIO_ERROR_INVALID,
                     _("a <line> holds one <requirement> or one <offer>, not more"));
      if (!is_element (child, "requirement") && !is_element (child, "offer"))
        return fail (r, child, NULL, SKY_SCENARIO_ERROR_INVALID,
                     _("unexpected <%s> in <line>: use <requirement> or <offer>"), child->name);
      what = child;
    }
  if (what == NULL)
    return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID,
                 _("a <line> needs a <requirement> or an <offer>"));

  line = sky_scenario_line_new (is_element (what, "offer") ? SKY_LINE_OFFER
                                                           : SKY_LINE_REQUIREMENT);
  if (!check_attributes (r, node, known))
    return FALSE;
  line->label = require (r, node, "label");
  if (line->label == NULL)
    return FALSE;
  line->group = get (node, "group");
  if (!decimal_attr (r, node, "quantity", 6, FALSE, &line->quantity))
    return FALSE;
  line->has_usage = xmlHasProp (node, (const xmlChar *) "usage") != NULL;
  if (!decimal_attr (r, node, "usage", 10, FALSE, &line->usage))
    return FALSE;
  line->unit = require (r, node, "unit");
  if (line->unit == NULL)
    return FALSE;
  if (!sky_unit_is_known (line->unit))
    {
      g_autofree char *units = sky_vocabulary_describe (SKY_VOCABULARY_UNIT);

      return fail (r, node, "unit", SKY_SCENARIO_ERROR_INVALID,
                   _("unknown unit “%s” in <line>: use %s"), line->unit, units);
    }
  {
    g_autofree char *term = get (node, "term");
    if (term != NULL)
      {
        if (!sky_term_is_known (term))
          {
            g_autofree char *terms = sky_vocabulary_describe (SKY_VOCABULARY_PURCHASE_OPTION);

            return fail (r, node, "term", SKY_SCENARIO_ERROR_INVALID,
                         _("unknown purchase option “%s” in <line>: use %s"), term, terms);
          }
        /* Dev/test prices stand in for on-demand ones, for the whole scenario or not at all. */
        if (sky_purchase_option_lookup (term)->purchase_class == SKY_PURCHASE_DEV_TEST)
          return fail (r, node, "term", SKY_SCENARIO_ERROR_INVALID,
                       _("a <line> is not priced at “%s” itself: give <scenario> dev-test=\"true\" "
                         "and on-demand lines are priced at dev/test prices where there are any"),
                       term);
        g_free (line->term);
        line->term = g_steal_pointer (&term);
      }
  }
  if (!read_deployment (r, node, line))
    return FALSE;

  if (line->kind == SKY_LINE_OFFER ? !read_offer (r, what, line)
                                   : !read_requirement (r, what, line))
    return FALSE;
  g_ptr_array_add (s->lines, g_steal_pointer (&line));
  return TRUE;
}

static gboolean
read_rate (Reader      *r,
           xmlNode     *node,
           SkyScenario *s)
{
  static const char * const known[] = { "from", "to", "rate", "date", NULL };
  SkyExchangeRate *rate = g_new0 (SkyExchangeRate, 1);
  unsigned y, m, d;
  char end;

  g_ptr_array_add (s->rates, rate);
  if (!check_attributes (r, node, known) || !currency_attr (r, node, "from", &rate->from) ||
      !currency_attr (r, node, "to", &rate->to))
    return FALSE;
  if (!needed_decimal_attr (r, node, "rate", 10, TRUE, &rate->rate))
    return FALSE;
  rate->date = require (r, node, "date");
  if (rate->date == NULL)
    return FALSE;
  if (strlen (rate->date) != 10 || sscanf (rate->date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      rate->date[4] != '-' || rate->date[7] != '-' ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return fail (r, node, "date", SKY_SCENARIO_ERROR_INVALID,
                 _("date “%s” of <exchange-rate> is not a date (YYYY-MM-DD)"), rate->date);
  if (strcmp (rate->from, rate->to) == 0 &&
      sky_decimal_compare (rate->rate, sky_decimal_from_int (1)) != 0)
    {
      g_autofree char *text = get (node, "rate");
      return fail (r, node, "rate", SKY_SCENARIO_ERROR_INVALID,
                   _("a rate from %s to %s itself is 1, not “%s”"), rate->from, rate->to, text);
    }
  /* Which of two rates pinned for the same day applies cannot be told: both are refused. */
  for (xmlNode *before = node->prev; before != NULL; before = before->prev)
    {
      g_autofree char *from = NULL, *to = NULL, *date = NULL;

      if (!is_element (before, "exchange-rate"))
        continue;
      from = get (before, "from");
      to = get (before, "to");
      date = get (before, "date");
      if (g_strcmp0 (from, rate->from) == 0 && g_strcmp0 (to, rate->to) == 0 &&
          g_strcmp0 (date, rate->date) == 0)
        return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID,
                     _("a second exchange rate from %s to %s on %s (the first is on line %ld)"),
                     rate->from, rate->to, rate->date, xmlGetLineNo (before));
    }
  return TRUE;
}

static gboolean
read_discount (Reader      *r,
               xmlNode     *node,
               SkyScenario *s)
{
  static const char * const known[] = { "provider", "service", "percent", NULL };
  SkyDiscount *discount = g_new0 (SkyDiscount, 1);

  g_ptr_array_add (s->discounts, discount);
  if (!check_attributes (r, node, known))
    return FALSE;
  discount->provider = require (r, node, "provider");
  if (discount->provider == NULL)
    return FALSE;
  discount->service = get (node, "service");
  if (!needed_decimal_attr (r, node, "percent", 6, FALSE, &discount->percent))
    return FALSE;
  if (sky_decimal_compare (discount->percent, sky_decimal_from_int (100)) > 0)
    return fail (r, node, "percent", SKY_SCENARIO_ERROR_INVALID,
                 _("a discount cannot be more than 100 %%"));
  return TRUE;
}

static gboolean
read_credit (Reader      *r,
             xmlNode     *node,
             SkyScenario *s)
{
  static const char * const known[] = { "provider", "amount", "note", NULL };
  SkyCredit *credit = g_new0 (SkyCredit, 1);

  g_ptr_array_add (s->credits, credit);
  if (!check_attributes (r, node, known))
    return FALSE;
  credit->provider = require (r, node, "provider");
  if (credit->provider == NULL)
    return FALSE;
  credit->note = get (node, "note");
  return needed_decimal_attr (r, node, "amount", 10, FALSE, &credit->amount);
}

typedef gboolean (*ReadFunc) (Reader      *r,
                              xmlNode     *node,
                              SkyScenario *s);

/* <providers>, <priced-against>, <candidates>, <criteria> and the caps of <budget>: lists of
 * one kind of element, @item, each read by @read. */
static gboolean
read_list (Reader      *r,
           xmlNode     *node,
           const char  *item,
           ReadFunc     read,
           SkyScenario *s)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (child, item))
        return fail (r, child, NULL, SKY_SCENARIO_ERROR_INVALID, _("unexpected <%s> in <%s>"),
                     child->name, node->name);
      if (!read (r, child, s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_provider (Reader      *r,
               xmlNode     *node,
               SkyScenario *s)
{
  static const char * const known[] = { "id", NULL };
  char *id;

  if (!check_attributes (r, node, known) || (id = require (r, node, "id")) == NULL)
    return FALSE;
  for (guint i = 0; i < s->providers->len; i++)
    if (strcmp (g_ptr_array_index (s->providers, i), id) == 0)
      {
        fail (r, node, "id", SKY_SCENARIO_ERROR_INVALID, _("provider “%s” is listed twice"), id);
        g_free (id);
        return FALSE;
      }
  g_ptr_array_add (s->providers, id);
  return TRUE;
}

static gboolean
read_sheet (Reader      *r,
            xmlNode     *node,
            SkyScenario *s)
{
  static const char * const known[] = { "provider", "service", "version", NULL };
  g_autofree char *provider = NULL;
  g_autofree char *service = NULL;
  g_autofree char *version = NULL;

  if (!check_attributes (r, node, known) ||
      (provider = require (r, node, "provider")) == NULL ||
      (version = require (r, node, "version")) == NULL)
    return FALSE;
  /* Without a service, as files of the earlier form write it: every service of the provider. */
  service = get (node, "service");
  put_ref (s, provider, service, version);
  return TRUE;
}

static gboolean
read_candidate (Reader      *r,
                xmlNode     *node,
                SkyScenario *s)
{
  static const char * const known[] = { "provider", "sku", "sheet-version", NULL };
  SkyCandidate *c = g_new0 (SkyCandidate, 1);

  g_ptr_array_add (s->candidates, c);
  if (!check_attributes (r, node, known) ||
      (c->provider = require (r, node, "provider")) == NULL)
    return FALSE;
  /* Without a SKU, the candidate is the provider: the scenario priced on it. */
  c->sku = get (node, "sku");
  c->sheet_version = get (node, "sheet-version");
  return TRUE;
}

static gboolean
read_kept_offer (Reader      *r,
                 xmlNode     *node,
                 SkyScenario *s)
{
  static const char * const known[] = { "provider", "sheet-version", "service", "sku", "region",
                                        "term", "unit", NULL };
  SkyKeptOffer *k = g_new0 (SkyKeptOffer, 1);

  g_ptr_array_add (s->kept_offers, k);
  if (!check_attributes (r, node, known) ||
      (k->provider = require (r, node, "provider")) == NULL ||
      (k->sheet_version = require (r, node, "sheet-version")) == NULL ||
      (k->sku = require (r, node, "sku")) == NULL ||
      (k->region = require (r, node, "region")) == NULL ||
      (k->term = require (r, node, "term")) == NULL ||
      (k->unit = require (r, node, "unit")) == NULL)
    return FALSE;
  k->service = get (node, "service");
  return TRUE;
}

static gboolean
read_criterion (Reader      *r,
                xmlNode     *node,
                SkyScenario *s)
{
  static const char * const known[] = { "id", "name", "kind", "weight", NULL };
  SkyCriterion *c = g_new0 (SkyCriterion, 1);
  g_autofree char *kind = NULL;

  c->weight = sky_decimal_from_int (1);
  g_ptr_array_add (s->criteria, c);
  if (!check_attributes (r, node, known) ||
      (c->id = require (r, node, "id")) == NULL ||
      (kind = require (r, node, "kind")) == NULL)
    return FALSE;
  for (guint i = 0; criterion_kinds[i] != NULL; i++)
    if (strcmp (kind, criterion_kinds[i]) == 0)
      c->kind = i + 1;
  if (c->kind == 0)
    return fail (r, node, "kind", SKY_SCENARIO_ERROR_INVALID,
                 _("unknown kind “%s” of <criterion>: use cost, sla, performance, features "
                   "or rated"), kind);
  c->kind--;
  c->name = get (node, "name");
  if (!decimal_attr (r, node, "weight", 6, FALSE, &c->weight))
    return FALSE;
  for (guint i = 0; i + 1 < s->criteria->len; i++)
    if (strcmp (((SkyCriterion *) g_ptr_array_index (s->criteria, i))->id, c->id) == 0)
      return fail (r, node, "id", SKY_SCENARIO_ERROR_INVALID,
                   _("criterion “%s” is given twice"), c->id);
  return TRUE;
}

static gboolean
read_rating (Reader      *r,
             xmlNode     *node,
             SkyScenario *s)
{
  static const char * const known[] = { "criterion", "target", "value", NULL };
  SkyRating *rating = g_new0 (SkyRating, 1);
  g_autofree char *value = NULL;
  guint64 v = 0;

  g_ptr_array_add (s->ratings, rating);
  if (!check_attributes (r, node, known) ||
      (rating->criterion = require (r, node, "criterion")) == NULL ||
      (rating->target = require (r, node, "target")) == NULL ||
      (value = require (r, node, "value")) == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (value, 10, 1, 5, &v, NULL))
    return fail (r, node, "value", SKY_SCENARIO_ERROR_INVALID,
                 _("a rating is a whole number from 1 to 5, not “%s”"), value);
  rating->value = (int) v;
  /* Criteria come before ratings in a file. */
  for (guint i = 0; i < s->criteria->len; i++)
    {
      SkyCriterion *c = g_ptr_array_index (s->criteria, i);
      if (strcmp (c->id, rating->criterion) == 0 && c->kind == SKY_CRITERION_RATED)
        return TRUE;
    }
  return fail (r, node, "criterion", SKY_SCENARIO_ERROR_INVALID,
               _("“%s” is not a rated criterion given above in <criteria>"), rating->criterion);
}

/* A signed decimal, such as a percentage of change. */
static gboolean
signed_attr (Reader     *r,
             xmlNode    *node,
             const char *attr,
             SkyDecimal *out)
{
  g_autofree char *value = get (node, attr);
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return TRUE;
  if (!sky_decimal_parse (value, 6, TRUE, out, &error))
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID, _("%s “%s” of <%s>: %s"), attr, value,
                 node->name, error->message);
  return TRUE;
}

static gboolean
month_attr (Reader     *r,
            xmlNode    *node,
            const char *attr,
            guint       max,
            guint      *out)
{
  g_autofree char *value = get (node, attr);
  guint64 v = 0;

  if (value == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, 1, max, &v, NULL))
    return fail (r, node, attr, SKY_SCENARIO_ERROR_INVALID,
                 _("%s of <%s> is a month from 1 to %u, not “%s”"), attr, node->name, max, value);
  *out = (guint) v;
  return TRUE;
}

/* A <cap> of the <budget> read before it. */
static gboolean
read_cap (Reader      *r,
          xmlNode     *node,
          SkyScenario *s)
{
  static const char * const known[] = { "group", "monthly", NULL };
  SkyGroupCap *cap = g_new0 (SkyGroupCap, 1);

  g_ptr_array_add (s->budget->group_caps, cap);
  return check_attributes (r, node, known) &&
         (cap->group = require (r, node, "group")) != NULL &&
         needed_decimal_attr (r, node, "monthly", 10, FALSE, &cap->monthly);
}

static gboolean
read_budget (Reader      *r,
             xmlNode     *node,
             SkyScenario *s)
{
  static const char * const known[] = { "monthly", "yearly", NULL };
  SkyBudget *b;

  if (s->budget != NULL)
    return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("<budget> is given twice"));
  b = s->budget = sky_budget_new ();
  if (!check_attributes (r, node, known))
    return FALSE;
  b->has_monthly = xmlHasProp (node, (const xmlChar *) "monthly") != NULL;
  b->has_yearly = xmlHasProp (node, (const xmlChar *) "yearly") != NULL;
  return decimal_attr (r, node, "monthly", 10, FALSE, &b->monthly) &&
         decimal_attr (r, node, "yearly", 10, FALSE, &b->yearly) &&
         read_list (r, node, "cap", read_cap, s);
}

static gboolean
read_projection (Reader      *r,
                 xmlNode     *node,
                 SkyScenario *s)
{
  static const char * const known[] = { "months", "start-month", NULL };
  static const char * const growth_known[] = { "line", "group", "percent", "from-month", "step",
                                               NULL };
  static const char * const range_known[] = { "line", "group", "low", "high", NULL };
  static const char * const start_known[] = { "line", "month", NULL };
  g_autofree char *months = get (node, "months");
  g_autofree char *calendar = get (node, "start-month");
  guint64 m = 12;

  if (!check_attributes (r, node, known))
    return FALSE;
  if (months != NULL && !g_ascii_string_to_unsigned (months, 10, 12, 60, &m, NULL))
    return fail (r, node, "months", SKY_SCENARIO_ERROR_INVALID,
                 _("a projection runs 12 to 60 months, not “%s”"), months);
  s->projection_months = (guint) m;
  if (xmlHasProp (node, (const xmlChar *) "start-month") && !need (r, node, "start-month"))
    return FALSE;
  if (calendar != NULL &&
      !sky_calendar_month_parse (calendar, &s->start_year, &s->start_month))
    return fail (r, node, "start-month", SKY_SCENARIO_ERROR_INVALID,
                 "start-month of <projection> is a calendar month such as “2027-01” (year, "
                 "then month 01 to 12), not “%s”", calendar);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "growth"))
        {
          SkyGrowth *g = g_new0 (SkyGrowth, 1);
          g_autofree char *step = NULL;

          g_ptr_array_add (s->growth, g);
          g->from_month = 1;
          if (!check_attributes (r, child, growth_known))
            return FALSE;
          g->line = get (child, "line");
          g->group = get (child, "group");
          if (!need (r, child, "percent") ||
              !signed_attr (r, child, "percent", &g->percent) ||
              !month_attr (r, child, "from-month", 60, &g->from_month))
            return FALSE;
          /* At -100 % a quantity is gone after one month; below it, it turns negative. */
          if (sky_decimal_compare (g->percent, sky_decimal_from_int (-100)) <= 0)
            {
              g_autofree char *percent = get (child, "percent");
              return fail (r, child, "percent", SKY_SCENARIO_ERROR_INVALID,
                           _("percent of <growth> must be more than -100 (a quantity cannot "
                             "shrink below nothing), not “%s”"), percent);
            }
          step = get (child, "step");
          if (step != NULL && strcmp (step, "true") != 0 && strcmp (step, "false") != 0)
            return fail (r, child, "step", SKY_SCENARIO_ERROR_INVALID,
                         _("step of <growth> is true or false, not “%s”"), step);
          g->step = g_strcmp0 (step, "true") == 0;
        }
      else if (is_element (child, "range"))
        {
          SkyRange *range = g_new0 (SkyRange, 1);

          g_ptr_array_add (s->ranges, range);
          if (!check_attributes (r, child, range_known))
            return FALSE;
          range->line = get (child, "line");
          range->group = get (child, "group");
          if (!signed_attr (r, child, "low", &range->low) ||
              !signed_attr (r, child, "high", &range->high))
            return FALSE;
        }
      else if (is_element (child, "start"))
        {
          SkyStart *start = g_new0 (SkyStart, 1);

          g_ptr_array_add (s->starts, start);
          start->month = 1;
          if (!check_attributes (r, child, start_known) ||
              (start->line = require (r, child, "line")) == NULL ||
              !month_attr (r, child, "month", 60, &start->month))
            return FALSE;
        }
      else
        return fail (r, child, NULL, SKY_SCENARIO_ERROR_INVALID,
                     _("unexpected <%s> in <projection>: use <growth>, <range> or <start>"),
                     child->name);
    }
  return TRUE;
}

/* An element of <scenario> other than <notes>: one read by itself, or a list of items. */
static gboolean
read_element (Reader      *r,
              xmlNode     *node,
              SkyScenario *s)
{
  static const struct
  {
    const char *name;
    const char *item;
    ReadFunc    read;
  } elements[] = {
    { "providers", "provider", read_provider },
    { "priced-against", "sheet", read_sheet },
    { "exchange-rate", NULL, read_rate },
    { "discount", NULL, read_discount },
    { "credit", NULL, read_credit },
    { "line", NULL, read_line },
    { "budget", NULL, read_budget },
    { "availability", NULL, read_availability },
    { "projection", NULL, read_projection },
    { "candidates", "candidate", read_candidate },
    { "criteria", "criterion", read_criterion },
    { "rating", NULL, read_rating },
    { "kept-offers", "offer", read_kept_offer },
  };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      if (!is_element (node, elements[i].name))
        continue;
      if (elements[i].item != NULL)
        return read_list (r, node, elements[i].item, elements[i].read, s);
      return elements[i].read (r, node, s);
    }
  return fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("unknown element <%s> in <scenario>"),
               node->name);
}

static SkyScenario *
read_root (Reader *r)
{
  static const char * const known[] = { "format", "name", "currency", "hours-per-month",
                                        "compare-by", "dev-test", NULL };
  static const char * const booleans[] = { "true", "false", NULL };
  g_autofree char *dev_test = NULL;
  static const char * const compare_by[] = { "effective-monthly", "term-total", NULL };
  g_autofree char *compare = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_new (NULL, NULL);
  xmlNode *root = r->root;
  g_autofree char *format = NULL;
  gboolean has_notes = FALSE;

  if (!is_element (root, "scenario") || root->ns == NULL ||
      g_strcmp0 ((const char *) root->ns->href, SKY_SCENARIO_NAMESPACE) != 0)
    {
      g_set_error (&r->error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_NOT_A_SCENARIO,
                   _("%s:%ld:1: not a Skytally scenario: the root element must be <scenario> "
                     "in the namespace %s"), r->name, xmlGetLineNo (root), SKY_SCENARIO_NAMESPACE);
      return NULL;
    }
  format = get (root, "format");
  if (format == NULL)
    {
      fail (r, root, NULL, SKY_SCENARIO_ERROR_INVALID,
            _("<scenario> needs the attribute “format”"));
      return NULL;
    }
  if (strcmp (format, "1") != 0)
    {
      guint64 version = 0;

      if (g_ascii_string_to_unsigned (format, 10, 2, G_MAXUINT32, &version, NULL))
        fail (r, root, "format", SKY_SCENARIO_ERROR_TOO_NEW,
              _("this scenario is in format %s, newer than this version of Skytally reads (%d): "
                "update Skytally to open it"), format, SKY_SCENARIO_FORMAT_VERSION);
      else
        fail (r, root, "format", SKY_SCENARIO_ERROR_INVALID, _("unknown format “%s”"), format);
      return NULL;
    }
  if (!check_attributes (r, root, known))
    return NULL;
  g_free (s->name);
  s->name = require (r, root, "name");
  g_clear_pointer (&s->currency, g_free);
  if (s->name == NULL || !currency_attr (r, root, "currency", &s->currency))
    return NULL;
  if (!decimal_attr (r, root, "hours-per-month", 6, TRUE, &s->hours_per_month))
    return NULL;
  if (sky_decimal_compare (s->hours_per_month, sky_decimal_from_int (744)) > 0)
    {
      fail (r, root, "hours-per-month", SKY_SCENARIO_ERROR_INVALID,
            _("a month has at most 744 hours"));
      return NULL;
    }
  compare = get (root, "compare-by");
  if (!choice_attr (r, root, "compare-by", compare_by, &compare))
    return NULL;
  s->compare_by = g_strcmp0 (compare, "term-total") == 0 ? SKY_COMPARE_TERM_TOTAL
                                                         : SKY_COMPARE_EFFECTIVE_MONTHLY;
  dev_test = get (root, "dev-test");
  if (!choice_attr (r, root, "dev-test", booleans, &dev_test))
    return NULL;
  s->dev_test = g_strcmp0 (dev_test, "true") == 0;

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      gboolean ok;

      if (node->type == XML_TEXT_NODE || node->type == XML_COMMENT_NODE)
        continue;
      if (node->type != XML_ELEMENT_NODE)
        {
          fail (r, node, NULL, SKY_SCENARIO_ERROR_MALFORMED,
                _("unexpected content in <scenario>"));
          return NULL;
        }

      if (is_element (node, "notes"))
        {
          xmlChar *text = xmlNodeGetContent (node);
          ok = !has_notes;
          if (ok)
            s->notes = g_strdup ((const char *) text);
          else
            fail (r, node, NULL, SKY_SCENARIO_ERROR_INVALID, _("<notes> is given twice"));
          xmlFree (text);
          has_notes = TRUE;
        }
      else
        ok = read_element (r, node, s);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&s);
}

/* Keeps libxml2's first error, which names the cause; later ones follow from it. */
typedef struct
{
  int   line;
  int   column;
  char *message;
} FirstError;

static void
keep_first_error (void        *user_data,
                  xmlErrorPtr  e)
{
  xmlParserCtxt *ctxt = user_data;
  FirstError *first = ctxt->_private;

  if (first->message != NULL || e == NULL || e->level < XML_ERR_ERROR)
    return;
  first->line = e->line;
  first->column = e->int2;
  first->message = g_strchomp (g_strdup (e->message != NULL ? e->message : _("not well-formed")));
}

/* Whether @text has more than SKY_SCENARIO_MAX_LINES lines (a last line break ends the last
 * line rather than beginning another). */
static gboolean
too_many_lines (const char *text)
{
  const char *p = text;

  for (guint n = 0; n < SKY_SCENARIO_MAX_LINES; n++)
    {
      p = strchr (p, '\n');
      if (p == NULL)
        return FALSE;
      p++;
    }
  return *p != '\0';
}

/* Reads a scenario from @data; a file's (@from_file) number of lines is limited, a copy's not.
 * Errors name @name_for_errors, the line and the column. */
static SkyScenario *
parse (const char  *data,
       gsize        length,
       const char  *name_for_errors,
       gboolean     from_file,
       GError     **error)
{
  g_autofree char *text = NULL;
  Reader r = { .name = name_for_errors != NULL ? name_for_errors : "scenario" };
  FirstError first = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  SkyScenario *s = NULL;
  const char *doctype;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SKY_SCENARIO_MAX_SIZE)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   _("%s: a scenario file is at most %d MiB"), r.name,
                   SKY_SCENARIO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  text = g_strndup (data, length);
  r.text = text;
  if (strlen (text) != length)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_MALFORMED,
                   _("%s: not a text file (it holds a NUL byte)"), r.name);
      return NULL;
    }
  if (from_file && too_many_lines (text))
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   _("%s:%d:1: a scenario has at most %d lines"), r.name,
                   SKY_SCENARIO_MAX_LINES + 1, SKY_SCENARIO_MAX_LINES);
      return NULL;
    }

  /* No document type: it is where entities that expand without end, or that read other
   * files, are declared. */
  doctype = strstr (text, "<!DOCTYPE");
  if (doctype != NULL)
    {
      long line = 1;
      int column = 1;
      for (const char *p = text; p < doctype; p++)
        {
          if (*p == '\n')
            line++, column = 1;
          else if (((guchar) *p & 0xC0) != 0x80)
            column++;
        }
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_MALFORMED,
                   _("%s:%ld:%d: a scenario may not have a document type (<!DOCTYPE>)"), r.name,
                   line, column);
      return NULL;
    }

  sky_sheet_reader_init ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO,
                   _("%s: out of memory"), r.name);
      return NULL;
    }
  ctxt->_private = &first;
  ctxt->sax->serror = keep_first_error;
  doc = xmlCtxtReadMemory (ctxt, text, (int) length, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_MALFORMED, "%s:%d:%d: %s",
                 r.name, MAX (first.line, 1), MAX (first.column, 1),
                 first.message != NULL ? first.message : _("not well-formed XML"));
  else if ((r.root = xmlDocGetRootElement (doc)) == NULL)
    g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_NOT_A_SCENARIO,
                 _("%s: the file is empty"), r.name);
  else
    {
      s = read_root (&r);
      if (s == NULL)
        g_propagate_error (error, g_steal_pointer (&r.error));
      g_clear_error (&r.error);
    }

  if (doc != NULL)
    xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
  g_free (first.message);
  return s;
}

/* Reads a scenario from @data, as from a file. Errors name @name_for_errors, the line and the
 * column. */
SkyScenario *
sky_scenario_parse (const char  *data,
                    gsize        length,
                    const char  *name_for_errors,
                    GError     **error)
{
  return parse (data, length, name_for_errors, TRUE, error);
}

/* Reads at most SKY_SCENARIO_MAX_SIZE bytes of the regular file @path, whatever its size said
 * when it was opened. It is opened without blocking, so that a FIFO without a writer is refused
 * at once rather than waited on for ever; a device, a FIFO or a directory is not read. */
static char *
read_scenario_file (const char  *path,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize size = 0, allocated;
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  int flags, saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO, "%s: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO, "%s: %s", path,
                   g_strerror (saved));
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO,
                   _("%s: not a regular file (%s): a scenario is read from a file"), path,
                   S_ISDIR (st.st_mode) ? _("a folder") : S_ISFIFO (st.st_mode) ? _("a named pipe")
                   : S_ISSOCK (st.st_mode) ? _("a socket") : _("a device"));
      close (fd);
      return NULL;
    }
  if (st.st_size > SKY_SCENARIO_MAX_SIZE)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   _("%s: a scenario file is at most %d MiB"), path,
                   SKY_SCENARIO_MAX_SIZE / (1024 * 1024));
      close (fd);
      return NULL;
    }
  /* A regular file never blocks; reads wait for the disk as usual. */
  flags = fcntl (fd, F_GETFL);
  if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      saved = errno;
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO, "%s: %s", path,
                   g_strerror (saved));
      close (fd);
      return NULL;
    }

  /* One byte more than the limit tells a file that grew past it since. */
  allocated = (gsize) st.st_size + 1;
  data = g_malloc (allocated + 1);
  for (;;)
    {
      gssize n;

      if (size == allocated)
        {
          if (allocated > SKY_SCENARIO_MAX_SIZE)
            break;
          allocated = MIN (allocated * 2, (gsize) SKY_SCENARIO_MAX_SIZE + 1);
          data = g_realloc (data, allocated + 1);
        }
      n = read (fd, data + size, allocated - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO, "%s: %s", path,
                       g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += (gsize) n;
    }
  close (fd);
  if (size > SKY_SCENARIO_MAX_SIZE)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   _("%s: a scenario file is at most %d MiB"), path,
                   SKY_SCENARIO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  data[size] = '\0';
  *length = size;
  return g_steal_pointer (&data);
}

SkyScenario *
sky_scenario_load (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  data = read_scenario_file (path, &length, error);
  if (data == NULL)
    return NULL;
  return sky_scenario_parse (data, length, path, error);
}

/* Writing -------------------------------------------------------------------------------- */

/* @value as XML text. A parser turns a carriage return (or CR LF) into a line feed, and in an
 * attribute a tab or a line break into a space: written as character references they read back
 * as they were. */
static char *
escape (const char *value,
        gboolean    in_attribute)
{
  g_autofree char *markup = g_markup_escape_text (value, -1);
  GString *text = g_string_new (markup);

  g_string_replace (text, "\r", "&#13;", 0);
  if (in_attribute)
    {
      g_string_replace (text, "\t", "&#9;", 0);
      g_string_replace (text, "\n", "&#10;", 0);
    }
  return g_string_free (text, FALSE);
}

static void
attr (GString    *out,
      const char *name,
      const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = escape (value, TRUE);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
decimal (GString    *out,
         const char *name,
         SkyDecimal  value)
{
  g_autofree char *text = sky_decimal_to_string (value);

  attr (out, name, text);
}

static void
scaled (GString    *out,
        const char *name,
        gint64      milli)
{
  if (milli > 0)
    decimal (out, name, sky_decimal_from_scaled (milli, 3));
}

/* The file's text: one element per line, attributes in a fixed order. */
char *
sky_scenario_to_xml (const SkyScenario *s)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_return_val_if_fail (s != NULL, NULL);

  g_string_append_printf (out, "<scenario xmlns=\"%s\" format=\"%d\"", SKY_SCENARIO_NAMESPACE,
                          SKY_SCENARIO_FORMAT_VERSION);
  attr (out, "name", s->name);
  attr (out, "currency", s->currency);
  decimal (out, "hours-per-month", s->hours_per_month);
  attr (out, "compare-by", s->compare_by == SKY_COMPARE_TERM_TOTAL ? "term-total" : NULL);
  attr (out, "dev-test", s->dev_test ? "true" : NULL);
  g_string_append (out, ">\n");

  if (s->notes != NULL && *s->notes != '\0')
    {
      g_autofree char *notes = escape (s->notes, FALSE);
      g_string_append_printf (out, "  <notes>%s</notes>\n", notes);
    }
  if (s->providers->len > 0)
    {
      g_string_append (out, "  <providers>\n");
      for (guint i = 0; i < s->providers->len; i++)
        {
          g_string_append (out, "    <provider");
          attr (out, "id", g_ptr_array_index (s->providers, i));
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </providers>\n");
    }
  if (s->priced_against->len > 0)
    {
      g_string_append (out, "  <priced-against>\n");
      for (guint i = 0; i < s->priced_against->len; i++)
        {
          SkySheetRef *ref = g_ptr_array_index (s->priced_against, i);
          g_string_append (out, "    <sheet");
          attr (out, "provider", ref->provider);
          attr (out, "service", ref->service);
          attr (out, "version", ref->version);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </priced-against>\n");
    }
  for (guint i = 0; i < s->rates->len; i++)
    {
      SkyExchangeRate *rate = g_ptr_array_index (s->rates, i);
      g_string_append (out, "  <exchange-rate");
      attr (out, "from", rate->from);
      attr (out, "to", rate->to);
      decimal (out, "rate", rate->rate);
      attr (out, "date", rate->date);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < s->discounts->len; i++)
    {
      SkyDiscount *discount = g_ptr_array_index (s->discounts, i);
      g_string_append (out, "  <discount");
      attr (out, "provider", discount->provider);
      attr (out, "service", discount->service);
      decimal (out, "percent", discount->percent);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < s->credits->len; i++)
    {
      SkyCredit *credit = g_ptr_array_index (s->credits, i);
      g_string_append (out, "  <credit");
      attr (out, "provider", credit->provider);
      decimal (out, "amount", credit->amount);
      attr (out, "note", credit->note);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < s->lines->len; i++)
    {
      SkyScenarioLine *line = g_ptr_array_index (s->lines, i);

      g_string_append (out, "  <line");
      attr (out, "label", line->label);
      attr (out, "group", line->group);
      decimal (out, "quantity", line->quantity);
      if (line->has_usage)
        decimal (out, "usage", line->usage);
      attr (out, "unit", line->unit);
      attr (out, "term", line->term);
      attr (out, "deployment", line->deployment);
      if (sky_scenario_line_get_regions (line) > 1)
        {
          g_autofree char *regions = g_strdup_printf ("%u", sky_scenario_line_get_regions (line));
          attr (out, "regions", regions);
        }
      g_string_append (out, ">\n");
      if (line->kind == SKY_LINE_OFFER)
        {
          g_string_append (out, "    <offer");
          attr (out, "provider", line->provider);
          attr (out, "sheet-version", line->sheet_version);
          attr (out, "sku", line->sku);
        }
      else
        {
          g_autofree char *types = line->storage_types != NULL
                                   ? g_strjoinv (" ", line->storage_types) : NULL;
          g_string_append (out, "    <requirement");
          attr (out, "category", line->category);
          scaled (out, "min-vcpu", line->min_vcpu_milli);
          scaled (out, "min-memory-gib", line->min_memory_mgib);
          attr (out, "region", line->region);
          attr (out, "geography", line->geography);
          attr (out, "os", line->os);
          attr (out, "storage-types", types != NULL && *types != '\0' ? types : NULL);
          scaled (out, "max-oversize", line->max_oversize_milli);
          attr (out, "architecture", line->architecture);
          attr (out, "tenancy", line->tenancy);
          attr (out, "licence", line->licence);
          attr (out, "software", line->software);
          attr (out, "capacity", line->capacity);
          attr (out, "engine", line->engine);
        }
      g_string_append (out, "/>\n  </line>\n");
    }
  if (s->budget != NULL)
    {
      g_string_append (out, "  <budget");
      if (s->budget->has_monthly)
        decimal (out, "monthly", s->budget->monthly);
      if (s->budget->has_yearly)
        decimal (out, "yearly", s->budget->yearly);
      if (s->budget->group_caps->len == 0)
        g_string_append (out, "/>\n");
      else
        {
          g_string_append (out, ">\n");
          for (guint i = 0; i < s->budget->group_caps->len; i++)
            {
              SkyGroupCap *cap = g_ptr_array_index (s->budget->group_caps, i);
              g_string_append (out, "    <cap");
              attr (out, "group", cap->group);
              decimal (out, "monthly", cap->monthly);
              g_string_append (out, "/>\n");
            }
          g_string_append (out, "  </budget>\n");
        }
    }
  if (s->has_required_availability)
    {
      g_string_append (out, "  <availability");
      decimal (out, "required", s->required_availability);
      g_string_append (out, "/>\n");
    }
  if (s->projection_months != 12 || s->growth->len > 0 || s->ranges->len > 0 ||
      s->starts->len > 0 || sky_scenario_has_calendar (s))
    {
      g_autofree char *months = g_strdup_printf ("%u", s->projection_months);
      g_autofree char *calendar = sky_scenario_calendar_month (s, 1);
      g_string_append (out, "  <projection");
      attr (out, "months", months);
      attr (out, "start-month", calendar);
      g_string_append (out, ">\n");
      for (guint i = 0; i < s->growth->len; i++)
        {
          SkyGrowth *g = g_ptr_array_index (s->growth, i);
          g_autofree char *from = g->from_month != 1 ? g_strdup_printf ("%u", g->from_month)
                                                     : NULL;
          g_string_append (out, "    <growth");
          attr (out, "line", g->line);
          attr (out, "group", g->group);
          decimal (out, "percent", g->percent);
          attr (out, "from-month", from);
          attr (out, "step", g->step ? "true" : NULL);
          g_string_append (out, "/>\n");
        }
      for (guint i = 0; i < s->ranges->len; i++)
        {
          SkyRange *range = g_ptr_array_index (s->ranges, i);
          g_string_append (out, "    <range");
          attr (out, "line", range->line);
          attr (out, "group", range->group);
          decimal (out, "low", range->low);
          decimal (out, "high", range->high);
          g_string_append (out, "/>\n");
        }
      for (guint i = 0; i < s->starts->len; i++)
        {
          SkyStart *start = g_ptr_array_index (s->starts, i);
          g_autofree char *month = g_strdup_printf ("%u", start->month);
          g_string_append (out, "    <start");
          attr (out, "line", start->line);
          attr (out, "month", month);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </projection>\n");
    }
  if (s->candidates->len > 0)
    {
      g_string_append (out, "  <candidates>\n");
      for (guint i = 0; i < s->candidates->len; i++)
        {
          SkyCandidate *c = g_ptr_array_index (s->candidates, i);
          g_string_append (out, "    <candidate");
          attr (out, "provider", c->provider);
          attr (out, "sku", c->sku);
          attr (out, "sheet-version", c->sheet_version);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </candidates>\n");
    }
  if (s->criteria->len > 0)
    {
      g_string_append (out, "  <criteria>\n");
      for (guint i = 0; i < s->criteria->len; i++)
        {
          SkyCriterion *c = g_ptr_array_index (s->criteria, i);
          g_string_append (out, "    <criterion");
          attr (out, "id", c->id);
          attr (out, "name", c->name);
          attr (out, "kind", sky_criterion_kind_name (c->kind));
          decimal (out, "weight", c->weight);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </criteria>\n");
    }
  for (guint i = 0; i < s->ratings->len; i++)
    {
      SkyRating *rating = g_ptr_array_index (s->ratings, i);
      g_autofree char *value = g_strdup_printf ("%d", rating->value);
      g_string_append (out, "  <rating");
      attr (out, "criterion", rating->criterion);
      attr (out, "target", rating->target);
      attr (out, "value", value);
      g_string_append (out, "/>\n");
    }
  if (s->kept_offers->len > 0)
    {
      g_string_append (out, "  <kept-offers>\n");
      for (guint i = 0; i < s->kept_offers->len; i++)
        {
          SkyKeptOffer *k = g_ptr_array_index (s->kept_offers, i);
          g_string_append (out, "    <offer");
          attr (out, "provider", k->provider);
          attr (out, "sheet-version", k->sheet_version);
          attr (out, "service", k->service);
          attr (out, "sku", k->sku);
          attr (out, "region", k->region);
          attr (out, "term", k->term);
          attr (out, "unit", k->unit);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </kept-offers>\n");
    }
  g_string_append (out, "</scenario>\n");
  return g_string_free (out, FALSE);
}

/* Writes @scenario to @path so that a crash or a full disk leaves the previous file whole,
 * through the safe writer (sky-file-writer.c): a private temporary file, synced, renamed over
 * it. A chain of symbolic links is followed to the file it ends at, and the file keeps its
 * permissions. */
gboolean
sky_scenario_save (const SkyScenario  *s,
                   const char         *path,
                   GError            **error)
{
  g_autofree char *xml = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  xml = sky_scenario_to_xml (s);
  /* A file that could not be opened again is not written. */
  if (too_many_lines (xml))
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   _("Cannot save %s: a scenario has at most %d lines, and this one has %u "
                     "lines of workload"), path, SKY_SCENARIO_MAX_LINES, s->lines->len);
      return FALSE;
    }
  if (!sky_file_write_contents (path, xml, -1, SKY_FILE_WRITE_DEFAULT, &local))
    {
      /* The writer's message names the file already: only its reason is added. */
      prefix = g_strdup_printf (_("Cannot write %s: %s"), path, "");
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO, _("Cannot save %s: %s"), path,
                   g_str_has_prefix (local->message, prefix)
                   ? local->message + strlen (prefix) : local->message);
      return FALSE;
    }
  return TRUE;
}

/* A deep copy, by way of the file format, which keeps every field. */
SkyScenario *
sky_scenario_copy (const SkyScenario *s)
{
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  SkyScenario *copy;

  g_return_val_if_fail (s != NULL, NULL);

  xml = sky_scenario_to_xml (s);
  copy = parse (xml, strlen (xml), s->name, FALSE, &error);
  if (copy == NULL)
    g_critical ("A scenario does not read back: %s", error->message);
  return copy;
}

/* Availability ----------------------------------------------------------------------------- */

/* The id of SKY_VOCABULARY_DEPLOYMENT the line is deployed as: "single" unless it says. */
const char *
sky_scenario_line_get_deployment (const SkyScenarioLine *line)
{
  g_return_val_if_fail (line != NULL, SKY_DEPLOYMENT_DEFAULT);

  return line->deployment != NULL ? line->deployment : SKY_DEPLOYMENT_DEFAULT;
}

/* Deploys @line as @deployment, an id of SKY_VOCABULARY_DEPLOYMENT; NULL or "single" for a
 * single deployment (kept as NULL, so that a line written before deployments existed compares
 * equal to one set back to single). */
void
sky_scenario_line_set_deployment (SkyScenarioLine *line,
                                  const char      *deployment)
{
  g_return_if_fail (line != NULL);
  g_return_if_fail (deployment == NULL ||
                    sky_vocabulary_lookup (SKY_VOCABULARY_DEPLOYMENT, deployment) != NULL);

  if (deployment != NULL && strcmp (deployment, SKY_DEPLOYMENT_DEFAULT) == 0)
    deployment = NULL;
  if (g_strcmp0 (line->deployment, deployment) == 0)
    return;
  g_free (line->deployment);
  line->deployment = g_strdup (deployment);
}

/* How many whole copies of the line run, each in its own region: 1 unless it says. */
guint
sky_scenario_line_get_regions (const SkyScenarioLine *line)
{
  g_return_val_if_fail (line != NULL, 1);

  return CLAMP (line->regions, 1, SKY_SCENARIO_MAX_REGIONS);
}

void
sky_scenario_line_set_regions (SkyScenarioLine *line,
                               guint            regions)
{
  g_return_if_fail (line != NULL);
  g_return_if_fail (regions >= 1 && regions <= SKY_SCENARIO_MAX_REGIONS);

  line->regions = regions;
}

/* Whether the scenario requires an availability, and which (in percent) into @percent. */
gboolean
sky_scenario_get_required_availability (const SkyScenario *s,
                                        SkyDecimal        *percent)
{
  g_return_val_if_fail (s != NULL, FALSE);

  if (s->has_required_availability && percent != NULL)
    *percent = s->required_availability;
  return s->has_required_availability;
}

/* Requires @percent (more than 0, less than 100) of each provider; NULL for no requirement. */
void
sky_scenario_set_required_availability (SkyScenario      *s,
                                        const SkyDecimal *percent)
{
  g_return_if_fail (s != NULL);
  g_return_if_fail (percent == NULL ||
                    (sky_decimal_compare (*percent, sky_decimal_from_int (0)) > 0 &&
                     sky_decimal_compare (*percent, sky_decimal_from_int (100)) < 0));

  s->has_required_availability = percent != NULL;
  s->required_availability = percent != NULL ? *percent : sky_decimal_from_int (0);
}

/* Calendar months ---------------------------------------------------------------------------- */

/* Reads a calendar month written "YYYY-MM" (as in <projection start-month>): a year from 1000
 * to 9999, a hyphen, a month from 01 to 12; nothing else. */
gboolean
sky_calendar_month_parse (const char *text,
                          guint      *year,
                          guint      *month)
{
  guint y = 0, m = 0;

  g_return_val_if_fail (year != NULL && month != NULL, FALSE);

  if (text == NULL || strlen (text) != 7 || text[4] != '-' || text[0] == '0')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    {
      if (i == 4)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      if (i < 4)
        y = y * 10 + (guint) g_ascii_digit_value (text[i]);
      else
        m = m * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  if (m < 1 || m > 12)
    return FALSE;
  *year = y;
  *month = m;
  return TRUE;
}

/* Whether the scenario says which calendar month its projection starts in. */
gboolean
sky_scenario_has_calendar (const SkyScenario *s)
{
  g_return_val_if_fail (s != NULL, FALSE);

  return s->start_year >= 1000 && s->start_year <= 9999 && s->start_month >= 1 &&
         s->start_month <= 12;
}

/* The calendar month that month @month (from 1) of the projection is, "YYYY-MM"; NULL when the
 * scenario has no start month, or the month falls after 9999-12. */
char *
sky_scenario_calendar_month (const SkyScenario *s,
                             guint              month)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (s != NULL && month >= 1, NULL);

  /* A GDateTime has no year past 9999. */
  date = sky_scenario_month_date (s, month);
  return date != NULL ? g_date_time_format (date, "%Y-%m") : NULL;
}

/* The first day of month @month (from 1) of the projection, in UTC, for a label in the locale
 * ("Jan 2027" with "%b %Y"); NULL when the scenario has no start month. */
GDateTime *
sky_scenario_month_date (const SkyScenario *s,
                         guint              month)
{
  guint index;

  g_return_val_if_fail (s != NULL && month >= 1, NULL);

  if (!sky_scenario_has_calendar (s))
    return NULL;
  index = s->start_month - 1 + month - 1;
  return g_date_time_new_utc ((int) (s->start_year + index / 12), (int) (index % 12 + 1), 1, 0,
                              0, 0);
}
