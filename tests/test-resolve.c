/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-resolve.h"
#include "sky-scenario.h"
#include "sky-catalog-test-util.h"
#include "sky-vocabulary.h"
#include "sky-test-util.h"

/* Resolving, the catalog's part of pricing: which offer and price each line of
 * tests/data/web.skytally uses on valid-small.xml (Example Cloud, USD) and other-small.xml
 * (Other Cloud, EUR, 10 % off, 1.1 USD/EUR), handed on as numbers. */

typedef SkyCatalogFixture Fixture;

static SkyResolvedProvider *
resolve (Fixture    *f,
         const char *provider)
{
  g_autoptr(GError) error = NULL;
  SkyResolvedProvider *p = sky_resolve_provider (f->catalog, f->scenario, provider, FALSE,
                                                 &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static SkyResolvedLine *
line_of (SkyResolvedProvider *p,
         guint                i)
{
  return g_ptr_array_index (p->lines, i);
}

#define ASSERT_DEC(value, expected) G_STMT_START {                         \
    g_autofree char *t_ = sky_decimal_to_string (sky_decimal_normalize (value)); \
    g_assert_cmpstr (t_, ==, (expected));                                   \
  } G_STMT_END

/* Each line's offer and price, in numbers; the two egress lines share one slot. */
static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SkyResolvedProvider) p = resolve (f, "examplecloud");
  SkyResolvedLine *l;

  g_assert_cmpstr (p->provider_name, ==, "Example Cloud");
  /* valid-small.xml gives no short name: the name stands for it. */
  g_assert_cmpstr (p->provider_short_name, ==, "Example Cloud");
  g_assert_cmpstr (p->sheet_version, ==, "2026.1");
  g_assert_cmpuint (p->lines->len, ==, 5);

  l = line_of (p, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (l->offer->sku, ==, "std-2-us");
  g_assert_cmpstr (l->terms.unit, ==, "hour");
  g_assert_cmpstr (l->terms.currency, ==, "USD");
  ASSERT_DEC (l->terms.amount, "0.096");
  g_assert_cmpuint (l->terms.term_months, ==, 0);
  g_assert_false (l->terms.committed);
  g_assert_false (l->terms.has_rate);
  g_assert_false (l->terms.has_discount);

  /* Egress: 100 free, three tiers; both lines count their units together. */
  l = line_of (p, 1);
  g_assert_cmpstr (l->offer->sku, ==, "egress-us");
  ASSERT_DEC (l->terms.free_units, "100");
  g_assert_cmpuint (l->terms.tiers->len, ==, 3);
  ASSERT_DEC (g_array_index (l->terms.tiers, SkyPriceTier, 1).from, "10240");
  ASSERT_DEC (g_array_index (l->terms.tiers, SkyPriceTier, 1).to, "51200");
  ASSERT_DEC (g_array_index (l->terms.tiers, SkyPriceTier, 1).amount, "0.085");
  g_assert_false (g_array_index (l->terms.tiers, SkyPriceTier, 2).has_to);
  g_assert_cmpuint (line_of (p, 2)->terms.slot, ==, l->terms.slot);
  g_assert_cmpuint (line_of (p, 0)->terms.slot, !=, l->terms.slot);

  /* The reserved worker: a one-year hourly commitment, its fee, and the same offer on demand
   * for its break-even. */
  l = line_of (p, 3);
  g_assert_cmpuint (l->terms.term_months, ==, 12);
  g_assert_true (l->terms.committed);
  g_assert_true (l->terms.has_upfront_fee);
  ASSERT_DEC (l->terms.upfront_fee, "259");
  ASSERT_DEC (l->terms.amount, "0.0296");
  g_assert_true (l->terms.has_on_demand);
  ASSERT_DEC (l->terms.on_demand, "0.096");
}

