/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sky-scenario.h"
#include "sky-test-util.h"

/* Scenario files: reading, writing them back unchanged, saving atomically, and a clear error
 * with line and column for each kind of bad file. */

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static SkyScenario *
load_fixture (void)
{
  g_autofree char *path = data_file ("web.skytally");
  g_autoptr(GError) error = NULL;
  SkyScenario *s = sky_scenario_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
test_read (void)
{
  g_autoptr(SkyScenario) s = load_fixture ();
  SkyScenarioLine *line;
  SkyExchangeRate *rate;
  g_autofree char *hours = sky_decimal_to_string (s->hours_per_month);

  g_assert_cmpstr (s->name, ==, "Web product");
  g_assert_cmpstr (s->currency, ==, "USD");
  g_assert_cmpstr (hours, ==, "730");
  g_assert_nonnull (strstr (s->notes, "Written by hand"));
  g_assert_cmpuint (s->providers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (s->providers, 1), ==, "othercloud");
  g_assert_cmpuint (s->lines->len, ==, 5);

  line = g_ptr_array_index (s->lines, 0);
  g_assert_cmpint (line->kind, ==, SKY_LINE_REQUIREMENT);
  g_assert_cmpstr (line->group, ==, "API");
  g_assert_cmpstr (line->category, ==, "compute");
  g_assert_cmpint (line->min_vcpu_milli, ==, 2000);
  g_assert_cmpstr (line->os, ==, "linux");
  g_assert_false (line->has_usage);
  {
    g_autofree char *usage = sky_decimal_to_string (sky_scenario_line_usage (s, line));
    g_assert_cmpstr (usage, ==, "730");
  }

  line = g_ptr_array_index (s->lines, 3);
  g_assert_cmpint (line->kind, ==, SKY_LINE_OFFER);
  g_assert_cmpstr (line->provider, ==, "examplecloud");
  g_assert_cmpstr (line->sku, ==, "std-2-us");
  g_assert_null (line->sheet_version);
  g_assert_cmpstr (line->term, ==, "reserved-1y-partial-upfront");

  rate = g_ptr_array_index (s->rates, 0);
  g_assert_cmpstr (rate->from, ==, "EUR");
  g_assert_cmpstr (rate->date, ==, "2026-11-01");
  g_assert_cmpuint (s->discounts->len, ==, 1);
  g_assert_cmpuint (s->credits->len, ==, 1);
}

/* What is written reads back the same, and writes the same text again: files diff cleanly. */
static void
test_round_trip (void)
{
  g_autoptr(SkyScenario) s = load_fixture ();
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

  line->label = g_strdup ("Objects & <backups>");
  line->unit = g_strdup ("gb-month");
  line->has_usage = TRUE;
  sky_decimal_parse ("2048.5", 10, FALSE, &line->usage, NULL);
  line->category = g_strdup ("storage");
  line->geography = g_strdup ("EU");
  line->storage_types = g_strsplit ("object-standard object-hot", " ", -1);
  g_ptr_array_add (s->lines, line);
  sky_scenario_set_sheet_version (s, "examplecloud", "2026.1");

  first = sky_scenario_to_xml (s);
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);

  line = g_ptr_array_index (again->lines, 5);
  g_assert_cmpstr (line->label, ==, "Objects & <backups>");
  g_assert_cmpstr (line->storage_types[1], ==, "object-hot");
  g_assert_cmpstr (sky_scenario_get_sheet_version (again, "examplecloud"), ==, "2026.1");
  g_assert_nonnull (strstr (first, "    <requirement category=\"storage\" geography=\"EU\" "
                                   "storage-types=\"object-standard object-hot\"/>\n"));
}

/* A file of the earlier form pins every service of a provider with one <sheet> without a
 * service: it reads as before, each service of the provider pinned to that version, and is
 * written back in that form. */
static void
test_sheet_pins_earlier_form (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Old\" currency=\"USD\">\n"
    "  <priced-against>\n"
    "    <sheet provider=\"aws\" version=\"2025.06\"/>\n"
    "  </priced-against>\n"
    "</scenario>\n";
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  SkySheetRef *ref;

  s = sky_scenario_parse (text, strlen (text), "old", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->priced_against->len, ==, 1);
  ref = g_ptr_array_index (s->priced_against, 0);
  g_assert_null (ref->service);
  g_assert_cmpstr (sky_scenario_get_sheet_version (s, "aws"), ==, "2025.06");
  g_assert_cmpstr (sky_scenario_get_service_version (s, "aws", "ec2"), ==, "2025.06");
  g_assert_cmpstr (sky_scenario_get_service_version (s, "aws", "s3"), ==, "2025.06");
  g_assert_null (sky_scenario_get_service_version (s, "gcp", "compute-engine"));
  written = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (written, "    <sheet provider=\"aws\" version=\"2025.06\"/>\n"));
}

/* A scenario pins a sheet version per service: written with the service, read back the same;
 * a service's own pin wins over its provider's; pinning the whole provider replaces them. */
