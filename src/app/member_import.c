/* member_import.c - validation and all-or-nothing import of a forum membership file: every
 * row checked on its own, people matched against the file and the database, then checks
 * across rows, and only then one transaction that writes and audits it all. */
#include "app/member_import.h"

#include "app/audit.h"
#include "app/model_json.h"
#include "app/permission.h"
#include "app/principal.h"

#include "core/arena.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/error.h"
#include "core/problems.h"
#include "model/fields.h"
#include "model/org.h"
#include "model/people.h"
#include "store/people.h"
#include "store/store.h"

#include <jansson.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_IMPORT_BYTES ((size_t)32 << 20)
#define MAX_IMPORT_ROWS 20000
#define NONE SIZE_MAX       /* no index */
#define AMBIGUOUS (SIZE_MAX - 1) /* a key that more than one person or forum has */

enum col {
    COL_FORUM, COL_NAME, COL_EMAIL, COL_TITLE, COL_PHONE, COL_ORG, COL_ROLE, COL_REPRESENTS,
    COL_SUBST, COL_STARTS, COL_ENDS, NCOLS
};

static const char *const col_names[NCOLS] = {
    "forum", "name", "email", "title", "phone", "organisation", "role", "represents",
    "substitute_for", "starts_on", "ends_on",
};

static const char col_required[NCOLS] = {1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0};

/* The words a role may be written as, lower case. */
static const struct {
    const char *word;
    enum member_role role;
} role_words[] = {
    {"chair", MEMBER_CHAIR},           {"formand", MEMBER_CHAIR},
    {"co_chair", MEMBER_CO_CHAIR},     {"co-chair", MEMBER_CO_CHAIR},
    {"medformand", MEMBER_CO_CHAIR},   {"næstformand", MEMBER_CO_CHAIR},
    {"member", MEMBER_MEMBER},         {"medlem", MEMBER_MEMBER},
    {"secretary", MEMBER_SECRETARY},   {"sekretær", MEMBER_SECRETARY},
    {"sekretariat", MEMBER_SECRETARY}, {"guest", MEMBER_GUEST},
    {"gæst", MEMBER_GUEST},            {"substitute", MEMBER_SUBSTITUTE},
    {"stedfortræder", MEMBER_SUBSTITUTE}, {"suppleant", MEMBER_SUBSTITUTE},
};

/* A string-keyed hash table of indexes, in the import's arena. */
struct slot {
    const char *key;
    size_t val;
};

struct map {
    struct slot *slots;
    size_t cap, n;
};

/* A person the file names: one already stored (id set) or one the import creates. */
struct pers {
    int64_t id;            /* 0 until a new person is written */
    int is_new;
    int used;              /* a row makes this stored person a member */
    const char *name, *email, *title, *phone;
    int64_t org_id;
    size_t line[4];        /* where a new person's name, title, phone, organisation came from */
};

enum { PF_NAME, PF_TITLE, PF_PHONE, PF_ORG };

/* One data row with its parsed values. */
struct row {
    size_t line;
    const char *f[NCOLS];  /* trimmed fields, "" for a column the file does not have */
    int bad;               /* a problem was found in the row itself */
    int person_ok;         /* name, e-mail, title, phone and organisation are valid */
    size_t forum;          /* index in im->forums, or NONE */
    int64_t org_id;        /* the organisation column; 0 when empty */
    enum member_role role;
    int64_t represents;    /* the represents column; 0 when empty */
    int32_t starts, ends;
    size_t pers;           /* index in im->people, or NONE */
    size_t subst;          /* the person substituted, or NONE */
    int keep;              /* equal to a stored membership: not written */
};

/* A problem, kept until the end to be reported in the order of the file. */
struct prob {
    size_t line, col, seq;
    const char *msg;
};

struct import {
    struct store *st;
    const struct principal *who;
    struct arena *a;
    int idx[NCOLS];        /* field index of each column, -1 when absent */
    struct row *rows;
    size_t nrows, cap;
    struct pers *people;
    size_t npeople, pcap;
    struct forum *forums;
    size_t nforums;
    struct organisation *orgs;
    size_t norgs;
    struct membership *stored; /* stored memberships of the forums named */
    size_t nstored, scap;
    struct map keys;       /* every lookup key (see the key_ functions) */
    struct prob *probs;
    size_t nprobs, prcap;
    int denied;            /* a forum was refused to who */
    int oom;
};

