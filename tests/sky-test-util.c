/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sky-test-util.h"

/* Appends the start of a price sheet in EUR, through its <source>: the regions come next. */
void
sky_test_append_sheet_start (GString    *sheet,
                             const char *provider_id,
                             const char *provider_name)
{
  g_string_append_printf (sheet,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
                          "  <provider id=\"%s\" name=\"%s\"/>\n"
                          "  <sheet version=\"1\" effective-date=\"2026-03-01\" "
                          "currency=\"EUR\"/>\n"
                          "  <source retrieved=\"2026-03-01\">Written by the test.</source>\n",
                          provider_id, provider_name);
}

/* A new temporary folder for a test (to free, and to remove with sky_test_remove_tree()). */
char *
sky_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("skytally-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a test's temporary folder and everything in it. */
void
sky_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        sky_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Reads @text as RFC 4180 CSV, strictly: every record ends with CRLF, a quote appears only
 * around a field (doubled inside it), and every record has as many fields as the first.
 * A GPtrArray of GStrv, or NULL with an error naming the record. */
GPtrArray *
sky_test_parse_csv (const char  *text,
                    char         delimiter,
                    GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  guint record = 1;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              if (*p == '\0')
                {
                  g_set_error (error, g_quark_from_static_string ("sky-test-csv"), 0,
                               "record %u: a quoted field is not closed", record);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        while (*p != '\0' && *p != delimiter && *p != '\r' && *p != '\n')
          {
            if (*p == '"')
              {
                g_set_error (error, g_quark_from_static_string ("sky-test-csv"), 0,
                             "record %u: a quote inside an unquoted field", record);
                return NULL;
              }
            g_string_append_c (field, *p++);
          }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == delimiter)
        {
          p++;
          continue;
        }
      if (p[0] != '\r' || p[1] != '\n')
        {
          g_set_error (error, g_quark_from_static_string ("sky-test-csv"), 0,
                       "record %u does not end with CRLF", record);
          return NULL;
        }
      p += 2;
      if (rows->len > 0 && fields->len != g_strv_length (g_ptr_array_index (rows, 0)))
        {
          g_set_error (error, g_quark_from_static_string ("sky-test-csv"), 0,
                       "record %u has %u fields, the first %u", record, fields->len,
                       g_strv_length (g_ptr_array_index (rows, 0)));
          return NULL;
        }
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
      record++;
    }
  return g_steal_pointer (&rows);
}

/* Runs @argv (a command such as chattr) and tells whether it succeeded. */
static gboolean
run_quietly (const char * const *argv)
{
  int status = 0;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* Makes @file and its folder @dir unwritable, or writable again: by their modes for a user,
 * who cannot write past them; for root, whom modes do not stop, by making them immutable
 * (chattr +i). FALSE when that cannot be done here (no chattr, or a file system without
 * it). */
gboolean
sky_test_set_writable (const char *file,
                       const char *dir,
                       gboolean    writable)
{
  const char *argv[] = { "chattr", writable ? "-i" : "+i", file, dir, NULL };

  if (geteuid () != 0)
    return g_chmod (file, writable ? 0600 : 0400) == 0 &&
           g_chmod (dir, writable ? 0700 : 0500) == 0;
  return run_quietly (argv);
}

/* Writes to @dir a sheet of Example Cloud, version @version from @date, with no offers, and
 * returns its path. */
char *
sky_test_write_empty_sheet (const char *dir,
                            const char *version,
                            const char *date)
{
  g_autofree char *name = g_strdup_printf ("empty-%s.xml", version);
  g_autofree char *text = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
    "  <provider id=\"examplecloud\" name=\"Example Cloud\"/>\n"
    "  <sheet version=\"%s\" effective-date=\"%s\" currency=\"USD\"/>\n"
    "  <source retrieved=\"2026-01-02\">Nothing yet.</source>\n"
    "  <region code=\"us-east\" name=\"US East\" geography=\"US\"/>\n"
    "</price-sheet>\n", version, date);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, separated by spaces. */
char *
sky_test_names_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gpointer
read_fifo_thread (gpointer data)
{
  char *text = NULL;

  g_file_get_contents (data, &text, NULL, NULL);
  return text;
}

/* Makes a named pipe at @path and reads it in a thread: g_thread_join() gives what was written
 * to it (to free), once its writer has closed it. @path is kept until then. */
GThread *
sky_test_read_fifo (const char *path)
{
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return g_thread_new ("reader", read_fifo_thread, (gpointer) path);
}

/* What @reader (of sky_test_read_fifo()) read from the named pipe at @path, which is still
 * there and still not a regular file. */
char *
sky_test_fifo_text (GThread    *reader,
                    const char *path)
{
  char *text = g_thread_join (reader);

  g_assert_nonnull (text);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return text;
}

/* The text of the PDF file @pdf, read back with pdftotext ($SKYTALLY_PDFTOTEXT); NULL, and the
 * test marked as skipped, where that is not installed. */
char *
sky_test_pdf_text (const char *pdf)
{
  const char *pdftotext = g_getenv ("SKYTALLY_PDFTOTEXT");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  if (pdftotext == NULL || *pdftotext == '\0')
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: build-aux/setup-debian.sh "
                   "installs it");
      return NULL;
    }
  g_spawn_sync (NULL, (char *[]) { (char *) pdftotext, (char *) pdf, (char *) "-", NULL }, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

/* What the file at @path holds (to free), its length in @length (if not NULL). */
char *
sky_test_contents_of (const char *path,
                      gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/* The folder of real samples @folder, or NULL (the test is skipped, saying why). */
char *
sky_test_realdata (const char *folder)
{
  const char *root = g_getenv ("SKYTALLY_REALDATA_DIR");
  g_autofree char *dir = NULL;

  if (root == NULL || *root == '\0')
    {
      g_test_skip ("SKYTALLY_REALDATA_DIR is not set: no real samples to convert");
      return NULL;
    }
  dir = g_build_filename (root, folder, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf ("%s is absent: the real samples "
                                                  "(../shared/realdata) are not here", dir);

      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* Switches the whole process to @locale for a test that reads figures as its people do; FALSE,
 * with the test marked skipped and why, where the locale is not installed (setlocale() refuses
 * it). The test restores the environment's with setlocale (LC_ALL, ""). */
gboolean
sky_test_use_locale (const char *locale)
{
  g_autofree char *message = NULL;

  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;
  message = g_strdup_printf ("the locale %s is not installed (build-aux/setup-debian.sh "
                             "generates it)", locale);
  g_test_skip (message);
  return FALSE;
}
