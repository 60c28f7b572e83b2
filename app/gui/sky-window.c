/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-catalog-page.h"
#include "sky-preferences-window.h"
#include "sky-price-sheets-window.h"
#include "sky-scenario-document.h"
#include "sky-scenario-page.h"
#include "sky-side-pane.h"
#include "sky-summary-cards.h"
#include "sky-switcher-title.h"
#include "sky-tradeoffs-page.h"
#include "sky-budget-page.h"
#include "sky-export-dialog.h"
#include "sky-file-reveal.h"
#include "sky-guide-window.h"
#include "sky-gui-util.h"
#include "sky-keyboard.h"
#include "sky-compare-page.h"
#include "sky-update.h"
#include "sky-window-private.h"

/* Progress of the running import, written by the worker thread and read by a timer here. */
typedef struct
{
  gint done_permille;
} Progress;

struct _SkyWindow
{
  AdwApplicationWindow parent_instance;

  SkyCatalog      *catalog;
  GSettings       *settings;
  SkyScenarioDocument *document;  /* the scenario the pages show */

  /* The files waiting to be imported, and the one being imported. */
  GQueue           queue;
  GCancellable    *cancellable;
  Progress        *progress;
  guint            progress_timer;
  gboolean         busy;

  AdwToastOverlay *toast_overlay;
  GtkRevealer     *progress_revealer;
  /* In the revealer once the window was busy (see ensure_progress()), or NULL. */
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  AdwBin          *status_slot;
  AdwStatusPage   *status_page;     /* in its slot once the catalog was seen empty, or NULL */
  char            *summary;         /* what the catalog holds, in a sentence */
  GtkStack        *content_stack;
  AdwViewStack    *view_stack;
  SkyCatalogPage  *catalog_page;
  /* The other pages, each built into its slot when first shown (see ensure_page()); NULL
   * until then. */
  AdwBin          *scenario_slot;
  AdwBin          *compare_slot;
  AdwBin          *tradeoffs_slot;
  AdwBin          *budget_slot;
  SkyScenarioPage *scenario_page;
  SkyTradeoffsPage *tradeoffs_page;
  SkyBudgetPage    *budget_page;
  SkyComparePage  *compare_page;
  SkySwitcherTitle *switcher_title;
  GtkWidget       *switcher_bar;    /* below the pages once the window was narrow, or NULL */
  AdwWindowTitle  *document_title;
  GtkToggleButton *details_toggle;
  AdwHeaderBar    *header_bar;
  GtkWidget       *import_button;
  /* The details panes, beside the tables or over them (see apply_layout()). */
  GtkPaned        *catalog_paned;
  AdwFlap         *catalog_flap;
  GtkToggleButton *catalog_details_button;
  GtkPaned        *scenario_paned;
  AdwFlap         *scenario_flap;
  GtkWidget       *scenario_pane;
  SkyLayout        layout;
  gboolean         details_asked;   /* the pane shown while the window is not wide */
  int              stepped_at;      /* the width held at which the layout was made narrower */
  guint            relayout_id;
  guint            title_id;
  gboolean         close_confirmed;
  GtkWidget       *guide;           /* the guide window, while it is open */
  GtkWidget       *question;       /* asking whether to save before the scenario goes */
  GMenu           *recent_menu;    /* a section of the primary menu, filled when it first opens */
  GMenu           *primary_menu;
  GtkMenuButton   *primary_menu_button;
  guint            release_id;     /* the catalog's count, due once the first frame is drawn */
  gboolean         drawn;          /* the first frame is */
  gboolean         document_due;   /* the document is yet to open the catalog, and the summary
                                    * to be said (see ensure_document_catalog()) */
};

G_DEFINE_FINAL_TYPE (SkyWindow, sky_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_DOCUMENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void import_next (SkyWindow *self);

/* What the window shows ----------------------------------------------------------------- */

/* Says what the catalog holds, and shows the catalog's page if it has a current sheet. Called
 * after the scenario's document was told of the catalog's last change, whose listing of the
 * sheets it takes rather than list them again (a catalog with many services takes its time). */
/* The page an empty catalog shows, made when first needed: most starts never show it. */
static AdwStatusPage *
ensure_status_page (SkyWindow *self)
{
  if (self->status_page == NULL)
    {
      self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
      adw_status_page_set_icon_name (self->status_page, APPLICATION_ID "-symbolic");
      adw_status_page_set_title (self->status_page, _("Skytally"));
      adw_bin_set_child (self->status_slot, GTK_WIDGET (self->status_page));
    }
  return self->status_page;
}

/* Keeps @text as the summary, and says it on the status page if the page is to be @shown, or
 * was made already. */
static void
set_summary (SkyWindow  *self,
             const char *text,
             gboolean    shown)
{
  g_free (self->summary);
  self->summary = g_strdup (text);
  if (shown || self->status_page != NULL)
    adw_status_page_set_description (ensure_status_page (self), text);
}

static void
update_summary (SkyWindow *self)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GPtrArray *listed = sky_scenario_document_get_sheets (self->document);
  guint64 offers = 0;
  guint current = 0;

  /* The document lists none when it could not open the catalog: listed here, the error is
   * shown. */
  sheets = listed != NULL ? g_ptr_array_ref (listed)
                          : sky_catalog_list_sheets (self->catalog, &error);
  if (sheets == NULL)
    {
      /* Shown if the window shows no catalog yet. */
      set_summary (self, error->message,
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                              "empty") == 0);
      return;
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      SkySheetInfo *info = g_ptr_array_index (sheets, i);

      /* Sheets current for at least one of their services, with all their offers. */
      if (!info->current)
        continue;
      current++;
      offers += info->offers;
      g_hash_table_add (providers, info->provider_name);
    }

  if (current == 0)
    description = g_strdup (_("No price sheets are loaded yet. Import one with Ctrl+O."));
  else
    {
      g_autofree char *sheets_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u current price sheet",
                                      "%u current price sheets", current), current);
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, offers);
      g_autofree char *offers_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s offer", "%s offers", offers), number);
      g_autofree char *providers_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u provider", "%u providers",
                                      g_hash_table_size (providers)),
                         g_hash_table_size (providers));

      /* Translators: "4 current price sheets from 4 providers, 422 offers" */
      description = g_strdup_printf (_("%s from %s, %s"), sheets_text, providers_text,
                                     offers_text);
    }
  set_summary (self, description, current == 0);
  gtk_stack_set_visible_child_name (self->content_stack, current > 0 ? "catalog" : "empty");
}

/* The scenario's document opens its own connection to the catalog and lists the sheets, and the
 * summary is said, if that was left for after the first frame: a catalog with a current sheet
 * shows its page, for which neither is needed, and the listing of a catalog of many services
 * takes its time. Done before anything that prices, shows or changes the scenario. */
static void
ensure_document_catalog (SkyWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->document_due)
    return;
  self->document_due = FALSE;
  if (!sky_scenario_document_set_catalog_path (self->document,
                                               sky_catalog_get_path (self->catalog), &error))
    g_warning ("Cannot open the catalog for pricing: %s", error->message);
  update_summary (self);
}

