/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-terms.h"
#include "sky-candidates.h"
#include "sky-catalog-page-private.h"
#include "sky-currency.h"
#include "sky-keyboard.h"
#include "sky-lazy-drop-down.h"
#include "sky-listing-item.h"
#include "sky-offer-view.h"
#include "sky-side-pane.h"
#include "sky-thread-task.h"

/* The catalog: every price of every current sheet, searched and filtered, in a table that
 * loads only the rows on screen. */
struct _SkyCatalogPage
{
  AdwBin           parent_instance;

  SkyListingModel *model;
  SkyCatalog      *catalog;       /* for details, on the main thread: quick lookups by key */
  GtkSelectionModel *selection;
  SkyCandidates   *candidates;
  GPtrArray       *provider_ids;  /* the provider dropdown's choices after "Any" */
  GPtrArray       *region_codes;  /* the region dropdown's choices after "Any" */

  GtkSearchEntry  *search_entry;
  SkyLazyDropDown *provider_dropdown;
  SkyLazyDropDown *term_dropdown;
  SkyLazyDropDown *geography_dropdown;
  SkyLazyDropDown *region_dropdown;
  SkyLazyDropDown *os_dropdown;
  SkyLazyDropDown *architecture_dropdown;
  SkyLazyDropDown *category_dropdown;
  SkyLazyDropDown *unit_dropdown;
  GtkSpinButton   *vcpu_spin;
  GtkSpinButton   *memory_spin;
  GtkLabel        *count_label;
  GtkLabel        *feedback_label;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;      /* in the stack once a search found nothing, or NULL */
  GtkColumnView   *column_view;
  SkyOfferView    *offer_view;
  GtkMenuButton   *candidates_button;
  GtkMenuButton   *sort_button;
  GMenuModel      *sort_menu;
  GtkListBox      *candidates_list;     /* in the Candidates popover, once made, or NULL */
  GtkButton       *update_all_button;   /* likewise */
  GtkToggleButton *details_button;
  GtkPaned        *paned;
  GtkToggleButton *filters_button;
  GtkRevealer     *filters_revealer;
  GtkBox          *minimums_box;
  GtkSizeGroup    *minimum_labels;
  gboolean         narrow;        /* the filters folded behind filters_button */
  /* The provider and region filters list only "Any" until the first frame is drawn (see
   * sky_catalog_page_set_catalog()). */
  gboolean         choices_due;
  guint            choices_id;
  /* The other filters' choices past the one each shows, added once the first frame is drawn
   * too (see set_choices()). */
  GPtrArray       *choices_left;
  guint            empty_search_id; /* see on_search_changed() */

  guint            sort_column;   /* index in columns[] */
  gboolean         sort_descending;
  guint            probed;        /* the column whose sorter was asked last, see read_sort() */
  guint            hours_per_month;
  GtkColumnViewColumn *monthly_column;
  /* The columns from FIRST_HELD_COLUMN on that are out of view are hidden until the first
   * frame is drawn (see hold_columns()). */
  gboolean         columns_held;
  GHashTable      *name_labels;   /* the Name column's labels bound to a row → its item */
  char            *gone_told;     /* the candidates gone from the catalog, as last told */
  SkyListing      *shown;         /* the price whose details the pane shows, or NULL */
  GCancellable    *explaining;    /* while an empty result's explanation is worked out */
};

enum {
  PROP_0,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  PROP_HOURS_PER_MONTH,
  PROP_CANDIDATES,
  PROP_EXPLAINING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SkyCatalogPage, sky_catalog_page, ADW_TYPE_BIN)

/* The choices of the filters are the vocabulary's, after "Any" at position 0. */
static const char *
selected_value (SkyLazyDropDown    *dropdown,
                const char * const *values)
{
  guint selected = sky_lazy_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : values[selected - 1];
}

static SkySort column_sort (guint column);

/* The search the filters make; its strings belong to the page and the vocabulary. */
static void
fill_query (SkyCatalogPage *self,
            SkySearchQuery *query_out)
{
  SkySearchQuery query = { 0 };
  const char *text;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query.text = text != NULL && *text != '\0' ? text : NULL;
  query.term = selected_value (self->term_dropdown, sky_terms ());
  if (self->provider_ids != NULL)
    {
      g_ptr_array_add (self->provider_ids, NULL);
      query.provider = selected_value (self->provider_dropdown,
                                       (const char * const *) self->provider_ids->pdata);
      g_ptr_array_remove_index (self->provider_ids, self->provider_ids->len - 1);
    }
  query.geography = selected_value (self->geography_dropdown, sky_geographies ());
  query.category = selected_value (self->category_dropdown, sky_categories ());
  query.os = selected_value (self->os_dropdown, sky_operating_systems ());
  query.architecture = selected_value (self->architecture_dropdown,
                                       sky_vocabulary_ids (SKY_VOCABULARY_ARCHITECTURE));
  if (self->region_codes != NULL)
    {
      g_ptr_array_add (self->region_codes, NULL);
      query.region = selected_value (self->region_dropdown,
                                     (const char * const *) self->region_codes->pdata);
      g_ptr_array_remove_index (self->region_codes, self->region_codes->len - 1);
    }
  query.min_vcpu_milli = (gint64) gtk_spin_button_get_value_as_int (self->vcpu_spin) * 1000;
  query.min_memory_mgib = (gint64) gtk_spin_button_get_value_as_int (self->memory_spin) * 1000;
  query.unit = selected_value (self->unit_dropdown, sky_vocabulary_ids (SKY_VOCABULARY_UNIT));
  query.sort = column_sort (self->sort_column);
  query.descending = self->sort_descending;
  *query_out = query;
}

static void cancel_explaining (SkyCatalogPage *self);

static void
on_filter_changed (SkyCatalogPage *self)
{
  SkySearchQuery query;

  if (self->model == NULL)
    return;
  fill_query (self, &query);
  sky_listing_model_set_query (self->model, &query);
}

/* A search entry tells of an empty text at once, and text pasted or typed over a selection, or
 * set, empties it on its way: the empty text is searched a turn of the main loop later, if the
 * entry is still empty then, so that replacing the text never searches the whole catalog in
 * between. The new text is told after the entry's delay, as typing is. */
static gboolean
search_empty_cb (gpointer user_data)
{
  SkyCatalogPage *self = user_data;

  self->empty_search_id = 0;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    on_filter_changed (self);
  return G_SOURCE_REMOVE;
}

static void
on_search_changed (SkyCatalogPage *self)
{
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    self->empty_search_id = g_idle_add (search_empty_cb, self);
  else
    on_filter_changed (self);
}

static void explain_empty (SkyCatalogPage *self);

/* The status page of an empty result is made when a search first finds nothing: made with the
 * page, it cost the first frame 2 M instructions, though hidden and so neither styled nor
 * measured. */
static void
ensure_empty_page (SkyCatalogPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->empty_page != NULL)
    return;
  builder = gtk_builder_new_from_resource ("/io/github/skytally/Skytally/sky-catalog-empty.ui");
  self->empty_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "empty_page"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  /* Its Clear Filters button is named as the page's buttons are. */
  sky_keyboard_setup (GTK_WIDGET (self->empty_page));
}

