/* test_orgchart.c - the organisation chart renderer: escaping of hostile text, links only
 * for local paths, one line per valid parent, empty levels skipped, wrapping of long
 * Danish names on code point boundaries, refused input, cycles, and well-formed,
 * CSP-safe output (checked by a small XML checker here, and by xmllint when installed).
 *
 * With ORGCHART_EXAMPLE=/path set, the seed example is also written to that file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/utf8.h"
#include "render/orgchart.h"

/* ---- a small XML well-formedness checker ---------------------------------------------- */

static int name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

static int name_char(char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* An entity reference at s ("&..."): returns its length, or 0 when it is not one of the
 * five predefined entities or a character reference. */
static size_t entity(const char *s)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    size_t i;

    for (i = 0; i < 5; i++)
        if (strncmp(s, named[i], strlen(named[i])) == 0)
            return strlen(named[i]);
    if (strncmp(s, "&#x", 3) == 0) {
        for (i = 3; (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
                    (s[i] >= 'A' && s[i] <= 'F');
             i++)
            ;
        return i > 3 && s[i] == ';' ? i + 1 : 0;
    }
    if (strncmp(s, "&#", 2) == 0) {
        for (i = 2; s[i] >= '0' && s[i] <= '9'; i++)
            ;
        return i > 2 && s[i] == ';' ? i + 1 : 0;
    }
    return 0;
}

/* Character data up to '<' (or a quote when q is one): no bare '&', no control bytes.
 * Returns a pointer past it, or NULL. */
static const char *chardata(const char *s, char q)
{
    while (*s && *s != '<' && *s != q) {
        if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
            return NULL;
        if (*s == '&') {
            size_t n = entity(s);
            if (!n)
                return NULL;
            s += n;
        } else {
            s++;
        }
    }
    return s;
}

/* 1 when doc is one well-formed XML element (no prolog, no comments), valid UTF-8,
 * with matching tags and no duplicate attributes. */
static int well_formed(const char *doc)
{
    const char *stack[64], *s = doc;
    size_t stack_len[64];
    int depth = 0, roots = 0;

    if (!utf8_valid(doc, strlen(doc), NULL))
        return 0;
    while (*s) {
        if (*s != '<') {
            const char *e = chardata(s, 0);
            if (!e)
                return 0;
            if (depth == 0)
                for (const char *t = s; t < e; t++)
                    if (*t != ' ' && *t != '\n')
                        return 0;
            s = e;
            continue;
        }
        if (s[1] == '/') {
            const char *nm = s + 2;
            size_t n = 0;
            while (name_char(nm[n]))
                n++;
            if (depth == 0 || n != stack_len[depth - 1] || strncmp(nm, stack[depth - 1], n))
                return 0;
            depth--;
            s = nm + n;
            while (*s == ' ')
                s++;
            if (*s++ != '>')
                return 0;
            continue;
        }
        if (!name_start(s[1]))
            return 0; /* <? <! and the like */
        {
            const char *nm = s + 1, *attrs[32];
            size_t n = 0, alen[32], na = 0;
            while (name_char(nm[n]))
                n++;
            s = nm + n;
            for (;;) {
                const char *an;
                size_t m = 0;
                char q;
                int sp = 0;
                while (*s == ' ' || *s == '\n' || *s == '\t') {
                    s++;
                    sp = 1;
                }
                if (*s == '>' || (s[0] == '/' && s[1] == '>'))
                    break;
                if (!sp || !name_start(*s))
                    return 0;
                an = s;
                while (name_char(an[m]))
                    m++;
                for (size_t k = 0; k < na; k++)
                    if (alen[k] == m && strncmp(attrs[k], an, m) == 0)
                        return 0;
                if (na == 32)
                    return 0;
                attrs[na] = an;
                alen[na++] = m;
                s = an + m;
                if (*s++ != '=')
                    return 0;
                q = *s++;
                if (q != '"' && q != '\'')
                    return 0;
                s = chardata(s, q);
                if (!s || *s != q)
                    return 0;
                s++;
            }
            if (depth == 0 && roots++ > 0)
                return 0;
            if (*s == '/') {
                s += 2;
            } else {
                if (depth == 64)
                    return 0;
                stack[depth] = nm;
                stack_len[depth++] = n;
                s++;
            }
        }
    }
    return depth == 0 && roots == 1;
}

/* 1 when xmllint is missing or accepts doc. */
static int xmllint_ok(const char *doc)
{
    char path[] = "/tmp/klynge-orgchart-XXXXXX";
    char cmd[128];
    int fd, rc;
    FILE *f;

    if (system("command -v xmllint >/dev/null 2>&1") != 0)
        return 1;
    fd = mkstemp(path);
    if (fd < 0)
        return 0;
    f = fdopen(fd, "w");
    if (!f)
        return 0;
    fputs(doc, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
    rc = system(cmd);
    unlink(path);
    return rc == 0;
}

/* ---- helpers -------------------------------------------------------------------------- */

static size_t count(const char *s, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(s, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* The integer value of the first attr="..." in s (attr includes the '="'). */
static long attr_int(const char *s, const char *attr)
{
    const char *p = strstr(s, attr);
    assert_non_null(p);
    return strtol(p + strlen(attr), NULL, 10);
}

/* The centre x of the box whose first text line is exactly text. */
static long box_x(const char *svg, const char *text)
{
    char needle[256];
    const char *p, *r = NULL;

    snprintf(needle, sizeof(needle), "\">%s</text>", text);
    p = strstr(svg, needle);
    assert_non_null(p);
    for (const char *q = strstr(svg, "<rect x=\""); q && q < p; q = strstr(q + 1, "<rect x=\""))
        r = q;
    assert_non_null(r);
    return strtol(r + 9, NULL, 10) + 100;
}

/* Copies the contents of the text elements, in order, into lines (at most max). */
static size_t text_lines(const char *svg, char lines[][256], size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(svg, "<text "); p && n < max; p = strstr(p + 1, "<text ")) {
        const char *b = strchr(p, '>') + 1, *e = strstr(b, "</text>");
        size_t len = (size_t)(e - b);
        assert_true(len < 256);
        memcpy(lines[n], b, len);
        lines[n][len] = '\0';
        n++;
    }
    return n;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static void assert_good_svg(const char *svg)
{
    assert_true(well_formed(svg));
    assert_true(xmllint_ok(svg));
    assert_true(strncmp(svg, "<svg ", 5) == 0);
}

/* ---- tests ---------------------------------------------------------------------------- */

static void escapes_hostile_text(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "<script>alert('x')</script> & \"co\"", 0, 0,
         "/fora/1\"onmouseover=\"alert(1)", "note <b>&amp;</b> 'q'"},
        {2, "]]><!-- -->", 1, 1, NULL, NULL},
    };
    struct kl_error err;
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 2, "Title <&> \"'", "Desc </desc><script>", &b,
                                  &err),
                     0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "<b>"));
    assert_null(strstr(s, "<!--"));
    assert_null(strstr(s, "onmouseover=\""));
    assert_non_null(strstr(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_non_null(strstr(s, "&amp; &quot;co&quot;"));
    assert_non_null(strstr(s, "Title &lt;&amp;&gt; &quot;&#39;</title>"));
    assert_non_null(strstr(s, "Desc &lt;/desc&gt;&lt;script&gt;</desc>"));
    assert_non_null(strstr(s, "href=\"/fora/1&quot;"));
    assert_non_null(strstr(s, "note &lt;b&gt;&amp;amp;"));
    assert_non_null(strstr(s, "]]&gt;&lt;!-- --&gt;"));
    buf_free(&b);
}

static void output_is_csp_safe(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "Politisk niveau", 0, 0, "/fora/1", NULL},
        {2, "Ad hoc-gruppe", 7, 1, NULL, "ad hoc · til 31-12-2026"},
        {3, "Tilbage", 0, 2, NULL, NULL},
    };
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 3, "Organisation", "Fora", &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_null(strstr(s, "<?xml"));
    assert_null(strstr(s, "<style"));
    assert_null(strstr(s, "style="));
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, " on"));
    assert_null(strstr(s, "xlink"));
    assert_null(strstr(s, "url("));
    assert_null(strstr(s, "<image"));
    assert_null(strstr(s, "<foreignObject"));
    assert_int_equal(count(s, "http"), 1); /* the namespace only */
    assert_non_null(strstr(s, "xmlns=\"http://www.w3.org/2000/svg\""));
    buf_free(&b);
}

