/* meeting_ui.c - the forms of the meeting page (see meeting_ui.h). */
#include "web/meeting_ui.h"
#include "web/form.h"
#include "web/form_ui.h"
#include "web/labels.h"
#include "web/request.h"
#include "app/meeting_agenda.h"
#include "app/meeting_minutes.h"
#include "app/organisation.h"
#include "core/arena.h"
#include "model/fields.h"
#include "render/html.h"
#include "web/format.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

void meeting_status_badge(struct request *r, struct html *h, enum meeting_status s)
{
    html_open(h, "span", "class",
              arena_printf(r->arena, "status meeting-%s", meeting_status_name(s)), NULL);
    html_text(h, T_(r, meeting_status_labels[s]));
    html_close(h, "span");
}

/* The sent value of name when this form came back, else fallback. */
static const char *sent(const struct meeting_forms *f, int64_t item_id, const char *name,
                        const char *fallback)
{
    const char *v = f && f->sent && f->item_id == item_id ? form_get(f->sent, name) : NULL;
    return v ? v : fallback;
}

static const struct field_errors *problems(const struct meeting_forms *f, int64_t item_id)
{
    return f && f->item_id == item_id ? f->fe : NULL;
}

static const char *item_path(struct request *r, int64_t id, const char *what)
{
    return arena_printf(r->arena, "/items/%lld/%s", (long long)id, what);
}

static void small_button(struct request *r, struct html *h, const char *path, const char *name,
                         const char *value, const char *label, const char *aria)
{
    ui_form_begin(r, h, path);
    if (name)
        html_open(h, "input", "type", "hidden", "name", name, "value", value, NULL);
    html_open(h, "button", "type", "submit", "class", "small", "aria-label", aria, NULL);
    html_text(h, T_(r, label));
    html_close(h, "button");
    html_close(h, "form");
}

static void decision_form(struct request *r, struct html *h, const struct agenda_entry *e,
                          const struct meeting_forms *forms)
{
    const struct agenda_item *it = &e->item;
    struct choice outcomes[OUTCOME_COUNT];

    for (int i = 0; i < OUTCOME_COUNT; i++)
        outcomes[i] = (struct choice){item_outcome_name((enum item_outcome)i),
                                      item_outcome_labels[i]};
    html_lit(h, "<details class=\"minutes-form\" open><summary>");
    html_textf(h, "%s %d", T_(r, "Decision on item"), it->number);
    html_lit(h, "</summary>");
    ui_form_begin(r, h, item_path(r, it->id, "decision"));
    ui_textarea(r, h, N_("Decision (Markdown)"), "decision",
                sent(forms, it->id, "decision", it->decision), problems(forms, it->id));
    ui_select(r, h, N_("Outcome"), "outcome", outcomes, OUTCOME_COUNT,
              sent(forms, it->id, "outcome", item_outcome_name(it->outcome)), 0,
              problems(forms, it->id));
    ui_form_end(r, h, N_("Save decision"));
    html_lit(h, "</details>");
}

static void followup_form(struct request *r, struct html *h, const struct agenda_entry *e,
                          const struct meeting_forms *forms)
{
    struct person *people;
    struct choice *pc;
    struct kl_error err;
    size_t n = 0;

    if (app_person_list(r->store, r->arena, &people, &n, &err))
        n = 0;
    pc = arena_calloc(r->arena, n + 1, sizeof(*pc));
    if (!pc)
        return;
    pc[0] = (struct choice){"", T_(r, "(the forum itself)")};
    for (size_t i = 0; i < n; i++)
        pc[i + 1] = (struct choice){arena_printf(r->arena, "%lld", (long long)people[i].id),
                                    people[i].name};
    html_lit(h, "<details><summary>");
    html_text(h, T_(r, "Add a follow-up"));
    html_lit(h, "</summary>");
    ui_form_begin(r, h, item_path(r, e->item.id, "followups"));
    ui_input(r, h, N_("What is to be done"), "what", "text", sent(forms, e->item.id, "what", NULL),
             1, problems(forms, e->item.id));
    ui_select(r, h, N_("Owner"), "owner_person_id", pc, n + 1,
              sent(forms, e->item.id, "owner_person_id", NULL), 1, problems(forms, e->item.id));
    ui_input(r, h, N_("Due"), "due_on", "date", sent(forms, e->item.id, "due_on", NULL), 0,
             problems(forms, e->item.id));
    ui_checkbox(r, h, N_("Bring the matter back to the next agenda"), "bring_back", 0);
    ui_form_end(r, h, N_("Add follow-up"));
    html_lit(h, "</details>");
}

