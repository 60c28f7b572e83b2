/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the price-sheet reader on arbitrary bytes. Build with -Dfuzzing=true and
 * clang (see README), run with: build-fuzz/tests/fuzz/fuzz-sheet-reader tests/data */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "sky-sheet-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static gboolean
accept_offer (SkySheetOffer  *offer,
              gpointer        user_data,
              GError        **error)
{
  sky_sheet_offer_free (offer);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  SkySheetSink sink = { .offer = accept_offer };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      int fd = g_file_open_tmp ("fuzz-sheet-XXXXXX.xml", &path, NULL);
      g_assert (fd >= 0);
      close (fd);
      sky_sheet_reader_init ();
    }
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error);
  return 0;
}