/* The label and bar of the progress of an import, made when first needed: the first frame
 * does not show them, and their hidden revealer would measure them all the same. */
static void
ensure_progress (SkyWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->progress_label != NULL)
    return;
  builder = gtk_builder_new_from_resource ("/io/github/skytally/Skytally/sky-window-progress.ui");
  gtk_revealer_set_child (self->progress_revealer,
                          GTK_WIDGET (gtk_builder_get_object (builder, "progress_box")));
  /* Its Cancel button is named as the window's buttons are. */
  sky_keyboard_setup (GTK_WIDGET (self->progress_revealer));
  self->progress_label = GTK_LABEL (gtk_builder_get_object (builder, "progress_label"));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_builder_get_object (builder, "progress_bar"));
}

static void
set_busy (SkyWindow *self,
          gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_toast (SkyWindow  *self,
            const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Importing --------------------------------------------------------------------------------- */

static void
record_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  Progress *progress = user_data;

  if (total > 0)
    g_atomic_int_set (&progress->done_permille, (gint) (done * 1000 / total));
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  SkyWindow *self = user_data;

  if (self->progress != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   g_atomic_int_get (&self->progress->done_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
import_finished_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(SkyImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  imported = sky_catalog_import_file_finish (SKY_CATALOG (object), result, &error);
  g_clear_pointer (&self->progress, g_free);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_queue_clear_full (&self->queue, g_object_unref);
      show_toast (self, _("Import cancelled; the catalog is unchanged"));
    }
  else if (error != NULL)
    sky_gui_util_show_error (GTK_WINDOW (self), _("Could Not Import the Price Sheet"),
                             error->message);
  else
    {
      if (imported->status == SKY_IMPORT_UNCHANGED)
        message = g_strdup_printf (_("%s %s is already in the catalog"),
                                   imported->provider_name, imported->version);
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, imported->offers);

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %s %s: %s offer",
                                                  "Added %s %s: %s offers", imported->offers),
                                     imported->provider_name, imported->version, number);
        }
      show_toast (self, message);
    }

  if (imported != NULL && imported->status == SKY_IMPORT_ADDED)
    {
      sky_catalog_page_refresh (self->catalog_page);
      sky_listing_model_reload (sky_catalog_page_get_model (self->catalog_page));
      sky_scenario_document_catalog_changed (self->document);
    }
  update_summary (self);
  import_next (self);
}

static void
import_next (SkyWindow *self)
{
  g_autoptr(GFile) file = g_queue_pop_head (&self->queue);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (file == NULL)
    {
      g_clear_handle_id (&self->progress_timer, g_source_remove);
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *body = g_strdup_printf (_("%s is not a local file."), uri);

      sky_gui_util_show_error (GTK_WINDOW (self), _("Could Not Import the Price Sheet"), body);
      import_next (self);
      return;
    }

  name = g_file_get_basename (file);
  label = g_strdup_printf (_("Importing %s…"), name);
  ensure_progress (self);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  if (self->progress_timer == 0)
    self->progress_timer = g_timeout_add (100, progress_tick_cb, self);
  self->progress = g_new0 (Progress, 1);
  set_busy (self, TRUE);

  sky_catalog_import_file_async (self->catalog, path, record_progress, self->progress,
                                 self->cancellable, import_finished_cb, g_object_ref (self));
}

/**
 * sky_window_import_files:
 * @files: (element-type GFile): price sheets to import, one after the other
 *
 * Imports the files in a worker thread, showing progress with a Cancel button; an error is
 * shown with its file, line and column, a success as a toast.
 */
void
sky_window_import_files (SkyWindow *self,
                         GPtrArray *files)
{
  g_return_if_fail (SKY_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  ensure_document_catalog (self);
  for (guint i = 0; i < files->len; i++)
    g_queue_push_tail (&self->queue, g_object_ref (g_ptr_array_index (files, i)));
  if (!self->busy)
    import_next (self);
}

static void
seed_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GError) error = NULL;

  seeded = sky_catalog_seed_finish (SKY_CATALOG (object), result, &error);
  g_clear_pointer (&self->progress, g_free);
  g_clear_object (&self->cancellable);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_queue_clear_full (&self->queue, g_object_unref);
      show_toast (self, _("Loading the bundled price sheets cancelled; they load at the next "
                          "start"));
    }
  else if (error != NULL)
    sky_gui_util_show_error (GTK_WINDOW (self), _("Could Not Load the Bundled Price Sheets"),
                             error->message);
  else if (seeded->len > 0)
    {
      g_autofree char *loaded =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %u bundled price sheet",
                                      "Loaded %u bundled price sheets", seeded->len),
                         seeded->len);

      show_toast (self, loaded);
      sky_catalog_page_refresh (self->catalog_page);
      sky_listing_model_reload (sky_catalog_page_get_model (self->catalog_page));
      sky_scenario_document_catalog_changed (self->document);
    }
  update_summary (self);
  /* The scenario opened meanwhile is priced now, on the sheets loaded, once. */
  sky_scenario_document_release_pricing (self->document);
  /* Then the sheets opened meanwhile, if any. */
  import_next (self);
}

/* Loads the bundled price sheets, all at once, into a catalog that was never seeded with
 * them: the first start, or one that was interrupted. A catalog whose user declined them is
 * left alone; one that cannot be written is said to be read-only. */
