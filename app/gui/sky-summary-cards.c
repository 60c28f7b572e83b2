/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-summary-cards"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-availability.h"
#include "sky-currency.h"
#include "sky-freshness.h"
#include "sky-gui-util.h"
#include "sky-sla.h"
#include "sky-summary-cards.h"
#include "sky-scenario-task.h"

/* The answer at a glance, at the top of the Scenario and Budget pages: one card per provider
 * with its monthly total, upfront, first year and term total, whether it prices every line,
 * its budget verdict as an icon and a few words, and the cheapest complete provider marked.
 * The summary (sky-summary.c) is made of the document's estimate and of the document's
 * projections (the Budget page's, and the term's when it is another number of months), each
 * time the estimate changes or the term is chosen, while the cards are shown. */
struct _SkySummaryCards
{
  AdwBin               parent_instance;

  SkyScenarioDocument *document;
  SkySummary          *summary;
  guint                generation;
  guint                term_months;  /* of the summary being made */
  SkySummaryTerm       term;
  SkyProjection       *budget;       /* its budget's projection, while its term's is made */
  gboolean             busy;
  gboolean             dirty;     /* the estimate changed while the cards were not shown */
  gboolean             narrow;    /* the cards not held side by side (a narrow window) */


  GtkLabel            *term_label;
  GtkDropDown         *term_dropdown;
  GtkFlowBox          *flow;
};

