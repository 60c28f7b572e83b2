/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sky-catalog.h"
#include "sky-availability.h"
#include "sky-estimate.h"
#include "sky-projection.h"
#include "sky-scenario.h"
#include "sky-catalog-test-util.h"
#include "sky-test-util.h"

/* The pricing engine against tests/data/web.skytally, on valid-small.xml (Example Cloud, USD)
 * and other-small.xml (Other Cloud, EUR). Every expected figure is worked out by hand in the
 * comments beside it. */

typedef SkyCatalogFixture Fixture;

static SkyEstimate *
estimate (Fixture  *f,
          gboolean  current)
{
  g_autoptr(GError) error = NULL;
  SkyEstimate *e = sky_estimate_compute (f->catalog, f->scenario, NULL, current, &error);

  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

#define ASSERT_MONEY(e, value, expected) G_STMT_START {   \
    g_autofree char *text_ = sky_estimate_money ((e), (value)); \
    g_assert_cmpstr (text_, ==, (expected));              \
  } G_STMT_END

static SkyEstimateLine *
line_of (SkyEstimate *e,
         guint        provider,
         guint        line)
{
  SkyEstimateProvider *p = g_ptr_array_index (e->providers, provider);
  return g_ptr_array_index (p->lines, line);
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = estimate (f, FALSE);
  SkyEstimateLine *l;

  g_assert_cmpuint (e->providers->len, ==, 2);
  g_assert_cmpstr (e->currency, ==, "USD");

  /* API servers: the cheapest Linux offer with 2 vCPU or more is std-2 at 0.096 USD/hour;
   * 3 × 730 × 0.096 = 210.24. */
  l = line_of (e, 0, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (l->offer->sku, ==, "std-2-us");
  ASSERT_MONEY (e, l->monthly, "210.24");
  ASSERT_MONEY (e, l->yearly, "2522.88");
  g_assert_cmpstr (l->explanation, ==,
                   "From Example Cloud 2026.1: 3 × 730 Hour × 0.096 USD/Hour = 210.24 USD");

  /* Egress, 15000 GB: 100 GB free, then 10240 × 0.09 + 4660 × 0.085 = 921.6 + 396.1. */
  l = line_of (e, 0, 1);
  ASSERT_MONEY (e, l->monthly, "1317.70");
  g_assert_cmpstr (l->explanation, ==,
                   "From Example Cloud 2026.1: "
                   "1 × 15000 GB, 100 GB a month free = 10240 GB × 0.09 USD/GB + 4660 GB × "
                   "0.085 USD/GB = 1317.70 USD");

  /* Egress (batch), 40000 GB more of the same price: tiers count from where the first line
   * ended (billable 14900 to 54900): 36300 × 0.085 + 3700 × 0.07 = 3085.5 + 259. */
  l = line_of (e, 0, 2);
  ASSERT_MONEY (e, l->monthly, "3344.50");
  g_assert_nonnull (strstr (l->explanation, "after 15000 GB on lines above"));

  /* Reserved worker: 2 × 730 × 0.0296 = 43.216 a month; 2 × 259 upfront; effective
   * 43.216 + 518 / 12 = 86.3826…; first year 43.22 × 12 + 518; break-even, to two decimals,
   * (0.0296 × 730 + 259 / 12) / 0.096 = 449.9097… ≈ 449.91 hours. */
  l = line_of (e, 0, 3);
  g_assert_cmpuint (l->term_months, ==, 12);
  ASSERT_MONEY (e, l->monthly, "43.22");
  ASSERT_MONEY (e, l->upfront, "518.00");
  ASSERT_MONEY (e, l->effective_monthly, "86.38");
  ASSERT_MONEY (e, l->yearly, "1036.64");
  g_assert_true (l->has_break_even);
  {
    g_autofree char *hours = sky_decimal_to_string (l->break_even_hours);
    g_assert_cmpstr (hours, ==, "449.91");
  }
  /* The explanation goes on from the month to the amortised figure, the break-even and the
   * term's total: 43.22 × 12 + 518 × 1. */
  g_assert_cmpstr (l->explanation, ==,
                   "From Example Cloud 2026.1: "
                   "2 × 730 Hour (a commitment bills every hour) × 0.0296 USD/Hour = 43.216 USD "
                   "≈ 43.22 USD; upfront 2 × 259 USD = 518.00 USD, over 12 months; amortised "
                   "43.216 USD + 518.00 USD / 12 ≈ 86.38 USD a month; break-even at 449.91 hours "
                   "a month against 0.096 USD/Hour on demand; over the 12-month term, 43.22 USD "
                   "× 12 + 518.00 USD × 1 = 1036.64 USD");

  /* Jobs: 1,000,000 GB-seconds, 400,000 free: 600000 × 0.0000166667 = 10.00002. */
  l = line_of (e, 0, 4);
  ASSERT_MONEY (e, l->monthly, "10.00");
  g_assert_cmpstr (l->explanation, ==,
                   "From Example Cloud 2026.1: "
                   "1 × 1000000 GB-second, 400000 GB-second a month free = 600000 GB-second × "
                   "0.0000166667 USD/GB-second = 10.00002 USD ≈ 10.00 USD");

  /* Other Cloud, in euros, 10 % off, at 1.1 USD/EUR: 3 × 730 × 0.20 = 438; 394.2; 433.62. */
  l = line_of (e, 1, 0);
  g_assert_cmpstr (l->offer->sku, ==, "o-4");
  ASSERT_MONEY (e, l->monthly, "433.62");
  g_assert_cmpstr (l->explanation, ==,
                   "From Other Cloud 7: "
                   "3 × 730 Hour × 0.2 EUR/Hour = 438.00 EUR − 10 % = 394.20 EUR × 1.1 USD/EUR "
                   "(2026-11-01) = 433.62 USD");
  /* 50 GB free: (15000 − 50) × 0.08 = 1196; 1076.4; 1184.04. Then 40000 × 0.08 = 3200; 3168. */
  ASSERT_MONEY (e, line_of (e, 1, 1)->monthly, "1184.04");
  ASSERT_MONEY (e, line_of (e, 1, 2)->monthly, "3168.00");
  /* The reserved line names an Example Cloud offer; Other Cloud has no serverless offer. */
  l = line_of (e, 1, 3);
  g_assert_cmpint (l->status, ==, SKY_LINE_NO_MATCH);
  g_assert_nonnull (strstr (l->reason, "names an offer of Example Cloud (std-2-us)"));
  l = line_of (e, 1, 4);
  g_assert_cmpint (l->status, ==, SKY_LINE_NO_MATCH);
  g_assert_nonnull (strstr (l->reason, "no offer of Other Cloud 7 meets the requirement"));
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = estimate (f, FALSE);
  SkyEstimateProvider *p = g_ptr_array_index (e->providers, 0);
  SkyEstimateProvider *o = g_ptr_array_index (e->providers, 1);
  SkyEstimateGroup *g;
  SkyDecimal sum = sky_decimal_from_int (0);

  g_assert_cmpuint (e->term_months, ==, 12);
  /* Each provider's names, the short one the name when the sheet gives none. */
  g_assert_cmpstr (p->provider_name, ==, "Example Cloud");
  g_assert_cmpstr (p->provider_short_name, ==, "Example Cloud");
  g_assert_cmpstr (o->provider_name, ==, "Other Cloud");
  g_assert_cmpstr (o->provider_short_name, ==, "Other");
  /* 210.24 + 1317.70 + 3344.50 + 43.22 + 10.00 */
  ASSERT_MONEY (e, p->monthly, "4925.66");
  ASSERT_MONEY (e, p->effective_monthly, "4968.82");
  ASSERT_MONEY (e, p->upfront, "518.00");
  /* 2522.88 + 15812.40 + 40134.00 + 1036.64 + 120.00 */
  ASSERT_MONEY (e, p->yearly, "59625.92");
  ASSERT_MONEY (e, p->term_total, "59625.92");
  ASSERT_MONEY (e, p->credits, "100.00");
  ASSERT_MONEY (e, p->yearly_net, "59525.92");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  g_assert_cmpstr (p->sheet_version, ==, "2026.1");

  /* Groups in order of first appearance; lines without one together under "". */
  g_assert_cmpuint (p->groups->len, ==, 4);
  g = g_ptr_array_index (p->groups, 1);
  g_assert_cmpstr (g->name, ==, "Network");
  ASSERT_MONEY (e, g->monthly, "4662.20");
  g = g_ptr_array_index (p->groups, 2);
  g_assert_cmpstr (g->name, ==, "");

  /* The lines add up to the totals shown. */
  for (guint i = 0; i < p->groups->len; i++)
    sky_decimal_add (sum, ((SkyEstimateGroup *) g_ptr_array_index (p->groups, i))->monthly,
                     &sum);
  g_assert_cmpint (sky_decimal_compare (sum, p->monthly), ==, 0);

  /* 433.62 + 1184.04 + 3168.00; two lines unpriced. */
  ASSERT_MONEY (e, o->monthly, "4785.66");
  g_assert_cmpuint (o->n_unpriced, ==, 2);
}

/* A three-year commitment makes the term 36 months: one-year upfront fees are paid three
 * times, the monthly figures 36 times. */
static void
test_term (Fixture       *f,
           gconstpointer  data)
{
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_OFFER);
  g_autoptr(SkyEstimate) e = NULL;
  SkyEstimateLine *l;

  line->label = g_strdup ("Three-year worker");
  line->unit = g_strdup ("hour");
  g_free (line->term);
  line->term = g_strdup ("reserved-3y-all-upfront");
  line->provider = g_strdup ("examplecloud");
  line->sku = g_strdup ("std-2-us");
  g_ptr_array_add (f->scenario->lines, line);

  e = estimate (f, FALSE);
  g_assert_cmpuint (e->term_months, ==, 36);
  l = line_of (e, 0, 5);
  /* All upfront: nothing monthly, 1060 once; effective 1060 / 36 = 29.44. */
  ASSERT_MONEY (e, l->monthly, "0.00");
  ASSERT_MONEY (e, l->upfront, "1060.00");
  ASSERT_MONEY (e, l->effective_monthly, "29.44");
  ASSERT_MONEY (e, l->term_total, "1060.00");
  /* Break-even: (0 × 730 + 1060 / 36) / 0.096 = 306.7129… ≈ 306.71 hours. */
  g_assert_cmpstr (l->explanation, ==,
                   "From Example Cloud 2026.1: "
                   "1 × 730 Hour (a commitment bills every hour) × 0 USD/Hour = 0.00 USD; upfront "
                   "1 × 1060 USD = 1060.00 USD, over 36 months; amortised 0.00 USD + 1060.00 USD "
                   "/ 36 ≈ 29.44 USD a month; break-even at 306.71 hours a month against 0.096 "
                   "USD/Hour on demand; over the 36-month term, 0.00 USD × 36 + 1060.00 USD × 1 "
                   "= 1060.00 USD");
  /* The one-year reservation renews twice: 43.22 × 36 + 518 × 3. */
  l = line_of (e, 0, 3);
  ASSERT_MONEY (e, l->term_total, "3109.92");
  g_assert_true (g_str_has_suffix (l->explanation, "; over the 36-month term, 43.22 USD × 36 + "
                                                   "518.00 USD × 3 = 3109.92 USD"));
}

