/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "skytally-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sky-cli.h"
#ifdef SKY_CLI_FULL
#include "sky-sheet-reader.h"
#endif

/* skytally-cli: the commands, their one-line help, and the usage printed from them.
 *
 * This file makes two programs. skytally-cli itself has --version, --help and search only,
 * and links only what a search needs (GLib, GIO, SQLite, JSON-GLib): a search starts without
 * libxml2, ICU, the C++ runtime or nettle. Every other command, and a search that must first
 * load the bundled sheets into a new catalog, is run by skytally-cli-full (the
 * same commands, built with SKY_CLI_FULL), which skytally-cli executes in its place with the
 * same arguments. */

#ifdef SKY_CLI_FULL
#define FULL(run) run
#else
/* Run by skytally-cli-full. */
#define FULL(run) NULL
#endif

typedef struct
{
  const char        *name;
  const char        *arguments;   /* as the list of commands shows them, or NULL */
  SkyCliCommandFunc  run;
  const char        *help;        /* one line */
  const char        *synopsis;    /* after the options in the command's usage line, or NULL */
  const char        *note;        /* what the command's help says of - , or NULL */
} Command;

#ifdef SKY_CLI_FULL
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
#endif

/* Translators: what the help of a command that reads a scenario says of “-”. */
#define SCENARIO_NOTE N_("A SCENARIO of “-” is read from standard input.")

static const Command commands[] = {
  /* Translators: the one-line help of each command in “skytally-cli --help”; the words in
   * capitals after a command name its arguments in its usage line. */
  { "import", N_("FILE…"), FULL (run_import), N_("Load price sheets into the catalog"),
    N_("FILE…"),
    N_("A FILE of “-” is read from standard input (a sheet, compressed or not).") },
  { "convert", N_("FILE…"), FULL (sky_cli_convert),
    N_("Write a provider's price list (--from FORMAT) as a price sheet"),
    N_("--from FORMAT FILE… -o SHEET"),
    N_("A FILE of “-” is read from standard input; “-o -” writes the sheet to standard\n"
       "output.") },
  { "update", N_("PROVIDER"), FULL (sky_cli_update),
    N_("Download a provider's current price lists and import them"), N_("PROVIDER"), NULL },
  { "sheets", NULL, FULL (sky_cli_sheets),
    N_("List the price sheets in the catalog (sheets remove: remove one)"),
    N_("[remove PROVIDER VERSION | diff PROVIDER OLD NEW]"), NULL },
  { "search", NULL, sky_cli_search, N_("Find offers in the current price sheets"), NULL, NULL },
  { "estimate", N_("FILE"), FULL (sky_cli_estimate),
    N_("Price a scenario on each of its providers"), N_("SCENARIO"), SCENARIO_NOTE },
  { "validate", N_("FILE"), FULL (sky_cli_validate), N_("Check a scenario file"),
    N_("SCENARIO"), SCENARIO_NOTE },
  { "match", NULL, FULL (sky_cli_match), N_("Each provider's offers that meet a requirement"),
    N_("--category CAT"), NULL },
  { "compare", N_("SKU…"), FULL (sky_cli_compare), N_("Offers side by side"), N_("SKU…"),
    NULL },
  { "score", N_("FILE"), FULL (sky_cli_score),
    N_("Rank a scenario's candidates by its criteria"), N_("SCENARIO"), SCENARIO_NOTE },
  { "project", N_("FILE"), FULL (sky_cli_project),
    N_("A scenario month by month, against its budget"), N_("SCENARIO"), SCENARIO_NOTE },
  { "availability", N_("FILE"), FULL (sky_cli_availability),
    N_("Each provider's availability, and the cheapest way to reach the required one"),
    N_("SCENARIO"), SCENARIO_NOTE },
  { "export", N_("FILE"), FULL (sky_cli_export),
    N_("Write a projection for finance (CSV, JSON, PDF)"), N_("--format FORMAT SCENARIO"),
    N_("A SCENARIO of “-” is read from standard input. The export goes to standard output\n"
       "unless -o names a file; a PDF or an XLSX workbook is not written to a terminal.") },
};

/* The command with its arguments, in the language shown. */
static char *
command_call (gsize i)
{
  return commands[i].arguments != NULL
         ? g_strdup_printf ("%s %s", commands[i].name, _(commands[i].arguments))
         : g_strdup (commands[i].name);
}

static void
print_usage (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  glong columns = 0;

  /* Translators: keep the command names and the option names (--catalog, --no-seed,
   * --read-only, --version, -h, --help) as they are; PATH, COMMAND and OPTIONS may be
   * translated. */
  g_string_append (text, _("Usage:\n"
                           "  skytally-cli [--catalog PATH] [--no-seed] [--read-only] COMMAND "
                           "[OPTIONS…]\n"
                           "\n"
                           "Commands:\n"));
  /* The commands with their arguments take the widest one's columns, the help the rest. */
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = command_call (i);

      columns = MAX (columns, g_utf8_strlen (call, -1) + 2);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = command_call (i);

      g_string_append_printf (text, "  %s", call);
      for (glong c = g_utf8_strlen (call, -1); c < columns; c++)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s\n", _(commands[i].help));
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
  g_string_append (text,
    /* Translators: keep “-” and “man skytally-cli” as they are. */
    _("\n"
      "A file given as “-” is standard input, and an output given as “-” standard output.\n"
      "“man skytally-cli” describes every command.\n"));
  g_print ("%s", text->str);
}

