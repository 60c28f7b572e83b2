/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sky-application.h"
#include "sky-catalog-page.h"
#include "sky-gui-util.h"
#include "sky-window.h"

/* The window's start-up benchmark: the main window on the bundled catalog and on a generated
 * catalog of SKYTALLY_BENCH_OFFERS offers (1,000,000 unless told), each beside a trivial
 * libadwaita window (an AdwApplicationWindow with a header bar and a label) started the same
 * way in the same run, the anchor. Each window runs in a child process of its own (this same
 * program), three times, interleaved; the best first frame of each counts.
 *
 *   bench-startup [CATALOG]
 *
 * CATALOG reuses an existing catalog as the big one; without it, one is generated with
 * SKYTALLY_BENCH_GEN_SHEET and imported with SKYTALLY_CLI into a temporary folder. The bundled
 * catalog is seeded from SKYTALLY_PRICESHEETS_DIR. Each child reports the time from its
 * process's start to its first frame, its peak RSS, whether an OpenGL library was mapped,
 * when the catalog page started and finished counting its rows, and the longest stall of the
 * main loop (the longest gap between the ticks of a 10 ms timer) while a search is typed into
 * the catalog's search entry, a key at a time, and the most processor time the main thread itself
 * spent between two ticks.
 *
 * SKYTALLY_BENCH_HIDE, a comma-separated list of type names (SkyOfferView) and style classes
 * (.caption), hides the window's widgets of those types or classes before it is shown: the
 * first frame's cost without them, under callgrind, is what they add to it.
 *
 * It measures; it does not judge. A missed target is printed as MISSED and the exit status is
 * still 0; only a failure to run makes it exit non-zero. It needs a display: meson's benchmark
 * runs it under xvfb-run. */

#define DEFAULT_OFFERS 1000000
#define RUNS 3
#define TARGET_FRAME_RATIO 1.2
#define TARGET_RSS_MB 100.0
#define TARGET_STALL_MS 50.0
/* A child that has not finished by then is stuck. */
#define CHILD_TIMEOUT_S 300

/* The child ------------------------------------------------------------------------------- */

static gint64 process_start;
static gint64 first_frame_at;
static GMainLoop *loop;

/* The process's own start, from the kernel, so that loading libraries counts too. */
static gint64
find_process_start (void)
{
  unsigned long long start_ticks = 0;
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  double up = 0;

  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    {
      const char *p = strrchr (stat, ')');
      for (int field = 2; p != NULL && field < 22; field++)
        p = strchr (p + 1, ' ');
      if (p != NULL)
        start_ticks = g_ascii_strtoull (p + 1, NULL, 10);
    }
  if (g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
    up = g_ascii_strtod (uptime, NULL);
  return g_get_monotonic_time () -
         (gint64) ((up - (double) start_ticks / sysconf (_SC_CLK_TCK)) * G_USEC_PER_SEC);
}

static double
since_start_ms (void)
{
  return (g_get_monotonic_time () - process_start) / 1000.0;
}

static long
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* The OpenGL libraries mapped into this process, comma-separated, or "none". */
static char *
gl_libraries (void)
{
  static const char * const names[] = {
    "libGL.", "libGLX", "libEGL", "libGLES", "libglapi", "libgallium", "_dri.so", "libvulkan",
  };
  g_autofree char *maps = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');
      g_autofree char *base = NULL;

      if (path == NULL)
        continue;
      base = g_path_get_basename (path);
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (strstr (base, names[n]) != NULL &&
            !g_ptr_array_find_with_equal_func (found, base, g_str_equal, NULL))
          g_ptr_array_add (found, g_strdup (base));
    }
  if (found->len == 0)
    return g_strdup ("none");
  g_ptr_array_add (found, NULL);
  return g_strjoinv (",", (char **) found->pdata);
}

/* The main loop's stall: a 10 ms timer, and the longest gap between its ticks. On a machine
 * that others load, a gap also holds the time the main thread waited for a processor, so the
 * processor time the main thread itself spent between two ticks is measured too: the longest
 * of those is the stall that this program's own work causes. */
