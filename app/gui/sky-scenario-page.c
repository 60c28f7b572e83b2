/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-scenario-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-terms.h"
#include "sky-currency.h"
#include "sky-freshness.h"
#include "sky-gui-util.h"
#include "sky-keyboard.h"
#include "sky-summary-cards.h"
#include "sky-line-dialog.h"
#include "sky-listing-item.h"
#include "sky-scenario-page.h"
#include "sky-index-item.h"
#include "sky-side-pane.h"
#include "sky-sla.h"

/* The Scenario page: a workload's lines, priced on each provider side by side, with every
 * figure's arithmetic for the selected line and each provider's totals. It shows and edits
 * its document's scenario, and shows what the document priced. */
struct _SkyScenarioPage
{
  AdwBin               parent_instance;

  SkyScenarioDocument *document;
  GListModel          *candidates;
  GListStore          *rows;         /* SkyIndexItem */
  GtkSingleSelection  *selection;
  GPtrArray           *provider_columns;
  gboolean             filling;      /* the widgets are being set from the scenario */
  GHashTable          *bound;        /* GtkListItem → its factory: the cells shown */
  guint                stale_after_days;

  GtkEntry            *name_entry;
  GtkDropDown         *currency_dropdown;
  GtkSpinButton       *hours_spin;
  GtkEntry            *availability_entry;
  GtkCheckButton      *dev_test_check;
  GtkMenuButton       *providers_button;
  GtkBox              *providers_box;
  GtkLabel            *status_label;
  GtkBox              *notice_box;
  GtkLabel            *notice_label;
  GtkSpinner          *busy_spinner;
  GtkStack            *stack;
  GtkPaned            *paned;
  GtkColumnView       *lines_view;
  GtkBox              *details_box;

  GtkWidget           *line_menu;    /* the selected line's menu, from the keyboard */
  GtkWidget           *menu_focus;   /* weak: where the focus was when the menu opened */
  GSimpleActionGroup  *line_actions; /* line.term: the selected line's purchase option */
};

G_DEFINE_FINAL_TYPE (SkyScenarioPage, sky_scenario_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CANDIDATES,
  PROP_STALE_AFTER_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The currencies offered for reporting; a scenario's own is added when it is another. */
static const char * const currencies[] = {
  "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "BRL", "SEK", "NOK", "DKK", "PLN",
  "SGD", "HKD", "CNY", NULL
};

static void update_rows  (SkyScenarioPage *self);
static void fill_widgets (SkyScenarioPage *self);

/* The document's scenario, and its estimate, as shown. */
static const SkyScenario *
scenario (SkyScenarioPage *self)
{
  return sky_scenario_document_get_scenario (self->document);
}

static const SkyEstimate *
estimate (SkyScenarioPage *self)
{
  return sky_scenario_document_get_estimate (self->document);
}

/* Undo ------------------------------------------------------------------------------------- */

static void
update_undo_actions (SkyScenarioPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo",
                                 self->document != NULL &&
                                 sky_scenario_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.redo",
                                 self->document != NULL &&
                                 sky_scenario_document_get_can_redo (self->document));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);

  if (self->document != NULL)
    sky_scenario_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);

  if (self->document != NULL)
    sky_scenario_document_redo (self->document);
}

/* Table ------------------------------------------------------------------------------------ */

static const SkyEstimateLine *
estimate_line (SkyScenarioPage *self,
               guint            provider,
               guint            line)
{
  SkyEstimateProvider *p;

  if (estimate (self) == NULL || provider >= estimate (self)->providers->len)
    return NULL;
  p = g_ptr_array_index (estimate (self)->providers, provider);
  return line < p->lines->len ? g_ptr_array_index (p->lines, line) : NULL;
}

/* How priced line @line of @provider is worked out, its figures in the reader's locale. */
static char *
explanation_display (SkyScenarioPage *self,
                     guint            provider,
                     guint            line)
{
  const SkyEstimateProvider *p = g_ptr_array_index (estimate (self)->providers, provider);
  const SkyEstimateLine *l = g_ptr_array_index (p->lines, line);

  return sky_explain_line (p->provider_name, l->offer != NULL ? l->offer->sheet_version : NULL,
                           l->steps, SKY_EXPLAIN_DISPLAY);
}

/* The rows after the lines: each provider's totals. */
enum {
  ROW_MONTHLY_TOTAL = G_MAXUINT - 2,
  ROW_UPFRONT_TOTAL = G_MAXUINT - 1,
  ROW_YEARLY_TOTAL = G_MAXUINT,
};

typedef enum
{
  COLUMN_LABEL,
  COLUMN_GROUP,
  COLUMN_QUANTITY,
  COLUMN_USAGE,
  COLUMN_TERM,
  COLUMN_PROVIDER,   /* one per provider, from here */
} Column;

static gboolean
is_total_row (guint index)
{
  return index >= ROW_MONTHLY_TOTAL;
}

/* The cheapest of the providers that price every line, by what the scenario compares them by
 * (their monthly totals with upfront fees spread, or their term totals); -1 when none does, or
 * there is only one to compare. */
static int
cheapest_provider (SkyScenarioPage *self)
{
  const SkyEstimate *e = estimate (self);
  guint complete = 0;

  for (guint i = 0; e != NULL && i < e->providers->len; i++)
    if (sky_estimate_provider_complete (g_ptr_array_index (e->providers, i)))
      complete++;
  return complete > 1 ? sky_estimate_cheapest_complete (e) : -1;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_label_set_xalign (GTK_LABEL (label), column >= COLUMN_PROVIDER ? 1.0 : 0.0);
  /* Money is never cut: its column grows to hold it, in digits of one width. */
  if (column >= COLUMN_PROVIDER)
    gtk_widget_add_css_class (label, "numeric");
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "list-item", item);
  gtk_list_item_set_child (item, label);
}

