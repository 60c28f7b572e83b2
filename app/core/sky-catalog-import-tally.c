/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-catalog"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "sky-catalog-private.h"
#include "sky-catalog-import-private.h"

/* What an import counts of its offers as it writes them, for the two small tables a search reads
 * beside the prices: the table of names (offer_name: each name once for each service, size and
 * architecture of its offers, with how many offers it stands for and their prices' units) and the
 * record of which services, operating systems and sizes the offers hold together (price_meet: how
 * many offers, and the least and greatest of their names). Both have rows of one service each, and
 * a service is one sheet's, so a sheet's rows come from its own offers alone: the import writes
 * them from these counts, a look-up in a hash table per offer as it goes by, rather than reading
 * its offers back after them (an upsert each into the table of names, 8,600 instructions an offer)
 * and every offer of the catalog for the record (1,900 an offer of the catalog, at each import). A
 * removal takes its sheet's rows out with its services'. */

/* A row of the table of names: its key as the table compares it (the name in any ASCII case,
 * as SQLite's NOCASE), the name as its first offer gives it, how many offers, and their prices'
 * units (SKY_UNIT_BIT()). */
typedef struct
{
  gint64  service_id;
  gint64  vcpu;      /* -1 for none, as the table keeps it */
  gint64  memory;
  gint64  arch;
  gsize   len;
  char   *name;
  gint64  offers;
  guint64 units;
} TallyName;

/* A row of the record: a service, OS (a word id), vCPU count and memory (TALLY_NULL for none),
 * how many offers, and the least and greatest of their names as NOCASE compares them (the
 * first of equal ones). */
#define TALLY_NULL G_MININT64

typedef struct
{
  gint64  value[4];
  gint64  offers;
  char   *least;
  char   *greatest;
} TallyMeet;

struct _SkyImportTally
{
  GHashTable *names;        /* TallyName, itself the key */
  GHashTable *meets;        /* TallyMeet, itself the key */
  GPtrArray  *name_order;   /* the rows in the order of their first offer */
  GPtrArray  *meet_order;
};

static guint64
mix (guint64 h,
     gint64  value)
{
  return (h ^ (guint64) value) * G_GUINT64_CONSTANT (0x100000001b3);
}

static guint
fold (guint64 h)
{
  return (guint) (h ^ (h >> 32));
}

static guint
name_hash (gconstpointer key)
{
  const TallyName *n = key;
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  h = mix (mix (mix (mix (h, n->service_id), n->vcpu), n->memory), n->arch);
  /* ASCII letters folded, as NOCASE does (g_ascii_tolower() is a call per byte). */
  for (gsize i = 0; i < n->len; i++)
    h = mix (h, (guchar) n->name[i] | ((guint) ((guchar) n->name[i] - 'A') < 26u ? 0x20 : 0));
  return fold (h);
}

static gboolean
name_equal (gconstpointer a,
            gconstpointer b)
{
  const TallyName *x = a, *y = b;

  return x->service_id == y->service_id && x->vcpu == y->vcpu && x->memory == y->memory &&
         x->arch == y->arch && x->len == y->len &&
         g_ascii_strncasecmp (x->name, y->name, x->len) == 0;
}

static guint
meet_hash (gconstpointer key)
{
  const TallyMeet *m = key;
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (guint i = 0; i < G_N_ELEMENTS (m->value); i++)
    h = mix (h, m->value[i]);
  return fold (h);
}

static gboolean
meet_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (((const TallyMeet *) a)->value, ((const TallyMeet *) b)->value,
                 sizeof ((const TallyMeet *) a)->value) == 0;
}

static void
tally_name_free (gpointer data)
{
  TallyName *n = data;

  g_free (n->name);
  g_free (n);
}

static void
tally_meet_free (gpointer data)
{
  TallyMeet *m = data;

  g_free (m->least);
  g_free (m->greatest);
  g_free (m);
}

SkyImportTally *
_sky_import_tally_new (void)
{
  SkyImportTally *tally = g_new0 (SkyImportTally, 1);

  tally->names = g_hash_table_new (name_hash, name_equal);
  tally->meets = g_hash_table_new (meet_hash, meet_equal);
  tally->name_order = g_ptr_array_new_with_free_func (tally_name_free);
  tally->meet_order = g_ptr_array_new_with_free_func (tally_meet_free);
  return tally;
}

void
_sky_import_tally_free (SkyImportTally *tally)
{
  if (tally == NULL)
    return;
  g_hash_table_unref (tally->names);
  g_hash_table_unref (tally->meets);
  g_ptr_array_unref (tally->name_order);
  g_ptr_array_unref (tally->meet_order);
  g_free (tally);
}

/* Counts an offer in the record of which values the offers hold together: its service's id,
 * OS (a word id), vCPU count and memory (each negative for none) and its name, @len bytes,
 * NUL-terminated. */
void
_sky_import_tally_add_meet (SkyImportTally *tally,
                            gint64          service_id,
                            gint64          os,
                            gint64          vcpu,
                            gint64          memory,
                            const char     *name,
                            gsize           len)
{
  TallyMeet key = {
    { service_id, os >= 0 ? os : TALLY_NULL, vcpu >= 0 ? vcpu : TALLY_NULL,
      memory >= 0 ? memory : TALLY_NULL },
    0, NULL, NULL,
  };
  TallyMeet *m = g_hash_table_lookup (tally->meets, &key);

  if (m == NULL)
    {
      m = g_memdup2 (&key, sizeof key);
      m->least = g_strndup (name, len);
      m->greatest = g_strndup (name, len);
      g_hash_table_add (tally->meets, m);
      g_ptr_array_add (tally->meet_order, m);
    }
  else if (sqlite3_stricmp (name, m->least) < 0)
    {
      g_free (m->least);
      m->least = g_strndup (name, len);
    }
  else if (sqlite3_stricmp (name, m->greatest) > 0)
    {
      g_free (m->greatest);
      m->greatest = g_strndup (name, len);
    }
  m->offers++;
}

