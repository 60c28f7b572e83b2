/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-cli-util.h"
#include "sky-scenario.h"

G_BEGIN_DECLS

/* Standard input, given as “-”, where a command reads a file (see sky-cli-input.c). */
typedef struct
{
  char *path;   /* where it is read from: /dev/stdin, or a private copy */
  char *dir;    /* the copy's folder, or NULL */
} SkyCliStdin;

gboolean     sky_cli_is_stdin           (const char         *path);
const char  *sky_cli_stdin_name         (void);
SkyScenario *sky_cli_load_scenario      (const char         *path,
                                         GError            **error);
gboolean     sky_cli_stdin_open         (SkyCliStdin        *in,
                                         GError            **error);
void         sky_cli_stdin_clear        (SkyCliStdin        *in);
char        *sky_cli_stdin_rename       (const SkyCliStdin  *in,
                                         const char         *text);
void         sky_cli_stdin_rename_error (const SkyCliStdin  *in,
                                         GError             *error);
gboolean     sky_cli_find_stdin         (int                 n_files,
                                         char              **files,
                                         int                *place,
                                         int                *status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SkyCliStdin, sky_cli_stdin_clear)

G_END_DECLS
