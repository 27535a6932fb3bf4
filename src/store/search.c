/* search.c - full-text search of agenda items: the klynge_da FTS5 tokenizer (FTS5's
 * unicode61 with remove_diacritics 0, so æ, ø and å stay letters of their own and Æ folds to
 * æ, then libstemmer's Danish Snowball stemmer, one stemmer per tokenizer instance), two
 * FTS5 auxiliary functions that read the current row's matches, and the search query over
 * agenda_fts (the "search" migration), filtered by the forums the caller allows. */
#include "store/search.h"
#include "store/store.h"
#include "store/store_impl.h"

#include "core/arena.h"
#include "core/error.h"

#include <libstemmer.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKEN 256

struct da_tokenizer {
    fts5_tokenizer base;       /* unicode61's methods */
    Fts5Tokenizer *inner;      /* a unicode61 instance */
    struct sb_stemmer *stemmer;
};

struct da_call {
    struct da_tokenizer *tok;
    void *ctx;
    int (*cb)(void *, int, const char *, int, int, int);
};

static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;

    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    return api;
}

static void da_delete(Fts5Tokenizer *p)
{
    struct da_tokenizer *t = (struct da_tokenizer *)p;

    if (!t)
        return;
    if (t->inner)
        t->base.xDelete(t->inner);
    if (t->stemmer)
        sb_stemmer_delete(t->stemmer);
    free(t);
}

static int da_create(void *user, const char **args, int nargs, Fts5Tokenizer **out)
{
    fts5_api *api = user;
    struct da_tokenizer *t;
    void *inner_user = NULL;
    const char *inner_args[] = {"remove_diacritics", "0"};
    int rc;

    (void)args;
    (void)nargs;
    *out = NULL;
    t = calloc(1, sizeof(*t));
    if (!t)
        return SQLITE_NOMEM;
    rc = api->xFindTokenizer(api, "unicode61", &inner_user, &t->base);
    if (rc == SQLITE_OK)
        rc = t->base.xCreate(inner_user, inner_args, 2, &t->inner);
    if (rc == SQLITE_OK) {
        t->stemmer = sb_stemmer_new("danish", "UTF_8");
        if (!t->stemmer)
            rc = SQLITE_NOMEM;
    }
    if (rc != SQLITE_OK) {
        da_delete((Fts5Tokenizer *)t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

/* Each lowercase token from unicode61, stemmed unless it is the prefix of a prefix query
 * (a stem of a prefix would no longer be its prefix). */
static int da_token(void *p, int flags, const char *tok, int ntok, int start, int end)
{
    struct da_call *c = p;
    const sb_symbol *stem;
    int nstem;

    if (ntok <= 0 || ntok > MAX_TOKEN || (flags & FTS5_TOKEN_COLOCATED))
        return c->cb(c->ctx, flags, tok, ntok, start, end);
    stem = sb_stemmer_stem(c->tok->stemmer, (const sb_symbol *)tok, ntok);
    if (!stem)
        return SQLITE_NOMEM;
    nstem = sb_stemmer_length(c->tok->stemmer);
    return c->cb(c->ctx, flags, (const char *)stem, nstem, start, end);
}

static int da_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int ntext,
                       int (*cb)(void *, int, const char *, int, int, int))
{
    struct da_tokenizer *t = (struct da_tokenizer *)p;
    struct da_call c = {t, ctx, cb};

    /* A prefix is not stemmed. Nor is a document tokenized for an auxiliary function
     * (highlight, snippet): FTS5 then reads only each token's place and byte offsets, never
     * its text, and stemming neither adds nor drops a token; the stemmer took a tenth of a
     * search's CPU this way (docs/search.md, Speed). */
    if (flags & (FTS5_TOKENIZE_PREFIX | FTS5_TOKENIZE_AUX))
        return t->base.xTokenize(t->inner, ctx, flags, text, ntext, cb);
    return t->base.xTokenize(t->inner, &c, flags, text, ntext, da_token);
}

/* klynge_columns(agenda_fts): a bit mask of the columns of the current row holding a match
 * of a phrase of the query (bit 1 << column), so that a snippet is made only of a column
 * that has one. */
static void fts_columns(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                        int nval, sqlite3_value **val)
{
    int n = 0, mask = 0;

    (void)nval;
    (void)val;
    if (api->xInstCount(fts, &n) != SQLITE_OK) {
        sqlite3_result_error(ctx, "klynge_columns: no match information", -1);
        return;
    }
    for (int i = 0; i < n; i++) {
        int phrase, col, off;

        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK) {
            sqlite3_result_error(ctx, "klynge_columns: no match information", -1);
            return;
        }
        if (col >= 0 && col < 31)
            mask |= 1 << col;
    }
    sqlite3_result_int(ctx, mask);
}

#define MAX_PHRASES 64

/* klynge_found_without(agenda_fts, COLUMN): 1 when every phrase of the query found in the
 * current row is also found in a column other than COLUMN, else 0. For a row that matches
 * an expression of search_query_parse ((p1 AND p2 ...) NOT (n1 OR ...), over every column)
 * this is exactly whether it also matches the same expression limited to the other
 * columns: each p is in the row (found somewhere), no n is in the row at all. */
static void fts_found_without(const Fts5ExtensionApi *api, Fts5Context *fts,
                              sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    unsigned char seen[MAX_PHRASES] = {0}; /* 1: in COLUMN, 2: elsewhere */
    int n = 0, nphrase = api->xPhraseCount(fts), without;

    if (nval != 1 || nphrase > MAX_PHRASES || api->xInstCount(fts, &n) != SQLITE_OK) {
        sqlite3_result_error(ctx, "klynge_found_without: bad call", -1);
        return;
    }
    without = sqlite3_value_int(val[0]);
    for (int i = 0; i < n; i++) {
        int phrase, col, off;

        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK || phrase < 0 ||
            phrase >= nphrase) {
            sqlite3_result_error(ctx, "klynge_found_without: no match information", -1);
            return;
        }
        seen[phrase] |= col == without ? 1 : 2;
    }
    for (int p = 0; p < nphrase; p++)
        if (seen[p] == 1) {
            sqlite3_result_int(ctx, 0);
            return;
        }
    sqlite3_result_int(ctx, 1);
}

