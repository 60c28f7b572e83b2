/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-decimal.h"

G_BEGIN_DECLS

gboolean    sky_currency_lookup   (const char  *code,
                                   guint       *minor_units);
SkyDecimal  sky_currency_round    (const char  *code,
                                   SkyDecimal   amount);
char       *sky_currency_format   (const char  *code,
                                   SkyDecimal   amount);
const char *sky_currency_symbol   (const char  *code);

/* For people to read, in the locale of the process (LC_MONETARY, LC_NUMERIC). */
char       *sky_currency_format_display       (const char *code,
                                               SkyDecimal  amount);
char       *sky_currency_format_price_display (const char *code,
                                               SkyDecimal  amount);
char       *sky_format_number                 (SkyDecimal  value,
                                               guint       min_scale);
char       *sky_format_count                  (gint64      count);

G_END_DECLS