static void
on_model_count_changed (SkyCatalogPage *self)
{
  g_autofree char *text = NULL;
  guint count = sky_listing_model_get_count (self->model);
  gboolean counting = sky_listing_model_get_counting (self->model);

  if (counting)
    text = g_strdup (_("Searching…"));
  else
    {
      g_autofree char *n = sky_format_count (count);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s matching price",
                                           "%s matching prices", count), n);
    }
  gtk_label_set_label (self->count_label, text);
  /* A search after an empty result keeps the empty page until its own count, without the
   * explanation of the search before: showing the empty list in between would lay out both
   * again for each search typed. */
  if (counting && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    adw_status_page_set_description (self->empty_page, NULL);
  else if (counting || count > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      ensure_empty_page (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  /* Told twice of one result (its count, then that the counting ended): explained once. Any
   * new search starts counting first, which drops the explanation under way. */
  if (!counting && count == 0)
    {
      if (self->explaining == NULL)
        explain_empty (self);
    }
  else
    cancel_explaining (self);
}

/* Columns ------------------------------------------------------------------------------------ */

/* A cell's text; @hours is the month the monthly column uses. */
typedef char *(*CellText) (const SkyListing *listing,
                           guint             hours);

static char *
scaled_text (gint64 value,
             guint  scale)
{
  return value < 0 ? g_strdup ("") : sky_format_number (sky_decimal_from_scaled (value, scale),
                                                          0);
}

static char *
provider_text (const SkyListing *l,
               guint             hours)
{
  return g_strdup (l->provider_short_name);
}

static char *service_text (const SkyListing *l, guint hours) { return g_strdup (l->service_name); }
static char *name_text (const SkyListing *l, guint hours) { return g_strdup (l->name); }
static char *region_text (const SkyListing *l, guint hours) { return g_strdup (l->region); }
static char *term_text (const SkyListing *l, guint hours) { return g_strdup (sky_term_title (l->term)); }
static char *vcpu_text (const SkyListing *l, guint hours) { return scaled_text (l->vcpu_milli, 3); }

static char *
memory_text (const SkyListing *l,
             guint             hours)
{
  g_autofree char *gib = scaled_text (l->memory_mgib, 3);

  return *gib != '\0' ? g_strdup_printf (_("%s GiB"), gib) : g_strdup ("");
}

static char *
price_text (const SkyListing *l,
            guint             hours)
{
  g_autofree char *amount =
    sky_currency_format_price_display (l->currency, sky_decimal_from_scaled (l->price,
                                                                             SKY_PRICE_SCALE));

  /* Translators: a unit price, as in "$0.096/Hour" */
  return g_strdup_printf (_("%s/%s"), amount, sky_word_title (SKY_VOCABULARY_UNIT, l->unit));
}

static char *
monthly_text (const SkyListing *l,
              guint             hours)
{
  SkyDecimal monthly;

  /* A monthly price is its own month. */
  if (g_strcmp0 (l->unit, "month") == 0)
    monthly = sky_currency_round (l->currency, sky_decimal_from_scaled (l->price,
                                                                          SKY_PRICE_SCALE));
  else if (!sky_listing_monthly_hours (l, hours, &monthly))
    return g_strdup ("");
  return sky_currency_format_display (l->currency, monthly);
}

/* An hourly price divided by the offer's vCPU or GiB, to six decimals, so that unlike offers
 * can be ranked. */
static char *
per_unit_text (const SkyListing *l,
               gint64            milli_units)
{
  SkyDecimal per;

  if (g_strcmp0 (l->unit, "hour") != 0 || milli_units <= 0 ||
      !sky_decimal_div (sky_decimal_from_scaled (l->price, SKY_PRICE_SCALE),
                        sky_decimal_from_scaled (milli_units, 3), 6, SKY_ROUND_HALF_UP, &per))
    return g_strdup ("");
  return sky_currency_format_price_display (l->currency, per);
}

static char *per_vcpu_text (const SkyListing *l, guint hours) { return per_unit_text (l, l->vcpu_milli); }
static char *per_gib_text (const SkyListing *l, guint hours) { return per_unit_text (l, l->memory_mgib); }

static char *
upfront_text (const SkyListing *l,
              guint             hours)
{
  if (!l->has_upfront_fee)
    return g_strdup ("");
  return sky_currency_format_display (l->currency, sky_decimal_from_scaled (l->upfront_fee,
                                                                            SKY_PRICE_SCALE));
}

static char *
architecture_text (const SkyListing *l,
                   guint             hours)
{
  return g_strdup (sky_word_title (SKY_VOCABULARY_ARCHITECTURE, l->architecture));
}

/* The table's columns, in order; each sorts the search by its own order. */
static const struct
{
  const char *id;             /* the page.sort-column action's target */
  const char *title;
  CellText    cell_text;
  gboolean    numeric;
  int         width;
  SkySort     sort;
} columns[] = {
  /* The provider by its short name (the full one in the cell's tooltip); a long name is cut
   * rather than the columns after it. */
  { "provider", N_("Provider"), provider_text, FALSE, 100, SKY_SORT_PROVIDER },
  { "name", N_("Name"), name_text, FALSE, 105, SKY_SORT_NAME },
  /* The prices next, and what they buy: up to the architecture, every column is in view
   * beside the details pane in the default window (1200 pixels; test-window-catalog checks
   * it). By unit price, the prices of each unit together. */
  { "price", N_("Unit Price"), price_text, TRUE, 185, SKY_SORT_UNIT_PRICE },
  { "monthly", NULL, monthly_text, TRUE, 115, SKY_SORT_UNIT_PRICE },  /* see monthly_title() */
  { "term", N_("Purchase Option"), term_text, FALSE, 160, SKY_SORT_TERM },
  { "upfront", N_("Upfront"), upfront_text, TRUE, 110, SKY_SORT_TERM },
  { "architecture", N_("Architecture"), architecture_text, FALSE, 90, SKY_SORT_ARCHITECTURE },
  { "region", N_("Region"), region_text, FALSE, 120, SKY_SORT_REGION },
  { "vcpu", N_("vCPU"), vcpu_text, TRUE, 60, SKY_SORT_VCPU },
  { "memory", N_("Memory"), memory_text, TRUE, 90, SKY_SORT_MEMORY },
  { "per-vcpu", N_("Per vCPU-hour"), per_vcpu_text, TRUE, 130, SKY_SORT_PER_VCPU },
  { "per-gib", N_("Per GiB-hour"), per_gib_text, TRUE, 130, SKY_SORT_PER_GIB },
  { "service", N_("Service"), service_text, FALSE, 150, SKY_SORT_SERVICE },
};

static void
update_monthly_title (SkyCatalogPage *self)
{
  /* Translators: the monthly price column's title; %u is the hours in a month, e.g. 730 */
  g_autofree char *title = g_strdup_printf (_("Monthly (%u h)"), self->hours_per_month);

  gtk_column_view_column_set_title (self->monthly_column, title);
}

/* Cheapest first until the user chooses otherwise: the unit price's column. */
#define DEFAULT_SORT_COLUMN 2

/* The first column past the table's 870 pixels in the default window (the vCPU, at 985). */
#define FIRST_HELD_COLUMN 8

static SkySort
column_sort (guint column)
{
  return column < G_N_ELEMENTS (columns) ? columns[column].sort : SKY_SORT_UNIT_PRICE;
}

static guint
find_column (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (columns[i].id, id) == 0)
      return i;
  return G_MAXUINT;
}

/* The table sorts in the catalog, not in the list: a column's sorter only tells which column
 * the user clicked. GtkColumnView asks the sorter of its sort column first and inverts its
 * answer when that column sorts descending, so one comparison tells both. */
typedef struct
{
  SkyCatalogPage *self;
  guint           column;
} ColumnProbe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnProbe *probe = user_data;

  probe->self->probed = probe->column;
  return -1;
}

static void
read_sort (SkyCatalogPage *self)
{
  /* Two items: a sorter answers "equal" for an item and itself without asking. */
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;
  guint column = DEFAULT_SORT_COLUMN;
  gboolean descending = FALSE;

  self->probed = G_MAXUINT;
  ordering = gtk_sorter_compare (sorter, a, b);
  if (self->probed < G_N_ELEMENTS (columns))
    {
      column = self->probed;
      descending = ordering == GTK_ORDERING_LARGER;
    }
  if (column == self->sort_column && descending == self->sort_descending)
    return;

  self->sort_column = column;
  self->sort_descending = descending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
  on_filter_changed (self);
}