/* With compute-only-2026.3.xml, a newer sheet of Example Cloud's compute service only, each
 * line is priced from its own service's sheet: the API servers from 2026.3 (0.08), egress from
 * 2026.1, which stays current for it. A scenario pins a version per service: the compute
 * service pinned to 2026.1 prices its lines there while egress moves on with the catalog;
 * egress pinned while compute is not leaves compute on its current sheet; the earlier form
 * pins every service. Each line's offer says which sheet it came from. */
static void
test_pinned_per_service (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SkyResolvedProvider) now = NULL;
  g_autoptr(SkyResolvedProvider) compute_pinned = NULL;
  g_autoptr(SkyResolvedProvider) egress_pinned = NULL;
  g_autoptr(SkyResolvedProvider) all_pinned = NULL;

  sky_test_import (f->catalog, "compute-only-2026.3.xml");

  now = resolve (f, "examplecloud");
  g_assert_cmpstr (line_of (now, 0)->offer->sheet_version, ==, "2026.3");
  ASSERT_DEC (line_of (now, 0)->terms.amount, "0.08");
  g_assert_cmpstr (line_of (now, 1)->offer->sku, ==, "egress-us");
  g_assert_cmpstr (line_of (now, 1)->offer->sheet_version, ==, "2026.1");
  g_assert_cmpint (line_of (now, 1)->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (line_of (now, 4)->offer->sheet_version, ==, "2026.1");
  /* The newer sheet has no reservation of std-2: the line names why. */
  g_assert_cmpstr (line_of (now, 3)->offer->sheet_version, ==, "2026.3");
  g_assert_cmpint (line_of (now, 3)->status, ==, SKY_LINE_NOT_PRICED);
  /* Lines of two sheets: the provider's is the newest current one. */
  g_assert_cmpstr (now->sheet_version, ==, "2026.3");

  sky_scenario_set_service_version (f->scenario, "examplecloud", "vm", "2026.1");
  compute_pinned = resolve (f, "examplecloud");
  g_assert_cmpstr (line_of (compute_pinned, 0)->offer->sheet_version, ==, "2026.1");
  ASSERT_DEC (line_of (compute_pinned, 0)->terms.amount, "0.096");
  g_assert_cmpstr (line_of (compute_pinned, 3)->offer->sheet_version, ==, "2026.1");
  g_assert_cmpint (line_of (compute_pinned, 3)->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (line_of (compute_pinned, 1)->offer->sheet_version, ==, "2026.1");
  g_assert_cmpstr (compute_pinned->sheet_version, ==, "2026.1");

  sky_scenario_set_sheet_version (f->scenario, "examplecloud", NULL);
  sky_scenario_set_service_version (f->scenario, "examplecloud", "egress", "2026.1");
  egress_pinned = resolve (f, "examplecloud");
  g_assert_cmpstr (line_of (egress_pinned, 0)->offer->sheet_version, ==, "2026.3");
  ASSERT_DEC (line_of (egress_pinned, 0)->terms.amount, "0.08");
  g_assert_cmpstr (line_of (egress_pinned, 1)->offer->sheet_version, ==, "2026.1");

  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "2026.1");
  all_pinned = resolve (f, "examplecloud");
  for (guint i = 0; i < all_pinned->lines->len; i++)
    g_assert_cmpstr (line_of (all_pinned, i)->offer->sheet_version, ==, "2026.1");
  ASSERT_DEC (line_of (all_pinned, 0)->terms.amount, "0.096");
}

/* A version pinned for one service that the catalog no longer holds is refused, as a version
 * pinned for the whole provider is. */
static void
test_pinned_service_missing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SkyResolvedProvider *p;

  sky_scenario_set_service_version (f->scenario, "examplecloud", "vm", "1999.1");
  p = sky_resolve_provider (f->catalog, f->scenario, "examplecloud", FALSE, &error);
  g_assert_null (p);
  g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "Example Cloud 1999.1"));
}

