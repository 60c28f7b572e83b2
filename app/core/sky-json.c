/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-json"

#include "config.h"

#include "sky-currency.h"
#include "sky-explain.h"
#include "sky-json.h"

/* An estimate and a projection as JSON: written here only, for skytally-cli's --format json
 * and for the export, so both give the same bytes. */

/* Adds @member as a string, or as null when @value is NULL. */
void
sky_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Adds @member as the exact decimal, without trailing zeros. */
void
sky_json_add_decimal (JsonBuilder *builder,
                      const char  *member,
                      SkyDecimal   value)
{
  g_autofree char *text = sky_decimal_to_string (value);

  sky_json_add_string (builder, member, text);
}

/* Adds @member as money in @currency: rounded to its minor unit, with all its digits. */
void
sky_json_add_money (JsonBuilder *builder,
                    const char  *member,
                    const char  *currency,
                    SkyDecimal   amount)
{
  g_autofree char *text = sky_currency_format (currency, amount);

  sky_json_add_string (builder, member, text);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The estimate ----------------------------------------------------------------------------- */

static const char *
status_name (SkyLineStatus status)
{
  switch (status)
    {
    case SKY_LINE_PRICED:
      return "priced";
    case SKY_LINE_NO_MATCH:
      return "no-match";
    case SKY_LINE_NOT_PRICED:
    default:
      return "not-priced";
    }
}

static void
add_estimate_line (JsonBuilder           *builder,
                   const SkyEstimate     *e,
                   const SkyEstimateLine *l)
{
  static const char * const figures[] = { "monthly", "upfront", "effective_monthly", "yearly",
                                          "term_total" };

  json_builder_begin_object (builder);
  sky_json_add_string (builder, "label", l->label);
  sky_json_add_string (builder, "group", *l->group != '\0' ? l->group : NULL);
  sky_json_add_string (builder, "status", status_name (l->status));
  sky_json_add_string (builder, "reason", l->reason);
  /* The sheet the line's figures come from: each service has its own current sheet. */
  sky_json_add_string (builder, "sheet_version",
                       l->offer != NULL ? l->offer->sheet_version : NULL);
  json_builder_set_member_name (builder, "offer");
  if (l->offer != NULL)
    {
      json_builder_begin_object (builder);
      sky_json_add_string (builder, "provider", l->offer->provider);
      sky_json_add_string (builder, "sheet_version", l->offer->sheet_version);
      sky_json_add_string (builder, "sku", l->offer->sku);
      sky_json_add_string (builder, "name", l->offer->name);
      sky_json_add_string (builder, "region", l->offer->region);
      sky_json_add_string (builder, "service", l->offer->service);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  sky_json_add_decimal (builder, "quantity", l->quantity);
  sky_json_add_decimal (builder, "usage", l->usage);
  sky_json_add_string (builder, "unit", l->unit);
  sky_json_add_string (builder, "term", l->term);
  /* The price the line is priced with: its unit, and the date it holds from (its own, else the
   * sheet's). */
  if (l->status == SKY_LINE_PRICED)
    {
      const SkyOfferPrice *price = g_ptr_array_index (l->offer->prices, l->price_index);

      sky_json_add_string (builder, "price_unit", price->unit);
      sky_json_add_string (builder, "price_effective_date",
                           price->effective_date != NULL ? price->effective_date
                                                         : l->offer->effective_date);
    }
  else
    {
      sky_json_add_string (builder, "price_unit", NULL);
      sky_json_add_string (builder, "price_effective_date", NULL);
    }
  if (l->status == SKY_LINE_PRICED)
    {
      sky_json_add_money (builder, "monthly", e->currency, l->monthly);
      sky_json_add_money (builder, "upfront", e->currency, l->upfront);
      sky_json_add_money (builder, "effective_monthly", e->currency, l->effective_monthly);
      sky_json_add_money (builder, "yearly", e->currency, l->yearly);
      sky_json_add_money (builder, "term_total", e->currency, l->term_total);
    }
  else
    /* No figures rather than zeros that read as free. */
    for (gsize k = 0; k < G_N_ELEMENTS (figures); k++)
      sky_json_add_string (builder, figures[k], NULL);
  if (l->has_break_even)
    {
      g_autofree char *hours = sky_explain_hours (l->break_even_hours, SKY_EXPLAIN_PLAIN);

      sky_json_add_string (builder, "break_even_hours", hours);
    }
  else
    sky_json_add_string (builder, "break_even_hours", NULL);
  sky_json_add_string (builder, "explanation", l->explanation);
  json_builder_end_object (builder);
}

/* How old @p's prices are: its oldest sheet's date, age in days (negative: upcoming) and
 * whether it is stale, then every sheet it was priced from. */
static void
add_estimate_freshness (JsonBuilder               *builder,
                        const SkyEstimateProvider *p)
{
  sky_json_add_string (builder, "prices_as_of", p->prices_as_of);
  json_builder_set_member_name (builder, "prices_age_days");
  if (p->prices_as_of != NULL)
    json_builder_add_int_value (builder, p->prices_age_days);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "stale");
  json_builder_add_boolean_value (builder, p->stale);
  json_builder_set_member_name (builder, "price_sheets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < p->sheets->len; i++)
    {
      const SkyEstimateSheet *sheet = g_ptr_array_index (p->sheets, i);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "version", sheet->version);
      sky_json_add_string (builder, "prices_as_of", sheet->effective_date);
      json_builder_set_member_name (builder, "prices_age_days");
      json_builder_add_int_value (builder, sheet->age_days);
      json_builder_set_member_name (builder, "stale");
      json_builder_add_boolean_value (builder, sheet->stale);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The day the estimate's prices were aged to, its threshold and its notices. */
static void
add_estimate_notices (JsonBuilder       *builder,
                      const SkyEstimate *estimate)
{
  sky_json_add_string (builder, "prices_aged_to", estimate->today);
  json_builder_set_member_name (builder, "stale_after_days");
  json_builder_add_int_value (builder, estimate->stale_after_days);
  json_builder_set_member_name (builder, "notices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < estimate->notices->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (estimate->notices, i));
  json_builder_end_array (builder);
}

/* Copies every member of @from into @to, in their order. */
static void
copy_members (JsonObject *from,
              JsonObject *to)
{
  g_autoptr(GList) names = json_object_get_members (from);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from,
                                                                                 l->data)));
}

/* Adds to @root, the JSON of a record with a "providers" array (a projection's), the age of
 * @estimate's prices as sky_json_estimate() gives them: per provider (matched by its id)
 * prices_as_of, prices_age_days, stale and price_sheets, and at the top prices_aged_to,
 * stale_after_days and notices. */
void
sky_json_add_freshness (JsonNode          *root,
                        const SkyEstimate *estimate)
{
  JsonObject *top;
  JsonArray *providers;

  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (root) && estimate != NULL);

  top = json_node_get_object (root);
  providers = json_object_get_array_member (top, "providers");
  for (guint i = 0; providers != NULL && i < json_array_get_length (providers); i++)
    {
      JsonObject *provider = json_array_get_object_element (providers, i);
      const char *id = json_object_get_string_member_with_default (provider, "provider", NULL);

      for (guint j = 0; j < estimate->providers->len; j++)
        {
          const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, j);
          g_autoptr(JsonBuilder) builder = NULL;
          g_autoptr(JsonNode) members = NULL;

          if (g_strcmp0 (p->provider, id) != 0)
            continue;
          builder = json_builder_new ();
          json_builder_begin_object (builder);
          add_estimate_freshness (builder, p);
          json_builder_end_object (builder);
          members = json_builder_get_root (builder);
          copy_members (json_node_get_object (members), provider);
          break;
        }
    }
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) members = NULL;

    json_builder_begin_object (builder);
    add_estimate_notices (builder, estimate);
    json_builder_end_object (builder);
    members = json_builder_get_root (builder);
    copy_members (json_node_get_object (members), top);
  }
}