static void
bind_total_cell (SkyScenarioPage *self,
                 Column           column,
                 guint            index,
                 GtkLabel        *label)
{
  g_autofree char *text = NULL;
  const char *tooltip = NULL;

  gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  if (column == COLUMN_LABEL)
    text = g_strdup (index == ROW_MONTHLY_TOTAL ? _("Total a month")
                     : index == ROW_UPFRONT_TOTAL ? _("Upfront")
                     : _("First year"));
  else if (column >= COLUMN_PROVIDER && estimate (self) != NULL &&
           (guint) (column - COLUMN_PROVIDER) < estimate (self)->providers->len)
    {
      guint provider = column - COLUMN_PROVIDER;
      SkyEstimateProvider *p = g_ptr_array_index (estimate (self)->providers, provider);
      SkyDecimal amount = index == ROW_MONTHLY_TOTAL ? p->monthly
                          : index == ROW_UPFRONT_TOTAL ? p->upfront : p->yearly;
      g_autofree char *money = sky_estimate_money_display (estimate (self), amount);

      if (index == ROW_MONTHLY_TOTAL && (int) provider == cheapest_provider (self))
        {
          /* Translators: the cheapest provider's monthly total, marked. */
          text = g_strdup_printf (_("★ %s"), money);
          tooltip = estimate (self)->compare_by == SKY_COMPARE_TERM_TOTAL
                    ? _("The cheapest of the providers that price every line over the whole "
                        "term, less credits")
                    : _("The cheapest of the providers that price every line, with upfront fees "
                        "spread over their commitments");
          gtk_widget_add_css_class (GTK_WIDGET (label), "success");
        }
      else if (index == ROW_MONTHLY_TOTAL && !sky_estimate_provider_complete (p))
        /* Translators: the monthly total of a provider that cannot price every line,
         * marked as incomplete. */
        text = g_strdup_printf (_("⚠ %s"), money);
      else
        text = g_strdup (money);
      if (!sky_estimate_provider_complete (p))
        {
          tooltip = _("Some lines are not priced on this provider: its totals leave them out, "
                      "so it is not compared with the others");
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
        }
    }
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

/* A line's label, and how it is deployed when that is not as a single instance in one
 * region: "PostgreSQL server · With a standby in another zone · 2 regions". */
static char *
line_title (const SkyScenarioLine *line)
{
  const char *deployment = sky_scenario_line_get_deployment (line);
  guint regions = sky_scenario_line_get_regions (line);
  GString *text = g_string_new (line->label);

  if (strcmp (deployment, SKY_DEPLOYMENT_DEFAULT) != 0)
    g_string_append_printf (text, " · %s", sky_word_title (SKY_VOCABULARY_DEPLOYMENT,
                                                            deployment));
  if (regions > 1)
    /* Translators: after a line's label, the regions it runs in as whole copies. */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u region",
                                               " · %u regions", regions), regions);
  return g_string_free (text, FALSE);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  SkyScenarioPage *self = user_data;
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint index = sky_index_item_get_index (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const SkyScenarioLine *line;
  g_autofree char *text = NULL;
  g_autofree char *explanation = NULL;
  const char *tooltip = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  if (is_total_row (index))
    {
      bind_total_cell (self, column, index, label);
      return;
    }
  if (index >= scenario (self)->lines->len)
    return;
  line = g_ptr_array_index (scenario (self)->lines, index);

  if (column == COLUMN_LABEL)
    {
      text = line_title (line);
      if (strcmp (text, line->label) != 0)
        tooltip = text;
    }
  else if (column == COLUMN_GROUP)
    text = g_strdup (line->group != NULL ? line->group : "");
  else
    {
      const SkyEstimateLine *l = estimate_line (self, column - COLUMN_PROVIDER, index);

      if (l == NULL)
        text = g_strdup ("…");
      else if (l->status == SKY_LINE_PRICED)
        {
          text = sky_estimate_money_display (estimate (self), l->monthly);
          explanation = explanation_display (self, column - COLUMN_PROVIDER, index);
          tooltip = explanation;
        }
      else
        {
          text = g_strdup (_("No match"));
          tooltip = l->reason;
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
        }
    }
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

/* Quantity and usage are edited in place. */

static SkyScenarioLine *
cell_line (SkyScenarioPage *self,
           GtkWidget       *cell,
           guint           *index)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "list-item");
  gpointer row = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (row == NULL || self->document == NULL)
    return NULL;
  *index = sky_index_item_get_index (row);
  return *index < scenario (self)->lines->len ? g_ptr_array_index (scenario (self)->lines,
                                                                   *index)
                                              : NULL;
}

static void
show_number (SkyScenarioPage       *self,
             GtkWidget             *cell,
             Column                 column,
             const SkyScenarioLine *line)
{
  g_autofree char *text = NULL;

  if (column == COLUMN_QUANTITY)
    text = sky_decimal_to_string (line->quantity);
  else
    {
      g_autofree char *usage =
          sky_decimal_to_string (sky_scenario_line_usage (scenario (self), line));
      /* Translators: a line's usage a month and its unit, e.g. "730 Hour". */
      text = g_strdup_printf (_("%s %s"), usage, sky_word_title (SKY_VOCABULARY_UNIT,
                                                                 line->unit));
    }
  gtk_editable_set_text (GTK_EDITABLE (cell), text);
}

/* A number typed into a cell: the line takes it when Enter is pressed or the cell is left. */
static void
commit_number (GtkText         *cell,
               SkyScenarioPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column"));
  g_auto(GStrv) words = NULL;
  g_autofree char *text = NULL;
  SkyDecimal value;
  SkyScenarioLine *line;
  guint index;
  g_autoptr(GError) error = NULL;

  if ((line = cell_line (self, GTK_WIDGET (cell), &index)) == NULL)
    return;
  /* The number alone, or followed by its unit as shown. */
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell))));
  words = g_strsplit (text, " ", 2);
  if (column == COLUMN_USAGE && (words[0] == NULL || *words[0] == '\0'))
    {
      if (line->has_usage)
        {
          sky_scenario_document_edit (self->document, NULL);
          line->has_usage = FALSE;
          sky_scenario_document_edited (self->document);
        }
      show_number (self, GTK_WIDGET (cell), column, line);
      return;
    }
  if (words[0] == NULL ||
      !sky_decimal_parse (words[0], column == COLUMN_QUANTITY ? 6 : 10, FALSE, &value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not a number: %s"),
                                                  error != NULL ? error->message : "");
      gtk_label_set_label (self->status_label, message);
      show_number (self, GTK_WIDGET (cell), column, line);
      return;
    }
  if (column == COLUMN_QUANTITY && sky_decimal_compare (value, line->quantity) != 0)
    {
      sky_scenario_document_edit (self->document, NULL);
      line->quantity = value;
      sky_scenario_document_edited (self->document);
    }
  else if (column == COLUMN_USAGE &&
           (!line->has_usage || sky_decimal_compare (value, line->usage) != 0))
    {
      sky_scenario_document_edit (self->document, NULL);
      line->usage = value;
      line->has_usage = TRUE;
      sky_scenario_document_edited (self->document);
    }
  show_number (self, GTK_WIDGET (cell), column, line);
}

static void
on_number_cell_left (GtkEventControllerFocus *focus,
                     SkyScenarioPage         *self)
{
  commit_number (GTK_TEXT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))),
                 self);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SkyScenarioPage          *self)
{
  GtkWidget *cell = gtk_text_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  g_object_set_data (G_OBJECT (cell), "list-item", item);
  g_object_set_data (G_OBJECT (cell), "column", GINT_TO_POINTER (column));
  gtk_editable_set_alignment (GTK_EDITABLE (cell), column == COLUMN_QUANTITY ? 1.0 : 0.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (cell), 4);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_tooltip_text (cell, column == COLUMN_QUANTITY
                                     ? _("Type a quantity; Enter applies it")
                                     : _("Type the usage a month; Enter applies it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  column == COLUMN_QUANTITY ? _("Quantity") : _("Usage a Month"),
                                  -1);
  g_signal_connect (cell, "activate", G_CALLBACK (commit_number), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_number_cell_left), self);
  gtk_widget_add_controller (cell, focus);
  gtk_list_item_set_child (item, cell);
}

static void
bind_number_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                SkyScenarioPage          *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint index;
  SkyScenarioLine *line = cell_line (self, cell, &index);

  gtk_widget_set_visible (cell, line != NULL);
  /* What the user is typing stays. */
  if (line != NULL && !gtk_widget_has_focus (cell))
    show_number (self, cell, column, line);
}

/* The purchase option is chosen in place. */

