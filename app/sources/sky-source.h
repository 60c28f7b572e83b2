/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-convert-summary.h"
#include "sky-update.h"

G_BEGIN_DECLS

/* Converters: the price lists the providers publish, in their own formats, written as price
 * sheets. This library sits beside the core and may use it; the core never uses it. */

#define SKY_SOURCE_ERROR (sky_source_error_quark ())

typedef enum
{
  SKY_SOURCE_ERROR_UNKNOWN_FORMAT,
  SKY_SOURCE_ERROR_UNAVAILABLE,    /* a format this build does not have */
  SKY_SOURCE_ERROR_INVALID_OPTION,
  SKY_SOURCE_ERROR_MALFORMED,      /* the file as a whole cannot be read in its format */
  SKY_SOURCE_ERROR_BAD_ROW,        /* one row is wrong: the conversion is refused */
  SKY_SOURCE_ERROR_NOTHING,        /* no offer came out of the files */
  SKY_SOURCE_ERROR_WRITE,
} SkySourceError;

typedef struct
{
  const char *id;            /* digitalocean-json, gcp-pricing-yml, ... */
  const char *title;         /* untranslated: pass it through gettext to show it */
  gboolean    available;     /* FALSE when this build was made without its library */
  const char *missing;       /* that library's name, when it is not available */
} SkySourceFormat;

/* What the files may not say about the sheet; NULL for the format's default (see
 * docs/converters.md). */
typedef struct
{
  gboolean    skip_bad_rows;   /* count and list bad rows instead of refusing */
  gboolean    round_prices;    /* round prices of more than 10 decimals half-up, and note them */
  const char *version;
  const char *effective_date;  /* YYYY-MM-DD */
  const char *retrieved;       /* YYYY-MM-DD */
  const char *source_url;
  const char *short_name;      /* the provider's short name */
} SkyConvertOptions;

GQuark                 sky_source_error_quark  (void);
guint                  sky_source_n_formats    (void);
const SkySourceFormat *sky_source_nth_format   (guint                     index);
const SkySourceFormat *sky_source_find_format  (const char               *id);
gboolean               sky_source_convert      (const char               *format,
                                                const char * const       *files,
                                                const SkyConvertOptions  *options,
                                                const char               *sheet_path,
                                                SkyConvertSummary        *summary,
                                                GCancellable             *cancellable,
                                                GError                  **error);
void                   sky_source_convert_async  (const char               *format,
                                                  const char * const       *files,
                                                  const SkyConvertOptions  *options,
                                                  const char               *sheet_path,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean               sky_source_convert_finish (GAsyncResult             *result,
                                                  SkyConvertSummary       **summary,
                                                  GError                  **error);

/* What skytally-cli takes from the library when it loads it as a module. */
typedef struct
{
  guint                  (*n_formats)      (void);
  const SkySourceFormat *(*nth_format)     (guint                     index);
  gboolean               (*convert)        (const char               *format,
                                            const char * const       *files,
                                            const SkyConvertOptions  *options,
                                            const char               *sheet_path,
                                            SkyConvertSummary        *summary,
                                            GCancellable             *cancellable,
                                            GError                  **error);
  SkyConvertSummary     *(*summary_new)    (void);
  void                   (*summary_free)   (SkyConvertSummary        *summary);
  char                  *(*summary_format) (const SkyConvertSummary  *summary,
                                            guint                     max_places);
  guint64                (*summary_skipped) (const SkyConvertSummary *summary);
  /* skytally-cli update */
  guint                    (*update_n_providers)  (void);
  const SkyUpdateProvider *(*update_nth_provider) (guint                    index);
  void                     (*update_fetch_async)  (const SkyUpdateRequest  *request,
                                                   SkyUpdateProgressFunc    progress,
                                                   gpointer                 progress_data,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
  SkyUpdateResult         *(*update_fetch_finish) (GAsyncResult            *result,
                                                   GError                 **error);
  void                     (*update_result_free)  (SkyUpdateResult         *result);
  void                     (*update_forget)       (const SkyUpdateResult   *result);
} SkySourceApi;

const SkySourceApi    *sky_source_api          (void);

G_END_DECLS