G_DEFINE_FINAL_TYPE (SkySummaryCards, sky_summary_cards, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The term's months for each entry of the drop-down: 0 for the scenario's own. */
static const guint term_choices[] = { 0, 12, 24, 36, 60 };

/* Cards --------------------------------------------------------------------------------------- */

static char *
money (const SkySummary *summary,
       SkyDecimal        amount)
{
  return sky_currency_format_display (summary->currency, amount);
}

static GtkWidget *
label_with (const char *text,
            const char *first_class,
            ...)
{
  GtkWidget *label = gtk_label_new (text);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A wrapping label asks for its whole text's width: bounded, cards fit side by side on a
   * narrow window before the flow box wraps them. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  va_start (args, first_class);
  for (const char *c = first_class; c != NULL; c = va_arg (args, const char *))
    gtk_widget_add_css_class (label, c);
  va_end (args);
  return label;
}

/* A row of the card: a dim name on the left, a figure on the right. */
static void
add_figure (GtkGrid    *grid,
            int         row,
            const char *name,
            const char *figure,
            const char *widget_name)
{
  GtkWidget *left = label_with (name, "dim-label", NULL);
  GtkWidget *right = label_with (figure, "numeric", NULL);

  /* Names and money are never cut or wrapped. */
  gtk_label_set_wrap (GTK_LABEL (left), FALSE);
  gtk_label_set_wrap (GTK_LABEL (right), FALSE);
  gtk_label_set_xalign (GTK_LABEL (right), 1);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_widget_set_name (right, widget_name);
  if (g_strcmp0 (widget_name, "first-year") == 0 || g_strcmp0 (widget_name, "term-total") == 0)
    gtk_widget_set_tooltip_text (left, _("The projection's cash: growth, start months and "
                                         "upfront fees in their months"));
  gtk_grid_attach (grid, left, 0, row, 1, 1);
  gtk_grid_attach (grid, right, 1, row, 1, 1);
}

/* A line with an icon and a few words, in a state's colour ("success", "warning", "error"). */
static GtkWidget *
mark (const char *icon_name,
      const char *text,
      const char *style,
      const char *widget_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = label_with (text, NULL);

  gtk_widget_set_name (label, widget_name);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  if (style != NULL)
    {
      gtk_widget_add_css_class (image, style);
      gtk_widget_add_css_class (label, style);
    }
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* The verdict names a calendar month ("Over from September 2028") when the scenario has a
 * start month, as the Budget page does. */
static GtkWidget *
verdict_mark (const SkySummary         *summary,
              const SkySummaryProvider *p,
              const SkyScenario        *scenario)
{
  g_autofree char *text = scenario != NULL
                          ? sky_summary_verdict_calendar_display (summary, p, scenario)
                          : sky_summary_verdict_display (summary, p);

  switch (p->verdict)
    {
    case SKY_BUDGET_WITHIN:
      return mark ("emblem-ok-symbolic", text, "success", "verdict");
    case SKY_BUDGET_OVER:
      return mark ("dialog-error-symbolic", text, "error", "verdict");
    case SKY_BUDGET_CANNOT_JUDGE:
      return mark ("dialog-question-symbolic", text, "warning", "verdict");
    case SKY_BUDGET_NONE:
    default:
      return mark ("action-unavailable-symbolic", text, "dim-label", "verdict");
    }
}

/* "Prices as of 2025-06-01 (18 months old)": how old @p's prices are (its oldest sheet's) on
 * the day @estimate ages them to, with each sheet's age in its tooltip when it has several;
 * NULL without a date. The one place a page says it per provider: a notice says which are
 * older than the preference. */
static GtkWidget *
prices_age (const SkyEstimate        *estimate,
            const SkySummaryProvider *p)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (p->prices_as_of == NULL || estimate == NULL)
    return NULL;
  text = sky_freshness_describe (p->prices_as_of, estimate->today);
  if (text == NULL)
    return NULL;
  label = label_with (text, "dim-label", "caption", NULL);
  gtk_widget_set_name (label, "prices-as-of");
  for (guint i = 0; i < estimate->providers->len; i++)
    {
      const SkyEstimateProvider *ep = g_ptr_array_index (estimate->providers, i);

      if (g_strcmp0 (ep->provider, p->provider) == 0 && ep->sheets->len > 1)
        {
          g_autofree char *sheets = sky_estimate_provider_freshness (estimate, ep);

          gtk_widget_set_tooltip_text (label, sheets);
        }
    }
  return label;
}

static GtkWidget *
new_card (const SkySummary         *summary,
          const SkySummaryProvider *p,
          const SkyEstimate        *estimate,
          const SkyScenario        *scenario)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = label_with (p->provider_short_name, "heading", NULL);
  g_autofree char *monthly = money (summary, p->monthly);
  g_autofree char *upfront = money (summary, p->upfront);
  g_autofree char *first_year = money (summary, p->first_year);
  g_autofree char *term_total = money (summary, p->term_total);
  g_autofree char *term_name = g_strdup_printf (_("%u months"), summary->term_months);
  GtkWidget *big = label_with (monthly, "title-1", "numeric", NULL);
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "summary-card");
  gtk_widget_set_size_request (card, 200, -1);
  gtk_widget_set_margin_top (head, 12);
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 12);
  gtk_widget_set_tooltip_text (name, p->provider_name);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_name (name, "provider");
  gtk_box_append (GTK_BOX (head), name);
  if (p->cheapest)
    {
      GtkWidget *badge = label_with (summary->n_cheapest > 1 ? _("★ Cheapest, tied")
                                                             : _("★ Cheapest"),
                                     "cheapest-badge", "accent", "caption-heading", NULL);

      gtk_widget_set_name (badge, "cheapest");
      gtk_widget_add_css_class (card, "cheapest");
      gtk_widget_set_tooltip_text (badge, _("The lowest term total of the providers that price "
                                            "every line"));
      gtk_box_append (GTK_BOX (head), badge);
    }
  gtk_box_append (GTK_BOX (card), head);

  gtk_label_set_wrap (GTK_LABEL (big), FALSE);
  gtk_widget_set_name (big, "monthly");
  gtk_widget_set_margin_start (big, 12);
  gtk_widget_set_margin_end (big, 12);
  gtk_box_append (GTK_BOX (card), big);
  {
    GtkWidget *a_month = label_with (_("a month"), "dim-label", "caption", NULL);

    gtk_widget_set_margin_start (a_month, 12);
    gtk_box_append (GTK_BOX (card), a_month);
  }

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  add_figure (GTK_GRID (grid), 0, _("Upfront"), upfront, "upfront");
  add_figure (GTK_GRID (grid), 1, _("First year"), first_year, "first-year");
  {
    /* Translators: the term total's name on a summary card, with its months. */
    g_autofree char *term_title = g_strdup_printf (_("Term (%s)"), term_name);
    add_figure (GTK_GRID (grid), 2, term_title, term_total, "term-total");
  }
  gtk_box_append (GTK_BOX (card), grid);

  {
    GtkWidget *marks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
    g_autofree char *unpriced = NULL;

    gtk_widget_set_margin_start (marks, 12);
    gtk_widget_set_margin_end (marks, 12);
    gtk_widget_set_margin_bottom (marks, 12);
    gtk_widget_set_margin_top (marks, 4);
    if (p->complete)
      gtk_box_append (GTK_BOX (marks), mark ("object-select-symbolic", _("Every line priced"),
                                             NULL, "complete"));
    else
      {
        /* Translators: a provider's lines that it has no offer for. */
        unpriced = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line not priced",
                                                 "%u lines not priced", p->n_unpriced),
                                    p->n_unpriced);
        gtk_box_append (GTK_BOX (marks), mark ("dialog-warning-symbolic", unpriced, "warning",
                                               "complete"));
      }
    gtk_box_append (GTK_BOX (marks), verdict_mark (summary, p, scenario));
    {
      GtkWidget *age = prices_age (estimate, p);

      if (age != NULL)
        gtk_box_append (GTK_BOX (marks), age);
    }
    gtk_box_append (GTK_BOX (card), marks);
  }

  /* Translators: a summary card read out: provider, monthly total, term total. */
  accessible = g_strdup_printf (_("%s: %s a month, %s over %s"), p->provider_name, monthly,
                                term_total, term_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return card;
}

