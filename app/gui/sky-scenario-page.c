/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-scenario-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sky-terms.h"
#include "sky-currency.h"
#include "sky-line-dialog.h"
#include "sky-listing-item.h"
#include "sky-offer-match.h"
#include "sky-recovery.h"
#include "sky-scenario-page.h"
#include "sky-index-item.h"
#include "sky-side-pane.h"
#include "sky-thread-task.h"

/* The Scenario page: a workload's lines, priced on each provider side by side, with every
 * figure's arithmetic for the selected line and each provider's totals. Pricing runs in a
 * worker thread on a catalog connection of the page's own, on a copy of the scenario. */
struct _SkyScenarioPage
{
  AdwBin              parent_instance;

  SkyCatalog         *catalog;
  SkyScenario        *scenario;
  GFile              *file;
  gboolean            modified;
  SkyEstimate        *estimate;
  char               *estimate_error;
  guint               generation;
  gboolean            busy;
  GListModel         *candidates;
  GListStore         *rows;         /* SkyIndexItem */
  GtkSingleSelection *selection;
  GPtrArray          *provider_columns;
  guint               autosave_id;
  gboolean            recovery_written; /* the recovery file holds this page's changes */
  gboolean            filling;      /* the widgets are being set from the scenario */
  GPtrArray          *undo;         /* the scenario's text before each change, oldest first */
  GPtrArray          *redo;
  const char         *last_edit;    /* consecutive edits of this kind are undone together */
  GHashTable         *bound;        /* GtkListItem → its factory: the cells shown */

  GtkEntry           *name_entry;
  GtkDropDown        *currency_dropdown;
  GtkSpinButton      *hours_spin;
  GtkMenuButton      *providers_button;
  GtkBox             *providers_box;
  GtkLabel           *status_label;
  GtkStack           *stack;
  GtkPaned           *paned;
  GtkColumnView      *lines_view;
  GtkBox             *details_box;
};

G_DEFINE_FINAL_TYPE (SkyScenarioPage, sky_scenario_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_BUSY,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The currencies offered for reporting; a scenario's own is added when it is another. */
static const char * const currencies[] = {
  "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "BRL", "SEK", "NOK", "DKK", "PLN",
  "SGD", "HKD", "CNY", NULL
};

#define AUTOSAVE_SECONDS 3

static void estimate_now (SkyScenarioPage *self,
                          gboolean         check_newer);
static void update_rows  (SkyScenarioPage *self);
static void fill_widgets (SkyScenarioPage *self);

/* Recovery ------------------------------------------------------------------------------- */

/* Where unsaved changes are kept until they are saved or discarded, with the name of the file
 * they belong to: one file (see sky-recovery.c) in $XDG_STATE_HOME/skytally. */
char *
sky_scenario_page_recovery_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "skytally", "unsaved.skytally-recovery",
                           NULL);
}

/* Earlier versions kept them in two files: the scenario, and its file's name. */
static char *
legacy_recovery_path (const char *name)
{
  return g_build_filename (g_get_user_state_dir (), "skytally", name, NULL);
}

static gboolean
recovery_exists (void)
{
  g_autofree char *path = sky_scenario_page_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");

  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
         g_file_test (legacy, G_FILE_TEST_IS_REGULAR);
}

/* The changes kept, and in @origin the file they belong to (NULL for a scenario never saved). */
static SkyScenario *
read_recovery (char   **origin,
               GError **error)
{
  g_autofree char *path = sky_scenario_page_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");
  g_autofree char *legacy_origin = legacy_recovery_path ("recovery.origin");
  g_autofree char *text = NULL;
  SkyScenario *scenario;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return sky_recovery_read (path, origin, error);
  scenario = sky_scenario_load (legacy, error);
  *origin = NULL;
  if (scenario != NULL && g_file_get_contents (legacy_origin, &text, NULL, NULL) &&
      *text != '\0')
    *origin = g_steal_pointer (&text);
  return scenario;
}

void
sky_scenario_page_discard_recovery (SkyScenarioPage *self)
{
  g_autofree char *path = sky_scenario_page_recovery_path ();
  g_autofree char *legacy = legacy_recovery_path ("recovery.skytally");
  g_autofree char *legacy_origin = legacy_recovery_path ("recovery.origin");

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_unlink (path);
  g_unlink (legacy);
  g_unlink (legacy_origin);
  self->recovery_written = FALSE;
}

/* The scenario was saved or replaced: the changes this page kept go. A recovery file it did
 * not write (a crash's, not yet offered back or answered) stays. */
static void
forget_recovery (SkyScenarioPage *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->recovery_written)
    sky_scenario_page_discard_recovery (self);
}

