/* indicators.c - the four indicators over the columnar table, each its own pass on all
 * workers with per-worker counters added up at the end:
 *
 *   1 admissions and bed-days per municipality and month;
 *   2 index admissions of persons 65+ and those followed by the next acute admission 0-30
 *     days after discharge (a radix sort by person, admit date, then admission id);
 *   3 acute admissions of persons 65+ with a preventable primary diagnosis;
 *   4 bed-days of persons 65+ per 1,000 residents 65+, for every row of the population.
 *
 * Age is the year of admission minus the birth year; the year of an admission is the year
 * of its admit date, and its bed-days are discharge minus admit (0 for a same-day stay). */
#include "engine/internal.h"

#include "core/date.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_ROWS ((size_t)1 << 20)

/* A stretch of one segment's rows, the unit of work of a pass. */
struct block {
    const struct engine_segment *s;
    size_t lo, hi;
    size_t base; /* global row of lo */
};

struct blocks {
    size_t n;
    struct block *b;
};

static int blocks_make(const struct engine_table *t, struct blocks *bl)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nseg; i++)
        n += (t->seg[i].n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    bl->n = 0;
    bl->b = malloc((n ? n : 1) * sizeof(*bl->b));
    if (!bl->b)
        return KL_ENOMEM;
    for (size_t i = 0; i < t->nseg; i++)
        for (size_t lo = 0; lo < t->seg[i].n; lo += BLOCK_ROWS)
            bl->b[bl->n++] = (struct block){&t->seg[i], lo,
                                            lo + BLOCK_ROWS < t->seg[i].n ? lo + BLOCK_ROWS
                                                                          : t->seg[i].n,
                                            t->base[i] + lo};
    return 0;
}

int engine_calc_init(struct engine_calc *c, const struct engine_table *t,
                     const struct engine_munis *m, int nthreads)
{
    int y0, y1, mo, d;

    memset(c, 0, sizeof(*c));
    c->t = t;
    c->munis = m;
    c->nthreads = nthreads < 1 ? 1 : nthreads;
    c->prev_flag = t->dict.flag;
    if (t->nrows == 0)
        return 0;
    c->min_day = t->min_admit;
    c->ndays = (size_t)((int64_t)t->max_admit - t->min_admit + 1);
    c->month_of = malloc(c->ndays * sizeof(*c->month_of));
    c->year_of = malloc(c->ndays * sizeof(*c->year_of));
    if (!c->month_of || !c->year_of)
        return KL_ENOMEM;
    for (size_t i = 0; i < c->ndays; i++) {
        int y, mm, dd;
        date_to_ymd(c->min_day + (int32_t)i, &y, &mm, &dd);
        c->month_of[i] = y * 12 + mm - 1;
    }
    date_to_ymd(t->min_admit, &y0, &mo, &d);
    date_to_ymd(t->max_admit, &y1, &mo, &d);
    c->min_year = y0;
    c->nyears = y1 - y0 + 1;
    for (size_t i = 0; i < c->ndays; i++)
        c->year_of[i] = (int16_t)(c->month_of[i] / 12 - y0);
    return 0;
}

void engine_calc_free(struct engine_calc *c)
{
    free(c->month_of);
    free(c->year_of);
    c->month_of = NULL;
    c->year_of = NULL;
}

/* ---- per-worker yearly counters -------------------------------------------------------- */

/* nw workers x nv values x nyears x nmuni counters in one zeroed block. */
struct yearly {
    int nw, nv, nyears, nmuni;
    int64_t *c;
};

static int yearly_make(struct yearly *y, const struct engine_calc *c, int nv)
{
    y->nw = c->nthreads;
    y->nv = nv;
    y->nyears = c->nyears;
    y->nmuni = c->munis->n;
    y->c = calloc((size_t)y->nw * (size_t)nv * (size_t)(y->nyears ? y->nyears : 1) *
                      (size_t)y->nmuni,
                  sizeof(*y->c));
    return y->c ? 0 : KL_ENOMEM;
}

