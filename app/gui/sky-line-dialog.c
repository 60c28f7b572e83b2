/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-line-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-terms.h"
#include "sky-line-dialog.h"
#include "sky-sheet-reader.h"
#include "sky-vocabulary.h"

/* Adds or edits one line of a scenario: what it is, how much of it, and either the offer it is
 * priced with or the requirement each provider meets with its cheapest offer. "done" is
 * emitted when the fields hold a valid line; sky_line_dialog_get_line() returns it. */
struct _SkyLineDialog
{
  AdwWindow        parent_instance;

  SkyScenarioLine *line;       /* what it was opened with, for the offer and the kind */

  AdwEntryRow     *label_row;
  AdwEntryRow     *group_row;
  AdwEntryRow     *quantity_row;
  AdwComboRow     *unit_row;
  AdwEntryRow     *usage_row;
  AdwComboRow     *term_row;
  AdwPreferencesGroup *offer_group;
  AdwActionRow    *offer_row;
  AdwPreferencesGroup *requirement_group;
  AdwComboRow     *category_row;
  AdwEntryRow     *vcpu_row;
  AdwEntryRow     *memory_row;
  AdwComboRow     *geography_row;
  AdwEntryRow     *region_row;
  AdwComboRow     *os_row;
  AdwEntryRow     *storage_row;
  AdwComboRow     *engine_row;
  AdwComboRow     *deployment_row;
  AdwActionRow    *regions_row;
  GtkSwitch       *regions_switch;
  GtkLabel        *error_label;

  AdwEntryRow     *error_row;  /* the field whose error is shown beside it, or NULL */
  GtkMenuButton   *storage_button;
  GPtrArray       *storage_checks; /* a GtkCheckButton per storage type of the vocabulary */
  gboolean         syncing;
  GStrv            deployments;    /* the kinds the deployment row offers, in its order */
  GStrv            offer_deployments; /* an offer line's: its service's kinds; NULL: by
                                       * category */
};

G_DEFINE_FINAL_TYPE (SkyLineDialog, sky_line_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_combo_titled (AdwComboRow        *row,
                   const char         *any,
                   const char * const *values,
                   const char * const *titles,
                   const char         *selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint position = 0;

  if (any != NULL)
    gtk_string_list_append (list, any);
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (list, titles != NULL ? titles[i] : values[i]);
      if (g_strcmp0 (values[i], selected) == 0)
        position = i + (any != NULL ? 1 : 0);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, position);
}

/* The value chosen in @row, or NULL for "Any". */
static const char *
combo_value (AdwComboRow        *row,
             gboolean            has_any,
             const char * const *values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || (has_any && selected == 0))
    return NULL;
  return values[selected - (has_any ? 1 : 0)];
}

static void
set_decimal (AdwEntryRow *row,
             SkyDecimal   value,
             gboolean     show)
{
  g_autofree char *text = show ? sky_decimal_to_string (value) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The row's text, or NULL when it is empty. */
static char *
get_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The label beside @row that shows its error: one per field, made hidden with the dialog. */
static GtkLabel *
field_error_label (AdwEntryRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sky-error-label");
}

static void
add_field_error_label (AdwEntryRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  adw_entry_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "sky-error-label", label);
}

/* No field shows an error any more. */
static void
clear_errors (SkyLineDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (self->error_row == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (field_error_label (self->error_row)), FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_row), GTK_ACCESSIBLE_STATE_INVALID);
  self->error_row = NULL;
}

