/* table.c - the engine's memory: the columnar table and its segments, the diagnosis
 * dictionary, the municipality list, result rows, and running work on threads. */
#include "engine/internal.h"

#include "core/csv.h"
#include "core/embed.h"
#include "core/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

extern const struct embedded_file refdata_files[];

int engine_munis_load(struct engine_munis *m, struct kl_error *err)
{
    const struct embedded_file *f = embed_find(refdata_files, "municipalities.csv");
    struct csv_reader *r;
    struct csv_record rec;
    int col, rc;

    memset(m, 0, sizeof(*m));
    for (int i = 0; i < ENGINE_MUNI_CODES; i++)
        m->index[i] = -1;
    if (!f)
        return kl_error_set(err, KL_EINVAL, "municipalities.csv is not in this build");
    r = csv_open_mem((const char *)f->data, f->size, ',', 0, err);
    if (!r)
        return err ? err->code : KL_ENOMEM;
    rc = csv_next(r, &rec, err);
    col = rc == 1 ? csv_header_index(&rec, "municipality_code") : -1;
    if (col < 0) {
        csv_close(r);
        return kl_error_set(err, KL_EINVAL, "municipalities.csv: no municipality_code column");
    }
    while ((rc = csv_next(r, &rec, err)) == 1) {
        char *end = NULL;
        long code = (size_t)col < rec.nfields ? strtol(rec.fields[col], &end, 10) : 0;
        if (!end || *end || code < 1 || code >= ENGINE_MUNI_CODES || m->n >= ENGINE_MUNI_MAX) {
            csv_close(r);
            return kl_error_set(err, KL_EINVAL, "municipalities.csv:%zu: bad code", rec.line);
        }
        m->index[code] = 0;
    }
    csv_close(r);
    if (rc < 0)
        return rc;
    for (int c = 0; c < ENGINE_MUNI_CODES; c++) {
        if (m->index[c] == 0 && m->n < ENGINE_MUNI_MAX) {
            m->code[m->n] = (uint16_t)c;
            m->index[c] = (int16_t)m->n++;
        }
    }
    return 0;
}

/* ---- dictionary ------------------------------------------------------------------------ */

void engine_dict_init(struct engine_dict *d)
{
    memset(d, 0, sizeof(*d));
}

void engine_dict_free(struct engine_dict *d)
{
    free(d->off);
    free(d->bytes);
    free(d->slot);
    free(d->flag);
    engine_dict_init(d);
}

uint64_t engine_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static int dict_rehash(struct engine_dict *d, uint32_t nslot)
{
    uint32_t *slot = calloc(nslot, sizeof(*slot));
    if (!slot)
        return KL_ENOMEM;
    for (uint32_t id = 0; id < d->n; id++) {
        size_t n = d->off[id + 1] - d->off[id];
        uint32_t h = (uint32_t)engine_fnv(ENGINE_FNV_INIT, d->bytes + d->off[id], n);
        uint32_t i = h & (nslot - 1);
        while (slot[i])
            i = (i + 1) & (nslot - 1);
        slot[i] = id + 1;
    }
    free(d->slot);
    d->slot = slot;
    d->nslot = nslot;
    return 0;
}

