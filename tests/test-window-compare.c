/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of the Compare page. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "sky-gui-util.h"
#include "sky-window-test-util.h"

static void
wait_for_comparison (SkyComparePage *page)
{
  g_assert_false (run_while_busy (page, NULL));
}

/* The Compare page: a requirement found on every provider, and the kept candidates. */
static void
test_compare_page (Fixture       *f,
                   gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (gtk_widget_get_template_child (
                           GTK_WIDGET (f->window), SKY_TYPE_WINDOW, "compare_page"));
  const SkyComparison *c;
  GtkWidget *status;

#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (page), SKY_TYPE_COMPARE_PAGE, name)
  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  status = GTK_WIDGET (CHILD ("status_label"));

  /* Compute (the first category), at least 4 vCPU, in Europe (after "Any" and US, CA, SA). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD ("category_dropdown")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (CHILD ("vcpu_spin")), 4);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD ("geography_dropdown")), 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.match", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->offers->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 0))->offer->sku, ==, "mem-4-eu");
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer->sku, ==, "o-4");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (CHILD ("stack"))), ==, "matrix");
  /* An attribute column and one per offer. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                      GTK_COLUMN_VIEW (CHILD ("matrix")))), ==, 3);
  /* Headed by the provider's short name and the offer's; the provider's name on hover. */
  {
    GtkColumnView *matrix = GTK_COLUMN_VIEW (CHILD ("matrix"));
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (
                                              gtk_column_view_get_columns (matrix), 2);
    const SkyOfferDetails *o = ((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer;
    g_autofree char *title = g_strdup_printf ("Other · %s", o->name);
    g_autofree char *tooltip = g_strdup_printf ("Other Cloud · %s", o->name);

    g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, title);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (sky_gui_util_column_header (matrix, column)),
                     ==, tooltip);
  }

  /* A minimum SLA no offer meets in the EU on Example Cloud: said why. */
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("sla_entry")), "99.95");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.match", NULL));
  wait_for_comparison (page);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (status)),
                            "its SLA is 99.9 %, below 99.95 %"));

  /* The kept candidates. */
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "cpu-8");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  wait_for_comparison (page);
  c = sky_compare_page_get_comparison (page);
  g_assert_cmpuint (c->offers->len, ==, 2);
  g_assert_cmpstr (((SkyMatch *) g_ptr_array_index (c->offers, 1))->offer->sku, ==,
                   "cpu-8-ap-win");
#undef CHILD
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv, "compare-page", test_compare_page, NULL);
}
