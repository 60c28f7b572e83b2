/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sky-sheet-reader.h"
#include "sky-test-util.h"

typedef struct
{
  char      *provider;
  char      *provider_short_name;
  char      *version;
  char      *currency;
  char      *source;
  guint      regions;
  guint      services;
  GPtrArray *skus;
  GPtrArray *terms;        /* "sku/unit/term" */
  char      *egress_tiers; /* "from-to@amount,…" of the egress offer */
  char      *egress_free;
  char      *std2_features;
  gint64     std2_vcpu;
  gint64     std2_memory;
  char      *std2_sla;
  char      *mem4_sla;
  gint64     partial_fee;
  gint64     gbsecond_amount;
} Collected;

static gboolean
collect_header (const SkySheetHeader  *header,
                gpointer               user_data,
                GError               **error)
{
  Collected *c = user_data;

  c->provider = g_strdup (header->provider_id);
  c->provider_short_name = g_strdup (header->provider_short_name);
  c->version = g_strdup (header->version);
  c->currency = g_strdup (header->currency);
  c->source = g_strdup (header->source);
  return TRUE;
}

static gboolean
collect_region (const SkySheetRegion  *region,
                gpointer               user_data,
                GError               **error)
{
  ((Collected *) user_data)->regions++;
  return TRUE;
}

static gboolean
collect_service (const SkySheetService  *service,
                 gpointer                user_data,
                 GError                **error)
{
  ((Collected *) user_data)->services++;
  return TRUE;
}

static gboolean
collect_offer (const SkySheetOffer  *offer,
               gpointer             user_data,
               GError             **error)
{
  Collected *c = user_data;

  g_ptr_array_add (c->skus, g_strdup (offer->sku));
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);

      g_ptr_array_add (c->terms, g_strdup_printf ("%s/%s/%s", offer->sku, price->unit,
                                                  price->term));
      if (strcmp (price->term, "reserved-1y-partial-upfront") == 0)
        c->partial_fee = price->upfront_fee;
      if (strcmp (price->unit, "gb-second") == 0)
        c->gbsecond_amount = price->amount;
      if (strcmp (offer->sku, "egress-us") == 0)
        {
          GString *s = g_string_new (NULL);

          for (guint t = 0; t < price->tiers->len; t++)
            {
              const SkySheetTier *tier = &g_array_index (price->tiers, SkySheetTier, t);
              g_string_append_printf (s, "%s%s-%s@%" G_GINT64_FORMAT, t > 0 ? "," : "",
                                      tier->from, tier->to != NULL ? tier->to : "",
                                      tier->amount);
            }
          c->egress_tiers = g_string_free (s, FALSE);
          c->egress_free = g_strdup (price->free_quantity);
        }
    }

  if (strcmp (offer->sku, "std-2-us") == 0)
    {
      GStrvBuilder *features = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < offer->features->len; i++)
        g_strv_builder_add (features, g_ptr_array_index (offer->features, i));
      strv = g_strv_builder_end (features);
      g_strv_builder_unref (features);
      c->std2_features = g_strjoinv ("=", strv);
      c->std2_vcpu = offer->vcpu_milli;
      c->std2_memory = offer->memory_mgib;
      c->std2_sla = g_strdup (offer->sla);
    }
  if (strcmp (offer->sku, "mem-4-eu") == 0)
    c->mem4_sla = g_strdup (offer->sla);
  return TRUE;
}

static const SkySheetSink collect_sink = {
  collect_header, collect_region, collect_service, collect_offer,
};

static void
collected_clear (Collected *c)
{
  g_free (c->provider);
  g_free (c->provider_short_name);
  g_free (c->version);
  g_free (c->currency);
  g_free (c->source);
  g_ptr_array_unref (c->skus);
  g_ptr_array_unref (c->terms);
  g_free (c->egress_tiers);
  g_free (c->egress_free);
  g_free (c->std2_features);
  g_free (c->std2_sla);
  g_free (c->mem4_sla);
}

static gboolean
has (GPtrArray  *strings,
     const char *value)
{
  return g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

static void
test_valid_sheet (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  Collected c = { 0 };
  gboolean ok;

  c.skus = g_ptr_array_new_with_free_func (g_free);
  c.terms = g_ptr_array_new_with_free_func (g_free);

  ok = sky_sheet_read_file (path, &collect_sink, &c, &sha, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_assert_cmpstr (c.provider, ==, "examplecloud");
  g_assert_cmpstr (c.version, ==, "2026.1");
  g_assert_cmpstr (c.currency, ==, "USD");
  g_assert_cmpstr (c.source, ==, "Written by hand for tests.");
  g_assert_cmpuint (c.regions, ==, 3);
  g_assert_cmpuint (c.services, ==, 3);
  g_assert_cmpuint (c.skus->len, ==, 5);

  /* The file's SHA-256 in lowercase hex, as catalogs store it to tell a changed sheet. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *expected = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_assert_cmpstr (sha, ==, expected);
  }

  /* Purchase options get their canonical names. */
  g_assert_true (has (c.terms, "std-2-us/hour/on-demand"));
  g_assert_true (has (c.terms, "std-2-us/hour/spot"));
  g_assert_true (has (c.terms, "std-2-us/hour/reserved-1y-no-upfront"));
  g_assert_true (has (c.terms, "std-2-us/hour/reserved-1y-partial-upfront"));
  g_assert_true (has (c.terms, "std-2-us/hour/reserved-3y-all-upfront"));
  g_assert_true (has (c.terms, "std-2-us/hour/savings-plan-1y-no-upfront"));
  g_assert_cmpint (c.partial_fee, ==, G_GINT64_CONSTANT (2590000000000));

  /* Ten fractional digits survive exactly. */
  g_assert_cmpint (c.gbsecond_amount, ==, 166667);

  g_assert_cmpstr (c.egress_tiers, ==,
                   "0-10240@900000000,10240-51200@850000000,51200-@700000000");
  g_assert_cmpstr (c.egress_free, ==, "100");

  g_assert_cmpstr (c.std2_features, ==, "network=Up to 10 Gbps");
  g_assert_cmpint (c.std2_vcpu, ==, 2000);
  g_assert_cmpint (c.std2_memory, ==, 8000);
  /* The service's SLA, unless the offer names its own. */
  g_assert_cmpstr (c.std2_sla, ==, "99.99");
  g_assert_cmpstr (c.mem4_sla, ==, "99.9");

  collected_clear (&c);
}

typedef struct
{
  const char *file;
  int         code;
  const char *where;     /* "line:column" */
  const char *message;   /* a part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "unclosed-tag.xml", SKY_SHEET_ERROR_MALFORMED, "10:13", "tag mismatch: offer line 8" },
  { "wrong-root.xml", SKY_SHEET_ERROR_WRONG_ROOT, "2:1", "root element is <pricelist>" },
  { "missing-attribute.xml", SKY_SHEET_ERROR_MISSING_ATTRIBUTE, "8:5",
    "<offer> needs the attribute “name”" },
  { "unknown-attribute.xml", SKY_SHEET_ERROR_UNKNOWN_ATTRIBUTE, "8:46",
    "unknown attribute “colour”" },
  { "negative-price.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:43", "“-0.5” is negative" },
  { "non-numeric-price.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:43",
    "“cheap” is not a decimal number" },
  { "exponent-price.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:43",
    "“1.5e-3” is not a decimal number" },
  { "too-precise-price.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:43",
    "has 11 fractional digits; at most 10" },
  { "unknown-unit.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:14", "unknown unit “fortnight”" },
  { "unknown-currency.xml", SKY_SHEET_ERROR_INVALID_VALUE, "4:50", "unknown currency “XYZ”" },
  { "unknown-term.xml", SKY_SHEET_ERROR_INVALID_VALUE, "9:26",
    "unknown purchase option “lease”" },
  { "undeclared-region.xml", SKY_SHEET_ERROR_UNDECLARED, "8:29",
    "region “eu-west”, which the sheet does not declare" },
  { "tiers-overlap.xml", SKY_SHEET_ERROR_TIERS, "11:15",
    "overlaps the previous one: it starts at 50, the previous one ends at 100" },
  { "tiers-gap.xml", SKY_SHEET_ERROR_TIERS, "11:15",
    "gap between tiers: the previous one ends at 100, this one starts at 150" },
  { "tiers-closed.xml", SKY_SHEET_ERROR_TIERS, "11:26", "the last tier must have no “to”" },
  { "future-format.xml", SKY_SHEET_ERROR_UNSUPPORTED_FORMAT, "2:49", "format 2" },
  { "doctype.xml", SKY_SHEET_ERROR_FORBIDDEN, "2:1", "DOCTYPE not allowed" },
  { "xxe-content.xml", SKY_SHEET_ERROR_FORBIDDEN, "2:1", "DOCTYPE not allowed" },
  /* The DOCTYPE is refused where it stands, before any entity it declares is used. */
  { "xxe.xml", SKY_SHEET_ERROR_FORBIDDEN, "2:1", "DOCTYPE not allowed" },
  { "billion-laughs.xml", SKY_SHEET_ERROR_FORBIDDEN, "2:1", "DOCTYPE not allowed" },
  { "bad-encoding.xml", SKY_SHEET_ERROR_MALFORMED, "3:29", "Input is not proper UTF-8" },
  /* The first four bytes name an encoding the parser has no converter for. */
  { "ucs4-2143.xml", SKY_SHEET_ERROR_MALFORMED, "1:1", "encoding not supported UCS4 2143" },
};

static gboolean
count_offer (const SkySheetOffer  *offer,
             gpointer             user_data,
             GError             **error)
{
  GHashTable *seen = user_data;

  /* The catalog finds duplicate SKUs with its unique index; this sink does the same job. */
  if (!g_hash_table_add (seen, g_strdup (offer->sku)))
    {
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_DUPLICATE,
                   "SKU “%s” appears twice in the sheet", offer->sku);
      return FALSE;
    }
  return TRUE;
}

static void
test_bad_sheet (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->file, NULL);
  g_autofree char *prefix = g_strdup_printf ("%s:%s: ", path, bad->where);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SkySheetSink sink = { .offer = count_offer };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = sky_sheet_read_file (path, &sink, seen, NULL, NULL, NULL, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, SKY_SHEET_ERROR, bad->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, bad->message));
}

