/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-sheet-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <nettle/sha2.h>
#include <glib/gi18n-lib.h>

#include "sky-currency.h"
#include "sky-sheet-reader.h"
#include "sky-vocabulary.h"
#include "sky-xml-private.h"

G_DEFINE_QUARK (sky-sheet-error-quark, sky_sheet_error)

#define PROGRESS_STEP (1024 * 1024)
/* How much of the file is read and handed to the parser at a time. */
#define READ_CHUNK (64 * 1024)
#define MAX_LABEL_CHARS 500
#define MAX_SHORT_NAME_CHARS 20
#define MAX_SOURCE_CHARS 10000
/* What <source> may take with the blank space around and in its text, and how often, as it
 * comes, its characters are counted. */
#define MAX_SOURCE_BYTES (256 * 1024)
#define SOURCE_CHECK_STEP (16 * 1024)
/* Limits well above what the format uses (at most 15 attributes, names of at most 14
 * characters): the parser takes time that grows with the square of an element's attributes. */
#define MAX_ATTRIBUTES 64
#define MAX_NAME_CHARS 64
/* What a message shows of a value or name, which may be hostile: its first characters, "…". */
#define SHOWN_CHARS 40
#define SHOWN_SLOTS 4
/* What a message of the parser's is cut to: it may quote names. */
#define MAX_XML_MESSAGE_CHARS 200
/* 99,999,999.9999999999: stored as a 64-bit count of 10^-10 units. */
#define MAX_AMOUNT G_GINT64_CONSTANT (999999999999999999)

/* Price sheets are read with the parser's defaults plus these: no network, no entity
 * substitution, no DTD loading. DOCTYPEs and entity references are refused outright. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

typedef enum
{
  STAGE_START,
  STAGE_ROOT,
  STAGE_PROVIDER,
  STAGE_SHEET,
  STAGE_SOURCE,
  STAGE_REGIONS,
  STAGE_DISCOUNTS,
  STAGE_SERVICES,
} Stage;

/* Where an element starts: the line its start tag ends on (what libxml2 records) and how many
 * start tags ended on that line before it. The column is worked out only when there is an error. */
typedef struct
{
  long line;
  int  nth;
} Loc;

/* The elements of the format. Their names are looked up once in the parser's dictionary, which
 * holds every name the parser reports, so that elements are told apart by pointer. */
typedef enum
{
  EL_PRICE_SHEET,
  EL_PROVIDER,
  EL_SHEET,
  EL_SOURCE,
  EL_REGION,
  EL_SERVICE,
  EL_OFFER,
  EL_FEATURE,
  EL_PRICE,
  EL_TIER,
  EL_USAGE_DISCOUNT,
  EL_BAND,
  N_ELEMENTS
} Element;

static const char * const element_names[N_ELEMENTS] = {
  "price-sheet", "provider", "sheet", "source", "region", "service", "offer", "feature", "price",
  "tier", "usage-discount", "band",
};

/* The attributes of each element, by their positions in attr_names. */
enum { FORMAT };
enum { PROVIDER_ID, PROVIDER_NAME, PROVIDER_SHORT_NAME };
enum { SHEET_VERSION, SHEET_EFFECTIVE_DATE, SHEET_CURRENCY };
enum { SOURCE_RETRIEVED, SOURCE_URL };
enum { REGION_CODE, REGION_NAME, REGION_GEOGRAPHY };
enum { SERVICE_ID, SERVICE_NAME, SERVICE_CATEGORY, SERVICE_SLA };
enum { OFFER_SKU, OFFER_NAME, OFFER_REGION, OFFER_FAMILY, OFFER_VCPU, OFFER_MEMORY, OFFER_GPU,
       OFFER_STORAGE_TYPE, OFFER_OS, OFFER_SLA, OFFER_ARCHITECTURE, OFFER_TENANCY, OFFER_LICENCE,
       OFFER_SOFTWARE, OFFER_CAPACITY };
enum { FEATURE_KEY, FEATURE_VALUE };
enum { PRICE_UNIT, PRICE_TERM, PRICE_YEARS, PRICE_UPFRONT, PRICE_UPFRONT_FEE,
       PRICE_FREE_QUANTITY, PRICE_AMOUNT, PRICE_MONTHLY_CAP, PRICE_USAGE_DISCOUNT,
       PRICE_EFFECTIVE_DATE, PRICE_OFFERING_CLASS };
enum { TIER_FROM, TIER_TO, TIER_AMOUNT };
enum { USAGE_DISCOUNT_ID };
enum { BAND_FROM, BAND_TO, BAND_PERCENT };

#define MAX_ATTRS 15

/* Like the elements' names, these are looked up once in the parser's dictionary. */
static const char * const attr_names[N_ELEMENTS][MAX_ATTRS] = {
  [EL_PRICE_SHEET] = { [FORMAT] = "format" },
  [EL_PROVIDER] = { [PROVIDER_ID] = "id", [PROVIDER_NAME] = "name",
                    [PROVIDER_SHORT_NAME] = "short-name" },
  [EL_SHEET] = { [SHEET_VERSION] = "version", [SHEET_EFFECTIVE_DATE] = "effective-date",
                 [SHEET_CURRENCY] = "currency" },
  [EL_SOURCE] = { [SOURCE_RETRIEVED] = "retrieved", [SOURCE_URL] = "url" },
  [EL_REGION] = { [REGION_CODE] = "code", [REGION_NAME] = "name",
                  [REGION_GEOGRAPHY] = "geography" },
  [EL_SERVICE] = { [SERVICE_ID] = "id", [SERVICE_NAME] = "name",
                   [SERVICE_CATEGORY] = "category", [SERVICE_SLA] = "sla" },
  [EL_OFFER] = { [OFFER_SKU] = "sku", [OFFER_NAME] = "name", [OFFER_REGION] = "region",
                 [OFFER_FAMILY] = "family", [OFFER_VCPU] = "vcpu", [OFFER_MEMORY] = "memory-gib",
                 [OFFER_GPU] = "gpu", [OFFER_STORAGE_TYPE] = "storage-type", [OFFER_OS] = "os",
                 [OFFER_SLA] = "sla", [OFFER_ARCHITECTURE] = "architecture",
                 [OFFER_TENANCY] = "tenancy", [OFFER_LICENCE] = "licence",
                 [OFFER_SOFTWARE] = "software", [OFFER_CAPACITY] = "capacity" },
  [EL_FEATURE] = { [FEATURE_KEY] = "key", [FEATURE_VALUE] = "value" },
  [EL_PRICE] = { [PRICE_UNIT] = "unit", [PRICE_TERM] = "term", [PRICE_YEARS] = "years",
                 [PRICE_UPFRONT] = "upfront", [PRICE_UPFRONT_FEE] = "upfront-fee",
                 [PRICE_FREE_QUANTITY] = "free-quantity", [PRICE_AMOUNT] = "amount",
                 [PRICE_MONTHLY_CAP] = "monthly-cap", [PRICE_USAGE_DISCOUNT] = "usage-discount",
                 [PRICE_EFFECTIVE_DATE] = "effective-date",
                 [PRICE_OFFERING_CLASS] = "offering-class" },
  [EL_TIER] = { [TIER_FROM] = "from", [TIER_TO] = "to", [TIER_AMOUNT] = "amount" },
  [EL_USAGE_DISCOUNT] = { [USAGE_DISCOUNT_ID] = "id" },
  [EL_BAND] = { [BAND_FROM] = "from", [BAND_TO] = "to", [BAND_PERCENT] = "percent" },
};

/* A piece of the file as read, on its way to the parser and to the checksum. */
typedef struct
{
  char  *data;
  gsize  len;
} Piece;

#define PIECES 4

/* The file's SHA-256 is computed in a thread of its own, from the pieces the reader reads: it
 * takes them from to_hash and hands each back through free once it is hashed. A piece of
 * length 0 stops it. */
typedef struct
{
  GThread           *thread;
  GAsyncQueue       *to_hash;
  GAsyncQueue       *free;
  struct sha256_ctx  checksum;     /* nettle's: it uses the processor's SHA instructions */
  Piece              pieces[PIECES];
} Hasher;

typedef struct
{
  const char         *path;
  xmlParserCtxtPtr    ctxt;
  const xmlChar      *names[N_ELEMENTS];
  const xmlChar      *attr_names[N_ELEMENTS][MAX_ATTRS];
  const xmlChar      *namespace_uri;
  int                 depth;
  int                 fd;
  /* A gzip-compressed sheet is read through this stream, which decompresses what it reads from
   * fd; NULL for a plain one. */
  GInputStream       *gunzip;
  gboolean            blank_so_far; /* of a compressed sheet: whether all read was blank */
  Hasher              hasher;
  gboolean            hashing;      /* whether the hasher's thread runs */
  guint64             size;
  guint64             done;
  guint64             next_report;
  GCancellable       *cancellable;
  gboolean            cancelled;
  SkyProgressFunc     progress;
  gpointer            progress_data;

  const SkySheetSink *sink;
  gpointer            user_data;

  GError             *error;
  char                shown[SHOWN_SLOTS][SHOWN_CHARS * 4 + sizeof "…"];
  int                 next_shown;
  char               *xml_message;
  int                 xml_line;
  int                 xml_column;

  long                line_of_last_start;
  int                 starts_on_line;
  Loc                 loc;

  /* The element being started: its namespace and attributes as the parser reports them. */
  const xmlChar      *element_ns;
  const xmlChar     **attributes;
  int                 n_attributes;
  int                 n_namespaces;
  GString            *values;        /* the attributes' values, each NUL-terminated */

  /* The start tag the parser holds, incomplete, until its ">" comes: where it starts in the
   * (decoded) input, how far it was scanned, its attributes so far. */
  guint64             pending_start;
  guint64             pending_scanned;
  guint               pending_attributes;
  char                pending_quote;

  /* Text in <source> since the last tag, comment or processing instruction: what a document
   * tree would hold as one text node. */
  GString            *text;
  gboolean            in_text;

  Stage               stage;
  char               *provider_id;
  char               *provider_name;
  char               *provider_short_name;
  char               *version;
  char               *effective_date;
  char               *currency;
  char               *retrieved;
  char               *source_url;
  GString            *source_text;
  gsize               source_checked;  /* the bytes of it and of text when last counted */
  gboolean            in_source;
  Loc                 source_loc;

  GHashTable         *regions;       /* code → SkySheetRegion */
  GHashTable         *service_ids;
  GHashTable         *usage_discounts; /* the ids of the sheet's usage discounts */
  SkySheetUsageDiscount discount;    /* the one being read, when in_discount */
  gboolean            in_discount;
  Loc                 band_loc;
  SkySheetService     service;
  gboolean            in_service;

  SkySheetOffer      *offer;         /* the offer being read: &offer_store, or NULL */
  SkySheetOffer       offer_store;   /* used again for each offer, its arrays and blocks too */
  gsize               strings_size;  /* what offer_store.strings can hold */
  GPtrArray          *spare_prices;  /* prices of earlier offers, cleared, to be used again */
  Loc                 offer_loc;
  SkySheetPrice      *price;
  Loc                 price_loc;
  gboolean            price_has_amount;
  Loc                 tier_loc;
  SkyDecimal          tier_end;
  gboolean            tier_open;
} Reader;

static xmlParserInputPtr
deny_external_entity (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static void
silence_global_errors (void *ctx,
                       xmlErrorPtr error)
{
  /* Errors raised without a reader context: the reader's own handler reports the real ones. */
}

static void
silence_generic_errors (void       *ctx,
                        const char *format,
                        ...)
{
}

/* libxml2 keeps its error handlers per thread: set them in whichever thread reads a sheet. */
static void
silence_this_thread (void)
{
  xmlSetStructuredErrorFunc (NULL, silence_global_errors);
  xmlSetGenericErrorFunc (NULL, silence_generic_errors);
}

void
sky_sheet_reader_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external_entity);
      g_once_init_leave (&once, 1);
    }
}

