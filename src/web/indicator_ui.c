/* indicator_ui.c - indicator values in words, numbers, badges, charts and tables (see
 * indicator_ui.h). */
#include "web/indicator_ui.h"
#include "web/form.h"
#include "web/format.h"
#include "web/request.h"
#include "app/discretion.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/number.h"
#include "render/chart.h"
#include "render/html.h"

#include <math.h>
#include <string.h>

static const char *const months[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

const char *iu_name(struct request *r, const struct indicator *ind)
{
    return r->lang == LANG_EN ? ind->name_en : ind->name_da;
}

#define CHECK_PREFIX "ind_"

void iu_indicator_checkboxes(struct request *r, struct html *h, const char *legend,
                             const struct indicator *all, size_t n, const char *const *chosen,
                             size_t nchosen)
{
    html_open(h, "fieldset", NULL);
    html_elem(h, "legend", T_(r, legend));
    for (size_t i = 0; i < n; i++) {
        int ticked = 0;
        for (size_t k = 0; k < nchosen && !ticked; k++)
            ticked = strcmp(chosen[k], all[i].code) == 0;
        html_lit(h, "<label class=\"check\">");
        html_open(h, "input", "type", "checkbox", "name",
                  arena_printf(r->arena, CHECK_PREFIX "%s", all[i].code), "value", "1",
                  "checked", ticked ? "" : NULL, NULL);
        html_text(h, iu_name(r, &all[i]));
        html_lit(h, "</label>");
    }
    html_close(h, "fieldset");
}

const char **iu_checked_indicators(struct request *r, const struct form *f, size_t *n)
{
    const char **codes = arena_calloc(r->arena, f->n + 1, sizeof(*codes));

    *n = 0;
    if (!codes)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (strncmp(f->name[i], CHECK_PREFIX, strlen(CHECK_PREFIX)) == 0 &&
            strcmp(f->value[i], "1") == 0)
            codes[(*n)++] = f->name[i] + strlen(CHECK_PREFIX);
    return codes;
}

const char *iu_unit(struct request *r, const struct indicator *ind)
{
    switch (ind->unit) {
    case IND_UNIT_PERCENT: return "%";
    case IND_UNIT_PER_1000: return T_(r, "per 1,000 citizens");
    case IND_UNIT_DAYS: return T_(r, "days");
    case IND_UNIT_SCORE: return T_(r, "score");
    default: return T_(r, "number");
    }
}

const char *iu_period(struct request *r, const struct period *p)
{
    switch (p->kind) {
    case PERIOD_QUARTER:
        return r->lang == LANG_DA ? arena_printf(r->arena, "%d. kvt. %d", p->part, p->year)
                                  : arena_printf(r->arena, "Q%d %d", p->part, p->year);
    case PERIOD_MONTH:
        return arena_printf(r->arena, "%s %d",
                            p->part >= 1 && p->part <= 12 ? T_(r, months[p->part - 1]) : "?",
                            p->year);
    default:
        return arena_printf(r->arena, "%d", p->year);
    }
}

const char *iu_geo(struct request *r, const struct ind_geo *g)
{
    return g->kind == GEO_COUNTRY ? T_(r, "The whole country") : g->name;
}

const char *iu_number(struct request *r, double v, int decimals)
{
    char out[48];
    number_format(v, decimals, r->lang == LANG_DA ? ',' : '.', r->lang == LANG_DA ? '.' : ',',
                  out, sizeof(out));
    return arena_strdup(r->arena, out);
}

const char *iu_cell(struct request *r, const struct ind_grid *g, const struct ind_cell *c)
{
    char text[8];

    if (c->hidden != CELL_SHOWN) {
        discretion_text(g, c->hidden, text);
        return arena_strdup(r->arena, text);
    }
    if (!c->has_value)
        return "–";
    return iu_number(r, c->value, g->ind.decimals);
}

const char *iu_count(struct request *r, int64_t v)
{
    return v < 0 ? "" : fmt_int(r, v);
}

const char *iu_signal_text(struct request *r, enum signal s, int vs_country)
{
    static const char *const prev[SIGNAL_COUNT_] = {"", N_("improving"), N_("unchanged"),
                                                    N_("worsening"), N_("higher"), N_("lower")};
    static const char *const country[SIGNAL_COUNT_] = {
        "", N_("better than the country"), N_("level with the country"),
        N_("worse than the country"), N_("above the country"), N_("below the country")};
    if ((unsigned)s >= SIGNAL_COUNT_ || s == SIGNAL_NONE)
        return "";
    return T_(r, vs_country ? country[s] : prev[s]);
}

const char *iu_signal_class(enum signal s)
{
    switch (s) {
    case SIGNAL_GOOD: return "good";
    case SIGNAL_SAME: return "same";
    case SIGNAL_BAD: return "bad";
    case SIGNAL_UP:
    case SIGNAL_DOWN: return "neutral";
    default: return "";
    }
}

const char *iu_signal_shape(enum signal s)
{
    switch (s) {
    case SIGNAL_GOOD: return "\xE2\x97\x8F";  /* ● */
    case SIGNAL_SAME: return "\xE2\x96\xB2";  /* ▲ */
    case SIGNAL_BAD: return "\xE2\x96\xA0";   /* ■ */
    case SIGNAL_UP: return "\xE2\x86\x91";    /* ↑ */
    case SIGNAL_DOWN: return "\xE2\x86\x93";  /* ↓ */
    default: return "";
    }
}

void iu_signal(struct request *r, struct html *h, enum signal s, int vs_country)
{
    if (s == SIGNAL_NONE || (unsigned)s >= SIGNAL_COUNT_)
        return;
    html_open(h, "span", "class", arena_printf(r->arena, "signal %s", iu_signal_class(s)),
              NULL);
    html_open(h, "span", "aria-hidden", "true", NULL);
    html_text(h, iu_signal_shape(s));
    html_close(h, "span");
    html_text(h, " ");
    html_text(h, iu_signal_text(r, s, vs_country));
    html_close(h, "span");
}

const char *iu_missing(struct request *r, const struct ind_grid *g, const struct ind_cell *c)
{
    int geo;

    switch (c->missing) {
    case MISSING_MEMBER:
        geo = ind_grid_geo(g, GEO_MUNICIPALITY, c->missing_code);
        return arena_printf(r->arena, T_(r, "not computed: %s has no value"),
                            geo >= 0 ? g->geos[geo].name : c->missing_code);
    case MISSING_NOT_SUMMED:
        return T_(r, "not computed: the values have no numerator and denominator to add up");
    case MISSING_NO_MEMBERS:
        return T_(r, "the cluster had no municipalities in this period");
    default:
        return NULL;
    }
}

void iu_legend(struct request *r, struct html *h, const struct ind_grid *g)
{
    char small[8];

    discretion_text(g, CELL_SMALL, small);
    html_open(h, "div", "class", "legend", NULL);
    html_open(h, "p", NULL);
    html_open(h, "strong", NULL);
    html_text(h, small);
    html_close(h, "strong");
    html_text(h, " ");
    html_textf(h, T_(r, "a value based on fewer than %d people or events, hidden for "
                        "statistical discretion."),
               g->ind.min_count);
    html_text(h, " ");
    html_elem(h, "strong", "x");
    html_text(h, " ");
    html_text(h, T_(r, "a value hidden so that a hidden value cannot be worked out from a "
                       "total."));
    html_text(h, " ");
    html_elem(h, "strong", "–");
    html_text(h, " ");
    html_text(h, T_(r, "no value."));
    html_close(h, "p");
    html_open(h, "p", NULL);
    html_text(h, T_(r, "Signals compare with the previous period and with the whole country, "
                       "within the indicator's tolerance:"));
    html_text(h, " ");
    iu_signal(r, h, SIGNAL_GOOD, 0);
    html_text(h, " ");
    iu_signal(r, h, SIGNAL_SAME, 0);
    html_text(h, " ");
    iu_signal(r, h, SIGNAL_BAD, 0);
    html_close(h, "p");
    if (g->sees_small) {
        html_open(h, "p", "class", "notice", NULL);
        html_text(h, T_(r, "You may see small numbers. Values marked with * are shown to "
                           "others as <5 or x."));
        html_close(h, "p");
    }
    html_close(h, "div");
}

static const char *better_text(struct request *r, enum ind_better b)
{
    switch (b) {
    case IND_BETTER_LOWER: return T_(r, "lower is better");
    case IND_BETTER_HIGHER: return T_(r, "higher is better");
    default: return T_(r, "neither direction is better in itself");
    }
}

static const char *period_kind_text(struct request *r, enum period_kind k)
{
    switch (k) {
    case PERIOD_QUARTER: return T_(r, "per quarter");
    case PERIOD_MONTH: return T_(r, "per month");
    default: return T_(r, "per year");
    }
}

static const char *source_kind_text(struct request *r, enum ind_source k)
{
    switch (k) {
    case IND_SRC_SDS: return T_(r, "Sundhedsdatastyrelsen (eSundhed, data packages)");
    case IND_SRC_NATIONAL_GOALS: return T_(r, "National goals for the health service");
    case IND_SRC_OWN_DATA: return T_(r, "the cluster's own data");
    case IND_SRC_ENGINE: return T_(r, "computed by klynge's engine");
    default: return T_(r, "another public source");
    }
}

static void fact(struct request *r, struct html *h, const char *term, const char *text)
{
    if (!text || !*text)
        return;
    html_elem(h, "dt", T_(r, term));
    html_elem(h, "dd", text);
}

void iu_definition(struct request *r, struct html *h, const struct indicator *ind)
{
    html_lit(h, "<dl class=\"facts definition\">");
    fact(r, h, N_("Definition"), ind->description);
    fact(r, h, N_("Numerator"), ind->numerator);
    fact(r, h, N_("Denominator"), ind->denominator);
    fact(r, h, N_("Unit"), iu_unit(r, ind));
    fact(r, h, N_("Direction"), better_text(r, ind->better));
    fact(r, h, N_("Period"), period_kind_text(r, ind->period_kind));
    html_elem(h, "dt", T_(r, "Source"));
    html_lit(h, "<dd>");
    html_text(h, source_kind_text(r, ind->source_kind));
    if (*ind->source) {
        html_text(h, ": ");
        if (*ind->source_url) {
            html_open(h, "a", "href", ind->source_url, NULL);
            html_text(h, ind->source);
            html_close(h, "a");
        } else {
            html_text(h, ind->source);
        }
    }
    html_lit(h, "</dd>");
    fact(r, h, N_("Discretion"),
         arena_printf(r->arena, T_(r, "values based on fewer than %d are hidden"),
                      ind->min_count));
    fact(r, h, N_("Signal"),
         ind->signal_rule == SIGNAL_RULE_RELATIVE
             ? arena_printf(r->arena, T_(r, "unchanged within %s %% of the value compared with"),
                            iu_number(r, ind->tolerance, ind->tolerance == floor(ind->tolerance)
                                                             ? 0 : 1))
             : arena_printf(r->arena, T_(r, "unchanged within %s (%s)"),
                            iu_number(r, ind->tolerance, ind->tolerance == floor(ind->tolerance)
                                                             ? 0 : 1),
                            iu_unit(r, ind)));
    html_elem(h, "dt", T_(r, "Verified"));
    html_lit(h, "<dd>");
    if (ind->verified) {
        html_text(h, T_(r, "yes: the definition was checked against its source"));
    } else {
        html_open(h, "strong", "class", "verify", NULL);
        html_text(h, T_(r, "To verify against the source"));
        html_close(h, "strong");
        html_text(h, ": ");
        html_text(h, ind->verify_note);
    }
    html_lit(h, "</dd></dl>\n");
}

int iu_series(struct request *r, struct html *h, const struct ind_grid *g, const int *geos,
              size_t n, int emphasise_first, const char *id, const char *title)
{
    size_t np = g->nperiods - g->first_period, ns = 0;
    struct chart_series *series = arena_calloc(r->arena, n + 1, sizeof(*series));
    const char **labels = arena_calloc(r->arena, np + 1, sizeof(*labels));
    struct chart_line c = {0};
    struct buf svg;
    int rc, style = 0;

    if (!series || !labels)
        return req_fail(r, KL_ENOMEM, "out of memory");
    if (np > CHART_MAX_POINTS || n > CHART_MAX_SERIES)
        return req_fail(r, KL_EINVAL, "%s", T_(r, "Too many periods to draw: choose a shorter "
                                                 "period."));
    for (size_t p = 0; p < np; p++) {
        char text[PERIOD_TEXT_MAX];
        period_format(&g->periods[g->first_period + p], text);
        labels[p] = arena_strdup(r->arena, text);
    }
    for (size_t i = 0; i < n; i++) {
        const struct ind_geo *geo = &g->geos[geos[i]];
        double *v = arena_calloc(r->arena, np + 1, sizeof(*v));
        if (!v)
            return req_fail(r, KL_ENOMEM, "out of memory");
        for (size_t p = 0; p < np; p++) {
            const struct ind_cell *cell = ind_grid_cell(g, g->first_period + p, (size_t)geos[i]);
            v[p] = cell->has_value && cell->hidden == CELL_SHOWN ? cell->value : NAN;
        }
        series[ns].name = iu_geo(r, geo);
        series[ns].values = v;
        series[ns].emphasis = emphasise_first && i == 0;
        series[ns].dashed = geo->kind == GEO_COUNTRY;
        /* the country has a style of its own; the others take 0-6 in turn */
        series[ns].style =
            geo->kind == GEO_COUNTRY ? CHART_STYLES - 1 : style++ % (CHART_STYLES - 1);
        ns++;
    }
    c.id = id;
    c.title = title;
    c.desc = T_(r, "The values over time; the table below holds the same numbers. Gaps are "
                   "periods without a value or with a hidden value.");
    c.labels = labels;
    c.npoints = np;
    c.series = series;
    c.nseries = ns;
    c.decimal = r->lang == LANG_DA ? ',' : '.';
    c.group = r->lang == LANG_DA ? '.' : ',';
    c.unit = iu_unit(r, &g->ind);
    buf_init(&svg, (size_t)4 << 20);
    rc = chart_line_svg(&c, &svg, &r->err);
    if (rc == 0) {
        html_lit(h, "<figure class=\"chart\">");
        html_rendered(h, svg.data, svg.len);
        html_lit(h, "</figure>");
    }
    buf_free(&svg);
    if (rc)
        return rc;
    /* the table behind the chart: periods down, geographies across */
    html_open(h, "div", "class", "table-scroll", "tabindex", "0", "role", "region",
              "aria-label", arena_printf(r->arena, "%s: %s", title, T_(r, "table")), NULL);
    html_lit(h, "<table class=\"series\"><caption>");
    html_text(h, arena_printf(r->arena, "%s (%s)", title, iu_unit(r, &g->ind)));
    html_lit(h, "</caption><thead><tr>");
    html_open(h, "th", "scope", "col", NULL);
    html_text(h, T_(r, "Period"));
    html_close(h, "th");
    for (size_t i = 0; i < n; i++) {
        html_open(h, "th", "scope", "col", NULL);
        html_text(h, iu_geo(r, &g->geos[geos[i]]));
        html_close(h, "th");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t p = g->first_period; p < g->nperiods; p++) {
        html_lit(h, "<tr>");
        html_open(h, "th", "scope", "row", NULL);
        html_text(h, iu_period(r, &g->periods[p]));
        html_close(h, "th");
        for (size_t i = 0; i < n; i++) {
            const struct ind_cell *cell = ind_grid_cell(g, p, (size_t)geos[i]);
            const char *why = iu_missing(r, g, cell);
            html_open(h, "td", "class", "num", "title", why, NULL);
            html_text(h, iu_cell(r, g, cell));
            if (g->sees_small && cell->would_hide)
                html_text(h, "*");
            html_close(h, "td");
        }
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table></div>\n");
    return 0;
}