static void
test_duplicate_sku_location (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-sku.xml",
                                                 NULL);
  g_autofree char *prefix = g_strdup_printf ("%s:11:12: ", path);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SkySheetSink sink = { .offer = count_offer };
  g_autoptr(GError) error = NULL;

  g_assert_false (sky_sheet_read_file (path, &sink, seen, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_DUPLICATE);
  /* The second offer's sku attribute. */
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_missing_file (void)
{
  SkySheetSink sink = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (sky_sheet_read_file ("/nonexistent/sheet.xml", &sink, NULL, NULL, NULL, NULL,
                                       NULL, &error));
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sheet.xml"));
}

/* Writes @text (@len bytes, or up to its NUL when -1) as a sheet in @dir and reads it; returns
 * the error, and the file's path in @path_out. */
static GError *
read_text (const char  *dir,
           const char  *name,
           const char  *text,
           gssize       len,
           char       **path_out)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  SkySheetSink sink = { NULL };
  GError *error = NULL;

  g_assert_true (g_file_set_contents (path, text, len, &error));
  g_assert_false (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  *path_out = g_steal_pointer (&path);
  return error;
}

/* An empty file, or one of blank space only, is said to be so. */
static void
test_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *empty = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *expected = NULL;

  error = read_text (dir, "empty.xml", "", 0, &empty);
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED);
  expected = g_strconcat (empty, ": the file is empty, not a price sheet", NULL);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  error = read_text (dir, "blank.xml", "  \n\n\t \r\n", -1, &blank);
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED);
  expected = g_strconcat (blank, ": the file holds only blank space, not a price sheet",
                          NULL);
  g_assert_cmpstr (error->message, ==, expected);

  sky_test_remove_tree (dir);
}

/* A DOCTYPE is refused where it is (not where the text "<!DOCTYPE" first appears, nor where an
 * entity it declares is used); a reference to an undefined entity is reported at its “&”. */
static void
test_entity_located (void)
{
  static const struct
  {
    const char *text;
    const char *where;
    const char *message;
  } cases[] = {
    { "<?xml version=\"1.0\"?>\n"
      "<!-- no <!DOCTYPE here -->\n"
      "  <!DOCTYPE price-sheet [\n"
      "  <!ENTITY a \"&b;&b;&b;&b;\">\n"
      "  <!ENTITY b \"&a;\">\n"
      "]>\n"
      "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
      "  <provider id=\"x\" name=\"&a;\"/>\n"
      "</price-sheet>\n",
      "3:3", "DOCTYPE not allowed in price sheets" },
    { "<?xml version=\"1.0\"?>\n"
      "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
      "  <provider id=\"x\" name=\"Bad &foo; Cloud\"/>\n"
      "</price-sheet>\n",
      "3:30", "Entity 'foo' not defined" },
    { "<?xml version=\"1.0\"?>\n"
      "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
      "  <provider id=\"x\" name=\"X\"/>\n"
      "  <sheet version=\"1\" effective-date=\"2026-03-01\" currency=\"EUR\"/>\n"
      "  <source retrieved=\"2026-03-01\">Made &amp; &bar; here</source>\n"
      "</price-sheet>\n",
      "5:45", "Entity 'bar' not defined" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("entity-%" G_GSIZE_FORMAT ".xml", i);
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;

      error = read_text (dir, name, cases[i].text, -1, &path);
      prefix = g_strdup_printf ("%s:%s: %s", path, cases[i].where, cases[i].message);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("“%s” does not start with “%s”", error->message, prefix);
      g_clear_error (&error);
    }

  sky_test_remove_tree (dir);
}

static void record_progress (guint64  done,
                             guint64  total,
                             gpointer user_data);

/* valid-small.xml with @from replaced by @to (once). */
static char *
small_sheet_with (const char *from,
                  const char *to)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *text = NULL;
  GString *s;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  return g_string_free (s, FALSE);
}

/* What is shown of a hostile value: its first 40 characters, then “…”. */
#define SHOWN_X "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"

/* Elements with far more attributes than the format has, whether they come in one piece of the
 * file or in many, are refused at the element, as soon as the count is over the limit. */
static void
test_many_attributes (void)
{
  static const guint counts[] = { 65, 5000, 300000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    for (int ns = 0; ns < 2; ns++)
      {
        g_autoptr(GString) attrs = g_string_new ("id=\"examplecloud\"");
        g_autofree char *text = NULL;
        g_autofree char *name = g_strdup_printf ("attrs-%u-%d.xml", counts[i], ns);
        g_autofree char *path = NULL;
        g_autofree char *expected = NULL;

        for (guint k = 0; k < counts[i]; k++)
          g_string_append_printf (attrs, ns ? " xmlns:n%u=\"urn:x:%u\"" : " a%u=\"v\"", k, k);
        text = small_sheet_with ("id=\"examplecloud\"", attrs->str);
        error = read_text (dir, name, text, -1, &path);
        g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_TOO_LARGE);
        expected = g_strdup_printf ("%s:4:3: <provider> has more than 64 attributes", path);
        if (!g_str_has_prefix (error->message, expected))
          g_error ("“%s” does not start with “%s”", error->message, expected);
        g_clear_error (&error);
      }

  sky_test_remove_tree (dir);
}

/* Text where the format has none is refused at its first character: the rest of the file is
 * not read (nor kept). */
static void
test_long_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "text.xml", NULL);
  g_autofree char *filler = g_strnfill (4 * 1024 * 1024, 'x');
  g_autofree char *with_text = g_strconcat ("\n  ", filler, "\n  <sheet ", NULL);
  g_autofree char *text = small_sheet_with ("\n  <sheet ", with_text);
  g_autofree char *expected = NULL;
  SkySheetSink sink = { NULL };
  guint64 last = 0;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_false (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, record_progress, &last,
                                       &error));
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_UNEXPECTED_ELEMENT);
  expected = g_strdup_printf ("%s:5:3: unexpected text “" SHOWN_X "” (only <source> holds "
                              "text)", path);
  g_assert_cmpstr (error->message, ==, expected);
  /* Progress is reported by the MiB: the reader stopped in the first. */
  g_assert_cmpuint (last, <, 1024 * 1024);

  sky_test_remove_tree (dir);
}

