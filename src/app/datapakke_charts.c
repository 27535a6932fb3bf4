/* datapakke_charts.c - a data package's grids as the renderer's charts and texts (see
 * datapakke_impl.h): per section the geographies of the cluster (the cluster, each
 * municipality counted in it in a shown period, the country), the bars of the latest period,
 * the table of values with both signals as marks and words, the line over time, and the
 * definition; the overview of every section's latest value; the legend; and the warning
 * when any value shown is synthetic demo data. Numbers and words are written as the pages
 * write them (web/indicator_ui.c), with the same message ids, so a translation serves both;
 * hidden values come only from the grid (discretion_text), never from a stored value. */
#include "app/datapakke_impl.h"

#include "app/discretion.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/number.h"
#include "render/chart.h"
#include "render/pdf_datapakke.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct dp {
    struct arena *a;
    enum i18n_language lang;
    int oom;
};

static const char *tr(struct dp *x, const char *msgid)
{
    return i18n_get(x->lang, msgid);
}

static const char *keep(struct dp *x, const char *s)
{
    if (!s)
        x->oom = 1;
    return s ? s : "";
}

static const char *const months[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

static const char *name(struct dp *x, const struct indicator *ind)
{
    return x->lang == LANG_EN ? ind->name_en : ind->name_da;
}

static const char *unit(struct dp *x, const struct indicator *ind)
{
    switch (ind->unit) {
    case IND_UNIT_PERCENT: return "%";
    case IND_UNIT_PER_1000: return tr(x, N_("per 1,000 citizens"));
    case IND_UNIT_DAYS: return tr(x, N_("days"));
    case IND_UNIT_SCORE: return tr(x, N_("score"));
    default: return tr(x, N_("number"));
    }
}

static const char *period(struct dp *x, const struct period *p)
{
    switch (p->kind) {
    case PERIOD_QUARTER:
        return keep(x, x->lang == LANG_DA ? arena_printf(x->a, "%d. kvt. %d", p->part, p->year)
                                          : arena_printf(x->a, "Q%d %d", p->part, p->year));
    case PERIOD_MONTH:
        return keep(x, arena_printf(x->a, "%s %d",
                                    p->part >= 1 && p->part <= 12 ? tr(x, months[p->part - 1])
                                                                  : "?",
                                    p->year));
    default:
        return keep(x, arena_printf(x->a, "%d", p->year));
    }
}

static const char *geo_name(struct dp *x, const struct ind_geo *g)
{
    return g->kind == GEO_COUNTRY ? tr(x, N_("The whole country")) : g->name;
}

static const char *number(struct dp *x, double v, int decimals)
{
    char out[48];
    number_format(v, decimals, x->lang == LANG_DA ? ',' : '.', x->lang == LANG_DA ? '.' : ',',
                  out, sizeof out);
    return keep(x, arena_strdup(x->a, out));
}

/* What a cell shows: its value, "<5" or "x" when hidden, "–" without one; "*" after a value
 * that others see hidden. */
static const char *cell_text(struct dp *x, const struct ind_grid *g, const struct ind_cell *c)
{
    char text[8];

    if (c->hidden != CELL_SHOWN) {
        discretion_text(g, c->hidden, text);
        return keep(x, arena_strdup(x->a, text));
    }
    if (!c->has_value)
        return "\xE2\x80\x93";
    if (g->sees_small && c->would_hide)
        return keep(x, arena_printf(x->a, "%s*", number(x, c->value, g->ind.decimals)));
    return number(x, c->value, g->ind.decimals);
}

static const char *count(struct dp *x, int64_t v)
{
    return v < 0 ? "" : number(x, (double)v, 0);
}

static const char *signal_words(struct dp *x, enum signal s, int vs_country)
{
    static const char *const prev[SIGNAL_COUNT_] = {"", N_("improving"), N_("unchanged"),
                                                    N_("worsening"), N_("higher"), N_("lower")};
    static const char *const country[SIGNAL_COUNT_] = {
        "", N_("better than the country"), N_("level with the country"),
        N_("worse than the country"), N_("above the country"), N_("below the country")};
    if ((unsigned)s >= SIGNAL_COUNT_ || s == SIGNAL_NONE)
        return NULL;
    return tr(x, vs_country ? country[s] : prev[s]);
}

static enum chart_mark mark(enum signal s)
{
    switch (s) {
    case SIGNAL_GOOD: return CHART_MARK_GOOD;
    case SIGNAL_SAME: return CHART_MARK_SAME;
    case SIGNAL_BAD: return CHART_MARK_BAD;
    case SIGNAL_UP: return CHART_MARK_UP;
    case SIGNAL_DOWN: return CHART_MARK_DOWN;
    default: return CHART_MARK_NONE;
    }
}

static const char *shape(enum signal s)
{
    switch (s) {
    case SIGNAL_GOOD: return " \xE2\x97\x8F";
    case SIGNAL_SAME: return " \xE2\x96\xB2";
    case SIGNAL_BAD: return " \xE2\x96\xA0";
    case SIGNAL_UP: return " \xE2\x86\x91";
    case SIGNAL_DOWN: return " \xE2\x86\x93";
    default: return "";
    }
}

/* The geographies of cluster code in g: the cluster, each municipality counted in it in a
 * shown period, the country. 0 when the cluster is not in the grid. */
static size_t cluster_geos(struct dp *x, const struct ind_grid *g, const char *code, int **out)
{
    int cg = ind_grid_geo(g, GEO_CLUSTER, code), country;
    int *geos = arena_calloc(x->a, g->ngeo + 2, sizeof *geos);
    char *seen = arena_calloc(x->a, g->ngeo + 1, 1);
    size_t k = 0;

    *out = geos;
    if (!geos || !seen) {
        x->oom = 1;
        return 0;
    }
    if (cg < 0)
        return 0;
    geos[k++] = cg;
    for (size_t p = g->first_period; p < g->nperiods; p++) {
        size_t nm;
        const int *m = ind_grid_members(g, p, (size_t)cg, &nm);
        for (size_t i = 0; i < nm; i++)
            seen[m[i]] = 1;
    }
    for (size_t geo = 0; geo < g->ngeo; geo++)
        if (seen[geo])
            geos[k++] = (int)geo;
    country = ind_grid_geo(g, GEO_COUNTRY, GEO_COUNTRY_CODE);
    if (country >= 0)
        geos[k++] = country;
    return k;
}

static int is_country(const struct ind_grid *g, int geo)
{
    return geo >= 0 && g->geos[geo].kind == GEO_COUNTRY;
}

static const char *chart_id(struct dp *x, const char *prefix, size_t i)
{
    return keep(x, arena_printf(x->a, "%s-%zu", prefix, i));
}

/* The values of geography geo over the shown periods: NAN where none is shown. */
static const double *series_values(struct dp *x, const struct ind_grid *g, int geo)
{
    size_t np = g->nperiods - g->first_period;
    double *v = arena_calloc(x->a, np + 1, sizeof *v);

    if (!v) {
        x->oom = 1;
        return NULL;
    }
    for (size_t p = 0; p < np; p++) {
        const struct ind_cell *c = ind_grid_cell(g, g->first_period + p, (size_t)geo);
        v[p] = c->has_value && c->hidden == CELL_SHOWN ? c->value : NAN;
    }
    return v;
}

static struct chart_bars *bars(struct dp *x, const struct ind_grid *g, const int *geos,
                               size_t n, size_t p, size_t idx)
{
    struct chart_bars *c = arena_calloc(x->a, 1, sizeof *c);
    struct chart_bar *b = arena_calloc(x->a, n + 1, sizeof *b);
    size_t k = 0;
    int country = is_country(g, geos[n - 1]) ? geos[n - 1] : -1;

    if (!c || !b) {
        x->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < n && k < CHART_MAX_BARS; i++) {
        const struct ind_cell *cell = ind_grid_cell(g, p, (size_t)geos[i]);
        enum signal s = cell->vs_country;
        if (geos[i] == country)
            continue;
        b[k].name = geo_name(x, &g->geos[geos[i]]);
        b[k].value = cell->has_value && cell->hidden == CELL_SHOWN ? cell->value : NAN;
        b[k].label = keep(x, arena_printf(x->a, "%s%s", cell_text(x, g, cell), shape(s)));
        b[k].tone = s == SIGNAL_GOOD ? CHART_TONE_GOOD : s == SIGNAL_SAME ? CHART_TONE_SAME
                    : s == SIGNAL_BAD ? CHART_TONE_BAD : CHART_TONE_NEUTRAL;
        b[k].emphasis = i == 0;
        k++;
    }
    c->id = chart_id(x, "bars", idx);
    c->title = keep(x, arena_printf(x->a, "%s, %s", name(x, &g->ind),
                                    period(x, &g->periods[p])));
    c->desc = tr(x, N_("The cluster and each municipality against the whole country (the "
                       "dashed line), coloured and marked by their signal against the country; "
                       "the table below holds the same numbers and signals in words."));
    c->bars = b;
    c->n = k;
    c->reference = NAN;
    if (country >= 0) {
        const struct ind_cell *cc = ind_grid_cell(g, p, (size_t)country);
        if (cc->has_value && cc->hidden == CELL_SHOWN) {
            c->reference = cc->value;
            c->reference_label = keep(x, arena_printf(x->a, "%s: %s",
                                                      tr(x, N_("The whole country")),
                                                      cell_text(x, g, cc)));
        }
    }
    return c;
}

static struct chart_table *value_table(struct dp *x, const struct ind_grid *g, const int *geos,
                                       size_t n, size_t p, size_t idx)
{
    static const double widths[] = {64, 72, 88, 150, 150};
    struct chart_table *t = arena_calloc(x->a, 1, sizeof *t);
    const char **cols = arena_calloc(x->a, 5, sizeof *cols);
    const char **rows = arena_calloc(x->a, n + 1, sizeof *rows);
    int *emph = arena_calloc(x->a, n + 1, sizeof *emph);
    struct chart_cell *cells = arena_calloc(x->a, 5 * n + 1, sizeof *cells);

    if (!t || !cols || !rows || !emph || !cells) {
        x->oom = 1;
        return NULL;
    }
    if (n > CHART_MAX_ROWS)
        n = CHART_MAX_ROWS;
    cols[0] = tr(x, N_("Value"));
    cols[1] = tr(x, N_("Numerator"));
    cols[2] = tr(x, N_("Denominator"));
    cols[3] = tr(x, N_("Against the previous period"));
    cols[4] = tr(x, N_("Against the country"));
    for (size_t i = 0; i < n; i++) {
        const struct ind_cell *c = ind_grid_cell(g, p, (size_t)geos[i]);
        struct chart_cell *row = &cells[i * 5];
        rows[i] = geo_name(x, &g->geos[geos[i]]);
        emph[i] = g->geos[geos[i]].kind != GEO_MUNICIPALITY;
        row[0].text = cell_text(x, g, c);
        row[1].text = count(x, c->numerator);
        row[2].text = count(x, c->denominator);
        row[3].mark = mark(c->vs_prev);
        row[3].words = signal_words(x, c->vs_prev, 0);
        row[4].mark = mark(c->vs_country);
        row[4].words = signal_words(x, c->vs_country, 1);
    }
    t->id = chart_id(x, "values", idx);
    t->title = keep(x, arena_printf(x->a, "%s, %s", name(x, &g->ind),
                                    period(x, &g->periods[p])));
    t->desc = tr(x, N_("Values with numerators, denominators and both signals."));
    t->corner = tr(x, N_("Geography"));
    t->columns = cols;
    t->widths = widths;
    t->ncols = 5;
    t->rows = rows;
    t->emphasis = emph;
    t->nrows = n;
    t->cells = cells;
    return t;
}

static struct chart_line *line(struct dp *x, const struct ind_grid *g, const int *geos,
                               size_t n, size_t idx)
{
    size_t np = g->nperiods - g->first_period;
    struct chart_line *c = arena_calloc(x->a, 1, sizeof *c);
    struct chart_series *s = arena_calloc(x->a, n + 1, sizeof *s);
    const char **labels = arena_calloc(x->a, np + 1, sizeof *labels);
    int style = 0;

    if (!c || !s || !labels) {
        x->oom = 1;
        return NULL;
    }
    if (np > CHART_MAX_POINTS || n > CHART_MAX_SERIES)
        return NULL;
    for (size_t p = 0; p < np; p++) {
        char text[PERIOD_TEXT_MAX];
        period_format(&g->periods[g->first_period + p], text);
        labels[p] = keep(x, arena_strdup(x->a, text));
    }
    for (size_t i = 0; i < n; i++) {
        const struct ind_geo *geo = &g->geos[geos[i]];
        s[i].name = geo_name(x, geo);
        s[i].values = series_values(x, g, geos[i]);
        s[i].emphasis = i == 0;
        s[i].dashed = geo->kind == GEO_COUNTRY;
        s[i].style = geo->kind == GEO_COUNTRY ? CHART_STYLES - 1 : style++ % (CHART_STYLES - 1);
    }
    c->id = chart_id(x, "line", idx);
    c->title = keep(x, arena_printf(x->a, "%s: %s", name(x, &g->ind), geo_name(x, &g->geos[geos[0]])));
    c->desc = tr(x, N_("The values over time; the table below holds the same numbers. Gaps are "
                       "periods without a value or with a hidden value."));
    c->labels = labels;
    c->npoints = np;
    c->series = s;
    c->nseries = n;
    c->decimal = x->lang == LANG_DA ? ',' : '.';
    c->group = x->lang == LANG_DA ? '.' : ',';
    c->unit = unit(x, &g->ind);
    return c;
}

static const char *better_text(struct dp *x, enum ind_better b)
{
    switch (b) {
    case IND_BETTER_LOWER: return tr(x, N_("lower is better"));
    case IND_BETTER_HIGHER: return tr(x, N_("higher is better"));
    default: return tr(x, N_("neither direction is better in itself"));
    }
}

static const char *period_kind_text(struct dp *x, enum period_kind k)
{
    switch (k) {
    case PERIOD_QUARTER: return tr(x, N_("per quarter"));
    case PERIOD_MONTH: return tr(x, N_("per month"));
    default: return tr(x, N_("per year"));
    }
}

static const char *source_kind_text(struct dp *x, enum ind_source k)
{
    switch (k) {
    case IND_SRC_SDS: return tr(x, N_("Sundhedsdatastyrelsen (eSundhed, data packages)"));
    case IND_SRC_NATIONAL_GOALS: return tr(x, N_("National goals for the health service"));
    case IND_SRC_OWN_DATA: return tr(x, N_("the cluster's own data"));
    case IND_SRC_ENGINE: return tr(x, N_("computed by klynge's engine"));
    default: return tr(x, N_("another public source"));
    }
}

/* Where the values shown for geos came from: the distinct batch labels of stored cells. */
static const char *value_sources(struct dp *x, const struct ind_grid *g, const int *geos,
                                 size_t n, int *synthetic)
{
    struct buf b;
    const char *out;

    buf_init(&b, 4096);
    for (size_t p = g->first_period; p < g->nperiods; p++)
        for (size_t i = 0; i < n; i++) {
            const struct ind_cell *c = ind_grid_cell(g, p, (size_t)geos[i]);
            const char *l = c->source_label;
            if (c->computed || (!c->has_value && c->hidden == CELL_SHOWN) || !l || !*l)
                continue;
            if (c->source_kind == VALUE_SRC_SYNTHETIC)
                *synthetic = 1;
            if (strlen(l) < 200 && !strstr(buf_cstr(&b), l))
                buf_printf(&b, "%s%s", b.len ? "; " : "", l);
        }
    out = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return keep(x, out);
}

static struct pdf_dp_fact *facts(struct dp *x, const struct indicator *ind, const char *values,
                                 size_t *n)
{
    struct pdf_dp_fact *f = arena_calloc(x->a, 12, sizeof *f);
    const char *tol = number(x, ind->tolerance, ind->tolerance == floor(ind->tolerance) ? 0 : 1);
    size_t k = 0;

    if (!f) {
        x->oom = 1;
        return NULL;
    }
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Code")), ind->code};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Definition")), ind->description};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Numerator")), ind->numerator};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Denominator")), ind->denominator};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Unit")), unit(x, ind)};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Direction")), better_text(x, ind->better)};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Period")), period_kind_text(x, ind->period_kind)};
    f[k++] = (struct pdf_dp_fact){
        tr(x, N_("Source")),
        keep(x, arena_printf(x->a, "%s%s%s%s%s", source_kind_text(x, ind->source_kind),
                             *ind->source ? ": " : "", ind->source,
                             *ind->source_url ? " " : "", ind->source_url))};
    f[k++] = (struct pdf_dp_fact){
        tr(x, N_("Discretion")),
        keep(x, arena_printf(x->a, tr(x, N_("values based on fewer than %d are hidden")),
                             ind->min_count))};
    f[k++] = (struct pdf_dp_fact){
        tr(x, N_("Signal")),
        keep(x, ind->signal_rule == SIGNAL_RULE_RELATIVE
                    ? arena_printf(x->a,
                                   tr(x, N_("unchanged within %s %% of the value compared with")),
                                   tol)
                    : arena_printf(x->a, tr(x, N_("unchanged within %s (%s)")), tol,
                                   unit(x, ind)))};
    f[k++] = (struct pdf_dp_fact){
        tr(x, N_("Verified")),
        ind->verified ? tr(x, N_("yes: the definition was checked against its source"))
                      : keep(x, arena_printf(x->a, "%s: %s",
                                             tr(x, N_("To verify against the source")),
                                             ind->verify_note))};
    f[k++] = (struct pdf_dp_fact){tr(x, N_("Values from")), values};
    *n = k;
    return f;
}

