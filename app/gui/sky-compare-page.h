/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-compare.h"

G_BEGIN_DECLS

#define SKY_TYPE_COMPARE_PAGE (sky_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyComparePage, sky_compare_page, SKY, COMPARE_PAGE, AdwBin)

gboolean             sky_compare_page_set_sources    (SkyComparePage  *self,
                                                      const char      *path,
                                                      GListModel      *candidates,
                                                      GError         **error);
const SkyComparison *sky_compare_page_get_comparison (SkyComparePage  *self);
gboolean             sky_compare_page_get_busy       (SkyComparePage  *self);

G_END_DECLS
