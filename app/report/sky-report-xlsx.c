/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-report"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "sky-currency.h"
#include "sky-file-writer.h"
#include "sky-report.h"
#include "sky-report-xlsx.h"
#include "sky-vocabulary.h"

/* A workbook for finance: a Summary sheet (each provider's monthly, upfront, first-year and
 * term figures, complete or not, the budget and the prices' dates), a Monthly sheet (each
 * line's cash month by month), a Lines sheet (what each line was priced with) and the
 * Assumptions. Money is written as numbers in the currency's number format, from the exact
 * figures; every total is a formula, written with its exact result, so a reader that does not
 * recalculate shows the same figure as one that does. Header rows are frozen, and each column
 * is as wide as its widest cell. */

/* Column widths are counted in characters; no column is narrower or wider than these. */
#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0

typedef struct
{
  lxw_worksheet *sheet;
  GArray        *widths;   /* double per column */
} Sheet;

typedef struct
{
  lxw_workbook *book;
  lxw_format   *header;
  lxw_format   *month_header; /* a header that is a date, shown as its month ("Jan 2027") */
  lxw_format   *bold;
  lxw_format   *money;
  lxw_format   *money_bold;
  lxw_format   *price;
  lxw_format   *number;
  const char   *currency;
  guint         digits;    /* the currency's minor units */
  lxw_error     failed;    /* the first error a write returned */
} Book;

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->widths, g_array_unref);
}

static void
note_error (Book      *book,
            lxw_error  result)
{
  if (result != LXW_NO_ERROR && book->failed == LXW_NO_ERROR)
    book->failed = result;
}

/* Widens @column to hold @chars characters. */
static void
fit (Sheet  *sheet,
     guint   column,
     gsize   chars)
{
  double width = MIN ((double) chars + 2.0, MAX_WIDTH);

  if (sheet->widths->len <= column)
    g_array_set_size (sheet->widths, column + 1);
  if (g_array_index (sheet->widths, double, column) < width)
    g_array_index (sheet->widths, double, column) = width;
}

static void
put_text (Book        *book,
          Sheet       *sheet,
          guint        row,
          guint        column,
          const char  *text,
          lxw_format  *format)
{
  if (text == NULL || *text == '\0')
    return;
  note_error (book, worksheet_write_string (sheet->sheet, row, (lxw_col_t) column, text,
                                            format));
  fit (sheet, column, g_utf8_strlen (text, -1));
}

/* The number a spreadsheet cell holds for @value: the nearest binary fraction, as every
 * spreadsheet holds numbers. Only the cell is approximate; every figure was computed exactly. */
static double
cell_number (SkyDecimal value)
{
  return sky_decimal_to_double (value);
}

/* The width @value takes in a cell of @digits fraction digits with a grouping separator and the
 * currency code after it. */
static gsize
money_chars (Book       *book,
             SkyDecimal  value,
             guint       digits)
{
  g_autofree char *text = sky_decimal_format_grouped (value, digits, ",");

  return strlen (text) + (book->currency != NULL ? strlen (book->currency) + 1 : 0);
}

static void
put_money (Book       *book,
           Sheet      *sheet,
           guint       row,
           guint       column,
           SkyDecimal  value,
           lxw_format *format)
{
  note_error (book, worksheet_write_number (sheet->sheet, row, (lxw_col_t) column,
                                            cell_number (value), format));
  fit (sheet, column, money_chars (book, value, book->digits));
}

static void
put_number (Book       *book,
            Sheet      *sheet,
            guint       row,
            guint       column,
            SkyDecimal  value,
            lxw_format *format)
{
  g_autofree char *text = sky_decimal_to_string (value);

  note_error (book, worksheet_write_number (sheet->sheet, row, (lxw_col_t) column,
                                            cell_number (value), format));
  fit (sheet, column, strlen (text));
}

/* A formula, with its exact result @value for readers that do not recalculate. */
static void
put_formula (Book       *book,
             Sheet      *sheet,
             guint       row,
             guint       column,
             const char *formula,
             SkyDecimal  value,
             lxw_format *format)
{
  note_error (book, worksheet_write_formula_num (sheet->sheet, row, (lxw_col_t) column,
                                                 formula, format, cell_number (value)));
  fit (sheet, column, money_chars (book, value, book->digits));
}

