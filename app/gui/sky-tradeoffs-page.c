/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-tradeoffs-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-availability-view.h"
#include "sky-chart.h"
#include "sky-currency.h"
#include "sky-gui-util.h"
#include "sky-listing-item.h"
#include "sky-scenario-task.h"
#include "sky-score.h"
#include "sky-terms.h"
#include "sky-tradeoffs-page.h"

/* The Trade-offs page: the scenario's candidates ranked by its weighted criteria, the weights
 * on sliders with the ranking following, ratings, how far each weight can move before the top
 * choice changes, and a chart of cost against score with the options no other beats on both,
 * one kind of offer at a time (a category and what its cost is per, or whole scenarios), since
 * a server's monthly cost and a gigabyte's price do not share an axis. Scoring runs in a worker
 * thread on a copy of the scenario. */
struct _SkyTradeoffsPage
{
  AdwBin               parent_instance;

  SkyScenarioDocument *document;
  GListModel          *candidates;   /* the catalog's */
  SkyScoring          *scoring;
  char                *error;
  guint                generation;
  gboolean             busy;
  char                *shape;        /* the criteria and ratings the rows were made for */
  GPtrArray           *rows;         /* widgets added to the groups, to remove them again */
  GPtrArray           *kinds;        /* char *: the kinds of offer the chart can show */
  gboolean             filling;
  GArray              *drawn;        /* DrawnPoint: where the chart put each option */
  char                *chart_description; /* what the chart tells a screen reader */

  GtkStack            *stack;
  GtkStack            *views;
  SkyAvailabilityView *availability_view;
  GtkLabel            *status_label;
  AdwPreferencesGroup *ranking_group;
  AdwPreferencesGroup *weights_group;
  AdwPreferencesGroup *ratings_group;
  AdwPreferencesGroup *sensitivity_group;
  GtkDrawingArea      *chart;
  GtkDropDown         *kind_dropdown;
  GtkEntry            *criterion_entry;
};

typedef struct
{
  double x, y;
  guint  option;
} DrawnPoint;

G_DEFINE_FINAL_TYPE (SkyTradeoffsPage, sky_tradeoffs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CANDIDATES,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (SkyTradeoffsPage *self);
static void update_kinds (SkyTradeoffsPage *self);
static void update_chart (SkyTradeoffsPage *self);

static const SkyScenario *
scenario (SkyTradeoffsPage *self)
{
  return self->document != NULL ? sky_scenario_document_get_scenario (self->document) : NULL;
}

static const char *
criterion_title (const SkyCriterion *c)
{
  return c->name != NULL ? c->name : c->id;
}

static void
set_busy (SkyTradeoffsPage *self,
          gboolean          busy)
{
  sky_gui_util_set_flag (G_OBJECT (self), &self->busy, busy, properties[PROP_BUSY]);
}

/* Rows ---------------------------------------------------------------------------------------- */

static void
clear_group (SkyTradeoffsPage    *self,
             AdwPreferencesGroup *group)
{
  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i - 1);
      if (g_object_get_data (G_OBJECT (row), "group") == group)
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }
}

static GtkWidget *
add_row (SkyTradeoffsPage    *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data (G_OBJECT (row), "group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
on_weight_changed (GtkRange         *scale,
                   SkyTradeoffsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (scale), "criterion");
  g_autofree char *kind = g_strdup_printf ("weight:%s", id);
  SkyScenario *s = sky_scenario_document_edit (self->document, kind);
  int weight = (int) round (gtk_range_get_value (scale));

  for (guint i = 0; i < s->criteria->len; i++)
    {
      SkyCriterion *c = g_ptr_array_index (s->criteria, i);
      if (strcmp (c->id, id) == 0)
        c->weight = sky_decimal_from_int (weight);
    }
  sky_scenario_document_edited (self->document);
}

static void
remove_criterion_cb (GtkButton        *button,
                     SkyTradeoffsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "criterion");
  SkyScenario *s = sky_scenario_document_edit (self->document, NULL);

  for (guint i = s->criteria->len; i > 0; i--)
    if (strcmp (((SkyCriterion *) g_ptr_array_index (s->criteria, i - 1))->id, id) == 0)
      g_ptr_array_remove_index (s->criteria, i - 1);
  for (guint i = s->ratings->len; i > 0; i--)
    if (strcmp (((SkyRating *) g_ptr_array_index (s->ratings, i - 1))->criterion, id) == 0)
      g_ptr_array_remove_index (s->ratings, i - 1);
  sky_scenario_document_edited (self->document);
}

static int
rating_value (const SkyScenario *s,
              const char        *criterion,
              const char        *target)
{
  for (guint i = 0; i < s->ratings->len; i++)
    {
      const SkyRating *r = g_ptr_array_index (s->ratings, i);
      if (strcmp (r->criterion, criterion) == 0 && strcmp (r->target, target) == 0)
        return r->value;
    }
  return 3;
}

