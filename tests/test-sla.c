/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-sla.h"
#include "sky-test-util.h"
#include "sky-vocabulary.h"

static SkySlaTable *
load_small (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sla", "small.xml", NULL);
  g_autoptr(GError) error = NULL;
  SkySlaTable *table = sky_sla_table_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Every field of an entry is read, its source resolved, its billing told. */
static void
test_read (void)
{
  g_autoptr(SkySlaTable) table = load_small ();
  const SkySla *sla;
  g_autofree char *source = NULL;

  g_assert_cmpuint (sky_sla_table_size (table), ==, 6);
  sla = sky_sla_table_lookup (table, "examplecloud", "vm", "zones");
  g_assert_nonnull (sla);
  g_assert_cmpstr (sla->percent, ==, "99.99");
  g_assert_cmpstr (sla->condition, ==, "Two or more instances across zones");
  g_assert_cmpstr (sla->source, ==, "Example SLA");
  g_assert_cmpstr (sla->url, ==, "https://example.com/sla");
  g_assert_cmpstr (sla->date, ==, "2025-06-01");
  g_assert_cmpstr (sla->note, ==, "Written for the tests.");
  g_assert_cmpint (sla->billing, ==, SKY_SLA_BILLED_SINGLE);
  g_assert_cmpuint (sla->copies, ==, 1);
  source = sky_sla_describe_source (sla);
  g_assert_cmpstr (source, ==, "Example SLA (https://example.com/sla), as of 2025-06-01");

  sla = sky_sla_table_lookup (table, "examplecloud", "db", "standby-zone");
  g_assert_cmpint (sla->billing, ==, SKY_SLA_BILLED_OFFERS);
  g_assert_cmpstr (sla->feature_key, ==, "deployment");
  g_assert_cmpstr (sla->feature_value, ==, "Multi-zone & standby");
  g_assert_null (sla->condition);

  sla = sky_sla_table_lookup (table, "examplecloud", "db", "standby-same-zone");
  g_assert_cmpint (sla->billing, ==, SKY_SLA_BILLED_COPIES);
  g_assert_cmpuint (sla->copies, ==, 2);

  g_assert_null (sky_sla_table_lookup (table, "examplecloud", "db", "single"));
  g_assert_null (sky_sla_table_lookup (table, "othercloud", "vm", "zones"));
}

/* A service's entries come in the vocabulary's order of deployments, not the file's. */
static void
test_for_service (void)
{
  g_autoptr(SkySlaTable) table = load_small ();
  g_autoptr(GPtrArray) vm = sky_sla_table_for_service (table, "examplecloud", "vm");
  g_autoptr(GPtrArray) db = sky_sla_table_for_service (table, "examplecloud", "db");
  g_autoptr(GPtrArray) none = sky_sla_table_for_service (table, "examplecloud", "egress");

  g_assert_cmpuint (vm->len, ==, 2);
  g_assert_cmpstr (((SkySla *) g_ptr_array_index (vm, 0))->deployment, ==, "single");
  g_assert_cmpstr (((SkySla *) g_ptr_array_index (vm, 1))->deployment, ==, "zones");
  g_assert_cmpuint (db->len, ==, 2);
  g_assert_cmpstr (((SkySla *) g_ptr_array_index (db, 0))->deployment, ==, "standby-same-zone");
  g_assert_cmpstr (((SkySla *) g_ptr_array_index (db, 1))->deployment, ==, "standby-zone");
  g_assert_cmpuint (none->len, ==, 0);
}

/* The table wins where it speaks of an offer's deployment; the sheet's figure is the single
 * deployment's where it is silent (an entry for other storage types is silent); nothing
 * applies to another deployment the table does not name. */
static void
test_offer_sla_for (void)
{
  g_autoptr(SkySlaTable) table = load_small ();
  SkyOfferDetails offer = { .provider = (char *) "examplecloud", .service = (char *) "vm",
                            .sla = (char *) "99.99" };
  const SkySla *entry = NULL;
  g_autofree char *single = NULL, *zones = NULL, *standby = NULL;
  g_autofree char *standard = NULL, *cool = NULL, *archive = NULL, *none = NULL;

  single = sky_offer_sla_for (table, &offer, NULL, &entry);
  g_assert_cmpstr (single, ==, "99.5");
  g_assert_nonnull (entry);
  zones = sky_offer_sla_for (table, &offer, "zones", &entry);
  g_assert_cmpstr (zones, ==, "99.99");
  standby = sky_offer_sla_for (table, &offer, "standby-zone", &entry);
  g_assert_null (standby);
  g_assert_null (entry);

  offer.service = (char *) "objects";
  offer.sla = (char *) "98.5";
  offer.storage_type = (char *) "object-standard";
  standard = sky_offer_sla_for (table, &offer, "single", &entry);
  g_assert_cmpstr (standard, ==, "99.9");
  offer.storage_type = (char *) "object-cold";
  cool = sky_offer_sla_for (table, &offer, "single", &entry);
  g_assert_cmpstr (cool, ==, "99");
  offer.storage_type = (char *) "object-archive";
  archive = sky_offer_sla_for (table, &offer, "single", &entry);
  g_assert_cmpstr (archive, ==, "98.5");
  g_assert_null (entry);
  offer.sla = NULL;
  none = sky_offer_sla_for (table, &offer, "single", &entry);
  g_assert_null (none);
}

/* Bad input is refused with the file, line and column of what is wrong, and nothing outside
 * the file is read. */
static void
test_errors (void)
{
  static const struct
  {
    const char *body;
    int         code;
    const char *message;
  } cases[] = {
    { "<sla provider=\"a\" service=\"b\" deployment=\"moon\" percent=\"99\" source=\"p\">"
      "<billed-as-single/></sla>", SKY_SLA_ERROR_INVALID,
      "t:3:31: unknown deployment “moon” in <sla>" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"100\" source=\"p\">"
      "<billed-as-single/></sla>", SKY_SLA_ERROR_INVALID, "t:3:51: percent of <sla>" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"99.1234567\" "
      "source=\"p\"><billed-as-single/></sla>", SKY_SLA_ERROR_INVALID, "t:3:51: percent of" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"99\" source=\"q\">"
      "<billed-as-single/></sla>", SKY_SLA_ERROR_INVALID,
      "t:3:64: source “q” of <sla> is not a <source>" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"99\" source=\"p\"/>",
      SKY_SLA_ERROR_INVALID, "t:3:1: an <sla> says how it is billed" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"99\" source=\"p\">"
      "<billed-as-copies copies=\"7\"/></sla>", SKY_SLA_ERROR_INVALID,
      "t:3:93: copies of <billed-as-copies> is 2 or 3" },
    { "<sla provider=\"a\" service=\"b\" deployment=\"single\" percent=\"99\" source=\"p\">"
      "<billed-as-single/></sla>\n<sla provider=\"a\" service=\"b\" deployment=\"single\" "
      "percent=\"98\" source=\"p\"><billed-as-single/></sla>", SKY_SLA_ERROR_INVALID,
      "t:4:1: a second <sla> of a b deployed as single" },
    { "<sla provider=\"A\" service=\"b\" deployment=\"single\" percent=\"99\" source=\"p\">"
      "<billed-as-single/></sla>", SKY_SLA_ERROR_INVALID, "t:3:6: provider of <sla>" },
    { "<rule/>", SKY_SLA_ERROR_INVALID, "t:3:1: unexpected <rule> in <slas>" },
    { "<sla provider=\"a\" colour=\"b\"/>", SKY_SLA_ERROR_INVALID,
      "t:3:19: unknown attribute “colour” in <sla>" },
    { "<sla", SKY_SLA_ERROR_MALFORMED, "t:4:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "<slas xmlns=\"urn:skytally:sla:1\" format=\"1\">\n"
        "<source id=\"p\" title=\"Page\" url=\"https://example.com\" date=\"2025-06-01\"/>\n"
        "%s\n</slas>\n", cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(SkySlaTable) table = sky_sla_table_parse (text, strlen (text), "t", &error);

      g_test_message ("%s", text);
      g_assert_null (table);
      g_assert_error (error, SKY_SLA_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* No document type, so no entity that expands without end or reads another file. */
static void
test_doctype_refused (void)
{
  static const char text[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE slas [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
    "<slas xmlns=\"urn:skytally:sla:1\" format=\"1\">&x;</slas>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkySlaTable) table = sky_sla_table_parse (text, strlen (text), "t", &error);

  g_assert_null (table);
  g_assert_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "t:2:1: "));
}

/* The bundled table reads (SKYTALLY_SLA_FILE names it in the tests), speaks only of services
 * and deployments the vocabulary knows, and holds the figures the issue was priced on. */
static void
test_bundled (void)
{
  SkySlaTable *table = sky_sla_table_get_default ();
  static const struct
  {
    const char *provider, *service, *deployment, *percent;
  } known[] = {
    { "aws", "ec2", "single", "99.5" }, { "aws", "ec2", "zones", "99.99" },
    { "aws", "rds-postgres", "standby-zone", "99.95" },
    { "azure", "virtual-machines", "fault-domains", "99.95" },
    { "azure", "postgresql-flexible", "standby-zone", "99.99" },
    { "gcp", "compute-engine", "zones", "99.99" },
    { "gcp", "cloud-sql-postgres", "standby-zone", "99.95" },
    { "digitalocean", "droplets", "single", "99.99" },
  };

  g_assert_cmpstr (sky_sla_table_default_path (), ==, g_getenv ("SKYTALLY_SLA_FILE"));
  g_assert_cmpuint (sky_sla_table_size (table), >, 10);
  for (guint i = 0; i < sky_sla_table_size (table); i++)
    {
      const SkySla *sla = sky_sla_table_nth (table, i);

      g_test_message ("%s %s %s", sla->provider, sla->service, sla->deployment);
      g_assert_nonnull (sky_service_lookup (sla->provider, sla->service));
      g_assert_nonnull (sky_vocabulary_lookup (SKY_VOCABULARY_DEPLOYMENT, sla->deployment));
      g_assert_nonnull (strstr (sla->note, "not checked against a file"));
      g_assert_cmpstr (sla->date, ==, "2025-06-01");
    }
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const SkySla *sla = sky_sla_table_lookup (table, known[i].provider, known[i].service,
                                                known[i].deployment);
      g_assert_nonnull (sla);
      g_assert_cmpstr (sla->percent, ==, known[i].percent);
    }
  g_assert_cmpint (sky_sla_table_lookup (table, "azure", "postgresql-flexible",
                                         "standby-zone")->billing, ==, SKY_SLA_BILLED_COPIES);
  g_assert_cmpstr (sky_sla_table_lookup (table, "aws", "rds-postgres",
                                         "standby-zone")->feature_value, ==,
                   "Multi-AZ (one standby)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/sla/read", test_read);
  g_test_add_func ("/sky/sla/for-service", test_for_service);
  g_test_add_func ("/sky/sla/offer-sla-for", test_offer_sla_for);
  g_test_add_func ("/sky/sla/errors", test_errors);
  g_test_add_func ("/sky/sla/doctype-refused", test_doctype_refused);
  g_test_add_func ("/sky/sla/bundled", test_bundled);

  return g_test_run ();
}