/* With a newer sheet of the compute service only, each service is recorded with the sheet its
 * lines were priced from, in the per-service form; priced again against what was recorded,
 * each line comes from the same sheet at the same figure. */
static void
test_record_per_service (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SkyEstimate) now = NULL;
  g_autoptr(SkyEstimate) again = NULL;
  g_autofree char *xml = NULL;

  sky_test_import (f->catalog, "compute-only-2026.3.xml");
  now = estimate (f, TRUE);
  /* 3 × 730 × 0.08 = 175.20. */
  ASSERT_MONEY (now, line_of (now, 0, 0)->monthly, "175.20");
  g_assert_cmpstr (line_of (now, 0, 0)->offer->sheet_version, ==, "2026.3");
  g_assert_cmpstr (line_of (now, 0, 1)->offer->sheet_version, ==, "2026.1");

  sky_estimate_record_sheets (now, f->scenario);
  g_assert_cmpstr (sky_scenario_get_service_version (f->scenario, "examplecloud", "vm"), ==,
                   "2026.3");
  g_assert_cmpstr (sky_scenario_get_service_version (f->scenario, "examplecloud", "egress"), ==,
                   "2026.1");
  g_assert_null (sky_scenario_get_sheet_version (f->scenario, "examplecloud"));
  xml = sky_scenario_to_xml (f->scenario);
  g_assert_nonnull (strstr (xml, "<sheet provider=\"examplecloud\" service=\"vm\" "
                                 "version=\"2026.3\"/>"));
  g_assert_nonnull (strstr (xml, "<sheet provider=\"examplecloud\" service=\"egress\" "
                                 "version=\"2026.1\"/>"));

  /* Priced against what was recorded, the figures are the same. */
  again = estimate (f, FALSE);
  ASSERT_MONEY (again, line_of (again, 0, 0)->monthly, "175.20");
  g_assert_cmpstr (line_of (again, 0, 1)->offer->sheet_version, ==, "2026.1");

  /* Against every service pinned to 2026.1, re-pricing names the sheets each side used. */
  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "2026.1");
  {
    g_autoptr(SkyEstimate) old = estimate (f, FALSE);
    g_autoptr(GPtrArray) changes = sky_estimate_changes (old, now, SKY_EXPLAIN_PLAIN);
    SkyEstimateChange *total = g_ptr_array_index (changes, changes->len - 1);

    ASSERT_MONEY (old, line_of (old, 0, 0)->monthly, "210.24");
    g_assert_cmpstr (total->label, ==, "Total");
    g_assert_cmpstr (total->why, ==, "Example Cloud 2026.3, 2026.1 instead of 2026.1");
  }
}

/* Re-pricing: against the sheet the scenario was priced with, or the current one. */
static void
test_sheet_versions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SkyEstimate) old = NULL;
  g_autoptr(SkyEstimate) now = NULL;
  g_autoptr(GError) error = NULL;

  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "2026.1");
  sky_test_import (f->catalog, "valid-small-2026.2.xml");

  old = estimate (f, FALSE);
  g_assert_cmpstr (((SkyEstimateProvider *) g_ptr_array_index (old->providers, 0))->sheet_version,
                   ==, "2026.1");
  ASSERT_MONEY (old, line_of (old, 0, 0)->monthly, "210.24");

  /* 2026.2: std-2 at 0.1000: 3 × 730 × 0.1 = 219. */
  now = estimate (f, TRUE);
  g_assert_cmpstr (((SkyEstimateProvider *) g_ptr_array_index (now->providers, 0))->sheet_version,
                   ==, "2026.2");
  ASSERT_MONEY (now, line_of (now, 0, 0)->monthly, "219.00");

  /* What re-pricing changes, and why: the API servers line and Example Cloud's total. */
  {
    g_autoptr(GPtrArray) changes = sky_estimate_changes (old, now, SKY_EXPLAIN_PLAIN);
    SkyEstimateChange *c;

    g_assert_cmpuint (changes->len, ==, 2);
    c = g_ptr_array_index (changes, 0);
    g_assert_cmpstr (c->label, ==, "API servers");
    g_assert_cmpstr (c->before, ==, "210.24");
    g_assert_cmpstr (c->after, ==, "219.00");
    g_assert_cmpstr (c->why, ==, "std-2-us: On demand price went from 0.096 to 0.1 USD/Hour");
    c = g_ptr_array_index (changes, 1);
    g_assert_cmpstr (c->label, ==, "Total");
    g_assert_cmpstr (c->before, ==, "4925.66");
    g_assert_cmpstr (c->after, ==, "4934.42");
    g_assert_cmpstr (c->why, ==, "Example Cloud 2026.2 instead of 2026.1");
  }
  /* For the window: the figures as it shows money, here in the C locale, which has no
   * convention for it (tests/test-window-scenario.c checks English and German): the currency's
   * minor digits and its code after each figure, the old price's too. */
  {
    g_autoptr(GPtrArray) changes = sky_estimate_changes (old, now, SKY_EXPLAIN_DISPLAY);
    SkyEstimateChange *c;

    g_assert_cmpuint (changes->len, ==, 2);
    c = g_ptr_array_index (changes, 0);
    g_assert_cmpstr (c->before, ==, "210.24 USD");
    g_assert_cmpstr (c->after, ==, "219.00 USD");
    g_assert_cmpstr (c->why, ==, "std-2-us: On demand price went from 0.096 USD/Hour to "
                                 "0.10 USD/Hour");
    c = g_ptr_array_index (changes, 1);
    g_assert_cmpstr (c->before, ==, "4925.66 USD");
    g_assert_cmpstr (c->after, ==, "4934.42 USD");
  }
  sky_estimate_record_sheets (now, f->scenario);
  g_assert_cmpstr (sky_scenario_get_sheet_version (f->scenario, "examplecloud"), ==, "2026.2");
  g_assert_cmpstr (sky_scenario_get_sheet_version (f->scenario, "othercloud"), ==, "7");

  /* Recorded per service, for the services the lines were priced from. */
  g_assert_cmpstr (sky_scenario_get_service_version (f->scenario, "examplecloud", "vm"), ==,
                   "2026.2");
  g_assert_cmpstr (sky_scenario_get_service_version (f->scenario, "examplecloud", "egress"), ==,
                   "2026.2");
  for (guint i = 0; i < f->scenario->priced_against->len; i++)
    g_assert_nonnull (((SkySheetRef *) g_ptr_array_index (f->scenario->priced_against,
                                                          i))->service);

  /* A sheet the catalog does not have is an error that says what to do. */
  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "2025.9");
  g_assert_null (sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error));
  g_assert_error (error, SKY_ESTIMATE_ERROR, SKY_ESTIMATE_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "Example Cloud 2025.9"));
  g_assert_nonnull (strstr (error->message, "removed or never imported"));
}

static SkyEstimateProvider *
provider_of (SkyEstimate *e,
             guint        provider)
{
  return g_ptr_array_index (e->providers, provider);
}

/* How old each provider's prices are: Example Cloud's sheet is as of 2026-01-01, Other Cloud's
 * as of 2026-03-01. On 2026-06-01 they are 151 and 92 days old: both older than 90 days, one
 * notice names both; three months apart, not six. On 2026-03-15 neither is stale, and with a
 * threshold of 60 days only Example Cloud (73 days) is. */
