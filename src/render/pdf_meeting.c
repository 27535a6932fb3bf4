/* pdf_meeting.c - agenda and minutes as A4 PDF with cairo and pango (see pdf_meeting.h).
 * A small flow layout: text blocks are laid out by pango and placed line by line, moving to
 * a new page when a line does not fit. The whole document is produced twice: pass 1 only
 * measures (nothing is drawn) and records where each section starts and how many pages
 * there are; pass 2 draws, with the table of contents, links, outline and "Side X af Y". */
#include "render/pdf_meeting.h"
#include "render/pdf_doc.h"
#include "render/pdf_flow.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "core/i18n.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 in points, and the text frame. */
#define PAGE_W PDF_PAGE_W
#define PAGE_H PDF_PAGE_H
#define LEFT 68.0
#define RIGHT 56.0
#define TOP 78.0
#define BOTTOM (PAGE_H - 66.0)
#define CONTENT_W (PAGE_W - LEFT - RIGHT)

static const struct pdf_area area = {LEFT, TOP, BOTTOM, CONTENT_W};
#define TEXT_MAX ((size_t)256 * 1024)
#define NEST_MAX 8
#define INK 0.11, 0.14, 0.19
#define GREY 0.38, 0.42, 0.48
#define ACCENT 0.0, 0.30, 0.53

#define FAMILY PDF_FAMILY

enum font {
    F_BODY, F_BOLD, F_SMALL, F_H1, F_H2, F_TITLE, F_SUBTITLE, F_MONO, F_COUNT
};

static const char *const font_specs[F_COUNT] = {
    [F_BODY] = FAMILY " 9.5", [F_BOLD] = FAMILY " Bold 9.5", [F_SMALL] = FAMILY " 7.5",
    [F_H1] = FAMILY " Bold 15", [F_H2] = FAMILY " Bold 11", [F_TITLE] = FAMILY " Bold 30",
    [F_SUBTITLE] = FAMILY " 15", [F_MONO] = "DejaVu Sans Mono,Liberation Mono,monospace 8.5",
};
_Static_assert(F_COUNT <= PDF_FLOW_FONTS, "pdf_flow holds this many fonts");

/* The layout context. */

struct toc_entry {
    const char *label;   /* plain text */
    int page;            /* where it starts (pass 1) */
    double y;
};

struct pdfc {
    const struct pdf_meeting *m;
    enum i18n_language lang;
    struct pdf_flow f;   /* the position, pages, and page breaks */
    struct toc_entry *toc;
    size_t ntoc;
    size_t toc_next;     /* the entry being laid out next */
    struct buf mk;       /* markup scratch */
    int oom;
    char date_short[32];
};

static const char *tr(const struct pdfc *c, const char *msgid)
{
    return i18n_get(c->lang, msgid);
}

static const char *kind_label(const struct pdfc *c)
{
    return c->m->kind == PDF_MINUTES ? tr(c, N_("Minutes")) : tr(c, N_("Agenda"));
}

static void set_rgb(cairo_t *cr, double r, double g, double b)
{
    cairo_set_source_rgb(cr, r, g, b);
}

/* The header and footer of a new page (pdf_flow's decorate). */
static void page_decor(void *doc)
{
    struct pdfc *c = doc;
    char foot[96];
    struct buf b;

    if (c->f.pass != 2)
        return;
    buf_init(&b, 4096);
    set_rgb(c->f.cr, GREY);
    if (c->f.page > 1) {
        pdf_markup_str(&b, c->m->forum);
        pdf_flow_draw_at(&c->f, buf_cstr(&b), F_SMALL, LEFT, 34, CONTENT_W * 0.6, PANGO_ALIGN_LEFT);
        buf_reset(&b);
        pdf_markup_str(&b, kind_label(c));
        buf_puts(&b, " ");
        pdf_markup_str(&b, c->date_short);
        pdf_flow_draw_at(&c->f, buf_cstr(&b), F_SMALL, LEFT, 34, CONTENT_W, PANGO_ALIGN_RIGHT);
        cairo_set_line_width(c->f.cr, 0.5);
        cairo_move_to(c->f.cr, LEFT, 50);
        cairo_line_to(c->f.cr, PAGE_W - RIGHT, 50);
        cairo_stroke(c->f.cr);
    }
    if (c->m->draft) {
        buf_reset(&b);
        buf_puts(&b, "<b>");
        pdf_markup_str(&b, tr(c, N_("DRAFT")));
        buf_puts(&b, "</b>");
        set_rgb(c->f.cr, 0.7, 0.1, 0.1);
        pdf_flow_draw_at(&c->f, buf_cstr(&b), F_SMALL, LEFT, 18, CONTENT_W, PANGO_ALIGN_CENTER);
        set_rgb(c->f.cr, GREY);
    }
    snprintf(foot, sizeof foot, tr(c, N_("Page %d of %d")), c->f.page, c->f.pages);
    buf_reset(&b);
    pdf_markup_str(&b, foot);
    pdf_flow_draw_at(&c->f, buf_cstr(&b), F_SMALL, LEFT, PAGE_H - 44, CONTENT_W,
                     PANGO_ALIGN_CENTER);
    set_rgb(c->f.cr, INK);
    buf_free(&b);
}

