/* pages_indicator_import.c - the upload form for indicator values (administrators and
 * secretaries): a CSV file as sources publish it or Danish Excel saves it, checked row by
 * row; the problems are listed with line and column and nothing is imported, or the whole
 * file is. The route checks its own CSRF token (ROUTE_OWN_CSRF) from the form's fields,
 * since the server's check does not read multipart/form-data. */
#include "web/form.h"
#include "web/format.h"
#include "web/handlers.h"
#include "web/indicator_ui.h"
#include "web/layout.h"
#include "web/multipart.h"
#include "web/request.h"
#include "app/indicator.h"
#include "app/indicator_import.h"
#include "app/session.h"
#include "core/arena.h"
#include "core/problems.h"

#include <string.h>
#include <strings.h>

/* The page with the form; problems (may be NULL) are listed above it. */
static int import_page(struct request *r, const char *problems, const char *summary,
                       const char *chosen)
{
    struct indicator *inds;
    size_t n;
    struct html h;
    int rc = app_indicator_list(r->store, r->arena, &inds, &n, NULL, &r->err);

    if (rc)
        return rc;
    page_begin(r, &h, T_(r, "Import indicator values"), NAV_INDICATORS);
    if (summary) {
        html_open(&h, "div", "class", "notice", "role", "status", NULL);
        html_elem(&h, "p", summary);
        html_close(&h, "div");
    }
    if (problems) {
        const char *line = problems;
        html_open(&h, "div", "class", "notice error", "role", "alert", NULL);
        html_elem(&h, "p", T_(r, "The file has problems, and nothing was imported. Correct "
                                "them and import the file again:"));
        html_lit(&h, "<ul class=\"problems\">");
        while (*line) {
            size_t len = strcspn(line, "\n");
            html_lit(&h, "<li>");
            html_text(&h, arena_strndup(r->arena, line, len));
            html_lit(&h, "</li>");
            line += len + (line[len] == '\n');
        }
        html_lit(&h, "</ul>");
        html_close(&h, "div");
    }
    html_elem(&h, "p", T_(r, "A CSV file saved from Excel (semicolon and decimal comma, or "
                            "comma and decimal point), one value per row with the columns "
                            "indicator, period, geography, value and optionally numerator and "
                            "denominator; or a geography column and one column per period. A "
                            "geography is a municipality (code or name), a region or Hele "
                            "landet. Values for an indicator, period and kind of geography "
                            "replace those stored before; the audit log keeps both. Up to "
                            "25 MiB; larger files with klynge indicator import."));
    html_open(&h, "form", "method", "post", "action", "/indicators/import", "enctype",
              "multipart/form-data", "class", "stacked", NULL);
    html_open(&h, "input", "type", "hidden", "name", "csrf", "value",
              r->who.csrf_token ? r->who.csrf_token : "", NULL);
    html_lit(&h, "<label>");
    html_text(&h, T_(r, "File (CSV)"));
    html_open(&h, "input", "type", "file", "name", "file", "accept", ".csv,text/csv",
              "required", "", NULL);
    html_lit(&h, "</label><label>");
    html_text(&h, T_(r, "Indicator of a file without an indicator column"));
    html_open(&h, "select", "name", "indicator", NULL);
    html_open(&h, "option", "value", "", NULL);
    html_text(&h, T_(r, "(named in the file)"));
    html_close(&h, "option");
    for (size_t i = 0; i < n; i++) {
        html_open(&h, "option", "value", inds[i].code, "selected",
                  chosen && strcmp(chosen, inds[i].code) == 0 ? "" : NULL, NULL);
        html_textf(&h, "%s (%s)", iu_name(r, &inds[i]), inds[i].code);
        html_close(&h, "option");
    }
    html_close(&h, "select");
    html_lit(&h, "</label>");
    html_open(&h, "button", "type", "submit", NULL);
    html_text(&h, T_(r, "Import"));
    html_close(&h, "button");
    html_close(&h, "form");
    return page_end(r, &h);
}

int page_indicator_import(struct request *r)
{
    return import_page(r, NULL, NULL, NULL);
}

/* 1 when the body is multipart/form-data (a browser's file upload). */
static int is_multipart(struct request *r)
{
    const char *type = req_header(r, "Content-Type");
    return type && strncasecmp(type, "multipart/form-data", 19) == 0;
}

int post_indicator_import(struct request *r)
{
    const char *csrf = NULL, *indicator = NULL, *data = NULL, *name = "upload.csv";
    struct ind_import_summary sum;
    struct problems probs;
    struct multipart m = {0};
    size_t size = 0;
    int rc;

    if (is_multipart(r)) {
        const struct upload_part *file;
        if ((rc = req_multipart(r, &m))) {
            multipart_free(&m);
            return rc;
        }
        csrf = multipart_field(&m, "csrf");
        indicator = multipart_field(&m, "indicator");
        if ((file = multipart_file(&m, "file")) && file->size) {
            data = file->data;
            size = file->size;
            if (file->filename && *file->filename)
                name = arena_strdup(r->arena, file->filename);
        }
    } else {
        struct form f;
        if ((rc = req_form(r, &f)))
            return rc;
        csrf = form_get(&f, "csrf");
        indicator = form_get(&f, "indicator");
        if ((data = form_get(&f, "data")) && *data)
            size = strlen(data);
    }
    if (!app_csrf_ok(&r->who, csrf)) {
        multipart_free(&m);
        return req_fail(r, KL_EPERM, "%s", T_(r, "The form has expired or did not come from "
                                                "klynge. Reload the page and try again."));
    }
    indicator = indicator ? arena_strdup(r->arena, indicator) : NULL;
    if (!size) {
        multipart_free(&m);
        r->res.status = 400;
        return import_page(r, T_(r, "Choose a file to import."), NULL, indicator);
    }
    problems_init(&probs, name, 0);
    rc = app_indicator_import(r->store, &r->who, name, indicator, data, size, &probs, &sum,
                              &r->err);
    multipart_free(&m);
    if (rc == KL_EINVAL && probs.count) {
        r->res.status = 400;
        rc = import_page(r, arena_strdup(r->arena, problems_text(&probs)), NULL, indicator);
    } else if (rc == 0) {
        rc = import_page(r, NULL,
                         arena_printf(r->arena, T_(r, "%s: %zu values stored, %zu cells "
                                                      "without a value skipped, %zu stored "
                                                      "values replaced."),
                                      name, sum.values, sum.skipped, sum.replaced),
                         NULL);
    }
    problems_free(&probs);
    return rc;
}
