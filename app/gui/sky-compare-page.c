/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-compare-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-compare-page.h"
#include "sky-currency.h"
#include "sky-gui-util.h"
#include "sky-index-item.h"
#include "sky-listing-item.h"
#include "sky-offer-view.h"
#include "sky-sheet-reader.h"
#include "sky-terms.h"
#include "sky-thread-task.h"

/* The Compare page: two to six offers side by side, from the catalog's candidates or from a
 * requirement found on every provider: every attribute, price and feature in rows, the rows
 * that differ marked, the best of each, and what is missing. Work runs in a worker thread on a
 * catalog connection of the page's own. */
struct _SkyComparePage
{
  AdwBin          parent_instance;

  SkyCatalog     *catalog;
  GListModel     *candidates;
  SkyComparison  *comparison;
  guint           generation;
  gboolean        busy;
  GListStore     *rows;
  GPtrArray      *columns;

  GtkDropDown    *category_dropdown;
  GtkSpinButton  *vcpu_spin;
  GtkSpinButton  *memory_spin;
  GtkDropDown    *geography_dropdown;
  GtkEntry       *sla_entry;
  GtkLabel       *status_label;
  GtkStack       *stack;
  GtkColumnView  *matrix;
  GtkMenuButton  *choose_button;
  GtkListBox     *choose_list;

  GArray         *chosen;     /* offer ids of the candidates chosen to compare, at most
                               * SKY_COMPARE_MAX */
  guint           n_distinct; /* distinct offers among the candidates */
  gint64         *listed;     /* the offers the list to choose from shows */
  guint           n_listed;
};

G_DEFINE_FINAL_TYPE (SkyComparePage, sky_compare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (SkyComparePage *self,
          gboolean        busy)
{
  sky_gui_util_set_flag (G_OBJECT (self), &self->busy, busy, properties[PROP_BUSY]);
}

/* The matrix ---------------------------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

/* The comparison's rows whose values are words of a vocabulary, by the row's label. */
static const struct
{
  const char    *label;
  SkyVocabulary  vocabulary;
} word_rows[] = {
  { "Geography", SKY_VOCABULARY_GEOGRAPHY },
  { "Operating system", SKY_VOCABULARY_OPERATING_SYSTEM },
  { "Architecture", SKY_VOCABULARY_ARCHITECTURE },
  { "Tenancy", SKY_VOCABULARY_TENANCY },
  { "Licence", SKY_VOCABULARY_LICENCE },
  { "Capacity", SKY_VOCABULARY_CAPACITY },
};

/* A value of the comparison as people read it: prices in the offer's currency and the reader's
 * locale, words and units by their titles. */
static char *
shown_value (SkyComparePage         *self,
             const SkyComparisonRow *row,
             guint                   column,
             const char             *value)
{
  const SkyMatch *m = g_ptr_array_index (self->comparison->offers, column);
  SkyDecimal amount;

  if (row->is_price && sky_decimal_parse (value, SKY_DECIMAL_MAX_SCALE, TRUE, &amount, NULL))
    return sky_currency_format_price_display (m->offer->currency, amount);
  if (g_strcmp0 (row->label, "Priced per") == 0 && strchr (value, '/') != NULL)
    return g_strdup (sky_word_title (SKY_VOCABULARY_UNIT, strchr (value, '/') + 1));
  for (gsize i = 0; i < G_N_ELEMENTS (word_rows); i++)
    if (g_strcmp0 (row->label, word_rows[i].label) == 0)
      return g_strdup (sky_word_title (word_rows[i].vocabulary, value));
  return g_strdup (value);
}

/* Column -1 is the attribute's name; others, an offer's value. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SkyComparePage           *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint index = sky_index_item_get_index (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);
  SkyComparisonRow *row;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_tooltip_text (label, NULL);
  gtk_widget_remove_css_class (label, "heading");
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "success");
  if (self->comparison == NULL || index >= self->comparison->rows->len)
    return;
  row = g_ptr_array_index (self->comparison->rows, index);
  if (column < 0)
    {
      const char *title = _(row->label);

      /* Translators: a comparison row that differs between the offers, marked. */
      text = row->differs ? g_strdup_printf (_("%s ≠"), title) : g_strdup (title);
      if (row->differs)
        gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      const char *value = g_ptr_array_index (row->values, column);
      gboolean best = g_array_index (row->best, gboolean, column);
      g_autofree char *shown = value != NULL ? shown_value (self, row, column, value) : NULL;

      if (value == NULL)
        {
          text = g_strdup (row->is_feature ? _("— missing") : "—");
          gtk_widget_add_css_class (label, "dim-label");
        }
      else if (best)
        {
          /* Translators: the best value of a comparison row, marked. */
          text = g_strdup_printf (_("★ %s"), shown);
          gtk_widget_add_css_class (label, "success");
        }
      else
        text = g_steal_pointer (&shown);
      /* The sheet's SLA is a single instance's: the other deployments' are in its tooltip. */
      if (g_strcmp0 (row->label, "SLA (%)") == 0)
        tooltip = sky_offer_view_describe_slas (((SkyMatch *) g_ptr_array_index (
                                                  self->comparison->offers, column))->offer);
    }
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
}

