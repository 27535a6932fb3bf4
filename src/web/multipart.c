/* multipart.c - multipart/form-data through libmicrohttpd's post processor (see
 * multipart.h). */
#include "web/multipart.h"
#include "web/request.h"
#include "core/arena.h"
#include "core/utf8.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

struct collect {
    struct request *r;
    struct multipart *m;
    int failed;      /* 0, KL_EINVAL or KL_ENOMEM */
};

/* Adds size bytes to part p (the processor hands a part's data in order). */
static int append(struct upload_part *p, const char *data, size_t size)
{
    if (size && buf_append(&p->content, data, size))
        return KL_ENOMEM;
    p->data = buf_cstr(&p->content);
    p->size = p->content.len;
    return 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    struct collect *c = cls;
    struct multipart *m = c->m;
    struct upload_part *p = m->n ? &m->parts[m->n - 1] : NULL;

    (void)kind;
    (void)transfer_encoding;
    if (!key)
        return MHD_YES;
    /* a new part starts at offset 0, or when the name changes */
    if (!p || off == 0 || strcmp(p->name, key) != 0) {
        if (m->n == MULTIPART_MAX_PARTS) {
            c->failed = KL_EINVAL;
            return MHD_NO;
        }
        p = &m->parts[m->n++];
        memset(p, 0, sizeof(*p));
        p->name = arena_strdup(c->r->arena, key);
        p->filename = filename ? arena_strdup(c->r->arena, filename) : NULL;
        p->content_type = content_type ? arena_strdup(c->r->arena, content_type) : NULL;
        buf_init(&p->content, 0);
        p->data = "";
        if (!p->name) {
            c->failed = KL_ENOMEM;
            return MHD_NO;
        }
    }
    if (append(p, data, size)) {
        c->failed = KL_ENOMEM;
        return MHD_NO;
    }
    return MHD_YES;
}

int req_multipart(struct request *r, struct multipart *out)
{
    const char *type = req_header(r, "Content-Type");
    struct collect c = {r, out, 0};
    struct MHD_PostProcessor *pp;
    enum MHD_Result ok;

    out->n = 0;
    if (!type || strncasecmp(type, "multipart/form-data", 19) != 0)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "The form must be sent as multipart/form-data."));
    pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, &c);
    if (!pp)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "The upload could not be read."));
    ok = r->body.len ? MHD_post_process(pp, r->body.data, r->body.len) : MHD_YES;
    MHD_destroy_post_processor(pp);
    if (c.failed == KL_ENOMEM)
        return req_fail(r, KL_ENOMEM, "out of memory reading the upload");
    if (c.failed || ok != MHD_YES)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "The upload could not be read."));
    return 0;
}

void multipart_free(struct multipart *m)
{
    for (size_t i = 0; i < m->n; i++)
        buf_free(&m->parts[i].content);
    m->n = 0;
}

const char *multipart_field(const struct multipart *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!m->parts[i].filename && strcmp(m->parts[i].name, name) == 0)
            return strlen(m->parts[i].data) == m->parts[i].size &&
                           utf8_valid(m->parts[i].data, m->parts[i].size, NULL)
                       ? m->parts[i].data
                       : NULL;
    return NULL;
}

const struct upload_part *multipart_file(const struct multipart *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->parts[i].filename && strcmp(m->parts[i].name, name) == 0)
            return &m->parts[i];
    return NULL;
}
