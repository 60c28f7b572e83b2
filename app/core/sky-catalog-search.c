/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "sky-catalog-private.h"
#include "sky-catalog-codec-private.h"
#include "sky-currency.h"

/* What the catalog answers from the current sheets: their regions, a search for prices and its
 * count, an offer's details, and the records they come in. */

/* The id stored as @code, or the code itself when a damaged catalog holds another. */
static char *
code_name (SkyVocabulary vocabulary,
           gint64        code)
{
  const char *name = _sky_catalog_name_for_code (vocabulary, code);

  return name != NULL ? g_strdup (name) : g_strdup_printf ("%" G_GINT64_FORMAT, code);
}

/* The id of the code in @column, or NULL when it holds none. */
static char *
column_code_name (sqlite3_stmt  *stmt,
                  int            column,
                  SkyVocabulary  vocabulary)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return code_name (vocabulary, sqlite3_column_int64 (stmt, column));
}

/* A size (vCPU, memory, GPUs) in @column: -1 when the offer gives none. */
static gint64
column_size (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1
                                                           : sqlite3_column_int64 (stmt, column);
}

/* A price's place among the purchase options in the vocabulary's order, in SQL, for the price
 * table as p: codes are not places. Built once. */
static const char *
term_order_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      GString *text = g_string_new ("CASE " PRICE_TERM_SQL);

      for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
        g_string_append_printf (text, " WHEN %u THEN %u",
                                sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, i)->code, i);
      g_string_append (text, " END");
      g_once_init_leave (&sql, g_string_free (text, FALSE));
    }
  return sql;
}

/* A price's unit's place in the vocabulary's order, in SQL, for the price table as p: codes
 * are not places. Built once. */
static const char *
unit_order_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      GString *text = g_string_new ("CASE p.unit");

      for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
        g_string_append_printf (text, " WHEN %u THEN %u",
                                sky_vocabulary_nth (SKY_VOCABULARY_UNIT, i)->code, i);
      g_string_append (text, " END");
      g_once_init_leave (&sql, g_string_free (text, FALSE));
    }
  return sql;
}

/* The regions of the current sheets, code then name, sorted by name; one entry per code. */
GPtrArray *
sky_catalog_list_regions (SkyCatalog  *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT code, min (name) FROM region "
                          "WHERE sheet_id IN (" SKY_CURRENT_SHEETS_SQL ") "
                          "GROUP BY code ORDER BY min (name), code",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot list the regions"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (regions, _sky_catalog_column_dup (stmt, 0));
      g_ptr_array_add (regions, _sky_catalog_column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot list the regions"));
      g_clear_pointer (&regions, g_ptr_array_unref);
    }
  return g_steal_pointer (&regions);
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* How a search finds the offers whose text matches: by reading every offer (text of fewer than
 * three characters, or a catalog without a usable text index); through the text index, from
 * the few offers it finds to their prices; when the index finds many offers, as the set of the
 * index's offers in memory (FoundSet), which the prices read in the search's order are looked
 * up in; when only services' names hold the text (the index holds the offers' names and SKUs),
 * as a filter on the prices' service; when both do, either. The index finds at least the
 * offers whose name or SKU holds the text; each is checked with LIKE as the scan does, so every
 * way keeps the same prices. */
typedef enum
{
  TEXT_NONE,
  TEXT_SCAN,
  TEXT_FEW_OFFERS,
  TEXT_INDEX_SET,
  TEXT_SET_WALK,
  TEXT_SERVICES,
  TEXT_SERVICES_OR_SET,
} TextPlan;

/* TEXT_SET_WALK is TEXT_INDEX_SET read as a walk of a bounded length: the first prices of the
 * search without its text, in its order, by their key alone, then those of the offers found
 * checked against the text (see WALK_ROWS_PER_OFFER). */

/* The offers the text index finds for a search's text, not yet checked against it: a bit per
 * offer id from the least found to the greatest (an eighth of a byte per offer of the catalog
 * at most), which the SQL function sky_found (SET, OFFER_ID) reads, SET bound as a pointer. A
 * price read from any index of prices is so checked without reading its row or its offer's,
 * which only the offers found are then read for. */
typedef struct
{
  gint64   first;
  gint64   n_bits;
  guint64  count;
  guint64 *bits;
  char    *ids;      /* the ids as a JSON array, for json_each (), once asked for */
  gint64   checked;  /* how many ids sky_found (), sky_found_within (), sky_found_take () or
                      * sky_found_walk () was asked about */
  gint64   budget;   /* how many sky_found_within () may be asked about */
  gint64   passed;   /* the ids in a row sky_found_walk () was asked about that it lacks */
} FoundSet;

#define FOUND_SET_TYPE "sky-found-set"

static void
found_set_free (FoundSet *set)
{
  g_free (set->bits);
  g_free (set->ids);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FoundSet, found_set_free)

/* The set of the offers @ids. */
static FoundSet *
found_set_of_ids (GArray *ids)
{
  FoundSet *set = g_new0 (FoundSet, 1);
  gint64 least = G_MAXINT64, most = G_MININT64;

  for (guint i = 0; i < ids->len; i++)
    {
      least = MIN (least, g_array_index (ids, gint64, i));
      most = MAX (most, g_array_index (ids, gint64, i));
    }

  set->count = ids->len;
  if (ids->len > 0)
    {
      set->first = least;
      set->n_bits = most - least + 1;
      set->bits = g_new0 (guint64, set->n_bits / 64 + 1);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 bit = g_array_index (ids, gint64, i) - least;

          set->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
        }
    }
  return set;
}

/* Adds to @ids the ids @stmt reads (its first column), then resets it: FALSE when it fails. */
static gboolean
append_ids (sqlite3_stmt *stmt,
            GArray       *ids)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Whether @set holds the offer @id. */
static gboolean
found_set_has (const FoundSet *set,
               gint64          id)
{
  gint64 bit = id - set->first;

  return bit >= 0 && bit < set->n_bits && (set->bits[bit / 64] >> (bit % 64) & 1) != 0;
}

/* The offers the text index finds for @fts, up to @most of them (-1: all); NULL when it cannot
 * be read. */
static FoundSet *
found_set_new (sqlite3    *db,
               const char *fts,
               gint64      most_found)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM offer_text WHERE offer_text MATCH ?1 LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (stmt, 1, fts);
  sqlite3_bind_int64 (stmt, 2, most_found);
  return append_ids (stmt, ids) ? found_set_of_ids (ids) : NULL;
}

/* The ids of @set's offers as a JSON array, which json_each () reads in order. */
static const char *
found_set_ids (FoundSet *set)
{
  GString *ids;

  if (set->ids != NULL)
    return set->ids;
  ids = g_string_sized_new (set->count * 8 + 2);
  g_string_append_c (ids, '[');
  /* A word at a time: the ids found may be few and far apart. Each written by hand: printf
   * took a tenth of a search that finds 86,000 offers. */
  for (gint64 word = 0; word * 64 < set->n_bits; word++)
    for (guint64 bits = set->bits[word]; bits != 0; bits &= bits - 1)
      {
        gint64 id = set->first + word * 64 + __builtin_ctzll (bits);
        char digits[24];
        int n = 0;

        if (ids->len > 1)
          g_string_append_c (ids, ',');
        if (id < 0)
          {
            g_string_append_printf (ids, "%" G_GINT64_FORMAT, id);
            continue;
          }
        do
          digits[n++] = (char) ('0' + id % 10);
        while ((id /= 10) > 0);
        while (n > 0)
          g_string_append_c (ids, digits[--n]);
      }
  g_string_append_c (ids, ']');
  set->ids = g_string_free (ids, FALSE);
  return set->ids;
}

static void
found_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  FoundSet *set = sqlite3_value_pointer (argv[0], FOUND_SET_TYPE);

  if (set == NULL || sqlite3_value_type (argv[1]) != SQLITE_INTEGER)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  set->checked++;
  sqlite3_result_int (context, found_set_has (set, sqlite3_value_int64 (argv[1])));
}

/* The bit of the offer (OFFER_ID) in the set (SET) a function of the set is called with, which
 * it sets @set to; -1 (and the function's result 0) when the set does not cover it. */
static gint64
found_function_bit (sqlite3_context  *context,
                    sqlite3_value   **argv,
                    FoundSet        **set)
{
  gint64 bit;

  /* The set is bound once for the statement: looked up once (its type's name compared). */
  *set = sqlite3_get_auxdata (context, 0);
  if (*set == NULL)
    {
      *set = sqlite3_value_pointer (argv[0], FOUND_SET_TYPE);
      if (*set != NULL)
        sqlite3_set_auxdata (context, 0, *set, NULL);
    }
  if (*set == NULL || sqlite3_value_type (argv[1]) != SQLITE_INTEGER)
    {
      sqlite3_result_int (context, 0);
      return -1;
    }
  bit = sqlite3_value_int64 (argv[1]) - (*set)->first;
  if (bit < 0 || bit >= (*set)->n_bits)
    {
      sqlite3_result_int (context, 0);
      return -1;
    }
  return bit;
}

/* sky_found_add (SET, OFFER_ID[, MOST]): adds the offer to the set, whose bits cover its id; 1,
 * or with MOST, whether the set now holds more than MOST offers (a statement that returns no row
 * until then: an aggregate over its rows, or a subquery's LIMIT, took a quarter of its time). */
static void
found_add_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  FoundSet *set;
  gint64 bit = found_function_bit (context, argv, &set);

  if (bit < 0)
    return;
  if ((set->bits[bit / 64] >> (bit % 64) & 1) == 0)
    set->count++;
  set->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
  sqlite3_result_int (context, argc < 3 || set->count > (guint64) sqlite3_value_int64 (argv[2]));
}

/* sky_found_within (SET, OFFER_ID): as sky_found (), but an error, which ends the statement,
 * once the set's budget of ids asked about is spent (see name_runs_keys()). */
static void
found_within_function (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  FoundSet *set;
  gint64 bit = found_function_bit (context, argv, &set);

  if (set != NULL && ++set->checked > set->budget)
    sqlite3_result_error (context, "the set's budget is spent", -1);
  else if (bit >= 0)
    sqlite3_result_int (context, (set->bits[bit / 64] >> (bit % 64) & 1) != 0);
}

/* sky_found_take (SET, OFFER_ID): takes the offer out of the set; 1 when it was in it. */
static void
found_take_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  FoundSet *set;
  gint64 bit = found_function_bit (context, argv, &set);

  if (set != NULL)
    set->checked++;
  if (bit < 0)
    return;
  if ((set->bits[bit / 64] >> (bit % 64) & 1) == 0)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  set->bits[bit / 64] &= ~(G_GUINT64_CONSTANT (1) << (bit % 64));
  set->count--;
  sqlite3_result_int (context, 1);
}

/* A walk's read of the prices of the offers it knows exactly (see NAMED_WALK_BUDGET) keeps
 * theirs and, of the others, only one in this many in a row: SQLite passes over the rest (some
 * 0.1 µs a price, its read of the index, rather than 0.17 with the walk's merge and check),
 * while a read of a run that holds none of theirs still comes back to the merge soon (a walk
 * stops within its budget, and its page may end long before such a run does). */
#define WALK_PASS 16

static gint64 walk_pass = WALK_PASS;

/* For tests: of how many prices in a row of other offers a walk of the offers it knows exactly
 * keeps one (1: every one); -1 for the default. */
void
_sky_catalog_set_text_walk_pass (gint64 pass)
{
  walk_pass = pass > 0 ? pass : WALK_PASS;
}

/* sky_found_walk (SET, OFFER_ID): 1 when the set holds the offer, or when it is the walk_pass-th
 * in a row that it does not hold; 0 otherwise. */
static void
found_walk_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  FoundSet *set;
  gint64 bit = found_function_bit (context, argv, &set);

  if (set == NULL)
    return;
  set->checked++;
  if ((bit >= 0 && (set->bits[bit / 64] >> (bit % 64) & 1) != 0) || ++set->passed >= walk_pass)
    {
      set->passed = 0;
      sqlite3_result_int (context, 1);
    }
  else
    sqlite3_result_int (context, 0);
}

/* Adds the SQL functions searches use to the connection @db. */
void
_sky_catalog_add_search_functions (sqlite3 *db)
{
  static const struct
  {
    const char *name;
    int         n_args;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "sky_found_take", 2, found_take_function },
    { "sky_found", 2, found_function },
    { "sky_found_add", 2, found_add_function },
    { "sky_found_add", 3, found_add_function },
    { "sky_found_walk", 2, found_walk_function },
    { "sky_found_within", 2, found_within_function },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (functions); i++)
    sqlite3_create_function_v2 (db, functions[i].name, functions[i].n_args,
                                SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, functions[i].func, NULL,
                                NULL, NULL);
}

/* Up to this many offers found through the index are read from the offers to their prices;
 * more, and the prices are read in the search's order and checked one by one. About where
 * the two cost the same in a catalog of a million offers: a look-up per price of the offers
 * found, against a look-up per price read until a page is full. */
#define FEW_OFFERS 2000

static gint64 few_offers = FEW_OFFERS;

/* For tests: how many offers found are few; -1 for the default. */
void
_sky_catalog_set_few_offers (gint64 few)
{
  few_offers = few >= 0 ? few : FEW_OFFERS;
}

/* A search for text that the index finds in many offers (or in some, and in a service's name)
 * first reads, in its order, the prices the rest of the search keeps, as a search without text
 * does, and checks each one's offer against the text, up to this many prices: a text many
 * offers hold fills a page within them, whatever the catalog's size. Only a page they do not
 * fill is read through the index (FoundSet), for a text that by then is known to be in few of
 * the search's prices. Each price read so costs a look-up of its offer: a few milliseconds in
 * all. */
#define PROBE_ROWS 1000

static gint64 probe_rows = PROBE_ROWS;

/* A probe whose prices held some of the page's rows is followed by one of twice as many prices
 * as those rows say the page takes, when they are at most this many times PROBE_ROWS: a text
 * that common early in the order then fills the page without the text index (some 20 ms at
 * 1,000,000 offers for the offers of one region in thirty, against 30 ms for the index's look-up
 * alone), and one that is not costs at most those prices more. A probe whose prices held none
 * of the page's rows says nothing of what follows, and is not followed. */
#define LONG_PROBE 8

/* For tests: how many prices a search checks in its order before it reads them through the
 * text index; 0 for none, -1 for the default. */
void
_sky_catalog_set_text_probe_rows (gint64 rows)
{
  probe_rows = rows >= 0 ? rows : PROBE_ROWS;
}

/* The prices of the offers the text index finds, not yet checked against the text (as
 * append_filters() reads those of TEXT_FEW_OFFERS). */
#define FEW_OFFERS_FOUND_SQL \
  "FROM (SELECT value AS id FROM json_each (:found_ids)) AS t " \
  "CROSS JOIN price p INDEXED BY price_by_offer " \
  "  ON p.offer_seq BETWEEN t.id * 1024 AND t.id * 1024 + 1023 "

/* The services whose name holds the LIKE pattern :text. */
#define SERVICES_NAMED_SQL "(SELECT id FROM service WHERE name LIKE :text ESCAPE '\\')"

/* The least (@least "min") or greatest ("max") name of the offers of the services whose name
 * holds :text, from the table of names: a search by name of such a text reads the names' index
 * between the two only. */
#define SERVICES_NAMES_SQL(least) \
  "(SELECT " least " (name) FROM offer_name WHERE service_id IN " SERVICES_NAMED_SQL ")"

/* The prices of a search for text only services' names hold, in price order: by service,
 * unit and bucket, each run in price order, which SQLite stops reading once the page holds
 * cheaper prices (the search names every unit, see units_condition()), rather than every
 * cheaper price of the other services. */
#define SERVICES_FROM_SQL "FROM price p INDEXED BY price_by_service "

/* Whether the price p's offer's name or SKU holds :text: a look-up of the offer, not of the
 * price's row. */
#define OFFER_TEXT_SQL \
  "(SELECT o.name LIKE :text ESCAPE '\\' OR o.sku LIKE :text ESCAPE '\\' " \
  " FROM offer_row o WHERE o.id = " PRICE_OFFER_ID_SQL ")"

/* Whether the price p's offer holds the LIKE pattern :text where a scan finds it: in its name,
 * its SKU or its service's name (the price's); a look-up of the offer, not of the price's
 * row. */
#define TEXT_CHECK_SQL \
  "(SELECT o.service_id IN " SERVICES_NAMED_SQL " OR o.name LIKE :text ESCAPE '\\' " \
  "   OR o.sku LIKE :text ESCAPE '\\' FROM offer_row o WHERE o.id = " PRICE_OFFER_ID_SQL ")"

/* A page the first prices did not fill reads every price of the offers the index finds only
 * when these are at most a tenth of the catalog's offers (or FEW_OFFERS; a quarter by a price
 * per vCPU or GiB, READ_ALL_SHARE_PER_SIZE): past that, sorting them all costs more than
 * reading the prices in the search's order, as a text of a tenth of the offers fills a page
 * within a few hundred of them wherever they lie. */
#define READ_ALL_SHARE 10

/* By a price per vCPU or GiB, up to a quarter of the catalog's offers: the parts of that order
 * are each read whole, until the page holds their prices of the offers found, which a text of
 * an eighth of a million offers late in that order took 280 to 460 ms to do; their prices
 * sorted, read from the index of prices by offer, 150 ms. */
#define READ_ALL_SHARE_PER_SIZE 4

static gint64 read_all_most = -1;

/* By name, a text the index finds in more than this share of the catalog's offers is read
 * from the names' index in its order, each entry checked against the offers found (some 0.05 µs
 * an offer, without its row), rather than every offer found read for its name and sorted
 * (some 2 µs an offer): a text of 34,000 offers of a million, 223,000 prices into that order,
 * took 86 ms sorted. */
#define NAME_WALK_SHARE 32

/* For tests: how many offers the index may find for a page the first prices did not fill to be
 * read from all their prices; -1 for the default. */
void
_sky_catalog_set_text_read_all (gint64 most)
{
  read_all_most = most;
}

/* A page the probes (PROBE_ROWS, LONG_PROBE) did not fill, of a text whose offers the index
 * finds to be too many to be read first (FEW_OFFERS) but few enough to be sorted
 * (READ_ALL_SHARE): when the probes' prices held some of the page's rows, the page is first
 * read as a walk of twice as many prices as those rows say it takes, by their key alone (from
 * whichever index the search walks, which holds the default row's variant, not from the price
 * table), each then checked against the offers found. A walk that does not fill the page gives
 * way to the sort of the offers' prices; a walk of more than this many prices per offer found
 * is not made, as it would cost more than the sort (SQLite merges the buckets' prices at some
 * 3 µs a price, about what an offer's prices cost read and sorted). The offers found are
 * checked around the walk, not in it: SQLite stops reading a bucket once its prices are dearer
 * than the page's last, which it does not learn while it passes over prices none of whose
 * offers were found. Probes that held none of the page's rows say nothing of the prices after
 * them: such a text may lie late in the order (a kind of offer the order puts last). */
#define WALK_ROWS_PER_OFFER 2

/* How many times the prices the rows found so far say the page takes a further probe or a walk
 * reads. */
#define WALK_MARGIN 2

static gint64 walk_rows_per_offer = WALK_ROWS_PER_OFFER;
static gint64 walk_margin = WALK_MARGIN;

/* For tests: how many prices per offer found a walk reads at most (0: none), and how many times
 * the prices the rows found say the page takes a further probe or a walk reads (0: as many as
 * the page has rows); -1 for the defaults. */
void
_sky_catalog_set_text_walk (gint64 rows_per_offer,
                            gint64 margin)
{
  walk_rows_per_offer = rows_per_offer >= 0 ? rows_per_offer : WALK_ROWS_PER_OFFER;
  walk_margin = margin >= 0 ? margin : WALK_MARGIN;
}

static gboolean search_parts_disabled;

void
_sky_catalog_set_search_parts_disabled (gboolean disabled)
{
  search_parts_disabled = disabled;
}

/* " AND \"abc\"": the three characters at @start as a string of the text index's query. */
static void
append_trigram (GString    *q,
                const char *start)
{
  const char *end = g_utf8_offset_to_pointer (start, 3);

  if (q->len > 0)
    g_string_append (q, " AND ");
  g_string_append_c (q, '"');
  for (const char *c = start; c < end; c++)
    {
      if (*c == '"')
        g_string_append_c (q, '"');
      g_string_append_c (q, *c);
    }
  g_string_append_c (q, '"');
}

/* The text index's query for @text (at least three characters): every third trigram of it,
 * and its last, each as a string, all of them required. Offers that hold the text hold them
 * all. */
static char *
text_index_query (const char *text)
{
  GString *q = g_string_new (NULL);
  glong n = g_utf8_strlen (text, -1);

  for (glong i = 0; i + 3 <= n; i += 3)
    append_trigram (q, g_utf8_offset_to_pointer (text, i));
  if (n % 3 != 0)
    append_trigram (q, g_utf8_offset_to_pointer (text, n - 3));
  return g_string_free (q, FALSE);
}

/* Whether a service's name in the catalog holds @like. */
static gboolean
service_name_matches (sqlite3    *db,
                      const char *like)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM service WHERE name LIKE ?1 ESCAPE '\\' LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  _sky_catalog_bind_text (stmt, 1, like);
  return sqlite3_step (stmt) != SQLITE_DONE;
}

/* How many offers (up to @most + 1) the text index finds for @fts. */
static gint64
text_index_count (sqlite3    *db,
                  const char *fts,
                  gint64      most)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM (SELECT 1 FROM offer_text "
                              "WHERE offer_text MATCH ?1 LIMIT ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return G_MAXINT64;
  _sky_catalog_bind_text (stmt, 1, fts);
  sqlite3_bind_int64 (stmt, 2, most + 1);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : G_MAXINT64;
}

/* How @query's text is found (see TextPlan). Sets @fts to the text index's query when the plan
 * reads it, and @found to the few offers it finds (TEXT_FEW_OFFERS), read once. */
static TextPlan
plan_text (sqlite3              *db,
           const SkySearchQuery *query,
           char                **fts,
           FoundSet            **found)
{
  g_autofree char *like = NULL;

  *fts = NULL;
  *found = NULL;
  if (query->text == NULL || *query->text == '\0')
    return TEXT_NONE;
  if (!g_utf8_validate (query->text, -1, NULL) || g_utf8_strlen (query->text, -1) < 3 ||
      !_sky_catalog_text_index_usable (db))
    return TEXT_SCAN;
  *fts = text_index_query (query->text);
  like = like_pattern (query->text);
  /* A service's name: its prices, and those of the offers found, if any. */
  if (service_name_matches (db, like))
    return text_index_count (db, *fts, 0) == 0 ? TEXT_SERVICES : TEXT_SERVICES_OR_SET;
  *found = found_set_new (db, *fts, few_offers + 1);
  if (*found != NULL && (*found)->count <= (guint64) few_offers)
    return TEXT_FEW_OFFERS;
  g_clear_pointer (found, found_set_free);
  return TEXT_INDEX_SET;
}

/* " AND p.bucket IN (…)": the price table's buckets (PRICE_BUCKET()) of purchase option @term,
 * the @n_geographies geographies @geographies (codes) and category @category. NULL stands for
 * every purchase option or category, and @n_geographies -1 for every geography; a name no
 * price has makes the condition false. */
void
_sky_catalog_append_buckets (GString    *sql,
                             const char *term,
                             const int  *geographies,
                             int         n_geographies,
                             const char *category)
{
  /* The entries of each vocabulary: a named one only, or all of them. */
  const SkyWord *t0 = term != NULL ? sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, term)
                                   : NULL;
  const SkyWord *c0 = category != NULL ? sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY, category)
                                       : NULL;
  guint n_terms = term != NULL ? 1 : sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION);
  guint n_categories = category != NULL ? 1 : sky_vocabulary_size (SKY_VOCABULARY_CATEGORY);
  gboolean all_geographies = n_geographies < 0;
  gboolean first = TRUE;

  if ((term != NULL && t0 == NULL) || (category != NULL && c0 == NULL))
    {
      g_string_append (sql, " AND 0");
      return;
    }
  if (all_geographies)
    n_geographies = sky_vocabulary_size (SKY_VOCABULARY_GEOGRAPHY);
  g_string_append (sql, " AND p.bucket IN (");
  for (guint t = 0; t < n_terms; t++)
    for (int g = 0; g < n_geographies; g++)
      for (guint c = 0; c < n_categories; c++)
        {
          const SkyWord *tw = t0 != NULL ? t0
                              : sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, t);
          const SkyWord *cw = c0 != NULL ? c0 : sky_vocabulary_nth (SKY_VOCABULARY_CATEGORY, c);
          int gc = all_geographies ? (int) sky_vocabulary_nth (SKY_VOCABULARY_GEOGRAPHY, g)->code
                                   : geographies[g];

          g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, first ? "" : ", ",
                                  PRICE_BUCKET (tw->code, gc, cw->code));
          first = FALSE;
        }
  g_string_append_c (sql, ')');
}

/* The codes of the geographies @query's prices can be in: its own, or those of its region in
 * any sheet; NULL for every one. */
static GArray *
query_geographies (sqlite3              *db,
                   const SkySearchQuery *query)
{
  GArray *codes;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (query->geography == NULL && query->region == NULL)
    return NULL;
  codes = g_array_new (FALSE, FALSE, sizeof (int));
  if (query->geography != NULL)
    {
      int code = sky_vocabulary_code (SKY_VOCABULARY_GEOGRAPHY, query->geography);

      if (code >= 0)
        g_array_append_val (codes, code);
      return codes;
    }
  /* Only to narrow the search: the region's own filter and the current services decide which
   * prices are in it. Its geography in a sheet no longer current only names a bucket more;
   * working out which sheets are current took longer than the rest of an empty search. Each
   * code once, without SQLite's temporary table for DISTINCT. */
  if (sqlite3_prepare_v2 (db, "SELECT geography FROM region WHERE code = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_array_unref (codes);
      return NULL;
    }
  _sky_catalog_bind_text (stmt, 1, query->region);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int code = sky_vocabulary_code (SKY_VOCABULARY_GEOGRAPHY,
                                      (const char *) sqlite3_column_text (stmt, 0));

      for (guint i = 0; code >= 0 && i < codes->len; i++)
        if (g_array_index (codes, int, i) == code)
          code = -1;
      if (code >= 0)
        g_array_append_val (codes, code);
    }
  return codes;
}

/* The price table's buckets (PRICE_BUCKET()) that hold prices, in order; NULL when they could
 * not be read. A search names only those: a bucket named costs a look-up in each part of the
 * search that reads it. */
static GArray *
catalog_buckets (sqlite3 *db)
{
  if (search_parts_disabled)
    return NULL;
  return _sky_catalog_read_values (db, "bucket", NULL, G_MININT64, G_MAXUINT);
}

/* Whether the prices of @bucket are of purchase option @t, category @c (NULL for any known
 * one) and one of the geographies' codes @geographies (NULL for any known one). */
static gboolean
bucket_kept (gint64         bucket,
             const SkyWord *t,
             GArray        *geographies,
             const SkyWord *c)
{
  int bt = (int) PRICE_BUCKET_TERM (bucket);
  int bg = (int) PRICE_BUCKET_GEOGRAPHY (bucket);
  int bc = (int) PRICE_BUCKET_CATEGORY (bucket);
  gboolean geography = geographies == NULL;

  if (bucket < 0 || bucket != PRICE_BUCKET (bt, bg, bc) ||
      (t != NULL ? (int) t->code != bt
                 : sky_vocabulary_lookup_code (SKY_VOCABULARY_PURCHASE_OPTION, bt) == NULL) ||
      (c != NULL ? (int) c->code != bc
                 : sky_vocabulary_lookup_code (SKY_VOCABULARY_CATEGORY, bc) == NULL))
    return FALSE;
  if (geographies == NULL)
    geography = sky_vocabulary_lookup_code (SKY_VOCABULARY_GEOGRAPHY, bg) != NULL;
  for (guint g = 0; !geography && g < geographies->len; g++)
    geography = g_array_index (geographies, int, g) == bg;
  return geography;
}

/* " AND p.bucket IN (…)": as _sky_catalog_append_buckets() lists them, but only those of
 * @present, the buckets that hold prices. */
static void
append_present_buckets (GString    *sql,
                        const char *term,
                        GArray     *geographies,
                        const char *category,
                        GArray     *present)
{
  const SkyWord *t = term != NULL ? sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, term)
                                  : NULL;
  const SkyWord *c = category != NULL ? sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY,
                                                               category)
                                      : NULL;
  gboolean first = TRUE;

  if ((term != NULL && t == NULL) || (category != NULL && c == NULL))
    {
      g_string_append (sql, " AND 0");
      return;
    }
  for (guint i = 0; i < present->len; i++)
    {
      gint64 bucket = g_array_index (present, gint64, i);

      if (!bucket_kept (bucket, t, geographies, c))
        continue;
      g_string_append_printf (sql, "%s%" G_GINT64_FORMAT,
                              first ? " AND p.bucket IN (" : ", ", bucket);
      first = FALSE;
    }
  g_string_append (sql, first ? " AND 0" : ")");
}

/* The id of @text in the word table, or -1. */
static gint64
word_id (sqlite3    *db,
         const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM word WHERE text = ?1", -1, &stmt, NULL) !=
      SQLITE_OK)
    return -1;
  _sky_catalog_bind_text (stmt, 1, text);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* " AND p.@column = id": the prices whose @column is the word @text; the id as a number, so
 * that the index of prices by @column (which leaves out those without) can serve. */
static void
append_word (GString    *sql,
             sqlite3    *db,
             const char *column,
             const char *text)
{
  gint64 id = word_id (db, text);

  if (id < 0)
    g_string_append (sql, " AND 0");
  else
    g_string_append_printf (sql, " AND p.%s = %" G_GINT64_FORMAT, column, id);
}

/* The values of @column, one the index price_by_@column starts with, that the prices hold,
 * above @above: up to @most, or NULL (more, or unreadable, or parts not read). */
static GArray *
held_values (sqlite3    *db,
             const char *column,
             gint64      above,
             guint       most)
{
  g_autofree char *index = g_strconcat ("price_by_", column, NULL);

  return search_parts_disabled ? NULL
                               : _sky_catalog_read_values (db, column, index, above, most);
}

/* " AND p.@column = @value", or " AND 0" when no price holds @value (the values the prices hold
 * say so): an architecture no price states is an empty page at once, rather than a walk through
 * every price, or every price of each size, for none. */
static void
append_held_value (GString    *sql,
                   sqlite3    *db,
                   const char *column,
                   gint64      value)
{
  g_autoptr(GArray) next = held_values (db, column, value - 1, 1);

  if (next != NULL && (next->len == 0 || g_array_index (next, gint64, 0) != value))
    g_string_append (sql, " AND 0");
  else
    g_string_append_printf (sql, " AND p.%s = %" G_GINT64_FORMAT, column, value);
}

/* Up to this many values of a column are named one by one: a search at least a size names
 * the sizes there are, and a sort by a column reads the prices of each of its values apart. */
#define MAX_VALUES 256

/* " AND p.@column >= :@column": a size at least @least, as the sizes there are, so that the
 * index of prices by it finds each size's in price order. */
static void
append_least (GString    *sql,
              sqlite3    *db,
              const char *column,
              gint64      least)
{
  g_autoptr(GArray) values = held_values (db, column, least - 1, MAX_VALUES);

  if (values == NULL)
    {
      g_string_append_printf (sql, " AND p.%s >= :%s", column, column);
      return;
    }
  if (values->len == 0)
    {
      g_string_append (sql, " AND 0");
      return;
    }
  g_string_append_printf (sql, " AND p.%s IN (", column);
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (values, gint64, i));
  g_string_append_c (sql, ')');
}

/* A provider's service in its latest sheet found so far (append_current_services()). */
typedef struct
{
  char   *date;
  gint64  sheet;
  gint64  id;
} LatestService;

static void
latest_service_free (gpointer data)
{
  LatestService *latest = data;

  g_free (latest->date);
  g_free (latest);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids of the current services (of @provider, unless NULL), in order: those of
 * SKY_CURRENT_SERVICES_SQL, worked out here from one read of the services that have started,
 * whose subquery's temporary tables (for its DISTINCT and its ORDER BY) cost a search more than
 * the rest of its set-up. NULL when they cannot be read. */
static GArray *
current_service_ids (sqlite3    *db,
                     const char *provider)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* Of each provider and service code: the latest sheet's date, its id and the service's. */
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        latest_service_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (sqlite3_prepare_v2 (db, provider != NULL
                                ? "SELECT ch.provider, cs.code, ch.effective_date, ch.id, cs.id "
                                  "FROM service cs JOIN sheet ch ON ch.id = cs.sheet_id "
                                  "WHERE ch.effective_date <= sky_today () AND ch.provider = ?1"
                                : "SELECT ch.provider, cs.code, ch.effective_date, ch.id, cs.id "
                                  "FROM service cs JOIN sheet ch ON ch.id = cs.sheet_id "
                                  "WHERE ch.effective_date <= sky_today ()",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (provider != NULL)
    _sky_catalog_bind_text (stmt, 1, provider);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *provider_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      gint64 sheet = sqlite3_column_int64 (stmt, 3);
      /* The provider's length first: no provider and code make another's key. */
      char *key = g_strdup_printf ("%zu:%s%s", strlen (provider_id), provider_id, code);
      LatestService *best = g_hash_table_lookup (latest, key);
      int later = best == NULL ? 1 : strcmp (date, best->date);

      /* The latest date, then the highest sheet id, as SKY_CURRENT_SERVICES_SQL orders them. */
      if (later > 0 || (later == 0 && sheet > best->sheet))
        {
          LatestService *entry = g_new (LatestService, 1);

          entry->date = g_strdup (date);
          entry->sheet = sheet;
          entry->id = sqlite3_column_int64 (stmt, 4);
          g_hash_table_replace (latest, key, entry);
        }
      else
        g_free (key);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (ids, ((LatestService *) value)->id);
  g_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

/* Whether every service of the catalog is current (no sheet superseded for any, none to start
 * later), so that every price is one of a current service's: @current, the current services
 * of every provider (current_service_ids()), are all of them. */
static gboolean
all_services_current (sqlite3 *db,
                      GArray  *current)
{
  gint64 services = -1;

  return current != NULL && _sky_catalog_query_int (db, "SELECT count(*) FROM service",
                                                    &services, NULL) &&
         services == current->len;
}

/* Of the services @ids, those whose name is like @named (a search's text), in order; NULL
 * when they cannot be read. */
static GArray *
services_named (sqlite3    *db,
                GArray     *ids,
                const char *named)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM service WHERE name LIKE ?1 "
                                         "ESCAPE '\\' AND id IN (");
  g_autofree char *like = like_pattern (named);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  g_string_append (sql, ") ORDER BY id");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (stmt, 1, like);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (found, id);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&found) : NULL;
}

/* " AND +p.service_id IN (…)": the current services @current (current_service_ids(), read in
 * the search's transaction), those whose name is like @named unless it is NULL, as their ids:
 * each part of a search in parts would otherwise be prepared and run with the subquery that
 * finds them. A condition checked on the prices the other conditions find ("+"), unless
 * @by_index: the planner would otherwise read a few services' prices through the index of
 * prices by service, out of price order. FALSE when they cannot be read. */
static gboolean
append_current_services (GString    *sql,
                         sqlite3    *db,
                         GArray     *current,
                         const char *named,
                         gboolean    by_index)
{
  g_autoptr(GArray) ids = g_array_ref (current);

  if (named != NULL && current->len > 0)
    {
      g_array_unref (ids);
      ids = services_named (db, current, named);
    }
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT,
                            i > 0 ? ", " : by_index ? " AND p.service_id IN ("
                                                    : " AND +p.service_id IN (",
                            g_array_index (ids, gint64, i));
  g_string_append (sql, ids->len == 0 ? " AND 0" : ")");
  return TRUE;
}

/* A read transaction for the statements of one search, which read the catalog's values and
 * buckets before its prices, unless the connection is in one already: TRUE when it began one,
 * for end_read(). */
