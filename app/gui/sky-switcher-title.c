/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-switcher-title"

#include "config.h"

#include "sky-switcher-title.h"
#include "sky-switcher-button.h"

/* The header bar's view switcher, as libadwaita 1.2's AdwViewSwitcherTitle shows it: its wide
 * form (icon beside label) where it fits, else its narrow form (icon above label), else the
 * window's title, for a switcher bar below. AdwViewSwitcherTitle builds, styles and measures
 * the narrow form before the first frame of every window, a fifth of the header bar's cost;
 * this one makes it only once the wide form no longer fits, before the frame that would show
 * it, so the same form is shown at every width. The wide form's buttons are lighter than
 * AdwViewSwitcher's (see SkySwitcherButton), made and kept in step with the stack's pages
 * here. Same nodes and style classes: the same pixels. */

struct _SkySwitcherTitle
{
  GtkWidget        parent_instance;

  AdwSqueezer     *squeezer;
  GtkWidget       *wide_switcher;     /* a box of SkySwitcherButtons, one a page */
  AdwViewSwitcher *narrow_switcher;   /* made when first needed */
  AdwWindowTitle  *title_widget;
  AdwViewStack    *stack;
  GtkSelectionModel *pages;           /* the stack's */
  GPtrArray       *buttons;           /* the wide form's, in the pages' order */
  GPtrArray       *button_pages;      /* each button's page */
};

G_DEFINE_FINAL_TYPE (SkySwitcherTitle, sky_switcher_title, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STACK,
  PROP_TITLE,
  PROP_TITLE_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The wide form ----------------------------------------------------------------------------- */

static void
update_button (SkySwitcherTitle *self,
               guint             position)
{
  AdwViewStackPage *page = g_ptr_array_index (self->button_pages, position);
  GtkWidget *button = g_ptr_array_index (self->buttons, position);
  const char *title = adw_view_stack_page_get_title (page);
  const char *icon_name = adw_view_stack_page_get_icon_name (page);

  sky_switcher_button_set_page (SKY_SWITCHER_BUTTON (button), title, icon_name,
                                adw_view_stack_page_get_use_underline (page));
  gtk_widget_set_visible (button, adw_view_stack_page_get_visible (page) &&
                                  (title != NULL || icon_name != NULL));
}

static void
update_selected (SkySwitcherTitle *self,
                 guint             position)
{
  GtkWidget *button = g_ptr_array_index (self->buttons, position);
  gboolean selected = gtk_selection_model_is_selected (self->pages, position);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), selected);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED, selected,
                               -1);
}

static void
on_page_notify (AdwViewStackPage *page,
                GParamSpec       *pspec,
                SkySwitcherTitle *self)
{
  guint position;

  if (g_ptr_array_find (self->button_pages, page, &position))
    update_button (self, position);
}

/* A button pressed shows its page; the page shown stays pressed. */
static void
on_button_active (GtkToggleButton  *button,
                  GParamSpec       *pspec,
                  SkySwitcherTitle *self)
{
  guint position;

  if (!g_ptr_array_find (self->buttons, button, &position))
    return;
  if (gtk_toggle_button_get_active (button))
    gtk_selection_model_select_item (self->pages, position, TRUE);
  else if (gtk_selection_model_is_selected (self->pages, position))
    gtk_toggle_button_set_active (button, TRUE);
}

static void
on_pages_selection_changed (SkySwitcherTitle *self,
                            guint             position,
                            guint             n_items)
{
  for (guint i = position; i < position + n_items && i < self->buttons->len; i++)
    update_selected (self, i);
}

static void
clear_buttons (SkySwitcherTitle *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->button_pages, i),
                                            on_page_notify, self);
      gtk_box_remove (GTK_BOX (self->wide_switcher), g_ptr_array_index (self->buttons, i));
    }
  g_ptr_array_set_size (self->buttons, 0);
  g_ptr_array_set_size (self->button_pages, 0);
}