static void referral_form(struct request *r, struct html *h, const struct agenda *ag,
                          const struct agenda_entry *e, const struct meeting_forms *forms)
{
    struct forum *f;
    struct choice *fc;
    struct kl_error err;
    size_t n = 0, k = 0;

    /* any forum may be referred to: the structure is not confidential */
    if (app_forum_structure(r->store, r->arena, NULL, &f, &n, &err))
        n = 0;
    fc = arena_calloc(r->arena, n + 1, sizeof(*fc));
    if (!fc)
        return;
    for (size_t i = 0; i < n; i++)
        if (f[i].id != ag->meeting.forum_id)
            fc[k++] = (struct choice){arena_printf(r->arena, "%lld", (long long)f[i].id),
                                      f[i].name};
    if (!k)
        return;
    html_lit(h, "<details><summary>");
    html_text(h, T_(r, "Refer to another forum"));
    html_lit(h, "</summary>");
    ui_form_begin(r, h, item_path(r, e->item.id, "referrals"));
    ui_select(r, h, N_("To forum"), "to_forum_id", fc, k,
              sent(forms, e->item.id, "to_forum_id", NULL), 1, problems(forms, e->item.id));
    ui_input(r, h, N_("What the forum is asked to do"), "note", "text",
             sent(forms, e->item.id, "note", NULL), 1, problems(forms, e->item.id));
    ui_input(r, h, N_("Answer by"), "answer_by", "date", sent(forms, e->item.id, "answer_by", NULL),
             0, problems(forms, e->item.id));
    ui_form_end(r, h, N_("Refer"));
    html_lit(h, "</details>");
}

static void attachment_form(struct request *r, struct html *h, const struct agenda_entry *e,
                            const struct meeting_forms *forms)
{
    const struct field_errors *fe = problems(forms, e->item.id);
    const char *problem = fe ? fields_get(fe, "file") : NULL;

    html_lit(h, "<details><summary>");
    html_text(h, T_(r, "Attach a file"));
    html_lit(h, "</summary>");
    html_open(h, "form", "method", "post", "action", item_path(r, e->item.id, "attachments"),
              "enctype", "multipart/form-data", "class", "stacked", NULL);
    html_open(h, "input", "type", "hidden", "name", "csrf", "value",
              r->who.csrf_token ? r->who.csrf_token : "", NULL);
    ui_input(r, h, N_("Title (empty: the file name)"), "title", "text", NULL, 0, fe);
    html_lit(h, "<label>");
    html_text(h, T_(r, "File (PDF, Word, PowerPoint, Excel or an image)"));
    if (problem) {
        html_open(h, "span", "class", "field-problem", NULL);
        html_text(h, T_(r, problem));
        html_close(h, "span");
    }
    html_open(h, "input", "type", "file", "name", "file", "required", "", NULL);
    html_lit(h, "</label>");
    ui_form_end(r, h, N_("Upload"));
    html_lit(h, "</details>");
}

void meeting_item_forms(struct request *r, struct html *h, const struct agenda *ag,
                        const struct agenda_entry *e, const struct meeting_forms *forms)
{
    const struct agenda_item *it = &e->item;
    enum meeting_status s = ag->meeting.status;
    char pos[16];

    html_lit(h, "<div class=\"item-tools\">");
    if (meeting_agenda_editable(s)) {
        if (it->number > 1) {
            snprintf(pos, sizeof(pos), "%d", it->number - 1);
            small_button(r, h, item_path(r, it->id, "move"), "position",
                         arena_strdup(r->arena, pos), N_("Move up"),
                         arena_printf(r->arena, "%s: %s", T_(r, "Move up"), it->title));
        }
        if ((size_t)it->number < ag->nitems) {
            snprintf(pos, sizeof(pos), "%d", it->number + 1);
            small_button(r, h, item_path(r, it->id, "move"), "position",
                         arena_strdup(r->arena, pos), N_("Move down"),
                         arena_printf(r->arena, "%s: %s", T_(r, "Move down"), it->title));
        }
        if (!meeting_agenda_public(s))
            small_button(r, h, item_path(r, it->id, "delete"), NULL, NULL, N_("Remove"),
                         arena_printf(r->arena, "%s: %s", T_(r, "Remove"), it->title));
        attachment_form(r, h, e, forms);
    }
    if (meeting_minutes_editable(s)) {
        decision_form(r, h, e, forms);
        followup_form(r, h, e, forms);
        referral_form(r, h, ag, e, forms);
    }
    html_lit(h, "</div>");
}

