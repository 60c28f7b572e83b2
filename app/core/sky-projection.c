/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-projection"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "sky-currency.h"
#include "sky-projection.h"
#include "sky-resolve.h"
#include "sky-vocabulary.h"

/* A scenario over 12 to 60 months: each month prices the scenario's lines with every line's
 * quantity grown as its growth says, commitments started in their month, on the sheets the
 * scenario records; so tiers and free allowances count each month's real totals. Each line is
 * resolved once for its own purchase option and, for a commitment, once on demand (before it
 * starts, and to find its break-even); the months only price. Low and high estimates price
 * the same months with each range's quantities. Cash pays an upfront fee in the month its
 * commitment starts (and at each renewal); the amortised view spreads it over the
 * commitment's months so that they add up to it. Money stays exact: every month's figures are
 * the engine's, rounded once per line. */

#define FACTOR_SCALE 10

static void
provider_free (SkyProjectionProvider *p)
{
  g_free (p->provider);
  g_free (p->provider_name);
  g_free (p->provider_short_name);
  g_free (p->sheet_version);
  g_ptr_array_unref (p->labels);
  g_ptr_array_unref (p->groups);
  g_ptr_array_unref (p->sheet_versions);
  g_array_unref (p->priced);
  /* The cash, amortised and upfront figures are one block (line_months_new()). */
  g_free (p->cash);
  g_free (p->total_cash);
  g_free (p->total_amortised);
  g_free (p->low);
  g_free (p->high);
  g_free (p->low_upfront);
  g_free (p->high_upfront);
  g_free (p->break_even);
  g_clear_pointer (&p->group_first_over, g_array_unref);
  g_free (p);
}

static void
projection_clear (SkyProjection *projection)
{
  g_free (projection->currency);
  g_clear_pointer (&projection->providers, g_ptr_array_unref);
}

/* A projection is never changed once made: a window's pages share one, each with a reference
 * of its own. */
SkyProjection *
sky_projection_ref (SkyProjection *projection)
{
  g_return_val_if_fail (projection != NULL, NULL);

  return g_atomic_rc_box_acquire (projection);
}

/* Drops a reference to @projection: the last frees it. */
void
sky_projection_free (SkyProjection *projection)
{
  if (projection == NULL)
    return;
  g_atomic_rc_box_release_full (projection, (GDestroyNotify) projection_clear);
}

static gboolean
targets (const char            *line,
         const char            *group,
         const SkyScenarioLine *l)
{
  if (line != NULL)
    return g_strcmp0 (line, l->label) == 0;
  if (group != NULL)
    return g_strcmp0 (group, l->group) == 0;
  return TRUE;
}

/* The arithmetic below sets *@overflow when a result does not fit, and then returns 0: the
 * projection fails rather than show it. */

/* 1 + @percent / 100. */
static SkyDecimal
one_plus (SkyDecimal  percent,
          gboolean   *overflow)
{
  SkyDecimal fraction = sky_decimal_from_int (0), out = sky_decimal_from_int (0);

  if (!sky_decimal_div (percent, sky_decimal_from_int (100), FACTOR_SCALE, SKY_ROUND_HALF_UP,
                        &fraction) ||
      !sky_decimal_add (sky_decimal_from_int (1), fraction, &out))
    {
      *overflow = TRUE;
      return sky_decimal_from_int (0);
    }
  return out;
}

static SkyDecimal
times (SkyDecimal  a,
       SkyDecimal  b,
       gboolean   *overflow)
{
  return sky_decimal_round (sky_decimal_mul_or_flag (a, b, overflow), FACTOR_SCALE,
                            SKY_ROUND_HALF_UP);
}

/* How many times a line's quantity month @month (from 1) has, by its growth. */
static SkyDecimal
growth_factor (const SkyScenario     *s,
               const SkyScenarioLine *l,
               guint                  month,
               gboolean              *overflow)
{
  SkyDecimal f = sky_decimal_from_int (1);

  for (guint i = 0; i < s->growth->len && !*overflow; i++)
    {
      const SkyGrowth *g = g_ptr_array_index (s->growth, i);
      SkyDecimal rate;

      if (!targets (g->line, g->group, l) || month < g->from_month)
        continue;
      rate = one_plus (g->percent, overflow);
      if (g->step)
        f = times (f, rate, overflow);
      else
        /* Compounding every month after the one it starts from. */
        for (guint k = g->from_month; k < month && !*overflow; k++)
          f = times (f, rate, overflow);
    }
  return f;
}

/* The low (@which -1) or high (1) estimate's factor of a line; 1 for the expected. */
static SkyDecimal
range_factor (const SkyScenario     *s,
              const SkyScenarioLine *l,
              int                    which,
              gboolean              *overflow)
{
  SkyDecimal f = sky_decimal_from_int (1);

  for (guint i = 0; which != 0 && i < s->ranges->len; i++)
    {
      const SkyRange *r = g_ptr_array_index (s->ranges, i);
      if (targets (r->line, r->group, l))
        f = times (f, one_plus (which < 0 ? r->low : r->high, overflow), overflow);
    }
  return f;
}

