/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-update.h"

G_BEGIN_DECLS

/* The fetcher every update plan uses: HTTP GET with libsoup's synchronous API, in the thread
 * that runs the update (the session is made there, on first use). Each body is kept in a cache
 * folder, per URL, beside a small key file with its URL, ETag, Last-Modified and the time it
 * was fetched; a body is written to a temporary file beside its entry and renamed into place
 * only once whole, so the cache never holds part of one. Unless forced, a URL the cache has is
 * asked for with If-None-Match / If-Modified-Since, and an answer 304 gives the cached body. */

typedef struct _SkyDownloader SkyDownloader;

typedef struct
{
  guint   requests;       /* HTTP requests made, retries included */
  guint   not_modified;   /* answers 304 */
  guint   downloaded;     /* bodies received whole (answers 2xx) */
  guint   retries;
  guint64 bytes;          /* bytes of bodies received */
} SkyDownloadCounts;

/* cache_dir NULL: $XDG_CACHE_HOME/skytally/price-lists; max_tries and retry_delay_ms 0: the
 * defaults (5 tries; 1000 ms, doubled at each try, unless the answer says Retry-After). */
SkyDownloader           *sky_downloader_new          (const char             *cache_dir,
                                                      gboolean                force,
                                                      guint                   max_tries,
                                                      guint                   retry_delay_ms);
void                     sky_downloader_free         (SkyDownloader          *downloader);
void                     sky_downloader_set_progress (SkyDownloader          *downloader,
                                                      SkyUpdateProgressFunc   progress,
                                                      gpointer                user_data);
const SkyDownloadCounts *sky_downloader_get_counts   (SkyDownloader          *downloader);
const char              *sky_downloader_get_cache_dir (SkyDownloader         *downloader);
/* (element-type utf8) the cache's key files of the lists fetched so far, in order. */
GPtrArray               *sky_downloader_get_fetched  (SkyDownloader          *downloader);

/* A SkyUpdateFetchFunc: downloader is a SkyDownloader. Returns the path of the cached body. */
char                    *sky_downloader_fetch        (gpointer                downloader,
                                                      const char             *url,
                                                      const char * const     *headers,
                                                      GCancellable           *cancellable,
                                                      GError                **error);

/* URL with the values of query parameters that may carry a credential (key, token,
 * access_token, api_key, ...) replaced by "…", for messages and the cache's key files. */
char                    *sky_download_redact_url     (const char             *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyDownloader, sky_downloader_free)

G_END_DECLS
