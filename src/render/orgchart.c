/* orgchart.c - the organisation chart as inline SVG (see orgchart.h).
 *
 * Layout: one row per level that has a node. The nodes form a forest through reports_to,
 * keeping only parents in a row above the child (so cycles cannot form); each leaf gets
 * its own column, left to right in depth-first order, and a parent sits centred over its
 * children. Subtrees therefore own disjoint column ranges: a line that drops from a parent
 * to a child several rows down never crosses a box. The other reporting lines (parent in
 * the same row or below) are dashed and go round the right-hand side. */
#include "render/orgchart.h"

#include "core/buf.h"
#include "core/collate.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Geometry in pixels. Text width is estimated at CHAR_W per code point at font-size 13
 * and NOTE_CHAR_W at font-size 11. */
enum {
    BOX_W = 200,
    BOX_H = 66,
    PAD_X = 10,
    H_GAP = 24,
    V_GAP = 44,
    MARGIN = 16,
    SLOT = BOX_W + H_GAP,
    CHAR_W = 7,
    NOTE_CHAR_W = 6,
    NAME_COLS = (BOX_W - 2 * PAD_X) / CHAR_W,     /* 25 */
    NOTE_COLS = (BOX_W - 2 * PAD_X) / NOTE_CHAR_W, /* 30 */
    NAME_LINES = 2,
    NAME_LINE_H = 16,
    NAME_ASCENT = 12,
    NOTE_LINE_H = 14,
    NOTE_ASCENT = 10,
    NOTE_SPACE = 3,
    BACK_STUB = 10,   /* how far a routed-around line runs beside a box before turning */
    BACK_CHANNEL = 8, /* spacing of routed-around lines on the right */
    MAX_CP = 256,     /* code points of a name or note looked at for wrapping */
};

#define TEXT_FILL "#1d2430"
#define STROKE "#4a5565"
#define FONTS "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

/* Light fills by level: blue for the political and steering levels, green for operations,
 * sand for groups, lavender for the secretariat. All give the text a contrast above 12:1. */
static const char *const level_fill[ORGCHART_LEVEL_MAX + 1] = {
    "#dfe9f7", "#e8eef8", "#e8eef8", "#e8eef8", "#e3f2e8",
    "#edf5e4", "#f5f0e1", "#f8eee3", "#eeebf6",
};

struct place {
    int row;         /* index among the non-empty levels */
    int line_parent; /* node the line comes from, or -1 */
    int tree_parent; /* line_parent when it is in a row above, else -1 */
    int first_child, last_child, next_sibling;
    int x; /* centre of the box */
};

struct chart {
    const struct orgchart_node *nodes;
    size_t n;
    struct place p[ORGCHART_MAX_NODES];
    int order[ORGCHART_MAX_NODES];
    int next_col;
};

/* The output with a sticky error. */
struct out {
    struct buf *b;
    int rc;
};

static void put(struct out *o, const char *s)
{
    if (!o->rc)
        o->rc = buf_puts(o->b, s);
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    va_list ap;

    if (o->rc)
        return;
    va_start(ap, fmt);
    o->rc = buf_vprintf(o->b, fmt, ap);
    va_end(ap);
}

/* ---- text ---------------------------------------------------------------------------- */

/* Decodes one code point at s (n > 0 bytes left) and sets *len to the bytes it used.
 * Invalid UTF-8 (overlong, surrogate, out of range, cut short) gives one U+FFFD for the
 * longest start of a valid sequence, or for one byte (Unicode's "maximal subpart"). */
static uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    uint32_t cp;

    *len = 1;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4;
    else
        return 0xFFFD;
    /* the second byte's range rules out overlong forms, surrogates and > U+10FFFF */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    cp = c & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < need; k++) {
        if (k >= n || s[k] < (k == 1 ? lo : 0x80) || s[k] > (k == 1 ? hi : 0xBF)) {
            *len = k;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *len = need;
    return cp;
}

/* What a decoded code point becomes in the chart: control characters (C0, DEL, C1) and
 * line breaks turn into a space, and the two non-characters XML forbids into U+FFFD. */
static uint32_t clean(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
        return ' ';
    if (cp == 0xFFFE || cp == 0xFFFF)
        return 0xFFFD;
    return cp;
}

/* Estimated width in character cells: 0 for combining marks, 2 for wide East Asian
 * characters and emoji, else 1. */
static int cells(uint32_t cp)
{
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
        (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200D ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* Writes one code point as UTF-8, escaping the five XML specials. */
static void put_cp(struct out *o, uint32_t cp)
{
    char u[5];

    switch (cp) {
    case '&': put(o, "&amp;"); return;
    case '<': put(o, "&lt;"); return;
    case '>': put(o, "&gt;"); return;
    case '"': put(o, "&quot;"); return;
    case '\'': put(o, "&#39;"); return;
    default: break;
    }
    if (cp < 0x80) {
        u[0] = (char)cp;
        u[1] = '\0';
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        u[2] = '\0';
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        u[3] = '\0';
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        u[4] = '\0';
    }
    put(o, u);
}

/* Writes the UTF-8 string s as escaped XML text (also fit for an attribute value). */
static void put_text(struct out *o, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, len;

    while (i < n && !o->rc) {
        const unsigned char *run = p + i;
        /* plain ASCII runs go out in one piece */
        while (i < n && p[i] >= 0x20 && p[i] < 0x7F && !strchr("&<>\"'", p[i]))
            i++;
        if (p + i > run && !o->rc)
            o->rc = buf_append(o->b, run, (size_t)(p + i - run));
        if (i < n) {
            put_cp(o, clean(decode(p + i, n - i, &len)));
            i += len;
        }
    }
}

/* A name or note as code points: white space collapsed to single spaces and trimmed. */
struct cps {
    uint32_t c[MAX_CP];
    size_t n;
    int more; /* text beyond the MAX_CP looked at */
};

static void to_cps(const char *s, struct cps *t)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, len;
    int space = 0;

    t->n = 0;
    t->more = 0;
    while (i < n) {
        uint32_t cp = clean(decode(p + i, n - i, &len));
        i += len;
        if (cp == ' ') {
            space = t->n > 0;
            continue;
        }
        if (t->n + (size_t)space + 1 > MAX_CP) {
            t->more = 1;
            return;
        }
        if (space)
            t->c[t->n++] = ' ';
        space = 0;
        t->c[t->n++] = cp;
    }
}

static int width(const struct cps *t, size_t from, size_t to)
{
    int w = 0;
    for (size_t i = from; i < to; i++)
        w += cells(t->c[i]);
    return w;
}

/* A line of wrapped text: code points [from, to), then "…" when cut. */
struct line {
    size_t from, to;
    int ellipsis;
};

/* Wraps t into at most max lines of cols cells, breaking between words where it can and
 * inside a word (at a code point, never before a combining mark) where it must. When text
 * is left over, the last line is shortened to make room for "…". Returns the line count. */
static int wrap(const struct cps *t, int cols, int max, struct line *lines)
{
    size_t pos = 0;
    int nl = 0;

    while (nl < max && pos < t->n) {
        size_t i = pos, brk = 0;
        int w = 0, found = 0;

        while (i < t->n) {
            int cw = cells(t->c[i]);
            if (t->c[i] == ' ') {
                brk = i;
                found = 1;
            }
            if (w + cw > cols)
                break;
            w += cw;
            i++;
        }
        lines[nl].ellipsis = 0;
        lines[nl].from = pos;
        if (i >= t->n) {
            lines[nl].to = t->n;
            pos = t->n;
        } else if (t->c[i] == ' ') {
            lines[nl].to = i;
            pos = i + 1;
        } else if (found && brk > pos) {
            lines[nl].to = brk;
            pos = brk + 1;
        } else {
            /* i is where a character with width stops the line, so never a combining mark;
               a first character wider than the line goes on it anyway */
            if (i == pos)
                i++;
            while (i < t->n && cells(t->c[i]) == 0)
                i++;
            lines[nl].to = i;
            pos = i;
        }
        nl++;
    }
    if (nl > 0 && (pos < t->n || t->more)) {
        struct line *l = &lines[nl - 1];
        while (l->to > l->from && width(t, l->from, l->to) + 1 > cols) {
            l->to--;
            /* do not leave a base character without its marks */
            while (l->to > l->from && cells(t->c[l->to]) == 0)
                l->to--;
        }
        while (l->to > l->from && t->c[l->to - 1] == ' ')
            l->to--;
        l->ellipsis = 1;
    }
    return nl;
}

static void put_line(struct out *o, const struct cps *t, const struct line *l)
{
    for (size_t i = l->from; i < l->to; i++)
        put_cp(o, t->c[i]);
    if (l->ellipsis)
        put_cp(o, 0x2026);
}

/* ---- input ---------------------------------------------------------------------------- */

/* A local path: one leading "/", then printable ASCII without "\" (which browsers read as
 * "/", making "/\host" a link to another site). */
static int local_href(const char *h)
{
    size_t i;

    if (!h || h[0] != '/' || h[1] == '/' || h[1] == '\\')
        return 0;
    for (i = 1; h[i]; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c <= 0x20 || c >= 0x7F || c == '\\')
            return 0;
        if (i > 2048)
            return 0;
    }
    return 1;
}

/* Row, then Danish name order, then id. */
static int before(const struct chart *c, int a, int b)
{
    const struct orgchart_node *na = &c->nodes[a], *nb = &c->nodes[b];
    int d;

    if (c->p[a].row != c->p[b].row)
        return c->p[a].row < c->p[b].row;
    d = collate_da(na->name, strlen(na->name), nb->name, strlen(nb->name));
    if (d)
        return d < 0;
    return na->id < nb->id;
}

/* Gives each leaf the next column and centres each parent over its children. The depth is
 * at most the number of rows, since a tree parent is always in a row above. */
static int place_tree(struct chart *c, int i)
{
    struct place *p = &c->p[i];

    if (p->first_child < 0) {
        p->x = MARGIN + c->next_col * SLOT + BOX_W / 2;
        c->next_col++;
    } else {
        int lo = -1, hi = 0;
        for (int k = p->first_child; k >= 0; k = c->p[k].next_sibling) {
            int x = place_tree(c, k);
            if (lo < 0)
                lo = x;
            hi = x;
        }
        p->x = (lo + hi) / 2;
    }
    return p->x;
}

static uint32_t fnv(uint32_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static uint32_t fnv_str(uint32_t h, const char *s)
{
    return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "", 1);
}

/* ---- output --------------------------------------------------------------------------- */

static int row_top(int row)
{
    return MARGIN + row * (BOX_H + V_GAP);
}

static void put_box(struct out *o, const struct chart *c, int i)
{
    const struct orgchart_node *nd = &c->nodes[i];
    int x = c->p[i].x, y = row_top(c->p[i].row);
    int linked = local_href(nd->href);
    struct cps name, note;
    struct line lines[NAME_LINES], note_line;
    int nl, nnote = 0, content, ty;

    to_cps(nd->name, &name);
    nl = wrap(&name, NAME_COLS, NAME_LINES, lines);
    if (nd->note) {
        to_cps(nd->note, &note);
        nnote = wrap(&note, NOTE_COLS, 1, &note_line);
    }

    if (linked) {
        put(o, "<a class=\"orgchart-box orgchart-link\" href=\"");
        put_text(o, nd->href);
        put(o, "\">");
    } else {
        put(o, "<g class=\"orgchart-box\">");
    }
    /* the full name: the link's accessible name, and a tooltip when the box cuts it */
    if (linked || (nl > 0 && lines[nl - 1].ellipsis) || (nnote && note_line.ellipsis)) {
        put(o, "<title>");
        put_text(o, nd->name);
        if (nd->note && note.n) {
            put(o, " (");
            put_text(o, nd->note);
            put(o, ")");
        }
        put(o, "</title>");
    }
    /* a 1px border on the half pixel, 2px lines on whole pixels: both stay crisp */
    putf(o, "<rect x=\"%d.5\" y=\"%d.5\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\""
            " stroke=\"" STROKE "\"%s/>",
         x - BOX_W / 2, y, BOX_W - 1, BOX_H - 1, level_fill[nd->level],
         nd->level == ORGCHART_AD_HOC ? " stroke-dasharray=\"5 3\"" : "");
    content = nl * NAME_LINE_H + (nnote ? NOTE_SPACE + NOTE_LINE_H : 0);
    ty = y + (BOX_H - content) / 2;
    for (int k = 0; k < nl; k++) {
        putf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"" TEXT_FILL "\">", x,
             ty + NAME_ASCENT + k * NAME_LINE_H);
        put_line(o, &name, &lines[k]);
        put(o, "</text>");
    }
    if (nnote) {
        putf(o, "<text class=\"orgchart-note\" x=\"%d\" y=\"%d\" text-anchor=\"middle\""
                " font-size=\"11\" fill=\"" TEXT_FILL "\">",
             x, ty + nl * NAME_LINE_H + NOTE_SPACE + NOTE_ASCENT);
        put_line(o, &note, &note_line);
        put(o, "</text>");
    }
    put(o, linked ? "</a>" : "</g>");
}

