/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-convert-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sky-convert-summary.h"

/* Rows skipped are kept by reason, in the order the reasons first came up; each reason keeps
 * the places of its rows. Notes (a figure of a row written that the user must know about: a
 * price rounded, a monthly price that tells no known discount) are kept the same way, apart. */

typedef struct
{
  char      *reason;
  guint64    count;
  GPtrArray *places;
} Reason;

typedef struct
{
  GPtrArray  *reasons;     /* Reason */
  GHashTable *by_text;     /* reason text -> Reason, borrowed */
} Reasons;

struct _SkyConvertSummary
{
  guint64     offers;
  guint64     prices;
  GPtrArray  *reasons;     /* Reason: rows skipped */
  GHashTable *by_text;     /* reason text -> Reason, borrowed */
  Reasons     notes;
};

static void
reason_free (gpointer data)
{
  Reason *reason = data;

  g_free (reason->reason);
  g_ptr_array_unref (reason->places);
  g_free (reason);
}

SkyConvertSummary *
sky_convert_summary_new (void)
{
  SkyConvertSummary *self = g_new0 (SkyConvertSummary, 1);

  self->reasons = g_ptr_array_new_with_free_func (reason_free);
  self->by_text = g_hash_table_new (g_str_hash, g_str_equal);
  self->notes.reasons = g_ptr_array_new_with_free_func (reason_free);
  self->notes.by_text = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
sky_convert_summary_free (SkyConvertSummary *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_text);
  g_ptr_array_unref (self->reasons);
  g_hash_table_unref (self->notes.by_text);
  g_ptr_array_unref (self->notes.reasons);
  g_free (self);
}

void
sky_convert_summary_add_offer (SkyConvertSummary *self,
                               guint              n_prices)
{
  g_return_if_fail (self != NULL);

  self->offers++;
  self->prices += n_prices;
}

static void
add_place (GPtrArray  *reasons,
           GHashTable *by_text,
           const char *reason_text,
           const char *where)
{
  Reason *reason = g_hash_table_lookup (by_text, reason_text);

  if (reason == NULL)
    {
      reason = g_new0 (Reason, 1);
      reason->reason = g_strdup (reason_text);
      reason->places = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (reasons, reason);
      g_hash_table_insert (by_text, reason->reason, reason);
    }
  reason->count++;
  g_ptr_array_add (reason->places, g_strdup (where));
}

static guint64
count_places (GPtrArray  *reasons,
              GHashTable *by_text,
              const char *reason_text)
{
  guint64 total = 0;

  if (reason_text != NULL)
    {
      Reason *reason = g_hash_table_lookup (by_text, reason_text);

      return reason != NULL ? reason->count : 0;
    }
  for (guint i = 0; i < reasons->len; i++)
    total += ((Reason *) g_ptr_array_index (reasons, i))->count;
  return total;
}

void
sky_convert_summary_skip (SkyConvertSummary *self,
                          const char        *reason_text,
                          const char        *where)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reason_text != NULL && where != NULL);

  add_place (self->reasons, self->by_text, reason_text, where);
}

/* A row written all the same, with something about it the user must know, at @where. */
void
sky_convert_summary_note (SkyConvertSummary *self,
                          const char        *reason_text,
                          const char        *where)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reason_text != NULL && where != NULL);

  add_place (self->notes.reasons, self->notes.by_text, reason_text, where);
}

/* How many notes were made for @reason, or for any reason when it is NULL. */
guint64
sky_convert_summary_noted (const SkyConvertSummary *self,
                           const char              *reason_text)
{
  g_return_val_if_fail (self != NULL, 0);
  return count_places (self->notes.reasons, self->notes.by_text, reason_text);
}

guint64
sky_convert_summary_offers (const SkyConvertSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offers;
}

guint64
sky_convert_summary_prices (const SkyConvertSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->prices;
}

/* How many rows were skipped for @reason, or for any reason when it is NULL. */
guint64
sky_convert_summary_skipped (const SkyConvertSummary *self,
                             const char              *reason_text)
{
  g_return_val_if_fail (self != NULL, 0);
  return count_places (self->reasons, self->by_text, reason_text);
}

guint
sky_convert_summary_n_reasons (const SkyConvertSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->reasons->len;
}

/* Each reason with its count and the places of its rows, at most @max_places (0: all). */
static void
append_reasons (GString   *text,
                GPtrArray *reasons,
                guint      max_places)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      Reason *reason = g_ptr_array_index (reasons, i);
      guint shown = max_places == 0 ? reason->places->len
                                    : MIN (max_places, reason->places->len);

      g_string_append_printf (text, "  %" G_GUINT64_FORMAT " × %s\n", reason->count,
                              reason->reason);
      for (guint p = 0; p < shown; p++)
        g_string_append_printf (text, "    %s\n",
                                (const char *) g_ptr_array_index (reason->places, p));
      if (shown < reason->places->len)
        g_string_append_printf (text,
                                /* Translators: after the places listed, how many more. */
                                _("    … and %u more\n"), reason->places->len - shown);
    }
}

/* The summary as lines for a person: the counts, then each reason with its count and the
 * places of its rows, at most @max_places of them (0: all), then the notes likewise. */
char *
sky_convert_summary_format (const SkyConvertSummary *self,
                            guint                    max_places)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  {
    guint64 skipped = sky_convert_summary_skipped (self, NULL);
    g_autofree char *offers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%llu offer",
                                                            "%llu offers",
                                                            self->offers),
                                               (unsigned long long) self->offers);
    g_autofree char *prices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%llu price",
                                                            "%llu prices",
                                                            self->prices),
                                               (unsigned long long) self->prices);
    g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%llu row skipped",
                                                          "%llu rows skipped",
                                                          skipped),
                                             (unsigned long long) skipped);

    /* Translators: the first line of a conversion's summary: “3 offers and 3 prices
     * written, 2 rows skipped”. */
    g_string_append_printf (text, _("%s and %s written, %s\n"), offers, prices, rows);
  }
  append_reasons (text, self->reasons, max_places);
  if (self->notes.reasons->len > 0)
    {
      guint64 noted = sky_convert_summary_noted (self, NULL);

      g_string_append_printf (text,
                              /* Translators: the line before the notes of a conversion's
                               * summary: “3 notes on what was written”. */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%llu note on what was written\n",
                                           "%llu notes on what was written\n",
                                           noted), (unsigned long long) noted);
      append_reasons (text, self->notes.reasons, max_places);
    }
  return g_string_free (text, FALSE);
}
