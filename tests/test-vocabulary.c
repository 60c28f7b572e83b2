/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "sky-catalog-private.h"
#include "sky-vocabulary.h"

typedef struct
{
  const char *id;
  guint       code;
} Pinned;

/* Every code the catalog may have stored. A code never changes: a catalog written by any
 * earlier version holds these numbers. New entries are added here with their new codes; no
 * line is ever edited or removed. */
static const Pinned pinned_purchase_options[] = {
  { "on-demand", 0 }, { "spot", 1 },
  { "reserved-1y-no-upfront", 2 }, { "reserved-1y-partial-upfront", 3 },
  { "reserved-1y-all-upfront", 4 }, { "reserved-3y-no-upfront", 5 },
  { "reserved-3y-partial-upfront", 6 }, { "reserved-3y-all-upfront", 7 },
  { "savings-plan-1y-no-upfront", 8 }, { "savings-plan-1y-partial-upfront", 9 },
  { "savings-plan-1y-all-upfront", 10 }, { "savings-plan-3y-no-upfront", 11 },
  { "savings-plan-3y-partial-upfront", 12 }, { "savings-plan-3y-all-upfront", 13 },
  { "reserved-convertible-1y-no-upfront", 14 }, { "reserved-convertible-1y-partial-upfront", 15 },
  { "reserved-convertible-1y-all-upfront", 16 }, { "reserved-convertible-3y-no-upfront", 17 },
  { "reserved-convertible-3y-partial-upfront", 18 }, { "reserved-convertible-3y-all-upfront", 19 },
  { "dev-test", 20 },
};

static const Pinned pinned_units[] = {
  { "hour", 0 }, { "second", 1 }, { "month", 2 }, { "gb", 3 }, { "gb-month", 4 },
  { "gb-second", 5 }, { "gib-hour", 6 }, { "vcpu-hour", 7 }, { "request", 8 },
  { "1k-requests", 9 }, { "10k-requests", 10 }, { "million-requests", 11 },
  { "iops-month", 12 }, { "mibps-month", 13 }, { "gib", 14 }, { "tb", 15 }, { "tib", 16 },
  { "minute", 17 }, { "day", 18 }, { "gib-month", 19 }, { "tb-month", 20 }, { "tib-month", 21 },
  { "gib-second", 22 }, { "vcpu-second", 23 }, { "gb-hour", 24 }, { "100-seconds", 25 },
  { "year", 26 },
};

static const Pinned pinned_geographies[] = {
  { "US", 0 }, { "CA", 1 }, { "SA", 2 }, { "EU", 3 }, { "ME", 4 }, { "AF", 5 }, { "APAC", 6 },
  { "GLOBAL", 7 },
};

static const Pinned pinned_categories[] = {
  { "compute", 0 }, { "storage", 1 }, { "database", 2 }, { "network", 3 }, { "serverless", 4 },
  { "containers", 5 }, { "analytics", 6 }, { "ai", 7 }, { "other", 8 },
};

static const Pinned pinned_operating_systems[] = {
  { "linux", 0 }, { "windows", 1 }, { "rhel", 2 }, { "sles", 3 },
};

static const Pinned pinned_purchase_classes[] = {
  { "on-demand", SKY_PURCHASE_ON_DEMAND }, { "spot", SKY_PURCHASE_SPOT },
  { "reserved", SKY_PURCHASE_RESERVATION }, { "savings-plan", SKY_PURCHASE_SAVINGS_PLAN },
  { "dev-test", 4 },
};

static const Pinned pinned_upfronts[] = {
  { "none", SKY_UPFRONT_NONE }, { "partial", SKY_UPFRONT_PARTIAL }, { "all", SKY_UPFRONT_ALL },
};

static const Pinned pinned_architectures[] = {
  { "x86-64", 0 }, { "arm64", 1 },
};

static const Pinned pinned_tenancies[] = {
  { "shared", 0 }, { "dedicated", 1 }, { "host", 2 },
};

static const Pinned pinned_licences[] = {
  { "included", 0 }, { "byol", 1 },
};

static const Pinned pinned_capacities[] = {
  { "used", 0 }, { "unused-reservation", 1 }, { "allocated-reservation", 2 },
  { "allocated-host", 3 },
};

static const Pinned pinned_engines[] = {
  { "postgresql", 0 }, { "mysql", 1 }, { "mariadb", 2 }, { "sql-server", 3 }, { "oracle", 4 },
};

static const Pinned pinned_storage_types[] = {
  { "ssd", 0 }, { "nvme", 1 }, { "hdd", 2 }, { "snapshot", 3 }, { "object-standard", 4 },
  { "object-hot", 5 }, { "object-standard-ia", 6 }, { "object-cool", 7 },
  { "object-nearline", 8 }, { "object-cold", 9 }, { "object-coldline", 10 },
  { "object-dra", 11 }, { "object-glacier-flexible", 12 }, { "object-archive", 13 },
  { "object-glacier-deep-archive", 14 },
};

static const Pinned pinned_deployments[] = {
  { "single", SKY_DEPLOYMENT_SINGLE }, { "fault-domains", 1 }, { "zones", 2 },
  { "standby-same-zone", 3 }, { "standby-zone", 4 },
};

