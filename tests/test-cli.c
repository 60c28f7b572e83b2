/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#ifdef HAVE_SOUP
#include <libsoup/soup.h>
#endif

#include "sky-catalog.h"
#include "sky-cli-test-util.h"
#include "sky-decimal.h"
#include "sky-test-util.h"

typedef struct
{
  char *dir;
  char *catalog;
} Fixture;

/* Runs skytally-cli with the arguments (NULL-terminated) and returns its output and status;
 * @child_setup (when not NULL) runs in the child before it starts. */
#define cli_with(r, child_setup, ...) sky_cli_run ((r), NULL, NULL, (child_setup), __VA_ARGS__)

#define cli(r, ...) cli_with ((r), NULL, __VA_ARGS__)

/* What cli_limited() lets a file of the child grow to. */
static rlim_t file_size_limit;

/* In the child, before skytally-cli starts: no file may grow past file_size_limit. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { file_size_limit, file_size_limit };

  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs skytally-cli as cli() does, where no file may grow past @max_bytes, as on a full
 * disk. */
static void
cli_limited (SkyCliRun  *r,
             rlim_t      max_bytes,
             const char *first,
             ...)
{
  va_list args;

  file_size_limit = max_bytes;
  va_start (args, first);
  sky_cli_run_valist (r, NULL, NULL, limit_file_size, first, args);
  va_end (args);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = sky_test_make_dir ();
  f->catalog = g_build_filename (f->dir, "sub", "catalog.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sky_test_remove_tree (f->dir);
  g_free (f->catalog);
  g_free (f->dir);
}

/* The root of @text, read as JSON. */
static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
assert_one_line_error (const SkyCliRun *r)
{
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "skytally-cli: "));
  /* One line: its only newline ends it. */
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);
}

/* --version prints the program and its version, alone or after the global options, in the same
 * words whatever the language. */
static void
test_version (void)
{
  const char *expected = "skytally-cli " PACKAGE_VERSION "\n";
  g_auto(SkyCliRun) alone = { 0 };
  g_auto(SkyCliRun) after = { 0 };
  g_auto(SkyCliRun) bad = { 0 };

  cli (&alone, "--version", NULL);
  g_assert_cmpint (alone.status, ==, 0);
  g_assert_cmpstr (alone.out, ==, expected);
  g_assert_cmpstr (alone.err, ==, "");

  cli (&after, "--no-seed", "--read-only", "--version", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpstr (after.out, ==, expected);

  /* An unknown option before it is still an error. */
  cli (&bad, "--no-such-option", "--version", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.out, ==, "");
}

/* The usage lists every command with its one line of help, in one column as wide as the widest
 * command; each command has its own --help; “help” prints the usage too. */
static void
test_help (void)
{
  static const char * const commands[][2] = {
    { "import", "  import FILE…       Load price sheets into the catalog\n" },
    { "convert", "  convert FILE…      Write a provider's price list (--from FORMAT) as a price "
                 "sheet\n" },
    { "sheets", "  sheets             List the price sheets in the catalog (sheets remove: remove "
                "one)\n" },
    { "update", "  update PROVIDER    Download a provider's current price lists and import "
                "them\n" },
    { "search", "  search             Find offers in the current price sheets\n" },
    { "estimate", "  estimate FILE      Price a scenario on each of its providers\n" },
    { "validate", "  validate FILE      Check a scenario file\n" },
    { "match", "  match              Each provider's offers that meet a requirement\n" },
    { "compare", "  compare SKU…       Offers side by side\n" },
    { "score", "  score FILE         Rank a scenario's candidates by its criteria\n" },
    { "project", "  project FILE       A scenario month by month, against its budget\n" },
    { "availability", "  availability FILE  Each provider's availability, and the cheapest way "
                      "to reach the required one\n" },
    { "export", "  export FILE        Write a projection for finance (CSV, JSON, PDF)\n" },
  };
  g_auto(SkyCliRun) top = { 0 };
  g_auto(SkyCliRun) help = { 0 };

  cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_true (g_str_has_prefix (top.out, "Usage:\n  skytally-cli [--catalog PATH] "
                                            "[--no-seed] [--read-only] COMMAND [OPTIONS…]\n\n"
                                            "Commands:\n"));
  g_assert_nonnull (strstr (top.out, "\nOptions:\n  --catalog PATH   "));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(SkyCliRun) r = { 0 };

      g_assert_nonnull (strstr (top.out, commands[i][1]));
      cli (&r, commands[i][0], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage:"));
    }
  cli (&help, "help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_cmpstr (help.out, ==, top.out);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *cases[][6] = {
    { NULL },
    { "frobnicate", NULL },
    { "--colour", "search", NULL },
    { "search", "--format", "xml", NULL },
    { "search", "--term", "lease", NULL },
    { "search", "--min-vcpu", "four", NULL },
    { "search", "--max-price", "1e3", NULL },
    { "search", "--sort", "name", NULL },
    { "sheets", "extra", NULL },
    { "import", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SkyCliRun) r = { 0 };

      cli (&r, "--catalog", f->catalog, "--no-seed",
           cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "skytally-cli: "));
    }
}

/* skytally-cli loads the five bundled sheets (Google Cloud's are two: the one converted from
 * pricing.yml, the hand-written one of the services it has no prices of) into the catalog,
 * which then lists them; returns that list. */
static JsonArray *
seed_bundled (Fixture *f)
{
  g_auto(SkyCliRun) r = { 0 };
  g_autoptr(JsonArray) sheets = NULL;

  cli (&r, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "Loaded 5 bundled price sheets"));
  sheets = parse_array (r.out);
  g_assert_cmpuint (json_array_get_length (sheets), ==, 5);
  return g_steal_pointer (&sheets);
}

static void
test_seeds_new_catalog (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const providers[] = { "aws", "azure", "digitalocean", "gcp", "gcp" };
  static const char * const short_names[] = { "AWS", "Azure", "DigitalOcean", "Google Cloud",
                                              "Google Cloud" };
  g_autoptr(JsonArray) sheets = seed_bundled (f);

  g_assert_cmpuint (json_array_get_length (sheets), ==, G_N_ELEMENTS (providers));
  for (guint i = 0; i < json_array_get_length (sheets); i++)
    {
      JsonObject *o = json_array_get_object_element (sheets, i);

      g_assert_cmpstr (json_object_get_string_member (o, "provider"), ==, providers[i]);
      g_assert_cmpstr (json_object_get_string_member (o, "provider_short_name"), ==,
                       short_names[i]);
      g_assert_true (json_object_get_boolean_member (o, "current"));
      g_assert_cmpint (json_object_get_int_member (o, "offers"), >, 0);
      g_assert_nonnull (json_object_get_string_member (o, "version"));
      g_assert_cmpuint (strlen (json_object_get_string_member (o, "effective_date")), ==, 10);
    }
}

static void
test_no_seed (Fixture       *f,
              gconstpointer  data)
{
  g_auto(SkyCliRun) r = { 0 };
  g_autoptr(JsonArray) sheets = NULL;

  cli (&r, "--catalog", f->catalog, "--no-seed", "sheets", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sheets = parse_array (r.out);
  g_assert_cmpuint (json_array_get_length (sheets), ==, 0);

  /* Remembered: the catalog is not seeded later either. */
  {
    g_auto(SkyCliRun) later = { 0 };
    g_autoptr(JsonArray) still = NULL;

    cli (&later, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
    g_assert_cmpint (later.status, ==, 0);
    g_assert_cmpstr (later.err, ==, "");
    still = parse_array (later.out);
    g_assert_cmpuint (json_array_get_length (still), ==, 0);
  }
}

/* A catalog file left empty (a first start interrupted before it wrote anything) is seeded;
 * a seeding that fails midway (the disk full) leaves it to be seeded whole at the next
 * start. */
static void
test_seed_interrupted (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->catalog);
  g_auto(SkyCliRun) failed = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (f->catalog, "", 0, &error);
  g_assert_no_error (error);

  /* No file may grow past 1 MiB: more than a new catalog's schema takes to write (its text
   * index and search indexes included), less than the bundled sheets take. */
  cli_limited (&failed, 1 << 20, "--catalog", f->catalog, "sheets", NULL);
  assert_one_line_error (&failed);
  g_assert_nonnull (strstr (failed.err, "Cannot load the bundled price sheets"));

  json_array_unref (seed_bundled (f));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) first = { 0 };
  g_auto(SkyCliRun) again = { 0 };
  g_auto(SkyCliRun) table = { 0 };

  cli (&first, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "added examplecloud 2026.1"));
  g_assert_nonnull (strstr (first.out, "5 offers; now current"));

  cli (&again, "--catalog", f->catalog, "import", sheet, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "already in the catalog; nothing changed"));

  cli (&table, "--catalog", f->catalog, "sheets", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "PROVIDER"));
  g_assert_nonnull (strstr (table.out, "examplecloud  2026.1"));
  g_assert_nonnull (strstr (table.out, "current"));
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "tiers-gap.xml",
                                                NULL);
  g_autofree char *where = g_strdup_printf ("%s:11:15: gap between tiers", bad);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) sheets = { 0 };
  g_autoptr(JsonArray) list = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", good, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  cli (&r, "--catalog", f->catalog, "import", bad, NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, where));

  cli (&sheets, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  list = parse_array (sheets.out);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
}

/* In the child: an import that blocks is ended by SIGALRM (kept across exec) instead of
 * hanging the tests. */
static void
guard_against_hang (gpointer data)
{
  alarm (20);
}

/* A named pipe given as a sheet is refused at once with one line naming it; the catalog keeps
 * its sheets. */
static void
test_import_fifo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.xml", NULL);
  g_autofree char *prefix = g_strconcat ("skytally-cli: ", fifo, ": ", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) sheets = { 0 };
  g_autoptr(JsonArray) list = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", good, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  cli_with (&r, guard_against_hang, "--catalog", f->catalog, "import", fifo, NULL);
  assert_one_line_error (&r);
  g_assert_true (g_str_has_prefix (r.err, prefix));
  g_assert_nonnull (strstr (r.err, "not a regular file"));

  cli (&sheets, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  list = parse_array (sheets.out);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
}

static void
test_not_a_catalog (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *filler = g_strnfill (4096, 'z');
  g_autofree char *after = NULL;
  g_auto(SkyCliRun) r = { 0 };

  g_assert_true (g_file_set_contents (path, filler, -1, NULL));
  cli (&r, "--catalog", path, "sheets", NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, "not a Skytally catalog"));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, filler);
}

static SkyDecimal
decimal_member (JsonObject *o,
                const char *name)
{
  SkyDecimal d;
  g_autoptr(GError) error = NULL;

  sky_decimal_parse (json_object_get_string_member (o, name), SKY_PRICE_SCALE, FALSE, &d,
                     &error);
  g_assert_no_error (error);
  return d;
}

static void
test_search_json (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(SkyCliRun) r = { 0 };
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  SkyDecimal previous = sky_decimal_from_int (0);
  guint capped = 0;

  cli (&r, "--catalog", f->catalog, "search", "--category", "compute", "--geo", "EU",
       "--min-vcpu", "4", "--min-memory", "16", "--os", "linux", "--term", "on-demand",
       "--sort", "price", "--limit", "200", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  rows = parse_array (r.out);
  g_assert_cmpuint (json_array_get_length (rows), >, 0);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      SkyDecimal price = decimal_member (o, "price");
      SkyDecimal monthly, expected;

      g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "compute");
      g_assert_cmpstr (json_object_get_string_member (o, "term"), ==, "on-demand");
      g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "USD");
      g_assert_nonnull (json_object_get_string_member (o, "region"));
      g_assert_nonnull (json_object_get_string_member (o, "sku"));
      g_assert_nonnull (json_object_get_string_member (o, "name"));
      g_assert_cmpfloat (json_object_get_double_member (o, "vcpu"), >=, 4);
      g_assert_cmpfloat (json_object_get_double_member (o, "memory_gib"), >=, 16);
      g_hash_table_add (providers, (char *) json_object_get_string_member (o, "provider"));

      /* Sorted by price, and monthly is 730 hours of it, at most its monthly cap, rounded once
       * to cents. */
      g_assert_cmpint (sky_decimal_compare (previous, price), <=, 0);
      previous = price;
      if (g_strcmp0 (json_object_get_string_member (o, "unit"), "hour") == 0)
        {
          monthly = decimal_member (o, "monthly");
          g_assert_true (sky_decimal_mul (price, sky_decimal_from_int (730), &expected));
          if (!json_object_get_null_member (o, "monthly_cap"))
            {
              SkyDecimal cap = decimal_member (o, "monthly_cap");

              if (sky_decimal_compare (expected, cap) > 0)
                {
                  expected = cap;
                  capped++;
                }
            }
          expected = sky_decimal_round (expected, 2, SKY_ROUND_HALF_UP);
          g_assert_cmpint (sky_decimal_compare (monthly, expected), ==, 0);
        }
      else
        g_assert_true (json_object_get_null_member (o, "monthly"));
    }
  /* The point of the search: the same need, answered by several providers. */
  g_assert_cmpuint (g_hash_table_size (providers), >=, 3);
  /* DigitalOcean's droplets stop at their monthly price. */
  g_assert_true (g_hash_table_contains (providers, "digitalocean"));
  g_assert_cmpuint (capped, >, 0);
}

static void
test_search_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(GStrv) lines = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  cli (&r, "--catalog", f->catalog, "search", "--provider", "examplecloud", "--term", "on-demand",
       "--category", "compute", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "PROVIDER,REGION,SKU,NAME,VCPU,MEMORY_GIB,TERM,PRICE,UNIT,"
                                 "CURRENCY,MONTHLY,UPFRONT_FEE,ARCH,TENANCY,LICENCE,SOFTWARE,"
                                 "CAPACITY");
  g_assert_cmpstr (lines[1], ==,
                   "examplecloud,us-east,std-2-us,std-2,2,8,on-demand,0.096,hour,USD,70.08,,,"
                   "shared,included,,used");
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_search_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(SkyCliRun) r = { 0 };

  cli (&r, "--catalog", f->catalog, "search", "--min-vcpu", "100000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "No offer matches"));
}

/* Builds a locale whose decimal separator is a comma in dir, for LOCPATH; FALSE if it cannot. */
static gboolean
make_comma_locale (const char *dir,
                   const char *name)
{
  g_autofree char *output = g_build_filename (dir, name, NULL);
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", output, NULL };
  g_autofree char *radix = NULL;
  locale_t loc;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, NULL) ||
      !WIFEXITED (wait_status) || WEXITSTATUS (wait_status) > 1)
    return FALSE;

  /* Only a locale that really writes 0,25 makes the check below mean something. */
  g_setenv ("LOCPATH", dir, TRUE);
  loc = newlocale (LC_NUMERIC_MASK, name, (locale_t) 0);
  g_unsetenv ("LOCPATH");
  if (loc == (locale_t) 0)
    return FALSE;
  radix = g_strdup (nl_langinfo_l (RADIXCHAR, loc));
  freelocale (loc);
  return g_strcmp0 (radix, ",") == 0;
}

static void
test_numbers_ignore_locale (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "fractions.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *locales = g_build_filename (f->dir, "locales", NULL);
  g_autoptr(GString) edited = NULL;
  g_autoptr(JsonArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) json = { 0 };
  g_auto(SkyCliRun) csv = { 0 };
  g_autofree char *lc_all = g_strdup (g_getenv ("LC_ALL"));
  JsonObject *o;

  g_assert_cmpint (g_mkdir (locales, 0700), ==, 0);
  if (!make_comma_locale (locales, "de_DE.UTF-8"))
    {
      g_test_skip ("no locale with a decimal comma can be built here");
      return;
    }

  /* A fractional vCPU and memory, which JSON writes as numbers and CSV as decimals. */
  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "vcpu=\"2\" memory-gib=\"8\"",
                                      "vcpu=\"0.25\" memory-gib=\"0.5\"", 1), ==, 1);
  g_file_set_contents (sheet, edited->str, edited->len, &error);
  g_assert_no_error (error);

  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  cli (&json, "--catalog", f->catalog, "search", "--term", "spot", "--format", "json", NULL);
  cli (&csv, "--catalog", f->catalog, "search", "--term", "spot", "--format", "csv", NULL);
  g_unsetenv ("LOCPATH");
  if (lc_all != NULL)
    g_setenv ("LC_ALL", lc_all, TRUE);
  else
    g_unsetenv ("LC_ALL");

  g_assert_cmpint (setup.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);
  offers = parse_array (json.out);
  g_assert_cmpuint (json_array_get_length (offers), ==, 1);
  o = json_array_get_object_element (offers, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "vcpu"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (o, "memory_gib"), ==, 0.5);
  g_assert_cmpstr (json_object_get_string_member (o, "price"), ==, "0.0288");
  g_assert_cmpstr (json_object_get_string_member (o, "monthly"), ==, "21.02");

  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==,
                   "PROVIDER,REGION,SKU,NAME,VCPU,MEMORY_GIB,TERM,PRICE,UNIT,CURRENCY,MONTHLY,"
                   "UPFRONT_FEE,ARCH,TENANCY,LICENCE,SOFTWARE,CAPACITY\r\n"
                   "examplecloud,us-east,std-2-us,std-2,0.25,0.5,spot,0.0288,hour,USD,21.02,,,"
                   "shared,included,,used\r\n");
}

static char *
integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* A price's own effective date in search --format json, and in estimate --format json with
 * the price's unit beside the line's: a line in seconds priced per hour. */
static void
test_price_dates_and_units (Fixture       *f,
                            gconstpointer  data)
{
  static const char scenario_text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Jobs\" currency=\"USD\">\n"
    "  <providers><provider id=\"unitcloud\"/></providers>\n"
    "  <line label=\"Jobs\" quantity=\"2\" usage=\"50000\" unit=\"second\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"2\"/>\n"
    "  </line>\n"
    "  <line label=\"Disk\" usage=\"2000\" unit=\"gb-month\">\n"
    "    <offer provider=\"unitcloud\" sku=\"disk-gb\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "units-small.xml", NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "jobs.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) search = { 0 };
  g_auto(SkyCliRun) estimate = { 0 };
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *lines;
  JsonObject *line;
  guint dated = 0, undated = 0;

  g_assert_true (g_file_set_contents (scenario, scenario_text, -1, NULL));
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&search, "--catalog", f->catalog, "search", "--format", "json", NULL);
  g_assert_cmpint (search.status, ==, 0);
  rows = parse_array (search.out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      const char *sku = json_object_get_string_member (o, "sku");

      if (g_strcmp0 (sku, "vm-2") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (o, "price_effective_date"), ==,
                           "2026-03-01");
          dated++;
        }
      else if (g_strcmp0 (sku, "disk-gb") == 0)
        {
          g_assert_true (json_object_get_null_member (o, "price_effective_date"));
          undated++;
        }
    }
  g_assert_cmpuint (dated, ==, 1);
  g_assert_cmpuint (undated, ==, 1);

  cli (&estimate, "--catalog", f->catalog, "estimate", scenario, "--format", "json", NULL);
  g_assert_cmpint (estimate.status, ==, 0);
  root = parse_object (estimate.out);
  lines = json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (root, "providers"), 0), "lines");
  line = json_array_get_object_element (lines, 0);
  /* 100000 × 0.0416 / 3600 = 1.1555… */
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "1.16");
  g_assert_cmpstr (json_object_get_string_member (line, "unit"), ==, "second");
  g_assert_cmpstr (json_object_get_string_member (line, "price_unit"), ==, "hour");
  g_assert_cmpstr (json_object_get_string_member (line, "price_effective_date"), ==,
                   "2026-03-01");
  /* A price without a date of its own holds from its sheet's: 2000 × 0.095 = 190. */
  line = json_array_get_object_element (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "190.00");
  g_assert_cmpstr (json_object_get_string_member (line, "price_unit"), ==, "gb-month");
  g_assert_cmpstr (json_object_get_string_member (line, "price_effective_date"), ==,
                   "2026-01-01");
}

