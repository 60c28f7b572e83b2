/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-application.h"
#include "sky-catalog.h"
#include "sky-catalog-page.h"
#include "sky-listing-item.h"
#include "sky-offer-view.h"
#include "sky-opening-window.h"
#include "sky-preferences-window.h"
#include "sky-price-sheets-window.h"
#include "sky-recovery.h"
#include "sky-line-dialog.h"
#include "sky-scenario-document.h"
#include "sky-scenario-page.h"
#include "sky-summary-cards.h"
#include "sky-tradeoffs-page.h"
#include "sky-compare-page.h"
#include "sky-budget-page.h"
#include "sky-export-dialog.h"
#include "sky-test-util.h"
#include "sky-thread-task.h"
#include "sky-window-private.h"

G_BEGIN_DECLS

typedef struct
{
  char           *dir;
  SkyApplication *app;
  SkyCatalog     *catalog;
  SkyWindow      *window;
} Fixture;

#define ADD(name, func) \
  g_test_add ("/sky/window/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

typedef gboolean (*WidgetMatches) (GtkWidget     *widget,
                                   gconstpointer  data);

typedef void (*WindowTestFunc) (Fixture       *f,
                                gconstpointer  data);

char *window_test_init (int    *argc,
                        char ***argv);
int window_test_main (int          argc,
                      char       **argv,
                      const char  *first_name,
                      ...) G_GNUC_NULL_TERMINATED;
SkyApplication *new_app (GApplicationFlags flags);
void fixture_setup (Fixture       *f,
                    gconstpointer  data);
void fixture_teardown (Fixture       *f,
                       gconstpointer  data);
void wait_until_idle (Fixture *f);
const char *summary (Fixture *f);
GtkWindow *find_toplevel (GType type);
gboolean wait_until (gboolean (*done) (gpointer data),
                     gpointer   data,
                     guint      seconds);
GtkWidget *offer_groups (GtkWidget *offer_view);
SkyScenarioDocument *document_of (SkyScenarioPage *page);
const SkyScenario *shown_scenario (SkyScenarioPage *page);
const SkyEstimate *shown_estimate (SkyScenarioPage *page);
void wait_for_result (GAsyncResult **result);
void open_scenario (SkyScenarioPage *page,
                    GFile           *file);
gboolean save_scenario (SkyScenarioPage  *page,
                        GFile            *file,
                        GError          **error);
GtkWidget *first_matching (GtkWidget     *widget,
                            WidgetMatches  matches,
                            gconstpointer  data);
gboolean is_hidden (gpointer widget);
gboolean is_mapped (gpointer widget);
void assert_menu_made_when_opened (GtkMenuButton *button,
                                   GMenuModel    *menu);
gboolean has_toplevel (gpointer type);
gboolean lacks_toplevel (gpointer type);
void import_fixture (Fixture    *f,
                     const char *first,
                     ...);
SkyCatalogPage *catalog_page (Fixture *f);
GObject *page_child (Fixture    *f,
                     const char *name);
void set_search_text (Fixture    *f,
                      const char *text);
void wait_for_count (Fixture *f,
                     guint    expected);
const char *first_sku (Fixture         *f,
                       SkyListingModel *model);
SkyScenarioPage *scenario_page (Fixture *f);
GObject *scenario_child (Fixture    *f,
                         const char *name);
gboolean run_while_busy (gpointer first,
                         ...) G_GNUC_NULL_TERMINATED;
void wait_for_estimate (Fixture *f);
void show_page (Fixture    *f,
                const char *name);
void wait_for_cards (SkySummaryCards *cards);
GtkWidget *named (GtkWidget  *widget,
                  const char *name);
SkySummaryCards *cards_in (GtkWidget *widget);
GFile *data_gfile (const char *name);
const char *money_of (const SkyEstimate *e,
                      guint              provider,
                      guint              line);
void keep_candidate (Fixture    *f,
                     const char *sku);
void wait_for_projection (SkyBudgetPage *page);
GtkWidget *budget_child (SkyBudgetPage *page,
                         const char    *name);
void wait_for_page (SkyWindow *window);
void open_modified (SkyWindow       *window,
                    SkyScenarioPage *page,
                    GFile           *file,
                    const char      *original);

void wait_for_rows (Fixture *f);
GtkWidget *find_cell_from (GtkWidget *root,
                           GType      type,
                           guint      index,
                           guint     *nth);
SkyExportDialog *open_export_dialog (Fixture *f);
GtkWidget *export_child (SkyExportDialog *dialog,
                         const char      *name);
void export_and_wait (SkyExportDialog *dialog,
                      GFile           *file,
                      GFile           *assumptions);

G_END_DECLS