static gboolean
autosave_cb (gpointer user_data)
{
  SkyScenarioPage *self = user_data;
  g_autofree char *path = sky_scenario_page_recovery_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *file = self->file != NULL ? g_file_get_path (self->file) : NULL;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  /* The scenario and its file's name in one file, put in place whole, private. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !sky_recovery_write (path, self->scenario, file, &error))
    g_warning ("Cannot keep a recovery copy of the scenario: %s",
               error != NULL ? error->message : g_strerror (errno));
  else
    self->recovery_written = TRUE;
  return G_SOURCE_REMOVE;
}

/* State ------------------------------------------------------------------------------------ */

static void
set_modified (SkyScenarioPage *self,
              gboolean         modified)
{
  if (modified)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_cb, self);
    }
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Something the user changed: price again, keep a recovery copy. */
static void
changed (SkyScenarioPage *self)
{
  set_modified (self, TRUE);
  estimate_now (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Undo ------------------------------------------------------------------------------------- */

#define MAX_UNDO 200

static void
update_undo_actions (SkyScenarioPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.redo", self->redo->len > 0);
}

/* Keeps the scenario as it is before a change, for undo. Edits of one @kind in a row (typing
 * a name) are one step; NULL always starts a new one. */
static void
remember (SkyScenarioPage *self,
          const char      *kind)
{
  if (kind != NULL && kind == self->last_edit)
    return;
  self->last_edit = kind;
  g_ptr_array_add (self->undo, sky_scenario_to_xml (self->scenario));
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_actions (self);
}

static void
forget_undo (SkyScenarioPage *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit = NULL;
  update_undo_actions (self);
}

static void restore (SkyScenarioPage *self,
                     const char      *xml);

/* Moves the scenario's text from the top of @from to the page, and the page's onto @to. */
static void
step (SkyScenarioPage *self,
      GPtrArray       *from,
      GPtrArray       *to)
{
  g_autofree char *xml = NULL;

  if (from->len == 0)
    return;
  xml = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, sky_scenario_to_xml (self->scenario));
  self->last_edit = NULL;
  restore (self, xml);
  update_undo_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);

  step (self, self->undo, self->redo);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);

  step (self, self->redo, self->undo);
}

