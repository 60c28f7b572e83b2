/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#include "sky-cli-input.h"
#include "sky-compare.h"
#include "sky-currency.h"
#include "sky-json.h"
#include "sky-scenario.h"
#include "sky-score.h"

#include <math.h>
#include "sky-catalog-match.h"
#include "sky-sheet-reader.h"
#include "sky-vocabulary.h"

/* skytally-cli match: each provider's offers that meet a requirement, side by side. */

static char *
decimal_or_null (gboolean   has,
                 SkyDecimal value,
                 guint      min_scale)
{
  return has ? sky_decimal_format (sky_decimal_normalize (value), min_scale) : NULL;
}

static char *
spec_or_null (gint64 milli)
{
  return milli < 0 ? NULL : sky_decimal_to_string (sky_decimal_from_scaled (milli, 3));
}

static void
json_add_decimal_member (JsonBuilder *builder,
                         const char  *member,
                         gboolean     has,
                         SkyDecimal   value,
                         guint        min_scale)
{
  g_autofree char *text = decimal_or_null (has, value, min_scale);

  sky_json_add_string (builder, member, text);
}

static void
print_matches_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      SkyMatchResult *r = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "provider", r->provider);
      sky_json_add_string (builder, "provider_name", r->provider_name);
      sky_json_add_string (builder, "provider_short_name", r->provider_short_name);
      sky_json_add_string (builder, "sheet_version", r->sheet_version);
      sky_json_add_string (builder, "currency", r->currency);
      sky_json_add_string (builder, "no_match", r->no_match);
      json_builder_set_member_name (builder, "matches");
      json_builder_begin_array (builder);
      for (guint j = 0; j < r->matches->len; j++)
        {
          SkyMatch *m = g_ptr_array_index (r->matches, j);
          g_autofree char *vcpu = spec_or_null (m->offer->vcpu_milli);
          g_autofree char *memory = spec_or_null (m->offer->memory_mgib);

          json_builder_begin_object (builder);
          sky_json_add_string (builder, "sku", m->offer->sku);
          sky_json_add_string (builder, "name", m->offer->name);
          sky_json_add_string (builder, "service", m->offer->service);
          sky_json_add_string (builder, "region", m->offer->region);
          sky_json_add_string (builder, "geography", m->offer->geography);
          sky_json_add_string (builder, "os", m->offer->os);
          sky_json_add_string (builder, "sla", m->offer->sla);
          sky_json_add_string (builder, "vcpu", vcpu);
          sky_json_add_string (builder, "memory_gib", memory);
          sky_json_add_string (builder, "unit", m->unit);
          json_add_decimal_member (builder, "on_demand", m->has_on_demand, m->on_demand, 0);
          json_add_decimal_member (builder, "one_year", m->has_one_year, m->one_year, 0);
          sky_json_add_string (builder, "one_year_term", m->one_year_term);
          json_add_decimal_member (builder, "three_year", m->has_three_year, m->three_year, 0);
          sky_json_add_string (builder, "three_year_term", m->three_year_term);
          json_add_decimal_member (builder, "spot", m->has_spot, m->spot, 0);
          json_add_decimal_member (builder, "monthly", m->has_monthly, m->monthly, 0);
          json_add_decimal_member (builder, "per_vcpu_hour", m->has_per_vcpu, m->per_vcpu_hour,
                                   0);
          json_add_decimal_member (builder, "per_gib_month", m->has_per_gib, m->per_gib_month,
                                   0);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sky_cli_print_json_builder (builder);
}

