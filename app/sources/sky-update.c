/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-update"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef HAVE_SOUP
#include "sky-download.h"
#endif
#include "sky-source.h"
#include "sky-update-private.h"

/* Updating from the providers: the request checked, the provider's plan run with the
 * downloader, and each batch it gives converted into one sheet of a private folder. */

static const char * const aws_services[] = {
  "ec2", "ebs", "rds-postgres", "rds-mysql", "s3", "lambda", "data-transfer-out", NULL
};
static const char * const azure_services[] = {
  "virtual-machines", "managed-disks", "blob-storage", "postgresql-flexible",
  "postgresql-hyperscale", "mysql-flexible", "sql-database", "bandwidth", "functions", NULL
};
static const char * const gcp_services[] = {
  "compute-engine", "persistent-disk", "internet-egress", "cloud-storage", NULL
};
static const char * const digitalocean_services[] = { "droplets", NULL };

static const SkyUpdateProvider providers[] = {
  { "aws", N_("Amazon Web Services"), NULL, NULL, TRUE, aws_services },
  { "azure", N_("Microsoft Azure"), NULL, NULL, TRUE, azure_services },
  { "gcp", N_("Google Cloud"), N_("API key"), "SKYTALLY_GCP_API_KEY", FALSE, gcp_services },
  { "digitalocean", N_("DigitalOcean"), N_("token"), "DIGITALOCEAN_TOKEN", FALSE,
    digitalocean_services },
};

/* What the public table does not say: where, how and in which formats. */
typedef struct
{
  const char        *endpoint;
  const char        *option;      /* the command line's option for the credential */
  SkyUpdatePlanFunc  plan;
  const char * const formats[3];
} Plan;

static const Plan plans[G_N_ELEMENTS (providers)] = {
  { "https://pricing.us-east-1.amazonaws.com", NULL, _sky_update_plan_aws,
    { "aws-offer-csv", "aws-savings-plans-csv" } },
  { "https://prices.azure.com", NULL, _sky_update_plan_azure, { "azure-retail-json" } },
  { "https://cloudbilling.googleapis.com", "--api-key", _sky_update_plan_gcp,
    { "gcp-skus-json" } },
  { "https://api.digitalocean.com", "--token", _sky_update_plan_digitalocean,
    { "digitalocean-json" } },
};

guint
sky_update_n_providers (void)
{
  return G_N_ELEMENTS (providers);
}

const SkyUpdateProvider *
sky_update_nth_provider (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (providers), NULL);

  return &providers[index];
}

const SkyUpdateProvider *
sky_update_find_provider (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (strcmp (providers[i].id, id) == 0)
      return &providers[i];
  return NULL;
}

static char *
provider_ids (void)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", providers[i].id);
  return g_string_free (ids, FALSE);
}

/* The request checked; the credential to use (the request's or the environment's) in
 * *@credential, and the provider's plan in *@plan. */