/* A <source> far longer than the format allows is refused once it is, not kept whole. */
static void
test_long_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "source.xml", NULL);
  g_autofree char *filler = g_strnfill (4 * 1024 * 1024, 'x');
  g_autofree char *text = small_sheet_with ("Written by hand for tests.", filler);
  g_autofree char *expected = NULL;
  SkySheetSink sink = { NULL };
  guint64 last = 0;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_false (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, record_progress, &last,
                                       &error));
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
  expected = g_strdup_printf ("%s:6:3: <source> must say where the prices came from (1 to "
                              "10000 characters)", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpuint (last, <, 1024 * 1024);
  g_clear_error (&error);

  /* 10,000 characters with blank space around them are a source; 1 MiB of blank space is too
   * much of it. */
  {
    g_autofree char *blank = g_strnfill (100 * 1024, ' ');
    g_autofree char *chars = g_strnfill (10000, 'y');
    g_autofree char *padded = g_strconcat (blank, chars, blank, NULL);
    g_autofree char *fine = small_sheet_with ("Written by hand for tests.", padded);
    g_autofree char *more = g_strnfill (1024 * 1024, ' ');
    g_autofree char *too_much = g_strconcat ("Written", more, NULL);
    g_autofree char *bad = small_sheet_with ("Written", too_much);

    g_assert_true (g_file_set_contents (path, fine, -1, &error));
    g_assert_true (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);

    g_assert_true (g_file_set_contents (path, bad, -1, &error));
    g_assert_false (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_TOO_LARGE);
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("%s:6:3: <source> takes more than 256 KiB", path);
    g_assert_true (g_str_has_prefix (error->message, expected));
  }

  sky_test_remove_tree (dir);
}

/* Long names and values are shown by their first 40 characters only, wherever the message
 * names them. */