static void
add_estimate_provider (JsonBuilder               *builder,
                       const SkyEstimate         *e,
                       const SkyEstimateProvider *p)
{
  json_builder_begin_object (builder);
  sky_json_add_string (builder, "provider", p->provider);
  sky_json_add_string (builder, "provider_name", p->provider_name);
  sky_json_add_string (builder, "provider_short_name", p->provider_short_name);
  sky_json_add_string (builder, "sheet_version", p->sheet_version);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, sky_estimate_provider_complete (p));
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint j = 0; j < p->lines->len; j++)
    add_estimate_line (builder, e, g_ptr_array_index (p->lines, j));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint j = 0; j < p->groups->len; j++)
    {
      const SkyEstimateGroup *g = g_ptr_array_index (p->groups, j);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "group", *g->name != '\0' ? g->name : NULL);
      sky_json_add_money (builder, "monthly", e->currency, g->monthly);
      sky_json_add_money (builder, "upfront", e->currency, g->upfront);
      sky_json_add_money (builder, "effective_monthly", e->currency, g->effective_monthly);
      sky_json_add_money (builder, "yearly", e->currency, g->yearly);
      sky_json_add_money (builder, "term_total", e->currency, g->term_total);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  sky_json_add_money (builder, "monthly", e->currency, p->monthly);
  sky_json_add_money (builder, "upfront", e->currency, p->upfront);
  sky_json_add_money (builder, "effective_monthly", e->currency, p->effective_monthly);
  sky_json_add_money (builder, "yearly", e->currency, p->yearly);
  sky_json_add_money (builder, "term_total", e->currency, p->term_total);
  sky_json_add_money (builder, "credits", e->currency, p->credits);
  sky_json_add_money (builder, "yearly_net", e->currency, p->yearly_net);
  sky_json_add_money (builder, "term_net", e->currency, p->term_net);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "unpriced_lines");
  json_builder_add_int_value (builder, p->n_unpriced);
  add_estimate_freshness (builder, p);
  json_builder_end_object (builder);
}

