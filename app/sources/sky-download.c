/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-download"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sky-download.h"

#define DEFAULT_MAX_TRIES       5
#define DEFAULT_RETRY_DELAY_MS  1000
#define MAX_RETRY_AFTER_S       60
/* No answer, or no byte of one, for this long: the try has failed. */
#define IO_TIMEOUT_S            60
/* Too Many Requests, which libsoup has no name for. */
#define STATUS_TOO_MANY_REQUESTS 429
#define CHUNK                   (64 * 1024)
#define META_GROUP              "Download"
#define STALE_PART_S            (24 * 60 * 60)

struct _SkyDownloader
{
  char                  *cache_dir;
  gboolean               force;
  guint                  max_tries;
  guint                  retry_delay_ms;
  SkyUpdateProgressFunc  progress;
  gpointer               progress_data;
  SoupSession           *session;       /* made on first use, in the thread that uses it */
  SkyDownloadCounts      counts;
  GPtrArray             *fetched;       /* the key files of the entries fetched, in order */
};

SkyDownloader *
sky_downloader_new (const char *cache_dir,
                    gboolean    force,
                    guint       max_tries,
                    guint       retry_delay_ms)
{
  SkyDownloader *downloader = g_new0 (SkyDownloader, 1);

  downloader->cache_dir = cache_dir != NULL
    ? g_strdup (cache_dir)
    : g_build_filename (g_get_user_cache_dir (), "skytally", "price-lists", NULL);
  downloader->force = force;
  downloader->max_tries = max_tries > 0 ? max_tries : DEFAULT_MAX_TRIES;
  downloader->retry_delay_ms = retry_delay_ms > 0 ? retry_delay_ms : DEFAULT_RETRY_DELAY_MS;
  downloader->fetched = g_ptr_array_new_with_free_func (g_free);
  return downloader;
}

void
sky_downloader_free (SkyDownloader *downloader)
{
  if (downloader == NULL)
    return;
  g_clear_object (&downloader->session);
  g_clear_pointer (&downloader->fetched, g_ptr_array_unref);
  g_free (downloader->cache_dir);
  g_free (downloader);
}

void
sky_downloader_set_progress (SkyDownloader         *downloader,
                             SkyUpdateProgressFunc  progress,
                             gpointer               user_data)
{
  g_return_if_fail (downloader != NULL);

  downloader->progress = progress;
  downloader->progress_data = user_data;
}

const SkyDownloadCounts *
sky_downloader_get_counts (SkyDownloader *downloader)
{
  g_return_val_if_fail (downloader != NULL, NULL);

  return &downloader->counts;
}

GPtrArray *
sky_downloader_get_fetched (SkyDownloader *downloader)
{
  g_return_val_if_fail (downloader != NULL, NULL);

  return downloader->fetched;
}

const char *
sky_downloader_get_cache_dir (SkyDownloader *downloader)
{
  g_return_val_if_fail (downloader != NULL, NULL);

  return downloader->cache_dir;
}

/* Waits, unless cancelled first. */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean cancelled;
} Wait;

static void
wake_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_mutex_lock (&wait->mutex);
  wait->cancelled = TRUE;
  g_cond_broadcast (&wait->cond);
  g_mutex_unlock (&wait->mutex);
}

static gboolean
wait_cancellable (guint64        ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Wait wait = { 0 };
  gint64 end = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  gulong handler = 0;

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_cb), &wait, NULL);
  g_mutex_lock (&wait.mutex);
  while (!wait.cancelled && g_cond_wait_until (&wait.cond, &wait.mutex, end))
    ;
  g_mutex_unlock (&wait.mutex);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  g_cond_clear (&wait.cond);
  g_mutex_clear (&wait.mutex);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The cache entry of a URL: its body and its key file. */
typedef struct
{
  char *body;
  char *meta;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->body);
  g_free (entry->meta);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entry, entry_clear)