static void
test_sheet_pins_per_service (void)
{
  g_autoptr(SkyScenario) s = sky_scenario_new ("Pins", "USD");
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  sky_scenario_set_service_version (s, "aws", "ec2", "2026.01");
  sky_scenario_set_service_version (s, "aws", "s3", "2025.06");
  sky_scenario_set_service_version (s, "aws", "ec2", "2026.02");
  sky_scenario_set_sheet_version (s, "gcp", "2026.07");
  g_assert_cmpuint (s->priced_against->len, ==, 3);
  /* Two versions: the provider as a whole has none. */
  g_assert_null (sky_scenario_get_sheet_version (s, "aws"));
  g_assert_cmpstr (sky_scenario_get_service_version (s, "aws", "ec2"), ==, "2026.02");
  g_assert_null (sky_scenario_get_service_version (s, "aws", "lambda"));

  first = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (first, "    <sheet provider=\"aws\" service=\"ec2\" "
                                   "version=\"2026.02\"/>\n"
                                   "    <sheet provider=\"aws\" service=\"s3\" "
                                   "version=\"2025.06\"/>\n"
                                   "    <sheet provider=\"gcp\" version=\"2026.07\"/>\n"));
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (sky_scenario_get_service_version (again, "aws", "s3"), ==, "2025.06");
  g_assert_cmpstr (sky_scenario_get_service_version (again, "gcp", "cloud-storage"), ==,
                   "2026.07");

  /* A service's pin beside its provider's wins over it. */
  sky_scenario_set_service_version (again, "gcp", "cloud-storage", "2026.08");
  g_assert_cmpstr (sky_scenario_get_service_version (again, "gcp", "cloud-storage"), ==,
                   "2026.08");
  g_assert_cmpstr (sky_scenario_get_service_version (again, "gcp", "compute-engine"), ==,
                   "2026.07");
  g_assert_cmpstr (sky_scenario_get_sheet_version (again, "gcp"), ==, "2026.07");

  /* Pinning every service replaces the services' own pins; NULL pins none. */
  sky_scenario_set_sheet_version (again, "aws", "2026.03");
  g_assert_cmpstr (sky_scenario_get_service_version (again, "aws", "s3"), ==, "2026.03");
  g_assert_cmpstr (sky_scenario_get_sheet_version (again, "aws"), ==, "2026.03");
  sky_scenario_set_sheet_version (again, "aws", NULL);
  g_assert_null (sky_scenario_get_service_version (again, "aws", "s3"));
  g_assert_cmpuint (again->priced_against->len, ==, 2);
}

/* Tabs, line breaks and carriage returns in attributes, and carriage returns in the notes, are
 * written as character references, so that they read back as they were (a parser turns them
 * into spaces, or a CR LF into LF, when written as they are): a label with a tab kept its
 * growth rule in memory but not in the file. */
static void
test_round_trip_whitespace (void)
{
  /* As the fuzz target checks: read, write, read, write the same text. */
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a&#9;b\" "
    "currency=\"USD\">\n"
    "  <notes>one&#13;\ntwo&#13;three\tfour</notes>\n"
    "  <line label=\"API&#9;servers&#10;EU&#13;\" group=\"g&#13;&#10;h\" unit=\"hour\">\n"
    "    <requirement category=\"compute\"/>\n  </line>\n"
    "  <projection>\n    <growth line=\"API&#9;servers&#10;EU&#13;\" percent=\"5\"/>\n"
    "  </projection>\n</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(SkyScenario) copy = NULL;
  g_autofree char *first = NULL, *second = NULL;
  SkyScenarioLine *line;
  SkyGrowth *growth;

  g_assert_no_error (error);
  g_assert_cmpstr (s->name, ==, "a\tb");
  g_assert_cmpstr (s->notes, ==, "one\r\ntwo\rthree\tfour");
  line = g_ptr_array_index (s->lines, 0);
  g_assert_cmpstr (line->label, ==, "API\tservers\nEU\r");
  g_assert_cmpstr (line->group, ==, "g\r\nh");

  first = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (first, " label=\"API&#9;servers&#10;EU&#13;\""));
  g_assert_nonnull (strstr (first, "<notes>one&#13;\ntwo&#13;three\tfour</notes>"));
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpstr (again->name, ==, "a\tb");
  g_assert_cmpstr (again->notes, ==, "one\r\ntwo\rthree\tfour");
  line = g_ptr_array_index (again->lines, 0);
  g_assert_cmpstr (line->label, ==, "API\tservers\nEU\r");
  g_assert_cmpstr (line->group, ==, "g\r\nh");
  growth = g_ptr_array_index (again->growth, 0);
  g_assert_cmpstr (growth->line, ==, line->label);

  /* A copy (each month of a projection is one) keeps them too. */
  copy = sky_scenario_copy (s);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (copy->lines, 0))->label, ==,
                   "API\tservers\nEU\r");
}