/* estimate --format json: per provider the lines and totals, money as decimal strings; the
 * figures are those tests/test-estimate.c works out by hand. */
static void
test_estimate_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "other-small.xml", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) run = { 0 };
  g_auto(SkyCliRun) one = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *providers, *lines;
  JsonObject *p, *line, *totals;

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, other, NULL);
  g_assert_cmpint (import.status, ==, 0);
  cli (&run, "--catalog", f->catalog, "estimate", scenario, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "USD");
  providers = json_object_get_array_member (root, "providers");
  g_assert_cmpuint (json_array_get_length (providers), ==, 2);
  p = json_array_get_object_element (providers, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "provider"), ==, "examplecloud");
  g_assert_cmpstr (json_object_get_string_member (p, "provider_name"), ==, "Example Cloud");
  /* The sheet gives no short name: the name stands for it. */
  g_assert_cmpstr (json_object_get_string_member (p, "provider_short_name"), ==, "Example Cloud");
  g_assert_cmpstr (json_object_get_string_member (p, "sheet_version"), ==, "2026.1");
  /* Other Cloud cannot price two lines: it is incomplete, and never the cheapest. */
  g_assert_true (json_object_get_boolean_member (p, "complete"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (providers, 1),
                                                  "complete"));
  g_assert_cmpstr (json_object_get_string_member (root, "cheapest_complete"), ==, "examplecloud");
  lines = json_object_get_array_member (p, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 5);
  line = json_array_get_object_element (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "API servers");
  g_assert_cmpstr (json_object_get_string_member (line, "group"), ==, "API");
  g_assert_cmpstr (json_object_get_string_member (line, "quantity"), ==, "3");
  /* project says which provider leaves lines out, and how many. */
  {
    g_auto(SkyCliRun) project = { 0 };

    cli (&project, "--catalog", f->catalog, "project", scenario, NULL);
    g_assert_cmpint (project.status, ==, 0);
    g_assert_nonnull (strstr (project.out, "Example Cloud: no budget set\n"));
    g_assert_nonnull (strstr (project.out, "Other Cloud: no budget set; leaves out 2 lines it "
                                           "cannot price\n"));
  }
  /* --compare-by names what the cheapest is chosen by; an unknown choice is bad usage. */
  {
    g_auto(SkyCliRun) by_term = { 0 };
    g_auto(SkyCliRun) bad = { 0 };
    g_autoptr(JsonObject) termed = NULL;

    g_assert_cmpstr (json_object_get_string_member (root, "compare_by"), ==, "effective-monthly");
    cli (&by_term, "--catalog", f->catalog, "estimate", scenario, "--compare-by", "term-total",
         "--format", "json", NULL);
    g_assert_cmpint (by_term.status, ==, 0);
    termed = parse_object (by_term.out);
    g_assert_cmpstr (json_object_get_string_member (termed, "compare_by"), ==, "term-total");
    g_assert_cmpstr (json_object_get_string_member (termed, "cheapest_complete"), ==,
                     "examplecloud");
    cli (&bad, "--catalog", f->catalog, "estimate", scenario, "--compare-by", "cheapest", NULL);
    g_assert_cmpint (bad.status, ==, 2);
  }
  /* The table marks the incomplete provider's totals and names the cheapest complete one. */
  {
    g_auto(SkyCliRun) table = { 0 };

    cli (&table, "--catalog", f->catalog, "estimate", scenario, NULL);
    g_assert_cmpint (table.status, ==, 0);
    g_assert_nonnull (strstr (table.out, "othercloud    Total (incomplete) "));
    g_assert_nonnull (strstr (table.out, "Other Cloud (7): INCOMPLETE, not compared: "));
    g_assert_nonnull (strstr (table.out, "★ Cheapest of the providers that price every line: "
                                         "Example Cloud, 4968.82 USD a month"));
  }
  /* Under a budget it keeps with the lines it prices, it cannot be judged: the table says so,
   * and so does the JSON, which names the cheapest complete provider (Other Cloud's figures are
   * lower, leaving lines out). */
  {
    g_autofree char *text = NULL;
    g_autofree char *budgeted = g_build_filename (f->dir, "budgeted.skytally", NULL);
    g_autofree char *json = g_build_filename (f->dir, "budgeted.json", NULL);
    g_autoptr(GString) edited = NULL;
    g_autoptr(JsonObject) projected = NULL;
    g_auto(SkyCliRun) project = { 0 };
    g_auto(SkyCliRun) export = { 0 };
    JsonArray *ps;

    g_assert_true (g_file_get_contents (scenario, &text, NULL, NULL));
    edited = g_string_new (text);
    g_assert_cmpuint (g_string_replace (edited, "</scenario>",
                                        "  <budget monthly=\"100000\"/>\n</scenario>", 1), ==, 1);
    g_assert_true (g_file_set_contents (budgeted, edited->str, -1, NULL));
    cli (&project, "--catalog", f->catalog, "project", budgeted, NULL);
    g_assert_cmpint (project.status, ==, 0);
    g_assert_nonnull (strstr (project.out, "Example Cloud: within the 100000.00 monthly budget in "
                                           "every month (USD)"));
    g_assert_nonnull (strstr (project.out, "Other Cloud: cannot be judged against the 100000.00 "
                                           "monthly budget (USD), some lines not being priced"));
    g_assert_null (strstr (project.out, "Other Cloud: within"));

    cli (&export, "--catalog", f->catalog, "export", budgeted, "--json", json, NULL);
    g_assert_cmpint (export.status, ==, 0);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
    projected = parse_object (text);
    g_assert_cmpstr (json_object_get_string_member (projected, "cheapest_complete"), ==,
                     "examplecloud");
    ps = json_object_get_array_member (projected, "providers");
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (ps, 0),
                                                   "complete"));
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (ps, 1),
                                                    "complete"));
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_array_get_object_element (ps, 0),
                                                      "budget"), "verdict"), ==, "within");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_array_get_object_element (ps, 1),
                                                      "budget"), "verdict"), ==, "cannot-judge");
  }
  /* In the CSV, those two lines have empty cells rather than zeros, and the totals still add
   * up. */
  {
    g_autofree char *out = g_build_filename (f->dir, "web.csv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(SkyCliRun) export = { 0 };
    guint empty = 0;

    cli (&export, "--catalog", f->catalog, "export", scenario, "--csv", out, NULL);
    g_assert_cmpint (export.status, ==, 0);
    g_file_get_contents (out, &text, NULL, &error);
    g_assert_no_error (error);
    rows = sky_test_parse_csv (text, ',', &error);
    g_assert_no_error (error);
    for (guint r = 1; r < rows->len; r++)
      {
        GStrv row = g_ptr_array_index (rows, r);
        guint n = g_strv_length (row);

        /* Every row says whether its provider prices every line. */
        g_assert_cmpstr (row[3], ==, g_strcmp0 (row[0], "othercloud") == 0 ? "no" : "yes");
        if (g_strcmp0 (row[4], "line") != 0 || *row[8] != '\0')
          continue;
        g_assert_cmpstr (row[0], ==, "othercloud");
        /* The months and the total; after them the line's own columns: no offer's SKU, and
         * why it is not priced. */
        for (guint c = 8; c < n - 5; c++)
          g_assert_cmpstr (row[c], ==, "");
        g_assert_cmpstr (row[n - 5], ==, "");
        /* The reason is prose for people: providers, units and purchase options by their
         * names and titles, as the window says it. */
        g_assert_true (g_str_has_prefix (row[n - 1], "no offer of Other Cloud 7 meets the "
                                                     "requirement (Serverless, priced per "
                                                     "GB-second, On demand): ") ||
                       g_strcmp0 (row[n - 1], "the line names an offer of Example Cloud "
                                              "(std-2-us)") == 0);
        empty++;
      }
    g_assert_cmpuint (empty, ==, 2);
    g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[3], ==, "complete");
  }
  g_assert_cmpstr (json_object_get_string_member (line, "usage"), ==, "730");
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "210.24");
  g_assert_cmpstr (json_object_get_string_member (line, "yearly"), ==, "2522.88");
  g_assert_cmpstr (json_object_get_string_member (line, "explanation"), ==,
                   "From Example Cloud 2026.1: 3 × 730 Hour × 0.096 USD/Hour = 210.24 USD");
  g_assert_cmpstr (json_object_get_string_member (line, "sheet_version"), ==, "2026.1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (line, "offer"),
                                                  "sku"), ==, "std-2-us");
  line = json_array_get_object_element (lines, 3);
  g_assert_cmpstr (json_object_get_string_member (line, "upfront"), ==, "518.00");
  g_assert_cmpstr (json_object_get_string_member (line, "break_even_hours"), ==, "449.91");
  totals = json_object_get_object_member (p, "totals");
  g_assert_cmpstr (json_object_get_string_member (totals, "monthly"), ==, "4925.66");
  g_assert_cmpstr (json_object_get_string_member (totals, "yearly"), ==, "59625.92");
  g_assert_cmpstr (json_object_get_string_member (totals, "yearly_net"), ==, "59525.92");

  /* Other Cloud says which lines it cannot price, and why. */
  p = json_array_get_object_element (providers, 1);
  g_assert_cmpint (json_object_get_int_member (p, "unpriced_lines"), ==, 2);
  line = json_array_get_object_element (json_object_get_array_member (p, "lines"), 4);
  g_assert_cmpstr (json_object_get_string_member (line, "status"), ==, "no-match");
  g_assert_true (json_object_get_null_member (line, "monthly"));
  g_assert_nonnull (strstr (json_object_get_string_member (line, "reason"), "no offer of Other"));

  /* --provider picks the providers. */
  cli (&one, "--catalog", f->catalog, "estimate", scenario, "--provider", "othercloud",
       "--format", "csv", "--explain", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_true (g_str_has_prefix (one.out, "PROVIDER,LINE,GROUP,OFFER,QUANTITY,USAGE,MONTHLY,"
                                            "UPFRONT,YEARLY,CURRENCY,COMPLETE,EXPLANATION\r\n"));
  g_assert_null (strstr (one.out, "examplecloud,"));
  g_assert_nonnull (strstr (one.out, "othercloud,TOTAL,,,,,4785.66,0.00,57427.92,USD,no,\r\n"));
}

/* Writes to @path the web fixture priced on Example Cloud alone, pinned to its sheet
 * @version. */
static void
write_pinned_scenario (const char *path,
                       const char *version)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pin = NULL;
  g_autoptr(GString) pinned = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  pinned = g_string_new (text);
  pin = g_strdup_printf ("  <priced-against>\n    <sheet provider=\"examplecloud\" "
                         "version=\"%s\"/>\n  </priced-against>\n  <exchange-rate", version);
  g_string_replace (pinned, "  <exchange-rate", pin, 1);
  g_string_replace (pinned, "<provider id=\"othercloud\"/>", "", 1);
  g_file_set_contents (path, pinned->str, -1, &error);
  g_assert_no_error (error);
}

/* A newer sheet: the estimate keeps the version the scenario records, says a newer one is
 * current, and --current prices against it. */
static void
test_estimate_versions (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "data", "valid-small-2026.2.xml",
                                                  NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "pinned.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) recorded = { 0 };
  g_auto(SkyCliRun) current = { 0 };
  g_auto(SkyCliRun) missing = { 0 };

  write_pinned_scenario (scenario, "2026.1");

  cli (&missing, "--catalog", f->catalog, "--no-seed", "estimate", scenario, NULL);
  assert_one_line_error (&missing);
  g_assert_nonnull (strstr (missing.err, "priced against examplecloud 2026.1, which is not in"));

  cli (&import, "--catalog", f->catalog, "import", sheet, newer, NULL);
  g_assert_cmpint (import.status, ==, 0);
  cli (&recorded, "--catalog", f->catalog, "estimate", scenario, "--format", "csv", NULL);
  g_assert_cmpint (recorded.status, ==, 0);
  g_assert_nonnull (strstr (recorded.out, "examplecloud,API servers,API,std-2-us,3,730 hour,"
                                          "210.24,"));
  g_assert_nonnull (strstr (recorded.err, "priced against 2026.1, as the scenario records; "
                                          "2026.2 is current"));

  /* 3 × 730 × 0.1000 = 219. */
  cli (&current, "--catalog", f->catalog, "estimate", scenario, "--current", "--format", "csv",
       NULL);
  g_assert_cmpint (current.status, ==, 0);
  g_assert_nonnull (strstr (current.out, "examplecloud,API servers,API,std-2-us,3,730 hour,"
                                         "219.00,"));
  g_assert_cmpstr (current.err, ==, "");
}

/* A scenario pinned per service: the compute line stays on the version pinned for vm while a
 * newer sheet of compute is current, which the note names by service; the egress line, pinned
 * to the sheet still current for it, draws no note. The JSON says each line's sheet. */
static void
test_estimate_pinned_per_service (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *compute = g_test_build_filename (G_TEST_DIST, "data",
                                                    "compute-only-2026.3.xml", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "services.skytally", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) pinned = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) recorded = { 0 };
  JsonArray *lines;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  pinned = g_string_new (text);
  g_string_replace (pinned, "  <exchange-rate",
                    "  <priced-against>\n"
                    "    <sheet provider=\"examplecloud\" service=\"vm\" version=\"2026.1\"/>\n"
                    "    <sheet provider=\"examplecloud\" service=\"egress\" version=\"2026.1\"/>\n"
                    "  </priced-against>\n  <exchange-rate", 1);
  g_string_replace (pinned, "<provider id=\"othercloud\"/>", "", 1);
  g_assert_true (g_file_set_contents (scenario, pinned->str, -1, NULL));

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, compute, NULL);
  g_assert_cmpint (import.status, ==, 0);
  cli (&recorded, "--catalog", f->catalog, "estimate", scenario, "--format", "json", NULL);
  g_assert_cmpint (recorded.status, ==, 0);
  g_assert_nonnull (strstr (recorded.err, "Example Cloud: priced against 2026.1, as the scenario "
                                          "records; 2026.3 is current"));
  root = parse_object (recorded.out);
  lines = json_object_get_array_member (json_array_get_object_element (
    json_object_get_array_member (root, "providers"), 0), "lines");
  /* 3 × 730 × 0.096 = 210.24, from 2026.1 as pinned. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                  "monthly"), ==, "210.24");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                  "sheet_version"), ==, "2026.1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1),
                                                  "sheet_version"), ==, "2026.1");

  /* Lines of two sheets, each service moved on to 2026.2: the note names each. */
  {
    g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "data", "valid-small-2026.2.xml",
                                                    NULL);
    g_auto(SkyCliRun) more = { 0 };
    g_auto(SkyCliRun) mixed = { 0 };

    g_string_replace (pinned, "service=\"vm\" version=\"2026.1\"",
                      "service=\"vm\" version=\"2026.3\"", 1);
    g_assert_true (g_file_set_contents (scenario, pinned->str, -1, NULL));
    cli (&more, "--catalog", f->catalog, "import", newer, NULL);
    g_assert_cmpint (more.status, ==, 0);
    cli (&mixed, "--catalog", f->catalog, "estimate", scenario, NULL);
    g_assert_cmpint (mixed.status, ==, 0);
    g_test_message ("%s", mixed.err);
    g_assert_nonnull (strstr (mixed.err, "Example Cloud: priced against the sheets the scenario "
                                         "records; newer sheets are current for "
                                         "vm (2026.3, now 2026.2), egress (2026.1, now 2026.2) "
                                         "(--current prices against them)"));
    g_assert_nonnull (strstr (mixed.out, "Example Cloud (2026.3, 2026.1"));
  }
}

/* The example scenarios price on the bundled sheets: the web product's API servers on Azure are
 * 3 × 730 h × 0.096 USD (D2s v5, eastus) = 210.24. */
static void
test_estimate_examples (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const examples[] = { "web-product.skytally", "eu-api-in-euros.skytally",
                                           "highly-available-web.skytally" };
  g_autoptr(JsonObject) root = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "scenarios", examples[i], NULL);
      g_auto(SkyCliRun) run = { 0 };

      cli (&run, "--catalog", f->catalog, "estimate", path, "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      if (i == 0)
        root = parse_object (run.out);
    }
  {
    JsonArray *providers = json_object_get_array_member (root, "providers");
    JsonObject *azure = json_array_get_object_element (providers, 1);
    JsonObject *line = json_array_get_object_element (json_object_get_array_member (azure,
                                                                                    "lines"), 0);
    g_assert_cmpstr (json_object_get_string_member (azure, "provider"), ==, "azure");
    g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "210.24");
  }
}

/* The guide's question on the bundled sheets: the example's API servers sized 4 vCPU and
 * 16 GiB, they and the PostgreSQL server on "Reserved 3 yr, no upfront". Google Cloud prices the
 * servers with e2-standard-4's monthly commitment, 3 × 44.02649564 = 132.07948692 ≈ 132.08, and
 * the explanation shows the hours as months; Azure with D4s v5's reservation paid monthly,
 * 3 × 1994 / 36 = 166.17; AWS prices the servers (m7g.xlarge, 3 × 730 × 0.0708 = 155.05) and
 * not the database, RDS selling no three-year reservation without upfront. */
static void
test_estimate_reservation (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                               "scenarios", "web-product.skytally", NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "reserved.skytally", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) xml = NULL;
  g_auto(SkyCliRun) table = { 0 };
  g_auto(SkyCliRun) json = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *providers;

  g_assert_true (g_file_get_contents (example, &text, NULL, NULL));
  xml = g_string_new (text);
  g_assert_cmpuint (g_string_replace (xml, "min-vcpu=\"2\" min-memory-gib=\"8\" geography=\"US\" "
                                           "os=\"linux\"",
                                      "min-vcpu=\"4\" min-memory-gib=\"16\" geography=\"US\" "
                                      "os=\"linux\"", 0), ==, 1);
  g_assert_cmpuint (g_string_replace (xml, "unit=\"hour\" term=\"on-demand\"",
                                      "unit=\"hour\" term=\"reserved-3y-no-upfront\"", 0), ==, 2);
  g_assert_true (g_file_set_contents (scenario, xml->str, -1, NULL));

  cli (&table, "--catalog", f->catalog, "estimate", scenario, "--explain", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "From Google Cloud 2026-07-30: 3 × 730 Hour = 3 Month (730 "
                                       "Hour a month; a commitment bills every month) × "
                                       "44.02649564 USD/Month = 132.07948692 USD ≈ 132.08 USD"));
  g_assert_nonnull (strstr (table.out, "aws, PostgreSQL server: no offer of Amazon Web Services "
                                       "2025.06.1 meets the requirement"));

  cli (&json, "--catalog", f->catalog, "estimate", scenario, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (json.out);
  providers = json_object_get_array_member (root, "providers");
  for (guint i = 0; i < 3; i++)
    {
      static const char * const expected[][3] = {
        { "aws", "m7g.xlarge.linux.us-east-1", "155.05" },
        { "azure", "standard-d4s-v5.linux.eastus", "166.17" },
        { "gcp", "e2-standard-4.linux.us-central1", "132.08" },
      };
      JsonObject *p = json_array_get_object_element (providers, i);
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (p,
                                                                                      "lines"),
                                                        0);

      g_assert_cmpstr (json_object_get_string_member (p, "provider"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (line,
                                                                                     "offer"),
                                                      "sku"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, expected[i][2]);
    }
}

