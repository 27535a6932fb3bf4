/* meeting_pdf.c - the agenda and minutes of a meeting as PDF (see meeting_pdf.h): the app
 * readers decide what the principal sees; this file maps their structs onto the renderer's
 * plain input and words the participants' roles in the document's language. */
#include "app/meeting_pdf.h"

#include "app/meeting_agenda.h"
#include "app/meeting_bilag.h"
#include "app/meeting_minutes.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/error.h"
#include "model/meeting.h"
#include "model/people.h"
#include "render/pdf_meeting.h"

#include <string.h>

/* What follows a participant's name: their role, whom they stand in for, who stands in for
 * them, or a guest's note and item. */
static const char *detail(struct arena *a, enum i18n_language lang, const struct participant *p)
{
    const char *role = "";

    if (p->kind == ATTEND_SUBSTITUTE)
        return arena_printf(a, i18n_get(lang, N_("substitute for %s")),
                            p->substitute_for_name ? p->substitute_for_name : "");
    if (p->kind == ATTEND_GUEST) {
        const char *note = p->note ? p->note : "";
        if (!p->item_id)
            return note;
        return arena_printf(a, "%s%s%s", note, *note ? ", " : "",
                            arena_printf(a, i18n_get(lang, N_("item %d")), p->item_number));
    }
    if (p->kind == ATTEND_SECRETARY)
        return p->organisation_name ? p->organisation_name : "";
    if (p->role == MEMBER_CHAIR)
        role = i18n_get(lang, N_("chair"));
    else if (p->role == MEMBER_CO_CHAIR)
        role = i18n_get(lang, N_("co-chair"));
    if (p->status == ATTEND_ABSENT && p->substitute_id && p->substitute_name)
        return arena_printf(a, "%s%s%s %s", role, *role ? ", " : "",
                            i18n_get(lang, N_("substitute:")), p->substitute_name);
    return role;
}

static struct pdf_person *people(struct arena *a, enum i18n_language lang,
                                 const struct participant *p, size_t n)
{
    struct pdf_person *out = arena_calloc(a, n ? n : 1, sizeof *out);
    size_t i;

    for (i = 0; out && i < n; i++) {
        out[i].name = p[i].name;
        out[i].detail = detail(a, lang, &p[i]);
        if (!out[i].detail)
            return NULL;
    }
    return out;
}

static struct pdf_group *groups(struct arena *a, enum i18n_language lang,
                                const struct participant_group *g, size_t n)
{
    struct pdf_group *out = arena_calloc(a, n ? n : 1, sizeof *out);
    size_t i;

    for (i = 0; out && i < n; i++) {
        out[i].organisation = g[i].organisation_name;
        out[i].n = g[i].n;
        out[i].people = people(a, lang, g[i].people, g[i].n);
        if (!out[i].people)
            return NULL;
    }
    return out;
}

/* The renderer's items from ag's; with set (may be NULL), the attachments are named as in
 * the agenda with attachments, whose agenda part has agenda_pages pages. */
static int items(struct arena *a, const struct agenda *ag, struct pdf_meeting *m,
                 enum i18n_language lang, const struct bilag_set *set, int agenda_pages)
{
    struct pdf_item *out = arena_calloc(a, ag->nitems ? ag->nitems : 1, sizeof *out);
    size_t i, j;

    if (!out)
        return KL_ENOMEM;
    for (i = 0; i < ag->nitems; i++) {
        const struct agenda_entry *e = &ag->items[i];
        const char **names = set ? bilag_names(a, lang, ag, set, i, agenda_pages)
                                 : arena_calloc(a, e->nattachments ? e->nattachments : 1,
                                                sizeof *names);
        if (!names)
            return KL_ENOMEM;
        for (j = 0; !set && j < e->nattachments; j++)
            names[j] = e->attachments[j].title && *e->attachments[j].title
                           ? e->attachments[j].title
                           : e->attachments[j].filename;
        out[i].number = e->item.number;
        out[i].title = e->item.title;
        out[i].rooms = e->item.rooms;
        out[i].recommendation = e->item.recommendation;
        out[i].case_text = e->item.case_text;
        out[i].presenter = e->item.presenter;
        out[i].written_orientation = e->item.written_orientation;
        out[i].attachments = names;
        out[i].nattachments = e->nattachments;
        out[i].decision = e->minutes_visible ? e->item.decision : "";
        out[i].outcome = e->minutes_visible ? e->item.outcome : OUTCOME_NONE;
        out[i].closed = e->item.closed;
    }
    m->items = out;
    m->nitems = ag->nitems;
    return 0;
}

/* Renders m with the attachments of set named on it and merges them after it: the agenda
 * is drawn again until the page numbers it names hold (its own length may change as the
 * names grow). */