static GtkColumnViewColumn *
add_column (SkyComparePage *self,
            const char     *title,
            int             column,
            int             width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->matrix, view_column);
  /* The view holds the column from now on: the pointer returned is valid while it is there. */
  g_object_unref (view_column);
  g_ptr_array_add (self->columns, view_column);
  return view_column;
}

/* New results are read from their first row and column, wherever the last ones were
 * scrolled to. */
static void
scroll_to_start (SkyComparePage *self)
{
  GtkAdjustment *adjustments[] = {
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->matrix)),
    gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->matrix)),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (adjustments[i] != NULL &&
        gtk_adjustment_get_value (adjustments[i]) != gtk_adjustment_get_lower (adjustments[i]))
      gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_lower (adjustments[i]));
}

static void
show_comparison (SkyComparePage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SkyComparison *c = self->comparison;

  /* While the last results are still laid out to scroll in. */
  scroll_to_start (self);
  for (guint i = 0; i < self->columns->len; i++)
    gtk_column_view_remove_column (self->matrix, g_ptr_array_index (self->columns, i));
  g_ptr_array_set_size (self->columns, 0);
  g_list_store_remove_all (self->rows);
  gtk_stack_set_visible_child_name (self->stack, c != NULL ? "matrix" : "empty");
  if (c == NULL)
    return;

  add_column (self, _("Attribute"), -1, 170);
  for (guint i = 0; i < c->offers->len; i++)
    {
      SkyMatch *m = g_ptr_array_index (c->offers, i);
      /* The provider's short name, where room is short; its name on hover. */
      g_autofree char *title = g_strdup_printf ("%s · %s", m->offer->provider_short_name,
                                                m->offer->name);
      g_autofree char *tooltip = g_strdup_printf ("%s · %s", m->offer->provider_name,
                                                  m->offer->name);

      sky_gui_util_set_column_tooltip (self->matrix, add_column (self, title, (int) i, 190),
                                       tooltip);
    }
  for (guint r = 0; r < c->rows->len; r++)
    g_ptr_array_add (items, sky_index_item_new (r));
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
}

/* Work ---------------------------------------------------------------------------------------- */

typedef enum
{
  JOB_COMPARE,          /* the ids */
  JOB_MATCH,            /* each provider's cheapest for the requirement */
  JOB_EQUIVALENTS,      /* the first id and its equivalents */
} JobKind;

typedef struct
{
  JobKind         kind;
  SkyCatalog     *catalog;
  guint           generation;
  GArray         *ids;
  SkyRequirement  req;
  char           *category;
  char           *geography;
  char           *sla;
  SkyComparison  *comparison;
  GString        *notes;
  GError         *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_array_unref (job->ids);
  g_free (job->category);
  g_free (job->geography);
  g_free (job->sla);
  g_clear_pointer (&job->comparison, sky_comparison_free);
  g_string_free (job->notes, TRUE);
  g_clear_error (&job->error);
  g_free (job);
}