int store_search_register(sqlite3 *db)
{
    static fts5_tokenizer methods = {da_create, da_delete, da_tokenize};
    fts5_api *api = fts5_api_of(db);
    int rc;

    if (!api)
        return SQLITE_ERROR;
    rc = api->xCreateTokenizer(api, STORE_SEARCH_TOKENIZER, api, &methods, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "klynge_columns", NULL, fts_columns, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "klynge_found_without", NULL, fts_found_without, NULL);
    return rc;
}

int store_search_stem(const char *word, char *out, size_t cap)
{
    struct sb_stemmer *s = sb_stemmer_new("danish", "UTF_8");
    const sb_symbol *stem;
    size_t n;

    if (!s || cap == 0) {
        sb_stemmer_delete(s);
        return -1;
    }
    stem = sb_stemmer_stem(s, (const sb_symbol *)word, (int)strlen(word));
    if (!stem) {
        sb_stemmer_delete(s);
        return -1;
    }
    n = (size_t)sb_stemmer_length(s);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, stem, n);
    out[n] = '\0';
    sb_stemmer_delete(s);
    return 0;
}

struct collect {
    char *out;
    size_t cap, len;
};

static int collect_token(void *p, int flags, const char *tok, int ntok, int start, int end)
{
    struct collect *c = p;

    (void)flags;
    (void)start;
    (void)end;
    if (c->len + (size_t)ntok + 2 > c->cap)
        return SQLITE_OK;
    if (c->len)
        c->out[c->len++] = ' ';
    memcpy(c->out + c->len, tok, (size_t)ntok);
    c->len += (size_t)ntok;
    c->out[c->len] = '\0';
    return SQLITE_OK;
}

int store_search_tokens(struct store *st, const char *text, char *out, size_t cap,
                        struct kl_error *err)
{
    fts5_api *api = fts5_api_of(st->db);
    fts5_tokenizer m;
    void *user = NULL;
    Fts5Tokenizer *t = NULL;
    struct collect c = {out, cap, 0};
    int rc;

    if (cap)
        out[0] = '\0';
    if (!api || api->xFindTokenizer(api, STORE_SEARCH_TOKENIZER, &user, &m) != SQLITE_OK ||
        m.xCreate(user, NULL, 0, &t) != SQLITE_OK)
        return store_db_error(st, err, "creating the search tokenizer");
    rc = m.xTokenize(t, &c, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), collect_token);
    m.xDelete(t);
    return rc == SQLITE_OK ? 0 : store_db_error(st, err, "tokenizing");
}

