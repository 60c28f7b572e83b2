/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-report-pdf"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "sky-availability-chart.h"
#include "sky-chart.h"
#include "sky-currency.h"
#include "sky-file-writer.h"
#include "sky-report-pdf.h"
#include "sky-vocabulary.h"

/* A comparison report to read or print: the scenario, its providers side by side, the
 * projection drawn month by month against the budget with its low-high band, and the
 * trade-off ranking. A4, drawn with cairo, its text set with Pango. */

#define PAGE_WIDTH 595.0
#define PAGE_HEIGHT 842.0
#define MARGIN 48.0

typedef struct
{
  cairo_t *cr;
  double   y;
} Pen;

static double
text (Pen        *pen,
      const char *markup_or_text,
      gboolean    markup,
      double      x,
      double      width,
      const char *font,
      PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (markup)
    pango_layout_set_markup (layout, markup_or_text, -1);
  else
    pango_layout_set_text (layout, markup_or_text, -1);
  cairo_move_to (pen->cr, x, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pango_layout_get_size (layout, &w, &h);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

static void
line_of_text (Pen        *pen,
              const char *s,
              const char *font)
{
  pen->y += text (pen, s, FALSE, MARGIN, PAGE_WIDTH - 2 * MARGIN, font, PANGO_ALIGN_LEFT) + 4;
}

static void
new_page_if (Pen    *pen,
             double  needed)
{
  if (pen->y + needed > PAGE_HEIGHT - MARGIN)
    {
      cairo_show_page (pen->cr);
      pen->y = MARGIN;
    }
}

/* A table row: the first column wide and left, the others right-aligned. */
static void
table_row (Pen          *pen,
           const char  **cells,
           guint         n,
           gboolean      bold)
{
  double first = 160, rest = (PAGE_WIDTH - 2 * MARGIN - first) / MAX (n - 1, 1);
  const char *font = bold ? "Sans Bold 8" : "Sans 8";
  double height = 0;

  new_page_if (pen, 14);
  for (guint i = 0; i < n; i++)
    {
      double h = text (pen, cells[i] != NULL ? cells[i] : "", FALSE,
                       i == 0 ? MARGIN : MARGIN + first + (i - 1) * rest,
                       i == 0 ? first - 6 : rest - 6, font,
                       i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      height = MAX (height, h);
    }
  pen->y += height + 3;
}

/* How old each provider's prices are, one line each, then the estimate's notices. */
static void
prices_freshness (Pen               *pen,
                  const SkyEstimate *e)
{
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      g_autofree char *fresh = sky_estimate_provider_freshness (e, p);
      g_autofree char *line = NULL;

      if (fresh == NULL)
        continue;
      /* Translators: a provider's name, the age of its prices ("Prices as of 2025-06-01 (18
       * months old)"), then the threshold in days. */
      line = p->stale ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s, older than %u day",
                                                      "%s: %s, older than %u days",
                                                      e->stale_after_days),
                                         p->provider_name, fresh, e->stale_after_days)
                      : g_strdup_printf ("%s: %s", p->provider_name, fresh);
      line_of_text (pen, line, "Sans 9");
    }
  for (guint i = 0; i < e->notices->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("⚠ Notice: %s"),
                                               (const char *) g_ptr_array_index (e->notices, i));
      line_of_text (pen, line, "Sans Bold 9");
    }
}

/* The summary at the head of the report: per provider its monthly, upfront, first-year and
 * term totals, whether it prices every line, its budget verdict, ★ for the cheapest. */
static void
summary_row (Pen         *pen,
             const char **cells,
             gboolean     bold)
{
  /* Seven columns in the page's width, the verdict the widest (it may wrap), in smaller text
   * than the other tables' so that the figures and headings fit. */
  static const double widths[] = { 96, 50, 50, 56, 60, 58, 129 };
  const char *font = bold ? "Sans Bold 7" : "Sans 7";
  double x = MARGIN, height = 0;

  new_page_if (pen, 14);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      gboolean left = i == 0 || i >= 5;
      double h = text (pen, cells[i] != NULL ? cells[i] : "", FALSE, x + (left && i > 0 ? 6 : 0),
                       widths[i] - 6, font, left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);

      height = MAX (height, h);
      x += widths[i];
    }
  pen->y += height + 3;
}

