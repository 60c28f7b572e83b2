/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-pricing.h"

G_BEGIN_DECLS

char *sky_explain_steps (const GArray *steps);
char *sky_explain_hours (SkyDecimal    hours);
char *sky_explain_source (const char   *provider_name,
                          const char   *sheet_version,
                          const char   *arithmetic);

G_END_DECLS