/* An attachment as it is searched: its title, then its extracted text. */
#define ATTACHMENT_DOC "a.title || char(10) || coalesce(t.text, '')"
#define ATTACHMENT_JOIN "attachment a LEFT JOIN attachment_text t ON t.attachment_id = a.id"
#define PENDING "(SELECT item_id FROM search_pending)"

/* Re-indexes the queued items: their row of agenda_fts, whose column "attachments" holds
 * every attachment's title and text, and their attachments' rows of attachment_fts (and
 * drops the rows of attachments that are gone). */
static const char sync_sql[] =
    "DELETE FROM agenda_fts WHERE rowid IN " PENDING ";"
    "INSERT INTO agenda_fts(rowid, title, recommendation, case_text, decision, attachments)"
    " SELECT i.id, i.title, i.recommendation, i.case_text, i.decision,"
    " coalesce((SELECT group_concat(" ATTACHMENT_DOC ", char(10)) FROM " ATTACHMENT_JOIN
    "  WHERE a.item_id = i.id), '')"
    " FROM agenda_item i WHERE i.id IN " PENDING ";"
    "DELETE FROM attachment_fts WHERE rowid NOT IN (SELECT id FROM attachment)"
    " OR rowid IN (SELECT id FROM attachment WHERE item_id IN " PENDING ");"
    "INSERT INTO attachment_fts(rowid, text) SELECT a.id, " ATTACHMENT_DOC
    " FROM " ATTACHMENT_JOIN " WHERE a.item_id IN " PENDING ";"
    "DELETE FROM search_pending;";

/* After re-indexing this many items at once (the first index after an upgrade, an import)
 * the index is merged into one segment. FTS5 adds a segment for each sync and merges
 * them only gradually (automerge), and every search walks all segments side by side:
 * after indexing 100,000 items a search took 15 % more CPU than on the merged index
 * (docs/search.md, Speed). Smaller syncs leave it to automerge. */
#define SYNC_OPTIMIZE_AT 1000

static const char optimize_sql[] =
    "INSERT INTO agenda_fts(agenda_fts) VALUES ('optimize');"
    "INSERT INTO attachment_fts(attachment_fts) VALUES ('optimize');";