static void
on_rating_changed (GtkSpinButton    *spin,
                   SkyTradeoffsPage *self)
{
  const char *criterion = g_object_get_data (G_OBJECT (spin), "criterion");
  const char *target = g_object_get_data (G_OBJECT (spin), "target");
  g_autofree char *kind = g_strdup_printf ("rating:%s:%s", criterion, target);
  SkyScenario *s = sky_scenario_document_edit (self->document, kind);
  int value = gtk_spin_button_get_value_as_int (spin);
  SkyRating *rating = NULL;

  for (guint i = 0; i < s->ratings->len && rating == NULL; i++)
    {
      SkyRating *r = g_ptr_array_index (s->ratings, i);
      if (strcmp (r->criterion, criterion) == 0 && strcmp (r->target, target) == 0)
        rating = r;
    }
  if (rating == NULL)
    {
      rating = g_new0 (SkyRating, 1);
      rating->criterion = g_strdup (criterion);
      rating->target = g_strdup (target);
      g_ptr_array_add (s->ratings, rating);
    }
  rating->value = value;
  sky_scenario_document_edited (self->document);
}

/* A text of the criteria and rated providers: the weight and rating rows are made again only
 * when it changes, so that a slider being dragged is not replaced under the pointer. */
static char *
rows_shape (const SkyScenario *s)
{
  GString *shape = g_string_new (NULL);

  for (guint i = 0; i < s->criteria->len; i++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, i);
      g_string_append_printf (shape, "%s/%d;", c->id, c->kind);
    }
  for (guint i = 0; i < s->candidates->len; i++)
    g_string_append_printf (shape, "%s;",
                            ((SkyCandidate *) g_ptr_array_index (s->candidates, i))->provider);
  return g_string_free (shape, FALSE);
}

static void
build_weights (SkyTradeoffsPage  *self,
               const SkyScenario *s)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new ();
  g_autofree char *shape = rows_shape (s);
  gboolean has_rated = FALSE;

  if (g_strcmp0 (shape, self->shape) == 0)
    return;
  g_free (self->shape);
  self->shape = g_steal_pointer (&shape);

  clear_group (self, self->weights_group);
  clear_group (self, self->ratings_group);
  for (guint i = 0; i < s->criteria->len; i++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, i);
      GtkWidget *row = add_row (self, self->weights_group, criterion_title (c),
                                sky_criterion_kind_name (c->kind));
      GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1);
      g_autofree char *w = sky_decimal_to_string (c->weight);

      gtk_widget_set_size_request (scale, 220, -1);
      gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
      gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_LEFT);
      gtk_range_set_value (GTK_RANGE (scale), g_ascii_strtod (w, NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      criterion_title (c), -1);
      g_object_set_data_full (G_OBJECT (scale), "criterion", g_strdup (c->id), g_free);
      g_signal_connect (scale, "value-changed", G_CALLBACK (on_weight_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
      if (c->kind == SKY_CRITERION_RATED)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove the Criterion"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Remove the Criterion"), -1);
          g_object_set_data_full (G_OBJECT (remove), "criterion", g_strdup (c->id), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_criterion_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
    }

  /* Ratings: each rated criterion for each provider of the candidates. */
  for (guint i = 0; i < s->candidates->len; i++)
    {
      const char *p = ((SkyCandidate *) g_ptr_array_index (s->candidates, i))->provider;
      if (!g_ptr_array_find_with_equal_func (providers, p, g_str_equal, NULL))
        g_ptr_array_add (providers, (gpointer) p);
    }
  for (guint i = 0; i < s->criteria->len; i++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, i);
      if (c->kind != SKY_CRITERION_RATED)
        continue;
      has_rated = TRUE;
      for (guint j = 0; j < providers->len; j++)
        {
          const char *provider = g_ptr_array_index (providers, j);
          g_autofree char *title = g_strdup_printf ("%s · %s", criterion_title (c), provider);
          GtkWidget *row = add_row (self, self->ratings_group, title, NULL);
          GtkWidget *spin = gtk_spin_button_new_with_range (1, 5, 1);

          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), rating_value (s, c->id, provider));
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          g_object_set_data_full (G_OBJECT (spin), "criterion", g_strdup (c->id), g_free);
          g_object_set_data_full (G_OBJECT (spin), "target", g_strdup (provider), g_free);
          g_signal_connect (spin, "value-changed", G_CALLBACK (on_rating_changed), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ratings_group), has_rated && providers->len > 0);
}

static char *
weight_text (double w)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return isinf (w) ? g_strdup (_("any weight"))
                   : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3g", w));
}