/* Hash table. */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static struct slot *map_slot(const struct map *m, const char *key)
{
    size_t i = (size_t)hash_str(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

/* The value of key, or NONE. */
static size_t map_get(const struct map *m, const char *key)
{
    const struct slot *s;
    if (!m->cap || !key)
        return NONE;
    s = map_slot(m, key);
    return s->key ? s->val : NONE;
}

/* Sets key (which must live as long as the map) to val. -1 when out of memory. */
static int map_set(struct arena *a, struct map *m, const char *key, size_t val)
{
    struct slot *s;

    if (!key)
        return -1;
    if ((m->n + 1) * 2 > m->cap) {
        struct map bigger = {NULL, m->cap ? m->cap * 2 : 1024, 0};
        if (!(bigger.slots = arena_calloc(a, bigger.cap, sizeof(*bigger.slots))))
            return -1;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key) {
                *map_slot(&bigger, m->slots[i].key) = m->slots[i];
                bigger.n++;
            }
        *m = bigger;
    }
    s = map_slot(m, key);
    if (!s->key) {
        s->key = key;
        m->n++;
    }
    s->val = val;
    return 0;
}

/* Sets key to val, or to AMBIGUOUS when it already names something else. */
static int map_add(struct arena *a, struct map *m, const char *key, size_t val)
{
    size_t old = map_get(m, key);
    return map_set(a, m, key, old == NONE || old == val ? val : AMBIGUOUS);
}

/* Lower case of s: ASCII, and the Latin-1 capitals (Æ, Ø, Å, ...) in UTF-8. */
static char *lower(struct arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (unsigned char *p = (unsigned char *)out; p && *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (unsigned char)(*p + 32);
        else if (*p == 0xC3 && p[1]) {
            p++;
            if (*p >= 0x80 && *p <= 0x9E && *p != 0x97)
                *p = (unsigned char)(*p + 0x20);
        }
    }
    return out;
}

/* Lookup keys: a person by e-mail, by name and organisation, by name alone; a forum by id
 * and by name; an organisation by name; a forum's member; a membership. */
static const char *key_email(struct import *im, const char *email)
{
    char *l = lower(im->a, email);
    return l ? arena_printf(im->a, "e\x1f%s", l) : NULL;
}

static const char *key_name_org(struct import *im, const char *name, int64_t org)
{
    return arena_printf(im->a, "n\x1f%lld\x1f%s", (long long)org, name);
}

static const char *key_name(struct import *im, const char *name)
{
    return arena_printf(im->a, "m\x1f%s", name);
}

static const char *key_member(struct import *im, int64_t forum, const char *who_key)
{
    return arena_printf(im->a, "f\x1f%lld\x1f%s", (long long)forum, who_key);
}

/* A person as key_member wants it: the stored id, or the index of a new one. */
static const char *person_ref(struct import *im, size_t p)
{
    const struct pers *q = &im->people[p];
    return q->is_new ? arena_printf(im->a, "new%zu", p)
                     : arena_printf(im->a, "id%lld", (long long)q->id);
}

static const char *key_membership(struct import *im, const char *pref, int64_t forum,
                                  enum member_role role, int32_t starts)
{
    return arena_printf(im->a, "d\x1f%s\x1f%lld\x1f%d\x1f%ld", pref, (long long)forum, (int)role,
                        (long)starts);
}

/* Growth of the arena arrays. */
static void *grow(struct import *im, void *p, size_t *cap, size_t n, size_t elem)
{
    void *q;
    size_t ncap;
    if (n < *cap)
        return p;
    ncap = *cap ? *cap * 2 : 64;
    if (!(q = arena_alloc(im->a, ncap * elem))) {
        im->oom = 1;
        return NULL;
    }
    if (n)
        memcpy(q, p, n * elem);
    *cap = ncap;
    return q;
}

/* Records a problem (see struct prob). */
static void problem(struct import *im, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct import *im, size_t line, size_t col, const char *fmt, ...)
{
    char msg[1024];
    struct prob *p;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    p = grow(im, im->probs, &im->prcap, im->nprobs, sizeof(*p));
    if (!p)
        return;
    im->probs = p;
    p[im->nprobs] = (struct prob){line, col, im->nprobs, arena_strdup(im->a, msg)};
    if (!p[im->nprobs].msg)
        im->oom = 1;
    else
        im->nprobs++;
}

static int cmp_prob(const void *x, const void *y)
{
    const struct prob *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The 1-based column of c for problems, 0 when the file lacks it. */
static size_t colno(const struct import *im, enum col c)
{
    return im->idx[c] < 0 ? 0 : (size_t)im->idx[c] + 1;
}

/* A copy of s in arena a without spaces at either end; NULL when out of memory. */
static const char *trim(struct arena *a, const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(a, s, n);
}

/* A whole decimal number of at most 18 digits, or -1. */
static int64_t parse_id(const char *s)
{
    char *end;
    long long v;
    if (!*s || strlen(s) > 18)
        return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    return errno || *end ? -1 : (int64_t)v;
}

static int parse_role(struct import *im, const char *s)
{
    const char *l = lower(im->a, s);
    if (!l)
        im->oom = 1;
    for (size_t i = 0; l && i < sizeof(role_words) / sizeof(role_words[0]); i++)
        if (strcmp(l, role_words[i].word) == 0)
            return (int)role_words[i].role;
    return -1;
}

static const char *forum_name(const struct import *im, size_t f)
{
    return im->forums[f].name;
}

/* Reference data: the forums, organisations and people stored, with their keys. */
static int load(struct import *im, struct kl_error *err)
{
    struct person *stored;
    size_t nstored;
    int rc = store_forum_list(im->st, im->a, NULL, &im->forums, &im->nforums, err);

    if (rc == 0)
        rc = store_org_list(im->st, im->a, &im->orgs, &im->norgs, err);
    if (rc == 0)
        rc = store_person_list(im->st, im->a, &stored, &nstored, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < im->nforums; i++)
        if (map_add(im->a, &im->keys, arena_printf(im->a, "F#%lld", (long long)im->forums[i].id),
                    i) ||
            map_add(im->a, &im->keys, arena_printf(im->a, "F\x1f%s", im->forums[i].name), i))
            return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    for (size_t i = 0; i < im->norgs; i++)
        if (map_add(im->a, &im->keys, arena_printf(im->a, "o\x1f%s", im->orgs[i].name), i))
            return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    im->people = arena_calloc(im->a, nstored + 64, sizeof(*im->people));
    if (!im->people)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    im->pcap = nstored + 64;
    for (size_t i = 0; i < nstored; i++) {
        const struct person *p = &stored[i];
        struct pers *q = &im->people[im->npeople];
        const char *ek = *p->email ? key_email(im, p->email) : NULL;
        size_t had = ek ? map_get(&im->keys, ek) : NONE;

        *q = (struct pers){.id = p->id, .name = p->name, .email = p->email, .title = p->title,
                           .phone = p->phone, .org_id = p->organisation_id};
        /* two stored people with one e-mail: the older one, as store_person_by_email */
        if (ek && (had == NONE || im->people[had].id > p->id) &&
            map_set(im->a, &im->keys, ek, im->npeople))
            return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
        if (map_add(im->a, &im->keys, key_name_org(im, p->name, p->organisation_id),
                    im->npeople) ||
            map_add(im->a, &im->keys, key_name(im, p->name), im->npeople))
            return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
        im->npeople++;
    }
    return 0;
}

/* Reads the header: each column named once, nothing unknown, the required ones there. */
static int read_header(struct import *im, const struct csv_record *h)
{
    int ok = 1;

    for (int c = 0; c < NCOLS; c++)
        im->idx[c] = -1;
    for (size_t i = 0; i < h->nfields; i++) {
        const char *name = trim(im->a, h->fields[i]);
        int c;
        if (!name)
            return im->oom = 1, 0;
        if (!*name)
            continue; /* Excel's empty columns at the right */
        for (c = 0; c < NCOLS && strcasecmp(name, col_names[c]) != 0; c++)
            ;
        if (strcasecmp(name, "e-mail") == 0)
            c = COL_EMAIL;
        if (c == NCOLS) {
            problem(im, h->line, i + 1,
                    "unknown column '%s' (the columns are forum, name, email, title, phone, "
                    "organisation, role, represents, substitute_for, starts_on, ends_on)",
                    name);
            ok = 0;
        } else if (im->idx[c] >= 0) {
            problem(im, h->line, i + 1, "column '%s' appears twice in the header", col_names[c]);
            ok = 0;
        } else {
            im->idx[c] = (int)i;
        }
    }
    for (int c = 0; c < NCOLS; c++)
        if (col_required[c] && im->idx[c] < 0) {
            problem(im, h->line, 0, "missing column '%s' in the header", col_names[c]);
            ok = 0;
        }
    return ok;
}

/* Which column a field of person_check is in. */
static enum col person_col(const char *field)
{
    return strcmp(field, "email") == 0   ? COL_EMAIL
           : strcmp(field, "phone") == 0 ? COL_PHONE
           : strcmp(field, "title") == 0 ? COL_TITLE
                                         : COL_NAME;
}

/* Looks up an organisation column; 0 when empty, -1 (with a problem) when unknown. */
static int64_t find_org(struct import *im, const struct row *r, enum col c)
{
    size_t o;
    if (!*r->f[c])
        return 0;
    o = map_get(&im->keys, arena_printf(im->a, "o\x1f%s", r->f[c]));
    if (o == NONE) {
        problem(im, r->line, colno(im, c), "%s '%s' is not a known organisation", col_names[c],
                r->f[c]);
        return -1;
    }
    return im->orgs[o].id;
}

/* Finds the forum of a row and asks whether who may manage it (once per forum). */
static int find_forum(struct import *im, struct row *r, struct kl_error *err)
{
    const char *s = r->f[COL_FORUM];
    int64_t id = parse_id(s);
    size_t f;
    const char *asked;
    struct kl_error why;
    int rc;

    if (!*s) {
        problem(im, r->line, colno(im, COL_FORUM), "forum is empty");
        return 1;
    }
    f = id > 0 ? map_get(&im->keys, arena_printf(im->a, "F#%lld", (long long)id)) : NONE;
    if (f == NONE)
        f = map_get(&im->keys, arena_printf(im->a, "F\x1f%s", s));
    if (f == AMBIGUOUS) {
        problem(im, r->line, colno(im, COL_FORUM),
                "forum '%s': more than one forum has that name; write its number instead", s);
        return 1;
    }
    if (f == NONE) {
        problem(im, r->line, colno(im, COL_FORUM), "forum '%s' is not a known forum", s);
        return 1;
    }
    r->forum = f;
    asked = arena_printf(im->a, "P#%lld", (long long)im->forums[f].id);
    switch (map_get(&im->keys, asked)) {
    case 0:
        return 0;
    case 1:
        return 1;
    default:
        break;
    }
    rc = app_authorize(im->st, im->who, PERM_FORUM_MANAGE, im->forums[f].id, &why);
    if (rc && rc != KL_EPERM)
        return kl_error_set(err, rc, "%s", why.msg);
    if (map_set(im->a, &im->keys, asked, rc ? 1 : 0))
        return im->oom = 1, 1;
    if (rc) {
        problem(im, r->line, colno(im, COL_FORUM),
                "you may not change the members of forum '%s' (only its secretary may)",
                forum_name(im, f));
        im->denied = 1;
        return 1;
    }
    return 0;
}

/* Checks one record on its own: 0 when it is kept in im->rows (bad or not), 1 for a blank
 * row, KL_ENOMEM, or another error from the database with err filled. */
static int check_row(struct import *im, const struct csv_record *rec, size_t nheader,
                     struct kl_error *err)
{
    struct row r = {.line = rec->line, .forum = NONE, .pers = NONE, .subst = NONE,
                    .ends = DATE_OPEN};
    struct person p;
    struct field_errors fe;
    struct kl_error e;
    int blank = 1, starts_ok = 0, role, rc;

    for (int c = 0; c < NCOLS; c++) {
        r.f[c] = im->idx[c] >= 0 && (size_t)im->idx[c] < rec->nfields
                     ? trim(im->a, rec->fields[im->idx[c]]) : "";
        if (!r.f[c])
            return KL_ENOMEM;
    }
    for (size_t i = 0; i < rec->nfields && blank; i++)
        for (const char *s = rec->fields[i]; *s && blank; s++)
            blank = *s == ' ' || *s == '\t';
    if (blank)
        return 1; /* a row of empty cells, as Excel writes below a table */
    if (!(im->rows = grow(im, im->rows, &im->cap, im->nrows, sizeof(r))))
        return KL_ENOMEM;
    if (rec->nfields != nheader) {
        problem(im, r.line, 0, "%zu fields, but the header has %zu", rec->nfields, nheader);
        r.bad = 1;
        im->rows[im->nrows++] = r;
        return 0;
    }

    rc = find_forum(im, &r, err);
    if (rc < 0)
        return rc;
    r.bad |= rc;

    fields_clear(&fe);
    p = (struct person){.name = r.f[COL_NAME], .title = r.f[COL_TITLE],
                        .email = r.f[COL_EMAIL], .phone = r.f[COL_PHONE]};
    person_check(&p, &fe);
    for (size_t i = 0; i < fe.n; i++) {
        enum col c = person_col(fe.field[i]);
        if (c == COL_EMAIL || c == COL_PHONE)
            problem(im, r.line, colno(im, c), "%s '%s' %s", col_names[c], r.f[c], fe.msg[i]);
        else
            problem(im, r.line, colno(im, c), "%s %s", col_names[c], fe.msg[i]);
    }
    r.org_id = find_org(im, &r, COL_ORG);
    r.person_ok = fe.n == 0 && r.org_id >= 0;
    r.bad |= !r.person_ok;

    role = -1;
    if (!*r.f[COL_ROLE])
        problem(im, r.line, colno(im, COL_ROLE),
                "role is empty (write chair, co_chair, member, secretary, guest or substitute)");
    else if ((role = parse_role(im, r.f[COL_ROLE])) < 0)
        problem(im, r.line, colno(im, COL_ROLE),
                "role '%s' is not a role (write chair, co_chair, member, secretary, guest or "
                "substitute, or formand, medformand, næstformand, medlem, sekretær, gæst, "
                "stedfortræder)",
                r.f[COL_ROLE]);
    r.bad |= role < 0;
    r.role = role < 0 ? MEMBER_MEMBER : (enum member_role)role;

    r.represents = find_org(im, &r, COL_REPRESENTS);
    r.bad |= r.represents < 0;

    if (role == MEMBER_SUBSTITUTE && !*r.f[COL_SUBST]) {
        problem(im, r.line, colno(im, im->idx[COL_SUBST] >= 0 ? COL_SUBST : COL_ROLE),
                "substitute_for is required for a substitute (the e-mail or name of the "
                "member stood in for)");
        r.bad = 1;
    } else if (role >= 0 && role != MEMBER_SUBSTITUTE && *r.f[COL_SUBST]) {
        problem(im, r.line, colno(im, COL_SUBST),
                "substitute_for is only for role substitute, not %s", r.f[COL_ROLE]);
        r.bad = 1;
    }

    if (!*r.f[COL_STARTS]) {
        problem(im, r.line, colno(im, COL_STARTS), "starts_on is empty");
        r.bad = 1;
    } else if (date_parse_text(r.f[COL_STARTS], &r.starts, &e)) {
        problem(im, r.line, colno(im, COL_STARTS), "starts_on %s", e.msg);
        r.bad = 1;
    } else {
        starts_ok = 1;
    }
    if (*r.f[COL_ENDS] && date_parse_text(r.f[COL_ENDS], &r.ends, &e)) {
        problem(im, r.line, colno(im, COL_ENDS), "ends_on %s", e.msg);
        r.bad = 1;
    } else if (starts_ok && r.ends < r.starts) {
        problem(im, r.line, colno(im, COL_ENDS), "ends_on %s is before starts_on %s",
                r.f[COL_ENDS], r.f[COL_STARTS]);
        r.bad = 1;
    }
    im->rows[im->nrows++] = r;
    return im->oom ? KL_ENOMEM : 0;
}

/* A new person from row r, known from now on by its keys. */
static int new_person(struct import *im, struct row *r)
{
    struct pers q = {.is_new = 1, .name = r->f[COL_NAME], .email = r->f[COL_EMAIL],
                     .title = r->f[COL_TITLE], .phone = r->f[COL_PHONE], .org_id = r->org_id,
                     .line = {r->line, r->line, r->line, r->line}};
    size_t i = im->npeople;

    if (!(im->people = grow(im, im->people, &im->pcap, im->npeople, sizeof(q))))
        return KL_ENOMEM;
    im->people[im->npeople++] = q;
    r->pers = i;
    if ((*q.email && map_set(im->a, &im->keys, key_email(im, q.email), i)) ||
        map_add(im->a, &im->keys, key_name_org(im, q.name, q.org_id), i) ||
        map_add(im->a, &im->keys, key_name(im, q.name), i))
        return KL_ENOMEM;
    return 0;
}

/* A later row of new person p agrees with what earlier rows said, and fills in what they
 * left empty. */
static int same_person(struct import *im, const struct row *r, size_t p)
{
    struct pers *q = &im->people[p];
    const char *what = *q->email ? q->email : q->name;
    struct {
        int field;
        enum col col;
        const char **have;
    } text[] = {{PF_NAME, COL_NAME, &q->name},
                {PF_TITLE, COL_TITLE, &q->title},
                {PF_PHONE, COL_PHONE, &q->phone}};

    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        const char *now = r->f[text[i].col];
        if (!*now || strcmp(now, *text[i].have) == 0)
            continue;
        if (!**text[i].have) {
            *text[i].have = now;
            q->line[text[i].field] = r->line;
        } else {
            problem(im, r->line, colno(im, text[i].col),
                    "%s '%s' differs from '%s' given for the same person (%s) on line %zu",
                    col_names[text[i].col], now, *text[i].have, what, q->line[text[i].field]);
        }
    }
    if (r->org_id && r->org_id != q->org_id) {
        if (!q->org_id) {
            q->org_id = r->org_id;
            q->line[PF_ORG] = r->line;
            /* found by name at this organisation too, from now on */
            if (map_add(im->a, &im->keys, key_name_org(im, q->name, q->org_id), p))
                return KL_ENOMEM;
        } else {
            problem(im, r->line, colno(im, COL_ORG),
                    "organisation '%s' differs from the one given for the same person (%s) on "
                    "line %zu",
                    r->f[COL_ORG], what, q->line[PF_ORG]);
        }
    }
    return 0;
}

/* Finds or creates the person of every row whose person fields are valid: first the rows
 * with an e-mail address, then those without, matched by name and organisation. */
static int resolve_people(struct import *im)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < im->nrows; i++) {
            struct row *r = &im->rows[i];
            int with_email;
            size_t p;

            if (!r->person_ok)
                continue;
            with_email = *r->f[COL_EMAIL] != '\0';
            if (with_email != (pass == 0))
                continue;
            p = with_email ? map_get(&im->keys, key_email(im, r->f[COL_EMAIL]))
                           : map_get(&im->keys, key_name_org(im, r->f[COL_NAME], r->org_id));
            if (p == AMBIGUOUS) {
                problem(im, r->line, colno(im, COL_NAME),
                        "more than one person is called '%s'%s%s%s; add the e-mail address to "
                        "say which",
                        r->f[COL_NAME], r->org_id ? " (" : "", r->org_id ? r->f[COL_ORG] : "",
                        r->org_id ? ")" : "");
                r->bad = 1;
                continue;
            }
            if (p == NONE) {
                if (new_person(im, r))
                    return KL_ENOMEM;
                continue;
            }
            r->pers = p;
            if (im->people[p].is_new) {
                if (same_person(im, r, p))
                    return KL_ENOMEM;
            } else
                im->people[p].used = 1;
        }
    }
    return im->oom ? KL_ENOMEM : 0;
}

