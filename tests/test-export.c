/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sky-catalog.h"
#include "sky-estimate.h"
#include "sky-export.h"
#include "sky-json.h"
#include "sky-projection.h"
#include "sky-report.h"
#include "sky-scenario.h"
#include "sky-summary.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* The export: a projection written as CSV with its assumptions, as JSON, or as a PDF report,
 * through the one serialiser of each record, and how it replaces files already there.
 * (test-cli.c runs skytally-cli export through the same cases, and through standard output
 * and a full disk.) */

typedef struct
{
  char        *dir;
  char        *out;            /* where the files are written: nothing else is there */
  SkyCatalog  *catalog;
  SkyScenario *scenario;
} Fixture;

/* The growth scenario on valid-small.xml: std-2 at 0.096 USD an hour, egress 100 GB free then
 * 0.09; the budget is 1100 a month. The second line has no offer on othercloud's sheet. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->catalog = sky_test_open_catalog (&f->dir, "valid-small.xml", "other-small.xml", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  f->scenario = sky_test_growth_scenario ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_scenario_free (f->scenario);
  g_free (f->out);
  sky_test_close_catalog (&f->dir, &f->catalog);
}

static void
export (Fixture                *f,
        const SkyExportOptions *options,
        const char             *path,
        const char             *assumptions_path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sky_export_write (f->catalog, f->scenario, options, path, assumptions_path,
                                   NULL, &error));
  g_assert_no_error (error);
}

/* OUT.csv's assumptions go to OUT.assumptions.csv; a name without .csv gets the suffix. */
static void
test_assumptions_path (void)
{
  static const char * const cases[][2] = {
    { "out.csv", "out.assumptions.csv" },
    { "/a/b.c/months.csv", "/a/b.c/months.assumptions.csv" },
    { "months", "months.assumptions.csv" },
    { "months.CSV", "months.CSV.assumptions.csv" },
    { "a.csv.csv", "a.csv.assumptions.csv" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sky_export_assumptions_path (cases[i][0]);
      g_assert_cmpstr (path, ==, cases[i][1]);
    }
}

/* The CSV is the report's, byte for byte, and its assumptions are written beside it. */
static void
test_csv_with_assumptions (Fixture       *f,
                           gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_CSV, .dialect = SKY_CSV_SEMICOLON,
                               .bom = TRUE };
  g_autofree char *csv = g_build_filename (f->out, "months.csv", NULL);
  g_autofree char *beside = g_build_filename (f->out, "months.assumptions.csv", NULL);
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL, *expected_assumptions = NULL, *text = NULL, *atext = NULL;
  gsize length = 0, alength = 0, read = 0, aread = 0;

  g_autoptr(SkyEstimate) estimate = NULL;

  /* The day prices are aged to, the same for the export and the expected text. */
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  export (f, &options, csv, NULL);
  projection = sky_projection_compute (f->catalog, f->scenario, NULL, 0, &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  expected = sky_report_projection_csv (f->scenario, projection, estimate, SKY_CSV_SEMICOLON,
                                        TRUE, &length, &error);
  g_assert_no_error (error);
  expected_assumptions = sky_report_assumptions_csv_full (f->scenario, projection, estimate,
                                                          SKY_CSV_SEMICOLON, TRUE, &alength);
  text = sky_test_contents_of (csv, &read);
  atext = sky_test_contents_of (beside, &aread);
  g_assert_cmpmem (text, read, expected, length);
  g_assert_cmpmem (atext, aread, expected_assumptions, alength);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFprovider;provider_name;"));
  g_assert_nonnull (strstr (atext, "budget.monthly;1100\r\n"));
  /* How old the prices are: Example Cloud's sheet is as of 2026-01-01, 151 days before. */
  g_assert_nonnull (strstr (atext, "\r\nprice_sheet.examplecloud;2026.1\r\n"
                                   "prices_as_of.examplecloud;2026-01-01\r\n"
                                   "prices_age_days.examplecloud;151\r\n"
                                   "prices_stale.examplecloud;yes\r\n"));
  g_assert_nonnull (strstr (atext, "\r\nprices_aged_to;2026-06-01\r\nstale_after_days;90\r\n"
                                   "notice.1;Prices more than 90 days old: Example Cloud "
                                   "(2026-01-01)"));
  g_unsetenv ("SKYTALLY_TODAY");
}

/* Assumptions go where they are asked to go, or nowhere when left out. */
static void
test_csv_assumptions_elsewhere (Fixture       *f,
                                gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_CSV };
  g_autofree char *csv = g_build_filename (f->out, "months.csv", NULL);
  g_autofree char *there = g_build_filename (f->out, "there.csv", NULL);
  g_autofree char *alone = g_build_filename (f->out, "alone.csv", NULL);
  g_autofree char *listed = NULL;

  export (f, &options, csv, there);
  options.no_assumptions = TRUE;
  export (f, &options, alone, NULL);
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "alone.csv months.csv there.csv");
}