void
sky_window_load_bundled_sheets (SkyWindow *self)
{
  g_autoptr(GError) error = NULL;
  SkyBundledSheets state;

  g_return_if_fail (SKY_IS_WINDOW (self));

  if (!sky_catalog_get_bundled_sheets (self->catalog, &state, &error))
    {
      sky_gui_util_show_error (GTK_WINDOW (self), _("Could Not Load the Bundled Price Sheets"),
                               error->message);
      return;
    }
  /* Nothing can be loaded into a catalog that cannot be written; it is said once, here. */
  if (sky_catalog_is_read_only (self->catalog))
    {
      show_toast (self, sky_catalog_is_unchanging (self->catalog)
                        ? _("The catalog and its folder cannot be written: it is read as "
                            "unchanging")
                        : _("The catalog cannot be written: it is opened read-only"));
      return;
    }
  if (state != SKY_BUNDLED_SHEETS_PENDING || self->busy)
    return;
  ensure_document_catalog (self);

  ensure_progress (self);
  gtk_label_set_label (self->progress_label, _("Loading the bundled price sheets…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->cancellable = g_cancellable_new ();
  if (self->progress_timer == 0)
    self->progress_timer = g_timeout_add (100, progress_tick_cb, self);
  self->progress = g_new0 (Progress, 1);
  set_busy (self, TRUE);
  /* A scenario opened meanwhile (with the application, or recovered) waits for the sheets
   * rather than being priced on an empty catalog and then again. */
  sky_scenario_document_hold_pricing (self->document);

  sky_catalog_seed_async (self->catalog, sky_catalog_bundled_sheets_dir (), record_progress,
                          self->progress, self->cancellable, seed_finished_cb,
                          g_object_ref (self));
}

/* Actions ----------------------------------------------------------------------------------- */

static void open_chosen_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data);

/* Asks for files to open, offering @filters (up to NULL), the first one chosen. */
static void
choose_files (SkyWindow            *self,
              const char           *title,
              const char           *accept_label,
              GtkFileFilter *const *filters)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label, NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  for (; *filters != NULL; filters++)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), *filters);
  g_signal_connect (chooser, "response", G_CALLBACK (open_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Price Sheets (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  choose_files (SKY_WINDOW (widget), _("Import Price Sheet"), _("_Import"),
                (GtkFileFilter *[]) { filter, NULL });
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SkyWindow *self = SKY_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* A sheet removed or added in the Price Sheets window: the pages show the catalog as it is
 * now. */
static void
sheet_removed_cb (SkyPriceSheetsWindow *sheets,
                  SkyWindow            *self)
{
  ensure_document_catalog (self);
  sky_catalog_page_refresh (self->catalog_page);
  sky_listing_model_reload (sky_catalog_page_get_model (self->catalog_page));
  sky_scenario_document_catalog_changed (self->document);
  update_summary (self);
}

/* The Price Sheets window, over this one: a sheet removed or updated there is shown here. */
static SkyPriceSheetsWindow *
present_price_sheets (SkyWindow *self)
{
  SkyPriceSheetsWindow *sheets = sky_price_sheets_window_new (self->catalog);

  g_signal_connect_object (sheets, "sheet-removed", G_CALLBACK (sheet_removed_cb), self, 0);
  g_signal_connect_object (sheets, "sheets-updated", G_CALLBACK (sheet_removed_cb), self, 0);

  gtk_window_set_transient_for (GTK_WINDOW (sheets), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (sheets));
  return sheets;
}

static void
price_sheets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  present_price_sheets (SKY_WINDOW (widget));
}

/* Update Prices…: the Price Sheets window, with the Update Prices dialog over it. */
static void
update_prices_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SkyPriceSheetsWindow *sheets = present_price_sheets (SKY_WINDOW (widget));

  gtk_widget_activate_action (GTK_WIDGET (sheets), "sheets.update", NULL);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SkyWindow *self = SKY_WINDOW (widget);
  SkyPreferencesWindow *preferences = sky_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyWindow *self = SKY_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->content_stack, "catalog");
  adw_view_stack_set_visible_child_name (self->view_stack, "catalog");
  sky_catalog_page_focus_search (self->catalog_page);
}

static gboolean
on_drop_target_drop (GtkDropTarget *target,
                     const GValue  *value,
                     double         x,
                     double         y,
                     gpointer       user_data)
{
  SkyWindow *self = user_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  sky_window_open_files (self, files);
  return TRUE;
}

static void
show_scenario (SkyWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "catalog");
  adw_view_stack_set_visible_child_name (self->view_stack, "scenario");
}

/* Replacing the scenario -------------------------------------------------------------------- */

/* What replaces the open scenario (or closes the window), once it may. */
typedef void (*ReplaceFunc) (SkyWindow *self,
                             gpointer   data);

typedef struct
{
  SkyWindow      *self;
  ReplaceFunc     func;
  gpointer        data;
  GDestroyNotify  destroy;
} Replacement;

static void
replacement_free (Replacement *r)
{
  if (r->destroy != NULL)
    r->destroy (r->data);
  g_object_unref (r->self);
  g_free (r);
}

static void
replacement_run (Replacement *r)
{
  r->func (r->self, r->data);
  replacement_free (r);
}

/* Saving ------------------------------------------------------------------------------------ */

/* What is done once the scenario is saved (@saved), or is not (cancelled or failed, and a
 * failure shown). */
typedef void (*SavedFunc) (SkyWindow *self,
                           gboolean   saved,
                           gpointer   data);

typedef struct
{
  SkyWindow *self;
  SavedFunc  func;
  gpointer   data;
} Saving;

static void
saving_done (Saving   *saving,
             gboolean  saved)
{
  if (saving->func != NULL)
    saving->func (saving->self, saved, saving->data);
  g_object_unref (saving->self);
  g_free (saving);
}

static void
document_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = sky_scenario_document_save_finish (SKY_SCENARIO_DOCUMENT (object), result, &error);
  if (!saved)
    sky_gui_util_show_error (GTK_WINDOW (saving->self), _("Cannot Save the Scenario"),
                             error->message);
  saving_done (saving, saved);
}

static void
save_to (SkyWindow *self,
         GFile     *file,
         Saving    *saving)
{
  sky_scenario_document_save_async (self->document, file, NULL, document_saved_cb, saving);
}

static void
save_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Saving *saving = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    save_to (saving->self, file, saving);
  else
    saving_done (saving, FALSE);
  g_object_unref (chooser);
}

/* Asks where to save the scenario and saves it there; then @func learns whether it was saved
 * (not when the user cancelled, nor when saving failed, which is shown). */
static void
save_as (SkyWindow *self,
         SavedFunc  func,
         gpointer   data)
{
  Saving *saving = g_new0 (Saving, 1);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  saving->self = g_object_ref (self);
  saving->func = func;
  saving->data = data;
  name = g_strdup_printf ("%s.skytally",
                          sky_scenario_document_get_scenario (self->document)->name);
  chooser = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Skytally scenarios"));
  gtk_file_filter_add_mime_type (filter, "application/x-skytally-scenario");
  gtk_file_filter_add_pattern (filter, "*.skytally");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chosen_cb), saving);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves the scenario in its file, or asks where first when it has none. */
static void
save (SkyWindow *self,
      SavedFunc  func,
      gpointer   data)
{
  GFile *file = sky_scenario_document_get_file (self->document);
  Saving *saving;

  if (file == NULL)
    {
      save_as (self, func, data);
      return;
    }
  saving = g_new0 (Saving, 1);
  saving->self = g_object_ref (self);
  saving->func = func;
  saving->data = data;
  save_to (self, file, saving);
}

static void
saved_then_replace (SkyWindow *self,
                    gboolean   saved,
                    gpointer   data)
{
  Replacement *r = data;

  if (saved)
    replacement_run (r);
  else
    replacement_free (r);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SkyWindow        *self)
{
  Replacement *r = g_object_steal_data (G_OBJECT (dialog), "replacement");

  if (r == NULL)
    return;
  if (g_strcmp0 (response, "discard") == 0)
    replacement_run (r);
  else if (g_strcmp0 (response, "save") == 0)
    /* A failure is shown, and the scenario stays. */
    save (self, saved_then_replace, r);
  else
    replacement_free (r);
}

/* Does @func (with @data, which @destroy frees) at once when the scenario has no unsaved
 * changes; otherwise asks first, as @body says, whether to save them (then does it once they
 * are saved), discard them (then does it), or cancel (then does nothing). New, Open, a recent
 * file, a file opened from elsewhere and closing the window all ask this one question. */