static void
test_freshness (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = estimate (f, FALSE);
  g_autofree char *line = NULL;
  SkyEstimateProvider *p;

  /* Computed against today by default, with the default threshold. */
  g_assert_nonnull (e->today);
  g_assert_cmpuint (e->stale_after_days, ==, 90);

  sky_estimate_set_freshness (e, "2026-06-01", 90);
  p = provider_of (e, 0);
  g_assert_cmpuint (p->sheets->len, ==, 1);
  g_assert_cmpstr (p->prices_as_of, ==, "2026-01-01");
  g_assert_cmpint (p->prices_age_days, ==, 151);
  g_assert_true (p->stale);
  line = sky_estimate_provider_freshness (e, p);
  g_assert_cmpstr (line, ==, "Prices as of 2026-01-01 (5 months old)");
  p = provider_of (e, 1);
  g_assert_cmpstr (p->prices_as_of, ==, "2026-03-01");
  g_assert_cmpint (p->prices_age_days, ==, 92);
  g_assert_true (p->stale);
  g_assert_cmpuint (e->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (e->notices, 0), ==,
                   "Prices more than 90 days old: Example Cloud (2026-01-01), "
                   "Other Cloud (2026-03-01)");

  sky_estimate_set_freshness (e, "2026-03-15", 90);
  g_assert_false (provider_of (e, 0)->stale);
  g_assert_false (provider_of (e, 1)->stale);
  g_assert_cmpuint (e->notices->len, ==, 0);

  /* A window's own threshold gives its own notices, leaving the estimate's as they are. */
  {
    g_autoptr(GPtrArray) notices = sky_estimate_freshness_notices (e, 60);

    g_assert_cmpuint (notices->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (notices, 0), ==,
                     "Prices more than 60 days old: Example Cloud (2026-01-01)");
    g_assert_cmpuint (e->notices->len, ==, 0);
  }

  sky_estimate_set_freshness (e, "2026-03-15", 60);
  g_assert_true (provider_of (e, 0)->stale);
  g_assert_false (provider_of (e, 1)->stale);
  g_assert_cmpuint (e->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (e->notices, 0), ==,
                   "Prices more than 60 days old: Example Cloud (2026-01-01)");

  /* Upcoming prices are not stale and have no age. */
  sky_estimate_set_freshness (e, "2025-12-01", 0);
  g_assert_false (provider_of (e, 0)->stale);
  g_assert_cmpint (provider_of (e, 0)->prices_age_days, ==, -31);
  g_assert_cmpuint (e->notices->len, ==, 0);
}

/* A provider priced from two sheets: the line that names an offer keeps its own (2026.1, as of
 * 2026-01-01) while the provider is priced against 2026.2 (2026-06-01). The oldest is its date,
 * and the line beside its totals lists both. */
static void
test_freshness_several_sheets (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = NULL;
  g_autofree char *line = NULL;
  SkyScenarioLine *worker;
  SkyEstimateProvider *p;

  sky_test_import (f->catalog, "valid-small-2026.2.xml");
  sky_scenario_set_sheet_version (f->scenario, "examplecloud", "2026.2");
  worker = g_ptr_array_index (f->scenario->lines, 3);
  g_assert_cmpstr (worker->label, ==, "Reserved worker");
  g_free (worker->sheet_version);
  worker->sheet_version = g_strdup ("2026.1");

  e = estimate (f, FALSE);
  sky_estimate_set_freshness (e, "2026-06-01", 90);
  p = provider_of (e, 0);
  g_assert_cmpuint (p->sheets->len, ==, 2);
  g_assert_cmpstr (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 0))->version, ==,
                   "2026.1");
  g_assert_true (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 0))->stale);
  g_assert_cmpstr (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 1))->version, ==,
                   "2026.2");
  g_assert_false (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 1))->stale);
  g_assert_cmpstr (p->prices_as_of, ==, "2026-01-01");
  g_assert_true (p->stale);
  line = sky_estimate_provider_freshness (e, p);
  g_assert_cmpstr (line, ==, "Prices as of 2026-01-01 (5 months old), 2026.1; "
                             "Prices as of 2026-06-01 (from today), 2026.2");
}

/* Without a pinned rate, a line priced in another currency is not priced, and says why. */
static void
test_missing_rate (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = NULL;
  SkyEstimateLine *l;

  g_ptr_array_set_size (f->scenario->rates, 0);
  e = estimate (f, FALSE);
  l = line_of (e, 1, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_cmpstr (l->reason, ==, "the offer is priced in EUR and the scenario pins no "
                                  "exchange rate from EUR to USD");
  g_assert_cmpuint (((SkyEstimateProvider *) g_ptr_array_index (e->providers, 1))->n_unpriced,
                    ==, 5);
}

/* A discount for one service wins over the provider's discount for every service. */
static void
test_service_discount (Fixture       *f,
                       gconstpointer  data)
{
  SkyDiscount *d = g_new0 (SkyDiscount, 1);
  g_autoptr(SkyEstimate) e = NULL;

  d->provider = g_strdup ("othercloud");
  d->service = g_strdup ("servers");
  sky_decimal_parse ("25", 6, FALSE, &d->percent, NULL);
  g_ptr_array_add (f->scenario->discounts, d);

  e = estimate (f, FALSE);
  /* 438 × 0.75 = 328.5 EUR × 1.1 = 361.35 USD; traffic keeps 10 %. */
  ASSERT_MONEY (e, line_of (e, 1, 0)->monthly, "361.35");
  ASSERT_MONEY (e, line_of (e, 1, 1)->monthly, "1184.04");
}

/* A catalog in a new folder (@dir, to remove) holding the bundled AWS sheet. */
static SkyCatalog *
aws_catalog (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *aws = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), "aws.xml",
                                           NULL);
  g_autoptr(SkyImportResult) imported = NULL;
  SkyCatalog *catalog;

  *dir = sky_test_make_dir ();
  db = g_build_filename (*dir, "catalog.db", NULL);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  imported = sky_catalog_import_file (catalog, aws, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return catalog;
}

/* Against the bundled AWS sheet, the example on AWS's Lambda pricing page: 512 MB, 3 million
 * requests a month, 1 second each. Compute: 3,000,000 s × 0.5 GB = 1,500,000 GB-s, less
 * 400,000 free = 1,100,000 × 0.0000166667 = 18.33337 (the page, rounding the rate to
 * 0.00001667, shows 18.34); requests: 3 − 1 free = 2 million × 0.20 = 0.40. Then the free tier
 * larger than the usage, and egress across three tiers. */
static void
test_published_examples (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = aws_catalog (&dir);
  g_autoptr(SkyScenario) s = sky_scenario_new ("Lambda", "USD");
  g_autoptr(SkyEstimate) e = NULL;
  struct { const char *label, *unit, *usage, *sku; } lines[] = {
    { "Lambda compute", "gb-second", "1500000", "lambda.x86-64.us-east-1" },
    { "Lambda requests", "million-requests", "3", "lambda.x86-64.us-east-1" },
    { "Small function", "gb-second", "300000", "lambda.x86-64.eu-west-1" },
    { "Egress", "gb", "60000", "egress.internet.us-east-1" },
  };

  g_ptr_array_add (s->providers, g_strdup ("aws"));
  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_OFFER);
      line->label = g_strdup (lines[i].label);
      line->unit = g_strdup (lines[i].unit);
      line->has_usage = TRUE;
      sky_decimal_parse (lines[i].usage, 10, FALSE, &line->usage, NULL);
      line->provider = g_strdup ("aws");
      line->sku = g_strdup (lines[i].sku);
      g_ptr_array_add (s->lines, line);
    }

  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  ASSERT_MONEY (e, line_of (e, 0, 0)->monthly, "18.33");
  ASSERT_MONEY (e, line_of (e, 0, 1)->monthly, "0.40");
  /* 300,000 GB-s with 400,000 free: nothing to pay (a free allowance per region's offer). */
  ASSERT_MONEY (e, line_of (e, 0, 2)->monthly, "0.00");
  g_assert_nonnull (strstr (line_of (e, 0, 2)->explanation, "nothing to bill"));
  /* 60,000 GB, 100 free: 10240 × 0.09 + 40960 × 0.085 + 8700 × 0.07 = 921.6 + 3481.6 + 609. */
  ASSERT_MONEY (e, line_of (e, 0, 3)->monthly, "5012.20");
  g_assert_cmpstr (line_of (e, 0, 3)->explanation, ==,
                   "From Amazon Web Services 2025.06.1: "
                   "1 × 60000 GB, 100 GB a month free = 10240 GB × 0.09 USD/GB + 40960 GB × "
                   "0.085 USD/GB + 8700 GB × 0.07 USD/GB = 5012.20 USD");
  ASSERT_MONEY (e, ((SkyEstimateProvider *) g_ptr_array_index (e->providers, 0))->monthly,
                "5030.93");

  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* On the bundled AWS sheet: three servers of 16 vCPU and 128 GiB (r6i.4xlarge and r7i.4xlarge
 * on demand) on a three-year reservation without upfront. No offer of that size, nor up to twice
 * it, has the option (the m6i, m7i and m7g sizes that have it have less memory), so the line is
 * not priced (it was priced with a 128 vCPU, 4 TiB x2iedn.32xlarge), and the reason names the
 * same size on demand and the offer past the band; a line that widens the band (max-oversize)
 * is priced with an offer within it. */
