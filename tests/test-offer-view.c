/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sky-gui-util.h"
#include "sky-offer-view.h"
#include "sky-sheet-reader.h"
#include "skytally-resources.h"
#include "sky-test-util.h"
#include "sky-window-test-util.h"

/* The details of one offer as the catalog page shows them: each price with what bills it. */

/* Every row's title and subtitle under @widget, "title: subtitle" a line each. */
static void
collect_rows (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s: %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
}

static SkyOfferPrice *
price_new (const char *term,
           gint64      amount)
{
  SkyOfferPrice *price = g_new0 (SkyOfferPrice, 1);

  price->term = g_strdup (term);
  price->unit = g_strdup ("hour");
  price->amount = amount;
  price->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_tier_free);
  return price;
}

/* An offer "vm" in region "us", of no size and no price yet. */
static SkyOfferDetails *
details_new (void)
{
  SkyOfferDetails *d = g_new0 (SkyOfferDetails, 1);

  d->name = g_strdup ("vm");
  d->sku = g_strdup ("vm.us");
  d->region = g_strdup ("us");
  d->region_name = g_strdup ("US");
  d->geography = g_strdup ("US");
  d->currency = g_strdup ("USD");
  d->vcpu_milli = d->memory_mgib = d->gpu = -1;
  d->features = g_ptr_array_new_with_free_func (g_free);
  d->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_price_free);
  return d;
}

/* A price's monthly cap, and the bands of its usage discount, are shown with it. */
static void
test_price_rules (void)
{
  SkyOfferView *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  g_autoptr(SkyOfferDetails) d = details_new ();
  g_autoptr(GString) rows = g_string_new (NULL);
  SkyOfferPrice *capped = price_new ("on-demand", 357100000);
  SkyOfferPrice *discounted = price_new ("spot", 1942360000);
  static const char *bands[][3] = { { "0", "50", "0" }, { "50", "100", "20" } };

  capped->has_monthly_cap = TRUE;
  capped->monthly_cap = G_GINT64_CONSTANT (240000000000);
  g_ptr_array_add (d->prices, capped);
  discounted->usage_discount = g_strdup ("n2");
  discounted->usage_bands = g_array_new (FALSE, TRUE, sizeof (SkySheetBand));
  for (gsize i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      SkySheetBand band;

      g_assert_true (sky_decimal_parse (bands[i][0], 4, FALSE, &band.from, NULL));
      g_assert_true (sky_decimal_parse (bands[i][1], 4, FALSE, &band.to, NULL));
      g_assert_true (sky_decimal_parse (bands[i][2], 4, FALSE, &band.percent, NULL));
      g_array_append_val (discounted->usage_bands, band);
    }
  g_ptr_array_add (d->prices, discounted);

  sky_offer_view_show (view, d);
  collect_rows (GTK_WIDGET (view), rows);
  g_assert_nonnull (strstr (rows->str, "0.03571 USD/Hour\nat most 24.00 USD a month each\n"));
  g_assert_nonnull (strstr (rows->str, "0.194236 USD/Hour\nusage discount n2: 0–50 % of the "
                                       "month 0 % off, 50–100 % of the month 20 % off\n"));
  g_assert_finalize_object (view);
}

/* The offer's page is in the view's stack once an offer is first shown, not before, and is
 * the same page from then on. */
static void
test_offer_page_when_shown (void)
{
  SkyOfferView *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                              SKY_TYPE_OFFER_VIEW, "stack"));
  g_autoptr(SkyOfferDetails) d = details_new ();
  g_autoptr(GString) rows = g_string_new (NULL);
  GtkWidget *page;

  g_ptr_array_add (d->prices, price_new ("on-demand", 357100000));

  g_assert_null (gtk_stack_get_child_by_name (stack, "offer"));
  g_assert_null (offer_groups (GTK_WIDGET (view)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  sky_offer_view_show (view, NULL);
  g_assert_null (gtk_stack_get_child_by_name (stack, "offer"));

  sky_offer_view_show (view, d);
  page = gtk_stack_get_child_by_name (stack, "offer");
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "offer");
  collect_rows (offer_groups (GTK_WIDGET (view)), rows);
  g_assert_nonnull (strstr (rows->str, "0.03571 USD/Hour"));
  sky_offer_view_show (view, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  g_assert_null (gtk_widget_get_first_child (offer_groups (GTK_WIDGET (view))));
  sky_offer_view_show (view, d);
  g_assert_true (gtk_stack_get_child_by_name (stack, "offer") == page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "offer");
  g_assert_finalize_object (view);
}

/* The image showing @icon_name under @widget, or NULL. */
static gboolean
is_icon (GtkWidget     *widget,
         gconstpointer  icon_name)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon_name) == 0;
}

