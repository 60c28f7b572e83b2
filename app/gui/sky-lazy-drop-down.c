/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-lazy-drop-down"

#include "config.h"

#include "sky-keyboard.h"
#include "sky-lazy-drop-down.h"

/* A drop-down that is a look-alike until it is first used. GTK 4.8's GtkDropDown makes its
 * popup as it is made (a popover with a search entry, a scrolled window and a list view),
 * which a window of several filters pays before its first frame, though no popup is shown.
 * Until the user opens it, this shows the nodes a GtkDropDown shows closed (dropdown >
 * button.toggle > box > stack > row.activatable > box > label, and the arrow), with the same
 * style classes, so the same pixels and the same sizes asked for, and the same role and name
 * for assistive technologies; the button takes the focus as the drop-down's does. Clicking
 * it, or pressing Space or Enter on it, makes the GtkDropDown in its place and opens its
 * popup. The model, the selected item, the expression and the search are kept here until
 * then, and given to the GtkDropDown once made, which they are read from afterwards. */

struct _SkyLazyDropDown
{
  GtkWidget      parent_instance;

  GListModel    *model;
  GtkExpression *expression;
  guint          selected;     /* until the drop-down is made */
  gboolean       enable_search;
  char          *title;

  GtkWidget     *face;         /* the look-alike's "dropdown" node, until made */
  GtkWidget     *face_button;
  GtkLabel      *face_label;
  guint          face_idle;    /* drops the look-alike once its signal has run */
  GtkDropDown   *drop_down;    /* once made */
};

G_DEFINE_FINAL_TYPE (SkyLazyDropDown, sky_lazy_drop_down, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_MODEL,
  PROP_SELECTED,
  PROP_ENABLE_SEARCH,
  PROP_DROP_DOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What GtkDropDown's own factory shows of an item: its expression's string, or a string
 * object's string. */
static char *
item_text (SkyLazyDropDown *self,
           gpointer         item)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->expression != NULL)
    {
      if (!gtk_expression_evaluate (self->expression, item, &value) ||
          !G_VALUE_HOLDS_STRING (&value))
        return g_strdup ("");
      return g_value_dup_string (&value);
    }
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  return g_strdup ("");
}

static void make_drop_down (SkyLazyDropDown *self);

/* With no item to show, GtkDropDown shows "(None)", in GTK's words: a look-alike shown without
 * one makes the drop-down instead. */
static void
update_face (SkyLazyDropDown *self)
{
  g_autoptr(GObject) item = NULL;
  g_autofree char *text = NULL;

  if (self->face == NULL || self->drop_down != NULL)
    return;
  if (self->model != NULL && self->selected != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (self->model, self->selected);
  if (item == NULL)
    {
      gtk_label_set_label (self->face_label, "");
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        make_drop_down (self);
      return;
    }
  text = item_text (self, item);
  gtk_label_set_label (self->face_label, text);
}

static void
on_drop_down_selected (SkyLazyDropDown *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The look-alike leaves once the signal that made the drop-down has returned. */
static gboolean
drop_face_cb (gpointer user_data)
{
  SkyLazyDropDown *self = user_data;

  self->face_idle = 0;
  g_clear_pointer (&self->face, gtk_widget_unparent);
  return G_SOURCE_REMOVE;
}

/* The model's items change as GtkSingleSelection, under a GtkDropDown, would have the
 * selection follow them: items added or removed before the selected one move it, and the
 * selected item removed selects the one in its place. */
static void
on_items_changed (SkyLazyDropDown *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint selected = self->selected;

  if (self->drop_down != NULL)
    return;
  if (selected == GTK_INVALID_LIST_POSITION || selected < position)
    {
      if (selected == GTK_INVALID_LIST_POSITION && n_items > 0)
        selected = 0;
    }
  else if (selected >= position + removed)
    selected = selected + added - removed;
  else
    selected = n_items == 0 ? GTK_INVALID_LIST_POSITION : MIN (position, n_items - 1);
  if (selected != self->selected)
    {
      self->selected = selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  update_face (self);
}

static GtkWidget *
drop_down_button (GtkDropDown *drop_down)
{
  return gtk_widget_get_first_child (GTK_WIDGET (drop_down));
}

static void
make_drop_down (SkyLazyDropDown *self)
{
  gboolean focused;

  if (self->drop_down != NULL)
    return;
  focused = gtk_widget_is_focus (self->face_button);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (self->model != NULL ?
                                                        g_object_ref (self->model) : NULL,
                                                      self->expression != NULL ?
                                                        gtk_expression_ref (self->expression)
                                                        : NULL));
  gtk_drop_down_set_enable_search (self->drop_down, self->enable_search);
  gtk_drop_down_set_selected (self->drop_down, self->selected);
  gtk_widget_set_parent (GTK_WIDGET (self->drop_down), GTK_WIDGET (self));
  sky_keyboard_name_drop_down (self->drop_down, self->title);
  g_signal_connect_swapped (self->drop_down, "notify::selected",
                            G_CALLBACK (on_drop_down_selected), self);
  /* The drop-down's button takes the focus before the look-alike hides, so that it is the one
   * the drop-down gives the focus back to as its popup closes. */
  if (focused)
    gtk_widget_grab_focus (drop_down_button (self->drop_down));
  gtk_widget_set_visible (self->face, FALSE);
  self->face_idle = g_idle_add (drop_face_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROP_DOWN]);
}

static void
on_face_toggled (SkyLazyDropDown *self,
                 GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button) || self->drop_down != NULL)
    return;
  make_drop_down (self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (drop_down_button (self->drop_down)), TRUE);
}

