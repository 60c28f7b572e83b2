/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"

/* How the catalog stores what it does not store as plain columns: the vocabulary's entries as
 * their codes, and an offer's prices as text. */

/* Binds the code of @vocabulary's @name (-1 when it has none) to the parameter @parameter. */
void
_sky_catalog_bind_code (sqlite3_stmt  *stmt,
                        const char    *parameter,
                        SkyVocabulary  vocabulary,
                        const char    *name)
{
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, parameter),
                    sky_vocabulary_code (vocabulary, name));
}

/* An offer's prices, as its row keeps them: a line per price in the sheet's order, with six
 * fields separated by spaces,
 *
 *   TERM UNIT AMOUNT FEE FREE TIERS
 *
 * TERM and UNIT are the vocabulary's codes of the purchase option and unit; AMOUNT and FEE
 * count units of 10^-SKY_PRICE_SCALE; FREE is the free quantity as exact decimal text; TIERS is
 * FROM:TO:AMOUNT per tier, separated by commas, TO empty on the last one. "-" stands for a fee,
 * a free quantity or tiers the price does not have.
 *
 * Fields a price may have beside those follow them, each as NAME=VALUE, only when the price has
 * it, so that a price without them is written as before:
 *
 *   c=CAP             the monthly cap, in units of 10^-SKY_PRICE_SCALE
 *   u=ID              the id of the sheet's usage discount (the usage_discount table holds its
 *                     bands)
 *   date=YYYY-MM-DD   the price's own effective date, when its source gives one */

/* Writes @value in decimal so that it ends just before @end; returns where it starts. @end has
 * room for 20 characters before it. */
static char *
format_int (char   *end,
            gint64  value)
{
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;
  char *p = end;

  /* Two digits at a time. */
  while (v >= 100)
    {
      guint d = v % 100;

      v /= 100;
      *--p = pairs[2 * d + 1];
      *--p = pairs[2 * d];
    }
  if (v >= 10)
    {
      *--p = pairs[2 * v + 1];
      *--p = pairs[2 * v];
    }
  else
    *--p = '0' + v;
  if (value < 0)
    *--p = '-';
  return p;
}

static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  char *start = format_int (digits + sizeof digits, value);

  g_string_append_len (out, start, digits + sizeof digits - start);
}

/* Begins a price's line, after a newline unless it is the offer's @first;
 * _sky_catalog_append_tier() or _sky_catalog_append_no_tiers() ends it. */
void
_sky_catalog_append_price (GString    *out,
                           gboolean    first,
                           int         term,
                           int         unit,
                           gint64      amount,
                           gboolean    has_fee,
                           gint64      fee,
                           const char *free_quantity)
{
  /* Written backwards from the end of @line, then appended at once. */
  char line[4 * 24];
  char *p = line + sizeof line;

  *--p = ' ';
  if (has_fee)
    p = format_int (p, fee);
  else
    *--p = '-';
  *--p = ' ';
  p = format_int (p, amount);
  *--p = ' ';
  p = format_int (p, unit);
  *--p = ' ';
  p = format_int (p, term);
  if (!first)
    *--p = '\n';
  g_string_append_len (out, p, line + sizeof line - p);
  g_string_append (out, free_quantity != NULL ? free_quantity : "-");
  g_string_append_c (out, ' ');
}

void
_sky_catalog_append_tier (GString    *out,
                          gboolean    first,
                          const char *from,
                          const char *to,
                          gint64      amount)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append (out, from);
  g_string_append_c (out, ':');
  if (to != NULL)
    g_string_append (out, to);
  g_string_append_c (out, ':');
  append_int (out, amount);
}

void
_sky_catalog_append_no_tiers (GString *out)
{
  g_string_append_c (out, '-');
}

/* Ends a price's line, after its tiers, with its own effective date @date (YYYY-MM-DD); nothing
 * when it is NULL or "". */
void
_sky_catalog_append_price_date (GString    *out,
                                const char *date)
{
  if (date == NULL || *date == '\0')
    return;
  g_string_append (out, " date=");
  g_string_append (out, date);
}

/* Whether @text is a date as YYYY-MM-DD. */
static gboolean
is_date (const char *text)
{
  unsigned y, m, d;
  char end;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
parse_count (const char *text,
             gint64      max,
             gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, 0, max, out, NULL);
}

void
_sky_catalog_append_price_rules (GString    *out,
                                 gboolean    has_monthly_cap,
                                 gint64      monthly_cap,
                                 const char *usage_discount)
{
  if (has_monthly_cap)
    {
      g_string_append (out, " c=");
      append_int (out, monthly_cap);
    }
  if (usage_discount != NULL)
    {
      g_string_append (out, " u=");
      g_string_append (out, usage_discount);
    }
}

/* The id of @vocabulary's entry stored as @code; NULL when there is none. */
const char *
_sky_catalog_name_for_code (SkyVocabulary vocabulary,
                            gint64        code)
{
  const SkyWord *word = sky_vocabulary_lookup_code (vocabulary, code);

  return word != NULL ? word->id : NULL;
}