static void title_desc_and_role(void **state)
{
    struct orgchart_node plain[] = {{1, "Chefforum", 2, 0, NULL, NULL}};
    struct orgchart_node linked[] = {{1, "Chefforum", 2, 0, "/fora/1", NULL}};
    struct buf b;
    const char *s, *t;
    char id[64];
    long w, h;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(plain, 1, "Organisation", "Et forum", &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_non_null(strstr(s, "role=\"img\""));
    /* aria-labelledby names the <title>, aria-describedby the <desc> */
    t = strstr(s, "aria-labelledby=\"");
    assert_non_null(t);
    snprintf(id, sizeof(id), "<title id=\"%.*s\">Organisation</title>",
             (int)(strchr(t + 17, '"') - (t + 17)), t + 17);
    assert_non_null(strstr(s, id));
    t = strstr(s, "aria-describedby=\"");
    assert_non_null(t);
    snprintf(id, sizeof(id), "<desc id=\"%.*s\">Et forum</desc>",
             (int)(strchr(t + 18, '"') - (t + 18)), t + 18);
    assert_non_null(strstr(s, id));
    w = attr_int(s, "width=\"");
    h = attr_int(s, "height=\"");
    snprintf(id, sizeof(id), "viewBox=\"0 0 %ld %ld\"", w, h);
    assert_non_null(strstr(s, id));
    assert_true(w > 200 && h > 60);

    /* links inside role="img" would be hidden from screen readers */
    buf_reset(&b);
    assert_int_equal(orgchart_svg(linked, 1, "Organisation", NULL, &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_non_null(strstr(s, "role=\"group\""));
    assert_null(strstr(s, "<desc"));
    assert_null(strstr(s, "aria-describedby"));
    /* the link's accessible name is the full name */
    assert_non_null(strstr(s, "href=\"/fora/1\"><title>Chefforum</title>"));
    buf_free(&b);
}

static void ids_differ_between_charts(void **state)
{
    struct orgchart_node a[] = {{1, "Chefforum", 2, 0, NULL, NULL}};
    struct orgchart_node c[] = {{1, "Direktørforum", 1, 0, NULL, NULL}};
    struct buf b1, b2;
    char id1[32], id2[32];

    (void)state;
    buf_init(&b1, 0);
    buf_init(&b2, 0);
    assert_int_equal(orgchart_svg(a, 1, "Organisation", NULL, &b1, NULL), 0);
    assert_int_equal(orgchart_svg(c, 1, "Organisation", NULL, &b2, NULL), 0);
    memcpy(id1, strstr(buf_cstr(&b1), "<title id=\"") + 11, 17);
    memcpy(id2, strstr(buf_cstr(&b2), "<title id=\"") + 11, 17);
    id1[17] = id2[17] = '\0';
    assert_true(strncmp(id1, "orgchart-", 9) == 0);
    assert_string_not_equal(id1, id2);
    buf_free(&b1);
    buf_free(&b2);
}

static void links_only_for_local_paths(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "A", 0, 0, "/fora/1", NULL},
        {2, "B", 1, 1, "/fora/%C3%A6?x=1#y", NULL},
        {3, "C", 1, 1, "https://evil.example/", NULL},
        {4, "D", 1, 1, "//evil.example/", NULL},
        {5, "E", 1, 1, "/\\evil.example/", NULL},
        {6, "F", 1, 1, "javascript:alert(1)", NULL},
        {7, "G", 1, 1, "/a b", NULL},
        {8, "H", 1, 1, "/\t/evil.example", NULL},
        {9, "I", 1, 1, "", NULL},
        {10, "J", 1, 1, "fora/10", NULL},
        {11, "K", 1, 1, "/fora/æ", NULL},
        {12, "L", 1, 1, NULL, NULL},
        {13, "M", 1, 1, "data:text/html,x", NULL},
    };
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 13, "Links", NULL, &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_int_equal(count(s, "<a "), 2);
    assert_int_equal(count(s, "</a>"), 2);
    assert_int_equal(count(s, "href="), 2);
    assert_non_null(strstr(s, "href=\"/fora/1\""));
    assert_non_null(strstr(s, "href=\"/fora/%C3%A6?x=1#y\""));
    assert_null(strstr(s, "evil"));
    assert_null(strstr(s, "javascript"));
    assert_null(strstr(s, "data:"));
    assert_int_equal(count(s, "<g class=\"orgchart-box\">"), 11);
    buf_free(&b);
}

static void one_line_per_valid_parent(void **state)
{
    struct orgchart_node nodes[] = {
        {10, "Politisk niveau", 0, 0, NULL, NULL},
        {20, "Direktørforum", 1, 10, NULL, NULL},
        {30, "Chefforum", 2, 20, NULL, NULL},
        {40, "Driftsforum A", 4, 30, NULL, NULL},
        {41, "Driftsforum B", 4, 30, NULL, NULL},
        {50, "Forældreløs", 4, 999, NULL, NULL}, /* parent not in the input */
        {60, "Sig selv", 5, 60, NULL, NULL},     /* reports to itself */
        {70, "Ad hoc", 7, 30, NULL, NULL},       /* skips a row */
    };
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 8, "Linjer", NULL, &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_int_equal(count(s, "<path "), 5);
    assert_int_equal(count(s, "orgchart-back"), 0);
    assert_int_equal(count(s, "<rect "), 8);
    /* a straight line down a chain, an elbow to each of several children */
    assert_non_null(strstr(s, "<path d=\"M"));
    buf_free(&b);
}

static void empty_levels_are_skipped(void **state)
{
    struct orgchart_node two_adjacent[] = {
        {1, "Politisk niveau", 0, 0, NULL, NULL},
        {2, "Direktørforum", 1, 1, NULL, NULL},
    };
    struct orgchart_node two_apart[] = {
        {1, "Politisk niveau", 0, 0, NULL, NULL},
        {2, "Sekretariat", 8, 1, NULL, NULL},
    };
    struct orgchart_node three[] = {
        {1, "Politisk niveau", 0, 0, NULL, NULL},
        {2, "Chefforum", 2, 1, NULL, NULL},
        {3, "Sekretariat", 8, 2, NULL, NULL},
    };
    struct buf b;
    long h2, h2apart, h3;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(two_adjacent, 2, "T", NULL, &b, NULL), 0);
    h2 = attr_int(buf_cstr(&b), "height=\"");
    buf_reset(&b);
    assert_int_equal(orgchart_svg(two_apart, 2, "T", NULL, &b, NULL), 0);
    assert_good_svg(buf_cstr(&b));
    h2apart = attr_int(buf_cstr(&b), "height=\"");
    buf_reset(&b);
    assert_int_equal(orgchart_svg(three, 3, "T", NULL, &b, NULL), 0);
    h3 = attr_int(buf_cstr(&b), "height=\"");
    assert_int_equal(h2, h2apart);
    assert_true(h3 > h2);
    assert_true(h3 < 2 * h2);

    /* and no nodes at all: an empty but valid chart */
    buf_reset(&b);
    assert_int_equal(orgchart_svg(NULL, 0, "Tom", NULL, &b, NULL), 0);
    assert_good_svg(buf_cstr(&b));
    assert_int_equal(count(buf_cstr(&b), "<rect"), 0);
    buf_free(&b);
}