/* The organisation a row's membership represents: the represents column, else the
 * organisation column, else the person's organisation. */
static int64_t represented(const struct import *im, const struct row *r)
{
    return r->represents ? r->represents
           : r->org_id   ? r->org_id
                         : im->people[r->pers].org_id;
}

/* The stored memberships of every forum the file names, keyed for the checks. */
static int load_stored(struct import *im, struct kl_error *err)
{
    char *seen = arena_calloc(im->a, im->nforums + 1, 1);

    if (!seen)
        return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    for (size_t i = 0; i < im->nrows; i++) {
        size_t f = im->rows[i].forum;
        struct membership *m;
        size_t n;
        int rc;

        if (f == NONE || seen[f])
            continue;
        seen[f] = 1;
        rc = store_membership_list(im->st, im->a, im->forums[f].id, 0, &m, &n, err);
        if (rc)
            return rc;
        for (size_t k = 0; k < n; k++) {
            const char *pref = arena_printf(im->a, "id%lld", (long long)m[k].person_id);
            if (!(im->stored = grow(im, im->stored, &im->scap, im->nstored, sizeof(*m))))
                return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
            im->stored[im->nstored] = m[k];
            if (map_set(im->a, &im->keys,
                        arena_printf(im->a, "s%s", key_membership(im, pref, m[k].forum_id,
                                                                   m[k].role, m[k].starts_on)),
                        im->nstored) ||
                (m[k].role != MEMBER_SUBSTITUTE &&
                 map_set(im->a, &im->keys, key_member(im, m[k].forum_id, pref), 0)))
                return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
            im->nstored++;
        }
    }
    return 0;
}

