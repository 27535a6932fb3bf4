/* test_search.c - the Danish search tokenizer (inflections stemmed alike, æ, ø and å kept as
 * letters of their own, upper case folded), the parser of search text (words, phrases,
 * exclusions, prefixes, and hostile input that must never reach FTS5 as syntax), and the
 * index's sync (a large batch leaves it merged into one segment, every item found). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/search_query.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/search.h"
#include "store/store.h"
#include "testdb.h"
#include "testutil.h"

#include <string.h>

struct fixture {
    struct tmpdb t;
    struct store *st;
};

static int setup(void **state)
{
    static struct fixture f;
    struct kl_error err;

    if (tmpdb_make(&f.t) != 0)
        return -1;
    if (store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err) != 0)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static void tokens_of(struct fixture *f, const char *text, char *out, size_t cap)
{
    struct kl_error err;
    assert_int_equal(store_search_tokens(f->st, text, out, cap, &err), 0);
}

static void assert_same_terms(struct fixture *f, const char *a, const char *b)
{
    char ta[256], tb[256];
    tokens_of(f, a, ta, sizeof(ta));
    tokens_of(f, b, tb, sizeof(tb));
    if (strcmp(ta, tb) != 0)
        fail_msg("'%s' gives '%s' but '%s' gives '%s'", a, ta, b, tb);
}

static void test_inflections_share_a_stem(void **state)
{
    struct fixture *f = *state;
    assert_same_terms(f, "genoptræningsplan", "genoptræningsplanerne");
    assert_same_terms(f, "genoptræningsplan", "genoptræningsplaner");
    assert_same_terms(f, "beslutning", "beslutningen");
    assert_same_terms(f, "kommune", "kommunerne");
    assert_same_terms(f, "møder", "møderne");
}

static void test_case_folds_and_danish_letters_stay(void **state)
{
    struct fixture *f = *state;
    char t[256];

    assert_same_terms(f, "ÆLDRE", "ældre");
    assert_same_terms(f, "Sundhedsaftalen", "sundhedsaftalen");
    tokens_of(f, "Får FÆRRE ØL på ÅRHUS", t, sizeof(t));
    assert_non_null(strstr(t, "får"));
    assert_non_null(strstr(t, "ø"));
    assert_non_null(strstr(t, "århus"));
    assert_null(strchr(t, 'F'));
    tokens_of(f, "får", t, sizeof(t));
    char far[256];
    tokens_of(f, "far", far, sizeof(far));
    assert_string_not_equal(t, far);
}

static void test_stem_function_matches_the_tokenizer(void **state)
{
    struct fixture *f = *state;
    char stem[64], t[64];

    assert_int_equal(store_search_stem("planerne", stem, sizeof(stem)), 0);
    tokens_of(f, "planerne", t, sizeof(t));
    assert_string_equal(stem, t);
}

static void parse_ok(const char *q, const char *match)
{
    struct search_query sq;
    struct kl_error err;
    int rc = search_query_parse(q, strlen(q), &sq, &err);
    if (rc)
        fail_msg("'%s' refused: %s", q, err.msg);
    assert_string_equal(sq.match, match);
}

static void parse_refused(const char *q, size_t n)
{
    struct search_query sq;
    struct kl_error err;
    if (search_query_parse(q, n, &sq, &err) != KL_EINVAL)
        fail_msg("'%.*s' accepted as %s", (int)n, q, sq.match);
}

static void test_words_phrases_exclusions_prefixes(void **state)
{
    (void)state;
    parse_ok("genoptræning", "(\"genoptræning\")");
    parse_ok("  ældre   medicinske ", "(\"ældre\" AND \"medicinske\")");
    parse_ok("\"akut sygepleje\" kommune", "(\"akut sygepleje\" AND \"kommune\")");
    parse_ok("plan -budget",
             "(\"plan\") NOT {title recommendation case_text attachments} : (\"budget\")");
    parse_ok("sund* -\"to ord\"",
             "(\"sund\" *) NOT {title recommendation case_text attachments} : (\"to ord\")");
    parse_ok("\"ikke lukket", "(\"ikke lukket\")");
    parse_ok("a-b", "(\"a-b\")");
}

static void test_hostile_text_is_only_quoted_terms(void **state)
{
    struct search_query sq;
    struct kl_error err;
    const char *q = "x\" OR title:* NEAR( {decision} : y) ^ NOT";

    (void)state;
    assert_int_equal(search_query_parse(q, strlen(q), &sq, &err), 0);
    /* every quote that the user typed is doubled inside a quoted term */
    parse_ok("OR AND NOT", "(\"OR\" AND \"AND\" AND \"NOT\")");
    parse_ok("a\"\"b", "(\"a\" AND \"b\")");
    parse_ok("x\"\"\"", "(\"x\")");
    parse_ok("decision:x", "(\"decision:x\")");
    parse_ok("q\"", "(\"q\")");
    {
        static const char nul[] = "sund\"*sund*\x01\0re";
        struct search_query sq2;
        assert_int_equal(search_query_parse(nul, sizeof(nul) - 1, &sq2, &err), 0);
        assert_string_equal(sq2.match, "(\"sund\" AND \"*sund*  re\")");
    }
    parse_refused("", 0);
    parse_refused("   ", 3);
    parse_refused("-alene", 6);
    parse_refused("* - \" \" ()", 10);
    parse_refused("\xff\xfe", 2);
    char big[SEARCH_QUERY_MAX + 2];
    memset(big, 'a', sizeof(big));
    parse_refused(big, sizeof(big));
    parse_refused("a b c d e f g h i j k l m n o p q", 33);
}