static GtkWidget *
find_icon (GtkWidget  *widget,
           const char *icon_name)
{
  return first_matching (widget, is_icon, icon_name);
}

/* The sheet's date and how old its prices are; marked with an icon past the view's
 * stale-after-days (90 by default), not past 365: as of 2026-01-01, 151 days on 2026-06-01. */
static void
test_freshness (void)
{
  SkyOfferView *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  g_autoptr(SkyOfferDetails) d = details_new ();
  g_autoptr(GString) rows = g_string_new (NULL);
  GtkWidget *icon;
  guint days = 0;

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  d->provider_name = g_strdup ("Example Cloud");
  d->sheet_version = g_strdup ("2026.1");
  d->effective_date = g_strdup ("2026-01-01");

  g_object_get (view, "stale-after-days", &days, NULL);
  g_assert_cmpuint (days, ==, 90);
  sky_offer_view_show (view, d);
  collect_rows (GTK_WIDGET (view), rows);
  g_assert_nonnull (strstr (rows->str, "Sheet: Example Cloud 2026.1\n"
                                       "Prices: Prices as of 2026-01-01 (5 months old)\n"));
  icon = find_icon (GTK_WIDGET (view), "dialog-warning-symbolic");
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                   "Older than 90 days: look for a newer price sheet");

  g_object_set (view, "stale-after-days", 365, NULL);
  sky_offer_view_show (view, d);
  g_assert_null (find_icon (GTK_WIDGET (view), "dialog-warning-symbolic"));
  g_unsetenv ("SKYTALLY_TODAY");
  g_assert_finalize_object (view);
}

static SkyOfferDetails *
details_of (const char *provider,
            const char *service,
            const char *sla)
{
  SkyOfferDetails *d = details_new ();

  d->provider = g_strdup (provider);
  d->service = g_strdup (service);
  d->sla = g_strdup (sla);
  return d;
}

/* The SLA of each deployment the offer can have, from the bundled data/sla.xml (the tests'
 * SKYTALLY_SLA_FILE): EC2 is 99.5 % an instance and 99.99 % across zones, each with what it
 * asks and its source in the tooltip; the sheet's figure is marked as a single instance's. An
 * offer the table is silent on shows the sheet's figure as a single instance's. */
static void
test_deployment_slas (void)
{
  SkyOfferView *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  g_autoptr(SkyOfferDetails) ec2 = details_of ("aws", "ec2", "99.5");
  g_autoptr(SkyOfferDetails) other = details_of ("examplecloud", "vm", "99.9");
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GString) other_rows = g_string_new (NULL);
  g_autofree char *slas = NULL;

  sky_offer_view_show (view, ec2);
  collect_rows (GTK_WIDGET (view), rows);
  g_test_message ("%s", rows->str);
  g_assert_nonnull (strstr (rows->str, "SLA: 99.5 % as a single instance\n"));
  g_assert_nonnull (strstr (rows->str, "Single instance: 99.5 %: Instance-level: each instance "
                                       "by itself\n"));
  g_assert_nonnull (strstr (rows->str, "Across zones: 99.99 %: Region-level: instances running "
                                       "in two or more Availability Zones of one region\n"));
  g_assert_null (strstr (rows->str, "With a standby"));
  slas = sky_offer_view_describe_slas (ec2);
  g_assert_cmpstr (slas, ==, "Single instance: 99.5 %\nAcross zones: 99.99 %");

  sky_offer_view_show (view, other);
  collect_rows (GTK_WIDGET (view), other_rows);
  g_assert_nonnull (strstr (other_rows->str,
                            "Single instance: 99.9 %, as the price sheet says\n"));
  g_assert_null (strstr (other_rows->str, "Across zones"));
  g_assert_finalize_object (view);
}

