/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-candidates"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-candidates.h"
#include "sky-kept-offer.h"
#include "sky-terms.h"

/* The offers the user keeps from the catalog for comparing and estimating. They are kept in
 * the scenario when it has a file (an edit like any other: it marks the scenario modified and
 * is one step of undo), otherwise in the settings, where a scenario not yet saved finds them
 * and a new window finds them again; a scenario saved for the first time takes them into its
 * file. Each is found again at its own sheet's price, a newer sheet of its service offering
 * its own price for the same SKU, region and purchase option until the user takes it. */
struct _SkyCandidates
{
  GObject              parent_instance;

  GListStore          *items;      /* SkyListingItem: the kept offers the catalog has */
  GListStore          *gone;       /* SkyListingItem without a listing: those it has not */
  GtkFlattenListModel *rows;       /* both, for the list of candidates */
  GPtrArray           *kept;       /* SkyKeptOffer: what the file or the settings hold */
  SkyCatalog          *catalog;
  GSettings           *settings;
  SkyScenarioDocument *document;
  gboolean             resolved;   /* the kept offers were looked for in a catalog with sheets */
  guint                updating;   /* the stores change to show what is kept, not by the user */
  guint                n_superseded;
};

enum {
  PROP_0,
  PROP_N_SUPERSEDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SkyCandidates, sky_candidates, G_TYPE_OBJECT)

/* What names an item's price, and the newer sheet's price of it, if any. */
#define KEPT_KEY "sky-kept-offer"
#define SUCCESSOR_KEY "sky-successor"

static const SkyKeptOffer *
item_kept (SkyListingItem *item)
{
  return g_object_get_data (G_OBJECT (item), KEPT_KEY);
}

static const SkyListing *
item_successor (SkyListingItem *item)
{
  return g_object_get_data (G_OBJECT (item), SUCCESSOR_KEY);
}

/* An item of the candidates: @listing (taken, NULL for a kept offer the catalog lacks), named
 * by @kept (taken; from @listing when NULL), with @successor (taken). */
static SkyListingItem *
new_item (SkyListing   *listing,
          SkyKeptOffer *kept,
          SkyListing   *successor)
{
  SkyListingItem *item;

  if (kept == NULL)
    kept = sky_kept_offer_new_for_listing (listing);
  item = sky_listing_item_new (listing);
  g_object_set_data_full (G_OBJECT (item), KEPT_KEY, kept, (GDestroyNotify) sky_kept_offer_free);
  if (successor != NULL)
    g_object_set_data_full (G_OBJECT (item), SUCCESSOR_KEY, successor,
                            (GDestroyNotify) sky_listing_free);
  return item;
}

static gboolean
same_kept (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!sky_kept_offer_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gpointer
copy_one (gconstpointer kept,
          gpointer      user_data)
{
  return sky_kept_offer_copy (kept);
}

/* A copy of @kept (SkyKeptOffer), each copied. */
static GPtrArray *
copy_kept (GPtrArray *kept)
{
  GPtrArray *copy = g_ptr_array_copy (kept, copy_one, NULL);

  g_ptr_array_set_free_func (copy, (GDestroyNotify) sky_kept_offer_free);
  return copy;
}

/* Whether the kept offers are the scenario's: it has a file. */
gboolean
sky_candidates_in_document (SkyCandidates *self)
{
  g_return_val_if_fail (SKY_IS_CANDIDATES (self), FALSE);
  return self->document != NULL && sky_scenario_document_get_file (self->document) != NULL;
}

/* What the file or the settings hold. */
static GPtrArray *
read_kept (SkyCandidates *self)
{
  g_autoptr(GVariant) value = NULL;
  if (sky_candidates_in_document (self))
    {
      return copy_kept (sky_scenario_document_get_scenario (self->document)->kept_offers);
    }
  if (self->settings == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  value = g_settings_get_value (self->settings, "catalog-candidates");
  return sky_kept_offers_from_variant (value);
}

static void
update_n_superseded (SkyCandidates *self)
{
  guint n = 0;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (item_successor (item) != NULL)
        n++;
    }
  if (n == self->n_superseded)
    return;
  self->n_superseded = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUPERSEDED]);
}