/* Another currency brings the scenario's pinned rate and the provider's discount; without a
 * rate the line is not priced, though its price was found, and says why. */
static void
test_rate_and_discount (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SkyResolvedProvider) p = resolve (f, "othercloud");
  g_autoptr(SkyResolvedProvider) q = NULL;
  SkyResolvedLine *l = line_of (p, 0);

  g_assert_cmpstr (p->provider_name, ==, "Other Cloud");
  g_assert_cmpstr (p->provider_short_name, ==, "Other");
  g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (l->terms.currency, ==, "EUR");
  g_assert_true (l->terms.has_rate);
  ASSERT_DEC (l->terms.rate, "1.1");
  g_assert_cmpstr (l->terms.rate_date, ==, "2026-11-01");
  g_assert_true (l->terms.has_discount);
  ASSERT_DEC (l->terms.discount, "10");
  /* An offer of another provider, and a category this one lacks. */
  g_assert_cmpint (line_of (p, 3)->status, ==, SKY_LINE_NO_MATCH);
  g_assert_cmpstr (line_of (p, 3)->reason, ==, "the line names an offer of Example Cloud "
                                               "(std-2-us)");
  g_assert_cmpint (line_of (p, 4)->status, ==, SKY_LINE_NO_MATCH);
  g_assert_null (line_of (p, 4)->offer);

  g_ptr_array_set_size (f->scenario->rates, 0);
  q = resolve (f, "othercloud");
  l = line_of (q, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_true (l->has_terms);
  g_assert_nonnull (l->offer);
  g_assert_cmpstr (l->reason, ==, "the offer is priced in EUR and the scenario pins no exchange "
                                  "rate from EUR to USD");
}

/* A line resolved again as if bought on demand: the on-demand price of the same offer, no
 * commitment, a slot of its own (another price); an option the offer lacks is not priced. */