int engine_dict_intern(struct engine_dict *d, const char *s, size_t n, uint32_t *id)
{
    uint32_t h, i;

    if (!d->off) {
        d->off = calloc(1, sizeof(*d->off));
        if (!d->off || dict_rehash(d, 64))
            return KL_ENOMEM;
    }
    h = (uint32_t)engine_fnv(ENGINE_FNV_INIT, s, n);
    for (i = h & (d->nslot - 1); d->slot[i]; i = (i + 1) & (d->nslot - 1)) {
        uint32_t e = d->slot[i] - 1;
        if (d->off[e + 1] - d->off[e] == n && memcmp(d->bytes + d->off[e], s, n) == 0) {
            *id = e;
            return 0;
        }
    }
    if (d->n == UINT32_MAX - 1)
        return KL_ENOMEM;
    if (d->n + 1 >= d->cap) {
        uint32_t cap = d->cap ? d->cap * 2 : 64;
        uint32_t *off = realloc(d->off, ((size_t)cap + 1) * sizeof(*off));
        if (!off)
            return KL_ENOMEM;
        d->off = off;
        d->cap = cap;
    }
    if (d->nbytes + n > d->bytes_cap) {
        size_t cap = d->bytes_cap ? d->bytes_cap * 2 : 1024;
        while (cap < d->nbytes + n)
            cap *= 2;
        char *b = realloc(d->bytes, cap);
        if (!b)
            return KL_ENOMEM;
        d->bytes = b;
        d->bytes_cap = cap;
    }
    if (n)
        memcpy(d->bytes + d->nbytes, s, n);
    d->nbytes += n;
    d->off[d->n + 1] = (uint32_t)d->nbytes;
    d->slot[i] = d->n + 1;
    *id = d->n++;
    if ((uint64_t)d->n * 2 > d->nslot)
        return dict_rehash(d, d->nslot * 2);
    return 0;
}

const char *engine_dict_get(const struct engine_dict *d, uint32_t id, size_t *n)
{
    *n = d->off[id + 1] - d->off[id];
    return d->bytes + d->off[id];
}

/* ---- segments and the table ------------------------------------------------------------ */

static size_t align64(size_t n)
{
    return (n + 63) & ~(size_t)63;
}

int engine_segment_reserve(struct engine_segment *s, size_t cap, int contacts)
{
    size_t sizes[10] = {8, 8, 4, 4, 2, 1, 1, 4, contacts ? 8 : 0, contacts ? 8 : 0};
    size_t len = 0, off[10];
    char *p;

    memset(s, 0, sizeof(*s));
    if (cap == 0)
        cap = 1;
    for (int i = 0; i < 10; i++) {
        off[i] = len;
        len += align64(cap * sizes[i]);
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
             -1, 0);
    if (p == MAP_FAILED)
        return KL_ENOMEM;
    s->map = p;
    s->map_len = len;
    s->cap = cap;
    s->adm_id = (uint64_t *)(p + off[0]);
    s->person = (uint64_t *)(p + off[1]);
    s->admit = (int32_t *)(p + off[2]);
    s->discharge = (int32_t *)(p + off[3]);
    s->birth = (uint16_t *)(p + off[4]);
    s->muni = (uint8_t *)(p + off[5]);
    s->acute = (uint8_t *)(p + off[6]);
    s->diag = (uint32_t *)(p + off[7]);
    if (contacts) {
        s->cstart = (int64_t *)(p + off[8]);
        s->cend = (int64_t *)(p + off[9]);
    }
    return 0;
}

void engine_segment_free(struct engine_segment *s)
{
    if (s->map)
        munmap(s->map, s->map_len);
    memset(s, 0, sizeof(*s));
}

int engine_table_index(struct engine_table *t)
{
    free(t->base);
    t->base = malloc((t->nseg + 1) * sizeof(*t->base));
    if (!t->base)
        return KL_ENOMEM;
    t->nrows = 0;
    t->min_admit = INT32_MAX;
    t->max_admit = INT32_MIN;
    t->min_person = UINT64_MAX;
    t->max_person = 0;
    for (size_t i = 0; i < t->nseg; i++) {
        const struct engine_segment *s = &t->seg[i];
        t->base[i] = t->nrows;
        t->nrows += s->n;
        for (size_t r = 0; r < s->n; r++) {
            if (s->admit[r] < t->min_admit)
                t->min_admit = s->admit[r];
            if (s->admit[r] > t->max_admit)
                t->max_admit = s->admit[r];
            if (s->person[r] < t->min_person)
                t->min_person = s->person[r];
            if (s->person[r] > t->max_person)
                t->max_person = s->person[r];
        }
    }
    t->base[t->nseg] = t->nrows;
    if (t->nrows == 0) {
        t->min_admit = t->max_admit = 0;
        t->min_person = t->max_person = 0;
    }
    return 0;
}