static void
set_busy (SkyScenarioPage *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The file's name, or the scenario's until it is saved; marked while changes are unsaved. */
static char *
page_title (SkyScenarioPage *self)
{
  g_autofree char *name = self->file != NULL ? g_file_get_basename (self->file) : NULL;

  return g_strdup_printf ("%s%s", self->modified ? "• " : "",
                          name != NULL ? name : self->scenario->name);
}

/* Table ------------------------------------------------------------------------------------ */

static const SkyEstimateLine *
estimate_line (SkyScenarioPage *self,
               guint            provider,
               guint            line)
{
  SkyEstimateProvider *p;

  if (self->estimate == NULL || provider >= self->estimate->providers->len)
    return NULL;
  p = g_ptr_array_index (self->estimate->providers, provider);
  return line < p->lines->len ? g_ptr_array_index (p->lines, line) : NULL;
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

static char *
decimal_text (SkyDecimal value)
{
  return sky_decimal_to_string (sky_decimal_normalize (value));
}

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
  const SkyEstimate *e = self->estimate;
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
  else if (column >= COLUMN_PROVIDER && self->estimate != NULL &&
           (guint) (column - COLUMN_PROVIDER) < self->estimate->providers->len)
    {
      guint provider = column - COLUMN_PROVIDER;
      SkyEstimateProvider *p = g_ptr_array_index (self->estimate->providers, provider);
      SkyDecimal amount = index == ROW_MONTHLY_TOTAL ? p->monthly
                          : index == ROW_UPFRONT_TOTAL ? p->upfront : p->yearly;
      g_autofree char *money = sky_estimate_money (self->estimate, amount);

      if (index == ROW_MONTHLY_TOTAL && (int) provider == cheapest_provider (self))
        {
          /* Translators: the cheapest provider's monthly total, marked; then the currency. */
          text = g_strdup_printf (_("★ %s %s"), money, self->estimate->currency);
          tooltip = self->estimate->compare_by == SKY_COMPARE_TERM_TOTAL
                    ? _("The cheapest of the providers that price every line over the whole "
                        "term, less credits")
                    : _("The cheapest of the providers that price every line, with upfront fees "
                        "spread over their commitments");
          gtk_widget_add_css_class (GTK_WIDGET (label), "success");
        }
      else if (index == ROW_MONTHLY_TOTAL && !sky_estimate_provider_complete (p))
        /* Translators: the monthly total of a provider that cannot price every line,
         * marked as incomplete. */
        text = g_strdup_printf (_("⚠ %s %s"), money, self->estimate->currency);
      else
        text = g_strdup_printf ("%s %s", money, self->estimate->currency);
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
  const char *tooltip = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  if (is_total_row (index))
    {
      bind_total_cell (self, column, index, label);
      return;
    }
  if (index >= self->scenario->lines->len)
    return;
  line = g_ptr_array_index (self->scenario->lines, index);

  if (column == COLUMN_LABEL)
    text = g_strdup (line->label);
  else if (column == COLUMN_GROUP)
    text = g_strdup (line->group != NULL ? line->group : "");
  else
    {
      const SkyEstimateLine *l = estimate_line (self, column - COLUMN_PROVIDER, index);

      if (l == NULL)
        text = g_strdup ("…");
      else if (l->status == SKY_LINE_PRICED)
        {
          g_autofree char *money = sky_estimate_money (self->estimate, l->monthly);
          text = g_strdup_printf ("%s %s", money, self->estimate->currency);
          tooltip = l->explanation;
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

  if (row == NULL)
    return NULL;
  *index = sky_index_item_get_index (row);
  return *index < self->scenario->lines->len ? g_ptr_array_index (self->scenario->lines, *index)
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
    text = decimal_text (line->quantity);
  else
    {
      g_autofree char *usage = decimal_text (sky_scenario_line_usage (self->scenario, line));
      /* Translators: a line's usage a month and its unit, e.g. "730 hour". */
      text = g_strdup_printf (_("%s %s"), usage, line->unit);
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
          remember (self, NULL);
          line->has_usage = FALSE;
          changed (self);
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
      remember (self, NULL);
      line->quantity = value;
      changed (self);
    }
  else if (column == COLUMN_USAGE &&
           (!line->has_usage || sky_decimal_compare (value, line->usage) != 0))
    {
      remember (self, NULL);
      line->usage = value;
      line->has_usage = TRUE;
      changed (self);
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
  const char * const *terms = sky_terms ();
  SkyScenarioLine *line;
  guint index;

  if (g_object_get_data (G_OBJECT (dropdown), "binding") != NULL ||
      selected >= g_strv_length ((GStrv) terms) ||
      (line = cell_line (self, GTK_WIDGET (dropdown), &index)) == NULL ||
      g_strcmp0 (line->term, terms[selected]) == 0)
    return;
  remember (self, NULL);
  g_free (line->term);
  line->term = g_strdup (terms[selected]);
  changed (self);
}

static void
setup_term_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SkyScenarioPage          *self)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (sky_term_titles ());

  gtk_widget_add_css_class (dropdown, "flat");
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
  const char * const *terms = sky_terms ();
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
  return view_column;
}

/* One column per provider priced, titled with its name. */
static void
update_provider_columns (SkyScenarioPage *self)
{
  guint n = self->estimate != NULL ? self->estimate->providers->len : 0;
  gboolean same = n == self->provider_columns->len;

  for (guint i = 0; same && i < n; i++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (self->estimate->providers, i);
      same = g_strcmp0 (gtk_column_view_column_get_title (g_ptr_array_index (self->provider_columns, i)),
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
      SkyEstimateProvider *p = g_ptr_array_index (self->estimate->providers, i);
      GtkColumnViewColumn *column = add_column (self, p->provider_name, COLUMN_PROVIDER + i, 130);

      /* What each provider costs comes right after the line and its group, so that it shows
       * in a window of ordinary width; the inputs follow. */
      gtk_column_view_insert_column (self->lines_view, 2 + i, column);
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
  guint n = self->scenario->lines->len;
  guint n_items = g_list_model_get_n_items (model);
  guint n_totals = 0;
  guint n_line_rows;
  gboolean want_totals = n > 0 && self->estimate != NULL;
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

/* Each provider's totals, when no line is selected. */
static void
show_summary (SkyScenarioPage *self)
{
  const SkyEstimate *e = self->estimate;

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
      g_autofree char *monthly = sky_estimate_money (e, p->monthly);
      g_autofree char *effective = sky_estimate_money (e, p->effective_monthly);
      g_autofree char *yearly = sky_estimate_money (e, p->yearly);
      g_autofree char *upfront = sky_estimate_money (e, p->upfront);
      g_autofree char *term = sky_estimate_money (e, p->term_total);
      g_autofree char *net = sky_estimate_money (e, p->term_net);
      g_autofree char *credits = sky_estimate_money (e, p->credits);
      g_autofree char *months = g_strdup_printf ("%u", e->term_months);
      g_autofree char *a = NULL, *b = NULL, *c = NULL;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), p->provider_name);
      if (p->sheet_version != NULL)
        {
          g_autofree char *sheet = g_strdup_printf (_("Price sheet %s"), p->sheet_version);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), sheet);
        }
      /* Translators: the monthly totals, then the currency. */
      a = g_strdup_printf (_("%s billed, %s with upfront fees spread over their commitments (%s)"),
                           monthly, effective, e->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("A Month"), a));
      /* Translators: the first year's total and the upfront fees in it, then the currency. */
      b = g_strdup_printf (_("%s, of which %s upfront (%s)"), yearly, upfront, e->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("First Year"), b));
      /* Translators: the term's length in months, its total, the credits and what is left. */
      c = g_strdup_printf (_("%s months: %s; less %s of credits, %s (%s)"), months, term, credits,
                           net, e->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("Term"), c));
      /* Each group's share, when the lines have groups. */
      for (guint g = 0; p->groups->len > 1 && g < p->groups->len; g++)
        {
          SkyEstimateGroup *eg = g_ptr_array_index (p->groups, g);
          g_autofree char *gm = sky_estimate_money (e, eg->monthly);
          g_autofree char *gy = sky_estimate_money (e, eg->yearly);
          /* Translators: a group's monthly and first-year totals, then the currency. */
          g_autofree char *text = g_strdup_printf (_("%s a month, %s the first year (%s)"), gm,
                                                   gy, e->currency);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (*eg->name != '\0' ? eg->name : _("No group"),
                                                 text));
        }
      if (p->n_unpriced > 0)
        {
          g_autofree char *n = g_strdup_printf ("%u", p->n_unpriced);
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
  const SkyEstimate *e = self->estimate;
  const SkyScenarioLine *line;
  GtkWidget *title;

  remove_children (GTK_WIDGET (self->details_box));
  {
    gboolean is_line = index < self->scenario->lines->len;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-line", is_line);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remove-line", is_line);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-up", is_line && index > 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.move-down",
                                   is_line && index + 1 < self->scenario->lines->len);
  }
  if (index == GTK_INVALID_LIST_POSITION || index >= self->scenario->lines->len)
    {
      show_summary (self);
      return;
    }
  line = g_ptr_array_index (self->scenario->lines, index);
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
          g_autofree char *sheet = g_strdup_printf (_("Price sheet %s"), p->sheet_version);
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
          g_autofree char *monthly = sky_estimate_money (e, l->monthly);
          g_autofree char *yearly = sky_estimate_money (e, l->yearly);
          g_autofree char *figures = NULL;

          if (l->term_months > 0)
            {
              g_autofree char *upfront = sky_estimate_money (e, l->upfront);
              g_autofree char *effective = sky_estimate_money (e, l->effective_monthly);
              /* Translators: a committed line's figures, then the currency. */
              figures = g_strdup_printf (_("%s a month, %s upfront, %s a month with the upfront "
                                           "spread, %s the first year (%s)"),
                                         monthly, upfront, effective, yearly, e->currency);
            }
          else
            /* Translators: a line's figures, then the currency. */
            figures = g_strdup_printf (_("%s a month, %s a year (%s)"), monthly, yearly,
                                       e->currency);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (_("Cost"), figures));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     detail_row (_("How It Is Computed"), l->explanation));
          if (l->has_break_even)
            {
              g_autofree char *hours = sky_explain_hours (l->break_even_hours);
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

  if (self->estimate_error != NULL)
    text = g_strdup (self->estimate_error);
  else if (self->busy)
    text = g_strdup (_("Pricing…"));
  else if (self->estimate != NULL)
    {
      g_autofree char *lines = g_strdup_printf ("%u", self->scenario->lines->len);
      g_autofree char *providers = g_strdup_printf ("%u", self->estimate->providers->len);
      /* Translators: "3 lines on 2 providers, in USD". */
      g_autoptr(GString) status = g_string_new (NULL);

      g_string_printf (status, g_dngettext (GETTEXT_PACKAGE, "%s line on %s providers, in %s",
                                            "%s lines on %s providers, in %s",
                                            self->scenario->lines->len),
                       lines, providers, self->estimate->currency);
      for (guint i = 0; i < self->estimate->providers->len; i++)
        {
          SkyEstimateProvider *p = g_ptr_array_index (self->estimate->providers, i);

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
  else if (self->scenario->providers->len == 0)
    text = g_strdup (_("Choose the providers to price on"));
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
}

static void
show_estimate (SkyScenarioPage *self)
{
  update_provider_columns (self);
  update_rows (self);
  update_details (self);
  update_status (self);
}

/* Pricing ---------------------------------------------------------------------------------- */

typedef struct
{
  SkyCatalog  *catalog;
  SkyScenario *scenario;
  guint        generation;
  gboolean     check_newer;
  SkyEstimate *recorded;
  SkyEstimate *current;
  GPtrArray   *changes;     /* what pricing against the current sheets changes */
  GError      *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  sky_scenario_free (job->scenario);
  g_clear_pointer (&job->recorded, sky_estimate_free);
  g_clear_pointer (&job->current, sky_estimate_free);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;

  job->recorded = sky_estimate_compute (job->catalog, job->scenario, NULL, FALSE, &job->error);
  if (job->check_newer && (job->recorded != NULL ||
                           g_error_matches (job->error, SKY_ESTIMATE_ERROR,
                                            SKY_ESTIMATE_ERROR_NO_SHEET)))
    job->current = sky_estimate_compute (job->catalog, job->scenario, NULL, TRUE, NULL);
  if (job->recorded != NULL && job->current != NULL)
    job->changes = sky_estimate_changes (job->recorded, job->current);
  g_task_return_boolean (task, TRUE);
}

static void
reprice_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SkyScenarioPage  *self)
{
  if (g_strcmp0 (response, "reprice") != 0)
    return;
  remember (self, NULL);
  /* Forget the versions recorded: the next pricing takes the current sheets and records
   * them. */
  g_ptr_array_set_size (self->scenario->priced_against, 0);
  changed (self);
}

/* The scenario was priced against older sheets than the current ones: say what re-pricing
 * would change, and offer it. */
static void
offer_reprice (SkyScenarioPage *self,
               Job             *job)
{
  GPtrArray *changes = job->changes;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (job->current == NULL)
    return;
  if (changes == NULL)
    g_string_append_printf (body, "%s\n\n", job->error->message);
  else
    {
      if (changes->len == 0)
        return;
      g_string_append (body, _("Newer price sheets are loaded. Re-pricing against them changes "
                               "these monthly figures:\n\n"));
      for (guint i = 0; i < changes->len && i < 12; i++)
        {
          SkyEstimateChange *c = g_ptr_array_index (changes, i);
          /* Translators: provider, line, old and new figure, currency, and why. */
          g_string_append_printf (body, _("%s, %s: %s → %s %s (%s)\n"), c->provider_name,
                                  c->label, c->before, c->after, job->current->currency, c->why);
        }
      if (changes->len > 12)
        {
          g_autofree char *n = g_strdup_printf ("%u", changes->len - 12);
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
  g_signal_connect (dialog, "response", G_CALLBACK (reprice_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
estimated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->generation != self->generation)
    return;
  set_busy (self, FALSE);
  g_clear_pointer (&self->estimate_error, g_free);
  if (job->recorded != NULL)
    {
      g_clear_pointer (&self->estimate, sky_estimate_free);
      self->estimate = g_steal_pointer (&job->recorded);
      /* Saving records the sheets these figures come from. */
      sky_estimate_record_sheets (self->estimate, self->scenario);
    }
  else
    {
      g_clear_pointer (&self->estimate, sky_estimate_free);
      self->estimate_error = g_strdup (job->error->message);
    }
  show_estimate (self);
  if (job->check_newer)
    offer_reprice (self, job);
}

static void
estimate_now (SkyScenarioPage *self,
              gboolean         check_newer)
{
  Job *job;

  /* Pricing under way is of an older scenario: its result will be dropped. */
  self->generation++;
  if (self->catalog == NULL || self->scenario->providers->len == 0)
    {
      set_busy (self, FALSE);
      g_clear_pointer (&self->estimate, sky_estimate_free);
      show_estimate (self);
      return;
    }

  job = g_new0 (Job, 1);
  job->catalog = g_object_ref (self->catalog);
  job->scenario = sky_scenario_copy (self->scenario);
  job->generation = self->generation;
  job->check_newer = check_newer;
  set_busy (self, TRUE);
  update_status (self);

  sky_thread_task_run (self, NULL, estimate_now, job, (GDestroyNotify) job_free, estimate_thread,
                       estimated_cb);
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

  if (self->filling)
    return;
  remember (self, NULL);
  if (g_ptr_array_find_with_equal_func (self->scenario->providers, id, g_str_equal, &position))
    {
      if (!active)
        g_ptr_array_remove_index (self->scenario->providers, position);
    }
  else if (active)
    {
      /* In the order the popover lists them. */
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->providers_box));
           c != NULL; c = gtk_widget_get_next_sibling (c))
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
          g_ptr_array_add (ordered, g_strdup (g_object_get_data (G_OBJECT (c), "provider")));
      g_ptr_array_set_size (self->scenario->providers, 0);
      g_ptr_array_extend_and_steal (self->scenario->providers, g_steal_pointer (&ordered));
    }
  fill_widgets (self);
  changed (self);
}

/* The providers of the current sheets, and any the scenario names that the catalog lacks. */
static void
fill_providers (SkyScenarioPage *self)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->providers_box))) != NULL)
    gtk_box_remove (self->providers_box, child);

  sheets = self->catalog != NULL ? sky_catalog_list_sheets (self->catalog, NULL) : NULL;
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      if (!info->current)
        continue;
      g_ptr_array_add (ids, g_strdup (info->provider));
      g_ptr_array_add (names, g_strdup (info->provider_name));
    }
  for (guint i = 0; i < self->scenario->providers->len; i++)
    {
      const char *id = g_ptr_array_index (self->scenario->providers, i);
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
                                   g_ptr_array_find_with_equal_func (self->scenario->providers,
                                                                     id, g_str_equal, NULL));
      g_signal_connect (check, "toggled", G_CALLBACK (provider_toggled_cb), self);
      gtk_box_append (self->providers_box, check);
    }

  label = g_strdup_printf (_("Providers (%u)"), self->scenario->providers->len);
  gtk_menu_button_set_label (self->providers_button, label);
}

