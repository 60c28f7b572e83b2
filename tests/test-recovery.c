/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sky-recovery.h"
#include "sky-test-util.h"

/* A recovery file holds the scenario and the file it belongs to, in one file only its owner
 * may read, whatever the umask. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "recovery", NULL);
  g_autoptr(SkyScenario) s = sky_scenario_new ("Unsaved = \\ changes", "EUR");
  g_autoptr(SkyScenario) back = NULL;
  g_autoptr(SkyScenario) again = NULL;
  g_autofree char *origin = NULL;
  char *none = (char *) "not set";
  g_autoptr(GDir) d = NULL;
  mode_t old = umask (0);
  GStatBuf st;

  g_assert_true (sky_recovery_write (path, s, "/home/me/a file=x.skytally", &error));
  g_assert_no_error (error);
  umask (old);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  back = sky_recovery_read (path, &origin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Unsaved = \\ changes");
  g_assert_cmpstr (back->currency, ==, "EUR");
  g_assert_cmpstr (origin, ==, "/home/me/a file=x.skytally");

  /* A scenario never saved has no origin. */
  g_assert_true (sky_recovery_write (path, s, NULL, &error));
  again = sky_recovery_read (path, &none, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_null (none);

  /* One file, nothing beside it. */
  d = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (d), ==, "recovery");
  g_assert_null (g_dir_read_name (d));
  sky_test_remove_tree (dir);
}

/* A recovery file that is missing or not one is an error naming it. */
static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage", NULL);

  g_assert_null (sky_recovery_read (missing, NULL, &error));
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "[Recovery]\nScenario=<scenario/>\n", -1, NULL));
  g_assert_null (sky_recovery_read (garbage, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (garbage, "not a key file", -1, NULL));
  g_assert_null (sky_recovery_read (garbage, NULL, &error));
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, garbage));
  sky_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/recovery/round-trip", test_round_trip);
  g_test_add_func ("/sky/recovery/errors", test_errors);

  return g_test_run ();
}