static gboolean
in_list (const char         *value,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (value, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Locating an error's column ------------------------------------------------------------- */

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* In @text, whose first line is line @first, finds the nth start tag ending on line @line and
 * sets where it, or its attribute @attr, begins. Leaves the outputs alone when there is none. */
void
_sky_xml_locate_in_text (const char *text,
                         long        first,
                         long        target_line,
                         int         nth,
                         const char *attr,
                         long       *line_out,
                         int        *column_out)
{
  long line = first;
  int col = 1;
  int seen = 0;

  for (const char *p = text; *p != '\0';)
    {
      long tag_line = line;
      int tag_col = col;
      long attr_line = 0;
      int attr_col = 0;
      char quote = 0;
      gboolean start_tag;

#define ADVANCE() G_STMT_START { \
        if (*p == '\n') { line++; col = 1; } \
        else if (((guchar) *p & 0xC0) != 0x80) col++; \
        p++; } G_STMT_END

      if (*p != '<')
        {
          ADVANCE ();
          continue;
        }

      if (g_str_has_prefix (p, "<!--"))
        {
          while (*p != '\0' && !g_str_has_prefix (p, "-->"))
            ADVANCE ();
          continue;
        }

      start_tag = p[1] != '/' && p[1] != '!' && p[1] != '?';
      ADVANCE ();
      while (*p != '\0' && (quote != 0 || *p != '>'))
        {
          if (quote != 0)
            {
              if (*p == quote)
                quote = 0;
            }
          else if (*p == '"' || *p == '\'')
            quote = *p;
          else if (attr != NULL && attr_line == 0 && g_ascii_isspace (p[-1]) &&
                   g_str_has_prefix (p, attr) && !is_name_char (p[strlen (attr)]))
            {
              attr_line = line;
              attr_col = col;
            }
          ADVANCE ();
        }
      if (*p == '\0')
        break;

      if (start_tag && line == target_line)
        {
          if (seen == nth)
            {
              *line_out = attr_line != 0 ? attr_line : tag_line;
              *column_out = attr_line != 0 ? attr_col : tag_col;
              return;
            }
          seen++;
        }
      ADVANCE ();
#undef ADVANCE
    }
}

/* The number of start tags that end on @node's line before it, in document order. */
static int
nth_on_line (xmlNode  *first,
             xmlNode  *node,
             long      line,
             gboolean *found)
{
  int n = 0;

  for (xmlNode *n_ = first; n_ != NULL; n_ = n_->next)
    {
      if (n_->type != XML_ELEMENT_NODE)
        continue;
      if (n_ == node)
        {
          *found = TRUE;
          return n;
        }
      if (xmlGetLineNo (n_) == line)
        n++;
      n += nth_on_line (n_->children, node, line, found);
      if (*found)
        return n;
    }
  return n;
}

/* In @text, parsed into the tree under @root, sets where @node's start tag, or its attribute
 * @attr, begins: @line_out to its line (libxml2's, else 1) and @column_out to its column (1
 * when it cannot be found). */
void
_sky_xml_locate_node (const char *text,
                      xmlNode    *root,
                      xmlNode    *node,
                      const char *attr,
                      long       *line_out,
                      int        *column_out)
{
  long line = node != NULL ? xmlGetLineNo (node) : 1;

  *column_out = 1;
  if (node != NULL && line > 0)
    {
      gboolean found = FALSE;
      int nth = nth_on_line (root, node, line, &found);

      _sky_xml_locate_in_text (text, 1, line, nth, attr, &line, column_out);
    }
  *line_out = MAX (line, 1);
}

/* Finds the column of the nth start tag ending on @line, or of its attribute @attr. Tags are
 * tokenised over the few lines before it, so a tag spread over several lines is found too. */
static void
locate (const char *path,
        Loc         loc,
        const char *attr,
        long       *line_out,
        int        *column_out)
{
  enum { WINDOW = 64 };
  char *lines[WINDOW] = { NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  FILE *f;
  char *buf = NULL;
  size_t cap = 0;
  long n = 0;
  long first;

  *line_out = loc.line;
  *column_out = 1;

  if (loc.line <= 0 || (f = fopen (path, "rb")) == NULL)
    return;
  /* A compressed sheet's lines are not in its file as they are: its errors give column 1. */
  if (getc (f) == 0x1f && getc (f) == 0x8b)
    {
      fclose (f);
      return;
    }
  rewind (f);
  while (n < loc.line && getline (&buf, &cap, f) >= 0)
    {
      n++;
      g_free (lines[n % WINDOW]);
      lines[n % WINDOW] = g_strdup (buf);
    }
  free (buf);
  fclose (f);

  first = MAX (1, n - WINDOW + 1);
  for (long i = first; i <= n; i++)
    {
      g_string_append (text, lines[i % WINDOW]);
      if (text->len == 0 || text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
    }
  _sky_xml_locate_in_text (text->str, first, loc.line, loc.nth, attr, line_out, column_out);

  for (int i = 0; i < WINDOW; i++)
    g_free (lines[i]);
}

/* "path:line:column" of an element, or of its attribute @attr. */
char *
sky_sheet_locate (const char *path,
                  long        line,
                  int         nth,
                  const char *attr)
{
  long l;
  int column;

  g_return_val_if_fail (path != NULL, NULL);

  locate (path, (Loc) { line, nth }, attr, &l, &column);
  return g_strdup_printf ("%s:%ld:%d", path, l, column);
}

/* Errors ----------------------------------------------------------------------------------- */

/* @value as a message shows it: whole when short, else its first SHOWN_CHARS characters and
 * "…". The text is kept in one of the reader's SHOWN_SLOTS slots, used in turn: enough for the
 * values of one message. */
static const char *
shown (Reader     *self,
       const char *value)
{
  const char *end = value;
  char *slot;

  if (value == NULL)
    return NULL;
  for (int i = 0; i < SHOWN_CHARS; i++)
    {
      if (*end == '\0')
        return value;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return value;

  slot = self->shown[self->next_shown];
  self->next_shown = (self->next_shown + 1) % SHOWN_SLOTS;
  memcpy (slot, value, end - value);
  strcpy (slot + (end - value), "…");
  return slot;
}

static gboolean
fail_at (Reader     *self,
         Loc         loc,
         const char *attr,
         int         code,
         const char *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (Reader     *self,
         Loc         loc,
         const char *attr,
         int         code,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;
  long line;
  int column;

  if (self->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  locate (self->path, loc, attr, &line, &column);
  g_set_error (&self->error, SKY_SHEET_ERROR, code, "%s:%ld:%d: %s",
               self->path, line, column, message);
  return FALSE;
}

/* Where the DOCTYPE is: past the XML declaration, comments, processing instructions and blank
 * space before it, where one of those could hold the text "<!DOCTYPE" too. Only the head of the
 * file is read: a DOCTYPE comes before the root element. */
static void
locate_doctype (Reader *self,
                long   *line_out,
                int    *column_out)
{
  enum { HEAD = 1024 * 1024 };
  g_autofree char *head = g_malloc (HEAD + 1);
  gssize len = pread (self->fd, head, HEAD, 0);
  const char *p = head;
  const char *end;
  long line = 1;
  int column = 1;

  *line_out = MAX (1, self->ctxt->input->line);
  *column_out = 1;
  if (len <= 0)
    return;
  head[len] = '\0';
  end = head + len;
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;

  while (p < end)
    {
      const char *next;

      if (g_str_has_prefix (p, "<!DOCTYPE"))
        {
          *line_out = line;
          *column_out = column;
          return;
        }
      /* Past what comes before it: a declaration or processing instruction, a comment, blank
       * space. */
      if (g_str_has_prefix (p, "<?") && (next = strstr (p + 2, "?>")) != NULL)
        next += 2;
      else if (g_str_has_prefix (p, "<!--") && (next = strstr (p + 4, "-->")) != NULL)
        next += 3;
      else if (g_ascii_isspace (*p))
        next = p + 1;
      else
        return;

      for (; p < next; p++)
        {
          if (*p == '\n')
            {
              line++;
              column = 1;
            }
          else if (((guchar) *p & 0xC0) != 0x80)
            column++;
        }
    }
}

/* The DOCTYPE is refused where it stands. */
static gboolean
fail_at_doctype (Reader *self)
{
  long line;
  int column;

  if (self->error != NULL)
    return FALSE;
  locate_doctype (self, &line, &column);
  g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_FORBIDDEN,
               _("%s:%ld:%d: DOCTYPE not allowed in price sheets (they never need a DTD or "
                 "entities)"), self->path, line, column);
  return FALSE;
}

/* The column, on @line, of the last "&@name;" that starts before @column: where the parser saw
 * an undefined entity, as it reports the position past it. */
static int
locate_reference (Reader     *self,
                  long        line,
                  int         column,
                  const char *name)
{
  g_autofree char *needle = g_strdup_printf ("&%s;", name);
  FILE *f = fopen (self->path, "rb");
  char *buf = NULL;
  size_t cap = 0;
  long n = 0;
  int found = column;

  if (f == NULL)
    return column;
  while (n < line && getline (&buf, &cap, f) >= 0)
    n++;
  if (n == line)
    {
      int col = 1;

      for (const char *p = buf; *p != '\0' && col < column; p++)
        {
          if (g_str_has_prefix (p, needle))
            found = col;
          if (((guchar) *p & 0xC0) != 0x80)
            col++;
        }
    }
  free (buf);
  fclose (f);
  return found;
}

#define fail(self, attr, code, ...) fail_at ((self), (self)->loc, (attr), (code), __VA_ARGS__)

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  Reader *self = ((xmlParserCtxtPtr) user_data)->_private;

  if (self->xml_message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  self->xml_message = g_strstrip (g_strdup (error->message != NULL ? error->message : "error"));
  /* Its messages can quote names, which may be long. */
  if (g_utf8_validate (self->xml_message, -1, NULL) &&
      g_utf8_strlen (self->xml_message, -1) > MAX_XML_MESSAGE_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (self->xml_message, MAX_XML_MESSAGE_CHARS);

      *cut = '\0';
      self->xml_message = g_realloc (self->xml_message, cut - self->xml_message + sizeof "…");
      strcat (self->xml_message, "…");
    }
  self->xml_line = error->line;
  self->xml_column = error->int2;
  if ((error->code == XML_ERR_UNDECLARED_ENTITY || error->code == XML_WAR_UNDECLARED_ENTITY) &&
      error->str1 != NULL && error->line > 0)
    self->xml_column = locate_reference (self, error->line, error->int2, error->str1);
}

/* Input ------------------------------------------------------------------------------------ */

static gpointer
hash_pieces (gpointer data)
{
  Hasher *hasher = data;

  for (;;)
    {
      Piece *piece = g_async_queue_pop (hasher->to_hash);

      if (piece->len == 0)
        break;
      sha256_update (&hasher->checksum, piece->len, (const uint8_t *) piece->data);
      g_async_queue_push (hasher->free, piece);
    }
  return NULL;
}

static void
hasher_init (Hasher   *hasher,
             gboolean  start)
{
  sha256_init (&hasher->checksum);
  hasher->to_hash = g_async_queue_new ();
  hasher->free = g_async_queue_new ();
  for (int i = 0; i < PIECES; i++)
    {
      hasher->pieces[i].data = g_malloc (READ_CHUNK);
      g_async_queue_push (hasher->free, &hasher->pieces[i]);
    }
  if (start)
    hasher->thread = g_thread_new ("sky-sheet-hasher", hash_pieces, hasher);
}

/* Waits for the thread to hash what it has been given. */
static void
hasher_clear (Hasher *hasher)
{
  Piece end = { NULL, 0 };

  if (hasher->thread != NULL)
    {
      g_async_queue_push (hasher->to_hash, &end);
      g_thread_join (g_steal_pointer (&hasher->thread));
    }
  g_async_queue_unref (hasher->to_hash);
  g_async_queue_unref (hasher->free);
  for (int i = 0; i < PIECES; i++)
    g_free (hasher->pieces[i].data);
}

static gboolean is_blank (const char *text, gsize len);

/* Reads the next piece of the file, at most @len bytes, into *@data, hands it to the checksum
 * and reports progress. The piece stays valid until the next call. Returns the number of bytes
 * read, 0 at the end, -1 on an error or when cancelled. */
static gssize
read_input (Reader  *self,
            gsize    len,
            char   **data)
{
  Piece *piece = g_async_queue_pop (self->hasher.free);
  gssize n;

  g_assert (len <= READ_CHUNK);
  *data = piece->data;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      self->cancelled = TRUE;
      n = -1;
    }
  else if (self->gunzip != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      n = g_input_stream_read (self->gunzip, piece->data, len, self->cancellable, &local_error);
      if (n < 0 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->cancelled = TRUE;
      else if (n < 0 && self->error == NULL)
        g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO,
                     _("%s: cannot decompress: %s"), self->path, local_error->message);
    }
  else
    do
      n = read (self->fd, piece->data, len);
    while (n < 0 && errno == EINTR);

  /* The parser copies what it is given before the next piece is read, so a piece can go back
   * to the free ones as soon as it is hashed. */
  piece->len = MAX (n, 0);
  if (self->gunzip != NULL && self->blank_so_far && n > 0)
    self->blank_so_far = is_blank (piece->data, n);
  if (self->hashing && n > 0)
    g_async_queue_push (self->hasher.to_hash, piece);
  else
    g_async_queue_push (self->hasher.free, piece);

  if (n < 0)
    {
      if (self->error == NULL && !self->cancelled)
        g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO,
                     _("%s: cannot read: %s"), self->path, g_strerror (errno));
      return -1;
    }

  self->done += n;
  if (self->progress != NULL && (self->done >= self->next_report || n == 0))
    {
      /* Of a compressed sheet, progress is told in the file's own bytes: how far the stream
       * has read into it. */
      guint64 at = self->done;

      if (self->gunzip != NULL)
        at = n == 0 ? self->size : MIN ((guint64) MAX (lseek (self->fd, 0, SEEK_CUR), 0),
                                        self->size);
      self->progress (at, self->size, self->progress_data);
      self->next_report = self->done + PROGRESS_STEP;
    }
  return n;
}

/* Attributes ------------------------------------------------------------------------------- */

/* An element's attributes: their values by position (see attr_names), NULL for those it does
 * not have. */
typedef struct
{
  Element     element;
  const char *values[MAX_ATTRS];
} Attrs;

/* Matches the element's attributes with the names in @a. The values are copied, NUL-terminated,
 * into self->values: they stay valid until the next element starts. */
static gboolean
read_attrs (Reader  *self,
            Element  element,
            Attrs   *a)
{
  const xmlChar **at = self->attributes;
  const xmlChar * const *names = self->attr_names[element];
  gsize total = 0;
  char *out;

  a->element = element;
  memset (a->values, 0, sizeof a->values);

  for (int k = 0; k < self->n_attributes; k++)
    total += at[k * 5 + 4] - at[k * 5 + 3] + 1;
  g_string_set_size (self->values, total);
  out = self->values->str;

  for (int k = 0; k < self->n_attributes; k++)
    {
      const char *name = (const char *) at[k * 5];
      const char *prefix = (const char *) at[k * 5 + 1];
      const char *value = (const char *) at[k * 5 + 3];
      const char *xmlns = prefix != NULL ? prefix : name;
      gsize len = at[k * 5 + 4] - at[k * 5 + 3];
      gsize i;

      if (xmlns[0] == 'x' && strncmp (xmlns, "xmlns", 5) == 0)
        continue;

      /* The parser reports names from its dictionary, as the same pointer each time. */
      for (i = 0; i < MAX_ATTRS && names[i] != NULL; i++)
        if (names[i] == (const xmlChar *) name)
          break;

      if (at[k * 5 + 2] != NULL || i == MAX_ATTRS || names[i] == NULL)
        {
          g_autofree char *qname = prefix != NULL ? g_strconcat (prefix, ":", name, NULL)
                                                  : g_strdup (name);

          if (g_utf8_strlen (qname, MAX_NAME_CHARS * 4 + 1) > MAX_NAME_CHARS)
            return fail (self, qname, SKY_SHEET_ERROR_TOO_LARGE,
                         _("an attribute name is at most %d characters long: “%s”"),
                         MAX_NAME_CHARS, shown (self, qname));
          return fail (self, qname, SKY_SHEET_ERROR_UNKNOWN_ATTRIBUTE,
                       _("<%s> has an unknown attribute “%s”"), element_names[element], qname);
        }

      memcpy (out, value, len);
      out[len] = '\0';
      /* Without entity substitution the parser hands on every “&” of a value as “&#38;”. */
      if (memchr (out, '&', len) != NULL)
        {
          char *w = out;
          for (const char *r = out; *r != '\0';)
            {
              if (g_str_has_prefix (r, "&#38;"))
                {
                  *w++ = '&';
                  r += 5;
                }
              else
                *w++ = *r++;
            }
          *w = '\0';
        }
      a->values[i] = out;
      out += len + 1;
    }
  return TRUE;
}

/* The value of the attribute at @position, or NULL after an error that says it is missing. */
static const char *
attr_require (Reader      *self,
              const Attrs *a,
              int          position)
{
  const char *value = a->values[position];

  if (value == NULL)
    fail (self, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE, _("<%s> needs the attribute “%s”"),
          element_names[a->element], attr_names[a->element][position]);
  return value;
}

static gboolean
check_identifier (Reader     *self,
                  const char *element,
                  const char *attr,
                  const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 64 || !(g_ascii_islower (value[0]) || g_ascii_isdigit (value[0])))
    goto bad;
  for (const char *p = value; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
      goto bad;
  return TRUE;

bad:
  return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
               _("%s “%s” of <%s> is not an identifier (lowercase letters, digits, “.”, “_”, “-”; "
                 "at most 64)"), attr, shown (self, value), element);
}

static gboolean
check_label (Reader     *self,
             const char *element,
             const char *attr,
             const char *value)
{
  /* A text of no more bytes than the limit has no more characters either. */
  if (*value == '\0' ||
      (strlen (value) > MAX_LABEL_CHARS && g_utf8_strlen (value, -1) > MAX_LABEL_CHARS))
    return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
                 _("%s of <%s> must be 1 to %d characters long"), attr, element, MAX_LABEL_CHARS);
  return TRUE;
}

/* The entry of @vocabulary @value is; NULL, with the error set, when it is none. */
static const SkyWord *
check_word (Reader        *self,
            const char    *element,
            const char    *attr,
            const char    *value,
            SkyVocabulary  vocabulary)
{
  const SkyWord *word = sky_vocabulary_lookup (vocabulary, value);

  if (word == NULL)
    fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE, _("unknown %s “%s” in <%s>"), attr,
          shown (self, value), element);
  return word;
}