/* Shows the kept offers: each at its own sheet's price, or among those gone. */
static void
resolve (SkyCandidates *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ready = self->catalog != NULL && sky_catalog_has_sheets (self->catalog, NULL);

  for (guint i = 0; ready && i < self->kept->len; i++)
    {
      SkyKeptOffer *k = g_ptr_array_index (self->kept, i);
      g_autoptr(GError) error = NULL;
      SkyListing *listing = NULL;
      SkyListing *successor = NULL;

      if (!sky_kept_offer_find (self->catalog, k, &listing, &successor, &error))
        g_warning ("Cannot find a candidate in the catalog: %s", error->message);
      /* The settings do not name the service: the catalog does. */
      if (listing != NULL && k->service == NULL)
        k->service = g_strdup (listing->service);
      g_ptr_array_add (listing != NULL ? items : gone,
                       new_item (listing, sky_kept_offer_copy (k), successor));
    }
  self->resolved = ready;

  self->updating++;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  g_list_store_splice (self->gone, 0, g_list_model_get_n_items (G_LIST_MODEL (self->gone)),
                       gone->pdata, gone->len);
  self->updating--;
  update_n_superseded (self);
}

/* Reads what is kept again, and shows it when it changed (undone, another file opened, the
 * settings changed elsewhere) or the catalog did (@force). */
static void
load (SkyCandidates *self,
      gboolean       force)
{
  g_autoptr(GPtrArray) kept = read_kept (self);
  gboolean ready = self->catalog != NULL && sky_catalog_has_sheets (self->catalog, NULL);

  if (!force && ready == self->resolved && same_kept (kept, self->kept))
    return;
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  self->kept = g_steal_pointer (&kept);
  resolve (self);
  if (self->document != NULL && !sky_candidates_in_document (self))
    sky_scenario_document_set_untitled_kept_offers (self->document, self->kept);
}

/* Keeps what the stores show now, in the file or in the settings. */
static void
write_kept (SkyCandidates *self)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              sky_kept_offer_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const SkyKeptOffer *k = item_kept (item);

      /* Added by another view as a listing only. */
      if (k == NULL)
        {
          k = sky_kept_offer_new_for_listing (sky_listing_item_get_listing (item));
          g_object_set_data_full (G_OBJECT (item), KEPT_KEY, (gpointer) k,
                                  (GDestroyNotify) sky_kept_offer_free);
        }
      g_ptr_array_add (kept, sky_kept_offer_copy (k));
    }
  update_n_superseded (self);
  if (same_kept (kept, self->kept))
    return;
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  self->kept = copy_kept (kept);

  if (sky_candidates_in_document (self))
    sky_scenario_document_set_kept_offers (self->document, kept);
  else
    {
      if (self->settings != NULL)
        g_settings_set_value (self->settings, "catalog-candidates",
                              sky_kept_offers_to_variant (kept));
      if (self->document != NULL)
        sky_scenario_document_set_untitled_kept_offers (self->document, kept);
    }
}

static void
on_store_changed (SkyCandidates *self)
{
  if (self->updating == 0)
    write_kept (self);
}

static void
on_source_changed (SkyCandidates *self)
{
  load (self, FALSE);
}

/* Public ------------------------------------------------------------------------------------ */