static void
summary_table (Pen               *pen,
               const SkySummary  *summary,
               const SkyScenario *scenario)
{
  const char *headings[] = { _("Provider"), _("Monthly"), _("Upfront"), _("First year"),
                             _("Term total"), _("Complete"), _("Budget") };
  g_autofree char *term = sky_summary_term_text (summary);
  /* Translators: the term ("3 years"), then a currency code. */
  g_autofree char *title = g_strdup_printf (_("Summary over %s, in %s"), term,
                                            summary->currency);

  line_of_text (pen, title, "Sans Bold 13");
  summary_row (pen, headings, TRUE);
  for (guint i = 0; i < summary->providers->len; i++)
    {
      const SkySummaryProvider *p = g_ptr_array_index (summary->providers, i);
      g_autofree char *name = g_strdup_printf ("%s%s", p->provider_name,
                                               p->cheapest ? " ★" : "");
      g_autofree char *monthly = sky_currency_format_display (summary->currency, p->monthly);
      g_autofree char *upfront = sky_currency_format_display (summary->currency, p->upfront);
      g_autofree char *first_year = sky_currency_format_display (summary->currency, p->first_year);
      g_autofree char *term_total = sky_currency_format_display (summary->currency, p->term_total);
      /* Translators: whether a provider prices every line, in the summary's Complete column. */
      g_autofree char *complete = p->complete ? g_strdup (C_("complete", "yes"))
                                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                              "%u not priced",
                                                                              "%u not priced",
                                                                              p->n_unpriced),
                                                                 p->n_unpriced);
      /* A month the verdict names is the calendar month, as on the cards, when the scenario
       * says when it starts. */
      g_autofree char *verdict = sky_summary_verdict_calendar_display (summary, p, scenario);
      const char *cells[] = { name, monthly, upfront, first_year, term_total, complete,
                              verdict };

      summary_row (pen, cells, FALSE);
    }
  {
    g_autofree char *note = NULL;

    if (summary->n_cheapest > 1)
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "★ marks the %u provider that prices every line and "
                                           "ties as the cheapest over the term.",
                                           "★ marks the %u providers that price every line and "
                                           "tie as the cheapest over the term.",
                                           summary->n_cheapest), summary->n_cheapest);
    else if (summary->n_cheapest == 1)
      note = g_strdup (_("★ marks the cheapest of the providers that price every line, over the "
                         "term; the first year and the term are the projection's cash, upfront "
                         "fees included."));
    else
      note = g_strdup (_("No provider prices every line, so none is called the cheapest."));
    pen->y += 2;
    line_of_text (pen, note, "Sans Italic 8");
  }
}

