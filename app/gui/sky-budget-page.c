/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-budget-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-budget-page.h"
#include "sky-chart.h"
#include "sky-currency.h"
#include "sky-freshness.h"
#include "sky-gui-util.h"
#include "sky-summary-cards.h"
#include "sky-index-item.h"
#include "sky-scenario-task.h"

/* The Budget page: the scenario month by month on one provider, stacked by group, with its
 * low-high range and the monthly budget, a table of the months, and a line that says plainly
 * whether and when each provider goes over budget. The projection runs in a worker thread on a
 * copy of the scenario. */
struct _SkyBudgetPage
{
  AdwBin           parent_instance;

  SkyScenarioDocument *document;
  SkyProjection   *projection;
  SkyScenario     *projected;     /* the copy the projection was made from, for its budget */
  guint            generation;
  gboolean         busy;
  gboolean         filling;
  GListStore      *rows;
  guint            stale_after_days;

  GtkLabel        *status_label;
  GtkBox          *notice_box;
  GtkLabel        *notice_label;
  GtkDropDown     *provider_dropdown;
  GtkEntry        *monthly_entry;
  GtkEntry        *yearly_entry;
  GtkSpinButton   *months_spin;
  GtkMenuButton   *start_button;         /* says the start month; opens its choices */
  GtkDropDown     *start_month_dropdown; /* none, then January to December */
  GtkSpinButton   *start_year_spin;
  GtkDrawingArea  *chart;
  GtkToggleButton *monthly_toggle;
  GtkToggleButton *cumulative_toggle;
  GtkToggleButton *cash_toggle;
  GtkToggleButton *amortised_toggle;
  GtkColumnView   *months_view;

  char            *chart_description;  /* what the chart tells a screen reader */
};

G_DEFINE_FINAL_TYPE (SkyBudgetPage, sky_budget_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_BUSY,
  PROP_STALE_AFTER_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The provider chosen, or NULL for all of them side by side (the first entry). */
static const SkyProjectionProvider *
shown_provider (SkyBudgetPage *self)
{
  guint i = gtk_drop_down_get_selected (self->provider_dropdown);

  if (self->projection == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION ||
      i > self->projection->providers->len)
    return NULL;
  return g_ptr_array_index (self->projection->providers, i - 1);
}

static gboolean
showing_all (SkyBudgetPage *self)
{
  return self->projection != NULL && self->projection->providers->len > 0 &&
         shown_provider (self) == NULL;
}

static char *
money (SkyBudgetPage *self,
       SkyDecimal     amount)
{
  return sky_currency_format_display (self->projection->currency, amount);
}

/* Says how many lines the provider's figures leave out, for want of a matching offer. */
static void
append_unpriced (GString                     *text,
                 const SkyProjectionProvider *p)
{
  guint unpriced = sky_projection_unpriced (p);

  if (unpriced > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               " (leaving out %u line it cannot price)",
                                               " (leaving out %u lines it cannot price)",
                                               unpriced), unpriced);
}

/* Each provider's budget status, in words. */
static char *
status_text (SkyBudgetPage *self)
{
  const SkyBudget *b = self->projected != NULL ? self->projected->budget : NULL;
  GString *text = g_string_new (NULL);

  if (self->projection == NULL)
    return g_string_free (text, FALSE);
  if (b == NULL || (!b->has_monthly && !b->has_yearly && b->group_caps->len == 0))
    {
      g_string_append (text, _("No budget is set: type a monthly or yearly cap to see whether "
                               "and when it is exceeded."));
      /* Figures that leave lines out are not comparable with the others: said plainly. */
      for (guint i = 0; i < self->projection->providers->len; i++)
        {
          const SkyProjectionProvider *p = g_ptr_array_index (self->projection->providers, i);
          guint unpriced = sky_projection_unpriced (p);

          if (unpriced > 0)
            /* Translators: a provider, and how many lines of the scenario it has no offer for. */
            g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                       "\n%s cannot price %u line: its figures "
                                                       "leave it out.",
                                                       "\n%s cannot price %u lines: its figures "
                                                       "leave them out.", unpriced),
                                    p->provider_name, unpriced);
        }
      return g_string_free (text, FALSE);
    }
  for (guint i = 0; i < self->projection->providers->len; i++)
    {
      const SkyProjectionProvider *p = g_ptr_array_index (self->projection->providers, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      if (b->has_monthly && p->first_month_over > 0)
        {
          /* With a start month, the calendar month too: "in month 6 (Aug 2027)". */
          g_autoptr(GDateTime) date = sky_scenario_month_date (self->projected,
                                                               p->first_month_over);
          g_autofree char *when = date != NULL ? g_date_time_format (date, " (%b %Y)") : NULL;

          /* Translators: a provider, and the first month over the monthly budget. */
          g_string_append_printf (text, _("%s goes over the monthly budget in month %u"),
                                  p->provider_name, p->first_month_over);
          if (when != NULL)
            g_string_append (text, when);
        }
      else if (b->has_monthly && !sky_projection_complete (p))
        /* Translators: a provider that cannot price every line and stays under the cap with
         * the lines it prices. */
        g_string_append_printf (text, _("%s cannot be judged against the monthly budget: "
                                        "not every line is priced"), p->provider_name);
      else if (b->has_monthly)
        g_string_append_printf (text, _("%s stays within the monthly budget every month"),
                                p->provider_name);
      else
        g_string_append (text, p->provider_name);
      if (b->has_yearly && p->first_year_over > 0)
        g_string_append_printf (text, _("; year %u is over the yearly budget"), p->first_year_over);
      else if (b->has_yearly && !sky_projection_complete (p))
        g_string_append (text, _("; it cannot be judged against the yearly budget"));
      else if (b->has_yearly)
        g_string_append (text, _("; every year is within the yearly budget"));
      for (guint c = 0; c < b->group_caps->len; c++)
        {
          const SkyGroupCap *cap = g_ptr_array_index (b->group_caps, c);
          guint first = g_array_index (p->group_first_over, guint, c);

          if (first > 0)
            /* Translators: a group of lines, and the first month over its own cap. */
            g_string_append_printf (text, _("; %s goes over its cap in month %u"), cap->group,
                                    first);
        }
      append_unpriced (text, p);
      g_string_append (text, ".");
    }
  return g_string_free (text, FALSE);
}

