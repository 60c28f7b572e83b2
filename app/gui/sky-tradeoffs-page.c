/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-tradeoffs-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-currency.h"
#include "sky-gui-util.h"
#include "sky-listing-item.h"
#include "sky-scenario-task.h"
#include "sky-score.h"
#include "sky-terms.h"
#include "sky-tradeoffs-page.h"

/* The Trade-offs page: the scenario's candidates ranked by its weighted criteria, the weights
 * on sliders with the ranking following, ratings, how far each weight can move before the top
 * choice changes, and a chart of cost against score with the options no other beats on both.
 * Scoring runs in a worker thread on a copy of the scenario. */
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

  GtkStack            *stack;
  GtkLabel            *status_label;
  AdwPreferencesGroup *ranking_group;
  AdwPreferencesGroup *weights_group;
  AdwPreferencesGroup *ratings_group;
  AdwPreferencesGroup *sensitivity_group;
  GtkDrawingArea      *chart;
  GtkEntry            *criterion_entry;
};

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

static char *
chart_description (SkyTradeoffsPage *self)
{
  GString *text = g_string_new (_("Cost against score. "));
  SkyScoring *sc = self->scoring;

  for (guint r = 0; sc != NULL && r < sc->order->len; r++)
    {
      SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (sc->order, guint, r));
      g_autofree char *cost = sky_currency_format_display (sc->currency, o->cost);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      /* Translators: an option, its cost and what it is per, and its score. */
      g_string_append_printf (text, _("%s costs %s a %s and scores %s"), o->label, cost,
                              sky_word_title (SKY_VOCABULARY_UNIT, o->cost_unit),
                              g_ascii_formatd (buffer, sizeof buffer, "%.1f", o->score));
      g_string_append (text, o->pareto ? _(", on the front. ") : ". ");
    }
  return g_string_free (text, FALSE);
}

static void
show_scoring (SkyTradeoffsPage *self)
{
  const SkyScenario *s = scenario (self);
  SkyScoring *sc = self->scoring;
  g_autofree char *description = NULL;

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

  description = chart_description (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* The chart ----------------------------------------------------------------------------------- */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SkyTradeoffsPage *self = user_data;
  SkyScoring *sc = self->scoring;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };
  const double left = 56, right = 24, top = 16, bottom = 40;
  double lo = INFINITY, hi = -INFINITY;
  g_autoptr(GArray) front = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoLayout *layout;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  if (sc == NULL || sc->options->len == 0)
    return;
  for (guint i = 0; i < sc->options->len; i++)
    {
      const SkyScoredOption *o = g_ptr_array_index (sc->options, i);
      double c = sky_decimal_to_double (o->cost);
      lo = MIN (lo, c);
      hi = MAX (hi, c);
    }
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }

#define X(c) (left + ((c) - lo) / (hi - lo) * (width - left - right))
#define Y(s) (top + (100 - (s)) / 100 * (height - top - bottom))
  /* Axes and their labels. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, height - bottom);
  cairo_line_to (cr, width - right, height - bottom);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  {
    g_autofree char *x_label = g_strdup_printf (_("Cost (%s)"), sc->currency);
    pango_layout_set_text (layout, x_label, -1);
    cairo_move_to (cr, width / 2.0, height - bottom + 18);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_text (layout, _("Score"), -1);
    cairo_move_to (cr, 6, top);
    pango_cairo_show_layout (cr, layout);
  }

  /* The front: the undominated options, by cost. */
  for (guint i = 0; i < sc->options->len; i++)
    if (((SkyScoredOption *) g_ptr_array_index (sc->options, i))->pareto)
      g_array_append_val (front, i);
  for (guint a = 0; a < front->len; a++)
    for (guint b = a + 1; b < front->len; b++)
      {
        SkyScoredOption *x = g_ptr_array_index (sc->options, g_array_index (front, guint, a));
        SkyScoredOption *y = g_ptr_array_index (sc->options, g_array_index (front, guint, b));
        if (sky_decimal_compare (y->cost, x->cost) < 0)
          {
            guint t = g_array_index (front, guint, a);
            g_array_index (front, guint, a) = g_array_index (front, guint, b);
            g_array_index (front, guint, b) = t;
          }
      }
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  cairo_new_path (cr);
  for (guint a = 0; a < front->len; a++)
    {
      SkyScoredOption *o = g_ptr_array_index (sc->options, g_array_index (front, guint, a));
      if (a == 0)
        cairo_move_to (cr, X (sky_decimal_to_double (o->cost)), Y (o->score));
      else
        cairo_line_to (cr, X (sky_decimal_to_double (o->cost)), Y (o->score));
    }
  cairo_stroke (cr);

  for (guint i = 0; i < sc->options->len; i++)
    {
      SkyScoredOption *o = g_ptr_array_index (sc->options, i);
      double x = X (sky_decimal_to_double (o->cost)), y = Y (o->score);

      cairo_new_path (cr);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &accent);
      if (o->pareto)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      pango_layout_set_text (layout, o->name, -1);
      cairo_new_path (cr);
      cairo_move_to (cr, MIN (x + 9, width - right - 80), y - 9);
      pango_cairo_show_layout (cr, layout);
    }
#undef X
#undef Y
  g_object_unref (layout);
}

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

  G_OBJECT_CLASS (sky_tradeoffs_page_parent_class)->dispose (object);
}

static void
sky_tradeoffs_page_finalize (GObject *object)
{
  SkyTradeoffsPage *self = SKY_TRADEOFFS_PAGE (object);

  g_clear_pointer (&self->scoring, sky_scoring_free);
  g_free (self->error);
  g_free (self->shape);

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

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-tradeoffs-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyTradeoffsPage, name)
  CHILD (status_label);
  CHILD (ranking_group);
  CHILD (weights_group);
  CHILD (ratings_group);
  CHILD (sensitivity_group);
  CHILD (chart);
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
  /* The template's root: the bin's own child, not bound, so that disposing the template does
   * not let it go twice. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  self->rows = g_ptr_array_new ();
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  g_signal_connect_swapped (self->criterion_entry, "activate",
                            G_CALLBACK (on_criterion_entry_activate), self);
  update_use_candidates (self);
  show_scoring (self);
}
