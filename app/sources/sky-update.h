/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-convert-summary.h"

G_BEGIN_DECLS

/* Updating from the providers: their current price lists downloaded from their public
 * endpoints (libsoup), kept in a cache with their ETag and Last-Modified, and converted into
 * price sheets by this library's converters. Nothing here touches a catalog: the caller imports
 * the sheets written, so that an update that fails or is cancelled changes nothing. */

#define SKY_UPDATE_ERROR (sky_update_error_quark ())

typedef enum
{
  SKY_UPDATE_ERROR_UNKNOWN_PROVIDER,
  SKY_UPDATE_ERROR_UNKNOWN_SERVICE,  /* a service this provider's update does not read */
  SKY_UPDATE_ERROR_NO_REGION,        /* a provider whose lists are per region, given none */
  SKY_UPDATE_ERROR_NO_CREDENTIALS,   /* Google Cloud's API key, DigitalOcean's token */
  SKY_UPDATE_ERROR_UNAVAILABLE,      /* this build has no converter of the provider's format */
  SKY_UPDATE_ERROR_HTTP,             /* no success after the tries: URL and status named */
  SKY_UPDATE_ERROR_TLS,              /* a certificate that is not trusted, or another TLS error */
  SKY_UPDATE_ERROR_TRUNCATED,        /* a body shorter than its Content-Length */
  SKY_UPDATE_ERROR_MALFORMED,        /* an index or page that does not say what it should */
} SkyUpdateError;

typedef struct
{
  const char *id;                  /* aws, azure, gcp, digitalocean */
  const char *name;                /* untranslated: pass it through gettext to show it */
  const char *credential;          /* NULL, or untranslated "API key" / "token" */
  const char *credential_env;      /* the environment variable read when none is given */
  gboolean    regional;            /* TRUE: the lists are per region, and regions must be named */
  const char * const *services;    /* the vocabulary's service ids it can update */
} SkyUpdateProvider;

typedef struct
{
  const char         *provider;
  const char * const *services;        /* NULL or empty: every service of the provider */
  const char * const *regions;         /* region codes; NULL or empty: every region (refused
                                        * where the provider is regional) */
  const char         *credential;      /* API key or token; NULL: from credential_env */
  const char         *endpoint;        /* NULL: the provider's public endpoint; else the base
                                        * URL of a mirror (or of the tests' loopback server) */
  const char         *cache_dir;       /* NULL: $XDG_CACHE_HOME/skytally/price-lists */
  gboolean            force;           /* fetch every list even if the cache has it unchanged */
  guint               max_tries;       /* 0: the default, 5 */
  guint               retry_delay_ms;  /* first wait after a 429 or 5xx, doubled at each try
                                        * (a Retry-After answer wins); 0: the default, 1000 */
} SkyUpdateRequest;

/* Called in the thread that runs the update: what is being done ("Downloading URL",
 * "Converting"), and bytes or rows done of total (0 when unknown). */
typedef void (*SkyUpdateProgressFunc) (const char *what,
                                       guint64     done,
                                       guint64     total,
                                       gpointer    user_data);

typedef struct
{
  gboolean           unchanged;     /* every list answered "not modified": no sheet written */
  GPtrArray         *sheets;        /* (element-type utf8) the price sheets written, to be
                                     * imported in this order; in temp_dir */
  SkyConvertSummary *summary;       /* of every conversion together */
  guint              requests;      /* HTTP requests made, retries included */
  guint              not_modified;  /* answers 304 */
  guint              retries;
  guint64            bytes;         /* bytes of bodies received */
  char              *temp_dir;      /* removed, with the sheets, by sky_update_result_free */
  GPtrArray         *cache_entries; /* (element-type utf8) the cache's key files of the lists
                                     * fetched: see sky_update_forget */
} SkyUpdateResult;

GQuark                   sky_update_error_quark    (void);
/* FALSE when this build cannot download (made without libsoup): every update is refused. */
gboolean                 sky_update_available      (void);
guint                    sky_update_n_providers    (void);
const SkyUpdateProvider *sky_update_nth_provider   (guint                    index);
const SkyUpdateProvider *sky_update_find_provider  (const char              *id);
gboolean                 sky_update_fetch          (const SkyUpdateRequest  *request,
                                                    SkyUpdateProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    SkyUpdateResult        **result,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
/* The request is copied; progress is called in the worker thread. */
void                     sky_update_fetch_async    (const SkyUpdateRequest  *request,
                                                    SkyUpdateProgressFunc    progress,
                                                    gpointer                 progress_data,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
SkyUpdateResult         *sky_update_fetch_finish   (GAsyncResult            *result,
                                                    GError                 **error);
void                     sky_update_result_free    (SkyUpdateResult         *result);
/* After an import of the result's sheets failed: the cache forgets what the lists' servers
 * said of them, so that the next update fetches them whole and imports them, rather than
 * finding them unchanged. */
void                     sky_update_forget         (const SkyUpdateResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyUpdateResult, sky_update_result_free)

G_END_DECLS
