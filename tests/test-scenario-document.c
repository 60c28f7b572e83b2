/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sky-catalog.h"
#include "sky-recovery.h"
#include "sky-scenario-document.h"
#include "sky-test-util.h"

/* Counts the notifies of one property. */
static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_signal_cb (SkyScenarioDocument *document,
                 gpointer             user_data)
{
  (*(guint *) user_data)++;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until @result is set, at most 10 seconds. */
static void
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @document is no longer busy, at most 10 seconds. */
static void
wait_until_idle (SkyScenarioDocument *document)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (sky_scenario_document_get_busy (document) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_false (sky_scenario_document_get_busy (document));
}

static gboolean
load (SkyScenarioDocument  *document,
      GFile                *file,
      GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sky_scenario_document_load_async (document, file, NULL, async_done_cb, &result);
  /* Reading is under way in a thread; nothing changed yet. */
  g_assert_true (sky_scenario_document_get_busy (document));
  wait_for_result (&result);
  return sky_scenario_document_load_finish (document, result, error);
}

static gboolean
save (SkyScenarioDocument  *document,
      GFile                *file,
      GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sky_scenario_document_save_async (document, file, NULL, async_done_cb, &result);
  wait_for_result (&result);
  return sky_scenario_document_save_finish (document, result, error);
}

static SkyScenarioLine *
new_line (const char *label)
{
  SkyScenarioLine *line = sky_scenario_line_new (SKY_LINE_REQUIREMENT);

  line->label = g_strdup (label);
  line->unit = g_strdup ("hour");
  line->category = g_strdup ("compute");
  line->min_vcpu_milli = 2000;
  return line;
}

static SkyDecimal
hours_of (SkyScenarioDocument *document)
{
  return sky_scenario_document_get_scenario (document)->hours_per_month;
}

static GFile *
data_gfile (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return g_file_new_for_path (path);
}

/* Loading reads the file in a thread, makes it the scenario, unmodified, with its file;
 * saving writes it back so that it reads the same, and makes the saved file the document's. */
static void
test_load_save_round_trip (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autoptr(GFile) source = data_gfile ("web.skytally");
  g_autofree char *source_path = g_file_get_path (source);
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *saved_path = g_build_filename (dir, "saved.skytally", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(SkyScenario) expected = NULL;
  g_autoptr(SkyScenario) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_xml = NULL;
  g_autofree char *reread_xml = NULL;
  guint file_notifies = 0, saves = 0;

  g_signal_connect (document, "notify::file", G_CALLBACK (count_cb), &file_notifies);
  g_signal_connect (document, "saved", G_CALLBACK (count_signal_cb), &saves);
  g_assert_null (sky_scenario_document_get_file (document));
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "Untitled Scenario");

  g_assert_true (load (document, source, &error));
  g_assert_no_error (error);
  g_assert_false (sky_scenario_document_get_busy (document));
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document), source));
  g_assert_cmpuint (file_notifies, ==, 1);
  g_assert_false (sky_scenario_document_get_modified (document));
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "web.skytally");
  expected = sky_scenario_load (source_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==,
                    expected->lines->len);

  g_assert_true (save (document, saved, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (sky_scenario_document_get_file (document), saved));
  g_assert_cmpuint (file_notifies, ==, 2);
  g_assert_cmpuint (saves, ==, 1);
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "saved.skytally");
  reread = sky_scenario_load (saved_path, &error);
  g_assert_no_error (error);
  expected_xml = sky_scenario_to_xml (expected);
  reread_xml = sky_scenario_to_xml (reread);
  g_assert_cmpstr (reread_xml, ==, expected_xml);

  /* Saving the same file again: the file is the same, and it was saved. */
  g_assert_true (save (document, saved, &error));
  g_assert_cmpuint (file_notifies, ==, 2);
  g_assert_cmpuint (saves, ==, 2);

  /* A file that does not read leaves the document as it was, and says why. */
  {
    g_autofree char *bad_path = g_build_filename (dir, "bad.skytally", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_true (g_file_set_contents (bad_path, "<not-a-scenario/>", -1, NULL));
    g_assert_false (load (document, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "bad.skytally"));
    g_assert_true (g_file_equal (sky_scenario_document_get_file (document), saved));
    g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==,
                      expected->lines->len);
    g_assert_false (sky_scenario_document_get_busy (document));
  }

  g_assert_finalize_object (g_steal_pointer (&document));
  sky_test_remove_tree (dir);
}