static const struct
{
  const Pinned *pinned;
  guint         n;
} pinned[SKY_N_VOCABULARIES] = {
#define PINNED(array) { array, G_N_ELEMENTS (array) }
  [SKY_VOCABULARY_PURCHASE_OPTION] = PINNED (pinned_purchase_options),
  [SKY_VOCABULARY_UNIT] = PINNED (pinned_units),
  [SKY_VOCABULARY_GEOGRAPHY] = PINNED (pinned_geographies),
  [SKY_VOCABULARY_CATEGORY] = PINNED (pinned_categories),
  [SKY_VOCABULARY_OPERATING_SYSTEM] = PINNED (pinned_operating_systems),
  [SKY_VOCABULARY_PURCHASE_CLASS] = PINNED (pinned_purchase_classes),
  [SKY_VOCABULARY_UPFRONT] = PINNED (pinned_upfronts),
  [SKY_VOCABULARY_ARCHITECTURE] = PINNED (pinned_architectures),
  [SKY_VOCABULARY_TENANCY] = PINNED (pinned_tenancies),
  [SKY_VOCABULARY_LICENCE] = PINNED (pinned_licences),
  [SKY_VOCABULARY_CAPACITY] = PINNED (pinned_capacities),
  [SKY_VOCABULARY_ENGINE] = PINNED (pinned_engines),
  [SKY_VOCABULARY_STORAGE_TYPE] = PINNED (pinned_storage_types),
  [SKY_VOCABULARY_DEPLOYMENT] = PINNED (pinned_deployments),
#undef PINNED
};

/* Each pinned id has its pinned code, found both ways; every entry of every table is pinned. */
static void
test_codes_pinned (void)
{
  for (SkyVocabulary v = 0; v < SKY_N_VOCABULARIES; v++)
    {
      g_assert_nonnull (pinned[v].pinned);
      for (guint i = 0; i < pinned[v].n; i++)
        {
          const Pinned *p = &pinned[v].pinned[i];
          const SkyWord *word = sky_vocabulary_lookup (v, p->id);

          g_test_message ("%d: %s", v, p->id);
          g_assert_nonnull (word);
          g_assert_cmpstr (word->id, ==, p->id);
          g_assert_cmpuint (word->code, ==, p->code);
          g_assert_cmpint (sky_vocabulary_code (v, p->id), ==, (int) p->code);
          g_assert_true (sky_vocabulary_lookup_code (v, p->code) == word);
        }
      for (guint i = 0; i < sky_vocabulary_size (v); i++)
        {
          const SkyWord *word = sky_vocabulary_nth (v, i);
          gboolean found = FALSE;

          for (guint k = 0; k < pinned[v].n; k++)
            found |= strcmp (pinned[v].pinned[k].id, word->id) == 0;
          g_test_message ("%d: %s", v, word->id);
          g_assert_true (found);
        }
      g_assert_cmpuint (sky_vocabulary_size (v), ==, pinned[v].n);
    }
}

/* Within a table, no two entries share an id or a code; each has a title. */
static void
test_codes_unique (void)
{
  for (SkyVocabulary v = 0; v < SKY_N_VOCABULARIES; v++)
    for (guint i = 0; i < sky_vocabulary_size (v); i++)
      {
        const SkyWord *a = sky_vocabulary_nth (v, i);

        g_assert_nonnull (a->title);
        g_assert_cmpstr (a->title, !=, "");
        for (guint k = i + 1; k < sky_vocabulary_size (v); k++)
          {
            const SkyWord *b = sky_vocabulary_nth (v, k);

            g_assert_cmpstr (a->id, !=, b->id);
            g_assert_cmpuint (a->code, !=, b->code);
          }
      }
}

/* Every code fits the price table's key: a geography and a category in 5 bits each, and an
 * offer's prices, one per purchase option and unit at most, numbered in 10 bits. */
static void
test_codes_fit_the_price_key (void)
{
  guint terms = sky_vocabulary_code_limit (SKY_VOCABULARY_PURCHASE_OPTION);
  guint units = sky_vocabulary_code_limit (SKY_VOCABULARY_UNIT);

  g_assert_cmpuint (sky_vocabulary_code_limit (SKY_VOCABULARY_GEOGRAPHY), <=, 32);
  g_assert_cmpuint (sky_vocabulary_code_limit (SKY_VOCABULARY_CATEGORY), <=, 32);
  g_assert_cmpuint (terms * units, <=, 1024);
  /* An offer's tenancy, licence and capacity in four bits each of a price's variant. */
  g_assert_cmpuint (sky_vocabulary_code_limit (SKY_VOCABULARY_TENANCY), <=, 16);
  g_assert_cmpuint (sky_vocabulary_code_limit (SKY_VOCABULARY_LICENCE), <=, 16);
  g_assert_cmpuint (sky_vocabulary_code_limit (SKY_VOCABULARY_CAPACITY), <=, 16);
  g_assert_cmpint (PRICE_VARIANT (0, 0, 0, 0), ==, 0);
  g_assert_cmpint (PRICE_VARIANT (2, 1, 3, 5), ==, 2 | 1 << 4 | 3 << 8 | 5 << 12);
  /* The first entry of each is the default row's, code 0. */
  g_assert_cmpstr (sky_vocabulary_lookup_code (SKY_VOCABULARY_TENANCY, 0)->id, ==, "shared");
  g_assert_cmpstr (sky_vocabulary_lookup_code (SKY_VOCABULARY_LICENCE, 0)->id, ==, "included");
  g_assert_cmpstr (sky_vocabulary_lookup_code (SKY_VOCABULARY_CAPACITY, 0)->id, ==, "used");

  /* The key gives each part back. */
  for (guint t = 0; t < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); t++)
    for (guint g = 0; g < sky_vocabulary_size (SKY_VOCABULARY_GEOGRAPHY); g++)
      for (guint c = 0; c < sky_vocabulary_size (SKY_VOCABULARY_CATEGORY); c++)
        {
          guint tc = sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, t)->code;
          guint gc = sky_vocabulary_nth (SKY_VOCABULARY_GEOGRAPHY, g)->code;
          guint cc = sky_vocabulary_nth (SKY_VOCABULARY_CATEGORY, c)->code;
          gint64 bucket = PRICE_BUCKET (tc, gc, cc);

          g_assert_cmpint (PRICE_BUCKET_TERM (bucket), ==, tc);
          g_assert_cmpint (PRICE_BUCKET_GEOGRAPHY (bucket), ==, gc);
          g_assert_cmpint (PRICE_BUCKET_CATEGORY (bucket), ==, cc);
        }
  /* The catalog's SQL counts on the unit hour's code. */
  g_assert_cmpint (sky_vocabulary_code (SKY_VOCABULARY_UNIT, "hour"), ==, 0);
}