static void
providers_side_by_side (Pen               *pen,
                        const SkyScenario *s,
                        const SkyEstimate *e)
{
  guint n = e->providers->len + 1;
  g_autofree const char **cells = g_new0 (const char *, n);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  int cheapest = sky_estimate_cheapest_complete (e);

  line_of_text (pen, _("The providers side by side"), "Sans Bold 13");
  cells[0] = "";
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      /* Translators: a provider's short name, marked as one that does not price every line. */
      g_autofree char *incomplete = g_strdup_printf (_("%s (incomplete)"),
                                                     p->provider_short_name);
      char *name = g_strdup_printf ("%s%s", sky_estimate_provider_complete (p)
                                            ? p->provider_short_name : incomplete,
                                    (int) i == cheapest ? " ★" : "");
      g_ptr_array_add (keep, name);
      cells[i + 1] = name;
    }
  table_row (pen, cells, n, TRUE);

  for (guint l = 0; l < s->lines->len; l++)
    {
      cells[0] = ((SkyScenarioLine *) g_ptr_array_index (s->lines, l))->label;
      for (guint i = 0; i < e->providers->len; i++)
        {
          SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
          SkyEstimateLine *el = g_ptr_array_index (p->lines, l);
          char *cell = el->status == SKY_LINE_PRICED ? sky_currency_format_display (e->currency,
                                                                                   el->monthly)
                                                     : g_strdup (_("no match"));
          g_ptr_array_add (keep, cell);
          cells[i + 1] = cell;
        }
      table_row (pen, cells, n, FALSE);
    }

  {
    const char *labels[] = { _("Total a month"), _("With upfront fees spread"), _("Upfront"),
                             _("First year"), C_("a total", "Term") };
    for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
      {
        cells[0] = labels[k];
        for (guint i = 0; i < e->providers->len; i++)
          {
            SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
            SkyDecimal v = k == 0 ? p->monthly : k == 1 ? p->effective_monthly
                           : k == 2 ? p->upfront : k == 3 ? p->yearly : p->term_total;
            char *cell = sky_currency_format_display (e->currency, v);
            g_ptr_array_add (keep, cell);
            cells[i + 1] = cell;
          }
        table_row (pen, cells, n, k == 0);
      }
  }
  {
    /* Translators: a currency code, then the term in months; “no match” is the text the
     * table shows for a line a provider cannot price. */
    g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Figures in %s a month, rounded once "
                                                          "per line; the term is %u month. "
                                                          "Lines a provider cannot price show "
                                                          "“no match” and are left out of its "
                                                          "totals: such a provider is "
                                                          "incomplete and not compared. ★ marks "
                                                          "the cheapest of the providers that "
                                                          "price every line, with upfront fees "
                                                          "spread.",
                                                          "Figures in %s a month, rounded once "
                                                          "per line; the term is %u months. "
                                                          "Lines a provider cannot price show "
                                                          "“no match” and are left out of its "
                                                          "totals: such a provider is "
                                                          "incomplete and not compared. ★ marks "
                                                          "the cheapest of the providers that "
                                                          "price every line, with upfront fees "
                                                          "spread.", e->term_months),
                                             e->currency, e->term_months);
    pen->y += 4;
    line_of_text (pen, note, "Sans Italic 8");
  }
}

/* Each provider's cash total month by month, its low-high band, and the monthly budget, with
 * its first year's cash (@first_year, per provider) in the legend. */
