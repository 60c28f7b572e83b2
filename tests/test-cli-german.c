/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sky-cli-test-util.h"
#include "sky-test-util.h"

/* skytally-cli in German: its messages translated from the build's catalog of translations
 * (SKYTALLY_LOCALEDIR), its machine-readable output the same bytes as in the C locale. */

static const char scenario_text[] =
  "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Web\" currency=\"USD\">\n"
  "  <providers><provider id=\"examplecloud\"/></providers>\n"
  "  <line label=\"API servers\" group=\"API\" quantity=\"3\" unit=\"hour\">\n"
  "    <requirement category=\"compute\" min-vcpu=\"2\" os=\"linux\"/>\n"
  "  </line>\n"
  "  <line label=\"Egress\" group=\"Network\" usage=\"15000\" unit=\"gb\">\n"
  "    <requirement category=\"network\"/>\n"
  "  </line>\n"
  "  <line label=\"Reserved worker\" quantity=\"2\" unit=\"hour\" "
  "term=\"reserved-1y-partial-upfront\">\n"
  "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n"
  "  </line>\n"
  "  <line label=\"Gone\" quantity=\"1\" unit=\"hour\">\n"
  "    <offer provider=\"examplecloud\" sku=\"no-such-sku\"/>\n"
  "  </line>\n"
  "</scenario>\n";

typedef struct
{
  char *dir;
  char *catalog;
  char *scenario;
} Fixture;

/* Runs skytally-cli with the arguments (NULL-terminated) under @locale. */
static void
cli_in (SkyCliRun  *r,
        const char *locale,
        const char *first,
        ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  va_list args;

  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  va_start (args, first);
  sky_cli_run_valist (r, NULL, envp, NULL, first, args);
  va_end (args);
}

/* FALSE, with the test skipped and why, where German cannot be shown: the locale is not
 * installed, or the build has no German catalog. */
static gboolean
german_available (void)
{
  const char *localedir = g_getenv ("SKYTALLY_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return FALSE;
  setlocale (LC_ALL, "");
  g_assert_nonnull (localedir);
  mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s is not built", mo);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) import = { 0 };

  f->dir = sky_test_make_dir ();
  f->catalog = g_build_filename (f->dir, "catalog.db", NULL);
  f->scenario = g_build_filename (f->dir, "web.skytally", NULL);
  g_assert_true (g_file_set_contents (f->scenario, scenario_text, -1, NULL));
  cli_in (&import, "C.UTF-8", "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_test_remove_tree (f->dir);
  g_free (f->scenario);
  g_free (f->catalog);
  g_free (f->dir);
}

/* A message of the core, as the command line reports it: in German under de_DE.UTF-8, in
 * English in the C locale. */
static void
test_message_translated (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "not-a-scenario.skytally", NULL);
  g_auto(SkyCliRun) english = { 0 };
  g_auto(SkyCliRun) german = { 0 };

  if (!german_available ())
    return;
  g_assert_true (g_file_set_contents (path, "<foo/>\n", -1, NULL));
  cli_in (&english, "C.UTF-8", "--catalog", f->catalog, "validate", path, NULL);
  cli_in (&german, "de_DE.UTF-8", "--catalog", f->catalog, "validate", path, NULL);

  g_assert_cmpint (english.status, !=, 0);
  g_assert_nonnull (strstr (english.err, "not a Skytally scenario"));
  g_assert_cmpint (german.status, ==, english.status);
  g_assert_nonnull (strstr (german.err, "kein Skytally-Szenario"));
  g_assert_null (strstr (german.err, "not a Skytally scenario"));
}

/* estimate --format json and export --csv write the same bytes under de_DE.UTF-8 as in the C
 * locale: plain numbers with a decimal point, no grouping, and the explanations, notices and
 * reasons (a line here is not priced) as programs that read them expect, untranslated. */
static void
test_machine_output_plain (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv_c = g_build_filename (f->dir, "c.csv", NULL);
  g_autofree char *csv_de = g_build_filename (f->dir, "de.csv", NULL);
  g_autofree char *text_c = NULL;
  g_autofree char *text_de = NULL;
  g_auto(SkyCliRun) json_c = { 0 };
  g_auto(SkyCliRun) json_de = { 0 };
  g_auto(SkyCliRun) export_c = { 0 };
  g_auto(SkyCliRun) export_de = { 0 };

  if (!german_available ())
    return;
  cli_in (&json_c, "C.UTF-8", "--catalog", f->catalog, "estimate", f->scenario,
          "--format", "json", NULL);
  cli_in (&json_de, "de_DE.UTF-8", "--catalog", f->catalog, "estimate", f->scenario,
          "--format", "json", NULL);
  g_assert_cmpint (json_c.status, ==, 0);
  g_assert_cmpint (json_de.status, ==, 0);
  /* 3 × 730 × 0.096 = 210.24, and 1,317.70 for the egress, as JSON writes them. */
  g_assert_nonnull (strstr (json_c.out, "\"210.24\""));
  g_assert_nonnull (strstr (json_c.out, "\"1317.70\""));
  g_assert_nonnull (strstr (json_c.out, "has no offer no-such-sku"));
  g_assert_cmpstr (json_de.out, ==, json_c.out);

  cli_in (&export_c, "C.UTF-8", "--catalog", f->catalog, "export", f->scenario,
          "--csv", csv_c, NULL);
  cli_in (&export_de, "de_DE.UTF-8", "--catalog", f->catalog, "export", f->scenario,
          "--csv", csv_de, NULL);
  g_assert_cmpint (export_c.status, ==, 0);
  g_assert_cmpint (export_de.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_c, &text_c, NULL, NULL));
  g_assert_true (g_file_get_contents (csv_de, &text_de, NULL, NULL));
  g_assert_nonnull (strstr (text_c, "210.24"));
  g_assert_null (strstr (text_c, "210,24"));
  g_assert_cmpstr (text_de, ==, text_c);
}

