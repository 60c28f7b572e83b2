/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-sla"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sky-decimal.h"
#include "sky-sheet-reader.h"
#include "sky-sla.h"
#include "sky-vocabulary.h"
#include "sky-xml-private.h"

G_DEFINE_QUARK (sky-sla-error-quark, sky_sla_error)

struct _SkySlaTable
{
  gatomicrefcount  ref_count;
  GPtrArray       *entries;   /* SkySla, in the file's order */
  GHashTable      *by_key;    /* "provider\tservice\tdeployment" → GPtrArray of SkySla */
};

static void
sla_free (SkySla *sla)
{
  g_free (sla->provider);
  g_free (sla->service);
  g_free (sla->deployment);
  g_free (sla->percent);
  g_free (sla->condition);
  g_strfreev (sla->storage_types);
  g_free (sla->source);
  g_free (sla->url);
  g_free (sla->date);
  g_free (sla->note);
  g_free (sla->feature_key);
  g_free (sla->feature_value);
  g_free (sla);
}

static char *
key_of (const char *provider,
        const char *service,
        const char *deployment)
{
  return g_strconcat (provider, "\t", service, "\t", deployment, NULL);
}

static SkySlaTable *
table_new (void)
{
  SkySlaTable *self = g_new0 (SkySlaTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sla_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  return self;
}

SkySlaTable *
sky_sla_table_ref (SkySlaTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sky_sla_table_unref (SkySlaTable *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->entries);
  g_free (self);
}

/* Reading -------------------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *text;
  xmlNode    *root;
  GError     *error;
} Reader;

static gboolean
fail (Reader     *r,
      xmlNode    *node,
      const char *attr,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (Reader     *r,
      xmlNode    *node,
      const char *attr,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;
  long line;
  int column;

  if (r->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _sky_xml_locate_node (r->text, r->root, node, attr, &line, &column);
  g_set_error (&r->error, SKY_SLA_ERROR, code, "%s:%ld:%d: %s", r->name, line, column,
               message);
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* The attribute's value, or NULL; an empty value counts as missing. */
static char *
get (xmlNode    *node,
     const char *attr)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) attr);
  char *copy = NULL;

  if (value != NULL && *value != '\0')
    copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
check_attributes (Reader             *r,
                  xmlNode            *node,
                  const char * const *known)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns == NULL && !g_strv_contains (known, (const char *) a->name))
      return fail (r, node, (const char *) a->name, SKY_SLA_ERROR_INVALID,
                   _("unknown attribute “%s” in <%s>"), a->name, node->name);
  return TRUE;
}

static char *
require (Reader     *r,
         xmlNode    *node,
         const char *attr)
{
  char *value = get (node, attr);

  if (value == NULL)
    fail (r, node, xmlHasProp (node, (const xmlChar *) attr) ? attr : NULL,
          SKY_SLA_ERROR_INVALID, _("<%s> needs the attribute “%s”"), node->name, attr);
  return value;
}

/* An identifier as sheets write one. */
static gboolean
is_identifier (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 64 || !(g_ascii_islower (value[0]) || g_ascii_isdigit (value[0])))
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
identifier_attr (Reader     *r,
                 xmlNode    *node,
                 const char *attr,
                 char      **out)
{
  *out = require (r, node, attr);
  if (*out == NULL)
    return FALSE;
  if (!is_identifier (*out))
    return fail (r, node, attr, SKY_SLA_ERROR_INVALID,
                 _("%s of <%s> is an identifier (lowercase letters, digits, “.”, “_” and “-”), "
                   "not “%s”"), attr, node->name, *out);
  return TRUE;
}

