/* pages_audit.c - the audit log as a page and as JSON: newest first, filtered by day and
 * entity, 50 rows a page with a link to older rows. What a principal sees is scoped by the
 * app layer (administrators everything, secretaries their forums). */
#include "web/format.h"
#include "web/handlers.h"
#include "web/json_out.h"
#include "web/layout.h"
#include "web/request.h"
#include "app/audit.h"
#include "core/arena.h"
#include "core/date.h"
#include "store/audit.h"

#include <string.h>

#define AUDIT_PAGE_ROWS 50

/* Reads ?since=YYYY-MM-DD, ?entity=NAME and ?before=ID into f. */
static int read_filter(struct request *r, struct audit_filter *f)
{
    const char *since = req_query(r, "since"), *entity = req_query(r, "entity");
    long before = 0;
    int32_t day;
    int rc;

    memset(f, 0, sizeof(*f));
    f->limit = AUDIT_PAGE_ROWS;
    if (since && *since) {
        if (date_parse_iso(since, strlen(since), &day, &r->err))
            return req_fail(r, KL_EINVAL, "%s (since): %s", T_(r, "Not a date"), r->err.msg);
        f->since = since;
    }
    if (entity && *entity) {
        if (strlen(entity) > 64)
            return req_fail(r, KL_EINVAL, "%s", T_(r, "The entity name is too long."));
        f->entity = entity;
    }
    if ((rc = req_query_int(r, "before", 1, 2147483647L, &before)))
        return rc;
    f->before_id = before;
    return 0;
}

static void filter_form(struct request *r, struct html *h, const struct audit_filter *f)
{
    html_open(h, "form", "method", "get", "action", "/audit", "class", "filters", NULL);
    html_lit(h, "<label>");
    html_text(h, T_(r, "Since (date)"));
    html_open(h, "input", "type", "date", "name", "since", "value", f->since ? f->since : "",
              NULL);
    html_lit(h, "</label> <label>");
    html_text(h, T_(r, "Entity"));
    html_open(h, "input", "type", "text", "name", "entity", "value", f->entity ? f->entity : "",
              NULL);
    html_lit(h, "</label> ");
    html_open(h, "button", "type", "submit", NULL);
    html_text(h, T_(r, "Show"));
    html_close(h, "button");
    html_close(h, "form");
}

int page_audit(struct request *r)
{
    static const char *const cols[] = {N_("Time"), N_("Who"), N_("Entity"), N_("Action"),
                                       N_("Before"), N_("After")};
    struct audit_filter f;
    struct audit_entry *e;
    struct html h;
    size_t n;
    int rc;

    if ((rc = read_filter(r, &f)) ||
        (rc = app_audit_list(r->store, r->arena, &r->who, &f, &e, &n, &r->err)))
        return rc;
    page_begin(r, &h, T_(r, "Audit log"), NAV_AUDIT);
    html_elem(&h, "p", r->who.is_admin
                           ? T_(r, "Every change to shared data, newest first.")
                           : T_(r, "Every change in the forums where you are secretary, newest "
                                   "first."));
    filter_form(r, &h, &f);
    if (!n) {
        html_elem(&h, "p", T_(r, "No entries match."));
        return page_end(r, &h);
    }
    html_lit(&h, "<table class=\"audit\"><caption>");
    html_text(&h, T_(r, "Entries"));
    html_lit(&h, "</caption><thead><tr>");
    for (size_t i = 0; i < 6; i++) {
        html_open(&h, "th", "scope", "col", NULL);
        html_text(&h, T_(r, cols[i]));
        html_close(&h, "th");
    }
    html_lit(&h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr>");
        html_elem(&h, "td", fmt_stamp(r, e[i].at));
        html_elem(&h, "td", e[i].actor);
        html_open(&h, "td", NULL);
        html_textf(&h, "%s %s", e[i].entity, e[i].entity_id);
        html_close(&h, "td");
        html_elem(&h, "td", e[i].action);
        html_lit(&h, "<td><code>");
        html_text(&h, e[i].before_json ? e[i].before_json : "–");
        html_lit(&h, "</code></td><td><code>");
        html_text(&h, e[i].after_json ? e[i].after_json : "–");
        html_lit(&h, "</code></td></tr>");
    }
    html_lit(&h, "</tbody></table>\n");
    if (n == AUDIT_PAGE_ROWS) {
        html_lit(&h, "<p>");
        html_open(&h, "a", "href",
                  arena_printf(r->arena, "/audit?before=%lld%s%s%s%s", (long long)e[n - 1].id,
                               f.since ? "&since=" : "", f.since ? f.since : "",
                               f.entity ? "&entity=" : "", f.entity ? f.entity : ""),
                  NULL);
        html_text(&h, T_(r, "Older entries"));
        html_close(&h, "a");
        html_lit(&h, "</p>");
    }
    return page_end(r, &h);
}

static json_t *entry_json(const struct audit_entry *e)
{
    json_t *before = e->before_json ? json_loads(e->before_json, 0, NULL) : json_null();
    json_t *after = e->after_json ? json_loads(e->after_json, 0, NULL) : json_null();

    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:o*,s:o*}", "id", (json_int_t)e->id, "at",
                     e->at, "actor", e->actor, "entity", e->entity, "entity_id", e->entity_id,
                     "action", e->action, "forum_id", (json_int_t)e->forum_id, "before", before,
                     "after", after);
}

int api_audit(struct request *r)
{
    struct audit_filter f;
    struct audit_entry *e;
    json_t *list;
    size_t n;
    int rc, bad = 0;

    if ((rc = read_filter(r, &f)) ||
        (rc = app_audit_list(r->store, r->arena, &r->who, &f, &e, &n, &r->err)))
        return rc;
    list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        json_t *item = entry_json(&e[i]);
        bad |= item ? json_array_append_new(list, item) : -1;
    }
    if (bad) {
        json_decref(list);
        list = NULL;
    }
    return res_json(r, json_pack("{s:o}", "entries", list));
}
