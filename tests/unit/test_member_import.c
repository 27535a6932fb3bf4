/* test_member_import.c - importing forum memberships: the Danish Excel variants, Danish role
 * words, people matched by e-mail or by name and organisation, substitutes, every kind of
 * bad row reported with its line and column, rights, and all-or-nothing (a bad file writes
 * no row and no audit row). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/member_import.h"
#include "app/organisation.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/fields.h"
#include "model/org.h"
#include "store/account.h"
#include "store/audit.h"
#include "store/store.h"
#include "testutil.h"

static const struct principal admin = {AUTH_LOCAL, 0, "cli:test", "test", 1, NULL};

struct fixture {
    struct tmpdb t;
    struct store *st;
    struct arena *a;
    struct problems probs;
    int64_t chef, drift, fokus1, fokus2;    /* forums */
    int64_t auh, plo, panel;                /* organisations */
    int64_t karen, jens1, jens2, ole;       /* people already stored */
};

#define HEADER "forum;name;email;title;phone;organisation;role;represents;substitute_for;" \
               "starts_on;ends_on\n"

static int64_t add_org(struct store *st, const char *name, enum org_kind kind)
{
    struct organisation o = {.name = name, .kind = kind};
    struct field_errors fe;
    struct kl_error err;

    fields_clear(&fe);
    if (app_org_save(st, &admin, &o, &fe, &err))
        fail_msg("org %s: %s", name, err.msg);
    return o.id;
}

static int64_t add_forum(struct store *st, const char *name)
{
    struct forum f = {.name = name, .kind = FORUM_CHIEF, .task = "", .ends_on = DATE_OPEN};
    struct field_errors fe;
    struct kl_error err;

    mandate_defaults(&f.mandate);
    fields_clear(&fe);
    if (app_forum_save(st, &admin, &f, &fe, &err))
        fail_msg("forum %s: %s", name, err.msg);
    return f.id;
}

static int64_t add_person(struct store *st, const char *name, const char *email, int64_t org)
{
    struct person p = {.name = name, .title = "Direktør", .email = email, .phone = "",
                       .organisation_id = org, .login = ""};
    struct field_errors fe;
    struct kl_error err;

    fields_clear(&fe);
    if (app_person_save(st, &admin, &p, &fe, &err))
        fail_msg("person %s: %s", name, err.msg);
    return p.id;
}

static int setup(void **state)
{
    static struct fixture f;
    struct membership m = {.forum_id = 0, .role = MEMBER_MEMBER, .ends_on = DATE_OPEN};
    struct field_errors fe;
    struct kl_error err;

    memset(&f, 0, sizeof(f));
    if (tmpdb_make(&f.t) || store_open(f.t.path, STORE_CREATE | STORE_MIGRATE, &f.st, &err))
        return -1;
    f.a = arena_new(0);
    problems_init(&f.probs, "in.csv", 0);
    f.chef = add_forum(f.st, "Chefforum Aalborg");
    f.drift = add_forum(f.st, "Driftsforum Aalborg");
    f.fokus1 = add_forum(f.st, "Fokusgruppe");
    f.fokus2 = add_forum(f.st, "Fokusgruppe");
    f.auh = add_org(f.st, "Aalborg Universitetshospital", ORG_HOSPITAL);
    f.plo = add_org(f.st, "PLO Nordjylland", ORG_GENERAL_PRACTICE);
    f.panel = add_org(f.st, "Patientpanelet", ORG_PATIENT_PANEL);
    f.karen = add_person(f.st, "Karen Stored", "karen@example.dk", f.auh);
    f.jens1 = add_person(f.st, "Jens Jensen", "", 0);
    f.jens2 = add_person(f.st, "Jens Jensen", "jens@example.dk", 0);
    f.ole = add_person(f.st, "Ole Olsen", "", f.plo);
    /* Karen is a member of the Chefforum from 2024 on */
    m.person_id = f.karen;
    m.forum_id = f.chef;
    m.organisation_id = f.auh;
    m.starts_on = date_from_ymd(2024, 1, 1);
    fields_clear(&fe);
    if (app_membership_save(f.st, &admin, &m, &fe, &err))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    problems_free(&f->probs);
    arena_free(f->a);
    store_close(f->st);
    tmpdb_remove(&f->t);
    return 0;
}