/* Sorts by @column, as a click on its header would, and shows it in the header. */
static void
sort_by (SkyCatalogPage *self,
         guint           column,
         gboolean        descending)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (view_columns, column);

  gtk_column_view_sort_by_column (self->column_view, view_column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static gboolean is_candidate (SkyCatalogPage   *self,
                              const SkyListing *listing);

/* A cell's tooltip. gtk_widget_set_tooltip_text() on a shown widget asks the display where the
 * pointer is, a round trip to the display server for each cell, and a search binds two cells
 * with tooltips in each of up to 200 rows; on the label hidden for that moment it asks nothing,
 * and the pointer's next move shows the tooltip as before. */
static void
set_cell_tooltip (GtkWidget  *label,
                  const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (label), text) == 0)
    return;
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_visible (label, TRUE);
}

/* A cell's text. A search binds every cell of up to 200 rows again, and many of their
 * providers, purchase options or architectures stay as they were: a label whose text stays is
 * left alone, not laid out again. */
static void
set_cell_text (GtkLabel   *label,
               const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* Marks the name of a row the candidates hold already. */
static void
mark_kept (SkyCatalogPage *self,
           GtkLabel       *label,
           SkyListingItem *item)
{
  const SkyListing *listing = sky_listing_item_get_listing (item);
  gboolean kept = listing != NULL && is_candidate (self, listing);
  g_autofree char *text = NULL;

  if (listing == NULL)
    return;
  /* Translators: the name of an offer kept in the candidates, in the catalog's table */
  text = kept ? g_strdup_printf (_("✓ %s"), listing->name) : g_strdup (listing->name);
  set_cell_text (label, text);
  /* The whole name in the tooltip, where a long one is cut. */
  if (kept)
    {
      /* Translators: the tooltip of an offer's name kept in the candidates */
      g_autofree char *tip = g_strdup_printf (_("%s\nKept in Candidates"), listing->name);

      set_cell_tooltip (GTK_WIDGET (label), tip);
    }
  else
    set_cell_tooltip (GTK_WIDGET (label), listing->name);
  if (kept)
    gtk_widget_add_css_class (GTK_WIDGET (label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "accent");
}

static void
update_kept_marks (SkyCatalogPage *self)
{
  GHashTableIter iter;
  gpointer label, item;

  g_hash_table_iter_init (&iter, self->name_labels);
  while (g_hash_table_iter_next (&iter, &label, &item))
    mark_kept (self, label, item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  CellText cell_text = g_object_get_data (G_OBJECT (factory), "cell-text");

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  /* Figures are never cut: their column grows to hold them, in digits of one width. A
   * purchase option is never cut either: its end tells the upfront payment ("Reserved 3 yr,
   * partial upfront"), so a long one takes a second line. */
  if (GPOINTER_TO_INT (user_data))
    gtk_widget_add_css_class (label, "numeric");
  else if (cell_text == term_text)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  SkyCatalogPage *self = user_data;
  CellText cell_text = g_object_get_data (G_OBJECT (factory), "cell-text");
  const SkyListing *listing = sky_listing_item_get_listing (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;

  /* The name's text is the kept mark's to set, below. */
  if (listing == NULL || cell_text != name_text)
    {
      text = listing != NULL ? cell_text (listing, self->hours_per_month) : g_strdup ("…");
      set_cell_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
    }
  if (cell_text == provider_text)
    set_cell_tooltip (gtk_list_item_get_child (item),
                      listing != NULL ? listing->provider_name : NULL);
  if (cell_text == name_text)
    {
      g_hash_table_insert (self->name_labels, gtk_list_item_get_child (item),
                           g_object_ref (gtk_list_item_get_item (item)));
      mark_kept (self, GTK_LABEL (gtk_list_item_get_child (item)),
                 gtk_list_item_get_item (item));
    }
}

static void
unbind_name_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  SkyCatalogPage *self = user_data;

  g_hash_table_remove (self->name_labels, gtk_list_item_get_child (item));
}

static void
add_column (SkyCatalogPage *self,
            guint           index)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnProbe *probe = g_new (ColumnProbe, 1);

  g_object_set_data (G_OBJECT (factory), "cell-text", columns[index].cell_text);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb),
                    GINT_TO_POINTER (columns[index].numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  if (columns[index].cell_text == name_text)
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_name_cb), self);
  column = gtk_column_view_column_new (columns[index].title != NULL ? _(columns[index].title)
                                                                    : NULL, factory);
  if (columns[index].cell_text == monthly_text)
    self->monthly_column = column;
  gtk_column_view_column_set_resizable (column, TRUE);
  /* Columns start wide enough to read; the table scrolls sideways in a narrow window. */
  gtk_column_view_column_set_fixed_width (column, columns[index].width);
  probe->self = self;
  probe->column = index;
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

/* Columns out of view ---------------------------------------------------------------------- */

/* A column's header costs the first frame some 1 M instructions (its title laid out and
 * drawn, its button and sort indicator styled and measured), though out of view. So the
 * columns from FIRST_HELD_COLUMN on, past the table's width in the default window, start
 * hidden; before the frame, those that a wider page may show are shown again (see
 * show_columns_in_view()), and the rest once the first frame is drawn, before anyone could
 * scroll to them: the same table, a frame later. */
static void
hold_columns (SkyCatalogPage *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = FIRST_HELD_COLUMN; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      gtk_column_view_column_set_visible (column, FALSE);
    }
  self->columns_held = TRUE;
}

/* Shows the held columns that start within @in_view pixels of the table's left, or all of
 * them if @in_view is G_MAXINT. */
static void
show_held_columns (SkyCatalogPage *self,
                   int             in_view)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  int start = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); start += columns[i].width, i++)
    if (i >= FIRST_HELD_COLUMN && start < in_view)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

        gtk_column_view_column_set_visible (column, TRUE);
      }
  if (in_view == G_MAXINT)
    self->columns_held = FALSE;
}

/* The table is at most as wide as the page less the least width of the details pane beside
 * it (the paned never shrinks the pane below it): a held column starting within that width
 * may be in view in the first frame, and is shown before it is laid out. */
static void
show_columns_in_view (SkyCatalogPage *self,
                      int             width)
{
  GtkWidget *details = GTK_WIDGET (self->offer_view);
  int in_view = width;

  if (gtk_widget_get_parent (details) == GTK_WIDGET (self->paned) &&
      gtk_widget_get_visible (details))
    {
      int least = 0;

      gtk_widget_measure (details, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
      in_view -= least;
    }
  show_held_columns (self, in_view);
}

/* The position of @id among @ids, which follow "Any" at position 0; "Any" without it. */
static guint
position_of (const char * const *ids,
             const char         *id)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i + 1;
  return 0;
}

/* A filter's drop-down is a look-alike until it is first opened (see SkyLazyDropDown): GTK 4.8
 * makes a drop-down's popup, and its rows for every item of its model, as soon as it is made
 * and given its model, before the first frame, which shows none of them. The drop-down is
 * made, with its rows, when its popup first opens; its choices are whole by then. */
static void fill_choices (SkyCatalogPage *self,
                          gboolean        read);
static void add_choices_left (SkyCatalogPage *self);

static void
on_filter_drop_down_made (SkyCatalogPage *self)
{
  add_choices_left (self);
  if (self->choices_due)
    fill_choices (self, TRUE);
}

static GtkStringList *
choices (const char *any)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  return list;
}

