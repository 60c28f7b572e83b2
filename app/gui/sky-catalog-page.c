/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-catalog-page.h"
#include "sky-currency.h"
#include "sky-listing-item.h"

/* The catalog: every price of every current sheet, searched and filtered, in a table that
 * loads only the rows on screen. */
struct _SkyCatalogPage
{
  AdwBin           parent_instance;

  SkyListingModel *model;

  GtkSearchEntry  *search_entry;
  GtkDropDown     *term_dropdown;
  GtkDropDown     *geography_dropdown;
  GtkDropDown     *category_dropdown;
  GtkSpinButton   *vcpu_spin;
  GtkSpinButton   *memory_spin;
  GtkLabel        *count_label;
  GtkStack        *stack;
  GtkColumnView   *column_view;
};

G_DEFINE_FINAL_TYPE (SkyCatalogPage, sky_catalog_page, ADW_TYPE_BIN)

/* The choices of the filters, after "Any" at position 0. */
static const struct
{
  const char *value;
  const char *label;
} geographies[] = {
  { "US", N_("United States") }, { "CA", N_("Canada") }, { "SA", N_("South America") },
  { "EU", N_("Europe") }, { "ME", N_("Middle East") }, { "AF", N_("Africa") },
  { "APAC", N_("Asia-Pacific") }, { "GLOBAL", N_("Global") },
}, categories[] = {
  { "compute", N_("Compute") }, { "storage", N_("Storage") }, { "database", N_("Database") },
  { "network", N_("Network") }, { "serverless", N_("Serverless") },
  { "containers", N_("Containers") }, { "analytics", N_("Analytics") }, { "ai", N_("AI") },
  { "other", N_("Other") },
};

static const char *
selected_value (GtkDropDown        *dropdown,
                const char * const *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : values[selected - 1];
}

static void
on_filter_changed (SkyCatalogPage *self)
{
  static const char *geography_values[G_N_ELEMENTS (geographies)];
  static const char *category_values[G_N_ELEMENTS (categories)];
  SkySearchQuery query = { 0 };
  const char *text;

  if (self->model == NULL)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (geographies); i++)
    geography_values[i] = geographies[i].value;
  for (gsize i = 0; i < G_N_ELEMENTS (categories); i++)
    category_values[i] = categories[i].value;

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query.text = text != NULL && *text != '\0' ? text : NULL;
  query.term = selected_value (self->term_dropdown, sky_terms ());
  query.geography = selected_value (self->geography_dropdown, geography_values);
  query.category = selected_value (self->category_dropdown, category_values);
  query.min_vcpu_milli = (gint64) gtk_spin_button_get_value_as_int (self->vcpu_spin) * 1000;
  query.min_memory_mgib = (gint64) gtk_spin_button_get_value_as_int (self->memory_spin) * 1000;
  sky_listing_model_set_query (self->model, &query);
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
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matching price",
                                         "%u matching prices", count), count);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, counting || count > 0 ? "list" : "empty");
}

/* Columns ------------------------------------------------------------------------------------ */

typedef char *(*CellText) (const SkyListing *listing);

static char *
scaled_text (gint64 value,
             guint  scale)
{
  return value < 0 ? g_strdup ("") : sky_decimal_to_string (sky_decimal_from_scaled (value,
                                                                                      scale));
}

static char *provider_text (const SkyListing *l) { return g_strdup (l->provider_name); }
static char *service_text (const SkyListing *l) { return g_strdup (l->service_name); }
static char *name_text (const SkyListing *l) { return g_strdup (l->name); }
static char *region_text (const SkyListing *l) { return g_strdup (l->region); }
static char *term_text (const SkyListing *l) { return g_strdup (l->term); }
static char *vcpu_text (const SkyListing *l) { return scaled_text (l->vcpu_milli, 3); }

