/* test_engine.c - the indicator engine on hand-made inputs: value parsing, the header,
 * contact chaining, the radix sort, each indicator, discretion, clusters, bad rows, the
 * cache, and the parallel parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/error.h"
#include "engine/engine.h"
#include "engine/internal.h"

#define HEADER                                                                                  \
    "admission_id,person_id,municipality_code,birth_year,sex,admit_date,discharge_date,acute,"  \
    "department_specialty,primary_diagnosis,hospital_code\n"

struct tmp {
    char dir[64];
    char in[96], pop[96], out[96], clusters[96];
};

static void tmp_make(struct tmp *t)
{
    snprintf(t->dir, sizeof(t->dir), "/tmp/klynge-engine-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->in, sizeof(t->in), "%s/in.csv", t->dir);
    snprintf(t->pop, sizeof(t->pop), "%s/pop.csv", t->dir);
    snprintf(t->out, sizeof(t->out), "%s/out", t->dir);
    snprintf(t->clusters, sizeof(t->clusters), "%s/clusters.csv", t->dir);
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The whole file at path (free()), or NULL. */
static char *get_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *s;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = calloc(1, (size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return s;
}

static void expect_file(const struct tmp *t, const char *name, const char *want)
{
    char path[160];
    char *got;
    snprintf(path, sizeof(path), "%s/%s", t->out, name);
    got = get_file(path);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void tmp_remove(struct tmp *t)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
}

/* Runs the engine on t's files with the given options; returns its status. */
static int run(struct tmp *t, struct engine_options *o, struct engine_report *rep,
               struct kl_error *err)
{
    o->input = t->in;
    o->population = t->pop;
    o->out_dir = t->out;
    kl_error_clear(err);
    return engine_run(o, rep, err);
}

static const char pop_751[] = "municipality_code,year,pop65\n751,2023,1000\n";

/* ---- values ---------------------------------------------------------------------------- */

static void test_dates_iso_and_danish(void **state)
{
    int32_t d, e;
    (void)state;
    assert_int_equal(engine_parse_date("2023-02-28", 10, &d), 0);
    assert_int_equal(engine_parse_date("28-02-2023", 10, &e), 0);
    assert_int_equal(d, e);
    assert_int_equal(d, date_from_ymd(2023, 2, 28));
    assert_int_equal(engine_parse_date("2024-02-29", 10, &d), 0);
    assert_int_equal(engine_parse_date("2023-02-29", 10, &d), -1);
    assert_int_equal(engine_parse_date("2023-13-01", 10, &d), -1);
    assert_int_equal(engine_parse_date("2023/01/01", 10, &d), -1);
    assert_int_equal(engine_parse_date("2023-1-01", 9, &d), -1);
    assert_int_equal(engine_parse_date("2023-01-0x", 10, &d), -1);
}

static void test_timestamps(void **state)
{
    int64_t s, t;
    (void)state;
    assert_int_equal(engine_parse_timestamp("2023-03-01 08:30", 16, &s), 0);
    assert_int_equal(engine_parse_timestamp("01-03-2023T08:30:00", 19, &t), 0);
    assert_true(s == t);
    assert_true(s == (int64_t)date_from_ymd(2023, 3, 1) * 86400 + 8 * 3600 + 30 * 60);
    assert_int_equal(engine_parse_timestamp("2023-03-01 24:00", 16, &s), -1);
    assert_int_equal(engine_parse_timestamp("2023-03-01", 10, &s), -1);
    assert_int_equal(engine_parse_timestamp("2023-03-01 08:60", 16, &s), -1);
}

static void test_acute_values(void **state)
{
    uint8_t v;
    (void)state;
    assert_int_equal(engine_parse_acute("Ja", 2, &v), 0);
    assert_int_equal(v, 1);
    assert_int_equal(engine_parse_acute("NEJ", 3, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(engine_parse_acute("1", 1, &v), 0);
    assert_int_equal(v, 1);
    assert_int_equal(engine_parse_acute("false", 5, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(engine_parse_acute("maybe", 5, &v), -1);
    assert_int_equal(engine_parse_acute("", 0, &v), -1);
}

/* ---- the header ------------------------------------------------------------------------ */

static void test_header_semicolon_bom_and_rename(void **state)
{
    static const char text[] =
        "\xef\xbb\xbfid;pid;kommune;birth_year;admit_date;discharge_date;acute;"
        "primary_diagnosis\n1;2;751;1950;2023-01-01;2023-01-02;1;DJ18\n";
    struct engine_layout lay;
    struct kl_error err;
    (void)state;
    assert_int_equal(engine_layout_read(text, sizeof(text) - 1,
                                        "admission_id=id,person_id=pid,municipality_code=kommune",
                                        "x.csv", &lay, &err),
                     0);
    assert_int_equal(lay.sep, ';');
    assert_int_equal(lay.ncols, 8);
    assert_int_equal(lay.col[ROLE_PERSON_ID], 1);
    assert_int_equal(lay.col[ROLE_MUNICIPALITY], 2);
    assert_false(lay.contacts);
    assert_string_equal(lay.name[ROLE_MUNICIPALITY], "kommune");
    assert_int_equal(memcmp(text + lay.data_start, "1;2;751", 7), 0);
}

static void test_header_missing_column(void **state)
{
    static const char text[] = "admission_id,person_id\n";
    struct engine_layout lay;
    struct kl_error err;
    (void)state;
    assert_int_equal(engine_layout_read(text, sizeof(text) - 1, NULL, "x.csv", &lay, &err),
                     KL_EINVAL);
    assert_string_equal(err.msg, "x.csv:1: the header has no column municipality_code (columns "
                                 "are found by name; --columns renames them)");
    assert_int_equal(engine_layout_read(text, sizeof(text) - 1, "nothing=x", "x.csv", &lay,
                                        &err),
                     KL_EINVAL);
}

static void test_header_contacts(void **state)
{
    static const char text[] = "admission_id,person_id,municipality_code,birth_year,"
                               "contact_start,contact_end,acute,primary_diagnosis\n";
    struct engine_layout lay;
    struct kl_error err;
    (void)state;
    assert_int_equal(engine_layout_read(text, sizeof(text) - 1, NULL, "x.csv", &lay, &err), 0);
    assert_true(lay.contacts);
    assert_int_equal(lay.col[ROLE_CONTACT_START], 4);
}

/* ---- chaining -------------------------------------------------------------------------- */

#define H 3600

static void test_chain_overlapping_contacts_are_one_stay(void **state)
{
    struct engine_contact c[] = {{0, 10 * H, 0}, {5 * H, 14 * H, 1}, {6 * H, 7 * H, 2}};
    struct engine_stay s[3];
    (void)state;
    assert_int_equal(engine_chain(c, 3, 4 * H, 12 * H, s), 1);
    assert_true(s[0].start == 0 && s[0].end == 14 * H);
    assert_int_equal(s[0].first_row, 0);
}

static void test_chain_gap_of_four_hours_joins(void **state)
{
    struct engine_contact c[] = {{0, 6 * H, 0}, {10 * H, 13 * H, 1}};
    struct engine_stay s[2];
    (void)state;
    assert_int_equal(engine_chain(c, 2, 4 * H, 12 * H, s), 1);
    assert_true(s[0].end == 13 * H);
}

static void test_chain_gap_over_four_hours_splits(void **state)
{
    struct engine_contact c[] = {{0, 13 * H, 0}, {17 * H + 1, 30 * H + 1, 1}};
    struct engine_stay s[2];
    (void)state;
    assert_int_equal(engine_chain(c, 2, 4 * H, 12 * H, s), 2);
    assert_int_equal(s[1].first_row, 1);
}

static void test_chain_twelve_hours_is_an_admission(void **state)
{
    struct engine_contact c12[] = {{0, 12 * H, 0}};
    struct engine_contact c11[] = {{0, 12 * H - 60, 0}};
    struct engine_stay s[1];
    (void)state;
    assert_int_equal(engine_chain(c12, 1, 4 * H, 12 * H, s), 1);
    assert_int_equal(engine_chain(c11, 1, 4 * H, 12 * H, s), 0);
}

static void test_chain_thresholds_are_options(void **state)
{
    struct engine_contact c[] = {{0, 2 * H, 0}, {5 * H, 8 * H, 1}};
    struct engine_stay s[2];
    (void)state;
    /* 3 h apart: one 8 h stay with the defaults is no admission */
    assert_int_equal(engine_chain(c, 2, 4 * H, 12 * H, s), 0);
    /* a 2 h gap splits them; a 1 h minimum keeps both */
    assert_int_equal(engine_chain(c, 2, 2 * H, 1 * H, s), 2);
    /* joined, and 8 h is enough for an 8 h minimum */
    assert_int_equal(engine_chain(c, 2, 3 * H, 8 * H, s), 1);
}

static void test_chain_later_contact_inside_long_one(void **state)
{
    /* the third contact starts 4 h after the second ends but inside the first */
    struct engine_contact c[] = {{0, 20 * H, 0}, {1 * H, 2 * H, 1}, {18 * H, 19 * H, 2},
                                 {24 * H, 40 * H, 3}};
    struct engine_stay s[4];
    (void)state;
    assert_int_equal(engine_chain(c, 4, 4 * H, 12 * H, s), 1);
    assert_true(s[0].end == 40 * H);
}

static void test_contacts_extract_end_to_end(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in,
             "admission_id,person_id,municipality_code,birth_year,contact_start,contact_end,"
             "acute,primary_diagnosis\n"
             /* person 1: 08:00-14:00 + 17:00-23:30 (3 h gap) = one 15.5 h stay */
             "11,1,751,1950,2023-03-01 08:00,2023-03-01 14:00,1,DJ18\n"
             "12,1,751,1950,2023-03-01 17:00,2023-03-01 23:30,0,DI21\n"
             /* person 1 again 10 days later: a 12 h stay, acute: a readmission */
             "13,1,751,1950,2023-03-11 20:00,2023-03-12 08:00,1,DI21\n"
             /* person 2: 5 h stay only: no admission */
             "21,2,751,1950,2023-03-01 08:00,2023-03-01 13:00,1,DE86\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.contacts, 4);
    assert_int_equal(rep.stays, 2);
    assert_int_equal(rep.rows_used, 2);
    expect_file(&t, "admissions_monthly.csv",
                "municipality_code,year,month,admissions,bed_days\n751,2023,3,2,1\n");
    expect_file(&t, "readmissions_65.csv",
                "municipality_code,year,index_admissions,readmissions_30d\n751,2023,2,1\n");
    expect_file(&t, "preventable_65.csv",
                "municipality_code,year,preventable_admissions\n751,2023,1\n");
    /* a 2 h gap option splits the first stay: 6 h and 6.5 h, neither an admission */
    o.chain_gap_seconds = 2 * H;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.rows_used, 1);
    tmp_remove(&t);
}

/* ---- sort ------------------------------------------------------------------------------ */

static int item_cmp(const void *a, const void *b)
{
    const struct engine_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->val < y->val ? -1 : x->val > y->val;
}

static void test_radix_sort_matches_qsort_and_is_stable(void **state)
{
    size_t n = 200000;
    struct engine_item *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b)),
                       *tmp = malloc(n * sizeof(*tmp)), *r;
    uint64_t x = 88172645463325252ull;
    (void)state;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        a[i].key = x & 0xfffffffffull; /* 36 bits, many passes */
        a[i].key &= i % 3 ? ~0ull : 0xff; /* and many equal keys */
        a[i].val = i;
    }
    memcpy(b, a, n * sizeof(*a));
    qsort(b, n, sizeof(*b), item_cmp); /* by key, then original position */
    r = engine_radix_sort(a, tmp, n, 0, 0, 36, 2);
    assert_non_null(r);
    assert_memory_equal(r, b, n * sizeof(*b));
    /* sorting by bits of the value word */
    for (size_t i = 0; i < n; i++)
        r[i].val = (uint64_t)(n - i) << 20;
    r = engine_radix_sort(r, r == a ? tmp : a, n, 1, 20, engine_bits(n), 2);
    for (size_t i = 1; i < n; i++)
        assert_true(r[i - 1].val < r[i].val);
    free(a);
    free(b);
    free(tmp);
}

/* ---- the indicators -------------------------------------------------------------------- */

static void test_monthly_same_day_and_new_year(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,1,751,1990,K,2023-12-30,2024-01-04,0,x,DI21,h\n"  /* 5 bed-days, in December */
             "2,2,751,1990,K,2023-12-05,2023-12-05,0,x,DI21,h\n"  /* same day: 0 */
             "3,3,101,1990,K,15-01-2024,20-01-2024,1,x,DI21,h\n"); /* Danish dates */
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    expect_file(&t, "admissions_monthly.csv",
                "municipality_code,year,month,admissions,bed_days\n"
                "101,2024,1,1,5\n751,2023,12,2,5\n");
    tmp_remove(&t);
}

