/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A provider's region as the converters know it: its name, and the geography a sheet gives
 * it (a geography of the vocabulary). */
typedef struct
{
  const char *provider;
  const char *code;
  const char *name;
  const char *geography;
} SkySourceRegion;

const SkySourceRegion *sky_source_region_lookup (const char *provider,
                                                 const char *code);
guint                  sky_source_region_count  (const char *provider);

G_END_DECLS
