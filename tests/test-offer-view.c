/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

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

/* A price's monthly cap, and the bands of its usage discount, are shown with it. */
static void
test_price_rules (void)
{
  SkyOfferView *view = g_object_ref_sink (g_object_new (SKY_TYPE_OFFER_VIEW, NULL));
  g_autoptr(SkyOfferDetails) d = g_new0 (SkyOfferDetails, 1);
  g_autoptr(GString) rows = g_string_new (NULL);
  SkyOfferPrice *capped = price_new ("on-demand", 357100000);
  SkyOfferPrice *discounted = price_new ("spot", 1942360000);
  static const char *bands[][3] = { { "0", "50", "0" }, { "50", "100", "20" } };

  d->name = g_strdup ("vm");
  d->sku = g_strdup ("vm.us");
  d->region = g_strdup ("us");
  d->region_name = g_strdup ("US");
  d->geography = g_strdup ("US");
  d->currency = g_strdup ("USD");
  d->vcpu_milli = d->memory_mgib = d->gpu = -1;
  d->features = g_ptr_array_new_with_free_func (g_free);
  d->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_price_free);
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
  g_assert_nonnull (strstr (rows->str, "0.03571 USD/hour\nat most 24 USD a month each\n"));
  g_assert_nonnull (strstr (rows->str, "0.194236 USD/hour\nusage discount n2: 0–50 % of the "
                                       "month 0 % off, 50–100 % of the month 20 % off\n"));
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

  status = g_test_run ();
  sky_test_remove_tree (data_home);
  return status;
}
