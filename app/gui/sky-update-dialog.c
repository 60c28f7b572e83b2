/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-thread-task.h"
#include "sky-update.h"
#include "sky-update-dialog.h"
#include "sky-vocabulary.h"

/* Update Prices: a provider's current price lists downloaded from its public endpoint,
 * converted (sky_update_fetch_async(), in a worker thread), then imported into the catalog in
 * order. An update that fails or is cancelled changes nothing: the sheets imported before the
 * one that failed are removed again. At the end the dialog says what changed, sheet by sheet. */
struct _SkyUpdateDialog
{
  AdwWindow            parent_instance;

  SkyCatalog          *catalog;
  char                *endpoint;       /* NULL: the providers' own */
  const SkyUpdateProvider *provider;   /* chosen */
  GPtrArray           *service_ids;    /* char *, the order of service_checks */
  GPtrArray           *service_checks; /* GtkCheckButton * */
  GPtrArray           *region_codes;   /* char *, the order of region_checks */
  GPtrArray           *region_checks;  /* GtkCheckButton * */
  GPtrArray           *rows;           /* the rows added to the groups, removed on a change */
  GCancellable        *cancellable;
  struct Progress     *progress;       /* of the step under way */
  SkyUpdateResult     *result;         /* the sheets downloaded, while they are imported */
  GPtrArray           *sheets;         /* char *, the sheet files to import, in order */
  guint                next_sheet;
  GPtrArray           *imports;        /* SkyImportResult, of the sheets imported so far */
  GError              *failure;        /* why the update stopped, while it is undone */
  guint                pulse_id;
  gboolean             busy;
  gboolean             closed;         /* the widgets are gone: late results update nothing */

  AdwPreferencesGroup *intro_group;
  AdwComboRow         *provider_row;
  AdwPasswordEntryRow *credential_row;
  AdwPreferencesGroup *services_group;
  AdwPreferencesGroup *regions_group;
  AdwEntryRow         *region_entry;
  GtkStack            *stack;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwStatusPage       *result_page;
  GtkListBox          *result_list;
  GtkWidget           *update_button;
  GtkWidget           *cancel_button;
};

G_DEFINE_FINAL_TYPE (SkyUpdateDialog, sky_update_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_ENDPOINT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Progress ------------------------------------------------------------------------------------ */

/* What the worker thread says it is doing, shown by the main thread at its pace: the worker
 * writes under the lock and asks for one idle call at a time. */
typedef struct Progress
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  SkyUpdateDialog *dialog;      /* a reference */
  char            *what;
  guint64          done;
  guint64          total;
  gboolean         pending;
} Progress;

static Progress *
progress_new (SkyUpdateDialog *dialog)
{
  Progress *p = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&p->ref_count);
  g_mutex_init (&p->lock);
  p->dialog = g_object_ref (dialog);
  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

/* The last reference goes in the main thread: the idle calls and the async callbacks hold
 * them. */
static void
progress_unref (Progress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref_count))
    return;
  g_mutex_clear (&p->lock);
  g_free (p->what);
  g_object_unref (p->dialog);
  g_free (p);
}

static void
set_pulsing (SkyUpdateDialog *self,
             gboolean         pulsing);

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *p = user_data;
  SkyUpdateDialog *self = p->dialog;
  g_autofree char *what = NULL;
  guint64 done, total;

  g_mutex_lock (&p->lock);
  p->pending = FALSE;
  what = g_strdup (p->what);
  done = p->done;
  total = p->total;
  g_mutex_unlock (&p->lock);

  if (self->closed || self->progress != p)
    return G_SOURCE_REMOVE;
  if (what != NULL)
    gtk_label_set_label (self->progress_label, what);
  set_pulsing (self, total == 0);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   (double) MIN (done, total) / (double) total);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread. */
static void
report (Progress   *p,
        const char *what,
        guint64     done,
        guint64     total)
{
  g_mutex_lock (&p->lock);
  if (what != NULL && g_strcmp0 (what, p->what) != 0)
    {
      g_free (p->what);
      p->what = g_strdup (what);
    }
  p->done = done;
  p->total = total;
  if (!p->pending)
    {
      p->pending = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, show_progress_cb, progress_ref (p),
                       (GDestroyNotify) progress_unref);
    }
  g_mutex_unlock (&p->lock);
}

static void
update_progress_cb (const char *what,
                    guint64     done,
                    guint64     total,
                    gpointer    user_data)
{
  report (user_data, what, done, total);
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  report (user_data, NULL, done, total);
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (user_data);
  return G_SOURCE_CONTINUE;
}