static gboolean
check_request (const SkyUpdateRequest   *request,
               const SkyUpdateProvider **provider_out,
               const Plan              **plan_out,
               const char              **credential,
               GError                  **error)
{
  const SkyUpdateProvider *provider = sky_update_find_provider (request->provider);
  const Plan *plan;

  if (provider == NULL)
    {
      g_autofree char *ids = provider_ids ();

      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_PROVIDER,
                   /* Translators: “Unknown provider “X” (one of: aws, azure, …)” */
                   _("Unknown provider “%s” (one of: %s)"), request->provider, ids);
      return FALSE;
    }
  plan = &plans[provider - providers];

  for (guint i = 0; request->services != NULL && request->services[i] != NULL; i++)
    if (!g_strv_contains (provider->services, request->services[i]))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) provider->services);

        g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNKNOWN_SERVICE,
                     /* Translators: “The update of PROVIDER does not read the service “S”
                      * (it reads: a, b, c)” */
                     _("The update of %s does not read the service “%s” (it reads: %s)"),
                     _(provider->name), request->services[i], known);
        return FALSE;
      }

  if (provider->regional && (request->regions == NULL || request->regions[0] == NULL))
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_REGION,
                   /* Translators: %s is a provider's name. */
                   _("The price lists of %s are per region: name at least one region"),
                   _(provider->name));
      return FALSE;
    }

  *credential = request->credential;
  if (provider->credential != NULL && (*credential == NULL || **credential == '\0'))
    {
      *credential = g_getenv (provider->credential_env);
      if (*credential == NULL || **credential == '\0')
        {
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_NO_CREDENTIALS,
                       /* Translators: “The update of PROVIDER needs an API key / a token:
                        * give it with --OPTION or in the environment variable VARIABLE” */
                       _("The update of %s needs its %s: give it with %s or in the "
                         "environment variable %s"),
                       _(provider->name), _(provider->credential), plan->option,
                       provider->credential_env);
          return FALSE;
        }
    }

  if (!sky_update_available ())
    {
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNAVAILABLE,
                   _("This build cannot update %s: it was made without %s"),
                   _(provider->name), "libsoup");
      return FALSE;
    }
  for (guint i = 0; plan->formats[i] != NULL; i++)
    {
      const SkySourceFormat *format = sky_source_find_format (plan->formats[i]);

      if (format != NULL && !format->available)
        {
          g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_UNAVAILABLE,
                       /* Translators: “This build cannot update PROVIDER: it was made
                        * without LIBRARY” */
                       _("This build cannot update %s: it was made without %s"),
                       _(provider->name), format->missing);
          return FALSE;
        }
    }

  *provider_out = provider;
  *plan_out = plan;
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
sky_update_result_free (SkyUpdateResult *result)
{
  if (result == NULL)
    return;
  if (result->temp_dir != NULL)
    remove_tree (result->temp_dir);
  g_free (result->temp_dir);
  g_clear_pointer (&result->sheets, g_ptr_array_unref);
  g_clear_pointer (&result->summary, sky_convert_summary_free);
  g_clear_pointer (&result->cache_entries, g_ptr_array_unref);
  g_free (result);
}

void
sky_update_forget (const SkyUpdateResult *result)
{
  g_return_if_fail (result != NULL);

  for (guint i = 0; result->cache_entries != NULL && i < result->cache_entries->len; i++)
    g_unlink (g_ptr_array_index (result->cache_entries, i));
}

#ifdef HAVE_SOUP
static gboolean
convert_batches (const SkyUpdateProvider  *provider,
                 GPtrArray                *batches,
                 SkyUpdateProgressFunc     progress,
                 gpointer                  progress_data,
                 SkyUpdateResult          *result,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  for (guint i = 0; i < batches->len; i++)
    {
      SkyUpdateBatch *batch = g_ptr_array_index (batches, i);
      g_autofree char *name = g_strdup_printf ("%u-%s.xml", i + 1, provider->id);
      g_autofree char *sheet = g_build_filename (result->temp_dir, name, NULL);
      SkyConvertOptions options = {
        .source_url = batch->source_url,
        .retrieved = today,
        .version = batch->version,
      };

      if (batch->files->len == 0)
        continue;
      if (progress != NULL)
        progress (_("Converting"), i, batches->len, progress_data);
      g_ptr_array_add (batch->files, NULL);
      if (!sky_source_convert (batch->format, (const char * const *) batch->files->pdata,
                               &options, sheet, result->summary, cancellable, error))
        {
          g_ptr_array_remove_index (batch->files, batch->files->len - 1);
          return FALSE;
        }
      g_ptr_array_remove_index (batch->files, batch->files->len - 1);
      g_ptr_array_add (result->sheets, g_steal_pointer (&sheet));
    }
  if (progress != NULL)
    progress (_("Converting"), batches->len, batches->len, progress_data);
  return TRUE;
}

