/* pdf_merge.c - the agenda followed by its PDF attachments, through qpdf's C API (see
 * pdf_merge.h). Every qpdf handle is silenced (no output to stderr) and checked with
 * qpdf_has_error after the calls that do not return a status. */
#include "render/pdf_merge.h"

#include "core/buf.h"
#include "core/error.h"

#include <qpdf/qpdf-c.h>

#include <stdlib.h>

/* A qpdf handle that prints nothing and reports its errors to us. */
static qpdf_data quiet_qpdf(void)
{
    qpdf_data q = qpdf_init();

    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    return q;
}

/* Sets err from q's pending error (KL_EINVAL, "what: qpdf's message") and returns it. */
static int qpdf_failed(qpdf_data q, const char *what, struct kl_error *err)
{
    qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
    const char *detail = e ? qpdf_get_error_message_detail(q, e) : NULL;

    return kl_error_set(err, KL_EINVAL, "%s: %s", what,
                        detail && *detail ? detail : "the PDF cannot be read");
}

/* Writes q to memory (unencrypted, objects out of object streams, where one can read the
 * outline) and appends the bytes to out. Stream data is copied as it is, never decoded:
 * a small compressed stream that inflates to gigabytes costs nothing here. */
static int write_to(qpdf_data q, const char *what, struct buf *out, struct kl_error *err)
{
    if (qpdf_init_write_memory(q) & QPDF_ERRORS)
        return qpdf_failed(q, what, err);
    qpdf_set_decode_level(q, qpdf_dl_none);
    qpdf_set_compress_streams(q, QPDF_FALSE);
    qpdf_set_object_stream_mode(q, qpdf_o_disable);
    qpdf_set_preserve_encryption(q, QPDF_FALSE); /* an attachment's comes off */
    if (qpdf_write(q) & QPDF_ERRORS)
        return qpdf_failed(q, what, err);
    if (buf_append(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q)))
        return kl_error_set(err, KL_ENOMEM, "%s: the document is too large", what);
    return 0;
}

int pdf_attachment_check(const unsigned char *p, size_t n, struct buf *out, int *pages,
                         struct kl_error *err)
{
    qpdf_data q = quiet_qpdf();
    int rc = 0, np;

    *pages = 0;
    if (qpdf_read_memory(q, "attachment", (const char *)p, n, "") & QPDF_ERRORS) {
        rc = qpdf_failed(q, "the PDF cannot be read", err);
    } else if (qpdf_is_encrypted(q) && !qpdf_allow_modify_assembly(q)) {
        rc = kl_error_set(err, KL_EINVAL, "the PDF does not allow its pages to be assembled");
    } else if ((np = qpdf_get_num_pages(q)) <= 0 || qpdf_has_error(q)) {
        rc = np < 0 || qpdf_has_error(q) ? qpdf_failed(q, "the PDF's pages cannot be read", err)
                                         : kl_error_set(err, KL_EINVAL, "the PDF has no pages");
    } else if (np > PDF_ATTACHMENT_MAX_PAGES) {
        rc = kl_error_set(err, KL_EINVAL, "the PDF has %d pages; at most %d are merged", np,
                          PDF_ATTACHMENT_MAX_PAGES);
    } else {
        rc = write_to(q, "the PDF cannot be rewritten", out, err);
        if (rc == 0)
            *pages = np;
    }
    qpdf_cleanup(&q);
    return rc;
}

/* An indirect outline item {Title, Parent, Dest [page /Fit]} in q. */
static qpdf_oh outline_item(qpdf_data q, const char *title, qpdf_oh parent, qpdf_oh page)
{
    qpdf_oh item = qpdf_oh_new_dictionary(q), dest = qpdf_oh_new_array(q);

    qpdf_oh_append_item(q, dest, page);
    qpdf_oh_append_item(q, dest, qpdf_oh_new_name(q, "/Fit"));
    qpdf_oh_replace_key(q, item, "/Title", qpdf_oh_new_unicode_string(q, title));
    qpdf_oh_replace_key(q, item, "/Parent", parent);
    qpdf_oh_replace_key(q, item, "/Dest", dest);
    return qpdf_make_indirect_object(q, item);
}

/* Raises the number of visible descendants of an open outline node by add (a closed
 * node, whose /Count is negative, counts the other way). */