/* The entry of @vocabulary that the element's attribute at @position names, or the table's
 * first entry when the attribute is absent; NULL, with the error set, for a value that is
 * none. */
static const SkyWord *
attr_word (Reader        *self,
           const Attrs   *a,
           int            position,
           SkyVocabulary  vocabulary)
{
  const char *value = a->values[position];

  if (value == NULL)
    return sky_vocabulary_nth (vocabulary, 0);
  return check_word (self, element_names[a->element], attr_names[a->element][position], value,
                     vocabulary);
}

static gboolean
check_date (Reader     *self,
            const char *element,
            const char *attr,
            const char *value)
{
  unsigned y, m, d;
  char end;

  if (strlen (value) != 10 || sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      value[4] != '-' || value[7] != '-' ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
                 _("%s “%s” of <%s> is not a date (YYYY-MM-DD)"), attr, shown (self, value),
                 element);
  return TRUE;
}

static gboolean
parse_decimal (Reader     *self,
               const char *element,
               const char *attr,
               const char *value,
               guint       max_scale,
               SkyDecimal *out)
{
  g_autoptr(GError) error = NULL;
  const char *value_shown;

  if (sky_decimal_parse (value, max_scale, FALSE, out, &error))
    return TRUE;
  /* The message quotes the value: only its start, when long. */
  value_shown = shown (self, value);
  if (value_shown != value)
    {
      g_autoptr(GString) message = g_string_new (error->message);

      g_string_replace (message, value, value_shown, 0);
      return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE, _("%s of <%s>: %s"), attr, element,
                   message->str);
    }
  return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE, _("%s of <%s>: %s"), attr, element,
               error->message);
}

/* A decimal stored as an integer count of 10^-scale, at most @max of them. */
static gboolean
parse_scaled (Reader     *self,
              const char *element,
              const char *attr,
              const char *value,
              guint       scale,
              gint64      max,
              gint64     *out)
{
  SkyDecimal d;

  if (sky_decimal_parse_plain_scaled (value, scale, out) && *out <= max)
    return TRUE;
  if (!parse_decimal (self, element, attr, value, scale, &d))
    return FALSE;
  if (!sky_decimal_to_scaled_int64 (d, scale, out) || *out > max)
    return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
                 _("%s “%s” of <%s> is too large"), attr, shown (self, value), element);
  return TRUE;
}

static gboolean
parse_money (Reader     *self,
             const char *element,
             const char *attr,
             const char *value,
             gint64     *out)
{
  return parse_scaled (self, element, attr, value, SKY_PRICE_SCALE, MAX_AMOUNT, out);
}

/* An optional spec (vCPU, memory, GPU): -1 when the attribute is absent. */
static gboolean
parse_spec (Reader     *self,
            const char *element,
            const char *attr,
            const char *value,
            guint       scale,
            gint64     *out)
{
  *out = -1;
  return value == NULL || parse_scaled (self, element, attr, value, scale, G_MAXINT32, out);
}

static gboolean
check_percentage (Reader     *self,
                  const char *element,
                  const char *attr,
                  const char *value)
{
  SkyDecimal d;

  if (value == NULL)
    return TRUE;
  if (!parse_decimal (self, element, attr, value, 4, &d))
    return FALSE;
  if (sky_decimal_compare (d, sky_decimal_from_int (100)) > 0)
    return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
                 _("%s “%s” of <%s> is more than 100 %%"), attr, shown (self, value), element);
  return TRUE;
}

/* Elements --------------------------------------------------------------------------------- */

static void
price_clear (SkySheetPrice *price)
{
  for (guint i = 0; i < price->tiers->len; i++)
    {
      SkySheetTier *tier = &g_array_index (price->tiers, SkySheetTier, i);
      g_free (tier->from);
      g_free (tier->to);
    }
  g_array_set_size (price->tiers, 0);
  g_clear_pointer (&price->free_quantity, g_free);
}

static void
price_free (gpointer data)
{
  SkySheetPrice *price = data;

  price_clear (price);
  g_array_unref (price->tiers);
  g_free (price);
}

/* Empties the offer for the next one; its prices wait in spare_prices to be used again. */
static void
offer_clear (Reader *self)
{
  SkySheetOffer *offer = &self->offer_store;

  for (guint i = 0; i < offer->prices->len; i++)
    {
      SkySheetPrice *price = g_ptr_array_index (offer->prices, i);

      price_clear (price);
      g_ptr_array_add (self->spare_prices, price);
    }
  g_ptr_array_set_size (offer->prices, 0);
  g_ptr_array_set_size (offer->features, 0);
  self->offer = NULL;
}

static void
region_free (gpointer data)
{
  SkySheetRegion *region = data;

  g_free ((char *) region->code);
  g_free ((char *) region->name);
  g_free (region);
}

static void
service_clear (SkySheetService *service)
{
  g_clear_pointer ((char **) &service->id, g_free);
  g_clear_pointer ((char **) &service->name, g_free);
  service->category = NULL;
  g_clear_pointer ((char **) &service->sla, g_free);
}