/* modified and title are told when, and only when, they change. */
static void
test_modified_title_notifies (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "costs.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint modified = 0, title = 0;

  g_signal_connect (document, "notify::modified", G_CALLBACK (count_cb), &modified);
  g_signal_connect (document, "notify::title", G_CALLBACK (count_cb), &title);

  sky_scenario_document_add_line (document, new_line ("Web"));
  g_assert_true (sky_scenario_document_get_modified (document));
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "• Untitled Scenario");
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (title, ==, 1);

  /* Another change: still modified, the same title, nothing told. */
  sky_scenario_document_add_line (document, new_line ("Workers"));
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (title, ==, 1);

  /* A new name is a change of the title only. */
  sky_scenario_document_set_name (document, "Shop");
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "• Shop");
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (title, ==, 2);
  sky_scenario_document_set_name (document, "Shop");
  g_assert_cmpuint (title, ==, 2);

  /* Saved: not modified, titled by its file. */
  g_assert_true (save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (sky_scenario_document_get_modified (document));
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "costs.skytally");
  g_assert_cmpuint (modified, ==, 2);
  g_assert_cmpuint (title, ==, 3);

  /* A new scenario: unmodified, as it was already; a new title. */
  sky_scenario_document_new_scenario (document);
  g_assert_false (sky_scenario_document_get_modified (document));
  g_assert_null (sky_scenario_document_get_file (document));
  g_assert_cmpstr (sky_scenario_document_get_title (document), ==, "Untitled Scenario");
  g_assert_cmpuint (modified, ==, 2);
  g_assert_cmpuint (title, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&document));
  sky_test_remove_tree (dir);
}

/* Undo puts back the scenario before each change, redo the change again; edits of one kind
 * in a row are one step, and a new change forgets what could be redone. */
static void
test_undo_redo (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  guint can_undo = 0;
  SkyScenario *s;

  g_signal_connect (document, "notify::can-undo", G_CALLBACK (count_cb), &can_undo);
  g_assert_false (sky_scenario_document_get_can_undo (document));
  g_assert_false (sky_scenario_document_get_can_redo (document));

  sky_scenario_document_add_line (document, new_line ("Web"));
  g_assert_true (sky_scenario_document_get_can_undo (document));
  g_assert_cmpuint (can_undo, ==, 1);
  /* Typing a number in three steps, then another edit. */
  for (int hours = 700; hours <= 720; hours += 10)
    {
      s = sky_scenario_document_edit (document, "hours");
      s->hours_per_month = sky_decimal_from_int (hours);
      sky_scenario_document_edited (document);
    }
  sky_scenario_document_add_line (document, new_line ("Workers"));
  g_assert_cmpuint (can_undo, ==, 1);

  sky_scenario_document_undo (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 1);
  g_assert_true (sky_scenario_document_get_can_redo (document));
  g_assert_cmpint (sky_decimal_compare (hours_of (document), sky_decimal_from_int (720)), ==, 0);
  /* The three hours edits go at once. */
  sky_scenario_document_undo (document);
  g_assert_cmpint (sky_decimal_compare (hours_of (document), sky_decimal_from_int (730)), ==, 0);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 1);
  sky_scenario_document_undo (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 0);
  g_assert_false (sky_scenario_document_get_can_undo (document));
  /* Undone is still a change from what was saved. */
  g_assert_true (sky_scenario_document_get_modified (document));

  sky_scenario_document_redo (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 1);
  g_assert_cmpstr (((SkyScenarioLine *) g_ptr_array_index (
                      sky_scenario_document_get_scenario (document)->lines, 0))->label, ==, "Web");
  g_assert_true (sky_scenario_document_get_can_redo (document));

  /* A new change: nothing to redo. */
  sky_scenario_document_add_line (document, new_line ("Batch"));
  g_assert_false (sky_scenario_document_get_can_redo (document));
  sky_scenario_document_redo (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->lines->len, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
count_changed_cb (SkyScenarioDocument *document,
                  guint               *count)
{
  (*count)++;
}

static GPtrArray *
one_kept (const char *sku)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sky_kept_offer_free);
  SkyKeptOffer *k = g_new0 (SkyKeptOffer, 1);

  k->provider = g_strdup ("examplecloud");
  k->sheet_version = g_strdup ("2026.1");
  k->sku = g_strdup (sku);
  k->region = g_strdup ("us-east");
  k->term = g_strdup ("on-demand");
  k->unit = g_strdup ("hour");
  g_ptr_array_add (kept, k);
  return kept;
}

/* A scenario saved for the first time takes the candidates kept for it into its file, and
 * has them from then on; setting them is then an edit, one step of undo, and says the
 * scenario changed. */
