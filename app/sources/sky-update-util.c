/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sky-download.h"
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

static gboolean
is_secret_parameter (const char *name,
                     gsize       length)
{
  static const char * const secrets[] = {
    "key", "api_key", "apikey", "api-key", "token", "access_token", "auth", "password",
    "secret", "signature", "sig", "x-amz-signature", "x-amz-credential",
    "x-amz-security-token", "code",
  };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strlen (secrets[i]) == length && g_ascii_strncasecmp (name, secrets[i], length) == 0)
      return TRUE;
  return FALSE;
}

char *
sky_download_redact_url (const char *url)
{
  const char *query;
  const char *end;
  GString *redacted;

  g_return_val_if_fail (url != NULL, NULL);

  query = strchr (url, '?');
  if (query == NULL)
    return g_strdup (url);
  end = strchr (query, '#');
  if (end == NULL)
    end = query + strlen (query);

  redacted = g_string_new_len (url, query - url + 1);
  for (const char *p = query + 1; p < end;)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *stop = amp != NULL ? amp : end;
      const char *equals = memchr (p, '=', stop - p);

      if (equals != NULL && is_secret_parameter (p, equals - p))
        {
          g_string_append_len (redacted, p, equals - p + 1);
          g_string_append (redacted, "…");
        }
      else
        g_string_append_len (redacted, p, stop - p);
      if (amp != NULL)
        g_string_append_c (redacted, '&');
      p = amp != NULL ? amp + 1 : end;
    }
  g_string_append (redacted, end);
  return g_string_free (redacted, FALSE);
}
