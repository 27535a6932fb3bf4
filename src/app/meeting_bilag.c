/* meeting_bilag.c - the attachments of an agenda for "dagsorden med bilag" (see
 * meeting_bilag.h): read as the principal may, each PDF checked and rewritten by
 * render/pdf_merge.h on its own, named on the agenda with its page, merged after it. */
#include "app/meeting_bilag.h"

#include "app/meeting_agenda.h"
#include "app/meeting_attachment.h"
#include "core/arena.h"
#include "core/error.h"
#include "render/pdf_merge.h"

#include <stdlib.h>
#include <string.h>

static const char *name_of(const struct attachment_info *info)
{
    return info->title && *info->title ? info->title : info->filename;
}

/* Reads attachment f (content in a private arena, freed at once) and checks it. */
static int read_one(struct store *st, const struct principal *who,
                    const struct attachment_info *info, struct bilag_file *f, size_t *total,
                    struct kl_error *err)
{
    struct attachment_file file;
    struct kl_error why;
    struct arena *tmp;
    int rc;

    if (!info->content_type || strcmp(info->content_type, "application/pdf") != 0) {
        f->state = BILAG_NOT_PDF;
        return 0;
    }
    if (*total + (size_t)info->size > BILAG_MAX_BYTES) {
        f->state = BILAG_TOO_LARGE;
        return 0;
    }
    if (!(tmp = arena_new(0)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    rc = app_attachment_get(st, tmp, who, info->id, 0, &file, err);
    if (rc == 0) {
        kl_error_clear(&why);
        buf_init(&f->pdf, BILAG_MAX_BYTES - *total);
        rc = pdf_attachment_check(file.data, file.size, &f->pdf, &f->pages, &why);
        if (rc == KL_EINVAL) {
            f->state = BILAG_BROKEN;
            rc = 0;
        } else if (rc == KL_ENOMEM) {
            f->state = BILAG_TOO_LARGE;
            rc = 0;
        } else if (rc) {
            kl_error_set(err, rc, "%s", why.msg);
        }
        if (f->state != BILAG_MERGED)
            buf_free(&f->pdf);
        else
            *total += f->pdf.len;
    }
    arena_free(tmp);
    return rc;
}

int bilag_collect(struct store *st, struct arena *a, const struct principal *who,
                  const struct agenda *ag, struct bilag_set *set, struct kl_error *err)
{
    size_t i, j, n = 0, total = 0;
    int rc = 0;

    memset(set, 0, sizeof *set);
    for (i = 0; i < ag->nitems; i++)
        n += ag->items[i].nattachments;
    if (!(set->files = arena_calloc(a, n ? n : 1, sizeof *set->files)))
        return kl_error_set(err, KL_ENOMEM, "out of memory");
    for (i = 0; rc == 0 && i < ag->nitems; i++)
        for (j = 0; rc == 0 && j < ag->items[i].nattachments; j++) {
            struct bilag_file *f = &set->files[set->n++];
            f->item = i;
            f->index = j;
            f->name = name_of(&ag->items[i].attachments[j]);
            rc = read_one(st, who, &ag->items[i].attachments[j], f, &total, err);
        }
    return rc;
}

const char **bilag_names(struct arena *a, enum i18n_language lang, const struct agenda *ag,
                         const struct bilag_set *set, size_t item, int agenda_pages)
{
    size_t n = ag->items[item].nattachments, k;
    const char **names = arena_calloc(a, n ? n : 1, sizeof *names);
    int page = agenda_pages + 1;

    for (k = 0; names && k < set->n; k++) {
        const struct bilag_file *f = &set->files[k];
        const char *s = NULL;

        if (f->item == item && f->state == BILAG_MERGED)
            s = arena_printf(a, i18n_get(lang, N_("%s (page %d)")), f->name, page);
        else if (f->item == item && f->state == BILAG_NOT_PDF)
            s = arena_printf(a, i18n_get(lang, N_("%s (not included: not a PDF)")), f->name);
        else if (f->item == item && f->state == BILAG_BROKEN)
            s = arena_printf(a, i18n_get(lang, N_("%s (not included: the PDF cannot be read)")),
                             f->name);
        else if (f->item == item)
            s = arena_printf(a, i18n_get(lang, N_("%s (not included: the document would be "
                                                  "too large)")), f->name);
        if (f->state == BILAG_MERGED)
            page += f->pages;
        if (f->item == item && !(names[f->index] = s))
            return NULL;
    }
    return names;
}

int bilag_merge(const struct bilag_set *set, enum i18n_language lang, const struct agenda *ag,
                const unsigned char *agenda, size_t n, struct buf *out, struct kl_error *err)
{
    struct pdf_merge_part *parts = calloc(set->n ? set->n : 1, sizeof *parts);
    struct arena *a = arena_new(0);
    size_t k, np = 0;
    int rc = 0;

    if (!parts || !a)
        rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    for (k = 0; rc == 0 && k < set->n; k++) {
        const struct bilag_file *f = &set->files[k];
        if (f->state != BILAG_MERGED)
            continue;
        parts[np].title = arena_printf(a, i18n_get(lang, N_("Item %d: %s")),
                                       ag->items[f->item].item.number, f->name);
        parts[np].data = (const unsigned char *)f->pdf.data;
        parts[np].size = f->pdf.len;
        if (!parts[np++].title)
            rc = kl_error_set(err, KL_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = pdf_merge(agenda, n, i18n_get(lang, N_("Attachments")), parts, np, out, err);
    free(parts);
    arena_free(a);
    return rc;
}

void bilag_free(struct bilag_set *set)
{
    for (size_t k = 0; k < set->n; k++)
        if (set->files[k].state == BILAG_MERGED)
            buf_free(&set->files[k].pdf);
}
