/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-gui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-gui-util.h"

/* Small pieces the windows and pages share: the error dialog. */

/**
 * sky_gui_util_error_dialog_new:
 * @parent: (nullable): the window the dialog is transient for
 *
 * Returns: (transfer floating): a message dialog saying @heading and @body, with one response,
 *   Close; not yet presented.
 */
GtkWidget *
sky_gui_util_error_dialog_new (GtkWindow  *parent,
                               const char *heading,
                               const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

/**
 * sky_gui_util_show_error:
 *
 * Presents the dialog of sky_gui_util_error_dialog_new().
 */
void
sky_gui_util_show_error (GtkWindow  *parent,
                         const char *heading,
                         const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = sky_gui_util_error_dialog_new (parent, heading, body);
  gtk_window_present (GTK_WINDOW (dialog));
}