static SkyListingModel *listing_model;
static gboolean log_ticks;
static gint64 last_tick;
static gint64 worst_gap;
static gint64 last_tick_cpu;
static gint64 worst_cpu_gap;
static guint ticker;
static guint worst_gap_key;      /* the keys typed when the longest gap ended */
static guint worst_cpu_gap_key;
static guint next_key;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = sky_gui_util_thread_cpu_time ();

  if (now - last_tick > worst_gap)
    {
      worst_gap = now - last_tick;
      worst_gap_key = next_key;
    }
  /* SKYTALLY_BENCH_TICKS set: each gap longer than a tick and a half, to see what holds the
   * main loop when. */
  if (log_ticks && now - last_tick > 15000)
    g_printerr ("tick at %.0f ms: gap %.1f ms, main thread %.1f ms, %u keys typed, %u rows\n",
                (now - process_start) / 1000.0, (now - last_tick) / 1000.0,
                (cpu - last_tick_cpu) / 1000.0, next_key,
                listing_model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (listing_model))
                                      : 0);
  if (cpu - last_tick_cpu > worst_cpu_gap)
    {
      worst_cpu_gap = cpu - last_tick_cpu;
      worst_cpu_gap_key = next_key;
    }
  last_tick = now;
  last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
start_ticker (void)
{
  log_ticks = g_getenv ("SKYTALLY_BENCH_TICKS") != NULL;
  last_tick = g_get_monotonic_time ();
  last_tick_cpu = sky_gui_util_thread_cpu_time ();
  worst_gap = 0;
  worst_cpu_gap = 0;
  ticker = g_timeout_add (10, tick_cb, NULL);
}

static void
finish (void)
{
  g_autofree char *gl = gl_libraries ();

  g_clear_handle_id (&ticker, g_source_remove);
  g_print ("stall-ms=%.1f\n", worst_gap / 1000.0);
  g_print ("stall-cpu-ms=%.1f\n", worst_cpu_gap / 1000.0);
  g_print ("stall-after-keys=%u\n", worst_gap_key);
  g_print ("stall-cpu-after-keys=%u\n", worst_cpu_gap_key);
  g_print ("gl=%s\n", gl);
  g_print ("hwm-end-mb=%.1f\n", vm_hwm_kib () / 1024.0);
  g_main_loop_quit (loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_printerr ("bench-startup: the window did not finish in %d s\n", CHILD_TIMEOUT_S);
  exit (1);
}

/* The processor time of the whole process so far, all its threads: unlike the time on the clock,
 * others' load on the machine does not stretch it. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return -1;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
report_first_frame (void)
{
  first_frame_at = g_get_monotonic_time ();
  g_print ("first-frame-ms=%.1f\n", since_start_ms ());
  g_print ("first-frame-cpu-ms=%.1f\n", process_cpu_ms ());
  g_print ("hwm-frame-mb=%.1f\n", vm_hwm_kib () / 1024.0);
}

/* The anchor: nothing happens after its first frame; the stall of its idle main loop over a
 * second is the floor the timer gives on this machine now. */
static gboolean
anchor_done_cb (gpointer user_data)
{
  finish ();
  return G_SOURCE_REMOVE;
}

static void
on_anchor_after_paint (GdkFrameClock *clock,
                       gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_anchor_after_paint, user_data);
  report_first_frame ();
  start_ticker ();
  g_timeout_add (1000, anchor_done_cb, NULL);
}

static void
on_anchor_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_anchor_after_paint), widget);
}

