/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-offer-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-currency.h"
#include "sky-freshness.h"
#include "sky-sla.h"
#include "sky-terms.h"
#include "sky-gui-util.h"
#include "sky-offer-view.h"

/* The details of one offer: every attribute, every price with its tiers and purchase option,
 * and the sheet it comes from. */
struct _SkyOfferView
{
  AdwBin     parent_instance;

  GtkStack  *stack;
  GtkBox    *groups;      /* in the stack's "offer" page, once an offer was shown */
  guint      stale_after_days;
};

G_DEFINE_FINAL_TYPE (SkyOfferView, sky_offer_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STALE_AFTER_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
scaled (gint64 value,
        guint  scale)
{
  return sky_decimal_to_string (sky_decimal_from_scaled (value, scale));
}

/* A price of the sheet for people to read: every digit, the currency's symbol. */
static char *
price_money (const SkyOfferDetails *d,
             gint64                 amount)
{
  return sky_currency_format_price_display (d->currency,
                                            sky_decimal_from_scaled (amount, SKY_PRICE_SCALE));
}

/* Adds a row of @title and @value to @group, unless @value is empty; returns it. */
static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
  return row;
}

static AdwPreferencesGroup *
add_group (SkyOfferView *self,
           const char   *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static char *
describe_price (const SkyOfferDetails *d,
                const SkyOfferPrice   *price)
{
  GString *s = g_string_new (NULL);
  const char *unit = sky_word_title (SKY_VOCABULARY_UNIT, price->unit);

  if (price->tiers->len == 0)
    {
      g_autofree char *amount = price_money (d, price->amount);
      /* Translators: a unit price, as in "$0.096/Hour" */
      g_string_append_printf (s, _("%s/%s"), amount, unit);
    }
  for (guint i = 0; i < price->tiers->len; i++)
    {
      const SkyOfferTier *tier = g_ptr_array_index (price->tiers, i);
      g_autofree char *amount = price_money (d, tier->amount);

      if (i > 0)
        g_string_append_c (s, '\n');
      if (tier->to != NULL)
        /* Translators: a volume tier: "0–10240 GB: $0.09" */
        g_string_append_printf (s, _("%s–%s %s: %s"), tier->from, tier->to, unit, amount);
      else
        g_string_append_printf (s, _("over %s %s: %s"), tier->from, unit, amount);
    }
  if (price->has_upfront_fee)
    {
      g_autofree char *fee = price_money (d, price->upfront_fee);
      g_string_append_printf (s, _("\nplus %s up front for the term"), fee);
    }
  if (price->free_quantity != NULL)
    g_string_append_printf (s, _("\nfirst %s %s each month free"), price->free_quantity,
                            unit);
  if (price->has_monthly_cap)
    {
      g_autofree char *cap = price_money (d, price->monthly_cap);
      /* Translators: what one instance costs a month at most, as in "at most $24.00 a month
       * each" */
      g_string_append_printf (s, _("\nat most %s a month each"), cap);
    }
  for (guint i = 0; price->usage_bands != NULL && i < price->usage_bands->len; i++)
    {
      const SkySheetBand *band = &g_array_index (price->usage_bands, SkySheetBand, i);
      g_autofree char *from = sky_decimal_to_string (band->from);
      g_autofree char *to = sky_decimal_to_string (band->to);
      g_autofree char *percent = sky_decimal_to_string (band->percent);

      if (i == 0)
        /* Translators: a usage discount by its id, then its bands, as in "usage discount n2:
         * 0–25 % of the month 0 % off, 25–50 % of the month 13.22 % off" */
        g_string_append_printf (s, _("\nusage discount %s: "), price->usage_discount);
      else
        g_string_append (s, ", ");
      g_string_append_printf (s, _("%s–%s %% of the month %s %% off"), from, to, percent);
    }
  if (price->effective_date != NULL && g_strcmp0 (price->effective_date, d->effective_date) != 0)
    /* Translators: the date a price holds from, when it is not the price sheet's */
    g_string_append_printf (s, _("\nprice as of %s"), price->effective_date);
  return g_string_free (s, FALSE);
}

/* A percentage for people to read: "99.95 %" in the locale's digits. */
static char *
percent_display (const char *percent)
{
  SkyDecimal value;
  g_autofree char *number = NULL;

  if (!sky_decimal_parse (percent, SKY_DECIMAL_MAX_SCALE, FALSE, &value, NULL))
    return g_strdup_printf ("%s %%", percent);
  number = sky_format_number (value, 0);
  return g_strdup_printf ("%s %%", number);
}

/* The SLA of each deployment the offer can have: the curated table's where it speaks of one,
 * else the sheet's figure for a single instance; each with what it asks, and where it comes
 * from in its tooltip. */
static void
add_availability (SkyOfferView          *self,
                  const SkyOfferDetails *d)
{
  SkySlaTable *table = sky_sla_table_get_default ();
  AdwPreferencesGroup *group = NULL;

  for (guint k = 0; k < sky_vocabulary_size (SKY_VOCABULARY_DEPLOYMENT); k++)
    {
      const SkyWord *kind = sky_vocabulary_nth (SKY_VOCABULARY_DEPLOYMENT, k);
      const SkySla *entry = NULL;
      g_autofree char *percent = sky_offer_sla_for (table, d, kind->id, &entry);
      g_autofree char *shown = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row;

      if (percent == NULL)
        continue;
      if (group == NULL)
        {
          group = add_group (self, _("Availability"));
          adw_preferences_group_set_description (group, _("The published SLA of each way the "
                                                          "offer can be deployed"));
        }
      shown = percent_display (percent);
      if (entry == NULL)
        /* Translators: an SLA in percent that only the price sheet gives. */
        subtitle = g_strdup_printf (_("%s, as the price sheet says"), shown);
      else if (entry->condition != NULL)
        /* Translators: an SLA in percent, then what the provider asks for it. */
        subtitle = g_strdup_printf (_("%s: %s"), shown, entry->condition);
      else
        subtitle = g_steal_pointer (&shown);
      if (entry != NULL)
        {
          g_autofree char *source = sky_sla_describe_source (entry);

          tooltip = entry->note != NULL ? g_strdup_printf ("%s\n%s", source, entry->note)
                                        : g_steal_pointer (&source);
        }
      else
        tooltip = g_strdup (_("The price sheet's figure, which is a single instance's"));
      row = add_row (group, _(kind->title), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_tooltip_text (row, tooltip);
    }
}

/**
 * sky_offer_view_describe_slas:
 *
 * Returns: (transfer full) (nullable): the SLA of each deployment @d can have, a line each
 *   ("Across zones: 99.99 %"), as the details list them; NULL when none is known
 */
char *
sky_offer_view_describe_slas (const SkyOfferDetails *d)
{
  SkySlaTable *table = sky_sla_table_get_default ();
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (d != NULL, NULL);

  for (guint k = 0; k < sky_vocabulary_size (SKY_VOCABULARY_DEPLOYMENT); k++)
    {
      const SkyWord *kind = sky_vocabulary_nth (SKY_VOCABULARY_DEPLOYMENT, k);
      g_autofree char *percent = sky_offer_sla_for (table, d, kind->id, NULL);
      g_autofree char *shown = NULL;

      if (percent == NULL)
        continue;
      shown = percent_display (percent);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a deployment, then its SLA in percent. */
      g_string_append_printf (text, _("%s: %s"), _(kind->title), shown);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* The page that shows an offer, built when the first offer is shown: most windows' first frame
 * shows none, and the stack would build and measure it all the same. */
static void
ensure_offer_page (SkyOfferView *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->groups != NULL)
    return;
  builder = gtk_builder_new_from_resource ("/io/github/skytally/Skytally/sky-offer-view-page.ui");
  gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, "offer_page")),
                       "offer");
  self->groups = GTK_BOX (gtk_builder_get_object (builder, "groups"));
}