static void
show_scoring (SkyTradeoffsPage *self)
{
  const SkyScenario *s = scenario (self);
  SkyScoring *sc = self->scoring;

  gtk_stack_set_visible_child_name (self->stack, s != NULL && s->candidates->len > 0 ? "ranking"
                                                                                     : "empty");
  if (s == NULL)
    return;
  build_weights (self, s);
  clear_group (self, self->ranking_group);
  clear_group (self, self->sensitivity_group);

  if (self->error != NULL)
    gtk_label_set_label (self->status_label, self->error);
  else if (sc != NULL)
    {
      g_autofree char *n = sky_format_count (sc->options->len);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s candidate, costs in %s",
                                                            "%s candidates, costs in %s",
                                                            sc->options->len), n, sc->currency);
      gtk_label_set_label (self->status_label, text);
    }

  for (guint r = 0; sc != NULL && r < sc->order->len; r++)
    {
      SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (sc->order, guint, r));
      g_autofree char *cost = sky_currency_format_display (sc->currency, o->cost);
      /* Translators: a ranked option whose provider cannot price every line. */
      g_autofree char *title = o->incomplete
                               ? g_strdup_printf (_("%u. %s (incomplete)"), o->rank, o->name)
                               : g_strdup_printf ("%u. %s", o->rank, o->name);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *bar, *score;

      /* Translators: a ranked option: provider and SKU, cost, what it is per, and whether it
       * is on the Pareto front. */
      subtitle = g_strdup_printf (_("%s · %s a %s%s"), o->label, cost,
                                  sky_word_title (SKY_VOCABULARY_UNIT, o->cost_unit),
                                  o->pareto ? _(" · no other beats it on both cost and score")
                                  : o->incomplete ? _(" · cannot price every line, so ranked "
                                                      "after the options that can")
                                  : "");
      row = add_row (self, self->ranking_group, title, subtitle);
      score = gtk_label_new (g_ascii_formatd (buffer, sizeof buffer, "%.1f", o->score));
      gtk_widget_add_css_class (score, r == 0 ? "heading" : "dim-label");
      bar = gtk_level_bar_new_for_interval (0, 100);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), o->score);
      gtk_widget_set_size_request (bar, 140, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Score"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }

  for (guint k = 0; sc != NULL && k < s->criteria->len && k < sc->sensitivity->len; k++)
    {
      const SkyCriterion *c = g_ptr_array_index (s->criteria, k);
      SkySensitivity *sens = &g_array_index (sc->sensitivity, SkySensitivity, k);
      SkyScoredOption *top = g_ptr_array_index (sc->options, g_array_index (sc->order, guint, 0));
      g_autofree char *low = weight_text (sens->low);
      g_autofree char *high = weight_text (sens->high);
      g_autoptr(GString) text = g_string_new (NULL);

      /* Translators: the top option and the range of weights it stays first for. */
      g_string_append_printf (text, _("%s stays first from %s to %s"), top->name, low,
                              high);
      if (sens->below >= 0)
        g_string_append_printf (text, _("; below, %s"),
                                ((SkyScoredOption *) g_ptr_array_index (sc->options,
                                                                        sens->below))->name);
      if (sens->above >= 0)
        g_string_append_printf (text, _("; above, %s"),
                                ((SkyScoredOption *) g_ptr_array_index (sc->options,
                                                                        sens->above))->name);
      add_row (self, self->sensitivity_group, criterion_title (c), text->str);
    }

  update_kinds (self);
  update_chart (self);
}

/* The chart ----------------------------------------------------------------------------------- */

/* The kind of offer @o is, for the chart: its category and what its cost is per; "" for a
 * provider's whole scenario. */
static char *
option_kind (const SkyScoredOption *o)
{
  if (o->offer == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s\n%s", o->offer->category != NULL ? o->offer->category : "",
                          o->cost_unit);
}

static char *
kind_title (const char *kind)
{
  g_auto(GStrv) parts = NULL;

  if (*kind == '\0')
    return g_strdup (_("Whole scenarios"));
  parts = g_strsplit (kind, "\n", 2);
  /* Translators: a kind of offer compared on the chart: its category and what its cost is
   * per, such as “Compute, per month”. */
  return g_strdup_printf (_("%s, per %s"), sky_word_title (SKY_VOCABULARY_CATEGORY, parts[0]),
                          strcmp (parts[1], "month") == 0
                          ? _("month") : sky_word_title (SKY_VOCABULARY_UNIT, parts[1]));
}

static const char *
shown_kind (SkyTradeoffsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);

  return i < self->kinds->len ? g_ptr_array_index (self->kinds, i) : NULL;
}

/* The kinds of the scored options, in the order of the ranking (the best option's first), the
 * one chosen kept when it is still there. */
static void
update_kinds (SkyTradeoffsPage *self)
{
  SkyScoring *sc = self->scoring;
  g_autofree char *chosen = g_strdup (shown_kind (self));
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint r = 0; sc != NULL && r < sc->order->len; r++)
    {
      const SkyScoredOption *o = g_ptr_array_index (sc->options,
                                                    g_array_index (sc->order, guint, r));
      g_autofree char *kind = option_kind (o);

      if (!g_ptr_array_find_with_equal_func (kinds, kind, g_str_equal, NULL))
        g_ptr_array_add (kinds, g_steal_pointer (&kind));
    }
  for (guint i = 0; i < kinds->len; i++)
    {
      g_autofree char *title = kind_title (g_ptr_array_index (kinds, i));

      gtk_string_list_append (titles, title);
      if (g_strcmp0 (chosen, g_ptr_array_index (kinds, i)) == 0)
        selected = i;
    }
  g_ptr_array_unref (self->kinds);
  self->kinds = g_steal_pointer (&kinds);
  self->filling = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->kind_dropdown, selected);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), self->kinds->len > 1);
}

static void
on_kind_chosen (SkyTradeoffsPage *self)
{
  if (!self->filling)
    update_chart (self);
}

