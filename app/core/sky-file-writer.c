/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-file-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sky-file-writer.h"

/* Every file Skytally writes goes through here, so that none is clobbered or widened:
 *
 * - A regular file (or one that does not exist yet) is written to a temporary file of its
 *   folder, created exclusively (a name nobody can guess, never an existing file or link) and
 *   readable by the user alone, then given its mode, synced and renamed over the file. A
 *   failure removes the temporary file and leaves the file as it was.
 * - A symbolic link, or a chain of them, is followed to the file it ends at, which is replaced
 *   as above; the links stay links.
 * - Standard output ("-", /dev/stdout), a device, a named pipe, and a pipe or terminal named
 *   by a descriptor (/dev/fd/N) are written to directly, never replaced.
 *
 * A replaced file keeps its mode (and its owner, where that can be kept); a new one gets the
 * usual mode, 0666 less the umask, or 0600 with SKY_FILE_WRITE_PRIVATE. */

#define MAX_LINKS 40

struct _SkyFileWrite
{
  char     *path;        /* as given, for messages */
  char     *target;      /* the file replaced; NULL when written directly */
  char     *temp;        /* the temporary file, until it is renamed or removed */
  int       fd;
  gboolean  close_fd;    /* FALSE for a descriptor of the process's own (standard output) */
  mode_t    mode;
  gboolean  keep_owner;
  uid_t     uid;
  gid_t     gid;
  gboolean  committed;
};

static gboolean
fail (GError     **error,
      int          saved_errno,
      const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot write %s: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Standard output or error, when @path names it: "-" (only as given, not as a link's target),
 * /dev/stdout, /dev/stderr, /dev/fd/1 or 2, /proc/self/fd/1 or 2; else -1. */
static int
standard_descriptor (const char *path,
                     gboolean    given)
{
  if (given && strcmp (path, "-") == 0)
    return STDOUT_FILENO;
  for (int fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
    {
      const char *names[] = { fd == STDOUT_FILENO ? "/dev/stdout" : "/dev/stderr",
                              fd == STDOUT_FILENO ? "/dev/fd/1" : "/dev/fd/2",
                              fd == STDOUT_FILENO ? "/proc/self/fd/1" : "/proc/self/fd/2" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (strcmp (path, names[i]) == 0)
          return fd;
    }
  return -1;
}

/* Whether @path is in the kernel's /proc (as /dev/fd is): a link there names an open file
 * ("pipe:[1234]") rather than a path, so it is opened, not followed. */
static gboolean
is_kernel_path (const char *path)
{
  return g_str_has_prefix (path, "/proc/") || g_str_has_prefix (path, "/dev/fd/");
}

/* Follows the symbolic links of @path to the name they end at (which may not exist yet) or to
 * a name in /proc (@kernel set), or sets @fd to standard output or error when they lead
 * there. */
static char *
resolve (const char  *path,
         int         *fd,
         gboolean    *kernel,
         GError     **error)
{
  g_autofree char *current = g_strdup (path);

  *fd = standard_descriptor (path, TRUE);
  *kernel = FALSE;
  for (guint i = 0; *fd < 0 && i <= MAX_LINKS; i++)
    {
      GStatBuf st;
      g_autofree char *next = NULL;
      g_autoptr(GError) local = NULL;

      if (is_kernel_path (current))
        {
          *kernel = TRUE;
          return g_steal_pointer (&current);
        }
      if (g_lstat (current, &st) != 0)
        {
          if (errno == ENOENT)
            return g_steal_pointer (&current);
          fail (error, errno, path);
          return NULL;
        }
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      next = g_file_read_link (current, &local);
      if (next == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path,
                       local->message);
          return NULL;
        }
      if (!g_path_is_absolute (next))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, next, NULL);

          g_free (next);
          next = g_steal_pointer (&joined);
        }
      g_free (current);
      current = g_steal_pointer (&next);
      *fd = standard_descriptor (current, FALSE);
    }
  if (*fd >= 0)
    return NULL;
  fail (error, ELOOP, path);
  return NULL;
}

/* The start of a temporary file's name, from its file's: as long a name as the file's own
 * would not fit with the rest (255 bytes in all), so a long one is cut, between characters. */
static char *
name_stem (const char *target)
{
  g_autofree char *base = g_path_get_basename (target);
  gsize n = strlen (base);

  if (n <= 200)
    return g_steal_pointer (&base);
  for (n = 200; n > 0 && ((guchar) base[n] & 0xC0) == 0x80; n--)
    ;
  return g_strndup (base, n);
}

/* The umask, read without changing it (umask() would change it for every thread). */
static mode_t
current_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return (mode_t) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
  return 022;
}