static gboolean
unexpected (Reader     *self,
            const char *name,
            const char *where)
{
  /* Translators: an element's name, then where it is not expected and why, such as
   * "here: <provider> comes first, once". */
  return fail (self, NULL, SKY_SHEET_ERROR_UNEXPECTED_ELEMENT, _("<%s> is not expected %s"),
               name, where);
}

static gboolean
start_root (Reader *self)
{
  Attrs a;
  const char *format;
  gint64 version;

  if (!read_attrs (self, EL_PRICE_SHEET, &a) ||
      !(format = attr_require (self, &a, FORMAT)))
    return FALSE;
  if (!g_ascii_string_to_signed (format, 10, 1, G_MAXINT, &version, NULL))
    return fail (self, "format", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("format “%s” of <price-sheet> is not a format number"), shown (self, format));
  if (version != SKY_SHEET_FORMAT_VERSION)
    return fail (self, "format", SKY_SHEET_ERROR_UNSUPPORTED_FORMAT,
                 _("this price sheet is in format %s; this version of Skytally reads format %d. "
                   "Update Skytally to import it"), format, SKY_SHEET_FORMAT_VERSION);
  self->stage = STAGE_ROOT;
  return TRUE;
}

static gboolean
start_provider (Reader *self)
{
  Attrs a;
  const char *id, *name, *short_name;

  if (self->stage != STAGE_ROOT)
    return unexpected (self, "provider", _("here: <provider> comes first, once"));
  if (!read_attrs (self, EL_PROVIDER, &a) ||
      !(id = attr_require (self, &a, PROVIDER_ID)) ||
      !(name = attr_require (self, &a, PROVIDER_NAME)) ||
      !check_identifier (self, "provider", "id", id) ||
      !check_label (self, "provider", "name", name))
    return FALSE;
  /* The name for narrow places, such as a column's header; without one, the name is shown. */
  short_name = a.values[PROVIDER_SHORT_NAME];
  if (short_name != NULL &&
      (*short_name == '\0' ||
       (strlen (short_name) > MAX_SHORT_NAME_CHARS &&
        g_utf8_strlen (short_name, -1) > MAX_SHORT_NAME_CHARS)))
    return fail (self, "short-name", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("short-name “%s” of <provider> must be 1 to %d characters long"),
                 shown (self, short_name), MAX_SHORT_NAME_CHARS);
  self->provider_id = g_strdup (id);
  self->provider_name = g_strdup (name);
  self->provider_short_name = g_strdup (short_name != NULL ? short_name : name);
  self->stage = STAGE_PROVIDER;
  return TRUE;
}

static gboolean
start_sheet (Reader *self)
{
  Attrs a;
  const char *version, *date, *currency;
  gsize len;

  if (self->stage != STAGE_PROVIDER)
    return unexpected (self, "sheet", _("here: it comes once, right after <provider>"));
  if (!read_attrs (self, EL_SHEET, &a) ||
      !(version = attr_require (self, &a, SHEET_VERSION)) ||
      !(date = attr_require (self, &a, SHEET_EFFECTIVE_DATE)) ||
      !(currency = attr_require (self, &a, SHEET_CURRENCY)) ||
      !check_date (self, "sheet", "effective-date", date))
    return FALSE;

  len = strlen (version);
  if (len == 0 || len > 64 || !g_ascii_isalnum (version[0]))
    return fail (self, "version", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("version “%s” of <sheet> must start with a letter or digit and be at most 64 "
                   "characters"), shown (self, version));
  for (const char *p = version; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._+-", *p) == NULL)
      return fail (self, "version", SKY_SHEET_ERROR_INVALID_VALUE,
                   _("version “%s” of <sheet> may hold only letters, digits, “.”, “_”, “+” "
                     "and “-”"),
                   shown (self, version));

  if (!sky_currency_lookup (currency, NULL))
    return fail (self, "currency", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("unknown currency “%s”: use an ISO 4217 code such as USD or EUR"),
                 shown (self, currency));

  self->version = g_strdup (version);
  self->effective_date = g_strdup (date);
  self->currency = g_strdup (currency);
  self->stage = STAGE_SHEET;
  return TRUE;
}

static gboolean
start_source (Reader *self)
{
  Attrs a;
  const char *retrieved;

  if (self->stage != STAGE_SHEET)
    return unexpected (self, "source", _("here: it comes once, right after <sheet>"));
  if (!read_attrs (self, EL_SOURCE, &a) ||
      !(retrieved = attr_require (self, &a, SOURCE_RETRIEVED)) ||
      !check_date (self, "source", "retrieved", retrieved))
    return FALSE;
  self->retrieved = g_strdup (retrieved);
  self->source_url = g_strdup (a.values[SOURCE_URL]);
  self->source_text = g_string_new (NULL);
  self->source_loc = self->loc;
  self->in_source = TRUE;
  return TRUE;
}

static gboolean
source_too_long (Reader *self)
{
  return fail_at (self, self->source_loc, NULL, SKY_SHEET_ERROR_INVALID_VALUE,
                  _("<source> must say where the prices came from (1 to %d characters)"),
                  MAX_SOURCE_CHARS);
}

/* Refuses the text of <source> as soon as it is sure to be too long, so that it is not kept
 * whole: when what has come so far, without the blank space that the end strips, has too many
 * characters already, or when it takes too many bytes, blank space included. Counted every
 * SOURCE_CHECK_STEP bytes. */
static gboolean
check_source_length (Reader *self)
{
  gsize len = self->source_text->len + self->text->len;
  g_autofree char *so_far = NULL;

  if (len < self->source_checked + SOURCE_CHECK_STEP)
    return TRUE;
  self->source_checked = len;
  if (len > MAX_SOURCE_BYTES)
    return fail_at (self, self->source_loc, NULL, SKY_SHEET_ERROR_TOO_LARGE,
                    _("<source> takes more than %d KiB, blank space included"),
                    MAX_SOURCE_BYTES / 1024);
  so_far = g_strstrip (g_strconcat (self->source_text->str, self->text->str, NULL));
  if (g_utf8_strlen (so_far, -1) > MAX_SOURCE_CHARS)
    return source_too_long (self);
  return TRUE;
}

static gboolean
end_source (Reader *self)
{
  SkySheetHeader header;
  g_autofree char *text = g_strstrip (g_string_free (g_steal_pointer (&self->source_text), FALSE));

  self->in_source = FALSE;
  if (*text == '\0' || g_utf8_strlen (text, -1) > MAX_SOURCE_CHARS)
    return source_too_long (self);

  header = (SkySheetHeader) {
    .provider_id = self->provider_id,
    .provider_name = self->provider_name,
    .provider_short_name = self->provider_short_name,
    .version = self->version,
    .effective_date = self->effective_date,
    .currency = self->currency,
    .source = text,
    .source_url = self->source_url,
    .retrieved = self->retrieved,
  };
  self->stage = STAGE_SOURCE;
  if (self->sink->header != NULL &&
      !self->sink->header (&header, self->user_data, &self->error))
    return FALSE;
  return TRUE;
}

static gboolean
start_region (Reader *self)
{
  Attrs a;
  const char *code, *name, *geo;
  const SkyWord *geography;
  SkySheetRegion *region;

  if (self->stage != STAGE_SOURCE && self->stage != STAGE_REGIONS)
    return unexpected (self, "region", _("here: regions come after <source> and before services"));
  if (!read_attrs (self, EL_REGION, &a) ||
      !(code = attr_require (self, &a, REGION_CODE)) ||
      !(name = attr_require (self, &a, REGION_NAME)) ||
      !(geo = attr_require (self, &a, REGION_GEOGRAPHY)) ||
      !check_identifier (self, "region", "code", code) ||
      !check_label (self, "region", "name", name) ||
      !(geography = check_word (self, "region", "geography", geo, SKY_VOCABULARY_GEOGRAPHY)))
    return FALSE;
  if (g_hash_table_contains (self->regions, code))
    return fail (self, "code", SKY_SHEET_ERROR_DUPLICATE,
                 _("region “%s” is declared twice"), code);

  region = g_new0 (SkySheetRegion, 1);
  region->code = g_strdup (code);
  region->name = g_strdup (name);
  /* The vocabulary's own string, as an offer's geography is too. */
  region->geography = geography->id;
  g_hash_table_insert (self->regions, (char *) region->code, region);
  self->stage = STAGE_REGIONS;

  if (self->sink->region != NULL &&
      !self->sink->region (region, self->user_data, &self->error))
    return FALSE;
  return TRUE;
}

static gboolean
start_service (Reader *self)
{
  Attrs a;
  const char *id, *name, *category;
  const SkyWord *category_word;

  if (self->stage != STAGE_REGIONS && self->stage != STAGE_DISCOUNTS &&
      self->stage != STAGE_SERVICES)
    return unexpected (self, "service", _("here: services come after the regions"));
  if (!read_attrs (self, EL_SERVICE, &a) ||
      !(id = attr_require (self, &a, SERVICE_ID)) ||
      !(name = attr_require (self, &a, SERVICE_NAME)) ||
      !(category = attr_require (self, &a, SERVICE_CATEGORY)) ||
      !check_identifier (self, "service", "id", id) ||
      !check_label (self, "service", "name", name) ||
      !(category_word = check_word (self, "service", "category", category,
                                    SKY_VOCABULARY_CATEGORY)) ||
      !check_percentage (self, "service", "sla", a.values[SERVICE_SLA]))
    return FALSE;
  if (!g_hash_table_add (self->service_ids, g_strdup (id)))
    return fail (self, "id", SKY_SHEET_ERROR_DUPLICATE, _("service “%s” is declared twice"), id);
  /* The providers the vocabulary lists write its service ids, each in its category, so that
   * every sheet of a service, written by hand or converted, names it alike. */
  if (self->provider_id != NULL && sky_service_provider_is_listed (self->provider_id))
    {
      const SkyService *known = sky_service_lookup (self->provider_id, id);

      if (known == NULL)
        {
          g_autofree char *ids = sky_service_describe (self->provider_id);
          return fail (self, "id", SKY_SHEET_ERROR_INVALID_VALUE,
                       _("unknown service “%s” of %s: use %s"), shown (self, id),
                       self->provider_id, ids);
        }
      if (strcmp (known->category, category_word->id) != 0)
        return fail (self, "category", SKY_SHEET_ERROR_INVALID_VALUE,
                     _("service “%s” of %s is in category %s, not %s"), id, self->provider_id,
                     known->category, category_word->id);
    }

  service_clear (&self->service);
  self->service.id = g_strdup (id);
  self->service.name = g_strdup (name);
  self->service.category = category_word->id;
  self->service.sla = g_strdup (a.values[SERVICE_SLA]);
  self->in_service = TRUE;
  self->stage = STAGE_SERVICES;

  if (self->sink->service != NULL &&
      !self->sink->service (&self->service, self->user_data, &self->error))
    return FALSE;
  return TRUE;
}

/* A table of discounts by the share of the month an instance runs: its bands follow. */
static gboolean
start_usage_discount (Reader *self)
{
  Attrs a;
  const char *id;

  if (self->stage != STAGE_REGIONS && self->stage != STAGE_DISCOUNTS)
    return unexpected (self, "usage-discount", _("here: usage discounts come after the regions "
                         "and before services"));
  if (!read_attrs (self, EL_USAGE_DISCOUNT, &a) ||
      !(id = attr_require (self, &a, USAGE_DISCOUNT_ID)) ||
      !check_identifier (self, "usage-discount", "id", id))
    return FALSE;
  if (!g_hash_table_add (self->usage_discounts, g_strdup (id)))
    return fail (self, "id", SKY_SHEET_ERROR_DUPLICATE, _("usage discount “%s” is declared twice"),
                 id);
  g_hash_table_lookup_extended (self->usage_discounts, id, (gpointer *) &self->discount.id,
                                NULL);
  g_array_set_size (self->discount.bands, 0);
  self->in_discount = TRUE;
  self->stage = STAGE_DISCOUNTS;
  return TRUE;
}

/* A share of the month in percent, 0 to 100, with at most 4 decimals. */
static gboolean
parse_share (Reader     *self,
             const char *attr,
             const char *value,
             SkyDecimal *out)
{
  return check_percentage (self, "band", attr, value) &&
         parse_decimal (self, "band", attr, value, 4, out);
}

static gboolean
start_band (Reader *self)
{
  Attrs a;
  const char *from_s, *to_s, *percent_s;
  SkySheetBand band;
  GArray *bands = self->discount.bands;

  if (!read_attrs (self, EL_BAND, &a) ||
      !(from_s = attr_require (self, &a, BAND_FROM)) ||
      !(to_s = attr_require (self, &a, BAND_TO)) ||
      !(percent_s = attr_require (self, &a, BAND_PERCENT)) ||
      !parse_share (self, "from", from_s, &band.from) ||
      !parse_share (self, "to", to_s, &band.to) ||
      !parse_share (self, "percent", percent_s, &band.percent))
    return FALSE;

  if (bands->len == 0 && !sky_decimal_is_zero (band.from))
    return fail (self, "from", SKY_SHEET_ERROR_BANDS,
                 _("the first band must start at 0, not at %s"), shown (self, from_s));
  if (bands->len > 0)
    {
      SkyDecimal end = g_array_index (bands, SkySheetBand, bands->len - 1).to;
      int cmp = sky_decimal_compare (band.from, end);
      g_autofree char *end_s = sky_decimal_to_string (end);

      if (cmp < 0)
        return fail (self, "from", SKY_SHEET_ERROR_BANDS,
                     _("this band overlaps the previous one: it starts at %s, the previous one "
                       "ends at %s"), shown (self, from_s), end_s);
      if (cmp > 0)
        return fail (self, "from", SKY_SHEET_ERROR_BANDS,
                     _("gap between bands: the previous one ends at %s, this one starts at %s"),
                     end_s, shown (self, from_s));
    }
  if (sky_decimal_compare (band.to, band.from) <= 0)
    return fail (self, "to", SKY_SHEET_ERROR_BANDS,
                 _("a band must end after it starts (from %s, to %s)"), shown (self, from_s),
                 shown (self, to_s));
  band.from = sky_decimal_normalize (band.from);
  band.to = sky_decimal_normalize (band.to);
  band.percent = sky_decimal_normalize (band.percent);
  g_array_append_val (bands, band);
  self->band_loc = self->loc;
  return TRUE;
}

static gboolean
end_usage_discount (Reader *self)
{
  GArray *bands = self->discount.bands;

  self->in_discount = FALSE;
  if (bands->len == 0)
    return fail (self, NULL, SKY_SHEET_ERROR_BANDS,
                 _("usage discount “%s” has no <band>"), self->discount.id);
  if (sky_decimal_compare (g_array_index (bands, SkySheetBand, bands->len - 1).to,
                           sky_decimal_from_int (100)) != 0)
    return fail_at (self, self->band_loc, "to", SKY_SHEET_ERROR_BANDS,
                    _("the last band must end at 100: the bands cover the whole month"));
  if (self->sink->usage_discount != NULL &&
      !self->sink->usage_discount (&self->discount, self->user_data, &self->error))
    return FALSE;
  return TRUE;
}

static gboolean
start_offer (Reader *self)
{
  Attrs a;
  const char *sku, *name, *region_code, *family, *storage_type, *os, *sla, *software;
  const SkyWord *architecture = NULL, *tenancy, *licence, *capacity;
  SkySheetOffer *offer;
  SkySheetRegion *region;
  gsize sku_len;

  if (!read_attrs (self, EL_OFFER, &a) ||
      !(sku = attr_require (self, &a, OFFER_SKU)) ||
      !(name = attr_require (self, &a, OFFER_NAME)) ||
      !(region_code = attr_require (self, &a, OFFER_REGION)) ||
      !check_label (self, "offer", "name", name))
    return FALSE;

  sku_len = strlen (sku);
  if (sku_len == 0 || sku_len > 200 || strpbrk (sku, " \t\r\n") != NULL)
    return fail (self, "sku", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("sku “%s” must be 1 to 200 characters without spaces"), shown (self, sku));

  region = g_hash_table_lookup (self->regions, region_code);
  if (region == NULL)
    return fail (self, "region", SKY_SHEET_ERROR_UNDECLARED,
                 _("offer “%s” is in region “%s”, which the sheet does not declare"), sku,
                 shown (self, region_code));

  family = a.values[OFFER_FAMILY];
  storage_type = a.values[OFFER_STORAGE_TYPE];
  os = a.values[OFFER_OS];
  sla = a.values[OFFER_SLA];
  if ((family != NULL && !check_label (self, "offer", "family", family)) ||
      (storage_type != NULL &&
       !check_identifier (self, "offer", "storage-type", storage_type)) ||
      (os != NULL && !check_identifier (self, "offer", "os", os)) ||
      !check_percentage (self, "offer", "sla", sla))
    return FALSE;

  /* The attributes that tell an offer's rows apart: each absent one means what a sheet without
   * it meant before, the first entry of its list; software is any identifier, "none" for
   * none. */
  software = a.values[OFFER_SOFTWARE];
  if ((a.values[OFFER_ARCHITECTURE] != NULL &&
       !(architecture = check_word (self, "offer", "architecture", a.values[OFFER_ARCHITECTURE],
                                    SKY_VOCABULARY_ARCHITECTURE))) ||
      !(tenancy = attr_word (self, &a, OFFER_TENANCY, SKY_VOCABULARY_TENANCY)) ||
      !(licence = attr_word (self, &a, OFFER_LICENCE, SKY_VOCABULARY_LICENCE)) ||
      !(capacity = attr_word (self, &a, OFFER_CAPACITY, SKY_VOCABULARY_CAPACITY)) ||
      (software != NULL && !check_identifier (self, "offer", "software", software)))
    return FALSE;
  if (software != NULL && strcmp (software, SKY_SOFTWARE_NONE) == 0)
    software = NULL;

  offer = &self->offer_store;
  {
    /* The offer's text, in one block it owns; geography and category are the lists'. */
    const char *texts[] = {
      sku, name, region->code, family, storage_type, os,
      sla != NULL ? sla : self->service.sla, software,
    };
    const char **fields[G_N_ELEMENTS (texts)] = {
      &offer->sku, &offer->name, &offer->region, &offer->family, &offer->storage_type,
      &offer->os, &offer->sla, &offer->software,
    };
    gsize lengths[G_N_ELEMENTS (texts)];
    gsize total = 0;
    char *out;

    for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        lengths[i] = texts[i] != NULL ? strlen (texts[i]) + 1 : 0;
        total += lengths[i];
      }
    if (total > self->strings_size)
      {
        g_free (offer->strings);
        self->strings_size = MAX (total, 2 * self->strings_size);
        offer->strings = g_malloc (self->strings_size);
      }
    out = offer->strings;
    offer->strings_len = total;
    for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
      if (texts[i] != NULL)
        {
          memcpy (out, texts[i], lengths[i]);
          *fields[i] = out;
          out += lengths[i];
        }
      else
        *fields[i] = NULL;
  }
  offer->geography = region->geography;
  offer->category = self->service.category;
  offer->architecture = architecture != NULL ? architecture->id : NULL;
  offer->tenancy = tenancy->id;
  offer->licence = licence->id;
  offer->capacity = capacity->id;
  offer->line = self->loc.line;
  offer->nth = self->loc.nth;
  self->offer = offer;
  self->offer_loc = self->loc;

  if (!parse_spec (self, "offer", "vcpu", a.values[OFFER_VCPU], 3, &offer->vcpu_milli) ||
      !parse_spec (self, "offer", "memory-gib", a.values[OFFER_MEMORY], 3,
                   &offer->memory_mgib) ||
      !parse_spec (self, "offer", "gpu", a.values[OFFER_GPU], 0, &offer->gpu))
    return FALSE;

  return TRUE;
}

