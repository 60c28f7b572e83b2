/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sky-catalog.h"

/* The import benchmark: generates a sheet of SKYTALLY_BENCH_OFFERS offers (1,000,000 unless
 * told), times `xmllint --stream --noout` on it as the yardstick, imports it with skytally-cli
 * in a child process (so that the peak RSS measured is the import's alone), three times, each
 * right after a yardstick run of its own, then times filtered searches on the resulting catalog
 * in this process.
 *
 * It measures; it does not judge. A missed target is printed as MISSED and the exit status is
 * still 0. Only a failure to run (a program that cannot start or fails, a search error) makes it
 * exit non-zero.
 *
 * The import runs with G_MESSAGES_DEBUG=sky-catalog, and the CPU and clock time of each phase
 * of its writing thread (offers, prices, the index of prices by offer made again, text index,
 * price values, commit) are printed for the median run: where the time goes.
 *
 * Bytes written are the import's own, as the kernel counts them for the child (its blocks of
 * output: the write-ahead log, the catalog when the log is copied into it, temporary files),
 * printed beside the catalog's size.
 *
 * Environment: SKYTALLY_BENCH_GEN_SHEET and SKYTALLY_CLI (paths of the programs),
 * SKYTALLY_BENCH_XMLLINT (default: xmllint from PATH), SKYTALLY_BENCH_OFFERS, and
 * SKYTALLY_BENCH_KEEP=1 to keep the sheet and the catalog for a closer look. */

#define DEFAULT_OFFERS 1000000
#define SEARCH_RUNS 5
#define TARGET_RATIO 1.5
#define TARGET_RSS_MIB 64.0
#define TARGET_SEARCH_MS 50.0

typedef struct
{
  gint64        usec;    /* wall clock */
  struct rusage usage;   /* the child's own; ru_maxrss in KiB */
} Run;

typedef struct
{
  Run    xmllint;
  Run    import;
  double ratio;
  const char *phases;   /* the import's phases, as its debug messages say them */
} Pair;

#define PAIRS 3

typedef struct
{
  const char     *label;
  SkySearchQuery  query;
} Search;

static const char *
required_env (const char  *name,
              GError     **error)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "%s is not set; run the benchmark with `meson test --benchmark`", name);
  return value != NULL && *value != '\0' ? value : NULL;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  double x = ((const Pair *) a)->ratio, y = ((const Pair *) b)->ratio;

  return x < y ? -1 : x > y;
}

/* A catalog and its write-ahead log, so that the next import starts from nothing. */
static void
remove_catalog (const char *db)
{
  const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_remove (path);
    }
}

/* Runs ARGV to its end, with wall time and resource usage from wait4(): GLib's own child
 * watching would not give the child's peak RSS. With @phases, the child's debug messages of the
 * catalog (which GLib writes to standard output) are turned on, and the text of its lines that
 * name an import's phase goes there; its output is dropped either way. */
static gboolean
run_program (const char * const  *argv,
             Run                 *run,
             char               **phases,
             GError             **error)
{
  g_auto(GStrv) envp = NULL;
  g_autofree char *log = NULL;
  GPid pid;
  gint64 start;
  int status = 0;
  int log_fd = -1;
  pid_t done;
  gboolean spawned;

  if (phases != NULL)
    {
      log_fd = g_file_open_tmp ("bench-import-XXXXXX.log", &log, error);
      if (log_fd < 0)
        return FALSE;
      envp = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "sky-catalog", TRUE);
    }
  start = g_get_monotonic_time ();
  spawned = g_spawn_async_with_fds (NULL, (char **) argv, envp,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH |
                                    (log_fd < 0 ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                                    NULL, NULL, &pid, -1, log_fd, -1, error);
  if (log_fd >= 0)
    close (log_fd);
  if (!spawned)
    {
      if (log != NULL)
        g_unlink (log);
      return FALSE;
    }

  do
    done = wait4 (pid, &status, 0, &run->usage);
  while (done < 0 && errno == EINTR);
  run->usec = g_get_monotonic_time () - start;
  g_spawn_close_pid (pid);
  if (log != NULL)
    {
      g_autofree char *text = NULL;
      g_autoptr(GString) found = g_string_new (NULL);

      if (g_file_get_contents (log, &text, NULL, NULL))
        {
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              const char *phase = strstr (lines[i], "import phase ");

              if (phase != NULL)
                g_string_append_printf (found, "  %s\n", phase + strlen ("import phase "));
            }
        }
      g_unlink (log);
      *phases = g_string_free (g_steal_pointer (&found), FALSE);
    }

  if (done < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot wait for %s: %s",
                   argv[0], g_strerror (saved));
      return FALSE;
    }
  if (WIFSIGNALED (status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s was killed by signal %d",
                   argv[0], WTERMSIG (status));
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed with exit status %d",
                   argv[0], WIFEXITED (status) ? WEXITSTATUS (status) : -1);
      return FALSE;
    }
  return TRUE;
}

static double
seconds (gint64 usec)
{
  return usec / (double) G_USEC_PER_SEC;
}

static double
timeval_seconds (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / (double) G_USEC_PER_SEC;
}

