/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-freshness"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sky-freshness.h"

/* The age of prices, one way everywhere: the Price Sheets window, the catalog's details, the
 * pages, the exports and skytally-cli say "Prices as of 2025-06-01 (18 months old)" from these
 * functions. An age is counted from a sheet's effective date to today's local date; a date
 * after today is upcoming, never a negative age. */

/* Today's date in local time, YYYY-MM-DD: the day prices are aged to, and the day a sheet must
 * have reached to be current (the catalog's SQL function sky_today()). SKYTALLY_TODAY, when it
 * holds such a date, stands for it, so that tests can set the day.
 *
 * The catalog's queries call it for every service they weigh, a few thousand times a listing
 * of the bundled sheets, and finding the local time zone reads /etc/localtime again each time
 * (GLib before 2.76 when TZ is not set: some 18 us): the date is kept for the second it was
 * found in, and SKYTALLY_TODAY's check for the value it was made for. */
G_LOCK_DEFINE_STATIC (today);

char *
sky_freshness_today (void)
{
  static gint64 found_second = -1;
  static char found[16];
  static char *forced_checked;     /* the value of SKYTALLY_TODAY last checked */
  static gboolean forced_valid;
  const char *forced = g_getenv ("SKYTALLY_TODAY");
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;
  char *today;

  G_LOCK (today);
  if (forced != NULL && g_strcmp0 (forced, forced_checked) != 0)
    {
      g_free (forced_checked);
      forced_checked = g_strdup (forced);
      forced_valid = g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", forced, 0, 0);
    }
  if (forced != NULL && forced_valid)
    today = g_strdup (forced);
  else
    {
      if (second != found_second)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *text = g_date_time_format (now, "%Y-%m-%d");

          g_strlcpy (found, text, sizeof found);
          found_second = second;
        }
      today = g_strdup (found);
    }
  G_UNLOCK (today);
  return today;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* The days from @as_of to @today (YYYY-MM-DD; @today NULL: sky_freshness_today()), negative
 * when @as_of is after @today. FALSE when either is not a date. */
gboolean
sky_freshness_age (const char *as_of,
                   const char *today,
                   int        *days)
{
  g_autofree char *now = today == NULL ? sky_freshness_today () : NULL;
  GDate a, t;

  g_return_val_if_fail (days != NULL, FALSE);

  if (!parse_date (as_of, &a) || !parse_date (today != NULL ? today : now, &t))
    return FALSE;
  *days = g_date_days_between (&a, &t);
  return TRUE;
}

/* Whole calendar months from @as_of to @today: a month is up on the same day of the next
 * month, or on its last day when it has no such day (2025-01-31 to 2025-02-28 is one month).
 * 0 when @as_of is not before @today or either is not a date. */
int
sky_freshness_months (const char *as_of,
                      const char *today)
{
  g_autofree char *now = today == NULL ? sky_freshness_today () : NULL;
  GDate a, t;
  int months;

  if (!parse_date (as_of, &a) || !parse_date (today != NULL ? today : now, &t) ||
      g_date_compare (&a, &t) >= 0)
    return 0;
  months = ((int) g_date_get_year (&t) - (int) g_date_get_year (&a)) * 12 +
           (int) g_date_get_month (&t) - (int) g_date_get_month (&a);
  if (g_date_get_day (&t) < g_date_get_day (&a) && !g_date_is_last_of_month (&t))
    months--;
  return months;
}

/* Whether prices as of @as_of are more than @stale_after_days old on @today. Upcoming prices
 * and unknown dates are not stale. */
gboolean
sky_freshness_is_stale (const char *as_of,
                        const char *today,
                        guint       stale_after_days)
{
  int days;

  return sky_freshness_age (as_of, today, &days) && days > 0 &&
         (guint) days > stale_after_days;
}

/* Whether @later is more than SKY_FRESHNESS_APART_MONTHS calendar months after @earlier (in
 * either order): 2025-01-31 and 2025-07-31 are not, 2025-08-01 is. */
gboolean
sky_freshness_apart (const char *earlier,
                     const char *later)
{
  GDate a, b;

  if (!parse_date (earlier, &a) || !parse_date (later, &b))
    return FALSE;
  if (g_date_compare (&a, &b) > 0)
    {
      GDate swap = a;
      a = b;
      b = swap;
    }
  g_date_add_months (&a, SKY_FRESHNESS_APART_MONTHS);
  return g_date_compare (&b, &a) > 0;
}

/* How old prices as of @as_of are on @today, for people: "18 months old", "12 days old",
 * "from today", "upcoming, in 3 days"; NULL when @as_of is not a date. */
char *
sky_freshness_age_text (const char *as_of,
                        const char *today)
{
  int days, months;

  if (!sky_freshness_age (as_of, today, &days))
    return NULL;
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "upcoming, in %d day",
                                         "upcoming, in %d days", -days), -days);
  if (days == 0)
    return g_strdup (_("from today"));
  months = sky_freshness_months (as_of, today);
  if (months == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day old", "%d days old", days),
                            days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month old", "%d months old",
                                       months), months);
}

/* "Prices as of 2025-06-01 (18 months old)": the words every place that shows a figure uses
 * for the date of its prices; NULL when @as_of is not a date. */
char *
sky_freshness_describe (const char *as_of,
                        const char *today)
{
  g_autofree char *age = sky_freshness_age_text (as_of, today);

  if (age == NULL)
    return NULL;
  /* Translators: a sheet's effective date (YYYY-MM-DD) and how old it is, e.g. "18 months
   * old". */
  return g_strdup_printf (_("Prices as of %s (%s)"), as_of, age);
}