/* The month table --------------------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SkyBudgetPage            *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint m = sky_index_item_get_index (gtk_list_item_get_item (item));
  const SkyProjectionProvider *p = shown_provider (self);
  g_autofree char *text = NULL;

  if (self->projection == NULL || m >= self->projection->months)
    return;
  if (column >= 100)
    {
      /* All providers: this provider's cash in the month. */
      if ((guint) column - 100 >= self->projection->providers->len)
        return;
      p = g_ptr_array_index (self->projection->providers, column - 100);
      column = 1;
    }
  if (p == NULL && column != 0)
    return;
  switch (column)
    {
    case 0:
      {
        /* The calendar month, when the scenario has a start month: "Jan 2027". */
        g_autoptr(GDateTime) date = self->projected != NULL
                                    ? sky_scenario_month_date (self->projected, m + 1) : NULL;

        text = date != NULL ? g_date_time_format (date, "%b %Y") : g_strdup_printf ("%u", m + 1);
      }
      break;
    case 1:
      text = money (self, p->total_cash[m]);
      break;
    case 2:
      text = money (self, p->total_amortised[m]);
      break;
    case 3:
      text = money (self, p->low[m]);
      break;
    default:
      text = money (self, p->high[m]);
      break;
    }
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
  if (column == 1 && self->projected->budget != NULL && self->projected->budget->has_monthly &&
      sky_decimal_compare (p->total_cash[m], self->projected->budget->monthly) > 0)
    gtk_widget_add_css_class (gtk_list_item_get_child (item), "error");
  else
    gtk_widget_remove_css_class (gtk_list_item_get_child (item), "error");
}

static void
add_column (SkyBudgetPage *self,
            const char    *title,
            int            column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, column == 0 ? 100 : 160);
  gtk_column_view_append_column (self->months_view, view_column);
}

/* One provider: its cash, amortised, low and high figures. All of them: each one's cash. The
 * columns are made again only when their titles change. */
static void
set_columns (SkyBudgetPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->months_view);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  gboolean all = showing_all (self);
  gboolean same;

  g_ptr_array_add (titles, _("Month"));
  if (all)
    for (guint i = 0; i < self->projection->providers->len; i++)
      g_ptr_array_add (titles, ((SkyProjectionProvider *) g_ptr_array_index (
                                  self->projection->providers, i))->provider_short_name);
  else
    {
      g_ptr_array_add (titles, _("Cash"));
      g_ptr_array_add (titles, _("Amortised"));
      g_ptr_array_add (titles, _("Low"));
      g_ptr_array_add (titles, _("High"));
    }

  same = g_list_model_get_n_items (columns) == titles->len;
  for (guint i = 0; same && i < titles->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      same = g_strcmp0 (gtk_column_view_column_get_title (column),
                        g_ptr_array_index (titles, i)) == 0;
    }
  if (same)
    return;
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->months_view, column);
    }
  /* Column 0 is the month, 1 to 4 one provider's figures, 100 + i provider i's cash. */
  for (guint i = 0; i < titles->len; i++)
    add_column (self, g_ptr_array_index (titles, i), all && i > 0 ? 100 + (int) i - 1 : (int) i);
}

/* The chart ----------------------------------------------------------------------------------- */

/* What the chart shows: every provider side by side, a line of each one's months over its
 * low-high band, or one provider's months stacked by group; monthly or cumulative, cash or
 * amortised, as the toggles say. The names and the budget's label are kept in @names and
 * @budget_label for as long as @data is used. */