static void
projection_chart (Pen                 *pen,
                  const SkyScenario   *s,
                  const SkyProjection *projection,
                  const SkyDecimal    *first_year)
{
  static const SkyChartStyle style = {
    .foreground = { 0.3, 0.3, 0.3, 1 },
    .grid = { 0.85, 0.85, 0.85, 1 },
    .budget = { 0.75, 0.11, 0.16, 1 },
    .line_width = 1.5,
    .font = "Sans 6",
  };
  SkyChartData data = {
    .projection = projection,
    .has_budget = s->budget != NULL && s->budget->has_monthly,
    .budget = s->budget != NULL ? s->budget->monthly : sky_decimal_from_int (0),
    .value_title = projection->currency,
    /* With a start month, the months along the bottom are calendar months ("Jan 2027"). */
    .start_year = sky_scenario_has_calendar (s) ? s->start_year : 0,
    .start_month = sky_scenario_has_calendar (s) ? s->start_month : 0,
  };
  cairo_t *cr = pen->cr;
  PangoContext *context;
  double h = 260;
  guint M = projection->months;

  data.month_title = _("Month");
  data.upfront_label = _("Upfront fee");
  new_page_if (pen, h + 120);
  line_of_text (pen, _("The projection"), "Sans Bold 13");
  {
    /* Translators: the number of months, then a currency code. */
    g_autofree char *sub = s->budget != NULL && s->budget->has_monthly
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Cash paid each month over %u month, in %s: a line per "
                                      "provider, its low-high range shaded, upfront fees as "
                                      "marks of their own above their month, the monthly "
                                      "budget dashed.",
                                      "Cash paid each month over %u months, in %s: a line per "
                                      "provider, its low-high range shaded, upfront fees as "
                                      "marks of their own above their month, the monthly "
                                      "budget dashed.", M), M, projection->currency)
      /* Translators: the number of months, then a currency code. */
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Cash paid each month over %u month, in %s: a line per "
                                      "provider, its low-high range shaded, upfront fees as "
                                      "marks of their own above their month.",
                                      "Cash paid each month over %u months, in %s: a line per "
                                      "provider, its low-high range shaded, upfront fees as "
                                      "marks of their own above their month.", M),
                         M, projection->currency);
    line_of_text (pen, sub, "Sans 8");
  }
  cairo_save (cr);
  cairo_translate (cr, MARGIN, pen->y + 4);
  context = pango_cairo_create_context (cr);
  sky_chart_draw (cr, context, PAGE_WIDTH - 2 * MARGIN, h, &style, &data);
  g_object_unref (context);
  cairo_restore (cr);
  pen->y += 4 + h + 8;
  /* The legend, with each provider's budget status in words. */
  for (guint i = 0; i < projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
      const SkyChartColour *c = sky_chart_series_colour (&style, i);
      g_autofree char *year1 = sky_currency_format_display (projection->currency,
                                                                   first_year[i]);
      g_autoptr(GString) words = g_string_new (NULL);

      if (sky_projection_complete (p))
        /* Translators: a provider's name, then an amount of money. */
        g_string_append_printf (words, _("%s: %s in the first year"), p->provider_name, year1);
      else
        /* Translators: a provider's name, then an amount of money. */
        g_string_append_printf (words, _("%s (incomplete): %s in the first year for the lines "
                                         "it prices"), p->provider_name, year1);
      if (s->budget != NULL && s->budget->has_monthly)
        {
          if (p->first_month_over > 0)
            {
              g_autoptr(GDateTime) date = sky_scenario_month_date (s, p->first_month_over);
              g_autofree char *when = date != NULL ? g_date_time_format (date, " (%b %Y)")
                                                   : NULL;

              g_string_append_printf (words, _("; over the monthly budget from month %u"),
                                      p->first_month_over);
              if (when != NULL)
                g_string_append (words, when);
            }
          else if (!sky_projection_complete (p))
            g_string_append (words, _("; cannot be judged against the monthly budget"));
          else
            g_string_append (words, _("; within the monthly budget throughout"));
        }
      {
        guint unpriced = sky_projection_unpriced (p);

        /* Figures that leave lines out are not comparable with the others. */
        if (unpriced > 0)
          g_string_append_printf (words, g_dngettext (GETTEXT_PACKAGE,
                                                      "; leaves out %u line it cannot price",
                                                      "; leaves out %u lines it cannot price",
                                                      unpriced), unpriced);
      }
      cairo_set_source_rgb (cr, c->red, c->green, c->blue);
      cairo_rectangle (cr, MARGIN, pen->y + 3, 8, 8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pen->y += text (pen, words->str, FALSE, MARGIN + 14, PAGE_WIDTH - 2 * MARGIN - 14, "Sans 8",
                      PANGO_ALIGN_LEFT) + 3;
    }
}

