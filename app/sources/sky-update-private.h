/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-update.h"

G_BEGIN_DECLS

/* How one provider's update finds its lists: a plan asks the fetcher for the URLs it needs (an
 * index, then the files it names; a page, then the next page it links to) and hands back the
 * downloaded files in batches, each converted into one price sheet. Plans never do HTTP
 * themselves, so they are tested with a fetch function that serves files from a folder. */

/* Fetches URL with the extra request headers (name, value, ..., NULL; NULL for none) into the
 * cache, with retries and conditional requests, and returns the path of the body's file (owned
 * by the caller). */
typedef char *(*SkyUpdateFetchFunc) (gpointer             fetcher,
                                     const char          *url,
                                     const char * const  *headers,
                                     GCancellable        *cancellable,
                                     GError             **error);

typedef struct
{
  char      *format;       /* the converter's format id */
  GPtrArray *files;        /* (element-type utf8) in the order they are to be converted */
  char      *source_url;   /* the sheet's source URL */
  char      *version;      /* NULL: the converter's default */
} SkyUpdateBatch;

typedef struct
{
  const SkyUpdateRequest *request;      /* endpoint filled in: never NULL here */
  const char             *credential;   /* the request's, or the environment's; may be NULL */
  SkyUpdateFetchFunc      fetch;
  gpointer                fetcher;
  GPtrArray              *batches;      /* (element-type SkyUpdateBatch) to append to */
  GCancellable           *cancellable;
} SkyUpdatePlanContext;

typedef gboolean (*SkyUpdatePlanFunc) (SkyUpdatePlanContext  *context,
                                       GError               **error);

SkyUpdateBatch *_sky_update_batch_new  (const char      *format,
                                        const char      *source_url);
void            _sky_update_batch_free (SkyUpdateBatch  *batch);

/* A URL on the endpoint: a path ("/offers/v1.0/aws/index.json") joined to it, or a link an
 * answer gave (an absolute URL: a next page, a region's file) with its path and query moved to
 * the endpoint, so that a mirror or the tests' server serves every request. NULL, with an
 * error, for a link that is not a URL. */
char           *_sky_update_url        (const char      *endpoint,
                                        const char      *path_or_link,
                                        GError         **error);

/* One per provider: each in its own file (sky-update-PROVIDER.c). */
gboolean _sky_update_plan_aws          (SkyUpdatePlanContext  *context,
                                        GError               **error);
gboolean _sky_update_plan_azure        (SkyUpdatePlanContext  *context,
                                        GError               **error);
gboolean _sky_update_plan_gcp          (SkyUpdatePlanContext  *context,
                                        GError               **error);
gboolean _sky_update_plan_digitalocean (SkyUpdatePlanContext  *context,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyUpdateBatch, _sky_update_batch_free)

G_END_DECLS
