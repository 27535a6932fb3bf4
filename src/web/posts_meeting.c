/* posts_meeting.c - the forms of the meeting page arrive here: status changes, agenda items,
 * decisions, follow-ups, referrals, attachments and attendance. Each reads its form, asks
 * the app layer (which decides the right and checks the values) and goes back to the
 * meeting page, or shows it again with the problems. */
#include "web/form.h"
#include "web/handlers.h"
#include "web/meeting_ui.h"
#include "web/multipart.h"
#include "web/request.h"
#include "web/server.h"
#include "app/meeting.h"
#include "app/meeting_agenda.h"
#include "app/meeting_attachment.h"
#include "app/meeting_followup.h"
#include "app/meeting_minutes.h"
#include "core/arena.h"
#include "core/date.h"
#include "model/fields.h"
#include "model/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t id_field(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    char *end;
    long long id;

    if (!v || !*v)
        return 0;
    id = strtoll(v, &end, 10);
    if (*end || id <= 0) {
        fields_add(fe, name, N_("is not a valid choice"));
        return 0;
    }
    return id;
}

static int32_t date_field(const struct form *f, const char *name, struct field_errors *fe)
{
    const char *v = form_get(f, name);
    int32_t d;

    if (!v || !*v)
        return DATE_OPEN;
    if (date_parse_iso(v, strlen(v), &d, NULL)) {
        fields_add(fe, name, N_("must be a date as YYYY-MM-DD"));
        return DATE_OPEN;
    }
    return d;
}

static const char *text_field(const struct form *f, const char *name)
{
    const char *v = form_get(f, name);
    return v ? v : "";
}

static int back_to(struct request *r, int64_t meeting_id, int64_t item_id)
{
    return res_redirect(r, item_id ? arena_printf(r->arena, "/meetings/%lld#item-%lld",
                                                  (long long)meeting_id, (long long)item_id)
                                   : arena_printf(r->arena, "/meetings/%lld",
                                                  (long long)meeting_id));
}

/* After a use case: back to the page, the page again with the form's problems, or the
 * failure. */
static int outcome(struct request *r, int rc, int64_t meeting_id, int64_t item_id,
                   const struct field_errors *fe, const struct form *sent)
{
    struct meeting_forms forms = {item_id, fe, sent};

    if (rc == 0)
        return back_to(r, meeting_id, item_id);
    if ((rc == KL_EINVAL || rc == KL_ELIMIT) && fe->n) {
        r->res.status = rc == KL_ELIMIT ? 413 : 400;
        kl_error_clear(&r->err);
        return meeting_page(r, meeting_id, &forms);
    }
    return rc;
}

static int param(struct request *r, size_t i, int64_t *out)
{
    long v;
    int rc = req_param_int(r, i, 1, 2147483647L, &v);
    *out = v;
    return rc;
}

/* The meeting an item is on (the item must be visible to the principal). */
static int item_meeting(struct request *r, int64_t item_id, int64_t *meeting_id)
{
    struct agenda_entry e;
    int rc = app_item_get(r->store, r->arena, &r->who, item_id, &e, &r->err);

    *meeting_id = rc ? 0 : e.item.meeting_id;
    return rc;
}

int post_meeting_status(struct request *r)
{
    struct field_errors fe = {0};
    const char *action;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    action = text_field(&f, "action");
    if (strcmp(action, "start_agenda") == 0)
        rc = app_meeting_start_agenda(r->store, &r->who, id, &r->err);
    else if (strcmp(action, "publish_agenda") == 0)
        rc = app_meeting_publish_agenda(r->store, &r->who, id, r->now,
                                        text_field(&f, "late_reason"), &fe, &r->err);
    else if (strcmp(action, "mark_held") == 0)
        rc = app_meeting_mark_held(r->store, &r->who, id, r->now, &r->err);
    else if (strcmp(action, "start_minutes") == 0)
        rc = app_meeting_start_minutes(r->store, &r->who, id, &r->err);
    else if (strcmp(action, "publish_minutes") == 0)
        rc = app_meeting_publish_minutes(r->store, &r->who, id, r->now, &r->err);
    else if (strcmp(action, "cancel") == 0)
        rc = app_meeting_cancel(r->store, &r->who, id, text_field(&f, "reason"), &fe, &r->err);
    else
        return req_fail(r, KL_EINVAL, "%s", T_(r, "Unknown action."));
    return outcome(r, rc, id, 0, &fe, &f);
}