static guint
start_month (const SkyScenario     *s,
             const SkyScenarioLine *l)
{
  for (guint i = 0; i < s->starts->len; i++)
    {
      const SkyStart *st = g_ptr_array_index (s->starts, i);
      if (g_strcmp0 (st->line, l->label) == 0)
        return st->month;
    }
  return 1;
}

/* The error of a figure that does not fit, in the words the estimate uses. */
void
sky_projection_set_overflow_error (GError **error)
{
  g_set_error_literal (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_OVERFLOW,
                       SKY_ESTIMATE_OVERFLOW_MESSAGE);
}

/* The cash total of months 12 × (@year − 1) + 1 to 12 × @year, in @total; FALSE when it is too
 * large. */
gboolean
sky_projection_year (const SkyProjectionProvider *p,
                     guint                        months,
                     guint                        year,
                     SkyDecimal                  *total)
{
  gboolean overflow = FALSE;

  g_return_val_if_fail (p != NULL && total != NULL, FALSE);

  *total = sky_decimal_from_int (0);
  for (guint m = (year - 1) * 12; m < year * 12 && m < months && !overflow; m++)
    *total = sky_decimal_add_or_flag (*total, p->total_cash[m], &overflow);
  return !overflow;
}

static gboolean
check_budget (const SkyScenario     *s,
              SkyProjectionProvider *p,
              guint                  months,
              GError               **error)
{
  const SkyBudget *b = s->budget;
  gboolean overflow = FALSE;

  p->group_first_over = g_array_new (FALSE, TRUE, sizeof (guint));
  if (b == NULL)
    return TRUE;
  if (b->has_monthly)
    {
      if (!sky_decimal_sub (b->monthly, p->total_cash[0], &p->headroom))
        overflow = TRUE;
      for (guint m = 0; m < months && p->first_month_over == 0; m++)
        if (sky_decimal_compare (p->total_cash[m], b->monthly) > 0)
          p->first_month_over = m + 1;
    }
  if (b->has_yearly)
    for (guint y = 1; (y - 1) * 12 < months && p->first_year_over == 0 && !overflow; y++)
      {
        SkyDecimal year;

        if (!sky_projection_year (p, months, y, &year))
          overflow = TRUE;
        else if (sky_decimal_compare (year, b->yearly) > 0)
          p->first_year_over = y;
      }
  for (guint c = 0; c < b->group_caps->len && !overflow; c++)
    {
      const SkyGroupCap *cap = g_ptr_array_index (b->group_caps, c);
      guint first = 0;

      for (guint m = 0; m < months && first == 0 && !overflow; m++)
        {
          SkyDecimal total = sky_decimal_from_int (0);
          for (guint l = 0; l < p->n_lines; l++)
            if (g_strcmp0 (g_ptr_array_index (p->groups, l), cap->group) == 0)
              total = sky_decimal_add_or_flag (total, p->cash[l * months + m], &overflow);
          if (!overflow && sky_decimal_compare (total, cap->monthly) > 0)
            first = m + 1;
        }
      g_array_append_val (p->group_first_over, first);
    }
  if (overflow)
    {
      sky_projection_set_overflow_error (error);
      return FALSE;
    }
  return TRUE;
}

/* What every provider's months share: each line's quantities month by month (expected, and low
 * and high when the scenario has ranges), usage, start and whether it is a commitment. */
typedef struct
{
  guint       n;
  guint       months;
  SkyDecimal **expected;          /* per line: its months' quantities, [month − 1]; lines of
                                   * the same quantity that grow and range alike share them */
  SkyDecimal **low;               /* NULL without ranges */
  SkyDecimal **high;
  GPtrArray   *rows;              /* owns them */
  SkyDecimal *usage;              /* per line */
  guint      *start;              /* per line: the month its commitment starts */
  gboolean   *committed;          /* per line: its purchase option is a commitment */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_free (plan->expected);
  g_free (plan->low);
  g_free (plan->high);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_free (plan->usage);
  g_free (plan->start);
  g_free (plan->committed);
}

/* The growth rules that apply to @l, as a key: lines with the same key grow alike. */
static char *
growth_key (const SkyScenario     *s,
            const SkyScenarioLine *l)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < s->growth->len; i++)
    {
      const SkyGrowth *g = g_ptr_array_index (s->growth, i);
      if (targets (g->line, g->group, l))
        g_string_append_printf (key, "%u,", i);
    }
  return g_string_free (key, FALSE);
}

/* @value written exactly, as a key, in @buffer. */
static const char *
decimal_key (SkyDecimal value,
             char       buffer[80])
{
  guint64 high = (guint64) ((unsigned __int128) value.coef >> 64);
  guint64 low = (guint64) value.coef;

  g_snprintf (buffer, 80, "%" G_GINT64_MODIFIER "x:%" G_GINT64_MODIFIER "x:%u", high, low,
              value.scale);
  return buffer;
}

/* Every line's quantity in every month: its quantity × its growth that month × its range's
 * factor, each product rounded as the factors are. FALSE when a figure does not fit. */