static void
fill_widgets (SkyScenarioPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) currencies);
  guint position = 0;
  double hours = 730;
  g_autofree char *hours_text = decimal_text (self->scenario->hours_per_month);

  self->filling = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                 self->scenario->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->scenario->name);
  if (!g_strv_contains (currencies, self->scenario->currency))
    gtk_string_list_append (list, self->scenario->currency);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), self->scenario->currency) == 0)
      position = i;
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->currency_dropdown, position);
  /* Hours are shown whole; a file's fractional month (730.5) is kept until changed here. */
  hours = g_ascii_strtod (hours_text, NULL);
  if ((int) gtk_spin_button_get_value (self->hours_spin) != (int) hours)
    gtk_spin_button_set_value (self->hours_spin, hours);
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

  if (self->filling || self->scenario == NULL)
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  if (*name != '\0' && g_strcmp0 (name, self->scenario->name) != 0)
    {
      remember (self, "name");
      g_free (self->scenario->name);
      self->scenario->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      set_modified (self, TRUE);
    }

  currency = gtk_drop_down_get_selected_item (self->currency_dropdown);
  if (currency != NULL &&
      g_strcmp0 (gtk_string_object_get_string (currency), self->scenario->currency) != 0)
    {
      remember (self, NULL);
      g_free (self->scenario->currency);
      self->scenario->currency = g_strdup (gtk_string_object_get_string (currency));
      dirty = TRUE;
    }

  hours = gtk_spin_button_get_value_as_int (self->hours_spin);
  old_hours = decimal_text (self->scenario->hours_per_month);
  if (g_ascii_strtoll (old_hours, NULL, 10) != hours || strchr (old_hours, '.') != NULL)
    {
      if ((int) g_ascii_strtod (old_hours, NULL) != hours)
        {
          remember (self, "hours");
          self->scenario->hours_per_month = sky_decimal_from_int (hours);
          dirty = TRUE;
        }
    }
  if (dirty)
    changed (self);
}