/* Under the budget verdict of @card, its provider's composite availability and downtime a
 * month ("99.94 % · about 26.3 minutes down a month"), the arithmetic in its tooltip; short of
 * the required availability it is marked as an incomplete price is; a provider whose
 * availability cannot be judged says why. */
static void
add_availability (GtkWidget             *card,
                  const SkyAvailability *availability,
                  const char            *provider)
{
  const SkyAvailabilityProvider *p = availability != NULL
                                     ? sky_availability_find (availability, provider) : NULL;
  GtkWidget *verdict = NULL;
  GtkWidget *marks = gtk_widget_get_last_child (card);
  GtkWidget *line;
  g_autofree char *text = NULL;
  g_autofree char *explanation = NULL;
  const char *icon = "network-server-symbolic", *style = NULL;

  if (p == NULL || marks == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (marks); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_last_child (child) != NULL &&
        g_strcmp0 (gtk_widget_get_name (gtk_widget_get_last_child (child)), "verdict") == 0)
      verdict = child;
  explanation = sky_availability_explain (availability, p, SKY_EXPLAIN_DISPLAY);
  if (p->parts->len == 0)
    {
      text = g_strdup (_("Availability not known: no line's service publishes an SLA"));
      icon = "dialog-question-symbolic";
      style = "dim-label";
    }
  else if (!p->complete)
    {
      const SkyAvailabilityLine *first = g_ptr_array_index (p->unknown, 0);

      /* Translators: why a provider's availability cannot be judged: a line and its reason. */
      text = g_strdup_printf (_("Availability not known: %s: %s"), first->label, first->reason);
      icon = "dialog-question-symbolic";
      style = "warning";
    }
  else
    {
      g_autofree char *percent = sky_availability_format_percent (p->availability,
                                                                  SKY_EXPLAIN_DISPLAY);
      g_autofree char *down = sky_availability_format_downtime (p->downtime_month,
                                                                SKY_EXPLAIN_DISPLAY);
      g_autofree char *judged = sky_availability_verdict (availability, p,
                                                          SKY_EXPLAIN_DISPLAY);

      /* Translators: a provider's availability and its downtime a month, as in "99.94 % ·
       * about 26.3 minutes down a month". */
      text = g_strdup_printf (_("%s · about %s down a month"), percent, down);
      if (judged != NULL)
        {
          g_autofree char *plain = g_steal_pointer (&text);

          /* Translators: the verdict against the required availability ("Short of
           * 99.99 %"), then the availability and its downtime. */
          text = g_strdup_printf (_("%s: %s"), judged, plain);
          icon = p->short_of_required ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
          style = p->short_of_required ? "warning" : "success";
        }
    }
  line = mark (icon, text, style, "availability");
  gtk_widget_set_tooltip_text (line, explanation);
  if (verdict != NULL)
    gtk_box_insert_child_after (GTK_BOX (marks), line, verdict);
  else
    gtk_box_append (GTK_BOX (marks), line);
}

/* Whether the document's estimate prices its scenario as it is now: an edit is priced again
 * before the estimate follows. */
static gboolean
estimate_matches (SkySummaryCards *self)
{
  const SkyEstimate *e = self->document != NULL
                         ? sky_scenario_document_get_estimate (self->document) : NULL;
  const SkyScenario *s = self->document != NULL
                         ? sky_scenario_document_get_scenario (self->document) : NULL;

  if (e == NULL || s == NULL)
    return FALSE;
  for (guint i = 0; i < e->providers->len; i++)
    if (((SkyEstimateProvider *) g_ptr_array_index (e->providers, i))->lines->len !=
        s->lines->len)
      return FALSE;
  return TRUE;
}