/* The estimate of @scenario: per provider its lines (the offer, the figures, the explanation),
 * its groups and its totals, and which complete provider is the cheapest. */
JsonNode *
sky_json_estimate (const SkyScenario *scenario,
                   const SkyEstimate *estimate)
{
  g_autoptr(JsonBuilder) builder = NULL;
  int cheapest;

  g_return_val_if_fail (scenario != NULL && estimate != NULL, NULL);

  builder = json_builder_new ();
  cheapest = sky_estimate_cheapest_complete (estimate);
  json_builder_begin_object (builder);
  sky_json_add_string (builder, "scenario", scenario->name);
  sky_json_add_string (builder, "currency", estimate->currency);
  sky_json_add_decimal (builder, "hours_per_month", scenario->hours_per_month);
  json_builder_set_member_name (builder, "term_months");
  json_builder_add_int_value (builder, estimate->term_months);
  sky_json_add_string (builder, "compare_by",
                       estimate->compare_by == SKY_COMPARE_TERM_TOTAL ? "term-total"
                                                                      : "effective-monthly");
  sky_json_add_string (builder, "cheapest_complete",
                       cheapest >= 0 ? ((const SkyEstimateProvider *)
                                        g_ptr_array_index (estimate->providers,
                                                           cheapest))->provider
                                     : NULL);
  json_builder_set_member_name (builder, "providers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < estimate->providers->len; i++)
    add_estimate_provider (builder, estimate, g_ptr_array_index (estimate->providers, i));
  json_builder_end_array (builder);
  add_estimate_notices (builder, estimate);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The summary ------------------------------------------------------------------------------ */

/* Adds @summary to the object @root: summary_term_months, summary_term (what set it:
 * "commitment", "projection" or "chosen") and summary, per provider its figures over that
 * term, whether it is complete, its budget verdict and whether it is (one of) the cheapest. */
void
sky_json_add_summary (JsonNode         *root,
                      const SkySummary *summary)
{
  static const char * const terms[] = {
    [SKY_SUMMARY_TERM_COMMITMENT] = "commitment", [SKY_SUMMARY_TERM_PROJECTION] = "projection",
    [SKY_SUMMARY_TERM_CHOSEN] = "chosen",
  };
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) members = NULL;

  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (root) && summary != NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "summary_term_months");
  json_builder_add_int_value (builder, summary->term_months);
  sky_json_add_string (builder, "summary_term", terms[summary->term]);
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->providers->len; i++)
    {
      const SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "provider", p->provider);
      sky_json_add_string (builder, "provider_name", p->provider_name);
      sky_json_add_string (builder, "provider_short_name", p->provider_short_name);
      sky_json_add_money (builder, "monthly", summary->currency, p->monthly);
      sky_json_add_money (builder, "upfront", summary->currency, p->upfront);
      sky_json_add_money (builder, "first_year", summary->currency, p->first_year);
      sky_json_add_money (builder, "term_total", summary->currency, p->term_total);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, p->complete);
      json_builder_set_member_name (builder, "unpriced_lines");
      json_builder_add_int_value (builder, p->n_unpriced);
      sky_json_add_string (builder, "verdict", sky_summary_verdict_id (p->verdict));
      if (p->first_month_over > 0)
        sky_json_add_money (builder, "over_monthly", summary->currency, p->monthly_excess);
      else
        sky_json_add_string (builder, "over_monthly", NULL);
      if (p->first_year_over > 0)
        sky_json_add_money (builder, "over_yearly", summary->currency, p->yearly_excess);
      else
        sky_json_add_string (builder, "over_yearly", NULL);
      sky_json_add_string (builder, "prices_as_of", p->prices_as_of);
      json_builder_set_member_name (builder, "stale");
      json_builder_add_boolean_value (builder, p->stale);
      json_builder_set_member_name (builder, "cheapest");
      json_builder_add_boolean_value (builder, p->cheapest);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  members = json_builder_get_root (builder);
  copy_members (json_node_get_object (members), json_node_get_object (root));
}