/* @name as a formula names a sheet: quoted, its quotes doubled. */
static char *
sheet_reference (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "'", -1);
  g_autofree char *doubled = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'!", doubled);
}

/* "=SUM(D2:D8)": the cells of @column from @first to @last (rows from 0), on this sheet or
 * on @other. */
static char *
sum_formula (const char *other,
             guint       column,
             guint       first,
             guint       last)
{
  char from[LXW_MAX_CELL_NAME_LENGTH], to[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (from, first, (lxw_col_t) column);
  lxw_rowcol_to_cell (to, last, (lxw_col_t) column);
  g_autofree char *sheet = other != NULL ? sheet_reference (other) : g_strdup ("");

  return g_strdup_printf ("=SUM(%s%s:%s)", sheet, from, to);
}

/* "=SUM(D5:O5)": the cells of @row from column @first to @last. */
static char *
sum_row_formula (const char *other,
                 guint       row,
                 guint       first,
                 guint       last)
{
  char from[LXW_MAX_CELL_NAME_LENGTH], to[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (from, row, (lxw_col_t) first);
  lxw_rowcol_to_cell (to, row, (lxw_col_t) last);
  g_autofree char *sheet = other != NULL ? sheet_reference (other) : g_strdup ("");

  return g_strdup_printf ("=SUM(%s%s:%s)", sheet, from, to);
}

static gboolean
sheet_new (Book       *book,
           Sheet      *sheet,
           const char *name,
           const char * const *headers,
           guint       frozen_columns)
{
  sheet->sheet = workbook_add_worksheet (book->book, name);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (double));
  if (sheet->sheet == NULL)
    {
      note_error (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return FALSE;
    }
  for (guint c = 0; headers[c] != NULL; c++)
    put_text (book, sheet, 0, c, headers[c], book->header);
  worksheet_freeze_panes (sheet->sheet, 1, (lxw_col_t) frozen_columns);
  return TRUE;
}

static void
sheet_finish (Sheet *sheet)
{
  for (guint c = 0; c < sheet->widths->len; c++)
    {
      double width = MAX (g_array_index (sheet->widths, double, c), MIN_WIDTH);

      worksheet_set_column (sheet->sheet, (lxw_col_t) c, (lxw_col_t) c, width, NULL);
    }
}

/* Sheet names, which formulas of other sheets name. */
#define SUMMARY_SHEET _("Summary")
#define MONTHLY_SHEET _("Monthly")
#define LINES_SHEET _("Lines")
#define ASSUMPTIONS_SHEET _("Assumptions")

/* The Lines sheet's columns. */
enum
{
  LINES_PROVIDER,
  LINES_LINE,
  LINES_GROUP,
  LINES_OFFER,
  LINES_SKU,
  LINES_REGION,
  LINES_PURCHASE,
  LINES_QUANTITY,
  LINES_USAGE,
  LINES_UNIT,
  LINES_UNIT_PRICE,
  LINES_MONTHLY,
  LINES_UPFRONT,
  LINES_REASON,
};

static const char *
line_reason (const SkyEstimateLine *line)
{
  if (line->status == SKY_LINE_PRICED)
    return NULL;
  if (line->reason != NULL)
    return line->reason;
  return _("No offer of this provider meets the line");
}

/* Writes each provider's lines and a total row, whose row (from 0) goes to @total_rows. */
static void
write_lines (Book              *book,
             const SkyEstimate *estimate,
             GArray            *total_rows)
{
  const char * const headers[] = {
    _("Provider"), _("Line"), _("Group"), _("Offer"), _("SKU"), _("Region"),
    _("Purchase option"), _("Quantity"), _("Usage a month"), _("Unit"), _("Unit price"),
    _("Monthly"), _("Upfront"), _("Not priced because"), NULL,
  };
  Sheet sheet = { 0 };
  guint row = 1;

  if (!sheet_new (book, &sheet, LINES_SHEET, headers, 2))
    {
      sheet_clear (&sheet);
      return;
    }
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
      guint first = row;

      for (guint l = 0; l < p->lines->len; l++, row++)
        {
          const SkyEstimateLine *line = g_ptr_array_index (p->lines, l);
          const SkyOfferDetails *offer = line->offer;

          put_text (book, &sheet, row, LINES_PROVIDER, p->provider_short_name, NULL);
          put_text (book, &sheet, row, LINES_LINE, line->label, NULL);
          put_text (book, &sheet, row, LINES_GROUP, line->group, NULL);
          put_text (book, &sheet, row, LINES_PURCHASE,
                    sky_vocabulary_title (SKY_VOCABULARY_PURCHASE_OPTION, line->term), NULL);
          put_number (book, &sheet, row, LINES_QUANTITY, line->quantity, book->number);
          put_number (book, &sheet, row, LINES_USAGE, line->usage, book->number);
          put_text (book, &sheet, row, LINES_UNIT,
                    sky_vocabulary_title (SKY_VOCABULARY_UNIT, line->unit), NULL);
          if (offer != NULL)
            {
              put_text (book, &sheet, row, LINES_OFFER, offer->name, NULL);
              put_text (book, &sheet, row, LINES_SKU, offer->sku, NULL);
              put_text (book, &sheet, row, LINES_REGION, offer->region, NULL);
              if (line->price_index < offer->prices->len)
                {
                  const SkyOfferPrice *price = g_ptr_array_index (offer->prices,
                                                                  line->price_index);
                  SkyDecimal amount = sky_decimal_from_scaled (price->amount, SKY_PRICE_SCALE);
                  g_autofree char *text = sky_decimal_to_string (amount);

                  note_error (book, worksheet_write_number (sheet.sheet, row, LINES_UNIT_PRICE,
                                                            cell_number (amount), book->price));
                  fit (&sheet, LINES_UNIT_PRICE, strlen (text) + strlen (book->currency) + 3);
                }
            }
          if (line->status == SKY_LINE_PRICED)
            {
              put_money (book, &sheet, row, LINES_MONTHLY, line->monthly, book->money);
              put_money (book, &sheet, row, LINES_UPFRONT, line->upfront, book->money);
            }
          put_text (book, &sheet, row, LINES_REASON, line_reason (line), NULL);
        }
      /* The provider's total: the sum of its priced lines, as the estimate's. */
      put_text (book, &sheet, row, LINES_PROVIDER, p->provider_short_name, book->bold);
      put_text (book, &sheet, row, LINES_LINE, _("Total"), book->bold);
      if (row > first)
        {
          g_autofree char *monthly = sum_formula (NULL, LINES_MONTHLY, first, row - 1);
          g_autofree char *upfront = sum_formula (NULL, LINES_UPFRONT, first, row - 1);

          put_formula (book, &sheet, row, LINES_MONTHLY, monthly, p->monthly, book->money_bold);
          put_formula (book, &sheet, row, LINES_UPFRONT, upfront, p->upfront, book->money_bold);
        }
      g_array_append_val (total_rows, row);
      row += 2;
    }
  sheet_finish (&sheet);
  sheet_clear (&sheet);
}

/* The Monthly sheet's columns before the months. */
enum
{
  MONTHLY_PROVIDER,
  MONTHLY_LINE,
  MONTHLY_GROUP,
  MONTHLY_FIRST,
};

/* Writes one row of @months: figures, then their sum. */
static gboolean
write_month_row (Book                *book,
                 Sheet               *sheet,
                 const SkyProjection *projection,
                 guint                row,
                 const SkyDecimal    *months,
                 lxw_format          *format)
{
  SkyDecimal total = sky_decimal_from_int (0);
  g_autofree char *sum = sum_row_formula (NULL, row, MONTHLY_FIRST,
                                          MONTHLY_FIRST + projection->months - 1);

  for (guint m = 0; m < projection->months; m++)
    {
      put_money (book, sheet, row, MONTHLY_FIRST + m, months[m], format);
      if (!sky_decimal_add (total, months[m], &total))
        return FALSE;
    }
  put_formula (book, sheet, row, MONTHLY_FIRST + projection->months, sum, total, format);
  return TRUE;
}

/* Writes each provider's lines month by month, its cash total as the sum of its lines, then
 * its amortised total and its low and high estimates. The months' headers are their calendar
 * months when @scenario has a start month: dates (the month's first day) shown as "Jan 2027",
 * so that a spreadsheet sorts and filters them as dates; else "Month 1" …. The cash total's row
 * (from 0) goes to @total_rows. FALSE when a total is too large. */
static gboolean
write_monthly (Book                *book,
               const SkyScenario   *scenario,
               const SkyProjection *projection,
               GArray              *total_rows)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  Sheet sheet = { 0 };
  guint row = 1;
  gboolean ok = TRUE;

  g_ptr_array_add (headers, g_strdup (_("Provider")));
  g_ptr_array_add (headers, g_strdup (_("Line")));
  g_ptr_array_add (headers, g_strdup (_("Group")));
  for (guint m = 1; m <= projection->months; m++)
    /* Translators: a column of the spreadsheet's monthly figures; %u is 1, 2, … */
    g_ptr_array_add (headers, g_strdup_printf (_("Month %u"), m));
  g_ptr_array_add (headers, g_strdup (_("Total")));
  g_ptr_array_add (headers, NULL);
  if (!sheet_new (book, &sheet, MONTHLY_SHEET, (const char * const *) headers->pdata,
                  MONTHLY_FIRST))
    {
      sheet_clear (&sheet);
      return TRUE;
    }
  for (guint m = 1; m <= projection->months; m++)
    {
      g_autoptr(GDateTime) date = sky_scenario_month_date (scenario, m);
      lxw_datetime cell;

      if (date == NULL)
        continue;
      cell = (lxw_datetime) { .year = g_date_time_get_year (date),
                              .month = g_date_time_get_month (date), .day = 1 };
      note_error (book, worksheet_write_datetime (sheet.sheet, 0,
                                                  (lxw_col_t) (MONTHLY_FIRST + m - 1), &cell,
                                                  book->month_header));
      /* "Sep 2027": a month's abbreviation is three or four letters in most languages. */
      fit (&sheet, MONTHLY_FIRST + m - 1, 9);
    }
  for (guint i = 0; i < projection->providers->len && ok; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      guint first = row;
      struct { const char *label; const SkyDecimal *months; } extra[] = {
        { _("Amortised total"), p->total_amortised },
        { _("Low estimate"), p->low },
        { _("High estimate"), p->high },
      };

      for (guint l = 0; l < p->n_lines && ok; l++, row++)
        {
          put_text (book, &sheet, row, MONTHLY_PROVIDER, p->provider_short_name, NULL);
          put_text (book, &sheet, row, MONTHLY_LINE, g_ptr_array_index (p->labels, l), NULL);
          put_text (book, &sheet, row, MONTHLY_GROUP, g_ptr_array_index (p->groups, l), NULL);
          if (g_array_index (p->priced, gboolean, l))
            ok = write_month_row (book, &sheet, projection, row,
                                  &p->cash[l * projection->months], book->money);
          else
            put_text (book, &sheet, row, MONTHLY_FIRST + projection->months, _("Not priced"),
                      NULL);
        }
      /* The cash total, month by month, as the sum of the lines above it. */
      put_text (book, &sheet, row, MONTHLY_PROVIDER, p->provider_short_name, book->bold);
      put_text (book, &sheet, row, MONTHLY_LINE, _("Total"), book->bold);
      for (guint m = 0; m <= projection->months && ok; m++)
        {
          SkyDecimal value = sky_decimal_from_int (0);
          g_autofree char *sum = NULL;

          if (m < projection->months)
            value = p->total_cash[m];
          else
            for (guint k = 0; k < projection->months && ok; k++)
              ok = sky_decimal_add (value, p->total_cash[k], &value);
          sum = row > first ? sum_formula (NULL, MONTHLY_FIRST + m, first, row - 1)
                            : g_strdup ("=0");
          put_formula (book, &sheet, row, MONTHLY_FIRST + m, sum, value, book->money_bold);
        }
      g_array_append_val (total_rows, row);
      row++;
      for (guint e = 0; e < G_N_ELEMENTS (extra) && ok; e++, row++)
        {
          put_text (book, &sheet, row, MONTHLY_PROVIDER, p->provider_short_name, NULL);
          put_text (book, &sheet, row, MONTHLY_LINE, extra[e].label, NULL);
          ok = write_month_row (book, &sheet, projection, row, extra[e].months, book->money);
        }
      row++;
    }
  sheet_finish (&sheet);
  sheet_clear (&sheet);
  return ok;
}

