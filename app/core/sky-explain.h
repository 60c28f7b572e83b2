/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sky-pricing.h"

G_BEGIN_DECLS

/* How an explanation writes its figures; its words (units, purchase options) are the
 * vocabulary's titles in both. */
typedef enum
{
  SKY_EXPLAIN_PLAIN,    /* the command line and files: numbers as files write them, a point
                         * and no separators, money with its currency's code after it */
  SKY_EXPLAIN_DISPLAY,  /* the window and the PDF: the locale's separators, money with its
                         * symbol as sky_currency_format_display() places it */
} SkyExplainStyle;

char *sky_explain_format (const GArray    *steps,
                          SkyExplainStyle  style);
char *sky_explain_line   (const char      *provider_name,
                          const char      *sheet_version,
                          const GArray    *steps,
                          SkyExplainStyle  style);
char *sky_explain_steps  (const GArray    *steps);
char *sky_explain_hours  (SkyDecimal       hours,
                          SkyExplainStyle  style);
char *sky_explain_source (const char      *provider_name,
                          const char      *sheet_version,
                          const char      *arithmetic);

typedef struct _SkyExplainMemo SkyExplainMemo;

SkyExplainMemo *sky_explain_memo_new    (SkyExplainStyle  style);
void            sky_explain_memo_free   (SkyExplainMemo  *memo);
char           *sky_explain_memo_format (SkyExplainMemo  *memo,
                                         const GArray    *steps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkyExplainMemo, sky_explain_memo_free)

G_END_DECLS