static gboolean
chart_data (SkyBudgetPage *self,
            SkyChartData  *data,
            GPtrArray     *names,
            char         **budget_label)
{
  const SkyProjectionProvider *p = shown_provider (self);
  const SkyBudget *budget = self->projected != NULL ? self->projected->budget : NULL;

  if (!showing_all (self) && p == NULL)
    return FALSE;
  if (p != NULL)
    {
      g_autoptr(GPtrArray) groups = sky_chart_groups (p);

      for (guint g = 0; g < groups->len; g++)
        {
          const char *group = g_ptr_array_index (groups, g);
          g_ptr_array_add (names, g_strdup (*group != '\0' ? group : _("No group")));
        }
    }
  else
    for (guint i = 0; i < self->projection->providers->len; i++)
      {
        const SkyProjectionProvider *q = g_ptr_array_index (self->projection->providers, i);

        g_ptr_array_add (names, sky_projection_unpriced (q) > 0
                                /* Translators: in the chart's legend, a provider whose
                                 * figures leave lines out. */
                                ? g_strdup_printf (_("%s (incomplete)"), q->provider_name)
                                : g_strdup (q->provider_name));
      }
  g_ptr_array_add (names, NULL);

  *data = (SkyChartData) { 0 };
  data->projection = self->projection;
  data->provider = p;
  data->names = (const char * const *) names->pdata;
  data->value_title = self->projection->currency;
  data->month_title = _("Month");
  if (self->projected != NULL && sky_scenario_has_calendar (self->projected))
    {
      data->start_year = self->projected->start_year;
      data->start_month = self->projected->start_month;
    }
  data->cumulative = gtk_toggle_button_get_active (self->cumulative_toggle);
  data->amortised = gtk_toggle_button_get_active (self->amortised_toggle);
  /* Translators: in the chart's legend, the mark of an upfront fee in the month it is paid. */
  data->upfront_label = _("Upfront fee");
  if (budget != NULL && budget->has_monthly)
    {
      g_autofree char *cap = money (self, budget->monthly);

      data->has_budget = TRUE;
      data->budget = budget->monthly;
      *budget_label = g_strdup_printf (_("Monthly budget %s"), cap);
      data->budget_label = *budget_label;
    }
  return TRUE;
}

/* The shared chart (sky-chart.c) in the theme's colours. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SkyBudgetPage *self = user_data;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *budget_label = NULL;
  SkyChartStyle style = {
    .line_width = 2.5,
  };
  SkyChartData data;
  GdkRGBA fg;

  if (!chart_data (self, &data, names, &budget_label))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  /* The budget's red, lighter on a dark background so that the dashes stay visible. */
  style.budget = adw_style_manager_get_dark (adw_style_manager_get_default ())
                 ? (SkyChartColour) { 0.96, 0.38, 0.32, 1 }
                 : (SkyChartColour) { 0.75, 0.11, 0.16, 1 };
  style.foreground = (SkyChartColour) { fg.red, fg.green, fg.blue, fg.alpha };
  style.grid = (SkyChartColour) { fg.red, fg.green, fg.blue, fg.alpha * 0.15 };
  sky_chart_draw (cr, gtk_widget_get_pango_context (GTK_WIDGET (area)), width, height, &style,
                  &data);
}

/* The figures the chart draws now, or NULL when it draws nothing. */
SkyChartPlot *
sky_budget_page_dup_chart_plot (SkyBudgetPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *budget_label = NULL;
  SkyChartData data;

  g_return_val_if_fail (SKY_IS_BUDGET_PAGE (self), NULL);

  if (!chart_data (self, &data, names, &budget_label))
    return NULL;
  return sky_chart_plot_new (&data);
}

/* The chart's text for screen readers: what it draws now, in its view (monthly or cumulative,
 * cash or amortised), the figures in the locale's form, exact. */

/* What the chart draws of @p (or of its lines in @group, when not NULL) in month @m of the
 * current view, before the months are summed: the month's run rate for monthly cash (the
 * upfront fees are marks apart), its whole cash cumulated, or its amortised cost. */
static SkyDecimal
drawn_month (SkyBudgetPage               *self,
             const SkyProjectionProvider *p,
             const char                  *group,
             guint                        m,
             gboolean                    *overflow)
{
  guint M = self->projection->months;
  gboolean cumulative = gtk_toggle_button_get_active (self->cumulative_toggle);
  gboolean amortised = gtk_toggle_button_get_active (self->amortised_toggle);
  SkyDecimal value = sky_decimal_from_int (0);

  for (guint l = 0; l < p->n_lines; l++)
    {
      if (group != NULL && strcmp (g_ptr_array_index (p->groups, l), group) != 0)
        continue;
      if (amortised)
        value = sky_decimal_add_or_flag (value, p->amortised[l * M + m], overflow);
      else if (cumulative)
        value = sky_decimal_add_or_flag (value, p->cash[l * M + m], overflow);
      else
        value = sky_decimal_add_or_flag (value,
                                         sky_decimal_sub_or_flag (p->cash[l * M + m],
                                                                  p->upfront[l * M + m],
                                                                  overflow),
                                         overflow);
    }
  return value;
}

/* The series the chart draws for @p (or its @group), month by month, summed in the
 * cumulative view; NULL when a figure does not fit. */
static SkyDecimal *
drawn_series (SkyBudgetPage               *self,
              const SkyProjectionProvider *p,
              const char                  *group)
{
  guint M = self->projection->months;
  g_autofree SkyDecimal *values = g_new0 (SkyDecimal, MAX (M, 1));
  gboolean overflow = FALSE;

  for (guint m = 0; m < M; m++)
    {
      values[m] = drawn_month (self, p, group, m, &overflow);
      if (m > 0 && gtk_toggle_button_get_active (self->cumulative_toggle))
        values[m] = sky_decimal_add_or_flag (values[m], values[m - 1], &overflow);
    }
  return overflow ? NULL : g_steal_pointer (&values);
}