static void
test_kept_offers (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = g_dir_make_tmp ("skytally-kept-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) first = one_kept ("std-2-us");
  g_autoptr(GPtrArray) second = one_kept ("mem-4-eu");
  g_autoptr(SkyScenario) written = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  sky_scenario_document_set_untitled_kept_offers (document, first);
  /* Kept apart from the scenario until it is saved: no edit. */
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->kept_offers->len, ==, 0);
  g_assert_false (sky_scenario_document_get_modified (document));
  g_assert_true (save (document, file, &error));
  g_assert_no_error (error);
  written = sky_scenario_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->kept_offers->len, ==, 1);
  g_assert_cmpstr (((SkyKeptOffer *) written->kept_offers->pdata[0])->sku, ==, "std-2-us");
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->kept_offers->len, ==, 1);
  g_assert_false (sky_scenario_document_get_modified (document));

  /* With a file, the ones kept apart are not the scenario's. */
  sky_scenario_document_set_untitled_kept_offers (document, second);
  g_signal_connect (document, "changed", G_CALLBACK (count_changed_cb), &changed);
  sky_scenario_document_set_kept_offers (document, second);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (sky_scenario_document_get_modified (document));
  g_assert_cmpstr (((SkyKeptOffer *) sky_scenario_document_get_scenario (document)
                      ->kept_offers->pdata[0])->sku, ==, "mem-4-eu");
  sky_scenario_document_undo (document);
  g_assert_cmpstr (((SkyKeptOffer *) sky_scenario_document_get_scenario (document)
                      ->kept_offers->pdata[0])->sku, ==, "std-2-us");
  g_assert_false (sky_scenario_document_get_can_undo (document));
  g_assert_true (save (document, file, &error));
  g_clear_pointer (&written, sky_scenario_free);
  written = sky_scenario_load (path, &error);
  g_assert_cmpstr (((SkyKeptOffer *) written->kept_offers->pdata[0])->sku, ==, "std-2-us");

  wait_until_idle (document);
  g_unlink (path);
  g_rmdir (dir);
}