/* Lookups of what is not there find nothing. */
static void
test_lookup_unknown (void)
{
  g_assert_null (sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, "reserved-2y-no-upfront"));
  g_assert_null (sky_vocabulary_lookup (SKY_VOCABULARY_UNIT, "HOUR"));
  g_assert_null (sky_vocabulary_lookup (SKY_VOCABULARY_GEOGRAPHY, NULL));
  g_assert_cmpint (sky_vocabulary_code (SKY_VOCABULARY_CATEGORY, "food"), ==, -1);
  g_assert_null (sky_vocabulary_lookup_code (SKY_VOCABULARY_GEOGRAPHY, 31));
  g_assert_null (sky_vocabulary_lookup_code (SKY_VOCABULARY_UNIT, -1));
  g_assert_null (sky_vocabulary_nth (SKY_VOCABULARY_UPFRONT, 3));
  g_assert_false (sky_term_is_known ("reserved"));
  g_assert_false (sky_term_is_known (""));
  g_assert_null (sky_unit_lookup ("gibibyte"));
  g_assert_false (sky_unit_is_known ("gibibyte"));
  g_assert_false (sky_unit_is_known ("GiB"));
  g_assert_true (sky_unit_is_known ("gb"));
  /* GiB, TB and TiB are priced, like the units the providers' lists are written in. */
  g_assert_true (sky_unit_is_known ("tib"));
  g_assert_true (sky_unit_is_known ("gib-month"));
  g_assert_true (sky_unit_is_known ("day"));
}

/* The lists of ids follow the tables' order; units are those that are priced. */
static void
test_id_lists (void)
{
  const char * const *units = sky_units ();
  guint n = 0;
  g_autofree char *upfronts = sky_vocabulary_describe (SKY_VOCABULARY_UPFRONT);
  g_autofree char *geographies = sky_vocabulary_describe (SKY_VOCABULARY_GEOGRAPHY);

  g_assert_cmpuint (g_strv_length ((GStrv) sky_terms ()), ==,
                    sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION));
  for (guint i = 0; sky_terms ()[i] != NULL; i++)
    g_assert_true (sky_terms ()[i] == sky_purchase_option_nth (i)->word.id);
  g_assert_cmpstr (sky_geographies ()[6], ==, "APAC");
  g_assert_cmpstr (sky_categories ()[8], ==, "other");
  g_assert_cmpstr (sky_operating_systems ()[1], ==, "windows");

  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
    if (sky_unit_nth (i)->priced)
      g_assert_cmpstr (units[n++], ==, sky_unit_nth (i)->word.id);
  g_assert_null (units[n]);
  g_assert_cmpuint (n, ==, 27);

  g_assert_cmpstr (upfronts, ==, "none, partial or all");
  g_assert_cmpstr (geographies, ==, "US, CA, SA, EU, ME, AF, APAC or GLOBAL");
}