/* One series in words: its last figure in the cumulative view, else the first and last
 * months and the highest between. */
static void
append_series (SkyBudgetPage    *self,
               GString          *text,
               const char       *name,
               const SkyDecimal *values)
{
  guint M = self->projection->months;
  guint top = 0;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (values == NULL || M == 0)
    {
      /* Translators: in the chart's text for screen readers, a series too large to tell. */
      g_string_append_printf (text, _("%s: too large to compute exactly."), name);
      return;
    }
  last = money (self, values[M - 1]);
  if (gtk_toggle_button_get_active (self->cumulative_toggle))
    {
      /* Translators: in the chart's text for screen readers: a provider or group, what it
       * has cost by the last month, and that month ("AWS 36,369 $ by month 36"). */
      g_string_append_printf (text, _("%s %s by month %u"), name, last, M);
      return;
    }
  for (guint m = 1; m < M; m++)
    if (sky_decimal_compare (values[m], values[top]) > 0)
      top = m;
  first = money (self, values[0]);
  if (sky_decimal_compare (values[top], values[0]) == 0 &&
      sky_decimal_compare (values[M - 1], values[0]) == 0)
    /* Translators: in the chart's text for screen readers: a provider or group whose cost is
     * the same each month. */
    g_string_append_printf (text, _("%s %s every month"), name, first);
  else
    {
      /* Translators: in the chart's text for screen readers: a provider or group, its cost
       * in the first and the last month. */
      g_string_append_printf (text, _("%s %s in month 1, %s in month %u"), name, first, last,
                              M);
      if (top != 0 && top != M - 1)
        {
          g_autofree char *highest = money (self, values[top]);

          /* Translators: the highest month of a series, after its first and last. */
          g_string_append_printf (text, _(", at most %s in month %u"), highest, top + 1);
        }
    }
}

/* The upfront fees of @p, each with the month it is paid in; nothing in the amortised view,
 * where they are spread. */
static void
append_upfront (SkyBudgetPage               *self,
                GString                     *text,
                const SkyProjectionProvider *p)
{
  guint M = self->projection->months;
  guint listed = 0, more = 0;

  if (gtk_toggle_button_get_active (self->amortised_toggle))
    return;
  for (guint m = 0; m < M; m++)
    {
      gboolean overflow = FALSE;
      SkyDecimal fee = sky_decimal_from_int (0);
      g_autofree char *shown = NULL;

      for (guint l = 0; l < p->n_lines; l++)
        fee = sky_decimal_add_or_flag (fee, p->upfront[l * M + m], &overflow);
      if (overflow || sky_decimal_is_zero (fee))
        continue;
      if (listed == 6)
        {
          more++;
          continue;
        }
      shown = money (self, fee);
      g_string_append_printf (text, "%s", listed == 0
                              /* Translators: the upfront fees a provider pays, with their
                               * months, after its cost on the chart. */
                              ? _("; upfront fees ") : ", ");
      /* Translators: an upfront fee and the month it is paid in. */
      g_string_append_printf (text, _("%s in month %u"), shown, m + 1);
      listed++;
    }
  if (more > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                               " and %u more", more), more);
}

/* The first month (from 1) whose drawn figure is over the budget line as drawn: the monthly
 * cap, or in the cumulative view the caps of the months so far; 0 for none. */
static guint
month_over (SkyBudgetPage    *self,
            const SkyDecimal *values,
            SkyDecimal        cap)
{
  gboolean cumulative = gtk_toggle_button_get_active (self->cumulative_toggle);
  SkyDecimal line = sky_decimal_from_int (0);
  gboolean overflow = FALSE;

  for (guint m = 0; values != NULL && m < self->projection->months; m++)
    {
      line = cumulative ? sky_decimal_add_or_flag (line, cap, &overflow) : cap;
      if (!overflow && sky_decimal_compare (values[m], line) > 0)
        return m + 1;
    }
  return 0;
}

/* Adds to the list of those over the budget @name, from month @month (from 1; 0: never). */
static void
append_over (GString    *over,
             const char *name,
             guint       month)
{
  if (month == 0)
    return;
  if (over->len > 0)
    g_string_append (over, ", ");
  /* Translators: a provider and the first month its cost on the chart is over the budget. */
  g_string_append_printf (over, _("%s from month %u"), name, month);
}

static const char *
view_title (SkyBudgetPage *self)
{
  gboolean cumulative = gtk_toggle_button_get_active (self->cumulative_toggle);

  if (gtk_toggle_button_get_active (self->amortised_toggle))
    return cumulative ? _("Cumulative amortised cost") : _("Monthly amortised cost");
  return cumulative ? _("Cumulative cash cost") : _("Monthly cash cost");
}

