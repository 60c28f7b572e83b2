/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* The CLI benchmark: skytally-cli's start-up, and whole searches, each beside an anchor timed
 * in the same run.
 *
 * It builds (or reuses) a catalog of SKYTALLY_BENCH_OFFERS offers (1,000,000 unless told):
 * gen-sheet's sheet imported with `skytally-cli --no-seed import`. Then, each the best of
 * SKYTALLY_BENCH_RUNS runs (20 unless told) of a child process whose output goes nowhere, a
 * figure's command and its anchor taking turns:
 *
 * - start-up: `skytally-cli --version`, and a search that finds nothing, beside /bin/true; the
 *   target is twice /bin/true + 5 ms;
 * - whole searches: `skytally-cli search …` for a few typical searches, beside `sqlite3
 *   CATALOG '.read SCRIPT'`, where SCRIPT is a file of every statement that search ran on the
 *   catalog (the catalog writes them when SKYTALLY_TRACE_SQL names a file), its values in
 *   place, the application's sky_today() replaced by today's date and its sky_found_add() (which
 *   keeps the offers a look-up of the text index finds) by a check that keeps nothing (read
 *   from a file, as a search's statements may be longer than one argument may be); the target
 *   is 1.3 times sqlite3;
 * - the shared libraries a search maps (the dynamic loader's LD_DEBUG=files).
 *
 * Each figure is printed as `name: value unit (anchor: value unit, ratio R)`, wall clock time;
 * the CPU time (user + system) of the same runs follows on a line of its own, steadier on a
 * busy machine. It measures; it does not judge: only a program that cannot run or fails makes
 * it exit non-zero.
 *
 * Environment: SKYTALLY_CLI, SKYTALLY_BENCH_GEN_SHEET, SKYTALLY_BENCH_SQLITE3 (paths of the
 * programs; sqlite3 from PATH unless told), SKYTALLY_BENCH_OFFERS, SKYTALLY_BENCH_RUNS,
 * SKYTALLY_BENCH_DIR (where the catalog is kept between runs; a folder in the temporary
 * directory unless told). */

extern char **environ;

#define DEFAULT_OFFERS 1000000
#define DEFAULT_RUNS 20

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Timing;

static const char *
required_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    {
      g_printerr ("bench-cli: %s is not set\n", name);
      exit (1);
    }
  return value;
}

/* Runs @argv once, its output to /dev/null (or standard error to @err_path), @env its
 * environment (NULL: this one's); FALSE when it cannot start or does not exit with 0. */
static gboolean
run_once (char * const *argv,
          char * const *env,
          const char   *err_path,
          Timing       *timing)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  gint64 start;
  pid_t pid;
  int status = 0;
  int rc;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDERR_FILENO,
                                    err_path != NULL ? err_path : "/dev/null",
                                    O_WRONLY | O_CREAT | O_TRUNC, 0600);
  start = g_get_monotonic_time ();
  rc = posix_spawn (&pid, argv[0], &actions, NULL, argv, env != NULL ? env : environ);
  posix_spawn_file_actions_destroy (&actions);
  if (rc != 0)
    {
      g_printerr ("bench-cli: cannot run %s: %s\n", argv[0], g_strerror (rc));
      return FALSE;
    }
  if (wait4 (pid, &status, 0, &usage) < 0)
    return FALSE;
  if (timing != NULL)
    {
      timing->wall_ms = (g_get_monotonic_time () - start) / 1000.0;
      timing->cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                       (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-cli: %s failed\n", argv[0]);
      return FALSE;
    }
  return TRUE;
}

/* The best wall and the best CPU time of @runs runs of each of the @n commands @argvs, into
 * @best: the commands take turns, run after run, so that a spell of the machine's other work
 * falls on each of them alike rather than on one command's runs. */
static void
best_of_each (char * const * const *argvs,
              guint                 n,
              guint                 runs,
              Timing               *best)
{
  for (guint c = 0; c < n; c++)
    best[c] = (Timing) { G_MAXDOUBLE, G_MAXDOUBLE };
  for (guint i = 0; i < runs; i++)
    for (guint c = 0; c < n; c++)
      {
        Timing t;

        if (!run_once (argvs[c], NULL, NULL, &t))
          exit (1);
        best[c].wall_ms = MIN (best[c].wall_ms, t.wall_ms);
        best[c].cpu_ms = MIN (best[c].cpu_ms, t.cpu_ms);
      }
}

static void
print_figure (const char *name,
              Timing      value,
              const char *anchor_name,
              Timing      anchor)
{
  g_print ("%s: %.2f ms (anchor: %s %.2f ms, ratio %.2f)\n", name, value.wall_ms, anchor_name,
           anchor.wall_ms, value.wall_ms / anchor.wall_ms);
  g_print ("%s-cpu: %.2f ms (anchor: %s %.2f ms, ratio %.2f)\n", name, value.cpu_ms,
           anchor_name, anchor.cpu_ms, value.cpu_ms / anchor.cpu_ms);
}