/* The status page an offer view shows before an offer, as the page that measures its width once
 * for any height (sky_gui_util_measure_status_page_width_once()), beside a plain AdwStatusPage
 * with the same text: each in a window of its own. */
static GtkWidget *
status_page_in_window (gboolean once)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *window = gtk_window_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), "No Offer Selected");
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   "Select a row to see every attribute and price of its offer");
  gtk_widget_add_css_class (page, "compact");
  if (once)
    sky_gui_util_measure_status_page_width_once (ADW_STATUS_PAGE (page));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  return page;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return first_matching (widget, is_label, text);
}

/* The boxes of a status page measure their width once for any height: given a height, the
 * page's content asks for the width it asks for at any height, and the page lays out and draws
 * its title and description where a plain status page does, at every size. */
static void
test_status_page_width_once (void)
{
  static const struct { int width, height; } sizes[] = {
    { 319, 519 }, { 280, 300 }, { 600, 760 }, { 180, 120 },
  };
  GtkWidget *plain = status_page_in_window (FALSE);
  GtkWidget *once = status_page_in_window (TRUE);
  const char *texts[] = { "No Offer Selected",
                          "Select a row to see every attribute and price of its offer" };
  GtkWidget *box = gtk_widget_get_parent (find_label (once, texts[0]));
  int any_min, any_nat, min, nat;

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &any_min, &any_nat, NULL, NULL);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, 40, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, any_min);
  g_assert_cmpint (nat, ==, any_nat);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      for (guint o = 0; o < 2; o++)
        {
          int for_size = o == GTK_ORIENTATION_HORIZONTAL ? -1 : sizes[i].width;
          int plain_min, plain_nat;

          gtk_widget_measure (plain, o, for_size, &plain_min, &plain_nat, NULL, NULL);
          gtk_widget_measure (once, o, for_size, &min, &nat, NULL, NULL);
          g_assert_cmpint (min, ==, plain_min);
          g_assert_cmpint (nat, ==, plain_nat);
        }
      gtk_widget_allocate (plain, sizes[i].width, sizes[i].height, -1, NULL);
      gtk_widget_allocate (once, sizes[i].width, sizes[i].height, -1, NULL);
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          graphene_rect_t plain_bounds, once_bounds;

          g_assert_true (gtk_widget_compute_bounds (find_label (plain, texts[t]), plain,
                                                    &plain_bounds));
          g_assert_true (gtk_widget_compute_bounds (find_label (once, texts[t]), once,
                                                    &once_bounds));
          g_assert_true (graphene_rect_equal (&once_bounds, &plain_bounds));
        }
    }
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (plain)));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (once)));
}

/* The page an offer view shows before an offer is such a status page. */
static void
test_status_page_in_view (void)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  GtkWidget *label = find_label (view, "No Offer Selected");
  GtkWidget *box;
  int any_min, any_nat, min, nat;

  g_assert_nonnull (label);
  box = gtk_widget_get_parent (label);
  g_assert_true (GTK_IS_CUSTOM_LAYOUT (gtk_widget_get_layout_manager (box)));
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &any_min, &any_nat, NULL, NULL);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, 40, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, any_min);
  g_assert_cmpint (nat, ==, any_nat);
  g_assert_finalize_object (view);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = window_test_init (&argc, &argv);
  int status;

  if (data_home == NULL)
    return 0;
  adw_init ();
  skytally_register_resource ();

  g_test_add_func ("/sky/offer-view/price-rules", test_price_rules);
  g_test_add_func ("/sky/offer-view/offer-page-when-shown", test_offer_page_when_shown);
  g_test_add_func ("/sky/offer-view/freshness", test_freshness);
  g_test_add_func ("/sky/offer-view/deployment-slas", test_deployment_slas);
  g_test_add_func ("/sky/offer-view/status-page-width-once", test_status_page_width_once);
  g_test_add_func ("/sky/offer-view/status-page-in-view", test_status_page_in_view);

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