/* Counts an offer as it is written, in both tables: its service's id, OS (a word id), vCPU
 * count, memory and architecture code (each negative for none), its prices' @units
 * (SKY_UNIT_BIT()) and its name, @len bytes, NUL-terminated. */
void
_sky_import_tally_add (SkyImportTally *tally,
                       gint64          service_id,
                       gint64          os,
                       gint64          vcpu,
                       gint64          memory,
                       gint64          arch,
                       guint64         units,
                       const char     *name,
                       gsize           len)
{
  TallyName key = {
    service_id, vcpu >= 0 ? vcpu : -1, memory >= 0 ? memory : -1, arch >= 0 ? arch : -1,
    len, (char *) name, 0, 0,
  };
  TallyName *n = g_hash_table_lookup (tally->names, &key);

  if (n == NULL)
    {
      n = g_memdup2 (&key, sizeof key);
      n->name = g_strndup (name, len);
      g_hash_table_add (tally->names, n);
      g_ptr_array_add (tally->name_order, n);
    }
  n->offers++;
  n->units |= units;
  _sky_import_tally_add_meet (tally, service_id, os, vcpu, memory, name, len);
}

static void
bind_meet_value (sqlite3_stmt *stmt,
                 int           index,
                 gint64        value)
{
  if (value == TALLY_NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

/* Writes the rows counted into the record of which values the offers hold together, in the
 * transaction under way; a failure is said as @what. */
gboolean
_sky_import_tally_write_meets (SkyImportTally  *tally,
                               sqlite3         *db,
                               const char      *what,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) meets = NULL;

  if (sqlite3_prepare_v2 (db, "INSERT INTO price_meet (service_id, os, vcpu, memory, offers, "
                              "least_name, greatest_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          -1, &meets, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, what);
  for (guint i = 0; i < tally->meet_order->len; i++)
    {
      const TallyMeet *m = g_ptr_array_index (tally->meet_order, i);

      for (int k = 0; k < 4; k++)
        bind_meet_value (meets, k + 1, m->value[k]);
      sqlite3_bind_int64 (meets, 5, m->offers);
      sqlite3_bind_text (meets, 6, m->least, -1, SQLITE_STATIC);
      sqlite3_bind_text (meets, 7, m->greatest, -1, SQLITE_STATIC);
      if (sqlite3_step (meets) != SQLITE_DONE)
        return _sky_catalog_db_error (db, error, what);
      sqlite3_reset (meets);
    }
  return TRUE;
}

/* Runs @sql, whose parameters ?1 to ?7 are a row of the table of names (name, service_id,
 * vcpu, memory, arch, offers, units), once for each row counted; a failure is said as @what. */
static gboolean
write_names (SkyImportTally  *tally,
             sqlite3         *db,
             const char      *sql,
             const char      *what,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) names = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &names, NULL) != SQLITE_OK)
    return _sky_catalog_db_error (db, error, what);
  for (guint i = 0; i < tally->name_order->len; i++)
    {
      const TallyName *n = g_ptr_array_index (tally->name_order, i);

      sqlite3_bind_text (names, 1, n->name, n->len, SQLITE_STATIC);
      sqlite3_bind_int64 (names, 2, n->service_id);
      sqlite3_bind_int64 (names, 3, n->vcpu);
      sqlite3_bind_int64 (names, 4, n->memory);
      sqlite3_bind_int64 (names, 5, n->arch);
      sqlite3_bind_int64 (names, 6, n->offers);
      sqlite3_bind_int64 (names, 7, (gint64) n->units);
      if (sqlite3_step (names) != SQLITE_DONE)
        return _sky_catalog_db_error (db, error, what);
      sqlite3_reset (names);
    }
  return TRUE;
}

/* Writes the rows counted into the table of names and the record of which values the offers
 * hold together, in the import's transaction; a failure is said as @what. */
gboolean
_sky_import_tally_write (SkyImportTally  *tally,
                         sqlite3         *db,
                         const char      *what,
                         GError         **error)
{
  return write_names (tally, db, "INSERT INTO offer_name "
                                 "  (name, service_id, vcpu, memory, arch, offers, units) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                 "ON CONFLICT DO UPDATE SET offers = offers + excluded.offers, "
                                 "  units = units | excluded.units", what, error) &&
         _sky_import_tally_write_meets (tally, db, what, error);
}

/* Writes the units counted into the rows of the table of names they are of, in the transaction
 * under way (the migration that made the column); a failure is said as @what. */
gboolean
_sky_import_tally_write_units (SkyImportTally  *tally,
                               sqlite3         *db,
                               const char      *what,
                               GError         **error)
{
  /* ?6, the offers, is not used: SQLite numbers the parameters up to ?7 all the same. */
  return write_names (tally, db, "UPDATE offer_name SET units = ?7 WHERE name = ?1 "
                                 "AND service_id = ?2 AND vcpu = ?3 AND memory = ?4 "
                                 "AND arch = ?5", what, error);
}
