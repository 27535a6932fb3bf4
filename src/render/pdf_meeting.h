/* pdf_meeting.h - a meeting's agenda (dagsorden) or minutes (referat) as an A4 PDF, drawn
 * with cairo and pango in fonts from Debian (DejaVu Sans, else Liberation Sans or Noto Sans).
 *
 * The document: a front page (forum, "Dagsorden"/"Referat", meeting title, date and time in
 * Copenhagen, place, chair) with the table of contents (page numbers, each line a link to
 * its section), the participants grouped by organisation with absences (afbud), guests and
 * secretariat, then every item on a page of its own with its four-rooms marks and the
 * headings Indstilling, Sagsfremstilling (Markdown: paragraphs, lists, bold, italic, code),
 * Bilag and, in minutes, Beslutning. Every page but the first has a header (forum, kind,
 * date); every page a footer "Side X af Y". The PDF has an outline (bookmarks) with one
 * entry per section. Two passes: the first lays out and counts pages, the second writes
 * with the page numbers known.
 *
 * Input is a plain struct; this module decides nothing about who may see what: leave out
 * closed items (or set `public_version` so they are skipped) before calling.
 *
 * Fonts, the render lock and markup escaping are shared with the other documents
 * (render/pdf_doc.h). */
#ifndef KL_RENDER_PDF_MEETING_H
#define KL_RENDER_PDF_MEETING_H

#include "core/i18n.h"
#include "model/meeting.h"
#include "render/pdf_doc.h"

#include <stddef.h>
#include <stdint.h>

struct buf;
struct kl_error;

enum pdf_kind {
    PDF_AGENDA = 0,  /* dagsorden: no decisions */
    PDF_MINUTES,     /* referat: decisions and outcomes */
};

struct pdf_person {
    const char *name;
    const char *detail;   /* shown after the name: a role, "for X", a note; "" or NULL */
};

struct pdf_group {
    const char *organisation;   /* "" or NULL: no organisation */
    const struct pdf_person *people;
    size_t n;
};

struct pdf_item {
    int number;
    const char *title;
    unsigned rooms;               /* ROOM_... bits of model/meeting.h */
    const char *recommendation;   /* lines separated by '\n'; "" or NULL: none */
    const char *case_text;        /* Markdown; "" or NULL: none */
    const char *presenter;        /* "" or NULL: none */
    int written_orientation;      /* skriftlig orientering */
    const char *const *attachments; /* names */
    size_t nattachments;
    const char *decision;         /* Markdown (minutes only); "" or NULL: none */
    enum item_outcome outcome;
    int closed;                   /* lukket punkt */
};

struct pdf_meeting {
    enum pdf_kind kind;
    enum i18n_language lang;
    int public_version;           /* leave out closed items and say so on the front page */
    int draft;                    /* mark every page "Udkast" (not published yet) */
    const char *forum;
    const char *title;            /* the meeting's own title; "" or NULL */
    int64_t starts_at, ends_at;   /* UTC instants; shown in Copenhagen time */
    const char *place;
    const char *chair;
    const struct pdf_group *present;  /* deltagere, by organisation */
    size_t npresent;
    const struct pdf_group *absent;   /* afbud, by organisation */
    size_t nabsent;
    const struct pdf_person *guests;
    size_t nguests;
    const struct pdf_person *secretariat;
    size_t nsecretariat;
    int show_participants;        /* 0: no participants section (not visible to the reader) */
    const struct pdf_item *items;
    size_t nitems;
};

/* Appends the PDF of m to out and sets *pages (may be NULL) to its page count. Text is
 * taken as UTF-8 (invalid bytes shown as U+FFFD); Markdown longer than 256 KiB is cut.
 * 0, KL_ENOMEM/KL_ELIMIT (out's cap), or KL_EIO when cairo fails; out may then hold part of
 * a document. */
int pdf_meeting_render(const struct pdf_meeting *m, struct buf *out, int *pages,
                       struct kl_error *err);

#endif