static int check(const struct orgchart_node *nodes, size_t n, const char *title,
                 struct buf *out, struct kl_error *err)
{
    if (!out)
        return kl_error_set(err, KL_EINVAL, "orgchart: no output buffer");
    if (n > ORGCHART_MAX_NODES)
        return kl_error_set(err, KL_EINVAL, "orgchart: %zu fora, at most %d can be drawn", n,
                            ORGCHART_MAX_NODES);
    if (n > 0 && !nodes)
        return kl_error_set(err, KL_EINVAL, "orgchart: %zu fora but no array", n);
    if (!title || !title[0])
        return kl_error_set(err, KL_EINVAL, "orgchart: a title is required");
    for (size_t i = 0; i < n; i++) {
        const struct orgchart_node *nd = &nodes[i];
        if (nd->id == 0)
            return kl_error_set(err, KL_EINVAL, "orgchart: forum %zu: id 0 is not allowed", i);
        if (nd->level < 0 || nd->level > ORGCHART_LEVEL_MAX)
            return kl_error_set(err, KL_EINVAL,
                                "orgchart: forum %zu (id %lld): level %d is outside 0..%d", i,
                                (long long)nd->id, nd->level, ORGCHART_LEVEL_MAX);
        if (!nd->name)
            return kl_error_set(err, KL_EINVAL, "orgchart: forum %zu (id %lld): no name", i,
                                (long long)nd->id);
        for (size_t j = 0; j < i; j++)
            if (nodes[j].id == nd->id)
                return kl_error_set(err, KL_EINVAL,
                                    "orgchart: forum %zu: id %lld is also forum %zu's", i,
                                    (long long)nd->id, j);
    }
    return 0;
}