typedef struct
{
  GtkStringList      *list;
  const char * const *left;   /* static, NULL-terminated */
} ChoicesLeft;

static void
choices_left_free (ChoicesLeft *left)
{
  g_object_unref (left->list);
  g_free (left);
}

/* Shows "Any" (@any) and @titles in @dropdown, @selected chosen. Until the first frame is
 * drawn, the model holds the choices only up to the one chosen, which is all the drop-down
 * shows, and the rest are added after it (see add_choices_left()), or as its GtkDropDown is
 * made, which makes a row for every item; added after the choice, they change neither what is
 * chosen nor what is shown. */
static void
set_choices (SkyCatalogPage     *self,
             SkyLazyDropDown    *dropdown,
             const char         *any,
             const char * const *titles,
             guint               selected)
{
  g_autoptr(GtkStringList) list = choices (any);
  guint n = 0;

  for (; titles[n] != NULL && n < selected; n++)
    gtk_string_list_append (list, titles[n]);
  sky_lazy_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  sky_lazy_drop_down_set_selected (dropdown, selected);
  if (titles[n] != NULL)
    {
      ChoicesLeft *left = g_new (ChoicesLeft, 1);

      left->list = g_object_ref (list);
      left->left = titles + n;
      g_ptr_array_add (self->choices_left, left);
    }
}

static void
add_choices_left (SkyCatalogPage *self)
{
  for (guint i = 0; i < self->choices_left->len; i++)
    {
      ChoicesLeft *left = g_ptr_array_index (self->choices_left, i);

      gtk_string_list_splice (left->list, g_list_model_get_n_items (G_LIST_MODEL (left->list)),
                              0, left->left);
    }
  g_ptr_array_set_size (self->choices_left, 0);
}

/* The sort menu's popover is made when it is first opened, not before the first frame: a
 * popover menu builds all its items at once. */
static void
on_sort_menu_opened (GtkMenuButton *button,
                     gpointer       user_data)
{
  SkyCatalogPage *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->sort_menu);
}

/* Selection, details and candidates --------------------------------------------------------- */

/* The first selected row, or NULL. */
static SkyListingItem *
first_selected (SkyCatalogPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (self->selection);
  if (gtk_bitset_is_empty (selected))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection),
                                gtk_bitset_get_minimum (selected));
}

static gboolean same_price (gconstpointer a,
                            gconstpointer b);

static void
on_selection_changed (SkyCatalogPage *self)
{
  g_autoptr(SkyListingItem) item = first_selected (self);
  const SkyListing *listing = item != NULL ? sky_listing_item_get_listing (item) : NULL;
  g_autoptr(SkyOfferDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-to-candidates", listing != NULL);
  /* The details shown stay while the selected row loads, and when it holds the same price
   * again: a search's rows are told a slice at a time, and each slice that may hold the
   * selected row asks again, the same price as often as not. */
  if ((item != NULL && listing == NULL) ||
      (listing != NULL && self->shown != NULL && same_price (listing, self->shown)))
    return;
  g_clear_pointer (&self->shown, sky_listing_free);
  if (listing != NULL && self->catalog != NULL)
    {
      details = sky_catalog_get_offer (self->catalog, listing->offer_id, &error);
      if (details == NULL)
        g_warning ("Cannot show the offer: %s", error->message);
      else
        self->shown = sky_listing_copy (listing);
    }
  sky_offer_view_show (self->offer_view, details);
}

/* The details follow the first selected row's contents too. The model tells a search's rows a
 * slice at a time: the details are looked up again only for a slice that may hold that row. */
static void
on_selection_items_changed (SkyCatalogPage *self,
                            guint           position,
                            guint           removed,
                            guint           added)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);

  if (gtk_bitset_is_empty (selected) || gtk_bitset_get_minimum (selected) >= position)
    on_selection_changed (self);
}

/* Says which kept offers the catalog no longer has, once for each change of them. */
static void
tell_gone (SkyCandidates  *candidates,
           SkyCatalogPage *self)
{
  g_autofree char *gone = sky_candidates_describe_gone (self->candidates);

  if (gone == NULL || g_strcmp0 (gone, self->gone_told) == 0)
    return;
  {
    /* Translators: %s lists the SKUs and regions of kept offers no sheet of the catalog has */
    g_autofree char *text = g_strdup_printf (_("No longer in the catalog: %s"), gone);

    gtk_label_set_label (self->feedback_label, text);
  }
  g_free (self->gone_told);
  self->gone_told = g_steal_pointer (&gone);
}

static void
on_candidate_rows_changed (GListModel     *rows,
                           guint           position,
                           guint           removed,
                           guint           added,
                           SkyCatalogPage *self)
{
  tell_gone (self->candidates, self);
}

/* What the last addition said is about the rows selected then. */
static void
on_selection_chosen (SkyCatalogPage *self)
{
  gtk_label_set_label (self->feedback_label, "");
}

static void
update_candidates_button (SkyCatalogPage *self)
{
  guint n = g_list_model_get_n_items (sky_candidates_get_rows (self->candidates));
  g_autofree char *label = g_strdup_printf (_("Candidates (%u)"), n);

  gtk_menu_button_set_label (self->candidates_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->candidates_button), n > 0);
  update_kept_marks (self);
  if (self->update_all_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->update_all_button),
                            sky_candidates_get_n_superseded (self->candidates) > 1);
}

static GtkWidget *
create_candidate_row (gpointer item,
                      gpointer user_data)
{
  SkyCatalogPage *self = user_data;
  const SkyListing *l = sky_listing_item_get_listing (item);
  g_autofree char *price = l != NULL ? price_text (l, self->hours_per_month) : NULL;

  return sky_candidates_create_row (self->candidates, item, price);
}

static gboolean
is_candidate (SkyCatalogPage   *self,
              const SkyListing *listing)
{
  return sky_candidates_contains (self->candidates, listing);
}

static void
on_update_all_clicked (SkyCatalogPage *self)
{
  sky_candidates_use_all_successors (self->candidates);
}

/* The Candidates button's popover, its list and Update All are made when it is first opened,
 * or the list first asked for: made with the page, the popover cost the first frame 2 M
 * instructions, though not shown. */
static void
ensure_candidates_popover (SkyCatalogPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->candidates_list != NULL)
    return;
  builder = gtk_builder_new_from_resource ("/io/github/skytally/Skytally/"
                                           "sky-catalog-candidates.ui");
  self->candidates_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "candidates_list"));
  self->update_all_button = GTK_BUTTON (gtk_builder_get_object (builder, "update_all_button"));
  g_signal_connect_swapped (self->update_all_button, "clicked",
                            G_CALLBACK (on_update_all_clicked), self);
  gtk_list_box_bind_model (self->candidates_list, sky_candidates_get_rows (self->candidates),
                           create_candidate_row, self, NULL);
  gtk_menu_button_set_popover (self->candidates_button,
                               GTK_WIDGET (gtk_builder_get_object (builder,
                                                                   "candidates_popover")));
  /* Its Update All button is named as the page's buttons are. */
  sky_keyboard_setup (GTK_WIDGET (gtk_menu_button_get_popover (self->candidates_button)));
  update_candidates_button (self);
}

static void
on_candidates_opened (GtkMenuButton *button,
                      gpointer       user_data)
{
  ensure_candidates_popover (user_data);
}

/* The list of candidates in the Candidates button's popover, made now if it was not yet. */
GtkListBox *
_sky_catalog_page_get_candidates_list (SkyCatalogPage *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG_PAGE (self), NULL);

  ensure_candidates_popover (self);
  return self->candidates_list;
}

/* Its Update All button, likewise. */
GtkButton *
_sky_catalog_page_get_update_all_button (SkyCatalogPage *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG_PAGE (self), NULL);

  ensure_candidates_popover (self);
  return self->update_all_button;
}