static gboolean
begin_read (sqlite3 *db)
{
  return sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void
end_read (sqlite3  *db,
          gboolean  began)
{
  if (began && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Whether a query's @value (its architecture or unit) names one, rather than any. */
static gboolean
names_one (const char *value)
{
  return value != NULL && strcmp (value, SKY_SEARCH_ANY) != 0;
}

/* " AND p.bucket IN (…)": the buckets of @query's purchase option, geographies and category,
 * of those that hold prices (@present) when known. */
static void
append_query_buckets (GString              *sql,
                      sqlite3              *db,
                      const SkySearchQuery *query,
                      GArray               *present)
{
  g_autoptr(GArray) geographies = query_geographies (db, query);

  if (present != NULL)
    append_present_buckets (sql, query->term, geographies, query->category, present);
  else
    _sky_catalog_append_buckets (sql, query->term,
                                 geographies != NULL ? (const int *) geographies->data : NULL,
                                 geographies != NULL ? (int) geographies->len : -1,
                                 query->category);
}

/* As append_filters(), with @check (" AND …", or NULL) tested before the price's service, or
 * instead of it when @check_current (the prices @check keeps are all of current services, of
 * the search's provider if it names one). */
static void
append_filters_checked (GString              *sql,
                        sqlite3              *db,
                        const SkySearchQuery *query,
                        TextPlan              text,
                        const char           *from,
                        GArray               *present,
                        const char           *check,
                        gboolean              check_current)
{
  g_autoptr(GArray) current = NULL;

  /* The prices of the few offers the text index finds, by the index of prices by offer: named,
   * as the planner would otherwise search the price key's buckets for each offer. @from, if
   * given, finds the offers another way (FEW_OFFERS_FOUND_SQL). */
  if (text == TEXT_FEW_OFFERS && from == NULL)
    g_string_append (sql, "FROM (SELECT o.id, o.name FROM offer_row o WHERE o.id IN "
                          "       (SELECT value FROM json_each (:found_ids)) "
                          "      AND (o.name LIKE :text ESCAPE '\\' "
                          "           OR o.sku LIKE :text ESCAPE '\\')) AS t "
                          "CROSS JOIN price p INDEXED BY price_by_offer "
                          "  ON p.offer_seq BETWEEN t.id * 1024 AND t.id * 1024 + 1023 ");
  else
    g_string_append (sql, from != NULL ? from : "FROM price p ");
  /* The price key starts with the bucket of purchase option, geography and category. Those
   * left open become every value they can take, so the key still narrows the search to the
   * rows of the ones given, rather than every price in the catalog. */
  g_string_append (sql, "WHERE 1");
  append_query_buckets (sql, db, query, present);
  /* The offers found, then their text, first: read from whichever index of prices the search
   * walks, without its row. */
  if (text == TEXT_INDEX_SET)
    g_string_append (sql, " AND sky_found (:found, " PRICE_OFFER_ID_SQL ") AND " OFFER_TEXT_SQL);
  if (query->region != NULL)
    append_word (sql, db, "region", query->region);
  if (query->os != NULL)
    append_word (sql, db, "os", query->os);
  _sky_catalog_append_variant (sql, query->tenancy, query->licence, query->software,
                               query->capacity);
  if (names_one (query->architecture))
    append_held_value (sql, db, "arch",
                       sky_vocabulary_code (SKY_VOCABULARY_ARCHITECTURE, query->architecture));
  if (names_one (query->unit))
    g_string_append_printf (sql, " AND p.unit = %d",
                            sky_vocabulary_code (SKY_VOCABULARY_UNIT, query->unit));
  if (query->min_vcpu_milli > 0)
    append_least (sql, db, "vcpu", query->min_vcpu_milli);
  if (query->min_memory_mgib > 0)
    append_least (sql, db, "memory", query->min_memory_mgib);
  if (query->has_max_price)
    g_string_append (sql, " AND p.amount <= :max_price");
  /* Conditions are tested in the order they are written: a look-up of the price's service
   * costs more than comparing a number, and goes after them. */
  if (check != NULL)
    g_string_append (sql, check);
  /* Every service current, and the text's offers found: no condition that needs the price's
   * row. A text only services' names hold: those of them that are current, named (through
   * the index of prices by service when it is read). */
  current = current_service_ids (db, query->provider);
  if (check_current)
    ;
  else if ((text == TEXT_INDEX_SET || text == TEXT_SET_WALK) && query->provider == NULL &&
           current != NULL &&
           all_services_current (db, current))
    ;
  else if (present == NULL || current == NULL ||
           !append_current_services (sql, db, current,
                                     text == TEXT_SERVICES ? query->text : NULL,
                                     from != NULL && strcmp (from, SERVICES_FROM_SQL) == 0))
    {
      g_string_append (sql, " AND p.service_id IN (" SKY_CURRENT_SERVICES_SQL);
      if (query->provider != NULL)
        g_string_append (sql, " WHERE cv.provider = :provider");
      g_string_append (sql, ")");
      if (text == TEXT_SERVICES)
        g_string_append (sql, " AND +p.service_id IN " SERVICES_NAMED_SQL);
    }
  /* The offers whose text matches are found once, reading the offer table in its own order,
   * rather than by joining every price with its offer. */
  switch (text)
    {
    case TEXT_SCAN:
      g_string_append (sql, " AND " PRICE_OFFER_ID_SQL " IN (SELECT o.id FROM offer o "
                            "WHERE o.name LIKE :text ESCAPE '\\' OR o.sku LIKE :text ESCAPE '\\' "
                            "OR o.service_id IN (SELECT id FROM service "
                            "                    WHERE name LIKE :text ESCAPE '\\'))");
      break;
    case TEXT_SERVICES:
      /* With the current services. */
    case TEXT_SERVICES_OR_SET:
      g_string_append (sql, " AND (p.service_id IN " SERVICES_NAMED_SQL
                            " OR (sky_found (:found, " PRICE_OFFER_ID_SQL ") AND "
                            OFFER_TEXT_SQL "))");
      break;
    case TEXT_INDEX_SET:
      /* After the buckets. */
    case TEXT_SET_WALK:
      /* Around the search: see search_page(). */
    case TEXT_FEW_OFFERS:
      /* In the FROM clause. */
    case TEXT_NONE:
    default:
      break;
    }
}

/* "FROM price p … WHERE …": the prices a query keeps. Assembled from fixed fragments and the
 * codes of names the query gives; every other value from the query is bound by
 * bind_filters(). */
static void
append_filters (GString              *sql,
                sqlite3              *db,
                const SkySearchQuery *query,
                TextPlan              text,
                const char           *from,
                GArray               *present)
{
  append_filters_checked (sql, db, query, text, from, present, NULL, FALSE);
}

/* Whether the prices a search's inner query picks are read by their key alone, and the
 * page's rows from the price table after (search_page()): when the offers the text index found
 * are checked first (TEXT_INDEX_SET, TEXT_SET_WALK), as every index of prices holds the key,
 * so that a price read from one is not read from the table unless it is one of theirs; and
 * when every price of the offers found is sorted (TEXT_FEW_OFFERS), as the index of prices by
 * offer holds, beside the key, every column a search of the window checks or sorts by. */
static gboolean
price_key_first (TextPlan text)
{
  return text == TEXT_INDEX_SET || text == TEXT_SET_WALK || text == TEXT_FEW_OFFERS;
}

/* The columns of the prices a search's inner query picks: all of them, or those of the price
 * key (see price_key_first()). */
static const char *
price_columns (TextPlan text)
{
  return price_key_first (text) ? "p.bucket, p.amount, p.offer_seq" : "p.*";
}

/* Returns the LIKE pattern it bound, which must live as long as the statement. */
static char *
bind_filters (sqlite3_stmt         *stmt,
              const SkySearchQuery *query,
              TextPlan              text,
              const char           *fts,
              FoundSet             *found)
{
  gboolean has_text = text != TEXT_NONE;
  char *like = NULL;

#define BIND_TEXT(name, value) \
  _sky_catalog_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value)
  if (query->provider != NULL) BIND_TEXT (":provider", query->provider);
  if (query->software != NULL &&
      strcmp (query->software, SKY_SEARCH_ANY) != 0 &&
      strcmp (query->software, SKY_SOFTWARE_NONE) != 0)
    BIND_TEXT (":software", query->software);
  if (has_text)
    {
      like = like_pattern (query->text);
      BIND_TEXT (":text", like);
      if (fts != NULL)
        BIND_TEXT (":fts", fts);
      if (found != NULL)
        sqlite3_bind_pointer (stmt, sqlite3_bind_parameter_index (stmt, ":found"), found,
                              FOUND_SET_TYPE, NULL);
      if (found != NULL && sqlite3_bind_parameter_index (stmt, ":found_ids") > 0)
        BIND_TEXT (":found_ids", found_set_ids (found));
    }
#undef BIND_TEXT
  /* Where the sizes were too many to name. */
  if (query->min_vcpu_milli > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":vcpu"),
                        query->min_vcpu_milli);
  if (query->min_memory_mgib > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":memory"),
                        query->min_memory_mgib);
  if (query->has_max_price)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":max_price"),
                        query->max_price);
  return like;
}

/* Reverses the order of the first @n elements of @array. */
static void
reverse_first (GPtrArray *array,
               guint      n)
{
  for (guint i = 0; i < n / 2; i++)
    {
      gpointer e = array->pdata[i];

      array->pdata[i] = array->pdata[n - 1 - i];
      array->pdata[n - 1 - i] = e;
    }
}

/* The column whose values a sort by @sort reads a part each of (see append_sort_parts()), the
 * index of prices by it, and, for names, the SQL that groups the values of one name
 * (id_groups()); FALSE for another sort. */
static gboolean
sort_column (SkySort      sort,
             const char **column,
             const char **index,
             const char **groups_sql)
{
  *groups_sql = NULL;
  switch (sort)
    {
    case SKY_SORT_VCPU:
      *column = "vcpu";
      *index = "price_by_vcpu";
      return TRUE;
    case SKY_SORT_MEMORY:
      *column = "memory";
      *index = "price_by_memory";
      return TRUE;
    case SKY_SORT_ARCHITECTURE:
      *column = "arch";
      *index = "price_by_arch";
      return TRUE;
    case SKY_SORT_REGION:
      *column = "region";
      *index = "price_by_region";
      *groups_sql = "SELECT group_concat (v.id, ', '), w.text IS NULL FROM v "
                    "LEFT JOIN word w ON w.id = v.id "
                    "GROUP BY w.text ORDER BY w.text IS NULL, w.text";
      return TRUE;
    case SKY_SORT_SERVICE:
      *column = "service_id";
      *index = "price_by_service";
      *groups_sql = "SELECT group_concat (v.id, ', '), sv.name IS NULL FROM v "
                    "LEFT JOIN service sv ON sv.id = v.id "
                    "GROUP BY sv.name COLLATE NOCASE "
                    "ORDER BY sv.name IS NULL, sv.name COLLATE NOCASE";
      return TRUE;
    case SKY_SORT_PROVIDER:
      /* A price's service is one of its sheet's. */
      *column = "service_id";
      *index = "price_by_service";
      *groups_sql = "SELECT group_concat (v.id, ', '), pv.name IS NULL FROM v "
                    "LEFT JOIN service sv ON sv.id = v.id "
                    "LEFT JOIN sheet s ON s.id = sv.sheet_id "
                    "LEFT JOIN provider pv ON pv.id = s.provider "
                    "GROUP BY pv.name COLLATE NOCASE "
                    "ORDER BY pv.name IS NULL, pv.name COLLATE NOCASE";
      return TRUE;
    case SKY_SORT_PRICE:
    case SKY_SORT_NAME:
    case SKY_SORT_TERM:
    case SKY_SORT_PER_VCPU:
    case SKY_SORT_PER_GIB:
    case SKY_SORT_UNIT_PRICE:
    default:
      return FALSE;
    }
}

/* The value a search sorts by, for orders other than the price key's own; fixed text. Names
 * compare without regard to case; prices per vCPU or GiB only for hourly prices. */
static const char *
sort_key (SkySort sort)
{
  switch (sort)
    {
    case SKY_SORT_VCPU:
      return "p.vcpu";
    case SKY_SORT_ARCHITECTURE:
      return "p.arch";
    case SKY_SORT_MEMORY:
      return "p.memory";
    case SKY_SORT_PROVIDER:
      return "(SELECT pv.name FROM sheet s JOIN provider pv ON pv.id = s.provider "
             " WHERE s.id = p.sheet_id) COLLATE NOCASE";
    case SKY_SORT_NAME:
      return "(SELECT name FROM offer WHERE id = " PRICE_OFFER_ID_SQL ") COLLATE NOCASE";
    case SKY_SORT_REGION:
      return "(SELECT text FROM word WHERE id = p.region)";
    case SKY_SORT_SERVICE:
      return "(SELECT sv.name FROM offer o JOIN service sv ON sv.id = o.service_id "
             " WHERE o.id = " PRICE_OFFER_ID_SQL ") COLLATE NOCASE";
    case SKY_SORT_TERM:
      return term_order_sql ();
    case SKY_SORT_PER_VCPU:
      /* An order, not an amount: the quotient never reaches what is shown. */
      return "CASE WHEN p.vcpu > 0 AND p.unit = " G_STRINGIFY (HOUR_CODE) " "
             "THEN CAST (p.amount AS REAL) / p.vcpu END";
    case SKY_SORT_PER_GIB:
      return "CASE WHEN p.memory > 0 AND p.unit = " G_STRINGIFY (HOUR_CODE) " "
             "THEN CAST (p.amount AS REAL) / p.memory END";
    case SKY_SORT_PRICE:
    case SKY_SORT_UNIT_PRICE:
    default:
      return NULL;
    }
}

/* The place of each price's region, service or provider (@sort) in the order of their names,
 * as SQL for the price table as p: "CASE p.region WHEN id THEN place … END", names alike (as
 * sort_key() compares them) in one place. A search that sorts every price of the offers it
 * found compares that, rather than looking up each price's name; NULL for another sort, or when
 * the values are too many (MAX_VALUES) or cannot be read. */
static char *
sort_rank (sqlite3 *db,
           SkySort  sort)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) rank = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *last = NULL;
  const char *column, *index, *names;
  gboolean nocase = sort != SKY_SORT_REGION;
  guint place = 0;
  int rc;

  switch (sort)
    {
    case SKY_SORT_REGION:
      column = "region";
      index = "price_by_region";
      names = "SELECT id, text FROM word WHERE id IN (";
      break;
    case SKY_SORT_SERVICE:
      column = "service_id";
      index = "price_by_service";
      names = "SELECT id, name FROM service WHERE id IN (";
      break;
    case SKY_SORT_PROVIDER:
      /* A price's service is one of its sheet's. */
      column = "service_id";
      index = "price_by_service";
      names = "SELECT sv.id, pv.name FROM service sv JOIN sheet s ON s.id = sv.sheet_id "
              "JOIN provider pv ON pv.id = s.provider WHERE sv.id IN (";
      break;
    default:
      return NULL;
    }
  ids = _sky_catalog_read_values (db, column, index, G_MININT64, MAX_VALUES);
  if (ids == NULL || ids->len == 0)
    return NULL;
  sql = g_string_new (names);
  rank = g_string_new ("CASE p.");
  g_string_append (rank, column);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  g_string_append (sql, nocase ? ") ORDER BY 2 COLLATE NOCASE" : ") ORDER BY 2");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name == NULL)
        return NULL;
      if (last != NULL && (nocase ? sqlite3_stricmp (last, name) : strcmp (last, name)) != 0)
        place++;
      g_free (last);
      last = g_strdup (name);
      g_string_append_printf (rank, " WHEN %" G_GINT64_FORMAT " THEN %u",
                              (gint64) sqlite3_column_int64 (stmt, 0), place);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  g_string_append (rank, " END");
  return g_string_free (g_steal_pointer (&rank), FALSE);
}

/* The places in the vocabulary of the units the catalog's prices are in, in order. */
static GArray *
catalog_units (sqlite3 *db)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) codes = _sky_catalog_read_values (db, "unit", "price_by_unit", -1, 64);
  guint64 present = 0;

  if (codes == NULL)
    return units;
  for (guint i = 0; i < codes->len; i++)
    {
      gint64 code = g_array_index (codes, gint64, i);

      /* A code the vocabulary does not know leaves the order to the whole search. */
      if (code < 0 || code >= 64 ||
          sky_vocabulary_lookup_code (SKY_VOCABULARY_UNIT, (int) code) == NULL)
        {
          g_array_set_size (units, 0);
          return units;
        }
      present |= G_GUINT64_CONSTANT (1) << code;
    }
  for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_UNIT); i++)
    {
      int c = (int) sky_vocabulary_nth (SKY_VOCABULARY_UNIT, i)->code;

      if (c < 64 && (present & (G_GUINT64_CONSTANT (1) << c)) != 0)
        g_array_append_val (units, i);
    }
  return units;
}

/* The prices of one OS by vCPU count (schema 22), each run of one size, unit and bucket in
 * price order: of an OS and at least a vCPU count, where the index of either holds some one in
 * seven prices of both, and those of the large sizes, the dearest, last in each run (at
 * 1,000,000 offers, Windows with at least 64 vCPUs by memory: 110 ms, then 2). */
#define OS_VCPU_FROM_SQL "FROM price p INDEXED BY price_by_os_vcpu "

/* The prices of each vCPU count, unit and bucket, in price order. */
#define VCPU_FROM_SQL "FROM price p INDEXED BY price_by_vcpu "

/* The prices of each OS by memory, as OS_VCPU_FROM_SQL by vCPU count: a search of an OS by the
 * hourly price per GiB reads its OS's runs of each memory size in price order, rather than
 * the size's, whose dearest prices may be another OS's (at 1,000,000 offers, Linux by price
 * per GiB, largest first: 0.5 GiB has 40,880 Linux prices and 10,213 Windows ones, the
 * dearest; of those above the page's last quotient, 91 of 5,947 are Linux). */
#define OS_MEMORY_FROM_SQL "FROM price p INDEXED BY price_by_os_memory "

/* Whether the search keeps one OS and at least a vCPU count: its prices are read through the
 * index of both (OS_VCPU_FROM_SQL). */
static gboolean
keeps_os_vcpu (const SkySearchQuery *query)
{
  return query->os != NULL && query->min_vcpu_milli > 0;
}

/* @query, without its least size of @column ("vcpu" or "memory"; NULL: as it is): for a part
 * that names the sizes it reads (none below the least), through an index that starts with the
 * OS or the size. With both, SQLite walks the index by one and checks the other, and no longer
 * stops a run once the page holds cheaper prices (at 1,000,000 offers, Windows with at least
 * 64 vCPUs by vCPU: 12 ms rather than 1). */
static SkySearchQuery
without_least (const SkySearchQuery *query,
               const char           *column)
{
  SkySearchQuery q = *query;

  if (g_strcmp0 (column, "vcpu") == 0)
    q.min_vcpu_milli = 0;
  else if (g_strcmp0 (column, "memory") == 0)
    q.min_memory_mgib = 0;
  return q;
}

static gboolean has_false_filters (sqlite3              *db,
                                   const SkySearchQuery *query,
                                   GArray               *present);

/* One part of a search read in parts: the prices of the search that also meet @cond
 * (" AND …"), with @k, in the part's @order and no more than a page needs (all of them when
 * @order is NULL); @term, when not NULL, instead of the search's purchase option; @from, when
 * not NULL, instead of the price table (see append_filters()). */
static void
append_part (GString              *sql,
             sqlite3              *db,
             const SkySearchQuery *query,
             TextPlan              text,
             GArray               *present,
             const char           *k,
             const char           *cond,
             const char           *term,
             const char           *order,
             const char           *from)
{
  SkySearchQuery q = *query;

  if (term != NULL)
    q.term = term;
  g_string_append_printf (sql, "SELECT * FROM (SELECT %s, %s AS k ", price_columns (text), k);
  append_filters (sql, db, &q, text, from, present);
  if (order != NULL)
    g_string_append_printf (sql, "%s ORDER BY %s LIMIT :window)", cond, order);
  else
    g_string_append_printf (sql, "%s)", cond);
}

/* The prices of a search by unit price of every unit: those of each unit in @units, in price
 * order, one unit after the other, as parts of a UNION ALL, which SQLite reads in the order
 * written. Each part walks the index of prices by unit, bucket and price and reads no more than a
 * page needs, so that the search stops at its limit as a search by price does, whichever way
 * the prices run; the vocabulary's place of each unit is its "k". */
static void
append_unit_parts (GString              *sql,
                   sqlite3              *db,
                   const SkySearchQuery *query,
                   TextPlan              text,
                   GArray               *present,
                   GArray               *units)
{
  /* Of one OS and at least a vCPU count: see OS_VCPU_FROM_SQL. */
  const char *from = text == TEXT_SERVICES ? SERVICES_FROM_SQL
                     : text == TEXT_NONE && keeps_os_vcpu (query) &&
                       !has_false_filters (db, query, present) ? OS_VCPU_FROM_SQL
                     : NULL;

  for (guint i = 0; i < units->len; i++)
    {
      guint place = g_array_index (units, guint, i);
      guint code = sky_vocabulary_nth (SKY_VOCABULARY_UNIT, place)->code;
      g_autofree char *k = g_strdup_printf ("%u", place);
      g_autofree char *cond = g_strdup_printf (" AND p.unit = %u", code);

      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      append_part (sql, db, query, text, present, k, cond, NULL,
                   query->descending ? "p.amount DESC, p.offer_seq DESC"
                                     : "p.amount, p.offer_seq",
                   from);
    }
}

/* " AND p.unit IN (…)": the units the catalog's prices are in, unless the search names one,
 * so that an index of prices by a column, then unit, then bucket reads each bucket in price
 * order. */
static char *
units_condition (const SkySearchQuery *query,
                 GArray               *units)
{
  GString *cond = g_string_new (NULL);

  if (names_one (query->unit) || units->len == 0)
    return g_string_free (cond, FALSE);
  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (cond, "%s%u", i == 0 ? " AND p.unit IN (" : ", ",
                            sky_vocabulary_nth (SKY_VOCABULARY_UNIT,
                                                g_array_index (units, guint, i))->code);
  g_string_append_c (cond, ')');
  return g_string_free (cond, FALSE);
}

/* Whether the search asks for at least a number of vCPUs or an amount of memory. */
static gboolean
has_least_size (const SkySearchQuery *query)
{
  return query->min_vcpu_milli > 0 || query->min_memory_mgib > 0;
}

/* Whether the search keeps one value of a column that an index of prices starts with, then
 * the unit and bucket (the operating system, region or architecture): SQLite may walk that
 * index, whose entries of the value are in price order within each unit and bucket, and reads
 * them so, each run stopped once the page holds cheaper prices, only when the search names
 * the units too (units_condition()); otherwise it reads and sorts every price of the value
 * (Windows by price at a million offers: 160 ms, then under 1 ms). */
static gboolean
keeps_indexed_value (const SkySearchQuery *query)
{
  return query->os != NULL || query->region != NULL || names_one (query->architecture);
}

/* Whether a search by name without a text keeps no category, unit, OS, least size, region or
 * architecture (of every offer, a provider's, a purchase option's or a geography's): its first
 * name's prices are read through the runs of the name's vCPU counts first (name_runs_keys()),
 * which the index of prices by vCPU count holds with every other condition of such a search. */
static gboolean
vcpu_name_only (const SkySearchQuery *query)
{
  return !search_parts_disabled && !has_least_size (query) && !keeps_indexed_value (query) &&
         query->category == NULL && !names_one (query->unit);
}

/* Whether the search keeps a region and no OS or architecture: by a size, smallest first, each
 * size's part is read through the index of prices by the size, in the buckets of the region's
 * geography, rather than through the region's, whose runs of every size SQLite reads past
 * the page's prices until they are dearer than those it holds, each price's row for its size
 * (at 3,000,000 offers, eu-central-1 by vCPU: the part of 1 vCPU, whose first prices are free
 * ones of the free tier's bucket, read some 40,000 of the region's prices; through the size's
 * index, 2,000). A region holds a few hundredths of the prices, an OS a half. */
static gboolean
keeps_region_only (const SkySearchQuery *query)
{
  return query->region != NULL && query->os == NULL && !names_one (query->architecture);
}

/* " AND …": the rows of price_meet of the search's OS (word @os) and least sizes. */
static void
append_meet_conditions (GString              *sql,
                        const SkySearchQuery *query,
                        gint64                os)
{
  if (query->os != NULL)
    g_string_append_printf (sql, " AND os = %" G_GINT64_FORMAT, os);
  if (query->min_vcpu_milli > 0)
    g_string_append_printf (sql, " AND vcpu >= %" G_GINT64_FORMAT, query->min_vcpu_milli);
  if (query->min_memory_mgib > 0)
    g_string_append_printf (sql, " AND memory >= %" G_GINT64_FORMAT, query->min_memory_mgib);
}

/* The values of @column ("vcpu", "memory" or "service_id") that the prices of the search's OS
 * and least sizes hold, in order, as the catalog records which values its prices hold together
 * (price_meet, see sky-catalog-values.c); @with_null says whether such a price has none. NULL
 * when the search keeps no OS or least size, or the record cannot be read: any value may then
 * be one of the search's. */
static GArray *
meeting_values (sqlite3              *db,
                const SkySearchQuery *query,
                const char           *column,
                gboolean             *with_null)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = NULL;
  gint64 os = -1;
  int rc;

  *with_null = TRUE;
  if (search_parts_disabled || (query->os == NULL && !has_least_size (query)))
    return NULL;
  if (query->os != NULL && (os = word_id (db, query->os)) < 0)
    return NULL;
  sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT DISTINCT %s FROM price_meet WHERE 1", column);
  append_meet_conditions (sql, query, os);
  g_string_append (sql, " ORDER BY 1");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  values = g_array_new (FALSE, FALSE, sizeof (gint64));
  *with_null = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        *with_null = TRUE;
      else
        g_array_append_val (values, value);
    }
  if (rc != SQLITE_DONE)
    {
      *with_null = TRUE;
      return NULL;
    }
  return g_steal_pointer (&values);
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Keeps of @values, in their order, only those @listed (in ascending order) holds. */
static void
keep_listed_values (GArray *values,
                    GArray *listed)
{
  guint kept = 0;

  for (guint i = 0; i < values->len; i++)
    if (bsearch (&g_array_index (values, gint64, i), listed->data, listed->len, sizeof (gint64),
                 compare_gint64) != NULL)
      g_array_index (values, gint64, kept++) = g_array_index (values, gint64, i);
  g_array_set_size (values, kept);
}

/* Keeps of @values (of @column, "vcpu", "memory" or "service_id") only those that prices of
 * the search's OS and least sizes hold (meeting_values()): a part of another would be read
 * whole for none. Sets @with_null, whether a price of the search may lack a value of
 * @column; FALSE when it cannot tell which values are held, and keeps them all. */
static gboolean
keep_meeting_values (sqlite3              *db,
                     const SkySearchQuery *query,
                     const char           *column,
                     GArray               *values,
                     gboolean             *with_null)
{
  g_autoptr(GArray) meeting = meeting_values (db, query, column, with_null);

  if (meeting == NULL)
    return FALSE;
  keep_listed_values (values, meeting);
  return TRUE;
}

/* " AND p.@size IN (…)": the sizes of @size ("vcpu" or "memory") that the prices of the
 * search's OS and least sizes hold beside @column's values @values ("v, v, …"), as the
 * catalog's record of the values its offers hold together says (price_meet): a part read
 * through an index that starts with the OS or the size then reads the runs of those sizes
 * only, rather than those of every size the search keeps, each read whole for none of the
 * part's prices. "" when it cannot tell. */
static char *
meeting_sizes (sqlite3              *db,
               const SkySearchQuery *query,
               const char           *size,
               const char           *column,
               const char           *values)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) cond = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 os = -1;
  int rc;

  if (query->os != NULL && (os = word_id (db, query->os)) < 0)
    return g_strdup ("");
  g_string_printf (sql, "SELECT DISTINCT %s FROM price_meet WHERE %s IN (%s) "
                        "AND %s IS NOT NULL", size, column, values, size);
  append_meet_conditions (sql, query, os);
  g_string_append (sql, " ORDER BY 1");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup ("");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (cond->len == 0)
        g_string_append_printf (cond, " AND p.%s IN (", size);
      else
        g_string_append (cond, ", ");
      g_string_append_printf (cond, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
    }
  if (rc != SQLITE_DONE || cond->len == 0)
    return g_strdup ("");
  g_string_append_c (cond, ')');
  return g_string_free (g_steal_pointer (&cond), FALSE);
}

/* The offers the catalog's record of the values they hold together counts of each value of
 * @column ("vcpu" or "memory"), as a table of its values to their counts (gint64 in
 * pointers); NULL when it cannot be read. */
static GHashTable *
meet_counts (sqlite3    *db,
             const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s, sum (offers) FROM price_meet "
                                          "WHERE %s IS NOT NULL GROUP BY 1", column, column);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *value = g_new (gint64, 1);

      *value = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, value, GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&counts) : NULL;
}

/* Of each of @values, sizes of @column ("vcpu" or "memory"), the condition " AND p.@cross IN
 * (…)" on the other size, @cross: the sizes of it that the prices of the search's least size
 * of it hold beside the value (as the record of the values held together says), when fewer
 * offers have those than have the value, so that the value's part is read through the index
 * of @cross, whose runs of those sizes hold the value's prices among those of fewer others;
 * or when the value's offers of those sizes are at most one in CROSS_PART_SHARE of its own:
 * the largest of @cross, and so the dearest in each run of the value's index, and the
 * smallest of the value in the runs of @cross (at 1,000,000 offers, at least 16 GiB by vCPU,
 * the 7,200 offers of 1 vCPU and 16 GiB, of the 91,000 of 1 vCPU and the 97,000 of 16 GiB, the
 * cheapest of those of 16 GiB: 64 ms through the index of vCPU counts, 2 through that of
 * memory). Else "". Two statements, and a third stepped for each value. NULL when the record
 * cannot be read. */
#define CROSS_PART_SHARE 3

static GPtrArray *
cross_sizes (sqlite3              *db,
             const SkySearchQuery *query,
             const char           *cross,
             const char           *column,
             GArray               *values)
{
  g_autoptr(GPtrArray) conds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) own = meet_counts (db, column);
  g_autoptr(GHashTable) other = meet_counts (db, cross);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  if (own == NULL || other == NULL)
    return NULL;
  g_string_printf (sql, "SELECT %s, sum (offers) FROM price_meet WHERE %s = ?1 "
                        "AND %s IS NOT NULL", cross, column, cross);
  append_meet_conditions (sql, query, -1);
  g_string_append (sql, " GROUP BY 1 ORDER BY 1");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  for (guint i = 0; i < values->len; i++)
    {
      gint64 value = g_array_index (values, gint64, i);
      g_autoptr(GString) cond = g_string_new (NULL);
      gint64 other_offers = 0;
      gint64 part_offers = 0;
      gint64 own_offers;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, value);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 size = sqlite3_column_int64 (stmt, 0);

          g_string_append_printf (cond, "%s%" G_GINT64_FORMAT,
                                  cond->len == 0 ? "" : ", ", size);
          other_offers += GPOINTER_TO_SIZE (g_hash_table_lookup (other, &size));
          part_offers += sqlite3_column_int64 (stmt, 1);
        }
      if (rc != SQLITE_DONE)
        return NULL;
      own_offers = GPOINTER_TO_SIZE (g_hash_table_lookup (own, &value));
      if (cond->len > 0 &&
          (other_offers < own_offers || part_offers * CROSS_PART_SHARE <= own_offers))
        g_ptr_array_add (conds, g_strdup_printf (" AND p.%s IN (%s)", cross, cond->str));
      else
        g_ptr_array_add (conds, g_strdup (""));
    }
  return g_steal_pointer (&conds);
}

/* Whether the part's condition @cond names sizes of @size (" AND p.@size IN (…)"). */
static gboolean
names_size (const char *cond,
            const char *size)
{
  g_autofree char *named = g_strdup_printf (" AND p.%s IN (", size);

  return strstr (cond, named) != NULL;
}

/* How many offers the catalog's record of the values they hold together (price_meet) counts,
 * whose prices an index holds: of @services ("id, id, …"), or else of the OS the search
 * keeps (and its least vCPU count, if any: see keeps_os_vcpu()), or else of its least vCPU
 * count, or else memory (the index through which least_size_from() reads); -1 when it cannot
 * be read. */
static gint64
meet_offers (sqlite3              *db,
             const SkySearchQuery *query,
             const char           *services)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 os;

  if (services != NULL)
    sql = g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE service_id IN (%s)",
                           services);
  else if (query->os != NULL && (os = word_id (db, query->os)) >= 0)
    sql = keeps_os_vcpu (query)
          ? g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE os = %" G_GINT64_FORMAT
                             " AND vcpu >= %" G_GINT64_FORMAT, os, query->min_vcpu_milli)
          : g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE os = %" G_GINT64_FORMAT,
                             os);
  else if (query->min_vcpu_milli > 0)
    sql = g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE vcpu >= %"
                           G_GINT64_FORMAT, query->min_vcpu_milli);
  else if (query->min_memory_mgib > 0)
    sql = g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE memory >= %"
                           G_GINT64_FORMAT, query->min_memory_mgib);
  else
    return -1;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean holds_bucket (GArray *buckets,
                              gint64  bucket);

/* Of a search of a least size and no OS, by service: " AND p.@size IN (…)", the sizes of
 * @size ("vcpu" or "memory") the services @services ("id, id, …") hold of those asked for,
 * when fewer offers of the services of their categories have those sizes than the services
 * have in all (as the record of the values held together counts them), so that the part of
 * @services is read through the index of prices by @size, naming those sizes and the buckets
 * the services have prices in only (services_part_buckets()), whose runs hold their prices
 * among those of the fewer, rather than through the index of prices by service, whose runs
 * hold their smaller sizes, the cheapest, first (at 1,000,000 offers, at least 16 GiB by
 * service, largest first, read the prices of the 200,000 virtual machines of less: 131 ms).
 * "" otherwise, or when the record cannot be read. */
static char *
service_sizes (sqlite3              *db,
               const SkySearchQuery *query,
               const char           *size,
               const char           *services)
{
  g_autofree char *sizes = meeting_sizes (db, query, size, "service_id", services);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 all = meet_offers (db, NULL, services);

  if (*sizes == '\0' || all < 0)
    return g_strdup ("");
  /* " AND p.": the condition itself ("vcpu IN (…)") follows. */
  sql = g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE %s AND service_id IN "
                         "(SELECT id FROM service WHERE category IN "
                         "(SELECT category FROM service WHERE id IN (%s)))",
                         sizes + strlen (" AND p."), services);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) >= all)
    return g_strdup ("");
  return g_steal_pointer (&sizes);
}

/* Of the buckets @present, those in which the services @services ("id, id, …") have prices
 * of the units @units (places in the vocabulary): a look-up of each service, unit and bucket
 * they have, and one more, in the index of prices by service. NULL when they cannot be read:
 * every bucket, then. */
static GArray *
services_part_buckets (sqlite3    *db,
                       GArray     *present,
                       GArray     *units,
                       const char *services)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ordered = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) ids = g_strsplit (services, ", ", -1);

  if (present == NULL || units == NULL ||
      sqlite3_prepare_v2 (db, "SELECT min (bucket) FROM price INDEXED BY price_by_service "
                              "WHERE service_id = ?1 AND unit = ?2 AND bucket > ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    for (guint u = 0; u < units->len; u++)
      {
        gint64 bucket = G_MININT64;

        for (;;)
          {
            sqlite3_reset (stmt);
            sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (ids[i], NULL, 10));
            sqlite3_bind_int64 (stmt, 2, sky_vocabulary_nth (SKY_VOCABULARY_UNIT,
                                                             g_array_index (units, guint, u))
                                                             ->code);
            sqlite3_bind_int64 (stmt, 3, bucket);
            if (sqlite3_step (stmt) != SQLITE_ROW)
              return NULL;
            if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER)
              break;
            bucket = sqlite3_column_int64 (stmt, 0);
            if (holds_bucket (present, bucket) && !holds_bucket (held, bucket))
              g_array_append_val (held, bucket);
          }
      }
  /* In the order of @present. */
  for (guint b = 0; b < present->len; b++)
    if (holds_bucket (held, g_array_index (present, gint64, b)))
      g_array_append_val (ordered, g_array_index (present, gint64, b));
  return g_steal_pointer (&ordered);
}