/* @message beside @row, which is styled as an error and focused, until it is edited. */
static void
show_field_error (SkyLineDialog *self,
                  AdwEntryRow   *row,
                  const char    *message)
{
  GtkLabel *label = field_error_label (row);

  clear_errors (self);
  self->error_row = row;
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_field_changed (GtkEditable   *editable,
                  SkyLineDialog *self)
{
  if ((gpointer) editable == (gpointer) self->error_row)
    clear_errors (self);
}

/* Reads a decimal field; empty gives @fallback. FALSE, with the error shown, when it is not a
 * number. */
static gboolean
read_decimal (SkyLineDialog *self,
              AdwEntryRow   *row,
              guint          max_scale,
              SkyDecimal     fallback,
              SkyDecimal    *out,
              gboolean      *given)
{
  g_autofree char *text = get_text (row);
  g_autoptr(GError) error = NULL;

  if (given != NULL)
    *given = text != NULL;
  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (sky_decimal_parse (text, max_scale, FALSE, out, &error))
    return TRUE;
  show_field_error (self, row, error->message);
  return FALSE;
}

/* The unit whose id or title is @name, in any case ("TB", "tib", "GiB-month"); NULL when none
 * is. */
static const SkyUnit *
unit_named (const char *name)
{
  for (guint i = 0; sky_unit_nth (i) != NULL; i++)
    {
      const SkyUnit *u = sky_unit_nth (i);

      if (g_ascii_strcasecmp (u->word.id, name) == 0 ||
          g_ascii_strcasecmp (u->word.title, name) == 0 ||
          g_ascii_strcasecmp (_(u->word.title), name) == 0)
        return u;
    }
  return NULL;
}

/* Reads the usage: a number in the line's unit @unit_id, or a number and a unit of the same
 * measure ("2 TB" for a line per GB-month or GB: 2000), converted exactly where the digits
 * allow (to 10 decimals). Data counts as data for the month: a line per GB-month takes "2 TB"
 * as 2 TB kept all month. Empty: no usage given. FALSE, with the error beside the field, when
 * it is neither. */
static gboolean
read_usage (SkyLineDialog *self,
            const char    *unit_id,
            SkyDecimal    *out,
            gboolean      *given)
{
  g_autofree char *text = get_text (self->usage_row);
  g_autoptr(GError) error = NULL;
  const SkyUnit *to = sky_unit_lookup (unit_id);
  const SkyUnit *from;
  SkyUnit same;
  SkyDecimal value;
  const char *p;
  g_autofree char *number = NULL;

  *given = text != NULL;
  *out = sky_decimal_from_int (0);
  if (text == NULL)
    return TRUE;
  for (p = text; *p != '\0' && !g_ascii_isalpha (*p); p++)
    ;
  number = g_strstrip (g_strndup (text, p - text));
  if (!sky_decimal_parse (number, 10, FALSE, &value, &error))
    {
      show_field_error (self, self->usage_row, error->message);
      return FALSE;
    }
  if (*p == '\0')
    {
      *out = value;
      return TRUE;
    }
  from = unit_named (p);
  if (from == NULL || to == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a unit"), p);
      show_field_error (self, self->usage_row, message);
      return FALSE;
    }
  same = *from;
  if ((from->dimension == SKY_DIMENSION_DATA && to->dimension == SKY_DIMENSION_DATA_MONTHS) ||
      (from->dimension == SKY_DIMENSION_DATA_MONTHS && to->dimension == SKY_DIMENSION_DATA))
    same.dimension = to->dimension;
  if (!sky_unit_convert (value, &same, to, 10, SKY_ROUND_HALF_UP, out))
    {
      /* Translators: a unit the usage was written in, then the line's unit. */
      g_autofree char *message = g_strdup_printf (_("%s cannot be counted in %s"),
                                                  _(from->word.title), _(to->word.title));
      show_field_error (self, self->usage_row, message);
      return FALSE;
    }
  *out = sky_decimal_normalize (*out);
  return TRUE;
}

/* The line the fields describe, or NULL (with the reason shown) when one is not valid. */
SkyScenarioLine *
sky_line_dialog_get_line (SkyLineDialog *self)
{
  g_autoptr(SkyScenarioLine) line = NULL;
  SkyDecimal vcpu, memory;
  g_autofree char *storage = NULL;

  g_return_val_if_fail (SKY_IS_LINE_DIALOG (self), NULL);

  line = sky_scenario_line_copy (self->line);
  g_clear_pointer (&line->label, g_free);
  line->label = get_text (self->label_row);
  clear_errors (self);
  if (line->label == NULL)
    {
      show_field_error (self, self->label_row, _("Give the line a label, such as “API servers”."));
      return NULL;
    }
  g_free (line->group);
  line->group = get_text (self->group_row);
  g_free (line->unit);
  line->unit = g_strdup (combo_value (self->unit_row, FALSE, sky_units ()));
  if (!read_decimal (self, self->quantity_row, 6, sky_decimal_from_int (1), &line->quantity,
                     NULL) ||
      !read_usage (self, line->unit, &line->usage, &line->has_usage))
    return NULL;
  g_free (line->term);
  line->term = g_strdup (combo_value (self->term_row, FALSE, sky_line_terms ()));
  sky_scenario_line_set_deployment (line, combo_value (self->deployment_row, FALSE,
                                                       (const char * const *) self->deployments));
  /* A line in more regions than two (from its file) keeps them until the switch is turned
   * off. */
  if (!gtk_switch_get_active (self->regions_switch))
    sky_scenario_line_set_regions (line, 1);
  else if (sky_scenario_line_get_regions (self->line) < 2)
    sky_scenario_line_set_regions (line, 2);

  if (line->kind == SKY_LINE_REQUIREMENT)
    {
      if (!read_decimal (self, self->vcpu_row, 3, sky_decimal_from_int (0), &vcpu, NULL) ||
          !read_decimal (self, self->memory_row, 3, sky_decimal_from_int (0), &memory, NULL))
        return NULL;
      if (!sky_decimal_to_scaled_int64 (vcpu, 3, &line->min_vcpu_milli))
        {
          show_field_error (self, self->vcpu_row, _("Too large"));
          return NULL;
        }
      if (!sky_decimal_to_scaled_int64 (memory, 3, &line->min_memory_mgib))
        {
          show_field_error (self, self->memory_row, _("Too large"));
          return NULL;
        }
      g_free (line->category);
      line->category = g_strdup (combo_value (self->category_row, FALSE, sky_categories ()));
      g_free (line->geography);
      line->geography = g_strdup (combo_value (self->geography_row, TRUE, sky_geographies ()));
      g_free (line->os);
      line->os = g_strdup (combo_value (self->os_row, TRUE, sky_operating_systems ()));
      g_free (line->engine);
      line->engine = g_strcmp0 (line->category, "database") == 0
                     ? g_strdup (combo_value (self->engine_row, TRUE,
                                              sky_vocabulary_ids (SKY_VOCABULARY_ENGINE)))
                     : NULL;
      g_free (line->region);
      line->region = get_text (self->region_row);
      storage = get_text (self->storage_row);
      g_strfreev (line->storage_types);
      line->storage_types = storage != NULL ? g_strsplit_set (storage, " ,", -1) : NULL;
      if (line->storage_types != NULL)
        {
          /* "a, b" splits into an empty item too: keep the names only. */
          guint n = 0;
          for (guint i = 0; line->storage_types[i] != NULL; i++)
            if (*line->storage_types[i] != '\0')
              line->storage_types[n++] = line->storage_types[i];
            else
              g_free (line->storage_types[i]);
          line->storage_types[n] = NULL;
        }
    }
  return g_steal_pointer (&line);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SkyLineDialog *self = SKY_LINE_DIALOG (widget);
  g_autoptr(SkyScenarioLine) line = sky_line_dialog_get_line (self);

  if (line != NULL)
    g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
sky_line_dialog_dispose (GObject *object)
{
  SkyLineDialog *self = SKY_LINE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_LINE_DIALOG);
  g_clear_pointer (&self->line, sky_scenario_line_free);
  g_clear_pointer (&self->storage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->deployments, g_strfreev);
  g_clear_pointer (&self->offer_deployments, g_strfreev);

  G_OBJECT_CLASS (sky_line_dialog_parent_class)->dispose (object);
}

static void
sky_line_dialog_class_init (SkyLineDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_line_dialog_dispose;

  /* The fields hold a valid line: read it with sky_line_dialog_get_line(). */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-line-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SkyLineDialog, name)
  CHILD (label_row);
  CHILD (group_row);
  CHILD (quantity_row);
  CHILD (unit_row);
  CHILD (usage_row);
  CHILD (term_row);
  CHILD (offer_group);
  CHILD (offer_row);
  CHILD (requirement_group);
  CHILD (category_row);
  CHILD (vcpu_row);
  CHILD (memory_row);
  CHILD (geography_row);
  CHILD (region_row);
  CHILD (os_row);
  CHILD (storage_row);
  CHILD (engine_row);
  CHILD (deployment_row);
  CHILD (regions_row);
  CHILD (regions_switch);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "dialog.done", NULL, done_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Storage types ---------------------------------------------------------------------------- */

/* The storage types the field holds, as typed: ids separated by spaces or commas. */
static GStrv
typed_storage_types (SkyLineDialog *self)
{
  g_autofree char *text = get_text (self->storage_row);
  g_auto(GStrv) parts = text != NULL ? g_strsplit_set (text, " ,", -1) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* Ticked in the list: the type is added to the field, or taken out of it; the others typed
 * stay. */
static void
on_storage_check_toggled (GtkCheckButton *check,
                          SkyLineDialog  *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "storage-type");
  g_auto(GStrv) types = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  types = typed_storage_types (self);
  for (guint i = 0; types[i] != NULL; i++)
    if (strcmp (types[i], id) != 0)
      g_ptr_array_add (kept, types[i]);
  if (gtk_check_button_get_active (check))
    g_ptr_array_add (kept, (gpointer) id);
  g_ptr_array_add (kept, NULL);
  text = g_strjoinv (" ", (GStrv) kept->pdata);
  set_text (self->storage_row, text);
}

/* The list, opened, ticks the types the field holds. */
static void
on_storage_popover_shown (SkyLineDialog *self)
{
  g_auto(GStrv) types = typed_storage_types (self);

  self->syncing = TRUE;
  for (guint i = 0; i < self->storage_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->storage_checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "storage-type");

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) types, id));
    }
  self->syncing = FALSE;
}

