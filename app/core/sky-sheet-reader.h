/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sky-decimal.h"
#include "sky-vocabulary.h"

G_BEGIN_DECLS

#define SKY_SHEET_FORMAT_VERSION 1
#define SKY_SHEET_NAMESPACE "urn:skytally:price-sheet:1"

#define SKY_SHEET_ERROR (sky_sheet_error_quark ())

typedef enum
{
  SKY_SHEET_ERROR_IO,
  SKY_SHEET_ERROR_MALFORMED,
  SKY_SHEET_ERROR_FORBIDDEN,
  SKY_SHEET_ERROR_WRONG_ROOT,
  SKY_SHEET_ERROR_UNSUPPORTED_FORMAT,
  SKY_SHEET_ERROR_UNKNOWN_ELEMENT,
  SKY_SHEET_ERROR_UNEXPECTED_ELEMENT,
  SKY_SHEET_ERROR_UNKNOWN_ATTRIBUTE,
  SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
  SKY_SHEET_ERROR_INVALID_VALUE,
  SKY_SHEET_ERROR_DUPLICATE,
  SKY_SHEET_ERROR_UNDECLARED,
  SKY_SHEET_ERROR_TIERS,
  SKY_SHEET_ERROR_TOO_LARGE,
  SKY_SHEET_ERROR_BANDS,
} SkySheetError;

typedef struct
{
  const char *provider_id;
  const char *provider_name;
  const char *provider_short_name;  /* the name when the sheet gives none */
  const char *version;
  const char *effective_date;
  const char *currency;
  const char *source;
  const char *source_url;
  const char *retrieved;
} SkySheetHeader;

typedef struct
{
  const char *code;
  const char *name;
  const char *geography;     /* a geography's id, the vocabulary's own string */
} SkySheetRegion;

typedef struct
{
  const char *id;
  const char *name;
  const char *category;      /* a category's id, the vocabulary's own string */
  const char *sla;
} SkySheetService;

typedef struct
{
  char   *from;          /* canonical decimal text */
  char   *to;            /* NULL on the last, open-ended tier */
  gint64  amount;        /* 10^-SKY_PRICE_SCALE units of the sheet's currency */
} SkySheetTier;

typedef struct
{
  const char *unit;
  const char *term;          /* a purchase option's id, the vocabulary's own */
  gint64      amount;        /* flat price, or the first tier's */
  gboolean    has_upfront_fee;
  gint64      upfront_fee;
  char       *free_quantity; /* NULL when there is no free tier */
  GArray     *tiers;         /* SkySheetTier; empty for a flat price */
  gboolean    has_monthly_cap;
  gint64      monthly_cap;   /* what one unit of quantity costs a month at most */
  const char *usage_discount; /* the id of a <usage-discount> of the sheet, or NULL */
  char        effective_date[11]; /* YYYY-MM-DD, the price's own; "" when it has none */
} SkySheetPrice;

/* One band of a usage discount: from and to are shares of the month in percent. */
typedef struct
{
  SkyDecimal from;
  SkyDecimal to;
  SkyDecimal percent;        /* off the price, for the hours in the band */
} SkySheetBand;

typedef struct
{
  const char *id;
  GArray     *bands;         /* SkySheetBand, from 0 to 100 without gaps */
} SkySheetUsageDiscount;

/* The text fields point into @strings, which the offer owns. */
typedef struct
{
  const char *sku;
  const char *name;
  const char *region;        /* the code of a region the sheet declared */
  const char *geography;     /* that region's, the vocabulary's string */
  const char *category;      /* the service's, the vocabulary's string */
  const char *family;
  const char *storage_type;
  const char *os;
  const char *sla;           /* the offer's, or else its service's; may be NULL */
  const char *software;      /* pre-installed software; NULL for none */
  const char *architecture;  /* the vocabulary's string; NULL when the sheet does not say */
  const char *tenancy;       /* the vocabulary's strings: the first entry of each when the */
  const char *licence;       /* sheet does not say */
  const char *capacity;
  char       *strings;
  gsize       strings_len;   /* the bytes of @strings the fields take, their NULs included */
  gint64      vcpu_milli;    /* -1 when not given */
  gint64      memory_mgib;   /* thousandths of a GiB; -1 when not given */
  gint64      gpu;           /* -1 when not given */
  GPtrArray  *features;      /* key, value, key, value, ... */
  GPtrArray  *prices;        /* SkySheetPrice */
  long        line;          /* where the offer's start tag ends, and how many start tags */
  int         nth;           /* ended on that line before it: see sky_sheet_locate() */
} SkySheetOffer;

typedef struct
{
  gboolean (*header)  (const SkySheetHeader  *header,
                       gpointer               user_data,
                       GError               **error);
  gboolean (*region)  (const SkySheetRegion  *region,
                       gpointer               user_data,
                       GError               **error);
  gboolean (*service) (const SkySheetService *service,
                       gpointer               user_data,
                       GError               **error);
  /* The offer, with its prices and text, is the reader's and is used again for the next one:
   * it is valid during the call only. */
  gboolean (*offer)   (const SkySheetOffer   *offer,
                       gpointer               user_data,
                       GError               **error);
  /* Each table whole, once its last band is read; before the services. */
  gboolean (*usage_discount) (const SkySheetUsageDiscount *discount,
                              gpointer                     user_data,
                              GError                     **error);
} SkySheetSink;

typedef void (*SkyProgressFunc) (guint64  done,
                                 guint64  total,
                                 gpointer user_data);

GQuark      sky_sheet_error_quark    (void);
void        sky_sheet_reader_init    (void);
gboolean    sky_sheet_read_file      (const char          *path,
                                      const SkySheetSink  *sink,
                                      gpointer             user_data,
                                      char               **sha256_out,
                                      GCancellable        *cancellable,
                                      SkyProgressFunc      progress,
                                      gpointer             progress_data,
                                      GError             **error);
int         sky_sheet_open           (const char          *path,
                                      GError             **error);
gboolean    sky_sheet_read_fd        (int                  fd,
                                      const char          *path,
                                      const SkySheetSink  *sink,
                                      gpointer             user_data,
                                      char               **sha256_out,
                                      GCancellable        *cancellable,
                                      SkyProgressFunc      progress,
                                      gpointer             progress_data,
                                      GError             **error);
char       *sky_sheet_bands_to_string (const GArray       *bands);
GArray     *sky_sheet_bands_parse    (const char          *text);
char       *sky_sheet_locate         (const char          *path,
                                      long                 line,
                                      int                  nth,
                                      const char          *attr);


G_END_DECLS