/* A search by name without a text walks the offers in the order of their names (the index
 * offer_by_name) to their prices, passing every offer of the names before its first: of a
 * category, unit or size whose offers' names come late (storage at 1,000,000 offers: 300,000
 * offers, 0.8 s). The least name (largest first, the greatest) of the offers whose prices
 * the search may list, as the catalog's record of the values the offers hold together
 * (price_meet) says: of the services with a price in the search's buckets and unit (a look-up
 * each), and the search's OS and least sizes; of every offer when the search names none of
 * those but its first name's prices are read through the runs of its vCPU counts
 * (vcpu_name_only()). NULL when the search names none of those otherwise, or the record cannot
 * be read: the walk starts at the first name. */
static char *
first_name_of (sqlite3              *db,
               const SkySearchQuery *query,
               GArray               *present)
{
  g_autoptr(GString) held = g_string_new (NULL);
  g_autoptr(GString) services = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) ids = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean in_buckets = query->term != NULL || query->geography != NULL ||
                        query->region != NULL || query->category != NULL ||
                        names_one (query->unit);
  gint64 os = -1;
  int rc = SQLITE_DONE;

  if (search_parts_disabled ||
      (!in_buckets && query->os == NULL && !has_least_size (query) && !vcpu_name_only (query)))
    return NULL;
  if (query->os != NULL && (os = word_id (db, query->os)) < 0)
    return NULL;
  /* The services with a price the search's buckets and unit keep. */
  g_string_append (held, "SELECT 1 FROM price p INDEXED BY price_by_service "
                         "WHERE p.service_id = ?1");
  append_query_buckets (held, db, query, present);
  /* Each unit named, so that the index finds each bucket's run at once. */
  if (names_one (query->unit))
    g_string_append_printf (held, " AND p.unit = %d",
                            sky_vocabulary_code (SKY_VOCABULARY_UNIT, query->unit));
  else
    {
      g_autoptr(GArray) units = _sky_catalog_read_values (db, "unit", "price_by_unit",
                                                          G_MININT64, MAX_VALUES);

      if (units == NULL)
        return NULL;
      for (guint i = 0; i < units->len; i++)
        g_string_append_printf (held, "%s%" G_GINT64_FORMAT, i == 0 ? " AND p.unit IN (" : ", ",
                                g_array_index (units, gint64, i));
      g_string_append (held, units->len > 0 ? ")" : " AND 0");
    }
  g_string_append (held, " LIMIT 1");
  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT service_id FROM price_meet "
                              "WHERE service_id IS NOT NULL", -1, &ids, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, held->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  /* Without a bucket or unit, every service. */
  while (in_buckets && (rc = sqlite3_step (ids)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (ids, 0);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_string_append_printf (services, "%s%" G_GINT64_FORMAT, services->len > 0 ? ", " : "",
                                id);
      else if (rc != SQLITE_DONE)
        return NULL;
    }
  if (in_buckets && rc != SQLITE_DONE)
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_string_printf (held, "SELECT %s FROM price_meet WHERE 1",
                   query->descending ? "max (greatest_name COLLATE NOCASE)"
                                     : "min (least_name COLLATE NOCASE)");
  if (in_buckets)
    g_string_append_printf (held, " AND service_id IN (%s)", services->str);
  append_meet_conditions (held, query, os);
  if (sqlite3_prepare_v2 (db, held->str, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_TEXT)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The offers of a search by name, from @first (or of that name alone, @first_only), with
 * their prices in the index of prices by offer. Of a region: its offers alone, through the
 * index of offers by region and name, each checked against the search's OS in that index (a
 * price has its offer's region and OS), rather than every offer of each name, in every
 * region, each with the run of its prices (at 1,000,000 offers, Windows in eu-central-1,
 * 4,213 offers, by name: some 240 offers passed for each listed, 24-61 ms rather than 2.6). */
static char *
name_walk_from (sqlite3              *db,
                const SkySearchQuery *query,
                const char           *first,
                gboolean              first_only)
{
  g_autoptr(GString) from = g_string_new ("FROM offer_row n ");
  char *quoted = sqlite3_mprintf ("%Q", first);

  if (query->region != NULL)
    g_string_append (from, "INDEXED BY offer_by_region_name ");
  g_string_append_printf (from, "CROSS JOIN price p INDEXED BY price_by_offer "
                                "  ON n.name COLLATE NOCASE %s %s ",
                          first_only ? "=" : query->descending ? "<=" : ">=", quoted);
  sqlite3_free (quoted);
  if (query->region != NULL)
    {
      gint64 region = word_id (db, query->region);
      gint64 os = query->os != NULL ? word_id (db, query->os) : 0;

      if (region < 0 || os < 0)
        g_string_append (from, "AND 0 ");
      else
        g_string_append_printf (from, "AND n.region = %" G_GINT64_FORMAT " ", region);
      if (query->os != NULL && os >= 0)
        g_string_append_printf (from, "AND n.os = %" G_GINT64_FORMAT " ", os);
    }
  g_string_append (from, "  AND p.offer_seq BETWEEN n.id * 1024 AND n.id * 1024 + 1023 ");
  return g_string_free (g_steal_pointer (&from), FALSE);
}

/* @ids (gint64) as text: "id, id, …". */
static char *
id_list (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

/* A search by name without a text, of a least size, whose page often holds the first name's
 * prices alone: its walk of the names reads every price of that name's offers, each offer in
 * turn, to sort them by price (at 1,000,000 offers some 1,800 offers a name). The first
 * name's prices in price order through the index of one of its sizes instead (of the OS and
 * vCPU count, with an OS: OS_VCPU_FROM_SQL) and each unit, so that each run of a size, unit
 * and bucket stops once the page holds cheaper prices, each price checked for its other size
 * on its row and for its offer's name. The record of values held together (price_meet) gives
 * the services and sizes of its rows whose range of names holds @first with the search's OS
 * and sizes; only those sizes are named, and only the buckets those services have prices in
 * (a run in another's bucket holds none of the name's prices, and would be read whole). The
 * index is the size's whose offers the record counts fewer of, and only when those rows (of
 * every OS, as the walk of the name reads them) hold at least half as many: else the runs
 * hold many prices of other names between the name's (at least 16 GiB, c5.128 through the
 * runs of 128 vCPUs, four families interleaved: 22 ms rather than 10 by the walk of the
 * name; Windows, at 3,000,000 offers, 19-20 ms rather than 33-35). The inner query, without its order; NULL when the
 * search keeps no least size, or the record cannot be read, names no such row, or holds too
 * few of the offers: the walk of the one name then (search_page()), and of every name from it
 * when neither fills the page. */
static char *
first_name_part (sqlite3              *db,
                 const SkySearchQuery *query,
                 GArray               *present,
                 const char           *first)
{
  static const char *const sizes[] = { "vcpu", "memory" };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) services = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) vcpus = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) memories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) units = NULL;
  g_autoptr(GArray) buckets = NULL;
  g_autofree char *in_units = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *service_list = NULL;
  g_autofree char *by_list = NULL;
  g_autofree char *other_list = NULL;
  GArray *held[2] = { vcpus, memories };
  gboolean with_null[2] = { FALSE, FALSE };
  gint64 size_offers[2];
  gint64 name_offers = 0;
  SkySearchQuery q;
  gint64 os = -1;
  guint by;
  char *text;
  int rc;

  if (search_parts_disabled || present == NULL || !has_least_size (query))
    return NULL;
  if (query->os != NULL && (os = word_id (db, query->os)) < 0)
    return NULL;
  text = sqlite3_mprintf ("%Q", first);
  quoted = g_strdup (text);
  sqlite3_free (text);
  g_string_printf (sql, "SELECT service_id, vcpu, memory, offers FROM price_meet "
                        "WHERE least_name <= %s COLLATE NOCASE "
                        "AND greatest_name >= %s COLLATE NOCASE", quoted, quoted);
  append_meet_conditions (sql, query, os);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        return NULL;
      if (!holds_bucket (services, service))
        g_array_append_val (services, service);
      for (guint i = 0; i < 2; i++)
        {
          gint64 size = sqlite3_column_int64 (stmt, 1 + i);

          if (sqlite3_column_type (stmt, 1 + i) == SQLITE_NULL)
            with_null[i] = TRUE;
          else if (!holds_bucket (held[i], size))
            g_array_append_val (held[i], size);
        }
      name_offers += sqlite3_column_int64 (stmt, 3);
    }
  if (rc != SQLITE_DONE || services->len == 0 || (with_null[0] && with_null[1]))
    return NULL;
  /* The offers of the index's runs of the name's sizes, of each size. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *values = id_list (held[i]);

      size_offers[i] = G_MAXINT64;
      if (with_null[i])
        continue;
      g_clear_pointer (&stmt, sqlite3_finalize);
      /* The index of vCPU counts of an OS holds that OS's prices only. */
      g_string_printf (sql, "SELECT sum (offers) FROM price_meet WHERE %s IN (%s)",
                       sizes[i], values);
      if (query->os != NULL && i == 0)
        g_string_append_printf (sql, " AND os = %" G_GINT64_FORMAT, os);
      if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        return NULL;
      size_offers[i] = sqlite3_column_int64 (stmt, 0);
    }
  by = size_offers[1] < size_offers[0] ? 1 : 0;
  /* Of an OS, the walk of the one name reads its offers of every OS, and each price's row for
   * its OS. */
  if (query->os != NULL)
    {
      SkySearchQuery every_os = *query;

      every_os.os = NULL;
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_string_printf (sql, "SELECT sum (offers) FROM price_meet "
                            "WHERE least_name <= %s COLLATE NOCASE "
                            "AND greatest_name >= %s COLLATE NOCASE", quoted, quoted);
      append_meet_conditions (sql, &every_os, -1);
      if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        return NULL;
      name_offers = sqlite3_column_int64 (stmt, 0);
    }
  /* Fewer than half of the runs' offers of the rows that hold the name (of every OS): many
   * prices of other names before each of its own, while the walk of the one name reads its
   * offers only. */
  if (name_offers * 2 < size_offers[by])
    return NULL;
  service_list = id_list (services);
  by_list = id_list (held[by]);
  other_list = id_list (held[1 - by]);
  units = catalog_units (db);
  buckets = services_part_buckets (db, present, units, service_list);
  if (buckets == NULL)
    return NULL;
  /* The sizes named, not the least beside them: see without_least(). */
  q = without_least (query, sizes[by]);
  in_units = units_condition (query, units);
  g_string_assign (sql, "SELECT p.bucket, p.amount, p.offer_seq ");
  append_filters (sql, db, &q, TEXT_NONE,
                  by == 1 ? "FROM price p INDEXED BY price_by_memory "
                  : query->os != NULL ? OS_VCPU_FROM_SQL
                  : "FROM price p INDEXED BY price_by_vcpu ",
                  buckets);
  g_string_append_printf (sql, " AND p.%s IN (%s)%s AND p.service_id IN (%s)", sizes[by],
                          by_list, in_units, service_list);
  /* The other size, on the price's row, before the offer's. */
  if (!with_null[1 - by])
    g_string_append_printf (sql, " AND +p.%s IN (%s)", sizes[1 - by], other_list);
  g_string_append_printf (sql, " AND (SELECT n.name FROM offer_row n WHERE n.id = "
                               PRICE_OFFER_ID_SQL ") = %s COLLATE NOCASE", quoted);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Whether a search by name without a text, of a category or unit and no least size, OS, region
 * or architecture, first reads the first name's prices alone, by the walk of that name in
 * price order (rather than sorted by name, then price), and walks every name from it only
 * when they do not fill the page. The first name of a storage category or unit holds many
 * offers (ssd-standard at 1,000,000 offers: 23,000), every price of which the walk reads. */
static gboolean
first_name_only (const SkySearchQuery *query)
{
  return !search_parts_disabled && !has_least_size (query) && !keeps_indexed_value (query) &&
         (query->category != NULL || names_one (query->unit));
}

/* By name, of a category or unit alone, the first name's prices are read through the runs of
 * its services (name_runs_keys()), up to this many prices per offer of the name; past them the
 * walk of the name, which reads each offer's prices by a look-up, costs less. */
#define NAME_RUNS_PER_OFFER 4

/* Nor when the name's offers are fewer than this share of its services' (c5.1 at 3,000,000
 * offers, 5,400 of the virtual machines' 1,860,000): its first prices lie past many more of the
 * other names' in each run, unless it holds the cheapest, and the runs would give way after
 * their budget. */
#define NAME_RUNS_SHARE 16

/* Of an OS alone, the runs of that OS and the name's vCPU counts, up to this many prices per
 * offer of the name, and of a name of at least this share of the offers of those: the walk
 * from the name reads every offer of it, of every OS, and each price's row for its OS (some
 * 6 µs an offer, ten times the walk of a category's name, sixty times a price of the runs). */
#define NAME_OS_RUNS_PER_OFFER 48
#define NAME_OS_RUNS_SHARE 64

static gint64 name_runs_per_offer = -1;

/* For tests: how many prices per offer of the first name name_runs_keys() reads at most (0:
 * none, the walk of the name); -1 for the defaults. */
void
_sky_catalog_set_name_runs (gint64 prices_per_offer)
{
  name_runs_per_offer = prices_per_offer;
}

static gint64 offers_at_most (sqlite3 *db);

/* Whether a search by name without a text keeps an OS and no least size, region or
 * architecture: its first name's prices are read through the runs of the OS and the name's
 * vCPU counts first (name_runs_keys()). */
static gboolean
os_name_only (const SkySearchQuery *query)
{
  return !search_parts_disabled && query->os != NULL && query->region == NULL &&
         !names_one (query->architecture) && !has_least_size (query);
}

/* A search by name of a category or unit alone (first_name_only()) whose page the first name's
 * prices fill: the walk of that name reads every price of its offers, a look-up of the index of
 * prices by offer each, to sort them (storage's greatest name, ssd-standard, 70,000 offers at
 * 3,000,000). Its prices in price order through the index of prices by service instead, in
 * the runs of its services (as the table of names gives them), of each unit and bucket the
 * search keeps, each run stopped once the page holds cheaper prices, and each price checked
 * against the set of the name's offers (a bit each, set from the names' index) rather than on
 * its offer's row: the name's prices lie among the other names' of its services, past the
 * cheaper ones, each of which costs that check alone. Up to NAME_RUNS_PER_OFFER prices per
 * offer of the name are read so (sky_found_within()): a name whose prices are the dearest of
 * large runs gives way to the walk of the name. Of an OS alone (os_name_only()), the runs of
 * that OS and the name's vCPU counts (OS_VCPU_FROM_SQL) in the same way, when the name's
 * offers all have one (NAME_OS_RUNS_PER_OFFER); of none of these (vcpu_name_only()), the runs
 * of the name's vCPU counts of every OS (VCPU_FROM_SQL), alike. The keys (bucket, amount and offer_seq) of the
 * page's prices, in its order, fewer than a page when the name's prices do not fill it; NULL
 * when the runs give way, or the catalog cannot be read. */
static GArray *
name_runs_keys (sqlite3              *db,
                const SkySearchQuery *query,
                GArray               *present,
                const char           *first)
{
  g_autoptr(FoundSet) set = g_new0 (FoundSet, 1);
  g_autoptr(GString) sql = g_string_new ("SELECT p.bucket, p.amount, p.offer_seq ");
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) units = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *in_units = NULL;
  g_autofree char *check = NULL;
  g_autofree char *like = NULL;
  g_autofree char *sql_runs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) vcpus = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *service_list = NULL;
  g_autofree char *vcpu_list = NULL;
  gboolean of_os = query->os != NULL;
  gboolean of_vcpu = of_os || vcpu_name_only (query);
  gint64 per_offer;
  g_autoptr(GArray) current = NULL;
  gboolean all_current = TRUE;
  gboolean without_vcpu = FALSE;
  gint64 name_offers = 0;
  gint64 run_offers = 0;
  gint64 os = -1;
  guint64 name_units = 0;
  int rc;

  if (name_runs_per_offer == 0 || (of_os && (os = word_id (db, query->os)) < 0))
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT service_id, vcpu, offers, units FROM offer_name "
                              "WHERE name = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (stmt, 1, first);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (stmt, 0);
      gint64 vcpu = sqlite3_column_int64 (stmt, 1);

      name_units |= (guint64) sqlite3_column_int64 (stmt, 3);

      if (!holds_bucket (ids, service))
        g_array_append_val (ids, service);
      if (vcpu < 0)
        without_vcpu = TRUE;
      else if (!holds_bucket (vcpus, vcpu))
        g_array_append_val (vcpus, vcpu);
      name_offers += sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE || ids->len == 0 || (of_vcpu && without_vcpu))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Whether the name's services are all current (of the search's provider): no check of a
   * price's service then, which the index of an OS does not hold (its row read for each). */
  current = current_service_ids (db, query->provider);
  if (current == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (!holds_bucket (current, g_array_index (ids, gint64, i)))
      all_current = FALSE;
  if (of_vcpu && !all_current)
    return NULL;
  /* Of a category or unit, a name whose offers all have a vCPU count: the runs of those counts,
   * which hold the category (in the buckets) and the unit, rather than those of its services,
   * whose other names' prices are many more (c5.1, 5,400 of the virtual machines' 1,860,000
   * offers at 3,000,000: the walk of the name before). */
  if (!of_vcpu && !without_vcpu && all_current)
    of_vcpu = TRUE;
  per_offer = name_runs_per_offer >= 0 ? name_runs_per_offer
              : of_vcpu ? NAME_OS_RUNS_PER_OFFER : NAME_RUNS_PER_OFFER;
  service_list = id_list (ids);
  vcpu_list = id_list (vcpus);
  /* Few of the runs' offers (the record of values held together counts them): see
   * NAME_RUNS_SHARE. */
  sql_runs = of_os ? g_strdup_printf ("SELECT sum (offers) FROM price_meet WHERE os = %"
                                      G_GINT64_FORMAT " AND vcpu IN (%s)", os, vcpu_list)
           : of_vcpu ? g_strdup_printf ("SELECT sum (offers) FROM price_meet "
                                        "WHERE vcpu IN (%s)", vcpu_list)
                   : g_strdup_printf ("SELECT sum (offers) FROM price_meet "
                                      "WHERE service_id IN (%s)", service_list);
  if (!_sky_catalog_query_int (db, sql_runs, &run_offers, NULL) ||
      name_offers * (of_vcpu ? NAME_OS_RUNS_SHARE : NAME_RUNS_SHARE) < run_offers)
    return NULL;
  set->n_bits = offers_at_most (db) + 1;
  set->bits = g_new0 (guint64, set->n_bits / 64 + 1);
  if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM offer_row "
                              "WHERE name = ?1 COLLATE NOCASE AND sky_found_add (?2, id)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (stmt, 1, first);
  sqlite3_bind_pointer (stmt, 2, set, FOUND_SET_TYPE, NULL);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  set->budget = (gint64) set->count * per_offer;
  /* Each unit named, so that each run of a service, unit and bucket is read in price order:
   * those of the name's prices alone, as the table of names records them (schema 27: none of
   * ssd-standard's offers has a price of the IOPS its service's provisioned disks are priced
   * by, whose runs held 190,000 prices at 3,000,000 offers). */
  units = catalog_units (db);
  for (guint i = units->len; i > 0; i--)
    {
      gint64 code = sky_vocabulary_nth (SKY_VOCABULARY_UNIT, g_array_index (units, guint,
                                                                           i - 1))->code;

      if ((name_units & SKY_UNIT_BIT (code)) == 0)
        g_array_remove_index (units, i - 1);
    }
  if (!names_one (query->unit) && units->len == 0)
    return NULL;
  in_units = units_condition (query, units);
  /* The name's offers checked before the price's service (a look-up in the search's list). */
  if (of_vcpu)
    check = g_strdup_printf (" AND p.vcpu IN (%s)%s AND sky_found_within (:found, "
                             PRICE_OFFER_ID_SQL ")", vcpu_list, in_units);
  else
    check = g_strdup_printf ("%s AND p.service_id IN (%s) AND sky_found_within (:found, "
                             PRICE_OFFER_ID_SQL ")", in_units, service_list);
  append_filters_checked (sql, db, query, TEXT_NONE,
                          of_os ? OS_VCPU_FROM_SQL : of_vcpu ? VCPU_FROM_SQL : SERVICES_FROM_SQL,
                          present, check, all_current);
  g_string_append (sql, " ORDER BY p.amount, p.offer_seq LIMIT :limit OFFSET :offset");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  like = bind_filters (stmt, query, TEXT_NONE, NULL, NULL);
  sqlite3_bind_pointer (stmt, sqlite3_bind_parameter_index (stmt, ":found"), set,
                        FOUND_SET_TYPE, NULL);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), query->limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), query->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      {
        gint64 value = sqlite3_column_int64 (stmt, c);

        g_array_append_val (keys, value);
      }
  return rc == SQLITE_DONE ? g_steal_pointer (&keys) : NULL;
}

/* A search by name of a least size, of no category, unit, region or architecture, whose first
 * name's offers all have at least those sizes (the table of names gives their sizes, which
 * their prices have): the sizes keep every price of the name, and its page is the name's
 * prices as a search of none would read them, through the runs of the name's vCPU counts (of
 * its OS, if any: name_runs_keys()), rather than by the walk of the name, which reads each of
 * its offers' prices by a look-up of the index of prices by offer (c5.128 at 3,000,000 offers:
 * some 5,400 offers, most on a page of that index of their own). The keys of the page's
 * prices as name_runs_keys() gives them; NULL when the search is not such a one, an offer of
 * the name is smaller, or the runs give way. */
static GArray *
least_name_runs_keys (sqlite3              *db,
                      const SkySearchQuery *query,
                      GArray               *present,
                      const char           *first)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SkySearchQuery every_size = *query;
  gint64 smaller;

  every_size.min_vcpu_milli = 0;
  every_size.min_memory_mgib = 0;
  if (!has_least_size (query) ||
      !(vcpu_name_only (&every_size) || os_name_only (&every_size)))
    return NULL;
  /* A size of -1 is none, smaller than any least. */
  if (sqlite3_prepare_v2 (db, "SELECT count (*), total (vcpu < ?2 OR memory < ?3) "
                              "FROM offer_name WHERE name = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, query->min_vcpu_milli);
  sqlite3_bind_int64 (stmt, 3, query->min_memory_mgib);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) == 0)
    return NULL;
  smaller = sqlite3_column_int64 (stmt, 1);
  if (smaller != 0)
    return NULL;
  return name_runs_keys (db, &every_size, present, first);
}

/* The groups of @ids that share a value, as text "id, id, …", in the value's order; a group of
 * the ids without one last, which sets @without_value. @sql maps the ids of the table v(id) to
 * their value, and orders them; its second column says whether a group has none. */
static GPtrArray *
id_groups (sqlite3    *db,
           const char *sql,
           GArray     *ids,
           gboolean   *without_value)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new ("WITH v (id) AS (VALUES ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (ids->len == 0)
    return g_steal_pointer (&groups);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s(%" G_GINT64_FORMAT ")", i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  g_string_append_printf (text, ") %s", sql);
  if (sqlite3_prepare_v2 (db, text->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (groups, _sky_catalog_column_dup (stmt, 0));
      *without_value = sqlite3_column_int (stmt, 1) != 0;
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&groups) : NULL;
}

/* Keeps of the service ids @ids those whose service's name holds @text. */
static gboolean
keep_named_services (sqlite3    *db,
                     GArray     *ids,
                     const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *like = like_pattern (text);
  guint kept = 0;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM service WHERE id = ?1 AND name LIKE ?2 ESCAPE '\\'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  _sky_catalog_bind_text (stmt, 2, like);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_array_index (ids, gint64, kept++) = id;
      sqlite3_reset (stmt);
    }
  g_array_set_size (ids, kept);
  return TRUE;
}

/* Keeps of @values, those of the column @column of the prices ("vcpu", "memory" or "arch"), the
 * ones the offers of the services whose name holds @text have, as the table of names says (a
 * price has its offer's), and sets @without to whether some of those offers have none. */
static gboolean
keep_services_values (sqlite3    *db,
                      GArray     *values,
                      const char *column,
                      const char *text,
                      gboolean   *without)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *like = like_pattern (text);
  g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT %s FROM offer_name "
                                          "WHERE service_id IN " SERVICES_NAMED_SQL
                                          " ORDER BY 1", column);
  int rc;

  *without = FALSE;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  _sky_catalog_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":text"), like);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      if (value < 0)
        *without = TRUE;
      else
        g_array_append_val (held, value);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  keep_listed_values (values, held);
  return TRUE;
}

/* Of the buckets @present, those in which the services whose name holds @text have a price of
 * one of the units @units (places in the vocabulary): a look-up of each service, unit and
 * bucket in the index of prices by service. NULL when they cannot be read. */
static GArray *
services_buckets (sqlite3    *db,
                  GArray     *present,
                  GArray     *units,
                  const char *text)
{
  g_autoptr(sqlite3_stmt) named = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) services = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *like = like_pattern (text);
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM service WHERE name LIKE ?1 ESCAPE '\\'", -1,
                          &named, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT 1 FROM price INDEXED BY price_by_service "
                              "WHERE service_id = ?1 AND unit = ?2 AND bucket = ?3 LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (named, 1, like);
  while ((rc = sqlite3_step (named)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (named, 0);

      g_array_append_val (services, id);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  for (guint b = 0; b < present->len; b++)
    {
      gint64 bucket = g_array_index (present, gint64, b);
      gboolean has = FALSE;

      for (guint i = 0; !has && i < services->len; i++)
        for (guint u = 0; !has && u < units->len; u++)
          {
            guint place = g_array_index (units, guint, u);

            sqlite3_bind_int64 (stmt, 1, g_array_index (services, gint64, i));
            sqlite3_bind_int64 (stmt, 2, sky_vocabulary_nth (SKY_VOCABULARY_UNIT, place)->code);
            sqlite3_bind_int64 (stmt, 3, bucket);
            rc = sqlite3_step (stmt);
            sqlite3_reset (stmt);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
              return NULL;
            has = rc == SQLITE_ROW;
          }
      if (has)
        g_array_append_val (held, bucket);
    }
  return g_steal_pointer (&held);
}

/* Whether the conditions @sql holds include " AND 0", which the filters write for a value no
 * price has: SQLite then drops the other conditions, and with them what lets it read a
 * partial index named by INDEXED BY, and would refuse the statement. */
static gboolean
has_false_condition (const char *sql)
{
  for (const char *p = strstr (sql, " AND 0"); p != NULL; p = strstr (p + 1, " AND 0"))
    if (p[6] == '\0' || p[6] == ' ' || p[6] == ')')
      return TRUE;
  return FALSE;
}

/* Whether the search's filters keep no price at all, as a value no price has says (" AND 0"):
 * then no partial index can be named for it (see has_false_condition()). */
static gboolean
has_false_filters (sqlite3              *db,
                   const SkySearchQuery *query,
                   GArray               *present)
{
  g_autoptr(GString) filters = g_string_new (NULL);

  append_filters (filters, db, query, TEXT_NONE, NULL, present);
  return has_false_condition (filters->str);
}

/* " FROM … AND …": of the prices @where keeps (the search's filters, "FROM … WHERE …", through
 * the index of prices by @column, "vcpu" or "memory"), the hourly ones of the size @size (a
 * number, or a parameter's name). */
static void
append_size_where (GString    *sql,
                   const char *where,
                   const char *column,
                   const char *size)
{
  g_string_append_printf (sql, " %s AND p.%s = %s AND p.unit = " G_STRINGIFY (HOUR_CODE),
                          where, column, size);
}

/* The price that bounds the prices of the size @size whose quotient (the price divided by the
 * size, as SQLite divides: a double) is at most @quotient (at least, if @descending): the
 * quotient times the size, give or take more than the quotient's last binary digit holds. */
static gint64
size_bound (double   quotient,
            gint64   size,
            gboolean descending)
{
  double price = quotient * (double) size;
  double slack = (price < 0 ? -price : price) * 1e-15 + 1;
  double bound = descending ? price - slack : price + slack;

  if (bound >= 9.2e18)
    return G_MAXINT64;
  if (bound <= -9.2e18)
    return G_MININT64;
  return (gint64) bound;
}

/* As size_bound(), but of the prices whose quotient is less than @quotient (greater, if
 * @descending): those that would move it. As size_bound() when that takes more than a few
 * steps (prices of 2^51 and more). */
static gint64
size_bound_beyond (double   quotient,
                   gint64   size,
                   gboolean descending)
{
  gint64 bound = size_bound (quotient, size, descending);

  for (guint i = 0; i < 8 && bound > G_MININT64 && bound < G_MAXINT64; i++)
    {
      double q = (double) bound / (double) size;

      if (descending ? q > quotient : q < quotient)
        return bound;
      bound += descending ? 1 : -1;
    }
  return size_bound (quotient, size, descending);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sets @bound to a quotient that the first @window prices of the search @query sorted by the
 * hourly price per vCPU or GiB (@column "vcpu" or "memory", the quotient @k) do not pass: the
 * @window-th of the first prices of each of the @sizes in the sort's order (@where, the
 * search's filters, keeps them: see append_size_where()), as many prices of the search have
 * one as far; @wheres, when not NULL, each size's filters instead (of the buckets its
 * services have prices in: see append_per_size_parts()). Each size's are read only as far as
 * those read before would move it, which is for most a look-up of each bucket's first price.
 * FALSE when it cannot tell: the sizes' prices
 * are fewer, or the search checks its prices against the offers the text index found, which
 * this statement does not bind. */
static gboolean
per_size_bound (sqlite3              *db,
                const SkySearchQuery *query,
                TextPlan              text,
                const char           *where,
                GPtrArray            *wheres,
                const char           *free_where,
                const char           *column,
                GArray               *sizes,
                const char           *k,
                double               *bound)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) quotients = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *like = NULL;
  gboolean descending = query->descending;
  guint window = query->limit + query->offset;
  gint64 free_prices;

  if ((text != TEXT_NONE && text != TEXT_SCAN && text != TEXT_SERVICES) || query->limit == 0)
    return FALSE;
  /* As many free prices as the page takes: 0 bounds it. Counted first, of every size at
   * once, as each size's run of the statement below reads every bucket's prices in turn,
   * the free ones last (a free price's bucket is one of spot capacity or a free tier), and,
   * with a filter the index of sizes does not hold (an OS), past every price it does not
   * keep. */
  if (free_where != NULL)
    {
      g_string_printf (sql, "SELECT count(*) FROM (SELECT 1 %s AND p.unit = "
                            G_STRINGIFY (HOUR_CODE) " AND p.amount = 0 AND +p.%s > 0 "
                            "LIMIT :window)", free_where, column);
      if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      like = bind_filters (stmt, query, text, NULL, NULL);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":window"), window);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return FALSE;
      free_prices = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_clear_pointer (&like, g_free);
      g_string_truncate (sql, 0);
      if (free_prices >= window)
        {
          *bound = 0;
          return TRUE;
        }
    }
  for (guint i = 0; i < sizes->len; i++)
    {
      gint64 size = g_array_index (sizes, gint64, i);
      const char *own = wheres != NULL && wheres->pdata[i] != NULL ? wheres->pdata[i] : where;
      int rc;

      /* One statement, or one for each size of filters of its own. */
      if (stmt == NULL || own != where || (i > 0 && wheres != NULL && wheres->pdata[i - 1]))
        {
          g_clear_pointer (&stmt, sqlite3_finalize);
          g_clear_pointer (&like, g_free);
          g_string_printf (sql, "SELECT %s", k);
          append_size_where (sql, own, column, ":size");
          /* In the order of the index's runs, ties included, so that SQLite stops each run
           * once it holds the page's prices (prices of one amount, such as free ones, are
           * many). */
          g_string_append_printf (sql, " AND p.amount %s :bound ORDER BY p.amount %s, "
                                       "p.offer_seq %s LIMIT :window",
                                  descending ? ">=" : "<=", descending ? "DESC" : "ASC",
                                  descending ? "DESC" : "ASC");
          if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
            return FALSE;
          like = bind_filters (stmt, query, text, NULL, NULL);
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":window"), window);
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":size"), size);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":bound"),
                          quotients->len < window ? (descending ? G_MININT64 : G_MAXINT64)
                          : size_bound_beyond (*bound, size, descending));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          double q = sqlite3_column_double (stmt, 0);

          g_array_append_val (quotients, q);
        }
      if (rc != SQLITE_DONE)
        return FALSE;
      /* The page's quotients so far: the @window least (or largest). */
      g_array_sort (quotients, compare_doubles);
      if (descending)
        g_array_remove_range (quotients, 0, quotients->len - MIN (quotients->len, window));
      else
        g_array_set_size (quotients, MIN (quotients->len, window));
      if (quotients->len >= window)
        *bound = g_array_index (quotients, double, descending ? 0 : window - 1);
    }
  return quotients->len >= window;
}

/* "SELECT * FROM (SELECT @select FROM … LIMIT :window)": of the hourly prices of the size @size
 * that @where keeps (see append_size_where()), those a page of a search by the hourly price per
 * vCPU or GiB (@column "vcpu" or "memory") can show: up to the quotient @bound, if
 * @has_bound (see per_size_bound()). A size's prices are in the order of that quotient as the
 * index of prices by the size has them, in price order, each bucket's run after the other,
 * and SQLite stops each run at the bound, or once the page holds cheaper prices. Largest
 * first, among equal quotients the lower price first, which a run read backwards does not
 * give: the size's prices from the bound on, sorted; without one, from its own page's last
 * price on (a look-up of that price first). */
static void
append_per_size_select (GString    *sql,
                        const char *where,
                        const char *column,
                        gint64      size,
                        const char *select,
                        gboolean    descending,
                        gboolean    has_bound,
                        double      bound,
                        gboolean    free_apart)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, size);

  g_string_append_printf (sql, "SELECT * FROM (SELECT %s", select);
  append_size_where (sql, where, column, value);
  /* Free prices are read apart (see append_per_size_parts()): those below them only. */
  if (free_apart)
    g_string_append (sql, " AND p.amount < 0");
  else if (has_bound)
    g_string_append_printf (sql, " AND p.amount %s %" G_GINT64_FORMAT, descending ? ">=" : "<=",
                            size_bound (bound, size, descending));
  else if (descending)
    {
      /* Equal quotients of two prices of one size are equal prices, while prices are below
       * 2^51 (a difference of one in a quotient's last binary digit); from there on, as much
       * lower as a quotient's last digit holds. */
      g_string_append (sql, " AND p.amount >= coalesce (CASE WHEN :window > 0 THEN "
                            "(SELECT a - (abs (a) >> 51) FROM (SELECT p.amount AS a");
      append_size_where (sql, where, column, value);
      g_string_append (sql, " ORDER BY p.amount DESC LIMIT 1 OFFSET :window - 1)) END, -1e308)");
    }
  g_string_append (sql, descending ? " ORDER BY k DESC, p.amount, p.offer_seq LIMIT :window)"
                                   : " ORDER BY p.amount, p.offer_seq LIMIT :window)");
}

/* The prices of a search by the hourly price per vCPU (@column "vcpu") or per GiB of memory
 * ("memory"): those that have one, a part for each size (append_per_size_select()), the
 * parts merged in the order of the quotient, then of price, as the single statement sorts;
 * then those without one (of another unit, or without the size), in price order, read only
 * if a page needs them. */
