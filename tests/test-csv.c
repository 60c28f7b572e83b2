/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "sky-csv.h"

#define BOM "\xEF\xBB\xBF"

/* One row of text cells, written with @dialect; returns the whole output. */
static char *
text_row (SkyCsvDialect  dialect,
          const char    *first,
          ...)
{
  SkyCsvWriter *writer = sky_csv_writer_new (dialect);
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    sky_csv_writer_add_text (writer, cell);
  va_end (args);
  sky_csv_writer_end_row (writer);
  return sky_csv_writer_free (writer, NULL);
}

static void
test_plain_fields (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_STANDARD);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_text (writer, "alpha");
  sky_csv_writer_add_text (writer, "beta gamma");
  sky_csv_writer_add_number (writer, "12.5");
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  /* Nothing to quote, no byte-order mark in the standard dialect. */
  g_assert_cmpstr (csv, ==, "alpha,beta gamma,12.5\r\n");
}

static void
test_crlf_record_ends (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_STANDARD);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_text (writer, "a");
  sky_csv_writer_add_text (writer, "b");
  sky_csv_writer_end_row (writer);
  sky_csv_writer_add_text (writer, "c");
  sky_csv_writer_add_text (writer, "d");
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  g_assert_cmpstr (csv, ==, "a,b\r\nc,d\r\n");
}

static void
test_quote_comma (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD, "Smith, John", "x", NULL);

  g_assert_cmpstr (csv, ==, "\"Smith, John\",x\r\n");
}

static void
test_quote_doubled (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD, "say \"hi\"", "\"", NULL);

  g_assert_cmpstr (csv, ==, "\"say \"\"hi\"\"\",\"\"\"\"\r\n");
}

static void
test_quote_line_breaks (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD, "one\ntwo", "one\rtwo", "one\r\ntwo", NULL);

  g_assert_cmpstr (csv, ==, "\"one\ntwo\",\"one\rtwo\",\"one\r\ntwo\"\r\n");
}

static void
test_formula_guard (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD,
                                   "=1+2", "+1", "-1", "@SUM(A1:A2)", "\tx", "\rx", NULL);

  /* The CR cell is quoted as well, since it holds a CR. */
  g_assert_cmpstr (csv, ==, "'=1+2,'+1,'-1,'@SUM(A1:A2),'\tx,\"'\rx\"\r\n");
}

static void
test_formula_guard_quoted (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD,
                                   "=HYPERLINK(\"http://example.com\",\"click\")", NULL);

  g_assert_cmpstr (csv, ==,
                   "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\"\r\n");
}

static void
test_formula_guard_first_char_only (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD, "a=b", "1+1", "x-y", "me@example.com",
                                   NULL);

  g_assert_cmpstr (csv, ==, "a=b,1+1,x-y,me@example.com\r\n");
}

static void
test_number_not_guarded (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_STANDARD);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_number (writer, "-12.5");
  sky_csv_writer_add_number (writer, "0");
  sky_csv_writer_add_number (writer, "1234.50");
  /* The same characters as text are guarded: only number cells are trusted. */
  sky_csv_writer_add_text (writer, "-12.5");
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  g_assert_cmpstr (csv, ==, "-12.5,0,1234.50,'-12.5\r\n");
}

static void
test_empty_fields (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_STANDARD);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_text (writer, NULL);
  sky_csv_writer_add_text (writer, "");
  sky_csv_writer_add_number (writer, NULL);
  sky_csv_writer_add_number (writer, "");
  sky_csv_writer_end_row (writer);
  sky_csv_writer_add_text (writer, "x");
  sky_csv_writer_add_text (writer, NULL);
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  g_assert_cmpstr (csv, ==, ",,,\r\nx,\r\n");
}

static void
test_utf8_text (void)
{
  g_autofree char *csv = text_row (SKY_CSV_STANDARD, "Zürich", "東京", "5 €", NULL);

  g_assert_cmpstr (csv, ==, "Zürich,東京,5 €\r\n");
}

static void
test_excel_europe_bom (void)
{
  SkyCsvWriter *empty = sky_csv_writer_new (SKY_CSV_EXCEL_EUROPE);
  g_autofree char *empty_csv = NULL;
  g_autofree char *csv = text_row (SKY_CSV_EXCEL_EUROPE, "a", NULL);
  gsize length = 0;

  empty_csv = sky_csv_writer_free (empty, &length);
  g_assert_cmpstr (empty_csv, ==, BOM);
  g_assert_cmpuint (length, ==, 3);

  /* Once, at the start, not per row. */
  g_assert_cmpstr (csv, ==, BOM "a\r\n");
}

