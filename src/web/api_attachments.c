/* api_attachments.c - the JSON API of attachments (bilag): upload a file to an agenda item
 * and a new version of an attachment as multipart/form-data (a "file" part, an optional
 * "title" part), read an attachment with every version, and remove one. The type comes
 * from the content (the app layer decides it); a file over the limit gives 413. The bytes
 * are served by the page route GET /attachments/{id} (?version=N), always as a download. */
#include "web/handlers_api_meetings.h"
#include "web/json_out.h"
#include "web/meeting_api.h"
#include "web/multipart.h"
#include "web/request.h"
#include "web/server.h"
#include "app/meeting_attachment.h"
#include "app/meeting_json.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/fields.h"

#include <string.h>

/* The attachment's JSON with its address: the latest version, or version v (> 0). */
static json_t *with_url(struct request *r, const struct attachment_info *i, int v)
{
    json_t *o = attachment_json(i);
    const char *url = v ? arena_printf(r->arena, "/attachments/%lld?version=%d",
                                       (long long)i->id, v)
                        : arena_printf(r->arena, "/attachments/%lld", (long long)i->id);

    if (o && (!url || json_object_set_new(o, "url", json_string(url)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Attachment id as the principal sees it now: the latest version with "history", every
 * version newest first. NULL with *rc set when it cannot be read. */
static json_t *reread(struct request *r, int64_t id, int *rc)
{
    struct attachment_info *v;
    size_t n;
    json_t *o, *list;
    int bad = 0;

    if ((*rc = app_attachment_versions(r->store, r->arena, &r->who, id, &v, &n, &r->err)))
        return NULL;
    if (n == 0) {
        *rc = req_fail(r, KL_ENOTFOUND, "attachment: not found");
        return NULL;
    }
    v[0].nversions = v[0].nversions ? v[0].nversions : (int)n;
    o = with_url(r, &v[0], 0);
    list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        v[i].nversions = v[0].nversions;
        bad |= mapi_push(list, with_url(r, &v[i], v[i].version));
    }
    if (!o || !list || bad || json_object_set_new(o, "history", list)) {
        json_decref(o);
        if (!o || bad)
            json_decref(list);
        *rc = req_fail(r, KL_ENOMEM, "out of memory");
        return NULL;
    }
    return o;
}

/* Reads the upload of the multipart body into u (the file's bytes stay in m). An absent
 * "file" part leaves u empty: the app layer refuses it once it has decided the right. A
 * "title" part that is not text goes to fe. */
static int read_upload(struct request *r, struct multipart *m, struct attachment_upload *u,
                       int *file_missing, struct field_errors *fe)
{
    const struct upload_part *file;
    int rc = req_multipart(r, m);

    if (rc)
        return rc;
    file = multipart_file(m, "file");
    *file_missing = !file;
    if (file) {
        u->filename = file->filename;
        u->data = (const unsigned char *)file->data;
        u->size = file->size;
    }
    u->limit = r->cfg->max_attachment;
    u->text_later = 1;
    u->title = multipart_field(m, "title");
    for (size_t i = 0; !u->title && i < m->n; i++)
        if (strcmp(m->parts[i].name, "title") == 0) {
            fields_add(fe, "title", N_("must be text"));
            break;
        }
    return 0;
}

/* A refusal of an absent file names what is missing rather than an empty file. */
static void name_missing_file(int rc, int file_missing, struct field_errors *fe)
{
    if (rc == KL_EINVAL && file_missing && fields_get(fe, "file")) {
        struct field_errors named = {0};
        for (size_t i = 0; i < fe->n; i++)
            fields_add(&named, fe->field[i],
                       strcmp(fe->field[i], "file") ? fe->msg[i] : N_("is required"));
        *fe = named;
    }
}

int api_attachment_create(struct request *r)
{
    struct field_errors fe = {0};
    struct attachment_upload u = {0};
    struct multipart m = {0};
    int64_t item, id = 0;
    int rc, missing = 0;
    json_t *out = NULL;

    if ((rc = mapi_param_id(r, 0, &item)))
        return rc;
    rc = read_upload(r, &m, &u, &missing, &fe);
    if (rc == 0)
        rc = app_attachment_add(r->store, &r->who, item, &u, &id, &fe, &r->err);
    r->text_pending = rc == 0;
    multipart_free(&m);
    name_missing_file(rc, missing, &fe);
    if (rc == 0)
        out = reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_attachment_version(struct request *r)
{
    struct field_errors fe = {0};
    struct attachment_upload u = {0};
    struct multipart m = {0};
    int64_t id;
    int rc, missing = 0;
    json_t *out = NULL;

    if ((rc = mapi_param_id(r, 0, &id)))
        return rc;
    rc = read_upload(r, &m, &u, &missing, &fe);
    if (rc == 0)
        rc = app_attachment_add_version(r->store, &r->who, id, &u, NULL, &fe, &r->err);
    r->text_pending = rc == 0;
    multipart_free(&m);
    name_missing_file(rc, missing, &fe);
    if (rc == 0)
        out = reread(r, id, &rc);
    return mapi_saved(r, rc, &fe, 201, out);
}

int api_attachment(struct request *r)
{
    int64_t id;
    int rc;
    json_t *out;

    if ((rc = mapi_param_id(r, 0, &id)))
        return rc;
    out = reread(r, id, &rc);
    return rc ? rc : res_json(r, out);
}

int api_attachment_delete(struct request *r)
{
    int64_t id;
    int rc;

    if ((rc = mapi_param_id(r, 0, &id)) ||
        (rc = app_attachment_delete(r->store, &r->who, id, &r->err)))
        return rc;
    return mapi_deleted(r);
}