/* The Summary sheet's columns. */
enum
{
  SUMMARY_PROVIDER,
  SUMMARY_MONTHLY,
  SUMMARY_UPFRONT,
  SUMMARY_FIRST_YEAR,
  SUMMARY_TERM,
  SUMMARY_COMPLETE,
  SUMMARY_CHEAPEST,
  SUMMARY_BUDGET,
  SUMMARY_PRICES_AS_OF,
  SUMMARY_SHEETS,
};

/* The place of provider @id in @estimate (its row in lines_totals), or -1. */
static int
estimate_index (const SkyEstimate *estimate,
                const char        *id)
{
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);

      if (g_strcmp0 (p->provider, id) == 0)
        return (int) i;
    }
  return -1;
}

static int
projection_index (const SkyProjection *projection,
                  const char          *id)
{
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);

      if (g_strcmp0 (p->provider, id) == 0)
        return (int) i;
    }
  return -1;
}

/* The Summary sheet, first in the workbook, with its headers: its rows are written once the
 * sheets they refer to are (write_summary()). */
static gboolean
summary_sheet_new (Book             *book,
                   Sheet            *sheet,
                   const SkySummary *summary)
{
  g_autofree char *term = g_strdup_printf (
    /* Translators: a column of the spreadsheet's summary; %u is a number of months. */
    g_dngettext (GETTEXT_PACKAGE, "Term total (%u month)", "Term total (%u months)",
                 summary->term_months), summary->term_months);
  const char * const headers[] = {
    _("Provider"), _("Monthly"), _("Upfront"), _("First year"), term, _("Every line priced"),
    _("Cheapest"), _("Budget"), _("Prices as of"), _("Price sheets"), NULL,
  };

  return sheet_new (book, sheet, SUMMARY_SHEET, headers, 1);
}