/* A button in the storage types' field opens the list of the vocabulary's types by their
 * titles; any other identifier can still be typed. */
static void
add_storage_choices (SkyLineDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *popover = gtk_popover_new ();
  const char * const *ids = sky_vocabulary_ids (SKY_VOCABULARY_STORAGE_TYPE);

  self->storage_checks = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const SkyWord *word = sky_vocabulary_lookup (SKY_VOCABULARY_STORAGE_TYPE, ids[i]);
      GtkWidget *check = gtk_check_button_new_with_label (_(word->title));

      g_object_set_data (G_OBJECT (check), "storage-type", (gpointer) word->id);
      g_signal_connect (check, "toggled", G_CALLBACK (on_storage_check_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
      g_ptr_array_add (self->storage_checks, check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_storage_popover_shown), self);
  self->storage_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->storage_button, "view-list-symbolic");
  gtk_menu_button_set_popover (self->storage_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->storage_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->storage_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->storage_button), _("Choose Storage Types"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->storage_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose Storage Types"), -1);
  adw_entry_row_add_suffix (self->storage_row, GTK_WIDGET (self->storage_button));
}

/* Deployments ------------------------------------------------------------------------------ */

/* The kinds of deployment a line of @category can have at some provider: spreading instances
 * is a server's, a standby a database's, zone-redundancy also storage's; anything else runs as
 * the provider runs it. */
static GStrv
category_deployments (const char *category)
{
  static const char * const compute[] = { "single", "fault-domains", "zones", NULL };
  static const char * const database[] = { "single", "standby-same-zone", "standby-zone",
                                           NULL };
  static const char * const storage[] = { "single", "zones", NULL };
  static const char * const other[] = { "single", NULL };

  if (category == NULL)
    return g_strdupv ((GStrv) sky_vocabulary_ids (SKY_VOCABULARY_DEPLOYMENT));
  if (strcmp (category, "compute") == 0)
    return g_strdupv ((GStrv) compute);
  if (strcmp (category, "database") == 0)
    return g_strdupv ((GStrv) database);
  if (strcmp (category, "storage") == 0)
    return g_strdupv ((GStrv) storage);
  return g_strdupv ((GStrv) other);
}

/* The deployment row offers @kinds, in the vocabulary's order, with @selected among them even
 * when it is not one of them (a file's choice is never lost by opening the dialog). */
static void
fill_deployments (SkyLineDialog      *self,
                  const char * const *kinds,
                  const char         *selected)
{
  const char * const *ids = sky_vocabulary_ids (SKY_VOCABULARY_DEPLOYMENT);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) titles_v = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strv_contains (kinds, ids[i]) || g_strcmp0 (ids[i], selected) == 0)
      {
        g_strv_builder_add (values, ids[i]);
        g_strv_builder_add (titles, sky_word_title (SKY_VOCABULARY_DEPLOYMENT, ids[i]));
      }
  g_strfreev (self->deployments);
  self->deployments = g_strv_builder_end (values);
  titles_v = g_strv_builder_end (titles);
  fill_combo_titled (self->deployment_row, NULL, (const char * const *) self->deployments,
                     (const char * const *) titles_v, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->deployment_row),
                            g_strv_length (self->deployments) > 1);
}