/* Each purchase option's class, months and upfront payment, and its id built from them. */
static void
test_purchase_option_facts (void)
{
  static const char * const classes[] = { "on-demand", "spot", "reserved", "savings-plan",
                                          "dev-test" };
  static const char * const paid[] = { "no", "partial", "all" };
  g_autofree char *reserved_years = sky_purchase_class_years (SKY_PURCHASE_RESERVATION);
  g_autofree char *spot_years = sky_purchase_class_years (SKY_PURCHASE_SPOT);

  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
    {
      const SkyPurchaseOption *o = sky_purchase_option_nth (i);
      g_autofree char *id = NULL;

      if (o->months == 0)
        {
          g_assert_true (o->purchase_class == SKY_PURCHASE_ON_DEMAND ||
                         o->purchase_class == SKY_PURCHASE_SPOT ||
                         o->purchase_class == SKY_PURCHASE_DEV_TEST);
          g_assert_cmpint (o->upfront, ==, SKY_UPFRONT_NONE);
          g_assert_false (o->convertible);
          id = g_strdup (classes[o->purchase_class]);
        }
      else
        {
          g_assert_true (o->purchase_class == SKY_PURCHASE_RESERVATION ||
                         o->purchase_class == SKY_PURCHASE_SAVINGS_PLAN);
          g_assert_cmpuint (o->months % 12, ==, 0);
          /* Only a reservation may be convertible. */
          g_assert_true (!o->convertible || o->purchase_class == SKY_PURCHASE_RESERVATION);
          id = g_strdup_printf ("%s%s-%uy-%s-upfront", classes[o->purchase_class],
                                o->convertible ? "-convertible" : "", o->months / 12,
                                paid[o->upfront]);
        }
      g_assert_cmpstr (o->word.id, ==, id);
      g_assert_cmpuint (sky_term_months (id), ==, o->months);
      g_assert_true (sky_purchase_option_find_full (o->purchase_class, o->months, o->upfront,
                                                    o->convertible) == o);
      /* Without saying so, a reservation found is a standard one. */
      if (!o->convertible)
        g_assert_true (sky_purchase_option_find (o->purchase_class, o->months, o->upfront) == o);
      g_assert_cmpstr (sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_CLASS,
                                           o->purchase_class)->id, ==,
                       classes[o->purchase_class]);
    }

  g_assert_cmpuint (sky_term_months ("on-demand"), ==, 0);
  g_assert_cmpuint (sky_term_months ("spot"), ==, 0);
  g_assert_cmpuint (sky_term_months ("reserved-1y-all-upfront"), ==, 12);
  g_assert_cmpuint (sky_term_months ("reserved-3y-partial-upfront"), ==, 36);
  g_assert_cmpuint (sky_term_months ("savings-plan-1y-no-upfront"), ==, 12);
  g_assert_cmpuint (sky_term_months ("savings-plan-3y-all-upfront"), ==, 36);
  g_assert_cmpuint (sky_term_months ("reserved-3y"), ==, 0);
  g_assert_cmpuint (sky_term_months ("dev-test"), ==, 0);
  g_assert_cmpuint (sky_term_months ("reserved-convertible-3y-no-upfront"), ==, 36);
  g_assert_true (sky_purchase_option_lookup ("reserved-convertible-1y-all-upfront")->convertible);
  g_assert_false (sky_purchase_option_lookup ("reserved-1y-all-upfront")->convertible);
  g_assert_cmpstr (sky_purchase_option_find (SKY_PURCHASE_RESERVATION, 12,
                                             SKY_UPFRONT_NONE)->word.id, ==,
                   "reserved-1y-no-upfront");
  g_assert_cmpstr (sky_purchase_option_find (SKY_PURCHASE_DEV_TEST, 0,
                                             SKY_UPFRONT_NONE)->word.id, ==, "dev-test");
  g_assert_cmpuint (sky_term_months (NULL), ==, 0);
  g_assert_cmpint (sky_purchase_option_lookup ("reserved-3y-all-upfront")->upfront, ==,
                   SKY_UPFRONT_ALL);
  g_assert_cmpint (sky_purchase_option_lookup ("savings-plan-1y-partial-upfront")->upfront, ==,
                   SKY_UPFRONT_PARTIAL);
  g_assert_cmpint (sky_purchase_option_lookup ("spot")->purchase_class, ==, SKY_PURCHASE_SPOT);
  g_assert_null (sky_purchase_option_find (SKY_PURCHASE_RESERVATION, 24, SKY_UPFRONT_NONE));
  /* Each of a class's years once, in the table's order, the last after "or": today "1 or 3". */
  {
    g_auto(GStrv) listed = g_regex_split_simple ("(?:, | or )", reserved_years, 0, 0);
    g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
      {
        const SkyPurchaseOption *o = sky_purchase_option_nth (i);
        g_autofree char *y = g_strdup_printf ("%u", o->months / 12);

        if (o->purchase_class == SKY_PURCHASE_RESERVATION &&
            !g_ptr_array_find_with_equal_func (years, y, g_str_equal, NULL))
          g_ptr_array_add (years, g_steal_pointer (&y));
      }
    g_assert_cmpuint (g_strv_length (listed), ==, years->len);
    for (guint i = 0; i < years->len; i++)
      g_assert_cmpstr (listed[i], ==, g_ptr_array_index (years, i));
    g_assert_cmpstr (listed[0], ==, "1");
    g_assert_nonnull (strstr (reserved_years, " or "));
  }
  g_assert_cmpstr (spot_years, ==, "");
}

/* Each category's offers are compared by a priced unit: hour unless they are priced by data. */
static void
test_category_default_unit (void)
{
  g_assert_cmpstr (sky_category_default_unit ("compute"), ==, "hour");
  g_assert_cmpstr (sky_category_default_unit ("storage"), ==, "gb-month");
  g_assert_cmpstr (sky_category_default_unit ("network"), ==, "gb");
  g_assert_cmpstr (sky_category_default_unit ("serverless"), ==, "gb-second");
  g_assert_cmpstr (sky_category_default_unit ("database"), ==, "hour");
  g_assert_cmpstr (sky_category_default_unit ("food"), ==, "hour");
  g_assert_cmpstr (sky_category_default_unit (NULL), ==, "hour");
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_CATEGORY); i++)
    {
      const char *unit = sky_category_default_unit (sky_categories ()[i]);

      g_test_message ("%s: %s", sky_categories ()[i], unit);
      g_assert_true (sky_unit_is_known (unit));
    }
}

static SkyDecimal
dec (const char *text)
{
  SkyDecimal d;
  g_autoptr(GError) error = NULL;

  g_assert_true (sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, TRUE, &d, &error));
  g_assert_no_error (error);
  return d;
}

static void
assert_converts (const char  *value,
                 const char  *from,
                 const char  *to,
                 guint        scale,
                 SkyRounding  rounding,
                 const char  *expected)
{
  SkyDecimal out;

  g_assert_true (sky_unit_convert (dec (value), sky_unit_lookup (from), sky_unit_lookup (to),
                                   scale, rounding, &out));
  g_assert_cmpuint (out.scale, ==, scale);
  if (sky_decimal_compare (out, dec (expected)) != 0)
    {
      g_autofree char *got = sky_decimal_to_string (out);

      g_error ("%s %s in %s: %s, not %s", value, from, to, got, expected);
    }
}