static void
test_excel_europe_separator (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_EXCEL_EUROPE);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_text (writer, "a");
  sky_csv_writer_add_text (writer, "b");
  sky_csv_writer_end_row (writer);
  sky_csv_writer_add_text (writer, "c");
  sky_csv_writer_add_number (writer, "1");
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  g_assert_cmpstr (csv, ==, BOM "a;b\r\nc;1\r\n");
}

static void
test_excel_europe_decimal_comma (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_EXCEL_EUROPE);
  g_autofree char *csv = NULL;

  sky_csv_writer_add_number (writer, "1234.50");
  sky_csv_writer_add_number (writer, "-12.5");
  sky_csv_writer_add_number (writer, "7");
  sky_csv_writer_end_row (writer);
  csv = sky_csv_writer_free (writer, NULL);

  /* Neither quoted (the comma is not the separator here) nor guarded. */
  g_assert_cmpstr (csv, ==, BOM "1234,50;-12,5;7\r\n");
}

static void
test_excel_europe_quote_semicolon (void)
{
  g_autofree char *csv = text_row (SKY_CSV_EXCEL_EUROPE, "a;b", "=1;2", NULL);

  g_assert_cmpstr (csv, ==, BOM "\"a;b\";\"'=1;2\"\r\n");
}

static void
test_excel_europe_comma_unquoted (void)
{
  g_autofree char *csv = text_row (SKY_CSV_EXCEL_EUROPE, "Smith, John", "1,5", NULL);

  g_assert_cmpstr (csv, ==, BOM "Smith, John;1,5\r\n");
}

static void
test_length (void)
{
  const SkyCsvDialect dialects[] = { SKY_CSV_STANDARD, SKY_CSV_EXCEL_EUROPE };

  for (gsize i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      SkyCsvWriter *writer = sky_csv_writer_new (dialects[i]);
      g_autofree char *csv = NULL;
      gsize length = 0;

      sky_csv_writer_add_text (writer, "Zürich, \"HQ\"");
      sky_csv_writer_add_text (writer, "=cmd");
      sky_csv_writer_add_number (writer, "-1234.5");
      sky_csv_writer_add_text (writer, NULL);
      sky_csv_writer_end_row (writer);
      sky_csv_writer_add_text (writer, "line\r\nbreak");
      sky_csv_writer_end_row (writer);
      csv = sky_csv_writer_free (writer, &length);

      g_assert_nonnull (csv);
      g_assert_cmpuint (length, >, 0);
      g_assert_cmpuint (length, ==, strlen (csv));
    }
}

static void
test_length_empty (void)
{
  SkyCsvWriter *writer = sky_csv_writer_new (SKY_CSV_STANDARD);
  g_autofree char *csv = NULL;
  gsize length = 99;

  csv = sky_csv_writer_free (writer, &length);
  g_assert_cmpstr (csv, ==, "");
  g_assert_cmpuint (length, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/csv/plain-fields", test_plain_fields);
  g_test_add_func ("/sky/csv/crlf-record-ends", test_crlf_record_ends);
  g_test_add_func ("/sky/csv/quote-comma", test_quote_comma);
  g_test_add_func ("/sky/csv/quote-doubled", test_quote_doubled);
  g_test_add_func ("/sky/csv/quote-line-breaks", test_quote_line_breaks);
  g_test_add_func ("/sky/csv/formula-guard", test_formula_guard);
  g_test_add_func ("/sky/csv/formula-guard-quoted", test_formula_guard_quoted);
  g_test_add_func ("/sky/csv/formula-guard-first-char-only", test_formula_guard_first_char_only);
  g_test_add_func ("/sky/csv/number-not-guarded", test_number_not_guarded);
  g_test_add_func ("/sky/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/sky/csv/utf8-text", test_utf8_text);
  g_test_add_func ("/sky/csv/excel-europe-bom", test_excel_europe_bom);
  g_test_add_func ("/sky/csv/excel-europe-separator", test_excel_europe_separator);
  g_test_add_func ("/sky/csv/excel-europe-decimal-comma", test_excel_europe_decimal_comma);
  g_test_add_func ("/sky/csv/excel-europe-quote-semicolon", test_excel_europe_quote_semicolon);
  g_test_add_func ("/sky/csv/excel-europe-comma-unquoted", test_excel_europe_comma_unquoted);
  g_test_add_func ("/sky/csv/length", test_length);
  g_test_add_func ("/sky/csv/length-empty", test_length_empty);

  return g_test_run ();
}