static void
on_term_chosen (GtkDropDown     *dropdown,
                GParamSpec      *pspec,
                SkyScenarioPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char * const *terms = sky_line_terms ();
  SkyScenarioLine *line;
  guint index;

  if (g_object_get_data (G_OBJECT (dropdown), "binding") != NULL ||
      selected >= g_strv_length ((GStrv) terms) ||
      (line = cell_line (self, GTK_WIDGET (dropdown), &index)) == NULL ||
      g_strcmp0 (line->term, terms[selected]) == 0)
    return;
  sky_scenario_document_edit (self->document, NULL);
  g_free (line->term);
  line->term = g_strdup (terms[selected]);
  sky_scenario_document_edited (self->document);
}

static void
setup_term_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SkyScenarioPage          *self)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (sky_line_term_titles ());

  gtk_widget_add_css_class (dropdown, "flat");
  sky_keyboard_name_drop_down (GTK_DROP_DOWN (dropdown), _("Purchase option"));
  g_object_set_data (G_OBJECT (dropdown), "list-item", item);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_term_chosen), self);
  gtk_list_item_set_child (item, dropdown);
}

static void
bind_term_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SkyScenarioPage          *self)
{
  GtkWidget *dropdown = gtk_list_item_get_child (item);
  const char * const *terms = sky_line_terms ();
  guint index;
  SkyScenarioLine *line = cell_line (self, dropdown, &index);

  gtk_widget_set_visible (dropdown, line != NULL);
  if (line == NULL)
    return;
  g_object_set_data (G_OBJECT (dropdown), "binding", GINT_TO_POINTER (1));
  for (guint i = 0; terms[i] != NULL; i++)
    if (g_strcmp0 (terms[i], line->term) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
  g_object_set_data (G_OBJECT (dropdown), "binding", NULL);
}

/* Binds a cell of any column again. */
static void
bind_any (GtkListItemFactory *factory,
          GtkListItem        *item,
          SkyScenarioPage    *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  if (gtk_list_item_get_item (item) == NULL)
    return;
  if (column == COLUMN_QUANTITY || column == COLUMN_USAGE)
    bind_number_cb (GTK_SIGNAL_LIST_ITEM_FACTORY (factory), item, self);
  else if (column == COLUMN_TERM)
    bind_term_cb (GTK_SIGNAL_LIST_ITEM_FACTORY (factory), item, self);
  else
    bind_cell_cb (GTK_SIGNAL_LIST_ITEM_FACTORY (factory), item, self);
}

static void
track_bound_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                SkyScenarioPage          *self)
{
  g_hash_table_insert (self->bound, item, factory);
}

static void
untrack_bound_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  SkyScenarioPage          *self)
{
  g_hash_table_remove (self->bound, item);
}

static GtkColumnViewColumn *
add_column (SkyScenarioPage *self,
            const char      *title,
            Column           column,
            int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  if (column == COLUMN_QUANTITY || column == COLUMN_USAGE)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_number_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_number_cb), self);
    }
  else if (column == COLUMN_TERM)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_term_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_term_cb), self);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
    }
  g_signal_connect (factory, "bind", G_CALLBACK (track_bound_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (untrack_bound_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (untrack_bound_cb), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->lines_view, view_column);
  /* The view holds the column from now on: the pointer returned is valid while it is there. */
  g_object_unref (view_column);
  return view_column;
}

/* One column per provider priced, titled with its short name; its header's tooltip says its
 * name. */
static void
update_provider_columns (SkyScenarioPage *self)
{
  guint n = estimate (self) != NULL ? estimate (self)->providers->len : 0;
  gboolean same = n == self->provider_columns->len;

  for (guint i = 0; same && i < n; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate (self)->providers, i);
      GtkColumnViewColumn *column = g_ptr_array_index (self->provider_columns, i);

      same = g_strcmp0 (gtk_column_view_column_get_title (column), p->provider_short_name) == 0 &&
             g_strcmp0 (g_object_get_data (G_OBJECT (column), "provider-name"),
                        p->provider_name) == 0;
    }
  if (same)
    return;

  for (guint i = 0; i < self->provider_columns->len; i++)
    gtk_column_view_remove_column (self->lines_view,
                                   g_ptr_array_index (self->provider_columns, i));
  g_ptr_array_set_size (self->provider_columns, 0);
  for (guint i = 0; i < n; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (estimate (self)->providers, i);
      GtkColumnViewColumn *column = add_column (self, p->provider_short_name,
                                                COLUMN_PROVIDER + i, 130);

      /* What each provider costs comes right after the line and its group, so that it shows
       * in a window of ordinary width; the inputs follow. */
      gtk_column_view_insert_column (self->lines_view, 2 + i, column);
      g_object_set_data_full (G_OBJECT (column), "provider-name", g_strdup (p->provider_name),
                              g_free);
      sky_gui_util_set_column_tooltip (self->lines_view, column, p->provider_name);
      g_ptr_array_add (self->provider_columns, column);
    }
}

/* Brings the rows in line with the scenario: rows are added or removed at the end of the lines
 * only, so that a cell being edited is never destroyed under the user, and every cell shown
 * is bound again to show the latest figures. */
static void
update_rows (SkyScenarioPage *self)
{
  GListModel *model = G_LIST_MODEL (self->rows);
  guint n = scenario (self)->lines->len;
  guint n_items = g_list_model_get_n_items (model);
  guint n_totals = 0;
  guint n_line_rows;
  gboolean want_totals = n > 0 && estimate (self) != NULL;
  GHashTableIter iter;
  gpointer item, factory;

  if (n_items > 0)
    {
      g_autoptr(SkyIndexItem) last = g_list_model_get_item (model, n_items - 1);
      if (is_total_row (sky_index_item_get_index (last)))
        n_totals = 3;
    }
  n_line_rows = n_items - n_totals;

  if (n_totals > 0 && !want_totals)
    g_list_store_splice (self->rows, n_line_rows, n_totals, NULL, 0);
  if (n_line_rows > n)
    g_list_store_splice (self->rows, n, n_line_rows - n, NULL, 0);
  else if (n_line_rows < n)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = n_line_rows; i < n; i++)
        g_ptr_array_add (rows, sky_index_item_new (i));
      g_list_store_splice (self->rows, n_line_rows, 0, rows->pdata, rows->len);
    }
  if (n_totals == 0 && want_totals)
    {
      SkyIndexItem *totals[] = {
        sky_index_item_new (ROW_MONTHLY_TOTAL),
        sky_index_item_new (ROW_UPFRONT_TOTAL),
        sky_index_item_new (ROW_YEARLY_TOTAL),
      };
      g_list_store_splice (self->rows, n, 0, (gpointer *) totals, G_N_ELEMENTS (totals));
      for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
        g_object_unref (totals[i]);
    }

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &factory))
    bind_any (factory, item, self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "lines" : "empty");
}

/* Totals and details ------------------------------------------------------------------------ */

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
detail_row (const char *title,
            const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* How old @p's prices are, beside its totals; marked when older than the preference. */
static void
add_freshness_row (SkyScenarioPage           *self,
                   AdwPreferencesGroup       *group,
                   const SkyEstimateProvider *p)
{
  g_autofree char *fresh = sky_estimate_provider_freshness (estimate (self), p);
  GtkWidget *row;

  if (fresh == NULL)
    return;
  row = detail_row (_("Prices"), fresh);
  if (sky_freshness_is_stale (p->prices_as_of, estimate (self)->today, self->stale_after_days))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Older than %u day: look for a newer "
                                                           "price sheet",
                                                           "Older than %u days: look for a "
                                                           "newer price sheet",
                                                           self->stale_after_days),
                                              self->stale_after_days);

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      gtk_widget_set_tooltip_text (row, tip);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (group, row);
}

