/* pdf_doc.h - what every PDF document of klynge shares (the agenda and minutes of
 * pdf_meeting.h, the data package of pdf_datapakke.h): fonts through fontconfig with a
 * private cache directory, the process-wide render lock, pango contexts with unhinted
 * metrics, text escaped for pango markup, and cairo stream writers into a buffer.
 *
 * Fonts: fontconfig gets a private, writable cache directory (/tmp/klynge-fontconfig-UID,
 * 0700, or a fresh mkdtemp directory when that one is not ours) in a configuration of our
 * own (the system's fonts.conf plus that directory), made the process's current one once
 * (pthread_once) before the first pango call, so a server without a home directory works.
 * Renders are serialised by pdf_doc_lock (pango's font map is shared). */
#ifndef KL_RENDER_PDF_DOC_H
#define KL_RENDER_PDF_DOC_H

#include <cairo.h>
#include <pango/pango.h>
#include <stddef.h>

struct buf;
struct kl_error;

/* A4 in points. */
#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89

/* The font families asked for, in order. */
#define PDF_FAMILY "DejaVu Sans,Liberation Sans,Noto Sans"

/* Makes sure the fonts can be used: sets up fontconfig's private cache directory and the
 * shared pango font map once per process. 0, or KL_EIO with err saying what is missing
 * (no font found). Safe from any thread. */
int pdf_fonts_ready(struct kl_error *err);

/* Takes and releases the process-wide lock under which documents are rendered. */
void pdf_doc_lock(void);
void pdf_doc_unlock(void);

/* A new pango context on the shared font map for drawing into cr, with unhinted metrics
 * (the same layout on every surface); g_object_unref it. Only after pdf_fonts_ready, under
 * the lock. NULL when out of memory. */
PangoContext *pdf_doc_context(cairo_t *cr);

/* Appends the n bytes at s to b as pango markup text: &<>"' escaped, control characters
 * dropped (tab and newline kept), invalid UTF-8 as U+FFFD. 0, or the buffer's error. */
int pdf_markup_text(struct buf *b, const char *s, size_t n);

/* pdf_markup_text of a whole string; NULL appends nothing. */
int pdf_markup_str(struct buf *b, const char *s);

/* cairo write functions: pdf_stream_buf appends to the struct buf given as closure (a write
 * error when it is full), pdf_stream_discard drops everything (a measuring pass). */
cairo_status_t pdf_stream_buf(void *closure, const unsigned char *data, unsigned int len);
cairo_status_t pdf_stream_discard(void *closure, const unsigned char *data, unsigned int len);

#endif
