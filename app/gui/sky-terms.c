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

/* The purchase options a scenario's line may be priced at: all but dev/test, which a scenario
 * chooses as a whole. In the order of sky_terms (); NULL-terminated. */
const char * const *
sky_line_terms (void)
{
  static const char **terms;

  if (g_once_init_enter (&terms))
    {
      const char * const *all = sky_terms ();
      const char **list = g_new0 (const char *, g_strv_length ((GStrv) all) + 1);
      guint n = 0;

      for (guint i = 0; all[i] != NULL; i++)
        if (sky_purchase_option_lookup (all[i])->purchase_class != SKY_PURCHASE_DEV_TEST)
          list[n++] = all[i];
      g_once_init_leave (&terms, list);
    }
  return terms;
}

/* The titles of sky_line_terms (), translated, in its order; NULL-terminated. */
const char * const *
sky_line_term_titles (void)
{
  static const char **titles;

  if (g_once_init_enter (&titles))
    {
      const char * const *terms = sky_line_terms ();
      const char **list = g_new0 (const char *, g_strv_length ((GStrv) terms) + 1);

      for (guint i = 0; terms[i] != NULL; i++)
        list[i] = sky_term_title (terms[i]);
      g_once_init_leave (&titles, list);
    }
  return titles;
}