static gboolean
plan_quantities (Plan              *plan,
                 const SkyScenario *s,
                 gboolean           ranges)
{
  g_autoptr(GHashTable) growths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  /* Lines of the same quantity that grow and range alike: the first one's months. */
  g_autoptr(GHashTable) alike = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean overflow = FALSE;
  guint months = plan->months;
  char b[4][80];

  plan->rows = g_ptr_array_new_with_free_func (g_free);
  plan->expected = g_new0 (SkyDecimal *, MAX (plan->n, 1));
  if (ranges)
    {
      plan->low = g_new0 (SkyDecimal *, MAX (plan->n, 1));
      plan->high = g_new0 (SkyDecimal *, MAX (plan->n, 1));
    }
  for (guint l = 0; l < plan->n && !overflow; l++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (s->lines, l);
      g_autofree char *key = growth_key (s, line);
      SkyDecimal *growth = g_hash_table_lookup (growths, key);
      SkyDecimal one = range_factor (s, line, 0, &overflow);
      SkyDecimal lo = ranges ? range_factor (s, line, -1, &overflow) : one;
      SkyDecimal hi = ranges ? range_factor (s, line, 1, &overflow) : one;
      g_autofree char *same = g_strdup_printf ("%s;%s;%s;%s;%s", key,
                                               decimal_key (line->quantity, b[0]),
                                               decimal_key (one, b[1]), decimal_key (lo, b[2]),
                                               decimal_key (hi, b[3]));
      gpointer first;

      if (g_hash_table_lookup_extended (alike, same, NULL, &first))
        {
          guint from = GPOINTER_TO_UINT (first);

          plan->expected[l] = plan->expected[from];
          if (ranges)
            {
              plan->low[l] = plan->low[from];
              plan->high[l] = plan->high[from];
            }
          continue;
        }
      g_hash_table_insert (alike, g_steal_pointer (&same), GUINT_TO_POINTER (l));
      plan->expected[l] = g_new (SkyDecimal, months);
      g_ptr_array_add (plan->rows, plan->expected[l]);
      if (ranges)
        {
          plan->low[l] = g_new (SkyDecimal, months);
          plan->high[l] = g_new (SkyDecimal, months);
          g_ptr_array_add (plan->rows, plan->low[l]);
          g_ptr_array_add (plan->rows, plan->high[l]);
        }

      if (growth == NULL)
        {
          growth = g_new0 (SkyDecimal, months);
          for (guint m = 1; m <= months; m++)
            growth[m - 1] = growth_factor (s, line, m, &overflow);
          g_hash_table_insert (growths, g_steal_pointer (&key), growth);
        }
      for (guint m = 0; m < months; m++)
        {
          plan->expected[l][m] = times (line->quantity, times (growth[m], one, &overflow),
                                        &overflow);
          if (ranges)
            {
              plan->low[l][m] = times (line->quantity, times (growth[m], lo, &overflow),
                                       &overflow);
              plan->high[l][m] = times (line->quantity, times (growth[m], hi, &overflow),
                                        &overflow);
            }
        }
    }
  return !overflow;
}

/* One line's figures in one month. */
typedef struct
{
  gboolean      priced;
  guint         term_months;      /* of the commitment it is priced with; 0 on demand */
  SkyPricedLine figures;
} MonthLine;

/* Prices every line of @rp's provider in month @m with @quantities, each with the price
 * resolved for its own purchase option once its commitment has started, and the on-demand
 * one (@od) before, or always with @on_demand. Lines are priced in order, so tiers and free
 * allowances count the month's real totals; a line priced as in an earlier month or pass
 * takes its figures from @memo. */
static void
price_month (SkyPricing          *pricing,
             SkyPricingMemo      *memo,
             const Plan          *plan,
             SkyResolvedProvider *rp,
             GPtrArray           *od,
             const guint         *twin,
             const gboolean      *copy,
             const guint         *kept,
             guint                m,
             SkyDecimal * const  *quantities,
             gboolean             on_demand,
             MonthLine           *out)
{
  sky_pricing_reset (pricing);
  for (guint l = 0; l < plan->n; l++)
    {
      SkyResolvedLine *rl = plan->committed[l] && (on_demand || m < plan->start[l])
                            ? g_ptr_array_index (od, l) : g_ptr_array_index (rp->lines, l);

      /* A line priced as an earlier one, with prices whose figures do not depend on the
       * units counted before it, comes to the earlier line's figures: its twin's are read. */
      if (copy[l])
        continue;
      out[l].priced = rl->status == SKY_LINE_PRICED;
      out[l].term_months = rl->has_terms ? rl->terms.term_months : 0;
      if (out[l].priced)
        sky_pricing_price_month_memo (pricing, memo, kept[l], &rl->terms,
                                      quantities[l][m - 1],
                                      plan->usage[l], &out[l].figures);
    }
}

/* Whether month @m (from 1) starts a commitment of @line_months begun in month @start, or
 * renews it. */
static gboolean
starts_commitment (guint line_months,
                   guint start,
                   guint m)
{
  return line_months > 0 && m >= start && (m - start) % line_months == 0;
}