static void
test_other_term (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SkyResolvedProvider) p = resolve (f, "examplecloud");
  g_autoptr(GError) error = NULL;
  const SkyScenarioLine *worker = g_ptr_array_index (f->scenario->lines, 3);
  g_autoptr(SkyResolvedLine) od = sky_resolve_line (f->catalog, f->scenario, p, worker,
                                                    "on-demand", &error);
  g_autoptr(SkyResolvedLine) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (od->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (od->offer->sku, ==, "std-2-us");
  g_assert_cmpuint (od->terms.term_months, ==, 0);
  g_assert_false (od->terms.committed);
  ASSERT_DEC (od->terms.amount, "0.096");
  /* The API servers' price: the same offer and price, so the same slot. */
  g_assert_cmpuint (od->terms.slot, ==, line_of (p, 0)->terms.slot);
  g_assert_cmpuint (od->terms.slot, !=, line_of (p, 3)->terms.slot);

  none = sky_resolve_line (f->catalog, f->scenario, p, worker, "savings-plan-3y-no-upfront",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (none->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_cmpstr (none->reason, ==, "std-2 (std-2-us) has no price per Hour, Savings plan 3 yr, "
                                     "no upfront");
}

/* A line no offer meets says what it asked for in the words people read: the vocabulary's
 * titles, never its ids. */
static void
test_reason_titles (Fixture       *f,
                    gconstpointer  data)
{
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);
  static const char * const ssd[] = { "ssd", "hdd", NULL };
  g_autoptr(SkyResolvedProvider) p = NULL;
  SkyResolvedLine *l;
  static const char * const ids[] = { "compute", "rhel", "hdd", "arm64", "dedicated", "byol",
                                      "unused-reservation", "gib-hour", "reserved-1y",
                                      "in EU", "examplecloud" };

  line->label = g_strdup ("Licensed workers");
  line->category = g_strdup ("compute");
  line->min_vcpu_milli = 2000;
  line->geography = g_strdup ("EU");
  line->os = g_strdup ("rhel");
  line->storage_types = g_strdupv ((char **) ssd);
  line->architecture = g_strdup ("arm64");
  line->tenancy = g_strdup ("dedicated");
  line->licence = g_strdup ("byol");
  line->capacity = g_strdup ("unused-reservation");
  line->unit = g_strdup ("gib-hour");
  g_free (line->term);
  line->term = g_strdup ("reserved-1y-no-upfront");
  g_ptr_array_add (f->scenario->lines, line);

  p = resolve (f, "examplecloud");
  l = line_of (p, p->lines->len - 1);
  g_test_message ("%s", l->reason);
  g_assert_cmpint (l->status, ==, SKY_LINE_NO_MATCH);
  g_assert_nonnull (strstr (l->reason, "no offer of Example Cloud 2026.1 meets the requirement "
                                       "(Compute, ≥ 2 vCPU, in Europe, Red Hat Enterprise Linux, "
                                       "SSD or Hard disk, Arm64, Dedicated instance, Bring your "
                                       "own licence, capacity: Unused reservation, priced per "
                                       "GiB-hour, Reserved 1 yr, no upfront): "));
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_null (strstr (l->reason, ids[i]));
}

/* Which providers, and the errors of none and of a sheet the catalog lacks; a provider with no
 * sheet at all resolves every line as unmatched. */
static void
test_providers (Fixture       *f,
                gconstpointer  data)
{
  static const char * const only[] = { "othercloud", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sky_resolve_providers (f->scenario, NULL, &error);
  g_autoptr(GPtrArray) given = sky_resolve_providers (f->scenario, only, &error);
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(SkyResolvedProvider) nowhere = NULL;
  SkyResolvedProvider *missing;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (list, 1), ==, "othercloud");
  g_assert_cmpuint (given->len, ==, 1);

  g_ptr_array_set_size (f->scenario->providers, 0);
  empty = sky_resolve_providers (f->scenario, NULL, &error);
  g_assert_null (empty);
  g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_PROVIDER);
  g_clear_error (&error);

  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "1999.1");
  missing = sky_resolve_provider (f->catalog, f->scenario, "examplecloud", FALSE, &error);
  g_assert_null (missing);
  g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_SHEET);
  g_clear_error (&error);

  nowhere = resolve (f, "nocloud");
  g_assert_null (nowhere->sheet_version);
  g_assert_cmpstr (line_of (nowhere, 0)->reason, ==, "the catalog has no price sheet of nocloud");
}

static void
test_term_months (void)
{
  g_assert_cmpuint (sky_term_months ("on-demand"), ==, 0);
  g_assert_cmpuint (sky_term_months ("spot"), ==, 0);
  g_assert_cmpuint (sky_term_months ("reserved-1y-partial-upfront"), ==, 12);
  g_assert_cmpuint (sky_term_months ("savings-plan-3y-no-upfront"), ==, 36);
  g_assert_cmpuint (sky_term_months (NULL), ==, 0);
}

#define ASSERT_SAME_DEC(a, b) g_assert_cmpint (sky_decimal_compare ((a), (b)), ==, 0)