static void
test_long_names_and_values (void)
{
  static const struct
  {
    const char *from;
    const char *to;      /* X is replaced by 40,000 x */
    int         code;
    const char *message;
  } cases[] = {
    { "<provider ", "<X ", SKY_SHEET_ERROR_TOO_LARGE,
      "4:3: an element name is at most 64 characters long: <" SHOWN_X ">" },
    { "id=\"examplecloud\"", "id=\"examplecloud\" X=\"1\"", SKY_SHEET_ERROR_TOO_LARGE,
      "4:31: an attribute name is at most 64 characters long: “" SHOWN_X "”" },
    { "id=\"examplecloud\"", "id=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "4:13: id “" SHOWN_X "” of <provider> is not an identifier" },
    { "version=\"2026.1\"", "version=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "5:10: version “" SHOWN_X "” of <sheet> must start" },
    { "effective-date=\"2026-01-01\"", "effective-date=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "5:27: effective-date “" SHOWN_X "” of <sheet> is not a date" },
    { "currency=\"USD\"", "currency=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "5:55: unknown currency “" SHOWN_X "”" },
    { "geography=\"US\"", "geography=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "7:41: unknown geography “" SHOWN_X "” in <region>" },
    { "sku=\"std-2-us\"", "sku=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "11:12: sku “" SHOWN_X "” must be 1 to 200" },
    { "region=\"us-east\" vcpu", "region=\"X\" vcpu", SKY_SHEET_ERROR_UNDECLARED,
      "11:65: offer “std-2-us” is in region “" SHOWN_X "”, which" },
    { "unit=\"hour\" term=\"on-demand\" amount=\"0.0960\"",
      "unit=\"X\" term=\"on-demand\" amount=\"0.0960\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "13:14: unknown unit “" SHOWN_X "”" },
    { "amount=\"0.0960\"", "amount=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "13:43: amount of <price>: “" SHOWN_X "” is not a decimal number" },
    { "format=\"1\"", "format=\"X\"", SKY_SHEET_ERROR_INVALID_VALUE,
      "3:49: format “" SHOWN_X "” of <price-sheet>" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *xs = g_strnfill (40000, 'x');

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) to = g_string_new (cases[i].to);
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("long-%" G_GSIZE_FORMAT ".xml", i);
      g_autofree char *path = NULL;
      g_autofree char *expected = NULL;

      g_string_replace (to, "X", xs, 1);
      text = small_sheet_with (cases[i].from, to->str);
      error = read_text (dir, name, text, -1, &path);
      expected = g_strdup_printf ("%s:%s", path, cases[i].message);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%.300s” does not start with “%s”", error->message, expected);
      g_assert_cmpuint (strlen (error->message), <, strlen (path) + 300);
      g_assert_error (error, SKY_SHEET_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  sky_test_remove_tree (dir);
}

/* In the child of a test, or in the test itself: a read that blocks for ever ends the process
 * instead of hanging the test suite. */
#define HANG_GUARD_SECONDS 20

/* A named pipe, a device through a symbolic link and a folder are refused at once, without
 * waiting for a writer or reading the device, with a message naming the file. */
static void
test_special_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.xml", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.xml", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.xml", NULL);
  const char *paths[] = { fifo, zero, folder };
  SkySheetSink sink = { NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  alarm (HANG_GUARD_SECONDS);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *prefix = g_strconcat (paths[i], ": ", NULL);

      g_assert_false (sky_sheet_read_file (paths[i], &sink, NULL, NULL, NULL, NULL, NULL,
                                           &error));
      g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_clear_error (&error);
    }
  alarm (0);

  sky_test_remove_tree (dir);
}

/* The checksum of a sheet read in many pieces (the reader hashes them in a thread of its own,
 * and reuses each once hashed) is the file's. */
static void
test_checksum_of_long_sheet (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "long.xml", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *sha = NULL;
  SkySheetSink sink = { NULL };

  sky_test_append_sheet_start (s, "longcloud", "Long Cloud");
  g_string_append (s,
                   "  <region code=\"eu\" name=\"Europe\" geography=\"EU\"/>\n"
                   "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n");
  for (guint i = 0; i < 12000; i++)
    g_string_append_printf (s,
                            "    <offer sku=\"vm-%u\" name=\"vm %u\" region=\"eu\">\n"
                            "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.%04u\"/>\n"
                            "    </offer>\n", i, i, i % 10000);
  g_string_append (s, "  </service>\n</price-sheet>\n");
  g_assert_cmpuint (s->len, >, 1024 * 1024);
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) s->str, s->len);

  g_assert_true (sky_sheet_read_file (path, &sink, NULL, &sha, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);

  sky_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SkySheetSink sink = { NULL };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (sky_sheet_read_file (path, &sink, NULL, NULL, cancellable, NULL, NULL,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
record_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, >=, *last);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

static void
test_progress (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  SkySheetSink sink = { NULL };
  g_autoptr(GError) error = NULL;
  guint64 last = 0;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, record_progress, &last,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, (guint64) st.st_size);
}

static void
test_terms (void)
{
  g_assert_true (sky_term_is_known ("on-demand"));
  g_assert_true (sky_term_is_known ("spot"));
  g_assert_true (sky_term_is_known ("reserved-3y-partial-upfront"));
  g_assert_true (sky_term_is_known ("savings-plan-1y-no-upfront"));
  g_assert_false (sky_term_is_known ("reserved-2y-no-upfront"));
  g_assert_false (sky_term_is_known ("reserved"));
  g_assert_false (sky_term_is_known (""));
  g_assert_true (sky_unit_is_known ("gb-month"));
  g_assert_false (sky_unit_is_known ("GB-Mo"));
}

#define OR_NONE(text) ((text) != NULL ? (text) : "none")

/* The reader hands each offer over and then uses its memory for the next one: nothing of an offer
 * may show in the one after it. */
static gboolean
describe_offer (const SkySheetOffer  *offer,
                gpointer              user_data,
                GError              **error)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s %s family=%s storage=%s os=%s sla=%s vcpu=%" G_GINT64_FORMAT
                          " gpu=%" G_GINT64_FORMAT " features=%u",
                          offer->sku, offer->name, OR_NONE (offer->family),
                          OR_NONE (offer->storage_type), OR_NONE (offer->os),
                          OR_NONE (offer->sla), offer->vcpu_milli, offer->gpu,
                          offer->features->len);
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);

      g_string_append_printf (out, " | %s %s %" G_GINT64_FORMAT " fee=%s%" G_GINT64_FORMAT
                              " free=%s tiers=%u", price->term, price->unit, price->amount,
                              price->has_upfront_fee ? "" : "none/", price->upfront_fee,
                              OR_NONE (price->free_quantity), price->tiers->len);
    }
  g_ptr_array_add (user_data, g_string_free (out, FALSE));
  return TRUE;
}

static void
test_offers_one_by_one (void)
{
  static const char sheet[] =
    "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">"
    "<provider id=\"p\" name=\"P\"/>"
    "<sheet version=\"1\" effective-date=\"2026-01-01\" currency=\"USD\"/>"
    "<source retrieved=\"2026-01-02\">Test.</source>"
    "<region code=\"r\" name=\"R\" geography=\"EU\"/>"
    "<service id=\"s\" name=\"S\" category=\"network\">"
    "<offer sku=\"full\" name=\"Full\" family=\"General purpose\" region=\"r\" vcpu=\"2\" "
    "gpu=\"1\" storage-type=\"ssd\" os=\"linux\" sla=\"99.9\">"
    "<feature key=\"a\" value=\"b\"/>"
    "<price unit=\"gb\" term=\"on-demand\" free-quantity=\"100\">"
    "<tier from=\"0\" to=\"10\" amount=\"0.09\"/><tier from=\"10\" amount=\"0.05\"/></price>"
    "<price unit=\"hour\" term=\"reserved\" years=\"1\" upfront=\"all\" upfront-fee=\"5\" "
    "amount=\"0\"/></offer>"
    "<offer sku=\"bare\" name=\"Bare\" region=\"r\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"0.5\"/>"
    "<price unit=\"gb\" term=\"on-demand\" amount=\"0.01\"/></offer>"
    "</service></price-sheet>";
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SkySheetSink sink = { .offer = describe_offer };
  int fd = g_file_open_tmp ("one-by-one-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, sheet, -1, &error));
  g_assert_true (sky_sheet_read_file (path, &sink, seen, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);

  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (seen->pdata[0], ==,
                   "full Full family=General purpose storage=ssd os=linux sla=99.9 vcpu=2000 "
                   "gpu=1 features=2 | on-demand gb 900000000 fee=none/0 free=100 tiers=2 "
                   "| reserved-1y-all-upfront hour 0 fee=50000000000 free=none tiers=0");
  g_assert_cmpstr (seen->pdata[1], ==,
                   "bare Bare family=none storage=none os=none sla=none vcpu=-1 gpu=-1 "
                   "features=0 | on-demand hour 5000000000 fee=none/0 free=none tiers=0 "
                   "| on-demand gb 100000000 fee=none/0 free=none tiers=0");
}

/* A commitment's years are the table's, written as digits: 3 is a three-year reservation; 2,
 * 03, +3 and "3 " are refused with the years there are. */
static void
test_years (void)
{
  static const char * const refused[] = { "2", "03", "+3", "3 ", "" };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("years-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (gsize i = 0; i <= G_N_ELEMENTS (refused); i++)
    {
      const char *years = i < G_N_ELEMENTS (refused) ? refused[i] : "3";
      g_autofree char *sheet = g_strdup_printf (
        "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">"
        "<provider id=\"p\" name=\"P\"/>"
        "<sheet version=\"1\" effective-date=\"2026-01-01\" currency=\"USD\"/>"
        "<source retrieved=\"2026-01-02\">Test.</source>"
        "<region code=\"r\" name=\"R\" geography=\"EU\"/>"
        "<service id=\"s\" name=\"S\" category=\"compute\">"
        "<offer sku=\"vm\" name=\"VM\" region=\"r\">"
        "<price unit=\"hour\" term=\"reserved\" years=\"%s\" amount=\"0.05\"/>"
        "</offer></service></price-sheet>", years);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
      SkySheetSink sink = { .offer = describe_offer };
      gboolean read;

      g_assert_true (g_file_set_contents (path, sheet, -1, NULL));
      read = sky_sheet_read_file (path, &sink, seen, NULL, NULL, NULL, NULL, &error);
      if (i == G_N_ELEMENTS (refused))
        {
          g_assert_no_error (error);
          g_assert_true (read);
          g_assert_cmpuint (seen->len, ==, 1);
          g_assert_nonnull (strstr (seen->pdata[0], "| reserved-3y-no-upfront hour "));
        }
      else
        {
          g_autofree char *message = g_strdup_printf ("years “%s” must be 1 or 3", years);

          g_assert_false (read);
          g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
          g_assert_nonnull (strstr (error->message, message));
          g_clear_error (&error);
        }
    }
  g_unlink (path);
}

/* valid-small.xml with its <provider> line replaced by @provider, read in @dir. */
static gboolean
read_with_provider (const char  *dir,
                    const char  *provider,
                    Collected   *c,
                    char       **path_out,
                    GError     **error)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (dir, "short-name.xml", NULL);
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (valid, &contents, NULL, NULL));
  parts = g_strsplit (contents, "<provider id=\"examplecloud\" name=\"Example Cloud\"/>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  text = g_strconcat (parts[0], provider, parts[1], NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  c->skus = g_ptr_array_new_with_free_func (g_free);
  c->terms = g_ptr_array_new_with_free_func (g_free);
  *path_out = g_steal_pointer (&path);
  return sky_sheet_read_file (*path_out, &collect_sink, c, NULL, NULL, NULL, NULL, error);
}

static void
test_short_name (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  Collected c = { 0 };

  g_assert_true (read_with_provider (dir, "<provider id=\"examplecloud\" name=\"Example Cloud\" "
                                     "short-name=\"Example\"/>", &c, &path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c.provider_short_name, ==, "Example");
  collected_clear (&c);
  g_clear_pointer (&path, g_free);

  /* Twenty characters, not bytes: each “é” takes two. */
  g_assert_true (read_with_provider (dir, "<provider id=\"examplecloud\" name=\"Example Cloud\" "
                                     "short-name=\"ééééééééééééééééééé1\"/>", &c, &path,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c.provider_short_name, ==, "ééééééééééééééééééé1");
  collected_clear (&c);
  g_clear_pointer (&path, g_free);

  sky_test_remove_tree (dir);
}

static void
test_short_name_absent (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autoptr(GError) error = NULL;
  Collected c = { 0 };

  c.skus = g_ptr_array_new_with_free_func (g_free);
  c.terms = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (sky_sheet_read_file (path, &collect_sink, &c, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Without a short name, the name is the short name. */
  g_assert_cmpstr (c.provider_short_name, ==, "Example Cloud");
  collected_clear (&c);
}

static void
test_short_name_refused (void)
{
  static const char * const values[] = { "", "Twenty-one characters" };
  g_autofree char *dir = sky_test_make_dir ();

  g_assert_cmpint (g_utf8_strlen (values[1], -1), ==, 21);
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *provider = g_strdup_printf ("<provider id=\"examplecloud\" "
                                                   "name=\"Example Cloud\" short-name=\"%s\"/>",
                                                   values[i]);
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(GError) error = NULL;
      Collected c = { 0 };

      g_assert_false (read_with_provider (dir, provider, &c, &path, &error));
      g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
      g_test_message ("%s", error->message);
      /* The file, the line and the column of the attribute. */
      prefix = g_strdup_printf ("%s:4:52: ", path);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message,
                                "short-name “"));
      g_assert_nonnull (strstr (error->message,
                                "” of <provider> must be 1 to 20 characters long"));
      g_assert_null (c.provider_short_name);
      collected_clear (&c);
    }
  sky_test_remove_tree (dir);
}

/* A sheet of @provider with one service @service in @category, as text. */
static char *
service_sheet (const char *provider,
               const char *service,
               const char *category)
{
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
    "  <provider id=\"%s\" name=\"A provider\"/>\n"
    "  <sheet version=\"1\" effective-date=\"2026-01-01\" currency=\"USD\"/>\n"
    "  <source retrieved=\"2026-01-01\">Tests.</source>\n"
    "  <region code=\"r1\" name=\"Region\" geography=\"US\"/>\n"
    "  <service id=\"%s\" name=\"A service\" category=\"%s\">\n"
    "    <offer sku=\"s1\" name=\"One\" region=\"r1\">\n"
    "      <price unit=\"hour\" term=\"on-demand\" amount=\"1\"/>\n"
    "    </offer>\n"
    "  </service>\n"
    "</price-sheet>\n", provider, service, category);
}

/* A sheet of a provider the vocabulary lists names its services by the vocabulary's ids, each
 * in its category: another id, or another category, is refused where it stands, with the ids
 * allowed. A provider the vocabulary does not list names its services freely. */
static void
test_service_ids (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *good = service_sheet ("aws", "ec2", "compute");
  g_autofree char *other = service_sheet ("examplecloud", "ec2-ish", "storage");
  g_autofree char *unknown = service_sheet ("aws", "ec3", "compute");
  g_autofree char *category = service_sheet ("digitalocean", "droplets", "storage");
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;
  SkySheetSink sink = { NULL };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("good-%u.xml", i);
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (file, i == 0 ? good : other, -1, NULL));
      g_assert_true (sky_sheet_read_file (file, &sink, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  error = read_text (dir, "unknown.xml", unknown, -1, &path);
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  prefix = g_strdup_printf ("%s:7:12: ", path);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "unknown service “ec3” of aws: use ec2, ebs, s3, "
                                            "rds-postgres, rds-mysql, data-transfer-out, lambda "
                                            "or fargate"));
  g_clear_error (&error);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&prefix, g_free);

  error = read_text (dir, "category.xml", category, -1, &path);
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  prefix = g_strdup_printf ("%s:7:43: ", path);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message,
                            "service “droplets” of digitalocean is in category compute, "
                            "not storage"));
  sky_test_remove_tree (dir);
}

/* The bundled sheets name their services by the vocabulary's ids. */
static void
test_bundled_service_ids (void)
{
  static const char * const sheets[] = { "aws.xml", "azure.xml", "gcp-handwritten.xml",
                                          "gcp-pricing-yml-2026-07-30.xml.gz",
                                          "digitalocean.xml" };

  for (gsize i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "pricesheets",
                                                     sheets[i], NULL);
      SkySheetSink sink = { NULL };
      g_autoptr(GError) error = NULL;

      g_assert_true (sky_sheet_read_file (path, &sink, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}


/* Compressed sheets ---------------------------------------------------------------------------- */

/* @len bytes of @text gzip-compressed into @path; the last @cut bytes of the result left off. */
static void
write_gzip (const char *path,
            const char *text,
            gsize       len,
            gsize       cut)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                                                                 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory,
                                                                G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  g_assert_true (g_output_stream_write_all (out, text, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory));
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  g_assert_cmpuint (size, >, cut);
  g_assert_true (g_file_set_contents (path, data, size - cut, &error));
  g_assert_no_error (error);
}

/* A gzip-compressed sheet (.xml.gz) reads as the same sheet uncompressed: the same offers and
 * prices, the same SHA-256 (of the sheet, not of its compressed bytes), and its progress told
 * in the compressed file's bytes, up to its size. */
static void
test_gzip_sheet (void)
{
  g_autofree char *plain = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *packed = g_build_filename (dir, "valid-small.xml.gz", NULL);
  g_autofree char *text = NULL;
  g_autofree char *plain_sha = NULL;
  g_autofree char *packed_sha = NULL;
  g_autoptr(GError) error = NULL;
  Collected a = { 0 };
  Collected b = { 0 };
  guint64 last = 0;
  gsize len;

  g_assert_true (g_file_get_contents (plain, &text, &len, &error));
  write_gzip (packed, text, len, 0);

  a.skus = g_ptr_array_new_with_free_func (g_free);
  a.terms = g_ptr_array_new_with_free_func (g_free);
  b.skus = g_ptr_array_new_with_free_func (g_free);
  b.terms = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (sky_sheet_read_file (plain, &collect_sink, &a, &plain_sha, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (sky_sheet_read_file (packed, &collect_sink, &b, &packed_sha, NULL,
                                      record_progress, &last, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (b.provider, ==, "examplecloud");
  g_assert_cmpstr (b.version, ==, a.version);
  g_assert_cmpuint (b.regions, ==, a.regions);
  g_assert_cmpuint (b.services, ==, a.services);
  g_assert_cmpuint (b.skus->len, ==, 5);
  g_assert_cmpuint (b.terms->len, ==, a.terms->len);
  for (guint i = 0; i < a.terms->len; i++)
    g_assert_cmpstr (g_ptr_array_index (b.terms, i), ==, g_ptr_array_index (a.terms, i));
  g_assert_cmpstr (b.egress_tiers, ==, a.egress_tiers);
  g_assert_cmpstr (packed_sha, ==, plain_sha);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (packed, &st), ==, 0);
    g_assert_cmpuint (last, ==, (guint64) st.st_size);
  }

  collected_clear (&a);
  collected_clear (&b);
  sky_test_remove_tree (dir);
}

/* A compressed sheet cut short is refused as one that cannot be decompressed, one that holds
 * nothing as an empty file, and one that holds a bad sheet with the line of the fault. */
static void
test_gzip_bad (void)
{
  g_autofree char *plain = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *cut = g_build_filename (dir, "cut.xml.gz", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.xml.gz", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.xml.gz", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *bad_text = NULL;
  SkySheetSink sink = { NULL };
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (plain, &text, &len, &error));
  write_gzip (cut, text, len, 40);
  g_assert_false (sky_sheet_read_file (cut, &sink, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("%s: ", cut);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  write_gzip (empty, "", 0, 0);
  g_assert_false (sky_sheet_read_file (empty, &sink, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED);
  expected = g_strconcat (empty, ": the file is empty, not a price sheet", NULL);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  bad_text = small_sheet_with ("currency=\"USD\"", "currency=\"usd\"");
  write_gzip (bad, bad_text, strlen (bad_text), 0);
  g_assert_false (sky_sheet_read_file (bad, &sink, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("%s:5:", bad);
  g_assert_true (g_str_has_prefix (error->message, expected));

  sky_test_remove_tree (dir);
}

/* Usage discounts and monthly caps ----------------------------------------------------------- */

/* A sheet with @discounts (whole <usage-discount> elements, on line 7 on) and one offer whose
 * one price has the attributes @price_attrs. */
static char *
rules_sheet (const char *discounts,
             const char *price_attrs)
{
  GString *sheet = g_string_new (NULL);

  sky_test_append_sheet_start (sheet, "testcloud", "Test Cloud");
  g_string_append (sheet, "  <region code=\"r1\" name=\"R1\" geography=\"US\"/>\n");
  g_string_append (sheet, discounts);
  g_string_append_printf (sheet,
                          "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                          "    <offer sku=\"vm-1\" name=\"vm-1\" region=\"r1\">\n"
                          "      <price %s/>\n"
                          "    </offer>\n"
                          "  </service>\n"
                          "</price-sheet>\n", price_attrs);
  return g_string_free (sheet, FALSE);
}

#define N2_BANDS \
  "  <usage-discount id=\"n2\">\n" \
  "    <band from=\"0\" to=\"25\" percent=\"0\"/>\n" \
  "    <band from=\"25\" to=\"50\" percent=\"13.22\"/>\n" \
  "    <band from=\"50\" to=\"75\" percent=\"26.7\"/>\n" \
  "    <band from=\"75\" to=\"100\" percent=\"40\"/>\n" \
  "  </usage-discount>\n"

typedef struct
{
  GPtrArray *discounts;   /* "id=bands" */
  GPtrArray *prices;      /* "unit term cap=… usage=…" */
} Rules;

static gboolean
collect_usage_discount (const SkySheetUsageDiscount  *discount,
                        gpointer                      user_data,
                        GError                      **error)
{
  Rules *r = user_data;
  g_autofree char *bands = sky_sheet_bands_to_string (discount->bands);

  g_ptr_array_add (r->discounts, g_strdup_printf ("%s=%s", discount->id, bands));
  return TRUE;
}

static gboolean
collect_rules (const SkySheetOffer  *offer,
               gpointer              user_data,
               GError              **error)
{
  Rules *r = user_data;

  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *p = g_ptr_array_index (offer->prices, i);

      g_ptr_array_add (r->prices,
                       g_strdup_printf ("%s %s cap=%s%" G_GINT64_FORMAT " usage=%s", p->unit,
                                        p->term, p->has_monthly_cap ? "" : "none/",
                                        p->monthly_cap, OR_NONE (p->usage_discount)));
    }
  return TRUE;
}

/* A sheet's usage discounts come whole, their bands exact, before the offers that name them;
 * a price keeps its monthly cap exactly. */
static void
test_usage_discount_and_cap (void)
{
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rules.xml", NULL);
  g_autofree char *text = NULL;
  GString *sheet = g_string_new (NULL);
  SkySheetSink sink = { .offer = collect_rules, .usage_discount = collect_usage_discount };
  Rules r = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;

  sky_test_append_sheet_start (sheet, "testcloud", "Test Cloud");
  g_string_append (sheet, "  <region code=\"r1\" name=\"R1\" geography=\"US\"/>\n" N2_BANDS
                          "  <usage-discount id=\"flat\"><band from=\"0\" to=\"100\" "
                          "percent=\"12.5\"/></usage-discount>\n"
                          "  <service id=\"vm\" name=\"VMs\" category=\"compute\">\n"
                          "    <offer sku=\"vm-1\" name=\"vm-1\" region=\"r1\">\n"
                          "      <price unit=\"hour\" term=\"on-demand\" amount=\"0.194236\" "
                          "usage-discount=\"n2\"/>\n"
                          "      <price unit=\"hour\" term=\"spot\" amount=\"0.09\" "
                          "monthly-cap=\"24.005\"/>\n"
                          "      <price unit=\"second\" term=\"on-demand\" amount=\"0.00001\" "
                          "monthly-cap=\"24\"/>\n"
                          "      <price unit=\"vcpu-hour\" term=\"on-demand\" amount=\"0.03\" "
                          "usage-discount=\"flat\"/>\n"
                          "      <price unit=\"hour\" term=\"reserved\" years=\"1\" "
                          "amount=\"0.12\"/>\n"
                          "    </offer>\n"
                          "  </service>\n"
                          "</price-sheet>\n");
  text = g_string_free (sheet, FALSE);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_assert_true (sky_sheet_read_file (path, &sink, &r, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.discounts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r.discounts, 0), ==,
                   "n2=0:25:0,25:50:13.22,50:75:26.7,75:100:40");
  g_assert_cmpstr (g_ptr_array_index (r.discounts, 1), ==, "flat=0:100:12.5");
  g_assert_cmpuint (r.prices->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (r.prices, 0), ==,
                   "hour on-demand cap=none/0 usage=n2");
  g_assert_cmpstr (g_ptr_array_index (r.prices, 1), ==,
                   "hour spot cap=240050000000 usage=none");
  g_assert_cmpstr (g_ptr_array_index (r.prices, 2), ==,
                   "second on-demand cap=240000000000 usage=none");
  g_assert_cmpstr (g_ptr_array_index (r.prices, 3), ==,
                   "vcpu-hour on-demand cap=none/0 usage=flat");
  /* A price read after one with a cap and a discount has neither of its own. */
  g_assert_cmpstr (g_ptr_array_index (r.prices, 4), ==,
                   "hour reserved-1y-no-upfront cap=none/0 usage=none");

  /* The bands' text reads back as the same bands. */
  {
    g_autoptr(GArray) bands = sky_sheet_bands_parse ("0:25:0,25:50:13.22,50:75:26.7,75:100:40");
    g_autofree char *again = NULL;

    g_assert_nonnull (bands);
    g_assert_cmpuint (bands->len, ==, 4);
    again = sky_sheet_bands_to_string (bands);
    g_assert_cmpstr (again, ==, "0:25:0,25:50:13.22,50:75:26.7,75:100:40");
    g_assert_null (sky_sheet_bands_parse ("0:25"));
    g_assert_null (sky_sheet_bands_parse (""));
  }

  g_ptr_array_unref (r.discounts);
  g_ptr_array_unref (r.prices);
  sky_test_remove_tree (dir);
}

typedef struct
{
  const char *name;
  const char *discounts;
  const char *price;
  int         code;
  const char *where;     /* "line:column" */
  const char *message;
} RulesCase;

static const RulesCase rules_cases[] = {
  { "unknown-id", N2_BANDS, "unit=\"hour\" term=\"on-demand\" amount=\"1\" usage-discount=\"n1\"",
    SKY_SHEET_ERROR_UNDECLARED, "15:", "usage discount “n1” is not declared" },
  { "gap", "  <usage-discount id=\"g\">\n    <band from=\"0\" to=\"25\" percent=\"0\"/>\n"
    "    <band from=\"30\" to=\"100\" percent=\"20\"/>\n  </usage-discount>\n",
    "unit=\"hour\" term=\"on-demand\" amount=\"1\"", SKY_SHEET_ERROR_BANDS, "9:11",
    "gap between bands: the previous one ends at 25, this one starts at 30" },
  { "overlap", "  <usage-discount id=\"o\">\n    <band from=\"0\" to=\"50\" percent=\"0\"/>\n"
    "    <band from=\"25\" to=\"100\" percent=\"20\"/>\n  </usage-discount>\n",
    "unit=\"hour\" term=\"on-demand\" amount=\"1\"", SKY_SHEET_ERROR_BANDS, "9:11",
    "overlaps the previous one: it starts at 25, the previous one ends at 50" },
  { "not-from-zero", "  <usage-discount id=\"z\">\n    <band from=\"5\" to=\"100\" "
    "percent=\"0\"/>\n  </usage-discount>\n", "unit=\"hour\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_BANDS, "8:11", "the first band must start at 0, not at 5" },
  { "short-of-100", "  <usage-discount id=\"s\">\n    <band from=\"0\" to=\"75\" "
    "percent=\"0\"/>\n  </usage-discount>\n", "unit=\"hour\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_BANDS, "8:", "the last band must end at 100" },
  { "no-band", "  <usage-discount id=\"e\">\n  </usage-discount>\n",
    "unit=\"hour\" term=\"on-demand\" amount=\"1\"", SKY_SHEET_ERROR_BANDS, "",
    "usage discount “e” has no <band>" },
  { "empty-band", "  <usage-discount id=\"b\">\n    <band from=\"0\" to=\"0\" percent=\"0\"/>\n"
    "  </usage-discount>\n", "unit=\"hour\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_BANDS, "8:", "a band must end after it starts" },
  { "percent-over-100", "  <usage-discount id=\"p\">\n    <band from=\"0\" to=\"100\" "
    "percent=\"120\"/>\n  </usage-discount>\n", "unit=\"hour\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_INVALID_VALUE, "8:", "is more than 100 %" },
  { "twice", N2_BANDS N2_BANDS, "unit=\"hour\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_DUPLICATE, "13:", "usage discount “n2” is declared twice" },
  { "after-services", "", "unit=\"hour\" term=\"on-demand\" amount=\"1\"/>\n    </offer>\n"
    "  </service>\n" N2_BANDS "  <service id=\"x\" name=\"X\" category=\"compute\">\n"
    "    <offer sku=\"vm-2\" name=\"vm-2\" region=\"r1\">\n      <price unit=\"hour\" "
    "term=\"on-demand\" amount=\"1\"", SKY_SHEET_ERROR_UNEXPECTED_ELEMENT, "12:3:",
    "usage discounts come after the regions and before services" },
  { "discount-on-spot", N2_BANDS,
    "unit=\"hour\" term=\"spot\" amount=\"1\" usage-discount=\"n2\"",
    SKY_SHEET_ERROR_INVALID_VALUE, "15:", "only for on-demand prices per hour" },
  { "discount-per-gb", N2_BANDS,
    "unit=\"gb\" term=\"on-demand\" amount=\"1\" usage-discount=\"n2\"",
    SKY_SHEET_ERROR_INVALID_VALUE, "15:", "only for on-demand prices per hour" },
  { "cap-on-commitment", "", "unit=\"hour\" term=\"reserved\" years=\"1\" amount=\"1\" "
    "monthly-cap=\"24\"", SKY_SHEET_ERROR_INVALID_VALUE, "9:",
    "a monthly-cap is only for prices per running time without a commitment" },
  { "cap-per-gb-month", "", "unit=\"gb-month\" term=\"on-demand\" amount=\"1\" "
    "monthly-cap=\"24\"", SKY_SHEET_ERROR_INVALID_VALUE, "9:",
    "a monthly-cap is only for prices per running time" },
  { "cap-negative", "", "unit=\"hour\" term=\"on-demand\" amount=\"1\" monthly-cap=\"-24\"",
    SKY_SHEET_ERROR_INVALID_VALUE, "9:", "is negative" },
  { "cap-with-free", "", "unit=\"hour\" term=\"on-demand\" amount=\"1\" free-quantity=\"10\" "
    "monthly-cap=\"24\"", SKY_SHEET_ERROR_INVALID_VALUE, "9:",
    "a price with “monthly-cap” cannot have a free-quantity" },
  { "cap-with-tiers", "", "unit=\"hour\" term=\"on-demand\" monthly-cap=\"24\"><tier from=\"0\" "
    "amount=\"1\"/></price><price unit=\"gb\" term=\"on-demand\" amount=\"1\"",
    SKY_SHEET_ERROR_INVALID_VALUE, "9:",
    "a price with tiers cannot have “monthly-cap”" },
};

static void
test_rules_refused (gconstpointer data)
{
  const RulesCase *c = data;
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *text = rules_sheet (c->discounts, c->price);
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = read_text (dir, "bad.xml", text, -1, &path);

  g_assert_error (error, SKY_SHEET_ERROR, c->code);
  prefix = g_strdup_printf ("%s:%s", path, c->where);
  /* Compared whole when they differ, so that a failure shows the message. */
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, c->message) == NULL)
    g_assert_cmpstr (error->message, ==, c->message);
  sky_test_remove_tree (dir);
}

/* Each price's own effective date, "" for none, as "sku unit term date" lines. */
static gboolean
collect_price_dates (const SkySheetOffer  *offer,
                     gpointer             user_data,
                     GError             **error)
{
  GString *dates = user_data;

  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *p = g_ptr_array_index (offer->prices, i);
      g_string_append_printf (dates, "%s %s %s %s\n", offer->sku, p->unit, p->term,
                              p->effective_date);
    }
  return TRUE;
}

/* A price may give its own effective date, later than the sheet's too; one that is not a date
 * is refused where it stands. */
static void
test_price_effective_date (void)
{
  static const char * const bad[] = { "2026-02-30", "2026-3-1", "01/03/2026", "2026-03-01T00:00",
                                      "" };
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *text = small_sheet_with ("term=\"on-demand\" amount=\"0.0960\"",
                                            "term=\"on-demand\" amount=\"0.0960\" "
                                            "effective-date=\"2026-03-01\"");
  g_autofree char *path = g_build_filename (dir, "dated.xml", NULL);
  g_autoptr(GString) dates = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SkySheetSink sink = { .offer = collect_price_dates };

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (sky_sheet_read_file (path, &sink, dates, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Only the price that gives one has a date of its own; the sheet's is 2026-01-01. */
  g_assert_true (g_str_has_prefix (dates->str, "std-2-us hour on-demand 2026-03-01\n"
                                               "std-2-us hour spot \n"));
  g_assert_nonnull (strstr (dates->str, "egress-us gb on-demand \n"));

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *to = g_strdup_printf ("term=\"on-demand\" amount=\"0.0960\" "
                                             "effective-date=\"%s\"", bad[i]);
      g_autofree char *name = g_strdup_printf ("bad-date-%" G_GSIZE_FORMAT ".xml", i);
      g_autofree char *bad_text = small_sheet_with ("term=\"on-demand\" amount=\"0.0960\"", to);
      g_autofree char *bad_path = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GError) bad_error = read_text (dir, name, bad_text, -1, &bad_path);

      g_test_message ("%s", bad_error->message);
      g_assert_error (bad_error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_INVALID_VALUE);
      expected = g_strdup_printf ("%s:13:59: effective-date “%s” of <price> is not a date "
                                  "(YYYY-MM-DD)", bad_path, bad[i]);
      g_assert_cmpstr (bad_error->message, ==, expected);
    }
  sky_test_remove_tree (dir);
}

/* A sheet of one compute service whose offers, from line 7 on, are @offers; read with
 * describe_attributes(). Its path is set in @path_out. */
static gboolean
read_offers (const char  *offers,
             GPtrArray   *seen,
             char       **path_out,
             GError     **error);

static gboolean
describe_attributes (const SkySheetOffer  *offer,
                     gpointer              user_data,
                     GError              **error)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s architecture=%s tenancy=%s licence=%s software=%s "
                          "capacity=%s", offer->sku, OR_NONE (offer->architecture),
                          offer->tenancy, offer->licence, OR_NONE (offer->software),
                          offer->capacity);
  for (guint i = 0; i < offer->prices->len; i++)
    {
      const SkySheetPrice *price = g_ptr_array_index (offer->prices, i);

      g_string_append_printf (out, " | %s %s %" G_GINT64_FORMAT, price->term, price->unit,
                              price->amount);
    }
  g_ptr_array_add (user_data, g_string_free (out, FALSE));
  return TRUE;
}

static gboolean
read_offers (const char  *offers,
             GPtrArray   *seen,
             char       **path_out,
             GError     **error)
{
  g_autofree char *sheet = g_strdup_printf (
    "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
    "<provider id=\"p\" name=\"P\"/>\n"
    "<sheet version=\"1\" effective-date=\"2026-01-01\" currency=\"USD\"/>\n"
    "<source retrieved=\"2026-01-02\">Test.</source>\n"
    "<region code=\"r\" name=\"R\" geography=\"EU\"/>\n"
    "<service id=\"s\" name=\"S\" category=\"compute\">\n"
    "%s\n"
    "</service></price-sheet>\n", offers);
  SkySheetSink sink = { .offer = describe_attributes };
  int fd = g_file_open_tmp ("attributes-XXXXXX.xml", path_out, error);

  g_assert_no_error (*error);
  close (fd);
  g_assert_true (g_file_set_contents (*path_out, sheet, -1, NULL));
  return sky_sheet_read_file (*path_out, &sink, seen, NULL, NULL, NULL, NULL, error);
}

/* Reading @offers fails with @code at line @line, column @column, saying @message. */
static void
assert_offers_refused (const char *offers,
                       int         code,
                       int         line,
                       int         column,
                       const char *message)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;

  g_assert_false (read_offers (offers, seen, &path, &error));
  g_assert_error (error, SKY_SHEET_ERROR, code);
  g_test_message ("%s", error->message);
  prefix = g_strdup_printf ("%s:%d:%d: ", path, line, column);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, message));
  g_unlink (path);
}

/* An offer's architecture, tenancy, licence, pre-installed software and capacity status, each
 * the default row's when the sheet does not say; software "none" is none. */
static void
test_offer_attributes (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (read_offers (
    "<offer sku=\"all\" name=\"All\" region=\"r\" architecture=\"arm64\" tenancy=\"host\" "
    "licence=\"byol\" software=\"sql-enterprise\" capacity=\"unused-reservation\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"1.5\"/></offer>\n"
    "<offer sku=\"bare\" name=\"Bare\" region=\"r\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"0.5\"/></offer>\n"
    "<offer sku=\"said\" name=\"Said\" region=\"r\" architecture=\"x86-64\" tenancy=\"shared\" "
    "licence=\"included\" software=\"none\" capacity=\"used\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"0.5\"/></offer>\n"
    "<offer sku=\"dedicated\" name=\"Dedicated\" region=\"r\" tenancy=\"dedicated\" "
    "capacity=\"allocated-host\" software=\"sql-web\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"0.7\"/></offer>",
    seen, &path, &error));
  g_assert_no_error (error);
  g_unlink (path);

  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (seen->pdata[0], ==,
                   "all architecture=arm64 tenancy=host licence=byol software=sql-enterprise "
                   "capacity=unused-reservation | on-demand hour 15000000000");
  /* Nothing said is the default row, of no stated architecture; and nothing of the offer
   * before shows in it. */
  g_assert_cmpstr (seen->pdata[1], ==,
                   "bare architecture=none tenancy=shared licence=included software=none "
                   "capacity=used | on-demand hour 5000000000");
  g_assert_cmpstr (seen->pdata[2], ==,
                   "said architecture=x86-64 tenancy=shared licence=included software=none "
                   "capacity=used | on-demand hour 5000000000");
  g_assert_cmpstr (seen->pdata[3], ==,
                   "dedicated architecture=none tenancy=dedicated licence=included "
                   "software=sql-web capacity=allocated-host | on-demand hour 7000000000");
}

/* A value an attribute does not take is refused where it stands. */
static void
test_offer_attributes_refused (void)
{
  static const struct
  {
    const char *attribute;
    const char *message;
  } cases[] = {
    { "architecture=\"x86_64\"", "unknown architecture “x86_64” in <offer>" },
    { "tenancy=\"private\"", "unknown tenancy “private” in <offer>" },
    { "licence=\"own\"", "unknown licence “own” in <offer>" },
    { "capacity=\"spare\"", "unknown capacity “spare” in <offer>" },
    { "software=\"SQL Web\"", "software “SQL Web” of <offer> is not an identifier" },
    { "license=\"byol\"", "<offer> has an unknown attribute “license”" },
  };
  const char *start = "<offer sku=\"vm\" name=\"VM\" region=\"r\" ";

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *offer = g_strdup_printf ("%s%s><price unit=\"hour\" term=\"on-demand\" "
                                                "amount=\"1\"/></offer>", start,
                                                cases[i].attribute);

      assert_offers_refused (offer, i + 1 < G_N_ELEMENTS (cases)
                                    ? SKY_SHEET_ERROR_INVALID_VALUE
                                    : SKY_SHEET_ERROR_UNKNOWN_ATTRIBUTE,
                             7, strlen (start) + 1, cases[i].message);
    }
}

/* A standard and a convertible reservation of the same unit, years and payment are two
 * purchase options side by side; two of either are still refused. */
static void
test_convertible (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (read_offers (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">"
    "<price unit=\"hour\" term=\"reserved\" years=\"1\" amount=\"0.06\"/>"
    "<price unit=\"hour\" term=\"reserved\" offering-class=\"convertible\" years=\"1\" "
    "amount=\"0.07\"/>"
    "<price unit=\"hour\" term=\"reserved\" offering-class=\"standard\" years=\"3\" "
    "upfront=\"all\" upfront-fee=\"1000\" amount=\"0\"/>"
    "<price unit=\"hour\" term=\"reserved\" offering-class=\"convertible\" years=\"3\" "
    "upfront=\"partial\" upfront-fee=\"600\" amount=\"0.03\"/>"
    "</offer>", seen, &path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (seen->pdata[0], ==,
                   "vm architecture=none tenancy=shared licence=included software=none "
                   "capacity=used | reserved-1y-no-upfront hour 600000000 "
                   "| reserved-convertible-1y-no-upfront hour 700000000 "
                   "| reserved-3y-all-upfront hour 0 "
                   "| reserved-convertible-3y-partial-upfront hour 300000000");

  assert_offers_refused (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">"
    "<price unit=\"hour\" term=\"reserved\" offering-class=\"convertible\" years=\"1\" "
    "amount=\"0.07\"/>\n"
    "<price unit=\"hour\" term=\"reserved\" offering-class=\"convertible\" years=\"1\" "
    "amount=\"0.08\"/></offer>",
    SKY_SHEET_ERROR_DUPLICATE, 8, 1,
    "offer “vm” has two reserved-convertible-1y-no-upfront prices per hour");
  assert_offers_refused (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">\n"
    "<price unit=\"hour\" term=\"savings-plan\" years=\"1\" offering-class=\"convertible\" "
    "amount=\"0.07\"/></offer>",
    SKY_SHEET_ERROR_INVALID_VALUE, 8, 50, "“offering-class” is only for reserved prices");
  assert_offers_refused (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">\n"
    "<price unit=\"hour\" term=\"on-demand\" offering-class=\"standard\" amount=\"0.07\"/>"
    "</offer>",
    SKY_SHEET_ERROR_INVALID_VALUE, 8, 37, "“offering-class” is only for reserved prices");
  assert_offers_refused (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">\n"
    "<price unit=\"hour\" term=\"reserved\" years=\"1\" offering-class=\"flexible\" "
    "amount=\"0.07\"/></offer>",
    SKY_SHEET_ERROR_INVALID_VALUE, 8, 46,
    "unknown offering-class “flexible”: use standard or convertible");
}

/* A dev/test price is a purchase option of its own, with no commitment. */
static void
test_dev_test (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (read_offers (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">"
    "<price unit=\"hour\" term=\"on-demand\" amount=\"0.2\"/>"
    "<price unit=\"hour\" term=\"dev-test\" amount=\"0.12\"/>"
    "</offer>", seen, &path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_nonnull (strstr (seen->pdata[0], "| on-demand hour 2000000000 "
                                            "| dev-test hour 1200000000"));

  assert_offers_refused (
    "<offer sku=\"vm\" name=\"VM\" region=\"r\">\n"
    "<price unit=\"hour\" term=\"dev-test\" years=\"1\" amount=\"0.07\"/></offer>",
    SKY_SHEET_ERROR_INVALID_VALUE, 8, 36, "“years” is only for reserved and savings-plan prices");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sky_sheet_reader_init ();

  g_test_add_func ("/sky/sheet-reader/valid", test_valid_sheet);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].file, strlen (bad_cases[i].file) - 4);
      g_autofree char *test_path = g_strconcat ("/sky/sheet-reader/bad/", name, NULL);
      g_test_add_data_func (test_path, &bad_cases[i], test_bad_sheet);
    }
  g_test_add_func ("/sky/sheet-reader/bad/duplicate-sku", test_duplicate_sku_location);
  g_test_add_func ("/sky/sheet-reader/short-name", test_short_name);
  g_test_add_func ("/sky/sheet-reader/short-name/absent", test_short_name_absent);
  g_test_add_func ("/sky/sheet-reader/short-name/refused", test_short_name_refused);
  g_test_add_func ("/sky/sheet-reader/missing-file", test_missing_file);
  g_test_add_func ("/sky/sheet-reader/special-files", test_special_files);
  g_test_add_func ("/sky/sheet-reader/empty-file", test_empty_file);
  g_test_add_func ("/sky/sheet-reader/entity-located", test_entity_located);
  g_test_add_func ("/sky/sheet-reader/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/sky/sheet-reader/hostile/long-text", test_long_text);
  g_test_add_func ("/sky/sheet-reader/hostile/long-source", test_long_source);
  g_test_add_func ("/sky/sheet-reader/hostile/long-names-and-values",
                   test_long_names_and_values);
  g_test_add_func ("/sky/sheet-reader/cancelled", test_cancelled);
  g_test_add_func ("/sky/sheet-reader/checksum-of-long-sheet", test_checksum_of_long_sheet);
  g_test_add_func ("/sky/sheet-reader/progress", test_progress);
  g_test_add_func ("/sky/sheet-reader/terms", test_terms);
  g_test_add_func ("/sky/sheet-reader/offers-one-by-one", test_offers_one_by_one);
  g_test_add_func ("/sky/sheet-reader/years", test_years);
  g_test_add_func ("/sky/sheet-reader/service-ids", test_service_ids);
  g_test_add_func ("/sky/sheet-reader/bundled-service-ids", test_bundled_service_ids);
  g_test_add_func ("/sky/sheet-reader/offer-attributes", test_offer_attributes);
  g_test_add_func ("/sky/sheet-reader/offer-attributes/refused", test_offer_attributes_refused);
  g_test_add_func ("/sky/sheet-reader/convertible", test_convertible);
  g_test_add_func ("/sky/sheet-reader/dev-test", test_dev_test);
  g_test_add_func ("/sky/sheet-reader/usage-discount-and-cap", test_usage_discount_and_cap);
  for (gsize i = 0; i < G_N_ELEMENTS (rules_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/sky/sheet-reader/bad/rules/%s",
                                                    rules_cases[i].name);
      g_test_add_data_func (test_path, &rules_cases[i], test_rules_refused);
    }

  g_test_add_func ("/sky/sheet-reader/price-effective-date", test_price_effective_date);
  g_test_add_func ("/sky/sheet-reader/gzip", test_gzip_sheet);
  g_test_add_func ("/sky/sheet-reader/gzip/bad", test_gzip_bad);
  return g_test_run ();
}