static int import_as(struct fixture *f, const struct principal *who, const char *csv,
                     struct member_import_summary *sum)
{
    struct kl_error err;
    problems_free(&f->probs);
    problems_init(&f->probs, "in.csv", 0);
    return app_member_import(f->st, who, csv, strlen(csv), &f->probs, sum, &err);
}

static int import(struct fixture *f, const char *csv, struct member_import_summary *sum)
{
    return import_as(f, &admin, csv, sum);
}

/* Asserts that the problem text holds needle as a whole line. */
static void assert_problem(struct fixture *f, const char *needle)
{
    const char *text = problems_text(&f->probs);
    const char *at = strstr(text, needle);
    size_t n = strlen(needle);
    if (!at || (at != text && at[-1] != '\n') || at[n] != '\n')
        fail_msg("expected the problem line\n%s\nin:\n%s", needle, text);
}

/* Asserts that the import succeeded and shows the problems when not. */
static void assert_imports(struct fixture *f, const char *csv, struct member_import_summary *sum)
{
    int rc = import(f, csv, sum);
    if (rc)
        fail_msg("import failed (%d):\n%s", rc, problems_text(&f->probs));
}

static size_t count_people(struct fixture *f)
{
    struct person *p;
    size_t n;
    struct kl_error err;
    assert_int_equal(app_person_list(f->st, f->a, &p, &n, &err), 0);
    return n;
}

static size_t count_memberships(struct fixture *f)
{
    struct membership *m;
    size_t n;
    struct kl_error err;
    assert_int_equal(app_membership_list(f->st, f->a, 0, 0, &m, &n, &err), 0);
    return n;
}

static size_t audit_rows(struct fixture *f, const char *entity)
{
    struct audit_filter filter = {.entity = entity, .limit = 100000};
    struct audit_entry *e;
    size_t n;
    struct kl_error err;
    assert_int_equal(store_audit_list(f->st, f->a, &filter, &e, &n, &err), 0);
    return n;
}

/* The stored person with this e-mail (or, when email is NULL, the only one with name). */
static struct person find_person(struct fixture *f, const char *name, const char *email)
{
    struct person *p, none = {0};
    size_t n, found = 0, at = 0;
    struct kl_error err;

    assert_int_equal(app_person_list(f->st, f->a, &p, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (email ? strcmp(p[i].email, email) == 0 : strcmp(p[i].name, name) == 0) {
            found++;
            at = i;
        }
    if (found != 1)
        fail_msg("%zu people match %s", found, email ? email : name);
    return found ? p[at] : none;
}

/* The memberships of one person. */
static struct membership *memberships_of(struct fixture *f, int64_t person, size_t *n)
{
    struct membership *m;
    struct kl_error err;
    assert_int_equal(app_membership_list(f->st, f->a, 0, person, &m, n, &err), 0);
    return m;
}

static void test_semicolon_windows_1252_file_imports(void **state)
{
    struct fixture *f = *state;
    struct member_import_summary sum;
    struct membership *m;
    struct person soren, maette, aase, bente, karen;
    size_t n, people = count_people(f), members = count_memberships(f);

    /* Excel's "CSV (semikolonsepareret)": Windows-1252 bytes (ø = F8, æ = E6, Æ = C6,
     * Å = C5) and CRLF */
    assert_imports(f,
                   HEADER
                   "Chefforum Aalborg;S\xF8ren S\xF8rensen;soren@example.dk;Direkt\xF8r;"
                   "+45 12 34 56 78;Aalborg Universitetshospital;Formand;;;01-01-2024;\r\n"
                   "Chefforum Aalborg;M\xE6tte M\xF8ller;maette@example.dk;;;PLO Nordjylland;"
                   "N\xC6STFORMAND;;;01.01.2024;31.12.2025\r\n"
                   "Chefforum Aalborg;\xC5se \xC5gaard;;;;Patientpanelet;medlem;;;2024-01-01;\r\n"
                   "Chefforum Aalborg;Karen Stored;KAREN@example.dk;Chef;;;Sekret\xE6r;;;"
                   "2024-03-01;\r\n"
                   "Driftsforum Aalborg;S\xF8ren S\xF8rensen;soren@example.dk;;;;g\xE6st;;;"
                   "2024-01-01;\r\n"
                   "Chefforum Aalborg;Bente Bach;bente@example.dk;;;PLO Nordjylland;"
                   "stedfortr\xE6" "der;;maette@example.dk;2024-01-01;\r\n",
                   &sum);
    assert_int_equal(sum.rows, 6);
    assert_int_equal(sum.people_created, 4);
    assert_int_equal(sum.people_found, 1);
    assert_int_equal(sum.memberships_created, 6);
    assert_int_equal(sum.memberships_kept, 0);
    assert_int_equal(count_people(f), people + 4);
    assert_int_equal(count_memberships(f), members + 6);

    soren = find_person(f, NULL, "soren@example.dk");
    assert_string_equal(soren.name, "Søren Sørensen");
    assert_string_equal(soren.title, "Direktør");
    assert_string_equal(soren.phone, "+45 12 34 56 78");
    assert_int_equal(soren.organisation_id, f->auh);
    m = memberships_of(f, soren.id, &n);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].forum_id, f->chef);
    assert_int_equal(m[0].role, MEMBER_CHAIR);
    assert_int_equal(m[0].organisation_id, f->auh);
    assert_int_equal(m[0].starts_on, date_from_ymd(2024, 1, 1));
    assert_int_equal(m[0].ends_on, DATE_OPEN);
    assert_int_equal(m[1].forum_id, f->drift);
    assert_int_equal(m[1].role, MEMBER_GUEST);