/* Each provider at a glance, in @sheet. Monthly and upfront refer to the Lines sheet's totals;
 * first year and term total sum the Monthly sheet's months when the projection covers them. */
static void
write_summary (Book                *book,
               Sheet               *summary_sheet,
               const SkyScenario   *scenario,
               const SkyEstimate   *estimate,
               const SkyProjection *projection,
               const SkySummary    *summary,
               GArray              *lines_totals,
               GArray              *monthly_totals)
{
  g_autofree char *title = NULL;
  g_autofree char *term = NULL;
  Sheet sheet = *summary_sheet;
  guint row = 1;

  for (guint i = 0; i < summary->providers->len; i++, row++)
    {
      const SkySummaryProvider *s = g_ptr_array_index (summary->providers, i);
      int lines_index = estimate_index (estimate, s->provider);
      const SkyEstimateProvider *e = lines_index >= 0
                                     ? g_ptr_array_index (estimate->providers, lines_index)
                                     : NULL;
      int index = projection_index (projection, s->provider);
      /* "Over from September 2028" when the scenario has a start month. */
      g_autofree char *verdict = sky_summary_verdict_calendar_text (summary, s, scenario);
      g_autofree char *sheets = e != NULL ? sky_estimate_provider_sheets (e) : NULL;

      put_text (book, &sheet, row, SUMMARY_PROVIDER, s->provider_name, NULL);
      if (e != NULL && (guint) lines_index < lines_totals->len)
        {
          char cell[LXW_MAX_CELL_NAME_LENGTH];
          g_autofree char *monthly = NULL, *upfront = NULL;
          guint total_row = g_array_index (lines_totals, guint, lines_index);

          g_autofree char *lines = sheet_reference (LINES_SHEET);

          lxw_rowcol_to_cell (cell, total_row, LINES_MONTHLY);
          monthly = g_strdup_printf ("=%s%s", lines, cell);
          lxw_rowcol_to_cell (cell, total_row, LINES_UPFRONT);
          upfront = g_strdup_printf ("=%s%s", lines, cell);
          put_formula (book, &sheet, row, SUMMARY_MONTHLY, monthly, s->monthly, book->money);
          put_formula (book, &sheet, row, SUMMARY_UPFRONT, upfront, s->upfront, book->money);
        }
      else
        {
          put_money (book, &sheet, row, SUMMARY_MONTHLY, s->monthly, book->money);
          put_money (book, &sheet, row, SUMMARY_UPFRONT, s->upfront, book->money);
        }
      if (index >= 0 && (guint) index < monthly_totals->len && projection->months >= 12)
        {
          guint total_row = g_array_index (monthly_totals, guint, index);
          g_autofree char *year = sum_row_formula (MONTHLY_SHEET, total_row, MONTHLY_FIRST,
                                                   MONTHLY_FIRST + 11);

          put_formula (book, &sheet, row, SUMMARY_FIRST_YEAR, year, s->first_year, book->money);
        }
      else
        put_money (book, &sheet, row, SUMMARY_FIRST_YEAR, s->first_year, book->money);
      if (index >= 0 && (guint) index < monthly_totals->len &&
          summary->term_months <= projection->months)
        {
          guint total_row = g_array_index (monthly_totals, guint, index);
          g_autofree char *sum = sum_row_formula (MONTHLY_SHEET, total_row, MONTHLY_FIRST,
                                                  MONTHLY_FIRST + summary->term_months - 1);

          put_formula (book, &sheet, row, SUMMARY_TERM, sum, s->term_total, book->money);
        }
      else
        put_money (book, &sheet, row, SUMMARY_TERM, s->term_total, book->money);
      put_text (book, &sheet, row, SUMMARY_COMPLETE, s->complete ? _("Yes") : _("No"), NULL);
      put_text (book, &sheet, row, SUMMARY_CHEAPEST, s->cheapest ? _("Yes") : NULL, NULL);
      put_text (book, &sheet, row, SUMMARY_BUDGET, verdict, NULL);
      put_text (book, &sheet, row, SUMMARY_PRICES_AS_OF, s->prices_as_of, NULL);
      put_text (book, &sheet, row, SUMMARY_SHEETS, sheets, NULL);
    }
  /* What the figures are, below the table. */
  term = sky_summary_term_text (summary);
  title = g_strdup_printf (
    /* Translators: below the spreadsheet's summary; the scenario's name, the term, the
     * currency. */
    _("%s: %s, in %s"), scenario->name, term, scenario->currency);
  note_error (book, worksheet_write_string (sheet.sheet, row + 1, 0, title, NULL));
  sheet_finish (&sheet);
  *summary_sheet = sheet;
}

