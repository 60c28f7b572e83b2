/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sky-estimate.h"
#include "sky-projection.h"
#include "sky-summary.h"

G_BEGIN_DECLS

/* The records Skytally writes as JSON, each by one serialiser: money as decimal strings in the
 * currency's minor digits, other decimals as their shortest exact strings, absent values as
 * null. */

void      sky_json_add_string     (JsonBuilder         *builder,
                                   const char          *member,
                                   const char          *value);
void      sky_json_add_decimal    (JsonBuilder         *builder,
                                   const char          *member,
                                   SkyDecimal           value);
void      sky_json_add_money      (JsonBuilder         *builder,
                                   const char          *member,
                                   const char          *currency,
                                   SkyDecimal           amount);

JsonNode *sky_json_estimate       (const SkyScenario   *scenario,
                                   const SkyEstimate   *estimate);
JsonNode *sky_json_projection     (const SkyScenario   *scenario,
                                   const SkyProjection *projection);
void      sky_json_add_freshness  (JsonNode            *root,
                                   const SkyEstimate   *estimate);
void      sky_json_add_summary    (JsonNode            *root,
                                   const SkySummary    *summary);

char     *sky_json_to_data        (JsonNode            *root,
                                   gsize               *length);

G_END_DECLS
