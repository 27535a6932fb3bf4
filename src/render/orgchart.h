/* orgchart.h - draws a health cluster's organisation chart (its fora, one row per level,
 * with reporting lines) as an inline SVG element for an HTML page.
 *
 * Pure: no database, no I/O; the caller passes the fora and gets SVG text. The output is
 * safe to paste into a page served under a strict Content-Security-Policy
 * ("default-src 'self'"): no XML prolog, no scripts, no <style> element or style
 * attributes, no event handlers, no external references; styling is done with presentation
 * attributes only. Every element carries a class ("orgchart", "orgchart-box", ...) so that
 * the site's own stylesheet may add, for example, a focus ring to the linked boxes. */
#ifndef KL_ORGCHART_H
#define KL_ORGCHART_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct kl_error;

/* The rows of the chart, top to bottom: the level of the forum's kind. The renderer only
 * uses the number as the row (and for the box colour); levels with no forum get no row. */
enum orgchart_level {
    ORGCHART_POLITICAL = 0,   /* politisk niveau, sundhedskoordinationsudvalg */
    ORGCHART_DIRECTOR = 1,    /* direktørforum */
    ORGCHART_CHIEF = 2,       /* chefforum */
    ORGCHART_STEERING = 3,    /* sundhedsstyregruppe, klyngestyregruppe */
    ORGCHART_OPERATIONS = 4,  /* driftsforum */
    ORGCHART_FOCUS = 5,       /* fokusgruppe */
    ORGCHART_STANDING = 6,    /* stående gruppe */
    ORGCHART_AD_HOC = 7,      /* ad hoc-gruppe (drawn with a dashed border) */
    ORGCHART_SECRETARIAT = 8, /* sekretariat */
};

#define ORGCHART_LEVEL_MAX 8
#define ORGCHART_MAX_NODES 200

/* One forum. The strings are borrowed for the duration of the call only. */
struct orgchart_node {
    int64_t id;         /* unique among the nodes, not 0 */
    const char *name;   /* UTF-8, not NULL; wrapped to two lines, then cut with "…" */
    int level;          /* 0..ORGCHART_LEVEL_MAX, see enum orgchart_level */
    int64_t reports_to; /* id of the parent node, or 0; an id not among the nodes, or the
                           node's own id, draws no line */
    const char *href;   /* NULL, or a local path such as "/fora/12": the box becomes a link.
                           Only a path that starts with one "/" and holds printable ASCII
                           without "\" is used (percent-encode anything else); any other
                           value (http:, //host, javascript:, ...) is ignored */
    const char *note;   /* NULL, or a short second line such as "ad hoc · til 31-12-2026";
                           one line, cut with "…" */
};

/* Appends to out an <svg> element that draws the n nodes: one row per level that has a
 * node, each box under its parent (children ordered by level, then by name in Danish
 * order), and a line from the bottom of each parent box to the top of each child box.
 * A parent in the same row or below its child (which a cycle in reports_to makes) gets a
 * dashed line routed around the right-hand side. Cycles are harmless.
 *
 * The element has role="img" with aria-labelledby naming a <title> with title and
 * aria-describedby naming a <desc> with desc. When any box is a link the role is "group"
 * instead, since role="img" would hide the links from assistive technology (its children
 * are presentational). Element ids are derived from a hash of the input, so two different
 * charts on one page do not clash. The element has viewBox, width and height in pixels.
 *
 * Text (names, notes, title, desc, hrefs) is XML-escaped; invalid UTF-8 becomes U+FFFD
 * and control characters become spaces, so the output is always well-formed XML.
 *
 * title: not NULL or empty. desc: NULL leaves the <desc> out. out: owned by the caller,
 * appended to. err: may be NULL.
 * Returns 0; KL_EINVAL for n > ORGCHART_MAX_NODES, nodes NULL with n > 0, a level outside
 * 0..ORGCHART_LEVEL_MAX, an id of 0, a duplicate id, a NULL name or a missing title (the
 * message names the node by index and id); KL_ENOMEM or KL_ELIMIT from the buffer. On
 * failure out is restored to what it held before the call. */
int orgchart_svg(const struct orgchart_node *nodes, size_t n, const char *title,
                 const char *desc, struct buf *out, struct kl_error *err);

#endif