/* The kinds offered follow the category chosen; the kind chosen stays where it still can. */
static void
update_deployments (SkyLineDialog *self)
{
  g_auto(GStrv) kinds = NULL;
  const char *selected = self->deployments != NULL
                         ? combo_value (self->deployment_row, FALSE,
                                        (const char * const *) self->deployments)
                         : sky_scenario_line_get_deployment (self->line);
  g_autofree char *keep = g_strdup (selected);

  if (self->offer_deployments != NULL)
    kinds = g_strdupv (self->offer_deployments);
  else if (self->line->kind == SKY_LINE_REQUIREMENT)
    kinds = category_deployments (combo_value (self->category_row, FALSE, sky_categories ()));
  else
    kinds = category_deployments (NULL);
  if (keep != NULL && !g_strv_contains ((const char * const *) kinds, keep) &&
      g_strcmp0 (keep, sky_scenario_line_get_deployment (self->line)) != 0)
    g_clear_pointer (&keep, g_free);
  fill_deployments (self, (const char * const *) kinds,
                    keep != NULL ? keep : SKY_DEPLOYMENT_DEFAULT);
}

/* The engine is asked of a database only. */
static void
on_category_selected (SkyLineDialog *self)
{
  const char *category = combo_value (self->category_row, FALSE, sky_categories ());

  gtk_widget_set_visible (GTK_WIDGET (self->engine_row), g_strcmp0 (category, "database") == 0);
  if (self->line != NULL)
    update_deployments (self);
}