static void
entry_init (Entry      *entry,
            const char *cache_dir,
            const char *url)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *last = uri != NULL ? g_path_get_basename (g_uri_get_path (uri)) : NULL;
  g_autofree char *key = NULL;
  g_autofree char *meta = NULL;

  /* A checksum of the whole URL, and its last segment for a person (and a converter's
   * messages) to recognise the file by: 3f2a…-sizes. */
  if (last != NULL)
    {
      g_strcanon (last, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "._-", '_');
      if (strlen (last) > 40 || strcmp (last, "/") == 0 || strcmp (last, ".") == 0)
        g_clear_pointer (&last, g_free);
    }
  key = g_strdup_printf ("%.32s%s%s", checksum, last != NULL ? "-" : "",
                         last != NULL ? last : "");
  meta = g_strconcat (key, ".ini", NULL);
  entry->body = g_build_filename (cache_dir, key, NULL);
  entry->meta = g_build_filename (cache_dir, meta, NULL);
}

/* The key file of an entry whose body is there too; NULL when there is none. */
static GKeyFile *
entry_load (const Entry *entry)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();

  if (!g_file_test (entry->body, G_FILE_TEST_IS_REGULAR) ||
      !g_key_file_load_from_file (meta, entry->meta, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_steal_pointer (&meta);
}

static gboolean
entry_save (const Entry  *entry,
            const char   *url,
            SoupMessage  *message,
            GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *redacted = sky_download_redact_url (url);
  g_autofree char *fetched = g_date_time_format_iso8601 (now);
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *modified = soup_message_headers_get_one (headers, "Last-Modified");

  g_key_file_set_string (meta, META_GROUP, "URL", redacted);
  if (etag != NULL)
    g_key_file_set_string (meta, META_GROUP, "ETag", etag);
  if (modified != NULL)
    g_key_file_set_string (meta, META_GROUP, "Last-Modified", modified);
  g_key_file_set_string (meta, META_GROUP, "Fetched", fetched);
  return g_key_file_save_to_file (meta, entry->meta, error);
}

static void
report (SkyDownloader *downloader,
        const char    *what,
        guint64        done,
        guint64        total)
{
  if (downloader->progress != NULL)
    downloader->progress (what, done, total, downloader->progress_data);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       /* Translators: “Cannot write FILE: REASON” */
                       _("Cannot write %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      data += written;
      length -= written;
    }
  return TRUE;
}

/* What one try ended with. */
typedef enum
{
  TRY_DONE,        /* the body is in the cache */
  TRY_AGAIN,       /* a 429, a 5xx or a connection that failed: *error says which */
  TRY_FAILED,      /* an error no retry can mend */
} TryOutcome;

/* The answer's body into a temporary file beside the entry, renamed into place once whole. */
static TryOutcome
receive_body (SkyDownloader  *downloader,
              const char     *url,
              const char     *redacted,
              const Entry    *entry,
              SoupMessage    *message,
              GInputStream   *stream,
              GCancellable   *cancellable,
              GError        **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  gboolean plain = encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0;
  guint64 total = 0;
  guint64 done = 0;
  g_autofree char *temp = g_strconcat (entry->body, ".part-XXXXXX", NULL);
  g_autofree char *buffer = g_malloc (CHUNK);
  g_autofree char *what = g_strdup_printf (_("Downloading %s"), redacted);
  g_autoptr(GError) read_error = NULL;
  int fd;

  /* Where the body is compressed, the stream gives more bytes than the header says. */
  if (plain && soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    total = soup_message_headers_get_content_length (headers);

  fd = g_mkstemp (temp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: “Cannot write FILE: REASON” */
                   _("Cannot write %s: %s"), temp, g_strerror (saved));
      return TRY_FAILED;
    }

  report (downloader, what, 0, total);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, CHUNK, cancellable, &read_error);

      if (n <= 0)
        break;
      if (!write_all (fd, buffer, n, temp, error))
        {
          close (fd);
          g_unlink (temp);
          return TRY_FAILED;
        }
      done += n;
      downloader->counts.bytes += n;
      report (downloader, what, done, total);
    }
  /* On disk before it is renamed into place: a crash leaves the old body or the new one. */
  if (read_error == NULL && fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: “Cannot write FILE: REASON” */
                   _("Cannot write %s: %s"), temp, g_strerror (saved));
      return TRY_FAILED;
    }
  close (fd);

  if (read_error != NULL && g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_unlink (temp);
      g_propagate_error (error, g_steal_pointer (&read_error));
      return TRY_FAILED;
    }
  if ((read_error != NULL &&
       g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)) ||
      (read_error == NULL && total > 0 && done < total))
    {
      g_unlink (temp);
      if (total > 0)
        g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TRUNCATED,
                     /* Translators: “URL: the answer ended after N of its M bytes” */
                     _("%s: the answer ended after %llu of its %llu bytes"), redacted,
                     (unsigned long long) done, (unsigned long long) total);
      else
        g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TRUNCATED,
                     /* Translators: “URL: the answer ended before its end (REASON)” */
                     _("%s: the answer ended before its end (%s)"), redacted,
                     read_error->message);
      return TRY_AGAIN;
    }
  if (read_error != NULL)
    {
      g_unlink (temp);
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP,
                   /* Translators: “Reading the answer of URL failed: REASON” */
                   _("Reading the answer of %s failed: %s"), redacted, read_error->message);
      return TRY_AGAIN;
    }

  /* The old validators go first: they must never describe the new body. */
  g_unlink (entry->meta);
  if (g_rename (temp, entry->body) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: “Cannot write FILE: REASON” */
                   _("Cannot write %s: %s"), entry->body, g_strerror (saved));
      return TRY_FAILED;
    }
  if (!entry_save (entry, url, message, error))
    return TRY_FAILED;
  downloader->counts.downloaded++;
  return TRY_DONE;
}