static void test_readmission_window_is_0_to_30_days(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             /* person 1: discharge 01-10, next acute 30 days later: readmitted */
             "1,1,751,1950,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "2,1,751,1950,K,2023-02-09,2023-02-10,1,x,DI21,h\n"
             /* person 2: 31 days: not */
             "3,2,751,1950,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "4,2,751,1950,K,2023-02-10,2023-02-11,1,x,DI21,h\n"
             /* person 3: the next admission is planned; the acute one after it counts */
             "5,3,751,1950,K,2023-01-01,2023-01-10,0,x,DI21,h\n"
             "6,3,751,1950,K,2023-01-12,2023-01-13,0,x,DI21,h\n"
             "7,3,751,1950,K,2023-01-20,2023-01-21,1,x,DI21,h\n"
             /* person 4: the next acute admission starts before discharge: not */
             "8,4,751,1950,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "9,4,751,1950,K,2023-01-05,2023-01-06,1,x,DI21,h\n"
             "10,4,751,1950,K,2023-01-20,2023-01-21,1,x,DI21,h\n"
             /* person 5 is 64: no index admissions */
             "11,5,751,1959,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "12,5,751,1959,K,2023-01-11,2023-01-12,1,x,DI21,h\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* index: 2 + 2 + 3 + 3 = 10; readmitted: 1 (p1) + 0 (p2) + 2 (p3: 5->7, 6->7)
     * + 1 (p4: 9->10; 8's next acute is 9, before its discharge) */
    expect_file(&t, "readmissions_65.csv",
                "municipality_code,year,index_admissions,readmissions_30d\n751,2023,10,4\n");
    tmp_remove(&t);
}

static void test_readmission_ties_ordered_by_admission_id(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    /* two same-day stays on one date; in file order 20 comes first, but 10 is first by id:
     * 10's next is 20 (0 days after its discharge: readmitted), 20 has no next */
    put_file(t.in, HEADER
             "20,1,751,1950,K,2023-05-01,2023-05-01,1,x,DI21,h\n"
             "10,1,751,1950,K,2023-05-01,2023-05-01,1,x,DI21,h\n"
             "30,2,751,1950,K,2023-05-01,2023-05-01,1,x,DI21,h\n"
             "40,2,751,1950,K,2023-05-01,2023-05-03,0,x,DI21,h\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    expect_file(&t, "readmissions_65.csv",
                "municipality_code,year,index_admissions,readmissions_30d\n751,2023,4,1\n");
    tmp_remove(&t);
}

static void test_wide_person_ids_give_the_same_answer(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,9000000000000000001,751,1950,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "2,9000000000000000001,751,1950,K,2023-01-20,2023-01-21,1,x,DI21,h\n"
             "3,1,751,1950,K,2023-01-01,2023-01-10,1,x,DI21,h\n"
             "4,1,751,1950,K,2023-03-20,2023-03-21,1,x,DI21,h\n"
             "6,1,751,1950,K,2023-03-25,2023-03-25,1,x,DI21,h\n"
             "5,1,751,1950,K,2023-03-25,2023-03-25,1,x,DI21,h\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* 1->2 (10 days); 4->5 (4 days); 5->6 (0 days) */
    expect_file(&t, "readmissions_65.csv",
                "municipality_code,year,index_admissions,readmissions_30d\n751,2023,6,3\n");
    tmp_remove(&t);
}

static void test_preventable_needs_acute_65_and_prefix(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,1,751,1950,K,2023-01-01,2023-01-02,1,x,DJ189,h\n"  /* yes */
             "2,2,751,1950,K,2023-01-01,2023-01-02,1,x,dn390,h\n"  /* yes: any case */
             "3,3,751,1950,K,2023-01-01,2023-01-02,0,x,DJ189,h\n"  /* planned */
             "4,4,751,1959,K,2023-01-01,2023-01-02,1,x,DJ189,h\n"  /* 64 */
             "5,5,751,1950,K,2023-01-01,2023-01-02,1,x,DJ1,h\n"    /* shorter than prefix */
             "6,6,751,1950,K,2023-01-01,2023-01-02,1,x,,h\n"       /* no diagnosis */
             "7,7,101,1950,K,2024-01-01,2024-01-02,0,x,DI21,h\n"); /* 65+, none preventable */
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    expect_file(&t, "preventable_65.csv",
                "municipality_code,year,preventable_admissions\n101,2024,0\n751,2023,2\n");
    /* another list */
    char dx[160];
    snprintf(dx, sizeof(dx), "%s/dx.csv", t.dir);
    put_file(dx, "group,prefix\nTest,DI2\n");
    o.diagnosis_groups = dx;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    expect_file(&t, "preventable_65.csv",
                "municipality_code,year,preventable_admissions\n101,2024,0\n751,2023,0\n");
    tmp_remove(&t);
}

