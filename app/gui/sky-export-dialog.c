/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-export.h"
#include "sky-export-dialog.h"
#include "sky-gui-util.h"
#include "sky-thread-task.h"

/* The Export dialog: a scenario's projection written for finance (CSV, with its assumptions in
 * a second file), as a PDF report, or as JSON, over a chosen period and providers. The files
 * are chosen through the file chooser (a portal in the sandbox, hence one chooser per file)
 * and written in a worker thread that Cancel stops. */
struct _SkyExportDialog
{
  AdwWindow          parent_instance;

  SkyCatalog        *catalog;
  SkyScenario       *scenario;
  char              *stem;          /* the suggested file name, without extension */
  GPtrArray         *provider_ids;  /* char *, in the scenario's order */
  GPtrArray         *provider_checks; /* GtkCheckButton *, the same order */
  GFile             *chosen;        /* the CSV chosen while its assumptions are asked for */
  GCancellable      *cancellable;
  guint              pulse_id;
  gboolean           busy;
  GArray            *shown_formats; /* guint: the entries of formats[] the Format row offers */

  AdwComboRow       *format_row;
  GtkSpinButton     *months_spin;
  AdwPreferencesGroup *providers_group;
  AdwPreferencesGroup *csv_group;
  AdwComboRow       *delimiter_row;
  GtkSwitch         *bom_switch;
  GtkSwitch         *assumptions_switch;
  GtkProgressBar    *progress_bar;
  GtkWidget         *export_button;
};

G_DEFINE_FINAL_TYPE (SkyExportDialog, sky_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The formats, in the order the Format row offers them. */
static const struct
{
  SkyExportFormat  format;
  const char      *label;
  const char      *extension;
  const char      *mime_type;
  const char      *filter_name;
  const char      *title;
} formats[] = {
  { SKY_EXPORT_XLSX, N_("Workbook for finance (XLSX)"), ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", N_("XLSX workbooks"),
    N_("Export Workbook") },
  { SKY_EXPORT_CSV, N_("CSV for other programs"), ".csv", "text/csv", N_("CSV files"),
    N_("Export CSV") },
  { SKY_EXPORT_PDF, N_("PDF report"), ".pdf", "application/pdf", N_("PDF documents"),
    N_("Export PDF Report") },
  { SKY_EXPORT_JSON, N_("JSON for automation"), ".json", "application/json", N_("JSON files"),
    N_("Export JSON") },
};

/* The entry of formats[] for @format. */
static guint
format_entry (SkyExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return i;
  g_return_val_if_reached (0);
}

static SkyExportFormat
chosen_format (SkyExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  if (i >= self->shown_formats->len)
    return SKY_EXPORT_CSV;
  return formats[g_array_index (self->shown_formats, guint, i)].format;
}

/* Chooses @format in the Format row, if this build writes it. */
void
sky_export_dialog_select_format (SkyExportDialog *self,
                                 SkyExportFormat  format)
{
  g_return_if_fail (SKY_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->shown_formats->len; i++)
    if (formats[g_array_index (self->shown_formats, guint, i)].format == format)
      adw_combo_row_set_selected (self->format_row, i);
}

static GStrv
chosen_providers (SkyExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->provider_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->provider_checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->provider_ids, i));
  return g_strv_builder_end (builder);
}

static void
update_actions (SkyExportDialog *self)
{
  g_auto(GStrv) providers = chosen_providers (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.export",
                                 !self->busy && providers[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->csv_group), chosen_format (self) == SKY_EXPORT_CSV);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !self->busy);
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (user_data);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (SkyExportDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (busy)
    self->pulse_id = g_timeout_add (100, pulse_cb, self->progress_bar);
  update_actions (self);
}

/* Writing ------------------------------------------------------------------------------------- */