/* Lines ------------------------------------------------------------------------------------ */

/* Takes @line and prices the scenario again. */
void
sky_scenario_page_add_line (SkyScenarioPage *self,
                            SkyScenarioLine *line)
{
  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  remember (self, NULL);
  g_ptr_array_add (self->scenario->lines, line);
  update_rows (self);
  gtk_single_selection_set_selected (self->selection, self->scenario->lines->len - 1);
  changed (self);
}

static void
line_dialog_done_cb (SkyLineDialog   *dialog,
                     SkyScenarioPage *self)
{
  SkyScenarioLine *line = sky_line_dialog_get_line (dialog);
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "index"));

  if (line == NULL)
    return;
  if (index < 0 || (guint) index >= self->scenario->lines->len)
    sky_scenario_page_add_line (self, line);
  else
    {
      remember (self, NULL);
      sky_scenario_line_free (g_ptr_array_index (self->scenario->lines, index));
      g_ptr_array_index (self->scenario->lines, index) = line;
      update_rows (self);
      changed (self);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_line_dialog (SkyScenarioPage       *self,
                  const SkyScenarioLine *line,
                  int                    index)
{
  SkyLineDialog *dialog = sky_line_dialog_new (line);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

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

  if (index < self->scenario->lines->len)
    open_line_dialog (self, g_ptr_array_index (self->scenario->lines, index), (int) index);
}

static void
remove_line_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  guint index = gtk_single_selection_get_selected (self->selection);

  if (index >= self->scenario->lines->len)
    return;
  remember (self, NULL);
  g_ptr_array_remove_index (self->scenario->lines, index);
  update_rows (self);
  changed (self);
}

