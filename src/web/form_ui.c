/* form_ui.c - labelled form fields with their problems (see form_ui.h). */
#include "web/form_ui.h"
#include "web/request.h"
#include "core/arena.h"
#include "model/fields.h"
#include "render/html.h"

#include <string.h>

void ui_form_begin(struct request *r, struct html *h, const char *action)
{
    html_open(h, "form", "method", "post", "action", action, "class", "stacked", NULL);
    html_open(h, "input", "type", "hidden", "name", "csrf", "value",
              r->who.csrf_token ? r->who.csrf_token : "", NULL);
}

void ui_form_end(struct request *r, struct html *h, const char *submit_label)
{
    html_open(h, "button", "type", "submit", NULL);
    html_text(h, T_(r, submit_label));
    html_close(h, "button");
    html_close(h, "form");
}

/* Opens the label; returns the id of the field's problem text, or NULL when it has none. */
static const char *label_begin(struct request *r, struct html *h, const char *label,
                               const char *name, const struct field_errors *fe)
{
    const char *problem = fe ? fields_get(fe, name) : NULL;
    const char *id = problem ? arena_printf(r->arena, "problem-%s", name) : NULL;

    html_lit(h, "<label>");
    html_text(h, T_(r, label));
    if (problem) {
        html_open(h, "span", "class", "field-problem", "id", id, NULL);
        html_text(h, T_(r, problem));
        html_close(h, "span");
    }
    return id;
}

void ui_input(struct request *r, struct html *h, const char *label, const char *name,
              const char *type, const char *value, int required, const struct field_errors *fe)
{
    const char *problem_id = label_begin(r, h, label, name, fe);

    html_open(h, "input", "type", type, "name", name, "value", value ? value : "", "required",
              required ? "" : NULL, "aria-invalid", problem_id ? "true" : NULL,
              "aria-describedby", problem_id, NULL);
    html_lit(h, "</label>");
}

void ui_textarea(struct request *r, struct html *h, const char *label, const char *name,
                 const char *value, const struct field_errors *fe)
{
    const char *problem_id = label_begin(r, h, label, name, fe);

    html_open(h, "textarea", "name", name, "rows", "8", "aria-invalid",
              problem_id ? "true" : NULL, "aria-describedby", problem_id, NULL);
    html_text(h, value);
    html_close(h, "textarea");
    html_lit(h, "</label>");
}

void ui_select(struct request *r, struct html *h, const char *label, const char *name,
               const struct choice *choices, size_t n, const char *selected, int verbatim,
               const struct field_errors *fe)
{
    const char *problem_id = label_begin(r, h, label, name, fe);

    html_open(h, "select", "name", name, "aria-invalid", problem_id ? "true" : NULL,
              "aria-describedby", problem_id, NULL);
    for (size_t i = 0; i < n; i++) {
        html_open(h, "option", "value", choices[i].value, "selected",
                  selected && strcmp(selected, choices[i].value) == 0 ? "" : NULL, NULL);
        html_text(h, verbatim ? choices[i].label : T_(r, choices[i].label));
        html_close(h, "option");
    }
    html_close(h, "select");
    html_lit(h, "</label>");
}

void ui_checkbox(struct request *r, struct html *h, const char *label, const char *name,
                 int checked)
{
    html_lit(h, "<label class=\"check\">");
    html_open(h, "input", "type", "checkbox", "name", name, "value", "1", "checked",
              checked ? "" : NULL, NULL);
    html_text(h, T_(r, label));
    html_lit(h, "</label>");
}

void ui_problems(struct request *r, struct html *h, const struct field_errors *fe)
{
    if (!fe || !fe->n)
        return;
    html_open(h, "div", "class", "notice error", "role", "alert", NULL);
    html_elem(h, "p", T_(r, "The form has problems. Fix the fields marked below."));
    html_close(h, "div");
}