/* dropdown > button.toggle > box > stack > row.activatable > box > label, arrow: what
 * GtkDropDown shows closed. Its stack's other page, a label that shows "(None)" when nothing
 * is chosen, is never shown here (see update_face(): the row's label is then empty, a line
 * tall as that page is): the look-alike's "stack" is a box that holds the row alone, 0.2 M
 * instructions less for each filter before the first frame than a GtkStack and a label. */
static void
make_face (SkyLazyDropDown *self)
{
  GtkWidget *box, *stack, *row, *item_box, *label, *arrow;

  /* Boxes, for their layout of one child; not styled as boxes. */
  self->face = g_object_new (GTK_TYPE_BOX, "css-name", "dropdown",
                             "accessible-role", GTK_ACCESSIBLE_ROLE_COMBO_BOX, NULL);
  gtk_widget_remove_css_class (self->face, "horizontal");
  self->face_button = gtk_toggle_button_new ();
  gtk_widget_add_css_class (self->face_button, "toggle");
  gtk_box_append (GTK_BOX (self->face), self->face_button);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_can_focus (box, FALSE);
  gtk_button_set_child (GTK_BUTTON (self->face_button), box);

  stack = g_object_new (GTK_TYPE_BOX, "css-name", "stack", NULL);
  gtk_widget_remove_css_class (stack, "horizontal");
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  row = g_object_new (GTK_TYPE_BOX, "css-name", "row", NULL);
  gtk_widget_remove_css_class (row, "horizontal");
  gtk_widget_add_css_class (row, "activatable");
  item_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (row), item_box);
  label = gtk_label_new (NULL);
  self->face_label = GTK_LABEL (label);
  gtk_label_set_xalign (self->face_label, 0);
  gtk_box_append (GTK_BOX (item_box), label);
  gtk_box_append (GTK_BOX (stack), row);

  arrow = g_object_new (GTK_TYPE_IMAGE, "css-name", "arrow",
                        "accessible-role", GTK_ACCESSIBLE_ROLE_NONE,
                        "icon-name", "pan-down-symbolic", NULL);
  gtk_box_append (GTK_BOX (box), arrow);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->face_button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->face, NULL, -1);
  g_signal_connect_swapped (self->face_button, "toggled", G_CALLBACK (on_face_toggled), self);
  gtk_widget_set_parent (self->face, GTK_WIDGET (self));
  update_face (self);
}

static void
sky_lazy_drop_down_map (GtkWidget *widget)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (widget);

  GTK_WIDGET_CLASS (sky_lazy_drop_down_parent_class)->map (widget);
  update_face (self);
}

static gboolean
sky_lazy_drop_down_grab_focus (GtkWidget *widget)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (widget);

  if (self->drop_down != NULL)
    return gtk_widget_grab_focus (drop_down_button (self->drop_down));
  return gtk_widget_grab_focus (self->face_button);
}

static void
sky_lazy_drop_down_dispose (GObject *object)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (object);

  g_clear_handle_id (&self->face_idle, g_source_remove);
  g_clear_pointer (&self->face, gtk_widget_unparent);
  if (self->drop_down != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->drop_down, on_drop_down_selected, self);
      gtk_widget_unparent (GTK_WIDGET (self->drop_down));
      self->drop_down = NULL;
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->expression, gtk_expression_unref);

  G_OBJECT_CLASS (sky_lazy_drop_down_parent_class)->dispose (object);
}

static void
sky_lazy_drop_down_finalize (GObject *object)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (object);

  g_free (self->title);

  G_OBJECT_CLASS (sky_lazy_drop_down_parent_class)->finalize (object);
}

static void
set_title (SkyLazyDropDown *self,
           const char      *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);
  if (self->drop_down != NULL)
    sky_keyboard_name_drop_down (self->drop_down, title);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->face), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_enable_search (SkyLazyDropDown *self,
                   gboolean         enable_search)
{
  if (self->enable_search == enable_search)
    return;
  self->enable_search = enable_search;
  if (self->drop_down != NULL)
    gtk_drop_down_set_enable_search (self->drop_down, enable_search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLE_SEARCH]);
}