/* The fields of an item's content, shared by adding and proposing. */
static void item_fields(struct request *r, struct html *h, const struct meeting_forms *forms)
{
    const struct field_errors *fe = problems(forms, 0);

    ui_input(r, h, N_("Title"), "title", "text", sent(forms, 0, "title", NULL), 1, fe);
    html_lit(h, "<fieldset><legend>");
    html_text(h, T_(r, "Rooms"));
    html_lit(h, "</legend>");
    for (int i = 0; i < 4; i++)
        ui_checkbox(r, h, room_labels[i], arena_printf(r->arena, "room_%d", i), 0);
    html_lit(h, "</fieldset>");
    ui_textarea(r, h, N_("Recommendation (one \"At ...\" line each)"), "recommendation",
                sent(forms, 0, "recommendation", NULL), fe);
    ui_textarea(r, h, N_("Case (Markdown)"), "case_text", sent(forms, 0, "case_text", NULL), fe);
    ui_input(r, h, N_("Presented by"), "presenter", "text", sent(forms, 0, "presenter", NULL), 0,
             fe);
    ui_checkbox(r, h, N_("Written orientation"), "written_orientation", 0);
    ui_checkbox(r, h, N_("Closed item (never shown outside the forum)"), "closed", 0);
}

void meeting_add_item_form(struct request *r, struct html *h, const struct agenda *ag,
                           const struct meeting_forms *forms)
{
    html_elem(h, "h2", T_(r, "Add an item"));
    ui_form_begin(r, h, arena_printf(r->arena, "/meetings/%lld/items", (long long)ag->meeting.id));
    item_fields(r, h, forms);
    ui_form_end(r, h, N_("Add item"));
}

void meeting_propose_form(struct request *r, struct html *h, const struct agenda *ag)
{
    html_elem(h, "h2", T_(r, "Propose an item"));
    ui_form_begin(r, h, arena_printf(r->arena, "/forums/%lld/proposals",
                                     (long long)ag->meeting.forum_id));
    item_fields(r, h, NULL);
    ui_form_end(r, h, N_("Propose"));
}

/* The secretary invites a guest to the meeting or to one item (until the minutes are out). */
static void guest_form(struct request *r, struct html *h, const struct agenda *ag)
{
    struct person *people;
    struct choice *pc, *ic;
    struct kl_error err;
    size_t np = 0;

    if (!ag->can_manage || ag->meeting.status == MEETING_CANCELLED ||
        ag->meeting.status == MEETING_MINUTES_PUBLISHED ||
        app_person_list(r->store, r->arena, &people, &np, &err) || !np)
        return;
    pc = arena_calloc(r->arena, np, sizeof(*pc));
    ic = arena_calloc(r->arena, ag->nitems + 1, sizeof(*ic));
    if (!pc || !ic)
        return;
    for (size_t i = 0; i < np; i++)
        pc[i] = (struct choice){arena_printf(r->arena, "%lld", (long long)people[i].id),
                                people[i].name};
    ic[0] = (struct choice){"", T_(r, "(the whole meeting)")};
    for (size_t i = 0; i < ag->nitems; i++)
        ic[i + 1] = (struct choice){
            arena_printf(r->arena, "%lld", (long long)ag->items[i].item.id),
            arena_printf(r->arena, "%d. %s", ag->items[i].item.number, ag->items[i].item.title)};
    html_lit(h, "<details><summary>");
    html_text(h, T_(r, "Invite a guest"));
    html_lit(h, "</summary>");
    ui_form_begin(r, h, arena_printf(r->arena, "/meetings/%lld/guests", (long long)ag->meeting.id));
    ui_select(r, h, N_("Guest"), "person_id", pc, np, NULL, 1, NULL);
    ui_select(r, h, N_("For"), "item_id", ic, ag->nitems + 1, NULL, 1, NULL);
    ui_input(r, h, N_("Note"), "note", "text", NULL, 0, NULL);
    ui_form_end(r, h, N_("Invite"));
    html_lit(h, "</details>");
}