/* @a and @b resolved to the same offer, price and numbers. */
static void
assert_same_line (const SkyResolvedLine *a,
                  const SkyResolvedLine *b)
{
  const SkyPriceTerms *x = &a->terms, *y = &b->terms;

  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_true ((a->offer == NULL) == (b->offer == NULL));
  if (a->offer != NULL)
    {
      g_assert_cmpint (a->offer->offer_id, ==, b->offer->offer_id);
      g_assert_cmpstr (a->offer->sku, ==, b->offer->sku);
      g_assert_cmpstr (a->offer->sheet_version, ==, b->offer->sheet_version);
      g_assert_cmpstr (a->offer->region_name, ==, b->offer->region_name);
      g_assert_cmpuint (a->offer->prices->len, ==, b->offer->prices->len);
      g_assert_cmpuint (a->offer->features->len, ==, b->offer->features->len);
    }
  g_assert_cmpuint (a->price_index, ==, b->price_index);
  g_assert_cmpint (a->has_terms, ==, b->has_terms);
  if (!a->has_terms)
    return;
  g_assert_cmpstr (x->unit, ==, y->unit);
  g_assert_cmpstr (x->line_unit, ==, y->line_unit);
  g_assert_cmpstr (x->currency, ==, y->currency);
  g_assert_cmpstr (x->price_date, ==, y->price_date);
  ASSERT_SAME_DEC (x->amount, y->amount);
  g_assert_cmpuint (x->tiers->len, ==, y->tiers->len);
  for (guint i = 0; i < x->tiers->len; i++)
    {
      const SkyPriceTier *s = &g_array_index (x->tiers, SkyPriceTier, i);
      const SkyPriceTier *t = &g_array_index (y->tiers, SkyPriceTier, i);

      ASSERT_SAME_DEC (s->from, t->from);
      ASSERT_SAME_DEC (s->to, t->to);
      g_assert_cmpint (s->has_to, ==, t->has_to);
      ASSERT_SAME_DEC (s->amount, t->amount);
    }
  ASSERT_SAME_DEC (x->free_units, y->free_units);
  g_assert_cmpint (x->has_upfront_fee, ==, y->has_upfront_fee);
  ASSERT_SAME_DEC (x->upfront_fee, y->upfront_fee);
  g_assert_cmpuint (x->term_months, ==, y->term_months);
  g_assert_cmpint (x->committed, ==, y->committed);
  g_assert_cmpint (x->has_discount, ==, y->has_discount);
  ASSERT_SAME_DEC (x->discount, y->discount);
  g_assert_cmpint (x->has_rate, ==, y->has_rate);
  ASSERT_SAME_DEC (x->rate, y->rate);
  g_assert_cmpstr (x->rate_date, ==, y->rate_date);
  g_assert_cmpint (x->has_on_demand, ==, y->has_on_demand);
  ASSERT_SAME_DEC (x->on_demand, y->on_demand);
  g_assert_cmpint (x->has_monthly_cap, ==, y->has_monthly_cap);
  ASSERT_SAME_DEC (x->monthly_cap, y->monthly_cap);
  g_assert_cmpstr (x->usage_discount, ==, y->usage_discount);
  g_assert_true ((x->usage_bands == NULL) == (y->usage_bands == NULL));
  g_assert_cmpint (x->has_components, ==, y->has_components);
  ASSERT_SAME_DEC (x->vcpus, y->vcpus);
  ASSERT_SAME_DEC (x->vcpu_price, y->vcpu_price);
  ASSERT_SAME_DEC (x->memory_gib, y->memory_gib);
  ASSERT_SAME_DEC (x->gib_price, y->gib_price);
  g_assert_cmpint (x->dev_test, ==, y->dev_test);
}

/* Lines that ask the same are searched for once: in a scenario that repeats each line of
 * web.skytally three times (other labels and quantities; the third time the servers in a
 * commitment), every line resolves to what the same line resolved alone finds, and lines of
 * one price of one offer share its slot. */