static void
confirm_replace (SkyWindow      *self,
                 const char     *body,
                 ReplaceFunc     func,
                 gpointer        data,
                 GDestroyNotify  destroy)
{
  Replacement *r = g_new0 (Replacement, 1);
  GtkWidget *dialog;

  r->self = g_object_ref (self);
  r->func = func;
  r->data = data;
  r->destroy = destroy;
  if (!sky_scenario_document_get_modified (self->document))
    {
      replacement_run (r);
      return;
    }
  /* A question already asked gives way to the newer one. */
  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (self->question));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "replacement", r,
                          (GDestroyNotify) replacement_free);
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), self);
  self->question = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->question);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_now (SkyWindow *self,
           gpointer   data)
{
  sky_scenario_document_discard_recovery (self->document);
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
document_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A file that cannot be read is reported, and the scenario stays as it was. */
  if (!sky_scenario_document_load_finish (SKY_SCENARIO_DOCUMENT (object), result, &error))
    sky_gui_util_show_error (GTK_WINDOW (self), _("Cannot Open the Scenario"), error->message);
}

static void
open_scenario_now (SkyWindow *self,
                   gpointer   file)
{
  ensure_document_catalog (self);
  sky_scenario_document_load_async (self->document, file, NULL, document_loaded_cb,
                                    g_object_ref (self));
  show_scenario (self);
}

/* Opens @file, a scenario, once the changes of the one shown are saved or given up. */
static void
confirm_open_scenario (SkyWindow *self,
                       GFile     *file)
{
  confirm_replace (self, _("The scenario has changes that are not saved. Opening another "
                           "without saving loses them."),
                   open_scenario_now, g_object_ref (file), g_object_unref);
}

/* Scenarios --------------------------------------------------------------------------------- */

static gboolean
is_scenario_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;

  if (name != NULL && g_str_has_suffix (name, ".skytally"))
    return TRUE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  return info != NULL &&
         g_strcmp0 (g_file_info_get_content_type (info), "application/x-skytally-scenario") == 0;
}

/* Opens what @files hold: a scenario (the last one given) on the Scenario page, price sheets
 * by importing them. */
void
sky_window_open_files (SkyWindow *self,
                       GPtrArray *files)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_object_unref);
  GFile *scenario = NULL;

  g_return_if_fail (SKY_IS_WINDOW (self));

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      if (is_scenario_file (file))
        scenario = file;
      else
        g_ptr_array_add (sheets, g_object_ref (file));
    }
  if (scenario != NULL)
    confirm_open_scenario (self, scenario);
  if (sheets->len > 0)
    sky_window_import_files (self, sheets);
}

static void
recovery_restored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sky_scenario_document_restore_recovery_finish (SKY_SCENARIO_DOCUMENT (object), result,
                                                      &error))
    sky_gui_util_show_error (GTK_WINDOW (self), _("Cannot Restore the Scenario"), error->message);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SkyWindow        *self)
{
  ensure_document_catalog (self);
  if (g_strcmp0 (response, "restore") != 0)
    sky_scenario_document_discard_recovery (self->document);
  else
    sky_scenario_document_restore_recovery_async (self->document, NULL, recovery_restored_cb,
                                                  g_object_ref (self));
}

/**
 * sky_window_offer_recovery:
 *
 * After a crash: offers back a scenario's unsaved changes, if any were kept.
 *
 * Returns: whether there were any to offer
 */
gboolean
sky_window_offer_recovery (SkyWindow *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (SKY_IS_WINDOW (self), FALSE);

  if (!sky_scenario_document_has_recovery (self->document))
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Changes?"),
                                   _("Skytally closed before a scenario's changes were saved. "
                                     "They were kept and can be restored."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  show_scenario (self);
  return TRUE;
}

static void
new_scenario_now (SkyWindow *self,
                  gpointer   data)
{
  ensure_document_catalog (self);
  sky_scenario_document_new_scenario (self->document);
  show_scenario (self);
}

/* Where the example scenario is: beside the bundled sheets when installed. */
static char *
example_path (void)
{
  const char *dir = g_getenv ("SKYTALLY_SCENARIOS_DIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : PKGDATADIR "/scenarios",
                           "web-product.skytally", NULL);
}

static void
open_example_now (SkyWindow *self,
                  gpointer   data)
{
  g_autofree char *path = example_path ();
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_load (path, &error);

  if (scenario == NULL)
    {
      sky_gui_util_show_error (GTK_WINDOW (self), _("Cannot Open the Example"), error->message);
      return;
    }
  /* A copy to start from: Save asks where to keep it. */
  ensure_document_catalog (self);
  sky_scenario_document_new_from (self->document, scenario);
  show_scenario (self);
}

/* The example scenario, as a new scenario, once the changes of the one shown are saved or
 * given up. */
static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  confirm_replace (SKY_WINDOW (widget), _("The scenario has changes that are not saved. "
                                          "Opening the example without saving loses them."),
                   open_example_now, NULL, NULL);
}

/* The guide (F1), one per window, beside it. */
/* Keyboard Shortcuts: the window is built when first asked for, not with each main window
 * (where GtkApplication would build it from "gtk/help-overlay.ui" before the first frame). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/skytally/Skytally/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
guide_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SkyWindow *self = SKY_WINDOW (widget);

  if (self->guide == NULL)
    {
      self->guide = GTK_WIDGET (sky_guide_window_new (GTK_WINDOW (self)));
      g_object_add_weak_pointer (G_OBJECT (self->guide), (gpointer *) &self->guide);
    }
  gtk_window_present (GTK_WINDOW (self->guide));
}

static void
new_scenario_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  confirm_replace (SKY_WINDOW (widget), _("The scenario has changes that are not saved. "
                                          "Starting a new one without saving loses them."),
                   new_scenario_now, NULL, NULL);
}

static void
open_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  SkyWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      sky_window_open_files (self, files);
    }
  g_object_unref (chooser);
}

/* Ctrl+O: a scenario is opened, price sheets are imported. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) scenarios = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Scenarios and price sheets"));
  gtk_file_filter_set_name (scenarios, _("Scenarios"));
  gtk_file_filter_set_name (sheets, _("Price sheets (XML)"));
  for (GtkFileFilter **f = (GtkFileFilter *[]) { all, scenarios, NULL }; *f != NULL; f++)
    {
      gtk_file_filter_add_mime_type (*f, "application/x-skytally-scenario");
      gtk_file_filter_add_suffix (*f, "skytally");
    }
  for (GtkFileFilter **f = (GtkFileFilter *[]) { all, sheets, NULL }; *f != NULL; f++)
    {
      gtk_file_filter_add_mime_type (*f, "application/x-skytally-price-sheet");
      gtk_file_filter_add_mime_type (*f, "application/xml");
      gtk_file_filter_add_suffix (*f, "xml");
    }
  choose_files (SKY_WINDOW (widget), _("Open a Scenario or Price Sheets"), _("_Open"),
                (GtkFileFilter *[]) { all, scenarios, sheets, NULL });
}

/* Says what was exported, with Open and Show in Folder. */
static void
exported_cb (SkyExportDialog *dialog,
             const char      *message,
             GFile           *file,
             SkyWindow       *self)
{
  AdwToast *toast = adw_toast_new (message);
  g_autofree char *uri = g_file_get_uri (file);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (show, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "win.show-exported");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (show), "s", uri);
  gtk_box_append (GTK_BOX (title), label);
  gtk_box_append (GTK_BOX (title), show);
  adw_toast_set_custom_title (toast, title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_set_action_target (toast, "s", uri);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
opened_exported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sky_file_open_default_finish (result, &error))
    {
      /* Translators: %s says why the exported file could not be opened. */
      g_autofree char *text = g_strdup_printf (_("Cannot open the export: %s"), error->message);
      show_toast (self, text);
    }
}

