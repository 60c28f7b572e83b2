/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window tests of how figures and words read: money in the reader's locale, vocabulary by
 * its titles. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sky-currency.h"
#include "sky-window-test-util.h"

static const char *
cell_text (GtkWidget *root,
           GType      type,
           guint      index,
           guint      nth)
{
  GtkWidget *cell = find_cell_from (root, type, index, &nth);

  g_assert_nonnull (cell);
  return GTK_IS_LABEL (cell) ? gtk_label_get_label (GTK_LABEL (cell))
                             : gtk_editable_get_text (GTK_EDITABLE (cell));
}

/* A plain figure in US dollars as a German reader reads it, worked out here on its own:
 * "4700.60" is "4.700,60 $". */
static char *
german_usd (const char *plain)
{
  const char *point = strchr (plain, '.');
  gsize whole = point != NULL ? (gsize) (point - plain) : strlen (plain);
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, plain[i]);
    }
  if (point != NULL)
    g_string_append_printf (s, ",%s", point + 1);
  g_string_append (s, " $");
  return g_string_free (s, FALSE);
}

/* Every text shown under @widget, one a line: labels, text fields and rows' subtitles. */
static void
append_texts (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    append_texts (c, out);
}

/* The row titled @title under @widget. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_row (c, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The line details' explanation of the line selected, on the provider @provider_name, after
 * selecting row @index of the Scenario page's table. */
static const char *
details_explanation (Fixture    *f,
                     guint       index,
                     const char *provider_name)
{
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  GtkWidget *details = GTK_WIDGET (scenario_child (f, "details_box"));
  AdwActionRow *row = NULL;

  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), index,
                                   TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (GtkWidget *c = gtk_widget_get_first_child (details); c != NULL && row == NULL;
       c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_PREFERENCES_GROUP (c) &&
        g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (c)),
                   provider_name) == 0)
      row = find_row (c, "How It Is Computed");
  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (row);
}

/* The tooltip of the figure of provider column @column (from 0) in row @index. */
static const char *
figure_tooltip (Fixture *f,
                guint    index,
                guint    column)
{
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  guint nth = 2 + column;
  GtkWidget *cell = find_cell_from (view, GTK_TYPE_LABEL, index, &nth);

  g_assert_nonnull (cell);
  return gtk_widget_get_tooltip_text (cell);
}

/* Under a German locale the Scenario page shows its figures as Germans write them, with the
 * dollar's symbol after them, in the table and in the explanations of its lines; the CSV for
 * finance of the same scenario keeps plain numbers. */
static void
test_figures_german (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  g_autofree char *csv_path = g_build_filename (f->dir, "months.csv", NULL);
  g_autofree char *assumptions_path = g_build_filename (f->dir, "months.assumptions.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) assumptions = g_file_new_for_path (assumptions_path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line_plain = NULL;
  const SkyEstimate *e;
  const SkyEstimateProvider *p;
  guint n_lines;
  gboolean found = FALSE;

  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (page, file);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "scenario");
  wait_for_rows (f);
  e = shown_estimate (page);
  p = g_ptr_array_index (e->providers, 0);
  n_lines = shown_scenario (page)->lines->len;

  /* The first line on Example Cloud: 3 × 730 × 0.096 = 210.24. */
  line_plain = g_strdup (money_of (e, 0, 0));
  g_assert_cmpstr (line_plain, ==, "210.24");
  g_assert_cmpstr (cell_text (view, GTK_TYPE_LABEL, 0, 2), ==, "210,24 $");
  /* The first year's total, in the thousands: grouped with points. */
  {
    g_autofree char *plain = sky_estimate_money (e, p->yearly);
    g_autofree char *german = german_usd (plain);

    g_assert_cmpint (strlen (plain), >, 7);
    g_assert_cmpstr (cell_text (view, GTK_TYPE_LABEL, n_lines + 2, 2), ==, german);
  }

  /* The line details and the figure's tooltip explain it with German figures and the units'
   * titles: the egress's 15,000 GB less 100 free, 10,240 at 0.09 and 4,660 at 0.085; Other
   * Cloud's servers in euros, 10 % off, at 1.1 dollars a euro. Every figure of the arithmetic
   * as the table shows money. */
  {
    static const char egress[] = "From Example Cloud 2026.1: 1 × 15.000 GB, 100 GB a month free "
                                 "= 10.240 GB × 0,09 $/GB + 4.660 GB × 0,085 $/GB = 1.317,70 $";
    static const char euros[] = "From Other Cloud 7: 3 × 730 Hour × 0,20 €/Hour = 438,00 € − "
                                "10 % = 394,20 € × 1,1 USD/EUR (2026-11-01) = 433,62 $";

    g_assert_cmpstr (details_explanation (f, 1, p->provider_name), ==, egress);
    g_assert_cmpstr (figure_tooltip (f, 1, 0), ==, egress);
    g_assert_cmpstr (details_explanation (f, 0, "Other Cloud"), ==, euros);
    g_assert_cmpstr (figure_tooltip (f, 0, 1), ==, euros);
  }

  /* The CSV for finance: plain numbers, a point before the cents, the currency in its own
   * column. */
  {
    SkyExportDialog *dialog = open_export_dialog (f);

    sky_export_dialog_select_format (dialog, SKY_EXPORT_CSV);
    adw_combo_row_set_selected (ADW_COMBO_ROW (export_child (dialog, "delimiter_row")), 0);
    gtk_switch_set_active (GTK_SWITCH (export_child (dialog, "bom_switch")), FALSE);
    export_and_wait (dialog, csv, assumptions);
  }
  g_file_get_contents (csv_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (text, '$'));
  rows = sky_test_parse_csv (text, ',', &error);
  g_assert_no_error (error);
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      g_assert_cmpstr (row[7], ==, "USD");
      if (g_strcmp0 (row[0], "examplecloud") == 0 && g_strcmp0 (row[4], "line") == 0 &&
          g_strcmp0 (row[6], "API servers") == 0)
        {
          g_assert_cmpstr (row[8], ==, line_plain);
          found = TRUE;
        }
      /* Every figure as files write them: the months and the total, before the line's own
       * columns (SKU, purchase option, unit price, unit, reason). */
      for (guint c = 8; c + 5 < g_strv_length (row); c++)
        g_assert_true (*row[c] == '\0' ||
                       g_regex_match_simple ("^-?[0-9]+\\.[0-9]{2}$", row[c], 0, 0));
    }
  g_assert_true (found);

  setlocale (LC_ALL, "");
}

