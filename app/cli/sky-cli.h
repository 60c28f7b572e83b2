/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sky-export.h"

#include "sky-catalog.h"
#include "sky-csv.h"

G_BEGIN_DECLS

/* What the commands of skytally-cli share: options, errors, the catalog, and output. */

#define EXIT_USER_ERROR 1
#define EXIT_USAGE 2

typedef enum
{
  FORMAT_TABLE,
  FORMAT_CSV,
  FORMAT_JSON,
} Format;

typedef struct
{
  char     *catalog_path;
  gboolean  no_seed;
  gboolean  read_only;
} Globals;

typedef struct
{
  Format        format;
  guint         n_columns;
  const char  **headers;     /* untranslated; a table shows them translated, CSV as they are */
  gboolean     *numeric;
  GPtrArray    *rows;        /* GStrv, for tables */
  SkyCsvWriter *csv;
} Table;

int         usage_error     (const char      *format,
                             ...) G_GNUC_PRINTF (1, 2);
int         user_error      (const GError    *error);
gboolean    parse_format    (const char      *text,
                             Format          *format);
gboolean    format_option   (const char      *text,
                             Format          *format,
                             int             *status);
gboolean    parse_options   (GOptionContext  *context,
                             GOptionEntry    *entries,
                             int             *argc,
                             char          ***argv,
                             int             *status);
SkyCatalog *open_catalog    (const Globals   *globals,
                             GError         **error);
void        table_init      (Table           *table,
                             Format           format,
                             const char     **headers,
                             gboolean        *numeric,
                             guint            n_columns);
void        table_add_row   (Table           *table,
                             char           **values);
void        table_print     (Table           *table);
void        print_json      (JsonBuilder     *builder);

int         sky_cli_estimate (const Globals  *globals,
                              int             argc,
                              char          **argv);
int         sky_cli_validate (const Globals  *globals,
                              int             argc,
                              char          **argv);

int         sky_cli_match    (const Globals  *globals,
                              int             argc,
                              char          **argv);

int         sky_cli_compare  (const Globals  *globals,
                              int             argc,
                              char          **argv);

int         sky_cli_score    (const Globals  *globals,
                              int             argc,
                              char          **argv);

int         sky_cli_project  (const Globals  *globals,
                              int             argc,
                              char          **argv);
int         sky_cli_export   (const Globals  *globals,
                              int             argc,
                              char          **argv);

G_END_DECLS