static gboolean
same_price (gconstpointer a,
            gconstpointer b)
{
  const SkyListing *la = a, *lb = b;

  return la->offer_id == lb->offer_id && g_strcmp0 (la->term, lb->term) == 0 &&
         g_strcmp0 (la->unit, lb->unit) == 0;
}

static void
add_to_candidates_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);
  GtkBitsetIter iter;
  guint position;
  guint added = 0, kept = 0;
  g_autofree char *name = NULL;
  g_autofree char *feedback = NULL;
  g_autoptr(GPtrArray) adding = g_ptr_array_new ();
  g_autoptr(GPtrArray) holding = g_ptr_array_new_with_free_func (g_object_unref);

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                              position);
      const SkyListing *listing = sky_listing_item_get_listing (item);

      /* A row still loading is skipped; so is an offer already kept. */
      if (listing == NULL)
        continue;
      if (is_candidate (self, listing) ||
          g_ptr_array_find_with_equal_func (adding, listing, same_price, NULL))
        {
          kept++;
          continue;
        }
      /* The item holds the listing until the list takes its copy. */
      g_ptr_array_add (adding, (gpointer) listing);
      g_ptr_array_add (holding, g_object_ref (item));
      if (added++ == 0)
        name = g_strdup (listing->name);
    }
  /* All at once: one step of undo. */
  sky_candidates_add (self->candidates, adding);

  if (added == 1)
    feedback = g_strdup_printf (_("Added “%s” to Candidates"), name);
  else if (added > 1)
    feedback = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u offer to Candidates",
                                             "Added %u offers to Candidates", added), added);
  else if (kept > 0)
    feedback = g_strdup (_("Already in Candidates"));
  if (feedback != NULL)
    gtk_label_set_label (self->feedback_label, feedback);
}

/* An empty result ---------------------------------------------------------------------------- */

/* The filters, in the order they are told. */
typedef enum
{
  FILTER_TEXT,
  FILTER_PROVIDER,
  FILTER_TERM,
  FILTER_GEOGRAPHY,
  FILTER_REGION,
  FILTER_OS,
  FILTER_ARCHITECTURE,
  FILTER_CATEGORY,
  FILTER_UNIT,
  FILTER_VCPU,
  FILTER_MEMORY,
  N_FILTERS
} Filter;

static const char * const filter_names[N_FILTERS] = {
  N_("search"), N_("provider"), N_("purchase option"), N_("geography"), N_("region"),
  N_("operating system"), N_("architecture"), N_("category"), N_("unit"), N_("vCPU"),
  N_("memory"),
};

static SkyLazyDropDown *
filter_dropdown (SkyCatalogPage *self,
                 Filter          filter)
{
  switch (filter)
    {
    case FILTER_PROVIDER: return self->provider_dropdown;
    case FILTER_TERM: return self->term_dropdown;
    case FILTER_GEOGRAPHY: return self->geography_dropdown;
    case FILTER_REGION: return self->region_dropdown;
    case FILTER_OS: return self->os_dropdown;
    case FILTER_ARCHITECTURE: return self->architecture_dropdown;
    case FILTER_CATEGORY: return self->category_dropdown;
    case FILTER_UNIT: return self->unit_dropdown;
    case FILTER_TEXT:
    case FILTER_VCPU:
    case FILTER_MEMORY:
    case N_FILTERS:
    default:
      return NULL;
    }
}

/* What @filter keeps, as a user reads it; NULL when it keeps everything. */
static char *
filter_value (SkyCatalogPage *self,
              Filter          filter)
{
  SkyLazyDropDown *dropdown = filter_dropdown (self, filter);
  const char *text;
  int minimum;

  if (dropdown != NULL)
    {
      guint selected = sky_lazy_drop_down_get_selected (dropdown);
      GListModel *model = sky_lazy_drop_down_get_model (dropdown);

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || !GTK_IS_STRING_LIST (model))
        return NULL;
      return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
    }
  switch (filter)
    {
    case FILTER_TEXT:
      text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      /* Translators: the text searched for, quoted, as the empty catalog tells its filters */
      return text != NULL && *text != '\0' ? g_strdup_printf (_("“%s”"), text) : NULL;
    case FILTER_VCPU:
      minimum = gtk_spin_button_get_value_as_int (self->vcpu_spin);
      /* Translators: a minimum, as the empty catalog tells its filters */
      return minimum > 0 ? g_strdup_printf (_("at least %d"), minimum) : NULL;
    case FILTER_MEMORY:
      minimum = gtk_spin_button_get_value_as_int (self->memory_spin);
      return minimum > 0 ? g_strdup_printf (_("at least %d GiB"), minimum) : NULL;
    default:
      return NULL;
    }
}

/* Leaves @filter out of @query. */
static void
drop_filter (SkySearchQuery *query,
             Filter          filter)
{
  switch (filter)
    {
    case FILTER_TEXT: query->text = NULL; break;
    case FILTER_PROVIDER: query->provider = NULL; break;
    case FILTER_TERM: query->term = NULL; break;
    case FILTER_GEOGRAPHY: query->geography = NULL; break;
    case FILTER_REGION: query->region = NULL; break;
    case FILTER_OS: query->os = NULL; break;
    case FILTER_ARCHITECTURE: query->architecture = NULL; break;
    case FILTER_CATEGORY: query->category = NULL; break;
    case FILTER_UNIT: query->unit = NULL; break;
    case FILTER_VCPU: query->min_vcpu_milli = 0; break;
    case FILTER_MEMORY: query->min_memory_mgib = 0; break;
    case N_FILTERS:
    default:
      g_assert_not_reached ();
    }
}

/* Whether the catalog has a price for @query: one row is enough. */
static gboolean
has_rows (SkyCatalog           *catalog,
          const SkySearchQuery *query)
{
  SkySearchQuery one = *query;
  g_autoptr(GPtrArray) rows = NULL;

  one.limit = 1;
  one.offset = 0;
  rows = sky_catalog_search (catalog, &one, NULL);
  return rows != NULL && rows->len > 0;
}

/* Why a search found nothing, worked out in a worker thread on the model's connection: each of
 * those searches may read the whole catalog. */
typedef struct
{
  SkyCatalog     *catalog;
  SkySearchQuery  query;            /* its strings are owned by @strings */
  GPtrArray      *strings;
  Filter          chosen[N_FILTERS];
  guint           n_chosen;
  char           *chosen_text;      /* the filters chosen, as the user reads them */
  int             culprit;          /* the one filter that removes every offer, or -1 */
  gboolean        catalog_empty;    /* no current price at all */
} Explain;

static void
explain_free (Explain *job)
{
  g_clear_object (&job->catalog);
  g_clear_object (&job->query.cancellable);
  g_clear_pointer (&job->strings, g_ptr_array_unref);
  g_free (job->chosen_text);
  g_free (job);
}

static const char *
own (Explain    *job,
     const char *text)
{
  char *copy = g_strdup (text);

  if (copy != NULL)
    g_ptr_array_add (job->strings, copy);
  return copy;
}

static void
explain_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Explain *job = task_data;

  job->culprit = -1;
  if (job->catalog == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = 0; i < job->n_chosen && job->culprit < 0; i++)
    {
      SkySearchQuery without = job->query;

      drop_filter (&without, job->chosen[i]);
      if (has_rows (job->catalog, &without))
        job->culprit = job->chosen[i];
    }
  job->catalog_empty = job->n_chosen > 0 &&
                       !has_rows (job->catalog, &(SkySearchQuery) {
                                    .sort = job->query.sort,
                                    .cancellable = job->query.cancellable });
  g_task_return_boolean (task, TRUE);
}