static void
print_matches_table (GPtrArray   *results,
                     SkyCliFormat format)
{
  static const char *headers[] = {
    /* Translators: the column headings of “skytally-cli match”; CSV output keeps them in
     * English. */
    NC_("column heading", "PROVIDER"),
    NC_("column heading", "SKU"),
    NC_("column heading", "NAME"),
    NC_("column heading", "REGION"),
    NC_("column heading", "VCPU"),
    NC_("column heading", "MEMORY_GIB"),
    NC_("column heading", "SLA"),
    NC_("column heading", "ON_DEMAND"),
    NC_("column heading", "ONE_YEAR"),
    NC_("column heading", "THREE_YEAR"),
    NC_("column heading", "SPOT"),
    NC_("column heading", "MONTHLY"),
    NC_("column heading", "PER_VCPU_HOUR"),
    NC_("column heading", "PER_GIB_MONTH"),
    NC_("column heading", "CURRENCY"),
  };
  static gboolean numeric[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
                                TRUE, TRUE, TRUE, TRUE, FALSE };
  SkyCliTable table = { 0 };
  g_autoptr(GString) notes = g_string_new (NULL);

  sky_cli_table_init (&table, format, headers, numeric, G_N_ELEMENTS (headers));
  for (guint i = 0; i < results->len; i++)
    {
      SkyMatchResult *r = g_ptr_array_index (results, i);

      if (r->no_match != NULL)
        g_string_append_printf (notes, "%s: %s\n", r->provider, r->no_match);
      for (guint j = 0; j < r->matches->len; j++)
        {
          SkyMatch *m = g_ptr_array_index (r->matches, j);
          char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

          row[0] = g_strdup (r->provider);
          row[1] = g_strdup (m->offer->sku);
          row[2] = g_strdup (m->offer->name);
          row[3] = g_strdup (m->offer->region);
          row[4] = spec_or_null (m->offer->vcpu_milli);
          row[5] = spec_or_null (m->offer->memory_mgib);
          row[6] = g_strdup (m->offer->sla);
          row[7] = decimal_or_null (m->has_on_demand, m->on_demand, 0);
          row[8] = decimal_or_null (m->has_one_year, m->one_year, 0);
          row[9] = decimal_or_null (m->has_three_year, m->three_year, 0);
          row[10] = decimal_or_null (m->has_spot, m->spot, 0);
          row[11] = m->has_monthly ? sky_decimal_format (sky_decimal_round (m->monthly, 2,
                                                                           SKY_ROUND_HALF_UP), 2)
                                   : NULL;
          row[12] = decimal_or_null (m->has_per_vcpu,
                                     sky_decimal_round (m->per_vcpu_hour, 6, SKY_ROUND_HALF_UP),
                                     0);
          row[13] = decimal_or_null (m->has_per_gib,
                                     sky_decimal_round (m->per_gib_month, 4, SKY_ROUND_HALF_UP),
                                     0);
          row[14] = g_strdup (r->currency);
          sky_cli_table_add_row (&table, row);
        }
    }
  sky_cli_table_print (&table);
  if (notes->len > 0)
    g_printerr ("%s", notes->str);
}

/* The help of match's --unit: hour, or the unit a category's offers are compared by. */
static char *
unit_option_help (void)
{
  g_autoptr(GString) defaults = g_string_new ("hour");
  gboolean first = TRUE;

  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_CATEGORY); i++)
    {
      const char *category = sky_vocabulary_nth (SKY_VOCABULARY_CATEGORY, i)->id;
      const char *unit = sky_category_default_unit (category);

      if (strcmp (unit, "hour") == 0)
        continue;
      g_string_append_printf (defaults, "%s%s for %s", first ? "; " : ", ", unit, category);
      first = FALSE;
    }
  /* Translators: the units by category follow “default:”. */
  return g_strdup_printf (_("Priced per this unit (default: %s)"), defaults->str);
}