static void
add_results (Job       *job,
             GPtrArray *results)
{
  guint left_out = 0;

  for (guint i = 0; i < results->len; i++)
    {
      SkyMatchResult *r = g_ptr_array_index (results, i);
      if (r->matches->len > 0 && job->ids->len < SKY_COMPARE_MAX)
        g_array_append_val (job->ids, ((SkyMatch *) g_ptr_array_index (r->matches, 0))->offer->offer_id);
      else if (r->matches->len > 0)
        left_out++;
      else
        g_string_append_printf (job->notes, "%s%s", job->notes->len > 0 ? " " : "", r->no_match);
    }
  /* Never dropped without a word. */
  if (left_out > 0)
    {
      /* Translators: how many providers' offers had no room, then how many fit. */
      g_autofree char *text = g_strdup_printf (ngettext ("%u more provider has an offer; %u fit "
                                                         "side by side.",
                                                         "%u more providers have an offer; %u "
                                                         "fit side by side.", left_out),
                                               left_out, SKY_COMPARE_MAX);
      g_string_append_printf (job->notes, "%s%s", job->notes->len > 0 ? " " : "", text);
    }
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;

  if (job->kind == JOB_MATCH)
    {
      g_autoptr(GPtrArray) results = sky_catalog_match (job->catalog, NULL, &job->req,
                                                        SKY_HOURS_PER_MONTH, 1, &job->error);
      if (results == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      add_results (job, results);
    }
  else if (job->kind == JOB_EQUIVALENTS)
    {
      g_autoptr(SkyEquivalents) eq = sky_equivalents_load (sky_equivalents_default_path (),
                                                           &job->error);
      g_autoptr(GPtrArray) results = NULL;

      if (eq != NULL)
        results = sky_catalog_equivalent_offers (job->catalog, eq,
                                                 g_array_index (job->ids, gint64, 0),
                                                 &job->error);
      if (results == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      add_results (job, results);
    }
  job->comparison = sky_catalog_compare (job->catalog, (const gint64 *) job->ids->data,
                                         job->ids->len, SKY_HOURS_PER_MONTH, &job->error);
  g_task_return_boolean (task, TRUE);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GString) status = g_string_new (NULL);

  if (job->generation != self->generation)
    return;
  set_busy (self, FALSE);
  g_clear_pointer (&self->comparison, sky_comparison_free);
  self->comparison = g_steal_pointer (&job->comparison);
  if (job->error != NULL)
    g_string_append (status, job->error->message);
  if (job->notes->len > 0)
    g_string_append_printf (status, "%s%s", status->len > 0 ? " " : "", job->notes->str);
  if (status->len == 0 && self->comparison != NULL)
    g_string_append (status, _("★ marks the best of a row that differs; ≠ marks the rows that "
                               "differ; prices are per unit in each offer's currency, "
                               "commitments with their upfront fees spread."));
  gtk_label_set_label (self->status_label, status->str);
  show_comparison (self);
}

static Job *
job_new (SkyComparePage *self,
         JobKind         kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->catalog = g_object_ref (self->catalog);
  job->generation = ++self->generation;
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->notes = g_string_new (NULL);
  return job;
}

static void
run (SkyComparePage *self,
     Job            *job)
{
  set_busy (self, TRUE);
  gtk_label_set_label (self->status_label, _("Comparing…"));
  sky_thread_task_run (self, NULL, run, job, (GDestroyNotify) job_free, work_thread, work_done_cb);
}

/* The candidates chosen ------------------------------------------------------------------- */

/* The candidates' offers, each once, in the order they were kept. */
static GPtrArray *
distinct_candidates (SkyComparePage *self)
{
  g_autoptr(GPtrArray) kept = self->candidates != NULL
                              ? sky_listing_item_copy_listings (self->candidates) : NULL;
  GPtrArray *distinct = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_listing_free);

  for (guint i = 0; kept != NULL && i < kept->len; i++)
    {
      SkyListing *l = g_ptr_array_index (kept, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < distinct->len && !seen; j++)
        seen = ((SkyListing *) g_ptr_array_index (distinct, j))->offer_id == l->offer_id;
      if (!seen)
        g_ptr_array_add (distinct, g_ptr_array_steal_index (kept, i--));
    }
  return distinct;
}

static gboolean
is_chosen (SkyComparePage *self,
           gint64          id)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_array_index (self->chosen, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* With as many chosen as fit, the others cannot be ticked until one is unticked. */
static void
update_choice_sensitivity (SkyComparePage *self)
{
  gboolean full = self->chosen->len >= SKY_COMPARE_MAX;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->choose_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      gtk_widget_set_sensitive (row, !full ||
                                gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    }
}

static void
on_choice_toggled (GtkCheckButton *check,
                   SkyComparePage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "offer-id");

  if (gtk_check_button_get_active (check) && !is_chosen (self, id) &&
      self->chosen->len < SKY_COMPARE_MAX)
    g_array_append_val (self->chosen, id);
  else if (!gtk_check_button_get_active (check))
    for (guint i = 0; i < self->chosen->len; i++)
      if (g_array_index (self->chosen, gint64, i) == id)
        g_array_remove_index (self->chosen, i--);
  update_choice_sensitivity (self);
}

