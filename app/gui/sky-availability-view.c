/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-availability-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-availability-report.h"
#include "sky-availability-view.h"
#include "sky-gui-util.h"
#include "sky-scenario-task.h"

/* The Trade-offs page's view of cost against availability: per provider the scenario as
 * written, the cheapest way to reach each level of availability drawn against its monthly
 * cost, the scenario's requirement dashed across, and the cheapest way to reach it listed step
 * by step. The search runs in a worker thread on a copy of the scenario, while the view is
 * shown. */
struct _SkyAvailabilityView
{
  AdwBin                 parent_instance;

  SkyScenarioDocument   *document;
  SkyAvailabilityReport *shown;
  char                  *error;
  guint                  generation;
  gboolean               busy;
  gboolean               dirty;   /* the scenario changed while the view was not shown */
  GArray                *drawn;   /* SkyAvailabilityDrawn: where the chart put each point */
  char                  *chart_description;
  GPtrArray             *groups;  /* the providers' groups, to remove them again */

  GtkStack              *stack;
  GtkSpinner            *spinner;
  GtkLabel              *status_label;
  GtkDrawingArea        *chart;
  GtkBox                *providers_box;
};

G_DEFINE_FINAL_TYPE (SkyAvailabilityView, sky_availability_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (SkyAvailabilityView *self,
          gboolean             busy)
{
  sky_gui_util_set_flag (G_OBJECT (self), &self->busy, busy, properties[PROP_BUSY]);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* The chart ----------------------------------------------------------------------------------- */

static void
chart_data (SkyAvailabilityView      *self,
            SkyAvailabilityChartData *data,
            GArray                   *series,
            char                    **cost_title,
            char                    **required_label)
{
  const SkyAvailabilityReport *shown = self->shown;

  memset (data, 0, sizeof *data);
  if (shown == NULL)
    return;
  for (guint i = 0; i < shown->providers->len; i++)
    {
      const SkyAvailabilityReportProvider *p = g_ptr_array_index (shown->providers, i);
      SkyAvailabilitySeries s = { p->name, (const SkyAvailabilityPoint *) p->points->data,
                                  p->points->len };

      g_array_append_val (series, s);
    }
  data->series = (const SkyAvailabilitySeries *) series->data;
  data->n_series = series->len;
  data->has_required = shown->has_required;
  data->required = shown->required;
  /* Translators: the chart's cost axis: a currency code, a month. */
  *cost_title = g_strdup_printf (_("%s a month"), shown->currency);
  data->cost_title = *cost_title;
  data->percent_title = _("Availability");
  if (shown->has_required)
    {
      /* Translators: the dashed line of the required availability on the chart. */
      *required_label = g_strdup_printf (_("Required: %s"), shown->required_text);
      data->required_label = *required_label;
    }
  data->written_label = _("As written");
  data->chosen_label = shown->has_required ? _("Cheapest to reach the requirement") : NULL;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SkyAvailabilityView *self = user_data;
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (SkyAvailabilitySeries));
  g_autofree char *cost_title = NULL;
  g_autofree char *required_label = NULL;
  SkyAvailabilityChartData data;
  SkyChartStyle style = { .line_width = 2 };
  GdkRGBA fg;

  g_array_set_size (self->drawn, 0);
  chart_data (self, &data, series, &cost_title, &required_label);
  if (data.n_series == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  /* The requirement in the budget's red, lighter on a dark background. */
  style.budget = adw_style_manager_get_dark (adw_style_manager_get_default ())
                 ? (SkyChartColour) { 0.96, 0.38, 0.32, 1 }
                 : (SkyChartColour) { 0.75, 0.11, 0.16, 1 };
  style.foreground = (SkyChartColour) { fg.red, fg.green, fg.blue, fg.alpha };
  style.grid = (SkyChartColour) { fg.red, fg.green, fg.blue, fg.alpha * 0.15 };
  sky_availability_chart_draw (cr, gtk_widget_get_pango_context (GTK_WIDGET (area)), width,
                               height, &style, &data, self->drawn);
}

/* A point's figures at the pointer. */
static gboolean
on_chart_query_tooltip (GtkWidget           *widget,
                        int                  x,
                        int                  y,
                        gboolean             keyboard,
                        GtkTooltip          *tooltip,
                        SkyAvailabilityView *self)
{
  const SkyAvailabilityDrawn *nearest = NULL;
  const SkyAvailabilityReportProvider *p;
  double best = 100;

  if (keyboard || self->shown == NULL)
    return FALSE;
  for (guint i = 0; i < self->drawn->len; i++)
    {
      const SkyAvailabilityDrawn *d = &g_array_index (self->drawn, SkyAvailabilityDrawn, i);
      double distance = (d->x - x) * (d->x - x) + (d->y - y) * (d->y - y);

      if (distance <= best && d->series < self->shown->providers->len)
        {
          best = distance;
          nearest = d;
        }
    }
  if (nearest == NULL)
    return FALSE;
  p = g_ptr_array_index (self->shown->providers, nearest->series);
  if (nearest->point >= p->point_texts->len)
    return FALSE;
  gtk_tooltip_set_text (tooltip, g_ptr_array_index (p->point_texts, nearest->point));
  return TRUE;
}

/* Showing ------------------------------------------------------------------------------------- */

static void
clear_groups (SkyAvailabilityView *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (self->providers_box, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return row;
}

/* The verdict's icon and style, as the summary cards show it. */
static GtkWidget *
verdict_icon (SkyAvailabilityVerdict verdict)
{
  GtkWidget *icon;

  switch (verdict)
    {
    case SKY_AVAILABILITY_VERDICT_MEETS:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      break;
    case SKY_AVAILABILITY_VERDICT_SHORT:
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      break;
    case SKY_AVAILABILITY_VERDICT_UNKNOWN:
    case SKY_AVAILABILITY_VERDICT_NONE:
    default:
      icon = gtk_image_new_from_icon_name ("dialog-question-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      break;
    }
  return icon;
}

static void
show_provider (SkyAvailabilityView                 *self,
               const SkyAvailabilityReportProvider *p)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), p->name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), p->summary);
  if (p->verdict_text != NULL)
    {
      row = add_row (ADW_PREFERENCES_GROUP (group), p->verdict_text, p->reach, "verdict");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), verdict_icon (p->verdict));
    }
  for (guint i = 0; i < p->steps->len; i++)
    add_row (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (p->steps, i), NULL, "step");
  /* The arithmetic, as a price's explanation is shown. */
  row = add_row (ADW_PREFERENCES_GROUP (group), _("How It Is Worked Out"), p->explanation,
                 "explanation");
  gtk_box_append (self->providers_box, group);
  g_ptr_array_add (self->groups, group);
}

