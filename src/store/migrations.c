/* migrations.c - the numbered schema migrations, embedded in the binary and applied in one
 * transaction. Each applied migration is recorded in schema_migrations and the schema version
 * is kept in PRAGMA user_version. Migrations are only ever appended; a released one is never
 * edited. The SQL keeps to what PostgreSQL also accepts where it can (TEXT dates in ISO form,
 * explicit foreign keys, CHECK constraints). */
#include "store/store.h"
#include "store/store_impl.h"

#include "core/error.h"

#include <stdio.h>
#include <time.h>

struct migration {
    int version;
    const char *name;
    const char *sql;
};

static const struct migration migrations[] = {
    {1, "geography",
     "CREATE TABLE schema_migrations (\n"
     "    version INTEGER PRIMARY KEY,\n"
     "    name TEXT NOT NULL,\n"
     "    applied_at TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE region (\n"
     "    code INTEGER PRIMARY KEY CHECK (code BETWEEN 1081 AND 1085),\n"
     "    name TEXT NOT NULL UNIQUE\n"
     ");\n"
     "CREATE TABLE municipality (\n"
     "    code INTEGER PRIMARY KEY CHECK (code BETWEEN 101 AND 999),\n"
     "    name TEXT NOT NULL,\n"
     "    region_code INTEGER NOT NULL REFERENCES region(code),\n"
     "    population INTEGER CHECK (population IS NULL OR population >= 0)\n"
     ");\n"
     "CREATE INDEX municipality_region ON municipality(region_code);\n"
     "CREATE TABLE hospital (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    region_code INTEGER NOT NULL REFERENCES region(code),\n"
     "    name TEXT NOT NULL,\n"
     "    UNIQUE (region_code, name)\n"
     ");\n"
     "CREATE TABLE cluster (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    code TEXT NOT NULL UNIQUE,\n"
     "    name TEXT NOT NULL,\n"
     "    region_code INTEGER NOT NULL REFERENCES region(code),\n"
     "    valid_from TEXT NOT NULL,\n"
     "    valid_to TEXT,\n"
     "    CHECK (valid_to IS NULL OR valid_to >= valid_from)\n"
     ");\n"
     "CREATE INDEX cluster_region ON cluster(region_code);\n"
     "CREATE TABLE cluster_hospital (\n"
     "    cluster_id INTEGER NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,\n"
     "    hospital_id INTEGER NOT NULL REFERENCES hospital(id),\n"
     "    PRIMARY KEY (cluster_id, hospital_id)\n"
     ");\n"
     "CREATE TABLE cluster_municipality (\n"
     "    cluster_id INTEGER NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,\n"
     "    municipality_code INTEGER NOT NULL REFERENCES municipality(code),\n"
     "    PRIMARY KEY (cluster_id, municipality_code)\n"
     ");\n"
     "CREATE INDEX cluster_municipality_code ON cluster_municipality(municipality_code);\n"},
    {2, "accounts",
     "CREATE TABLE app_user (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    login TEXT NOT NULL UNIQUE,\n"
     "    name TEXT NOT NULL,\n"
     "    email TEXT NOT NULL,\n"
     "    password_hash TEXT,\n"
     "    is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),\n"
     "    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),\n"
     "    created_at TEXT NOT NULL,\n"
     "    updated_at TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE forum (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    name TEXT NOT NULL,\n"
     "    is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),\n"
     "    created_at TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE forum_role (\n"
     "    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id) ON DELETE CASCADE,\n"
     "    role TEXT NOT NULL CHECK (role IN ('reader', 'member', 'chair', 'secretary')),\n"
     "    PRIMARY KEY (user_id, forum_id)\n"
     ");\n"
     "CREATE TABLE session (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    token_hash BLOB NOT NULL UNIQUE,\n"
     "    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
     "    csrf_token TEXT NOT NULL,\n"
     "    created_at INTEGER NOT NULL,\n"
     "    last_seen_at INTEGER NOT NULL,\n"
     "    expires_at INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX session_user ON session(user_id);\n"
     "CREATE TABLE api_token (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
     "    name TEXT NOT NULL,\n"
     "    token_hash BLOB NOT NULL UNIQUE,\n"
     "    created_at TEXT NOT NULL,\n"
     "    last_used_at TEXT\n"
     ");\n"
     "CREATE TABLE login_throttle (\n"
     "    key TEXT PRIMARY KEY,\n"
     "    failures INTEGER NOT NULL,\n"
     "    locked_until INTEGER NOT NULL\n"
     ");\n"
     "CREATE TABLE audit_log (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    at TEXT NOT NULL,\n"
     "    actor_user_id INTEGER REFERENCES app_user(id),\n"
     "    actor TEXT NOT NULL,\n"
     "    entity TEXT NOT NULL,\n"
     "    entity_id TEXT NOT NULL,\n"
     "    action TEXT NOT NULL,\n"
     "    forum_id INTEGER,\n"
     "    before_json TEXT,\n"
     "    after_json TEXT\n"
     ");\n"
     "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);\n"
     "CREATE INDEX audit_log_forum ON audit_log(forum_id);\n"
     "CREATE TRIGGER audit_log_never_updated BEFORE UPDATE ON audit_log\n"
     "BEGIN SELECT RAISE(ABORT, 'audit rows are never changed'); END;\n"
     "CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log\n"
     "BEGIN SELECT RAISE(ABORT, 'audit rows are never deleted'); END;\n"},
    {3, "organisation",
     "CREATE TABLE organisation (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    name TEXT NOT NULL UNIQUE,\n"
     "    kind TEXT NOT NULL CHECK (kind IN ('region', 'hospital', 'municipality',\n"
     "        'general_practice', 'practice_coordinator', 'psychiatry', 'patient_panel',\n"
     "        'other')),\n"
     "    region_code INTEGER REFERENCES region(code),\n"
     "    municipality_code INTEGER REFERENCES municipality(code),\n"
     "    created_at TEXT NOT NULL\n"
     ");\n"
     "ALTER TABLE forum ADD COLUMN kind TEXT NOT NULL DEFAULT 'standing' CHECK (kind IN (\n"
     "    'political', 'director', 'chief', 'steering', 'operations', 'focus_group',\n"
     "    'ad_hoc', 'standing', 'secretariat'));\n"
     "ALTER TABLE forum ADD COLUMN reports_to INTEGER REFERENCES forum(id);\n"
     "ALTER TABLE forum ADD COLUMN region_code INTEGER REFERENCES region(code);\n"
     "ALTER TABLE forum ADD COLUMN task TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE forum ADD COLUMN ends_on TEXT;\n"
     "ALTER TABLE forum ADD COLUMN mandate TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE forum ADD COLUMN publish_days INTEGER NOT NULL DEFAULT 14\n"
     "    CHECK (publish_days BETWEEN 0 AND 90);\n"
     "ALTER TABLE forum ADD COLUMN min_meetings INTEGER NOT NULL DEFAULT 0\n"
     "    CHECK (min_meetings BETWEEN 0 AND 52);\n"
     "ALTER TABLE forum ADD COLUMN premeeting_days INTEGER\n"
     "    CHECK (premeeting_days IS NULL OR premeeting_days BETWEEN 0 AND 60);\n"
     "ALTER TABLE forum ADD COLUMN chair_arrangement TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE forum ADD COLUMN rotation_years INTEGER NOT NULL DEFAULT 0\n"
     "    CHECK (rotation_years BETWEEN 0 AND 10);\n"
     "ALTER TABLE forum ADD COLUMN rotation_start TEXT;\n"
     "ALTER TABLE forum ADD COLUMN secretariat TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE forum ADD COLUMN all_municipalities INTEGER NOT NULL DEFAULT 0\n"
     "    CHECK (all_municipalities IN (0, 1));\n"
     "CREATE TABLE forum_cluster (\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id) ON DELETE CASCADE,\n"
     "    cluster_id INTEGER NOT NULL REFERENCES cluster(id),\n"
     "    PRIMARY KEY (forum_id, cluster_id)\n"
     ");\n"
     "CREATE INDEX forum_cluster_cluster ON forum_cluster(cluster_id);\n"
     "CREATE TABLE forum_rotation (\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id) ON DELETE CASCADE,\n"
     "    position INTEGER NOT NULL,\n"
     "    organisation_id INTEGER NOT NULL REFERENCES organisation(id),\n"
     "    PRIMARY KEY (forum_id, position),\n"
     "    UNIQUE (forum_id, organisation_id)\n"
     ");\n"
     "CREATE TABLE person (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    name TEXT NOT NULL,\n"
     "    title TEXT NOT NULL DEFAULT '',\n"
     "    organisation_id INTEGER REFERENCES organisation(id),\n"
     "    email TEXT NOT NULL DEFAULT '',\n"
     "    phone TEXT NOT NULL DEFAULT '',\n"
     "    user_id INTEGER UNIQUE REFERENCES app_user(id),\n"
     "    created_at TEXT NOT NULL\n"
     ");\n"
     "CREATE INDEX person_email ON person(email);\n"
     "CREATE TABLE membership (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    person_id INTEGER NOT NULL REFERENCES person(id),\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    role TEXT NOT NULL CHECK (role IN ('chair', 'co_chair', 'member', 'secretary',\n"
     "        'guest', 'substitute')),\n"
     "    organisation_id INTEGER REFERENCES organisation(id),\n"
     "    substitute_for INTEGER REFERENCES person(id),\n"
     "    starts_on TEXT NOT NULL,\n"
     "    ends_on TEXT,\n"
     "    CHECK (ends_on IS NULL OR ends_on >= starts_on)\n"
     ");\n"
     "CREATE INDEX membership_forum ON membership(forum_id);\n"
     "CREATE INDEX membership_person ON membership(person_id);\n"
     "CREATE VIEW forum_access AS\n"
     "    SELECT user_id, forum_id, role FROM forum_role\n"
     "    UNION ALL\n"
     "    SELECT p.user_id, m.forum_id, CASE m.role WHEN 'secretary' THEN 'secretary'\n"
     "        WHEN 'chair' THEN 'chair' WHEN 'co_chair' THEN 'chair' WHEN 'guest' THEN 'reader'\n"
     "        ELSE 'member' END\n"
     "    FROM membership m JOIN person p ON p.id = m.person_id\n"
     "    WHERE p.user_id IS NOT NULL AND m.starts_on <= CURRENT_DATE\n"
     "        AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE);\n"},
    {4, "meetings",
     "CREATE TABLE meeting (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'pre_meeting', 'seminar', 'political')),\n"
     "    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'agenda_draft',\n"
     "        'agenda_published', 'held', 'minutes_draft', 'minutes_published', 'cancelled')),\n"
     "    title TEXT NOT NULL DEFAULT '',\n"
     "    starts_at TEXT NOT NULL,\n"
     "    ends_at TEXT NOT NULL,\n"
     "    day TEXT NOT NULL,\n"
     "    place TEXT NOT NULL DEFAULT '',\n"
     "    chair_person_id INTEGER REFERENCES person(id),\n"
     "    parent_id INTEGER REFERENCES meeting(id),\n"
     "    theme TEXT NOT NULL DEFAULT '',\n"
     "    site_visit TEXT NOT NULL DEFAULT '',\n"
     "    agenda_published_at TEXT,\n"
     "    late_reason TEXT NOT NULL DEFAULT '',\n"
     "    minutes_published_at TEXT,\n"
     "    cancel_reason TEXT NOT NULL DEFAULT '',\n"
     "    approval TEXT NOT NULL DEFAULT 'none' CHECK (approval IN ('none', 'meeting',\n"
     "        'circulation')),\n"
     "    approved_at TEXT,\n"
     "    approved_in INTEGER REFERENCES meeting(id),\n"
     "    approved_on TEXT,\n"
     "    created_at TEXT NOT NULL,\n"
     "    CHECK (ends_at > starts_at),\n"
     "    CHECK ((kind = 'pre_meeting') = (parent_id IS NOT NULL))\n"
     ");\n"
     "CREATE INDEX meeting_forum_starts ON meeting(forum_id, starts_at);\n"
     "CREATE INDEX meeting_day ON meeting(day);\n"
     "CREATE INDEX meeting_parent ON meeting(parent_id);\n"
     "CREATE TABLE agenda_item (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    meeting_id INTEGER REFERENCES meeting(id),\n"
     "    state TEXT NOT NULL CHECK (state IN ('agenda', 'pending', 'proposed', 'declined')),\n"
     "    number INTEGER NOT NULL DEFAULT 0 CHECK (number >= 0),\n"
     "    standard TEXT NOT NULL DEFAULT '' CHECK (standard IN ('', 'approve_agenda',\n"
     "        'approve_minutes', 'round', 'any_other_business')),\n"
     "    title TEXT NOT NULL,\n"
     "    rooms INTEGER NOT NULL DEFAULT 0 CHECK (rooms BETWEEN 0 AND 15),\n"
     "    recommendation TEXT NOT NULL DEFAULT '',\n"
     "    case_text TEXT NOT NULL DEFAULT '',\n"
     "    presenter TEXT NOT NULL DEFAULT '',\n"
     "    written_orientation INTEGER NOT NULL DEFAULT 0 CHECK (written_orientation IN (0, 1)),\n"
     "    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),\n"
     "    approves_minutes_of INTEGER REFERENCES meeting(id),\n"
     "    proposed_by_user INTEGER REFERENCES app_user(id),\n"
     "    proposed_by TEXT NOT NULL DEFAULT '',\n"
     "    decline_reason TEXT NOT NULL DEFAULT '',\n"
     "    decision TEXT NOT NULL DEFAULT '',\n"
     "    outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'approved',\n"
     "        'approved_with_changes', 'noted', 'postponed', 'rejected', 'brought_back')),\n"
     "    created_at TEXT NOT NULL,\n"
     "    CHECK ((state = 'agenda') = (meeting_id IS NOT NULL))\n"
     ");\n"
     "CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, number);\n"
     "CREATE INDEX agenda_item_forum ON agenda_item(forum_id, state);\n"
     "CREATE TABLE followup (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    item_id INTEGER NOT NULL REFERENCES agenda_item(id),\n"
     "    forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    what TEXT NOT NULL,\n"
     "    owner_person_id INTEGER REFERENCES person(id),\n"
     "    owner_organisation_id INTEGER REFERENCES organisation(id),\n"
     "    owner_forum_id INTEGER REFERENCES forum(id),\n"
     "    due_on TEXT,\n"
     "    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),\n"
     "    bring_back INTEGER NOT NULL DEFAULT 0 CHECK (bring_back IN (0, 1)),\n"
     "    created_at TEXT NOT NULL,\n"
     "    closed_at TEXT,\n"
     "    CHECK ((CASE WHEN owner_person_id IS NULL THEN 0 ELSE 1 END)\n"
     "         + (CASE WHEN owner_organisation_id IS NULL THEN 0 ELSE 1 END)\n"
     "         + (CASE WHEN owner_forum_id IS NULL THEN 0 ELSE 1 END) = 1)\n"
     ");\n"
     "CREATE INDEX followup_item ON followup(item_id);\n"
     "CREATE INDEX followup_forum ON followup(forum_id, status);\n"
     "CREATE INDEX followup_owner_person ON followup(owner_person_id);\n"
     "CREATE TABLE referral (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    item_id INTEGER NOT NULL REFERENCES agenda_item(id),\n"
     "    from_forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    to_forum_id INTEGER NOT NULL REFERENCES forum(id),\n"
     "    direction TEXT NOT NULL CHECK (direction IN ('up', 'down', 'across')),\n"
     "    title TEXT NOT NULL,\n"
     "    note TEXT NOT NULL DEFAULT '',\n"
     "    answer_by TEXT,\n"
     "    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'withdrawn')),\n"
     "    answer TEXT NOT NULL DEFAULT '',\n"
     "    answered_at TEXT,\n"
     "    withdraw_reason TEXT NOT NULL DEFAULT '',\n"
     "    created_at TEXT NOT NULL,\n"
     "    CHECK (to_forum_id <> from_forum_id)\n"
     ");\n"
     "CREATE INDEX referral_item ON referral(item_id);\n"
     "CREATE INDEX referral_to ON referral(to_forum_id, status);\n"
     "CREATE INDEX referral_from ON referral(from_forum_id, status);\n"
     "ALTER TABLE agenda_item ADD COLUMN origin_followup_id INTEGER REFERENCES followup(id);\n"
     "ALTER TABLE agenda_item ADD COLUMN origin_referral_id INTEGER REFERENCES referral(id);\n"
     "CREATE INDEX agenda_item_origin_followup ON agenda_item(origin_followup_id);\n"
     "CREATE INDEX agenda_item_origin_referral ON agenda_item(origin_referral_id);\n"
     "CREATE TABLE attendance (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    meeting_id INTEGER NOT NULL REFERENCES meeting(id),\n"
     "    person_id INTEGER NOT NULL REFERENCES person(id),\n"
     "    kind TEXT NOT NULL CHECK (kind IN ('member', 'substitute', 'guest')),\n"
     "    status TEXT NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'absent',\n"
     "        'present')),\n"
     "    organisation_id INTEGER REFERENCES organisation(id),\n"
     "    substitute_for INTEGER REFERENCES person(id),\n"
     "    item_id INTEGER REFERENCES agenda_item(id) ON DELETE CASCADE,\n"
     "    note TEXT NOT NULL DEFAULT '',\n"
     "    absence_registered_at TEXT,\n"
     "    UNIQUE (meeting_id, person_id),\n"
     "    CHECK ((kind = 'substitute') = (substitute_for IS NOT NULL)),\n"
     "    CHECK (kind = 'guest' OR item_id IS NULL)\n"
     ");\n"
     "CREATE TABLE minutes_approver (\n"
     "    meeting_id INTEGER NOT NULL REFERENCES meeting(id),\n"
     "    person_id INTEGER NOT NULL REFERENCES person(id),\n"
     "    approved_on TEXT NOT NULL,\n"
     "    PRIMARY KEY (meeting_id, person_id)\n"
     ");\n"
     "CREATE TABLE attachment (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,\n"
     "    title TEXT NOT NULL,\n"
     "    created_at TEXT NOT NULL\n"
     ");\n"
     "CREATE INDEX attachment_item ON attachment(item_id);\n"
     "CREATE TABLE attachment_version (\n"
     "    id INTEGER PRIMARY KEY,\n"
     "    attachment_id INTEGER NOT NULL REFERENCES attachment(id) ON DELETE CASCADE,\n"
     "    version INTEGER NOT NULL CHECK (version >= 1),\n"
     "    filename TEXT NOT NULL,\n"
     "    content_type TEXT NOT NULL,\n"
     "    size INTEGER NOT NULL CHECK (size > 0),\n"
     "    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
     "    content BLOB NOT NULL,\n"
     "    uploaded_at TEXT NOT NULL,\n"
     "    uploaded_by TEXT NOT NULL,\n"
     "    UNIQUE (attachment_id, version)\n"
     ");\n"},
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_latest(void)
{
    return migrations[NMIGRATIONS - 1].version;
}

static int record(struct store *st, const struct migration *m, struct kl_error *err)
{
    sqlite3_stmt *s;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    int rc;

    gmtime_r(&t, &tm);
    strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    rc = store_prepare(st, "INSERT INTO schema_migrations(version, name, applied_at) "
                           "VALUES (?, ?, ?)",
                       &s, err, "recording a migration");
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, m->version);
    store_bind_text(s, 2, m->name);
    store_bind_text(s, 3, now);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = store_db_error(st, err, "recording a migration");
    sqlite3_finalize(s);
    return rc;
}

int store_migrate(struct store *st, struct kl_error *err)
{
    char pragma[64];
    int rc;

    rc = store_begin(st, err);
    if (rc)
        return rc;
    for (int i = 0; i < NMIGRATIONS; i++) {
        const struct migration *m = &migrations[i];
        char what[96];
        if (m->version <= st->version)
            continue;
        snprintf(what, sizeof(what), "migration %d (%s)", m->version, m->name);
        rc = store_exec(st, m->sql, err, what);
        if (rc == 0)
            rc = record(st, m, err);
        if (rc)
            goto fail;
    }
    snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; PRAGMA application_id = %d",
             store_schema_latest(), KLYNGE_APPLICATION_ID);
    rc = store_exec(st, pragma, err, "setting the schema version");
    if (rc)
        goto fail;
    rc = store_commit(st, err);
    if (rc)
        return rc;
    st->version = store_schema_latest();
    return 0;
fail:
    store_rollback(st);
    return rc;
}
