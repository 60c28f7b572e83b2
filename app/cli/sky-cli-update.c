/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <string.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sky-cli.h"

/* skytally-cli update PROVIDER: the provider's current price lists downloaded, converted (by
 * the converters' module, which also does the download) and imported. Every sheet of an update
 * is imported, or none: a failed import takes back the sheets this update added before it. */

/* Places of skipped rows listed per reason in a summary; the counts are always whole. */
#define MAX_PLACES 10

typedef struct
{
  const SkySourceApi *api;
  GMainLoop          *loop;
  GCancellable       *cancellable;
  SkyUpdateResult    *result;
  GError             *error;
  gboolean            cancelled_by_user;
} Update;

/* In the update's thread; only where a person watches standard error. */
static void
show_progress (const char *what,
               guint64     done,
               guint64     total,
               gpointer    user_data)
{
  if (total > 0)
    g_printerr ("\r\033[K%s… %3u%%", what, (guint) (MIN (done, total) * 100 / total));
  else if (done > 0)
    {
      g_autofree char *size = g_format_size (done);

      g_printerr ("\r\033[K%s… %s", what, size);
    }
  else
    g_printerr ("\r\033[K%s…", what);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Update *update = user_data;

  update->cancelled_by_user = TRUE;
  g_cancellable_cancel (update->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Update *update = user_data;

  update->result = update->api->update_fetch_finish (result, &update->error);
  g_main_loop_quit (update->loop);
}

static const SkyUpdateProvider *
find_provider (const SkySourceApi *api,
               const char         *id)
{
  for (guint i = 0; i < api->update_n_providers (); i++)
    if (strcmp (api->update_nth_provider (i)->id, id) == 0)
      return api->update_nth_provider (i);
  return NULL;
}

/* What --help says after the options. */
static char *
describe_providers (const SkySourceApi *api)
{
  GString *text = g_string_new (NULL);

  g_string_append (text, _("Providers:\n"));
  for (guint i = 0; api != NULL && i < api->update_n_providers (); i++)
    {
      const SkyUpdateProvider *provider = api->update_nth_provider (i);
      g_autofree char *services = g_strjoinv (", ", (char **) provider->services);

      g_string_append_printf (text, "  %-13s %s", provider->id, _(provider->name));
      if (provider->credential != NULL)
        /* Translators: after a provider's name: “needs its token (or VARIABLE)” */
        g_string_append_printf (text, _("; needs its %s (%s or %s)"), _(provider->credential),
                                strcmp (provider->credential, "token") == 0 ? "--token"
                                                                             : "--api-key",
                                provider->credential_env);
      g_string_append_c (text, '\n');
      /* Translators: the services a provider's update reads. */
      g_string_append_printf (text, _("                services: %s\n"), services);
    }
  g_string_append (text,
    _("\nThe lists are kept in a cache ($XDG_CACHE_HOME/skytally/price-lists) with their\n"
      "ETag and Last-Modified, and asked for again only if they changed (unless --force): an\n"
      "update that finds every list unchanged imports nothing. A 429 or 5xx answer is tried\n"
      "again, up to 5 times, waiting longer each time. A provider whose lists are per region\n"
      "(aws, azure) updates the regions of its current offers in the catalog unless --region\n"
      "names them. Ctrl-C cancels. An update that fails or is cancelled changes nothing.\n"
      "docs/updating.md says what each provider's update fetches.\n"));
  return g_string_free (text, FALSE);
}

/* The regions of the provider's current offers in the catalog: of the regions of the current
 * sheets, those where the provider has an offer (counted, not listed: a catalog may hold
 * millions of them). */
static GPtrArray *
catalog_regions (SkyCatalog  *catalog,
                 const char  *provider,
                 GError     **error)
{
  g_autoptr(GPtrArray) all = sky_catalog_list_regions (catalog, error);
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);

  if (all == NULL)
    return NULL;
  /* Code and name, in turn. */
  for (guint i = 0; i + 1 < all->len; i += 2)
    {
      const char *code = g_ptr_array_index (all, i);
      SkySearchQuery query = {
        .provider = provider,
        .region = code,
        .architecture = SKY_SEARCH_ANY,
        .tenancy = SKY_SEARCH_ANY,
        .licence = SKY_SEARCH_ANY,
        .software = SKY_SEARCH_ANY,
        .capacity = SKY_SEARCH_ANY,
      };
      guint64 count = 0;

      if (!sky_catalog_count (catalog, &query, &count, error))
        return NULL;
      if (count > 0 && !g_ptr_array_find_with_equal_func (regions, code, g_str_equal, NULL))
        g_ptr_array_add (regions, g_strdup (code));
    }
  return g_steal_pointer (&regions);
}

