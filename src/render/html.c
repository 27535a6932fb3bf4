/* html.c - the escape-by-default HTML writer (see html.h). */
#include "render/html.h"
#include "core/buf.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void html_init(struct html *h, struct buf *out)
{
    h->out = out;
    h->status = 0;
}

int html_status(const struct html *h)
{
    return h->status;
}

static void put(struct html *h, const char *s, size_t n)
{
    int rc;

    if (h->status || n == 0)
        return;
    rc = buf_append(h->out, s, n);
    if (rc)
        h->status = rc;
}

void html_rendered(struct html *h, const char *markup, size_t n)
{
    put(h, markup, n);
}

void html_lit_(struct html *h, const char *literal)
{
    put(h, literal, strlen(literal));
}

/* Writes s escaped; the same escaping serves text and double-quoted attribute values. */
static void escape(struct html *h, const char *s)
{
    const char *run = s;

    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        put(h, run, (size_t)(s - run));
        put(h, rep, strlen(rep));
        run = s + 1;
    }
    put(h, run, (size_t)(s - run));
}

void html_text(struct html *h, const char *s)
{
    if (s)
        escape(h, s);
}

void html_textf(struct html *h, const char *fmt, ...)
{
    char small[512];
    struct buf tmp;
    va_list ap;
    int n;

    if (h->status)
        return;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        h->status = KL_EINVAL;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        escape(h, small);
        return;
    }
    buf_init(&tmp, 0);
    va_start(ap, fmt);
    if (buf_vprintf(&tmp, fmt, ap))
        h->status = KL_ENOMEM;
    va_end(ap);
    if (!h->status)
        escape(h, buf_cstr(&tmp));
    buf_free(&tmp);
}

/* Tag and attribute names: 1-32 characters of a-z, 0-9 and '-', starting with a letter. */
static int name_ok(const char *s)
{
    size_t n = 0;

    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++, n++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return n <= 32;
}

int html_url_safe(const char *url)
{
    size_t scheme;

    if (!url)
        return 0;
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
    /* A scheme is letters up to the first ':' that comes before any '/', '?' or '#'. */
    scheme = strcspn(url, ":/?#");
    if (url[scheme] != ':')
        return 1; /* relative, absolute path, fragment or query */
    return (scheme == 4 && strncasecmp(url, "http", 4) == 0) ||
           (scheme == 5 && strncasecmp(url, "https", 5) == 0) ||
           (scheme == 6 && strncasecmp(url, "mailto", 6) == 0);
}

static int is_url_attr(const char *name)
{
    return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 ||
           strcmp(name, "action") == 0 || strcmp(name, "formaction") == 0;
}

static void attrs(struct html *h, va_list ap)
{
    const char *name, *value;

    while ((name = va_arg(ap, const char *)) != NULL) {
        value = va_arg(ap, const char *);
        if (!name_ok(name) || strncmp(name, "on", 2) == 0) {
            h->status = h->status ? h->status : KL_EINVAL;
            return;
        }
        if (!value)
            continue;
        put(h, " ", 1);
        put(h, name, strlen(name));
        if (!*value)
            continue;
        if (is_url_attr(name) && !html_url_safe(value))
            value = "#";
        put(h, "=\"", 2);
        escape(h, value);
        put(h, "\"", 1);
    }
}

void html_open(struct html *h, const char *tag, ...)
{
    va_list ap;

    if (h->status)
        return;
    if (!name_ok(tag)) {
        h->status = KL_EINVAL;
        return;
    }
    put(h, "<", 1);
    put(h, tag, strlen(tag));
    va_start(ap, tag);
    attrs(h, ap);
    va_end(ap);
    put(h, ">", 1);
}

void html_close(struct html *h, const char *tag)
{
    if (h->status)
        return;
    if (!name_ok(tag)) {
        h->status = KL_EINVAL;
        return;
    }
    put(h, "</", 2);
    put(h, tag, strlen(tag));
    put(h, ">", 1);
}

void html_elem(struct html *h, const char *tag, const char *text)
{
    html_open(h, tag, NULL);
    html_text(h, text);
    html_close(h, tag);
}