static void
show_result (SkyAvailabilityView *self)
{
  const SkyScenario *s = self->document != NULL
                         ? sky_scenario_document_get_scenario (self->document) : NULL;

  clear_groups (self);
  gtk_stack_set_visible_child_name (self->stack, s != NULL && s->lines->len > 0 &&
                                                 s->providers->len > 0 ? "view" : "empty");
  if (self->error != NULL)
    gtk_label_set_label (self->status_label, self->error);
  else if (self->shown != NULL)
    gtk_label_set_label (self->status_label, self->shown->status);
  else
    gtk_label_set_label (self->status_label, "");
  for (guint i = 0; self->shown != NULL && i < self->shown->providers->len; i++)
    show_provider (self, g_ptr_array_index (self->shown->providers, i));
  sky_gui_util_redraw_chart (GTK_WIDGET (self->chart), &self->chart_description,
                             self->shown != NULL ? g_strdup (self->shown->description)
                                                 : g_strdup (""));
}

/* Searching ----------------------------------------------------------------------------------- */

static gpointer
search (SkyCatalog         *catalog,
        const SkyScenario  *scenario,
        GError            **error)
{
  return sky_availability_report_new (catalog, scenario, NULL, error);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SkyAvailabilityView *self = SKY_AVAILABILITY_VIEW (object);
  g_autoptr(GError) error = NULL;
  SkyAvailabilityReport *shown;

  if (sky_scenario_task_is_stale (result, self->generation))
    return;
  shown = sky_scenario_task_finish (result, NULL, &error);
  set_busy (self, FALSE);
  g_clear_pointer (&self->shown, sky_availability_report_free);
  g_clear_pointer (&self->error, g_free);
  self->shown = shown;
  if (error != NULL)
    self->error = g_strdup (error->message);
  show_result (self);
}

