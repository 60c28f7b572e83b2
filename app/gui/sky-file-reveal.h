/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     sky_file_open_default        (GtkWindow           *parent,
                                       GFile               *file,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean sky_file_open_default_finish (GAsyncResult        *result,
                                       GError             **error);
void     sky_file_show_in_folder      (GtkWindow           *parent,
                                       GFile               *file,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean sky_file_show_in_folder_finish (GAsyncResult      *result,
                                         GError           **error);

G_END_DECLS