static void long_names_wrap_by_words(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "Driftsforum børn og unge somatik", 4, 0, NULL, NULL},
        {2,
         "Sundhedskoordinationsudvalgets særlige følgegruppe for ældre medicinske patienter "
         "på tværs af kommuner",
         5, 0, NULL, NULL},
    };
    struct buf b;
    char lines[8][256];
    size_t nl;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 2, "T", NULL, &b, NULL), 0);
    assert_good_svg(buf_cstr(&b));
    nl = text_lines(buf_cstr(&b), lines, 8);
    assert_int_equal(nl, 4);
    assert_string_equal(lines[0], "Driftsforum børn og unge");
    assert_string_equal(lines[1], "somatik");
    /* a word longer than the line is cut on a code point; the rest ends in "…" */
    assert_string_equal(lines[2], "Sundhedskoordinationsudva");
    assert_string_equal(lines[3], "lgets særlige følgegrupp…");
    for (size_t i = 0; i < nl; i++)
        assert_true(code_points(lines[i]) <= 25);
    /* a cut box carries the full name as a tooltip */
    assert_non_null(strstr(buf_cstr(&b), "<title>Sundhedskoordinationsudvalgets særlige"));
    buf_free(&b);
}

static void cuts_fall_on_code_points(void **state)
{
    char ae[200] = "", marks[400] = "", bad[64];
    struct orgchart_node nodes[3];
    struct buf b;
    char lines[8][256];
    size_t nl;

    (void)state;
    for (int i = 0; i < 60; i++)
        memcpy(ae + 2 * i, "æ", 2);
    /* "é" written as e + combining acute: a cut must not part the two */
    for (int i = 0; i < 60; i++)
        memcpy(marks + 3 * i, "e\xCC\x81", 3);
    /* invalid UTF-8, a control character and a tab */
    memcpy(bad, "Bad\xC3 \xFF\x01name\tx\xE2\x82", 16);
    bad[16] = '\0';
    memset(nodes, 0, sizeof(nodes));
    nodes[0] = (struct orgchart_node){1, ae, 0, 0, NULL, NULL};
    nodes[1] = (struct orgchart_node){2, marks, 1, 0, NULL, NULL};
    nodes[2] = (struct orgchart_node){3, bad, 2, 0, NULL, NULL};
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 3, "T", NULL, &b, NULL), 0);
    assert_good_svg(buf_cstr(&b));
    nl = text_lines(buf_cstr(&b), lines, 8);
    assert_int_equal(nl, 5);
    assert_int_equal(strlen(lines[0]), 50); /* 25 æ */
    assert_int_equal(code_points(lines[1]), 25); /* 24 æ and "…" */
    assert_string_equal(lines[1] + 48, "…");
    for (int k = 2; k <= 3; k++) {
        /* whole e + mark pairs only: 25 of them fit on a line (marks take no room) */
        assert_true(lines[k][0] == 'e');
        assert_true(strlen(lines[k]) % 3 == 0 || k == 3);
    }
    assert_int_equal(strlen(lines[2]), 75);
    assert_string_equal(lines[3] + 72, "…");
    assert_string_equal(lines[4], "Bad\xEF\xBF\xBD \xEF\xBF\xBD name x\xEF\xBF\xBD");
    assert_null(strchr(buf_cstr(&b), '\x01'));
    assert_null(strchr(buf_cstr(&b), '\t'));
    buf_free(&b);
}