    maette = find_person(f, NULL, "maette@example.dk");
    assert_string_equal(maette.name, "Mætte Møller");
    m = memberships_of(f, maette.id, &n);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].role, MEMBER_CO_CHAIR);
    assert_int_equal(m[0].organisation_id, f->plo);
    assert_int_equal(m[0].ends_on, date_from_ymd(2025, 12, 31));

    aase = find_person(f, "Åse Ågaard", NULL);
    assert_string_equal(aase.email, "");
    m = memberships_of(f, aase.id, &n);
    assert_int_equal(m[0].organisation_id, f->panel);

    /* Karen is reused and not changed; her new membership represents her organisation */
    karen = find_person(f, NULL, "karen@example.dk");
    assert_int_equal(karen.id, f->karen);
    assert_string_equal(karen.title, "Direktør");
    m = memberships_of(f, f->karen, &n);
    assert_int_equal(n, 2);
    assert_int_equal(m[1].role, MEMBER_SECRETARY);
    assert_int_equal(m[1].organisation_id, f->auh);

    bente = find_person(f, NULL, "bente@example.dk");
    m = memberships_of(f, bente.id, &n);
    assert_int_equal(m[0].role, MEMBER_SUBSTITUTE);
    assert_int_equal(m[0].substitute_for, maette.id);
}

static void test_comma_utf8_bom_file_with_other_columns_imports(void **state)
{
    struct fixture *f = *state;
    struct member_import_summary sum;
    struct membership *m;
    struct person soren, lone;
    size_t n;
    char csv[1024];

    /* Excel's "CSV UTF-8": a BOM, commas, quotes around a field with a comma; columns in
     * another order and in other cases, some left out; the forum by its number */
    snprintf(csv, sizeof(csv),
             "\xEF\xBB\xBF" "Starts_On,ROLE,Name,forum,E-mail,represents,substitute_for,"
             "ends_on\r\n"
             "2024-01-01,chair,Søren Sørensen,%lld,soren@example.dk,"
             "Aalborg Universitetshospital,,2027-12-31\r\n"
             "01-02-2024,substitute,\"Hansen, Lone\",Driftsforum Aalborg,,PLO Nordjylland,"
             "Søren Sørensen,\r\n",
             (long long)f->drift);
    assert_imports(f, csv, &sum);
    assert_int_equal(sum.rows, 2);
    assert_int_equal(sum.people_created, 2);
    assert_int_equal(sum.memberships_created, 2);
    soren = find_person(f, NULL, "soren@example.dk");
    assert_int_equal(soren.organisation_id, 0);
    m = memberships_of(f, soren.id, &n);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].forum_id, f->drift);
    assert_int_equal(m[0].organisation_id, f->auh);
    assert_int_equal(m[0].ends_on, date_from_ymd(2027, 12, 31));
    lone = find_person(f, "Hansen, Lone", NULL);
    m = memberships_of(f, lone.id, &n);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].role, MEMBER_SUBSTITUTE);
    assert_int_equal(m[0].substitute_for, soren.id);
    assert_int_equal(m[0].organisation_id, f->plo);
    assert_int_equal(m[0].starts_on, date_from_ymd(2024, 2, 1));
}