/* The cash of @ml in month @m: the month, and the upfront fee when its commitment starts or
 * renews. */
static SkyDecimal
month_cash (const MonthLine *ml,
            guint            start,
            guint            m,
            gboolean        *overflow)
{
  if (!ml->priced)
    return sky_decimal_from_int (0);
  if (starts_commitment (ml->term_months, start, m))
    return sky_decimal_add_or_flag (ml->figures.monthly, ml->figures.upfront, overflow);
  return ml->figures.monthly;
}

/* The upfront fee within the cash of @ml in month @m: paid when its commitment starts or
 * renews, else nothing. */
static SkyDecimal
month_upfront (const MonthLine *ml,
               guint            start,
               guint            m)
{
  if (ml->priced && starts_commitment (ml->term_months, start, m))
    return ml->figures.upfront;
  return sky_decimal_from_int (0);
}

/* Room for @count figures in one block: a projection of many lines fills
 * tens of megabytes, written once. Where the system can back a block that large with huge
 * pages, it is asked to: that is one page fault where there would be 512. */
static SkyDecimal *
line_months_new (gsize count)
{
  gsize size = count * sizeof (SkyDecimal);
#ifdef MADV_HUGEPAGE
  const gsize huge = 2 * 1024 * 1024;
  void *block = NULL;

  if (size >= huge && posix_memalign (&block, huge, (size + huge - 1) / huge * huge) == 0)
    {
      madvise (block, (size + huge - 1) / huge * huge, MADV_HUGEPAGE);
      return block;
    }
#endif
  return g_malloc (size);
}

static SkyProjectionProvider *
provider_new (const SkyScenario   *scenario,
              SkyResolvedProvider *rp,
              guint                months)
{
  SkyProjectionProvider *p = g_new0 (SkyProjectionProvider, 1);
  guint n = scenario->lines->len;

  p->provider = g_strdup (rp->provider);
  p->provider_name = g_strdup (rp->provider_name);
  p->provider_short_name = g_strdup (rp->provider_short_name);
  p->sheet_version = g_strdup (rp->sheet_version);
  p->n_lines = n;
  p->labels = g_ptr_array_new_with_free_func (g_free);
  p->groups = g_ptr_array_new_with_free_func (g_free);
  p->sheet_versions = g_ptr_array_new_with_free_func (g_free);
  p->priced = g_array_new (FALSE, TRUE, sizeof (gboolean));
  /* Every line's every month is written by the months; the one more is never read. */
  p->cash = line_months_new (3 * ((gsize) n * months + 1));
  p->amortised = p->cash + (gsize) n * months + 1;
  p->cash[(gsize) n * months] = p->amortised[(gsize) n * months] = sky_decimal_from_int (0);
  p->total_cash = g_new0 (SkyDecimal, months);
  p->total_amortised = g_new0 (SkyDecimal, months);
  p->upfront = p->amortised + (gsize) n * months + 1;
  p->upfront[(gsize) n * months] = sky_decimal_from_int (0);
  p->low = g_new0 (SkyDecimal, months);
  p->high = g_new0 (SkyDecimal, months);
  p->low_upfront = g_new0 (SkyDecimal, months);
  p->high_upfront = g_new0 (SkyDecimal, months);
  p->break_even = g_new0 (int, MAX (n, 1));
  for (guint l = 0; l < n; l++)
    {
      const SkyScenarioLine *sl = g_ptr_array_index (scenario->lines, l);
      gboolean yes = TRUE;

      g_ptr_array_add (p->labels, g_strdup (sl->label));
      const SkyResolvedLine *rl = l < rp->lines->len ? g_ptr_array_index (rp->lines, l) : NULL;

      g_ptr_array_add (p->groups, g_strdup (sl->group != NULL ? sl->group : ""));
      g_ptr_array_add (p->sheet_versions,
                       g_strdup (rl != NULL && rl->offer != NULL ? rl->offer->sheet_version
                                                                 : NULL));
      g_array_append_val (p->priced, yes);
      p->break_even[l] = sky_term_months (sl->term) > 0 ? 0 : -1;
    }
  for (guint k = 0; k < months; k++)
    p->total_cash[k] = p->total_amortised[k] = p->low[k] = p->high[k] = p->low_upfront[k] =
      p->high_upfront[k] = sky_decimal_from_int (0);
  return p;
}

/* A sum of money figures, exact: those that are whole units of the currency's minor unit (the
 * engine's figures all are, each rounded once) counted as integers, any other added apart. */
typedef struct
{
  __int128   units;
  SkyDecimal rest;
} Sum;

static void
sum_init (Sum *sum)
{
  sum->units = 0;
  sum->rest = sky_decimal_from_int (0);
}

/* A figure as a count of minor units, when it is one (@whole). */
typedef struct
{
  gint64   units;
  gboolean whole;
} Units;

static Units
units_of (SkyDecimal value,
          guint      minor)
{
  Units u;

  u.whole = sky_decimal_to_scaled_int64 (value, minor, &u.units);
  return u;
}