typedef struct
{
  SkyCatalog       *catalog;
  SkyScenario      *scenario;
  SkyExportOptions  options;
  GStrv             providers;
  char             *path;
  char             *assumptions_path;  /* NULL without one */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_clear_pointer (&job->scenario, sky_scenario_free);
  g_strfreev (job->providers);
  g_free (job->path);
  g_free (job->assumptions_path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (sky_export_write (job->catalog, job->scenario, &job->options, job->path,
                        job->assumptions_path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Tells the window which files were written, for a toast. */
static void
announce (SkyExportDialog *self,
          const Job       *job)
{
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *assumptions = job->assumptions_path != NULL
                                 ? g_path_get_basename (job->assumptions_path) : NULL;
  g_autofree char *text = assumptions != NULL
                          /* Translators: two file names. */
                          ? g_strdup_printf (_("Exported “%s” and “%s”"), name, assumptions)
                          : g_strdup_printf (_("Exported “%s”"), name);

  g_autoptr(GFile) file = g_file_new_for_path (job->path);

  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, text, file);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);

  /* Closed meanwhile: the export was cancelled, unless it had finished already. */
  if (self->catalog == NULL)
    {
      if (written)
        announce (self, job);
      return;
    }
  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);
  if (written)
    {
      announce (self, job);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  sky_gui_util_show_error (GTK_WINDOW (self), _("Cannot Export"), error->message);
}

/* Writes the projection to @file, and for a CSV its assumptions to @assumptions (none when
 * NULL), as the dialog is set. */
void
sky_export_dialog_export_to (SkyExportDialog *self,
                             GFile           *file,
                             GFile           *assumptions)
{
  Job *job;

  g_return_if_fail (SKY_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  job = g_new0 (Job, 1);
  job->catalog = g_object_ref (self->catalog);
  job->scenario = sky_scenario_copy (self->scenario);
  job->providers = chosen_providers (self);
  job->path = g_file_get_path (file);
  job->assumptions_path = assumptions != NULL ? g_file_get_path (assumptions) : NULL;
  job->options.format = chosen_format (self);
  job->options.months = (guint) gtk_spin_button_get_value_as_int (self->months_spin);
  job->options.providers = (const char * const *) job->providers;
  job->options.dialect = adw_combo_row_get_selected (self->delimiter_row) == 1
                         ? SKY_CSV_SEMICOLON : SKY_CSV_STANDARD;
  job->options.bom = gtk_switch_get_active (self->bom_switch);
  job->options.no_assumptions = job->assumptions_path == NULL;
  {
    /* The preference of the Price Sheets window and the pages: when prices are old. */
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    job->options.stale_after_days = (guint) g_settings_get_int (settings, "stale-after-days");
  }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  sky_thread_task_run (self, self->cancellable, sky_export_dialog_export_to, job,
                       (GDestroyNotify) job_free, export_thread, exported_cb);
}

/* Choosing the files -------------------------------------------------------------------------- */

static GtkFileChooserNative *
new_chooser (SkyExportDialog *self,
             const char      *title,
             SkyExportFormat  format,
             const char      *name)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *safe = g_strdelimit (g_strdup (name), "/", '-');

  guint entry = format_entry (format);

  gtk_file_filter_set_name (filter, _(formats[entry].filter_name));
  gtk_file_filter_add_mime_type (filter, formats[entry].mime_type);
  gtk_file_filter_add_suffix (filter, formats[entry].extension + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), safe);
  return chooser;
}

static void
assumptions_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       SkyExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) csv = g_steal_pointer (&self->chosen);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && csv != NULL)
    sky_export_dialog_export_to (self, csv, file);
  g_object_unref (chooser);
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                SkyExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  if (chosen_format (self) == SKY_EXPORT_CSV && gtk_switch_get_active (self->assumptions_switch))
    {
      /* Asked for separately: a sandboxed app may write only the files it was given. */
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *assumptions = sky_export_assumptions_path (path);
      g_autofree char *name = g_path_get_basename (assumptions);
      g_autoptr(GFile) folder = g_file_get_parent (file);
      GtkFileChooserNative *next = new_chooser (self, _("Save the Assumptions"), SKY_EXPORT_CSV,
                                                name);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (next), folder, NULL);
      g_set_object (&self->chosen, file);
      g_signal_connect (next, "response", G_CALLBACK (assumptions_chosen_cb), self);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (next));
      return;
    }
  sky_export_dialog_export_to (self, file, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (widget);
  SkyExportFormat format = chosen_format (self);
  guint entry = format_entry (format);
  g_autofree char *name = g_strconcat (self->stem, formats[entry].extension, NULL);
  GtkFileChooserNative *chooser = new_chooser (self, _(formats[entry].title), format, name);

  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Cancel stops an export under way, or closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (widget);

  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Public -------------------------------------------------------------------------------------- */

SkyExportDialog *
sky_export_dialog_new (SkyCatalog        *catalog,
                       const SkyScenario *scenario,
                       GFile             *scenario_file)
{
  SkyExportDialog *self;
  g_autoptr(GPtrArray) sheets = NULL;

  g_return_val_if_fail (SKY_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  self = g_object_new (SKY_TYPE_EXPORT_DIALOG, NULL);
  self->catalog = g_object_ref (catalog);
  self->scenario = sky_scenario_copy (scenario);
  if (scenario_file != NULL)
    {
      g_autofree char *base = g_file_get_basename (scenario_file);
      self->stem = g_str_has_suffix (base, ".skytally")
                   ? g_strndup (base, strlen (base) - strlen (".skytally")) : g_strdup (base);
    }
  else
    self->stem = g_strdup (scenario->name);
  gtk_spin_button_set_value (self->months_spin, scenario->projection_months);

  /* A row per provider of the scenario, named as its price sheets name it. */
  sheets = sky_catalog_list_sheets (catalog, NULL);
  for (guint i = 0; i < scenario->providers->len; i++)
    {
      const char *id = g_ptr_array_index (scenario->providers, i);
      const char *name = id;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      for (guint j = 0; sheets != NULL && j < sheets->len; j++)
        if (g_strcmp0 (((SkySheetInfo *) g_ptr_array_index (sheets, j))->provider, id) == 0)
          name = ((SkySheetInfo *) g_ptr_array_index (sheets, j))->provider_name;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_actions), self);
      adw_preferences_group_add (self->providers_group, row);
      g_ptr_array_add (self->provider_ids, g_strdup (id));
      g_ptr_array_add (self->provider_checks, check);
    }
  update_actions (self);
  return self;
}