int orgchart_svg(const struct orgchart_node *nodes, size_t n, const char *title,
                 const char *desc, struct buf *out, struct kl_error *err)
{
    struct chart c;
    int rows[ORGCHART_LEVEL_MAX + 1], nrows = 0, ncols, nback = 0, any_link = 0;
    int w, h, content_right;
    uint32_t hash = 2166136261u;
    char id[32];
    size_t start;
    struct out o;
    int rc;

    kl_error_clear(err);
    memset(&c, 0, sizeof(c));
    rc = check(nodes, n, title, out, err);
    if (rc)
        return rc;
    c.nodes = nodes;
    c.n = n;

    for (int l = 0; l <= ORGCHART_LEVEL_MAX; l++)
        rows[l] = -1;
    for (size_t i = 0; i < n; i++)
        rows[nodes[i].level] = 0;
    for (int l = 0; l <= ORGCHART_LEVEL_MAX; l++)
        if (rows[l] == 0)
            rows[l] = nrows++;

    for (size_t i = 0; i < n; i++) {
        struct place *p = &c.p[i];
        p->row = rows[nodes[i].level];
        p->line_parent = p->tree_parent = -1;
        p->first_child = p->last_child = p->next_sibling = -1;
        if (nodes[i].reports_to != 0 && nodes[i].reports_to != nodes[i].id)
            for (size_t j = 0; j < n; j++)
                if (nodes[j].id == nodes[i].reports_to)
                    p->line_parent = (int)j;
        if (local_href(nodes[i].href))
            any_link = 1;
    }
    for (size_t i = 0; i < n; i++) {
        int lp = c.p[i].line_parent;
        if (lp >= 0 && c.p[lp].row < c.p[i].row)
            c.p[i].tree_parent = lp;
        else if (lp >= 0)
            nback++;
    }

    /* sort (insertion: n is small), then link children in that order */
    for (size_t i = 0; i < n; i++) {
        size_t k = i;
        while (k > 0 && before(&c, (int)i, c.order[k - 1])) {
            c.order[k] = c.order[k - 1];
            k--;
        }
        c.order[k] = (int)i;
    }
    for (size_t k = 0; k < n; k++) {
        int i = c.order[k], tp = c.p[i].tree_parent;
        if (tp < 0)
            continue;
        if (c.p[tp].last_child < 0)
            c.p[tp].first_child = i;
        else
            c.p[c.p[tp].last_child].next_sibling = i;
        c.p[tp].last_child = i;
    }
    for (size_t k = 0; k < n; k++)
        if (c.p[c.order[k]].tree_parent < 0)
            place_tree(&c, c.order[k]);
    ncols = c.next_col;

    content_right = MARGIN + (ncols > 0 ? ncols * SLOT - H_GAP : 0);
    w = content_right + MARGIN + (nback ? BACK_STUB + nback * BACK_CHANNEL : 0);
    h = 2 * MARGIN + (nrows > 0 ? nrows * BOX_H + (nrows - 1) * V_GAP : 0);

    hash = fnv_str(hash, title);
    hash = fnv_str(hash, desc);
    for (size_t i = 0; i < n; i++) {
        hash = fnv(hash, &nodes[i].id, sizeof(nodes[i].id));
        hash = fnv(hash, &nodes[i].reports_to, sizeof(nodes[i].reports_to));
        hash = fnv(hash, &nodes[i].level, sizeof(nodes[i].level));
        hash = fnv_str(hash, nodes[i].name);
        hash = fnv_str(hash, nodes[i].href);
        hash = fnv_str(hash, nodes[i].note);
    }
    snprintf(id, sizeof(id), "orgchart-%08x", (unsigned)hash);

    start = out->len;
    o.b = out;
    o.rc = 0;
    putf(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart\" role=\"%s\""
             " aria-labelledby=\"%s-title\"",
         any_link ? "group" : "img", id);
    if (desc)
        putf(&o, " aria-describedby=\"%s-desc\"", id);
    putf(&o, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"" FONTS "\""
             " font-size=\"13\">",
         w, h, w, h);
    putf(&o, "<title id=\"%s-title\">", id);
    put_text(&o, title);
    put(&o, "</title>");
    if (desc) {
        putf(&o, "<desc id=\"%s-desc\">", id);
        put_text(&o, desc);
        put(&o, "</desc>");
    }

    put(&o, "<g class=\"orgchart-lines\" fill=\"none\" stroke=\"" STROKE "\""
            " stroke-width=\"2\">");
    for (size_t i = 0, back = 0; i < n; i++) {
        const struct place *p = &c.p[i];
        int px, pb, cx = p->x, ct = row_top(p->row);

        if (p->line_parent < 0)
            continue;
        px = c.p[p->line_parent].x;
        pb = row_top(c.p[p->line_parent].row) + BOX_H;
        if (p->tree_parent >= 0 && px == cx) {
            putf(&o, "<path d=\"M%d %dV%d\"/>", px, pb, ct);
        } else if (p->tree_parent >= 0) {
            /* elbow: down to the middle of the gap below the parent's row, across, down */
            putf(&o, "<path d=\"M%d %dV%dH%dV%d\"/>", px, pb, pb + V_GAP / 2, cx, ct);
        } else {
            int ch = content_right + BACK_STUB + (int)back * BACK_CHANNEL;
            putf(&o, "<path class=\"orgchart-back\" d=\"M%d %dV%dH%dV%dH%dV%d\""
                     " stroke-dasharray=\"4 3\"/>",
                 px, pb, pb + BACK_STUB, ch, ct - BACK_STUB, cx, ct);
            back++;
        }
    }
    put(&o, "</g>");

    put(&o, "<g class=\"orgchart-boxes\">");
    for (size_t k = 0; k < n; k++)
        put_box(&o, &c, c.order[k]);
    put(&o, "</g></svg>");

    if (o.rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return kl_error_set(err, o.rc, "orgchart: the SVG does not fit: %s",
                            kl_status_name(o.rc));
    }
    return 0;
}