static void outline_count(qpdf_data q, qpdf_oh node, long long add)
{
    qpdf_oh count = qpdf_oh_get_key(q, node, "/Count");
    long long c = qpdf_oh_is_integer(q, count) ? qpdf_oh_get_int_value(q, count) : 0;

    qpdf_oh_replace_key(q, node, "/Count", qpdf_oh_new_integer(q, c < 0 ? c - add : c + add));
}

/* Appends item after the last child of parent and counts it. */
static void outline_append(qpdf_data q, qpdf_oh parent, qpdf_oh item)
{
    qpdf_oh last = qpdf_oh_get_key(q, parent, "/Last");

    if (qpdf_oh_is_dictionary(q, last)) {
        qpdf_oh_replace_key(q, last, "/Next", item);
        qpdf_oh_replace_key(q, item, "/Prev", last);
    } else {
        qpdf_oh_replace_key(q, parent, "/First", item);
    }
    qpdf_oh_replace_key(q, parent, "/Last", item);
    outline_count(q, parent, 1);
}

/* The document's outline dictionary, made when it has none. */
static qpdf_oh outlines_of(qpdf_data q)
{
    qpdf_oh root = qpdf_get_root(q), o = qpdf_oh_get_key(q, root, "/Outlines");

    if (qpdf_oh_is_dictionary(q, o))
        return o;
    o = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, o, "/Type", qpdf_oh_new_name(q, "/Outlines"));
    o = qpdf_make_indirect_object(q, o);
    qpdf_oh_replace_key(q, root, "/Outlines", o);
    return o;
}

/* Appends every page of part to q; *first is set to the index of its first page in q. */
static int add_part(qpdf_data q, qpdf_data src, const struct pdf_merge_part *part, int *first,
                    struct kl_error *err)
{
    int np, i;

    *first = qpdf_get_num_pages(q);
    if (qpdf_read_memory(src, part->title, (const char *)part->data, part->size, "") &
        QPDF_ERRORS)
        return qpdf_failed(src, part->title, err);
    if ((np = qpdf_get_num_pages(src)) <= 0 || qpdf_has_error(src))
        return qpdf_failed(src, part->title, err);
    for (i = 0; i < np; i++) {
        qpdf_oh page = qpdf_get_page_n(src, (size_t)i);
        if (qpdf_has_error(src))
            return qpdf_failed(src, part->title, err);
        if (qpdf_add_page(q, src, page, QPDF_FALSE) & QPDF_ERRORS)
            return qpdf_failed(q, part->title, err);
    }
    return 0;
}

int pdf_merge(const unsigned char *base, size_t nbase, const char *group_title,
              const struct pdf_merge_part *parts, size_t n, struct buf *out,
              struct kl_error *err)
{
    qpdf_data q = quiet_qpdf(), *src = calloc(n ? n : 1, sizeof *src);
    int *first = calloc(n ? n : 1, sizeof *first);
    size_t i;
    int rc = 0;

    if (!src || !first) {
        free(src);
        free(first);
        qpdf_cleanup(&q);
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    if (qpdf_read_memory(q, "agenda", (const char *)base, nbase, "") & QPDF_ERRORS)
        rc = qpdf_failed(q, "the agenda", err);
    for (i = 0; rc == 0 && i < n; i++) {
        src[i] = quiet_qpdf();
        rc = add_part(q, src[i], &parts[i], &first[i], err);
    }
    if (rc == 0 && n) {
        qpdf_oh outlines = outlines_of(q);
        qpdf_oh group = outline_item(q, group_title, outlines,
                                     qpdf_get_page_n(q, (size_t)first[0]));

        outline_append(q, outlines, group);
        for (i = 0; i < n; i++)
            outline_append(q, group, outline_item(q, parts[i].title, group,
                                                  qpdf_get_page_n(q, (size_t)first[i])));
        outline_count(q, outlines, (long long)n); /* the group is open: its children show */
        if (qpdf_has_error(q))
            rc = qpdf_failed(q, "the outline", err);
    }
    if (rc == 0)
        rc = write_to(q, "the merged document", out, err);
    for (i = 0; i < n; i++)
        if (src[i])
            qpdf_cleanup(&src[i]);
    qpdf_cleanup(&q);
    free(src);
    free(first);
    return rc;
}
