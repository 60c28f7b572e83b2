/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the price-sheet and scenario readers share: finding an error's column, which libxml2
 * does not give for elements. */
void _sky_xml_locate_in_text (const char *text,
                              long        first,
                              long        target_line,
                              int         nth,
                              const char *attr,
                              long       *line_out,
                              int        *column_out);

G_END_DECLS