static void
fill_buttons (SkySwitcherTitle *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pages));

  for (guint i = 0; i < n; i++)
    {
      AdwViewStackPage *page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);
      GtkWidget *button = sky_switcher_button_new ();

      g_ptr_array_add (self->buttons, button);
      g_ptr_array_add (self->button_pages, page);
      update_button (self, i);
      update_selected (self, i);
      gtk_box_append (GTK_BOX (self->wide_switcher), button);
      g_signal_connect (button, "notify::active", G_CALLBACK (on_button_active), self);
      g_signal_connect (page, "notify", G_CALLBACK (on_page_notify), self);
    }
}

static void
on_pages_items_changed (SkySwitcherTitle *self)
{
  clear_buttons (self);
  fill_buttons (self);
}

static void
set_pages (SkySwitcherTitle  *self,
           GtkSelectionModel *pages)
{
  if (self->pages != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->pages, on_pages_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->pages, on_pages_selection_changed, self);
      clear_buttons (self);
      g_clear_object (&self->pages);
    }
  if (pages == NULL)
    return;
  self->pages = pages;
  fill_buttons (self);
  g_signal_connect_swapped (pages, "items-changed", G_CALLBACK (on_pages_items_changed), self);
  g_signal_connect_swapped (pages, "selection-changed", G_CALLBACK (on_pages_selection_changed),
                            self);
}

/* ------------------------------------------------------------------------------------------ */

static void
on_squeezer_visible_child (SkySwitcherTitle *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_VISIBLE]);
}

/* The narrow form goes between the wide one and the title: the squeezer shows the first that
 * fits. */
static void
make_narrow_switcher (SkySwitcherTitle *self)
{
  g_autoptr(GtkWidget) title = g_object_ref (GTK_WIDGET (self->title_widget));

  self->narrow_switcher = ADW_VIEW_SWITCHER (adw_view_switcher_new ());
  adw_view_switcher_set_policy (self->narrow_switcher, ADW_VIEW_SWITCHER_POLICY_NARROW);
  gtk_widget_set_halign (GTK_WIDGET (self->narrow_switcher), GTK_ALIGN_CENTER);
  adw_view_switcher_set_stack (self->narrow_switcher, self->stack);
  g_signal_handlers_block_by_func (self->squeezer, on_squeezer_visible_child, self);
  adw_squeezer_remove (self->squeezer, title);
  adw_squeezer_add (self->squeezer, GTK_WIDGET (self->narrow_switcher));
  adw_squeezer_add (self->squeezer, title);
  g_signal_handlers_unblock_by_func (self->squeezer, on_squeezer_visible_child, self);
}

static void
sky_switcher_title_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (widget);

  gtk_widget_measure (GTK_WIDGET (self->squeezer), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* The squeezer shows the wide form where its natural width fits: narrower, it would choose
 * among the others, so the narrow form is made now, before the squeezer chooses. */
static void
sky_switcher_title_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (widget);

  if (self->narrow_switcher == NULL && self->stack != NULL)
    {
      int wide = 0;

      gtk_widget_measure (self->wide_switcher, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &wide, NULL, NULL);
      if (width < wide)
        make_narrow_switcher (self);
    }
  gtk_widget_allocate (GTK_WIDGET (self->squeezer), width, height, baseline, NULL);
}

static void
sky_switcher_title_dispose (GObject *object)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (object);

  set_pages (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SKY_TYPE_SWITCHER_TITLE);
  self->narrow_switcher = NULL;
  g_clear_object (&self->stack);
  G_OBJECT_CLASS (sky_switcher_title_parent_class)->dispose (object);
}

static void
sky_switcher_title_finalize (GObject *object)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (object);

  g_ptr_array_unref (self->buttons);
  g_ptr_array_unref (self->button_pages);
  G_OBJECT_CLASS (sky_switcher_title_parent_class)->finalize (object);
}