/* Retry-After in seconds (a number, or an HTTP date), capped; -1 when not given. */
static gint64
retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autofree char *trimmed = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT64, &seconds, NULL))
    return (gint64) MIN (seconds, MAX_RETRY_AFTER_S) * 1000;
  else
    {
      g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span;

      if (date == NULL)
        return -1;
      span = g_date_time_difference (date, now) / G_TIME_SPAN_MILLISECOND;
      return CLAMP (span, 0, MAX_RETRY_AFTER_S * 1000);
    }
}

static const char *
reason_of (SoupMessage *message)
{
  const char *reason = soup_message_get_reason_phrase (message);

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (soup_message_get_status (message));
  return reason != NULL ? reason : "";
}

static TryOutcome
try_once (SkyDownloader       *downloader,
          const char          *url,
          const char          *redacted,
          const char * const  *headers,
          const Entry         *entry,
          GKeyFile            *cached,
          gint64              *wait_ms,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) send_error = NULL;
  SoupMessageHeaders *request_headers;
  guint status;

  if (message == NULL)
    {
      /* Translators: %s is what was given where a URL was expected. */
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_MALFORMED, _("Not a URL: %s"),
                   redacted);
      return TRY_FAILED;
    }
  request_headers = soup_message_get_request_headers (message);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (cached != NULL)
    {
      g_autofree char *etag = g_key_file_get_string (cached, META_GROUP, "ETag", NULL);
      g_autofree char *modified = g_key_file_get_string (cached, META_GROUP, "Last-Modified",
                                                         NULL);

      if (etag != NULL)
        soup_message_headers_replace (request_headers, "If-None-Match", etag);
      if (modified != NULL)
        soup_message_headers_replace (request_headers, "If-Modified-Since", modified);
    }

  downloader->counts.requests++;
  stream = soup_session_send (downloader->session, message, cancellable, &send_error);
  if (stream == NULL)
    {
      if (g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&send_error));
          return TRY_FAILED;
        }
      if (send_error->domain == G_TLS_ERROR ||
          soup_message_get_tls_peer_certificate_errors (message) != 0)
        {
          g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
          const char *host = uri != NULL ? g_uri_get_host (uri) : redacted;

          if (g_error_matches (send_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
              soup_message_get_tls_peer_certificate_errors (message) != 0)
            g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TLS,
                         /* Translators: “Refused to connect to HOST: its certificate is not
                          * trusted (REASON)” */
                         _("Refused to connect to %s: its certificate is not trusted (%s)"),
                         host, send_error->message);
          else
            g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_TLS,
                         /* Translators: “The secure connection to HOST failed: REASON” */
                         _("The secure connection to %s failed: %s"), host,
                         send_error->message);
          return TRY_FAILED;
        }
      g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP,
                   /* Translators: “URL could not be reached: REASON” */
                   _("%s could not be reached: %s"), redacted, send_error->message);
      return TRY_AGAIN;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NOT_MODIFIED && cached != NULL)
    {
      downloader->counts.not_modified++;
      g_input_stream_close (stream, NULL, NULL);
      return TRY_DONE;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return receive_body (downloader, url, redacted, entry, message, stream, cancellable, error);

  g_set_error (error, SKY_UPDATE_ERROR, SKY_UPDATE_ERROR_HTTP,
               /* Translators: “URL answered 500 Internal Server Error” */
               _("%s answered %u %s"), redacted, status, reason_of (message));
  g_input_stream_close (stream, NULL, NULL);
  if (status == STATUS_TOO_MANY_REQUESTS || SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      *wait_ms = retry_after_ms (message);
      return TRY_AGAIN;
    }
  return TRY_FAILED;
}

