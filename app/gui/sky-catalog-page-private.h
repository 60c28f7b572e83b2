/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog-page.h"

G_BEGIN_DECLS

GtkListBox *_sky_catalog_page_get_candidates_list   (SkyCatalogPage *self);
GtkButton  *_sky_catalog_page_get_update_all_button (SkyCatalogPage *self);

G_END_DECLS