/* Save, open, save: the same bytes. */
static void
test_file_round_trip (void)
{
  g_autoptr(SkyScenario) s = load_fixture ();
  g_autoptr(SkyScenario) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *first = g_build_filename (dir, "first.skytally", NULL);
  g_autofree char *second = g_build_filename (dir, "second.skytally", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize la = 0, lb = 0;

  g_assert_true (sky_scenario_save (s, first, &error));
  opened = sky_scenario_load (first, &error);
  g_assert_no_error (error);
  g_assert_true (sky_scenario_save (opened, second, &error));
  g_file_get_contents (first, &a, &la, &error);
  g_file_get_contents (second, &b, &lb, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a, la, b, lb);
  sky_test_remove_tree (dir);
}

static void
test_save (void)
{
  g_autoptr(SkyScenario) s = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "web.skytally", NULL);
  g_autofree char *link = g_build_filename (dir, "link.skytally", NULL);
  g_autofree char *text = NULL;
  g_autofree char *xml = sky_scenario_to_xml (s);
  GStatBuf st;

  g_assert_true (sky_scenario_save (s, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_cmpstr (text, ==, xml);

  /* The file keeps its permissions; saving through a link replaces the file it points to. */
  g_chmod (path, 0600);
  g_assert_cmpint (symlink ("web.skytally", link), ==, 0);
  g_free (s->name);
  s->name = g_strdup ("Renamed");
  g_assert_true (sky_scenario_save (s, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&text, g_free);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_nonnull (strstr (text, "name=\"Renamed\""));

  sky_test_remove_tree (dir);
}

/* A disk that fills up during a save leaves the previous file as it was. The child process
 * may write no more than 200 bytes to any file, as on a full disk. */
static void
test_save_full_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "web.skytally", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *source = data_file ("web.skytally");

  g_file_get_contents (source, &before, NULL, &error);
  g_file_set_contents (path, before, -1, &error);
  g_assert_no_error (error);

  if (g_test_subprocess ())
    {
      g_autoptr(SkyScenario) s = load_fixture ();
      struct rlimit limit = { 200, 200 };
      const char *target = g_getenv ("SKYTALLY_TEST_TARGET");

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_free (s->name);
      s->name = g_strdup ("Changed");
      g_assert_false (sky_scenario_save (s, target, &error));
      g_printerr ("%s\n", error->message);
      return;
    }

  g_setenv ("SKYTALLY_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Cannot save*");

  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
  sky_test_remove_tree (dir);
}

/* Each kind of bad file gets its own message naming the line and column. */
static void
test_errors (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\">\n  </scenario>\n",
      SKY_SCENARIO_ERROR_MALFORMED, "t:3:" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE scenario [<!ENTITY a \"b\">]>\n<scenario/>\n",
      SKY_SCENARIO_ERROR_MALFORMED, "t:2:1: a scenario may not have a document type" },
    { "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\"/>\n",
      SKY_SCENARIO_ERROR_NOT_A_SCENARIO, "t:1:1: not a Skytally scenario" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"2\" name=\"a\" currency=\"USD\"/>",
      SKY_SCENARIO_ERROR_TOO_NEW, "t:1:43: this scenario is in format 2, newer than" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"XYZ\"/>",
      SKY_SCENARIO_ERROR_INVALID, "t:1:63: unknown currency “XYZ”" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hours\"><requirement category=\"compute\"/></line>\n"
      "</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:19: unknown unit “hours”" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\" quantity=\"-2\"><requirement category=\"compute\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:31: quantity “-2” of <line>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\" colour=\"red\"><requirement category=\"compute\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:31: unknown attribute “colour” in <line>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line unit=\"hour\"><requirement category=\"compute\"/></line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:3: <line> needs the attribute “label”" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:3: a <line> needs a <requirement> or an <offer>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\"/>"
      "<requirement category=\"compute\"/></line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:64: a <line> holds one <requirement> or one <offer>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <discount provider=\"aws\" percent=\"120\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:28: a discount cannot be more than 100 %" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.1\" date=\"2026-13-01\"/>\n"
      "</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:49: date “2026-13-01” of <exchange-rate>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <widget/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:3: unknown element <widget> in <scenario>" },
    { "", SKY_SCENARIO_ERROR_MALFORMED, "t:1:1:" },
    /* An attribute that is there but empty is said so, whichever it is. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <providers><provider id=\"\"/></providers>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:24: the attribute “id” of <provider> is empty" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"\" date=\"2026-11-01\"/>\n"
      "</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:38: the attribute “rate” of <exchange-rate> is empty" },
    /* The band of sizes a requirement accepts starts at the size asked for. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" min-vcpu=\"2\" "
      "max-oversize=\"0.5\"/></line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:76: max-oversize of <requirement> must be at least 1" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" min-vcpu=\"2\" "
      "max-oversize=\"99999999999999999999999999\"/></line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:76: max-oversize of <requirement> is too large" },
    /* A start month is a calendar month, year and month, written as ISO 8601 writes it. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection months=\"24\" start-month=\"2027-13\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:27: start-month of <projection> is a calendar month such "
      "as “2027-01” (year, then month 01 to 12), not “2027-13”" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection start-month=\"2027-1\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:15: start-month of <projection> is a calendar month" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection start-month=\"2027-01-01\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:15: start-month of <projection> is a calendar month" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection start-month=\"Jan 2027\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:15: start-month of <projection> is a calendar month" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection start-month=\"0999-12\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:15: start-month of <projection> is a calendar month" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection start-month=\"\"/>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:15: the attribute “start-month” of <projection> is empty" },
    /* Growth of -100 % or less would take quantities to zero and below. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection>\n    <growth percent=\"-100\"/>\n  </projection>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:3:13: percent of <growth> must be more than -100" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <projection>\n    <growth line=\"x\" percent=\"-250.5\" step=\"true\"/>\n"
      "  </projection>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:3:22: percent of <growth> must be more than -100" },
    /* One rate per pair and date: a second would be ignored without a word. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.1\" date=\"2026-11-01\"/>\n"
      "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.2\" date=\"2026-11-02\"/>\n"
      "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.08\" date=\"2026-11-01\"/>\n"
      "</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:4:3: a second exchange rate from EUR to USD on 2026-11-01 "
      "(the first is on line 2)" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <exchange-rate from=\"USD\" to=\"USD\" rate=\"1.5\" date=\"2026-11-01\"/>\n"
      "</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:38: a rate from USD to USD itself is 1, not “1.5”" },
    /* A requirement asks for an architecture and a row that the lists have. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" tenancy=\"private\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: unknown tenancy “private” in <requirement>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" "
      "architecture=\"x86_64\"/></line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: unknown architecture “x86_64” in <requirement>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" licence=\"own\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: unknown licence “own” in <requirement>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" capacity=\"spare\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: unknown capacity “spare” in <requirement>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" software=\"SQL\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: software “SQL” of <requirement> is not an identifier" },
    /* A database engine the vocabulary has, asked of a database only. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"database\" engine=\"postgres\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:64: unknown engine “postgres” in <requirement>" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\"><requirement category=\"compute\" engine=\"mysql\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:63: engine of <requirement> is for a requirement of "
      "category database, not compute" },
    /* Dev/test prices are the scenario's choice, not a line's. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
      "  <line label=\"x\" unit=\"hour\" term=\"dev-test\"><requirement category=\"compute\"/>"
      "</line>\n</scenario>\n",
      SKY_SCENARIO_ERROR_INVALID, "t:2:31: a <line> is not priced at “dev-test” itself" },
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\" "
      "dev-test=\"yes\"/>",
      SKY_SCENARIO_ERROR_INVALID, "t:1:78: unknown dev-test “yes” in <scenario>" },
    /* The currency is read after the name; without a name it is left unread. */
    { "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" currency=\"USD\"/>",
      SKY_SCENARIO_ERROR_INVALID, "t:1:1: <scenario> needs the attribute “name”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyScenario) s = sky_scenario_parse (cases[i].text, strlen (cases[i].text), "t",
                                                     &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error != NULL ? error->message : "");
      g_assert_null (s);
      g_assert_error (error, SKY_SCENARIO_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* A requirement's architecture and row, and the scenario's dev/test setting, read back as they
 * were written; a scenario without them is read as before and writes none. */
static void
test_attributes_round_trip (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Rows\" currency=\"USD\" "
    "dev-test=\"true\">\n"
    "  <line label=\"SQL\" quantity=\"1\" unit=\"hour\" term=\"on-demand\">\n"
    "    <requirement category=\"compute\" architecture=\"x86-64\" tenancy=\"dedicated\" "
    "licence=\"byol\" software=\"sql-web\" capacity=\"unused-reservation\"/>\n"
    "  </line>\n"
    "  <line label=\"Arm\" quantity=\"1\" unit=\"hour\" term=\"reserved-convertible-1y-no-upfront\">\n"
    "    <requirement category=\"compute\" architecture=\"arm64\" software=\"none\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);
  g_autoptr(SkyScenario) plain = load_fixture ();
  g_autoptr(SkyScenario) copy = NULL;
  g_autofree char *written = NULL;
  g_autofree char *plain_text = NULL;
  SkyScenarioLine *line;

  g_assert_no_error (error);
  g_assert_true (s->dev_test);
  line = g_ptr_array_index (s->lines, 0);
  g_assert_cmpstr (line->architecture, ==, "x86-64");
  g_assert_cmpstr (line->tenancy, ==, "dedicated");
  g_assert_cmpstr (line->licence, ==, "byol");
  g_assert_cmpstr (line->software, ==, "sql-web");
  g_assert_cmpstr (line->capacity, ==, "unused-reservation");
  line = g_ptr_array_index (s->lines, 1);
  g_assert_cmpstr (line->term, ==, "reserved-convertible-1y-no-upfront");
  g_assert_cmpstr (line->architecture, ==, "arm64");
  /* No software is what no attribute says. */
  g_assert_null (line->software);
  g_assert_null (line->tenancy);

  written = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (written, " dev-test=\"true\">\n"));
  g_assert_nonnull (strstr (written, "<requirement category=\"compute\" architecture=\"x86-64\" "
                                     "tenancy=\"dedicated\" licence=\"byol\" "
                                     "software=\"sql-web\" capacity=\"unused-reservation\"/>"));
  g_assert_nonnull (strstr (written, "<requirement category=\"compute\" "
                                     "architecture=\"arm64\"/>"));
  copy = sky_scenario_copy (s);
  g_assert_true (copy->dev_test);
  g_assert_cmpstr (((SkyScenarioLine *) copy->lines->pdata[0])->capacity, ==,
                   "unused-reservation");

  /* An older scenario: no dev/test prices, default rows of any architecture. */
  g_assert_false (plain->dev_test);
  line = g_ptr_array_index (plain->lines, 0);
  g_assert_null (line->architecture);
  g_assert_null (line->tenancy);
  g_assert_null (line->licence);
  g_assert_null (line->software);
  g_assert_null (line->capacity);
  plain_text = sky_scenario_to_xml (plain);
  g_assert_null (strstr (plain_text, "dev-test"));
  g_assert_null (strstr (plain_text, "tenancy"));
}

/* A requirement's database engine is read back as it was written, copied with its line; one
 * without it (as every older file) asks for none and writes none. */
static void
test_engine_round_trip (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Db\" currency=\"USD\">\n"
    "  <line label=\"PostgreSQL server\" quantity=\"1\" unit=\"hour\" term=\"on-demand\">\n"
    "    <requirement category=\"database\" min-vcpu=\"2\" engine=\"postgresql\"/>\n"
    "  </line>\n"
    "  <line label=\"Any database\" quantity=\"1\" unit=\"hour\" term=\"on-demand\">\n"
    "    <requirement category=\"database\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(SkyScenarioLine) copy = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (((SkyScenarioLine *) s->lines->pdata[0])->engine, ==, "postgresql");
  g_assert_null (((SkyScenarioLine *) s->lines->pdata[1])->engine);
  copy = sky_scenario_line_copy (s->lines->pdata[0]);
  g_assert_cmpstr (copy->engine, ==, "postgresql");

  written = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (written, "<requirement category=\"database\" min-vcpu=\"2\" "
                                     "engine=\"postgresql\"/>"));
  g_assert_nonnull (strstr (written, "<requirement category=\"database\"/>"));
  again = sky_scenario_parse (written, strlen (written), "t", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SkyScenarioLine *) again->lines->pdata[0])->engine, ==, "postgresql");
  g_assert_null (((SkyScenarioLine *) again->lines->pdata[1])->engine);
}