/* Runs the main loop until only the test holds @document, at most 10 seconds. */
static void
wait_until_released (SkyScenarioDocument *document)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (G_OBJECT (document)->ref_count > 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A few seconds after the edits stop, a recovery copy of the scenario is written, private,
 * with the file it belongs to; discarding it removes it, and a restore brings the changes
 * back, still modified. */
static void
test_autosave_and_discard (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autoptr(SkyScenarioDocument) restored = sky_scenario_document_new ();
  g_autofree char *recovery = sky_scenario_document_recovery_path ();
  g_autoptr(SkyScenario) kept = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  gint64 deadline;
  GStatBuf st;

  g_assert_false (file_exists (recovery));
  g_assert_false (sky_scenario_document_has_recovery (document));
  sky_scenario_document_add_line (document, new_line ("Web"));
  /* Not at once: a few seconds after the last edit. */
  g_assert_false (file_exists (recovery));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!file_exists (recovery) && g_get_monotonic_time () < deadline)
    {
      guint tick = g_timeout_add (50, tick_cb, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
    }
  g_assert_true (file_exists (recovery));
  g_assert_true (sky_scenario_document_has_recovery (document));
  g_assert_cmpint (g_stat (recovery, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  kept = sky_recovery_read (recovery, &origin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->lines->len, ==, 1);
  g_assert_null (origin);

  /* Another document restores it: the changes, modified, not yet in a file. */
  sky_scenario_document_restore_recovery_async (restored, NULL, async_done_cb, &result);
  wait_for_result (&result);
  g_assert_true (sky_scenario_document_restore_recovery_finish (restored, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sky_scenario_document_get_scenario (restored)->lines->len, ==, 1);
  g_assert_true (sky_scenario_document_get_modified (restored));
  g_assert_null (sky_scenario_document_get_file (restored));

  sky_scenario_document_discard_recovery (document);
  g_assert_false (file_exists (recovery));
  g_assert_false (sky_scenario_document_has_recovery (document));

  /* The writer's thread lets the document go once it has told it. */
  g_clear_object (&result);
  wait_until_released (document);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_assert_finalize_object (g_steal_pointer (&restored));
}

/* Saving into a folder that cannot be written fails with a message naming the file, and the
 * changes stay unsaved, in no file. */
static void
test_save_failure (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = sky_test_make_dir ();
  /* A folder that is a file cannot be written, whoever runs the test (root writes anywhere
   * else). */
  g_autofree char *not_a_folder = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *path = g_build_filename (not_a_folder, "costs.skytally", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint modified = 0, saves = 0;

  g_assert_true (g_file_set_contents (not_a_folder, "", -1, NULL));
  sky_scenario_document_add_line (document, new_line ("Web"));
  g_signal_connect (document, "notify::modified", G_CALLBACK (count_cb), &modified);
  g_signal_connect (document, "saved", G_CALLBACK (count_signal_cb), &saves);

  g_assert_false (save (document, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "costs.skytally"));
  g_assert_true (sky_scenario_document_get_modified (document));
  g_assert_cmpuint (modified, ==, 0);
  g_assert_cmpuint (saves, ==, 0);
  g_assert_null (sky_scenario_document_get_file (document));
  g_assert_false (sky_scenario_document_get_busy (document));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A file that is not local is refused too. */
  {
    g_autoptr(GFile) remote = g_file_new_for_uri ("https://example.invalid/costs.skytally");

    g_clear_error (&error);
    g_assert_false (save (document, remote, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_true (sky_scenario_document_get_modified (document));
  }

  g_assert_finalize_object (g_steal_pointer (&document));
  sky_test_remove_tree (dir);
}

/* changed is emitted for every change of the scenario, for another scenario and for another
 * catalog; not for a new name, which changes no figure. */
static void
test_changed_signal (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autoptr(GFile) source = data_gfile ("web.skytally");
  g_autoptr(GError) error = NULL;
  guint changed = 0, loaded = 0;
  SkyScenario *s;

  g_signal_connect (document, "changed", G_CALLBACK (count_signal_cb), &changed);
  g_signal_connect (document, "loaded", G_CALLBACK (count_signal_cb), &loaded);

  sky_scenario_document_add_line (document, new_line ("Web"));
  g_assert_cmpuint (changed, ==, 1);
  s = sky_scenario_document_edit (document, NULL);
  s->projection_months = 24;
  sky_scenario_document_edited (document);
  g_assert_cmpuint (changed, ==, 2);
  sky_scenario_document_set_name (document, "Shop");
  g_assert_cmpuint (changed, ==, 2);
  sky_scenario_document_undo (document);
  g_assert_cmpuint (changed, ==, 3);
  sky_scenario_document_catalog_changed (document);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (loaded, ==, 0);

  g_assert_true (load (document, source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (loaded, ==, 1);
  sky_scenario_document_new_scenario (document);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpuint (loaded, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&document));
}

/* With a catalog, every change is priced in a thread: busy while it is, then the estimate,
 * told; a scenario whose providers are all taken away has none. */
static void
test_estimate (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml",
                                                  NULL);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  const SkyEstimate *e;
  guint estimates = 0, busy = 0;
  SkyScenario *s;

  catalog = sky_catalog_open (catalog_path, &error);
  g_assert_no_error (error);
  imported = sky_catalog_import_file (catalog, sheet, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sky_scenario_document_set_catalog_path (document, catalog_path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sky_scenario_document_get_catalog (document));

  g_signal_connect (document, "notify::estimate", G_CALLBACK (count_cb), &estimates);
  g_signal_connect (document, "notify::busy", G_CALLBACK (count_cb), &busy);
  sky_scenario_document_new_scenario (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->providers->len, ==, 1);
  sky_scenario_document_add_line (document, new_line ("Web"));
  g_assert_true (sky_scenario_document_get_busy (document));
  wait_until_idle (document);
  g_assert_cmpuint (busy, ==, 2);
  e = sky_scenario_document_get_estimate (document);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->providers->len, ==, 1);
  g_assert_cmpuint (((SkyEstimateProvider *) g_ptr_array_index (e->providers, 0))->lines->len,
                    ==, 1);
  g_assert_cmpuint (estimates, >=, 1);
  g_assert_null (sky_scenario_document_get_estimate_error (document));

  s = sky_scenario_document_edit (document, NULL);
  g_ptr_array_set_size (s->providers, 0);
  sky_scenario_document_edited (document);
  g_assert_false (sky_scenario_document_get_busy (document));
  g_assert_null (sky_scenario_document_get_estimate (document));

  /* A pricing of an older scenario may still be telling that it was dropped. */
  wait_until_released (document);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* A new scenario is priced on each provider of the catalog once, also on one with two current
 * sheets, each current for some of its services. */
static void
test_new_scenario_providers_once (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.db", NULL);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "valid-small.xml", "compute-only-2026.3.xml" };
  guint current = 0;

  catalog = sky_catalog_open (catalog_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", names[i], NULL);
      g_autoptr(SkyImportResult) imported = sky_catalog_import_file (catalog, sheet, NULL, NULL,
                                                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (imported);
    }
  sheets = sky_catalog_list_sheets (catalog, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sheets->len; i++)
    current += ((SkySheetInfo *) g_ptr_array_index (sheets, i))->current;
  g_assert_cmpuint (current, ==, 2);
  g_assert_true (sky_scenario_document_set_catalog_path (document, catalog_path, &error));
  g_assert_no_error (error);

  sky_scenario_document_new_scenario (document);
  g_assert_cmpuint (sky_scenario_document_get_scenario (document)->providers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sky_scenario_document_get_scenario (document)->providers,
                                      0), ==, "examplecloud");

  wait_until_released (document);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* The catalog's sheets are listed when the catalog changes, for the views to read at every
 * edit without asking the catalog again. */
static void
test_sheets_listed_on_catalog_change (void)
{
  g_autoptr(SkyScenarioDocument) document = sky_scenario_document_new ();
  g_autofree char *dir = sky_test_make_dir ();
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *sheet = g_test_build_filename (G_TEST_DIST, "data", "valid-small.xml", NULL);
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(SkyImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sheets;

  g_assert_null (sky_scenario_document_get_sheets (document));
  catalog = sky_catalog_open (catalog_path, &error);
  g_assert_no_error (error);
  g_assert_true (sky_scenario_document_set_catalog_path (document, catalog_path, &error));
  g_assert_no_error (error);
  sheets = sky_scenario_document_get_sheets (document);
  g_assert_nonnull (sheets);
  g_assert_cmpuint (sheets->len, ==, 0);

  /* An import the document is not told of yet: the sheets it holds are unchanged. */
  imported = sky_catalog_import_file (catalog, sheet, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  sky_scenario_document_edit (document, NULL)->projection_months = 24;
  sky_scenario_document_edited (document);
  g_assert_cmpuint (sky_scenario_document_get_sheets (document)->len, ==, 0);

  sky_scenario_document_catalog_changed (document);
  sheets = sky_scenario_document_get_sheets (document);
  g_assert_cmpuint (sheets->len, ==, 1);
  g_assert_cmpstr (((SkySheetInfo *) g_ptr_array_index (sheets, 0))->provider, ==,
                   "examplecloud");

  wait_until_released (document);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_clear_object (&catalog);
  sky_test_remove_tree (dir);
}

/* A document let go while it reads the recovery copy (its window closed) still finishes, is
 * then finalized, and leaves no recovery copy to be written after it. */
static void
test_let_go_while_loading (void)
{
  SkyScenarioDocument *document = sky_scenario_document_new ();
  g_autofree char *recovery = sky_scenario_document_recovery_path ();
  g_autofree char *dir = g_path_get_dirname (recovery);
  g_autoptr(SkyScenario) kept = sky_scenario_new ("Kept", "USD");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (sky_recovery_write (recovery, kept, NULL, &error));
  g_assert_no_error (error);

  sky_scenario_document_restore_recovery_async (document, NULL, async_done_cb, &result);
  /* What the window's dispose does to it. */
  g_object_run_dispose (G_OBJECT (document));
  wait_for_result (&result);
  g_assert_true (sky_scenario_document_restore_recovery_finish (document, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  wait_until_released (document);
  g_assert_finalize_object (document);

  /* Past the few seconds after which a recovery copy would be written. */
  g_assert_cmpint (g_unlink (recovery), ==, 0);
  until = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      guint tick = g_timeout_add (50, tick_cb, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
    }
  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sky/scenario-document/load-save-round-trip", test_load_save_round_trip);
  g_test_add_func ("/sky/scenario-document/modified-title-notifies",
                   test_modified_title_notifies);
  g_test_add_func ("/sky/scenario-document/undo-redo", test_undo_redo);
  g_test_add_func ("/sky/scenario-document/autosave-and-discard", test_autosave_and_discard);
  g_test_add_func ("/sky/scenario-document/save-failure", test_save_failure);
  g_test_add_func ("/sky/scenario-document/changed-signal", test_changed_signal);
  g_test_add_func ("/sky/scenario-document/kept-offers", test_kept_offers);
  g_test_add_func ("/sky/scenario-document/estimate", test_estimate);
  g_test_add_func ("/sky/scenario-document/new-scenario-providers-once",
                   test_new_scenario_providers_once);
  g_test_add_func ("/sky/scenario-document/let-go-while-loading", test_let_go_while_loading);
  g_test_add_func ("/sky/scenario-document/sheets-listed-on-catalog-change",
                   test_sheets_listed_on_catalog_change);

  return g_test_run ();
}
