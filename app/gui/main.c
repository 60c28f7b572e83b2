/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally"

#include "config.h"

#include <locale.h>
#include <signal.h>

#include <glib/gi18n.h>

#include "sky-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SkyApplication) app = NULL;

  sky_application_choose_renderer ();
  /* Past a file size limit, a write fails and is reported rather than the window killed. */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  /* SKYTALLY_LOCALEDIR: the translations of an uninstalled build (the tests, meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SKYTALLY_LOCALEDIR") != NULL
                                   ? g_getenv ("SKYTALLY_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sky_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
