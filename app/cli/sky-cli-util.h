/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-catalog.h"
#include "sky-cli-json.h"
#include "sky-csv.h"
#include "sky-source.h"

G_BEGIN_DECLS

/* What the commands of skytally-cli share: options, errors, the catalog, and output. */

#define SKY_CLI_EXIT_USER_ERROR 1
#define SKY_CLI_EXIT_USAGE 2

typedef enum
{
  SKY_CLI_FORMAT_TABLE,
  SKY_CLI_FORMAT_CSV,
  SKY_CLI_FORMAT_JSON,
} SkyCliFormat;

/* The options given before the command. */
typedef struct
{
  char     *catalog_path;
  gboolean  no_seed;
  gboolean  read_only;
  char    **argv;          /* the program's arguments, as given */
} SkyCliGlobals;

typedef struct
{
  SkyCliFormat  format;
  guint         n_columns;
  const char  **headers;     /* untranslated; a table shows them translated, CSV as they are */
  gboolean     *numeric;
  GPtrArray    *rows;        /* GStrv, for tables */
  SkyCsvWriter *csv;
} SkyCliTable;

void        sky_cli_set_command   (const char           *name,
                                   const char           *synopsis,
                                   const char           *summary,
                                   const char           *note);
GOptionContext *sky_cli_context_new (const char         *synopsis);
int         sky_cli_usage_error   (const char           *format,
                                   ...) G_GNUC_PRINTF (1, 2);
int         sky_cli_user_error    (const GError         *error);
int         sky_cli_parse_choice  (const char           *text,
                                   const char * const   *choices);
gboolean    sky_cli_parse_format  (const char           *text,
                                   SkyCliFormat         *format);
gboolean    sky_cli_format_option (const char           *text,
                                   SkyCliFormat         *format,
                                   int                  *status);
gboolean    sky_cli_parse_options (GOptionContext       *context,
                                   GOptionEntry         *entries,
                                   int                  *argc,
                                   char               ***argv,
                                   int                  *status);
SkyCatalog *sky_cli_open_catalog  (const SkyCliGlobals  *globals,
                                   GError              **error);
SkyCatalog *sky_cli_seed_catalog  (const SkyCliGlobals  *globals,
                                   SkyCatalog           *catalog,
                                   const char           *path,
                                   GError              **error);
void        sky_cli_table_init    (SkyCliTable          *table,
                                   SkyCliFormat          format,
                                   const char          **headers,
                                   gboolean             *numeric,
                                   guint                 n_columns);
void        sky_cli_table_add_row (SkyCliTable          *table,
                                   char                **values);
void        sky_cli_table_print   (SkyCliTable          *table);
/* Which rows of offers search and match take: --arch, --tenancy, --licence, --software,
 * --capacity and --all-rows, the values as SkySearchQuery and SkyRequirement take them (NULL
 * for the default row's, "any" for any). */
typedef struct
{
  char     *architecture;
  char     *tenancy;
  char     *licence;
  char     *software;
  char     *capacity;
  gboolean  all_rows;
} SkyCliRows;

#define SKY_CLI_ROWS_ENTRIES(rows) \
  { "arch", 0, 0, G_OPTION_ARG_STRING, &(rows)->architecture, \
    N_("Only this processor architecture (default: any)"), "x86-64|arm64" }, \
  { "tenancy", 0, 0, G_OPTION_ARG_STRING, &(rows)->tenancy, \
    N_("Rows of this tenancy (default: shared)"), "shared|dedicated|host|any" }, \
  { "licence", 0, 0, G_OPTION_ARG_STRING, &(rows)->licence, \
    N_("Rows of this licence model (default: included)"), "included|byol|any" }, \
  { "software", 0, 0, G_OPTION_ARG_STRING, &(rows)->software, \
    N_("Rows with this pre-installed software (default: none)"), "ID|none|any" }, \
  { "capacity", 0, 0, G_OPTION_ARG_STRING, &(rows)->capacity, \
    N_("Rows of this capacity status (default: used)"), "STATUS|any" }, \
  { "all-rows", 0, 0, G_OPTION_ARG_NONE, &(rows)->all_rows, \
    N_("Every row: any tenancy, licence, software and capacity"), NULL }

gboolean    sky_cli_rows_check    (SkyCliRows           *rows,
                                   int                  *status);
void        sky_cli_rows_clear    (SkyCliRows           *rows);
char       *sky_cli_row_text      (const char           *tenancy,
                                   const char           *licence,
                                   const char           *software,
                                   const char           *capacity);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SkyCliRows, sky_cli_rows_clear)

const SkySourceApi *sky_cli_load_sources (GError                 **error);
gpointer            sky_cli_load_module_symbol (const char  *file,
                                                const char  *name,
                                                const char  *what,
                                                GError     **error);
char               *sky_cli_import_line  (const char              *file,
                                          const SkyImportResult   *result);

G_END_DECLS