/* match, compare and score, end to end, on the two small sheets. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "other-small.xml", NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "choice.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) matched = { 0 };
  g_auto(SkyCliRun) compared = { 0 };
  g_auto(SkyCliRun) scored = { 0 };
  g_auto(SkyCliRun) usage = { 0 };
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *first;

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, other, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&matched, "--catalog", f->catalog, "match", "--category", "compute", "--min-vcpu", "4",
       "--geo", "EU", "--min-sla", "99.95", "--format", "json", NULL);
  g_assert_cmpint (matched.status, ==, 0);
  results = parse_array (matched.out);
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  first = json_array_get_object_element (results, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "provider"), ==, "examplecloud");
  g_assert_cmpstr (json_object_get_string_member (first, "provider_short_name"), ==,
                   "Example Cloud");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1),
                                                  "provider_short_name"), ==, "Other");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "no_match"),
                            "its SLA is 99.9 %, below 99.95 %"));
  first = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (results, 1), "matches"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "sku"), ==, "o-4");
  g_assert_cmpstr (json_object_get_string_member (first, "monthly"), ==, "146");
  g_assert_cmpstr (json_object_get_string_member (first, "one_year"), ==, "0.13");

  cli (&compared, "--catalog", f->catalog, "compare", "std-2-us", "othercloud:o-4", "--format",
       "csv", NULL);
  g_assert_cmpint (compared.status, ==, 0);
  g_assert_true (g_str_has_prefix (compared.out, "ATTRIBUTE,DIFFERS,examplecloud:std-2-us,"
                                                 "othercloud:o-4\r\n"));
  g_assert_nonnull (strstr (compared.out, "vCPU,true,2,4\r\n"));
  g_assert_nonnull (strstr (compared.out, "network,true,Up to 10 Gbps,\r\n"));

  g_file_set_contents (scenario,
                       "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Choice\" "
                       "currency=\"USD\">\n"
                       "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.1\" date=\"2026-11-01\"/>\n"
                       "  <candidates>\n"
                       "    <candidate provider=\"examplecloud\" sku=\"std-2-us\"/>\n"
                       "    <candidate provider=\"othercloud\" sku=\"o-4\"/>\n"
                       "  </candidates>\n"
                       "  <criteria>\n"
                       "    <criterion id=\"cost\" kind=\"cost\" weight=\"1\"/>\n"
                       "  </criteria>\n"
                       "</scenario>\n", -1, NULL);
  /* Cost alone: std-2's 70.08 beats o-4's 160.60, 100 to 0. */
  cli (&scored, "--catalog", f->catalog, "score", scenario, "--format", "json", NULL);
  g_assert_cmpint (scored.status, ==, 0);
  root = parse_object (scored.out);
  first = json_array_get_object_element (json_object_get_array_member (root, "options"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "option"), ==, "examplecloud:std-2-us");
  g_assert_cmpfloat (json_object_get_double_member (first, "score"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (first, "cost"), ==, "70.08");
  g_assert_true (json_object_get_boolean_member (first, "pareto"));

  cli (&usage, "--catalog", f->catalog, "match", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* A scenario for exports: growth, a range, a budget, and a label a spreadsheet would run. */
static char *
write_growth_scenario (Fixture *f)
{
  char *path = g_build_filename (f->dir, "growth.skytally", NULL);

  g_file_set_contents (path,
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Growth\" "
    "currency=\"USD\">\n"
    "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
    "  <line label=\"Servers\" group=\"API\" quantity=\"2\" unit=\"hour\">\n"
    "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
    "  <line label=\"=HYPERLINK(&quot;http://x&quot;)\" group=\"Net\" usage=\"10000\" "
    "unit=\"gb\">\n    <offer provider=\"examplecloud\" sku=\"egress-us\"/>\n  </line>\n"
    "  <budget monthly=\"1100\"/>\n"
    "  <projection months=\"12\">\n"
    "    <growth line=\"Servers\" percent=\"10\"/>\n"
    "    <range group=\"Net\" low=\"-20\" high=\"30\"/>\n"
    "  </projection>\n"
    "</scenario>\n", -1, NULL);
  return path;
}

static SkyDecimal
cell_decimal (const char *text)
{
  SkyDecimal d = sky_decimal_from_int (0);

  g_assert_true (sky_decimal_parse (text, 10, FALSE, &d, NULL));
  return d;
}

/* export --csv: strict RFC 4180, the total row the sum of the line rows to the cent in every
 * month, a label neutralised, the assumptions beside it; with ; and a byte-order mark too. */
static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *scenario = write_growth_scenario (f);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *assumptions = g_build_filename (f->dir, "out.assumptions.csv", NULL);
  g_autofree char *semi = g_build_filename (f->dir, "semi.csv", NULL);
  g_autofree char *text = NULL, *atext = NULL, *stext = NULL;
  g_autoptr(GPtrArray) rows = NULL, arows = NULL, srows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) run = { 0 };
  g_auto(SkyCliRun) run2 = { 0 };
  g_auto(SkyCliRun) status = { 0 };
  char **header, **total = NULL;

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);
  cli (&run, "--catalog", f->catalog, "export", scenario, "--csv", out, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_file_get_contents (out, &text, NULL, &error);
  g_assert_no_error (error);
  rows = sky_test_parse_csv (text, ',', &error);
  g_assert_no_error (error);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "provider");
  g_assert_cmpstr (header[3], ==, "complete");
  g_assert_cmpstr (header[4], ==, "row");
  g_assert_cmpstr (header[8], ==, "M01");
  g_assert_cmpstr (header[19], ==, "M12");
  g_assert_cmpstr (header[20], ==, "total");
  /* Two lines, then total, amortised_total, low, high. */
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[6], ==,
                   "'=HYPERLINK(\"http://x\")");
  total = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (total[3], ==, "yes");
  g_assert_cmpstr (total[4], ==, "total");
  g_assert_cmpstr (total[7], ==, "USD");
  /* 140.16 + 891.00 in month 1. */
  g_assert_cmpstr (total[8], ==, "1031.16");
  for (guint col = 8; col <= 20; col++)
    {
      SkyDecimal sum = sky_decimal_from_int (0);
      for (guint r = 1; r <= 2; r++)
        sky_decimal_add (sum, cell_decimal (((char **) g_ptr_array_index (rows, r))[col]), &sum);
      g_assert_cmpint (sky_decimal_compare (sum, cell_decimal (total[col])), ==, 0);
    }

  g_file_get_contents (assumptions, &atext, NULL, &error);
  g_assert_no_error (error);
  arows = sky_test_parse_csv (atext, ',', &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (atext, "price_sheet.examplecloud,2026.1\r\n"));
  g_assert_nonnull (strstr (atext, "range_low_percent.Net,-20\r\n"));
  g_assert_nonnull (strstr (atext, "budget.monthly,1100\r\n"));

  cli (&run2, "--catalog", f->catalog, "export", scenario, "--csv", semi, "--delimiter", ";",
       "--bom", NULL);
  g_assert_cmpint (run2.status, ==, 0);
  g_file_get_contents (semi, &stext, NULL, &error);
  g_assert_true (g_str_has_prefix (stext, "\xEF\xBB\xBFprovider;provider_name;"));
  srows = sky_test_parse_csv (stext, ';', &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((char **) g_ptr_array_index (srows, 3))[8], ==, "1031.16");

  /* The budget, plainly: month 5 is 140.16 × 1.1^4 + 891 = 1096.21, month 6
   * 140.16 × 1.1^5 + 891 = 1116.73, the first over 1100. */
  cli (&status, "--catalog", f->catalog, "project", scenario, NULL);
  g_assert_cmpint (status.status, ==, 0);
  g_assert_nonnull (strstr (status.out, "Example Cloud: over the 1100.00 monthly budget from "
                                        "month 6 (USD); 68.84 to spare in month 1"));
}

/* With a start month, project's table has each month's calendar month beside its number, its
 * JSON each month's "calendar_months", and its CSV's month columns are named by them; without
 * one the table has no such column. */
static void
test_project_calendar_months (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *scenario = write_growth_scenario (f);
  g_autofree char *dated = g_build_filename (f->dir, "dated.skytally", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(JsonObject) projected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) numbered = { 0 };
  g_auto(SkyCliRun) table = { 0 };
  g_auto(SkyCliRun) json = { 0 };
  g_auto(SkyCliRun) csv = { 0 };
  JsonArray *calendar;
  char **header;

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_true (g_file_get_contents (scenario, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "<projection months=\"12\">",
                                      "<projection months=\"12\" start-month=\"2026-12\">", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (dated, edited->str, -1, NULL));

  cli (&numbered, "--catalog", f->catalog, "project", scenario, NULL);
  g_assert_cmpint (numbered.status, ==, 0);
  g_assert_null (strstr (numbered.out, "CALENDAR MONTH"));

  cli (&table, "--catalog", f->catalog, "project", dated, NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "CALENDAR MONTH"));
  g_assert_true (g_regex_match_simple ("^examplecloud +1 +Dec 2026 +1031\\.16 ", table.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^examplecloud +2 +Jan 2027 ", table.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^examplecloud +12 +Nov 2027 ", table.out,
                                       G_REGEX_MULTILINE, 0));

  cli (&json, "--catalog", f->catalog, "project", dated, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  projected = parse_object (json.out);
  calendar = json_object_get_array_member (projected, "calendar_months");
  g_assert_cmpuint (json_array_get_length (calendar), ==, 12);
  g_assert_cmpstr (json_array_get_string_element (calendar, 0), ==, "2026-12");
  g_assert_cmpstr (json_array_get_string_element (calendar, 1), ==, "2027-01");
  g_assert_cmpstr (json_array_get_string_element (calendar, 11), ==, "2027-11");

  cli (&csv, "--catalog", f->catalog, "project", dated, "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  rows = sky_test_parse_csv (csv.out, ',', &error);
  g_assert_no_error (error);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[8], ==, "2026-12");
  g_assert_cmpstr (header[19], ==, "2027-11");
  g_assert_cmpstr (header[20], ==, "total");
}

/* project and export stop with one line saying a figure is too large, and write nothing,
 * rather than print wrong figures: a growth whose product overflows (months 6 to 12 were
 * 0.00), and months that fit one by one but not summed over the projection (the CSV's total
 * column). */
static void
test_project_overflow (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *huge_sheet = g_build_filename (f->dir, "huge.xml", NULL);
  g_autofree char *growth = g_build_filename (f->dir, "growth.skytally", NULL);
  g_autofree char *months = g_build_filename (f->dir, "months.skytally", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) import2 = { 0 };
  g_auto(SkyCliRun) table = { 0 };
  const char * const outputs[] = { "--csv", "out.csv", "--json", "out.json", "--pdf", "out.pdf" };

  sky_test_append_sheet_start (text, "hugecloud", "Huge Cloud");
  g_string_append (text,
    "  <region code=\"r1\" name=\"R1\" geography=\"EU\"/>\n"
    "  <service id=\"big\" name=\"Big\" category=\"compute\">\n"
    "    <offer sku=\"big\" name=\"big\" region=\"r1\">\n"
    "      <price unit=\"month\" term=\"on-demand\" amount=\"1000000\"/>\n"
    "    </offer>\n  </service>\n</price-sheet>\n");
  g_file_set_contents (huge_sheet, text->str, -1, NULL);
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, huge_sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_file_set_contents (growth,
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Growth\" "
    "currency=\"USD\">\n"
    "  <providers>\n    <provider id=\"examplecloud\"/>\n  </providers>\n"
    "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\">\n"
    "    <offer provider=\"examplecloud\" sku=\"std-2-us\"/>\n  </line>\n"
    "  <projection>\n    <growth line=\"Servers\" percent=\"10000000000\"/>\n"
    "  </projection>\n</scenario>\n", -1, NULL);
  /* 10^37 a month: a year is 1.2 × 10^38, two years do not fit. */
  g_file_set_contents (months,
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Months\" "
    "currency=\"EUR\">\n"
    "  <providers>\n    <provider id=\"hugecloud\"/>\n  </providers>\n"
    "  <line label=\"Big\" quantity=\"10000000000000000000000000000000\" usage=\"1\" "
    "unit=\"month\">\n    <offer provider=\"hugecloud\" sku=\"big\"/>\n  </line>\n"
    "  <projection months=\"24\"/>\n</scenario>\n", -1, NULL);

  for (guint i = 0; i < 2; i++)
    {
      const char *scenario = i == 0 ? growth : months;

      for (guint k = 0; k < G_N_ELEMENTS (outputs); k += 2)
        {
          g_autofree char *out = g_build_filename (f->dir, outputs[k + 1], NULL);
          g_auto(SkyCliRun) run = { 0 };

          /* The JSON and the PDF have no sums of months to overflow in the second. */
          if (i == 1 && k > 0)
            continue;
          cli (&run, "--catalog", f->catalog, "export", scenario, outputs[k], out, NULL);
          g_test_message ("export %s %s: %s", scenario, outputs[k], run.err);
          assert_one_line_error (&run);
          g_assert_nonnull (strstr (run.err, "too large to compute exactly"));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
      for (guint k = 0; k < 2; k++)
        {
          g_auto(SkyCliRun) run = { 0 };

          if (i == 1 && k == 0)
            continue;
          cli (&run, "--catalog", f->catalog, "project", scenario, "--format",
               k == 0 ? "json" : "csv", NULL);
          g_test_message ("project %s: %s", scenario, run.err);
          assert_one_line_error (&run);
          g_assert_nonnull (strstr (run.err, "too large to compute exactly"));
          g_assert_cmpstr (run.out, ==, "");
        }
    }
  cli (&table, "--catalog", f->catalog, "project", growth, NULL);
  assert_one_line_error (&table);
  g_assert_cmpstr (table.out, ==, "");
}

/* Runs @argv and asserts it succeeds. */
static void
run_ok (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

/* A real spreadsheet program opens the CSV and gives the same numbers back: the CSV goes
 * through Gnumeric's ssconvert into a workbook and out again. */
static void
test_export_spreadsheet (Fixture       *f,
                         gconstpointer  data)
{
  const char *ssconvert = g_getenv ("SKYTALLY_SSCONVERT");
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *scenario = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *book = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *back = g_build_filename (f->dir, "back.csv", NULL);
  g_autofree char *text = NULL, *back_text = NULL;
  g_autoptr(GPtrArray) rows = NULL, back_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) crlf = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) run = { 0 };

  if (ssconvert == NULL || *ssconvert == '\0')
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed: build-aux/setup-debian.sh installs it");
      return;
    }
  scenario = write_growth_scenario (f);
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  cli (&run, "--catalog", f->catalog, "export", scenario, "--csv", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_ok ((const char *[]) { ssconvert, out, book, NULL });
  run_ok ((const char *[]) { ssconvert, book, back, NULL });

  g_file_get_contents (out, &text, NULL, &error);
  g_file_get_contents (back, &back_text, NULL, &error);
  g_assert_no_error (error);
  rows = sky_test_parse_csv (text, ',', &error);
  g_assert_no_error (error);
  /* ssconvert ends records with LF alone. */
  crlf = g_string_new (back_text);
  g_string_replace (crlf, "\r\n", "\n", 0);
  g_string_replace (crlf, "\n", "\r\n", 0);
  back_rows = sky_test_parse_csv (crlf->str, ',', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back_rows->len, ==, rows->len);
  for (guint r = 1; r < rows->len; r++)
    {
      char **a = g_ptr_array_index (rows, r);
      char **b = g_ptr_array_index (back_rows, r);

      g_assert_cmpstr (a[0], ==, b[0]);
      g_assert_cmpstr (a[3], ==, b[3]);
      g_assert_cmpstr (a[4], ==, b[4]);
      /* The spreadsheet keeps numbers in binary floating point (916.21 may come back as
       * 916.21000000000000002): the same to the cent. */
      guint n = g_strv_length (a);

      g_assert_cmpuint (g_strv_length (b), ==, n);
      for (guint col = 8; col < n - 5; col++)
        {
          SkyDecimal read_back = sky_decimal_from_int (0);
          g_assert_true (sky_decimal_parse (b[col], SKY_DECIMAL_MAX_SCALE, FALSE, &read_back,
                                            NULL));
          read_back = sky_decimal_round (read_back, 2, SKY_ROUND_HALF_UP);
          g_assert_cmpint (sky_decimal_compare (cell_decimal (a[col]), read_back), ==, 0);
        }
      /* The line's SKU, purchase option, unit price, unit and reason come back as written. */
      for (guint col = n - 5; col < n; col++)
        g_assert_cmpstr (a[col], ==, b[col]);
    }
  /* The neutralised label stays text: a formula would have come back as its value. */
  g_test_message ("label read back: %s", ((char **) g_ptr_array_index (back_rows, 2))[6]);
  g_assert_nonnull (strstr (((char **) g_ptr_array_index (back_rows, 2))[6],
                            "=HYPERLINK(\"http://x\")"));
}

/* The PDF report holds the figures: the example web product on the bundled sheets. */
static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *scenario = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "scenarios", "web-product.skytally", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *out = NULL;
  g_auto(SkyCliRun) run = { 0 };

  cli (&run, "--catalog", f->catalog, "export", scenario, "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  out = sky_test_pdf_text (pdf);
  if (out == NULL)
    return;
  g_assert_nonnull (strstr (out, "Web product in the US"));
  g_assert_nonnull (strstr (out, "The providers side by side"));
  /* Azure's API servers: 3 × 730 × 0.096 = 210.24; the example's monthly totals. */
  g_assert_nonnull (strstr (out, "210.24"));
  g_assert_nonnull (strstr (out, "843.61"));
  g_assert_nonnull (strstr (out, "The projection"));
  g_assert_nonnull (strstr (out, "over the monthly budget from month"));
  /* Google Cloud prices the PostgreSQL server (2 vCPU, 8 GiB) with Cloud SQL, priced per
   * vCPU-hour and GiB-hour: (2 × 0.0413 + 8 × 0.007) × 730 = 0.1386 × 730 = 101.178. Its
   * object storage and egress are pricing.yml's, per GiB: 2000 GB = 1862.645149230957 GiB
   * × 0.02 = 37.25; 5000 GB = 4656.612873077393 GiB = 1024 × 0.12 + 3632.612873077393 × 0.11
   * = 522.47. Its total is 146.76 + 101.18 + 9.00 + 37.25 + 522.47 + 6.60 + 3.20 = 826.46,
   * every line priced. */
  g_assert_nonnull (strstr (out, "101.18"));
  g_assert_nonnull (strstr (out, "826.46"));
  g_assert_null (strstr (out, "out 1 line it cannot price"));
  g_assert_null (strstr (out, "Google Cloud (incomplete): "));
  /* The star goes to the cheapest provider that prices every line: Google Cloud at 826.46
   * (AWS 843.61). */
  g_assert_nonnull (strstr (out, "Google Cloud ★"));
}

/* The workbook for finance: the example web product on the bundled sheets, read back by a
 * spreadsheet program (ssconvert) with the totals it recalculates. */
static void
test_export_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *scenario = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "scenarios", "web-product.skytally", NULL);
  g_autofree char *book = g_build_filename (f->dir, "finance.xlsx", NULL);
  g_autofree char *back = g_build_filename (f->dir, "summary.csv", NULL);
  g_autofree char *summary = NULL;
  const char *ssconvert = g_getenv ("SKYTALLY_SSCONVERT");
  g_auto(SkyCliRun) run = { 0 };

  cli (&run, "--catalog", f->catalog, "export", scenario, "--xlsx", book, NULL);
  if (run.status != 0 && strstr (run.err, "made without libxlsxwriter") != NULL)
    {
      g_test_skip ("this build writes no XLSX (made without libxlsxwriter)");
      return;
    }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (book, G_FILE_TEST_IS_REGULAR));
  if (ssconvert == NULL || *ssconvert == '\0')
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed: build-aux/setup-debian.sh installs it");
      return;
    }
  /* The first sheet, the summary, with its formulas recalculated. */
  run_ok ((const char *[]) { ssconvert, "--recalc", "--export-type=Gnumeric_stf:stf_csv", book,
                             back, NULL });
  summary = sky_test_contents_of (back, NULL);
  g_assert_true (g_str_has_prefix (summary, "Provider,Monthly,Upfront,\"First year\","));
  /* Each provider's monthly total, as the estimate's, to the cent (a spreadsheet sums in binary
   * floating point): AWS 843.61, Azure 862.98, Google Cloud 826.46, which is the cheapest. */
  {
    static const struct { const char *name; gint64 cents; } monthly[] = {
      { "\"Amazon Web Services\",", 84361 },
      { "\"Microsoft Azure\",", 86298 },
      { "\"Google Cloud\",", 82646 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (monthly); i++)
      {
        const char *row = strstr (summary, monthly[i].name);

        g_assert_nonnull (row);
        row += strlen (monthly[i].name);
        g_assert_cmpint ((gint64) (g_ascii_strtod (row, NULL) * 100.0 + 0.5), ==,
                         monthly[i].cents);
      }
  }
  g_assert_nonnull (strstr (summary, ",Yes,Yes,\"A group over its cap in month 1\","));
}