static char *
chart_description (SkyBudgetPage *self)
{
  const SkyProjectionProvider *p = shown_provider (self);
  const SkyBudget *budget = self->projected != NULL ? self->projected->budget : NULL;
  gboolean has_budget = budget != NULL && budget->has_monthly;
  g_autoptr(GString) over = g_string_new (NULL);
  GString *text;
  guint M;

  if (self->projection == NULL || self->projection->providers->len == 0)
    return g_strdup ("");
  M = self->projection->months;
  text = g_string_new (NULL);
  if (p != NULL)
    {
      g_autoptr(GPtrArray) groups = sky_chart_groups (p);
      g_autofree SkyDecimal *total = drawn_series (self, p, NULL);
      guint first_over = 0;

      /* Translators: the chart's text for screen readers: the view ("Monthly cash cost"), a
       * provider and the months. */
      g_string_append_printf (text, _("%s of %s over %u months, stacked by group. "),
                              view_title (self), p->provider_name, M);
      append_series (self, text, _("In all"), total);
      append_upfront (self, text, p);
      g_string_append (text, ". ");
      for (guint g = 0; g < groups->len; g++)
        {
          const char *group = g_ptr_array_index (groups, g);
          g_autofree SkyDecimal *values = drawn_series (self, p, group);

          append_series (self, text, *group != '\0' ? group : _("No group"), values);
          g_string_append (text, g + 1 < groups->len ? "; " : ".");
        }
      if (has_budget)
        first_over = month_over (self, total, budget->monthly);
      append_over (over, p->provider_name, first_over);
    }
  else
    {
      /* Translators: the chart's text for screen readers: the view ("Cumulative cash cost")
       * and the months, before each provider's figures. */
      g_string_append_printf (text, _("%s over %u months: "), view_title (self), M);
      for (guint i = 0; i < self->projection->providers->len; i++)
        {
          const SkyProjectionProvider *q = g_ptr_array_index (self->projection->providers, i);
          g_autofree SkyDecimal *values = drawn_series (self, q, NULL);
          g_autofree char *name = sky_projection_unpriced (q) > 0
                                  ? g_strdup_printf (_("%s (incomplete)"), q->provider_name)
                                  : g_strdup (q->provider_name);
          guint first_over = 0;

          append_series (self, text, name, values);
          append_upfront (self, text, q);
          g_string_append (text, i + 1 < self->projection->providers->len ? ". " : ".");
          if (has_budget)
            first_over = month_over (self, values, budget->monthly);
          append_over (over, q->provider_name, first_over);
        }
    }
  if (has_budget)
    {
      g_autofree char *cap = money (self, budget->monthly);

      if (gtk_toggle_button_get_active (self->cumulative_toggle))
        {
          gboolean overflow = FALSE;
          SkyDecimal sum = sky_decimal_mul_or_flag (budget->monthly, sky_decimal_from_int (M),
                                                    &overflow);
          g_autofree char *so_far = overflow ? g_strdup ("?") : money (self, sum);

          /* Translators: the budget's line on the cumulative chart: the caps of the months so
           * far, and the monthly cap. */
          g_string_append_printf (text, _(" Budget %s by month %u (%s a month)"), so_far, M, cap);
        }
      else
        g_string_append_printf (text, _(" Monthly budget %s"), cap);
      if (over->len > 0)
        /* Translators: after the budget, who goes over it and when. */
        g_string_append_printf (text, _(": over it, %s."), over->str);
      else
        g_string_append (text, _(": nothing shown goes over it."));
    }
  if (self->projected != NULL && sky_scenario_has_calendar (self->projected))
    {
      g_autoptr(GDateTime) first = sky_scenario_month_date (self->projected, 1);
      g_autoptr(GDateTime) last = sky_scenario_month_date (self->projected, M);
      g_autofree char *from = first != NULL ? g_date_time_format (first, "%b %Y") : NULL;
      g_autofree char *to = last != NULL ? g_date_time_format (last, "%b %Y") : NULL;

      if (from != NULL && to != NULL)
        /* Translators: the chart's text for screen readers: its first and last months
         * ("Jan 2027", "Dec 2027"). */
        g_string_append_printf (text, _(" The months run from %s to %s."), from, to);
    }
  return g_string_free (text, FALSE);
}

/* The chart drawn again and its description told again, in the view the toggles choose. */
static void
update_chart (SkyBudgetPage *self)
{
  sky_gui_util_redraw_chart (GTK_WIDGET (self->chart), &self->chart_description,
                             chart_description (self));
}

/* The shown provider's months: the table, the chart and its description. */
static void
show_provider (SkyBudgetPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  set_columns (self);
  /* Every row is bound again, to the provider now shown. */
  for (guint m = 0; self->projection != NULL && m < self->projection->months; m++)
    g_ptr_array_add (items, sky_index_item_new (m));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  update_chart (self);
}

/* A new projection: the status, the providers to choose from (the choice kept), and the
 * provider's months. */
static void
show_projection (SkyBudgetPage *self)
{
  g_autofree char *status = status_text (self);
  GListModel *shown = gtk_drop_down_get_model (self->provider_dropdown);
  guint n = self->projection != NULL ? self->projection->providers->len : 0;
  gboolean same = shown != NULL && g_list_model_get_n_items (shown) == n + 1;

  /* The verdict's colour and icon are the summary cards'; these are its details in words. */
  gtk_label_set_label (self->status_label, status);
  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (shown), i + 1),
                      ((SkyProjectionProvider *) g_ptr_array_index (self->projection->providers,
                                                                    i))->provider_name) == 0;
  if (!same)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      guint selected = gtk_drop_down_get_selected (self->provider_dropdown);

      gtk_string_list_append (names, _("All providers"));
      for (guint i = 0; i < n; i++)
        gtk_string_list_append (names, ((SkyProjectionProvider *) g_ptr_array_index (
                                           self->projection->providers, i))->provider_name);
      self->filling = TRUE;
      gtk_drop_down_set_model (self->provider_dropdown, G_LIST_MODEL (names));
      gtk_drop_down_set_selected (self->provider_dropdown, selected <= n ? selected : 0);
      self->filling = FALSE;
    }
  show_provider (self);
}