/* Of a search of a least size (and no text, price asked for, OS, region or architecture) by
 * the price per @column ("vcpu" or "memory"): each of @sizes' filters, as @sized keeps its
 * prices from @from, in the buckets of the categories of the services whose offers hold the
 * size with the search's sizes only (a run of another category's, which holds none of the
 * size's prices, would be read whole: at 1,000,000 offers, at least 64 vCPUs by price per GiB,
 * largest first, the database buckets' runs of 128 GiB, 17 ms, rather than 1), when those are
 * fewer than @present; NULL for a size of every category of @present, or of none the search
 * keeps (a statement of a false condition names no partial index), whose filters are the
 * search's. NULL when no size's are fewer, or it cannot tell. */
static GPtrArray *
per_size_wheres (sqlite3              *db,
                 const SkySearchQuery *query,
                 const SkySearchQuery *sized,
                 const char           *from,
                 GArray               *present,
                 const char           *column,
                 GArray               *sizes)
{
  g_autoptr(GPtrArray) wheres = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* The categories of each size's services, as a set of bits of their codes. */
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            NULL);
  gboolean fewer = FALSE;
  int rc;

  if (present == NULL || query->has_max_price)
    return NULL;
  g_string_printf (sql, "SELECT m.%s, sv.category FROM price_meet m "
                        "JOIN service sv ON sv.id = m.service_id WHERE m.%s IS NOT NULL",
                   column, column);
  append_meet_conditions (sql, query, -1);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 size = sqlite3_column_int64 (stmt, 0);
      int code = sky_vocabulary_code (SKY_VOCABULARY_CATEGORY,
                                      (const char *) sqlite3_column_text (stmt, 1));
      guint64 bits = GPOINTER_TO_SIZE (g_hash_table_lookup (categories, &size));

      if (code < 0 || code >= 32)
        return NULL;
      bits |= G_GUINT64_CONSTANT (1) << code;
      g_hash_table_insert (categories, g_memdup2 (&size, sizeof size), GSIZE_TO_POINTER (bits));
    }
  if (rc != SQLITE_DONE)
    return NULL;
  for (guint i = 0; i < sizes->len; i++)
    {
      guint64 bits = GPOINTER_TO_SIZE (g_hash_table_lookup (categories,
                                                            &g_array_index (sizes, gint64, i)));
      g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
      GString *where;

      if (bits == 0)
        return NULL;
      for (guint b = 0; b < present->len; b++)
        {
          gint64 bucket = g_array_index (present, gint64, b);

          if (bits & (G_GUINT64_CONSTANT (1) << PRICE_BUCKET_CATEGORY (bucket)))
            g_array_append_val (held, bucket);
        }
      if (held->len == present->len)
        {
          g_ptr_array_add (wheres, NULL);
          continue;
        }
      where = g_string_new (NULL);
      append_filters (where, db, sized, TEXT_NONE, from, held);
      if (has_false_condition (where->str))
        {
          g_string_free (where, TRUE);
          g_ptr_array_add (wheres, NULL);
          continue;
        }
      g_ptr_array_add (wheres, g_string_free (where, FALSE));
      fewer = TRUE;
    }
  return fewer ? g_steal_pointer (&wheres) : NULL;
}

static gboolean
append_per_size_parts (GString              *sql,
                       sqlite3              *db,
                       const SkySearchQuery *query,
                       TextPlan              text,
                       GArray               *present,
                       const char           *column,
                       char                **order)
{
  const char *k = sort_key (query->sort);
  const char *direction = query->descending ? "DESC" : "ASC";
  gint64 least = strcmp (column, "vcpu") == 0 ? query->min_vcpu_milli : query->min_memory_mgib;
  g_autofree char *index = g_strconcat ("price_by_", column, NULL);
  /* Of one OS: each size's runs of the OS alone (see OS_VCPU_FROM_SQL, OS_MEMORY_FROM_SQL). */
  gboolean os_size = text == TEXT_NONE && query->os != NULL;
  g_autofree char *from = !os_size ? g_strdup_printf ("FROM price p INDEXED BY %s ", index)
                          : g_strdup (strcmp (column, "vcpu") == 0 ? OS_VCPU_FROM_SQL
                                                                   : OS_MEMORY_FROM_SQL);
  /* Each size's part names its size: not the search's least size of it too (see
   * without_least()). */
  SkySearchQuery sized = without_least (query, os_size ? column : NULL);
  g_autofree char *select = g_strdup_printf ("%s, %s AS k", price_columns (text), k);
  g_autofree char *rest = g_strdup_printf (" AND (p.%s > 0 AND p.unit = "
                                           G_STRINGIFY (HOUR_CODE) ") IS NOT 1", column);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) unlimited = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GPtrArray) wheres = NULL;
  gboolean has_bound;
  gboolean free_apart;
  gboolean with_null;
  double bound = 0;

  /* The sizes there are, from the least asked for, as append_least() names them. */
  sizes = _sky_catalog_read_values (db, column, index, MAX (least, 1) - 1, MAX_VALUES);
  if (sizes == NULL)
    return FALSE;
  /* Only those the search's OS and least sizes meet. */
  keep_meeting_values (db, query, column, sizes, &with_null);
  append_filters (where, db, &sized, text, from, present);
  /* Nothing to read (a value no price has, another unit): not through the index either. */
  if (has_false_condition (where->str) ||
      (names_one (query->unit) &&
       sky_vocabulary_code (SKY_VOCABULARY_UNIT, query->unit) != HOUR_CODE))
    g_array_set_size (sizes, 0);

  if (sizes->len > 0)
    {
      /* The search's filters through the price key, or the index of a value the search
       * keeps, whose runs of one bucket and amount are in the order of the key: free prices
       * of every size (see below). */
      if (!query->descending && text == TEXT_NONE &&
          !(query->has_max_price && query->max_price < 0))
        {
          SkySearchQuery free_query = *query;

          /* A free price is at most any price asked for that is not below 0: no range of
           * amounts, which SQLite would rather read by than by the amount 0 (at most $0.01,
           * 128 ms rather than 4). */
          free_query.has_max_price = FALSE;
          append_filters (plain, db, &free_query, text, NULL, present);
        }
      if (text == TEXT_NONE && has_least_size (query) && !keeps_indexed_value (query))
        wheres = per_size_wheres (db, query, &sized, from, present, column, sizes);
      has_bound = per_size_bound (db, query, text, where->str, wheres,
                                  plain->len > 0 ? plain->str : NULL, column, sizes, k,
                                  &bound);
      /* Least first, and the page's last quotient 0: free prices, which tie whatever their
       * size, and often are many (spot capacity, free tiers). Read in each size's part, each
       * would read its free prices up to the page's last; they are read once instead, of
       * every size in the order of their key, as the sort orders prices of one quotient and
       * amount, and each size's part reads only the prices below them. */
      free_apart = has_bound && !query->descending && bound == 0 && text == TEXT_NONE;
      /* A part that reads its size's prices only up to a price of its own no dearer than the
       * price asked for (below the free ones, or up to the bound) leaves the limit out: SQLite
       * would rather read the run up to the limit than up to its own (at most $0.01 by price
       * per vCPU, every price up to $0.01 of each size: 61 ms rather than 6). */
      if (query->has_max_price && has_bound && !query->descending)
        {
          SkySearchQuery unlimited_query = sized;

          unlimited_query.has_max_price = FALSE;
          append_filters (unlimited, db, &unlimited_query, text, from, present);
        }
      g_string_append (sql, "SELECT * FROM (SELECT * FROM (");
      for (guint i = 0; i < sizes->len; i++)
        {
          gint64 size = g_array_index (sizes, gint64, i);
          gint64 own_most = free_apart ? -1 : size_bound (bound, size, FALSE);

          if (i > 0)
            g_string_append (sql, " UNION ALL ");
          append_per_size_select (sql,
                                  unlimited->len > 0 && own_most <= query->max_price
                                  ? unlimited->str
                                  : wheres != NULL && wheres->pdata[i] != NULL
                                  ? wheres->pdata[i] : where->str,
                                  column, size, select, query->descending, has_bound, bound,
                                  free_apart);
        }
      if (free_apart)
        {
          g_string_append_printf (sql, " UNION ALL SELECT * FROM (SELECT %s %s AND p.unit = "
                                       G_STRINGIFY (HOUR_CODE) " AND p.amount = 0 AND "
                                       "+p.%s > 0 ORDER BY p.offer_seq LIMIT :window)",
                                  select, plain->str, column);
        }
      g_string_append_printf (sql, ") ORDER BY k %s, amount, offer_seq LIMIT :window) "
                                   "UNION ALL ", direction);
    }
  append_part (sql, db, query, text, present, k, rest, NULL, "p.amount, p.offer_seq", NULL);
  *order = g_strdup_printf ("k %s NULLS LAST, p.amount, p.offer_seq", direction);
  return TRUE;
}

static const char *least_size_from (sqlite3              *db,
                                    const SkySearchQuery *query,
                                    TextPlan              text,
                                    GArray               *present,
                                    char                **cond);

/* The values the search keeps of the column @which (0 to 4: the OS, region, architecture,
 * least vCPU count and memory), each of which an index of prices starts with, then the unit
 * and bucket: sets @column and @values (ids, codes or sizes); FALSE when the search keeps none
 * of it, or they cannot be read. */
static gboolean
kept_column_values (sqlite3              *db,
                    const SkySearchQuery *query,
                    guint                 which,
                    const char          **column,
                    GArray              **values)
{
  gint64 value = -1;

  *values = NULL;
  switch (which)
    {
    case 0:
      *column = "os";
      if (query->os != NULL)
        value = word_id (db, query->os);
      break;
    case 1:
      *column = "region";
      if (query->region != NULL)
        value = word_id (db, query->region);
      break;
    case 2:
      *column = "arch";
      if (names_one (query->architecture))
        value = sky_vocabulary_code (SKY_VOCABULARY_ARCHITECTURE, query->architecture);
      break;
    case 3:
      *column = "vcpu";
      if (query->min_vcpu_milli > 0)
        *values = held_values (db, "vcpu", query->min_vcpu_milli - 1, MAX_VALUES);
      return *values != NULL;
    case 4:
      *column = "memory";
      if (query->min_memory_mgib > 0)
        *values = held_values (db, "memory", query->min_memory_mgib - 1, MAX_VALUES);
      return *values != NULL;
    default:
      return FALSE;
    }
  if (value < 0)
    return FALSE;
  *values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (*values, value);
  return TRUE;
}

static gboolean
holds_bucket (GArray *buckets,
              gint64  bucket)
{
  for (guint i = 0; i < buckets->len; i++)
    if (g_array_index (buckets, gint64, i) == bucket)
      return TRUE;
  return FALSE;
}

/* Keeps of @present (buckets) and @units (places in the vocabulary, as catalog_units() gives
 * them) only those the prices of the values the search keeps of the OS, region, architecture
 * and least sizes hold, learned from each column's index, a look-up per unit and bucket met.
 * A search that names only them reads, in each run of a unit and bucket it walks, prices
 * some of which may be its own: the part of a service none of whose prices has the value (a
 * storage service's, of a size) costs a look-up per run it names, rather than a read of every
 * price of its own (at 1,000,000 offers, Windows by service: 460 ms), and the runs of
 * another category's buckets are not read for one OS or region. The least sizes only when
 * @with_sizes: each of their sizes costs its look-ups. Leaves them as they were when a value
 * cannot be read. */
static void
narrow_to_kept_values (sqlite3              *db,
                       const SkySearchQuery *query,
                       gboolean              with_sizes,
                       GArray               *present,
                       GArray               *units)
{
  g_autoptr(GArray) kept = NULL;
  guint64 kept_units = G_MAXUINT64;

  if (present == NULL || units->len == 0 || units->len > 64)
    return;
  for (guint which = 0; which < 5; which++)
    {
      const char *column = NULL;
      g_autoptr(GArray) values = NULL;
      g_autoptr(GArray) met = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;
      guint64 met_units = 0;

      if ((which >= 3 && !with_sizes) ||
          !kept_column_values (db, query, which, &column, &values))
        continue;
      sql = g_strdup_printf ("SELECT min (bucket) FROM price INDEXED BY price_by_%s "
                             "WHERE %s = ?1 AND unit = ?2 AND bucket > ?3", column, column);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return;
      met = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint v = 0; v < values->len; v++)
        for (guint u = 0; u < units->len; u++)
          {
            gint64 bucket = G_MININT64;

            for (;;)
              {
                sqlite3_bind_int64 (stmt, 1, g_array_index (values, gint64, v));
                sqlite3_bind_int64 (stmt, 2, sky_vocabulary_nth (SKY_VOCABULARY_UNIT,
                                                                 g_array_index (units, guint,
                                                                                u))->code);
                sqlite3_bind_int64 (stmt, 3, bucket);
                if (sqlite3_step (stmt) != SQLITE_ROW)
                  return;
                if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER)
                  break;
                bucket = sqlite3_column_int64 (stmt, 0);
                sqlite3_reset (stmt);
                met_units |= G_GUINT64_CONSTANT (1) << u;
                if ((kept == NULL || holds_bucket (kept, bucket)) && !holds_bucket (met, bucket))
                  g_array_append_val (met, bucket);
              }
            sqlite3_reset (stmt);
          }
      /* What every column kept meets. */
      g_clear_pointer (&kept, g_array_unref);
      kept = g_steal_pointer (&met);
      kept_units &= met_units;
    }
  if (kept == NULL)
    return;
  for (guint i = present->len; i-- > 0;)
    if (kept_units == 0 || !holds_bucket (kept, g_array_index (present, gint64, i)))
      g_array_remove_index (present, i);
  for (guint u = units->len; u-- > 0;)
    if ((kept_units & (G_GUINT64_CONSTANT (1) << u)) == 0)
      g_array_remove_index (units, u);
}

/* A part of a sort by a size or service, of a least size, whose prices are a few of those in
 * the runs of the index it reads, and the dearest there: at 1,000,000 offers, at least 16 GiB
 * by vCPU, the part of 1 vCPU holds the prices of the 7,200 offers of 16 GiB among those of
 * 91,000 (64 ms); at least 64 vCPUs by service, the GPU service's part those of its 4,900
 * offers of 96 vCPUs among its 30,000 (28 ms), and at least 512 GiB by service, among the
 * 19,600 of the virtual machines and GPUs of 768 GiB (19 ms). Such a part reads instead every
 * price of the offers of the names that the table of names lists with its value and the
 * search's sizes: the offers from the names' index, their prices' entries from the index of
 * prices by offer (which holds, beside the key, every column the search checks), sorted there,
 * and the rows of the part's page only; when those names have no more than one in
 * NAMES_PART_SHARE of the offers of the runs, and at most NAMES_PART_MOST, some 1 to 4 µs
 * each (a page of the index of prices by offer each, read from the file). */
#define NAMES_PART_SHARE 3
#define NAMES_PART_MOST 25000

/* The FROM clause of a part read through the offers of its names (see NAMES_PART_SHARE): the
 * names whose offers hold @cond ("vcpu = …", "memory = …" or "service_id IN (…)", the part's
 * value) and the search's least sizes, when they have few of the offers that hold @runs (the
 * runs of the index the part reads otherwise, as the record of the values held together
 * counts them). NULL when they are not few enough, or the tables cannot be read. */
static char *
names_part_from (sqlite3              *db,
                 const SkySearchQuery *query,
                 const char           *cond,
                 const char           *runs)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 held;

  /* The part's offers and the runs', from the record, first: most parts stop there. */
  g_string_printf (sql, "SELECT (SELECT sum (offers) FROM price_meet WHERE %s", cond);
  append_meet_conditions (sql, query, -1);
  g_string_append_printf (sql, "), (SELECT sum (offers) FROM price_meet WHERE %s)", runs);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int64 (stmt, 0) > NAMES_PART_MOST ||
      sqlite3_column_int64 (stmt, 0) * NAMES_PART_SHARE > sqlite3_column_int64 (stmt, 1))
    return NULL;
  held = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Every offer of those names, whatever its sizes or service. */
  g_string_printf (names, "SELECT DISTINCT name FROM offer_name WHERE %s", cond);
  append_meet_conditions (names, query, -1);
  g_string_printf (sql, "SELECT sum (offers) FROM offer_name WHERE name IN (%s)", names->str);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int64 (stmt, 0) > NAMES_PART_MOST ||
      sqlite3_column_int64 (stmt, 0) * NAMES_PART_SHARE > held)
    return NULL;
  return g_strdup_printf ("FROM (SELECT o.id FROM offer_row o INDEXED BY offer_by_name "
                          "      WHERE o.name COLLATE NOCASE IN (%s)) AS t "
                          "CROSS JOIN price p INDEXED BY price_by_offer "
                          "  ON p.offer_seq BETWEEN t.id * 1024 AND t.id * 1024 + 1023 ",
                          names->str);
}

/* The services ("id, id, …") whose offers hold @cond ("vcpu = …") and the search's least
 * sizes, as the record of the values held together says; NULL when it cannot be read, or
 * none do. */
static char *
meet_services (sqlite3              *db,
               const SkySearchQuery *query,
               const char           *cond)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_string_printf (sql, "SELECT DISTINCT service_id FROM price_meet WHERE %s", cond);
  append_meet_conditions (sql, query, -1);
  g_string_append (sql, " ORDER BY 1");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len == 0 ? "" : ", ",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE || ids->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Of a service's part read through the index of prices by a size, naming the sizes @size of
 * it (" AND p.@size IN (…)" in @cond, see service_sizes()): the condition of the record of
 * values held together on those runs' offers, those of the sizes, of the services of the
 * category of @services ("id, id, …"). NULL when @cond names none. */
static char *
size_runs (const char *cond,
           const char *size,
           const char *services)
{
  g_autofree char *named = g_strdup_printf (" AND p.%s IN (", size);
  const char *start = strstr (cond, named);
  const char *end;

  if (start == NULL || (end = strchr (start, ')')) == NULL)
    return NULL;
  start += strlen (" AND p.");
  return g_strdup_printf ("%.*s AND service_id IN (SELECT id FROM service WHERE category IN "
                          "(SELECT category FROM service WHERE id IN (%s)))",
                          (int) (end + 1 - start), start, services);
}

/* By region, of a least size, a region's part: its prices of the sizes, the dearest, come
 * after those of every smaller size in the runs of the index of prices by region, and among
 * those of every region in the runs of the size's; a region's are in its geography's
 * buckets only. Through the size's index (least_size_from()), naming those buckets, each run
 * stops once the part holds cheaper prices, having read some thirty prices of other regions
 * for one of the region's (at 1,000,000 offers, at least 64 vCPUs by region: the runs of
 * ap-east-1's prices by region, 25 ms; of the sizes in its buckets, 1 ms). The code of the
 * region of the part of @ids ("id": a region's word), which the part then keeps as a search
 * of that region does, in its buckets; NULL for another group. */
static char *
region_code (sqlite3    *db,
             const char *ids)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (ids, &end, 10);

  if (end == ids || *end != '\0' ||
      sqlite3_prepare_v2 (db, "SELECT text FROM word WHERE id = ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _sky_catalog_column_dup (stmt, 0);
}

/* A part read through the offers of its names, @from (names_part_from()): as append_part()
 * in price order, the key of each price first, the rows of the part's page after. */
static void
append_names_part (GString              *sql,
                   sqlite3              *db,
                   const SkySearchQuery *query,
                   GArray               *present,
                   const char           *k,
                   const char           *cond,
                   const char           *from)
{
  g_string_append_printf (sql, "SELECT * FROM (SELECT p.*, %s AS k FROM "
                               "(SELECT p.bucket, p.amount, p.offer_seq ", k);
  append_filters (sql, db, query, TEXT_NONE, from, present);
  g_string_append_printf (sql, "%s ORDER BY p.amount, p.offer_seq LIMIT :window) AS x "
                               "CROSS JOIN price p ON p.bucket = x.bucket "
                               "AND p.amount = x.amount AND p.offer_seq = x.offer_seq "
                               "ORDER BY p.amount, p.offer_seq)", cond);
}

/* How a search sorted by a column other than the price key's reads its prices: a part for
 * each value of the column, in the sort's order, each part's prices read in price order
 * through the index of prices by that column (see the catalog's schema 13), one part after the
 * other, as parts of a UNION ALL, which SQLite reads in the order written and stops reading
 * when a page is full. The value's place in the sort is each part's "k". A sort by a price per
 * vCPU or GiB reads a part per size, in which the price's order is the sort's, and merges them.
 * Sets @order, the outer query's order; FALSE when the sort is not read so (or its values are
 * too many). */
static gboolean
append_sort_parts (GString              *sql,
                   sqlite3              *db,
                   const SkySearchQuery *query,
                   TextPlan              text,
                   GArray               *present,
                   GArray               *units,
                   char                **order)
{
  const char *column = NULL;
  const char *index = NULL;
  const char *groups_sql = NULL;
  g_autoptr(GPtrArray) conds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  g_autoptr(GArray) values = NULL;
  g_autofree char *in_units = units_condition (query, units);
  const char *up = "p.amount, p.offer_seq";
  const char *size_from = NULL;
  g_autofree char *size_units = NULL;
  /* By region, of a least size: see region_code(). */
  const char *region_from = NULL;
  g_autofree char *region_units = NULL;
  g_autofree char *own_from = NULL;
  guint valued = 0;
  gboolean null_last = TRUE;
  gboolean without_value = FALSE;
  gboolean met = FALSE;
  gboolean os_vcpu_parts;
  /* The other size a part of a size may be read by: see cross_sizes(). */
  const char *cross = NULL;
  g_autoptr(GPtrArray) crossed = NULL;
  /* By service, the size whose index a service's part may be read by (service_sizes()). */
  const char *size_service = NULL;
  gboolean with_null;
  /* By service: each part's group of ids ("id, id, …"), in the parts' order. */
  g_autoptr(GPtrArray) part_groups = NULL;
  /* Of a least size, by a size or service: each part's value, as the table of names and the
   * record of values held together name it ("vcpu = …"), in the parts' order; NULL for none
   * (see NAMES_PART_SHARE). */
  g_autoptr(GPtrArray) names_conds = g_ptr_array_new_with_free_func (g_free);
  gboolean by_names = text == TEXT_NONE && has_least_size (query) &&
                      !keeps_indexed_value (query);
  gint64 own_offers = -1;
  gboolean services_without = FALSE;
  g_autoptr(GArray) services_present = NULL;
  gint64 least = G_MININT64;
  /* The units named in the parts a column's value does not name either (of a purchase
   * option, or without a value), when an index that SQLite may walk gives price order within
   * each unit and bucket only: that of a value the search keeps (see keeps_indexed_value()),
   * or of a least size (see below). */
  gboolean name_units = text == TEXT_NONE &&
                        (keeps_indexed_value (query) || has_least_size (query));

  if (text == TEXT_FEW_OFFERS || search_parts_disabled)
    return FALSE;
  switch (query->sort)
    {
    case SKY_SORT_TERM:
      for (guint i = 0; i < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); i++)
        {
          const SkyWord *t = sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, i);

          /* A text only services' names hold: through the index of prices by service,
           * naming the units (see SERVICES_FROM_SQL). */
          if (query->term == NULL || strcmp (query->term, t->id) == 0)
            {
              g_ptr_array_add (terms, (gpointer) t->id);
              g_ptr_array_add (conds, g_strdup (text == TEXT_SERVICES || name_units
                                                ? in_units : ""));
            }
        }
      null_last = FALSE;
      break;
    case SKY_SORT_VCPU:
      column = "vcpu";
      /* The sizes from the least asked for: a part of a smaller one would be read whole for
       * no price. */
      if (query->min_vcpu_milli > 0)
        least = query->min_vcpu_milli - 1;
      break;
    case SKY_SORT_MEMORY:
      column = "memory";
      if (query->min_memory_mgib > 0)
        least = query->min_memory_mgib - 1;
      break;
    case SKY_SORT_ARCHITECTURE:
      column = "arch";
      break;
    case SKY_SORT_REGION:
    case SKY_SORT_SERVICE:
    case SKY_SORT_PROVIDER:
      /* Names: their values grouped by name. */
      sort_column (query->sort, &column, &index, &groups_sql);
      break;
    case SKY_SORT_PER_VCPU:
    case SKY_SORT_PER_GIB:
      /* A text only services' names hold: only the buckets of those services' prices. */
      if (text == TEXT_SERVICES && present != NULL && units != NULL)
        services_present = services_buckets (db, present, units, query->text);
      return append_per_size_parts (sql, db, query, text,
                                    services_present != NULL ? services_present : present,
                                    query->sort == SKY_SORT_PER_VCPU ? "vcpu" : "memory",
                                    order);
    case SKY_SORT_PRICE:
    case SKY_SORT_NAME:
    case SKY_SORT_UNIT_PRICE:
    default:
      return FALSE;
    }

  if (column != NULL)
    {
      g_autofree char *own_index = index == NULL ? g_strconcat ("price_by_", column, NULL) : NULL;

      values = _sky_catalog_read_values (db, column, index != NULL ? index : own_index,
                                         least, MAX_VALUES);
      if (values == NULL)
        return FALSE;
      /* No price without the size is at least a size. */
      if (least > G_MININT64)
        null_last = FALSE;
      /* Of a size or service, only the values the search's OS and least sizes meet (by
       * provider, the services of one name are read in one part). */
      if ((strcmp (column, "vcpu") == 0 || strcmp (column, "memory") == 0 ||
           query->sort == SKY_SORT_SERVICE) &&
          keep_meeting_values (db, query, column, values, &with_null))
        {
          met = TRUE;
          null_last = null_last && with_null;
        }
      /* A text only services' names hold: the parts of those services only, rather than
       * parts of others that hold none of the search's prices, each read whole. */
      if (text == TEXT_SERVICES && strcmp (column, "service_id") == 0 &&
          !keep_named_services (db, values, query->text))
        return FALSE;
      /* Likewise, of a size or the architecture: the values of those services' offers, and
       * the prices without one only if some of their offers have none (read, then, through
       * the index of prices by service, as in price order, rather than every price without
       * one of every service sorted). */
      if (text == TEXT_SERVICES && index == NULL)
        {
          gboolean without = FALSE;

          if (!keep_services_values (db, values, column, query->text, &without))
            return FALSE;
          services_without = null_last && without;
          null_last = FALSE;
        }
      /* Each part, of a value or a region, only in the buckets those services have prices in:
       * through the index of prices by the value, whose runs of other buckets (another
       * category's) hold none of the page's prices and would each be read whole. */
      if (text == TEXT_SERVICES && query->sort != SKY_SORT_SERVICE &&
          query->sort != SKY_SORT_PROVIDER && present != NULL && units != NULL)
        services_present = services_buckets (db, present, units, query->text);
      if (services_present != NULL)
        present = services_present;
    }
  /* Of one OS and at least a vCPU count, by a size or service: each part through the index of
   * both (OS_VCPU_FROM_SQL), a memory size's or service's of the vCPU counts it holds only,
   * rather than through the index of the OS, the size or the service, whose runs hold the
   * prices of the others first (at 1,000,000 offers, Windows with at least 64 vCPUs by vCPU,
   * memory or service: 100-110 ms). Not by region, which that index does not hold: each
   * region's part would read some thirty of its prices for one of the region's. Of one OS
   * alone by vCPU, largest first, too: each size's part is its runs of the OS (rather than
   * the size's runs, of every OS: at 3,000,000 offers, Windows 50 ms). */
  os_vcpu_parts = text == TEXT_NONE && query->os != NULL &&
                  ((keeps_os_vcpu (query) &&
                    (query->sort == SKY_SORT_VCPU || query->sort == SKY_SORT_MEMORY ||
                     query->sort == SKY_SORT_SERVICE)) ||
                   (query->sort == SKY_SORT_VCPU && query->descending)) &&
                  !has_false_filters (db, query, present);
  /* By one size, of at least the other (and no OS, region or architecture): a part whose
   * size the prices of fewer offers of the sizes it holds of the other have than of its own
   * (as the record of the values held together counts them) goes through the index of the
   * other, naming those sizes only (see cross_sizes()), rather than through its own, whose runs
   * hold the prices of every size of the other, the smaller and cheaper first (at 1,000,000
   * offers, at least 64 vCPUs by memory: the part of 128 GiB read the prices of every offer of
   * 128 GiB, 69,000, for those of 64 vCPUs, 7,000; 56 ms). */
  cross = query->sort == SKY_SORT_MEMORY && query->min_vcpu_milli > 0 &&
          query->min_memory_mgib == 0 ? "vcpu"
          : query->sort == SKY_SORT_VCPU && query->min_memory_mgib > 0 &&
            query->min_vcpu_milli == 0 ? "memory"
          : NULL;
  if (cross != NULL &&
      (text != TEXT_NONE || keeps_indexed_value (query) || has_false_filters (db, query, present)))
    cross = NULL;
  if (cross != NULL)
    crossed = cross_sizes (db, query, cross, column, values);
  /* By service, of a least size and no OS: see service_sizes(). */
  if (text == TEXT_NONE && met && query->sort == SKY_SORT_SERVICE && query->os == NULL &&
      has_least_size (query) && present != NULL && !has_false_filters (db, query, present))
    size_service = query->min_vcpu_milli > 0 ? "vcpu" : "memory";
  if (groups_sql != NULL)
    {
      g_autoptr(GPtrArray) groups = id_groups (db, groups_sql, values, &without_value);

      if (groups == NULL)
        return FALSE;
      for (guint i = 0; i < groups->len; i++)
        {
          g_autofree char *sizes = os_vcpu_parts && query->sort == SKY_SORT_SERVICE
                                   ? meeting_sizes (db, query, "vcpu", column, groups->pdata[i])
                                   : size_service != NULL
                                   ? service_sizes (db, query, size_service, groups->pdata[i])
                                   : g_strdup ("");

          g_ptr_array_add (conds, g_strdup_printf (" AND p.%s IN (%s)%s%s", column,
                                                   (const char *) groups->pdata[i], sizes,
                                                   in_units));
          g_ptr_array_add (names_conds, by_names && query->sort == SKY_SORT_SERVICE
                                        ? g_strdup_printf ("service_id IN (%s)",
                                                           (const char *) groups->pdata[i])
                                        : NULL);
        }
      part_groups = g_ptr_array_ref (groups);
      /* Those without a value (the group that has a NULL's place) stay last. */
      null_last = FALSE;
    }
  else if (column != NULL)
    {
      for (guint i = 0; i < values->len; i++)
        {
          gint64 value = g_array_index (values, gint64, i);
          g_autofree char *text_value = g_strdup_printf ("%" G_GINT64_FORMAT, value);
          /* Of a least size of the other column: see cross_sizes(). */
          g_autofree char *sizes = crossed != NULL ? g_strdup (crossed->pdata[i])
                                   : os_vcpu_parts && query->sort == SKY_SORT_MEMORY
                                   ? meeting_sizes (db, query, "vcpu", column, text_value)
                                   : g_strdup ("");

          g_ptr_array_add (conds, g_strdup_printf (" AND p.%s = %" G_GINT64_FORMAT "%s%s", column,
                                                   value, sizes, in_units));
          g_ptr_array_add (names_conds,
                           by_names && (query->sort == SKY_SORT_VCPU ||
                                        query->sort == SKY_SORT_MEMORY)
                           ? g_strdup_printf ("%s = %" G_GINT64_FORMAT, column, value) : NULL);
        }
    }

  /* Largest first: the values' places the other way round; NULL stays last, as does the group
   * without a value, if any. */
  if (query->descending)
    {
      reverse_first (conds, conds->len - (without_value ? 1 : 0));
      reverse_first (names_conds, names_conds->len - (without_value ? 1 : 0));
      reverse_first (terms, terms->len);
      if (part_groups != NULL)
        reverse_first (part_groups, part_groups->len - (without_value ? 1 : 0));
    }
  /* Of one OS, region or architecture, by size, largest first: each size's part through the
   * index of prices by the size, in price order as the value's would be, rather than through
   * the value's, which SQLite would rather walk, passing over the prices of every other size
   * to find the few of the largest (at a million offers, Linux 444 ms, then 12 ms; a region
   * 31, then 4 ms). Smallest first, the value's: the smallest sizes are the commonest, found
   * at once among the value's prices, while a size's runs may hold none of the value's, and
   * be read whole; but of a region alone, the size's too (see keeps_region_only()). */
  if (os_vcpu_parts && query->sort != SKY_SORT_SERVICE)
    {
      own_from = g_strdup (OS_VCPU_FROM_SQL);
      valued = conds->len;
    }
  else if (text == TEXT_NONE && keeps_indexed_value (query) &&
           (query->descending || keeps_region_only (query)) &&
           (query->sort == SKY_SORT_VCPU || query->sort == SKY_SORT_MEMORY) &&
           !has_false_filters (db, query, present))
    {
      own_from = g_strdup_printf ("FROM price p INDEXED BY price_by_%s ", column);
      valued = conds->len;
    }
  if (null_last && column != NULL)
    g_ptr_array_add (conds, g_strdup_printf (" AND p.%s IS NULL%s", column,
                                             name_units ? in_units : ""));
  if (services_without)
    g_ptr_array_add (conds, g_strdup_printf (" AND p.%s IS NULL%s", column, in_units));
  /* At least a size, sorted by a column of few values, each of which many prices hold (the
   * purchase option, architecture, provider): each part through the index of prices by the
   * size (see least_size_from()), whose runs of each size, unit and bucket are in price
   * order, rather than through the price key or the column's index, whose runs of the small
   * sizes, often the cheapest, would be read and passed over first. Not by region or service,
   * whose parts are many, or hold no price of the sizes (a storage service), and would each
   * read every run of the sizes. */
  if (text == TEXT_NONE && has_least_size (query) &&
      (query->sort == SKY_SORT_TERM || query->sort == SKY_SORT_ARCHITECTURE ||
       query->sort == SKY_SORT_PROVIDER) &&
      !has_false_filters (db, query, present))
    size_from = least_size_from (db, query, text, present, &size_units);
  /* By service, once the services none of whose prices the search keeps are left out (see
   * keep_meeting_values()): each service's part through the index of prices by its OS, or
   * else by its least size, in whose runs the service's prices of them are found at once,
   * rather than through the index of prices by service, whose runs hold the prices of every
   * OS and size, the cheap small sizes first (at 1,000,000 offers, at least 64 vCPUs by
   * service, largest first: 460 ms, Windows 120 ms). */
  else if (text == TEXT_NONE && met && query->sort == SKY_SORT_SERVICE &&
           !has_false_filters (db, query, present))
    {
      if (query->os != NULL && !keeps_os_vcpu (query))
        own_from = g_strdup ("FROM price p INDEXED BY price_by_os ");
      else
        own_from = g_strdup (least_size_from (db, query, text, present, &size_units));
      valued = own_from != NULL && part_groups != NULL ? part_groups->len : 0;
      own_offers = meet_offers (db, query, NULL);
    }

  /* By region, of a least size: each region's part through the size's index, in the buckets
   * of the region's geography (see region_code()). */
  if (text == TEXT_NONE && query->sort == SKY_SORT_REGION && query->region == NULL &&
      query->geography == NULL && has_least_size (query) && part_groups != NULL &&
      !has_false_filters (db, query, present))
    region_from = least_size_from (db, query, text, present, &region_units);

  if (conds->len == 0)
    g_ptr_array_add (conds, g_strdup (" AND 0"));
  for (guint i = 0; i < conds->len; i++)
    {
      g_autofree char *k = g_strdup_printf ("%u", i);
      g_autofree char *region = NULL;

      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      const char *from = i < terms->len && text == TEXT_SERVICES ? SERVICES_FROM_SQL
                         : services_without && i == conds->len - 1 ? SERVICES_FROM_SQL
                         : i < valued ? own_from : size_from;

      /* By service: through the index of the OS or size where it holds the prices of fewer
       * offers than the service does (by half), each of which the part reads at most; else
       * the service's. */
      if (i < valued && own_offers >= 0 && size_service == NULL &&
          own_offers * 2 >= meet_offers (db, NULL, part_groups->pdata[i]))
        from = NULL;
      gsize start = sql->len;
      /* A part of one OS that names its vCPU counts: not the least too. */
      SkySearchQuery part = without_least (query, os_vcpu_parts && i < valued &&
                                                  strstr (conds->pdata[i], " AND p.vcpu ")
                                                  != NULL ? "vcpu" : NULL);
      g_autofree char *cross_from = NULL;
      g_autofree char *names_from = NULL;
      g_autoptr(GArray) part_present = NULL;
      gboolean crossed_part = FALSE;
      /* The runs the part reads, as the record names them (see names_part_from()). */
      g_autofree char *runs = i < names_conds->len && names_conds->pdata[i] != NULL
                              ? g_strdup (names_conds->pdata[i]) : NULL;

      /* Of a least size, a service's part that names the sizes it holds: through the size's
       * index, in the buckets the service has prices in, without the least; else the
       * service's. */
      if (size_service != NULL && i < valued)
        {
          if (names_size (conds->pdata[i], size_service))
            {
              part = without_least (query, size_service);
              part_present = services_part_buckets (db, present, units, part_groups->pdata[i]);
              /* Those of the sizes it names, of the services of its category. */
              if (runs != NULL)
                {
                  g_free (runs);
                  runs = size_runs (conds->pdata[i], size_service, part_groups->pdata[i]);
                }
            }
          else
            from = NULL;
        }

      /* A part of a size that names the other's sizes it holds: through their index, without
       * the least. */
      if (cross != NULL && i < values->len && names_size (conds->pdata[i], cross))
        {
          g_autofree char *services = i < names_conds->len && names_conds->pdata[i] != NULL
                                      ? meet_services (db, query, names_conds->pdata[i]) : NULL;

          part = without_least (query, cross);
          from = cross_from = g_strdup_printf ("FROM price p INDEXED BY price_by_%s ", cross);
          crossed_part = TRUE;
          /* In the buckets of its services only: a run of another's, which holds none of the
           * part's prices, would be read whole (at 1,000,000 offers, at least 16 GiB by vCPU,
           * the database buckets' runs of 16 GiB: 43,000 prices, 25 ms). */
          if (services != NULL)
            part_present = services_part_buckets (db, present, units, services);
        }

      /* A region's part of a least size: see region_code(). */
      if (region_from != NULL && i < part_groups->len &&
          (region = region_code (db, part_groups->pdata[i])) != NULL)
        {
          part.region = region;
          from = region_from;
        }

      /* Else, a part whose names' offers are few: see NAMES_PART_SHARE. */
      if (!crossed_part && runs != NULL &&
          (names_from = names_part_from (db, query, names_conds->pdata[i], runs)) != NULL)
        {
          append_names_part (sql, db, query, present, k, conds->pdata[i], names_from);
          continue;
        }

      append_part (sql, db, &part, text, part_present != NULL ? part_present : present, k,
                   conds->pdata[i], i < terms->len ? terms->pdata[i] : NULL, up, from);
      /* A part of nothing (a purchase option without prices) names no partial index. */
      if (from != NULL && (from == size_from || from == own_from || from == cross_from ||
                           from == region_from) &&
          has_false_condition (sql->str + start))
        {
          g_string_truncate (sql, start);
          append_part (sql, db, &part, text, part_present != NULL ? part_present : present, k,
                       conds->pdata[i], i < terms->len ? terms->pdata[i] : NULL, up, NULL);
        }
    }
  *order = g_strdup ("k, p.amount, p.offer_seq");
  return TRUE;
}