/**
 * sky_file_write_begin:
 * @path: the file to write, "-" for standard output
 *
 * Starts writing @path as the file's comment says. Nothing is replaced until
 * sky_file_write_commit(); sky_file_write_free() before that leaves it as it was.
 */
SkyFileWrite *
sky_file_write_begin (const char         *path,
                      SkyFileWriteFlags   flags,
                      GError            **error)
{
  g_autoptr(SkyFileWrite) self = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;
  gboolean kernel = FALSE;
  int fd = -1;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  self = g_new0 (SkyFileWrite, 1);
  self->path = g_strdup (path);
  self->fd = -1;
  target = resolve (path, &fd, &kernel, error);
  if (fd >= 0)
    {
      /* What the program printed before goes first. */
      if (fd == STDOUT_FILENO)
        fflush (stdout);
      self->fd = fd;
      return g_steal_pointer (&self);
    }
  if (target == NULL)
    return NULL;

  if (kernel && g_stat (target, &st) != 0)
    {
      fail (error, errno, path);
      return NULL;
    }
  if (kernel && S_ISREG (st.st_mode))
    {
      /* A descriptor of a file (which may be one Skytally itself has open, its catalog) is
       * neither written in place nor replaced. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot write %s: through a descriptor only a pipe, a terminal or a device "
                     "is written; name the file instead"), path);
      return NULL;
    }
  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          fail (error, EISDIR, path);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        {
          self->fd = g_open (target, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
          if (self->fd < 0)
            {
              fail (error, errno, path);
              return NULL;
            }
          self->close_fd = TRUE;
          return g_steal_pointer (&self);
        }
      self->mode = st.st_mode & 07777;
      self->keep_owner = st.st_uid != geteuid () || st.st_gid != getegid ();
      self->uid = st.st_uid;
      self->gid = st.st_gid;
    }
  else
    self->mode = 0666 & ~current_umask ();
  if (flags & SKY_FILE_WRITE_PRIVATE)
    self->mode = 0600;

  dir = g_path_get_dirname (target);
  base = name_stem (target);
  self->temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* O_EXCL: a new file of a name not known before, never a link or a file planted there. */
  self->fd = g_mkstemp_full (self->temp, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->temp, g_free);
      fail (error, saved, path);
      return NULL;
    }
  self->close_fd = TRUE;
  self->target = g_steal_pointer (&target);
  return g_steal_pointer (&self);
}

