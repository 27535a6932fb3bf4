/* pages_search.c - search across agenda items: GET /search (form, hits with highlighted
 * snippets, filters, pages) and GET /api/v1/search (JSON). What is found is decided by
 * app_search; this file only reads the query arguments and writes the answer. The
 * markers around matches become <mark> through the HTML writer, all else is escaped. */
#include "web/handlers_search.h"

#include "web/form_ui.h"
#include "web/json_out.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/organisation.h"
#include "app/search.h"
#include "app/search_query.h"
#include "core/arena.h"
#include "core/buf.h"
#include "model/forum.h"
#include "model/meeting.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Reads the query arguments into s. 0, or KL_EINVAL with r->err naming the argument. */
static int read_request(struct request *r, struct search_request *s)
{
    long forum = 0, year = 0, page = 1;
    int rc;

    *s = (struct search_request){0};
    s->q = req_query(r, "q");
    s->cluster = req_query(r, "cluster");
    s->room = req_query(r, "room");
    s->outcome = req_query(r, "outcome");
    if ((rc = req_query_int(r, "forum", 1, INT32_MAX, &forum)) ||
        (rc = req_query_int(r, "year", 1900, 9999, &year)) ||
        (rc = req_query_int(r, "page", 1, SEARCH_PAGE_MAX, &page)))
        return rc;
    s->forum_id = forum;
    s->year = (int)year;
    s->page = (int)page;
    return 0;
}

/* text with SEARCH_MARK_START/END as escaped HTML with <mark>; marks left open are closed. */
static void marked(struct html *h, struct arena *a, const char *text)
{
    int open = 0;
    const char *p = text;

    while (*p) {
        size_t n = strcspn(p, "\x02\x03");
        if (n)
            html_text(h, arena_strndup(a, p, n));
        p += n;
        if (*p == SEARCH_MARK_START && !open) {
            html_lit(h, "<mark>");
            open = 1;
        } else if (*p == SEARCH_MARK_END && open) {
            html_lit(h, "</mark>");
            open = 0;
        }
        if (*p)
            p++;
    }
    if (open)
        html_lit(h, "</mark>");
}

/* text without the markers. */
static char *plain(struct arena *a, const char *text)
{
    char *out = arena_strdup(a, text), *w = out;

    if (!out)
        return NULL;
    for (const char *p = text; *p; p++)
        if (*p != SEARCH_MARK_START && *p != SEARCH_MARK_END)
            *w++ = *p;
    *w = '\0';
    return out;
}

static const char *hit_href(struct request *r, const struct search_hit *x)
{
    return arena_printf(r->arena, "/meetings/%lld#item-%lld", (long long)x->meeting_id,
                        (long long)x->item_id);
}

static void filters(struct request *r, struct html *h, const struct search_request *s)
{
    static const char *const room_values[] = {"informing", "developing", "negotiating",
                                              "deciding"};
    struct choice rooms[5], outcomes[OUTCOME_COUNT], *forums;
    struct forum *f = NULL;
    size_t nf = 0, no = 0;
    struct kl_error err;

    rooms[0] = (struct choice){"", N_("Any")};
    for (size_t i = 0; i < 4; i++)
        rooms[i + 1] = (struct choice){room_values[i], room_labels[i]};
    outcomes[no++] = (struct choice){"", N_("Any")};
    for (int o = 1; o < OUTCOME_COUNT; o++)
        outcomes[no++] = (struct choice){item_outcome_name((enum item_outcome)o),
                                         item_outcome_labels[o]};
    if (app_forum_list(r->store, r->arena, &r->who, NULL, &f, &nf, &err) != 0)
        nf = 0;
    forums = arena_calloc(r->arena, nf + 1, sizeof(*forums));
    if (forums) {
        forums[0] = (struct choice){"", T_(r, "Any")};
        for (size_t i = 0; i < nf; i++)
            forums[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)f[i].id),
                                            f[i].name};
        ui_select(r, h, N_("Forum"), "forum", forums, nf + 1,
                  req_query(r, "forum"), 1, NULL);
    }
    ui_input(r, h, N_("Cluster code"), "cluster", "text", s->cluster, 0, NULL);
    ui_input(r, h, N_("Year"), "year", "number", req_query(r, "year"), 0, NULL);
    ui_select(r, h, N_("Room"), "room", rooms, 5, s->room, 0, NULL);
    ui_select(r, h, N_("Outcome"), "outcome", outcomes, no, s->outcome, 0, NULL);
}

/* The link to page p of the same search. */
static const char *page_href(struct request *r, int p)
{
    static const char *const keys[] = {"q", "cluster", "forum", "year", "room", "outcome"};
    struct buf b;
    const char *out;

    buf_init(&b, 0);
    buf_puts(&b, "/search?");
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *v = req_query(r, keys[i]);
        if (!v || !*v)
            continue;
        buf_printf(&b, "%s=", keys[i]);
        for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
            if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')
                buf_putc(&b, (char)*c);
            else
                buf_printf(&b, "%%%02X", *c);
        }
        buf_putc(&b, '&');
    }
    buf_printf(&b, "page=%d", p);
    out = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return out ? out : "/search";
}