static GStrv
member_names (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

static void
assert_members (JsonObject *object,
                const char *expected)
{
  g_auto(GStrv) names = member_names (object);
  g_autofree char *joined = g_strjoinv (" ", names);

  g_assert_cmpstr (joined, ==, expected);
}

/* The JSON file is the projection's one serialiser, byte for byte, with its members in their
 * order and money as strings; --months is honoured. */
static void
test_json_projection (Fixture       *f,
                      gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_JSON, .months = 24 };
  g_autofree char *path = g_build_filename (f->out, "months.json", NULL);
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL, *text = NULL;
  gsize length = 0, read = 0;
  JsonObject *top, *provider, *line, *budget;

  g_autoptr(SkyEstimate) estimate = NULL;

  /* The day prices are aged to, the same for the export and the expected text. */
  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  export (f, &options, path, NULL);
  projection = sky_projection_compute (f->catalog, f->scenario, NULL, 24, &error);
  g_assert_no_error (error);
  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  root = sky_json_projection (f->scenario, projection);
  sky_json_add_freshness (root, estimate);
  expected = sky_json_to_data (root, &length);
  text = sky_test_contents_of (path, &read);
  g_assert_cmpmem (text, read, expected, length);
  g_unsetenv ("SKYTALLY_TODAY");

  json_parser_load_from_data (parser, text, read, &error);
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  assert_members (top, "scenario currency months calendar_months cheapest_complete providers "
                       "prices_aged_to stale_after_days notices");
  g_assert_cmpint (json_object_get_int_member (top, "months"), ==, 24);
  /* No start month: the months are only numbered. */
  g_assert_true (json_object_get_null_member (top, "calendar_months"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (top,
                                                                                "notices"), 0),
                   ==, "Prices more than 90 days old: Example Cloud (2026-01-01)");
  provider = json_array_get_object_element (json_object_get_array_member (top, "providers"), 0);
  assert_members (provider, "provider provider_name sheet_version complete lines total_cash "
                            "total_amortised low high budget prices_as_of prices_age_days "
                            "stale price_sheets");
  g_assert_cmpstr (json_object_get_string_member (provider, "prices_as_of"), ==, "2026-01-01");
  g_assert_cmpint (json_object_get_int_member (provider, "prices_age_days"), ==, 151);
  g_assert_true (json_object_get_boolean_member (provider, "stale"));
  line = json_array_get_object_element (json_object_get_array_member (provider, "lines"), 1);
  assert_members (line, "label group priced sheet_version cash amortised break_even_month");
  g_assert_cmpstr (json_object_get_string_member (line, "group"), ==, "Net");
  g_assert_true (json_object_get_null_member (line, "break_even_month"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (line, "cash")), ==, 24);
  /* 10000 GB less 100 free at 0.09. */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (line, "cash"),
                                                  0), ==, "891.00");
  budget = json_object_get_object_member (provider, "budget");
  assert_members (budget, "verdict first_month_over first_year_over headroom");
  g_assert_cmpstr (json_object_get_string_member (budget, "verdict"), ==, "over");
  g_assert_cmpint (json_object_get_int_member (budget, "first_month_over"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (budget, "headroom"), ==, "68.84");
}

/* The estimate's serialiser, as skytally-cli estimate --format json writes it: members in
 * their order, money in the currency's digits, no figures for a line a provider cannot price. */
static void
test_json_estimate (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const providers[] = { "examplecloud", "othercloud", NULL };
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *top, *example, *other, *line;

  estimate = sky_estimate_compute (f->catalog, f->scenario, providers, FALSE, &error);
  g_assert_no_error (error);
  root = sky_json_estimate (f->scenario, estimate);
  text = sky_json_to_data (root, NULL);
  g_assert_true (g_str_has_prefix (text, "{\n  \"scenario\" : \"Growth\",\n"));
  top = json_node_get_object (root);
  assert_members (top, "scenario currency hours_per_month term_months compare_by "
                       "cheapest_complete providers prices_aged_to stale_after_days notices");
  g_assert_cmpstr (json_object_get_string_member (top, "hours_per_month"), ==, "730");
  g_assert_cmpstr (json_object_get_string_member (top, "cheapest_complete"), ==,
                   "examplecloud");
  example = json_array_get_object_element (json_object_get_array_member (top, "providers"), 0);
  assert_members (example, "provider provider_name provider_short_name sheet_version complete "
                           "lines groups totals unpriced_lines prices_as_of prices_age_days "
                           "stale price_sheets");
  g_assert_cmpstr (json_object_get_string_member (example, "provider_short_name"), ==,
                   "Example Cloud");
  line = json_array_get_object_element (json_object_get_array_member (example, "lines"), 0);
  assert_members (line, "label group status reason sheet_version offer quantity usage unit term "
                        "price_unit price_effective_date monthly upfront effective_monthly "
                        "yearly term_total break_even_hours explanation");
  /* 2 × 730 × 0.096. */
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "140.16");
  /* The price gives no date of its own: it holds from its sheet's. */
  g_assert_cmpstr (json_object_get_string_member (line, "price_unit"), ==, "hour");
  g_assert_cmpstr (json_object_get_string_member (line, "price_effective_date"), ==,
                   "2026-01-01");
  g_assert_cmpstr (json_object_get_string_member (line, "status"), ==, "priced");
  assert_members (json_object_get_object_member (example, "totals"),
                  "monthly upfront effective_monthly yearly term_total credits yearly_net "
                  "term_net");
  other = json_array_get_object_element (json_object_get_array_member (top, "providers"), 1);
  g_assert_false (json_object_get_boolean_member (other, "complete"));
  g_assert_cmpint (json_object_get_int_member (other, "unpriced_lines"), ==, 2);
  line = json_array_get_object_element (json_object_get_array_member (other, "lines"), 0);
  g_assert_cmpstr (json_object_get_string_member (line, "status"), !=, "priced");
  g_assert_true (json_object_get_null_member (line, "monthly"));
  g_assert_true (json_object_get_null_member (line, "term_total"));
  g_assert_true (json_object_get_null_member (line, "offer"));
  g_assert_true (json_object_get_null_member (line, "price_unit"));
  g_assert_true (json_object_get_null_member (line, "price_effective_date"));
}

/* How old the estimate's prices are, in its JSON: per provider the oldest sheet's date, its
 * age and whether it is stale, each sheet, and the notices. Example Cloud's sheet is as of
 * 2026-01-01, Other Cloud's as of 2026-03-01: on 2026-06-01, 151 and 92 days old. */
