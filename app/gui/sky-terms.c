/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-terms"

#include "config.h"

#include <glib/gi18n.h>

#include "sky-sheet-reader.h"
#include "sky-terms.h"

/* Purchase options as people read them. The files and the command line keep the canonical
 * names (sky_terms ()); the window shows these, in the same order. */
static const char * const titles[] = {
  N_("On demand"), N_("Spot"),
  N_("Reserved 1 yr, no upfront"), N_("Reserved 1 yr, partial upfront"),
  N_("Reserved 1 yr, all upfront"),
  N_("Reserved 3 yr, no upfront"), N_("Reserved 3 yr, partial upfront"),
  N_("Reserved 3 yr, all upfront"),
  N_("Savings plan 1 yr, no upfront"), N_("Savings plan 1 yr, partial upfront"),
  N_("Savings plan 1 yr, all upfront"),
  N_("Savings plan 3 yr, no upfront"), N_("Savings plan 3 yr, partial upfront"),
  N_("Savings plan 3 yr, all upfront"),
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (titles) == 15);

/* The translated title of @term; a term it does not know comes back as it is. */
const char *
sky_term_title (const char *term)
{
  const char * const *terms = sky_terms ();

  for (guint i = 0; terms[i] != NULL && titles[i] != NULL; i++)
    if (g_strcmp0 (terms[i], term) == 0)
      return _(titles[i]);
  return term;
}

/* Every title, translated, in the order of sky_terms (); NULL-terminated. */
const char * const *
sky_term_titles (void)
{
  static const char **translated;

  if (g_once_init_enter (&translated))
    {
      const char **list = g_new0 (const char *, G_N_ELEMENTS (titles));

      for (guint i = 0; titles[i] != NULL; i++)
        list[i] = _(titles[i]);
      g_once_init_leave (&translated, list);
    }
  return translated;
}