/* The estimate's notices as one line above the lines: stale prices, prices far apart. */
static void
update_notice (SkyScenarioPage *self)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GString) text = NULL;

  if (self->document == NULL || estimate (self) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->notice_box), FALSE);
      return;
    }
  notices = sky_estimate_freshness_notices (estimate (self), self->stale_after_days);
  text = g_string_new (NULL);
  for (guint i = 0; i < notices->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ". " : "",
                            (const char *) g_ptr_array_index (notices, i));
  gtk_label_set_label (self->notice_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_box), notices->len > 0);
}

/* Each provider's totals, when no line is selected. */
static void
show_summary (SkyScenarioPage *self)
{
  const SkyEstimate *e = estimate (self);

  gtk_box_append (self->details_box, label_new (_("Totals"), "title-3"));
  gtk_box_append (self->details_box,
                  label_new (_("Select a line to see what it costs on each provider and how "
                               "every figure is computed."), "dim-label"));
  if (e == NULL)
    return;
  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *monthly = sky_estimate_money_display (e, p->monthly);
      g_autofree char *effective = sky_estimate_money_display (e, p->effective_monthly);
      g_autofree char *yearly = sky_estimate_money_display (e, p->yearly);
      g_autofree char *upfront = sky_estimate_money_display (e, p->upfront);
      g_autofree char *term = sky_estimate_money_display (e, p->term_total);
      g_autofree char *net = sky_estimate_money_display (e, p->term_net);
      g_autofree char *credits = sky_estimate_money_display (e, p->credits);
      g_autofree char *months = sky_format_count (e->term_months);
      g_autofree char *a = NULL, *b = NULL, *c = NULL;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), p->provider_name);
      if (p->sheet_version != NULL)
        {
          /* Lines may come from several sheets: each service has its own current one. */
          g_autofree char *versions = sky_estimate_provider_sheets (p);
          g_autofree char *sheet = strchr (versions, ',') != NULL
                                   ? g_strdup_printf (_("Price sheets %s"), versions)
                                   : g_strdup_printf (_("Price sheet %s"), versions);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), sheet);
        }
      /* Translators: the monthly totals. */
      a = g_strdup_printf (_("%s billed, %s with upfront fees spread over their commitments"),
                           monthly, effective);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("A Month"), a));
      /* Translators: the first year's total and the upfront fees in it. */
      b = g_strdup_printf (_("%s, of which %s upfront"), yearly, upfront);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("First Year"), b));
      /* Translators: the term's length in months, its total, the credits and what is left. */
      c = g_strdup_printf (_("%s months: %s; less %s of credits, %s"), months, term, credits,
                           net);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("Term"), c));
      add_freshness_row (self, ADW_PREFERENCES_GROUP (group), p);
      /* Each group's share, when the lines have groups. */
      for (guint g = 0; p->groups->len > 1 && g < p->groups->len; g++)
        {
          SkyEstimateGroup *eg = g_ptr_array_index (p->groups, g);
          g_autofree char *gm = sky_estimate_money_display (e, eg->monthly);
          g_autofree char *gy = sky_estimate_money_display (e, eg->yearly);
          /* Translators: a group's monthly and first-year totals. */
          g_autofree char *text = g_strdup_printf (_("%s a month, %s the first year"), gm, gy);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (*eg->name != '\0' ? eg->name : _("No group"),
                                                 text));
        }
      if (p->n_unpriced > 0)
        {
          g_autofree char *n = sky_format_count (p->n_unpriced);
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s line is not priced here: "
                                                                "select it to see why",
                                                                "%s lines are not priced here: "
                                                                "select them to see why",
                                                                p->n_unpriced), n);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (_("Not Priced"), text));
        }
      gtk_box_append (self->details_box, group);
    }
}

/* Every provider's figures for the selected line, with their arithmetic. */
static void
update_details (SkyScenarioPage *self)
{
  guint index = gtk_single_selection_get_selected (self->selection);
  const SkyEstimate *e = estimate (self);
  const SkyScenarioLine *line;
  GtkWidget *title;

  remove_children (GTK_WIDGET (self->details_box));
  {
    gboolean is_line = index < scenario (self)->lines->len;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-line", is_line);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.line-menu", is_line);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remove-line", is_line);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-up", is_line && index > 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-down",
                                   is_line && index + 1 < scenario (self)->lines->len);
  }
  if (index == GTK_INVALID_LIST_POSITION || index >= scenario (self)->lines->len)
    {
      show_summary (self);
      return;
    }
  line = g_ptr_array_index (scenario (self)->lines, index);
  title = label_new (line->label, "title-3");
  gtk_box_append (self->details_box, title);
  if (e == NULL)
    return;

  for (guint i = 0; i < e->providers->len; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);
      const SkyEstimateLine *l = estimate_line (self, i, index);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), p->provider_name);
      if (p->sheet_version != NULL)
        {
          /* The sheet this line's offer came from, which may not be the provider's newest. */
          const char *version = l != NULL && l->offer != NULL ? l->offer->sheet_version
                                                              : p->sheet_version;
          g_autofree char *sheet = g_strdup_printf (_("Price sheet %s"), version);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), sheet);
        }
      if (l == NULL)
        continue;
      if (l->offer != NULL)
        {
          g_autofree char *offer = g_strdup_printf ("%s · %s · %s", l->offer->name,
                                                    l->offer->region, l->offer->sku);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("Offer"), offer));
        }
      if (l->status != SKY_LINE_PRICED)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   detail_row (_("Not priced"), l->reason));
      else
        {
          g_autofree char *monthly = sky_estimate_money_display (e, l->monthly);
          g_autofree char *yearly = sky_estimate_money_display (e, l->yearly);
          g_autofree char *explanation = explanation_display (self, i, index);
          g_autofree char *figures = NULL;

          if (l->term_months > 0)
            {
              g_autofree char *upfront = sky_estimate_money_display (e, l->upfront);
              g_autofree char *effective = sky_estimate_money_display (e, l->effective_monthly);
              /* Translators: a committed line's figures. */
              figures = g_strdup_printf (_("%s a month, %s upfront, %s a month with the upfront "
                                           "spread, %s the first year"),
                                         monthly, upfront, effective, yearly);
            }
          else
            /* Translators: a line's figures. */
            figures = g_strdup_printf (_("%s a month, %s a year"), monthly, yearly);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (_("Cost"), figures));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (_("How It Is Computed"), explanation));
          if (l->has_break_even)
            {
              g_autofree char *hours = sky_explain_hours (l->break_even_hours,
                                                          SKY_EXPLAIN_DISPLAY);
              g_autofree char *text = g_strdup_printf (_("Below %s hours a month, the same offer "
                                                         "on demand costs less"), hours);
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                         detail_row (_("Break-Even"), text));
            }
        }
      gtk_box_append (self->details_box, group);
    }
}