static void
set_busy (SkyBudgetPage *self,
          gboolean       busy)
{
  sky_gui_util_set_flag (G_OBJECT (self), &self->busy, busy, properties[PROP_BUSY]);
}

/* Projecting ---------------------------------------------------------------------------------- */

static void
projected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyBudgetPage *self = SKY_BUDGET_PAGE (object);
  g_autoptr(GError) error = NULL;
  SkyProjection *projection;
  SkyScenario *projected = NULL;

  if (sky_scenario_task_is_stale (result, self->generation))
    return;
  projection = sky_scenario_task_finish (result, &projected, &error);
  set_busy (self, FALSE);
  g_clear_pointer (&self->projection, sky_projection_free);
  g_clear_pointer (&self->projected, sky_scenario_free);
  self->projection = projection;
  self->projected = projected;
  show_projection (self);
  if (error != NULL)
    gtk_label_set_label (self->status_label, error->message);
}

/* Puts the scenario's caps in the entries, unless an entry already says the same amount in
 * its own way ("1200.50" for 1200.5), so typing is never overwritten. */
static void
fill_entry (GtkEntry   *entry,
            gboolean    has,
            SkyDecimal  value)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (entry));
  SkyDecimal parsed;
  g_autofree char *text = NULL;

  if (*shown == '\0' && !has)
    return;
  if (has && sky_decimal_parse (shown, 10, FALSE, &parsed, NULL) &&
      sky_decimal_compare (parsed, value) == 0)
    return;
  if (has)
    text = sky_decimal_to_string (value);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* The start month on its button: "Jan 2027", or none. */
static void
show_start (SkyBudgetPage     *self,
            const SkyScenario *s)
{
  g_autoptr(GDateTime) date = sky_scenario_month_date (s, 1);
  g_autofree char *label = date != NULL ? g_date_time_format (date, "%b %Y") : NULL;

  /* Translators: the Budget page's start month when there is none: the months are numbered. */
  gtk_menu_button_set_label (self->start_button, label != NULL ? label
                                                               : C_("start month", "None"));
}

/* The start month's choices: none (the months are numbered), or a month and its year. Without
 * one the year stays as it was, ready for a month to be chosen. */
static void
fill_start (SkyBudgetPage     *self,
            const SkyScenario *s)
{
  gboolean calendar = sky_scenario_has_calendar (s);

  gtk_drop_down_set_selected (self->start_month_dropdown, calendar ? s->start_month : 0);
  if (calendar)
    gtk_spin_button_set_value (self->start_year_spin, s->start_year);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_year_spin), calendar);
  show_start (self, s);
}

static void
fill_budget (SkyBudgetPage     *self,
             const SkyScenario *s)
{
  self->filling = TRUE;
  fill_entry (self->monthly_entry, s->budget != NULL && s->budget->has_monthly,
              s->budget != NULL ? s->budget->monthly : sky_decimal_from_int (0));
  fill_entry (self->yearly_entry, s->budget != NULL && s->budget->has_yearly,
              s->budget != NULL ? s->budget->yearly : sky_decimal_from_int (0));
  gtk_spin_button_set_value (self->months_spin, s->projection_months);
  fill_start (self, s);
  self->filling = FALSE;
}

static void
refresh (SkyBudgetPage *self)
{
  const SkyScenario *s = self->document != NULL
                         ? sky_scenario_document_get_scenario (self->document) : NULL;
  SkyCatalog *catalog = self->document != NULL
                        ? sky_scenario_document_get_catalog (self->document) : NULL;

  /* A projection still under way is of an older scenario: its result will be dropped. */
  self->generation++;
  set_busy (self, FALSE);
  if (s == NULL)
    return;
  fill_budget (self, s);
  if (catalog == NULL || s->lines->len == 0 || s->providers->len == 0)
    {
      g_clear_pointer (&self->projection, sky_projection_free);
      show_projection (self);
      gtk_label_set_label (self->status_label,
                           _("Add lines and providers on the Scenario page to see them month "
                             "by month."));
      return;
    }
  set_busy (self, TRUE);
  /* The projection the summary cards show too. */
  sky_scenario_task_project (self, self->document, self->generation, 0, projected_cb);
}

/* Edits --------------------------------------------------------------------------------------- */

/* Whether @budget already has these caps: typing them again changes nothing to undo. */
static gboolean
budget_is (const SkyBudget *budget,
           gboolean         has_monthly,
           SkyDecimal       monthly,
           gboolean         has_yearly,
           SkyDecimal       yearly)
{
  if (budget == NULL)
    return !has_monthly && !has_yearly;
  return budget->has_monthly == has_monthly && budget->has_yearly == has_yearly &&
         (!has_monthly || sky_decimal_compare (budget->monthly, monthly) == 0) &&
         (!has_yearly || sky_decimal_compare (budget->yearly, yearly) == 0);
}