/* The options of the kind chosen, by rank. */
static GArray *
shown_options (SkyTradeoffsPage *self)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  SkyScoring *sc = self->scoring;
  const char *kind = shown_kind (self);

  for (guint r = 0; sc != NULL && kind != NULL && r < sc->order->len; r++)
    {
      guint i = g_array_index (sc->order, guint, r);
      g_autofree char *k = option_kind (g_ptr_array_index (sc->options, i));

      if (strcmp (k, kind) == 0)
        g_array_append_val (shown, i);
    }
  return shown;
}

/* What an option's cost is per, on the chart: a month for whole scenarios and hourly offers. */
static const char *
cost_per (const SkyScoredOption *o)
{
  return o->offer == NULL || strcmp (o->cost_unit, "month") == 0
         ? _("month") : sky_word_title (SKY_VOCABULARY_UNIT, o->cost_unit);
}

/* A score as the ranking shows it, one decimal, with the locale's decimal separator. */
static char *
score_text (double score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  SkyDecimal value;

  if (!sky_decimal_parse (g_ascii_formatd (buffer, sizeof buffer, "%.1f", score), 1, FALSE,
                          &value, NULL))
    return g_strdup (buffer);
  return sky_format_number (value, 1);
}

/* One option in words: its name, cost and score. */
static void
append_option (GString               *text,
               const SkyScoring      *sc,
               const SkyScoredOption *o)
{
  g_autofree char *cost = sky_currency_format_display (sc->currency, o->cost);
  g_autofree char *score = score_text (o->score);

  /* Translators: an option on the chart: its name, cost, what the cost is per, and score
   * ("Standard 2 vCPU, 70.08 $ a month, scoring 62.5"). */
  g_string_append_printf (text, _("%s, %s a %s, scoring %s"), o->name, cost, cost_per (o),
                          score);
  if (o->incomplete)
    g_string_append (text, _(" (incomplete)"));
}

/* The chart's text for screen readers, of what it shows now: the kind of offer, how many there
 * are, the cheapest, the best scored, and those no other of the kind beats on both. */
static char *
chart_description (SkyTradeoffsPage *self)
{
  SkyScoring *sc = self->scoring;
  g_autoptr(GArray) shown = shown_options (self);
  const char *kind = shown_kind (self);
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree double *cost = NULL, *score = NULL;
  g_autofree gboolean *eligible = NULL, *front = NULL;
  const SkyScoredOption *cheapest = NULL, *best = NULL;
  GString *text;
  guint n = shown->len, n_front = 0;

  if (sc == NULL || kind == NULL || n == 0)
    return g_strdup ("");
  title = kind_title (kind);
  count = sky_format_count (n);
  text = g_string_new (NULL);
  /* Translators: the chart's text for screen readers: the kind of offer shown ("Compute, per
   * month") and how many of it. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Cost against score, %s: %s option. ",
                                             "Cost against score, %s: %s options. ", n),
                          title, count);
  cost = g_new0 (double, n);
  score = g_new0 (double, n);
  eligible = g_new0 (gboolean, n);
  front = g_new0 (gboolean, n);
  for (guint k = 0; k < n; k++)
    {
      const SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (shown, guint, k));

      cost[k] = sky_decimal_to_double (o->cost);
      score[k] = o->score;
      eligible[k] = !o->incomplete;
      /* An option that leaves lines out is neither the cheapest nor the best while one that
       * prices every line is there. */
      if (cheapest == NULL || (cheapest->incomplete && !o->incomplete) ||
          (cheapest->incomplete == o->incomplete &&
           sky_decimal_compare (o->cost, cheapest->cost) < 0))
        cheapest = o;
      if (best == NULL || (best->incomplete && !o->incomplete) ||
          (best->incomplete == o->incomplete && o->score > best->score))
        best = o;
    }
  sky_chart_front (n, cost, score, eligible, front);
  if (n == 1)
    {
      append_option (text, sc, cheapest);
      g_string_append (text, ".");
      return g_string_free (text, FALSE);
    }
  /* Translators: before the cheapest option shown on the chart. */
  g_string_append (text, _("Cheapest: "));
  append_option (text, sc, cheapest);
  /* Translators: before the option with the highest score shown on the chart. */
  g_string_append (text, _(". Best scored: "));
  append_option (text, sc, best);
  g_string_append (text, ".");
  for (guint k = 0; k < n; k++)
    if (front[k])
      {
        const SkyScoredOption *o = g_ptr_array_index (sc->options,
                                                      g_array_index (shown, guint, k));

        g_string_append (text, n_front++ == 0
                         /* Translators: before the options no other on the chart costs
                          * less than and scores more than. */
                         ? _(" No other beats on both cost and score: ") : ", ");
        g_string_append (text, o->name);
      }
  if (n_front > 0)
    g_string_append (text, ".");
  return g_string_free (text, FALSE);
}

/* The chart drawn again and its description told again, for the kind chosen. */
static void
update_chart (SkyTradeoffsPage *self)
{
  sky_gui_util_redraw_chart (GTK_WIDGET (self->chart), &self->chart_description,
                             chart_description (self));
}

#define PAD 8.0
#define TICK 4.0
#define RADIUS 6.0

static double
text_width (PangoLayout *layout,
            const char  *text,
            double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (height != NULL)
    *height = h;
  return w;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align)
{
  double w = text_width (layout, text, NULL);

  cairo_move_to (cr, round (x - align * w), round (y));
  pango_cairo_show_layout (cr, layout);
}