/* The person named in a substitute_for field: by e-mail when it holds an '@', else by
 * name; NONE or AMBIGUOUS when not found. */
static size_t find_substituted(struct import *im, const char *s)
{
    return strchr(s, '@') ? map_get(&im->keys, key_email(im, s))
                          : map_get(&im->keys, key_name(im, s));
}

/* Checks across rows: duplicates in the file, rows that collide with a stored membership,
 * and the member a substitute stands in for. */
static int check_across(struct import *im)
{
    char d1[11];

    /* the members of each forum in the file, for the substitutes */
    for (size_t i = 0; i < im->nrows; i++) {
        const struct row *r = &im->rows[i];
        if (r->forum != NONE && r->pers != NONE && r->role != MEMBER_SUBSTITUTE &&
            map_set(im->a, &im->keys,
                    key_member(im, im->forums[r->forum].id, person_ref(im, r->pers)), 0))
            return KL_ENOMEM;
    }
    for (size_t i = 0; i < im->nrows; i++) {
        struct row *r = &im->rows[i];
        const char *pref, *key;
        size_t first, s;

        if (r->bad || r->pers == NONE)
            continue;
        if (r->role == MEMBER_SUBSTITUTE) {
            s = find_substituted(im, r->f[COL_SUBST]);
            if (s == NONE) {
                problem(im, r->line, colno(im, COL_SUBST),
                        "substitute_for '%s' is not a person in this file or in the database",
                        r->f[COL_SUBST]);
                continue;
            }
            if (s == AMBIGUOUS) {
                problem(im, r->line, colno(im, COL_SUBST),
                        "substitute_for '%s': more than one person has that name; write the "
                        "e-mail address instead",
                        r->f[COL_SUBST]);
                continue;
            }
            if (s == r->pers) {
                problem(im, r->line, colno(im, COL_SUBST),
                        "substitute_for '%s' is the substitute themself", r->f[COL_SUBST]);
                continue;
            }
            if (map_get(&im->keys, key_member(im, im->forums[r->forum].id,
                                              person_ref(im, s))) == NONE) {
                problem(im, r->line, colno(im, COL_SUBST),
                        "substitute_for '%s' is not a member of forum '%s' (in this file or in "
                        "the database)",
                        r->f[COL_SUBST], forum_name(im, r->forum));
                continue;
            }
            r->subst = s;
        }
        pref = person_ref(im, r->pers);
        key = key_membership(im, pref, im->forums[r->forum].id, r->role, r->starts);
        if (!key)
            return KL_ENOMEM;
        date_format_iso(r->starts, d1);
        first = map_get(&im->keys, key);
        if (first != NONE) {
            problem(im, r->line, 0,
                    "duplicate row: %s is already %s of forum '%s' from %s on line %zu",
                    im->people[r->pers].name, member_role_name(r->role),
                    forum_name(im, r->forum), d1, im->rows[first].line);
            continue;
        }
        if (map_set(im->a, &im->keys, key, i))
            return KL_ENOMEM;
        first = map_get(&im->keys, arena_printf(im->a, "s%s", key));
        if (first != NONE) {
            const struct membership *m = &im->stored[first];
            int64_t sub = r->subst == NONE || im->people[r->subst].is_new
                              ? (r->subst == NONE ? 0 : -1)
                              : im->people[r->subst].id;
            const char *diff = m->ends_on != r->ends                        ? "ends_on"
                               : m->organisation_id != represented(im, r) ? "represents"
                               : m->substitute_for != sub                 ? "substitute_for"
                                                                           : NULL;
            if (diff)
                problem(im, r->line, colno(im, strcmp(diff, "ends_on") == 0      ? COL_ENDS
                                               : strcmp(diff, "represents") == 0 ? COL_REPRESENTS
                                                                                 : COL_SUBST),
                        "%s is already stored as %s of forum '%s' from %s with another %s; the "
                        "import only adds memberships (change this one on the forum's page)",
                        im->people[r->pers].name, member_role_name(r->role),
                        forum_name(im, r->forum), d1, diff);
            else
                r->keep = 1;
        }
    }
    return im->oom ? KL_ENOMEM : 0;
}