/* Exports where files already are --------------------------------------------------------- */

/* A catalog with the small sheet, and the scenario for exports in @f->dir. */
static char *
export_setup (Fixture *f)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) import = { 0 };

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);
  return write_growth_scenario (f);
}

/* export with several outputs writes each as it would alone, from the one projection it works
 * out for all of them. */
static void
test_export_several_outputs (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  static const char * const options[] = { "--csv", "--json" };
  static const char * const names[] = { "months.csv", "months.json" };
  g_autofree char *both_csv = g_build_filename (f->dir, "both.csv", NULL);
  g_autofree char *both_json = g_build_filename (f->dir, "both.json", NULL);
  const char * const both[] = { both_csv, both_json };
  g_auto(SkyCliRun) run = { 0 };

  cli (&run, "--catalog", f->catalog, "export", scenario, "--csv", both_csv, "--json",
       both_json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *alone = g_build_filename (f->dir, names[i], NULL);
      g_autofree char *expected = NULL;
      g_autofree char *written = NULL;
      g_auto(SkyCliRun) one = { 0 };

      cli (&one, "--catalog", f->catalog, "export", scenario, options[i], alone, NULL);
      g_assert_cmpint (one.status, ==, 0);
      expected = sky_test_contents_of (alone, NULL);
      written = sky_test_contents_of (both[i], NULL);
      g_assert_cmpstr (written, ==, expected);
    }
  {
    g_autofree char *alone = g_build_filename (f->dir, "months.assumptions.csv", NULL);
    g_autofree char *assumptions = g_build_filename (f->dir, "both.assumptions.csv", NULL);
    g_autofree char *expected = sky_test_contents_of (alone, NULL);
    g_autofree char *written = sky_test_contents_of (assumptions, NULL);

    g_assert_cmpstr (written, ==, expected);
  }
}

/* A symbolic link given as the output (a chain of two) stays a link, and the file it ends at
 * is replaced: CSV, its assumptions, JSON and PDF. */
static void
test_export_keeps_links (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *real = g_build_filename (f->dir, "real", NULL);
  static const char * const names[] = { "months.csv", "months.assumptions.csv", "months.json",
                                        "report.pdf" };
  g_auto(SkyCliRun) run = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = g_build_filename (dir, names[i], NULL);
      g_autofree char *middle = g_strconcat (link, ".link", NULL);
      g_autofree char *target = g_build_filename (real, names[i], NULL);
      g_autofree char *middle_name = g_strconcat (names[i], ".link", NULL);

      g_assert_true (g_file_set_contents (target, "old", -1, NULL));
      g_assert_cmpint (symlink (target, middle), ==, 0);
      g_assert_cmpint (symlink (middle_name, link), ==, 0);
    }
  {
    g_autofree char *csv = g_build_filename (dir, "months.csv", NULL);
    g_autofree char *json = g_build_filename (dir, "months.json", NULL);
    g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);

    cli (&run, "--catalog", f->catalog, "export", scenario, "--csv", csv, "--json", json,
         "--pdf", pdf, NULL);
  }
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = g_build_filename (dir, names[i], NULL);
      g_autofree char *middle = g_strconcat (link, ".link", NULL);
      g_autofree char *target = g_build_filename (real, names[i], NULL);
      g_autofree char *text = sky_test_contents_of (target, NULL);

      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
      g_assert_true (g_file_test (middle, G_FILE_TEST_IS_SYMLINK));
      g_assert_false (g_file_test (target, G_FILE_TEST_IS_SYMLINK));
      g_assert_cmpstr (text, !=, "old");
    }
  {
    g_autofree char *listed = sky_test_names_in (real);
    g_assert_cmpstr (listed, ==, "months.assumptions.csv months.csv months.json report.pdf");
  }
}

/* A link planted where the PDF used to be drawn before it was put in place (OUT.pdf.part) is
 * not followed: the file it points to is left alone, and so is the link. */
static void
test_export_planted_link (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *part = g_build_filename (f->dir, "report.pdf.part", NULL);
  g_autofree char *victim = g_build_filename (f->dir, "victim", NULL);
  g_autofree char *text = NULL;
  g_auto(SkyCliRun) run = { 0 };

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  g_assert_cmpint (symlink (victim, part), ==, 0);
  cli (&run, "--catalog", f->catalog, "export", scenario, "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = sky_test_contents_of (victim, NULL);
  g_assert_cmpstr (text, ==, "precious");
  g_assert_true (g_file_test (part, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
}

static void
set_umask_027 (gpointer data)
{
  umask (027);
}

/* A file exported again keeps its mode; a new one gets the usual mode of the umask. */
static void
test_export_keeps_mode (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *csv = g_build_filename (f->dir, "months.csv", NULL);
  g_autofree char *assumptions = g_build_filename (f->dir, "months.assumptions.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *json = g_build_filename (f->dir, "months.json", NULL);
  g_auto(SkyCliRun) run = { 0 };
  g_auto(SkyCliRun) again = { 0 };
  GStatBuf st;

  cli_with (&run, set_umask_027, "--catalog", f->catalog, "export", scenario, "--csv", csv,
            "--pdf", pdf, "--json", json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char * const *p = (const char *[]) { csv, assumptions, pdf, json, NULL }; *p; p++)
    {
      g_assert_cmpint (g_stat (*p, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0640);
      g_assert_cmpint (g_chmod (*p, 0600), ==, 0);
    }
  cli (&again, "--catalog", f->catalog, "export", scenario, "--csv", csv, "--pdf", pdf,
       "--json", json, NULL);
  g_assert_cmpint (again.status, ==, 0);
  for (const char * const *p = (const char *[]) { csv, assumptions, pdf, json, NULL }; *p; p++)
    {
      g_assert_cmpint (g_stat (*p, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
}

/* Standard output (-, /dev/stdout or a link to it) is written to, never replaced; the
 * assumptions, which have no folder there to go beside the CSV, are not written. */
static void
test_export_to_stdout (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *link = g_build_filename (f->dir, "to-stdout.csv", NULL);
  g_autofree char *listed = NULL;

  g_assert_cmpint (symlink ("/dev/stdout", link), ==, 0);
  for (const char * const *p = (const char *[]) { "-", link, "/dev/stdout", NULL }; *p; p++)
    {
      g_auto(SkyCliRun) csv = { 0 };
      g_auto(SkyCliRun) json = { 0 };

      cli (&csv, "--catalog", f->catalog, "export", scenario, "--csv", *p, NULL);
      g_assert_cmpint (csv.status, ==, 0);
      g_assert_true (g_str_has_prefix (csv.out, "provider,provider_name,"));
      cli (&json, "--catalog", f->catalog, "export", scenario, "--json", *p, NULL);
      g_assert_cmpint (json.status, ==, 0);
      g_assert_true (g_str_has_prefix (json.out, "{"));
      g_assert_true (g_file_test ("/dev/stdout", G_FILE_TEST_IS_SYMLINK));
      /* Nor is an assumptions file written beside it. */
      g_assert_false (g_file_test ("/dev/stdout.assumptions.csv", G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test ("-.assumptions.csv", G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  listed = sky_test_names_in (f->dir);
  g_assert_cmpstr (listed, ==, "growth.skytally sub to-stdout.csv");
}

/* --assumptions names where the CSV's assumptions go: beside standard output only when asked,
 * and elsewhere than beside a CSV file; it goes with --csv only. */
static void
test_export_assumptions_option (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *sub = g_build_filename (f->dir, "out", NULL);
  g_autofree char *asked = g_build_filename (f->dir, "out", "asked.csv", NULL);
  g_autofree char *months = g_build_filename (f->dir, "out", "months.csv", NULL);
  g_autofree char *elsewhere = g_build_filename (f->dir, "out", "elsewhere.csv", NULL);
  g_autofree char *text = NULL, *listed = NULL;
  g_auto(SkyCliRun) to_stdout = { 0 };
  g_auto(SkyCliRun) to_file = { 0 };
  g_auto(SkyCliRun) alone = { 0 };

  g_mkdir_with_parents (sub, 0755);
  cli (&to_stdout, "--catalog", f->catalog, "export", scenario, "--csv", "-", "--assumptions",
       asked, NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_true (g_str_has_prefix (to_stdout.out, "provider,provider_name,"));
  text = sky_test_contents_of (asked, NULL);
  g_assert_true (g_str_has_prefix (text, "key,value\r\nscenario,"));

  cli (&to_file, "--catalog", f->catalog, "export", scenario, "--csv", months, "--assumptions",
       elsewhere, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  listed = sky_test_names_in (sub);
  g_assert_cmpstr (listed, ==, "asked.csv elsewhere.csv months.csv");

  cli (&alone, "--catalog", f->catalog, "export", scenario, "--json", months, "--assumptions",
       elsewhere, NULL);
  g_assert_cmpint (alone.status, ==, 2);
  g_assert_nonnull (strstr (alone.err, "--assumptions goes with --csv"));
}

/* A named pipe is written to, and stays a pipe. */
static void
test_export_to_fifo (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.json", NULL);
  g_autofree char *text = NULL;
  g_auto(SkyCliRun) run = { 0 };
  GThread *reader;

  reader = sky_test_read_fifo (fifo);
  cli (&run, "--catalog", f->catalog, "export", scenario, "--json", fifo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = sky_test_fifo_text (reader, fifo);
  g_assert_true (g_str_has_prefix (text, "{"));
  g_assert_nonnull (strstr (text, "\"scenario\" : \"Growth\""));
}

/* An export that cannot be written (files limited to 4 KiB, far less than any report, whatever
 * fonts it embeds; a folder that is a file) fails naming the file, leaves the old file as it
 * was and no temporary file behind. A connection kept open here holds the catalog's
 * shared-memory file at its full size, so the limit stops only the export's own file. */
static void
test_export_fails_cleanly (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *growth = export_setup (f);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *json = g_build_filename (dir, "months.json", NULL);
  g_autofree char *not_dir = g_build_filename (dir, "report.pdf", "months.csv", NULL);
  g_autofree char *listed = NULL;
  g_auto(SkyCliRun) big = { 0 };
  g_auto(SkyCliRun) json_run = { 0 };
  g_auto(SkyCliRun) nowhere = { 0 };
  sqlite3 *holder = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->catalog, &holder, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN; SELECT count(*) FROM sheet;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (pdf, "old pdf", -1, NULL));
  g_assert_true (g_file_set_contents (json, "old json", -1, NULL));

  cli_limited (&big, 4 << 10, "--catalog", f->catalog, "export", scenario, "--pdf", pdf,
               "--months", "60", NULL);
  assert_one_line_error (&big);
  g_assert_nonnull (strstr (big.err, pdf));
  cli_limited (&json_run, 4 << 10, "--catalog", f->catalog, "export", scenario, "--json",
               json, "--months", "60", NULL);
  assert_one_line_error (&json_run);
  g_assert_nonnull (strstr (json_run.err, json));
  sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (holder);
  cli (&nowhere, "--catalog", f->catalog, "export", scenario, "--csv", not_dir, NULL);
  assert_one_line_error (&nowhere);
  g_assert_nonnull (strstr (nowhere.err, not_dir));

  {
    g_autofree char *text = sky_test_contents_of (pdf, NULL);
    g_assert_cmpstr (text, ==, "old pdf");
  }
  {
    g_autofree char *text = sky_test_contents_of (json, NULL);
    g_assert_cmpstr (text, ==, "old json");
  }
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "months.json report.pdf");
}

/* The CSV and its assumptions are put in place together: when the assumptions cannot be
 * written (a folder has their name), neither file changes. */
static void
test_export_csv_all_or_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *csv = g_build_filename (dir, "months.csv", NULL);
  g_autofree char *assumptions = g_build_filename (dir, "months.assumptions.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;
  g_auto(SkyCliRun) run = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (csv, "old csv", -1, NULL));
  g_assert_cmpint (g_mkdir (assumptions, 0755), ==, 0);
  cli (&run, "--catalog", f->catalog, "export", scenario, "--csv", csv, NULL);
  assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, assumptions));
  text = sky_test_contents_of (csv, NULL);
  g_assert_cmpstr (text, ==, "old csv");
  g_assert_true (g_file_test (assumptions, G_FILE_TEST_IS_DIR));
  listed = sky_test_names_in (dir);
  g_assert_cmpstr (listed, ==, "months.assumptions.csv months.csv");
}

/* Runs skytally-cli with the dynamic loader telling on standard error which files it loads,
 * and returns that. */
static char *
loaded_by (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LD_DEBUG", "files", TRUE);
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("SKYTALLY_CLI"));
  for (const char * const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return err;
}

/* Only export loads the report library, and with it cairo and Pango: the other commands start
 * without them. */
static void
test_report_loaded_for_export_only (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *scenario = export_setup (f);
  g_autofree char *json = g_build_filename (f->dir, "months.json", NULL);
  g_autofree char *version = loaded_by ((const char *[]) { "--version", NULL });
  g_autofree char *search = loaded_by ((const char *[]) { "--catalog", f->catalog, "search",
                                                          NULL });
  g_autofree char *estimate = loaded_by ((const char *[]) { "--catalog", f->catalog, "estimate",
                                                            scenario, NULL });
  g_autofree char *export = loaded_by ((const char *[]) { "--catalog", f->catalog, "export",
                                                          scenario, "--json", json, NULL });

  if (strstr (version, "libglib-2.0") == NULL)
    {
      g_test_skip ("the dynamic loader does not tell what it loads (LD_DEBUG) here");
      return;
    }
  for (const char * const *err = (const char *[]) { version, search, estimate, NULL }; *err;
       err++)
    {
      g_assert_null (strstr (*err, "libskytally-cli-export"));
      g_assert_null (strstr (*err, "libcairo"));
      g_assert_null (strstr (*err, "libpango"));
    }
  g_assert_nonnull (strstr (export, "libskytally-cli-export"));
  g_assert_nonnull (strstr (export, "libcairo"));
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
}

/* Only convert and import --from load the converters: the other commands, import of sheets
 * too, start without them (and without libyaml). */
static void
test_sources_loaded_for_convert_only (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *sizes = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                  "digitalocean", "sizes.json", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "do.xml", NULL);
  g_autofree char *search = loaded_by ((const char *[]) { "--catalog", f->catalog, "search",
                                                          NULL });
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *import = loaded_by ((const char *[]) { "--catalog", f->catalog, "import",
                                                          valid, NULL });
  g_autofree char *convert = loaded_by ((const char *[]) { "convert", "--from",
                                                           "digitalocean-json",
                                                           "--effective-date", "2024-01-29",
                                                           sizes, "-o", sheet, NULL });

  if (strstr (search, "libglib-2.0") == NULL)
    {
      g_test_skip ("the dynamic loader does not tell what it loads (LD_DEBUG) here");
      return;
    }
  g_assert_null (strstr (search, "libskytally-cli-sources"));
  g_assert_null (strstr (search, "libyaml"));
  g_assert_null (strstr (import, "libskytally-cli-sources"));
  g_assert_nonnull (strstr (convert, "libskytally-cli-sources"));
  g_assert_true (g_file_test (sheet, G_FILE_TEST_IS_REGULAR));
}

/* skytally-cli loads JSON-GLib only for a search's JSON: when it cannot, that search fails and
 * says which library, and a search that writes a table runs as before. */
static void
test_search_json_without_json_glib (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *libdir = g_build_filename (f->dir, "broken-lib", NULL);
  g_autofree char *broken = g_build_filename (libdir, "libjson-glib-1.0.so.0", NULL);
  g_autofree char *probe = loaded_by ((const char *[]) { "--version", NULL });
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *path = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(GStrv) envp = NULL;
  g_auto(SkyCliRun) json = { 0 };
  g_auto(SkyCliRun) table = { 0 };

  if (strstr (probe, "libglib-2.0") == NULL)
    {
      /* Where the dynamic loader is not glibc's, LD_LIBRARY_PATH may not come first. */
      g_test_skip ("the dynamic loader does not tell what it loads (LD_DEBUG) here");
      return;
    }
  /* Without the bundled sheets, which skytally-cli-full, linked with JSON-GLib, would load. */
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", valid, NULL);
  g_assert_cmpint (import.status, ==, 0);
  /* Not a library: loading it fails, and the loader looks no further. */
  g_assert_cmpint (g_mkdir_with_parents (libdir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (broken, "", 0, NULL));
  path = g_getenv ("LD_LIBRARY_PATH") != NULL
         ? g_strconcat (libdir, ":", g_getenv ("LD_LIBRARY_PATH"), NULL) : g_strdup (libdir);
  envp = g_environ_setenv (g_get_environ (), "LD_LIBRARY_PATH", path, TRUE);

  sky_cli_run (&json, NULL, envp, NULL, "--catalog", f->catalog, "search", "--format", "json",
               NULL);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_cmpstr (json.out, ==, "");
  g_assert_true (g_str_has_prefix (json.err, "skytally-cli: Cannot load libjson-glib-1.0.so.0: "));

  sky_cli_run (&table, NULL, envp, NULL, "--catalog", f->catalog, "search", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "PROVIDER"));
}

/* A search, --version and --help run in skytally-cli alone, which loads none of the libraries
 * that only reports (cairo, Pango), downloads (libsoup), sheets and scenarios (libxml2 and the
 * ICU and C++ runtime it brings, nettle) need, nor JSON-GLib and GIO but for a search's JSON;
 * another command runs in skytally-cli-full. */
static void
test_search_loads_only_what_it_needs (Fixture       *f,
                                      gconstpointer  data)
{
  static const char * const unneeded[] = {
    "libcairo", "libpango", "libsoup", "libxml2", "libicu", "libstdc++", "libnettle",
    "libskytally-cli-export", "libskytally-cli-sources", "skytally-cli-full",
  };
  static const char * const json_only[] = {
    "libjson-glib", "libgio", "libgmodule", "libmount", "libblkid", "libselinux",
  };
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *import = loaded_by ((const char *[]) { "--catalog", f->catalog, "--no-seed",
                                                          "import", valid, NULL });
  g_autofree char *version = loaded_by ((const char *[]) { "--version", NULL });
  g_autofree char *help = loaded_by ((const char *[]) { "--help", NULL });
  g_autofree char *search = loaded_by ((const char *[]) { "--catalog", f->catalog, "search",
                                                          "--text", "a", NULL });
  g_autofree char *json = loaded_by ((const char *[]) { "--catalog", f->catalog, "search",
                                                        "--format", "json", NULL });
  g_autofree char *sheets = loaded_by ((const char *[]) { "--catalog", f->catalog, "sheets",
                                                          NULL });
  const char * const runs[] = { version, help, search, json };
  const char * const names[] = { "--version", "--help", "search", "search --format json" };

  if (strstr (version, "libglib-2.0") == NULL)
    {
      g_test_skip ("the dynamic loader does not tell what it loads (LD_DEBUG) here");
      return;
    }
  g_assert_nonnull (strstr (search, "libsqlite3"));
  g_assert_nonnull (strstr (json, "libjson-glib"));
  /* JSON-GLib, and the GIO it needs, only for JSON. */
  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    for (gsize i = 0; runs[r] != json && i < G_N_ELEMENTS (json_only); i++)
      if (strstr (runs[r], json_only[i]) != NULL)
        g_error ("skytally-cli %s loads %s", names[r], json_only[i]);
  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    for (gsize i = 0; i < G_N_ELEMENTS (unneeded); i++)
      {
#if defined(__SANITIZE_ADDRESS__)
        /* AddressSanitizer's runtime is written in C++ and brings its library along. */
        if (g_str_equal (unneeded[i], "libstdc++"))
          continue;
#endif
        if (strstr (runs[r], unneeded[i]) != NULL)
          g_error ("skytally-cli %s loads %s", names[r], unneeded[i]);
      }
  /* The other commands are skytally-cli-full's, and load what they need. */
  g_assert_nonnull (strstr (import, "skytally-cli-full"));
  g_assert_nonnull (strstr (import, "libxml2"));
  g_assert_nonnull (strstr (sheets, "skytally-cli-full"));
}

/* SKYTALLY_TRACE_SQL=FILE: the statements a command ran on the catalog, values in place, as a
 * script sqlite3 runs to the same result. */
static void
test_trace_sql (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *trace = g_build_filename (f->dir, "trace.sql", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SKYTALLY_TRACE_SQL", trace, TRUE);
  const char *argv[] = { g_getenv ("SKYTALLY_CLI"), "--catalog", f->catalog, "search",
                         "--region", "no-such-region", NULL };
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SkyCliRun) r = { 0 };
  int wait_status = 0;

  cli (&r, "--catalog", f->catalog, "--no-seed", "import", valid, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_false (g_file_test (trace, G_FILE_TEST_EXISTS));

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_true (g_file_get_contents (trace, &script, NULL, NULL));
  /* The header check first; the search's value bound and shown in place; each a statement. */
  g_assert_true (g_str_has_prefix (script, "PRAGMA schema_version;\n"));
  g_assert_nonnull (strstr (script, "'no-such-region'"));
  g_assert_true (g_str_has_suffix (script, ";\n"));
  g_assert_null (strstr (script, ";;"));
}

/* convert writes a sheet that imports, prints its summary, and lists its formats in --help. */
static void
test_convert (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *sizes = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                  "digitalocean", "sizes.json", NULL);
  g_autofree char *regions = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                    "digitalocean", "regions.json", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "do.xml", NULL);
  g_auto(SkyCliRun) help = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) imported = { 0 };
  g_auto(SkyCliRun) search = { 0 };
  g_auto(SkyCliRun) missing = { 0 };

  cli (&help, "convert", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "Formats (--from):\n  digitalocean-json      DigitalOcean"));
  /* Listed whether or not this build has libyaml, which it then says. */
  g_assert_nonnull (strstr (help.out, "\n  gcp-pricing-yml        Google Cloud pricing.yml"));
  g_assert_nonnull (strstr (help.out, "\n  gcp-skus-json          Google Cloud Billing "
                                      "Catalog"));
  /* The titles in one column, two spaces after the longest id. */
  g_assert_nonnull (strstr (help.out, "\n  aws-savings-plans-csv  AWS Savings Plans"));
  {
    g_auto(GStrv) lines = g_strsplit (strstr (help.out, "Formats (--from):\n"), "\n", -1);
    guint n = 0;

    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
      {
        g_assert_true (g_str_has_prefix (lines[i], "  "));
        g_assert_cmpint (lines[i][24], ==, ' ');
        g_assert_true (g_ascii_isalpha (lines[i][25]));
      }
    g_assert_cmpuint (n, >=, 6);
  }
  g_assert_nonnull (strstr (help.out, "  --round-prices "));
  g_assert_nonnull (strstr (help.out, "unless --round-prices is\ngiven: then it is rounded "
                                      "half-up to 10 decimals"));

  cli (&r, "convert", "--from", "digitalocean-json", "--effective-date", "2024-01-29",
       "--version", "2024.01", "--retrieved", "2024-01-30", sizes, regions, "-o", sheet, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "3 offers and 3 prices written, 2 rows skipped\n"
                                          "  1 × size not available\n"));
  g_assert_nonnull (strstr (r.out, "sizes.json:36: $.sizes[2]\n"));
  g_assert_cmpstr (r.err, ==, "");

  cli (&imported, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "added digitalocean 2024.01 (effective 2024-01-29), "
                                          "3 offers; now current"));
  cli (&search, "--catalog", f->catalog, "search", "--provider", "digitalocean", "--format",
       "csv", "--limit", "0", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "g-2vcpu-8gb.fra1"));
  g_assert_nonnull (strstr (search.out, "0.09375"));

  cli (&missing, "convert", sizes, "-o", sheet, NULL);
  g_assert_cmpint (missing.status, ==, 2);
}

/* A bad row refuses the conversion in one line naming file and line, and writes nothing;
 * --skip-bad-rows converts the rest and lists what it skipped. */
static void
test_convert_bad_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "sources", "digitalocean",
                                                "bad-rows.json", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "do.xml", NULL);
  g_autofree char *place = g_strdup_printf ("%s:15: $.sizes[1].regions[1]: unknown region", bad);
  g_autofree char *none = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                 "gcp-skus-json", "nothing-converted.json",
                                                 NULL);
  g_auto(SkyCliRun) nothing = { 0 };
  g_auto(SkyCliRun) refused = { 0 };
  g_auto(SkyCliRun) skipped = { 0 };
  g_auto(SkyCliRun) unknown = { 0 };

  cli (&refused, "convert", "--from", "digitalocean-json", "--effective-date", "2024-01-29",
       bad, "-o", sheet, NULL);
  assert_one_line_error (&refused);
  g_assert_nonnull (strstr (refused.err, place));
  g_assert_false (g_file_test (sheet, G_FILE_TEST_EXISTS));

  cli (&skipped, "convert", "--from", "digitalocean-json", "--effective-date", "2024-01-29",
       "--skip-bad-rows", bad, "-o", sheet, NULL);
  g_assert_cmpint (skipped.status, ==, 0);
  g_assert_true (g_str_has_prefix (skipped.out, "1 offer and 1 price written, 2 rows "
                                                "skipped\n"));
  g_assert_nonnull (strstr (skipped.out, "  1 × unknown region “atlantis1”\n"));
  g_assert_nonnull (strstr (skipped.out, ":15: $.sizes[1].regions[1]\n"));
  g_assert_true (g_file_test (sheet, G_FILE_TEST_IS_REGULAR));

  /* Nothing converted: what was skipped, then why nothing is written. */
  cli (&nothing, "convert", "--from", "gcp-skus-json", none, "-o", sheet, NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_true (g_str_has_prefix (nothing.err, "0 offers and 0 prices written, 1 row skipped\n"
                                                "  1 × SKU not converted (Compute, "
                                                "Kubernetes)\n"));
  g_assert_true (g_str_has_suffix (nothing.err, "skytally-cli: No offers came out of the files: "
                                                "no sheet written\n"));

  cli (&unknown, "convert", "--from", "aws-price-list-xml", bad, "-o", sheet, NULL);
  assert_one_line_error (&unknown);
  g_assert_nonnull (strstr (unknown.err, "Unknown format “aws-price-list-xml”"));
}

/* import --from converts and imports in one step; when the conversion fails, the catalog
 * does not change. */
static void
test_import_converted (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sizes = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                  "digitalocean", "sizes.json", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "sources", "digitalocean",
                                                "bad-rows.json", NULL);
  g_auto(SkyCliRun) refused = { 0 };
  g_auto(SkyCliRun) before = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) after = { 0 };
  g_auto(SkyCliRun) again = { 0 };

  cli (&refused, "--catalog", f->catalog, "--no-seed", "import", "--from", "digitalocean-json",
       "--effective-date", "2024-01-29", bad, NULL);
  assert_one_line_error (&refused);
  g_assert_nonnull (strstr (refused.err, ":15: $.sizes[1].regions[1]: unknown region"));
  cli (&before, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_cmpint (before.status, ==, 0);
  g_assert_null (strstr (before.out, "digitalocean"));

  cli (&r, "--catalog", f->catalog, "import", "--from", "digitalocean-json",
       "--effective-date", "2024-01-29", sizes, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "3 offers and 3 prices written, 2 rows skipped\n"));
  g_assert_nonnull (strstr (r.out, "added digitalocean 2024-01-29 (effective 2024-01-29), "
                                   "3 offers; now current\n"));
  cli (&after, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_nonnull (strstr (after.out, "digitalocean"));

  cli (&again, "--catalog", f->catalog, "import", "--from", "digitalocean-json",
       "--effective-date", "2024-01-29", sizes, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "digitalocean 2024-01-29 is already in the catalog; "
                                       "nothing changed"));
}

