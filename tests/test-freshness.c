/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sky-freshness.h"

/* The age of prices: days and calendar months from a sheet's date to today, the words for
 * people, the threshold and the six-months-apart rule. The C locale: untranslated words. */

static int
age (const char *as_of,
     const char *today)
{
  int days = G_MININT;

  g_assert_true (sky_freshness_age (as_of, today, &days));
  return days;
}

static void
test_age_days (void)
{
  g_assert_cmpint (age ("2025-06-01", "2025-06-01"), ==, 0);
  g_assert_cmpint (age ("2025-06-01", "2025-06-02"), ==, 1);
  g_assert_cmpint (age ("2025-06-01", "2026-12-05"), ==, 552);
  /* Leap years: February 2024 has 29 days, February 2023 28, 2100 is no leap year. */
  g_assert_cmpint (age ("2024-02-28", "2024-03-01"), ==, 2);
  g_assert_cmpint (age ("2023-02-28", "2023-03-01"), ==, 1);
  g_assert_cmpint (age ("2100-02-28", "2100-03-01"), ==, 1);
  g_assert_cmpint (age ("2024-01-01", "2025-01-01"), ==, 366);
  g_assert_cmpint (age ("2025-01-01", "2026-01-01"), ==, 365);
  /* After today: upcoming, counted as negative days, never as an age. */
  g_assert_cmpint (age ("2027-01-01", "2026-12-05"), ==, -27);
}

static void
test_age_invalid (void)
{
  int days = 7;

  g_assert_false (sky_freshness_age ("2025-02-29", "2025-06-01", &days));
  g_assert_false (sky_freshness_age ("2025-6-1", "2025-06-01", &days));
  g_assert_false (sky_freshness_age (NULL, "2025-06-01", &days));
  g_assert_false (sky_freshness_age ("2025-06-01", "tomorrow", &days));
  g_assert_false (sky_freshness_age ("2025-06-01x", "2025-06-01", &days));
  g_assert_cmpint (days, ==, 7);
  g_assert_null (sky_freshness_describe ("soon", "2025-06-01"));
}

static void
test_months (void)
{
  g_assert_cmpint (sky_freshness_months ("2025-06-01", "2026-12-05"), ==, 18);
  g_assert_cmpint (sky_freshness_months ("2025-06-05", "2025-07-04"), ==, 0);
  g_assert_cmpint (sky_freshness_months ("2025-06-05", "2025-07-05"), ==, 1);
  /* Month ends: the last day of a shorter month completes the month. */
  g_assert_cmpint (sky_freshness_months ("2025-01-31", "2025-02-28"), ==, 1);
  g_assert_cmpint (sky_freshness_months ("2025-01-31", "2025-02-27"), ==, 0);
  g_assert_cmpint (sky_freshness_months ("2024-01-31", "2024-02-28"), ==, 0);
  g_assert_cmpint (sky_freshness_months ("2024-01-31", "2024-02-29"), ==, 1);
  g_assert_cmpint (sky_freshness_months ("2025-03-31", "2025-04-30"), ==, 1);
  g_assert_cmpint (sky_freshness_months ("2024-02-29", "2025-02-28"), ==, 12);
  g_assert_cmpint (sky_freshness_months ("2025-12-15", "2026-01-15"), ==, 1);
  g_assert_cmpint (sky_freshness_months ("2027-01-01", "2026-12-05"), ==, 0);
}