/* Adds @value, which is @units, @times times (the lines that come to it). */
static void
sum_add_units (Sum        *sum,
               Units       units,
               SkyDecimal  value,
               guint       times,
               gboolean   *overflow)
{
  __int128 total;

  if (units.whole &&
      !__builtin_add_overflow (sum->units, (__int128) units.units * times, &total))
    sum->units = total;
  else
    {
      if (times != 1)
        value = sky_decimal_mul_or_flag (value, sky_decimal_from_int (times), overflow);
      sum->rest = sky_decimal_add_or_flag (sum->rest, value, overflow);
    }
}

static void
sum_add (Sum        *sum,
         SkyDecimal  value,
         guint       times,
         guint       minor,
         gboolean   *overflow)
{
  sum_add_units (sum, units_of (value, minor), value, times, overflow);
}

static SkyDecimal
sum_value (const Sum *sum,
           guint      minor,
           gboolean  *overflow)
{
  SkyDecimal units = { sum->units, minor };

  return sky_decimal_add_or_flag (units, sum->rest, overflow);
}

/* Whether two lines came to the same figures in a month. */
static gboolean
same_figures (const MonthLine *a,
              const MonthLine *b)
{
  return a->priced == b->priced && a->term_months == b->term_months &&
         (!a->priced || (a->figures.monthly.coef == b->figures.monthly.coef &&
                         a->figures.monthly.scale == b->figures.monthly.scale &&
                         a->figures.upfront.coef == b->figures.upfront.coef &&
                         a->figures.upfront.scale == b->figures.upfront.scale));
}

/* Whether @rl's figures do not depend on the lines priced before it: it has no price, or one
 * without tiers or a free allowance. */
static gboolean
counts_alone (const SkyResolvedLine *rl)
{
  return rl == NULL || rl->status != SKY_LINE_PRICED ||
         !sky_price_terms_counts_units (&rl->terms);
}

/* Whether lines @a and @b were resolved alike: the same status and, when found, the same
 * price. */
static gboolean
resolved_alike (const SkyResolvedLine *a,
                const SkyResolvedLine *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->status == b->status && a->has_terms == b->has_terms &&
         (!a->has_terms || sky_price_terms_equal (&a->terms, &b->terms));
}

static gboolean
same_decimal (SkyDecimal a,
              SkyDecimal b)
{
  return a.coef == b.coef && a.scale == b.scale;
}

static gboolean
same_months (SkyDecimal * const *quantities,
             guint              months,
             guint              a,
             guint              b)
{
  if (quantities == NULL || quantities[a] == quantities[b])
    return TRUE;
  for (guint m = 0; m < months; m++)
    if (!same_decimal (quantities[a][m], quantities[b][m]))
      return FALSE;
  return TRUE;
}

/* For each line, the first line priced exactly as it is every month: the same prices resolved
 * (its own and on demand), usage, commitment start and quantities, month by month. Scenarios
 * repeat lines (the same server in several groups, or many of them): those are priced once a
 * month. */
static guint *
find_twins (const Plan          *plan,
            SkyResolvedProvider *rp,
            GPtrArray           *od)
{
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint *twin = g_new (guint, MAX (plan->n, 1));

  for (guint l = 0; l < plan->n; l++)
    {
      const SkyResolvedLine *rl = g_ptr_array_index (rp->lines, l);
      SkyDecimal q = plan->expected[l][0];
      g_autofree char *key = g_strdup_printf ("%d:%u:%u:%d:%s:%u",
                                              rl->status, rl->price_index, plan->start[l],
                                              plan->committed[l],
                                              rl->offer != NULL ? rl->offer->sku : "",
                                              (guint) (q.coef ^ (q.coef >> 64)));
      gpointer found;
      guint t;

      twin[l] = l;
      if (!g_hash_table_lookup_extended (first, key, NULL, &found))
        {
          g_hash_table_insert (first, g_steal_pointer (&key), GUINT_TO_POINTER (l));
          continue;
        }
      t = GPOINTER_TO_UINT (found);
      if (resolved_alike (rl, g_ptr_array_index (rp->lines, t)) &&
          resolved_alike (g_ptr_array_index (od, l), g_ptr_array_index (od, t)) &&
          plan->committed[l] == plan->committed[t] && plan->start[l] == plan->start[t] &&
          same_decimal (plan->usage[l], plan->usage[t]) &&
          same_months (plan->expected, plan->months, l, t) &&
          same_months (plan->low, plan->months, l, t) &&
          same_months (plan->high, plan->months, l, t))
        twin[l] = t;
    }
  return twin;
}

/* Projects one provider: its lines resolved once for their own purchase options and once on
 * demand (commitments only), then priced month by month. */