/* Cost across on round steps from about the cheapest to the dearest of the kind shown, score
 * up the same from about the lowest to the highest; the options no other of the kind beats
 * joined by a line and filled; each labelled where its label fits (off that line where that
 * leaves out no label), else told by its tooltip. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SkyTradeoffsPage *self = user_data;
  SkyScoring *sc = self->scoring;
  g_autoptr(GArray) shown = shown_options (self);
  g_autoptr(SkyChartValueAxis) scores = NULL;
  g_autoptr(SkyChartValueAxis) costs = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree double *cost = NULL, *score = NULL, *px = NULL, *py = NULL, *lw = NULL, *lh = NULL;
  g_autofree gboolean *eligible = NULL, *front = NULL, *labelled = NULL;
  g_autofree SkyChartRect *placed = NULL;
  g_autofree char *x_title = NULL;
  g_autoptr(GArray) path_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) path_y = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA fg, accent = dark ? (GdkRGBA) { 0.47, 0.68, 0.96, 1 }
                            : (GdkRGBA) { 0.11, 0.44, 0.85, 1 };
  double lo = INFINITY, hi = -INFINITY, low_score = 100, high_score = 0;
  double line, widest = 0, left, right, top, bottom;
  guint n = shown->len, steps;

  g_array_set_size (self->drawn, 0);
  if (sc == NULL || n == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  text_width (layout, "Mg", &line);

  cost = g_new0 (double, n);
  score = g_new0 (double, n);
  eligible = g_new0 (gboolean, n);
  front = g_new0 (gboolean, n);
  for (guint k = 0; k < n; k++)
    {
      const SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (shown, guint, k));

      cost[k] = sky_decimal_to_double (o->cost);
      score[k] = o->score;
      eligible[k] = !o->incomplete;
      lo = MIN (lo, cost[k]);
      hi = MAX (hi, cost[k]);
      low_score = MIN (low_score, score[k]);
      high_score = MAX (high_score, score[k]);
    }
  /* Within the kind shown: no other of it costs less and scores more. */
  sky_chart_front (n, cost, score, eligible, front);
  /* A margin either side, so that no point sits on the axis. */
  {
    double margin = hi > lo ? (hi - lo) * 0.08 : MAX (lo * 0.1, 1);

    lo = MAX (lo - margin, 0);
    hi = hi + margin;
  }

  /* Scores from about the lowest to the highest shown, within 0 to 100. */
  {
    double margin = MAX ((high_score - low_score) * 0.1, 2);

    scores = sky_chart_value_axis_new_range (MAX (low_score - margin, 0),
                                             MIN (high_score + margin, 100), 5);
  }
  for (guint i = 0; i < scores->n_ticks; i++)
    widest = MAX (widest, text_width (layout, scores->labels[i], NULL));
  left = PAD + widest + TICK + 4;
  top = PAD + line + 6;
  bottom = height - PAD - 2 * line - TICK - 6;
  /* As many cost steps as their labels leave room for. */
  costs = sky_chart_value_axis_new_range (lo, hi, 8);
  {
    double label = 0;

    for (guint i = 0; i < costs->n_ticks; i++)
      label = MAX (label, text_width (layout, costs->labels[i], NULL));
    right = width - PAD - label / 2;
    steps = (guint) CLAMP ((right - left) / (label + 2 * line), 1, 8);
    if (steps < costs->n_ticks - 1)
      {
        g_clear_pointer (&costs, sky_chart_value_axis_free);
        costs = sky_chart_value_axis_new_range (lo, hi, steps);
      }
  }
  if (right - left < 20 || bottom - top < 20)
    return;

