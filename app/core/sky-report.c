/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-report.h"

/* CSV for finance: a projection's months in columns, one row per line and per total, numbers
 * plain with a decimal point and the currency's minor digits, a currency column; and beside it,
 * the assumptions the figures rest on. The README documents both, column by column. */

/* A money cell, in the currency's digits. */
static void
add_money (SkyCsvWriter *csv,
           const char   *currency,
           SkyDecimal    amount)
{
  g_autofree char *text = sky_currency_format (currency, amount);

  sky_csv_writer_add_number (csv, text);
}

/* What a line row says of the line beyond its months: the offer's SKU, the purchase option and
 * unit (ids), the unit price (plain, exact), and why it is not priced. Empty for other rows. */
static void
add_line_columns (SkyCsvWriter          *csv,
                  const SkyEstimateLine *line)
{
  const SkyOfferPrice *price = NULL;

  if (line == NULL)
    {
      for (guint i = 0; i < 5; i++)
        sky_csv_writer_add_text (csv, NULL);
      return;
    }
  if (line->offer != NULL && line->price_index < line->offer->prices->len)
    price = g_ptr_array_index (line->offer->prices, line->price_index);
  sky_csv_writer_add_text (csv, line->offer != NULL ? line->offer->sku : NULL);
  sky_csv_writer_add_text (csv, line->term);
  if (price != NULL)
    {
      g_autofree char *amount = sky_decimal_to_string (
        sky_decimal_from_scaled (price->amount, SKY_PRICE_SCALE));

      sky_csv_writer_add_number (csv, amount);
    }
  else
    sky_csv_writer_add_text (csv, NULL);
  sky_csv_writer_add_text (csv, line->unit);
  if (line->status == SKY_LINE_PRICED)
    sky_csv_writer_add_text (csv, NULL);
  else
    sky_csv_writer_add_text (csv, line->reason != NULL ? line->reason
                                                       : _("no offer of this provider meets it"));
}

/* FALSE when the row's total is too large. */
static gboolean
add_row (SkyCsvWriter                *csv,
         const SkyProjection         *projection,
         const SkyProjectionProvider *p,
         const char                  *sheet_version,
         const char                  *row,
         const char                  *group,
         const char                  *line,
         gboolean                     priced,
         const SkyDecimal            *months,
         const SkyEstimateLine       *estimate_line)
{
  SkyDecimal total = sky_decimal_from_int (0);

  sky_csv_writer_add_text (csv, p->provider);
  sky_csv_writer_add_text (csv, p->provider_name);
  sky_csv_writer_add_text (csv, sheet_version);
  sky_csv_writer_add_text (csv, sky_projection_complete (p) ? "yes" : "no");
  sky_csv_writer_add_text (csv, row);
  sky_csv_writer_add_text (csv, group);
  sky_csv_writer_add_text (csv, line);
  sky_csv_writer_add_text (csv, projection->currency);
  if (!priced)
    {
      /* No offer to price it with: no figures, rather than zeros that read as free. */
      for (guint m = 0; m <= projection->months; m++)
        sky_csv_writer_add_text (csv, NULL);
    }
  else
    {
      for (guint m = 0; m < projection->months; m++)
        {
          add_money (csv, projection->currency, months[m]);
          if (!sky_decimal_add (total, months[m], &total))
            return FALSE;
        }
      add_money (csv, projection->currency, total);
    }
  add_line_columns (csv, estimate_line);
  sky_csv_writer_end_row (csv);
  return TRUE;
}

/* The line of @estimate that @p's line @l is, or NULL. */
static const SkyEstimateLine *
estimate_line (const SkyEstimate           *estimate,
               const SkyProjectionProvider *p,
               guint                        l)
{
  for (guint i = 0; estimate != NULL && i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *e = g_ptr_array_index (estimate->providers, i);

      if (g_strcmp0 (e->provider, p->provider) == 0)
        return l < e->lines->len ? g_ptr_array_index (e->lines, l) : NULL;
    }
  return NULL;
}

/* Columns: provider, provider_name, sheet_version (of a line row, the sheet its offer came
 * from, which may differ between lines as each service has its own current sheet; of the
 * other rows, the provider's), complete (yes when the provider prices
 * every line), row (line, total, amortised_total, low, high), group, line, currency, M01 … Mnn
 * (named by their calendar months, 2027-01 …, when the scenario has a start month), total,
 * then of a line row, from @estimate (NULL: left empty), sku, purchase_option, unit_price, unit
 * and not_priced_reason. The total row is the sum of the line rows, month by
 * month and in all. NULL, with the error, when a total is too large. */
