/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#include "sky-sheet-reader.h"

/* skytally-cli: the commands, their one-line help, and the usage printed from them. */

typedef struct
{
  const char        *name;
  const char        *arguments;   /* as the usage shows them, or NULL */
  SkyCliCommandFunc  run;
  const char        *help;        /* one line */
} Command;

/* import --from FORMAT FILE… converts and imports; import FILE… imports sheets. */
static int
run_import (const SkyCliGlobals  *globals,
            int                   argc,
            char                **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--from") == 0 || g_str_has_prefix (argv[i], "--from="))
      return sky_cli_import_converted (globals, argc, argv);
  return sky_cli_import (globals, argc, argv);
}

static const Command commands[] = {
  /* Translators: the one-line help of each command in “skytally-cli --help”. */
  { "import", N_("FILE…"), run_import, N_("Load price sheets into the catalog") },
  { "convert", N_("FILE…"), sky_cli_convert,
    N_("Write a provider's price list (--from FORMAT) as a price sheet") },
  { "update", N_("PROVIDER"), sky_cli_update,
    N_("Download a provider's current price lists and import them") },
  { "sheets", NULL, sky_cli_sheets,
    N_("List the price sheets in the catalog (sheets remove: remove one)") },
  { "search", NULL, sky_cli_search, N_("Find offers in the current price sheets") },
  { "estimate", N_("FILE"), sky_cli_estimate, N_("Price a scenario on each of its providers") },
  { "validate", N_("FILE"), sky_cli_validate, N_("Check a scenario file") },
  { "match", NULL, sky_cli_match, N_("Each provider's offers that meet a requirement") },
  { "compare", N_("SKU…"), sky_cli_compare, N_("Offers side by side") },
  { "score", N_("FILE"), sky_cli_score, N_("Rank a scenario's candidates by its criteria") },
  { "project", N_("FILE"), sky_cli_project, N_("A scenario month by month, against its budget") },
  { "export", N_("FILE"), sky_cli_export,
    N_("Write a projection for finance (CSV, JSON, PDF)") },
};

/* The command and its arguments take this many columns, the help the rest of the line. */
#define COMMAND_COLUMNS 15

static void
print_usage (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: keep the command names and the option names (--catalog, --no-seed,
   * --read-only, --version, -h, --help) as they are; PATH, COMMAND and OPTIONS may be
   * translated. */
  g_string_append (text, _("Usage:\n"
                           "  skytally-cli [--catalog PATH] [--no-seed] [--read-only] COMMAND "
                           "[OPTIONS…]\n"
                           "\n"
                           "Commands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = commands[i].arguments != NULL
                              ? g_strdup_printf ("%s %s", commands[i].name,
                                                 _(commands[i].arguments))
                              : g_strdup (commands[i].name);
      glong width = g_utf8_strlen (call, -1);

      g_string_append_printf (text, "  %s", call);
      for (glong c = width; c < COMMAND_COLUMNS; c++)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s%s\n", width >= COMMAND_COLUMNS ? " " : "",
                              _(commands[i].help));
    }
  g_string_append (text,
    /* Translators: keep the option names as they are; keep $XDG_DATA_HOME as it is. */
    _("\n"
      "Options:\n"
      "  --catalog PATH   The catalog to use (default: $XDG_DATA_HOME/skytally/catalog.db)\n"
      "  --no-seed        Do not load the bundled price sheets into a new catalog, now or "
      "later\n"
      "  --read-only      Write nothing to the catalog\n"
      "  --version        Print the version\n"
      "  -h, --help       Show this help; COMMAND --help shows a command's options\n"));
  g_print ("%s", text->str);
}

static const Command *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  SkyCliGlobals globals = { 0 };
  const Command *command;
  int i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("skytally-cli");
  sky_sheet_reader_init ();
  /* Past a file size limit, a write fails and is reported (the import rolled back) rather
   * than the process being killed. */
  signal (SIGXFSZ, SIG_IGN);

  /* Global options come before the command. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage ();
          return 0;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          g_print ("skytally-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (strcmp (argv[i], "--no-seed") == 0)
        globals.no_seed = TRUE;
      else if (strcmp (argv[i], "--read-only") == 0)
        globals.read_only = TRUE;
      else if (strcmp (argv[i], "--catalog") == 0 && i + 1 < argc)
        globals.catalog_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--catalog="))
        globals.catalog_path = argv[i] + strlen ("--catalog=");
      else
        return sky_cli_usage_error (_("unknown option “%s”"), argv[i]);
    }

  if (i >= argc)
    return sky_cli_usage_error (_("no command given"));
  if (strcmp (argv[i], "help") == 0)
    {
      print_usage ();
      return 0;
    }
  command = find_command (argv[i]);
  if (command == NULL)
    return sky_cli_usage_error (_("unknown command “%s”"), argv[i]);
  return command->run (&globals, argc - i, argv + i);
}