#define X(c) (left + ((c) - costs->bottom) / (costs->top - costs->bottom) * (right - left))
#define Y(s) (bottom - ((s) - scores->bottom) / (scores->top - scores->bottom) * (bottom - top))
  /* The grid, the axes, their ticks and titles. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.12);
  for (guint i = 1; i < scores->n_ticks; i++)
    {
      cairo_move_to (cr, left, round (Y (scores->values[i])) + 0.5);
      cairo_line_to (cr, right, round (Y (scores->values[i])) + 0.5);
    }
  for (guint i = 1; i < costs->n_ticks; i++)
    {
      cairo_move_to (cr, round (X (costs->values[i])) + 0.5, top);
      cairo_line_to (cr, round (X (costs->values[i])) + 0.5, bottom);
    }
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.6);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  for (guint i = 0; i < costs->n_ticks; i++)
    {
      cairo_move_to (cr, round (X (costs->values[i])) + 0.5, bottom);
      cairo_line_to (cr, round (X (costs->values[i])) + 0.5, bottom + TICK);
    }
  for (guint i = 0; i < scores->n_ticks; i++)
    {
      cairo_move_to (cr, left - TICK, round (Y (scores->values[i])) + 0.5);
      cairo_line_to (cr, left, round (Y (scores->values[i])) + 0.5);
    }
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.8);
  for (guint i = 0; i < costs->n_ticks; i++)
    show_text (cr, layout, costs->labels[i], X (costs->values[i]), bottom + TICK + 2, 0.5);
  for (guint i = 0; i < scores->n_ticks; i++)
    show_text (cr, layout, scores->labels[i], left - TICK - 3, Y (scores->values[i]) - line / 2,
               1);
  {
    const SkyScoredOption *first = g_ptr_array_index (sc->options, g_array_index (shown, guint, 0));

    /* Translators: the chart's cost axis: the currency and what the cost is per. */
    x_title = g_strdup_printf (_("Cost (%s a %s)"), sc->currency,
                               first->offer == NULL || strcmp (first->cost_unit, "month") == 0
                               ? _("month") : sky_word_title (SKY_VOCABULARY_UNIT,
                                                               first->cost_unit));
  }
  show_text (cr, layout, x_title, (left + right) / 2, bottom + TICK + 4 + line, 0.5);
  show_text (cr, layout, _("Score"), PAD, PAD, 0);

  /* The front, by cost. */
  px = g_new0 (double, n);
  py = g_new0 (double, n);
  for (guint k = 0; k < n; k++)
    {
      px[k] = X (cost[k]);
      py[k] = Y (score[k]);
    }
  {
    g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint k = 0; k < n; k++)
      if (front[k])
        {
          guint at = 0;

          while (at < order->len && cost[g_array_index (order, guint, at)] <= cost[k])
            at++;
          g_array_insert_val (order, at, k);
        }
    gdk_cairo_set_source_rgba (cr, &accent);
    cairo_set_line_width (cr, 2);
    cairo_new_path (cr);
    for (guint a = 0; a < order->len; a++)
      {
        guint k = g_array_index (order, guint, a);

        cairo_line_to (cr, px[k], py[k]);
        g_array_append_val (path_x, px[k]);
        g_array_append_val (path_y, py[k]);
      }
    cairo_stroke (cr);
  }

  /* The points, and a label where one fits: the front's first, then the best ranked. */
  lw = g_new0 (double, n);
  lh = g_new0 (double, n);
  placed = g_new0 (SkyChartRect, n);
  labelled = g_new0 (gboolean, n);
  for (guint k = 0; k < n; k++)
    {
      const SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (shown, guint, k));
      DrawnPoint point = { px[k], py[k], g_array_index (shown, guint, k) };

      lw[k] = text_width (layout, o->name, &lh[k]);
      g_array_append_val (self->drawn, point);
      cairo_new_path (cr);
      cairo_arc (cr, px[k], py[k], RADIUS - 1, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &accent);
      if (front[k])
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
  {
    g_autofree guint *turn = g_new0 (guint, n);
    g_autofree double *tx = g_new0 (double, n), *ty = g_new0 (double, n);
    g_autofree double *tw = g_new0 (double, n), *th = g_new0 (double, n);
    g_autofree SkyChartRect *rects = g_new0 (SkyChartRect, n);
    g_autofree SkyChartRect *crossing = g_new0 (SkyChartRect, n);
    g_autofree gboolean *fits = g_new0 (gboolean, n);
    g_autofree gboolean *crossing_fits = g_new0 (gboolean, n);
    const SkyChartRect plot = { left + 1, top, right - left - 1, bottom - top };
    guint t = 0;

    for (guint pass = 0; pass < 2; pass++)
      for (guint k = 0; k < n; k++)
        if (front[k] == (pass == 0))
          turn[t++] = k;
    for (t = 0; t < n; t++)
      {
        tx[t] = px[turn[t]];
        ty[t] = py[turn[t]];
        tw[t] = lw[turn[t]];
        th[t] = lh[turn[t]];
      }
    /* Off the front's line where that leaves out no label, else as many as fit. */
    if (sky_chart_place_labels (n, tx, ty, tw, th, RADIUS, &plot, path_x->len,
                                (double *) path_x->data, (double *) path_y->data, rects, fits) <
        sky_chart_place_labels (n, tx, ty, tw, th, RADIUS, &plot, 0, NULL, NULL, crossing,
                                crossing_fits))
      {
        memcpy (rects, crossing, n * sizeof (SkyChartRect));
        memcpy (fits, crossing_fits, n * sizeof (gboolean));
      }
    for (t = 0; t < n; t++)
      {
        placed[turn[t]] = rects[t];
        labelled[turn[t]] = fits[t];
      }
  }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.9);
  for (guint k = 0; k < n; k++)
    if (labelled[k])
      {
        const SkyScoredOption *o = g_ptr_array_index (sc->options,
                                                      g_array_index (shown, guint, k));

        pango_layout_set_text (layout, o->name, -1);
        cairo_move_to (cr, round (placed[k].x), round (placed[k].y));
        pango_cairo_show_layout (cr, layout);
      }
#undef X
#undef Y
}

/* An option's name and figures at the pointer, for those whose label did not fit as much as
 * for the others. */