static SkyProjectionProvider *
project_provider (SkyCatalog         *catalog,
                  const SkyScenario  *scenario,
                  const Plan         *plan,
                  const char         *provider,
                  const GPtrArray    *sheets,
                  SkyPricing         *pricing,
                  GError            **error)
{
  g_autoptr(SkyResolvedProvider) rp = sky_resolve_provider_with_sheets (catalog, scenario,
                                                                        provider, FALSE, sheets,
                                                                        error);
  g_autoptr(GPtrArray) od = NULL;
  g_autoptr(SkyPricingMemo) memo = NULL;
  g_autofree guint *twin = NULL;
  g_autofree gboolean *copy = NULL;
  g_autofree guint *weight = NULL;
  g_autofree guint *kept = NULL;
  g_autofree MonthLine *expected = NULL, *on_demand = NULL, *low = NULL, *high = NULL;
  g_autofree SkyDecimal *od_cum = NULL, *commit_cum = NULL, *paid = NULL;
  g_autofree gboolean *diverged = NULL;
  g_autofree Units *cash_units = NULL, *amortised_units = NULL;
  SkyProjectionProvider *p;
  guint n = plan->n, months = plan->months, minor = 2, n_kept = 0;
  gboolean overflow = FALSE;

  if (rp == NULL)
    return NULL;
  /* The on-demand lines are those @rp keeps: lines that ask the same share one. */
  od = g_ptr_array_new ();
  for (guint l = 0; l < n; l++)
    {
      const SkyResolvedLine *rl = NULL;

      if (plan->committed[l])
        {
          rl = sky_resolve_line_kept (catalog, scenario, rp,
                                      g_ptr_array_index (scenario->lines, l), "on-demand",
                                      error);
          if (rl == NULL)
            return NULL;
        }
      g_ptr_array_add (od, (gpointer) rl);
    }

  p = provider_new (scenario, rp, months);
  twin = find_twins (plan, rp, od);
  copy = g_new0 (gboolean, MAX (n, 1));
  /* A line that copies its twin every month is not priced, nor summed, in the months: its
   * twin counts as many times as it has such lines, and the line's months are its twin's. */
  weight = g_new0 (guint, MAX (n, 1));
  /* The memo keeps what the lines that are priced were priced with: kept[l] is line l's. */
  kept = g_new0 (guint, MAX (n, 1));
  for (guint l = 0; l < n; l++)
    {
      copy[l] = twin[l] != l && counts_alone (g_ptr_array_index (rp->lines, l)) &&
                counts_alone (g_ptr_array_index (od, l));
      weight[copy[l] ? twin[l] : l]++;
      kept[l] = copy[l] ? G_MAXUINT : n_kept++;
    }
  memo = sky_pricing_memo_new (n_kept);
  diverged = g_new0 (gboolean, MAX (n, 1));
  cash_units = g_new0 (Units, MAX (n, 1));
  amortised_units = g_new0 (Units, MAX (n, 1));
  expected = g_new0 (MonthLine, MAX (n, 1));
  on_demand = g_new0 (MonthLine, MAX (n, 1));
  low = g_new0 (MonthLine, MAX (n, 1));
  high = g_new0 (MonthLine, MAX (n, 1));
  od_cum = g_new0 (SkyDecimal, MAX (n, 1));
  commit_cum = g_new0 (SkyDecimal, MAX (n, 1));
  paid = g_new0 (SkyDecimal, MAX (n, 1));
  for (guint l = 0; l < n; l++)
    od_cum[l] = commit_cum[l] = paid[l] = sky_decimal_from_int (0);
  sky_currency_lookup (scenario->currency, &minor);

  for (guint m = 1; m <= months && !overflow; m++)
    {
      gboolean open = FALSE;
      Sum total_cash, total_amortised;

      for (guint l = 0; l < n && !open; l++)
        open = !copy[l] && p->break_even[l] == 0;
      price_month (pricing, memo, plan, rp, od, twin, copy, kept, m, plan->expected, FALSE, expected);
      /* Every commitment on demand, for the break-even of those not yet even. */
      if (open)
        price_month (pricing, memo, plan, rp, od, twin, copy, kept, m, plan->expected, TRUE, on_demand);

      sum_init (&total_cash);
      sum_init (&total_amortised);
      for (guint l = 0; l < n; l++)
        {
          const MonthLine *el = &expected[l];
          guint start = plan->start[l];
          gsize at = (gsize) l * months + (m - 1);
          guint t = twin[l];
          SkyDecimal cash, amortised = sky_decimal_from_int (0);

          if (copy[l])
            continue;
          /* A line that has come to its twin's figures every month so far, and does again,
           * is where its twin is. */
          if (t != l && !diverged[l] && same_figures (el, &expected[t]) &&
              (!open || same_figures (&on_demand[l], &on_demand[t])))
            {
              gsize from = (gsize) t * months + (m - 1);

              p->cash[at] = p->cash[from];
              p->upfront[at] = p->upfront[from];
              p->amortised[at] = p->amortised[from];
              g_array_index (p->priced, gboolean, l) = g_array_index (p->priced, gboolean, t);
              paid[l] = paid[t];
              od_cum[l] = od_cum[t];
              commit_cum[l] = commit_cum[t];
              p->break_even[l] = p->break_even[t];
              cash_units[l] = cash_units[t];
              amortised_units[l] = amortised_units[t];
              sum_add_units (&total_cash, cash_units[l], p->cash[at], weight[l], &overflow);
              sum_add_units (&total_amortised, amortised_units[l], p->amortised[at], weight[l],
                             &overflow);
              continue;
            }
          diverged[l] = TRUE;

          cash = month_cash (el, start, m, &overflow);
          if (el->priced)
            {
              amortised = el->figures.monthly;
              /* The upfront fee paid when the commitment started or last renewed, spread over
               * its months so that they add up to it. */
              if (el->term_months > 0 && m >= start)
                {
                  guint k = (m - start) % el->term_months;
                  SkyDecimal share;

                  if (k == 0)
                    paid[l] = el->figures.upfront;
                  if (!sky_pricing_amortised_share (scenario->currency, paid[l],
                                                    el->term_months, k, &share))
                    overflow = TRUE;
                  else
                    amortised = sky_decimal_add_or_flag (amortised, share, &overflow);
                }
            }
          else
            g_array_index (p->priced, gboolean, l) = FALSE;
          p->cash[at] = cash;
          p->upfront[at] = month_upfront (el, start, m);
          p->amortised[at] = amortised;
          cash_units[l] = units_of (cash, minor);
          amortised_units[l] = units_of (amortised, minor);
          sum_add_units (&total_cash, cash_units[l], cash, weight[l], &overflow);
          sum_add_units (&total_amortised, amortised_units[l], amortised, weight[l], &overflow);

          /* Break-even: the commitment's cash so far against on demand's. */
          if (p->break_even[l] == 0 && el->priced && on_demand[l].priced)
            {
              od_cum[l] = sky_decimal_add_or_flag (od_cum[l], on_demand[l].figures.monthly,
                                                   &overflow);
              commit_cum[l] = sky_decimal_add_or_flag (commit_cum[l], cash, &overflow);
              if (m >= start && sky_decimal_compare (commit_cum[l], od_cum[l]) <= 0)
                p->break_even[l] = (int) m;
            }
        }
      p->total_cash[m - 1] = sum_value (&total_cash, minor, &overflow);
      p->total_amortised[m - 1] = sum_value (&total_amortised, minor, &overflow);
      if (plan->low != NULL)
        {
          Sum lo, hi, lo_up, hi_up;

          sum_init (&lo);
          sum_init (&hi);
          sum_init (&lo_up);
          sum_init (&hi_up);
          price_month (pricing, memo, plan, rp, od, twin, copy, kept, m, plan->low, FALSE, low);
          price_month (pricing, memo, plan, rp, od, twin, copy, kept, m, plan->high, FALSE, high);
          for (guint l = 0; l < n; l++)
            {
              if (copy[l])
                continue;
              sum_add (&lo, month_cash (&low[l], plan->start[l], m, &overflow), weight[l],
                       minor, &overflow);
              sum_add (&hi, month_cash (&high[l], plan->start[l], m, &overflow), weight[l],
                       minor, &overflow);
              sum_add (&lo_up, month_upfront (&low[l], plan->start[l], m), weight[l], minor,
                       &overflow);
              sum_add (&hi_up, month_upfront (&high[l], plan->start[l], m), weight[l], minor,
                       &overflow);
            }
          p->low[m - 1] = sum_value (&lo, minor, &overflow);
          p->high[m - 1] = sum_value (&hi, minor, &overflow);
          p->low_upfront[m - 1] = sum_value (&lo_up, minor, &overflow);
          p->high_upfront[m - 1] = sum_value (&hi_up, minor, &overflow);
        }
      else
        {
          Sum up;

          sum_init (&up);
          p->low[m - 1] = p->high[m - 1] = p->total_cash[m - 1];
          for (guint l = 0; l < n; l++)
            if (!copy[l])
              sum_add (&up, p->upfront[l * months + (m - 1)], weight[l], minor, &overflow);
          p->low_upfront[m - 1] = p->high_upfront[m - 1] = sum_value (&up, minor, &overflow);
        }
    }
  for (guint l = 0; l < n && !overflow; l++)
    if (copy[l])
      {
        gsize at = (gsize) l * months, from = (gsize) twin[l] * months;

        memcpy (&p->cash[at], &p->cash[from], months * sizeof (SkyDecimal));
        memcpy (&p->upfront[at], &p->upfront[from], months * sizeof (SkyDecimal));
        memcpy (&p->amortised[at], &p->amortised[from], months * sizeof (SkyDecimal));
        g_array_index (p->priced, gboolean, l) = g_array_index (p->priced, gboolean, twin[l]);
        p->break_even[l] = p->break_even[twin[l]];
      }
  if (overflow || sky_pricing_overflowed (pricing))
    {
      provider_free (p);
      sky_projection_set_overflow_error (error);
      return NULL;
    }
  return p;
}