static void
write_assumptions (Book                *book,
                   const SkyScenario   *scenario,
                   const SkyProjection *projection,
                   const SkyEstimate   *estimate)
{
  const char * const headers[] = { _("Assumption"), _("Value"), NULL };
  g_autoptr(GPtrArray) pairs = sky_report_assumptions (scenario, projection, estimate);
  Sheet sheet = { 0 };

  if (!sheet_new (book, &sheet, ASSUMPTIONS_SHEET, headers, 0))
    {
      sheet_clear (&sheet);
      return;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const SkyReportPair *p = g_ptr_array_index (pairs, i);
      SkyDecimal value;

      put_text (book, &sheet, i + 1, 0, p->key, NULL);
      if (p->number && sky_decimal_parse (p->value, SKY_DECIMAL_MAX_SCALE, TRUE, &value, NULL))
        put_number (book, &sheet, i + 1, 1, value, book->number);
      else
        put_text (book, &sheet, i + 1, 1, p->value, NULL);
    }
  sheet_finish (&sheet);
  sheet_clear (&sheet);
}

/* '#,##0.00 "USD"': grouped, the currency's digits (or @min to @max fraction digits), the
 * code after the figure. The reader's spreadsheet shows its own separators. */
static char *
money_format (const char *currency,
              guint       min,
              guint       max)
{
  GString *format = g_string_new ("#,##0");

  if (max > 0)
    {
      g_string_append_c (format, '.');
      for (guint i = 0; i < max; i++)
        g_string_append_c (format, i < min ? '0' : '#');
    }
  g_string_append_printf (format, " \"%s\"", currency);
  return g_string_free (format, FALSE);
}