static void
update_status (SkyScenarioPage *self)
{
  g_autofree char *text = NULL;

  if (self->document == NULL)
    return;

  if (sky_scenario_document_get_estimate_error (self->document) != NULL)
    text = g_strdup (sky_scenario_document_get_estimate_error (self->document));
  else if (sky_scenario_document_get_busy (self->document))
    text = g_strdup (_("Pricing…"));
  else if (estimate (self) != NULL)
    {
      guint n_lines = scenario (self)->lines->len;
      guint n_providers = estimate (self)->providers->len;
      g_autofree char *lines = sky_format_count (n_lines);
      g_autofree char *providers = sky_format_count (n_providers);
      g_autofree char *lines_text = NULL;
      g_autofree char *providers_text = NULL;
      g_autoptr(GString) status = g_string_new (NULL);

      /* Translators: the first part of "3 lines on 2 providers, in USD". */
      lines_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", n_lines),
                                    lines);
      /* Translators: the second part of "3 lines on 2 providers, in USD". */
      providers_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "on %s provider",
                                                     "on %s providers", n_providers),
                                        providers);
      /* Translators: "3 lines" "on 2 providers", and the currency: "3 lines on 2 providers,
       * in USD". */
      g_string_printf (status, _("%s %s, in %s"), lines_text, providers_text,
                       estimate (self)->currency);
      for (guint i = 0; i < estimate (self)->providers->len; i++)
        {
          SkyEstimateProvider *p = g_ptr_array_index (estimate (self)->providers, i);

          if (sky_estimate_provider_complete (p))
            continue;
          /* Translators: after "7 lines on 3 providers, in USD": a provider that cannot price
           * every line, whose totals are marked ⚠ and left out of the comparison. */
          g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE,
                                                       " · ⚠ %s is incomplete: %u line not "
                                                       "priced",
                                                       " · ⚠ %s is incomplete: %u lines not "
                                                       "priced", p->n_unpriced),
                                  p->provider_name, p->n_unpriced);
        }
      text = g_string_free (g_steal_pointer (&status), FALSE);
    }
  else if (scenario (self)->providers->len == 0)
    text = g_strdup (_("Choose the providers to price on"));
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
}

static void
show_estimate (SkyScenarioPage *self)
{
  if (self->document == NULL)
    return;
  update_provider_columns (self);
  update_rows (self);
  update_details (self);
  update_status (self);
  update_notice (self);
}

/* Re-pricing ------------------------------------------------------------------------------- */

static void
reprice_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SkyScenarioPage  *self)
{
  if (g_strcmp0 (response, "reprice") == 0 && self->document != NULL)
    sky_scenario_document_reprice (self->document);
}

/* The scenario was priced against older sheets than the current ones: say what re-pricing
 * would change, and offer it. */
static void
on_newer_prices (SkyScenarioDocument *document,
                 GPtrArray           *changes,
                 const SkyEstimate   *current,
                 const char          *error,
                 SkyScenarioPage     *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (changes == NULL)
    g_string_append_printf (body, "%s\n\n", error);
  else
    {
      g_string_append (body, _("Newer price sheets are loaded. Re-pricing against them changes "
                               "these monthly figures:\n\n"));
      for (guint i = 0; i < changes->len && i < 12; i++)
        {
          SkyEstimateChange *c = g_ptr_array_index (changes, i);
          /* Translators: provider, line, old and new figure (money with its currency's
           * symbol), and why. */
          g_string_append_printf (body, _("%s, %s: %s → %s (%s)\n"), c->provider_name,
                                  c->label, c->before, c->after, c->why);
        }
      if (changes->len > 12)
        {
          g_autofree char *n = sky_format_count (changes->len - 12);
          g_string_append_printf (body, _("… and %s more\n"), n);
        }
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Re-price the Scenario?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Recorded Prices"),
                                    "reprice", _("_Re-price"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reprice",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reprice");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reprice_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Settings --------------------------------------------------------------------------------- */

static void
provider_toggled_cb (GtkCheckButton  *check,
                     SkyScenarioPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "provider");
  gboolean active = gtk_check_button_get_active (check);
  guint position;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_free);
  SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;
  s = sky_scenario_document_edit (self->document, NULL);
  if (g_ptr_array_find_with_equal_func (s->providers, id, g_str_equal, &position))
    {
      if (!active)
        g_ptr_array_remove_index (s->providers, position);
    }
  else if (active)
    {
      /* In the order the popover lists them. */
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->providers_box));
           c != NULL; c = gtk_widget_get_next_sibling (c))
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
          g_ptr_array_add (ordered, g_strdup (g_object_get_data (G_OBJECT (c), "provider")));
      g_ptr_array_set_size (s->providers, 0);
      g_ptr_array_extend_and_steal (s->providers, g_steal_pointer (&ordered));
    }
  fill_widgets (self);
  sky_scenario_document_edited (self->document);
}

/* The providers of the current sheets, and any the scenario names that the catalog lacks. */
static void
fill_providers (SkyScenarioPage *self)
{
  GPtrArray *sheets;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->providers_box))) != NULL)
    gtk_box_remove (self->providers_box, child);

  /* Listed when the catalog changed, not at every edit. */
  sheets = sky_scenario_document_get_sheets (self->document);
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      /* A provider may have several current sheets, each for some of its services. */
      if (!info->current || g_ptr_array_find_with_equal_func (ids, info->provider, g_str_equal,
                                                              NULL))
        continue;
      g_ptr_array_add (ids, g_strdup (info->provider));
      g_ptr_array_add (names, g_strdup (info->provider_name));
    }
  for (guint i = 0; i < scenario (self)->providers->len; i++)
    {
      const char *id = g_ptr_array_index (scenario (self)->providers, i);
      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        {
          g_ptr_array_add (ids, g_strdup (id));
          g_ptr_array_add (names, g_strdup (id));
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      GtkWidget *check = gtk_check_button_new_with_label (g_ptr_array_index (names, i));

      g_object_set_data_full (G_OBJECT (check), "provider", g_strdup (id), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_ptr_array_find_with_equal_func (scenario (self)->providers,
                                                                     id, g_str_equal, NULL));
      g_signal_connect (check, "toggled", G_CALLBACK (provider_toggled_cb), self);
      gtk_box_append (self->providers_box, check);
    }

  label = g_strdup_printf (_("Providers (%u)"), scenario (self)->providers->len);
  gtk_menu_button_set_label (self->providers_button, label);
}

/* The required availability as the scenario holds it; typing that reads as the same figure
 * ("99.990") is left as typed. */
static void
fill_availability (SkyScenarioPage *self)
{
  SkyDecimal required, typed;
  gboolean has = sky_scenario_get_required_availability (scenario (self), &required);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->availability_entry));
  g_autofree char *shown = has ? sky_decimal_to_string (required) : g_strdup ("");

  gtk_widget_remove_css_class (GTK_WIDGET (self->availability_entry), "error");
  if (has && sky_decimal_parse (text, 6, FALSE, &typed, NULL) &&
      sky_decimal_compare (typed, required) == 0)
    return;
  if (g_strcmp0 (text, shown) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->availability_entry), shown);
}

/* Reads the required availability typed: TRUE with @has FALSE when the field is empty, TRUE
 * with the percentage (above 0, below 100) in @percent, or FALSE when it is neither. */
static gboolean
typed_availability (SkyScenarioPage *self,
                    gboolean        *has,
                    SkyDecimal      *percent)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->availability_entry))));
  char *sign = strchr (text, '%');

  /* "99.99 %" is read as 99.99. */
  if (sign != NULL && sign[1] == '\0')
    {
      *sign = '\0';
      g_strstrip (text);
    }
  *has = *text != '\0';
  if (!*has)
    return TRUE;
  return sky_decimal_parse (text, 6, FALSE, percent, NULL) &&
         sky_decimal_compare (*percent, sky_decimal_from_int (0)) > 0 &&
         sky_decimal_compare (*percent, sky_decimal_from_int (100)) < 0;
}