static SkyProjection *compute (SkyCatalog          *catalog,
                                const SkyScenario   *scenario,
                                const char * const  *providers,
                                guint                months,
                                GError             **error);

/* Projects @scenario over @months (0: the scenario's own) on @providers (NULL: its own), in
 * one read transaction of the catalog. */
SkyProjection *
sky_projection_compute (SkyCatalog          *catalog,
                        const SkyScenario   *scenario,
                        const char * const  *providers,
                        guint                months,
                        GError             **error)
{
  SkyProjection *projection;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  if (!sky_catalog_begin_read (catalog, error))
    return NULL;
  projection = compute (catalog, scenario, providers, months, error);
  sky_catalog_end_read (catalog);
  return projection;
}

static SkyProjection *
compute (SkyCatalog          *catalog,
         const SkyScenario   *scenario,
         const char * const  *providers,
         guint                months,
         GError             **error)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) resolved = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(SkyPricing) pricing = NULL;
  Plan plan = { 0 };

  if (months == 0)
    months = scenario->projection_months;
  months = CLAMP (months, 12, 60);
  projection = g_atomic_rc_box_new0 (SkyProjection);
  projection->currency = g_strdup (scenario->currency);
  projection->months = months;
  projection->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);

  list = sky_resolve_providers (scenario, providers, error);
  if (list == NULL)
    return NULL;

  plan.n = scenario->lines->len;
  plan.months = months;
  plan.usage = g_new0 (SkyDecimal, MAX (plan.n, 1));
  plan.start = g_new0 (guint, MAX (plan.n, 1));
  plan.committed = g_new0 (gboolean, MAX (plan.n, 1));
  for (guint l = 0; l < plan.n; l++)
    {
      const SkyScenarioLine *line = g_ptr_array_index (scenario->lines, l);

      plan.usage[l] = sky_scenario_line_usage (scenario, line);
      plan.start[l] = start_month (scenario, line);
      plan.committed[l] = sky_term_months (line->term) > 0;
    }
  if (!plan_quantities (&plan, scenario, scenario->ranges->len > 0))
    {
      plan_clear (&plan);
      sky_projection_set_overflow_error (error);
      return NULL;
    }

  pricing = sky_pricing_new (scenario->currency, scenario->hours_per_month);
  sheets = sky_catalog_list_sheets (catalog, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      SkyProjectionProvider *p = project_provider (catalog, scenario, &plan,
                                                   g_ptr_array_index (list, i), sheets, pricing,
                                                   error);
      if (p == NULL)
        {
          plan_clear (&plan);
          return NULL;
        }
      g_ptr_array_add (projection->providers, p);
    }
  plan_clear (&plan);

  for (guint i = 0; i < projection->providers->len; i++)
    if (!check_budget (scenario, g_ptr_array_index (projection->providers, i), months, error))
      return NULL;
  return g_steal_pointer (&projection);
}

