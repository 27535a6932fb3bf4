/* pages_forum_datapakke.c - a forum's choice of indicators for its data package, on the
 * forum's page: what the package shows (the forum's own choice, or else what its clusters
 * follow), and for the forum's secretary a form of the catalogue's indicators to choose from
 * (POST /forums/{id}/datapakke). app/indicator.h decides who may read and change it. */
#include "web/form.h"
#include "web/form_ui.h"
#include "web/handlers_datapakke.h"
#include "web/indicator_ui.h"
#include "web/request.h"
#include "app/indicator.h"
#include "app/permission.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "model/forum.h"
#include "model/indicator.h"
#include "render/html.h"

#include <string.h>

void forum_datapakke_section(struct request *r, struct html *h, const struct forum *f,
                             int manage)
{
    struct indicator *all;
    int64_t *counts;
    const char **codes;
    size_t nall, n;
    struct kl_error err;

    if (f->nclusters == 0 ||
        app_forum_indicators(r->store, r->arena, &r->who, f->id, &codes, &n, &err) ||
        app_indicator_list(r->store, r->arena, &all, &nall, &counts, &err))
        return;
    html_open(h, "section", "id", "datapakke", NULL);
    html_elem(h, "h2", T_(r, "Data package"));
    if (!n) {
        html_elem(h, "p", T_(r, "The forum has not chosen its own indicators: its data package "
                                "shows those its cluster follows."));
    } else {
        html_elem(h, "p", T_(r, "The forum's data package shows these indicators:"));
        html_open(h, "ul", NULL);
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < nall; i++)
                if (strcmp(all[i].code, codes[k]) == 0)
                    html_elem(h, "li", iu_name(r, &all[i]));
        html_close(h, "ul");
    }
    if (manage && nall) {
        html_lit(h, "<details><summary>");
        html_text(h, T_(r, "Choose the data package's indicators"));
        html_lit(h, "</summary>");
        html_elem(h, "p", T_(r, "Choose none to show what the cluster follows."));
        ui_form_begin(r, h, arena_printf(r->arena, "/forums/%lld/datapakke", (long long)f->id));
        iu_indicator_checkboxes(r, h, N_("Indicators"), all, nall, codes, n);
        ui_form_end(r, h, N_("Save the choice"));
        html_lit(h, "</details>");
    }
    html_close(h, "section");
}

int post_forum_datapakke(struct request *r)
{
    struct form f;
    const char **codes;
    size_t n = 0;
    long id;
    int rc;

    if ((rc = req_param_int(r, 0, 1, 2147483647L, &id)) || (rc = req_form(r, &f)))
        return rc;
    if (!(codes = iu_checked_indicators(r, &f, &n)))
        return req_fail(r, KL_ENOMEM, "out of memory");
    if ((rc = app_forum_indicators_set(r->store, &r->who, id, codes, n, &r->err)))
        return rc == KL_EINVAL ? req_fail(r, rc, "%s", r->err.msg) : rc;
    return res_redirect(r, arena_printf(r->arena, "/forums/%ld#datapakke", id));
}