static void
show_summary (SkySummaryCards *self)
{
  g_autoptr(SkyAvailability) availability = NULL;

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
  gtk_widget_set_visible (adw_bin_get_child (ADW_BIN (self)),
                          self->summary != NULL && self->summary->providers->len > 0);
  if (self->summary == NULL)
    return;
  {
    g_autofree char *term = sky_summary_term_text (self->summary);
    g_autofree char *text = NULL;

    if (self->summary->n_cheapest > 1)
      /* Translators: the summary's term, and that several providers cost the same. */
      text = g_strdup_printf (_("Summary over %s; %u providers tie as the cheapest"), term,
                              self->summary->n_cheapest);
    else if (self->summary->n_cheapest == 0)
      text = g_strdup_printf (_("Summary over %s; no provider prices every line, so none is "
                                "called the cheapest"), term);
    else
      /* Translators: the summary's term ("36 months (the projection)"). */
      text = g_strdup_printf (_("Summary over %s"), term);
    gtk_label_set_label (self->term_label, text);
  }
  /* Up to three cards side by side even on a narrow window (800 px): they shrink to their
   * figures' width before the flow box wraps them onto rows of their own. */
  gtk_flow_box_set_min_children_per_line (self->flow,
                                          self->narrow ? 1
                                                       : CLAMP (self->summary->providers->len,
                                                                1, 3));
  if (estimate_matches (self))
    availability = sky_availability_compute (sky_scenario_document_get_estimate (self->document),
                                             sky_scenario_document_get_scenario (self->document),
                                             sky_sla_table_get_default ());
  for (guint i = 0; i < self->summary->providers->len; i++)
    {
      const SkySummaryProvider *p = g_ptr_array_index (self->summary->providers, i);
      GtkWidget *card = new_card (self->summary, p,
                                  self->document != NULL
                                  ? sky_scenario_document_get_estimate (self->document)
                                  : NULL,
                                  self->document != NULL
                                  ? sky_scenario_document_get_scenario (self->document)
                                  : NULL);

      add_availability (card, availability, p->provider);
      gtk_flow_box_append (self->flow, card);
    }
}

/* Summing up ---------------------------------------------------------------------------------- */

static void
set_busy (SkySummaryCards *self,
          gboolean         busy)
{
  sky_gui_util_set_flag (G_OBJECT (self), &self->busy, busy, properties[PROP_BUSY]);
}

/* The summary of the document's estimate, from @budget and @term's projections of @scenario. */
static void
summarize (SkySummaryCards     *self,
           const SkyScenario   *scenario,
           const SkyProjection *budget,
           const SkyProjection *term,
           const GError        *failed)
{
  const SkyEstimate *estimate = self->document != NULL
                                ? sky_scenario_document_get_estimate (self->document) : NULL;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  g_clear_pointer (&self->summary, sky_summary_free);
  if (failed != NULL)
    g_debug ("No summary: %s", failed->message);
  else if (estimate != NULL)
    self->summary = sky_summary_new (scenario, estimate, budget, term, self->term, &error);
  if (error != NULL)
    g_debug ("No summary: %s", error->message);
  show_summary (self);
}

static void
term_projected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SkySummaryCards *self = SKY_SUMMARY_CARDS (object);
  g_autoptr(SkyProjection) term = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(SkyProjection) budget = NULL;
  g_autoptr(GError) error = NULL;

  if (sky_scenario_task_is_stale (result, self->generation))
    return;
  budget = g_steal_pointer (&self->budget);
  term = sky_scenario_task_finish (result, &scenario, &error);
  summarize (self, scenario, budget, term, error);
}

/* The budget's projection, the Budget page's own: the summary's verdict; and its first year
 * and term total too unless the term is another number of months. */
static void
budget_projected_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SkySummaryCards *self = SKY_SUMMARY_CARDS (object);
  g_autoptr(SkyProjection) budget = NULL;
  g_autoptr(SkyScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  if (sky_scenario_task_is_stale (result, self->generation))
    return;
  budget = sky_scenario_task_finish (result, &scenario, &error);
  if (budget != NULL && budget->months != self->term_months && self->document != NULL &&
      sky_scenario_document_get_catalog (self->document) != NULL)
    {
      g_clear_pointer (&self->budget, sky_projection_free);
      self->budget = g_steal_pointer (&budget);
      sky_scenario_task_project (self, self->document, self->generation, self->term_months,
                                 term_projected_cb);
      return;
    }
  summarize (self, scenario, budget, budget, error);
}

/* Sums the document's estimate up again, with the document's projections; only while the
 * cards are shown, else when they next are. */