/* flow of plain text. */
static void flow_plain(struct pdfc *c, const char *text, enum font f, double indent)
{
    buf_reset(&c->mk);
    if (pdf_markup_str(&c->mk, text))
        c->oom = 1;
    pdf_flow_lines(&c->f, buf_cstr(&c->mk), f, indent, NULL);
}

static void heading(struct pdfc *c, const char *text, enum font f, double before)
{
    pdf_flow_gap(&c->f, before);
    pdf_flow_need(&c->f, f == F_H1 ? 80 : 48);
    if (c->f.pass == 2)
        set_rgb(c->f.cr, ACCENT);
    flow_plain(c, text, f, 0);
    if (c->f.pass == 2)
        set_rgb(c->f.cr, INK);
    c->f.y += 3;
}

/* Markdown, walked with cmark's iterator (no recursion, so nesting depth costs nothing). */

struct md_list {
    int ordered;
    int next;
};

static void markdown(struct pdfc *c, const char *text, double indent0)
{
    size_t len = text ? strlen(text) : 0;
    cmark_node *doc;
    cmark_iter *it;
    cmark_event_type ev;
    struct md_list lists[NEST_MAX];
    int depth = 0, quote = 0, inline_depth = 0, in_para = 0;
    char marker[32] = "";
    int have_marker = 0;

    if (!len)
        return;
    if (len > TEXT_MAX)
        len = TEXT_MAX;
    doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
    if (!doc) {
        c->oom = 1;
        return;
    }
    it = cmark_iter_new(doc);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        int enter = ev == CMARK_EVENT_ENTER;
        double indent = indent0 + 18.0 * (depth < NEST_MAX ? depth : NEST_MAX) +
                        14.0 * (quote < NEST_MAX ? quote : NEST_MAX);
        const char *lit;
        int rc = 0;

        switch (t) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            if (enter) {
                buf_reset(&c->mk);
                in_para = 1;
                inline_depth = 0;
                if (t == CMARK_NODE_HEADING) {
                    pdf_flow_gap(&c->f, 4);
                    pdf_flow_need(&c->f, 40);
                    rc = buf_puts(&c->mk, "<b>");
                }
            } else {
                if (t == CMARK_NODE_HEADING)
                    rc = buf_puts(&c->mk, "</b>");
                c->f.bar_x = quote ? LEFT + indent - 8 : 0;
                pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, indent,
                               have_marker ? marker : NULL);
                c->f.bar_x = 0;
                have_marker = 0;
                in_para = 0;
                c->f.y += depth ? 2 : 6;
            }
            break;
        case CMARK_NODE_LIST:
            if (enter) {
                if (depth < NEST_MAX) {
                    lists[depth].ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                    lists[depth].next = cmark_node_get_list_start(n);
                }
                depth++;
            } else {
                depth--;
                if (!depth)
                    c->f.y += 4;
            }
            break;
        case CMARK_NODE_ITEM:
            if (enter && depth > 0) {
                struct md_list *l = &lists[(depth <= NEST_MAX ? depth : NEST_MAX) - 1];
                if (l->ordered)
                    snprintf(marker, sizeof marker, "%d.", l->next++ % 100000);
                else
                    snprintf(marker, sizeof marker, "%s", "\xE2\x80\xA2");
                have_marker = 1;
            } else {
                have_marker = 0;
            }
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            quote += enter ? 1 : -1;
            break;
        case CMARK_NODE_CODE_BLOCK:
            lit = cmark_node_get_literal(n);
            buf_reset(&c->mk);
            rc = pdf_markup_str(&c->mk, lit ? lit : "");
            while (c->mk.len && c->mk.data[c->mk.len - 1] == '\n')
                c->mk.data[--c->mk.len] = '\0';
            pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_MONO, indent + 8, NULL);
            c->f.y += 6;
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            pdf_flow_need(&c->f, 12);
            if (c->f.pass == 2) {
                cairo_set_line_width(c->f.cr, 0.5);
                cairo_move_to(c->f.cr, LEFT + indent, c->f.y + 5);
                cairo_line_to(c->f.cr, PAGE_W - RIGHT, c->f.y + 5);
                cairo_stroke(c->f.cr);
            }
            c->f.y += 12;
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            if (in_para) {
                lit = cmark_node_get_literal(n);
                if (t == CMARK_NODE_CODE)
                    rc = buf_puts(&c->mk, "<tt>");
                if (!rc)
                    rc = pdf_markup_str(&c->mk, lit ? lit : "");
                if (!rc && t == CMARK_NODE_CODE)
                    rc = buf_puts(&c->mk, "</tt>");
            }
            break;
        case CMARK_NODE_SOFTBREAK:
            if (in_para)
                rc = buf_putc(&c->mk, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            if (in_para)
                rc = buf_putc(&c->mk, '\n');
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
            if (!in_para)
                break;
            if (enter) {
                if (inline_depth++ < NEST_MAX)
                    rc = buf_puts(&c->mk, t == CMARK_NODE_EMPH     ? "<i>"
                                          : t == CMARK_NODE_STRONG ? "<b>"
                                                                   : "<u>");
            } else if (--inline_depth < NEST_MAX) {
                rc = buf_puts(&c->mk, t == CMARK_NODE_EMPH     ? "</i>"
                                      : t == CMARK_NODE_STRONG ? "</b>"
                                                               : "</u>");
            }
            break;
        default: /* raw HTML is not shown; images show their alt text (children) */
            break;
        }
        if (rc)
            c->oom = 1;
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