static void
test_size_band (void)
{
  static const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"RI\" currency=\"USD\">\n"
    "  <providers><provider id=\"aws\"/></providers>\n"
    "  <line label=\"API servers\" quantity=\"3\" unit=\"hour\" term=\"reserved-3y-no-upfront\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"16\" min-memory-gib=\"128\" os=\"linux\"/>\n"
    "  </line>\n"
    "  <line label=\"Wide\" quantity=\"3\" unit=\"hour\" term=\"reserved-3y-no-upfront\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"16\" min-memory-gib=\"128\" os=\"linux\" "
    "max-oversize=\"256\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = aws_catalog (&dir);
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(SkyEstimate) e = NULL;
  g_autofree char *saved = NULL;
  SkyEstimateLine *l;

  s = sky_scenario_parse (xml, strlen (xml), "band.skytally", &error);
  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);

  l = line_of (e, 0, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_NO_MATCH);
  g_assert_null (l->offer);
  g_assert_nonnull (strstr (l->reason, "none within 2 × the size asked for (16 vCPU, 128 GiB) "
                                       "is priced per Hour, Reserved 3 yr, no upfront"));
  g_assert_nonnull (strstr (l->reason, "that size is on offer on demand: "));
  g_assert_nonnull (strstr (l->reason, "the cheapest offer past the band (Reserved 3 yr, no "
                                       "upfront) is "));
  g_assert_cmpuint (((SkyEstimateProvider *) g_ptr_array_index (e->providers, 0))->n_unpriced,
                    ==, 1);

  l = line_of (e, 0, 1);
  g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
  g_assert_cmpint (l->offer->vcpu_milli, >=, 16000);
  g_assert_cmpint (l->offer->vcpu_milli, <=, 256 * 16000);
  g_assert_cmpint (l->offer->memory_mgib, <=, 256 * 128000);

  /* The band is kept when the scenario is saved. */
  saved = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (saved, " max-oversize=\"256\""));

  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* The cheapest of the providers that price every line is named by their monthly totals with
 * upfront fees spread, or, when the scenario compares by the term total, by the term's total
 * less credits: a credit that makes the dearer provider cheaper over the term changes the
 * latter only. */
static void
test_compare_by (Fixture       *f,
                 gconstpointer  data)
{
  static const char *xml =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Two\" currency=\"USD\">\n"
    "  <providers><provider id=\"examplecloud\"/><provider id=\"othercloud\"/></providers>\n"
    "  <exchange-rate from=\"EUR\" to=\"USD\" rate=\"1.1\" date=\"2026-11-01\"/>\n"
    "  <line label=\"API servers\" quantity=\"3\" unit=\"hour\" term=\"on-demand\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"2\" os=\"linux\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (xml, strlen (xml), "two", &error);
  g_autoptr(SkyEstimate) before = NULL;
  g_autoptr(SkyEstimate) by_month = NULL;
  g_autoptr(SkyEstimate) by_term = NULL;
  g_autoptr(SkyScenario) again = NULL;
  g_autofree char *saved = NULL;
  SkyEstimateProvider *cheap, *dear;
  SkyCredit *credit;
  int x;

  g_assert_no_error (error);
  g_assert_cmpint (s->compare_by, ==, SKY_COMPARE_EFFECTIVE_MONTHLY);
  before = sky_estimate_compute (f->catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  x = sky_estimate_cheapest_complete (before);
  g_assert_cmpint (x, >=, 0);
  cheap = g_ptr_array_index (before->providers, x);
  dear = g_ptr_array_index (before->providers, 1 - x);
  g_assert_true (sky_estimate_provider_complete (dear));

  /* A credit for the dearer provider, one more than the difference over the term. */
  credit = g_new0 (SkyCredit, 1);
  credit->provider = g_strdup (dear->provider);
  g_assert_true (sky_decimal_sub (dear->term_net, cheap->term_net, &credit->amount));
  g_assert_true (sky_decimal_add (credit->amount, sky_decimal_from_int (1), &credit->amount));
  g_ptr_array_add (s->credits, credit);

  by_month = sky_estimate_compute (f->catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sky_estimate_cheapest_complete (by_month), ==, x);

  s->compare_by = SKY_COMPARE_TERM_TOTAL;
  by_term = sky_estimate_compute (f->catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sky_estimate_cheapest_complete (by_term), ==, 1 - x);

  /* The choice is kept in the file. */
  saved = sky_scenario_to_xml (s);
  g_assert_nonnull (strstr (saved, " compare-by=\"term-total\""));
  again = sky_scenario_parse (saved, strlen (saved), "again", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->compare_by, ==, SKY_COMPARE_TERM_TOTAL);
}


/* Imports the bundled sheet @name into @catalog. */
static void
import_bundled (SkyCatalog *catalog,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"), name, NULL);
  g_autoptr(SkyImportResult) imported = NULL;

  imported = sky_catalog_import_file (catalog, sheet, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A catalog in a new folder (@dir, to remove) holding the bundled sheet @name. */
static SkyCatalog *
bundled_catalog (char       **dir,
                 const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  SkyCatalog *catalog;

  *dir = sky_test_make_dir ();
  db = g_build_filename (*dir, "catalog.db", NULL);
  catalog = sky_catalog_open (db, &error);
  g_assert_no_error (error);
  import_bundled (catalog, name);
  return catalog;
}

static SkyScenarioLine *
offer_line (const char *provider,
            const char *sku,
            const char *unit,
            const char *usage)
{
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_OFFER);

  line->label = g_strdup (sku);
  line->unit = g_strdup (unit);
  line->has_usage = usage != NULL;
  if (usage != NULL)
    g_assert_true (sky_decimal_parse (usage, 10, FALSE, &line->usage, NULL));
  line->provider = g_strdup (provider);
  line->sku = g_strdup (sku);
  return line;
}

/* A provider priced from one sheet per service: 2026.3 (as of 2026-03-01) is current for its
 * machines, 2026.1 (as of 2026-01-01) for the rest. Its prices are as of the oldest, and both
 * are listed. */
static void
test_freshness_per_service (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SkyEstimate) e = NULL;
  SkyEstimateProvider *p;

  sky_test_import (f->catalog, "compute-only-2026.3.xml");
  e = estimate (f, TRUE);
  sky_estimate_set_freshness (e, "2026-06-01", 100);
  p = provider_of (e, 0);
  g_assert_cmpuint (p->sheets->len, ==, 2);
  g_assert_cmpstr (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 0))->version, ==,
                   "2026.1");
  g_assert_cmpstr (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 1))->version, ==,
                   "2026.3");
  g_assert_cmpint (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 1))->age_days, ==, 92);
  g_assert_cmpstr (p->prices_as_of, ==, "2026-01-01");
  g_assert_cmpint (p->prices_age_days, ==, 151);
  g_assert_true (p->stale);
  g_assert_false (((SkyEstimateSheet *) g_ptr_array_index (p->sheets, 1))->stale);
}

/* The bundled sheets are no exception: Amazon Web Services' prices are as of 2025-06-01, Google
 * Cloud's as of 2026-07-30, more than six months apart: one notice says so. */
static void
test_freshness_apart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = bundled_catalog (&dir, "aws.xml");
  g_autoptr(SkyScenario) s = sky_scenario_new ("Apart", "USD");
  g_autoptr(SkyEstimate) e = NULL;
  g_autofree char *gcp = g_build_filename (g_getenv ("SKYTALLY_PRICESHEETS_DIR"),
                                           "gcp-pricing-yml-2026-07-30.xml.gz", NULL);
  g_autoptr(SkyImportResult) imported = sky_catalog_import_file (catalog, gcp, NULL, NULL, NULL,
                                                                 &error);

  g_assert_no_error (error);
  g_ptr_array_add (s->providers, g_strdup ("aws"));
  g_ptr_array_add (s->providers, g_strdup ("gcp"));
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  sky_estimate_set_freshness (e, "2026-08-01", 3650);
  g_assert_cmpstr (provider_of (e, 0)->prices_as_of, ==, "2025-06-01");
  g_assert_cmpstr (provider_of (e, 1)->prices_as_of, ==, "2026-07-30");
  g_assert_cmpuint (e->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (e->notices, 0), ==,
                   "The providers' prices are more than 6 months apart (2025-06-01 and "
                   "2026-07-30): they may not compare like for like");

  /* Both stale as well: two notices, the stale one first. */
  sky_estimate_set_freshness (e, "2026-12-05", 90);
  g_assert_cmpuint (e->notices->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (e->notices, 0),
                                   "Prices more than 90 days old: Amazon Web Services"));
  sky_test_remove_tree (dir);
}

/* Against the bundled Google Cloud sheets (converted from pricing.yml, and the hand-written
 * one of the services it has no prices of): an always-on n2-standard-4 in us-central1 costs
 * pricing.yml's month for it, 584.146 hours × 0.194236 = 113.462182456 (the N2 sustained-use
 * discount); half a month, 365 hours, is 182.5 + 182.5 × 0.8678 = 340.8735 hours × 0.194236 =
 * 66.209905146; an e2-standard-4 has no such discount: 730 × 0.13402284 = 97.8366732. A Cloud
 * SQL database of 2 vCPU and 8 GiB is 2 × 0.0413 + 8 × 0.007 = 0.1386 an hour, 101.178 a
 * month; named as an offer per hour, it is not priced, and says why. */