/* Units of a dimension convert exactly, when the digits allow it. */
static void
test_unit_convert_exact (void)
{
  /* GB and GiB: 10^9 and 2^30 bytes. */
  assert_converts ("1", "gib", "gb", 9, SKY_ROUND_HALF_UP, "1.073741824");
  assert_converts ("1", "gb", "gib", 21, SKY_ROUND_HALF_UP, "0.931322574615478515625");
  assert_converts ("1.073741824", "gb", "gib", 0, SKY_ROUND_HALF_UP, "1");
  /* TB and TiB: 10^12 and 2^40 bytes. */
  assert_converts ("1", "tib", "tb", 12, SKY_ROUND_HALF_UP, "1.099511627776");
  assert_converts ("1.099511627776", "tb", "tib", 0, SKY_ROUND_HALF_UP, "1");
  /* 0.9094947017729282379150390625 exactly, rounded to the 20 digits asked for. */
  assert_converts ("1", "tb", "tib", 20, SKY_ROUND_HALF_UP, "0.90949470177292823792");
  assert_converts ("1", "tib", "gib", 0, SKY_ROUND_HALF_UP, "1024");
  assert_converts ("2.5", "tb", "gb", 0, SKY_ROUND_HALF_UP, "2500");
  /* Hours and seconds. */
  assert_converts ("1", "hour", "second", 0, SKY_ROUND_HALF_UP, "3600");
  assert_converts ("0.25", "hour", "second", 0, SKY_ROUND_HALF_UP, "900");
  assert_converts ("5400", "second", "hour", 1, SKY_ROUND_HALF_UP, "1.5");
  assert_converts ("1", "second", "hour", 10, SKY_ROUND_HALF_UP, "0.0002777778");
  /* Memory for a time: a GiB-hour is 2^30 × 3600 GB-seconds / 10^9. */
  assert_converts ("1", "gib-hour", "gb-second", 7, SKY_ROUND_HALF_UP, "3865.4705664");
  /* Requests. */
  assert_converts ("3", "million-requests", "1k-requests", 0, SKY_ROUND_HALF_UP, "3000");
  assert_converts ("1", "request", "10k-requests", 4, SKY_ROUND_HALF_UP, "0.0001");
  /* The units the providers' lists are written in. */
  assert_converts ("1", "day", "hour", 0, SKY_ROUND_HALF_UP, "24");
  assert_converts ("90", "minute", "hour", 1, SKY_ROUND_HALF_UP, "1.5");
  assert_converts ("1", "hour", "100-seconds", 0, SKY_ROUND_HALF_UP, "36");
  assert_converts ("1", "year", "month", 0, SKY_ROUND_HALF_UP, "12");
  assert_converts ("1", "gib-month", "gb-month", 9, SKY_ROUND_HALF_UP, "1.073741824");
  assert_converts ("1", "tib-month", "gib-month", 0, SKY_ROUND_HALF_UP, "1024");
  assert_converts ("3", "tb-month", "gb-month", 0, SKY_ROUND_HALF_UP, "3000");
  assert_converts ("1", "gib-hour", "gib-second", 0, SKY_ROUND_HALF_UP, "3600");
  assert_converts ("1", "gb-hour", "gb-second", 0, SKY_ROUND_HALF_UP, "3600");
  assert_converts ("1", "vcpu-hour", "vcpu-second", 0, SKY_ROUND_HALF_UP, "3600");
  /* A unit in itself. */
  assert_converts ("0.0000166667", "gb-second", "gb-second", 10, SKY_ROUND_HALF_UP,
                   "0.0000166667");
}

/* The figure is rounded once, at the end, by the rounding asked for: going through another
 * unit, rounded on the way, can give another figure. */