static void test_bed_days_per_1000_for_every_population_row(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,1,751,1950,K,2023-01-01,2023-01-04,1,x,DI21,h\n"   /* 3 */
             "2,2,751,1950,K,2023-06-01,2023-06-03,0,x,DI21,h\n"   /* 2 */
             "3,3,751,1990,K,2023-06-01,2023-06-30,0,x,DI21,h\n"); /* under 65 */
    put_file(t.pop, "municipality_code;year;pop65\n751;2023;800\n101;2023;700\n"
                    "751;2022;900\n147;2023;0\n");
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* 1000 * 5 / 800 = 6.25; 0 where none; empty rate for pop65 0 */
    expect_file(&t, "bed_days_per_1000_65.csv",
                "municipality_code,year,bed_days_65,pop65,bed_days_per_1000_65\n"
                "101,2023,0,700,0.00\n147,2023,0,0,\n751,2022,0,900,0.00\n"
                "751,2023,5,800,6.25\n");
    put_file(t.pop, "municipality_code,year,pop65\n751,2023,3\n");
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* 1000 * 5 / 3 = 1666.666... rounds to 1666.67 */
    expect_file(&t, "bed_days_per_1000_65.csv",
                "municipality_code,year,bed_days_65,pop65,bed_days_per_1000_65\n"
                "751,2023,5,3,1666.67\n");
    tmp_remove(&t);
}