/* Reads an item's content from a form. */
static void read_item(const struct form *f, struct agenda_item *it)
{
    memset(it, 0, sizeof(*it));
    it->title = text_field(f, "title");
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof(name), "room_%d", i);
        if (form_get(f, name))
            it->rooms |= 1u << i;
    }
    it->recommendation = text_field(f, "recommendation");
    it->case_text = text_field(f, "case_text");
    it->presenter = text_field(f, "presenter");
    it->written_orientation = form_get(f, "written_orientation") != NULL;
    it->closed = form_get(f, "closed") != NULL;
    it->decision = "";
    it->proposed_by = "";
    it->decline_reason = "";
}

int post_meeting_item(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_item it;
    struct form f;
    int64_t id;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    read_item(&f, &it);
    rc = app_item_add(r->store, &r->who, id, &it, &fe, &r->err);
    return outcome(r, rc, id, 0, &fe, &f);
}

int post_forum_proposal(struct request *r)
{
    struct field_errors fe = {0};
    struct agenda_item it;
    struct form f;
    int64_t forum;
    int rc;

    if ((rc = param(r, 0, &forum)) || (rc = req_form(r, &f)))
        return rc;
    read_item(&f, &it);
    rc = app_item_propose(r->store, &r->who, forum, &it, &fe, &r->err);
    if (rc == KL_EINVAL && fe.n)
        return req_fail(r, KL_EINVAL, "%s: %s %s", T_(r, "The proposal was not accepted"),
                        fe.field[0], T_(r, fe.msg[0]));
    if (rc)
        return rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%lld/work", (long long)forum));
}

int post_item_move(struct request *r)
{
    struct form f;
    int64_t item, meeting;
    int rc;

    if ((rc = param(r, 0, &item)) || (rc = req_form(r, &f)) ||
        (rc = item_meeting(r, item, &meeting)) ||
        (rc = app_item_move(r->store, &r->who, item,
                            (int)strtol(text_field(&f, "position"), NULL, 10), &r->err)))
        return rc;
    return back_to(r, meeting, item);
}

int post_item_delete(struct request *r)
{
    int64_t item, meeting;
    int rc;

    if ((rc = param(r, 0, &item)) || (rc = item_meeting(r, item, &meeting)) ||
        (rc = app_item_delete(r->store, &r->who, item, &r->err)))
        return rc;
    return back_to(r, meeting, 0);
}

int post_item_decision(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    int64_t item, meeting;
    int rc, o;

    if ((rc = param(r, 0, &item)) || (rc = req_form(r, &f)) ||
        (rc = item_meeting(r, item, &meeting)))
        return rc;
    o = item_outcome_parse(text_field(&f, "outcome"));
    if (o < 0)
        fields_add(&fe, "outcome", N_("is not a valid choice"));
    rc = fe.n ? KL_EINVAL
              : app_minutes_record(r->store, &r->who, item, text_field(&f, "decision"),
                                   (enum item_outcome)o, r->now, &fe, &r->err);
    return outcome(r, rc, meeting, item, &fe, &f);
}

int post_item_followup(struct request *r)
{
    struct field_errors fe = {0};
    struct followup fu = {0};
    struct form f;
    int64_t item, meeting;
    int rc;

    if ((rc = param(r, 0, &item)) || (rc = req_form(r, &f)) ||
        (rc = item_meeting(r, item, &meeting)))
        return rc;
    fu.item_id = item;
    fu.what = text_field(&f, "what");
    fu.owner_person_id = id_field(&f, "owner_person_id", &fe);
    fu.due_on = date_field(&f, "due_on", &fe);
    fu.bring_back = form_get(&f, "bring_back") != NULL;
    if (!fu.owner_person_id) {
        /* no person chosen: the forum itself owns it */
        struct meeting m;
        if ((rc = app_meeting_get(r->store, r->arena, &r->who, meeting, &m, &r->err)))
            return rc;
        fu.owner_forum_id = m.forum_id;
    }
    rc = fe.n ? KL_EINVAL : app_followup_add(r->store, &r->who, &fu, r->now, &fe, &r->err);
    return outcome(r, rc, meeting, item, &fe, &f);
}