/* Writes person p if it is new and not written yet, with its audit row. */
static int write_person(struct import *im, size_t p, struct member_import_summary *sum,
                        struct kl_error *err)
{
    struct pers *q = &im->people[p];
    struct person rec;
    char id[24];
    json_t *after;
    int rc;

    if (!q->is_new || q->id)
        return 0;
    rec = (struct person){.name = q->name, .title = q->title, .organisation_id = q->org_id,
                          .email = q->email, .phone = q->phone, .login = ""};
    rc = store_person_insert(im->st, &rec, &rec.id, err);
    if (rc)
        return rc;
    q->id = rec.id;
    snprintf(id, sizeof(id), "%lld", (long long)rec.id);
    if (!(after = person_json(&rec, 1)))
        return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    rc = app_audit_record(im->st, im->who, "person", id, "create", 0, NULL, after, err);
    json_decref(after);
    if (rc == 0 && sum)
        sum->people_created++;
    return rc;
}

/* Writes every row not already stored, in the order of the file. Inside a transaction. */
static int write_rows(struct import *im, struct member_import_summary *sum,
                      struct kl_error *err)
{
    for (size_t i = 0; i < im->nrows; i++) {
        const struct row *r = &im->rows[i];
        struct membership m;
        char id[24];
        json_t *after;
        int rc;

        if (r->keep) {
            if (sum)
                sum->memberships_kept++;
            continue;
        }
        rc = write_person(im, r->pers, sum, err);
        if (rc == 0 && r->subst != NONE)
            rc = write_person(im, r->subst, sum, err);
        if (rc)
            return rc;
        m = (struct membership){.person_id = im->people[r->pers].id,
                                .forum_id = im->forums[r->forum].id,
                                .role = r->role,
                                .organisation_id = represented(im, r),
                                .substitute_for = r->subst == NONE ? 0 : im->people[r->subst].id,
                                .starts_on = r->starts,
                                .ends_on = r->ends};
        rc = store_membership_insert(im->st, &m, &m.id, err);
        if (rc)
            return rc;
        snprintf(id, sizeof(id), "%lld", (long long)m.id);
        if (!(after = membership_json(&m)))
            return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
        rc = app_audit_record(im->st, im->who, "membership", id, "create", m.forum_id, NULL,
                              after, err);
        json_decref(after);
        if (rc)
            return rc;
        if (sum)
            sum->memberships_created++;
    }
    return 0;
}

