/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the price-sheet reader on arbitrary bytes.
 * build-aux/fuzz.sh builds it and runs it from a copy of tests/fuzz/corpus/sheet-reader/.
 * libFuzzer adds what it finds to the first folder it is given: never the committed corpus. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sky-sheet-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Reads every field the reader hands over, so that a sanitizer sees any that is stale. */
static gboolean
accept_offer (const SkySheetOffer  *offer,
              gpointer             user_data,
              GError             **error)
{
  gsize length = strlen (offer->sku) + strlen (offer->name) + strlen (offer->region);

  for (guint i = 0; i < offer->features->len; i++)
    length += strlen (g_ptr_array_index (offer->features, i));
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);

      length += strlen (price->term) + strlen (price->unit);
      if (price->free_quantity != NULL)
        length += strlen (price->free_quantity);
      for (guint t = 0; t < price->tiers->len; t++)
        length += strlen (g_array_index (price->tiers, SkySheetTier, t).from);
    }
  return length > 0;
}

static char *path;

static void
remove_file (void)
{
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static int fd = -1;
  SkySheetSink sink = { .offer = accept_offer };
  g_autoptr(GError) error = NULL;

  if (fd < 0)
    {
      fd = g_file_open_tmp ("fuzz-sheet-XXXXXX.xml", &path, NULL);
      g_assert (fd >= 0);
      atexit (remove_file);
      sky_sheet_reader_init ();
    }
  /* The same file is written over in place for each input: replacing it (a new file, renamed
   * over the old) took most of the time of a run. */
  g_assert (ftruncate (fd, 0) == 0);
  g_assert (pwrite (fd, data, size, 0) == (ssize_t) size);
  sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error);
  return 0;
}
