/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* What the price-sheet, scenario and SLA readers share: finding an error's column, which libxml2
 * does not give for elements. */
void _sky_xml_locate_in_text (const char *text,
                              long        first,
                              long        target_line,
                              int         nth,
                              const char *attr,
                              long       *line_out,
                              int        *column_out);
void _sky_xml_locate_node    (const char *text,
                              xmlNode    *root,
                              xmlNode    *node,
                              const char *attr,
                              long       *line_out,
                              int        *column_out);

G_END_DECLS
