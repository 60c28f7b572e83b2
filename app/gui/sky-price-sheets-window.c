/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-price-sheets-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-price-sheets-window.h"

/* Lists every price sheet in the catalog: provider, version, effective date, offers, and
 * whether it is current, kept as an older version, or waiting for its effective date. */
struct _SkyPriceSheetsWindow
{
  AdwWindow   parent_instance;

  SkyCatalog *catalog;

  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (SkyPriceSheetsWindow, sky_price_sheets_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_row (const SkySheetInfo *info)
{
  g_autofree char *title = g_strdup_printf ("%s %s", info->provider_name, info->version);
  g_autofree char *subtitle = NULL;
  g_autofree char *offers = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state;

  offers = g_strdup_printf ("%" G_GUINT64_FORMAT, info->offers);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Effective %s · %s offer · %s",
                                           "Effective %s · %s offers · %s", info->offers),
                              info->effective_date, offers, info->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  state = gtk_label_new (info->current ? _("Current")
                         : info->upcoming ? _("Upcoming") : _("Superseded"));
  if (!info->current)
    gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  return row;
}

static void
reload (SkyPriceSheetsWindow *self)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  sheets = sky_catalog_list_sheets (self->catalog, &error);
  if (sheets == NULL)
    g_warning ("Cannot list the price sheets: %s", error->message);

  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (sheets, i)));

  gtk_stack_set_visible_child_name (self->stack,
                                    sheets != NULL && sheets->len > 0 ? "list" : "empty");
}

static void
sky_price_sheets_window_constructed (GObject *object)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (object);

  G_OBJECT_CLASS (sky_price_sheets_window_parent_class)->constructed (object);
  reload (self);
}

static void
sky_price_sheets_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_price_sheets_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_price_sheets_window_dispose (GObject *object)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_PRICE_SHEETS_WINDOW);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_price_sheets_window_parent_class)->dispose (object);
}

static void
sky_price_sheets_window_class_init (SkyPriceSheetsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sky_price_sheets_window_constructed;
  object_class->set_property = sky_price_sheets_window_set_property;
  object_class->get_property = sky_price_sheets_window_get_property;
  object_class->dispose = sky_price_sheets_window_dispose;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SKY_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-price-sheets-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyPriceSheetsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SkyPriceSheetsWindow, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sky_price_sheets_window_init (SkyPriceSheetsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SkyPriceSheetsWindow *
sky_price_sheets_window_new (SkyCatalog *catalog)
{
  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);

  return g_object_new (SKY_TYPE_PRICE_SHEETS_WINDOW, "catalog", catalog, NULL);
}