static void test_danish_role_words(void **state)
{
    static const struct {
        const char *word;
        enum member_role role;
    } words[] = {
        {"formand", MEMBER_CHAIR},          {"Medformand", MEMBER_CO_CHAIR},
        {"næstformand", MEMBER_CO_CHAIR},   {"NÆSTFORMAND", MEMBER_CO_CHAIR},
        {"medlem", MEMBER_MEMBER},          {"sekretær", MEMBER_SECRETARY},
        {"Sekretariat", MEMBER_SECRETARY},  {"gæst", MEMBER_GUEST},
        {"GÆST", MEMBER_GUEST},             {"stedfortræder", MEMBER_SUBSTITUTE},
        {"suppleant", MEMBER_SUBSTITUTE},   {"co-chair", MEMBER_CO_CHAIR},
        {"Co_Chair", MEMBER_CO_CHAIR},      {"MEMBER", MEMBER_MEMBER},
    };
    struct fixture *f = *state;
    struct buf csv;
    struct membership *m;
    size_t n;

    buf_init(&csv, 0);
    buf_printf(&csv, "forum;name;email;role;substitute_for;starts_on\n");
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        buf_printf(&csv, "Chefforum Aalborg;Person %zu;p%zu@example.dk;%s;%s;2024-01-01\n", i, i,
                   words[i].word,
                   words[i].role == MEMBER_SUBSTITUTE ? "karen@example.dk" : "");
    assert_imports(f, buf_cstr(&csv), NULL);
    buf_free(&csv);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        char email[32];
        snprintf(email, sizeof(email), "p%zu@example.dk", i);
        m = memberships_of(f, find_person(f, NULL, email).id, &n);
        assert_int_equal(n, 1);
        if (m[0].role != words[i].role)
            fail_msg("'%s' was read as %s", words[i].word, member_role_name(m[0].role));
        if (words[i].role == MEMBER_SUBSTITUTE)
            assert_int_equal(m[0].substitute_for, f->karen);
    }
}

static void test_substitute_for_a_member_later_in_the_file(void **state)
{
    struct fixture *f = *state;
    struct member_import_summary sum;
    struct membership *m;
    struct person sub, member;
    size_t n;

    /* the substitute's row comes first and names the member by name */
    assert_imports(f,
                   HEADER
                   "Driftsforum Aalborg;Sanne Sub;sanne@example.dk;;;;substitute;;Mads Medlem;"
                   "2024-01-01;\n"
                   "Driftsforum Aalborg;Mads Medlem;mads@example.dk;;;PLO Nordjylland;medlem;;;"
                   "2024-01-01;\n",
                   &sum);
    assert_int_equal(sum.people_created, 2);
    sub = find_person(f, NULL, "sanne@example.dk");
    member = find_person(f, NULL, "mads@example.dk");
    m = memberships_of(f, sub.id, &n);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].substitute_for, member.id);
}