static void
ranking (Pen              *pen,
         const SkyScoring *scoring)
{
  const char *cells[4];
  /* Translators: "Front" heads the column marking the options no other beats on both cost and
   * score (the Pareto front). */
  const char *head[] = { _("Option"), _("Score"), _("Cost"), _("Front") };

  new_page_if (pen, 80);
  pen->y += 10;
  line_of_text (pen, _("The trade-off ranking"), "Sans Bold 13");
  table_row (pen, head, 4, TRUE);
  for (guint r = 0; r < scoring->order->len; r++)
    {
      SkyScoredOption *o = g_ptr_array_index (scoring->options, g_array_index (scoring->order,
                                                                                guint, r));
      g_autofree char *label = g_strdup_printf ("%u. %s (%s)", o->rank, o->name, o->label);
      g_autofree char *score = g_strdup_printf ("%.1f", o->score);
      g_autofree char *cost = sky_currency_format_display (scoring->currency, o->cost);
      g_autofree char *cost_text =
        /* Translators: an amount of money, then a unit ("Hour", "Month"). */
        g_strdup_printf (_("%s a %s"), cost, sky_vocabulary_title (SKY_VOCABULARY_UNIT,
                                                                   o->cost_unit));

      cells[0] = label;
      cells[1] = score;
      cells[2] = cost_text;
      /* Translators: in the Front column, an option on the front. */
      cells[3] = o->pareto ? C_("front", "yes") : "";
      table_row (pen, cells, 4, r == 0);
    }
  pen->y += 4;
  line_of_text (pen, _("Scores run from 0 to 100 by the scenario's weighted criteria; “front” "
                       "marks the options no other beats on both cost and score."),
                "Sans Italic 8");
}

/* A paragraph of @markup, on the next page when it does not fit on this one. */
static void paragraph (Pen        *pen,
                       const char *markup,
                       const char *font);

/* Per provider the scenario's availability as written, its downtime, its verdict against the
 * required availability, the arithmetic, and the cheapest way to reach the requirement step by
 * step; the chart of cost against availability when the page has room for it. */
static void
availability_section (Pen                         *pen,
                      const SkyAvailabilityReport *report)
{
  static const SkyChartStyle style = {
    .foreground = { 0.3, 0.3, 0.3, 1 },
    .grid = { 0.85, 0.85, 0.85, 1 },
    .budget = { 0.75, 0.11, 0.16, 1 },
    .line_width = 1.5,
    .font = "Sans 6",
  };
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (SkyAvailabilitySeries));
  g_autofree char *cost_title = g_strdup_printf (_("%s a month"), report->currency);
  g_autofree char *required_label = report->has_required
                                    ? g_strdup_printf (_("Required: %s"), report->required_text)
                                    : NULL;
  SkyAvailabilityChartData data = { 0 };
  guint n_points = 0;
  double h = 220;

  new_page_if (pen, 120);
  pen->y += 10;
  line_of_text (pen, _("Availability"), "Sans Bold 13");
  {
    g_autofree char *about = report->has_required
      /* Translators: the required availability, in the report's availability section. */
      ? g_strdup_printf (_("The scenario requires %s. Each provider's availability is the "
                           "product of the published SLAs of its parts as deployed; a part in "
                           "several regions combines as 1 − (1 − a)^N, implied by the SLAs "
                           "rather than published."), report->required_text)
      : g_strdup (_("The scenario requires no availability. Each provider's availability is "
                    "the product of the published SLAs of its parts as deployed; a part in "
                    "several regions combines as 1 − (1 − a)^N, implied by the SLAs rather "
                    "than published."));
    line_of_text (pen, about, "Sans 8");
  }
  for (guint i = 0; i < report->providers->len; i++)
    {
      const SkyAvailabilityReportProvider *p = g_ptr_array_index (report->providers, i);
      SkyAvailabilitySeries s = { p->name, (const SkyAvailabilityPoint *) p->points->data,
                                  p->points->len };
      g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>: %s", p->name, p->summary);

      g_array_append_val (series, s);
      n_points += p->points->len;
      new_page_if (pen, 40);
      pen->y += 4;
      paragraph (pen, head, "Sans 9");
      if (p->verdict_text != NULL)
        {
          g_autofree char *verdict = p->reach != NULL
            ? g_markup_printf_escaped ("<b>%s</b>. %s", p->verdict_text, p->reach)
            : g_markup_printf_escaped ("<b>%s</b>", p->verdict_text);

          paragraph (pen, verdict, "Sans 8");
        }
      for (guint k = 0; k < p->steps->len; k++)
        {
          g_autofree char *step = g_markup_printf_escaped ("• %s", (const char *)
                                                           g_ptr_array_index (p->steps, k));

          paragraph (pen, step, "Sans 8");
        }
      {
        g_autofree char *how = g_markup_escape_text (p->explanation, -1);

        paragraph (pen, how, "Sans 7");
      }
    }
  if (n_points == 0)
    return;
  data.series = (const SkyAvailabilitySeries *) series->data;
  data.n_series = series->len;
  data.has_required = report->has_required;
  data.required = report->required;
  data.required_label = required_label;
  data.written_label = _("As written");
  data.chosen_label = report->has_required ? _("Cheapest to reach the requirement") : NULL;
  data.cost_title = cost_title;
  data.percent_title = _("Availability");
  new_page_if (pen, h + 30);
  pen->y += 6;
  line_of_text (pen, _("Cost against availability"), "Sans Bold 10");
  {
    cairo_t *cr = pen->cr;
    PangoContext *context;

    cairo_save (cr);
    cairo_translate (cr, MARGIN, pen->y + 4);
    context = pango_cairo_create_context (cr);
    sky_availability_chart_draw (cr, context, PAGE_WIDTH - 2 * MARGIN, h, &style, &data, NULL);
    g_object_unref (context);
    cairo_restore (cr);
    pen->y += 4 + h + 8;
  }
}