static gboolean
is_date (const char *text)
{
  unsigned y, m, d;
  char end;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

typedef struct
{
  char *title;
  char *url;
  char *date;
  char *note;
} Source;

static void
source_free (Source *source)
{
  g_free (source->title);
  g_free (source->url);
  g_free (source->date);
  g_free (source->note);
  g_free (source);
}

static gboolean
read_source (Reader     *r,
             xmlNode    *node,
             GHashTable *sources)
{
  static const char * const known[] = { "id", "title", "url", "date", "note", NULL };
  g_autofree char *id = NULL;
  Source *source;

  if (!check_attributes (r, node, known) || !identifier_attr (r, node, "id", &id))
    return FALSE;
  if (g_hash_table_contains (sources, id))
    return fail (r, node, "id", SKY_SLA_ERROR_INVALID, _("a second <source> “%s”"), id);
  source = g_new0 (Source, 1);
  g_hash_table_insert (sources, g_strdup (id), source);
  if ((source->title = require (r, node, "title")) == NULL ||
      (source->url = require (r, node, "url")) == NULL ||
      (source->date = require (r, node, "date")) == NULL)
    return FALSE;
  if (!g_str_has_prefix (source->url, "https://") && !g_str_has_prefix (source->url, "http://"))
    return fail (r, node, "url", SKY_SLA_ERROR_INVALID,
                 _("url of <source> is a web address (https://…), not “%s”"), source->url);
  if (!is_date (source->date))
    return fail (r, node, "date", SKY_SLA_ERROR_INVALID,
                 _("date “%s” of <source> is not a date (YYYY-MM-DD)"), source->date);
  source->note = get (node, "note");
  return TRUE;
}

/* The one element of <sla> that says how the deployment is billed. */
static gboolean
read_billing (Reader  *r,
              xmlNode *node,
              SkySla  *sla)
{
  static const char * const none[] = { NULL };
  static const char * const offers[] = { "feature", "value", NULL };
  static const char * const copies[] = { "copies", NULL };
  xmlNode *billing = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (billing != NULL)
        return fail (r, child, NULL, SKY_SLA_ERROR_INVALID,
                     _("an <sla> says once how it is billed, not twice"));
      billing = child;
    }
  if (billing == NULL)
    return fail (r, node, NULL, SKY_SLA_ERROR_INVALID,
                 _("an <sla> says how it is billed: <billed-as-single/>, <billed-as-offers> or "
                   "<billed-as-copies>"));
  sla->copies = 1;
  if (is_element (billing, "billed-as-single"))
    {
      sla->billing = SKY_SLA_BILLED_SINGLE;
      return check_attributes (r, billing, none);
    }
  if (is_element (billing, "billed-as-offers"))
    {
      sla->billing = SKY_SLA_BILLED_OFFERS;
      return check_attributes (r, billing, offers) &&
             identifier_attr (r, billing, "feature", &sla->feature_key) &&
             (sla->feature_value = require (r, billing, "value")) != NULL;
    }
  if (is_element (billing, "billed-as-copies"))
    {
      g_autofree char *n = NULL;
      guint64 value;

      sla->billing = SKY_SLA_BILLED_COPIES;
      if (!check_attributes (r, billing, copies) || (n = require (r, billing, "copies")) == NULL)
        return FALSE;
      if (!g_ascii_string_to_unsigned (n, 10, 2, 3, &value, NULL))
        return fail (r, billing, "copies", SKY_SLA_ERROR_INVALID,
                     _("copies of <billed-as-copies> is 2 or 3, not “%s”"), n);
      sla->copies = (guint) value;
      return TRUE;
    }
  return fail (r, billing, NULL, SKY_SLA_ERROR_INVALID,
               _("unexpected <%s> in <sla>: use <billed-as-single/>, <billed-as-offers> or "
                 "<billed-as-copies>"), billing->name);
}