/* Opens an exported file with its default application. */
static void
open_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  sky_file_open_default (GTK_WINDOW (widget), file, opened_exported_cb, g_object_ref (widget));
}

static void
shown_exported_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SkyWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sky_file_show_in_folder_finish (result, &error))
    {
      /* Translators: %s says why the folder could not be shown. */
      g_autofree char *text = g_strdup_printf (_("Cannot show the folder: %s"), error->message);
      show_toast (self, text);
    }
}

/* Shows an exported file in its folder. */
static void
show_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  sky_file_show_in_folder (GTK_WINDOW (widget), file, shown_exported_cb, g_object_ref (widget));
}

/* The Export dialog, for the scenario as it is now. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyWindow *self = SKY_WINDOW (widget);
  const SkyScenario *s;
  SkyCatalog *catalog;
  SkyExportDialog *dialog;

  ensure_document_catalog (self);
  s = sky_scenario_document_get_scenario (self->document);
  catalog = sky_scenario_document_get_catalog (self->document);

  if (s == NULL || catalog == NULL || s->lines->len == 0 || s->providers->len == 0)
    {
      show_toast (self, _("Add lines and providers to the scenario to export it"));
      return;
    }
  dialog = sky_export_dialog_new (catalog, s, sky_scenario_document_get_file (self->document));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  save (SKY_WINDOW (widget), NULL, NULL);
}

static void
save_scenario_as_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  save_as (SKY_WINDOW (widget), NULL, NULL);
}

/* The scenario's title in the header bar: beside the view switcher when the window is wide,
 * as the switcher's own title when it is narrow (the switcher then sits at the bottom). */
/* Whether a scenario is begun: opened, edited or given a line. Until then the window is just
 * the application's. */
static gboolean
scenario_begun (SkyWindow *self)
{
  return sky_scenario_document_get_file (self->document) != NULL ||
         sky_scenario_document_get_modified (self->document) ||
         sky_scenario_document_get_scenario (self->document)->lines->len > 0;
}

static void
update_header_title (SkyWindow *self)
{
  gboolean begun = scenario_begun (self);
  const char *title = sky_scenario_document_get_title (self->document);
  /* Room is short beside the switcher: the file's name without its extension, all of it on
   * hover. */
  g_autofree char *shown = g_str_has_suffix (title, ".skytally")
                           ? g_strndup (title, strlen (title) - strlen (".skytally"))
                           : g_strdup (title);

  adw_window_title_set_title (self->document_title, begun ? shown : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->document_title), begun ? title : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->document_title),
                          begun && !sky_switcher_title_get_title_visible (self->switcher_title));
  sky_switcher_title_set_title (self->switcher_title, begun ? title : _("Skytally"));
}

/* The view switcher at the bottom, shown while the header bar's switcher gives way to its
 * title: made the first time it does, not before the first frame of a window that may never
 * be so narrow. */
static void
add_switcher_bar (SkyWindow *self)
{
  if (self->switcher_bar != NULL ||
      !sky_switcher_title_get_title_visible (self->switcher_title))
    return;
  self->switcher_bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), self->view_stack);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->view_stack))),
                  self->switcher_bar);
  /* Revealed once in place, as it slides in. */
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
}

static gboolean
title_visible_cb (gpointer user_data)
{
  SkyWindow *self = user_data;

  self->title_id = 0;
  add_switcher_bar (self);
  update_header_title (self);
  return G_SOURCE_REMOVE;
}

/* The switcher's title is shown or hidden while the header bar is laid out: the title beside
 * it is shown or hidden after, not in the middle of it. */
static void
on_title_visible (SkyWindow *self)
{
  if (self->title_id == 0)
    self->title_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, title_visible_cb, self, NULL);
}

static void
on_scenario_title_changed (SkyWindow *self)
{
  g_autofree char *window_title = NULL;

  /* Until a scenario is begun, the window is just the application's. */
  if (!scenario_begun (self))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Skytally"));
      update_header_title (self);
      return;
    }
  /* Translators: the window's title: the scenario's name, then the application's. */
  window_title = g_strdup_printf (_("%s — Skytally"),
                                  sky_scenario_document_get_title (self->document));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  update_header_title (self);
}

/* The window's width ---------------------------------------------------------------------- */

/* Below this width the window is laid out as on a phone (down to 360 pixels): the view switcher
 * at the bottom, the header bar's import button in the menu only, the summary cards one a row,
 * and the details pane a flap over the table. */
#define NARROW_BELOW 600

static SkyLayout
layout_for_width (int width)
{
  if (width < NARROW_BELOW)
    return SKY_LAYOUT_NARROW;
  if (width < SKY_SIDE_PANE_FOLD_BELOW)
    return SKY_LAYOUT_FOLDED;
  return SKY_LAYOUT_WIDE;
}

/* Whether the details pane is shown now: the user's choice in a wide window; in a narrower one,
 * only while asked for, the choice kept for when the window is wide again. */
static gboolean
details_shown (SkyWindow *self)
{
  if (self->layout == SKY_LAYOUT_WIDE)
    return g_settings_get_boolean (self->settings, "show-details");
  return self->details_asked;
}

static gboolean relayout_cb (gpointer user_data);
static void on_details_toggled (GtkToggleButton *toggle,
                                SkyWindow       *self);
static void on_flap_revealed (AdwFlap    *flap,
                              GParamSpec *pspec,
                              SkyWindow  *self);

/* Puts @pane beside the table in @paned, or in @flap over it, and shows it as asked. */
static void
place_pane (SkyWindow *self,
            GtkPaned  *paned,
            AdwFlap   *flap,
            GtkWidget *pane)
{
  gboolean shown = details_shown (self);
  g_autoptr(GtkWidget) held = g_object_ref (pane);

  g_signal_handlers_block_by_func (flap, on_flap_revealed, self);
  if (self->layout == SKY_LAYOUT_NARROW)
    {
      if (adw_flap_get_flap (flap) != pane)
        {
          gtk_paned_set_end_child (paned, NULL);
          gtk_widget_add_css_class (pane, "background");
          adw_flap_set_flap (flap, pane);
        }
      gtk_widget_set_visible (pane, TRUE);
      adw_flap_set_reveal_flap (flap, shown);
    }
  else
    {
      if (gtk_paned_get_end_child (paned) != pane)
        {
          adw_flap_set_reveal_flap (flap, FALSE);
          adw_flap_set_flap (flap, NULL);
          gtk_widget_remove_css_class (pane, "background");
          gtk_paned_set_end_child (paned, pane);
        }
      gtk_widget_set_visible (pane, shown);
    }
  g_signal_handlers_unblock_by_func (flap, on_flap_revealed, self);
}