#ifdef HAVE_SOUP
/* update: DigitalOcean's API on the loopback interface ------------------------------------ */

/* A server of DigitalOcean's /v2/sizes and /v2/regions (the converters' fixtures, with ETags),
 * in a thread of its own: the test's thread waits for skytally-cli. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  guint         port;
  gboolean      fail;        /* 500 to every request of the sizes */
  guint         requests;
} ApiServer;

static void
api_answer_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ApiServer *api = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *answer = soup_server_message_get_response_headers (message);
  const char *name = strcmp (path, "/v2/sizes") == 0 ? "sizes.json"
                     : strcmp (path, "/v2/regions") == 0 ? "regions.json" : NULL;
  g_autofree char *etag = NULL;
  g_autofree char *file = NULL;
  g_autofree char *body = NULL;
  gsize length = 0;

  g_atomic_int_inc (&api->requests);
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), "Bearer t") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  if (name == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (api->fail && strcmp (name, "sizes.json") == 0)
    {
      /* Tried again at once: the test does not wait for the backoff. */
      soup_message_headers_replace (answer, "Retry-After", "0");
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  etag = g_strdup_printf ("\"%s-1\"", name);
  if (g_strcmp0 (soup_message_headers_get_one (headers, "If-None-Match"), etag) == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  file = g_test_build_filename (G_TEST_DIST, "data", "sources", "digitalocean", name, NULL);
  g_assert_true (g_file_get_contents (file, &body, &length, NULL));
  soup_message_headers_replace (answer, "ETag", etag);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    length);
}

static gpointer
api_server_thread (gpointer data)
{
  ApiServer *api = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (api->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, api_answer_cb, api, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&api->mutex);
  api->port = g_uri_get_port (uris->data);
  g_cond_signal (&api->cond);
  g_mutex_unlock (&api->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (api->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (api->context);
  return NULL;
}

static ApiServer *
api_server_new (gboolean fail)
{
  ApiServer *api = g_new0 (ApiServer, 1);

  api->fail = fail;
  api->context = g_main_context_new ();
  api->loop = g_main_loop_new (api->context, FALSE);
  g_mutex_init (&api->mutex);
  g_cond_init (&api->cond);
  api->thread = g_thread_new ("api-server", api_server_thread, api);
  g_mutex_lock (&api->mutex);
  while (api->port == 0)
    g_cond_wait (&api->cond, &api->mutex);
  g_mutex_unlock (&api->mutex);
  return api;
}

static void
api_server_free (ApiServer *api)
{
  g_main_loop_quit (api->loop);
  g_thread_join (api->thread);
  g_main_loop_unref (api->loop);
  g_main_context_unref (api->context);
  g_mutex_clear (&api->mutex);
  g_cond_clear (&api->cond);
  g_free (api);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApiServer, api_server_free)

/* The cache skytally-cli update keeps its lists in, for the child: the fixture's own. */
static const char *update_cache_home;

/* Runs skytally-cli as cli() does, with its cache in update_cache_home. */
static void
cli_cached (SkyCliRun  *r,
            const char *first,
            ...)
{
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", update_cache_home,
                                         TRUE);
  va_list args;

  va_start (args, first);
  sky_cli_run_valist (r, NULL, envp, NULL, first, args);
  va_end (args);
}

/* update digitalocean against the loopback server: the sheet is added and printed as import
 * prints it; run again, every list is unchanged and nothing is imported. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ApiServer) api = api_server_new (FALSE);
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", api->port);
  g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);
  g_auto(SkyCliRun) help = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) sheets = { 0 };
  g_auto(SkyCliRun) again = { 0 };
  g_auto(SkyCliRun) unknown = { 0 };
  g_auto(SkyCliRun) no_region = { 0 };

  update_cache_home = cache;
  cli (&help, "update", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "  digitalocean  DigitalOcean; needs its token (--token or "
                                      "DIGITALOCEAN_TOKEN)\n"));
  g_assert_nonnull (strstr (help.out, "default: the regions of the provider's current offers "
                                      "in the catalog"));

  cli_cached (&r, "--catalog", f->catalog, "--no-seed", "update", "digitalocean",
              "--endpoint", endpoint, "--token", "t", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "2 requests (0 not modified, 0 retries), "));
  g_assert_nonnull (strstr (r.out, "\n3 offers and 3 prices written, 2 rows skipped\n"));
  g_assert_nonnull (strstr (r.out, "1-digitalocean.xml: added digitalocean "));
  g_assert_nonnull (strstr (r.out, "3 offers; now current\n"));
  cli (&sheets, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_nonnull (strstr (sheets.out, "digitalocean"));

  cli_cached (&again, "--catalog", f->catalog, "update", "digitalocean",
              "--endpoint", endpoint, "--token", "t", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==,
                   "2 requests (2 not modified, 0 retries), 0 bytes received\n"
                   "DigitalOcean price lists unchanged since the last update: nothing "
                   "imported.\n");

  cli (&unknown, "--catalog", f->catalog, "update", "nimbus", NULL);
  g_assert_cmpint (unknown.status, !=, 0);
  g_assert_nonnull (strstr (unknown.err, "unknown provider “nimbus” (one of: aws, azure, gcp, "
                                         "digitalocean)"));
  /* Azure's lists are per region, and the catalog has none of its offers to take them from. */
  cli (&no_region, "--catalog", f->catalog, "update", "azure", NULL);
  g_assert_cmpint (no_region.status, !=, 0);
  g_assert_nonnull (strstr (no_region.err, "--region"));
  g_assert_cmpuint (api->requests, ==, 4);
}

/* An update that replaces a sheet says what changed since it, as sheets diff counts it. */
static void
test_update_diff (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ApiServer) api = api_server_new (FALSE);
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", api->port);
  g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "pricesheets",
                                                    "digitalocean.xml", NULL);
  g_auto(SkyCliRun) imported = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) diff = { 0 };
  g_autofree char *version = NULL;
  g_autofree char *expected = NULL;
  const char *added;

  cli (&imported, "--catalog", f->catalog, "--no-seed", "import", bundled, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  update_cache_home = cache;
  cli_cached (&r, "--catalog", f->catalog, "update", "digitalocean",
              "--endpoint", endpoint, "--token", "t", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  added = strstr (r.out, "added digitalocean ");
  g_assert_nonnull (added);
  added += strlen ("added digitalocean ");
  version = g_strndup (added, strcspn (added, " "));

  /* The same counts as sheets diff gives between the two versions. */
  cli (&diff, "--catalog", f->catalog, "sheets", "diff", "digitalocean", "2025.06.1", version,
       NULL);
  g_assert_cmpint (diff.status, ==, 0);
  g_assert_true (g_str_has_suffix (diff.out, "\n"));
  expected = g_strdup_printf ("\n  since 2025.06.1: %s", diff.out);
  g_assert_nonnull (strstr (r.out, expected));
  g_assert_nonnull (strstr (diff.out, " gone"));
}

/* An update that fails changes nothing: the catalog's sheets are those it had. */
static void
test_update_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ApiServer) api = api_server_new (TRUE);
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", api->port);
  g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) imported = { 0 };
  g_auto(SkyCliRun) before = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) after = { 0 };
  g_auto(SkyCliRun) no_token = { 0 };
  g_auto(SkyCliRun) azure_imported = { 0 };
  g_auto(SkyCliRun) azure_update = { 0 };
  g_autofree char *azure = g_test_build_filename (G_TEST_DIST, "data", "update",
                                                  "azure-small.xml", NULL);

  update_cache_home = cache;
  cli (&imported, "--catalog", f->catalog, "--no-seed", "import", valid, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  cli (&before, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_cmpint (before.status, ==, 0);

  cli_cached (&r, "--catalog", f->catalog, "update", "digitalocean",
              "--endpoint", endpoint, "--token", "t", NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, "/v2/sizes?per_page=200 answered 500 Internal Server Error "
                                   "after 5 tries"));
  g_assert_cmpstr (r.out, ==, "");
  cli (&after, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_cmpstr (after.out, ==, before.out);
  g_assert_cmpuint (api->requests, ==, 5);

  /* Azure's regions, none named: those of its current offers in the catalog (the server
   * asks for DigitalOcean's token, and refuses the request: the error shows the query). */
  cli (&azure_imported, "--catalog", f->catalog, "import", azure, NULL);
  g_assert_cmpint (azure_imported.status, ==, 0);
  cli_cached (&azure_update, "--catalog", f->catalog, "update", "azure",
              "--service", "sql-database", "--endpoint", endpoint, NULL);
  assert_one_line_error (&azure_update);
  g_assert_nonnull (strstr (azure_update.err,
                            "/api/retail/prices?api-version=2023-01-01-preview&$filter="
                            "serviceName%20eq%20%27SQL%20Database%27%20and%20armRegionName"
                            "%20eq%20%27westeurope%27 answered 401 Unauthorized"));
  g_assert_cmpuint (api->requests, ==, 6);

  /* No token, none in the environment either: refused, saying where to give it. */
  g_unsetenv ("DIGITALOCEAN_TOKEN");
  cli (&no_token, "--catalog", f->catalog, "update", "digitalocean", "--endpoint", endpoint,
       NULL);
  assert_one_line_error (&no_token);
  g_assert_nonnull (strstr (no_token.err, "--token"));
  g_assert_nonnull (strstr (no_token.err, "DIGITALOCEAN_TOKEN"));
  g_assert_cmpuint (api->requests, ==, 6);
}

#else

/* A build that cannot download refuses every update, saying why. */
static void
test_update_unavailable (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(SkyCliRun) r = { 0 };

  cli (&r, "--catalog", f->catalog, "--no-seed", "update", "digitalocean", "--token", "t",
       NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, "This build cannot update DigitalOcean: it was made without "
                                   "libsoup"));
}
#endif