gboolean
sky_file_write_append (SkyFileWrite  *self,
                       const void    *data,
                       gsize          length,
                       GError       **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (length > 0)
    {
      gssize n = write (self->fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return fail (error, errno, self->path);
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Whether the bytes go straight where they are meant to (standard output, a device, a pipe),
 * with nothing to put in place. */
gboolean
sky_file_write_is_direct (const SkyFileWrite *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->temp == NULL;
}

const char *
sky_file_write_get_path (const SkyFileWrite *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/* Gives the temporary file its mode and owner and syncs it, or closes what was written
 * directly. */
static gboolean
finish (SkyFileWrite  *self,
        GError       **error)
{
  int fd = self->fd;

  self->fd = -1;
  if (self->temp == NULL)
    {
      if (self->close_fd && close (fd) != 0 && errno != EINTR)
        return fail (error, errno, self->path);
      return TRUE;
    }
  /* Root replacing another's file gives it back; anyone else cannot, and keeps it. */
  if (self->keep_owner && fchown (fd, self->uid, self->gid) != 0)
    g_debug ("%s keeps a new owner: %s", self->path, g_strerror (errno));
  if (fchmod (fd, self->mode) != 0 || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      return fail (error, saved, self->path);
    }
  if (close (fd) != 0 && errno != EINTR)
    return fail (error, errno, self->path);
  return TRUE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* The rename is durable once the folder is synced; some file systems cannot sync one. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* A second name for @target's present contents, to put back if a later rename fails. */
static char *
keep_aside (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = name_stem (target);

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return NULL;
  for (guint i = 0; i < 100; i++)
    {
      char *aside = g_strdup_printf ("%s/.%s.%08x", dir, base, g_random_int ());

      /* link() never follows or replaces what is at the new name. */
      if (link (target, aside) == 0)
        return aside;
      g_free (aside);
      if (errno != EEXIST)
        break;
    }
  return NULL;
}

/**
 * sky_file_write_commit_all:
 * @writes: (array length=n_writes): files begun with sky_file_write_begin()
 *
 * Puts every file in place, or none: each is synced first, and only when all are written are
 * they renamed over their targets. Should a rename fail, the targets renamed before it are put
 * back as they were. Files written directly cannot be taken back.
 */
gboolean
sky_file_write_commit_all (SkyFileWrite **writes,
                           guint          n_writes,
                           GError       **error)
{
  g_autoptr(GPtrArray) aside = g_ptr_array_new_with_free_func (g_free);
  guint renamed;
  int saved = 0;

  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);

  for (guint i = 0; i < n_writes; i++)
    {
      g_return_val_if_fail (writes[i] != NULL && !writes[i]->committed, FALSE);
      if (!finish (writes[i], error))
        return FALSE;
    }

  for (renamed = 0; renamed < n_writes; renamed++)
    {
      SkyFileWrite *w = writes[renamed];

      g_ptr_array_add (aside, w->temp != NULL && renamed + 1 < n_writes
                              ? keep_aside (w->target) : NULL);
      if (w->temp != NULL && g_rename (w->temp, w->target) != 0)
        {
          g_autofree char *unused = NULL;

          saved = errno;
          unused = g_ptr_array_steal_index (aside, renamed);
          if (unused != NULL)
            g_unlink (unused);
          break;
        }
      g_clear_pointer (&w->temp, g_free);
    }

  if (renamed < n_writes)
    {
      /* Back as they were: the old contents return, a new file goes. */
      for (guint i = 0; i < renamed; i++)
        {
          SkyFileWrite *w = writes[i];
          const char *old = g_ptr_array_index (aside, i);

          if (w->target == NULL)
            continue;
          if (old != NULL)
            g_rename (old, w->target);
          else
            g_unlink (w->target);
        }
      return fail (error, saved, writes[renamed]->path);
    }

  for (guint i = 0; i < n_writes; i++)
    {
      const char *old = g_ptr_array_index (aside, i);

      if (old != NULL)
        g_unlink (old);
      if (writes[i]->target != NULL)
        sync_folder (writes[i]->target);
      writes[i]->committed = TRUE;
    }
  return TRUE;
}

gboolean
sky_file_write_commit (SkyFileWrite  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return sky_file_write_commit_all (&self, 1, error);
}

/* Frees @self; a file not committed is left as it was, and the temporary file removed. */
void
sky_file_write_free (SkyFileWrite *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0 && self->close_fd)
    close (self->fd);
  if (self->temp != NULL)
    g_unlink (self->temp);
  g_free (self->temp);
  g_free (self->target);
  g_free (self->path);
  g_free (self);
}

/* Writes @data to @path as the file's comment says: whole, or not at all. */
gboolean
sky_file_write_contents (const char         *path,
                         const char         *data,
                         gssize              length,
                         SkyFileWriteFlags   flags,
                         GError            **error)
{
  g_autoptr(SkyFileWrite) w = NULL;

  g_return_val_if_fail (path != NULL && data != NULL, FALSE);

  w = sky_file_write_begin (path, flags, error);
  return w != NULL &&
         sky_file_write_append (w, data, length < 0 ? strlen (data) : (gsize) length, error) &&
         sky_file_write_commit (w, error);
}
