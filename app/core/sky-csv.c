/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-csv"

#include "config.h"

#include <string.h>

#include "sky-csv.h"

/* CSV as RFC 4180 writes it (CRLF between records, quotes doubled), made safe to open in a
 * spreadsheet: text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
struct _SkyCsvWriter
{
  GString       *out;
  SkyCsvDialect  dialect;
  gboolean       row_started;
};

/* A writer that starts with a UTF-8 byte-order mark when @bom is TRUE, for spreadsheets that
 * read CSV in another encoding without one. */
SkyCsvWriter *
sky_csv_writer_new_with_bom (SkyCsvDialect dialect,
                             gboolean      bom)
{
  SkyCsvWriter *self = g_new0 (SkyCsvWriter, 1);

  self->out = g_string_new (NULL);
  self->dialect = dialect;
  if (bom)
    g_string_append (self->out, "\xEF\xBB\xBF");
  return self;
}

SkyCsvWriter *
sky_csv_writer_new (SkyCsvDialect dialect)
{
  return sky_csv_writer_new_with_bom (dialect, dialect == SKY_CSV_EXCEL_EUROPE);
}

static char
separator (SkyCsvWriter *self)
{
  return self->dialect == SKY_CSV_STANDARD ? ',' : ';';
}

static void
begin_field (SkyCsvWriter *self)
{
  if (self->row_started)
    g_string_append_c (self->out, separator (self));
  self->row_started = TRUE;
}

static void
append_field (SkyCsvWriter *self,
              const char   *text)
{
  char specials[] = { separator (self), '"', '\r', '\n', '\0' };

  if (strpbrk (text, specials) == NULL)
    {
      g_string_append (self->out, text);
      return;
    }
  g_string_append_c (self->out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->out, '"');
      g_string_append_c (self->out, *p);
    }
  g_string_append_c (self->out, '"');
}

void
sky_csv_writer_add_text (SkyCsvWriter *self,
                         const char   *text)
{
  g_return_if_fail (self != NULL);

  begin_field (self);
  if (text == NULL || *text == '\0')
    return;
  if (strchr ("=+-@\t\r", text[0]) != NULL)
    {
      g_autofree char *guarded = g_strconcat ("'", text, NULL);
      append_field (self, guarded);
      return;
    }
  append_field (self, text);
}

/* @number is a plain decimal ("-1234.50"); it is written as is, with the dialect's decimal
 * separator, and never guarded: a spreadsheet must read it as a number. */
void
sky_csv_writer_add_number (SkyCsvWriter *self,
                           const char   *number)
{
  g_return_if_fail (self != NULL);

  begin_field (self);
  if (number == NULL)
    return;
  if (self->dialect == SKY_CSV_EXCEL_EUROPE)
    {
      g_autofree char *comma = g_strdup (number);
      g_strdelimit (comma, ".", ',');
      append_field (self, comma);
      return;
    }
  append_field (self, number);
}

void
sky_csv_writer_end_row (SkyCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->out, "\r\n");
  self->row_started = FALSE;
}

char *
sky_csv_writer_free (SkyCsvWriter *self,
                     gsize        *length)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->out->len;
  text = g_string_free (self->out, FALSE);
  g_free (self);
  return text;
}