/* The projection --------------------------------------------------------------------------- */

static void
add_months (JsonBuilder         *builder,
            const char          *member,
            const SkyProjection *projection,
            const SkyDecimal    *months)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint m = 0; m < projection->months; m++)
    {
      g_autofree char *text = sky_currency_format (projection->currency, months[m]);

      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
}

static void
add_projection_budget (JsonBuilder                 *builder,
                       const SkyScenario           *s,
                       const SkyProjection         *projection,
                       const SkyProjectionProvider *p)
{
  static const char * const verdicts[] = {
    [SKY_BUDGET_NONE] = "none", [SKY_BUDGET_WITHIN] = "within",
    [SKY_BUDGET_OVER] = "over", [SKY_BUDGET_CANNOT_JUDGE] = "cannot-judge",
  };

  json_builder_set_member_name (builder, "budget");
  if (s->budget == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  sky_json_add_string (builder, "verdict", verdicts[sky_projection_verdict (s, p)]);
  add_int_or_null (builder, "first_month_over", p->first_month_over);
  add_int_or_null (builder, "first_year_over", p->first_year_over);
  if (s->budget->has_monthly)
    sky_json_add_money (builder, "headroom", projection->currency, p->headroom);
  else
    sky_json_add_string (builder, "headroom", NULL);
  json_builder_end_object (builder);
}

static void
add_projection_provider (JsonBuilder                 *builder,
                         const SkyScenario           *s,
                         const SkyProjection         *projection,
                         const SkyProjectionProvider *p)
{
  json_builder_begin_object (builder);
  sky_json_add_string (builder, "provider", p->provider);
  sky_json_add_string (builder, "provider_name", p->provider_name);
  sky_json_add_string (builder, "sheet_version", p->sheet_version);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, sky_projection_complete (p));
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint l = 0; l < p->n_lines; l++)
    {
      const char *group = g_ptr_array_index (p->groups, l);

      json_builder_begin_object (builder);
      sky_json_add_string (builder, "label", g_ptr_array_index (p->labels, l));
      sky_json_add_string (builder, "group", *group != '\0' ? group : NULL);
      json_builder_set_member_name (builder, "priced");
      json_builder_add_boolean_value (builder, g_array_index (p->priced, gboolean, l));
      sky_json_add_string (builder, "sheet_version", g_ptr_array_index (p->sheet_versions, l));
      add_months (builder, "cash", projection, &p->cash[l * projection->months]);
      add_months (builder, "amortised", projection, &p->amortised[l * projection->months]);
      add_int_or_null (builder, "break_even_month", p->break_even[l]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_months (builder, "total_cash", projection, p->total_cash);
  add_months (builder, "total_amortised", projection, p->total_amortised);
  add_months (builder, "low", projection, p->low);
  add_months (builder, "high", projection, p->high);
  add_projection_budget (builder, s, projection, p);
  json_builder_end_object (builder);
}

/* The projection of @scenario: its months' calendar months (null without a start month), per
 * provider its lines' months (cash and amortised), the totals, the low and high range, and the
 * budget status. */
JsonNode *
sky_json_projection (const SkyScenario   *scenario,
                     const SkyProjection *projection)
{
  g_autoptr(JsonBuilder) builder = NULL;
  int cheapest;

  g_return_val_if_fail (scenario != NULL && projection != NULL, NULL);

  builder = json_builder_new ();
  cheapest = sky_projection_cheapest_complete (projection);
  json_builder_begin_object (builder);
  sky_json_add_string (builder, "scenario", scenario->name);
  sky_json_add_string (builder, "currency", projection->currency);
  json_builder_set_member_name (builder, "months");
  json_builder_add_int_value (builder, projection->months);
  /* Each month's calendar month ("2027-01"), beside the months of every figure below. */
  json_builder_set_member_name (builder, "calendar_months");
  if (sky_scenario_has_calendar (scenario))
    {
      json_builder_begin_array (builder);
      for (guint m = 1; m <= projection->months; m++)
        {
          g_autofree char *calendar = sky_scenario_calendar_month (scenario, m);

          if (calendar != NULL)
            json_builder_add_string_value (builder, calendar);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  sky_json_add_string (builder, "cheapest_complete",
                       cheapest >= 0 ? ((const SkyProjectionProvider *)
                                        g_ptr_array_index (projection->providers,
                                                           cheapest))->provider
                                     : NULL);
  json_builder_set_member_name (builder, "providers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < projection->providers->len; i++)
    add_projection_provider (builder, scenario, projection,
                             g_ptr_array_index (projection->providers, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* @root as indented text, without a final newline. */
char *
sky_json_to_data (JsonNode *root,
                  gsize    *length)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}
