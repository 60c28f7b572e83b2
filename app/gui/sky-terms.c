/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-terms"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-terms.h"

/* The vocabulary's titles as people read them, translated. The files and the command line keep
 * the ids; lists show these titles in the order of sky_vocabulary_ids(). */

/* The translated title of @vocabulary's @id; an id it does not know comes back as it is. */
const char *
sky_word_title (SkyVocabulary  vocabulary,
                const char    *id)
{
  const SkyWord *word = sky_vocabulary_lookup (vocabulary, id);

  return word != NULL ? _(word->title) : id;
}

/* Every title of @vocabulary, translated, in the order of sky_vocabulary_ids();
 * NULL-terminated. */
const char * const *
sky_word_titles (SkyVocabulary vocabulary)
{
  static const char **translated[SKY_N_VOCABULARIES];

  g_return_val_if_fail (vocabulary < SKY_N_VOCABULARIES, NULL);
  if (g_once_init_enter (&translated[vocabulary]))
    {
      const char * const *ids = sky_vocabulary_ids (vocabulary);
      const char **list = g_new0 (const char *, g_strv_length ((GStrv) ids) + 1);

      for (guint i = 0; ids[i] != NULL; i++)
        list[i] = sky_word_title (vocabulary, ids[i]);
      g_once_init_leave (&translated[vocabulary], list);
    }
  return translated[vocabulary];
}

/* The translated title of the purchase option @term. */
const char *
sky_term_title (const char *term)
{
  return sky_word_title (SKY_VOCABULARY_PURCHASE_OPTION, term);
}

/* Every purchase option's title, translated, in the order of sky_terms (); NULL-terminated. */
const char * const *
sky_term_titles (void)
{
  return sky_word_titles (SKY_VOCABULARY_PURCHASE_OPTION);
}
