/* errors.c - error pages and JSON error objects (see errors.h). */
#include "web/errors.h"
#include "web/layout.h"
#include "web/request.h"
#include "core/arena.h"
#include "model/fields.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *title_of(struct request *r, int status)
{
    switch (status) {
    case 400: return T_(r, "Bad request");
    case 401: return T_(r, "Sign-in needed");
    case 403: return T_(r, "Access denied");
    case 404: return T_(r, "Page not found");
    case 405: return T_(r, "Method not allowed");
    case 409: return T_(r, "Conflict");
    case 413: return T_(r, "Request too large");
    case 503: return T_(r, "Service unavailable");
    default: return T_(r, "Something went wrong");
    }
}

static void json_error(struct request *r, int status, const char *message)
{
    json_t *o = json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", message);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;

    buf_reset(&r->res.body);
    if (text) {
        buf_puts(&r->res.body, text);
        buf_putc(&r->res.body, '\n');
    }
    free(text);
    json_decref(o);
    r->res.content_type = "application/json; charset=utf-8";
}

void web_error(struct request *r, int status, const char *message)
{
    struct html h;

    r->res.status = status;
    r->res.cache = "no-store";
    if (!message || !*message)
        message = title_of(r, status);
    if (req_is_api(r)) {
        json_error(r, status, message);
        return;
    }
    buf_reset(&r->res.body);
    r->res.content_type = "text/html; charset=utf-8";
    page_begin(r, &h, title_of(r, status), NAV_NONE);
    html_open(&h, "p", "class", "error-message", NULL);
    html_text(&h, message);
    html_close(&h, "p");
    html_lit(&h, "<p>");
    html_open(&h, "a", "href", "/", NULL);
    html_text(&h, T_(r, "Go to the front page"));
    html_close(&h, "a");
    html_lit(&h, "</p>");
    if (page_end(r, &h)) {
        buf_reset(&r->res.body);
        buf_puts(&r->res.body, "error\n");
        r->res.content_type = "text/plain; charset=utf-8";
    }
}

void web_error_fields(struct request *r, const struct field_errors *fe)
{
    json_t *fields = json_object(), *o;
    char *text;

    for (size_t i = 0; fields && i < fe->n; i++)
        json_object_set_new(fields, fe->field[i], json_string(T_(r, fe->msg[i])));
    o = json_pack("{s:{s:i,s:s,s:o}}", "error", "status", 400, "message",
                  T_(r, "Some fields are not valid."), "fields", fields);
    text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    buf_reset(&r->res.body);
    r->res.status = 400;
    r->res.content_type = "application/json; charset=utf-8";
    if (text) {
        buf_puts(&r->res.body, text);
        buf_putc(&r->res.body, '\n');
    }
    free(text);
    json_decref(o);
}

void web_redirect_to_login(struct request *r)
{
    char *enc = NULL;
    const char *next = r->path;
    struct buf b;

    buf_init(&b, 4096);
    buf_puts(&b, "/login?next=");
    for (const unsigned char *p = (const unsigned char *)next; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    enc = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    if (!enc || res_redirect(r, enc))
        web_error(r, 500, NULL);
}