/* The required availability follows the typing, as one step of undo; text that is not a
 * percentage below 100 is marked and changes nothing. */
static void
on_availability_changed (SkyScenarioPage *self)
{
  SkyDecimal percent = sky_decimal_from_int (0), held;
  gboolean has, had;
  SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;
  if (!typed_availability (self, &has, &percent))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->availability_entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->availability_entry), "error");
  had = sky_scenario_get_required_availability (scenario (self), &held);
  if (had == has && (!has || sky_decimal_compare (held, percent) == 0))
    return;
  s = sky_scenario_document_edit (self->document, "availability");
  sky_scenario_set_required_availability (s, has ? &percent : NULL);
  sky_scenario_document_edited (self->document);
}

/* Enter in the field, or leaving it: the figure is shown as the scenario holds it and the run
 * of typing ends, so that the next one is undone on its own. */
static void
commit_availability (SkyScenarioPage *self)
{
  if (self->filling || self->document == NULL)
    return;
  on_availability_changed (self);
  if (gtk_widget_has_css_class (GTK_WIDGET (self->availability_entry), "error"))
    return;
  self->filling = TRUE;
  fill_availability (self);
  self->filling = FALSE;
  sky_scenario_document_end_edit_run (self->document);
}

static void
on_availability_focus_left (GtkEventControllerFocus *controller,
                            SkyScenarioPage         *self)
{
  commit_availability (self);
}

static void
fill_widgets (SkyScenarioPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) currencies);
  guint position = 0;
  double hours = 730;
  g_autofree char *hours_text = sky_decimal_to_string (scenario (self)->hours_per_month);

  GtkStringObject *shown = gtk_drop_down_get_selected_item (self->currency_dropdown);

  self->filling = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                 scenario (self)->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), scenario (self)->name);
  /* The list is made again only for another currency. */
  if (shown == NULL ||
      g_strcmp0 (gtk_string_object_get_string (shown), scenario (self)->currency) != 0)
    {
      if (!g_strv_contains (currencies, scenario (self)->currency))
        gtk_string_list_append (list, scenario (self)->currency);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        if (g_strcmp0 (gtk_string_list_get_string (list, i), scenario (self)->currency) == 0)
          position = i;
      gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (list));
      gtk_drop_down_set_selected (self->currency_dropdown, position);
    }
  /* Hours are shown whole; a file's fractional month (730.5) is kept until changed here. */
  hours = g_ascii_strtod (hours_text, NULL);
  if ((int) gtk_spin_button_get_value (self->hours_spin) != (int) hours)
    gtk_spin_button_set_value (self->hours_spin, hours);
  gtk_check_button_set_active (self->dev_test_check, scenario (self)->dev_test);
  fill_availability (self);
  fill_providers (self);
  self->filling = FALSE;
}

static void
on_settings_changed (SkyScenarioPage *self)
{
  const char *name;
  GtkStringObject *currency;
  int hours;
  gboolean dirty = FALSE;
  g_autofree char *old_hours = NULL;

  SkyScenario *s;

  if (self->filling || self->document == NULL)
    return;

  /* A name changes no figure: the document keeps it without pricing again. */
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  sky_scenario_document_set_name (self->document, name);

  currency = gtk_drop_down_get_selected_item (self->currency_dropdown);
  if (currency != NULL &&
      g_strcmp0 (gtk_string_object_get_string (currency), scenario (self)->currency) != 0)
    {
      s = sky_scenario_document_edit (self->document, NULL);
      g_free (s->currency);
      s->currency = g_strdup (gtk_string_object_get_string (currency));
      dirty = TRUE;
    }

  hours = gtk_spin_button_get_value_as_int (self->hours_spin);
  old_hours = sky_decimal_to_string (scenario (self)->hours_per_month);
  if (g_ascii_strtoll (old_hours, NULL, 10) != hours || strchr (old_hours, '.') != NULL)
    {
      if ((int) g_ascii_strtod (old_hours, NULL) != hours)
        {
          s = sky_scenario_document_edit (self->document, "hours");
          s->hours_per_month = sky_decimal_from_int (hours);
          dirty = TRUE;
        }
    }
  if (gtk_check_button_get_active (self->dev_test_check) != scenario (self)->dev_test)
    {
      s = sky_scenario_document_edit (self->document, NULL);
      s->dev_test = gtk_check_button_get_active (self->dev_test_check);
      dirty = TRUE;
    }
  if (dirty)
    sky_scenario_document_edited (self->document);
}

/* Lines ------------------------------------------------------------------------------------ */

/* Takes @line, prices the scenario again and selects the line. */
static void
add_line (SkyScenarioPage *self,
          SkyScenarioLine *line)
{
  sky_scenario_document_add_line (self->document, line);
  gtk_single_selection_set_selected (self->selection, scenario (self)->lines->len - 1);
}