/* How a search in price order that asks for at least a size reads its prices: through the
 * index of prices by that size (price_by_vcpu or price_by_memory, or, of one OS and a least
 * vCPU count, price_by_os_vcpu), whose entries of one size, unit and bucket are in price
 * order. The search names each size there is from the least asked for (append_least()), each
 * bucket and, here, each unit, so that SQLite reads one such run after the other and stops
 * each once the page holds cheaper prices. In the price key's
 * own order, the prices of the small sizes, often the cheapest, would be read and passed over
 * first, and there are more of them the larger the catalog. Returns the FROM clause and sets
 * @cond to the condition on the units (" AND …"); NULL when the sizes or units are too many
 * to name, or parts are not read. */
static const char *
least_size_from (sqlite3              *db,
                 const SkySearchQuery *query,
                 TextPlan              text,
                 GArray               *present,
                 char                **cond)
{
  const char *column, *from;
  g_autofree char *index = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GArray) units = NULL;
  g_autoptr(GString) in_units = NULL;
  gint64 least;

  *cond = NULL;
  if (present == NULL || text == TEXT_FEW_OFFERS)
    return NULL;
  if (query->min_vcpu_milli > 0)
    {
      column = "vcpu";
      least = query->min_vcpu_milli;
      /* Of one OS too: its runs of each size (see OS_VCPU_FROM_SQL). */
      from = keeps_os_vcpu (query) ? OS_VCPU_FROM_SQL : "FROM price p INDEXED BY price_by_vcpu ";
    }
  else if (query->min_memory_mgib > 0)
    {
      column = "memory";
      least = query->min_memory_mgib;
      from = "FROM price p INDEXED BY price_by_memory ";
    }
  else
    return NULL;

  /* As append_least() names them. */
  index = g_strconcat ("price_by_", column, NULL);
  sizes = _sky_catalog_read_values (db, column, index, least - 1, MAX_VALUES);
  /* No size at all: the search is empty, and says nothing the partial index needs. */
  if (sizes == NULL || sizes->len == 0)
    return NULL;
  in_units = g_string_new (NULL);
  if (!names_one (query->unit))
    {
      units = _sky_catalog_read_values (db, "unit", "price_by_unit", G_MININT64, MAX_VALUES);
      if (units == NULL)
        return NULL;
      for (guint i = 0; i < units->len; i++)
        g_string_append_printf (in_units, "%s%" G_GINT64_FORMAT,
                                i == 0 ? " AND p.unit IN (" : ", ",
                                g_array_index (units, gint64, i));
      g_string_append (in_units, units->len > 0 ? ")" : " AND 0");
    }
  *cond = g_string_free (g_steal_pointer (&in_units), FALSE);
  return from;
}

static gboolean
check_query (const SkySearchQuery  *query,
             GError               **error)
{
  if (g_cancellable_set_error_if_cancelled (query->cancellable, error))
    return FALSE;
  if (query->term != NULL && !sky_term_is_known (query->term))
    {
      g_autofree char *terms = sky_vocabulary_describe (SKY_VOCABULARY_PURCHASE_OPTION);

      g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY,
                   _("Unknown purchase option “%s”: use %s"), query->term, terms);
      return FALSE;
    }
  return _sky_catalog_check_attribute (SKY_VOCABULARY_UNIT, "unit", query->unit, error) &&
         _sky_catalog_check_attribute (SKY_VOCABULARY_ARCHITECTURE, "architecture",
                                       query->architecture, error) &&
         _sky_catalog_check_attribute (SKY_VOCABULARY_TENANCY, "tenancy", query->tenancy,
                                       error) &&
         _sky_catalog_check_attribute (SKY_VOCABULARY_LICENCE, "licence", query->licence,
                                       error) &&
         _sky_catalog_check_attribute (SKY_VOCABULARY_CAPACITY, "capacity", query->capacity,
                                       error);
}

/* Refuses @value for an attribute of @vocabulary, called @what, unless it is one of its ids,
 * SKY_SEARCH_ANY or NULL. */
gboolean
_sky_catalog_check_attribute (SkyVocabulary   vocabulary,
                              const char     *what,
                              const char     *value,
                              GError        **error)
{
  g_autofree char *ids = NULL;

  if (value == NULL || strcmp (value, SKY_SEARCH_ANY) == 0 ||
      sky_vocabulary_lookup (vocabulary, value) != NULL)
    return TRUE;
  ids = sky_vocabulary_describe (vocabulary);
  g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY,
               /* Translators: the first %s is an option's name as the command line writes it
                * (architecture, tenancy…), the last the word "any", both as they are. */
               _("Unknown %s “%s”: use %s, or %s"), what, value, ids, SKY_SEARCH_ANY);
  return FALSE;
}

/* " AND …": the rows of offers whose tenancy, licence, software and capacity are those given;
 * NULL for the default row's, SKY_SEARCH_ANY for any, "none" software for none. Every default
 * is the variant 0, which the price table compares as a number; software is bound as
 * :software when it is an identifier. */
void
_sky_catalog_append_variant (GString    *sql,
                             const char *tenancy,
                             const char *licence,
                             const char *software,
                             const char *capacity)
{
  const struct
  {
    SkyVocabulary  vocabulary;
    const char    *value;
    int            shift;
  } parts[] = {
    { SKY_VOCABULARY_TENANCY, tenancy, 0 },
    { SKY_VOCABULARY_LICENCE, licence, 4 },
    { SKY_VOCABULARY_CAPACITY, capacity, 8 },
  };
  gboolean any_software = software != NULL && strcmp (software, SKY_SEARCH_ANY) == 0;
  gboolean no_software = software == NULL || strcmp (software, SKY_SOFTWARE_NONE) == 0;
  gint64 fixed = 0, mask = 0;

  /* The parts asked for one value each: compared at once, under a mask of their bits. */
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int code;

      if (parts[i].value != NULL && strcmp (parts[i].value, SKY_SEARCH_ANY) == 0)
        continue;
      code = parts[i].value != NULL ? sky_vocabulary_code (parts[i].vocabulary, parts[i].value)
                                    : 0;
      if (code < 0)
        {
          g_string_append (sql, " AND 0");
          return;
        }
      fixed |= (gint64) code << parts[i].shift;
      mask |= (gint64) 15 << parts[i].shift;
    }

  /* The default row, or another one whole: one number. */
  if (no_software && mask == (1 << PRICE_VARIANT_SOFTWARE_SHIFT) - 1)
    {
      g_string_append_printf (sql, " AND p.variant = %" G_GINT64_FORMAT, fixed);
      return;
    }
  if (mask != 0)
    g_string_append_printf (sql, " AND (p.variant & %" G_GINT64_FORMAT ") = %" G_GINT64_FORMAT,
                            mask, fixed);
  if (no_software)
    g_string_append (sql, " AND (p.variant >> " G_STRINGIFY (PRICE_VARIANT_SOFTWARE_SHIFT)
                          ") = 0");
  else if (!any_software)
    g_string_append (sql, " AND (p.variant >> " G_STRINGIFY (PRICE_VARIANT_SOFTWARE_SHIFT)
                          ") = (SELECT id FROM word WHERE text = :software)");
}

/* How many prices a search would list, without its limit. */
gboolean
sky_catalog_count (SkyCatalog            *self,
                   const SkySearchQuery  *query,
                   guint64               *count,
                   GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) ");
  g_autofree char *like = NULL;
  g_autofree char *fts = NULL;
  g_autoptr(GArray) present = NULL;
  g_autoptr(FoundSet) found = NULL;
  gboolean began;
  TextPlan text;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SKY_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  if (!check_query (query, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  began = begin_read (self->db);
  text = plan_text (self->db, query, &fts, &found);
  present = catalog_buckets (self->db);
  append_filters (sql, self->db, query, text, NULL, present);
  /* A value no price has, as search_page() says: none, with no statement to prepare. */
  if (has_false_condition (sql->str))
    {
      *count = 0;
      end_read (self->db, began);
      return TRUE;
    }
  _sky_catalog_watch_cancellable (self->db, query->cancellable);
  if (text == TEXT_INDEX_SET || text == TEXT_SERVICES_OR_SET)
    found = found_set_new (self->db, fts, -1);
  ok = (found != NULL || (text != TEXT_INDEX_SET && text != TEXT_SERVICES_OR_SET &&
                          text != TEXT_FEW_OFFERS)) &&
       sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      like = bind_filters (stmt, query, text, fts, found);
      ok = sqlite3_step (stmt) == SQLITE_ROW;
    }
  if (ok)
    *count = sqlite3_column_int64 (stmt, 0);
  else if (!g_cancellable_set_error_if_cancelled (query->cancellable, error))
    _sky_catalog_db_error (self->db, error, _("Cannot count the search's results"));
  _sky_catalog_watch_cancellable (self->db, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);
  end_read (self->db, began);
  return ok;
}

/* The catalog's offers, or more where some have left with their sheet: the highest id. */
static gint64
offers_at_most (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT max(id) FROM offer_row", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* How many prices the search without its text, @sql (its inner query, to be limited to
 * :probe), keeps, up to @rows: -1 when it fails. */
static gint64
count_probed (sqlite3              *db,
              const char           *sql,
              const SkySearchQuery *query,
              gint64                rows)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM (%s LIMIT :probe)", sql);
  g_autofree char *like = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  like = bind_filters (stmt, query, TEXT_NONE, NULL, NULL);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":window"), rows);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":probe"), rows);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* The columns of a page's listings, of the page's prices "p" (the price table's columns), for
 * read_listings(); the bucket is decoded there. */
#define LISTING_SELECT_SQL \
  "SELECT s.provider, pv.name, s.version, s.currency, o.region, r.name, " \
  "       p.bucket, sv.code, sv.name, p.bucket, o.sku, o.name, o.family, " \
  "       o.os, o.storage_type, o.sla, p.vcpu, p.memory, o.gpu, p.bucket, " \
  "       p.unit, " \
  "       p.amount, " PRICE_SEQ_SQL ", o.prices, " PRICE_OFFER_ID_SQL ", " \
  "       coalesce (pv.short_name, pv.name), o.architecture, o.tenancy, " \
  "       o.licence, o.software, o.capacity " \
  "FROM ("

#define LISTING_JOINS_SQL \
  ") AS p " \
  "CROSS JOIN offer o ON o.id = " PRICE_OFFER_ID_SQL " " \
  "CROSS JOIN sheet s ON s.id = p.sheet_id " \
  "CROSS JOIN provider pv ON pv.id = s.provider " \
  "CROSS JOIN service sv ON sv.id = o.service_id " \
  "CROSS JOIN region r ON r.sheet_id = p.sheet_id AND r.code = o.region "

/* The listings @stmt (LISTING_SELECT_SQL … LISTING_JOINS_SQL) reads; NULL when it fails. */
static GPtrArray *
read_listings (sqlite3               *db,
               sqlite3_stmt          *stmt,
               const SkySearchQuery  *query,
               GError               **error)
{
  g_autoptr(GPtrArray) listings = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   sky_listing_free);
  g_autoptr(GPtrArray) prices = NULL;
  const SkyOfferPrice *price;
  gint64 seq;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SkyListing *l = g_new0 (SkyListing, 1);

      l->provider = _sky_catalog_column_dup (stmt, 0);
      l->provider_name = _sky_catalog_column_dup (stmt, 1);
      l->sheet_version = _sky_catalog_column_dup (stmt, 2);
      l->currency = _sky_catalog_column_dup (stmt, 3);
      l->region = _sky_catalog_column_dup (stmt, 4);
      l->region_name = _sky_catalog_column_dup (stmt, 5);
      l->geography = code_name (SKY_VOCABULARY_GEOGRAPHY,
                                PRICE_BUCKET_GEOGRAPHY (sqlite3_column_int64 (stmt, 6)));
      l->service = _sky_catalog_column_dup (stmt, 7);
      l->service_name = _sky_catalog_column_dup (stmt, 8);
      l->category = code_name (SKY_VOCABULARY_CATEGORY,
                               PRICE_BUCKET_CATEGORY (sqlite3_column_int64 (stmt, 9)));
      l->sku = _sky_catalog_column_dup (stmt, 10);
      l->name = _sky_catalog_column_dup (stmt, 11);
      l->family = _sky_catalog_column_dup (stmt, 12);
      l->os = _sky_catalog_column_dup (stmt, 13);
      l->storage_type = _sky_catalog_column_dup (stmt, 14);
      l->sla = _sky_catalog_column_dup (stmt, 15);
      l->vcpu_milli = column_size (stmt, 16);
      l->memory_mgib = column_size (stmt, 17);
      l->gpu = column_size (stmt, 18);
      l->term = code_name (SKY_VOCABULARY_PURCHASE_OPTION,
                           PRICE_BUCKET_TERM (sqlite3_column_int64 (stmt, 19)));
      l->unit = code_name (SKY_VOCABULARY_UNIT, sqlite3_column_int64 (stmt, 20));
      l->price = sqlite3_column_int64 (stmt, 21);
      l->offer_id = sqlite3_column_int64 (stmt, 24);
      l->provider_short_name = _sky_catalog_column_dup (stmt, 25);
      l->architecture = column_code_name (stmt, 26, SKY_VOCABULARY_ARCHITECTURE);
      l->tenancy = code_name (SKY_VOCABULARY_TENANCY, sqlite3_column_int64 (stmt, 27));
      l->licence = code_name (SKY_VOCABULARY_LICENCE, sqlite3_column_int64 (stmt, 28));
      l->software = _sky_catalog_column_dup (stmt, 29);
      l->capacity = code_name (SKY_VOCABULARY_CAPACITY, sqlite3_column_int64 (stmt, 30));
      g_ptr_array_add (listings, l);

      /* The rest of the price, from the offer's. */
      g_clear_pointer (&prices, g_ptr_array_unref);
      prices = _sky_catalog_decode_prices ((const char *) sqlite3_column_text (stmt, 23));
      seq = sqlite3_column_int64 (stmt, 22);
      if (prices == NULL || seq < 0 || seq >= prices->len)
        {
          rc = SQLITE_CORRUPT;
          break;
        }
      price = g_ptr_array_index (prices, seq);
      l->tiered = price->tiers->len > 0;
      l->has_upfront_fee = price->has_upfront_fee;
      l->upfront_fee = price->upfront_fee;
      l->free_quantity = g_strdup (price->free_quantity);
      l->effective_date = g_strdup (price->effective_date);
      l->has_monthly_cap = price->has_monthly_cap;
      l->monthly_cap = price->monthly_cap;
    }
  if (rc == SQLITE_CORRUPT)
    {
      const SkyListing *last = g_ptr_array_index (listings, listings->len - 1);

      _sky_catalog_unreadable_prices (error, last->offer_id);
      return NULL;
    }
  else if (rc != SQLITE_DONE)
    {
      if (!g_cancellable_set_error_if_cancelled (query->cancellable, error))
          _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
      return NULL;
    }
  return g_steal_pointer (&listings);
}

/* A text that some offers' names hold (the table of names, offer_name, says which names and,
 * for each, its services, sizes and architectures): the offers of those names hold it, each
 * without a check of its own; only the offers whose SKU alone holds it need the text index.
 * When one of the text's trigrams is in as many offers as those names have, no other offer
 * holds the text (each that does holds every trigram of it): the index's look-up of that one
 * trigram, up to those offers, is the whole check (a tenth of the look-up of all of them);
 * otherwise the offers the index finds beside the names' are read and checked, up to
 * NAMED_OTHERS. */
typedef struct
{
  FoundSet *set;        /* the offers that hold the text, exactly */
  GArray   *services;   /* their services, in ascending order */
  GArray   *values[3];  /* their vCPU, memory and architecture values, in ascending order */
  gboolean  without[3]; /* whether some of them have no such value */
  guint64   units;      /* their prices' units (SKY_UNIT_BIT()) */
  GPtrArray *names;     /* the names that hold the text, in the names' order */
} NamedText;

#define NAMED_OTHERS 2000

static const char * const named_columns[] = { "vcpu", "memory", "arch" };

static void
named_text_free (NamedText *named)
{
  g_clear_pointer (&named->set, found_set_free);
  g_clear_pointer (&named->services, g_array_unref);
  for (guint c = 0; c < G_N_ELEMENTS (named->values); c++)
    g_clear_pointer (&named->values[c], g_array_unref);
  g_clear_pointer (&named->names, g_ptr_array_unref);
  g_free (named);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NamedText, named_text_free)

/* A NamedText of no services and no values yet. */
static NamedText *
named_text_new_empty (void)
{
  NamedText *named = g_new0 (NamedText, 1);

  named->services = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint c = 0; c < G_N_ELEMENTS (named->values); c++)
    named->values[c] = g_array_new (FALSE, FALSE, sizeof (gint64));
  return named;
}

/* Whether some offers of @named have a size of @column (0 vCPU, 1 memory) above 0. */
static gboolean
named_sized (const NamedText *named,
             guint            column)
{
  GArray *values = named->values[column];

  return values->len > 0 && g_array_index (values, gint64, values->len - 1) > 0;
}

/* Adds @value to the ascending @values, once. */
static void
add_sorted_value (GArray *values,
                  gint64  value)
{
  guint i = 0;

  while (i < values->len && g_array_index (values, gint64, i) < value)
    i++;
  if (i == values->len || g_array_index (values, gint64, i) != value)
    g_array_insert_val (values, i, value);
}

/* Adds an offer's (or a name's) @service, @sizes (vCPU, memory, architecture; negative for
 * none) and its prices' @units (SKY_UNIT_BIT()) to @named. */
static void
named_add_values (NamedText    *named,
                  gint64        service,
                  const gint64 *sizes,
                  guint64       units)
{
  named->units |= units;
  add_sorted_value (named->services, service);
  for (guint c = 0; c < G_N_ELEMENTS (named->values); c++)
    if (sizes[c] < 0)
      named->without[c] = TRUE;
    else
      add_sorted_value (named->values[c], sizes[c]);
}

/* Fills @set (emptied first) with the offers the text index finds for @fts, up to @most + 1 of
 * them: TRUE when they are @most. */
static gboolean
found_set_fill (sqlite3    *db,
                FoundSet   *set,
                const char *fts,
                gint64      most)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  memset (set->bits, 0, (set->n_bits / 64 + 1) * sizeof (guint64));
  set->count = 0;
  /* A row once they are more. */
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM offer_text WHERE offer_text MATCH ?1 "
                              "AND sky_found_add (?2, rowid, ?3) LIMIT 1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  _sky_catalog_bind_text (stmt, 1, fts);
  sqlite3_bind_pointer (stmt, 2, set, FOUND_SET_TYPE, NULL);
  sqlite3_bind_int64 (stmt, 3, most);
  return sqlite3_step (stmt) == SQLITE_DONE && (gint64) set->count == most;
}

#define TERMS_TABLE_SQL \
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.offer_text_terms " \
  "USING fts5vocab (main, offer_text, row)"

/* Makes the connection's record of the text index's terms unless it is there. A search's
 * connection is query-only (sky_catalog_set_query_only()), which refuses to make even a table
 * of the connection's own temporary schema: it is lifted for that statement alone, which writes
 * nothing to the catalog. */