/* The id of a code written as text, or NULL. */
static char *
name_of_code (SkyVocabulary  vocabulary,
              const char    *text)
{
  gint64 code;

  return parse_count (text, G_MAXINT64, &code) ?
         g_strdup (_sky_catalog_name_for_code (vocabulary, code)) : NULL;
}

gboolean
_sky_catalog_unreadable_prices (GError **error,
                                gint64   offer_id)
{
  g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_CORRUPT,
               _("The prices of offer %lld cannot be read from the catalog"),
               (long long) offer_id);
  return FALSE;
}

/* The prices _sky_catalog_append_price() wrote; NULL when @text is not in that form. */
GPtrArray *
_sky_catalog_decode_prices (const char *text)
{
  g_autoptr(GPtrArray) prices = NULL;
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  prices = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_price_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
      guint n_fields = g_strv_length (f);
      SkyOfferPrice *price;

      if (n_fields < 6)
        return NULL;
      price = g_new0 (SkyOfferPrice, 1);
      price->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_offer_tier_free);
      g_ptr_array_add (prices, price);
      price->term = name_of_code (SKY_VOCABULARY_PURCHASE_OPTION, f[0]);
      price->unit = name_of_code (SKY_VOCABULARY_UNIT, f[1]);
      price->has_upfront_fee = strcmp (f[3], "-") != 0;
      if (price->term == NULL || price->unit == NULL ||
          !parse_count (f[2], G_MAXINT64, &price->amount) ||
          (price->has_upfront_fee && !parse_count (f[3], G_MAXINT64, &price->upfront_fee)))
        return NULL;
      if (strcmp (f[4], "-") != 0)
        price->free_quantity = g_strdup (f[4]);
      if (strcmp (f[5], "-") != 0)
        {
          g_auto(GStrv) tiers = g_strsplit (f[5], ",", -1);

          for (guint t = 0; tiers[t] != NULL; t++)
            {
              g_auto(GStrv) parts = g_strsplit (tiers[t], ":", -1);
              SkyOfferTier *tier;

              if (g_strv_length (parts) != 3 || *parts[0] == '\0')
                return NULL;
              tier = g_new0 (SkyOfferTier, 1);
              g_ptr_array_add (price->tiers, tier);
              tier->from = g_strdup (parts[0]);
              tier->to = *parts[1] != '\0' ? g_strdup (parts[1]) : NULL;
              if (!parse_count (parts[2], G_MAXINT64, &tier->amount))
                return NULL;
            }
        }
      for (guint k = 6; k < n_fields; k++)
        {
          if (g_str_has_prefix (f[k], "c=") && !price->has_monthly_cap &&
              parse_count (f[k] + 2, G_MAXINT64, &price->monthly_cap))
            price->has_monthly_cap = TRUE;
          else if (g_str_has_prefix (f[k], "u=") && price->usage_discount == NULL &&
                   f[k][2] != '\0')
            price->usage_discount = g_strdup (f[k] + 2);
          else if (g_str_has_prefix (f[k], "date=") && price->effective_date == NULL &&
                   is_date (f[k] + 5))
            price->effective_date = g_strdup (f[k] + 5);
          else
            return NULL;
        }
    }
  return g_steal_pointer (&prices);
}

gboolean
_sky_catalog_load_usage_bands (sqlite3    *db,
                               gint64      offer_id,
                               GPtrArray  *prices,
                               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; i < prices->len; i++)
    {
      SkyOfferPrice *price = g_ptr_array_index (prices, i);
      int rc;

      if (price->usage_discount == NULL)
        continue;
      if (stmt == NULL &&
          sqlite3_prepare_v2 (db, "SELECT bands FROM usage_discount "
                                  "WHERE sheet_id = (SELECT sheet_id FROM offer_row WHERE id = ?1) "
                                  "  AND code = ?2", -1, &stmt, NULL) != SQLITE_OK)
        return _sky_catalog_db_error (db, error, _("Cannot read the offer's usage discount"));
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, offer_id);
      sqlite3_bind_text (stmt, 2, price->usage_discount, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        price->usage_bands = sky_sheet_bands_parse ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        return _sky_catalog_db_error (db, error, _("Cannot read the offer's usage discount"));
      if (price->usage_bands == NULL)
        return _sky_catalog_unreadable_prices (error, offer_id);
    }
  return TRUE;
}

/* The bands sky_sheet_bands_to_string() wrote; NULL when @text is not in that form. Here rather
 * than in sky-sheet-reader.c: reading a catalog's prices needs it, and not libxml2. */
GArray *
sky_sheet_bands_parse (const char *text)
{
  g_autoptr(GArray) bands = g_array_new (FALSE, TRUE, sizeof (SkySheetBand));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (parts[i], ":", -1);
      SkySheetBand band;

      if (g_strv_length (f) != 3 ||
          !sky_decimal_parse (f[0], 4, FALSE, &band.from, NULL) ||
          !sky_decimal_parse (f[1], 4, FALSE, &band.to, NULL) ||
          !sky_decimal_parse (f[2], 4, FALSE, &band.percent, NULL))
        return NULL;
      g_array_append_val (bands, band);
    }
  return g_steal_pointer (&bands);
}