static void
explained_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (object);
  Explain *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *description = NULL;

  /* Another search, or the page gone, since. */
  if (g_cancellable_is_cancelled (job->query.cancellable))
    return;
  g_clear_object (&self->explaining);

  if (job->n_chosen == 0 || job->catalog_empty)
    description = g_strdup (_("No current price sheet has an offer. Import a price sheet to "
                              "see its offers here."));
  else if (job->culprit >= 0)
    /* Translators: the filters chosen, then the one filter that removes every offer */
    description = g_strdup_printf (_("No offers with %s: the %s filter removes them all."),
                                   job->chosen_text, _(filter_names[job->culprit]));
  else
    description = g_strdup_printf (_("No offers with %s: no single filter removes them all. "
                                     "Clear the filters to start again."), job->chosen_text);
  ensure_empty_page (self);
  adw_status_page_set_description (self->empty_page, description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLAINING]);
}

static void
cancel_explaining (SkyCatalogPage *self)
{
  if (self->explaining == NULL)
    return;
  g_cancellable_cancel (self->explaining);
  g_clear_object (&self->explaining);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLAINING]);
}

/* Says which filter, left out, would give rows, among the filters the search has, once a
 * worker has found it; the description stays empty until then. */
static void
explain_empty (SkyCatalogPage *self)
{
  g_autoptr(GString) chosen = g_string_new (NULL);
  SkyCatalog *catalog = self->model != NULL ? sky_listing_model_get_catalog (self->model)
                                            : NULL;
  SkySearchQuery query;
  Explain *job;

  cancel_explaining (self);
  ensure_empty_page (self);
  adw_status_page_set_description (self->empty_page, NULL);

  job = g_new0 (Explain, 1);
  job->strings = g_ptr_array_new_with_free_func (g_free);
  fill_query (self, &query);
  job->query = query;
  job->query.text = own (job, query.text);
  job->query.term = own (job, query.term);
  job->query.provider = own (job, query.provider);
  job->query.geography = own (job, query.geography);
  job->query.category = own (job, query.category);
  job->query.os = own (job, query.os);
  job->query.architecture = own (job, query.architecture);
  job->query.region = own (job, query.region);
  job->query.unit = own (job, query.unit);
  job->query.tenancy = own (job, query.tenancy);
  job->query.licence = own (job, query.licence);
  job->query.software = own (job, query.software);
  job->query.capacity = own (job, query.capacity);
  for (Filter f = 0; f < N_FILTERS; f++)
    {
      g_autofree char *value = filter_value (self, f);

      if (value == NULL)
        continue;
      /* Translators: one filter and what it keeps, e.g. "architecture Arm64" */
      g_string_append_printf (chosen, chosen->len > 0 ? _(", %s %s") : _("%s %s"),
                              _(filter_names[f]), value);
      job->chosen[job->n_chosen++] = f;
    }
  job->chosen_text = g_string_free (g_steal_pointer (&chosen), FALSE);
  /* Without a catalog, nothing is asked: the filters are named, none at fault. */
  job->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->explaining = g_cancellable_new ();
  job->query.cancellable = g_object_ref (self->explaining);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLAINING]);
  sky_thread_task_run (self, NULL, explain_empty, job, (GDestroyNotify) explain_free,
                       explain_thread, explained_cb);
}

/* A narrow window ------------------------------------------------------------------------ */

/* The filters button says how many filters narrow the list, the search aside (it stays in
 * view): "Filters (3)". */
static void
update_filters_button (SkyCatalogPage *self)
{
  g_autofree char *label = NULL;
  guint n = 0;

  for (Filter f = FILTER_TEXT + 1; f < N_FILTERS; f++)
    {
      g_autofree char *value = filter_value (self, f);

      if (value != NULL)
        n++;
    }
  if (n > 0)
    /* Translators: the button that shows the catalog's filters in a narrow window, with the
     * number of filters chosen. */
    label = g_strdup_printf (_("_Filters (%u)"), n);
  else
    label = g_strdup (_("_Filters"));
  gtk_button_set_label (GTK_BUTTON (self->filters_button), label);
}

/* A row activated (a double click, Enter) in a narrow window opens its details over the list,
 * as the header bar's toggle does; a wider window shows them beside it as the user chose. */
static void
on_row_activated (SkyCatalogPage *self)
{
  if (self->narrow)
    gtk_toggle_button_set_active (self->details_button, TRUE);
}

static void
on_filters_button_toggled (SkyCatalogPage *self)
{
  gtk_revealer_set_reveal_child (self->filters_revealer,
                                 !self->narrow ||
                                 gtk_toggle_button_get_active (self->filters_button));
}

/**
 * sky_catalog_page_set_narrow:
 * @narrow: whether the window is as narrow as a phone's
 *
 * In a narrow window the filters fold behind a button that counts them, so that the search and
 * the list come first, and the details pane opens over the list in view; the filters show
 * again when the button is pressed, and always in a wider window.
 */
void
sky_catalog_page_set_narrow (SkyCatalogPage *self,
                             gboolean        narrow)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), narrow);
  /* The list takes the narrow window's width, whatever it is; beside the details pane it keeps
   * the template's 360 pixels, room enough to be read. */
  gtk_widget_set_size_request (GTK_WIDGET (self->stack), narrow ? -1 : 360, -1);
  /* Side by side, the minimums would be the widest filter. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->minimums_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->minimums_box, narrow ? 6 : 12);
  gtk_size_group_set_mode (self->minimum_labels, narrow ? GTK_SIZE_GROUP_HORIZONTAL
                                                        : GTK_SIZE_GROUP_NONE);
  /* Folded each time the window becomes narrow: the list first. */
  if (gtk_toggle_button_get_active (self->filters_button))
    gtk_toggle_button_set_active (self->filters_button, FALSE);
  else
    on_filters_button_toggled (self);
}

/* Every filter back to "Any", the search and the minimums emptied: one search. */
static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (widget);
  GtkWidget *filters[] = { GTK_WIDGET (self->vcpu_spin), GTK_WIDGET (self->memory_spin) };

  for (gsize i = 0; i < G_N_ELEMENTS (filters); i++)
    g_signal_handlers_block_by_func (filters[i], on_filter_changed, self);
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  for (Filter f = 0; f < N_FILTERS; f++)
    if (filter_dropdown (self, f) != NULL)
      {
        g_signal_handlers_block_by_func (filter_dropdown (self, f), on_filter_changed, self);
        sky_lazy_drop_down_set_selected (filter_dropdown (self, f), 0);
        g_signal_handlers_unblock_by_func (filter_dropdown (self, f), on_filter_changed, self);
      }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_spin_button_set_value (self->vcpu_spin, 0);
  gtk_spin_button_set_value (self->memory_spin, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (filters); i++)
    g_signal_handlers_unblock_by_func (filters[i], on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  on_filter_changed (self);
}

/* GObject ------------------------------------------------------------------------------------ */

