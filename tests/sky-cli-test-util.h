/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a run of skytally-cli wrote, and the status it exited with. */
typedef struct
{
  char  *out;
  gsize  out_len;   /* out's length, for output that holds NUL bytes */
  char  *err;
  int    status;
} SkyCliRun;

void sky_cli_run_clear (SkyCliRun *r);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SkyCliRun, sky_cli_run_clear)

/* Where a child's standard input comes from, and where its standard output goes. */
typedef struct
{
  const char *pipe_text;     /* written into a pipe, when not NULL */
  gsize       pipe_len;      /* its length; -1 as a gsize for a string */
  const char *file;          /* redirected from this file, when not NULL */
  int         stdout_fd;     /* -1 for a pipe read back into SkyCliRun.out */
} SkyCliIo;

void sky_cli_run_valist (SkyCliRun            *r,
                         const SkyCliIo       *io,
                         char                **envp,
                         GSpawnChildSetupFunc  child_setup,
                         const char           *first,
                         va_list               args);

void sky_cli_run (SkyCliRun            *r,
                  const SkyCliIo       *io,
                  char                **envp,
                  GSpawnChildSetupFunc  child_setup,
                  const char           *first,
                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