/* The window names units and operating systems by their titles, in the table, the line
 * details' explanation, the line editor and the offer's details, never by the ids files
 * write. */
static void
test_figures_titles (Fixture       *f,
                     gconstpointer  data)
{
  static const char scenario_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Titles\" currency=\"USD\" "
    "hours-per-month=\"730\">\n"
    "  <providers>\n"
    "    <provider id=\"titlecloud\"/>\n"
    "  </providers>\n"
    "  <line label=\"Memory\" quantity=\"1\" usage=\"5840\" unit=\"gib-hour\" "
    "term=\"on-demand\">\n"
    "    <requirement category=\"compute\" os=\"rhel\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autofree char *path = g_build_filename (f->dir, "titles.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) shown = g_string_new (NULL);
  SkyScenarioPage *page = scenario_page (f);
  GtkWidget *view = GTK_WIDGET (scenario_child (f, "lines_view"));
  SkyLineDialog *dialog;
  g_autoptr(GError) error = NULL;

  import_fixture (f, "titles-small.xml", NULL);
  g_file_set_contents (path, scenario_text, -1, &error);
  g_assert_no_error (error);
  open_scenario (page, file);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "scenario");
  wait_for_rows (f);
  /* 5840 GiB-hours × 0.004 = 23.36. */
  g_assert_cmpstr (money_of (shown_estimate (page), 0, 0), ==, "23.36");

  /* The table: the usage's unit by its title. */
  g_assert_cmpstr (cell_text (view, GTK_TYPE_TEXT, 0, 1), ==, "5840 GiB-hour");

  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 0, TRUE);
  append_texts (view, shown);

  /* The line details explain the figure with the unit's title, its price per GiB-hour. */
  {
    static const char why[] = "From Title Cloud 2026.1: 1 × 5840 GiB-hour × 0.004 "
                              "USD/GiB-hour = 23.36 USD";

    g_assert_cmpstr (details_explanation (f, 0, "Title Cloud"), ==, why);
    g_assert_cmpstr (figure_tooltip (f, 0, 0), ==, why);
    append_texts (GTK_WIDGET (scenario_child (f, "details_box")), shown);
  }

  /* The line editor: the unit and the operating system chosen by their titles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.edit-line", NULL));
  dialog = SKY_LINE_DIALOG (find_toplevel (SKY_TYPE_LINE_DIALOG));
  g_assert_nonnull (dialog);
  {
    AdwComboRow *unit = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      SKY_TYPE_LINE_DIALOG,
                                                                      "unit_row"));
    AdwComboRow *os = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                    SKY_TYPE_LINE_DIALOG,
                                                                    "os_row"));

    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (unit)), ==,
                     "GiB-hour");
    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (os)), ==,
                     "Red Hat Enterprise Linux");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The catalog's row and the offer's details: its operating system and unit by their
   * titles. */
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "catalog");
  set_search_text (f, "ent-2");
  wait_for_count (f, 1);
  {
    GtkSelectionModel *selection =
      gtk_column_view_get_model (GTK_COLUMN_VIEW (page_child (f, "column_view")));
    gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    g_autoptr(GString) catalog_texts = g_string_new (NULL);

    /* Until the row and the offer's details are drawn (slow on a busy machine). */
    do
      {
        g_main_context_iteration (NULL, FALSE);
        if (g_list_model_get_n_items (G_LIST_MODEL (selection)) > 0)
          gtk_selection_model_select_item (selection, 0, TRUE);
        g_string_truncate (catalog_texts, 0);
        append_texts (GTK_WIDGET (catalog_page (f)), catalog_texts);
      }
    while (strstr (catalog_texts->str, "/Hour") == NULL && g_get_monotonic_time () < until);
    g_string_append (shown, catalog_texts->str);
  }

  g_test_message ("%s", shown->str);
  g_assert_nonnull (strstr (shown->str, "Red Hat Enterprise Linux"));
  g_assert_nonnull (strstr (shown->str, "5840 GiB-hour"));
  g_assert_nonnull (strstr (shown->str, "/Hour"));
  g_assert_null (strstr (shown->str, "gib-hour"));
  g_assert_null (strstr (shown->str, "rhel"));
  g_assert_null (strstr (shown->str, "/hour"));
}