static void
sky_catalog_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_SORT_COLUMN:
      g_value_set_string (value, columns[self->sort_column].id);
      break;
    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;
    case PROP_HOURS_PER_MONTH:
      g_value_set_uint (value, self->hours_per_month);
      break;
    case PROP_CANDIDATES:
      g_value_set_object (value, sky_candidates_get_model (self->candidates));
      break;
    case PROP_EXPLAINING:
      g_value_set_boolean (value, self->explaining != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_catalog_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (object);
  guint column;

  switch (prop_id)
    {
    case PROP_SORT_COLUMN:
      column = find_column (g_value_get_string (value));
      if (column == G_MAXUINT)
        g_warning ("No column “%s” to sort by", g_value_get_string (value));
      else
        sort_by (self, column, self->sort_descending);
      break;
    case PROP_SORT_DESCENDING:
      sort_by (self, self->sort_column, g_value_get_boolean (value));
      break;
    case PROP_HOURS_PER_MONTH:
      if (self->hours_per_month == g_value_get_uint (value))
        break;
      self->hours_per_month = g_value_get_uint (value);
      update_monthly_title (self);
      /* The rows on screen are bound again with the new month. */
      on_filter_changed (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The table's rows are told of a search's changes a slice a frame, by the window's frame
 * clock. */
static gboolean
fill_choices_cb (gpointer user_data)
{
  SkyCatalogPage *self = user_data;

  self->choices_id = 0;
  add_choices_left (self);
  if (self->choices_due)
    fill_choices (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint (GdkFrameClock  *clock,
                            SkyCatalogPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, self);
  if (self->columns_held)
    show_held_columns (self, G_MAXINT);
  if ((self->choices_due || self->choices_left->len > 0) && self->choices_id == 0)
    self->choices_id = g_idle_add (fill_choices_cb, self);
}

static void
sky_catalog_page_realize (GtkWidget *widget)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (widget);

  GTK_WIDGET_CLASS (sky_catalog_page_parent_class)->realize (widget);
  if (self->model != NULL)
    sky_listing_model_set_frame_clock (self->model, gtk_widget_get_frame_clock (widget));
  if (self->choices_due || self->choices_left->len > 0 || self->columns_held)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_frame_clock_after_paint), self, 0);
}

/* The page lays out its child itself, as AdwBin's GtkBinLayout would, so that it may show the
 * columns in view first (see sky_catalog_page_init()). */
static GtkSizeRequestMode
sky_catalog_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sky_catalog_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

static void
sky_catalog_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (self->columns_held)
    show_columns_in_view (self, width);
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
sky_catalog_page_unrealize (GtkWidget *widget)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, self);
  if (self->model != NULL)
    sky_listing_model_set_frame_clock (self->model, NULL);
  GTK_WIDGET_CLASS (sky_catalog_page_parent_class)->unrealize (widget);
}

static void
sky_catalog_page_dispose (GObject *object)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_CATALOG_PAGE);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  g_clear_pointer (&self->choices_left, g_ptr_array_unref);
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  if (self->explaining != NULL)
    g_cancellable_cancel (self->explaining);
  g_clear_object (&self->explaining);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->catalog);
  if (self->candidates != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->candidates, self);
      g_signal_handlers_disconnect_by_data (sky_candidates_get_rows (self->candidates), self);
    }
  g_clear_object (&self->candidates);
  g_clear_pointer (&self->name_labels, g_hash_table_unref);
  g_clear_pointer (&self->gone_told, g_free);
  g_clear_pointer (&self->shown, sky_listing_free);
  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);
  g_clear_pointer (&self->region_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (sky_catalog_page_parent_class)->dispose (object);
}

static void
sky_catalog_page_class_init (SkyCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_catalog_page_dispose;
  object_class->get_property = sky_catalog_page_get_property;
  widget_class->realize = sky_catalog_page_realize;
  widget_class->unrealize = sky_catalog_page_unrealize;
  widget_class->get_request_mode = sky_catalog_page_get_request_mode;
  widget_class->measure = sky_catalog_page_measure;
  widget_class->size_allocate = sky_catalog_page_size_allocate;
  object_class->set_property = sky_catalog_page_set_property;

  /* What the table is sorted by: a column's id, as in the Sort menu. */
  properties[PROP_SORT_COLUMN] =
    g_param_spec_string ("sort-column", NULL, NULL, "price",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The hours an hourly price is multiplied by in the monthly column. */
  properties[PROP_HOURS_PER_MONTH] =
    g_param_spec_uint ("hours-per-month", NULL, NULL, 1, 744, SKY_HOURS_PER_MONTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The offers kept (SkyListingItem), for the other pages; the same list for the page's
   * life. */
  properties[PROP_CANDIDATES] =
    g_param_spec_object ("candidates", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether an empty result's explanation is being worked out. */
  properties[PROP_EXPLAINING] =
    g_param_spec_boolean ("explaining", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SKY_TYPE_LAZY_DROP_DOWN);
  g_type_ensure (SKY_TYPE_OFFER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-catalog-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, term_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, geography_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, os_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, architecture_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, vcpu_spin);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, offer_view);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, candidates_button);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, sort_button);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, paned);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, filters_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, minimums_box);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, minimum_labels);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_button_toggled);
  gtk_widget_class_install_action (widget_class, "page.add-to-candidates", NULL,
                                   add_to_candidates_action);
  gtk_widget_class_install_action (widget_class, "page.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "page.sort-column", "sort-column");
  gtk_widget_class_install_property_action (widget_class, "page.sort-descending",
                                            "sort-descending");
}