/* The catalog of @offers offers in @dir, made unless it is there from an earlier run. */
static char *
ensure_catalog (const char *dir,
                const char *cli,
                guint       offers)
{
  g_autofree char *name = g_strdup_printf ("catalog-%u.db", offers);
  g_autofree char *done_name = g_strdup_printf ("catalog-%u.done", offers);
  g_autofree char *sheet = g_build_filename (dir, "sheet.xml", NULL);
  g_autofree char *done = g_build_filename (dir, done_name, NULL);
  g_autofree char *offers_text = g_strdup_printf ("%u", offers);
  char *catalog = g_build_filename (dir, name, NULL);
  Timing t;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    {
      g_print ("catalog: %s (%u offers, kept from an earlier run)\n", catalog, offers);
      return catalog;
    }
  g_mkdir_with_parents (dir, 0700);
  g_unlink (catalog);
  {
    char *gen_argv[] = { (char *) required_env ("SKYTALLY_BENCH_GEN_SHEET"), sheet,
                         offers_text, NULL };
    char *import_argv[] = { (char *) cli, "--catalog", catalog, "--no-seed", "import", sheet,
                            NULL };

    if (!run_once (gen_argv, NULL, NULL, NULL) || !run_once (import_argv, NULL, NULL, &t))
      exit (1);
  }
  g_unlink (sheet);
  g_file_set_contents (done, "", 0, NULL);
  g_print ("catalog: %s (%u offers, imported in %.1f s)\n", catalog, offers, t.wall_ms / 1000);
  return catalog;
}

/* Runs @argv once with @name set to @value, or else to a new file in @dir, and returns what it
 * wrote there, or else on its standard error. */
static char *
run_with_file (char * const *argv,
               const char   *name,
               const char   *value,
               const char   *dir,
               const char   *file_name)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), name,
                                        value != NULL ? value : path, TRUE);
  gboolean as_stderr = value != NULL;
  char *contents = NULL;

  g_unlink (path);
  if (!run_once (argv, env, as_stderr ? path : NULL, NULL))
    exit (1);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    contents = g_strdup ("");
  g_unlink (path);
  return contents;
}

/* The shared libraries the dynamic loader maps for @argv, and their names. */
static guint
count_libraries (char * const *argv,
                 const char   *dir,
                 GString      *names)
{
  g_autofree char *err = run_with_file (argv, "LD_DEBUG", "files", dir, "ld-debug.txt");
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *file = strstr (lines[i], "file=");
      const char *end;

      if (file == NULL || strstr (lines[i], "generating link map") == NULL)
        continue;
      file += strlen ("file=");
      end = strpbrk (file, " [");
      if (end != NULL && end > file)
        {
          char *lib = g_strndup (file, end - file);

          if (g_hash_table_add (seen, lib))
            g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", lib);
        }
    }
  return g_hash_table_size (seen);
}

/* The statements @argv runs on the catalog, as a script sqlite3 runs, written to @path:
 * sky_today() is the application's, given to sqlite3 as today's date, and so are the functions
 * of the sets of offers the search keeps in memory (each set, a pointer, is traced as NULL):
 * sky_found_add(), which adds the offers a look-up of the text index finds (sqlite3 makes the
 * same look-up and keeps nothing; with a most, the statement returns no row until the set
 * holds more, and sqlite3's none), and sky_found_walk(), which keeps the set's offers and one
 * in 16 in a row of the others (sqlite3 keeps one offer in 16, which a page of a few offers'
 * prices mostly is). Whether any were. */
static gboolean
traced_script (char * const *argv,
               const char   *dir,
               const char   *path)
{
  g_autofree char *trace = run_with_file (argv, "SKYTALLY_TRACE_SQL", NULL, dir,
                                                "trace.sql");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "'%Y-%m-%d'");
  g_autoptr(GString) script = g_string_new (trace);
  g_autoptr(GRegex) most = g_regex_new ("sky_found_add \\(NULL, rowid, [0-9]+\\)", 0, 0, NULL);
  g_autofree char *replaced = NULL;
  g_autoptr(GError) error = NULL;

  g_string_replace (script, "sky_today ()", today, 0);
  g_string_replace (script, "sky_today()", today, 0);
  g_string_replace (script, "sky_found_add (NULL, rowid)", "rowid IS NOT NULL", 0);
  replaced = g_regex_replace (most, script->str, -1, 0, "rowid < 0", 0, &error);
  g_assert_no_error (error);
  g_string_assign (script, replaced);
  g_string_replace (script, "sky_found_walk (NULL, p.offer_seq >> 10)",
                    "(p.offer_seq >> 10) % 16 = 0", 0);
  if (!g_file_set_contents (path, script->str, script->len, &error))
    {
      g_printerr ("bench-cli: %s\n", error->message);
      exit (1);
    }
  return script->len > 0;
}

