/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sky-cli-input.h"

/* “-” as a file to read: standard input. A scenario is read from it as from a file. A price
 * sheet or a provider's price list is read by a path, and the readers go back in a file (to
 * point at an error's column, to tell a compressed sheet by its first bytes): standard input
 * redirected from a file is read in place, through /dev/stdin; from a pipe it is first copied,
 * a piece at a time, into a private temporary file, so that memory stays the same whatever its
 * size. Messages say “standard input” where they would name the file. */

#define COPY_CHUNK (64 * 1024)

/* The copy of standard input being kept, removed if the program is interrupted or killed by a
 * signal that can be caught: a sheet may be large, and no one else knows to remove it. */
static struct
{
  char             *path;
  char             *dir;
  struct sigaction  old[3];
} spool;

static const int spool_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void
remove_spool_cb (int signum)
{
  /* Only async-signal-safe calls here. */
  if (spool.path != NULL)
    unlink (spool.path);
  if (spool.dir != NULL)
    rmdir (spool.dir);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
guard_spool (const char *path,
             const char *dir)
{
  struct sigaction action = { .sa_handler = remove_spool_cb };

  spool.path = g_strdup (path);
  spool.dir = g_strdup (dir);
  sigemptyset (&action.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (spool_signals); i++)
    sigaction (spool_signals[i], &action, &spool.old[i]);
}

static void
unguard_spool (void)
{
  if (spool.path == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (spool_signals); i++)
    sigaction (spool_signals[i], &spool.old[i], NULL);
  g_clear_pointer (&spool.path, g_free);
  g_clear_pointer (&spool.dir, g_free);
}

gboolean
sky_cli_is_stdin (const char *path)
{
  return path != NULL && strcmp (path, "-") == 0;
}

const char *
sky_cli_stdin_name (void)
{
  /* Translators: how a message names what was read from standard input, in place of a file
   * name ("standard input:3:7: …"). */
  return _("standard input");
}

/* A failure to read standard input, which the message names as a file would be named. */
static void
set_read_error (GError     **error,
                int          saved)
{
  /* Translators: %s is “standard input”, then the reason. */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s: cannot read: %s"),
               sky_cli_stdin_name (), g_strerror (saved));
}

SkyScenario *
sky_cli_load_scenario (const char  *path,
                       GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  guint8 buffer[COPY_CHUNK];

  if (!sky_cli_is_stdin (path))
    return sky_scenario_load (path, error);

  /* Read to its end, but never more than a scenario file may hold (and one byte to tell). */
  data = g_byte_array_new ();
  while (data->len <= SKY_SCENARIO_MAX_SIZE)
    {
      gssize n = read (STDIN_FILENO, buffer,
                       MIN (sizeof buffer, (gsize) SKY_SCENARIO_MAX_SIZE + 1 - data->len));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, errno);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
    }
  if (data->len > SKY_SCENARIO_MAX_SIZE)
    {
      g_set_error (error, SKY_SCENARIO_ERROR, SKY_SCENARIO_ERROR_TOO_LARGE,
                   /* Translators: %s is “standard input”, %d a number of MiB. */
                   _("%s: a scenario file is at most %d MiB"), sky_cli_stdin_name (),
                   SKY_SCENARIO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  return sky_scenario_parse ((const char *) data->data, data->len, sky_cli_stdin_name (), error);
}

/* Copies standard input, a piece at a time, into @path; FALSE with an error naming what
 * failed. */
static gboolean
copy_stdin (const char  *path,
            GError     **error)
{
  g_autofree char *buffer = g_malloc (COPY_CHUNK);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      /* Translators: %s is “standard input”, then a file and the reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot keep it in %s: %s"), sky_cli_stdin_name (), path,
                   g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer, COPY_CHUNK);
      gssize written = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          set_read_error (error, saved);
          return FALSE;
        }
      if (n == 0)
        break;
      while (written < n)
        {
          gssize w = write (fd, buffer + written, (gsize) (n - written));

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              saved = errno;
              close (fd);
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           _("%s: cannot keep it in %s: %s"), sky_cli_stdin_name (), path,
                           g_strerror (saved));
              return FALSE;
            }
          written += w;
        }
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot keep it in %s: %s"), sky_cli_stdin_name (), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
sky_cli_stdin_open (SkyCliStdin  *in,
                    GError      **error)
{
  struct stat st;

  g_return_val_if_fail (in != NULL && in->path == NULL, FALSE);

  if (fstat (STDIN_FILENO, &st) != 0)
    {
      set_read_error (error, errno);
      return FALSE;
    }
  /* Redirected from a file: read in place, from its start. */
  if (S_ISREG (st.st_mode))
    {
      in->path = g_strdup ("/dev/stdin");
      return TRUE;
    }
  /* Named "stdin", as the catalog keeps the name of the file a sheet came from. */
  in->dir = g_dir_make_tmp ("skytally-stdin-XXXXXX", error);
  if (in->dir == NULL)
    return FALSE;
  in->path = g_build_filename (in->dir, "stdin", NULL);
  guard_spool (in->path, in->dir);
  if (!copy_stdin (in->path, error))
    {
      sky_cli_stdin_clear (in);
      return FALSE;
    }
  return TRUE;
}

void
sky_cli_stdin_clear (SkyCliStdin *in)
{
  if (in->dir != NULL)
    {
      g_unlink (in->path);
      g_rmdir (in->dir);
      unguard_spool ();
    }
  g_clear_pointer (&in->path, g_free);
  g_clear_pointer (&in->dir, g_free);
}

/* @text with the path standard input was read through named as standard input. */
char *
sky_cli_stdin_rename (const SkyCliStdin *in,
                      const char        *text)
{
  g_autoptr(GString) renamed = g_string_new (text);

  if (in->path != NULL)
    g_string_replace (renamed, in->path, sky_cli_stdin_name (), 0);
  return g_string_free (g_steal_pointer (&renamed), FALSE);
}

void
sky_cli_stdin_rename_error (const SkyCliStdin *in,
                            GError            *error)
{
  char *message;

  if (error == NULL || in->path == NULL)
    return;
  message = sky_cli_stdin_rename (in, error->message);
  g_free (error->message);
  error->message = message;
}

/* Finds “-” among @files (@n_files of them): -1 when none is, its place when one is. FALSE,
 * with a usage error in @status, when it is given more than once. */
gboolean
sky_cli_find_stdin (int          n_files,
                    char       **files,
                    int         *place,
                    int         *status)
{
  *place = -1;
  for (int i = 0; i < n_files; i++)
    {
      if (!sky_cli_is_stdin (files[i]))
        continue;
      if (*place >= 0)
        {
          /* Translators: keep “-” as it is. */
          *status = sky_cli_usage_error (_("“-” (standard input) can be given once only"));
          return FALSE;
        }
      *place = i;
    }
  return TRUE;
}