static inline int64_t *yearly_at(const struct yearly *y, int w, int v, int year, int mi)
{
    return y->c + (((size_t)w * (size_t)y->nv + (size_t)v) * (size_t)y->nyears + (size_t)year) *
                      (size_t)y->nmuni + (size_t)mi;
}

/* Adds every worker's counters into worker 0's. */
static void yearly_sum(struct yearly *y)
{
    size_t per = (size_t)y->nv * (size_t)y->nyears * (size_t)y->nmuni;
    for (int w = 1; w < y->nw; w++)
        for (size_t i = 0; i < per; i++)
            y->c[i] += y->c[(size_t)w * per + i];
}

/* ---- indicator 1: admissions and bed-days per month ------------------------------------ */

struct monthly_job {
    const struct engine_calc *c;
    const struct blocks *bl;
    int min_month;
    size_t nmonths;
    int64_t ***blk;      /* [worker][month] -> nmuni x 2 counters, allocated on first use */
    _Atomic int oom;
};

static void monthly_task(void *arg, size_t i, int w)
{
    struct monthly_job *job = arg;
    const struct block *b = &job->bl->b[i];
    const struct engine_segment *s = b->s;
    const int32_t *month_of = job->c->month_of;
    int64_t **blk = job->blk[w];
    int32_t min_day = job->c->min_day;
    size_t nmuni = (size_t)job->c->munis->n;

    for (size_t r = b->lo; r < b->hi; r++) {
        size_t mo = (size_t)(month_of[s->admit[r] - min_day] - job->min_month);
        int64_t *cnt = blk[mo];
        if (!cnt) {
            cnt = blk[mo] = calloc(nmuni * 2, sizeof(*cnt));
            if (!cnt) {
                atomic_store(&job->oom, 1);
                return;
            }
        }
        cnt += (size_t)s->muni[r] * 2;
        cnt[0]++;
        cnt[1] += s->discharge[r] - s->admit[r];
    }
}

int engine_monthly(const struct engine_calc *c, struct engine_rows *out, struct kl_error *err)
{
    struct blocks bl = {0, NULL};
    struct monthly_job job = {.c = c, .bl = &bl};
    int rc = KL_ENOMEM;
    size_t nmuni = (size_t)c->munis->n;

    memset(out, 0, sizeof(*out));
    if (c->t->nrows == 0)
        return 0;
    atomic_init(&job.oom, 0);
    job.min_month = c->month_of[0];
    job.nmonths = (size_t)(c->month_of[c->ndays - 1] - job.min_month + 1);
    job.blk = calloc((size_t)c->nthreads, sizeof(*job.blk));
    if (!job.blk || blocks_make(c->t, &bl))
        goto out;
    for (int w = 0; w < c->nthreads; w++)
        if (!(job.blk[w] = calloc(job.nmonths, sizeof(**job.blk))))
            goto out;
    engine_parallel(c->nthreads, bl.n, monthly_task, &job, NULL, NULL);
    if (atomic_load(&job.oom))
        goto out;
    for (size_t mo = 0; mo < job.nmonths; mo++) {
        for (int w = 1; w < c->nthreads; w++) {
            int64_t *src = job.blk[w][mo];
            if (!src)
                continue;
            if (!job.blk[0][mo]) {
                job.blk[0][mo] = src;
                job.blk[w][mo] = NULL;
                continue;
            }
            for (size_t i = 0; i < nmuni * 2; i++)
                job.blk[0][mo][i] += src[i];
        }
    }
    for (size_t mi = 0; mi < nmuni; mi++) {
        for (size_t mo = 0; mo < job.nmonths; mo++) {
            const int64_t *cnt = job.blk[0][mo];
            int ym = job.min_month + (int)mo;
            if (!cnt || cnt[mi * 2] == 0)
                continue;
            struct engine_row r = {c->munis->code[mi], (int16_t)(ym / 12), (int8_t)(ym % 12 + 1),
                                   0, {cnt[mi * 2], cnt[mi * 2 + 1], 0, 0}};
            if (engine_rows_add(out, &r))
                goto out;
        }
    }
    rc = 0;
out:
    for (int w = 0; job.blk && w < c->nthreads; w++) {
        for (size_t mo = 0; job.blk[w] && mo < job.nmonths; mo++)
            free(job.blk[w][mo]);
        free(job.blk[w]);
    }
    free(job.blk);
    free(bl.b);
    if (rc) {
        engine_rows_free(out);
        kl_error_set(err, rc, "admissions_monthly: %s", kl_status_name(rc));
    }
    return rc;
}