static gboolean
end_offer (Reader *self)
{
  g_autoptr(GError) error = NULL;
  const SkySheetOffer *offer = self->offer;
  Loc loc = self->offer_loc;

  if (offer->prices->len == 0)
    return fail_at (self, loc, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                    _("offer “%s” has no <price>"), offer->sku);
  if (self->sink->offer != NULL && !self->sink->offer (offer, self->user_data, &error))
    {
      /* A sink that locates its own errors says so with the file's name in front. */
      if (g_str_has_prefix (error->message, self->path))
        g_propagate_error (&self->error, g_steal_pointer (&error));
      else
        fail_at (self, loc, error->domain == SKY_SHEET_ERROR &&
                            error->code == SKY_SHEET_ERROR_DUPLICATE ? "sku" : NULL,
                 error->domain == SKY_SHEET_ERROR ? error->code : SKY_SHEET_ERROR_IO,
                 "%s", error->message);
      return FALSE;
    }
  offer_clear (self);
  return TRUE;
}

static gboolean
start_feature (Reader *self)
{
  Attrs a;
  const char *key, *value;
  GPtrArray *features = self->offer->features;

  if (self->offer->prices->len > 0)
    return unexpected (self, "feature", _("after <price>: features come first in an <offer>"));
  if (!read_attrs (self, EL_FEATURE, &a) ||
      !(key = attr_require (self, &a, FEATURE_KEY)) ||
      !(value = attr_require (self, &a, FEATURE_VALUE)) ||
      !check_identifier (self, "feature", "key", key) ||
      !check_label (self, "feature", "value", value))
    return FALSE;
  for (guint i = 0; i < features->len; i += 2)
    if (strcmp (g_ptr_array_index (features, i), key) == 0)
      return fail (self, "key", SKY_SHEET_ERROR_DUPLICATE,
                   _("feature “%s” appears twice in offer “%s”"), key, self->offer->sku);
  g_ptr_array_add (features, g_strdup (key));
  g_ptr_array_add (features, g_strdup (value));
  return TRUE;
}

/* The months of the commitment @years, as a sheet writes it, of a purchase option of
 * @purchase_class; 0 when the class has no commitment of that many years. */
static guint
commitment_months (SkyPurchaseClass  purchase_class,
                   const char       *years)
{
  guint64 n;

  /* Written as a sheet writes it: digits only, no sign, no leading zero. */
  if (!g_ascii_isdigit (years[0]) || years[0] == '0' ||
      !g_ascii_string_to_unsigned (years, 10, 1, G_MAXUINT / 12, &n, NULL))
    return 0;
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
    {
      const SkyPurchaseOption *o = sky_purchase_option_nth (i);

      if (o->purchase_class == purchase_class && o->months == n * 12)
        return o->months;
    }
  return 0;
}

/* The classes of purchase options that commit, as a message names them: "reserved and
 * savings-plan". */
static char *
committing_classes (void)
{
  GString *text = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_CLASS); i++)
    {
      const SkyWord *klass = sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_CLASS, i);

      if (sky_purchase_option_find (klass->code, 0, SKY_UPFRONT_NONE) != NULL)
        continue;
      if (last != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", last);
      last = klass->id;
    }
  if (last != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " and " : "", last);
  return g_string_free (text, FALSE);
}

/* The canonical name of the price's purchase option, the id of an entry of the vocabulary's
 * purchase options, built from its class, years and upfront payment. */