static void
check_text (const char *as_of,
            const char *today,
            const char *expected)
{
  g_autofree char *text = sky_freshness_describe (as_of, today);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_words (void)
{
  check_text ("2025-06-01", "2026-12-05", "Prices as of 2025-06-01 (18 months old)");
  check_text ("2025-06-01", "2025-07-01", "Prices as of 2025-06-01 (1 month old)");
  check_text ("2025-06-01", "2025-06-30", "Prices as of 2025-06-01 (29 days old)");
  check_text ("2025-06-01", "2025-06-02", "Prices as of 2025-06-01 (1 day old)");
  check_text ("2025-06-01", "2025-06-01", "Prices as of 2025-06-01 (from today)");
  check_text ("2025-06-01", "2025-05-31", "Prices as of 2025-06-01 (upcoming, in 1 day)");
  check_text ("2027-01-01", "2026-12-05", "Prices as of 2027-01-01 (upcoming, in 27 days)");
}

static void
test_stale (void)
{
  g_assert_cmpint (SKY_FRESHNESS_STALE_AFTER_DEFAULT, ==, 90);
  g_assert_false (sky_freshness_is_stale ("2025-06-01", "2025-08-30", 90));
  g_assert_true (sky_freshness_is_stale ("2025-06-01", "2025-08-31", 90));
  g_assert_true (sky_freshness_is_stale ("2025-06-01", "2025-06-02", 0));
  g_assert_false (sky_freshness_is_stale ("2025-06-01", "2025-06-01", 0));
  g_assert_false (sky_freshness_is_stale ("2027-01-01", "2026-12-05", 0));
  g_assert_false (sky_freshness_is_stale ("not a date", "2026-12-05", 0));
}

static void
test_apart (void)
{
  g_assert_cmpint (SKY_FRESHNESS_APART_MONTHS, ==, 6);
  g_assert_false (sky_freshness_apart ("2025-01-01", "2025-07-01"));
  g_assert_true (sky_freshness_apart ("2025-01-01", "2025-07-02"));
  g_assert_true (sky_freshness_apart ("2025-07-02", "2025-01-01"));
  /* Six months after August 31 is the last day of February. */
  g_assert_false (sky_freshness_apart ("2025-08-31", "2026-02-28"));
  g_assert_true (sky_freshness_apart ("2025-08-31", "2026-03-01"));
  g_assert_false (sky_freshness_apart ("2023-08-31", "2024-02-29"));
  g_assert_true (sky_freshness_apart ("2023-08-31", "2024-03-01"));
  g_assert_false (sky_freshness_apart ("2025-06-01", "2025-06-01"));
  g_assert_false (sky_freshness_apart ("2025-06-01", NULL));
}

static void
test_today (void)
{
  g_autofree char *today = NULL;

  g_setenv ("SKYTALLY_TODAY", "2026-12-05", TRUE);
  today = sky_freshness_today ();
  g_assert_cmpstr (today, ==, "2026-12-05");
  g_assert_cmpint (age ("2025-06-01", NULL), ==, 552);
  g_unsetenv ("SKYTALLY_TODAY");
}

/* Today is found once a second, and SKYTALLY_TODAY checked once for each value: what is kept
 * still follows the variable as it changes, and the clock. */
static void
test_today_kept (void)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *today = NULL;
  g_autofree char *again = NULL;

  g_setenv ("SKYTALLY_TODAY", "2026-12-05", TRUE);
  g_free (sky_freshness_today ());
  g_setenv ("SKYTALLY_TODAY", "2027-01-31", TRUE);
  today = sky_freshness_today ();
  g_assert_cmpstr (today, ==, "2027-01-31");
  g_clear_pointer (&today, g_free);

  /* Not a date: the local date stands. */
  g_setenv ("SKYTALLY_TODAY", "tomorrow", TRUE);
  now = g_date_time_new_now_local ();
  expected = g_date_time_format (now, "%Y-%m-%d");
  today = sky_freshness_today ();
  again = sky_freshness_today ();
  g_unsetenv ("SKYTALLY_TODAY");
  /* Unless midnight passed between the two. */
  if (g_strcmp0 (today, expected) != 0)
    {
      g_clear_pointer (&now, g_date_time_unref);
      g_clear_pointer (&expected, g_free);
      now = g_date_time_new_now_local ();
      expected = g_date_time_format (now, "%Y-%m-%d");
    }
  g_assert_cmpstr (today, ==, expected);
  g_assert_cmpstr (again, ==, today);

  g_clear_pointer (&today, g_free);
  today = sky_freshness_today ();
  g_assert_cmpstr (today, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sky/freshness/age-days", test_age_days);
  g_test_add_func ("/sky/freshness/age-invalid", test_age_invalid);
  g_test_add_func ("/sky/freshness/months", test_months);
  g_test_add_func ("/sky/freshness/words", test_words);
  g_test_add_func ("/sky/freshness/stale", test_stale);
  g_test_add_func ("/sky/freshness/apart", test_apart);
  g_test_add_func ("/sky/freshness/today", test_today);
  g_test_add_func ("/sky/freshness/today-kept", test_today_kept);
  return g_test_run ();
}