static void
test_unit_convert_rounds_once (void)
{
  SkyDecimal gib, tib, out;

  /* 574 GB is 0.52203…… TiB; through GiB rounded to 4 digits (534.5792) it would be 0.5221. */
  assert_converts ("574", "gb", "tib", 4, SKY_ROUND_HALF_UP, "0.522");
  g_assert_true (sky_unit_convert (dec ("574"), sky_unit_lookup ("gb"), sky_unit_lookup ("gib"),
                                   4, SKY_ROUND_HALF_UP, &gib));
  g_assert_true (sky_unit_convert (gib, sky_unit_lookup ("gib"), sky_unit_lookup ("tib"), 4,
                                   SKY_ROUND_HALF_UP, &tib));
  g_assert_cmpint (sky_decimal_compare (tib, dec ("0.5221")), ==, 0);

  /* A half: half up goes away from zero, half even to the even digit. */
  assert_converts ("1800", "second", "hour", 0, SKY_ROUND_HALF_UP, "1");
  assert_converts ("1800", "second", "hour", 0, SKY_ROUND_HALF_EVEN, "0");
  assert_converts ("5400", "second", "hour", 0, SKY_ROUND_HALF_EVEN, "2");
  assert_converts ("-1800", "second", "hour", 0, SKY_ROUND_HALF_UP, "-1");

  /* Units of other dimensions do not convert. */
  g_assert_false (sky_unit_convert (dec ("1"), sky_unit_lookup ("gb"),
                                    sky_unit_lookup ("gb-month"), 2, SKY_ROUND_HALF_UP, &out));
  g_assert_false (sky_unit_convert (dec ("1"), sky_unit_lookup ("hour"),
                                    sky_unit_lookup ("month"), 2, SKY_ROUND_HALF_UP, &out));
  g_assert_false (sky_unit_convert (dec ("1"), sky_unit_lookup ("day"),
                                    sky_unit_lookup ("year"), 2, SKY_ROUND_HALF_UP, &out));
  g_assert_false (sky_unit_convert (dec ("1"), sky_unit_lookup ("gib-month"),
                                    sky_unit_lookup ("gib-hour"), 2, SKY_ROUND_HALF_UP, &out));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The values @xpath selects in the schema @doc, sorted, NULL-terminated. */
static GStrv
schema_values (xmlDoc     *doc,
               const char *xpath)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  xmlXPathRegisterNs (context, (const xmlChar *) "r",
                      (const xmlChar *) "http://relaxng.org/ns/structure/1.0");
  result = xmlXPathEvalExpression ((const xmlChar *) xpath, context);
  g_assert_nonnull (result);
  for (int i = 0; result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (result->nodesetval->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  g_test_message ("%s: %u values", xpath, values->len - 1);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

/* @ids, sorted, in a new NULL-terminated list. */
static GStrv
sorted (const char * const *ids)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (list, g_strdup (ids[i]));
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* The values @xpath selects in @doc are @ids, in any order. */
static void
assert_schema_values (xmlDoc             *doc,
                      const char         *xpath,
                      const char * const *ids)
{
  g_auto(GStrv) values = schema_values (doc, xpath);
  g_auto(GStrv) expected = sorted (ids);
  g_autofree char *values_text = g_strjoinv (" ", values);
  g_autofree char *expected_text = g_strjoinv (" ", expected);

  g_assert_cmpstr (values_text, ==, expected_text);
}

static xmlDoc *
read_schema (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

/* The schema @doc offers the vocabulary's architectures, tenancies, licences and capacity
 * statuses, no more, no less. */
static void
assert_attribute_values (xmlDoc *doc)
{
  assert_schema_values (doc, "//r:attribute[@name='architecture']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_ARCHITECTURE));
  assert_schema_values (doc, "//r:attribute[@name='tenancy']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_TENANCY));
  assert_schema_values (doc, "//r:attribute[@name='licence']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_LICENCE));
  assert_schema_values (doc, "//r:attribute[@name='capacity']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_CAPACITY));
}

/* The price sheets' schema offers the vocabulary's units, geographies, categories, purchase
 * classes, years and upfront payments, no more, no less. */
static void
test_price_sheet_schema_agrees (void)
{
  xmlDoc *doc = read_schema ("price-sheet-1.rng");
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
    {
      const SkyPurchaseOption *o = sky_purchase_option_nth (i);
      g_autofree char *y = g_strdup_printf ("%u", o->months / 12);

      if (o->months > 0 && !g_ptr_array_find_with_equal_func (years, y, g_str_equal, NULL))
        g_ptr_array_add (years, g_steal_pointer (&y));
    }
  g_ptr_array_add (years, NULL);

  assert_schema_values (doc, "//r:attribute[@name='unit']//r:value", sky_units ());
  assert_schema_values (doc, "//r:attribute[@name='geography']//r:value", sky_geographies ());
  assert_schema_values (doc, "//r:attribute[@name='category']//r:value", sky_categories ());
  assert_schema_values (doc, "//r:attribute[@name='term']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_PURCHASE_CLASS));
  assert_schema_values (doc, "//r:attribute[@name='years']//r:value",
                        (const char * const *) years->pdata);
  assert_schema_values (doc, "//r:attribute[@name='upfront']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_UPFRONT));
  assert_attribute_values (doc);
  xmlFreeDoc (doc);
}

/* The scenarios' schema offers the vocabulary's units, geographies and categories, and its
 * pattern of purchase options takes every id. */
static void
test_scenario_schema_agrees (void)
{
  xmlDoc *doc = read_schema ("scenario-1.rng");
  g_auto(GStrv) pattern = NULL;
  g_autofree char *anchored = NULL;
  g_autoptr(GRegex) regex = NULL;

  assert_schema_values (doc, "//r:element[@name='line']/r:attribute[@name='unit']//r:value",
                        sky_units ());
  assert_schema_values (doc, "//r:attribute[@name='geography']//r:value", sky_geographies ());
  assert_schema_values (doc, "//r:attribute[@name='category']//r:value", sky_categories ());

  pattern = schema_values (doc, "//r:attribute[@name='term']//r:param[@name='pattern']");
  g_assert_cmpuint (g_strv_length (pattern), ==, 1);
  anchored = g_strdup_printf ("^(?:%s)$", pattern[0]);
  regex = g_regex_new (anchored, 0, 0, NULL);
  g_assert_nonnull (regex);
  /* Every purchase option but dev/test, which a line is not priced at itself: a scenario opts
   * in to it as a whole (dev-test="true"). */
  for (guint i = 0; sky_terms ()[i] != NULL; i++)
    {
      gboolean dev_test = sky_purchase_option_nth (i)->purchase_class == SKY_PURCHASE_DEV_TEST;

      g_test_message ("%s", sky_terms ()[i]);
      g_assert_true (g_regex_match (regex, sky_terms ()[i], 0, NULL) == !dev_test);
    }
  g_assert_false (g_regex_match (regex, "reserved-2y-no-upfront", 0, NULL));
  g_assert_false (g_regex_match (regex, "dev-test", 0, NULL));
  assert_schema_values (doc, "//r:attribute[@name='engine']//r:value",
                        sky_vocabulary_ids (SKY_VOCABULARY_ENGINE));
  assert_attribute_values (doc);
  xmlFreeDoc (doc);
}

/* The documents of both formats name every unit a price or line may be per. */
static void
test_docs_name_every_unit (void)
{
  static const char * const docs[] = { "price-sheet-format.md", "scenario-format.md" };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", docs[d], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (guint i = 0; sky_units ()[i] != NULL; i++)
        {
          g_autofree char *quoted = g_strdup_printf ("`%s`", sky_units ()[i]);

          g_test_message ("%s: %s", docs[d], quoted);
          g_assert_nonnull (strstr (text, quoted));
        }
    }
}

/* The services of the providers whose service ids are closed, with the codes the catalog may
 * store: like the tables above, lines are only ever added. */
static const struct
{
  const char *provider;
  const char *id;
  const char *category;
  guint       code;
} pinned_services[] = {
  { "aws", "ec2", "compute", 0 }, { "aws", "ebs", "storage", 1 }, { "aws", "s3", "storage", 2 },
  { "aws", "rds-postgres", "database", 3 }, { "aws", "rds-mysql", "database", 4 },
  { "aws", "data-transfer-out", "network", 5 }, { "aws", "lambda", "serverless", 6 },
  { "aws", "fargate", "containers", 7 },
  { "azure", "virtual-machines", "compute", 8 }, { "azure", "managed-disks", "storage", 9 },
  { "azure", "blob-storage", "storage", 10 }, { "azure", "postgresql-flexible", "database", 11 },
  { "azure", "postgresql-hyperscale", "database", 12 },
  { "azure", "mysql-flexible", "database", 13 }, { "azure", "sql-database", "database", 14 },
  { "azure", "bandwidth", "network", 15 }, { "azure", "functions", "serverless", 16 },
  { "gcp", "compute-engine", "compute", 17 }, { "gcp", "persistent-disk", "storage", 18 },
  { "gcp", "cloud-storage", "storage", 19 }, { "gcp", "cloud-sql-postgres", "database", 20 },
  { "gcp", "cloud-sql-mysql", "database", 21 }, { "gcp", "internet-egress", "network", 22 },
  { "gcp", "cloud-run-functions", "serverless", 23 },
  { "gcp", "kubernetes-engine", "containers", 24 },
  { "digitalocean", "droplets", "compute", 25 }, { "digitalocean", "volumes", "storage", 26 },
  { "digitalocean", "spaces", "storage", 27 },
  { "digitalocean", "managed-postgresql", "database", 28 },
  { "digitalocean", "managed-mysql", "database", 29 },
  { "digitalocean", "bandwidth", "network", 30 }, { "digitalocean", "functions", "serverless", 31 },
  { "digitalocean", "kubernetes", "containers", 32 },
};

/* Each pinned service is its provider's, in its category, with its code, found both ways;
 * every service of the table is pinned; ids are unique within a provider, codes in the table;
 * each has a title and a category of the vocabulary. */
static void
test_services_pinned (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pinned_services); i++)
    {
      const SkyService *s = sky_service_lookup (pinned_services[i].provider,
                                                pinned_services[i].id);

      g_test_message ("%s %s", pinned_services[i].provider, pinned_services[i].id);
      g_assert_nonnull (s);
      g_assert_cmpstr (s->provider, ==, pinned_services[i].provider);
      g_assert_cmpstr (s->word.id, ==, pinned_services[i].id);
      g_assert_cmpstr (s->category, ==, pinned_services[i].category);
      g_assert_cmpuint (s->word.code, ==, pinned_services[i].code);
      g_assert_true (sky_service_lookup_code (pinned_services[i].code) == s);
    }
  g_assert_cmpuint (sky_service_count (), ==, G_N_ELEMENTS (pinned_services));
  for (guint i = 0; i < sky_service_count (); i++)
    {
      const SkyService *a = sky_service_nth (i);

      g_assert_nonnull (a->word.title);
      g_assert_cmpstr (a->word.title, !=, "");
      g_assert_nonnull (sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY, a->category));
      for (guint k = i + 1; k < sky_service_count (); k++)
        {
          const SkyService *b = sky_service_nth (k);

          g_assert_cmpuint (a->word.code, !=, b->word.code);
          if (strcmp (a->provider, b->provider) == 0)
            g_assert_cmpstr (a->word.id, !=, b->word.id);
        }
    }
  g_assert_null (sky_service_nth (sky_service_count ()));
}

/* A provider the table lists has those services only; another has none listed, and writes
 * its own ids. The same id may be two providers' (bandwidth). */
static void
test_services_by_provider (void)
{
  g_autofree char *aws = sky_service_describe ("aws");
  g_autofree char *other = sky_service_describe ("examplecloud");

  g_assert_true (sky_service_provider_is_listed ("aws"));
  g_assert_true (sky_service_provider_is_listed ("digitalocean"));
  g_assert_false (sky_service_provider_is_listed ("examplecloud"));
  g_assert_null (sky_service_lookup ("aws", "droplets"));
  g_assert_null (sky_service_lookup ("examplecloud", "ec2"));
  g_assert_null (sky_service_lookup (NULL, "ec2"));
  g_assert_null (sky_service_lookup_code (-1));
  g_assert_true (sky_service_lookup ("azure", "bandwidth") !=
                 sky_service_lookup ("digitalocean", "bandwidth"));
  g_assert_cmpstr (aws, ==, "ec2, ebs, s3, rds-postgres, rds-mysql, data-transfer-out, lambda "
                            "or fargate");
  g_assert_cmpstr (other, ==, "");
}

/* docs/price-sheet-format.md lists every service: a row of provider, id and category. */
static void
test_docs_list_every_service (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs",
                                                 "price-sheet-format.md", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < sky_service_count (); i++)
    {
      const SkyService *s = sky_service_nth (i);
      g_autofree char *row = g_strdup_printf ("| `%s` | `%s` | %s |", s->provider, s->word.id,
                                              s->category);

      g_test_message ("%s", row);
      g_assert_nonnull (strstr (text, row));
    }
}

/* What people read for an id: its title from the table, the id where the table has none. */
static void
test_titles (void)
{
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_UNIT, "gib-hour"), ==, "GiB-hour");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_UNIT, "gb"), ==, "GB");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_UNIT, "1k-requests"), ==,
                   "1,000 requests");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_OPERATING_SYSTEM, "rhel"), ==,
                   "Red Hat Enterprise Linux");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_ARCHITECTURE, "arm64"), ==, "Arm64");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_OPERATING_SYSTEM, "freebsd"), ==,
                   "freebsd");
  g_assert_cmpstr (sky_vocabulary_title (SKY_VOCABULARY_UNIT, NULL), ==, "");
  /* A list of them for a sentence, an unknown id as it is. */
  {
    static const char * const types[] = { "ssd", "tape", "hdd", NULL };
    g_autofree char *joined = sky_vocabulary_join_titles (SKY_VOCABULARY_STORAGE_TYPE, types,
                                                          " or ");
    g_autofree char *none = sky_vocabulary_join_titles (SKY_VOCABULARY_STORAGE_TYPE, NULL,
                                                        " or ");

    g_assert_cmpstr (joined, ==, "SSD or tape or Hard disk");
    g_assert_cmpstr (none, ==, "");
  }
  /* Every entry of every table has a title of its own. */
  for (guint v = 0; v < SKY_N_VOCABULARIES; v++)
    for (guint i = 0; i < sky_vocabulary_size (v); i++)
      {
        const SkyWord *word = sky_vocabulary_nth (v, i);

        g_assert_cmpstr (sky_vocabulary_title (v, word->id), ==, word->title);
      }
}