static void
test_json_estimate_freshness (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *top, *example, *sheet;
  JsonArray *notices, *sheets;

  estimate = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  sky_estimate_set_freshness (estimate, "2026-06-01", 120);
  root = sky_json_estimate (f->scenario, estimate);
  top = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (top, "prices_aged_to"), ==, "2026-06-01");
  g_assert_cmpint (json_object_get_int_member (top, "stale_after_days"), ==, 120);
  example = json_array_get_object_element (json_object_get_array_member (top, "providers"), 0);
  g_assert_cmpstr (json_object_get_string_member (example, "prices_as_of"), ==, "2026-01-01");
  g_assert_cmpint (json_object_get_int_member (example, "prices_age_days"), ==, 151);
  g_assert_true (json_object_get_boolean_member (example, "stale"));
  sheets = json_object_get_array_member (example, "price_sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 1);
  sheet = json_array_get_object_element (sheets, 0);
  assert_members (sheet, "version prices_as_of prices_age_days stale");
  g_assert_cmpstr (json_object_get_string_member (sheet, "version"), ==, "2026.1");
  notices = json_object_get_array_member (top, "notices");
  g_assert_cmpuint (json_array_get_length (notices), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (notices, 0), ==,
                   "Prices more than 120 days old: Example Cloud (2026-01-01)");
}

/* The PDF is a PDF, written whole. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_PDF };
  g_autofree char *path = g_build_filename (f->out, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;
  gsize length = 0;

  export (f, &options, path, NULL);
  text = sky_test_contents_of (path, &length);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  /* Ends as a whole PDF ends. */
  g_assert_cmpuint (length, >, 7);
  g_assert_cmpmem (text + length - 6, 6, "%%EOF\n", 6);
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "report.pdf");
}

/* Cancelled before it writes, no file is written, in any format. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *listed = NULL;

  g_cancellable_cancel (cancellable);
  for (SkyExportFormat format = SKY_EXPORT_CSV; format <= SKY_EXPORT_JSON; format++)
    {
      SkyExportOptions options = { .format = format };
      g_autofree char *path = g_build_filename (f->out, "out", NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (sky_export_write (f->catalog, f->scenario, &options, path, NULL,
                                        cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "");
}

/* Where files already are --------------------------------------------------------------- */

static void
export_all (Fixture    *f,
            const char *csv,
            const char *json,
            const char *pdf)
{
  static const SkyExportFormat formats[] = { SKY_EXPORT_CSV, SKY_EXPORT_JSON, SKY_EXPORT_PDF };
  const char *paths[] = { csv, json, pdf };

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SkyExportOptions options = { .format = formats[i] };
      export (f, &options, paths[i], NULL);
    }
}

/* A symbolic link given as the output (a chain of two) stays a link, and the file it ends at
 * is replaced: CSV, its assumptions, JSON and PDF. */
static void
test_keeps_links (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const names[] = { "months.csv", "months.assumptions.csv", "months.json",
                                        "report.pdf" };
  g_autofree char *real = g_build_filename (f->dir, "real", NULL);
  g_autofree char *csv = g_build_filename (f->out, "months.csv", NULL);
  g_autofree char *json = g_build_filename (f->out, "months.json", NULL);
  g_autofree char *pdf = g_build_filename (f->out, "report.pdf", NULL);
  g_autofree char *listed = NULL;

  g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = g_build_filename (f->out, names[i], NULL);
      g_autofree char *middle = g_strconcat (link, ".link", NULL);
      g_autofree char *target = g_build_filename (real, names[i], NULL);
      g_autofree char *middle_name = g_strconcat (names[i], ".link", NULL);

      g_assert_true (g_file_set_contents (target, "old", -1, NULL));
      g_assert_cmpint (symlink (target, middle), ==, 0);
      g_assert_cmpint (symlink (middle_name, link), ==, 0);
    }
  export_all (f, csv, json, pdf);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = g_build_filename (f->out, names[i], NULL);
      g_autofree char *middle = g_strconcat (link, ".link", NULL);
      g_autofree char *target = g_build_filename (real, names[i], NULL);
      g_autofree char *text = sky_test_contents_of (target, NULL);

      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
      g_assert_true (g_file_test (middle, G_FILE_TEST_IS_SYMLINK));
      g_assert_false (g_file_test (target, G_FILE_TEST_IS_SYMLINK));
      g_assert_cmpstr (text, !=, "old");
    }
  listed = sky_test_names_in (real);
  g_assert_cmpstr (listed, ==, "months.assumptions.csv months.csv months.json report.pdf");
}

/* A link planted at OUT.part (where the PDF was once drawn before it was put in place) is not
 * followed: the file it points to is left alone, and so is the link; the temporary files the
 * export writes through are gone. */
static void
test_planted_link (Fixture       *f,
                   gconstpointer  data)
{
  static const SkyExportFormat formats[] = { SKY_EXPORT_CSV, SKY_EXPORT_JSON, SKY_EXPORT_PDF };
  g_autofree char *victim = g_build_filename (f->dir, "victim", NULL);

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      SkyExportOptions options = { .format = formats[i], .no_assumptions = TRUE };
      g_autofree char *path = g_strdup_printf ("%s/out-%" G_GSIZE_FORMAT, f->out, i);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autofree char *text = NULL;

      g_assert_cmpint (symlink (victim, part), ==, 0);
      export (f, &options, path, NULL);
      text = sky_test_contents_of (victim, NULL);
      g_assert_cmpstr (text, ==, "precious");
      g_assert_true (g_file_test (part, G_FILE_TEST_IS_SYMLINK));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  {
    g_autofree char *listed = sky_test_names_in (f->out);
    g_assert_cmpstr (listed, ==, "out-0 out-0.part out-1 out-1.part out-2 out-2.part");
  }
}