/* Dates in Copenhagen. */

static const char *const months_da[12] = {"januar", "februar", "marts", "april", "maj",
                                          "juni", "juli", "august", "september", "oktober",
                                          "november", "december"};
static const char *const months_en[12] = {"January", "February", "March", "April", "May",
                                          "June", "July", "August", "September", "October",
                                          "November", "December"};
static const char *const days_da[7] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag",
                                       "lørdag", "søndag"};
static const char *const days_en[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

static void local_time(int64_t t, int32_t *day, int *minute)
{
    int64_t l = t + date_cph_offset(t);
    int64_t d = l >= 0 ? l / 86400 : -((-l + 86399) / 86400);

    *day = (int32_t)d;
    *minute = (int)((l - d * 86400) / 60);
}

/* "onsdag d. 30. august 2023" / "Wednesday 30 August 2023". */
static void long_date(const struct pdfc *c, int64_t t, char *out, size_t size)
{
    int32_t day;
    int minute, y, mo, d, wd;

    local_time(t, &day, &minute);
    date_to_ymd(day, &y, &mo, &d);
    wd = date_weekday(day);
    if (wd < 0 || wd > 6 || mo < 1 || mo > 12)
        wd = 0, mo = 1;
    if (c->lang == LANG_DA)
        snprintf(out, size, "%s d. %d. %s %d", days_da[wd], d, months_da[mo - 1], y);
    else
        snprintf(out, size, "%s %d %s %d", days_en[wd], d, months_en[mo - 1], y);
}

static void clock_span(const struct pdfc *c, char *out, size_t size)
{
    int32_t d1, d2;
    int m1, m2;

    local_time(c->m->starts_at, &d1, &m1);
    local_time(c->m->ends_at, &d2, &m2);
    if (c->m->ends_at > c->m->starts_at && d1 == d2)
        snprintf(out, size, "%02d.%02d\xE2\x80\x93%02d.%02d", m1 / 60, m1 % 60, m2 / 60, m2 % 60);
    else
        snprintf(out, size, "%02d.%02d", m1 / 60, m1 % 60);
}

/* Document parts. */

static int skipped(const struct pdfc *c, const struct pdf_item *it)
{
    return c->m->public_version && it->closed;
}

static int has_participants(const struct pdfc *c)
{
    const struct pdf_meeting *m = c->m;
    return m->show_participants &&
           (m->npresent || m->nabsent || m->nguests || m->nsecretariat);
}

static void fact_row(struct pdfc *c, const char *label, const char *value)
{
    double y0 = c->f.y;

    if (!value || !*value)
        return;
    buf_reset(&c->mk);
    buf_puts(&c->mk, "<b>");
    pdf_markup_str(&c->mk, label);
    buf_puts(&c->mk, "</b>");
    pdf_flow_draw_at(&c->f, buf_cstr(&c->mk), F_BODY, LEFT, c->f.y, 110, PANGO_ALIGN_LEFT);
    buf_reset(&c->mk);
    pdf_markup_str(&c->mk, value);
    pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 115, NULL);
    if (c->f.y < y0 + 14)
        c->f.y = y0 + 14;
    c->f.y += 3;
}