/* ---- indicators 3 and 4: yearly sums over persons 65+ ---------------------------------- */

struct yearly_job {
    const struct engine_calc *c;
    const struct blocks *bl;
    struct yearly *y;
    int preventable; /* 1: indicator 3, 0: indicator 4 */
};

static void yearly_task(void *arg, size_t i, int w)
{
    struct yearly_job *job = arg;
    const struct block *b = &job->bl->b[i];
    const struct engine_segment *s = b->s;
    const struct engine_calc *c = job->c;
    int64_t *v0 = yearly_at(job->y, w, 0, 0, 0), *v1 = yearly_at(job->y, w, 1, 0, 0);
    const int16_t *year_of = c->year_of;
    const int32_t min_day = c->min_day;
    const size_t nmuni = (size_t)job->y->nmuni;

    /* branch-free: about half the rows are of persons 65+, in no order */
    if (job->preventable) {
        const uint8_t *flag = c->prev_flag;
        for (size_t r = b->lo; r < b->hi; r++) {
            int yr = year_of[s->admit[r] - min_day];
            int64_t old = c->min_year + yr - s->birth[r] >= 65;
            size_t at = (size_t)yr * nmuni + s->muni[r];
            v1[at] += old;
            v0[at] += old & s->acute[r] & flag[s->diag[r]];
        }
    } else {
        for (size_t r = b->lo; r < b->hi; r++) {
            int yr = year_of[s->admit[r] - min_day];
            int64_t old = c->min_year + yr - s->birth[r] >= 65;
            size_t at = (size_t)yr * nmuni + s->muni[r];
            v1[at] += old;
            v0[at] += old * (s->discharge[r] - s->admit[r]);
        }
    }
}

/* Runs the yearly pass (preventable or bed-days) into y (2 values, summed into worker 0). */
static int yearly_pass(const struct engine_calc *c, int preventable, struct yearly *y)
{
    struct blocks bl = {0, NULL};
    struct yearly_job job = {c, &bl, y, preventable};

    if (yearly_make(y, c, 2))
        return KL_ENOMEM;
    if (blocks_make(c->t, &bl)) {
        free(y->c);
        y->c = NULL;
        return KL_ENOMEM;
    }
    engine_parallel(c->nthreads, bl.n, yearly_task, &job, NULL, NULL);
    yearly_sum(y);
    free(bl.b);
    return 0;
}

int engine_preventable(const struct engine_calc *c, struct engine_rows *out,
                       struct kl_error *err)
{
    struct yearly y = {0};
    int rc;

    memset(out, 0, sizeof(*out));
    if (c->t->nrows == 0)
        return 0;
    if ((rc = yearly_pass(c, 1, &y)) != 0)
        goto out;
    for (int mi = 0; mi < c->munis->n && rc == 0; mi++) {
        for (int yr = 0; yr < c->nyears && rc == 0; yr++) {
            int64_t adm65 = *yearly_at(&y, 0, 1, yr, mi);
            if (adm65 == 0)
                continue;
            struct engine_row r = {c->munis->code[mi], (int16_t)(c->min_year + yr), 0, 0,
                                   {*yearly_at(&y, 0, 0, yr, mi), adm65, 0, 0}};
            rc = engine_rows_add(out, &r);
        }
    }
out:
    free(y.c);
    if (rc) {
        engine_rows_free(out);
        kl_error_set(err, rc, "preventable_65: %s", kl_status_name(rc));
    }
    return rc;
}