static void notes_are_one_short_line(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "Ad hoc-gruppe om genoptræning", 7, 0, NULL, "ad hoc · til 31-12-2026"},
        {2, "Fokusgruppe", 5, 0, NULL,
         "en meget lang note der slet ikke kan være på én linje i boksen"},
    };
    struct buf b;
    char lines[8][256];
    size_t nl;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 2, "T", NULL, &b, NULL), 0);
    assert_good_svg(buf_cstr(&b));
    nl = text_lines(buf_cstr(&b), lines, 8);
    assert_int_equal(nl, 5);
    assert_string_equal(lines[0], "Fokusgruppe");
    assert_string_equal(lines[1], "en meget lang note der slet…");
    assert_string_equal(lines[2], "Ad hoc-gruppe om");
    assert_string_equal(lines[3], "genoptræning");
    assert_string_equal(lines[4], "ad hoc · til 31-12-2026");
    assert_int_equal(count(buf_cstr(&b), "font-size=\"11\""), 2);
    /* ad hoc groups have a dashed border */
    assert_int_equal(count(buf_cstr(&b), "stroke-dasharray=\"5 3\""), 1);
    buf_free(&b);
}

static void bad_input_is_refused(void **state)
{
    struct orgchart_node dup[] = {
        {1, "A", 0, 0, NULL, NULL},
        {2, "B", 1, 1, NULL, NULL},
        {1, "C", 2, 2, NULL, NULL},
    };
    struct orgchart_node low[] = {{1, "A", -1, 0, NULL, NULL}};
    struct orgchart_node high[] = {{1, "A", 9, 0, NULL, NULL}};
    struct orgchart_node zero[] = {{0, "A", 0, 0, NULL, NULL}};
    struct orgchart_node noname[] = {{1, NULL, 0, 0, NULL, NULL}};
    static struct orgchart_node many[ORGCHART_MAX_NODES + 1];
    struct kl_error err;
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    buf_puts(&b, "keep");
    assert_int_equal(orgchart_svg(dup, 3, "T", NULL, &b, &err), KL_EINVAL);
    assert_int_equal(err.code, KL_EINVAL);
    assert_non_null(strstr(err.msg, "id 1"));
    assert_int_equal(orgchart_svg(low, 1, "T", NULL, &b, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "level -1"));
    assert_int_equal(orgchart_svg(high, 1, "T", NULL, &b, &err), KL_EINVAL);
    assert_non_null(strstr(err.msg, "level 9"));
    assert_int_equal(orgchart_svg(zero, 1, "T", NULL, &b, &err), KL_EINVAL);
    assert_int_equal(orgchart_svg(noname, 1, "T", NULL, &b, &err), KL_EINVAL);
    assert_int_equal(orgchart_svg(low, 1, NULL, NULL, &b, &err), KL_EINVAL);
    assert_int_equal(orgchart_svg(low, 1, "", NULL, &b, &err), KL_EINVAL);
    assert_int_equal(orgchart_svg(NULL, 1, "T", NULL, &b, &err), KL_EINVAL);
    assert_int_equal(orgchart_svg(dup, 1, "T", NULL, NULL, &err), KL_EINVAL);
    for (int i = 0; i <= ORGCHART_MAX_NODES; i++)
        many[i] = (struct orgchart_node){i + 1, "X", 4, 0, NULL, NULL};
    assert_int_equal(orgchart_svg(many, ORGCHART_MAX_NODES + 1, "T", NULL, &b, &err),
                     KL_EINVAL);
    assert_non_null(strstr(err.msg, "201"));
    assert_string_equal(buf_cstr(&b), "keep");
    /* exactly the maximum is fine, and an err of NULL is allowed */
    assert_int_equal(orgchart_svg(many, ORGCHART_MAX_NODES, "T", NULL, &b, NULL), 0);
    assert_true(strncmp(buf_cstr(&b), "keep<svg ", 9) == 0);
    assert_true(well_formed(buf_cstr(&b) + 4));
    buf_free(&b);
}

