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

G_END_DECLS