static void
set_pulsing (SkyUpdateDialog *self,
             gboolean         pulsing)
{
  if (pulsing && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self->progress_bar);
  else if (!pulsing)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* A new step: what it does, its progress unknown until the worker says. */
static Progress *
begin_step (SkyUpdateDialog *self,
            const char      *what)
{
  if (self->progress != NULL)
    progress_unref (self->progress);
  self->progress = progress_new (self);
  if (!self->closed)
    {
      gtk_label_set_label (self->progress_label, what);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      set_pulsing (self, TRUE);
    }
  return self->progress;
}

/* The form ------------------------------------------------------------------------------------ */

static GStrv
checked (GPtrArray *ids,
         GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (ids, i));
  return g_strv_builder_end (builder);
}

static void
update_actions (SkyUpdateDialog *self)
{
  g_auto(GStrv) services = NULL;
  g_auto(GStrv) regions = NULL;
  gboolean ready;

  if (self->closed)
    return;
  services = checked (self->service_ids, self->service_checks);
  regions = checked (self->region_codes, self->region_checks);
  ready = !self->busy && self->provider != NULL && services[0] != NULL &&
          (!self->provider->regional || regions[0] != NULL) &&
          (self->provider->credential == NULL ||
           *gtk_editable_get_text (GTK_EDITABLE (self->credential_row)) != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.update", ready);
  gtk_widget_set_visible (self->update_button,
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0);
}

/* A row with a check box in front, titled @title, added to @group. */
static GtkWidget *
add_check_row (SkyUpdateDialog     *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_actions), self);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return check;
}

static void
add_region (SkyUpdateDialog *self,
            const char      *code,
            const char      *name,
            gboolean         active)
{
  GtkWidget *check;

  for (guint i = 0; i < self->region_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->region_codes, i), code) == 0)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->region_checks, i), TRUE);
        return;
      }
  check = add_check_row (self, self->regions_group, name != NULL ? name : code,
                         name != NULL ? code : NULL, active);
  g_ptr_array_add (self->region_codes, g_strdup (code));
  g_ptr_array_add (self->region_checks, check);

  /* The entry stays below the regions. */
  {
    g_autoptr(GtkWidget) entry = g_object_ref (GTK_WIDGET (self->region_entry));
    gboolean focused = gtk_widget_has_focus (entry) ||
                       gtk_widget_get_focus_child (entry) != NULL;

    adw_preferences_group_remove (self->regions_group, entry);
    adw_preferences_group_add (self->regions_group, entry);
    if (focused)
      gtk_widget_grab_focus (entry);
  }
}

static const char intro[] =
  N_("The current price lists are downloaded from the provider and added to the catalog as "
     "new price sheets; the sheets there now stay.");

/* The rows of the provider chosen: its services, by their titles, all checked; for a provider
 * whose lists are per region, the regions the catalog has of it, checked; the credential it
 * needs, from its environment variable. */
static void
provider_changed (SkyUpdateDialog *self)
{
  guint index = adw_combo_row_get_selected (self->provider_row);
  const SkyUpdateProvider *provider = index < sky_update_n_providers ()
                                      ? sky_update_nth_provider (index) : NULL;
  g_autoptr(GPtrArray) regions = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (
        gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->service_ids, 0);
  g_ptr_array_set_size (self->service_checks, 0);
  g_ptr_array_set_size (self->region_codes, 0);
  g_ptr_array_set_size (self->region_checks, 0);
  self->provider = provider;
  if (provider == NULL)
    return;

  for (guint i = 0; provider->services != NULL && provider->services[i] != NULL; i++)
    {
      const char *id = provider->services[i];
      const SkyService *service = sky_service_lookup (provider->id, id);
      GtkWidget *check = add_check_row (self, self->services_group,
                                        service != NULL ? _(service->word.title) : id, NULL,
                                        TRUE);

      g_ptr_array_add (self->service_ids, g_strdup (id));
      g_ptr_array_add (self->service_checks, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->regions_group), provider->regional);
  if (provider->regional)
    regions = sky_catalog_list_provider_regions (self->catalog, provider->id, NULL);
  for (guint i = 0; regions != NULL && i + 1 < regions->len; i += 2)
    add_region (self, g_ptr_array_index (regions, i), g_ptr_array_index (regions, i + 1), TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->credential_row), provider->credential != NULL);
  adw_preferences_group_set_description (self->intro_group, _(intro));
  if (provider->credential != NULL)
    {
      const char *from_env = provider->credential_env != NULL
                             ? g_getenv (provider->credential_env) : NULL;
      /* Translators: a provider's name and what it asks for: "DigitalOcean token". */
      g_autofree char *title = g_strdup_printf (_("%s %s"), _(provider->name),
                                                _(provider->credential));
      /* Translators: the first %s is "token" or "API key", the second an environment
       * variable. */
      g_autofree char *hint = provider->credential_env == NULL ? NULL
                              : g_strdup_printf (_("Your %s is used for this update only and "
                                                   "never stored; %s fills it in."),
                                                 _(provider->credential),
                                                 provider->credential_env);
      g_autofree char *description = hint != NULL ? g_strdup_printf ("%s %s", _(intro), hint)
                                                  : NULL;

      if (description != NULL)
        adw_preferences_group_set_description (self->intro_group, description);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->credential_row), title);
      gtk_editable_set_text (GTK_EDITABLE (self->credential_row),
                             from_env != NULL ? from_env : "");
    }
  update_actions (self);
}

