/* SPDX-License-Identifier: GPL-3.0-or-later */
/* posix_openpt (), grantpt (), unlockpt (), ptsname () */
#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sky-cli-test-util.h"
#include "sky-test-util.h"

/* skytally-cli in a shell: “-” for standard input and output, export --format, and usage lines
 * that name their command. */

typedef struct
{
  char *dir;
  char *catalog;
  char *tmp;        /* the children's TMPDIR, to tell that nothing is left in it */
} Fixture;

/* Runs skytally-cli with the arguments (NULL-terminated), its input and output as @io says
 * (NULL: no input, output read back). */
static void
cli_io (SkyCliRun      *r,
        Fixture        *f,
        const SkyCliIo *io,
        const char     *first,
        ...)
{
  g_auto(GStrv) envp = NULL;
  va_list args;

  if (f != NULL)
    envp = g_environ_setenv (g_get_environ (), "TMPDIR", f->tmp, TRUE);
  va_start (args, first);
  sky_cli_run_valist (r, io, envp, NULL, first, args);
  va_end (args);
}

#define cli(r, f, ...) cli_io ((r), (f), NULL, __VA_ARGS__)

static const char scenario_text[] =
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Piped\" currency=\"USD\">\n"
  "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
  "  <line label=\"Servers\" group=\"API\" quantity=\"2\" unit=\"hour\">\n"
  "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
  "  <line label=\"Egress\" group=\"Net\" usage=\"10000\" unit=\"gb\">\n"
  "    <offer provider=\"examplecloud\" sku=\"egress-us\"/>\n  </line>\n"
  "  <budget monthly=\"1100\"/>\n"
  "  <projection months=\"12\"/>\n"
  "  <candidates>\n    <candidate provider=\"examplecloud\" sku=\"std-2-us\"/>\n"
  "  </candidates>\n"
  "</scenario>\n";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = sky_test_make_dir ();
  f->catalog = g_build_filename (f->dir, "catalog.db", NULL);
  f->tmp = g_build_filename (f->dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (f->tmp, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_test_remove_tree (f->dir);
  g_free (f->catalog);
  g_free (f->tmp);
  g_free (f->dir);
}

static char *
test_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The catalog with the small sheet, and the scenario in a file; returns its path. */
static char *
setup_catalog (Fixture *f)
{
  g_autofree char *sheet = test_file ("valid-small.xml");
  char *scenario = g_build_filename (f->dir, "piped.skytally", NULL);
  g_auto(SkyCliRun) r = { 0 };

  cli (&r, f, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_set_contents (scenario, scenario_text, -1, NULL));
  return scenario;
}

static void
assert_tmp_empty (Fixture *f)
{
  g_autofree char *listed = sky_test_names_in (f->tmp);

  g_assert_cmpstr (listed, ==, "");
}

/* A scenario read from standard input (a pipe, or a file redirected) gives what the file
 * gives; its errors name standard input with their line and column. */
static void
test_stdin_scenario (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *scenario = setup_catalog (f);
  const SkyCliIo piped = { .pipe_text = scenario_text, .pipe_len = (gsize) -1, .stdout_fd = -1 };
  const SkyCliIo redirected = { .file = scenario, .stdout_fd = -1 };
  const SkyCliIo broken = {
    .pipe_text = "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                 "name=\"x\" currency=\"USD\">\n  <line label=\"a\" "
                 "unit=\"parsec\"><requirement category=\"compute\"/></line>\n"
                 "</scenario>\n",
    .pipe_len = (gsize) -1, .stdout_fd = -1,
  };
  static const char * const commands[][3] = {
    { "estimate", "--format", "json" },
    { "project", "--format", "csv" },
    { "score", "--format", "json" },
  };
  g_auto(SkyCliRun) valid = { 0 };
  g_auto(SkyCliRun) bad = { 0 };

  cli_io (&valid, f, &piped, "validate", "-", NULL);
  g_assert_cmpint (valid.status, ==, 0);
  g_assert_cmpstr (valid.out, ==, "standard input: a valid scenario, “Piped”, with 2 lines\n");

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(SkyCliRun) from_file = { 0 };
      g_auto(SkyCliRun) from_pipe = { 0 };
      g_auto(SkyCliRun) from_redirect = { 0 };

      cli (&from_file, f, "--catalog", f->catalog, commands[i][0], scenario, commands[i][1],
           commands[i][2], NULL);
      cli_io (&from_pipe, f, &piped, "--catalog", f->catalog, commands[i][0], "-",
              commands[i][1], commands[i][2], NULL);
      cli_io (&from_redirect, f, &redirected, "--catalog", f->catalog, commands[i][0], "-",
              commands[i][1], commands[i][2], NULL);
      g_test_message ("%s: %s", commands[i][0], from_pipe.err);
      g_assert_cmpint (from_file.status, ==, 0);
      g_assert_cmpint (from_pipe.status, ==, 0);
      g_assert_cmpint (from_redirect.status, ==, 0);
      g_assert_cmpuint (strlen (from_file.out), >, 0);
      g_assert_cmpstr (from_pipe.out, ==, from_file.out);
      g_assert_cmpstr (from_redirect.out, ==, from_file.out);
    }

  cli_io (&bad, f, &broken, "validate", "-", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_true (g_str_has_prefix (bad.err,
                                   "skytally-cli: standard input:2:19: unknown unit “parsec”"));
  g_assert_cmpstr (strchr (bad.err, '\n'), ==, bad.err + strlen (bad.err) - 1);
}

/* A scenario on standard input is read up to the size a scenario file may have, no further. */
static void
test_stdin_scenario_too_large (Fixture       *f,
                               gconstpointer  data)
{
  gsize len = 16 * 1024 * 1024 + 1;
  g_autofree char *big = g_malloc (len);
  SkyCliIo io = { .pipe_text = big, .pipe_len = len, .stdout_fd = -1 };
  g_auto(SkyCliRun) r = { 0 };

  memset (big, ' ', len);
  cli_io (&r, f, &io, "validate", "-", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "skytally-cli: standard input: a scenario file is at most 16 MiB\n");
}

static int
count_sheets (Fixture *f)
{
  g_auto(SkyCliRun) r = { 0 };
  int n = 0;

  cli (&r, f, "--catalog", f->catalog, "--no-seed", "sheets", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (const char *p = r.out; (p = strchr (p, '\n')) != NULL; p++)
    n++;
  return n - 1;
}

/* A price sheet on standard input is imported whole, from a pipe or a file redirected,
 * compressed or not; a bad one changes nothing and its error names standard input with the
 * line and column; no copy of it is left behind; “-” is taken once. */
static void
test_stdin_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sheet = test_file ("valid-small.xml");
  g_autofree char *newer = test_file ("valid-small-2026.2.xml");
  g_autofree char *text = NULL, *bad_text = NULL;
  g_autofree char *gz = NULL;
  gsize len = 0, gz_len = 0;
  g_auto(SkyCliRun) piped = { 0 };
  g_auto(SkyCliRun) again = { 0 };
  g_auto(SkyCliRun) compressed = { 0 };
  g_auto(SkyCliRun) bad = { 0 };
  g_auto(SkyCliRun) twice = { 0 };
  g_autoptr(GString) broken = NULL;
  char *amount;

  g_assert_true (g_file_get_contents (sheet, &text, &len, NULL));
  {
    SkyCliIo io = { .pipe_text = text, .pipe_len = len, .stdout_fd = -1 };

    cli_io (&piped, f, &io, "--catalog", f->catalog, "--no-seed", "import", "-", NULL);
  }
  g_assert_cmpint (piped.status, ==, 0);
  g_assert_true (g_str_has_prefix (piped.out, "standard input: added examplecloud "));
  g_assert_cmpint (count_sheets (f), ==, 1);
  assert_tmp_empty (f);

  {
    SkyCliIo io = { .file = sheet, .stdout_fd = -1 };

    cli_io (&again, f, &io, "--catalog", f->catalog, "--no-seed", "import", "-", NULL);
  }
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "standard input: examplecloud "));
  g_assert_nonnull (strstr (again.out, " is already in the catalog; nothing changed"));

  /* Compressed, through a pipe. */
  {
    g_autofree char *newer_text = NULL;
    gsize newer_len = 0;
    g_autoptr(GZlibCompressor) compressor =
      g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) zipping = g_converter_output_stream_new (memory,
                                                                      G_CONVERTER (compressor));
    SkyCliIo io = { .stdout_fd = -1 };

    g_assert_true (g_file_get_contents (newer, &newer_text, &newer_len, NULL));
    g_assert_true (g_output_stream_write_all (zipping, newer_text, newer_len, NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (zipping, NULL, NULL));
    gz_len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
    gz = g_memdup2 (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), gz_len);
    g_assert_cmpint ((guchar) gz[0], ==, 0x1f);
    io.pipe_text = gz;
    io.pipe_len = gz_len;
    cli_io (&compressed, f, &io, "--catalog", f->catalog, "--no-seed", "import", "-", NULL);
  }
  g_assert_cmpint (compressed.status, ==, 0);
  g_assert_true (g_str_has_prefix (compressed.out, "standard input: added examplecloud 2026.2"));
  g_assert_cmpint (count_sheets (f), ==, 2);

  /* A bad amount in a new version: nothing of it is imported. */
  broken = g_string_new (text);
  g_string_replace (broken, "version=\"2026.1\"", "version=\"2026.9\"", 1);
  amount = strstr (broken->str, "amount=\"");
  g_assert_nonnull (amount);
  {
    gsize at = (gsize) (amount - broken->str) + strlen ("amount=\"");
    long line = 1;
    int column = 1;

    for (const char *p = broken->str; p < amount; p++)
      {
        if (*p == '\n')
          line++, column = 1;
        else
          column++;
      }
    g_string_insert (broken, (gssize) at, "x");
    bad_text = g_strdup_printf ("skytally-cli: standard input:%ld:%d: amount of <price>: ",
                                line, column);
  }
  {
    SkyCliIo io = { .pipe_text = broken->str, .pipe_len = broken->len, .stdout_fd = -1 };

    cli_io (&bad, f, &io, "--catalog", f->catalog, "--no-seed", "import", "-", NULL);
  }
  g_test_message ("%s", bad.err);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_true (g_str_has_prefix (bad.err, bad_text));
  g_assert_cmpint (count_sheets (f), ==, 2);
  assert_tmp_empty (f);

  cli (&twice, f, "--catalog", f->catalog, "--no-seed", "import", "-", sheet, "-", NULL);
  g_assert_cmpint (twice.status, ==, 2);
  g_assert_true (g_str_has_prefix (twice.err, "skytally-cli: “-” (standard input) can be given "
                                              "once only\n"));
}