static void
line_dialog_done_cb (SkyLineDialog   *dialog,
                     SkyScenarioPage *self)
{
  SkyScenarioLine *line = sky_line_dialog_get_line (dialog);
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "index"));

  if (line == NULL || self->document == NULL)
    return;
  if (index < 0 || (guint) index >= scenario (self)->lines->len)
    add_line (self, line);
  else
    {
      SkyScenario *s = sky_scenario_document_edit (self->document, NULL);

      sky_scenario_line_free (g_ptr_array_index (s->lines, index));
      g_ptr_array_index (s->lines, index) = line;
      update_rows (self);
      sky_scenario_document_edited (self->document);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The kinds of deployment the offer line @index can have: a single instance and those its
 * service's SLAs name; NULL when the line is not priced with a known offer. */
static GStrv
offer_deployments (SkyScenarioPage       *self,
                   const SkyScenarioLine *line,
                   int                    index)
{
  const SkyEstimate *e = estimate (self);
  g_autoptr(GStrvBuilder) kinds = NULL;
  g_autoptr(GPtrArray) slas = NULL;
  const SkyEstimateLine *priced = NULL;

  if (line == NULL || line->kind != SKY_LINE_OFFER || e == NULL || index < 0)
    return NULL;
  for (guint i = 0; i < e->providers->len && priced == NULL; i++)
    {
      const SkyEstimateProvider *p = g_ptr_array_index (e->providers, i);

      if (g_strcmp0 (p->provider, line->provider) == 0 && (guint) index < p->lines->len)
        priced = g_ptr_array_index (p->lines, index);
    }
  if (priced == NULL || priced->offer == NULL)
    return NULL;
  kinds = g_strv_builder_new ();
  g_strv_builder_add (kinds, SKY_DEPLOYMENT_DEFAULT);
  slas = sky_sla_table_for_service (sky_sla_table_get_default (), priced->offer->provider,
                                    priced->offer->service);
  for (guint i = 0; i < slas->len; i++)
    {
      const SkySla *sla = g_ptr_array_index (slas, i);

      if (strcmp (sla->deployment, SKY_DEPLOYMENT_DEFAULT) != 0 &&
          (i == 0 || strcmp (sla->deployment,
                             ((const SkySla *) g_ptr_array_index (slas, i - 1))->deployment) != 0))
        g_strv_builder_add (kinds, sla->deployment);
    }
  return g_strv_builder_end (kinds);
}

static void
open_line_dialog (SkyScenarioPage       *self,
                  const SkyScenarioLine *line,
                  int                    index)
{
  SkyLineDialog *dialog = sky_line_dialog_new (line);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_auto(GStrv) kinds = offer_deployments (self, line, index);

  if (kinds != NULL)
    sky_line_dialog_set_deployments (dialog, (const char * const *) kinds);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_object_set_data (G_OBJECT (dialog), "index", GINT_TO_POINTER (index));
  g_signal_connect (dialog, "done", G_CALLBACK (line_dialog_done_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_line_dialog (SKY_SCENARIO_PAGE (widget), NULL, -1);
}

static void
edit_line_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  guint index = gtk_single_selection_get_selected (self->selection);

  if (self->document != NULL && index < scenario (self)->lines->len)
    open_line_dialog (self, g_ptr_array_index (scenario (self)->lines, index), (int) index);
}

static void
remove_line_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  guint index = gtk_single_selection_get_selected (self->selection);

  if (self->document == NULL || index >= scenario (self)->lines->len)
    return;
  g_ptr_array_remove_index (sky_scenario_document_edit (self->document, NULL)->lines, index);
  update_rows (self);
  sky_scenario_document_edited (self->document);
}

/* Moves the selected line one place up (@by -1) or down (1). */
static void
move_line (SkyScenarioPage *self,
           int              by)
{
  guint index = gtk_single_selection_get_selected (self->selection);
  guint n = self->document != NULL ? scenario (self)->lines->len : 0;
  SkyScenario *s;
  gpointer line;

  if (index >= n || (by < 0 && index == 0) || (by > 0 && index + 1 >= n))
    return;
  s = sky_scenario_document_edit (self->document, NULL);
  line = s->lines->pdata[index];
  s->lines->pdata[index] = s->lines->pdata[index + by];
  s->lines->pdata[index + by] = line;
  update_rows (self);
  gtk_single_selection_set_selected (self->selection, index + by);
  sky_scenario_document_edited (self->document);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_line (SKY_SCENARIO_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_line (SKY_SCENARIO_PAGE (widget), 1);
}

/* The line's menu ------------------------------------------------------------------------------ */

/* The lines' controls beyond the first Tab stop of a row are reached from the keyboard through
 * the selected line's menu (the Menu key or Shift+F10 on a line), as in a GNOME list: its
 * purchase option among them, which Tab, leaving the table at once, no longer reaches. */

static void
on_line_term_changed (GSimpleAction   *action,
                      GVariant        *value,
                      SkyScenarioPage *self)
{
  guint index = gtk_single_selection_get_selected (self->selection);
  const char *term = g_variant_get_string (value, NULL);
  const char * const *terms = sky_line_terms ();
  SkyScenarioLine *line;

  if (self->document == NULL || index >= scenario (self)->lines->len ||
      !g_strv_contains (terms, term))
    return;
  g_simple_action_set_state (action, value);
  line = g_ptr_array_index (scenario (self)->lines, index);
  if (g_strcmp0 (line->term, term) == 0)
    return;
  line = g_ptr_array_index (sky_scenario_document_edit (self->document, NULL)->lines, index);
  g_free (line->term);
  line->term = g_strdup (term);
  sky_scenario_document_edited (self->document);
}

static GMenuModel *
line_menu_model (void)
{
  const char * const *terms = sky_line_terms ();
  const char * const *titles = sky_line_term_titles ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) options = g_menu_new ();
  g_autoptr(GMenu) line = g_menu_new ();

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (titles[i], NULL);

      g_menu_item_set_action_and_target_value (item, "line.term", g_variant_new_string (terms[i]));
      g_menu_append_item (options, item);
    }
  g_menu_append_section (menu, _("Purchase Option"), G_MENU_MODEL (options));
  g_menu_append (line, _("_Edit Line…"), "page.edit-line");
  g_menu_append (line, _("Move _Up"), "page.move-up");
  g_menu_append (line, _("Move _Down"), "page.move-down");
  g_menu_append (line, _("_Remove Line"), "page.remove-line");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (line));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
on_line_menu_closed (SkyScenarioPage *self)
{
  /* Back where the menu was opened from, if that is still there. */
  if (self->menu_focus != NULL && gtk_widget_get_mapped (self->menu_focus))
    gtk_widget_grab_focus (self->menu_focus);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->lines_view));
  g_clear_weak_pointer (&self->menu_focus);
}

static void
line_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  guint index = gtk_single_selection_get_selected (self->selection);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *anchor = GTK_WIDGET (self->lines_view);
  const SkyScenarioLine *line;
  graphene_rect_t bounds;

  if (self->document == NULL || index >= scenario (self)->lines->len)
    return;
  line = g_ptr_array_index (scenario (self)->lines, index);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (
                               G_ACTION_MAP (self->line_actions), "term")),
                             g_variant_new_string (line->term != NULL ? line->term : ""));
  /* Pointing at the focused row or cell, else at the lines. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->lines_view)))
    anchor = focus;
  g_set_weak_pointer (&self->menu_focus, focus);
  if (gtk_widget_compute_bounds (anchor, widget, &bounds))
    {
      GdkRectangle rect = {
        (int) bounds.origin.x, (int) bounds.origin.y,
        MAX ((int) bounds.size.width, 1), MAX ((int) bounds.size.height, 1)
      };

      gtk_popover_set_pointing_to (GTK_POPOVER (self->line_menu), &rect);
    }
  gtk_popover_popup (GTK_POPOVER (self->line_menu));
}

/* Whether the selected line's menu is open. */
gboolean
sky_scenario_page_get_line_menu_shown (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->line_menu);
}

/* Menu or Shift+F10 anywhere in the lines, a cell being typed in among them (whose own menu
 * would otherwise open), opens the menu of the line the focus is in. */
static gboolean
on_lines_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      SkyScenarioPage       *self)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!((keyval == GDK_KEY_Menu && modifiers == 0) ||
        (keyval == GDK_KEY_F10 && modifiers == GDK_SHIFT_MASK)))
    return FALSE;
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->lines_view);
       w = gtk_widget_get_parent (w))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (w), "list-item");

      if (item != NULL && gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
        {
          gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
          break;
        }
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), "page.line-menu", NULL);
}

static void
setup_line_menu (SkyScenarioPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_autoptr(GMenuModel) model = line_menu_model ();
  g_autoptr(GSimpleAction) term = g_simple_action_new_stateful ("term", G_VARIANT_TYPE_STRING,
                                                                g_variant_new_string (""));

  g_signal_connect (term, "change-state", G_CALLBACK (on_line_term_changed), self);
  self->line_actions = g_simple_action_group_new ();
  g_action_map_add_action (G_ACTION_MAP (self->line_actions), G_ACTION (term));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "line", G_ACTION_GROUP (self->line_actions));
  self->line_menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_position (GTK_POPOVER (self->line_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->line_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->line_menu, GTK_WIDGET (self));
  g_signal_connect_swapped (self->line_menu, "closed", G_CALLBACK (on_line_menu_closed), self);

  gtk_event_controller_set_name (keys, "sky-line-menu-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_lines_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->lines_view), keys);
}

/* The offers kept in the catalog become lines, each priced with its own offer. */
static void
add_candidates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  g_autoptr(GPtrArray) kept = sky_listing_item_copy_listings (self->candidates);
  SkyScenario *s;

  if (kept->len == 0 || self->document == NULL)
    return;
  s = sky_scenario_document_edit (self->document, NULL);
  for (guint i = 0; i < kept->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (kept, i);
      SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_OFFER);

      line->label = g_strdup (l->name);
      line->unit = g_strdup (l->unit);
      g_free (line->term);
      line->term = g_strdup (l->term);
      line->provider = g_strdup (l->provider);
      line->sheet_version = g_strdup (l->sheet_version);
      line->sku = g_strdup (l->sku);
      g_ptr_array_add (s->lines, line);
      /* A provider of a kept offer is priced too. */
      if (!g_ptr_array_find_with_equal_func (s->providers, l->provider, g_str_equal, NULL))
        g_ptr_array_add (s->providers, g_strdup (l->provider));
    }
  fill_widgets (self);
  update_rows (self);
  sky_scenario_document_edited (self->document);
}