int post_item_referral(struct request *r)
{
    struct field_errors fe = {0};
    struct referral rf = {0};
    struct form f;
    int64_t item, meeting;
    int rc;

    if ((rc = param(r, 0, &item)) || (rc = req_form(r, &f)) ||
        (rc = item_meeting(r, item, &meeting)))
        return rc;
    rf.item_id = item;
    rf.to_forum_id = id_field(&f, "to_forum_id", &fe);
    rf.note = text_field(&f, "note");
    rf.title = "";
    rf.answer = "";
    rf.withdraw_reason = "";
    rf.answer_by = date_field(&f, "answer_by", &fe);
    rc = fe.n ? KL_EINVAL : app_referral_create(r->store, &r->who, &rf, &fe, &r->err);
    return outcome(r, rc, meeting, item, &fe, &f);
}

int post_item_attachment(struct request *r)
{
    struct field_errors fe = {0};
    struct attachment_upload u = {0};
    const struct upload_part *file;
    struct multipart m = {0};
    int64_t item, meeting;
    int rc;

    if ((rc = param(r, 0, &item)) || (rc = item_meeting(r, item, &meeting)))
        return rc;
    rc = req_multipart(r, &m);
    if (rc == 0) {
        file = multipart_file(&m, "file");
        if (!file) {
            fields_add(&fe, "file", N_("choose a file to upload"));
            rc = KL_EINVAL;
        } else {
            u.title = multipart_field(&m, "title");
            u.filename = file->filename;
            u.data = (const unsigned char *)file->data;
            u.size = file->size;
            u.limit = r->cfg->max_attachment;
            u.text_later = 1;
            rc = app_attachment_add(r->store, &r->who, item, &u, NULL, &fe, &r->err);
            r->text_pending = rc == 0;
        }
    }
    multipart_free(&m);
    return outcome(r, rc, meeting, item, &fe, NULL);
}

int serve_attachment(struct request *r)
{
    struct attachment_file file;
    const char *disposition;
    int64_t id;
    long version = 0;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_query_int(r, "version", 1, 100000, &version)) ||
        (rc = app_attachment_get(r->store, r->arena, &r->who, id, (int)version, &file, &r->err)))
        return rc;
    disposition = arena_printf(r->arena, "attachment; filename=\"%s\"", file.info.filename);
    if (!disposition || res_header(r, "Content-Disposition", disposition))
        return req_fail(r, KL_ENOMEM, "out of memory");
    r->res.content_type = file.info.content_type;
    r->res.cache = "private, no-store";
    if (buf_append(&r->res.body, file.data, file.size))
        return req_fail(r, KL_ENOMEM, "out of memory");
    return 0;
}

int post_meeting_absence(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    int64_t id, person, substitute;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    person = id_field(&f, "person_id", &fe);
    substitute = id_field(&f, "substitute_id", &fe);
    rc = fe.n ? KL_EINVAL
              : app_attendance_absent(r->store, &r->who, id, person, substitute,
                                      text_field(&f, "note"), r->now, &fe, &r->err);
    return outcome(r, rc, id, 0, &fe, &f);
}

int post_meeting_presence(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    int64_t id, person;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    person = id_field(&f, "person_id", &fe);
    if (fe.n)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "is not a valid choice"));
    rc = app_attendance_mark(r->store, &r->who, id, person,
                             strcmp(text_field(&f, "present"), "1") == 0, &r->err);
    return rc ? rc : back_to(r, id, 0);
}

int post_meeting_guest(struct request *r)
{
    struct field_errors fe = {0};
    struct form f;
    int64_t id, person, item;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    person = id_field(&f, "person_id", &fe);
    item = id_field(&f, "item_id", &fe);
    rc = fe.n ? KL_EINVAL
              : app_attendance_add_guest(r->store, &r->who, id, person, item,
                                         text_field(&f, "note"), &fe, &r->err);
    return outcome(r, rc, id, 0, &fe, &f);
}

int post_meeting_approval(struct request *r)
{
    struct field_errors fe = {0};
    int64_t people[64];
    size_t n = 0;
    struct form f;
    int64_t id;
    int32_t on;
    int rc;

    if ((rc = param(r, 0, &id)) || (rc = req_form(r, &f)))
        return rc;
    for (size_t i = 0; i < f.n && n < 64; i++)
        if (strcmp(f.name[i], "person_id") == 0) {
            char *end;
            long long v = strtoll(f.value[i], &end, 10);
            if (*end || v <= 0)
                fields_add(&fe, "person_ids", N_("is not a valid choice"));
            else
                people[n++] = v;
        }
    on = date_field(&f, "approved_on", &fe);
    rc = fe.n ? KL_EINVAL
              : app_minutes_approve_circulation(r->store, &r->who, id, people, n, on, r->now,
                                                &fe, &r->err);
    return outcome(r, rc, id, 0, &fe, &f);
}