/* An import from a pipe interrupted (Ctrl-C, or killed by SIGTERM) while it keeps the sheet
 * in its temporary file leaves neither the file nor its folder behind. */
static void
test_stdin_interrupted (Fixture       *f,
                        gconstpointer  data)
{
  const int signals[] = { SIGINT, SIGTERM };

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                   G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *listed = NULL;
      const char *start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n";
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      g_subprocess_launcher_setenv (launcher, "TMPDIR", f->tmp, TRUE);
      child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SKYTALLY_CLI"),
                                           "--catalog", f->catalog, "--no-seed", "import", "-",
                                           NULL);
      g_assert_no_error (error);
      /* Half a sheet, and the pipe kept open: the copy waits for the rest. */
      g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (child), start,
                                                strlen (start), NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_flush (g_subprocess_get_stdin_pipe (child), NULL, &error));
      for (;;)
        {
          g_autofree char *names = sky_test_names_in (f->tmp);
          g_autofree char *dir = NULL, *copy = NULL, *text = NULL;

          if (g_str_has_prefix (names, "skytally-stdin-"))
            {
              dir = g_build_filename (f->tmp, names, NULL);
              copy = g_build_filename (dir, "stdin", NULL);
              if (g_file_get_contents (copy, &text, NULL, NULL) && strcmp (text, start) == 0)
                break;
            }
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (20 * 1000);
        }
      g_subprocess_send_signal (child, signals[i]);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, signals[i]);
      listed = sky_test_names_in (f->tmp);
      g_assert_cmpstr (listed, ==, "");
    }
}