/* The estimate of @scenario as JSON, the lines of its one provider. */
static JsonObject *
estimate_lines (Fixture     *f,
                const char  *scenario,
                JsonArray  **lines)
{
  g_auto(SkyCliRun) run = { 0 };
  JsonObject *root;

  cli (&run, "--catalog", f->catalog, "--no-seed", "estimate", scenario, "--format", "json",
       "--explain", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  *lines = json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (root, "providers"), 0), "lines");
  return root;
}

/* DigitalOcean's real sizes of January 2024 imported with import --from: an always-on
 * s-2vcpu-4gb (0.03571 USD an hour, 24 USD a month) costs its monthly price, not 730 hours
 * of its hourly one (26.07), and 100 hours cost 100 hours. */
static void
test_import_converted_monthly_cap (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *folder = sky_test_realdata ("digitalocean-api");
  g_autofree char *sizes = NULL;
  g_autofree char *scenario = g_build_filename (f->dir, "droplet.skytally", NULL);
  g_autoptr(JsonObject) root = NULL;
  g_auto(SkyCliRun) r = { 0 };
  JsonArray *lines;
  JsonObject *line;

  if (folder == NULL)
    return;
  sizes = g_build_filename (folder, "v2-sizes-2024-01-29.json", NULL);
  cli (&r, "--catalog", f->catalog, "--no-seed", "import", "--from", "digitalocean-json",
       "--effective-date", "2024-01-29", sizes, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1086 offers; now current"));
  g_assert_true (g_file_set_contents (scenario,
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Droplet\" "
    "currency=\"USD\" hours-per-month=\"730\">\n"
    "  <providers>\n    <provider id=\"digitalocean\"/>\n  </providers>\n"
    "  <line label=\"Always on\" quantity=\"1\" unit=\"hour\" term=\"on-demand\">\n"
    "    <offer provider=\"digitalocean\" sku=\"s-2vcpu-4gb.nyc3\"/>\n  </line>\n"
    "  <line label=\"Some hours\" quantity=\"1\" usage=\"100\" unit=\"hour\" "
    "term=\"on-demand\">\n"
    "    <offer provider=\"digitalocean\" sku=\"s-2vcpu-4gb.nyc3\"/>\n  </line>\n"
    "</scenario>\n", -1, NULL));
  root = estimate_lines (f, scenario, &lines);
  line = json_array_get_object_element (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "24.00");
  g_assert_nonnull (strstr (json_object_get_string_member (line, "explanation"),
                            "capped at 24 USD a month"));
  /* 100 × 0.03571 = 3.571 */
  line = json_array_get_object_element (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (line, "monthly"), ==, "3.57");
}

/* Writes a scenario priced on Google Cloud alone, a line of one always-on instance of each
 * of @skus (NULL-terminated), in that order. */
static char *
write_gcp_scenario (Fixture            *f,
                    const char         *name,
                    const char * const *skus)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GString) text = g_string_new (
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Always on\" "
    "currency=\"USD\" hours-per-month=\"730\">\n"
    "  <providers>\n    <provider id=\"gcp\"/>\n  </providers>\n");

  for (guint i = 0; skus[i] != NULL; i++)
    g_string_append_printf (text, "  <line label=\"%s\" quantity=\"1\" unit=\"hour\" "
                                  "term=\"on-demand\">\n"
                                  "    <offer provider=\"gcp\" sku=\"%s\"/>\n  </line>\n",
                            skus[i], skus[i]);
  g_string_append (text, "</scenario>\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

/* Whether this build reads pricing.yml (it may be made without libyaml); the test is
 * skipped, saying so, when it does not. */
static gboolean
reads_pricing_yml (void)
{
  g_auto(SkyCliRun) help = { 0 };

  cli (&help, "convert", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  if (strstr (help.out, "made without libyaml") == NULL)
    return TRUE;
  g_test_skip ("this build was made without libyaml: no gcp-pricing-yml");
  return FALSE;
}

static const char *
line_monthly (JsonArray *lines,
              guint      index)
{
  return json_object_get_string_member (json_array_get_object_element (lines, index),
                                        "monthly");
}

/* pricing.yml imported with import --from: an always-on machine type comes out at the month
 * the file gives for it, to the cent: n2-standard-4 under N2's sustained-use discount
 * (113.462182456), n1-standard-4 under N1's (97.089489), e2-standard-2 at 730 hours
 * (48.91803), and with --round-prices, a price cut to 10 decimals still does. */
static void
test_import_converted_usage_discount (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "sources",
                                                 "gcp-pricing-yml", "discounts.yml", NULL);
  g_autofree char *scenario = write_gcp_scenario (f, "fixture.skytally", (const char *[]) {
    "n2-standard-4.linux.us-central1", "n1-standard-4.linux.us-central1",
    "e2-standard-2.linux.us-central1", "c3-standard-4-lssd.linux.us-central1", NULL });
  g_autoptr(JsonObject) root = NULL;
  g_auto(SkyCliRun) refused = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  JsonArray *lines;

  if (!reads_pricing_yml ())
    return;
  cli (&refused, "--catalog", f->catalog, "--no-seed", "import", "--from", "gcp-pricing-yml",
       file, NULL);
  assert_one_line_error (&refused);
  g_assert_nonnull (strstr (refused.err, ":8: compute.instance.c3-standard-4-lssd.cost."
                                         "us-central1: hour has more than 10 decimals"));

  cli (&r, "--catalog", f->catalog, "--no-seed", "import", "--from", "gcp-pricing-yml",
       "--round-prices", file, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "5 offers and 6 prices written, 0 rows skipped\n"
                                          "4 notes on what was written\n"
                                          "  2 × price rounded half-up to 10 decimals "
                                          "(--round-prices)\n"));
  g_assert_nonnull (strstr (r.out, ":9: compute.instance.c3-standard-4-lssd.cost.us-central1."
                                   "hour: 0.263085890410959 → 0.2630858904\n"));
  root = estimate_lines (f, scenario, &lines);
  g_assert_cmpstr (line_monthly (lines, 0), ==, "113.46");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (
                              lines, 0), "explanation"), "usage discount n2"));
  g_assert_cmpstr (line_monthly (lines, 1), ==, "97.09");
  g_assert_cmpstr (line_monthly (lines, 2), ==, "48.92");
  /* 730 × 0.2630858904 = 192.052699992, the file's month 192.0527 */
  g_assert_cmpstr (line_monthly (lines, 3), ==, "192.05");
}

/* The real pricing.yml of July 2026, imported with --round-prices: always-on machine types
 * cost the file's month to the cent, with a discount table, without one, and with an hourly
 * price rounded from 14 or 11 decimals. */
static void
test_import_converted_usage_discount_realdata (Fixture       *f,
                                               gconstpointer  data)
{
  g_autofree char *folder = sky_test_realdata ("google-cloud-pricing-cost-calculator");
  g_autofree char *file = NULL, *scenario = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_auto(SkyCliRun) r = { 0 };
  JsonArray *lines;

  if (folder == NULL || !reads_pricing_yml ())
    return;
  file = g_build_filename (folder, "pricing.yml", NULL);
  scenario = write_gcp_scenario (f, "real.skytally", (const char *[]) {
    "n2-standard-4.linux.us-central1", "n2-standard-4.linux.europe-west4",
    "n1-standard-4.linux.us-central1", "c4-standard-4.linux.us-central1",
    "a2-ultragpu-1g.linux.africa-south1", "n1-standard-1.linux.me-central1", NULL });
  cli (&r, "--catalog", f->catalog, "--no-seed", "import", "--from", "gcp-pricing-yml",
       "--round-prices", file, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  6354 × price rounded half-up to 10 decimals "
                                   "(--round-prices)\n"));
  root = estimate_lines (f, scenario, &lines);
  /* month: 113.462182456, 124.909107472, 97.089489, 144.2991 */
  g_assert_cmpstr (line_monthly (lines, 0), ==, "113.46");
  g_assert_cmpstr (line_monthly (lines, 1), ==, "124.91");
  g_assert_cmpstr (line_monthly (lines, 2), ==, "97.09");
  g_assert_cmpstr (line_monthly (lines, 3), ==, "144.30");
  /* month: 4830.651258 (hour 6.61733049041096 → 6.6173304904); 29.49093483875 (hour
   * 0.05771220125 → 0.0577122013, N1's table) */
  g_assert_cmpstr (line_monthly (lines, 4), ==, "4830.65");
  g_assert_cmpstr (line_monthly (lines, 5), ==, "29.49");
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.skytally", NULL);
  g_auto(SkyCliRun) good = { 0 };
  g_auto(SkyCliRun) broken = { 0 };
  g_auto(SkyCliRun) usage = { 0 };

  cli (&good, "validate", scenario, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "a valid scenario, “Web product”, with 5 lines"));

  g_file_set_contents (bad, "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" "
                            "name=\"x\" currency=\"USD\">\n  <line label=\"a\" unit=\"parsec\">"
                            "<requirement category=\"compute\"/></line>\n</scenario>\n", -1, NULL);
  cli (&broken, "validate", bad, NULL);
  assert_one_line_error (&broken);
  g_assert_nonnull (strstr (broken.err, "bad.skytally:2:19: unknown unit “parsec”"));

  cli (&usage, "validate", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* In the child, before skytally-cli starts: killed after 10 s, so that a command that would
 * wait for ever fails the test instead. */
static void
limit_time (gpointer data)
{
  alarm (10);
}

/* validate on a FIFO, a link to a device or a folder says at once that it is not a regular
 * file, by name (a FIFO without a writer kept it waiting for ever). */
static void
test_validate_special (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.skytally", NULL);
  g_autofree char *zero = g_build_filename (f->dir, "zero.skytally", NULL);
  const char * const paths[] = { fifo, zero, f->dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *expected = g_strdup_printf ("skytally-cli: %s: not a regular file",
                                                   paths[i]);
      g_auto(SkyCliRun) run = { 0 };

      cli_with (&run, limit_time, "validate", paths[i], NULL);
      g_test_message ("%s", run.err);
      assert_one_line_error (&run);
      g_assert_true (g_str_has_prefix (run.err, expected));
    }
}

/* Writes a sheet of @offers generated offers to @path. */
static void
generate_sheet (const char *path,
                const char *offers)
{
  const char *argv[] = { g_getenv ("SKYTALLY_GEN_SHEET"), path, offers, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
}

/* Runs @argv with @env (NULL: this one), kills it once @wal has passed 8 MiB, and asserts it
 * was killed while it ran, not after it had finished. */
static void
kill_at_wal (const char * const *argv,
             char              **env,
             const char         *wal)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int wait_status;

  g_spawn_async (NULL, (char **) argv, env,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 6000; i++)
    {
      GStatBuf st;

      if (g_stat (wal, &st) == 0 && st.st_size > 8 * 1024 * 1024)
        break;
      g_usleep (G_USEC_PER_SEC / 200);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (wait_status));
}

/* The catalog as the CLI lists it: every sheet (JSON), then every price (CSV). */
static char *
listing (Fixture *f)
{
  g_auto(SkyCliRun) sheets = { 0 };
  g_auto(SkyCliRun) prices = { 0 };

  cli (&sheets, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  g_assert_cmpint (sheets.status, ==, 0);
  cli (&prices, "--catalog", f->catalog, "search", "--limit", "0", "--format", "csv", NULL);
  g_assert_cmpint (prices.status, ==, 0);
  return g_strconcat (sheets.out, prices.out, NULL);
}

static void
test_killed_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.xml", NULL);
  const char *import_argv[] = { g_getenv ("SKYTALLY_CLI"), "--catalog", f->catalog, "import",
                                big, NULL };
  g_auto(SkyCliRun) setup = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *check = NULL;
  g_autofree char *wal = g_strconcat (f->catalog, "-wal", NULL);

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  before = listing (f);
  generate_sheet (big, "300000");

  /* Killed once the import has written part of the sheet to the catalog's write-ahead log:
   * pages go there when they no longer fit the cache, long before the end. */
  kill_at_wal (import_argv, NULL, wal);

  check = integrity (f->catalog);
  g_assert_cmpstr (check, ==, "ok");
  after = listing (f);
  g_assert_cmpstr (before, ==, after);
}

/* Where test_import_killed_anywhere stops an import, as seen from outside the process: how much
 * of the sheet it has read, how large the catalog's write-ahead log has grown, or the catalog
 * file itself growing, which only a checkpoint after the commit does. */
typedef enum
{
  KILL_AT_READ,
  KILL_AT_WAL,
  KILL_AT_CHECKPOINT,
} KillAt;

typedef struct
{
  const char *what;
  KillAt      at;
  guint       amount;   /* per cent of the sheet read, or MiB of write-ahead log */
} KillPoint;

static const KillPoint kill_points[] = {
  { "the sheet open", KILL_AT_READ, 0 },
  { "a quarter of the sheet read", KILL_AT_READ, 25 },
  { "half of the sheet read", KILL_AT_READ, 50 },
  { "three quarters of the sheet read", KILL_AT_READ, 75 },
  { "the whole sheet read", KILL_AT_READ, 100 },
  { "1 MiB of write-ahead log", KILL_AT_WAL, 1 },
  { "8 MiB of write-ahead log", KILL_AT_WAL, 8 },
  { "16 MiB of write-ahead log", KILL_AT_WAL, 16 },
  { "the catalog file growing", KILL_AT_CHECKPOINT, 0 },
};

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

/* How far process @pid has read the file at @path (its offset in it), or -1 while it does not
 * have it open. Linux only: the offset is in /proc/PID/fdinfo. */
static gint64
read_offset (GPid        pid,
             const char *path)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (fds, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      g_autofree char *info_path = NULL;
      g_autofree char *info = NULL;
      const char *pos;

      if (g_strcmp0 (target, path) != 0)
        continue;
      info_path = g_strdup_printf ("/proc/%d/fdinfo/%s", (int) pid, name);
      if (!g_file_get_contents (info_path, &info, NULL, NULL) ||
          (pos = strstr (info, "pos:")) == NULL)
        return -1;
      return g_ascii_strtoll (pos + strlen ("pos:"), NULL, 10);
    }
  return -1;
}

/* Every row of every table of the catalog at @path, as one checksum. The time each sheet was
 * imported is left out, since two imports of the same sheet differ only there, and so are
 * SQLite's own tables (statistics that depend on when they were gathered). */
static char *
catalog_fingerprint (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 0);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *select = g_strdup_printf ("SELECT * FROM \"%s\"", table);

      g_checksum_update (sum, (const guchar *) table, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            guchar type = sqlite3_column_type (stmt, c);
            int length;
            const void *bytes;

            if (strcmp (sqlite3_column_name (stmt, c), "imported_at") == 0)
              continue;
            bytes = sqlite3_column_blob (stmt, c);
            length = sqlite3_column_bytes (stmt, c);
            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &length, sizeof length);
            if (length > 0)
              g_checksum_update (sum, bytes, length);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

/* Puts the catalog back to @contents, the catalog file alone (written with nothing in its
 * write-ahead log). */
static void
restore_catalog (Fixture    *f,
                 const char *contents,
                 gsize       length)
{
  g_autofree char *wal = g_strconcat (f->catalog, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->catalog, "-shm", NULL);
  g_autoptr(GError) error = NULL;

  g_unlink (wal);
  g_unlink (shm);
  g_file_set_contents (f->catalog, contents, length, &error);
  g_assert_no_error (error);
}

/* Starts importing @sheet, stops the import at @point and kills it (SIGKILL). Returns whether
 * it had read the whole sheet by then: until it has, it cannot have committed anything. */
static gboolean
import_killed_at (Fixture         *f,
                  const char      *sheet,
                  const KillPoint *point,
                  gint64           catalog_size)
{
  const char *argv[] = { g_getenv ("SKYTALLY_CLI"), "--catalog", f->catalog, "import", sheet,
                         NULL };
  g_autofree char *wal = g_strconcat (f->catalog, "-wal", NULL);
  gint64 sheet_size = file_size (sheet);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  gint64 offset;
  int wait_status = 0;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  for (;;)
    {
      gboolean reached = FALSE;

      switch (point->at)
        {
        case KILL_AT_READ:
          offset = read_offset (pid, sheet);
          reached = offset >= 0 && offset >= sheet_size * point->amount / 100;
          break;
        case KILL_AT_WAL:
          reached = file_size (wal) >= (gint64) point->amount << 20;
          break;
        case KILL_AT_CHECKPOINT:
          reached = file_size (f->catalog) > catalog_size;
          break;
        }
      if (reached)
        break;
      if (waitpid (pid, &wait_status, WNOHANG) == pid)
        g_error ("the import ended before %s", point->what);
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          g_error ("the import did not reach %s in 60 s", point->what);
        }
      g_usleep (G_USEC_PER_SEC / 1000);
    }

  /* Stopped first, so that how far it had read is known exactly when it dies. */
  kill (pid, SIGSTOP);
  g_assert_cmpint (waitpid (pid, &wait_status, WUNTRACED), ==, pid);
  if (!WIFSTOPPED (wait_status))
    g_error ("the import ended at %s before it could be killed", point->what);
  offset = read_offset (pid, sheet);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (wait_status) && WTERMSIG (wait_status) == SIGKILL);
  /* A sheet no longer open has been read whole: it is opened before the catalog is written. */
  return offset < 0 || offset >= sheet_size;
}

/* An import killed (kill -9) at any point leaves the catalog holding the sheets it had before,
 * or, killed after its commit, those and the new sheet whole: never a part of the new sheet,
 * and never a sheet current that should not be. The old version of a provider's sheet is in
 * the catalog, the new one is a large generated sheet; the catalog is checked (integrity_check
 * and every row of every table) after kills at points through the reading, the writing and
 * the checkpoint after the commit. */