static char *
memory_text (const SkyListing *l)
{
  g_autofree char *gib = scaled_text (l->memory_mgib, 3);

  return *gib != '\0' ? g_strdup_printf (_("%s GiB"), gib) : g_strdup ("");
}

static char *
price_text (const SkyListing *l)
{
  g_autofree char *amount = scaled_text (l->price, SKY_PRICE_SCALE);

  /* Translators: a unit price, e.g. "0.096 USD/hour" */
  return g_strdup_printf (_("%s %s/%s"), amount, l->currency, l->unit);
}

static char *
monthly_text (const SkyListing *l)
{
  g_autofree char *amount = NULL;
  SkyDecimal monthly;

  if (!sky_listing_monthly (l, &monthly))
    return g_strdup ("");
  amount = sky_currency_format (l->currency, monthly);
  return g_strdup_printf ("%s %s", amount, l->currency);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CellText cell_text = g_object_get_data (G_OBJECT (factory), "cell-text");
  const SkyListing *listing = sky_listing_item_get_listing (gtk_list_item_get_item (item));
  g_autofree char *text = listing != NULL ? cell_text (listing) : g_strdup ("…");

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (SkyCatalogPage *self,
            const char     *title,
            CellText        cell_text,
            gboolean        numeric,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "cell-text", cell_text);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static GtkStringList *
choices (const char *any)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  return list;
}

/* GObject ------------------------------------------------------------------------------------ */

static void
sky_catalog_page_dispose (GObject *object)
{
  SkyCatalogPage *self = SKY_CATALOG_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_CATALOG_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sky_catalog_page_parent_class)->dispose (object);
}

static void
sky_catalog_page_class_init (SkyCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_catalog_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-catalog-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, term_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, geography_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, vcpu_spin);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SkyCatalogPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
}

static void
sky_catalog_page_init (SkyCatalogPage *self)
{
  GtkStringList *list;

  gtk_widget_init_template (GTK_WIDGET (self));

  list = choices (_("Any purchase option"));
  for (const char * const *term = sky_terms (); *term != NULL; term++)
    gtk_string_list_append (list, *term);
  gtk_drop_down_set_model (self->term_dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
  /* On-demand first: mixing purchase options ranks an all-upfront reservation's zero hourly
   * price above everything else. */
  gtk_drop_down_set_selected (self->term_dropdown, 1);

  list = choices (_("Any geography"));
  for (gsize i = 0; i < G_N_ELEMENTS (geographies); i++)
    gtk_string_list_append (list, _(geographies[i].label));
  gtk_drop_down_set_model (self->geography_dropdown, G_LIST_MODEL (list));
  g_object_unref (list);

  list = choices (_("Any category"));
  for (gsize i = 0; i < G_N_ELEMENTS (categories); i++)
    gtk_string_list_append (list, _(categories[i].label));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (list));
  g_object_unref (list);

  add_column (self, _("Provider"), provider_text, FALSE, FALSE);
  add_column (self, _("Service"), service_text, FALSE, FALSE);
  add_column (self, _("Name"), name_text, FALSE, TRUE);
  add_column (self, _("Region"), region_text, FALSE, FALSE);
  add_column (self, _("vCPU"), vcpu_text, TRUE, FALSE);
  add_column (self, _("Memory"), memory_text, TRUE, FALSE);
  add_column (self, _("Purchase Option"), term_text, FALSE, FALSE);
  add_column (self, _("Unit Price"), price_text, TRUE, FALSE);
  add_column (self, _("Monthly (730 h)"), monthly_text, TRUE, FALSE);
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
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (model, "notify::count", G_CALLBACK (on_model_count_changed), self);
  g_signal_connect_swapped (model, "notify::counting", G_CALLBACK (on_model_count_changed),
                            self);
  on_filter_changed (self);
}

SkyListingModel *
sky_catalog_page_get_model (SkyCatalogPage *self)
{
  g_return_val_if_fail (SKY_IS_CATALOG_PAGE (self), NULL);
  return self->model;
}