static void
test_bundled_google_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = bundled_catalog (&dir, "gcp-pricing-yml-2026-07-30.xml.gz");
  g_autoptr(SkyScenario) s = sky_scenario_new ("Rules", "USD");
  g_autoptr(SkyEstimate) e = NULL;
  SkyScenarioLine *db = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

  import_bundled (catalog, "gcp-handwritten.xml");

  g_ptr_array_add (s->providers, g_strdup ("gcp"));
  g_ptr_array_add (s->lines, offer_line ("gcp", "n2-standard-4.linux.us-central1", "hour", NULL));
  g_ptr_array_add (s->lines, offer_line ("gcp", "n2-standard-4.linux.us-central1", "hour",
                                         "365"));
  g_ptr_array_add (s->lines, offer_line ("gcp", "e2-standard-4.linux.us-central1", "hour", NULL));
  db->label = g_strdup ("database");
  db->unit = g_strdup ("hour");
  db->category = g_strdup ("database");
  db->min_vcpu_milli = 2000;
  db->min_memory_mgib = 8000;
  g_ptr_array_add (s->lines, db);
  g_ptr_array_add (s->lines, offer_line ("gcp", "cloud-sql-pg.enterprise.zonal.us-central1",
                                         "hour", NULL));

  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  ASSERT_MONEY (e, line_of (e, 0, 0)->monthly, "113.46");
  g_assert_nonnull (strstr (line_of (e, 0, 0)->explanation,
                            "usage discount n2, each: 182.5 Hour at 0 % off + 182.5 Hour at "
                            "13.22 % off + 182.5 Hour at 26.7 % off + 182.5 Hour at 40 % off = "
                            "584.146 Hour at full price"));
  ASSERT_MONEY (e, line_of (e, 0, 1)->monthly, "66.21");
  ASSERT_MONEY (e, line_of (e, 0, 2)->monthly, "97.84");
  g_assert_null (strstr (line_of (e, 0, 2)->explanation, "usage discount"));
  g_assert_cmpint (line_of (e, 0, 3)->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (line_of (e, 0, 3)->offer->sku, ==, "cloud-sql-pg.enterprise.zonal.us-central1");
  ASSERT_MONEY (e, line_of (e, 0, 3)->monthly, "101.18");
  g_assert_cmpstr (line_of (e, 0, 3)->explanation, ==,
                   "From Google Cloud 2025.06.1-handwritten: "
                   "(2 vCPU × 0.0413 USD/vCPU-hour + 8 GiB × 0.007 USD/GiB-hour = 0.1386 "
                   "USD/Hour) 1 × 730 Hour × 0.1386 USD/Hour = 101.178 USD ≈ 101.18 USD");
  g_assert_cmpint (line_of (e, 0, 4)->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_nonnull (strstr (line_of (e, 0, 4)->reason,
                            "is priced per vCPU-hour and per GiB-hour: ask for its size"));
  sky_test_remove_tree (dir);
}

/* @xml with the API servers' purchase option @api and the PostgreSQL server's @db. */
static char *
with_terms (const char *xml,
            const char *api,
            const char *db)
{
  GString *text = g_string_new (xml);

  g_string_replace (text, "@API@", api, 1);
  g_string_replace (text, "@DB@", db, 1);
  return g_string_free (text, FALSE);
}

/* The example scenario's question on the bundled sheets of every provider: three API servers
 * of 4 vCPU and 16 GiB and a PostgreSQL server of 2 vCPU and 8 GiB on a three-year reservation,
 * with the example's other lines on demand (without its projection, so that the term is the
 * reservation's 36 months and every figure is worked out by hand from the sheets).
 *
 * On demand, the lines besides the servers cost a month: AWS 11.50 + 46.00 + 441.00 + 34.67 +
 * 1.80 = 534.97; Azure 11.50 + 41.60 + 426.30 + 41.60 + 1.80 = 522.80; Google Cloud 9.00 +
 * 37.25 + 522.47 + 6.60 + 3.20 = 578.52 (the estimate of the example on demand).
 *
 * No upfront ("reserved-3y-no-upfront"):
 * - AWS: API servers m7g.xlarge at 0.0708 an hour, 3 × 730 × 0.0708 = 155.052 ≈ 155.05; RDS
 *   sells no 3-year reservation without upfront: the PostgreSQL server is not priced, and AWS is
 *   incomplete.
 * - Azure: D4s v5 paid monthly, 1994 / 36 = 55.3888888889 a month, 3 × that = 166.1666666667 ≈
 *   166.17; PostgreSQL D2ds v5, 1870 / 36 = 51.9444444444 ≈ 51.94. 522.80 + 166.17 + 51.94 =
 *   740.91 a month, × 36 = 26672.76.
 * - Google Cloud: e2-standard-4 committed for 3 years at 44.02649564 a month, 3 × that =
 *   132.07948692 ≈ 132.08; Cloud SQL 2 × 0.0198 + 8 × 0.0034 = 0.0668 an hour, × 730 = 48.764 ≈
 *   48.76. 578.52 + 132.08 + 48.76 = 759.36 a month, × 36 = 27336.96.
 * - DigitalOcean sells no reservation: the API servers are not priced, nor, as on demand, the
 *   PostgreSQL server and storage (its managed databases are priced per month, storage in).
 * Cheapest of the complete providers: Azure, 740.91 < 759.36 a month.
 *
 * The API servers without upfront and the PostgreSQL server all upfront, as AWS sells them:
 * - AWS: db.m5.large Single-AZ, 2140 upfront and nothing a month: 534.97 + 155.05 = 690.02 a
 *   month, 2140 upfront, 690.02 + 2140 / 36 = 749.464… ≈ 749.46 with it spread, over 36 months
 *   690.02 × 36 + 2140 = 26980.72.
 * - Azure: D2ds v5 all upfront, 1870: 522.80 + 166.17 = 688.97 a month, 688.97 + 1870 / 36 =
 *   740.9144… ≈ 740.91 spread, 688.97 × 36 + 1870 = 26672.92.
 * - Google Cloud sells no upfront: the PostgreSQL server is not priced.
 * Cheapest of the complete providers: Azure, 740.91 < 749.46.
 *
 * All upfront ("reserved-3y-all-upfront"), offers rank by their cost over the term with the
 * fee, not by their price per hour (0 for all of them): AWS's API servers are m7g.xlarge, 3 ×
 * 1712 = 5136 (m6i.xlarge, listed first, is 2014 each), with db.m5.large's 2140; Azure's are
 * 3 × 1994 = 5982, with D2ds v5's 1870; Google Cloud sells no upfront. Spread, each line's fee
 * rounded: AWS 534.97 + 5136 / 36 (142.67) + 2140 / 36 (59.44) = 737.08 a month, 534.97 × 36 +
 * 7276 = 26534.92 over the term; Azure 522.80 + 5982 / 36 (166.17) + 1870 / 36 (51.94) =
 * 740.91, 522.80 × 36 + 7852 = 26672.80: AWS is the cheapest. */
static void
test_bundled_three_year_reservation (void)
{
  static const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Web\" currency=\"USD\" "
    "hours-per-month=\"730\">\n"
    "  <providers><provider id=\"aws\"/><provider id=\"azure\"/><provider id=\"gcp\"/>"
    "<provider id=\"digitalocean\"/></providers>\n"
    "  <line label=\"API servers\" group=\"API tier\" quantity=\"3\" unit=\"hour\" "
    "term=\"@API@\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"4\" min-memory-gib=\"16\" geography=\"US\" "
    "os=\"linux\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL server\" group=\"Data\" quantity=\"1\" unit=\"hour\" "
    "term=\"@DB@\">\n"
    "    <requirement category=\"database\" min-vcpu=\"2\" min-memory-gib=\"8\" geography=\"US\" "
    "engine=\"postgresql\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL storage\" group=\"Data\" quantity=\"1\" usage=\"100\" "
    "unit=\"gb-month\" term=\"on-demand\">\n"
    "    <requirement category=\"database\" geography=\"US\" engine=\"postgresql\"/>\n"
    "  </line>\n"
    "  <line label=\"Object storage\" group=\"Data\" quantity=\"1\" usage=\"2000\" "
    "unit=\"gb-month\" term=\"on-demand\">\n"
    "    <requirement category=\"storage\" geography=\"US\" "
    "storage-types=\"object-standard object-hot\"/>\n"
    "  </line>\n"
    "  <line label=\"Internet egress\" group=\"Network\" quantity=\"1\" usage=\"5000\" unit=\"gb\" "
    "term=\"on-demand\">\n"
    "    <requirement category=\"network\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Job compute\" group=\"Jobs\" quantity=\"1\" usage=\"3000000\" "
    "unit=\"gb-second\" term=\"on-demand\">\n"
    "    <requirement category=\"serverless\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Job invocations\" group=\"Jobs\" quantity=\"1\" usage=\"10\" "
    "unit=\"million-requests\" term=\"on-demand\">\n"
    "    <requirement category=\"serverless\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <budget monthly=\"900\"/>\n"
    "</scenario>\n";
  static const char * const sheets[] = {
    "aws.xml", "azure.xml", "gcp-pricing-yml-2026-07-30.xml.gz", "gcp-handwritten.xml",
    "digitalocean.xml",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = bundled_catalog (&dir, sheets[0]);
  g_autofree char *no_upfront = with_terms (xml, "reserved-3y-no-upfront",
                                            "reserved-3y-no-upfront");
  g_autofree char *mixed = with_terms (xml, "reserved-3y-no-upfront", "reserved-3y-all-upfront");
  g_autofree char *all_upfront = with_terms (xml, "reserved-3y-all-upfront",
                                             "reserved-3y-all-upfront");
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(SkyEstimate) e = NULL;
  SkyEstimateProvider *p;
  SkyEstimateLine *l;

  for (gsize i = 1; i < G_N_ELEMENTS (sheets); i++)
    import_bundled (catalog, sheets[i]);

  s = sky_scenario_parse (no_upfront, strlen (no_upfront), "web.skytally", &error);
  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->term_months, ==, 36);

  /* AWS: the servers at their reservation, the database not priced, and why. */
  p = g_ptr_array_index (e->providers, 0);
  l = line_of (e, 0, 0);
  g_assert_cmpstr (l->offer->sku, ==, "m7g.xlarge.linux.us-east-1");
  g_assert_cmpuint (l->term_months, ==, 36);
  ASSERT_MONEY (e, l->monthly, "155.05");
  l = line_of (e, 0, 1);
  g_assert_cmpint (l->status, !=, SKY_LINE_PRICED);
  g_assert_nonnull (strstr (l->reason, "priced per Hour, Reserved 3 yr, no upfront"));
  g_assert_cmpuint (p->n_unpriced, ==, 1);

  /* Azure: both reservations paid monthly. */
  p = g_ptr_array_index (e->providers, 1);
  l = line_of (e, 1, 0);
  g_assert_cmpstr (l->offer->sku, ==, "standard-d4s-v5.linux.eastus");
  ASSERT_MONEY (e, l->monthly, "166.17");
  ASSERT_MONEY (e, l->upfront, "0.00");
  g_assert_cmpstr (l->explanation, ==,
                   "From Microsoft Azure 2025.06.3: 3 × 730 Hour = 3 Month (730 Hour a month; a "
                   "commitment bills every month) × 55.3888888889 USD/Month = 166.1666666667 USD "
                   "≈ 166.17 USD; break-even at 288.48 hours a month against 0.192 USD/Hour on "
                   "demand; over the 36-month term, 166.17 USD × 36 = 5982.12 USD");
  l = line_of (e, 1, 1);
  g_assert_cmpstr (l->offer->sku, ==, "pg-flexible.d2ds-v5.eastus");
  ASSERT_MONEY (e, l->monthly, "51.94");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->monthly, "740.91");
  ASSERT_MONEY (e, p->upfront, "0.00");
  ASSERT_MONEY (e, p->term_total, "26672.76");

  /* Google Cloud: the servers' monthly commitment, Cloud SQL's hourly one by its parts. */
  p = g_ptr_array_index (e->providers, 2);
  l = line_of (e, 2, 0);
  g_assert_cmpstr (l->offer->sku, ==, "e2-standard-4.linux.us-central1");
  ASSERT_MONEY (e, l->monthly, "132.08");
  g_assert_nonnull (strstr (l->explanation,
                            "3 × 730 Hour = 3 Month (730 Hour a month; a commitment bills every "
                            "month) × 44.02649564 USD/Month = 132.07948692 USD ≈ 132.08 USD"));
  l = line_of (e, 2, 1);
  g_assert_cmpstr (l->offer->sku, ==, "cloud-sql-pg.enterprise.zonal.us-central1");
  ASSERT_MONEY (e, l->monthly, "48.76");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->monthly, "759.36");
  ASSERT_MONEY (e, p->term_total, "27336.96");

  /* DigitalOcean sells no reservation: the API servers say so. */
  p = g_ptr_array_index (e->providers, 3);
  g_assert_cmpuint (p->n_unpriced, ==, 3);
  g_assert_cmpint (line_of (e, 3, 0)->status, !=, SKY_LINE_PRICED);
  g_assert_nonnull (strstr (line_of (e, 3, 0)->reason, "Reserved 3 yr, no upfront"));

  g_assert_cmpint (sky_estimate_cheapest_complete (e), ==, 1);
  g_clear_pointer (&e, sky_estimate_free);
  g_clear_pointer (&s, sky_scenario_free);

  s = sky_scenario_parse (mixed, strlen (mixed), "web.skytally", &error);
  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);

  p = g_ptr_array_index (e->providers, 0);
  l = line_of (e, 0, 1);
  g_assert_cmpstr (l->offer->sku, ==, "rds-pg.db.m5.large.single-az.us-east-1");
  ASSERT_MONEY (e, l->monthly, "0.00");
  ASSERT_MONEY (e, l->upfront, "2140.00");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->monthly, "690.02");
  ASSERT_MONEY (e, p->upfront, "2140.00");
  ASSERT_MONEY (e, p->effective_monthly, "749.46");
  ASSERT_MONEY (e, p->term_total, "26980.72");

  p = g_ptr_array_index (e->providers, 1);
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->monthly, "688.97");
  ASSERT_MONEY (e, p->upfront, "1870.00");
  ASSERT_MONEY (e, p->effective_monthly, "740.91");
  ASSERT_MONEY (e, p->term_total, "26672.92");

  g_assert_cmpuint (((SkyEstimateProvider *) g_ptr_array_index (e->providers, 2))->n_unpriced,
                    ==, 1);
  g_assert_cmpint (sky_estimate_cheapest_complete (e), ==, 1);
  g_clear_pointer (&e, sky_estimate_free);
  g_clear_pointer (&s, sky_scenario_free);

  s = sky_scenario_parse (all_upfront, strlen (all_upfront), "web.skytally", &error);
  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);

  p = g_ptr_array_index (e->providers, 0);
  l = line_of (e, 0, 0);
  g_assert_cmpstr (l->offer->sku, ==, "m7g.xlarge.linux.us-east-1");
  ASSERT_MONEY (e, l->monthly, "0.00");
  ASSERT_MONEY (e, l->upfront, "5136.00");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->upfront, "7276.00");
  ASSERT_MONEY (e, p->effective_monthly, "737.08");
  ASSERT_MONEY (e, p->term_total, "26534.92");

  p = g_ptr_array_index (e->providers, 1);
  ASSERT_MONEY (e, line_of (e, 1, 0)->upfront, "5982.00");
  g_assert_cmpuint (p->n_unpriced, ==, 0);
  ASSERT_MONEY (e, p->effective_monthly, "740.91");
  ASSERT_MONEY (e, p->term_total, "26672.80");

  g_assert_cmpuint (((SkyEstimateProvider *) g_ptr_array_index (e->providers, 2))->n_unpriced,
                    ==, 2);
  g_assert_cmpint (sky_estimate_cheapest_complete (e), ==, 0);

  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* Against the bundled DigitalOcean sheet: an always-on s-2vcpu-4gb costs its monthly price,
 * 24.00 (730 × 0.03571 = 26.0683 is past the cap); 100 hours cost 3.571; an always-on
 * m-16vcpu-128gb 672 (730 × 1 = 730 is past it). */