static const char *
verdict (gboolean met)
{
  return met ? "" : ", MISSED";
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
time_search (SkyCatalog    *catalog,
             const Search  *search,
             GError       **error)
{
  gint64 usec[SEARCH_RUNS];
  guint rows = 0;
  double median_ms;

  for (guint i = 0; i < SEARCH_RUNS; i++)
    {
      g_autoptr(GPtrArray) listings = NULL;
      gint64 start = g_get_monotonic_time ();

      listings = sky_catalog_search (catalog, &search->query, error);
      if (listings == NULL)
        {
          g_prefix_error (error, "search (%s): ", search->label);
          return FALSE;
        }
      rows = listings->len;
      g_clear_pointer (&listings, g_ptr_array_unref);
      usec[i] = g_get_monotonic_time () - start;
    }
  qsort (usec, SEARCH_RUNS, sizeof usec[0], compare_int64);
  median_ms = usec[SEARCH_RUNS / 2] / 1000.0;

  g_print ("search (%s): %.1f ms median of %d (min %.1f, max %.1f; %u rows) "
           "(target <= %.0f ms%s)\n",
           search->label, median_ms, SEARCH_RUNS, usec[0] / 1000.0,
           usec[SEARCH_RUNS - 1] / 1000.0, rows, TARGET_SEARCH_MS,
           verdict (median_ms <= TARGET_SEARCH_MS));
  return TRUE;
}

static gboolean
check_catalog (SkyCatalog  *catalog,
               guint64      offers,
               GError     **error)
{
  g_autoptr(GPtrArray) sheets = sky_catalog_list_sheets (catalog, error);
  const SkySheetInfo *info;

  if (sheets == NULL)
    return FALSE;
  if (sheets->len != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The catalog holds %u sheets after the import, not 1", sheets->len);
      return FALSE;
    }
  info = g_ptr_array_index (sheets, 0);
  if (info->offers != offers || !info->current)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The catalog holds %" G_GUINT64_FORMAT " offers (%s), not %"
                   G_GUINT64_FORMAT, info->offers, info->current ? "current" : "not current",
                   offers);
      return FALSE;
    }
  return TRUE;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  g_rmdir (dir);
}

