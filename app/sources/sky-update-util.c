/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sky-update-private.h"

/* What the provider plans share. */

G_DEFINE_QUARK (sky-update-error-quark, sky_update_error)

SkyUpdateBatch *
_sky_update_batch_new (const char *format,
                       const char *source_url)
{
  SkyUpdateBatch *batch = g_new0 (SkyUpdateBatch, 1);

  batch->format = g_strdup (format);
  batch->files = g_ptr_array_new_with_free_func (g_free);
  batch->source_url = g_strdup (source_url);
  return batch;
}

void
_sky_update_batch_free (SkyUpdateBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->format);
  g_ptr_array_unref (batch->files);
  g_free (batch->source_url);
  g_free (batch->version);
  g_free (batch);
}

char *
_sky_update_url (const char  *endpoint,
                 const char  *path_or_link,
                 GError     **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) link = NULL;
  g_autoptr(GUri) joined = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *path = NULL;

  base = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, error);
  if (base == NULL)
    return NULL;
  if (g_uri_peek_scheme (path_or_link) != NULL)
    link = g_uri_parse (path_or_link, G_URI_FLAGS_ENCODED, error);
  else if (path_or_link[0] == '/')
    link = g_uri_parse_relative (base, path_or_link, G_URI_FLAGS_ENCODED, error);
  if (link == NULL)
    {
      if (error != NULL && *error == NULL)
        /* Translators: %s is what a price list gave where a link was expected. */
        g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED,
                     _("Not a link to a price list: %s"), path_or_link);
      return NULL;
    }

  /* The endpoint's own path (a mirror's prefix) comes before the link's. */
  base_path = g_strdup (g_uri_get_path (base));
  if (g_str_has_suffix (base_path, "/"))
    base_path[strlen (base_path) - 1] = '\0';
  path = g_strconcat (base_path, g_uri_get_path (link), NULL);
  joined = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), g_uri_get_userinfo (base),
                        g_uri_get_host (base), g_uri_get_port (base), path,
                        g_uri_get_query (link), NULL);
  return g_uri_to_string (joined);
}