static int
run_anchor (void)
{
  g_autoptr(AdwApplication) app = NULL;
  GtkWidget *window, *box, *label;

  gtk_init ();
  adw_init ();
  app = adw_application_new ("io.github.skytally.StartupAnchor", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  label = gtk_label_new ("Skytally");
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_anchor_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The window: once its rows are counted, a search is typed a key at a time, with a pause that
 * lets the entry search in the middle, and then a key that leaves no row (the page explains
 * why). Each step ends once the page has counted what the entry holds. */
static const struct
{
  const char *text;
  guint       after_ms;   /* the time since the step before */
} keys[] = {
  { "m", 60 }, { "m7", 60 }, { "m7.", 60 }, { "m7.2", 60 }, { "m7.2x", 400 },
  { "m7.2xl", 60 }, { "m7.2xla", 60 }, { "m7.2xlar", 60 }, { "m7.2xlarg", 60 },
  { "m7.2xlarge", 60 }, { "m7.2xlargeq", 600 },
};
/* The entry searches 150 ms after the last key; past this the count of the last text has
 * started, or finished. */
#define SETTLE_MS 500

static GtkEditable *search_entry;
static gint64 last_key_at;
static gint64 counting_started_at;
static gboolean counted;

static void type_next (void);

static gboolean
settled_cb (gpointer user_data)
{
  if (sky_listing_model_get_counting (listing_model) ||
      g_get_monotonic_time () - last_key_at < SETTLE_MS * 1000)
    return G_SOURCE_CONTINUE;
  g_print ("typed-rows=%u\n", sky_listing_model_get_count (listing_model));
  g_print ("typed-ms=%.1f\n", (g_get_monotonic_time () - last_key_at) / 1000.0);
  /* What the page still does for the last result (its explanation, the details), then the
   * end. */
  g_timeout_add (300, anchor_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* A key typed adds its character at the end, as a key does: gtk_editable_set_text() would
 * empty the entry first, which a search entry searches at once. */
static gboolean
key_cb (gpointer user_data)
{
  const char *text = keys[next_key].text;
  const char *shown = gtk_editable_get_text (search_entry);
  int position = -1;

  if (g_str_has_prefix (text, shown))
    gtk_editable_insert_text (search_entry, text + strlen (shown), -1, &position);
  else
    gtk_editable_set_text (search_entry, text);
  last_key_at = g_get_monotonic_time ();
  next_key++;
  type_next ();
  return G_SOURCE_REMOVE;
}

static void
type_next (void)
{
  if (next_key < G_N_ELEMENTS (keys))
    g_timeout_add (keys[next_key].after_ms, key_cb, NULL);
  else
    g_timeout_add (10, settled_cb, NULL);
}

/* The window holds its model's count until it has drawn its first frame. */
static void
on_held (SkyListingModel *model,
         GParamSpec      *pspec,
         gpointer         user_data)
{
  if (!sky_listing_model_get_held (model) && counting_started_at == 0)
    counting_started_at = g_get_monotonic_time ();
}

static void
on_counting (SkyListingModel *model,
             GParamSpec      *pspec,
             gpointer         user_data)
{
  if (sky_listing_model_get_counting (model) || sky_listing_model_get_held (model))
    return;
  if (counted || first_frame_at == 0)
    return;
  counted = TRUE;
  g_print ("count-started-ms=%.1f\n", (counting_started_at - process_start) / 1000.0);
  g_print ("counted-ms=%.1f\n", since_start_ms ());
  g_print ("rows=%u\n", sky_listing_model_get_count (model));
  g_print ("hwm-counted-mb=%.1f\n", vm_hwm_kib () / 1024.0);
  start_ticker ();
  type_next ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  report_first_frame ();
  /* Counted before the first frame: the typing starts now. */
  if (counting_started_at != 0 && !sky_listing_model_get_counting (listing_model))
    on_counting (listing_model, NULL, NULL);
}

static void
on_realize (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint), widget);
}

/* Hides the widgets of @widget's tree (itself included) whose type or style class is named in
 * @names (a class with its leading dot). */
static void
hide_named (GtkWidget          *widget,
            const char * const *names)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hide_named (child, names);
  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] == '.' ? gtk_widget_has_css_class (widget, names[i] + 1)
                           : g_str_equal (names[i], G_OBJECT_TYPE_NAME (widget)))
      gtk_widget_set_visible (widget, FALSE);
}