/* ---- discretion and clusters ----------------------------------------------------------- */

static void test_public_hides_small_counts(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char line[160], *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    (void)state;
    tmp_make(&t);
    fputs(HEADER, f);
    /* 751: 6 admissions in March (65+, acute, preventable), 2 in April */
    for (int i = 0; i < 8; i++) {
        snprintf(line, sizeof(line), "%d,%d,751,1950,K,2023-%02d-01,2023-%02d-02,1,x,DJ18,h\n",
                 i + 1, i + 1, i < 6 ? 3 : 4, i < 6 ? 3 : 4);
        fputs(line, f);
    }
    fclose(f);
    put_file(t.in, text);
    free(text);
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    o.public_output = 1;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* April's 2 admissions and their 2 bed-days are hidden; March's 6 bed-days are shown */
    expect_file(&t, "admissions_monthly.csv",
                "municipality_code,year,month,admissions,bed_days\n"
                "751,2023,3,6,6\n751,2023,4,<5,<5\n");
    expect_file(&t, "preventable_65.csv",
                "municipality_code,year,preventable_admissions\n751,2023,8\n");
    expect_file(&t, "readmissions_65.csv",
                "municipality_code,year,index_admissions,readmissions_30d\n751,2023,8,0\n");
    tmp_remove(&t);
}