/* Moves the selected line one place up (@by -1) or down (1). */
static void
move_line (SkyScenarioPage *self,
           int              by)
{
  guint index = gtk_single_selection_get_selected (self->selection);
  guint n = self->scenario->lines->len;
  gpointer line;

  if (index >= n || (by < 0 && index == 0) || (by > 0 && index + 1 >= n))
    return;
  remember (self, NULL);
  line = self->scenario->lines->pdata[index];
  self->scenario->lines->pdata[index] = self->scenario->lines->pdata[index + by];
  self->scenario->lines->pdata[index + by] = line;
  update_rows (self);
  gtk_single_selection_set_selected (self->selection, index + by);
  changed (self);
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

/* The offers kept in the catalog become lines, each priced with its own offer. */
static void
add_candidates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (widget);
  guint n = self->candidates != NULL ? g_list_model_get_n_items (self->candidates) : 0;

  if (n > 0)
    remember (self, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (self->candidates, i);
      const SkyListing *l = sky_listing_item_get_listing (item);
      SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_OFFER);

      line->label = g_strdup (l->name);
      line->unit = g_strdup (l->unit);
      g_free (line->term);
      line->term = g_strdup (l->term);
      line->provider = g_strdup (l->provider);
      line->sheet_version = g_strdup (l->sheet_version);
      line->sku = g_strdup (l->sku);
      g_ptr_array_add (self->scenario->lines, line);
      /* A provider of a kept offer is priced too. */
      if (!g_ptr_array_find_with_equal_func (self->scenario->providers, l->provider,
                                             g_str_equal, NULL))
        g_ptr_array_add (self->scenario->providers, g_strdup (l->provider));
    }
  if (n == 0)
    return;
  fill_widgets (self);
  update_rows (self);
  changed (self);
}

static void
update_candidates_action (SkyScenarioPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-candidates",
                                 self->candidates != NULL &&
                                 g_list_model_get_n_items (self->candidates) > 0);
}

/* Puts back the scenario @xml holds, keeping the file it is saved in. */
static void
restore (SkyScenarioPage *self,
         const char      *xml)
{
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_parse (xml, strlen (xml), self->scenario->name, &error);

  if (scenario == NULL)
    {
      g_critical ("A scenario kept for undo does not read back: %s", error->message);
      return;
    }
  sky_scenario_free (self->scenario);
  self->scenario = scenario;
  fill_widgets (self);
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  changed (self);
}