/* A file exported again keeps its mode; a new one gets the usual mode of the umask. */
static void
test_keeps_mode (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->out, "months.csv", NULL);
  g_autofree char *assumptions = g_build_filename (f->out, "months.assumptions.csv", NULL);
  g_autofree char *json = g_build_filename (f->out, "months.json", NULL);
  g_autofree char *pdf = g_build_filename (f->out, "report.pdf", NULL);
  const char * const paths[] = { csv, assumptions, json, pdf };
  mode_t old = umask (027);
  GStatBuf st;

  export_all (f, csv, json, pdf);
  umask (old);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_cmpint (g_stat (paths[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0640);
      g_assert_cmpint (g_chmod (paths[i], 0600), ==, 0);
    }
  export_all (f, csv, json, pdf);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_cmpint (g_stat (paths[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
}

/* A named pipe is written to, and stays a pipe. */
static void
test_to_fifo (Fixture       *f,
              gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_JSON };
  g_autofree char *fifo = g_build_filename (f->out, "pipe.json", NULL);
  g_autofree char *text = NULL;
  GThread *reader;

  reader = sky_test_read_fifo (fifo);
  export (f, &options, fifo, NULL);
  text = sky_test_fifo_text (reader, fifo);
  g_assert_true (g_str_has_prefix (text, "{\n  \"scenario\" : \"Growth\""));
}

/* An export that cannot be written (its folder is a file) fails naming the file, in every
 * format, and leaves nothing behind. */
static void
test_fails_cleanly (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *not_dir = g_build_filename (f->out, "file", NULL);
  g_autofree char *listed = NULL;

  g_assert_true (g_file_set_contents (not_dir, "a file", -1, NULL));
  for (SkyExportFormat format = SKY_EXPORT_CSV; format <= SKY_EXPORT_JSON; format++)
    {
      SkyExportOptions options = { .format = format };
      g_autofree char *path = g_build_filename (not_dir, "out", NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (sky_export_write (f->catalog, f->scenario, &options, path, NULL, NULL,
                                        &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));
    }
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "file");
}

/* The CSV and its assumptions are put in place together: when the assumptions cannot be
 * written (a folder has their name), neither file changes. */
static void
test_csv_all_or_nothing (Fixture       *f,
                         gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_CSV };
  g_autofree char *csv = g_build_filename (f->out, "months.csv", NULL);
  g_autofree char *assumptions = g_build_filename (f->out, "months.assumptions.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;

  g_assert_true (g_file_set_contents (csv, "old csv", -1, NULL));
  g_assert_cmpint (g_mkdir (assumptions, 0755), ==, 0);
  g_assert_false (sky_export_write (f->catalog, f->scenario, &options, csv, NULL, NULL,
                                    &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, assumptions));
  text = sky_test_contents_of (csv, NULL);
  g_assert_cmpstr (text, ==, "old csv");
  g_assert_true (g_file_test (assumptions, G_FILE_TEST_IS_DIR));
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "months.assumptions.csv months.csv");
}

/* Lines of one provider priced from two sheets (compute-only-2026.3.xml holds the compute
 * service alone) each say which: the estimate's JSON per line, the explanation, the projection's
 * JSON and the CSV's line rows, while the totals name the provider's newest sheet. */
static void
test_sheet_version_per_line (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const providers[] = { "examplecloud", NULL };
  g_autoptr(SkyEstimate) estimate = NULL;
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) projected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;
  g_autofree char *csv = NULL;
  JsonArray *lines;
  SkyEstimateProvider *p;

  sky_test_import (f->catalog, "compute-only-2026.3.xml");
  estimate = sky_estimate_compute (f->catalog, f->scenario, providers, TRUE, &error);
  g_assert_no_error (error);
  p = g_ptr_array_index (estimate->providers, 0);
  sheets = sky_estimate_provider_sheets (p);
  g_assert_cmpstr (sheets, ==, "2026.3, 2026.1");
  g_assert_true (g_str_has_prefix (((SkyEstimateLine *) g_ptr_array_index (p->lines,
                                                                           0))->explanation,
                                   "From Example Cloud 2026.3: 2 × 730 Hour × 0.08 USD/Hour"));
  g_assert_true (g_str_has_prefix (((SkyEstimateLine *) g_ptr_array_index (p->lines,
                                                                           1))->explanation,
                                   "From Example Cloud 2026.1: "));

  root = sky_json_estimate (f->scenario, estimate);
  lines = json_object_get_array_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "providers"), 0), "lines");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                  "sheet_version"), ==, "2026.3");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1),
                                                  "sheet_version"), ==, "2026.1");

  /* The projection prices each line against the sheets the scenario pins: those just used. */
  sky_estimate_record_sheets (estimate, f->scenario);
  projection = sky_projection_compute (f->catalog, f->scenario, providers, 12, &error);
  g_assert_no_error (error);
  projected = sky_json_projection (f->scenario, projection);
  lines = json_object_get_array_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (projected), "providers"), 0), "lines");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                  "sheet_version"), ==, "2026.3");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1),
                                                  "sheet_version"), ==, "2026.1");
  csv = sky_report_projection_csv (f->scenario, projection, NULL, SKY_CSV_STANDARD, FALSE, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "\r\nexamplecloud,Example Cloud,2026.3,yes,line,API,Servers,"));
  g_assert_nonnull (strstr (csv, "\r\nexamplecloud,Example Cloud,2026.1,yes,line,Net,Egress,"));
  g_assert_nonnull (strstr (csv, "\r\nexamplecloud,Example Cloud,2026.3,yes,total,,,"));
}

/* One CSV record as ssconvert writes it: fields separated by commas, quoted when they hold one,
 * quotes doubled. */
static GStrv
split_record (const char *line)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *c = line; *c != '\0'; c++)
    {
      if (quoted && *c == '"' && c[1] == '"')
        g_string_append_c (field, *c++);
      else if (*c == '"')
        quoted = !quoted;
      else if (*c == ',' && !quoted)
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *c);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/* Each sheet of @book as rows of fields, read back by Gnumeric's ssconvert (recalculating
 * every formula first when @recalc); NULL, with the test skipped, without ssconvert. */
