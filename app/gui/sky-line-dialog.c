/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-line-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-terms.h"
#include "sky-line-dialog.h"
#include "sky-sheet-reader.h"

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
  GtkLabel        *error_label;
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

static void
show_error (SkyLineDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
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
  g_autofree char *message = NULL;

  if (given != NULL)
    *given = text != NULL;
  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (sky_decimal_parse (text, max_scale, FALSE, out, &error))
    return TRUE;
  /* Translators: %s is a field's title, then what is wrong with its number. */
  message = g_strdup_printf (_("%s: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                             error->message);
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
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
  if (line->label == NULL)
    {
      show_error (self, _("Give the line a label, such as “API servers”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
      return NULL;
    }
  g_free (line->group);
  line->group = get_text (self->group_row);
  if (!read_decimal (self, self->quantity_row, 6, sky_decimal_from_int (1), &line->quantity,
                     NULL) ||
      !read_decimal (self, self->usage_row, 10, sky_decimal_from_int (0), &line->usage,
                     &line->has_usage))
    return NULL;
  g_free (line->unit);
  line->unit = g_strdup (combo_value (self->unit_row, FALSE, sky_units ()));
  g_free (line->term);
  line->term = g_strdup (combo_value (self->term_row, FALSE, sky_line_terms ()));

  if (line->kind == SKY_LINE_REQUIREMENT)
    {
      if (!read_decimal (self, self->vcpu_row, 3, sky_decimal_from_int (0), &vcpu, NULL) ||
          !read_decimal (self, self->memory_row, 3, sky_decimal_from_int (0), &memory, NULL))
        return NULL;
      if (!sky_decimal_to_scaled_int64 (vcpu, 3, &line->min_vcpu_milli) ||
          !sky_decimal_to_scaled_int64 (memory, 3, &line->min_memory_mgib))
        {
          show_error (self, _("A minimum is too large."));
          return NULL;
        }
      g_free (line->category);
      line->category = g_strdup (combo_value (self->category_row, FALSE, sky_categories ()));
      g_free (line->geography);
      line->geography = g_strdup (combo_value (self->geography_row, TRUE, sky_geographies ()));
      g_free (line->os);
      line->os = g_strdup (combo_value (self->os_row, TRUE, sky_operating_systems ()));
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
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "dialog.done", NULL, done_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sky_line_dialog_init (SkyLineDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  return self;
}
