/* html.h - the escape-by-default HTML writer: the only way klynge writes HTML.
 *
 * Text and attribute values always go through escaping; markup can only come from string
 * literals (html_lit accepts nothing else, enforced by the macro) and from tag and attribute
 * names that are checked to be plain lower-case identifiers. URLs in href, src and action
 * attributes are checked too: anything that is not a relative path, a fragment, or an
 * http(s)/mailto URL is replaced by "#", so a stored "javascript:" link cannot run.
 *
 * Errors are sticky: the first failure (out of memory, the output cap, a bad tag name) is
 * remembered, later calls do nothing, and html_status reports it. */
#ifndef KL_HTML_H
#define KL_HTML_H

#include <stddef.h>

struct buf;

struct html {
    struct buf *out;
    int status; /* 0 or the first KL_E... code */
};

/* Starts writing into out (owned by the caller, appended to). */
void html_init(struct html *h, struct buf *out);

/* 0, or the first error met while writing. */
int html_status(const struct html *h);

/* Markup from a string literal only, written as is. */
#define html_lit(h, s) html_lit_((h), "" s "")
void html_lit_(struct html *h, const char *literal);

/* Text content: & < > " ' are escaped. NULL writes nothing. */
void html_text(struct html *h, const char *s);

/* printf into text content, escaped after formatting. */
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens an element: html_open(h, "a", "href", url, "class", "x", NULL). Arguments after the
 * tag are name/value pairs ending with NULL; a NULL value leaves the attribute out, an
 * empty value "" writes a boolean attribute (name only). Values are escaped. Void elements
 * (meta, link, input, br) are written with html_open alone. */
void html_open(struct html *h, const char *tag, ...) __attribute__((sentinel));

/* Closes an element: </tag>. */
void html_close(struct html *h, const char *tag);

/* An element with escaped text content and no attributes: <tag>text</tag>. */
void html_elem(struct html *h, const char *tag, const char *text);

/* Appends n bytes of markup made by another render/ module that escapes its own text
 * (orgchart.c's SVG). Never pass text from outside input through this. */
void html_rendered(struct html *h, const char *markup, size_t n);

/* True when url may be written into an href/src/action attribute as it is. */
int html_url_safe(const char *url);

#endif