static gboolean
read_sla (Reader      *r,
          xmlNode     *node,
          GHashTable  *sources,
          SkySlaTable *table)
{
  static const char * const known[] = { "provider", "service", "deployment", "percent", "source",
                                        "condition", "storage-types", NULL };
  SkySla *sla = g_new0 (SkySla, 1);
  g_autofree char *source_id = NULL, *types = NULL;
  g_autoptr(GError) error = NULL;
  SkyDecimal percent;
  Source *source;
  GPtrArray *same;
  char *key;

  g_ptr_array_add (table->entries, sla);
  if (!check_attributes (r, node, known) ||
      !identifier_attr (r, node, "provider", &sla->provider) ||
      !identifier_attr (r, node, "service", &sla->service) ||
      (sla->deployment = require (r, node, "deployment")) == NULL ||
      (sla->percent = require (r, node, "percent")) == NULL ||
      !identifier_attr (r, node, "source", &source_id))
    return FALSE;
  if (sky_vocabulary_lookup (SKY_VOCABULARY_DEPLOYMENT, sla->deployment) == NULL)
    {
      g_autofree char *kinds = sky_vocabulary_describe (SKY_VOCABULARY_DEPLOYMENT);

      return fail (r, node, "deployment", SKY_SLA_ERROR_INVALID,
                   _("unknown deployment “%s” in <sla>: use %s"), sla->deployment, kinds);
    }
  if (!sky_decimal_parse (sla->percent, 6, FALSE, &percent, &error) ||
      sky_decimal_is_zero (percent) ||
      sky_decimal_compare (percent, sky_decimal_from_int (100)) >= 0)
    return fail (r, node, "percent", SKY_SLA_ERROR_INVALID,
                 _("percent of <sla> is a percentage more than 0 and below 100 with at most 6 "
                   "decimals, not “%s”"), sla->percent);
  source = g_hash_table_lookup (sources, source_id);
  if (source == NULL)
    return fail (r, node, "source", SKY_SLA_ERROR_INVALID,
                 _("source “%s” of <sla> is not a <source> given before it"), source_id);
  sla->source = g_strdup (source->title);
  sla->url = g_strdup (source->url);
  sla->date = g_strdup (source->date);
  sla->note = g_strdup (source->note);
  sla->condition = get (node, "condition");
  types = get (node, "storage-types");
  if (types != NULL)
    {
      sla->storage_types = g_strsplit (types, " ", -1);
      for (guint i = 0; sla->storage_types[i] != NULL; i++)
        if (!is_identifier (sla->storage_types[i]))
          return fail (r, node, "storage-types", SKY_SLA_ERROR_INVALID,
                       _("storage-types of <sla> are identifiers separated by spaces, not “%s”"),
                       types);
    }
  if (!read_billing (r, node, sla))
    return FALSE;

  key = key_of (sla->provider, sla->service, sla->deployment);
  same = g_hash_table_lookup (table->by_key, key);
  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (table->by_key, key, same);
    }
  else
    g_free (key);
  /* Two entries of one deployment are told apart by the storage types they cover. */
  for (guint i = 0; i < same->len; i++)
    {
      const SkySla *other = g_ptr_array_index (same, i);

      if (other->storage_types == NULL || sla->storage_types == NULL)
        return fail (r, node, NULL, SKY_SLA_ERROR_INVALID,
                     _("a second <sla> of %s %s deployed as %s: give each its storage-types"),
                     sla->provider, sla->service, sla->deployment);
    }
  g_ptr_array_add (same, sla);
  return TRUE;
}

typedef struct
{
  int   line;
  int   column;
  char *message;
} FirstError;

static void
keep_first_error (void        *user_data,
                  xmlErrorPtr  e)
{
  xmlParserCtxt *ctxt = user_data;
  FirstError *first = ctxt->_private;

  if (first->message != NULL || e == NULL || e->level < XML_ERR_ERROR)
    return;
  first->line = e->line;
  first->column = e->int2;
  first->message = g_strchomp (g_strdup (e->message != NULL ? e->message : _("not well-formed")));
}

static gboolean
read_root (Reader      *r,
           SkySlaTable *table)
{
  static const char * const known[] = { "format", NULL };
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) source_free);
  g_autofree char *format = NULL;
  xmlNode *root = r->root;
  gboolean seen_sla = FALSE;

  if (!is_element (root, "slas") || root->ns == NULL ||
      g_strcmp0 ((const char *) root->ns->href, SKY_SLA_NAMESPACE) != 0)
    return fail (r, root, NULL, SKY_SLA_ERROR_INVALID,
                 _("not an SLA table: the root element is <slas> in namespace %s"),
                 SKY_SLA_NAMESPACE);
  if (!check_attributes (r, root, known))
    return FALSE;
  format = require (r, root, "format");
  if (format == NULL)
    return FALSE;
  if (strcmp (format, "1") != 0)
    return fail (r, root, "format", SKY_SLA_ERROR_INVALID,
                 _("SLA table format “%s” is not one this version reads (1)"), format);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (node->type == XML_ENTITY_REF_NODE)
        return fail (r, node, NULL, SKY_SLA_ERROR_MALFORMED,
                     _("entity references are not allowed in an SLA table"));
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (node->ns == NULL || g_strcmp0 ((const char *) node->ns->href, SKY_SLA_NAMESPACE) != 0)
        return fail (r, node, NULL, SKY_SLA_ERROR_INVALID,
                     _("<%s> is not in namespace %s"), node->name, SKY_SLA_NAMESPACE);
      if (is_element (node, "source"))
        {
          if (seen_sla)
            return fail (r, node, NULL, SKY_SLA_ERROR_INVALID,
                         _("every <source> comes before the first <sla>"));
          if (!read_source (r, node, sources))
            return FALSE;
        }
      else if (is_element (node, "sla"))
        {
          seen_sla = TRUE;
          if (!read_sla (r, node, sources, table))
            return FALSE;
        }
      else
        return fail (r, node, NULL, SKY_SLA_ERROR_INVALID,
                     _("unexpected <%s> in <slas>: use <source> or <sla>"), node->name);
    }
  return TRUE;
}