static void
refresh (SkySummaryCards *self)
{
  const SkyScenario *s = self->document != NULL
                         ? sky_scenario_document_get_scenario (self->document) : NULL;
  SkyCatalog *catalog = self->document != NULL
                        ? sky_scenario_document_get_catalog (self->document) : NULL;
  guint selected = gtk_drop_down_get_selected (self->term_dropdown);

  self->generation++;
  g_clear_pointer (&self->budget, sky_projection_free);
  set_busy (self, FALSE);
  self->dirty = FALSE;
  if (s == NULL || catalog == NULL || s->lines->len == 0 || s->providers->len == 0 ||
      sky_scenario_document_get_estimate (self->document) == NULL)
    {
      g_clear_pointer (&self->summary, sky_summary_free);
      show_summary (self);
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->term = SKY_SUMMARY_TERM_CHOSEN;
  self->term_months = selected < G_N_ELEMENTS (term_choices) ? term_choices[selected] : 0;
  if (self->term_months == 0)
    self->term_months = sky_summary_default_term (s, &self->term);
  set_busy (self, TRUE);
  sky_scenario_task_project (self, self->document, self->generation, 0, budget_projected_cb);
}

static void
on_map (SkySummaryCards *self)
{
  if (self->dirty)
    refresh (self);
}

static void
set_document (SkySummaryCards     *self,
              SkyScenarioDocument *document)
{
  if (!sky_gui_util_watch (&self->document, document, self))
    return;
  if (document != NULL)
    g_signal_connect_swapped (document, "notify::estimate", G_CALLBACK (refresh), self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Public -------------------------------------------------------------------------------------- */

GtkWidget *
sky_summary_cards_new (void)
{
  return g_object_new (SKY_TYPE_SUMMARY_CARDS, NULL);
}

/* The summary the cards show; NULL before the first is made (the cards make one while they
 * are shown) or without providers. */
const SkySummary *
sky_summary_cards_get_summary (SkySummaryCards *self)
{
  g_return_val_if_fail (SKY_IS_SUMMARY_CARDS (self), NULL);
  return self->summary;
}

gboolean
sky_summary_cards_get_busy (SkySummaryCards *self)
{
  g_return_val_if_fail (SKY_IS_SUMMARY_CARDS (self), FALSE);
  return self->busy;
}

/* The card of the summary's provider @index, or NULL. */
GtkWidget *
sky_summary_cards_get_card (SkySummaryCards *self,
                            guint            index)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (SKY_IS_SUMMARY_CARDS (self), NULL);

  child = gtk_flow_box_get_child_at_index (self->flow, (int) index);
  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

/* In a window narrower than 900 pixels the cards are not held side by side, which would keep
 * the window wider than a phone's: they wrap at their natural width, down to one a row. */
void
sky_summary_cards_set_narrow (SkySummaryCards *self,
                              gboolean         narrow)
{
  g_return_if_fail (SKY_IS_SUMMARY_CARDS (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  if (self->summary != NULL)
    gtk_flow_box_set_min_children_per_line (self->flow,
                                            narrow ? 1
                                                   : CLAMP (self->summary->providers->len,
                                                            1, 3));
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_summary_cards_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, SKY_SUMMARY_CARDS (object)->document);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, SKY_SUMMARY_CARDS (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_summary_cards_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (SKY_SUMMARY_CARDS (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_summary_cards_dispose (GObject *object)
{
  SkySummaryCards *self = SKY_SUMMARY_CARDS (object);

  self->generation++;
  sky_gui_util_watch (&self->document, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_SUMMARY_CARDS);

  G_OBJECT_CLASS (sky_summary_cards_parent_class)->dispose (object);
}

static void
sky_summary_cards_finalize (GObject *object)
{
  SkySummaryCards *self = SKY_SUMMARY_CARDS (object);

  g_clear_pointer (&self->summary, sky_summary_free);
  g_clear_pointer (&self->budget, sky_projection_free);

  G_OBJECT_CLASS (sky_summary_cards_parent_class)->finalize (object);
}

static void
sky_summary_cards_class_init (SkySummaryCardsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_summary_cards_get_property;
  object_class->set_property = sky_summary_cards_set_property;
  object_class->dispose = sky_summary_cards_dispose;
  object_class->finalize = sky_summary_cards_finalize;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/skytally/Skytally/"
                                               "sky-summary-cards.ui");
  gtk_widget_class_bind_template_child (widget_class, SkySummaryCards, term_label);
  gtk_widget_class_bind_template_child (widget_class, SkySummaryCards, term_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkySummaryCards, flow);
  gtk_widget_class_set_css_name (widget_class, "summarycards");
}

static void
sky_summary_cards_init (SkySummaryCards *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->term_dropdown, "notify::selected", G_CALLBACK (refresh),
                            self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