/* Published minutes not yet approved: the secretary records their approval by circulation. */
static void circulation_form(struct request *r, struct html *h, const struct agenda *ag,
                             const struct attendance_report *rep)
{
    char today[11];

    if (!ag->can_manage || ag->meeting.status != MEETING_MINUTES_PUBLISHED ||
        ag->meeting.approval != APPROVAL_NONE)
        return;
    date_format_iso(req_today(r), today);
    html_elem(h, "h3", T_(r, "Approval of the minutes by circulation"));
    ui_form_begin(r, h, arena_printf(r->arena, "/meetings/%lld/approval",
                                     (long long)ag->meeting.id));
    html_lit(h, "<fieldset><legend>");
    html_text(h, T_(r, "Approved by"));
    html_lit(h, "</legend>");
    for (size_t i = 0; i < rep->nall; i++) {
        if (rep->all[i].kind != ATTEND_MEMBER && rep->all[i].kind != ATTEND_SUBSTITUTE)
            continue;
        html_lit(h, "<label class=\"check\">");
        html_open(h, "input", "type", "checkbox", "name", "person_id", "value",
                  arena_printf(r->arena, "%lld", (long long)rep->all[i].person_id), NULL);
        html_text(h, rep->all[i].name);
        html_lit(h, "</label>");
    }
    html_lit(h, "</fieldset>");
    ui_input(r, h, N_("Last approval came on"), "approved_on", "date", today, 1, NULL);
    ui_form_end(r, h, N_("Record the approval"));
}

void meeting_attendance_forms(struct request *r, struct html *h, const struct agenda *ag,
                              const struct attendance_report *rep)
{
    enum meeting_status s = ag->meeting.status;
    struct choice *members, *subs;
    struct person *people;
    struct kl_error err;
    size_t nm = 0, np = 0, nsubs = 1;
    const char *path = arena_printf(r->arena, "/meetings/%lld/absence", (long long)ag->meeting.id);

    if (!ag->internal || s == MEETING_CANCELLED || s >= MEETING_HELD)
        goto marks;
    members = arena_calloc(r->arena, rep->nall + 1, sizeof(*members));
    if (app_person_list(r->store, r->arena, &people, &np, &err))
        np = 0;
    subs = arena_calloc(r->arena, np + 1, sizeof(*subs));
    if (!members || !subs)
        return;
    /* a member registers her own absence; the secretary anyone's */
    for (size_t i = 0; i < rep->nall; i++) {
        struct person pp;
        if (rep->all[i].kind != ATTEND_MEMBER)
            continue;
        if (!ag->can_manage &&
            (app_person_get(r->store, r->arena, rep->all[i].person_id, &pp, &err) ||
             pp.user_id != r->who.user_id || !r->who.user_id))
            continue;
        members[nm++] = (struct choice){
            arena_printf(r->arena, "%lld", (long long)rep->all[i].person_id), rep->all[i].name};
    }
    /* substitutes: people who are not invited already */
    subs[0] = (struct choice){"", T_(r, "(no substitute)")};
    for (size_t i = 0, k = 1; i < np; i++) {
        int invited = 0;
        for (size_t j = 0; j < rep->nall; j++)
            invited |= rep->all[j].person_id == people[i].id;
        if (!invited)
            subs[k++] = (struct choice){arena_printf(r->arena, "%lld", (long long)people[i].id),
                                        people[i].name};
        nsubs = k;
    }
    if (!nm)
        goto marks;
    html_elem(h, "h3", T_(r, "Register an absence"));
    ui_form_begin(r, h, path);
    ui_select(r, h, N_("Member"), "person_id", members, nm, NULL, 1, NULL);
    ui_select(r, h, N_("Substitute"), "substitute_id", subs, nsubs, NULL, 1, NULL);
    ui_input(r, h, N_("Note"), "note", "text", NULL, 0, NULL);
    ui_form_end(r, h, N_("Register absence"));
marks:
    guest_form(r, h, ag);
    circulation_form(r, h, ag, rep);
    if (!ag->can_manage || (s != MEETING_HELD && s != MEETING_MINUTES_DRAFT &&
                            s != MEETING_AGENDA_PUBLISHED))
        return;
    html_elem(h, "h3", T_(r, "Who was there"));
    html_lit(h, "<ul class=\"marks\">");
    for (size_t i = 0; i < rep->nall; i++) {
        const struct participant *p = &rep->all[i];
        const char *presence = arena_printf(r->arena, "/meetings/%lld/presence",
                                            (long long)ag->meeting.id);
        const char *label = p->status == ATTEND_PRESENT ? T_(r, "Mark absent")
                                                        : T_(r, "Mark present");
        html_lit(h, "<li>");
        html_textf(h, "%s: ", p->name);
        ui_form_begin(r, h, presence);
        html_open(h, "input", "type", "hidden", "name", "person_id", "value",
                  arena_printf(r->arena, "%lld", (long long)p->person_id), NULL);
        html_open(h, "input", "type", "hidden", "name", "present", "value",
                  p->status == ATTEND_PRESENT ? "0" : "1", NULL);
        html_open(h, "button", "type", "submit", "class", "small", "aria-label",
                  arena_printf(r->arena, "%s: %s", label, p->name), NULL);
        html_text(h, label);
        html_close(h, "button");
        html_close(h, "form");
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}