static gboolean
ensure_terms_table (sqlite3 *db)
{
  int rc = sqlite3_exec (db, TERMS_TABLE_SQL, NULL, NULL, NULL);

  if (rc == SQLITE_READONLY)
    {
      if (sqlite3_exec (db, "PRAGMA query_only = OFF", NULL, NULL, NULL) != SQLITE_OK)
        return FALSE;
      rc = sqlite3_exec (db, TERMS_TABLE_SQL, NULL, NULL, NULL);
      if (sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
        return FALSE;
    }
  return rc == SQLITE_OK;
}

/* How many offers the text index holds @trigram in (three ASCII characters, which its trigram
 * tokenizer folds to lower case as g_ascii_strdown() does), from the index's record of its
 * terms (an fts5vocab table of the connection's own) without setting a bit for each: at
 * 3,000,000 offers, "dar" of "standard", 260,000 offers, 7 ms rather than 12.7. -1 when it
 * cannot be read. */
static gint64
trigram_docs (sqlite3    *db,
              const char *trigram)
{
  g_autoptr(sqlite3_stmt) docs = NULL;
  g_autofree char *term = g_ascii_strdown (trigram, -1);
  gint64 n = 0;
  int rc;

  if (!ensure_terms_table (db) ||
      sqlite3_prepare_v2 (db, "SELECT doc FROM temp.offer_text_terms WHERE term = ?1", -1,
                          &docs, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (docs, 1, term, -1, SQLITE_STATIC);
  rc = sqlite3_step (docs);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (docs, 0);
  else if (rc != SQLITE_DONE)
    return -1;
  return n;
}

/* named_only() counts a trigram's offers from the record of the text index's terms only for
 * names of at least this share of the offers: the record's count reads the trigram's every
 * offer (some 0.03 µs each), where a look-up of a trigram of more offers than the names' stops
 * past their count ("x7.32", 1,700 offers of 1,000,000: "x7." is in 31,146, ".32" in 41,617). */
#define NAMED_COUNT_SHARE 64

/* The trigrams of a text named_only() looks up: where each starts, and how many offers the
 * names that hold it have. */
typedef struct
{
  glong  starts[16];
  gint64 held[16];
  guint  n;
} TrigramTry;

/* The offers that hold @text, when they are the @n_named offers of the names that hold it,
 * none other: the offers of the first of its trigrams (those the index's query names) that is
 * in no more offers than those, or of all of them. NULL when others hold them all. When
 * @counted, a set of no bits, its count alone, when the index's record of its terms says that
 * an ASCII trigram is in as many offers as the names have, of NAMED_COUNT_SHARE of the
 * offers or more (a walk by name reads each name's offers itself, and needs no more than to
 * know that no other offer holds the text). */
static FoundSet *
named_only (sqlite3    *db,
            const char *text,
            const char *fts,
            gint64      n_named,
            gboolean    counted)
{
  g_autoptr(FoundSet) set = g_new0 (FoundSet, 1);
  g_autoptr(sqlite3_stmt) names = NULL;
  glong n = g_utf8_strlen (text, -1);
  gint64 most = offers_at_most (db);
  TrigramTry tries = { 0 };

  set->n_bits = most + 1;
  set->bits = g_new0 (guint64, set->n_bits / 64 + 1);
  if (sqlite3_prepare_v2 (db, "SELECT sum (offers) FROM offer_name WHERE name LIKE ?1 "
                              "ESCAPE '\\'", -1, &names, NULL) != SQLITE_OK)
    return NULL;
  /* Every third, and the last; those fewest names' offers hold first (whose offers the
   * index's look-up reads up to the text's names' count: "DB.R5" of 3,000,000 offers is in
   * 100,000 offers, "db." in 600,000). */
  for (glong i = 0; i < n - 2 && tries.n < G_N_ELEMENTS (tries.starts); i += 3)
    tries.starts[tries.n++] = i;
  if (n % 3 != 0 && tries.n < G_N_ELEMENTS (tries.starts))
    tries.starts[tries.n++] = n - 3;
  for (guint t = 0; t < tries.n; t++)
    {
      const char *start = g_utf8_offset_to_pointer (text, tries.starts[t]);
      g_autofree char *trigram = g_strndup (start, g_utf8_offset_to_pointer (start, 3) - start);
      g_autofree char *like = like_pattern (trigram);

      _sky_catalog_bind_text (names, 1, like);
      tries.held[t] = sqlite3_step (names) == SQLITE_ROW ? sqlite3_column_int64 (names, 0) : 0;
      sqlite3_reset (names);
    }
  for (guint t = 0; t < tries.n; t++)
    {
      g_autoptr(GString) q = g_string_new (NULL);
      guint least = t;

      for (guint u = t + 1; u < tries.n; u++)
        if (tries.held[u] < tries.held[least])
          least = u;
      const char *start = g_utf8_offset_to_pointer (text, tries.starts[least]);
      g_autofree char *trigram = g_strndup (start, g_utf8_offset_to_pointer (start, 3) - start);
      gint64 docs = counted && n_named >= most / NAMED_COUNT_SHARE && g_str_is_ascii (trigram)
                    ? trigram_docs (db, trigram) : -1;

      append_trigram (q, start);
      tries.held[least] = tries.held[t];
      tries.starts[least] = tries.starts[t];
      if (docs == n_named)
        {
          g_clear_pointer (&set->bits, g_free);
          set->n_bits = 0;
          set->count = n_named;
          return g_steal_pointer (&set);
        }
      /* In more offers than the names have: its look-up would say so too. */
      if (docs >= 0)
        continue;
      if (found_set_fill (db, set, q->str, n_named))
        return g_steal_pointer (&set);
    }
  return found_set_fill (db, set, fts, n_named) ? g_steal_pointer (&set) : NULL;
}

/* The offers that hold @text (@like its LIKE pattern, @fts the text index's query) when some
 * offers' names do (see NamedText); NULL when none does, or too many offers the index finds
 * beside theirs, or it cannot be read. When @counted (a walk by name), a set of no bits may
 * say how many they are, that no other offer holds the text (named_only()). */
static NamedText *
named_text_new (sqlite3    *db,
                const char *text,
                const char *like,
                const char *fts,
                gboolean    counted)
{
  g_autoptr(NamedText) named = named_text_new_empty ();
  g_autoptr(sqlite3_stmt) names = NULL;
  g_autoptr(sqlite3_stmt) offers = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(FoundSet) of_names = NULL;
  g_autoptr(FoundSet) found = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  gint64 n_named = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name, service_id, vcpu, memory, arch, offers, units "
                              "FROM offer_name "
                              "WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name", -1, &names,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id FROM offer_row WHERE name = ?1 COLLATE NOCASE", -1,
                          &offers, NULL) != SQLITE_OK)
    return NULL;
  named->names = g_ptr_array_new_with_free_func (g_free);
  _sky_catalog_bind_text (names, 1, like);
  while ((rc = sqlite3_step (names)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (names, 0);
      gint64 sizes[3];

      for (guint c = 0; c < G_N_ELEMENTS (sizes); c++)
        sizes[c] = sqlite3_column_int64 (names, 2 + c);
      named_add_values (named, sqlite3_column_int64 (names, 1), sizes,
                        (guint64) sqlite3_column_int64 (names, 6));
      n_named += sqlite3_column_int64 (names, 5);
      /* One name in any case, as the table and the names' index compare them. */
      if (named->names->len > 0 &&
          sqlite3_stricmp (name, g_ptr_array_index (named->names, named->names->len - 1)) == 0)
        continue;
      g_ptr_array_add (named->names, g_strdup (name));
    }
  if (rc != SQLITE_DONE || named->names->len == 0)
    return NULL;
  named->set = named_only (db, text, fts, n_named, counted);
  if (named->set != NULL)
    return g_steal_pointer (&named);
  /* Others hold it too: the names' offers from the names' index, the others checked. */
  for (guint i = 0; i < named->names->len; i++)
    {
      _sky_catalog_bind_text (offers, 1, g_ptr_array_index (named->names, i));
      if (!append_ids (offers, ids))
        return NULL;
    }
  if (ids->len == 0)
    return NULL;
  /* The offers the index finds beside the names': each read, and kept if it holds the
   * text. */
  found = found_set_new (db, fts, ids->len + NAMED_OTHERS + 1);
  of_names = found_set_of_ids (ids);
  if (found == NULL || found->count > ids->len + NAMED_OTHERS ||
      sqlite3_prepare_v2 (db, "SELECT name LIKE ?2 ESCAPE '\\' OR sku LIKE ?2 ESCAPE '\\', "
                              "service_id, ifnull (vcpu, -1), ifnull (memory, -1), "
                              "ifnull (architecture, -1) FROM offer_row WHERE id = ?1",
                          -1, &check, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (check, 2, like);
  for (gint64 word = 0; word * 64 < found->n_bits; word++)
    for (guint64 bits = found->bits[word]; bits != 0; bits &= bits - 1)
      {
        gint64 id = found->first + word * 64 + __builtin_ctzll (bits);

        if (found_set_has (of_names, id))
          continue;
        sqlite3_bind_int64 (check, 1, id);
        rc = sqlite3_step (check);
        if (rc == SQLITE_ROW && sqlite3_column_int (check, 0) != 0)
          {
            gint64 sizes[3];

            for (guint c = 0; c < G_N_ELEMENTS (sizes); c++)
              sizes[c] = sqlite3_column_int64 (check, 2 + c);
            /* Its prices' units not known: every unit. */
            named_add_values (named, sqlite3_column_int64 (check, 1), sizes, G_MAXUINT64);
            g_array_append_val (ids, id);
            /* Its name is not one of the names': by name, the search sorts them. */
            g_clear_pointer (&named->names, g_ptr_array_unref);
          }
        sqlite3_reset (check);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
          return NULL;
      }
  named->set = found_set_of_ids (ids);
  return g_steal_pointer (&named);
}

/* A search for text the index finds in many offers walks the search's order first, without
 * the index: the prices of the search without its text, merged here from the runs of one
 * column value, unit and bucket that an index of prices holds in price order, each run read a
 * few prices at a time after the last one read (a look-up, then the index's next entries), and
 * each price's offer checked against the text as a scan checks it. Up to this many prices: a
 * text that common early in the order fills its page within them, whatever the catalog's size,
 * without reading the text index (for a text of a tenth of a million offers, the index alone
 * takes 17 to 34 ms) or sorting the prices of every offer it finds. SQLite's own merge of the
 * runs (a search's parts, each limited to as many prices as the probe reads) sorts some four
 * times as many prices as it keeps, at 1 to 1.5 µs each. A walk that does not fill the page
 * gives way to the text index, knowing how many of the page's rows the prices walked held
 * (see WALK_ROWS_PER_OFFER). */
#define WALK_BUDGET 10000

/* A walk stops early when the prices it read held none of the page's rows after twice this
 * many, or, checked each quarter of this many, too few since the first that did for the rest of
 * its budget to fill the page at that rate: a text late in the order, which the text index
 * finds sooner. */
#define WALK_FIRST 1000

/* Each run reads this many prices ahead at first, twice as many at each next read, up to
 * WALK_CHUNK_MOST: most runs of a page's part hold none of its prices. */
#define WALK_CHUNK 4
#define WALK_CHUNK_MOST 256

/* A walk whose offers are known exactly (NamedText) checks each price against them without a
 * look-up: some 0.1 µs a price rather than 3, so it may read this many, and stop early after
 * NAMED_WALK_FIRST. */
#define NAMED_WALK_BUDGET 300000
#define NAMED_WALK_FIRST 100000

/* A walk of few offers known exactly reads at most this many prices per offer: their prices
 * sorted cost some 1.3 µs an offer, the walk 0.2 µs a price (at 100,000 offers, 170 offers of
 * one name, late in the order by architecture: 1.8 ms sorted, 21 walked to the end). */
#define FEW_WALK_PER_OFFER 32

static gint64 named_walk_budget = NAMED_WALK_BUDGET;
static gint64 named_walk_first = NAMED_WALK_FIRST;
static gint64 walk_budget = WALK_BUDGET;
static gint64 walk_first = WALK_FIRST;
static guint walk_chunk = WALK_CHUNK;

/* For tests: how many prices a walk of the search's order reads at most (0: no walk), after
 * how many it may stop early (WALK_FIRST) and how many each run reads ahead at first; -1 for
 * the defaults. */
void
_sky_catalog_set_text_walk_budget (gint64 prices,
                                   gint64 first,
                                   gint64 chunk)
{
  walk_budget = prices >= 0 ? prices : WALK_BUDGET;
  walk_first = first > 0 ? first : WALK_FIRST;
  walk_chunk = chunk > 0 ? (guint) MIN (chunk, WALK_CHUNK_MOST) : WALK_CHUNK;
}

/* For tests: how many prices a walk of the offers known exactly reads at most (0: no such walk)
 * and after how many it may stop early; -1 for the defaults. */
void
_sky_catalog_set_text_named_walk (gint64 prices,
                                  gint64 first)
{
  named_walk_budget = prices >= 0 ? prices : NAMED_WALK_BUDGET;
  named_walk_first = first > 0 ? first : NAMED_WALK_FIRST;
}

/* A walk of a text no name holds that would stop for holding too few of its prices goes on
 * against the offers of one trigram of the text, the one the text index holds in the fewest
 * (trigram_offers()): a price whose offer is not one of them is passed over without a look-up
 * (some 0.2 µs rather than 3), and only the others' rows read for the text. Up to this many
 * prices more, stopping early as a walk does after TRIGRAM_WALK_FIRST: the offers of one region
 * in thirty lie 4,500 prices into the order by price, largest first, at a million offers, which
 * the walk of every offer's row gave up on (and the sort of their prices took 85 ms). */
#define TRIGRAM_WALK_BUDGET 60000
#define TRIGRAM_WALK_FIRST 10000

/* How many of the first offers of each trigram trigram_offers() reads to tell which is in the
 * fewest. */
#define TRIGRAM_SAMPLE 64

/* How many offers of a trigram the text index reads into a set in the time the walk reads one
 * price's offer for the text (some 0.06 µs against 3). */
#define TRIGRAM_OFFERS_A_PRICE 50

/* A walk whose prices held none of the text's offers, though this many would be among them
 * were those offers spread through the order as the text index says they are through the
 * catalog's (the offers of the trigram of the fewest, trigram_offers()), knows that they lie
 * further on, in stretches of the order, and goes on against the trigram's offers at once
 * rather than reading the row of every price up to them: "-win-", the SKU part of an eighth of
 * the offers, held none of the first 8,700 prices by price, largest first, at 1,000,000 offers,
 * and the walk read the rows of 3,000 of them (13 ms) before it read its set (9 ms). It looks
 * once TRIGRAM_LOOK prices were checked. */
#define TRIGRAM_SPREAD_HELD 8
#define TRIGRAM_LOOK 32

static gint64 trigram_walk_budget = TRIGRAM_WALK_BUDGET;
static gint64 trigram_walk_first = TRIGRAM_WALK_FIRST;
static gint64 trigram_spread_held = TRIGRAM_SPREAD_HELD;

/* For tests: how many prices a walk goes on for against the offers of one trigram of its text
 * at most (0: it does not), after how many it may stop early, and how many of the text's
 * prices its prices would have held, spread, when it goes on so at once (0: not so); -1 for
 * the defaults. */
void
_sky_catalog_set_text_trigram_walk (gint64 prices,
                                    gint64 first,
                                    gint64 spread)
{
  trigram_walk_budget = prices >= 0 ? prices : TRIGRAM_WALK_BUDGET;
  trigram_walk_first = first > 0 ? first : TRIGRAM_WALK_FIRST;
  trigram_spread_held = spread >= 0 ? spread : TRIGRAM_SPREAD_HELD;
}

/* One run of a walk: the prices of one value (?1), unit (?2) and bucket (?3) in price order. */
typedef struct
{
  gint64   value;
  gint64   unit;
  gint64   bucket;
  gint64  *rows;     /* amount, offer_seq: the prices read ahead */
  guint    n_rows;
  guint    capacity;
  guint    pos;
  guint    chunk;
  gboolean done;
  gint64   divisor;  /* of a price per vCPU or GiB: the run's size; 0 for none */
} WalkRun;

typedef struct
{
  sqlite3_stmt *offer;       /* an offer's service and whether its name or SKU holds the text */
  GArray       *services;    /* the services whose name holds the text */
  gint64        last_offer;
  gboolean      last_held;
  gint64        walked;
  gint64        budget;
  gint64        offset;      /* the rows before the page */
  gint64        wanted;      /* offset and page */
  gint64        checked;     /* prices walked whose offers were checked for the text */
  gint64        held;        /* prices walked that hold the text */
  gint64        first_held;  /* the prices walked up to the first of them */
  gint64        next_check;  /* when walk_promising() next looks */
  GArray       *keys;        /* bucket, amount, offer_seq of the page's prices, in order */
  gboolean      failed;
  gint64        first;       /* see WALK_FIRST */
  NamedText    *named;       /* the offers that hold the text, when known exactly */
  const char   *text;        /* the text, when the walk may go on against a trigram's offers */
  FoundSet     *trigram;     /* the offers of one trigram of the text, once it does */
  gint64        started;     /* the prices walked before that */
  glong         trigram_start;  /* where the trigram starts in the text */
  gint64        trigram_offers; /* about how many offers hold it; -1 before it is chosen */
  gint64        most;        /* the greatest offer id */
  GArray       *kept_values; /* of a sort by region or service, the values walked; NULL: all */
  const char   *values_column; /* of such a sort, its column, until values_of_offers() is asked */
  const char   *values_index;
  GArray       *held_values; /* what values_of_offers() or narrow_of_kinds() found */
  gboolean      narrows;     /* in price order: may walk the trigram's offers' runs alone */
  const char   *held_column; /* then the column of held_values (narrow_of_kinds()) */
  const char   *narrow_column; /* the column and values of the runs walked; NULL: all */
  GArray       *narrow_values;
} TextWalk;

static void
walk_run_clear (gpointer data)
{
  g_free (((WalkRun *) data)->rows);
}

/* Reads @run's next prices with @stmt (see WalkRun); FALSE when it fails. */
static gboolean
walk_run_fill (sqlite3_stmt *stmt,
               WalkRun      *run,
               gboolean      descending)
{
  gint64 amount = descending ? G_MAXINT64 : G_MININT64;
  gint64 seq = descending ? G_MAXINT64 : G_MININT64;
  int rc;

  if (run->n_rows > 0)
    {
      amount = run->rows[2 * (run->n_rows - 1)];
      seq = run->rows[2 * (run->n_rows - 1) + 1];
    }
  /* As many as this read may take: most runs never read more than their first few. */
  if (run->capacity < run->chunk)
    {
      gint64 *rows = g_new (gint64, 2 * run->chunk);

      if (run->n_rows > 0)
        memcpy (rows, run->rows, 2 * run->n_rows * sizeof (gint64));
      g_free (run->rows);
      run->rows = rows;
      run->capacity = run->chunk;
    }
  sqlite3_bind_int64 (stmt, 1, run->value);
  sqlite3_bind_int64 (stmt, 2, run->unit);
  sqlite3_bind_int64 (stmt, 3, run->bucket);
  sqlite3_bind_int64 (stmt, 4, amount);
  sqlite3_bind_int64 (stmt, 5, seq);
  sqlite3_bind_int64 (stmt, 6, run->chunk);
  run->n_rows = run->pos = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Amounts are integers: one that is not leaves the page to the search. */
      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || run->n_rows == run->chunk)
        {
          rc = SQLITE_MISMATCH;
          break;
        }
      run->rows[2 * run->n_rows] = sqlite3_column_int64 (stmt, 0);
      run->rows[2 * run->n_rows + 1] = sqlite3_column_int64 (stmt, 1);
      run->n_rows++;
    }
  sqlite3_reset (stmt);
  run->done = run->n_rows < run->chunk;
  run->chunk = MIN (run->chunk * 2, WALK_CHUNK_MOST);
  return rc == SQLITE_DONE;
}

/* Whether run @a's next price comes before @b's in the walk's order. */
static gboolean
walk_run_before (const WalkRun *a,
                 const WalkRun *b,
                 gboolean       descending)
{
  gint64 aa = a->rows[2 * a->pos], as = a->rows[2 * a->pos + 1];
  gint64 ba = b->rows[2 * b->pos], bs = b->rows[2 * b->pos + 1];
  gboolean before = aa < ba || (aa == ba && as < bs);

  /* Prices per a size, as the search divides them (see sort_key()): the quotients, then the
   * prices. */
  if (a->divisor > 0 && b->divisor > 0)
    {
      double qa = (double) aa / (double) a->divisor, qb = (double) ba / (double) b->divisor;

      if (qa != qb)
        before = qa < qb;
    }

  return descending ? !before && (aa != ba || as != bs) : before;
}

static void
walk_heap_down (WalkRun  *runs,
                guint    *heap,
                guint     n,
                guint     i,
                gboolean  descending)
{
  for (;;)
    {
      guint least = i, l = 2 * i + 1, r = 2 * i + 2, t;

      if (l < n && walk_run_before (&runs[heap[l]], &runs[heap[least]], descending))
        least = l;
      if (r < n && walk_run_before (&runs[heap[r]], &runs[heap[least]], descending))
        least = r;
      if (least == i)
        return;
      t = heap[i];
      heap[i] = heap[least];
      heap[least] = t;
      i = least;
    }
}

/* Whether the offer of @offer_seq holds the text, as a scan finds it: in its name, its SKU or
 * its service's name. */
static gboolean
walk_check (TextWalk *walk,
            gint64    offer_seq)
{
  gint64 offer = offer_seq >> 10;
  gboolean held = FALSE;
  int rc;

  if (walk->named != NULL)
    return found_set_has (walk->named->set, offer);
  if (walk->trigram != NULL && !found_set_has (walk->trigram, offer))
    return FALSE;
  if (offer == walk->last_offer)
    return walk->last_held;
  sqlite3_bind_int64 (walk->offer, 1, offer);
  rc = sqlite3_step (walk->offer);
  if (rc == SQLITE_ROW)
    {
      gint64 service = sqlite3_column_int64 (walk->offer, 0);

      held = sqlite3_column_int (walk->offer, 1) != 0;
      for (guint i = 0; !held && i < walk->services->len; i++)
        held = g_array_index (walk->services, gint64, i) == service;
    }
  else if (rc != SQLITE_DONE)
    walk->failed = TRUE;
  sqlite3_reset (walk->offer);
  walk->last_offer = offer;
  walk->last_held = held;
  return held;
}

/* Which trigram of @text (three characters or more) the text index holds in the fewest offers,
 * as the ids of their first TRIGRAM_SAMPLE tell (those of a trigram of few offers reach
 * further): sets @start to where it starts and @offers to about how many offers hold it, of
 * the catalog's @most. FALSE when the index cannot be read. */
static gboolean
fewest_trigram (sqlite3    *db,
                const char *text,
                gint64      most,
                glong      *start,
                gint64     *offers)
{
  g_autoptr(sqlite3_stmt) sample = NULL;
  g_autoptr(GString) q = g_string_new (NULL);
  glong n = g_utf8_strlen (text, -1);
  gint64 fewest_reach = -1;

  if (sqlite3_prepare_v2 (db, "SELECT count (*), max (rowid) FROM (SELECT rowid FROM offer_text "
                              "WHERE offer_text MATCH ?1 LIMIT ?2)", -1, &sample,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (sample, 2, TRIGRAM_SAMPLE);
  *start = 0;
  *offers = 0;
  for (glong i = 0; i + 3 <= n; i++)
    {
      gint64 count, reach;

      g_string_truncate (q, 0);
      append_trigram (q, g_utf8_offset_to_pointer (text, i));
      _sky_catalog_bind_text (sample, 1, q->str);
      if (sqlite3_step (sample) != SQLITE_ROW)
        return FALSE;
      count = sqlite3_column_int64 (sample, 0);
      /* Fewer than the sample: as few as any. */
      reach = count < TRIGRAM_SAMPLE ? G_MAXINT64 : sqlite3_column_int64 (sample, 1);
      sqlite3_reset (sample);
      if (reach > fewest_reach)
        {
          *start = i;
          *offers = count < TRIGRAM_SAMPLE ? count : most * TRIGRAM_SAMPLE / MAX (reach, 1);
          fewest_reach = reach;
        }
    }
  return TRUE;
}

/* The offers of the trigram of @text at @start: every offer that holds the text holds each of
 * its trigrams. NULL when the index cannot be read. */
static FoundSet *
trigram_offers (sqlite3    *db,
                const char *text,
                glong       start,
                gint64      most)
{
  g_autoptr(FoundSet) set = g_new0 (FoundSet, 1);
  g_autoptr(sqlite3_stmt) fill = NULL;
  g_autoptr(GString) q = g_string_new (NULL);

  /* No row: the set has room for no more than every offer. */
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM offer_text WHERE offer_text MATCH ?1 "
                              "AND sky_found_add (?2, rowid, ?3)", -1, &fill, NULL) != SQLITE_OK)
    return NULL;
  append_trigram (q, g_utf8_offset_to_pointer (text, start));
  set->n_bits = most + 1;
  set->bits = g_new0 (guint64, set->n_bits / 64 + 1);
  _sky_catalog_bind_text (fill, 1, q->str);
  sqlite3_bind_pointer (fill, 2, set, FOUND_SET_TYPE, NULL);
  sqlite3_bind_int64 (fill, 3, set->n_bits);
  return sqlite3_step (fill) == SQLITE_DONE ? g_steal_pointer (&set) : NULL;
}

/* A walk by region or service against the offers of one trigram of its text that stops
 * without its page, as when those offers lie in a few regions late in the order (a region's
 * code in SKUs: at 1,000,000 offers, the walk read 1,380,000 prices of the regions before
 * theirs for its first row, and the sort of the text's prices that followed took 65 ms), learns
 * which regions (or services) hold them and walks those alone. A price has its offer's region
 * and service: each region found for an offer is read through the index of offers by region
 * (a service, through the index of prices by service), every offer of the set seen there taken
 * out of a copy of it, until none is left; the regions read that held some are then all that
 * do. Up to this many entries (offers or prices) per offer of the set are so read: a set spread
 * over many regions, or lying in a large one, is left to the sort. */
#define VALUES_PRICES_PER_OFFER 2

/* How many offers left in the copy each round looks up the regions of. */
#define VALUES_SAMPLE 8

static gint64 values_prices_per_offer = VALUES_PRICES_PER_OFFER;

/* How many prices the last walk of a text checked, in its walk again of the values found too. */
static gint last_checked;

/* For tests: how many prices the last walk of a text's search checked (see walk_text()). */
gint64
_sky_catalog_text_checked (void)
{
  return g_atomic_int_get (&last_checked);
}

/* For tests: how many prices per offer of a trigram's set values_of_offers() reads at most (0:
 * none, the walk is not made again); -1 for the default. */
void
_sky_catalog_set_text_values_walk (gint64 prices_per_offer)
{
  values_prices_per_offer = prices_per_offer >= 0 ? prices_per_offer : VALUES_PRICES_PER_OFFER;
}

/* Up to VALUES_SAMPLE offers of @set, one from each of as many stretches of its bits. */
static guint
sample_offers (const FoundSet *set,
               gint64         *ids)
{
  gint64 n_words = set->n_bits / 64 + 1;
  guint n = 0;

  for (guint k = 0; k < VALUES_SAMPLE; k++)
    {
      gint64 word = n_words * k / VALUES_SAMPLE;

      while (word < n_words && set->bits[word] == 0)
        word++;
      if (word == n_words)
        break;
      ids[n] = set->first + word * 64 + __builtin_ctzll (set->bits[word]);
      if (n == 0 || ids[n] != ids[n - 1])
        n++;
    }
  return n;
}

/* The values of @column ("region" or "service_id", which each price has of its offer) that
 * prices of the offers of @offers have, in ascending order, read as VALUES_PRICES_PER_OFFER
 * says: a region's offers from the index of offers by region (an entry an offer rather than a
 * price, and a third fewer: the 316,000 prices of two regions of 3,000,000 offers took 33 ms,
 * their 200,000 offers 16), a service's prices from @index; NULL when that reads too many, or
 * fails. A service's count of offers (price_meet) tells before its prices are read whether
 * there are too many. */
static GArray *
values_of_offers (sqlite3        *db,
                  const FoundSet *offers,
                  const char     *column,
                  const char     *index)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) value = NULL;
  g_autoptr(sqlite3_stmt) take = NULL;
  g_autoptr(sqlite3_stmt) meet = NULL;
  g_autofree char *value_sql = g_strdup_printf ("SELECT %s FROM offer_row WHERE id = ?1",
                                                column);
  /* No row: the set counts the ids it was asked about and those it had (with an aggregate of
   * each, 20 ms rather than 16 for those two regions). */
  g_autofree char *take_sql = strcmp (column, "region") == 0
    ? g_strdup ("SELECT 1 FROM (SELECT id FROM offer_row INDEXED BY offer_by_region_name "
                "  WHERE region = ?1 LIMIT ?3) WHERE sky_found_take (?2, id) < 0")
    : g_strdup_printf ("SELECT 1 FROM (SELECT offer_seq >> 10 AS id FROM price INDEXED BY %s "
                       "  WHERE %s = ?1 LIMIT ?3) WHERE sky_found_take (?2, id) < 0",
                       index, column);
  FoundSet left = *offers;
  g_autofree guint64 *bits = g_memdup2 (offers->bits,
                                        (offers->n_bits / 64 + 1) * sizeof (guint64));
  gint64 budget = values_prices_per_offer * (gint64) offers->count;

  left.bits = bits;
  left.ids = NULL;
  if (sqlite3_prepare_v2 (db, value_sql, -1, &value, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, take_sql, -1, &take, NULL) != SQLITE_OK ||
      (strcmp (column, "service_id") == 0 &&
       sqlite3_prepare_v2 (db, "SELECT total (offers) FROM price_meet WHERE service_id = ?1",
                           -1, &meet, NULL) != SQLITE_OK))
    return NULL;
  sqlite3_bind_pointer (take, 2, &left, FOUND_SET_TYPE, NULL);
  while (left.count > 0)
    {
      gint64 ids[VALUES_SAMPLE];
      guint n = sample_offers (&left, ids);

      if (n == 0)
        return NULL;
      for (guint i = 0; i < n; i++)
        {
          gint64 v, bit = ids[i] - left.first;
          gboolean seen = FALSE;

          sqlite3_bind_int64 (value, 1, ids[i]);
          if (sqlite3_step (value) != SQLITE_ROW ||
              sqlite3_column_type (value, 0) != SQLITE_INTEGER)
            return NULL;
          v = sqlite3_column_int64 (value, 0);
          sqlite3_reset (value);
          for (guint j = 0; !seen && j < read->len; j++)
            seen = g_array_index (read, gint64, j) == v;
          /* A service of more offers than are left to read prices of: not read at all. */
          if (!seen && meet != NULL)
            {
              sqlite3_bind_int64 (meet, 1, v);
              if (sqlite3_step (meet) != SQLITE_ROW || sqlite3_column_int64 (meet, 0) > budget)
                return NULL;
              sqlite3_reset (meet);
            }
          if (!seen)
            {
              gint64 entries = left.checked;
              guint64 held = left.count;

              sqlite3_bind_int64 (take, 1, v);
              sqlite3_bind_int64 (take, 3, budget + 1);
              if (sqlite3_step (take) != SQLITE_DONE)
                return NULL;
              entries = left.checked - entries;
              held -= left.count;
              sqlite3_reset (take);
              budget -= entries;
              if (budget < 0)
                return NULL;
              g_array_append_val (read, v);
              if (held > 0)
                add_sorted_value (values, v);
            }
          /* An offer its value's prices do not hold has none. */
          if ((left.bits[bit / 64] >> (bit % 64) & 1) != 0)
            {
              left.bits[bit / 64] &= ~(G_GUINT64_CONSTANT (1) << (bit % 64));
              left.count--;
            }
        }
    }
  return g_steal_pointer (&values);
}

/* How many offers kinds_of_offers() first looks up the kind of, one from each stretch of the
 * ids: a text of every kind shows them all there (the offers of one service lie together by
 * id), and the rest of its offers need not be read ("-us-east-1-" at 3,000,000 offers: the
 * kinds of 200,000 offers, 1.3 ms, for none a walk could leave out). */
#define KINDS_SAMPLE 64

/* Marks in @seen the kind of offer @id, whose row of the record of kinds is @codes, of those
 * @known holds (kinds_of_offers()), and in @group_seen its group of @groups, counting in
 * @n_seen the groups not seen before; FALSE when the offer's kind is not recorded. */
static gboolean
mark_kind (const guint8 *codes,
           gint64        id,
           GArray       *known,
           const guint  *groups,
           guint8       *seen,
           guint8       *group_seen,
           guint        *n_seen)
{
  gint64 place = 2 * (id % OFFER_KIND_CHUNK);
  guint code = codes[place] | (guint) codes[place + 1] << 8;

  if (3 * code >= known->len || g_array_index (known, gint64, 3 * code) == 0)
    return FALSE;
  seen[code] = 1;
  *n_seen += group_seen[groups[code]] == 0;
  group_seen[groups[code]] = 1;
  return TRUE;
}

/* The kinds (service id, OS word id, -1 for none, and region word id; three gint64 each, once)
 * of the offers of @offers, as the record of each offer's kind says (the catalog's schemas 26
 * and 27): of an offer of each stretch of their ids first (KINDS_SAMPLE), then each row of the
 * record of their ids read once in order, the two bytes of each offer of the set looked at,
 * until every kind of the catalog is among them, or, without @regions, every service and OS
 * the kinds have together (a text of every service and OS, in a few regions, shows them all
 * in the first offers looked at: "-us-east-1-"). NULL when an offer's kind is not recorded, or
 * it cannot be read. */
static GArray *
kinds_of_offers (sqlite3        *db,
                 const FoundSet *offers,
                 gboolean        regions)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) known = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  g_autoptr(sqlite3_stmt) kind = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autofree guint8 *seen = NULL;
  g_autofree guint8 *group_seen = NULL;
  const gint64 per_chunk = OFFER_KIND_CHUNK;
  const gint64 n_words = offers->n_bits / 64 + 1;
  const guint8 *codes = NULL;
  gint64 chunk = -1;
  guint n_known = 0, n_seen = 0;
  int rc;

  if (offers->count == 0)
    return g_steal_pointer (&kinds);
  if (sqlite3_prepare_v2 (db, "SELECT id, service_id, os, region FROM kind WHERE id <= 65535",
                          -1, &kind, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT kinds FROM offer_kind WHERE chunk = ?1", -1, &one,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT chunk, kinds FROM offer_kind WHERE chunk >= ?1 "
                              "ORDER BY chunk", -1, &rows, NULL) != SQLITE_OK)
    return NULL;
  /* Each kind's service, OS and region at its id's place (a service id of 0 for no kind), and
   * its group: the kind itself, or its service and OS (service ids and word ids are far below
   * 2^31). */
  while ((rc = sqlite3_step (kind)) == SQLITE_ROW)
    {
      guint id = (guint) sqlite3_column_int64 (kind, 0);
      gint64 pair = sqlite3_column_int64 (kind, 1) << 32 ^ sqlite3_column_int64 (kind, 2);
      gpointer group = NULL;

      if (known->len < 3 * (id + 1))
        {
          g_array_set_size (known, 3 * (id + 1));
          g_array_set_size (groups, id + 1);
        }
      for (guint c = 0; c < 3; c++)
        g_array_index (known, gint64, 3 * id + c) = sqlite3_column_int64 (kind, 1 + c);
      if (regions || !g_hash_table_lookup_extended (pairs, &pair, NULL, &group))
        {
          group = GUINT_TO_POINTER (n_known++);
          if (!regions)
            g_hash_table_insert (pairs, g_memdup2 (&pair, sizeof pair), group);
        }
      g_array_index (groups, guint, id) = GPOINTER_TO_UINT (group);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  seen = g_new0 (guint8, known->len / 3 + 1);
  group_seen = g_new0 (guint8, n_known + 1);
  for (guint k = 0; k < KINDS_SAMPLE && n_seen < n_known; k++)
    {
      gint64 word = n_words * k / KINDS_SAMPLE, id;
      gboolean marked;

      while (word < n_words && offers->bits[word] == 0)
        word++;
      if (word == n_words)
        break;
      id = offers->first + word * 64 + __builtin_ctzll (offers->bits[word]);
      sqlite3_bind_int64 (one, 1, id / per_chunk);
      marked = sqlite3_step (one) == SQLITE_ROW &&
               sqlite3_column_bytes (one, 0) == 2 * per_chunk &&
               mark_kind (sqlite3_column_blob (one, 0), id, known,
                          (const guint *) (gpointer) groups->data, seen, group_seen, &n_seen);
      sqlite3_reset (one);
      if (!marked)
        return NULL;
    }
  sqlite3_bind_int64 (rows, 1, offers->first / per_chunk);
  for (gint64 word = 0; word < n_words && n_seen < n_known; word++)
    for (guint64 bits = offers->bits[word]; bits != 0; bits &= bits - 1)
      {
        gint64 id = offers->first + word * 64 + __builtin_ctzll (bits);

        /* The rows in order, to the one of this id; none: not recorded. */
        while (chunk < id / per_chunk)
          {
            if (sqlite3_step (rows) != SQLITE_ROW)
              return NULL;
            chunk = sqlite3_column_int64 (rows, 0);
            codes = sqlite3_column_blob (rows, 1);
            if (sqlite3_column_bytes (rows, 1) != 2 * per_chunk)
              return NULL;
          }
        if (chunk != id / per_chunk ||
            !mark_kind (codes, id, known, (const guint *) (gpointer) groups->data, seen,
                        group_seen, &n_seen))
          return NULL;
      }
  for (guint code = 0; code < known->len / 3; code++)
    if (seen[code])
      g_array_append_vals (kinds, &g_array_index (known, gint64, 3 * code), 3);
  return g_steal_pointer (&kinds);
}

/* A walk in price order (by price, unit price or purchase option) against the offers of one
 * trigram of its text reads only the runs of the operating systems those offers have, or of
 * their services, whichever the fewer offers of the catalog have, when that is at most one in
 * NARROW_SHARE: "-win-", the SKU part of the Windows machines, an eighth of the offers of a
 * million, lies 275,000 on-demand prices in by purchase option, past the Linux machines' and
 * the storage's. */
#define NARROW_SHARE 2

/* The column ("os" or "service_id") and its values whose runs hold every price of the offers of
 * @kinds (kinds_of_offers()) and the fewest offers of the catalog, as the record of which values
 * the offers hold together counts them, when those are few enough (NARROW_SHARE); NULL
 * otherwise. An offer without an OS has prices in no OS's runs: then only their services. */
static GArray *
narrow_of_kinds (sqlite3     *db,
                 GArray      *kinds,
                 const char **column)
{
  static const char * const columns[] = { "os", "service_id" };
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GArray) best = NULL;
  gint64 all = 0, fewest = G_MAXINT64;

  if (!_sky_catalog_query_int (db, "SELECT total (offers) FROM price_meet", &all, NULL))
    return NULL;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *sql = g_strdup_printf ("SELECT total (offers) FROM price_meet "
                                              "WHERE %s = ?1", columns[c]);
      gint64 offers = 0;
      gboolean without = FALSE;

      for (guint i = 0; i < kinds->len; i += 3)
        {
          gint64 value = g_array_index (kinds, gint64, i + (c == 0 ? 1 : 0));

          without = without || value < 0;
          add_sorted_value (values, value);
        }
      if (without)
        continue;
      g_clear_pointer (&count, sqlite3_finalize);
      if (sqlite3_prepare_v2 (db, sql, -1, &count, NULL) != SQLITE_OK)
        return NULL;
      for (guint i = 0; i < values->len; i++)
        {
          sqlite3_bind_int64 (count, 1, g_array_index (values, gint64, i));
          if (sqlite3_step (count) != SQLITE_ROW)
            return NULL;
          offers += sqlite3_column_int64 (count, 0);
          sqlite3_reset (count);
        }
      if (offers < fewest)
        {
          fewest = offers;
          *column = columns[c];
          g_clear_pointer (&best, g_array_unref);
          best = g_steal_pointer (&values);
        }
    }
  return best != NULL && fewest * NARROW_SHARE <= all ? g_steal_pointer (&best) : NULL;
}

/* Whether @walk may still fill its page within its budget (see WALK_FIRST): at the rate its
 * prices held the text since the first that did, which lets a text that starts late in the
 * order but is common from there on go on. */
static gboolean
walk_promising (TextWalk *walk)
{
  gint64 since = walk->walked - walk->first_held;

  if (walk->walked < walk->next_check)
    return TRUE;
  walk->next_check = walk->walked + MAX (walk->first / 4, 1);
  if (walk->held == 0)
    return walk->walked - walk->started < 3 * walk->first;
  return since < walk->first / 2 ||
         walk->walked + since * (walk->wanted - walk->held) / walk->held <= walk->budget;
}

/* Whether @walk reads its next price: within its budget and promising, or, where it would stop,
 * when it may go on against the offers of one trigram of its text (see TRIGRAM_WALK_BUDGET),
 * from there with a budget and an early stop of its own. A walk whose first prices (WALK_FIRST)
 * held none of the page's rows goes on so once it has read as many prices as the trigram's
 * offers cost to read from the index (TRIGRAM_OFFERS_A_PRICE), rather than only when it would
 * stop; one whose checked prices would have held some, spread, at once (TRIGRAM_SPREAD_HELD). */
static gboolean
walk_goes_on (TextWalk *walk)
{
  sqlite3 *db = sqlite3_db_handle (walk->offer);
  gboolean early = FALSE;

  if (walk->text == NULL || walk->trigram != NULL || walk->held > 0 ||
      walk->checked < MIN (TRIGRAM_LOOK, walk->first))
    ;
  else if (walk->trigram_offers < 0 &&
           !fewest_trigram (db, walk->text, walk->most, &walk->trigram_start,
                            &walk->trigram_offers))
    {
      walk->failed = TRUE;
      return FALSE;
    }
  else
    early = (walk->walked >= walk->first &&
             walk->walked >= walk->trigram_offers / TRIGRAM_OFFERS_A_PRICE) ||
            (trigram_spread_held > 0 &&
             walk->checked * walk->trigram_offers >= trigram_spread_held * MAX (walk->most, 1));
  if (!early && walk->walked < walk->budget && walk_promising (walk))
    return TRUE;
  if (walk->text == NULL || walk->trigram != NULL || walk->failed)
    return FALSE;
  if (walk->trigram_offers < 0 &&
      !fewest_trigram (db, walk->text, walk->most, &walk->trigram_start, &walk->trigram_offers))
    walk->trigram = NULL;
  else
    walk->trigram = trigram_offers (db, walk->text, walk->trigram_start, walk->most);
  if (walk->trigram == NULL)
    {
      walk->failed = TRUE;
      return FALSE;
    }
  /* By region, service or provider, the values those offers' prices have, and the walk of
   * those alone (walk_held_values()), rather than the parts of the others first. */
  if (walk->values_column != NULL)
    {
      /* Services or regions: those of the offers' kinds, however many prices they have
       * ("-win-", the Windows machines' SKU part, in a service of 620,000 offers of a
       * million, whose prices values_of_offers() would not read; "-us-east-1-", whose two
       * regions' 200,000 offers of 3,000,000 it would read to know that no other holds
       * some). */
      gboolean region = strcmp (walk->values_column, "region") == 0;

      if (region || strcmp (walk->values_column, "service_id") == 0)
        {
          g_autoptr(GArray) kinds = kinds_of_offers (db, walk->trigram, region);

          for (guint i = 0; kinds != NULL && i < kinds->len; i += 3)
            {
              if (walk->held_values == NULL)
                walk->held_values = g_array_new (FALSE, FALSE, sizeof (gint64));
              add_sorted_value (walk->held_values,
                                g_array_index (kinds, gint64, i + (region ? 2u : 0u)));
            }
        }
      if (walk->held_values == NULL)
        walk->held_values = values_of_offers (db, walk->trigram, walk->values_column,
                                              walk->values_index);
      walk->values_column = NULL;
      if (walk->held_values != NULL)
        return FALSE;
    }
  /* In price order, the runs of those offers' OS or services alone (walk_held_values()). */
  if (walk->narrows)
    {
      g_autoptr(GArray) kinds = kinds_of_offers (db, walk->trigram, FALSE);

      walk->narrows = FALSE;
      if (kinds != NULL)
        walk->held_values = narrow_of_kinds (db, kinds, &walk->held_column);
      if (walk->held_values != NULL)
        return FALSE;
    }
  walk->started = walk->walked;
  walk->budget = walk->walked + trigram_walk_budget;
  walk->first = trigram_walk_first;
  walk->next_check = walk->walked + MAX (walk->first / 4, 1);
  return walk->walked < walk->budget;
}

/* Of a walk of the offers it knows exactly, the condition on its reads of prices that keeps
 * theirs (see WALK_PASS), ?7 their set; "" for another walk. */
static const char *
walk_kept (const TextWalk *walk)
{
  return walk->named != NULL ? " AND sky_found_walk (?7, p.offer_seq >> 10)" : "";
}

/* Reads @run's next prices with @stmt, as walk_run_fill(), counting as walked those the read
 * passed over (see WALK_PASS) that @set (NULL for none) was asked about. FALSE when it
 * fails. */
static gboolean
walk_fill (TextWalk     *walk,
           sqlite3_stmt *stmt,
           WalkRun      *run,
           gboolean      descending,
           FoundSet     *set)
{
  gint64 asked = set != NULL ? set->checked : 0;

  if (!walk_run_fill (stmt, run, descending))
    {
      walk->failed = TRUE;
      return FALSE;
    }
  if (set != NULL)
    walk->walked += MAX (set->checked - asked - (gint64) run->n_rows, 0);
  return TRUE;
}

/* Walks one part of the search's order: the prices of @runs merged in price order (largest
 * first when @descending), @stmt reading each run's (with walk_kept()'s condition, when it has
 * its parameter). FALSE when the walk stops: its page is full, its budget spent, or it
 * failed. */
static gboolean
walk_part (TextWalk     *walk,
           sqlite3_stmt *stmt,
           GArray       *runs,
           gboolean      descending)
{
  WalkRun *r = (WalkRun *) (gpointer) runs->data;
  g_autofree guint *heap = g_new (guint, runs->len + 1);
  FoundSet *set = NULL;
  guint n = 0;

  if (walk->named != NULL && sqlite3_bind_parameter_count (stmt) >= 7)
    {
      set = walk->named->set;
      sqlite3_bind_pointer (stmt, 7, set, FOUND_SET_TYPE, NULL);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      r[i].chunk = walk_chunk;
      if (!walk_goes_on (walk))
        return FALSE;
      walk->walked++;
      if (!walk_fill (walk, stmt, &r[i], descending, set))
        return FALSE;
      if (r[i].n_rows > 0)
        heap[n++] = i;
    }
  for (guint i = n / 2; i-- > 0;)
    walk_heap_down (r, heap, n, i, descending);
  while (n > 0)
    {
      WalkRun *run = &r[heap[0]];
      gint64 amount = run->rows[2 * run->pos];
      gint64 seq = run->rows[2 * run->pos + 1];

      if (!walk_goes_on (walk))
        return FALSE;
      walk->walked++;
      walk->checked++;
      if (walk_check (walk, seq))
        {
          if (walk->held >= walk->offset)
            {
              g_array_append_val (walk->keys, run->bucket);
              g_array_append_val (walk->keys, amount);
              g_array_append_val (walk->keys, seq);
            }
          if (walk->held++ == 0)
            walk->first_held = walk->walked;
          if (walk->held >= walk->wanted)
            return FALSE;
        }
      if (walk->failed)
        return FALSE;
      if (++run->pos == run->n_rows)
        {
          if (!run->done && !walk_fill (walk, stmt, run, descending, set))
            return FALSE;
          if (run->n_rows == 0 || run->pos == run->n_rows)
            heap[0] = heap[--n];
        }
      walk_heap_down (r, heap, n, 0, descending);
    }
  return TRUE;
}

/* Whether @query is one a walk reads as its search does: a text, a sort a walk knows, and no
 * other filter (the window's search as it is typed). */
static gboolean
walk_fits (const SkySearchQuery *query)
{
  if (query->limit == 0 || query->provider != NULL || query->region != NULL ||
      query->geography != NULL || query->category != NULL || query->os != NULL ||
      query->term != NULL || names_one (query->architecture) || query->tenancy != NULL ||
      query->licence != NULL || query->software != NULL || query->capacity != NULL ||
      names_one (query->unit) || query->min_vcpu_milli > 0 || query->min_memory_mgib > 0 ||
      query->has_max_price)
    return FALSE;
  switch (query->sort)
    {
    case SKY_SORT_PRICE:
    case SKY_SORT_UNIT_PRICE:
    case SKY_SORT_TERM:
    case SKY_SORT_VCPU:
    case SKY_SORT_MEMORY:
    case SKY_SORT_ARCHITECTURE:
    case SKY_SORT_REGION:
    case SKY_SORT_SERVICE:
    case SKY_SORT_PROVIDER:
      return TRUE;
    case SKY_SORT_NAME:
    case SKY_SORT_PER_VCPU:
    case SKY_SORT_PER_GIB:
    default:
      return FALSE;
    }
}

static GArray *
walk_runs_new (void)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (WalkRun));

  g_array_set_clear_func (runs, walk_run_clear);
  return runs;
}

/* Adds to @runs one run for each of @values (or the one value 0 when NULL), each of @units
 * (likewise) and each of @buckets. */
static void
add_walk_runs (GArray *runs,
               GArray *values,
               GArray *units,
               GArray *buckets)
{
  guint n_values = values != NULL ? values->len : 1;
  guint n_units = units != NULL ? units->len : 1;

  for (guint v = 0; v < n_values; v++)
    for (guint u = 0; u < n_units; u++)
      for (guint b = 0; b < buckets->len; b++)
        {
          WalkRun run = { 0 };

          run.value = values != NULL ? g_array_index (values, gint64, v) : 0;
          run.unit = units != NULL ? g_array_index (units, gint64, u) : 0;
          run.bucket = g_array_index (buckets, gint64, b);
          g_array_append_val (runs, run);
        }
}