static gboolean
on_chart_query_tooltip (GtkWidget        *widget,
                        int               x,
                        int               y,
                        gboolean          keyboard,
                        GtkTooltip       *tooltip,
                        SkyTradeoffsPage *self)
{
  const DrawnPoint *nearest = NULL;
  double best = (RADIUS + 4) * (RADIUS + 4);
  const SkyScoredOption *o;
  g_autofree char *cost = NULL;
  g_autofree char *text = NULL;
  g_autofree char *score = NULL;

  if (keyboard || self->scoring == NULL)
    return FALSE;
  for (guint i = 0; i < self->drawn->len; i++)
    {
      const DrawnPoint *p = &g_array_index (self->drawn, DrawnPoint, i);
      double d = (p->x - x) * (p->x - x) + (p->y - y) * (p->y - y);

      if (d <= best && p->option < self->scoring->options->len)
        {
          best = d;
          nearest = p;
        }
    }
  if (nearest == NULL)
    return FALSE;
  o = g_ptr_array_index (self->scoring->options, nearest->option);
  cost = sky_currency_format_display (self->scoring->currency, o->cost);
  score = score_text (o->score);
  /* Translators: a point of the chart: the option, its cost with the currency, what the cost
   * is per, and its score. */
  text = g_strdup_printf (_("%s\n%s a %s, score %s"), o->name, cost, cost_per (o), score);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

#undef PAD
#undef TICK
#undef RADIUS

/* Scoring ------------------------------------------------------------------------------------- */

static gpointer
score (SkyCatalog         *catalog,
       const SkyScenario  *scenario,
       GError            **error)
{
  return sky_score_scenario (catalog, scenario, error);
}

static void
scored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (object);
  g_autoptr(GError) error = NULL;
  SkyScoring *scoring;

  if (sky_scenario_task_is_stale (result, self->generation))
    return;
  scoring = sky_scenario_task_finish (result, NULL, &error);
  set_busy (self, FALSE);
  g_clear_pointer (&self->scoring, sky_scoring_free);
  g_clear_pointer (&self->error, g_free);
  self->scoring = scoring;
  if (error != NULL)
    self->error = g_strdup (error->message);
  show_scoring (self);
}

static void
refresh (SkyTradeoffsPage *self)
{
  const SkyScenario *s = scenario (self);
  SkyCatalog *catalog = self->document != NULL
                        ? sky_scenario_document_get_catalog (self->document) : NULL;

  self->generation++;
  if (s == NULL || catalog == NULL || s->candidates->len == 0 || s->criteria->len == 0)
    {
      g_clear_pointer (&self->scoring, sky_scoring_free);
      g_clear_pointer (&self->error, g_free);
      show_scoring (self);
      set_busy (self, FALSE);
      return;
    }
  set_busy (self, TRUE);
  sky_scenario_task_run (self, self->document, self->generation, score,
                         (GDestroyNotify) sky_scoring_free, scored_cb);
}

/* Actions ------------------------------------------------------------------------------------- */

/* The catalog's candidates become the scenario's; criteria are added when it has none. */
static void
use_candidates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (widget);
  g_autoptr(GPtrArray) kept = sky_listing_item_copy_listings (self->candidates);
  SkyScenario *s;

  if (kept->len == 0 || self->document == NULL)
    return;
  s = sky_scenario_document_edit (self->document, NULL);
  for (guint i = 0; i < kept->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (kept, i);
      gboolean known = FALSE;

      for (guint j = 0; j < s->candidates->len && !known; j++)
        {
          SkyCandidate *c = g_ptr_array_index (s->candidates, j);
          known = strcmp (c->provider, l->provider) == 0 && g_strcmp0 (c->sku, l->sku) == 0;
        }
      if (!known)
        {
          SkyCandidate *c = g_new0 (SkyCandidate, 1);
          c->provider = g_strdup (l->provider);
          c->sku = g_strdup (l->sku);
          g_ptr_array_add (s->candidates, c);
        }
    }
  if (s->criteria->len == 0)
    sky_scenario_add_default_criteria (s);
  sky_scenario_document_edited (self->document);
}

static void
add_criterion_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->criterion_entry))));
  g_autofree char *id = NULL;
  SkyScenario *s;
  SkyCriterion *c;
  guint n = 1;

  if (*name == '\0' || self->document == NULL)
    return;
  s = sky_scenario_document_edit (self->document, NULL);
  /* An id from the name: lower case letters and digits, dashes between words. */
  id = g_ascii_strdown (name, -1);
  g_strcanon (id, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
  if (!g_ascii_isalnum (id[0]))
    {
      g_free (id);
      id = g_strdup ("rated");
    }
  for (gboolean taken = TRUE; taken; n++)
    {
      taken = FALSE;
      for (guint i = 0; i < s->criteria->len && !taken; i++)
        taken = strcmp (((SkyCriterion *) g_ptr_array_index (s->criteria, i))->id, id) == 0;
      if (taken)
        {
          g_autofree char *base = g_strdup (id);
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, n + 1);
        }
    }
  c = g_new0 (SkyCriterion, 1);
  c->id = g_steal_pointer (&id);
  c->name = g_steal_pointer (&name);
  c->kind = SKY_CRITERION_RATED;
  c->weight = sky_decimal_from_int (10);
  g_ptr_array_add (s->criteria, c);
  gtk_editable_set_text (GTK_EDITABLE (self->criterion_entry), "");
  sky_scenario_document_edited (self->document);
}

static void
update_use_candidates (SkyTradeoffsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.use-candidates",
                                 self->candidates != NULL &&
                                 g_list_model_get_n_items (self->candidates) > 0);
}

/* Public -------------------------------------------------------------------------------------- */