/* One section's page and definition. */
static void section(struct dp *x, const struct dp_section *s, size_t idx, int several,
                    struct pdf_dp_indicator *out, struct chart_cell *ov, int *synthetic)
{
    const struct ind_grid *g = &s->grid;
    int *geos;
    size_t n = cluster_geos(x, g, s->cluster, &geos), p;
    struct buf notes;

    out->name = several ? keep(x, arena_printf(x->a, "%s: %s",
                                               n ? g->geos[geos[0]].name : s->cluster,
                                               name(x, &g->ind)))
                        : name(x, &g->ind);
    out->meta = keep(x, arena_printf(x->a, "%s \xC2\xB7 %s \xC2\xB7 %s", g->ind.code,
                                     unit(x, &g->ind), g->ind.source));
    buf_init(&notes, 8192);
    if (!g->ind.verified)
        buf_printf(&notes, "%s: %s\n", tr(x, N_("To verify against the source")),
                   g->ind.verify_note);
    for (size_t i = 1; i + 1 < n; i++) {
        int shared = 0;
        for (size_t q = g->first_period; q < g->nperiods && !shared; q++)
            shared = ind_grid_cell(g, q, (size_t)geos[i])->shared;
        if (shared)
            buf_printf(&notes, "%s %s\n", g->geos[geos[i]].name,
                       tr(x, N_("(also in another cluster)")));
    }
    out->notes = keep(x, arena_strdup(x->a, buf_cstr(&notes)));
    buf_free(&notes);
    out->facts = facts(x, &g->ind, value_sources(x, g, geos, n, synthetic), &out->nfacts);
    if (n == 0 || g->nperiods == g->first_period) {
        out->empty = tr(x, N_("No values for this cluster in the periods shown."));
        for (size_t c = 0; c < 5; c++)
            ov[c].text = c == 0 ? "\xE2\x80\x93" : NULL;
        return;
    }
    p = ind_grid_latest(g, geos, n - (is_country(g, geos[n - 1]) ? 1 : 0));
    out->bars_heading = keep(x, arena_printf(x->a, "%s: %s", tr(x, N_("Latest period")),
                                             period(x, &g->periods[p])));
    out->bars = bars(x, g, geos, n, p, idx);
    out->table = value_table(x, g, geos, n, p, idx);
    out->line_heading = tr(x, N_("Over time"));
    out->line = line(x, g, geos, n, idx);
    /* the overview's row: period, the cluster, the country, both signals of the cluster */
    {
        const struct ind_cell *c = ind_grid_cell(g, p, (size_t)geos[0]);
        int country = is_country(g, geos[n - 1]) ? geos[n - 1] : -1;
        ov[0].text = period(x, &g->periods[p]);
        ov[1].text = cell_text(x, g, c);
        ov[1].spark = series_values(x, g, geos[0]);
        ov[1].nspark = g->nperiods - g->first_period;
        if (country >= 0) {
            ov[2].text = cell_text(x, g, ind_grid_cell(g, p, (size_t)country));
            ov[2].spark = series_values(x, g, country);
            ov[2].nspark = g->nperiods - g->first_period;
        }
        ov[3].mark = mark(c->vs_country);
        ov[3].words = signal_words(x, c->vs_country, 1);
        ov[4].mark = mark(c->vs_prev);
        ov[4].words = signal_words(x, c->vs_prev, 0);
    }
}