static void
sky_lazy_drop_down_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, sky_lazy_drop_down_get_selected (self));
      break;
    case PROP_ENABLE_SEARCH:
      g_value_set_boolean (value, self->enable_search);
      break;
    case PROP_DROP_DOWN:
      g_value_set_object (value, self->drop_down);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_lazy_drop_down_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SkyLazyDropDown *self = SKY_LAZY_DROP_DOWN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      set_title (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      sky_lazy_drop_down_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      sky_lazy_drop_down_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_ENABLE_SEARCH:
      set_enable_search (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sky_lazy_drop_down_class_init (SkyLazyDropDownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sky_lazy_drop_down_dispose;
  object_class->finalize = sky_lazy_drop_down_finalize;
  object_class->get_property = sky_lazy_drop_down_get_property;
  object_class->set_property = sky_lazy_drop_down_set_property;
  widget_class->map = sky_lazy_drop_down_map;
  widget_class->grab_focus = sky_lazy_drop_down_grab_focus;

  /* Its tooltip and its name for assistive technologies. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENABLE_SEARCH] =
    g_param_spec_boolean ("enable-search", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The GtkDropDown, once made. */
  properties[PROP_DROP_DOWN] =
    g_param_spec_object ("drop-down", NULL, NULL, GTK_TYPE_DROP_DOWN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sky_lazy_drop_down_init (SkyLazyDropDown *self)
{
  self->selected = GTK_INVALID_LIST_POSITION;
  make_face (self);
}

GtkWidget *
sky_lazy_drop_down_new (void)
{
  return g_object_new (SKY_TYPE_LAZY_DROP_DOWN, NULL);
}

GListModel *
sky_lazy_drop_down_get_model (SkyLazyDropDown *self)
{
  g_return_val_if_fail (SKY_IS_LAZY_DROP_DOWN (self), NULL);

  return self->model;
}

/* As GtkDropDown: a new model selects its first item. */
void
sky_lazy_drop_down_set_model (SkyLazyDropDown *self,
                              GListModel      *model)
{
  guint selected;

  g_return_if_fail (SKY_IS_LAZY_DROP_DOWN (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL && self->drop_down == NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  if (self->drop_down != NULL)
    {
      gtk_drop_down_set_model (self->drop_down, model);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
      return;
    }
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  selected = model != NULL && g_list_model_get_n_items (model) > 0
             ? 0 : GTK_INVALID_LIST_POSITION;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  if (selected != self->selected)
    {
      self->selected = selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  update_face (self);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
sky_lazy_drop_down_get_selected (SkyLazyDropDown *self)
{
  g_return_val_if_fail (SKY_IS_LAZY_DROP_DOWN (self), GTK_INVALID_LIST_POSITION);

  if (self->drop_down != NULL)
    return gtk_drop_down_get_selected (self->drop_down);
  return self->selected;
}

/* As GtkDropDown: a position past the model's items selects none. */
void
sky_lazy_drop_down_set_selected (SkyLazyDropDown *self,
                                 guint            position)
{
  g_return_if_fail (SKY_IS_LAZY_DROP_DOWN (self));

  if (self->drop_down != NULL)
    {
      gtk_drop_down_set_selected (self->drop_down, position);
      return;
    }
  if (self->model == NULL || position >= g_list_model_get_n_items (self->model))
    position = GTK_INVALID_LIST_POSITION;
  if (position == self->selected)
    return;
  self->selected = position;
  update_face (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
sky_lazy_drop_down_set_expression (SkyLazyDropDown *self,
                                   GtkExpression   *expression)
{
  g_return_if_fail (SKY_IS_LAZY_DROP_DOWN (self));

  if (self->expression == expression)
    return;
  g_clear_pointer (&self->expression, gtk_expression_unref);
  if (expression != NULL)
    self->expression = gtk_expression_ref (expression);
  if (self->drop_down != NULL)
    gtk_drop_down_set_expression (self->drop_down, expression);
  else
    update_face (self);
}

/**
 * sky_lazy_drop_down_get_drop_down:
 * @self: a lazy drop-down
 *
 * Makes the GtkDropDown in the look-alike's place, if it is not made yet, as opening it does.
 *
 * Returns: (transfer none): the drop-down
 */
GtkDropDown *
sky_lazy_drop_down_get_drop_down (SkyLazyDropDown *self)
{
  g_return_val_if_fail (SKY_IS_LAZY_DROP_DOWN (self), NULL);

  make_drop_down (self);
  return self->drop_down;
}

/* Returns: (transfer none) (nullable): the GtkDropDown if it is made, or %NULL. */
GtkDropDown *
sky_lazy_drop_down_peek_drop_down (SkyLazyDropDown *self)
{
  g_return_val_if_fail (SKY_IS_LAZY_DROP_DOWN (self), NULL);

  return self->drop_down;
}