static void test_parsed_expressions_run_in_fts5(void **state)
{
    struct fixture *f = *state;
    static const char *const qs[] = {"x\" OR title:* NEAR( {decision} : y) ^ NOT",
                                     "\"\"\"\"a", "-b a*", "æ* ø å", "a\"*", "\"a b\"*"};
    for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
        struct search_query sq;
        struct search_filter sf = {0};
        struct search_hit *hits;
        size_t n;
        int more;
        struct kl_error err;
        struct arena *a = arena_new(0);

        assert_int_equal(search_query_parse(qs[i], strlen(qs[i]), &sq, &err), 0);
        if (sq.nexcluded) {
            assert_non_null(strstr(sq.match,
                                   " NOT {title recommendation case_text attachments} : ("));
            assert_non_null(strstr(sq.excluded_decision, "{decision} : ("));
        } else {
            assert_string_equal(sq.excluded_decision, "");
        }
        sf.match = sq.match;
        sf.positive = sq.positive;
        sf.excluded_decision = sq.excluded_decision;
        sf.internal_json = "[1]";
        sf.limit = 10;
        if (store_search(f->st, a, &sf, &hits, &n, &more, &err) != 0)
            fail_msg("'%s' as %s: %s", qs[i], sq.match, err.msg);
        assert_int_equal(n, 0);
        arena_free(a);
    }
}

static void test_a_large_sync_leaves_one_segment(void **state)
{
    struct fixture *f = *state;
    struct kl_error err;
    struct search_filter sf = {0};
    struct search_hit *hits;
    struct arena *a = arena_new(0);
    size_t n;
    int more;
    char sql[512];

    /* three batches of items written by another program: two small syncs (a segment
     * each, left to FTS5's automerge), then one of 1,200 items (merged into one) */
    for (int batch = 0; batch < 3; batch++) {
        int items = batch < 2 ? 10 : 1200;

        if (batch == 0)
            raw_exec(f->t.path,
                     "INSERT INTO forum (id, name, created_at) VALUES (7, 'F',"
                     " '2026-01-01T00:00:00Z');"
                     "INSERT INTO meeting (id, forum_id, kind, status, title, starts_at, ends_at,"
                     " day, created_at) VALUES (9, 7, 'meeting', 'held', 'M',"
                     " '2026-01-05T08:00:00Z', '2026-01-05T10:00:00Z', '2026-01-05',"
                     " '2026-01-01T00:00:00Z');");
        snprintf(sql, sizeof(sql),
                 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
                 " INSERT INTO agenda_item (forum_id, meeting_id, state, number, title,"
                 " created_at) SELECT 7, 9, 'agenda', i, 'Genoptræningsplanerne nummer ' || i,"
                 " '2026-01-01T00:00:00Z' FROM k", items);
        raw_exec(f->t.path, sql);
        assert_int_equal(store_search_sync(f->st, &err), 0);
        if (batch == 1)
            assert_int_equal(raw_int(f->t.path, "SELECT count(DISTINCT segid) FROM "
                                                "agenda_fts_idx"), 2);
    }
    assert_int_equal(raw_int(f->t.path, "SELECT count(DISTINCT segid) FROM agenda_fts_idx"),
                     1);
    assert_int_equal(raw_int(f->t.path, "SELECT count(*) FROM search_pending"), 0);
    sf.match = "\"genoptræningsplan\"";
    sf.internal_json = "[7]";
    sf.limit = 20;
    sf.offset = 1200;
    assert_int_equal(store_search(f->st, a, &sf, &hits, &n, &more, &err), 0);
    assert_int_equal(n, 20); /* 1,220 items: the last page holds the first twenty */
    assert_int_equal(more, 0);
    assert_int_equal(hits[19].number, 1);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inflections_share_a_stem),
        cmocka_unit_test(test_case_folds_and_danish_letters_stay),
        cmocka_unit_test(test_stem_function_matches_the_tokenizer),
        cmocka_unit_test(test_words_phrases_exclusions_prefixes),
        cmocka_unit_test(test_hostile_text_is_only_quoted_terms),
        cmocka_unit_test(test_parsed_expressions_run_in_fts5),
        cmocka_unit_test(test_a_large_sync_leaves_one_segment),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
