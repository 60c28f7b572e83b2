/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"
#include "sky-listing-item.h"
#include "sky-scenario-document.h"

G_BEGIN_DECLS

#define SKY_TYPE_CANDIDATES (sky_candidates_get_type ())

G_DECLARE_FINAL_TYPE (SkyCandidates, sky_candidates, SKY, CANDIDATES, GObject)

SkyCandidates *sky_candidates_new                (void);
GListModel    *sky_candidates_get_model          (SkyCandidates       *self);
GListModel    *sky_candidates_get_rows           (SkyCandidates       *self);
void           sky_candidates_set_catalog        (SkyCandidates       *self,
                                                  SkyCatalog          *catalog);
void           sky_candidates_set_settings       (SkyCandidates       *self,
                                                  GSettings           *settings);
void           sky_candidates_set_document       (SkyCandidates       *self,
                                                  SkyScenarioDocument *document);
gboolean       sky_candidates_in_document        (SkyCandidates       *self);
gboolean       sky_candidates_contains           (SkyCandidates       *self,
                                                  const SkyListing    *listing);
void           sky_candidates_add                (SkyCandidates       *self,
                                                  GPtrArray           *listings);
guint          sky_candidates_get_n_superseded   (SkyCandidates       *self);
void           sky_candidates_use_successor      (SkyCandidates       *self,
                                                  SkyListingItem      *item);
void           sky_candidates_use_all_successors (SkyCandidates       *self);
void           sky_candidates_remove             (SkyCandidates       *self,
                                                  SkyListingItem      *item);
char          *sky_candidates_describe_gone      (SkyCandidates       *self);
GtkWidget     *sky_candidates_create_row         (SkyCandidates       *self,
                                                  SkyListingItem      *item,
                                                  const char          *price);

G_END_DECLS