static const char *
purchase_option (Reader      *self,
                 const Attrs *a)
{
  const char *term = a->values[PRICE_TERM];
  const char *years = a->values[PRICE_YEARS];
  const char *upfront = a->values[PRICE_UPFRONT];
  const char *fee = a->values[PRICE_UPFRONT_FEE];
  const char *offering_class = a->values[PRICE_OFFERING_CLASS];
  const SkyWord *klass, *paid;
  const SkyPurchaseOption *option;
  g_autofree char *choices = NULL;
  gboolean convertible = FALSE;
  guint months;

  if (term == NULL)
    return (fail (self, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                  _("<price> needs the attribute “term”")), NULL);
  klass = sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_CLASS, term);
  if (klass == NULL)
    {
      choices = sky_vocabulary_describe (SKY_VOCABULARY_PURCHASE_CLASS);
      return (fail (self, "term", SKY_SHEET_ERROR_INVALID_VALUE,
                    _("unknown purchase option “%s”: use %s"), shown (self, term), choices), NULL);
    }

  option = sky_purchase_option_find (klass->code, 0, SKY_UPFRONT_NONE);
  if (option != NULL)
    {
      const char *extra = years != NULL ? "years" : upfront != NULL ? "upfront"
                        : fee != NULL ? "upfront-fee" : NULL;
      if (extra != NULL)
        {
          choices = committing_classes ();
          return (fail (self, extra, SKY_SHEET_ERROR_INVALID_VALUE,
                        _("“%s” is only for %s prices"), extra, choices), NULL);
        }
      if (offering_class != NULL)
        return (fail (self, "offering-class", SKY_SHEET_ERROR_INVALID_VALUE,
                      _("“offering-class” is only for reserved prices")), NULL);
      return option->word.id;
    }

  /* A reservation is standard or convertible: both may be on offer side by side. */
  if (offering_class != NULL)
    {
      if (klass->code != SKY_PURCHASE_RESERVATION)
        return (fail (self, "offering-class", SKY_SHEET_ERROR_INVALID_VALUE,
                      _("“offering-class” is only for reserved prices")), NULL);
      if (strcmp (offering_class, "convertible") == 0)
        convertible = TRUE;
      else if (strcmp (offering_class, "standard") != 0)
        return (fail (self, "offering-class", SKY_SHEET_ERROR_INVALID_VALUE,
                      _("unknown offering-class “%s”: use standard or convertible"),
                      shown (self, offering_class)), NULL);
    }

  /* The years a class offers are written out only for a message: not for every price. */
  if (years == NULL)
    {
      choices = sky_purchase_class_years (klass->code);
      return (fail (self, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                    _("a %s price needs “years” (%s)"), term, choices), NULL);
    }
  months = commitment_months (klass->code, years);
  if (months == 0)
    {
      choices = sky_purchase_class_years (klass->code);
      return (fail (self, "years", SKY_SHEET_ERROR_INVALID_VALUE,
                    _("years “%s” must be %s"), shown (self, years), choices), NULL);
    }
  if (upfront == NULL)
    upfront = "none";
  paid = sky_vocabulary_lookup (SKY_VOCABULARY_UPFRONT, upfront);
  if (paid == NULL)
    {
      choices = sky_vocabulary_describe (SKY_VOCABULARY_UPFRONT);
      return (fail (self, "upfront", SKY_SHEET_ERROR_INVALID_VALUE,
                    _("unknown upfront “%s”: use %s"), shown (self, upfront), choices), NULL);
    }
  if (paid->code == SKY_UPFRONT_NONE && fee != NULL)
    return (fail (self, "upfront-fee", SKY_SHEET_ERROR_INVALID_VALUE,
                  _("an upfront-fee needs upfront=\"partial\" or \"all\"")), NULL);
  if (paid->code != SKY_UPFRONT_NONE && fee == NULL)
    return (fail (self, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                  _("upfront=\"%s\" needs the attribute “upfront-fee”"), upfront), NULL);

  option = sky_purchase_option_find_full (klass->code, months, paid->code, convertible);
  if (option == NULL)
    return (fail (self, "upfront", SKY_SHEET_ERROR_INVALID_VALUE,
                  _("a %s price for %s years cannot be paid with upfront “%s”"), term, years,
                  upfront), NULL);
  return option->word.id;
}

/* A price's monthly cap and usage discount: only on a flat price without a free quantity, a
 * cap per time without a commitment, a usage discount per hour on demand. */
static gboolean
price_rules (Reader        *self,
             const Attrs   *a,
             const SkyUnit *unit,
             SkySheetPrice *price)
{
  const char *cap = a->values[PRICE_MONTHLY_CAP];
  const char *table = a->values[PRICE_USAGE_DISCOUNT];
  const char *attr = cap != NULL ? "monthly-cap" : "usage-discount";

  if (cap == NULL && table == NULL)
    return TRUE;
  if (price->free_quantity != NULL)
    return fail (self, attr, SKY_SHEET_ERROR_INVALID_VALUE,
                 _("a price with “%s” cannot have a free-quantity"), attr);
  if (cap != NULL)
    {
      if (unit->dimension != SKY_DIMENSION_TIME || sky_term_months (price->term) > 0)
        return fail (self, "monthly-cap", SKY_SHEET_ERROR_INVALID_VALUE,
                     _("a monthly-cap is only for prices per running time without a commitment "
                       "(this one is per %s, %s)"), price->unit, price->term);
      if (!parse_money (self, "price", "monthly-cap", cap, &price->monthly_cap))
        return FALSE;
      price->has_monthly_cap = TRUE;
    }
  if (table != NULL)
    {
      if (strcmp (price->term, "on-demand") != 0 ||
          !(strcmp (price->unit, "hour") == 0 || strcmp (price->unit, "vcpu-hour") == 0 ||
            strcmp (price->unit, "gib-hour") == 0))
        return fail (self, "usage-discount", SKY_SHEET_ERROR_INVALID_VALUE,
                     _("a usage-discount is only for on-demand prices per hour, vcpu-hour or "
                       "gib-hour (this one is per %s, %s)"), price->unit, price->term);
      if (!g_hash_table_lookup_extended (self->usage_discounts, table,
                                         (gpointer *) &price->usage_discount, NULL))
        return fail (self, "usage-discount", SKY_SHEET_ERROR_UNDECLARED,
                     _("usage discount “%s” is not declared in the sheet"), shown (self, table));
    }
  return TRUE;
}

static gboolean
start_price (Reader *self)
{
  Attrs a;
  const char *unit, *amount, *fee, *free_quantity, *date;
  const SkyUnit *priced_unit;
  SkySheetPrice *price;
  SkyDecimal free_q;

  if (!read_attrs (self, EL_PRICE, &a) ||
      !(unit = attr_require (self, &a, PRICE_UNIT)))
    return FALSE;
  priced_unit = sky_unit_lookup (unit);
  if (priced_unit == NULL || !priced_unit->priced)
    /* The units are too many to list in a message that must stay short. */
    return fail (self, "unit", SKY_SHEET_ERROR_INVALID_VALUE,
                 _("unknown unit “%s”: use one the price sheet format lists, such as hour, "
                   "month, gb, gib, gb-month, gb-second or million-requests"), shown (self, unit));

  if (self->spare_prices->len > 0)
    price = g_ptr_array_steal_index_fast (self->spare_prices, self->spare_prices->len - 1);
  else
    {
      price = g_new0 (SkySheetPrice, 1);
      price->tiers = g_array_new (FALSE, TRUE, sizeof (SkySheetTier));
    }
  price->has_upfront_fee = FALSE;
  price->upfront_fee = 0;
  price->amount = 0;
  price->has_monthly_cap = FALSE;
  price->monthly_cap = 0;
  price->usage_discount = NULL;
  price->effective_date[0] = '\0';
  g_ptr_array_add (self->offer->prices, price);
  self->price = price;
  self->price_loc = self->loc;
  self->tier_open = FALSE;
  self->tier_end = sky_decimal_from_int (0);

  price->unit = priced_unit->word.id;
  if (!(price->term = purchase_option (self, &a)))
    return FALSE;

  fee = a.values[PRICE_UPFRONT_FEE];
  if (fee != NULL)
    {
      price->has_upfront_fee = TRUE;
      if (!parse_money (self, "price", "upfront-fee", fee, &price->upfront_fee))
        return FALSE;
    }

  free_quantity = a.values[PRICE_FREE_QUANTITY];
  if (free_quantity != NULL)
    {
      if (!parse_decimal (self, "price", "free-quantity", free_quantity, SKY_PRICE_SCALE,
                          &free_q))
        return FALSE;
      price->free_quantity = sky_decimal_to_string (free_q);
    }

  if (!price_rules (self, &a, priced_unit, price))
    return FALSE;
  /* The source's date for this price; it may be later than the sheet's. */
  date = a.values[PRICE_EFFECTIVE_DATE];
  if (date != NULL)
    {
      if (!check_date (self, "price", "effective-date", date))
        return FALSE;
      memcpy (price->effective_date, date, sizeof price->effective_date);
    }

  amount = a.values[PRICE_AMOUNT];
  self->price_has_amount = amount != NULL;
  if (amount != NULL && !parse_money (self, "price", "amount", amount, &price->amount))
    return FALSE;

  for (guint i = 0; i + 1 < self->offer->prices->len; i++)
    {
      SkySheetPrice *other = g_ptr_array_index (self->offer->prices, i);
      if (other->unit == price->unit && strcmp (other->term, price->term) == 0)
        return fail (self, NULL, SKY_SHEET_ERROR_DUPLICATE,
                     _("offer “%s” has two %s prices per %s"), self->offer->sku, price->term,
                     price->unit);
    }
  return TRUE;
}

static gboolean
end_price (Reader *self)
{
  SkySheetPrice *price = self->price;

  self->price = NULL;
  if (price->tiers->len == 0 && !self->price_has_amount)
    return fail_at (self, self->price_loc, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                    _("<price> needs an “amount” or <tier> elements"));
  if (price->tiers->len > 0 && !self->tier_open)
    return fail_at (self, self->tier_loc, "to", SKY_SHEET_ERROR_TIERS,
                    _("the last tier must have no “to”: it covers all usage above its “from”"));
  if (price->tiers->len > 0 && (price->has_monthly_cap || price->usage_discount != NULL))
    return fail_at (self, self->price_loc, price->has_monthly_cap ? "monthly-cap"
                                                                  : "usage-discount",
                    SKY_SHEET_ERROR_INVALID_VALUE, _("a price with tiers cannot have “%s”"),
                    price->has_monthly_cap ? "monthly-cap" : "usage-discount");
  if (price->tiers->len > 0)
    price->amount = g_array_index (price->tiers, SkySheetTier, 0).amount;
  return TRUE;
}

static gboolean
start_tier (Reader *self)
{
  Attrs a;
  const char *from_s, *to_s, *amount_s;
  SkyDecimal from, to;
  SkySheetTier tier = { NULL };
  SkySheetPrice *price = self->price;

  if (self->price_has_amount)
    return unexpected (self, "tier", _("in a <price> that has an “amount”: use one or the other"));
  if (!read_attrs (self, EL_TIER, &a) ||
      !(from_s = attr_require (self, &a, TIER_FROM)) ||
      !(amount_s = attr_require (self, &a, TIER_AMOUNT)) ||
      !parse_decimal (self, "tier", "from", from_s, SKY_PRICE_SCALE, &from) ||
      !parse_money (self, "tier", "amount", amount_s, &tier.amount))
    return FALSE;
  to_s = a.values[TIER_TO];
  if (to_s != NULL && !parse_decimal (self, "tier", "to", to_s, SKY_PRICE_SCALE, &to))
    return FALSE;

  if (self->tier_open)
    return fail (self, NULL, SKY_SHEET_ERROR_TIERS,
                 _("a tier follows the open-ended tier (the one without “to”)"));
  if (price->tiers->len == 0 && !sky_decimal_is_zero (from))
    return fail (self, "from", SKY_SHEET_ERROR_TIERS,
                 _("the first tier must start at 0, not at %s"), shown (self, from_s));
  if (price->tiers->len > 0)
    {
      int cmp = sky_decimal_compare (from, self->tier_end);
      g_autofree char *end = sky_decimal_to_string (self->tier_end);

      if (cmp < 0)
        return fail (self, "from", SKY_SHEET_ERROR_TIERS,
                     _("this tier overlaps the previous one: it starts at %s, the previous one "
                       "ends at %s"), shown (self, from_s), end);
      if (cmp > 0)
        return fail (self, "from", SKY_SHEET_ERROR_TIERS,
                     _("gap between tiers: the previous one ends at %s, this one starts at %s"),
                     end, shown (self, from_s));
    }
  if (to_s != NULL && sky_decimal_compare (to, from) <= 0)
    return fail (self, "to", SKY_SHEET_ERROR_TIERS,
                 _("a tier must end after it starts (from %s, to %s)"), shown (self, from_s),
                 shown (self, to_s));

  tier.from = sky_decimal_to_string (from);
  tier.to = to_s != NULL ? sky_decimal_to_string (to) : NULL;
  g_array_append_val (price->tiers, tier);
  self->tier_loc = self->loc;
  self->tier_open = to_s == NULL;
  if (to_s != NULL)
    self->tier_end = to;
  return TRUE;
}