/* A paragraph of @markup, on the next page when it does not fit on this one. */
static void
paragraph (Pen        *pen,
           const char *markup,
           const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_size (layout, &w, &h);
  new_page_if (pen, (double) h / PANGO_SCALE);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += (double) h / PANGO_SCALE + 3;
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* How each priced line's figure is worked out, provider by provider: the arithmetic the
 * window's line details show, its figures in the reader's locale, so that every figure of the
 * report can be checked by hand against its price sheet. */
static void
explanations (Pen               *pen,
              const SkyScenario *s,
              const SkyEstimate *e)
{
  new_page_if (pen, 80);
  pen->y += 10;
  line_of_text (pen, _("How each figure is worked out"), "Sans Bold 13");
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);

      new_page_if (pen, 40);
      pen->y += 4;
      line_of_text (pen, p->provider_name, "Sans Bold 10");
      for (guint l = 0; l < p->lines->len; l++)
        {
          SkyEstimateLine *el = g_ptr_array_index (p->lines, l);
          const char *label = ((SkyScenarioLine *) g_ptr_array_index (s->lines, l))->label;
          g_autofree char *why = NULL;
          g_autofree char *markup = NULL;

          if (el->status == SKY_LINE_PRICED && el->steps != NULL)
            why = sky_explain_line (p->provider_name,
                                    el->offer != NULL ? el->offer->sheet_version : NULL,
                                    el->steps, SKY_EXPLAIN_DISPLAY);
          else
            /* Translators: why a line is not priced. */
            why = g_strdup_printf (_("not priced: %s"), el->reason != NULL ? el->reason
                                                                           : _("no match"));
          markup = g_markup_printf_escaped ("<b>%s</b>: %s", label, why);
          paragraph (pen, markup, "Sans 8");
        }
    }
}