int store_search_sync(struct store *st, struct kl_error *err)
{
    sqlite3_stmt *s;
    int pending = 0, rc;

    rc = store_prepare_cached(st, "SELECT count(*) FROM search_pending", &s, err,
                              "reading the search queue");
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        pending = sqlite3_column_int(s, 0);
    store_finish(st, s);
    if (!pending)
        return 0;
    rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_exec(st, sync_sql, err, "updating the search index");
    if (rc == 0 && pending >= SYNC_OPTIMIZE_AT)
        rc = store_exec(st, optimize_sql, err, "merging the search index");
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

/* Columns of agenda_fts: 0 title, 1 recommendation, 2 case_text, 3 decision, 4 attachments
 * (titles and extracted text of the item's attachments). Decisions and outcomes count only
 * where who sees the minutes (internal, or minutes published): elsewhere a row counts only
 * when its words are found without the decision (klynge_found_without, on the same cursor,
 * not a second full-text query per row). One pass, newest item first: FTS5 walks its index
 * by rowid and stops when the page is full, where ranking by bm25 would score every match
 * (a common word matches a third of all items: 150 ms over 100,000). The highlight and the
 * one snippet are computed only for the rows of the page (SQLite evaluates the result
 * columns after WHERE and OFFSET, and no sorter is needed for this order); klynge_columns
 * says which column has a match, so that no snippet is made only to look for a mark. */
#define SNIP(col) "snippet(agenda_fts, " #col ", char(2), char(3), '…', 24)"
#define INTERNAL "(ai.forum_id IN (SELECT value FROM json_each(?3)))"
#define MINUTES_PUBLIC "(m.status = 'minutes_published')"
#define MINUTES_VISIBLE "(" INTERNAL " OR " MINUTES_PUBLIC ")"
#define COLUMNS "klynge_columns(agenda_fts)"
#define SEARCH_SQL(EXCLUDE)                                                                  \
    "SELECT ai.id, ai.meeting_id, ai.forum_id, ai.number,"                                    \
    " highlight(agenda_fts, 0, char(2), char(3)),"                                            \
    " CASE WHEN " MINUTES_VISIBLE " AND (" COLUMNS " & 8) != 0 THEN " SNIP(3)                \
    "  WHEN (" COLUMNS " & 4) != 0 THEN " SNIP(2) " ELSE " SNIP(1) " END,"                   \
    " m.title, m.day, f.name, ai.rooms,"                                                       \
    " CASE WHEN " MINUTES_VISIBLE " THEN ai.outcome ELSE '' END, ai.closed,"                  \
    " (" COLUMNS " & CASE WHEN " MINUTES_VISIBLE " THEN 15 ELSE 7 END) != 0\n"               \
    "FROM agenda_fts JOIN agenda_item ai ON ai.id = agenda_fts.rowid"                         \
    " JOIN meeting m ON m.id = ai.meeting_id JOIN forum f ON f.id = ai.forum_id\n"           \
    "WHERE agenda_fts MATCH ?1 AND ai.state = 'agenda'"                                       \
    " AND (" INTERNAL " OR (ai.forum_id IN (SELECT value FROM json_each(?4)) AND ai.closed = 0" \
    "  AND m.status IN ('agenda_published', 'held', 'minutes_draft', 'minutes_published')))"  \
    " AND (?5 = 0 OR substr(m.day, 1, 4) = printf('%04d', ?5))"                               \
    " AND (?6 = 0 OR (ai.rooms & ?6) != 0)"                                                    \
    " AND (?7 = '' OR (ai.outcome = ?7 AND " MINUTES_VISIBLE "))"                             \
    " AND (" MINUTES_VISIBLE " OR klynge_found_without(agenda_fts, 3))"                       \
    " AND agenda_fts.rowid BETWEEN ?10 AND ?11" EXCLUDE "\n"                                  \
    "ORDER BY agenda_fts.rowid DESC LIMIT ?8 OFFSET ?9"
static const char search_sql[] = SEARCH_SQL("");
/* The same, taking out the items whose decision holds an excluded term where who sees the
 * minutes (the set of such rows is read once, from the index's own table-valued form). */
static const char search_excluding_sql[] = SEARCH_SQL(
    " AND NOT (" MINUTES_VISIBLE " AND agenda_fts.rowid IN (SELECT rowid FROM agenda_fts(?12)))");

/* The least and greatest id of the items of the meetings of year ?1: with a year filter
 * FTS5 walks only this range of rowids (the year filter itself still decides), instead of
 * every newer match first. Two seeks in agenda_item_meeting_id (migration 10) per meeting
 * of the year. NULLs when the year has no items. The days of year Y are the text from
 * "Y-" up to "Y-~" ('~' sorts after every digit), so that meeting_day bounds the walk on
 * both sides (an upper bound of "Y+1" could not serve the year 9999). */
static const char year_range_sql[] =
    "SELECT min((SELECT min(i.id) FROM agenda_item i WHERE i.meeting_id = m.id)),"
    " max((SELECT max(i.id) FROM agenda_item i WHERE i.meeting_id = m.id)) FROM meeting m"
    " WHERE m.day >= printf('%04d-', ?1) AND m.day < printf('%04d-~', ?1)"
    " AND substr(m.day, 1, 4) = printf('%04d', ?1)";

/* Sets *lo and *hi to the range of item ids search_sql walks: all of them, or with a year
 * filter those of year_range_sql (an empty range when the year has no items). */
static int id_range(struct store *st, int year, int64_t *lo, int64_t *hi, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc;

    *lo = INT64_MIN;
    *hi = INT64_MAX;
    if (year == 0)
        return 0;
    rc = store_prepare_cached(st, year_range_sql, &s, err, "searching by year");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *lo = sqlite3_column_type(s, 0) == SQLITE_NULL ? 1 : sqlite3_column_int64(s, 0);
        *hi = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 1);
        rc = 0;
    } else {
        rc = store_db_error(st, err, "searching by year");
    }
    store_finish(st, s);
    return rc;
}