/* @bands (SkySheetBand) as text, "FROM:TO:PERCENT" per band separated by commas, as the
 * catalog keeps them. */
char *
sky_sheet_bands_to_string (const GArray *bands)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (bands != NULL, NULL);

  for (guint i = 0; i < bands->len; i++)
    {
      const SkySheetBand *band = &g_array_index (bands, SkySheetBand, i);
      g_autofree char *from = sky_decimal_to_string (band->from);
      g_autofree char *to = sky_decimal_to_string (band->to);
      g_autofree char *percent = sky_decimal_to_string (band->percent);

      g_string_append_printf (text, "%s%s:%s:%s", i > 0 ? "," : "", from, to, percent);
    }
  return g_string_free (text, FALSE);
}

/* The loop --------------------------------------------------------------------------------- */

static inline gboolean
is (Reader     *self,
    const char *name,
    Element     element)
{
  return (const xmlChar *) name == self->names[element];
}

/* An element name that is not the format's, before a message quotes it: one too long is
 * refused for that (and shown by its start). The format's own names are short. */
static gboolean
check_name (Reader     *self,
            const char *name)
{
  if (strnlen (name, MAX_NAME_CHARS + 1) <= MAX_NAME_CHARS ||
      g_utf8_strlen (name, MAX_NAME_CHARS * 4 + 1) <= MAX_NAME_CHARS)
    return TRUE;
  return fail (self, NULL, SKY_SHEET_ERROR_TOO_LARGE,
               _("an element name is at most %d characters long: <%s>"), MAX_NAME_CHARS,
               shown (self, name));
}

static gboolean
too_many_attributes (Reader     *self,
                     const char *name)
{
  return fail (self, NULL, SKY_SHEET_ERROR_TOO_LARGE,
               _("<%s> has more than %d attributes (an element of the format has at most %d)"),
               name, MAX_ATTRIBUTES, MAX_ATTRS);
}

static gboolean
start_element (Reader     *self,
               const char *name,
               int         depth)
{
  const char *ns = (const char *) self->element_ns;
  gboolean ours = ns != NULL && ((const xmlChar *) ns == self->namespace_uri ||
                                 strcmp (ns, SKY_SHEET_NAMESPACE) == 0);

  /* Namespace declarations count: to the parser they are attributes, and cost as much. */
  if (self->n_attributes + self->n_namespaces > MAX_ATTRIBUTES)
    return check_name (self, name) && too_many_attributes (self, name);

  if (depth == 0)
    {
      if (!ours || (const xmlChar *) name != self->names[EL_PRICE_SHEET])
        return check_name (self, name) &&
               (ns != NULL
                ? fail (self, NULL, SKY_SHEET_ERROR_WRONG_ROOT,
                        _("this is not a Skytally price sheet: the root element is <%s> in "
                          "namespace %s, not <price-sheet xmlns=\"%s\">"), name,
                        shown (self, ns), SKY_SHEET_NAMESPACE)
                : fail (self, NULL, SKY_SHEET_ERROR_WRONG_ROOT,
                        _("this is not a Skytally price sheet: the root element is <%s>, not "
                          "<price-sheet xmlns=\"%s\">"), name, SKY_SHEET_NAMESPACE));
      return start_root (self);
    }

  if (!ours)
    return check_name (self, name) &&
           fail (self, NULL, SKY_SHEET_ERROR_UNKNOWN_ELEMENT,
                 _("<%s> is not part of the price-sheet format (namespace %s)"), name,
                 ns != NULL ? shown (self, ns) : "none");

  if (self->in_source)
    return check_name (self, name) &&
           unexpected (self, name, _("inside <source>, which holds text only"));

  switch (depth)
    {
    case 1:
      if (is (self, name, EL_PROVIDER)) return start_provider (self);
      if (is (self, name, EL_SHEET)) return start_sheet (self);
      if (is (self, name, EL_SOURCE)) return start_source (self);
      if (is (self, name, EL_REGION)) return start_region (self);
      if (is (self, name, EL_USAGE_DISCOUNT)) return start_usage_discount (self);
      if (is (self, name, EL_SERVICE)) return start_service (self);
      break;
    case 2:
      if (is (self, name, EL_OFFER) && self->in_service) return start_offer (self);
      if (is (self, name, EL_BAND) && self->in_discount) return start_band (self);
      break;
    case 3:
      if (is (self, name, EL_FEATURE) && self->offer != NULL) return start_feature (self);
      if (is (self, name, EL_PRICE) && self->offer != NULL) return start_price (self);
      break;
    case 4:
      if (is (self, name, EL_TIER) && self->price != NULL) return start_tier (self);
      break;
    default:
      break;
    }

  {
    if (!in_list (name, element_names, G_N_ELEMENTS (element_names)))
      return check_name (self, name) && fail (self, NULL, SKY_SHEET_ERROR_UNKNOWN_ELEMENT,
                                              _("unknown element <%s>"), name);
    /* Translators: completes "<%s> is not expected %s": the element is not expected here. */
    return unexpected (self, name, _("here"));
  }
}

static gboolean
end_element (Reader     *self,
             const char *name,
             int         depth)
{
  switch (depth)
    {
    case 1:
      if (self->in_source) return end_source (self);
      if (self->in_discount) return end_usage_discount (self);
      if (is (self, name, EL_SERVICE)) self->in_service = FALSE;
      return TRUE;
    case 2:
      return self->offer != NULL ? end_offer (self) : TRUE;
    case 3:
      return self->price != NULL ? end_price (self) : TRUE;
    default:
      return TRUE;
    }
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* Ends the run of text in <source> since the last tag, comment or processing instruction: a
 * run of blank space alone is dropped. */
static void
end_text (Reader *self)
{
  if (!self->in_text)
    return;
  self->in_text = FALSE;
  if (!is_blank (self->text->str, self->text->len))
    g_string_append_len (self->source_text, self->text->str, self->text->len);
}

/* Where @text[@i], which the parser has just reported, is in the file. The parser's position
 * is past the text: in its input when the text points there, else where it copied the text
 * from. Line 1, column 1 at worst. */
static void
locate_text (Reader     *self,
             const char *text,
             int         len,
             int         i,
             long       *line_out,
             int        *column_out)
{
  xmlParserInputPtr in = self->ctxt->input;
  const char *base = (const char *) in->base;
  const char *end = (const char *) in->end;
  const char *at, *past, *p;
  long line = in->line;
  int column = 1;

  *line_out = MAX (1, line);
  *column_out = 1;
  if (text >= base && text + len <= end)
    {
      at = text + i;
      past = text + len;
    }
  else
    {
      past = (const char *) in->cur;
      at = past - (len - i);
    }
  if (at < base || past > end || at >= past || *at != text[i])
    return;

  for (p = at; p < past; p++)
    if (*p == '\n')
      line--;
  for (p = at; p > base && p[-1] != '\n'; p--)
    ;
  /* The start of the line is gone from the parser's input: the column is not known. */
  if (p == base && in->consumed > 0)
    p = at;
  for (; p < at; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      column++;

  *line_out = MAX (1, line);
  *column_out = column;
}

/* Text outside <source>, where the format has none, refused at its first character @text[@i]
 * before any more is read. */
static gboolean
fail_at_text (Reader     *self,
              const char *text,
              int         len,
              int         i)
{
  g_autofree char *head = g_strndup (text + i, MIN (len - i, SHOWN_CHARS * 4 + 1));
  const char *valid_end;
  long line;
  int column;

  /* The text as shown: from its first character, whole characters only, no blank at the end. */
  g_utf8_validate (head, -1, &valid_end);
  head[valid_end - head] = '\0';
  g_strchomp (head);
  locate_text (self, text, len, i, &line, &column);
  g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_UNEXPECTED_ELEMENT,
               _("%s:%ld:%d: unexpected text “%s” (only <source> holds text)"), self->path, line,
               column, shown (self, head));
  return FALSE;
}

/* A check failed: the parser stops here. */
static void
stop (Reader *self)
{
  xmlStopParser (self->ctxt);
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;
  long line;

  if (self->error != NULL)
    return;
  end_text (self);

  /* The line the start tag ends on, as a document tree would record it. */
  line = self->ctxt->input->line;
  if (line == self->line_of_last_start)
    self->starts_on_line++;
  else
    self->starts_on_line = 0;
  self->line_of_last_start = line;
  self->loc = (Loc) { line, self->starts_on_line };

  self->element_ns = uri;
  self->attributes = attributes;
  self->n_attributes = n_attributes;
  self->n_namespaces = n_namespaces;
  if (!start_element (self, (const char *) localname, self->depth))
    return stop (self);
  self->attributes = NULL;
  self->n_attributes = 0;
  self->depth++;
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;

  if (self->error != NULL)
    return;
  end_text (self);
  self->depth--;
  if (!end_element (self, (const char *) localname, self->depth))
    stop (self);
}

static void
on_characters (void          *ctx,
               const xmlChar *text,
               int            len)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;
  int i;

  if (self->error != NULL)
    return;
  if (self->in_source)
    {
      if (!self->in_text)
        {
          self->in_text = TRUE;
          g_string_truncate (self->text, 0);
        }
      g_string_append_len (self->text, (const char *) text, len);
      if (!check_source_length (self))
        stop (self);
      return;
    }

  /* Blank text between elements is all a sheet has outside <source>; anything else is refused
   * at its first character, not kept. */
  for (i = 0; i < len && g_ascii_isspace (text[i]); i++)
    ;
  if (i < len)
    {
      fail_at_text (self, (const char *) text, len, i);
      stop (self);
    }
}

static void
on_comment (void          *ctx,
            const xmlChar *text)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;

  if (self->error == NULL)
    end_text (self);
}

static void
on_processing_instruction (void          *ctx,
                           const xmlChar *target,
                           const xmlChar *data)
{
  on_comment (ctx, NULL);
}

static void
on_reference (void          *ctx,
              const xmlChar *name)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;

  if (self->error != NULL)
    return;
  self->loc = (Loc) { MAX (1, self->ctxt->input->line), -1 };
  fail (self, NULL, SKY_SHEET_ERROR_FORBIDDEN, _("entity reference not allowed in price sheets"));
  stop (self);
}

/* A DOCTYPE is refused at once: the parser stops before it reads the declarations in it, so
 * no entity is declared, let alone expanded. */
static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  Reader *self = ((xmlParserCtxtPtr) ctx)->_private;

  if (self->error != NULL)
    return;
  fail_at_doctype (self);
  stop (self);
}

static gboolean
end_document (Reader *self)
{
  const char *missing = NULL;

  end_text (self);

  switch (self->stage)
    {
    case STAGE_START: missing = "<price-sheet>"; break;
    case STAGE_ROOT: missing = "<provider>"; break;
    case STAGE_PROVIDER: missing = "<sheet>"; break;
    case STAGE_SHEET: missing = "<source>"; break;
    case STAGE_SOURCE: missing = "<region>"; break;
    case STAGE_REGIONS:
    case STAGE_SERVICES:
    default:
      return TRUE;
    }
  return fail_at (self, (Loc) { 1, 0 }, NULL, SKY_SHEET_ERROR_MISSING_ATTRIBUTE,
                  _("the sheet has no %s"), missing);
}