static int
run_window (const char *path)
{
  g_autoptr(SkyApplication) app = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  SkyCatalogPage *page;
  SkyWindow *window;

  gtk_init ();
  adw_init ();
  catalog = sky_catalog_open (path, &error);
  if (catalog == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }

  app = sky_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = sky_window_new (app, catalog);
  page = SKY_CATALOG_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), SKY_TYPE_WINDOW,
                                                          "catalog_page"));
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                              SKY_TYPE_CATALOG_PAGE,
                                                              "search_entry"));
  listing_model = sky_catalog_page_get_model (page);
  /* A count not held started already, before the window was shown. */
  on_held (listing_model, NULL, NULL);
  g_signal_connect (listing_model, "notify::held", G_CALLBACK (on_held), NULL);
  g_signal_connect (listing_model, "notify::counting", G_CALLBACK (on_counting), NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  if (g_getenv ("SKYTALLY_BENCH_HIDE") != NULL)
    {
      g_auto(GStrv) names = g_strsplit (g_getenv ("SKYTALLY_BENCH_HIDE"), ",", -1);

      hide_named (GTK_WIDGET (window), (const char * const *) names);
    }
  gtk_window_present (GTK_WINDOW (window));

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The parent ------------------------------------------------------------------------------ */

typedef struct
{
  GHashTable *values;      /* key → value, as the child printed them */
  double      maxrss_mb;   /* from wait4() */
} Child;

static void
child_clear (Child *child)
{
  g_clear_pointer (&child->values, g_hash_table_unref);
}

static double
child_number (const Child *child,
              const char  *key)
{
  const char *value = g_hash_table_lookup (child->values, key);

  return value != NULL ? g_ascii_strtod (value, NULL) : -1;
}

static const char *
child_string (const Child *child,
              const char  *key)
{
  const char *value = g_hash_table_lookup (child->values, key);

  return value != NULL ? value : "?";
}

/* Runs this program as a child with @args, reads what it prints, and waits for it with
 * wait4(), which gives its peak RSS. */
static gboolean
run_child (const char  *self_path,
           const char  *mode,
           const char  *catalog,
           Child       *child,
           GError     **error)
{
  const char *argv[] = { self_path, mode, catalog, NULL };
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  struct rusage usage;
  int out_fd, status = 0;
  GPid pid;
  pid_t done;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, error))
    return FALSE;
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_to_end (channel, &output, NULL, error) != G_IO_STATUS_NORMAL)
    return FALSE;
  do
    done = wait4 (pid, &status, 0, &usage);
  while (done < 0 && errno == EINTR);
  g_spawn_close_pid (pid);
  if (done < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s %s failed", self_path, mode,
                   catalog != NULL ? catalog : "");
      return FALSE;
    }

  child->maxrss_mb = usage.ru_maxrss / 1024.0;
  child->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_replace (child->values, g_strndup (lines[i], eq - lines[i]),
                              g_strdup (eq + 1));
    }
  return TRUE;
}

static gboolean
run_program (const char * const  *argv,
             GError             **error)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

static const char *
verdict (gboolean met)
{
  return met ? "" : ", MISSED";
}

/* The best (smallest) of @key over the runs, and the worst (largest). */
static double
best_of (const Child *runs,
         const char  *key)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < RUNS; i++)
    best = MIN (best, child_number (&runs[i], key));
  return best;
}

static double
worst_of (const Child *runs,
          const char  *key)
{
  double worst = 0;

  for (guint i = 0; i < RUNS; i++)
    worst = MAX (worst, child_number (&runs[i], key));
  return worst;
}

static double
worst_rss (const Child *runs)
{
  double worst = 0;

  for (guint i = 0; i < RUNS; i++)
    worst = MAX (worst, runs[i].maxrss_mb);
  return worst;
}