/* A provider's price list on standard input converts as its file does; the sheet goes to
 * standard output with -o -, and the summary, which names standard input, to standard error.
 * import --from reads it too. */
static void
test_stdin_convert (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sizes = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                  "digitalocean", "sizes.json", NULL);
  g_autofree char *regions = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                    "digitalocean", "regions.json", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "do.xml", NULL);
  g_autofree char *written = NULL;
  const SkyCliIo io = { .file = sizes, .stdout_fd = -1 };
  g_auto(SkyCliRun) to_file = { 0 };
  g_auto(SkyCliRun) to_stdout = { 0 };
  g_auto(SkyCliRun) imported = { 0 };

  cli (&to_file, f, "convert", "--from", "digitalocean-json", "--effective-date", "2026-01-01",
       sizes, regions, "-o", sheet, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  written = sky_test_contents_of (sheet, NULL);

  cli_io (&to_stdout, f, &io, "convert", "--from", "digitalocean-json", "--effective-date",
          "2026-01-01", "-", regions, "-o", "-", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_true (g_str_has_prefix (to_stdout.out, "<?xml"));
  /* The same sheet, but for the name of the file it came from. */
  {
    g_autoptr(GString) expected = g_string_new (written);

    g_string_replace (expected, "(sizes.json, regions.json)", "(stdin, regions.json)", 0);
    g_assert_cmpstr (to_stdout.out, ==, expected->str);
  }
  g_assert_nonnull (strstr (to_stdout.err, "    standard input:36: $.sizes[2]\n"));
  g_assert_null (strstr (to_stdout.err, f->tmp));

  cli_io (&imported, f, &io, "--catalog", f->catalog, "--no-seed", "import", "--from",
          "digitalocean-json", "-", regions, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "added digitalocean "));
  g_assert_cmpint (count_sheets (f), ==, 1);
  assert_tmp_empty (f);
}