/* The ids of a group "id, id, …" (id_groups()). */
static GArray *
parse_ids (const char *group)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_strsplit (group, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Reads with @stmt the value (its first column) that follows @value, bound as its parameter
 * @param, into @value: SQLITE_ROW, SQLITE_DONE when none follows, or an error. */
static int
step_next (sqlite3_stmt *stmt,
           int           param,
           gint64       *value)
{
  int rc;

  sqlite3_bind_int64 (stmt, param, *value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc;
}

/* Keeps of the unit codes @units and the buckets @buckets those in which the services
 * @services have prices: the index of prices by service read by skipping from each service's
 * unit to the next, and from each of its buckets to the next (a look-up each). FALSE when it
 * cannot be read. */
static gboolean
keep_services_runs (sqlite3 *db,
                    GArray  *services,
                    GArray  *units,
                    GArray  *buckets)
{
  g_autoptr(sqlite3_stmt) next_unit = NULL;
  g_autoptr(sqlite3_stmt) next_bucket = NULL;
  g_autoptr(GArray) held_units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) held_buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT unit FROM price INDEXED BY price_by_service "
                              "WHERE service_id = ?1 AND unit > ?2 ORDER BY unit LIMIT 1",
                          -1, &next_unit, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT bucket FROM price INDEXED BY price_by_service "
                              "WHERE service_id = ?1 AND unit = ?2 AND bucket > ?3 "
                              "ORDER BY bucket LIMIT 1", -1, &next_bucket, NULL) != SQLITE_OK)
    return FALSE;
  for (guint i = 0; i < services->len; i++)
    {
      gint64 unit = G_MININT64;

      sqlite3_bind_int64 (next_unit, 1, g_array_index (services, gint64, i));
      sqlite3_bind_int64 (next_bucket, 1, g_array_index (services, gint64, i));
      for (;;)
        {
          gint64 bucket = G_MININT64;

          rc = step_next (next_unit, 2, &unit);
          if (rc == SQLITE_DONE)
            break;
          if (rc != SQLITE_ROW)
            return FALSE;
          add_sorted_value (held_units, unit);
          sqlite3_bind_int64 (next_bucket, 2, unit);
          while ((rc = step_next (next_bucket, 3, &bucket)) == SQLITE_ROW)
            add_sorted_value (held_buckets, bucket);
          if (rc != SQLITE_DONE)
            return FALSE;
        }
    }
  keep_listed_values (units, held_units);
  keep_listed_values (buckets, held_buckets);
  return TRUE;
}

/* The runs of a walk in price order of the offers @named knows exactly, ?1 a value, ?2 a unit
 * and ?3 a bucket: of their vCPU counts, memory or architectures, when every one of them has
 * one, or else of their services, whose values it sets @values to. A walk through the price
 * key would pass over every other price of their buckets (the largest prices of one size of
 * a million offers: 60,000 and more). */
static char *
named_runs_from (NamedText  *named,
                 GArray    **values)
{
  static const char * const indexes[] = { "price_by_vcpu", "price_by_memory", "price_by_arch" };

  G_STATIC_ASSERT (G_N_ELEMENTS (indexes) == G_N_ELEMENTS (named_columns));
  for (guint c = 0; c < G_N_ELEMENTS (indexes); c++)
    if (!named->without[c])
      {
        *values = named->values[c];
        return g_strdup_printf ("FROM price p INDEXED BY %s WHERE p.%s = ?1 AND p.unit = ?2 "
                                "AND p.bucket = ?3", indexes[c], named_columns[c]);
      }
  *values = named->services;
  return g_strdup ("FROM price p INDEXED BY price_by_service WHERE p.service_id = ?1 "
                   "AND p.unit = ?2 AND p.bucket = ?3");
}

/* " AND p.unit = code" of the unit @query names, for a walk's runs of every unit; "" for
 * none. */
static char *
walk_unit_condition (const SkySearchQuery *query)
{
  if (!names_one (query->unit))
    return g_strdup ("");
  return g_strdup_printf (" AND p.unit = %d",
                          sky_vocabulary_code (SKY_VOCABULARY_UNIT, query->unit));
}

/* Adds to @buckets and @units (codes) those a walk reads: every bucket and unit that holds
 * prices, of @query's purchase option, geography, category and unit, of the services of its offers
 * when it knows them exactly (keep_services_runs()), and then of the units of their prices
 * alone, as the table of names records them (schema 27: the provisioned disks' IOPS prices,
 * the cheapest of their service, are of none of "hdd-standard"'s offers). FALSE when they
 * cannot be read. */
static gboolean
walk_buckets_units (TextWalk             *walk,
                    sqlite3              *db,
                    const SkySearchQuery *query,
                    GArray               *buckets,
                    GArray               *units)
{
  g_autoptr(GArray) present = catalog_buckets (db);
  g_autoptr(GArray) places = catalog_units (db);
  g_autoptr(GArray) geographies = query_geographies (db, query);
  const SkyWord *t = query->term != NULL
                     ? sky_vocabulary_lookup (SKY_VOCABULARY_PURCHASE_OPTION, query->term) : NULL;
  const SkyWord *c = query->category != NULL
                     ? sky_vocabulary_lookup (SKY_VOCABULARY_CATEGORY, query->category) : NULL;

  if (present == NULL || places->len == 0)
    return FALSE;
  /* A purchase option or category no price has: no bucket. */
  for (guint i = 0; i < present->len; i++)
    if ((query->term == NULL || t != NULL) && (query->category == NULL || c != NULL) &&
        bucket_kept (g_array_index (present, gint64, i), t, geographies, c))
      g_array_append_val (buckets, g_array_index (present, gint64, i));
  for (guint i = 0; i < places->len; i++)
    {
      guint place = g_array_index (places, guint, i);
      gint64 code = sky_vocabulary_nth (SKY_VOCABULARY_UNIT, place)->code;

      if ((!names_one (query->unit) ||
           code == sky_vocabulary_code (SKY_VOCABULARY_UNIT, query->unit)) &&
          (walk->named == NULL || (walk->named->units & SKY_UNIT_BIT (code)) != 0))
        g_array_append_val (units, code);
    }
  return walk->named == NULL || keep_services_runs (db, walk->named->services, units, buckets);
}

/* The offers of the name @name (in any case) as NamedText: their services, sizes and
 * architectures from the table of names, the offers from the names' index. NULL when they
 * cannot be read. */
static NamedText *
named_of_name (sqlite3    *db,
               const char *name)
{
  g_autoptr(NamedText) one = named_text_new_empty ();
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) offers = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT service_id, vcpu, memory, arch, units FROM offer_name "
                              "WHERE name = ?1", -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id FROM offer_row WHERE name = ?1 COLLATE NOCASE", -1,
                          &offers, NULL) != SQLITE_OK)
    return NULL;
  _sky_catalog_bind_text (rows, 1, name);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 sizes[3];

      for (guint c = 0; c < G_N_ELEMENTS (sizes); c++)
        sizes[c] = sqlite3_column_int64 (rows, 1 + c);
      named_add_values (one, sqlite3_column_int64 (rows, 0), sizes,
                        (guint64) sqlite3_column_int64 (rows, 4));
    }
  if (rc != SQLITE_DONE)
    return NULL;
  _sky_catalog_bind_text (offers, 1, name);
  if (!append_ids (offers, ids))
    return NULL;
  one->set = found_set_of_ids (ids);
  return g_steal_pointer (&one);
}

static int
compare_price_keys (const void *a,
                    const void *b)
{
  const gint64 *x = a, *y = b;

  /* bucket, amount, offer_seq: by amount, then offer_seq, as a search orders a name's prices. */
  if (x[1] != y[1])
    return x[1] < y[1] ? -1 : 1;
  return x[2] < y[2] ? -1 : x[2] > y[2];
}

/* By name, a walk of a text no name holds goes on against the offers of one trigram of its
 * text (see TRIGRAM_WALK_BUDGET) before it reads the prices of a name's offers when, at this
 * many of the trigram's offers read into its set in the time one offer's prices are read
 * (through the index of prices by offer, each offer's on its own page: some 1.3 µs at 1,000,000
 * offers, 5 at 3,000,000), the trigram's offers cost less than the name's: then only the
 * prices of those of its offers the trigram's set holds are read. */
#define NAME_TRIGRAM_OFFERS_AN_OFFER 50

static gint64 name_trigram_offers_an_offer = NAME_TRIGRAM_OFFERS_AN_OFFER;

/* For tests: how many of a trigram's offers cost as much as one offer's prices, by name (see
 * NAME_TRIGRAM_OFFERS_AN_OFFER; 0: by name, the walk never goes on so before a name); -1 for
 * the default. */
void
_sky_catalog_set_text_name_trigram (gint64 offers_an_offer)
{
  name_trigram_offers_an_offer = offers_an_offer >= 0
                                 ? offers_an_offer : NAME_TRIGRAM_OFFERS_AN_OFFER;
}

/* Whether @walk, by name, goes on against the offers of one trigram of its text before it reads
 * the prices of a name's @n_offers (see NAME_TRIGRAM_OFFERS_AN_OFFER), and then does: at
 * 3,000,000 offers, the 5,400 offers of the first name, whose prices took 30 ms, against the
 * 200,000 of "-us-east-1-"'s trigram, 10 ms, and the 360 of the name's among them, 2. FALSE
 * when the index cannot be read. */
static gboolean
walk_name_trigram (TextWalk *walk,
                   sqlite3  *db,
                   guint64   n_offers)
{
  if (walk->text == NULL || walk->trigram != NULL || name_trigram_offers_an_offer == 0)
    return TRUE;
  if (walk->trigram_offers < 0 &&
      !fewest_trigram (db, walk->text, walk->most, &walk->trigram_start, &walk->trigram_offers))
    return FALSE;
  if ((gint64) n_offers * name_trigram_offers_an_offer < walk->trigram_offers)
    return TRUE;
  walk->trigram = trigram_offers (db, walk->text, walk->trigram_start, walk->most);
  if (walk->trigram == NULL)
    return FALSE;
  walk->started = walk->walked;
  walk->budget = walk->walked + trigram_walk_budget;
  walk->first = trigram_walk_first;
  walk->next_check = walk->walked + MAX (walk->first / 4, 1);
  return TRUE;
}

/* By name, of a text no name holds, one name's @offers: every price of theirs read through the
 * index of prices by offer and sorted, then each price's offer checked against the text as the
 * walk checks a price's (each offer once, each check a price walked) in that order until the
 * page is full; once the walk goes on against a trigram's offers, of those of them that the
 * trigram's set holds alone. A name's prices lie among those of every offer of its sizes, which
 * a walk of its runs would pass over; its offers' prices cost some 1.3 µs an offer read, their
 * text 3 µs an offer, which only those the page reaches pay. FALSE when the walk stops, as
 * walk_part(). */
static gboolean
walk_name_offers (TextWalk *walk,
                  sqlite3  *db,
                  FoundSet *offers)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, 3 * sizeof (gint64));
  g_autofree guint64 *checked = g_new0 (guint64, offers->n_bits / 64 + 1);
  g_autofree guint64 *held = g_new0 (guint64, offers->n_bits / 64 + 1);
  int rc = SQLITE_DONE;

  /* Whole names: the budget and the early stop looked at before each. */
  if (!walk_goes_on (walk))
    return FALSE;
  if (!walk_name_trigram (walk, db, offers->count))
    {
      walk->failed = TRUE;
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "SELECT p.bucket, p.amount, p.offer_seq FROM price p "
                              "INDEXED BY price_by_offer WHERE p.offer_seq BETWEEN ?1 * 1024 "
                              "AND ?1 * 1024 + 1023 AND p.variant = 0", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      walk->failed = TRUE;
      return FALSE;
    }
  for (gint64 word = 0; word * 64 < offers->n_bits; word++)
    for (guint64 bits = offers->bits[word]; bits != 0; bits &= bits - 1)
      {
        gint64 id = offers->first + word * 64 + __builtin_ctzll (bits);

        if (walk->trigram != NULL && !found_set_has (walk->trigram, id))
          continue;
        sqlite3_bind_int64 (stmt, 1, id);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            gint64 key[3];

            for (int c = 0; c < 3; c++)
              key[c] = sqlite3_column_int64 (stmt, c);
            g_array_append_val (keys, key);
          }
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          {
            walk->failed = TRUE;
            return FALSE;
          }
      }
  qsort (keys->data, keys->len, 3 * sizeof (gint64), compare_price_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      gint64 seq = g_array_index (keys, gint64, 3 * i + 2);
      gint64 bit = (seq >> 10) - offers->first;
      guint64 mask = G_GUINT64_CONSTANT (1) << (bit % 64);

      if ((checked[bit / 64] & mask) == 0)
        {
          checked[bit / 64] |= mask;
          walk->walked++;
          if (walk_check (walk, seq))
            held[bit / 64] |= mask;
          if (walk->failed)
            return FALSE;
        }
      if ((held[bit / 64] & mask) == 0)
        continue;
      if (walk->held >= walk->offset)
        g_array_append_vals (walk->keys, &g_array_index (keys, gint64, 3 * i), 3);
      if (walk->held++ == 0)
        walk->first_held = walk->walked;
      if (walk->held >= walk->wanted)
        return FALSE;
    }
  return TRUE;
}

/* Every name of the catalog's offers, one in any case, in the names' order; NULL when they
 * cannot be read. */
static GPtrArray *
every_name (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* The table's names compare in any case: one row for names alike. */
  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT name FROM offer_name ORDER BY name", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return rc == SQLITE_DONE ? g_steal_pointer (&names) : NULL;
}

/* By name, the offers of the names that hold the text, known exactly (@walk's named, whose
 * names are all the offers'), or, of a text no name holds (no named), of every name, each
 * price then checked against the text: each name in turn in the names' order (the other way
 * round largest first), its offers read from the names' index and its prices walked in price
 * order through the runs of its own services, sizes or architectures (see named_runs_from()),
 * until the page is full. Before, every price of the offers of the first names was read and
 * sorted. TRUE when the walk knows the page, as walk_order(). */
static gboolean
walk_names (TextWalk             *walk,
            sqlite3              *db,
            const SkySearchQuery *query)
{
  NamedText *all = walk->named;
  g_autoptr(GPtrArray) every = all == NULL ? every_name (db) : NULL;
  GPtrArray *names = all != NULL ? all->names : every;
  gboolean more = TRUE;

  if (names == NULL)
    return FALSE;
  for (guint i = 0; more && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, query->descending ? names->len - 1 - i : i);
      g_autoptr(NamedText) one = named_of_name (db, name);
      g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) runs = walk_runs_new ();
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *from = NULL;
      g_autofree char *sql = NULL;
      GArray *values = NULL;

      if (one == NULL)
        return FALSE;
      if (one->set->count == 0)
        continue;
      /* Of a text no name holds, the name's offers that hold it, their prices sorted. */
      if (all == NULL)
        {
          more = walk_name_offers (walk, db, one->set);
          continue;
        }
      /* The name's offers, the runs of their services and sizes. */
      walk->named = one;
      if (!walk_buckets_units (walk, db, query, buckets, units))
        {
          walk->named = all;
          return FALSE;
        }
      from = named_runs_from (one, &values);
      sql = g_strdup_printf ("SELECT p.amount, p.offer_seq %s AND p.variant = 0%s "
                             "AND (p.amount, p.offer_seq) > (?4, ?5) "
                             "ORDER BY p.amount, p.offer_seq LIMIT ?6", from, walk_kept (walk));
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          walk->named = all;
          return FALSE;
        }
      add_walk_runs (runs, values, units, buckets);
      more = walk_part (walk, stmt, runs, FALSE);
      walk->named = all;
    }
  return more || (!walk->failed && walk->held >= walk->wanted);
}

/* By a price per vCPU (@column 0) or GiB (1), least first, the offers known exactly (@walk's
 * named), some of which have the size, or else every offer, each price checked against the
 * text: the hourly prices of each of their sizes (of every size the prices hold), through the
 * index of prices by that size, each run in price order and so in the order of its quotient,
 * merged by quotient (ties in price order); then every other price of theirs, without one, in
 * price order. TRUE when the walk knows the page, as walk_order(). */
static gboolean
walk_per_size (TextWalk             *walk,
               sqlite3              *db,
               const SkySearchQuery *query,
               guint                 column)
{
  static const char * const sizes[] = { "vcpu", "memory" };
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) hour = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) runs = walk_runs_new ();
  g_autoptr(GArray) rest = walk_runs_new ();
  g_autoptr(GArray) catalog_values = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *index = g_strconcat ("price_by_", sizes[column], NULL);
  GArray *held;
  gint64 hour_code = HOUR_CODE;
  g_autofree char *unit = walk_unit_condition (query);

  if (walk->named != NULL)
    held = walk->named->values[column];
  else
    held = catalog_values = _sky_catalog_read_values (db, sizes[column], index, G_MININT64,
                                                      MAX_VALUES);
  if (held == NULL || !walk_buckets_units (walk, db, query, buckets, units))
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    if (g_array_index (units, gint64, i) == hour_code)
      g_array_append_val (hour, hour_code);
  for (guint i = 0; i < held->len; i++)
    if (g_array_index (held, gint64, i) > 0)
      g_array_append_val (values, g_array_index (held, gint64, i));
  add_walk_runs (runs, values, hour, buckets);
  for (guint i = 0; i < runs->len; i++)
    g_array_index (runs, WalkRun, i).divisor = g_array_index (runs, WalkRun, i).value;
  sql = g_strdup_printf ("SELECT p.amount, p.offer_seq FROM price p INDEXED BY price_by_%s "
                         "WHERE p.%s = ?1 AND p.unit = ?2 AND p.bucket = ?3 "
                         "AND p.variant = 0%s AND (p.amount, p.offer_seq) > (?4, ?5) "
                         "ORDER BY p.amount, p.offer_seq LIMIT ?6", sizes[column], sizes[column],
                         walk_kept (walk));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (!walk_part (walk, stmt, runs, FALSE))
    return !walk->failed && walk->held >= walk->wanted;
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_free (sql);
  sql = g_strdup_printf ("SELECT p.amount, p.offer_seq FROM price p WHERE p.bucket = ?3 "
                         "AND NOT (ifnull (p.%s, 0) > 0 AND p.unit = %" G_GINT64_FORMAT ")%s "
                         "AND p.variant = 0%s AND (p.amount, p.offer_seq) > (?4, ?5) "
                         "ORDER BY p.amount, p.offer_seq LIMIT ?6", sizes[column], hour_code,
                         unit, walk_kept (walk));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  add_walk_runs (rest, NULL, NULL, buckets);
  return walk_part (walk, stmt, rest, FALSE) || (!walk->failed && walk->held >= walk->wanted);
}

/* The walk of @query's order (see WALK_BUDGET), in the read transaction of @db: TRUE when it
 * knows the page, whose prices it adds to @walk's keys; FALSE when it stopped first (its
 * budget spent, or a part it does not read: the prices without a size or architecture), or
 * cannot be made (@walk->walked 0). */
static gboolean
walk_order (TextWalk             *walk,
            sqlite3              *db,
            const SkySearchQuery *query)
{
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) values = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *column_from = NULL;
  const char *column = NULL, *index = NULL, *groups_sql = NULL;
  int named_column = -1;
  g_autoptr(GArray) regions = NULL;
  g_autofree char *unit_cond = walk_unit_condition (query);
  g_autofree char *narrow_from = NULL;
  GArray *narrow = NULL;
  const char *from = "FROM price p WHERE p.bucket = ?3";
  gboolean descending = query->descending;
  gboolean without_value = FALSE;
  gboolean null_last = FALSE;

  if (!walk_buckets_units (walk, db, query, buckets, units))
    return FALSE;
  /* In price order, only the prices of the sizes or services of the offers known exactly (see
   * named_runs_from()). */
  if (walk->named != NULL)
    narrow_from = named_runs_from (walk->named, &narrow);
  /* Of the trigram's offers, in price order: the runs of their OS or services alone (see
   * NARROW_SHARE). */
  if (walk->narrow_column != NULL)
    {
      narrow = walk->narrow_values;
      g_free (narrow_from);
      narrow_from = g_strdup_printf ("FROM price p INDEXED BY %s WHERE p.%s = ?1 "
                                     "AND p.unit = ?2 AND p.bucket = ?3",
                                     strcmp (walk->narrow_column, "os") == 0
                                     ? "price_by_os" : "price_by_service", walk->narrow_column);
    }
  /* Of one region (in price order only, see walk_text()): the runs of its prices. */
  if (query->region != NULL)
    {
      gint64 region = word_id (db, query->region);

      regions = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (region >= 0)
        g_array_append_val (regions, region);
      narrow = regions;
      g_free (narrow_from);
      narrow_from = g_strdup ("FROM price p INDEXED BY price_by_region WHERE p.region = ?1 "
                              "AND p.unit = ?2 AND p.bucket = ?3");
    }

  switch (query->sort)
    {
    case SKY_SORT_PRICE:
      g_ptr_array_add (parts, walk_runs_new ());
      if (narrow_from != NULL)
        {
          from = narrow_from;
          add_walk_runs (parts->pdata[0], narrow, units, buckets);
        }
      else
        add_walk_runs (parts->pdata[0], NULL, NULL, buckets);
      break;
    case SKY_SORT_UNIT_PRICE:
      from = narrow_from != NULL
             ? narrow_from
             : "FROM price p INDEXED BY price_by_unit WHERE p.unit = ?2 AND p.bucket = ?3";
      for (guint i = 0; i < units->len; i++)
        {
          GArray *runs = walk_runs_new ();
          g_autoptr(GArray) unit = g_array_new (FALSE, FALSE, sizeof (gint64));

          g_array_append_val (unit, g_array_index (units, gint64, i));
          add_walk_runs (runs, narrow, unit, buckets);
          g_ptr_array_add (parts, runs);
        }
      break;
    case SKY_SORT_TERM:
      for (guint t = 0; t < sky_vocabulary_size (SKY_VOCABULARY_PURCHASE_OPTION); t++)
        {
          const SkyWord *term = sky_vocabulary_nth (SKY_VOCABULARY_PURCHASE_OPTION, t);
          GArray *runs = walk_runs_new ();
          g_autoptr(GArray) of_term = g_array_new (FALSE, FALSE, sizeof (gint64));

          for (guint i = 0; i < buckets->len; i++)
            if (PRICE_BUCKET_TERM (g_array_index (buckets, gint64, i)) == term->code)
              g_array_append_val (of_term, g_array_index (buckets, gint64, i));
          if (narrow_from != NULL)
            from = narrow_from;
          add_walk_runs (runs, narrow, narrow_from != NULL ? units : NULL, of_term);
          g_ptr_array_add (parts, runs);
        }
      break;
    default:
      /* A column's values (not by name, nor by a price per vCPU or GiB). */
      if (!sort_column (query->sort, &column, &index, &groups_sql))
        return FALSE;
      break;
    }

  /* As append_sort_parts() reads them: a part per value, or per group of values of one name,
   * in the sort's order, each in price order. */
  if (column != NULL)
    {
      values = _sky_catalog_read_values (db, column, index, G_MININT64, MAX_VALUES);
      if (values == NULL)
        return FALSE;
      /* The offers known exactly: only their values. */
      for (guint c = 0; walk->named != NULL && c < G_N_ELEMENTS (named_columns); c++)
        if (strcmp (column, named_columns[c]) == 0)
          {
            named_column = (int) c;
            keep_listed_values (values, walk->named->values[c]);
          }
      if (walk->named != NULL && strcmp (column, "service_id") == 0)
        keep_listed_values (values, walk->named->services);
      if (walk->kept_values != NULL)
        keep_listed_values (values, walk->kept_values);
      column_from = g_strdup_printf ("FROM price p INDEXED BY %s WHERE p.%s = ?1 "
                                     "AND p.unit = ?2 AND p.bucket = ?3", index, column);
      descending = FALSE;
      if (groups_sql != NULL)
        {
          g_autoptr(GPtrArray) groups = id_groups (db, groups_sql, values, &without_value);

          if (groups == NULL)
            return FALSE;
          for (guint i = 0; i < groups->len; i++)
            {
              GArray *runs = walk_runs_new ();
              g_autoptr(GArray) ids = parse_ids (groups->pdata[i]);

              add_walk_runs (runs, ids, units, buckets);
              g_ptr_array_add (parts, runs);
            }
        }
      else if (values->len == 0)
        {
          /* No price has a value: the part of those without one is every price. */
          g_free (column_from);
          column_from = g_strdup_printf ("FROM price p WHERE p.bucket = ?3 AND p.%s IS NULL%s",
                                         column, unit_cond);
          g_ptr_array_add (parts, walk_runs_new ());
          add_walk_runs (parts->pdata[0], NULL, NULL, buckets);
        }
      else
        {
          for (guint i = 0; i < values->len; i++)
            {
              GArray *runs = walk_runs_new ();
              g_autoptr(GArray) value = g_array_new (FALSE, FALSE, sizeof (gint64));

              g_array_append_val (value, g_array_index (values, gint64, i));
              add_walk_runs (runs, value, units, buckets);
              g_ptr_array_add (parts, runs);
            }
          null_last = TRUE;
        }
    }
  else if (query->sort == SKY_SORT_TERM)
    descending = FALSE;
  /* Largest first: the parts the other way round, the group without a value still last. */
  if (query->descending && query->sort != SKY_SORT_PRICE && query->sort != SKY_SORT_UNIT_PRICE)
    reverse_first (parts, parts->len - (without_value ? 1 : 0));

  sql = g_strdup_printf ("SELECT p.amount, p.offer_seq %s AND p.variant = 0%s "
                         "AND (p.amount, p.offer_seq) %s (?4, ?5) "
                         "ORDER BY p.amount %s, p.offer_seq %s LIMIT ?6",
                         column_from != NULL ? column_from : from, walk_kept (walk),
                         descending ? "<" : ">", descending ? "DESC" : "ASC",
                         descending ? "DESC" : "ASC");
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  for (guint i = 0; i < parts->len; i++)
    if (!walk_part (walk, stmt, parts->pdata[i], descending))
      return !walk->failed && walk->held >= walk->wanted;
  /* The offers known exactly, some without a value: those prices last, in price order. */
  if (null_last && named_column >= 0 && walk->named->without[named_column])
    {
      g_autoptr(GArray) runs = walk_runs_new ();

      g_clear_pointer (&stmt, sqlite3_finalize);
      g_free (sql);
      sql = g_strdup_printf ("SELECT p.amount, p.offer_seq FROM price p WHERE p.bucket = ?3 "
                             "AND p.%s IS NULL%s AND p.variant = 0%s "
                             "AND (p.amount, p.offer_seq) > (?4, ?5) "
                             "ORDER BY p.amount, p.offer_seq LIMIT ?6", column, unit_cond,
                             walk_kept (walk));
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      add_walk_runs (runs, NULL, NULL, buckets);
      if (!walk_part (walk, stmt, runs, FALSE))
        return !walk->failed && walk->held >= walk->wanted;
      return TRUE;
    }
  /* Every price walked, but those without a value, which are not; the offers known exactly
   * have none without one. */
  return !null_last || named_column >= 0;
}

/* A walk by region, service or provider that stopped where it went on against the offers of
 * one trigram of its text (see walk_goes_on()), having found the values those offers' prices
 * have (values_of_offers(), or their kinds' services): the walk again, from its start, of those
 * values alone; in price order, having found the OS or services of those offers' kinds
 * (narrow_of_kinds()), the walk again of the runs of those alone. TRUE when it fills the page
 * or walks every price of them. */
static gboolean
walk_held_values (TextWalk             *walk,
                  sqlite3              *db,
                  const SkySearchQuery *query)
{
  g_autoptr(GArray) values = g_steal_pointer (&walk->held_values);
  gboolean done;

  if (values == NULL || walk->trigram == NULL || walk->failed)
    return FALSE;
  g_array_set_size (walk->keys, 0);
  walk->held = walk->walked = walk->checked = walk->first_held = walk->started = 0;
  walk->last_offer = -1;
  walk->budget = trigram_walk_budget;
  walk->first = trigram_walk_first;
  walk->next_check = MAX (walk->first / 4, 1);
  if (walk->held_column != NULL)
    {
      walk->narrow_column = walk->held_column;
      walk->narrow_values = values;
    }
  else
    walk->kept_values = values;
  done = walk_order (walk, db, query);
  walk->kept_values = walk->narrow_values = NULL;
  walk->narrow_column = walk->held_column = NULL;
  return done;
}

/* The listings of the prices @keys (bucket, amount and offer_seq of each, in the page's
 * order). */
static GPtrArray *
listings_of_keys (sqlite3               *db,
                  GArray                *keys,
                  const SkySearchQuery  *query,
                  GError               **error)
{
  g_autoptr(GString) sql = g_string_new (LISTING_SELECT_SQL "SELECT p.*, c.column4 AS k FROM "
                                         "(VALUES ");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (keys->len == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sky_listing_free);
  for (guint i = 0; i < keys->len; i += 3)
    g_string_append_printf (sql, "%s(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                            G_GINT64_FORMAT ", %u)", i > 0 ? ", " : "",
                            g_array_index (keys, gint64, i), g_array_index (keys, gint64, i + 1),
                            g_array_index (keys, gint64, i + 2), i / 3);
  g_string_append (sql, ") AS c CROSS JOIN price p ON p.bucket = c.column1 "
                        "AND p.amount = c.column2 AND p.offer_seq = c.column3"
                        LISTING_JOINS_SQL "ORDER BY p.k");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (db, error, _("Cannot search the catalog"));
      return NULL;
    }
  return read_listings (db, stmt, query, error);
}

/* name_runs_keys() or least_name_runs_keys(). */
typedef GArray *(*NameRunsFunc) (sqlite3              *db,
                                 const SkySearchQuery *query,
                                 GArray               *present,
                                 const char           *first);

/* The first page by name read through the runs @runs gives the keys of, the search's
 * cancellable watched while they and the page's listings are read: the listings, with
 * @filled set, when the keys fill the page; else NULL, with @ran set when the runs could be
 * read (fewer than a page) and unset when they gave way. */
static GPtrArray *
name_runs_page (sqlite3              *db,
                NameRunsFunc          runs,
                const SkySearchQuery *query,
                GArray               *present,
                const char           *first,
                gboolean             *filled,
                gboolean             *ran,
                GError              **error)
{
  g_autoptr(GArray) keys = NULL;
  GPtrArray *listings = NULL;

  _sky_catalog_watch_cancellable (db, query->cancellable);
  keys = runs (db, query, present, first);
  *ran = keys != NULL;
  *filled = keys != NULL && keys->len / 3 >= query->limit;
  if (*filled)
    listings = listings_of_keys (db, keys, query, error);
  _sky_catalog_watch_cancellable (db, NULL);
  return listings;
}

/* Whether @query's page is read by a walk of its order (WALK_BUDGET), its text found as @text
 * says, in the caller's read transaction; then sets @listings to it (NULL with @error set when
 * it cannot be read). When the walk was made but did not fill the page, sets @seen_rows to the
 * page's rows the @seen_prices it read held; leaves them when no walk was made. */
static gboolean
walk_text (SkyCatalog            *self,
           const SkySearchQuery  *query,
           TextPlan               text,
           const char            *fts,
           GPtrArray            **listings,
           gint64                *seen_rows,
           gint64                *seen_prices,
           GError               **error)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GArray) services = NULL;
  g_autoptr(GArray) current = NULL;
  g_autoptr(sqlite3_stmt) offer = NULL;
  g_autoptr(sqlite3_stmt) named = NULL;
  g_autofree char *like = NULL;
  TextWalk walk = { 0 };
  SkySearchQuery walked = *query;
  SkySearchQuery plain = *query;
  gboolean in_buckets = query->term != NULL || query->geography != NULL ||
                        query->category != NULL || names_one (query->unit) ||
                        query->region != NULL;
  gboolean by_name = FALSE;
  gboolean per_size = FALSE;
  gboolean every_offer_walk;
  gboolean fits;
  gboolean done = FALSE;
  gint64 held = 0, walked_prices = 0, checked = 0;
  int rc;

  /* Many offers found: not few offers, whose prices are sorted at once, nor a text only
   * services' names hold, whose prices every order reads in its own way (by a region, size or
   * architecture in the buckets of those services' prices only: at 3,000,000 offers their
   * first prices by region lay past the walk's early stop, which only added to the search's
   * time). */
  if (walk_budget == 0 || !(text == TEXT_INDEX_SET || text == TEXT_SERVICES_OR_SET ||
                            (text == TEXT_FEW_OFFERS && named_walk_budget > 0)))
    return FALSE;
  /* Of a purchase option, geography, category, unit or region, only the offers known exactly,
   * in the buckets and units those keep (below). */
  plain.term = plain.geography = plain.category = plain.unit = plain.region = NULL;
  fits = walk_fits (&plain);
  if (in_buckets && (text == TEXT_SERVICES_OR_SET || named_walk_budget == 0))
    return FALSE;
  /* By name, and by a price per vCPU or GiB least first, the offers known exactly (below) or
   * every offer (every_offer_walk). */
  plain.sort = SKY_SORT_PRICE;
  every_offer_walk = !fits && text == TEXT_INDEX_SET && !in_buckets && walk_fits (&plain) &&
                     (query->sort == SKY_SORT_NAME ||
                      (!query->descending &&
                       (query->sort == SKY_SORT_PER_VCPU || query->sort == SKY_SORT_PER_GIB)));
  if (!fits && !every_offer_walk &&
      (text == TEXT_SERVICES_OR_SET || named_walk_budget == 0 || !walk_fits (&plain) ||
       !(query->sort == SKY_SORT_NAME || query->sort == SKY_SORT_PER_VCPU ||
         query->sort == SKY_SORT_PER_GIB)))
    return FALSE;
  current = current_service_ids (self->db, NULL);
  if (!all_services_current (self->db, current) ||
      sqlite3_prepare_v2 (self->db, "SELECT service_id, name LIKE ?2 ESCAPE '\\' "
                                    "OR sku LIKE ?2 ESCAPE '\\' FROM offer_row WHERE id = ?1",
                          -1, &offer, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT id FROM service WHERE name LIKE ?1 ESCAPE '\\'",
                          -1, &named, NULL) != SQLITE_OK)
    return FALSE;
  like = like_pattern (query->text);
  _sky_catalog_bind_text (offer, 2, like);
  _sky_catalog_bind_text (named, 1, like);
  services = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (named)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (named, 0);

      g_array_append_val (services, id);
    }
  keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  walk.offer = offer;
  walk.services = services;
  walk.last_offer = -1;
  walk.budget = walk_budget;
  walk.first = walk_first;
  /* The offers of names that hold the text, known exactly: checked without their rows. */
  /* Of few offers too: sorting their prices costs more than walking them (1,700 offers of a
   * million, 11 to 25 ms). */
  if ((text == TEXT_INDEX_SET || text == TEXT_FEW_OFFERS) && named_walk_budget > 0)
    walk.named = named_text_new (self->db, query->text, like, fts,
                                 query->sort == SKY_SORT_NAME);
  if (walk.named != NULL)
    {
      walk.budget = named_walk_budget;
      walk.first = named_walk_first;
      /* Few offers: no more prices than sorting theirs would cost. */
      if (text == TEXT_FEW_OFFERS)
        {
          walk.budget = MIN (walk.budget,
                             (gint64) walk.named->set->count * FEW_WALK_PER_OFFER + 1);
          walk.first = MIN (walk.first, walk.budget);
        }
    }
  /* A text no name holds: on against one trigram's offers where the walk would stop. */
  if (walk.named == NULL && text == TEXT_INDEX_SET && trigram_walk_budget > 0)
    {
      const char *groups_sql;

      walk.text = query->text;
      walk.trigram_offers = -1;
      walk.most = offers_at_most (self->db);
      if (values_prices_per_offer > 0 &&
          (query->sort == SKY_SORT_REGION || query->sort == SKY_SORT_SERVICE ||
           query->sort == SKY_SORT_PROVIDER))
        sort_column (query->sort, &walk.values_column, &walk.values_index, &groups_sql);
      walk.narrows = fits && (query->sort == SKY_SORT_PRICE || query->sort == SKY_SORT_UNIT_PRICE ||
                              query->sort == SKY_SORT_TERM);
    }
  walk.next_check = walk.first;
  walk.offset = query->offset;
  walk.wanted = (gint64) query->offset + query->limit;
  walk.keys = keys;
  if (!fits && walk.named != NULL)
    {
      /* By name, each name in turn; by a price per vCPU or GiB, when no offer has the size,
       * in price order (the order of the prices without one). */
      by_name = query->sort == SKY_SORT_NAME;
      per_size = !by_name &&
                 named_sized (walk.named, query->sort == SKY_SORT_PER_VCPU ? 0 : 1);
      /* Largest first, ties would come the other way round: not walked. */
      if (per_size && query->descending)
        rc = SQLITE_MISUSE;
      walked.sort = SKY_SORT_PRICE;
      walked.descending = FALSE;
    }
  else if (every_offer_walk && walk.named == NULL)
    {
      /* Every offer's prices, in the order of their quotients or name by name, each checked
       * on its row: a text the index finds in many offers lies early in those orders as in
       * the others (the offers of one region in thirty, 1,400 prices in per vCPU at a million
       * offers; sorting their prices took 80 ms). */
      by_name = query->sort == SKY_SORT_NAME;
      per_size = !by_name;
    }
  else if (!fits || ((text == TEXT_FEW_OFFERS || in_buckets) && walk.named == NULL))
    rc = SQLITE_MISUSE;
  /* Of one region, only in price order, by unit price or by purchase option (its prices'
   * runs through the index of prices by region). */
  if (query->region != NULL && (!fits || !(query->sort == SKY_SORT_PRICE ||
                                           query->sort == SKY_SORT_UNIT_PRICE ||
                                           query->sort == SKY_SORT_TERM)))
    rc = SQLITE_MISUSE;
  if (rc == SQLITE_DONE &&
      (by_name ? walk_names (&walk, self->db, query)
       : per_size ? walk_per_size (&walk, self->db, query,
                                   query->sort == SKY_SORT_PER_VCPU ? 0 : 1)
       : walk_order (&walk, self->db, &walked)))
    done = TRUE;
  /* What the walk saw, for the sort after it (not the walk of the values found). */
  held = walk.held;
  walked_prices = walk.walked;
  checked = walk.checked;
  if (!done && rc == SQLITE_DONE && !by_name && !per_size && walk.held_values != NULL)
    {
      done = walk_held_values (&walk, self->db, &walked);
      checked += walk.checked;
    }
  g_atomic_int_set (&last_checked, (gint) MIN (checked, G_MAXINT));
  if (done)
    {
      g_clear_pointer (&walk.named, named_text_free);
      g_clear_pointer (&walk.trigram, found_set_free);
      g_clear_pointer (&walk.held_values, g_array_unref);
      _sky_catalog_watch_cancellable (self->db, query->cancellable);
      *listings = listings_of_keys (self->db, keys, query, error);
      _sky_catalog_watch_cancellable (self->db, NULL);
      return TRUE;
    }
  g_clear_pointer (&walk.named, named_text_free);
  g_clear_pointer (&walk.trigram, found_set_free);
  g_clear_pointer (&walk.held_values, g_array_unref);
  if (!walk.failed && walked_prices > 0 && text != TEXT_FEW_OFFERS)
    {
      *seen_rows = held;
      *seen_prices = walked_prices;
    }
  return FALSE;
}