static void
sky_switcher_title_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    case PROP_TITLE:
      g_value_set_string (value, sky_switcher_title_get_title (self));
      break;
    case PROP_TITLE_VISIBLE:
      g_value_set_boolean (value, sky_switcher_title_get_title_visible (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_switcher_title_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SkySwitcherTitle *self = SKY_SWITCHER_TITLE (object);

  switch (prop_id)
    {
    case PROP_STACK:
      sky_switcher_title_set_stack (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      sky_switcher_title_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_switcher_title_class_init (SkySwitcherTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_switcher_title_dispose;
  object_class->finalize = sky_switcher_title_finalize;
  object_class->get_property = sky_switcher_title_get_property;
  object_class->set_property = sky_switcher_title_set_property;
  widget_class->measure = sky_switcher_title_measure;
  widget_class->size_allocate = sky_switcher_title_size_allocate;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the title is shown in the switcher's place: a switcher bar is due below. */
  properties[PROP_TITLE_VISIBLE] =
    g_param_spec_boolean ("title-visible", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The nodes libadwaita's stylesheet gives a switcher in a title its margins. */
  gtk_widget_class_set_css_name (widget_class, "viewswitchertitle");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/skytally/Skytally/"
                                               "sky-switcher-title.ui");
  gtk_widget_class_bind_template_child (widget_class, SkySwitcherTitle, squeezer);
  gtk_widget_class_bind_template_child (widget_class, SkySwitcherTitle, wide_switcher);
  gtk_widget_class_bind_template_child (widget_class, SkySwitcherTitle, title_widget);
  gtk_widget_class_bind_template_callback (widget_class, on_squeezer_visible_child);
}

static void
sky_switcher_title_init (SkySwitcherTitle *self)
{
  self->buttons = g_ptr_array_new ();
  self->button_pages = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* AdwViewSwitcher is no orientable box: no class of an orientation. */
  gtk_widget_remove_css_class (self->wide_switcher, "horizontal");
}

GtkWidget *
sky_switcher_title_new (void)
{
  return g_object_new (SKY_TYPE_SWITCHER_TITLE, NULL);
}

AdwViewStack *
sky_switcher_title_get_stack (SkySwitcherTitle *self)
{
  g_return_val_if_fail (SKY_IS_SWITCHER_TITLE (self), NULL);
  return self->stack;
}

void
sky_switcher_title_set_stack (SkySwitcherTitle *self,
                              AdwViewStack     *stack)
{
  g_return_if_fail (SKY_IS_SWITCHER_TITLE (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (!g_set_object (&self->stack, stack))
    return;
  set_pages (self, stack != NULL ? adw_view_stack_get_pages (stack) : NULL);
  if (self->narrow_switcher != NULL)
    adw_view_switcher_set_stack (self->narrow_switcher, stack);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

const char *
sky_switcher_title_get_title (SkySwitcherTitle *self)
{
  g_return_val_if_fail (SKY_IS_SWITCHER_TITLE (self), NULL);
  return adw_window_title_get_title (self->title_widget);
}

void
sky_switcher_title_set_title (SkySwitcherTitle *self,
                              const char       *title)
{
  g_return_if_fail (SKY_IS_SWITCHER_TITLE (self));

  if (g_strcmp0 (adw_window_title_get_title (self->title_widget), title) == 0)
    return;
  adw_window_title_set_title (self->title_widget, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
sky_switcher_title_get_title_visible (SkySwitcherTitle *self)
{
  g_return_val_if_fail (SKY_IS_SWITCHER_TITLE (self), FALSE);
  return adw_squeezer_get_visible_child (self->squeezer) == GTK_WIDGET (self->title_widget);
}

/* Whether the narrow form has been needed yet. */
gboolean
sky_switcher_title_get_narrow_made (SkySwitcherTitle *self)
{
  g_return_val_if_fail (SKY_IS_SWITCHER_TITLE (self), FALSE);
  return self->narrow_switcher != NULL;
}