/* A projection's start month reads back as written, names the calendar month of every month
 * of the projection (across the turn of a year), and a copy keeps it; cleared, it is written no
 * more. A file without it (as every older one) numbers its months. */
static void
test_start_month_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "scenario",
                                                 "start-month.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(SkyScenario) copy = NULL;
  g_autoptr(SkyScenario) old = load_fixture ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m14 = NULL;
  g_autofree char *old_text = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *label = NULL;

  g_assert_no_error (error);
  g_assert_true (sky_scenario_has_calendar (s));
  g_assert_cmpuint (s->start_year, ==, 2026);
  g_assert_cmpuint (s->start_month, ==, 11);
  g_assert_cmpuint (s->projection_months, ==, 14);
  m1 = sky_scenario_calendar_month (s, 1);
  m2 = sky_scenario_calendar_month (s, 2);
  m3 = sky_scenario_calendar_month (s, 3);
  m14 = sky_scenario_calendar_month (s, 14);
  g_assert_cmpstr (m1, ==, "2026-11");
  g_assert_cmpstr (m2, ==, "2026-12");
  g_assert_cmpstr (m3, ==, "2027-01");
  g_assert_cmpstr (m14, ==, "2027-12");
  date = sky_scenario_month_date (s, 3);
  label = g_date_time_format (date, "%b %Y");
  g_assert_cmpstr (label, ==, "Jan 2027");

  first = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (first, "  <projection months=\"14\" start-month=\"2026-11\">\n"));
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (second, ==, first);
  copy = sky_scenario_copy (s);
  g_assert_cmpuint (copy->start_year, ==, 2026);
  g_assert_cmpuint (copy->start_month, ==, 11);

  /* A start month alone is enough to write the projection. */
  again->projection_months = 12;
  g_ptr_array_set_size (again->growth, 0);
  g_clear_pointer (&second, g_free);
  second = sky_scenario_to_xml (again);
  g_assert_nonnull (strstr (second, "  <projection months=\"12\" start-month=\"2026-11\">\n"
                                    "  </projection>\n"));
  again->start_year = 0;
  again->start_month = 0;
  cleared = sky_scenario_to_xml (again);
  g_assert_null (strstr (cleared, "start-month"));
  g_assert_null (strstr (cleared, "<projection"));

  g_assert_false (sky_scenario_has_calendar (old));
  g_assert_null (sky_scenario_calendar_month (old, 1));
  g_assert_null (sky_scenario_month_date (old, 1));
  old_text = sky_scenario_to_xml (old);
  g_assert_null (strstr (old_text, "start-month"));
}