/* Reads an SLA table from @data. Errors name @name_for_errors, the line and the column. */
SkySlaTable *
sky_sla_table_parse (const char  *data,
                     gsize        length,
                     const char  *name_for_errors,
                     GError     **error)
{
  g_autoptr(SkySlaTable) table = NULL;
  g_autofree char *text = NULL;
  Reader r = { .name = name_for_errors != NULL ? name_for_errors : "sla.xml" };
  FirstError first = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  const char *doctype;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > SKY_SLA_MAX_SIZE)
    {
      g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_IO, _("%s: an SLA table is at most %d MiB"),
                   r.name, SKY_SLA_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  text = g_strndup (data, length);
  r.text = text;
  if (strlen (text) != length)
    {
      g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_MALFORMED,
                   _("%s: not a text file (it holds a NUL byte)"), r.name);
      return NULL;
    }
  /* No document type: it is where entities that expand without end, or read other files,
   * are declared. */
  doctype = strstr (text, "<!DOCTYPE");
  if (doctype != NULL)
    {
      long line = 1;
      int column = 1;

      for (const char *p = text; p < doctype; p++)
        {
          if (*p == '\n')
            line++, column = 1;
          else if (((guchar) *p & 0xC0) != 0x80)
            column++;
        }
      g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_MALFORMED,
                   _("%s:%ld:%d: an SLA table may not have a document type (<!DOCTYPE>)"),
                   r.name, line, column);
      return NULL;
    }

  sky_sheet_reader_init ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_IO, _("%s: out of memory"), r.name);
      return NULL;
    }
  ctxt->_private = &first;
  ctxt->sax->serror = keep_first_error;
  doc = xmlCtxtReadMemory (ctxt, text, (int) length, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  table = table_new ();
  if (doc == NULL || !ctxt->wellFormed)
    g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_MALFORMED, "%s:%d:%d: %s", r.name,
                 MAX (first.line, 1), MAX (first.column, 1),
                 first.message != NULL ? first.message : _("not well-formed XML"));
  else if ((r.root = xmlDocGetRootElement (doc)) == NULL)
    g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_INVALID, _("%s: the file is empty"), r.name);
  else
    {
      ok = read_root (&r, table);
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&r.error));
      g_clear_error (&r.error);
    }
  if (doc != NULL)
    xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
  g_free (first.message);
  return ok ? g_steal_pointer (&table) : NULL;
}

/* Reads the SLA table at @path (at most SKY_SLA_MAX_SIZE bytes). */
SkySlaTable *
sky_sla_table_load (const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, SKY_SLA_ERROR, SKY_SLA_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return sky_sla_table_parse (data, length, path, error);
}

/* The bundled table's path; SKYTALLY_SLA_FILE names another. */
const char *
sky_sla_table_default_path (void)
{
  const char *path = g_getenv ("SKYTALLY_SLA_FILE");

  return path != NULL && *path != '\0' ? path : PKGDATADIR "/sla.xml";
}

/* The bundled table (or SKYTALLY_SLA_FILE's), read once; owned by the process. When it cannot
 * be read, an empty table, which is said once on the log: the sheets' figures still apply. */
SkySlaTable *
sky_sla_table_get_default (void)
{
  static SkySlaTable *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GError) error = NULL;
      SkySlaTable *loaded = sky_sla_table_load (sky_sla_table_default_path (), &error);

      if (loaded == NULL)
        {
          g_message ("The SLAs of deployments are not known: %s", error->message);
          loaded = table_new ();
        }
      g_once_init_leave (&table, loaded);
    }
  return table;
}

/* Looking up ---------------------------------------------------------------------------- */

