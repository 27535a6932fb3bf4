/* meeting_bilag.h - the attachments of an agenda gathered for "dagsorden med bilag" (the
 * agenda followed by its PDF attachments), inside the app layer: app_meeting_pdf
 * (meeting_pdf.c) uses it. Only the attachments of the items the agenda reader gave the
 * principal are read, each again through app_attachment_get, so the public version never
 * holds a closed item's attachment. */
#ifndef KL_APP_MEETING_BILAG_H
#define KL_APP_MEETING_BILAG_H

#include "core/buf.h"
#include "core/i18n.h"

#include <stddef.h>

struct agenda;
struct arena;
struct kl_error;
struct principal;
struct store;

/* The most bytes of rewritten attachments one document takes (the whole must stay under
 * a response's 64 MiB); the rest are listed only. */
#define BILAG_MAX_BYTES ((size_t)48 << 20)

enum bilag_state {
    BILAG_MERGED = 0,   /* a PDF whose pages follow the agenda */
    BILAG_NOT_PDF,      /* Word, Excel, an image...: listed, not merged */
    BILAG_BROKEN,       /* a PDF that cannot be read: listed with a note, not merged */
    BILAG_TOO_LARGE,    /* over BILAG_MAX_BYTES together with the ones before */
};

struct bilag_file {
    size_t item;            /* index in the agenda's items */
    size_t index;           /* index in that item's attachments */
    const char *name;       /* title, else file name */
    enum bilag_state state;
    struct buf pdf;         /* BILAG_MERGED: the rewritten PDF */
    int pages;
};

struct bilag_set {
    struct bilag_file *files;   /* in agenda order */
    size_t n;
};

/* Reads and checks every attachment of ag's items (as who may see them) into set (files in
 * arena a, PDFs in malloc'd buffers: bilag_free). A PDF that cannot be read is
 * BILAG_BROKEN, never an error. KL_ENOMEM, or the store's and app_attachment_get's errors. */
int bilag_collect(struct store *st, struct arena *a, const struct principal *who,
                  const struct agenda *ag, struct bilag_set *set, struct kl_error *err);

/* The attachment names to show under item i of ag's items in the combined document: each
 * with where it starts ("(side 7)"), given the agenda's page count, or why it is not
 * included. NULL when out of memory. */
const char **bilag_names(struct arena *a, enum i18n_language lang, const struct agenda *ag,
                         const struct bilag_set *set, size_t item, int agenda_pages);

/* Appends to out the agenda PDF (n bytes at agenda) followed by every BILAG_MERGED file,
 * with an outline entry "Bilag" and one child per file. Errors of pdf_merge. */
int bilag_merge(const struct bilag_set *set, enum i18n_language lang, const struct agenda *ag,
                const unsigned char *agenda, size_t n, struct buf *out, struct kl_error *err);

/* Frees the PDFs of set. */
void bilag_free(struct bilag_set *set);

#endif