static void
test_import_killed_anywhere (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *old_sheet = g_build_filename (f->dir, "old.xml", NULL);
  g_autofree char *new_sheet = g_build_filename (f->dir, "new.xml", NULL);
  const char old_header[] = "<sheet version=\"2026.1\" effective-date=\"2026-01-01\"";
  const char new_header[] = "<sheet version=\"2026.2\" effective-date=\"2026-06-01\"";
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) whole = { 0 };
  g_autofree char *old_catalog = NULL;
  g_autofree char *head = NULL;
  g_autofree char *before = NULL;
  g_autofree char *old_fingerprint = NULL;
  g_autofree char *new_fingerprint = NULL;
  gsize old_length = 0;
  char *header;
  FILE *file;

  /* The new version: the generated sheet, made a later version of the same provider. */
  generate_sheet (old_sheet, "2000");
  /* Some 60 MB, whose import writes over 30 MiB of write-ahead log. */
  generate_sheet (new_sheet, "200000");
  head = g_malloc0 (4097);
  file = fopen (new_sheet, "r+");
  g_assert_nonnull (file);
  g_assert_cmpuint (fread (head, 1, 4096, file), ==, 4096);
  header = strstr (head, old_header);
  g_assert_nonnull (header);
  g_assert_cmpint (fseek (file, header - head, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (new_header, 1, strlen (new_header), file), ==, strlen (new_header));
  g_assert_cmpint (fclose (file), ==, 0);

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", old_sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  g_assert_true (g_file_get_contents (f->catalog, &old_catalog, &old_length, NULL));
  before = listing (f);
  old_fingerprint = catalog_fingerprint (f->catalog);

  /* What the catalog holds once the new version is imported whole. */
  restore_catalog (f, old_catalog, old_length);
  cli (&whole, "--catalog", f->catalog, "import", new_sheet, NULL);
  g_assert_cmpint (whole.status, ==, 0);
  g_assert_nonnull (strstr (whole.out, "added benchcloud 2026.2"));
  new_fingerprint = catalog_fingerprint (f->catalog);
  g_assert_cmpstr (old_fingerprint, !=, new_fingerprint);

  for (gsize i = 0; i < G_N_ELEMENTS (kill_points); i++)
    {
      const KillPoint *point = &kill_points[i];
      g_autofree char *check = NULL;
      g_autofree char *fingerprint = NULL;
      gboolean read_whole;

      restore_catalog (f, old_catalog, old_length);
      read_whole = import_killed_at (f, new_sheet, point, (gint64) old_length);

      check = integrity (f->catalog);
      g_assert_cmpstr (check, ==, "ok");
      fingerprint = catalog_fingerprint (f->catalog);
      g_test_message ("killed at %s (the sheet %s): the catalog holds %s", point->what,
                      read_whole ? "read whole" : "not read whole",
                      g_str_equal (fingerprint, old_fingerprint) ? "the old version" :
                      g_str_equal (fingerprint, new_fingerprint) ? "the new version" :
                      "neither version whole");
      if (point->at == KILL_AT_CHECKPOINT)
        /* The catalog file grows only when the committed import is copied into it. */
        g_assert_cmpstr (fingerprint, ==, new_fingerprint);
      else if (!read_whole || !g_str_equal (fingerprint, new_fingerprint))
        {
          g_autofree char *after = NULL;

          g_assert_cmpstr (fingerprint, ==, old_fingerprint);
          after = listing (f);
          g_assert_cmpstr (before, ==, after);
        }
    }
}

/* A first start killed while it loads the bundled sheets leaves none of them, and the next
 * command loads them all. The bundled folder of the killed start holds a large sheet first, so
 * that it is killed midway through the seeding. */
static void
test_seed_killed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *bundled = g_build_filename (f->dir, "bundled", NULL);
  g_autofree char *big = g_build_filename (bundled, "00-big.xml", NULL);
  g_autofree char *wal = g_strconcat (f->catalog, "-wal", NULL);
  g_autofree char *check = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("SKYTALLY_CLI"), "--catalog", f->catalog, "sheets", NULL };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (bundled, 0700), ==, 0);
  files = sky_catalog_list_sheet_files (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (files, i));
      g_autofree char *copy = g_build_filename (bundled, name, NULL);
      g_autofree char *text = NULL;
      gsize len;

      g_file_get_contents (g_ptr_array_index (files, i), &text, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (copy, text, len, &error);
      g_assert_no_error (error);
    }
  generate_sheet (big, "300000");
  env = g_environ_setenv (env, "SKYTALLY_PRICESHEETS_DIR", bundled, TRUE);

  /* Killed once the seeding has written part of the large sheet to the write-ahead log. */
  kill_at_wal (argv, env, wal);
  check = integrity (f->catalog);
  g_assert_cmpstr (check, ==, "ok");

  json_array_unref (seed_bundled (f));
}

/* A catalog that cannot be written midway through an import (files limited to 1 MiB, as on a
 * full disk): skytally-cli exits with a one-line message that names the sheet and the catalog,
 * and the catalog is as it was. */
static void
test_full_disk_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *check = NULL;
  g_autofree char *expected = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  before = listing (f);
  generate_sheet (big, "20000");

  /* Exits (cli_with() asserts it was not killed) with a user error: no file may grow past
   * 1 MiB, as on a full disk. */
  cli_limited (&r, 1 << 20, "--catalog", f->catalog, "import", big, NULL);
  assert_one_line_error (&r);
  expected = g_strdup_printf ("%s: not imported (the catalog is unchanged): ", big);
  g_assert_nonnull (strstr (r.err, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s could not be written; the disk may be full", f->catalog);
  g_assert_nonnull (strstr (r.err, expected));

  check = integrity (f->catalog);
  g_assert_cmpstr (check, ==, "ok");
  after = listing (f);
  g_assert_cmpstr (before, ==, after);
}

/* A catalog that cannot be read because the file SQLite keeps beside it cannot be written (a
 * full disk): the message says which file, and why, rather than "disk I/O error" alone. */
static void
test_full_disk_read (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s-shm, which reading the catalog needs, could "
                                               "not be written", f->catalog);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  /* No file may grow past 1 KiB, as on a disk that is full already. */
  cli_limited (&r, 1024, "--catalog", f->catalog, "sheets", NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, expected));
  g_assert_nonnull (strstr (r.err, "the disk may be full"));
}

/* An error found while writing, early in a long sheet, stops the reading too and names where the
 * duplicate is. */
static void
test_duplicate_in_long_sheet (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *generated = g_build_filename (f->dir, "generated.xml", NULL);
  g_autofree char *sheet = g_build_filename (f->dir, "duplicate.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *block = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) s = NULL;
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) sheets = { 0 };
  const char *start, *end;
  long line = 1;

  generate_sheet (generated, "20000");
  g_assert_true (g_file_get_contents (generated, &text, NULL, NULL));

  /* Repeat the first offer right after itself. */
  start = strstr (text, "    <offer ");
  end = strstr (start, "</offer>\n") + strlen ("</offer>\n");
  block = g_strndup (start, end - start);
  s = g_string_new_len (text, end - text);
  for (const char *p = text; p < end; p++)
    line += *p == '\n';
  g_string_append (s, block);
  g_string_append (s, end);
  g_assert_true (g_file_set_contents (sheet, s->str, s->len, NULL));

  cli (&r, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  assert_one_line_error (&r);
  expected = g_strdup_printf ("%s:%ld:12: SKU", sheet, line);
  g_assert_nonnull (strstr (r.err, expected));

  cli (&sheets, "--catalog", f->catalog, "sheets", "--format", "csv", NULL);
  g_assert_cmpstr (sheets.out, ==,
                   "PROVIDER,VERSION,EFFECTIVE,CURRENCY,OFFERS,CURRENT,RETRIEVED\r\n");
}

/* A sheet with more prices than the importer sorts at once: every price arrives, in order. */
static void
test_large_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sheet = g_build_filename (f->dir, "large.xml", NULL);
  g_autofree char *text = NULL;
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) all = { 0 };
  const char *line;
  guint rows = 0;
  guint prices = 0;
  SkyDecimal previous = sky_decimal_from_int (0);

  generate_sheet (sheet, "180000");
  g_assert_true (g_file_get_contents (sheet, &text, NULL, NULL));
  for (const char *p = text; *p != '\0'; p++)
    prices += *p == '<' && strncmp (p, "<price ", 7) == 0;
  g_assert_cmpuint (prices, >, 262144);

  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&all, "--catalog", f->catalog, "search", "--limit", "0", "--format", "csv", NULL);
  g_assert_cmpint (all.status, ==, 0);

  /* One row per price after the header, in price order (PRICE is the eighth column). The rows
   * are walked by hand: the output is tens of megabytes. */
  line = strchr (all.out, '\r') + 2;
  for (const char *end; *line != '\0'; line = end + 2)
    {
      const char *field = line;
      g_autofree char *cell = NULL;
      SkyDecimal price;

      end = strchr (line, '\r');
      g_assert_nonnull (end);
      for (int column = 0; column < 7; column++)
        field = strchr (field, ',') + 1;
      cell = g_strndup (field, strchr (field, ',') - field);
      g_assert_true (sky_decimal_parse (cell, SKY_PRICE_SCALE, FALSE, &price, NULL));
      g_assert_cmpint (sky_decimal_compare (previous, price), <=, 0);
      previous = price;
      rows++;
    }
  g_assert_cmpuint (rows, ==, prices);
}

/* While another program holds the catalog's write lock (as an import does), reading commands
 * finish at once: a connection that wrote nothing neither optimizes nor checkpoints the catalog
 * when it closes, which would wait for the lock (five seconds, then give up). The bound is
 * generous: it only tells waiting from not waiting. */
static void
test_readers_not_held_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  sqlite3 *db = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  g_assert_cmpint (sqlite3_open (f->catalog, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; DELETE FROM price", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  {
    g_auto(SkyCliRun) sheets = { 0 };
    g_auto(SkyCliRun) match = { 0 };
    gint64 start = g_get_monotonic_time ();

    cli (&sheets, "--catalog", f->catalog, "sheets", NULL);
    g_assert_cmpint (sheets.status, ==, 0);
    g_assert_nonnull (strstr (sheets.out, "2026.1"));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

    start = g_get_monotonic_time ();
    cli (&match, "--catalog", f->catalog, "match", "--category", "compute", NULL);
    g_assert_cmpint (match.status, ==, 0);
    g_assert_nonnull (strstr (match.out, "std-2"));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  }
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A sheet without offers is refused, as it would hide the provider's prices, unless --force
 * is given; a sheet dated after today waits for its date to become current. */
static void
test_import_empty_and_upcoming (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *empty = sky_test_write_empty_sheet (f->dir, "2026.9", "2026-02-01");
  g_autofree char *future = g_build_filename (f->dir, "future.xml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = NULL;
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) refused = { 0 };
  g_auto(SkyCliRun) upcoming = { 0 };
  g_auto(SkyCliRun) listed = { 0 };
  g_auto(SkyCliRun) forced = { 0 };

  g_file_get_contents (sheet, &text, NULL, &error);
  g_assert_no_error (error);
  s = g_string_new (text);
  g_string_replace (s, "version=\"2026.1\" effective-date=\"2026-01-01\"",
                    "version=\"2099.1\" effective-date=\"2099-01-01\"", 1);
  g_file_set_contents (future, s->str, s->len, &error);
  g_assert_no_error (error);

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  cli (&refused, "--catalog", f->catalog, "import", empty, NULL);
  assert_one_line_error (&refused);
  g_assert_nonnull (strstr (refused.err, "examplecloud 2026.9 has no offers"));
  g_assert_nonnull (strstr (refused.err, "--force"));

  cli (&upcoming, "--catalog", f->catalog, "import", future, NULL);
  g_assert_cmpint (upcoming.status, ==, 0);
  g_assert_nonnull (strstr (upcoming.out, "current from 2099-01-01 on"));

  cli (&listed, "--catalog", f->catalog, "sheets", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "upcoming"));
  g_assert_true (g_regex_match_simple ("2026\\.1 .*current", listed.out, 0, 0));

  /* Forced, it is imported; it lists no service, so it is current for none. */
  cli (&forced, "--catalog", f->catalog, "import", "--force", empty, NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_nonnull (strstr (forced.out, "without offers; it is current for no service"));
  g_unsetenv ("SKYTALLY_TODAY");
}

/* estimate says how old each provider's prices are, one line under its summary, and gives a
 * notice past --stale-after days (90 by default): Example Cloud's prices are as of 2026-01-01,
 * Other Cloud's as of 2026-03-01; on 2026-06-01, 151 and 92 days old. */
static void
test_estimate_freshness (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "other-small.xml", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) table = { 0 };
  g_auto(SkyCliRun) lenient = { 0 };
  g_auto(SkyCliRun) json = { 0 };
  g_auto(SkyCliRun) bad = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *p;

  g_setenv ("SKYTALLY_TODAY", "2026-06-01", TRUE);
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", sheet, other, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&table, "--catalog", f->catalog, "estimate", scenario, NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "\n  Prices as of 2026-01-01 (5 months old): older than "
                                       "90 days\n"));
  g_assert_nonnull (strstr (table.out, "\n  Prices as of 2026-03-01 (3 months old): older than "
                                       "90 days\n"));
  g_assert_nonnull (strstr (table.out, "\nNotice: Prices more than 90 days old: Example Cloud "
                                       "(2026-01-01), Other Cloud (2026-03-01)\n"));

  cli (&lenient, "--catalog", f->catalog, "estimate", scenario, "--stale-after", "100", NULL);
  g_assert_cmpint (lenient.status, ==, 0);
  g_assert_nonnull (strstr (lenient.out, "\n  Prices as of 2026-03-01 (3 months old)\n"));
  g_assert_nonnull (strstr (lenient.out, "\nNotice: Prices more than 100 days old: Example "
                                         "Cloud (2026-01-01)\n"));

  cli (&json, "--catalog", f->catalog, "estimate", scenario, "--stale-after", "100",
       "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (json.out);
  g_assert_cmpint (json_object_get_int_member (root, "stale_after_days"), ==, 100);
  p = json_array_get_object_element (json_object_get_array_member (root, "providers"), 1);
  g_assert_cmpstr (json_object_get_string_member (p, "prices_as_of"), ==, "2026-03-01");
  g_assert_cmpint (json_object_get_int_member (p, "prices_age_days"), ==, 92);
  g_assert_false (json_object_get_boolean_member (p, "stale"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "notices")), ==,
                    1);

  cli (&bad, "--catalog", f->catalog, "estimate", scenario, "--stale-after", "-1", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_unsetenv ("SKYTALLY_TODAY");
}

/* import and sheets say, of a sheet current for some of its services only, which: in the
 * import's line, the table and the JSON. */
static void
test_sheets_current_per_service (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *compute = g_test_build_filename (G_TEST_DIST, "data",
                                                    "compute-only-2026.3.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) table = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_autoptr(JsonArray) sheets = NULL;
  JsonArray *current, *superseded;
  JsonObject *o;

  /* The older sheet, imported after the newer one of its compute, is current for the rest. */
  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", compute, sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  g_assert_nonnull (strstr (setup.out, "examplecloud 2026.1 (effective 2026-01-01), 5 offers; "
                                       "now current (current for egress, functions; "
                                       "superseded for vm by 2026.3)"));

  cli (&table, "--catalog", f->catalog, "sheets", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out,
                            "current for egress, functions; superseded for vm by 2026.3"));

  cli (&r, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sheets = parse_array (r.out);
  g_assert_cmpuint (json_array_get_length (sheets), ==, 2);
  o = json_array_get_object_element (sheets, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "2026.1");
  g_assert_true (json_object_get_boolean_member (o, "current"));
  current = json_object_get_array_member (o, "current_services");
  g_assert_cmpuint (json_array_get_length (current), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (current, 0), ==, "egress");
  superseded = json_object_get_array_member (o, "superseded_services");
  g_assert_cmpuint (json_array_get_length (superseded), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (superseded, 0),
                                                  "service"), ==, "vm");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (superseded, 0),
                                                  "by"), ==, "2026.3");
}

/* sheets remove takes a sheet out of the catalog with its offers and prices: the provider's
 * previous sheet is current again. A scenario priced against the removed sheet says so. */
static void
test_sheets_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "data", "valid-small-2026.2.xml",
                                                  NULL);
  g_autofree char *check = NULL;
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) removed = { 0 };
  g_auto(SkyCliRun) again = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_autoptr(JsonArray) sheets = NULL;
  JsonObject *o;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, newer, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  cli (&removed, "--catalog", f->catalog, "sheets", "remove", "examplecloud", "2026.2", NULL);
  g_assert_cmpint (removed.status, ==, 0);
  g_assert_nonnull (strstr (removed.out, "removed examplecloud 2026.2"));
  g_assert_nonnull (strstr (removed.out, "2026.1 is current"));

  cli (&r, "--catalog", f->catalog, "sheets", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sheets = parse_array (r.out);
  g_assert_cmpuint (json_array_get_length (sheets), ==, 1);
  o = json_array_get_object_element (sheets, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "2026.1");
  g_assert_true (json_object_get_boolean_member (o, "current"));
  check = integrity (f->catalog);
  g_assert_cmpstr (check, ==, "ok");

  cli (&again, "--catalog", f->catalog, "sheets", "remove", "examplecloud", "2026.2", NULL);
  assert_one_line_error (&again);
  g_assert_nonnull (strstr (again.err, "examplecloud 2026.2"));

  /* A scenario priced against the removed sheet says so; --current prices it. */
  {
    g_autofree char *scenario = g_build_filename (f->dir, "pinned.skytally", NULL);
    g_auto(SkyCliRun) missing = { 0 };
    g_auto(SkyCliRun) current = { 0 };

    write_pinned_scenario (scenario, "2026.2");

    cli (&missing, "--catalog", f->catalog, "estimate", scenario, NULL);
    assert_one_line_error (&missing);
    g_assert_nonnull (strstr (missing.err, "priced against Example Cloud 2026.2, which is not in "
                                           "the catalog (it was removed or never imported "
                                           "here)"));
    cli (&current, "--catalog", f->catalog, "estimate", scenario, "--current", NULL);
    g_assert_cmpint (current.status, ==, 0);
  }
}

/* sheets diff counts what changed from one sheet of a provider to another (the counts are
 * those of tests/test-catalog-diff.c); a version the catalog does not hold is refused. */
static void
test_sheets_diff (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *old = g_test_build_filename (G_TEST_DIST, "data", "diff-old.xml", NULL);
  g_autofree char *new = g_test_build_filename (G_TEST_DIST, "data", "diff-new.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) r = { 0 };
  g_auto(SkyCliRun) missing = { 0 };
  g_auto(SkyCliRun) usage = { 0 };

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", old, new, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  cli (&r, "--catalog", f->catalog, "sheets", "diff", "diffcloud", "2026.1", "2026.2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "3 prices lower, 1 higher, 5 new, 4 gone, 3 unchanged; "
                              "2 offers added, 2 removed\n");
  cli (&missing, "--catalog", f->catalog, "sheets", "diff", "diffcloud", "2026.1", "2027.1",
       NULL);
  assert_one_line_error (&missing);
  g_assert_nonnull (strstr (missing.err, "diffcloud 2027.1"));
  cli (&usage, "--catalog", f->catalog, "sheets", "diff", "diffcloud", "2026.1", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* A catalog its user may not write, in a folder they may not write, is searched and prices a
 * scenario, opened as unchanging with a notice on standard error. For root, the files are made
 * immutable; that part is skipped where chattr cannot do that. --read-only opens a catalog
 * without writing to it, and refuses an import. */
static void
test_read_only_catalog (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "other-small.xml", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "web.skytally", NULL);
  g_autofree char *dir = g_path_get_dirname (f->catalog);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) refused = { 0 };
  g_auto(SkyCliRun) listed = { 0 };
  g_auto(SkyCliRun) search = { 0 };
  g_auto(SkyCliRun) estimate = { 0 };
  g_auto(SkyCliRun) match = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, other, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  before = listing (f);

  cli (&refused, "--catalog", f->catalog, "--read-only", "import", sheet, NULL);
  assert_one_line_error (&refused);
  g_assert_nonnull (strstr (refused.err, "read-only"));
  cli (&listed, "--catalog", f->catalog, "--read-only", "sheets", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "2026.1"));

  /* As the last program to close it leaves it: the files beside it gone (the read-only
   * commands left them, empty). */
  {
    g_autofree char *shm = g_strconcat (f->catalog, "-shm", NULL);
    g_autofree char *wal = g_strconcat (f->catalog, "-wal", NULL);

    g_unlink (shm);
    g_unlink (wal);
  }
  if (!sky_test_set_writable (f->catalog, dir, FALSE))
    {
      sky_test_set_writable (f->catalog, dir, TRUE);
      g_test_skip ("the catalog cannot be made unwritable here (chattr +i failed)");
      return;
    }
  cli (&search, "--catalog", f->catalog, "search", "--text", "std-2", NULL);
  cli (&estimate, "--catalog", f->catalog, "estimate", scenario, NULL);
  cli (&match, "--catalog", f->catalog, "match", "--category", "compute", NULL);
  sky_test_set_writable (f->catalog, dir, TRUE);

  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "std-2-us"));
  g_assert_nonnull (strstr (search.err, "opened as unchanging"));
  g_assert_cmpint (estimate.status, ==, 0);
  g_assert_nonnull (strstr (estimate.out, "Example Cloud"));
  g_assert_cmpint (match.status, ==, 0);
  g_assert_nonnull (strstr (match.out, "std-2"));
  after = listing (f);
  g_assert_cmpstr (before, ==, after);
}

