/* agenda.c - SQL for agenda items: on an agenda, pending, proposed or declined (see
 * meeting.h). */
#include "store/meeting.h"
#include "store/meeting_impl.h"
#include "store/store.h"

#include "core/arena.h"
#include "core/error.h"

#include <string.h>

#define ITEM_COLS                                                                            \
    "i.id, i.forum_id, i.meeting_id, i.state, i.number, i.standard, i.title, i.rooms, "     \
    "i.recommendation, i.case_text, i.presenter, i.written_orientation, i.closed, "          \
    "i.approves_minutes_of, i.origin_followup_id, i.origin_referral_id, i.proposed_by_user, " \
    "i.proposed_by, i.decline_reason, i.decision, i.outcome"

static int fill_item(sqlite3_stmt *s, struct arena *a, void *out)
{
    struct agenda_item *it = out;
    int outcome;

    memset(it, 0, sizeof(*it));
    it->id = sqlite3_column_int64(s, 0);
    it->forum_id = sqlite3_column_int64(s, 1);
    it->meeting_id = sqlite3_column_int64(s, 2);
    it->state = (enum item_state)item_state_parse((const char *)sqlite3_column_text(s, 3));
    it->number = sqlite3_column_int(s, 4);
    it->standard =
        (enum item_standard)item_standard_parse((const char *)sqlite3_column_text(s, 5));
    it->title = store_col_text(s, 6, a, 0);
    it->rooms = (unsigned)sqlite3_column_int(s, 7) & ROOMS_ALL;
    it->recommendation = store_col_text(s, 8, a, 0);
    it->case_text = store_col_text(s, 9, a, 0);
    it->presenter = store_col_text(s, 10, a, 0);
    it->written_orientation = sqlite3_column_int(s, 11);
    it->closed = sqlite3_column_int(s, 12);
    it->approves_minutes_of = sqlite3_column_int64(s, 13);
    it->origin_followup_id = sqlite3_column_int64(s, 14);
    it->origin_referral_id = sqlite3_column_int64(s, 15);
    it->proposed_by_user = sqlite3_column_int64(s, 16);
    it->proposed_by = store_col_text(s, 17, a, 0);
    it->decline_reason = store_col_text(s, 18, a, 0);
    it->decision = store_col_text(s, 19, a, 0);
    outcome = item_outcome_parse((const char *)sqlite3_column_text(s, 20));
    it->outcome = outcome < 0 ? OUTCOME_NONE : (enum item_outcome)outcome;
    return it->title && it->recommendation && it->case_text && it->presenter &&
                   it->proposed_by && it->decline_reason && it->decision ? 0 : -1;
}

/* Binds the content from index 1: title, rooms, recommendation, case text, presenter,
 * written orientation, closed. */
static void bind_content(sqlite3_stmt *s, const struct agenda_item *it)
{
    store_bind_text(s, 1, it->title);
    sqlite3_bind_int(s, 2, (int)(it->rooms & ROOMS_ALL));
    store_bind_text(s, 3, it->recommendation ? it->recommendation : "");
    store_bind_text(s, 4, it->case_text ? it->case_text : "");
    store_bind_text(s, 5, it->presenter ? it->presenter : "");
    sqlite3_bind_int(s, 6, it->written_orientation ? 1 : 0);
    sqlite3_bind_int(s, 7, it->closed ? 1 : 0);
}

int store_item_insert(struct store *st, const struct agenda_item *it, int64_t *id,
                      struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "INSERT INTO agenda_item (title, rooms, recommendation, "
                               "case_text, presenter, written_orientation, closed, forum_id, "
                               "meeting_id, state, number, standard, approves_minutes_of, "
                               "origin_followup_id, origin_referral_id, proposed_by_user, "
                               "proposed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?, ?, ?, ?, " STORE_NOW ")",
                           &s, err, "adding an agenda item");
    if (rc)
        return rc;
    bind_content(s, it);
    sqlite3_bind_int64(s, 8, it->forum_id);
    store_bind_ref(s, 9, it->state == ITEM_AGENDA ? it->meeting_id : 0);
    store_bind_text(s, 10, item_state_name(it->state));
    sqlite3_bind_int(s, 11, it->state == ITEM_AGENDA ? it->number : 0);
    store_bind_text(s, 12, item_standard_name(it->standard));
    store_bind_ref(s, 13, it->approves_minutes_of);
    store_bind_ref(s, 14, it->origin_followup_id);
    store_bind_ref(s, 15, it->origin_referral_id);
    store_bind_ref(s, 16, it->proposed_by_user);
    store_bind_text(s, 17, it->proposed_by ? it->proposed_by : "");
    rc = store_step(st, s, err, "adding an agenda item");
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

/* Steps s, which changes item id, and says when there is no such item. */
static int change(struct store *st, sqlite3_stmt *s, int64_t id, struct kl_error *err,
                  const char *what)
{
    int rc = store_step(st, s, err, what);

    if (rc == 0 && sqlite3_changes(st->db) == 0)
        rc = kl_error_set(err, KL_ENOTFOUND, "agenda item %lld: not found", (long long)id);
    return rc;
}

