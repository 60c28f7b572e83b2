/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sky-vocabulary.h"

G_BEGIN_DECLS

const char         *sky_word_title  (SkyVocabulary  vocabulary,
                                     const char    *id);
const char * const *sky_word_titles (SkyVocabulary  vocabulary);
const char         *sky_term_title  (const char    *term);
const char * const *sky_term_titles (void);
const char * const *sky_line_terms  (void);
const char * const *sky_line_term_titles (void);

G_END_DECLS