int dp_build(struct arena *a, enum i18n_language lang, const struct dp_section *s, size_t n,
             struct pdf_datapakke *d)
{
    static const double widths[] = {56, 76, 76, 150, 150};
    struct dp x = {a, lang, 0};
    struct pdf_dp_indicator *ind = arena_calloc(a, n + 1, sizeof *ind);
    struct chart_table *ov = arena_calloc(a, 1, sizeof *ov);
    struct chart_cell *cells = arena_calloc(a, 5 * n + 1, sizeof *cells);
    const char **rows = arena_calloc(a, n + 1, sizeof *rows);
    const char **cols = arena_calloc(a, 5, sizeof *cols);
    struct buf clusters;
    int synthetic = 0, several = 0, min_count = 5;

    if (!ind || !ov || !cells || !rows || !cols)
        return KL_ENOMEM;
    for (size_t i = 1; i < n; i++)
        several |= strcmp(s[i].cluster, s[0].cluster) != 0;
    buf_init(&clusters, 4096);
    for (size_t i = 0; i < n; i++) {
        const struct ind_grid *g = &s[i].grid;
        int cg = ind_grid_geo(g, GEO_CLUSTER, s[i].cluster);
        const char *cname = cg >= 0 ? g->geos[cg].name : s[i].cluster;
        if (!strstr(buf_cstr(&clusters), cname))
            buf_printf(&clusters, "%s%s", clusters.len ? ", " : "", cname);
        section(&x, &s[i], i, several, &ind[i], &cells[i * 5], &synthetic);
        rows[i] = ind[i].name;
        if (i == 0)
            min_count = g->ind.min_count;
    }
    d->clusters = keep(&x, arena_strdup(a, buf_cstr(&clusters)));
    buf_free(&clusters);
    if (synthetic)
        d->warning = tr(&x, N_("Synthetic data: the values in this data package are synthetic "
                               "demo data, not real figures."));
    d->intro = tr(&x, N_("The forum's fixed selection: the indicators its cluster follows. "
                         "Values based on few people or events are hidden as on klynge's "
                         "pages."));
    d->legend = keep(&x, arena_printf(
        a, "%s%d %s  x %s  \xE2\x80\x93 %s  %s",
        "<", min_count,
        keep(&x, arena_printf(a, tr(&x, N_("a value based on fewer than %d people or events, "
                                            "hidden for statistical discretion.")),
                              min_count)),
        tr(&x, N_("a value hidden so that a hidden value cannot be worked out from a total.")),
        tr(&x, N_("no value.")),
        tr(&x, N_("Signals: \xE2\x97\x8F improving / better than the country, \xE2\x96\xB2 "
                  "unchanged / level with the country, \xE2\x96\xA0 worsening / worse than "
                  "the country; \xE2\x86\x91 \xE2\x86\x93 higher or lower where neither "
                  "direction is better. Values marked * are shown to others as <5 or x."))));
    cols[0] = tr(&x, N_("Period"));
    cols[1] = tr(&x, N_("The cluster"));
    cols[2] = tr(&x, N_("The whole country"));
    cols[3] = tr(&x, N_("Against the country"));
    cols[4] = tr(&x, N_("Against the previous period"));
    ov->id = "overview";
    ov->title = tr(&x, N_("Overview: the latest period"));
    ov->desc = tr(&x, N_("Each indicator's latest value for the cluster and the country, with "
                         "the values over time as a small line, and the cluster's signals."));
    ov->corner = tr(&x, N_("Indicator"));
    ov->columns = cols;
    ov->widths = widths;
    ov->ncols = 5;
    ov->rows = rows;
    ov->nrows = n;
    ov->cells = cells;
    ov->sparks = 1;
    d->overview = n ? ov : NULL;
    d->indicators = ind;
    d->n = n;
    return x.oom ? KL_ENOMEM : 0;
}
