/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *sky_gui_util_error_dialog_new (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);
void       sky_gui_util_show_error       (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);
gboolean   sky_gui_util_watch            (gpointer    slot,
                                          gpointer    object,
                                          gpointer    watcher);
gboolean   sky_gui_util_set_flag         (GObject    *object,
                                          gboolean   *flag,
                                          gboolean    value,
                                          GParamSpec *pspec);
GtkWidget *sky_gui_util_column_header    (GtkColumnView       *view,
                                          GtkColumnViewColumn *column);
void       sky_gui_util_set_column_tooltip (GtkColumnView       *view,
                                            GtkColumnViewColumn *column,
                                            const char          *tooltip);
void       sky_gui_util_redraw_chart     (GtkWidget  *chart,
                                          char      **told,
                                          char       *description);
gint64     sky_gui_util_thread_cpu_time  (void);
void       sky_gui_util_measure_status_page_width_once (AdwStatusPage *page);

G_END_DECLS
