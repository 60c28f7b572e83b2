/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-cli-util.h"

G_BEGIN_DECLS

/* The commands of skytally-cli, each run with the arguments from its name on. */
typedef int (*SkyCliCommandFunc) (const SkyCliGlobals  *globals,
                                  int                   argc,
                                  char                **argv);

int sky_cli_import   (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_sheets   (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_search   (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_estimate (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_validate (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_match    (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_compare  (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_score    (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_project  (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_availability (const SkyCliGlobals  *globals,
                          int                   argc,
                          char                **argv);
int sky_cli_export   (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_convert  (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);
int sky_cli_import_converted (const SkyCliGlobals  *globals,
                              int                   argc,
                              char                **argv);

int sky_cli_update   (const SkyCliGlobals  *globals,
                      int                   argc,
                      char                **argv);

G_END_DECLS