void engine_table_free(struct engine_table *t)
{
    for (size_t i = 0; i < t->nseg; i++)
        engine_segment_free(&t->seg[i]);
    free(t->seg);
    free(t->base);
    engine_dict_free(&t->dict);
    memset(t, 0, sizeof(*t));
}

void engine_table_locate(const struct engine_table *t, size_t r, size_t *seg, size_t *local)
{
    size_t lo = 0, hi = t->nseg;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->base[mid] <= r)
            lo = mid;
        else
            hi = mid;
    }
    *seg = lo;
    *local = r - t->base[lo];
}

void *engine_big_alloc(size_t n)
{
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void engine_big_free(void *p, size_t n)
{
    if (p)
        munmap(p, n ? n : 1);
}

/* ---- result rows ----------------------------------------------------------------------- */

int engine_rows_add(struct engine_rows *rs, const struct engine_row *r)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 256;
        struct engine_row *p = realloc(rs->row, cap * sizeof(*p));
        if (!p)
            return KL_ENOMEM;
        rs->row = p;
        rs->cap = cap;
    }
    rs->row[rs->n++] = *r;
    return 0;
}

void engine_rows_free(struct engine_rows *rs)
{
    free(rs->row);
    memset(rs, 0, sizeof(*rs));
}

/* ---- threads --------------------------------------------------------------------------- */

double engine_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct pool {
    engine_task_fn fn;
    void *arg;
    size_t ntasks;
    _Atomic size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int running;
};

struct worker {
    struct pool *pool;
    int id;
};

static void *worker_main(void *p)
{
    struct worker *w = p;
    struct pool *pool = w->pool;
    size_t i;

    while ((i = atomic_fetch_add(&pool->next, 1)) < pool->ntasks)
        pool->fn(pool->arg, i, w->id);
    pthread_mutex_lock(&pool->mu);
    pool->running--;
    pthread_cond_signal(&pool->cv);
    pthread_mutex_unlock(&pool->mu);
    return NULL;
}

void engine_parallel(int nthreads, size_t ntasks, engine_task_fn fn, void *arg,
                     engine_tick_fn tick, void *tick_arg)
{
    struct pool pool = {.fn = fn, .arg = arg, .ntasks = ntasks};
    struct worker w[64];
    pthread_t th[64];
    int started = 0;

    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > 64)
        nthreads = 64;
    if ((size_t)nthreads > ntasks)
        nthreads = ntasks ? (int)ntasks : 1;
    atomic_init(&pool.next, 0);
    if (nthreads == 1 && !tick) {
        for (size_t i = 0; i < ntasks; i++)
            fn(arg, i, 0);
        return;
    }
    pthread_mutex_init(&pool.mu, NULL);
    pthread_cond_init(&pool.cv, NULL);
    pool.running = nthreads;
    for (int i = 0; i < nthreads; i++) {
        w[i].pool = &pool;
        w[i].id = i;
        if (pthread_create(&th[i], NULL, worker_main, &w[i]) != 0)
            break;
        started++;
    }
    pthread_mutex_lock(&pool.mu);
    pool.running -= nthreads - started;
    pthread_mutex_unlock(&pool.mu);
    if (started == 0) {
        /* no thread could be started: do the work here, as worker 0 */
        size_t i;
        while ((i = atomic_fetch_add(&pool.next, 1)) < ntasks)
            fn(arg, i, 0);
    }
    pthread_mutex_lock(&pool.mu);
    while (pool.running > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 250000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&pool.cv, &pool.mu, &ts);
        if (tick && pool.running > 0) {
            pthread_mutex_unlock(&pool.mu);
            tick(tick_arg);
            pthread_mutex_lock(&pool.mu);
        }
    }
    pthread_mutex_unlock(&pool.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&pool.mu);
    pthread_cond_destroy(&pool.cv);
}