/* How many of the provider's lines it has no matching offer for: lines its figures leave out. */
guint
sky_projection_unpriced (const SkyProjectionProvider *provider)
{
  guint unpriced = 0;

  g_return_val_if_fail (provider != NULL, 0);

  for (guint l = 0; l < provider->n_lines; l++)
    if (!g_array_index (provider->priced, gboolean, l))
      unpriced++;
  return unpriced;
}

/* Whether the provider prices every line: only then are its figures the scenario's cost. */
gboolean
sky_projection_complete (const SkyProjectionProvider *provider)
{
  g_return_val_if_fail (provider != NULL, FALSE);

  return provider->sheet_version != NULL && sky_projection_unpriced (provider) == 0;
}

/* The index of the complete provider whose amortised total over the projection is lowest (the
 * first of equals), or -1 when none is complete. */
int
sky_projection_cheapest_complete (const SkyProjection *projection)
{
  int best = -1;
  SkyDecimal best_total = sky_decimal_from_int (0);

  g_return_val_if_fail (projection != NULL, -1);

  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      SkyDecimal total = sky_decimal_from_int (0);
      gboolean ok = TRUE;

      if (!sky_projection_complete (p))
        continue;
      for (guint m = 0; m < projection->months && ok; m++)
        ok = sky_decimal_add (total, p->total_amortised[m], &total);
      if (ok && (best < 0 || sky_decimal_compare (total, best_total) < 0))
        {
          best = (int) i;
          best_total = total;
        }
    }
  return best;
}

/* Whether the provider keeps the scenario's budget. A provider that cannot price every line
 * is over when its figures, which leave those lines out, already are; otherwise it cannot be
 * judged. */
SkyBudgetVerdict
sky_projection_verdict (const SkyScenario           *scenario,
                        const SkyProjectionProvider *provider)
{
  const SkyBudget *b = scenario->budget;
  gboolean over;

  if (b == NULL || (!b->has_monthly && !b->has_yearly && b->group_caps->len == 0))
    return SKY_BUDGET_NONE;
  over = (b->has_monthly && provider->first_month_over > 0) ||
         (b->has_yearly && provider->first_year_over > 0);
  for (guint c = 0; c < b->group_caps->len && c < provider->group_first_over->len; c++)
    over = over || g_array_index (provider->group_first_over, guint, c) > 0;
  if (over)
    return SKY_BUDGET_OVER;
  return sky_projection_complete (provider) ? SKY_BUDGET_WITHIN : SKY_BUDGET_CANNOT_JUDGE;
}
