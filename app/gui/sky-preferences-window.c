/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-preferences-window"

#include "config.h"

#include "sky-preferences-window.h"

/* The application's settings: its style, and how the catalog shows prices. Every row is bound
 * to its key, so a change takes effect at once and is kept. */
struct _SkyPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings     *settings;

  AdwComboRow   *style_row;
  GtkSpinButton *hours_spin;
  GtkSwitch     *details_switch;
  GtkSpinButton *stale_spin;
};

G_DEFINE_FINAL_TYPE (SkyPreferencesWindow, sky_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The style row's choices, in its order. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
style_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_to_setting (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[selected]);
}

static void
sky_preferences_window_constructed (GObject *object)
{
  SkyPreferencesWindow *self = SKY_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (sky_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_from_setting, style_to_setting,
                                NULL, NULL);
  g_settings_bind (self->settings, "hours-per-month", self->hours_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-details", self->details_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "stale-after-days", self->stale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
sky_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SkyPreferencesWindow *self = SKY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_preferences_window_dispose (GObject *object)
{
  SkyPreferencesWindow *self = SKY_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sky_preferences_window_parent_class)->dispose (object);
}

static void
sky_preferences_window_class_init (SkyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sky_preferences_window_constructed;
  object_class->set_property = sky_preferences_window_set_property;
  object_class->dispose = sky_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SkyPreferencesWindow, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, SkyPreferencesWindow, details_switch);
  gtk_widget_class_bind_template_child (widget_class, SkyPreferencesWindow, stale_spin);
}

static void
sky_preferences_window_init (SkyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SkyPreferencesWindow *
sky_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SKY_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