int page_search(struct request *r)
{
    struct search_request s;
    struct search_result res = {0};
    struct html h;
    const char *problem = NULL;
    int rc;

    if ((rc = read_request(r, &s)))
        return rc;
    if (s.q && *s.q) {
        rc = app_search(r->store, r->arena, &r->who, &s, &res, &r->err);
        if (rc == KL_EINVAL)
            problem = T_(r, arena_strdup(r->arena, r->err.msg));
        else if (rc)
            return rc;
    }
    page_begin(r, &h, T_(r, "Search"), NAV_NONE);
    html_open(&h, "form", "method", "get", "action", "/search", "role", "search",
              "class", "search-form", NULL);
    ui_input(r, &h, N_("Search agendas and decisions"), "q", "search", s.q, 0, NULL);
    filters(r, &h, &s);
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Search"));
    html_close(&h, "button");
    html_close(&h, "form");
    html_open(&h, "p", "class", "hint", NULL);
    html_text(&h, T_(r, "Words find every form (plan finds planerne); \"a phrase\" in quotes; "
                        "-word leaves out; word* finds by the beginning."));
    html_close(&h, "p");
    if (problem) {
        html_open(&h, "div", "class", "notice error", "role", "alert", NULL);
        html_elem(&h, "p", problem);
        html_close(&h, "div");
        return page_end(r, &h);
    }
    if (!s.q || !*s.q)
        return page_end(r, &h);
    html_open(&h, "section", "aria-labelledby", "search-results", NULL);
    html_open(&h, "h2", "id", "search-results", NULL);
    html_text(&h, T_(r, "Results"));
    html_close(&h, "h2");
    if (!res.n) {
        html_elem(&h, "p", T_(r, "Nothing found that you may see."));
    } else {
        html_open(&h, "ol", "class", "search-results", "start",
                  arena_printf(r->arena, "%d", (s.page - 1) * SEARCH_PER_PAGE + 1), NULL);
        for (size_t i = 0; i < res.n; i++) {
            const struct search_hit *x = &res.hits[i];
            html_lit(&h, "<li><h3>");
            html_open(&h, "a", "href", hit_href(r, x), NULL);
            html_textf(&h, "%d. ", x->number);
            marked(&h, r->arena, x->title);
            html_close(&h, "a");
            html_lit(&h, "</h3>");
            html_open(&h, "p", "class", "item-meta", NULL);
            html_textf(&h, "%s – %s %s", x->forum_name, x->day, x->meeting_title);
            if (*x->outcome) {
                int o = item_outcome_parse(x->outcome);
                if (o > 0)
                    html_textf(&h, " – %s", T_(r, item_outcome_labels[o]));
            }
            html_close(&h, "p");
            if (*x->snippet) {
                html_open(&h, "p", "class", "snippet", NULL);
                if (x->attachment && *x->attachment) {
                    html_open(&h, "span", "class", "snippet-source", NULL);
                    html_textf(&h, T_(r, "Attachment: %s"), x->attachment);
                    html_close(&h, "span");
                    html_lit(&h, " ");
                }
                marked(&h, r->arena, x->snippet);
                html_close(&h, "p");
            }
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ol>");
    }
    if (s.page > 1 || res.more) {
        html_open(&h, "nav", "aria-label", T_(r, "Result pages"), NULL);
        if (s.page > 1) {
            html_open(&h, "a", "href", page_href(r, s.page - 1), "rel", "prev", NULL);
            html_text(&h, T_(r, "Previous page"));
            html_close(&h, "a");
            html_lit(&h, " ");
        }
        if (res.more) {
            html_open(&h, "a", "href", page_href(r, s.page + 1), "rel", "next", NULL);
            html_text(&h, T_(r, "Next page"));
            html_close(&h, "a");
        }
        html_close(&h, "nav");
    }
    html_close(&h, "section");
    return page_end(r, &h);
}

/* text with the markers as escaped HTML with <mark>, in the arena. */
static const char *marked_html(struct arena *a, const char *text)
{
    struct buf b;
    struct html h;
    const char *out;

    buf_init(&b, 0);
    html_init(&h, &b);
    marked(&h, a, text);
    out = html_status(&h) ? NULL : arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static json_t *hit_json(struct request *r, const struct search_hit *x)
{
    json_t *rooms = json_array();

    for (unsigned bit = 1; rooms && bit <= ROOM_DECIDING; bit <<= 1)
        if (x->rooms & bit)
            json_array_append_new(rooms, json_string(room_name(bit)));
    return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:i,s:s?,s:s?,s:s?,s:s?,s:o*,s:s,s:s,s:s}",
                     "item_id", (json_int_t)x->item_id, "meeting_id",
                     (json_int_t)x->meeting_id, "forum_id", (json_int_t)x->forum_id, "forum",
                     x->forum_name, "meeting", x->meeting_title, "day", x->day, "number",
                     x->number, "title", plain(r->arena, x->title), "snippet",
                     plain(r->arena, x->snippet), "title_html",
                     marked_html(r->arena, x->title), "snippet_html",
                     marked_html(r->arena, x->snippet), "rooms", rooms, "outcome", x->outcome,
                     "url", hit_href(r, x), "attachment", x->attachment ? x->attachment : "");
}

int api_search(struct request *r)
{
    struct search_request s;
    struct search_result res;
    json_t *list, *body;
    int rc, bad = 0;

    if ((rc = read_request(r, &s)))
        return rc;
    if ((rc = app_search(r->store, r->arena, &r->who, &s, &res, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < res.n; i++) {
        json_t *x = hit_json(r, &res.hits[i]);
        if (!x || json_array_append_new(list, x))
            bad = 1;
    }
    body = list ? json_pack("{s:s,s:i,s:b,s:o}", "query", s.q ? s.q : "", "page", s.page,
                            "more", res.more, "results", list)
                : NULL;
    if (!body || bad) {
        json_decref(body);
        return req_fail(r, KL_ENOMEM, "out of memory");
    }
    return res_json(r, body);
}