/* Imports the sheets in order; if one fails, the ones added before it are removed. */
static gboolean
import_sheets (SkyCatalog       *catalog,
               SkyUpdateResult  *result,
               GError          **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < result->sheets->len; i++)
    {
      const char *sheet = g_ptr_array_index (result->sheets, i);
      g_autofree char *name = g_path_get_basename (sheet);
      g_autoptr(SkyImportResult) imported = NULL;

      imported = sky_catalog_import_file_full (catalog, sheet, SKY_IMPORT_FLAGS_NONE, NULL,
                                               NULL, NULL, error);
      if (imported == NULL)
        {
          for (guint j = added->len; j >= 2; j -= 2)
            {
              g_autoptr(GError) remove_error = NULL;

              if (!sky_catalog_remove_sheet (catalog, g_ptr_array_index (added, j - 2),
                                             g_ptr_array_index (added, j - 1), &remove_error))
                g_printerr ("skytally-cli: %s\n", remove_error->message);
            }
          return FALSE;
        }
      if (imported->status == SKY_IMPORT_ADDED)
        {
          g_ptr_array_add (added, g_strdup (imported->provider));
          g_ptr_array_add (added, g_strdup (imported->version));
        }
      g_ptr_array_add (lines, sky_cli_import_line (name, imported));
      /* What changed since the sheet it replaces. */
      if (imported->status == SKY_IMPORT_ADDED && imported->superseded != NULL)
        {
          SkySheetDiff diff;

          if (sky_catalog_diff_sheets (catalog, imported->provider, imported->superseded,
                                       imported->version, &diff, NULL))
            {
              g_autofree char *counts = sky_sheet_diff_describe (&diff);

              /* Translators: “  since VERSION: 3 prices lower, 1 higher, …” */
              g_ptr_array_add (lines, g_strdup_printf (_("  since %s: %s"),
                                                       imported->superseded, counts));
            }
        }
    }
  for (guint i = 0; i < lines->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (lines, i));
  return TRUE;
}