static void
book_formats (Book *book)
{
  g_autofree char *money = money_format (book->currency, book->digits, book->digits);
  g_autofree char *price = money_format (book->currency, book->digits, SKY_PRICE_SCALE);

  book->header = workbook_add_format (book->book);
  format_set_bold (book->header);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  book->month_header = workbook_add_format (book->book);
  format_set_bold (book->month_header);
  format_set_bottom (book->month_header, LXW_BORDER_THIN);
  format_set_num_format (book->month_header, "mmm yyyy");
  book->bold = workbook_add_format (book->book);
  format_set_bold (book->bold);
  book->money = workbook_add_format (book->book);
  format_set_num_format (book->money, money);
  book->money_bold = workbook_add_format (book->book);
  format_set_num_format (book->money_bold, money);
  format_set_bold (book->money_bold);
  book->price = workbook_add_format (book->book);
  format_set_num_format (book->price, price);
  book->number = workbook_add_format (book->book);
  format_set_num_format (book->number, "#,##0.##########");
}

/* Writes the workbook to @tmp_path. libxlsxwriter writes numbers with the C library's printf,
 * which follows LC_NUMERIC: the calling thread uses the C locale's numbers while it writes. */
static gboolean
write_book (const char          *tmp_path,
            const SkyScenario   *scenario,
            const SkyEstimate   *estimate,
            const SkyProjection *projection,
            const SkySummary    *summary,
            GError             **error)
{
  lxw_workbook_options options = { .tmpdir = (char *) g_get_tmp_dir () };
  /* Only the numbers are C's: from a base of 0 every other category would be too, and the
   * workbook's texts would not be translated. */
  locale_t base = duplocale (LC_GLOBAL_LOCALE);
  locale_t c_numbers = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base)
                                            : (locale_t) 0;
  locale_t previous;
  g_autoptr(GArray) lines_totals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) monthly_totals = g_array_new (FALSE, FALSE, sizeof (guint));
  Sheet summary_sheet = { 0 };
  Book book = { 0 };
  lxw_error closed;
  gboolean ok = TRUE;

  if (c_numbers == (locale_t) 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (errno));
      if (base != (locale_t) 0)
        freelocale (base);
      return FALSE;
    }
  previous = uselocale (c_numbers);
  book.book = workbook_new_opt (tmp_path, &options);
  if (book.book == NULL)
    {
      uselocale (previous);
      freelocale (c_numbers);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot start a workbook in %s"),
                   g_get_tmp_dir ());
      return FALSE;
    }
  book.currency = scenario->currency;
  if (!sky_currency_lookup (scenario->currency, &book.digits))
    book.digits = 2;
  book_formats (&book);
  /* The summary comes first in the workbook, and is written last: its formulas name the rows
   * of the other sheets. */
  if (summary_sheet_new (&book, &summary_sheet, summary))
    {
      ok = write_monthly (&book, scenario, projection, monthly_totals);
      write_lines (&book, estimate, lines_totals);
      write_assumptions (&book, scenario, projection, estimate);
      write_summary (&book, &summary_sheet, scenario, estimate, projection, summary,
                     lines_totals, monthly_totals);
    }
  sheet_clear (&summary_sheet);
  closed = workbook_close (book.book);
  uselocale (previous);
  freelocale (c_numbers);

  if (!ok)
    {
      sky_projection_set_overflow_error (error);
      return FALSE;
    }
  if (book.failed != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    {
      /* Translators: %s is libxlsxwriter's reason. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the workbook: %s"),
                   lxw_strerror (book.failed != LXW_NO_ERROR ? book.failed : closed));
      return FALSE;
    }
  return TRUE;
}

/* Writes @scenario's figures as an XLSX workbook to @path, through the safe writer: the file is
 * replaced whole or not at all. */
gboolean
sky_report_write_xlsx (const SkyScenario   *scenario,
                       const SkyEstimate   *estimate,
                       const SkyProjection *projection,
                       const SkySummary    *summary,
                       const char          *path,
                       GError             **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (scenario != NULL && estimate != NULL, FALSE);
  g_return_val_if_fail (projection != NULL && summary != NULL && path != NULL, FALSE);

  /* libxlsxwriter writes to a file of its own; the workbook is made there, then put in place
   * as every export is. */
  fd = g_file_open_tmp ("skytally-XXXXXX.xlsx", &tmp_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  ok = write_book (tmp_path, scenario, estimate, projection, summary, error) &&
       g_file_get_contents (tmp_path, &data, &length, error) &&
       sky_file_write_contents (path, data, (gssize) length, SKY_FILE_WRITE_DEFAULT, error);
  g_unlink (tmp_path);
  return ok;
}