typedef struct
{
  SkyFileWrite *file;
  GError       *error;
} Output;

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Output *out = closure;

  if (out->error != NULL || !sky_file_write_append (out->file, data, length, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Writes the report of @scenario to @path, through the safe writer: the PDF is drawn into a
 * private temporary file, put in place when whole. @scoring may be NULL (no ranking). */
gboolean
sky_report_write_pdf (const SkyScenario   *scenario,
                      const SkyEstimate   *estimate,
                      const SkyProjection *projection,
                      const SkyScoring    *scoring,
                      const char          *path,
                      GError             **error)
{
  return sky_report_write_pdf_with_summary (scenario, estimate, projection, NULL, scoring, path,
                                            error);
}

/* As sky_report_write_pdf(), headed by @summary (when not NULL) after the scenario's
 * description. */
gboolean
sky_report_write_pdf_with_summary (const SkyScenario   *scenario,
                                   const SkyEstimate   *estimate,
                                   const SkyProjection *projection,
                                   const SkySummary    *summary,
                                   const SkyScoring    *scoring,
                                   const char          *path,
                                   GError             **error)
{
  return sky_report_write_pdf_full (scenario, estimate, projection, summary, scoring, NULL, path,
                                    error);
}

/* As sky_report_write_pdf_with_summary(), with a section on @availability (when not NULL)
 * after the trade-off ranking. */
gboolean
sky_report_write_pdf_full (const SkyScenario           *scenario,
                           const SkyEstimate           *estimate,
                           const SkyProjection         *projection,
                           const SkySummary            *summary,
                           const SkyScoring            *scoring,
                           const SkyAvailabilityReport *availability,
                           const char                  *path,
                           GError                     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Pen pen = { NULL, MARGIN };
  g_autofree SkyDecimal *first_year = g_new0 (SkyDecimal, projection->providers->len + 1);
  g_autoptr(SkyFileWrite) file = NULL;
  Output out = { NULL, NULL };

  /* Every figure is computed before the file is begun. */
  for (guint i = 0; i < projection->providers->len; i++)
    if (!sky_projection_year (g_ptr_array_index (projection->providers, i), projection->months,
                              1, &first_year[i]))
      {
        sky_projection_set_overflow_error (error);
        return FALSE;
      }

  file = sky_file_write_begin (path, SKY_FILE_WRITE_DEFAULT, error);
  if (file == NULL)
    return FALSE;
  out.file = file;
  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, &out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, scenario->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Skytally");
  cr = pen.cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  line_of_text (&pen, scenario->name, "Sans Bold 18");
  {
    g_autoptr(GString) about = g_string_new (NULL);
    g_autofree char *hours = sky_format_number (scenario->hours_per_month, 0);

    /* Translators: a currency code, then the hours a month the scenario counts (730). */
    g_string_append_printf (about, _("In %s, %s hours a month. Price sheets: "),
                            scenario->currency, hours);
    for (guint i = 0; i < estimate->providers->len; i++)
      {
        SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
        g_autofree char *sheets = sky_estimate_provider_sheets (p);

        g_string_append_printf (about, "%s%s %s", i > 0 ? ", " : "", p->provider_name,
                                sheets != NULL ? sheets : _("(none)"));
      }
    g_string_append (about, ".");
    for (guint i = 0; i < scenario->rates->len; i++)
      {
        SkyExchangeRate *r = g_ptr_array_index (scenario->rates, i);
        g_autofree char *rate = sky_format_number (r->rate, 0);
        g_string_append_printf (about, " 1 %s = %s %s (%s).", r->from, rate, r->to, r->date);
      }
    line_of_text (&pen, about->str, "Sans 9");
    prices_freshness (&pen, estimate);
    /* The summary is the answer: it comes before the scenario's notes. */
    if (summary != NULL)
      {
        pen.y += 10;
        summary_table (&pen, summary, scenario);
        pen.y += 6;
      }
    if (scenario->notes != NULL)
      line_of_text (&pen, scenario->notes, "Sans Italic 9");
  }
  pen.y += 10;
  providers_side_by_side (&pen, scenario, estimate);
  pen.y += 14;
  projection_chart (&pen, scenario, projection, first_year);
  if (scoring != NULL)
    ranking (&pen, scoring);
  if (availability != NULL)
    availability_section (&pen, availability);
  explanations (&pen, scenario, estimate);

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (out.error != NULL)
    {
      g_propagate_error (error, out.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return sky_file_write_commit (file, error);
}