/**
 * sky_line_dialog_set_deployments:
 * @kinds: (nullable): the kinds of deployment the line's offer can have (its service's, as
 *   the SLA table lists them, "single" among them); %NULL: those of the line's category
 *
 * For a line priced with one offer, whose provider is known: the deployment row offers what
 * that offer's service can be deployed as.
 */
void
sky_line_dialog_set_deployments (SkyLineDialog      *self,
                                 const char * const *kinds)
{
  g_return_if_fail (SKY_IS_LINE_DIALOG (self));

  g_strfreev (self->offer_deployments);
  self->offer_deployments = g_strdupv ((GStrv) kinds);
  update_deployments (self);
}

static void
sky_line_dialog_init (SkyLineDialog *self)
{
  AdwEntryRow *fields[8];

  gtk_widget_init_template (GTK_WIDGET (self));
  fields[0] = self->label_row;
  fields[1] = self->group_row;
  fields[2] = self->quantity_row;
  fields[3] = self->usage_row;
  fields[4] = self->vcpu_row;
  fields[5] = self->memory_row;
  fields[6] = self->region_row;
  fields[7] = self->storage_row;
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      add_field_error_label (fields[i]);
      g_signal_connect (fields[i], "changed", G_CALLBACK (on_field_changed), self);
    }
  g_signal_connect_swapped (self->category_row, "notify::selected",
                            G_CALLBACK (on_category_selected), self);
  add_storage_choices (self);
}

