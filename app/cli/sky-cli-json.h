/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The JSON-GLib functions the commands' JSON output calls, each a member of SkyCliJson of its
 * own name and type. */
#define SKY_CLI_JSON_FUNCTIONS(F) \
  F (json_builder_new) \
  F (json_builder_begin_array) \
  F (json_builder_end_array) \
  F (json_builder_begin_object) \
  F (json_builder_end_object) \
  F (json_builder_set_member_name) \
  F (json_builder_add_string_value) \
  F (json_builder_add_null_value) \
  F (json_builder_add_int_value) \
  F (json_builder_add_double_value) \
  F (json_builder_add_boolean_value) \
  F (json_builder_get_root) \
  F (json_generator_new) \
  F (json_generator_set_pretty) \
  F (json_generator_set_root) \
  F (json_generator_to_data) \
  F (json_node_unref)

#define SKY_CLI_JSON_MEMBER(name) typeof (name) *name;

typedef struct
{
  SKY_CLI_JSON_FUNCTIONS (SKY_CLI_JSON_MEMBER)
} SkyCliJson;

#undef SKY_CLI_JSON_MEMBER

const SkyCliJson *sky_cli_json_load          (GError       **error);
void              sky_cli_print_json         (JsonNode      *root);
void              sky_cli_print_json_builder (JsonBuilder   *builder);

G_END_DECLS
