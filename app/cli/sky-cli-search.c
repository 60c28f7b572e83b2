/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-catalog.h"
#include "sky-cli.h"
#include "sky-currency.h"
#include "sky-vocabulary.h"

/* skytally-cli search: the offers of the current price sheets. Built into both programs (see
 * skytally-cli.c): it uses no part of the engine that reads sheets or scenarios. */

#define DEFAULT_SEARCH_LIMIT 50

static char *
scaled_to_string (gint64 value,
                  guint  scale)
{
  return value < 0 ? NULL : sky_decimal_to_string (sky_decimal_from_scaled (value, scale));
}

/* @member, or null when @value is NULL (as sky_json_add_string() adds it: sky-json.c holds the
 * reports' JSON, which the search program does not take in). @json: JSON-GLib, loaded (see
 * sky-cli-json.c). */
static void
add_string (const SkyCliJson *json,
            JsonBuilder      *builder,
            const char       *member,
            const char       *value)
{
  json->json_builder_set_member_name (builder, member);
  if (value != NULL)
    json->json_builder_add_string_value (builder, value);
  else
    json->json_builder_add_null_value (builder);
}

static void
json_add_scaled (const SkyCliJson *json,
                 JsonBuilder      *builder,
                 const char       *member,
                 gint64            value,
                 guint             scale)
{
  json->json_builder_set_member_name (builder, member);
  if (value < 0)
    json->json_builder_add_null_value (builder);
  else if (value % (scale == 3 ? 1000 : 1) == 0)
    json->json_builder_add_int_value (builder, scale == 3 ? value / 1000 : value);
  else
    {
      /* A spec such as 0.25 vCPU; specs are not money, and three decimals print exactly. */
      g_autofree char *text = scaled_to_string (value, scale);
      json->json_builder_add_double_value (builder, g_ascii_strtod (text, NULL));
    }
}

static gboolean
parse_spec_option (const char *name,
                   const char *text,
                   gint64     *out,
                   int        *status)
{
  SkyDecimal d;
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!sky_decimal_parse (text, 3, FALSE, &d, &error) ||
      !sky_decimal_to_scaled_int64 (d, 3, out))
    {
      *status = sky_cli_usage_error ("--%s: %s", name,
                                     error != NULL ? error->message : _("the number is too large"));
      return FALSE;
    }
  return TRUE;
}

/* @vocabulary's ids as a help text lists them, "a, b or c", in lines of at most 80
 * characters. */
static char *
wrapped_ids (SkyVocabulary vocabulary,
             gsize         first_line)
{
  char *text = sky_vocabulary_describe (vocabulary);
  gsize column = first_line;
  char *space = NULL;

  for (char *p = text; *p != '\0'; p++, column++)
    {
      if (*p == ' ')
        space = p;
      if (column >= 80 && space != NULL)
        {
          column = p - space;
          *space = '\n';
          space = NULL;
        }
    }
  return text;
}