static void test_discretion_hides_what_reveals_a_small_count(void **state)
{
    struct engine_row rows[] = {
        {751, 2023, 0, 0, {3, 0, 0, 0}},       /* index 3: both hidden */
        {101, 2023, 0, 0, {40, 2, 0, 0}},      /* readmissions 2 hidden */
    };
    struct engine_rows rs = {2, 2, rows};
    struct engine_row bed[] = {
        {751, 2023, 0, 0, {100, 5000, 2000, 3}}, /* 3 admissions: bed-days and rate hidden */
        {101, 2023, 0, 0, {100, 5000, 2000, 30}},
    };
    struct engine_rows bs = {2, 2, bed};
    (void)state;
    engine_discretion_primary(ENGINE_READMISSIONS, &rs);
    assert_int_equal(rows[0].hidden, ENGINE_HIDE_PRIMARY(0) | ENGINE_HIDE_PRIMARY(1));
    assert_int_equal(rows[1].hidden, ENGINE_HIDE_PRIMARY(1));
    engine_discretion_primary(ENGINE_BED_DAYS, &bs);
    assert_int_equal(bed[0].hidden, ENGINE_HIDE_PRIMARY(0) | ENGINE_HIDE_PRIMARY(2));
    assert_int_equal(bed[1].hidden, 0);
}