/* Searches again, in a worker thread; only while the view is shown, else when it next is. */
static void
refresh (SkyAvailabilityView *self)
{
  const SkyScenario *s = self->document != NULL
                         ? sky_scenario_document_get_scenario (self->document) : NULL;
  SkyCatalog *catalog = self->document != NULL
                        ? sky_scenario_document_get_catalog (self->document) : NULL;

  self->generation++;
  self->dirty = FALSE;
  set_busy (self, FALSE);
  if (s == NULL || catalog == NULL || s->lines->len == 0 || s->providers->len == 0)
    {
      g_clear_pointer (&self->shown, sky_availability_report_free);
      g_clear_pointer (&self->error, g_free);
      show_result (self);
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  set_busy (self, TRUE);
  sky_scenario_task_run (self, self->document, self->generation, search,
                         (GDestroyNotify) sky_availability_report_free, searched_cb);
}

static void
on_map (SkyAvailabilityView *self)
{
  if (self->dirty)
    refresh (self);
}

static void
set_document (SkyAvailabilityView *self,
              SkyScenarioDocument *document)
{
  if (!sky_gui_util_watch (&self->document, document, self))
    return;
  if (document != NULL)
    g_signal_connect_swapped (document, "notify::estimate", G_CALLBACK (refresh), self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Public -------------------------------------------------------------------------------------- */

gboolean
sky_availability_view_get_busy (SkyAvailabilityView *self)
{
  g_return_val_if_fail (SKY_IS_AVAILABILITY_VIEW (self), FALSE);
  return self->busy;
}

/* What the chart tells a screen reader (its accessible description) about what it shows now. */
const char *
sky_availability_view_get_chart_description (SkyAvailabilityView *self)
{
  g_return_val_if_fail (SKY_IS_AVAILABILITY_VIEW (self), NULL);
  return self->chart_description != NULL ? self->chart_description : "";
}

/* Every provider's group as text, "title: subtitle" a row a line, for tests and checks. */
char *
sky_availability_view_dup_text (SkyAvailabilityView *self)
{
  GString *text;

  g_return_val_if_fail (SKY_IS_AVAILABILITY_VIEW (self), NULL);

  text = g_string_new (gtk_label_get_label (self->status_label));
  g_string_append_c (text, '\n');
  for (guint i = 0; self->shown != NULL && i < self->shown->providers->len; i++)
    {
      const SkyAvailabilityReportProvider *p = g_ptr_array_index (self->shown->providers, i);

      g_string_append_printf (text, "%s\n%s\n", p->name, p->summary);
      if (p->verdict_text != NULL)
        g_string_append_printf (text, "%s: %s\n", p->verdict_text,
                                p->reach != NULL ? p->reach : "");
      for (guint r = 0; r < p->steps->len; r++)
        g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (p->steps, r));
      g_string_append_printf (text, "%s\n", p->explanation);
    }
  return g_string_free (text, FALSE);
}

/* GObject ------------------------------------------------------------------------------------- */

static void
sky_availability_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SkyAvailabilityView *self = SKY_AVAILABILITY_VIEW (object);

  switch (prop_id)
    {
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
sky_availability_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (SKY_AVAILABILITY_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_availability_view_dispose (GObject *object)
{
  SkyAvailabilityView *self = SKY_AVAILABILITY_VIEW (object);

  self->generation++;
  sky_gui_util_watch (&self->document, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_AVAILABILITY_VIEW);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_array_unref);

  G_OBJECT_CLASS (sky_availability_view_parent_class)->dispose (object);
}

static void
sky_availability_view_finalize (GObject *object)
{
  SkyAvailabilityView *self = SKY_AVAILABILITY_VIEW (object);

  g_clear_pointer (&self->shown, sky_availability_report_free);
  g_free (self->error);
  g_free (self->chart_description);

  G_OBJECT_CLASS (sky_availability_view_parent_class)->finalize (object);
}

static void
sky_availability_view_class_init (SkyAvailabilityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sky_availability_view_get_property;
  object_class->set_property = sky_availability_view_set_property;
  object_class->dispose = sky_availability_view_dispose;
  object_class->finalize = sky_availability_view_finalize;

  /* The scenario whose deployments are searched. */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SKY_TYPE_SCENARIO_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The search is under way. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/skytally/Skytally/sky-availability-view.ui");
#define CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, SkyAvailabilityView, name)
  CHILD (spinner);
  CHILD (status_label);
  CHILD (chart);
  CHILD (providers_box);
#undef CHILD
}

static void
sky_availability_view_init (SkyAvailabilityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The template's root: the bin's own child, not bound, so that disposing the template does
   * not let it go twice. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  self->groups = g_ptr_array_new ();
  self->drawn = g_array_new (FALSE, FALSE, sizeof (SkyAvailabilityDrawn));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  g_signal_connect (self->chart, "query-tooltip", G_CALLBACK (on_chart_query_tooltip), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  show_result (self);
}