int
sky_cli_search (const SkyCliGlobals *globals,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = sky_cli_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *region = NULL;
  g_autofree char *geo = NULL;
  g_autofree char *category = NULL;
  g_autofree char *os = NULL;
  g_autofree char *term = NULL;
  g_autofree char *max_price = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *min_vcpu = NULL;
  g_autofree char *min_memory = NULL;
  g_autofree char *text = NULL;
  g_autofree char *geographies = g_strjoinv ("|", (char **) sky_geographies ());
  g_autofree char *terms = wrapped_ids (SKY_VOCABULARY_PURCHASE_OPTION, strlen ("TERM is "));
  g_autofree char *categories = wrapped_ids (SKY_VOCABULARY_CATEGORY, strlen ("Categories: "));
  g_autofree char *description = NULL;
  static const char * const sorts[] = { "price", "vcpu", "memory", NULL };
  int limit = DEFAULT_SEARCH_LIMIT;
  int sort_choice;
  g_auto(SkyCliRows) rows = { 0 };
  SkySearchQuery query = { 0 };
  SkyCliFormat format;
  const SkyCliJson *json = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, N_("Only this provider"), "ID" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Only this region"), "CODE" },
    { "geo", 0, 0, G_OPTION_ARG_STRING, &geo, N_("Only this geography"), geographies },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only this category"), "CAT" },
    { "min-vcpu", 0, 0, G_OPTION_ARG_STRING, &min_vcpu, N_("At least this many vCPUs"), "N" },
    { "min-memory", 0, 0, G_OPTION_ARG_STRING, &min_memory, N_("At least this much memory"),
      "GIB" },
    { "os", 0, 0, G_OPTION_ARG_STRING, &os, N_("Only this operating system"), "OS" },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only this purchase option"), "TERM" },
    { "max-price", 0, 0, G_OPTION_ARG_STRING, &max_price, N_("Unit price at most"), "AMOUNT" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Name, SKU or service containing"), "TEXT" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Order (default: price)"), "price|vcpu|memory" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N results (0: all; default 50)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format"), "table|csv|json" },
    SKY_CLI_ROWS_ENTRIES (&rows),
    { NULL }
  };

  description = g_strdup_printf (
    /* Translators: the purchase options (on-demand, spot, …) and the categories (compute,
     * storage, …) the options take follow “TERM is” and “Categories:”. */
    _("Prices are unit prices in the sheet's currency; “monthly” is 730 hours of an hourly "
      "price.\n"
      "TERM is %s.\n"
      "Categories: %s.\n"
      "An instance type may have several rows in a region: other tenancies, licences,\n"
      "pre-installed software or capacity statuses. Only the default row (shared, licence\n"
      "included, no software, used capacity) is shown unless --tenancy, --licence,\n"
      "--software, --capacity or --all-rows asks for others; ROW says how a row differs.\n"),
    terms, categories);
  g_option_context_set_description (context, description);
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return sky_cli_usage_error (_("search takes options only, not “%s”"), argv[1]);
  if (!sky_cli_format_option (format_text, &format, &status))
    return status;
  if (limit < 0)
    /* Translators: keep --limit as it is. */
    return sky_cli_usage_error (_("--limit must be 0 or more"));
  if (!sky_cli_rows_check (&rows, &status))
    return status;
  if (!parse_spec_option ("min-vcpu", min_vcpu, &query.min_vcpu_milli, &status) ||
      !parse_spec_option ("min-memory", min_memory, &query.min_memory_mgib, &status))
    return status;
  if (term != NULL && !sky_term_is_known (term))
    return sky_cli_usage_error (_("unknown purchase option “%s” (see %s)"), term,
                                "skytally-cli search --help");
  if (max_price != NULL)
    {
      SkyDecimal d;
      g_autoptr(GError) parse_error = NULL;

      if (!sky_decimal_parse (max_price, SKY_PRICE_SCALE, FALSE, &d, &parse_error) ||
          !sky_decimal_to_scaled_int64 (d, SKY_PRICE_SCALE, &query.max_price))
        return sky_cli_usage_error ("--max-price: %s",
                                    parse_error != NULL ? parse_error->message : _("too large"));
      query.has_max_price = TRUE;
    }
  sort_choice = sky_cli_parse_choice (sort, sorts);
  if (sort_choice < 0)
    /* Translators: keep price, vcpu and memory as they are. */
    return sky_cli_usage_error (_("unknown sort “%s”: use price, vcpu or memory"), sort);
  query.sort = (SkySort) sort_choice;

  query.provider = provider;
  query.region = region;
  query.geography = geo;
  query.category = category;
  query.os = os;
  query.term = term;
  query.text = text;
  query.limit = limit;
  query.architecture = rows.architecture;
  query.tenancy = rows.tenancy;
  query.licence = rows.licence;
  query.software = rows.software;
  query.capacity = rows.capacity;

  if (format == SKY_CLI_FORMAT_JSON && (json = sky_cli_json_load (&error)) == NULL)
    return sky_cli_user_error (error);
  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL || !sky_catalog_set_query_only (catalog, &error))
    return sky_cli_user_error (error);
  listings = sky_catalog_search (catalog, &query, &error);
  if (listings == NULL)
    return sky_cli_user_error (error);

  if (format == SKY_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json->json_builder_new ();

      json->json_builder_begin_array (builder);
      for (guint i = 0; i < listings->len; i++)
        {
          SkyListing *l = g_ptr_array_index (listings, i);
          g_autofree char *price = scaled_to_string (l->price, SKY_PRICE_SCALE);
          g_autofree char *fee = l->has_upfront_fee
                                 ? scaled_to_string (l->upfront_fee, SKY_PRICE_SCALE) : NULL;
          g_autofree char *cap = l->has_monthly_cap
                                 ? scaled_to_string (l->monthly_cap, SKY_PRICE_SCALE) : NULL;
          g_autofree char *monthly = NULL;
          SkyDecimal m;

          if (sky_listing_monthly (l, &m))
            monthly = sky_currency_format (l->currency, m);

          json->json_builder_begin_object (builder);
          add_string (json, builder, "provider", l->provider);
          add_string (json, builder, "sheet_version", l->sheet_version);
          add_string (json, builder, "region", l->region);
          add_string (json, builder, "geography", l->geography);
          add_string (json, builder, "service", l->service);
          add_string (json, builder, "sku", l->sku);
          add_string (json, builder, "name", l->name);
          add_string (json, builder, "family", l->family);
          add_string (json, builder, "category", l->category);
          json_add_scaled (json, builder, "vcpu", l->vcpu_milli, 3);
          json_add_scaled (json, builder, "memory_gib", l->memory_mgib, 3);
          json_add_scaled (json, builder, "gpu", l->gpu, 0);
          add_string (json, builder, "os", l->os);
          add_string (json, builder, "sla", l->sla);
          add_string (json, builder, "term", l->term);
          add_string (json, builder, "price", price);
          json->json_builder_set_member_name (builder, "tiered");
          json->json_builder_add_boolean_value (builder, l->tiered);
          add_string (json, builder, "unit", l->unit);
          add_string (json, builder, "currency", l->currency);
          add_string (json, builder, "monthly", monthly);
          add_string (json, builder, "monthly_cap", cap);
          add_string (json, builder, "upfront_fee", fee);
          add_string (json, builder, "free_quantity", l->free_quantity);
          add_string (json, builder, "price_effective_date", l->effective_date);
          add_string (json, builder, "architecture", l->architecture);
          add_string (json, builder, "tenancy", l->tenancy);
          add_string (json, builder, "licence", l->licence);
          add_string (json, builder, "software", l->software);
          add_string (json, builder, "capacity", l->capacity);
          json->json_builder_end_object (builder);
        }
      json->json_builder_end_array (builder);
      sky_cli_print_json_builder (builder);
      return 0;
    }

  {
    static const char *headers[] = {
      /* Translators: the column headings of “skytally-cli search”; CSV output keeps them in
       * English. */
      NC_("column heading", "PROVIDER"),
      NC_("column heading", "REGION"),
      NC_("column heading", "SKU"),
      NC_("column heading", "NAME"),
      NC_("column heading", "VCPU"),
      NC_("column heading", "MEMORY_GIB"),
      NC_("column heading", "TERM"),
      NC_("column heading", "PRICE"),
      NC_("column heading", "UNIT"),
      NC_("column heading", "CURRENCY"),
      NC_("column heading", "MONTHLY"),
      NC_("column heading", "UPFRONT_FEE"),
      NC_("column heading", "ARCH"),
      /* A table says how a row differs from the default one; CSV gives each attribute. */
      NC_("column heading", "ROW"),
    };
    /* ROW's four attributes, one column each. */
    static const char *csv_headers[G_N_ELEMENTS (headers) + 3] = {
      "PROVIDER", "REGION", "SKU", "NAME", "VCPU", "MEMORY_GIB", "TERM", "PRICE", "UNIT",
      "CURRENCY", "MONTHLY", "UPFRONT_FEE", "ARCH", "TENANCY", "LICENCE", "SOFTWARE",
      "CAPACITY",
    };
    static gboolean numeric[G_N_ELEMENTS (csv_headers)] = {
      FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, TRUE,
    };
    gboolean csv = format == SKY_CLI_FORMAT_CSV;
    guint n_columns = csv ? G_N_ELEMENTS (csv_headers) : G_N_ELEMENTS (headers);
    SkyCliTable table = { 0 };

    sky_cli_table_init (&table, format, csv ? csv_headers : headers, numeric, n_columns);
    for (guint i = 0; i < listings->len; i++)
      {
        SkyListing *l = g_ptr_array_index (listings, i);
        char **row = g_new0 (char *, n_columns + 1);
        SkyDecimal m;

        row[0] = g_strdup (l->provider);
        row[1] = g_strdup (l->region);
        row[2] = g_strdup (l->sku);
        row[3] = g_strdup (l->name);
        row[4] = scaled_to_string (l->vcpu_milli, 3);
        row[5] = scaled_to_string (l->memory_mgib, 3);
        row[6] = g_strdup (l->term);
        row[7] = scaled_to_string (l->price, SKY_PRICE_SCALE);
        /* Translators: %s is a price unit such as “hour”; tiered prices depend on the quantity. */
        row[8] = l->tiered && format == SKY_CLI_FORMAT_TABLE
                 ? g_strdup_printf (_("%s (tiered)"), l->unit) : g_strdup (l->unit);
        row[9] = g_strdup (l->currency);
        row[10] = sky_listing_monthly (l, &m) ? sky_currency_format (l->currency, m) : NULL;
        row[11] = l->has_upfront_fee ? scaled_to_string (l->upfront_fee, SKY_PRICE_SCALE) : NULL;
        row[12] = g_strdup (l->architecture);
        if (csv)
          {
            row[13] = g_strdup (l->tenancy);
            row[14] = g_strdup (l->licence);
            row[15] = g_strdup (l->software);
            row[16] = g_strdup (l->capacity);
          }
        else
          row[13] = sky_cli_row_text (l->tenancy, l->licence, l->software, l->capacity);
        sky_cli_table_add_row (&table, row);
      }
    sky_cli_table_print (&table);
    if (format == SKY_CLI_FORMAT_TABLE && listings->len == 0)
      g_printerr ("%s\n", _("No offer matches. Remove a filter or lower a minimum to see more."));
  }
  return 0;
}