/* Whether the first @len bytes of the file hold only blank space (none at all, too). Only read
 * after the parser failed before any element, so at no cost to a good sheet. */
static gboolean
file_is_blank (Reader  *self,
               guint64  len)
{
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  guint64 offset = 0;

  /* Of a compressed sheet, what was read is what the stream gave, which is no longer there. */
  if (self->gunzip != NULL)
    return self->blank_so_far;
  while (offset < len)
    {
      gssize n = pread (self->fd, buffer, MIN (READ_CHUNK, len - offset), offset);

      if (n <= 0 || !is_blank (buffer, n))
        return FALSE;
      offset += n;
    }
  return TRUE;
}

/* The parser holds a start tag until its ">" has come, then reads all its attributes at once,
 * in a time that grows with the square of their number (an element of 300,000 took 48 s).
 * So the attributes of the start tag it holds are counted as its pieces come, and too many are
 * refused before the tag is whole. */
static gboolean
check_pending_tag (Reader *self)
{
  xmlParserInputPtr in = self->ctxt->input;
  const char *p, *end;
  guint64 start;

  if (self->ctxt->instate != XML_PARSER_START_TAG || in == NULL || in->cur == NULL ||
      in->cur >= in->end)
    return TRUE;

  start = in->consumed + (in->cur - in->base);
  if (start != self->pending_start)
    {
      self->pending_start = start;
      self->pending_scanned = start + 1;
      self->pending_attributes = 0;
      self->pending_quote = 0;
    }
  p = (const char *) in->base + (self->pending_scanned - in->consumed);
  end = (const char *) in->end;

  /* Outside quoted values, a start tag has a "=" per attribute and no ">" before its end. */
  for (; p < end && self->pending_attributes <= MAX_ATTRIBUTES; p++)
    {
      if (self->pending_quote != 0)
        {
          const char *close = memchr (p, self->pending_quote, end - p);

          if (close == NULL)
            {
              p = end;
              break;
            }
          p = close;
          self->pending_quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        self->pending_quote = *p;
      else if (*p == '=')
        self->pending_attributes++;
      else if (*p == '>')
        break;
    }
  self->pending_scanned = in->consumed + (p - (const char *) in->base);

  if (self->pending_attributes > MAX_ATTRIBUTES)
    {
      const char *name = (const char *) in->cur + 1;
      gsize name_len = 0;
      g_autofree char *element = NULL;

      while (name + name_len < end && name_len < MAX_NAME_CHARS * 4 &&
             !g_ascii_isspace (name[name_len]) && name[name_len] != '/')
        name_len++;
      element = g_strndup (name, name_len);
      g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_TOO_LARGE,
                   _("%s:%d:%d: <%s> has more than %d attributes (an element of the format has at "
                     "most %d)"), self->path, MAX (in->line, 1), MAX (in->col, 1),
                   g_utf8_validate (element, -1, NULL) ? shown (self, element) : "?",
                   MAX_ATTRIBUTES, MAX_ATTRS);
      return FALSE;
    }
  return TRUE;
}

/* Feeds the file to the parser piece by piece; FALSE when it stopped on an error. */
static gboolean
parse (Reader *self)
{
  char *buffer;
  xmlSAXHandler sax;
  gssize n;
  int ret = 0;

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;
  sax.comment = on_comment;
  sax.processingInstruction = on_processing_instruction;
  sax.reference = on_reference;
  sax.internalSubset = on_internal_subset;
  sax.serror = on_xml_error;
  sax.warning = NULL;
  sax.error = NULL;
  sax.fatalError = NULL;

  /* No user data: the callbacks get the parser's context, as the parser's own handlers that
   * are kept (for the document and the DTD) need it, and find the reader in it. No bytes yet
   * either: the first tell the parser the encoding, which can fail, and its error must find
   * the reader. */
  self->ctxt = xmlCreatePushParserCtxt (&sax, NULL, NULL, 0, self->path);
  if (self->ctxt == NULL)
    {
      g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO,
                   _("%s: cannot start the XML parser"), self->path);
      return FALSE;
    }
  self->ctxt->_private = self;
  xmlCtxtUseOptions (self->ctxt, READER_OPTIONS);
  self->namespace_uri = xmlDictLookup (self->ctxt->dict, BAD_CAST SKY_SHEET_NAMESPACE, -1);
  for (int i = 0; i < N_ELEMENTS; i++)
    {
      self->names[i] = xmlDictLookup (self->ctxt->dict, BAD_CAST element_names[i], -1);
      for (int k = 0; k < MAX_ATTRS && attr_names[i][k] != NULL; k++)
        self->attr_names[i][k] = xmlDictLookup (self->ctxt->dict, BAD_CAST attr_names[i][k], -1);
    }

  do
    {
      n = read_input (self, READ_CHUNK, &buffer);
      if (n < 0)
        return FALSE;
      ret = xmlParseChunk (self->ctxt, buffer, (int) n, n == 0);
      if (self->error != NULL)
        return FALSE;
      if (ret != 0 || !self->ctxt->wellFormed)
        {
          g_autofree char *what = self->xml_message != NULL ? g_strdup (self->xml_message)
                                                            : g_strdup (_("not well-formed XML"));
          g_clear_error (&self->error);
          /* The parser says "Extra content at the end of the document" of a file with no
           * element at all. */
          if (self->line_of_last_start < 0 && n == 0 && file_is_blank (self, self->done) &&
              self->done == 0)
            g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED,
                         _("%s: the file is empty, not a price sheet"), self->path);
          else if (self->line_of_last_start < 0 && n == 0 && file_is_blank (self, self->done))
            g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED,
                         _("%s: the file holds only blank space, not a price sheet"),
                         self->path);
          else
            g_set_error (&self->error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_MALFORMED,
                         "%s:%d:%d: %s", self->path, MAX (self->xml_line, 1),
                         MAX (self->xml_column, 1), what);
          return FALSE;
        }
      if (self->error != NULL || (n > 0 && !check_pending_tag (self)))
        return FALSE;
    }
  while (n > 0);

  return end_document (self);
}

/* What a file that is not a regular one is, for a message. */
static const char *
kind_of_file (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a named pipe");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a file");
}

/* A sheet whose file starts with gzip's magic bytes is compressed (a .xml.gz): it is read
 * through GIO's gzip decompressor, which reads from the descriptor. */
static gboolean
open_gunzip (Reader  *self,
             GError **error)
{
  guchar magic[2];
  gssize n = pread (self->fd, magic, sizeof magic, 0);
  g_autoptr(GInputStream) file = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;

  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO, _("%s: cannot read: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  if (n < (gssize) sizeof magic || magic[0] != 0x1f || magic[1] != 0x8b)
    return TRUE;
  file = g_unix_input_stream_new (self->fd, FALSE);
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  self->gunzip = g_converter_input_stream_new (file, G_CONVERTER (decompressor));
  self->blank_so_far = TRUE;
  return TRUE;
}

/**
 * sky_sheet_open:
 *
 * Opens @path for sky_sheet_read_fd(), or fails with %SKY_SHEET_ERROR_IO naming it. Only a
 * regular file (a symbolic link is followed) is taken: a named pipe or a device is refused at
 * once, as it was opened without waiting for a writer. Returns the descriptor, or -1.
 */
int
sky_sheet_open (const char  *path,
                GError     **error)
{
  struct stat st;
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* Without O_NONBLOCK, opening a named pipe waits for a writer, for ever if none comes. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO, _("%s: cannot open: %s"), path,
                   g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO, _("%s: cannot read: %s"), path,
                   g_strerror (saved));
      close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO,
                   _("%s: not a regular file (%s): a price sheet must be a file"), path,
                   kind_of_file (st.st_mode));
      close (fd);
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      int saved = errno;
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO, _("%s: cannot read: %s"), path,
                   g_strerror (saved));
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
sky_sheet_read_file (const char          *path,
                     const SkySheetSink  *sink,
                     gpointer             user_data,
                     char               **sha256_out,
                     GCancellable        *cancellable,
                     SkyProgressFunc      progress,
                     gpointer             progress_data,
                     GError             **error)
{
  int fd;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = sky_sheet_open (path, error);
  if (fd < 0)
    return FALSE;
  ok = sky_sheet_read_fd (fd, path, sink, user_data, sha256_out, cancellable, progress,
                          progress_data, error);
  close (fd);
  return ok;
}

/**
 * sky_sheet_read_fd:
 *
 * Reads the sheet open on @fd, from sky_sheet_open() and not read from yet; @path names it in
 * messages. The descriptor stays the caller's, to close.
 */
gboolean
sky_sheet_read_fd (int                  fd,
                   const char          *path,
                   const SkySheetSink  *sink,
                   gpointer             user_data,
                   char               **sha256_out,
                   GCancellable        *cancellable,
                   SkyProgressFunc      progress,
                   gpointer             progress_data,
                   GError             **error)
{
  Reader self = { 0 };
  struct stat st;

  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sky_sheet_reader_init ();
  silence_this_thread ();

  self.path = path;
  self.sink = sink;
  self.user_data = user_data;
  self.cancellable = cancellable;
  self.progress = progress;
  self.progress_data = progress_data;

  self.fd = fd;
  if (fstat (self.fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SKY_SHEET_ERROR, SKY_SHEET_ERROR_IO, _("%s: not a regular file"), path);
      return FALSE;
    }
  self.size = st.st_size;
  if (!open_gunzip (&self, error))
    return FALSE;
  self.hashing = sha256_out != NULL;
  hasher_init (&self.hasher, self.hashing);
  self.regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, region_free);
  self.service_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.usage_discounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.discount.bands = g_array_new (FALSE, TRUE, sizeof (SkySheetBand));
  self.line_of_last_start = -1;
  self.pending_start = G_MAXUINT64;
  self.values = g_string_sized_new (256);
  self.text = g_string_sized_new (256);
  self.offer_store.features = g_ptr_array_new_with_free_func (g_free);
  self.offer_store.prices = g_ptr_array_new ();   /* its prices go on to spare_prices */
  self.spare_prices = g_ptr_array_new_with_free_func (price_free);

  parse (&self);

  if (self.cancelled)
    {
      g_clear_error (&self.error);
      g_set_error (&self.error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Import cancelled"));
    }

  if (self.ctxt != NULL)
    {
      if (self.ctxt->myDoc != NULL)
        xmlFreeDoc (self.ctxt->myDoc);
      xmlFreeParserCtxt (self.ctxt);
    }
  hasher_clear (&self.hasher);
  g_clear_object (&self.gunzip);
  offer_clear (&self);
  g_free (self.offer_store.strings);
  g_ptr_array_unref (self.offer_store.features);
  g_ptr_array_unref (self.offer_store.prices);
  g_ptr_array_unref (self.spare_prices);
  service_clear (&self.service);
  g_hash_table_unref (self.regions);
  g_hash_table_unref (self.service_ids);
  g_hash_table_unref (self.usage_discounts);
  g_array_unref (self.discount.bands);
  if (self.source_text != NULL)
    g_string_free (self.source_text, TRUE);
  g_string_free (self.values, TRUE);
  g_string_free (self.text, TRUE);
  g_free (self.provider_id);
  g_free (self.provider_name);
  g_free (self.provider_short_name);
  g_free (self.version);
  g_free (self.effective_date);
  g_free (self.currency);
  g_free (self.retrieved);
  g_free (self.source_url);
  g_free (self.xml_message);

  if (self.error != NULL)
    {
      g_propagate_error (error, self.error);
      return FALSE;
    }

  if (sha256_out != NULL)
    {
      uint8_t digest[SHA256_DIGEST_SIZE];
      GString *hex = g_string_sized_new (2 * SHA256_DIGEST_SIZE);

      sha256_digest (&self.hasher.checksum, sizeof digest, digest);
      for (gsize i = 0; i < sizeof digest; i++)
        g_string_append_printf (hex, "%02x", digest[i]);
      *sha256_out = g_string_free (hex, FALSE);
    }
  return TRUE;
}
