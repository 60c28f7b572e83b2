/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include <adwaita.h>

#include "sky-application.h"
#include "sky-catalog-page.h"
#include "sky-window.h"

/* Time from the start of the process to the main window's first frame, and the resident
 * memory then and once the catalog page has counted and shown its first rows:
 *
 *   bench-startup CATALOG
 *
 * CATALOG is an existing catalog (the import benchmark can leave one with
 * SKYTALLY_BENCH_KEEP=1). Runs under any display; meson's benchmark runs it under xvfb-run. */

static gint64 process_start;
static GMainLoop *loop;

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* While the search typed below runs, a 10 ms timer measures how long the main loop is kept
 * from running it: the window's worst stall. */
static GtkEditable *search_entry;
static gint64 last_tick;
static gint64 worst_gap;
static gint64 typed_at;
static guint ticker;
static gboolean search_started;
static SkyListingModel *listing_model;

/* Runs after the page's own handler, which has started the typed search's count by then. */
static void
on_search_changed (void)
{
  search_started = sky_listing_model_get_counting (listing_model);
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  worst_gap = MAX (worst_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_count_done (SkyListingModel *model,
               GParamSpec      *pspec,
               gpointer         user_data)
{
  listing_model = model;
  if (sky_listing_model_get_counting (model))
    return;

  if (typed_at == 0)
    {
      g_print ("search counted: %u prices at %.0f ms; peak RSS %.1f MB\n",
               sky_listing_model_get_count (model),
               (g_get_monotonic_time () - process_start) / 1000.0, peak_rss_kib () / 1024.0);
      /* A search, entered at once: its count is the one measured. */
      last_tick = typed_at = g_get_monotonic_time ();
      ticker = g_timeout_add (10, tick_cb, NULL);
      g_signal_connect (search_entry, "search-changed", G_CALLBACK (on_search_changed), NULL);
      gtk_editable_set_text (search_entry, "m7.2");
      return;
    }
  /* Only the count of the typed search, which starts once the entry has paused. */
  if (!search_started)
    return;

  g_print ("typed search \"m7.2\": %u prices after %.0f ms; the main loop waited %.0f ms at "
           "most meanwhile (target <= 100 ms)\n",
           sky_listing_model_get_count (model), (g_get_monotonic_time () - typed_at) / 1000.0,
           worst_gap / 1000.0);
  g_source_remove (ticker);
  g_main_loop_quit (loop);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  SkyWindow *window = user_data;
  SkyCatalogPage *page;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  g_print ("first frame: %.0f ms after the process started (target <= 500 ms); "
           "peak RSS %.1f MB (target <= 150 MB)\n",
           (g_get_monotonic_time () - process_start) / 1000.0, peak_rss_kib () / 1024.0);

  page = SKY_CATALOG_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW,
                                                          "catalog_page"));
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                              SKY_TYPE_CATALOG_PAGE,
                                                              "search_entry"));
  g_signal_connect (sky_catalog_page_get_model (page), "notify::counting",
                    G_CALLBACK (on_count_done), NULL);
  if (!sky_listing_model_get_counting (sky_catalog_page_get_model (page)))
    on_count_done (sky_catalog_page_get_model (page), NULL, NULL);
}

static void
on_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint), widget);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SkyApplication) app = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  SkyWindow *window;
  unsigned long long start_ticks = 0;
  g_autofree char *stat = NULL;

  /* The renderer the application itself would choose. */
  sky_application_choose_renderer ();

  /* The process's own start, from the kernel, so that loading libraries counts too. */
  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    {
      const char *p = strrchr (stat, ')');
      for (int field = 2; p != NULL && field < 22; field++)
        p = strchr (p + 1, ' ');
      if (p != NULL)
        start_ticks = g_ascii_strtoull (p + 1, NULL, 10);
    }
  {
    g_autofree char *uptime = NULL;
    double up = 0;

    if (g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
      up = g_ascii_strtod (uptime, NULL);
    process_start = g_get_monotonic_time () -
                    (gint64) ((up - (double) start_ticks / sysconf (_SC_CLK_TCK)) * G_USEC_PER_SEC);
  }

  if (argc != 2)
    {
      g_printerr ("usage: bench-startup CATALOG\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  catalog = sky_catalog_open (argv[1], &error);
  if (catalog == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }

  app = sky_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = sky_window_new (app, catalog);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