static void test_clusters_add_up_members_and_hide_totals_of_hidden(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char line[160], *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    (void)state;
    tmp_make(&t);
    fputs(HEADER, f);
    /* 751: 10 admissions in 2023; 101: 3; 147: 7 in 2021 only */
    for (int i = 0; i < 20; i++) {
        const char *code = i < 10 ? "751" : i < 13 ? "101" : "147";
        snprintf(line, sizeof(line), "%d,%d,%s,1950,K,%s-03-01,%s-03-03,0,x,DI21,h\n", i + 1,
                 i + 1, code, i < 13 ? "2023" : "2021", i < 13 ? "2023" : "2021");
        fputs(line, f);
    }
    fclose(f);
    put_file(t.in, text);
    free(text);
    put_file(t.pop, "municipality_code,year,pop65\n751,2023,1000\n101,2023,2000\n"
                    "147,2021,500\n147,2023,500\n");
    /* A: 751 and 101; B: 147 until 2022, then 101 from 2023 */
    put_file(t.clusters, "cluster_code,municipality_code,valid_from,valid_to\n"
                         "A,751,,\nA,101,2020-01-01,\nB,147,2020-01-01,2022-06-30\n"
                         "B,101,01-01-2023,\n");
    engine_options_default(&o);
    o.cluster_file = t.clusters;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.files_written, 8);
    expect_file(&t, "cluster_admissions_monthly.csv",
                "cluster_code,year,month,admissions,bed_days\n"
                "A,2023,3,13,26\nB,2021,3,7,14\nB,2023,3,3,6\n");
    /* pop65 of members in force: A 2023 = 3000, B 2021 = 500, B 2023 = 2000 (147 left) */
    expect_file(&t, "cluster_bed_days_per_1000_65.csv",
                "cluster_code,year,bed_days_65,pop65,bed_days_per_1000_65\n"
                "A,2023,26,3000,8.67\nB,2021,14,500,28.00\nB,2023,6,2000,3.00\n");
    o.public_output = 1;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    /* 101's 3 admissions (and their bed-days) are hidden, so A's 2023 totals are too; B's
     * 2023 total is 101's alone */
    expect_file(&t, "admissions_monthly.csv",
                "municipality_code,year,month,admissions,bed_days\n"
                "101,2023,3,<5,<5\n147,2021,3,7,14\n751,2023,3,10,20\n");
    expect_file(&t, "cluster_admissions_monthly.csv",
                "cluster_code,year,month,admissions,bed_days\n"
                "A,2023,3,x,x\nB,2021,3,7,14\nB,2023,3,<5,<5\n");
    expect_file(&t, "cluster_bed_days_per_1000_65.csv",
                "cluster_code,year,bed_days_65,pop65,bed_days_per_1000_65\n"
                "A,2023,x,3000,\nB,2021,14,500,28.00\nB,2023,<5,2000,\n");
    tmp_remove(&t);
}