/* The program's version, in words that no language changes. */
static void
print_version (void)
{
  fputs ("skytally-cli " PACKAGE_VERSION "\n", stdout);
}

#ifndef SKY_CLI_FULL
/* skytally-cli-full beside this program (where it is built), or else where it is installed. */
static char *
full_program_path (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (dir, "skytally-cli-full", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (SKY_CLI_LIBEXECDIR, "skytally-cli-full", NULL);
}

/* Runs the whole command line again in skytally-cli-full; returns only if it cannot. */
static gboolean
run_full_program (char   **argv,
                  GError **error)
{
  g_autofree char *path = full_program_path ();
  g_autoptr(GPtrArray) full_argv = g_ptr_array_new ();
  int saved;

  /* Named as it is: what the system lists, and what its dynamic loader reports, is true. */
  g_ptr_array_add (full_argv, path);
  for (int i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (full_argv, argv[i]);
  g_ptr_array_add (full_argv, NULL);
  execv (path, (char **) full_argv->pdata);
  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               /* Translators: %s is a program's file. */
               _("Cannot run %s: %s"), path, g_strerror (saved));
  return FALSE;
}

/* A catalog to load the bundled sheets into: skytally-cli-full does that, and the search. */
SkyCatalog *
sky_cli_seed_catalog (const SkyCliGlobals  *globals,
                      SkyCatalog           *catalog,
                      const char           *path,
                      GError              **error)
{
  /* Closed before the program is replaced. */
  g_object_unref (catalog);
  run_full_program (globals->argv, error);
  return NULL;
}
#endif

static const Command *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* Whether this run writes only what programs read: CSV or JSON (--format csv|json, or export's
 * --csv and --json), and no PDF or workbook, which people read. Such a run computes in the C
 * locale's messages, so that the explanations, reasons and notices in what it writes are the
 * same bytes in every language; its own messages are then in English too. */
static gboolean
writes_for_programs (int    argc,
                     char **argv)
{
  gboolean for_programs = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *format = NULL;

      if (strcmp (a, "--") == 0)
        break;
      if (strcmp (a, "--format") == 0 && i + 1 < argc)
        format = argv[i + 1];
      else if (g_str_has_prefix (a, "--format="))
        format = a + strlen ("--format=");
      else if (strcmp (a, "--csv") == 0 || g_str_has_prefix (a, "--csv=") ||
               strcmp (a, "--json") == 0 || g_str_has_prefix (a, "--json="))
        for_programs = TRUE;
      else if (strcmp (a, "--pdf") == 0 || g_str_has_prefix (a, "--pdf=") ||
               strcmp (a, "--xlsx") == 0 || g_str_has_prefix (a, "--xlsx="))
        return FALSE;
      if (format != NULL && (strcmp (format, "csv") == 0 || strcmp (format, "json") == 0))
        for_programs = TRUE;
      else if (format != NULL && (strcmp (format, "pdf") == 0 || strcmp (format, "xlsx") == 0))
        return FALSE;
    }
  return for_programs;
}

int
main (int    argc,
      char **argv)
{
  /* A copy: a command's option parsing takes its options out of argv. */
  g_auto(GStrv) arguments = g_strdupv (argv);
  SkyCliGlobals globals = { .argv = arguments };
  const Command *command;
  int i;

  /* --version alone, the quickest and most frequent call, needs no locale (its line is never
   * translated): setting one up reads a file per category, as much as the rest of the call. */
  if (argc == 2 && strcmp (argv[1], "--version") == 0)
    {
      print_version ();
      return 0;
    }

  setlocale (LC_ALL, "");
  /* SKYTALLY_LOCALEDIR: the translations of an uninstalled build (the tests, meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SKYTALLY_LOCALEDIR") != NULL
                                   ? g_getenv ("SKYTALLY_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (writes_for_programs (argc, argv))
    setlocale (LC_MESSAGES, "C");
  g_set_prgname ("skytally-cli");
#ifdef SKY_CLI_FULL
  sky_sheet_reader_init ();
#endif
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
          print_version ();
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
  sky_cli_set_command (command->name, command->synopsis, command->help, command->note);
#ifndef SKY_CLI_FULL
  if (command->run == NULL)
    {
      g_autoptr(GError) error = NULL;

      run_full_program (globals.argv, &error);
      return sky_cli_user_error (error);
    }
#endif
  return command->run (&globals, argc - i, argv + i);
}