char *
sky_report_projection_csv (const SkyScenario   *scenario,
                           const SkyProjection *projection,
                           const SkyEstimate   *estimate,
                           SkyCsvDialect        dialect,
                           gboolean             bom,
                           gsize               *length,
                           GError             **error)
{
  SkyCsvWriter *csv = sky_csv_writer_new_with_bom (dialect, bom);
  static const char * const headers[] = { "provider", "provider_name", "sheet_version",
                                          "complete", "row", "group", "line", "currency" };

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    sky_csv_writer_add_text (csv, headers[i]);
  for (guint m = 1; m <= projection->months; m++)
    {
      g_autofree char *calendar = sky_scenario_calendar_month (scenario, m);
      g_autofree char *name = calendar != NULL ? g_steal_pointer (&calendar)
                                               : g_strdup_printf ("M%02u", m);
      sky_csv_writer_add_text (csv, name);
    }
  sky_csv_writer_add_text (csv, "total");
  sky_csv_writer_add_text (csv, "sku");
  sky_csv_writer_add_text (csv, "purchase_option");
  sky_csv_writer_add_text (csv, "unit_price");
  sky_csv_writer_add_text (csv, "unit");
  sky_csv_writer_add_text (csv, "not_priced_reason");
  sky_csv_writer_end_row (csv);

  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      gboolean ok = TRUE;

      for (guint l = 0; l < p->n_lines && ok; l++)
        ok = add_row (csv, projection, p,
                      g_ptr_array_index (p->sheet_versions, l) != NULL
                      ? g_ptr_array_index (p->sheet_versions, l) : p->sheet_version,
                      "line", g_ptr_array_index (p->groups, l),
                      g_ptr_array_index (p->labels, l), g_array_index (p->priced, gboolean, l),
                      &p->cash[l * projection->months], estimate_line (estimate, p, l));
      ok = ok && add_row (csv, projection, p, p->sheet_version, "total", NULL, NULL, TRUE,
                          p->total_cash, NULL) &&
           add_row (csv, projection, p, p->sheet_version, "amortised_total", NULL, NULL, TRUE,
                    p->total_amortised, NULL) &&
           add_row (csv, projection, p, p->sheet_version, "low", NULL, NULL, TRUE, p->low,
                    NULL) &&
           add_row (csv, projection, p, p->sheet_version, "high", NULL, NULL, TRUE, p->high,
                    NULL);
      if (!ok)
        {
          g_free (sky_csv_writer_free (csv, NULL));
          sky_projection_set_overflow_error (error);
          return NULL;
        }
    }
  return sky_csv_writer_free (csv, length);
}

/* An assumption: its key, and its value as text, a plain number when @number. */
void
sky_report_pair_free (SkyReportPair *pair)
{
  g_free (pair->key);
  g_free (pair->value);
  g_free (pair);
}

static void
add_pair (GPtrArray  *pairs,
          char       *key,
          char       *value,
          gboolean    number)
{
  SkyReportPair *pair = g_new0 (SkyReportPair, 1);

  pair->key = key;
  pair->value = value;
  pair->number = number;
  g_ptr_array_add (pairs, pair);
}

static void
pair (GPtrArray  *pairs,
      const char *key,
      const char *value)
{
  add_pair (pairs, g_strdup (key), g_strdup (value), FALSE);
}

static void
pair_decimal (GPtrArray  *pairs,
              const char *key,
              SkyDecimal  value)
{
  add_pair (pairs, g_strdup (key), sky_decimal_to_string (value), TRUE);
}

static void
pair_count (GPtrArray  *pairs,
            const char *key,
            gint64      value)
{
  add_pair (pairs, g_strdup (key), g_strdup_printf ("%" G_GINT64_FORMAT, value), TRUE);
}

/* Two columns, key and value: the scenario, its currency and hours a month, the months, each
 * price sheet, exchange rate, discount and credit, the budget, growth, ranges and starts. */
char *
sky_report_assumptions_csv (const SkyScenario   *s,
                            const SkyProjection *projection,
                            SkyCsvDialect        dialect,
                            gboolean             bom,
                            gsize               *length)
{
  return sky_report_assumptions_csv_full (s, projection, NULL, dialect, bom, length);
}

/* How old @e's prices are, after the price sheets: per provider prices_as_of.ID,
 * prices_age_days.ID and prices_stale.ID (yes or no), then prices_aged_to, stale_after_days
 * and each notice as notice.N from 1. */
static void
freshness_pairs (GPtrArray         *pairs,
                 const SkyEstimate *e)
{
  for (guint i = 0; i < e->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      g_autofree char *as_of = g_strdup_printf ("prices_as_of.%s", p->provider);
      g_autofree char *age_key = g_strdup_printf ("prices_age_days.%s", p->provider);
      g_autofree char *stale = g_strdup_printf ("prices_stale.%s", p->provider);

      if (p->prices_as_of == NULL)
        continue;
      pair (pairs, as_of, p->prices_as_of);
      pair_count (pairs, age_key, p->prices_age_days);
      pair (pairs, stale, p->stale ? "yes" : "no");
    }
  pair (pairs, "prices_aged_to", e->today);
  pair_count (pairs, "stale_after_days", e->stale_after_days);
  for (guint i = 0; i < e->notices->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("notice.%u", i + 1);
      pair (pairs, key, g_ptr_array_index (e->notices, i));
    }
}

