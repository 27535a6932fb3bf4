/* attachment.c - use cases of attachments: upload with the type from the content, a size
 * limit and SHA-256, versions, and reading as the item may be read (see
 * meeting_attachment.h). */
#include "app/meeting_attachment.h"
#include "app/meeting_impl.h"
#include "app/meeting_json.h"

#include "app/attachment_text.h"

#include "app/permission.h"
#include "app/principal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/i18n.h"
#include "model/fields.h"
#include "store/meeting.h"
#include "store/store.h"

#include <sodium.h>
#include <string.h>

void attachment_sha256_hex(const unsigned char *p, size_t n, char hex[SHA256_HEX_LEN + 1])
{
    unsigned char digest[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(digest, p, n);
    sodium_bin2hex(hex, SHA256_HEX_LEN + 1, digest, sizeof(digest));
}

/* Reads item id, who's access in its forum and its meeting's status. */
static int load_item(struct store *st, struct arena *a, const struct principal *who,
                     int64_t id, struct agenda_item *it, struct meeting_access *acc,
                     struct meeting *m, struct kl_error *err)
{
    int rc = store_item_get(st, a, id, it, err);

    memset(m, 0, sizeof(*m));
    m->status = MEETING_PLANNED;
    if (rc == 0)
        rc = meeting_access_of(st, who, it->forum_id, acc, err);
    if (rc == 0 && it->state == ITEM_AGENDA)
        rc = store_meeting_get(st, a, it->meeting_id, m, err);
    return rc;
}

/* 0 when who may see item it, else KL_EPERM (nothing of the forum) or KL_ENOTFOUND. */
static int may_read(struct store *st, const struct principal *who,
                    const struct meeting_access *acc, const struct agenda_item *it,
                    const struct meeting *m, struct kl_error *err)
{
    if (meeting_item_visible(acc, it, m->status))
        return 0;
    if (!acc->published)
        return app_authorize(st, who, PERM_FORUM_PUBLISHED, it->forum_id, err);
    return kl_error_set(err, KL_ENOTFOUND, "attachment: not found");
}

/* 0 when who may attach files to item it: the secretary, or the proposer of a proposal. */
static int may_attach(struct store *st, const struct principal *who,
                      const struct meeting_access *acc, const struct agenda_item *it,
                      struct kl_error *err)
{
    if (acc->manage)
        return 0;
    if (acc->propose && it->state == ITEM_PROPOSED && who->user_id > 0 &&
        it->proposed_by_user == who->user_id)
        return 0;
    return app_authorize(st, who, PERM_FORUM_MANAGE, it->forum_id, err);
}

/* Checks an upload: its title, size and type. Sets *type and *filename (in a). Returns
 * KL_ELIMIT over the limit, KL_EINVAL for other problems (fe filled), 0 when good. */
static int check_upload(struct arena *a, const struct attachment_upload *u, int with_title,
                        enum file_type *type, const char **filename, struct field_errors *fe,
                        struct kl_error *err)
{
    size_t limit = u->limit ? u->limit : ATTACHMENT_MAX_DEFAULT;
    const char *title = u->title ? u->title : "";

    if (with_title) {
        if (strlen(title) > MEETING_TEXT_MAX)
            fields_add(fe, "title", N_("is too long"));
        for (const char *p = title; *p; p++)
            if ((unsigned char)*p < ' ') {
                fields_add(fe, "title", N_("must be one line without control characters"));
                break;
            }
    }
    if (u->size > limit) {
        fields_add(fe, "file", N_("is larger than the size limit"));
        return kl_error_set(err, KL_ELIMIT, "the file is %zu bytes; at most %zu are accepted",
                            u->size, limit);
    }
    if (!u->data || u->size == 0) {
        fields_add(fe, "file", N_("is empty"));
        return meeting_invalid(fe, err);
    }
    *type = file_type_sniff(u->data, u->size);
    if (*type == FILE_UNKNOWN)
        fields_add(fe, "file", N_("is not a PDF, Word, Excel or PowerPoint file or an image "
                                  "(PNG, JPEG, GIF)"));
    if (fe->n)
        return meeting_invalid(fe, err);
    if (!(*filename = attachment_filename(a, u->filename, *type)))
        return meeting_oom(err);
    return 0;
}

/* Stores one version of attachment id from u. */
static int store_version(struct store *st, const struct principal *who, int64_t id,
                         const struct attachment_upload *u, enum file_type type,
                         const char *filename, int *version, struct kl_error *err)
{
    char hex[SHA256_HEX_LEN + 1];

    attachment_sha256_hex(u->data, u->size, hex);
    return store_attachment_add_version(st, id, filename, file_type_mime(type), u->data,
                                        u->size, hex,
                                        who->login && *who->login ? who->login : "system",
                                        version, err);
}

/* After an upload is stored: its text for the search (attachment_text.h). The upload
 * stands whatever happens here; a failure leaves the version without text, which
 * app_attachment_text_backfill fills in later. A PDF's text is left to it at once when the
 * caller asks (text_later); other types are recorded as having none here either way. */
static void index_text(struct store *st, int64_t id, int version, enum file_type type,
                       const struct attachment_upload *u)
{
    struct kl_error ignored;

    if (u->text_later && type == FILE_PDF)
        return;
    (void)app_attachment_text_extract(st, id, version, file_type_mime(type), u->data, u->size,
                                      &ignored);
}

int app_attachment_add(struct store *st, const struct principal *who, int64_t item_id,
                       const struct attachment_upload *u, int64_t *id, struct field_errors *fe,
                       struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    struct attachment_info info;
    enum file_type type = FILE_UNKNOWN;
    const char *filename = NULL;
    int64_t new_id = 0;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = load_item(st, a, who, item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = may_attach(st, who, &acc, &it, err);
    if (rc == 0 && m.status == MEETING_CANCELLED)
        rc = kl_error_set(err, KL_ECONFLICT, "the meeting is cancelled");
    if (rc == 0)
        rc = check_upload(a, u, 1, &type, &filename, fe, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_attachment_insert(st, item_id, u->title && *u->title ? u->title : filename,
                                     &new_id, err);
        if (rc == 0)
            rc = store_version(st, who, new_id, u, type, filename, NULL, err);
        if (rc == 0)
            rc = store_attachment_get(st, a, new_id, 0, &info, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "attachment", new_id, "create", it.forum_id, NULL,
                               attachment_json(&info), err);
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0)
        index_text(st, new_id, 1, type, u);
    if (rc == 0 && id)
        *id = new_id;
    arena_free(a);
    return rc;
}

int app_attachment_add_version(struct store *st, const struct principal *who, int64_t id,
                               const struct attachment_upload *u, int *version,
                               struct field_errors *fe, struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    struct attachment_info old, now;
    enum file_type type = FILE_UNKNOWN;
    const char *filename = NULL;
    int rc, added = 0;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_attachment_get(st, a, id, 0, &old, err);
    if (rc == 0)
        rc = load_item(st, a, who, old.item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = may_attach(st, who, &acc, &it, err);
    if (rc == 0 && m.status == MEETING_CANCELLED)
        rc = kl_error_set(err, KL_ECONFLICT, "the meeting is cancelled");
    if (rc == 0)
        rc = check_upload(a, u, 0, &type, &filename, fe, err);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_version(st, who, id, u, type, filename, &added, err);
        if (rc == 0)
            rc = store_attachment_get(st, a, id, 0, &now, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "attachment", id, "add_version", it.forum_id,
                               attachment_json(&old), attachment_json(&now), err);
        rc = meeting_finish(st, rc, err);
    }
    if (rc == 0) {
        index_text(st, id, added, type, u);
        if (version)
            *version = added;
    }
    arena_free(a);
    return rc;
}

int app_attachment_delete(struct store *st, const struct principal *who, int64_t id,
                          struct kl_error *err)
{
    struct arena *a;
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    struct attachment_info old;
    int rc;

    if (!(a = meeting_arena(err)))
        return KL_ENOMEM;
    rc = store_attachment_get(st, a, id, 0, &old, err);
    if (rc == 0)
        rc = load_item(st, a, who, old.item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = app_authorize(st, who, PERM_FORUM_MANAGE, it.forum_id, err);
    if (rc == 0 && it.state == ITEM_AGENDA && !meeting_agenda_editable(m.status))
        rc = kl_error_say(err, KL_ECONFLICT,
                          N_("The meeting's attachments stay as they are: add a new version "
                             "instead."),
                          "the meeting is %s: its attachments stay (add a "
                          "new version instead)", meeting_status_name(m.status));
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        rc = store_attachment_delete(st, id, err);
        if (rc == 0)
            rc = meeting_audit(st, who, "attachment", id, "delete", it.forum_id,
                               attachment_json(&old), NULL, err);
        rc = meeting_finish(st, rc, err);
    }
    arena_free(a);
    return rc;
}

int app_attachment_list(struct store *st, struct arena *a, const struct principal *who,
                        int64_t item_id, struct attachment_info **out, size_t *n,
                        struct kl_error *err)
{
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    int rc = load_item(st, a, who, item_id, &it, &acc, &m, err);

    *out = NULL;
    *n = 0;
    if (rc == 0)
        rc = may_read(st, who, &acc, &it, &m, err);
    return rc ? rc : store_attachment_list(st, a, item_id, out, n, err);
}

/* Reads attachment id at version and checks that who may see its item. */
static int load_readable(struct store *st, struct arena *a, const struct principal *who,
                         int64_t id, int version, struct attachment_info *out,
                         struct kl_error *err)
{
    struct meeting_access acc;
    struct agenda_item it;
    struct meeting m;
    int rc = store_attachment_get(st, a, id, version, out, err);

    if (rc == 0)
        rc = load_item(st, a, who, out->item_id, &it, &acc, &m, err);
    if (rc == 0)
        rc = may_read(st, who, &acc, &it, &m, err);
    return rc;
}

int app_attachment_versions(struct store *st, struct arena *a, const struct principal *who,
                            int64_t id, struct attachment_info **out, size_t *n,
                            struct kl_error *err)
{
    struct attachment_info latest;
    int rc = load_readable(st, a, who, id, 0, &latest, err);

    *out = NULL;
    *n = 0;
    return rc ? rc : store_attachment_versions(st, a, id, out, n, err);
}

int app_attachment_get(struct store *st, struct arena *a, const struct principal *who,
                       int64_t id, int version, struct attachment_file *out,
                       struct kl_error *err)
{
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = load_readable(st, a, who, id, version, &out->info, err)))
        return rc;
    return store_attachment_content(st, a, id, out->info.version, &out->data, &out->size, err);
}