/* A dialog for @line, or for a new requirement when @line is NULL. */
SkyLineDialog *
sky_line_dialog_new (const SkyScenarioLine *line)
{
  SkyLineDialog *self = g_object_new (SKY_TYPE_LINE_DIALOG, NULL);
  SkyScenarioLine *l;

  if (line != NULL)
    self->line = sky_scenario_line_copy (line);
  else
    {
      self->line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
      self->line->unit = g_strdup ("hour");
      self->line->category = g_strdup ("compute");
    }
  l = self->line;

  gtk_window_set_title (GTK_WINDOW (self), line != NULL ? _("Edit Line") : _("New Line"));
  set_text (self->label_row, l->label);
  set_text (self->group_row, l->group);
  set_decimal (self->quantity_row, l->quantity, TRUE);
  set_decimal (self->usage_row, l->usage, l->has_usage);
  fill_combo_titled (self->unit_row, NULL, sky_units (), sky_word_titles (SKY_VOCABULARY_UNIT),
                     l->unit);
  fill_combo_titled (self->term_row, NULL, sky_line_terms (), sky_line_term_titles (), l->term);

  gtk_widget_set_visible (GTK_WIDGET (self->offer_group), l->kind == SKY_LINE_OFFER);
  gtk_widget_set_visible (GTK_WIDGET (self->requirement_group), l->kind == SKY_LINE_REQUIREMENT);
  if (l->kind == SKY_LINE_OFFER)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", l->provider, l->sku);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->offer_row), title);
      adw_action_row_set_subtitle (self->offer_row,
                                   l->sheet_version != NULL ? l->sheet_version
                                                            : _("The provider's current sheet"));
    }
  else
    {
      fill_combo_titled (self->category_row, NULL, sky_categories (),
                         sky_word_titles (SKY_VOCABULARY_CATEGORY), l->category);
      fill_combo_titled (self->engine_row, _("Any"), sky_vocabulary_ids (SKY_VOCABULARY_ENGINE),
                         sky_word_titles (SKY_VOCABULARY_ENGINE), l->engine);
      set_decimal (self->vcpu_row, sky_decimal_from_scaled (l->min_vcpu_milli, 3),
                   l->min_vcpu_milli > 0);
      set_decimal (self->memory_row, sky_decimal_from_scaled (l->min_memory_mgib, 3),
                   l->min_memory_mgib > 0);
      fill_combo_titled (self->geography_row, _("Any"), sky_geographies (),
                         sky_word_titles (SKY_VOCABULARY_GEOGRAPHY), l->geography);
      set_text (self->region_row, l->region);
      fill_combo_titled (self->os_row, _("Any"), sky_operating_systems (),
                         sky_word_titles (SKY_VOCABULARY_OPERATING_SYSTEM), l->os);
      if (l->storage_types != NULL)
        {
          g_autofree char *types = g_strjoinv (" ", l->storage_types);
          set_text (self->storage_row, types);
        }
    }
  /* The category's choices, once the line's own deployment is known to keep it. */
  on_category_selected (self);
  gtk_switch_set_active (self->regions_switch, sky_scenario_line_get_regions (l) > 1);
  if (sky_scenario_line_get_regions (l) > 2)
    {
      /* Translators: a line a file runs in more than two regions; the switch keeps them. */
      g_autofree char *subtitle = g_strdup_printf (_("In %u regions: whole copies of the line, "
                                                     "priced as such"),
                                                   sky_scenario_line_get_regions (l));
      adw_action_row_set_subtitle (self->regions_row, subtitle);
    }
  return self;
}
