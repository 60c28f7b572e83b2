/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-pricing.h"

G_BEGIN_DECLS

char *sky_explain_steps (const GArray *steps);
char *sky_explain_hours (SkyDecimal    hours);

G_END_DECLS
