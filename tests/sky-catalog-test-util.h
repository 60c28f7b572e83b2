/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

/* A catalog of its own in a fresh folder, and the scenario a test prices on it. */
typedef struct
{
  char        *dir;
  SkyCatalog  *catalog;
  SkyScenario *scenario;
} SkyCatalogFixture;

SkyCatalog *sky_test_open_catalog (char       **dir,
                                   const char  *first_sheet,
                                   ...) G_GNUC_NULL_TERMINATED;
void sky_test_import (SkyCatalog *catalog,
                      const char *name);
void sky_test_close_catalog (char       **dir,
                             SkyCatalog **catalog);

SkyScenario *sky_test_growth_scenario (void);

void sky_catalog_fixture_setup (SkyCatalogFixture *f,
                                gconstpointer      data);
void sky_catalog_fixture_setup_web (SkyCatalogFixture *f,
                                    gconstpointer      data);
void sky_catalog_fixture_teardown (SkyCatalogFixture *f,
                                   gconstpointer      data);

G_END_DECLS