static void front_page(struct pdfc *c)
{
    const struct pdf_meeting *m = c->m;
    char when[96], span[32], line[160];

    c->f.y = 150;
    c->f.at_top = 0;
    if (c->f.pass == 2) {
        set_rgb(c->f.cr, ACCENT);
        cairo_rectangle(c->f.cr, LEFT, 120, 60, 5);
        cairo_fill(c->f.cr);
    }
    flow_plain(c, kind_label(c), F_TITLE, 0);
    c->f.y += 6;
    set_rgb(c->f.cr, INK);
    flow_plain(c, m->forum, F_SUBTITLE, 0);
    if (m->title && *m->title)
        flow_plain(c, m->title, F_BODY, 0);
    c->f.y += 26;
    long_date(c, m->starts_at, when, sizeof when);
    clock_span(c, span, sizeof span);
    fact_row(c, tr(c, N_("Date")), when);
    snprintf(line, sizeof line, "%s %s", c->lang == LANG_DA ? "kl." : "", span);
    fact_row(c, tr(c, N_("Time")), c->lang == LANG_DA ? line : span);
    fact_row(c, tr(c, N_("Place")), m->place);
    fact_row(c, tr(c, N_("Chair")), m->chair);
    if (m->public_version) {
        c->f.y += 8;
        if (c->f.pass == 2)
            set_rgb(c->f.cr, GREY);
        flow_plain(c, tr(c, N_("Public version: closed items are not included.")), F_SMALL, 0);
        if (c->f.pass == 2)
            set_rgb(c->f.cr, INK);
    }
}

static void toc(struct pdfc *c)
{
    size_t i;

    heading(c, tr(c, N_("Contents")), F_H2, 30);
    c->f.y += 4;
    for (i = 0; i < c->ntoc; i++) {
        struct toc_entry *e = &c->toc[i];
        double y0, x1 = PAGE_W - RIGHT;
        char num[16];

        pdf_flow_need(&c->f, 16);
        y0 = c->f.y;
        buf_reset(&c->mk);
        pdf_markup_str(&c->mk, e->label);
        c->f.reserve = 36;
        pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 0, NULL);
        c->f.reserve = 0;
        /* the page number right-aligned on the last line, with a dotted leader */
        if (c->f.pass == 2) {
            double lastw;
            int lines = pango_layout_get_line_count(c->f.lay);
            PangoLayoutLine *ll = pango_layout_get_line_readonly(c->f.lay, lines - 1);
            PangoRectangle r;
            char attrs[96];

            pango_layout_line_get_extents(ll, NULL, &r);
            lastw = (double)r.width / PANGO_SCALE;
            snprintf(num, sizeof num, "%d", e->page);
            pdf_flow_draw_at(&c->f, num, F_BODY, LEFT, c->f.last_top, CONTENT_W, PANGO_ALIGN_RIGHT);
            set_rgb(c->f.cr, GREY);
            cairo_set_line_width(c->f.cr, 0.8);
            {
                static const double dots[] = {0.8, 2.6};
                cairo_set_dash(c->f.cr, dots, 2, 0);
            }
            if (LEFT + lastw + 6 < x1 - 24) {
                cairo_move_to(c->f.cr, LEFT + lastw + 6, c->f.y - 4);
                cairo_line_to(c->f.cr, x1 - 24, c->f.y - 4);
                cairo_stroke(c->f.cr);
            }
            cairo_set_dash(c->f.cr, NULL, 0, 0);
            set_rgb(c->f.cr, INK);
            snprintf(attrs, sizeof attrs, "rect=[%d %d %d %d] page=%d pos=[%d %d]",
                     (int)LEFT, (int)y0, (int)CONTENT_W, (int)(c->f.y - y0 + 1), e->page,
                     (int)LEFT, (int)(e->y > 12 ? e->y - 12 : 0));
            cairo_tag_begin(c->f.cr, CAIRO_TAG_LINK, attrs);
            cairo_tag_end(c->f.cr, CAIRO_TAG_LINK);
        }
        c->f.y += 4;
    }
}