/* Calendar months are read as "YYYY-MM" and nothing else. */
static void
test_calendar_month_parse (void)
{
  static const char * const bad[] = { "2027-13", "2027-00", "2027-1", "27-01", "2027/01",
                                      "2027-01-01", "0999-12", "０２０２-01", " 2027-01",
                                      "2027-01 ", "", "+202-01", NULL };
  guint year = 0, month = 0;

  g_assert_true (sky_calendar_month_parse ("2027-01", &year, &month));
  g_assert_cmpuint (year, ==, 2027);
  g_assert_cmpuint (month, ==, 1);
  g_assert_true (sky_calendar_month_parse ("9999-12", &year, &month));
  g_assert_cmpuint (year, ==, 9999);
  g_assert_cmpuint (month, ==, 12);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (sky_calendar_month_parse (bad[i], &year, &month));
    }
  g_assert_false (sky_calendar_month_parse (NULL, &year, &month));
}

/* The catalog's candidates kept with a scenario read back as written, in their order, each
 * named by provider, sheet version, service (when known), SKU, region, purchase option and
 * unit; a copy keeps them. A file without them (as every older one) has none and writes
 * none. */
static void
test_kept_offers_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "scenario",
                                                 "kept-offers.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(SkyScenario) copy = NULL;
  g_autoptr(SkyScenario) old = NULL;
  g_autoptr(SkyKeptOffer) dup = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *old_text = NULL;
  SkyKeptOffer *k;

  g_assert_no_error (error);
  g_assert_cmpuint (s->kept_offers->len, ==, 2);
  k = g_ptr_array_index (s->kept_offers, 0);
  g_assert_cmpstr (k->provider, ==, "examplecloud");
  g_assert_cmpstr (k->sheet_version, ==, "2026.1");
  g_assert_cmpstr (k->service, ==, "compute");
  g_assert_cmpstr (k->sku, ==, "std-2-us");
  g_assert_cmpstr (k->region, ==, "us-east");
  g_assert_cmpstr (k->term, ==, "on-demand");
  g_assert_cmpstr (k->unit, ==, "hour");
  k = g_ptr_array_index (s->kept_offers, 1);
  g_assert_null (k->service);
  g_assert_cmpstr (k->term, ==, "reserved-1y-no-upfront");
  /* Not the scoring candidates. */
  g_assert_cmpuint (s->candidates->len, ==, 0);

  first = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (first, "  <kept-offers>\n"
                                   "    <offer provider=\"examplecloud\" sheet-version=\"2026.1\" "
                                   "service=\"compute\" sku=\"std-2-us\" region=\"us-east\" "
                                   "term=\"on-demand\" unit=\"hour\"/>\n"));
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);
  copy = sky_scenario_copy (s);
  g_assert_cmpuint (copy->kept_offers->len, ==, 2);
  dup = sky_kept_offer_copy (g_ptr_array_index (s->kept_offers, 0));
  g_assert_true (sky_kept_offer_equal (dup, g_ptr_array_index (copy->kept_offers, 0)));
  g_assert_false (sky_kept_offer_equal (dup, g_ptr_array_index (copy->kept_offers, 1)));
  /* A service not known (as the settings keep them) names the same price. */
  g_clear_pointer (&dup->service, g_free);
  g_assert_true (sky_kept_offer_equal (dup, g_ptr_array_index (copy->kept_offers, 0)));

  old = load_fixture ();
  g_assert_cmpuint (old->kept_offers->len, ==, 0);
  old_text = sky_scenario_to_xml (old);
  g_assert_null (strstr (old_text, "kept-offers"));

  /* Each names its price whole. */
  for (const char * const *missing = (const char * const []) { "provider", "sheet-version",
                                                               "sku", "region", "term", "unit",
                                                               NULL };
       *missing != NULL; missing++)
    {
      g_autoptr(GString) text = g_string_new ("<scenario xmlns=\"urn:skytally:scenario:1\" "
                                              "format=\"1\" name=\"a\" currency=\"USD\">"
                                              "<kept-offers><offer");
      g_autoptr(SkyScenario) bad = NULL;
      static const char * const names[] = { "provider", "sheet-version", "sku", "region",
                                             "term", "unit", NULL };

      for (guint i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], *missing) != 0)
          g_string_append_printf (text, " %s=\"x\"", names[i]);
      g_string_append (text, "/></kept-offers></scenario>");
      bad = sky_scenario_parse (text->str, text->len, "bad", &error);
      g_assert_null (bad);
      g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, *missing));
      g_clear_error (&error);
    }
}