int
sky_cli_match (const SkyCliGlobals *globals,
               int                  argc,
               char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *category = NULL, *min_vcpu = NULL, *min_memory = NULL, *geo = NULL;
  g_autofree char *region = NULL, *os = NULL, *min_sla = NULL, *unit = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *max_oversize = NULL;
  g_autofree char *unit_help = unit_option_help ();
  g_auto(GStrv) features = NULL;
  g_auto(GStrv) storage = NULL;
  g_auto(GStrv) providers = NULL;
  static const char * const ranks[] = { "price", "per-vcpu", "per-gib", NULL };
  int min_gpu = 0;
  int limit = 5;
  int rank_choice;
  g_auto(SkyCliRows) rows = { 0 };
  SkyRequirement req = { 0 };
  SkyCliFormat format;
  int status = 0;
  SkyDecimal d;
  GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("The category (required)"), "CAT" },
    { "min-vcpu", 0, 0, G_OPTION_ARG_STRING, &min_vcpu, N_("At least this many vCPU"), "N" },
    { "min-memory", 0, 0, G_OPTION_ARG_STRING, &min_memory, N_("At least this much memory"),
      "GIB" },
    { "min-gpu", 0, 0, G_OPTION_ARG_INT, &min_gpu, N_("At least this many GPU"), "N" },
    { "max-oversize", 0, 0, G_OPTION_ARG_STRING, &max_oversize,
      N_("At most this many times the vCPU, memory and GPU asked for (default: 2)"), "FACTOR" },
    { "geo", 0, 0, G_OPTION_ARG_STRING, &geo, N_("In this geography"), "GEO" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("In this region"), "CODE" },
    { "os", 0, 0, G_OPTION_ARG_STRING, &os, N_("With this operating system"), "OS" },
    { "min-sla", 0, 0, G_OPTION_ARG_STRING, &min_sla, N_("With at least this SLA"), "PCT" },
    { "feature", 0, 0, G_OPTION_ARG_STRING_ARRAY, &features,
      N_("With this feature (again for more)"), "KEY" },
    { "storage-type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &storage,
      N_("Of this storage type (again for any of more)"), "TYPE" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, unit_help, "UNIT" },
    { "provider", 0, 0, G_OPTION_ARG_STRING_ARRAY, &providers,
      N_("Only this provider (again for more)"), "ID" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Offers per provider (default: 5)"), "N" },
    { "rank", 0, 0, G_OPTION_ARG_STRING, &rank,
      N_("Cheapest first by unit price, per vCPU or per GiB (default: price)"),
      "price|per-vcpu|per-gib" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    SKY_CLI_ROWS_ENTRIES (&rows),
    { NULL }
  };

  g_option_context_set_description (context,
    _("An offer matches with its default row only (shared tenancy, licence included, no\n"
      "pre-installed software, used capacity) unless --tenancy, --licence, --software,\n"
      "--capacity or --all-rows asks for others; --arch asks for an architecture.\n"));
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return sky_cli_usage_error (_("match takes no arguments"));
  if (!sky_cli_rows_check (&rows, &status))
    return status;
  if (category == NULL)
    return sky_cli_usage_error (_("match needs --category"));
  if (!g_strv_contains (sky_categories (), category))
    return sky_cli_usage_error (_("unknown category “%s”"), category);
  if (geo != NULL && !g_strv_contains (sky_geographies (), geo))
    return sky_cli_usage_error (_("unknown geography “%s”"), geo);
  if (unit != NULL && !sky_unit_is_known (unit))
    return sky_cli_usage_error (_("unknown unit “%s”"), unit);
  if (limit < 1)
    return sky_cli_usage_error (_("--limit must be 1 or more"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;
  if (min_vcpu != NULL && (!sky_decimal_parse (min_vcpu, 3, FALSE, &d, &error) ||
                           !sky_decimal_to_scaled_int64 (d, 3, &req.min_vcpu_milli)))
    return sky_cli_usage_error ("--min-vcpu: %s", error != NULL ? error->message : "");
  if (min_memory != NULL && (!sky_decimal_parse (min_memory, 3, FALSE, &d, &error) ||
                             !sky_decimal_to_scaled_int64 (d, 3, &req.min_memory_mgib)))
    return sky_cli_usage_error ("--min-memory: %s", error != NULL ? error->message : "");
  if (min_sla != NULL && !sky_decimal_parse (min_sla, 4, FALSE, &d, &error))
    return sky_cli_usage_error ("--min-sla: %s", error->message);
  if (max_oversize != NULL &&
      (!sky_decimal_parse (max_oversize, 3, FALSE, &d, &error) ||
       !sky_decimal_to_scaled_int64 (d, 3, &req.max_oversize_milli) ||
       req.max_oversize_milli < 1000))
    return sky_cli_usage_error (_("--max-oversize: %s"),
                                error != NULL ? error->message : _("must be at least 1"));

  rank_choice = sky_cli_parse_choice (rank, ranks);
  if (rank_choice < 0)
    return sky_cli_usage_error (_("unknown rank “%s”: use price, per-vcpu or per-gib"), rank);
  req.rank = (SkyRank) rank_choice;
  req.category = category;
  req.unit = unit;
  req.geography = geo;
  req.region = region;
  req.os = os;
  req.min_gpu = min_gpu;
  req.min_sla = min_sla;
  req.features = (const char * const *) features;
  req.storage_types = (const char * const *) storage;
  req.architecture = rows.architecture;
  req.tenancy = rows.tenancy;
  req.licence = rows.licence;
  req.software = rows.software;
  req.capacity = rows.capacity;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  results = sky_catalog_match (catalog, (const char * const *) providers, &req,
                               SKY_HOURS_PER_MONTH, (guint) limit, &error);
  if (results == NULL)
    return sky_cli_user_error (error);
  if (format == SKY_CLI_FORMAT_JSON)
    print_matches_json (results);
  else
    print_matches_table (results, format);
  return 0;
}

/* compare ------------------------------------------------------------------------------------ */

static void
print_comparison_json (SkyComparison *c)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c->offers->len; i++)
    {
      SkyMatch *m = g_ptr_array_index (c->offers, i);
      json_builder_begin_object (builder);
      sky_json_add_string (builder, "provider", m->offer->provider);
      sky_json_add_string (builder, "sheet_version", m->offer->sheet_version);
      sky_json_add_string (builder, "sku", m->offer->sku);
      sky_json_add_string (builder, "name", m->offer->name);
      sky_json_add_string (builder, "currency", m->offer->currency);
      sky_json_add_string (builder, "unit", m->unit);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < c->rows->len; r++)
    {
      SkyComparisonRow *row = g_ptr_array_index (c->rows, r);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "label", row->label);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, row->is_feature ? "feature"
                                              : row->is_price ? "price" : "attribute");
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; i < row->values->len; i++)
        {
          const char *v = g_ptr_array_index (row->values, i);
          if (v != NULL)
            json_builder_add_string_value (builder, v);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "differs");
      json_builder_add_boolean_value (builder, row->differs);
      json_builder_set_member_name (builder, "best");
      json_builder_begin_array (builder);
      for (guint i = 0; i < row->best->len; i++)
        json_builder_add_boolean_value (builder, g_array_index (row->best, gboolean, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  sky_cli_print_json_builder (builder);
}

static void
print_comparison_table (SkyComparison *c,
                        SkyCliFormat   format)
{
  guint n = c->offers->len;
  g_autofree const char **headers = g_new0 (const char *, n + 2);
  g_autofree gboolean *numeric = g_new0 (gboolean, n + 2);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  SkyCliTable table = { 0 };

  /* Translators: column headings of “skytally-cli compare”; CSV output keeps them in English. */
  headers[0] = NC_("column heading", "ATTRIBUTE");
  headers[1] = NC_("column heading", "DIFFERS");
  for (guint i = 0; i < n; i++)
    {
      SkyMatch *m = g_ptr_array_index (c->offers, i);
      char *name = g_strdup_printf ("%s:%s", m->offer->provider, m->offer->sku);
      g_ptr_array_add (names, name);
      headers[i + 2] = name;
    }
  sky_cli_table_init (&table, format, headers, numeric, n + 2);
  for (guint r = 0; r < c->rows->len; r++)
    {
      SkyComparisonRow *row = g_ptr_array_index (c->rows, r);
      char **cells = g_new0 (char *, n + 3);

      cells[0] = g_strdup (row->label);
      cells[1] = g_strdup (format == SKY_CLI_FORMAT_CSV ? (row->differs ? "true" : "false")
                                                : (row->differs ? "≠" : ""));
      for (guint i = 0; i < n; i++)
        {
          const char *v = g_ptr_array_index (row->values, i);
          gboolean best = g_array_index (row->best, gboolean, i);

          /* A table marks what is missing and what is best; CSV leaves them to the columns. */
          if (format == SKY_CLI_FORMAT_CSV)
            cells[i + 2] = g_strdup (v);
          else if (v == NULL)
            cells[i + 2] = g_strdup (row->is_feature ? _("— missing") : "—");
          else
            cells[i + 2] = g_strdup_printf ("%s%s", v, best ? " ★" : "");
        }
      sky_cli_table_add_row (&table, cells);
    }
  sky_cli_table_print (&table);
}

int
sky_cli_compare (const SkyCliGlobals *globals,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyComparison) comparison = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *format_text = NULL;
  gboolean equivalents = FALSE;
  SkyCliFormat format;
  int status = 0;
  GOptionEntry entries[] = {
    { "equivalents", 0, 0, G_OPTION_ARG_NONE, &equivalents,
      N_("Add each other provider's offer of the same kind of service"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return sky_cli_usage_error (_("compare needs at least one SKU"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  for (int i = 1; i < argc; i++)
    {
      gint64 id = sky_catalog_find_sku (catalog, argv[i], &error);
      if (id == 0)
        return sky_cli_user_error (error);
      g_array_append_val (ids, id);
    }
  if (equivalents)
    {
      g_autoptr(SkyEquivalents) eq = sky_equivalents_load (sky_equivalents_default_path (),
                                                           &error);
      g_autoptr(GPtrArray) found = NULL;

      if (eq == NULL)
        return sky_cli_user_error (error);
      found = sky_catalog_equivalent_offers (catalog, eq, g_array_index (ids, gint64, 0), &error);
      if (found == NULL)
        return sky_cli_user_error (error);
      for (guint i = 0; i < found->len && ids->len < SKY_COMPARE_MAX; i++)
        {
          SkyMatchResult *r = g_ptr_array_index (found, i);
          if (r->matches->len > 0)
            g_array_append_val (ids, ((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->offer_id);
          else
            g_printerr ("skytally-cli: %s: %s\n", r->provider, r->no_match);
        }
    }

  comparison = sky_catalog_compare (catalog, (const gint64 *) ids->data, ids->len,
                                    SKY_HOURS_PER_MONTH, &error);
  if (comparison == NULL)
    return sky_cli_user_error (error);
  if (format == SKY_CLI_FORMAT_JSON)
    print_comparison_json (comparison);
  else
    print_comparison_table (comparison, format);
  return 0;
}

/* score -------------------------------------------------------------------------------------- */

static const char *
criterion_title (const SkyCriterion *c)
{
  return c->name != NULL ? c->name : c->id;
}

static char *
weight_text (double w)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4g", w));
}

static void
print_scoring_json (const SkyScenario *s,
                    SkyScoring        *scoring)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sky_json_add_string (builder, "scenario", s->name);
  sky_json_add_string (builder, "currency", scoring->currency);
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint k = 0; k < s->criteria->len; k++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
      SkySensitivity *sens = &g_array_index (scoring->sensitivity, SkySensitivity, k);
      g_autofree char *weight = sky_decimal_to_string (c->weight);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "id", c->id);
      sky_json_add_string (builder, "name", criterion_title (c));
      sky_json_add_string (builder, "kind", sky_criterion_kind_name (c->kind));
      sky_json_add_string (builder, "weight", weight);
      json_builder_set_member_name (builder, "top_stays_from");
      json_builder_add_double_value (builder, sens->low);
      json_builder_set_member_name (builder, "top_stays_to");
      if (isinf (sens->high))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, sens->high);
      sky_json_add_string (builder, "leader_below",
                       sens->below >= 0 ? ((SkyScoredOption *) g_ptr_array_index (scoring->options, sens->below))->label : NULL);
      sky_json_add_string (builder, "leader_above",
                       sens->above >= 0 ? ((SkyScoredOption *) g_ptr_array_index (scoring->options, sens->above))->label : NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint r = 0; r < scoring->order->len; r++)
    {
      SkyScoredOption *o = g_ptr_array_index (scoring->options,
                                              g_array_index (scoring->order, guint, r));
      g_autofree char *cost = sky_currency_format (scoring->currency, o->cost);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "option", o->label);
      sky_json_add_string (builder, "provider", o->provider);
      sky_json_add_string (builder, "sku", o->offer != NULL ? o->offer->sku : NULL);
      sky_json_add_string (builder, "name", o->name);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, o->rank);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, round (o->score * 100) / 100);
      sky_json_add_string (builder, "cost", cost);
      sky_json_add_string (builder, "cost_per", o->cost_unit);
      json_builder_set_member_name (builder, "pareto");
      json_builder_add_boolean_value (builder, o->pareto);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, !o->incomplete);
      json_builder_set_member_name (builder, "criteria");
      json_builder_begin_object (builder);
      for (guint k = 0; k < s->criteria->len; k++)
        {
          const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
          json_builder_set_member_name (builder, c->id);
          json_builder_begin_object (builder);
          sky_json_add_string (builder, "value", g_ptr_array_index (o->raw, k));
          json_builder_set_member_name (builder, "normalised");
          json_builder_add_double_value (builder,
                                         round (g_array_index (o->normalised, double, k) * 10000) / 10000);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  sky_cli_print_json_builder (builder);
}

static void
print_scoring_table (const SkyScenario *s,
                     SkyScoring        *scoring,
                     SkyCliFormat       format)
{
  guint nc = s->criteria->len;
  g_autofree const char **headers = g_new0 (const char *, nc + 7);
  g_autofree gboolean *numeric = g_new0 (gboolean, nc + 7);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  SkyCliTable table = { 0 };

  /* Translators: column headings of “skytally-cli score”; CSV output keeps them in English. */
  headers[0] = NC_("column heading", "RANK");
  headers[1] = NC_("column heading", "OPTION");
  headers[2] = NC_("column heading", "SCORE");
  headers[3] = NC_("column heading", "COST");
  headers[4] = NC_("column heading", "PER");
  headers[5] = NC_("column heading", "CURRENCY");
  headers[6] = NC_("column heading", "PARETO");
  numeric[0] = numeric[2] = numeric[3] = TRUE;
  for (guint k = 0; k < nc; k++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
      g_autofree char *w = sky_decimal_to_string (c->weight);
      char *title = g_strdup_printf ("%s (%s)", criterion_title (c), w);
      g_ptr_array_add (titles, title);
      headers[7 + k] = title;
    }
  sky_cli_table_init (&table, format, headers, numeric, nc + 7);
  for (guint r = 0; r < scoring->order->len; r++)
    {
      SkyScoredOption *o = g_ptr_array_index (scoring->options,
                                              g_array_index (scoring->order, guint, r));
      char **row = g_new0 (char *, nc + 8);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      row[0] = g_strdup_printf ("%u", o->rank);
      /* Translators: an option whose provider cannot price every line of the scenario. */
      row[1] = o->incomplete && format != SKY_CLI_FORMAT_CSV ? g_strdup_printf (_("%s (incomplete)"),
                                                                        o->label)
                                                     : g_strdup (o->label);
      row[2] = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", o->score));
      row[3] = sky_currency_format (scoring->currency, o->cost);
      row[4] = g_strdup (o->cost_unit);
      row[5] = g_strdup (scoring->currency);
      row[6] = g_strdup (format == SKY_CLI_FORMAT_CSV ? (o->pareto ? "true" : "false")
                                              : (o->pareto ? "●" : ""));
      for (guint k = 0; k < nc; k++)
        row[7 + k] = g_strdup (g_ptr_array_index (o->raw, k));
      sky_cli_table_add_row (&table, row);
    }
  sky_cli_table_print (&table);
  if (format != SKY_CLI_FORMAT_TABLE)
    return;

  g_print ("\n");
  for (guint k = 0; k < nc; k++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
      SkySensitivity *sens = &g_array_index (scoring->sensitivity, SkySensitivity, k);
      g_autofree char *w = weight_text (sens->weight);
      g_autofree char *low = weight_text (sens->low);
      g_autofree char *high = isinf (sens->high) ? g_strdup (_("any weight"))
                                                 : weight_text (sens->high);
      SkyScoredOption *top = g_ptr_array_index (scoring->options,
                                                g_array_index (scoring->order, guint, 0));

      /* Translators: a criterion, its weight, the top option, and the range of weights it
       * stays on top for. */
      g_print (_("%s (weight %s): %s stays first for weights from %s to %s"),
               criterion_title (c), w, top->label, low, high);
      if (sens->below >= 0)
        g_print (_("; below, %s leads"),
                 ((SkyScoredOption *) g_ptr_array_index (scoring->options, sens->below))->label);
      if (sens->above >= 0)
        g_print (_("; above, %s leads"),
                 ((SkyScoredOption *) g_ptr_array_index (scoring->options, sens->above))->label);
      g_print ("\n");
    }
  g_print (_("● marks the options no other beats on both cost and score. An incomplete "
             "option cannot price every line of the scenario: its cost leaves those lines out, "
             "so it ranks after every complete option.\n"));
}

int
sky_cli_score (const SkyCliGlobals *globals,
               int                  argc,
               char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyScoring) scoring = NULL;
  g_autofree char *format_text = NULL;
  SkyCliFormat format;
  int status = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    { NULL }
  };

  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("score takes one scenario file"));
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;

  scenario = sky_cli_load_scenario (argv[1], &error);
  if (scenario == NULL)
    return sky_cli_user_error (error);
  if (scenario->criteria->len == 0)
    {
      g_printerr ("skytally-cli: %s\n",
                  _("the scenario has no criteria: scoring by cost 40, performance 20, SLA 20 "
                    "and features 20"));
      sky_scenario_add_default_criteria (scenario);
    }
  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  scoring = sky_score_scenario (catalog, scenario, &error);
  if (scoring == NULL)
    return sky_cli_user_error (error);
  if (format == SKY_CLI_FORMAT_JSON)
    print_scoring_json (scenario, scoring);
  else
    print_scoring_table (scenario, scoring, format);
  return 0;
}