/* Reads and checks the whole file; problems go to im->probs. */
static int check_file(struct import *im, const char *data, size_t n,
                      struct member_import_summary *sum, struct kl_error *err)
{
    struct csv_reader *r;
    struct csv_record rec;
    size_t nheader;
    int rc = 0, got;

    r = csv_open_mem(data, n, 0, MAX_IMPORT_BYTES, err);
    if (!r)
        return err->code ? err->code : KL_ENOMEM;
    got = csv_next(r, &rec, err);
    if (got <= 0) {
        problem(im, got < 0 ? 1 : 0, 0, "%s",
                got < 0 ? err->msg : "the file is empty (expected a header line)");
        goto out;
    }
    nheader = rec.nfields;
    if (!read_header(im, &rec))
        goto out;
    while ((got = csv_next(r, &rec, err)) > 0) {
        if (im->nrows >= MAX_IMPORT_ROWS) {
            problem(im, rec.line, 0, "more than %d rows: split the file", MAX_IMPORT_ROWS);
            break;
        }
        rc = check_row(im, &rec, nheader, err);
        if (rc == 1) {
            rc = 0;
            continue;
        }
        if (rc)
            goto out;
        if (sum)
            sum->rows++;
    }
    if (got < 0)
        problem(im, 0, 0, "%s", err->msg);
    if (im->nprobs == 0 && im->nrows == 0)
        problem(im, 0, 0, "no data rows after the header");
    rc = resolve_people(im);
    if (rc == 0)
        rc = load_stored(im, err);
    if (rc == 0)
        rc = check_across(im);
out:
    csv_close(r);
    if (rc == 0 && im->oom)
        rc = KL_ENOMEM;
    if (rc == KL_ENOMEM)
        kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    return rc;
}