/* A quantity may shrink by anything short of all of it each month. */
static void
test_growth_floor (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
    "  <projection>\n    <growth percent=\"-99.999999\"/>\n  </projection>\n</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);
  g_autofree char *percent = NULL;

  g_assert_no_error (error);
  percent = sky_decimal_to_string (((SkyGrowth *) g_ptr_array_index (s->growth, 0))->percent);
  g_assert_cmpstr (percent, ==, "-99.999999");
}

/* Rates of one pair on different dates, of a currency to itself at 1, and of the reverse pair
 * on the same date are all read. */
static void
test_rates (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"a\" currency=\"USD\">\n"
    "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.1\" date=\"2026-11-01\"/>\n"
    "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.2\" date=\"2026-12-01\"/>\n"
    "  <exchange-rate from=\"USD\" to=\"EUR\" rate=\"0.9\" date=\"2026-11-01\"/>\n"
    "  <exchange-rate from=\"USD\" to=\"USD\" rate=\"1.000\" date=\"2026-11-01\"/>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (s->rates->len, ==, 4);
}

/* A scenario of @lines lines, each a comment but the first and the last. */
static GString *
scenario_of_lines (guint lines)
{
  GString *text = g_string_new ("<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                                "name=\"a\" currency=\"USD\">\n");

  for (guint i = 2; i < lines; i++)
    g_string_append (text, "  <!-- a line -->\n");
  g_string_append (text, "</scenario>\n");
  return text;
}

/* A file has at most SKY_SCENARIO_MAX_LINES lines; the first past it is named. */
static void
test_line_limit (void)
{
  g_autoptr(GString) most = scenario_of_lines (SKY_SCENARIO_MAX_LINES);
  g_autoptr(GString) more = scenario_of_lines (SKY_SCENARIO_MAX_LINES + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(SkyScenario) too_many = NULL;
  g_autofree char *expected = g_strdup_printf ("t:%d:1: a scenario has at most %d lines",
                                               SKY_SCENARIO_MAX_LINES + 1,
                                               SKY_SCENARIO_MAX_LINES);

  g_assert_cmpint (SKY_SCENARIO_MAX_LINES, ==, 20000);
  s = sky_scenario_parse (most->str, most->len, "t", &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);

  too_many = sky_scenario_parse (more->str, more->len, "t", &error);
  g_assert_null (too_many);
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, expected));

  /* Without its last line break it is still one line too many. */
  g_clear_error (&error);
  too_many = sky_scenario_parse (more->str, more->len - 1, "t", &error);
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE);
}

/* A scenario whose file would be over the limit is not saved: it could not be opened again.
 * The file on disk stays as it was. */
static void
test_save_too_many_lines (void)
{
  g_autoptr(SkyScenario) s = load_fixture ();
  g_autoptr(SkyScenario) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "web.skytally", NULL);
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (sky_scenario_save (s, path, &error));
  g_file_get_contents (path, &before, NULL, &error);
  g_assert_no_error (error);
  /* Three lines each. */
  while (s->lines->len < SKY_SCENARIO_MAX_LINES / 3 + 1)
    g_ptr_array_add (s->lines,
                     sky_scenario_line_copy (g_ptr_array_index (s->lines, 0)));
  g_assert_false (sky_scenario_save (s, path, &error));
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "at most 20000 lines"));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);

  /* A copy in memory is not a file: it keeps every line. */
  copy = sky_scenario_copy (s);
  g_assert_cmpuint (copy->lines->len, ==, s->lines->len);
  sky_test_remove_tree (dir);
}

/* AddressSanitizer maps terabytes of address space: no limit on it can be set there. */
#ifdef __SANITIZE_ADDRESS__
#define ADDRESS_SANITIZER 1
#endif
#ifdef __has_feature
#if __has_feature (address_sanitizer)
#define ADDRESS_SANITIZER 1
#endif
#endif