static GPtrArray *
read_book (const char *book,
           const char *dir,
           gboolean    recalc)
{
  const char *ssconvert = g_getenv ("SKYTALLY_SSCONVERT");
  g_autofree char *stem = g_build_filename (dir, recalc ? "recalc.csv" : "cached.csv", NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { ssconvert, "-S", recalc ? "--recalc" : "-S", book, stem, NULL };

  if (ssconvert == NULL || *ssconvert == '\0')
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed: build-aux/setup-debian.sh installs it");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint n = 0; n < 4; n++)
    {
      g_autofree char *path = g_strdup_printf ("%s.%u", stem, n);
      g_autofree char *text = sky_test_contents_of (path, NULL);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint l = 0; lines[l] != NULL; l++)
        if (*lines[l] != '\0')
          g_ptr_array_add (rows, split_record (lines[l]));
      g_ptr_array_add (sheets, rows);
    }
  return g_steal_pointer (&sheets);
}

/* The cell's figure in cents: a spreadsheet holds the nearest binary number, which rounds back
 * to the exact figure. */
static gint64
cents_of_cell (const char *cell)
{
  char *end = NULL;
  double value = g_ascii_strtod (cell, &end);

  g_assert_true (end != cell && *end == '\0');
  return (gint64) llround (value * 100.0);
}

static gint64
cents (SkyDecimal value)
{
  gint64 scaled = 0;

  g_assert_true (sky_decimal_to_scaled_int64 (value, 2, &scaled));
  return scaled;
}

/* The row of @rows whose first fields are @a and @b. */
static GStrv
row_of (GPtrArray  *rows,
        const char *a,
        const char *b)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      if (g_strv_length (row) >= 2 && g_strcmp0 (row[0], a) == 0 &&
          (b == NULL || g_strcmp0 (row[1], b) == 0))
        return row;
    }
  g_error ("no row %s, %s", a, b != NULL ? b : "");
}

/* Every figure of the workbook equals the estimate's, the projection's and the summary's, to
 * the cent, as written and after a spreadsheet recalculated its formulas. */
static void
check_book (SkyCatalog        *catalog,
            const SkyScenario *scenario,
            const char        *book,
            const char        *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyEstimate) estimate = sky_estimate_compute (catalog, scenario, NULL, FALSE, &error);
  g_autoptr(SkyProjection) projection = sky_projection_compute (catalog, scenario, NULL, 0,
                                                                &error);
  g_autoptr(SkySummary) summary = sky_summary_for_estimate (catalog, scenario, estimate, NULL,
                                                            FALSE, 0, &error);

  g_assert_no_error (error);
  for (int recalc = 0; recalc <= 1; recalc++)
    {
      g_autoptr(GPtrArray) sheets = read_book (book, dir, recalc);
      GPtrArray *summary_rows, *monthly_rows, *lines_rows, *assumption_rows;
      g_autoptr(GPtrArray) pairs = NULL;
      guint priced = 0, unpriced = 0;

      if (sheets == NULL)
        return;
      summary_rows = g_ptr_array_index (sheets, 0);
      monthly_rows = g_ptr_array_index (sheets, 1);
      lines_rows = g_ptr_array_index (sheets, 2);
      assumption_rows = g_ptr_array_index (sheets, 3);

      g_assert_cmpstr (((GStrv) g_ptr_array_index (summary_rows, 0))[0], ==, "Provider");
      for (guint i = 0; i < summary->providers->len; i++)
        {
          const SkySummaryProvider *s = g_ptr_array_index (summary->providers, i);
          GStrv row = row_of (summary_rows, s->provider_name, NULL);

          g_assert_cmpint (cents_of_cell (row[1]), ==, cents (s->monthly));
          g_assert_cmpint (cents_of_cell (row[2]), ==, cents (s->upfront));
          g_assert_cmpint (cents_of_cell (row[3]), ==, cents (s->first_year));
          g_assert_cmpint (cents_of_cell (row[4]), ==, cents (s->term_total));
          g_assert_cmpstr (row[5], ==, s->complete ? "Yes" : "No");
          g_assert_cmpstr (row[8], ==, s->prices_as_of != NULL ? s->prices_as_of : "");
        }

      for (guint i = 0; i < estimate->providers->len; i++)
        {
          const SkyEstimateProvider *p = g_ptr_array_index (estimate->providers, i);
          GStrv total = row_of (lines_rows, p->provider_short_name, "Total");

          for (guint l = 0; l < p->lines->len; l++)
            {
              const SkyEstimateLine *line = g_ptr_array_index (p->lines, l);
              GStrv row = row_of (lines_rows, p->provider_short_name, line->label);

              if (line->status == SKY_LINE_PRICED)
                {
                  g_assert_cmpstr (row[4], ==, line->offer->sku);
                  g_assert_cmpint (cents_of_cell (row[11]), ==, cents (line->monthly));
                  g_assert_cmpint (cents_of_cell (row[12]), ==, cents (line->upfront));
                  g_assert_cmpstr (row[13], ==, "");
                  priced++;
                }
              else
                {
                  /* No figures that read as free; the reason instead. */
                  g_assert_cmpstr (row[11], ==, "");
                  g_assert_cmpstr (row[13], !=, "");
                  unpriced++;
                }
            }
          g_assert_cmpint (cents_of_cell (total[11]), ==, cents (p->monthly));
          g_assert_cmpint (cents_of_cell (total[12]), ==, cents (p->upfront));
        }
      /* The fixture has both kinds. */
      g_assert_cmpuint (priced, >, 0);
      g_assert_cmpuint (unpriced, >, 0);

      for (guint i = 0; i < projection->providers->len; i++)
        {
          const SkyProjectionProvider *p = g_ptr_array_index (projection->providers, i);
          GStrv total = row_of (monthly_rows, p->provider_short_name, "Total");
          SkyDecimal sum = sky_decimal_from_int (0);

          g_assert_cmpuint (g_strv_length (total), ==, 3 + projection->months + 1);
          for (guint m = 0; m < projection->months; m++)
            {
              g_assert_cmpint (cents_of_cell (total[3 + m]), ==, cents (p->total_cash[m]));
              g_assert_true (sky_decimal_add (sum, p->total_cash[m], &sum));
            }
          g_assert_cmpint (cents_of_cell (total[3 + projection->months]), ==, cents (sum));
        }

      pairs = sky_report_assumptions (scenario, projection, estimate);
      g_assert_cmpuint (assumption_rows->len, ==, pairs->len + 1);
      for (guint i = 0; i < pairs->len; i++)
        {
          const SkyReportPair *pair = g_ptr_array_index (pairs, i);
          GStrv row = g_ptr_array_index (assumption_rows, i + 1);

          g_assert_cmpstr (row[0], ==, pair->key);
          if (!pair->number)
            g_assert_cmpstr (row[1], ==, pair->value);
          else
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[1], NULL),
                                            g_ascii_strtod (pair->value, NULL), 1e-9);
        }
    }
}