static void
report (const char  *name,
        const Child *runs,
        const Child *anchor)
{
  double frame = best_of (runs, "first-frame-ms");
  double anchor_frame = best_of (anchor, "first-frame-ms");
  double frame_ratio = frame / MAX (anchor_frame, 1);
  double rss = worst_rss (runs), anchor_rss = worst_rss (anchor);
  double stall = worst_of (runs, "stall-ms"), anchor_stall = worst_of (anchor, "stall-ms");
  gboolean count_after = TRUE;

  for (guint i = 0; i < RUNS; i++)
    count_after &= child_number (&runs[i], "count-started-ms") >=
                   child_number (&runs[i], "first-frame-ms");

  g_print ("first frame, %s: %.0f ms (anchor: %.0f ms, ratio %.2f) (best of %d; target "
           "ratio <= %.1f%s)\n", name, frame, anchor_frame, frame_ratio, RUNS,
           TARGET_FRAME_RATIO, verdict (frame_ratio <= TARGET_FRAME_RATIO));
  g_print ("processor time to the first frame, %s: %.0f ms (anchor: %.0f ms, ratio %.2f) (best "
           "of %d; all threads, which others' load does not stretch)\n", name,
           best_of (runs, "first-frame-cpu-ms"), best_of (anchor, "first-frame-cpu-ms"),
           best_of (runs, "first-frame-cpu-ms") / MAX (best_of (anchor, "first-frame-cpu-ms"), 1),
           RUNS);
  g_print ("peak RSS, %s: %.1f MB (anchor: %.1f MB, ratio %.2f) (worst of %d; at the first "
           "frame %.1f MB; target <= %.0f MB%s)\n", name, rss, anchor_rss,
           rss / MAX (anchor_rss, 1), RUNS, worst_of (runs, "hwm-frame-mb"), TARGET_RSS_MB,
           verdict (rss <= TARGET_RSS_MB));
  g_print ("OpenGL libraries mapped, %s: %s (anchor: %s)\n", name,
           child_string (&runs[0], "gl"), child_string (&anchor[0], "gl"));
  g_print ("rows counted, %s: %.0f ms (anchor: first frame %.0f ms, ratio %.2f) (%s rows; the "
           "count started at %.0f ms, %s the first frame)\n", name,
           best_of (runs, "counted-ms"), frame, best_of (runs, "counted-ms") / MAX (frame, 1),
           child_string (&runs[0], "rows"), child_number (&runs[0], "count-started-ms"),
           count_after ? "after" : "before");
  g_print ("longest main-loop stall while typing a search, %s: %.0f ms (anchor: %.0f ms idle, "
           "ratio %.2f) (worst of %d; a 10 ms timer's longest gap; target <= %.0f ms%s; the "
           "last search found %s rows)\n", name, stall, anchor_stall,
           stall / MAX (anchor_stall, 1), RUNS, TARGET_STALL_MS,
           verdict (stall <= TARGET_STALL_MS), child_string (&runs[0], "typed-rows"));
  g_print ("most processor time the main thread spent between two ticks while typing, %s: %.0f ms "
           "(anchor: %.0f ms idle, ratio %.2f) (best and worst of %d: %.0f to %.0f ms; the "
           "stall less the time others' load kept the thread waiting)\n", name,
           best_of (runs, "stall-cpu-ms"), worst_of (anchor, "stall-cpu-ms"),
           best_of (runs, "stall-cpu-ms") / MAX (worst_of (anchor, "stall-cpu-ms"), 1), RUNS,
           best_of (runs, "stall-cpu-ms"), worst_of (runs, "stall-cpu-ms"));
}