/* The budget entries: a number sets the cap, empty removes it; anything else is left. */
static void
on_budget_changed (SkyBudgetPage *self)
{
  const char *monthly = gtk_editable_get_text (GTK_EDITABLE (self->monthly_entry));
  const char *yearly = gtk_editable_get_text (GTK_EDITABLE (self->yearly_entry));
  SkyDecimal m = sky_decimal_from_int (0), y = m;
  SkyScenario *s;
  gboolean monthly_ok;
  gboolean yearly_ok;

  monthly_ok = *monthly == '\0' || (sky_decimal_parse (monthly, 10, FALSE, &m, NULL) &&
                                    sky_decimal_compare (m, sky_decimal_from_int (0)) >= 0);
  yearly_ok = *yearly == '\0' || (sky_decimal_parse (yearly, 10, FALSE, &y, NULL) &&
                                  sky_decimal_compare (y, sky_decimal_from_int (0)) >= 0);

  if (self->filling || self->document == NULL)
    return;
  if (monthly_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->monthly_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->monthly_entry), "error");
  if (yearly_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->yearly_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->yearly_entry), "error");
  if (!monthly_ok || !yearly_ok)
    return;
  if (budget_is (sky_scenario_document_get_scenario (self->document)->budget,
                 *monthly != '\0', m, *yearly != '\0', y))
    return;
  s = sky_scenario_document_edit (self->document, "budget");
  if (s->budget == NULL)
    s->budget = sky_budget_new ();
  s->budget->has_monthly = *monthly != '\0';
  s->budget->monthly = m;
  s->budget->has_yearly = *yearly != '\0';
  s->budget->yearly = y;
  if (!s->budget->has_monthly && !s->budget->has_yearly && s->budget->group_caps->len == 0)
    g_clear_pointer (&s->budget, sky_budget_free);
  sky_scenario_document_edited (self->document);
}

/* Enter in a budget field, or leaving it: the cap typed is applied (as while typing) and shown
 * as the scenario holds it, and the run of typing ends, so that the next one is undone on its
 * own. Text that is not a cap stays, marked as an error. */
static void
commit_budget (SkyBudgetPage *self)
{
  const SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;
  on_budget_changed (self);
  if (gtk_widget_has_css_class (GTK_WIDGET (self->monthly_entry), "error") ||
      gtk_widget_has_css_class (GTK_WIDGET (self->yearly_entry), "error"))
    return;
  s = sky_scenario_document_get_scenario (self->document);
  fill_budget (self, s);
  sky_scenario_document_end_edit_run (self->document);
}

static void
on_budget_focus_left (GtkEventControllerFocus *controller,
                      SkyBudgetPage           *self)
{
  commit_budget (self);
}

static void
on_months_changed (SkyBudgetPage *self)
{
  SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;
  s = sky_scenario_document_edit (self->document, "months");
  s->projection_months = (guint) gtk_spin_button_get_value_as_int (self->months_spin);
  sky_scenario_document_edited (self->document);
}

/* A month chosen sets the start month in the year beside it; none clears it. */
static void
on_start_changed (SkyBudgetPage *self)
{
  guint month = gtk_drop_down_get_selected (self->start_month_dropdown);
  guint year = (guint) gtk_spin_button_get_value_as_int (self->start_year_spin);
  const SkyScenario *now;
  SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;
  if (month == GTK_INVALID_LIST_POSITION || month > 12)
    month = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_year_spin), month > 0);
  now = sky_scenario_document_get_scenario (self->document);
  if (month == 0 ? !sky_scenario_has_calendar (now)
                 : now->start_year == year && now->start_month == month)
    return;
  s = sky_scenario_document_edit (self->document, "start-month");
  s->start_year = month > 0 ? year : 0;
  s->start_month = month;
  show_start (self, s);
  sky_scenario_document_edited (self->document);
}

static void
on_provider_chosen (SkyBudgetPage *self)
{
  if (self->filling)
    return;
  show_provider (self);
}

/* The notices in one line (prices older than the preference, providers' prices far apart):
 * from the document's estimate, priced from the same sheets as the projection. How old each
 * provider's prices are is said once, on its summary card. */
static void
show_freshness (SkyBudgetPage *self)
{
  const SkyEstimate *e = self->document != NULL
                         ? sky_scenario_document_get_estimate (self->document) : NULL;
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autoptr(GPtrArray) notices = NULL;

  if (e != NULL)
    notices = sky_estimate_freshness_notices (e, self->stale_after_days);
  for (guint i = 0; notices != NULL && i < notices->len; i++)
    g_string_append_printf (notice, "%s%s", i > 0 ? ". " : "",
                            (const char *) g_ptr_array_index (notices, i));
  gtk_label_set_label (self->notice_label, notice->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_box), notice->len > 0);
}

/* Public -------------------------------------------------------------------------------------- */

