/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-decimal.h"
#include "sky-sheet-writer.h"
#include "sky-source.h"
#include "sky-source-regions.h"

G_BEGIN_DECLS

/* What every converter is given, and the rules they share. */
typedef struct
{
  const SkyConvertOptions *options;
  SkyConvertSummary       *summary;
  SkySheetWriter          *writer;
  GCancellable            *cancellable;
} SkyConvertContext;

typedef gboolean (*SkyConvertFunc) (SkyConvertContext   *context,
                                    const char * const  *files,
                                    GError             **error);

gboolean _sky_convert_digitalocean_json (SkyConvertContext   *context,
                                         const char * const  *files,
                                         GError             **error);
gboolean _sky_convert_gcp_skus_json     (SkyConvertContext   *context,
                                         const char * const  *files,
                                         GError             **error);
#ifdef HAVE_YAML
gboolean _sky_convert_gcp_pricing_yml   (SkyConvertContext   *context,
                                         const char * const  *files,
                                         GError             **error);
#endif
#ifdef HAVE_CSV
gboolean _sky_convert_aws_offer_csv     (SkyConvertContext   *context,
                                         const char * const  *files,
                                         GError             **error);
gboolean _sky_convert_aws_savings_plans_csv (SkyConvertContext   *context,
                                             const char * const  *files,
                                             GError             **error);
#endif

gboolean _sky_convert_bad_row       (SkyConvertContext  *context,
                                     const char         *where,
                                     GError            **error,
                                     const char         *format,
                                     ...) G_GNUC_PRINTF (4, 5);
gboolean _sky_convert_cancelled     (SkyConvertContext  *context,
                                     GError            **error);
gboolean _sky_convert_end_offer     (SkyConvertContext  *context,
                                     GError            **error);
gboolean _sky_convert_check_date    (const char         *text,
                                     const char         *option,
                                     GError            **error);
char    *_sky_convert_file_date     (const char         *path);
gboolean _sky_convert_decimal_from_double (double        value,
                                           SkyDecimal   *out);
gboolean _sky_convert_parse_amount  (const char         *text,
                                     SkyDecimal         *out);
char    *_sky_convert_decimal_text  (SkyDecimal          value);
gboolean _sky_convert_fit_price     (SkyConvertContext  *context,
                                     SkyDecimal         *value,
                                     gboolean           *rounded);
void     _sky_convert_note_rounded  (SkyConvertContext  *context,
                                     const char         *where,
                                     const char         *text,
                                     SkyDecimal          value);

G_END_DECLS