static void test_people_are_matched_by_email_or_by_name_and_organisation(void **state)
{
    struct fixture *f = *state;
    struct member_import_summary sum;
    struct person *all;
    struct kl_error err;
    size_t n, people = count_people(f), found = 0;

    /* Ole Olsen at PLO is stored (no e-mail): found by name and organisation. Ole Olsen
     * without organisation is someone else: created once for his two rows. Jens Jensen's
     * e-mail tells which of the two Jens Jensens is meant. Gitte's organisation, given on
     * her second row, finds her on the third without an e-mail. */
    assert_imports(f,
                   HEADER
                   "Chefforum Aalborg;Ole Olsen;;;;PLO Nordjylland;medlem;;;2024-01-01;\n"
                   "Chefforum Aalborg;Ole Olsen;;;;;medlem;;;2024-01-01;\n"
                   "Driftsforum Aalborg;Ole Olsen;;Konsulent;;;medlem;;;2024-01-01;\n"
                   "Driftsforum Aalborg;J. Jensen;JENS@example.dk;;;;medlem;;;2024-01-01;\n"
                   "Driftsforum Aalborg;Gitte Gram;gitte@example.dk;;;;medlem;;;2024-01-01;\n"
                   "Chefforum Aalborg;Gitte Gram;gitte@example.dk;;;PLO Nordjylland;medlem;;;"
                   "2024-01-01;\n"
                   "Chefforum Aalborg;Gitte Gram;;;;PLO Nordjylland;gæst;;;2024-01-01;\n",
                   &sum);
    assert_int_equal(sum.people_created, 2);
    assert_int_equal(sum.people_found, 2);
    assert_int_equal(count_people(f), people + 2);
    memberships_of(f, find_person(f, NULL, "gitte@example.dk").id, &n);
    assert_int_equal(n, 3);
    assert_int_equal(find_person(f, NULL, "gitte@example.dk").organisation_id, f->plo);
    memberships_of(f, f->ole, &n);
    assert_int_equal(n, 1);
    memberships_of(f, f->jens2, &n);
    assert_int_equal(n, 1);
    memberships_of(f, f->jens1, &n);
    assert_int_equal(n, 0);
    /* the new Ole got the title given on his second row */
    assert_int_equal(app_person_list(f->st, f->a, &all, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].name, "Ole Olsen") == 0 && all[i].id != f->ole) {
            assert_string_equal(all[i].title, "Konsulent");
            assert_int_equal(all[i].organisation_id, 0);
            memberships_of(f, all[i].id, &n);
            assert_int_equal(n, 2);
            found++;
            break;
        }
    assert_int_equal(found, 1);
}

static void test_reimport_keeps_what_is_stored(void **state)
{
    static const char csv[] = HEADER
        "Chefforum Aalborg;Karen Stored;karen@example.dk;;;;medlem;;;2024-01-01;\n"
        "Chefforum Aalborg;Tove Tang;tove@example.dk;;;;formand;;;2024-01-01;\n";
    struct fixture *f = *state;
    struct member_import_summary sum;
    size_t people, members, audits;

    assert_imports(f, csv, &sum);
    assert_int_equal(sum.memberships_created, 1); /* Karen's membership is already there */
    assert_int_equal(sum.memberships_kept, 1);
    people = count_people(f);
    members = count_memberships(f);
    audits = audit_rows(f, NULL);
    assert_imports(f, csv, &sum);
    assert_int_equal(sum.people_created, 0);
    assert_int_equal(sum.people_found, 2);
    assert_int_equal(sum.memberships_created, 0);
    assert_int_equal(sum.memberships_kept, 2);
    assert_int_equal(count_people(f), people);
    assert_int_equal(count_memberships(f), members);
    assert_int_equal(audit_rows(f, NULL), audits);
}

static void test_created_rows_are_audited(void **state)
{
    struct fixture *f = *state;
    struct audit_filter filter = {.entity = "membership", .limit = 10};
    struct audit_entry *e;
    struct kl_error err;
    size_t n, people = audit_rows(f, "person"), members = audit_rows(f, "membership");
    struct person tove;
    char id[24];

    assert_imports(f,
                   HEADER "Chefforum Aalborg;Tove Tang;tove@example.dk;;;;formand;;;2024-01-01;\n"
                          "Driftsforum Aalborg;Tove Tang;tove@example.dk;;;;medlem;;;2024-01-01;\n",
                   NULL);
    assert_int_equal(audit_rows(f, "person"), people + 1);
    assert_int_equal(audit_rows(f, "membership"), members + 2);
    tove = find_person(f, NULL, "tove@example.dk");
    assert_int_equal(store_audit_list(f->st, f->a, &filter, &e, &n, &err), 0);
    assert_string_equal(e[0].action, "create");
    assert_string_equal(e[0].actor, "cli:test");
    assert_int_equal(e[0].forum_id, f->drift);
    assert_int_equal(e[1].forum_id, f->chef);
    assert_null(e[0].before_json);
    assert_non_null(strstr(e[0].after_json, "\"role\":\"member\""));
    filter.entity = "person";
    assert_int_equal(store_audit_list(f->st, f->a, &filter, &e, &n, &err), 0);
    assert_int_equal(e[0].forum_id, 0);
    assert_non_null(strstr(e[0].after_json, "\"email\":\"tove@example.dk\""));
    snprintf(id, sizeof(id), "%lld", (long long)tove.id);
    assert_string_equal(e[0].entity_id, id);
}

