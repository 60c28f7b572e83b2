/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-switcher-button"

#include "config.h"

#include "sky-switcher-button.h"

/* A button of the header bar's wide view switcher, as libadwaita 1.2's AdwViewSwitcherButton
 * shows it in its wide form: the same nodes (button.toggle.flat > stack > box.wide >
 * indicatorbin > image, label) and style classes, so the same pixels, the same sizes asked
 * for and the same role, mnemonic and drag-over switching. AdwViewSwitcherButton also builds,
 * from a template, the narrow form's box beside it, and an indicator and a mask in each
 * indicator bin, all styled before the first frame; the window's pages have no badge and
 * never ask for attention, and the narrow form is its own switcher, made when first needed
 * (see SkySwitcherTitle). The few nodes left are made here without a template. */

#define SWITCH_TIMEOUT_MS 500
/* AdwViewSwitcherButton's least natural width in its wide form. */
#define MIN_NATURAL_WIDTH 120

struct _SkySwitcherButton
{
  GtkToggleButton  parent_instance;

  GtkWidget       *stack;       /* the "stack" node, the button's child */
  GtkImage        *image;
  GtkLabel        *label;
  guint            switch_timer;
};

G_DEFINE_FINAL_TYPE (SkySwitcherButton, sky_switcher_button, GTK_TYPE_TOGGLE_BUTTON)

static gboolean
switch_timeout_cb (gpointer user_data)
{
  SkySwitcherButton *self = user_data;

  self->switch_timer = 0;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self), TRUE);
  return G_SOURCE_REMOVE;
}

/* Something dragged over the button for a while shows its page, so that it can be dropped
 * there. */
static void
on_drag_enter (SkySwitcherButton *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self)) || self->switch_timer != 0)
    return;
  self->switch_timer = g_timeout_add (SWITCH_TIMEOUT_MS, switch_timeout_cb, self);
}

static void
on_drag_leave (SkySwitcherButton *self)
{
  g_clear_handle_id (&self->switch_timer, g_source_remove);
}

static void
sky_switcher_button_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  SkySwitcherButton *self = SKY_SWITCHER_BUTTON (widget);

  gtk_widget_measure (self->stack, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, MIN_NATURAL_WIDTH);
}

static void
sky_switcher_button_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  SkySwitcherButton *self = SKY_SWITCHER_BUTTON (widget);

  gtk_widget_allocate (self->stack, width, height, baseline, NULL);
}

static void
sky_switcher_button_dispose (GObject *object)
{
  SkySwitcherButton *self = SKY_SWITCHER_BUTTON (object);

  g_clear_handle_id (&self->switch_timer, g_source_remove);
  G_OBJECT_CLASS (sky_switcher_button_parent_class)->dispose (object);
}

static void
sky_switcher_button_class_init (SkySwitcherButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_switcher_button_dispose;
  widget_class->measure = sky_switcher_button_measure;
  widget_class->size_allocate = sky_switcher_button_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TAB);
}

static void
sky_switcher_button_init (SkySwitcherButton *self)
{
  GtkWidget *box, *indicator_bin;
  GtkEventController *drop_motion;

  /* Sized by measure() and size_allocate(), as AdwViewSwitcherButton is. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  /* AdwViewSwitcherButton is orientable, horizontal in the wide form. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "horizontal");
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);

  self->stack = g_object_new (ADW_TYPE_BIN, "css-name", "stack", NULL);
  box = g_object_new (GTK_TYPE_BOX, "halign", GTK_ALIGN_CENTER, "valign", GTK_ALIGN_CENTER, NULL);
  gtk_widget_add_css_class (box, "wide");
  indicator_bin = g_object_new (ADW_TYPE_BIN,
                                "css-name", "indicatorbin",
                                "valign", GTK_ALIGN_CENTER,
                                NULL);
  self->image = GTK_IMAGE (gtk_image_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_mnemonic_widget (self->label, GTK_WIDGET (self));

  adw_bin_set_child (ADW_BIN (indicator_bin), GTK_WIDGET (self->image));
  gtk_box_append (GTK_BOX (box), indicator_bin);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  adw_bin_set_child (ADW_BIN (self->stack), box);
  gtk_button_set_child (GTK_BUTTON (self), self->stack);

  drop_motion = gtk_drop_controller_motion_new ();
  g_signal_connect_swapped (drop_motion, "enter", G_CALLBACK (on_drag_enter), self);
  g_signal_connect_swapped (drop_motion, "leave", G_CALLBACK (on_drag_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), drop_motion);
}

GtkWidget *
sky_switcher_button_new (void)
{
  return g_object_new (SKY_TYPE_SWITCHER_BUTTON, NULL);
}

/* Shows a page's title and icon. */
void
sky_switcher_button_set_page (SkySwitcherButton *self,
                              const char        *title,
                              const char        *icon_name,
                              gboolean           use_underline)
{
  g_return_if_fail (SKY_IS_SWITCHER_BUTTON (self));

  gtk_image_set_from_icon_name (self->image, icon_name);
  gtk_label_set_use_underline (self->label, use_underline);
  gtk_label_set_label (self->label, title);
}

GtkLabel *
sky_switcher_button_get_label (SkySwitcherButton *self)
{
  g_return_val_if_fail (SKY_IS_SWITCHER_BUTTON (self), NULL);
  return self->label;
}