static void
set_toggle (SkyWindow       *self,
            GtkToggleButton *toggle,
            gboolean         active)
{
  g_signal_handlers_block_by_func (toggle, on_details_toggled, self);
  gtk_toggle_button_set_active (toggle, active);
  g_signal_handlers_unblock_by_func (toggle, on_details_toggled, self);
}

/* Under @widget, the summary cards wrap when the window is not wide, and the boxes of the style
 * class vertical-when-narrow (rows of fields, in the pages' templates) stand their children one
 * above the other when it is narrow. */
static void
lay_out_page (GtkWidget *widget,
              SkyLayout  layout)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SKY_IS_SUMMARY_CARDS (child))
        {
          sky_summary_cards_set_narrow (SKY_SUMMARY_CARDS (child), layout != SKY_LAYOUT_WIDE);
          continue;
        }
      if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "vertical-when-narrow"))
        gtk_orientable_set_orientation (GTK_ORIENTABLE (child),
                                        layout == SKY_LAYOUT_NARROW ? GTK_ORIENTATION_VERTICAL
                                                                    : GTK_ORIENTATION_HORIZONTAL);
      /* Rows of tables are not the pages' own widgets. */
      if (!GTK_IS_COLUMN_VIEW (child) && !GTK_IS_LIST_VIEW (child))
        lay_out_page (child, layout);
    }
}

/* Shows the details panes as asked, where the window's width puts them. */
static void
apply_layout (SkyWindow *self)
{
  gboolean shown = details_shown (self);

  place_pane (self, self->catalog_paned, self->catalog_flap,
              GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self->catalog_page),
                                                         SKY_TYPE_CATALOG_PAGE,
                                                         "offer_view")));
  if (self->scenario_pane != NULL)
    place_pane (self, self->scenario_paned, self->scenario_flap, self->scenario_pane);
  set_toggle (self, self->details_toggle, shown);
  set_toggle (self, self->catalog_details_button, shown);
}

/* Lays the window and the pages built so far out for the width it has. */
static void
lay_out (SkyWindow *self)
{
  gboolean narrow = self->layout == SKY_LAYOUT_NARROW;

  apply_layout (self);
  /* What does not fit beside the view switcher's title is in the menu. */
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), !narrow);
  /* A page taller than the window scrolls: its table keeps room enough to be read. */
  gtk_widget_set_size_request (GTK_WIDGET (self->catalog_flap), -1, narrow ? 360 : -1);
  if (self->scenario_flap != NULL)
    gtk_widget_set_size_request (GTK_WIDGET (self->scenario_flap), -1, narrow ? 360 : -1);
  /* The catalog's own button does what the header bar's toggle does. */
  gtk_widget_set_visible (GTK_WIDGET (self->catalog_details_button), !narrow);
  /* The catalog's filters fold behind a button: the list first. */
  sky_catalog_page_set_narrow (self->catalog_page, narrow);
  adw_header_bar_set_centering_policy (self->header_bar, narrow
                                                         ? ADW_CENTERING_POLICY_LOOSE
                                                         : ADW_CENTERING_POLICY_STRICT);
  /* Cards held side by side would keep the window wider than 600 pixels. */
  if (self->scenario_page != NULL)
    lay_out_page (GTK_WIDGET (self->scenario_page), self->layout);
  if (self->budget_page != NULL)
    lay_out_page (GTK_WIDGET (self->budget_page), self->layout);
}

static gboolean
relayout_cb (gpointer user_data)
{
  SkyWindow *self = user_data;

  self->relayout_id = 0;
  lay_out (self);
  return G_SOURCE_REMOVE;
}

/* The window is laid out for the width it has; held at the least width its layout allows, it
 * is asked to be narrower still, and takes the next narrower layout, whose least width is less. */
static void
sky_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  SkyWindow *self = SKY_WINDOW (widget);
  int shown, least = 0;
  SkyLayout layout;

  GTK_WIDGET_CLASS (sky_window_parent_class)->size_allocate (widget, width, height, baseline);

  shown = gtk_widget_get_width (GTK_WIDGET (self->toast_overlay));
  if (shown <= 0)
    return;
  layout = layout_for_width (shown);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
  if (width <= least && layout <= self->layout && self->layout < SKY_LAYOUT_NARROW &&
      !gtk_window_is_maximized (GTK_WINDOW (self)) &&
      !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    {
      layout = self->layout + 1;
      self->stepped_at = width;
    }
  /* Not wider again until the window is wider than where it was held. */
  else if (layout < self->layout && width <= self->stepped_at)
    layout = self->layout;
  if (width > self->stepped_at)
    self->stepped_at = 0;
  if (layout == self->layout)
    return;
  self->layout = layout;
  /* The pane asked for in a narrower window is not asked for in another. */
  self->details_asked = FALSE;
  /* Not while the window is being laid out: after. */
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
}

/* The header bar's toggle and the catalog's button: the user's choice in a wide window, the
 * pane shown for now in a narrower one. */
static void
on_details_toggled (GtkToggleButton *toggle,
                    SkyWindow       *self)
{
  gboolean active = gtk_toggle_button_get_active (toggle);

  if (self->layout == SKY_LAYOUT_WIDE)
    g_settings_set_boolean (self->settings, "show-details", active);
  else
    self->details_asked = active;
  apply_layout (self);
}

/* The flap closed by a swipe, Escape or a click beside it. */
static void
on_flap_revealed (AdwFlap    *flap,
                  GParamSpec *pspec,
                  SkyWindow  *self)
{
  if (self->layout != SKY_LAYOUT_NARROW ||
      adw_flap_get_reveal_flap (flap) == self->details_asked)
    return;
  self->details_asked = adw_flap_get_reveal_flap (flap);
  apply_layout (self);
}

/* The details pane beside the tables of the Catalog and Scenario pages, shown or hidden on
 * both at once from the header bar (the setting show-details, the user's choice, which a
 * narrow window keeps as it is). */
static void
bind_details_panes (SkyWindow *self)
{
  self->catalog_paned = GTK_PANED (gtk_widget_get_template_child (
                          GTK_WIDGET (self->catalog_page), SKY_TYPE_CATALOG_PAGE, "paned"));
  self->catalog_flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (self->catalog_paned),
                                                          ADW_TYPE_FLAP));
  self->catalog_details_button = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (
                                   GTK_WIDGET (self->catalog_page), SKY_TYPE_CATALOG_PAGE,
                                   "details_button"));

  g_signal_connect (self->details_toggle, "toggled", G_CALLBACK (on_details_toggled), self);
  g_signal_connect (self->catalog_details_button, "toggled", G_CALLBACK (on_details_toggled),
                    self);
  g_signal_connect (self->catalog_flap, "notify::reveal-flap", G_CALLBACK (on_flap_revealed),
                    self);
  g_signal_connect_object (self->settings, "changed::show-details", G_CALLBACK (apply_layout),
                           self, G_CONNECT_SWAPPED);
  /* Laid out at once for the width it opens with: a window laid out for a wider one would ask
   * for more than a narrow width. */
  self->layout = layout_for_width (g_settings_get_int (self->settings, "window-width"));
  lay_out (self);
}