/* The Summary sheet's figures are formulas: per provider its monthly and upfront refer to the
 * Lines sheet, its first year and term total sum the Monthly sheet. Read from the workbook's
 * XML with Python's zipfile. */
static void
check_summary_formulas (const char *book)
{
  const char *python = g_getenv ("SKYTALLY_PYTHON3");
  const char *argv[] = {
    python, "-c",
    "import re, sys, zipfile\n"
    "text = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()\n"
    "print(' '.join(re.findall('<f>([^<]*)</f>', text)))\n",
    book, NULL,
  };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (python == NULL || *python == '\0')
    {
      g_test_skip ("python3 is not installed: build-aux/setup-debian.sh installs it");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Example Cloud first: its Lines total is on row 7 (6 lines), its Monthly total on row 7. */
  g_assert_nonnull (strstr (out, "'Lines'!L7 'Lines'!M7 SUM('Monthly'!D7:O7)"));
  g_assert_nonnull (strstr (out, "'Lines'!L"));
  g_assert_nonnull (strstr (out, "SUM('Monthly'!D"));
}

static SkyScenario *
web_scenario (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_load (path, &error);

  g_assert_no_error (error);
  return scenario;
}

/* A line row of the CSV says what the line was priced with: the offer's SKU, the purchase
 * option, the unit price and unit, or why it is not priced; other rows leave them empty. */
static void
test_csv_line_columns (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SkyScenario) web = web_scenario ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyProjection) projection = sky_projection_compute (f->catalog, web, NULL, 12,
                                                                &error);
  g_autoptr(SkyEstimate) estimate = sky_estimate_compute (f->catalog, web, NULL, FALSE, &error);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrv header;
  guint n, found_priced = 0, found_unpriced = 0, found_total = 0;

  g_assert_no_error (error);
  csv = sky_report_projection_csv (web, projection, estimate, SKY_CSV_STANDARD, FALSE, NULL,
                                   &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_ptr_array_add (rows, split_record (lines[i]));
  header = g_ptr_array_index (rows, 0);
  n = g_strv_length (header);
  g_assert_cmpuint (n, ==, 8 + 12 + 1 + 5);
  g_assert_cmpstr (header[n - 6], ==, "total");
  g_assert_cmpstr (header[n - 5], ==, "sku");
  g_assert_cmpstr (header[n - 4], ==, "purchase_option");
  g_assert_cmpstr (header[n - 3], ==, "unit_price");
  g_assert_cmpstr (header[n - 2], ==, "unit");
  g_assert_cmpstr (header[n - 1], ==, "not_priced_reason");
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length (row), ==, n);
      if (g_strcmp0 (row[0], "examplecloud") == 0 && g_strcmp0 (row[6], "Reserved worker") == 0)
        {
          /* 2 × std-2-us, reserved for a year with part upfront. */
          g_assert_cmpstr (row[n - 5], ==, "std-2-us");
          g_assert_cmpstr (row[n - 4], ==, "reserved-1y-partial-upfront");
          g_assert_cmpstr (row[n - 2], ==, "hour");
          g_assert_cmpstr (row[n - 1], ==, "");
          g_assert_cmpstr (row[n - 3], !=, "");
          found_priced++;
        }
      else if (g_strcmp0 (row[4], "line") == 0 && g_strcmp0 (row[8], "") == 0)
        {
          /* Not priced: no figures, no offer, the reason. */
          g_assert_cmpstr (row[n - 5], ==, "");
          g_assert_cmpstr (row[n - 1], !=, "");
          found_unpriced++;
        }
      else if (g_strcmp0 (row[4], "total") == 0)
        {
          for (guint c = n - 5; c < n; c++)
            g_assert_cmpstr (row[c], ==, "");
          found_total++;
        }
    }
  g_assert_cmpuint (found_priced, ==, 1);
  g_assert_cmpuint (found_unpriced, >, 0);
  g_assert_cmpuint (found_total, ==, 2);
}

/* With a start month, the CSV's month columns are named by their calendar months (2027-01 …
 * 2028-12, across the turn of the year), the assumptions give the start month, and the JSON
 * has each month's calendar month beside the months of its figures; the figures are the same
 * as without. */
