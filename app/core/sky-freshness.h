/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How old prices are: from a sheet's effective date ("prices as of") to today, in days. */

/* Prices older than this many days are stale unless the user chose otherwise (the GSettings
 * key stale-after-days, skytally-cli estimate --stale-after). */
#define SKY_FRESHNESS_STALE_AFTER_DEFAULT 90

/* Compared providers whose prices are more than this many months apart get a notice: a fixed
 * rule, as prices this far apart are not of the same market. */
#define SKY_FRESHNESS_APART_MONTHS 6

char     *sky_freshness_today      (void);
gboolean  sky_freshness_age        (const char *as_of,
                                    const char *today,
                                    int        *days);
int       sky_freshness_months     (const char *as_of,
                                    const char *today);
gboolean  sky_freshness_is_stale   (const char *as_of,
                                    const char *today,
                                    guint       stale_after_days);
gboolean  sky_freshness_apart      (const char *earlier,
                                    const char *later);
char     *sky_freshness_age_text   (const char *as_of,
                                    const char *today);
char     *sky_freshness_describe   (const char *as_of,
                                    const char *today);

G_END_DECLS