static void output_cap_restores_buffer(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "Politisk niveau", 0, 0, NULL, NULL},
        {2, "Direktørforum", 1, 1, NULL, NULL},
    };
    struct kl_error err;
    struct buf b;

    (void)state;
    buf_init(&b, 600);
    buf_puts(&b, "before");
    assert_int_equal(orgchart_svg(nodes, 2, "T", NULL, &b, &err), KL_ELIMIT);
    assert_int_equal(err.code, KL_ELIMIT);
    assert_string_equal(buf_cstr(&b), "before");
    assert_int_equal(b.len, 6);
    buf_free(&b);
}

static void cycles_are_harmless(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "A", 2, 2, NULL, NULL}, /* A and B report to each other */
        {2, "B", 4, 1, NULL, NULL},
        {3, "C", 4, 4, NULL, NULL}, /* C, D, E in a ring, C and D in one row */
        {4, "D", 4, 5, NULL, NULL},
        {5, "E", 5, 3, NULL, NULL},
        {6, "F", 0, 6, NULL, NULL}, /* itself */
    };
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 6, "Ring", NULL, &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_int_equal(count(s, "<path "), 5);
    /* A reports to B below it, C to D in its own row, D to E below it: those three lines
       go round the side; B to A and E to C are ordinary lines down */
    assert_int_equal(count(s, "orgchart-back"), 3);
    assert_int_equal(count(s, "<rect "), 6);
    buf_free(&b);
}