static void
test_calendar_months (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SkyProjection) projection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numbered_csv = NULL, *csv = NULL, *assumptions = NULL;
  g_auto(GStrv) numbered_lines = NULL, lines = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *calendar;
  GStrv header;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  projection = sky_projection_compute (f->catalog, f->scenario, NULL, 24, &error);
  g_assert_no_error (error);
  numbered_csv = sky_report_projection_csv (f->scenario, projection, NULL, SKY_CSV_STANDARD,
                                            FALSE, NULL, &error);
  g_assert_no_error (error);
  f->scenario->start_year = 2027;
  f->scenario->start_month = 1;
  csv = sky_report_projection_csv (f->scenario, projection, NULL, SKY_CSV_STANDARD, FALSE, NULL,
                                   &error);
  g_assert_no_error (error);

  lines = g_strsplit (csv, "\r\n", -1);
  numbered_lines = g_strsplit (numbered_csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (numbered_lines[0], "provider,provider_name,sheet_version,"
                                   "complete,row,group,line,currency,M01,M02,"));
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_ptr_array_add (rows, split_record (lines[i]));
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 8 + 24 + 1 + 5);
  g_assert_cmpstr (header[7], ==, "currency");
  g_assert_cmpstr (header[8], ==, "2027-01");
  g_assert_cmpstr (header[19], ==, "2027-12");
  g_assert_cmpstr (header[20], ==, "2028-01");
  g_assert_cmpstr (header[31], ==, "2028-12");
  g_assert_cmpstr (header[32], ==, "total");
  /* Only the header changes. */
  g_assert_cmpstr (strchr (csv, '\n'), ==, strchr (numbered_csv, '\n'));

  assumptions = sky_report_assumptions_csv (f->scenario, projection, SKY_CSV_STANDARD, FALSE,
                                            NULL);
  g_assert_nonnull (strstr (assumptions, "\r\nmonths,24\r\nstart_month,2027-01\r\n"));

  root = sky_json_projection (f->scenario, projection);
  calendar = json_object_get_array_member (json_node_get_object (root), "calendar_months");
  g_assert_nonnull (calendar);
  g_assert_cmpuint (json_array_get_length (calendar), ==, 24);
  g_assert_cmpstr (json_array_get_string_element (calendar, 0), ==, "2027-01");
  g_assert_cmpstr (json_array_get_string_element (calendar, 12), ==, "2028-01");
  g_assert_cmpstr (json_array_get_string_element (calendar, 23), ==, "2028-12");
}

/* The workbook: a summary, the months, the lines and the assumptions, every figure the
 * estimate's, written whole and nothing beside it. */
static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_XLSX };
  g_autofree char *path = g_build_filename (f->out, "book.xlsx", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SkyScenario) web = web_scenario ();
  g_autoptr(GError) error = NULL;

  if (!sky_export_can_write (SKY_EXPORT_XLSX))
    {
      g_assert_false (sky_export_write (f->catalog, web, &options, path, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      return;
    }
  g_assert_true (sky_export_write (f->catalog, web, &options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  listed = sky_test_names_in (f->out);
  g_assert_cmpstr (listed, ==, "book.xlsx");
  /* An XLSX workbook is a zip archive. */
  text = sky_test_contents_of (path, NULL);
  g_assert_true (g_str_has_prefix (text, "PK\003\004"));
  check_book (f->catalog, web, path, f->dir);
  check_summary_formulas (path);
}

/* The Monthly sheet's cells of row 1 from column D on, as the workbook's XML has them: "n:46327"
 * for a number (a date is one), "s:…" for text; then "mmm-yyyy" when the workbook has that
 * number format. Read with Python's zipfile. NULL, with the test skipped, without Python. */
static char *
monthly_headers_xml (const char *book)
{
  const char *python = g_getenv ("SKYTALLY_PYTHON3");
  const char *argv[] = {
    python, "-c",
    "import re, sys, zipfile\n"
    "text = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet2.xml').decode()\n"
    "row = re.search(r'<row r=\"1\"[^>]*>(.*?)</row>', text).group(1)\n"
    "cells = re.findall(r'<c r=\"([A-Z]+)1\"([^>]*)>(?:<v>([^<]*)</v>)?', row)\n"
    "styles = zipfile.ZipFile(sys.argv[1]).read('xl/styles.xml').decode()\n"
    "print(' '.join(('s:' if 't=\"s\"' in a else 'n:') + v for c, a, v in cells\n"
    "               if c not in ('A', 'B', 'C')),\n"
    "      'mmm-yyyy' if 'formatCode=\"mmm yyyy\"' in styles else 'no-month-format')\n",
    book, NULL,
  };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (python == NULL || *python == '\0')
    {
      g_test_skip ("python3 is not installed: build-aux/setup-debian.sh installs it");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

/* With a start month, the Monthly sheet's month headers are dates, shown as their calendar
 * months ("Nov 2026", "Dec 2026", "Jan 2027" …), so that a spreadsheet sorts and filters them;
 * without one they stay "Month 1" …; every figure is the same either way. */
static void
test_xlsx_calendar_months (Fixture       *f,
                           gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_XLSX };
  g_autofree char *path = g_build_filename (f->out, "book.xlsx", NULL);
  g_autofree char *numbered_path = g_build_filename (f->out, "numbered.xlsx", NULL);
  g_autoptr(SkyScenario) web = web_scenario ();
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) numbered = NULL;
  g_autofree char *cells = NULL;
  g_autoptr(GError) error = NULL;
  GStrv header;

  if (!sky_export_can_write (SKY_EXPORT_XLSX))
    {
      g_test_skip ("this build writes no XLSX (made without libxlsxwriter)");
      return;
    }
  g_assert_true (sky_export_write (f->catalog, web, &options, numbered_path, NULL, NULL,
                                   &error));
  g_assert_no_error (error);
  web->start_year = 2026;
  web->start_month = 11;
  g_assert_true (sky_export_write (f->catalog, web, &options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  check_book (f->catalog, web, path, f->dir);

  /* 46327 is 2026-11-01 as a spreadsheet counts days, 46357 2026-12-01, 46388 2027-01-01. */
  cells = monthly_headers_xml (path);
  if (cells != NULL)
    {
      g_auto(GStrv) tokens = g_strsplit (cells, " ", -1);

      g_assert_true (g_str_has_prefix (cells, "n:46327 n:46357 n:46388 n:46419 "));
      /* Twelve dates, the total's header as text, the month format. */
      g_assert_cmpuint (g_strv_length (tokens), ==, 12 + 1 + 1);
      for (guint i = 0; i < 12; i++)
        g_assert_true (g_str_has_prefix (tokens[i], "n:"));
      g_assert_true (g_str_has_prefix (tokens[12], "s:"));
      g_assert_cmpstr (tokens[13], ==, "mmm-yyyy");
    }

  sheets = read_book (path, f->dir, FALSE);
  if (sheets == NULL)
    return;
  header = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (sheets, 1), 0);
  g_assert_cmpuint (g_strv_length (header), ==, 3 + 12 + 1);
  /* A date to the reader: ssconvert writes dates in CSV in its own form. */
  g_assert_cmpstr (header[3], ==, "2026/11/01");
  g_assert_cmpstr (header[4], ==, "2026/12/01");
  g_assert_cmpstr (header[5], ==, "2027/01/01");
  g_assert_cmpstr (header[14], ==, "2027/10/01");
  g_assert_cmpstr (header[15], ==, "Total");

  numbered = read_book (numbered_path, f->dir, FALSE);
  header = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (numbered, 1), 0);
  g_assert_cmpstr (header[3], ==, "Month 1");
  g_assert_cmpstr (header[14], ==, "Month 12");
  g_assert_cmpstr (header[15], ==, "Total");
}

/* The Summary sheet's budget verdict names the first month over the budget as the calendar
 * month it is when the scenario has a start month (the growth scenario's month 6 from March
 * 2027 is August 2027), and by its number without one; by the same excess either way. */
static void
test_xlsx_verdict_calendar (Fixture       *f,
                            gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_XLSX };
  g_autofree char *path = g_build_filename (f->out, "book.xlsx", NULL);
  g_autofree char *numbered_path = g_build_filename (f->out, "numbered.xlsx", NULL);
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) numbered = NULL;
  g_autoptr(GError) error = NULL;
  GStrv header, row;

  if (!sky_export_can_write (SKY_EXPORT_XLSX))
    {
      g_test_skip ("this build writes no XLSX (made without libxlsxwriter)");
      return;
    }
  g_assert_true (sky_export_write (f->catalog, f->scenario, &options, numbered_path, NULL, NULL,
                                   &error));
  g_assert_no_error (error);
  f->scenario->start_year = 2027;
  f->scenario->start_month = 3;
  g_assert_true (sky_export_write (f->catalog, f->scenario, &options, path, NULL, NULL, &error));
  g_assert_no_error (error);

  numbered = read_book (numbered_path, f->dir, FALSE);
  if (numbered == NULL)
    return;
  header = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (numbered, 0), 0);
  g_assert_cmpstr (header[7], ==, "Budget");
  row = row_of (g_ptr_array_index (numbered, 0), "Example Cloud", NULL);
  g_assert_true (g_str_has_prefix (row[7], "Over in month 6, by "));

  sheets = read_book (path, f->dir, FALSE);
  row = row_of (g_ptr_array_index (sheets, 0), "Example Cloud", NULL);
  g_assert_true (g_str_has_prefix (row[7], "Over from August 2027, by "));
  g_assert_null (strstr (row[7], "month"));
  /* The same excess either way. */
  g_assert_cmpstr (strstr (row[7], ", by "), ==,
                   strstr (((GStrv) row_of (g_ptr_array_index (numbered, 0), "Example Cloud",
                                            NULL))[7], ", by "));
}