/* The kept offers the catalog has (SkyListingItem), for the other pages. */
GListModel *
sky_candidates_get_model (SkyCandidates *self)
{
  g_return_val_if_fail (SKY_IS_CANDIDATES (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Those and the kept offers the catalog no longer has (SkyListingItem without a listing), for
 * the list of candidates. */
GListModel *
sky_candidates_get_rows (SkyCandidates *self)
{
  g_return_val_if_fail (SKY_IS_CANDIDATES (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* The catalog the kept offers are looked for in, again each time it changes. */
void
sky_candidates_set_catalog (SkyCandidates *self,
                            SkyCatalog    *catalog)
{
  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (catalog == NULL || SKY_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  load (self, TRUE);
}

/* Where the kept offers are when the scenario has no file. */
void
sky_candidates_set_settings (SkyCandidates *self,
                             GSettings     *settings)
{
  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_swapped (settings, "changed::catalog-candidates",
                              G_CALLBACK (on_source_changed), self);
  load (self, FALSE);
}

/* The scenario the kept offers go with once it has a file. */
void
sky_candidates_set_document (SkyCandidates       *self,
                             SkyScenarioDocument *document)
{
  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (document == NULL || SKY_IS_SCENARIO_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_source_changed), self);
      g_signal_connect_swapped (document, "notify::file", G_CALLBACK (on_source_changed), self);
    }
  load (self, FALSE);
}

/* Whether @listing's offer is kept, at that purchase option and unit. */
gboolean
sky_candidates_contains (SkyCandidates    *self,
                         const SkyListing *listing)
{
  guint n;

  g_return_val_if_fail (SKY_IS_CANDIDATES (self), FALSE);
  g_return_val_if_fail (listing != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const SkyListing *c = sky_listing_item_get_listing (item);

      if (c->offer_id == listing->offer_id && g_strcmp0 (c->term, listing->term) == 0 &&
          g_strcmp0 (c->unit, listing->unit) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Keeps copies of @listings (SkyListing) at once: one step of undo. */
void
sky_candidates_add (SkyCandidates *self,
                    GPtrArray     *listings)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (listings != NULL);

  for (guint i = 0; i < listings->len; i++)
    {
      const SkyListing *l = g_ptr_array_index (listings, i);
      SkyListing *successor = NULL;

      /* Kept from a sheet not current for its service, it offers the current one's price. */
      if (self->catalog != NULL)
        {
          g_autoptr(SkyKeptOffer) k = sky_kept_offer_new_for_listing (l);

          sky_kept_offer_find (self->catalog, k, NULL, &successor, NULL);
        }
      g_ptr_array_add (items, new_item (sky_listing_copy (l), NULL, successor));
    }
  if (items->len > 0)
    g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                         items->pdata, items->len);
}

/* How many kept offers a newer sheet has a price for. */
guint
sky_candidates_get_n_superseded (SkyCandidates *self)
{
  g_return_val_if_fail (SKY_IS_CANDIDATES (self), 0);
  return self->n_superseded;
}

/* @item's successor in place of @item, in @store; FALSE when it has none. */
static gboolean
take_successor (SkyCandidates  *self,
                SkyListingItem *item)
{
  const SkyListing *successor = item_successor (item);
  SkyListingItem *replacement;
  guint position;

  if (successor == NULL)
    return FALSE;
  /* Kept already at the newer price: this one goes. */
  if (sky_candidates_contains (self, successor))
    {
      sky_candidates_remove (self, item);
      return TRUE;
    }
  replacement = new_item (sky_listing_copy (successor), NULL, NULL);
  if (g_list_store_find (self->items, item, &position))
    g_list_store_splice (self->items, position, 1, (gpointer *) &replacement, 1);
  else if (g_list_store_find (self->gone, item, &position))
    {
      g_list_store_remove (self->gone, position);
      g_list_store_append (self->items, replacement);
    }
  g_object_unref (replacement);
  return TRUE;
}

/* Keeps the newer sheet's price of @item instead of its own: one step of undo. */
void
sky_candidates_use_successor (SkyCandidates  *self,
                              SkyListingItem *item)
{
  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (SKY_IS_LISTING_ITEM (item));

  self->updating++;
  take_successor (self, item);
  self->updating--;
  write_kept (self);
}

/* The newer sheets' prices of every kept offer that has one: one step of undo. */
void
sky_candidates_use_all_successors (SkyCandidates *self)
{
  g_autoptr(GPtrArray) superseded = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_if_fail (SKY_IS_CANDIDATES (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      SkyListingItem *item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_ptr_array_add (superseded, item);
    }
  self->updating++;
  for (guint i = 0; i < superseded->len; i++)
    take_successor (self, g_ptr_array_index (superseded, i));
  self->updating--;
  write_kept (self);
}

/* Forgets @item, kept or gone: one step of undo. */
void
sky_candidates_remove (SkyCandidates  *self,
                       SkyListingItem *item)
{
  guint position;

  g_return_if_fail (SKY_IS_CANDIDATES (self));
  g_return_if_fail (SKY_IS_LISTING_ITEM (item));

  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);
  else if (g_list_store_find (self->gone, item, &position))
    g_list_store_remove (self->gone, position);
}

/* The kept offers the catalog no longer has, as "SKU (region), …"; NULL when there are
 * none. */
char *
sky_candidates_describe_gone (SkyCandidates *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (SKY_IS_CANDIDATES (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->gone));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SkyListingItem) item = g_list_model_get_item (G_LIST_MODEL (self->gone), i);
      const SkyKeptOffer *k = item_kept (item);

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", k->sku, k->region);
    }
  return n > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The list's rows ----------------------------------------------------------------------------- */

static void
remove_clicked_cb (GtkButton     *button,
                   SkyCandidates *self)
{
  sky_candidates_remove (self, g_object_get_data (G_OBJECT (button), "item"));
}

static void
use_clicked_cb (GtkButton     *button,
                SkyCandidates *self)
{
  sky_candidates_use_successor (self, g_object_get_data (G_OBJECT (button), "item"));
}

static GtkWidget *
row_button (SkyCandidates  *self,
            SkyListingItem *item,
            GtkWidget      *button,
            const char     *tooltip,
            GCallback       callback)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* A row of the list of candidates for @item, whose price reads @price: its provider, region
 * and purchase option under its name; whether a newer sheet has a price for it, with a button
 * that takes that price; whether the catalog no longer has it; a button that removes it. */
GtkWidget *
sky_candidates_create_row (SkyCandidates  *self,
                           SkyListingItem *item,
                           const char     *price)
{
  const SkyListing *l = sky_listing_item_get_listing (item);
  const SkyKeptOffer *k = item_kept (item);
  const SkyListing *successor = item_successor (item);
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_return_val_if_fail (SKY_IS_CANDIDATES (self), NULL);

  if (l != NULL)
    {
      g_autofree char *region = l->region_name != NULL && *l->region_name != '\0'
                                ? g_strdup_printf ("%s (%s)", l->region_name, l->region)
                                : g_strdup (l->region);
      GtkWidget *price_label = gtk_label_new (price);

      /* Translators: a kept offer's provider, region and purchase option, under its name */
      g_string_printf (subtitle, _("%s · %s · %s"), l->provider_name, region,
                       sky_term_title (l->term));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), l->name);
      gtk_widget_add_css_class (price_label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (price_label), 1.0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), price_label);
    }
  else
    {
      /* Translators: a kept offer the catalog no longer has, under its SKU: the sheet it was
       * kept from, its region and purchase option */
      g_string_printf (subtitle, _("No longer in the catalog (sheet %s) · %s · %s"),
                       k->sheet_version, k->region, sky_term_title (k->term));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), k->sku);
    }
  if (successor != NULL)
    {
      /* Translators: a kept offer's sheet was replaced by a newer one, e.g. "Superseded by
       * 2026.3", and the button that takes the newer sheet's price, "Use 2026.3" */
      g_autofree char *note = g_strdup_printf (_("Superseded by %s"), successor->sheet_version);
      g_autofree char *use = g_strdup_printf (_("Use %s"), successor->sheet_version);
      g_autofree char *tooltip = g_strdup_printf (_("Keep the price of sheet %s instead"),
                                                  successor->sheet_version);
      GtkWidget *button = gtk_button_new_with_label (use);

      if (l != NULL)
        g_string_append_printf (subtitle, "\n%s", note);
      gtk_widget_set_name (button, "use-successor");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, item, button, tooltip,
                                             G_CALLBACK (use_clicked_cb)));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  {
    GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

    gtk_widget_set_name (remove, "remove-candidate");
    gtk_widget_add_css_class (remove, "flat");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (self, item, remove, _("Remove from Candidates"),
                                           G_CALLBACK (remove_clicked_cb)));
  }
  return row;
}