static void
sky_catalog_page_init (SkyCatalogPage *self)
{
  g_autoptr(GtkExpression) region_string = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Laid out by measure() and size_allocate(), which show the columns in view first. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  /* Narrower than the other pages' (360): the table's columns up to the architecture fit
   * beside it in the default window. */
  sky_side_pane_attach (self->paned, 320);

  self->name_labels = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->candidates = sky_candidates_new ();
  g_signal_connect_swapped (sky_candidates_get_rows (self->candidates), "items-changed",
                            G_CALLBACK (update_candidates_button), self);
  g_signal_connect_swapped (self->candidates, "notify::n-superseded",
                            G_CALLBACK (update_candidates_button), self);
  g_signal_connect (sky_candidates_get_rows (self->candidates), "items-changed",
                    G_CALLBACK (on_candidate_rows_changed), self);
  update_candidates_button (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-to-candidates", FALSE);
  gtk_menu_button_set_create_popup_func (self->sort_button, on_sort_menu_opened, self, NULL);
  gtk_menu_button_set_create_popup_func (self->candidates_button, on_candidates_opened, self,
                                         NULL);
  for (Filter f = FILTER_TEXT + 1; f < N_FILTERS; f++)
    if (filter_dropdown (self, f) != NULL)
      g_signal_connect_swapped (filter_dropdown (self, f), "notify::drop-down",
                                G_CALLBACK (on_filter_drop_down_made), self);

  self->choices_left = g_ptr_array_new_with_free_func ((GDestroyNotify) choices_left_free);
  /* On-demand first: mixing purchase options ranks an all-upfront reservation's zero hourly
   * price above everything else. */
  set_choices (self, self->term_dropdown, _("Any purchase option"), sky_term_titles (), 1);
  set_choices (self, self->geography_dropdown, _("Any geography"),
               sky_word_titles (SKY_VOCABULARY_GEOGRAPHY), 0);

  region_string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  sky_lazy_drop_down_set_expression (self->region_dropdown, region_string);

  set_choices (self, self->os_dropdown, _("Any OS"),
               sky_word_titles (SKY_VOCABULARY_OPERATING_SYSTEM), 0);
  set_choices (self, self->architecture_dropdown, _("Any architecture"),
               sky_word_titles (SKY_VOCABULARY_ARCHITECTURE), 0);
  /* The page opens on something to compare: compute, by the hour (and on demand, above). */
  set_choices (self, self->category_dropdown, _("Any category"),
               sky_word_titles (SKY_VOCABULARY_CATEGORY),
               position_of (sky_categories (), "compute"));
  set_choices (self, self->unit_dropdown, _("Any unit"), sky_word_titles (SKY_VOCABULARY_UNIT),
               position_of (sky_vocabulary_ids (SKY_VOCABULARY_UNIT), "hour"));

  self->hours_per_month = SKY_HOURS_PER_MONTH;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    add_column (self, i);
  update_monthly_title (self);
  hold_columns (self);
  self->sort_column = DEFAULT_SORT_COLUMN;
  sort_by (self, DEFAULT_SORT_COLUMN, FALSE);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (read_sort), self);

  /* Beside the filters button in a narrow window. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  for (Filter f = FILTER_TEXT + 1; f < N_FILTERS; f++)
    if (filter_dropdown (self, f) != NULL)
      g_signal_connect_swapped (filter_dropdown (self, f), "notify::selected",
                                G_CALLBACK (update_filters_button), self);
  g_signal_connect_swapped (self->vcpu_spin, "value-changed",
                            G_CALLBACK (update_filters_button), self);
  g_signal_connect_swapped (self->memory_spin, "value-changed",
                            G_CALLBACK (update_filters_button), self);
  update_filters_button (self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
}

SkyCatalogPage *
sky_catalog_page_new (void)
{
  return g_object_new (SKY_TYPE_CATALOG_PAGE, NULL);
}

/* Shows @model, a search of the catalog; the page's filters set its query. */
void
sky_catalog_page_set_model (SkyCatalogPage  *self,
                            SkyListingModel *model)
{
  g_autoptr(GtkMultiSelection) selection = NULL;

  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));
  g_return_if_fail (SKY_IS_LISTING_MODEL (model));

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      sky_listing_model_set_frame_clock (self->model, NULL);
    }
  g_set_object (&self->model, model);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    sky_listing_model_set_frame_clock (model, gtk_widget_get_frame_clock (GTK_WIDGET (self)));

  selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model)));
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (selection, "selection-changed", G_CALLBACK (on_selection_changed),
                            self);
  g_signal_connect_swapped (selection, "selection-changed", G_CALLBACK (on_selection_chosen),
                            self);
  g_signal_connect_swapped (selection, "items-changed",
                            G_CALLBACK (on_selection_items_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (model, "notify::count", G_CALLBACK (on_model_count_changed), self);
  g_signal_connect_swapped (model, "notify::counting", G_CALLBACK (on_model_count_changed),
                            self);
  on_filter_changed (self);
}

/* Fills the region filter from the current sheets, keeping the region chosen. */
static void
refresh_regions (SkyCatalogPage *self,
                 gboolean        read)
{
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GtkStringList) list = choices (_("Any region"));
  g_autofree char *chosen = NULL;
  guint selected = sky_lazy_drop_down_get_selected (self->region_dropdown);
  guint position = 0;

  if (self->region_codes != NULL && selected > 0 && selected <= self->region_codes->len)
    chosen = g_strdup (g_ptr_array_index (self->region_codes, selected - 1));

  g_clear_pointer (&self->region_codes, g_ptr_array_unref);
  self->region_codes = g_ptr_array_new_with_free_func (g_free);
  regions = read && self->catalog != NULL ? sky_catalog_list_regions (self->catalog, NULL)
                                          : NULL;
  for (guint i = 0; regions != NULL && i + 1 < regions->len; i += 2)
    {
      const char *code = g_ptr_array_index (regions, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)",
                                                (char *) g_ptr_array_index (regions, i + 1),
                                                code);

      g_ptr_array_add (self->region_codes, g_strdup (code));
      gtk_string_list_append (list, label);
      if (g_strcmp0 (chosen, code) == 0)
        position = self->region_codes->len;
    }

  g_signal_handlers_block_by_func (self->region_dropdown, on_filter_changed, self);
  sky_lazy_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (list));
  sky_lazy_drop_down_set_selected (self->region_dropdown, position);
  g_signal_handlers_unblock_by_func (self->region_dropdown, on_filter_changed, self);
}

/* Fills the provider and region filters from the current sheets, keeping what is chosen; with
 * @read FALSE, with "Any" alone. */
static void
fill_choices (SkyCatalogPage *self,
              gboolean        read)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GtkStringList) list = NULL;
  g_autofree char *chosen = NULL;
  guint selected = sky_lazy_drop_down_get_selected (self->provider_dropdown);
  guint position = 0;

  /* Read later, when not now. */
  self->choices_due = !read;
  if (read)
    g_clear_handle_id (&self->choices_id, g_source_remove);
  if (self->provider_ids != NULL && selected > 0 && selected <= self->provider_ids->len)
    chosen = g_strdup (g_ptr_array_index (self->provider_ids, selected - 1));

  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  list = choices (_("Any provider"));
  sheets = read && self->catalog != NULL ? sky_catalog_list_sheets (self->catalog, NULL) : NULL;
  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);

      /* A provider may have several current sheets, each for some of its services. */
      if (!info->current ||
          g_ptr_array_find_with_equal_func (self->provider_ids, info->provider, g_str_equal,
                                            NULL))
        continue;
      g_ptr_array_add (self->provider_ids, g_strdup (info->provider));
      gtk_string_list_append (list, info->provider_name);
      if (g_strcmp0 (chosen, info->provider) == 0)
        position = self->provider_ids->len;
    }

  g_signal_handlers_block_by_func (self->provider_dropdown, on_filter_changed, self);
  sky_lazy_drop_down_set_model (self->provider_dropdown, G_LIST_MODEL (list));
  sky_lazy_drop_down_set_selected (self->provider_dropdown, position);
  g_signal_handlers_unblock_by_func (self->provider_dropdown, on_filter_changed, self);

  refresh_regions (self, read);
}

/* Follows the catalog's sheets: the filters' choices (see fill_choices()), the details and the
 * kept offers. */
static void
refresh (SkyCatalogPage *self,
         gboolean        read)
{
  fill_choices (self, read);
  /* The details of the row selected are read again once it is told of its new contents. */
  g_clear_pointer (&self->shown, sky_listing_free);
  /* The kept offers are looked for again in the sheets the catalog has now. */
  sky_candidates_set_catalog (self->candidates, self->catalog);
}

/* Fills the provider and region filters from the current sheets, keeping what is chosen. */
void
sky_catalog_page_refresh (SkyCatalogPage *self)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));

  refresh (self, TRUE);
}

/* The catalog the details pane and the provider filter read, on the main thread. */
void
sky_catalog_page_set_catalog (SkyCatalogPage *self,
                              SkyCatalog     *catalog)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));
  g_return_if_fail (SKY_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  /* Before the first frame, the provider and region filters list "Any" alone, which is what
   * they show: their providers and regions are read once the frame is drawn, or when one of
   * them first opens, whichever comes first. */
  refresh (self, gtk_widget_get_realized (GTK_WIDGET (self)));
}

/* Follows the hours per month of @settings; the window shows and hides the details pane. */
void
sky_catalog_page_bind_settings (SkyCatalogPage *self,
                                GSettings      *settings)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "hours-per-month", self, "hours-per-month", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "stale-after-days", self->offer_view, "stale-after-days",
                   G_SETTINGS_BIND_GET);
  sky_candidates_set_settings (self->candidates, settings);
}

/* The scenario the candidates are kept with once it has a file. */
void
sky_catalog_page_set_document (SkyCatalogPage      *self,
                               SkyScenarioDocument *document)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));
  g_return_if_fail (SKY_IS_SCENARIO_DOCUMENT (document));

  sky_candidates_set_document (self->candidates, document);
}

/* Puts the keyboard in the search entry. */
void
sky_catalog_page_focus_search (SkyCatalogPage *self)
{
  g_return_if_fail (SKY_IS_CATALOG_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The offers the user keeps for comparing and estimating: SkyListingItem. */
GListModel *
sky_catalog_page_get_candidates (SkyCatalogPage *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG_PAGE (self), NULL);
  return sky_candidates_get_model (self->candidates);
}

SkyListingModel *
sky_catalog_page_get_model (SkyCatalogPage *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG_PAGE (self), NULL);
  return self->model;
}