static void test_every_kind_of_bad_row_is_reported_and_nothing_changes(void **state)
{
    struct fixture *f = *state;
    size_t people = count_people(f), members = count_memberships(f);
    size_t audits = audit_rows(f, NULL);

    assert_int_equal(
        import(f,
               HEADER
               /* 2 */ "Ukendt forum;Anna;;;;;medlem;;;2024-01-01;\n"
               /* 3 */ "Chefforum Aalborg;;;;;;medlem;;;2024-01-01;\n"
               /* 4 */ "Chefforum Aalborg;Bo;bo(at)x.dk;;12ab;;medlem;;;2024-01-01;\n"
               /* 5 */ "Chefforum Aalborg;Cia;;;;Ukendt org;medlem;Andet;;2024-01-01;\n"
               /* 6 */ "Chefforum Aalborg;Dan;;;;;boss;;;2024-01-01;\n"
               /* 7 */ "Chefforum Aalborg;Dan;;;;;;;;2024-01-01;\n"
               /* 8 */ "Chefforum Aalborg;Dan;;;;;medlem;;;;\n"
               /* 9 */ "Chefforum Aalborg;Dan;;;;;medlem;;;2024-13-01;31/12/2024\n"
               /* 10 */ "Chefforum Aalborg;Dan;;;;;medlem;;;01-07-2024;30.06.2024\n"
               /* 11 */ "Chefforum Aalborg;Dan;;;;;substitute;;;2024-01-01;\n"
               /* 12 */ "Chefforum Aalborg;Dan;;;;;medlem;;Karen Stored;2024-01-01;\n"
               /* 13 */ "Chefforum Aalborg;X\n"
               /* 14 */ "Chefforum Aalborg;Dorte Dahl;dorte@example.dk;;;;medlem;;;2024-01-01;\n"
               /* 15 */ "Chefforum Aalborg;Dorte Dahl;DORTE@example.dk;;;;member;;;01-01-2024;\n"
               /* 16 */ "Chefforum Aalborg;Erik;erik@example.dk;;;;stedfortræder;;"
                        "nobody@example.dk;2024-01-01;\n"
               /* 17 */ "Driftsforum Aalborg;Erik;erik@example.dk;;;;substitute;;"
                        "dorte@example.dk;2024-01-01;\n"
               /* 18 */ "Chefforum Aalborg;Dorte Dahl;dorte@example.dk;;;;substitute;;"
                        "Dorte Dahl;2024-02-01;\n"
               /* 19 */ "Chefforum Aalborg;Dorthe Dahl;dorte@example.dk;;;;gæst;;;2024-01-01;\n"
               /* 20 */ "Fokusgruppe;Finn;;;;;medlem;;;2024-01-01;\n"
               /* 21 */ "Chefforum Aalborg;Karen Stored;karen@example.dk;;;;medlem;;;"
                        "2024-01-01;2024-12-31\n"
               /* 22 */ "Chefforum Aalborg;Jens Jensen;;;;;medlem;;;2024-01-01;\n"
               /* 23 */ "Chefforum Aalborg;Finn;finn@example.dk;;;;substitute;;Jens Jensen;"
                        "2024-01-01;\n",
               NULL),
        KL_EINVAL);
    assert_problem(f, "in.csv:2:1: forum 'Ukendt forum' is not a known forum");
    assert_problem(f, "in.csv:3:2: name is required");
    assert_problem(f, "in.csv:4:3: email 'bo(at)x.dk' is not an e-mail address");
    assert_problem(f, "in.csv:4:5: phone '12ab' may hold only digits, spaces and + - ( )");
    assert_problem(f, "in.csv:5:6: organisation 'Ukendt org' is not a known organisation");
    assert_problem(f, "in.csv:5:8: represents 'Andet' is not a known organisation");
    assert_problem(f, "in.csv:6:7: role 'boss' is not a role (write chair, co_chair, member, "
                      "secretary, guest or substitute, or formand, medformand, næstformand, "
                      "medlem, sekretær, gæst, stedfortræder)");
    assert_problem(f, "in.csv:7:7: role is empty (write chair, co_chair, member, secretary, "
                      "guest or substitute)");
    assert_problem(f, "in.csv:8:10: starts_on is empty");
    assert_problem(f, "in.csv:9:10: starts_on '2024-13-01' is not a date (write YYYY-MM-DD or "
                      "DD-MM-YYYY)");
    assert_problem(f, "in.csv:9:11: ends_on '31/12/2024' is not a date (write YYYY-MM-DD or "
                      "DD-MM-YYYY)");
    assert_problem(f, "in.csv:10:11: ends_on 30.06.2024 is before starts_on 01-07-2024");
    assert_problem(f, "in.csv:11:9: substitute_for is required for a substitute (the e-mail or "
                      "name of the member stood in for)");
    assert_problem(f, "in.csv:12:9: substitute_for is only for role substitute, not medlem");
    assert_problem(f, "in.csv:13: 2 fields, but the header has 11");
    assert_problem(f, "in.csv:15: duplicate row: Dorte Dahl is already member of forum "
                      "'Chefforum Aalborg' from 2024-01-01 on line 14");
    assert_problem(f, "in.csv:16:9: substitute_for 'nobody@example.dk' is not a person in this "
                      "file or in the database");
    assert_problem(f, "in.csv:17:9: substitute_for 'dorte@example.dk' is not a member of forum "
                      "'Driftsforum Aalborg' (in this file or in the database)");
    assert_problem(f, "in.csv:18:9: substitute_for 'Dorte Dahl' is the substitute themself");
    assert_problem(f, "in.csv:19:2: name 'Dorthe Dahl' differs from 'Dorte Dahl' given for the "
                      "same person (dorte@example.dk) on line 14");
    assert_problem(f, "in.csv:20:1: forum 'Fokusgruppe': more than one forum has that name; "
                      "write its number instead");
    assert_problem(f, "in.csv:21:11: Karen Stored is already stored as member of forum "
                      "'Chefforum Aalborg' from 2024-01-01 with another ends_on; the import "
                      "only adds memberships (change this one on the forum's page)");
    assert_problem(f, "in.csv:22:2: more than one person is called 'Jens Jensen'; add the "
                      "e-mail address to say which");
    assert_problem(f, "in.csv:23:9: substitute_for 'Jens Jensen': more than one person has "
                      "that name; write the e-mail address instead");
    assert_int_equal(f->probs.count, 24);
    assert_int_equal(count_people(f), people);
    assert_int_equal(count_memberships(f), members);
    assert_int_equal(audit_rows(f, NULL), audits);
}