/* The sheets of @book as ssconvert writes them after recalculating every formula: one text
 * per sheet, NULL (the test skipped) without ssconvert. */
static GPtrArray *
recalculated_sheets (const char *book,
                     const char *stem)
{
  const char *ssconvert = g_getenv ("SKYTALLY_SSCONVERT");
  const char *argv[] = { ssconvert, "-S", "--recalc", book, stem, NULL };
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (ssconvert == NULL || *ssconvert == '\0')
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed: build-aux/setup-debian.sh installs it");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint n = 0; ; n++)
    {
      g_autofree char *path = g_strdup_printf ("%s.%u", stem, n);
      char *text = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        break;
      g_ptr_array_add (sheets, text);
    }
  return g_steal_pointer (&sheets);
}

/* The workbook in German: its sheet names and headings are translated, and its formulas, which
 * name the sheets, still give every figure of the C locale's workbook once recalculated. */
static void
test_workbook_german (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *book_c = g_build_filename (f->dir, "c.xlsx", NULL);
  g_autofree char *book_de = g_build_filename (f->dir, "de.xlsx", NULL);
  g_autofree char *stem_c = g_build_filename (f->dir, "c.csv", NULL);
  g_autofree char *stem_de = g_build_filename (f->dir, "de.csv", NULL);
  g_autoptr(GPtrArray) sheets_c = NULL;
  g_autoptr(GPtrArray) sheets_de = NULL;
  g_auto(SkyCliRun) export_c = { 0 };
  g_auto(SkyCliRun) export_de = { 0 };
  guint numbers = 0;
  guint translated = 0;

  if (!german_available ())
    return;
  cli_in (&export_c, "C.UTF-8", "--catalog", f->catalog, "export", f->scenario,
          "--xlsx", book_c, NULL);
  if (export_c.status != 0 && strstr (export_c.err, "made without libxlsxwriter") != NULL)
    {
      g_test_skip ("this build writes no XLSX (made without libxlsxwriter)");
      return;
    }
  cli_in (&export_de, "de_DE.UTF-8", "--catalog", f->catalog, "export", f->scenario,
          "--xlsx", book_de, NULL);
  g_assert_cmpint (export_c.status, ==, 0);
  g_assert_cmpint (export_de.status, ==, 0);

  sheets_c = recalculated_sheets (book_c, stem_c);
  if (sheets_c == NULL)
    return;
  sheets_de = recalculated_sheets (book_de, stem_de);
  g_assert_cmpuint (sheets_c->len, ==, 4);
  g_assert_cmpuint (sheets_de->len, ==, sheets_c->len);
  for (guint n = 0; n < sheets_c->len; n++)
    {
      g_auto(GStrv) lines_c = g_strsplit (g_ptr_array_index (sheets_c, n), "\n", -1);
      g_auto(GStrv) lines_de = g_strsplit (g_ptr_array_index (sheets_de, n), "\n", -1);

      g_assert_cmpuint (g_strv_length (lines_de), ==, g_strv_length (lines_c));
      for (guint l = 0; lines_c[l] != NULL; l++)
        {
          g_auto(GStrv) cells_c = g_strsplit (lines_c[l], ",", -1);
          g_auto(GStrv) cells_de = g_strsplit (lines_de[l], ",", -1);

          /* A formula that named a sheet wrongly recalculates to an error such as #REF!. */
          g_assert_null (strchr (lines_de[l], '#'));
          for (guint c = 0; cells_c[c] != NULL && cells_de[c] != NULL; c++)
            {
              char *end = NULL;

              g_ascii_strtod (cells_c[c], &end);
              if (*cells_c[c] != '\0' && end != cells_c[c] && *end == '\0')
                {
                  g_assert_cmpstr (cells_de[c], ==, cells_c[c]);
                  numbers++;
                }
              else if (strcmp (cells_de[c], cells_c[c]) != 0)
                translated++;
            }
        }
    }
  g_assert_cmpuint (numbers, >, 20);
  /* The headings and the sheets' texts are German. */
  g_assert_cmpuint (translated, >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/cli-german/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("message-translated", test_message_translated);
  ADD ("machine-output-plain", test_machine_output_plain);
  ADD ("workbook-german", test_workbook_german);
#undef ADD

  return g_test_run ();
}