guint
sky_sla_table_size (SkySlaTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

const SkySla *
sky_sla_table_nth (SkySlaTable *self,
                   guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  return index < self->entries->len ? g_ptr_array_index (self->entries, index) : NULL;
}

/* The entry of @service of @provider deployed as @deployment: the one that covers every
 * storage type if there is one, else the first; NULL when the table has none. */
const SkySla *
sky_sla_table_lookup (SkySlaTable *self,
                      const char  *provider,
                      const char  *service,
                      const char  *deployment)
{
  g_autofree char *key = NULL;
  GPtrArray *same;

  g_return_val_if_fail (self != NULL, NULL);
  if (provider == NULL || service == NULL || deployment == NULL)
    return NULL;
  key = key_of (provider, service, deployment);
  same = g_hash_table_lookup (self->by_key, key);
  if (same == NULL)
    return NULL;
  for (guint i = 0; i < same->len; i++)
    if (((const SkySla *) g_ptr_array_index (same, i))->storage_types == NULL)
      return g_ptr_array_index (same, i);
  return g_ptr_array_index (same, 0);
}

/* Every entry of @service of @provider, deployments in the vocabulary's order (entries of one
 * deployment in the file's); the entries are the table's. */
GPtrArray *
sky_sla_table_for_service (SkySlaTable *self,
                           const char  *provider,
                           const char  *service)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, out);
  if (provider == NULL || service == NULL)
    return out;
  for (guint k = 0; k < sky_vocabulary_size (SKY_VOCABULARY_DEPLOYMENT); k++)
    {
      const SkyWord *kind = sky_vocabulary_nth (SKY_VOCABULARY_DEPLOYMENT, k);
      g_autofree char *key = key_of (provider, service, kind->id);
      GPtrArray *same = g_hash_table_lookup (self->by_key, key);

      for (guint i = 0; same != NULL && i < same->len; i++)
        g_ptr_array_add (out, g_ptr_array_index (same, i));
    }
  return out;
}

/* The table's entry that covers @offer deployed as @deployment, or NULL. */
const SkySla *
sky_sla_table_for_offer (SkySlaTable           *self,
                         const SkyOfferDetails *offer,
                         const char            *deployment)
{
  g_autofree char *key = NULL;
  GPtrArray *same;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (offer != NULL, NULL);

  if (offer->provider == NULL || offer->service == NULL)
    return NULL;
  key = key_of (offer->provider, offer->service,
                deployment != NULL ? deployment : SKY_DEPLOYMENT_DEFAULT);
  same = g_hash_table_lookup (self->by_key, key);
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      const SkySla *sla = g_ptr_array_index (same, i);

      if (sla->storage_types == NULL ||
          (offer->storage_type != NULL &&
           g_strv_contains ((const char * const *) sla->storage_types, offer->storage_type)))
        return sla;
    }
  return NULL;
}

/* The SLA, in percent, that applies to @offer deployed as @deployment (NULL: single): the
 * table's where it speaks of it (the entry into @entry_out), else, for a single deployment,
 * the offer's own figure from its sheet (@entry_out NULL); NULL when neither says. */
char *
sky_offer_sla_for (SkySlaTable           *self,
                   const SkyOfferDetails *offer,
                   const char            *deployment,
                   const SkySla         **entry_out)
{
  const SkySla *sla;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (offer != NULL, NULL);

  if (deployment == NULL)
    deployment = SKY_DEPLOYMENT_DEFAULT;
  sla = sky_sla_table_for_offer (self, offer, deployment);
  if (entry_out != NULL)
    *entry_out = sla;
  if (sla != NULL)
    return g_strdup (sla->percent);
  if (strcmp (deployment, SKY_DEPLOYMENT_DEFAULT) == 0 && offer->sla != NULL && *offer->sla != '\0')
    return g_strdup (offer->sla);
  return NULL;
}

/* Where an entry's figure comes from, for people: "Title (URL), as of DATE". */
char *
sky_sla_describe_source (const SkySla *sla)
{
  g_return_val_if_fail (sla != NULL, NULL);

  /* Translators: an SLA's source: the title of the provider's page, its address and the day
   * it was read, as in "Amazon RDS Service Level Agreement (https://…), as of 2025-06-01" */
  return g_strdup_printf (_("%s (%s), as of %s"), sla->source, sla->url, sla->date);
}
