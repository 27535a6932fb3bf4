/* layout.c - the frame of every page (see layout.h). */
#include "web/layout.h"
#include "web/request.h"
#include "app/permission.h"

#include <string.h>

struct nav_item {
    enum nav_section section;
    const char *href;
    const char *label;
};

static const struct nav_item nav[] = {
    {NAV_HOME, "/", N_("Front page")},
    {NAV_REGIONS, "/regions", N_("Regions")},
    {NAV_CLUSTERS, "/clusters", N_("Clusters")},
    {NAV_MUNICIPALITIES, "/municipalities", N_("Municipalities")},
    {NAV_FORUMS, "/forums", N_("Forums")},
    {NAV_MEETINGS, "/meetings", N_("Meetings")},
    {NAV_PLANS, "/plans", N_("Action plans")},
    {NAV_INDICATORS, "/indicators", N_("Indicators")},
    {NAV_PEOPLE, "/organisations", N_("Organisations")},
};

static void account_box(struct request *r, struct html *h)
{
    struct kl_error err;

    html_lit(h, "<div class=\"account\">");
    if (r->who.method == AUTH_NONE) {
        html_open(h, "a", "href", "/login", NULL);
        html_text(h, T_(r, "Sign in"));
        html_close(h, "a");
    } else {
        html_open(h, "a", "href", "/account", NULL);
        html_text(h, r->who.name && *r->who.name ? r->who.name : r->who.login);
        html_close(h, "a");
        if (app_authorize(r->store, &r->who, PERM_AUDIT_READ, 0, &err) == 0) {
            html_open(h, "a", "href", "/audit", NULL);
            html_text(h, T_(r, "Audit log"));
            html_close(h, "a");
        }
        if (r->who.csrf_token) {
            html_open(h, "form", "method", "post", "action", "/logout", "class", "inline", NULL);
            html_open(h, "input", "type", "hidden", "name", "csrf", "value", r->who.csrf_token,
                      NULL);
            html_open(h, "button", "type", "submit", NULL);
            html_text(h, T_(r, "Sign out"));
            html_close(h, "button");
            html_close(h, "form");
        }
    }
    html_lit(h, "</div>");
}

void page_begin(struct request *r, struct html *h, const char *title, enum nav_section active)
{
    const int en = r->lang == LANG_EN;

    html_init(h, &r->res.body);
    html_lit(h, "<!doctype html>\n");
    html_open(h, "html", "lang", i18n_code(r->lang), NULL);
    html_lit(h, "<head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>");
    html_text(h, title);
    html_lit(h, " · klynge</title>"
                "<link rel=\"stylesheet\" href=\"/static/style.css\"></head>\n<body>");
    html_open(h, "a", "class", "skip", "href", "#content", NULL);
    html_text(h, T_(r, "Skip to content"));
    html_close(h, "a");
    html_lit(h, "<header class=\"site\"><div class=\"bar\">"
                "<a class=\"brand\" href=\"/\">klynge</a>");
    html_open(h, "nav", "aria-label", T_(r, "Main menu"), NULL);
    html_lit(h, "<ul>");
    for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
        html_lit(h, "<li>");
        html_open(h, "a", "href", nav[i].href, "aria-current",
                  nav[i].section == active ? "page" : NULL, NULL);
        html_text(h, T_(r, nav[i].label));
        html_close(h, "a");
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul></nav>");
    html_open(h, "form", "class", "site-search", "method", "get", "action", "/search", "role",
              "search", "aria-label", T_(r, "Site search"), NULL);
    html_open(h, "label", "for", "site-q", NULL);
    html_text(h, T_(r, "Search"));
    html_close(h, "label");
    html_open(h, "input", "type", "search", "id", "site-q", "name", "q", NULL);
    html_close(h, "form");
    account_box(r, h);
    html_open(h, "a", "class", "lang", "href", en ? "?lang=da" : "?lang=en", "lang",
              en ? "da" : "en", "hreflang", en ? "da" : "en", NULL);
    html_text(h, en ? "Dansk" : "English");
    html_close(h, "a");
    html_lit(h, "</div></header>\n<main id=\"content\">");
    html_elem(h, "h1", title);
    html_lit(h, "\n");
}

int page_end(struct request *r, struct html *h)
{
    html_lit(h, "</main>\n<footer class=\"site\"><p>");
    html_text(h, T_(r, "klynge: the shared workspace of a health cluster"));
    html_lit(h, " · ");
    html_textf(h, "%s %s", T_(r, "version"), KLYNGE_VERSION);
    html_lit(h, "</p></footer>\n</body>\n</html>\n");
    if (html_status(h))
        return req_fail(r, html_status(h), "the page could not be written (%s)",
                        kl_status_name(html_status(h)));
    return 0;
}