/* GObject -------------------------------------------------------------------------------------- */

static void
sky_candidates_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkyCandidates *self = SKY_CANDIDATES (object);

  switch (prop_id)
    {
    case PROP_N_SUPERSEDED:
      g_value_set_uint (value, self->n_superseded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_candidates_dispose (GObject *object)
{
  SkyCandidates *self = SKY_CANDIDATES (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sky_candidates_parent_class)->dispose (object);
}

static void
sky_candidates_finalize (GObject *object)
{
  SkyCandidates *self = SKY_CANDIDATES (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->items);
  g_clear_object (&self->gone);
  g_clear_pointer (&self->kept, g_ptr_array_unref);

  G_OBJECT_CLASS (sky_candidates_parent_class)->finalize (object);
}

static void
sky_candidates_class_init (SkyCandidatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sky_candidates_get_property;
  object_class->dispose = sky_candidates_dispose;
  object_class->finalize = sky_candidates_finalize;

  /* How many kept offers a newer sheet has a price for. */
  properties[PROP_N_SUPERSEDED] =
    g_param_spec_uint ("n-superseded", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sky_candidates_init (SkyCandidates *self)
{
  GListStore *both = g_list_store_new (G_TYPE_LIST_MODEL);

  self->items = g_list_store_new (SKY_TYPE_LISTING_ITEM);
  self->gone = g_list_store_new (SKY_TYPE_LISTING_ITEM);
  g_list_store_append (both, self->items);
  g_list_store_append (both, self->gone);
  self->rows = gtk_flatten_list_model_new (G_LIST_MODEL (both));
  self->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect_swapped (self->gone, "items-changed", G_CALLBACK (on_store_changed), self);
}

SkyCandidates *
sky_candidates_new (void)
{
  return g_object_new (SKY_TYPE_CANDIDATES, NULL);
}