/* A page of @query's listings, its text found as plan_text() says; or, when @probe_limit is not
 * 0 and the index finds the text in many offers, checked price by price on the first
 * @probe_limit prices of the search without its text (see PROBE_ROWS): then @unsure is set
 * when these did not fill the page and more prices follow them, and the page is not known.
 * @seen_rows of the page were found in the first @seen_prices by such a probe made before
 * (see WALK_ROWS_PER_OFFER); 0 when none. */
static GPtrArray *
search_page (SkyCatalog            *self,
             const SkySearchQuery  *query,
             gint64                 probe_limit,
             gint64                 seen_rows,
             gint64                 seen_prices,
             gboolean              *unsure,
             GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) listings = NULL;
  g_autofree char *like = NULL;
  g_autofree char *probe_like = NULL;
  g_autofree char *probed_sql = NULL;
  gboolean probe;
  gboolean found_first;
  gboolean planned_few;
  gboolean quick_sort = FALSE;
  gboolean sorted_slowly = FALSE;
  const char *size_from;
  g_autofree char *order = NULL;
  g_autofree char *fts = NULL;
  g_autofree char *size_cond = NULL;
  g_autoptr(GArray) units = NULL;
  g_autoptr(GArray) present = NULL;
  g_autoptr(GArray) kept_units = NULL;
  g_autoptr(FoundSet) found = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *name_from = NULL;
  g_autofree char *first_part = NULL;
  gboolean first_name_walked = FALSE;
  gboolean first_only = FALSE;
  gint64 walk_rows = 0;
  gboolean in_parts = FALSE;
  gboolean by_name_keys = FALSE;
  gboolean nothing = FALSE;
  gboolean sizes_narrow;
  const char *key;
  const char *from = NULL;
  gboolean began;
  TextPlan text;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *unsure = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  began = begin_read (self->db);
  text = plan_text (self->db, query, &fts, &found);
  /* A text many offers hold, in the search's order first (see WALK_BUDGET): the page, or what
   * the walk saw, for the text index rather than the probes. */
  if (probe_limit > 0 &&
      walk_text (self, query, text, fts, &listings, &seen_rows, &seen_prices, error))
    {
      end_read (self->db, began);
      return g_steal_pointer (&listings);
    }
  if (seen_prices > 0)
    probe_limit = 0;
  present = catalog_buckets (self->db);
  /* Only the buckets and units the values the search keeps hold: of one OS, region or
   * architecture, and of at least a size by service, provider or region (in parts of values
   * that may hold none of its prices; in other orders, where each size costs its look-ups,
   * some 500 of them for at least 4 vCPU, the sizes' runs are few). */
  sizes_narrow = has_least_size (query) &&
                 (query->sort == SKY_SORT_SERVICE || query->sort == SKY_SORT_PROVIDER ||
                  query->sort == SKY_SORT_REGION);
  if (text == TEXT_NONE && present != NULL && !search_parts_disabled &&
      (keeps_indexed_value (query) || sizes_narrow))
    {
      kept_units = catalog_units (self->db);
      narrow_to_kept_values (self->db, query, sizes_narrow, present, kept_units);
    }
  /* The few offers the index finds: their prices sorted, then checked against the text in that
   * order until the page is full, a look-up of an offer for each row listed rather than for
   * each offer found (4,000 look-ups of 1,000 offers' pages cost half the time of the
   * search). For few only: sorting every price of many offers costs more than it saves. */
  planned_few = found_first = text == TEXT_FEW_OFFERS;
  if (found_first)
    from = FEW_OFFERS_FOUND_SQL;
  /* The prices of the search without its text, read in its order up to probe_limit, each
   * checked against the text (TEXT_CHECK_SQL). */
  /* Not by a price per vCPU or GiB, whose parts are each read whole before they are merged. */
  probe = probe_limit > 0 && (text == TEXT_INDEX_SET || text == TEXT_SERVICES_OR_SET) &&
          query->limit > 0 &&
          (gint64) query->offset + query->limit <= probe_limit &&
          query->sort != SKY_SORT_PER_VCPU && query->sort != SKY_SORT_PER_GIB;
  /* Read by their key alone, as a walk's (TEXT_SET_WALK), then checked against the text. */
  if (probe)
    text = TEXT_SET_WALK;
  else if (text == TEXT_INDEX_SET || text == TEXT_SERVICES_OR_SET)
    {
      /* The offers found, read from the index once: how many they are, and the set the
       * prices are checked against. */
      found = found_set_new (self->db, fts, -1);
    }
  if (found == NULL && (text == TEXT_INDEX_SET || text == TEXT_SERVICES_OR_SET ||
                        text == TEXT_FEW_OFFERS))
    {
      _sky_catalog_db_error (self->db, error, _("Cannot search the catalog"));
      end_read (self->db, began);
      return NULL;
    }
  if (found != NULL && text == TEXT_INDEX_SET && query->limit > 0)
    {
      /* A page the first prices in the search's order did not fill: the offers the index
       * finds, however many, cost less to read and sort than the prices in that order, which
       * may not hold the text for long (a text of large sizes in a search by price). */
      gboolean per_size = query->sort == SKY_SORT_PER_VCPU || query->sort == SKY_SORT_PER_GIB;
      gint64 offers = offers_at_most (self->db);
      gint64 most = read_all_most >= 0 ? read_all_most
                                       : MAX (few_offers, offers /
                                                            (per_size ? READ_ALL_SHARE_PER_SIZE
                                                                      : READ_ALL_SHARE));

      /* By name, the names' index read in its order, each offer checked against the set: see
       * NAME_WALK_SHARE. */
      if (query->sort == SKY_SORT_NAME && read_all_most < 0 &&
          (gint64) found->count > offers / NAME_WALK_SHARE)
        ;
      else if ((gint64) found->count <= most)
        {
          /* In the search's order first (see WALK_ROWS_PER_OFFER): not by name, whose offers
           * are read to their prices one by one, nor by a price per vCPU or GiB (as the
           * probe). */
          gint64 wanted = (gint64) query->offset + query->limit;

          if (seen_rows > 0)
            walk_rows = MAX (wanted, seen_prices * wanted * walk_margin / seen_rows);
          if (seen_rows > 0 && query->sort != SKY_SORT_NAME &&
              query->sort != SKY_SORT_PER_VCPU && query->sort != SKY_SORT_PER_GIB &&
              walk_rows <= (gint64) found->count * walk_rows_per_offer)
            text = TEXT_SET_WALK;
          else
            text = TEXT_FEW_OFFERS;
        }
    }

  /* Again from here for the sort, when the walk did not fill the page. */
build:

  /* Many offers found, every price of them sorted: first as the few offers' are, their prices'
   * keys sorted and, of those, only as many as the page takes checked against the text, each
   * on its offer's row, rather than the row of every offer found (a text of 87,000 offers of a
   * million: 35 ms less). When some of those are not the text's (the index finds the offers
   * that hold its trigrams), and the page is not full, the sort again with every offer found
   * checked first (sorted_slowly). Not by name, which reads every offer's row for its name. */
  quick_sort = text == TEXT_FEW_OFFERS && !planned_few && !sorted_slowly && query->limit > 0 &&
               query->sort != SKY_SORT_NAME;
  if (quick_sort)
    {
      found_first = TRUE;
      from = FEW_OFFERS_FOUND_SQL;
    }
  else if (!planned_few)
    found_first = FALSE;

  /* The statement is assembled from fixed fragments; every value from the query is bound.
   * The inner query picks the prices, walking the price key so that a search naming a purchase
   * option, a geography and a category reads them in price order and stops at its limit; only
   * the prices it keeps are joined with the rest of what a listing shows. */
  key = sort_key (query->sort);
  /* By unit, then price: a search of one unit keeps the price key's order, and stops at its
   * limit as a search by price does. */
  if (query->sort == SKY_SORT_UNIT_PRICE && !names_one (query->unit))
    {
      key = unit_order_sql ();
      order = g_strdup (query->descending ? "k, p.amount DESC, p.offer_seq DESC"
                                          : "k, p.amount, p.offer_seq");
      /* Of every unit, one after the other: see append_unit_parts(). */
      if (text != TEXT_FEW_OFFERS)
        units = catalog_units (self->db);
    }
  else if (key == NULL)
    {
      /* Ties in import order: stable, and still the order of the price key. */
      order = g_strdup (query->descending ? "p.amount DESC, p.offer_seq DESC"
                                          : "p.amount, p.offer_seq");
      /* At least a size: see least_size_from(). */
      size_from = least_size_from (self->db, query, text, present, &size_cond);
      /* The offers found, whatever the sizes asked for. */
      if (!quick_sort)
        from = size_from;
      if (from == NULL && text == TEXT_SERVICES)
        {
          g_autoptr(GArray) all_units = catalog_units (self->db);

          from = SERVICES_FROM_SQL;
          g_free (size_cond);
          size_cond = units_condition (query, all_units);
        }
      else if (from == NULL && text == TEXT_NONE && keeps_indexed_value (query) &&
               !search_parts_disabled)
        {
          g_autoptr(GArray) all_units = catalog_units (self->db);

          g_free (size_cond);
          size_cond = units_condition (query, all_units);
        }
    }
  else if (query->sort == SKY_SORT_NAME && text != TEXT_FEW_OFFERS)
    {
      /* The offers in the order of their names (an index), each with its prices; the prices
       * of offers of one name in price order, as a search by price. A name is never NULL.
       * The offers the text index found are picked from the names' index alone. */
      from = text == TEXT_INDEX_SET
             ? "FROM offer_row n CROSS JOIN price p INDEXED BY price_by_offer "
               "  ON sky_found (:found, n.id) "
               "  AND p.offer_seq BETWEEN n.id * 1024 AND n.id * 1024 + 1023 "
             : text == TEXT_SERVICES
             ? "FROM offer_row n CROSS JOIN price p INDEXED BY price_by_offer "
               "  ON n.name COLLATE NOCASE BETWEEN " SERVICES_NAMES_SQL ("min") " "
               "    AND " SERVICES_NAMES_SQL ("max") " "
               "  AND p.offer_seq BETWEEN n.id * 1024 AND n.id * 1024 + 1023 "
             : "FROM offer_row n CROSS JOIN price p INDEXED BY price_by_offer "
               "  ON p.offer_seq BETWEEN n.id * 1024 AND n.id * 1024 + 1023 ";
      /* From the first name the search's offers may have: see first_name_of(). */
      if (text == TEXT_NONE)
        {
          g_autofree char *first = first_name_of (self->db, query, present);

          /* Of a least size, the first name's prices alone first: through an index of its
           * sizes (see first_name_part()), or else the walk of that name only, rather than
           * past it to the next name whose prices the search keeps, to end the first one's
           * (at least 64 vCPUs: every offer of the names of fewer, c5.16 to c5.48). The walk
           * after all when they do not fill the page. */
          if (first != NULL && !first_name_walked && query->limit > 0 &&
              has_least_size (query))
            {
              /* Of a name whose offers all have the sizes, through the runs of its vCPU counts
               * (see least_name_runs_keys()): of an OS first, whose runs check a bit for each
               * price where the index of its sizes reads the price's offer row (Windows with at
               * least 64 vCPUs at 3,000,000 offers: 18 ms, then 2-3); else only rather than
               * the walk of the name (through the index of its sizes, x8.96, the greatest
               * name of at least 64 vCPUs, 2.5-4 ms, through the runs 15). */
              if (query->os == NULL)
                first_part = first_name_part (self->db, query, present, first);
              if (first_part == NULL)
                {
                  gboolean filled, ran;
                  g_autoptr(GPtrArray) page = name_runs_page (self->db, least_name_runs_keys,
                                                              query, present, first, &filled,
                                                              &ran, error);

                  if (filled)
                    {
                      end_read (self->db, began);
                      return g_steal_pointer (&page);
                    }
                }
              if (query->os != NULL)
                first_part = first_name_part (self->db, query, present, first);
              /* No bucket the services have prices in: SQLite serves no partial index then. */
              if (first_part != NULL && has_false_condition (first_part))
                g_clear_pointer (&first_part, g_free);
              first_only = first_part == NULL;
            }
          /* Of a category or unit alone, the first name's prices alone, in price order (see
           * first_name_only()): through the runs of its services (see name_runs_keys()), or else
           * by the walk of that name only; of an OS alone, through the runs of the OS, and of
           * none of these (vcpu_name_only()), through the runs of its vCPU counts, or else the
           * walk from it as before. */
          else if (first != NULL && !first_name_walked && query->limit > 0 &&
                   (first_name_only (query) || os_name_only (query) ||
                    vcpu_name_only (query)))
            {
              gboolean filled, ran;
              g_autoptr(GPtrArray) page = name_runs_page (self->db, name_runs_keys, query,
                                                          present, first, &filled, &ran,
                                                          error);

              if (filled)
                {
                  end_read (self->db, began);
                  return g_steal_pointer (&page);
                }
              /* Fewer than a page: the walk of every name from it, at once. */
              first_only = !ran && first_name_only (query);
            }
          if (first != NULL)
            {
              g_free (name_from);
              name_from = name_walk_from (self->db, query, first, first_only);
              from = name_from;
            }
        }
      key = "n.name COLLATE NOCASE";
      /* Every price of the offers of the first names is sorted: by its key alone, read from
       * the index of prices by offer, which holds it, and the page's rows after (a name's
       * offers are many in a large catalog: at 3,000,000 offers some 8,600 prices for the
       * first name, half the time). */
      by_name_keys = text == TEXT_NONE;
      order = g_strdup_printf ("k %s, p.amount, p.offer_seq",
                               query->descending ? "DESC" : "ASC");
      /* One name: in price order either way. */
      if (first_part != NULL || (first_only && first_name_only (query)))
        {
          key = NULL;
          g_free (order);
          order = g_strdup ("p.amount, p.offer_seq");
        }
    }
  else
    {
      /* A part for each of the sort's values: see append_sort_parts(). */
      units = kept_units != NULL ? g_array_ref (kept_units) : catalog_units (self->db);
      in_parts = append_sort_parts (sql, self->db, query, text, present, units, &order);
      g_clear_pointer (&units, g_array_unref);
      if (!in_parts)
        {
          g_string_truncate (sql, 0);
          /* Every price of the offers found: a number for each name, or the name their offer's
           * row, read to check its text, gives (see append_filters()); not as the index of
           * names orders it, which SQLite would otherwise walk whole rather than the offers
           * found. */
          if (text == TEXT_FEW_OFFERS)
            rank = sort_rank (self->db, query->sort);
          if (rank != NULL)
            key = rank;
          else if (text == TEXT_FEW_OFFERS && !found_first && query->sort == SKY_SORT_NAME)
            key = "(+t.name) COLLATE NOCASE";
          /* "k" in the inner query, "p.k" outside it. */
          order = g_strdup_printf ("k %s NULLS LAST, p.amount, p.offer_seq",
                                   query->descending ? "DESC" : "ASC");
        }
    }

  if (units != NULL && units->len > 0)
    append_unit_parts (sql, self->db, query, text, present, units);
  else if (first_part != NULL)
    g_string_append_printf (sql, "%s ORDER BY %s", first_part, order);
  else if (!in_parts)
    {
      gsize start;

      g_string_append_printf (sql, "SELECT %s ",
                              by_name_keys ? "p.bucket, p.amount, p.offer_seq"
                                           : price_columns (text));
      if (key != NULL)
        g_string_append_printf (sql, ", %s AS k ", key);
      start = sql->len;
      append_filters (sql, self->db, query, text, from, present);
      /* Nothing to read: not through the index of sizes either. */
      if (size_cond != NULL && has_false_condition (sql->str + start))
        {
          g_string_truncate (sql, start);
          append_filters (sql, self->db, query, text, NULL, present);
          g_clear_pointer (&size_cond, g_free);
        }
      if (size_cond != NULL)
        g_string_append (sql, size_cond);
      /* A value no price has (the kept values say so for a size, a bucket of a geography): an
       * empty page, with no statement to prepare. */
      nothing = has_false_condition (sql->str + start);
      g_string_append_printf (sql, " ORDER BY %s", order);
    }
  if (nothing)
    {
      end_read (self->db, began);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) sky_listing_free);
    }
  if (probe)
    {
      /* A subquery with a limit keeps its order: SQLite neither flattens it into the query
       * around it nor moves that query's conditions into it. */
      probed_sql = g_strdup (sql->str);
      g_string_prepend (sql, "SELECT * FROM (");
      g_string_append (sql, " LIMIT :probe) AS p WHERE " TEXT_CHECK_SQL);
    }
  else if (text == TEXT_SET_WALK)
    {
      /* As the probe, the prices read by their key, then checked against the offers found
       * and their text, on the offer's row. */
      g_string_prepend (sql, "SELECT * FROM (");
      g_string_append (sql, " LIMIT :probe) AS p WHERE sky_found (:found, " PRICE_OFFER_ID_SQL
                            ") AND " OFFER_TEXT_SQL);
    }
  else if (found_first)
    {
      /* As the probe's: no limit, but one all the same, to keep the order. */
      g_string_prepend (sql, "SELECT * FROM (");
      /* Of many, as many as the page takes, each counted (found->checked). */
      g_string_append (sql, quick_sort ? " LIMIT :window) AS p WHERE sky_found (:found, "
                                         PRICE_OFFER_ID_SQL ") AND " TEXT_CHECK_SQL
                                       : " LIMIT -1) AS p WHERE " TEXT_CHECK_SQL);
    }
  g_string_append (sql, " LIMIT :limit OFFSET :offset");
  /* The page's prices picked by their key alone: their rows. */
  if (price_key_first (text) || by_name_keys)
    {
      g_string_prepend (sql, key != NULL || in_parts || (units != NULL && units->len > 0)
                             ? "SELECT p.*, c.k AS k FROM (" : "SELECT p.* FROM (");
      g_string_append (sql, ") AS c CROSS JOIN price p ON p.bucket = c.bucket "
                            "AND p.amount = c.amount AND p.offer_seq = c.offer_seq");
    }

  /* The bucket is decoded below. */
  g_string_prepend (sql, LISTING_SELECT_SQL);
  g_string_append_printf (sql, LISTING_JOINS_SQL "ORDER BY %s%s", key != NULL ? "p." : "", order);

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sky_catalog_db_error (self->db, error, _("Cannot search the catalog"));
      end_read (self->db, began);
      return NULL;
    }
  _sky_catalog_watch_cancellable (self->db, query->cancellable);

  like = bind_filters (stmt, query, text, fts, found);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      query->limit > 0 ? (gint64) query->limit : -1);
  /* What each unit's part reads at most. */
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":window"),
                      probe ? probe_limit
                      : text == TEXT_SET_WALK ? walk_rows
                      : query->limit > 0 ? (gint64) query->limit + query->offset : -1);
  if (quick_sort)
    found->checked = 0;
  if (text == TEXT_SET_WALK && !probe)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":probe"), walk_rows);
      found->checked = 0;
    }
  if (probe)
    {
      probe_like = like_pattern (query->text);
      _sky_catalog_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":text"), probe_like);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":probe"), probe_limit);
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), query->offset);

  listings = read_listings (self->db, stmt, query, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* A walk whose prices did not fill the page, and were not all the search keeps (each was
   * asked of the set once): the sort, in the same transaction. The first name's prices alone
   * that did not: the walk of every name from it. */
  if (listings != NULL && listings->len < query->limit &&
      ((text == TEXT_SET_WALK && !probe && found->checked >= walk_rows) ||
       (quick_sort && found->checked >= (gint64) query->limit + query->offset) ||
       first_part != NULL || first_only))
    {
      gboolean first_name_short = first_part != NULL || first_only;

      first_name_walked = first_name_walked || first_name_short;
      first_only = FALSE;
      g_clear_pointer (&first_part, g_free);
      _sky_catalog_watch_cancellable (self->db, NULL);
      g_clear_pointer (&listings, g_ptr_array_unref);
      g_clear_pointer (&like, g_free);
      g_clear_pointer (&order, g_free);
      g_clear_pointer (&size_cond, g_free);
      g_clear_pointer (&units, g_array_unref);
      g_clear_pointer (&rank, g_free);
      g_string_truncate (sql, 0);
      in_parts = FALSE;
      from = NULL;
      if (!first_name_short)
        {
          sorted_slowly = quick_sort;
          text = TEXT_FEW_OFFERS;
        }
      goto build;
    }
  /* A short page is the whole rest of the list only if the prices checked were all the search
   * keeps. */
  if (probe && listings != NULL && listings->len < query->limit)
    {
      gint64 probed = count_probed (self->db, probed_sql, query, probe_limit);

      if (probed < 0 || probed >= probe_limit)
        *unsure = TRUE;
    }
  _sky_catalog_watch_cancellable (self->db, NULL);
  end_read (self->db, began);

  return g_steal_pointer (&listings);
}

GPtrArray *
sky_catalog_search (SkyCatalog            *self,
                    const SkySearchQuery  *query,
                    GError               **error)
{
  g_autoptr(GPtrArray) listings = NULL;
  gboolean unsure = FALSE;
  gint64 seen_prices = 0;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!check_query (query, error))
    return NULL;

  listings = search_page (self, query, probe_rows, 0, 0, &unsure, error);
  /* The first prices held some of the page's rows: twice as many as those say the page takes,
   * checked the same way, unless they are many (LONG_PROBE). */
  if (listings != NULL && unsure && listings->len > 0)
    {
      gint64 wanted = (gint64) query->offset + query->limit;
      /* The rows before the page's held the text too. */
      gint64 seen_rows = (gint64) query->offset + listings->len;
      gint64 rows = MAX (wanted, probe_rows * wanted * walk_margin / seen_rows);

      if (rows <= probe_rows * LONG_PROBE)
        {
          g_clear_pointer (&listings, g_ptr_array_unref);
          listings = search_page (self, query, rows, 0, 0, &unsure, error);
          seen_prices = rows;
        }
      else
        seen_prices = probe_rows;
    }
  /* The text is in few of the prices the search keeps: through the text index, knowing how
   * many of the page's rows the first prices held. */
  if (listings != NULL && unsure)
    {
      gint64 seen_rows = listings->len > 0 ? (gint64) query->offset + listings->len : 0;

      g_clear_pointer (&listings, g_ptr_array_unref);
      listings = search_page (self, query, 0, seen_rows, seen_prices, &unsure, error);
    }
  return g_steal_pointer (&listings);
}

/* Offer details ------------------------------------------------------------------------------ */

/* Everything the catalog knows of one offer: attributes, features, every price with its tiers,
 * and the sheet it comes from. */
SkyOfferDetails *
sky_catalog_get_offer (SkyCatalog  *self,
                       gint64       offer_id,
                       GError     **error)
{
  g_autoptr(SkyOfferDetails) details = NULL;
  g_autoptr(SkyCatalogLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (SKY_IS_CATALOG (self), NULL);

  locker = _sky_catalog_hold (self);
  /* Prepared once for the connection: an estimate reads many offers. */
  if (self->offer_statement == NULL)
    ok = sqlite3_prepare_v3 (self->db,
                             "SELECT s.provider, pv.name, s.version, s.effective_date, s.currency, "
                             "       s.source, s.retrieved, sv.code, sv.name, sv.category, o.sku, "
                             "       o.name, o.family, o.region, r.name, r.geography, o.os, "
                             "       o.storage_type, o.sla, o.vcpu, o.memory, o.gpu, o.features, "
                             "       o.prices, coalesce (pv.short_name, pv.name), o.architecture, "
                             "       o.tenancy, o.licence, o.software, o.capacity "
                             "FROM offer o "
                             "JOIN sheet s ON s.id = o.sheet_id "
                             "JOIN provider pv ON pv.id = s.provider "
                             "JOIN service sv ON sv.id = o.service_id "
                             "JOIN region r ON r.sheet_id = o.sheet_id AND r.code = o.region "
                             "WHERE o.id = ?1", -1, SQLITE_PREPARE_PERSISTENT,
                             &self->offer_statement, NULL) == SQLITE_OK;
  stmt = self->offer_statement;
  if (!ok)
    _sky_catalog_db_error (self->db, error, _("Cannot read the offer"));
  else
    {
      sqlite3_bind_int64 (stmt, 1, offer_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          ok = FALSE;
          g_set_error (error, SKY_CATALOG_ERROR, SKY_CATALOG_ERROR_INVALID_QUERY,
                       _("The catalog has no offer %lld"), (long long) offer_id);
        }
    }
  if (ok)
    {
      const char *features = (const char *) sqlite3_column_text (stmt, 22);
      g_auto(GStrv) lines = g_strsplit (features != NULL ? features : "", "\n", -1);

      details = g_new0 (SkyOfferDetails, 1);
      details->offer_id = offer_id;
      details->provider = _sky_catalog_column_dup (stmt, 0);
      details->provider_name = _sky_catalog_column_dup (stmt, 1);
      details->sheet_version = _sky_catalog_column_dup (stmt, 2);
      details->effective_date = _sky_catalog_column_dup (stmt, 3);
      details->currency = _sky_catalog_column_dup (stmt, 4);
      details->source = _sky_catalog_column_dup (stmt, 5);
      details->retrieved = _sky_catalog_column_dup (stmt, 6);
      details->service = _sky_catalog_column_dup (stmt, 7);
      details->service_name = _sky_catalog_column_dup (stmt, 8);
      details->category = _sky_catalog_column_dup (stmt, 9);
      details->sku = _sky_catalog_column_dup (stmt, 10);
      details->name = _sky_catalog_column_dup (stmt, 11);
      details->family = _sky_catalog_column_dup (stmt, 12);
      details->region = _sky_catalog_column_dup (stmt, 13);
      details->region_name = _sky_catalog_column_dup (stmt, 14);
      details->geography = _sky_catalog_column_dup (stmt, 15);
      details->os = _sky_catalog_column_dup (stmt, 16);
      details->storage_type = _sky_catalog_column_dup (stmt, 17);
      details->sla = _sky_catalog_column_dup (stmt, 18);
      details->provider_short_name = _sky_catalog_column_dup (stmt, 24);
      details->vcpu_milli = column_size (stmt, 19);
      details->memory_mgib = column_size (stmt, 20);
      details->gpu = column_size (stmt, 21);
      details->architecture = column_code_name (stmt, 25, SKY_VOCABULARY_ARCHITECTURE);
      details->tenancy = code_name (SKY_VOCABULARY_TENANCY, sqlite3_column_int64 (stmt, 26));
      details->licence = code_name (SKY_VOCABULARY_LICENCE, sqlite3_column_int64 (stmt, 27));
      details->software = _sky_catalog_column_dup (stmt, 28);
      details->capacity = code_name (SKY_VOCABULARY_CAPACITY, sqlite3_column_int64 (stmt, 29));
      details->features = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *eq = strchr (lines[i], '=');
          if (eq == NULL)
            continue;
          g_ptr_array_add (details->features, g_strndup (lines[i], eq - lines[i]));
          g_ptr_array_add (details->features, g_strdup (eq + 1));
        }
      details->prices = _sky_catalog_decode_prices ((const char *) sqlite3_column_text (stmt, 23));
      if (details->prices == NULL)
        ok = _sky_catalog_unreadable_prices (error, offer_id);
      else
        ok = _sky_catalog_load_usage_bands (self->db, offer_id, details->prices, error);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return ok ? g_steal_pointer (&details) : NULL;
}

void
sky_offer_tier_free (SkyOfferTier *tier)
{
  if (tier == NULL)
    return;
  g_free (tier->from);
  g_free (tier->to);
  g_free (tier);
}

void
sky_offer_price_free (SkyOfferPrice *price)
{
  if (price == NULL)
    return;
  g_free (price->term);
  g_free (price->unit);
  g_free (price->free_quantity);
  g_free (price->effective_date);
  g_clear_pointer (&price->tiers, g_ptr_array_unref);
  g_free (price->usage_discount);
  g_clear_pointer (&price->usage_bands, g_array_unref);
  g_free (price);
}

void
sky_offer_details_free (SkyOfferDetails *d)
{
  if (d == NULL)
    return;
  g_free (d->provider);
  g_free (d->provider_name);
  g_free (d->provider_short_name);
  g_free (d->sheet_version);
  g_free (d->effective_date);
  g_free (d->currency);
  g_free (d->source);
  g_free (d->retrieved);
  g_free (d->service);
  g_free (d->service_name);
  g_free (d->category);
  g_free (d->sku);
  g_free (d->name);
  g_free (d->family);
  g_free (d->region);
  g_free (d->region_name);
  g_free (d->geography);
  g_free (d->os);
  g_free (d->storage_type);
  g_free (d->sla);
  g_free (d->architecture);
  g_free (d->tenancy);
  g_free (d->licence);
  g_free (d->software);
  g_free (d->capacity);
  g_clear_pointer (&d->features, g_ptr_array_unref);
  g_clear_pointer (&d->prices, g_ptr_array_unref);
  g_free (d);
}

/* The price of 730 hours for hourly prices, rounded once to the currency's minor unit. */
gboolean
sky_listing_monthly (const SkyListing *listing,
                     SkyDecimal       *monthly)
{
  return sky_listing_monthly_hours (listing, SKY_HOURS_PER_MONTH, monthly);
}

/* An hourly price for @hours a month, at most its monthly cap, rounded once to the currency's
 * minor unit. FALSE for prices in other units. */
gboolean
sky_listing_monthly_hours (const SkyListing *listing,
                           guint             hours,
                           SkyDecimal       *monthly)
{
  SkyDecimal product;

  g_return_val_if_fail (listing != NULL, FALSE);
  g_return_val_if_fail (monthly != NULL, FALSE);

  if (g_strcmp0 (listing->unit, "hour") != 0)
    return FALSE;
  if (!sky_decimal_mul (sky_decimal_from_scaled (listing->price, SKY_PRICE_SCALE),
                        sky_decimal_from_int (hours), &product))
    return FALSE;
  if (listing->has_monthly_cap)
    {
      SkyDecimal cap = sky_decimal_from_scaled (listing->monthly_cap, SKY_PRICE_SCALE);

      if (sky_decimal_compare (product, cap) > 0)
        product = cap;
    }
  *monthly = sky_currency_round (listing->currency, product);
  return TRUE;
}

/* Records ---------------------------------------------------------------------------------- */

SkyListing *
sky_listing_copy (const SkyListing *l)
{
  SkyListing *copy;

  g_return_val_if_fail (l != NULL, NULL);

  copy = g_memdup2 (l, sizeof *l);
  copy->provider = g_strdup (l->provider);
  copy->provider_name = g_strdup (l->provider_name);
  copy->provider_short_name = g_strdup (l->provider_short_name);
  copy->sheet_version = g_strdup (l->sheet_version);
  copy->currency = g_strdup (l->currency);
  copy->region = g_strdup (l->region);
  copy->region_name = g_strdup (l->region_name);
  copy->geography = g_strdup (l->geography);
  copy->service = g_strdup (l->service);
  copy->service_name = g_strdup (l->service_name);
  copy->category = g_strdup (l->category);
  copy->sku = g_strdup (l->sku);
  copy->name = g_strdup (l->name);
  copy->family = g_strdup (l->family);
  copy->os = g_strdup (l->os);
  copy->storage_type = g_strdup (l->storage_type);
  copy->sla = g_strdup (l->sla);
  copy->term = g_strdup (l->term);
  copy->unit = g_strdup (l->unit);
  copy->free_quantity = g_strdup (l->free_quantity);
  copy->effective_date = g_strdup (l->effective_date);
  copy->architecture = g_strdup (l->architecture);
  copy->tenancy = g_strdup (l->tenancy);
  copy->licence = g_strdup (l->licence);
  copy->software = g_strdup (l->software);
  copy->capacity = g_strdup (l->capacity);
  return copy;
}

void
sky_listing_free (SkyListing *l)
{
  if (l == NULL)
    return;
  g_free (l->provider);
  g_free (l->provider_name);
  g_free (l->provider_short_name);
  g_free (l->sheet_version);
  g_free (l->currency);
  g_free (l->region);
  g_free (l->region_name);
  g_free (l->geography);
  g_free (l->service);
  g_free (l->service_name);
  g_free (l->category);
  g_free (l->sku);
  g_free (l->name);
  g_free (l->family);
  g_free (l->os);
  g_free (l->storage_type);
  g_free (l->sla);
  g_free (l->term);
  g_free (l->unit);
  g_free (l->free_quantity);
  g_free (l->effective_date);
  g_free (l->architecture);
  g_free (l->tenancy);
  g_free (l->licence);
  g_free (l->software);
  g_free (l->capacity);
  g_free (l);
}