/* A region code typed in: added checked, or checked if listed. */
static void
region_entered_cb (SkyUpdateDialog *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->region_entry))));

  if (*code == '\0')
    return;
  add_region (self, code, NULL, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->region_entry), "");
  update_actions (self);
}

/* The end ------------------------------------------------------------------------------------- */

static void
set_busy (SkyUpdateDialog *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  if (!busy)
    {
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->progress, progress_unref);
    }
  if (!self->closed)
    {
      if (!busy)
        set_pulsing (self, FALSE);
      update_actions (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The result page: @title, @description and, for each sheet imported, a row. */
static void
show_result (SkyUpdateDialog *self,
             const char      *icon,
             const char      *title,
             const char      *description,
             GPtrArray       *changes)
{
  g_autofree char *escaped = NULL;

  if (self->closed)
    return;
  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_title (self->result_page, title);
  /* Shown as markup: an error message may quote a sheet's XML. */
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_description (self->result_page, escaped);
  for (guint i = 0; changes != NULL && i + 1 < changes->len; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_ptr_array_index (changes, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (changes, i + 1));
      gtk_list_box_append (self->result_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), changes != NULL && changes->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  update_actions (self);
}

/* An update that did not happen: the catalog is as it was. */
static void
show_failure (SkyUpdateDialog *self,
              const GError    *error)
{
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_result (self, "process-stop-symbolic", _("Update Cancelled"),
                 _("The catalog was not changed."), NULL);
  else
    {
      /* Translators: an error message, then a sentence. */
      description = g_strdup_printf (_("%s\n\nThe catalog was not changed."), error->message);
      show_result (self, "dialog-error-symbolic", _("Could Not Update the Prices"),
                   description, NULL);
    }
}

/* What changed, worked out in a thread of its own on a connection of its own: for each sheet
 * imported, a title and a subtitle. */
typedef struct
{
  char      *catalog_path;
  GPtrArray *imports;     /* SkyImportResult */
} Changes;

static void
changes_free (Changes *changes)
{
  g_free (changes->catalog_path);
  g_clear_pointer (&changes->imports, g_ptr_array_unref);
  g_free (changes);
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/* The services' titles, "Droplets, Volumes". */
static char *
service_titles (const char *provider,
                GPtrArray  *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const SkyService *service = sky_service_lookup (provider, id);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, service != NULL ? _(service->word.title) : id);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "replaces 2025.06 for Droplets, Volumes": the services @version took over from another
 * sheet, as the catalog says now. */
static char *
describe_replaced (GPtrArray  *sheets,
                   const char *provider,
                   const char *version)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sheets != NULL && i < sheets->len; i++)
    {
      const SkySheetInfo *info = g_ptr_array_index (sheets, i);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autofree char *titles = NULL;

      if (g_strcmp0 (info->provider, provider) != 0 || g_strcmp0 (info->version, version) == 0)
        continue;
      for (guint k = 0; info->superseded_services[k] != NULL; k++)
        if (g_strcmp0 (info->superseded_by[k], version) == 0)
          g_ptr_array_add (ids, info->superseded_services[k]);
      if (ids->len == 0)
        continue;
      titles = service_titles (provider, ids);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: a sheet's version, then a list of services: "2025.06 for Droplets,
       * Volumes". */
      g_string_append_printf (text, _("%s for %s"), info->version, titles);
    }
  if (text->len == 0)
    return NULL;
  /* Translators: %s is "2025.06 for Droplets, Volumes". */
  return g_strdup_printf (_("Replaces %s"), text->str);
}

static void
changes_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Changes *changes = task_data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  GError *error = NULL;

  catalog = sky_catalog_open_full (changes->catalog_path, SKY_CATALOG_OPEN_READ_ONLY, NULL,
                                   &error);
  if (catalog == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sheets = sky_catalog_list_sheets (catalog, NULL);
  for (guint i = 0; i < changes->imports->len; i++)
    {
      const SkyImportResult *import = g_ptr_array_index (changes->imports, i);
      g_autofree char *offers = format_count (import->offers);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *replaced = NULL;

      if (import->status != SKY_IMPORT_ADDED)
        {
          /* Translators: a provider's name and a sheet's version. */
          g_ptr_array_add (texts, g_strdup_printf (_("%s %s was in the catalog already"),
                                                   import->provider_name, import->version));
          g_ptr_array_add (texts, g_strdup (""));
          continue;
        }
      /* Translators: a provider's name, a sheet's version and a number of offers. */
      g_ptr_array_add (texts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Added %s %s: %s offer",
                                                            "Added %s %s: %s offers",
                                                            import->offers),
                                               import->provider_name, import->version,
                                               offers));
      replaced = describe_replaced (sheets, import->provider, import->version);
      if (replaced != NULL)
        g_string_append (subtitle, replaced);
      else if (import->upcoming)
        g_string_append_printf (subtitle, _("Current from %s"), import->effective_date);
      else
        g_string_append (subtitle, _("The first price sheet of its services"));
      if (import->superseded != NULL)
        {
          SkySheetDiff diff;
          g_autofree char *counts = NULL;

          if (sky_catalog_diff_sheets (catalog, import->provider, import->superseded,
                                       import->version, &diff, NULL))
            {
              counts = sky_sheet_diff_describe (&diff);
              /* Translators: what changed since which version: "Since 2025.06: 312 prices
               * lower, …". */
              g_string_append_c (subtitle, '\n');
              g_string_append_printf (subtitle, _("Since %s: %s"), import->superseded, counts);
            }
        }
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&subtitle), FALSE));
    }
  g_task_return_pointer (task, g_steal_pointer (&texts), (GDestroyNotify) g_ptr_array_unref);
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);
  g_autoptr(GPtrArray) texts = g_task_propagate_pointer (G_TASK (result), NULL);
  Changes *changes = g_task_get_task_data (G_TASK (result));
  guint added = 0;

  for (guint i = 0; i < changes->imports->len; i++)
    if (((SkyImportResult *) g_ptr_array_index (changes->imports, i))->status ==
        SKY_IMPORT_ADDED)
      added++;
  set_busy (self, FALSE);
  if (added == 0)
    show_result (self, "emblem-ok-symbolic", _("Prices Unchanged"),
                 _("Prices unchanged since the last update"), texts);
  else
    show_result (self, "emblem-ok-symbolic", _("Prices Updated"),
                 g_dngettext (GETTEXT_PACKAGE, "A price sheet was added to the catalog",
                              "Price sheets were added to the catalog", added), texts);
}