/* The Compare page shows its offers' words by their titles and their prices as money. */
static void
test_figures_compare (Fixture       *f,
                      gconstpointer  data)
{
  SkyComparePage *page = SKY_COMPARE_PAGE (_sky_window_get_page (f->window, "compare"));
  GtkWidget *matrix = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                 SKY_TYPE_COMPARE_PAGE,
                                                                 "matrix"));
  g_autoptr(GString) shown = g_string_new (NULL);
  gint64 until;

  import_fixture (f, "valid-small.xml", NULL);
  keep_candidate (f, "std-2-us");
  keep_candidate (f, "cpu-8");
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), SKY_TYPE_WINDOW,
                                                   "view_stack")), "compare");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.compare-candidates", NULL));
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((sky_compare_page_get_busy (page) || sky_compare_page_get_comparison (page) == NULL) &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sky_compare_page_get_comparison (page));
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  append_texts (matrix, shown);
  g_test_message ("%s", shown->str);
  g_assert_nonnull (strstr (shown->str, "\nLinux\n"));
  g_assert_nonnull (strstr (shown->str, "\nWindows\n"));
  g_assert_nonnull (strstr (shown->str, "\nHour\n"));
  /* std-2's price on demand, in the C locale's plain form. */
  g_assert_nonnull (strstr (shown->str, "0.096 USD"));
  g_assert_null (strstr (shown->str, "\nlinux\n"));
  g_assert_null (strstr (shown->str, "\nwindows\n"));
  g_assert_null (strstr (shown->str, "USD/hour"));
}

/* @text without its mnemonic's underline. */
static char *
without_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* In German, with the build's translations (SKYTALLY_LOCALEDIR), as the application binds them:
 * the window's pages are titled in German, and its figures are written as Germans write them.
 * The window is made again once the translations are bound, as a German user's is. */
static void
test_figures_german_translated (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = data_gfile ("web.skytally");
  const char *localedir = g_getenv ("SKYTALLY_LOCALEDIR");
  g_autofree char *mo = NULL;
  g_autofree char *title = NULL;
  AdwViewStack *stack;
  GtkWidget *view;

  g_assert_nonnull (localedir);
  mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s is not built", mo);

      g_test_skip (message);
      return;
    }
  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  f->window = g_object_ref_sink (sky_window_new (f->app, f->catalog));
  gtk_window_present (GTK_WINDOW (f->window));

  import_fixture (f, "valid-small.xml", "other-small.xml", NULL);
  open_scenario (scenario_page (f), file);
  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                         SKY_TYPE_WINDOW, "view_stack"));
  adw_view_stack_set_visible_child_name (stack, "scenario");
  wait_for_rows (f);

  title = without_mnemonic (adw_view_stack_page_get_title (
    adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "scenario"))));
  g_assert_cmpstr (title, ==, "Szenario");
  /* The egress on Example Cloud: 10,240 GB × 0.09 + 4,660 GB × 0.085 = 1,317.70 dollars. */
  view = GTK_WIDGET (scenario_child (f, "lines_view"));
  g_assert_cmpstr (cell_text (view, GTK_TYPE_LABEL, 1, 2), ==, "1.317,70 $");

  /* The next tests read the environment's locale, untranslated. */
  setlocale (LC_ALL, "");
  textdomain ("messages");
}

int
main (int    argc,
      char **argv)
{
  return window_test_main (argc, argv,
                           "figures-german", test_figures_german,
                           "figures-titles", test_figures_titles,
                           "figures-compare", test_figures_compare,
                           "figures-german-translated", test_figures_german_translated,
                           NULL);
}