int
sky_cli_update (const SkyCliGlobals *globals,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SkyCatalog) catalog = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) services = NULL;
  g_auto(GStrv) region_options = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *size = NULL;
  g_autofree char *summary = NULL;
  gboolean force = FALSE;
  const SkySourceApi *api;
  const SkyUpdateProvider *provider;
  SkyUpdateRequest request = { 0 };
  Update update = { 0 };
  guint signal_source;
  int status = 0;
  gboolean imported;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING_ARRAY, &services,
      N_("Update this service only (may be repeated; default: every one listed below)"),
      "SERVICE" },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &region_options,
      N_("Update this region (may be repeated; default: the regions of the provider's "
         "current offers in the catalog)"), "REGION" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key,
      N_("Google Cloud's API key (default: the environment variable named below)"), "KEY" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("DigitalOcean's API token (default: the environment variable named below)"),
      "TOKEN" },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("Ask this server instead of the provider's public one (a mirror)"), "URL" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Download every list again, even if the cache has it unchanged"), NULL },
    { NULL }
  };

  api = sky_cli_load_sources (&error);
  context = sky_cli_context_new (NULL);
  description = api != NULL ? describe_providers (api)
                            : g_strdup_printf ("%s\n", error->message);
  g_option_context_set_description (context, description);
  if (!sky_cli_parse_options (context, entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sky_cli_usage_error (_("update needs one PROVIDER"));
  if (api == NULL)
    return sky_cli_user_error (error);
  provider = find_provider (api, argv[1]);
  if (provider == NULL)
    {
      GString *ids = g_string_new (NULL);

      for (guint i = 0; i < api->update_n_providers (); i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", api->update_nth_provider (i)->id);
      status = sky_cli_usage_error (_("unknown provider “%s” (one of: %s)"), argv[1], ids->str);
      g_string_free (ids, TRUE);
      return status;
    }
  if ((api_key != NULL && g_strcmp0 (provider->credential, "API key") != 0) ||
      (token != NULL && g_strcmp0 (provider->credential, "token") != 0))
    /* Translators: “PROVIDER takes no --api-key” */
    return sky_cli_usage_error (_("%s takes no %s"), provider->id,
                                api_key != NULL ? "--api-key" : "--token");

  catalog = sky_cli_open_catalog (globals, &error);
  if (catalog == NULL)
    return sky_cli_user_error (error);
  if (provider->regional && (region_options == NULL || region_options[0] == NULL))
    {
      regions = catalog_regions (catalog, provider->id, &error);
      if (regions == NULL)
        return sky_cli_user_error (error);
      if (regions->len == 0)
        return sky_cli_usage_error (_("the catalog has no current offers of %s to take the "
                                      "regions from: name them with --region"), provider->id);
      g_ptr_array_add (regions, NULL);
    }

  request.provider = provider->id;
  request.services = (const char * const *) services;
  request.regions = regions != NULL ? (const char * const *) regions->pdata
                                    : (const char * const *) region_options;
  request.credential = api_key != NULL ? api_key : token;
  request.endpoint = endpoint;
  request.force = force;

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  update.api = api;
  update.loop = loop;
  update.cancellable = cancellable;
  signal_source = g_unix_signal_add (SIGINT, interrupted_cb, &update);
  /* Progress only for a person watching: never in a pipe or a log. */
  api->update_fetch_async (&request, isatty (STDERR_FILENO) ? show_progress : NULL, NULL,
                           cancellable, fetched_cb, &update);
  g_main_loop_run (loop);
  g_source_remove (signal_source);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");

  if (update.result == NULL)
    {
      g_autoptr(GError) fetch_error = g_steal_pointer (&update.error);

      if (g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("skytally-cli: %s\n", _("update cancelled: nothing changed"));
          return SKY_CLI_EXIT_USER_ERROR;
        }
      return sky_cli_user_error (fetch_error);
    }

  size = g_format_size (update.result->bytes);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: “N request (N not modified, N retries), SIZE received” */
                        "%u request (%u not modified, %u retries), %s received\n",
                        "%u requests (%u not modified, %u retries), %s received\n",
                        update.result->requests),
           update.result->requests, update.result->not_modified, update.result->retries, size);
  if (update.result->unchanged)
    {
      /* Translators: %s is a provider's name. */
      g_print (_("%s price lists unchanged since the last update: nothing imported.\n"),
               _(provider->name));
      api->update_result_free (update.result);
      return 0;
    }
  summary = api->summary_format (update.result->summary, MAX_PLACES);
  g_print ("%s", summary);
  imported = import_sheets (catalog, update.result, &error);
  /* The cache forgets these lists, so that the next update fetches and imports them. */
  if (!imported)
    api->update_forget (update.result);
  api->update_result_free (update.result);
  if (!imported)
    {
      g_autofree char *message = g_strdup_printf (_("%s; nothing changed"), error->message);

      g_free (error->message);
      error->message = g_steal_pointer (&message);
      return sky_cli_user_error (error);
    }
  return 0;
}