/* In the subprocess, a scenario path that must be refused at once: reading it to the end
 * would never end (a FIFO without a writer blocks in open(), /dev/zero has no end), so the
 * subprocess may take 10 s and 256 MiB of address space before it counts as failed. */
static void
assert_refused_at_once (const char *path,
                        const char *message)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyScenario) s = NULL;
#ifndef ADDRESS_SANITIZER
      struct rlimit limit = { 256 << 20, 256 << 20 };

      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
      s = sky_scenario_load (g_getenv ("SKYTALLY_TEST_TARGET"), &error);
      g_assert_null (s);
      g_printerr ("%d %s\n", error->code, error->message);
      return;
    }
  g_setenv ("SKYTALLY_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr (message);
}

/* A FIFO is refused at once, by name, rather than waiting for ever for a writer. */
static void
test_load_fifo (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "pipe.skytally", NULL);
  g_autofree char *message = g_strdup_printf ("%d %s: not a regular file*", SKY_SCENARIO_ERROR_IO,
                                              path);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  assert_refused_at_once (path, message);
  sky_test_remove_tree (dir);
}

/* A symbolic link to a device is refused: /dev/zero was read until memory ran out. */
static void
test_load_device (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "zero.skytally", NULL);
  g_autofree char *message = g_strdup_printf ("%d %s: not a regular file*", SKY_SCENARIO_ERROR_IO,
                                              path);

  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  assert_refused_at_once (path, message);
  sky_test_remove_tree (dir);
}

/* A file one byte over the limit is refused without being read. */
static void
test_load_too_large (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.skytally", NULL);
  g_autofree char *message = g_strdup_printf ("%d %s: a scenario file is at most 16 MiB*",
                                              SKY_SCENARIO_ERROR_TOO_LARGE, path);
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, SKY_SCENARIO_MAX_SIZE + 1), ==, 0);
  close (fd);
  assert_refused_at_once (path, message);
  sky_test_remove_tree (dir);
}

/* An entity-expansion bomb without a document type cannot be written; one with a document
 * type is refused before parsing. */
static void
test_bomb (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                                          "<!ENTITY lol \"lol\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = NULL;

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (text, "<!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (text, "&lol;");
          else
            g_string_append_printf (text, "&lol%d;", i - 1);
        }
      g_string_append (text, "\">\n");
    }
  g_string_append (text, "]>\n<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                         "name=\"&lol9;\" currency=\"USD\"/>\n");
  s = sky_scenario_parse (text->str, text->len, "bomb", &error);
  g_assert_null (s);
  g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "bomb:2:1:"));
}

/* A line's deployment and regions and the scenario's required availability are read, written
 * back the same, and left out when they are the defaults; an older file reads as single, one
 * region, no requirement. */
static void
test_availability_round_trip (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"HA\" currency=\"USD\">\n"
    "  <line label=\"db\" unit=\"hour\" deployment=\"standby-zone\" regions=\"2\">\n"
    "    <requirement category=\"database\"/>\n  </line>\n"
    "  <line label=\"web\" unit=\"hour\" deployment=\"single\">\n"
    "    <requirement category=\"compute\"/>\n  </line>\n"
    "  <budget monthly=\"100\"/>\n"
    "  <availability required=\"99.99\"/>\n"
    "  <projection months=\"24\"/>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);
  g_autoptr(SkyScenario) again = NULL;
  g_autoptr(SkyScenario) old = load_fixture ();
  g_autofree char *first = NULL, *second = NULL, *old_xml = NULL;
  g_autofree char *required_text = NULL;
  SkyScenarioLine *db, *web;
  SkyDecimal required;

  g_assert_no_error (error);
  db = g_ptr_array_index (s->lines, 0);
  web = g_ptr_array_index (s->lines, 1);
  g_assert_cmpstr (sky_scenario_line_get_deployment (db), ==, "standby-zone");
  g_assert_cmpuint (sky_scenario_line_get_regions (db), ==, 2);
  g_assert_cmpstr (sky_scenario_line_get_deployment (web), ==, "single");
  g_assert_null (web->deployment);
  g_assert_cmpuint (sky_scenario_line_get_regions (web), ==, 1);
  g_assert_true (sky_scenario_get_required_availability (s, &required));
  required_text = sky_decimal_to_string (required);
  g_assert_cmpstr (required_text, ==, "99.99");

  first = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (first, "<line label=\"db\" quantity=\"1\" unit=\"hour\" "
                                   "term=\"on-demand\" deployment=\"standby-zone\" "
                                   "regions=\"2\">"));
  g_assert_nonnull (strstr (first, "<line label=\"web\" quantity=\"1\" unit=\"hour\" "
                                   "term=\"on-demand\">"));
  g_assert_nonnull (strstr (first, "<availability required=\"99.99\"/>"));
  g_assert_true (strstr (first, "<availability") > strstr (first, "<budget"));
  g_assert_true (strstr (first, "<availability") < strstr (first, "<projection"));
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);

  /* Set back by the setters, the defaults are not written. */
  sky_scenario_line_set_deployment (g_ptr_array_index (again->lines, 0), "single");
  sky_scenario_line_set_regions (g_ptr_array_index (again->lines, 0), 1);
  sky_scenario_set_required_availability (again, NULL);
  g_clear_pointer (&second, g_free);
  second = sky_scenario_to_xml (again);
  g_assert_null (strstr (second, "deployment="));
  g_assert_null (strstr (second, "regions="));
  g_assert_null (strstr (second, "<availability"));

  /* A file written before deployments existed. */
  g_assert_false (sky_scenario_get_required_availability (old, NULL));
  for (guint i = 0; i < old->lines->len; i++)
    {
      SkyScenarioLine *line = g_ptr_array_index (old->lines, i);

      g_assert_cmpstr (sky_scenario_line_get_deployment (line), ==, "single");
      g_assert_cmpuint (sky_scenario_line_get_regions (line), ==, 1);
    }
  old_xml = sky_scenario_to_xml (old);
  g_assert_null (strstr (old_xml, "deployment="));
}