/* Files ------------------------------------------------------------------------------------ */

static void
show_error (SkyScenarioPage *self,
            const char      *heading,
            const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_scenario (SkyScenarioPage *self,
              SkyScenario     *scenario,
              GFile           *file,
              gboolean         modified)
{
  sky_scenario_free (self->scenario);
  self->scenario = scenario;
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  forget_undo (self);
  g_clear_pointer (&self->estimate, sky_estimate_free);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  fill_widgets (self);
  update_rows (self);
  self->modified = !modified;
  set_modified (self, modified);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (!modified)
    g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
sky_scenario_page_new_scenario (SkyScenarioPage *self)
{
  SkyScenario *scenario = sky_scenario_new (_("Untitled Scenario"), "USD");
  g_autoptr(GPtrArray) sheets = NULL;

  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  /* Priced on every provider of the catalog until the user picks. */
  sheets = self->catalog != NULL ? sky_catalog_list_sheets (self->catalog, NULL) : NULL;
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);
      if (info->current)
        g_ptr_array_add (scenario->providers, g_strdup (info->provider));
    }
  forget_recovery (self);
  set_scenario (self, scenario, NULL, FALSE);
  estimate_now (self, FALSE);
}

/* Opens @file; a file that cannot be read is reported and left as it is. */
void
sky_scenario_page_open (SkyScenarioPage *self,
                        GFile           *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario;

  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  scenario = path != NULL ? sky_scenario_load (path, &error) : NULL;
  if (scenario == NULL)
    {
      show_error (self, _("Cannot Open the Scenario"),
                  error != NULL ? error->message : _("Only local files can be opened."));
      return;
    }
  forget_recovery (self);
  set_scenario (self, scenario, file, FALSE);
  estimate_now (self, TRUE);
}

gboolean
sky_scenario_page_save_to (SkyScenarioPage  *self,
                           GFile            *file,
                           GError          **error)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Scenarios can be saved to local files only"));
      return FALSE;
    }
  if (!sky_scenario_save (self->scenario, path, error))
    return FALSE;
  g_set_object (&self->file, file);
  /* Told even when it is the same file: it was saved again. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  forget_recovery (self);
  set_modified (self, FALSE);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  return TRUE;
}

static void
save_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                GTask           *task)
{
  SkyScenarioPage *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      saved = file != NULL && sky_scenario_page_save_to (self, file, &error);
      if (error != NULL)
        show_error (self, _("Cannot Save the Scenario"), error->message);
    }
  g_task_return_boolean (task, saved);
  g_object_unref (task);
  g_object_unref (chooser);
}

/* Asks where to save the scenario and saves it there; @callback learns whether it was saved
 * (not when the user cancelled, nor when saving failed, which is shown). */
