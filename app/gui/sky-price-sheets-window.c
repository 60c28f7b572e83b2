/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-price-sheets-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-freshness.h"
#include "sky-gui-util.h"
#include "sky-price-sheets-window.h"
#include "sky-update-dialog.h"
#include "sky-update.h"

/* Lists every price sheet in the catalog: provider, version, effective date, offers, and
 * whether it is current, kept as an older version, or waiting for its effective date; each
 * can be removed. Update Prices… adds the providers' current price lists. */
struct _SkyPriceSheetsWindow
{
  AdwWindow   parent_instance;

  SkyCatalog *catalog;
  GPtrArray  *sheets;       /* SkySheetInfo, as listed */

  GtkStack   *stack;
  GtkListBox *list;
  GtkWidget  *update_button;
};

G_DEFINE_FINAL_TYPE (SkyPriceSheetsWindow, sky_price_sheets_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHEET_REMOVED,
  SHEETS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A sheet: its provider and version, how old its prices are, offers and currency, its state;
 * a current sheet whose prices are older than @stale_after_days is marked with an icon. */
static GtkWidget *
create_row (const SkySheetInfo *info,
            guint               stale_after_days)
{
  g_autofree char *title = g_strdup_printf ("%s %s", info->provider_name, info->version);
  g_autofree char *subtitle = NULL;
  g_autofree char *offers = NULL;
  /* Translators: the Remove button's name for screen readers; %s %s is a provider's name and
   * a sheet's version. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s %s"), info->provider_name,
                                                   info->version);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state;
  GtkWidget *remove;
  g_autofree char *partly = sky_sheet_info_describe (info);
  g_autofree char *as_of = sky_freshness_describe (info->effective_date, NULL);

  offers = g_strdup_printf ("%" G_GUINT64_FORMAT, info->offers);
  /* Translators: "Prices as of 2025-06-01 (18 months old)", the number of offers, the
   * currency. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s offer · %s",
                                           "%s · %s offers · %s", info->offers),
                              as_of != NULL ? as_of : info->effective_date, offers,
                              info->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Only the prices in use: a superseded sheet is old by nature. */
  if (info->current && sky_freshness_is_stale (info->effective_date, NULL, stale_after_days))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Older than %u day: look for a newer "
                                                           "price sheet",
                                                           "Older than %u days: look for a "
                                                           "newer price sheet",
                                                           stale_after_days),
                                              stale_after_days);

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  /* A sheet current for some of its services only says which: "current for ec2, s3;
   * superseded for rds-postgres by 2026.01". */
  state = gtk_label_new (partly != NULL ? partly
                         : info->current ? _("Current")
                         : info->upcoming ? _("Upcoming") : _("Superseded"));
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (state), 40);
  if (!info->current)
    gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sheets.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(ss)", info->provider,
                                    info->version);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
reload (SkyPriceSheetsWindow *self)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  guint stale_after_days = (guint) g_settings_get_int (settings, "stale-after-days");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  sheets = sky_catalog_list_sheets (self->catalog, &error);
  if (sheets == NULL)
    g_warning ("Cannot list the price sheets: %s", error->message);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  if (sheets != NULL)
    self->sheets = g_ptr_array_ref (sheets);

  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (sheets, i),
                                                 stale_after_days));

  gtk_stack_set_visible_child_name (self->stack,
                                    sheets != NULL && sheets->len > 0 ? "list" : "empty");
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SkyPriceSheetsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->list), TRUE);
  if (!sky_catalog_remove_sheet_finish (SKY_CATALOG (object), result, &error))
    {
      sky_gui_util_show_error (GTK_WINDOW (self), _("Could Not Remove the Price Sheet"),
                               error->message);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[SHEET_REMOVED], 0);
}

static void
remove_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    SkyPriceSheetsWindow *self)
{
  GStrv sheet = g_object_get_data (G_OBJECT (dialog), "sheet");

  if (g_strcmp0 (response, "remove") != 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), FALSE);
  sky_catalog_remove_sheet_async (self->catalog, sheet[0], sheet[1], NULL, removed_cb,
                                  g_object_ref (self));
}

/* sheets.remove (ss): asks, then removes the provider's sheet of that version. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (widget);
  const char *sheet[3] = { NULL, NULL, NULL };
  const char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &sheet[0], &sheet[1]);
  for (guint i = 0; self->sheets != NULL && i < self->sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (self->sheets, i);

      if (g_strcmp0 (info->provider, sheet[0]) == 0)
        name = info->provider_name;
    }

  /* Translators: %s %s is a provider's name and a sheet's version. */
  heading = g_strdup_printf (_("Remove %s %s?"), name != NULL ? name : sheet[0], sheet[1]);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its offers and prices leave the catalog, and the "
                                     "provider's previous sheet is current again. A scenario "
                                     "priced against it can be re-priced against the current "
                                     "sheets. A bundled sheet removed is not loaded again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sheet", g_strdupv ((GStrv) sheet),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Sheets were added by Update Prices… (or, after a failure, could not all be removed). */
static void
updated_cb (SkyUpdateDialog      *dialog,
            SkyPriceSheetsWindow *self)
{
  reload (self);
  g_signal_emit (self, signals[SHEETS_UPDATED], 0);
}

/* sheets.update: the Update Prices dialog, over this window. */
static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyPriceSheetsWindow *self = SKY_PRICE_SHEETS_WINDOW (widget);
  SkyUpdateDialog *dialog = sky_update_dialog_new (self->catalog);

  g_signal_connect_object (dialog, "updated", G_CALLBACK (updated_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
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
  g_clear_pointer (&self->sheets, g_ptr_array_unref);

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

  /* A sheet was removed from the catalog. */
  signals[SHEET_REMOVED] =
    g_signal_new ("sheet-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /* Update Prices… added sheets to the catalog. */
  signals[SHEETS_UPDATED] =
    g_signal_new ("sheets-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-price-sheets-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyPriceSheetsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SkyPriceSheetsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, SkyPriceSheetsWindow, update_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "sheets.remove", "(ss)", remove_action);
  gtk_widget_class_install_action (widget_class, "sheets.update", NULL, update_action);
}

static void
sky_price_sheets_window_init (SkyPriceSheetsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A build that cannot download says so where the button is. */
  if (!sky_update_available ())
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheets.update", FALSE);
      gtk_widget_set_tooltip_text (self->update_button,
                                   _("This build of Skytally cannot download price lists"));
    }
}

SkyPriceSheetsWindow *
sky_price_sheets_window_new (SkyCatalog *catalog)
{
  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);

  return g_object_new (SKY_TYPE_PRICE_SHEETS_WINDOW, "catalog", catalog, NULL);
}