/* export --format writes what the older options write, to standard output unless -o names a
 * file; the older options stay. */
static void
test_export_format (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *scenario = setup_catalog (f);
  g_autofree char *csv = g_build_filename (f->dir, "old.csv", NULL);
  g_autofree char *json = g_build_filename (f->dir, "old.json", NULL);
  g_autofree char *new_json = g_build_filename (f->dir, "new.json", NULL);
  g_autofree char *new_csv = g_build_filename (f->dir, "new.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "new.pdf", NULL);
  g_autofree char *csv_text = NULL, *json_text = NULL, *text = NULL, *listed = NULL;
  const SkyCliIo piped = { .pipe_text = scenario_text, .pipe_len = (gsize) -1, .stdout_fd = -1 };
  g_auto(SkyCliRun) old = { 0 };
  g_auto(SkyCliRun) to_stdout = { 0 };
  g_auto(SkyCliRun) from_stdin = { 0 };
  g_auto(SkyCliRun) to_file = { 0 };
  g_auto(SkyCliRun) to_csv = { 0 };
  g_auto(SkyCliRun) pdf_run = { 0 };
  g_auto(SkyCliRun) xlsx_run = { 0 };

  cli (&old, f, "--catalog", f->catalog, "export", scenario, "--csv", csv, "--json", json, NULL);
  g_assert_cmpint (old.status, ==, 0);
  csv_text = sky_test_contents_of (csv, NULL);
  json_text = sky_test_contents_of (json, NULL);

  cli (&to_stdout, f, "--catalog", f->catalog, "export", "--format", "csv", scenario, NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.out, ==, csv_text);
  g_assert_cmpstr (to_stdout.err, ==, "");

  cli_io (&from_stdin, f, &piped, "--catalog", f->catalog, "export", "--format", "json", "-",
          NULL);
  g_assert_cmpint (from_stdin.status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, json_text);

  cli (&to_file, f, "--catalog", f->catalog, "export", "--format", "json", "-o", new_json,
       scenario, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  text = sky_test_contents_of (new_json, NULL);
  g_assert_cmpstr (text, ==, json_text);

  /* A CSV written to a file has its assumptions beside it, as with --csv. */
  cli (&to_csv, f, "--catalog", f->catalog, "export", "--format", "csv", "--output", new_csv,
       scenario, NULL);
  g_assert_cmpint (to_csv.status, ==, 0);
  listed = sky_test_names_in (f->dir);
  g_assert_cmpstr (listed, ==, "catalog.db new.assumptions.csv new.csv new.json "
                               "old.assumptions.csv old.csv old.json piped.skytally tmp");

  cli (&pdf_run, f, "--catalog", f->catalog, "export", "--format", "pdf", "-o", pdf, scenario,
       NULL);
  g_assert_cmpint (pdf_run.status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = sky_test_contents_of (pdf, NULL);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));

  /* A workbook goes into a pipe as it would into a file. */
  cli (&xlsx_run, f, "--catalog", f->catalog, "export", "--format", "xlsx", scenario, NULL);
  if (xlsx_run.status == 1 && strstr (xlsx_run.err, "without libxlsxwriter") != NULL)
    g_test_message ("This build writes no XLSX");
  else
    {
      g_assert_cmpint (xlsx_run.status, ==, 0);
      g_assert_cmpuint (xlsx_run.out_len, >, 4);
      g_assert_true (memcmp (xlsx_run.out, "PK\x03\x04", 4) == 0);
    }
}

/* What export --format refuses, as usage errors that show its usage line. */
static void
test_export_format_usage (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *scenario = setup_catalog (f);
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *listed = NULL;
  const char *cases[][7] = {
    { "--format", "ods", scenario, NULL },
    { "--format", "csv", "--csv", csv, scenario, NULL },
    { "-o", csv, scenario, NULL },
    { scenario, NULL },
    { "--format", "json", "--assumptions", csv, scenario, NULL },
  };
  static const char * const messages[] = {
    "skytally-cli: unknown format “ods”: use csv, json, pdf or xlsx\n",
    "skytally-cli: --format goes without --csv, --json, --pdf and --xlsx\n",
    "skytally-cli: -o goes with --format\n",
    "skytally-cli: export needs --format csv|json|pdf|xlsx\n",
    "skytally-cli: --assumptions goes with --csv or --format csv\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SkyCliRun) r = { 0 };
      g_autofree char *expected = g_strconcat (messages[i],
                                               "Usage: skytally-cli export [OPTION…] --format "
                                               "FORMAT SCENARIO\n"
                                               "Try “skytally-cli export --help”.\n", NULL);

      cli (&r, f, "--catalog", f->catalog, "export", cases[i][0], cases[i][1], cases[i][2],
           cases[i][3], cases[i][4], cases[i][5], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, ==, expected);
      g_assert_cmpstr (r.out, ==, "");
    }
  listed = sky_test_names_in (f->dir);
  g_assert_cmpstr (listed, ==, "catalog.db piped.skytally tmp");
}

/* A PDF or a workbook is not written to a terminal (a pseudo-terminal here): refused before
 * anything is written; text formats are written there. */
static void
test_export_binary_to_terminal (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *scenario = setup_catalog (f);
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  int terminal;
  static const char * const formats[] = { "pdf", "xlsx" };

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  terminal = g_open (ptsname (master), O_RDWR | O_NOCTTY, 0);
  g_assert_cmpint (terminal, >=, 0);
  g_assert_true (isatty (terminal));

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    for (int old = 0; old < 2; old++)
      {
        SkyCliIo io = { .stdout_fd = terminal };
        g_autofree char *option = g_strdup_printf ("--%s", formats[i]);
        g_auto(SkyCliRun) r = { 0 };

        if (old)
          cli_io (&r, f, &io, "--catalog", f->catalog, "export", scenario, option, "-", NULL);
        else
          cli_io (&r, f, &io, "--catalog", f->catalog, "export", scenario, "--format",
                  formats[i], NULL);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_true (g_str_has_prefix (r.err, "skytally-cli: a PDF or an XLSX workbook is "
                                                "not written to a terminal: give -o FILE, or "
                                                "send standard output to a file or a pipe\n"));
      }

  /* Nothing came to the terminal; a CSV does. */
  {
    SkyCliIo io = { .stdout_fd = terminal };
    g_auto(SkyCliRun) r = { 0 };
    char buffer[64] = { 0 };
    int flags = fcntl (master, F_GETFL);

    fcntl (master, F_SETFL, flags | O_NONBLOCK);
    g_assert_cmpint (read (master, buffer, sizeof buffer), <, 0);
    fcntl (master, F_SETFL, flags);
    cli_io (&r, f, &io, "--catalog", f->catalog, "export", scenario, "--format", "csv", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (read (master, buffer, sizeof buffer - 1), >, 0);
    g_assert_true (g_str_has_prefix (buffer, "provider,"));
  }
  close (terminal);
  close (master);
}

/* Every command's --help and its usage errors begin with a usage line that names it, and
 * send to its own --help; the list of commands says what “-” is, and where the manual is. */
static void
test_usage_names_command (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(SkyCliRun) top = { 0 };
  static const struct
  {
    const char *argv[4];
    const char *usage;
  } cases[] = {
    { { "import", "--frob" }, "import [OPTION…] FILE…" },
    { { "import", "--from", "x" }, "import [OPTION…] --from FORMAT FILE…" },
    { { "convert", "--from", "x", "y" }, "convert [OPTION…] --from FORMAT FILE… -o SHEET" },
    { { "update" }, "update [OPTION…] PROVIDER" },
    { { "sheets", "x" }, "sheets [OPTION…] [remove PROVIDER VERSION | diff PROVIDER OLD NEW]" },
    { { "search", "x" }, "search [OPTION…]" },
    { { "estimate" }, "estimate [OPTION…] SCENARIO" },
    { { "validate" }, "validate [OPTION…] SCENARIO" },
    { { "match" }, "match [OPTION…] --category CAT" },
    { { "compare" }, "compare [OPTION…] SKU…" },
    { { "score" }, "score [OPTION…] SCENARIO" },
    { { "project" }, "project [OPTION…] SCENARIO" },
    { { "export" }, "export [OPTION…] --format FORMAT SCENARIO" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *name = cases[i].argv[0];
      g_autofree char *help_start = g_strdup_printf ("Usage:\n  skytally-cli %s\n",
                                                     cases[i].usage);
      g_autofree char *error_end = g_strdup_printf ("\nUsage: skytally-cli %s\n"
                                                    "Try “skytally-cli %s --help”.\n",
                                                    cases[i].usage, name);
      g_auto(SkyCliRun) help = { 0 };
      g_auto(SkyCliRun) error = { 0 };

      if (strcmp (name, "import") == 0 && cases[i].argv[1] != NULL &&
          strcmp (cases[i].argv[1], "--from") == 0)
        cli (&help, f, "import", "--from=x", "--help", NULL);
      else
        cli (&help, f, name, "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_test_message ("%s", help.out);
      g_assert_true (g_str_has_prefix (help.out, help_start));

      cli (&error, f, "--catalog", f->catalog, "--no-seed", cases[i].argv[0], cases[i].argv[1],
           cases[i].argv[2], cases[i].argv[3], NULL);
      g_test_message ("%s", error.err);
      g_assert_cmpint (error.status, ==, 2);
      g_assert_true (g_str_has_prefix (error.err, "skytally-cli: "));
      g_assert_true (g_str_has_suffix (error.err, error_end));
      /* The message stays one line before them. */
      g_assert_true (strchr (error.err, '\n') + strlen (error_end) ==
                     error.err + strlen (error.err));
    }

  cli (&top, f, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_true (g_str_has_suffix (top.out, "\nA file given as “-” is standard input, and an "
                                            "output given as “-” standard output.\n"
                                            "“man skytally-cli” describes every command.\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/cli-shell/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("stdin-scenario", test_stdin_scenario);
  ADD ("stdin-scenario-too-large", test_stdin_scenario_too_large);
  ADD ("stdin-import", test_stdin_import);
  ADD ("stdin-interrupted", test_stdin_interrupted);
  ADD ("stdin-convert", test_stdin_convert);
  ADD ("export-format", test_export_format);
  ADD ("export-format-usage", test_export_format_usage);
  ADD ("export-binary-to-terminal", test_export_binary_to_terminal);
  ADD ("usage-names-command", test_usage_names_command);
#undef ADD

  return g_test_run ();
}
