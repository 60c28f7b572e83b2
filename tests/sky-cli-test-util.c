/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sky-cli-test-util.h"

/* How the CLI tests run skytally-cli (SKYTALLY_CLI) and read back what it writes. */

void
sky_cli_run_clear (SkyCliRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

static char *
bytes_to_text (GBytes *bytes,
               gsize  *len)
{
  gsize n = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &n) : NULL;

  if (len != NULL)
    *len = n;
  return g_strndup (data != NULL ? data : "", n);
}

/* Runs skytally-cli with the arguments (NULL-terminated) and returns its output and status:
 * its input and output as @io says (NULL: no input, output read back), in @envp (NULL: this
 * process's environment); @child_setup (when not NULL) runs in the child before it starts. */
void
sky_cli_run_valist (SkyCliRun            *r,
                    const SkyCliIo       *io,
                    char                **envp,
                    GSpawnChildSetupFunc  child_setup,
                    const char           *first,
                    va_list               args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) input = NULL, out = NULL, err = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_ptr_array_add (argv, (char *) g_getenv ("SKYTALLY_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  if (io == NULL || io->stdout_fd < 0)
    flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  if (io != NULL && io->pipe_text != NULL)
    {
      flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
      input = g_bytes_new (io->pipe_text, io->pipe_len == (gsize) -1 ? strlen (io->pipe_text)
                                                                      : io->pipe_len);
    }
  launcher = g_subprocess_launcher_new (flags);
  if (envp != NULL)
    g_subprocess_launcher_set_environ (launcher, envp);
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  if (io != NULL && io->file != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, io->file);
  if (io != NULL && io->stdout_fd >= 0)
    g_subprocess_launcher_take_stdout_fd (launcher, dup (io->stdout_fd));
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (child, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  r->status = g_subprocess_get_exit_status (child);
  r->out = bytes_to_text (out, &r->out_len);
  r->err = bytes_to_text (err, NULL);
}

void
sky_cli_run (SkyCliRun            *r,
             const SkyCliIo       *io,
             char                **envp,
             GSpawnChildSetupFunc  child_setup,
             const char           *first,
             ...)
{
  va_list args;

  va_start (args, first);
  sky_cli_run_valist (r, io, envp, child_setup, first, args);
  va_end (args);
}
