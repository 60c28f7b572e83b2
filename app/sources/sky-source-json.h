/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sky-decimal.h"

G_BEGIN_DECLS

/* A JSON answer of a provider's API, read whole (the pages are of bounded size) with the line
 * each of its objects starts on, for the messages about its rows. */
typedef struct _SkySourcePage SkySourcePage;

SkySourcePage *_sky_source_page_read     (const char          *path,
                                          GError             **error);
void           _sky_source_page_free     (SkySourcePage       *page);
const char    *_sky_source_page_path     (const SkySourcePage *page);
JsonNode      *_sky_source_page_root     (const SkySourcePage *page);
JsonArray     *_sky_source_page_array    (const SkySourcePage *page,
                                          const char          *member);
JsonNode      *_sky_source_page_member   (const SkySourcePage *page,
                                          const char          *member);
char          *_sky_source_page_where    (const SkySourcePage *page,
                                          JsonObject          *object,
                                          const char          *path);

const char    *_sky_json_string          (JsonObject          *object,
                                          const char          *name);
JsonObject    *_sky_json_object          (JsonObject          *object,
                                          const char          *name);
JsonArray     *_sky_json_array           (JsonObject          *object,
                                          const char          *name);
gboolean       _sky_json_decimal         (JsonObject          *object,
                                          const char          *name,
                                          SkyDecimal          *out);
gboolean       _sky_json_boolean         (JsonObject          *object,
                                          const char          *name,
                                          gboolean             missing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkySourcePage, _sky_source_page_free)

G_END_DECLS