int
main (int    argc,
      char **argv)
{
  const char *cli = required_env ("SKYTALLY_CLI");
  const char *sqlite3 = g_getenv ("SKYTALLY_BENCH_SQLITE3");
  const char *offers_env = g_getenv ("SKYTALLY_BENCH_OFFERS");
  const char *runs_env = g_getenv ("SKYTALLY_BENCH_RUNS");
  guint offers = offers_env != NULL ? (guint) g_ascii_strtoull (offers_env, NULL, 10)
                                    : DEFAULT_OFFERS;
  guint runs = runs_env != NULL ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : DEFAULT_RUNS;
  g_autofree char *default_dir = g_build_filename (g_get_tmp_dir (), "skytally-bench-cli",
                                                   NULL);
  const char *dir = g_getenv ("SKYTALLY_BENCH_DIR") != NULL ? g_getenv ("SKYTALLY_BENCH_DIR")
                                                            : default_dir;
  g_autofree char *sqlite3_path = sqlite3 != NULL ? g_strdup (sqlite3)
                                                  : g_find_program_in_path ("sqlite3");
  g_autofree char *catalog = NULL;
  /* Typical searches: the first page by price, a region's sizes, a name, the sort by vCPUs. */
  static const char * const searches[][8] = {
    { "first-page", NULL },
    { "region-size", "--region", "eu-west-1", "--min-vcpu", "4", "--min-memory", "16", NULL },
    { "name", "--text", "c8.24", NULL },
    { "os-by-vcpu", "--os", "linux", "--sort", "vcpu", NULL },
  };
  Timing truth, version, empty;

  if (offers == 0 || runs == 0)
    {
      g_printerr ("bench-cli: SKYTALLY_BENCH_OFFERS and SKYTALLY_BENCH_RUNS are counts\n");
      return 1;
    }
  catalog = ensure_catalog (dir, cli, offers);
  /* A catalog kept from an older version is converted when it is first opened, and what an
   * import or a conversion wrote is still going to the disk: opened once and flushed before any
   * run is timed. */
  {
    char *sheets_argv[] = { (char *) cli, "--catalog", catalog, "--no-seed", "sheets", NULL };

    if (!run_once (sheets_argv, NULL, NULL, NULL))
      return 1;
    sync ();
  }
  g_print ("runs: best of %u\n", runs);

  /* Start-up: /bin/true, --version and the empty search take turns. */
  {
    char *true_argv[] = { "/bin/true", NULL };
    char *version_argv[] = { (char *) cli, "--version", NULL };
    char *empty_argv[] = { (char *) cli, "--catalog", catalog, "search", "--region",
                           "no-such-region", NULL };
    char * const *argvs[] = { true_argv, version_argv, empty_argv };
    Timing best[G_N_ELEMENTS (argvs)];

    best_of_each (argvs, G_N_ELEMENTS (argvs), runs, best);
    truth = best[0];
    version = best[1];
    empty = best[2];
    print_figure ("startup-version", version, "/bin/true", truth);
    print_figure ("startup-empty-search", empty, "/bin/true", truth);
    g_print ("startup-target: %.2f ms (twice /bin/true + 5 ms): --version %s, empty search %s\n",
             2 * truth.wall_ms + 5, version.wall_ms <= 2 * truth.wall_ms + 5 ? "met" : "missed",
             empty.wall_ms <= 2 * truth.wall_ms + 5 ? "met" : "missed");

    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n = count_libraries (empty_argv, dir, names);

      g_print ("libraries-search: %u shared libraries (%s)\n", n, names->str);
    }
  }

  if (sqlite3_path == NULL)
    {
      g_print ("whole searches: skipped, no sqlite3 to measure them against\n");
      return 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GPtrArray) search_argv = g_ptr_array_new ();
      g_autofree char *script = g_build_filename (dir, "search.sql", NULL);
      g_autofree char *read_script = g_strdup_printf (".read '%s'", script);
      g_autofree char *name = g_strdup_printf ("search-%s", searches[i][0]);
      g_autofree char *args = NULL;
      char *anchor_argv[] = { sqlite3_path, catalog, NULL, NULL };
      Timing cli_time, anchor_time;

      g_ptr_array_add (search_argv, (char *) cli);
      g_ptr_array_add (search_argv, "--catalog");
      g_ptr_array_add (search_argv, catalog);
      g_ptr_array_add (search_argv, "search");
      for (gsize a = 1; searches[i][a] != NULL; a++)
        g_ptr_array_add (search_argv, (char *) searches[i][a]);
      g_ptr_array_add (search_argv, NULL);
      args = g_strjoinv (" ", (char **) search_argv->pdata + 4);

      if (!traced_script ((char * const *) search_argv->pdata, dir, script))
        {
          g_print ("%s: no statements traced (SKYTALLY_TRACE_SQL): %s is older\n", name, cli);
          continue;
        }
      anchor_argv[2] = read_script;
      {
        char * const *argvs[] = { (char * const *) search_argv->pdata, anchor_argv };
        Timing best[G_N_ELEMENTS (argvs)];

        best_of_each (argvs, G_N_ELEMENTS (argvs), runs, best);
        cli_time = best[0];
        anchor_time = best[1];
      }
      g_print ("%s: search %s\n", name, args);
      print_figure (name, cli_time, "sqlite3", anchor_time);
      g_print ("%s-target: %s (1.3 times sqlite3)\n", name,
               cli_time.wall_ms <= 1.3 * anchor_time.wall_ms ? "met" : "missed");
    }
  return 0;
}