/* ---- bad input ------------------------------------------------------------------------- */

static void test_bad_row_stops_and_leaves_nothing(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char path[300];
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n"
             "2,1,751,1950,K,2023-01-05,2023-01-04,1,x,DI21,h\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), KL_EINVAL);
    snprintf(path, sizeof(path), "%s:3:7: discharge_date '2023-01-04' is before admit_date "
                                 "'2023-01-05'", t.in);
    assert_string_equal(err.msg, path);
    snprintf(path, sizeof(path), "%s/admissions_monthly.csv", t.out);
    assert_int_equal(access(path, F_OK), -1);
    tmp_remove(&t);
}

static void test_skip_invalid_counts_by_reason(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char want[300];
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER
             "1,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n"
             "2,1,999,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n"
             "3,1,998,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n"
             "x4,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n"
             "5,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21\n"
             "6,1,751,1950,K,2023-01-01,2023-01-02,\"1\"x,x,DI21,h\n"
             "7,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n");
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    o.skip_invalid = 1;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.rows_read, 7);
    assert_int_equal(rep.rows_used, 2);
    assert_int_equal(rep.skipped[ENGINE_R_MUNICIPALITY], 2);
    assert_int_equal(rep.skipped[ENGINE_R_ADMISSION_ID], 1);
    assert_int_equal(rep.skipped[ENGINE_R_FIELDS], 1);
    assert_int_equal(rep.skipped[ENGINE_R_CSV], 1);
    snprintf(want, sizeof(want), "%s:3:3: municipality_code '999' is not a Danish "
                                 "municipality code", t.in);
    assert_string_equal(rep.first[ENGINE_R_MUNICIPALITY], want);
    expect_file(&t, "admissions_monthly.csv",
                "municipality_code,year,month,admissions,bed_days\n751,2023,1,2,2\n");
    tmp_remove(&t);
}

static void test_bad_population_row_names_the_place(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char want[300];
    (void)state;
    tmp_make(&t);
    put_file(t.in, HEADER "1,1,751,1950,K,2023-01-01,2023-01-02,1,x,DI21,h\n");
    put_file(t.pop, "municipality_code,year,pop65\n751,2023,10\n751,2023,11\n");
    engine_options_default(&o);
    assert_int_equal(run(&t, &o, &rep, &err), KL_EINVAL);
    snprintf(want, sizeof(want), "%s:3: municipality 751 has a second pop65 for 2023", t.pop);
    assert_string_equal(err.msg, want);
    put_file(t.pop, "municipality_code,year,pop65\n751,2023,-1\n");
    assert_int_equal(run(&t, &o, &rep, &err), KL_EINVAL);
    snprintf(want, sizeof(want), "%s:2:3: pop65 '-1' is not a count", t.pop);
    assert_string_equal(err.msg, want);
    tmp_remove(&t);
}

/* ---- the cache and the parallel parse -------------------------------------------------- */

/* Writes n generated rows (every other one with a quoted specialty of eight lines, so that chunk cuts fall inside quotes) to path. */
static void write_rows(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(HEADER, f);
    for (int i = 0; i < n; i++) {
        int day = 1 + i % 26, mon = 1 + (i / 26) % 12;
        fprintf(f, "%d,%d,%s,%d,K,2023-%02d-%02d,2023-%02d-%02d,%d,%s,%s,h\n", 1000 + i,
                (i * 7919) % 5003, i % 3 ? "751" : "101", 1930 + i % 60, mon, day, mon,
                day + i % 3, i % 4 != 0, i % 2 == 0 ? "\"a\nb\nc\nd\ne\nf\ng\nh\"" : "spec",
                i % 5 ? "DI21" : "DJ18");
    }
    assert_int_equal(fclose(f), 0);
}