/**
 * sky_window_get_layout:
 *
 * How the window is laid out for its width.
 */
SkyLayout
sky_window_get_layout (SkyWindow *self)
{
  g_return_val_if_fail (SKY_IS_WINDOW (self), SKY_LAYOUT_WIDE);
  return self->layout;
}

/* The pages ------------------------------------------------------------------------------- */

/* Builds a page of @type with the properties given (up to NULL), in a scrolled window in
 * @slot: a page that asks for more room than a narrow window has scrolls rather than widen the
 * window. */
static GtkWidget *
add_page (SkyWindow  *self,
          AdwBin     *slot,
          GType       type,
          const char *first_property,
          ...)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page;
  va_list args;

  va_start (args, first_property);
  page = GTK_WIDGET (g_object_new_valist (type, first_property, args));
  va_end (args);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  adw_bin_set_child (slot, scrolled);
  sky_keyboard_setup (page);
  return page;
}

static void
build_scenario_page (SkyWindow *self)
{
  self->scenario_page = SKY_SCENARIO_PAGE (add_page (
    self, self->scenario_slot, SKY_TYPE_SCENARIO_PAGE, "document", self->document,
    "candidates", sky_catalog_page_get_candidates (self->catalog_page), NULL));
  g_settings_bind (self->settings, "stale-after-days", self->scenario_page, "stale-after-days",
                   G_SETTINGS_BIND_GET);
  /* Its details pane is shown or hidden with the catalog's (see bind_details_panes()). */
  self->scenario_paned = GTK_PANED (gtk_widget_get_template_child (
                           GTK_WIDGET (self->scenario_page), SKY_TYPE_SCENARIO_PAGE, "paned"));
  self->scenario_flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (self->scenario_paned),
                                                           ADW_TYPE_FLAP));
  self->scenario_pane = gtk_paned_get_end_child (self->scenario_paned);
  g_signal_connect (self->scenario_flap, "notify::reveal-flap", G_CALLBACK (on_flap_revealed),
                    self);
}

static void
build_compare_page (SkyWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->compare_page = SKY_COMPARE_PAGE (add_page (self, self->compare_slot,
                                                   SKY_TYPE_COMPARE_PAGE, NULL));
  if (!sky_compare_page_set_sources (self->compare_page, sky_catalog_get_path (self->catalog),
                                     sky_catalog_page_get_candidates (self->catalog_page),
                                     &error))
    g_warning ("Cannot open the catalog for comparing: %s", error->message);
}

static void
build_tradeoffs_page (SkyWindow *self)
{
  self->tradeoffs_page = SKY_TRADEOFFS_PAGE (add_page (
    self, self->tradeoffs_slot, SKY_TYPE_TRADEOFFS_PAGE, "document", self->document,
    "candidates", sky_catalog_page_get_candidates (self->catalog_page), NULL));
}

static void
build_budget_page (SkyWindow *self)
{
  self->budget_page = SKY_BUDGET_PAGE (add_page (self, self->budget_slot, SKY_TYPE_BUDGET_PAGE,
                                                 "document", self->document, NULL));
  g_settings_bind (self->settings, "stale-after-days", self->budget_page, "stale-after-days",
                   G_SETTINGS_BIND_GET);
}

/* The page named @name (as in the view stack), built now if it is not yet. Only the catalog's
 * page is in the window's template: the others are built when first shown, so that the first
 * frame waits for none of them. They show the scenario as it is then: its state is the
 * document's, which the pages only show and edit. */
static GtkWidget *
ensure_page (SkyWindow  *self,
             const char *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;           /* of the page's field in SkyWindow */
    void      (*build) (SkyWindow *self);
  } pages[] = {
    { "scenario", G_STRUCT_OFFSET (SkyWindow, scenario_page), build_scenario_page },
    { "compare", G_STRUCT_OFFSET (SkyWindow, compare_page), build_compare_page },
    { "tradeoffs", G_STRUCT_OFFSET (SkyWindow, tradeoffs_page), build_tradeoffs_page },
    { "budget", G_STRUCT_OFFSET (SkyWindow, budget_page), build_budget_page },
  };

  if (g_strcmp0 (name, "catalog") == 0)
    return GTK_WIDGET (self->catalog_page);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget **page = G_STRUCT_MEMBER_P (self, pages[i].offset);

      if (g_strcmp0 (name, pages[i].name) != 0)
        continue;
      if (*page == NULL)
        {
          ensure_document_catalog (self);
          pages[i].build (self);
          /* Laid out for the window's width as the pages built before it. */
          lay_out (self);
        }
      return *page;
    }
  return NULL;
}

static void
on_visible_page_changed (SkyWindow *self)
{
  ensure_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
}

/**
 * _sky_window_get_summary:
 *
 * Returns: (transfer none) (nullable): what the catalog holds, in a sentence, as the status
 *   page shows it when the catalog has no current sheet
 */
const char *
_sky_window_get_summary (SkyWindow *self)
{
  g_return_val_if_fail (SKY_IS_WINDOW (self), NULL);
  ensure_document_catalog (self);
  return self->summary;
}

/**
 * _sky_window_get_page:
 * @name: a page's name in the view stack: "catalog", "scenario", "compare", "tradeoffs" or
 *   "budget"
 *
 * The page, built now if it was not shown yet.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for a name of none
 */
GtkWidget *
_sky_window_get_page (SkyWindow  *self,
                      const char *name)
{
  g_return_val_if_fail (SKY_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ensure_page (self, name);
}

/* Recent scenarios ----------------------------------------------------------------------- */

#define MAX_RECENT 5

/* The primary menu's section of recently used scenarios that still exist. */
static void
update_recent_menu (SkyWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), "application/x-skytally-scenario") != 0 ||
          !gtk_recent_info_exists (info))
        continue;
      label = g_strdup (gtk_recent_info_get_display_name (info));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* The primary menu's popover is made when it is first opened, not before the first frame: a
 * popover menu builds all its items at once. Its recent scenarios are read then too, and
 * followed from then on: the recent files of every application are read at once, a desktop's
 * hundreds of them taking longer than the window's first frame takes to lay out. */
static void
on_primary_menu_opened (GtkMenuButton *button,
                        gpointer       user_data)
{
  SkyWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->primary_menu));
}

static void
on_scenario_file_changed (SkyWindow *self)
{
  GFile *file = sky_scenario_document_get_file (self->document);
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) "application/x-skytally-scenario",
    .app_name = (char *) "Skytally",
    .app_exec = (char *) "skytally %u",
  };

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  /* The manager tells of its changes a moment later; the menu need not wait. */
  update_recent_menu (self);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  confirm_open_scenario (SKY_WINDOW (widget), file);
}