static gboolean
run_update (const SkyUpdateRequest   *request,
            const SkyUpdateProvider  *provider,
            const Plan               *plan,
            const char               *credential,
            SkyUpdateProgressFunc     progress,
            gpointer                  progress_data,
            SkyUpdateResult         **result_out,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(SkyUpdateResult) result = NULL;
  g_autoptr(SkyDownloader) downloader = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  SkyUpdateRequest filled;
  SkyUpdatePlanContext context = { 0 };
  const SkyDownloadCounts *counts;
  gboolean ok;

  result = g_new0 (SkyUpdateResult, 1);
  result->sheets = g_ptr_array_new_with_free_func (g_free);
  result->summary = sky_convert_summary_new ();
  result->temp_dir = g_dir_make_tmp ("skytally-update-XXXXXX", error);
  if (result->temp_dir == NULL)
    return FALSE;

  filled = *request;
  if (filled.endpoint == NULL || *filled.endpoint == '\0')
    filled.endpoint = plan->endpoint;
  downloader = sky_downloader_new (request->cache_dir, request->force, request->max_tries,
                                   request->retry_delay_ms);
  sky_downloader_set_progress (downloader, progress, progress_data);
  batches = g_ptr_array_new_with_free_func ((GDestroyNotify) _sky_update_batch_free);
  context.request = &filled;
  context.credential = credential;
  context.fetch = sky_downloader_fetch;
  context.fetcher = downloader;
  context.batches = batches;
  context.cancellable = cancellable;

  ok = plan->plan (&context, error);
  counts = sky_downloader_get_counts (downloader);
  result->requests = counts->requests;
  result->not_modified = counts->not_modified;
  result->retries = counts->retries;
  result->bytes = counts->bytes;
  result->cache_entries = g_ptr_array_ref (sky_downloader_get_fetched (downloader));
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok)
    {
      result->unchanged = !request->force && counts->downloaded == 0 &&
                          counts->not_modified > 0;
      ok = result->unchanged ||
           convert_batches (provider, batches, progress, progress_data, result, cancellable,
                            error);
    }
  /* Lists fetched but not made into sheets must not look unchanged to the next update. */
  if (!ok)
    {
      sky_update_forget (result);
      return FALSE;
    }
  *result_out = g_steal_pointer (&result);
  return TRUE;
}
#endif

gboolean
sky_update_fetch (const SkyUpdateRequest  *request,
                  SkyUpdateProgressFunc    progress,
                  gpointer                 progress_data,
                  SkyUpdateResult        **result_out,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  const SkyUpdateProvider *provider = NULL;
  const Plan *plan = NULL;
  const char *credential = NULL;

  g_return_val_if_fail (request != NULL && request->provider != NULL, FALSE);
  g_return_val_if_fail (result_out != NULL, FALSE);

  if (!check_request (request, &provider, &plan, &credential, error))
    return FALSE;
#ifdef HAVE_SOUP
  return run_update (request, provider, plan, credential, progress, progress_data, result_out,
                     cancellable, error);
#else
  /* check_request refuses every update where this build cannot download. */
  g_assert_not_reached ();
  return FALSE;
#endif
}

gboolean
sky_update_available (void)
{
#ifdef HAVE_SOUP
  return TRUE;
#else
  return FALSE;
#endif
}

/* The request copied for the thread. */
typedef struct
{
  SkyUpdateRequest       request;
  SkyUpdateProgressFunc  progress;
  gpointer               progress_data;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free ((char *) data->request.provider);
  g_strfreev ((char **) data->request.services);
  g_strfreev ((char **) data->request.regions);
  g_free ((char *) data->request.credential);
  g_free ((char *) data->request.endpoint);
  g_free ((char *) data->request.cache_dir);
  g_free (data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  SkyUpdateResult *result = NULL;
  GError *error = NULL;

  if (sky_update_fetch (&data->request, data->progress, data->progress_data, &result,
                        cancellable, &error))
    g_task_return_pointer (task, result, (GDestroyNotify) sky_update_result_free);
  else
    g_task_return_error (task, error);
}

void
sky_update_fetch_async (const SkyUpdateRequest *request,
                        SkyUpdateProgressFunc   progress,
                        gpointer                progress_data,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (request != NULL && request->provider != NULL);

  data = g_new0 (FetchData, 1);
  data->request = *request;
  data->request.provider = g_strdup (request->provider);
  data->request.services = (const char * const *) g_strdupv ((char **) request->services);
  data->request.regions = (const char * const *) g_strdupv ((char **) request->regions);
  data->request.credential = g_strdup (request->credential);
  data->request.endpoint = g_strdup (request->endpoint);
  data->request.cache_dir = g_strdup (request->cache_dir);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_update_fetch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, fetch_thread);
}

SkyUpdateResult *
sky_update_fetch_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sky_update_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