static void
update_candidates_action (SkyScenarioPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-candidates",
                                 self->candidates != NULL &&
                                 g_list_model_get_n_items (self->candidates) > 0);
}

/* The document ------------------------------------------------------------------------------ */

static void
show_all (SkyScenarioPage *self)
{
  if (self->document == NULL)
    return;
  fill_widgets (self);
  update_provider_columns (self);
  update_rows (self);
  update_details (self);
  update_status (self);
}

/* Another scenario: nothing of the one before stays selected. */
static void
on_document_loaded (SkyScenarioPage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
set_document (SkyScenarioPage     *self,
              SkyScenarioDocument *document)
{
  if (!sky_gui_util_watch (&self->document, document, self))
    return;
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "loaded", G_CALLBACK (on_document_loaded), self);
      g_signal_connect_swapped (document, "changed", G_CALLBACK (show_all), self);
      g_signal_connect_swapped (document, "notify::estimate", G_CALLBACK (show_estimate), self);
      g_signal_connect_swapped (document, "notify::busy", G_CALLBACK (update_status), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (update_undo_actions),
                                self);
      g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (update_undo_actions),
                                self);
      g_signal_connect (document, "newer-prices", G_CALLBACK (on_newer_prices), self);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_all (self);
    }
  else
    g_list_store_remove_all (self->rows);
  gtk_widget_set_sensitive (GTK_WIDGET (self), document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-line", document != NULL);
  update_undo_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Public ----------------------------------------------------------------------------------- */

/* The catalog's kept offers, which page.add-candidates adds as lines. */
static void
set_candidates (SkyScenarioPage *self,
                GListModel      *candidates)
{
  if (!sky_gui_util_watch (&self->candidates, candidates, self))
    return;
  if (candidates != NULL)
    g_signal_connect_swapped (candidates, "items-changed",
                              G_CALLBACK (update_candidates_action), self);
  update_candidates_action (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATES]);
}

SkyScenarioDocument *
sky_scenario_page_get_document (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  return self->document;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
sky_scenario_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CANDIDATES:
      g_value_set_object (value, self->candidates);
      break;
    case PROP_STALE_AFTER_DAYS:
      g_value_set_uint (value, self->stale_after_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_scenario_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (self, g_value_get_object (value));
      break;
    case PROP_CANDIDATES:
      set_candidates (self, g_value_get_object (value));
      break;
    case PROP_STALE_AFTER_DAYS:
      if (self->stale_after_days != g_value_get_uint (value))
        {
          self->stale_after_days = g_value_get_uint (value);
          if (self->document != NULL)
            {
              update_details (self);
              update_notice (self);
            }
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_scenario_page_dispose (GObject *object)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);

  sky_gui_util_watch (&self->document, NULL, self);
  sky_gui_util_watch (&self->candidates, NULL, self);
  g_clear_weak_pointer (&self->menu_focus);
  if (self->line_menu != NULL)
    g_signal_handlers_disconnect_by_data (self->line_menu, self);
  g_clear_pointer (&self->line_menu, gtk_widget_unparent);
  g_clear_object (&self->line_actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_SCENARIO_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->provider_columns, g_ptr_array_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (sky_scenario_page_parent_class)->dispose (object);
}

static void
sky_scenario_page_class_init (SkyScenarioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_scenario_page_get_property;
  object_class->set_property = sky_scenario_page_set_property;
  object_class->dispose = sky_scenario_page_dispose;

  /* The scenario shown and edited. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The catalog's kept offers (SkyListingItem), which page.add-candidates adds as lines. */
  properties[PROP_CANDIDATES] =
    g_param_spec_object ("candidates", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Prices older than this many days are marked, and the notice above the lines says so. */
  properties[PROP_STALE_AFTER_DAYS] =
    g_param_spec_uint ("stale-after-days", NULL, NULL, 0, G_MAXINT,
                       SKY_FRESHNESS_STALE_AFTER_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SKY_TYPE_SUMMARY_CARDS);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-scenario-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyScenarioPage, name)
  CHILD (name_entry);
  CHILD (currency_dropdown);
  CHILD (hours_spin);
  CHILD (availability_entry);
  CHILD (dev_test_check);
  CHILD (providers_button);
  CHILD (providers_box);
  CHILD (status_label);
  CHILD (notice_box);
  CHILD (notice_label);
  CHILD (busy_spinner);
  CHILD (stack);
  CHILD (paned);
  CHILD (lines_view);
  CHILD (details_box);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_settings_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_availability_changed);
  gtk_widget_class_bind_template_callback (widget_class, commit_availability);

  gtk_widget_class_install_action (widget_class, "page.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "page.edit-line", NULL, edit_line_action);
  gtk_widget_class_install_action (widget_class, "page.remove-line", NULL, remove_line_action);
  gtk_widget_class_install_action (widget_class, "page.add-candidates", NULL,
                                   add_candidates_action);
  gtk_widget_class_install_action (widget_class, "page.line-menu", NULL, line_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "page.line-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "page.line-menu", NULL);
  gtk_widget_class_install_action (widget_class, "page.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "page.move-down", NULL, move_down_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "page.move-up",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "page.move-down", NULL);
  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.redo", NULL);
}

static void
on_selection_changed (SkyScenarioPage *self)
{
  if (self->document != NULL)
    update_details (self);
}

static void
on_row_activated (SkyScenarioPage *self,
                  guint            position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.edit-line", NULL);
}

static void
sky_scenario_page_init (SkyScenarioPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stale_after_days = SKY_FRESHNESS_STALE_AFTER_DEFAULT;
  self->provider_columns = g_ptr_array_new ();
  self->bound = g_hash_table_new (NULL, NULL);
  self->rows = g_list_store_new (SKY_TYPE_INDEX_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->lines_view, "activate", G_CALLBACK (on_row_activated), self);

  setup_line_menu (self);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (on_availability_focus_left), self);
    gtk_widget_add_controller (GTK_WIDGET (self->availability_entry), focus);
  }
  add_column (self, _("Line"), COLUMN_LABEL, 160);
  add_column (self, _("Group"), COLUMN_GROUP, 80);
  add_column (self, _("Quantity"), COLUMN_QUANTITY, 70);
  add_column (self, _("Usage a Month"), COLUMN_USAGE, 130);
  add_column (self, _("Purchase Option"), COLUMN_TERM, 270);
  sky_side_pane_attach (self->paned, 360);

  /* Until it has a document, the page shows nothing and cannot be used. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-line", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-line", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.line-menu", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remove-line", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-up", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-down", FALSE);
  update_candidates_action (self);
  update_undo_actions (self);
}