/* The candidates changed: those gone are no longer chosen, new ones are while there is room,
 * and the list to choose from shows them all. */
static void
update_choices (SkyComparePage *self)
{
  g_autoptr(GPtrArray) distinct = distinct_candidates (self);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  /* Kept in the candidates' order. */
  for (guint i = 0; i < distinct->len; i++)
    {
      gint64 id = ((SkyListing *) g_ptr_array_index (distinct, i))->offer_id;

      if (is_chosen (self, id))
        g_array_append_val (chosen, id);
    }
  for (guint i = 0; i < distinct->len && chosen->len < SKY_COMPARE_MAX; i++)
    {
      gint64 id = ((SkyListing *) g_ptr_array_index (distinct, i))->offer_id;
      gboolean known = FALSE;

      for (guint k = 0; k < self->n_listed && !known; k++)
        known = self->listed[k] == id;
      if (!known && !is_chosen (self, id))
        g_array_append_val (chosen, id);
    }
  g_array_set_size (self->chosen, 0);
  g_array_append_vals (self->chosen, chosen->data, chosen->len);
  self->n_distinct = distinct->len;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choose_list))) != NULL)
    gtk_list_box_remove (self->choose_list, child);
  g_free (self->listed);
  self->listed = g_new0 (gint64, distinct->len);
  self->n_listed = distinct->len;
  for (guint i = 0; i < distinct->len; i++)
    {
      SkyListing *l = g_ptr_array_index (distinct, i);
      /* Translators: a candidate to choose: provider, offer and region. */
      g_autofree char *label = g_strdup_printf (_("%s · %s · %s"), l->provider_short_name,
                                                l->name, l->region);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      gint64 *id = g_new (gint64, 1);

      *id = self->listed[i] = l->offer_id;
      g_object_set_data_full (G_OBJECT (check), "offer-id", id, g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen (self, l->offer_id));
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), self);
      gtk_list_box_append (self->choose_list, check);
    }
  update_choice_sensitivity (self);
}

/* A job of @kind with the offer ids of the candidates chosen, at most six; NULL when there is
 * no catalog. */
static Job *
candidates_job (SkyComparePage *self,
                JobKind         kind)
{
  Job *job;

  if (self->catalog == NULL)
    return NULL;
  job = job_new (self, kind);
  g_array_append_vals (job->ids, self->chosen->data, self->chosen->len);
  if (kind == JOB_COMPARE && self->n_distinct > self->chosen->len)
    /* Translators: how many candidates are compared, of how many kept. */
    g_string_append_printf (job->notes, ngettext ("%u of %u candidate is compared: choose which "
                                                  "with Choose Candidates.",
                                                  "%u of %u candidates are compared: choose "
                                                  "which with Choose Candidates.",
                                                  self->n_distinct),
                            self->chosen->len, self->n_distinct);
  return job;
}

static void
compare_candidates_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (widget);
  Job *job = candidates_job (self, JOB_COMPARE);

  if (job != NULL)
    run (self, job);
}

static void
add_equivalents_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (widget);
  Job *job = candidates_job (self, JOB_EQUIVALENTS);

  if (job == NULL)
    return;
  /* The first candidate, or the first offer compared. */
  if (job->ids->len == 0 && self->comparison != NULL)
    {
      gint64 id = ((SkyMatch *) g_ptr_array_index (self->comparison->offers, 0))->offer->offer_id;
      g_array_append_val (job->ids, id);
    }
  if (job->ids->len == 0)
    {
      job_free (job);
      return;
    }
  g_array_set_size (job->ids, 1);
  run (self, job);
}

static void
match_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (widget);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint geography = gtk_drop_down_get_selected (self->geography_dropdown);
  const char *sla = gtk_editable_get_text (GTK_EDITABLE (self->sla_entry));
  SkyDecimal d;
  Job *job;

  if (self->catalog == NULL)
    return;
  if (*sla != '\0' && !sky_decimal_parse (sla, 4, FALSE, &d, NULL))
    {
      gtk_label_set_label (self->status_label, _("The minimum SLA is a percentage, e.g. 99.95"));
      return;
    }
  job = job_new (self, JOB_MATCH);
  job->category = g_strdup (sky_categories ()[MIN (category, g_strv_length ((GStrv) sky_categories ()) - 1)]);
  job->geography = geography > 0 ? g_strdup (sky_geographies ()[geography - 1]) : NULL;
  job->sla = *sla != '\0' ? g_strdup (sla) : NULL;
  job->req.category = job->category;
  job->req.geography = job->geography;
  job->req.min_sla = job->sla;
  job->req.min_vcpu_milli = (gint64) gtk_spin_button_get_value_as_int (self->vcpu_spin) * 1000;
  job->req.min_memory_mgib = (gint64) gtk_spin_button_get_value_as_int (self->memory_spin) * 1000;
  run (self, job);
}