static void children_sit_under_parents(void **state)
{
    struct orgchart_node nodes[] = {
        {7, "Zeta", 4, 3, NULL, NULL},
        {6, "Ålborg", 4, 3, NULL, NULL},
        {5, "Alfa", 4, 3, NULL, NULL},
        {3, "Chefforum", 2, 2, NULL, NULL},
        {2, "Direktørforum", 1, 1, NULL, NULL},
        {1, "Politisk niveau", 0, 0, NULL, NULL},
        {9, "Anden top", 2, 0, NULL, NULL},
        {10, "Under anden", 4, 9, NULL, NULL},
    };
    struct buf b;
    const char *s;
    long pol, dir, chef, alfa, zeta, aal, other, under;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 8, "T", NULL, &b, NULL), 0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    pol = box_x(s, "Politisk niveau");
    dir = box_x(s, "Direktørforum");
    chef = box_x(s, "Chefforum");
    alfa = box_x(s, "Alfa");
    zeta = box_x(s, "Zeta");
    aal = box_x(s, "Ålborg");
    other = box_x(s, "Anden top");
    under = box_x(s, "Under anden");
    assert_int_equal(pol, dir);
    assert_int_equal(dir, chef);
    /* Danish order: Å after Z */
    assert_true(alfa < zeta && zeta < aal);
    assert_true(chef > alfa && chef < aal);
    assert_int_equal(chef, zeta);
    /* the second tree stays to the right of the first, its child under it */
    assert_true(other > aal);
    assert_int_equal(other, under);
    buf_free(&b);
}