/* The assumptions the figures rest on, as SkyReportPair in the order
 * sky_report_assumptions_csv() writes them, with how old @estimate's prices are (NULL: left
 * out) after the price sheets. */
GPtrArray *
sky_report_assumptions (const SkyScenario   *s,
                        const SkyProjection *projection,
                        const SkyEstimate   *estimate)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_report_pair_free);

  pair (pairs, "scenario", s->name);
  pair (pairs, "currency", s->currency);
  pair_decimal (pairs, "hours_per_month", s->hours_per_month);
  pair_count (pairs, "months", projection->months);
  {
    g_autofree char *start = sky_scenario_calendar_month (s, 1);

    if (start != NULL)
      pair (pairs, "start_month", start);
  }
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      g_autofree char *key = g_strdup_printf ("price_sheet.%s", p->provider);
      pair (pairs, key, p->sheet_version);
    }
  if (estimate != NULL)
    freshness_pairs (pairs, estimate);
  for (guint i = 0; i < s->rates->len; i++)
    {
      const SkyExchangeRate *r = g_ptr_array_index (s->rates, i);
      g_autofree char *key = g_strdup_printf ("exchange_rate.%s_%s.%s", r->from, r->to, r->date);
      pair_decimal (pairs, key, r->rate);
    }
  for (guint i = 0; i < s->discounts->len; i++)
    {
      const SkyDiscount *d = g_ptr_array_index (s->discounts, i);
      g_autofree char *key = g_strdup_printf ("discount_percent.%s%s%s", d->provider,
                                              d->service != NULL ? "." : "",
                                              d->service != NULL ? d->service : "");
      pair_decimal (pairs, key, d->percent);
    }
  for (guint i = 0; i < s->credits->len; i++)
    {
      const SkyCredit *c = g_ptr_array_index (s->credits, i);
      g_autofree char *key = g_strdup_printf ("credit.%s", c->provider);
      pair_decimal (pairs, key, c->amount);
    }
  if (s->budget != NULL && s->budget->has_monthly)
    pair_decimal (pairs, "budget.monthly", s->budget->monthly);
  if (s->budget != NULL && s->budget->has_yearly)
    pair_decimal (pairs, "budget.yearly", s->budget->yearly);
  for (guint i = 0; s->budget != NULL && i < s->budget->group_caps->len; i++)
    {
      const SkyGroupCap *cap = g_ptr_array_index (s->budget->group_caps, i);
      g_autofree char *key = g_strdup_printf ("budget.group.%s", cap->group);
      pair_decimal (pairs, key, cap->monthly);
    }
  for (guint i = 0; i < s->growth->len; i++)
    {
      const SkyGrowth *g = g_ptr_array_index (s->growth, i);
      g_autofree char *key = g_strdup_printf ("%s_percent.%s.from_month_%u",
                                              g->step ? "step" : "growth_monthly",
                                              g->line != NULL ? g->line
                                              : g->group != NULL ? g->group : "all",
                                              g->from_month);
      pair_decimal (pairs, key, g->percent);
    }
  for (guint i = 0; i < s->ranges->len; i++)
    {
      const SkyRange *r = g_ptr_array_index (s->ranges, i);
      const char *target = r->line != NULL ? r->line : r->group != NULL ? r->group : "all";
      g_autofree char *low = g_strdup_printf ("range_low_percent.%s", target);
      g_autofree char *high = g_strdup_printf ("range_high_percent.%s", target);
      pair_decimal (pairs, low, r->low);
      pair_decimal (pairs, high, r->high);
    }
  for (guint i = 0; i < s->starts->len; i++)
    {
      const SkyStart *st = g_ptr_array_index (s->starts, i);
      g_autofree char *key = g_strdup_printf ("commitment_start_month.%s", st->line);
      pair_count (pairs, key, st->month);
    }
  return pairs;
}

/* As sky_report_assumptions_csv(), with how old @estimate's prices are (NULL: left out)
 * after the price sheets. */
char *
sky_report_assumptions_csv_full (const SkyScenario   *s,
                                 const SkyProjection *projection,
                                 const SkyEstimate   *estimate,
                                 SkyCsvDialect        dialect,
                                 gboolean             bom,
                                 gsize               *length)
{
  SkyCsvWriter *csv = sky_csv_writer_new_with_bom (dialect, bom);
  g_autoptr(GPtrArray) pairs = sky_report_assumptions (s, projection, estimate);

  sky_csv_writer_add_text (csv, "key");
  sky_csv_writer_add_text (csv, "value");
  sky_csv_writer_end_row (csv);
  for (guint i = 0; i < pairs->len; i++)
    {
      const SkyReportPair *p = g_ptr_array_index (pairs, i);

      sky_csv_writer_add_text (csv, p->key);
      if (p->number)
        sky_csv_writer_add_number (csv, p->value);
      else
        sky_csv_writer_add_text (csv, p->value);
      sky_csv_writer_end_row (csv);
    }
  return sky_csv_writer_free (csv, length);
}