int app_member_import(struct store *st, const struct principal *who, const char *data,
                      size_t n, struct problems *probs, struct member_import_summary *sum,
                      struct kl_error *err)
{
    struct import im = {.st = st, .who = who};
    int rc;

    if (sum)
        memset(sum, 0, sizeof(*sum));
    if ((rc = app_authorize(st, who, PERM_DIRECTORY_EDIT, 0, err)))
        return rc;
    if (!(im.a = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory importing members");
    rc = load(&im, err);
    if (rc == 0)
        rc = check_file(&im, data, n, sum, err);
    if (rc)
        goto out;
    if (im.nprobs) {
        qsort(im.probs, im.nprobs, sizeof(*im.probs), cmp_prob);
        for (size_t i = 0; i < im.nprobs; i++)
            problems_add(probs, im.probs[i].line, im.probs[i].col, "%s", im.probs[i].msg);
        rc = kl_error_set(err, im.denied ? KL_EPERM : KL_EINVAL,
                          "%zu problem%s found; nothing was imported", im.nprobs,
                          im.nprobs == 1 ? "" : "s");
        goto out;
    }
    if (sum)
        for (size_t i = 0; i < im.npeople; i++)
            sum->people_found += im.people[i].used;
    rc = store_begin(st, err);
    if (rc)
        goto out;
    rc = write_rows(&im, sum, err);
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    if (rc && sum) {
        size_t rows = sum->rows;
        memset(sum, 0, sizeof(*sum));
        sum->rows = rows;
    }
out:
    arena_free(im.a);
    return rc;
}