static void
test_bundled_droplet_caps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = bundled_catalog (&dir, "digitalocean.xml");
  g_autoptr(SkyScenario) s = sky_scenario_new ("Caps", "USD");
  g_autoptr(SkyEstimate) e = NULL;

  g_ptr_array_add (s->providers, g_strdup ("digitalocean"));
  g_ptr_array_add (s->lines, offer_line ("digitalocean", "s-2vcpu-4gb.nyc3", "hour", NULL));
  g_ptr_array_add (s->lines, offer_line ("digitalocean", "s-2vcpu-4gb.fra1", "hour", "100"));
  g_ptr_array_add (s->lines, offer_line ("digitalocean", "m-16vcpu-128gb.sgp1", "hour", NULL));

  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  ASSERT_MONEY (e, line_of (e, 0, 0)->monthly, "24.00");
  g_assert_cmpstr (line_of (e, 0, 0)->explanation, ==,
                   "From DigitalOcean 2025.06.1: "
                   "1 × 730 Hour × 0.03571 USD/Hour = 26.0683 USD; capped at 24 USD a month "
                   "each: 1 × 24 = 24.00 USD");
  ASSERT_MONEY (e, line_of (e, 0, 1)->monthly, "3.57");
  g_assert_null (strstr (line_of (e, 0, 1)->explanation, "capped"));
  ASSERT_MONEY (e, line_of (e, 0, 2)->monthly, "672.00");
  sky_test_remove_tree (dir);
}

/* Lines in other units than their prices', on units-small.xml: each priced by converting its
 * usage into the price's unit, the cheapest offer found by the price of the same quantity, and
 * a line whose unit measures something else refused with its reason. */
