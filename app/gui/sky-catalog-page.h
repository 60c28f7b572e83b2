/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-listing-model.h"
#include "sky-scenario-document.h"

G_BEGIN_DECLS

#define SKY_TYPE_CATALOG_PAGE (sky_catalog_page_get_type ())

G_DECLARE_FINAL_TYPE (SkyCatalogPage, sky_catalog_page, SKY, CATALOG_PAGE, AdwBin)

SkyCatalogPage  *sky_catalog_page_new        (void);
void             sky_catalog_page_set_model  (SkyCatalogPage  *self,
                                              SkyListingModel *model);
SkyListingModel *sky_catalog_page_get_model  (SkyCatalogPage  *self);
void             sky_catalog_page_set_catalog (SkyCatalogPage *self,
                                               SkyCatalog     *catalog);
GListModel      *sky_catalog_page_get_candidates (SkyCatalogPage *self);
void             sky_catalog_page_refresh        (SkyCatalogPage *self);
void             sky_catalog_page_focus_search   (SkyCatalogPage *self);
void             sky_catalog_page_set_document   (SkyCatalogPage      *self,
                                                  SkyScenarioDocument *document);
void             sky_catalog_page_bind_settings  (SkyCatalogPage *self,
                                                  GSettings      *settings);
void             sky_catalog_page_set_narrow     (SkyCatalogPage *self,
                                                  gboolean        narrow);

G_END_DECLS