/* Marks where a section starts: pass 1 records it for the TOC, links and outline. */
static void section_start(struct pdfc *c)
{
    if (c->toc_next < c->ntoc && c->f.pass == 1) {
        c->toc[c->toc_next].page = c->f.page;
        c->toc[c->toc_next].y = c->f.y;
    }
    c->toc_next++;
}

static void person_lines(struct pdfc *c, const struct pdf_person *p, size_t n, double indent)
{
    size_t i;

    for (i = 0; i < n; i++) {
        buf_reset(&c->mk);
        pdf_markup_str(&c->mk, p[i].name);
        if (p[i].detail && *p[i].detail) {
            buf_puts(&c->mk, "<span foreground=\"#5f6b7a\">, ");
            pdf_markup_str(&c->mk, p[i].detail);
            buf_puts(&c->mk, "</span>");
        }
        pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, indent, NULL);
        c->f.y += 1.5;
    }
}

static void groups(struct pdfc *c, const struct pdf_group *g, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        pdf_flow_gap(&c->f, 5);
        pdf_flow_need(&c->f, 30);
        flow_plain(c, g[i].organisation && *g[i].organisation ? g[i].organisation
                                                              : tr(c, N_("No organisation")),
                   F_BOLD, 0);
        c->f.y += 1.5;
        person_lines(c, g[i].people, g[i].n, 12);
    }
}

static void participants(struct pdfc *c)
{
    const struct pdf_meeting *m = c->m;

    pdf_flow_new_page(&c->f);
    section_start(c);
    heading(c, tr(c, N_("Participants")), F_H1, 0);
    groups(c, m->present, m->npresent);
    if (m->nabsent) {
        heading(c, tr(c, N_("Absent (afbud)")), F_H2, 14);
        groups(c, m->absent, m->nabsent);
    }
    if (m->nguests) {
        heading(c, tr(c, N_("Guests")), F_H2, 14);
        person_lines(c, m->guests, m->nguests, 0);
    }
    if (m->nsecretariat) {
        heading(c, tr(c, N_("Secretariat")), F_H2, 14);
        person_lines(c, m->secretariat, m->nsecretariat, 0);
    }
}

static const char *const room_msgids[4] = {N_("informing"), N_("developing"),
                                           N_("negotiating"), N_("deciding")};

static const char *const outcome_msgids[OUTCOME_COUNT] = {
    [OUTCOME_NONE] = N_("No decision yet"),
    [OUTCOME_APPROVED] = N_("Approved"),
    [OUTCOME_APPROVED_WITH_CHANGES] = N_("Approved with changes"),
    [OUTCOME_NOTED] = N_("Noted"),
    [OUTCOME_POSTPONED] = N_("Postponed"),
    [OUTCOME_REJECTED] = N_("Rejected"),
    [OUTCOME_BROUGHT_BACK] = N_("Brought back to a later meeting"),
};