void
sky_scenario_page_save_as_async (SkyScenarioPage     *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GTask *task;

  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sky_scenario_page_save_as_async);
  name = g_strdup_printf ("%s.skytally", self->scenario->name);
  chooser = gtk_file_chooser_native_new (_("Save Scenario"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Skytally scenarios"));
  gtk_file_filter_add_mime_type (filter, "application/x-skytally-scenario");
  gtk_file_filter_add_pattern (filter, "*.skytally");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chosen_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
sky_scenario_page_save_as_finish (SkyScenarioPage  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sky_scenario_page_save_as (SkyScenarioPage *self)
{
  sky_scenario_page_save_as_async (self, NULL, NULL);
}

void
sky_scenario_page_save (SkyScenarioPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  if (self->file == NULL)
    sky_scenario_page_save_as (self);
  else if (!sky_scenario_page_save_to (self, self->file, &error))
    show_error (self, _("Cannot Save the Scenario"), error->message);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SkyScenarioPage  *self)
{
  g_autofree char *origin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  SkyScenario *scenario;

  if (g_strcmp0 (response, "restore") != 0)
    {
      sky_scenario_page_discard_recovery (self);
      return;
    }
  scenario = read_recovery (&origin, &error);
  if (scenario == NULL)
    {
      show_error (self, _("Cannot Restore the Scenario"), error->message);
      return;
    }
  if (origin != NULL)
    file = g_file_new_for_path (origin);
  /* The changes kept are this page's now: saving or replacing them removes the file. */
  self->recovery_written = TRUE;
  set_scenario (self, scenario, file, TRUE);
  estimate_now (self, FALSE);
}

/* After a crash: offers back the changes that were not saved, if any were kept (TRUE). */
gboolean
sky_scenario_page_offer_recovery (SkyScenarioPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);

  if (!recovery_exists ())
    return FALSE;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Restore Unsaved Changes?"),
                                   _("Skytally closed before a scenario's changes were saved. "
                                     "They were kept and can be restored."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_signal_connect (dialog, "response", G_CALLBACK (recovery_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Public ----------------------------------------------------------------------------------- */

/* For other pages that change the scenario in place: sky_scenario_page_edit() before the
 * change keeps it for undo (@kind as for consecutive edits, or NULL), and
 * sky_scenario_page_edited() after it marks it changed and prices it again. */
SkyScenario *
sky_scenario_page_edit (SkyScenarioPage *self,
                        const char      *kind)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  remember (self, kind != NULL ? g_intern_string (kind) : NULL);
  return self->scenario;
}

void
sky_scenario_page_edited (SkyScenarioPage *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));
  changed (self);
}

SkyCatalog *
sky_scenario_page_get_catalog (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  return self->catalog;
}

/* Opens a catalog connection of the page's own at @path, for pricing in a worker thread. */
gboolean
sky_scenario_page_set_catalog_path (SkyScenarioPage  *self,
                                    const char       *path,
                                    GError          **error)
{
  SkyCatalog *catalog;

  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);

  catalog = sky_catalog_open (path, error);
  if (catalog == NULL)
    return FALSE;
  g_clear_object (&self->catalog);
  self->catalog = catalog;
  sky_scenario_page_refresh (self);
  return TRUE;
}

/* The catalog changed: list its providers and price again. */
void
sky_scenario_page_refresh (SkyScenarioPage *self)
{
  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  fill_widgets (self);
  estimate_now (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
sky_scenario_page_set_candidates (SkyScenarioPage *self,
                                  GListModel      *candidates)
{
  g_return_if_fail (SKY_IS_SCENARIO_PAGE (self));

  if (self->candidates != NULL)
    g_signal_handlers_disconnect_by_data (self->candidates, self);
  g_set_object (&self->candidates, candidates);
  if (candidates != NULL)
    g_signal_connect_swapped (candidates, "items-changed",
                              G_CALLBACK (update_candidates_action), self);
  update_candidates_action (self);
}

const SkyScenario *
sky_scenario_page_get_scenario (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  return self->scenario;
}

const SkyEstimate *
sky_scenario_page_get_estimate (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  return self->estimate;
}

GFile *
sky_scenario_page_get_file (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), NULL);
  return self->file;
}

gboolean
sky_scenario_page_get_modified (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);
  return self->modified;
}

gboolean
sky_scenario_page_get_busy (SkyScenarioPage *self)
{
  g_return_val_if_fail (SKY_IS_SCENARIO_PAGE (self), FALSE);
  return self->busy;
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
    case PROP_TITLE:
      g_value_take_string (value, page_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_scenario_page_dispose (GObject *object)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);

  /* Pricing under way finds a newer generation and drops its result. */
  self->generation++;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->candidates != NULL)
    g_signal_handlers_disconnect_by_data (self->candidates, self);
  g_clear_object (&self->candidates);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_SCENARIO_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->provider_columns, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (sky_scenario_page_parent_class)->dispose (object);
}

static void
sky_scenario_page_finalize (GObject *object)
{
  SkyScenarioPage *self = SKY_SCENARIO_PAGE (object);

  g_clear_pointer (&self->scenario, sky_scenario_free);
  g_clear_pointer (&self->estimate, sky_estimate_free);
  g_clear_pointer (&self->estimate_error, g_free);
  g_clear_object (&self->file);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_scenario_page_parent_class)->finalize (object);
}

static void
sky_scenario_page_class_init (SkyScenarioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_scenario_page_get_property;
  object_class->dispose = sky_scenario_page_dispose;
  object_class->finalize = sky_scenario_page_finalize;

  /* The scenario's name, marked while it has unsaved changes. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Pricing is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The file the scenario is saved in; NULL until it is. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The scenario changed, another replaced it, or the catalog it is priced from changed: what
   * shows it should show it again. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-scenario-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyScenarioPage, name)
  CHILD (name_entry);
  CHILD (currency_dropdown);
  CHILD (hours_spin);
  CHILD (providers_button);
  CHILD (providers_box);
  CHILD (status_label);
  CHILD (stack);
  CHILD (paned);
  CHILD (lines_view);
  CHILD (details_box);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_settings_changed);

  gtk_widget_class_install_action (widget_class, "page.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "page.edit-line", NULL, edit_line_action);
  gtk_widget_class_install_action (widget_class, "page.remove-line", NULL, remove_line_action);
  gtk_widget_class_install_action (widget_class, "page.add-candidates", NULL,
                                   add_candidates_action);
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

  self->provider_columns = g_ptr_array_new ();
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->bound = g_hash_table_new (NULL, NULL);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_list_store_new (SKY_TYPE_INDEX_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->lines_view, "activate", G_CALLBACK (on_row_activated), self);

  add_column (self, _("Line"), COLUMN_LABEL, 160);
  add_column (self, _("Group"), COLUMN_GROUP, 80);
  add_column (self, _("Quantity"), COLUMN_QUANTITY, 70);
  add_column (self, _("Usage a Month"), COLUMN_USAGE, 130);
  add_column (self, _("Purchase Option"), COLUMN_TERM, 270);
  sky_side_pane_attach (self->paned, 360);

  self->scenario = sky_scenario_new (_("Untitled Scenario"), "USD");
  fill_widgets (self);
  update_rows (self);
  update_details (self);
  update_candidates_action (self);
  update_undo_actions (self);
  update_status (self);
}