/* Shows @details, or that nothing is selected when it is NULL. */
void
sky_offer_view_show (SkyOfferView          *self,
                     const SkyOfferDetails *d)
{
  AdwPreferencesGroup *group;
  GtkWidget *child;

  g_return_if_fail (SKY_IS_OFFER_VIEW (self));

  while (self->groups != NULL &&
         (child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);

  if (d == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  ensure_offer_page (self);

  group = add_group (self, d->name);
  adw_preferences_group_set_description (group, d->service_name);
  {
    /* Some providers' region names already hold the code: "Iowa (us-central1)". */
    g_autofree char *region = strstr (d->region_name, d->region) != NULL
                              ? g_strdup_printf ("%s, %s", d->region_name, d->geography)
                              : g_strdup_printf ("%s (%s, %s)", d->region_name, d->region,
                                                 d->geography);
    g_autofree char *vcpu = d->vcpu_milli >= 0 ? scaled (d->vcpu_milli, 3) : NULL;
    g_autofree char *memory = d->memory_mgib >= 0 ? scaled (d->memory_mgib, 3) : NULL;
    g_autofree char *memory_gib = memory != NULL ? g_strdup_printf (_("%s GiB"), memory) : NULL;
    g_autofree char *gpu = d->gpu >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, d->gpu) : NULL;
    /* Translators: the price sheet's SLA of an offer, in percent: a single instance's. */
    g_autofree char *sla = d->sla != NULL ? g_strdup_printf (_("%s %% as a single instance"),
                                                             d->sla)
                                          : NULL;

    add_row (group, _("SKU"), d->sku);
    add_row (group, _("Region"), region);
    add_row (group, _("Category"), sky_word_title (SKY_VOCABULARY_CATEGORY, d->category));
    add_row (group, _("Family"), d->family);
    add_row (group, _("vCPU"), vcpu);
    add_row (group, _("Memory"), memory_gib);
    add_row (group, _("GPU"), gpu);
    add_row (group, _("Operating System"), sky_word_title (SKY_VOCABULARY_OPERATING_SYSTEM,
                                                           d->os));
    add_row (group, _("Architecture"), sky_word_title (SKY_VOCABULARY_ARCHITECTURE,
                                                       d->architecture));
    add_row (group, _("Tenancy"), sky_word_title (SKY_VOCABULARY_TENANCY, d->tenancy));
    add_row (group, _("Licence"), sky_word_title (SKY_VOCABULARY_LICENCE, d->licence));
    add_row (group, _("Pre-installed Software"), d->software);
    add_row (group, _("Capacity"), sky_word_title (SKY_VOCABULARY_CAPACITY, d->capacity));
    add_row (group, _("Storage"), d->storage_type);
    add_row (group, _("SLA"), sla);
  }

  add_availability (self, d);

  if (d->features->len > 0)
    {
      group = add_group (self, _("Features"));
      for (guint i = 0; i + 1 < d->features->len; i += 2)
        add_row (group, g_ptr_array_index (d->features, i),
                 g_ptr_array_index (d->features, i + 1));
    }

  group = add_group (self, _("Prices"));
  for (guint i = 0; i < d->prices->len; i++)
    {
      const SkyOfferPrice *price = g_ptr_array_index (d->prices, i);
      g_autofree char *text = describe_price (d, price);

      add_row (group, sky_term_title (price->term), text);
    }

  group = add_group (self, _("Price Sheet"));
  {
    g_autofree char *sheet = g_strdup_printf ("%s %s", d->provider_name, d->sheet_version);

    g_autofree char *as_of = sky_freshness_describe (d->effective_date, NULL);

    GtkWidget *prices;

    add_row (group, _("Sheet"), sheet);
    prices = add_row (group, _("Prices"), as_of != NULL ? as_of : d->effective_date);
    /* Marked, never a dialog: older than the preference. */
    if (prices != NULL &&
        sky_freshness_is_stale (d->effective_date, NULL, self->stale_after_days))
      {
        GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
        g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Older than %u day: look for a "
                                                             "newer price sheet",
                                                             "Older than %u days: look for a "
                                                             "newer price sheet",
                                                             self->stale_after_days),
                                                self->stale_after_days);

        gtk_widget_add_css_class (icon, "warning");
        gtk_widget_set_tooltip_text (icon, tip);
        gtk_widget_set_tooltip_text (prices, tip);
        adw_action_row_add_suffix (ADW_ACTION_ROW (prices), icon);
      }
    add_row (group, _("Retrieved"), d->retrieved);
    add_row (group, _("Source"), d->source);
  }

  gtk_stack_set_visible_child_name (self->stack, "offer");
}