static void
set_document (SkyTradeoffsPage    *self,
              SkyScenarioDocument *document)
{
  if (!sky_gui_util_watch (&self->document, document, self))
    return;
  if (document != NULL)
    g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh), self);
  g_clear_pointer (&self->shape, g_free);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Takes candidates from @candidates, the catalog's kept offers. */
static void
set_candidates (SkyTradeoffsPage *self,
                GListModel       *candidates)
{
  if (!sky_gui_util_watch (&self->candidates, candidates, self))
    return;
  if (candidates != NULL)
    g_signal_connect_swapped (candidates, "items-changed", G_CALLBACK (update_use_candidates),
                              self);
  update_use_candidates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATES]);
}

const SkyScoring *
sky_tradeoffs_page_get_scoring (SkyTradeoffsPage *self)
{
  g_return_val_if_fail (SKY_IS_TRADEOFFS_PAGE (self), NULL);
  return self->scoring;
}

/* The options the chart shows now: those of the kind chosen, by rank. */
GArray *
sky_tradeoffs_page_dup_shown_options (SkyTradeoffsPage *self)
{
  g_return_val_if_fail (SKY_IS_TRADEOFFS_PAGE (self), NULL);
  return shown_options (self);
}

/* What the chart tells a screen reader (its accessible description) about what it shows now. */
const char *
sky_tradeoffs_page_get_chart_description (SkyTradeoffsPage *self)
{
  g_return_val_if_fail (SKY_IS_TRADEOFFS_PAGE (self), NULL);
  return self->chart_description != NULL ? self->chart_description : "";
}

/* The view of cost against availability, one of the page's two. */
SkyAvailabilityView *
sky_tradeoffs_page_get_availability_view (SkyTradeoffsPage *self)
{
  g_return_val_if_fail (SKY_IS_TRADEOFFS_PAGE (self), NULL);
  return self->availability_view;
}

/* Shows the view named @name: "candidates" (the ranking) or "availability". */
void
sky_tradeoffs_page_show_view (SkyTradeoffsPage *self,
                              const char       *name)
{
  g_return_if_fail (SKY_IS_TRADEOFFS_PAGE (self));
  gtk_stack_set_visible_child_name (self->views, name);
}

gboolean
sky_tradeoffs_page_get_busy (SkyTradeoffsPage *self)
{
  g_return_val_if_fail (SKY_IS_TRADEOFFS_PAGE (self), FALSE);
  return self->busy;
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_tradeoffs_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CANDIDATES:
      g_value_set_object (value, self->candidates);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_tradeoffs_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (SKY_TRADEOFFS_PAGE (object), g_value_get_object (value));
      break;
    case PROP_CANDIDATES:
      set_candidates (SKY_TRADEOFFS_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_tradeoffs_page_dispose (GObject *object)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (object);

  self->generation++;
  sky_gui_util_watch (&self->document, NULL, self);
  sky_gui_util_watch (&self->candidates, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_TRADEOFFS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_array_unref);

  G_OBJECT_CLASS (sky_tradeoffs_page_parent_class)->dispose (object);
}

static void
sky_tradeoffs_page_finalize (GObject *object)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (object);

  g_clear_pointer (&self->scoring, sky_scoring_free);
  g_free (self->error);
  g_free (self->shape);
  g_free (self->chart_description);

  G_OBJECT_CLASS (sky_tradeoffs_page_parent_class)->finalize (object);
}

static void
sky_tradeoffs_page_class_init (SkyTradeoffsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_tradeoffs_page_get_property;
  object_class->set_property = sky_tradeoffs_page_set_property;
  object_class->dispose = sky_tradeoffs_page_dispose;
  object_class->finalize = sky_tradeoffs_page_finalize;

  /* The scenario whose candidates are ranked, and whose weights and ratings are edited. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The catalog's kept offers (SkyListingItem), which page.use-candidates makes the
   * scenario's. */
  properties[PROP_CANDIDATES] =
    g_param_spec_object ("candidates", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Scoring is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SKY_TYPE_AVAILABILITY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-tradeoffs-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyTradeoffsPage, name)
  CHILD (stack);
  CHILD (views);
  CHILD (availability_view);
  CHILD (status_label);
  CHILD (ranking_group);
  CHILD (weights_group);
  CHILD (ratings_group);
  CHILD (sensitivity_group);
  CHILD (chart);
  CHILD (kind_dropdown);
  CHILD (criterion_entry);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "page.use-candidates", NULL,
                                   use_candidates_action);
  gtk_widget_class_install_action (widget_class, "page.add-criterion", NULL,
                                   add_criterion_action);
}

static void
on_criterion_entry_activate (SkyTradeoffsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.add-criterion", NULL);
}

static void
sky_tradeoffs_page_init (SkyTradeoffsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->kinds = g_ptr_array_new_with_free_func (g_free);
  self->drawn = g_array_new (FALSE, FALSE, sizeof (DrawnPoint));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  g_signal_connect (self->chart, "query-tooltip", G_CALLBACK (on_chart_query_tooltip), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_chosen),
                            self);
  g_signal_connect_swapped (self->criterion_entry, "activate",
                            G_CALLBACK (on_criterion_entry_activate), self);
  update_use_candidates (self);
  show_scoring (self);
}
