/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-scenario.h"

G_BEGIN_DECLS

gboolean     sky_recovery_write (const char         *path,
                                 const SkyScenario  *scenario,
                                 const char         *origin,
                                 GError            **error);
SkyScenario *sky_recovery_read  (const char         *path,
                                 char              **origin,
                                 GError            **error);

G_END_DECLS
