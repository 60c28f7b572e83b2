/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sky-catalog.h"
#include "sky-csv.h"

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
void        sky_cli_table_init    (SkyCliTable          *table,
                                   SkyCliFormat          format,
                                   const char          **headers,
                                   gboolean             *numeric,
                                   guint                 n_columns);
void        sky_cli_table_add_row (SkyCliTable          *table,
                                   char                **values);
void        sky_cli_table_print   (SkyCliTable          *table);
void        sky_cli_print_json    (JsonNode             *root);
void        sky_cli_print_json_builder (JsonBuilder     *builder);

G_END_DECLS
