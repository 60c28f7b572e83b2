/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sky-file-writer.h"
#include "sky-scenario.h"
#include "sky-test-util.h"

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* A new file gets 0666 less the umask; a private one 0600. */
static void
test_new_file_mode (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *plain = g_build_filename (dir, "plain.csv", NULL);
  g_autofree char *private = g_build_filename (dir, "private", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old = umask (027);

  g_assert_true (sky_file_write_contents (plain, "a", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (sky_file_write_contents (private, "b", -1, SKY_FILE_WRITE_PRIVATE, &error));
  g_assert_no_error (error);
  umask (old);
  g_assert_cmpuint (mode_of (plain), ==, 0640);
  g_assert_cmpuint (mode_of (private), ==, 0600);
  assert_contents (plain, "a");
  sky_test_remove_tree (dir);
}

/* A replaced file keeps its mode, narrow or wide; a private one becomes 0600. */
static void
test_keeps_mode (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *narrow = g_build_filename (dir, "narrow", NULL);
  g_autofree char *wide = g_build_filename (dir, "wide", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (narrow, "old", -1, NULL));
  g_assert_true (g_file_set_contents (wide, "old", -1, NULL));
  g_assert_cmpint (g_chmod (narrow, 0600), ==, 0);
  g_assert_cmpint (g_chmod (wide, 0664), ==, 0);
  g_assert_true (sky_file_write_contents (narrow, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_true (sky_file_write_contents (wide, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (narrow), ==, 0600);
  g_assert_cmpuint (mode_of (wide), ==, 0664);
  assert_contents (narrow, "new");
  g_assert_true (sky_file_write_contents (wide, "private", -1, SKY_FILE_WRITE_PRIVATE, &error));
  g_assert_cmpuint (mode_of (wide), ==, 0600);
  sky_test_remove_tree (dir);
}

/* A chain of links (relative and absolute) is followed to the file it ends at, which is
 * replaced; the links stay links. A link to a file not there yet makes that file. */
static void
test_link_chain (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *real = g_build_filename (sub, "real.csv", NULL);
  g_autofree char *middle = g_build_filename (dir, "middle", NULL);
  g_autofree char *link = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling", NULL);
  g_autofree char *made = g_build_filename (sub, "made.csv", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("sub/real.csv", middle), ==, 0);
  g_assert_cmpint (symlink (middle, link), ==, 0);
  g_assert_cmpint (symlink ("sub/made.csv", dangling), ==, 0);

  g_assert_true (sky_file_write_contents (link, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (middle, G_FILE_TEST_IS_SYMLINK));
  assert_contents (real, "new");
  g_assert_cmpuint (mode_of (real), ==, 0640);

  g_assert_true (sky_file_write_contents (dangling, "made", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  assert_contents (made, "made");
  listed = sky_test_names_in (sub);
  g_assert_cmpstr (listed, ==, "made.csv real.csv");
  sky_test_remove_tree (dir);
}

/* The temporary file is a new private file of a name nobody knew: links planted where a
 * writer might put it (OUT.part, .OUT.tmp) are not followed, nor changed. */
static void
test_temporary_file (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *victim = g_build_filename (dir, "victim", NULL);
  g_autoptr(SkyFileWrite) w = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_auto(GStrv) names = NULL;
  const char *temp = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  for (const char * const *p = (const char *[]) { "report.pdf.part", ".report.pdf.tmp",
                                                  ".report.pdf.XXXXXX", NULL }; *p; p++)
    {
      g_autofree char *planted = g_build_filename (dir, *p, NULL);
      g_assert_cmpint (symlink (victim, planted), ==, 0);
    }

  w = sky_file_write_begin (out, SKY_FILE_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (sky_file_write_is_direct (w));
  g_assert_true (sky_file_write_append (w, "%PDF", 4, &error));
  /* While it is written: one more file, a regular one that only its owner may read. */
  listed = sky_test_names_in (dir);
  names = g_strsplit (listed, " ", -1);
  g_assert_cmpuint (g_strv_length (names), ==, 5);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], ".report.pdf.") &&
        strcmp (names[i], ".report.pdf.tmp") != 0 && strcmp (names[i], ".report.pdf.XXXXXX") != 0)
      temp = names[i];
  g_assert_nonnull (temp);
  {
    g_autofree char *temp_path = g_build_filename (dir, temp, NULL);
    g_assert_cmpint (g_lstat (temp_path, &st), ==, 0);
    g_assert_true (S_ISREG (st.st_mode));
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_true (sky_file_write_commit (w, &error));
  g_assert_no_error (error);
  assert_contents (out, "%PDF");
  assert_contents (victim, "precious");
  g_clear_pointer (&listed, g_free);
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, ".report.pdf.XXXXXX .report.pdf.tmp report.pdf report.pdf.part "
                               "victim");
  sky_test_remove_tree (dir);
}

/* A file whose name is as long as names may be is written too: the temporary file's name is
 * shorter. */
static void
test_long_name (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *stem = g_strnfill (245, 'a');
  g_autofree char *name = g_strconcat (stem, "é.csv", NULL);
  FILE *old;
  g_autofree char *out = g_build_filename (dir, name, NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (name), ==, 251);
  /* Written in place: g_file_set_contents() cannot write it, its temporary name too long. */
  old = fopen (out, "w");
  g_assert_nonnull (old);
  g_assert_cmpint (fputs ("old", old), >=, 0);
  g_assert_cmpint (fclose (old), ==, 0);
  g_assert_true (sky_file_write_contents (out, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  assert_contents (out, "new");
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, name);
  sky_test_remove_tree (dir);
}

/* Freed before it is committed: the old file stays, the temporary file goes. */
static void
test_abandoned (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  SkyFileWrite *w;

  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  w = sky_file_write_begin (out, SKY_FILE_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sky_file_write_append (w, "new", 3, &error));
  sky_file_write_free (w);
  assert_contents (out, "old");
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "out.json");
  sky_test_remove_tree (dir);
}

/* A named pipe and a device are written to directly, and stay what they are. */
static void
test_fifo_and_device (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *link = g_build_filename (dir, "to-pipe", NULL);
  g_autofree char *text = NULL;
  g_autoptr(SkyFileWrite) w = NULL;
  g_autoptr(GError) error = NULL;
  GThread *reader;
  GStatBuf st;

  reader = sky_test_read_fifo (fifo);
  g_assert_cmpint (symlink ("pipe", link), ==, 0);
  w = sky_file_write_begin (link, SKY_FILE_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sky_file_write_is_direct (w));
  g_assert_true (sky_file_write_append (w, "through", 7, &error));
  g_assert_true (sky_file_write_commit (w, &error));
  g_assert_no_error (error);
  text = g_thread_join (reader);
  g_assert_cmpstr (text, ==, "through");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  g_assert_true (sky_file_write_contents ("/dev/null", "gone", -1, SKY_FILE_WRITE_DEFAULT,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  sky_test_remove_tree (dir);
}

/* Standard output, as "-" or /dev/stdout, is written to, never replaced. */
static void
test_standard_output (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sky_file_write_contents ("-", "dash;", -1, SKY_FILE_WRITE_DEFAULT,
                                              &error));
      g_assert_no_error (error);
      g_assert_true (sky_file_write_contents ("/dev/stdout", "dev;", -1,
                                              SKY_FILE_WRITE_DEFAULT, &error));
      g_assert_no_error (error);
      g_assert_true (sky_file_write_contents ("/dev/fd/1", "fd", -1, SKY_FILE_WRITE_DEFAULT,
                                              &error));
      g_assert_no_error (error);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("dash;dev;fd");
  g_assert_true (g_file_test ("/dev/stdout", G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
}

/* A pipe named by its descriptor (as a shell's >(command) names it), directly or through a
 * link, is written to; a regular file's descriptor is not written (it could be one Skytally
 * has open itself), nor is a file made in its place. */
static void
test_descriptors (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *link = g_build_filename (dir, "to-pipe", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[32] = { 0 };
  int ends[2];
  int file_fd;

  g_assert_cmpint (pipe (ends), ==, 0);
  {
    g_autofree char *by_fd = g_strdup_printf ("/dev/fd/%d", ends[1]);
    g_autofree char *by_proc = g_strdup_printf ("/proc/self/fd/%d", ends[1]);

    g_assert_cmpint (symlink (by_proc, link), ==, 0);
    g_assert_true (sky_file_write_contents (by_fd, "one;", -1, SKY_FILE_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
    g_assert_true (sky_file_write_contents (link, "two", -1, SKY_FILE_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
  }
  close (ends[1]);
  g_assert_cmpint (read (ends[0], buffer, sizeof buffer - 1), ==, 7);
  close (ends[0]);
  g_assert_cmpstr (buffer, ==, "one;two");

  g_assert_true (g_file_set_contents (file, "old", -1, NULL));
  file_fd = g_open (file, O_RDWR, 0);
  g_assert_cmpint (file_fd, >=, 0);
  {
    g_autofree char *by_fd = g_strdup_printf ("/dev/fd/%d", file_fd);

    g_assert_false (sky_file_write_contents (by_fd, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, by_fd));
  }
  close (file_fd);
  assert_contents (file, "old");
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "file to-pipe");
  sky_test_remove_tree (dir);
}

/* What cannot be written fails with a message naming the file, and changes nothing: a folder
 * that is a file, a folder in the file's place, a loop of links. */
static void
test_cannot_write (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under = g_build_filename (file, "out.csv", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *loop_a = g_build_filename (dir, "loop-a", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "loop-b", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "old", -1, NULL));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (sky_file_write_contents (under, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, under));
  g_clear_error (&error);
  g_assert_false (sky_file_write_contents (folder, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  /* Links that point at each other lead nowhere. */
  g_assert_cmpint (symlink ("loop-b", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a", loop_b), ==, 0);
  g_assert_false (sky_file_write_contents (loop_a, "new", -1, SKY_FILE_WRITE_DEFAULT, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  g_assert_nonnull (strstr (error->message, loop_a));
  assert_contents (file, "old");
  g_assert_true (g_file_test (loop_a, G_FILE_TEST_IS_SYMLINK));
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "file folder loop-a loop-b");
  sky_test_remove_tree (dir);
}

/* Files may not grow past 100 bytes (as on a full disk; SIGXFSZ ignored as the programs do):
 * the write fails naming the file, which keeps its old contents, and no temporary file is
 * left. */
static void
test_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *big = g_strnfill (1000, 'x');
      struct rlimit limit = { 100, 100 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (sky_file_write_contents (g_getenv ("SKYTALLY_TEST_TARGET"), big, -1,
                                               SKY_FILE_WRITE_DEFAULT, &error));
      g_printerr ("%s\n", error->message);
      return;
    }
  dir = sky_test_make_dir ();
  out = g_build_filename (dir, "out.csv", NULL);
  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_setenv ("SKYTALLY_TEST_TARGET", out, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Cannot write*out.csv: File too large*");
  assert_contents (out, "old");
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "out.csv");
  sky_test_remove_tree (dir);
}

/* Several files are put in place together or not at all: when the second cannot be renamed
 * (a folder took its name meanwhile), the first is put back as it was, a new one removed. */
static void
test_all_or_nothing (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *new_one = g_build_filename (dir, "new.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;
  SkyFileWrite *writes[3];

  g_assert_true (g_file_set_contents (first, "old", -1, NULL));
  g_assert_cmpint (g_chmod (first, 0600), ==, 0);
  writes[0] = sky_file_write_begin (first, SKY_FILE_WRITE_DEFAULT, &error);
  writes[1] = sky_file_write_begin (new_one, SKY_FILE_WRITE_DEFAULT, &error);
  writes[2] = sky_file_write_begin (second, SKY_FILE_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_true (sky_file_write_append (writes[i], "new", 3, &error));
  g_assert_cmpint (g_mkdir (second, 0755), ==, 0);
  g_assert_false (sky_file_write_commit_all (writes, 3, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, second));
  for (guint i = 0; i < 3; i++)
    sky_file_write_free (writes[i]);
  assert_contents (first, "old");
  g_assert_cmpuint (mode_of (first), ==, 0600);
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "first.csv second.csv");

  /* And when all can be, all are. */
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (second), ==, 0);
  writes[0] = sky_file_write_begin (first, SKY_FILE_WRITE_DEFAULT, &error);
  writes[1] = sky_file_write_begin (second, SKY_FILE_WRITE_DEFAULT, &error);
  for (guint i = 0; i < 2; i++)
    g_assert_true (sky_file_write_append (writes[i], "new", 3, &error));
  g_assert_true (sky_file_write_commit_all (writes, 2, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    sky_file_write_free (writes[i]);
  assert_contents (first, "new");
  assert_contents (second, "new");
  g_clear_pointer (&listed, g_free);
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "first.csv second.csv");
  sky_test_remove_tree (dir);
}

/* Saving a scenario goes through the writer: through a chain of links to the file they end
 * at, keeping its mode. */
static void
test_scenario_save (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *real = g_build_filename (dir, "real.skytally", NULL);
  g_autofree char *middle = g_build_filename (dir, "middle.skytally", NULL);
  g_autofree char *link = g_build_filename (dir, "link.skytally", NULL);
  g_autoptr(SkyScenario) s = sky_scenario_new ("Linked", "USD");
  g_autoptr(SkyScenario) back = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.skytally", middle), ==, 0);
  g_assert_cmpint (symlink ("middle.skytally", link), ==, 0);
  g_assert_true (sky_scenario_save (s, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (middle, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (mode_of (real), ==, 0600);
  back = sky_scenario_load (real, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Linked");
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "link.skytally middle.skytally real.skytally");
  sky_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/file-writer/new-file-mode", test_new_file_mode);
  g_test_add_func ("/sky/file-writer/keeps-mode", test_keeps_mode);
  g_test_add_func ("/sky/file-writer/link-chain", test_link_chain);
  g_test_add_func ("/sky/file-writer/temporary-file", test_temporary_file);
  g_test_add_func ("/sky/file-writer/long-name", test_long_name);
  g_test_add_func ("/sky/file-writer/abandoned", test_abandoned);
  g_test_add_func ("/sky/file-writer/fifo-and-device", test_fifo_and_device);
  g_test_add_func ("/sky/file-writer/standard-output", test_standard_output);
  g_test_add_func ("/sky/file-writer/descriptors", test_descriptors);
  g_test_add_func ("/sky/file-writer/cannot-write", test_cannot_write);
  g_test_add_func ("/sky/file-writer/full-disk", test_full_disk);
  g_test_add_func ("/sky/file-writer/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/sky/file-writer/scenario-save", test_scenario_save);

  return g_test_run ();
}