static void
sky_offer_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STALE_AFTER_DAYS:
      g_value_set_uint (value, SKY_OFFER_VIEW (object)->stale_after_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_offer_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SkyOfferView *self = SKY_OFFER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STALE_AFTER_DAYS:
      if (self->stale_after_days != g_value_get_uint (value))
        {
          self->stale_after_days = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_offer_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SKY_TYPE_OFFER_VIEW);
  /* It went with the stack. */
  SKY_OFFER_VIEW (object)->groups = NULL;

  G_OBJECT_CLASS (sky_offer_view_parent_class)->dispose (object);
}

static void
sky_offer_view_class_init (SkyOfferViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_offer_view_get_property;
  object_class->set_property = sky_offer_view_set_property;
  object_class->dispose = sky_offer_view_dispose;

  /* Prices older than this many days are marked; for the offers shown from then on. */
  properties[PROP_STALE_AFTER_DAYS] =
    g_param_spec_uint ("stale-after-days", NULL, NULL, 0, G_MAXINT,
                       SKY_FRESHNESS_STALE_AFTER_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/skytally/Skytally/sky-offer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyOfferView, stack);
}

static void
sky_offer_view_init (SkyOfferView *self)
{
  self->stale_after_days = SKY_FRESHNESS_STALE_AFTER_DEFAULT;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Shown in the window's first frame: its text laid out once for each width. */
  sky_gui_util_measure_status_page_width_once (
    ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "none")));
}