static void test_problems_come_in_the_order_of_the_file(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, HEADER "Chefforum Aalborg;A;a@example.dk;;;;gæst;;;2024-01-01;\n"
                                      "Chefforum Aalborg;B;;;;;gæst;;;2024-99-01;\n"
                                      "Chefforum Aalborg;A2;a@example.dk;;;;gæst;;;2024-02-01;\n",
                            NULL),
                     KL_EINVAL);
    assert_string_equal(problems_text(&f->probs),
                        "in.csv:3:10: starts_on '2024-99-01' is not a date (write YYYY-MM-DD "
                        "or DD-MM-YYYY)\n"
                        "in.csv:4:2: name 'A2' differs from 'A' given for the same person "
                        "(a@example.dk) on line 2\n");
}

static void test_header_problems(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(import(f, "forum;navn;role;starts_on\nChefforum Aalborg;A;medlem;2024-01-01\n",
                            NULL),
                     KL_EINVAL);
    assert_string_equal(problems_text(&f->probs),
                        "in.csv:1: missing column 'name' in the header\n"
                        "in.csv:1:2: unknown column 'navn' (the columns are forum, name, email, "
                        "title, phone, organisation, role, represents, substitute_for, "
                        "starts_on, ends_on)\n");
    assert_int_equal(import(f, "forum;name;role;starts_on;Name\nX;A;medlem;2024-01-01;B\n", NULL),
                     KL_EINVAL);
    assert_string_equal(problems_text(&f->probs),
                        "in.csv:1:5: column 'name' appears twice in the header\n");
}

static void test_empty_rows_are_skipped_and_empty_files_refused(void **state)
{
    struct fixture *f = *state;
    struct member_import_summary sum;

    /* Excel writes a row of empty cells below a table, and empty columns at the right */
    assert_imports(f, "forum;name;role;starts_on;;\n"
                      "Chefforum Aalborg;Anna;medlem;2024-01-01;;\n"
                      ";;;;;\n"
                      " ; ;;;;\n",
                   &sum);
    assert_int_equal(sum.rows, 1);
    assert_int_equal(sum.memberships_created, 1);
    assert_int_equal(import(f, "", NULL), KL_EINVAL);
    assert_problem(f, "in.csv: the file is empty (expected a header line)");
    assert_int_equal(import(f, HEADER, NULL), KL_EINVAL);
    assert_problem(f, "in.csv: no data rows after the header");
    assert_int_equal(import(f, HEADER "\"Chefforum Aalborg;A;;;;;medlem;;;2024-01-01;\n", NULL),
                     KL_EINVAL);
    assert_non_null(strstr(problems_text(&f->probs), "unterminated"));
}