static gboolean
run_parent (const char  *self_path,
            const char  *given,
            GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *bundled = NULL;
  g_autofree char *big = NULL;
  Child anchor[RUNS] = { 0 }, small[RUNS] = { 0 }, large[RUNS] = { 0 };
  const char *offers_env = g_getenv ("SKYTALLY_BENCH_OFFERS");
  guint64 offers = DEFAULT_OFFERS;
  gboolean ok = FALSE;

  dir = g_dir_make_tmp ("skytally-startup-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  bundled = g_build_filename (dir, "bundled.db", NULL);
  {
    g_autoptr(SkyCatalog) catalog = sky_catalog_open (bundled, error);
    g_autoptr(GPtrArray) seeded = NULL;

    if (catalog == NULL ||
        (seeded = sky_catalog_seed (catalog, sky_catalog_bundled_sheets_dir (), NULL,
                                    error)) == NULL)
      goto out;
    g_print ("bundled catalog: %u sheets from %s\n", seeded->len,
             sky_catalog_bundled_sheets_dir ());
  }

  if (given != NULL)
    big = g_strdup (given);
  else
    {
      g_autofree char *sheet = g_build_filename (dir, "sheet.xml", NULL);
      g_autofree char *offers_text = NULL;
      const char *gen_sheet = g_getenv ("SKYTALLY_BENCH_GEN_SHEET");
      const char *cli = g_getenv ("SKYTALLY_CLI");

      if (offers_env != NULL && *offers_env != '\0' &&
          !g_ascii_string_to_unsigned (offers_env, 10, 1, G_MAXUINT, &offers, error))
        {
          g_prefix_error (error, "SKYTALLY_BENCH_OFFERS: ");
          goto out;
        }
      if (gen_sheet == NULL || cli == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Without CATALOG, "
                       "SKYTALLY_BENCH_GEN_SHEET and SKYTALLY_CLI must be set");
          goto out;
        }
      offers_text = g_strdup_printf ("%" G_GUINT64_FORMAT, offers);
      big = g_build_filename (dir, "big.db", NULL);
      {
        const char * const gen_argv[] = { gen_sheet, sheet, offers_text, NULL };
        const char * const import_argv[] = { cli, "--catalog", big, "--no-seed", "import",
                                             sheet, NULL };

        if (!run_program (gen_argv, error) || !run_program (import_argv, error))
          goto out;
      }
      g_remove (sheet);
    }
  {
    g_autoptr(SkyCatalog) catalog = sky_catalog_open (big, error);
    guint64 count = 0;

    if (catalog == NULL ||
        !sky_catalog_count (catalog, &(SkySearchQuery) { .sort = SKY_SORT_UNIT_PRICE }, &count,
                            error))
      goto out;
    g_print ("big catalog: %s, %" G_GUINT64_FORMAT " offers\n", big, count);
  }

  for (guint i = 0; i < RUNS; i++)
    if (!run_child (self_path, "--anchor", NULL, &anchor[i], error) ||
        !run_child (self_path, "--window", bundled, &small[i], error) ||
        !run_child (self_path, "--window", big, &large[i], error))
      goto out;

  report ("bundled catalog", small, anchor);
  report ("big catalog", large, anchor);
  {
    double small_frame = best_of (small, "first-frame-ms");
    double large_frame = best_of (large, "first-frame-ms");

    g_print ("first frame, bundled against big catalog: %.0f ms (anchor: %.0f ms, ratio %.2f) "
             "(target ratio <= 1.0%s)\n", small_frame, large_frame,
             small_frame / MAX (large_frame, 1), verdict (small_frame <= large_frame));
    small_frame = best_of (small, "first-frame-cpu-ms");
    large_frame = best_of (large, "first-frame-cpu-ms");
    g_print ("processor time to the first frame, bundled against big catalog: %.0f ms (anchor: "
             "%.0f ms, ratio %.2f)\n", small_frame, large_frame,
             small_frame / MAX (large_frame, 1));
  }
  ok = TRUE;

out:
  for (guint i = 0; i < RUNS; i++)
    {
      child_clear (&anchor[i]);
      child_clear (&small[i]);
      child_clear (&large[i]);
    }
  {
    const char * const names[] = { "bundled.db", "big.db", "sheet.xml" };
    const char * const suffixes[] = { "", "-wal", "-shm" };

    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
        {
          g_autofree char *path = g_strconcat (dir, "/", names[n], suffixes[s], NULL);
          g_remove (path);
        }
    g_rmdir (dir);
  }
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;

  /* The renderer the application itself would choose, for the anchor too: the figures compare
   * the windows, not the renderers. */
  sky_application_choose_renderer ();
  process_start = find_process_start ();

  if (argc >= 2 && g_str_equal (argv[1], "--anchor"))
    {
      g_timeout_add_seconds (CHILD_TIMEOUT_S, timeout_cb, NULL);
      return run_anchor ();
    }
  if (argc >= 3 && g_str_equal (argv[1], "--window"))
    {
      g_timeout_add_seconds (CHILD_TIMEOUT_S, timeout_cb, NULL);
      return run_window (argv[2]);
    }
  if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
    {
      g_printerr ("usage: bench-startup [CATALOG]\n");
      return 2;
    }

  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL ||
      !run_parent (self_path, argc == 2 ? argv[1] : NULL, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }
  return 0;
}
