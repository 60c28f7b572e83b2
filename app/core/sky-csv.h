/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SKY_CSV_STANDARD,       /* comma, decimal point, UTF-8 */
  SKY_CSV_EXCEL_EUROPE,   /* semicolon, decimal comma, UTF-8 with a byte-order mark */
  SKY_CSV_SEMICOLON,      /* semicolon, decimal point, UTF-8 */
} SkyCsvDialect;

typedef struct _SkyCsvWriter SkyCsvWriter;

SkyCsvWriter *sky_csv_writer_new         (SkyCsvDialect  dialect);
SkyCsvWriter *sky_csv_writer_new_with_bom (SkyCsvDialect dialect,
                                           gboolean      bom);
void          sky_csv_writer_add_text    (SkyCsvWriter  *self,
                                          const char    *text);
void          sky_csv_writer_add_number  (SkyCsvWriter  *self,
                                          const char    *number);
void          sky_csv_writer_end_row     (SkyCsvWriter  *self);
char         *sky_csv_writer_free        (SkyCsvWriter  *self,
                                          gsize         *length);

G_END_DECLS
