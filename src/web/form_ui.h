/* form_ui.h - the pieces of HTML forms: labelled fields that show their problem next to the
 * field (aria-invalid, aria-describedby), so that a form sent back with errors tells a
 * person, and a screen reader, what to fix. Labels and messages are msgids, translated here. */
#ifndef KL_WEB_FORM_UI_H
#define KL_WEB_FORM_UI_H

#include <stddef.h>

struct html;
struct request;
struct field_errors;

struct choice {
    const char *value;
    const char *label; /* msgid, or a name shown as it is when verbatim is set */
};

/* Starts a POST form to action with the session's CSRF token. */
void ui_form_begin(struct request *r, struct html *h, const char *action);
void ui_form_end(struct request *r, struct html *h, const char *submit_label);

/* A one-line input of type ("text", "date", "email", "number") called name. */
void ui_input(struct request *r, struct html *h, const char *label, const char *name,
              const char *type, const char *value, int required, const struct field_errors *fe);

/* A multi-line text area. */
void ui_textarea(struct request *r, struct html *h, const char *label, const char *name,
                 const char *value, const struct field_errors *fe);

/* A select of n choices; selected is the chosen value (may be NULL). verbatim: the labels are
 * names to show as they are, not msgids. */
void ui_select(struct request *r, struct html *h, const char *label, const char *name,
               const struct choice *choices, size_t n, const char *selected, int verbatim,
               const struct field_errors *fe);

/* A checkbox sending "1" when ticked. */
void ui_checkbox(struct request *r, struct html *h, const char *label, const char *name,
                 int checked);

/* The summary at the top of a form sent back with problems (nothing when fe is empty). */
void ui_problems(struct request *r, struct html *h, const struct field_errors *fe);

#endif