static void test_more_than_20000_rows_are_refused(void **state)
{
    struct fixture *f = *state;
    struct buf csv;
    size_t members = count_memberships(f);

    buf_init(&csv, 0);
    buf_printf(&csv, "forum;name;email;role;starts_on\n");
    for (int i = 0; i < 20001; i++)
        buf_printf(&csv, "Chefforum Aalborg;P %d;p%d@example.dk;medlem;2024-01-01\n", i, i);
    assert_int_equal(import(f, buf_cstr(&csv), NULL), KL_EINVAL);
    buf_free(&csv);
    assert_string_equal(problems_text(&f->probs),
                        "in.csv:20002: more than 20000 rows: split the file\n");
    assert_int_equal(count_memberships(f), members);
}

static void test_rights_are_checked(void **state)
{
    struct fixture *f = *state;
    struct user u = {.login = "sofie", .name = "Sofie", .email = "sofie@example.org"};
    struct user r = {.login = "rikke", .name = "Rikke", .email = "rikke@example.org"};
    struct principal sofie, rikke;
    struct kl_error err;
    int64_t id;
    size_t members = count_memberships(f), audits;

    assert_int_equal(app_user_add(f->st, &admin, &u, NULL, &id, &err), 0);
    assert_int_equal(store_forum_role_set(f->st, id, f->drift, ROLE_SECRETARY, &err), 0);
    sofie = (struct principal){AUTH_SESSION, id, "sofie", "Sofie", 0, "c"};
    assert_int_equal(app_user_add(f->st, &admin, &r, NULL, &id, &err), 0);
    assert_int_equal(store_forum_role_set(f->st, id, f->drift, ROLE_MEMBER, &err), 0);
    rikke = (struct principal){AUTH_SESSION, id, "rikke", "Rikke", 0, "c"};
    audits = audit_rows(f, NULL);

    /* a member may not edit the directory at all */
    assert_int_equal(import_as(f, &rikke, HEADER "Driftsforum Aalborg;A;;;;;medlem;;;2024-01-01;\n",
                               NULL),
                     KL_EPERM);
    assert_int_equal(f->probs.count, 0);
    /* the secretary of the Driftsforum may add its members, not the Chefforum's */
    assert_int_equal(import_as(f, &sofie,
                               HEADER "Driftsforum Aalborg;A;;;;;medlem;;;2024-01-01;\n"
                                      "Chefforum Aalborg;B;;;;;medlem;;;2024-01-01;\n"
                                      "Chefforum Aalborg;C;;;;;medlem;;;2024-01-01;\n",
                               NULL),
                     KL_EPERM);
    assert_string_equal(problems_text(&f->probs),
                        "in.csv:3:1: you may not change the members of forum 'Chefforum "
                        "Aalborg' (only its secretary may)\n");
    assert_int_equal(count_memberships(f), members);
    assert_int_equal(audit_rows(f, NULL), audits);
    assert_int_equal(import_as(f, &sofie, HEADER "Driftsforum Aalborg;A;;;;;medlem;;;2024-01-01;\n",
                               NULL),
                     0);
    assert_int_equal(count_memberships(f), members + 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_semicolon_windows_1252_file_imports),
        T(test_comma_utf8_bom_file_with_other_columns_imports),
        T(test_danish_role_words),
        T(test_substitute_for_a_member_later_in_the_file),
        T(test_people_are_matched_by_email_or_by_name_and_organisation),
        T(test_reimport_keeps_what_is_stored),
        T(test_created_rows_are_audited),
        T(test_every_kind_of_bad_row_is_reported_and_nothing_changes),
        T(test_problems_come_in_the_order_of_the_file),
        T(test_header_problems),
        T(test_empty_rows_are_skipped_and_empty_files_refused),
        T(test_more_than_20000_rows_are_refused),
        T(test_rights_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
