/* search_query_fuzz.c - libFuzzer target for the search text parser (app/search_query.c):
 * any bytes give either a clean refusal or expressions that FTS5 runs without a syntax error:
 * the search itself, its terms alone, and its excluded terms in the decision column. */
#include "app/search_query.h"
#include "core/error.h"
#include "store/search.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;

static sqlite3 *open_db(void)
{
    if (db)
        return db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || store_search_register(db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(title, recommendation, case_text,"
                     " decision, attachments, tokenize='klynge_da');"
                     "INSERT INTO t VALUES ('Genoptræningsplaner', 'At godkende', 'Ældre får',"
                     " 'Godkendt', 'Bilag om akutpladser');",
                     NULL, NULL, NULL) != SQLITE_OK)
        abort();
    return db;
}

static void run(const char *match)
{
    sqlite3_stmt *s;

    if (sqlite3_prepare_v2(open_db(), "SELECT rowid FROM t WHERE t MATCH ?1", -1, &s, NULL) !=
        SQLITE_OK)
        abort();
    sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
        ;
    if (sqlite3_errcode(db) != SQLITE_OK && sqlite3_errcode(db) != SQLITE_DONE)
        abort();
    sqlite3_finalize(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct search_query *q = malloc(sizeof(*q));
    struct kl_error err;

    if (!q)
        return 0;
    if (search_query_parse((const char *)data, size, q, &err) == 0) {
        if (q->nterms == 0 || q->nterms + q->nexcluded > SEARCH_TERMS_MAX)
            abort();
        run(q->match);
        run(q->positive);
        if ((q->nexcluded > 0) != (q->excluded_decision[0] != '\0'))
            abort();
        if (q->excluded_decision[0])
            run(q->excluded_decision);
    }
    free(q);
    return 0;
}