/* The four rooms as a row of boxes, filled where the item belongs. */
static void rooms_row(struct pdfc *c, unsigned rooms)
{
    double x = LEFT;
    int i;

    pdf_flow_need(&c->f, 18);
    for (i = 0; i < 4; i++) {
        const char *label = tr(c, room_msgids[i]);
        int on = (rooms >> i) & 1u;
        PangoRectangle r;
        char cap[64];

        snprintf(cap, sizeof cap, "%s", label);
        if (cap[0] >= 'a' && cap[0] <= 'z')
            cap[0] = (char)(cap[0] - 'a' + 'A');
        buf_reset(&c->mk);
        buf_puts(&c->mk, on ? "<b>" : "<span foreground=\"#8a94a3\">");
        pdf_markup_str(&c->mk, cap);
        buf_puts(&c->mk, on ? "</b>" : "</span>");
        pango_layout_set_font_description(c->f.aux, c->f.fonts[F_SMALL]);
        pango_layout_set_width(c->f.aux, -1);
        pango_layout_set_markup(c->f.aux, buf_cstr(&c->mk), -1);
        pango_layout_get_extents(c->f.aux, NULL, &r);
        if (c->f.pass == 2) {
            cairo_set_line_width(c->f.cr, 0.8);
            if (on)
                set_rgb(c->f.cr, ACCENT);
            else
                set_rgb(c->f.cr, 0.6, 0.64, 0.7);
            cairo_rectangle(c->f.cr, x + 0.5, c->f.y + 2.5, 8, 8);
            if (on)
                cairo_fill(c->f.cr);
            else
                cairo_stroke(c->f.cr);
            set_rgb(c->f.cr, INK);
            cairo_move_to(c->f.cr, x + 12, c->f.y + 1.5);
            pango_cairo_show_layout(c->f.cr, c->f.aux);
        }
        x += 12 + (double)r.width / PANGO_SCALE + 16;
    }
    c->f.y += 18;
    c->f.at_top = 0;
}

static void item_section(struct pdfc *c, const struct pdf_item *it)
{
    char head[64];
    size_t i;

    pdf_flow_new_page(&c->f);
    section_start(c);
    snprintf(head, sizeof head, tr(c, N_("Item %d")), it->number);
    buf_reset(&c->mk);
    buf_puts(&c->mk, "<span size=\"small\" foreground=\"#5f6b7a\">");
    pdf_markup_str(&c->mk, head);
    if (it->closed) {
        buf_puts(&c->mk, " \xC2\xB7 ");
        pdf_markup_str(&c->mk, tr(c, N_("Closed item")));
    }
    buf_puts(&c->mk, "</span>");
    pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BOLD, 0, NULL);
    c->f.y += 2;
    buf_reset(&c->mk);
    buf_printf(&c->mk, "%d. ", it->number);
    pdf_markup_str(&c->mk, it->title);
    if (c->f.pass == 2)
        set_rgb(c->f.cr, ACCENT);
    pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_H1, 0, NULL);
    if (c->f.pass == 2)
        set_rgb(c->f.cr, INK);
    c->f.y += 6;
    rooms_row(c, it->rooms);
    if ((it->presenter && *it->presenter) || it->written_orientation) {
        buf_reset(&c->mk);
        if (it->written_orientation) {
            buf_puts(&c->mk, "<i>");
            pdf_markup_str(&c->mk, tr(c, N_("Written orientation only")));
            buf_puts(&c->mk, "</i>");
        }
        if (it->presenter && *it->presenter) {
            if (it->written_orientation)
                buf_puts(&c->mk, " \xC2\xB7 ");
            pdf_markup_str(&c->mk, tr(c, N_("Presented by")));
            buf_puts(&c->mk, " ");
            pdf_markup_str(&c->mk, it->presenter);
        }
        pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 0, NULL);
        c->f.y += 2;
    }
    if (it->recommendation && *it->recommendation) {
        const char *p = it->recommendation;
        int n = 1;

        heading(c, tr(c, N_("Recommendation")), F_H2, 10);
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            char num[16];

            if (len) {
                buf_reset(&c->mk);
                pdf_markup_text(&c->mk, p, len > TEXT_MAX ? TEXT_MAX : len);
                snprintf(num, sizeof num, "%d.", n++ % 100000);
                pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 18, num);
                c->f.y += 2;
            }
            p += len + (e ? 1 : 0);
        }
    }
    if (it->case_text && *it->case_text) {
        heading(c, tr(c, N_("Case presentation")), F_H2, 10);
        markdown(c, it->case_text, 0);
    }
    if (it->nattachments) {
        heading(c, tr(c, N_("Attachments")), F_H2, 10);
        for (i = 0; i < it->nattachments; i++) {
            buf_reset(&c->mk);
            pdf_markup_str(&c->mk, it->attachments[i]);
            pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 18, "\xE2\x80\xA2");
            c->f.y += 2;
        }
    }
    if (c->m->kind == PDF_MINUTES) {
        heading(c, tr(c, N_("Decision")), F_H2, 10);
        if (it->outcome > OUTCOME_NONE && it->outcome < OUTCOME_COUNT) {
            buf_reset(&c->mk);
            buf_puts(&c->mk, "<b>");
            pdf_markup_str(&c->mk, tr(c, outcome_msgids[it->outcome]));
            buf_puts(&c->mk, "</b>");
            pdf_flow_lines(&c->f, buf_cstr(&c->mk), F_BODY, 0, NULL);
            c->f.y += 4;
        }
        if (it->decision && *it->decision)
            markdown(c, it->decision, 0);
        else if (it->outcome == OUTCOME_NONE)
            flow_plain(c, tr(c, N_("No decision recorded.")), F_BODY, 0);
    }
}