/* Each database service of the table names its engine, the others none; an offer of another
 * provider's service has the engine its feature names, by id or title in any case, and the
 * table wins over a feature. */
static void
test_database_engines (void)
{
  static const struct { const char *provider, *service, *engine; } expected[] = {
    { "aws", "rds-postgres", "postgresql" }, { "aws", "rds-mysql", "mysql" },
    { "azure", "postgresql-flexible", "postgresql" },
    { "azure", "postgresql-hyperscale", "postgresql" },
    { "azure", "mysql-flexible", "mysql" }, { "azure", "sql-database", "sql-server" },
    { "gcp", "cloud-sql-postgres", "postgresql" }, { "gcp", "cloud-sql-mysql", "mysql" },
    { "digitalocean", "managed-postgresql", "postgresql" },
    { "digitalocean", "managed-mysql", "mysql" },
  };
  guint n_database = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SkyService *s = sky_service_lookup (expected[i].provider, expected[i].service);

      g_assert_nonnull (s);
      g_assert_cmpstr (s->engine, ==, expected[i].engine);
      g_assert_cmpstr (sky_offer_engine (expected[i].provider, expected[i].service, NULL), ==,
                       expected[i].engine);
    }
  for (guint i = 0; i < sky_service_count (); i++)
    {
      const SkyService *s = sky_service_nth (i);

      if (strcmp (s->category, "database") == 0)
        {
          n_database++;
          g_assert_nonnull (sky_vocabulary_lookup (SKY_VOCABULARY_ENGINE, s->engine));
        }
      else
        g_assert_null (s->engine);
    }
  g_assert_cmpuint (n_database, ==, G_N_ELEMENTS (expected));

  g_assert_cmpstr (sky_offer_engine ("aws", "rds-mysql", "PostgreSQL"), ==, "mysql");
  g_assert_cmpstr (sky_offer_engine ("acme", "db", "PostgreSQL"), ==, "postgresql");
  g_assert_cmpstr (sky_offer_engine ("acme", "db", "sql server"), ==, "sql-server");
  g_assert_cmpstr (sky_offer_engine ("acme", "db", "mysql"), ==, "mysql");
  g_assert_null (sky_offer_engine ("acme", "db", "Aurora"));
  g_assert_null (sky_offer_engine ("acme", "db", NULL));
  g_assert_cmpstr (sky_vocabulary_lookup (SKY_VOCABULARY_ENGINE, "sql-server")->title, ==,
                   "SQL Server");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sky/vocabulary/codes-pinned", test_codes_pinned);
  g_test_add_func ("/sky/vocabulary/services-pinned", test_services_pinned);
  g_test_add_func ("/sky/vocabulary/services-by-provider", test_services_by_provider);
  g_test_add_func ("/sky/vocabulary/docs-list-every-service", test_docs_list_every_service);
  g_test_add_func ("/sky/vocabulary/codes-unique", test_codes_unique);
  g_test_add_func ("/sky/vocabulary/codes-fit-the-price-key", test_codes_fit_the_price_key);
  g_test_add_func ("/sky/vocabulary/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/sky/vocabulary/titles", test_titles);
  g_test_add_func ("/sky/vocabulary/id-lists", test_id_lists);
  g_test_add_func ("/sky/vocabulary/purchase-option-facts", test_purchase_option_facts);
  g_test_add_func ("/sky/vocabulary/category-default-unit", test_category_default_unit);
  g_test_add_func ("/sky/vocabulary/unit-convert-exact", test_unit_convert_exact);
  g_test_add_func ("/sky/vocabulary/unit-convert-rounds-once", test_unit_convert_rounds_once);
  g_test_add_func ("/sky/vocabulary/price-sheet-schema-agrees", test_price_sheet_schema_agrees);
  g_test_add_func ("/sky/vocabulary/scenario-schema-agrees", test_scenario_schema_agrees);
  g_test_add_func ("/sky/vocabulary/docs-name-every-unit", test_docs_name_every_unit);
  g_test_add_func ("/sky/vocabulary/database-engines", test_database_engines);

  return g_test_run ();
}