static void
update_actions (SkyComparePage *self)
{
  guint n = self->candidates != NULL ? g_list_model_get_n_items (self->candidates) : 0;

  update_choices (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.compare-candidates",
                                 n >= 2 && self->chosen->len >= 2);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), self->n_distinct >= 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-equivalents",
                                 n >= 1 || self->comparison != NULL);
}

/* Public -------------------------------------------------------------------------------------- */

/* Opens a catalog connection of the page's own at @path, and takes candidates from
 * @candidates. */
gboolean
sky_compare_page_set_sources (SkyComparePage  *self,
                              const char      *path,
                              GListModel      *candidates,
                              GError         **error)
{
  SkyCatalog *catalog;

  g_return_val_if_fail (SKY_IS_COMPARE_PAGE (self), FALSE);

  catalog = sky_catalog_open (path, error);
  /* It only reads, an offer's equivalents at a time: a page cache sized for that. */
  if (catalog == NULL || !sky_catalog_set_query_only (catalog, error))
    {
      g_clear_object (&catalog);
      return FALSE;
    }
  g_clear_object (&self->catalog);
  self->catalog = catalog;
  if (sky_gui_util_watch (&self->candidates, candidates, self) && candidates != NULL)
    g_signal_connect_swapped (candidates, "items-changed", G_CALLBACK (update_actions), self);
  update_actions (self);
  return TRUE;
}

const SkyComparison *
sky_compare_page_get_comparison (SkyComparePage *self)
{
  g_return_val_if_fail (SKY_IS_COMPARE_PAGE (self), NULL);
  return self->comparison;
}

gboolean
sky_compare_page_get_busy (SkyComparePage *self)
{
  g_return_val_if_fail (SKY_IS_COMPARE_PAGE (self), FALSE);
  return self->busy;
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_compare_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, SKY_COMPARE_PAGE (object)->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_compare_page_dispose (GObject *object)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (object);

  self->generation++;
  sky_gui_util_watch (&self->candidates, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_COMPARE_PAGE);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_array_unref);
  g_clear_pointer (&self->listed, g_free);

  G_OBJECT_CLASS (sky_compare_page_parent_class)->dispose (object);
}

static void
sky_compare_page_finalize (GObject *object)
{
  SkyComparePage *self = SKY_COMPARE_PAGE (object);

  g_clear_pointer (&self->comparison, sky_comparison_free);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_compare_page_parent_class)->finalize (object);
}

static void
sky_compare_page_class_init (SkyComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_compare_page_get_property;
  object_class->dispose = sky_compare_page_dispose;
  object_class->finalize = sky_compare_page_finalize;

  /* A comparison is being made. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-compare-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyComparePage, name)
  CHILD (category_dropdown);
  CHILD (vcpu_spin);
  CHILD (memory_spin);
  CHILD (geography_dropdown);
  CHILD (sla_entry);
  CHILD (status_label);
  CHILD (stack);
  CHILD (matrix);
  CHILD (choose_button);
  CHILD (choose_list);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "page.compare-candidates", NULL,
                                   compare_candidates_action);
  gtk_widget_class_install_action (widget_class, "page.add-equivalents", NULL,
                                   add_equivalents_action);
  gtk_widget_class_install_action (widget_class, "page.match", NULL, match_action);
}

static void
sky_compare_page_init (SkyComparePage *self)
{
  g_autoptr(GtkStringList) geographies = gtk_string_list_new (NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->columns = g_ptr_array_new ();
  self->rows = g_list_store_new (SKY_TYPE_INDEX_ITEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->matrix, selection);

  gtk_drop_down_set_model (self->category_dropdown,
                           G_LIST_MODEL (gtk_string_list_new (sky_categories ())));
  g_object_unref (gtk_drop_down_get_model (self->category_dropdown));
  gtk_string_list_append (geographies, _("Any geography"));
  for (const char * const *g = sky_geographies (); *g != NULL; g++)
    gtk_string_list_append (geographies, *g);
  gtk_drop_down_set_model (self->geography_dropdown, G_LIST_MODEL (geographies));
  update_actions (self);
}