/* The first attachment of the hit's item that matches, with a snippet of it. */
static const char attachment_sql[] =
    "SELECT a.title, snippet(attachment_fts, 0, char(2), char(3), '…', 24)"
    " FROM attachment_fts JOIN attachment a ON a.id = attachment_fts.rowid"
    " WHERE attachment_fts MATCH ?1 AND a.item_id = ?2 ORDER BY a.id LIMIT 1";

/* For each hit whose item's own text did not match (attachment NULL): the name and snippet
 * of the attachment that did; attachment "" (and the item's snippet kept) when no single
 * attachment holds every word (some are in the item, some in an attachment). */
static int attachment_hits(struct store *st, struct arena *a, const char *match,
                           struct search_hit *hits, size_t n, struct kl_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct search_hit *h = &hits[i];

        if (h->attachment)
            continue;
        h->attachment = "";
        if (!s && (rc = store_prepare_cached(st, attachment_sql, &s, err,
                                             "searching attachments")))
            break;
        sqlite3_reset(s);
        store_bind_text(s, 1, match);
        sqlite3_bind_int64(s, 2, h->item_id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            const char *name = store_col_text(s, 0, a, 0), *snip = store_col_text(s, 1, a, 0);
            if (!name || !snip)
                rc = store_oom(err);
            else {
                h->attachment = name;
                h->snippet = snip;
            }
        }
    }
    if (s)
        store_finish(st, s);
    return rc;
}

int store_search(struct store *st, struct arena *a, const struct search_filter *f,
                 struct search_hit **out, size_t *n, int *more, struct kl_error *err)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int64_t lo, hi;
    int rc, step, excluding;

    *out = NULL;
    *n = 0;
    *more = 0;
    rc = id_range(st, f->year, &lo, &hi, err);
    if (rc)
        return rc;
    excluding = f->excluded_decision && *f->excluded_decision;
    rc = store_prepare_cached(st, excluding ? search_excluding_sql : search_sql, &s, err,
                              "searching");
    if (rc)
        return rc;
    store_bind_text(s, 1, f->match);
    if (excluding)
        store_bind_text(s, 12, f->excluded_decision);
    store_bind_text(s, 3, f->internal_json ? f->internal_json : "[]");
    store_bind_text(s, 4, f->published_json ? f->published_json : "[]");
    sqlite3_bind_int(s, 5, f->year);
    sqlite3_bind_int(s, 6, (int)f->room);
    store_bind_text(s, 7, f->outcome ? f->outcome : "");
    sqlite3_bind_int(s, 8, f->limit + 1);
    sqlite3_bind_int(s, 9, f->offset);
    sqlite3_bind_int64(s, 10, lo);
    sqlite3_bind_int64(s, 11, hi);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct search_hit *h;

        if ((int)*n == f->limit) {
            *more = 1;
            break;
        }
        if (store_grow(a, (void **)out, &cap, *n, sizeof(**out))) {
            rc = store_oom(err);
            break;
        }
        h = &(*out)[*n];
        h->item_id = sqlite3_column_int64(s, 0);
        h->meeting_id = sqlite3_column_int64(s, 1);
        h->forum_id = sqlite3_column_int64(s, 2);
        h->number = sqlite3_column_int(s, 3);
        h->title = store_col_text(s, 4, a, 0);
        h->snippet = store_col_text(s, 5, a, 0);
        h->meeting_title = store_col_text(s, 6, a, 0);
        h->day = store_col_text(s, 7, a, 0);
        h->forum_name = store_col_text(s, 8, a, 0);
        h->rooms = (unsigned)sqlite3_column_int(s, 9);
        h->outcome = store_col_text(s, 10, a, 0);
        h->closed = sqlite3_column_int(s, 11);
        h->attachment = sqlite3_column_int(s, 12) ? "" : NULL; /* NULL: look in attachments */
        if (!h->title || !h->snippet || !h->meeting_title || !h->day || !h->forum_name ||
            !h->outcome) {
            rc = store_oom(err);
            break;
        }
        (*n)++;
    }
    if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kl_error_set(err, sqlite3_errcode(st->db) == SQLITE_ERROR ? KL_EINVAL : KL_EDB,
                          "searching: %s", sqlite3_errmsg(st->db));
    store_finish(st, s);
    if (rc == 0)
        rc = attachment_hits(st, a, f->positive ? f->positive : f->match, *out, *n, err);
    return rc;
}