int engine_bed_days(const struct engine_calc *c, const struct engine_population *p,
                    struct engine_rows *out, struct kl_error *err)
{
    struct yearly y = {0};
    int rc = 0;

    memset(out, 0, sizeof(*out));
    if (c->t->nrows && (rc = yearly_pass(c, 0, &y)) != 0)
        goto out;
    for (size_t i = 0; i < p->n && rc == 0; i++) {
        const struct engine_pop *pp = &p->row[i];
        int yr = pp->year - c->min_year, mi = c->munis->index[pp->code];
        int64_t bed = 0, adm = 0;
        if (c->t->nrows && yr >= 0 && yr < c->nyears) {
            bed = *yearly_at(&y, 0, 0, yr, mi);
            adm = *yearly_at(&y, 0, 1, yr, mi);
        }
        struct engine_row r = {pp->code, pp->year, 0, 0,
                               {bed, pp->pop65,
                                pp->pop65 > 0 ? (200000 * bed + pp->pop65) / (2 * pp->pop65) : -1,
                                adm}};
        rc = engine_rows_add(out, &r);
    }
out:
    free(y.c);
    if (rc) {
        engine_rows_free(out);
        kl_error_set(err, rc, "bed_days_per_1000_65: %s", kl_status_name(rc));
    }
    return rc;
}

/* ---- indicator 2: readmissions --------------------------------------------------------- */

/* Items for the sort. Fast layout (person and admit fit one key):
 *   key = person << abits | admit; val = row << 32 | muni << 24 | elig << 23 | acute << 22 | los
 * Wide layout (any person ids):
 *   key = person;                  val = admit << 42 | row << 10 | muni << 2 | elig << 1 | acute
 * where person and admit are relative to their minimum. */
struct readm_job {
    const struct engine_calc *c;
    const struct blocks *bl;
    size_t *start;           /* per block: first item */
    struct engine_item *items;
    int fast;
    unsigned abits;
    struct yearly *y;
    size_t *cut;             /* nthreads + 1 item ranges for the scan */
};

static inline int age65(const struct engine_calc *c, const struct engine_segment *s, size_t r)
{
    return c->month_of[s->admit[r] - c->min_day] / 12 - s->birth[r] >= 65;
}

static void readm_count_task(void *arg, size_t i, int w)
{
    struct readm_job *job = arg;
    const struct block *b = &job->bl->b[i];
    size_t k = 0;
    (void)w;
    for (size_t r = b->lo; r < b->hi; r++)
        k += b->s->acute[r] || age65(job->c, b->s, r);
    job->start[i] = k;
}

static void readm_fill_task(void *arg, size_t i, int w)
{
    struct readm_job *job = arg;
    const struct block *b = &job->bl->b[i];
    const struct engine_segment *s = b->s;
    const struct engine_calc *c = job->c;
    struct engine_item *it = job->items + job->start[i];
    uint64_t minp = c->t->min_person;
    (void)w;
    for (size_t r = b->lo; r < b->hi; r++) {
        uint64_t elig = (uint64_t)age65(c, s, r), row = b->base + (r - b->lo);
        uint64_t admit = (uint64_t)(s->admit[r] - c->min_day);
        if (!s->acute[r] && !elig)
            continue;
        if (job->fast) {
            it->key = (s->person[r] - minp) << job->abits | admit;
            it->val = row << 32 | (uint64_t)s->muni[r] << 24 | elig << 23 |
                      (uint64_t)s->acute[r] << 22 | (uint64_t)(s->discharge[r] - s->admit[r]);
        } else {
            it->key = s->person[r] - minp;
            it->val = admit << 42 | row << 10 | (uint64_t)s->muni[r] << 2 | elig << 1 |
                      s->acute[r];
        }
        it++;
    }
}

