/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sky-catalog.h"

G_BEGIN_DECLS

#define SKY_TYPE_PRICE_SHEETS_WINDOW (sky_price_sheets_window_get_type ())

G_DECLARE_FINAL_TYPE (SkyPriceSheetsWindow, sky_price_sheets_window, SKY, PRICE_SHEETS_WINDOW,
                      AdwWindow)

SkyPriceSheetsWindow *sky_price_sheets_window_new (SkyCatalog *catalog);

G_END_DECLS