/* One pass over the document. */
static int pass(struct pdfc *c, int which, struct buf *out, struct kl_error *err)
{
    const struct pdf_meeting *m = c->m;
    size_t i;
    int rc;

    c->toc_next = 0;
    pdf_flow_begin(&c->f, which, out, font_specs, F_COUNT, &area, page_decor, c);
    if (which == 2) {
        char title[400];
        snprintf(title, sizeof title, "%s \xE2\x80\x93 %s %s", m->forum ? m->forum : "",
                 kind_label(c), c->date_short);
        cairo_pdf_surface_set_metadata(c->f.surf, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(c->f.surf, CAIRO_PDF_METADATA_CREATOR, "klynge");
        for (i = 0; i < c->ntoc; i++) {
            char attrs[64];
            snprintf(attrs, sizeof attrs, "page=%d pos=[%d %d]", c->toc[i].page, (int)LEFT,
                     (int)(c->toc[i].y > 12 ? c->toc[i].y - 12 : 0));
            cairo_pdf_surface_add_outline(c->f.surf, CAIRO_PDF_OUTLINE_ROOT, c->toc[i].label,
                                          attrs, 0);
        }
    }
    set_rgb(c->f.cr, INK);
    pdf_flow_new_page(&c->f);
    front_page(c);
    toc(c);
    c->toc_next = 0;
    if (has_participants(c))
        participants(c);
    for (i = 0; i < m->nitems; i++)
        if (!skipped(c, &m->items[i]))
            item_section(c, &m->items[i]);
    rc = pdf_flow_end(&c->f, err);
    return c->oom ? kl_error_set(err, KL_ENOMEM, "PDF: out of memory") : rc;
}

int pdf_meeting_render(const struct pdf_meeting *m, struct buf *out, int *pages,
                       struct kl_error *err)
{
    struct pdfc c;
    size_t i, n = 0;
    int rc, y, mo, d, minute;
    int32_t day;

    if ((rc = pdf_fonts_ready(err)))
        return rc;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.lang = m->lang;
    buf_init(&c.mk, 0);
    local_time(m->starts_at, &day, &minute);
    date_to_ymd(day, &y, &mo, &d);
    snprintf(c.date_short, sizeof c.date_short, "%02d.%02d.%04d", d % 100, mo % 100,
             y % 10000);
    c.toc = calloc(m->nitems + 1, sizeof *c.toc);
    if (!c.toc)
        return kl_error_set(err, KL_ENOMEM, "PDF: out of memory");
    if (has_participants(&c))
        c.toc[n++].label = tr(&c, N_("Participants"));
    for (i = 0; i < m->nitems; i++) {
        if (skipped(&c, &m->items[i]))
            continue;
        c.toc[n].label = g_strdup_printf("%d. %s", m->items[i].number,
                                         m->items[i].title ? m->items[i].title : "");
        c.toc[n].page = -1; /* owned */
        n++;
    }
    c.ntoc = n;
    for (i = 0; i < n; i++)
        if (c.toc[i].page == -1) {
            /* g_strdup_printf strings may hold invalid UTF-8; the outline wants text */
            char *valid = g_utf8_make_valid(c.toc[i].label, -1);
            g_free((char *)c.toc[i].label);
            c.toc[i].label = valid;
        }
    pdf_doc_lock();
    rc = pass(&c, 1, NULL, err);
    c.f.pages = c.f.page;
    if (!rc)
        rc = pass(&c, 2, out, err);
    pdf_doc_unlock();
    if (!rc && pages)
        *pages = c.f.pages;
    for (i = has_participants(&c) ? 1 : 0; i < n; i++)
        g_free((char *)c.toc[i].label);
    free(c.toc);
    buf_free(&c.mk);
    return rc;
}