static void
test_repeated_lines (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const providers[] = { "examplecloud", "othercloud" };
  g_autoptr(SkyScenario) s = sky_scenario_copy (f->scenario);
  guint n = f->scenario->lines->len;

  for (guint round = 1; round <= 3; round++)
    for (guint i = 0; i < n; i++)
      {
        SkyScenarioLine *l = sky_scenario_line_copy (g_ptr_array_index (f->scenario->lines, i));

        g_free (l->label);
        l->label = g_strdup_printf ("Copy %u of line %u", round, i + 1);
        l->quantity = sky_decimal_from_int (round + 1);
        if (round == 3 && l->kind == SKY_LINE_REQUIREMENT && g_strcmp0 (l->unit, "hour") == 0)
          {
            g_free (l->term);
            l->term = g_strdup ("reserved-1y-no-upfront");
          }
        g_ptr_array_add (s->lines, l);
      }

  for (gsize k = 0; k < G_N_ELEMENTS (providers); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyResolvedProvider) all = sky_resolve_provider (f->catalog, s, providers[k],
                                                                 FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (all->lines->len, ==, 4 * n);
      /* One search for each distinct line: the four of web.skytally (its two egress lines ask
       * the same) and the servers in a commitment. */
      g_assert_cmpuint (g_hash_table_size (all->resolved), ==, 5);
      for (guint i = 0; i < all->lines->len; i++)
        {
          g_autoptr(SkyScenario) one = sky_scenario_copy (s);
          g_autoptr(SkyResolvedProvider) alone = NULL;
          SkyResolvedLine *l = line_of (all, i);

          g_ptr_array_set_size (one->lines, 0);
          g_ptr_array_add (one->lines, sky_scenario_line_copy (g_ptr_array_index (s->lines, i)));
          alone = sky_resolve_provider (f->catalog, one, providers[k], FALSE, &error);
          g_assert_no_error (error);
          assert_same_line (l, line_of (alone, 0));
          for (guint j = 0; j < i; j++)
            if (l->has_terms && line_of (all, j)->has_terms &&
                line_of (all, j)->offer->offer_id == l->offer->offer_id &&
                line_of (all, j)->price_index == l->price_index)
              g_assert_cmpuint (line_of (all, j)->terms.slot, ==, l->terms.slot);
        }
    }
}

/* Lines that ask the same share the one line their provider keeps, and so its offer; the
 * offers can be taken, each once, to outlive the provider. */
static void
test_shared_offers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_copy (f->scenario);
  g_autoptr(SkyResolvedProvider) p = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n = f->scenario->lines->len;

  for (guint i = 0; i < n; i++)
    {
      SkyScenarioLine *l = sky_scenario_line_copy (g_ptr_array_index (f->scenario->lines, i));

      g_free (l->label);
      l->label = g_strdup_printf ("Copy of line %u", i + 1);
      l->quantity = sky_decimal_from_int (7);
      g_ptr_array_add (s->lines, l);
    }
  p = sky_resolve_provider (f->catalog, s, "examplecloud", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->lines->len, ==, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (line_of (p, i) == line_of (p, n + i));
      if (line_of (p, i)->offer != NULL && !g_ptr_array_find (found, line_of (p, i)->offer, NULL))
        g_ptr_array_add (found, line_of (p, i)->offer);
    }
  g_assert_cmpuint (found->len, >, 0);

  offers = sky_resolved_provider_take_offers (p);
  g_assert_cmpuint (offers->len, ==, found->len);
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_ptr_array_find (offers, g_ptr_array_index (found, i), NULL));
  for (guint i = 0; i < p->lines->len; i++)
    g_assert_null (line_of (p, i)->offer);
  g_clear_pointer (&p, sky_resolved_provider_free);
  /* The offers outlive their provider. */
  for (guint i = 0; i < offers->len; i++)
    g_assert_nonnull (((SkyOfferDetails *) g_ptr_array_index (offers, i))->sku);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/resolve/" name, Fixture, NULL, sky_catalog_fixture_setup_web, func, \
              sky_catalog_fixture_teardown)
  ADD ("lines", test_lines);
  ADD ("rate-and-discount", test_rate_and_discount);
  ADD ("other-term", test_other_term);
  ADD ("providers", test_providers);
  ADD ("pinned-per-service", test_pinned_per_service);
  ADD ("pinned-service-missing", test_pinned_service_missing);
  ADD ("repeated-lines", test_repeated_lines);
  ADD ("shared-offers", test_shared_offers);
  ADD ("reason-titles", test_reason_titles);
#undef ADD
  g_test_add_func ("/sky/resolve/term-months", test_term_months);

  return g_test_run ();
}