static void
test_units (void)
{
  static const char xml[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Units\" currency=\"USD\">\n"
    "  <providers><provider id=\"unitcloud\"/></providers>\n"
    "  <line label=\"Disk\" usage=\"2000\" unit=\"gb-month\">\n"
    "    <requirement category=\"storage\"/>\n"
    "  </line>\n"
    "  <line label=\"Disk (GiB)\" usage=\"2000\" unit=\"gib-month\">\n"
    "    <requirement category=\"storage\"/>\n"
    "  </line>\n"
    "  <line label=\"Backups\" usage=\"15\" unit=\"tb\">\n"
    "    <requirement category=\"network\"/>\n"
    "  </line>\n"
    "  <line label=\"Jobs\" quantity=\"2\" usage=\"50000\" unit=\"second\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"2\"/>\n"
    "  </line>\n"
    "  <line label=\"Misread\" usage=\"2000\" unit=\"gb\">\n"
    "    <offer provider=\"unitcloud\" sku=\"disk-gib\"/>\n"
    "  </line>\n"
    "  <line label=\"Requests\" usage=\"5\" unit=\"million-requests\">\n"
    "    <requirement category=\"storage\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "units-small.xml", NULL);
  g_autoptr(SkyScenario) s = sky_scenario_parse (xml, strlen (xml), "units", &error);
  g_autoptr(SkyEstimate) e = NULL;
  SkyEstimateLine *l;

  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);

  /* 0.10 USD per GiB-month is 0.0931… per GB-month, below disk-gb's 0.095: disk-gib is the
   * cheaper, though its amount is the larger. 2000 GB = 2000 × 10⁹ / 2³⁰ GiB, × 0.10 =
   * 186.264514923095703125 ≈ 186.26. */
  l = line_of (e, 0, 0);
  g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
  g_assert_cmpstr (l->offer->sku, ==, "disk-gib");
  ASSERT_MONEY (e, l->monthly, "186.26");
  g_assert_cmpstr (l->unit, ==, "gb-month");
  g_assert_cmpstr (l->explanation, ==,
                   "From Unit Cloud 2026.1: "
                   "1 × 2000 GB-month = 2000 GB-month = 1862.64514923095703125 GiB-month "
                   "(× 10⁹ / 2³⁰) × 0.1 USD/GiB-month = 186.264514923095703125 USD ≈ 186.26 USD");

  /* In GiB-months, disk-gb costs 0.095 × 2³⁰ / 10⁹ = 0.10200… per GiB-month: disk-gib again,
   * 2000 × 0.10 = 200.00, with nothing to convert. */
  l = line_of (e, 0, 1);
  g_assert_cmpstr (l->offer->sku, ==, "disk-gib");
  ASSERT_MONEY (e, l->monthly, "200.00");
  g_assert_null (strstr (l->explanation, "(×"));

  /* 15 TB of egress priced by tiers per GB: 15000 GB, 100 free, 10240 × 0.09 + 4660 × 0.085. */
  l = line_of (e, 0, 2);
  g_assert_cmpstr (l->offer->sku, ==, "egress-gb");
  ASSERT_MONEY (e, l->monthly, "1317.70");
  g_assert_nonnull (strstr (l->explanation, "= 15 TB = 15000 GB (× 10¹² / 10⁹)"));

  /* 2 × 50000 s at 0.0416 USD/hour: 100000 × 0.0416 / 3600 = 1.1555… ≈ 1.16. The price holds
   * from 2026-03-01, not from its sheet's 2026-01-01: the explanation says so. */
  l = line_of (e, 0, 3);
  g_assert_cmpstr (l->offer->sku, ==, "vm-2");
  ASSERT_MONEY (e, l->monthly, "1.16");
  g_assert_cmpstr (l->explanation, ==,
                   "From Unit Cloud 2026.1: "
                   "2 × 50000 Second = 100000 Second ≈ 27.7777777778 Hour (× 1 / 3600) × "
                   "0.0416 USD/Hour (price as of 2026-03-01) ≈ 1.1555555556 USD ≈ 1.16 USD");

  /* Data transferred is not data stored: the line is refused, and says why. */
  l = line_of (e, 0, 4);
  g_assert_cmpint (l->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_cmpstr (l->reason, ==, "Disk priced per GiB (disk-gib) has no price per GB, On "
                                  "demand, nor per another unit it converts into (its prices for "
                                  "On demand are per GiB-month, which measure something else)");
  l = line_of (e, 0, 5);
  g_assert_cmpint (l->status, ==, SKY_LINE_NO_MATCH);
  g_assert_nonnull (strstr (l->reason, "priced per Million requests, On demand"));

  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* An hourly commitment bills every hour of the month whatever unit of time its line counts in:
 * 2 × 730 × 0.13 = 189.80 EUR, the usage 730 hours as seconds; priced or not (no exchange
 * rate), the line's usage is in its own unit. */
static void
test_commitment_in_seconds (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const currencies[] = { "EUR", "USD" };

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autofree char *xml = g_strdup_printf (
        "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"s\" currency=\"%s\">\n"
        "  <providers><provider id=\"othercloud\"/></providers>\n"
        "  <line label=\"Worker\" quantity=\"2\" unit=\"second\" term=\"reserved-1y-no-upfront\">\n"
        "    <offer provider=\"othercloud\" sku=\"o-4\"/>\n"
        "  </line>\n"
        "</scenario>\n", currencies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SkyScenario) s = sky_scenario_parse (xml, strlen (xml), "s", &error);
      g_autoptr(SkyEstimate) e = NULL;
      SkyEstimateLine *l;

      g_assert_no_error (error);
      e = sky_estimate_compute (f->catalog, s, NULL, FALSE, &error);
      g_assert_no_error (error);
      l = line_of (e, 0, 0);
      {
        g_autofree char *usage = sky_decimal_to_string (l->usage);
        g_assert_cmpstr (usage, ==, "2628000");
      }
      g_assert_cmpstr (l->unit, ==, "second");
      g_assert_cmpuint (l->term_months, ==, 12);
      if (i == 0)
        {
          g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
          ASSERT_MONEY (e, l->monthly, "189.80");
          g_assert_true (g_str_has_prefix (l->explanation, "From Other Cloud 7: "
                                                           "2 × 730 Hour (a commitment bills "
                                                           "every hour) × 0.13 EUR/Hour"));
        }
      else
        g_assert_cmpint (l->status, ==, SKY_LINE_NOT_PRICED);
    }
}

/* On attributes.xml: requirement lines match the rows and architectures they ask for, a
 * convertible reservation is priced at its own price, and a scenario that opts in prices
 * on-demand lines at the dev/test price where the offer has one, and says so. */
static void
test_attributes_and_dev_test (void)
{
  static const char text[] =
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"Rows\" currency=\"USD\">\n"
    "  <providers><provider id=\"attrcloud\"/></providers>\n"
    "  <line label=\"VM\" quantity=\"3\" unit=\"hour\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"4\" architecture=\"x86-64\"/>\n"
    "  </line>\n"
    "  <line label=\"Arm\" quantity=\"1\" unit=\"hour\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"4\" architecture=\"arm64\"/>\n"
    "  </line>\n"
    "  <line label=\"SQL\" quantity=\"1\" unit=\"hour\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"4\" software=\"sql-web\"/>\n"
    "  </line>\n"
    "  <line label=\"Convertible\" quantity=\"1\" unit=\"hour\" "
    "term=\"reserved-convertible-1y-no-upfront\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"4\"/>\n"
    "  </line>\n"
    "</scenario>\n";
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = sky_test_open_catalog (&dir, "attributes.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyScenario) s = sky_scenario_parse (text, strlen (text), "rows", &error);

  g_assert_no_error (error);
  for (int dev_test = 0; dev_test < 2; dev_test++)
    {
      g_autoptr(SkyEstimate) e = NULL;
      SkyEstimateLine *l;

      s->dev_test = dev_test;
      e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
      g_assert_no_error (error);

      /* m-4, the x86-64 default row: 3 × 730 × 0.20 = 438.00 on demand; with dev/test
       * prices 3 × 730 × 0.1234 = 270.246 ≈ 270.25. */
      l = line_of (e, 0, 0);
      g_assert_cmpint (l->status, ==, SKY_LINE_PRICED);
      g_assert_cmpstr (l->offer->sku, ==, "m-4");
      g_test_message ("%s", l->explanation);
      if (dev_test)
        {
          ASSERT_MONEY (e, l->monthly, "270.25");
          g_assert_true (g_str_has_prefix (l->explanation, "From Attribute Cloud 2026.1: "
                                                           "3 × 730 Hour × 0.1234 USD/Hour "
                                                           "(dev/test price) = 270.246"));
        }
      else
        {
          ASSERT_MONEY (e, l->monthly, "438.00");
          g_assert_cmpstr (l->explanation, ==,
                           "From Attribute Cloud 2026.1: 3 × 730 Hour × 0.2 USD/Hour = 438.00 USD");
        }
      /* g-4 has no dev/test price: 730 × 0.16 = 116.80 either way. */
      l = line_of (e, 0, 1);
      g_assert_cmpstr (l->offer->sku, ==, "g-4");
      ASSERT_MONEY (e, l->monthly, "116.80");
      g_assert_null (strstr (l->explanation, "dev/test"));
      /* The row with SQL Server Web: 730 × 0.08 = 58.40. */
      l = line_of (e, 0, 2);
      g_assert_cmpstr (l->offer->sku, ==, "m-4-sql");
      ASSERT_MONEY (e, l->monthly, "58.40");
      /* The convertible reservation of the default row (g-4 has none): 730 × 0.15 = 109.50;
       * a commitment is never a dev/test price. */
      l = line_of (e, 0, 3);
      g_assert_cmpstr (l->offer->sku, ==, "m-4");
      ASSERT_MONEY (e, l->monthly, "109.50");
      g_assert_null (strstr (l->explanation, "dev/test"));
    }
  sky_test_close_catalog (&dir, (SkyCatalog **) &catalog);
}

static void
assert_decimal (SkyDecimal  value,
                const char *expected)
{
  g_autofree char *text = sky_decimal_to_string (sky_decimal_normalize (value));

  g_assert_cmpstr (text, ==, expected);
}

/* Pricing follows the deployment on the bundled sheets: a database with a standby in another
 * zone is priced with AWS's Multi-AZ offers (server and storage) and on Azure as two copies of
 * the single server (compute and storage), instances across zones at least two, and a line in
 * two regions twice; a line that names a Single-AZ offer is not priced so. The availability of
 * each follows: 99.99 % × 99.95 % × 99.9 % × (1 − 0.05 %²) on AWS. */
static void
test_bundled_deployments (void)
{
  static const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:skytally:scenario:1\" format=\"1\" name=\"HA\" currency=\"USD\">\n"
    "  <providers><provider id=\"aws\"/><provider id=\"azure\"/></providers>\n"
    "  <line label=\"API servers\" quantity=\"1\" unit=\"hour\" deployment=\"zones\">\n"
    "    <requirement category=\"compute\" min-vcpu=\"2\" min-memory-gib=\"8\" geography=\"US\" "
    "os=\"linux\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL server\" quantity=\"1\" unit=\"hour\" deployment=\"standby-zone\">\n"
    "    <requirement category=\"database\" min-vcpu=\"2\" min-memory-gib=\"8\" geography=\"US\" "
    "engine=\"postgresql\"/>\n"
    "  </line>\n"
    "  <line label=\"PostgreSQL storage\" quantity=\"1\" usage=\"100\" unit=\"gb-month\" "
    "deployment=\"standby-zone\">\n"
    "    <requirement category=\"database\" geography=\"US\" engine=\"postgresql\"/>\n"
    "  </line>\n"
    "  <line label=\"Object storage\" quantity=\"1\" usage=\"2000\" unit=\"gb-month\">\n"
    "    <requirement category=\"storage\" geography=\"US\" "
    "storage-types=\"object-standard object-hot\"/>\n"
    "  </line>\n"
    "  <line label=\"Internet egress\" quantity=\"1\" usage=\"5000\" unit=\"gb\">\n"
    "    <requirement category=\"network\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Job compute\" quantity=\"1\" usage=\"3000000\" unit=\"gb-second\" "
    "regions=\"2\">\n"
    "    <requirement category=\"serverless\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Job invocations\" quantity=\"1\" usage=\"10\" unit=\"million-requests\" "
    "regions=\"2\">\n"
    "    <requirement category=\"serverless\" geography=\"US\"/>\n"
    "  </line>\n"
    "  <line label=\"Named single\" quantity=\"1\" unit=\"hour\" deployment=\"standby-zone\">\n"
    "    <offer provider=\"aws\" sku=\"rds-pg.db.m5.large.single-az.us-east-1\"/>\n"
    "  </line>\n"
    "  <availability required=\"99.99\"/>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SkyCatalog) catalog = bundled_catalog (&dir, "aws.xml");
  g_autoptr(SkyScenario) s = NULL;
  g_autoptr(SkyEstimate) e = NULL;
  g_autoptr(SkyAvailability) a = NULL;
  g_autoptr(SkyProjection) projection = NULL;
  const SkyAvailabilityProvider *ap;
  g_autofree char *shown = NULL;
  SkyEstimateProvider *aws, *azure;
  SkyEstimateLine *l;

  import_bundled (catalog, "azure.xml");
  s = sky_scenario_parse (xml, strlen (xml), "ha.skytally", &error);
  g_assert_no_error (error);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  aws = provider_of (e, 0);
  azure = provider_of (e, 1);

  l = g_ptr_array_index (aws->lines, 0);
  g_assert_cmpstr (l->offer->sku, ==, "m7g.large.linux.us-east-1");
  assert_decimal (l->monthly, "119.14");
  g_assert_nonnull (strstr (l->explanation, "Across zones: 1, priced as 2 (instances across "
                                            "zones or fault domains are at least 2); 2 × 730 "
                                            "Hour"));
  l = g_ptr_array_index (aws->lines, 1);
  g_assert_cmpstr (l->offer->sku, ==, "rds-pg.db.m5.large.multi-az.us-east-1");
  assert_decimal (l->monthly, "259.88");
  l = g_ptr_array_index (aws->lines, 2);
  g_assert_cmpstr (l->offer->sku, ==, "rds-storage.gp3.multi-az.us-east-1");
  assert_decimal (l->monthly, "23");
  l = g_ptr_array_index (aws->lines, 5);
  g_assert_nonnull (strstr (l->explanation, "Single instance: 1 × 2 regions = 2; 2 × 3000000 "
                                            "GB-second"));
  l = g_ptr_array_index (aws->lines, 7);
  g_assert_cmpint (l->status, ==, SKY_LINE_NOT_PRICED);
  g_assert_cmpstr (l->reason, ==, "rds-pg.db.m5.large.single-az.us-east-1 is not an offer for "
                                  "“With a standby in another zone”: name an offer whose "
                                  "deployment is “Multi-AZ (one standby)”");

  l = g_ptr_array_index (azure->lines, 1);
  g_assert_cmpstr (l->offer->sku, ==, "pg-flexible.d2ds-v5.eastus");
  assert_decimal (l->monthly, "259.88");
  g_assert_nonnull (strstr (l->explanation, "With a standby in another zone: 1 × 2 copies (a "
                                            "standby billed like the primary) = 2; 2 × 730 "
                                            "Hour × 0.178 USD/Hour = 259.88 USD"));
  l = g_ptr_array_index (azure->lines, 2);
  g_assert_cmpstr (l->offer->sku, ==, "pg-flexible-storage.eastus");
  assert_decimal (l->monthly, "23");

  /* The named offer of AWS is not priced, so AWS's availability is incomplete; without it,
   * the product of its parts. */
  a = sky_availability_compute (e, s, NULL);
  ap = g_ptr_array_index (a->providers, 0);
  g_assert_false (ap->complete);
  g_ptr_array_remove_index (s->lines, 7);
  g_clear_pointer (&e, sky_estimate_free);
  g_clear_pointer (&a, sky_availability_free);
  e = sky_estimate_compute (catalog, s, NULL, FALSE, &error);
  g_assert_no_error (error);
  a = sky_availability_compute (e, s, NULL);
  ap = g_ptr_array_index (a->providers, 0);
  g_assert_true (ap->complete);
  g_assert_cmpuint (ap->parts->len, ==, 4);
  g_assert_cmpuint (ap->no_sla->len, ==, 1);
  assert_decimal (ap->availability, "99.8400400349837512");
  shown = sky_availability_format_percent (ap->availability, SKY_EXPLAIN_PLAIN);
  g_assert_cmpstr (shown, ==, "99.84 %");
  g_assert_true (ap->short_of_required);
  ap = g_ptr_array_index (a->providers, 1);
  g_assert_true (ap->complete);
  assert_decimal (ap->availability, "99.8799960289947502");

  /* A projection bills the deployments every month as the estimate does: the standby's copies,
   * the instances raised to two and the second region. */
  projection = sky_projection_compute (catalog, s, NULL, 12, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < projection->providers->len; i++)
    {
      SkyProjectionProvider *pp = g_ptr_array_index (projection->providers, i);
      SkyEstimateProvider *ep = provider_of (e, i);

      g_assert_cmpstr (pp->provider, ==, ep->provider);
      for (guint m = 0; m < projection->months; m++)
        g_assert_cmpint (sky_decimal_compare (pp->total_cash[m], ep->monthly), ==, 0);
    }
}

/* A line repeated further down finds the same offer as the first, which they share, and
 * comes to the same figures as a scenario of that line alone; the provider keeps each offer
 * once. */
static void
test_repeated_lines_share_offers (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyEstimate) once = estimate (f, FALSE);
  g_autoptr(SkyEstimate) twice = NULL;
  guint n = f->scenario->lines->len;

  for (guint i = 0; i < n; i++)
    {
      SkyScenarioLine *l = sky_scenario_line_copy (g_ptr_array_index (f->scenario->lines, i));

      g_free (l->label);
      l->label = g_strdup_printf ("Again %u", i + 1);
      g_ptr_array_add (f->scenario->lines, l);
    }
  twice = sky_estimate_compute (f->catalog, f->scenario, NULL, FALSE, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < twice->providers->len; k++)
    {
      SkyEstimateProvider *p = g_ptr_array_index (twice->providers, k);
      guint with_offer = 0;

      g_assert_cmpuint (p->lines->len, ==, 2 * n);
      for (guint i = 0; i < n; i++)
        {
          SkyEstimateLine *a = line_of (twice, k, i), *b = line_of (twice, k, n + i);

          g_assert_true (a->offer == b->offer);
          g_assert_true (a->offer == NULL || g_ptr_array_find (p->offers, a->offer, NULL));
          g_assert_cmpint (a->status, ==, line_of (once, k, i)->status);
          with_offer += a->offer != NULL;
        }
      g_assert_cmpuint (p->offers->len, >, 0);
      g_assert_cmpuint (p->offers->len, <=, with_offer);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sky/estimate/" name, Fixture, NULL, sky_catalog_fixture_setup_web, func, \
              sky_catalog_fixture_teardown)
  ADD ("lines", test_lines);
  ADD ("totals", test_totals);
  ADD ("term", test_term);
  ADD ("sheet-versions", test_sheet_versions);
  ADD ("record-per-service", test_record_per_service);
  ADD ("missing-rate", test_missing_rate);
  ADD ("service-discount", test_service_discount);
  ADD ("compare-by", test_compare_by);
  ADD ("commitment-in-seconds", test_commitment_in_seconds);
  ADD ("freshness", test_freshness);
  ADD ("freshness-several-sheets", test_freshness_several_sheets);
  ADD ("freshness-per-service", test_freshness_per_service);
  ADD ("repeated-lines-share-offers", test_repeated_lines_share_offers);
#undef ADD
  g_test_add_func ("/sky/estimate/freshness-apart", test_freshness_apart);
  g_test_add_func ("/sky/estimate/published-examples", test_published_examples);
  g_test_add_func ("/sky/estimate/size-band", test_size_band);
  g_test_add_func ("/sky/estimate/attributes-and-dev-test", test_attributes_and_dev_test);
  g_test_add_func ("/sky/estimate/bundled-google-rules", test_bundled_google_rules);
  g_test_add_func ("/sky/estimate/bundled-droplet-caps", test_bundled_droplet_caps);
  g_test_add_func ("/sky/estimate/bundled-three-year-reservation",
                   test_bundled_three_year_reservation);
  g_test_add_func ("/sky/estimate/units", test_units);
  g_test_add_func ("/sky/estimate/bundled-deployments", test_bundled_deployments);

  return g_test_run ();
}