int store_item_update(struct store *st, const struct agenda_item *it, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE agenda_item SET title = ?, rooms = ?, recommendation = ?, "
                               "case_text = ?, presenter = ?, written_orientation = ?, "
                               "closed = ? WHERE id = ?",
                           &s, err, "changing an agenda item");
    if (rc)
        return rc;
    bind_content(s, it);
    sqlite3_bind_int64(s, 8, it->id);
    return change(st, s, it->id, err, "changing an agenda item");
}

int store_item_place(struct store *st, int64_t id, enum item_state state, int64_t meeting_id,
                     int number, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE agenda_item SET state = ?, meeting_id = ?, number = ? "
                               "WHERE id = ?",
                           &s, err, "placing an agenda item");
    if (rc)
        return rc;
    store_bind_text(s, 1, item_state_name(state));
    store_bind_ref(s, 2, meeting_id);
    sqlite3_bind_int(s, 3, number);
    sqlite3_bind_int64(s, 4, id);
    return change(st, s, id, err, "placing an agenda item");
}

int store_item_set_number(struct store *st, int64_t id, int number, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE agenda_item SET number = ? WHERE id = ?", &s, err,
                           "numbering an agenda item");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, number);
    sqlite3_bind_int64(s, 2, id);
    return change(st, s, id, err, "numbering an agenda item");
}

int store_item_set_decision(struct store *st, int64_t id, const char *decision,
                            enum item_outcome outcome, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE agenda_item SET decision = ?, outcome = ? WHERE id = ?",
                           &s, err, "recording a decision");
    if (rc)
        return rc;
    store_bind_text(s, 1, decision ? decision : "");
    store_bind_text(s, 2, item_outcome_name(outcome));
    sqlite3_bind_int64(s, 3, id);
    return change(st, s, id, err, "recording a decision");
}

int store_item_decline(struct store *st, int64_t id, const char *reason, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "UPDATE agenda_item SET state = 'declined', meeting_id = NULL, "
                               "number = 0, decline_reason = ? WHERE id = ?",
                           &s, err, "declining a proposal");
    if (rc)
        return rc;
    store_bind_text(s, 1, reason);
    sqlite3_bind_int64(s, 2, id);
    return change(st, s, id, err, "declining a proposal");
}

int store_item_delete(struct store *st, int64_t id, struct kl_error *err)
{
    static const char *const sql[] = {
        ("DELETE FROM attachment_version WHERE attachment_id IN "
         "(SELECT id FROM attachment WHERE item_id = ?)"),
        "DELETE FROM attachment WHERE item_id = ?",
        "DELETE FROM attendance WHERE item_id = ?",
        "DELETE FROM agenda_item WHERE id = ?",
    };
    sqlite3_stmt *s;
    int rc;

    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
        if ((rc = store_prepare(st, sql[i], &s, err, "deleting an agenda item")))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        rc = i + 1 < sizeof(sql) / sizeof(sql[0])
                 ? store_step(st, s, err, "deleting an agenda item")
                 : change(st, s, id, err, "deleting an agenda item");
        if (rc)
            return rc;
    }
    return 0;
}

int store_item_get(struct store *st, struct arena *a, int64_t id, struct agenda_item *out,
                   struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ITEM_COLS " FROM agenda_item i WHERE i.id = ?", &s,
                           err, "reading an agenda item");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return store_rows_one(st, s, a, out, fill_item, err, "agenda item");
}

int store_item_list(struct store *st, struct arena *a, int64_t meeting_id,
                    struct agenda_item **out, size_t *n, struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ITEM_COLS " FROM agenda_item i WHERE i.meeting_id = ? "
                               "AND i.state = 'agenda' ORDER BY i.number, i.id",
                           &s, err, "listing an agenda");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, meeting_id);
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_item, err,
                          "listing an agenda");
}

int store_item_list_state(struct store *st, struct arena *a, int64_t forum_id,
                          enum item_state state, struct agenda_item **out, size_t *n,
                          struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT " ITEM_COLS " FROM agenda_item i WHERE i.forum_id = ? "
                               "AND i.state = ? ORDER BY i.id",
                           &s, err, "listing agenda items");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, forum_id);
    store_bind_text(s, 2, item_state_name(state));
    return store_rows_all(st, s, a, (void **)out, n, sizeof(**out), fill_item, err,
                          "listing agenda items");
}

int store_item_links(struct store *st, int64_t id, int *count, struct kl_error *err)
{
    sqlite3_stmt *s;
    int64_t v;
    int rc = store_prepare(st, "SELECT (SELECT count(*) FROM followup WHERE item_id = ?1) + "
                               "(SELECT count(*) FROM referral WHERE item_id = ?1)",
                           &s, err, "counting an item's follow-ups");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = store_rows_int(st, s, &v, err, "counting an item's follow-ups");
    *count = (int)v;
    return rc;
}

int store_item_of_followup(struct store *st, int64_t followup_id, int64_t *id,
                           struct kl_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT max(id) FROM agenda_item WHERE origin_followup_id = ?",
                           &s, err, "finding a brought-back item");
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, followup_id);
    return store_rows_int(st, s, id, err, "finding a brought-back item");
}