static void
set_document (SkyBudgetPage       *self,
              SkyScenarioDocument *document)
{
  if (!sky_gui_util_watch (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (document, "notify::estimate", G_CALLBACK (show_freshness),
                                self);
    }
  refresh (self);
  show_freshness (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const SkyProjection *
sky_budget_page_get_projection (SkyBudgetPage *self)
{
  g_return_val_if_fail (SKY_IS_BUDGET_PAGE (self), NULL);
  return self->projection;
}

/* What the chart tells a screen reader (its accessible description) about what it draws now. */
const char *
sky_budget_page_get_chart_description (SkyBudgetPage *self)
{
  g_return_val_if_fail (SKY_IS_BUDGET_PAGE (self), NULL);
  return self->chart_description != NULL ? self->chart_description : "";
}

gboolean
sky_budget_page_get_busy (SkyBudgetPage *self)
{
  g_return_val_if_fail (SKY_IS_BUDGET_PAGE (self), FALSE);
  return self->busy;
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_budget_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, SKY_BUDGET_PAGE (object)->document);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, SKY_BUDGET_PAGE (object)->busy);
      break;
    case PROP_STALE_AFTER_DAYS:
      g_value_set_uint (value, SKY_BUDGET_PAGE (object)->stale_after_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_budget_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (SKY_BUDGET_PAGE (object), g_value_get_object (value));
      break;
    case PROP_STALE_AFTER_DAYS:
      if (SKY_BUDGET_PAGE (object)->stale_after_days != g_value_get_uint (value))
        {
          SKY_BUDGET_PAGE (object)->stale_after_days = g_value_get_uint (value);
          show_freshness (SKY_BUDGET_PAGE (object));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_budget_page_dispose (GObject *object)
{
  SkyBudgetPage *self = SKY_BUDGET_PAGE (object);

  self->generation++;
  sky_gui_util_watch (&self->document, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_BUDGET_PAGE);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (sky_budget_page_parent_class)->dispose (object);
}

static void
sky_budget_page_finalize (GObject *object)
{
  SkyBudgetPage *self = SKY_BUDGET_PAGE (object);

  g_clear_pointer (&self->projection, sky_projection_free);
  g_clear_pointer (&self->projected, sky_scenario_free);
  g_clear_pointer (&self->chart_description, g_free);

  G_OBJECT_CLASS (sky_budget_page_parent_class)->finalize (object);
}

static void
sky_budget_page_class_init (SkyBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_budget_page_get_property;
  object_class->set_property = sky_budget_page_set_property;
  object_class->dispose = sky_budget_page_dispose;
  object_class->finalize = sky_budget_page_finalize;

  /* The scenario projected, and whose budget is edited. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The projection is being made. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Prices older than this many days get the notice. */
  properties[PROP_STALE_AFTER_DAYS] =
    g_param_spec_uint ("stale-after-days", NULL, NULL, 0, G_MAXINT,
                       SKY_FRESHNESS_STALE_AFTER_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SKY_TYPE_SUMMARY_CARDS);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-budget-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyBudgetPage, name)
  CHILD (status_label);
  CHILD (notice_box);
  CHILD (notice_label);
  CHILD (provider_dropdown);
  CHILD (monthly_entry);
  CHILD (yearly_entry);
  CHILD (months_spin);
  CHILD (start_button);
  CHILD (start_month_dropdown);
  CHILD (start_year_spin);
  CHILD (chart);
  CHILD (monthly_toggle);
  CHILD (cumulative_toggle);
  CHILD (cash_toggle);
  CHILD (amortised_toggle);
  CHILD (months_view);
#undef CHILD
}

static void
sky_budget_page_init (SkyBudgetPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale_after_days = SKY_FRESHNESS_STALE_AFTER_DEFAULT;
  self->rows = g_list_store_new (SKY_TYPE_INDEX_ITEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->months_view, selection);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  g_signal_connect_swapped (self->monthly_entry, "changed", G_CALLBACK (on_budget_changed), self);
  g_signal_connect_swapped (self->yearly_entry, "changed", G_CALLBACK (on_budget_changed), self);
  g_signal_connect_swapped (self->monthly_entry, "activate", G_CALLBACK (commit_budget), self);
  g_signal_connect_swapped (self->yearly_entry, "activate", G_CALLBACK (commit_budget), self);
  {
    GtkEntry *entries[] = { self->monthly_entry, self->yearly_entry };

    for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect (focus, "leave", G_CALLBACK (on_budget_focus_left), self);
        gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
      }
  }
  g_signal_connect_swapped (self->months_spin, "value-changed", G_CALLBACK (on_months_changed),
                            self);
  {
    g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();

    /* Translators: the Budget page's start month when there is none: the months are numbered. */
    gtk_string_list_append (months, C_("start month", "None"));
    for (int m = 1; m <= 12; m++)
      {
        g_autoptr(GDateTime) date = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
        g_autofree char *name = g_date_time_format (date, "%B");

        gtk_string_list_append (months, name);
      }
    gtk_drop_down_set_model (self->start_month_dropdown, G_LIST_MODEL (months));
    gtk_spin_button_set_value (self->start_year_spin, g_date_time_get_year (today));
  }
  g_signal_connect_swapped (self->start_month_dropdown, "notify::selected",
                            G_CALLBACK (on_start_changed), self);
  g_signal_connect_swapped (self->start_year_spin, "value-changed",
                            G_CALLBACK (on_start_changed), self);
  g_signal_connect_swapped (self->provider_dropdown, "notify::selected",
                            G_CALLBACK (on_provider_chosen), self);
  g_signal_connect_swapped (self->cumulative_toggle, "notify::active",
                            G_CALLBACK (update_chart), self);
  g_signal_connect_swapped (self->amortised_toggle, "notify::active",
                            G_CALLBACK (update_chart), self);
}