/* The structure of Sundhedsklynge Midt in seed 002. */
static void seed_example(void **state)
{
    struct orgchart_node nodes[] = {
        {1, "Politisk niveau", ORGCHART_POLITICAL, 0, "/fora/1", NULL},
        {2, "Direktørforum", ORGCHART_DIRECTOR, 1, "/fora/2", NULL},
        {3, "Chefforum", ORGCHART_CHIEF, 2, "/fora/3", NULL},
        {4, "Driftsforum voksen somatik", ORGCHART_OPERATIONS, 3, "/fora/4", NULL},
        {5, "Driftsforum voksen psykiatri", ORGCHART_OPERATIONS, 3, "/fora/5", NULL},
        {6, "Driftsforum børn og unge somatik", ORGCHART_OPERATIONS, 3, "/fora/6", NULL},
        {7, "Ad hoc-gruppe om revideret organisering", ORGCHART_AD_HOC, 3, "/fora/7",
         "ad hoc · til 31-12-2026"},
    };
    const char *path = getenv("ORGCHART_EXAMPLE");
    struct buf b;
    const char *s;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(orgchart_svg(nodes, 7, "Organisering af Sundhedsklynge Midt",
                                  "Politisk niveau over Direktørforum over Chefforum. Under "
                                  "Chefforum: tre driftsfora og en ad hoc-gruppe.",
                                  &b, NULL),
                     0);
    s = buf_cstr(&b);
    assert_good_svg(s);
    assert_int_equal(count(s, "<path "), 6);
    assert_int_equal(count(s, "<a "), 7);
    assert_int_equal(attr_int(s, "height=\""), 16 * 2 + 5 * 66 + 4 * 44);
    if (path) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(s, f);
        fclose(f);
    }
    buf_free(&b);
}

static void checker_rejects_bad_xml(void **state)
{
    (void)state;
    assert_true(well_formed("<svg a=\"1\"><g/><text>x &amp; y</text></svg>"));
    assert_false(well_formed("<svg><g></svg>"));
    assert_false(well_formed("<svg a=\"1\" a=\"2\"/>"));
    assert_false(well_formed("<svg>a & b</svg>"));
    assert_false(well_formed("<svg a=\"<\"/>"));
    assert_false(well_formed("<?xml version=\"1.0\"?><svg/>"));
    assert_false(well_formed("<svg/><svg/>"));
    assert_false(well_formed("<svg>\xC3</svg>"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checker_rejects_bad_xml),
        cmocka_unit_test(escapes_hostile_text),
        cmocka_unit_test(output_is_csp_safe),
        cmocka_unit_test(title_desc_and_role),
        cmocka_unit_test(ids_differ_between_charts),
        cmocka_unit_test(links_only_for_local_paths),
        cmocka_unit_test(one_line_per_valid_parent),
        cmocka_unit_test(empty_levels_are_skipped),
        cmocka_unit_test(long_names_wrap_by_words),
        cmocka_unit_test(cuts_fall_on_code_points),
        cmocka_unit_test(notes_are_one_short_line),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(output_cap_restores_buffer),
        cmocka_unit_test(cycles_are_harmless),
        cmocka_unit_test(children_sit_under_parents),
        cmocka_unit_test(seed_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