static gboolean
bench (const char  *dir,
       GError     **error)
{
  const char *gen_sheet, *cli, *xmllint, *offers_env;
  g_autofree char *sheet = g_build_filename (dir, "bench-sheet.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *offers_text = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  guint64 offers = DEFAULT_OFFERS;
  GStatBuf st;
  Run gen_run, xmllint_run, import_run;
  double ratio, rss_mib;

  if ((gen_sheet = required_env ("SKYTALLY_BENCH_GEN_SHEET", error)) == NULL ||
      (cli = required_env ("SKYTALLY_CLI", error)) == NULL)
    return FALSE;
  xmllint = g_getenv ("SKYTALLY_BENCH_XMLLINT");
  if (xmllint == NULL || *xmllint == '\0')
    xmllint = "xmllint";
  offers_env = g_getenv ("SKYTALLY_BENCH_OFFERS");
  if (offers_env != NULL && *offers_env != '\0' &&
      !g_ascii_string_to_unsigned (offers_env, 10, 1, G_MAXUINT, &offers, error))
    {
      g_prefix_error (error, "SKYTALLY_BENCH_OFFERS: ");
      return FALSE;
    }
  offers_text = g_strdup_printf ("%" G_GUINT64_FORMAT, offers);

  {
    const char * const argv[] = { gen_sheet, sheet, offers_text, NULL };

    if (!run_program (argv, &gen_run, NULL, error))
      return FALSE;
  }
  if (g_stat (sheet, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot stat %s: %s",
                   sheet, g_strerror (saved));
      return FALSE;
    }
  g_print ("sheet: %" G_GUINT64_FORMAT " offers, %.1f MB (generated in %.2f s)\n",
           offers, st.st_size / 1e6, seconds (gen_run.usec));

  /* The machine's speed drifts by as much as half within minutes on a shared host, so each
   * import runs right after a run of the yardstick of its own, into a new catalog, three times;
   * the pair with the median ratio counts. */
  {
    const char * const lint_argv[] = { xmllint, "--stream", "--noout", sheet, NULL };
    const char * const import_argv[] = { cli, "--catalog", db, "--no-seed", "import", sheet,
                                         NULL };
    Pair pairs[PAIRS] = { 0 };
    g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < PAIRS; i++)
      {
        char *import_phases = NULL;

        remove_catalog (db);
        if (!run_program (lint_argv, &pairs[i].xmllint, NULL, error))
          return FALSE;
        if (!run_program (import_argv, &pairs[i].import, &import_phases, error))
          {
            g_prefix_error (error, "import: ");
            return FALSE;
          }
        g_ptr_array_add (phases, import_phases);
        pairs[i].phases = import_phases;
        pairs[i].ratio = (double) pairs[i].import.usec / MAX (pairs[i].xmllint.usec, 1);
        g_print ("run %u: xmllint --stream %.2f s (cpu: user %.2f s, sys %.2f s; peak RSS "
                 "%.1f MB), import %.2f s, ratio %.2f\n", i + 1,
                 seconds (pairs[i].xmllint.usec),
                 timeval_seconds (&pairs[i].xmllint.usage.ru_utime),
                 timeval_seconds (&pairs[i].xmllint.usage.ru_stime),
                 pairs[i].xmllint.usage.ru_maxrss * 1024 / 1e6, seconds (pairs[i].import.usec),
                 pairs[i].ratio);
      }
    qsort (pairs, PAIRS, sizeof (Pair), compare_pairs);
    xmllint_run = pairs[PAIRS / 2].xmllint;
    import_run = pairs[PAIRS / 2].import;
    /* Memory is judged by the hungriest of the imports. */
    for (guint i = 0; i < PAIRS; i++)
      import_run.usage.ru_maxrss = MAX (import_run.usage.ru_maxrss,
                                        pairs[i].import.usage.ru_maxrss);
    g_print ("xmllint --stream: %.2f s (the median pair's)\n", seconds (xmllint_run.usec));
    g_print ("import phases of the writing thread (the median pair's):\n%s",
             pairs[PAIRS / 2].phases);
  }

  ratio = (double) import_run.usec / MAX (xmllint_run.usec, 1);
  rss_mib = import_run.usage.ru_maxrss / 1024.0;
  g_print ("import: %.2f s (anchor: xmllint --stream --noout %.2f s, ratio %.2f; median of %d, "
           "target <= %.1f%s)\n",
           seconds (import_run.usec), seconds (xmllint_run.usec), ratio, PAIRS, TARGET_RATIO,
           verdict (ratio <= TARGET_RATIO));
  g_print ("import cpu: %.2f s (anchor: xmllint cpu %.2f s, ratio %.2f; user %.2f s, sys %.2f s; "
           "%ld major faults)\n",
           timeval_seconds (&import_run.usage.ru_utime) +
           timeval_seconds (&import_run.usage.ru_stime),
           timeval_seconds (&xmllint_run.usage.ru_utime) +
           timeval_seconds (&xmllint_run.usage.ru_stime),
           (timeval_seconds (&import_run.usage.ru_utime) +
            timeval_seconds (&import_run.usage.ru_stime)) /
           MAX (timeval_seconds (&xmllint_run.usage.ru_utime) +
                timeval_seconds (&xmllint_run.usage.ru_stime), 1e-6),
           timeval_seconds (&import_run.usage.ru_utime),
           timeval_seconds (&import_run.usage.ru_stime),
           import_run.usage.ru_majflt);
  g_print ("import peak RSS: %.1f MiB, the most of the runs (anchor: xmllint %.1f MiB; target "
           "<= %.0f MiB%s)\n",
           rss_mib, xmllint_run.usage.ru_maxrss / 1024.0, TARGET_RSS_MIB,
           verdict (rss_mib <= TARGET_RSS_MIB));
  if (g_stat (db, &st) == 0)
    {
      /* Blocks of 512 bytes. */
      double written_mb = import_run.usage.ru_oublock * 512.0 / 1e6;

      g_print ("import bytes written: %.1f MB (anchor: the catalog, %.1f MB; ratio %.2f)\n",
               written_mb, st.st_size / 1e6, written_mb / MAX (st.st_size / 1e6, 1e-6));
    }

  catalog = sky_catalog_open (db, error);
  if (catalog == NULL || !check_catalog (catalog, offers, error))
    return FALSE;

  {
    const Search searches[] = {
      {
        "compute, EU, >=4 vCPU, >=16 GiB, on-demand, by price, 50",
        {
          .category = "compute", .geography = "EU", .min_vcpu_milli = 4000,
          .min_memory_mgib = 16000, .term = "on-demand", .sort = SKY_SORT_PRICE, .limit = 50,
        },
      },
      {
        "eu-central-1, >=64 vCPU, by price, 50",
        { .region = "eu-central-1", .min_vcpu_milli = 64000, .sort = SKY_SORT_PRICE,
          .limit = 50 },
      },
      {
        "no filter, by price, 50",
        { .sort = SKY_SORT_PRICE, .limit = 50 },
      },
      /* The catalog page's first search, and its order with every unit. */
      {
        "compute, hour, on-demand, by unit price, 50",
        { .category = "compute", .unit = "hour", .term = "on-demand",
          .sort = SKY_SORT_UNIT_PRICE, .limit = 50 },
      },
      {
        "no filter, by unit price, 50",
        { .sort = SKY_SORT_UNIT_PRICE, .limit = 50 },
      },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (searches); i++)
      if (!time_search (catalog, &searches[i], error))
        return FALSE;
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gboolean ok;

  dir = g_dir_make_tmp ("skytally-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }

  ok = bench (dir, &error);
  if (!ok)
    g_printerr ("bench-import: %s\n", error->message);

  if (g_strcmp0 (g_getenv ("SKYTALLY_BENCH_KEEP"), "1") == 0)
    g_print ("kept the sheet and the catalog in %s\n", dir);
  else
    remove_dir (dir);

  return ok ? 0 : 1;
}