static void test_cache_gives_the_same_files(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char cache[160], *first[4];
    (void)state;
    tmp_make(&t);
    write_rows(t.in, 5000);
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    o.use_cache = 1;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_false(rep.from_cache);
    assert_true(rep.cache_written);
    for (int k = 0; k < 4; k++) {
        char p[200];
        snprintf(p, sizeof(p), "%s/%s", t.out, engine_file_name(k, 0));
        first[k] = get_file(p);
        assert_non_null(first[k]);
    }
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_true(rep.from_cache);
    assert_int_equal(rep.rows_read, 5000);
    for (int k = 0; k < 4; k++) {
        expect_file(&t, engine_file_name(k, 0), first[k]);
        free(first[k]);
    }
    /* a changed extract is parsed again */
    write_rows(t.in, 4000);
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_false(rep.from_cache);
    assert_int_equal(rep.rows_read, 4000);
    snprintf(cache, sizeof(cache), "%s.klynge-cache", t.in);
    struct stat st;
    assert_int_equal(stat(cache, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    tmp_remove(&t);
}

static void test_threads_and_quoted_line_breaks_agree(void **state)
{
    struct tmp t;
    struct engine_options o;
    struct engine_report rep;
    struct kl_error err;
    char *one[4];
    (void)state;
    tmp_make(&t);
    write_rows(t.in, 60000); /* about 4 MB: several chunks */
    put_file(t.pop, pop_751);
    engine_options_default(&o);
    o.threads = 1;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.rows_read, 60000);
    for (int k = 0; k < 4; k++) {
        char p[200];
        snprintf(p, sizeof(p), "%s/%s", t.out, engine_file_name(k, 0));
        one[k] = get_file(p);
    }
    o.threads = 3;
    assert_int_equal(run(&t, &o, &rep, &err), 0);
    assert_int_equal(rep.rows_read, 60000);
    for (int k = 0; k < 4; k++) {
        expect_file(&t, engine_file_name(k, 0), one[k]);
        free(one[k]);
    }
    tmp_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_iso_and_danish),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_acute_values),
        cmocka_unit_test(test_header_semicolon_bom_and_rename),
        cmocka_unit_test(test_header_missing_column),
        cmocka_unit_test(test_header_contacts),
        cmocka_unit_test(test_chain_overlapping_contacts_are_one_stay),
        cmocka_unit_test(test_chain_gap_of_four_hours_joins),
        cmocka_unit_test(test_chain_gap_over_four_hours_splits),
        cmocka_unit_test(test_chain_twelve_hours_is_an_admission),
        cmocka_unit_test(test_chain_thresholds_are_options),
        cmocka_unit_test(test_chain_later_contact_inside_long_one),
        cmocka_unit_test(test_contacts_extract_end_to_end),
        cmocka_unit_test(test_radix_sort_matches_qsort_and_is_stable),
        cmocka_unit_test(test_monthly_same_day_and_new_year),
        cmocka_unit_test(test_readmission_window_is_0_to_30_days),
        cmocka_unit_test(test_readmission_ties_ordered_by_admission_id),
        cmocka_unit_test(test_wide_person_ids_give_the_same_answer),
        cmocka_unit_test(test_preventable_needs_acute_65_and_prefix),
        cmocka_unit_test(test_bed_days_per_1000_for_every_population_row),
        cmocka_unit_test(test_public_hides_small_counts),
        cmocka_unit_test(test_discretion_hides_what_reveals_a_small_count),
        cmocka_unit_test(test_clusters_add_up_members_and_hide_totals_of_hidden),
        cmocka_unit_test(test_bad_row_stops_and_leaves_nothing),
        cmocka_unit_test(test_skip_invalid_counts_by_reason),
        cmocka_unit_test(test_bad_population_row_names_the_place),
        cmocka_unit_test(test_cache_gives_the_same_files),
        cmocka_unit_test(test_threads_and_quoted_line_breaks_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
