/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-gcp-families"

#include "config.h"

#include <string.h>

#include "sky-source-gcp-families.h"
#include "sky-source-private.h"

/* Sustained-use discounts: the tables Google publishes and pricing.yml applies to a month of
 * 730 hours, as shares of the month (percent) and the percent off in each, and the machine
 * families each applies to. A family is named as pricing.yml's machine types start (n2, for
 * n2-standard-4) or as the Billing Catalog's core and RAM SKUs name it ("N2D AMD", "Compute
 * optimized" for C2, "Memory-optimized" for M1 and M2, "Custom" for custom N1 types). */
typedef struct
{
  const char        *id;
  const char        *bands[4][3];     /* from, to, percent */
  const char * const families[9];     /* up to a NULL */
} DiscountTable;

static const DiscountTable discount_tables[] = {
  /* N1 (and M1, M2, custom N1, f1-micro, g1-small): 0, 20, 40 and 60 % per quarter. */
  { "n1", { { "0", "25", "0" }, { "25", "50", "20" }, { "50", "75", "40" },
            { "75", "100", "60" } },
    { "n1", "m1", "m2", "f1", "g1", "custom", "memory-optimized", NULL } },
  /* N2, N2D and C2: the base rate's 100, 86.78, 73.3 and 60 % per quarter. */
  { "n2", { { "0", "25", "0" }, { "25", "50", "13.22" }, { "50", "75", "26.7" },
            { "75", "100", "40" } },
    { "n2", "n2d", "c2", "compute optimized", NULL } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (discount_tables) == SKY_GCP_N_DISCOUNTS);

#define HOURS_A_MONTH 730

const char *
_sky_gcp_discount_id (guint table)
{
  g_return_val_if_fail (table < G_N_ELEMENTS (discount_tables), NULL);
  return discount_tables[table].id;
}

static void
band (guint         table,
      guint         b,
      SkySheetBand *out)
{
  _sky_convert_parse_amount (discount_tables[table].bands[b][0], &out->from);
  _sky_convert_parse_amount (discount_tables[table].bands[b][1], &out->to);
  _sky_convert_parse_amount (discount_tables[table].bands[b][2], &out->percent);
}

/* The hours billed at full price for an always-on month of 730 hours under @table: the sum of
 * each band's hours times the share of the price paid in it, exactly (511 for n1, 584.146 for
 * n2). */
SkyDecimal
_sky_gcp_discount_full_hours (guint table)
{
  SkyDecimal sum = sky_decimal_from_int (0);
  gboolean overflow = FALSE;

  g_return_val_if_fail (table < G_N_ELEMENTS (discount_tables), sum);
  for (guint b = 0; b < G_N_ELEMENTS (discount_tables[table].bands); b++)
    {
      SkySheetBand each;

      band (table, b, &each);
      /* (to - from) % of 730 hours, at (100 - percent) % of the price */
      sum = sky_decimal_add_or_flag (
        sum,
        sky_decimal_mul_or_flag (
          sky_decimal_mul_or_flag (sky_decimal_sub_or_flag (each.to, each.from, &overflow),
                                   sky_decimal_from_int (HOURS_A_MONTH), &overflow),
          sky_decimal_sub_or_flag (sky_decimal_from_int (100), each.percent, &overflow),
          &overflow),
        &overflow);
    }
  g_assert (!overflow);
  /* Both shares were in percent: divide by 100 × 100, exactly. */
  sum.scale += 4;
  return sky_decimal_normalize (sum);
}

/* Whether @name is @family or starts with it and then a space or a dash, ignoring case:
 * "N2D AMD" and "n2d-standard-2" are of n2d, not of n2. */
static gboolean
of_family (const char *name,
           const char *family)
{
  gsize length = strlen (family);

  return g_ascii_strncasecmp (name, family, length) == 0 &&
         (name[length] == '\0' || name[length] == ' ' || name[length] == '-');
}

/* The index of the discount table of the family @family names, or -1 when Google gives it no
 * sustained-use discount (E2, N4, C3, T2D, ...). */
int
_sky_gcp_family_discount (const char *family)
{
  g_return_val_if_fail (family != NULL, -1);
  for (guint t = 0; t < G_N_ELEMENTS (discount_tables); t++)
    for (guint f = 0; discount_tables[t].families[f] != NULL; f++)
      if (of_family (family, discount_tables[t].families[f]))
        return (int) t;
  return -1;
}

/* Arm for Google's Ampere Altra and Axion series (T2A, C4A, N4A), x86-64 for every other, as
 * Google's machine families list them; @family as in _sky_gcp_family_discount(). */
const char *
_sky_gcp_family_architecture (const char *family)
{
  static const char * const arm[] = { "t2a", "c4a", "n4a" };

  g_return_val_if_fail (family != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (arm); i++)
    if (of_family (family, arm[i]))
      return "arm64";
  return "x86-64";
}

/* Declares @table in the sheet, as <usage-discount id> and its bands. */
gboolean
_sky_gcp_write_discount (SkySheetWriter  *writer,
                         guint            table,
                         GError         **error)
{
  SkySheetBand bands[G_N_ELEMENTS (discount_tables[0].bands)];

  g_return_val_if_fail (table < G_N_ELEMENTS (discount_tables), FALSE);
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    band (table, b, &bands[b]);
  return sky_sheet_writer_usage_discount (writer, discount_tables[table].id, bands,
                                          G_N_ELEMENTS (bands), error);
}