/* Under a locale that writes numbers with a decimal comma, the workbook's numbers are still
 * the spreadsheet format's: read back, every figure is the same. */
static void
test_xlsx_german (Fixture       *f,
                  gconstpointer  data)
{
  SkyExportOptions options = { .format = SKY_EXPORT_XLSX };
  g_autofree char *path = g_build_filename (f->out, "book.xlsx", NULL);
  g_autoptr(SkyScenario) web = web_scenario ();
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GError) error = NULL;
  gboolean written;

  if (!sky_export_can_write (SKY_EXPORT_XLSX))
    {
      g_test_skip ("this build writes no XLSX (made without libxlsxwriter)");
      return;
    }
  if (!sky_test_use_locale ("de_DE.UTF-8"))
    return;
  written = sky_export_write (f->catalog, web, &options, path, NULL, NULL, &error);
  setlocale (LC_ALL, previous);
  g_assert_no_error (error);
  g_assert_true (written);
  check_book (f->catalog, web, path, f->dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/export/assumptions-path", test_assumptions_path);
#define ADD(name, func) \
  g_test_add ("/sky/export/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("csv-with-assumptions", test_csv_with_assumptions);
  ADD ("csv-assumptions-elsewhere", test_csv_assumptions_elsewhere);
  ADD ("json-projection", test_json_projection);
  ADD ("json-estimate", test_json_estimate);
  ADD ("json-estimate-freshness", test_json_estimate_freshness);
  ADD ("pdf", test_pdf);
  ADD ("cancelled", test_cancelled);
  ADD ("keeps-links", test_keeps_links);
  ADD ("planted-link", test_planted_link);
  ADD ("keeps-mode", test_keeps_mode);
  ADD ("to-fifo", test_to_fifo);
  ADD ("fails-cleanly", test_fails_cleanly);
  ADD ("csv-all-or-nothing", test_csv_all_or_nothing);
  ADD ("sheet-version-per-line", test_sheet_version_per_line);
  ADD ("csv-line-columns", test_csv_line_columns);
  ADD ("xlsx", test_xlsx);
  ADD ("xlsx-german", test_xlsx_german);
  ADD ("xlsx-calendar-months", test_xlsx_calendar_months);
  ADD ("xlsx-verdict-calendar", test_xlsx_verdict_calendar);
  ADD ("calendar-months", test_calendar_months);
#undef ADD

  return g_test_run ();
}
