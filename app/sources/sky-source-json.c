/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-json"

#include "config.h"

#include "sky-source-json.h"
#include "sky-source-private.h"

/* json-glib keeps no places in its tree: the parser's signals give, while it reads, the line
 * each object starts on, kept here by object. */

struct _SkySourcePage
{
  char       *path;
  JsonParser *parser;
  GHashTable *lines;     /* JsonObject -> the line it starts on */
  GArray     *starts;    /* lines of the objects open while parsing */
};

static void
on_parser_object_start (JsonParser *parser,
                        gpointer    user_data)
{
  SkySourcePage *page = user_data;
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (page->starts, line);
}

static void
on_parser_object_end (JsonParser *parser,
                      JsonObject *object,
                      gpointer    user_data)
{
  SkySourcePage *page = user_data;
  guint line = g_array_index (page->starts, guint, page->starts->len - 1);

  g_array_set_size (page->starts, page->starts->len - 1);
  g_hash_table_insert (page->lines, object, GUINT_TO_POINTER (line));
}

SkySourcePage *
_sky_source_page_read (const char  *path,
                       GError     **error)
{
  g_autoptr(SkySourcePage) page = g_new0 (SkySourcePage, 1);

  page->path = g_strdup (path);
  page->parser = json_parser_new ();
  page->lines = g_hash_table_new (NULL, NULL);
  page->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (page->parser, "object-start", G_CALLBACK (on_parser_object_start), page);
  g_signal_connect (page->parser, "object-end", G_CALLBACK (on_parser_object_end), page);
  if (!json_parser_load_from_file (page->parser, path, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&page);
}

void
_sky_source_page_free (SkySourcePage *page)
{
  if (page == NULL)
    return;
  if (page->parser != NULL)
    g_signal_handlers_disconnect_by_data (page->parser, page);
  g_clear_object (&page->parser);
  g_hash_table_unref (page->lines);
  g_array_unref (page->starts);
  g_free (page->path);
  g_free (page);
}

const char *
_sky_source_page_path (const SkySourcePage *page)
{
  return page->path;
}

/* The whole answer, or NULL. */
JsonNode *
_sky_source_page_root (const SkySourcePage *page)
{
  return json_parser_get_root (page->parser);
}

/* The top-level member @member, or NULL. */
JsonNode *
_sky_source_page_member (const SkySourcePage *page,
                         const char          *member)
{
  JsonNode *root = json_parser_get_root (page->parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_get_member (json_node_get_object (root), member);
}

/* The top-level member @member when it is an array, or NULL. */
JsonArray *
_sky_source_page_array (const SkySourcePage *page,
                        const char          *member)
{
  JsonNode *node = _sky_source_page_member (page, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* "FILE:LINE: PATH", the place of a row (@object) and of the field in it (@path). */
char *
_sky_source_page_where (const SkySourcePage *page,
                        JsonObject          *object,
                        const char          *path)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (page->lines, object));

  return g_strdup_printf ("%s:%u: %s", page->path, line, path);
}

/* A member holding a string, or NULL. */
const char *
_sky_json_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
_sky_json_object (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_sky_json_array (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A member holding a number (not negative), as the exact decimal it was written as. */
gboolean
_sky_json_decimal (JsonObject *object,
                   const char *name,
                   SkyDecimal *out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value < 0)
        return FALSE;
      *out = sky_decimal_from_int (value);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    return _sky_convert_decimal_from_double (json_node_get_double (node), out);
  return FALSE;
}

gboolean
_sky_json_boolean (JsonObject *object,
                   const char *name,
                   gboolean    missing)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return missing;
  return json_node_get_boolean (node);
}