struct decoded {
    uint64_t person;
    int32_t admit, discharge;  /* relative to min_day */
    size_t row;
    int muni, elig, acute;
};

static inline void decode(const struct readm_job *job, const struct engine_item *it,
                          struct decoded *d)
{
    if (job->fast) {
        d->person = it->key >> job->abits;
        d->admit = (int32_t)(it->key & (((uint64_t)1 << job->abits) - 1));
        d->row = (size_t)(it->val >> 32);
        d->muni = (int)((it->val >> 24) & 0xff);
        d->elig = (int)((it->val >> 23) & 1);
        d->acute = (int)((it->val >> 22) & 1);
        d->discharge = d->admit + (int32_t)(it->val & 0x3fffff);
    } else {
        size_t seg, local;
        d->person = it->key;
        d->admit = (int32_t)(it->val >> 42);
        d->row = (size_t)((it->val >> 10) & 0xffffffffu);
        d->muni = (int)((it->val >> 2) & 0xff);
        d->elig = (int)((it->val >> 1) & 1);
        d->acute = (int)(it->val & 1);
        engine_table_locate(job->c->t, d->row, &seg, &local);
        d->discharge = job->c->t->seg[seg].discharge[local] - job->c->min_day;
    }
}

static inline int same_key(const struct readm_job *job, const struct engine_item *a,
                           const struct engine_item *b)
{
    if (job->fast)
        return a->key == b->key;
    return a->key == b->key && (a->val >> 42) == (b->val >> 42);
}

static uint64_t adm_id_of(const struct engine_table *t, size_t row)
{
    size_t seg, local;
    engine_table_locate(t, row, &seg, &local);
    return t->seg[seg].adm_id[local];
}

/* Orders runs of equal (person, admit) by admission id (then row). */
static void fix_ties(const struct readm_job *job, struct engine_item *it, size_t n)
{
    for (size_t i = 0; i + 1 < n;) {
        size_t j = i + 1;
        while (j < n && same_key(job, &it[i], &it[j]))
            j++;
        for (size_t a = i + 1; a < j; a++) {
            struct engine_item x = it[a];
            struct decoded dx, dp;
            size_t b = a;
            decode(job, &x, &dx);
            uint64_t idx = adm_id_of(job->c->t, dx.row);
            while (b > i) {
                decode(job, &it[b - 1], &dp);
                uint64_t idp = adm_id_of(job->c->t, dp.row);
                if (idp < idx || (idp == idx && dp.row < dx.row))
                    break;
                it[b] = it[b - 1];
                b--;
            }
            it[b] = x;
        }
        i = j;
    }
}

static void readm_scan_task(void *arg, size_t t, int w)
{
    struct readm_job *job = arg;
    const struct engine_calc *c = job->c;
    size_t lo = job->cut[t], hi = job->cut[t + 1];
    int64_t *idx = yearly_at(job->y, w, 0, 0, 0), *re = yearly_at(job->y, w, 1, 0, 0);
    size_t nmuni = (size_t)job->y->nmuni;
    const int32_t none = INT32_MAX;
    int32_t next_acute = none;
    uint64_t person = 0;

    for (size_t i = hi; i > lo; i--) {
        struct decoded d;
        decode(job, &job->items[i - 1], &d);
        if (i == hi || d.person != person) {
            person = d.person;
            next_acute = none;
        }
        if (d.elig) {
            int year = c->month_of[d.admit] / 12;
            size_t at = (size_t)(year - c->min_year) * nmuni + (size_t)d.muni;
            idx[at]++;
            if (next_acute != none && next_acute - d.discharge >= 0 &&
                next_acute - d.discharge <= 30)
                re[at]++;
        }
        if (d.acute)
            next_acute = d.admit;
    }
}

static inline uint64_t person_of(const struct readm_job *job, const struct engine_item *it)
{
    return job->fast ? it->key >> job->abits : it->key;
}