static int render_with_attachments(struct store *st, struct arena *a,
                                   const struct principal *who, const struct agenda *ag,
                                   struct pdf_meeting *m, struct buf *out, struct kl_error *err)
{
    struct bilag_set set;
    struct buf agenda;
    int rc, pages = 0, guess = 0, round;

    buf_init(&agenda, 0);
    rc = bilag_collect(st, a, who, ag, &set, err);
    for (round = 0; rc == 0 && round < 4; round++) {
        buf_reset(&agenda);
        if (items(a, ag, m, m->lang, &set, guess))
            rc = kl_error_set(err, KL_ENOMEM, "out of memory");
        else
            rc = pdf_meeting_render(m, &agenda, &pages, err);
        if (rc || pages == guess)
            break;
        guess = pages;
    }
    if (rc == 0)
        rc = bilag_merge(&set, m->lang, ag, (const unsigned char *)agenda.data, agenda.len, out,
                         err);
    bilag_free(&set);
    buf_free(&agenda);
    return rc;
}

int app_meeting_pdf(struct store *st, struct arena *a, const struct principal *who,
                    int64_t meeting_id, enum meeting_pdf_kind kind, enum i18n_language lang,
                    struct buf *out, const char **filename, struct kl_error *err)
{
    struct agenda ag;
    struct attendance_report att;
    struct pdf_meeting m;
    enum meeting_status s;
    char day[11];
    int rc;

    if ((rc = app_agenda_get(st, a, who, meeting_id, &ag, err)))
        return rc;
    s = ag.meeting.status;
    if (kind != MEETING_PDF_MINUTES && (!ag.agenda_visible || s == MEETING_CANCELLED))
        return kl_error_set(err, KL_ENOTFOUND, "meeting %lld has no published agenda",
                            (long long)meeting_id);
    if (kind == MEETING_PDF_MINUTES &&
        (!ag.minutes_visible || (s != MEETING_MINUTES_DRAFT && s != MEETING_MINUTES_PUBLISHED)))
        return kl_error_set(err, KL_ENOTFOUND, "meeting %lld has no published minutes",
                            (long long)meeting_id);
    memset(&m, 0, sizeof m);
    m.kind = kind == MEETING_PDF_MINUTES ? PDF_MINUTES : PDF_AGENDA;
    m.lang = lang;
    m.public_version = !ag.internal;
    m.draft = kind == MEETING_PDF_MINUTES ? s != MEETING_MINUTES_PUBLISHED
                                          : !meeting_agenda_public(s);
    m.forum = ag.meeting.forum_name;
    m.title = ag.meeting.title;
    m.starts_at = ag.meeting.starts_at;
    m.ends_at = ag.meeting.ends_at;
    m.place = ag.meeting.place;
    m.chair = ag.meeting.chair_name;
    rc = app_attendance_get(st, a, who, meeting_id, &att, err);
    if (rc == 0) {
        m.show_participants = 1;
        m.present = groups(a, lang, att.present, att.npresent);
        m.npresent = att.npresent;
        m.absent = groups(a, lang, att.absent, att.nabsent);
        m.nabsent = att.nabsent;
        m.guests = people(a, lang, att.guests, att.nguests);
        m.nguests = att.nguests;
        m.secretariat = people(a, lang, att.secretariat, att.nsecretariat);
        m.nsecretariat = att.nsecretariat;
        if (!m.present || !m.absent || !m.guests || !m.secretariat)
            return kl_error_set(err, KL_ENOMEM, "out of memory");
    } else if (rc == KL_EPERM || rc == KL_ENOTFOUND) {
        kl_error_clear(err); /* the participants are not for this reader yet */
    } else {
        return rc;
    }
    if (kind == MEETING_PDF_AGENDA_ATTACHMENTS) {
        if ((rc = render_with_attachments(st, a, who, &ag, &m, out, err)))
            return rc;
    } else {
        if (items(a, &ag, &m, lang, NULL, 0))
            return kl_error_set(err, KL_ENOMEM, "out of memory");
        if ((rc = pdf_meeting_render(&m, out, NULL, err)))
            return rc;
    }
    date_format_iso(meeting_cph_day(ag.meeting.starts_at), day);
    *filename = arena_printf(a, "%s-%s-%lld.pdf",
                             kind == MEETING_PDF_MINUTES ? i18n_get(lang, N_("minutes"))
                             : kind == MEETING_PDF_AGENDA_ATTACHMENTS
                                 ? i18n_get(lang, N_("agenda-with-attachments"))
                                 : i18n_get(lang, N_("agenda")),
                             day, (long long)meeting_id);
    if (!*filename)
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    return 0;
}