/* Unsaved changes: save, discard, or stay. */
static gboolean
confirm_close (SkyWindow *self)
{
  if (self->close_confirmed || !sky_scenario_document_get_modified (self->document))
    return TRUE;
  confirm_replace (self, _("The scenario has changes that are not saved. Closing without "
                           "saving loses them."), close_now, NULL, NULL);
  return FALSE;
}

/* Window state ------------------------------------------------------------------------------ */

static gboolean
sky_window_close_request (GtkWindow *window)
{
  SkyWindow *self = SKY_WINDOW (window);
  int width, height;

  if (!confirm_close (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (sky_window_parent_class)->close_request (window);
}

/* The first frame ------------------------------------------------------------------------- */

/* The catalog page's rows are counted once the window has drawn its first frame and GTK is
 * idle: on a catalog of a million offers, the count would otherwise compete with the frame. */
static gboolean
release_count_cb (gpointer user_data)
{
  SkyWindow *self = user_data;
  SkyListingModel *model = sky_catalog_page_get_model (self->catalog_page);

  self->release_id = 0;
  if (model != NULL)
    sky_listing_model_release (model);
  ensure_document_catalog (self);
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            SkyWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, self);
  if (self->drawn)
    return;
  self->drawn = TRUE;
  self->release_id = g_idle_add (release_count_cb, self);
}

static void
on_realize (SkyWindow *self)
{
  if (!self->drawn)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_frame_clock_after_paint), self, 0);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
sky_window_constructed (GObject *object)
{
  SkyWindow *self = SKY_WINDOW (object);
  g_autoptr(SkyListingModel) model = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (sky_window_parent_class)->constructed (object);

  model = sky_listing_model_new (sky_catalog_get_path (self->catalog), &error);
  /* The table's connection only searches and counts: a page cache sized for that, not for an
   * import. Counting a million offers filled the import's 16 MiB. */
  if (model != NULL &&
      !sky_catalog_set_query_only (sky_listing_model_get_catalog (model), &error))
    g_clear_object (&model);
  sky_catalog_page_set_catalog (self->catalog_page, self->catalog);
  if (model != NULL)
    {
      sky_listing_model_hold (model);
      g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
      sky_catalog_page_set_model (self->catalog_page, model);
    }
  else
    g_warning ("Cannot open the catalog for browsing: %s", error->message);
  /* A catalog with a current sheet shows its page in the first frame; the rest waits for
   * after it. Any other shows the status page, which says what the catalog holds. */
  self->document_due = TRUE;
  if (!self->drawn && sky_catalog_has_current_sheets (self->catalog, NULL))
    gtk_stack_set_visible_child_name (self->content_stack, "catalog");
  else
    ensure_document_catalog (self);
}

static void
sky_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SkyWindow *self = SKY_WINDOW (object);

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
sky_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SkyWindow *self = SKY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_window_dispose (GObject *object)
{
  SkyWindow *self = SKY_WINDOW (object);

  /* An unanswered question goes with the window, and what it would have done. */
  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (self->question));
  /* No page is built while the view stack goes. */
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->view_stack, on_visible_page_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), SKY_TYPE_WINDOW);
  /* The pages built went with their slots, the switcher bar with its box, the progress with
   * its revealer. */
  self->status_page = NULL;
  self->progress_label = NULL;
  self->progress_bar = NULL;
  self->switcher_bar = NULL;
  self->scenario_page = NULL;
  self->scenario_paned = NULL;
  self->scenario_flap = NULL;
  self->scenario_pane = NULL;
  self->compare_page = NULL;
  self->tradeoffs_page = NULL;
  self->budget_page = NULL;
  g_clear_handle_id (&self->progress_timer, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_handle_id (&self->title_id, g_source_remove);
  g_queue_clear_full (&self->queue, g_object_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->summary, g_free);
  sky_gui_util_watch (&self->document, NULL, self);

  G_OBJECT_CLASS (sky_window_parent_class)->dispose (object);
}

static void
sky_window_class_init (SkyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (SKY_TYPE_CATALOG_PAGE);
  g_type_ensure (SKY_TYPE_SWITCHER_TITLE);

  object_class->constructed = sky_window_constructed;
  object_class->set_property = sky_window_set_property;
  object_class->get_property = sky_window_get_property;
  object_class->dispose = sky_window_dispose;
  window_class->close_request = sky_window_close_request;
  widget_class->size_allocate = sky_window_size_allocate;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SKY_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The scenario the window's pages show and edit. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/skytally/Skytally/sky-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, status_slot);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, catalog_page);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, scenario_slot);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, compare_slot);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, tradeoffs_slot);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, budget_slot);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, document_title);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, details_toggle);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SkyWindow, import_button);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.price-sheets", NULL, price_sheets_action);
  gtk_widget_class_install_action (widget_class, "win.update-prices", NULL,
                                   update_prices_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.new-scenario", NULL, new_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.guide", NULL, guide_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.guide", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-exported", "s", show_exported_action);
  gtk_widget_class_install_action (widget_class, "win.save-scenario", NULL,
                                   save_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.save-scenario-as", NULL,
                                   save_scenario_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-scenario", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-scenario", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-scenario-as",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find",
                                       NULL);
}

static void
sky_window_init (SkyWindow *self)
{
  GtkDropTarget *target;

  /* Before the template, whose pages are bound to it. */
  self->document = sky_scenario_document_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sky_keyboard_setup (GTK_WIDGET (self));
  g_queue_init (&self->queue);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-prices", sky_update_available ());

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  sky_catalog_page_bind_settings (self->catalog_page, self->settings);
  sky_catalog_page_set_document (self->catalog_page, self->document);
  g_signal_connect_swapped (self->document, "notify::title",
                            G_CALLBACK (on_scenario_title_changed), self);
  g_signal_connect_swapped (self->document, "changed",
                            G_CALLBACK (on_scenario_title_changed), self);
  /* A file opened or saved, also saved again, is a recent one. */
  g_signal_connect_swapped (self->document, "notify::file",
                            G_CALLBACK (on_scenario_file_changed), self);
  g_signal_connect_swapped (self->document, "saved",
                            G_CALLBACK (on_scenario_file_changed), self);
  /* Recent scenarios, between the scenario's items and the others. */
  self->recent_menu = g_menu_new ();
  g_menu_insert_section (self->primary_menu, 1, NULL, G_MENU_MODEL (self->recent_menu));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, on_primary_menu_opened, self,
                                         NULL);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (on_title_visible), self);
  on_scenario_title_changed (self);
  bind_details_panes (self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_visible_page_changed), self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_target_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

SkyWindow *
sky_window_new (SkyApplication *application,
                SkyCatalog     *catalog)
{
  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);

  return g_object_new (SKY_TYPE_WINDOW,
                       "application", application,
                       "catalog", catalog,
                       NULL);
}

gboolean
sky_window_get_busy (SkyWindow *self)
{
  g_return_val_if_fail (SKY_IS_WINDOW (self), FALSE);
  return self->busy;
}