/* Deployments and requirements outside their ranges are refused with where they are. */
static void
test_availability_errors (void)
{
  static const struct
  {
    const char *line;
    const char *after;
    const char *message;
  } cases[] = {
    { "deployment=\"everywhere\"", "", "t:2:31: unknown deployment “everywhere” in <line>" },
    { "regions=\"4\"", "", "t:2:31: regions of <line> is a number of regions from 1 to 3" },
    { "regions=\"0\"", "", "t:2:31: regions of <line>" },
    { "", "  <availability required=\"100\"/>\n",
      "t:5:17: required of <availability> is a percentage below 100" },
    { "", "  <availability required=\"0\"/>\n", "t:5:17: required of <availability> must be" },
    { "", "  <availability/>\n", "t:5:3: <availability> needs the attribute “required”" },
    { "", "  <availability required=\"99.9\"/>\n  <availability required=\"99.9\"/>\n",
      "t:6:3: <availability> is given twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"x\" currency=\"USD\">\n"
        "  <line label=\"a\" unit=\"hour\" %s>\n"
        "    <requirement category=\"compute\"/>\n"
        "  </line>\n%s</scenario>\n", cases[i].line, cases[i].after);
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "t", &error);

      g_test_message ("%s", text);
      g_assert_null (s);
      g_assert_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* The fuzz corpus's file of deployments and the example with a requirement read, and write
 * back what they read. */
static void
test_deployments_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "scenario",
                                                 "deployments.skytally", NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                    "highly-available-web.skytally", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_load (path, &error);
  g_autoptr(SkyScenario) ha = NULL;
  g_autoptr(SkyScenario) again = NULL;
  g_autofree char *first = NULL, *second = NULL, *required = NULL;
  SkyDecimal level;

  g_assert_no_error (error);
  g_assert_cmpstr (sky_scenario_line_get_deployment (g_ptr_array_index (s->lines, 0)), ==,
                   "fault-domains");
  g_assert_cmpuint (sky_scenario_line_get_regions (g_ptr_array_index (s->lines, 0)), ==, 3);
  g_assert_cmpstr (sky_scenario_line_get_deployment (g_ptr_array_index (s->lines, 1)), ==,
                   "standby-same-zone");
  g_assert_cmpuint (sky_scenario_line_get_regions (g_ptr_array_index (s->lines, 2)), ==, 2);
  g_assert_true (sky_scenario_get_required_availability (s, &level));
  required = sky_decimal_to_string (level);
  g_assert_cmpstr (required, ==, "99.999999");
  first = sky_scenario_to_xml (s);
  again = sky_scenario_parse (first, strlen (first), "first", &error);
  g_assert_no_error (error);
  second = sky_scenario_to_xml (again);
  g_assert_cmpstr (first, ==, second);

  ha = sky_scenario_load (example, &error);
  g_assert_no_error (error);
  g_assert_true (sky_scenario_get_required_availability (ha, NULL));
  g_assert_cmpstr (sky_scenario_line_get_deployment (g_ptr_array_index (ha->lines, 1)), ==,
                   "standby-zone");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/scenario/read", test_read);
  g_test_add_func ("/sky/scenario/round-trip", test_round_trip);
  g_test_add_func ("/sky/scenario/round-trip-whitespace", test_round_trip_whitespace);
  g_test_add_func ("/sky/scenario/sheet-pins-earlier-form", test_sheet_pins_earlier_form);
  g_test_add_func ("/sky/scenario/sheet-pins-per-service", test_sheet_pins_per_service);
  g_test_add_func ("/sky/scenario/file-round-trip", test_file_round_trip);
  g_test_add_func ("/sky/scenario/save", test_save);
  g_test_add_func ("/sky/scenario/save-full-disk", test_save_full_disk);
  g_test_add_func ("/sky/scenario/errors", test_errors);
  g_test_add_func ("/sky/scenario/attributes-round-trip", test_attributes_round_trip);
  g_test_add_func ("/sky/scenario/bomb", test_bomb);
  g_test_add_func ("/sky/scenario/engine-round-trip", test_engine_round_trip);
  g_test_add_func ("/sky/scenario/growth-floor", test_growth_floor);
  g_test_add_func ("/sky/scenario/kept-offers-round-trip", test_kept_offers_round_trip);
  g_test_add_func ("/sky/scenario/rates", test_rates);
  g_test_add_func ("/sky/scenario/start-month-round-trip", test_start_month_round_trip);
  g_test_add_func ("/sky/scenario/calendar-month-parse", test_calendar_month_parse);
  g_test_add_func ("/sky/scenario/line-limit", test_line_limit);
  g_test_add_func ("/sky/scenario/save-too-many-lines", test_save_too_many_lines);
  g_test_add_func ("/sky/scenario/load-fifo", test_load_fifo);
  g_test_add_func ("/sky/scenario/load-device", test_load_device);
  g_test_add_func ("/sky/scenario/load-too-large", test_load_too_large);
  g_test_add_func ("/sky/scenario/availability-round-trip", test_availability_round_trip);
  g_test_add_func ("/sky/scenario/availability-errors", test_availability_errors);
  g_test_add_func ("/sky/scenario/deployments-corpus", test_deployments_corpus);

  return g_test_run ();
}