gboolean
sky_export_dialog_get_busy (SkyExportDialog *self)
{
  g_return_val_if_fail (SKY_IS_EXPORT_DIALOG (self), FALSE);
  return self->busy;
}

/* GObject ------------------------------------------------------------------------------------- */

static gboolean
sky_export_dialog_close_request (GtkWindow *window)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (window);

  /* Closing stops the export: what was not written yet is not written. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (sky_export_dialog_parent_class)->close_request (window);
}

static void
sky_export_dialog_dispose (GObject *object)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chosen);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (sky_export_dialog_parent_class)->dispose (object);
}

static void
sky_export_dialog_finalize (GObject *object)
{
  SkyExportDialog *self = SKY_EXPORT_DIALOG (object);

  g_clear_pointer (&self->scenario, sky_scenario_free);
  g_free (self->stem);
  g_ptr_array_unref (self->provider_ids);
  g_ptr_array_unref (self->provider_checks);
  g_array_unref (self->shown_formats);

  G_OBJECT_CLASS (sky_export_dialog_parent_class)->finalize (object);
}

static void
sky_export_dialog_class_init (SkyExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sky_export_dialog_dispose;
  object_class->finalize = sky_export_dialog_finalize;
  window_class->close_request = sky_export_dialog_close_request;

  /* Files were written: @message says which, for a toast, and @file is the export itself. */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-export-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyExportDialog, name)
  CHILD (format_row);
  CHILD (months_spin);
  CHILD (providers_group);
  CHILD (csv_group);
  CHILD (delimiter_row);
  CHILD (bom_switch);
  CHILD (assumptions_switch);
  CHILD (progress_bar);
  CHILD (export_button);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "dialog.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
sky_export_dialog_init (SkyExportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  /* The formats this build writes: a workbook only with libxlsxwriter. */
  self->shown_formats = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (sky_export_can_write (formats[i].format))
      {
        g_array_append_val (self->shown_formats, i);
        gtk_string_list_append (labels, _(formats[i].label));
      }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->provider_checks = g_ptr_array_new ();
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_actions),
                            self);
}