int engine_readmissions(const struct engine_calc *c, struct engine_rows *out,
                        struct kl_error *err)
{
    struct blocks bl = {0, NULL};
    struct readm_job job = {.c = c, .bl = &bl};
    struct yearly y = {0};
    struct engine_item *items = NULL, *tmp = NULL, *sorted;
    size_t n = 0;
    unsigned pbits;
    int rc = KL_ENOMEM;

    memset(out, 0, sizeof(*out));
    if (c->t->nrows == 0)
        return 0;
    if (c->t->nrows > UINT32_MAX) {
        return kl_error_set(err, KL_ELIMIT, "readmissions_65: more than %u admissions",
                            UINT32_MAX);
    }
    job.abits = engine_bits((uint64_t)(c->t->max_admit - c->min_day));
    pbits = engine_bits(c->t->max_person - c->t->min_person);
    job.fast = pbits + job.abits <= 64;
    if (blocks_make(c->t, &bl) || yearly_make(&y, c, 2))
        goto out;
    job.y = &y;
    job.start = malloc((bl.n + 1) * sizeof(*job.start));
    job.cut = malloc(((size_t)c->nthreads + 1) * sizeof(*job.cut));
    if (!job.start || !job.cut)
        goto out;
    engine_parallel(c->nthreads, bl.n, readm_count_task, &job, NULL, NULL);
    for (size_t i = 0; i < bl.n; i++) {
        size_t k = job.start[i];
        job.start[i] = n;
        n += k;
    }
    items = engine_big_alloc(n * sizeof(*items));
    tmp = engine_big_alloc(n * sizeof(*tmp));
    if (!items || !tmp)
        goto out;
    job.items = items;
    engine_parallel(c->nthreads, bl.n, readm_fill_task, &job, NULL, NULL);
    if (job.fast) {
        sorted = engine_radix_sort(items, tmp, n, 0, 0, pbits + job.abits, c->nthreads);
    } else {
        sorted = engine_radix_sort(items, tmp, n, 1, 42, job.abits, c->nthreads);
        if (sorted)
            sorted = engine_radix_sort(sorted, sorted == items ? tmp : items, n, 0, 0, pbits,
                                       c->nthreads);
    }
    if (!sorted)
        goto out;
    job.items = sorted;
    fix_ties(&job, sorted, n);
    /* one stretch of whole persons per worker */
    job.cut[0] = 0;
    for (int t = 1; t <= c->nthreads; t++) {
        size_t at = n * (size_t)t / (size_t)c->nthreads;
        if (at < job.cut[t - 1])
            at = job.cut[t - 1];
        while (at > job.cut[t - 1] && at < n &&
               person_of(&job, &sorted[at]) == person_of(&job, &sorted[at - 1]))
            at++;
        job.cut[t] = t == c->nthreads ? n : at;
    }
    engine_parallel(c->nthreads, (size_t)c->nthreads, readm_scan_task, &job, NULL, NULL);
    yearly_sum(&y);
    rc = 0;
    for (int mi = 0; mi < c->munis->n && rc == 0; mi++) {
        for (int yr = 0; yr < c->nyears && rc == 0; yr++) {
            int64_t idx = *yearly_at(&y, 0, 0, yr, mi);
            if (idx == 0)
                continue;
            struct engine_row r = {c->munis->code[mi], (int16_t)(c->min_year + yr), 0, 0,
                                   {idx, *yearly_at(&y, 0, 1, yr, mi), 0, 0}};
            rc = engine_rows_add(out, &r);
        }
    }
out:
    engine_big_free(items, n * sizeof(*items));
    engine_big_free(tmp, n * sizeof(*tmp));
    free(bl.b);
    free(y.c);
    free(job.start);
    free(job.cut);
    if (rc) {
        engine_rows_free(out);
        kl_error_set(err, rc, "readmissions_65: %s", kl_status_name(rc));
    }
    return rc;
}
