/* sqlite.c - the SQLite connection: opening with the house settings (WAL, foreign keys,
 * busy timeout, memory-mapped reads), the schema version check, and write transactions. */
#include "store/store.h"
#include "store/store_impl.h"
#include "store/search.h"

#include "core/arena.h"
#include "core/collate.h"
#include "core/error.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BUSY_TIMEOUT_MS 5000

int store_db_error(struct store *st, struct kl_error *err, const char *what)
{
    return kl_error_set(err, KL_EDB, "%s: %s", what, st && st->db ? sqlite3_errmsg(st->db)
                                                               : "no connection");
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, struct kl_error *err,
                  const char *what)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
        *out = NULL;
        return store_db_error(st, err, what);
    }
    return 0;
}

int store_prepare_cached(struct store *st, const char *sql, sqlite3_stmt **out,
                         struct kl_error *err, const char *what)
{
    for (int i = 0; i < st->ncached; i++)
        if (st->cached[i].sql == sql) {
            *out = st->cached[i].stmt;
            return 0;
        }
    if (st->ncached == STORE_CACHED)
        return store_prepare(st, sql, out, err, what);
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) !=
        SQLITE_OK) {
        *out = NULL;
        return store_db_error(st, err, what);
    }
    st->cached[st->ncached].sql = sql;
    st->cached[st->ncached++].stmt = *out;
    return 0;
}

void store_finish(struct store *st, sqlite3_stmt *s)
{
    if (!s)
        return;
    for (int i = 0; i < st->ncached; i++)
        if (st->cached[i].stmt == s) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return;
        }
    sqlite3_finalize(s);
}

void store_reset_statements(struct store *st)
{
    for (int i = 0; i < st->ncached; i++) {
        sqlite3_reset(st->cached[i].stmt);
        sqlite3_clear_bindings(st->cached[i].stmt);
    }
}

char *store_col_text(sqlite3_stmt *s, int col, struct arena *a, int null_ok)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    if (!t)
        return null_ok ? NULL : arena_strdup(a, "");
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, col));
}

int store_bind_text(sqlite3_stmt *s, int idx, const char *text)
{
    if (!text)
        return sqlite3_bind_null(s, idx);
    return sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}

int store_exec(struct store *st, const char *sql, struct kl_error *err, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        kl_error_set(err, KL_EDB, "%s: %s", what, msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return KL_EDB;
    }
    return 0;
}

static int collate_da_cb(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    return collate_da(a, (size_t)na, b, (size_t)nb);
}

static int pragma_int(struct store *st, const char *sql, int *out, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s, err, "reading database settings");
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        rc = 0;
    } else {
        rc = store_db_error(st, err, "reading database settings");
    }
    sqlite3_finalize(s);
    return rc;
}

/* Creates the parent directory of path when it is missing (one level, as for ./var/). */
static int make_parent_dir(const char *path, struct kl_error *err)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    size_t n;

    if (!slash || slash == path)
        return 0;
    n = (size_t)(slash - path);
    if (n >= sizeof(dir))
        return kl_error_set(err, KL_EINVAL, "%s: path too long", path);
    memcpy(dir, path, n);
    dir[n] = '\0';
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return kl_error_set(err, KL_EIO, "%s: cannot create directory: %s", dir,
                            strerror(errno));
    return 0;
}

static int check_identity(struct store *st, const char *path, struct kl_error *err)
{
    int app_id = 0, tables = 0, rc;

    rc = pragma_int(st, "PRAGMA application_id", &app_id, err);
    if (rc)
        return kl_error_set(err, KL_EVERSION, "%s: not a klynge database (%s)", path, err->msg);
    if (app_id == KLYNGE_APPLICATION_ID)
        return 0;
    rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err);
    if (rc)
        return rc;
    if (app_id != 0 || tables != 0)
        return kl_error_set(err, KL_EVERSION,
                            "%s: not a klynge database (it holds other data); refusing to touch it",
                            path);
    return 0;
}

/* SQLite's memory statistics take one process-wide mutex on every allocation: under
 * concurrent searches the server's worker threads queued on it (docs/search.md, Speed).
 * klynge never reads the statistics, so they are off; this must happen before SQLite's
 * first use, hence once, before the first connection. */
static void sqlite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_open(const char *path, int flags, struct store **out, struct kl_error *err)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    struct store *st;
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    int rc;
    struct stat sb;

    pthread_once(&configured, sqlite_configure);
    *out = NULL;
    if (!(flags & STORE_CREATE) && stat(path, &sb) != 0)
        return kl_error_set(err, KL_ENOTFOUND,
                            "%s: no database here; create it with 'klynge init --db %s'", path,
                            path);
    if (flags & STORE_CREATE) {
        oflags |= SQLITE_OPEN_CREATE;
        rc = make_parent_dir(path, err);
        if (rc)
            return rc;
    }
    st = calloc(1, sizeof(*st));
    if (!st)
        return kl_error_set(err, KL_ENOMEM, "out of memory opening %s", path);
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        rc = kl_error_set(err, KL_EIO, "%s: cannot open database: %s", path,
                          st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(st->db, 1);
    if (sqlite3_create_collation(st->db, "da", SQLITE_UTF8, NULL, collate_da_cb) != SQLITE_OK) {
        rc = store_db_error(st, err, "registering the Danish collation");
        goto fail;
    }
    if (store_search_register(st->db) != SQLITE_OK) {
        rc = store_db_error(st, err, "registering the Danish search tokenizer");
        goto fail;
    }
    rc = check_identity(st, path, err);
    if (rc)
        goto fail;
    /* mmap_size: the database file is read through a memory map (up to 1 GiB of address
     * space per connection; the pages are the kernel's page cache, shared, not copied into
     * each connection's own cache by read()): a search over 100,000 items spent a quarter
     * of its time copying pages (bench/search, docs/search.md). */
    rc = store_exec(st,
                    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;",
                    err, path);
    if (rc)
        goto fail;
    rc = pragma_int(st, "PRAGMA user_version", &st->version, err);
    if (rc)
        goto fail;
    if (st->version > store_schema_latest()) {
        rc = kl_error_set(err, KL_EVERSION,
                          "%s: database schema version %d is newer than this klynge %s knows "
                          "(%d); use a newer klynge",
                          path, st->version, KLYNGE_VERSION, store_schema_latest());
        goto fail;
    }
    if (st->version < store_schema_latest()) {
        if (!(flags & STORE_MIGRATE)) {
            rc = kl_error_set(err, KL_EVERSION,
                              "%s: database schema version %d is older than %d; run "
                              "'klynge init --db %s' to upgrade it",
                              path, st->version, store_schema_latest(), path);
            goto fail;
        }
        rc = store_migrate(st, err);
        if (rc) {
            kl_error_prefix(err, "%s", path);
            goto fail;
        }
    }
    *out = st;
    return 0;
fail:
    store_close(st);
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->ncached; i++)
        sqlite3_finalize(st->cached[i].stmt);
    sqlite3_close(st->db);
    free(st);
}

int store_schema_version(struct store *st)
{
    return st->version;
}

int store_begin(struct store *st, struct kl_error *err)
{
    return store_exec(st, "BEGIN IMMEDIATE", err, "starting a transaction");
}

int store_commit(struct store *st, struct kl_error *err)
{
    int rc = store_exec(st, "COMMIT", err, "committing");
    if (rc)
        store_rollback(st);
    return rc;
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_ping(struct store *st, struct kl_error *err)
{
    int one = 0;
    return pragma_int(st, "SELECT 1", &one, err);
}