/* search and match take the rows and architecture they are asked for, and say which they
 * list; compare shows each offer's attributes. */
static void
test_search_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "attributes.xml", NULL);
  g_auto(SkyCliRun) setup = { 0 };
  g_auto(SkyCliRun) plain = { 0 };
  g_auto(SkyCliRun) dedicated = { 0 };
  g_auto(SkyCliRun) all = { 0 };
  g_auto(SkyCliRun) arm = { 0 };
  g_auto(SkyCliRun) bad = { 0 };
  g_auto(SkyCliRun) matched = { 0 };
  g_auto(SkyCliRun) compared = { 0 };
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonArray) results = NULL;
  JsonObject *o;

  cli (&setup, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  /* The default rows, each with its architecture; ROW is empty for them. */
  cli (&plain, "--catalog", f->catalog, "search", "--term", "on-demand", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_nonnull (strstr (plain.out, "ARCH"));
  g_assert_nonnull (strstr (plain.out, "ROW"));
  g_assert_nonnull (strstr (plain.out, "arm64"));
  g_assert_nonnull (strstr (plain.out, "x86-64"));
  g_assert_null (strstr (plain.out, "m-4-dedicated"));
  g_assert_null (strstr (plain.out, "m-4-host"));

  cli (&dedicated, "--catalog", f->catalog, "search", "--tenancy", "dedicated", "--format",
       "csv", NULL);
  g_assert_cmpint (dedicated.status, ==, 0);
  g_assert_cmpstr (strchr (dedicated.out, '\n') + 1, ==,
                   "attrcloud,us-east,m-4-dedicated,m-4,4,16,on-demand,0.1,hour,USD,73.00,,"
                   "x86-64,dedicated,included,,used\r\n");

  cli (&all, "--catalog", f->catalog, "search", "--all-rows", "--term", "on-demand", "--format",
       "json", NULL);
  g_assert_cmpint (all.status, ==, 0);
  rows = parse_array (all.out);
  g_assert_cmpuint (json_array_get_length (rows), ==, 7);
  o = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "sku"), ==, "m-4-host");
  g_assert_cmpstr (json_object_get_string_member (o, "architecture"), ==, "x86-64");
  g_assert_cmpstr (json_object_get_string_member (o, "tenancy"), ==, "host");
  g_assert_cmpstr (json_object_get_string_member (o, "licence"), ==, "included");
  g_assert_true (json_object_get_null_member (o, "software"));
  g_assert_cmpstr (json_object_get_string_member (o, "capacity"), ==, "used");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 2),
                                                  "software"), ==, "sql-web");

  cli (&arm, "--catalog", f->catalog, "search", "--arch", "arm64", "--all-rows", "--format",
       "csv", NULL);
  g_assert_cmpint (arm.status, ==, 0);
  g_assert_nonnull (strstr (arm.out, "\r\nattrcloud,us-east,g-4,g-4,"));
  g_assert_null (strstr (arm.out, "m-4"));

  cli (&bad, "--catalog", f->catalog, "search", "--tenancy", "private", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--tenancy: unknown value “private”: use shared, "
                                     "dedicated or host, or any"));

  cli (&matched, "--catalog", f->catalog, "match", "--category", "compute", "--min-vcpu", "4",
       "--licence", "byol", "--format", "json", NULL);
  g_assert_cmpint (matched.status, ==, 0);
  results = parse_array (matched.out);
  o = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (results, 0), "matches"), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "sku"), ==, "m-4-byol");

  cli (&compared, "--catalog", f->catalog, "compare", "m-4", "m-4-sql", "--format", "csv",
       NULL);
  g_assert_cmpint (compared.status, ==, 0);
  g_assert_nonnull (strstr (compared.out, "Architecture,false,x86-64,x86-64\r\n"));
  g_assert_nonnull (strstr (compared.out, "Pre-installed software,true,,sql-web\r\n"));
}

/* estimate begins with the summary: per provider monthly, upfront, first year and term
 * total, complete or not, the budget verdict and ★ for the cheapest complete provider, in the
 * table and as "summary" in JSON; CSV keeps its one record per line. The figures are those
 * tests/test-summary.c works out by hand: Alpha 166.00 a month, Beta 73.00 without disks. */
static void
test_estimate_summary (Fixture       *f,
                       gconstpointer  data)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Summary\" "
    "currency=\"USD\" hours-per-month=\"730\">\n"
    "  <providers>\n    <provider id=\"alpha\"/>\n    <provider id=\"beta\"/>\n"
    "  </providers>\n"
    "  <line label=\"Servers\" quantity=\"2\" unit=\"hour\" term=\"on-demand\">\n"
    "    <requirement category=\"compute\"/>\n  </line>\n"
    "  <line label=\"Disks\" quantity=\"1\" usage=\"1000\" unit=\"gb-month\" "
    "term=\"on-demand\">\n    <requirement category=\"storage\"/>\n  </line>\n"
    "  <budget monthly=\"150\"/>\n"
    "</scenario>\n";
  g_autofree char *alpha = g_test_build_filename (G_TEST_DIST, "data", "summary-alpha.xml",
                                                  NULL);
  g_autofree char *beta = g_test_build_filename (G_TEST_DIST, "data", "summary-beta.xml", NULL);
  g_autofree char *scenario = g_build_filename (f->dir, "summary.skytally", NULL);
  g_auto(SkyCliRun) import = { 0 };
  g_auto(SkyCliRun) table = { 0 };
  g_auto(SkyCliRun) json = { 0 };
  g_auto(SkyCliRun) csv = { 0 };
  g_auto(SkyCliRun) chosen = { 0 };
  g_auto(SkyCliRun) bad = { 0 };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) chosen_root = NULL;
  JsonArray *summary;
  JsonObject *a, *b;
  const char *lines;

  g_assert_true (g_file_set_contents (scenario, text, -1, NULL));
  cli (&import, "--catalog", f->catalog, "--no-seed", "import", alpha, beta, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&table, "--catalog", f->catalog, "estimate", scenario, NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out,
                                   "Summary over 12 months (the projection), in USD:\n"
                                   "PROVIDER       MONTHLY  UPFRONT  FIRST YEAR  TERM TOTAL  "
                                   "COMPLETE               BUDGET\n"
                                   "Alpha Cloud ★   166.00     0.00     1992.00     1992.00  "
                                   "yes                    Over by 16.00 USD a month\n"
                                   "Beta Cloud       73.00     0.00      876.00      876.00  "
                                   "no: 1 line not priced  Cannot judge: lines not priced\n"
                                   "\n"));
  /* The lines follow the summary. */
  lines = strstr (table.out, "PROVIDER  LINE");
  g_assert_nonnull (lines);
  g_assert_cmpint (lines - table.out, >, (int) strlen ("Summary over"));

  cli (&json, "--catalog", f->catalog, "estimate", scenario, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (json.out);
  g_assert_cmpint (json_object_get_int_member (root, "summary_term_months"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (root, "summary_term"), ==, "projection");
  summary = json_object_get_array_member (root, "summary");
  g_assert_cmpuint (json_array_get_length (summary), ==, 2);
  a = json_array_get_object_element (summary, 0);
  b = json_array_get_object_element (summary, 1);
  g_assert_cmpstr (json_object_get_string_member (a, "provider"), ==, "alpha");
  g_assert_cmpstr (json_object_get_string_member (a, "provider_short_name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (a, "monthly"), ==, "166.00");
  g_assert_cmpstr (json_object_get_string_member (a, "upfront"), ==, "0.00");
  g_assert_cmpstr (json_object_get_string_member (a, "first_year"), ==, "1992.00");
  g_assert_cmpstr (json_object_get_string_member (a, "term_total"), ==, "1992.00");
  g_assert_true (json_object_get_boolean_member (a, "complete"));
  g_assert_cmpstr (json_object_get_string_member (a, "verdict"), ==, "over");
  g_assert_cmpstr (json_object_get_string_member (a, "over_monthly"), ==, "16.00");
  g_assert_true (json_object_get_null_member (a, "over_yearly"));
  g_assert_true (json_object_get_boolean_member (a, "cheapest"));
  g_assert_cmpstr (json_object_get_string_member (b, "monthly"), ==, "73.00");
  g_assert_false (json_object_get_boolean_member (b, "complete"));
  g_assert_cmpint (json_object_get_int_member (b, "unpriced_lines"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (b, "verdict"), ==, "cannot-judge");
  g_assert_false (json_object_get_boolean_member (b, "cheapest"));

  /* CSV as it was: the lines' records from its first row. */
  cli (&csv, "--catalog", f->catalog, "estimate", scenario, "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "PROVIDER,LINE,GROUP,OFFER,QUANTITY,USAGE,MONTHLY,"));
  g_assert_null (strstr (csv.out, "FIRST YEAR"));

  /* A chosen term: 36 × 166.00. */
  cli (&chosen, "--catalog", f->catalog, "estimate", scenario, "--term", "36", "--format",
       "json", NULL);
  g_assert_cmpint (chosen.status, ==, 0);
  chosen_root = parse_object (chosen.out);
  g_assert_cmpstr (json_object_get_string_member (chosen_root, "summary_term"), ==, "chosen");
  a = json_array_get_object_element (json_object_get_array_member (chosen_root, "summary"), 0);
  g_assert_cmpstr (json_object_get_string_member (a, "term_total"), ==, "5976.00");

  cli (&bad, "--catalog", f->catalog, "estimate", scenario, "--term", "6", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--term takes a number of months from 12 to 60"));
}

/* Runs skytally-cli as cli() does, with the reach fixture's SLA table
 * (tests/data/sla/reach.xml). */
#define cli_reach(r, ...) sky_cli_run ((r), NULL, reach_env, NULL, __VA_ARGS__)

/* availability: each provider's figure, downtime and arithmetic, then the cheapest way to
 * reach the scenario's level (or --required's), as text, JSON (plain numbers, ids) and CSV. */
static void
test_availability (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "reach-small.xml", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "reach.skytally",
                                                     NULL);
  g_auto(SkyCliRun) imported = { 0 }, text = { 0 }, json = { 0 }, csv = { 0 }, bad = { 0 };
  g_auto(SkyCliRun) unreachable = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *p, *cheapest, *step;
  JsonArray *choices;

  g_autofree char *sla = g_test_build_filename (G_TEST_DIST, "data", "sla", "reach.xml", NULL);
  g_auto(GStrv) reach_env = g_environ_setenv (g_get_environ (), "SKYTALLY_SLA_FILE", sla, TRUE);

  cli (&imported, "--catalog", f->catalog, "--no-seed", "import", sheet, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  cli_reach (&text, "--catalog", f->catalog, "availability", scenario, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_test_message ("%s", text.out);
  g_assert_nonnull (strstr (text.out, "Reach Cloud        99.4 %         4.4 hours       52.5 hours  "
                                      "yes       Short of 99.999 %\n"));
  g_assert_nonnull (strstr (text.out, "  99.5 % × 99.9 % = 99.4 %\n"));
  g_assert_nonnull (strstr (text.out, "  Egress is not counted: Egress publishes no SLA\n"));
  g_assert_nonnull (strstr (text.out, "The cheapest way to reach 99.999 %:\n"
                                      "  Reach Cloud: 224.00 → 589.00 USD a month, 99.999 %\n"
                                      "    Across zones, in 2 regions for Web: +219.00 USD a "
                                      "month, 99.4 % → 99.899 %\n"));

  cli_reach (&json, "--catalog", f->catalog, "availability", "--json",
            "--required", "99.9", scenario, NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (root, "required"), ==, "99.9");
  p = json_array_get_object_element (json_object_get_array_member (root, "providers"), 0);
  g_assert_cmpstr (json_object_get_string_member (p, "provider"), ==, "reachcloud");
  g_assert_cmpstr (json_object_get_string_member (p, "availability"), ==, "99.4005");
  g_assert_cmpstr (json_object_get_string_member (p, "downtime_month_minutes"), ==, "262.581");
  g_assert_false (json_object_get_boolean_member (p, "meets_required"));
  cheapest = json_object_get_object_member (p, "cheapest");
  g_assert_true (json_object_get_boolean_member (cheapest, "reached"));
  g_assert_cmpstr (json_object_get_string_member (cheapest, "monthly"), ==, "443");
  choices = json_object_get_array_member (cheapest, "choices");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (choices, 0),
                                                  "deployment"), ==, "single");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (choices, 0),
                                               "regions"), ==, 2);
  step = json_array_get_object_element (json_object_get_array_member (cheapest, "steps"), 0);
  g_assert_cmpstr (json_object_get_string_member (step, "added"), ==, "73");

  cli_reach (&csv, "--catalog", f->catalog, "availability", "--csv",
            scenario, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==,
                   "PROVIDER,AVAILABILITY,COMPLETE,IMPLIED,DOWNTIME_MONTH_MINUTES,"
                   "DOWNTIME_YEAR_MINUTES,REQUIRED,MEETS_REQUIRED,CHEAPEST_REACHED,"
                   "CHEAPEST_MONTHLY,CHEAPEST_AVAILABILITY,MONTHLY,CURRENCY\r\n"
                   "reachcloud,99.4005,true,false,262.581,3150.972,99.999,false,true,589,"
                   "99.999899000001,224,USD\r\n");

  cli_reach (&unreachable, "--catalog", f->catalog, "availability",
            "--required", "99.999999", scenario, NULL);
  g_assert_cmpint (unreachable.status, ==, 0);
  g_assert_nonnull (strstr (unreachable.out, "  Reach Cloud: No deployment of these lines "
                                             "reaches 99.999999 %\n"));

  cli (&bad, "--catalog", f->catalog, "availability", "--required", "100", scenario, NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  /* skytally-cli update asks the tests' servers on the loopback interface, never a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/cli/help", test_help);
  g_test_add_func ("/sky/cli/version", test_version);
  g_test_add ("/sky/cli/availability", Fixture, NULL, fixture_setup, test_availability,
              fixture_teardown);
#define ADD(name, func) \
  g_test_add ("/sky/cli/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("usage-errors", test_usage_errors);
  ADD ("seeds-new-catalog", test_seeds_new_catalog);
  ADD ("no-seed", test_no_seed);
  ADD ("seed-interrupted", test_seed_interrupted);
  ADD ("import", test_import);
  ADD ("import-bad", test_import_bad);
  ADD ("convert", test_convert);
  ADD ("convert-bad-rows", test_convert_bad_rows);
  ADD ("import-converted", test_import_converted);
  ADD ("import-converted/monthly-cap", test_import_converted_monthly_cap);
  ADD ("import-converted/usage-discount", test_import_converted_usage_discount);
  ADD ("import-converted/usage-discount-realdata", test_import_converted_usage_discount_realdata);
#ifdef HAVE_SOUP
  ADD ("update", test_update);
  ADD ("update-fails", test_update_fails);
  ADD ("update-diff", test_update_diff);
#else
  ADD ("update-unavailable", test_update_unavailable);
#endif
  ADD ("sources-loaded-for-convert-only", test_sources_loaded_for_convert_only);
  ADD ("search-loads-only-what-it-needs", test_search_loads_only_what_it_needs);
  ADD ("search-json-without-json-glib", test_search_json_without_json_glib);
  ADD ("trace-sql", test_trace_sql);
  ADD ("sheets-remove", test_sheets_remove);
  ADD ("sheets-diff", test_sheets_diff);
  ADD ("sheets-current-per-service", test_sheets_current_per_service);
  ADD ("estimate-pinned-per-service", test_estimate_pinned_per_service);
  ADD ("import-empty-and-upcoming", test_import_empty_and_upcoming);
  ADD ("import-fifo", test_import_fifo);
  ADD ("not-a-catalog", test_not_a_catalog);
  ADD ("search-json", test_search_json);
  ADD ("search-csv", test_search_csv);
  ADD ("search-rows", test_search_rows);
  ADD ("search-empty", test_search_empty);
  ADD ("numbers-ignore-locale", test_numbers_ignore_locale);
  ADD ("estimate-json", test_estimate_json);
  ADD ("estimate-freshness", test_estimate_freshness);
  ADD ("price-dates-and-units", test_price_dates_and_units);
  ADD ("estimate-versions", test_estimate_versions);
  ADD ("estimate-examples", test_estimate_examples);
  ADD ("estimate-reservation", test_estimate_reservation);
  ADD ("selection", test_selection);
  ADD ("export-csv", test_export_csv);
  ADD ("export-spreadsheet", test_export_spreadsheet);
  ADD ("export-pdf", test_export_pdf);
  ADD ("export-xlsx", test_export_xlsx);
  ADD ("export-assumptions-option", test_export_assumptions_option);
  ADD ("project-calendar-months", test_project_calendar_months);
  ADD ("project-overflow", test_project_overflow);
  ADD ("export-keeps-links", test_export_keeps_links);
  ADD ("export-planted-link", test_export_planted_link);
  ADD ("export-keeps-mode", test_export_keeps_mode);
  ADD ("export-to-stdout", test_export_to_stdout);
  ADD ("export-to-fifo", test_export_to_fifo);
  ADD ("export-several-outputs", test_export_several_outputs);
  ADD ("export-fails-cleanly", test_export_fails_cleanly);
  ADD ("export-csv-all-or-nothing", test_export_csv_all_or_nothing);
  ADD ("report-loaded-for-export-only", test_report_loaded_for_export_only);
  ADD ("validate", test_validate);
  ADD ("validate-special", test_validate_special);
  ADD ("killed-import", test_killed_import);
  ADD ("import-killed-anywhere", test_import_killed_anywhere);
  ADD ("seed-killed", test_seed_killed);
  ADD ("full-disk-import", test_full_disk_import);
  ADD ("full-disk-read", test_full_disk_read);
  ADD ("duplicate-in-long-sheet", test_duplicate_in_long_sheet);
  ADD ("large-import", test_large_import);
  ADD ("readers-not-held-up", test_readers_not_held_up);
  ADD ("read-only-catalog", test_read_only_catalog);
  ADD ("estimate-summary", test_estimate_summary);
#undef ADD

  return g_test_run ();
}
