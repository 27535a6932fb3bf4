/* search_query.c - the parser of search text into a safe FTS5 expression (search_query.h). */
#include "app/search_query.h"

#include "core/error.h"
#include "core/i18n.h"
#include "core/utf8.h"

#include <string.h>

struct out {
    char *p;
    size_t cap, len;
    int full;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static int is_space(unsigned char c);

/* The term as an FTS5 string: in double quotes, each quote inside doubled. */
static void put_term(struct out *o, const char *s, size_t n, int prefix)
{
    put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            put(o, "\"\"", 2);
        else if (is_space((unsigned char)s[i]))
            put(o, " ", 1); /* a NUL or control character inside a phrase */
        else
            put(o, &s[i], 1);
    }
    put(o, "\"", 1);
    if (prefix)
        put(o, " *", 2);
}

static int is_space(unsigned char c)
{
    return c <= ' ' || c == 0x7f;
}

/* 1 when the term holds something the tokenizer keeps: an ASCII letter or digit, or any
 * character beyond ASCII. */
static int has_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c >= 0x80)
            return 1;
    }
    return 0;
}

struct term {
    const char *s;
    size_t n;
    int prefix, exclude;
};

/* Appends "(p AND ...)": the terms that are not excluded. */
static void positives(struct out *o, const struct term *terms, size_t nt)
{
    puts_(o, "(");
    for (size_t k = 0, first = 1; k < nt; k++) {
        if (terms[k].exclude)
            continue;
        if (!first)
            puts_(o, " AND ");
        first = 0;
        put_term(o, terms[k].s, terms[k].n, terms[k].prefix);
    }
    puts_(o, ")");
}

/* Appends "(n OR ...)": the excluded terms. */
static void excluded(struct out *o, const struct term *terms, size_t nt)
{
    puts_(o, "(");
    for (size_t k = 0, first = 1; k < nt; k++) {
        if (!terms[k].exclude)
            continue;
        if (!first)
            puts_(o, " OR ");
        first = 0;
        put_term(o, terms[k].s, terms[k].n, terms[k].prefix);
    }
    puts_(o, ")");
}

int search_query_parse(const char *q, size_t n, struct search_query *out,
                       struct kl_error *err)
{
    struct term terms[SEARCH_TERMS_MAX];
    size_t nt = 0, i = 0, pos = 0, neg = 0;
    struct out o = {out->match, sizeof(out->match), 0, 0};

    out->match[0] = out->positive[0] = out->excluded_decision[0] = '\0';
    out->nterms = out->nexcluded = 0;
    if (n > SEARCH_QUERY_MAX)
        return kl_error_set(err, KL_EINVAL, "%s", N_("The search text is too long."));
    if (!utf8_valid(q, n, NULL))
        return kl_error_set(err, KL_EINVAL, "%s", N_("The search text is not valid UTF-8."));
    while (i < n) {
        struct term t = {0};
        size_t start, end;

        while (i < n && is_space((unsigned char)q[i]))
            i++;
        if (i == n)
            break;
        if (q[i] == '-' && i + 1 < n && !is_space((unsigned char)q[i + 1])) {
            t.exclude = 1;
            i++;
        }
        if (q[i] == '"') {
            start = ++i;
            while (i < n && q[i] != '"')
                i++;
            end = i;
            if (i < n)
                i++;
            if (i < n && q[i] == '*') {
                t.prefix = 1;
                while (i < n && q[i] == '*')
                    i++;
            }
        } else {
            start = i;
            while (i < n && !is_space((unsigned char)q[i]) && q[i] != '"')
                i++;
            end = i;
            while (end > start && q[end - 1] == '*') {
                end--;
                t.prefix = 1;
            }
        }
        t.s = q + start;
        t.n = end - start;
        if (!has_word(t.s, t.n))
            continue;
        if (nt == SEARCH_TERMS_MAX)
            return kl_error_set(err, KL_EINVAL, "%s", N_("Search for at most 16 words."));
        terms[nt++] = t;
        if (t.exclude)
            neg++;
        else
            pos++;
    }
    if (pos == 0)
        return kl_error_set(err, KL_EINVAL, "%s", N_("Write a word to search for."));
    positives(&o, terms, nt);
    if (neg) {
        puts_(&o, " NOT {title recommendation case_text attachments} : ");
        excluded(&o, terms, nt);
    }
    if (o.full)
        return kl_error_set(err, KL_EINVAL, "%s", N_("The search text is too long."));
    o = (struct out){out->positive, sizeof(out->positive), 0, 0};
    positives(&o, terms, nt);
    if (neg) {
        struct out d = {out->excluded_decision, sizeof(out->excluded_decision), 0, 0};
        puts_(&d, "{decision} : ");
        excluded(&d, terms, nt);
        o.full |= d.full;
    }
    if (o.full)
        return kl_error_set(err, KL_EINVAL, "%s", N_("The search text is too long."));
    out->nterms = pos;
    out->nexcluded = neg;
    return 0;
}