static void import_next (SkyUpdateDialog *self);

static void undo_next (SkyUpdateDialog *self);

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SkyUpdateDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sky_catalog_remove_sheet_finish (SKY_CATALOG (object), result, &error))
    {
      /* Translators: why the update stopped, then why what it had imported stays. */
      g_autofree char *description =
        g_strdup_printf (_("%s\n\nThe price sheets it had imported could not all be removed "
                           "again: %s"), self->failure->message, error->message);

      g_clear_error (&self->failure);
      g_ptr_array_set_size (self->imports, 0);
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
      set_busy (self, FALSE);
      show_result (self, "dialog-error-symbolic", _("Could Not Update the Prices"), description,
                   NULL);
      return;
    }
  undo_next (self);
}

/* Removes the sheets this update added, the last first; then says why it stopped. */
static void
undo_next (SkyUpdateDialog *self)
{
  while (self->imports->len > 0)
    {
      g_autoptr(SkyImportResult) import = g_ptr_array_steal_index (self->imports,
                                                                   self->imports->len - 1);

      if (import->status == SKY_IMPORT_ADDED)
        {
          sky_catalog_remove_sheet_async (self->catalog, import->provider, import->version,
                                          NULL, undone_cb, g_object_ref (self));
          return;
        }
    }
  set_busy (self, FALSE);
  show_failure (self, self->failure);
  g_clear_error (&self->failure);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SkyUpdateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SkyImportResult *import = sky_catalog_import_file_finish (SKY_CATALOG (object), result,
                                                            &error);

  if (import == NULL)
    {
      self->failure = g_steal_pointer (&error);
      g_clear_pointer (&self->sheets, g_ptr_array_unref);
      /* The cache forgets these lists, so that the next update fetches and imports them. */
      if (self->result != NULL)
        sky_update_forget (self->result);
      g_clear_pointer (&self->result, sky_update_result_free);
      begin_step (self, _("Undoing the update…"));
      undo_next (self);
      return;
    }
  g_ptr_array_add (self->imports, import);
  import_next (self);
}

