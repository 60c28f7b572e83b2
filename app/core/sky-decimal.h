/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unit prices keep this many fractional digits at most, in the sheets and in the catalog. */
#define SKY_PRICE_SCALE 10
#define SKY_DECIMAL_MAX_SCALE 30

/* An exact decimal number: coef × 10^-scale. Money is carried in this type from the price
 * sheet to the total; only the final figure is rounded. */
typedef struct
{
  __int128 coef;
  guint    scale;
} SkyDecimal;

typedef enum
{
  SKY_ROUND_HALF_UP,   /* half away from zero */
  SKY_ROUND_HALF_EVEN,
} SkyRounding;

#define SKY_DECIMAL_ERROR (sky_decimal_error_quark ())

typedef enum
{
  SKY_DECIMAL_ERROR_INVALID,
  SKY_DECIMAL_ERROR_NEGATIVE,
  SKY_DECIMAL_ERROR_TOO_PRECISE,
  SKY_DECIMAL_ERROR_OVERFLOW,
} SkyDecimalError;

GQuark      sky_decimal_error_quark     (void);

SkyDecimal  sky_decimal_from_int        (gint64            value);
SkyDecimal  sky_decimal_from_scaled     (gint64            coef,
                                         guint             scale);
gboolean    sky_decimal_parse           (const char       *text,
                                         guint             max_scale,
                                         gboolean          allow_negative,
                                         SkyDecimal       *out,
                                         GError          **error);
char       *sky_decimal_to_string       (SkyDecimal        value);
SkyDecimal  sky_decimal_from_price      (gint64            amount);
char       *sky_decimal_format          (SkyDecimal        value,
                                         guint             min_scale);
gboolean    sky_decimal_add             (SkyDecimal        a,
                                         SkyDecimal        b,
                                         SkyDecimal       *out);
gboolean    sky_decimal_sub             (SkyDecimal        a,
                                         SkyDecimal        b,
                                         SkyDecimal       *out);
gboolean    sky_decimal_mul             (SkyDecimal        a,
                                         SkyDecimal        b,
                                         SkyDecimal       *out);
/* The same arithmetic for a chain of steps that fails as a whole: the result, or 0 with
 * *@overflow set to TRUE when it does not fit; an *@overflow already TRUE stays so. */
SkyDecimal  sky_decimal_add_or_flag     (SkyDecimal        a,
                                         SkyDecimal        b,
                                         gboolean         *overflow);
SkyDecimal  sky_decimal_sub_or_flag     (SkyDecimal        a,
                                         SkyDecimal        b,
                                         gboolean         *overflow);
SkyDecimal  sky_decimal_mul_or_flag     (SkyDecimal        a,
                                         SkyDecimal        b,
                                         gboolean         *overflow);
gboolean    sky_decimal_div             (SkyDecimal        a,
                                         SkyDecimal        b,
                                         guint             scale,
                                         SkyRounding       rounding,
                                         SkyDecimal       *out);
SkyDecimal  sky_decimal_round           (SkyDecimal        value,
                                         guint             scale,
                                         SkyRounding       rounding);
gboolean    sky_decimal_rescale         (SkyDecimal        value,
                                         guint             scale,
                                         SkyDecimal       *out);
gboolean    sky_decimal_to_scaled_int64 (SkyDecimal        value,
                                         guint             scale,
                                         gint64           *out);
gboolean    sky_decimal_parse_plain_scaled (const char    *text,
                                            guint          scale,
                                            gint64        *out);
int         sky_decimal_compare         (SkyDecimal        a,
                                         SkyDecimal        b);
gboolean    sky_decimal_is_zero         (SkyDecimal        value);
SkyDecimal  sky_decimal_normalize       (SkyDecimal        value);
char       *sky_decimal_format_grouped  (SkyDecimal        value,
                                         guint             min_scale,
                                         const char       *separator);
double      sky_decimal_to_double       (SkyDecimal        value);

G_END_DECLS