/* What a download that was killed left: temporary bodies older than a day (a younger one may
 * be another update's, under way). */
static void
remove_stale_parts (const char *cache_dir)
{
  g_autoptr(GDir) dir = g_dir_open (cache_dir, 0, NULL);
  gint64 limit = g_get_real_time () / G_USEC_PER_SEC - STALE_PART_S;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf info;

      if (strstr (name, ".part-") == NULL)
        continue;
      path = g_build_filename (cache_dir, name, NULL);
      if (g_lstat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_mtime < limit)
        g_unlink (path);
    }
}

char *
sky_downloader_fetch (gpointer             fetcher,
                      const char          *url,
                      const char * const  *headers,
                      GCancellable        *cancellable,
                      GError             **error)
{
  SkyDownloader *downloader = fetcher;
  g_autofree char *redacted = NULL;
  g_auto(Entry) entry = { 0 };
  g_autoptr(GKeyFile) cached = NULL;
  guint64 delay_ms;

  g_return_val_if_fail (downloader != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_mkdir_with_parents (downloader->cache_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: “Cannot make the folder FOLDER: REASON” */
                   _("Cannot make the folder %s: %s"), downloader->cache_dir,
                   g_strerror (saved));
      return NULL;
    }
  if (downloader->session == NULL)
    {
      remove_stale_parts (downloader->cache_dir);
      downloader->session = soup_session_new_with_options ("user-agent",
                                                           "Skytally/" PACKAGE_VERSION,
                                                           "timeout", IO_TIMEOUT_S,
                                                           NULL);
    }

  redacted = sky_download_redact_url (url);
  entry_init (&entry, downloader->cache_dir, url);
  if (!downloader->force)
    cached = entry_load (&entry);

  delay_ms = downloader->retry_delay_ms;
  for (guint try = 1;; try++)
    {
      g_autoptr(GError) try_error = NULL;
      gint64 wait_ms = -1;

      switch (try_once (downloader, url, redacted, headers, &entry, cached, &wait_ms,
                        cancellable, &try_error))
        {
        case TRY_DONE:
          g_ptr_array_add (downloader->fetched, g_strdup (entry.meta));
          return g_strdup (entry.body);
        case TRY_FAILED:
          g_propagate_error (error, g_steal_pointer (&try_error));
          return NULL;
        case TRY_AGAIN:
          if (try >= downloader->max_tries)
            {
              if (try > 1)
                g_set_error (error, try_error->domain, try_error->code,
                             /* Translators: “ERROR after N tries”, N always more than one */
                             _("%s after %u tries"), try_error->message, try);
              else
                g_propagate_error (error, g_steal_pointer (&try_error));
              return NULL;
            }
          break;
        default:
          g_assert_not_reached ();
        }

      downloader->counts.retries++;
      if (!wait_cancellable (wait_ms >= 0 ? (guint64) wait_ms : delay_ms, cancellable, error))
        return NULL;
      delay_ms = MIN (delay_ms * 2, (guint64) MAX_RETRY_AFTER_S * 1000);
    }
}