/* Imports the next sheet downloaded; after the last, works out what changed. */
static void
import_next (SkyUpdateDialog *self)
{
  GPtrArray *sheets = self->sheets;

  if (self->next_sheet < sheets->len)
    {
      const char *path = g_ptr_array_index (sheets, self->next_sheet);
      g_autofree char *name = g_path_get_basename (path);
      /* Translators: "Importing aws-ec2-us-east-1.xml (2 of 3)". */
      g_autofree char *what = g_strdup_printf (_("Importing %s (%u of %u)"), name,
                                               self->next_sheet + 1, sheets->len);
      Progress *p = begin_step (self, what);

      self->next_sheet++;
      sky_catalog_import_file_async (self->catalog, path, import_progress_cb, p,
                                     self->cancellable, imported_cb, g_object_ref (self));
      return;
    }

  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->result, sky_update_result_free);
  if (self->imports->len > 0)
    g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  {
    Changes *changes = g_new0 (Changes, 1);

    changes->catalog_path = g_strdup (sky_catalog_get_path (self->catalog));
    changes->imports = g_steal_pointer (&self->imports);
    self->imports = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_import_result_free);
    begin_step (self, _("Comparing the prices…"));
    sky_thread_task_run (self, NULL, changes_thread, changes, (GDestroyNotify) changes_free,
                         changes_thread, changes_cb);
  }
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SkyUpdateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SkyUpdateResult *fetched = sky_update_fetch_finish (result, &error);

  if (fetched == NULL)
    {
      set_busy (self, FALSE);
      show_failure (self, error);
      return;
    }
  if (fetched->unchanged || fetched->sheets->len == 0)
    {
      sky_update_result_free (fetched);
      set_busy (self, FALSE);
      show_result (self, "emblem-ok-symbolic", _("Prices Unchanged"),
                   _("Prices unchanged since the last update"), NULL);
      return;
    }
  self->result = fetched;
  self->sheets = g_ptr_array_ref (fetched->sheets);
  self->next_sheet = 0;
  import_next (self);
}

static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (widget);
  g_auto(GStrv) services = checked (self->service_ids, self->service_checks);
  g_auto(GStrv) regions = checked (self->region_codes, self->region_checks);
  SkyUpdateRequest request = { 0 };
  Progress *p;

  g_return_if_fail (!self->busy && self->provider != NULL);

  request.provider = self->provider->id;
  request.services = (const char * const *) services;
  request.regions = self->provider->regional ? (const char * const *) regions : NULL;
  request.endpoint = self->endpoint;
  if (self->provider->credential != NULL)
    request.credential = gtk_editable_get_text (GTK_EDITABLE (self->credential_row));

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  /* Translators: %s is a provider's name. */
  {
    g_autofree char *what = g_strdup_printf (_("Asking %s for its price lists…"),
                                             _(self->provider->name));

    p = begin_step (self, what);
  }
  sky_update_fetch_async (&request, update_progress_cb, p, self->cancellable, fetched_cb,
                          g_object_ref (self));
}

/**
 * sky_update_dialog_import_files:
 * @files: (array zero-terminated=1): price sheets, imported in this order
 *
 * Imports @files as an update's sheets are imported, all or none, and says what changed:
 * for sheets had by other means than the providers' endpoints (a mirror's files, say).
 */
void
sky_update_dialog_import_files (SkyUpdateDialog    *self,
                                const char * const *files)
{
  g_return_if_fail (SKY_IS_UPDATE_DIALOG (self));
  g_return_if_fail (files != NULL);
  g_return_if_fail (!self->busy);

  self->sheets = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (self->sheets, g_strdup (files[i]));
  self->next_sheet = 0;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  import_next (self);
}

/* Cancel stops an update under way, which then changes nothing; or closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (widget);

  if (self->busy)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Public -------------------------------------------------------------------------------------- */

SkyUpdateDialog *
sky_update_dialog_new (SkyCatalog *catalog)
{
  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);

  return g_object_new (SKY_TYPE_UPDATE_DIALOG, "catalog", catalog, NULL);
}

const char *
sky_update_dialog_get_endpoint (SkyUpdateDialog *self)
{
  g_return_val_if_fail (SKY_IS_UPDATE_DIALOG (self), NULL);
  return self->endpoint;
}

/* Where the price lists are asked for: NULL for each provider's public endpoint, or the base
 * URL of a mirror. */
void
sky_update_dialog_set_endpoint (SkyUpdateDialog *self,
                                const char      *endpoint)
{
  g_return_if_fail (SKY_IS_UPDATE_DIALOG (self));

  if (g_strcmp0 (self->endpoint, endpoint) == 0)
    return;
  g_free (self->endpoint);
  self->endpoint = g_strdup (endpoint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);
}

gboolean
sky_update_dialog_get_busy (SkyUpdateDialog *self)
{
  g_return_val_if_fail (SKY_IS_UPDATE_DIALOG (self), FALSE);
  return self->busy;
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_update_dialog_constructed (GObject *object)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (sky_update_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < sky_update_n_providers (); i++)
    gtk_string_list_append (names, _(sky_update_nth_provider (i)->name));
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  g_signal_connect_swapped (self->provider_row, "notify::selected",
                            G_CALLBACK (provider_changed), self);
  provider_changed (self);
}

static gboolean
sky_update_dialog_close_request (GtkWindow *window)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (window);

  /* Closing stops the update; what it imported is removed again. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (sky_update_dialog_parent_class)->close_request (window);
}

static void
sky_update_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_ENDPOINT:
      sky_update_dialog_set_endpoint (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_update_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* An update under way goes on to its end (or its undoing) after the dialog is closed: the
 * callbacks hold the dialog, whose catalog stays until then. */
static void
sky_update_dialog_dispose (GObject *object)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_UPDATE_DIALOG);

  G_OBJECT_CLASS (sky_update_dialog_parent_class)->dispose (object);
}

static void
sky_update_dialog_finalize (GObject *object)
{
  SkyUpdateDialog *self = SKY_UPDATE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->result, sky_update_result_free);
  g_clear_error (&self->failure);
  g_free (self->endpoint);
  g_ptr_array_unref (self->service_ids);
  g_ptr_array_unref (self->service_checks);
  g_ptr_array_unref (self->region_codes);
  g_ptr_array_unref (self->region_checks);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->imports);

  G_OBJECT_CLASS (sky_update_dialog_parent_class)->finalize (object);
}

static void
sky_update_dialog_class_init (SkyUpdateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sky_update_dialog_constructed;
  object_class->set_property = sky_update_dialog_set_property;
  object_class->get_property = sky_update_dialog_get_property;
  object_class->dispose = sky_update_dialog_dispose;
  object_class->finalize = sky_update_dialog_finalize;
  window_class->close_request = sky_update_dialog_close_request;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SKY_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The base URL the price lists are asked of; NULL for each provider's public endpoint. */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An update is under way: downloading, importing, or undoing what it imported. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Sheets were added to the catalog (or removed again when the update failed after). */
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-update-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyUpdateDialog, name)
  CHILD (intro_group);
  CHILD (provider_row);
  CHILD (credential_row);
  CHILD (services_group);
  CHILD (regions_group);
  CHILD (region_entry);
  CHILD (stack);
  CHILD (progress_bar);
  CHILD (progress_label);
  CHILD (result_page);
  CHILD (result_list);
  CHILD (update_button);
  CHILD (cancel_button);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "dialog.update", NULL, update_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
sky_update_dialog_init (SkyUpdateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->update_button);
  self->service_ids = g_ptr_array_new_with_free_func (g_free);
  self->service_checks = g_ptr_array_new ();
  self->region_codes = g_ptr_array_new_with_free_func (g_free);
  self->region_checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->imports = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_import_result_free);
  g_signal_connect_swapped (self->region_entry, "apply", G_CALLBACK (region_entered_cb), self);
  g_signal_connect_swapped (self->region_entry, "entry-activated",
                            G_CALLBACK (region_entered_cb), self);
  g_signal_connect_swapped (self->credential_row, "changed", G_CALLBACK (update_actions),
                            self);
}
